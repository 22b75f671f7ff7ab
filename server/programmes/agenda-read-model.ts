// The agenda's read model: the published (and cancelled) events with their coming occurrences, in memory, fed by the
// change feed as the directory is, since every lookup scans its collection on the embedded database. It holds only
// occurrences that end after now and start within the horizon (recurrence.ts: HORIZON_DAYS, MAX_OCCURRENCES per
// event), so its size is bounded by events × min(MAX_OCCURRENCES, occurrences in a year): about 200 bytes per
// occurrence plus the event itself, a few MB for 1,000 weekly events. It is brought up to date when read: at most one
// feed poll a second, and at once after a write of this process, so a manager sees a published event straight away.
import { CHANGE_RETENTION_MS, changesSince, localChangeCount, type ChangeEntry } from '../shared/events/change-feed.ts';
import { eventPlacesByIds, type EventPlace } from '../locations/index.ts';
import { networksByIds } from '../networks/index.ts';
import { EventModel, type EventRecord } from './event.model.ts';
import { expand, horizonFrom, type Occurrence } from './recurrence.ts';
import { foldText } from '../shared/text/normalize.ts';

const POLL_MS = 1000;
const OVERLAP_MS = 5000;
/** Occurrences are expanded again this often, so the horizon moves with time. */
const REEXPAND_MS = 60 * 60 * 1000;
const LISTED: ('published' | 'cancelled')[] = ['published', 'cancelled'];
const listed = (status: string) => (LISTED as string[]).includes(status);

export interface AgendaEvent {
  id: string;
  record: EventRecord;
  place?: EventPlace;
  networkSlug: string;
  /** Languages the title is written in. */
  languages: string[];
  /** The place's name and locality, folded, for "near a place" by name. */
  placeText: string;
}

export interface AgendaOccurrence {
  event: AgendaEvent;
  occurrence: Occurrence;
}

export class AgendaReadModel {
  private readonly events = new Map<string, AgendaEvent>();
  private byEvent = new Map<string, AgendaOccurrence[]>();
  private sorted: AgendaOccurrence[] | undefined;
  private readonly networkSlugs = new Map<string, string>();
  private built = false;
  private cursor = new Date(0);
  private readonly applied = new Map<string, number>();
  private lastPoll = 0;
  private localApplied = -1;
  private expandedAt = 0;
  private running: Promise<void> | undefined;
  private readonly now: () => Date;

  constructor(now: () => Date = () => new Date()) {
    this.now = now;
  }

  /** How much it holds. */
  size(): { events: number; occurrences: number } {
    let occurrences = 0;
    for (const list of this.byEvent.values()) occurrences += list.length;
    return { events: this.events.size, occurrences };
  }

  /** Up to date within a second, and with every write of this process. */
  async fresh(): Promise<void> {
    const due = !this.built || Date.now() - this.lastPoll >= POLL_MS || localChangeCount() > this.localApplied;
    if (!due) return;
    this.running ??= this.sync().finally(() => (this.running = undefined));
    await this.running;
  }

  event(id: string): AgendaEvent | undefined {
    return this.events.get(id);
  }

  occurrencesOf(id: string): AgendaOccurrence[] {
    const now = this.now().getTime();
    return (this.byEvent.get(id) ?? []).filter((o) => o.occurrence.end.getTime() > now);
  }

  /** Every coming occurrence, soonest first. */
  coming(): AgendaOccurrence[] {
    this.sorted ??= [...this.byEvent.values()]
      .flat()
      .sort((a, b) => a.occurrence.start.getTime() - b.occurrence.start.getTime());
    const now = this.now().getTime();
    return this.sorted.filter((o) => o.occurrence.end.getTime() > now);
  }

  private async sync(): Promise<void> {
    const local = localChangeCount();
    this.lastPoll = Date.now();
    if (!this.built || Date.now() - this.cursor.getTime() > CHANGE_RETENTION_MS - OVERLAP_MS) await this.rebuild();
    else await this.poll();
    if (Date.now() - this.expandedAt > REEXPAND_MS) this.expandAll();
    this.localApplied = Math.max(this.localApplied, local);
  }

  private async rebuild(): Promise<void> {
    const startedAt = new Date();
    const records = await EventModel.find({ status: { $in: LISTED } }).lean<EventRecord[]>();
    this.events.clear();
    this.byEvent.clear();
    await this.apply(records, []);
    this.cursor = new Date(startedAt.getTime() - OVERLAP_MS);
    this.applied.clear();
    this.built = true;
    this.expandAll();
  }

  private async poll(): Promise<void> {
    const startedAt = Date.now();
    const entries = await changesSince(new Date(this.cursor.getTime() - OVERLAP_MS), this.applied);
    // Everything written before this poll began (less the clock skew the overlap allows) has been read: a quiet feed
    // moves the cursor too, so an hour without writes is not mistaken for a gap that needs a rebuild.
    const read = new Date(startedAt - OVERLAP_MS);
    if (read > this.cursor) this.cursor = read;
    const eventIds = new Set<string>();
    const locationIds = new Set<string>();
    for (const entry of entries) {
      this.note(entry);
      if (entry.collectionName === 'events') for (const id of entry.documentIds) eventIds.add(id);
      if (entry.collectionName === 'locations') for (const id of entry.documentIds) locationIds.add(id);
    }
    // An event at a renamed or moved place is read again with the place.
    for (const event of this.events.values()) {
      if (event.place && locationIds.has(event.place.id)) eventIds.add(event.id);
    }
    if (eventIds.size === 0) return;
    const records = await EventModel.find({ _id: { $in: [...eventIds] } }).lean<EventRecord[]>();
    const found = new Set(records.map((r) => r._id.toString()));
    const shown = records.filter((r) => listed(r.status));
    const shownIds = new Set(shown.map((r) => r._id.toString()));
    // Deleted, or back to draft: it leaves the agenda.
    await this.apply(
      shown,
      [...eventIds].filter((id) => !found.has(id) || !shownIds.has(id)),
    );
  }

  private note(entry: ChangeEntry): void {
    this.applied.set(entry._id.toString(), entry.at.getTime());
    if (entry.at > this.cursor) this.cursor = entry.at;
    const old = this.cursor.getTime() - 2 * OVERLAP_MS;
    for (const [id, at] of this.applied) if (at < old) this.applied.delete(id);
  }

  private async apply(records: EventRecord[], removed: string[]): Promise<void> {
    for (const id of removed) {
      this.events.delete(id);
      this.byEvent.delete(id);
    }
    const places = await eventPlacesByIds(records.flatMap((r) => (r.location ? [r.location] : [])));
    const unknown = records.map((r) => r.network.toString()).filter((id) => !this.networkSlugs.has(id));
    if (unknown.length) for (const n of await networksByIds(unknown)) this.networkSlugs.set(n._id.toString(), n.slug);
    const from = new Date(this.now().getTime());
    const to = horizonFrom(from);
    for (const record of records) {
      const id = record._id.toString();
      const place = record.location ? places.get(record.location.toString()) : undefined;
      const event: AgendaEvent = {
        id,
        record,
        ...(place ? { place } : {}),
        networkSlug: this.networkSlugs.get(record.network.toString()) ?? '',
        languages: Object.keys(record.title ?? {}),
        placeText: place ? foldText(`${Object.values(place.name).join(' ')} ${place.address.locality}`) : '',
      };
      this.events.set(id, event);
      this.byEvent.set(id, expandOne(event, from, to));
    }
    this.sorted = undefined;
  }

  private expandAll(): void {
    const from = this.now();
    const to = horizonFrom(from);
    for (const event of this.events.values()) this.byEvent.set(event.id, expandOne(event, from, to));
    this.expandedAt = Date.now();
    this.sorted = undefined;
  }
}

function expandOne(event: AgendaEvent, from: Date, to: Date): AgendaOccurrence[] {
  return expand(event.record, from, to).map((occurrence) => ({ event, occurrence }));
}
