/**
 * Turns what an ACS resource has (SIP domains, trunks, routes in order, purchased numbers) into a stack
 * that adopts it: `directRouting.adoptExisting: true` with the same domains, trunks and routes, and every
 * number under `phoneNumbers.adopt` with its live capabilities, so the first `pulumi up` writes nothing.
 * Pure.
 *
 * What the service cannot tell (environment, ACS name and data location when not derivable, emergency
 * countries and contacts, a number's purpose, whether an SBC's carrier takes emergency calls) comes from the
 * settings or is written as a `{ fillIn: "<hint>" }` placeholder at the setting itself, which fails
 * validation with a message that shows the hint. Nothing is invented.
 */
import { AGENT_EMERGENCY_COUNTRIES, NUMBER_PURPOSES, type Approach, type NumberPurpose, type Route, type Trunk } from "../config/schema";
import { emergencyDialStrings, resolveAcsDirectRouting } from "../routing";
import { STABLE_API_VERSION } from "../providers/sipRouting/plan";
import type { LiveAcs } from "./readLiveAcs";
import { fillIn, type FillIn, type StackNote } from "./stackYaml";

/** What the admin tells `export` (flags); anything left out becomes a fill-in. */
export interface ExportSettings {
  /** `ccvoice:environment`, e.g. `prod`. */
  readonly environment?: string;
  /** `ccvoice:location` (Azure region of the resource group). @default left out (the spec's default applies) */
  readonly location?: string;
  /** `ccvoice:acs.name`. @default the first label of a `*.communication.azure.com` endpoint */
  readonly acsName?: string;
  /** `ccvoice:acs.dataLocation`, e.g. `United States`. */
  readonly dataLocation?: string;
  /** `ccvoice:emergency.countries`. */
  readonly emergencyCountries?: readonly string[];
  /** Emails for `ccvoice:emergency.notificationContacts`. */
  readonly notificationEmails?: readonly string[];
  /** `ccvoice:emergency.fallbackTarget`: E.164 number of the security desk. @default left out */
  readonly fallbackTarget?: string;
  /** Purpose of every adopted number. */
  readonly numberPurpose?: NumberPurpose;
  /** Trunk FQDNs whose carrier takes emergency calls (`emergencyCapable: true`). */
  readonly emergencyCapable?: readonly string[];
}

/** One setting written as a placeholder. */
export interface FillInSetting {
  /** Setting path, e.g. `ccvoice:acs.dataLocation`. */
  readonly setting: string;
  readonly hint: string;
}

/** The exported stack. */
export interface ExportedStack {
  readonly config: Record<string, unknown>;
  readonly notes: StackNote[];
  /** Placeholders left to fill in, in file order. */
  readonly fillIns: FillInSetting[];
  readonly counts: { readonly domains: number; readonly trunks: number; readonly routes: number; readonly numbers: number };
}

const ACS_HOST = /^([a-z0-9][a-z0-9-]{0,62})\.[a-z0-9-]+\.communication\.azure\.com$/i;

/** The ACS resource name in an endpoint `https://<name>.<geo>.communication.azure.com`, if it has that form. */
export function acsNameFromEndpoint(endpoint: string): string | undefined {
  try {
    return ACS_HOST.exec(new URL(endpoint).hostname)?.[1];
  } catch {
    return undefined;
  }
}

/** The approach the resource's content implies (routes and/or Microsoft numbers), or undefined when empty. */
function approachOf(hasRoutes: boolean, hasNumbers: boolean): { inbound: Approach; outbound: Approach } | undefined {
  if (hasRoutes && hasNumbers) return { inbound: "acs-direct-offer", outbound: "acs-direct-routing" };
  if (hasRoutes) return { inbound: "acs-direct-routing", outbound: "acs-direct-routing" };
  if (hasNumbers) return { inbound: "acs-direct-offer", outbound: "acs-direct-offer" };
  return undefined;
}

/** Trunks that the live routes send an emergency number of `countries` to (first matching route wins). */
function emergencyTrunks(trunks: Trunk[], routes: Route[], countries: readonly string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const country of countries) {
    for (const dial of emergencyDialStrings(country)) {
      let hit: string[] = [];
      try {
        hit = resolveAcsDirectRouting(dial, { trunks, routes }).trunks;
      } catch {
        continue; // a pattern ccvoice cannot read: parsing the stack reports it
      }
      for (const fqdn of hit) found.set(fqdn, [...new Set([...(found.get(fqdn) ?? []), dial])]);
    }
  }
  return found;
}

/**
 * Builds the adopting stack.
 *
 * @param live what `readLiveAcs` read
 * @param settings what the admin gave
 * @returns the `config:` map, comments, and the placeholders left
 */
export function stackFromLive(live: LiveAcs, settings: ExportSettings = {}): ExportedStack {
  const fillIns: FillInSetting[] = [];
  const notes: StackNote[] = [];
  const need = (setting: string, hint: string): FillIn => {
    fillIns.push({ setting, hint });
    return fillIn(hint);
  };
  const config: Record<string, unknown> = {};
  config["ccvoice:environment"] = settings.environment ?? need("ccvoice:environment", "environment name such as prod");
  if (settings.location !== undefined) config["ccvoice:location"] = settings.location;

  const liveTrunks = Object.entries(live.sip.trunks ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const liveRoutes = live.sip.routes ?? [];
  const approach = approachOf(liveRoutes.length > 0, live.numbers.length > 0);
  config["ccvoice:approach"] = approach ?? {
    inbound: need("ccvoice:approach.inbound", "the resource has no routes or numbers: choose one"),
    outbound: need("ccvoice:approach.outbound", "the resource has no routes or numbers: choose one"),
  };
  const acsName = settings.acsName ?? acsNameFromEndpoint(live.endpoint);
  config["ccvoice:acs"] = {
    name: acsName ?? need("ccvoice:acs.name", "ACS resource name (first label of its host)"),
    dataLocation: settings.dataLocation ?? need("ccvoice:acs.dataLocation", "data location of the ACS resource, e.g. United States"),
  };

  const routes: Route[] = liveRoutes.map((r) => ({
    name: r.name,
    numberPattern: r.numberPattern,
    trunks: [...(r.trunks ?? [])],
    ...(r.description ? { description: r.description } : {}),
    ...(r.callerIdOverride ? { callerIdOverride: r.callerIdOverride } : {}),
  }));
  const asTrunks: Trunk[] = liveTrunks.map(([fqdn, t]) => ({ fqdn, sipSignalingPort: t.sipSignalingPort, enabled: t.enabled ?? true, emergencyCapable: false }));
  const emergencyCountries = settings.emergencyCountries ?? AGENT_EMERGENCY_COUNTRIES;
  const carrying = emergencyTrunks(asTrunks, routes, emergencyCountries);
  const domains = Object.entries(live.sip.domains ?? {});
  if (domains.length > 0 || liveTrunks.length > 0 || routes.length > 0) {
    const trunks = liveTrunks.map(([fqdn, t], i) => {
      const trunk: Record<string, unknown> = { fqdn, sipSignalingPort: t.sipSignalingPort };
      if (t.enabled === false) trunk.enabled = false;
      if (settings.emergencyCapable?.includes(fqdn)) trunk.emergencyCapable = true;
      else if (carrying.has(fqdn)) {
        trunk.emergencyCapable = need(`ccvoice:directRouting.trunks[${i}].emergencyCapable`, "true if this SBC's carrier takes emergency calls");
      }
      return trunk;
    });
    config["ccvoice:directRouting"] = {
      domains: domains.filter(([, d]) => d.enabled === true).map(([d]) => d).sort(),
      trunks,
      routes,
      adoptExisting: true,
    };
    const disabled = domains.filter(([, d]) => d.enabled !== true).map(([d]) => d);
    const domainNote =
      live.sipApiVersion === STABLE_API_VERSION
        ? `read with api-version ${STABLE_API_VERSION}, which does not show domains: list the verified domains you want kept enabled`
        : `verified domains that are enabled${disabled.length > 0 ? `; disabled and left alone: ${disabled.join(", ")}` : ""}`;
    notes.push({ path: ["ccvoice:directRouting", "domains"], comment: domainNote });
    liveTrunks.forEach(([fqdn], i) => {
      const dials = carrying.get(fqdn);
      if (dials && !settings.emergencyCapable?.includes(fqdn)) {
        notes.push({
          path: ["ccvoice:directRouting", "trunks", i],
          comment: `live routes send ${dials.join(", ")} here: set emergencyCapable to true only if its carrier takes emergency calls, else route them elsewhere`,
        });
      }
    });
    notes.push({ path: ["ccvoice:directRouting", "routes"], comment: "in the service's order (first match wins); each route's trunks in the order the service returned them" });
    notes.push({ path: ["ccvoice:directRouting", "adoptExisting"], comment: "take over this SIP configuration; carrier numbers behind the SBCs are not on ACS: list them under numbers:" });
  }

  if (live.numbers.length > 0) {
    const numbers = [...live.numbers].sort((a, b) => a.phoneNumber.localeCompare(b.phoneNumber));
    config["ccvoice:phoneNumbers"] = {
      adopt: numbers.map((n, i) => ({
        phoneNumber: n.phoneNumber,
        purpose: settings.numberPurpose ?? need(`ccvoice:phoneNumbers.adopt[${i}].purpose`, NUMBER_PURPOSES.join(", ")),
        capabilities: { calling: n.capabilities.calling, sms: n.capabilities.sms },
      })),
    };
    numbers.forEach((n, i) => {
      notes.push({ path: ["ccvoice:phoneNumbers", "adopt", i], comment: `${n.phoneNumberType} ${n.countryCode}, ${n.assignmentType}` });
    });
  }

  const emails = settings.notificationEmails ?? [];
  config["ccvoice:emergency"] = {
    countries: settings.emergencyCountries ?? [need("ccvoice:emergency.countries[0]", `countries of agents who dial emergency: ${AGENT_EMERGENCY_COUNTRIES.join(" ")}`)],
    notificationContacts:
      emails.length > 0 ? emails.map((email) => ({ email })) : [{ email: need("ccvoice:emergency.notificationContacts[0].email", "email of the security desk") }],
    ...(settings.fallbackTarget !== undefined ? { fallbackTarget: settings.fallbackTarget } : {}),
  };
  notes.push({ path: ["ccvoice:emergency", "countries"], comment: "add sites: with the civic address of every location with agents (dispatchable location)" });
  return {
    config,
    notes,
    fillIns,
    counts: { domains: domains.length, trunks: liveTrunks.length, routes: routes.length, numbers: live.numbers.length },
  };
}
