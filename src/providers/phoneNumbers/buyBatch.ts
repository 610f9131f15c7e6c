/**
 * Buying a batch of numbers for an order: one search, then the purchase before `searchExpiresBy`,
 * serialised per process, journaled, and verified by look-up when the purchase answer is unclear.
 *
 * Quotas (limits-and-reliability A2): about 5 searches per tenant per week and one purchase at a time.
 * So: exactly one search per batch (never a second one to "retry"), and the search-and-purchase of a
 * batch runs under an in-process lock; across processes, Pulumi runs all dynamic resources of one
 * deployment in one provider process; concurrent deployments are not serialised.
 */
import { describeAcsError } from "../shared/acsError";
import { withProcessLock } from "../shared/processLock";
import type { PhoneNumbersContext } from "./client";
import { journalDir, orderEntries, readJournal, writeJournal, type JournalEntry } from "./journal";
import { orderPath, type PhoneNumberOrderInputs } from "./logic";
import { lookupNumbers, untilDone } from "./numberOperations";

/** A search must leave at least this long before `searchExpiresBy` to start a purchase. */
const EXPIRY_MARGIN_MS = 30_000;
/** Look-ups after an unclear purchase answer. */
const SETTLE_LOOKUPS = 30;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Look-ups until every number shows up or the attempts run out. */
async function settle(ctx: PhoneNumbersContext, numbers: string[]): Promise<boolean> {
  for (let i = 0; i < SETTLE_LOOKUPS; i++) {
    if ((await lookupNumbers(ctx, numbers)).length === numbers.length) return true;
    await sleep(ctx.pollIntervalMs);
  }
  return false;
}

async function purchase(ctx: PhoneNumbersContext, order: PhoneNumberOrderInputs, entry: Omit<JournalEntry, "updatedAt">): Promise<void> {
  const path = orderPath(order.orderName);
  if (Date.now() > Date.parse(entry.searchExpiresBy) - EXPIRY_MARGIN_MS) {
    throw new Error(`${path}: search ${entry.searchId} expires at ${entry.searchExpiresBy}, too soon to purchase its numbers; run again to search anew (this uses one of the tenant's weekly searches)`);
  }
  writeJournal({ ...entry, phase: "purchasing" });
  try {
    await untilDone(ctx, await ctx.client.beginPurchasePhoneNumbers(entry.searchId, { ...ctx.poll, agreeToNotResell: order.agreeToNotResell }));
  } catch (error) {
    // The purchase may have gone through although its answer was lost or refused as a duplicate:
    // look the numbers up before failing, and never search or purchase again here.
    if (!(await settle(ctx, entry.phoneNumbers))) {
      throw describeAcsError(error, `${path}: purchasing search ${entry.searchId} (${entry.phoneNumbers.join(", ")})`, ctx.endpoint);
    }
  }
  writeJournal({ ...entry, phase: "purchased" });
}

const sameOrder = (e: JournalEntry, order: PhoneNumberOrderInputs): boolean =>
  e.countryCode === order.countryCode && e.phoneNumberType === order.phoneNumberType && e.assignmentType === order.assignmentType && e.areaCode === order.areaCode;

/**
 * On create: the numbers that earlier attempts of this order (any batch, as the journal records
 * them) left on the resource. All of them are taken when they make up the whole order (a create
 * retried after its answer was lost, or `pulumi up --replace` of an order that had grown); none found
 * lets the create buy; any other count fails rather than buy on top of them.
 */
async function takeEarlierPurchases(ctx: PhoneNumbersContext, order: PhoneNumberOrderInputs, count: number): Promise<{ phoneNumbers: string[]; searchIds: string[] } | undefined> {
  const entries = orderEntries(ctx.endpoint, order.orderKey).filter((e) => sameOrder(e, order));
  const numbers = [...new Set(entries.flatMap((e) => e.phoneNumbers))];
  if (numbers.length === 0) return undefined;
  const found = new Set((await lookupNumbers(ctx, numbers)).map((n) => n.phoneNumber));
  const held = numbers.filter((n) => found.has(n));
  if (held.length === 0) return undefined;
  if (held.length === count) {
    return { phoneNumbers: held, searchIds: entries.filter((e) => e.phoneNumbers.some((n) => found.has(n))).map((e) => e.searchId) };
  }
  throw new Error(
    `${orderPath(order.orderName)}: earlier attempts of this order bought ${held.join(", ")} (still on the ACS resource, not in its state); ccvoice will not buy ${count} more on top. ` +
      `Set quantity to ${held.length} to take them, or add them to ccvoice:phoneNumbers.adopt or release them, then remove this order's files (orderKey ${order.orderKey}) under ${journalDir()}`,
  );
}

/**
 * Buys `count` numbers for an order so that it holds `target`, or finds them when an earlier,
 * interrupted attempt of the same batch already bought them (journal + look-up). On create
 * (`count === target`), numbers that earlier attempts of the order bought in other batches are taken
 * or refused too (see {@link takeEarlierPurchases}), so a retried or replaced create never buys twice.
 *
 * @param ctx client context
 * @param order normalised order inputs
 * @param count numbers to buy in this batch
 * @param target the order size after the batch (part of the batch key)
 * @returns the batch's numbers and the searches they came from
 * @throws Error naming the order when the search finds too few numbers, needs a not-resell agreement,
 *   expires before the purchase, the purchase fails, or earlier attempts left numbers that are not the
 *   whole order
 */
export async function buyBatch(
  ctx: PhoneNumbersContext,
  order: PhoneNumberOrderInputs,
  count: number,
  target: number,
): Promise<{ phoneNumbers: string[]; searchIds: string[] }> {
  const path = orderPath(order.orderName);
  return withProcessLock(`acs-phone-number-purchase`, async () => {
    const previous = readJournal(ctx.endpoint, order.orderKey, target);
    const same = previous && sameOrder(previous, order) && previous.phoneNumbers.length === count;
    if (previous && same) {
      const found = await lookupNumbers(ctx, previous.phoneNumbers);
      if (found.length === count) {
        writeJournal({ ...previous, phase: "purchased" });
        return { phoneNumbers: previous.phoneNumbers, searchIds: [previous.searchId] };
      }
      if (found.length > 0) {
        throw new Error(
          `${path}: an earlier attempt bought ${found.length} of the ${count} numbers of search ${previous.searchId} (${found.map((f) => f.phoneNumber).join(", ")}); ` +
            `ccvoice will not buy more on top. Add them to ccvoice:phoneNumbers.adopt or release them, then remove the journal file of this order under ${process.env.CCVOICE_STATE_DIR ?? "~/.ccvoice"}/phone-number-orders`,
        );
      }
      if (previous.phase !== "purchased" && Date.now() <= Date.parse(previous.searchExpiresBy) - EXPIRY_MARGIN_MS) {
        await purchase(ctx, order, previous);
        return { phoneNumbers: previous.phoneNumbers, searchIds: [previous.searchId] };
      }
    }
    if (count === target) {
      const earlier = await takeEarlierPurchases(ctx, order, count);
      if (earlier) return earlier;
    }

    let result;
    try {
      const poller = await ctx.client.beginSearchAvailablePhoneNumbers(
        {
          countryCode: order.countryCode,
          phoneNumberType: order.phoneNumberType,
          assignmentType: order.assignmentType,
          capabilities: order.capabilities,
          ...(order.areaCode ? { areaCode: order.areaCode } : {}),
          quantity: count,
        },
        ctx.poll,
      );
      result = await untilDone(ctx, poller);
    } catch (error) {
      throw describeAcsError(error, `${path}: searching ${count} ${order.phoneNumberType} number(s) in ${order.countryCode}${order.areaCode ? ` area ${order.areaCode}` : ""}`, ctx.endpoint);
    }
    if (result.phoneNumbers.length < count) {
      throw new Error(`${path}: the search found ${result.phoneNumbers.length} of ${count} ${order.phoneNumberType} number(s) in ${order.countryCode}${order.areaCode ? ` area ${order.areaCode}` : ""}; lower the quantity, drop or change the areaCode in a new order, and note that each search uses one of the tenant's weekly searches`);
    }
    if (result.isAgreementToNotResellRequired && !order.agreeToNotResell) {
      throw new Error(`${path}: numbers in ${order.countryCode} require agreeing not to resell them; ccvoice does not agree on your behalf: set agreeToNotResell on the order`);
    }
    const entry: Omit<JournalEntry, "updatedAt"> = {
      endpoint: ctx.endpoint,
      orderKey: order.orderKey,
      target,
      countryCode: order.countryCode,
      phoneNumberType: order.phoneNumberType,
      assignmentType: order.assignmentType,
      ...(order.areaCode ? { areaCode: order.areaCode } : {}),
      searchId: result.searchId,
      phoneNumbers: result.phoneNumbers,
      searchExpiresBy: new Date(result.searchExpiresBy).toISOString(),
      phase: "searched",
    };
    writeJournal(entry);
    await purchase(ctx, order, entry);
    return { phoneNumbers: result.phoneNumbers, searchIds: [result.searchId] };
  });
}
