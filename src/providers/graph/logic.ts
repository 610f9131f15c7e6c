/**
 * Pure logic of the Graph-backed providers: input checks, diffs, number formats, operation states and
 * error messages. No Pulumi runtime or network here.
 *
 * Facts (reference/azure-voice-api-facts.md sections 6.1 and 6.2):
 * - A resource account is licensed with "Microsoft Teams Phone Resource Account"; its SKU part number
 *   `PHONESYSTEM_VIRTUALUSER` is knowledge, UNCERTAIN (check `GET /subscribedSkus` in the tenant). The
 *   user needs a `usageLocation` before `assignLicense` (knowledge).
 * - `POST /admin/teams/telephoneNumberManagement/numberAssignments/assignNumber` (and `unassignNumber`)
 *   answer 202 with a `Location` header of an operation to poll; body `{ telephoneNumber,
 *   assignmentTargetId, numberType: directRouting|callingPlan|operatorConnect }` (beta API). The example
 *   number has no `+` ("12061234567"); the operation's `status` values are knowledge (UNCERTAIN).
 */

/** SKU part number of the Teams Phone Resource Account licence (knowledge, UNCERTAIN). */
export const RESOURCE_ACCOUNT_SKU = "PHONESYSTEM_VIRTUALUSER";

/** One failed input, in the shape of Pulumi's `CheckFailure`. */
export interface InputFailure {
  readonly property: string;
  readonly reason: string;
}

/** The parts of Pulumi's `DiffResult` the providers return. */
export interface GraphDiff {
  readonly changes: boolean;
  readonly replaces: string[];
  readonly stables: string[];
  readonly deleteBeforeReplace: boolean;
}

/** Inputs of `ResourceAccountLicense`. */
export interface LicenseInputs {
  readonly userPrincipalName: string;
  readonly skuPartNumber: string;
  readonly usageLocation: string;
}
/** State of `ResourceAccountLicense`. */
export interface LicenseOutputs extends LicenseInputs {
  /** Entra object id of the resource account. */
  readonly userId: string;
  /** SKU id (GUID) of the subscribed SKU. */
  readonly skuId: string;
  /** Random id of this resource instance, set by create (absent in older state); see `shared/claims.ts`. */
  readonly instanceId?: string;
}

/** Graph `numberType` values. */
export const GRAPH_NUMBER_TYPES = ["directRouting", "callingPlan", "operatorConnect"] as const;
export type GraphNumberType = (typeof GRAPH_NUMBER_TYPES)[number];

/** Inputs of `TeamsNumberAssignment`. */
export interface NumberInputs {
  readonly userPrincipalName: string;
  /** E.164 with `+`. */
  readonly phoneNumber: string;
  readonly numberType: GraphNumberType;
}
/** State of `TeamsNumberAssignment`. */
export interface NumberOutputs extends NumberInputs {
  /** Entra object id of the account the number is assigned to. */
  readonly userId: string;
  /** Random id of this resource instance, set by create (absent in older state); see `shared/claims.ts`. */
  readonly instanceId?: string;
}

const UPN = /^[^\s@"';`$]+@[^\s@"';`$]+\.[a-z]{2,63}$/i;
const E164 = /^\+[1-9]\d{6,14}$/;
const COUNTRY = /^[A-Z]{2}$/;
const SKU = /^[A-Z0-9_]{2,64}$/;

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * Checks and normalises `ResourceAccountLicense` inputs (UPN lower-cased, SKU upper-cased).
 *
 * @param news raw inputs
 * @returns the inputs and one failure per bad property
 */
export function checkLicenseInputs(news: Record<string, unknown>): { inputs: LicenseInputs; failures: InputFailure[] } {
  const failures: InputFailure[] = [];
  const upn = text(news.userPrincipalName) ?? "";
  if (!UPN.test(upn)) {
    failures.push({ property: "userPrincipalName", reason: `userPrincipalName must be a user principal name such as cc-main@contoso.com, got ${JSON.stringify(news.userPrincipalName)}` });
  }
  const sku = (text(news.skuPartNumber) ?? RESOURCE_ACCOUNT_SKU).toUpperCase();
  if (!SKU.test(sku)) {
    failures.push({ property: "skuPartNumber", reason: `skuPartNumber must be a SKU part number such as ${RESOURCE_ACCOUNT_SKU}, got ${JSON.stringify(news.skuPartNumber)}` });
  }
  const location = text(news.usageLocation) ?? "";
  if (!COUNTRY.test(location)) {
    failures.push({ property: "usageLocation", reason: `usageLocation must be an ISO 3166-1 alpha-2 country code in capitals such as US, got ${JSON.stringify(news.usageLocation)}` });
  }
  return { inputs: { userPrincipalName: upn.toLowerCase(), skuPartNumber: sku, usageLocation: location }, failures };
}

/**
 * Checks `TeamsNumberAssignment` inputs.
 *
 * @param news raw inputs
 * @returns the inputs and one failure per bad property
 */
export function checkNumberInputs(news: Record<string, unknown>): { inputs: NumberInputs; failures: InputFailure[] } {
  const failures: InputFailure[] = [];
  const upn = text(news.userPrincipalName) ?? "";
  if (!UPN.test(upn)) {
    failures.push({ property: "userPrincipalName", reason: `userPrincipalName must be a user principal name such as cc-main@contoso.com, got ${JSON.stringify(news.userPrincipalName)}` });
  }
  const phone = text(news.phoneNumber) ?? "";
  if (!E164.test(phone)) {
    failures.push({ property: "phoneNumber", reason: `phoneNumber must be an E.164 number with + such as +14255550100, got ${JSON.stringify(news.phoneNumber)}` });
  }
  const type = text(news.numberType) ?? "";
  if (!(GRAPH_NUMBER_TYPES as readonly string[]).includes(type)) {
    failures.push({ property: "numberType", reason: `numberType must be one of ${GRAPH_NUMBER_TYPES.join(", ")}, got ${JSON.stringify(news.numberType)}` });
  }
  return { inputs: { userPrincipalName: upn.toLowerCase(), phoneNumber: phone, numberType: type as GraphNumberType }, failures };
}

function diffBy<T extends object>(olds: T, news: T, replaceKeys: (keyof T)[], updateKeys: (keyof T)[], deleteBeforeReplace: boolean): GraphDiff {
  const replaces = replaceKeys.filter((k) => olds[k] !== news[k]).map(String);
  const updates = updateKeys.filter((k) => olds[k] !== news[k]).map(String);
  const stables = replaces.length === 0 ? replaceKeys.map(String) : [];
  return { changes: replaces.length + updates.length > 0, replaces, stables, deleteBeforeReplace: deleteBeforeReplace && replaces.length > 0 };
}

/**
 * Diff of `ResourceAccountLicense`: another account or SKU replaces it; the usage location changes in place.
 */
export function diffLicense(olds: LicenseInputs, news: LicenseInputs): GraphDiff {
  return diffBy(olds, news, ["userPrincipalName", "skuPartNumber"], ["usageLocation"], false);
}

/**
 * Diff of `TeamsNumberAssignment`: every input replaces it, deleting first (a number is assigned to one
 * account at a time, so the new assignment cannot exist before the old one is removed).
 */
export function diffNumber(olds: NumberInputs, news: NumberInputs): GraphDiff {
  return diffBy(olds, news, ["userPrincipalName", "phoneNumber", "numberType"], [], true);
}

/**
 * The Teams number type of the spec (`DirectRouting`) in Graph's spelling (`directRouting`).
 */
export function graphNumberType(type: "DirectRouting" | "CallingPlan" | "OperatorConnect"): GraphNumberType {
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}` as GraphNumberType;
}

/** The number as Graph's examples write it: E.164 without `+` (`+12061234567` → `12061234567`). */
export function graphTelephoneNumber(e164: string): string {
  return e164.replace(/^\+/, "");
}

/** What an operation resource says. */
export type OperationState = "running" | "succeeded" | "failed";

/**
 * Reads the state of a telephone-number operation (`status`: notStarted, running/inProgress,
 * succeeded, failed; knowledge).
 *
 * @throws Error when the status is missing or unknown
 */
export function operationState(body: unknown): OperationState {
  const status = text((body as { status?: unknown } | null)?.status)?.toLowerCase();
  if (status === "succeeded") return "succeeded";
  if (status === "failed") return "failed";
  if (status === "notstarted" || status === "running" || status === "inprogress") return "running";
  throw new Error(`the telephone number operation has an unknown status ${JSON.stringify(status)}`);
}

/** The parts of a Graph SDK error read here. */
interface GraphErrorLike {
  statusCode?: number;
  code?: string | null;
  message?: string;
  body?: unknown;
}

/**
 * An Error that names what was being done, Graph's answer, and the fix for 401, 403, 404 and 429.
 *
 * @param error what the Graph SDK threw
 * @param action e.g. `assigning the licence PHONESYSTEM_VIRTUALUSER to cc@contoso.com`
 * @param credential the credential source, from `graphCredentialSource()`
 */
export function describeGraphError(error: unknown, action: string, credential: string): Error {
  const e = (typeof error === "object" && error !== null ? error : { message: String(error) }) as GraphErrorLike;
  const status = e.statusCode !== undefined && e.statusCode > 0 ? e.statusCode : undefined;
  const answer = status === undefined ? `failed: ${e.message ?? String(error)}` : `failed with HTTP ${status}${e.code ? ` ${e.code}` : ""}: ${e.message ?? ""}`;
  let fix = "";
  if (status === 401) fix = `; Graph did not accept the token from ${credential}: sign in again (az login) or refresh CCVOICE_GRAPH_ACCESS_TOKEN`;
  else if (status === 403) fix = `; the identity used by ${credential} lacks the Graph permission (User.ReadWrite.All and Organization.Read.All for licences, TeamsTelephoneNumber.ReadWrite.All for numbers)`;
  else if (status === 429) fix = "; Graph kept throttling after the retries; wait a few minutes and run again";
  const result = new Error(`${action} ${answer}${fix}`);
  (result as Error & { status?: number }).status = status;
  return result;
}

/**
 * Splits an operation `Location` into the API version and path the Graph client takes, refusing a
 * location on another origin (the token is only ever sent to the configured endpoint).
 *
 * @param location absolute (`https://graph.microsoft.com/beta/admin/...`) or absolute-path (`/beta/admin/...`)
 * @param endpoint the configured Graph endpoint, e.g. `https://graph.microsoft.com`
 * @returns e.g. `{ version: "beta", path: "/admin/teams/telephoneNumberManagement/operations('1')" }`
 * @throws Error when the location is on another origin or has no version segment
 */
export function splitGraphLocation(location: string, endpoint: string): { version: string; path: string } {
  const url = new URL(location, `${endpoint}/`);
  const base = new URL(endpoint);
  if (url.origin !== base.origin) {
    throw new Error(`Graph answered with an operation Location on another origin (${url.origin}); it is not followed, expected ${base.origin}`);
  }
  const match = /^\/(v1\.0|beta)(\/.*)$/.exec(url.pathname);
  if (!match || !match[1] || !match[2]) throw new Error(`Graph answered with an operation Location without a version (${location})`);
  return { version: match[1], path: `${decodeURIComponent(match[2])}${url.search}` };
}
