import { describe, expect, it } from "vitest";
import { parseDialed } from "../../src/routing";

describe("parseDialed", () => {
  it.each([
    ["(425) 555-0100", "US", { dialString: "+14255550100", e164: "+14255550100", emergency: false, testNumber: false }],
    ["425.555.0100", "US", { dialString: "+14255550100", e164: "+14255550100", emergency: false, testNumber: false }],
    ["+1 425 555 0100", "DK", { dialString: "+14255550100", e164: "+14255550100", emergency: false, testNumber: false }],
    ["011 45 33 12 34 00", "US", { dialString: "+4533123400", e164: "+4533123400", emergency: false, testNumber: false }],
    ["020 7123 4500", "GB", { dialString: "+442071234500", e164: "+442071234500", emergency: false, testNumber: false }],
    ["00 44 20 7123 4500", "DK", { dialString: "+442071234500", e164: "+442071234500", emergency: false, testNumber: false }],
    ["33 12 34 00", "DK", { dialString: "+4533123400", e164: "+4533123400", emergency: false, testNumber: false }],
    ["416 555 0100", "CA", { dialString: "+14165550100", e164: "+14165550100", emergency: false, testNumber: false }],
    ["787 555 0100", "PR", { dialString: "+17875550100", e164: "+17875550100", emergency: false, testNumber: false }],
    ["911", "US", { dialString: "911", emergency: true, testNumber: false }],
    ["9-1-1", "US", { dialString: "911", emergency: true, testNumber: false }],
    ["933", "US", { dialString: "933", emergency: true, testNumber: true }],
    ["911", "CA", { dialString: "911", emergency: true, testNumber: false }],
    ["911", "PR", { dialString: "911", emergency: true, testNumber: false }],
    ["999", "GB", { dialString: "999", emergency: true, testNumber: false }],
    ["112", "GB", { dialString: "112", emergency: true, testNumber: false }],
    ["112", "DK", { dialString: "112", emergency: true, testNumber: false }],
  ])("%j in %s", (dial, country, expected) => {
    expect(parseDialed(dial, country)).toEqual({ input: dial, country, ...expected });
  });

  it.each([
    ["411", "US", 'dialed "411" is neither an emergency number in US (911, 933) nor a phone number; give an E.164 number such as +14255550100 or a national number such as (425) 555-0100'],
    ["911", "DK", 'dialed "911" is neither an emergency number in DK (112) nor a phone number; give an E.164 number such as +14255550100 or a national number such as (425) 555-0100'],
    ["1-800-FLOWERS", "US", 'dialed "1-800-FLOWERS" is neither an emergency number in US (911, 933) nor a phone number; give an E.164 number such as +14255550100 or a national number such as (425) 555-0100'],
    ["", "GB", 'dialed "" is neither an emergency number in GB (999, 112) nor a phone number; give an E.164 number such as +14255550100 or a national number such as (425) 555-0100'],
    ["911", "XX", 'country "XX" must be an ISO 3166-1 alpha-2 country code that has phone numbers, such as US or GB'],
    ["911", "us", 'country "us" must be an ISO 3166-1 alpha-2 country code that has phone numbers, such as US or GB'],
  ])("fails when %j is dialed in %j", (dial, country, message) => {
    expect(() => parseDialed(dial, country)).toThrow(new Error(message));
  });
});
