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
    ["^\\+1\\d{10}+$", "uses possessive quantifiers such as \\d++, which .NET and JavaScript read differently; use a plain quantifier such as \\d+"],
    ["^\\+1\\d?+\\d{10}$", "uses possessive quantifiers such as \\d++, which .NET and JavaScript read differently; use a plain quantifier such as \\d+"],
    ["^[^]*$", "uses the class [] or [^], which .NET and JavaScript read differently (.NET takes the ] as a character); write the characters out, such as [0-9]"],
    ["^[]0-9]+$", "uses the class [] or [^], which .NET and JavaScript read differently (.NET takes the ] as a character); write the characters out, such as [0-9]"],
    ["^\\+\\u{31}\\d{10}$", "uses the escape \\u not followed by four hex digits, which .NET and JavaScript read differently; write the character itself, or use \\d, \\+ or a class such as [0-9]"],
    ["^\\+1\\x3\\d{9}$", "uses the escape \\x not followed by two hex digits, which .NET and JavaScript read differently; write the character itself, or use \\d, \\+ or a class such as [0-9]"],
    ["^\\e\\+1\\d{10}$", "uses the escape \\e, which .NET and JavaScript read differently; write the character itself, or use \\d, \\+ or a class such as [0-9]"],
    ["^\\+1\\d{10}\\i$", "uses the escape \\i, which .NET and JavaScript read differently; write the character itself, or use \\d, \\+ or a class such as [0-9]"],
    ["^\\+1\\_\\d{10}$", "uses the escape \\_, which .NET and JavaScript read differently; write the character itself, or use \\d, \\+ or a class such as [0-9]"],
    ["^\\+1[\\a0-9]{10}$", "uses the escape \\a, which .NET and JavaScript read differently; write the character itself, or use \\d, \\+ or a class such as [0-9]"],
    ["^\\+1\\8\\d{9}$", "uses the back reference \\8 to a group the pattern does not have, which .NET and JavaScript read differently; remove it"],
    ["^(?<cc>\\+1)(\\d)\\1\\d{8}$", "uses the back reference \\1 in a pattern with named groups, which .NET and JavaScript read differently (they number the groups differently); remove it or name the group"],
    ["^\\+1(\\d{10}$", "is not a valid regular expression (/^\\+1(\\d{10}$/: Unterminated group); fix the pattern"],
    ["", "must not be empty; give a regular expression such as ^\\+1\\d{10}$"],
    ["1".repeat(1025), "must be at most 1024 characters, got 1025"],
  ])("fails when the pattern is %j", (pattern, message) => {
    expect(numberPatternProblem(pattern)).toBe(message);
    expect(() => compileNumberPattern(pattern)).toThrow(new Error(message));
  });

  it.each([
    ["^\\+1\\d{10}$"],
    ["^(911|933)$"],
    ["^\\+(44\\d{9,10}|45\\d{8})$"],
    ["^(?<cc>\\+45)\\d{8}$"],
    ["^\\+1(425|206)\\d{7}$"],
    ["^\\+1(?<area>425|206)\\d{7}$"],
    ["^\\++1\\d{10}$"],
    ["^\\*+1\\d{10}$"],
    ["^\\+1\\d{3}?\\d{7}$"],
    ["^\\+1\\x34\\u0032\\d{8}$"],
    ["^\\+(\\d)\\1\\d{9}$"],
    ["^\\+1[\\d]{10}$"],
  ])(
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
    ["^\\+1425\\d{7}|\\+1206\\d{7}$", false],
    ["^911|933$", false],
    ["^\\+1425\\d{7}$|^\\+1206\\d{7}$", true],
    ["^(\\+1425\\d{7}|\\+1206\\d{7})$", true],
    ["^\\+1[|]\\d{10}$", true],
    ["^\\+1\\|\\d{10}$", true],
    ["(^911$|^933$)", true],
    ["(?:^911|933)$", false],
  ])("isAnchored(%j) → %s", (pattern, expected) => {
    expect(isAnchored(pattern)).toBe(expected);
  });
});
