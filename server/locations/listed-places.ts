// Which places the directory lists, for the place page. The directory answers it from memory (it builds on locations,
// so locations may not import it); app.ts hands its answer to the location routes. A slug the directory does not list
// is then a 404 without a database read: FerretDB 1.x would scan every location to find that nothing matches.
export interface ListedPlaces {
  /** The id of the place listed under `slug`; undefined when none is; null when nobody can tell yet (starting up). */
  idOf(slug: string): Promise<string | undefined | null>;
}
