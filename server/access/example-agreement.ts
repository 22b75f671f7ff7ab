// The demo's example agreement, seeded into an empty database so a newcomer sees reciprocal access after `npm start`.
import { Types } from 'mongoose';
import { claims } from '../shared/db/claims.ts';
import { AgreementModel, type StoredDirection } from './agreement.model.ts';

const pairKey = (x: Types.ObjectId, y: Types.ObjectId) => {
  const [first, second] = [x.toString(), y.toString()].sort();
  return `agreements:${first}:${second}:open`;
};

/**
 * An agreement in force between `first` and `second`, marked as example data: `second` lets `first`'s members in free
 * for 4 day-parts a month; `first` gives `second`'s members 50 % off with a day's notice. False when the pair has one.
 */
export async function seedExampleAgreement(
  first: Types.ObjectId,
  second: Types.ObjectId,
  validFrom: string,
): Promise<boolean> {
  const id = new Types.ObjectId();
  if (!(await claims.claim(pairKey(first, second), { owner: id.toString() }))) return false;
  const common = { bookingRequired: false, hostApproves: false, allLocations: true, locations: [], validFrom };
  const directions: StoredDirection[] = [
    {
      host: second,
      guest: first,
      categories: ['member', 'social-programme'],
      level: 'free',
      monthlyQuota: 4,
      ...common,
    },
    {
      host: first,
      guest: second,
      categories: ['member'],
      level: 'discount',
      discountPercent: 50,
      ...common,
      bookingRequired: true,
      noticeHours: 24,
    },
  ];
  const at = new Date();
  await AgreementModel.create({
    _id: id,
    networks: [first, second],
    status: 'active',
    acceptedVersion: 1,
    example: true,
    versions: [{ number: 1, proposedBy: first, at, directions }],
    history: [
      { action: 'propose', network: first, at, version: 1 },
      { action: 'accept', network: second, at, version: 1 },
    ],
  });
  return true;
}
