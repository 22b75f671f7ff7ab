// Agreements as pages and JSON show them: one agreement with its versions and history, and the matrix of who grants
// what to whom.
import type { Types } from 'mongoose';
import { peopleByIds } from '../auth/index.ts';
import { locationRefsByIds } from '../locations/index.ts';
import { networksByIds, type Network } from '../networks/index.ts';
import { pickText } from '../shared/i18n/content-text.ts';
import type { Principal } from '../shared/principal.ts';
import { AgreementModel, type Agreement, type AgreementVersion, type StoredDirection } from './agreement.model.ts';
import { maySpeakFor, readableAgreements } from './agreement.policy.ts';

export interface NetworkRef {
  id: string;
  slug: string;
  name: string;
}

export interface GrantView {
  host: string;
  guest: string;
  categories: string[];
  level: string;
  discountPercent?: number;
  monthlyQuota?: number;
  bookingRequired: boolean;
  noticeHours?: number;
  hostApproves: boolean;
  locations: 'all' | { id: string; slug: string; name: string }[];
  guestCap?: number;
  validFrom: string;
  validUntil?: string;
}

export interface VersionView {
  number: number;
  proposedBy: string;
  at: string;
  by?: string;
  note?: string;
  grants: GrantView[];
  oneWay: boolean;
}

const refOf = (n: Network, lang: string): NetworkRef => ({
  id: n._id.toString(),
  slug: n.slug,
  name: pickText(n.name, n.language, lang)?.text ?? n.slug,
});

export async function networkRefs(ids: Types.ObjectId[], lang: string): Promise<Map<string, NetworkRef>> {
  const networks = await networksByIds([...new Set(ids.map(String))]);
  return new Map(networks.map((n) => [n._id.toString(), refOf(n, lang)]));
}

type LocationNames = Map<string, { slug: string; name: string }>;

function grantView(d: StoredDirection, refs: Map<string, NetworkRef>, places: LocationNames): GrantView {
  return {
    host: refs.get(d.host.toString())?.slug ?? '',
    guest: refs.get(d.guest.toString())?.slug ?? '',
    categories: [...d.categories],
    level: d.level,
    ...(d.discountPercent != null ? { discountPercent: d.discountPercent } : {}),
    ...(d.monthlyQuota != null ? { monthlyQuota: d.monthlyQuota } : {}),
    bookingRequired: Boolean(d.bookingRequired),
    ...(d.noticeHours != null ? { noticeHours: d.noticeHours } : {}),
    hostApproves: Boolean(d.hostApproves),
    locations: d.allLocations
      ? 'all'
      : d.locations.map((id) => ({ id: id.toString(), ...(places.get(id.toString()) ?? { slug: '', name: '' }) })),
    ...(d.guestCap != null ? { guestCap: d.guestCap } : {}),
    validFrom: d.validFrom,
    ...(d.validUntil ? { validUntil: d.validUntil } : {}),
  };
}

function versionView(
  v: AgreementVersion,
  refs: Map<string, NetworkRef>,
  places: LocationNames,
  people?: Map<string, string>,
): VersionView {
  return {
    number: v.number,
    proposedBy: refs.get(v.proposedBy.toString())?.slug ?? '',
    at: v.at.toISOString(),
    ...(people ? { by: (v.by && people.get(v.by.toString())) ?? '' } : {}),
    ...(v.note ? { note: v.note } : {}),
    grants: v.directions.map((d) => grantView(d, refs, places)),
    oneWay: v.directions.length === 1,
  };
}

async function locationNames(agreements: Agreement[], lang: string): Promise<LocationNames> {
  const ids = agreements.flatMap((ag) => ag.versions.flatMap((v) => v.directions.flatMap((d) => d.locations)));
  const refs = await locationRefsByIds(ids);
  return new Map(
    [...refs].map(([id, l]) => [id, { slug: l.slug, name: pickText(l.name, l.language, lang)?.text ?? l.slug }]),
  );
}

/** One agreement as its page and JSON show it; who did what is named only to the two networks' admins. */
export async function agreementView(p: Principal, agreement: Agreement, lang: string) {
  const refs = await networkRefs(agreement.networks, lang);
  const places = await locationNames([agreement], lang);
  const insider = agreement.networks.some((n) => maySpeakFor(p, n));
  const actors = [...agreement.versions.map((v) => v.by), ...agreement.history.map((h) => h.by)].filter(
    (id): id is Types.ObjectId => Boolean(id),
  );
  const people = insider
    ? new Map([...(await peopleByIds(actors))].map(([id, person]) => [id, person.name]))
    : undefined;
  const current = agreement.versions[agreement.versions.length - 1]!;
  const accepted = agreement.versions.find((v) => v.number === agreement.acceptedVersion);
  const awaiting = agreement.awaiting ? refs.get(agreement.awaiting.toString()) : undefined;
  const live = agreement.status === 'proposed';
  return {
    id: agreement._id.toString(),
    status: agreement.status,
    example: Boolean(agreement.example),
    networks: agreement.networks.map((n) => refs.get(n.toString())!).filter(Boolean),
    ...(awaiting ? { awaiting: awaiting.slug } : {}),
    ...(agreement.acceptedVersion != null ? { acceptedVersion: agreement.acceptedVersion } : {}),
    current: versionView(accepted && !live ? accepted : current, refs, places, people),
    versions: agreement.versions.map((v) => versionView(v, refs, places, people)),
    history: agreement.history.map((h) => ({
      action: h.action,
      network: refs.get(h.network.toString())?.slug ?? '',
      at: h.at.toISOString(),
      version: h.version,
      ...(people ? { by: (h.by && people.get(h.by.toString())) ?? '' } : {}),
    })),
    actions: {
      answer: live && agreement.awaiting != null && maySpeakFor(p, agreement.awaiting),
      suspend: agreement.status === 'active' && insider,
      resume: agreement.status === 'suspended' && insider,
      end: ['proposed', 'active', 'suspended'].includes(agreement.status) && insider,
    },
    links: { self: `/api/v1/agreements/${agreement._id.toString()}`, page: `/agreements/${agreement._id.toString()}` },
  };
}

export type AgreementView = Awaited<ReturnType<typeof agreementView>>;

/** Every agreement the principal may read, newest first. */
export async function readableAgreementList(p: Principal): Promise<Agreement[]> {
  return AgreementModel.find(readableAgreements(p)).sort({ updatedAt: -1 }).lean<Agreement[]>();
}

export interface MatrixCell {
  agreement: string;
  status: string;
  example: boolean;
  grant: GrantView;
}

/** Networks × networks: for each host row and guest column, what the host grants (in force, suspended, or proposed). */
export async function agreementMatrix(p: Principal, lang: string) {
  const agreements = (await readableAgreementList(p)).filter((ag) => ag.status !== 'declined' && ag.status !== 'ended');
  const refs = await networkRefs(
    agreements.flatMap((ag) => ag.networks),
    lang,
  );
  const places = await locationNames(agreements, lang);
  const cells: MatrixCell[] = agreements.flatMap((ag) => {
    const version =
      ag.status === 'proposed'
        ? ag.versions[ag.versions.length - 1]!
        : (ag.versions.find((v) => v.number === ag.acceptedVersion) ?? ag.versions[ag.versions.length - 1]!);
    return version.directions.map((d) => ({
      agreement: ag._id.toString(),
      status: ag.status,
      example: Boolean(ag.example),
      grant: grantView(d, refs, places),
    }));
  });
  const collator = new Intl.Collator(lang);
  const networks = [...refs.values()].sort((x, y) => collator.compare(x.name, y.name));
  return { networks, cells };
}
