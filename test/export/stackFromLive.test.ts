/**
 * The pure part of `ccvoice export`: the approach implied by what the resource has, the ACS name from the
 * endpoint, trunks that carry emergency calls, and what is written when the service cannot tell.
 */
import { describe, expect, it } from "vitest";
import type { LiveAcs } from "../../src/export/readLiveAcs";
import { acsNameFromEndpoint, stackFromLive } from "../../src/export/stackFromLive";
import { stackYamlText } from "../../src/export/stackYaml";

const endpoint = "https://contoso-cc.unitedstates.communication.azure.com";
const number = { phoneNumber: "+14255550100", countryCode: "US", phoneNumberType: "geographic", assignmentType: "application", capabilities: { calling: "inbound+outbound", sms: "none" } };
const route = { name: "all", numberPattern: "^\\+1\\d{10}$", trunks: ["sbc1.contoso.com"] };
const live = (change: Partial<LiveAcs>): LiveAcs => ({ endpoint, sip: {}, sipApiVersion: "2024-11-15-preview", numbers: [], ...change });

describe("acsNameFromEndpoint", () => {
  it.each([
    [endpoint, "contoso-cc"],
    ["https://cc1.europe.communication.azure.com/", "cc1"],
    ["http://127.0.0.1:7443", undefined],
    ["https://contoso.example.com", undefined],
    ["not a url", undefined],
  ])("%s → %s", (given, expected) => {
    expect(acsNameFromEndpoint(given)).toBe(expected);
  });
});

describe("stackFromLive", () => {
  it.each<[string, Partial<LiveAcs>, unknown]>([
    ["routes and numbers", { sip: { trunks: { "sbc1.contoso.com": { sipSignalingPort: 5061 } }, routes: [route] }, numbers: [number] }, { inbound: "acs-direct-offer", outbound: "acs-direct-routing" }],
    ["routes only", { sip: { trunks: { "sbc1.contoso.com": { sipSignalingPort: 5061 } }, routes: [route] } }, { inbound: "acs-direct-routing", outbound: "acs-direct-routing" }],
    ["numbers only", { numbers: [number] }, { inbound: "acs-direct-offer", outbound: "acs-direct-offer" }],
    [
      "nothing",
      {},
      { inbound: { fillIn: "the resource has no routes or numbers: choose one" }, outbound: { fillIn: "the resource has no routes or numbers: choose one" } },
    ],
  ])("derives the approach from %s", (_name, change, approach) => {
    expect(stackFromLive(live(change), { environment: "prod" }).config["ccvoice:approach"]).toEqual(approach);
  });

  it("takes the ACS name from the endpoint and asks only for what it cannot tell", () => {
    const exported = stackFromLive(live({ numbers: [number] }), { dataLocation: "United States" });
    expect(exported.config["ccvoice:acs"]).toEqual({ name: "contoso-cc", dataLocation: "United States" });
    expect(exported.fillIns.map((f) => f.setting)).toEqual([
      "ccvoice:environment",
      "ccvoice:phoneNumbers.adopt[0].purpose",
      "ccvoice:emergency.countries[0]",
      "ccvoice:emergency.notificationContacts[0].email",
    ]);
    expect(exported.config["ccvoice:directRouting"]).toBeUndefined();
  });

  it("asks about emergencyCapable only for trunks the first matching route sends an emergency number to", () => {
    const sip = {
      trunks: { "sbc1.contoso.com": { sipSignalingPort: 5061 }, "sbc2.contoso.com": { sipSignalingPort: 5061 } },
      routes: [
        { name: "eu-emergency", numberPattern: "^(112|999)$", trunks: ["sbc2.contoso.com"] },
        { name: "catch-all", numberPattern: ".*", trunks: ["sbc1.contoso.com", "sbc2.contoso.com"] },
      ],
    };
    const us = stackFromLive(live({ sip }), { emergencyCountries: ["US"] });
    expect(us.fillIns.filter((f) => f.setting.includes("emergencyCapable")).map((f) => f.setting)).toEqual([
      "ccvoice:directRouting.trunks[0].emergencyCapable",
      "ccvoice:directRouting.trunks[1].emergencyCapable",
    ]);
    const gb = stackFromLive(live({ sip }), { emergencyCountries: ["GB"], emergencyCapable: ["sbc2.contoso.com"] });
    expect((gb.config["ccvoice:directRouting"] as { trunks: unknown[] }).trunks).toEqual([
      { fqdn: "sbc1.contoso.com", sipSignalingPort: 5061 },
      { fqdn: "sbc2.contoso.com", sipSignalingPort: 5061, emergencyCapable: true },
    ]);
  });

  it("says so when /sip was read with the GA api-version, which has no domains", () => {
    const exported = stackFromLive(live({ sipApiVersion: "2023-03-01", sip: { trunks: { "sbc1.contoso.com": { sipSignalingPort: 5061 } }, routes: [route] } }), {});
    expect(exported.notes[0]).toEqual({
      path: ["ccvoice:directRouting", "domains"],
      comment: "read with api-version 2023-03-01, which does not show domains: list the verified domains you want kept enabled",
    });
    expect(stackYamlText([], exported.config, exported.notes)).toContain(
      "    # read with api-version 2023-03-01, which does not show domains: list the verified domains you want kept enabled\n    domains: []\n",
    );
  });
});
