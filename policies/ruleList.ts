/**
 * The ccvoice policy rules, listed explicitly (no registry filled by import side effects). Both the
 * CrossGuard pack (`policies/index.ts`) and `ccvoice check` run exactly this list, in this order:
 * emergency (life safety) first, then numbers, SIP routing, approach, Event Grid, runtime.
 *
 * The list lives here rather than in `index.ts` because importing `index.ts` starts the pack's analyzer
 * server (`new PolicyPack(...)` serves gRPC for the Pulumi CLI), which the offline runner and tests must not.
 */
import type { CcvoiceRule } from "./lib/types";
import { approachConsistent } from "./rules/approachConsistent";
import { emergencyCallbackLease } from "./rules/emergencyCallbackLease";
import { emergencyDispatchableLocation } from "./rules/emergencyDispatchableLocation";
import { emergencyNotification } from "./rules/emergencyNotification";
import { emergencyNotRecorded } from "./rules/emergencyNotRecorded";
import { emergencyRouteNotShadowed } from "./rules/emergencyRouteNotShadowed";
import { emergencyRouteReachable } from "./rules/emergencyRouteReachable";
import { eventgridDeadLetter } from "./rules/eventgridDeadLetter";
import { eventgridIncomingCallTtl } from "./rules/eventgridIncomingCallTtl";
import { numbersNoRepurchase } from "./rules/numbersNoRepurchase";
import { numbersRetained } from "./rules/numbersRetained";
import { runtimeAlwaysReady } from "./rules/runtimeAlwaysReady";
import { runtimeNoConnectionStrings } from "./rules/runtimeNoConnectionStrings";
import { sipRoutePattern } from "./rules/sipRoutePattern";
import { sipRouteTrunksDeclared } from "./rules/sipRouteTrunksDeclared";
import { sipRouteUnreachable } from "./rules/sipRouteUnreachable";
import { sipTrunkDomain } from "./rules/sipTrunkDomain";
import { sipTrunkTls } from "./rules/sipTrunkTls";

/** Every rule, in report order. */
export const RULES: readonly CcvoiceRule[] = [
  emergencyRouteReachable,
  emergencyRouteNotShadowed,
  emergencyNotification,
  emergencyCallbackLease,
  emergencyDispatchableLocation,
  emergencyNotRecorded,
  numbersRetained,
  numbersNoRepurchase,
  sipRoutePattern,
  sipRouteTrunksDeclared,
  sipRouteUnreachable,
  sipTrunkDomain,
  sipTrunkTls,
  approachConsistent,
  eventgridDeadLetter,
  eventgridIncomingCallTtl,
  runtimeNoConnectionStrings,
  runtimeAlwaysReady,
];

/**
 * A rule by name.
 *
 * @returns the rule, or undefined for an unknown name
 */
export function ruleNamed(name: string): CcvoiceRule | undefined {
  return RULES.find((r) => r.name === name);
}
