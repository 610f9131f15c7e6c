/**
 * The routing configuration the deployed runtime reads: a JSON document derived from the stack's
 * `VoiceChannelSpec` by `runtimeConfigFromSpec` (see `../runtimeConfigFromSpec.ts`) and delivered in the
 * app setting `CCVOICE_RUNTIME_CONFIG`. This file holds its type and a dependency-free parser (the
 * Functions bundle stays small; zod is not needed for a machine-written document).
 */

/** Current version of the document; a runtime refuses versions it does not know. */
export const RUNTIME_CONFIG_VERSION = 1;

/** An agent the runtime can route to. */
export interface RuntimeAgent {
  /** Stable id from `ccvoice:runtime.agents[].id`. */
  readonly id: string;
  readonly displayName: string;
  /** `acs`: an ACS identity (`8:acs:...`); `teams`: an Entra object id (Teams Phone extensibility). */
  readonly kind: "acs" | "teams";
  readonly userId: string;
  readonly skills: readonly string[];
  readonly site?: string;
  /** ISO country of the agent's site, used to pick a local callback number and the contacts to email. */
  readonly country?: string;
  /** @default 1 */
  readonly maxConcurrentCalls: number;
}

/** A queue: called numbers or resource accounts that reach it, and who may answer. */
export interface RuntimeQueue {
  readonly name: string;
  /** E.164 numbers whose calls reach this queue. */
  readonly numbers: readonly string[];
  /** Entra object ids of resource accounts (`28:orgid:<id>` recipients) whose calls reach this queue. */
  readonly resourceAccountIds: readonly string[];
  readonly requiredSkills: readonly string[];
  /** How long a caller holds (music) before overflow, seconds. */
  readonly maxWaitSeconds: number;
  /** An E.164 number or another queue's name. */
  readonly overflowTarget?: string;
}

/** A callback-pool number and the country it belongs to. */
export interface CallbackNumber {
  readonly number: string;
  readonly country?: string;
}

/** Who is emailed when an agent dials an emergency number. */
export interface RuntimeContact {
  readonly email: string;
  readonly name?: string;
  /** Countries this contact covers; absent: every country. */
  readonly countries?: readonly string[];
}

/** A site and its dispatchable location, one line (RAY BAUM'S Act). */
export interface RuntimeSite {
  readonly name: string;
  readonly country: string;
  readonly location: string;
}

/** A Teams resource account the runtime may call on behalf of. */
export interface RuntimeResourceAccount {
  readonly upn: string;
  /** Entra object id, when known (needed to recognise `28:orgid:` recipients). */
  readonly objectId?: string;
  readonly phoneNumber?: string;
  readonly usageLocation: string;
}

/** The emergency part of the configuration. */
export interface RuntimeEmergency {
  /** Countries whose agents may place emergency calls. */
  readonly countries: readonly string[];
  /** How long a callback number is held for the agent, minutes (at least 60). */
  readonly leaseMinutes: number;
  /** Where a callback to a pool number with no live lease goes (E.164). */
  readonly fallbackTarget?: string;
  readonly callbackPool: readonly CallbackNumber[];
  readonly contacts: readonly RuntimeContact[];
  readonly sites: readonly RuntimeSite[];
}

/** The whole document in `CCVOICE_RUNTIME_CONFIG`. */
export interface RuntimeConfig {
  readonly version: typeof RUNTIME_CONFIG_VERSION;
  /** `ccvoice:environment`. */
  readonly environment: string;
  /** `ccvoice:acs.name`. */
  readonly acsName: string;
  readonly teamsTenantId?: string;
  readonly emergency: RuntimeEmergency;
  readonly queues: readonly RuntimeQueue[];
  readonly agents: readonly RuntimeAgent[];
  readonly resourceAccounts: readonly RuntimeResourceAccount[];
  /** .NET number patterns of destinations allowed for outbound calls on behalf of resource accounts. */
  readonly outboundAllowedPatterns: readonly string[];
  /** Things `runtimeConfigFromSpec` could not resolve (e.g. numbers of an order not yet bought); logged at start. */
  readonly notes: readonly string[];
}

const E164 = /^\+[1-9]\d{6,14}$/;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly setting: string) {}

  fail(path: string, what: string, value: unknown): undefined {
    const shown = JSON.stringify(value) ?? String(value);
    this.problems.push(`${this.setting} ${path} must be ${what}, got ${shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}`);
    return undefined;
  }
  object(v: unknown, path: string): Record<string, unknown> | undefined {
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : this.fail(path, "an object", v);
  }
  string(v: unknown, path: string, re?: RegExp, what = "text"): string | undefined {
    return typeof v === "string" && v.length > 0 && (!re || re.test(v)) ? v : this.fail(path, what, v);
  }
  optString(v: unknown, path: string, re?: RegExp, what?: string): string | undefined {
    return v === undefined ? undefined : this.string(v, path, re, what);
  }
  int(v: unknown, path: string, min: number): number | undefined {
    return typeof v === "number" && Number.isInteger(v) && v >= min ? v : this.fail(path, `a whole number of at least ${min}`, v);
  }
  array<T>(v: unknown, path: string, item: (x: unknown, p: string) => T | undefined): T[] {
    if (v === undefined) return [];
    if (!Array.isArray(v)) return this.fail(path, "a list", v) ?? [];
    const out: T[] = [];
    v.forEach((x, i) => {
      const read = item(x, `${path}[${i}]`);
      if (read !== undefined) out.push(read);
    });
    return out;
  }
  strings(v: unknown, path: string, re?: RegExp, what?: string): string[] {
    return this.array(v, path, (x, p) => this.string(x, p, re, what));
  }
}

/**
 * Parses and checks the runtime configuration document.
 *
 * @param text the JSON text of `CCVOICE_RUNTIME_CONFIG` (written by `runtimeConfigFromSpec`)
 * @param setting the setting name used in messages @default "CCVOICE_RUNTIME_CONFIG"
 * @throws Error listing every problem, one per line, e.g.
 *   `CCVOICE_RUNTIME_CONFIG emergency.leaseMinutes must be a whole number of at least 60, got 30`
 */
export function parseRuntimeConfig(text: string, setting = "CCVOICE_RUNTIME_CONFIG"): RuntimeConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(
      `${setting} must be the JSON written by runtimeConfigFromSpec(spec), got text that is not JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  const r = new Reader(setting);
  const doc = r.object(raw, "(document)") ?? {};
  if (doc.version !== RUNTIME_CONFIG_VERSION) {
    r.fail("version", `${RUNTIME_CONFIG_VERSION} (regenerate it with this version of ccvoice)`, doc.version);
  }
  const em = r.object(doc.emergency, "emergency") ?? {};
  const config: RuntimeConfig = {
    version: RUNTIME_CONFIG_VERSION,
    environment: r.string(doc.environment, "environment") ?? "",
    acsName: r.string(doc.acsName, "acsName") ?? "",
    teamsTenantId: r.optString(doc.teamsTenantId, "teamsTenantId"),
    emergency: {
      countries: r.strings(em.countries, "emergency.countries", /^[A-Z]{2}$/, "ISO country codes such as US"),
      leaseMinutes: r.int(em.leaseMinutes, "emergency.leaseMinutes", 60) ?? 60,
      fallbackTarget: r.optString(em.fallbackTarget, "emergency.fallbackTarget", E164, "an E.164 number"),
      callbackPool: r.array(em.callbackPool, "emergency.callbackPool", (x, p) => {
        const o = r.object(x, p);
        const number = o && r.string(o.number, `${p}.number`, E164, "an E.164 number");
        return number ? { number, country: r.optString(o?.country, `${p}.country`) } : undefined;
      }),
      contacts: r.array(em.contacts, "emergency.contacts", (x, p) => {
        const o = r.object(x, p);
        const email = o && r.string(o.email, `${p}.email`, /@/, "an email address");
        if (!o || !email) return undefined;
        return {
          email,
          name: r.optString(o.name, `${p}.name`),
          countries: o.countries === undefined ? undefined : r.strings(o.countries, `${p}.countries`),
        };
      }),
      sites: r.array(em.sites, "emergency.sites", (x, p) => {
        const o = r.object(x, p);
        if (!o) return undefined;
        return {
          name: r.string(o.name, `${p}.name`) ?? "",
          country: r.string(o.country, `${p}.country`) ?? "",
          location: typeof o.location === "string" ? o.location : "",
        };
      }),
    },
    queues: r.array(doc.queues, "queues", (x, p) => {
      const o = r.object(x, p);
      if (!o) return undefined;
      return {
        name: r.string(o.name, `${p}.name`) ?? "",
        numbers: r.strings(o.numbers, `${p}.numbers`, E164, "E.164 numbers"),
        resourceAccountIds: r.strings(o.resourceAccountIds, `${p}.resourceAccountIds`),
        requiredSkills: r.strings(o.requiredSkills, `${p}.requiredSkills`),
        maxWaitSeconds: r.int(o.maxWaitSeconds, `${p}.maxWaitSeconds`, 1) ?? 120,
        overflowTarget: r.optString(o.overflowTarget, `${p}.overflowTarget`),
      };
    }),
    agents: r.array(doc.agents, "agents", (x, p) => {
      const o = r.object(x, p);
      if (!o) return undefined;
      const kind = o.kind === "acs" || o.kind === "teams" ? o.kind : r.fail(`${p}.kind`, "acs or teams", o.kind);
      return {
        id: r.string(o.id, `${p}.id`) ?? "",
        displayName: r.string(o.displayName, `${p}.displayName`) ?? "",
        kind: kind ?? "acs",
        userId: r.string(o.userId, `${p}.userId`) ?? "",
        skills: r.strings(o.skills, `${p}.skills`),
        site: r.optString(o.site, `${p}.site`),
        country: r.optString(o.country, `${p}.country`),
        maxConcurrentCalls: r.int(o.maxConcurrentCalls, `${p}.maxConcurrentCalls`, 1) ?? 1,
      };
    }),
    resourceAccounts: r.array(doc.resourceAccounts, "resourceAccounts", (x, p) => {
      const o = r.object(x, p);
      if (!o) return undefined;
      return {
        upn: r.string(o.upn, `${p}.upn`) ?? "",
        objectId: r.optString(o.objectId, `${p}.objectId`),
        phoneNumber: r.optString(o.phoneNumber, `${p}.phoneNumber`, E164, "an E.164 number"),
        usageLocation: r.string(o.usageLocation, `${p}.usageLocation`) ?? "US",
      };
    }),
    outboundAllowedPatterns: r.strings(doc.outboundAllowedPatterns, "outboundAllowedPatterns"),
    notes: r.strings(doc.notes, "notes"),
  };
  if (config.emergency.callbackPool.length > 0 && !config.emergency.fallbackTarget) {
    r.fail("emergency.fallbackTarget", "set when a callback pool exists (where unleased PSAP callbacks go)", undefined);
  }
  if (r.problems.length > 0) throw new Error(r.problems.join("\n"));
  return config;
}
