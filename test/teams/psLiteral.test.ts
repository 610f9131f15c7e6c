import { describe, expect, it } from "vitest";
import { psLiteral, psString, psTableBlock, ScriptValueError } from "../../src/teams/psLiteral";

describe("psString", () => {
  it.each([
    ["plain", "'plain'"],
    ["O'Brien", "'O''Brien'"],
    ["it\u2019s", "'it\u2019\u2019s'"],
    ["\u2018quoted\u201b and \u201a", "'\u2018\u2018quoted\u201b\u201b and \u201a\u201a'"],
    ["$(Remove-Item -Recurse C:\\)", "'$(Remove-Item -Recurse C:\\)'"],
    ["a`b; c | d", "'a`b; c | d'"],
    ["\"double\" quotes", "'\"double\" quotes'"],
    ["", "''"],
  ])("writes %j as %s", (value, expected) => {
    expect(psString(value, "p")).toBe(expected);
  });

  it.each([
    ["line\nbreak", "U+000A", '"line\\nbreak"'],
    ["tab\there", "U+0009", '"tab\\there"'],
    ["nul\u0000", "U+0000", '"nul\\u0000"'],
    ["del\u007f", "U+007F", '"del\u007f"'],
    ["nel\u0085", "U+0085", '"nel\u0085"'],
    ["ls\u2028", "U+2028", '"ls\u2028"'],
  ])("fails when the value holds a control character: %j", (value, code, shown) => {
    expect(() => psString(value, "ccvoice:teams.resourceAccounts[0].displayName")).toThrow(
      new ScriptValueError(
        "ccvoice:teams.resourceAccounts[0].displayName",
        `ccvoice:teams.resourceAccounts[0].displayName must not contain control characters such as line breaks or tabs (found ${code}), got ${shown}; remove them`,
      ),
    );
  });
});

describe("psLiteral", () => {
  it.each([
    [5061, "5061"],
    [true, "$true"],
    [false, "$false"],
    [null, "$null"],
    [["a", "b'c"], "@('a', 'b''c')"],
    [[], "@()"],
    [{ Fqdn: "sbc1.contoso.com", Port: 5061, Skip: undefined }, "@{ Fqdn = 'sbc1.contoso.com'; Port = 5061 }"],
    [{}, "@{}"],
  ] as const)("writes %j as %s", (value, expected) => {
    expect(psLiteral(value, "p")).toBe(expected);
  });

  it.each([
    [1.5, "p must be a whole number, got 1.5"],
    [Number.NaN, "p must be a whole number, got NaN"],
    [{ "bad key": 1 }, 'p has the table key "bad key", which is not a plain name'],
  ] as const)("fails when the value cannot be a literal: %j", (value, message) => {
    expect(() => psLiteral(value, "p")).toThrow(message);
  });

  it("names the array index in the path of a bad item", () => {
    expect(() => psLiteral(["ok", "b\nad"], "ccvoice:x")).toThrow(/^ccvoice:x\[1\] must not contain control characters/);
  });
});

it("psTableBlock writes one entry per line", () => {
  expect(psTableBlock({ A: 1, B: "x", C: undefined }, "p")).toBe("@{\n    A = 1\n    B = 'x'\n}");
});
