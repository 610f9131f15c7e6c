/**
 * Reading resource inputs safely: values not known during a preview are skipped, never reported.
 */
import type { CheckedResource } from "./types";

/** How `ccvoice preview` shows a value not known until deployment. */
export const UNKNOWN = "[unknown]";

/**
 * Sentinels the Pulumi engine and the policy SDK use for values not known during a preview
 * (`@pulumi/policy` proxy.js: boolean, number, string, array, asset, archive, object).
 */
const ENGINE_UNKNOWNS = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** Whether a value is not known during this preview (either notation). */
export function isUnknown(value: unknown): boolean {
  return typeof value === "string" && (value === UNKNOWN || ENGINE_UNKNOWNS.has(value));
}

/**
 * Replaces engine unknown sentinels by {@link UNKNOWN}, deeply, so rules test one notation.
 *
 * @param value a plain value (no proxies)
 */
export function normalizeUnknowns(value: unknown): unknown {
  if (isUnknown(value)) return UNKNOWN;
  if (Array.isArray(value)) return value.map(normalizeUnknowns);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) out[key] = normalizeUnknowns(inner);
  return out;
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The value at a dotted path of an object (`retryPolicy.maxDeliveryAttempts`).
 *
 * @returns the value, `undefined` when absent, or {@link UNKNOWN} when the path runs through an unknown value
 */
export function valueAt(root: unknown, path: string): unknown {
  let value: unknown = root;
  for (const key of path.split(".")) {
    if (isUnknown(value)) return UNKNOWN;
    if (!isRecord(value)) return undefined;
    value = value[key];
  }
  return isUnknown(value) ? UNKNOWN : value;
}

/** Resources of one type token, in declaration order. */
export function resourcesOfType(resources: readonly CheckedResource[], type: string): CheckedResource[] {
  return resources.filter((r) => r.type === type);
}

/** Type tokens the rules read. */
export const TYPES = {
  contactCenterVoice: "ccvoice:index:ContactCenterVoice",
  webApp: "azure-native:web:WebApp",
  systemTopicSubscription: "azure-native:eventgrid:SystemTopicEventSubscription",
  communicationService: "azure-native:communication:CommunicationService",
  phoneNumberOrder: "pulumi-nodejs:dynamic/ccvoice-numbers:PhoneNumberOrder",
  adoptedPhoneNumbers: "pulumi-nodejs:dynamic/ccvoice-numbers:AdoptedPhoneNumbers",
} as const;

/** Event Grid event subscription types (system topic and plain), read by the Event Grid rules. */
export const EVENT_SUBSCRIPTION_TYPES: readonly string[] = [
  "azure-native:eventgrid:SystemTopicEventSubscription",
  "azure-native:eventgrid:EventSubscription",
];

/** One app setting of a Function App: name and value (possibly {@link UNKNOWN} or `[secret]`). */
export interface AppSetting {
  readonly name: string;
  readonly value: unknown;
}

/**
 * The app settings of an `azure-native:web:WebApp` (`siteConfig.appSettings`, a list of `{name, value}`).
 *
 * @returns the settings with a known name; `undefined` when the list itself is unknown
 */
export function appSettingsOf(webApp: CheckedResource): AppSetting[] | undefined {
  const list = valueAt(webApp.inputs, "siteConfig.appSettings");
  if (list === UNKNOWN) return undefined;
  if (!Array.isArray(list)) return [];
  return list
    .filter(isRecord)
    .filter((s) => typeof s.name === "string" && !isUnknown(s.name))
    .map((s) => ({ name: s.name as string, value: isUnknown(s.value) ? UNKNOWN : s.value }));
}

/** Joins words for messages: `911`, `911 and 933`, `911, 933 and 112`. */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Quotes a value for a message the way the spec errors do (`"sbc1"`, `30`, `["GB"]`). */
export function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
}
