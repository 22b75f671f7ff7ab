// The demand read model: every signal of the (small) collection in memory, counted per place, kept current from the
// change feed, so a place page or the map's demand layer counts without reading the database.
import { CollectionMirror } from '../shared/events/collection-mirror.ts';
import type { Logger } from '../shared/logging/logger.ts';
import { DemandSignalModel, type DemandSignal } from './demand.model.ts';
import { INTEREST_DAY_PARTS, type InterestDayPart } from './demand.vocabulary.ts';

export interface PlaceTotal {
  place: string;
  lat: number;
  lng: number;
  networkId?: string;
  locationId?: string;
  people: number;
  /** People per day-part they would come in. */
  dayParts: Record<InterestDayPart, number>;
}

export interface Bounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

const noDayParts = () => Object.fromEntries(INTEREST_DAY_PARTS.map((d) => [d, 0])) as Record<InterestDayPart, number>;

export class DemandTotals {
  private readonly signals = new Map<string, DemandSignal>();
  private readonly places = new Map<string, PlaceTotal>();
  private readonly mirror: CollectionMirror<DemandSignal>;
  private started: Promise<void> | undefined;

  constructor(pollMs: number, logger: Logger) {
    this.mirror = new CollectionMirror<DemandSignal>({
      feedName: 'demand_signals',
      model: DemandSignalModel,
      pollMs,
      onChange: (id, doc) => this.apply(id, doc),
      onError: (error) => logger.warn({ err: error }, 'demand totals could not follow the change feed'),
    });
  }

  /** Loaded at first use, so a server nobody asks about demand never reads the collection. */
  async current(): Promise<this> {
    this.started ??= this.mirror.start().catch((error: unknown) => {
      this.started = undefined;
      throw error;
    });
    await this.started;
    return this;
  }

  /** After this server's own write: its effect is counted before the answer. */
  async refresh(): Promise<void> {
    await this.current();
    await this.mirror.poll();
  }

  async stop(): Promise<void> {
    if (this.started) await this.mirror.stop();
  }

  atPlace(place: string): PlaceTotal | undefined {
    return this.places.get(place);
  }

  signal(id: string): DemandSignal | undefined {
    return this.signals.get(id);
  }

  ofUser(userId: string): DemandSignal[] {
    return [...this.signals.values()].filter((s) => s.user.toString() === userId);
  }

  inBounds(bounds: Bounds, counted: (networkId: string | undefined) => boolean): PlaceTotal[] {
    const within = (t: PlaceTotal) =>
      t.lat >= bounds.south && t.lat <= bounds.north && t.lng >= bounds.west && t.lng <= bounds.east;
    return [...this.places.values()].filter((t) => within(t) && counted(t.networkId));
  }

  private apply(id: string, doc: DemandSignal | undefined): void {
    const before = this.signals.get(id);
    if (before) this.count(before, -1);
    if (doc) {
      this.signals.set(id, doc);
      this.count(doc, 1);
    } else this.signals.delete(id);
  }

  private count(signal: DemandSignal, by: 1 | -1): void {
    let total = this.places.get(signal.place);
    if (!total) {
      total = {
        place: signal.place,
        lat: signal.lat,
        lng: signal.lng,
        ...(signal.network ? { networkId: signal.network.toString() } : {}),
        ...(signal.location ? { locationId: signal.location.toString() } : {}),
        people: 0,
        dayParts: noDayParts(),
      };
      this.places.set(signal.place, total);
    }
    total.people += by;
    for (const part of signal.dayParts) total.dayParts[part] += by;
    if (total.people <= 0) this.places.delete(signal.place);
  }
}
