// My account: what /me shows (the account, memberships with the locations they manage, API tokens).
import { findLiveUser, listApiTokens, type ApiTokenSummary } from '../auth/index.ts';
import { locationRefsByIds } from '../locations/index.ts';
import { membershipsOfUser, networksByIds } from '../networks/index.ts';
import { pickText, type ContentText } from '../shared/i18n/content-text.ts';
import type { LanguageMap } from '../shared/db/language-map.ts';
import { unauthorized } from '../shared/errors/app-error.ts';
import type { Principal } from '../shared/principal.ts';

export interface MyMembership {
  network: { slug: string; name?: ContentText };
  status: string;
  category: string;
  memberNumber?: string;
  networkAdmin: boolean;
  locations: { slug: string; name?: ContentText; status: string }[];
}

export interface MyAccount {
  id: string;
  name: string;
  email: string;
  preferredLanguage: string;
  pseudonym: string;
  instanceAdmin: boolean;
  analyst: boolean;
  createdAt?: Date;
  memberships: MyMembership[];
  tokens: ApiTokenSummary[];
}

/** The person behind a principal: only someone signed in has an account. */
export function ownerId(p: Principal): string {
  if (p.kind !== 'user' || !p.userId) throw unauthorized();
  return p.userId;
}

export async function liveUser(userId: string) {
  const user = await findLiveUser(userId);
  if (!user) throw unauthorized();
  return user;
}

/** Networks by id, with what a page or a download names them by. */
export async function networksById(
  ids: { toString(): string }[],
): Promise<Map<string, { slug: string; language: string; name: LanguageMap }>> {
  const networks = await networksByIds(ids);
  return new Map(networks.map((n) => [n._id.toString(), { slug: n.slug, language: n.language, name: n.name }]));
}

/** What /me shows: the account, every membership with the locations it manages, the API tokens. */
export async function myAccount(p: Principal, lang: string): Promise<MyAccount> {
  const user = await liveUser(ownerId(p));
  const memberships = await membershipsOfUser(user._id.toString());
  const networks = await networksById(memberships.map((m) => m.network));
  const locationById = await locationRefsByIds(memberships.flatMap((m) => m.managedLocations ?? []));
  return {
    id: user._id.toString(),
    name: user.name,
    email: user.email,
    preferredLanguage: user.preferredLanguage ?? 'en',
    pseudonym: user.pseudonym,
    instanceAdmin: Boolean(user.instanceAdmin),
    analyst: Boolean(user.analyst),
    createdAt: user.createdAt ?? undefined,
    memberships: memberships.map((m) => {
      const network = networks.get(m.network.toString());
      return {
        network: {
          slug: network?.slug ?? '',
          name: network ? pickText(network.name, network.language, lang) : undefined,
        },
        status: m.status,
        category: m.category,
        memberNumber: m.memberNumber ?? undefined,
        networkAdmin: Boolean(m.networkAdmin),
        locations: (m.managedLocations ?? []).flatMap((id) => {
          const l = locationById.get(id.toString());
          return l ? [{ slug: l.slug, name: pickText(l.name, l.language, lang), status: l.status }] : [];
        }),
      };
    }),
    tokens: await listApiTokens(p),
  };
}
