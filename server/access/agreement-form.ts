// The agreement forms speak the schema's shape: fields named by path (`grants.smart-be.level`) are read into it, and a
// stored version is turned back into it for a counter-proposal.
import type { AgreementVersion, StoredDirection } from './agreement.model.ts';

type Body = Record<string, unknown>;

const text = (body: Body, name: string): unknown => {
  const value = body[name];
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
};

/** Numbers typed with a decimal comma are read too; anything else stays text for the schema to refuse. */
function number(body: Body, name: string): unknown {
  const value = text(body, name);
  if (typeof value !== 'string') return value;
  const parsed = Number(value.trim().replace(',', '.'));
  return Number.isFinite(parsed) ? parsed : value;
}

const checkbox = (body: Body, name: string): boolean => body[name] !== undefined;

const list = (body: Body, name: string): unknown[] => {
  const value = body[name];
  return value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value];
};

/** The terms as the schema takes them; a direction whose "grants" box is not ticked is not granted. */
export function formToTerms(input: unknown, hostSlugs: string[]): Record<string, unknown> {
  const body = (input && typeof input === 'object' ? input : {}) as Body;
  const grants: Record<string, unknown> = {};
  for (const slug of hostSlugs) {
    const f = (name: string) => `grants.${slug}.${name}`;
    if (!checkbox(body, f('offered'))) continue;
    grants[slug] = {
      categories: list(body, f('categories')),
      level: text(body, f('level')),
      discountPercent: number(body, f('discountPercent')),
      monthlyQuota: number(body, f('monthlyQuota')),
      bookingRequired: checkbox(body, f('bookingRequired')),
      noticeHours: number(body, f('noticeHours')),
      hostApproves: checkbox(body, f('hostApproves')),
      locations: body[f('scope')] === 'chosen' ? list(body, f('locations')) : 'all',
      guestCap: number(body, f('guestCap')),
      validFrom: text(body, f('validFrom')),
      validUntil: text(body, f('validUntil')),
    };
  }
  return { grants, note: text(body, 'note') };
}

/** A stored direction as the form's values for its host. */
function directionValues(d: StoredDirection): Record<string, unknown> {
  return {
    categories: [...d.categories],
    level: d.level,
    discountPercent: d.discountPercent ?? undefined,
    monthlyQuota: d.monthlyQuota ?? undefined,
    bookingRequired: Boolean(d.bookingRequired),
    noticeHours: d.noticeHours ?? undefined,
    hostApproves: Boolean(d.hostApproves),
    locations: d.allLocations ? 'all' : d.locations.map(String),
    guestCap: d.guestCap ?? undefined,
    validFrom: d.validFrom,
    validUntil: d.validUntil ?? undefined,
  };
}

/** A version's terms as form values, keyed by host slug. */
export function versionToTerms(version: AgreementVersion, slugOf: (id: string) => string): Record<string, unknown> {
  const grants: Record<string, unknown> = {};
  for (const d of version.directions) grants[slugOf(d.host.toString())] = directionValues(d);
  return { grants, note: version.note ?? undefined };
}
