/**
 * ContactCenterVoice and its children under the Pulumi mock runtime, for every example stack.
 * Mocks set first (harness import), component imported after.
 *
 * Mocks cannot prove: that Azure accepts these inputs, aliases, `dependsOn` ordering, or parentage as
 * the real engine records it (the recorded parent is what the SDK sent).
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { one, registered, resetRegistered, settled, valueOf } from "./harness";
import { parseVoiceChannelSpec } from "../../src/config/parse";
import { readStackFile, stackFilePath } from "../../src/config/stackFile";
import type { VoiceChannelSpec } from "../../src/config/schema";

type Module = typeof import("../../src/components/contactCenterVoice");
let ccv: Module;
beforeAll(async () => {
  ccv = await import("../../src/components/contactCenterVoice");
});
beforeEach(resetRegistered);

const specOf = (stack: string): VoiceChannelSpec =>
  parseVoiceChannelSpec(readStackFile(stackFilePath(stack)).ccvoice);

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const ROLE = (guid: string) => `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

/**
 * The resources ContactCenterVoice itself declares for every approach. The approach-specific components
 * (`-direct-routing`, `-numbers`, `-teams`) and their children are tested by their owners; here only
 * whether they are declared.
 */
const RESOURCES = [
  ["ccvoice:index:ContactCenterVoice", "ccvoice-prod"],
  ["azure-native:resources:ResourceGroup", "ccvoice-prod-rg"],
  ["ccvoice:communication:CommunicationChannel", "ccvoice-prod-acs"],
  ["azure-native:communication:EmailService", "ccvoice-prod-acs-email"],
  ["azure-native:communication:Domain", "ccvoice-prod-acs-email-domain"],
  ["azure-native:communication:CommunicationService", "ccvoice-prod-acs-service"],
  ["ccvoice:runtime:RuntimeApp", "ccvoice-prod-runtime"],
  ["azure-native:storage:StorageAccount", "ccvoice-prod-runtime-storage"],
  ["azure-native:storage:BlobContainer", "ccvoice-prod-runtime-deployments"],
  ["azure-native:storage:BlobContainer", "ccvoice-prod-runtime-deadletter"],
  ["azure-native:web:AppServicePlan", "ccvoice-prod-runtime-plan"],
  ["azure-native:web:WebApp", "ccvoice-prod-runtime-app"],
  ["azure-native:authorization:RoleAssignment", "ccvoice-prod-runtime-blob-owner"],
  ["azure-native:authorization:RoleAssignment", "ccvoice-prod-runtime-table-contributor"],
  ["azure-native:authorization:RoleAssignment", "ccvoice-prod-runtime-acs-contributor"],
  ["ccvoice:events:EventRouting", "ccvoice-prod-events"],
  ["azure-native:eventgrid:SystemTopic", "ccvoice-prod-events-topic"],
  ["azure-native:authorization:RoleAssignment", "ccvoice-prod-events-deadletter-writer"],
  ["azure-native:eventgrid:SystemTopicEventSubscription", "ccvoice-prod-events-incoming-call"],
].sort();

const SEAMS = ["ccvoice-prod-direct-routing", "ccvoice-prod-numbers", "ccvoice-prod-teams"];
const underSeam = (name: string) => SEAMS.some((seam) => name === seam || name.startsWith(`${seam}-`));

const STACKS = [
  { stack: "acs-direct-routing", acs: "contoso-cc-byot", needs: { acsDirectRouting: true, acsNumbers: false, teams: false } },
  { stack: "acs-direct-offer", acs: "contoso-cc-offer", needs: { acsDirectRouting: false, acsNumbers: true, teams: false } },
  { stack: "hybrid", acs: "contoso-cc-hybrid", needs: { acsDirectRouting: true, acsNumbers: true, teams: false } },
  { stack: "teams-direct-routing", acs: "contoso-cc-teamsdr", needs: { acsDirectRouting: false, acsNumbers: false, teams: true } },
  { stack: "teams-calling-plan", acs: "contoso-cc-teamscp", needs: { acsDirectRouting: false, acsNumbers: false, teams: true } },
];

describe("ContactCenterVoice", () => {
  it.each(STACKS)("declares the same 19 core resources for $stack", async ({ stack }) => {
    new ccv.ContactCenterVoice("ccvoice-prod", { spec: specOf(stack) });
    await settled();
    expect(registered.filter((r) => !underSeam(r.name)).map((r) => [r.type, r.name]).sort()).toEqual(RESOURCES);
  });

  it.each(STACKS)("declares no approach component that $stack does not need", async ({ stack, needs }) => {
    new ccv.ContactCenterVoice("ccvoice-prod", { spec: specOf(stack) });
    await settled();
    const declared = registered.filter((r) => SEAMS.includes(r.name)).map((r) => r.name);
    const allowed = [
      ...(needs.acsDirectRouting ? ["ccvoice-prod-direct-routing"] : []),
      ...(needs.acsNumbers ? ["ccvoice-prod-numbers"] : []),
      ...(needs.teams ? ["ccvoice-prod-teams"] : []),
    ];
    expect(declared.filter((n) => !allowed.includes(n))).toEqual([]);
    // Teams is wired at the seam (src/components/teams.ts): a Teams approach must get it.
    expect(declared.includes("ccvoice-prod-teams")).toBe(needs.teams);
  });

  it.each(STACKS)("reads what $stack needs from its approach", ({ stack, needs }) => {
    expect(ccv.approachNeeds(specOf(stack))).toEqual(needs);
  });

  it.each(STACKS)("names the ACS resource and resource group after acs.name for $stack", async ({ stack, acs }) => {
    const voice = new ccv.ContactCenterVoice("ccvoice-prod", { spec: specOf(stack) });
    await settled();
    expect(one("azure-native:resources:ResourceGroup").inputs).toEqual({
      resourceGroupName: `rg-${acs}`,
      location: "eastus",
      tags: { application: "ccvoice", environment: "prod" },
    });
    expect(one("azure-native:communication:CommunicationService").inputs).toMatchObject({
      communicationServiceName: acs,
      resourceGroupName: `rg-${acs}`,
      location: "global",
      dataLocation: "United States",
      disableLocalAuth: false,
      linkedDomains: [
        `${SUB}/resourceGroups/rg-${acs}/providers/Microsoft.Communication/emailServices/ccvoice-prod-acs-email/domains/AzureManagedDomain`,
      ],
    });
    expect(await valueOf(voice.acsEndpoint)).toBe(`https://${acs}.unitedstates.communication.azure.com`);
    expect(await valueOf(voice.acsResourceId)).toBe(
      `${SUB}/resourceGroups/rg-${acs}/providers/Microsoft.Communication/communicationServices/${acs}`,
    );
    expect(await valueOf(voice.acsImmutableResourceId)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("declares the email service and its Azure-managed domain in the ACS data location", async () => {
    const voice = new ccv.ContactCenterVoice("ccvoice-prod", { spec: specOf("hybrid") });
    await settled();
    expect(one("azure-native:communication:EmailService").inputs).toMatchObject({
      location: "global",
      dataLocation: "United States",
    });
    expect(one("azure-native:communication:Domain").inputs).toMatchObject({
      domainName: "AzureManagedDomain",
      domainManagement: "AzureManaged",
      emailServiceName: "ccvoice-prod-acs-email",
      location: "global",
    });
    expect(await valueOf(voice.emailSenderAddress)).toMatch(/^DoNotReply@[0-9a-f-]{36}\.azurecomm\.net$/);
  });
});

describe("RuntimeApp in ContactCenterVoice", () => {
  it("runs node 20 on a Flex Consumption plan with the deployment package read by the app's identity", async () => {
    new ccv.ContactCenterVoice("ccvoice-prod", { spec: specOf("hybrid") });
    await settled();
    expect(one("azure-native:web:AppServicePlan").inputs).toMatchObject({
      kind: "functionapp",
      reserved: true,
      location: "eastus",
      sku: { name: "FC1", tier: "FlexConsumption" },
    });
    const app = one("azure-native:web:WebApp").inputs;
    expect(app).toMatchObject({
      kind: "functionapp,linux",
      httpsOnly: true,
      identity: { type: "SystemAssigned" },
      serverFarmId: `${SUB}/resourceGroups/rg-contoso-cc-hybrid/providers/Microsoft.Web/serverfarms/ccvoice-prod-runtime-plan`,
    });
    expect(app.functionAppConfig).toEqual({
      deployment: {
        storage: {
          type: "blobContainer",
          value: "https://ccvprodfa89e810b96554bcb.blob.core.windows.net/app-package",
          authentication: { type: "SystemAssignedIdentity" },
        },
      },
      runtime: { name: "node", version: "20" },
      scaleAndConcurrency: {
        alwaysReady: [{ name: "function:incomingCall", instanceCount: 1 }],
        instanceMemoryMB: 2048,
        maximumInstanceCount: 100,
      },
    });
  });

  it("gives the app identity-based settings only: no connection string, key nor SAS", async () => {
    const spec = specOf("hybrid");
    new ccv.ContactCenterVoice("ccvoice-prod", { spec });
    await settled();
    const settings = (one("azure-native:web:WebApp").inputs.siteConfig as { appSettings: { name: string; value: string }[] })
      .appSettings;
    expect(settings.map((s) => s.name)).toEqual([
      "AzureWebJobsStorage__accountName",
      "ACS_ENDPOINT",
      "ACS_IMMUTABLE_RESOURCE_ID",
      "ACS_EMAIL_SENDER",
      "CCVOICE_TABLE_ENDPOINT",
      "CCVOICE_ENVIRONMENT",
      "CCVOICE_SPEC",
      "CCVOICE_RUNTIME_CONFIG",
    ]);
    const byName = Object.fromEntries(settings.map((s) => [s.name, s.value]));
    expect(byName.AzureWebJobsStorage__accountName).toBe("ccvprodfa89e810b96554bcb");
    expect(byName.ACS_ENDPOINT).toBe("https://contoso-cc-hybrid.unitedstates.communication.azure.com");
    expect(byName.CCVOICE_TABLE_ENDPOINT).toBe("https://ccvprodfa89e810b96554bcb.table.core.windows.net/");
    expect(JSON.parse(byName.CCVOICE_SPEC as string)).toEqual(spec);
    // The runtime's routing document: the same lease, contacts and fallback as the spec.
    expect(JSON.parse(byName.CCVOICE_RUNTIME_CONFIG as string)).toMatchObject({
      version: 1,
      environment: "prod",
      acsName: "contoso-cc-hybrid",
    });
    for (const { name, value } of settings) {
      expect(name).not.toMatch(/connectionstring|key|sas|secret|password/i);
      expect(value).not.toMatch(/AccountKey=|SharedAccessSignature|AccessKey=/i);
    }
    expect(one("azure-native:storage:StorageAccount").inputs).toMatchObject({
      accountName: "ccvprodfa89e810b96554bcb",
      allowSharedKeyAccess: false,
      allowBlobPublicAccess: false,
      minimumTlsVersion: "TLS1_2",
    });
  });

  it.each([
    ["blob-owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "/providers/Microsoft.Storage/storageAccounts/ccvprodfa89e810b96554bcb"],
    ["table-contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "/providers/Microsoft.Storage/storageAccounts/ccvprodfa89e810b96554bcb"],
    ["acs-contributor", "b24988ac-6180-42a0-ab88-20f7382dd24c", "/providers/Microsoft.Communication/communicationServices/contoso-cc-hybrid"],
  ])("grants the app identity role %s", async (suffix, guid, scope) => {
    new ccv.ContactCenterVoice("ccvoice-prod", { spec: specOf("hybrid") });
    await settled();
    const app = one("azure-native:web:WebApp");
    expect(one("azure-native:authorization:RoleAssignment", `-${suffix}`).inputs).toMatchObject({
      scope: `${SUB}/resourceGroups/rg-contoso-cc-hybrid${scope}`,
      roleDefinitionId: ROLE(guid),
      principalType: "ServicePrincipal",
      principalId: (await import("../../src/preview/mockOutputs")).deterministicGuid(`principal:${app.type}:${app.name}`),
    });
  });

  it("fails when an extra app setting looks like a secret", async () => {
    const { RuntimeApp } = await import("../../src/components/runtimeApp");
    expect(
      () =>
        new RuntimeApp("rt", {
          resourceGroupName: "rg",
          location: "eastus",
          storageAccountName: "ccvtest0000000000000000",
          acsEndpoint: "https://x",
          acsResourceId: `${SUB}/resourceGroups/rg/providers/Microsoft.Communication/communicationServices/x`,
          acsImmutableResourceId: "g",
          emailSenderAddress: "a@b.c",
          appSettings: { ACS_CONNECTION_STRING: "endpoint=https://x;accesskey=abc" },
        }),
    ).toThrow(
      'app setting "ACS_CONNECTION_STRING" looks like a secret; give the runtime an identity-based setting (such as <service>__accountName) instead of a key or connection string',
    );
  });
});

describe("EventRouting in ContactCenterVoice", () => {
  it("subscribes the incomingCall function to IncomingCall on a global ACS system topic, dead-lettering with the topic identity", async () => {
    new ccv.ContactCenterVoice("ccvoice-prod", { spec: specOf("acs-direct-routing") });
    await settled();
    const rg = `${SUB}/resourceGroups/rg-contoso-cc-byot`;
    expect(one("azure-native:eventgrid:SystemTopic").inputs).toEqual({
      resourceGroupName: "rg-contoso-cc-byot",
      location: "global",
      source: `${rg}/providers/Microsoft.Communication/communicationServices/contoso-cc-byot`,
      topicType: "Microsoft.Communication.CommunicationServices",
      identity: { type: "SystemAssigned" },
      tags: { application: "ccvoice", environment: "prod" },
    });
    expect(one("azure-native:eventgrid:SystemTopicEventSubscription").inputs).toEqual({
      resourceGroupName: "rg-contoso-cc-byot",
      systemTopicName: "ccvoice-prod-events-topic",
      eventSubscriptionName: "incoming-call",
      eventDeliverySchema: "EventGridSchema",
      // isSubjectCaseSensitive: false is the azure-native SDK's default, not set by the component
      filter: { includedEventTypes: ["Microsoft.Communication.IncomingCall"], isSubjectCaseSensitive: false },
      destination: {
        endpointType: "AzureFunction",
        resourceId: `${rg}/providers/Microsoft.Web/sites/ccvoice-prod-runtime-app/functions/incomingCall`,
        maxEventsPerBatch: 1,
      },
      retryPolicy: { eventTimeToLiveInMinutes: 1, maxDeliveryAttempts: 3 },
      deadLetterWithResourceIdentity: {
        identity: { type: "SystemAssigned" },
        deadLetterDestination: {
          endpointType: "StorageBlob",
          resourceId: `${rg}/providers/Microsoft.Storage/storageAccounts/ccvprod2a0a4eb77492f3909`,
          blobContainerName: "incoming-call-deadletter",
        },
      },
    });
    const topic = one("azure-native:eventgrid:SystemTopic");
    const { deterministicGuid } = await import("../../src/preview/mockOutputs");
    expect(one("azure-native:authorization:RoleAssignment", "-deadletter-writer").inputs).toMatchObject({
      scope: `${rg}/providers/Microsoft.Storage/storageAccounts/ccvprod2a0a4eb77492f3909/blobServices/default/containers/incoming-call-deadletter`,
      roleDefinitionId: ROLE("ba92f5b4-2d11-453d-a403-e96b0029c9fe"),
      principalId: deterministicGuid(`principal:${topic.type}:${topic.name}`),
    });
  });

  it.each([
    [{ alwaysReadyInstances: 0, incomingCallEventTtlMinutes: 1, incomingCallMaxDeliveryAttempts: 3 }, [], 1, 3],
    [{ alwaysReadyInstances: 4, incomingCallEventTtlMinutes: 2, incomingCallMaxDeliveryAttempts: 5 }, [{ name: "function:incomingCall", instanceCount: 4 }], 2, 5],
  ])("takes always-ready instances and the retry policy from ccvoice:runtime %j", async (runtime, alwaysReady, ttl, attempts) => {
    const spec = specOf("acs-direct-offer");
    new ccv.ContactCenterVoice("ccvoice-prod", { spec: { ...spec, runtime: { ...spec.runtime, ...runtime } } });
    await settled();
    const app = one("azure-native:web:WebApp").inputs as { functionAppConfig: { scaleAndConcurrency: { alwaysReady: unknown } } };
    expect(app.functionAppConfig.scaleAndConcurrency.alwaysReady).toEqual(alwaysReady);
    expect(one("azure-native:eventgrid:SystemTopicEventSubscription").inputs.retryPolicy).toEqual({
      eventTimeToLiveInMinutes: ttl,
      maxDeliveryAttempts: attempts,
    });
  });
});
