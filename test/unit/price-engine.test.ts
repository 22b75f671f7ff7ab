// The price engine as a table: each row a viewer, a place, a day and their use so far, and what they see.
import { expect } from 'chai';
import { priceFor, type PriceAnswer, type PriceQuestion, type UseSoFar } from '../../server/access/price-engine.ts';
import type { Grant, GrantTerms } from '../../server/access/grant-terms.ts';
import { localDateAt } from '../../server/locations/day-parts.ts';

const SMART_BE = 'net-smart-be';
const SMART_FR = 'net-smart-fr';
const DRENTHE = 'net-drenthe';
const PLACE = 'loc-lavallee';
const OTHER_PLACE = 'loc-art-factory';

const location = {
  id: PLACE,
  networkId: SMART_BE,
  tariffs: [
    { category: 'public', amount: 7.5, currency: 'EUR' },
    { category: 'own-member', amount: 4, currency: 'EUR' },
    { category: 'social-programme', amount: 2, currency: 'EUR' },
    { category: 'public', amount: 10, currency: 'EUR', dayPart: 'evening' },
  ],
};

const terms = (over: Partial<GrantTerms> = {}): GrantTerms => ({
  categories: ['member', 'social-programme'],
  level: 'free',
  monthlyQuota: 4,
  bookingRequired: false,
  hostApproves: false,
  locations: 'all',
  validFrom: '2026-01-01',
  ...over,
});

const grant = (over: Partial<Grant> = {}, termOver: Partial<GrantTerms> = {}): Grant => ({
  agreementId: 'agr-fr-be',
  version: 1,
  hostNetworkId: SMART_BE,
  guestNetworkId: SMART_FR,
  status: 'active',
  terms: terms(termOver),
  ...over,
});

/** Use so far: day-parts by agreement and month, guests by agreement. */
const use = (months: Record<string, number> = {}, guests: Record<string, number> = {}): UseSoFar => ({
  dayPartsUsed: (agreementId, month) => months[`${agreementId}@${month}`] ?? 0,
  guestsBooked: (agreementId) => guests[agreementId] ?? 0,
});

const frMember = [{ networkId: SMART_FR, category: 'member' }];

const ask = (over: Partial<PriceQuestion>): PriceQuestion => ({
  memberships: [],
  location,
  date: '2026-03-10',
  part: 'morning',
  offered: true,
  grants: [grant()],
  use: use(),
  ...over,
});

type Row = [situation: string, question: PriceQuestion, expected: Partial<PriceAnswer>];

const rows: Row[] = [
  ['a day-part the place does not offer', ask({ offered: false }), { access: false, reason: 'not-offered' }],
  ['an anonymous visitor', ask({}), { access: true, amount: 7.5, reason: 'public' }],
  ['an anonymous visitor in the evening, priced apart', ask({ part: 'evening' }), { amount: 10, reason: 'public' }],
  [
    'an anonymous visitor at a place with no public price',
    ask({ location: { ...location, tariffs: location.tariffs.filter((t) => t.category !== 'public') } }),
    { access: false, reason: 'not-public' },
  ],
  [
    'an own member',
    ask({ memberships: [{ networkId: SMART_BE, category: 'member' }] }),
    { amount: 4, reason: 'own-member', tariffCategory: 'own-member' },
  ],
  [
    'a social-programme participant of the own network',
    ask({ memberships: [{ networkId: SMART_BE, category: 'social-programme', categoryUntil: '2026-03-31' }] }),
    { amount: 2, tariffCategory: 'social-programme' },
  ],
  [
    'a social-programme participant whose category ended the day before',
    ask({ memberships: [{ networkId: SMART_BE, category: 'social-programme', categoryUntil: '2026-03-09' }] }),
    { amount: 4, tariffCategory: 'own-member' },
  ],
  [
    'a partner member with 2 of 4 free day-parts used',
    ask({ memberships: frMember, use: use({ 'agr-fr-be@2026-03': 2 }) }),
    { access: true, amount: 0, reason: 'agreement', quota: { included: 4, used: 2, left: 2, month: '2026-03' } },
  ],
  [
    'a partner member with 3 of 4 used (the last one)',
    ask({ memberships: frMember, use: use({ 'agr-fr-be@2026-03': 3 }) }),
    { amount: 0, reason: 'agreement', quota: { included: 4, used: 3, left: 1, month: '2026-03' } },
  ],
  [
    'a partner member with all 4 used: the public rate applies',
    ask({ memberships: frMember, use: use({ 'agr-fr-be@2026-03': 4 }) }),
    { amount: 7.5, reason: 'agreement-quota-used', quota: { included: 4, used: 4, left: 0, month: '2026-03' } },
  ],
  [
    'already 1 April in Auckland while the server reads 31 March: March use does not count',
    ask({
      memberships: frMember,
      location: { ...location },
      date: localDateAt(new Date('2026-03-31T12:30:00Z'), 'Pacific/Auckland'),
      use: use({ 'agr-fr-be@2026-03': 4 }),
    }),
    { amount: 0, quota: { included: 4, used: 0, left: 4, month: '2026-04' } },
  ],
  [
    'an agreement that expired the day before',
    ask({ memberships: frMember, grants: [grant({}, { validUntil: '2026-03-09' })] }),
    { access: true, amount: 7.5, reason: 'agreement-expired' },
  ],
  [
    'an agreement not valid yet',
    ask({ memberships: frMember, grants: [grant({}, { validFrom: '2026-04-01' })] }),
    { amount: 7.5, reason: 'agreement-not-yet-valid' },
  ],
  [
    'a suspended agreement',
    ask({ memberships: frMember, grants: [grant({ status: 'suspended' })] }),
    { amount: 7.5, reason: 'agreement-suspended' },
  ],
  [
    'a suspended agreement at a place with no public price',
    ask({
      memberships: frMember,
      grants: [grant({ status: 'suspended' })],
      location: { ...location, tariffs: [] },
    }),
    { access: false, reason: 'agreement-suspended' },
  ],
  [
    'a proposal not accepted yet',
    ask({ memberships: frMember, grants: [grant({ status: 'proposed' })] }),
    { amount: 7.5, reason: 'public' },
  ],
  [
    'a place outside the agreement scope',
    ask({ memberships: frMember, grants: [grant({}, { locations: [OTHER_PLACE] })] }),
    { amount: 7.5, reason: 'agreement-out-of-scope' },
  ],
  [
    'a place within the chosen scope',
    ask({ memberships: frMember, grants: [grant({}, { locations: [OTHER_PLACE, PLACE] })] }),
    { amount: 0, reason: 'agreement' },
  ],
  [
    'the guest cap of the day-part reached',
    ask({ memberships: frMember, grants: [grant({}, { guestCap: 2 })], use: use({}, { 'agr-fr-be': 2 }) }),
    { amount: 7.5, reason: 'agreement-cap-reached' },
  ],
  [
    'one guest below the cap',
    ask({ memberships: frMember, grants: [grant({}, { guestCap: 2 })], use: use({}, { 'agr-fr-be': 1 }) }),
    { amount: 0, reason: 'agreement' },
  ],
  [
    'a category the agreement does not cover',
    ask({ memberships: [{ networkId: SMART_FR, category: 'resident' }] }),
    { amount: 7.5, reason: 'agreement-category' },
  ],
  [
    'a discount of 20 % off the public price',
    ask({ memberships: frMember, grants: [grant({}, { level: 'discount', discountPercent: 20 })] }),
    { amount: 6, reason: 'agreement', discountPercent: 20 },
  ],
  [
    'the own-member rate',
    ask({ memberships: frMember, grants: [grant({}, { level: 'member-rate' })] }),
    { amount: 4, reason: 'agreement', tariffCategory: 'own-member' },
  ],
  [
    'several memberships: the free agreement of one wins over the discount of the other, and says which',
    ask({
      memberships: [
        { networkId: DRENTHE, category: 'member' },
        { networkId: SMART_FR, category: 'member' },
      ],
      grants: [
        grant({ agreementId: 'agr-dr-be', guestNetworkId: DRENTHE }, { level: 'discount', discountPercent: 50 }),
        grant(),
      ],
    }),
    {
      amount: 0,
      via: {
        kind: 'agreement',
        agreementId: 'agr-fr-be',
        hostNetworkId: SMART_BE,
        guestNetworkId: SMART_FR,
        category: 'member',
      },
    },
  ],
  [
    'several memberships: the own membership is cheaper than a grant used up',
    ask({
      memberships: [
        { networkId: SMART_FR, category: 'member' },
        { networkId: SMART_BE, category: 'member' },
      ],
      use: use({ 'agr-fr-be@2026-03': 4 }),
    }),
    { amount: 4, reason: 'own-member' },
  ],
  [
    'an agreement hosted by another network grants nothing here',
    ask({ memberships: frMember, grants: [grant({ hostNetworkId: DRENTHE })] }),
    { amount: 7.5, reason: 'public' },
  ],
  [
    'booking ahead and host approval are passed on',
    ask({
      memberships: frMember,
      grants: [grant({}, { bookingRequired: true, noticeHours: 24, hostApproves: true })],
    }),
    { amount: 0, bookingRequired: true, noticeHours: 24, hostApproves: true },
  ],
];

describe('price engine', () => {
  for (const [situation, question, expected] of rows) {
    it(`when ${situation}, then ${JSON.stringify(expected)}`, () => {
      const answer = priceFor(question);
      for (const [key, value] of Object.entries(expected)) {
        expect(answer[key as keyof PriceAnswer], key).to.deep.equal(value);
      }
    });
  }
});
