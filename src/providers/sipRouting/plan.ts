/**
 * Pure write planning for `/sip`: wire shapes, the api-version a configuration needs, the ownership
 * check, the merge-patch bodies (and their order when a trunk still in use must go), and the state
 * read back from the service.
 *
 * Wire facts (azure-voice-api-facts §1.2–1.3): `PATCH /sip` is JSON merge-patch; a trunk set to
 * `null` is deleted; `routes` is replaced as one ordered list; a trunk any route references cannot be
 * deleted; `domains` only toggles `enabled` on domains already verified in the portal.
 */
import { MAX_ITEMS, SETTING, trunkText, type SipRouteInput, type SipRoutingInputs, type SipRoutingState, type SipTrunkInput } from "./logic";

/** GA api-version of `/sip` (trunks with `sipSignalingPort`, routes). The SDK's default. */
export const STABLE_API_VERSION = "2023-03-01";
/** Latest preview api-version: adds `domains`, trunk `enabled`, route `callerIdOverride`. */
export const PREVIEW_API_VERSION = "2024-11-15-preview";

/** A trunk as the service returns it (extra read-only fields such as `health` are ignored). */
export interface WireTrunk {
  sipSignalingPort: number;
  enabled?: boolean;
  [other: string]: unknown;
}

/** A route on the wire. */
export interface WireRoute {
  name: string;
  numberPattern: string;
  trunks?: string[];
  description?: string;
  callerIdOverride?: string;
}

/** `SipConfiguration`: the body of `GET /sip` and of the `PATCH /sip` response. */
export interface WireSipConfiguration {
  domains?: Record<string, { enabled?: boolean }>;
  trunks?: Record<string, WireTrunk>;
  routes?: WireRoute[];
}

/** `SipConfigurationUpdate`: a merge-patch body. */
export interface WireSipPatch {
  domains?: Record<string, { enabled: boolean }>;
  trunks?: Record<string, { sipSignalingPort: number; enabled?: boolean } | null>;
  routes?: WireRoute[];
}

/**
 * The api-version a desired configuration needs: the GA version unless it uses a preview-only field
 * (a domain, a disabled trunk, a route `callerIdOverride`), or the recorded state has one that the
 * update takes away (a trunk disabled before, a route with `callerIdOverride` before): the GA version
 * neither shows nor writes those fields, so re-enabling the trunk or dropping the override through it
 * would compare equal and write nothing.
 *
 * @param desired normalised desired inputs
 * @param previous the recorded state, on update @default none (create)
 */
export function apiVersionFor(
  desired: Pick<SipRoutingInputs, "domains" | "trunks" | "routes">,
  previous?: Pick<SipRoutingState, "trunks" | "routes">,
): string {
  const usesPreview = (c: Pick<SipRoutingInputs, "trunks" | "routes">): boolean =>
    c.trunks.some((t) => !t.enabled) || c.routes.some((r) => r.callerIdOverride !== undefined);
  const preview = desired.domains.length > 0 || usesPreview(desired) || (previous !== undefined && usesPreview(previous));
  return preview ? PREVIEW_API_VERSION : STABLE_API_VERSION;
}

/** The wire form of a route list (empty optional fields left out). */
export function toWireRoutes(routes: SipRouteInput[]): WireRoute[] {
  return routes.map((r) => {
    const w: WireRoute = { name: r.name, numberPattern: r.numberPattern, trunks: [...r.trunks] };
    if (r.description !== undefined) w.description = r.description;
    if (r.callerIdOverride !== undefined) w.callerIdOverride = r.callerIdOverride;
    return w;
  });
}

/** A wire route list read back as inputs (missing `trunks` → `[]`, empty strings dropped). */
export function fromWireRoutes(routes: WireRoute[] | undefined): SipRouteInput[] {
  return (routes ?? []).map((r) => {
    const route: SipRouteInput = { name: r.name, numberPattern: r.numberPattern, trunks: [...(r.trunks ?? [])] };
    if (r.description) route.description = r.description;
    if (r.callerIdOverride) route.callerIdOverride = r.callerIdOverride;
    return route;
  });
}

/** Whether two route lists are the same, in the same order. */
export function sameRoutes(a: SipRouteInput[], b: SipRouteInput[]): boolean {
  return JSON.stringify(toWireRoutes(a)) === JSON.stringify(toWireRoutes(b));
}

/**
 * What `create` found when the SIP configuration holds trunks or routes that are not the desired ones
 * and `adoptExisting` is false, or undefined when it may proceed. Items equal in name to desired ones
 * are taken as this resource's own (a retried create finds what an interrupted one wrote); verified
 * domains do not count: they are expected to exist.
 *
 * @param live the configuration read from the service
 * @param desired normalised desired inputs
 * @param endpoint the ACS endpoint, for the message
 */
export function ownershipProblem(
  live: WireSipConfiguration,
  desired: Pick<SipRoutingInputs, "trunks" | "routes">,
  endpoint: string,
): string | undefined {
  const mine = new Set(desired.trunks.map((t) => t.fqdn));
  const myRoutes = new Set(desired.routes.map((r) => r.name));
  const trunks = Object.entries(live.trunks ?? {})
    .filter(([fqdn]) => !mine.has(fqdn))
    .map(([fqdn, t]) => trunkText({ fqdn, ...t }));
  const routes = (live.routes ?? []).filter((r) => !myRoutes.has(r.name)).map((r) => `${r.name} (${r.numberPattern})`);
  if (trunks.length === 0 && routes.length === 0) return undefined;
  return (
    `the SIP configuration of ${endpoint} is not empty: ${trunks.length} trunk(s) [${trunks.join(", ")}] and ` +
    `${routes.length} route(s) [${routes.join(", ")}] that ${SETTING} does not declare; ccvoice will not take it over silently. ` +
    `Set ${SETTING}.adoptExisting to true to adopt it (the route list is replaced by yours, trunks you declare are updated, ` +
    `other trunks are left alone), or remove those trunks and routes first`
  );
}

/** The planned writes, in order, and the problems that stop them. */
export interface SipWritePlan {
  patches: WireSipPatch[];
  problems: string[];
}

/**
 * Plans the merge-patch writes that take the live configuration to the desired one.
 *
 * - Domains: each desired domain must already be on the resource (verified); disabled ones are enabled.
 *   Domains are never removed (that would need a new DNS verification).
 * - Trunks: desired trunks missing or different are upserted; trunks previously owned and no longer
 *   desired are set to `null`. Trunks never owned are not touched.
 * - Routes: the whole desired list, only when it differs from the live list.
 * - When a trunk to delete is still referenced by a live route: first the domains, the trunks to add
 *   or change and the final route list in one PATCH, then the deletions. No route of the desired list
 *   is ever missing in between, so no broader route (e.g. `.*`) catches the calls of a route whose
 *   SBCs are being swapped, emergency calls included. Only when adding before deleting would exceed
 *   the service's 250 trunks: the routes are rewritten first to an interim list (the desired routes
 *   limited to trunks that exist now and stay), then the trunk patch, then the final routes.
 *   Otherwise everything is one PATCH, and nothing when nothing differs.
 *
 * @param live the configuration read from the service
 * @param desired normalised desired inputs (for `delete`: no trunks, no routes, no domains)
 * @param previouslyOwned FQDNs this resource owned before (from its state)
 * @param apiVersion the api-version in use; on the GA version `enabled` and `domains` are not sent
 */
export function planSipWrites(
  live: WireSipConfiguration,
  desired: Pick<SipRoutingInputs, "domains" | "trunks" | "routes">,
  previouslyOwned: string[],
  apiVersion: string,
): SipWritePlan {
  const preview = apiVersion !== STABLE_API_VERSION;
  const problems: string[] = [];
  const liveDomains = live.domains ?? {};
  const liveTrunks = live.trunks ?? {};
  const liveRoutes = fromWireRoutes(live.routes);

  const domainPatch: Record<string, { enabled: boolean }> = {};
  desired.domains.forEach((d) => {
    const found = liveDomains[d];
    if (!found) {
      const known = Object.keys(liveDomains);
      problems.push(
        `${SETTING}.domains lists ${d}, which is not a verified direct-routing domain of the ACS resource ` +
          `(it has: ${known.join(", ") || "none"}); verify it in the Azure portal (Communication Services → Direct routing → Domains → Connect domain, then the DNS TXT record) and run again`,
      );
    } else if (found.enabled !== true) domainPatch[d] = { enabled: true };
  });

  const desiredFqdns = new Set(desired.trunks.map((t) => t.fqdn));
  const trunkPatch: NonNullable<WireSipPatch["trunks"]> = {};
  desired.trunks.forEach((t: SipTrunkInput) => {
    const l = liveTrunks[t.fqdn];
    const enabledDiffers = preview && (l?.enabled ?? true) !== t.enabled;
    if (!l || l.sipSignalingPort !== t.sipSignalingPort || enabledDiffers) {
      trunkPatch[t.fqdn] = preview ? { sipSignalingPort: t.sipSignalingPort, enabled: t.enabled } : { sipSignalingPort: t.sipSignalingPort };
    }
  });
  const deleted = previouslyOwned.filter((f) => !desiredFqdns.has(f) && liveTrunks[f] !== undefined);
  deleted.forEach((f) => (trunkPatch[f] = null));
  if (problems.length > 0) return { patches: [], problems };

  const routesDiffer = !sameRoutes(liveRoutes, desired.routes);
  const inUse = deleted.filter((f) => liveRoutes.some((r) => r.trunks.includes(f)));
  const hasDomains = Object.keys(domainPatch).length > 0;
  const hasTrunks = Object.keys(trunkPatch).length > 0;

  if (inUse.length === 0) {
    const patch: WireSipPatch = {};
    if (hasDomains) patch.domains = domainPatch;
    if (hasTrunks) patch.trunks = trunkPatch;
    if (routesDiffer) patch.routes = toWireRoutes(desired.routes);
    return { patches: Object.keys(patch).length > 0 ? [patch] : [], problems };
  }

  const upserts = Object.fromEntries(Object.entries(trunkPatch).filter(([, t]) => t !== null));
  if (new Set([...Object.keys(liveTrunks), ...Object.keys(upserts)]).size <= MAX_ITEMS) {
    const first: WireSipPatch = {};
    if (hasDomains) first.domains = domainPatch;
    if (Object.keys(upserts).length > 0) first.trunks = upserts;
    first.routes = toWireRoutes(desired.routes);
    return { patches: [first, { trunks: Object.fromEntries(deleted.map((f) => [f, null])) }], problems };
  }

  const existing = new Set(Object.keys(liveTrunks).filter((f) => !deleted.includes(f)));
  const interim = desired.routes
    .map((r) => ({ ...r, trunks: r.trunks.filter((t) => existing.has(t)) }))
    .filter((r) => r.trunks.length > 0);
  const patches: WireSipPatch[] = [{ routes: toWireRoutes(interim) }];
  const middle: WireSipPatch = { trunks: trunkPatch };
  if (hasDomains) middle.domains = domainPatch;
  patches.push(middle);
  if (!sameRoutes(interim, desired.routes)) patches.push({ routes: toWireRoutes(desired.routes) });
  return { patches, problems };
}

/**
 * The writes of a `delete` when another resource of the same deployment holds this SIP configuration
 * (a replacement, or the same configuration under a new name): the route list and the domains are
 * theirs now and stay as they are; of the trunks this resource owned, only those that no other holder
 * declares and that no live route uses are deleted, in one PATCH (nothing when none).
 *
 * @param live the configuration read from the service
 * @param owned FQDNs this resource owned (from its state)
 * @param heldElsewhere FQDNs the other holders declare
 */
export function planHandOver(live: WireSipConfiguration, owned: string[], heldElsewhere: string[]): WireSipPatch[] {
  const kept = new Set(heldElsewhere);
  const used = new Set((live.routes ?? []).flatMap((r) => r.trunks ?? []));
  const drop = owned.filter((f) => !kept.has(f) && !used.has(f) && live.trunks?.[f] !== undefined);
  return drop.length > 0 ? [{ trunks: Object.fromEntries(drop.map((f) => [f, null])) }] : [];
}

/**
 * The resource state as read from the service: owned trunks with their live port and `enabled`
 * (owned trunks gone from the service are dropped: drift), the live route list, the managed domains
 * that are live and enabled, and the FQDNs of trunks it does not own.
 *
 * @param live the configuration read from the service
 * @param owned the trunks this resource owns (their ccvoice flags are carried over)
 * @param managed the inputs whose endpoint, domains and adoptExisting are recorded
 * @param apiVersion the api-version used
 */
export function stateFromLive(
  live: WireSipConfiguration,
  owned: SipTrunkInput[],
  managed: Pick<SipRoutingInputs, "endpoint" | "domains" | "adoptExisting">,
  apiVersion: string,
): SipRoutingState {
  const liveTrunks = live.trunks ?? {};
  const ownedFqdns = new Set(owned.map((t) => t.fqdn));
  const trunks = owned
    .filter((t) => liveTrunks[t.fqdn] !== undefined)
    .map((t) => {
      const l = liveTrunks[t.fqdn] as WireTrunk;
      const trunk: SipTrunkInput = { ...t, sipSignalingPort: l.sipSignalingPort, enabled: l.enabled ?? true };
      return trunk;
    });
  const domains =
    apiVersion === STABLE_API_VERSION
      ? [...managed.domains]
      : managed.domains.filter((d) => live.domains?.[d]?.enabled === true);
  return {
    endpoint: managed.endpoint,
    domains,
    trunks,
    routes: fromWireRoutes(live.routes),
    adoptExisting: managed.adoptExisting,
    apiVersion,
    foreignTrunks: Object.keys(liveTrunks).filter((f) => !ownedFqdns.has(f)).sort(),
  };
}

