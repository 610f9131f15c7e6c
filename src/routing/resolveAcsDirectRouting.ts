/**
 * ACS direct routing: which route and trunks an outbound call takes.
 *
 * @see azure-voice-api-facts.md §1.4 (direct-routing-provisioning.md "Voice routing examples")
 */
import type { DirectRoutingSpec, Route } from "../config/schema";
import { matchesNumberPattern } from "./matchesNumberPattern";

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
 * @param directRouting `spec.directRouting`; `undefined` means no routes
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
  const trunksByFqdn = new Map(directRouting.trunks.map((t) => [t.fqdn, t]));
  const routes = directRouting.routes;
  for (let i = 0; i < routes.length; i++) {
    const route = routes[i] as Route;
    if (!matchesNumberPattern(route.numberPattern, dialString)) continue;
    const enabled = route.trunks.filter((fqdn) => trunksByFqdn.get(fqdn)?.enabled === true);
    if (enabled.length === 0) {
      const undeclared = route.trunks.filter((fqdn) => !trunksByFqdn.has(fqdn));
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
      trunksNotEmergencyCapable: enabled.filter((fqdn) => trunksByFqdn.get(fqdn)?.emergencyCapable !== true),
      trunkOrderGuaranteed: false,
      skipped,
    };
  }
  return { trunks: [], trunksNotEmergencyCapable: [], trunkOrderGuaranteed: false, skipped };
}
