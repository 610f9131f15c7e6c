/**
 * `ccvoice-sip-route-unreachable` (advisory): a route that the routes evaluated before it fully shadow is
 * dead configuration, and usually a mistake in the order. ACS: routes in list order, counting only routes
 * with an enabled trunk (the service skips the others). Teams: each PSTN usage's voice routes by priority.
 * The analysis is the routing core's `findShadowedRoutes` (identical pattern, catch-all, or 96 samples).
 */
import type { VoiceChannelSpec } from "../../src/config/schema";
import { findShadowedRoutes, teamsRoutesForUsage, type PatternRoute } from "../../src/routing";
import type { CcvoiceRule, Finding } from "../lib/types";

const capitalize = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

function fix(shadowedBy: readonly string[]): string {
  const names = shadowedBy.map((n) => `"${n}"`).join(", ");
  return `Move it before ${names}, narrow the earlier pattern, or remove it.`;
}

/**
 * Routes no call can reach.
 *
 * @param spec a validated spec
 */
export function findUnreachableRoutes(spec: VoiceChannelSpec): Finding[] {
  const findings: Finding[] = [];
  const dr = spec.directRouting;
  if (dr) {
    const enabled = new Set(dr.trunks.filter((t) => t.enabled).map((t) => t.fqdn));
    const usable = dr.routes
      .map((route, index) => ({ route, index }))
      .filter(({ route }) => route.trunks.some((t) => enabled.has(t)));
    for (const s of findShadowedRoutes(usable.map((u) => u.route))) {
      const index = usable[s.index]?.index ?? s.index;
      findings.push({
        resource: `ccvoice:directRouting.routes[${index}]`,
        message: `${capitalize(s.reason)}. ${fix(s.shadowedBy)}`,
      });
    }
  }
  const teams = spec.teams?.directRouting;
  if (teams) {
    for (const usage of teams.pstnUsages) {
      const ordered: PatternRoute[] = teamsRoutesForUsage(teams.voiceRoutes, usage);
      for (const s of findShadowedRoutes(ordered)) {
        const index = teams.voiceRoutes.findIndex((v) => v.name === s.route);
        findings.push({
          resource: `ccvoice:teams.directRouting.voiceRoutes[${index}]`,
          message: `In PSTN usage ${usage}, voice ${s.reason}. ${fix(s.shadowedBy)}`,
        });
      }
    }
  }
  return findings;
}

export const sipRouteUnreachable: CcvoiceRule = {
  name: "ccvoice-sip-route-unreachable",
  description: "No route is fully shadowed by the routes evaluated before it.",
  enforcementLevel: "advisory",
  inputs: "spec",
  check: ({ spec }) => (spec ? findUnreachableRoutes(spec) : []),
};
