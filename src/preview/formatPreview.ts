/**
 * The text report of `ccvoice preview`: resources grouped by component with their key inputs and
 * counts, the stack outputs, then the routing summary with emergency calls highlighted.
 */
import { BUILT_IN_ROLES } from "../components/roles";
import type { PreviewResource, PreviewResult } from "./previewStack";

const ROLE_NAMES: Record<string, string> = Object.fromEntries(
  Object.entries(BUILT_IN_ROLES).map(([name, guid]) => [guid, name]),
);

function at(inputs: unknown, path: string): unknown {
  let value: unknown = inputs;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const show = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v));
const tail = (id: unknown): string => (typeof id === "string" ? id.slice(id.lastIndexOf("/") + 1) : show(id));

/** Key inputs shown per resource type: `label=path` pairs, or functions for derived values. */
const KEY_INPUTS: Record<string, (i: Record<string, unknown>) => Record<string, unknown>> = {
  "azure-native:resources:ResourceGroup": (i) => ({ name: i.resourceGroupName, location: i.location }),
  "azure-native:communication:CommunicationService": (i) => ({
    name: i.communicationServiceName,
    dataLocation: i.dataLocation,
    location: i.location,
  }),
  "azure-native:communication:EmailService": (i) => ({ dataLocation: i.dataLocation }),
  "azure-native:communication:Domain": (i) => ({ domain: i.domainName, management: i.domainManagement }),
  "azure-native:storage:StorageAccount": (i) => ({
    name: i.accountName,
    sku: at(i, "sku.name"),
    sharedKeys: i.allowSharedKeyAccess,
  }),
  "azure-native:storage:BlobContainer": (i) => ({ container: i.containerName }),
  "azure-native:web:AppServicePlan": (i) => ({ sku: at(i, "sku.name"), tier: at(i, "sku.tier") }),
  "azure-native:web:WebApp": (i) => ({
    kind: i.kind,
    runtime: `${show(at(i, "functionAppConfig.runtime.name"))} ${show(at(i, "functionAppConfig.runtime.version"))}`,
    alwaysReady: at(i, "functionAppConfig.scaleAndConcurrency.alwaysReady"),
    memoryMB: at(i, "functionAppConfig.scaleAndConcurrency.instanceMemoryMB"),
    maxInstances: at(i, "functionAppConfig.scaleAndConcurrency.maximumInstanceCount"),
  }),
  "azure-native:authorization:RoleAssignment": (i) => {
    const guid = tail(i.roleDefinitionId);
    return { role: ROLE_NAMES[guid] ?? guid, scope: tail(i.scope) };
  },
  "azure-native:eventgrid:SystemTopic": (i) => ({ topicType: i.topicType, location: i.location }),
  "azure-native:eventgrid:SystemTopicEventSubscription": (i) => ({
    events: at(i, "filter.includedEventTypes"),
    to: `${show(at(i, "destination.endpointType"))}:${tail(at(i, "destination.resourceId"))}`,
    ttlMinutes: at(i, "retryPolicy.eventTimeToLiveInMinutes"),
    attempts: at(i, "retryPolicy.maxDeliveryAttempts"),
    deadLetter: at(i, "deadLetterWithResourceIdentity.deadLetterDestination.blobContainerName"),
  }),
};

/**
 * The key inputs of one resource as `key=value` text.
 *
 * @param resource a previewed resource
 * @returns e.g. `name=rg-contoso location=eastus`; for unlisted types the first three scalar inputs
 */
export function keyInputs(resource: PreviewResource): string {
  const pick = KEY_INPUTS[resource.type];
  const pairs = pick
    ? pick(resource.inputs)
    : Object.fromEntries(
        Object.entries(resource.inputs)
          .filter(([, v]) => v === null || typeof v !== "object")
          .slice(0, 3),
      );
  return Object.entries(pairs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${show(v)}`)
    .join(" ");
}

function isComponent(r: PreviewResource, all: readonly PreviewResource[]): boolean {
  return r.type.startsWith("ccvoice:") || all.some((c) => c.parent === r.name);
}

/**
 * Formats a preview as report lines.
 *
 * @param result what `previewStack` returned
 * @returns lines without trailing newlines
 */
export function formatPreview(result: PreviewResult): string[] {
  const { resources } = result;
  const components = resources.filter((r) => isComponent(r, resources));
  const lines: string[] = [
    `stack ${result.stack}: ${resources.length} resources (${components.length} components, ${resources.length - components.length} resources in Azure)`,
    "",
  ];
  const depth = new Map<string, number>();
  const descendants = (name: string): number =>
    resources.filter((r) => r.parent === name).reduce((n, c) => n + 1 + descendants(c.name), 0);
  for (const r of resources) {
    const d = r.parent === null ? 0 : (depth.get(r.parent) ?? 0) + 1;
    depth.set(r.name, d);
    const pad = "  ".repeat(d);
    if (isComponent(r, resources)) {
      const n = descendants(r.name);
      lines.push(`${pad}${r.type}  ${r.name}  (${n} resource${n === 1 ? "" : "s"})`);
    } else {
      lines.push(`${pad}${r.type}  ${r.name}  ${keyInputs(r)}`.trimEnd());
    }
  }
  lines.push("", "outputs");
  for (const [key, value] of Object.entries(result.outputs)) lines.push(`  ${key}: ${show(value)}`);

  lines.push("", `routing (${result.routing.length} calls; emergency calls marked !!)`);
  for (const line of result.routing) {
    const r = line.resolution;
    const mark = r.emergency ? (r.testNumber ? "!! TEST" : "!! EMERGENCY") : "  ";
    const via = [r.route ? `route ${r.route}` : undefined, r.trunks.length ? `trunks ${r.trunks.join(", ")}` : undefined]
      .filter(Boolean)
      .join(" ");
    lines.push(`${mark} ${line.country} ${line.dial} -> ${r.path === "blocked" ? "BLOCKED" : r.path}${via ? ` (${via})` : ""}`);
    lines.push(`     ${r.reason}`);
    for (const warning of r.warnings) lines.push(`     warning: ${warning}`);
  }
  return lines;
}
