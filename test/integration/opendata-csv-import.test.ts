// Importing a spreadsheet from the web: upload, column mapping with a dry run, per-row problems, the import with its
// progress page and report, re-runs that change nothing, and bad files refused whole.
import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { LocationModel } from '../../server/locations/location.model.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

const CGET = new URL('../fixtures/cget-tiers-lieux-subset.csv', import.meta.url);
const IMPORT = '/networks/anct-tiers-lieux-2019/admin/import';

describe('CSV import from the web (integration)', function () {
  // Imports run in the background; a busy machine makes them slow.
  this.timeout(180_000);
  let app: TestApp;
  let admin: TestClient;
  let csv: string;

  before(async () => {
    csv = await readFile(CGET, 'utf8');
    app = await startTestApp();
  });
  beforeEach(async () => {
    await clearDatabase();
    const networks = await createNetworks();
    await createPerson({
      name: 'Ada Admin',
      email: 'ada@example.org',
      memberships: [{ network: networks.get('anct-tiers-lieux-2019')!, networkAdmin: true }],
    });
    admin = await TestClient.signedIn(app, 'ada@example.org');
  });
  after(async () => {
    await app?.close();
    await clearDatabase();
  });

  async function upload(bytes: Uint8Array<ArrayBuffer> | string, name = 'cget.csv'): Promise<Response> {
    const form = new FormData();
    form.append('kind', 'csv');
    form.append('file', new Blob([bytes], { type: 'text/csv' }), name);
    return admin.upload(IMPORT, form);
  }

  /** The preview form's fields as the page sets them (the guessed mapping and options). */
  function formFields(html: string): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const [, name] of html.matchAll(/<select id="[^"]+" name="([^"]+)"/g)) {
      const select = new RegExp(`name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
      fields[name!] = /<option value="([^"]*)" selected>/.exec(select)?.[1] ?? '';
    }
    for (const [, name, value] of html.matchAll(/<input type="text" id="[^"]+" name="([^"]+)" value="([^"]*)"/g)) {
      fields[name!] = value!.replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    }
    return fields;
  }

  async function importFile(bytes: Uint8Array<ArrayBuffer> | string, overrides: Record<string, string> = {}) {
    const uploaded = await upload(bytes);
    expect(uploaded.status).to.equal(303);
    const jobUrl = uploaded.headers.get('location')!;
    const preview = await (await admin.get(jobUrl)).text();
    const answer = await admin.post(jobUrl, { ...formFields(preview), ...overrides, action: 'import' });
    return { jobUrl, preview, answer };
  }

  async function finished(jobUrl: string): Promise<string> {
    // Generous: the machine running the tests may be busy.
    for (let i = 0; i < 1200; i += 1) {
      const html = await (await admin.get(jobUrl)).text();
      if (!html.includes('http-equiv="refresh"')) return html;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the import did not finish');
  }

  it('when the CGET subset is uploaded, then the columns are guessed and the hours read from text are shown to confirm', async () => {
    const uploaded = await upload(csv);
    const html = await (await admin.get(uploaded.headers.get('location')!)).text();
    expect(formFields(html)).to.include({ map_name: '1', map_lat: '7', map_lng: '8', map_openingHours: '9' });
    expect(html).to.include('du lundi au vendredi de 9h à 18h');
    expect(html).to.include('<code>Mo-Fr 09:00-18:00</code>');
    expect(html).to.include('<code>Mo-Fr 08:30-12:30,14:00-18:00</code>');
    expect(html).to.include(localeText('en', 'opendata:csv.noProblems'));
    expect(await LocationModel.countDocuments({})).to.equal(0);
  });

  it('when it is imported twice, then the places are created once and the second run changes nothing', async () => {
    const first = await importFile(csv);
    expect(first.answer.status).to.equal(303);
    const report = await finished(first.jobUrl);
    expect(report).to.include(localeText('en', 'opendata:report.created_other').replace('{{count}}', '12'));
    const stored = await LocationModel.find({}).lean();
    expect(stored).to.have.length(12);
    const nantes = stored.find((l) => l.source?.recordId === '1');
    expect(nantes?.openingHours).to.equal('Mo-Fr 09:00-18:00');
    expect(stored.find((l) => l.source?.recordId === '4')?.openingHours).to.equal('sur rendez-vous');
    expect(nantes?.address?.countryCode).to.equal('FR');
    const grenoble = stored.find((l) => l.source?.recordId === '4')!;
    await app.directory.follower.poll();
    const page = await (await app.get(`/locations/${grenoble.slug}?lang=en`)).text();
    // Text that is no OSM syntax is kept and shown as the place wrote it.
    expect(page).to.include(`${localeText('en', 'location:hours.asWritten')} <code>sur rendez-vous</code>`);

    const second = await importFile(csv);
    const again = await finished(second.jobUrl);
    expect(again).to.include(localeText('en', 'opendata:report.unchanged_other').replace('{{count}}', '12'));
    expect(await LocationModel.countDocuments({})).to.equal(12);
  });

  it('when one row is edited in the file and it is imported again, then only that place changes', async () => {
    await finished((await importFile(csv)).jobUrl);
    const before = await LocationModel.find({}).sort({ slug: 1 }).lean();
    const edited = csv.replace('Anticafé,6 Rue du Château', 'Anticafé Paris 10,6 Rue du Château');
    const html = await finished((await importFile(edited)).jobUrl);
    expect(html).to.include(localeText('en', 'opendata:report.updated_one').replace('{{count}}', '1'));
    const after = await LocationModel.find({}).sort({ slug: 1 }).lean();
    const changed = after.filter(
      (l) => before.find((b) => b._id.equals(l._id))?.updatedAt.getTime() !== l.updatedAt.getTime(),
    );
    expect(changed.map((l) => (l.name as Record<string, string>).fr)).to.deep.equal(['Anticafé Paris 10']);
  });

  it('when a semicolon file in Windows-1252 holds a formula and a latitude out of range, then both rows are named and nothing is imported', async () => {
    const lines = csv.split('\n');
    lines[1] = lines[1]!.replace('ADE Coworking', "=cmd|' /C calc'!A0");
    lines[2] = lines[2]!.replace('48.869483', '148.869483');
    const semicolons = lines.map((line) => line.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, ';')).join('\r\n');
    const latin1 = Uint8Array.from([...semicolons].map((c) => c.charCodeAt(0) & 0xff));
    const { preview, answer } = await importFile(latin1);
    expect(preview).to.include('Rue du Château'); // decoded from Windows-1252
    expect(preview).to.include(
      localeText('en', 'opendata:problem.formula').replace('{{field}}', localeText('en', 'opendata:field.name')),
    );
    expect(preview).to.include(
      localeText('en', 'opendata:problem.coordinate').replace('{{field}}', localeText('en', 'opendata:field.lat')),
    );
    expect(answer.status).to.equal(400);
    expect(await answer.text()).to.include(localeText('en', 'opendata:errors.rowsHaveProblems'));
    expect(await LocationModel.countDocuments({})).to.equal(0);
  });

  it('when a wrong column is mapped and then fixed, then the problems go and the import runs', async () => {
    const uploaded = await upload(csv);
    const jobUrl = uploaded.headers.get('location')!;
    const fields = formFields(await (await admin.get(jobUrl)).text());
    const wrong = await (await admin.post(jobUrl, { ...fields, map_lat: '3', action: 'preview' })).text();
    expect(wrong).to.include(localeText('en', 'opendata:csv.problemsHeading_other').replace('{{count}}', '12'));
    const fixed = await admin.post(jobUrl, { ...fields, map_lat: '7', action: 'import' });
    expect(fixed.status).to.equal(303);
    await finished(jobUrl);
    expect(await LocationModel.countDocuments({})).to.equal(12);
  });

  it('when a 50 MB file is uploaded, then it is refused with a translated message and nothing is kept', async () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x41);
    const answer = await upload(big);
    expect(answer.status).to.equal(413);
    expect(await answer.text()).to.include(localeText('en', 'opendata:errors.tooLarge'));
  });

  it('when the file is not text, then it is refused as a whole', async () => {
    const answer = await upload(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 4, 5]));
    expect(answer.status).to.equal(400);
    expect(await answer.text()).to.include(localeText('en', 'opendata:errors.notCsv'));
  });
});
