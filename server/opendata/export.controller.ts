// The directory's list as a file: the page's own query, CSV or GeoJSON, streamed with backpressure.
import type { Request, Response } from 'express';
import { directoryQuerySchema, withOpenAt, type DirectoryEngine } from '../directory/index.ts';
import { safeQuery } from '../shared/http/query.ts';
import { parseInput } from '../shared/http/validate.ts';
import { writeExport, type ExportFormat, type Sink } from './export.service.ts';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
};

class ReaderGone extends Error {}

/**
 * Writes to the response, waiting for `drain` when its buffer is full; a reader who left stops the export. One
 * listener of each kind for the whole export: the compression middleware hands `drain` listeners to its stream and
 * cannot take them back.
 */
function responseSink(res: Response): Sink {
  let waiting: { resolve: () => void; reject: (error: Error) => void } | undefined;
  const settle = (error?: Error) => {
    const waiter = waiting;
    waiting = undefined;
    if (error) waiter?.reject(error);
    else waiter?.resolve();
  };
  res.on('drain', () => settle());
  res.once('close', () => settle(new ReaderGone()));
  return (chunk) => {
    if (res.destroyed) return Promise.reject(new ReaderGone());
    if (res.write(chunk)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      waiting = { resolve, reject };
    });
  };
}

export function exportController(directory: DirectoryEngine, baseUrl: string) {
  const download = (format: ExportFormat) => async (req: Request, res: Response) => {
    // Bad input is refused before anything is written, with the page's own messages.
    const query = parseInput(directoryQuerySchema, withOpenAt(safeQuery(req)));
    const found = directory.resultIds(query);
    res.status(200);
    res.type(CONTENT_TYPES[format]);
    res.attachment(`passerelle-locations.${format}`);
    res.setHeader('X-Result-Count', String(found.count));
    try {
      await writeExport(format, found, baseUrl, responseSink(res));
      res.end();
    } catch (error) {
      if (error instanceof ReaderGone) return;
      // Headers are sent: the only honest signal left is a cut-off answer.
      res.destroy(error instanceof Error ? error : undefined);
      throw error;
    }
  };
  return { csv: download('csv'), geojson: download('geojson') };
}
