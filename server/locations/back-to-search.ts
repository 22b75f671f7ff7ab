// Where "← All places" leads: the directory search the reader came from, named by the `from` parameter of the link
// they followed, and only ever a URL of our own directory page, so the link cannot send anyone elsewhere.
const ORIGIN = 'http://directory.local';
const MAX_LENGTH = 2000;

/** The directory URL `from` names ("/?q=fablab&page=3"), or "/" when it is missing or not a local directory URL. */
export function backToSearchUrl(from: unknown): string {
  if (typeof from !== 'string' || from.length > MAX_LENGTH || !from.startsWith('/?')) return '/';
  let url: URL;
  try {
    url = new URL(from, ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== ORIGIN || url.pathname !== '/') return '/';
  url.searchParams.delete('from');
  return url.pathname + url.search;
}

/** A place page's URL that remembers the directory search it was reached from. */
export function placeUrlFrom(slug: string, search: string): string {
  const path = `/locations/${encodeURIComponent(slug)}`;
  return search.startsWith('/?') ? `${path}?from=${encodeURIComponent(search)}` : path;
}
