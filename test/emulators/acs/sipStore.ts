/**
 * The emulator's `/sip` configuration and its JSON merge-patch rules
 * (azure-voice-api-facts §1.2–1.3):
 * - trunks merged by FQDN, `null` deletes; routes replaced as one list; domains toggle `enabled`;
 * - a trunk referenced by a current route cannot be deleted (checked against the routes in effect
 *   before the patch, the strict reading, which is what makes clear-routes-first necessary);
 * - every route trunk must exist after the patch; at most 250 trunks, routes and domains;
 * - on the GA api-version `2023-03-01` there are no domains, no trunk `enabled`, no `callerIdOverride`.
 */

/** An error the emulator answers with `{error:{code,message}}` and `x-ms-error-code`. */
export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

export const SIP_STABLE = "2023-03-01";
export const SIP_API_VERSIONS = ["2021-05-01", SIP_STABLE, "2023-04-01-preview", "2024-11-15-preview"];

const FQDN = /^(?=.{1,249}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const PREVIEW_TRUNK_FIELDS = ["enabled", "directTransfer", "stepOutOfSignaling", "privacyHeader", "ipAddressVersion"];
const MAX = 250;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** A stored trunk: `sipSignalingPort` plus preview fields. */
export type StoredTrunk = { sipSignalingPort: number } & Json;
/** A stored route. */
export interface StoredRoute {
  name: string;
  numberPattern: string;
  trunks: string[];
  description?: string;
  callerIdOverride?: string;
}

/** Initial content of the store. */
export interface SipSeed {
  /** Domains verified on the resource (`enabled` as given). */
  domains?: Record<string, { enabled: boolean }>;
  trunks?: Record<string, StoredTrunk>;
  routes?: StoredRoute[];
}

/** The SIP configuration of one emulated ACS resource. */
export class SipStore {
  domains = new Map<string, { enabled: boolean }>();
  trunks = new Map<string, StoredTrunk>();
  routes: StoredRoute[] = [];

  constructor(seed: SipSeed = {}) {
    for (const [d, v] of Object.entries(seed.domains ?? {})) this.domains.set(d, { ...v });
    for (const [f, t] of Object.entries(seed.trunks ?? {})) this.trunks.set(f, { ...t });
    this.routes = (seed.routes ?? []).map((r) => ({ ...r, trunks: [...r.trunks] }));
  }

  /** The `SipConfiguration` body for an api-version. */
  view(apiVersion: string): Json {
    const stable = apiVersion === SIP_STABLE || apiVersion === "2021-05-01";
    const trunks: Json = {};
    for (const [f, t] of this.trunks) {
      trunks[f] = stable ? { sipSignalingPort: t.sipSignalingPort } : { enabled: true, ...t };
    }
    const routes = this.routes.map((r) => {
      const out: Json = { name: r.name, numberPattern: r.numberPattern, trunks: [...r.trunks] };
      if (r.description !== undefined) out.description = r.description;
      if (!stable && r.callerIdOverride !== undefined) out.callerIdOverride = r.callerIdOverride;
      return out;
    });
    const body: Json = { trunks, routes };
    if (!stable) body.domains = Object.fromEntries([...this.domains].map(([d, v]) => [d, { ...v }]));
    return body;
  }

  /**
   * Applies a merge-patch body atomically.
   * @throws ApiError 400 for a malformed body, 422 for a rule the service enforces
   */
  patch(body: unknown, apiVersion: string): void {
    const stable = apiVersion === SIP_STABLE || apiVersion === "2021-05-01";
    if (!isObject(body)) throw new ApiError(400, "InvalidRequestBody", "the body must be a SipConfigurationUpdate object");
    for (const key of Object.keys(body)) {
      const allowed = stable ? ["trunks", "routes"] : ["trunks", "routes", "domains"];
      if (!allowed.includes(key)) throw new ApiError(400, "InvalidRequestBody", `unknown property ${key} for api-version ${apiVersion}`);
    }
    const domains = new Map([...this.domains].map(([d, v]) => [d, { ...v }]));
    const trunks = new Map([...this.trunks].map(([f, t]) => [f, { ...t }]));
    let routes = this.routes;

    if (body.domains !== undefined) {
      if (!isObject(body.domains)) throw new ApiError(400, "InvalidRequestBody", "domains must be an object");
      for (const [d, v] of Object.entries(body.domains)) {
        if (v === null) {
          domains.delete(d);
          continue;
        }
        const current = domains.get(d);
        if (!current) throw new ApiError(422, "DomainNotVerified", `domain ${d} is not verified on this resource`);
        if (!isObject(v) || (v.enabled !== undefined && typeof v.enabled !== "boolean")) {
          throw new ApiError(400, "InvalidRequestBody", `domains.${d} must be {"enabled": true|false}`);
        }
        if (typeof v.enabled === "boolean") current.enabled = v.enabled;
      }
    }

    if (body.trunks !== undefined) {
      if (!isObject(body.trunks)) throw new ApiError(400, "InvalidRequestBody", "trunks must be an object keyed by FQDN");
      for (const [fqdn, v] of Object.entries(body.trunks)) {
        if (!FQDN.test(fqdn)) throw new ApiError(400, "InvalidTrunkFqdn", `trunk key ${fqdn} is not a valid FQDN`);
        if (v === null) {
          const user = this.routes.find((r) => r.trunks.includes(fqdn));
          if (user) throw new ApiError(422, "TrunkInUse", `trunk ${fqdn} cannot be deleted: route ${user.name} uses it`);
          trunks.delete(fqdn);
          continue;
        }
        if (!isObject(v)) throw new ApiError(400, "InvalidRequestBody", `trunks.${fqdn} must be an object or null`);
        for (const key of Object.keys(v)) {
          const known = key === "sipSignalingPort" || (!stable && PREVIEW_TRUNK_FIELDS.includes(key));
          if (!known) throw new ApiError(400, "InvalidRequestBody", `unknown trunk property ${key} for api-version ${apiVersion}`);
        }
        const existing = trunks.get(fqdn);
        const port = v.sipSignalingPort ?? existing?.sipSignalingPort;
        if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) {
          throw new ApiError(400, "InvalidSipSignalingPort", `trunks.${fqdn}.sipSignalingPort must be 1-65535, got ${JSON.stringify(v.sipSignalingPort)}`);
        }
        if (v.enabled !== undefined && typeof v.enabled !== "boolean") throw new ApiError(400, "InvalidRequestBody", `trunks.${fqdn}.enabled must be a boolean`);
        if (!existing && domains.size > 0 && !domains.has(fqdn.slice(fqdn.indexOf(".") + 1))) {
          throw new ApiError(422, "DomainNotVerified", `the domain of trunk ${fqdn} is not verified on this resource`);
        }
        trunks.set(fqdn, { ...(existing ?? {}), ...v, sipSignalingPort: port });
      }
    }

    if (body.routes !== undefined) {
      if (!Array.isArray(body.routes)) throw new ApiError(400, "InvalidRequestBody", "routes must be an array");
      if (body.routes.length > MAX) throw new ApiError(422, "TooManyRoutes", `at most ${MAX} routes, got ${body.routes.length}`);
      routes = body.routes.map((r, i) => parseRoute(r, i, stable));
    }

    if (trunks.size > MAX) throw new ApiError(422, "TooManyTrunks", `at most ${MAX} trunks, got ${trunks.size}`);
    if (domains.size > MAX) throw new ApiError(422, "TooManyDomains", `at most ${MAX} domains, got ${domains.size}`);
    for (const r of routes) {
      const missing = r.trunks.find((t) => !trunks.has(t));
      if (missing) throw new ApiError(422, "TrunkNotFound", `route ${r.name} references trunk ${missing}, which does not exist`);
    }
    this.domains = domains;
    this.trunks = trunks;
    this.routes = routes;
  }
}

function parseRoute(r: unknown, i: number, stable: boolean): StoredRoute {
  if (!isObject(r)) throw new ApiError(400, "InvalidRequestBody", `routes[${i}] must be an object`);
  const { name, numberPattern, trunks, description, callerIdOverride } = r;
  if (typeof name !== "string" || name.length === 0 || name.length > 256) throw new ApiError(400, "InvalidRouteName", `routes[${i}].name must be 1-256 characters`);
  if (typeof numberPattern !== "string" || numberPattern.length === 0 || numberPattern.length > 1024) {
    throw new ApiError(400, "InvalidNumberPattern", `routes[${i}].numberPattern must be 1-1024 characters`);
  }
  try {
    new RegExp(numberPattern);
  } catch {
    throw new ApiError(400, "InvalidNumberPattern", `routes[${i}].numberPattern is not a valid regular expression`);
  }
  if (trunks !== undefined && (!Array.isArray(trunks) || trunks.length > MAX || trunks.some((t) => typeof t !== "string"))) {
    throw new ApiError(400, "InvalidRequestBody", `routes[${i}].trunks must be at most ${MAX} FQDNs`);
  }
  if (description !== undefined && (typeof description !== "string" || description.length > 1024)) {
    throw new ApiError(400, "InvalidRequestBody", `routes[${i}].description must be at most 1024 characters`);
  }
  if (callerIdOverride !== undefined && (stable || typeof callerIdOverride !== "string")) {
    throw new ApiError(400, "InvalidRequestBody", `routes[${i}].callerIdOverride is not supported here`);
  }
  const route: StoredRoute = { name, numberPattern, trunks: [...((trunks as string[] | undefined) ?? [])] };
  if (typeof description === "string") route.description = description;
  if (typeof callerIdOverride === "string") route.callerIdOverride = callerIdOverride;
  return route;
}
