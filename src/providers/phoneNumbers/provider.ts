/**
 * The dynamic providers behind `PhoneNumberOrder` and `AdoptedPhoneNumbers`.
 *
 * Never release by accident: `delete` keeps the numbers unless `releaseOnDelete` is true; a change
 * that would need release + re-purchase (endpoint, country, type, assignment, area code) fails in
 * `check`, `diff` and `update` with an explanation instead of replacing; and a number that another
 * resource of the same deployment holds (an order's replacement, the adopted list it moved to) is
 * never released, whatever `releaseOnDelete` says (see `shared/claims.ts`).
 *
 * Credentials are read when a method runs (`CCVOICE_ACS_ACCESS_KEY`, else DefaultAzureCredential),
 * never taken from inputs and never captured by these serialized objects.
 */
import type { PurchasedPhoneNumber } from "@azure/communication-phone-numbers";
import type * as pulumi from "@pulumi/pulumi";
import { UNKNOWN, endpointProblem, normalizeEndpoint } from "../shared/acsEndpoint";
import { claim, claimsOfOthers, newInstanceId, ownerOf } from "../shared/claims";
import { checkAdoptedInputs, planAdopted, type AdoptedNumberDetail, type AdoptedPhoneNumbersInputs, type AdoptedPhoneNumbersState } from "./adoptedLogic";
import { createPhoneNumbersContext, type PhoneNumbersContext } from "./client";
import { buyBatch } from "./buyBatch";
import { forgetOrder } from "./journal";
import type { Capabilities, Failure } from "./capabilities";
import { checkOrderInputs, diffOrder, type PhoneNumberOrderInputs, type PhoneNumberOrderState } from "./logic";
import { fetchNumbers, releaseNumbers, setCapabilities } from "./numberOperations";

function checkEndpoint(inputs: { endpoint: string }, raw: Record<string, unknown>, failures: Failure[]): void {
  if (inputs.endpoint === UNKNOWN) return;
  const problem = endpointProblem(raw.endpoint, "endpoint (the ACS resource endpoint)");
  if (problem) failures.push({ property: "endpoint", reason: problem });
  else inputs.endpoint = normalizeEndpoint(inputs.endpoint);
}

/**
 * The raw inputs with the endpoint in its normal form, so that the comparison with the recorded
 * (normalised) endpoint does not take `https://X.../` for another ACS resource. Problems with the
 * endpoint are still reported from the raw value by {@link checkEndpoint}.
 */
function normalizedRaw(news: Record<string, unknown>): Record<string, unknown> {
  return typeof news.endpoint === "string" ? { ...news, endpoint: normalizeEndpoint(news.endpoint) } : news;
}

const sameCaps = (a: Capabilities, b: Capabilities): boolean => a.calling === b.calling && a.sms === b.sms;

/** Claim scope of the numbers on one ACS resource. */
const numbersScope = (endpoint: string): string => `numbers:${endpoint}`;

/** Records the numbers a resource instance holds after this deployment. */
function holdNumbers(endpoint: string, owner: string, numbers: string[]): void {
  if (endpoint !== UNKNOWN) claim(numbersScope(endpoint), owner, [...numbers]);
}

/** `numbers` without those another resource of this deployment holds: those are never released. */
function notHeldElsewhere(endpoint: string, owner: string, numbers: string[]): string[] {
  const held = new Set(claimsOfOthers<string[]>(numbersScope(endpoint), owner).flat());
  return numbers.filter((n) => !held.has(n));
}

/**
 * `pulumi.dynamic.ResourceProvider` for `pulumi-nodejs:dynamic/ccvoice-numbers:PhoneNumberOrder`:
 * one search and one purchase per batch, in-place quantity increase and capability updates,
 * drift on refresh, and no release unless `releaseOnDelete`.
 */
export const phoneNumberOrderProvider: pulumi.dynamic.ResourceProvider = {
  async check(olds: Record<string, unknown>, news: Record<string, unknown>) {
    const { inputs, failures } = checkOrderInputs(olds, normalizedRaw(news));
    checkEndpoint(inputs, news, failures);
    return { inputs, failures };
  },

  async diff(id: string, olds: PhoneNumberOrderState, news: PhoneNumberOrderInputs) {
    holdNumbers(olds.endpoint, ownerOf(olds, id), olds.phoneNumbers);
    const { changes, replaces, stables, summary } = diffOrder(olds, news);
    return { changes, replaces, stables, summary };
  },

  async create(inputs: PhoneNumberOrderInputs) {
    const ctx = createPhoneNumbersContext(inputs.endpoint);
    const batch = await buyBatch(ctx, inputs, inputs.quantity, inputs.quantity);
    const outs: PhoneNumberOrderState = { ...inputs, phoneNumbers: batch.phoneNumbers, searchIds: batch.searchIds, capabilityDrift: [], instanceId: newInstanceId() };
    holdNumbers(inputs.endpoint, outs.instanceId as string, outs.phoneNumbers);
    return { id: `${inputs.endpoint}/phoneNumberOrders/${inputs.orderKey}`, outs };
  },

  async read(id: string, props?: PhoneNumberOrderState) {
    if (!props) throw new Error(`cannot read phone number order ${id} without its recorded state; import is not supported, adopt the numbers instead`);
    const ctx = createPhoneNumbersContext(props.endpoint);
    const found = await fetchNumbers(ctx, props.phoneNumbers);
    const phoneNumbers = props.phoneNumbers.filter((n) => found.has(n));
    const capabilityDrift = phoneNumbers.filter((n) => !sameCaps(found.get(n)?.capabilities as Capabilities, props.capabilities));
    return { id, props: { ...props, phoneNumbers, capabilityDrift } };
  },

  async update(id: string, olds: PhoneNumberOrderState, news: PhoneNumberOrderInputs) {
    const plan = diffOrder(olds, news);
    const owner = ownerOf(olds, id);
    const ctx = createPhoneNumbersContext(news.endpoint);
    await releaseNumbers(ctx, notHeldElsewhere(news.endpoint, owner, plan.release));
    let phoneNumbers = olds.phoneNumbers.filter((n) => !plan.release.includes(n));
    await setCapabilities(ctx, plan.recapability, news.capabilities);
    const searchIds = [...olds.searchIds];
    if (plan.buy > 0) {
      const batch = await buyBatch(ctx, news, plan.buy, news.quantity);
      phoneNumbers = [...phoneNumbers, ...batch.phoneNumbers];
      searchIds.push(...batch.searchIds);
    }
    const outs: PhoneNumberOrderState = { ...news, phoneNumbers, searchIds, capabilityDrift: [], ...(olds.instanceId ? { instanceId: olds.instanceId } : {}) };
    holdNumbers(news.endpoint, owner, phoneNumbers);
    return { outs };
  },

  async delete(id: string, props: PhoneNumberOrderState) {
    if (props.releaseOnDelete) {
      const release = notHeldElsewhere(props.endpoint, ownerOf(props, id), props.phoneNumbers);
      if (release.length > 0) await releaseNumbers(createPhoneNumbersContext(props.endpoint), release);
    } // else the numbers stay on the ACS resource, outside any order
    forgetOrder(props.endpoint, props.orderKey);
  },
};

function toDetail(n: PurchasedPhoneNumber): AdoptedNumberDetail {
  return {
    phoneNumber: n.phoneNumber,
    countryCode: n.countryCode,
    phoneNumberType: n.phoneNumberType,
    assignmentType: n.assignmentType,
    capabilities: { calling: n.capabilities.calling, sms: n.capabilities.sms } as Capabilities,
  };
}

/** Verifies numbers exist, sets the capabilities the inputs name, and returns the resulting details. */
async function manage(ctx: PhoneNumbersContext, inputs: AdoptedPhoneNumbersInputs, verify: string[]): Promise<AdoptedNumberDetail[]> {
  const found = await fetchNumbers(ctx, inputs.numbers.map((n) => n.phoneNumber));
  const absent = verify.filter((n) => !found.has(n));
  if (absent.length > 0) {
    throw new Error(
      `ccvoice:phoneNumbers.adopt lists ${absent.join(", ")}, which ${absent.length === 1 ? "is" : "are"} not on the ACS resource ${ctx.endpoint}; ` +
        `buy ${absent.length === 1 ? "it" : "them"} with an order, finish porting, or remove ${absent.length === 1 ? "it" : "them"} from the list`,
    );
  }
  for (const n of inputs.numbers) {
    const live = found.get(n.phoneNumber);
    if (n.capabilities && live && !sameCaps(live.capabilities as Capabilities, n.capabilities)) {
      await setCapabilities(ctx, [n.phoneNumber], n.capabilities);
      live.capabilities = { ...n.capabilities };
    }
  }
  return inputs.numbers.filter((n) => found.has(n.phoneNumber)).map((n) => toDetail(found.get(n.phoneNumber) as PurchasedPhoneNumber));
}

/**
 * `pulumi.dynamic.ResourceProvider` for `pulumi-nodejs:dynamic/ccvoice-numbers:AdoptedPhoneNumbers`:
 * verifies adopted numbers exist, manages the capabilities the inputs name, reports drift on refresh,
 * and releases a number only when it leaves management with `releaseOnDelete` true.
 */
export const adoptedPhoneNumbersProvider: pulumi.dynamic.ResourceProvider = {
  async check(olds: Record<string, unknown>, news: Record<string, unknown>) {
    const { inputs, failures } = checkAdoptedInputs(olds, normalizedRaw(news));
    checkEndpoint(inputs, news, failures);
    return { inputs, failures };
  },

  async diff(id: string, olds: AdoptedPhoneNumbersState, news: AdoptedPhoneNumbersInputs) {
    holdNumbers(news.endpoint, ownerOf(olds, id), news.numbers.map((n) => n.phoneNumber));
    const plan = planAdopted(olds, news);
    const changes = plan.summary.length > 0 || olds.missing.length > 0 || JSON.stringify(olds.numbers) !== JSON.stringify(news.numbers);
    return { changes, replaces: [], stables: ["endpoint"], summary: plan.summary };
  },

  async create(inputs: AdoptedPhoneNumbersInputs) {
    const ctx = createPhoneNumbersContext(inputs.endpoint);
    const detailList = await manage(ctx, inputs, inputs.numbers.map((n) => n.phoneNumber));
    const outs: AdoptedPhoneNumbersState = { ...inputs, details: detailList, missing: [], instanceId: newInstanceId() };
    holdNumbers(inputs.endpoint, outs.instanceId as string, inputs.numbers.map((n) => n.phoneNumber));
    return { id: `${inputs.endpoint}/adoptedPhoneNumbers`, outs };
  },

  async read(id: string, props?: AdoptedPhoneNumbersState) {
    if (!props) throw new Error(`cannot read adopted numbers ${id} without their recorded state`);
    const ctx = createPhoneNumbersContext(props.endpoint);
    const found = await fetchNumbers(ctx, props.numbers.map((n) => n.phoneNumber));
    const detailList = props.numbers.filter((n) => found.has(n.phoneNumber)).map((n) => toDetail(found.get(n.phoneNumber) as PurchasedPhoneNumber));
    const missing = props.numbers.map((n) => n.phoneNumber).filter((n) => !found.has(n));
    return { id, props: { ...props, details: detailList, missing } };
  },

  async update(id: string, olds: AdoptedPhoneNumbersState, news: AdoptedPhoneNumbersInputs) {
    const plan = planAdopted(olds, news);
    const owner = ownerOf(olds, id);
    holdNumbers(news.endpoint, owner, news.numbers.map((n) => n.phoneNumber));
    const ctx = createPhoneNumbersContext(news.endpoint);
    await releaseNumbers(ctx, notHeldElsewhere(news.endpoint, owner, plan.release));
    const detailList = await manage(ctx, news, plan.adopt);
    const outs: AdoptedPhoneNumbersState = { ...news, details: detailList, missing: [], ...(olds.instanceId ? { instanceId: olds.instanceId } : {}) };
    return { outs };
  },

  async delete(id: string, props: AdoptedPhoneNumbersState) {
    const flagged = props.numbers.filter((n) => n.releaseOnDelete).map((n) => n.phoneNumber);
    const release = notHeldElsewhere(props.endpoint, ownerOf(props, id), flagged);
    if (release.length > 0) await releaseNumbers(createPhoneNumbersContext(props.endpoint), release);
  },
};
