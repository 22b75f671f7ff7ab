// What /manage reads: the locations a principal may edit (filtered in the query), the networks in their scope,
// and how many of their listings lack text in each language.
import type { QueryFilter, Types } from 'mongoose';
import { pickText, type ContentText } from '../shared/i18n/content-text.ts';
import { UI_LANGUAGES, type UiLanguage } from '../shared/i18n/languages.ts';
import { networksByIds, type Network } from '../networks/index.ts';
import { adminNetworkIds, managedLocationIds, type Principal } from '../shared/principal.ts';
import type { Location } from './location.model.ts';
import { LocationModel } from './location.model.ts';
import { canPlaceInNetwork, editableLocationsFilter } from './location.policy.ts';
import type { LocationStatus } from './location.vocabulary.ts';
import { missingLanguageFilter, missingTranslations, type MissingTranslations } from './translations.ts';

export const PAGE_SIZE = 50;

export interface ManageFilters {
  status?: LocationStatus;
  /** A network slug. */
  network?: string;
  /** Only listings lacking text in this language. */
  missing?: UiLanguage;
  page: number;
}

export interface NetworkRef {
  id: string;
  slug: string;
  name: string;
}

export interface ManagedItem {
  slug: string;
  status: LocationStatus;
  language: string;
  name: ContentText;
  network?: NetworkRef;
  updatedAt: Date;
  missing: MissingTranslations;
}

export interface NetworkSummary extends NetworkRef {
  /** Listings not archived that this person may edit. */
  total: number;
  /** Of those, how many lack a name or a description in each language. */
  missing: Record<UiLanguage, number>;
  /** The network's own name and description. */
  ownMissing: MissingTranslations;
  /** Whether this person may create locations in it. */
  canCreate: boolean;
}

type NetworkDoc = Pick<Network, '_id' | 'slug' | 'name' | 'description' | 'language'>;

const ref = (network: NetworkDoc, lang: string): NetworkRef => ({
  id: network._id.toString(),
  slug: network.slug,
  name: pickText(network.name, network.language, lang)?.text ?? network.slug,
});

/** The networks whose locations this person edits: all for instance admins, else administered or managed in. */
export async function networksInScope(p: Principal): Promise<NetworkDoc[]> {
  if (p.instanceAdmin) return networksByIds();
  const managed = managedLocationIds(p);
  const managedIn = managed.length
    ? (
        await LocationModel.find({ _id: { $in: managed } })
          .select('network')
          .lean()
      ).map((l) => l.network.toString())
    : [];
  const ids = [...new Set([...adminNetworkIds(p), ...managedIn])];
  return networksByIds(ids);
}

/** The networks this person may create locations in or move them to, as select options. */
export async function placeableNetworks(p: Principal, lang: string): Promise<NetworkRef[]> {
  return (await networksInScope(p)).filter((n) => canPlaceInNetwork(p, n._id)).map((n) => ref(n, lang));
}

function listFilter(editable: QueryFilter<Location>, filters: ManageFilters, networkId?: Types.ObjectId) {
  const parts: QueryFilter<Location>[] = [editable];
  if (filters.status) parts.push({ status: filters.status });
  if (networkId) parts.push({ network: networkId });
  if (filters.missing) parts.push(missingLanguageFilter(filters.missing));
  return { $and: parts } as QueryFilter<Location>;
}

export interface ManagedPage {
  items: ManagedItem[];
  total: number;
  page: number;
  pageCount: number;
}

/** One page of the locations this person may edit, most recently changed first. */
export async function listEditableLocations(
  p: Principal,
  filters: ManageFilters,
  lang: string,
  networks: NetworkDoc[],
): Promise<ManagedPage> {
  const editable = editableLocationsFilter(p);
  const network = filters.network ? networks.find((n) => n.slug === filters.network) : undefined;
  if (!editable || (filters.network && !network)) return { items: [], total: 0, page: 1, pageCount: 1 };
  const filter = listFilter(editable, filters, network?._id);
  const total = await LocationModel.countDocuments(filter);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(filters.page, pageCount);
  const docs = await LocationModel.find(filter)
    .select('slug status language name description network updatedAt')
    .sort({ updatedAt: -1, _id: 1 })
    .skip((page - 1) * PAGE_SIZE)
    .limit(PAGE_SIZE)
    .lean<Location[]>();
  const byId = new Map(networks.map((n) => [n._id.toString(), ref(n, lang)]));
  const items = docs.map((doc) => ({
    slug: doc.slug,
    status: doc.status,
    language: doc.language,
    name: pickText(doc.name, doc.language, lang) ?? { text: doc.slug, lang: doc.language, fallback: true },
    network: byId.get(doc.network.toString()),
    updatedAt: doc.updatedAt,
    missing: missingTranslations(doc),
  }));
  return { items, total, page, pageCount };
}

/** Per network: how many of this person's listings (archived ones aside) lack text in each language. */
export async function networkSummaries(p: Principal, lang: string, networks: NetworkDoc[]): Promise<NetworkSummary[]> {
  const editable = editableLocationsFilter(p);
  if (!editable) return [];
  return Promise.all(
    networks.map(async (network) => {
      const scope: QueryFilter<Location>[] = [editable, { network: network._id }, { status: { $ne: 'archived' } }];
      const count = (extra?: QueryFilter<Location>) =>
        LocationModel.countDocuments({ $and: extra ? [...scope, extra] : scope } as QueryFilter<Location>);
      const missing = Object.fromEntries(
        await Promise.all(
          UI_LANGUAGES.map(async (l) => [l, await count(missingLanguageFilter(l) as QueryFilter<Location>)] as const),
        ),
      ) as Record<UiLanguage, number>;
      return {
        ...ref(network, lang),
        total: await count(),
        missing,
        ownMissing: missingTranslations(network),
        canCreate: canPlaceInNetwork(p, network._id),
      };
    }),
  );
}
