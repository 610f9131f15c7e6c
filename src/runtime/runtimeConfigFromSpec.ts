/**
 * Derives the runtime's configuration from the stack's spec. The infrastructure puts the result, as JSON,
 * in the Function App setting `CCVOICE_RUNTIME_CONFIG`; the runtime parses it once at start
 * (`parseRuntimeConfig`). Pure: no Pulumi, no Azure.
 *
 * Numbers bought through `ccvoice:phoneNumbers.orders` and the object ids of Teams resource accounts are
 * not in the spec; pass them in `resolved` (e.g. from the phone-number order's outputs inside `apply`).
 * What cannot be resolved is listed in `notes` and logged by the runtime at start.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { VoiceChannelSpec } from "../config/schema";
import { RUNTIME_CONFIG_VERSION, type RuntimeConfig, type RuntimeSite } from "./core/runtimeConfig";

/** What the deployment knows that the spec does not. */
export interface ResolvedNumbers {
  /** Numbers bought by each order of `ccvoice:phoneNumbers.orders`, by order name. */
  readonly orderNumbers?: Readonly<Record<string, readonly string[]>>;
  /** Entra object id of each Teams resource account, by UPN (needed to route `28:orgid:` recipients). */
  readonly resourceAccountObjectIds?: Readonly<Record<string, string>>;
}

/** The app setting that carries the document. */
export const RUNTIME_CONFIG_SETTING = "CCVOICE_RUNTIME_CONFIG";

function countryOf(number: string): string | undefined {
  return parsePhoneNumberFromString(number)?.country;
}

function oneLine(site: NonNullable<VoiceChannelSpec["emergency"]["sites"]>[number]): RuntimeSite {
  const a = site.address;
  const street = [a.houseNumber, a.streetName].filter(Boolean).join(" ");
  const city = [a.city, [a.stateOrProvince, a.postalCode].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  const location = [a.companyName, street, city, a.countryOrRegion, a.location].filter(Boolean).join(", ");
  return { name: site.name, country: site.country, location };
}

/**
 * Builds the runtime configuration of a stack.
 *
 * @param spec the parsed stack spec (`parseVoiceChannelSpec`)
 * @param resolved numbers of orders and resource-account object ids known at deployment
 * @returns the document to serialise with `JSON.stringify` into `CCVOICE_RUNTIME_CONFIG`
 * @throws Error when the emergency configuration cannot protect PSAP callbacks:
 *   `ccvoice:emergency.fallbackTarget must be set when the stack has callback-pool numbers (3 found); give the E.164 number of the security desk`,
 *   or `ccvoice:emergency.callbackLeaseMinutes must be at least 60, got 30`
 */
export function runtimeConfigFromSpec(spec: VoiceChannelSpec, resolved: ResolvedNumbers = {}): RuntimeConfig {
  const notes: string[] = [];
  const orderNumbers = (name: string): string[] => {
    const numbers = resolved.orderNumbers?.[name];
    if (!numbers) notes.push(`numbers of order ${name} are not known yet (bought at deployment); calls to them are not routed until the config is regenerated`);
    return [...(numbers ?? [])];
  };
  const em = spec.emergency;
  if (em.callbackLeaseMinutes < 60) {
    throw new Error(`ccvoice:emergency.callbackLeaseMinutes must be at least 60, got ${em.callbackLeaseMinutes}`);
  }

  const pool = new Set<string>();
  for (const n of spec.directRouting?.numbers ?? []) if (n.purpose === "callback-pool") pool.add(n.phoneNumber);
  for (const n of spec.phoneNumbers.adopt) if (n.purpose === "callback-pool") pool.add(n.phoneNumber);
  for (const order of spec.phoneNumbers.orders) if (order.purpose === "callback-pool") for (const n of orderNumbers(order.name)) pool.add(n);
  const hasPoolOrders = spec.phoneNumbers.orders.some((o) => o.purpose === "callback-pool");
  if ((pool.size > 0 || hasPoolOrders) && !em.fallbackTarget) {
    throw new Error(
      `ccvoice:emergency.fallbackTarget must be set when the stack has callback-pool numbers (${pool.size} found${hasPoolOrders ? ", plus ordered ones" : ""}); give the E.164 number of the security desk`,
    );
  }

  const siteCountry = new Map(em.sites.map((s) => [s.name, s.country]));
  const raObjectId = (upn: string): string | undefined =>
    Object.entries(resolved.resourceAccountObjectIds ?? {}).find(([k]) => k.toLowerCase() === upn.toLowerCase())?.[1];
  const resourceAccounts = (spec.teams?.resourceAccounts ?? []).map((ra) => {
    const objectId = raObjectId(ra.upn);
    if (!objectId) notes.push(`object id of resource account ${ra.upn} is not known; its calls (28:orgid: recipients) are not routed until it is`);
    return { upn: ra.upn, objectId, phoneNumber: ra.phoneNumber, usageLocation: ra.usageLocation };
  });

  return {
    version: RUNTIME_CONFIG_VERSION,
    environment: spec.environment,
    acsName: spec.acs.name,
    teamsTenantId: spec.teams?.tenantId,
    emergency: {
      countries: [...em.countries],
      leaseMinutes: em.callbackLeaseMinutes,
      fallbackTarget: em.fallbackTarget,
      callbackPool: [...pool].map((number) => ({ number, country: countryOf(number) })),
      contacts: em.notificationContacts.map((c) => ({ email: c.email, name: c.name, countries: c.countries })),
      sites: em.sites.map(oneLine),
    },
    queues: spec.runtime.queues.map((q) => ({
      name: q.name,
      numbers: [...new Set([...q.numbers, ...q.orders.flatMap(orderNumbers)])],
      resourceAccountIds: q.resourceAccounts.map(raObjectId).filter((id): id is string => id !== undefined),
      requiredSkills: [...q.requiredSkills],
      maxWaitSeconds: q.maxWaitSeconds,
      overflowTarget: q.overflowTarget,
    })),
    agents: spec.runtime.agents.map((a) => ({
      id: a.id,
      displayName: a.displayName,
      kind: a.kind,
      userId: a.userId,
      skills: [...a.skills],
      site: a.site,
      country: a.site ? siteCountry.get(a.site) : undefined,
      maxConcurrentCalls: a.maxConcurrentCalls,
    })),
    resourceAccounts,
    outboundAllowedPatterns: [...spec.runtime.outboundAllowedPatterns],
    notes: [...new Set(notes)],
  };
}
