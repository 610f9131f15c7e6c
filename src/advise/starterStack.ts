/**
 * The starting stack `ccvoice advise --write` writes for a recommendation: the approach, the SBCs and
 * routes or the number orders, Teams objects when Teams is used, and the emergency settings. Pure.
 *
 * It parses with `parseVoiceChannelSpec`. What the answers do not give is filled with example values
 * (RFC 2606 `example.com`, the all-zero GUID, `cc-<environment>`), each marked by a comment in the file
 * and listed in `examples`, so the admin knows what to replace before `pulumi up`.
 */
import { getCountryCallingCode, type CountryCode } from "libphonenumber-js";
import { emergencyDialStrings } from "../routing";
import type { StackNote } from "../export/stackYaml";
import type { AdviceAnswers } from "./answers";
import type { Advice } from "./decideApproach";

/** An example value written because the answers did not give the real one. */
export interface ExampleValue {
  /** Setting path, e.g. `ccvoice:acs.name`. */
  readonly setting: string;
  /** The value written. */
  readonly value: string;
  /** What to put there instead. */
  readonly replaceWith: string;
}

/** The stack `advise` writes. */
export interface StarterStack {
  /** The `config:` map, keys such as `ccvoice:approach`. */
  readonly config: Record<string, unknown>;
  /** Comments above settings (example values, what to add). */
  readonly notes: StackNote[];
  /** Example values to replace, in file order. */
  readonly examples: ExampleValue[];
}

const ZERO_GUID = "00000000-0000-0000-0000-000000000000";
/**
 * Numbers reserved for fiction, used as example carrier callback numbers: NANP 555-0100..0199 (any area
 * code; (knowledge), NANPA) and the UK's Ofcom drama range 020 7946 0000..0999 ((knowledge), Ofcom).
 */
const FICTIONAL_CALLBACK: Readonly<Record<string, string>> = { US: "+14255550180", CA: "+14165550180", PR: "+17875550180", GB: "+442079460180" };
/** Example security desk number (NANP fictional range). */
const EXAMPLE_SECURITY_DESK = "+14255550199";
const EMERGENCY_USAGE = "CC-Emergency";
const PSTN_USAGE = "CC-PSTN";

const unique = <T>(items: readonly T[]) => [...new Set(items)];
const parentDomain = (fqdn: string) => fqdn.slice(fqdn.indexOf(".") + 1);

/** Countries grouped by calling code (US, CA and PR share +1), in first-seen order. */
function callingCodeGroups(countries: readonly string[]): { name: string; pattern: string }[] {
  const groups = new Map<string, string[]>();
  for (const c of countries) {
    const code = getCountryCallingCode(c as CountryCode);
    groups.set(code, [...(groups.get(code) ?? []), c]);
  }
  return [...groups].map(([code, members]) => ({
    name: members.map((m) => m.toLowerCase()).join("-"),
    pattern: `^\\+${code}\\d+$`,
  }));
}

/**
 * Builds the starting stack for a recommendation.
 *
 * @param advice the recommendation from `decideApproach`
 * @param answers the answers it was made from (environment and `stack` details)
 * @throws Error when no emergency country is supported (the spec needs at least one in `emergency.countries`)
 */
export function starterStack(advice: Advice, answers: AdviceAnswers): StarterStack {
  if (advice.emergencyCountries.length === 0) {
    throw new Error(
      "cannot write a stack: emergency.countries needs at least one country where agent emergency calls are supported (US, GB, DK, CA, PR); add one to countries.emergency in the answers",
    );
  }
  const examples: ExampleValue[] = [];
  const notes: StackNote[] = [];
  const given = answers.stack;
  const example = (setting: string, value: string, replaceWith: string, path: (string | number)[]): string => {
    examples.push({ setting, value, replaceWith });
    notes.push({ path, comment: `example value ${JSON.stringify(value)}: replace with ${replaceWith}` });
    return value;
  };
  const env = answers.environment;
  const config: Record<string, unknown> = {
    "ccvoice:environment": env,
    "ccvoice:approach": { inbound: advice.approach.inbound, outbound: advice.approach.outbound },
  };
  const acs: Record<string, unknown> = {};
  config["ccvoice:acs"] = acs;
  acs.name = given.acsName ?? `cc-${env}`;
  acs.dataLocation = given.dataLocation ?? "United States";
  const domain = given.domain ?? "example.com";
  const sbcs = given.sbcs ?? [`sbc1.${domain}`, `sbc2.${domain}`];
  const email = given.notificationEmail ?? `security@${domain}`;
  const teams = advice.profile === "teams-calling-plan" || advice.profile === "teams-direct-routing";
  const usesSbc = advice.sbcCountries.length > 0 || advice.sbcEmergencyCountries.length > 0;
  const emergencyDials = unique(advice.sbcEmergencyCountries.flatMap((c) => emergencyDialStrings(c)));
  const emergencyCapable = answers.carrier.emergencyCalls && advice.sbcEmergencyCountries.length > 0;
  const groups = callingCodeGroups(advice.sbcCountries);
  // Countries whose emergency calls the SBC routes take: those sent to the SBCs, plus any other emergency
  // country sharing a dial string (a route pattern cannot tell countries apart: 112 in DK and GB).
  const servedCountries = advice.emergencyCountries.filter(
    (c) => advice.sbcEmergencyCountries.includes(c) || emergencyDialStrings(c).some((d) => emergencyDials.includes(d)),
  );
  const trunkOf = (fqdn: string) => ({
    fqdn,
    sipSignalingPort: 5061,
    emergencyCapable,
    ...(emergencyCapable ? { emergencyCountries: servedCountries } : {}),
  });

  // Carrier callback numbers: for the countries whose emergency calls leave through the SBCs (every
  // emergency country with BYOT); at least one when agents call through ACS and no Microsoft order holds one.
  const callbackCountries = advice.profile === "byot" ? advice.emergencyCountries : advice.sbcEmergencyCountries;
  let exampleCallbacks = callbackCountries.map((c) => FICTIONAL_CALLBACK[c]).filter((n): n is string => n !== undefined);
  if (exampleCallbacks.length === 0 && advice.profile === "byot") exampleCallbacks = [FICTIONAL_CALLBACK.US as string];
  const carrierNumbers = given.carrierNumbers ?? unique(exampleCallbacks).map((phoneNumber) => ({ phoneNumber, purpose: "callback-pool" }));
  if (!teams && usesSbc) {
    const routes: Record<string, unknown>[] = [];
    if (emergencyDials.length > 0) {
      routes.push({
        name: "emergency",
        description: `emergency numbers of agents in ${advice.sbcEmergencyCountries.join(", ")}, to the carrier's emergency service`,
        numberPattern: `^(${emergencyDials.join("|")})$`,
        trunks: sbcs,
      });
    }
    for (const g of groups) routes.push({ name: g.name, numberPattern: g.pattern, trunks: sbcs });
    config["ccvoice:directRouting"] = {
      domains: unique(sbcs.map(parentDomain)),
      trunks: sbcs.map(trunkOf),
      routes,
      numbers: carrierNumbers,
    };
    if (!given.carrierNumbers) {
      const missing = callbackCountries.filter((c) => FICTIONAL_CALLBACK[c] === undefined);
      notes.push({
        path: ["ccvoice:directRouting", "numbers"],
        comment: `example callback-pool numbers from ranges reserved for fiction: replace with your carrier numbers${missing.length > 0 ? ` and add callback numbers for ${missing.join(", ")}` : ""}; add your main lines`,
      });
    }
    notes.push({
      path: ["ccvoice:directRouting", "domains"],
      comment: "domains verified on the ACS resource (Azure portal: Direct routing → Domains, DNS TXT record)",
    });
    notes.push({ path: ["ccvoice:directRouting", "routes"], comment: "first match wins; add your carrier numbers under numbers: (main lines, callback pool)" });
    if (emergencyCapable) {
      notes.push({
        path: ["ccvoice:directRouting", "trunks"],
        comment: `emergencyCapable and emergencyCountries follow your answer that the carrier takes emergency calls: confirm it delivers calls from ${servedCountries.join(", ")} to their emergency services`,
      });
    }
  }

  const orders: Record<string, unknown>[] = [];
  if (!teams && advice.profile !== "byot") {
    const sold = new Set(advice.countries.filter((c) => c.microsoftNumbers === "sold").map((c) => c.country));
    const callers = answers.countries.callers.filter((c) => sold.has(c));
    for (const c of unique(callers)) {
      orders.push({ name: `${c.toLowerCase()}-main`, countryCode: c, phoneNumberType: "geographic", quantity: 1, purpose: "main-line" });
    }
    for (const c of unique(answers.countries.agents).filter((a) => sold.has(a) && !callers.includes(a))) {
      orders.push({ name: `${c.toLowerCase()}-caller-id`, countryCode: c, phoneNumberType: "geographic", quantity: 1, purpose: "outbound-caller-id" });
    }
    for (const c of advice.microsoftEmergencyCountries.filter((e) => sold.has(e))) {
      orders.push({ name: `${c.toLowerCase()}-callback`, countryCode: c, phoneNumberType: "geographic", quantity: 2, purpose: "callback-pool" });
    }
    if (orders.length > 0) {
      config["ccvoice:phoneNumbers"] = { orders };
      notes.push({ path: ["ccvoice:phoneNumbers", "orders"], comment: "Microsoft numbers bought on the ACS resource; add areaCode to choose where" });
    }
  }

  if (teams) {
    const directRouting = advice.profile === "teams-direct-routing";
    const tenantId = given.tenantId ?? ZERO_GUID;
    const applicationId = given.applicationId ?? ZERO_GUID;
    const accounts = unique(answers.countries.callers).map((c) => ({
      upn: `cc-${c.toLowerCase()}@${domain}`,
      displayName: `Contact center ${c}`,
      applicationId,
      phoneNumberType: directRouting ? "DirectRouting" : "CallingPlan",
      usageLocation: c,
      ...(directRouting ? { voiceRoutingPolicy: "CC-Routing" } : {}),
      emergencyCallingPolicy: "CC-Emergency",
      ...(directRouting && emergencyDials.length > 0 ? { emergencyCallRoutingPolicy: "CC-EmergencyRouting" } : {}),
    }));
    const teamsConfig: Record<string, unknown> = { tenantId, apply: false, resourceAccounts: accounts };
    if (directRouting) {
      const voiceRoutes: Record<string, unknown>[] = [];
      if (emergencyDials.length > 0) {
        voiceRoutes.push({ name: "cc-emergency", numberPattern: `^(${emergencyDials.join("|")})$`, gateways: sbcs, pstnUsages: [EMERGENCY_USAGE], priority: 0 });
      }
      for (const g of groups) voiceRoutes.push({ name: `cc-${g.name}`, numberPattern: g.pattern, gateways: sbcs, pstnUsages: [PSTN_USAGE], priority: 1 });
      teamsConfig.directRouting = {
        gateways: sbcs.map((fqdn) => ({ fqdn, sipSignalingPort: 5061, emergencyCapable })),
        pstnUsages: [EMERGENCY_USAGE, PSTN_USAGE],
        voiceRoutes,
        voiceRoutingPolicies: [{ name: "CC-Routing", pstnUsages: [EMERGENCY_USAGE, PSTN_USAGE] }],
      };
    }
    teamsConfig.emergencyCallingPolicies = [{ name: "CC-Emergency", notificationGroup: [email], notificationMode: "NotificationOnly" }];
    if (directRouting && emergencyDials.length > 0) {
      teamsConfig.emergencyCallRoutingPolicies = [
        { name: "CC-EmergencyRouting", emergencyNumbers: emergencyDials.map((d) => ({ emergencyDialString: d, pstnUsage: EMERGENCY_USAGE })) },
      ];
    }
    config["ccvoice:teams"] = teamsConfig;
    notes.push({ path: ["ccvoice:teams", "resourceAccounts"], comment: "one resource account per callers' country; add phoneNumber once the number is assigned in Teams" });
  }

  const needsFallback = !teams || given.securityDeskNumber !== undefined;
  const sites = given.sites ?? advice.emergencyCountries.map((c) => ({
    name: `site-${c.toLowerCase()}`,
    country: c,
    address: { companyName: "EXAMPLE company", streetName: "EXAMPLE street", city: "EXAMPLE city", postalCode: "EXAMPLE", countryOrRegion: c },
  }));
  config["ccvoice:emergency"] = {
    countries: advice.emergencyCountries,
    notificationContacts: [{ email, name: "Emergency notification contact" }],
    callbackLeaseMinutes: 60,
    ...(needsFallback ? { fallbackTarget: given.securityDeskNumber ?? EXAMPLE_SECURITY_DESK } : {}),
    sites,
  };

  const queue: Record<string, unknown> = { name: "main" };
  const mainOrders = orders.filter((o) => o.purpose === "main-line").map((o) => o.name);
  if (mainOrders.length > 0) queue.orders = mainOrders;
  const teamsAccounts = (config["ccvoice:teams"] as { resourceAccounts?: { upn: string }[] } | undefined)?.resourceAccounts;
  if (teamsAccounts) queue.resourceAccounts = teamsAccounts.map((a) => a.upn);
  const carrierMain = (config["ccvoice:directRouting"] ? carrierNumbers : []).filter((n) => n.purpose === "main-line").map((n) => n.phoneNumber);
  if (carrierMain.length > 0) queue.numbers = carrierMain;
  const runtime: Record<string, unknown> = {};
  if (env === "prod") runtime.alwaysReadyInstances = 1;
  if (queue.orders || queue.resourceAccounts || queue.numbers) runtime.queues = [queue];
  if (Object.keys(runtime).length > 0) config["ccvoice:runtime"] = runtime;
  if (env === "prod") {
    notes.push({ path: ["ccvoice:runtime", "alwaysReadyInstances"], comment: "production: one warm instance, so the first IncomingCall after a quiet period does not wait for a cold start" });
  }

  // Example values in the order of the file.
  if (!given.acsName) example("ccvoice:acs.name", acs.name as string, "the name of your ACS resource", ["ccvoice:acs", "name"]);
  if (!given.dataLocation) example("ccvoice:acs.dataLocation", acs.dataLocation as string, "the data location of your ACS resource", ["ccvoice:acs", "dataLocation"]);
  if (!given.domain && (teams || usesSbc)) {
    examples.push({ setting: "domain of SBC FQDNs and UPNs", value: domain, replaceWith: "your domain" });
  }
  if (!given.sbcs && usesSbc) {
    const where = teams ? ["ccvoice:teams", "directRouting", "gateways"] : ["ccvoice:directRouting", "trunks"];
    examples.push({ setting: teams ? "ccvoice:teams.directRouting.gateways" : "ccvoice:directRouting.trunks", value: sbcs.join(", "), replaceWith: "the FQDNs of your SBCs" });
    notes.push({ path: where, comment: `example SBCs ${sbcs.join(", ")}: replace with the FQDNs of your SBCs` });
  }
  if (teams && !given.tenantId) example("ccvoice:teams.tenantId", ZERO_GUID, "your Entra tenant id", ["ccvoice:teams", "tenantId"]);
  if (teams && !given.applicationId) {
    examples.push({ setting: "ccvoice:teams.resourceAccounts[*].applicationId", value: ZERO_GUID, replaceWith: "the Entra application id of your contact center app" });
    notes.push({ path: ["ccvoice:teams", "resourceAccounts", 0], comment: `example applicationId ${ZERO_GUID}: replace with the Entra application id of your contact center app` });
  }
  if (!given.notificationEmail) {
    example("ccvoice:emergency.notificationContacts[0].email", email, "the address of your security desk", ["ccvoice:emergency", "notificationContacts"]);
  }
  if (needsFallback && !given.securityDeskNumber) {
    example("ccvoice:emergency.fallbackTarget", EXAMPLE_SECURITY_DESK, "the E.164 number of your security desk", ["ccvoice:emergency", "fallbackTarget"]);
  }
  if (!given.sites) {
    examples.push({ setting: "ccvoice:emergency.sites", value: sites.map((x) => x.name).join(", "), replaceWith: "your sites and their civic addresses (dispatchable location)" });
    notes.push({
      path: ["ccvoice:emergency", "sites"],
      comment: "EXAMPLE sites, one per emergency country: replace with every location with agents and its civic address (dispatchable location, RAY BAUM'S Act)",
    });
  }
  if (!given.carrierNumbers && config["ccvoice:directRouting"] && carrierNumbers.length > 0) {
    examples.push({ setting: "ccvoice:directRouting.numbers", value: carrierNumbers.map((n) => n.phoneNumber).join(", "), replaceWith: "your carrier numbers (callback pool, main lines)" });
  }
  return { config, notes, examples };
}
