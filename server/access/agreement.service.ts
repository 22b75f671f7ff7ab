// The agreement workflow: propose, accept, counter-propose, decline, suspend, resume, end; each version kept.
//
// Every step is a claim by unique key before its write (ARCHITECTURE.md, "Invariants"): an answer to version n is
// `agreement:<id>:v<n>:decision`, a later step `agreement:<id>:step:<k>` (k: the steps so far), and a pair of networks
// holds `agreements:<a>:<b>:open` while an agreement between them is proposed, active or suspended, so two proposals
// sent at once give one agreement. The loser changes nothing and is told the agreement changed meanwhile.
import { Types } from 'mongoose';
import { auditedWrite } from '../audit/index.ts';
import { findNetworkById, findNetworkBySlug, lookUpNetwork, type Network } from '../networks/index.ts';
import { capacitiesByIds, largestCapacityOf } from '../locations/index.ts';
import { claims } from '../shared/db/claims.ts';
import { badRequest, conflict, notFound, type ErrorDetail } from '../shared/errors/app-error.ts';
import { assertAllowed, type Principal } from '../shared/principal.ts';
import {
  AgreementModel,
  type Agreement,
  type AgreementAction,
  type AgreementVersion,
  type StoredDirection,
} from './agreement.model.ts';
import { maySpeakFor, readableAgreements, sideOf } from './agreement.policy.ts';
import { a, type GrantInput, type ProposalInput, type TermsInput } from './agreement.schemas.ts';

const pairKey = (x: Types.ObjectId, y: Types.ObjectId) => {
  const [first, second] = [x.toString(), y.toString()].sort();
  return `agreements:${first}:${second}:open`;
};
const decisionKey = (agreement: Agreement, version: number) =>
  `agreement:${agreement._id.toString()}:v${version}:decision`;
const stepKey = (agreement: Agreement) => `agreement:${agreement._id.toString()}:step:${agreement.history.length}`;

const latest = (agreement: Agreement): AgreementVersion => agreement.versions[agreement.versions.length - 1]!;

const changedMeanwhile = () => conflict('access:agreement.changedMeanwhile');

/**
 * The terms as stored, after the checks that need the database: each host is one of the two networks, chosen
 * locations are the host's, and a cap on guests is no more than the desks of the places it covers.
 */
async function directionsOf(terms: TermsInput, pair: [Network, Network]): Promise<StoredDirection[]> {
  const details: ErrorDetail[] = [];
  const directions: StoredDirection[] = [];
  for (const [slug, grant] of Object.entries(terms.grants)) {
    const host = pair.find((n) => n.slug === slug);
    const guest = pair.find((n) => n.slug !== slug);
    if (!host || !guest) {
      details.push({ field: `grants.${slug}`, key: a('host') });
      continue;
    }
    details.push(...(await scopeDetails(`grants.${slug}`, grant, host)));
    directions.push(stored(grant, host, guest));
  }
  if (details.length) throw badRequest(details);
  return directions;
}

async function scopeDetails(field: string, grant: GrantInput, host: Network): Promise<ErrorDetail[]> {
  const hostId = host._id.toString();
  if (grant.locations === 'all') {
    const largest = grant.guestCap != null ? await largestCapacityOf(hostId) : undefined;
    return largest !== undefined && grant.guestCap! > largest
      ? [{ field: `${field}.guestCap`, key: a('capAboveCapacity') }]
      : [];
  }
  const found = await capacitiesByIds(grant.locations);
  const details: ErrorDetail[] = [];
  if (found.length !== new Set(grant.locations).size || found.some((l) => l.networkId !== hostId)) {
    details.push({ field: `${field}.locations`, key: a('foreignLocation') });
  }
  if (grant.guestCap != null && found.some((l) => l.desks !== undefined && grant.guestCap! > l.desks)) {
    details.push({ field: `${field}.guestCap`, key: a('capAboveCapacity') });
  }
  return details;
}

function stored(grant: GrantInput, host: Network, guest: Network): StoredDirection {
  return {
    host: host._id,
    guest: guest._id,
    categories: grant.categories,
    level: grant.level,
    ...(grant.level === 'discount' ? { discountPercent: grant.discountPercent } : {}),
    ...(grant.monthlyQuota != null ? { monthlyQuota: grant.monthlyQuota } : {}),
    bookingRequired: grant.bookingRequired,
    ...(grant.bookingRequired && grant.noticeHours != null ? { noticeHours: grant.noticeHours } : {}),
    hostApproves: grant.hostApproves,
    allLocations: grant.locations === 'all',
    locations: grant.locations === 'all' ? [] : [...new Set(grant.locations)].map((id) => new Types.ObjectId(id)),
    ...(grant.guestCap != null ? { guestCap: grant.guestCap } : {}),
    validFrom: grant.validFrom,
    ...(grant.validUntil ? { validUntil: grant.validUntil } : {}),
  };
}

const event = (action: AgreementAction, network: Types.ObjectId, p: Principal, version: number) => ({
  action,
  network,
  by: new Types.ObjectId(p.userId),
  at: new Date(),
  version,
});

/** A network admin proposes terms to another network; at most one live agreement per pair of networks. */
export async function propose(p: Principal, input: ProposalInput): Promise<Agreement> {
  const from = await findNetworkBySlug(input.from);
  assertAllowed(p, maySpeakFor(p, from._id));
  const partner = await lookUpNetwork(input.partner);
  if (!partner) throw badRequest([{ field: 'partner', key: a('partner') }]);
  if (partner._id.equals(from._id)) throw badRequest([{ field: 'partner', key: a('samePartner') }]);
  const directions = await directionsOf(input, [from, partner]);
  const id = new Types.ObjectId();
  const key = pairKey(from._id, partner._id);
  if (!(await claims.claim(key, { owner: id.toString() }))) {
    throw badRequest([{ field: 'partner', key: a('alreadyAgreed') }]);
  }
  const version: AgreementVersion = {
    number: 1,
    proposedBy: from._id,
    by: new Types.ObjectId(p.userId),
    at: new Date(),
    directions,
    ...(input.note ? { note: input.note } : {}),
  };
  const doc = new AgreementModel({
    _id: id,
    networks: [from._id, partner._id],
    status: 'proposed',
    awaiting: partner._id,
    versions: [version],
    history: [event('propose', from._id, p, 1)],
  });
  try {
    await doc.validate();
    const after = doc.toObject() as unknown as Agreement;
    const audit = {
      action: 'agreement.propose',
      entityType: 'agreement',
      entityId: id.toString(),
      networkId: from._id,
    };
    await auditedWrite(p, [{ ...audit, before: {}, after }], () => doc.save());
    return after;
  } catch (error) {
    await claims.release(key, id.toString());
    throw error;
  }
}

/** One agreement the principal may read, or 404. */
export async function findAgreement(p: Principal, id: string): Promise<Agreement> {
  const found = await AgreementModel.findOne({ ...readableAgreements(p), _id: id }).lean<Agreement>();
  if (!found) throw notFound();
  return found;
}

/** Writes a step after its claim, audited; the claim is given back when the write fails. */
async function step(
  p: Principal,
  before: Agreement,
  key: string,
  network: Types.ObjectId,
  fields: Partial<Agreement>,
  action: AgreementAction,
): Promise<Agreement> {
  if (!(await claims.claim(key, { owner: p.userId }))) throw changedMeanwhile();
  const version = fields.versions?.length ?? before.versions.length;
  const after: Agreement = { ...before, ...fields, history: [...before.history, event(action, network, p, version)] };
  const set = {
    status: after.status,
    versions: after.versions,
    history: after.history,
    ...(after.acceptedVersion != null ? { acceptedVersion: after.acceptedVersion } : {}),
    ...(after.awaiting ? { awaiting: after.awaiting } : {}),
  };
  const audit = {
    action: `agreement.${action}`,
    entityType: 'agreement',
    entityId: before._id.toString(),
    networkId: network,
    before,
    after,
  };
  try {
    await auditedWrite(p, [audit], () =>
      AgreementModel.updateOne(
        { _id: before._id },
        { $set: set, ...(after.awaiting ? {} : { $unset: { awaiting: 1 } }) },
      ),
    );
  } catch (error) {
    await claims.release(key, p.userId);
    throw error;
  }
  if (after.status === 'declined' || after.status === 'ended') {
    await claims.release(pairKey(before.networks[0]!, before.networks[1]!));
  }
  return after;
}

export type Answer =
  { action: 'accept' | 'decline'; version: number } | { action: 'counter'; version: number; terms: TermsInput };

/** The awaited network's admin answers the latest version: accept, decline, or counter with new terms. */
export async function answer(p: Principal, id: string, input: Answer): Promise<Agreement> {
  const before = await findAgreement(p, id);
  const side = before.awaiting ?? undefined;
  assertAllowed(p, side !== undefined && maySpeakFor(p, side));
  if (before.status !== 'proposed' || latest(before).number !== input.version) throw changedMeanwhile();
  const key = decisionKey(before, input.version);
  if (input.action !== 'counter') {
    const fields =
      input.action === 'accept'
        ? { status: 'active' as const, awaiting: null, acceptedVersion: input.version }
        : { status: 'declined' as const, awaiting: null };
    return step(p, before, key, side!, fields, input.action);
  }
  const pair = (await Promise.all(before.networks.map((n) => networkOrFail(n)))) as [Network, Network];
  const directions = await directionsOf(input.terms, pair);
  const version: AgreementVersion = {
    number: input.version + 1,
    proposedBy: side!,
    by: new Types.ObjectId(p.userId),
    at: new Date(),
    directions,
    ...(input.terms.note ? { note: input.terms.note } : {}),
  };
  const other = before.networks.find((n) => !n.equals(side))!;
  return step(p, before, key, side!, { versions: [...before.versions, version], awaiting: other }, 'counter');
}

async function networkOrFail(id: Types.ObjectId): Promise<Network> {
  const network = await findNetworkById(id);
  if (!network) throw notFound();
  return network;
}

const TRANSITIONS = {
  suspend: { from: ['active'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'active' },
  end: { from: ['proposed', 'active', 'suspended'], to: 'ended' },
} as const;

/** Either network's admin suspends, resumes or ends it; ending a proposal withdraws it (a decision on its version). */
export async function transition(
  p: Principal,
  id: string,
  action: keyof typeof TRANSITIONS,
  version: number,
  asNetwork?: string,
): Promise<Agreement> {
  const before = await findAgreement(p, id);
  const side = sideOf(p, before.networks, asNetwork ? new Types.ObjectId(asNetwork) : undefined);
  assertAllowed(p, side !== undefined);
  const rule = TRANSITIONS[action];
  if (!(rule.from as readonly string[]).includes(before.status) || latest(before).number !== version) {
    throw changedMeanwhile();
  }
  const key = before.status === 'proposed' ? decisionKey(before, version) : stepKey(before);
  return step(p, before, key, side!, { status: rule.to, awaiting: null }, action);
}
