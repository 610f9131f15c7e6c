/**
 * Pure logic of the phone number order resource: input normalisation (`check`), the changes that
 * would need a release and a new purchase (refused with an explanation), and the in-place diff.
 * No Pulumi runtime, no Azure SDK.
 */

import { UNKNOWN } from "../shared/acsEndpoint";
import { checkCapabilities, type Capabilities, type Failure } from "./capabilities";

export { UNKNOWN };
export { CAPABILITY_TYPES, checkCapabilities, type Capabilities, type CapabilityType, type Failure } from "./capabilities";

export const PHONE_NUMBER_TYPES = ["geographic", "tollFree", "mobile"] as const;
export const ASSIGNMENT_TYPES = ["application", "person"] as const;

/** Normalised inputs of `PhoneNumberOrder`, mirroring one `ccvoice:phoneNumbers.orders[]` entry. */
export interface PhoneNumberOrderInputs {
  /** ACS endpoint; numbers belong to one resource, so it never changes. */
  endpoint: string;
  /** `orders[].name`, used in messages. */
  orderName: string;
  /** Deterministic key of the order (`<stack>/<name>`), for lookup-then-create. */
  orderKey: string;
  countryCode: string;
  phoneNumberType: (typeof PHONE_NUMBER_TYPES)[number];
  assignmentType: (typeof ASSIGNMENT_TYPES)[number];
  capabilities: Capabilities;
  areaCode?: string;
  /** How many numbers the order holds, 1-100. */
  quantity: number;
  /** What the numbers are for (read by policies); not sent. */
  purpose?: string;
  /** Release the numbers on delete or when the quantity goes down. @default false */
  releaseOnDelete: boolean;
  /** Agree not to resell, for countries that require it. @default false — the purchase fails there */
  agreeToNotResell: boolean;
}

/** State (outputs) of `PhoneNumberOrder`. */
export interface PhoneNumberOrderState extends PhoneNumberOrderInputs {
  /** Purchased numbers, oldest first. */
  phoneNumbers: string[];
  /** Searches whose numbers were bought (one per purchase batch). */
  searchIds: string[];
  /** Numbers whose live capabilities differ from `capabilities` (found by refresh). */
  capabilityDrift: string[];
  /** Random id of this resource instance, set by create (absent in state written before it existed); see `shared/claims.ts`. */
  instanceId?: string;
}

/** Fields whose change would mean releasing the numbers and buying others. */
export const REPURCHASE_FIELDS = ["endpoint", "countryCode", "phoneNumberType", "assignmentType", "areaCode"] as const;

const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}$/;
const show = (v: unknown): string => JSON.stringify(v);

/** `ccvoice:phoneNumbers.orders[name=<name>]`, the setting path of an order in messages. */
export function orderPath(name: unknown): string {
  return `ccvoice:phoneNumbers.orders[name=${String(name)}]`;
}

function describeValue(v: unknown): string {
  return v === undefined || v === null ? "none" : String(v);
}

/**
 * Why changing a field from `olds` to `news` is refused, or undefined when it is allowed.
 * Refused: a field of {@link REPURCHASE_FIELDS}; a lower quantity while `releaseOnDelete` is false.
 *
 * @param olds previous inputs or state (`phoneNumbers` used when present)
 * @param news desired inputs
 */
export function refusedChanges(olds: Partial<PhoneNumberOrderState>, news: PhoneNumberOrderInputs): Failure[] {
  const failures: Failure[] = [];
  const path = orderPath(news.orderName);
  const held = olds.phoneNumbers?.length ?? olds.quantity ?? 0;
  const which = olds.phoneNumbers && olds.phoneNumbers.length > 0 ? ` (${olds.phoneNumbers.join(", ")})` : "";
  for (const field of REPURCHASE_FIELDS) {
    const before = olds[field];
    const after = news[field];
    if (before === after || before === UNKNOWN || after === UNKNOWN) continue;
    failures.push({
      property: field,
      reason:
        `${path}.${field} cannot change from ${describeValue(before)} to ${describeValue(after)}: that would release the order's ${held} number(s)${which} and buy others, ` +
        `and ccvoice never replaces a number order. Keep this order as it is and add a new order for the new numbers; ` +
        `to give these numbers back, remove the order with releaseOnDelete: true`,
    });
  }
  const have = olds.phoneNumbers?.length ?? olds.quantity;
  if (have !== undefined && news.quantity < have && !news.releaseOnDelete) {
    failures.push({
      property: "quantity",
      reason:
        `${path}.quantity cannot go down from ${have} to ${news.quantity} while releaseOnDelete is false: that would release ${have - news.quantity} number(s). ` +
        `Set releaseOnDelete: true on this order to release the most recently bought ones, or keep the quantity and stop using the numbers you do not need`,
    });
  }
  return failures;
}

/**
 * Normalises raw order inputs and lists every bad property (the dynamic provider's `check`),
 * including changes that would need a release and a new purchase when `olds` are given.
 *
 * @param olds previous inputs (`{}` on create)
 * @param raw inputs as received from the engine
 */
export function checkOrderInputs(olds: Record<string, unknown>, raw: Record<string, unknown>): { inputs: PhoneNumberOrderInputs; failures: Failure[] } {
  const failures: Failure[] = [];
  const path = orderPath(raw.orderName);
  if (typeof raw.orderName !== "string" || !NAME.test(raw.orderName)) {
    failures.push({ property: "orderName", reason: `${path}.name must be 1-63 letters, digits, spaces, dots, dashes or underscores, got ${show(raw.orderName)}` });
  }
  if (typeof raw.orderKey !== "string" || raw.orderKey.length === 0) {
    failures.push({ property: "orderKey", reason: `${path} needs an orderKey (the component sets <stack>/<name>), got ${show(raw.orderKey)}` });
  }
  if (typeof raw.countryCode !== "string" || !/^[A-Z]{2}$/.test(raw.countryCode)) {
    failures.push({ property: "countryCode", reason: `${path}.countryCode must be an ISO 3166-1 alpha-2 code in capitals such as US, got ${show(raw.countryCode)}` });
  }
  if (!PHONE_NUMBER_TYPES.includes(raw.phoneNumberType as never)) {
    failures.push({ property: "phoneNumberType", reason: `${path}.phoneNumberType must be one of ${PHONE_NUMBER_TYPES.join(", ")}, got ${show(raw.phoneNumberType)}` });
  }
  const assignmentType = raw.assignmentType ?? "application";
  if (!ASSIGNMENT_TYPES.includes(assignmentType as never)) {
    failures.push({ property: "assignmentType", reason: `${path}.assignmentType must be application or person, got ${show(raw.assignmentType)}` });
  }
  const capabilities = checkCapabilities(raw.capabilities, path, failures, { calling: "inbound+outbound", sms: "none" });
  if (raw.areaCode !== undefined && (typeof raw.areaCode !== "string" || !/^\d{2,5}$/.test(raw.areaCode))) {
    failures.push({ property: "areaCode", reason: `${path}.areaCode must be 2-5 digits such as 425, got ${show(raw.areaCode)}` });
  }
  const quantity = raw.quantity;
  if (typeof quantity !== "number" || !Number.isInteger(quantity) || quantity < 1 || quantity > 100) {
    failures.push({ property: "quantity", reason: `${path}.quantity must be between 1 and 100, got ${show(quantity)}` });
  }
  for (const flag of ["releaseOnDelete", "agreeToNotResell"] as const) {
    if (raw[flag] !== undefined && typeof raw[flag] !== "boolean") {
      failures.push({ property: flag, reason: `${path}.${flag} must be true or false, got ${show(raw[flag])}` });
    }
  }
  const inputs: PhoneNumberOrderInputs = {
    endpoint: String(raw.endpoint ?? ""),
    orderName: String(raw.orderName),
    orderKey: String(raw.orderKey),
    countryCode: String(raw.countryCode),
    phoneNumberType: raw.phoneNumberType as PhoneNumberOrderInputs["phoneNumberType"],
    assignmentType: assignmentType as PhoneNumberOrderInputs["assignmentType"],
    capabilities,
    quantity: Number(quantity),
    releaseOnDelete: raw.releaseOnDelete === true,
    agreeToNotResell: raw.agreeToNotResell === true,
  };
  if (typeof raw.areaCode === "string") inputs.areaCode = raw.areaCode;
  if (typeof raw.purpose === "string") inputs.purpose = raw.purpose;
  if (failures.length === 0 && Object.keys(olds).length > 0) failures.push(...refusedChanges(olds as Partial<PhoneNumberOrderState>, inputs));
  return { inputs, failures };
}

/** In-place changes of an order; `replaces` is always empty (see {@link refusedChanges}). */
export interface OrderDiff {
  changes: boolean;
  replaces: string[];
  stables: string[];
  /** Numbers to buy (quantity above what is held). */
  buy: number;
  /** Numbers to release, newest first (quantity below what is held, `releaseOnDelete` true). */
  release: string[];
  /** Numbers whose capabilities must be set. */
  recapability: string[];
  summary: string[];
}

const sameCaps = (a: Capabilities, b: Capabilities): boolean => a.calling === b.calling && a.sms === b.sms;

/**
 * The in-place diff of an order: numbers to buy or release, capabilities to set, state-only changes.
 *
 * @param olds recorded state
 * @param news normalised desired inputs
 * @throws Error with the explanation of {@link refusedChanges} when the change would re-purchase
 */
export function diffOrder(olds: PhoneNumberOrderState, news: PhoneNumberOrderInputs): OrderDiff {
  const refused = refusedChanges(olds, news);
  if (refused.length > 0) throw new Error(refused.map((f) => f.reason).join("\n"));
  const summary: string[] = [];
  const held = olds.phoneNumbers.length;
  const buy = Math.max(0, news.quantity - held);
  const release = news.quantity < held ? olds.phoneNumbers.slice(news.quantity).reverse() : [];
  if (buy > 0) summary.push(`buy ${buy} number(s) (the order holds ${held} of ${news.quantity})`);
  if (release.length > 0) summary.push(`release ${release.join(", ")} (releaseOnDelete is true)`);
  const kept = olds.phoneNumbers.slice(0, Math.min(held, news.quantity));
  let recapability: string[] = [];
  if (!sameCaps(olds.capabilities, news.capabilities)) {
    recapability = kept;
    summary.push(`capabilities calling ${olds.capabilities.calling} → ${news.capabilities.calling}, sms ${olds.capabilities.sms} → ${news.capabilities.sms} on ${kept.length} number(s)`);
  } else if (olds.capabilityDrift.length > 0) {
    recapability = olds.capabilityDrift.filter((n) => kept.includes(n));
    summary.push(`restore capabilities on ${recapability.join(", ")} (changed outside ccvoice)`);
  }
  for (const field of ["releaseOnDelete", "purpose", "orderName", "orderKey", "agreeToNotResell"] as const) {
    if (olds[field] !== news[field]) summary.push(`${field} ${describeValue(olds[field])} → ${describeValue(news[field])}`);
  }
  const stables = [...REPURCHASE_FIELDS, ...(buy === 0 && release.length === 0 ? ["phoneNumbers", "searchIds"] : [])];
  return { changes: summary.length > 0, replaces: [], stables, buy, release, recapability, summary };
}
