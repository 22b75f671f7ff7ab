// Networks: creating and editing them (admins only, audited), and reading them for their public pages.
import type { Types } from 'mongoose';
import { recordAudit } from '../audit/index.js';
import { pickText, type ContentText } from '../shared/i18n/content-text.js';
import { isUiLanguage } from '../shared/i18n/languages.js';
import { LocationModel } from '../locations/index.js';
import type { FormResult } from '../shared/http/forms.js';
import { notFound } from '../shared/errors/app-error.js';
import type { LanguageMap } from '../shared/db/language-map.js';
import { assertAllowed, type Principal } from '../shared/principal.js';
import { slugify } from '../shared/text/normalize.js';
import { canEditNetwork } from './membership.policy.js';
import { NetworkModel, type Network } from './network.model.js';
import { canCreateNetwork } from './network.policy.js';
import type { NetworkInput } from './network.schemas.js';

export interface NetworkView {
  id: string;
  slug: string;
  language: string;
  name: ContentText;
  description?: ContentText;
  nameMap: LanguageMap;
  descriptionMap: LanguageMap;
  countryCode?: string;
  website?: string;
  logoUrl?: string;
}

export interface NetworkLocation {
  slug: string;
  name: ContentText;
  locality: string;
  countryCode: string;
  lat: number;
  lng: number;
}

const isDuplicateKey = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === 11000;

const SLUG_TAKEN = { slug: 'networks:validation.slugTaken' };

export function networkView(network: Network, lang: string): NetworkView {
  const description = pickText(network.description, network.language, lang);
  return {
    id: network._id.toString(),
    slug: network.slug,
    language: network.language,
    name: pickText(network.name, network.language, lang) ?? {
      text: network.slug,
      lang: network.language,
      fallback: true,
    },
    ...(description ? { description } : {}),
    nameMap: network.name,
    descriptionMap: network.description ?? {},
    ...(network.countryCode ? { countryCode: network.countryCode } : {}),
    ...(network.website ? { website: network.website } : {}),
    ...(network.logoUrl ? { logoUrl: network.logoUrl } : {}),
  };
}

export async function findNetworkBySlug(slug: string): Promise<Network> {
  const network = await NetworkModel.findOne({ slug }).lean<Network>();
  if (!network) throw notFound();
  return network;
}

/** Every network, by name in the reader's language, with how many published locations it has. */
export async function listNetworks(lang: string): Promise<(NetworkView & { locationCount: number })[]> {
  const [networks, counts] = await Promise.all([
    NetworkModel.find({}).lean<Network[]>(),
    LocationModel.aggregate<{ _id: Types.ObjectId; count: number }>([
      { $match: { status: 'published' } },
      { $group: { _id: '$network', count: { $sum: 1 } } },
    ]),
  ]);
  const countOf = new Map(counts.map((c) => [c._id.toString(), c.count]));
  const collator = new Intl.Collator(lang);
  return networks
    .map((n) => ({ ...networkView(n, lang), locationCount: countOf.get(n._id.toString()) ?? 0 }))
    .sort((a, b) => collator.compare(a.name.text, b.name.text));
}

/** The network's published locations, by name in the reader's language (the query keeps only those). */
export async function publishedLocationsOf(networkId: Types.ObjectId, lang: string): Promise<NetworkLocation[]> {
  const locations = await LocationModel.find({ network: networkId, status: 'published' })
    .select('slug language name address.locality address.countryCode coordinates.lat coordinates.lng')
    .lean();
  const collator = new Intl.Collator(lang);
  return locations
    .map((l) => ({
      slug: l.slug,
      name: pickText(l.name as LanguageMap, l.language, lang) ?? { text: l.slug, lang: l.language, fallback: true },
      locality: l.address?.locality ?? '',
      countryCode: l.address?.countryCode ?? '',
      lat: l.coordinates?.lat ?? 0,
      lng: l.coordinates?.lng ?? 0,
    }))
    .sort((a, b) => collator.compare(a.name.text, b.name.text));
}

/** A slug from the name in the network's own language (then any name), when the admin left it empty. */
export function slugFor(input: NetworkInput): string {
  if (input.slug) return input.slug;
  const name = input.name[input.language] ?? Object.values(input.name).find(Boolean) ?? '';
  const slug = slugify(name);
  return slug === 'location' && !/location/i.test(name) ? 'network' : slug;
}

const stored = (input: NetworkInput) => ({
  language: input.language,
  name: input.name,
  description: input.description,
  countryCode: input.countryCode,
  website: input.website,
  logoUrl: input.logoUrl,
});

export async function createNetwork(p: Principal, input: NetworkInput): Promise<FormResult<Network>> {
  assertAllowed(p, canCreateNetwork(p));
  const slug = slugFor(input);
  if (await NetworkModel.exists({ slug })) return { ok: false, errors: SLUG_TAKEN };
  let network: Network;
  try {
    network = (await NetworkModel.create({ slug, ...stored(input) })).toObject();
  } catch (error) {
    if (isDuplicateKey(error)) return { ok: false, errors: SLUG_TAKEN };
    throw error;
  }
  await recordAudit(p, {
    action: 'network.create',
    entityType: 'network',
    entityId: network._id.toString(),
    networkId: network._id,
    after: network,
  });
  return { ok: true, data: network };
}

/** Changes everything but the slug, which stays as links and other instances know it. */
export async function updateNetwork(p: Principal, network: Network, input: NetworkInput): Promise<Network> {
  assertAllowed(p, canEditNetwork(p, network._id));
  const unset = Object.fromEntries(
    (['countryCode', 'website', 'logoUrl'] as const).filter((k) => input[k] === undefined).map((k) => [k, 1]),
  );
  // The form has a field per interface language and the network's own language; text in any other language stays.
  const kept = (map: LanguageMap | undefined) =>
    Object.fromEntries(
      Object.entries(map ?? {}).filter(([lang]) => !isUiLanguage(lang) && lang !== input.language),
    ) as LanguageMap;
  const fields = Object.fromEntries(
    Object.entries({
      ...stored(input),
      name: { ...kept(network.name), ...input.name },
      description: { ...kept(network.description), ...input.description },
    }).filter(([, v]) => v !== undefined),
  );
  const after = await NetworkModel.findOneAndUpdate(
    { _id: network._id },
    { $set: fields, ...(Object.keys(unset).length ? { $unset: unset } : {}) },
    { returnDocument: 'after', runValidators: true },
  ).lean<Network>();
  if (!after) throw notFound();
  await recordAudit(p, {
    action: 'network.update',
    entityType: 'network',
    entityId: network._id.toString(),
    networkId: network._id,
    before: network,
    after,
  });
  return after;
}
