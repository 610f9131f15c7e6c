/**
 * Physical names and fixed names shared by the components, the runtime and the tests.
 * Pure: no Pulumi or Azure imports.
 */
import { createHash } from "node:crypto";

/** Name of the Event Grid-triggered function that receives `Microsoft.Communication.IncomingCall`. */
export const INCOMING_CALL_FUNCTION = "incomingCall";
/** Blob container holding the Function App package (Flex Consumption deployment storage). */
export const DEPLOYMENT_CONTAINER = "app-package";
/** Blob container receiving IncomingCall events that could not be delivered. */
export const DEAD_LETTER_CONTAINER = "incoming-call-deadletter";
/** Name of the Event Grid subscription for IncomingCall (3-64 letters, digits and dashes). */
export const INCOMING_CALL_SUBSCRIPTION = "incoming-call";
/** Name Azure gives the Azure-managed email domain of an email service. */
export const AZURE_MANAGED_DOMAIN = "AzureManagedDomain";
/** Sender user name Azure creates with every email domain. */
export const DEFAULT_SENDER_USERNAME = "DoNotReply";

/**
 * Storage account name for a stack: `ccv` + environment (dashes removed) + a hash of the ACS name,
 * exactly 24 lower-case letters and digits (the Azure maximum), so the same stack always gets the
 * same globally unique-looking name.
 *
 * @param environment `ccvoice:environment`, 1-12 lower-case letters, digits or dashes
 * @param acsName `ccvoice:acs.name`
 * @returns e.g. `ccvprod3f2a...` (24 characters)
 * @throws Error when the environment has characters a storage account name cannot hold
 */
export function storageAccountName(environment: string, acsName: string): string {
  const env = environment.replace(/-/g, "");
  if (!/^[a-z0-9]{1,12}$/.test(env)) {
    throw new Error(
      `ccvoice:environment must be 1-12 lower-case letters, digits or dashes to name the storage account, got ${JSON.stringify(environment)}`,
    );
  }
  const prefix = `ccv${env}`;
  const hash = createHash("sha256").update(acsName.toLowerCase()).digest("hex");
  return prefix + hash.slice(0, 24 - prefix.length);
}

/**
 * The subscription id inside an ARM resource id.
 *
 * @param resourceId e.g. `/subscriptions/<sub>/resourceGroups/rg/providers/...`
 * @throws Error when the id does not start with `/subscriptions/<id>/`
 */
export function subscriptionOf(resourceId: string): string {
  const match = /^\/subscriptions\/([^/]+)\//i.exec(resourceId);
  if (!match?.[1]) {
    throw new Error(`expected an ARM resource id starting with /subscriptions/<id>/, got ${JSON.stringify(resourceId)}`);
  }
  return match[1];
}
