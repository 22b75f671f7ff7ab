// The demo networks and the four hand-described seed places, holding only the facts the project's seed documents give;
// derive-demo-data.ts adds each place's coordinates from its Who's On First locality and writes seed-places.json.
import type { LanguageMap } from '../shared/db/language-map.ts';
import type { Facility, Governance, LocationType, Openness, SpaceKind, TariffCategory } from '../locations/index.ts';

export interface DemoNetwork {
  slug: string;
  language: string;
  countryCode: string;
  website?: string;
  name: LanguageMap;
  description: LanguageMap;
}

export interface SeedPlaceFacts {
  /** Slug of the operator network in DEMO_NETWORKS. */
  network: string;
  language: string;
  name: LanguageMap;
  description: LanguageMap;
  type: LocationType;
  model: { governance: Governance; openness: Openness; spaceKind: SpaceKind };
  address: { locality: string; countryCode: string };
  timeZone: string;
  facilities: Facility[];
  capacity?: { desks: number };
  tariffs?: { category: TariffCategory; amount: number; currency: string }[];
  source: { name: string; attribution: string };
  /** The current WOF locality whose centre stands in for the unknown street address. */
  wofLocalityId: string;
}

export const CGET_NETWORK_SLUG = 'anct-tiers-lieux-2019';

export const DEMO_NETWORKS: DemoNetwork[] = [
  {
    slug: 'smart-be',
    language: 'fr',
    countryCode: 'BE',
    website: 'https://smartbe.be',
    name: { fr: 'Smart Belgique', nl: 'Smart België', en: 'Smart Belgium' },
    description: {
      fr: 'La coopérative Smart en Belgique.',
      nl: 'De coöperatie Smart in België.',
      en: 'The Smart cooperative in Belgium.',
    },
  },
  {
    slug: 'dorpshuizen-drenthe',
    language: 'nl',
    countryCode: 'NL',
    name: { nl: 'Dorpshuizen in Drenthe', en: 'Village halls in Drenthe' },
    description: {
      nl: 'De dorpshuizen in Drenthe die in deze gids staan. Dit is een groepering in de gids, geen organisatie: elk dorpshuis wordt door zijn eigen vereniging beheerd.',
      en: 'The village halls in Drenthe listed in this directory. This is a grouping in the directory, not an organisation: each village hall is run by its own association.',
    },
  },
  {
    slug: CGET_NETWORK_SLUG,
    language: 'fr',
    countryCode: 'FR',
    name: { fr: 'ANCT – Mission Coworking (base des tiers-lieux 2019)' },
    description: {
      fr: "Les tiers-lieux recensés en 2019 par la Mission Coworking du CGET (aujourd'hui ANCT), publiés sous Licence Ouverte 2.0. L'ANCT ne gère pas ces lieux.",
      en: 'The third places listed in 2019 by the Mission Coworking of the CGET (now ANCT), published under the Licence Ouverte 2.0. The ANCT does not run these places.',
    },
  },
];

export const WOF_ATTRIBUTION = "Who's On First (whosonfirst.org), GeoNames et al.";

// The attribution of the coordinates is completed by derive-demo-data.ts with the locality's WOF id.
const SEED_SOURCE = { name: 'Passerelle demo data (project seed documents)', attribution: WOF_ATTRIBUTION };

// The village halls are run by their own associations, not by the directory grouping: hence third-party.
const VILLAGE_HALL_MODEL = { governance: 'third-party', openness: 'public', spaceKind: 'third-place' } as const;
// Smart's own places; nothing at hand says they are open to the public, so members of the network.
const SMART_PLACE_MODEL = {
  governance: 'cooperative',
  openness: 'network-members',
  spaceKind: 'shared-workspace',
} as const;

export const SEED_PLACES: SeedPlaceFacts[] = [
  {
    network: 'dorpshuizen-drenthe',
    language: 'nl',
    name: { nl: 'Over Entinghe' },
    description: {
      nl: 'Dorpshuis in Dwingeloo met vier flexplekken, een vergadertafel, wifi, een koffieautomaat en een printer. Een dagdeel kost € 7,50.',
    },
    type: 'village-hall',
    model: VILLAGE_HALL_MODEL,
    address: { locality: 'Dwingeloo', countryCode: 'NL' },
    timeZone: 'Europe/Amsterdam',
    facilities: ['desks', 'meeting-table', 'wifi', 'coffee', 'printer'],
    capacity: { desks: 4 },
    tariffs: [{ category: 'public', amount: 7.5, currency: 'EUR' }],
    source: SEED_SOURCE,
    wofLocalityId: '101807291',
  },
  {
    network: 'dorpshuizen-drenthe',
    language: 'nl',
    name: { nl: 'De Veldkei' },
    description: { nl: 'Dorpshuis in Havelte met in hoogte verstelbare bureaus en zeer snel internet.' },
    type: 'village-hall',
    model: VILLAGE_HALL_MODEL,
    address: { locality: 'Havelte', countryCode: 'NL' },
    timeZone: 'Europe/Amsterdam',
    facilities: ['height-adjustable-desks', 'fast-internet', 'wifi'],
    source: SEED_SOURCE,
    wofLocalityId: '101807293',
  },
  {
    network: 'smart-be',
    language: 'fr',
    name: { fr: 'LaVallée' },
    description: { fr: 'Lieu Smart à Bruxelles.' },
    type: 'coworking',
    model: SMART_PLACE_MODEL,
    address: { locality: 'Bruxelles', countryCode: 'BE' },
    timeZone: 'Europe/Brussels',
    facilities: [],
    source: SEED_SOURCE,
    wofLocalityId: '1175610569',
  },
  {
    network: 'smart-be',
    language: 'fr',
    name: { fr: 'Brussels Art Factory' },
    description: { fr: 'Lieu Smart à Bruxelles.' },
    type: 'coworking',
    model: SMART_PLACE_MODEL,
    address: { locality: 'Bruxelles', countryCode: 'BE' },
    timeZone: 'Europe/Brussels',
    facilities: [],
    source: SEED_SOURCE,
    wofLocalityId: '1175610569',
  },
];
