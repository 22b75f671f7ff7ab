// An Overpass API JSON export (`[out:json]` with `out center tags`), as much of it as the import reads.
import { z } from 'zod';

const position = z.object({ lat: z.number(), lon: z.number() });

export const overpassElementSchema = z.object({
  type: z.enum(['node', 'way', 'relation']),
  id: z.number().int(),
  lat: z.number().optional(),
  lon: z.number().optional(),
  /** Ways and relations, asked for with `out center`. */
  center: position.optional(),
  tags: z.record(z.string(), z.string()).optional(),
});

export const overpassFileSchema = z.object({
  version: z.number().optional(),
  generator: z.string().optional(),
  osm3s: z.object({ copyright: z.string().optional() }).loose().optional(),
  elements: z.array(z.unknown()),
});

export type OverpassElement = z.output<typeof overpassElementSchema>;
