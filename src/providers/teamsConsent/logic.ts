/**
 * Pure logic of `TeamsExtensionConsent`: inputs, diff and the request path.
 *
 * The ACS resource owner's server consent for a Teams resource account (Teams Phone extensibility):
 * `PUT {endpoint}/access/teamsExtension/tenants/{tenantId}/assignments/{raObjectId}?api-version=2025-06-30`
 * with `{ "principalType": "teamsResourceAccount" }` answers 201; `GET` reads it (404 when absent);
 * `DELETE` answers 204. Source: reference/azure-voice-api-facts.md section 7.1 (TPE quickstart).
 */
import { UNKNOWN, endpointProblem, normalizeEndpoint } from "../shared/acsEndpoint";

/** api-version of the consent endpoint. */
export const CONSENT_API_VERSION = "2025-06-30";
/** `principalType` of a resource-account consent. */
export const RESOURCE_ACCOUNT_PRINCIPAL = "teamsResourceAccount";

/** Inputs (and state) of `TeamsExtensionConsent`. */
export interface ConsentInputs {
  /** ACS endpoint `https://<name>.communication.azure.com` (normalised, no trailing slash). */
  readonly acsEndpoint: string;
  /** Entra tenant id of the Teams tenant. */
  readonly tenantId: string;
  /** Entra object id of the resource account. */
  readonly resourceAccountObjectId: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks and normalises the inputs (endpoint normalised, GUIDs lower-cased). An endpoint not known
 * yet (Pulumi's unknown value, during the preview of a stack whose ACS resource is still to be
 * created) passes unchecked; it is checked when the update runs.
 *
 * @returns the inputs and one failure per bad property
 */
export function checkConsentInputs(news: Record<string, unknown>): {
  inputs: ConsentInputs;
  failures: { property: string; reason: string }[];
} {
  const failures: { property: string; reason: string }[] = [];
  const endpointIssue = news.acsEndpoint === UNKNOWN ? undefined : endpointProblem(news.acsEndpoint, "acsEndpoint");
  if (endpointIssue) failures.push({ property: "acsEndpoint", reason: endpointIssue });
  for (const [key, what] of [
    ["tenantId", "Entra tenant id"],
    ["resourceAccountObjectId", "Entra object id of the resource account"],
  ] as const) {
    const value = news[key];
    if (typeof value !== "string" || !GUID.test(value)) {
      failures.push({ property: key, reason: `${key} must be the ${what}, a GUID such as 00000000-0000-0000-0000-000000000000, got ${JSON.stringify(value)}` });
    }
  }
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  return {
    inputs: {
      acsEndpoint: normalizeEndpoint(str(news.acsEndpoint)),
      tenantId: str(news.tenantId).toLowerCase(),
      resourceAccountObjectId: str(news.resourceAccountObjectId).toLowerCase(),
    },
    failures,
  };
}

/** Diff: a consent is identified by all three inputs, so any change replaces it (delete first). */
export function diffConsent(olds: ConsentInputs, news: ConsentInputs): {
  changes: boolean;
  replaces: string[];
  stables: string[];
  deleteBeforeReplace: boolean;
} {
  const keys = ["acsEndpoint", "tenantId", "resourceAccountObjectId"] as const;
  const replaces = keys.filter((k) => olds[k] !== news[k]);
  return { changes: replaces.length > 0, replaces: [...replaces], stables: replaces.length ? [] : [...keys], deleteBeforeReplace: replaces.length > 0 };
}

/**
 * The request URL of one consent.
 *
 * @example consentUrl({ acsEndpoint: "https://x.communication.azure.com", tenantId: "t", resourceAccountObjectId: "r" })
 *   → "https://x.communication.azure.com/access/teamsExtension/tenants/t/assignments/r?api-version=2025-06-30"
 */
export function consentUrl(inputs: ConsentInputs): string {
  return `${inputs.acsEndpoint}/access/teamsExtension/tenants/${encodeURIComponent(inputs.tenantId)}/assignments/${encodeURIComponent(inputs.resourceAccountObjectId)}?api-version=${CONSENT_API_VERSION}`;
}
