/**
 * The path of an outbound call placed on behalf of a Teams resource account (Teams Phone extensibility):
 * Teams direct routing (voice routing policy → PSTN usages → voice routes by priority) or the calling plan.
 *
 * @see azure-voice-api-facts.md §5.2 (emergency call routing policy) and §6.4 (voice routes: lowest priority first)
 */
import type { ResourceAccount, TeamsSpec, TeamsVoiceRoute, VoiceChannelSpec } from "../config/schema";
import type { CallInput, CallPath, CallResolution, FailoverRoute } from "./callResolution";
import { isTestNumber, shortDialDigits } from "./emergencyNumbers";
import { matchesNumberPattern } from "./matchesNumberPattern";
import { assertCallCountry, parseDialed } from "./parseDialed";

/** A voice route chosen for a call, with its enabled gateways and the routes Teams tries after it. */
interface TeamsRouteHit {
  readonly route: TeamsVoiceRoute;
  readonly usage: string;
  readonly gateways: string[];
  readonly failover: FailoverRoute[];
}

/**
 * Voice routes that carry a PSTN usage, lowest `priority` first (ties keep list order, as written).
 *
 * @param routes `teams.directRouting.voiceRoutes`
 * @param usage a PSTN usage name
 */
export function teamsRoutesForUsage(routes: readonly TeamsVoiceRoute[], usage: string): TeamsVoiceRoute[] {
  return routes
    .map((route, index) => ({ route, index }))
    .filter(({ route }) => route.pstnUsages.includes(usage))
    .sort((a, b) => a.route.priority - b.route.priority || a.index - b.index)
    .map(({ route }) => route);
}

/**
 * The voice route Teams uses: PSTN usages in order; the first usage with a voice route whose pattern matches
 * decides ("if a match is found in the first usage, then other usages are never evaluated"), even when that
 * route's gateways are all disabled. Within it, routes by priority: the first with an enabled gateway carries
 * the call, the later ones are its failover ("if neither SBC is available, the route with lower priority will
 * be tried").
 *
 * @see https://learn.microsoft.com/microsoftteams/direct-routing-voice-routing (examples 1 and 2)
 */
function firstRoute(teams: TeamsSpec, usages: readonly string[], dialString: string, skipped: string[]): TeamsRouteHit | undefined {
  const gateways = new Map(teams.directRouting.gateways.map((g) => [g.fqdn, g]));
  for (const [u, usage] of usages.entries()) {
    const matching = teamsRoutesForUsage(teams.directRouting.voiceRoutes, usage).filter((route) =>
      matchesNumberPattern(route.numberPattern, dialString),
    );
    if (matching.length === 0) continue;
    let hit: TeamsRouteHit | undefined;
    for (const route of matching) {
      const enabled = route.gateways.filter((fqdn) => gateways.get(fqdn)?.enabled === true);
      if (hit) {
        if (enabled.length > 0) hit.failover.push({ route: route.name, trunks: enabled });
      } else if (enabled.length === 0) {
        skipped.push(`every gateway of voice route "${route.name}" is disabled or undeclared (${route.gateways.join(", ")}); the call skips it`);
      } else {
        hit = { route, usage, gateways: enabled, failover: [] };
      }
    }
    const later = usages.slice(u + 1);
    if (!hit && later.length > 0) {
      skipped.push(`PSTN usage ${usage} has a matching voice route, so Teams does not try the PSTN usages after it (${later.join(", ")})`);
    }
    return hit;
  }
  return undefined;
}

function pickAccount(teams: TeamsSpec, upn: string | undefined): ResourceAccount | undefined {
  if (upn === undefined) return teams.resourceAccounts[0];
  const account = teams.resourceAccounts.find((a) => a.upn.toLowerCase() === upn.toLowerCase());
  if (!account) {
    const known = teams.resourceAccounts.map((a) => a.upn).join(", ") || "none";
    throw new Error(
      `resource account ${JSON.stringify(upn)} is not in ccvoice:teams.resourceAccounts; known accounts: ${known}`,
    );
  }
  return account;
}

/** Where a call goes when no voice route takes it, by the account's number type. */
function fallback(account: ResourceAccount): { path: CallPath; why: string } | undefined {
  if (account.phoneNumberType === "CallingPlan") return { path: "teams-calling-plan", why: "the calling plan carries the call" };
  if (account.phoneNumberType === "OperatorConnect") {
    return { path: "teams-operator-connect", why: "the Operator Connect operator carries the call" };
  }
  return undefined;
}

/**
 * Resolves an outbound call of a Teams resource account.
 *
 * - Account: `call.resourceAccount` (UPN, case-insensitive), else the first one.
 * - Emergency numbers, and dial masks of the account's emergency call routing policy (`9911` → `911`): the
 *   policy entry's PSTN usage → voice routes of that usage, lowest priority first, first whose pattern matches
 *   the dial string. An emergency number the policy does not list is routed like any other number (the voice
 *   routing policy). Direct routing comes first for calling plan and Operator Connect numbers too (Teams uses
 *   the calling plan only when no voice route matches); a call no voice route takes goes to that number's
 *   emergency service.
 * - Other numbers: the voice routing policy's PSTN usages in order; the first usage with a matching voice route
 *   decides (later usages are not tried); its first route by priority with an enabled gateway carries the call
 *   and the later ones are `failover`; no match → the calling plan for a calling plan number, else `blocked`.
 *
 * @see https://learn.microsoft.com/microsoftteams/direct-routing-voice-routing ("Voice routing policy
 *   considerations": a calling plan user's calls that match the voice routing policy go by direct routing)
 *
 * @throws Error for an unknown resource account, or from {@link parseDialed}
 */
export function resolveTeamsCall(spec: VoiceChannelSpec, call: CallInput): CallResolution {
  const teams = spec.teams;
  if (!teams) {
    const dialed = parseDialed(call.dial, call.country);
    return {
      path: "blocked", dialString: dialed.dialString, emergency: dialed.emergency, testNumber: dialed.testNumber, trunks: [],
      reason: `approach.outbound is ${spec.approach.outbound} but ccvoice:teams is not set, so no resource account can place the call; add ccvoice:teams`,
      warnings: [],
    };
  }
  const account = pickAccount(teams, call.resourceAccount);
  const erp = account?.emergencyCallRoutingPolicy
    ? teams.emergencyCallRoutingPolicies.find((p) => p.name === account.emergencyCallRoutingPolicy)
    : undefined;
  const digits = shortDialDigits(call.dial);
  assertCallCountry(call.country);
  const entry =
    digits === undefined
      ? undefined
      : erp?.emergencyNumbers.find((e) => e.emergencyDialString === digits || e.emergencyDialMask.includes(digits));
  const dialed = entry
    ? { dialString: entry.emergencyDialString, emergency: true, testNumber: isTestNumber(entry.emergencyDialString, call.country) }
    : parseDialed(call.dial, call.country);
  const { dialString, emergency, testNumber } = dialed;
  const base = { dialString, emergency, testNumber };
  const warnings: string[] = [];
  if (!account) {
    const reason = `ccvoice:teams.resourceAccounts is empty, so no resource account can place the call; add one`;
    return { path: "blocked", ...base, trunks: [], reason, warnings };
  }
  const who = `resource account ${account.upn}`;
  const result = (path: CallPath, reason: string, hit?: TeamsRouteHit): CallResolution => ({
    path, ...base, ...(hit ? { route: hit.route.name } : {}), trunks: hit?.gateways ?? [], reason, callerId: account.upn, warnings,
    ...(hit && hit.failover.length > 0 ? { failover: hit.failover } : {}),
  });
  const gatewayWarning = (hit: TeamsRouteHit) => {
    if (!emergency) return;
    const notCapable = hit.gateways.filter(
      (fqdn) => teams.directRouting.gateways.find((g) => g.fqdn === fqdn)?.emergencyCapable !== true,
    );
    if (notCapable.length > 0) {
      warnings.push(
        `emergency number ${dialString} goes to ${notCapable.join(", ")}, not marked emergencyCapable; mark the gateway emergencyCapable once its carrier handles emergency calls, or route ${dialString} elsewhere`,
      );
    }
  };
  const via = (hit: TeamsRouteHit) =>
    `voice route "${hit.route.name}" (priority ${hit.route.priority}, ${hit.route.numberPattern}) sends it to ${hit.gateways.join(", ")}`;
  const own = fallback(account);
  // an emergency call that no voice route takes goes to the calling plan's (or operator's) emergency service
  const ownWhy = own ? `${own.why}${emergency ? " to its emergency service" : ""}` : "";
  let prefix = "";

  if (emergency) {
    if (own && !entry && account.voiceRoutingPolicy === undefined) {
      return result(own.path, `${dialString} is an emergency number and ${who} has a ${account.phoneNumberType} number, so ${ownWhy}`);
    }
    if (entry && erp) {
      const skipped: string[] = [];
      const hit = firstRoute(teams, [entry.pstnUsage], dialString, skipped);
      warnings.push(...skipped);
      const masked = digits !== dialString ? ` (dialed ${digits}, a dial mask)` : "";
      const policy = `${dialString}${masked} is in emergency call routing policy ${erp.name} of ${who} with PSTN usage ${entry.pstnUsage}`;
      if (hit) {
        gatewayWarning(hit);
        return result("teams-direct-routing", `${policy}; ${via(hit)}`, hit);
      }
      const unmatched = `${policy}, but no voice route of that usage matches ${dialString} with an enabled gateway`;
      if (own) return result(own.path, `${unmatched}, so ${ownWhy}`);
      return result("blocked", `${unmatched}; add one to an emergency-capable gateway`);
    }
    prefix = erp
      ? `${dialString} is not in emergency call routing policy ${erp.name} of ${who}, so Teams routes it with the voice routing policy; `
      : `${who} has no emergency call routing policy, so Teams routes ${dialString} with the voice routing policy; `;
  }

  const policyName = account.voiceRoutingPolicy;
  if (policyName === undefined) {
    if (own) return result(own.path, `${prefix}${who} has no voice routing policy and a ${account.phoneNumberType} number, so ${ownWhy}`);
    return result("blocked", `${prefix}${who} has no voice routing policy and no calling plan number, so the call fails; assign a voice routing policy`);
  }
  const policy = teams.directRouting.voiceRoutingPolicies.find((p) => p.name === policyName);
  if (!policy) {
    return result("blocked", `${prefix}voice routing policy ${policyName} of ${who} is not declared in ccvoice:teams.directRouting.voiceRoutingPolicies; declare it`);
  }
  const skipped: string[] = [];
  const hit = firstRoute(teams, policy.pstnUsages, dialString, skipped);
  warnings.push(...skipped);
  if (hit) {
    gatewayWarning(hit);
    return result("teams-direct-routing", `${prefix}voice routing policy ${policy.name} of ${who} tries PSTN usages ${policy.pstnUsages.join(", ")}; in ${hit.usage}, ${via(hit)}`, hit);
  }
  const none = `${prefix}no voice route of voice routing policy ${policy.name} (PSTN usages ${policy.pstnUsages.join(", ")}) matches ${dialString} with an enabled gateway`;
  if (own) return result(own.path, `${none}, so ${ownWhy}`);
  return result("blocked", `${none}, and ${who} has no calling plan number, so the call fails; add a voice route for it`);
}
