/**
 * Route analysis for the policies: which routes a dial string matches, and which routes can never be reached
 * because earlier routes take every number they match.
 */
import { matchesNumberPattern } from "./matchesNumberPattern";
import { samplePatternMatches } from "./samplePatternMatches";

/** The part of an ACS route or Teams voice route that matching needs. */
export interface PatternRoute {
  readonly name: string;
  readonly numberPattern: string;
}

/** A route that earlier routes make unreachable. */
export interface ShadowedRoute {
  /** Name of the unreachable route. */
  readonly route: string;
  /** Its position in the list given. */
  readonly index: number;
  /** Earlier routes that take the numbers it matches, in list order. */
  readonly shadowedBy: string[];
  /**
   * `identical`: an earlier route has the same pattern (certain). `catch-all`: an earlier pattern matches
   * every string (certain). `sampled`: every sample number of the route (up to 96) matched an earlier route
   * (very likely, not proven).
   */
  readonly certainty: "identical" | "catch-all" | "sampled";
  /** e.g. `route "denmark" (^\+45\d{8}$) is never used: route "international" before it matches every number it matches (96 sampled)` */
  readonly reason: string;
}

/** Patterns that match every string, written the ways people write them. */
const CATCH_ALL = new Set([".*", "^.*", ".*$", "^.*$", "^(.*)$", "(.*)", "^(?:.*)$"]);
const SAMPLES = 96;

/**
 * Every route whose pattern matches a dial string, in list order (for ACS the first is the one used).
 *
 * @param dialString E.164 with `+` or bare emergency digits
 * @param routes routes in the order the service evaluates them
 * @throws Error when a pattern is unusable (a validated spec never has one)
 */
export function routesMatching<R extends PatternRoute>(
  dialString: string,
  routes: readonly R[],
): { route: R; index: number }[] {
  const hits: { route: R; index: number }[] = [];
  routes.forEach((route, index) => {
    if (matchesNumberPattern(route.numberPattern, dialString)) hits.push({ route, index });
  });
  return hits;
}

/**
 * Routes that can never be chosen because earlier routes (first match wins) take every number they match.
 *
 * Conservative approximation, in this order: an earlier route with the identical pattern text; an earlier
 * catch-all pattern (`.*`, `^.*$`, ...); otherwise up to 96 deterministic sample numbers of the route
 * ({@link samplePatternMatches}) all matched by earlier routes. Sampling can report a route whose only
 * unshadowed numbers were never sampled (rare for digit patterns); routes the sampler cannot read
 * (lookarounds, backreferences) are reported only by the first two rules. Trunk or gateway state is not
 * considered: pass only usable routes if a disabled earlier route should not count.
 *
 * @param routes routes in evaluation order (ACS list order; for Teams, one usage's routes sorted by priority)
 * @returns unreachable routes in list order
 */
export function findShadowedRoutes(routes: readonly PatternRoute[]): ShadowedRoute[] {
  const shadowed: ShadowedRoute[] = [];
  const describe = (r: PatternRoute) => `route "${r.name}" (${r.numberPattern})`;
  routes.forEach((route, index) => {
    const earlier = routes.slice(0, index);
    const same = earlier.find((e) => e.numberPattern === route.numberPattern);
    if (same) {
      shadowed.push({
        route: route.name, index, shadowedBy: [same.name], certainty: "identical",
        reason: `${describe(route)} is never used: route "${same.name}" before it has the same pattern`,
      });
      return;
    }
    const all = earlier.find((e) => CATCH_ALL.has(e.numberPattern));
    if (all) {
      shadowed.push({
        route: route.name, index, shadowedBy: [all.name], certainty: "catch-all",
        reason: `${describe(route)} is never used: route "${all.name}" before it matches every number (${all.numberPattern})`,
      });
      return;
    }
    if (earlier.length === 0) return;
    const samples = samplePatternMatches(route.numberPattern, SAMPLES, index + 1);
    if (samples.length === 0) return;
    const takers = new Set<number>();
    for (const sample of samples) {
      const taker = earlier.findIndex((e) => matchesNumberPattern(e.numberPattern, sample));
      if (taker < 0) return;
      takers.add(taker);
    }
    const names = [...takers].sort((a, b) => a - b).map((i) => (earlier[i] as PatternRoute).name);
    const by = names.length === 1 ? `route "${names[0]}" before it matches` : `routes ${names.map((n) => `"${n}"`).join(", ")} before it match`;
    shadowed.push({
      route: route.name, index, shadowedBy: names, certainty: "sampled",
      reason: `${describe(route)} is never used: ${by} every number it matches (${samples.length} sampled)`,
    });
  });
  return shadowed;
}
