// The demo seed on an empty database: the seed places get day-parts and prices, and one example agreement is in force.
import { expect } from 'chai';
import { AgreementModel, type Agreement } from '../../server/access/agreement.model.ts';
import { seedDemoData } from '../../server/demo/seed.ts';
import { LocationModel, type Location } from '../../server/locations/location.model.ts';
import { clearDatabase } from '../support/database.ts';
import { testLogger } from '../support/root-hooks.ts';

describe('demo data for reciprocal access (integration)', function () {
  this.timeout(120_000);

  it('when the demo is seeded into an empty database, then Over Entinghe costs €7.50 a day-part for the public and one example agreement is in force', async () => {
    await clearDatabase();
    expect(await seedDemoData(testLogger)).to.not.equal(undefined);
    const place = await LocationModel.findOne({ slug: 'over-entinghe-dwingeloo' }).lean<Location>().orFail();
    expect(place.tariffs.map((t) => [t.category, t.amount, t.currency])).to.deep.equal([['public', 7.5, 'EUR']]);
    expect(place.dayParts.map((d) => d.part)).to.deep.equal(['morning', 'afternoon', 'evening']);
    expect(place.examplePrices).to.equal(true);
    const agreements = await AgreementModel.find().lean<Agreement[]>();
    expect(agreements.map((a) => [a.status, a.example, a.versions[0]!.directions.length])).to.deep.equal([
      ['active', true, 2],
    ]);
    await clearDatabase();
  });
});
