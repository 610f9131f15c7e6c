import { describe, expect, it } from "vitest";
import { UserError } from "../../src/runtime/core/errors";
import { decideOutbound } from "../../src/runtime/core/outbound";
import type { RuntimeConfig } from "../../src/runtime/core/runtimeConfig";
import { runtimeConfigFromSpec } from "../../src/runtime/runtimeConfigFromSpec";
import { stackSpec } from "./support/harness";

const config: RuntimeConfig = {
  ...runtimeConfigFromSpec(stackSpec("teams-calling-plan"), { resourceAccountObjectIds: { "cc-support-us@contoso.com": "11111111-0000-0000-0000-000000000001" } }),
  outboundAllowedPatterns: ["^\\+1[2-9]\\d{2}[2-9]\\d{6}$"],
};

describe("decideOutbound", () => {
  it.each([
    ["911", "US", "911 is an emergency number (US, CA); the server does not place emergency calls: dial 911 directly from the agent's phone or client, now"],
    ["999", "GB", "999 is an emergency number (GB); the server does not place emergency calls: dial 999 directly from the agent's phone or client, now"],
    ["112", "US", "112 is an emergency number (US, GB, CA); the server does not place emergency calls: dial 112 directly from the agent's phone or client, now"],
    ["933", "US", "933 is an emergency number (US); the server does not place emergency calls: dial 933 directly from the agent's phone or client, now"],
  ])("refuses emergency number %s at once with a reason and a critical alert", (to, country, reason) => {
    const d = decideOutbound(config, { resourceAccount: "cc-support-us@contoso.com", to, country, agentId: "alice" });
    expect(d).toEqual({
      allowed: false,
      status: 422,
      reason,
      alerts: [
        {
          severity: "critical",
          code: "emergency-dialed-on-server-path",
          message: `an outbound call to emergency number ${to} on behalf of cc-support-us@contoso.com (agent alice) was refused; the client was told to dial it directly`,
        },
      ],
    });
  });

  it.each([
    ["+14255550123", "+14255550123"],
    ["(425) 555-0123", "+14255550123"],
  ])("allows %s, normalised to %s, when a pattern matches", (to, destination) => {
    const d = decideOutbound(config, { resourceAccount: "11111111-0000-0000-0000-000000000001", to });
    expect(d).toMatchObject({ allowed: true, destination, pattern: "^\\+1[2-9]\\d{2}[2-9]\\d{6}$" });
  });

  it("fails when no pattern allows the destination (403 naming the patterns)", () => {
    expect(decideOutbound(config, { resourceAccount: "cc-support-us@contoso.com", to: "+33123456789" })).toEqual({
      allowed: false,
      status: 403,
      reason: "+33123456789 matches none of ccvoice:runtime.outboundAllowedPatterns (^\\+1[2-9]\\d{2}[2-9]\\d{6}$); add a pattern to allow it",
      alerts: [],
    });
  });

  it.each([
    [{ resourceAccount: "nobody@contoso.com", to: "+14255550123" }, 404, 'resourceAccount "nobody@contoso.com" is not in ccvoice:teams.resourceAccounts; known: cc-support-us@contoso.com, cc-support-eu@contoso.com'],
    [{ resourceAccount: "cc-support-us@contoso.com", to: "411" }, 400, 'to "411" is neither an emergency number in US (911, 933) nor a phone number; give an E.164 number such as +14255550100 or a national number such as (425) 555-0100'],
  ])("fails when the request is wrong: %j", (request, status, message) => {
    let caught: unknown;
    try {
      decideOutbound(config, request);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect([(caught as UserError).status, (caught as UserError).message]).toEqual([status, message]);
  });
});
