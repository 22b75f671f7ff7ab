// Builds the demo networks and locations from the committed files in ./data, as plain documents for insertMany.
import { readFileSync } from 'node:fs';
import { Types } from 'mongoose';
import type { LanguageMap } from '../shared/db/language-map.ts';
import type {
  Facility,
  Governance,
  LocationStatus,
  LocationType,
  Openness,
  SpaceKind,
  TariffCategory,
} from '../locations/index.ts';
import { slugify } from '../shared/text/normalize.ts';
import {
  CGET_SOURCE,
  cgetCoordinates,
  cgetKind,
  cgetLocality,
  cgetName,
  cgetPostcode,
  cgetRegion,
  cgetStreet,
  cgetTimeZone,
  cgetWebsite,
  isApproximate,
  readCgetRows,
  type CgetRow,
} from './cget-rows.ts';
import { CGET_NETWORK_SLUG, type DemoNetwork, type SeedPlaceFacts } from './seed-place-facts.ts';

export interface DemoNetworkDocument extends DemoNetwork {
  _id: Types.ObjectId;
}

export interface DemoLocationDocument {
  slug: string;
  language: string;
  name: LanguageMap;
  description: LanguageMap;
  type: LocationType;
  model: { governance: Governance; openness: Openness; spaceKind: SpaceKind };
  address: { street?: string; postcode?: string; locality: string; region?: string; countryCode: string };
  coordinates: { lat: number; lng: number; approximate: boolean };
  timeZone: string;
  facilities: Facility[];
  capacity?: { desks: number };
  contact?: { website: string };
  tariffs: { category: TariffCategory; amount: number; currency: string; per: 'day-part' }[];
  status: LocationStatus;
  network: Types.ObjectId;
  source: { name: string; url?: string; recordId?: string; licence?: string; attribution?: string };
}

type SeedPlace = Omit<SeedPlaceFacts, 'address'> & {
  address: SeedPlaceFacts['address'] & { region?: string };
  coordinates: { lat: number; lng: number; approximate: boolean };
};

interface SeedFile {
  networks: DemoNetwork[];
  places: SeedPlace[];
}

const SEED_FILE = new URL('./data/seed-places.json', import.meta.url);

let seedFile: SeedFile | undefined;
const readSeedFile = (): SeedFile => (seedFile ??= JSON.parse(readFileSync(SEED_FILE, 'utf8')) as SeedFile);

/** The demo networks, each with a fresh id. */
export function demoNetworkDocuments(): DemoNetworkDocument[] {
  return readSeedFile().networks.map((network) => ({ ...structuredClone(network), _id: new Types.ObjectId() }));
}

/** A location without its slug, which depends on the others. */
type Unslugged = Omit<DemoLocationDocument, 'slug'>;

function networkId(networkIds: ReadonlyMap<string, Types.ObjectId>, slug: string): Types.ObjectId {
  const id = networkIds.get(slug);
  if (!id) throw new Error(`no id given for demo network ${slug}`);
  return id;
}

function seedPlaceLocation(place: SeedPlace, network: Types.ObjectId): Unslugged {
  const { wofLocalityId: _wofLocalityId, network: _networkSlug, ...facts } = structuredClone(place);
  return {
    ...facts,
    tariffs: (facts.tariffs ?? []).map((tariff) => ({ ...tariff, per: 'day-part' as const })),
    status: 'published',
    network,
  };
}

/** The location for a CGET row, or undefined when the row has no coordinates or no locality. */
export function cgetLocation(row: CgetRow, network: Types.ObjectId): Unslugged | undefined {
  const coordinates = cgetCoordinates(row);
  const locality = cgetLocality(row);
  const name = cgetName(row);
  if (!coordinates || !locality || !name) return undefined;
  const { type, spaceKind } = cgetKind(row);
  const website = cgetWebsite(row.WEB);
  return {
    language: 'fr',
    name: { fr: name },
    description: {},
    type,
    model: { governance: 'third-party', openness: 'public', spaceKind },
    address: {
      street: cgetStreet(row),
      postcode: cgetPostcode(row),
      locality,
      region: cgetRegion(row),
      countryCode: 'FR',
    },
    coordinates: { ...coordinates, approximate: isApproximate(row.PRECISION) },
    timeZone: cgetTimeZone(row),
    facilities: [],
    ...(website ? { contact: { website } } : {}),
    tariffs: [],
    status: 'published',
    network,
    source: { ...CGET_SOURCE, recordId: row.ID },
  };
}

/** Gives each location slugify(name + locality), with -2, -3… on a collision, in the order given. */
function withSlugs(locations: Unslugged[]): DemoLocationDocument[] {
  const taken = new Set<string>();
  return locations.map((location) => {
    const name = location.name[location.language] ?? Object.values(location.name)[0] ?? '';
    const base = slugify(`${name} ${location.address.locality}`);
    let slug = base;
    for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
    taken.add(slug);
    return { slug, ...location };
  });
}

/** The four seed places, then every CGET row that has coordinates and a locality; all published. */
export function demoLocationDocuments(networkIds: ReadonlyMap<string, Types.ObjectId>): DemoLocationDocument[] {
  const seedPlaces = readSeedFile().places.map((place) =>
    seedPlaceLocation(place, networkId(networkIds, place.network)),
  );
  const cgetNetwork = networkId(networkIds, CGET_NETWORK_SLUG);
  const cgetPlaces = readCgetRows().flatMap((row) => cgetLocation(row, cgetNetwork) ?? []);
  return withSlugs([...seedPlaces, ...cgetPlaces]);
}
