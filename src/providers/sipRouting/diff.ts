/**
 * Pure diff of the SIP routing configuration: what changes per domain, trunk and route (including
 * route order), as an in-place update. Only an endpoint change (another ACS resource) replaces.
 */
import { UNKNOWN, trunkText, type SipRouteInput, type SipRoutingInputs, type SipRoutingState } from "./logic";
import { apiVersionFor } from "./plan";

/** Kinds of Pulumi's `PropertyDiff`. */
export type DiffKind = "ADD" | "DELETE" | "UPDATE" | "UPDATE_REPLACE";

/** One readable change, e.g. `{ path: "routes", kind: "UPDATE", detail: "order nanp, uk → uk, nanp" }`. */
export interface SipChange {
  path: string;
  kind: DiffKind;
  detail: string;
}

/** The dynamic provider's `DiffResult` plus `detailedDiff` (see the note on {@link diffSipRouting}). */
export interface SipDiffResult {
  changes: boolean;
  replaces: string[];
  stables: string[];
  detailedDiff: Record<string, { kind: DiffKind; inputDiff: boolean }>;
  /** The same changes as readable lines, for logs and tests. */
  summary: string[];
}

function routeKey(r: SipRouteInput): string {
  return JSON.stringify([r.numberPattern, r.trunks, r.description ?? null, r.callerIdOverride ?? null]);
}

function routeFieldChanges(a: SipRouteInput, b: SipRouteInput): string[] {
  const fields: string[] = [];
  if (a.numberPattern !== b.numberPattern) fields.push(`numberPattern ${a.numberPattern} → ${b.numberPattern}`);
  if (a.trunks.join(",") !== b.trunks.join(",")) fields.push(`trunks ${a.trunks.join(", ")} → ${b.trunks.join(", ")}`);
  if ((a.description ?? "") !== (b.description ?? "")) fields.push("description");
  if ((a.callerIdOverride ?? "") !== (b.callerIdOverride ?? "")) {
    fields.push(`callerIdOverride ${a.callerIdOverride ?? "none"} → ${b.callerIdOverride ?? "none"}`);
  }
  return fields;
}

/**
 * Lists the changes from the recorded state to the desired inputs: domains added/removed, trunks
 * added/removed/changed (port, enabled, ccvoice flags), routes added/removed/changed, and a change of
 * route order among the routes kept.
 *
 * @param olds recorded state (last apply or refresh)
 * @param news normalised desired inputs
 */
export function sipChanges(olds: SipRoutingState, news: SipRoutingInputs): SipChange[] {
  const changes: SipChange[] = [];
  if (olds.endpoint !== news.endpoint) {
    changes.push({ path: "endpoint", kind: "UPDATE_REPLACE", detail: `endpoint ${olds.endpoint} → ${news.endpoint === UNKNOWN ? "(known after apply)" : news.endpoint}` });
  }
  for (const d of news.domains) if (!olds.domains.includes(d)) changes.push({ path: `domains["${d}"]`, kind: "ADD", detail: `enable domain ${d}` });
  for (const d of olds.domains) if (!news.domains.includes(d)) changes.push({ path: `domains["${d}"]`, kind: "DELETE", detail: `stop managing domain ${d} (left as it is)` });

  const oldTrunks = new Map(olds.trunks.map((t) => [t.fqdn, t]));
  const newTrunks = new Map(news.trunks.map((t) => [t.fqdn, t]));
  for (const [fqdn, t] of newTrunks) {
    const o = oldTrunks.get(fqdn);
    if (!o) {
      changes.push({ path: `trunks["${fqdn}"]`, kind: "ADD", detail: `add trunk ${trunkText(t)}` });
      continue;
    }
    const fields: string[] = [];
    if (o.sipSignalingPort !== t.sipSignalingPort) fields.push(`sipSignalingPort ${o.sipSignalingPort} → ${t.sipSignalingPort}`);
    if (o.enabled !== t.enabled) fields.push(`enabled ${o.enabled} → ${t.enabled}`);
    if (o.emergencyCapable !== t.emergencyCapable) fields.push(`emergencyCapable ${o.emergencyCapable} → ${t.emergencyCapable}`);
    if (o.tls !== t.tls) fields.push(`tls ${o.tls ?? "unset"} → ${t.tls ?? "unset"}`);
    if (fields.length > 0) changes.push({ path: `trunks["${fqdn}"]`, kind: "UPDATE", detail: `trunk ${fqdn}: ${fields.join("; ")}` });
  }
  for (const fqdn of oldTrunks.keys()) {
    if (!newTrunks.has(fqdn)) changes.push({ path: `trunks["${fqdn}"]`, kind: "DELETE", detail: `remove trunk ${fqdn}` });
  }

  const oldRoutes = new Map(olds.routes.map((r) => [r.name, r]));
  const newRoutes = new Map(news.routes.map((r) => [r.name, r]));
  news.routes.forEach((r, i) => {
    const o = oldRoutes.get(r.name);
    if (!o) changes.push({ path: `routes[${i}]`, kind: "ADD", detail: `add route ${r.name} (${r.numberPattern}) at position ${i + 1}` });
    else if (routeKey(o) !== routeKey(r)) {
      changes.push({ path: `routes[${i}]`, kind: "UPDATE", detail: `route ${r.name}: ${routeFieldChanges(o, r).join("; ")}` });
    }
  });
  olds.routes.forEach((r, i) => {
    if (!newRoutes.has(r.name)) changes.push({ path: `routes[${i}]`, kind: "DELETE", detail: `remove route ${r.name}` });
  });
  const keptOld = olds.routes.map((r) => r.name).filter((n) => newRoutes.has(n));
  const keptNew = news.routes.map((r) => r.name).filter((n) => oldRoutes.has(n));
  if (keptOld.join("\u0000") !== keptNew.join("\u0000")) {
    changes.push({ path: "routes", kind: "UPDATE", detail: `route order ${keptOld.join(", ")} → ${keptNew.join(", ")}` });
  }
  if (olds.adoptExisting !== news.adoptExisting) {
    changes.push({ path: "adoptExisting", kind: "UPDATE", detail: `adoptExisting ${olds.adoptExisting} → ${news.adoptExisting}` });
  }
  return changes;
}

/**
 * The dynamic provider's `diff`: every change is an in-place update except a changed endpoint, which
 * means another ACS resource and replaces the configuration (a new one is created there; the old
 * one is then deleted, removing only what it owned).
 *
 * Note: Pulumi's Node.js dynamic provider host (3.248) forwards only `changes`, `replaces` and
 * `deleteBeforeReplace` to the engine; `stables` and `detailedDiff` are computed for callers and
 * tests, and the CLI shows per-item changes from the keyed inputs themselves.
 *
 * @param olds recorded state
 * @param news normalised desired inputs
 */
export function diffSipRouting(olds: SipRoutingState, news: SipRoutingInputs): SipDiffResult {
  const changes = sipChanges(olds, news);
  const replaces = changes.some((c) => c.kind === "UPDATE_REPLACE") ? ["endpoint"] : [];
  const detailedDiff: SipDiffResult["detailedDiff"] = {};
  for (const c of changes) detailedDiff[c.path] = { kind: c.kind, inputDiff: true };
  return {
    changes: changes.length > 0,
    replaces,
    stables: replaces.length > 0 ? [] : ["endpoint", ...(apiVersionFor(news, olds) === olds.apiVersion ? ["apiVersion"] : [])],
    detailedDiff,
    summary: changes.map((c) => c.detail),
  };
}
