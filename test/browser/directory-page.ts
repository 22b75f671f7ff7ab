// Reading the directory page (map, list, interface strings) the way the browser tests need, and waiting for the map.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

const LOCALES = path.resolve(import.meta.dirname, '../../locales');

/** An interface string straight from locales/<lang>/<namespace>.json, with {{values}} filled in. */
export function uiString(lang: string, key: string, values: Record<string, string | number> = {}): string {
  const [namespace, dotted] = key.split(':') as [string, string];
  const file = JSON.parse(readFileSync(path.join(LOCALES, lang, `${namespace}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
  const found = dotted
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], file);
  if (typeof found !== 'string') throw new Error(`no string ${key} in ${lang}`);
  return found.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));
}

export async function waitForMap(page: Page): Promise<void> {
  // Attached, not visible: on a phone the list's turn hides the map, which still answers every search.
  await page.waitForSelector('#map[data-ready="true"]', { state: 'attached' });
}

/**
 * Runs an action that makes the map refresh (a submit, a click on a cluster, back) and waits until the map and the
 * list show its outcome: the script marks `#map` ready after each refresh, so the mark is taken off first.
 */
export async function afterMapUpdate(page: Page, action: () => Promise<unknown>): Promise<void> {
  await page.locator('#map').evaluate((map: HTMLElement) => {
    delete map.dataset.ready;
  });
  await action();
  await waitForMap(page);
}

export interface DrawnMarker {
  kind: 'cluster' | 'place';
  /** The cluster's count, or 1 for a place. */
  count: number;
  title: string;
  slug: string | undefined;
  /** The marker's centre, in page pixels. */
  x: number;
  y: number;
  /** Whether a click on its centre reaches it rather than a marker drawn over it. */
  onTop: boolean;
  /** Pixels from the centre of the map. */
  fromMapCentre: number;
}

export interface MapState {
  /** `#map`'s data-total: the places in view. */
  total: number;
  markers: DrawnMarker[];
}

export async function mapState(page: Page): Promise<MapState> {
  return page.evaluate(() => {
    const map = document.getElementById('map')!;
    const box = map.getBoundingClientRect();
    const centre = { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    const markers = [...map.querySelectorAll<HTMLElement>('.leaflet-marker-icon')].map((element) => {
      const rect = element.getBoundingClientRect();
      const x = rect.left + rect.width / 2;
      const y = rect.top + rect.height / 2;
      const cluster = element.classList.contains('cluster-marker');
      return {
        kind: cluster ? ('cluster' as const) : ('place' as const),
        count: cluster ? Number(element.dataset.count) : 1,
        title: element.title,
        slug: element.dataset.slug,
        x,
        y,
        onTop: document.elementFromPoint(x, y)?.closest('.leaflet-marker-icon') === element,
        fromMapCentre: Math.hypot(x - centre.x, y - centre.y),
      };
    });
    return { total: Number(map.dataset.total), markers };
  });
}

/** The list heading's text, e.g. "74 places in the map view (of 74)". */
export async function listHeading(page: Page): Promise<string> {
  return ((await page.locator('#results-heading').textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** The first number in the list heading: the places the list holds (in the map view, when there is one). */
export async function listCount(page: Page): Promise<number> {
  const heading = await listHeading(page);
  const match = /\d+/.exec(heading);
  if (!match) throw new Error(`no count in the list heading "${heading}"`);
  return Number(match[0]);
}

/** The slugs on the list's current page, in order. */
export async function listSlugs(page: Page): Promise<string[]> {
  return page
    .locator('#results li.location-item')
    .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.slug ?? ''));
}
