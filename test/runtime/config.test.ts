import { describe, expect, it } from "vitest";
import { parseRuntimeConfig } from "../../src/runtime/core/runtimeConfig";
import { runtimeConfigFromSpec } from "../../src/runtime/runtimeConfigFromSpec";
import { loadSettings, SettingsError } from "../../src/runtime/settings";
import { stackSpec } from "./support/harness";

describe("runtimeConfigFromSpec", () => {
  it.each([
    ["acs-direct-routing", ["+14255550180", "+14255550181", "+442071234580", "+4533123480"], [["support-nanp", 1], ["support-europe", 2]], 0],
    ["acs-direct-offer", [], [["support-nanp", 0], ["support-europe", 0]], 4],
    ["hybrid", ["+4533123480"], [["support-nanp", 0], ["support-europe", 1]], 4],
    ["teams-calling-plan", [], [["support-nanp", 0], ["support-europe", 0]], 2],
    ["teams-direct-routing", [], [["support-nanp", 0], ["support-europe", 0]], 2],
  ])("derives %s: callback pool, queue numbers and notes", (stack, pool, queues, notes) => {
    const config = runtimeConfigFromSpec(stackSpec(stack));
    expect(config.emergency.callbackPool.map((n) => n.number)).toEqual(pool);
    expect(config.queues.map((q) => [q.name, q.numbers.length])).toEqual(queues);
    expect(config.notes.length).toBe(notes);
    expect(parseRuntimeConfig(JSON.stringify(config))).toEqual(JSON.parse(JSON.stringify(config)));
  });

  it("takes ordered numbers and resource account object ids from the deployment", () => {
    const config = runtimeConfigFromSpec(stackSpec("acs-direct-offer"), {
      orderNumbers: { "us-callback": ["+14255550190"], "ca-callback": ["+14165550190"], "us-main": ["+18335550100"], "gb-main": ["+442079460100"] },
    });
    expect(config.emergency.callbackPool).toEqual([
      { number: "+14255550190", country: "US" },
      { number: "+14165550190", country: "CA" },
    ]);
    expect([config.queues[0]?.numbers, config.notes]).toEqual([["+18335550100"], []]);
  });

  it("fails when a callback pool has no fallback target", () => {
    const spec = stackSpec("acs-direct-routing");
    expect(() => runtimeConfigFromSpec({ ...spec, emergency: { ...spec.emergency, fallbackTarget: undefined } })).toThrow(
      "ccvoice:emergency.fallbackTarget must be set when the stack has callback-pool numbers (4 found); give the E.164 number of the security desk",
    );
  });

  it("fails when the lease is shorter than 60 minutes", () => {
    const spec = stackSpec("acs-direct-routing");
    expect(() => runtimeConfigFromSpec({ ...spec, emergency: { ...spec.emergency, callbackLeaseMinutes: 30 } })).toThrow(
      "ccvoice:emergency.callbackLeaseMinutes must be at least 60, got 30",
    );
  });
});

describe("parseRuntimeConfig", () => {
  it.each([
    ["{", "CCVOICE_RUNTIME_CONFIG must be the JSON written by runtimeConfigFromSpec(spec), got text that is not JSON"],
    ['{"version":2}', "CCVOICE_RUNTIME_CONFIG version must be 1 (regenerate it with this version of ccvoice), got 2"],
  ])("fails when the document is %s", (text, message) => {
    expect(() => parseRuntimeConfig(text)).toThrow(message);
  });

  it("fails with every problem, one per line", () => {
    const config = JSON.parse(JSON.stringify(runtimeConfigFromSpec(stackSpec("acs-direct-routing"))));
    config.emergency.leaseMinutes = 30;
    config.emergency.fallbackTarget = "0800";
    config.agents[0].kind = "sip";
    expect(() => parseRuntimeConfig(JSON.stringify(config))).toThrow(
      [
        "CCVOICE_RUNTIME_CONFIG emergency.leaseMinutes must be a whole number of at least 60, got 30",
        'CCVOICE_RUNTIME_CONFIG emergency.fallbackTarget must be an E.164 number, got "0800"',
        'CCVOICE_RUNTIME_CONFIG agents[0].kind must be acs or teams, got "sip"',
        "CCVOICE_RUNTIME_CONFIG emergency.fallbackTarget must be set when a callback pool exists (where unleased PSAP callbacks go), got undefined",
      ].join("\n"),
    );
  });
});

describe("loadSettings", () => {
  const config = JSON.stringify(runtimeConfigFromSpec(stackSpec("acs-direct-routing")));
  const base = {
    CCVOICE_RUNTIME_CONFIG: config,
    ACS_ENDPOINT: "https://contoso-cc.communication.azure.com",
    ACS_IMMUTABLE_RESOURCE_ID: "11111111-2222-3333-4444-555555555555",
    WEBSITE_HOSTNAME: "ccv-prod.azurewebsites.net",
    AzureWebJobsStorage__accountName: "ccvprodabc",
    ACS_EMAIL_SENDER: "DoNotReply@contoso.com",
  };

  it("reads the Azure settings with defaults (managed identity, no keys)", () => {
    const s = loadSettings(base);
    expect([s.callbackUrl, s.tableEndpoint, s.tableName, s.callbackJwksUrl, s.callbackIssuer, s.acsAccessKey, s.agentAuth, s.emergencyStoreDeadlineMs]).toEqual([
      "https://ccv-prod.azurewebsites.net/api/callEvents",
      "https://ccvprodabc.table.core.windows.net",
      "ccvoiceRuntime",
      "https://acscallautomation.communication.azure.com/calling/keys",
      "https://acscallautomation.communication.azure.com",
      undefined,
      undefined,
      1500,
    ]);
  });

  it("derives the agent token issuer and JWKS from the tenant", () => {
    const s = loadSettings({ ...base, CCVOICE_AGENT_AUTH_AUDIENCE: "api://ccvoice", CCVOICE_AGENT_AUTH_TENANT_ID: "72f988bf-86f1-41af-91ab-2d7cd011db47" });
    expect(s.agentAuth).toEqual({
      jwksUrl: "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/discovery/v2.0/keys",
      issuer: "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0",
      audience: ["api://ccvoice"],
      role: "CCVoice.AgentDesktop",
    });
  });

  it.each([
    [{ ACS_ENDPOINT: undefined }, ["ACS_ENDPOINT is required: the endpoint of the ACS resource such as https://contoso-cc.communication.azure.com"]],
    [{ ACS_ENDPOINT: "http://contoso-cc.communication.azure.com" }, ['ACS_ENDPOINT must be an https URL such as https://contoso-cc.communication.azure.com (http only for 127.0.0.1/localhost), got "http://contoso-cc.communication.azure.com"']],
    [{ CCVOICE_ACS_ACCESS_KEY: "a2V5" }, ["CCVOICE_ACS_ACCESS_KEY is accepted only with a loopback ACS_ENDPOINT (the local emulator); in Azure remove it: the managed identity is used"]],
    [{ CCVOICE_TABLE_CONNECTION_STRING: "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=y" }, ["CCVOICE_TABLE_CONNECTION_STRING is accepted only for Azurite (a loopback TableEndpoint); in Azure set CCVOICE_TABLE_ENDPOINT and use the managed identity"]],
    [{ ACS_EMAIL_SENDER: undefined }, ["ACS_EMAIL_SENDER is required because ccvoice:emergency.notificationContacts is not empty: the sender address of the ACS email domain"]],
    [{ CCVOICE_RING_SECONDS: "5" }, ['CCVOICE_RING_SECONDS must be a whole number between 10 and 300, got "5"']],
    [{ ACS_IMMUTABLE_RESOURCE_ID: "", WEBSITE_HOSTNAME: undefined }, [
      "ACS_IMMUTABLE_RESOURCE_ID is required: the ACS immutable resource id (a GUID), the audience of Call Automation callback tokens",
      "CCVOICE_CALLBACK_URL is required when WEBSITE_HOSTNAME is not set: the public URL of the callEvents function",
    ]],
  ])("fails when %j", (change, problems) => {
    let caught: unknown;
    try {
      loadSettings({ ...base, ...change } as NodeJS.ProcessEnv);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SettingsError);
    expect((caught as SettingsError).problems).toEqual(problems);
  });
});
