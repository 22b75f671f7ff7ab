// Opening hours as people write them, through the place page, the directory and the API: comments, unknown hours,
// values the library had to guess at, and "open on a day-part".
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { ApiTokenModel } from '../../server/auth/api-token.model.ts';
import { LocationModel } from '../../server/locations/location.model.ts';
import { hashSecret } from '../../server/shared/db/secret-token.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

/** The text of a page without its tags, spaces folded, as a reader sees it. */
const visibleText = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/ \)/g, ')')
    .replace(/&#34;|&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('opening hours as people write them (integration)', function () {
  let app: TestApp;
  let networks: Map<string, Types.ObjectId>;

  beforeEach(async () => {
    await clearDatabase();
    networks = await createNetworks();
    app = await startTestApp();
  });
  afterEach(async () => app.close());

  const sync = () => app.directory.follower.poll();
  const pageText = async (path: string) => {
    const res = await app.get(path);
    expect(res.status, path).to.equal(200);
    return visibleText(await res.text());
  };
  const slugsFor = async (query: string): Promise<string[]> => {
    const res = await app.get(`/api/v1/locations?zoom=22&${query}`);
    expect(res.status, query).to.equal(200);
    const body = (await res.json()) as { features: { properties: { slug: string } }[] };
    return body.features.map((f) => f.properties.slug).sort();
  };

  it('when a rule with a comment applies, then the place page says open, with the comment', async () => {
    await insertPlaces(
      realPlace(networks, 'over-entinghe-dwingeloo', { openingHours: 'Mo-Su 00:00-24:00 "ondernemerscafé"' }),
    );

    const text = await pageText('/locations/over-entinghe-dwingeloo?lang=nl');

    expect(text).to.include(`${localeText('nl', 'location:hours.openNow')} (ondernemerscafé)`);
    expect(text).not.to.include(localeText('nl', 'location:hours.closedNow'));
  });

  it('when hours are marked unknown, then the place page says it is not known whether open, not closed', async () => {
    await insertPlaces(realPlace(networks, 'over-entinghe-dwingeloo', { openingHours: 'Mo-Su 00:00-24:00 unknown' }));

    const text = await pageText('/locations/over-entinghe-dwingeloo?lang=fr');

    expect(text).to.include(localeText('fr', 'location:hours.unknownNow'));
    expect(text).not.to.include(localeText('fr', 'location:hours.closedNow'));
  });

  it('when a stored value is not OSM syntax ("ma-vr 9-17"), then the page shows it as written, not as OSM syntax', async () => {
    await insertPlaces(realPlace(networks, 'over-entinghe-dwingeloo', { openingHours: 'ma-vr 9-17' }));

    const text = await pageText('/locations/over-entinghe-dwingeloo?lang=en');

    expect(text).to.include(`${localeText('en', 'location:hours.asWritten')} ma-vr 9-17`);
    expect(text).not.to.include(localeText('en', 'location:hours.osm'));
  });

  it('when the list shows places, then each with hours says whether it is open now, unknown as unknown', async () => {
    await insertPlaces(
      realPlace(networks, 'over-entinghe-dwingeloo', { openingHours: 'Mo-Su 00:00-24:00 "ondernemerscafé"' }),
      realPlace(networks, 'lavallee-bruxelles', { openingHours: 'Mo-Su 00:00-24:00 unknown' }),
      realPlace(networks, 'de-veldkei-havelte'),
    );
    await sync();
    const res = await app.get('/?lang=fr');
    const items = new Map(
      [...(await res.text()).matchAll(/<li class="location-item" data-slug="([^"]+)"[\s\S]*?<\/li>/g)].map((m) => [
        m[1]!,
        visibleText(m[0]),
      ]),
    );

    expect(items.get('over-entinghe-dwingeloo')).to.include(
      `${localeText('fr', 'location:hours.openNow')} (ondernemerscafé)`,
    );
    expect(items.get('lavallee-bruxelles')).to.include(localeText('fr', 'location:hours.unknownNow'));
    expect(items.get('lavallee-bruxelles')).not.to.include(localeText('fr', 'location:hours.closedNow'));
    expect(items.get('de-veldkei-havelte')).not.to.match(/Ouvert|Fermé|inconnue/);
  });

  describe('written through the API', () => {
    let token: string;
    beforeEach(async () => {
      const admin = await createPerson({
        name: 'Nadia Admin',
        email: 'nadia@example.org',
        memberships: [{ network: networks.get('dorpshuizen-drenthe')!, networkAdmin: true }],
      });
      token = `psl_test${admin.id.toString()}`;
      await ApiTokenModel.create({ user: admin.id, name: 'script', tokenHash: hashSecret(token), prefix: 'psl_test' });
    });

    const post = (lang: string, openingHours: string) => {
      const { language, name, description, type, model, address, coordinates, timeZone } = realPlace(
        networks,
        'over-entinghe-dwingeloo',
      );
      const place = { language, name, description, type, model, address, coordinates, timeZone, openingHours };
      return new TestClient(app).json(
        'POST',
        `/api/v1/locations?lang=${lang}`,
        { ...place, network: 'dorpshuizen-drenthe' },
        { token },
      );
    };
    const hoursMessage = async (res: Response) => {
      const { error } = (await res.json()) as { error: { details: { field: string; message: string }[] } };
      return error.details.find((d) => d.field === 'openingHours')?.message ?? '';
    };

    it('when "ma-vr 9-17" is sent in French, then a 400 gives the library hint in French and how it read it', async () => {
      const res = await post('fr', 'ma-vr 9-17');

      expect(res.status).to.equal(400);
      const message = await hoursMessage(res);
      expect(message).to.include('Mo-Fr 09:00-17:00');
      expect(message).to.include('Plage horaire spécifiée sans minutes');
      expect(message).to.include(localeText('fr', 'manage:validation.openingHoursGuessed').split('{{')[0]!);
      expect(await LocationModel.countDocuments()).to.equal(0);
    });

    it('when it is sent in Dutch, which the library lacks, then our Dutch words come with its English hint', async () => {
      const res = await post('nl', 'ma-vr 9-17');

      expect(res.status).to.equal(400);
      const message = await hoursMessage(res);
      expect(message).to.include('De controle las ze als Mo-Fr 09:00-17:00');
      expect(message).to.include('(in het Engels)');
      expect(message).to.include('Please use the English abbreviation "Mo" for "ma"');
      expect(await LocationModel.countDocuments()).to.equal(0);
    });

    it('when a rule with a comment is sent, then it is stored as written', async () => {
      const res = await post('de', 'Mo-Fr 09:00-17:00, Mo[1] 19:00-22:00 "ondernemerscafé"');

      expect(res.status).to.equal(201);
      expect((await LocationModel.findOne().lean())!.openingHours).to.equal(
        'Mo-Fr 09:00-17:00, Mo[1] 19:00-22:00 "ondernemerscafé"',
      );
    });
  });

  describe("the editor's live checker", () => {
    let client: TestClient;
    beforeEach(async () => {
      await createPerson({ name: 'Lea Manager', email: 'lea@example.org' });
      client = await TestClient.signedIn(app, 'lea@example.org');
    });
    const preview = async (value: string, lang: string) => {
      const res = await client.get(
        `/manage/opening-hours/preview?value=${encodeURIComponent(value)}&country=NL&timeZone=Europe/Amsterdam&lang=${lang}`,
      );
      expect(res.status).to.equal(200);
      return visibleText(await res.text());
    };

    it('when "ma-vr 9-17" is typed by a German reader, then the library hint comes in German with its reading', async () => {
      const text = await preview('ma-vr 9-17', 'de');

      expect(text).to.include(localeText('de', 'manage:hours.previewInvalid'));
      expect(text).to.include('Die Prüfung musste raten: Sie hat diese Öffnungszeiten als Mo-Fr 09:00-17:00 gelesen.');
      expect(text).to.include('Bitte benutze die englische Abkürzung "Mo" für "ma".');
      expect(text).not.to.include('Please use');
    });

    it('when a rule with a comment is typed, then the preview lists it with its comment', async () => {
      const text = await preview('Mo-Su 19:00-22:00 "ondernemerscafé"', 'nl');

      expect(text).to.include('19:00–22:00 (ondernemerscafé)');
      expect(text).not.to.include(localeText('nl', 'manage:hours.previewInvalid'));
    });
  });

  describe('open at', () => {
    beforeEach(async () => {
      await insertPlaces(
        realPlace(networks, 'over-entinghe-dwingeloo', { openingHours: 'Mo-Su 19:00-22:00 "ondernemerscafé"' }),
        realPlace(networks, 'lavallee-bruxelles', { openingHours: 'Mo-Su 08:00-12:00 unknown' }),
        realPlace(networks, 'de-veldkei-havelte'),
      );
      await sync();
    });

    it('when a day-part is asked, then places open for part of it are found, in every time zone', async () => {
      expect(await slugsFor('openAt=tuesday-evening')).to.deep.equal(['over-entinghe-dwingeloo']);
      expect(await slugsFor('openAt=tuesday-morning')).to.deep.equal([]);
      expect(await slugsFor('openAt=sunday-afternoon')).to.deep.equal([]);
    });

    it('when a rule with a comment is open now, then "open now" finds the place', async () => {
      await LocationModel.updateOne(
        { slug: 'lavallee-bruxelles' },
        { $set: { openingHours: 'Mo-Su 00:00-24:00 "permanence"' } },
      );
      // Written outside the app: the directory hears of it by a restart's full read.
      await app.close();
      app = await startTestApp();

      expect(await slugsFor('openAt=now')).to.deep.equal(['lavallee-bruxelles']);
    });

    it('when places are left out because their hours then are unknown, then the list says how many', async () => {
      const text = await pageText('/?openAt=tuesday-morning&lang=en');

      expect(text).to.include(localeText('en', 'directory:results.unknownHours_other').replace('{{count}}', '2'));
    });

    it('when the form without JavaScript asks for a weekday and day-part, then the list and the form show it', async () => {
      const res = await app.get('/?open=dayPart&day=friday&part=evening&lang=de');
      expect(res.status).to.equal(200);
      const html = await res.text();

      expect(html).to.match(/href="\/locations\/over-entinghe-dwingeloo[?"]/);
      expect(html).not.to.include('href="/locations/de-veldkei-havelte"');
      expect(html).to.match(/<input type="radio" name="open" value="dayPart" checked>/);
      expect(html).to.match(/<option value="friday" selected>Freitag<\/option>/);
      expect(html).to.match(/<option value="evening" selected>Abend<\/option>/);
      expect(visibleText(html)).to.include(
        localeText('de', 'directory:results.unknownHours_one').replace('{{count}}', '1'),
      );
    });

    it('when a weekday or day-part is made up, then a translated 400 says what "open" takes', async () => {
      const res = await app.get('/api/v1/locations?openAt=someday-morning&lang=nl');

      expect(res.status).to.equal(400);
      expect(JSON.stringify(await res.json())).to.include(localeText('nl', 'errors:validation.openAt'));
    });
  });
});
