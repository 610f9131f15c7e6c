/**
 * Pure logic of `AdoptedPhoneNumbers`: numbers already on the ACS resource (bought earlier, or
 * ported) brought under management. Check, diff, and what to do per number. No Azure imports.
 */
import { UNKNOWN } from "../shared/acsEndpoint";
import { checkCapabilities, type Capabilities, type Failure } from "./capabilities";

const E164 = /^\+[1-9]\d{6,14}$/;
const PATH = "ccvoice:phoneNumbers.adopt";
const show = (v: unknown): string => JSON.stringify(v);

/** One adopted number. */
export interface AdoptedNumberInput {
  phoneNumber: string;
  /** Capabilities to enforce. @default unset — the live capabilities are kept as they are */
  capabilities?: Capabilities;
  /** Release the number when it leaves management. @default false */
  releaseOnDelete: boolean;
  /** What the number is for (read by policies); not sent. */
  purpose?: string;
}

/** Normalised inputs of `AdoptedPhoneNumbers`. */
export interface AdoptedPhoneNumbersInputs {
  endpoint: string;
  numbers: AdoptedNumberInput[];
}

/** What the service says about an adopted number. */
export interface AdoptedNumberDetail {
  phoneNumber: string;
  countryCode: string;
  phoneNumberType: string;
  assignmentType: string;
  capabilities: Capabilities;
}

/** State (outputs) of `AdoptedPhoneNumbers`. */
export interface AdoptedPhoneNumbersState extends AdoptedPhoneNumbersInputs {
  /** Live details of the adopted numbers present on the resource, in input order. */
  details: AdoptedNumberDetail[];
  /** Adopted numbers no longer on the resource (found by refresh). */
  missing: string[];
  /** Random id of this resource instance, set by create (absent in state written before it existed); see `shared/claims.ts`. */
  instanceId?: string;
}

/**
 * Normalises and checks the adopted numbers; an endpoint change is refused (numbers belong to one
 * ACS resource).
 *
 * @param olds previous inputs (`{}` on create)
 * @param raw inputs as received from the engine
 */
export function checkAdoptedInputs(olds: Record<string, unknown>, raw: Record<string, unknown>): { inputs: AdoptedPhoneNumbersInputs; failures: Failure[] } {
  const failures: Failure[] = [];
  const list = Array.isArray(raw.numbers) ? raw.numbers : [];
  if (!Array.isArray(raw.numbers)) failures.push({ property: "numbers", reason: `${PATH} must be a list of numbers, got ${show(raw.numbers)}` });
  const seen = new Map<string, number>();
  const numbers = list.map((item: unknown, i: number): AdoptedNumberInput => {
    const n = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
    const path = `${PATH}[${i}]`;
    if (typeof n.phoneNumber !== "string" || !E164.test(n.phoneNumber)) {
      failures.push({ property: `numbers[${i}].phoneNumber`, reason: `${path}.phoneNumber must be an E.164 number such as +14255550100, got ${show(n.phoneNumber)}` });
    } else if (seen.has(n.phoneNumber)) {
      failures.push({ property: `numbers[${i}].phoneNumber`, reason: `${path}.phoneNumber repeats ${n.phoneNumber} from ${PATH}[${seen.get(n.phoneNumber)}]; list each number once` });
    } else seen.set(n.phoneNumber, i);
    if (n.releaseOnDelete !== undefined && typeof n.releaseOnDelete !== "boolean") {
      failures.push({ property: `numbers[${i}].releaseOnDelete`, reason: `${path}.releaseOnDelete must be true or false, got ${show(n.releaseOnDelete)}` });
    }
    const out: AdoptedNumberInput = { phoneNumber: String(n.phoneNumber), releaseOnDelete: n.releaseOnDelete === true };
    if (n.capabilities !== undefined) {
      const sub: Failure[] = [];
      out.capabilities = checkCapabilities(n.capabilities, path, sub, { calling: "inbound+outbound", sms: "none" });
      failures.push(...sub.map((f) => ({ ...f, property: `numbers[${i}].${f.property}` })));
    }
    if (typeof n.purpose === "string") out.purpose = n.purpose;
    return out;
  });
  const endpoint = String(raw.endpoint ?? "");
  const before = olds.endpoint;
  if (typeof before === "string" && before !== endpoint && before !== UNKNOWN && endpoint !== UNKNOWN) {
    failures.push({
      property: "endpoint",
      reason: `the ACS endpoint of the adopted numbers cannot change from ${before} to ${endpoint}: numbers belong to one ACS resource. Remove them from ${PATH} of this stack and adopt them where they now live`,
    });
  }
  return { inputs: { endpoint, numbers }, failures };
}

/** What an update does, per number. */
export interface AdoptedPlan {
  /** Numbers newly adopted (to verify on the resource). */
  adopt: string[];
  /** Numbers leaving management that are released (`releaseOnDelete` was true). */
  release: string[];
  /** Numbers leaving management that are kept. */
  forget: string[];
  /** Numbers whose capabilities must be set, with the desired value. */
  recapability: Array<{ phoneNumber: string; capabilities: Capabilities }>;
  summary: string[];
}

/**
 * Plans an update from the recorded state to the desired numbers. Capabilities are set where the
 * input names them and the live value differs.
 *
 * @param olds recorded state
 * @param news normalised desired inputs
 */
export function planAdopted(olds: AdoptedPhoneNumbersState, news: AdoptedPhoneNumbersInputs): AdoptedPlan {
  const before = new Map(olds.numbers.map((n) => [n.phoneNumber, n]));
  const live = new Map(olds.details.map((d) => [d.phoneNumber, d]));
  const wanted = new Set(news.numbers.map((n) => n.phoneNumber));
  const plan: AdoptedPlan = { adopt: [], release: [], forget: [], recapability: [], summary: [] };
  for (const n of news.numbers) {
    if (!before.has(n.phoneNumber) || olds.missing.includes(n.phoneNumber)) {
      plan.adopt.push(n.phoneNumber);
      continue;
    }
    const current = live.get(n.phoneNumber)?.capabilities;
    if (n.capabilities && current && (current.calling !== n.capabilities.calling || current.sms !== n.capabilities.sms)) {
      plan.recapability.push({ phoneNumber: n.phoneNumber, capabilities: n.capabilities });
    }
    const o = before.get(n.phoneNumber);
    if (o && (o.releaseOnDelete !== n.releaseOnDelete || o.purpose !== n.purpose)) plan.summary.push(`${n.phoneNumber}: releaseOnDelete or purpose changed`);
  }
  for (const o of olds.numbers) {
    if (wanted.has(o.phoneNumber)) continue;
    (o.releaseOnDelete ? plan.release : plan.forget).push(o.phoneNumber);
  }
  if (plan.adopt.length > 0) plan.summary.unshift(`adopt ${plan.adopt.join(", ")}`);
  if (plan.recapability.length > 0) plan.summary.push(`set capabilities on ${plan.recapability.map((r) => r.phoneNumber).join(", ")}`);
  if (plan.release.length > 0) plan.summary.push(`release ${plan.release.join(", ")} (releaseOnDelete is true)`);
  if (plan.forget.length > 0) plan.summary.push(`stop managing ${plan.forget.join(", ")} (kept on the resource)`);
  return plan;
}
