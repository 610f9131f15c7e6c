/**
 * `ccvoice-emergency-route-reachable`: every emergency number agents can dial reaches an emergency service.
 */
import type { VoiceChannelSpec } from "../../src/config/schema";
import { directOfferTakesEmergency, resolveCallerId } from "../../src/routing";
import { describeCall, emergencyCalls, policyCovers, routingPolicyOf, type EmergencyCall } from "../lib/emergencyCalls";
import { joinAnd } from "../lib/resources";
import type { CcvoiceRule, Finding } from "../lib/types";

function accountPath(spec: VoiceChannelSpec, call: EmergencyCall): string {
  const index = spec.teams?.resourceAccounts.findIndex((a) => a.upn === call.account?.upn) ?? -1;
  return index >= 0 ? `ccvoice:teams.resourceAccounts[${index}]` : "ccvoice:teams.resourceAccounts";
}

function acsFix(call: EmergencyCall): string {
  const offer = directOfferTakesEmergency(call.dial, call.country)
    ? ", or keep a Microsoft number with outbound calling (ccvoice:phoneNumbers) and no route matching it, so Microsoft's emergency service takes it"
    : "";
  return `Add a route whose numberPattern matches ${call.dial} to a trunk marked emergencyCapable${offer}.`;
}

function teamsFix(call: EmergencyCall): string {
  const list = `List ${call.dial} in the resource account's emergency call routing policy with a PSTN usage whose voice route reaches a gateway marked emergencyCapable`;
  const type = call.account?.phoneNumberType;
  // a calling plan or Operator Connect number has its own emergency service once no voice route takes the call
  if (type === "CallingPlan" || type === "OperatorConnect") {
    return `${list}, or exclude ${call.dial} from the voice routes of its voice routing policy so that the emergency service of its ${type} number takes it.`;
  }
  return `${list}, or give the account a CallingPlan number.`;
}

function checkCall(spec: VoiceChannelSpec, call: EmergencyCall): Finding | undefined {
  const teams = call.via === "teams";
  if (call.error !== undefined || !call.resolution) {
    return {
      resource: "ccvoice:emergency.countries",
      message: `${describeCall(call, spec)} cannot be resolved: ${call.error ?? "no answer"}. Fix the country or the setting the error names.`,
    };
  }
  const r = call.resolution;
  if (r.path === "blocked") {
    return {
      resource: teams ? accountPath(spec, call) : spec.directRouting ? "ccvoice:directRouting.routes" : "ccvoice:phoneNumbers",
      message: `${describeCall(call, spec)} reaches no emergency service: ${r.reason}. ${teams ? teamsFix(call) : acsFix(call)}`,
    };
  }
  if (r.path === "acs-direct-routing") {
    const trunks = spec.directRouting?.trunks ?? [];
    const capable = r.trunks.filter((fqdn) => trunks.find((t) => t.fqdn === fqdn)?.emergencyCapable === true);
    if (capable.length > 0) return undefined;
    const index = spec.directRouting?.routes.findIndex((route) => route.name === r.route) ?? -1;
    const pattern = spec.directRouting?.routes[index]?.numberPattern;
    const none = r.trunks.length === 1 ? "which is not marked emergencyCapable" : "none of which is marked emergencyCapable";
    return {
      resource: `ccvoice:directRouting.routes[${index}]`,
      message: `${describeCall(call, spec)} goes by route "${r.route}" (${pattern}) to ${joinAnd(r.trunks)}, ${none}, so no emergency-capable path carries it. ${acsFix(call)}`,
    };
  }
  if (r.path === "teams-direct-routing" && call.account) {
    const policy = routingPolicyOf(spec, call.account);
    if (!policyCovers(policy, call.dial)) {
      const which = policy ? `emergency call routing policy ${policy.name} does not list it` : "it has no emergency call routing policy";
      return {
        resource: `${accountPath(spec, call)}.emergencyCallRoutingPolicy`,
        message: `${describeCall(call, spec)} is not covered by an emergency call routing policy (${which}), so Teams routes it as an ordinary call: ${r.reason}. ${teamsFix(call)}`,
      };
    }
    const gateways = spec.teams?.directRouting.gateways ?? [];
    const capable = r.trunks.filter((fqdn) => gateways.find((g) => g.fqdn === fqdn)?.emergencyCapable === true);
    if (capable.length > 0) return undefined;
    const index = spec.teams?.directRouting.voiceRoutes.findIndex((v) => v.name === r.route) ?? -1;
    const none = r.trunks.length === 1 ? "which is not marked emergencyCapable" : "none of which is marked emergencyCapable";
    return {
      resource: `ccvoice:teams.directRouting.voiceRoutes[${index}]`,
      message: `${describeCall(call, spec)} goes by voice route "${r.route}" to ${joinAnd(r.trunks)}, ${none}, so no emergency-capable path carries it. ${teamsFix(call)}`,
    };
  }
  if (r.path === "acs-direct-offer") {
    // the core checked that Microsoft's service takes the number; the caller id must also really make calls
    const assumed = resolveCallerId(spec, undefined, call.country).assumedCapabilities;
    const number = assumed === undefined ? undefined : spec.phoneNumbers.adopt[assumed]?.phoneNumber;
    if (number === undefined) return undefined;
    const path = `ccvoice:phoneNumbers.adopt[${assumed}]`;
    return {
      resource: path,
      message: `${describeCall(call, spec)} reaches Microsoft's emergency service through direct offer only if adopted number ${number} makes calls, and its capabilities are not declared, so ccvoice keeps whatever the live number has. Declare capabilities: { calling: inbound+outbound } on ${path} (the deployment then sets it), or order a number with outbound calling.`,
    };
  }
  // calling plan, Operator Connect: their own emergency service.
  return undefined;
}

/**
 * Every emergency call agents can place, checked for an emergency-capable path.
 *
 * @param spec a validated spec
 * @returns one finding per unreachable (country, dial string[, resource account])
 */
export function findUnreachableEmergencyCalls(spec: VoiceChannelSpec): Finding[] {
  const findings: Finding[] = [];
  for (const call of emergencyCalls(spec)) {
    const finding = checkCall(spec, call);
    if (finding) findings.push(finding);
  }
  return findings;
}

export const emergencyRouteReachable: CcvoiceRule = {
  name: "ccvoice-emergency-route-reachable",
  description:
    "Every emergency number agents can dial in each country they work in, 933 included in the US, reaches an emergency-capable path: Microsoft's emergency service through direct offer, a trunk marked emergencyCapable, or a Teams emergency call routing policy or calling plan.",
  enforcementLevel: "mandatory",
  inputs: "spec",
  check: ({ spec }) => (spec ? findUnreachableEmergencyCalls(spec) : []),
};
