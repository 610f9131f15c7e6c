import { describe, expect, it } from "vitest";
import { deterministicGuid, mockCall, mockResource } from "../../src/preview/mockOutputs";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";

describe("mockResource", () => {
  it.each([
    [
      "azure-native:resources:ResourceGroup",
      "x-rg",
      { resourceGroupName: "rg-a", location: "eastus" },
      `${SUB}/resourceGroups/rg-a`,
      { name: "rg-a" },
    ],
    [
      "azure-native:communication:CommunicationService",
      "x-acs",
      { resourceGroupName: "rg-a", communicationServiceName: "contoso", dataLocation: "United States" },
      `${SUB}/resourceGroups/rg-a/providers/Microsoft.Communication/communicationServices/contoso`,
      { name: "contoso", hostName: "contoso.unitedstates.communication.azure.com", immutableResourceId: deterministicGuid("immutable:contoso") },
    ],
    [
      "azure-native:storage:BlobContainer",
      "x-dl",
      { resourceGroupName: "rg-a", accountName: "st", containerName: "dl" },
      `${SUB}/resourceGroups/rg-a/providers/Microsoft.Storage/storageAccounts/st/blobServices/default/containers/dl`,
      { name: "dl" },
    ],
    [
      "azure-native:web:WebApp",
      "x-app",
      { resourceGroupName: "rg-a" },
      `${SUB}/resourceGroups/rg-a/providers/Microsoft.Web/sites/x-app`,
      { name: "x-app", defaultHostName: "x-app.azurewebsites.net" },
    ],
    [
      "azure-native:authorization:RoleAssignment",
      "x-role",
      { scope: `${SUB}/resourceGroups/rg-a`, principalId: "p" },
      `${SUB}/resourceGroups/rg-a/providers/Microsoft.Authorization/roleAssignments/${deterministicGuid("role:x-role")}`,
      { principalId: "p" },
    ],
    ["ccvoice:index:ContactCenterVoice", "ccvoice-prod", {}, "ccvoice-prod-id", {}],
  ])("answers %s %s", (type, name, inputs, id, state) => {
    const result = mockResource({ type, name, inputs });
    expect(result.id).toBe(id);
    expect(result.state).toMatchObject({ ...inputs, ...state });
  });

  it("gives the same GUID for the same seed and another for another seed", () => {
    expect(deterministicGuid("a")).toBe(deterministicGuid("a"));
    expect(deterministicGuid("a")).not.toBe(deterministicGuid("b"));
    expect(deterministicGuid("a")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("mockCall", () => {
  it("answers getClientConfig with the zero subscription", () => {
    expect(mockCall({ token: "azure-native:authorization:getClientConfig", inputs: {} })).toMatchObject({
      subscriptionId: "00000000-0000-0000-0000-000000000000",
    });
  });

  it("fails when a function has no mock", () => {
    expect(() => mockCall({ token: "azure-native:web:listWebAppSecrets", inputs: {} })).toThrow(
      "ccvoice preview has no mock for the function azure-native:web:listWebAppSecrets; add one to src/preview/mockOutputs.ts",
    );
  });
});
