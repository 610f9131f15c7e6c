/**
 * The decision behind `ccvoice advise`: which inbound and outbound approach (DESIGN.md §2) fits the
 * answers, why, the trade-offs, and why the other approaches were rejected. Pure: no I/O.
 *
 * Rules, in order (the first that applies decides; see {@link decideApproach}):
 * - Teams Phone in use → a Teams approach (reuse its voice configuration); otherwise an ACS approach.
 * - SIP context required → bring your own telephony (BYOT: direct routing).
 * - Microsoft numbers not sold (or not known to be sold) in every needed country → BYOT; in some → hybrid
 *   (ACS: Microsoft numbers where sold, direct routing for the rest; Teams: Teams direct routing).
 * - Carrier contracts or SBCs kept and call quality owned by the contact center → BYOT.
 * - Otherwise Microsoft numbers (ACS direct offer or Teams calling plan).
 * - ACS direct offer with agents who need emergency calls outside US, PR, CA, DK, GB → hybrid, because
 *   Microsoft's emergency service on ACS takes only those ({@link DIRECT_OFFER_EMERGENCY}; Microsoft Learn
 *   emergency-calling-concept, newer than azure-voice-api-facts §5.1, which leaves DK out). Every agent
 *   emergency country of the seeds is among them today, so this applies only if that list grows.
 */
import { AGENT_EMERGENCY_COUNTRIES, type AgentEmergencyCountry, type Approach } from "../config/schema";
import { DIRECT_OFFER_EMERGENCY, emergencyDialStrings } from "../routing";
import type { AdviceAnswers } from "./answers";
import { countryCoverage, type CountryCoverage } from "./microsoftCoverage";

/** The shape of the recommendation. */
export type AdviceProfile = "byot" | "direct-offer" | "hybrid" | "teams-calling-plan" | "teams-direct-routing";

/** The seed guidance `advise` cites (DESIGN.md §2). */
export const SEED_GUIDANCE = {
  sipContext:
    "SIP context (caller id, intent, auth tokens) survives bring-your-own-telephony (BYOT) calls, but can be stripped on calling plan calls that cross other carriers (DESIGN.md §2, seed guidance)",
  sla: "Microsoft's SLA starts where the call enters ACS or Teams, and ends if a BYOT call is transferred back to the SBC (DESIGN.md §2, seed guidance)",
  callingPlans:
    "calling plans (Microsoft numbers) bring simplified provisioning, billing, compliance and emergency services in supported countries (DESIGN.md §2, seed guidance)",
} as const;

const MICROSOFT_EMERGENCY_TEXT =
  "Microsoft's emergency service on ACS takes only US, PR, CA (911), DK (112), GB (999, 112) and AU (000) (Microsoft Learn, emergency-calling-concept)";

/** An approach not recommended, and why. */
export interface RejectedApproach {
  readonly approach: Approach;
  readonly why: string;
}

/** The recommendation. */
export interface Advice {
  readonly profile: AdviceProfile;
  readonly approach: { readonly inbound: Approach; readonly outbound: Approach };
  /** Why this approach, one sentence each, most important first. */
  readonly reasons: string[];
  /** The seed guidance, as it applies here. */
  readonly tradeOffs: string[];
  /** The other approaches, each with why it was not chosen. */
  readonly rejected: RejectedApproach[];
  /** Callers' and agents' countries (callers first), with what is known about Microsoft numbers there. */
  readonly countries: CountryCoverage[];
  /** Countries whose ordinary calls go through the SBCs (direct routing). */
  readonly sbcCountries: string[];
  /** Emergency countries whose emergency calls go through the SBCs (an emergency route each). */
  readonly sbcEmergencyCountries: AgentEmergencyCountry[];
  /** Emergency countries served by Microsoft's emergency service (ACS direct offer or the calling plan). */
  readonly microsoftEmergencyCountries: AgentEmergencyCountry[];
  /** Countries whose agents may place emergency calls in the stack (supported ones only). */
  readonly emergencyCountries: AgentEmergencyCountry[];
  /** Things to check or fix before go-live. */
  readonly warnings: string[];
}

type Rule = "sip-context" | "none-sold" | "some-sold" | "own-quality" | "microsoft";

const unique = (items: readonly string[]) => [...new Set(items)];
const list = (items: readonly string[]) => items.join(", ");

function pickRule(answers: AdviceAnswers, uncovered: string[], needed: string[], teams: boolean): Rule {
  const hasCarrier = answers.carrier.contracts || answers.carrier.sbcs !== "none";
  if (answers.sipContext === "required") return "sip-context";
  if (uncovered.length === needed.length) return "none-sold";
  if (uncovered.length > 0) return "some-sold";
  const teamsDr = teams && answers.teamsPhone === "direct-routing";
  if (answers.callQuality === "own" && (hasCarrier || teamsDr)) return "own-quality";
  return "microsoft";
}

function ruleReason(rule: Rule, answers: AdviceAnswers, sold: string[], uncovered: string[], teams: boolean): string {
  const numbers = teams ? "Teams Calling Plans" : "Microsoft numbers";
  switch (rule) {
    case "sip-context":
      return `you need SIP context across transfers and callbacks, and ${SEED_GUIDANCE.sipContext}`;
    case "none-sold":
      return `${numbers} are not sold (or not known to be sold) in ${list(uncovered)}, so calls there must come through your carrier and SBCs`;
    case "some-sold":
      return teams
        ? `Teams Calling Plans are sold in ${list(sold)} but not (or not known to be) in ${list(uncovered)}; Teams direct routing reaches every country through your carrier`
        : `Microsoft numbers are sold in ${list(sold)} but not (or not known to be) in ${list(uncovered)}: Microsoft numbers serve the first, direct routing routes the rest to your SBCs, and a call no route matches leaves through direct offer`;
    case "own-quality":
      return `you keep ${answers.carrier.contracts ? "carrier contracts" : "your SBCs"} and want to own call quality; BYOT reuses that investment, and ${SEED_GUIDANCE.sla}`;
    case "microsoft":
      return answers.callQuality === "microsoft"
        ? `${numbers} are sold in every country you need (${list(sold)}) and you want Microsoft to own call quality: ${SEED_GUIDANCE.callingPlans}`
        : `${numbers} are sold in every country you need (${list(sold)}) and there is no carrier contract or SBC to reuse: ${SEED_GUIDANCE.callingPlans}`;
  }
}

function acsProfile(rule: Rule): AdviceProfile {
  if (rule === "some-sold") return "hybrid";
  return rule === "microsoft" ? "direct-offer" : "byot";
}

const APPROACHES: Record<AdviceProfile, { inbound: Approach; outbound: Approach }> = {
  byot: { inbound: "acs-direct-routing", outbound: "acs-direct-routing" },
  "direct-offer": { inbound: "acs-direct-offer", outbound: "acs-direct-offer" },
  hybrid: { inbound: "acs-direct-offer", outbound: "acs-direct-routing" },
  "teams-calling-plan": { inbound: "teams-calling-plan", outbound: "teams-calling-plan" },
  "teams-direct-routing": { inbound: "teams-direct-routing", outbound: "teams-direct-routing" },
};

function rejectedWhy(approach: Approach, rule: Rule, answers: AdviceAnswers, uncovered: string[], teams: boolean): string {
  const hasCarrier = answers.carrier.contracts || answers.carrier.sbcs !== "none";
  if (teams && approach.startsWith("acs-")) {
    return `Teams Phone is already in use (${answers.teamsPhone}): the Teams approaches reuse its numbers, voice routing and emergency policies through resource accounts (Teams Phone extensibility), while ${approach} would run a second telephony estate beside it`;
  }
  if (!teams && approach.startsWith("teams-")) {
    return "Teams Phone is not in use: Teams Phone extensibility would add resource accounts, Teams licences and Teams PowerShell steps this contact center does not need";
  }
  const microsoftApproach = approach === "acs-direct-offer" || approach === "teams-calling-plan";
  if (microsoftApproach) {
    if (rule === "sip-context") return SEED_GUIDANCE.sipContext;
    if (rule === "none-sold" || rule === "some-sold") {
      return `${teams ? "Teams Calling Plans" : "Microsoft numbers"} are not sold (or not known to be sold) in ${list(uncovered)}`;
    }
    return `you keep ${answers.carrier.contracts ? "carrier contracts" : "SBCs"} and want to own call quality; Microsoft numbers would mean porting your numbers and ${SEED_GUIDANCE.sla}`;
  }
  const moving = teams && answers.teamsPhone === "direct-routing" ? "; moving from Teams direct routing to calling plans means porting your numbers to Microsoft" : "";
  if (!hasCarrier && !(teams && answers.teamsPhone === "direct-routing")) {
    return `there is no carrier contract or SBC to reuse: you would buy, certify and run SBCs and own call quality past them, while ${SEED_GUIDANCE.callingPlans}`;
  }
  return `you want Microsoft to own call quality, and ${SEED_GUIDANCE.sla}${moving}`;
}

/**
 * Decides the approach for a set of answers.
 *
 * @param answers validated answers ({@link parseAdviceAnswers})
 * @returns the recommendation; deterministic for the same answers
 */
export function decideApproach(answers: AdviceAnswers): Advice {
  const teams = answers.teamsPhone !== "none";
  const needed = unique([...answers.countries.callers, ...answers.countries.agents]);
  const countries = countryCoverage(needed, answers, teams ? "teams" : "acs");
  const sold = countries.filter((c) => c.microsoftNumbers === "sold").map((c) => c.country);
  const uncovered = countries.filter((c) => c.microsoftNumbers !== "sold").map((c) => c.country);
  const unknown = countries.filter((c) => c.microsoftNumbers === "unknown").map((c) => c.country);
  const warnings: string[] = [];
  if (unknown.length > 0) {
    const how = teams ? "in the Teams admin center" : "with PhoneNumbersClient.listAvailableCountries() on your ACS resource";
    warnings.push(
      `whether ${teams ? "Teams Calling Plans" : "Microsoft numbers"} are sold in ${list(unknown)} is not in advise's table, so they count as not sold; confirm ${how} and answer microsoftNumbers: { ${unknown[0]}: sold } where they are`,
    );
  }

  const asked = unique(answers.countries.emergency ?? answers.countries.agents);
  const supported = asked.filter((c): c is AgentEmergencyCountry => (AGENT_EMERGENCY_COUNTRIES as readonly string[]).includes(c));
  const unsupported = asked.filter((c) => !supported.includes(c as AgentEmergencyCountry));
  if (unsupported.length > 0) {
    warnings.push(
      `agent emergency calls are supported only in ${list(AGENT_EMERGENCY_COUNTRIES)} (seeds); agents in ${list(unsupported)} are left out of emergency.countries and need another way to reach emergency services`,
    );
  }

  const rule = pickRule(answers, uncovered, needed, teams);
  const reasons = [ruleReason(rule, answers, sold, uncovered, teams)];
  const hasCarrier = answers.carrier.contracts || answers.carrier.sbcs !== "none";
  if (hasCarrier && rule !== "own-quality" && rule !== "microsoft") {
    reasons.push(`direct routing reuses your ${answers.carrier.contracts ? "carrier contracts" : "carrier"}${answers.carrier.sbcs === "none" ? "" : ` and ${answers.carrier.sbcs} SBCs`}`);
  }
  let profile: AdviceProfile;
  let sbcEmergency: AgentEmergencyCountry[];
  let sbcCountries: string[];
  if (teams) {
    profile = rule === "microsoft" ? "teams-calling-plan" : "teams-direct-routing";
    sbcCountries = profile === "teams-direct-routing" ? needed : [];
    sbcEmergency = profile === "teams-direct-routing" ? supported : [];
    reasons.push(
      `Teams Phone is already in use (${answers.teamsPhone}); ACS reaches it through resource accounts (Teams Phone extensibility), and agents keep their Teams emergency policies`,
    );
  } else {
    profile = acsProfile(rule);
    sbcEmergency = profile === "byot" ? supported : supported.filter((c) => DIRECT_OFFER_EMERGENCY[c] === undefined);
    if (profile === "direct-offer" && sbcEmergency.length > 0) {
      profile = "hybrid";
      reasons.push(
        `agents in ${list(sbcEmergency)} need emergency calls and ${MICROSOFT_EMERGENCY_TEXT}, so a direct routing route sends ${list(unique(sbcEmergency.flatMap((c) => emergencyDialStrings(c))))} to an SBC whose carrier handles them`,
      );
    }
    sbcCountries = profile === "byot" ? needed : profile === "hybrid" ? uncovered : [];
  }
  const microsoftEmergency = supported.filter((c) => !sbcEmergency.includes(c));

  const usesSbc = sbcCountries.length > 0 || sbcEmergency.length > 0;
  const directRouting = teams ? "Teams direct routing" : "ACS direct routing";
  if (usesSbc && answers.carrier.sbcs === "none") {
    warnings.push(`this needs SBCs certified for ${directRouting}, and you run none yet; the stack names example SBCs to replace`);
  }
  if (usesSbc && answers.carrier.sbcs === "uncertified") {
    warnings.push(`${directRouting} accepts only SBCs certified for it; replace or certify your SBCs before go-live`);
  }
  if (sbcEmergency.length > 0 && !answers.carrier.emergencyCalls) {
    warnings.push(
      `emergency calls from ${list(sbcEmergency)} go through the SBCs, but your carrier does not take emergency calls; the stack leaves the SBCs emergencyCapable: false, and ccvoice check will fail until a carrier that handles them is in place`,
    );
  }
  if (!teams && profile === "hybrid") {
    const routed = new Set(sbcEmergency.flatMap((c) => emergencyDialStrings(c)));
    for (const c of microsoftEmergency) {
      const taken = emergencyDialStrings(c).filter((d) => routed.has(d));
      if (taken.length > 0) {
        warnings.push(
          `the emergency route for ${list(sbcEmergency)} also takes ${list(taken)} from ${c} agents away from Microsoft's emergency service (a route pattern cannot tell countries apart); the SBC's carrier must serve ${c}'s emergency services too`,
        );
      }
    }
  }

  const approach = APPROACHES[profile];
  const chosen = new Set<Approach>([approach.inbound, approach.outbound]);
  const all: Approach[] = ["acs-direct-routing", "teams-direct-routing", "acs-direct-offer", "teams-calling-plan"];
  const rejected = all.filter((a) => !chosen.has(a)).map((a) => ({ approach: a, why: rejectedWhy(a, rule, answers, uncovered, teams) }));

  const tradeOffs: string[] = [SEED_GUIDANCE.sipContext, SEED_GUIDANCE.sla, SEED_GUIDANCE.callingPlans];
  if (profile === "hybrid") {
    tradeOffs.push(
      "hybrid: two number sources to run (Microsoft numbers and carrier numbers); the route list decides per call, and a route that matches an emergency number takes it away from Microsoft's emergency service",
    );
  }
  return {
    profile,
    approach,
    reasons,
    tradeOffs,
    rejected,
    countries,
    sbcCountries,
    sbcEmergencyCountries: sbcEmergency,
    microsoftEmergencyCountries: microsoftEmergency,
    emergencyCountries: supported,
    warnings,
  };
}
