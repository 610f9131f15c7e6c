/**
 * Matching a dial string against a route's number pattern, with compiled patterns cached.
 */
import { compileNumberPattern } from "./numberPattern";

/** Patterns kept compiled; a stack has at most a few hundred, so the cap only guards long-lived runtimes. */
const MAX_CACHED = 4096;
const compiled = new Map<string, RegExp>();

/**
 * The compiled form of a number pattern, compiled once per distinct pattern text.
 *
 * @throws Error from {@link compileNumberPattern} when the pattern is unusable
 */
export function cachedNumberPattern(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = compileNumberPattern(pattern);
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

/**
 * Whether a route pattern matches a dial string, as the service's .NET `Regex.IsMatch` does: the pattern may
 * match anywhere unless it is anchored with `^...$`.
 *
 * @param pattern a route `numberPattern` such as `^\+1\d{10}$`
 * @param dialString E.164 with `+` (`+14255550100`) or bare emergency digits (`911`)
 * @throws Error from {@link compileNumberPattern} when the pattern is unusable
 */
export function matchesNumberPattern(pattern: string, dialString: string): boolean {
  return cachedNumberPattern(pattern).test(dialString);
}
