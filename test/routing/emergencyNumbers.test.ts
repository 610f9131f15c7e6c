import { describe, expect, it } from "vitest";
import {
  DIRECT_OFFER_EMERGENCY,
  directOfferTakesEmergency,
  emergencyDialStrings,
  isEmergencyNumber,
  isTestNumber,
  shortDialDigits,
} from "../../src/routing";

describe("emergencyDialStrings", () => {
  it.each([
    ["US", ["911", "933"]],
    ["CA", ["911"]],
    ["PR", ["911"]],
    ["GB", ["999", "112"]],
    ["DK", ["112"]],
    ["DE", ["110", "112"]],
    ["FR", ["15", "17", "18", "112"]],
    ["AU", ["000", "106", "112"]],
    ["XX", []],
  ])("lists %s as %j", (country, expected) => {
    expect(emergencyDialStrings(country)).toEqual(expected);
  });

  it("returns a copy, so a caller cannot change the cached list", () => {
    emergencyDialStrings("US").push("999");
    expect(emergencyDialStrings("US")).toEqual(["911", "933"]);
  });

  it.each([["uk"], ["GBR"], [""]])("fails when the country is %j", (country) => {
    expect(() => emergencyDialStrings(country)).toThrow(
      `country ${JSON.stringify(country)} must be an ISO 3166-1 alpha-2 country code in capitals such as US or GB`,
    );
  });
});

describe("isEmergencyNumber and isTestNumber", () => {
  it.each([
    ["911", "US", true, false],
    ["933", "US", true, true],
    ["9-1-1", "US", true, false],
    [" 911 ", "US", true, false],
    ["112", "US", true, false],
    ["9112", "US", false, false],
    ["+1911", "US", false, false],
    ["91", "US", false, false],
    ["911", "CA", true, false],
    ["933", "CA", false, false],
    ["112", "CA", true, false],
    ["911", "PR", true, false],
    ["933", "PR", false, false],
    ["999", "GB", true, false],
    ["112", "GB", true, false],
    ["911", "GB", false, false],
    ["112", "DK", true, false],
    ["114", "DK", false, false],
    ["999", "DK", false, false],
    ["911", "DK", false, false],
    ["+4533123400", "DK", false, false],
  ])("%j in %s → emergency %s, test number %s", (dial, country, emergency, test) => {
    expect([isEmergencyNumber(dial, country), isTestNumber(dial, country)]).toEqual([emergency, test]);
  });

  it("fails when the country is not two capital letters", () => {
    expect(() => isEmergencyNumber("911", "usa")).toThrow(
      'country "usa" must be an ISO 3166-1 alpha-2 country code in capitals such as US or GB',
    );
  });
});

describe("direct offer emergency support", () => {
  it.each([
    ["911", "US", true],
    ["933", "US", true],
    ["112", "US", false],
    ["911", "PR", true],
    ["911", "CA", true],
    ["999", "GB", true],
    ["112", "GB", true],
    ["112", "DK", true],
    ["114", "DK", false],
    ["000", "AU", true],
    ["110", "DE", false],
  ])("%s from %s → %s", (dial, country, expected) => {
    expect(directOfferTakesEmergency(dial, country)).toBe(expected);
  });

  it("covers exactly US, PR, CA, DK, GB and AU (Microsoft Learn emergency-calling-concept)", () => {
    expect(Object.keys(DIRECT_OFFER_EMERGENCY)).toEqual(["US", "PR", "CA", "DK", "GB", "AU"]);
  });
});

describe("shortDialDigits", () => {
  it.each([
    ["9-1-1", "911"],
    ["(112)", "112"],
    ["9.9.9", "999"],
    ["+911", undefined],
    ["abc", undefined],
    ["425 555 0100", "4255550100"],
    ["42555501000", undefined],
  ])("%j → %j", (dial, expected) => {
    expect(shortDialDigits(dial)).toBe(expected);
  });
});
