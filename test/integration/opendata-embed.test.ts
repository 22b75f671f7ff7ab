// /embed: the directory's map and list for partner sites: its filters, no cookies, framing allowed only there.
import { expect } from 'chai';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { demoLocationDocuments } from '../../server/demo/seed.ts';

describe('embeddable map (integration)', function () {
  let app: TestApp;

  before(async function () {
    await clearDatabase();
    const networks = await createNetworks();
    app = await startTestApp();
    await insertPlaces(...demoLocationDocuments(networks));
    await app.directory.follower.poll();
  });
  after(async () => {
    await app?.close();
    await clearDatabase();
  });

  it('when a partner embeds one network in Dutch, then the page lists only its places, in Dutch, and sets no cookie', async () => {
    const response = await app.get('/embed?network=dorpshuizen-drenthe&lang=nl', {
      headers: { cookie: 'lang=fr', 'accept-language': 'de' },
    });
    expect(response.status).to.equal(200);
    expect(response.headers.getSetCookie()).to.deep.equal([]);
    const html = await response.text();
    expect(html).to.include('<html lang="nl">');
    expect(html).to.include(localeText('nl', 'location:type.village-hall'));
    expect(html).to.not.include(localeText('nl', 'location:type.coworking'));
    expect(html).to.include('data-filters="network=dorpshuizen-drenthe"');
  });

  it('when the embed page is served, then any site may frame it, and the other pages still refuse framing', async () => {
    const embed = await app.get('/embed');
    const policy = embed.headers.get('content-security-policy') ?? '';
    expect(policy).to.include('frame-ancestors *');
    expect(policy.match(/frame-ancestors/g)).to.have.length(1);
    expect(policy).to.include("script-src 'self'");
    expect(embed.headers.get('x-frame-options')).to.equal(null);

    const home = await app.get('/');
    expect(home.headers.get('content-security-policy')).to.include("frame-ancestors 'self'");
    expect(home.headers.get('x-frame-options')).to.equal('SAMEORIGIN');
  });

  it('when the embed is asked with a bad filter, then it answers a translated error and no cookie', async () => {
    const response = await app.get('/embed?type=castle&lang=fr');
    expect(response.status).to.equal(400);
    expect(response.headers.getSetCookie()).to.deep.equal([]);
    expect(await response.text()).to.include(localeText('fr', 'errors:validation.type'));
  });

  it('when a network page is shown, then it offers the snippet that frames its map', async () => {
    const html = await (await app.get('/networks/smart-be?lang=en')).text();
    expect(html).to.include(localeText('en', 'opendata:embed.snippetHeading'));
    expect(html).to.include(`&lt;iframe src=&#34;${app.baseUrl}/embed?network=smart-be&amp;lang=en&#34;`);
  });
});
