/**
 * `ccvoice-approach-consistent`: what the stack declares matches its inbound and outbound approaches.
 *
 * - approaches without `acs-direct-routing` declare no ACS trunk, and without `teams-direct-routing` no Teams
 *   gateway (calling-plan and direct-offer stacks have no SBC), and Teams resource accounts carry no
 *   DirectRouting number;
 * - `acs-direct-routing` declares an enabled trunk, plus a route when it is the outbound approach;
 * - `teams-direct-routing` declares a gateway, plus a voice route and a voice routing policy when outbound;
 * - Teams approaches declare at least one resource account;
 * - `acs-direct-offer` declares Microsoft numbers (an order or an adopted number).
 */
import type { VoiceChannelSpec } from "../../src/config/schema";
import type { CcvoiceRule, Finding } from "../lib/types";

/**
 * Declarations the approaches do not use, and what they need but lack.
 *
 * @param spec a validated spec
 */
export function findApproachMismatches(spec: VoiceChannelSpec): Finding[] {
  const { inbound, outbound } = spec.approach;
  const used = new Set([inbound, outbound]);
  const approach = `approach ${inbound} inbound / ${outbound} outbound`;
  const findings: Finding[] = [];
  const add = (resource: string, message: string) => findings.push({ resource, message });
  const dr = spec.directRouting;
  const teams = spec.teams;

  if (!used.has("acs-direct-routing") && dr && dr.trunks.length > 0) {
    add(
      "ccvoice:directRouting.trunks",
      `The ${approach} uses no ACS direct routing, yet ccvoice:directRouting declares ${dr.trunks.length} trunk(s) (${dr.trunks.map((t) => t.fqdn).join(", ")}), so calls could leave through SBCs the approach does not plan for. Remove ccvoice:directRouting, or set approach.inbound or approach.outbound to acs-direct-routing.`,
    );
  }
  if (!used.has("teams-direct-routing") && teams) {
    const gateways = teams.directRouting.gateways;
    if (gateways.length > 0) {
      add(
        "ccvoice:teams.directRouting.gateways",
        `The ${approach} uses no Teams direct routing, yet ccvoice:teams.directRouting declares ${gateways.length} gateway(s) (${gateways.map((g) => g.fqdn).join(", ")}). Remove them, or use teams-direct-routing.`,
      );
    }
    teams.resourceAccounts.forEach((account, i) => {
      if (account.phoneNumberType !== "DirectRouting") return;
      add(
        `ccvoice:teams.resourceAccounts[${i}].phoneNumberType`,
        `Resource account ${account.upn} has a DirectRouting number, but the ${approach} uses no Teams direct routing. Give it a CallingPlan or OperatorConnect number, or use teams-direct-routing.`,
      );
    });
  }
  if (used.has("acs-direct-routing")) {
    if (!dr || !dr.trunks.some((t) => t.enabled)) {
      add("ccvoice:directRouting.trunks", `The ${approach} uses ACS direct routing but declares no enabled trunk. Add the SBC to ccvoice:directRouting.trunks.`);
    }
    if (outbound === "acs-direct-routing" && (!dr || dr.routes.length === 0)) {
      add("ccvoice:directRouting.routes", `The ${approach} sends outbound calls by ACS direct routing but declares no route, so every call either falls back to direct offer or fails. Add routes to ccvoice:directRouting.routes.`);
    }
  }
  if (used.has("teams-direct-routing")) {
    const tdr = teams?.directRouting;
    if (!tdr || tdr.gateways.length === 0) {
      add("ccvoice:teams.directRouting.gateways", `The ${approach} uses Teams direct routing but declares no gateway. Add the SBC to ccvoice:teams.directRouting.gateways.`);
    }
    if (outbound === "teams-direct-routing" && (!tdr || tdr.voiceRoutes.length === 0 || tdr.voiceRoutingPolicies.length === 0)) {
      add(
        "ccvoice:teams.directRouting",
        `The ${approach} sends outbound calls by Teams direct routing but declares ${!tdr || tdr.voiceRoutes.length === 0 ? "no voice route" : "no voice routing policy"}. Add voiceRoutes and voiceRoutingPolicies to ccvoice:teams.directRouting.`,
      );
    }
  }
  if ([...used].some((a) => a.startsWith("teams-")) && (teams?.resourceAccounts.length ?? 0) === 0) {
    add("ccvoice:teams.resourceAccounts", `The ${approach} reaches Teams Phone through resource accounts but declares none. Add one to ccvoice:teams.resourceAccounts.`);
  }
  if (used.has("acs-direct-offer") && spec.phoneNumbers.orders.length + spec.phoneNumbers.adopt.length === 0) {
    add("ccvoice:phoneNumbers", `The ${approach} uses Microsoft numbers (direct offer) but declares no number order and no adopted number. Add an entry to ccvoice:phoneNumbers.orders or ccvoice:phoneNumbers.adopt.`);
  }
  return findings;
}

export const approachConsistent: CcvoiceRule = {
  name: "ccvoice-approach-consistent",
  description:
    "The declared trunks, gateways, routes, numbers and resource accounts match the stack's inbound and outbound approaches.",
  enforcementLevel: "mandatory",
  inputs: "spec",
  check: ({ spec }) => (spec ? findApproachMismatches(spec) : []),
};
