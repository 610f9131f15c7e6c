/**
 * The voice-channel spec: the shape of the `ccvoice:` stack configuration, as zod schemas.
 *
 * Every message here is written to follow the setting path and the value seen, e.g.
 * `ccvoice:directRouting.trunks[1].fqdn must be a fully qualified domain name such as sbc1.contoso.com, got "sbc1"`.
 * Cross-field rules (a route naming an undeclared trunk, missing emergency contacts) live in `crossChecks.ts`.
 */
import { z } from "zod";
import { numberPatternProblem } from "../routing/numberPattern";

/** The four ways the PSTN reaches the contact center (DESIGN.md section 2). */
export const APPROACHES = [
  "acs-direct-routing",
  "teams-direct-routing",
  "acs-direct-offer",
  "teams-calling-plan",
] as const;
export type Approach = (typeof APPROACHES)[number];

/** Countries where agent emergency calls are supported by the seeds: US, UK (GB), DK, CA, PR. */
export const AGENT_EMERGENCY_COUNTRIES = ["US", "GB", "DK", "CA", "PR"] as const;
export type AgentEmergencyCountry = (typeof AGENT_EMERGENCY_COUNTRIES)[number];

/** What a phone number is for; the policies and the runtime treat each purpose differently. */
export const NUMBER_PURPOSES = ["main-line", "callback-pool", "outbound-caller-id", "queue"] as const;
export type NumberPurpose = (typeof NUMBER_PURPOSES)[number];

const E164 = /^\+[1-9]\d{6,14}$/;
const FQDN = /^(?=.{1,249}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const DOMAIN = FQDN;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@"';`$]+@[^\s@"';`$]+\.[a-z]{2,63}$/i;
const UPN = EMAIL;
const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}$/;
const ISO_COUNTRY = /^[A-Z]{2}$/;

const name = (what: string) =>
  z.string({ error: `must be a ${what} name (text)` }).regex(NAME, {
    error: `must be a ${what} name of 1-63 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit`,
  });
const e164 = z
  .string({ error: "must be an E.164 phone number in quotes such as \"+14255550100\"" })
  .regex(E164, { error: "must be an E.164 phone number with + and country code, such as +14255550100" });
const fqdn = z
  .string({ error: "must be a fully qualified domain name" })
  .regex(FQDN, {
    error: "must be a fully qualified domain name in lower case such as sbc1.contoso.com",
  });
const email = z
  .string({ error: "must be an email address" })
  .regex(EMAIL, { error: "must be an email address such as security@contoso.com" });
const guid = (what: string) =>
  z.string({ error: `must be the ${what} (a GUID)` }).regex(GUID, {
    error: `must be the ${what}, a GUID such as 00000000-0000-0000-0000-000000000000`,
  });
const country = z
  .string({ error: "must be an ISO 3166-1 alpha-2 country code" })
  .regex(ISO_COUNTRY, { error: "must be an ISO 3166-1 alpha-2 country code in capitals such as US or GB" });
const numberPattern = z.string({ error: "must be a regular expression (text)" }).check((ctx) => {
  const problem = numberPatternProblem(ctx.value);
  if (problem) ctx.issues.push({ code: "custom", message: problem, input: ctx.value });
});
const approach = z.enum(APPROACHES, {
  error: `must be one of ${APPROACHES.join(", ")}`,
});
const port = z
  .number({ error: "must be a port number" })
  .int({ error: "must be a whole port number" })
  .min(1, { error: "must be a port between 1 and 65535" })
  .max(65535, { error: "must be a port between 1 and 65535" });

/** A direct-routing SBC connected to ACS. Keyed by FQDN in the service. */
export const trunkSchema = z.strictObject({
  /** SBC FQDN; its domain must be a verified direct-routing domain of the ACS resource. */
  fqdn,
  /** SIP signaling port of the SBC. @default 5061 (SIP over TLS) */
  sipSignalingPort: port.default(5061),
  /** Whether ACS sends calls to this trunk. @default true */
  enabled: z.boolean({ error: "must be true or false" }).default(true),
  /** Whether this SBC and its carrier handle emergency calls (911/112/999). @default false */
  emergencyCapable: z.boolean({ error: "must be true or false" }).default(false),
  /** Whether the signaling port is TLS even though it is not 5061. @default false */
  tls: z.boolean({ error: "must be true or false" }).optional(),
  /**
   * Countries (ISO 3166-1 alpha-2) whose emergency calls this SBC's carrier delivers to the right PSAP.
   * Read by the policies only (`ccvoice-emergency-route-not-shadowed`), never sent to ACS.
   * @default not declared — a route that takes an emergency number of a country Microsoft's emergency
   *   service would otherwise serve to this trunk is refused
   */
  emergencyCountries: z.array(country, { error: "must be a list of ISO country codes such as [DK, GB]" }).optional(),
});

/** One ACS voice route; the list order is the priority (first match wins). */
export const routeSchema = z.strictObject({
  name: z
    .string({ error: "must be a route name" })
    .min(1, { error: "must not be empty" })
    .max(256, { error: "must be at most 256 characters" }),
  /** .NET regex over the dialed number (E.164 with +, or an emergency dial string such as 911). */
  numberPattern,
  /** Trunk FQDNs; the order within a route is not guaranteed by the service. */
  trunks: z.array(fqdn, { error: "must be a list of trunk FQDNs" }).min(1, {
    error: "must name at least one trunk",
  }),
  description: z.string().max(1024, { error: "must be at most 1024 characters" }).optional(),
  /** Caller id that overrides the one the application sets (E.164). */
  callerIdOverride: e164.optional(),
});

export const directRoutingSchema = z.strictObject({
  /** Domains already verified on the ACS resource (DNS TXT in the portal; `ccvoice` checks, not verifies). */
  domains: z.array(fqdn, { error: "must be a list of domains" }).default([]),
  trunks: z.array(trunkSchema, { error: "must be a list of trunks" }).max(250, {
    error: "must hold at most 250 trunks (service limit)",
  }).default([]),
  routes: z.array(routeSchema, { error: "must be a list of routes" }).max(250, {
    error: "must hold at most 250 routes (service limit)",
  }).default([]),
  /** Carrier numbers that reach the ACS resource through the SBCs (main lines, callback pool). */
  numbers: z
    .array(
      z.strictObject({
        phoneNumber: e164,
        purpose: z.enum(NUMBER_PURPOSES, { error: `must be one of ${NUMBER_PURPOSES.join(", ")}` }),
      }),
      { error: "must be a list of carrier numbers" },
    )
    .default([]),
  /** Take over an ACS resource whose SIP configuration is not empty. @default false */
  adoptExisting: z.boolean({ error: "must be true or false" }).default(false),
});

const capability = z.enum(["none", "inbound", "outbound", "inbound+outbound"], {
  error: "must be one of none, inbound, outbound, inbound+outbound",
});
const capabilities = z.strictObject({
  calling: capability.default("inbound+outbound"),
  sms: capability.default("none"),
});

/** An order of Microsoft numbers on the ACS resource (search then purchase). */
export const numberOrderSchema = z.strictObject({
  name: name("number order"),
  countryCode: country,
  phoneNumberType: z.enum(["geographic", "tollFree", "mobile"], {
    error: "must be one of geographic, tollFree, mobile",
  }),
  assignmentType: z.enum(["application", "person"], { error: "must be application or person" }).default(
    "application",
  ),
  capabilities: capabilities.default({ calling: "inbound+outbound", sms: "none" }),
  areaCode: z.string().regex(/^\d{2,5}$/, { error: "must be 2-5 digits such as 425" }).optional(),
  quantity: z
    .number({ error: "must be a number" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be between 1 and 100" })
    .max(100, { error: "must be between 1 and 100" }),
  purpose: z.enum(NUMBER_PURPOSES, { error: `must be one of ${NUMBER_PURPOSES.join(", ")}` }),
  /** Release the numbers when the order is deleted. @default false — numbers are kept */
  releaseOnDelete: z.boolean({ error: "must be true or false" }).optional(),
});

/** A number already on the ACS resource (bought earlier or ported) brought under management. */
export const adoptedNumberSchema = z.strictObject({
  phoneNumber: e164,
  purpose: z.enum(NUMBER_PURPOSES, { error: `must be one of ${NUMBER_PURPOSES.join(", ")}` }),
  capabilities: capabilities.optional(),
  releaseOnDelete: z.boolean({ error: "must be true or false" }).optional(),
});

export const phoneNumbersSchema = z.strictObject({
  orders: z.array(numberOrderSchema, { error: "must be a list of number orders" }).default([]),
  adopt: z.array(adoptedNumberSchema, { error: "must be a list of numbers" }).default([]),
  /** Stack-wide default for `releaseOnDelete`. @default false — numbers are never released by accident */
  releaseOnDelete: z.boolean({ error: "must be true or false" }).default(false),
});

const teamsNumberType = z.enum(["DirectRouting", "CallingPlan", "OperatorConnect"], {
  error: "must be one of DirectRouting, CallingPlan, OperatorConnect",
});

/** A Teams resource account (application instance) linked to the ACS resource (Teams Phone extensibility). */
export const resourceAccountSchema = z.strictObject({
  upn: z.string({ error: "must be a user principal name" }).regex(UPN, {
    error: "must be a user principal name such as cc-main@contoso.com",
  }),
  displayName: z.string({ error: "must be a display name" }).min(1).max(256),
  /** Entra application id of the CCaaS app (not the first-party Auto Attendant / Call Queue ids). */
  applicationId: guid("Entra application id"),
  phoneNumber: e164.optional(),
  phoneNumberType: teamsNumberType.optional(),
  /** Usage location for licensing (ISO country). */
  usageLocation: country.default("US"),
  voiceRoutingPolicy: name("voice routing policy").optional(),
  emergencyCallingPolicy: name("emergency calling policy").optional(),
  emergencyCallRoutingPolicy: name("emergency call routing policy").optional(),
});

export const teamsGatewaySchema = z.strictObject({
  fqdn: fqdn.refine((v) => v.length <= 63, { error: "must be at most 63 characters for Teams" }),
  sipSignalingPort: port.default(5061),
  enabled: z.boolean({ error: "must be true or false" }).default(true),
  maxConcurrentSessions: z.number().int().min(1).optional(),
  pidfLoSupported: z.boolean().default(true),
  emergencyCapable: z.boolean({ error: "must be true or false" }).default(false),
});

export const teamsVoiceRouteSchema = z.strictObject({
  name: name("voice route"),
  numberPattern,
  gateways: z.array(fqdn).min(1, { error: "must name at least one gateway" }),
  pstnUsages: z.array(name("PSTN usage")).min(1, { error: "must name at least one PSTN usage" }),
  /** Lower value is applied first. */
  priority: z.number({ error: "must be a number" }).int({ error: "must be a whole number" }).min(0),
  description: z.string().max(1024).optional(),
});

export const voiceRoutingPolicySchema = z.strictObject({
  name: name("voice routing policy"),
  pstnUsages: z.array(name("PSTN usage")).min(1, { error: "must name at least one PSTN usage" }),
  description: z.string().max(1024).optional(),
});

const notificationMode = z.enum(["NotificationOnly", "ConferenceMuted", "ConferenceUnMuted"], {
  error: "must be one of NotificationOnly, ConferenceMuted, ConferenceUnMuted",
});

export const emergencyCallingPolicySchema = z.strictObject({
  name: name("emergency calling policy"),
  description: z.string().max(512).optional(),
  /** At most 10 entries (users or groups). */
  notificationGroup: z.array(email).min(1).max(10, { error: "must hold at most 10 entries" }),
  notificationDialOutNumber: e164.optional(),
  notificationMode: notificationMode.default("NotificationOnly"),
  externalLocationLookupMode: z.enum(["Disabled", "Enabled"]).default("Disabled"),
  extendedNotifications: z
    .array(
      z.strictObject({
        emergencyDialString: z.string().regex(/^\d{2,6}$/, { error: "must be a dial string such as 933" }),
        notificationGroup: z.array(email).max(10).optional(),
        notificationDialOutNumber: e164.optional(),
        notificationMode: notificationMode.optional(),
      }),
    )
    .default([]),
});

export const emergencyCallRoutingPolicySchema = z.strictObject({
  name: name("emergency call routing policy"),
  description: z.string().max(512).optional(),
  allowEnhancedEmergencyServices: z.boolean().default(true),
  emergencyNumbers: z
    .array(
      z.strictObject({
        emergencyDialString: z.string().regex(/^\d{2,6}$/, { error: "must be a dial string such as 911" }),
        emergencyDialMask: z.array(z.string().regex(/^\d{1,10}$/, { error: "must be 1-10 digits" })).default([]),
        pstnUsage: name("PSTN usage"),
      }),
    )
    .min(1, { error: "must list at least one emergency number" }),
});

export const teamsSchema = z.strictObject({
  /** Entra tenant id of the Teams tenant. */
  tenantId: guid("Entra tenant id"),
  /** Run the generated Teams PowerShell inside `pulumi up` (needs pwsh + MicrosoftTeams). @default false */
  apply: z.boolean().default(false),
  resourceAccounts: z.array(resourceAccountSchema).default([]),
  directRouting: z
    .strictObject({
      gateways: z.array(teamsGatewaySchema).default([]),
      pstnUsages: z.array(name("PSTN usage")).default([]),
      voiceRoutes: z.array(teamsVoiceRouteSchema).default([]),
      voiceRoutingPolicies: z.array(voiceRoutingPolicySchema).default([]),
    })
    .default({ gateways: [], pstnUsages: [], voiceRoutes: [], voiceRoutingPolicies: [] }),
  emergencyCallingPolicies: z.array(emergencyCallingPolicySchema).default([]),
  emergencyCallRoutingPolicies: z.array(emergencyCallRoutingPolicySchema).default([]),
});

/** A civic address (dispatchable location, RAY BAUM'S Act) for a site with agents. */
export const siteSchema = z.strictObject({
  name: name("site"),
  country,
  agents: z.number().int().min(0).default(0),
  address: z.strictObject({
    companyName: z.string().min(1, { error: "must not be empty" }),
    houseNumber: z.string().optional(),
    streetName: z.string().min(1, { error: "must not be empty" }),
    city: z.string().min(1, { error: "must not be empty" }),
    stateOrProvince: z.string().optional(),
    postalCode: z.string().min(1, { error: "must not be empty" }),
    countryOrRegion: country,
    /** Floor, suite or room, for a dispatchable location. */
    location: z.string().optional(),
  }),
});

export const emergencySchema = z.strictObject({
  /** Countries whose agents may place emergency calls (US, GB, DK, CA, PR). */
  countries: z
    .array(
      z.enum(AGENT_EMERGENCY_COUNTRIES, {
        error: `must be one of ${AGENT_EMERGENCY_COUNTRIES.join(", ")} (agent emergency calls are supported there; use GB for the UK)`,
      }),
    )
    .min(1, { error: "must list at least one country" }),
  /** Who gets an email when an agent dials an emergency number (Kari's Law central notification). */
  notificationContacts: z
    .array(
      z.strictObject({
        email,
        name: z.string().optional(),
        /** Countries this contact covers. @default all countries served */
        countries: z.array(country).optional(),
      }),
    )
    .default([]),
  /** How long a callback number stays leased to the agent. @default 60 — held for an hour */
  callbackLeaseMinutes: z.number().int({ error: "must be a whole number of minutes" }).default(60),
  /** Where a callback to a pool number with no live lease goes (e.g. the security desk), E.164. */
  fallbackTarget: e164.optional(),
  sites: z.array(siteSchema).default([]),
});

export const queueSchema = z.strictObject({
  name: name("queue"),
  /** Called numbers (E.164) that reach this queue. */
  numbers: z.array(e164).default([]),
  /** Number orders whose numbers reach this queue. */
  orders: z.array(name("number order")).default([]),
  /** Resource accounts (UPN) whose calls reach this queue. */
  resourceAccounts: z.array(z.string().regex(UPN, { error: "must be a resource account UPN" })).default([]),
  requiredSkills: z.array(z.string().min(1)).default([]),
  /** How long a caller waits on hold for an agent before overflow. @default 120 */
  maxWaitSeconds: z.number().int().min(5).max(3600).default(120),
  /** Where calls go when no agent answers in time (E.164 or another queue's name). */
  overflowTarget: z.string().optional(),
});

export const agentSchema = z.strictObject({
  id: name("agent"),
  displayName: z.string().min(1),
  kind: z.enum(["acs", "teams"], { error: "must be acs or teams" }),
  /** Entra object id for Teams agents, ACS identity (8:acs:...) for ACS agents. */
  userId: z.string().min(1, { error: "must be the agent's Entra object id or ACS identity" }),
  skills: z.array(z.string().min(1)).default([]),
  site: name("site").optional(),
  maxConcurrentCalls: z.number().int().min(1).default(1),
});

export const runtimeSchema = z.strictObject({
  hostingPlan: z.enum(["flex-consumption"], { error: "must be flex-consumption" }).default("flex-consumption"),
  /** Always-ready instances for the IncomingCall function. @default 0 (Flex Consumption default) */
  alwaysReadyInstances: z.number().int().min(0).max(20).default(0),
  /** Instance memory of the Function App in MB. @default 2048 */
  instanceMemoryMB: z.union([z.literal(2048), z.literal(4096)], { error: "must be 2048 or 4096" }).default(2048),
  /** Maximum scale-out of the Function App. @default 100 */
  maximumInstanceCount: z.number().int().min(1).max(1000).default(100),
  /** Event time-to-live of the IncomingCall subscription in minutes. @default 1 — a stale call is worthless */
  incomingCallEventTtlMinutes: z.number().int().min(1).max(1440).default(1),
  /** Delivery attempts of the IncomingCall subscription. @default 3 */
  incomingCallMaxDeliveryAttempts: z.number().int().min(1).max(30).default(3),
  queues: z.array(queueSchema).default([]),
  agents: z.array(agentSchema).default([]),
  /** Patterns (.NET regex) of destinations the runtime may dial on behalf of a resource account. */
  outboundAllowedPatterns: z.array(numberPattern).default([]),
  /**
   * How the agent endpoints (`agentEmergency`, `agentState`, `outboundCall`) check the agent desktop's
   * Entra bearer tokens. @default absent — those endpoints answer 403 until it is set
   */
  agentAuth: z
    .strictObject({
      /** Accepted `aud` values: the agent-desktop API's application id URI and/or client id. */
      audience: z.array(z.string().min(1, { error: "must not be empty" })).min(1, { error: "must list at least one audience" }),
      /** Entra tenant whose tokens the desktop sends. @default teams.tenantId */
      tenantId: guid("Entra tenant id").optional(),
    })
    .optional(),
  recording: z
    .strictObject({
      enabled: z.boolean().default(false),
      /** Must stay false: emergency calls are never recorded. @default false */
      includeEmergencyCalls: z.boolean().default(false),
    })
    .default({ enabled: false, includeEmergencyCalls: false }),
});

/** The whole `ccvoice:` namespace of a stack. */
export const voiceChannelSpecSchema = z.strictObject({
  /** Environment name (dev, test, prod); used in resource names. */
  environment: z
    .string({ error: "must be an environment name such as prod" })
    .regex(/^[a-z][a-z0-9-]{0,11}$/, { error: "must be 1-12 lower-case letters, digits or dashes, such as prod" }),
  /** Azure region of the resource group, storage and Function App. @default eastus */
  location: z.string().regex(/^[a-z0-9]+$/, { error: "must be an Azure region name such as eastus" }).default("eastus"),
  approach: z.strictObject({ inbound: approach, outbound: approach }, { error: "must have inbound and outbound" }),
  acs: z.strictObject({
    name: z
      .string({ error: "must be the ACS resource name" })
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}$/, { error: "must be 1-63 letters, digits or dashes" }),
    dataLocation: z.string({ error: "must be a data location such as United States" }).min(2),
  }, { error: "must be a map with name and dataLocation" }),
  directRouting: directRoutingSchema.optional(),
  phoneNumbers: phoneNumbersSchema.default({ orders: [], adopt: [], releaseOnDelete: false }),
  teams: teamsSchema.optional(),
  emergency: emergencySchema,
  runtime: runtimeSchema.default(runtimeSchema.parse({})),
});

/** The typed, validated spec every consumer (program, policies, CLI, runtime) reads. */
export type VoiceChannelSpec = z.infer<typeof voiceChannelSpecSchema>;
export type Trunk = z.infer<typeof trunkSchema>;
export type Route = z.infer<typeof routeSchema>;
export type DirectRoutingSpec = z.infer<typeof directRoutingSchema>;
export type NumberOrder = z.infer<typeof numberOrderSchema>;
export type AdoptedNumber = z.infer<typeof adoptedNumberSchema>;
export type PhoneNumbersSpec = z.infer<typeof phoneNumbersSchema>;
export type TeamsSpec = z.infer<typeof teamsSchema>;
export type ResourceAccount = z.infer<typeof resourceAccountSchema>;
export type TeamsGateway = z.infer<typeof teamsGatewaySchema>;
export type TeamsVoiceRoute = z.infer<typeof teamsVoiceRouteSchema>;
export type VoiceRoutingPolicy = z.infer<typeof voiceRoutingPolicySchema>;
export type EmergencyCallingPolicy = z.infer<typeof emergencyCallingPolicySchema>;
export type EmergencyCallRoutingPolicy = z.infer<typeof emergencyCallRoutingPolicySchema>;
export type EmergencySpec = z.infer<typeof emergencySchema>;
export type Site = z.infer<typeof siteSchema>;
export type Queue = z.infer<typeof queueSchema>;
export type Agent = z.infer<typeof agentSchema>;
export type RuntimeSpec = z.infer<typeof runtimeSchema>;

/** The top-level keys of the `ccvoice:` namespace, in the order they are documented. */
export const SPEC_KEYS = Object.keys(voiceChannelSpecSchema.shape) as (keyof VoiceChannelSpec)[];
