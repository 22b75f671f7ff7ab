// Access between networks: agreements and the price engine. What other domains (and the app) may use; app.ts mounts routes.
export { priceFor, categoryOn, NO_USE } from './price-engine.ts';
export type {
  PriceQuestion,
  PriceAnswer,
  ReasonCode,
  UseSoFar,
  Via,
  Quota,
  ViewerMembership,
  PricedLocation,
} from './price-engine.ts';
export type { Grant, GrantTerms, AccessLevel, AgreementStatus } from './grant-terms.ts';
export { ACCESS_LEVELS, AGREEMENT_STATUSES } from './grant-terms.ts';
export { NO_MONTHLY_USE, type MonthlyUse } from './monthly-use.ts';
export { placePrices } from './place-prices.ts';
export { seedExampleAgreement } from './example-agreement.ts';
export { networkAgreements } from './network-agreements.ts';
export { agreementCheckInTerms } from './check-in-terms.ts';
export { agreementParams, counterSchema, proposalSchema, versionSchema } from './agreement.schemas.ts';
