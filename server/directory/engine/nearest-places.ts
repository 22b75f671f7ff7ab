// What a search that finds nothing offers instead: the places nearest to where its words point, or to the map's centre.
import { tokenize } from '../../shared/text/normalize.ts';
import type { DirectoryEntry } from './directory-entry.ts';
import type { PlaceNameTable } from './place-names.ts';

export interface Origin {
  lat: number;
  lng: number;
  /** The place the query's words name, in the reader's language; absent for the map's centre. */
  name?: string;
}

/** Shorter runs of letters ("de", "la") name too many places by chance to say where someone looks. */
const MIN_PLACE_KEY_LENGTH = 3;

/**
 * The folded name of each locality the directory lists, with one of its places: built once per index version (on a
 * search that finds nothing), with each distinct locality folded once for the engine's life, as folding is what
 * costs.
 */
export class ListedLocalities {
  private version = -1;
  private byKey = new Map<string, DirectoryEntry>();
  private readonly folded = new Map<string, string>();

  named(key: string, entries: () => Iterable<DirectoryEntry>, version: number): DirectoryEntry | undefined {
    if (version !== this.version) {
      this.byKey = new Map();
      for (const entry of entries()) {
        let localityKey = this.folded.get(entry.locality);
        if (localityKey === undefined)
          this.folded.set(entry.locality, (localityKey = tokenize(entry.locality).join(' ')));
        if (!this.byKey.has(localityKey)) this.byKey.set(localityKey, entry);
      }
      this.version = version;
    }
    return this.byKey.get(key);
  }
}

/**
 * Where the query's words point: the longest run of them naming a locality the directory lists, or else one Who's On
 * First knows ("Utrecht coworking" points at Utrecht even where nothing matches "coworking" there).
 */
export function whereWordsPoint(
  q: string,
  lang: string,
  listed: (key: string) => DirectoryEntry | undefined,
  placeNames: PlaceNameTable,
): Origin | undefined {
  const tokens = tokenize(q);
  for (let length = tokens.length; length > 0; length -= 1) {
    for (let from = 0; from + length <= tokens.length; from += 1) {
      const key = tokens.slice(from, from + length).join(' ');
      if (key.length < MIN_PLACE_KEY_LENGTH) continue;
      const entry = listed(key);
      if (entry) {
        const name = placeNames.readerName(entry.countryCode, entry.locality, lang);
        return { lat: entry.lat, lng: entry.lng, name };
      }
      const [known] = placeNames.localitiesNamed(key);
      if (known) return { lat: known.lat, lng: known.lng, name: known.readerNames?.[lang] ?? known.names[0] };
    }
  }
  return undefined;
}

const EARTH_RADIUS_KM = 6371;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** The great-circle distance between two points, in kilometres. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = radians(b.lat - a.lat);
  const dLng = radians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The `count` entries nearest to `origin`, nearest first, with their distances: one pass, keeping the best few. */
export function nearestEntries(
  entries: readonly DirectoryEntry[],
  origin: Origin,
  count: number,
): { entry: DirectoryEntry; km: number }[] {
  const best: { entry: DirectoryEntry; km: number }[] = [];
  for (const entry of entries) {
    const km = distanceKm(origin, entry);
    if (best.length === count && km >= best[count - 1]!.km) continue;
    let at = best.length === count ? count - 1 : best.length;
    while (at > 0 && best[at - 1]!.km > km) {
      best[at] = best[at - 1]!;
      at -= 1;
    }
    best[at] = { entry, km };
  }
  return best;
}
