/**
 * Phone number operations on numbers already bought, through `PhoneNumbersClient`: look-up, list,
 * release, capabilities. Buying is in `buyBatch.ts`.
 */
import type { PurchasedPhoneNumber } from "@azure/communication-phone-numbers";
import { acsErrorInfo, describeAcsError } from "../shared/acsError";
import type { PhoneNumbersContext } from "./client";
import type { Capabilities } from "./capabilities";

/**
 * Waits for a long-running operation for at most `ctx.lroTimeoutMs`, then stops polling and fails
 * (the SDK's pollers would wait for ever on an operation that stays `running`).
 *
 * @param poller what a `begin*` method returned
 * @throws the operation's own error, or Error saying it did not finish in time
 */
export async function untilDone<T>(ctx: PhoneNumbersContext, poller: { pollUntilDone(): Promise<T>; stopPolling(): void }): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      poller.stopPolling();
      reject(new Error(`the long-running operation did not finish within ${ctx.lroTimeoutMs} ms (CCVOICE_ACS_LRO_TIMEOUT_MS); check it in the Azure portal, then run again`));
    }, ctx.lroTimeoutMs);
  });
  try {
    return await Promise.race([poller.pollUntilDone(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Which of `numbers` are on the resource (one `GET /phoneNumbers/{n}` each; 404 means absent).
 * @throws Error for answers other than 200 and 404
 */
export async function lookupNumbers(ctx: PhoneNumbersContext, numbers: string[]): Promise<PurchasedPhoneNumber[]> {
  const found: PurchasedPhoneNumber[] = [];
  for (const n of numbers) {
    try {
      found.push(await ctx.client.getPurchasedPhoneNumber(n));
    } catch (error) {
      if (acsErrorInfo(error).status === 404) continue;
      throw describeAcsError(error, `looking up ${n}`, ctx.endpoint);
    }
  }
  return found;
}

/** Every number on the resource (paged `GET /phoneNumbers`), keyed by number. */
export async function listAllNumbers(ctx: PhoneNumbersContext): Promise<Map<string, PurchasedPhoneNumber>> {
  const all = new Map<string, PurchasedPhoneNumber>();
  try {
    for await (const n of ctx.client.listPurchasedPhoneNumbers()) all.set(n.phoneNumber, n);
  } catch (error) {
    throw describeAcsError(error, "listing the purchased phone numbers", ctx.endpoint);
  }
  return all;
}

/** Above this many numbers, one paged list is cheaper than one look-up per number. */
export const LIST_THRESHOLD = 20;

/**
 * The given numbers that are on the resource, keyed by number: one look-up each for up to
 * {@link LIST_THRESHOLD} numbers, else one paged list of all numbers (100 per page).
 */
export async function fetchNumbers(ctx: PhoneNumbersContext, numbers: string[]): Promise<Map<string, PurchasedPhoneNumber>> {
  if (numbers.length <= LIST_THRESHOLD) return new Map((await lookupNumbers(ctx, numbers)).map((n) => [n.phoneNumber, n]));
  const all = await listAllNumbers(ctx);
  return new Map(numbers.filter((n) => all.has(n)).map((n) => [n, all.get(n) as PurchasedPhoneNumber]));
}

/** Releases numbers one after the other (`DELETE /phoneNumbers/{n}`, long-running). */
export async function releaseNumbers(ctx: PhoneNumbersContext, numbers: string[]): Promise<void> {
  for (const n of numbers) {
    try {
      await untilDone(ctx, await ctx.client.beginReleasePhoneNumber(n, ctx.poll));
    } catch (error) {
      if (acsErrorInfo(error).status === 404) continue; // already gone
      throw describeAcsError(error, `releasing ${n}`, ctx.endpoint);
    }
  }
}

/** Sets the capabilities of numbers one after the other (`PATCH .../capabilities`, long-running). */
export async function setCapabilities(ctx: PhoneNumbersContext, numbers: string[], capabilities: Capabilities): Promise<void> {
  for (const n of numbers) {
    try {
      await untilDone(ctx, await ctx.client.beginUpdatePhoneNumberCapabilities(n, capabilities, ctx.poll));
    } catch (error) {
      throw describeAcsError(error, `setting calling ${capabilities.calling} / sms ${capabilities.sms} on ${n}`, ctx.endpoint);
    }
  }
}

