/**
 * Where Microsoft sells numbers and runs the emergency service, as far as `ccvoice advise` knows offline.
 * A small documented table, each entry with its source; anything from general knowledge is marked so.
 * The admin's own answer (`microsoftNumbers: { DK: not-sold }`) always wins over the table.
 *
 * To confirm a country on a live resource: `PhoneNumbersClient.listAvailableCountries()` (ACS numbers,
 * azure-voice-api-facts §2.5) or the Teams admin center's calling plan list.
 */
import { DIRECT_OFFER_EMERGENCY } from "../routing";
import { AGENT_EMERGENCY_COUNTRIES } from "../config/schema";
import type { AdviceAnswers } from "./answers";

/** Whether Microsoft numbers are sold in a country: as answered, as the table says, or not known. */
export type Availability = "sold" | "not-sold" | "unknown";

/**
 * Countries where ACS sells Microsoft numbers (direct offer), per the fact sheet: emergency calling with
 * Microsoft numbers is supported in US, PR, CA and GB, which needs a Microsoft number with outbound calling
 * bought there. Other countries are "unknown" here, not "not sold": ask the admin.
 *
 * This is about numbers being sold, not about the emergency service: Microsoft's emergency service also
 * takes 112 from DK (and 000 from AU) per the current Microsoft Learn page (see `DIRECT_OFFER_EMERGENCY`),
 * which does not say that ACS sells numbers there, so DK and AU stay "unknown" here.
 *
 * @see azure-voice-api-facts.md §5.1 (emergency-calling-concept.md)
 */
export const ACS_NUMBER_COUNTRIES: Readonly<Record<string, string>> = {
  US: "azure-voice-api-facts §5.1",
  PR: "azure-voice-api-facts §5.1",
  CA: "azure-voice-api-facts §5.1",
  GB: "azure-voice-api-facts §5.1",
};

/**
 * Countries with Teams Calling Plans. (knowledge) — from general knowledge of Microsoft's calling plan
 * availability list, not re-checked against a stored source; treat as UNCERTAIN and confirm in the Teams
 * admin center.
 */
export const TEAMS_CALLING_PLAN_COUNTRIES: readonly string[] = [
  "US", "CA", "PR", "GB", "IE", "FR", "DE", "NL", "BE", "AT", "CH", "ES", "IT", "DK", "SE", "NO", "FI", "AU", "NZ", "JP",
];

/** Source text of the Teams calling plan table. */
export const TEAMS_CALLING_PLAN_SOURCE = "general knowledge (UNCERTAIN), not a stored source";

/** What `advise` knows about one country. */
export interface CountryCoverage {
  readonly country: string;
  /** Microsoft numbers sold for the platform considered (ACS or Teams). */
  readonly microsoftNumbers: Availability;
  /** Where that came from: `your answer`, a fact sheet section, or `general knowledge (UNCERTAIN)`. */
  readonly source: string;
  /** Microsoft's emergency service takes calls from ACS Microsoft numbers there (US, PR, CA, DK, GB, AU). */
  readonly microsoftEmergency: boolean;
  /** Agent emergency calls (DND, 60-minute callback, notification) are supported there by the seeds. */
  readonly agentEmergencySupported: boolean;
}

/**
 * What is known about each country for one platform, the admin's answer first.
 *
 * @param countries ISO codes in the order to report
 * @param answers the validated answers (for `microsoftNumbers` overrides)
 * @param platform `acs` (numbers bought on the ACS resource) or `teams` (Teams Calling Plans)
 */
export function countryCoverage(countries: readonly string[], answers: AdviceAnswers, platform: "acs" | "teams"): CountryCoverage[] {
  return countries.map((country) => {
    const answered = answers.microsoftNumbers[country];
    let microsoftNumbers: Availability;
    let source: string;
    if (answered) {
      microsoftNumbers = answered;
      source = "your answer";
    } else if (platform === "acs") {
      const fact = ACS_NUMBER_COUNTRIES[country];
      microsoftNumbers = fact ? "sold" : "unknown";
      source = fact ?? "not in the table: confirm with PhoneNumbersClient.listAvailableCountries()";
    } else {
      microsoftNumbers = TEAMS_CALLING_PLAN_COUNTRIES.includes(country) ? "sold" : "unknown";
      source = microsoftNumbers === "sold" ? TEAMS_CALLING_PLAN_SOURCE : "not in the table: confirm in the Teams admin center";
    }
    return {
      country,
      microsoftNumbers,
      source,
      microsoftEmergency: DIRECT_OFFER_EMERGENCY[country] !== undefined,
      agentEmergencySupported: (AGENT_EMERGENCY_COUNTRIES as readonly string[]).includes(country),
    };
  });
}
