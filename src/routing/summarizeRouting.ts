/**
 * The routing summary `ccvoice preview` prints: where each emergency number, a representative ordinary number
 * per country served, and one sample number per route would go.
 */
import { getExampleNumber, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import examples from "libphonenumber-js/mobile/examples";
import type { ResourceAccount, VoiceChannelSpec } from "../config/schema";
import type { CallInput, CallResolution } from "./callResolution";
import { emergencyDialStrings, isEmergencyNumber } from "./emergencyNumbers";
import { resolveCall } from "./resolveCall";
import { samplePatternMatches } from "./samplePatternMatches";

/** One line of the routing summary. */
export interface RoutingSummaryEntry {
  /** ISO country of the caller. */
  readonly country: string;
  /** What is dialed: `911`, `+12015550123`. */
  readonly dial: string;
  /** ACS caller id used (`order:us-main`, `+14255550100`); for Teams the resource account UPN. */
  readonly from?: string;
  /** Why the entry is in the summary. */
  readonly kind: "emergency" | "ordinary" | "route-sample";
  /** For `route-sample` entries: the route (ACS) or voice route (Teams) the number was sampled from. */
  readonly sampledRoute?: string;
  readonly resolution: CallResolution;
}

function countryOf(e164: string | undefined): string | undefined {
  return e164 ? parsePhoneNumberFromString(e164)?.country : undefined;
}

/**
 * Countries the stack serves: emergency countries in spec order, then (sorted) the countries of number
 * orders, adopted numbers, carrier numbers and resource accounts.
 */
export function servedCountries(spec: VoiceChannelSpec): string[] {
  const others = new Set<string>();
  spec.phoneNumbers.orders.forEach((o) => others.add(o.countryCode));
  const numbers = [
    ...spec.phoneNumbers.adopt.map((a) => a.phoneNumber),
    ...(spec.directRouting?.numbers.map((n) => n.phoneNumber) ?? []),
    ...(spec.teams?.resourceAccounts.map((a) => a.phoneNumber) ?? []),
  ];
  numbers.forEach((n) => {
    const c = countryOf(n);
    if (c) others.add(c);
  });
  const first: string[] = [...spec.emergency.countries];
  return [...first, ...[...others].filter((c) => !first.includes(c)).sort()];
}

/** The resource account a caller in `country` would use: same usage location, else one whose policy lists the dial string, else the first. */
function teamsAccountFor(spec: VoiceChannelSpec, country: string, dial: string): ResourceAccount | undefined {
  const accounts = spec.teams?.resourceAccounts ?? [];
  const listsDial = (a: ResourceAccount) =>
    spec.teams?.emergencyCallRoutingPolicies
      .find((p) => p.name === a.emergencyCallRoutingPolicy)
      ?.emergencyNumbers.some((e) => e.emergencyDialString === dial) ?? false;
  return accounts.find((a) => a.usageLocation === country) ?? accounts.find(listsDial) ?? accounts[0];
}

const isTeams = (spec: VoiceChannelSpec) => spec.approach.outbound.startsWith("teams-");

function entry(
  spec: VoiceChannelSpec,
  country: string,
  dial: string,
  kind: RoutingSummaryEntry["kind"],
  sampledRoute?: string,
  account?: ResourceAccount,
): RoutingSummaryEntry {
  const call: CallInput = isTeams(spec)
    ? { dial, country, resourceAccount: (account ?? teamsAccountFor(spec, country, dial))?.upn }
    : { dial, country };
  const resolution = resolveCall(spec, call);
  return {
    country, dial, ...(resolution.callerId ? { from: resolution.callerId } : {}), kind,
    ...(sampledRoute ? { sampledRoute } : {}), resolution,
  };
}

/** For a Teams voice route: the first resource account whose voice routing policy has one of its PSTN usages. */
function teamsAccountForRoute(spec: VoiceChannelSpec, usages: readonly string[]): ResourceAccount | undefined {
  const teams = spec.teams;
  return teams?.resourceAccounts.find((a) =>
    teams.directRouting.voiceRoutingPolicies
      .find((p) => p.name === a.voiceRoutingPolicy)
      ?.pstnUsages.some((u) => usages.includes(u)),
  );
}

/** One sample number for a route: one the route itself carries if possible, else the first that resolves. */
function routeSample(
  spec: VoiceChannelSpec,
  route: { name: string; numberPattern: string; pstnUsages?: string[] },
  countries: string[],
): RoutingSummaryEntry | undefined {
  const account = route.pstnUsages ? teamsAccountForRoute(spec, route.pstnUsages) : undefined;
  let fallback: RoutingSummaryEntry | undefined;
  for (const sample of samplePatternMatches(route.numberPattern, 32)) {
    const country = sample.startsWith("+")
      ? (account?.usageLocation ?? countries[0])
      : (countries.find((c) => emergencyDialStrings(c).includes(sample)) ??
        countries.find((c) => isEmergencyNumber(sample, c)));
    if (!country) continue;
    let result: RoutingSummaryEntry;
    try {
      result = entry(spec, country, sample, "route-sample", route.name, account);
    } catch {
      continue; // not a dialable number (e.g. too short to be a phone number): try the next sample
    }
    if (result.resolution.route === route.name) return result;
    fallback ??= result;
  }
  return fallback;
}

/**
 * The routing summary of a stack, for `ccvoice preview`. Deterministic: the same spec gives the same list.
 *
 * 1. For every emergency country (spec order), every emergency dial string ({@link emergencyDialStrings}, 933 in US).
 * 2. For every country served ({@link servedCountries}), libphonenumber-js's example mobile number, dialed from there.
 * 3. For every ACS route (list order) or Teams voice route, one sample number it matches (one the route carries
 *    when a sample does), dialed from the first emergency country (or, for short digits, the first country that
 *    lists them as an emergency number); routes with no dialable sample are left out.
 *
 * ACS calls use the default caller id. Teams calls use the resource account whose usage location is the
 * caller's country, else one whose emergency call routing policy lists the number, else the first; a voice
 * route's sample uses the first account whose voice routing policy has one of the route's PSTN usages, calling
 * from its usage location.
 *
 * @throws never for a validated spec
 */
export function summarizeRouting(spec: VoiceChannelSpec): RoutingSummaryEntry[] {
  const entries: RoutingSummaryEntry[] = [];
  for (const country of spec.emergency.countries) {
    for (const dial of emergencyDialStrings(country)) entries.push(entry(spec, country, dial, "emergency"));
  }
  const countries = servedCountries(spec);
  for (const country of countries) {
    const example = getExampleNumber(country as CountryCode, examples);
    if (example) entries.push(entry(spec, country, example.number, "ordinary"));
  }
  const routes = isTeams(spec)
    ? (spec.teams?.directRouting.voiceRoutes ?? [])
    : (spec.directRouting?.routes ?? []);
  for (const route of routes) {
    const sample = routeSample(spec, route, countries);
    if (sample) entries.push(sample);
  }
  return entries;
}
