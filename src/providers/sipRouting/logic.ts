/**
 * Pure logic of the SIP routing configuration resource: input normalisation (`check`) and the
 * per-domain, per-trunk and per-route comparison behind `diff`. No Pulumi runtime, no Azure SDK.
 *
 * The inputs mirror `ccvoice:directRouting` (see `src/config/schema.ts`), so every failure names that
 * setting path.
 */

/** Prefix of every setting path in messages. */
export const SETTING = "ccvoice:directRouting";

export { UNKNOWN } from "../shared/acsEndpoint";

/** Service limits (facts §1.2): at most 250 trunks, 250 routes, 250 domains. */
export const MAX_ITEMS = 250;

/** One SBC, keyed by FQDN in the service. `emergencyCapable` and `tls` are ccvoice's, never sent. */
export interface SipTrunkInput {
  fqdn: string;
  /** SIP signaling port. @default 5061 */
  sipSignalingPort: number;
  /** Whether ACS sends calls to the trunk. @default true */
  enabled: boolean;
  /** Whether the SBC and its carrier handle emergency calls (read by the policies). @default false */
  emergencyCapable: boolean;
  /** Whether the port is TLS although it is not 5061 (read by the policies). */
  tls?: boolean;
}

/** One voice route; the list order is the priority. */
export interface SipRouteInput {
  name: string;
  /** .NET regular expression over the dialed number. */
  numberPattern: string;
  /** Trunk FQDNs, each declared in `trunks`. */
  trunks: string[];
  description?: string;
  /** E.164 caller id that overrides the one set by the application (preview API). */
  callerIdOverride?: string;
}

/** Normalised inputs of `SipRoutingConfiguration`. */
export interface SipRoutingInputs {
  /** ACS endpoint, `https://<host>`; changing it replaces the resource. */
  endpoint: string;
  /** Verified direct-routing domains to keep enabled, sorted. */
  domains: string[];
  /** Trunks this resource owns, sorted by FQDN. */
  trunks: SipTrunkInput[];
  /** The whole ordered route list (routes are replaced as one list by the service). */
  routes: SipRouteInput[];
  /** Take over a resource whose SIP configuration is not empty. @default false */
  adoptExisting: boolean;
}

/** State (outputs) of `SipRoutingConfiguration`: what was applied or last read, plus what it does not own. */
export interface SipRoutingState extends SipRoutingInputs {
  /** api-version used for `/sip`. */
  apiVersion: string;
  /** FQDNs of trunks on the resource that this configuration does not own (left alone). */
  foreignTrunks: string[];
  /** Random id of this resource instance, set by create (absent in state written before it existed); see `shared/claims.ts`. */
  instanceId?: string;
}

/** One property-level check failure, the shape of Pulumi's `CheckFailure`. */
export interface Failure {
  property: string;
  reason: string;
}

const FQDN = /^(?=.{1,249}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const E164 = /^\+[1-9]\d{6,14}$/;

const show = (value: unknown): string => JSON.stringify(value);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The parent domain of an FQDN: `sbc1.contoso.com` → `contoso.com`. */
export function parentDomain(fqdn: string): string {
  return fqdn.slice(fqdn.indexOf(".") + 1);
}

function checkTrunk(raw: unknown, i: number, failures: Failure[]): SipTrunkInput | undefined {
  const path = `trunks[${i}]`;
  if (!isObject(raw)) {
    failures.push({ property: path, reason: `${SETTING}.${path} must be a trunk with fqdn and sipSignalingPort, got ${show(raw)}` });
    return undefined;
  }
  const fqdn = typeof raw.fqdn === "string" ? raw.fqdn.trim().toLowerCase() : raw.fqdn;
  if (typeof fqdn !== "string" || !FQDN.test(fqdn)) {
    failures.push({ property: `${path}.fqdn`, reason: `${SETTING}.${path}.fqdn must be a fully qualified domain name such as sbc1.contoso.com, got ${show(raw.fqdn)}` });
  }
  const port = raw.sipSignalingPort ?? 5061;
  if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) {
    failures.push({ property: `${path}.sipSignalingPort`, reason: `${SETTING}.${path}.sipSignalingPort must be a port between 1 and 65535, got ${show(raw.sipSignalingPort)}` });
  }
  for (const flag of ["enabled", "emergencyCapable", "tls"] as const) {
    if (raw[flag] !== undefined && typeof raw[flag] !== "boolean") {
      failures.push({ property: `${path}.${flag}`, reason: `${SETTING}.${path}.${flag} must be true or false, got ${show(raw[flag])}` });
    }
  }
  const trunk: SipTrunkInput = {
    fqdn: String(fqdn),
    sipSignalingPort: Number(port),
    enabled: raw.enabled !== false,
    emergencyCapable: raw.emergencyCapable === true,
  };
  if (typeof raw.tls === "boolean") trunk.tls = raw.tls;
  return trunk;
}

function checkRoute(raw: unknown, i: number, trunkNames: Set<string>, failures: Failure[]): SipRouteInput | undefined {
  const path = `routes[${i}]`;
  if (!isObject(raw)) {
    failures.push({ property: path, reason: `${SETTING}.${path} must be a route with name, numberPattern and trunks, got ${show(raw)}` });
    return undefined;
  }
  const { name, numberPattern, description, callerIdOverride } = raw;
  if (typeof name !== "string" || name.length === 0 || name.length > 256) {
    failures.push({ property: `${path}.name`, reason: `${SETTING}.${path}.name must be 1-256 characters, got ${show(name)}` });
  }
  if (typeof numberPattern !== "string" || numberPattern.length === 0 || numberPattern.length > 1024) {
    failures.push({ property: `${path}.numberPattern`, reason: `${SETTING}.${path}.numberPattern must be a regular expression of 1-1024 characters, got ${show(numberPattern)}` });
  }
  if (description !== undefined && (typeof description !== "string" || description.length > 1024)) {
    failures.push({ property: `${path}.description`, reason: `${SETTING}.${path}.description must be text of at most 1024 characters, got ${show(description)}` });
  }
  if (callerIdOverride !== undefined && (typeof callerIdOverride !== "string" || !E164.test(callerIdOverride))) {
    failures.push({ property: `${path}.callerIdOverride`, reason: `${SETTING}.${path}.callerIdOverride must be an E.164 number such as +14255550100, got ${show(callerIdOverride)}` });
  }
  const trunks = Array.isArray(raw.trunks) ? raw.trunks.map((t) => (typeof t === "string" ? t.trim().toLowerCase() : t)) : undefined;
  if (!trunks || trunks.length === 0 || trunks.length > MAX_ITEMS) {
    failures.push({ property: `${path}.trunks`, reason: `${SETTING}.${path}.trunks must name 1-${MAX_ITEMS} trunks, got ${show(raw.trunks)}` });
  } else {
    trunks.forEach((t, j) => {
      if (typeof t !== "string" || !trunkNames.has(t)) {
        failures.push({
          property: `${path}.trunks[${j}]`,
          reason: `${SETTING}.${path}.trunks[${j}] must name a trunk declared in ${SETTING}.trunks, got ${show(t)}; declared: ${[...trunkNames].join(", ") || "none"}`,
        });
      }
    });
  }
  const route: SipRouteInput = { name: String(name), numberPattern: String(numberPattern), trunks: (trunks ?? []).map(String) };
  if (typeof description === "string" && description.length > 0) route.description = description;
  if (typeof callerIdOverride === "string") route.callerIdOverride = callerIdOverride;
  return route;
}

function checkList(raw: unknown, key: string, failures: Failure[]): unknown[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    failures.push({ property: key, reason: `${SETTING}.${key} must be a list, got ${show(raw)}` });
    return [];
  }
  if (raw.length > MAX_ITEMS) {
    failures.push({ property: key, reason: `${SETTING}.${key} must hold at most ${MAX_ITEMS} items (service limit), got ${raw.length}` });
  }
  return raw;
}

/**
 * Normalises raw inputs and lists every bad property (the dynamic provider's `check`).
 * Lower-cases FQDNs and domains, sorts trunks and domains, applies defaults (port 5061, enabled),
 * keeps the route order. An unknown endpoint (preview) is passed through unchecked.
 *
 * @param raw the inputs as received from the engine
 * @returns the normalised inputs and one failure per bad property (empty when valid)
 */
export function checkSipRoutingInputs(raw: Record<string, unknown>): { inputs: SipRoutingInputs; failures: Failure[] } {
  const failures: Failure[] = [];
  const endpoint = raw.endpoint;
  const endpointText = typeof endpoint === "string" ? endpoint : "";

  const domains = checkList(raw.domains, "domains", failures).map((d, i) => {
    const domain = typeof d === "string" ? d.trim().toLowerCase() : d;
    if (typeof domain !== "string" || !FQDN.test(domain)) {
      failures.push({ property: `domains[${i}]`, reason: `${SETTING}.domains[${i}] must be a domain name such as contoso.com, got ${show(d)}` });
    }
    return String(domain);
  });
  const trunks = checkList(raw.trunks, "trunks", failures)
    .map((t, i) => checkTrunk(t, i, failures))
    .filter((t): t is SipTrunkInput => t !== undefined);
  const seen = new Map<string, number>();
  (Array.isArray(raw.trunks) ? raw.trunks : []).forEach((t, i) => {
    const fqdn = isObject(t) && typeof t.fqdn === "string" ? t.fqdn.trim().toLowerCase() : undefined;
    if (fqdn === undefined) return;
    const first = seen.get(fqdn);
    if (first !== undefined) {
      failures.push({ property: `trunks[${i}].fqdn`, reason: `${SETTING}.trunks[${i}].fqdn repeats ${fqdn} from trunks[${first}]; each trunk FQDN appears once` });
    } else seen.set(fqdn, i);
  });
  if (domains.length > 0) {
    trunks.forEach((t, i) => {
      if (FQDN.test(t.fqdn) && !domains.includes(parentDomain(t.fqdn))) {
        failures.push({
          property: `trunks[${i}].fqdn`,
          reason: `${SETTING}.trunks[${i}].fqdn ${t.fqdn} is not under a declared domain (${domains.join(", ")}); add ${parentDomain(t.fqdn)} to ${SETTING}.domains once it is verified on the ACS resource`,
        });
      }
    });
  }
  const names = new Set(trunks.map((t) => t.fqdn));
  const routes = checkList(raw.routes, "routes", failures)
    .map((r, i) => checkRoute(r, i, names, failures))
    .filter((r): r is SipRouteInput => r !== undefined);
  const routeNames = new Map<string, number>();
  routes.forEach((r, i) => {
    const first = routeNames.get(r.name);
    if (first !== undefined) {
      failures.push({ property: `routes[${i}].name`, reason: `${SETTING}.routes[${i}].name repeats ${show(r.name)} from routes[${first}]; route names must be unique` });
    } else routeNames.set(r.name, i);
  });
  if (raw.adoptExisting !== undefined && typeof raw.adoptExisting !== "boolean") {
    failures.push({ property: "adoptExisting", reason: `${SETTING}.adoptExisting must be true or false, got ${show(raw.adoptExisting)}` });
  }

  // One CheckFailure per property: the first reason found (e.g. "repeats ..." before "not under a declared domain").
  const reported = new Set<string>();
  const single = failures.filter((f) => !reported.has(f.property) && reported.add(f.property));

  const inputs: SipRoutingInputs = {
    endpoint: endpointText,
    domains: [...new Set(domains)].sort(),
    trunks: [...trunks].sort((a, b) => a.fqdn.localeCompare(b.fqdn)),
    routes,
    adoptExisting: raw.adoptExisting === true,
  };
  return { inputs, failures: single };
}

/** Compact text of a trunk, e.g. `sbc1.contoso.com:5061 (disabled)`. */
export function trunkText(t: { fqdn: string; sipSignalingPort: number; enabled?: boolean }): string {
  return `${t.fqdn}:${t.sipSignalingPort}${t.enabled === false ? " (disabled)" : ""}`;
}
