// Search quality on the committed demo data: ranked results, type words and regions in every language, place names in
// the reader's language, and what a search that finds nothing offers.
import { expect } from 'chai';
import { Types } from 'mongoose';
import { demoLocationDocuments, demoNetworkDocuments, type DemoLocationDocument } from '../../server/demo/seed.ts';
import { toDirectoryEntry } from '../../server/directory/engine/directory-entry.ts';
import { DirectoryIndex } from '../../server/directory/engine/directory-index.ts';
import { SharedValues } from '../../server/directory/engine/indexed-entry.ts';
import { DirectoryAnswers, type SearchQuery } from '../../server/directory/engine/directory-answers.ts';
import { loadPlaceNames } from '../../server/directory/engine/place-names.ts';
import { tokenize } from '../../server/shared/text/normalize.ts';

const placeNames = loadPlaceNames();
const networks = demoNetworkDocuments();
const places = demoLocationDocuments(new Map(networks.map((network) => [network.slug, network._id])));
const placeBySlug = new Map(places.map((place) => [place.slug, place]));

function indexOf(docs: readonly DemoLocationDocument[]): DirectoryIndex {
  const index = new DirectoryIndex();
  const making = { shared: new SharedValues() };
  const aliases = (countryCode: string, name: string) => placeNames.aliasesFor(countryCode, name);
  for (const place of docs) {
    const source = { ...place, _id: new Types.ObjectId(), updatedAt: new Date('2026-05-01T12:00:00Z') };
    index.upsert(toDirectoryEntry(source, 'demo', aliases, making));
  }
  return index;
}

const index = indexOf(places);
const answers = new DirectoryAnswers(index, placeNames);
const found = (q: string): DemoLocationDocument[] => index.search({ q }).entries.map((e) => placeBySlug.get(e.slug)!);
const listPage = (query: SearchQuery, lang: string) => answers.listPage(query, 'public', lang);

const wordsOf = (text: string | undefined | null) => tokenize(text ?? '');
const nameWords = (place: DemoLocationDocument) => Object.values(place.name).flatMap(wordsOf);
const placeWords = (place: DemoLocationDocument) => [...nameWords(place), ...wordsOf(place.address.locality)];

describe('directory search ranking (demo data)', () => {
  it('when "Paris fablab" is searched, then the fablabs in Paris come before the places on a street named after Paris', () => {
    const results = found('Paris fablab');
    const onParisStreet = results.findIndex((place) => place.address.locality !== 'Paris');

    expect(results.slice(0, 20).every((p) => p.address.locality === 'Paris' && p.type === 'fablab')).to.equal(true);
    expect(results.map((p) => p.slug)).to.include('fablab-du-clunisois-cluny');
    expect(onParisStreet).to.be.above(0);
    expect(results.slice(onParisStreet).every((place) => place.address.locality !== 'Paris')).to.equal(true);
  });

  it('when a town is searched, then places in it or named after it come before those that mention it elsewhere', () => {
    const results = found('Paris');
    const rankedByPlace = results.map((place) => placeWords(place).includes('paris'));
    const firstOther = rankedByPlace.indexOf(false);

    expect(firstOther).to.be.above(0);
    expect(rankedByPlace.slice(firstOther)).to.not.include(true);
    // Street and description matches are found too, after the others.
    expect(wordsOf(results[firstOther]!.address.street)).to.include('paris');
  });

  it('when a word is searched, then places having that whole word come before those having a longer word starting so', () => {
    const results = found('fab');
    const wholeWord = results.map((place) => nameWords(place).includes('fab'));
    const firstPrefixOnly = wholeWord.indexOf(false);

    expect(firstPrefixOnly).to.be.above(0);
    expect(wholeWord.slice(firstPrefixOnly)).to.not.include(true);
  });

  it('when places share one spot on the map, then its popup lists them best match first', () => {
    // Copies of a Brussels place at the town's centre, where no zoom separates them: every other one names "kunst"
    // in its name, the others only in their description.
    const laVallee = placeBySlug.get('lavallee-bruxelles')!;
    const atOneSpot = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((letter, i) => ({
      ...laVallee,
      slug: `spot-${letter}`,
      name: { fr: i % 2 === 0 ? `${letter} atelier` : `${letter} kunstatelier` },
      description: { nl: 'Kunst en werk in Brussel' },
    }));
    const answers = new DirectoryAnswers(indexOf(atOneSpot), placeNames);

    const [spot] = answers.mapFeatures({ q: 'kunst', zoom: 16 }, 'public', 'nl').features;

    const listed = spot?.properties.cluster ? spot.properties.places?.map((place) => place.slug) : [];
    expect(listed).to.deep.equal(['spot-b', 'spot-d', 'spot-f', 'spot-h', 'spot-a', 'spot-c', 'spot-e', 'spot-g']);
  });

  it('when equally good matches are listed, then they keep the alphabetical list order among themselves', () => {
    const inParis = found('Paris fablab').filter((place) => place.address.locality === 'Paris');
    const names = inParis.map((place) => index.getBySlug(place.slug)!.sortKey);

    expect(names).to.deep.equal(names.toSorted());
  });
});

describe('directory search by type and region words (demo data)', () => {
  const ofType = (type: string) => index.search({ type: [type] }).entries.map((e) => e.slug);

  for (const [words, type] of [
    ['coworking', 'coworking'],
    ['Coworkingruimte', 'coworking'],
    ['Coworking-Space', 'coworking'],
    ['espace de coworking', 'coworking'],
    ['fablab', 'fablab'],
    ['tiers-lieu', 'third-place'],
    ['Third place', 'third-place'],
    ['derde plek', 'third-place'],
    ['Dritter Ort', 'third-place'],
    ['dorpshuis', 'village-hall'],
    ['Dorfgemeinschaftshaus', 'village-hall'],
    ['maison de village', 'village-hall'],
    ['salle communale', 'village-hall'],
  ] as const) {
    it(`when "${words}" is searched, then every place of type ${type} is found`, () => {
      const slugs = index.search({ q: words }).entries.map((e) => e.slug);

      expect(ofType(type).length).to.be.above(0);
      expect(slugs).to.include.members(ofType(type));
    });
  }

  it('when a type word is combined with a town, then only places of that type (or saying it) in that town are found', () => {
    const results = found('dorpshuis Dwingeloo');

    expect(results.map((place) => place.slug)).to.deep.equal(['over-entinghe-dwingeloo']);
  });

  it('when a region is searched in any of its names, then the places in it are found', () => {
    for (const q of ['Drenthe', 'drente', 'Provinz Drente']) {
      expect(
        found(q).map((place) => place.slug),
        q,
      ).to.have.members(['over-entinghe-dwingeloo', 'de-veldkei-havelte']);
    }
    const inBrittany = places.filter((place) => place.address.region === 'Bretagne').map((place) => place.slug);
    expect(inBrittany).to.have.length.above(50);
    for (const q of ['Bretagne', 'Brittany']) {
      expect(
        found(q).map((place) => place.slug),
        q,
      ).to.include.members(inBrittany);
    }
    const inCorsica = places.filter((place) => place.address.region === 'Corse').map((place) => place.slug);
    expect(found('Korsika').map((place) => place.slug)).to.have.members(inCorsica);
  });
});

describe("place names in the reader's language", () => {
  it('when a Dutch reader lists Brussels places, then the locality reads "Brussel"; a French one, "Bruxelles"', () => {
    const nl = listPage({ q: 'LaVallée' }, 'nl').items[0];
    const fr = listPage({ q: 'LaVallée' }, 'fr').items[0];
    const de = listPage({ q: 'LaVallée' }, 'de').items[0];

    expect([nl?.locality, fr?.locality, de?.locality]).to.deep.equal(['Brussel', 'Bruxelles', 'Brüssel']);
  });

  it('when a Dutch reader looks at the map, then a place in Brussels is labelled "Brussel"', () => {
    const map = answers.mapFeatures({ q: 'LaVallée', zoom: 16 }, 'public', 'nl');
    const localities = map.features.map((feature) =>
      'locality' in feature.properties ? feature.properties.locality : '',
    );

    expect(localities).to.deep.equal(['Brussel']);
  });

  it('when a locality is named in each language, then the reader sees theirs, but an accent-less spelling is not forced on them', () => {
    expect(placeNames.readerName('BE', 'Liège', 'nl')).to.equal('Luik');
    expect(placeNames.readerName('BE', 'Liège', 'de')).to.equal('Lüttich');
    expect(placeNames.readerName('BE', 'Luik', 'fr')).to.equal('Liège');
    // WOF's English name is "Liege": the listing's own "Liège" is the same name to an English reader.
    expect(placeNames.readerName('BE', 'Liège', 'en')).to.equal('Liège');
    expect(placeNames.readerName('FR', 'Lyon', 'nl')).to.equal('Lyon');
  });
});

describe('what a search that finds nothing offers', () => {
  it('when the words name a town but nothing else matches, then the places nearest that town are offered, nearest first', () => {
    const page = listPage({ q: 'zwembad Dwingeloo' }, 'nl');

    expect(page.total).to.equal(0);
    expect(page.suggestions?.near).to.equal('Dwingeloo');
    expect(page.suggestions?.widened).to.equal('words');
    expect(page.suggestions?.items.map((item) => item.slug).slice(0, 2)).to.deep.equal([
      'over-entinghe-dwingeloo',
      'de-veldkei-havelte',
    ]);
    const distances = page.suggestions!.items.map((item) => item.distanceKm);
    expect(distances).to.deep.equal(distances.toSorted((a, b) => a - b));
  });

  it("when the words name a town in another language, then it is named in the reader's language", () => {
    const page = listPage({ q: 'sauna Luik' }, 'fr');

    expect(page.suggestions?.near).to.equal('Liège');
    // Nothing is listed in Liège: Brussels, 86 km away, is nearest.
    expect(page.suggestions?.items[0]?.locality).to.equal('Bruxelles');
  });

  it("when the words name no place, then the places nearest the map view's centre are offered", () => {
    const aroundDwingeloo: SearchQuery['bbox'] = [6.2, 52.7, 6.5, 52.9];
    const page = listPage({ q: 'zwembad', bbox: aroundDwingeloo }, 'en');

    expect(page.suggestions?.near).to.equal(undefined);
    expect(page.suggestions?.items[0]?.slug).to.equal('over-entinghe-dwingeloo');
  });

  it('when the words name no place and there is no view, then only the wider search is offered', () => {
    expect(listPage({ q: 'zwembad' }, 'en').suggestions).to.deep.equal({ widened: 'words', items: [] });
  });

  it('when the other filters match nothing either, then places of any kind are offered', () => {
    const page = listPage({ q: 'Dwingeloo', type: ['fablab'], country: ['NL'] }, 'en');

    expect(page.suggestions?.widened).to.equal('filters');
    expect(page.suggestions?.items[0]?.slug).to.equal('over-entinghe-dwingeloo');
  });

  it('when something matches, then nothing is suggested', () => {
    expect(listPage({ q: 'Dwingeloo' }, 'en').suggestions).to.equal(undefined);
  });
});
