/**
 * The `Teams` component under the Pulumi mock runtime for both Teams example stacks, with and without
 * `teams.apply`. Mocks set first (harness import), component imported after.
 *
 * Mocks cannot prove: that the commands run (no pwsh here), `dependsOn` ordering (licence before
 * number, commands before licences), or that Graph/ACS accept the inputs (see the provider tests).
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { registered, resetRegistered, settled, valueOf } from "../components/harness";
import { applyRunner, PWSH_INTERPRETER, TEARDOWN_CREATE, TEARDOWN_DELETE, TEARDOWN_UPDATE } from "../../src/teams/commandRunners";
import { generateTeamsScripts } from "../../src/teams/generateTeamsScripts";
import { stackSpec } from "./teamsStacks";

type Module = typeof import("../../src/components/teams");
let mod: Module;
beforeAll(async () => {
  mod = await import("../../src/components/teams");
});
beforeEach(resetRegistered);

const ACS_ID = "19f6e516-048c-5ae7-a7d3-faa18eb425fe";
const ENDPOINT = "https://contoso-cc.unitedstates.communication.azure.com";
const US = "cc-support-us-contoso-com";
const EU = "cc-support-eu-contoso-com";

function build(stack: string, apply: boolean, name = "t") {
  const spec = stackSpec(stack);
  const teams = { ...spec.teams!, apply };
  const component = new mod.Teams(name, {
    acsEndpoint: ENDPOINT,
    acsImmutableResourceId: ACS_ID,
    teams,
    emergency: spec.emergency,
    approach: spec.approach,
  });
  return { component, scripts: generateTeamsScripts({ teams, emergency: spec.emergency, approach: spec.approach }, { numberAssignment: "graph" }) };
}

const GRAPH_AND_CONSENT = [
  ["pulumi-nodejs:dynamic/ccvoice-graph:ResourceAccountLicense", `t-license-${US}`],
  ["pulumi-nodejs:dynamic/ccvoice-graph:ResourceAccountLicense", `t-license-${EU}`],
  ["pulumi-nodejs:dynamic/ccvoice-graph:TeamsNumberAssignment", `t-number-${US}`],
  ["pulumi-nodejs:dynamic/ccvoice-graph:TeamsNumberAssignment", `t-number-${EU}`],
  ["pulumi-nodejs:dynamic/ccvoice-acs:TeamsExtensionConsent", `t-consent-${US}`],
  ["pulumi-nodejs:dynamic/ccvoice-acs:TeamsExtensionConsent", `t-consent-${EU}`],
];

describe.each([
  ["teams-direct-routing", "directRouting"],
  ["teams-calling-plan", "callingPlan"],
])("stack %s", (stack, numberType) => {
  it("without apply declares the Graph and consent resources and no command", async () => {
    const { component } = build(stack, false);
    await settled();
    expect(registered.map((r) => [r.type, r.name]).sort()).toEqual([["ccvoice:teams:Teams", "t"], ...GRAPH_AND_CONSENT].sort());
    const number = registered.find((r) => r.name === `t-number-${US}`)!;
    expect([number.inputs.userPrincipalName, number.inputs.phoneNumber, number.inputs.numberType]).toEqual(["cc-support-us@contoso.com", "+14255550100", numberType]);
    const license = registered.find((r) => r.name === `t-license-${EU}`)!;
    expect([license.inputs.userPrincipalName, license.inputs.usageLocation, license.inputs.skuPartNumber]).toEqual(["cc-support-eu@contoso.com", "GB", "PHONESYSTEM_VIRTUALUSER"]);
    const consent = registered.find((r) => r.name === `t-consent-${US}`)!;
    expect([consent.inputs.acsEndpoint, consent.inputs.tenantId]).toEqual([ENDPOINT, "72f988bf-86f1-41af-91ab-2d7cd011db47"]);
    const script = await valueOf(component.applyScript);
    expect(script).toContain(`    [string] $AcsResourceId = '${ACS_ID}'\n)`);
    expect(script).not.toContain("-PhoneNumber '");
    expect(component.applied).toBe(false);
  });

  it("with apply runs the scripts through two pwsh commands", async () => {
    const { scripts } = build(stack, true);
    await settled();
    expect(registered.map((r) => [r.type, r.name]).sort()).toEqual(
      [["ccvoice:teams:Teams", "t"], ["command:local:Command", "t-apply"], ["command:local:Command", "t-teardown"], ...GRAPH_AND_CONSENT].sort(),
    );
    const apply = registered.find((r) => r.name === "t-apply")!.inputs;
    expect(apply).toEqual({
      interpreter: [...PWSH_INTERPRETER],
      stdin: scripts.apply,
      create: applyRunner(ACS_ID),
      update: applyRunner(ACS_ID),
      triggers: [scripts.hash],
    });
    const teardown = registered.find((r) => r.name === "t-teardown")!.inputs;
    expect(teardown).toEqual({
      interpreter: [...PWSH_INTERPRETER],
      stdin: scripts.delete,
      create: TEARDOWN_CREATE,
      update: TEARDOWN_UPDATE,
      delete: TEARDOWN_DELETE,
    });
  });
});

it("fails when two resource accounts would get the same resource name", () => {
  const spec = stackSpec("teams-calling-plan");
  const teams = structuredClone(spec.teams!);
  teams.resourceAccounts[1]!.upn = "cc.support.us@contoso.com";
  teams.resourceAccounts[0]!.upn = "cc-support-us@contoso.com";
  expect(() => new mod.Teams("t", { acsEndpoint: ENDPOINT, acsImmutableResourceId: ACS_ID, teams, approach: spec.approach })).toThrow(
    "ccvoice:teams.resourceAccounts[1].upn cc.support.us@contoso.com gives the same resource name as cc-support-us@contoso.com; rename one account",
  );
});

it.each([
  ["cc-support-us@contoso.com", "cc-support-us-contoso-com"],
  ["CC.Main+1@Contoso.COM", "cc-main-1-contoso-com"],
])("accountSlug(%s) is %s", (upn, slug) => {
  expect(mod.accountSlug(upn)).toBe(slug);
});

it("serializes the three dynamic providers (no SDK module captured by value)", async () => {
  build("teams-calling-plan", false, "s");
  await settled();
  const dynamic = registered.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/") && r.name.startsWith("s-"));
  expect(dynamic.map((r) => typeof r.inputs.__provider)).toEqual(Array(6).fill("string"));
});
