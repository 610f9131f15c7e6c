/**
 * Rules that span several settings (a route naming an undeclared trunk, an emergency country with no
 * notification contact). They run on the raw configuration, even when its shape has errors, so that one
 * run reports every mistake; anything malformed is skipped here because the schema already reports it.
 */
import { settingPath, showValue, type SpecProblem } from "./problems";

type Raw = Record<string, unknown>;

const isObj = (v: unknown): v is Raw => v !== null && typeof v === "object" && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

function problem(path: PropertyKey[], text: string): SpecProblem {
  const p = settingPath(path);
  return { path: p, message: `${p} ${text}` };
}

function duplicates(items: unknown[], key: string, path: PropertyKey[], what: string): SpecProblem[] {
  const seen = new Map<string, number>();
  const out: SpecProblem[] = [];
  items.forEach((item, i) => {
    const value = isObj(item) ? str(item[key]) : undefined;
    if (value === undefined) return;
    const first = seen.get(value.toLowerCase());
    if (first !== undefined) {
      out.push(
        problem([...path, i, key], `repeats ${what} ${showValue(value)} already declared at ${settingPath([...path, first, key])}; give each ${what} once`),
      );
    } else seen.set(value.toLowerCase(), i);
  });
  return out;
}

function checkDirectRouting(raw: Raw): SpecProblem[] {
  const dr = raw.directRouting;
  if (!isObj(dr)) return [];
  const out: SpecProblem[] = [];
  const trunks = list(dr.trunks);
  const routes = list(dr.routes);
  out.push(...duplicates(trunks, "fqdn", ["directRouting", "trunks"], "trunk"));
  out.push(...duplicates(routes, "name", ["directRouting", "routes"], "route name"));
  const declared = new Set(trunks.map((t) => (isObj(t) ? str(t.fqdn) : undefined)).filter(Boolean));
  routes.forEach((route, r) => {
    if (!isObj(route)) return;
    list(route.trunks).forEach((fqdn, t) => {
      if (typeof fqdn === "string" && !declared.has(fqdn)) {
        out.push(
          problem(
            ["directRouting", "routes", r, "trunks", t],
            `names trunk ${showValue(fqdn)}, which is not declared in ccvoice:directRouting.trunks; declare the trunk or remove it from the route`,
          ),
        );
      }
    });
  });
  return out;
}

function checkTeams(raw: Raw): SpecProblem[] {
  const teams = raw.teams;
  if (!isObj(teams)) return [];
  const out: SpecProblem[] = [];
  const dr = isObj(teams.directRouting) ? teams.directRouting : {};
  const gateways = new Set(list(dr.gateways).map((g) => (isObj(g) ? str(g.fqdn) : undefined)));
  const usages = new Set(list(dr.pstnUsages).filter((u): u is string => typeof u === "string"));
  const usageRef = (value: unknown, path: PropertyKey[]) => {
    if (typeof value === "string" && !usages.has(value)) {
      out.push(problem(path, `names PSTN usage ${showValue(value)}, which is not declared in ccvoice:teams.directRouting.pstnUsages; add it there`));
    }
  };
  list(dr.voiceRoutes).forEach((route, r) => {
    if (!isObj(route)) return;
    list(route.gateways).forEach((g, i) => {
      if (typeof g === "string" && !gateways.has(g)) {
        out.push(problem(["teams", "directRouting", "voiceRoutes", r, "gateways", i], `names gateway ${showValue(g)}, which is not declared in ccvoice:teams.directRouting.gateways; declare it or remove it`));
      }
    });
    list(route.pstnUsages).forEach((u, i) => usageRef(u, ["teams", "directRouting", "voiceRoutes", r, "pstnUsages", i]));
  });
  list(dr.voiceRoutingPolicies).forEach((policy, p) => {
    if (isObj(policy)) list(policy.pstnUsages).forEach((u, i) => usageRef(u, ["teams", "directRouting", "voiceRoutingPolicies", p, "pstnUsages", i]));
  });
  list(teams.emergencyCallRoutingPolicies).forEach((policy, p) => {
    if (!isObj(policy)) return;
    list(policy.emergencyNumbers).forEach((n, i) => {
      if (isObj(n)) usageRef(n.pstnUsage, ["teams", "emergencyCallRoutingPolicies", p, "emergencyNumbers", i, "pstnUsage"]);
    });
  });
  const policyNames = (key: string, nested?: boolean) =>
    new Set(list(nested ? dr[key] : teams[key]).map((x) => (isObj(x) ? str(x.name) : undefined)));
  const refs: [string, Set<string | undefined>, string][] = [
    ["voiceRoutingPolicy", policyNames("voiceRoutingPolicies", true), "ccvoice:teams.directRouting.voiceRoutingPolicies"],
    ["emergencyCallingPolicy", policyNames("emergencyCallingPolicies"), "ccvoice:teams.emergencyCallingPolicies"],
    ["emergencyCallRoutingPolicy", policyNames("emergencyCallRoutingPolicies"), "ccvoice:teams.emergencyCallRoutingPolicies"],
  ];
  list(teams.resourceAccounts).forEach((ra, a) => {
    if (!isObj(ra)) return;
    for (const [key, names, where] of refs) {
      const value = ra[key];
      if (typeof value === "string" && !names.has(value)) {
        out.push(problem(["teams", "resourceAccounts", a, key], `names ${showValue(value)}, which is not declared in ${where}; declare it or remove the reference`));
      }
    }
  });
  out.push(...duplicates(list(teams.resourceAccounts), "upn", ["teams", "resourceAccounts"], "resource account"));
  return out;
}

function checkEmergency(raw: Raw): SpecProblem[] {
  const em = raw.emergency;
  if (!isObj(em)) return [];
  const out: SpecProblem[] = [];
  const countries = list(em.countries).filter((c): c is string => typeof c === "string");
  const contacts = list(em.notificationContacts).filter(isObj);
  if (contacts.length === 0) {
    out.push(
      problem(["emergency", "notificationContacts"], "must list at least one contact to notify when an agent dials an emergency number (Kari's Law central notification); add an entry such as { email: security@contoso.com }"),
    );
  } else {
    for (const country of countries) {
      const covered = contacts.some((c) => !Array.isArray(c.countries) || c.countries.includes(country));
      if (!covered) {
        out.push(problem(["emergency", "notificationContacts"], `has no contact for ${country}; add a contact whose countries include ${country}, or one without countries`));
      }
    }
  }
  const lease = em.callbackLeaseMinutes;
  if (typeof lease === "number" && lease < 60) {
    out.push(problem(["emergency", "callbackLeaseMinutes"], `must be at least 60 so a PSAP callback reaches the agent for an hour, got ${lease}`));
  }
  out.push(...duplicates(list(em.sites), "name", ["emergency", "sites"], "site"));
  return out;
}

function checkRuntime(raw: Raw): SpecProblem[] {
  const rt = raw.runtime;
  if (!isObj(rt)) return [];
  const out: SpecProblem[] = [];
  const rec = rt.recording;
  if (isObj(rec) && rec.includeEmergencyCalls === true) {
    out.push(problem(["runtime", "recording", "includeEmergencyCalls"], "must be false: emergency calls are never recorded, got true"));
  }
  const auth = rt.agentAuth;
  if (isObj(auth) && auth.tenantId === undefined && !(isObj(raw.teams) && typeof raw.teams.tenantId === "string")) {
    out.push(problem(["runtime", "agentAuth", "tenantId"], "is required when ccvoice:teams.tenantId is not set: the runtime must know which Entra tenant issues the agent desktop's tokens; add the tenant id (a GUID)"));
  }
  const pn = isObj(raw.phoneNumbers) ? raw.phoneNumbers : {};
  const orders = new Set(list(pn.orders).map((o) => (isObj(o) ? str(o.name) : undefined)));
  list(rt.queues).forEach((q, i) => {
    if (!isObj(q)) return;
    list(q.orders).forEach((o, j) => {
      if (typeof o === "string" && !orders.has(o)) {
        out.push(problem(["runtime", "queues", i, "orders", j], `names number order ${showValue(o)}, which is not declared in ccvoice:phoneNumbers.orders; declare it or remove it`));
      }
    });
  });
  out.push(...duplicates(list(rt.queues), "name", ["runtime", "queues"], "queue"));
  out.push(...duplicates(list(rt.agents), "id", ["runtime", "agents"], "agent"));
  return out;
}

function checkApproach(raw: Raw): SpecProblem[] {
  const ap = raw.approach;
  if (!isObj(ap)) return [];
  const out: SpecProblem[] = [];
  const usesTeams = [ap.inbound, ap.outbound].some((a) => typeof a === "string" && a.startsWith("teams-"));
  if (usesTeams && !isObj(raw.teams)) {
    out.push(problem(["teams"], `is required because the approach uses Teams (${showValue(ap.inbound)} / ${showValue(ap.outbound)}); add ccvoice:teams with tenantId and resourceAccounts`));
  }
  const usesAcsDr = [ap.inbound, ap.outbound].includes("acs-direct-routing");
  if (usesAcsDr && !isObj(raw.directRouting)) {
    out.push(problem(["directRouting"], "is required because the approach uses acs-direct-routing; add ccvoice:directRouting with trunks and routes"));
  }
  return out;
}

/**
 * Runs every cross-field rule on a raw `ccvoice:` configuration.
 *
 * @param raw the namespace's values with the `ccvoice:` prefix removed
 * @returns one problem per mistake, in document order; empty when consistent
 */
export function crossCheck(raw: Raw): SpecProblem[] {
  return [
    ...checkApproach(raw),
    ...checkDirectRouting(raw),
    ...checkTeams(raw),
    ...checkEmergency(raw),
    ...checkRuntime(raw),
  ];
}
