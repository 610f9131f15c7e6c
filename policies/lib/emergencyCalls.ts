/**
 * The emergency calls the emergency rules examine: every emergency dial string of every country where agents
 * work, resolved with the routing core (`resolveCall`), for each resource account that would place it on
 * Teams. Nothing here re-implements routing; it only chooses which calls to ask the core about.
 */
import type { EmergencyCallRoutingPolicy, ResourceAccount, VoiceChannelSpec } from "../../src/config/schema";
import { emergencyDialStrings, resolveAcsCall, resolveTeamsCall, type CallResolution } from "../../src/routing";

/** One emergency call and where the routing core sends it. */
export interface EmergencyCall {
  /** ISO country of the agent. */
  readonly country: string;
  /** Emergency dial string, e.g. `911`, `933`, `112`. */
  readonly dial: string;
  /** How the agent's client places it: ACS (Calling SDK, ACS direct routing / direct offer) or Teams. */
  readonly via: "acs" | "teams";
  /** Teams resource account that places it (Teams outbound approaches only). */
  readonly account?: ResourceAccount;
  /** The core's answer; absent when it refused the call (see `error`). */
  readonly resolution?: CallResolution;
  /** Why the core could not resolve the call, e.g. an unsupported country. */
  readonly error?: string;
}

/**
 * Countries where agents work: `emergency.countries` in spec order, then the countries of sites with agents
 * that are not listed there (sorted).
 */
export function agentCountries(spec: VoiceChannelSpec): string[] {
  const listed: string[] = [...spec.emergency.countries];
  const extra = new Set<string>();
  for (const site of spec.emergency.sites) {
    if (site.agents > 0 && !listed.includes(site.country)) extra.add(site.country);
  }
  return [...listed, ...[...extra].sort()];
}

/** Whether the approach places outbound calls through Teams resource accounts. */
export function isTeamsOutbound(spec: VoiceChannelSpec): boolean {
  return spec.approach.outbound === "teams-direct-routing" || spec.approach.outbound === "teams-calling-plan";
}

/**
 * Whether agents place calls through ACS (the Calling SDK, so ACS direct routing and direct offer decide
 * where their emergency calls go): the approach's outbound is ACS, or some agent is of kind `acs` (a Teams
 * outbound stack may still have ACS agents).
 */
export function agentsCallThroughAcs(spec: VoiceChannelSpec): boolean {
  return !isTeamsOutbound(spec) || spec.runtime.agents.some((a) => a.kind === "acs");
}

/** The emergency call routing policy of a resource account, when it names a declared one. */
export function routingPolicyOf(spec: VoiceChannelSpec, account: ResourceAccount): EmergencyCallRoutingPolicy | undefined {
  const name = account.emergencyCallRoutingPolicy;
  return name === undefined ? undefined : spec.teams?.emergencyCallRoutingPolicies.find((p) => p.name === name);
}

/** Whether an emergency call routing policy lists a dial string (as the dial string or a dial mask). */
export function policyCovers(policy: EmergencyCallRoutingPolicy | undefined, dial: string): boolean {
  return policy?.emergencyNumbers.some((e) => e.emergencyDialString === dial || e.emergencyDialMask.includes(dial)) ?? false;
}

/**
 * The resource accounts whose calls an agent in `country` dialing `dial` would use: every account with that
 * usage location; else every account whose emergency call routing policy lists the number; else the first
 * account (the same choice `ccvoice preview` makes for its routing summary).
 */
export function accountsFor(spec: VoiceChannelSpec, country: string, dial: string): ResourceAccount[] {
  const accounts = spec.teams?.resourceAccounts ?? [];
  const local = accounts.filter((a) => a.usageLocation === country);
  if (local.length > 0) return local;
  const covering = accounts.filter((a) => policyCovers(routingPolicyOf(spec, a), dial));
  if (covering.length > 0) return covering;
  return accounts.slice(0, 1);
}

function resolve(spec: VoiceChannelSpec, via: "acs" | "teams", country: string, dial: string, account?: ResourceAccount): EmergencyCall {
  const base = { country, dial, via, ...(account ? { account } : {}) };
  try {
    const call = { dial, country, ...(account ? { resourceAccount: account.upn } : {}) };
    const resolution = via === "acs" ? resolveAcsCall(spec, call) : resolveTeamsCall(spec, call);
    return { ...base, resolution };
  } catch (err) {
    return { ...base, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Every emergency call agents of the stack can place, resolved.
 *
 * When agents call through ACS ({@link agentsCallThroughAcs}): one call per country and dial string, with
 * the default caller id (the first outbound-capable Microsoft number, preferring the agent's country). Teams
 * outbound approaches: one call per account of {@link accountsFor}; a Teams stack with ACS agents gets both.
 *
 * @param spec a validated spec
 * @returns calls in country order, then dial-string order (`emergencyDialStrings`: national first, 933 last)
 */
export function emergencyCalls(spec: VoiceChannelSpec): EmergencyCall[] {
  const calls: EmergencyCall[] = [];
  for (const country of agentCountries(spec)) {
    let dials: string[];
    try {
      dials = emergencyDialStrings(country);
    } catch (err) {
      calls.push({ country, dial: "?", via: isTeamsOutbound(spec) ? "teams" : "acs", error: err instanceof Error ? err.message : String(err) });
      continue;
    }
    for (const dial of dials) {
      if (agentsCallThroughAcs(spec)) calls.push(resolve(spec, "acs", country, dial));
      if (!isTeamsOutbound(spec)) continue;
      const accounts = accountsFor(spec, country, dial);
      if (accounts.length === 0) calls.push(resolve(spec, "teams", country, dial));
      for (const account of accounts) calls.push(resolve(spec, "teams", country, dial, account));
    }
  }
  return calls;
}

/**
 * `911 dialed by agents in US`, `112 dialed by agents in GB (resource account cc-eu@contoso.com)`, or on a
 * Teams-outbound stack with ACS agents `911 dialed by ACS agents in US`, for messages.
 */
export function describeCall(call: EmergencyCall, spec?: VoiceChannelSpec): string {
  const who = call.via === "acs" && spec !== undefined && isTeamsOutbound(spec) ? "ACS agents" : "agents";
  return `${call.dial} dialed by ${who} in ${call.country}${call.account ? ` (resource account ${call.account.upn})` : ""}`;
}
