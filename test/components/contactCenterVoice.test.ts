/**
 * ContactCenterVoice and its children under the Pulumi mock runtime, for every example stack.
 * Mocks set first (harness import), component imported after. The runtime and the event routing have
 * their own files (runtimeApp.test.ts, eventRouting.test.ts).
 *
 * Mocks cannot prove: that Azure accepts these inputs, aliases, the order in which Azure finishes, or
 * parentage as the real engine records it (the recorded parent is what the SDK sent).
 */
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dependenciesOf, extraOutputs, one, registered, registeredOutputsOf, resetRegistered, settled, valueOf } from "./harness";
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
/** A stand-in package: the archive is never read under mocks. */
const PKG = { archive: new pulumi.asset.AssetArchive({}), sha256: "ab".repeat(32) };

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const ROLE = (guid: string) => `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

/**
 * The resources ContactCenterVoice itself declares for every approach. The approach-specific components
 * (`-direct-routing`, `-numbers`, `-teams`) and their children are tested by their owners; here only
 * whether they are declared. Stacks with ACS agents add the VoIP call events subscription.
 */
const RESOURCES = [
  ["ccvoice:index:ContactCenterVoice", "ccvoice-prod"],
  ["azure-native:resources:ResourceGroup", "ccvoice-prod-rg"],
  ["ccvoice:communication:CommunicationChannel", "ccvoice-prod-acs"],
  ["azure-native:communication:EmailService", "ccvoice-prod-acs-email"],
  ["azure-native:communication:Domain", "ccvoice-prod-acs-email-domain"],
  ["azure-native:communication:CommunicationService", "ccvoice-prod-acs-service"],
  ["ccvoice:runtime:RuntimeApp", "ccvoice-prod-runtime"],
  ["azure-native:managedidentity:UserAssignedIdentity", "ccvoice-prod-runtime-identity"],
  ["azure-native:storage:StorageAccount", "ccvoice-prod-runtime-storage"],
  ["azure-native:storage:BlobContainer", "ccvoice-prod-runtime-deadletter"],
  ["ccvoice:runtime:RuntimeDeployment", "ccvoice-prod-runtime-deployment"],
  ["azure-native:storage:StorageAccount", "ccvoice-prod-runtime-deployment-storage"],
  ["azure-native:storage:BlobContainer", "ccvoice-prod-runtime-deployment-container"],
  ["azure-native:storage:Blob", "ccvoice-prod-runtime-deployment-package"],
  ["azure-native:web:AppServicePlan", "ccvoice-prod-runtime-plan"],
  ["azure-native:web:WebApp", "ccvoice-prod-runtime-app"],
  ["azure-native:authorization:RoleAssignment", "ccvoice-prod-runtime-blob-owner"],
  ["azure-native:authorization:RoleAssignment", "ccvoice-prod-runtime-table-contributor"],
  ["azure-native:authorization:RoleAssignment", "ccvoice-prod-runtime-package-contributor"],
  ["azure-native:authorization:RoleAssignment", "ccvoice-prod-runtime-acs-contributor"],
  ["ccvoice:events:EventRouting", "ccvoice-prod-events"],
  ["azure-native:eventgrid:SystemTopic", "ccvoice-prod-events-topic"],
  ["azure-native:authorization:RoleAssignment", "ccvoice-prod-events-deadletter-writer"],
  ["azure-native:eventgrid:SystemTopicEventSubscription", "ccvoice-prod-events-incoming-call"],
];
const VOIP = ["azure-native:eventgrid:SystemTopicEventSubscription", "ccvoice-prod-events-voip-calls"];

const SEAMS = ["ccvoice-prod-direct-routing", "ccvoice-prod-numbers", "ccvoice-prod-teams"];
const underSeam = (name: string) => SEAMS.some((seam) => name === seam || name.startsWith(`${seam}-`));

const STACKS = [
  { stack: "acs-direct-routing", acs: "contoso-cc-byot", acsAgents: true, needs: { acsDirectRouting: true, acsNumbers: false, teams: false } },
  { stack: "acs-direct-offer", acs: "contoso-cc-offer", acsAgents: true, needs: { acsDirectRouting: false, acsNumbers: true, teams: false } },
  { stack: "hybrid", acs: "contoso-cc-hybrid", acsAgents: true, needs: { acsDirectRouting: true, acsNumbers: true, teams: false } },
  { stack: "teams-direct-routing", acs: "contoso-cc-teamsdr", acsAgents: false, needs: { acsDirectRouting: false, acsNumbers: false, teams: true } },
  { stack: "teams-calling-plan", acs: "contoso-cc-teamscp", acsAgents: false, needs: { acsDirectRouting: false, acsNumbers: false, teams: true } },
];

describe("ContactCenterVoice", () => {
  it.each(STACKS)("declares the core resources for $stack (24, plus the VoIP events subscription with ACS agents)", async ({ stack, acsAgents }) => {
    new ccv.ContactCenterVoice("ccvoice-prod", { spec: specOf(stack), runtimePackage: PKG });
    await settled();
    const expected = [...RESOURCES, ...(acsAgents ? [VOIP] : [])].sort();
    expect(registered.filter((r) => !underSeam(r.name)).map((r) => [r.type, r.name]).sort()).toEqual(expected);
    expect(expected).toHaveLength(acsAgents ? 25 : 24);
  });

  it("declares no package blob when no runtime package is given", async () => {
    new ccv.ContactCenterVoice("ccvoice-prod", { spec: specOf("hybrid") });
    await settled();
    expect(registered.filter((r) => r.type === "azure-native:storage:Blob")).toEqual([]);
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


describe("the spec on the component, for the policy pack", () => {
  it("records specJson as the component's input and output, where specFromResources finds it", async () => {
    const spec = specOf("hybrid");
    new ccv.ContactCenterVoice("ccvoice-prod", { spec, runtimePackage: PKG });
    await settled();
    const component = one("ccvoice:index:ContactCenterVoice");
    expect(component.inputs).toEqual({ specJson: JSON.stringify(spec) });
    const outputs = registeredOutputsOf("ccvoice:index:ContactCenterVoice", "ccvoice-prod");
    expect(outputs.specJson).toBe(JSON.stringify(spec));
    expect(outputs.resourceGroupName).toBe("rg-contoso-cc-hybrid");
    const { specFromResources } = await import("../../policies/lib/specFromResources");
    expect(specFromResources([component])).toEqual({ spec, from: "ccvoice-prod (specJson)" });
  });
});

/** Numbers the mocked orders of the hybrid stack "buy". */
const BOUGHT: Record<string, string[]> = {
  "us-main": ["+18335550100", "+18335550101"],
  "us-callback": ["+14255550111", "+14255550112", "+14255550113", "+14255550114", "+14255550115"],
  "ca-callback": ["+14165550121", "+14165550122"],
  "gb-main": ["+442071234567", "+442071234568"],
};
const ORDER = "pulumi-nodejs:dynamic/ccvoice-numbers:PhoneNumberOrder";
const LICENSE = "pulumi-nodejs:dynamic/ccvoice-graph:ResourceAccountLicense";
const OBJECT_IDS: Record<string, string> = {
  "cc-support-us@contoso.com": "11111111-1111-4111-8111-111111111111",
  "cc-support-eu@contoso.com": "22222222-2222-4222-8222-222222222222",
};

const appSettings = () =>
  Object.fromEntries(
    (one("azure-native:web:WebApp").inputs.siteConfig as { appSettings: { name: string; value: string }[] }).appSettings.map((s) => [s.name, s.value]),
  );

describe("CCVOICE_RUNTIME_CONFIG with what the deployment resolves", () => {
  it("routes the queues that name orders to the numbers those orders bought, and pools the callback orders", async () => {
    extraOutputs.set(ORDER, (inputs) => ({ phoneNumbers: BOUGHT[inputs.orderName as string] }));
    const spec = specOf("hybrid");
    new ccv.ContactCenterVoice("ccvoice-prod", { spec, runtimePackage: PKG });
    await settled();
    const config = JSON.parse(appSettings().CCVOICE_RUNTIME_CONFIG as string);
    const { runtimeConfigFromSpec } = await import("../../src/runtime/runtimeConfigFromSpec");
    expect(config).toEqual(JSON.parse(JSON.stringify(runtimeConfigFromSpec(spec, { orderNumbers: BOUGHT }))));
    expect(config.queues.map((q: { name: string; numbers: string[] }) => [q.name, q.numbers])).toEqual([
      ["support-nanp", ["+18335550100", "+18335550101"]],
      ["support-europe", ["+4533123400", "+442071234567", "+442071234568"]],
    ]);
    expect(config.emergency.callbackPool.map((n: { number: string }) => n.number)).toEqual(
      expect.arrayContaining([...(BOUGHT["us-callback"] ?? []), ...(BOUGHT["ca-callback"] ?? [])]),
    );
    expect(config.notes.filter((n: string) => n.startsWith("numbers of order"))).toEqual([]);
  });

  it("declares the Function App after the number orders whose numbers it routes (implicit dependencies)", async () => {
    new ccv.ContactCenterVoice("ccvoice-prod", { spec: specOf("hybrid"), runtimePackage: PKG });
    await settled();
    expect(dependenciesOf("ccvoice-prod-runtime-app")).toEqual(
      expect.arrayContaining(["us-main", "us-callback", "ca-callback", "gb-main"].map((o) => `ccvoice-prod-numbers-order-${o}`)),
    );
  });

  it("routes resource accounts' calls by their object ids from the Teams licence resources", async () => {
    extraOutputs.set(LICENSE, (inputs) => ({ userId: OBJECT_IDS[inputs.userPrincipalName as string] }));
    new ccv.ContactCenterVoice("ccvoice-prod", { spec: specOf("teams-direct-routing"), runtimePackage: PKG });
    await settled();
    const config = JSON.parse(appSettings().CCVOICE_RUNTIME_CONFIG as string);
    expect(config.queues.map((q: { name: string; resourceAccountIds: string[] }) => [q.name, q.resourceAccountIds])).toEqual([
      ["support-nanp", ["11111111-1111-4111-8111-111111111111"]],
      ["support-europe", ["22222222-2222-4222-8222-222222222222"]],
    ]);
    expect(dependenciesOf("ccvoice-prod-runtime-app")).toEqual(
      expect.arrayContaining(["ccvoice-prod-teams-license-cc-support-us-contoso-com", "ccvoice-prod-teams-license-cc-support-eu-contoso-com"]),
    );
  });

  it("fails when the emergency settings cannot protect PSAP callbacks, before declaring anything", async () => {
    const spec = specOf("hybrid");
    expect(
      () => new ccv.ContactCenterVoice("ccvoice-prod", { spec: { ...spec, emergency: { ...spec.emergency, fallbackTarget: undefined } } }),
    ).toThrow(
      "ccvoice:emergency.fallbackTarget must be set when the stack has callback-pool numbers (1 found, plus ordered ones); give the E.164 number of the security desk",
    );
    await settled();
    expect(registered.filter((r) => r.type !== "ccvoice:index:ContactCenterVoice")).toEqual([]);
  });
});

describe("agent endpoint settings (ccvoice:runtime.agentAuth)", () => {
  const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  const OTHER = "0f0f0f0f-0000-4000-8000-000000000000";
  it.each([
    ["hybrid", undefined, {}],
    ["hybrid", { audience: ["api://ccvoice-desktop"], tenantId: OTHER }, { CCVOICE_AGENT_AUTH_AUDIENCE: "api://ccvoice-desktop", CCVOICE_AGENT_AUTH_TENANT_ID: OTHER }],
    ["teams-calling-plan", { audience: ["api://ccvoice-desktop", "5e6f7a8b-0000-4000-8000-000000000000"] }, { CCVOICE_AGENT_AUTH_AUDIENCE: "api://ccvoice-desktop,5e6f7a8b-0000-4000-8000-000000000000", CCVOICE_AGENT_AUTH_TENANT_ID: TENANT }],
  ])("gives %s with agentAuth %j the settings %j", (stack, agentAuth, settings) => {
    const spec = specOf(stack);
    expect(ccv.agentAuthSettings({ ...spec, runtime: { ...spec.runtime, agentAuth } })).toEqual(settings);
  });

  it("fails when agentAuth has no tenantId and the stack has no Teams tenant", () => {
    const spec = specOf("hybrid");
    expect(() => ccv.agentAuthSettings({ ...spec, runtime: { ...spec.runtime, agentAuth: { audience: ["api://x"] } } })).toThrow(
      "ccvoice:runtime.agentAuth.tenantId is required when ccvoice:teams is not set: give the Entra tenant id (a GUID) whose tokens the agent desktop sends",
    );
  });

  it("puts them in the Function App settings", async () => {
    const spec = specOf("teams-calling-plan");
    new ccv.ContactCenterVoice("ccvoice-prod", { spec: { ...spec, runtime: { ...spec.runtime, agentAuth: { audience: ["api://ccvoice-desktop"] } } } });
    await settled();
    expect(appSettings()).toMatchObject({ CCVOICE_AGENT_AUTH_AUDIENCE: "api://ccvoice-desktop", CCVOICE_AGENT_AUTH_TENANT_ID: TENANT });
  });

  it("parses from the stack file's ccvoice:runtime.agentAuth", () => {
    const raw = readStackFile(stackFilePath("hybrid")).ccvoice as Record<string, Record<string, unknown>>;
    const spec = parseVoiceChannelSpec({ ...raw, runtime: { ...raw.runtime, agentAuth: { audience: ["api://ccvoice-desktop"], tenantId: OTHER } } });
    expect(spec.runtime.agentAuth).toEqual({ audience: ["api://ccvoice-desktop"], tenantId: OTHER });
    expect(specOf("hybrid").runtime.agentAuth).toEqual({ audience: ["api://contoso-cc-desktop"], tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47" });
  });
});
