import { describe, expect, it } from "vitest";
import { acsRaw, at, findings, goodResources, resourcesWith, specFrom } from "./fixtures";

type Raw = Record<string, unknown>;
type Expected = { resource: string; message: string; setting?: string }[];
const SUB = "azure-native:eventgrid:SystemTopicEventSubscription";
const APP = "azure-native:web:WebApp";
const SUB_NAME = "ccvoice-prod-events-incoming-call";
const APP_NAME = "ccvoice-prod-runtime-app";
const settings = (i: Raw) => at(i, "siteConfig").appSettings as Raw[];

describe("ccvoice-eventgrid-dead-letter", () => {
  const FIX = "Set deadLetterWithResourceIdentity.deadLetterDestination to a StorageBlob destination (storage account resourceId and blobContainerName).";
  it.each<[string, (i: Raw) => void, Expected]>([
    [
      "fails when the subscription has no dead-letter destination",
      (i) => delete i.deadLetterWithResourceIdentity,
      [{ resource: SUB_NAME, message: `Event subscription "incoming-call" (${SUB_NAME}) has no dead-letter destination, so events Event Grid gives up on are dropped without a trace. ${FIX}` }],
    ],
    [
      "fails when the dead-letter destination has no container",
      (i) => delete (at(i, "deadLetterWithResourceIdentity.deadLetterDestination") as Raw).blobContainerName,
      [{ resource: SUB_NAME, message: `Event subscription "incoming-call" (${SUB_NAME}) has a dead-letter destination that lacks blobContainerName, so undelivered events cannot be stored. ${FIX}` }],
    ],
    [
      "passes the plain deadLetterDestination form",
      (i) => {
        i.deadLetterDestination = at(i, "deadLetterWithResourceIdentity.deadLetterDestination");
        delete i.deadLetterWithResourceIdentity;
      },
      [],
    ],
    ["skips a destination not known during preview", (i) => (at(i, "deadLetterWithResourceIdentity").deadLetterDestination = "[unknown]"), []],
  ])("%s", (_name, change, expected) => {
    expect(findings("ccvoice-eventgrid-dead-letter", { resources: resourcesWith(SUB, change) })).toEqual(expected);
  });
});

describe("ccvoice-eventgrid-incoming-call-ttl", () => {
  const ttl = (who: string, n: number) =>
    `${who} keeps an undelivered IncomingCall for ${n} minutes (retryPolicy.eventTimeToLiveInMinutes), long after the caller has hung up. Set ccvoice:runtime.incomingCallEventTtlMinutes to 5 or less (default 1).`;
  const attempts = (who: string, n: number) =>
    `${who} tries to deliver an IncomingCall ${n} times (retryPolicy.maxDeliveryAttempts), and late retries delay new calls to the same endpoint. Set ccvoice:runtime.incomingCallMaxDeliveryAttempts to 5 or less (default 3).`;
  const who = `IncomingCall subscription ${SUB_NAME}`;
  it.each<[string, (i: Raw) => void, Expected]>([
    [
      "fails when the time-to-live is 30 minutes",
      (i) => ((i.retryPolicy as Raw).eventTimeToLiveInMinutes = 30),
      [{ resource: SUB_NAME, setting: "ccvoice:runtime.incomingCallEventTtlMinutes", message: ttl(who, 30) }],
    ],
    [
      "fails when the retry policy is left to Event Grid's defaults",
      (i) => delete i.retryPolicy,
      [
        { resource: SUB_NAME, setting: "ccvoice:runtime.incomingCallEventTtlMinutes", message: ttl(who, 1440) },
        { resource: SUB_NAME, setting: "ccvoice:runtime.incomingCallMaxDeliveryAttempts", message: attempts(who, 30) },
      ],
    ],
    ["passes 5 minutes and 5 attempts", (i) => (i.retryPolicy = { eventTimeToLiveInMinutes: 5, maxDeliveryAttempts: 5 }), []],
    ["skips a subscription for other events", (i) => (i.filter = { includedEventTypes: ["Microsoft.Communication.CallEnded"] }), []],
    ["skips a retry policy not known during preview", (i) => (i.retryPolicy = "dd056dcd-154b-4c76-9bd3-c8f88648b5ff"), []],
  ])("%s", (_name, change, expected) => {
    expect(findings("ccvoice-eventgrid-incoming-call-ttl", { spec: specFrom(acsRaw()), resources: resourcesWith(SUB, change) })).toEqual(expected);
  });

  it("fails on the spec settings when the resources were not evaluated", () => {
    const spec = specFrom(acsRaw(), (raw) => (at(raw, "runtime").incomingCallEventTtlMinutes = 30));
    expect(findings("ccvoice-eventgrid-incoming-call-ttl", { spec, resources: [], resourcesEvaluated: false })).toEqual([
      { resource: "ccvoice:runtime.incomingCallEventTtlMinutes", message: ttl("The IncomingCall subscription", 30) },
    ]);
  });
});

describe("ccvoice-runtime-no-connection-strings", () => {
  const FIX = "Remove it and give the runtime identity-based settings instead (ACS_ENDPOINT, AzureWebJobsStorage__accountName, <service>__accountName).";
  it.each<[string, (i: Raw) => void, Expected]>([
    [
      "fails when the app has no managed identity",
      (i) => delete i.identity,
      [{ resource: APP_NAME, message: `Function App ${APP_NAME} has no managed identity (identity.type null), so it would need keys to reach storage and ACS. Set identity: { type: "SystemAssigned" } and grant it roles.` }],
    ],
    [
      "fails when an app setting is named like a connection string",
      (i) => settings(i).push({ name: "ACS_CONNECTION_STRING", value: "[secret]" }),
      [{ resource: APP_NAME, message: `Function App ${APP_NAME} has app setting "ACS_CONNECTION_STRING", whose name says it holds a key or connection string. ${FIX}` }],
    ],
    [
      "fails when an app setting value holds an account key",
      (i) => settings(i).push({ name: "AzureWebJobsStorage", value: "DefaultEndpointsProtocol=https;AccountName=st;AccountKey=abc==" }),
      [{ resource: APP_NAME, message: `Function App ${APP_NAME} has app setting "AzureWebJobsStorage" whose value holds AccountKey=, a key or connection string. ${FIX}` }],
    ],
    [
      "fails when the app declares connection strings",
      (i) => ((i.siteConfig as Raw).connectionStrings = [{ name: "db", connectionString: "[secret]", type: "Custom" }]),
      [{ resource: APP_NAME, message: `Function App ${APP_NAME} declares 1 connection string(s) in siteConfig.connectionStrings. ${FIX.replace("Remove it", "Remove them")}` }],
    ],
    [
      "fails when the deployment storage is read with a connection string",
      (i) => ((at(i, "functionAppConfig.deployment.storage").authentication as Raw).type = "StorageAccountConnectionString"),
      [{ resource: APP_NAME, message: `Function App ${APP_NAME} reads its deployment package with a storage connection string (functionAppConfig.deployment.storage.authentication.type StorageAccountConnectionString). Use SystemAssignedIdentity or UserAssignedIdentity.` }],
    ],
    ["skips app settings not known during preview", (i) => ((i.siteConfig as Raw).appSettings = "[unknown]"), []],
    ["passes a setting value not known during preview", (i) => settings(i).push({ name: "ACS_ENDPOINT2", value: "[unknown]" }), []],
  ])("%s", (_name, change, expected) => {
    expect(findings("ccvoice-runtime-no-connection-strings", { resources: resourcesWith(APP, change) })).toEqual(expected);
  });
});

describe("ccvoice-runtime-always-ready", () => {
  const MSG = (seen: string) =>
    `Function App ${APP_NAME} of a production stack has ${seen} in functionAppConfig.scaleAndConcurrency.alwaysReady, so the first IncomingCall after an idle period waits for a cold start while the caller rings (the http group does not cover an Event Grid trigger). Set ccvoice:runtime.alwaysReadyInstances to 1 or more.`;
  it.each<[string, (i: Raw) => void, boolean, Expected]>([
    [
      "fails when a prod app keeps no always-ready IncomingCall instance",
      (i) => ((at(i, "functionAppConfig").scaleAndConcurrency as Raw).alwaysReady = []),
      true,
      [{ resource: APP_NAME, setting: "ccvoice:runtime.alwaysReadyInstances", message: MSG("no function:incomingCall entry") }],
    ],
    [
      "fails when only the http group is always ready",
      (i) => ((at(i, "functionAppConfig").scaleAndConcurrency as Raw).alwaysReady = [{ name: "http", instanceCount: 2 }]),
      true,
      [{ resource: APP_NAME, setting: "ccvoice:runtime.alwaysReadyInstances", message: MSG("no function:incomingCall entry") }],
    ],
    [
      "fails on the environment tag when the spec is not visible",
      (i) => ((at(i, "functionAppConfig").scaleAndConcurrency as Raw).alwaysReady = [{ name: "function:incomingCall", instanceCount: 0 }]),
      false,
      [{ resource: APP_NAME, setting: "ccvoice:runtime.alwaysReadyInstances", message: MSG("instanceCount 0") }],
    ],
    ["passes a dev stack without always-ready instances", (i) => {
      ((at(i, "functionAppConfig").scaleAndConcurrency as Raw).alwaysReady = []);
      (i.tags as Raw).environment = "dev";
    }, false, []],
  ])("%s", (_name, change, withSpec, expected) => {
    const resources = resourcesWith(APP, change);
    expect(findings("ccvoice-runtime-always-ready", { ...(withSpec ? { spec: specFrom(acsRaw()) } : {}), resources })).toEqual(expected);
  });

  it("passes the known-good resources", () => {
    expect(findings("ccvoice-runtime-always-ready", { spec: specFrom(acsRaw()), resources: goodResources() })).toEqual([]);
  });
});
