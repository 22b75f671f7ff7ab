// Keeping a network's locations in step with an outside source (OpenStreetMap, a spreadsheet): records upserted by
// source and source id, only what changed written, records that left the source archived. Every write goes through
// the model, so the change feed (and the directory) sees it, and is audited.
import { isDeepStrictEqual } from 'node:util';
import mongoose, { type Types } from 'mongoose';
import { auditedWrite, type AuditEvent } from '../audit/index.ts';
import { claims } from '../shared/db/claims.ts';
import { isDuplicateKey } from '../shared/db/duplicate-key.ts';
import { assertAllowed, mayAdministerNetwork, type Principal } from '../shared/principal.ts';
import { slugify } from '../shared/text/normalize.ts';
import { LocationModel, type Location } from './location.model.ts';
import type { LocationType } from './location.vocabulary.ts';

/** The fields an import owns: a re-run compares and writes these, and leaves the rest (tariffs, photos) alone. */
export interface SourcedFields {
  language: string;
  name: Record<string, string>;
  description: Record<string, string>;
  type: LocationType;
  model: { governance: string; openness: string; spaceKind: string };
  address: { street?: string; postcode?: string; locality: string; region?: string; countryCode: string };
  coordinates: { lat: number; lng: number; approximate: boolean };
  openingHours?: string;
  timeZone: string;
  facilities: string[];
  contact?: { website?: string; email?: string; phone?: string };
}

export interface SourcedRecord {
  /** The record's id in its source (`node/123`, a spreadsheet's ID column): the upsert key with the source's name. */
  recordId: string;
  /** Where the record is in the file (a row number), for the report. */
  position?: number;
  fields: SourcedFields;
}

export interface SourceInfo {
  name: string;
  url?: string;
  licence?: string;
  attribution?: string;
  /** The record's own address in the source, when it has one. */
  recordUrl?: (recordId: string) => string;
}

export interface RejectedRecord {
  recordId: string;
  position?: number;
  /** The fields the model refused, by path (`coordinates.lat`), or a reason key of the importer's. */
  fields: string[];
  reasons: string[];
}

export interface SyncReport {
  created: number;
  updated: number;
  unchanged: number;
  archived: number;
  rejected: RejectedRecord[];
}

export interface SyncOptions {
  network: { _id: Types.ObjectId; slug: string };
  source: SourceInfo;
  records: SourcedRecord[];
  /** Archive the network's records of this source that are no longer in it. */
  archiveMissing: boolean;
  /** Work out the report without writing anything. */
  dryRun: boolean;
  /** Called as records are done. */
  onProgress?: (done: number, total: number) => void;
}

const BATCH = 200;
/** An import of thousands of rows outlasts a request's lock: long enough for one, short enough if its server died. */
const IMPORT_LOCK_MS = 30 * 60_000;

const plain = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

function storedSource(source: SourceInfo, recordId: string) {
  return {
    name: source.name,
    recordId,
    ...(source.recordUrl ? { url: source.recordUrl(recordId) } : source.url ? { url: source.url } : {}),
    ...(source.licence ? { licence: source.licence } : {}),
    ...(source.attribution ? { attribution: source.attribution } : {}),
  };
}

/** The owned fields as stored (empty groups absent), so a record and its stored copy compare equal when unchanged. */
function ownedFields(fields: SourcedFields, source: ReturnType<typeof storedSource>): Record<string, unknown> {
  const contact = Object.fromEntries(Object.entries(fields.contact ?? {}).filter(([, v]) => v));
  return {
    language: fields.language,
    name: fields.name,
    description: fields.description,
    type: fields.type,
    model: fields.model,
    address: Object.fromEntries(Object.entries(fields.address).filter(([, v]) => v !== undefined && v !== '')),
    coordinates: fields.coordinates,
    openingHours: fields.openingHours || undefined,
    timeZone: fields.timeZone,
    facilities: fields.facilities,
    contact: Object.keys(contact).length ? contact : undefined,
    source,
  };
}

/** A value as stored: mongoose leaves an empty object (a description in no language) out of the document. */
function comparable(value: unknown): unknown {
  const copy = plain(value);
  return typeof copy === 'object' && copy !== null && !Array.isArray(copy) && Object.keys(copy).length === 0
    ? undefined
    : copy;
}

/** Which owned fields differ between what is stored and what the source says now. */
function changedKeys(stored: Location, owned: Record<string, unknown>): string[] {
  const current = stored as unknown as Record<string, unknown>;
  return Object.keys(owned).filter((key) => !isDeepStrictEqual(comparable(current[key]), comparable(owned[key])));
}

/** The model's objections to a record, by field path; none when it would be stored. */
async function invalidPaths(document: InstanceType<typeof LocationModel>): Promise<string[]> {
  try {
    await document.validate();
    return [];
  } catch (error) {
    if (error instanceof mongoose.Error.ValidationError) return Object.keys(error.errors).sort();
    throw error;
  }
}

/** Slugs as the editor makes them (name + locality, then -2, -3…), kept free in memory for the whole run. */
function slugMaker(taken: Set<string>) {
  return (fields: SourcedFields) => {
    const name = fields.name[fields.language] ?? Object.values(fields.name)[0] ?? '';
    const base = slugify(`${name} ${fields.address.locality}`);
    let slug = base;
    for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
    taken.add(slug);
    return slug;
  };
}

/**
 * Upserts `records` into the network by source and source id, and answers what was (or, in a dry run, would be)
 * created, updated, left unchanged, archived and rejected. Runs of one source in one network take turns (a lock), and
 * each new record is claimed by its key before it is inserted, so two runs never create it twice.
 */
export async function syncSourcedLocations(p: Principal, options: SyncOptions): Promise<SyncReport> {
  assertAllowed(p, mayAdministerNetwork(p, options.network._id));
  const run = () => planAndApply(p, options);
  if (options.dryRun) return run();
  return claims.hold(`import:${options.network._id.toString()}:${options.source.name}`, run, {
    ttlMs: IMPORT_LOCK_MS,
    waitMs: 2000,
  });
}

async function planAndApply(p: Principal, options: SyncOptions): Promise<SyncReport> {
  const { network, source, records, dryRun } = options;
  const total = records.length;
  const progress = (done: number) => options.onProgress?.(done, total);
  // One read of the collection each: on FerretDB 1.x every lookup scans it anyway.
  const existing = await LocationModel.find({ network: network._id, 'source.name': source.name }).lean<Location[]>();
  const byRecordId = new Map(existing.map((l) => [l.source?.recordId ?? '', l]));
  const taken = new Set((await LocationModel.find({}).select('slug').lean<{ slug: string }[]>()).map((l) => l.slug));
  const nextSlug = slugMaker(taken);

  const report: SyncReport = { created: 0, updated: 0, unchanged: 0, archived: 0, rejected: [] };
  const creates: InstanceType<typeof LocationModel>[] = [];
  const updates: { stored: Location; owned: Record<string, unknown>; keys: string[] }[] = [];
  const seen = new Set<string>();

  for (const record of records) {
    if (seen.has(record.recordId)) {
      report.rejected.push({ ...rejectedAt(record), fields: [], reasons: ['duplicateRecord'] });
      continue;
    }
    seen.add(record.recordId);
    const owned = ownedFields(record.fields, storedSource(source, record.recordId));
    const stored = byRecordId.get(record.recordId);
    const status = stored && stored.status !== 'archived' ? stored.status : 'published';
    const candidate = new LocationModel({
      ...(stored ?? {}),
      ...owned,
      slug: stored?.slug ?? 'candidate',
      status,
      network: network._id,
    });
    const invalid = await invalidPaths(candidate);
    if (invalid.length) {
      report.rejected.push({ ...rejectedAt(record), fields: invalid, reasons: ['invalidField'] });
      continue;
    }
    if (!stored) {
      candidate.slug = nextSlug(record.fields);
      creates.push(candidate);
    } else {
      const keys = changedKeys(stored, owned);
      if (stored.status === 'archived') keys.push('status');
      if (keys.length) updates.push({ stored, owned: { ...owned, status }, keys });
      else report.unchanged += 1;
    }
  }
  const toArchive = options.archiveMissing
    ? existing.filter((l) => l.status !== 'archived' && !seen.has(l.source?.recordId ?? ''))
    : [];

  if (dryRun) {
    return { ...report, created: creates.length, updated: updates.length, archived: toArchive.length };
  }
  let done = report.unchanged + report.rejected.length;
  progress(done);
  for (let start = 0; start < creates.length; start += BATCH) {
    report.created += await insertBatch(p, network, source, creates.slice(start, start + BATCH), nextSlug);
    done += Math.min(BATCH, creates.length - start);
    progress(done);
  }
  for (const update of updates) {
    await applyUpdate(p, update.stored, update.owned);
    report.updated += 1;
    done += 1;
    if (done % 50 === 0) progress(done);
  }
  report.archived = await archive(p, toArchive);
  progress(total);
  return report;
}

function rejectedAt(record: SourcedRecord): Pick<RejectedRecord, 'recordId' | 'position'> {
  return { recordId: record.recordId, ...(record.position !== undefined ? { position: record.position } : {}) };
}

const recordKey = (networkId: Types.ObjectId, source: SourceInfo, recordId: string) =>
  `location-source:${networkId.toString()}:${source.name}:${recordId}`;

/**
 * Claims each record's key, then inserts the batch with its audit entries. A key another run holds means that run
 * created the record: it is left to it. A slug taken meanwhile by another writer sends the batch in one by one.
 */
async function insertBatch(
  p: Principal,
  network: SyncOptions['network'],
  source: SourceInfo,
  batch: InstanceType<typeof LocationModel>[],
  nextSlug: (fields: SourcedFields) => string,
): Promise<number> {
  const mine: typeof batch = [];
  for (const doc of batch) {
    const key = recordKey(network._id, source, doc.source?.recordId ?? '');
    if (await claims.claim(key, { owner: doc._id.toString() })) mine.push(doc);
  }
  const events = (docs: typeof batch): AuditEvent[] =>
    docs.map((doc) => ({
      action: 'location.import',
      entityType: 'location',
      entityId: doc._id.toString(),
      networkId: network._id,
      before: {},
      after: doc.toObject(),
    }));
  try {
    await auditedWrite(p, events(mine), () => LocationModel.insertMany(mine));
    return mine.length;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  let inserted = 0;
  for (const doc of mine) {
    if (await LocationModel.exists({ _id: doc._id })) {
      inserted += 1;
      continue;
    }
    for (let attempt = 0; ; attempt += 1) {
      try {
        await auditedWrite(p, events([doc]), () => doc.save());
        inserted += 1;
        break;
      } catch (error) {
        if (!isDuplicateKey(error) || attempt >= 5) throw error;
        doc.slug = nextSlug(doc.toObject() as unknown as SourcedFields);
      }
    }
  }
  return inserted;
}

async function applyUpdate(p: Principal, stored: Location, owned: Record<string, unknown>): Promise<void> {
  const doc = await LocationModel.findById(stored._id);
  if (!doc) return;
  const before = doc.toObject() as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(owned)) {
    if (isDeepStrictEqual(comparable(before[key]), comparable(value))) continue;
    doc.set(key, value);
    if (key === 'name' || key === 'description') doc.markModified(key);
  }
  if (!doc.isModified()) return;
  const event: AuditEvent = {
    action: 'location.import',
    entityType: 'location',
    entityId: doc._id.toString(),
    networkId: doc.network,
    before,
    after: doc.toObject(),
  };
  await auditedWrite(p, [event], () => doc.save());
}

async function archive(p: Principal, locations: Location[]): Promise<number> {
  for (let start = 0; start < locations.length; start += BATCH) {
    const batch = locations.slice(start, start + BATCH);
    const events: AuditEvent[] = batch.map((l) => ({
      action: 'location.status',
      entityType: 'location',
      entityId: l._id.toString(),
      networkId: l.network,
      before: { status: l.status },
      after: { status: 'archived' },
    }));
    await auditedWrite(p, events, () =>
      LocationModel.updateMany({ _id: { $in: batch.map((l) => l._id) } }, { $set: { status: 'archived' } }),
    );
  }
  return locations.length;
}
