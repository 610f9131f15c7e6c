/**
 * `ccvoice-sip-route-trunks-declared`: routes name only declared, enabled trunks. ACS refuses a route naming
 * an unknown trunk, and a route whose trunks are disabled is silently skipped (the call falls through to
 * the next matching route or to direct offer). The same holds for Teams voice routes and their gateways.
 */
import type { VoiceChannelSpec } from "../../src/config/schema";
import type { CcvoiceRule, Finding } from "../lib/types";

interface Target {
  readonly fqdn: string;
  readonly enabled: boolean;
}

function check(
  routes: readonly { name: string; targets: readonly string[] }[],
  declared: readonly Target[],
  words: { route: string; target: string; list: string; routesPath: string; targetsKey: string },
): Finding[] {
  const findings: Finding[] = [];
  routes.forEach((route, r) => {
    route.targets.forEach((fqdn, t) => {
      const target = declared.find((d) => d.fqdn === fqdn);
      const resource = `${words.routesPath}[${r}].${words.targetsKey}[${t}]`;
      if (!target) {
        findings.push({
          resource,
          message: `${words.route} "${route.name}" names ${words.target} ${JSON.stringify(fqdn)}, which is not declared in ${words.list}. Declare the ${words.target} or remove it from the ${words.route.toLowerCase()}.`,
        });
      } else if (!target.enabled) {
        findings.push({
          resource,
          message: `${words.route} "${route.name}" names ${words.target} ${JSON.stringify(fqdn)}, which is disabled (enabled: false), so the ${words.route.toLowerCase()} silently skips it. Enable the ${words.target}, or remove it from the ${words.route.toLowerCase()} while it is out of service.`,
        });
      }
    });
  });
  return findings;
}

/**
 * Route targets that are undeclared or disabled.
 *
 * @param spec a validated spec (or a leniently parsed one, which may name undeclared trunks)
 */
export function findUndeclaredTrunks(spec: VoiceChannelSpec): Finding[] {
  const dr = spec.directRouting;
  const teams = spec.teams?.directRouting;
  return [
    ...(dr
      ? check(
          dr.routes.map((r) => ({ name: r.name, targets: r.trunks })),
          dr.trunks,
          { route: "Route", target: "trunk", list: "ccvoice:directRouting.trunks", routesPath: "ccvoice:directRouting.routes", targetsKey: "trunks" },
        )
      : []),
    ...(teams
      ? check(
          teams.voiceRoutes.map((r) => ({ name: r.name, targets: r.gateways })),
          teams.gateways,
          {
            route: "Voice route",
            target: "gateway",
            list: "ccvoice:teams.directRouting.gateways",
            routesPath: "ccvoice:teams.directRouting.voiceRoutes",
            targetsKey: "gateways",
          },
        )
      : []),
  ];
}

export const sipRouteTrunksDeclared: CcvoiceRule = {
  name: "ccvoice-sip-route-trunks-declared",
  description: "Every route names only declared and enabled trunks, and every Teams voice route only declared and enabled gateways.",
  enforcementLevel: "mandatory",
  inputs: "spec",
  check: ({ spec }) => (spec ? findUndeclaredTrunks(spec) : []),
};
