/**
 * `ccvoice-emergency-notification`: someone is told when an agent dials an emergency number (Kari's Law:
 * a notification to a central point for multi-line systems), in every country where agents work.
 *
 * Spec: `emergency.notificationContacts` covers every agent country (a contact without `countries` covers
 * all). Resources: the ACS resource links an email domain, without which the runtime cannot send the
 * notification email (skipped when `linkedDomains` is not known yet).
 */
import type { VoiceChannelSpec } from "../../src/config/schema";
import { agentCountries } from "../lib/emergencyCalls";
import { TYPES, UNKNOWN, joinAnd, valueAt } from "../lib/resources";
import type { CcvoiceRule, CheckedResource, Finding } from "../lib/types";

const PATH = "ccvoice:emergency.notificationContacts";

/**
 * Agent countries with no notification contact.
 *
 * @param spec a validated spec
 */
export function findMissingNotificationContacts(spec: VoiceChannelSpec): Finding[] {
  const contacts = spec.emergency.notificationContacts;
  if (contacts.length === 0) {
    return [
      {
        resource: PATH,
        message:
          "No notification contact is declared, so nobody is told when an agent dials an emergency number (Kari's Law central notification). Add an entry such as { email: security@contoso.com } to ccvoice:emergency.notificationContacts.",
      },
    ];
  }
  const covered = new Set(contacts.flatMap((c) => c.countries ?? []));
  const findings: Finding[] = [];
  for (const country of agentCountries(spec)) {
    if (contacts.some((c) => c.countries === undefined || c.countries.includes(country))) continue;
    findings.push({
      resource: PATH,
      message: `No notification contact covers ${country}, where agents work (the contacts cover ${covered.size ? joinAnd([...covered]) : "no country"}), so nobody is told when an agent there dials an emergency number. Add a contact whose countries include ${country}, or one without countries.`,
    });
  }
  return findings;
}

function checkEmailDomain(resource: CheckedResource): Finding[] {
  if (resource.type !== TYPES.communicationService) return [];
  const linked = valueAt(resource.inputs, "linkedDomains");
  if (linked === UNKNOWN || (Array.isArray(linked) && linked.length > 0)) return [];
  return [
    {
      resource: resource.name,
      message: `ACS resource ${resource.name} links no email domain (linkedDomains is ${JSON.stringify(linked ?? null)}), so the emergency notification email cannot be sent. Link the email service's domain in linkedDomains.`,
    },
  ];
}

export const emergencyNotification: CcvoiceRule = {
  name: "ccvoice-emergency-notification",
  description:
    "Every country where agents work has an emergency notification contact, and the ACS resource links an email domain to send the notification from.",
  enforcementLevel: "mandatory",
  inputs: "spec",
  check: ({ spec }) => (spec ? findMissingNotificationContacts(spec) : []),
  checkResource: checkEmailDomain,
};
