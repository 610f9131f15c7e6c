/**
 * EventRouting inside ContactCenterVoice under the Pulumi mock runtime: the system topic, the
 * IncomingCall subscription (short retry) and the VoIP call events subscription (default retry), and
 * what they wait for. Mocks set first (harness import), components imported after.
 *
 * Mocks cannot prove that Event Grid finds the `incomingCall` function when the subscriptions are
 * created: that depends on Flex Consumption indexing the package, which only Azure shows.
 */
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dependenciesOf, one, registered, resetRegistered, settled } from "./harness";
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
const ROLE = (guid: string) => `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const SUBSCRIPTION = "azure-native:eventgrid:SystemTopicEventSubscription";

function expectedSubscription(rg: string, account: string, name: string, types: string[], retryPolicy: object) {
  return {
    resourceGroupName: rg.split("/").pop(),
    systemTopicName: "ccvoice-prod-events-topic",
    eventSubscriptionName: name,
    eventDeliverySchema: "EventGridSchema",
    // isSubjectCaseSensitive: false is the azure-native SDK's default, not set by the component
    filter: { includedEventTypes: types, isSubjectCaseSensitive: false },
    destination: {
      endpointType: "AzureFunction",
      resourceId: `${rg}/providers/Microsoft.Web/sites/ccvoice-prod-runtime-app/functions/incomingCall`,
      maxEventsPerBatch: 1,
    },
    retryPolicy,
    deadLetterWithResourceIdentity: {
      identity: { type: "SystemAssigned" },
      deadLetterDestination: {
        endpointType: "StorageBlob",
        resourceId: `${rg}/providers/Microsoft.Storage/storageAccounts/${account}`,
        blobContainerName: "incoming-call-deadletter",
      },
    },
  };
}

describe("EventRouting in ContactCenterVoice", () => {
  const rg = `${SUB}/resourceGroups/rg-contoso-cc-byot`;
  const account = "ccvprod2a0a4eb77492f3909";

  it("subscribes the incomingCall function to IncomingCall on a global ACS system topic, dead-lettering with the topic identity", async () => {
    new ccv.ContactCenterVoice("ccvoice-prod", { spec: specOf("acs-direct-routing"), runtimePackage: PKG });
    await settled();
    expect(one("azure-native:eventgrid:SystemTopic").inputs).toEqual({
      resourceGroupName: "rg-contoso-cc-byot",
      location: "global",
      source: `${rg}/providers/Microsoft.Communication/communicationServices/contoso-cc-byot`,
      topicType: "Microsoft.Communication.CommunicationServices",
      identity: { type: "SystemAssigned" },
      tags: { application: "ccvoice", environment: "prod" },
    });
    expect(one(SUBSCRIPTION, "-incoming-call").inputs).toEqual(
      expectedSubscription(rg, account, "incoming-call", ["Microsoft.Communication.IncomingCall"], { eventTimeToLiveInMinutes: 1, maxDeliveryAttempts: 3 }),
    );
    const topic = one("azure-native:eventgrid:SystemTopic");
    expect(one("azure-native:authorization:RoleAssignment", "-deadletter-writer").inputs).toMatchObject({
      scope: `${rg}/providers/Microsoft.Storage/storageAccounts/${account}/blobServices/default/containers/incoming-call-deadletter`,
      roleDefinitionId: ROLE("ba92f5b4-2d11-453d-a403-e96b0029c9fe"),
      principalId: deterministicGuid(`principal:${topic.type}:${topic.name}`),
    });
  });

  it("subscribes the same function to CallParticipantAdded and CallEnded with Event Grid's default retry when ACS agents exist", async () => {
    new ccv.ContactCenterVoice("ccvoice-prod", { spec: specOf("acs-direct-routing"), runtimePackage: PKG });
    await settled();
    expect(one(SUBSCRIPTION, "-voip-calls").inputs).toEqual(
      expectedSubscription(
        rg,
        account,
        "voip-call-events",
        ["Microsoft.Communication.CallParticipantAdded", "Microsoft.Communication.CallEnded"],
        { eventTimeToLiveInMinutes: 1440, maxDeliveryAttempts: 30 },
      ),
    );
  });

  it.each([
    ["acs-direct-routing", ["incoming-call", "voip-call-events"]],
    ["hybrid", ["incoming-call", "voip-call-events"]],
    ["teams-direct-routing", ["incoming-call"]],
    ["teams-calling-plan", ["incoming-call"]],
  ])("declares on %s the subscriptions %j (VoIP events only with ACS agents)", async (stack, names) => {
    new ccv.ContactCenterVoice("ccvoice-prod", { spec: specOf(stack), runtimePackage: PKG });
    await settled();
    expect(registered.filter((r) => r.type === SUBSCRIPTION).map((r) => r.inputs.eventSubscriptionName)).toEqual(names);
  });

  it.each(["ccvoice-prod-events-incoming-call", "ccvoice-prod-events-voip-calls"])(
    "creates %s after the package upload, the Function App and the dead-letter role",
    async (subscription) => {
      new ccv.ContactCenterVoice("ccvoice-prod", { spec: specOf("hybrid"), runtimePackage: PKG });
      await settled();
      expect(dependenciesOf(subscription)).toEqual(
        expect.arrayContaining(["ccvoice-prod-runtime-deployment-package", "ccvoice-prod-runtime-app", "ccvoice-prod-events-deadletter-writer"]),
      );
    },
  );

  it("also waits for what the caller passes in functionDeployment", async () => {
    const { RuntimeDeployment } = await import("../../src/components/runtimeDeployment");
    const extra = new RuntimeDeployment("extra-step", { resourceGroupName: "rg", location: "eastus", storageAccountName: "ccpextra000000000000000" });
    new ccv.ContactCenterVoice("ccvoice-prod", { spec: specOf("hybrid"), runtimePackage: PKG, functionDeployment: [extra] });
    await settled();
    // A component in dependsOn stands for its children.
    expect(dependenciesOf("ccvoice-prod-events-incoming-call")).toEqual(expect.arrayContaining(["extra-step-storage", "extra-step-container"]));
  });

  it.each([
    [{ alwaysReadyInstances: 0, incomingCallEventTtlMinutes: 1, incomingCallMaxDeliveryAttempts: 3 }, [], 1, 3],
    [{ alwaysReadyInstances: 4, incomingCallEventTtlMinutes: 2, incomingCallMaxDeliveryAttempts: 5 }, [{ name: "function:incomingCall", instanceCount: 4 }], 2, 5],
  ])("takes always-ready instances and the IncomingCall retry policy from ccvoice:runtime %j", async (runtime, alwaysReady, ttl, attempts) => {
    const spec = specOf("acs-direct-offer");
    new ccv.ContactCenterVoice("ccvoice-prod", { spec: { ...spec, runtime: { ...spec.runtime, ...runtime } }, runtimePackage: PKG });
    await settled();
    const app = one("azure-native:web:WebApp").inputs as { functionAppConfig: { scaleAndConcurrency: { alwaysReady: unknown } } };
    expect(app.functionAppConfig.scaleAndConcurrency.alwaysReady).toEqual(alwaysReady);
    expect(one(SUBSCRIPTION, "-incoming-call").inputs.retryPolicy).toEqual({ eventTimeToLiveInMinutes: ttl, maxDeliveryAttempts: attempts });
    expect(one(SUBSCRIPTION, "-voip-calls").inputs.retryPolicy).toEqual({ eventTimeToLiveInMinutes: 1440, maxDeliveryAttempts: 30 });
  });
});
