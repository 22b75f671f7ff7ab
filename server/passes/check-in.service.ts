// Checking a member in at a place: the pass is read (signature, expiry), its membership must still be active, the
// terms say whether and at what price they come in; the manager's confirmation records the visit once per pass and
// day-part, in the usage log.
import { auditedWrite } from '../audit/index.ts';
import { instanceKeys } from '../keys/index.ts';
import {
  editableLocationRef,
  type EditableLocationRef,
  type ListedPlaces,
  type TariffCategory,
} from '../locations/index.ts';
import { findNetworkById, passHolder } from '../networks/index.ts';
import { claimsIn } from '../shared/db/claims.ts';
import { pickText, type ContentText } from '../shared/i18n/content-text.ts';
import { assertAllowed, type Principal } from '../shared/principal.ts';
import type { CheckInTerms, Reason } from './check-in-terms.ts';
import { dayPartAt, type DayPartAt } from './day-part-now.ts';
import { normalisePassCode } from './pass-code.ts';
import { passByCode } from './pass.service.ts';
import { readPass, type PassContent } from './pass-token.ts';
import { canCheckInAt } from './passes.policy.ts';
import { recordUsage } from './usage-log.service.ts';

export type CheckInPlace = EditableLocationRef;

/**
 * One claim per visit that counted, kept apart from the lasting claims of `claims`: this collection grows with every
 * visit, and on FerretDB 1.x every lookup scans the collection it reads.
 */
const visits = claimsIn('visit_claims');

export interface CheckInDeps {
  /** This instance's BASE_URL: the only issuer whose passes are read, until peers' passes are. */
  issuer: string;
  terms: CheckInTerms;
  /** The reader's language, for the network's name. */
  lang: string;
  now?: Date;
}

export interface Admitted {
  admitted: true;
  reason: Reason;
  nameHint: string;
  network: { slug: string; name: ContentText };
  category: string;
  tariffCategory: TariffCategory;
  price?: { amount: number; currency: string };
  visit: DayPartAt;
  /** A visit of this pass was recorded for this day-part already: confirming again counts nothing. */
  alreadyRecorded: boolean;
  /** What the confirmation records against (bookings, when they come, name theirs here). */
  internal: { homeNetwork: string; agreementId?: string; subject: string };
}

export interface Refused {
  admitted: false;
  reason: Reason;
  nameHint?: string;
}

export type Verdict = Admitted | Refused;

/** The place named in the URL, for someone who may check visitors in there (404, 401/403 otherwise). */
export async function checkInPlace(p: Principal, slug: string, listed?: ListedPlaces): Promise<CheckInPlace> {
  const place = await editableLocationRef(p, slug, listed);
  assertAllowed(p, canCheckInAt(p, place));
  return place;
}

export const placeName = (place: CheckInPlace, lang: string): ContentText =>
  pickText(place.name, place.language, lang) ?? { text: place.slug, lang: place.language, fallback: true };

const refused = (key: string, nameHint?: string): Refused => ({
  admitted: false,
  reason: { key },
  ...(nameHint ? { nameHint } : {}),
});

/** The claim that makes a visit count once: one per place, day, day-part and pass subject. */
const visitKey = (place: CheckInPlace, at: DayPartAt, subject: string) =>
  `visit:${place.id}:${at.date}:${at.dayPart}:${subject}`;

type KeptPass = Awaited<ReturnType<typeof passByCode>>;

/** What a scanned QR code or a typed code stands for: the token (and the pass kept under a typed code). */
async function tokenOf(presented: string): Promise<{ token: string; kept?: KeptPass } | undefined> {
  const text = presented.trim();
  if (text.split('.').length === 3) return { token: text };
  const code = normalisePassCode(text);
  const kept = code ? await passByCode(code) : undefined;
  return kept ? { token: kept.token, kept } : undefined;
}

async function readPresented(
  presented: string,
  issuer: string,
  now: Date,
): Promise<{ pass: PassContent; kept?: KeptPass } | Refused> {
  const found = await tokenOf(presented);
  if (!found) return refused('passes:reason.unknownCode');
  const reading = await readPass(found.token, {
    issuer,
    keyFor: (kid) => instanceKeys.verificationKey(kid, 'pass'),
    now,
  });
  return reading.ok ? { pass: reading.pass, kept: found.kept } : refused(`passes:reason.${reading.refusal}`);
}

/** The membership behind a pass, through the pass kept under its id (gone with a deleted account). */
async function holderOf(pass: PassContent, kept: KeptPass) {
  const record = kept ?? (await passByCode(pass.id));
  return record ? passHolder(record.membershipId, pass.subject) : undefined;
}

/** Whether the pass presented lets its holder in now, why, and at what price. Changes nothing. */
export async function verifyPass(
  p: Principal,
  place: CheckInPlace,
  presented: string,
  deps: CheckInDeps,
): Promise<Verdict> {
  assertAllowed(p, canCheckInAt(p, place));
  const now = deps.now ?? new Date();
  const read = await readPresented(presented, deps.issuer, now);
  if ('admitted' in read) return read;
  const { pass } = read;
  const holder = await holderOf(pass, read.kept);
  if (!holder?.active || holder.networkId !== pass.network.id) return refused('passes:reason.revoked', pass.nameHint);
  const visit = dayPartAt(now, place.timeZone);
  if (!visit) return refused('passes:reason.noDayPart', pass.nameHint);
  // The membership as it is now, not as the pass was made: a category changed since applies at once.
  const answer = await deps.terms.answer({
    location: { id: place.id, networkId: place.networkId, tariffs: place.tariffs },
    visitor: { networkId: holder.networkId, category: holder.category },
    date: visit.date,
    dayPart: visit.dayPart,
    at: now,
  });
  if (!answer.admitted) return { admitted: false, reason: answer.reason, nameHint: pass.nameHint };
  const network = await findNetworkById(holder.networkId);
  return {
    admitted: true,
    reason: answer.reason,
    nameHint: pass.nameHint,
    network: {
      slug: pass.network.slug,
      name: (network && pickText(network.name, network.language, deps.lang)) || {
        text: pass.network.slug,
        lang: deps.lang,
        fallback: true,
      },
    },
    category: holder.category,
    tariffCategory: answer.tariffCategory,
    ...(answer.price ? { price: answer.price } : {}),
    visit,
    alreadyRecorded: (await visits.holder(visitKey(place, visit, pass.subject))) !== null,
    internal: {
      homeNetwork: holder.networkId,
      ...(answer.agreementId ? { agreementId: answer.agreementId } : {}),
      subject: pass.subject,
    },
  };
}

export interface Confirmation {
  verdict: Verdict;
  /** True when this confirmation recorded the visit; false when it was refused or had been recorded already. */
  recorded: boolean;
}

/**
 * Records the visit of an admitted pass: checked again (nothing the page showed earlier is believed), then claimed
 * once per pass and day-part, then written to the usage log with its audit entry. A booking, once bookings exist, makes
 * it a check-in against that booking; without one it is a walk-in.
 */
export async function confirmVisit(
  p: Principal,
  place: CheckInPlace,
  presented: string,
  deps: CheckInDeps & { bookingId?: string },
): Promise<Confirmation> {
  const now = deps.now ?? new Date();
  const verdict = await verifyPass(p, place, presented, { ...deps, now });
  if (!verdict.admitted) return { verdict, recorded: false };
  const key = visitKey(place, verdict.visit, verdict.internal.subject);
  if (!(await visits.claim(key, { owner: p.userId }))) return { verdict, recorded: false };
  try {
    const event = {
      kind: deps.bookingId ? ('check-in' as const) : ('walk-in' as const),
      location: place.id,
      date: verdict.visit.date,
      dayPart: verdict.visit.dayPart,
      homeNetwork: verdict.internal.homeNetwork,
      tariffCategory: verdict.tariffCategory,
      ...(verdict.internal.agreementId ? { agreement: verdict.internal.agreementId } : {}),
      ...(deps.bookingId ? { booking: deps.bookingId } : {}),
      ...(verdict.price ? { price: verdict.price } : {}),
      at: now,
    };
    await auditedWrite(p, [visitAudit(place, event)], () => recordUsage(event));
  } catch (error) {
    // Not recorded: the claim goes back, so the manager may confirm again.
    await visits.release(key, p.userId);
    throw error;
  }
  return { verdict: { ...verdict, alreadyRecorded: true }, recorded: true };
}

function visitAudit(place: CheckInPlace, event: { kind: string; date: string; dayPart: string }) {
  return {
    action: `usage.${event.kind}`,
    entityType: 'location',
    entityId: place.id,
    networkId: place.networkId,
    after: { kind: event.kind, date: event.date, dayPart: event.dayPart },
  };
}
