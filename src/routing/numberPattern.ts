/**
 * Number patterns of ACS direct routing routes and Teams voice routes are .NET regular expressions
 * evaluated over the dialed number (E.164 with a leading `+`, or a short emergency dial string such as
 * `911`). This module compiles them with the JavaScript engine and refuses the constructs whose meaning
 * differs between the two engines, so that what `ccvoice` evaluates offline is what the service evaluates.
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
  {
    test: /[*+?}]\+/,
    what: "possessive quantifiers such as \\d++",
    fix: "use a plain quantifier such as \\d+",
  },
];

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
  for (const construct of DOTNET_ONLY) {
    if (construct.test.test(pattern)) {
      return `uses ${construct.what}, which .NET and JavaScript read differently; ${construct.fix}`;
    }
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
 * Whether a pattern is anchored at both ends (`^...$`), as the service expects for whole-number matches.
 *
 * @param pattern a pattern that {@link numberPatternProblem} accepts
 */
export function isAnchored(pattern: string): boolean {
  return pattern.startsWith("^") && /(^|[^\\])(\\\\)*\$$/.test(pattern);
}
