/**
 * `ccvoice-emergency-dispatchable-location`: an emergency call from any agent carries a dispatchable
 * location (RAY BAUM'S Act §506: a validated street address plus floor, suite or room).
 *
 * - every country whose agents may place emergency calls has a site;
 * - a site with agents (its `agents` count, or agents naming it) has its civic address in its own country,
 *   and that country is one of `emergency.countries` (agent emergency calls are supported in US, GB, DK, CA, PR);
 * - every agent names a declared site.
 */
import { AGENT_EMERGENCY_COUNTRIES, type VoiceChannelSpec } from "../../src/config/schema";
import { joinAnd } from "../lib/resources";
import type { CcvoiceRule, Finding } from "../lib/types";

/**
 * Sites, agents and countries without a dispatchable location.
 *
 * @param spec a validated spec
 */
export function findMissingLocations(spec: VoiceChannelSpec): Finding[] {
  const findings: Finding[] = [];
  const { sites, countries } = spec.emergency;
  const agents = spec.runtime.agents;
  const siteNames = sites.map((s) => s.name);
  const known = siteNames.length ? joinAnd(siteNames) : "none declared";

  for (const country of countries) {
    if (sites.some((s) => s.country === country)) continue;
    findings.push({
      resource: "ccvoice:emergency.sites",
      message: `No site is declared in ${country}, one of ccvoice:emergency.countries, so emergency calls from agents there carry no dispatchable location. Add a site with its civic address in ${country} to ccvoice:emergency.sites.`,
    });
  }

  sites.forEach((site, i) => {
    const staffed = site.agents > 0 || agents.some((a) => a.site === site.name);
    if (!staffed) return;
    if (site.address.countryOrRegion !== site.country) {
      findings.push({
        resource: `ccvoice:emergency.sites[${i}].address.countryOrRegion`,
        message: `Site "${site.name}" is in ${site.country} but its address says countryOrRegion ${site.address.countryOrRegion}, so a PSAP would get a location in the wrong country. Correct the address or the site's country.`,
      });
    }
    if (!(countries as readonly string[]).includes(site.country)) {
      findings.push({
        resource: `ccvoice:emergency.sites[${i}].country`,
        message: `Site "${site.name}" has agents in ${site.country}, which is not in ccvoice:emergency.countries (${countries.join(", ")}), so their emergency calls get no callback number, notification or location handling. Add ${site.country} to ccvoice:emergency.countries (supported: ${AGENT_EMERGENCY_COUNTRIES.join(", ")}) or move the agents to a supported site.`,
      });
    }
  });

  agents.forEach((agent, i) => {
    if (agent.site === undefined) {
      findings.push({
        resource: `ccvoice:runtime.agents[${i}]`,
        message: `Agent "${agent.id}" has no site, so its emergency calls carry no dispatchable location. Set site to one of ccvoice:emergency.sites (${known}).`,
      });
    } else if (!siteNames.includes(agent.site)) {
      findings.push({
        resource: `ccvoice:runtime.agents[${i}].site`,
        message: `Agent "${agent.id}" names site "${agent.site}", which is not declared in ccvoice:emergency.sites (${known}), so its emergency calls carry no dispatchable location. Declare the site with its civic address, or fix the name.`,
      });
    }
  });
  return findings;
}

export const emergencyDispatchableLocation: CcvoiceRule = {
  name: "ccvoice-emergency-dispatchable-location",
  description:
    "Every country where agents may place emergency calls has a site, every site with agents has a civic address in its own supported country, and every agent belongs to a declared site.",
  enforcementLevel: "mandatory",
  inputs: "spec",
  check: ({ spec }) => (spec ? findMissingLocations(spec) : []),
};
