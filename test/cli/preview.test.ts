/**
 * `ccvoice preview` in-process through `main` (every example stack, the broken fixture, usage errors),
 * and once end to end through `node bin/ccvoice.js`.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main";
import type { CliIo } from "../../src/cli/io";

async function run(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = await main(["node", "ccvoice", ...args], io);
  return { code, out, err };
}

const STACKS = ["acs-direct-routing", "acs-direct-offer", "hybrid", "teams-direct-routing", "teams-calling-plan"];

interface PreviewJson {
  stack: string;
  resources: { type: string; name: string; parent: string | null; inputs: Record<string, unknown> }[];
  outputs: Record<string, unknown>;
  routing: { country: string; dial: string; resolution: { path: string; emergency: boolean } }[];
  errors: string[];
  policies: { violations: unknown[]; passed: string[] };
}

describe("ccvoice preview --json", () => {
  it.each(STACKS)("previews %s: the core resources, outputs, routing, no errors", async (stack) => {
    const { code, out, err } = await run("preview", "--stack", stack, "--json");
    expect(code).toBe(0);
    expect(err).toEqual([`ccvoice preview: evaluating ${process.cwd()}/stacks/Pulumi.${stack}.yaml with the Pulumi mock runtime (nothing is sent to Azure)`]);
    const json = JSON.parse(out.join("\n")) as PreviewJson;
    expect(Object.keys(json)).toEqual(["stack", "resources", "outputs", "routing", "errors", "policies"]);
    expect(json.stack).toBe(stack);
    expect(json.policies.violations).toEqual([]);
    expect(json.policies.passed).toContain("ccvoice-emergency-route-reachable");
    expect(json.errors).toEqual([]);
    for (const r of json.resources) expect(Object.keys(r)).toEqual(["type", "name", "parent", "inputs"]);
    // The root component carries the parsed spec (specJson) so the CrossGuard pack can read it.
    const root = json.resources[0];
    expect(root).toMatchObject({ type: "ccvoice:index:ContactCenterVoice", name: "ccvoice-prod", parent: null });
    expect(Object.keys(root?.inputs ?? {})).toEqual(["specJson"]);
    expect(JSON.parse(String(root?.inputs.specJson))).toMatchObject({ environment: "prod" });
    // The core children first; approach components (direct routing, numbers, Teams) follow when declared.
    expect(json.resources.filter((r) => r.parent === "ccvoice-prod").map((r) => r.name).slice(0, 4)).toEqual([
      "ccvoice-prod-rg",
      "ccvoice-prod-acs",
      "ccvoice-prod-runtime",
      "ccvoice-prod-events",
    ]);
    const core = json.resources.filter((r) => !/^ccvoice-prod-(direct-routing|numbers|teams)(-|$)/.test(r.name));
    // ACS agents add a second Event Grid subscription (VoIP call events with default retry).
    expect(core).toHaveLength(stack.startsWith("teams-") ? 24 : 25);
    // Every resource but the root has a parent that is itself in the list.
    const names = new Set(json.resources.map((r) => r.name));
    expect(json.resources.filter((r) => r.parent !== null && !names.has(r.parent))).toEqual([]);
    expect(Object.keys(json.outputs)).toEqual([
      "resourceGroupName",
      "acsEndpoint",
      "acsHostName",
      "acsResourceId",
      "acsImmutableResourceId",
      "emailSenderAddress",
      "functionAppName",
      "functionAppHostName",
      "runtimeClientId",
      "runtimePackageSha256",
      "storageAccountName",
      "systemTopicName",
      "incomingCallSubscriptionName",
    ]);
    expect(json.routing.filter((r) => r.resolution.emergency).length).toBeGreaterThan(0);
  });

  it.each([
    ["hybrid", "US", "911", "acs-direct-offer"],
    ["hybrid", "DK", "112", "acs-direct-routing"],
    ["acs-direct-routing", "US", "911", "acs-direct-routing"],
    ["acs-direct-offer", "GB", "999", "acs-direct-offer"],
    ["teams-direct-routing", "US", "911", "teams-direct-routing"],
    ["teams-calling-plan", "US", "911", "teams-calling-plan"],
  ])("shows in %s that %s %s leaves by %s", async (stack, country, dial, path) => {
    const json = JSON.parse((await run("preview", "--stack", stack, "--json")).out.join("\n")) as PreviewJson;
    const line = json.routing.find((r) => r.country === country && r.dial === dial);
    expect(line?.resolution).toMatchObject({ path, emergency: true });
  });
});

describe("ccvoice preview (text)", () => {
  it("groups resources by component with key inputs, then outputs and routing", async () => {
    const { code, out } = await run("preview", "--stack", "hybrid");
    expect(code).toBe(0);
    const json = JSON.parse((await run("preview", "--stack", "hybrid", "--json")).out.join("\n")) as PreviewJson;
    const n = json.resources.length;
    const components = json.resources.filter((r) => r.type.startsWith("ccvoice:")).length;
    expect(out[0]).toBe(`stack hybrid: ${n} resources (${components} components, ${n - components} resources in Azure)`);
    expect(out).toContain(`ccvoice:index:ContactCenterVoice  ccvoice-prod  (${n - 1} resources)`);
    expect(out).toContain("  ccvoice:events:EventRouting  ccvoice-prod-events  (4 resources)");
    expect(out).toContain(
      '    azure-native:eventgrid:SystemTopicEventSubscription  ccvoice-prod-events-incoming-call  events=["Microsoft.Communication.IncomingCall"] to=AzureFunction:incomingCall ttlMinutes=1 attempts=3 deadLetter=incoming-call-deadletter',
    );
    expect(out).toContain(
      '    azure-native:web:WebApp  ccvoice-prod-runtime-app  kind=functionapp,linux runtime=node 20 alwaysReady=[{"instanceCount":1,"name":"function:incomingCall"}] memoryMB=2048 maxInstances=100',
    );
    expect(out).toContain("  acsEndpoint: https://contoso-cc-hybrid.unitedstates.communication.azure.com");
    expect(out).toContain("!! EMERGENCY US 911 -> acs-direct-offer");
    expect(out.filter((l) => l.startsWith("!! EMERGENCY DK 112 -> acs-direct-routing (route "))).toHaveLength(1);
  });
});

describe("ccvoice preview failures", () => {
  it("fails when the stack file is broken, with one line per mistake", async () => {
    const { code, out, err } = await run("preview", "--stack-file", "test/fixtures/Pulumi.broken.yaml");
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([
      "ccvoice preview: evaluating test/fixtures/Pulumi.broken.yaml with the Pulumi mock runtime (nothing is sent to Azure)",
      "test/fixtures/Pulumi.broken.yaml has 5 configuration problems:",
      '  ccvoice:approach.inbound must be one of acs-direct-routing, teams-direct-routing, acs-direct-offer, teams-calling-plan, got "acs-direct-routeing"',
      '  ccvoice:directRouting.trunks[1].fqdn must be a fully qualified domain name in lower case such as sbc1.contoso.com, got "sbc1"',
      '  ccvoice:directRouting.routes[0].numberPattern is not a valid regular expression (/^\\+1(\\d{10}$/: Unterminated group); fix the pattern, got "^\\\\+1(\\\\d{10}$"',
      '  ccvoice:directRouting.routes[1].trunks[0] names trunk "sbc3.contoso.com", which is not declared in ccvoice:directRouting.trunks; declare the trunk or remove it from the route',
      "  ccvoice:emergency.notificationContacts must list at least one contact to notify when an agent dials an emergency number (Kari's Law central notification); add an entry such as { email: security@contoso.com }",
    ]);
  });

  it("fails when the stack file is broken, with --json listing the errors", async () => {
    const { code, out } = await run("preview", "--stack-file", "test/fixtures/Pulumi.broken.yaml", "--json");
    expect(code).toBe(1);
    const json = JSON.parse(out.join("\n")) as PreviewJson;
    expect(json).toMatchObject({ stack: "broken", resources: [], routing: [] });
    expect(json.errors).toHaveLength(5);
  });

  it.each([
    [["preview", "--stack", "nope"], 'ccvoice: stack "nope" has no file stacks/Pulumi.nope.yaml; known stacks: acs-direct-offer, acs-direct-routing, hybrid, teams-calling-plan, teams-direct-routing'],
    [["preview"], "ccvoice: give --stack <name> or --stack-file <path>"],
    [["preview", "--stack", "hybrid", "--stack-file", "stacks/Pulumi.hybrid.yaml"], "ccvoice: give either --stack <name> or --stack-file <path>, not both"],
    [["preview", "--stack-file", "nowhere/Pulumi.x.yaml"], "ccvoice: stack file nowhere/Pulumi.x.yaml does not exist; check the path"],
    [["preview", "--bogus"], "error: unknown option '--bogus'"],
    [["preview", "--stack"], "error: option '--stack <name>' argument missing"],
    [["previwe"], "error: unknown command 'previwe'\n(Did you mean preview?)"],
  ])("fails when called as %j (usage error, exit 2)", async (args, message) => {
    const { code, out, err } = await run(...args);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([message]);
  });
});

describe("bin/ccvoice.js", () => {
  it("prints the preview of hybrid as JSON from a child process", () => {
    const stdout = execFileSync(process.execPath, ["bin/ccvoice.js", "preview", "--stack", "hybrid", "--json"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    });
    const json = JSON.parse(stdout) as PreviewJson;
    expect(json.stack).toBe("hybrid");
    expect(json.resources.filter((r) => r.type === "azure-native:eventgrid:SystemTopicEventSubscription").map((r) => r.name)).toEqual(["ccvoice-prod-events-incoming-call", "ccvoice-prod-events-voip-calls"]);
    expect(json.outputs.acsEndpoint).toBe("https://contoso-cc-hybrid.unitedstates.communication.azure.com");
    expect(json.errors).toEqual([]);
  });

  it("serializes the dynamic providers of a Teams stack as pulumi up would, with --serialize-providers", () => {
    const stdout = execFileSync(
      process.execPath,
      ["bin/ccvoice.js", "preview", "--stack", "teams-calling-plan", "--json", "--serialize-providers"],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 },
    );
    const json = JSON.parse(stdout) as PreviewJson;
    expect(json.errors).toEqual([]);
    expect(json.resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic")).length).toBeGreaterThan(0);
  });
});

describe("ccvoice preview policy results", () => {
  it("prints a violated mandatory rule but leaves the gate to ccvoice check (exit 0)", async () => {
    const { code, out } = await run("preview", "--stack-file", "test/fixtures/policies/Pulumi.cross-country.yaml");
    expect(code).toBe(0);
    expect(out.join("\n")).toMatch(/ccvoice-emergency-route-not-shadowed/);
  });
});

describe("ccvoice preview Teams PowerShell summary", () => {
  it.each([
    ["teams-direct-routing", "teams PowerShell (31 objects no API can manage)", "  resource-account 2, pstn-gateway 2, pstn-usage 5, voice-route 5, voice-routing-policy 2, emergency-calling-policy 2, emergency-call-routing-policy 2, lis-address 4, lis-place 1, grant 6"],
    ["teams-calling-plan", "teams PowerShell (10 objects no API can manage)", "  resource-account 2, emergency-calling-policy 2, lis-address 3, lis-place 1, grant 2"],
  ])("lists what the generated script of %s manages and how it runs", async (stack, heading, kinds) => {
    const { code, out } = await run("preview", "--stack", stack);
    expect(code).toBe(0);
    const at = out.indexOf(heading);
    expect(at).toBeGreaterThan(0);
    expect(out[at + 1]).toBe(kinds);
    expect(out[at + 2]).toBe(`  an admin runs it under change control before pulumi up: ccvoice teams-script --stack ${stack} --out teams.ps1`);
  });

  it("prints no Teams section for an ACS stack", async () => {
    const { out } = await run("preview", "--stack", "hybrid");
    expect(out.some((l) => l.startsWith("teams PowerShell"))).toBe(false);
  });
});
