/** The outcome of resolving one call: shared by the ACS and Teams resolvers. */

/** How a call leaves (or does not). */
export const CALL_PATHS = [
  "acs-direct-routing",
  "acs-direct-offer",
  "teams-direct-routing",
  "teams-calling-plan",
  "teams-operator-connect",
  "blocked",
] as const;
export type CallPath = (typeof CALL_PATHS)[number];

/** A call to resolve. */
export interface CallInput {
  /** What the caller dialed: `911`, `+14255550100`, `(425) 555-0100`. */
  readonly dial: string;
  /** ISO 3166-1 alpha-2 country of the caller (for national formats and emergency numbers). */
  readonly country: string;
  /**
   * ACS caller id: an E.164 number, or `order:<name>` for a number from a `phoneNumbers.orders` entry.
   * @default the first outbound-capable Microsoft number (orders in list order, then adopted numbers)
   */
  readonly from?: string;
  /** Teams resource account UPN. @default the first resource account */
  readonly resourceAccount?: string;
}

/** A route the service tries after the chosen one when none of that route's trunks or gateways answers. */
export interface FailoverRoute {
  readonly route: string;
  /** Its enabled trunks (ACS) or gateways (Teams). */
  readonly trunks: string[];
}

/** Where a call goes, and why. */
export interface CallResolution {
  readonly path: CallPath;
  /** What route patterns saw (`+14255550100`, `911`). */
  readonly dialString: string;
  readonly emergency: boolean;
  /** Emergency test number (933 in US). */
  readonly testNumber: boolean;
  /** ACS route or Teams voice route that carries the call. */
  readonly route?: string;
  /** Candidate trunks (ACS) or gateways (Teams); order within a route is not guaranteed on ACS. */
  readonly trunks: string[];
  /** One or two sentences, lower case, e.g. `911 matches no direct routing route; ...`. */
  readonly reason: string;
  /** The caller id used (ACS: `+14255550100` or `order:us-main`) or the resource account UPN (Teams). */
  readonly callerId?: string;
  /** Things to fix that do not change the path, e.g. an emergency call sent to a trunk not marked emergencyCapable. */
  readonly warnings: string[];
  /**
   * Teams: the later voice routes of the same PSTN usage that match the call and have an enabled gateway, by
   * priority; Teams tries them when the gateways of `route` do not answer. Absent when there are none. (ACS
   * failover to later matching routes is analysed by the `ccvoice-emergency-route-not-shadowed` policy.)
   */
  readonly failover?: FailoverRoute[];
}
