// `npm run import -- osm FILE --network SLUG`: the command imports as the system, draws its progress on stderr and
// prints the report; run again, it changes nothing.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { LocationModel } from '../../server/locations/location.model.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { testDatabaseUri } from '../support/root-hooks.ts';

const run = promisify(execFile);
const FIXTURE = fileURLToPath(new URL('../fixtures/overpass-third-places.json', import.meta.url));
const count = (key: string, n: number) => localeText('en', key).replace('{{count}}', String(n));

describe('import command (integration)', function () {
  this.timeout(120_000);
  before(async () => {
    await clearDatabase();
    await createNetworks();
  });
  after(clearDatabase);

  const importOsm = (...extra: string[]) =>
    run(process.execPath, ['server/opendata/import-cli.ts', 'osm', FIXTURE, '--network', 'smart-be', ...extra], {
      env: { ...process.env, MONGODB_URI: testDatabaseUri(), TZ: 'UTC' },
    });

  it('when the command imports an Overpass file twice, then the first run creates and the second changes nothing', async () => {
    const first = await importOsm();
    expect(first.stdout).to.include(count('opendata:report.created_other', 4));
    expect(first.stdout).to.include(count('opendata:report.rejected_other', 5));
    expect(first.stderr).to.include(`[${'#'.repeat(30)}] 5/5`);
    expect(await LocationModel.countDocuments({ 'source.name': 'OpenStreetMap' })).to.equal(4);

    const second = await importOsm();
    expect(second.stdout).to.include(count('opendata:report.unchanged_other', 4));
    expect(await LocationModel.countDocuments({})).to.equal(4);
  });

  it('when the network does not exist, then the command says so and fails', async () => {
    const error = await run(process.execPath, ['server/opendata/import-cli.ts', 'osm', FIXTURE, '--network', 'nope'], {
      env: { ...process.env, MONGODB_URI: testDatabaseUri() },
    }).catch((e: unknown) => e as { code: number; stderr: string });
    expect(error).to.have.property('code', 1);
    expect((error as { stderr: string }).stderr).to.include(localeText('en', 'opendata:errors.networkNotFound'));
  });
});
