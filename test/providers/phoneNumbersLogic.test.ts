/**
 * Pure logic of the phone number resources: check, refused (re-purchase) changes, diff and plans.
 */
import { describe, expect, it } from "vitest";
import { checkAdoptedInputs, planAdopted, type AdoptedPhoneNumbersState } from "../../src/providers/phoneNumbers/adoptedLogic";
import { checkOrderInputs, diffOrder, type PhoneNumberOrderState } from "../../src/providers/phoneNumbers/logic";

const ENDPOINT = "https://contoso-cc.unitedstates.communication.azure.com";
const raw = {
  endpoint: ENDPOINT,
  orderName: "us-callback",
  orderKey: "prod/us-callback",
  countryCode: "US",
  phoneNumberType: "geographic",
  areaCode: "425",
  quantity: 3,
  purpose: "callback-pool",
};
const { inputs: order } = checkOrderInputs({}, raw);
const state: PhoneNumberOrderState = { ...order, phoneNumbers: ["+14250000001", "+14250000002", "+14250000003"], searchIds: ["s1"], capabilityDrift: [] };
const REFUSED_TAIL = ": that would release the order's 3 number(s) and buy others, and ccvoice never replaces a number order. Keep this order as it is and add a new order for the new numbers; to give these numbers back, remove the order with releaseOnDelete: true";

describe("checkOrderInputs", () => {
  it("applies defaults: application assignment, inbound+outbound calling, no SMS, keep numbers on delete", () => {
    expect(order).toEqual({ ...raw, assignmentType: "application", capabilities: { calling: "inbound+outbound", sms: "none" }, releaseOnDelete: false, agreeToNotResell: false });
  });

  it.each([
    [{ quantity: 0 }, "quantity", "ccvoice:phoneNumbers.orders[name=us-callback].quantity must be between 1 and 100, got 0"],
    [{ countryCode: "us" }, "countryCode", 'ccvoice:phoneNumbers.orders[name=us-callback].countryCode must be an ISO 3166-1 alpha-2 code in capitals such as US, got "us"'],
    [{ phoneNumberType: "landline" }, "phoneNumberType", 'ccvoice:phoneNumbers.orders[name=us-callback].phoneNumberType must be one of geographic, tollFree, mobile, got "landline"'],
    [{ capabilities: { calling: "both" } }, "capabilities.calling", 'ccvoice:phoneNumbers.orders[name=us-callback].capabilities.calling must be one of none, inbound, outbound, inbound+outbound, got "both"'],
    [{ areaCode: "4" }, "areaCode", 'ccvoice:phoneNumbers.orders[name=us-callback].areaCode must be 2-5 digits such as 425, got "4"'],
    [{ releaseOnDelete: "no" }, "releaseOnDelete", 'ccvoice:phoneNumbers.orders[name=us-callback].releaseOnDelete must be true or false, got "no"'],
  ])("fails when %j", (change, property, reason) => {
    expect(checkOrderInputs({}, { ...raw, ...change }).failures).toEqual([{ property, reason }]);
  });

  it.each([
    [{ countryCode: "CA" }, "countryCode", `ccvoice:phoneNumbers.orders[name=us-callback].countryCode cannot change from US to CA${REFUSED_TAIL}`],
    [{ phoneNumberType: "tollFree" }, "phoneNumberType", `ccvoice:phoneNumbers.orders[name=us-callback].phoneNumberType cannot change from geographic to tollFree${REFUSED_TAIL}`],
    [{ assignmentType: "person" }, "assignmentType", `ccvoice:phoneNumbers.orders[name=us-callback].assignmentType cannot change from application to person${REFUSED_TAIL}`],
    [{ areaCode: undefined }, "areaCode", `ccvoice:phoneNumbers.orders[name=us-callback].areaCode cannot change from 425 to none${REFUSED_TAIL}`],
    [{ endpoint: "https://other.communication.azure.com" }, "endpoint", `ccvoice:phoneNumbers.orders[name=us-callback].endpoint cannot change from ${ENDPOINT} to https://other.communication.azure.com${REFUSED_TAIL}`],
    [
      { quantity: 1 },
      "quantity",
      "ccvoice:phoneNumbers.orders[name=us-callback].quantity cannot go down from 3 to 1 while releaseOnDelete is false: that would release 2 number(s). Set releaseOnDelete: true on this order to release the most recently bought ones, or keep the quantity and stop using the numbers you do not need",
    ],
  ])("fails when a change would need release + re-purchase: %j", (change, property, reason) => {
    expect(checkOrderInputs(order as unknown as Record<string, unknown>, { ...raw, ...change }).failures).toEqual([{ property, reason }]);
  });

  it("allows capabilities, quantity up, purpose and releaseOnDelete to change", () => {
    const change = { capabilities: { calling: "inbound", sms: "none" }, quantity: 5, purpose: "main-line", releaseOnDelete: true };
    expect(checkOrderInputs(order as unknown as Record<string, unknown>, { ...raw, ...change }).failures).toEqual([]);
  });
});

describe("diffOrder", () => {
  it.each<[string, Record<string, unknown>, Partial<ReturnType<typeof diffOrder>>]>([
    ["nothing", {}, { changes: false, buy: 0, release: [], recapability: [], summary: [] }],
    ["more numbers", { quantity: 5 }, { changes: true, buy: 2, summary: ["buy 2 number(s) (the order holds 3 of 5)"] }],
    [
      "fewer numbers with releaseOnDelete",
      { quantity: 1, releaseOnDelete: true },
      { changes: true, release: ["+14250000003", "+14250000002"], summary: ["release +14250000003, +14250000002 (releaseOnDelete is true)", "releaseOnDelete false → true"] },
    ],
    [
      "capabilities",
      { capabilities: { calling: "inbound", sms: "none" } },
      { changes: true, recapability: state.phoneNumbers, summary: ["capabilities calling inbound+outbound → inbound, sms none → none on 3 number(s)"] },
    ],
  ])("updates in place for %s", (_what, change, expected) => {
    const { inputs } = checkOrderInputs({}, { ...raw, ...change });
    const diff = diffOrder(state, inputs);
    expect(diff).toMatchObject({ replaces: [], ...expected });
  });

  it("fails when the country changes, naming the numbers it would release", () => {
    const { inputs } = checkOrderInputs({}, { ...raw, countryCode: "CA" });
    expect(() => diffOrder(state, inputs)).toThrow(
      "ccvoice:phoneNumbers.orders[name=us-callback].countryCode cannot change from US to CA: that would release the order's 3 number(s) (+14250000001, +14250000002, +14250000003) and buy others",
    );
  });

  it("buys back numbers that disappeared and restores drifted capabilities", () => {
    const drifted = { ...state, phoneNumbers: ["+14250000001", "+14250000002"], capabilityDrift: ["+14250000002"] };
    expect(diffOrder(drifted, order)).toMatchObject({
      buy: 1,
      recapability: ["+14250000002"],
      summary: ["buy 1 number(s) (the order holds 2 of 3)", "restore capabilities on +14250000002 (changed outside ccvoice)"],
    });
  });
});

describe("AdoptedPhoneNumbers logic", () => {
  it.each([
    [{ numbers: [{ phoneNumber: "4255550100" }] }, "numbers[0].phoneNumber", 'ccvoice:phoneNumbers.adopt[0].phoneNumber must be an E.164 number such as +14255550100, got "4255550100"'],
    [
      { numbers: [{ phoneNumber: "+14255550100" }, { phoneNumber: "+14255550100" }] },
      "numbers[1].phoneNumber",
      "ccvoice:phoneNumbers.adopt[1].phoneNumber repeats +14255550100 from ccvoice:phoneNumbers.adopt[0]; list each number once",
    ],
    [
      { numbers: [{ phoneNumber: "+14255550100", capabilities: { calling: "x" } }] },
      "numbers[0].capabilities.calling",
      'ccvoice:phoneNumbers.adopt[0].capabilities.calling must be one of none, inbound, outbound, inbound+outbound, got "x"',
    ],
  ])("fails when %j", (change, property, reason) => {
    expect(checkAdoptedInputs({}, { endpoint: ENDPOINT, ...change }).failures).toEqual([{ property, reason }]);
  });

  it("fails when the endpoint changes", () => {
    expect(checkAdoptedInputs({ endpoint: ENDPOINT }, { endpoint: "https://other.communication.azure.com", numbers: [] }).failures).toEqual([
      {
        property: "endpoint",
        reason: `the ACS endpoint of the adopted numbers cannot change from ${ENDPOINT} to https://other.communication.azure.com: numbers belong to one ACS resource. Remove them from ccvoice:phoneNumbers.adopt of this stack and adopt them where they now live`,
      },
    ]);
  });

  it("plans adopt, release (releaseOnDelete), forget (kept) and capabilities", () => {
    const olds: AdoptedPhoneNumbersState = {
      endpoint: ENDPOINT,
      numbers: [
        { phoneNumber: "+14255550100", releaseOnDelete: false },
        { phoneNumber: "+14255550101", releaseOnDelete: true },
        { phoneNumber: "+14255550102", releaseOnDelete: false, capabilities: { calling: "inbound", sms: "none" } },
      ],
      details: [{ phoneNumber: "+14255550102", countryCode: "US", phoneNumberType: "geographic", assignmentType: "application", capabilities: { calling: "inbound", sms: "none" } }],
      missing: [],
    };
    const plan = planAdopted(olds, {
      endpoint: ENDPOINT,
      numbers: [
        { phoneNumber: "+14255550102", releaseOnDelete: false, capabilities: { calling: "inbound+outbound", sms: "none" } },
        { phoneNumber: "+14255550103", releaseOnDelete: false },
      ],
    });
    expect(plan).toEqual({
      adopt: ["+14255550103"],
      release: ["+14255550101"],
      forget: ["+14255550100"],
      recapability: [{ phoneNumber: "+14255550102", capabilities: { calling: "inbound+outbound", sms: "none" } }],
      summary: ["adopt +14255550103", "set capabilities on +14255550102", "release +14255550101 (releaseOnDelete is true)", "stop managing +14255550100 (kept on the resource)"],
    });
  });
});
