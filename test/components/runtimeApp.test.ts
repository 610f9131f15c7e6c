/**
 * RuntimeApp (identity, storage, code deployment, Flex Consumption app, roles) inside ContactCenterVoice,
 * under the Pulumi mock runtime. Mocks set first (harness import), components imported after.
 *
 * Mocks cannot prove: that Azure accepts these inputs, that role assignments have propagated when the
 * app first starts, or that Flex Consumption loads `released-package.zip` and indexes the functions.
 */
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dependenciesOf, deletesBeforeReplace, one, registered, resetRegistered, settled, valueOf } from "./harness";
import { parseVoiceChannelSpec } from "../../src/config/parse";
import { readStackFile, stackFilePath } from "../../src/config/stackFile";
import type { VoiceChannelSpec } from "../../src/config/schema";
import { deterministicGuid } from "../../src/preview/mockOutputs";

type Module = typeof import("../../src/components/contactCenterVoice");
let ccv: Module;
beforeAll(async () => {
  ccv = await import("../../src/components/contactCenterVoice");
});
beforeEach(resetRegistered);

const specOf = (stack: string): VoiceChannelSpec => parseVoiceChannelSpec(readStackFile(stackFilePath(stack)).ccvoice);
const PKG = { archive: new pulumi.asset.AssetArchive({}), sha256: "ab".repeat(32) };
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const RG = `${SUB}/resourceGroups/rg-contoso-cc-hybrid`;
const ROLE = (guid: string) => `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const IDENTITY_TYPE = "azure-native:managedidentity:UserAssignedIdentity";
const IDENTITY = `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/ccvoice-prod-runtime-identity`;
const CLIENT_ID = deterministicGuid(`client:${IDENTITY_TYPE}:ccvoice-prod-runtime-identity`);
const PRINCIPAL_ID = deterministicGuid(`principal:${IDENTITY_TYPE}:ccvoice-prod-runtime-identity`);
const HOST = "ccvprodfa89e810b96554bcb";
const PACKAGE_ACCOUNT = "ccpprod6c3bf8a85845a56d5";

const settingsOf = () =>
  (one("azure-native:web:WebApp").inputs.siteConfig as { appSettings: { name: string; value: string }[] }).appSettings;

describe("RuntimeApp in ContactCenterVoice", () => {
  it("runs node 20 on a Flex Consumption plan, reading the package container with its user-assigned identity", async () => {
    new ccv.ContactCenterVoice("ccvoice-prod", { spec: specOf("hybrid"), runtimePackage: PKG });
    await settled();
    expect(one("azure-native:web:AppServicePlan").inputs).toMatchObject({
      kind: "functionapp",
      reserved: true,
      location: "eastus",
      sku: { name: "FC1", tier: "FlexConsumption" },
    });
    expect(one(IDENTITY_TYPE).inputs).toEqual({
      resourceGroupName: "rg-contoso-cc-hybrid",
      location: "eastus",
      tags: { application: "ccvoice", environment: "prod" },
    });
    const app = one("azure-native:web:WebApp").inputs;
    expect(app).toMatchObject({
      kind: "functionapp,linux",
      httpsOnly: true,
      identity: { type: "UserAssigned", userAssignedIdentities: [IDENTITY] },
      serverFarmId: `${RG}/providers/Microsoft.Web/serverfarms/ccvoice-prod-runtime-plan`,
    });
    expect(app.functionAppConfig).toEqual({
      deployment: {
        storage: {
          type: "blobContainer",
          value: `https://${PACKAGE_ACCOUNT}.blob.core.windows.net/app-package`,
          authentication: { type: "UserAssignedIdentity", userAssignedIdentityResourceId: IDENTITY },
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

  it("uploads the package as released-package.zip to the container of a storage account that holds only it", async () => {
    new ccv.ContactCenterVoice("ccvoice-prod", { spec: specOf("hybrid"), runtimePackage: PKG });
    await settled();
    expect(one("azure-native:storage:StorageAccount", "-deployment-storage").inputs).toEqual({
      resourceGroupName: "rg-contoso-cc-hybrid",
      accountName: PACKAGE_ACCOUNT,
      location: "eastus",
      kind: "StorageV2",
      sku: { name: "Standard_LRS" },
      allowSharedKeyAccess: true,
      allowBlobPublicAccess: false,
      minimumTlsVersion: "TLS1_2",
      enableHttpsTrafficOnly: true,
      tags: { application: "ccvoice", environment: "prod" },
    });
    expect(one("azure-native:storage:BlobContainer", "-deployment-container").inputs).toEqual({
      resourceGroupName: "rg-contoso-cc-hybrid",
      accountName: PACKAGE_ACCOUNT,
      containerName: "app-package",
      publicAccess: "None",
    });
    const blob = one("azure-native:storage:Blob", "-deployment-package");
    expect(blob.name).toBe("ccvoice-prod-runtime-deployment-package");
    expect(blob.inputs).toMatchObject({
      resourceGroupName: "rg-contoso-cc-hybrid",
      accountName: PACKAGE_ACCOUNT,
      containerName: "app-package",
      blobName: "released-package.zip",
      type: "Block",
      contentType: "application/zip",
      metadata: { sha256: "ab".repeat(32) },
    });
    expect(blob.inputs.source).toBeDefined();
    // Same blob name: the old one must go first, or deleting it would remove the new one.
    expect(deletesBeforeReplace("ccvoice-prod-runtime-deployment-package")).toBe(true);
  });

  it("creates the app after the package and after its storage roles, so that its first start can read the code", async () => {
    new ccv.ContactCenterVoice("ccvoice-prod", { spec: specOf("acs-direct-offer"), runtimePackage: PKG });
    await settled();
    expect(dependenciesOf("ccvoice-prod-runtime-app")).toEqual(
      expect.arrayContaining([
        "ccvoice-prod-runtime-deployment-package",
        "ccvoice-prod-runtime-blob-owner",
        "ccvoice-prod-runtime-table-contributor",
        "ccvoice-prod-runtime-package-contributor",
        "ccvoice-prod-runtime-identity",
      ]),
    );
    expect(dependenciesOf("ccvoice-prod-runtime-app")).not.toContain("ccvoice-prod-runtime-acs-contributor");
  });

  it("gives the app identity-based settings only, the identity's client id, and the package hash", async () => {
    const spec = specOf("hybrid");
    new ccv.ContactCenterVoice("ccvoice-prod", { spec, runtimePackage: PKG });
    await settled();
    const settings = settingsOf();
    expect(settings.map((s) => s.name)).toEqual([
      "AzureWebJobsStorage__accountName",
      "AzureWebJobsStorage__credential",
      "AzureWebJobsStorage__clientId",
      "AZURE_CLIENT_ID",
      "ACS_ENDPOINT",
      "ACS_IMMUTABLE_RESOURCE_ID",
      "ACS_EMAIL_SENDER",
      "CCVOICE_TABLE_ENDPOINT",
      "CCVOICE_PACKAGE_SHA256",
      "CCVOICE_ENVIRONMENT",
      "CCVOICE_SPEC",
      "CCVOICE_RUNTIME_CONFIG",
      "CCVOICE_AGENT_AUTH_AUDIENCE",
      "CCVOICE_AGENT_AUTH_TENANT_ID",
    ]);
    const byName = Object.fromEntries(settings.map((s) => [s.name, s.value]));
    expect(byName).toMatchObject({
      AzureWebJobsStorage__accountName: HOST,
      AzureWebJobsStorage__credential: "managedidentity",
      AzureWebJobsStorage__clientId: CLIENT_ID,
      AZURE_CLIENT_ID: CLIENT_ID,
      ACS_ENDPOINT: "https://contoso-cc-hybrid.unitedstates.communication.azure.com",
      ACS_IMMUTABLE_RESOURCE_ID: deterministicGuid("immutable:contoso-cc-hybrid"),
      CCVOICE_TABLE_ENDPOINT: `https://${HOST}.table.core.windows.net/`,
      CCVOICE_PACKAGE_SHA256: "ab".repeat(32),
      CCVOICE_ENVIRONMENT: "prod",
    });
    expect(JSON.parse(byName.CCVOICE_SPEC as string)).toEqual(spec);
    expect(JSON.parse(byName.CCVOICE_RUNTIME_CONFIG as string)).toMatchObject({ version: 1, environment: "prod", acsName: "contoso-cc-hybrid" });
    for (const { name, value } of settings) {
      expect(name).not.toMatch(/connectionstring|key|sas|secret|password/i);
      expect(value).not.toMatch(/AccountKey=|SharedAccessSignature|AccessKey=/i);
    }
    expect(one("azure-native:storage:StorageAccount", "-runtime-storage").inputs).toMatchObject({
      accountName: HOST,
      allowSharedKeyAccess: false,
      allowBlobPublicAccess: false,
      minimumTlsVersion: "TLS1_2",
    });
  });

  it.each([
    ["hybrid", false],
    ["acs-direct-routing", false],
    ["teams-direct-routing", true],
    ["teams-calling-plan", true],
  ])("sets CCVOICE_PRESENCE_SESSION_ID to the identity's client id on %s only when it has Teams agents (%s)", async (stack, teams) => {
    new ccv.ContactCenterVoice("ccvoice-prod", { spec: specOf(stack), runtimePackage: PKG });
    await settled();
    const presence = settingsOf().filter((s) => s.name === "CCVOICE_PRESENCE_SESSION_ID");
    expect(presence).toEqual(teams ? [{ name: "CCVOICE_PRESENCE_SESSION_ID", value: deterministicGuid(`client:${IDENTITY_TYPE}:ccvoice-prod-runtime-identity`) }] : []);
  });

  it("leaves out the package hash and the blob when no package is given", async () => {
    new ccv.ContactCenterVoice("ccvoice-prod", { spec: specOf("hybrid") });
    await settled();
    expect(settingsOf().map((s) => s.name)).not.toContain("CCVOICE_PACKAGE_SHA256");
    expect(registered.filter((r) => r.type === "azure-native:storage:Blob")).toEqual([]);
    expect(dependenciesOf("ccvoice-prod-runtime-app")).toContain("ccvoice-prod-runtime-deployment-container");
  });

  it.each([
    ["blob-owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", `${RG}/providers/Microsoft.Storage/storageAccounts/${HOST}`],
    ["table-contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", `${RG}/providers/Microsoft.Storage/storageAccounts/${HOST}`],
    ["package-contributor", "ba92f5b4-2d11-453d-a403-e96b0029c9fe", `${RG}/providers/Microsoft.Storage/storageAccounts/${PACKAGE_ACCOUNT}/blobServices/default/containers/app-package`],
    ["acs-contributor", "b24988ac-6180-42a0-ab88-20f7382dd24c", `${RG}/providers/Microsoft.Communication/communicationServices/contoso-cc-hybrid`],
  ])("grants the runtime identity role %s", async (suffix, guid, scope) => {
    const voice = new ccv.ContactCenterVoice("ccvoice-prod", { spec: specOf("hybrid"), runtimePackage: PKG });
    await settled();
    expect(one("azure-native:authorization:RoleAssignment", `-${suffix}`).inputs).toMatchObject({
      scope,
      roleDefinitionId: ROLE(guid),
      principalType: "ServicePrincipal",
      principalId: PRINCIPAL_ID,
    });
    expect(await valueOf(voice.runtimeClientId)).toBe(CLIENT_ID);
  });

  it("fails when an extra app setting looks like a secret", async () => {
    const { RuntimeApp } = await import("../../src/components/runtimeApp");
    expect(
      () =>
        new RuntimeApp("rt", {
          resourceGroupName: "rg",
          location: "eastus",
          storageAccountName: "ccvtest0000000000000000",
          packageStorageAccountName: "ccptest0000000000000000",
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
