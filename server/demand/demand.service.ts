// Saying "I would work here", taking it back, and counting it without showing who.
import { Types } from 'mongoose';
import { auditedWrite } from '../audit/index.ts';
import { isDuplicateKey } from '../shared/db/duplicate-key.ts';
import { unauthorized } from '../shared/errors/app-error.ts';
import type { Principal } from '../shared/principal.ts';
import type { Bounds, DemandTotals, PlaceTotal } from './demand-totals.ts';
import { DemandSignalModel, type DemandSignal } from './demand.model.ts';
import { mayCountDemand } from './demand.policy.ts';
import type { InterestInput } from './demand.schemas.ts';
import { POINT_CELL_DEGREES, SMALLEST_SHOWN_COUNT } from './demand.vocabulary.ts';

/** Where a signal is: a listed place, or a point where none exists yet. */
export type DemandPlace =
  | { kind: 'location'; locationId: string; networkId: string; lat: number; lng: number }
  | { kind: 'point'; lat: number; lng: number };

/** A count as shown: the number, or only that it is below the smallest shown. */
export type ShownCount = { people: number } | { fewerThan: number };

const cellCentre = (degrees: number) =>
  Number((Math.round(degrees / POINT_CELL_DEGREES) * POINT_CELL_DEGREES).toFixed(2));

/** The point's cell (never the point itself), or the place as it is. */
export function demandPlace(place: DemandPlace): DemandPlace {
  return place.kind === 'point' ? { kind: 'point', lat: cellCentre(place.lat), lng: cellCentre(place.lng) } : place;
}

export const placeKey = (place: DemandPlace): string =>
  place.kind === 'location'
    ? `location:${place.locationId}`
    : `point:${cellCentre(place.lat)},${cellCentre(place.lng)}`;

const signalId = (userId: string, place: DemandPlace) => `${userId}/${placeKey(place)}`;

export const shownCount = (people: number): ShownCount =>
  people >= SMALLEST_SHOWN_COUNT ? { people } : { fewerThan: SMALLEST_SHOWN_COUNT };

function signedIn(p: Principal): string {
  if (p.kind !== 'user' || !p.userId) throw unauthorized();
  return p.userId;
}

export interface DemandCell {
  lat: number;
  lng: number;
  people: number;
  places: number;
}

export function demandService(totals: DemandTotals) {
  return {
    /** Says it, or changes what one said there (one signal per person and place). */
    async sayInterest(p: Principal, where: DemandPlace, input: InterestInput): Promise<void> {
      const userId = signedIn(p);
      const place = demandPlace(where);
      const _id = signalId(userId, place);
      const fields = {
        place: placeKey(place),
        lat: place.lat,
        lng: place.lng,
        dayParts: input.dayParts,
        frequency: input.frequency,
        ...(place.kind === 'location'
          ? { location: new Types.ObjectId(place.locationId), network: new Types.ObjectId(place.networkId) }
          : {}),
      };
      const before = await DemandSignalModel.findById(_id).lean<DemandSignal>();
      // No network on the entry: a network's admins read its audit log, and must not learn who is interested.
      const event = { action: 'demand.say', entityType: 'demandSignal', entityId: _id, before, after: fields };
      await auditedWrite(p, [event], async () => {
        if (before) {
          await DemandSignalModel.updateOne(
            { _id },
            { $set: { dayParts: input.dayParts, frequency: input.frequency } },
          );
          return;
        }
        try {
          await DemandSignalModel.create({ _id, user: userId, ...fields });
        } catch (error) {
          // Said twice at once: the first is stored, and the second says the same.
          if (!isDuplicateKey(error)) throw error;
          await DemandSignalModel.updateOne(
            { _id },
            { $set: { dayParts: input.dayParts, frequency: input.frequency } },
          );
        }
      });
      await totals.refresh();
    },

    /** Takes back what one said at a place (its key: `placeKey`); nothing said, nothing changes. */
    async withdrawInterest(p: Principal, place: string): Promise<boolean> {
      const userId = signedIn(p);
      const _id = `${userId}/${place}`;
      const before = await DemandSignalModel.findById(_id).lean<DemandSignal>();
      if (!before) return false;
      const event = { action: 'demand.withdraw', entityType: 'demandSignal', entityId: _id, before, after: null };
      await auditedWrite(p, [event], () => DemandSignalModel.deleteOne({ _id }));
      await totals.refresh();
      return true;
    },

    /** What the viewer said at a place, and how many people said it there when the viewer may count them. */
    async interestAt(p: Principal, where: DemandPlace): Promise<{ mine?: DemandSignal; count?: ShownCount }> {
      const current = await totals.current();
      const place = demandPlace(where);
      const mine = p.kind === 'user' && p.userId ? current.signal(signalId(p.userId, place)) : undefined;
      const networkId = place.kind === 'location' ? place.networkId : undefined;
      const count = mayCountDemand(p, networkId)
        ? shownCount(current.atPlace(placeKey(place))?.people ?? 0)
        : undefined;
      return { ...(mine ? { mine } : {}), ...(count ? { count } : {}) };
    },

    async mySignals(p: Principal): Promise<DemandSignal[]> {
      const userId = signedIn(p);
      return (await totals.current()).ofUser(userId).sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
    },

    /**
     * The demand the viewer may count within the bounds, merged into cells of a size that suits the zoom; cells of
     * fewer than five people are left out, so nobody can be singled out by zooming in.
     */
    async cells(p: Principal, bounds: Bounds, zoom: number): Promise<DemandCell[]> {
      const current = await totals.current();
      const size = 360 / 2 ** zoom / 8;
      const cells = new Map<string, { lat: number; lng: number; people: number; places: number }>();
      for (const total of current.inBounds(bounds, (networkId) => mayCountDemand(p, networkId))) {
        const key = `${Math.floor(total.lat / size)}:${Math.floor(total.lng / size)}`;
        const cell = cells.get(key) ?? { lat: 0, lng: 0, people: 0, places: 0 };
        // The cell's centre of interest: weighted by people, so a circle sits where the interest is.
        cell.lat += total.lat * total.people;
        cell.lng += total.lng * total.people;
        cell.people += total.people;
        cell.places += 1;
        cells.set(key, cell);
      }
      return [...cells.values()]
        .filter((cell) => cell.people >= SMALLEST_SHOWN_COUNT)
        .map((cell) => ({
          lat: Number((cell.lat / cell.people).toFixed(4)),
          lng: Number((cell.lng / cell.people).toFixed(4)),
          people: cell.people,
          places: cell.places,
        }));
    },
  };
}

export type DemandService = ReturnType<typeof demandService>;
export type { PlaceTotal };

/** The signals a person made, for the download of their data. */
export async function demandSignalsOf(userId: string): Promise<DemandSignal[]> {
  return DemandSignalModel.find({ user: userId }).lean<DemandSignal[]>();
}

/** Removes a person's signals when their account is deleted: the counts drop with them. */
export async function deleteDemandSignalsOf(userId: string): Promise<void> {
  await DemandSignalModel.deleteMany({ user: userId });
}
