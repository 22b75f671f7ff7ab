// A page of a feed in the style of OpenActive's RPDE (change-number ordering): up to 500 items after a change number,
// each the latest state of one record (`updated` with its data, or `deleted`), and the URL of the next page; the last
// page's `next` is its own URL. The order comes from memory (FeedIndex), the records from one `$in` by `_id`.
import type { FeedIndex } from './feed-index.ts';
import type { FeedKind } from './feed-kinds.ts';
import { FEED_PAGE_SIZE } from './feed.schemas.ts';

export interface FeedItem {
  state: 'updated' | 'deleted';
  kind: string;
  id: string;
  modified: number;
  data?: Record<string, unknown>;
}

export interface FeedPage {
  next: string;
  items: FeedItem[];
  license: string;
}

export async function feedPage(
  index: FeedIndex,
  kind: FeedKind,
  after: number,
  urls: { feedUrl: string; baseUrl: string; licence: string },
): Promise<FeedPage> {
  const entries = index.page(kind.kind, after, FEED_PAGE_SIZE);
  const records = await kind.read(
    entries.map((entry) => entry.recordId),
    urls.baseUrl,
  );
  const items = entries.map(({ n, recordId }): FeedItem => {
    const data = records.get(recordId);
    return data
      ? { state: 'updated', kind: kind.kind, id: recordId, modified: n, data }
      : { state: 'deleted', kind: kind.kind, id: recordId, modified: n };
  });
  const last = entries.at(-1)?.n ?? after;
  return { next: `${urls.feedUrl}?afterChangeNumber=${last}`, items, license: urls.licence };
}
