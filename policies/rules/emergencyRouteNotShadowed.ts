/**
 * `ccvoice-emergency-route-not-shadowed`: no route takes an emergency number to a trunk that cannot carry it.
 *
 * ACS direct routing (routes in list order, first match wins, failover to the next matching route on SIP
 * 408/503/504), for every emergency dial string agents can dial:
 * 1. every matching route with an enabled trunk not marked `emergencyCapable` (the hybrid trap, DESIGN.md §5):
 *    as the first match it captures the call; later, it carries the call when the earlier route's SBCs fail;
 * 2. a matching route whose emergency-capable trunk does not serve the agent's country: the trunk lists
 *    `emergencyCountries` without that country, or lists none while Microsoft's emergency service would
 *    otherwise take the call through the stack's Microsoft numbers (an SBC declared for DK catching the 112 of
 *    UK agents). Mandatory: a call delivered to another country's PSAP is as lost as an unrouted one; the
 *    trunk's `emergencyCountries` is how an administrator states that its carrier serves the country.
 * Teams: every voice route that an emergency call of a resource account reaches with a gateway not marked
 * `emergencyCapable`, first or on failover (the later matching voice routes of the same PSTN usage, by priority).
 */
import type { Route, VoiceChannelSpec } from "../../src/config/schema";
import { directOfferTakesEmergency, emergencyDialStrings, resolveCallerId, routesMatching } from "../../src/routing";
import { agentCountries, agentsCallThroughAcs, emergencyCalls, isTeamsOutbound } from "../lib/emergencyCalls";
import { joinAnd } from "../lib/resources";
import type { CcvoiceRule, Finding } from "../lib/types";

/** Countries dialing each emergency dial string, in first-seen order. */
function dialCountries(spec: VoiceChannelSpec): Map<string, string[]> {
  const byDial = new Map<string, string[]>();
  for (const country of agentCountries(spec)) {
    let dials: string[] = [];
    try {
      dials = emergencyDialStrings(country);
    } catch {
      continue; // reported by ccvoice-emergency-route-reachable
    }
    for (const dial of dials) byDial.set(dial, [...(byDial.get(dial) ?? []), country]);
  }
  return byDial;
}

interface Capture {
  readonly index: number;
  readonly route: Route;
  /** Name of the route that takes the call first, when this route only gets it on failover. */
  readonly after?: string;
  readonly dials: string[];
  readonly trunks: string[];
}

function sendsTo(dials: readonly string[], trunks: readonly string[]): string {
  const it = dials.length === 1 ? "it" : "them";
  const mark = trunks.length === 1 ? "which is not marked emergencyCapable" : "which are not marked emergencyCapable";
  return `${it} to ${joinAnd(trunks)}, ${mark}`;
}

function acsFindings(spec: VoiceChannelSpec): Finding[] {
  const dr = spec.directRouting;
  if (!dr || dr.routes.length === 0) return [];
  const trunk = (fqdn: string) => dr.trunks.find((t) => t.fqdn === fqdn);
  const captures = new Map<string, Capture>();
  const wrongCountry = new Map<string, { index: number; route: Route; trunk: string; country: string; dials: string[]; declared?: string[] }>();
  const microsoftTakes = (dial: string, country: string) =>
    directOfferTakesEmergency(dial, country) && resolveCallerId(spec, undefined, country).microsoftOutbound;

  for (const [dial, countries] of dialCountries(spec)) {
    let first: string | undefined;
    for (const { route, index } of routesMatching(dial, dr.routes)) {
      const enabled = route.trunks.filter((fqdn) => trunk(fqdn)?.enabled === true);
      if (enabled.length === 0) continue; // the service skips it
      const after = first;
      first ??= route.name;
      const notCapable = enabled.filter((fqdn) => trunk(fqdn)?.emergencyCapable !== true);
      if (notCapable.length > 0) {
        const key = `${index}|${after ?? ""}|${notCapable.join(",")}`;
        const seen = captures.get(key);
        if (seen) seen.dials.push(dial);
        else captures.set(key, { index, route, ...(after !== undefined ? { after } : {}), dials: [dial], trunks: notCapable });
      }
      for (const fqdn of enabled.filter((f) => trunk(f)?.emergencyCapable === true)) {
        const declared = trunk(fqdn)?.emergencyCountries;
        for (const country of countries) {
          const wrong = declared ? !declared.includes(country) : microsoftTakes(dial, country);
          if (!wrong) continue;
          const key = `${index}|${fqdn}|${country}`;
          const seen = wrongCountry.get(key);
          if (seen) seen.dials.push(dial);
          else wrongCountry.set(key, { index, route, trunk: fqdn, country, dials: [dial], ...(declared ? { declared } : {}) });
        }
      }
    }
  }

  const findings: Finding[] = [];
  for (const c of captures.values()) {
    const head = `Route "${c.route.name}" (${c.route.numberPattern})`;
    const dials = c.dials.join("/");
    findings.push({
      resource: `ccvoice:directRouting.routes[${c.index}]`,
      message:
        c.after === undefined
          ? `${head} matches ${joinAnd(c.dials)} and sends ${sendsTo(c.dials, c.trunks)}. Add an emergency route before it, or exclude ${dials} from its pattern.`
          : `${head} matches ${joinAnd(c.dials)} after route "${c.after}" and would send ${sendsTo(c.dials, c.trunks)}, when the trunks of "${c.after}" do not answer (failover on SIP 408, 503 or 504). Exclude ${dials} from its pattern.`,
    });
  }
  for (const w of wrongCountry.values()) {
    const head = `Route "${w.route.name}" (${w.route.numberPattern}) sends ${joinAnd(w.dials)} dialed by agents in ${w.country} to ${w.trunk}`;
    findings.push({
      resource: `ccvoice:directRouting.routes[${w.index}]`,
      message: w.declared
        ? `${head}, whose emergencyCountries are ${w.declared.join(", ")}, so the call may reach the wrong country's emergency service. Add ${w.country} to its emergencyCountries if its carrier delivers ${w.country} emergency calls to ${w.country} PSAPs, or route ${w.dials.join("/")} to a trunk that does.`
        : `${head}, which does not declare ${w.country} in emergencyCountries, although Microsoft's emergency service would otherwise take ${w.dials.length === 1 ? "this call" : "these calls"} through the stack's Microsoft numbers. Declare emergencyCountries including ${w.country} on ${w.trunk} if its carrier delivers ${w.country} emergency calls to ${w.country} PSAPs, or exclude ${w.dials.join("/")} from the pattern.`,
    });
  }
  return findings;
}

function teamsFindings(spec: VoiceChannelSpec): Finding[] {
  const teams = spec.teams;
  if (!teams || !isTeamsOutbound(spec)) return [];
  // key: voice route name, plus the route it backs up when it only gets the call on failover
  const byRoute = new Map<string, { name: string; after?: string; dials: string[]; gateways: string[] }>();
  const notCapable = (fqdns: readonly string[]) =>
    fqdns.filter((fqdn) => teams.directRouting.gateways.find((g) => g.fqdn === fqdn)?.emergencyCapable !== true);
  const add = (name: string, after: string | undefined, dial: string, gateways: string[]) => {
    const key = `${name}|${after ?? ""}`;
    const seen = byRoute.get(key);
    if (seen) {
      if (!seen.dials.includes(dial)) seen.dials.push(dial);
    } else byRoute.set(key, { name, ...(after !== undefined ? { after } : {}), dials: [dial], gateways });
  };
  for (const call of emergencyCalls(spec)) {
    const r = call.resolution;
    if (call.via !== "teams" || r?.path !== "teams-direct-routing" || r.route === undefined) continue;
    const first = notCapable(r.trunks);
    if (first.length > 0) add(r.route, undefined, call.dial, first);
    for (const next of r.failover ?? []) {
      const gateways = notCapable(next.trunks);
      if (gateways.length > 0) add(next.route, r.route, call.dial, gateways);
    }
  }
  return [...byRoute.values()].map((hit) => {
    const index = teams.directRouting.voiceRoutes.findIndex((v) => v.name === hit.name);
    const route = teams.directRouting.voiceRoutes[index];
    const dials = hit.dials.join("/");
    const head = `Voice route "${hit.name}" (${route?.numberPattern}) matches ${joinAnd(hit.dials)}`;
    return {
      resource: `ccvoice:teams.directRouting.voiceRoutes[${index}]`,
      message:
        hit.after === undefined
          ? `${head} and sends ${sendsTo(hit.dials, hit.gateways)}. Route ${dials} through an emergency call routing policy to an emergency-capable gateway, or exclude ${dials} from its pattern.`
          : `${head} after voice route "${hit.after}" and would send ${sendsTo(hit.dials, hit.gateways)}, when the gateways of "${hit.after}" do not answer (Teams then tries the next matching voice route of the PSTN usage). Exclude ${dials} from its pattern.`,
    };
  });
}

/**
 * Routes that take emergency numbers to trunks (or gateways) that cannot carry them.
 *
 * @param spec a validated spec
 */
export function findShadowedEmergencyRoutes(spec: VoiceChannelSpec): Finding[] {
  return [...(agentsCallThroughAcs(spec) ? acsFindings(spec) : []), ...teamsFindings(spec)];
}

export const emergencyRouteNotShadowed: CcvoiceRule = {
  name: "ccvoice-emergency-route-not-shadowed",
  description:
    "No route takes an emergency number, first or on failover, to a trunk that is not marked emergencyCapable or whose carrier is not declared to serve the caller's country.",
  enforcementLevel: "mandatory",
  inputs: "spec",
  check: ({ spec }) => (spec ? findShadowedEmergencyRoutes(spec) : []),
};
