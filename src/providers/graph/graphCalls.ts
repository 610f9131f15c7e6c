/**
 * The Graph calls of the Graph-backed providers. Each builds its client at call time
 * (`createGraphClient()`), so nothing here is captured by a serialized provider.
 *
 * @see https://learn.microsoft.com/graph/api/user-get
 * @see https://learn.microsoft.com/graph/api/user-assignlicense
 * @see https://learn.microsoft.com/graph/api/subscribedsku-list
 * @see https://learn.microsoft.com/graph/api/teamsadministration-numberassignment-assignnumber?view=graph-rest-beta
 */
import { createGraphClient, graphCredentialSource } from "./client";
import { describeGraphError, graphTelephoneNumber, operationState, splitGraphLocation, type GraphNumberType } from "./logic";

/** A user as read here. */
export interface GraphUser {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly usageLocation?: string | null;
  readonly assignedLicenses: readonly { skuId: string }[];
}

/** A number assignment as read here. */
export interface GraphNumberAssignment {
  readonly telephoneNumber: string;
  readonly assignmentTargetId?: string | null;
  readonly numberType?: string;
  readonly activationState?: string;
}

const NUMBERS = "/admin/teams/telephoneNumberManagement/numberAssignments";

async function call<T>(action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw describeGraphError(err, action, graphCredentialSource());
  }
}

function statusOf(err: unknown): number | undefined {
  return (err as { statusCode?: number; status?: number }).statusCode ?? (err as { status?: number }).status;
}

/**
 * Reads a user by UPN or object id.
 *
 * @returns the user, or undefined when Graph answers 404
 */
export async function findUser(idOrUpn: string): Promise<GraphUser | undefined> {
  const { client } = createGraphClient();
  try {
    const user = (await client
      .api(`/users/${encodeURIComponent(idOrUpn)}`)
      .select(["id", "userPrincipalName", "usageLocation", "assignedLicenses"])
      .get()) as GraphUser;
    return { ...user, assignedLicenses: user.assignedLicenses ?? [] };
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw describeGraphError(err, `reading user ${idOrUpn}`, graphCredentialSource());
  }
}

/**
 * Reads a user that must exist.
 *
 * @throws Error saying to create the resource account first when it does not exist
 */
export async function requireUser(upn: string): Promise<GraphUser> {
  const user = await findUser(upn);
  if (!user) {
    throw new Error(
      `resource account ${upn} does not exist in Entra; create it first with the Teams script (ccvoice teams-script, or teams.apply: true), then run again`,
    );
  }
  return user;
}

/**
 * Finds the SKU id of a subscribed SKU by part number.
 *
 * @throws Error naming the part number and the ones the tenant has when it has no such subscription
 */
export async function findSkuId(skuPartNumber: string): Promise<string> {
  const { client } = createGraphClient();
  const result = await call(`listing the subscribed SKUs`, () =>
    client.api("/subscribedSkus").select(["skuId", "skuPartNumber"]).get() as Promise<{ value: { skuId: string; skuPartNumber: string }[] }>,
  );
  const match = result.value.find((s) => s.skuPartNumber.toUpperCase() === skuPartNumber);
  if (!match) {
    const known = result.value.map((s) => s.skuPartNumber).join(", ") || "none";
    throw new Error(
      `the tenant has no subscription with SKU part number ${skuPartNumber} (Microsoft Teams Phone Resource Account); add the licence in the Microsoft 365 admin center (subscribed SKUs: ${known})`,
    );
  }
  return match.skuId;
}

/** Sets a user's usage location (needed before a licence can be assigned). */
export async function setUsageLocation(userId: string, usageLocation: string): Promise<void> {
  const { client } = createGraphClient();
  await call(`setting the usage location of user ${userId} to ${usageLocation}`, () =>
    client.api(`/users/${encodeURIComponent(userId)}`).patch({ usageLocation }),
  );
}

/**
 * Adds or removes one licence (`POST /users/{id}/assignLicense`).
 *
 * @param mode `add` or `remove`
 */
export async function changeLicense(userId: string, skuId: string, mode: "add" | "remove"): Promise<void> {
  const { client } = createGraphClient();
  const body =
    mode === "add"
      ? { addLicenses: [{ skuId, disabledPlans: [] }], removeLicenses: [] }
      : { addLicenses: [], removeLicenses: [skuId] };
  await call(`${mode === "add" ? "assigning" : "removing"} licence ${skuId} ${mode === "add" ? "to" : "from"} user ${userId}`, () =>
    client.api(`/users/${encodeURIComponent(userId)}/assignLicense`).post(body),
  );
}

/**
 * Reads the assignment of one number (beta).
 *
 * @returns the assignment, or undefined when the tenant has no record of the number
 */
export async function findNumberAssignment(phoneNumber: string): Promise<GraphNumberAssignment | undefined> {
  const { client } = createGraphClient();
  const number = graphTelephoneNumber(phoneNumber);
  const result = await call(`reading the assignment of ${phoneNumber}`, () =>
    client.api(NUMBERS).version("beta").filter(`telephoneNumber eq '${number}'`).get() as Promise<{ value: GraphNumberAssignment[] }>,
  );
  return result.value.find((a) => graphTelephoneNumber(a.telephoneNumber) === number);
}

function intFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? "");
  return process.env[name] && Number.isInteger(value) && value > 0 ? value : fallback;
}

/**
 * Posts an asynchronous number action and waits for its operation (the `Location` header) to finish.
 * Poll interval `CCVOICE_GRAPH_POLL_INTERVAL_MS` @default 2000; timeout `CCVOICE_GRAPH_POLL_TIMEOUT_MS`
 * @default 600000.
 *
 * @param action `assignNumber` or `unassignNumber`
 * @throws Error when Graph answers without `Location`, the operation fails, or it does not finish in time
 */
export async function runNumberAction(
  action: "assignNumber" | "unassignNumber",
  phoneNumber: string,
  numberType: GraphNumberType,
  assignmentTargetId?: string,
): Promise<void> {
  const { client, endpoint } = createGraphClient();
  const what = `${action} of ${phoneNumber}${assignmentTargetId ? ` to ${assignmentTargetId}` : ""}`;
  const body = {
    telephoneNumber: graphTelephoneNumber(phoneNumber),
    numberType,
    ...(assignmentTargetId ? { assignmentTargetId } : {}),
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ResponseType } = require("@microsoft/microsoft-graph-client") as typeof import("@microsoft/microsoft-graph-client");
  const response = await call(what, () =>
    client.api(`${NUMBERS}/${action}`).version("beta").responseType(ResponseType.RAW).post(body) as Promise<Response>,
  );
  if (!response.ok) {
    const detail = await response.text().catch(() => "");
    throw describeGraphError({ statusCode: response.status, message: detail }, what, graphCredentialSource());
  }
  const location = response.headers.get("Location");
  if (!location) throw new Error(`${what} was accepted with HTTP ${response.status} but Graph sent no Location header to follow`);
  const target = splitGraphLocation(location, endpoint);
  const interval = intFromEnv("CCVOICE_GRAPH_POLL_INTERVAL_MS", 2000);
  const deadline = Date.now() + intFromEnv("CCVOICE_GRAPH_POLL_TIMEOUT_MS", 600_000);
  for (;;) {
    const operation = await call(`reading the operation of ${what}`, () => client.api(target.path).version(target.version).get() as Promise<unknown>);
    const state = operationState(operation);
    if (state === "succeeded") return;
    if (state === "failed") {
      const reason = JSON.stringify((operation as { error?: unknown; statusDetail?: unknown }).error ?? (operation as { statusDetail?: unknown }).statusDetail ?? operation);
      throw new Error(`${what} failed: ${reason}`);
    }
    if (Date.now() > deadline) throw new Error(`${what} did not finish in time (operation ${location}); check it in the Teams admin center and run again`);
    await new Promise((r) => setTimeout(r, interval));
  }
}
