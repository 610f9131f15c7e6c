/**
 * `ccvoice-sip-trunk-domain`: each trunk FQDN lies directly under a declared direct-routing domain, and no
 * declared domain is under `onmicrosoft.com` or `azure.com`, which ACS refuses.
 *
 * "Directly": only the domain part of the SBC FQDN is verified, and a subdomain must itself be added and
 * verified, so `sbc1.eu.contoso.com` needs `eu.contoso.com` declared, not only `contoso.com`.
 *
 * @see azure-voice-api-facts.md §1.5 (domain-validation.md)
 */
import type { VoiceChannelSpec } from "../../src/config/schema";
import type { CcvoiceRule, Finding } from "../lib/types";

/** Domains ACS refuses for direct routing, with every subdomain. */
export const REFUSED_DOMAINS = ["onmicrosoft.com", "azure.com"] as const;

const refused = (domain: string) => REFUSED_DOMAINS.find((d) => domain === d || domain.endsWith(`.${d}`));

/**
 * Trunks outside the declared domains, and refused domains.
 *
 * @param spec a validated spec
 */
export function findTrunkDomainProblems(spec: VoiceChannelSpec): Finding[] {
  const dr = spec.directRouting;
  if (!dr) return [];
  const findings: Finding[] = [];
  dr.domains.forEach((domain, i) => {
    const bad = refused(domain);
    if (!bad) return;
    findings.push({
      resource: `ccvoice:directRouting.domains[${i}]`,
      message: `Domain ${JSON.stringify(domain)} is under ${bad}, which ACS refuses for direct routing. Declare and verify a domain you own, such as contoso.com.`,
    });
  });
  const declared = dr.domains.filter((d) => !refused(d));
  dr.trunks.forEach((trunk, i) => {
    const resource = `ccvoice:directRouting.trunks[${i}].fqdn`;
    const parent = trunk.fqdn.slice(trunk.fqdn.indexOf(".") + 1);
    const bad = refused(parent);
    if (bad) {
      findings.push({
        resource,
        message: `Trunk ${JSON.stringify(trunk.fqdn)} is under ${bad}, which ACS refuses for direct routing. Give the SBC an FQDN under a domain you own and verify that domain.`,
      });
      return;
    }
    if (declared.includes(parent)) return;
    const ancestor = declared.find((d) => parent.endsWith(`.${d}`));
    const list = dr.domains.length ? dr.domains.join(", ") : "none";
    findings.push({
      resource,
      message: ancestor
        ? `Trunk ${JSON.stringify(trunk.fqdn)} lies under ${parent}, which is not declared; ${ancestor} is, but a subdomain must itself be added and verified. Add ${parent} to ccvoice:directRouting.domains and verify it in the Azure portal.`
        : `Trunk ${JSON.stringify(trunk.fqdn)} lies under ${parent}, which is not in ccvoice:directRouting.domains (${list}). Add and verify ${parent}, or give the SBC an FQDN under a declared domain.`,
    });
  });
  return findings;
}

export const sipTrunkDomain: CcvoiceRule = {
  name: "ccvoice-sip-trunk-domain",
  description:
    "Every trunk FQDN lies directly under a declared direct-routing domain, and no declared domain is under onmicrosoft.com or azure.com.",
  enforcementLevel: "mandatory",
  inputs: "spec",
  check: ({ spec }) => (spec ? findTrunkDomainProblems(spec) : []),
};
