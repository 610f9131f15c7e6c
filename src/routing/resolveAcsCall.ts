/**
 * The path of an outbound call from an ACS resource: direct routing first, then direct offer (Microsoft
 * numbers), else the call fails.
 *
 * @see azure-voice-api-facts.md §1.4 (outbound fallback) and §5.1 (emergency with direct routing and direct offer)
 * @see DIRECT_OFFER_EMERGENCY for the countries direct offer serves (Microsoft Learn; DK is newer than §5.1)
 */
import type { VoiceChannelSpec } from "../config/schema";
import type { CallInput, CallResolution } from "./callResolution";
import { DIRECT_OFFER_EMERGENCY, directOfferTakesEmergency } from "./emergencyNumbers";
import { parseDialed } from "./parseDialed";
import { resolveAcsDirectRouting } from "./resolveAcsDirectRouting";
import { assumedCapabilitiesWarning, resolveCallerId } from "./resolveCallerId";

const OFFER_COUNTRIES = Object.entries(DIRECT_OFFER_EMERGENCY)
  .map(([country, dials]) => `${country} (${dials.join(", ")})`)
  .join(", ");

/**
 * Resolves an outbound call of an ACS resource (`approach.outbound` acs-direct-routing or acs-direct-offer,
 * including hybrid stacks with both routes and Microsoft numbers).
 *
 * 1. Once any direct routing route exists, every call tries direct routing first: the first matching route
 *    with an enabled trunk wins, emergency numbers included (a route matching 911 takes it away from
 *    Microsoft's emergency service).
 * 2. No match: a Microsoft caller id with outbound calling sends the call through direct offer; an emergency
 *    number there must be one Microsoft's emergency service takes in the caller's country, else `blocked`.
 * 3. Otherwise `blocked`.
 *
 * @throws Error from {@link parseDialed} or {@link resolveCallerId} for a bad dial string, country or caller id
 */
export function resolveAcsCall(spec: VoiceChannelSpec, call: CallInput): CallResolution {
  const dialed = parseDialed(call.dial, call.country);
  const { dialString, emergency, testNumber } = dialed;
  const base = { dialString, emergency, testNumber };
  const warnings: string[] = [];
  const directRouting = spec.directRouting;
  const hasRoutes = (directRouting?.routes.length ?? 0) > 0;
  const callerId = resolveCallerId(spec, call.from, call.country);
  const dr = resolveAcsDirectRouting(dialString, directRouting);
  for (const skip of dr.skipped) warnings.push(`${skip.reason}; the call skips it`);

  if (dr.route !== undefined) {
    const pattern = directRouting?.routes[dr.routeIndex as number]?.numberPattern;
    let reason = `${dialString} matches route "${dr.route}" (${pattern}), so the call goes by ACS direct routing to ${dr.trunks.join(", ")}`;
    if (dr.trunks.length > 1) reason += " (in any order; the order within a route is not guaranteed)";
    if (emergency) {
      reason += `; the SBC and its carrier must handle this emergency call`;
      if (dr.trunksNotEmergencyCapable.length > 0) {
        warnings.push(
          `emergency number ${dialString} goes to ${dr.trunksNotEmergencyCapable.join(", ")}, not marked emergencyCapable; mark the trunk emergencyCapable once its carrier handles emergency calls, or route ${dialString} elsewhere`,
        );
      }
      if (callerId.microsoftOutbound && directOfferTakesEmergency(dialString, call.country)) {
        warnings.push(
          `route "${dr.route}" takes ${dialString} from ${call.country} away from Microsoft's emergency service, which the resource's Microsoft numbers would otherwise reach; exclude ${dialString} from the route's pattern unless the SBC is meant to carry it`,
        );
      }
    }
    return { path: "acs-direct-routing", ...base, route: dr.route, trunks: dr.trunks, reason, callerId: callerId.callerId, warnings };
  }

  const noMatch = hasRoutes
    ? `${dialString} matches no direct routing route${dr.skipped.length ? " with an enabled trunk" : ""}`
    : `no direct routing route exists`;
  const assumed = callerId.assumed && callerId.microsoftOutbound ? ", assumed as no caller id was given" : "";
  if (!callerId.microsoftOutbound) {
    const reason = `${noMatch} and ${callerId.whyNot}, so the call fails; add a direct routing route for ${dialString} or call from a Microsoft number with outbound calling`;
    return { path: "blocked", ...base, trunks: [], reason, callerId: callerId.callerId, warnings };
  }
  const microsoft = `the caller id is a Microsoft number (${callerId.label}${assumed})`;
  if (callerId.assumedCapabilities !== undefined) warnings.push(assumedCapabilitiesWarning(spec, callerId.assumedCapabilities));
  if (emergency) {
    if (!directOfferTakesEmergency(dialString, call.country)) {
      const reason = `${noMatch}; ${microsoft}, but Microsoft's emergency service on direct offer takes only ${OFFER_COUNTRIES}, not ${dialString} from ${call.country}; add a direct routing route for ${dialString} to an emergency-capable SBC`;
      return { path: "blocked", ...base, trunks: [], reason, callerId: callerId.callerId, warnings };
    }
    const test = testNumber ? " (test number: it plays back the temporary callback number, nobody is dispatched)" : "";
    const reason = `${noMatch}; ${microsoft}, so the call leaves through direct offer to Microsoft's emergency service${test}`;
    return { path: "acs-direct-offer", ...base, trunks: [], reason, callerId: callerId.callerId, warnings };
  }
  const reason = `${noMatch}; ${microsoft}, so the call leaves through direct offer over the Microsoft PSTN`;
  return { path: "acs-direct-offer", ...base, trunks: [], reason, callerId: callerId.callerId, warnings };
}
