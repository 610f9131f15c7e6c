/**
 * ACS direct routing: which route and trunks an outbound call takes.
 *
 * @see azure-voice-api-facts.md §1.4 (direct-routing-provisioning.md "Voice routing examples")
 */
import type { DirectRoutingSpec, Route } from "../config/schema";
import { cachedNumberPattern } from "./matchesNumberPattern";

/** Compiled patterns per routes list, so a stack's routes are prepared once, not on every call. */
interface Prepared {
  readonly sources: string[];
  readonly patterns: RegExp[];
}
const prepared = new WeakMap<readonly Route[], Prepared>();

function compiledRoutes(routes: readonly Route[]): RegExp[] {
  const p = prepared.get(routes);
  if (p && p.sources.length === routes.length && routes.every((r, i) => r.numberPattern === p.sources[i])) {
    return p.patterns;
  }
  const fresh = {
    sources: routes.map((r) => r.numberPattern),
    patterns: routes.map((r) => cachedNumberPattern(r.numberPattern)),
  };
  prepared.set(routes, fresh);
  return fresh.patterns;
}

/** A matching route that was passed over, and why. */
export interface SkippedRoute {
  readonly route: string;
  /** e.g. `every trunk of route "uk" is disabled (sbc2.contoso.com)` */
  readonly reason: string;
}

/** Result of {@link resolveAcsDirectRouting}. */
export interface AcsRouteResolution {
  /** Name of the first matching route with an enabled trunk; absent when none. */
  readonly route?: string;
  /** Position of that route in `directRouting.routes`. */
  readonly routeIndex?: number;
  /** Enabled trunks of that route, in the order written (the service may try them in any order). */
  readonly trunks: string[];
  /** Of `trunks`, those not marked `emergencyCapable`. */
  readonly trunksNotEmergencyCapable: string[];
  /** Always false: the docs say trunks within a route are tried in random order (the spec says list order). */
  readonly trunkOrderGuaranteed: false;
  /** Matching routes passed over because none of their trunks is enabled, in list order. */
  readonly skipped: SkippedRoute[];
}

/**
 * Resolves an outbound ACS call: routes are tried in list order; the first route whose `numberPattern`
 * matches and that has at least one enabled trunk wins. A matching route whose trunks are all disabled (or
 * undeclared) is skipped, like the service's failover to the next matching route when no SBC answers.
 *
 * @param dialString E.164 with `+` or bare emergency digits, from `parseDialed(...).dialString`
 * @param directRouting `spec.directRouting`; `undefined` means no routes. The compiled patterns are kept per
 *   `routes` array (weakly) and rebuilt when a pattern or the list length changes
 * @returns the route and candidate trunks; `route` is absent when no usable route matches
 * @throws Error when a route pattern is unusable (a validated spec never has one)
 */
export function resolveAcsDirectRouting(
  dialString: string,
  directRouting: Pick<DirectRoutingSpec, "trunks" | "routes"> | undefined,
): AcsRouteResolution {
  const skipped: SkippedRoute[] = [];
  if (!directRouting) {
    return { trunks: [], trunksNotEmergencyCapable: [], trunkOrderGuaranteed: false, skipped };
  }
  const routes = directRouting.routes;
  const patterns = compiledRoutes(routes);
  const trunk = (fqdn: string) => directRouting.trunks.find((t) => t.fqdn === fqdn);
  for (let i = 0; i < routes.length; i++) {
    if (!(patterns[i] as RegExp).test(dialString)) continue;
    const route = routes[i] as Route;
    const enabled = route.trunks.filter((fqdn) => trunk(fqdn)?.enabled === true);
    if (enabled.length === 0) {
      const undeclared = route.trunks.filter((fqdn) => trunk(fqdn) === undefined);
      skipped.push({
        route: route.name,
        reason:
          undeclared.length === route.trunks.length
            ? `route "${route.name}" names only undeclared trunks (${route.trunks.join(", ")})`
            : `every trunk of route "${route.name}" is disabled or undeclared (${route.trunks.join(", ")})`,
      });
      continue;
    }
    return {
      route: route.name,
      routeIndex: i,
      trunks: enabled,
      trunksNotEmergencyCapable: enabled.filter((fqdn) => trunk(fqdn)?.emergencyCapable !== true),
      trunkOrderGuaranteed: false,
      skipped,
    };
  }
  return { trunks: [], trunksNotEmergencyCapable: [], trunkOrderGuaranteed: false, skipped };
}
