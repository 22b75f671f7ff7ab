// Networks: creating and editing them (admins only, audited), and reading them for their public pages.
import { auditedWrite, recordAudit } from '../audit/index.ts';
import { pickText, type ContentText, type ReaderLanguages } from '../shared/i18n/content-text.ts';
import { isUiLanguage } from '../shared/i18n/languages.ts';
import { fieldError, notFound } from '../shared/errors/app-error.ts';
import { isDuplicateKey } from '../shared/db/duplicate-key.ts';
import type { LanguageMap } from '../shared/db/language-map.ts';
import { assertAllowed, mayAdministerNetwork, type Principal } from '../shared/principal.ts';
import { slugify } from '../shared/text/normalize.ts';
import { MembershipModel } from './membership.model.ts';
import { NetworkModel, type Network } from './network.model.ts';
import { canCreateNetwork } from './network.policy.ts';
import type { NetworkLocations } from './network-locations.ts';
import type { NetworkInput } from './network.schemas.ts';

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

const slugTaken = () => fieldError('slug', 'networks:validation.slugTaken');

export function networkView(network: Network, lang: ReaderLanguages): NetworkView {
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
  const network = await lookUpNetwork(slug);
  if (!network) throw notFound();
  return network;
}

/** The network with this slug; undefined when there is none. */
export async function lookUpNetwork(slug: string): Promise<Network | undefined> {
  return (await NetworkModel.findOne({ slug }).lean<Network>()) ?? undefined;
}

export async function findNetworkById(id: { toString(): string }): Promise<Network | undefined> {
  return (await NetworkModel.findOne({ _id: id.toString() }).lean<Network>()) ?? undefined;
}

/** The networks among `ids` (every network when `ids` is undefined), by slug. */
export async function networksByIds(ids?: { toString(): string }[]): Promise<Network[]> {
  if (ids?.length === 0) return [];
  const filter = ids ? { _id: { $in: ids.map(String) } } : {};
  return NetworkModel.find(filter).sort({ slug: 1 }).lean<Network[]>();
}

/** Every network, by name in the reader's language, with how many published locations it has. */
export async function listNetworks(
  lang: ReaderLanguages,
  locations: NetworkLocations,
): Promise<(NetworkView & { locationCount: number })[]> {
  const [networks, countOf] = await Promise.all([NetworkModel.find({}).lean<Network[]>(), locations.publishedCounts()]);
  const collator = new Intl.Collator(lang);
  return networks
    .map((n) => ({ ...networkView(n, lang), locationCount: countOf.get(n._id.toString()) ?? 0 }))
    .sort((a, b) => collator.compare(a.name.text, b.name.text));
}

/** The network's published locations, by name in the reader's language. */
export async function publishedLocationsOf(
  locations: NetworkLocations,
  networkId: { toString(): string },
  lang: ReaderLanguages,
): Promise<NetworkLocation[]> {
  const collator = new Intl.Collator(lang);
  return (await locations.publishedOf(networkId.toString()))
    .map((l) => ({
      slug: l.slug,
      name: pickText(l.name, l.language, lang) ?? { text: l.slug, lang: l.language, fallback: true },
      locality: l.locality ?? '',
      countryCode: l.countryCode ?? '',
      lat: l.lat ?? 0,
      lng: l.lng ?? 0,
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

/** Creates a network (instance admins only); a 400 on the slug field when another network has that slug. */
export async function createNetwork(p: Principal, input: NetworkInput): Promise<Network> {
  assertAllowed(p, canCreateNetwork(p));
  const slug = slugFor(input);
  if (await NetworkModel.exists({ slug })) throw slugTaken();
  const network = new NetworkModel({ slug, ...stored(input) });
  await network.validate();
  const event = {
    action: 'network.create',
    entityType: 'network',
    entityId: network._id.toString(),
    networkId: network._id,
    after: network.toObject(),
  };
  try {
    await auditedWrite(p, [event], () => network.save());
  } catch (error) {
    if (isDuplicateKey(error)) throw slugTaken();
    throw error;
  }
  const created = network.toObject();
  if (p.userId) await appointCreatorAdmin(p, created);
  return created;
}

/**
 * The person who creates a network becomes its network admin, so join requests have someone to decide them from the
 * start; they invite the people who will run it (as network admins) from its admin page.
 */
async function appointCreatorAdmin(p: Principal, network: Network): Promise<void> {
  const membership = (
    await MembershipModel.create({
      user: p.userId,
      network: network._id,
      status: 'active',
      networkAdmin: true,
      decidedBy: p.userId,
      decidedAt: new Date(),
    })
  ).toObject();
  await recordAudit(p, {
    action: 'membership.create',
    entityType: 'membership',
    entityId: membership._id.toString(),
    networkId: network._id,
    after: membership,
  });
}

/** Changes everything but the slug, which stays as links and other instances know it. */
export async function updateNetwork(p: Principal, network: Network, input: NetworkInput): Promise<Network> {
  assertAllowed(p, mayAdministerNetwork(p, network._id));
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
