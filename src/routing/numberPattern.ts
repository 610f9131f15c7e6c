/**
 * Number patterns of ACS direct routing routes and Teams voice routes are .NET regular expressions
 * evaluated over the dialed number (E.164 with a leading `+`, or a short emergency dial string such as
 * `911`). This module compiles them with the JavaScript engine and refuses the constructs whose meaning
 * differs between the two engines, so that what `ccvoice` evaluates offline is what the service evaluates.
 *
 * Differences left alone because they cannot change a match on what the service matches (ASCII digits and
 * `+`, no line breaks): .NET's `\d`, `\w` and `\s` also take non-ASCII digits, letters and spaces; .NET's `$`
 * also matches before a final newline; `.` differs only on line terminators. The RegexOptions the service
 * uses are not documented: case and culture options cannot change a match on digits and `+`, and
 * ECMAScript would only narrow `\d` to ASCII, as in JavaScript.
 *
 * @see https://learn.microsoft.com/azure/communication-services/concepts/telephony/direct-routing-provisioning
 * @see https://learn.microsoft.com/dotnet/standard/base-types/regular-expression-language-quick-reference
 */

/** A construct that .NET and JavaScript read differently (or that one of them rejects). */
interface DotNetOnlyConstruct {
  /** Finds the construct in the pattern source. */
  readonly test: RegExp;
  /** What the construct is, for the error message. */
  readonly what: string;
  /** How to write the pattern instead. */
  readonly fix: string;
  /** How the engines differ, when it is not obvious. */
  readonly note?: string;
}

const DOTNET_ONLY: readonly DotNetOnlyConstruct[] = [
  {
    test: /\(\?[imnsx]+(-[imnsx]+)?[:)]|\(\?-[imnsx]+[:)]/,
    what: "inline options such as (?i)",
    fix: "remove the inline option; numbers have no letter case",
  },
  { test: /\(\?>/, what: "atomic groups (?>...)", fix: "use a plain group (...)" },
  { test: /\(\?\(/, what: "conditional groups (?(...)...)", fix: "split the route in two" },
  { test: /\(\?'/, what: "named groups written (?'name'...)", fix: "use a plain group (...)" },
  {
    test: /\(\?<[A-Za-z_]\w*-[A-Za-z_]\w*>/,
    what: "balancing groups (?<a-b>...)",
    fix: "use a plain group (...)",
  },
  {
    test: /(^|[^\\])(\\\\)*\\[AZzG]/,
    what: "the anchors \\A, \\Z, \\z and \\G",
    fix: "use ^ and $",
  },
  {
    test: /(^|[^\\])(\\\\)*\\[pP]\{/,
    what: "Unicode categories \\p{...}",
    fix: "use an explicit class such as [0-9]",
  },
  {
    test: /-\[[^\]]*\]\]/,
    what: "character class subtraction [a-z-[...]]",
    fix: "list the allowed characters explicitly",
  },
];

const POSSESSIVE: Omit<DotNetOnlyConstruct, "test"> = {
  what: "possessive quantifiers such as \\d++",
  fix: "use a plain quantifier such as \\d+",
};
const ESCAPE_FIX = "write the character itself, or use \\d, \\+ or a class such as [0-9]";
/** Letter escapes both engines read alike (\\A \\Z \\z \\G are refused above with their own message). */
const SHARED_LETTER_ESCAPES = new Set("dDwWsSbBtnrfvxuckAZzG");

/**
 * Walks the pattern token by token (escapes, character classes, quantifiers) for the constructs a regular
 * expression over the source text cannot place reliably:
 * - `[]` and `[^]`: JavaScript reads an empty class (matches nothing) or any character; .NET reads the `]` as
 *   a member of a class that goes on (`[]0-9]` is a digit or `]` in .NET, never a match in JavaScript);
 * - letter escapes other than the shared ones (`\\e` and `\\a` are control characters in .NET, plain letters
 *   in JavaScript; `\\i` is refused by .NET), and `\\x`, `\\u`, `\\c`, `\\k` without their operand;
 * - back references to a group the pattern does not have (an octal or plain digit in JavaScript, an error in
 *   .NET), or numbered back references next to named groups (.NET numbers named groups last);
 * - possessive quantifiers (`\\d++`, `{2}+`), but not an escaped `\\+` or `\\*` followed by `+`.
 */
function divergentToken(pattern: string): Omit<DotNetOnlyConstruct, "test"> | undefined {
  let groups = 0;
  let named = false;
  const backReferences: number[] = [];
  let inClass = false;
  let quantifierEnd = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    const afterQuantifier: boolean = quantifierEnd;
    quantifierEnd = false;
    if (c === "\\") {
      const next = pattern[i + 1] ?? "";
      const rest = pattern.slice(i + 2);
      if (/[A-Za-z_]/.test(next)) {
        const missing =
          (next === "x" && !/^[0-9A-Fa-f]{2}/.test(rest)) ? "two hex digits"
          : (next === "u" && !/^[0-9A-Fa-f]{4}/.test(rest)) ? "four hex digits"
          : (next === "c" && !/^[A-Za-z]/.test(rest)) ? "a letter"
          : (next === "k" && !/^<[A-Za-z_]\w*>/.test(rest)) ? "a group name in <...>"
          : undefined;
        if (missing) return { what: `the escape \\${next} not followed by ${missing}`, fix: ESCAPE_FIX };
        if (!SHARED_LETTER_ESCAPES.has(next)) return { what: `the escape \\${next}`, fix: ESCAPE_FIX };
      } else if (!inClass && /[1-9]/.test(next)) {
        backReferences.push(Number(/^\d+/.exec(pattern.slice(i + 1))?.[0]));
      }
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") {
      if (pattern.startsWith("]", i + 1) || pattern.startsWith("^]", i + 1)) {
        return {
          what: "the class [] or [^]",
          fix: "write the characters out, such as [0-9]",
          note: ".NET takes the ] as a character",
        };
      }
      inClass = true;
      if (pattern[i + 1] === "^") i++;
      continue;
    }
    if (c === "(") {
      const isNamed = /^\?<[A-Za-z_]\w*>/.test(pattern.slice(i + 1));
      if (pattern[i + 1] !== "?" || isNamed) groups++;
      named ||= isNamed;
      continue;
    }
    if (c === "+" && afterQuantifier) return POSSESSIVE;
    if (c === "*" || c === "+") quantifierEnd = true;
    // `?` after a quantifier makes it lazy (and ends it); `(?` opens a group
    else if (c === "?") quantifierEnd = !afterQuantifier && pattern[i - 1] !== "(";
    else if (c === "}") quantifierEnd = /(^|[^\\])(\\\\)*\{\d+(,\d*)?\}$/.test(pattern.slice(0, i + 1));
  }
  for (const n of backReferences) {
    if (n > groups) return { what: `the back reference \\${n} to a group the pattern does not have`, fix: "remove it" };
    if (named) {
      return {
        what: `the back reference \\${n} in a pattern with named groups`,
        fix: "remove it or name the group",
        note: "they number the groups differently",
      };
    }
  }
  return undefined;
}

/** Maximum length of a route number pattern, per the SIP routing API (`TrunkRoute.numberPattern`). */
export const MAX_NUMBER_PATTERN_LENGTH = 1024;

/**
 * Checks a .NET number pattern and compiles it for evaluation in JavaScript.
 *
 * @param pattern the `numberPattern` of an ACS route or Teams voice route
 * @returns the compiled `RegExp` (no flags; `test` is called on the whole dialed string, like .NET `IsMatch`)
 * @throws Error with a lower-case message that names the problem and the fix when the pattern is empty,
 *   longer than 1024 characters, invalid, or uses a construct whose meaning differs between .NET and JavaScript
 */
export function compileNumberPattern(pattern: string): RegExp {
  const problem = numberPatternProblem(pattern);
  if (problem) throw new Error(problem);
  return new RegExp(pattern);
}

/**
 * Returns why a number pattern cannot be used, or `undefined` when it can.
 *
 * @param pattern the `numberPattern` to check
 * @returns a message such as `is not a valid regular expression (Unterminated group); fix the pattern`
 */
export function numberPatternProblem(pattern: string): string | undefined {
  if (pattern.length === 0) return "must not be empty; give a regular expression such as ^\\+1\\d{10}$";
  if (pattern.length > MAX_NUMBER_PATTERN_LENGTH) {
    return `must be at most ${MAX_NUMBER_PATTERN_LENGTH} characters, got ${pattern.length}`;
  }
  const construct = DOTNET_ONLY.find((c) => c.test.test(pattern)) ?? divergentToken(pattern);
  if (construct) {
    const note = construct.note ? ` (${construct.note})` : "";
    return `uses ${construct.what}, which .NET and JavaScript read differently${note}; ${construct.fix}`;
  }
  try {
    new RegExp(pattern);
  } catch (err) {
    const reason = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, "") : "";
    return `is not a valid regular expression (${reason}); fix the pattern`;
  }
  return undefined;
}

/**
 * The top-level alternatives of a pattern: `^911|933$` → `["^911", "933$"]`; a `|` inside a group, a class
 * or escaped does not split. A pattern that is one group around everything (`(^911$|^933$)`) is split inside it.
 *
 * @param pattern a pattern that {@link numberPatternProblem} accepts
 */
export function topLevelAlternatives(pattern: string): string[] {
  const split = (source: string): { parts: string[]; wholeGroup: boolean } => {
    const parts: string[] = [];
    let depth = 0;
    let inClass = false;
    let start = 0;
    let wholeGroup = source.startsWith("(");
    for (let i = 0; i < source.length; i++) {
      const c = source[i];
      if (c === "\\") i++;
      else if (inClass) inClass = c !== "]";
      else if (c === "[") inClass = true;
      else if (c === "(") depth++;
      else if (c === ")" && --depth === 0 && i < source.length - 1) wholeGroup = false;
      else if (c === "|" && depth === 0) {
        parts.push(source.slice(start, i));
        start = i + 1;
      }
    }
    parts.push(source.slice(start));
    return { parts, wholeGroup: wholeGroup && parts.length === 1 && source.endsWith(")") };
  };
  const outer = split(pattern);
  if (!outer.wholeGroup) return outer.parts;
  const inner = pattern.replace(/^\((\?:)?/, "").slice(0, -1);
  return split(inner).parts;
}

/**
 * Whether a pattern is anchored at both ends (`^...$`), as the service expects for whole-number matches:
 * every top-level alternative starts with `^` and ends with an unescaped `$` (`^911|933$` is not anchored:
 * `933$` matches any number ending in 933).
 *
 * @param pattern a pattern that {@link numberPatternProblem} accepts
 */
export function isAnchored(pattern: string): boolean {
  return topLevelAlternatives(pattern).every((alt) => alt.startsWith("^") && /(^|[^\\])(\\\\)*\$$/.test(alt));
}
