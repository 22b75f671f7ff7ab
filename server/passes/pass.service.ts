// The signed-in member's passes: one per active membership, kept and shown again until a new one is due (close to
// expiry, another category, a rotated key), each with a short code stored under its `_id`.
import { decodeJwt } from 'jose';
import QRCode from 'qrcode';
import { instanceKeys } from '../keys/index.ts';
import { activeMembershipsOf, networksByIds, passSubjectOf, type Membership } from '../networks/index.ts';
import { isDuplicateKey } from '../shared/db/duplicate-key.ts';
import { pickText, type ContentText } from '../shared/i18n/content-text.ts';
import { assertAllowed, type Principal } from '../shared/principal.ts';
import { MemberPassModel, type MemberPass } from './member-pass.model.ts';
import { groupedCode, newPassCode } from './pass-code.ts';
import { MAX_PASS_DAYS, nameHintOf, signPass } from './pass-token.ts';
import { canHoldPasses } from './passes.policy.ts';

const DAY_MS = 24 * 3600 * 1000;
/** A pass with less than this left is replaced, so the one shown lasts at least this long offline. */
const RENEW_BEFORE_MS = 7 * DAY_MS;
const CODE_ATTEMPTS = 5;

export interface PassView {
  network: { slug: string; name: ContentText };
  category: string;
  nameHint: string;
  code: string;
  /** The code as printed: groups of three. */
  codeGrouped: string;
  token: string;
  expiresAt: Date;
  /** The QR code of the token, as SVG made here: the page needs no script to show it. */
  qrSvg: string;
}

/** Issues a new pass, under a new code (a clash of codes, unlikely as it is, takes another). */
async function issue(
  p: Principal,
  membership: Membership,
  subject: string,
  networkSlug: string,
  issuer: string,
  now: Date,
): Promise<MemberPass> {
  const key = await instanceKeys.signingKey('pass');
  const expiresAt = new Date(now.getTime() + MAX_PASS_DAYS * DAY_MS);
  for (let attempt = 1; ; attempt += 1) {
    // The code is the pass's id inside the token too: a check-in by QR code reads the pass by `_id` as one by code.
    const code = newPassCode();
    const token = await signPass(
      {
        id: code,
        issuer,
        network: { id: membership.network.toString(), slug: networkSlug },
        category: membership.category,
        subject,
        nameHint: nameHintOf(p.name ?? ''),
        expiresAt,
      },
      key,
      now,
    );
    try {
      const created = await MemberPassModel.create({
        _id: code,
        token,
        user: p.userId,
        membership: membership._id,
        subject,
        category: membership.category,
        kid: key.kid,
        expiresAt,
      });
      return created.toObject<MemberPass>();
    } catch (error) {
      if (!isDuplicateKey(error) || attempt >= CODE_ATTEMPTS) throw error;
    }
  }
}

/** The pass to show for a membership: the newest one still good for a while, or a new one. */
async function currentPass(p: Principal, membership: Membership, networkSlug: string, issuer: string, now: Date) {
  const subject = await passSubjectOf(membership);
  const { kid } = await instanceKeys.signingKey('pass');
  const kept = await MemberPassModel.findOne({
    membership: membership._id,
    subject,
    category: membership.category,
    kid,
    expiresAt: { $gt: new Date(now.getTime() + RENEW_BEFORE_MS) },
  })
    .sort({ expiresAt: -1 })
    .lean<MemberPass>();
  return kept ?? issue(p, membership, subject, networkSlug, issuer, now);
}

/** The QR code as SVG; the page names it once, on the element around it, so the drawing itself is hidden. */
async function qrSvg(token: string): Promise<string> {
  const svg = await QRCode.toString(token, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return svg.replace('<svg ', '<svg aria-hidden="true" focusable="false" ');
}

/** What a kept pass says of its holder and network (the account's name may have changed since it was made). */
function shownOn(token: string): { nameHint: string; networkSlug: string } {
  const { name, net } = decodeJwt(token) as { name?: unknown; net?: { slug?: unknown } };
  return {
    nameHint: typeof name === 'string' ? name : '',
    networkSlug: typeof net?.slug === 'string' ? net.slug : '',
  };
}

/** The passes of the signed-in person, one per active membership, in the reader's language. */
export async function myPasses(p: Principal, issuer: string, lang: string, now = new Date()): Promise<PassView[]> {
  assertAllowed(p, canHoldPasses(p));
  const memberships = await activeMembershipsOf(p.userId!);
  const networks = new Map((await networksByIds(memberships.map((m) => m.network))).map((n) => [n._id.toString(), n]));
  const views: PassView[] = [];
  for (const membership of memberships) {
    const network = networks.get(membership.network.toString());
    if (!network) continue;
    const pass = await currentPass(p, membership, network.slug, issuer, now);
    views.push({
      network: {
        slug: network.slug,
        name: pickText(network.name, network.language, lang) ?? { text: network.slug, lang, fallback: true },
      },
      category: pass.category,
      nameHint: shownOn(pass.token).nameHint,
      code: pass._id,
      codeGrouped: groupedCode(pass._id),
      token: pass.token,
      expiresAt: pass.expiresAt,
      qrSvg: await qrSvg(pass.token),
    });
  }
  return views;
}

/** The pass kept under a code: its token and its membership; undefined when none is (or no longer is). */
export async function passByCode(code: string): Promise<{ token: string; membershipId: string } | undefined> {
  const pass = await MemberPassModel.findOne({ _id: code }).select('token membership').lean();
  return pass ? { token: pass.token, membershipId: pass.membership.toString() } : undefined;
}

/** Every pass made for a person, oldest first, for the download of their data (the token itself is left out). */
export async function passesOfUser(
  userId: string,
): Promise<{ code: string; network: string; category: string; createdAt: Date; expiresAt: Date }[]> {
  const passes = await MemberPassModel.find({ user: userId }).sort({ createdAt: 1, _id: 1 }).lean<MemberPass[]>();
  return passes.map((pass) => ({
    code: pass._id,
    network: shownOn(pass.token).networkSlug,
    category: pass.category,
    createdAt: pass.createdAt,
    expiresAt: pass.expiresAt,
  }));
}

/** Forgets a person's passes (their account goes): the codes stop working, and the name hints are gone. */
export async function deletePassesOf(userId: string): Promise<number> {
  return (await MemberPassModel.deleteMany({ user: userId })).deletedCount;
}
