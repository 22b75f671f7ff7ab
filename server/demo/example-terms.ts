// Day-parts and prices for the demo's seed places, invented for the demo and marked as example data on the page
// (Over Entinghe keeps the €7.50 a day-part its own listing states).
const WEEKDAYS = ['mo', 'tu', 'we', 'th', 'fr'];

const DAY = [
  { part: 'morning', from: '09:00', to: '12:30', days: WEEKDAYS },
  { part: 'afternoon', from: '13:00', to: '17:30', days: WEEKDAYS },
];

const EXAMPLE_TERMS: Record<string, { dayParts: object[]; tariffs: object[] }> = {
  'over-entinghe-dwingeloo': {
    dayParts: [...DAY, { part: 'evening', from: '19:00', to: '22:00', days: ['tu', 'th'] }],
    tariffs: [{ category: 'public', amount: 7.5, currency: 'EUR' }],
  },
  'de-veldkei-havelte': {
    dayParts: DAY,
    tariffs: [
      { category: 'resident', amount: 4, currency: 'EUR' },
      { category: 'public', amount: 6, currency: 'EUR' },
    ],
  },
  'lavallee-bruxelles': {
    dayParts: DAY,
    tariffs: [
      { category: 'own-member', amount: 5, currency: 'EUR' },
      { category: 'social-programme', amount: 2, currency: 'EUR' },
      { category: 'public', amount: 12, currency: 'EUR' },
    ],
  },
  'brussels-art-factory-bruxelles': {
    dayParts: DAY,
    tariffs: [
      { category: 'own-member', amount: 6, currency: 'EUR' },
      { category: 'public', amount: 10, currency: 'EUR' },
    ],
  },
};

/** The document with its example day-parts and prices, when it is one of the seed places. */
export function withExampleTerms<D extends { slug: string }>(doc: D): D {
  const terms = EXAMPLE_TERMS[doc.slug];
  if (!terms) return doc;
  return {
    ...doc,
    dayParts: terms.dayParts,
    tariffs: terms.tariffs.map((t) => ({ ...t, per: 'day-part' })),
    examplePrices: true,
  };
}
