/**
 * Mocks for the Pulumi SDK mock runtime used by `ccvoice preview` and the component tests: each resource
 * gets its inputs back plus plausible computed outputs (ARM ids in a zero subscription, host names, GUIDs
 * derived from the name), so that the program's `apply`/`interpolate` chains run as they would in Azure.
 * Nothing here talks to Azure; the values only look like Azure's.
 */
import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";

/** Subscription of every mocked ARM id. */
export const MOCK_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
/** Tenant of every mocked identity. */
export const MOCK_TENANT = "00000000-0000-0000-0000-000000000001";

/**
 * A GUID derived from a seed, in the 8-4-4-4-12 form (version nibble 5, like a name-based UUID).
 *
 * @param seed any text; the same seed gives the same GUID
 */
export function deterministicGuid(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

type Inputs = Record<string, unknown>;
const text = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : undefined);

/** How one azure-native resource type is named and where it sits in ARM. */
interface ArmShape {
  /** Input holding the physical name; absent → the logical name is used (autonaming adds a suffix in Azure). */
  readonly nameKey?: string;
  /** ARM id below the resource group, from the inputs and the physical name. */
  readonly path: (inputs: Inputs, name: string) => string;
  /** Computed outputs Azure would return. */
  readonly outputs?: (inputs: Inputs, name: string, type: string) => Inputs;
}

const identity = (type: string, name: string) => ({
  type: "SystemAssigned",
  principalId: deterministicGuid(`principal:${type}:${name}`),
  tenantId: MOCK_TENANT,
});

const ARM_SHAPES: Record<string, ArmShape> = {
  "azure-native:communication:CommunicationService": {
    nameKey: "communicationServiceName",
    path: (_, n) => `providers/Microsoft.Communication/communicationServices/${n}`,
    outputs: (i, n) => {
      const geo = (text(i.dataLocation) ?? "unitedstates").toLowerCase().replace(/[^a-z]/g, "");
      return {
        hostName: `${n}.${geo}.communication.azure.com`,
        immutableResourceId: deterministicGuid(`immutable:${n}`),
        provisioningState: "Succeeded",
      };
    },
  },
  "azure-native:communication:EmailService": {
    nameKey: "emailServiceName",
    path: (_, n) => `providers/Microsoft.Communication/emailServices/${n}`,
  },
  "azure-native:communication:Domain": {
    nameKey: "domainName",
    path: (i, n) => `providers/Microsoft.Communication/emailServices/${text(i.emailServiceName)}/domains/${n}`,
    outputs: (i) => {
      const domain = `${deterministicGuid(`domain:${text(i.emailServiceName)}`)}.azurecomm.net`;
      return { fromSenderDomain: domain, mailFromSenderDomain: domain };
    },
  },
  "azure-native:storage:StorageAccount": {
    nameKey: "accountName",
    path: (_, n) => `providers/Microsoft.Storage/storageAccounts/${n}`,
    outputs: (_, n) => ({
      primaryEndpoints: Object.fromEntries(
        ["blob", "dfs", "file", "queue", "table", "web"].map((s) => [s, `https://${n}.${s}.core.windows.net/`]),
      ),
    }),
  },
  "azure-native:storage:BlobContainer": {
    nameKey: "containerName",
    path: (i, n) => `providers/Microsoft.Storage/storageAccounts/${text(i.accountName)}/blobServices/default/containers/${n}`,
  },
  "azure-native:web:AppServicePlan": {
    nameKey: "name",
    path: (_, n) => `providers/Microsoft.Web/serverfarms/${n}`,
  },
  "azure-native:web:WebApp": {
    nameKey: "name",
    path: (_, n) => `providers/Microsoft.Web/sites/${n}`,
    outputs: (_, n, t) => ({ defaultHostName: `${n}.azurewebsites.net`, identity: identity(t, n) }),
  },
  "azure-native:eventgrid:SystemTopic": {
    nameKey: "systemTopicName",
    path: (_, n) => `providers/Microsoft.EventGrid/systemTopics/${n}`,
    outputs: (_, n, t) => ({ identity: identity(t, n), metricResourceId: deterministicGuid(`metric:${n}`) }),
  },
  "azure-native:managedidentity:UserAssignedIdentity": {
    nameKey: "resourceName",
    path: (_, n) => `providers/Microsoft.ManagedIdentity/userAssignedIdentities/${n}`,
    outputs: (_, n, t) => ({
      principalId: deterministicGuid(`principal:${t}:${n}`),
      clientId: deterministicGuid(`client:${t}:${n}`),
      tenantId: MOCK_TENANT,
    }),
  },
  "azure-native:eventgrid:SystemTopicEventSubscription": {
    nameKey: "eventSubscriptionName",
    path: (i, n) => `providers/Microsoft.EventGrid/systemTopics/${text(i.systemTopicName)}/eventSubscriptions/${n}`,
  },
};

/**
 * Outputs of ccvoice's dynamic resources in a preview: a number order has bought nothing yet; a resource
 * account's object id is a GUID derived from its UPN.
 */
const DYNAMIC_OUTPUTS: Record<string, (inputs: Inputs) => Inputs> = {
  "pulumi-nodejs:dynamic/ccvoice-numbers:PhoneNumberOrder": () => ({ phoneNumbers: [] }),
  "pulumi-nodejs:dynamic/ccvoice-graph:ResourceAccountLicense": (i) => ({
    userId: deterministicGuid(`user:${String(i.userPrincipalName)}`),
  }),
};

function resourceGroupOf(inputs: Inputs): string {
  return text(inputs.resourceGroupName) ?? "rg-unknown";
}

/**
 * Computes the id and state a mocked resource returns.
 *
 * @param args what the SDK passes to `Mocks.newResource`
 * @returns `{ id, state }`; state = inputs + `name` + computed outputs (`id` is not repeated in state)
 */
export function mockResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
  const inputs = (args.inputs ?? {}) as Inputs;
  const rgPrefix = `/subscriptions/${MOCK_SUBSCRIPTION}/resourceGroups/${resourceGroupOf(inputs)}`;
  if (args.type === "azure-native:resources:ResourceGroup") {
    const name = text(inputs.resourceGroupName) ?? args.name;
    return {
      id: `/subscriptions/${MOCK_SUBSCRIPTION}/resourceGroups/${name}`,
      state: { ...inputs, name, provisioningState: "Succeeded" },
    };
  }
  if (args.type === "azure-native:authorization:RoleAssignment") {
    const name = text(inputs.roleAssignmentName) ?? deterministicGuid(`role:${args.name}`);
    return {
      id: `${text(inputs.scope) ?? rgPrefix}/providers/Microsoft.Authorization/roleAssignments/${name}`,
      state: { ...inputs, name },
    };
  }
  const shape = ARM_SHAPES[args.type];
  if (shape) {
    const name = (shape.nameKey ? text(inputs[shape.nameKey]) : undefined) ?? args.name;
    return {
      id: `${rgPrefix}/${shape.path(inputs, name)}`,
      state: { ...inputs, name, ...(shape.outputs?.(inputs, name, args.type) ?? {}) },
    };
  }
  // Components, dynamic providers and types not listed: echo the inputs, plus what our dynamic resources
  // compute (an output left out would be unknown, and one unknown app setting hides all of them).
  return { id: `${args.name}-id`, state: { ...inputs, ...(DYNAMIC_OUTPUTS[args.type]?.(inputs) ?? {}) } };
}

/**
 * Answers the provider functions the program invokes.
 *
 * @throws Error naming the function when it has no mock, so a new invoke is noticed instead of returning nothing
 */
export function mockCall(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
  if (args.token === "azure-native:authorization:getClientConfig") {
    return {
      clientId: deterministicGuid("client"),
      objectId: deterministicGuid("object"),
      subscriptionId: MOCK_SUBSCRIPTION,
      tenantId: MOCK_TENANT,
    };
  }
  throw new Error(`ccvoice preview has no mock for the function ${args.token}; add one to src/preview/mockOutputs.ts`);
}

/** The mocks to give `pulumi.runtime.setMocks`. */
export const previewMocks: pulumi.runtime.Mocks = {
  newResource: mockResource,
  call: mockCall,
};
