// The in-memory directory: word search, filters, "open at", list order and paging, map clusters and live updates.
import { expect } from 'chai';
import { Types } from 'mongoose';
import {
  entryFromStored,
  entryRecord,
  storedEntry,
  toDirectoryEntry,
  type DirectoryEntry,
  type DirectorySource,
  type EntryRecord,
} from '../../server/directory/engine/directory-entry.ts';
import { DirectoryIndex, type BBox } from '../../server/directory/engine/directory-index.ts';
import { SharedValues } from '../../server/directory/engine/indexed-entry.ts';
import type { DirectoryFilters } from '../../server/directory/engine/directory-filters.ts';
import {
  DirectoryAnswers,
  PAGE_SIZE,
  type LocationProperties,
  type SearchQuery,
} from '../../server/directory/engine/directory-answers.ts';

interface PlaceInput {
  id: string;
  slug: string;
  language: string;
  name: Record<string, string>;
  description?: Record<string, string>;
  locality: string;
  countryCode: string;
  lat: number;
  lng: number;
  timeZone: string;
  street?: string;
  postcode?: string;
  type?: string;
  governance?: string;
  openness?: string;
  spaceKind?: string;
  facilities?: string[];
  openingHours?: string;
  network?: string;
  updatedAt?: string;
}

const NETWORK_SLUGS: Record<string, string> = {
  net1: 'cooperative-wallonie',
  net2: 'dorpshuizen-drenthe',
  net3: 'tiers-lieux-france',
};

// What the Who's On First table answers for these localities (see place-names.test.ts for the real table).
const ALIASES: Record<string, string[]> = {
  'BE/Liège': ['Liège', 'Luik', 'Lüttich'],
  'BE/Namur': ['Namur', 'Namen'],
};
const aliases = (countryCode: string, locality: string) => ALIASES[`${countryCode}/${locality}`] ?? [];
const making = { shared: new SharedValues() };

/** Each index's answers, made once, as an engine holds them. */
const answersByIndex = new WeakMap<DirectoryIndex, DirectoryAnswers>();
function answersOf(index: DirectoryIndex): DirectoryAnswers {
  let answers = answersByIndex.get(index);
  if (!answers) answersByIndex.set(index, (answers = new DirectoryAnswers(index)));
  return answers;
}
const listPage = (index: DirectoryIndex, query: SearchQuery, lang: string) =>
  answersOf(index).listPage(query, 'public', lang);
const mapFeatures = (index: DirectoryIndex, query: SearchQuery, lang: string) =>
  answersOf(index).mapFeatures(query, 'public', lang);

function source(place: PlaceInput): DirectorySource {
  return {
    _id: { toString: () => place.id },
    slug: place.slug,
    language: place.language,
    name: place.name,
    ...(place.description ? { description: place.description } : {}),
    type: place.type ?? 'coworking',
    model: {
      governance: place.governance ?? 'cooperative',
      openness: place.openness ?? 'public',
      spaceKind: place.spaceKind ?? 'shared-workspace',
    },
    address: {
      locality: place.locality,
      countryCode: place.countryCode,
      street: place.street,
      postcode: place.postcode,
    },
    coordinates: { lat: place.lat, lng: place.lng },
    facilities: place.facilities ?? [],
    openingHours: place.openingHours,
    timeZone: place.timeZone,
    network: { toString: () => place.network ?? 'net1' },
    updatedAt: new Date(place.updatedAt ?? '2026-05-01T12:00:00Z'),
  };
}

function entry(place: PlaceInput): DirectoryEntry {
  return toDirectoryEntry(source(place), NETWORK_SLUGS[place.network ?? 'net1']!, aliases, making);
}

const liege: PlaceInput = {
  id: 'liege',
  slug: 'coworking-liege-test',
  language: 'fr',
  name: { fr: 'Coworking Liège test' },
  locality: 'Liège',
  countryCode: 'BE',
  lat: 50.6326,
  lng: 5.5797,
  timeZone: 'Europe/Brussels',
  street: 'Boulevard de la Sauvenière 10',
  postcode: '4000',
  facilities: ['wifi', 'coffee', 'desks'],
  openingHours: 'Mo-Fr 09:00-17:00',
};
const longdoz: PlaceInput = {
  id: 'longdoz',
  slug: 'espace-du-longdoz-test',
  language: 'fr',
  name: { fr: 'Espace du Longdoz test' },
  locality: 'Liège',
  countryCode: 'BE',
  lat: 50.6385,
  lng: 5.5885,
  timeZone: 'Europe/Brussels',
  type: 'third-place',
  spaceKind: 'third-place',
  facilities: ['wifi'],
};
const namur: PlaceInput = {
  id: 'namur',
  slug: 'fablab-namur-test',
  language: 'fr',
  name: { fr: 'Fablab Namur test', nl: 'Fablab Namen test' },
  description: { fr: 'Imprimantes 3D et découpe laser.' },
  locality: 'Namur',
  countryCode: 'BE',
  lat: 50.465,
  lng: 4.86,
  timeZone: 'Europe/Brussels',
  type: 'fablab',
  governance: 'partner',
  facilities: ['workshop-tools', 'wifi'],
  openingHours: 'Tu-Sa 10:00-18:00',
};
const havelte: PlaceInput = {
  id: 'havelte',
  slug: 'dorpshuis-havelte-test',
  language: 'nl',
  name: { nl: 'Dorpshuis Havelte test', fr: 'Maison de village de Havelte test' },
  locality: 'Havelte',
  countryCode: 'NL',
  lat: 52.77,
  lng: 6.2383,
  timeZone: 'Europe/Amsterdam',
  type: 'village-hall',
  governance: 'third-party',
  network: 'net2',
  facilities: ['meeting-room', 'coffee'],
};
const dwingeloo: PlaceInput = {
  id: 'dwingeloo',
  slug: 'werkplek-dwingeloo-test',
  language: 'nl',
  name: { nl: 'Werkplek Dwingeloo test', en: 'Dwingeloo workspace test' },
  locality: 'Dwingeloo',
  countryCode: 'NL',
  lat: 52.8339,
  lng: 6.3686,
  timeZone: 'Europe/Amsterdam',
  network: 'net2',
  openingHours: 'Mo-Fr 08:30-17:30',
};
const aachen: PlaceInput = {
  id: 'aachen',
  slug: 'coworking-aachen-test',
  language: 'de',
  name: { de: 'Coworking Aachen test' },
  locality: 'Aachen',
  countryCode: 'DE',
  lat: 50.7753,
  lng: 6.0839,
  timeZone: 'Europe/Berlin',
  governance: 'partner',
};
const lyon: PlaceInput = {
  id: 'lyon',
  slug: 'tiers-lieu-lyon-test',
  language: 'fr',
  name: { fr: 'Échoppe numérique Lyon test' },
  locality: 'Lyon',
  countryCode: 'FR',
  lat: 45.764,
  lng: 4.8357,
  timeZone: 'Europe/Paris',
  type: 'third-place',
  network: 'net3',
};
const bordeaux: PlaceInput = {
  id: 'bordeaux',
  slug: 'atelier-bordeaux-test',
  language: 'fr',
  name: { fr: 'Atelier partagé Bordeaux test' },
  locality: 'Bordeaux',
  countryCode: 'FR',
  lat: 44.8378,
  lng: -0.5792,
  timeZone: 'Europe/Paris',
  type: 'fablab',
  network: 'net3',
};
const saintDenis: PlaceInput = {
  id: 'saint-denis',
  slug: 'coworking-saint-denis-reunion-test',
  language: 'fr',
  name: { fr: 'Coworking Saint-Denis de La Réunion test' },
  locality: 'Saint-Denis',
  countryCode: 'FR',
  lat: -20.8789,
  lng: 55.4481,
  timeZone: 'Indian/Reunion',
  network: 'net3',
  openingHours: 'Mo-Fr 09:00-17:00',
};

const ALL = [liege, longdoz, namur, havelte, dwingeloo, aachen, lyon, bordeaux, saintDenis];
const BENELUX: BBox = [2.5, 49.4, 7.3, 53.6];
const BELGIUM: BBox = [2.5, 49.4, 6.0, 51.6];

function indexWith(places: PlaceInput[]): DirectoryIndex {
  const index = new DirectoryIndex();
  for (const place of places) index.upsert(entry(place));
  return index;
}

const idsOf = (index: DirectoryIndex, filters: DirectoryFilters) =>
  index
    .search(filters)
    .entries.map((e) => e.id)
    .sort();

/** A cluster counts its points; a single place counts one. */
const pointCount = (features: ReturnType<typeof mapFeatures>['features']) =>
  features.reduce((sum, f) => sum + (f.properties.cluster ? f.properties.count : 1), 0);

/** An entry's fields as plain values (its facilities as a sorted list), to compare entries made in different ways. */
const fieldsOf = (e: DirectoryEntry) => ({
  id: e.id,
  slug: e.slug,
  language: e.language,
  name: e.name,
  sortKey: e.sortKey,
  type: e.type,
  governance: e.governance,
  openness: e.openness,
  spaceKind: e.spaceKind,
  countryCode: e.countryCode,
  locality: e.locality,
  lat: e.lat,
  lng: e.lng,
  approximate: e.approximate,
  facilities: [...e.facilities].sort(),
  networkId: e.networkId,
  networkSlug: e.networkSlug,
  timeZone: e.timeZone,
  holidayRegion: e.holidayRegion,
  openingHoursValue: e.openingHoursValue,
  tokens: [...e.tokens],
  updatedAt: e.updatedAt,
  photo: e.photo,
});

/** Two photos of a place: the entry keeps the first, for the list and the popup. */
const PHOTOS = [
  { id: 'ab'.repeat(16), widths: [320, 640, 1280] },
  { id: 'cd'.repeat(16), widths: [320, 500] },
];
const withPhotos = (place: PlaceInput) =>
  toDirectoryEntry({ ...source(place), photos: PHOTOS }, NETWORK_SLUGS[place.network ?? 'net1']!, aliases, making);

describe('toDirectoryEntry', () => {
  it('when a place is read, then words of every name language, description, address and place aliases are searchable', () => {
    const tokens = entry({ ...namur, street: 'Rue de Fer 1', postcode: '5000' }).tokens;

    expect([...tokens]).to.include.members([
      'fablab',
      'namur',
      'namen',
      'imprimantes',
      'decoupe',
      'rue',
      'fer',
      '5000',
    ]);
  });

  it('when a mongoose ObjectId is the id, then the entry id is its hex string', () => {
    const id = new Types.ObjectId();

    const result = toDirectoryEntry({ ...source(liege), _id: id }, 'cooperative-wallonie', aliases, making);

    expect(result.id).to.equal(id.toHexString());
  });

  it('when stored opening hours no longer parse, then the entry is built without hours instead of failing', () => {
    const result = entry({ ...liege, openingHours: 'whenever we feel like it' });

    expect(result.openingHours).to.equal(undefined);
    expect(result.slug).to.equal('coworking-liege-test');
  });

  it('when an entry is written as a checkpoint record, then the record has the values and order of format 4', () => {
    const written = withPhotos(liege);

    // The record as format 4 writes it: positions, not names, so the order is the on-disk format.
    const formatFour = [
      'liege',
      'coworking-liege-test',
      'fr',
      { fr: 'Coworking Liège test' },
      'coworking liege test',
      'coworking',
      'cooperative',
      'public',
      'shared-workspace',
      'BE',
      'Liège',
      50.6326,
      5.5797,
      0,
      ['coffee', 'desks', 'wifi'],
      'net1',
      'Europe/Brussels',
      'Mo-Fr 09:00-17:00',
      [...written.tokens],
      Date.parse('2026-05-01T12:00:00Z'),
      // Format 2: the region whose holidays the hours follow, none as they name no holidays.
      '',
      // Format 3: how many tokens come first as the name's, the locality's and its aliases' (coworking, liege, test, luik, luttich).
      5,
      // Format 4: the first photo.
      { id: 'ab'.repeat(16), widths: [320, 640, 1280] },
    ];
    expect(JSON.parse(JSON.stringify(entryRecord(written)))).to.deep.equal(formatFour);
    expect(entryRecord(entry(liege)).at(-1), 'a place without photos').to.equal(null);
  });

  it('when a format 4 record is read back, then the entry is the one written, in its network as named now', () => {
    const written = withPhotos(namur);
    const record = JSON.parse(JSON.stringify(entryRecord(written))) as EntryRecord;

    const read = entryFromStored(storedEntry(record), 'renamed-network', making);

    expect(fieldsOf(read)).to.deep.equal({ ...fieldsOf(written), networkSlug: 'renamed-network' });
    expect(read.openingHours?.getState(new Date('2026-05-05T12:00:00'))).to.equal(true);
  });
});

describe('DirectoryIndex word search', () => {
  const index = indexWith(ALL);

  it('when the query differs from the name in accents and case, then the place is found', () => {
    for (const q of ['liège', 'LIEGE', 'Liége', 'coworking liege']) {
      expect(idsOf(index, { q }), q).to.include('liege');
    }
    expect(idsOf(index, { q: 'echoppe' })).to.deep.equal(['lyon']);
  });

  it('when the query is a word of the name in another of its languages, then the place is found', () => {
    expect(idsOf(index, { q: 'maison village' })).to.deep.equal(['havelte']);
    expect(idsOf(index, { q: 'dorpshuis' })).to.deep.equal(['havelte']);
    expect(idsOf(index, { q: 'workspace' })).to.deep.equal(['dwingeloo']);
  });

  it('when the query names the town in another language, then places in that town are found through its aliases', () => {
    expect(idsOf(index, { q: 'Luik' })).to.deep.equal(['liege', 'longdoz']);
    expect(idsOf(index, { q: 'lüttich' })).to.deep.equal(['liege', 'longdoz']);
    expect(idsOf(index, { q: 'namen' })).to.deep.equal(['namur']);
  });

  it('when the query has several words, then only places matching all of them (as prefixes) are found', () => {
    expect(idsOf(index, { q: 'cowork lie' })).to.deep.equal(['liege']);
    expect(idsOf(index, { q: 'coworking havelte' })).to.deep.equal([]);
  });

  it('when the query is only punctuation, then every place is listed', () => {
    expect(index.search({ q: ' - ' }).entries).to.have.length(ALL.length);
  });
});

describe('DirectoryIndex filters', () => {
  const index = indexWith(ALL);

  it('when countries are chosen, then places in any of them are listed and no others', () => {
    expect(idsOf(index, { country: ['BE', 'NL'] })).to.deep.equal([
      'dwingeloo',
      'havelte',
      'liege',
      'longdoz',
      'namur',
    ]);
  });

  it('when a type is chosen, then only places of that type are listed', () => {
    expect(idsOf(index, { type: ['fablab'] })).to.deep.equal(['bordeaux', 'namur']);
  });

  it('when several facilities are chosen, then only places having all of them are listed', () => {
    expect(idsOf(index, { facility: ['wifi'] })).to.deep.equal(['liege', 'longdoz', 'namur']);
    expect(idsOf(index, { facility: ['wifi', 'coffee'] })).to.deep.equal(['liege']);
  });

  it('when a network is chosen, then only its places are listed', () => {
    expect(idsOf(index, { network: ['dorpshuizen-drenthe'] })).to.deep.equal(['dwingeloo', 'havelte']);
  });

  it('when a governance is chosen, then only places run that way are listed', () => {
    expect(idsOf(index, { governance: ['partner'] })).to.deep.equal(['aachen', 'namur']);
  });

  it('when words and filters are combined, then both apply', () => {
    expect(idsOf(index, { q: 'coworking', country: ['BE'] })).to.deep.equal(['liege']);
  });

  it('when a filter list is empty, then it does not restrict the list', () => {
    expect(index.search({ country: [], type: [], facility: [] }).entries).to.have.length(ALL.length);
  });
});

describe('DirectoryIndex "open at"', () => {
  const index = indexWith(ALL);
  const wall = (iso: string) => {
    const [date, time] = iso.split('T') as [string, string];
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    const [hour, minute] = time.split(':').map(Number) as [number, number];
    return { kind: 'wall' as const, wall: { year, month, day, hour, minute } };
  };
  const instant = (iso: string) => ({ kind: 'instant' as const, instant: new Date(iso) });

  it('when a weekday morning wall-clock time is asked, then places open then at their own clock are listed', () => {
    const open = idsOf(index, { openAt: wall('2026-11-24T10:00') });

    expect(open).to.deep.equal(['dwingeloo', 'liege', 'namur', 'saint-denis']);
  });

  it('when a Sunday wall-clock time is asked, then weekday places are not listed', () => {
    expect(idsOf(index, { openAt: wall('2026-11-29T10:00') })).to.deep.equal([]);
  });

  it('when an instant is asked, then it is read at each place in its own time zone', () => {
    // 08:30 UTC is 09:30 in Liège (open) and 12:30 in Saint-Denis (open); 07:30 UTC is 08:30 in Liège (closed).
    expect(idsOf(index, { country: ['BE'], openAt: instant('2026-11-24T08:30:00Z') })).to.deep.equal(['liege']);
    expect(idsOf(index, { country: ['BE'], openAt: instant('2026-11-24T07:30:00Z') })).to.deep.equal([]);
    // 14:30 UTC is 15:30 in Liège (open) but 18:30 in Saint-Denis (closed).
    const belgiumAndFrance = { country: ['BE', 'FR'], type: ['coworking'] };
    expect(idsOf(index, { ...belgiumAndFrance, openAt: instant('2026-11-24T14:30:00Z') })).to.deep.equal(['liege']);
    expect(idsOf(index, { ...belgiumAndFrance, openAt: instant('2026-11-24T08:30:00Z') })).to.deep.equal([
      'liege',
      'saint-denis',
    ]);
  });

  it('when a place has no opening hours, then it is never listed as open', () => {
    const hoursless = indexWith([longdoz, aachen, { ...lyon, openingHours: 'whenever we feel like it' }]);

    for (const openAt of [wall('2026-11-24T10:00'), wall('2026-11-28T15:00'), instant('2026-11-24T11:00:00Z')]) {
      expect(hoursless.search({ openAt }).entries).to.deep.equal([]);
    }
    expect(hoursless.search({}).entries).to.have.length(3);
  });
});

describe('listPage', () => {
  it('when places are listed, then they are ordered by their own-language name with accents ignored', () => {
    const index = indexWith([saintDenis, lyon, havelte, bordeaux]);

    const page = listPage(index, {}, 'en');

    expect(page.items.map((item) => item.name.text)).to.deep.equal([
      'Atelier partagé Bordeaux test',
      'Coworking Saint-Denis de La Réunion test',
      'Dorpshuis Havelte test',
      'Échoppe numérique Lyon test',
    ]);
  });

  it('when names are shown, then each is in the asked language or flagged as a fallback', () => {
    const index = indexWith([havelte, liege]);

    const [liegeItem, havelteItem] = listPage(index, {}, 'fr').items;

    expect(liegeItem?.name).to.deep.equal({ text: 'Coworking Liège test', lang: 'fr', fallback: false });
    expect(havelteItem?.name).to.deep.equal({ text: 'Maison de village de Havelte test', lang: 'fr', fallback: false });
    expect(listPage(index, {}, 'de').items[1]?.name).to.deep.equal({
      text: 'Dorpshuis Havelte test',
      lang: 'nl',
      fallback: true,
    });
  });

  it('when more places match than fit on a page, then they are split into pages in list order', () => {
    const many = Array.from({ length: 2 * PAGE_SIZE + 5 }, (_, i) => ({
      ...dwingeloo,
      id: `dwingeloo-${i}`,
      slug: `werkplek-dwingeloo-${String(i).padStart(2, '0')}-test`,
      name: { nl: `Werkplek Dwingeloo ${String(i).padStart(2, '0')} test` },
      lat: dwingeloo.lat + i * 0.001,
    }));
    const index = indexWith(many.toReversed());

    const pages = [1, 2, 3].map((page) => listPage(index, { page }, 'nl'));

    expect(pages.map((p) => p.items.length)).to.deep.equal([PAGE_SIZE, PAGE_SIZE, 5]);
    expect(pages.map((p) => [p.page, p.pageCount, p.total])).to.deep.equal([
      [1, 3, many.length],
      [2, 3, many.length],
      [3, 3, many.length],
    ]);
    expect(pages.flatMap((p) => p.items.map((item) => item.slug))).to.deep.equal(many.map((p) => p.slug));
  });

  it('when a page past the end is asked, then the last page is shown', () => {
    const index = indexWith(ALL);

    const page = listPage(index, { page: 99 }, 'en');

    expect(page.page).to.equal(1);
    expect(page.items).to.have.length(ALL.length);
  });

  it('when nothing matches, then there is one empty page', () => {
    const page = listPage(indexWith(ALL), { q: 'zwembad' }, 'en');

    expect(page).to.deep.include({ total: 0, inView: 0, unknownHours: 0, page: 1, pageCount: 1, items: [] });
  });

  it('when a map view is given, then only places inside it are listed while the total counts all', () => {
    const page = listPage(indexWith(ALL), { bbox: BELGIUM }, 'fr');

    expect(page.items.map((item) => item.slug).sort()).to.deep.equal([
      'coworking-liege-test',
      'espace-du-longdoz-test',
      'fablab-namur-test',
    ]);
    expect(page.inView).to.equal(3);
    expect(page.total).to.equal(ALL.length);
  });
});

describe('mapFeatures', () => {
  it('when the whole world is shown at low zoom, then nearby places are clustered and the counts add up to every place', () => {
    const index = indexWith(ALL);

    const map = mapFeatures(index, { zoom: 2 }, 'en');

    expect(map.features.some((f) => f.properties.cluster)).to.equal(true);
    expect(map.features.length).to.be.below(ALL.length);
    expect(pointCount(map.features)).to.equal(ALL.length);
    expect(map.total).to.equal(ALL.length);
    expect(map.inView).to.equal(ALL.length);
  });

  it('when a view is given at low zoom, then the counts add up to the places in view', () => {
    const index = indexWith(ALL);

    const map = mapFeatures(index, { bbox: BENELUX, zoom: 5 }, 'en');

    expect(map.inView).to.equal(6);
    expect(pointCount(map.features)).to.equal(map.inView);
    expect(map.total).to.equal(ALL.length);
  });

  it('when a cluster is shown, then it says at which zoom it splits', () => {
    const map = mapFeatures(indexWith(ALL), { bbox: BENELUX, zoom: 5 }, 'en');

    const cluster = map.features.find((f) => f.properties.cluster);

    expect(cluster?.properties.cluster && cluster.properties.expansionZoom).to.be.above(5);
  });

  it('when zoomed in on Liège, then single places come with slug, coordinates and name in the asked language', () => {
    const index = indexWith(ALL);

    const map = mapFeatures(index, { bbox: [5.5, 50.6, 5.7, 50.7], zoom: 16 }, 'fr');
    const places = map.features.map((f) => ({
      coordinates: f.geometry.coordinates,
      ...(f.properties as LocationProperties),
    }));

    expect(places.every((p) => p.cluster === false)).to.equal(true);
    const liegePoint = places.find((p) => p.slug === 'coworking-liege-test');
    expect(liegePoint).to.include({
      name: 'Coworking Liège test',
      nameLang: 'fr',
      nameFallback: false,
      countryCode: 'BE',
    });
    expect(liegePoint?.coordinates).to.deep.equal([5.5797, 50.6326]);
    expect(places.map((p) => p.slug).sort()).to.deep.equal(['coworking-liege-test', 'espace-du-longdoz-test']);
  });

  it('when a place has no name in the asked language, then the map shows its own-language name flagged as a fallback', () => {
    const index = indexWith(ALL);

    const map = mapFeatures(index, { bbox: [4.8, 50.4, 4.9, 50.5], zoom: 16 }, 'de');

    expect(map.features).to.have.length(1);
    expect(map.features[0]!.properties).to.include({
      slug: 'fablab-namur-test',
      name: 'Fablab Namur test',
      nameLang: 'fr',
      nameFallback: true,
    });
  });

  it('when filters apply, then only matching places are on the map', () => {
    const map = mapFeatures(indexWith(ALL), { type: ['fablab'], zoom: 16 }, 'en');

    expect(map.features.map((f) => (f.properties as LocationProperties).slug).sort()).to.deep.equal([
      'atelier-bordeaux-test',
      'fablab-namur-test',
    ]);
  });
});

describe('DirectoryIndex changes', () => {
  it('when an older copy of a place arrives after a newer one, then the newer one is kept', () => {
    const index = indexWith([
      { ...liege, name: { fr: 'Coworking Liège Sauvenière test' }, updatedAt: '2026-05-02T12:00:00Z' },
    ]);

    index.upsert(entry({ ...liege, updatedAt: '2026-05-01T12:00:00Z' }));

    expect(index.getById('liege')?.name).to.deep.equal({ fr: 'Coworking Liège Sauvenière test' });
    expect(idsOf(index, { q: 'sauveniere' })).to.deep.equal(['liege']);
  });

  it('when the same version is applied again with a new network slug, then the new slug is used', () => {
    const index = indexWith([liege]);

    index.upsert(toDirectoryEntry(source(liege), 'cooperative-wallonie-bruxelles', aliases, making));

    expect(idsOf(index, { network: ['cooperative-wallonie-bruxelles'] })).to.deep.equal(['liege']);
    expect(idsOf(index, { network: ['cooperative-wallonie'] })).to.deep.equal([]);
  });

  it('when a newer copy renames a place, then the old words and slug no longer find it', () => {
    const index = indexWith([liege]);

    index.upsert(
      entry({
        ...liege,
        slug: 'werkplek-luik-test',
        name: { fr: 'Bureau partagé test' },
        // Another type too: "coworking" names the type, and would still find a coworking space by it.
        type: 'third-place',
        updatedAt: '2026-06-01T00:00:00Z',
      }),
    );

    expect(idsOf(index, { q: 'coworking' })).to.deep.equal([]);
    expect(idsOf(index, { q: 'bureau' })).to.deep.equal(['liege']);
    expect(index.getBySlug('coworking-liege-test')).to.equal(undefined);
    expect(index.getBySlug('werkplek-luik-test')?.id).to.equal('liege');
    expect(index.size).to.equal(1);
  });

  it('when a place is removed, then it is gone from search, the list and the clusters', () => {
    const index = indexWith(ALL);

    index.remove('liege');

    expect(idsOf(index, { q: 'luik' })).to.deep.equal(['longdoz']);
    expect(listPage(index, {}, 'en').total).to.equal(ALL.length - 1);
    expect(pointCount(mapFeatures(index, { zoom: 2 }, 'en').features)).to.equal(ALL.length - 1);
    expect(index.getBySlug('coworking-liege-test')).to.equal(undefined);
  });

  it('when a search was answered before a change, then the same search afterwards reflects the change', () => {
    const index = indexWith([liege, namur]);
    const before = listPage(index, { q: 'coworking' }, 'en');
    const mapBefore = mapFeatures(index, { zoom: 2 }, 'en');

    index.upsert(entry(aachen));
    const after = listPage(index, { q: 'coworking' }, 'en');
    index.remove('namur');
    const mapAfter = mapFeatures(index, { zoom: 2 }, 'en');

    expect(before.total).to.equal(1);
    expect(after.items.map((item) => item.slug)).to.deep.equal(['coworking-aachen-test', 'coworking-liege-test']);
    expect(pointCount(mapBefore.features)).to.equal(2);
    expect(pointCount(mapAfter.features)).to.equal(2);
    expect(mapAfter.total).to.equal(2);
    expect(idsOf(index, {})).to.deep.equal(['aachen', 'liege']);
  });

  it('when places sharing a word are edited and removed one by one, then the word finds exactly those having it', () => {
    const named = (place: typeof liege, name: string, updatedAt = place.updatedAt) => ({
      ...place,
      name: { fr: name },
      updatedAt,
    });
    const index = indexWith([
      named(liege, 'Atelier Sauvenière'),
      named(namur, 'Atelier du Grognon'),
      named(aachen, 'Atelier am Dom'),
    ]);
    expect(idsOf(index, { q: 'atelier' })).to.have.members(['liege', 'namur', 'aachen']);

    index.upsert(entry(named(namur, 'Bureau du Grognon', '2026-07-01T00:00:00Z')));
    expect(idsOf(index, { q: 'atelier' })).to.have.members(['liege', 'aachen']);
    expect(idsOf(index, { q: 'bureau' })).to.deep.equal(['namur']);

    index.remove('aachen');
    expect(idsOf(index, { q: 'atelier' })).to.deep.equal(['liege']);

    index.remove('liege');
    expect(idsOf(index, { q: 'atelier' })).to.deep.equal([]);

    index.upsert(entry(named(aachen, 'Atelier am Dom', '2026-08-01T00:00:00Z')));
    expect(idsOf(index, { q: 'atel' })).to.deep.equal(['aachen']);
  });

  it('when an unknown place is removed, then nothing changes', () => {
    const index = indexWith([liege]);
    const version = index.version;

    index.remove('nowhere');

    expect(index.size).to.equal(1);
    expect(index.version).to.equal(version);
  });

  it('when places are listed, then countries and networks with places are offered as filters', () => {
    const index = indexWith(ALL);
    index.networks.set('net1', { slug: 'cooperative-wallonie', name: { fr: 'Coopérative Wallonie' }, language: 'fr' });
    index.networks.set('net2', { slug: 'dorpshuizen-drenthe', name: { nl: 'Dorpshuizen Drenthe' }, language: 'nl' });
    index.networks.set('net9', { slug: 'empty-network', name: { en: 'Empty network' }, language: 'en' });

    expect(index.countries()).to.deep.equal(['BE', 'DE', 'FR', 'NL']);
    expect(index.listedNetworks().map((n) => n.slug)).to.deep.equal(['cooperative-wallonie', 'dorpshuizen-drenthe']);
  });
});
