/**
 * `ccvoice-sip-route-pattern`: every route number pattern (ACS direct routing routes and Teams voice
 * routes) compiles the same in .NET and JavaScript, is anchored with `^...$` (the service matches anywhere
 * in the number otherwise), and matches what the service matches against: E.164 numbers with `+`, or, for
 * an emergency route, only emergency short numbers such as 911 or 112.
 *
 * The third check draws sample numbers from the pattern (`samplePatternMatches`); patterns the sampler
 * cannot read (lookarounds, backreferences) are checked by the first two only.
 */
import { AGENT_EMERGENCY_COUNTRIES, type VoiceChannelSpec } from "../../src/config/schema";
import { isAnchored, isEmergencyNumber, numberPatternProblem, samplePatternMatches, topLevelAlternatives } from "../../src/routing";
import { agentCountries } from "../lib/emergencyCalls";
import type { CcvoiceRule, Finding } from "../lib/types";

/** A pattern to check, with how to name it in messages. */
interface PatternSite {
  readonly label: string;
  readonly path: string;
  readonly pattern: string;
}

function sites(spec: VoiceChannelSpec): PatternSite[] {
  return [
    ...(spec.directRouting?.routes ?? []).map((r, i) => ({
      label: `Route "${r.name}"`,
      path: `ccvoice:directRouting.routes[${i}].numberPattern`,
      pattern: r.numberPattern,
    })),
    ...(spec.teams?.directRouting.voiceRoutes ?? []).map((r, i) => ({
      label: `Voice route "${r.name}"`,
      path: `ccvoice:teams.directRouting.voiceRoutes[${i}].numberPattern`,
      pattern: r.numberPattern,
    })),
  ];
}

/**
 * `^\+1\d+$` for `\+1\d+`: the pattern with the anchors it lacks; with several top-level alternatives,
 * `^(?:911|933)$` for `^911|933$` (each alternative's own anchors removed, one pair around the group).
 */
function anchored(pattern: string): string {
  const alternatives = topLevelAlternatives(pattern);
  if (alternatives.length > 1) {
    const bare = alternatives.map((alt) => alt.replace(/^\^/, "").replace(/(^|[^\\])((\\\\)*)\$$/, "$1$2"));
    return `^(?:${bare.join("|")})$`;
  }
  return `${pattern.startsWith("^") ? "" : "^"}${pattern}${isAnchored(`^${pattern}`) ? "" : "$"}`;
}

/**
 * Number patterns that do not compile, are not anchored, or match strings the service never matches.
 *
 * @param spec a validated spec (or a leniently parsed one: problems the parser would refuse are reported too)
 */
export function findPatternProblems(spec: VoiceChannelSpec): Finding[] {
  const countries = [...new Set([...AGENT_EMERGENCY_COUNTRIES, ...agentCountries(spec)])];
  const isEmergencyShort = (s: string) => /^\d{2,6}$/.test(s) && countries.some((c) => isEmergencyNumber(s, c));
  const findings: Finding[] = [];
  for (const site of sites(spec)) {
    const head = `${site.label} (${site.pattern})`;
    const problem = numberPatternProblem(site.pattern);
    if (problem) {
      findings.push({ resource: site.path, message: `${head} ${problem}.` });
      continue;
    }
    if (!isAnchored(site.pattern)) {
      findings.push({
        resource: site.path,
        message: `${head} is not anchored, so the service also matches it inside longer numbers. Anchor it as ${anchored(site.pattern)}.`,
      });
      continue;
    }
    const samples = samplePatternMatches(site.pattern, 48);
    const bad = samples.find((s) => !s.startsWith("+") && !isEmergencyShort(s));
    if (bad === undefined) continue;
    const mixed = samples.some((s) => s.startsWith("+")) || samples.some(isEmergencyShort);
    const fix = /^\d+$/.test(bad) && bad.length > 6
      ? "Match E.164 numbers with their +, such as ^\\+1\\d{10}$"
      : mixed
        ? "Limit it to E.164 numbers with + or to emergency numbers such as ^(911|933)$, in separate routes"
        : "Match E.164 numbers with +, such as ^\\+1\\d{10}$, or only emergency numbers such as ^(911|933)$";
    findings.push({
      resource: site.path,
      message: `${head} matches ${JSON.stringify(bad)}, which is neither an E.164 number with + nor an emergency number, and the service only matches those. ${fix}.`,
    });
  }
  return findings;
}

export const sipRoutePattern: CcvoiceRule = {
  name: "ccvoice-sip-route-pattern",
  description:
    "Every route number pattern compiles the same in .NET and JavaScript, is anchored with ^ and $, and matches E.164 numbers with + or only emergency numbers.",
  enforcementLevel: "mandatory",
  inputs: "spec",
  check: ({ spec }) => (spec ? findPatternProblems(spec) : []),
};
