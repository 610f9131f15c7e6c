import { describe, expect, it } from "vitest";
import { decodeContext, encodeContext } from "../../src/runtime/core/operationContext";
import { partyFromIdentifier } from "../../src/runtime/core/parties";
import { escapeKey, unescapeKey } from "../../src/runtime/adapters/tableStore";
import { callbackInput } from "../../src/runtime/handlers/callEvents";
import { bearerToken } from "../../src/runtime/handlers/http";
import { operationIdFor } from "../../src/runtime/adapters/email";

describe("wire shapes", () => {
  it.each([
    [{ kind: "phoneNumber", rawId: "4:+14255550123", phoneNumber: { value: "+14255550123" } }, { kind: "phoneNumber", raw: "4:+14255550123", number: "+14255550123" }],
    [{ kind: "communicationUser", rawId: "8:acs:r_u", communicationUser: { id: "8:acs:r_u" } }, { kind: "acsUser", raw: "8:acs:r_u", id: "8:acs:r_u" }],
    [{ kind: "unknown", rawId: "28:orgid:9d1e" }, { kind: "resourceAccount", raw: "28:orgid:9d1e", objectId: "9d1e" }],
    [{ kind: "microsoftTeamsUser", rawId: "8:orgid:5b2f", microsoftTeamsUser: { userId: "5b2f" } }, { kind: "teamsUser", raw: "8:orgid:5b2f", userId: "5b2f" }],
    [{ rawId: "4:14255550123" }, { kind: "phoneNumber", raw: "4:14255550123", number: "+14255550123" }],
    ["nonsense", { kind: "other", raw: "" }],
  ])("reads identifier %j", (model, party) => {
    expect(partyFromIdentifier(model)).toEqual(party);
  });

  it("round-trips a call context through operationContext", () => {
    const context = { route: "queue" as const, queue: "q", step: 3, since: 5, pending: [{ kind: "hold" as const, queue: "q" }] };
    expect(encodeContext(context)).toBe('ccv1:{"route":"queue","queue":"q","step":3,"since":5,"pending":[{"kind":"hold","queue":"q"}]}');
    expect(decodeContext(encodeContext(context))).toEqual(context);
  });

  it.each(["", "other-app", "ccv1:{", 'ccv1:{"route":"x","step":1}', 'ccv1:{"route":"queue"}', 42])("ignores an operationContext not written by the runtime: %j", (text) => {
    expect(decodeContext(text)).toBeUndefined();
  });

  it.each([
    ["+14255550180", "%2b14255550180"],
    ["aGVs/bG8+d29y==~alice", "aGVs%2fbG8%2bd29y==~alice"],
    ["a#b?c\\d%e", "a%23b%3fc%5cd%25e"],
  ])("escapes table key %s as %s and back", (key, escaped) => {
    expect([escapeKey(key), unescapeKey(escapeKey(key))]).toEqual([escaped, key]);
  });

  it("reads a Call Automation callback CloudEvent", () => {
    const event = {
      id: "e1",
      type: "Microsoft.Communication.AddParticipantFailed",
      source: "calling/callConnections/c1",
      data: { callConnectionId: "c1", serverCallId: "s1", operationContext: 'ccv1:{"route":"queue","step":2}', participant: { rawId: "4:+14255550199", kind: "phoneNumber", phoneNumber: { value: "+14255550199" } }, resultInformation: { code: 408, subCode: 10004 } },
    };
    expect(callbackInput(event)).toEqual({
      eventId: "e1",
      type: "AddParticipantFailed",
      callConnectionId: "c1",
      serverCallId: "s1",
      context: { route: "queue", step: 2 },
      participant: { kind: "phoneNumber", raw: "4:+14255550199", number: "+14255550199" },
      resultCode: 408,
      resultSubCode: 10004,
    });
    expect(callbackInput({ id: "e2", type: "Other.Event", data: {} })).toBeUndefined();
  });

  it.each([
    ["Bearer abc.def.ghi", "abc.def.ghi"],
    ["bearer x", "x"],
    ["Basic abc", undefined],
    [null, undefined],
  ])("reads the bearer token of %j", (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it("derives a stable UUID Operation-Id from a message key", () => {
    expect(operationIdFor("emergency-req-1")).toBe(operationIdFor("emergency-req-1"));
    expect(operationIdFor("emergency-req-1")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
