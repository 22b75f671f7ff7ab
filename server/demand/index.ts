// Demand: "I would work here", at a place or where none exists yet, counted without showing who. Routes are mounted
// by app.ts.
export { DemandTotals } from './demand-totals.ts';
export { demandService, demandSignalsOf, deleteDemandSignalsOf, type DemandService } from './demand.service.ts';
export { demandPlaceSection } from './demand-place-section.ts';
export { mayCountDemand, mayCountAnyDemand } from './demand.policy.ts';
export type { DemandSignal } from './demand.model.ts';
export { demandLayerQuery, interestSchema } from './demand.schemas.ts';
