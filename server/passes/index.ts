// Member passes, check-ins and the usage log: what other domains (and the app) may use. Routes are mounted by app.ts.
export {
  ownNetworkTerms,
  type CheckInAnswer,
  type CheckInQuestion,
  type CheckInTerms,
  type Reason,
} from './check-in-terms.ts';
export { deletePassesOf, passesOfUser } from './pass.service.ts';
export { recordUsage, type UsageEntry } from './usage-log.service.ts';
export { USAGE_KINDS, type UsageKind } from './usage-kinds.ts';
export { checkInParams, presentedPass } from './passes.schemas.ts';
