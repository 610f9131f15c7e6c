import { describe, expect, it } from "vitest";
import { compileNumberPattern, isAnchored, matchesNumberPattern, numberPatternProblem } from "../../src/routing";

describe("number patterns: .NET-only constructs are refused", () => {
  it.each([
    ["(?i)^\\+1\\d{10}$", "uses inline options such as (?i), which .NET and JavaScript read differently; remove the inline option; numbers have no letter case"],
    ["^(?>\\+1)\\d{10}$", "uses atomic groups (?>...), which .NET and JavaScript read differently; use a plain group (...)"],
    ["^(?(1)\\+1|\\+44)$", "uses conditional groups (?(...)...), which .NET and JavaScript read differently; split the route in two"],
    ["^(?'cc'\\+1)\\d{10}$", "uses named groups written (?'name'...), which .NET and JavaScript read differently; use a plain group (...)"],
    ["^(?<a-b>\\d)$", "uses balancing groups (?<a-b>...), which .NET and JavaScript read differently; use a plain group (...)"],
    ["\\A\\+1\\d{10}\\z", "uses the anchors \\A, \\Z, \\z and \\G, which .NET and JavaScript read differently; use ^ and $"],
    ["^\\+\\p{Nd}+$", "uses Unicode categories \\p{...}, which .NET and JavaScript read differently; use an explicit class such as [0-9]"],
    ["^\\+1[0-9-[5]]\\d{9}$", "uses character class subtraction [a-z-[...]], which .NET and JavaScript read differently; list the allowed characters explicitly"],
    ["^\\+1\\d++$", "uses possessive quantifiers such as \\d++, which .NET and JavaScript read differently; use a plain quantifier such as \\d+"],
    ["^\\+1(\\d{10}$", "is not a valid regular expression (/^\\+1(\\d{10}$/: Unterminated group); fix the pattern"],
    ["", "must not be empty; give a regular expression such as ^\\+1\\d{10}$"],
    ["1".repeat(1025), "must be at most 1024 characters, got 1025"],
  ])("fails when the pattern is %j", (pattern, message) => {
    expect(numberPatternProblem(pattern)).toBe(message);
    expect(() => compileNumberPattern(pattern)).toThrow(new Error(message));
  });

  it.each([["^\\+1\\d{10}$"], ["^(911|933)$"], ["^\\+(44\\d{9,10}|45\\d{8})$"], ["^(?<cc>\\+45)\\d{8}$"]])(
    "accepts %j",
    (pattern) => {
      expect(numberPatternProblem(pattern)).toBeUndefined();
    },
  );
});

describe("matchesNumberPattern (like .NET Regex.IsMatch)", () => {
  it.each([
    ["^\\+1\\d{10}$", "+14255550100", true],
    ["^\\+1\\d{10}$", "+142555501000", false],
    ["^(911|933)$", "911", true],
    ["^(911|933)$", "9911", false],
    ["911", "9911", true],
    ["\\+45", "+4533123400", true],
    [".*", "112", true],
  ])("%j on %j → %s", (pattern, dial, expected) => {
    expect(matchesNumberPattern(pattern, dial)).toBe(expected);
  });

  it.each([
    ["^\\+1\\d{10}$", true],
    ["^911", false],
    ["911$", false],
    ["^\\+1\\d+\\$", false],
  ])("isAnchored(%j) → %s", (pattern, expected) => {
    expect(isAnchored(pattern)).toBe(expected);
  });
});
