// The directory's list alone, on a URL of its own, for the page's script: never answered in place of the page.
import { expect } from 'chai';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

describe('directory list fragment (integration)', function () {
  let app: TestApp;

  before(async function () {
    await clearDatabase();
    const networks = await createNetworks();
    app = await startTestApp();
    await insertPlaces(realPlace(networks, 'over-entinghe-dwingeloo'));
    await app.directory.follower.poll();
  });
  after(async () => {
    await app?.close();
    await clearDatabase();
  });

  it('when the fragment is asked for a search outside the view, then it is the list alone, saying so, with where the place lies', async () => {
    const response = await app.get('/fragments/directory-list?q=Dwingeloo&bbox=2.25,48.81,2.42,48.90&zoom=12&lang=nl');
    const html = await response.text();

    expect(response.status).to.equal(200);
    expect(html.trimStart()).to.match(/^<section class="results" id="results"/);
    expect(html).to.not.include('<html');
    expect(html).to.include(localeText('nl', 'directory:results.outsideView_one').replace('{{count}}', '1'));
    expect(html).to.include('href="/?q=Dwingeloo"');
    expect(html).to.match(/data-bounds="6\.\d+,52\.\d+,6\.\d+,52\.\d+"/);
  });

  it('when the page is asked with the header the script once sent, then the whole page is answered', async () => {
    const html = await (await app.get('/?q=Dwingeloo', { headers: { 'X-Passerelle-Fragment': 'list' } })).text();
    expect(html).to.include('<html');
    expect(html).to.include('id="map"');
  });

  it('when the fragment is asked with a broken view, then it is refused with a translated error', async () => {
    const response = await app.get('/fragments/directory-list?bbox=1,2,3&lang=fr');
    expect(response.status).to.equal(400);
    expect(await response.text()).to.include(localeText('fr', 'errors:validation.bbox'));
  });
});
