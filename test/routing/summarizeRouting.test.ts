import { describe, expect, it } from "vitest";
import { servedCountries, summarizeRouting, type RoutingSummaryEntry } from "../../src/routing";
import { EXAMPLE_STACKS, exampleSpec, variant, type ExampleStack } from "./stacks";

const row = (e: RoutingSummaryEntry) => [e.kind, e.country, e.dial, e.from ?? null, e.resolution.path, e.resolution.route ?? null, e.sampledRoute ?? null];

describe("summarizeRouting", () => {
  it("summarizes the hybrid stack: 911/933/999/CA 911 to Microsoft, 112 to the Danish SBC", () => {
    expect(summarizeRouting(exampleSpec("hybrid")).map(row)).toEqual([
      ["emergency", "US", "911", "order:us-main", "acs-direct-offer", null, null],
      ["emergency", "US", "933", "order:us-main", "acs-direct-offer", null, null],
      ["emergency", "GB", "999", "order:gb-main", "acs-direct-offer", null, null],
      ["emergency", "GB", "112", "order:gb-main", "acs-direct-routing", "emergency-denmark", null],
      ["emergency", "DK", "112", "order:us-main", "acs-direct-routing", "emergency-denmark", null],
      ["emergency", "CA", "911", "order:ca-callback", "acs-direct-offer", null, null],
      ["ordinary", "US", "+12015550123", "order:us-main", "acs-direct-offer", null, null],
      ["ordinary", "GB", "+447400123456", "order:gb-main", "acs-direct-offer", null, null],
      ["ordinary", "DK", "+4534412345", "order:us-main", "acs-direct-routing", "denmark", null],
      ["ordinary", "CA", "+15062345678", "order:ca-callback", "acs-direct-offer", null, null],
      ["route-sample", "GB", "112", "order:gb-main", "acs-direct-routing", "emergency-denmark", "emergency-denmark"],
      ["route-sample", "US", "+4592674944", "order:us-main", "acs-direct-routing", "denmark", "denmark"],
    ]);
  });

  it("summarizes the Teams direct routing stack with the account of each country", () => {
    expect(summarizeRouting(exampleSpec("teams-direct-routing")).map(row)).toEqual([
      ["emergency", "US", "911", "cc-support-us@contoso.com", "teams-direct-routing", "cc-na-emergency", null],
      ["emergency", "US", "933", "cc-support-us@contoso.com", "teams-direct-routing", "cc-na-emergency", null],
      ["emergency", "GB", "999", "cc-support-eu@contoso.com", "teams-direct-routing", "cc-eu-emergency", null],
      ["emergency", "GB", "112", "cc-support-eu@contoso.com", "teams-direct-routing", "cc-eu-emergency", null],
      ["emergency", "DK", "112", "cc-support-eu@contoso.com", "teams-direct-routing", "cc-eu-emergency", null],
      ["emergency", "CA", "911", "cc-support-us@contoso.com", "teams-direct-routing", "cc-na-emergency", null],
      ["ordinary", "US", "+12015550123", "cc-support-us@contoso.com", "teams-direct-routing", "cc-na-national", null],
      ["ordinary", "GB", "+447400123456", "cc-support-eu@contoso.com", "teams-direct-routing", "cc-eu-national", null],
      ["ordinary", "DK", "+4534412345", "cc-support-us@contoso.com", "teams-direct-routing", "cc-international", null],
      ["ordinary", "CA", "+15062345678", "cc-support-us@contoso.com", "teams-direct-routing", "cc-na-national", null],
      ["route-sample", "US", "933", "cc-support-us@contoso.com", "teams-direct-routing", "cc-na-emergency", "cc-na-emergency"],
      ["route-sample", "US", "+16926494414", "cc-support-us@contoso.com", "teams-direct-routing", "cc-na-national", "cc-na-national"],
      ["route-sample", "GB", "999", "cc-support-eu@contoso.com", "teams-direct-routing", "cc-eu-emergency", "cc-eu-emergency"],
      ["route-sample", "GB", "+442674944142", "cc-support-eu@contoso.com", "teams-direct-routing", "cc-eu-national", "cc-eu-national"],
      ["route-sample", "US", "+3981705310", "cc-support-us@contoso.com", "teams-direct-routing", "cc-international", "cc-international"],
    ]);
  });

  it.each([
    ["acs-direct-offer", 8, ["acs-direct-offer"]],
    ["acs-direct-routing", 16, ["acs-direct-routing"]],
    ["hybrid", 12, ["acs-direct-offer", "acs-direct-routing"]],
    ["teams-calling-plan", 8, ["teams-calling-plan"]],
    ["teams-direct-routing", 15, ["teams-direct-routing"]],
  ] as [ExampleStack, number, string[]][])("%s: %i entries, paths %j, none blocked", (stack, count, paths) => {
    const entries = summarizeRouting(exampleSpec(stack));
    expect([entries.length, [...new Set(entries.map((e) => e.resolution.path))].sort()]).toEqual([count, paths]);
  });

  it.each(EXAMPLE_STACKS.map((s) => [s]))("is deterministic for %s", (stack) => {
    expect(summarizeRouting(exampleSpec(stack))).toEqual(summarizeRouting(exampleSpec(stack)));
  });

  it("shows a catch-all route taking 911 away from Microsoft's emergency service", () => {
    const spec = variant("hybrid", (s) => {
      s.directRouting!.routes.push({ name: "everything", numberPattern: ".*", trunks: ["sbc1.contoso.com"] });
    });
    const e911 = summarizeRouting(spec).find((e) => e.dial === "911" && e.kind === "emergency")!;
    expect([e911.resolution.path, e911.resolution.route, e911.resolution.warnings.length]).toEqual(["acs-direct-routing", "everything", 1]);
  });

  it("shows blocked emergency numbers when direct offer has no Microsoft number", () => {
    const spec = variant("acs-direct-offer", (s) => {
      s.phoneNumbers.orders = [];
      s.phoneNumbers.adopt = [];
    });
    const blocked = summarizeRouting(spec).filter((e) => e.kind === "emergency" && e.resolution.path === "blocked");
    expect(blocked.map((e) => `${e.country} ${e.dial}`)).toEqual(["US 911", "US 933", "GB 999", "GB 112", "CA 911"]);
  });
});

describe("servedCountries", () => {
  it.each([
    ["acs-direct-offer", ["US", "GB", "CA"]],
    ["hybrid", ["US", "GB", "DK", "CA"]],
    ["teams-calling-plan", ["US", "GB", "CA"]],
  ] as [ExampleStack, string[]][])("%s → %j", (stack, expected) => {
    expect(servedCountries(exampleSpec(stack))).toEqual(expected);
  });

  it("adds the countries of numbers after the emergency countries, sorted", () => {
    const spec = variant("acs-direct-offer", (s) => {
      s.emergency.countries = ["GB"];
      s.phoneNumbers.adopt.push({ phoneNumber: "+4533123400", purpose: "main-line" });
    });
    expect(servedCountries(spec)).toEqual(["GB", "CA", "DK", "US"]);
  });
});
