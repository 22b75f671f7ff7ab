// Appending to the usage log; nothing here reads it back (read models follow the change feed).
import type { Types } from 'mongoose';
import type { DayPart, TariffCategory } from '../locations/index.ts';
import { UsageEventModel } from './usage-event.model.ts';
import type { UsageKind } from './usage-kinds.ts';

export interface UsageEntry {
  kind: UsageKind;
  location: string;
  date: string;
  dayPart: DayPart;
  homeNetwork: string;
  tariffCategory: TariffCategory;
  agreement?: string;
  booking?: string;
  price?: { amount: number; currency: string };
  at: Date;
}

/** Appends one entry; returns its id. */
export async function recordUsage(entry: UsageEntry): Promise<Types.ObjectId> {
  return (await UsageEventModel.create(entry))._id;
}
