// The home page's filter form against the real database: choices labelled in the reader's language, the chosen ones
// kept selected, and countries following the listings as they are published.
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/** The options of one select of the filter form, as `value:label`, with " selected" when chosen. */
function options(html: string, select: string): string[] {
  const body = new RegExp(`<select id="${select}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
  return [...body.matchAll(/<option value="([^"]*)"( selected)?>([^<]*)<\/option>/g)].map(
    ([, value, selected, label]) => `${value}:${label}${selected ?? ''}`,
  );
}

describe('home page filters (integration)', function () {
  let app: TestApp;
  let networks: Map<string, Types.ObjectId>;

  beforeEach(async function () {
    await clearDatabase();
    networks = await createNetworks();
    // As in production, where compiled templates are cached: labels must still follow each request's language.
    app = await startTestApp({
      env: { NODE_ENV: 'production', SESSION_SECRET: 'a-test-secret-of-at-least-32-characters' },
    });
    await insertPlaces(realPlace(networks, 'lavallee-bruxelles'));
    await app.directory.follower.poll();
  });
  afterEach(async () => app.close());

  it('when the page is read in Dutch and then in French, then each shows its own labels and keeps the chosen ones selected', async () => {
    for (const lang of ['nl', 'fr', 'nl']) {
      const html = await (await app.get(`/?lang=${lang}&type=coworking&governance=cooperative&facility=wifi`)).text();
      expect(options(html, 'type')).to.include(`coworking:${localeText(lang, 'location:type.coworking')} selected`);
      expect(options(html, 'type')).to.include(`fablab:${localeText(lang, 'location:type.fablab')}`);
      expect(options(html, 'governance')).to.include(
        `cooperative:${localeText(lang, 'location:governance.cooperative')} selected`,
      );
      expect(html).to.include(`value="wifi" checked> ${localeText(lang, 'location:facility.wifi')}</label>`);
      expect(options(html, 'country')).to.include(`BE:${new Intl.DisplayNames([lang], { type: 'region' }).of('BE')}`);
    }
  });

  it('when a place in another country is published, then that country joins the filter, in alphabetical order', async () => {
    const before = options(await (await app.get('/?lang=fr')).text(), 'country');
    expect(before.map((o) => o.split(':')[0])).to.deep.equal(['', 'BE']);
    await insertPlaces(realPlace(networks, 'over-entinghe-dwingeloo'));
    await app.directory.follower.poll();
    const after = options(await (await app.get('/?lang=fr')).text(), 'country');
    expect(after.slice(1)).to.deep.equal(['BE:Belgique', 'NL:Pays-Bas']);
  });
});
