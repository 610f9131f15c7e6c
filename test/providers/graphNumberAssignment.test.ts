/**
 * `TeamsNumberAssignment` provider against the local Graph emulator: asynchronous assignNumber /
 * unassignNumber (202 + Location, polled), idempotent create, conflicts, failed operations, throttling.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkNumberInputs, diffNumber, graphNumberType, operationState, splitGraphLocation, type NumberInputs } from "../../src/providers/graph/logic";
import { teamsNumberAssignmentProvider as provider } from "../../src/providers/graph/teamsNumberAssignmentProvider";
import { clearClaims } from "../../src/providers/shared/claims";
import { startGraphEmulator, type GraphEmulator } from "../emulators/graph/graphEmulator";

let graph: GraphEmulator;
const saved = { ...process.env };
const SKU = "440eaaa8-b3e0-484b-a8be-62870b9ba70a";
const licensed = { usageLocation: "US", assignedLicenses: [{ skuId: SKU, disabledPlans: [] }] };
const ASSIGN = "POST /beta/admin/teams/telephoneNumberManagement/numberAssignments/assignNumber";
const UNASSIGN = "POST /beta/admin/teams/telephoneNumberManagement/numberAssignments/unassignNumber";

beforeAll(async () => {
  graph = await startGraphEmulator({ operationPolls: 2 });
  process.env.CCVOICE_GRAPH_ENDPOINT = graph.url;
  process.env.CCVOICE_GRAPH_ACCESS_TOKEN = graph.token;
  process.env.CCVOICE_GRAPH_POLL_INTERVAL_MS = "10";
});
afterAll(async () => {
  process.env = saved;
  await graph.close();
});
afterEach(() => {
  clearClaims();
  graph.requests.length = 0;
  graph.users.clear();
  graph.numbers.clear();
});

const inputs = (upn = "cc-us@contoso.com", phoneNumber = "+14255550100"): NumberInputs => ({ userPrincipalName: upn, phoneNumber, numberType: "directRouting" });

describe("create", () => {
  it("assigns the number and polls the operation until it succeeds", async () => {
    const user = graph.addUser("cc-us@contoso.com", licensed);
    const result = await provider.create!(inputs());
    expect(result).toEqual({ id: "+14255550100", outs: { ...inputs(), userId: user.id, instanceId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) } });
    expect(graph.numbers.get("14255550100")).toEqual({ telephoneNumber: "14255550100", assignmentTargetId: user.id, numberType: "directRouting", activationState: "activated" });
    expect(graph.writes()).toEqual([ASSIGN]);
    expect(graph.requests.filter((r) => r.path.includes("/operations(")).length).toBe(3);
  });

  it("makes no write when the number is already assigned to the account", async () => {
    const user = graph.addUser("cc-us@contoso.com", licensed);
    graph.numbers.set("14255550100", { telephoneNumber: "14255550100", assignmentTargetId: user.id, numberType: "directRouting", activationState: "activated" });
    await provider.create!(inputs());
    expect(graph.writes()).toEqual([]);
  });

  it("waits out 429 answers on the assignment and succeeds", async () => {
    graph.addUser("cc-us@contoso.com", licensed);
    graph.throttle(1, 1);
    await provider.create!(inputs());
    expect(graph.requests.filter((r) => r.status === 429).length).toBe(1);
    expect(graph.writes()).toEqual([ASSIGN]);
  });

  it("fails when the number belongs to another account, without touching it", async () => {
    graph.addUser("cc-us@contoso.com", licensed);
    graph.numbers.set("14255550100", { telephoneNumber: "14255550100", assignmentTargetId: "5b2f6e0a-1c3d-4e5f-8a9b-0c1d2e3f4a5b", numberType: "directRouting", activationState: "activated" });
    await expect(provider.create!(inputs())).rejects.toThrow(
      "+14255550100 is assigned to another account (5b2f6e0a-1c3d-4e5f-8a9b-0c1d2e3f4a5b), not to cc-us@contoso.com; unassign it in the Teams admin center first, or correct the number in the spec",
    );
    expect(graph.writes()).toEqual([]);
  });

  it("fails when the operation fails, with Graph's reason", async () => {
    const user = graph.addUser("cc-us@contoso.com");
    await expect(provider.create!(inputs())).rejects.toThrow(
      `assignNumber of +14255550100 to ${user.id} failed: {"code":"BadRequest","message":"the assignment target has no licence"}`,
    );
  });
});

describe("delete", () => {
  it("unassigns a number held by the account, and leaves one held by another", async () => {
    const user = graph.addUser("cc-us@contoso.com", licensed);
    graph.numbers.set("14255550100", { telephoneNumber: "14255550100", assignmentTargetId: user.id, numberType: "directRouting", activationState: "activated" });
    graph.numbers.set("14255550101", { telephoneNumber: "14255550101", assignmentTargetId: "other", numberType: "directRouting", activationState: "activated" });
    await provider.delete!("+14255550100", { ...inputs(), userId: user.id });
    await provider.delete!("+14255550101", { ...inputs("cc-us@contoso.com", "+14255550101"), userId: user.id });
    expect(graph.writes()).toEqual([UNASSIGN]);
    expect(graph.numbers.get("14255550100")?.assignmentTargetId).toBeNull();
    expect(graph.numbers.get("14255550101")?.assignmentTargetId).toBe("other");
  });
});

describe("replacement", () => {
  it("keeps the assignment its replacement found again (pulumi up --replace: create, then delete the old one)", async () => {
    const user = graph.addUser("cc-us@contoso.com", licensed);
    graph.numbers.set("14255550100", { telephoneNumber: "14255550100", assignmentTargetId: user.id, numberType: "directRouting", activationState: "activated" });
    const { id, outs } = await provider.create!(inputs());
    clearClaims();
    await provider.create!(inputs());
    await provider.delete!(id, outs);
    expect(graph.writes()).toEqual([]);
    expect(graph.numbers.get("14255550100")?.assignmentTargetId).toBe(user.id);
  });
});

describe("pure logic", () => {
  it.each([
    [{ userPrincipalName: "A@contoso.com", phoneNumber: "+14255550100", numberType: "callingPlan" }, []],
    [
      { userPrincipalName: "a", phoneNumber: "4255550100", numberType: "CallingPlan" },
      [
        'userPrincipalName must be a user principal name such as cc-main@contoso.com, got "a"',
        'phoneNumber must be an E.164 number with + such as +14255550100, got "4255550100"',
        'numberType must be one of directRouting, callingPlan, operatorConnect, got "CallingPlan"',
      ],
    ],
  ])("checkNumberInputs(%j)", (news, reasons) => {
    expect(checkNumberInputs(news).failures.map((f) => f.reason)).toEqual(reasons);
  });

  it.each([
    [inputs(), inputs(), { changes: false, replaces: [], stables: ["userPrincipalName", "phoneNumber", "numberType"], deleteBeforeReplace: false }],
    [inputs(), inputs("b@contoso.com"), { changes: true, replaces: ["userPrincipalName"], stables: [], deleteBeforeReplace: true }],
  ])("diffNumber(%j, %j)", (olds, news, expected) => {
    expect(diffNumber(olds, news)).toEqual(expected);
  });

  it.each([
    ["DirectRouting", "directRouting"],
    ["CallingPlan", "callingPlan"],
    ["OperatorConnect", "operatorConnect"],
  ] as const)("graphNumberType(%s) is %s", (type, expected) => {
    expect(graphNumberType(type)).toBe(expected);
  });

  it.each([
    [{ status: "notStarted" }, "running"],
    [{ status: "inProgress" }, "running"],
    [{ status: "running" }, "running"],
    [{ status: "succeeded" }, "succeeded"],
    [{ status: "failed" }, "failed"],
  ])("operationState(%j) is %s", (body, expected) => {
    expect(operationState(body)).toBe(expected);
  });

  it("fails when the operation status is unknown", () => {
    expect(() => operationState({ status: "paused" })).toThrow('the telephone number operation has an unknown status "paused"');
  });

  it.each([
    ["https://graph.microsoft.com/beta/admin/teams/telephoneNumberManagement/operations('1')", { version: "beta", path: "/admin/teams/telephoneNumberManagement/operations('1')" }],
    ["/v1.0/x?a=1", { version: "v1.0", path: "/x?a=1" }],
  ])("splitGraphLocation(%s)", (location, expected) => {
    expect(splitGraphLocation(location, "https://graph.microsoft.com")).toEqual(expected);
  });

  it("fails when the Location is on another origin (the token is never sent there)", () => {
    expect(() => splitGraphLocation("https://evil.example/beta/x", "https://graph.microsoft.com")).toThrow(
      "Graph answered with an operation Location on another origin (https://evil.example); it is not followed, expected https://graph.microsoft.com",
    );
  });
});
