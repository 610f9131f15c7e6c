/**
 * The phone number providers against the local ACS emulator, through the real PhoneNumbersClient.
 */
import type * as pulumi from "@pulumi/pulumi";
import { afterEach, describe, expect, it } from "vitest";
import type { AdoptedPhoneNumbersState } from "../../src/providers/phoneNumbers/adoptedLogic";
import type { PhoneNumberOrderInputs, PhoneNumberOrderState } from "../../src/providers/phoneNumbers/logic";
import { adoptedPhoneNumbersProvider, phoneNumberOrderProvider } from "../../src/providers/phoneNumbers/provider";
import { clearClaims } from "../../src/providers/shared/claims";
import type { AcsEmulatorOptions } from "../emulators/acs/acsEmulator";
import { emulatorEnv } from "./acsTestEnv";

const orders = phoneNumberOrderProvider as Required<pulumi.dynamic.ResourceProvider>;
const adopted = adoptedPhoneNumbersProvider as Required<pulumi.dynamic.ResourceProvider>;

let env: Awaited<ReturnType<typeof emulatorEnv>> | undefined;
afterEach(async () => {
  await env?.restore();
  env = undefined;
});

async function start(options: AcsEmulatorOptions = {}) {
  env = await emulatorEnv(options);
  return env.acs;
}

async function order(endpoint: string, change: Record<string, unknown> = {}, olds: Record<string, unknown> = {}): Promise<PhoneNumberOrderInputs> {
  const raw = { endpoint, orderName: "us-callback", orderKey: "prod/us-callback", countryCode: "US", phoneNumberType: "geographic", areaCode: "425", quantity: 3, ...change };
  const { inputs, failures } = await orders.check(olds, raw);
  expect(failures).toEqual([]);
  return inputs as PhoneNumberOrderInputs;
}

describe("phoneNumberOrderProvider", () => {
  it("buys the quantity with one search and one purchase and outputs the numbers", async () => {
    const acs = await start();
    const { id, outs } = await orders.create(await order(acs.endpoint));
    expect(id).toBe(`${acs.endpoint}/phoneNumberOrders/prod/us-callback`);
    expect((outs as PhoneNumberOrderState).phoneNumbers).toEqual(["+14250000001", "+14250000002", "+14250000003"]);
    expect(acs.numbers.ledger.searches).toBe(1);
    expect(acs.numbers.ledger.purchases.map((p) => p.phoneNumbers.length)).toEqual([3]);
  });

  it("keeps the numbers on delete by default and releases them only with releaseOnDelete", async () => {
    const acs = await start();
    const { id, outs } = await orders.create(await order(acs.endpoint));
    acs.clearLog();
    await orders.delete(id, outs);
    expect(acs.requests).toEqual([]);
    expect(acs.numbers.purchased.size).toBe(3);
    await orders.delete(id, { ...outs, releaseOnDelete: true });
    expect(acs.numbers.ledger.releases).toEqual(["+14250000001", "+14250000002", "+14250000003"]);
    expect(acs.numbers.purchased.size).toBe(0);
  });

  it("updates capabilities in place and buys only the difference when the quantity goes up", async () => {
    const acs = await start();
    const { outs } = await orders.create(await order(acs.endpoint));
    const news = await order(acs.endpoint, { quantity: 5, capabilities: { calling: "inbound", sms: "none" } }, outs);
    expect(await orders.diff("id", outs, news)).toMatchObject({ changes: true, replaces: [] });
    const { outs: after } = await orders.update("id", outs, news);
    expect((after as PhoneNumberOrderState).phoneNumbers).toHaveLength(5);
    expect(acs.numbers.ledger.searches).toBe(2);
    expect([...acs.numbers.purchased.values()].map((n) => n.capabilities.calling)).toEqual(["inbound", "inbound", "inbound", "inbound", "inbound"]);
  });

  it("fails when a change would need release + re-purchase, in check, diff and update, and writes nothing", async () => {
    const acs = await start();
    const { outs } = await orders.create(await order(acs.endpoint));
    const oldInputs = await order(acs.endpoint);
    const { failures } = await orders.check(oldInputs, { ...oldInputs, countryCode: "CA", areaCode: "416" });
    expect(failures?.map((f) => f.property)).toEqual(["countryCode", "areaCode"]);
    expect(failures?.[0]?.reason).toBe(
      "ccvoice:phoneNumbers.orders[name=us-callback].countryCode cannot change from US to CA: that would release the order's 3 number(s) and buy others, and ccvoice never replaces a number order. Keep this order as it is and add a new order for the new numbers; to give these numbers back, remove the order with releaseOnDelete: true",
    );
    const news = { ...(outs as PhoneNumberOrderInputs), countryCode: "CA" };
    await expect(orders.diff("id", outs, news)).rejects.toThrow("countryCode cannot change from US to CA: that would release the order's 3 number(s) (+14250000001, +14250000002, +14250000003)");
    acs.clearLog();
    await expect(orders.update("id", outs, news)).rejects.toThrow("ccvoice never replaces a number order");
    expect(acs.requests).toEqual([]);
  });

  it("does not buy twice when the purchase answer is lost", async () => {
    const acs = await start({ faults: { lose: [{ method: "POST", path: /:purchase$/ }] } });
    const { outs } = await orders.create(await order(acs.endpoint));
    expect((outs as PhoneNumberOrderState).phoneNumbers).toEqual(["+14250000001", "+14250000002", "+14250000003"]);
    expect(acs.requests.filter((r) => r.path.endsWith(":purchase")).map((r) => r.status)).toEqual(["lost", 409]);
    expect(acs.numbers.ledger.searches).toBe(1);
    expect(acs.numbers.ledger.purchases).toHaveLength(1);
  });

  it("finds the numbers an interrupted create bought when the create is retried (journal + look-up)", async () => {
    const acs = await start({ lroMs: 400, faults: { lose: [{ method: "POST", path: /:purchase$/ }] } });
    process.env.CCVOICE_ACS_MAX_RETRIES = "0";
    const inputs = await order(acs.endpoint);
    await expect(orders.create(inputs)).rejects.toThrow("ccvoice:phoneNumbers.orders[name=us-callback]: purchasing search");
    await new Promise((r) => setTimeout(r, 450));
    const { outs } = await orders.create(inputs);
    expect((outs as PhoneNumberOrderState).phoneNumbers).toEqual(["+14250000001", "+14250000002", "+14250000003"]);
    expect(acs.numbers.ledger.searches).toBe(1);
    expect(acs.numbers.ledger.purchases).toHaveLength(1);
  });

  it("fails instead of buying again when an interrupted create is retried with another quantity", async () => {
    const acs = await start({ lroMs: 400, faults: { lose: [{ method: "POST", path: /:purchase$/ }] } });
    process.env.CCVOICE_ACS_MAX_RETRIES = "0";
    await expect(orders.create(await order(acs.endpoint))).rejects.toThrow("purchasing search");
    await new Promise((r) => setTimeout(r, 450));
    await expect(orders.create(await order(acs.endpoint, { quantity: 4 }))).rejects.toThrow(
      "ccvoice:phoneNumbers.orders[name=us-callback]: earlier attempts of this order bought +14250000001, +14250000002, +14250000003 (still on the ACS resource, not in its state); ccvoice will not buy 4 more on top. " +
        "Set quantity to 3 to take them, or add them to ccvoice:phoneNumbers.adopt or release them, then remove this order's files (orderKey prod/us-callback) under",
    );
    expect(acs.numbers.ledger.searches).toBe(1);
    expect(acs.numbers.ledger.purchases).toHaveLength(1);
  });

  it("takes back every number of an enlarged order when it is replaced (pulumi up --replace), buying none", async () => {
    const acs = await start();
    const { id, outs } = await orders.create(await order(acs.endpoint, { releaseOnDelete: true }));
    const bigger = await order(acs.endpoint, { releaseOnDelete: true, quantity: 5 }, outs);
    const { outs: enlarged } = await orders.update(id, outs, bigger);
    clearClaims();
    const { outs: replacement } = await orders.create(bigger);
    expect((replacement as PhoneNumberOrderState).phoneNumbers).toEqual((enlarged as PhoneNumberOrderState).phoneNumbers);
    await orders.delete(id, enlarged);
    expect(acs.numbers.ledger.purchases).toHaveLength(2);
    expect(acs.numbers.ledger.releases).toEqual([]);
  });

  it("forgets a deleted order's purchases: an order of the same name created later buys its own numbers", async () => {
    const acs = await start();
    const inputs = await order(acs.endpoint);
    const { id, outs } = await orders.create(inputs);
    await orders.delete(id, outs);
    const { outs: again } = await orders.create(inputs);
    expect((again as PhoneNumberOrderState).phoneNumbers).toEqual(["+14250000004", "+14250000005", "+14250000006"]);
    expect(acs.numbers.purchased.size).toBe(6);
  });

  it("converges with 30% injected 429/503 answers, serialises purchases and never buys twice", async () => {
    const acs = await start({ faults: { rate: 0.3, retryAfterMs: 1, seed: 11 } });
    const results = await Promise.all(
      ["us-a", "us-b", "us-c"].map(async (name) => orders.create(await order(acs.endpoint, { orderName: name, orderKey: `prod/${name}`, quantity: 4 }))),
    );
    expect(results.map((r) => (r.outs as PhoneNumberOrderState).phoneNumbers.length)).toEqual([4, 4, 4]);
    expect(acs.requests.filter((r) => r.injected).length).toBeGreaterThanOrEqual(3);
    expect(acs.numbers.ledger.searches).toBe(3);
    expect(acs.numbers.ledger.purchases).toHaveLength(3);
    expect(acs.numbers.ledger.maxConcurrentPurchases).toBe(1);
    expect(new Set(results.flatMap((r) => (r.outs as PhoneNumberOrderState).phoneNumbers)).size).toBe(12);
  });

  it("reports drift on refresh: a number released and a capability changed outside ccvoice", async () => {
    const acs = await start();
    const { id, outs } = await orders.create(await order(acs.endpoint));
    acs.numbers.purchased.delete("+14250000003");
    (acs.numbers.purchased.get("+14250000002") as { capabilities: { calling: string } }).capabilities.calling = "none";
    const { props } = await orders.read(id, outs);
    expect(props).toMatchObject({ phoneNumbers: ["+14250000001", "+14250000002"], capabilityDrift: ["+14250000002"] });
    expect(((await orders.diff(id, props, await order(acs.endpoint))) as { summary: string[] }).summary).toEqual([
      "buy 1 number(s) (the order holds 2 of 3)",
      "restore capabilities on +14250000002 (changed outside ccvoice)",
    ]);
  });

  it("fails at once when a search is throttled with a Retry-After beyond CCVOICE_ACS_MAX_RETRY_DELAY_MS", { timeout: 5000 }, async () => {
    const acs = await start({ faults: { rate: 1, statuses: [429], retryAfterMs: 604_800_000, only: /:search$/ } });
    await expect(orders.create(await order(acs.endpoint))).rejects.toThrow(
      `ccvoice:phoneNumbers.orders[name=us-callback]: searching 3 geographic number(s) in US area 425 on ${acs.endpoint} failed with HTTP 429 TooManyRequests: the service asked to wait 604800 s before retrying (Retry-After), more than CCVOICE_ACS_MAX_RETRY_DELAY_MS allows (4 ms)`,
    );
    expect(acs.requests.map((r) => `${r.path} ${r.status}`)).toEqual(["/availablePhoneNumbers/countries/US/:search 429"]);
  });

  it("fails, naming the operation, when a long-running operation outlasts CCVOICE_ACS_LRO_TIMEOUT_MS", { timeout: 5000 }, async () => {
    const acs = await start({ lroMs: 600_000 });
    process.env.CCVOICE_ACS_LRO_TIMEOUT_MS = "200";
    await expect(orders.create(await order(acs.endpoint))).rejects.toThrow(
      `ccvoice:phoneNumbers.orders[name=us-callback]: searching 3 geographic number(s) in US area 425 on ${acs.endpoint} failed: the long-running operation did not finish within 200 ms (CCVOICE_ACS_LRO_TIMEOUT_MS); check it in the Azure portal, then run again`,
    );
    expect(acs.numbers.ledger.purchases).toEqual([]);
  });

  it("fails with a clear message when the access key is wrong", async () => {
    const acs = await start();
    process.env.CCVOICE_ACS_ACCESS_KEY = Buffer.from("old key").toString("base64");
    await expect(orders.create(await order(acs.endpoint))).rejects.toThrow(
      `ccvoice:phoneNumbers.orders[name=us-callback]: searching 3 geographic number(s) in US area 425 on ${acs.endpoint} failed with HTTP 401 Unauthorized`,
    );
    expect(acs.numbers.ledger.searches).toBe(0);
  });
});

describe("check of an endpoint written another way", () => {
  const ENDPOINT = "https://contoso-cc.unitedstates.communication.azure.com";
  const raw = { endpoint: ENDPOINT, orderName: "us-callback", orderKey: "prod/us-callback", countryCode: "US", phoneNumberType: "geographic", quantity: 3 };

  it.each([
    ["PhoneNumberOrder", orders, raw],
    ["AdoptedPhoneNumbers", adopted, { endpoint: ENDPOINT, numbers: [{ phoneNumber: "+14255550100" }] }],
  ])("%s: the same ACS endpoint in capitals with a trailing slash is no change", async (_name, provider, news) => {
    const { inputs: olds } = await provider.check({}, news);
    const { inputs, failures } = await provider.check(olds, { ...news, endpoint: "https://Contoso-CC.unitedstates.communication.azure.com/" });
    expect(failures).toEqual([]);
    expect((inputs as { endpoint: string }).endpoint).toBe(ENDPOINT);
  });
});

describe("adoptedPhoneNumbersProvider", () => {
  const existing = [
    { phoneNumber: "+14255550100", capabilities: { calling: "inbound", sms: "none" } },
    { phoneNumber: "+14255550101" },
  ];

  async function adopt(endpoint: string, numbers: unknown[]) {
    const { inputs, failures } = await adopted.check({}, { endpoint, numbers });
    expect(failures).toEqual([]);
    return inputs;
  }

  it("verifies the numbers exist, enforces the capabilities given, and keeps them on delete", async () => {
    const acs = await start({ purchased: existing });
    const inputs = await adopt(acs.endpoint, [{ phoneNumber: "+14255550100", capabilities: { calling: "inbound+outbound", sms: "none" } }, { phoneNumber: "+14255550101" }]);
    const { id, outs } = await adopted.create(inputs);
    expect((outs as AdoptedPhoneNumbersState).details.map((d) => `${d.phoneNumber} ${d.capabilities.calling}`)).toEqual(["+14255550100 inbound+outbound", "+14255550101 inbound+outbound"]);
    await adopted.delete(id, outs);
    expect(acs.numbers.purchased.size).toBe(2);
  });

  it("fails when an adopted number is not on the resource", async () => {
    const acs = await start({ purchased: existing });
    await expect(adopted.create(await adopt(acs.endpoint, [{ phoneNumber: "+14255550199" }]))).rejects.toThrow(
      `ccvoice:phoneNumbers.adopt lists +14255550199, which is not on the ACS resource ${acs.endpoint}; buy it with an order, finish porting, or remove it from the list`,
    );
  });

  it("releases a number leaving management only when its releaseOnDelete is true", async () => {
    const acs = await start({ purchased: existing });
    const { outs } = await adopted.create(await adopt(acs.endpoint, [{ phoneNumber: "+14255550100", releaseOnDelete: true }, { phoneNumber: "+14255550101" }]));
    await adopted.update("id", outs, await adopt(acs.endpoint, []));
    expect(acs.numbers.ledger.releases).toEqual(["+14255550100"]);
    expect([...acs.numbers.purchased.keys()]).toEqual(["+14255550101"]);
  });

  it("uses one paged list instead of a look-up per number for many numbers", async () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ phoneNumber: `+1425556${String(i).padStart(4, "0")}` }));
    const acs = await start({ purchased: many });
    await adopted.create(await adopt(acs.endpoint, many));
    expect(acs.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /phoneNumbers", "GET /phoneNumbers", "GET /phoneNumbers"]);
  });
});

/**
 * Pulumi runs every create and update of a deployment before the deletes of the resources that left
 * the program, all in one dynamic-provider process; these cases replay that order.
 */
describe("numbers held by another resource of the same deployment", () => {
  const adoptAll = async (endpoint: string, numbers: string[]) => {
    const { inputs, failures } = await adopted.check({}, { endpoint, numbers: numbers.map((phoneNumber) => ({ phoneNumber })) });
    expect(failures).toEqual([]);
    return inputs;
  };

  it("keeps an order's numbers on its delete (releaseOnDelete true) when the new program adopts them", async () => {
    const acs = await start();
    const { id, outs } = await orders.create(await order(acs.endpoint, { releaseOnDelete: true }));
    clearClaims(); // a later deployment: the order leaves the program, its numbers move to ccvoice:phoneNumbers.adopt
    await adopted.create(await adoptAll(acs.endpoint, (outs as PhoneNumberOrderState).phoneNumbers));
    await orders.delete(id, outs);
    expect(acs.numbers.ledger.releases).toEqual([]);
    expect(acs.numbers.purchased.size).toBe(3);
  });

  it("keeps them too when the adopted resource already listed them and is unchanged (only diffed)", async () => {
    const acs = await start();
    const { id, outs } = await orders.create(await order(acs.endpoint, { releaseOnDelete: true }));
    const adoptedInputs = await adoptAll(acs.endpoint, (outs as PhoneNumberOrderState).phoneNumbers);
    const { id: adoptedId, outs: adoptedOuts } = await adopted.create(adoptedInputs);
    clearClaims();
    expect((await adopted.diff(adoptedId, adoptedOuts, adoptedInputs)).changes).toBe(false);
    await orders.delete(id, outs);
    expect(acs.numbers.ledger.releases).toEqual([]);
  });

  it("keeps the numbers a replacement of the order found again (pulumi up --replace: create, then delete the old one)", async () => {
    const acs = await start();
    const inputs = await order(acs.endpoint, { releaseOnDelete: true });
    const { id, outs } = await orders.create(inputs);
    clearClaims();
    const { outs: replacement } = await orders.create(inputs);
    expect((replacement as PhoneNumberOrderState).phoneNumbers).toEqual((outs as PhoneNumberOrderState).phoneNumbers);
    await orders.delete(id, outs);
    expect(acs.numbers.ledger.releases).toEqual([]);
    expect(acs.numbers.ledger.purchases).toHaveLength(1);
  });

  it("releases only the numbers nobody else holds when an adopted number leaves the list", async () => {
    const acs = await start({ purchased: [{ phoneNumber: "+14255550100" }] });
    const { outs } = await orders.create(await order(acs.endpoint, { quantity: 1 }));
    const held = (outs as PhoneNumberOrderState).phoneNumbers[0] as string;
    const { inputs } = await adopted.check({}, { endpoint: acs.endpoint, numbers: [held, "+14255550100"].map((phoneNumber) => ({ phoneNumber, releaseOnDelete: true })) });
    const { outs: adoptedOuts } = await adopted.create(inputs);
    await adopted.update("id", adoptedOuts, await adoptAll(acs.endpoint, []));
    expect(acs.numbers.ledger.releases).toEqual(["+14255550100"]);
    expect(acs.numbers.purchased.has(held)).toBe(true);
  });
});
