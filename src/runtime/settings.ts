/**
 * The runtime's settings, read once from the environment (Function App settings) into a typed object.
 * A bad or missing setting is a user error ({@link SettingsError}) naming the setting, the value and the fix.
 *
 * In Azure the runtime authenticates with its managed identity (DefaultAzureCredential) to ACS, Table
 * Storage and Graph; keys are accepted only for loopback endpoints (Azurite and the local emulators).
 */
import { parseRuntimeConfig, type RuntimeConfig } from "./core/runtimeConfig";

/** Default JWKS of Call Automation callback tokens. @see limits-and-reliability.md §6 S1 */
export const CALL_AUTOMATION_JWKS_URL = "https://acscallautomation.communication.azure.com/calling/keys";
/** Issuer of Call Automation callback tokens. @see limits-and-reliability.md §6 S1 */
export const CALL_AUTOMATION_ISSUER = "https://acscallautomation.communication.azure.com";

/** How the agent endpoints (`agentEmergency`, `agentState`, `outboundCall`) check the caller. */
export interface AgentAuthSettings {
  readonly jwksUrl: string;
  readonly issuer: string;
  /** Accepted `aud` values (the API's application id URI and/or client id). */
  readonly audience: readonly string[];
  /** App role that lets a desktop backend act for any agent. @default "CCVoice.AgentDesktop" */
  readonly role: string;
}

/** Typed settings. */
export interface RuntimeSettings {
  readonly config: RuntimeConfig;
  /** `ACS_ENDPOINT`, e.g. `https://contoso-cc.communication.azure.com`. */
  readonly acsEndpoint: string;
  /** `CCVOICE_ACS_ACCESS_KEY`: loopback emulator only; absent in Azure (managed identity). */
  readonly acsAccessKey?: string;
  /** `ACS_IMMUTABLE_RESOURCE_ID` (comma-separated allowed): audience of callback tokens; resource id of Teams extension users. */
  readonly acsResourceIds: readonly string[];
  /** `CCVOICE_CALLBACK_URL` @default `https://${WEBSITE_HOSTNAME}/api/callEvents` */
  readonly callbackUrl: string;
  /** `CCVOICE_CALLBACK_JWKS_URL` @default {@link CALL_AUTOMATION_JWKS_URL} */
  readonly callbackJwksUrl: string;
  /** `CCVOICE_CALLBACK_ISSUER` @default {@link CALL_AUTOMATION_ISSUER} */
  readonly callbackIssuer: string;
  /** Table Storage: `CCVOICE_TABLE_ENDPOINT`, else from `AzureWebJobsStorage__accountName`. */
  readonly tableEndpoint?: string;
  /** `CCVOICE_TABLE_CONNECTION_STRING`: loopback (Azurite) only. */
  readonly tableConnectionString?: string;
  /** `CCVOICE_TABLE_NAME` @default "ccvoiceRuntime" */
  readonly tableName: string;
  /** `CCVOICE_HOLD_MUSIC_URL`: audio file played while a caller waits (each play end is a retry). */
  readonly holdMusicUrl?: string;
  /** `ACS_EMAIL_SENDER`, e.g. `DoNotReply@<domain>`; required when notification contacts exist. */
  readonly emailSender?: string;
  /** `CCVOICE_PRESENCE_SESSION_ID` @default `AZURE_CLIENT_ID`: Graph setPresence session id (the app id). */
  readonly presenceSessionId?: string;
  /** `CCVOICE_GRAPH_BASE_URL` @default "https://graph.microsoft.com/v1.0" */
  readonly graphBaseUrl: string;
  /** Undefined when `CCVOICE_AGENT_AUTH_AUDIENCE` is not set: the agent endpoints then answer 403, naming the setting. */
  readonly agentAuth?: AgentAuthSettings;
  /** `CCVOICE_EMERGENCY_STORE_DEADLINE_MS` @default 1500 */
  readonly emergencyStoreDeadlineMs: number;
  /** `CCVOICE_RING_SECONDS` @default 60 */
  readonly ringSeconds: number;
}

/** One or more bad settings; `problems` holds one message per setting. */
export class SettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "SettingsError";
  }
}

const LOOPBACK = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/;

/** Whether a URL points at this machine (emulators, Azurite). */
export function isLoopbackUrl(url: string): boolean {
  return LOOPBACK.test(url);
}

function url(problems: string[], name: string, value: string | undefined, example: string, allowHttpLoopback = true): string | undefined {
  if (value === undefined || value === "") return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    problems.push(`${name} must be a URL such as ${example}, got ${JSON.stringify(value)}`);
    return undefined;
  }
  if (parsed.protocol !== "https:" && !(allowHttpLoopback && parsed.protocol === "http:" && isLoopbackUrl(value))) {
    problems.push(`${name} must be an https URL such as ${example} (http only for 127.0.0.1/localhost), got ${JSON.stringify(value)}`);
    return undefined;
  }
  return value.replace(/\/+$/, "");
}

function int(problems: string[], name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be a whole number between ${min} and ${max}, got ${JSON.stringify(value)}`);
    return fallback;
  }
  return n;
}

/**
 * Reads the settings.
 *
 * @param env the environment @default process.env
 * @throws SettingsError listing every problem, e.g.
 *   `ACS_ENDPOINT is required: the endpoint of the ACS resource such as https://contoso-cc.communication.azure.com`
 */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): RuntimeSettings {
  const problems: string[] = [];
  let config: RuntimeConfig | undefined;
  const configText = env.CCVOICE_RUNTIME_CONFIG;
  if (!configText) {
    problems.push("CCVOICE_RUNTIME_CONFIG is required: the JSON from runtimeConfigFromSpec(spec), set by the infrastructure");
  } else {
    try {
      config = parseRuntimeConfig(configText);
    } catch (err) {
      problems.push(...(err instanceof Error ? err.message : String(err)).split("\n"));
    }
  }
  const acsEndpoint = url(problems, "ACS_ENDPOINT", env.ACS_ENDPOINT, "https://contoso-cc.communication.azure.com");
  if (!env.ACS_ENDPOINT) problems.push("ACS_ENDPOINT is required: the endpoint of the ACS resource such as https://contoso-cc.communication.azure.com");
  const acsAccessKey = env.CCVOICE_ACS_ACCESS_KEY || undefined;
  if (acsAccessKey && acsEndpoint && !isLoopbackUrl(acsEndpoint)) {
    problems.push("CCVOICE_ACS_ACCESS_KEY is accepted only with a loopback ACS_ENDPOINT (the local emulator); in Azure remove it: the managed identity is used");
  }
  const acsResourceIds = (env.ACS_IMMUTABLE_RESOURCE_ID ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (acsResourceIds.length === 0) {
    problems.push("ACS_IMMUTABLE_RESOURCE_ID is required: the ACS immutable resource id (a GUID), the audience of Call Automation callback tokens");
  }
  const host = env.WEBSITE_HOSTNAME;
  const callbackUrl =
    url(problems, "CCVOICE_CALLBACK_URL", env.CCVOICE_CALLBACK_URL, "https://<app>.azurewebsites.net/api/callEvents") ??
    (host ? `https://${host}/api/callEvents` : undefined);
  if (!callbackUrl) problems.push("CCVOICE_CALLBACK_URL is required when WEBSITE_HOSTNAME is not set: the public URL of the callEvents function");

  const tableConnectionString = env.CCVOICE_TABLE_CONNECTION_STRING || undefined;
  if (tableConnectionString && !/(TableEndpoint=https?:\/\/(127\.0\.0\.1|localhost)|UseDevelopmentStorage=true)/i.test(tableConnectionString)) {
    problems.push("CCVOICE_TABLE_CONNECTION_STRING is accepted only for Azurite (a loopback TableEndpoint); in Azure set CCVOICE_TABLE_ENDPOINT and use the managed identity");
  }
  const account = env.AzureWebJobsStorage__accountName;
  const tableEndpoint =
    url(problems, "CCVOICE_TABLE_ENDPOINT", env.CCVOICE_TABLE_ENDPOINT, "https://<account>.table.core.windows.net") ??
    (account ? `https://${account}.table.core.windows.net` : undefined);
  if (!tableEndpoint && !tableConnectionString) {
    problems.push("CCVOICE_TABLE_ENDPOINT is required (or AzureWebJobsStorage__accountName): the Table Storage endpoint such as https://<account>.table.core.windows.net");
  }
  const tableName = env.CCVOICE_TABLE_NAME || "ccvoiceRuntime";
  if (!/^[A-Za-z][A-Za-z0-9]{2,62}$/.test(tableName)) {
    problems.push(`CCVOICE_TABLE_NAME must be 3-63 letters and digits starting with a letter, got ${JSON.stringify(tableName)}`);
  }
  const holdMusicUrl = url(problems, "CCVOICE_HOLD_MUSIC_URL", env.CCVOICE_HOLD_MUSIC_URL, "https://<account>.blob.core.windows.net/audio/hold.wav");
  const emailSender = env.ACS_EMAIL_SENDER || undefined;
  if (emailSender !== undefined && !/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(emailSender)) {
    problems.push(`ACS_EMAIL_SENDER must be a sender address such as DoNotReply@contoso.com, got ${JSON.stringify(emailSender)}`);
  }
  if (config && config.emergency.contacts.length > 0 && !emailSender) {
    problems.push("ACS_EMAIL_SENDER is required because ccvoice:emergency.notificationContacts is not empty: the sender address of the ACS email domain");
  }
  const presenceSessionId = env.CCVOICE_PRESENCE_SESSION_ID || env.AZURE_CLIENT_ID || undefined;
  if (config?.agents.some((a) => a.kind === "teams") && !presenceSessionId) {
    problems.push("CCVOICE_PRESENCE_SESSION_ID is required because Teams agents exist: the application (client) id used as the Graph setPresence session id");
  }
  const graphBaseUrl = url(problems, "CCVOICE_GRAPH_BASE_URL", env.CCVOICE_GRAPH_BASE_URL, "https://graph.microsoft.com/v1.0") ?? "https://graph.microsoft.com/v1.0";

  let agentAuth: AgentAuthSettings | undefined;
  const audience = (env.CCVOICE_AGENT_AUTH_AUDIENCE ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (audience.length > 0) {
    const tenant = env.CCVOICE_AGENT_AUTH_TENANT_ID || config?.teamsTenantId;
    const jwksUrl =
      url(problems, "CCVOICE_AGENT_AUTH_JWKS_URL", env.CCVOICE_AGENT_AUTH_JWKS_URL, "https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys") ??
      (tenant ? `https://login.microsoftonline.com/${tenant}/discovery/v2.0/keys` : undefined);
    const issuer = env.CCVOICE_AGENT_AUTH_ISSUER || (tenant ? `https://login.microsoftonline.com/${tenant}/v2.0` : undefined);
    if (!jwksUrl || !issuer) {
      problems.push("CCVOICE_AGENT_AUTH_TENANT_ID is required (or CCVOICE_AGENT_AUTH_JWKS_URL and CCVOICE_AGENT_AUTH_ISSUER): the Entra tenant whose tokens the agent desktop sends");
    } else {
      agentAuth = { jwksUrl, issuer, audience, role: env.CCVOICE_AGENT_AUTH_ROLE || "CCVoice.AgentDesktop" };
    }
  }
  const settings = {
    config,
    acsEndpoint,
    acsAccessKey,
    acsResourceIds,
    callbackUrl,
    callbackJwksUrl: url(problems, "CCVOICE_CALLBACK_JWKS_URL", env.CCVOICE_CALLBACK_JWKS_URL, CALL_AUTOMATION_JWKS_URL) ?? CALL_AUTOMATION_JWKS_URL,
    callbackIssuer: env.CCVOICE_CALLBACK_ISSUER || CALL_AUTOMATION_ISSUER,
    tableEndpoint,
    tableConnectionString,
    tableName,
    holdMusicUrl,
    emailSender,
    presenceSessionId,
    graphBaseUrl,
    agentAuth,
    emergencyStoreDeadlineMs: int(problems, "CCVOICE_EMERGENCY_STORE_DEADLINE_MS", env.CCVOICE_EMERGENCY_STORE_DEADLINE_MS, 1500, 100, 10_000),
    ringSeconds: int(problems, "CCVOICE_RING_SECONDS", env.CCVOICE_RING_SECONDS, 60, 10, 300),
  };
  if (problems.length > 0 || !config || !acsEndpoint || !callbackUrl) throw new SettingsError(problems);
  return { ...settings, config, acsEndpoint, callbackUrl };
}
