/**
 * `ccvoice-eventgrid-dead-letter`: Event Grid subscriptions dead-letter what they cannot deliver. Dead
 * lettering is off by default; without it, an IncomingCall that fails delivery (a 400, or retries used up)
 * is dropped without a trace and a missed call cannot be audited.
 *
 * Reads `azure-native:eventgrid:SystemTopicEventSubscription` and `...:EventSubscription` inputs:
 * `deadLetterDestination` or `deadLetterWithResourceIdentity.deadLetterDestination`, a `StorageBlob` with a
 * `resourceId` and a `blobContainerName`. Unknown values (preview) count as set.
 *
 * @see azure-voice-api-facts.md §3.5; limits-and-reliability.md E3
 */
import { EVENT_SUBSCRIPTION_TYPES, UNKNOWN, isRecord, valueAt } from "../lib/resources";
import type { CcvoiceRule, CheckedResource, Finding } from "../lib/types";

const FIX = "Set deadLetterWithResourceIdentity.deadLetterDestination to a StorageBlob destination (storage account resourceId and blobContainerName).";

/**
 * Whether and why a subscription does not dead-letter.
 *
 * @param resource any resource; other types give no finding
 */
export function checkDeadLetter(resource: CheckedResource): Finding[] {
  if (!EVENT_SUBSCRIPTION_TYPES.includes(resource.type)) return [];
  const direct = valueAt(resource.inputs, "deadLetterDestination");
  const withIdentity = valueAt(resource.inputs, "deadLetterWithResourceIdentity.deadLetterDestination");
  const destination = withIdentity ?? direct;
  const name = valueAt(resource.inputs, "eventSubscriptionName");
  const label = `Event subscription ${typeof name === "string" && name !== UNKNOWN ? `"${name}" (${resource.name})` : resource.name}`;
  if (destination === UNKNOWN) return [];
  if (destination === undefined || destination === null) {
    return [{ resource: resource.name, message: `${label} has no dead-letter destination, so events Event Grid gives up on are dropped without a trace. ${FIX}` }];
  }
  if (!isRecord(destination)) {
    return [{ resource: resource.name, message: `${label} has a dead-letter destination that is not an object (${JSON.stringify(destination)}). ${FIX}` }];
  }
  const missing = ["endpointType", "resourceId", "blobContainerName"].filter((key) => {
    const v = destination[key];
    return v === undefined || v === null || v === "";
  });
  const type = destination.endpointType;
  if (missing.length === 0 && (type === "StorageBlob" || type === UNKNOWN)) return [];
  const what = missing.length > 0 ? `lacks ${missing.join(", ")}` : `has endpointType ${JSON.stringify(type)}`;
  return [{ resource: resource.name, message: `${label} has a dead-letter destination that ${what}, so undelivered events cannot be stored. ${FIX}` }];
}

export const eventgridDeadLetter: CcvoiceRule = {
  name: "ccvoice-eventgrid-dead-letter",
  description: "Every Event Grid event subscription dead-letters the events it cannot deliver to a storage blob container.",
  enforcementLevel: "mandatory",
  inputs: "resources",
  check: () => [],
  checkResource: checkDeadLetter,
};
