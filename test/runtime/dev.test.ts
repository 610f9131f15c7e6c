/**
 * End to end through `ccvoice dev`: Event Grid delivery over HTTP at the Functions host's local path (with
 * the validation handshake), the runtime on Azurite, the emulator's signed callbacks, and `ccvoice call`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callCommand } from "../../src/cli/call";
import { devCommand, startDevEnvironment, type DevEnvironment } from "../../src/cli/dev";
import type { CliIo } from "../../src/cli/io";

let dev: DevEnvironment;
beforeAll(async () => {
  dev = await startDevEnvironment({ port: 0 });
});
afterAll(async () => {
  await dev.close();
});

async function runCall(args: string[]): Promise<{ out: string[]; err: string[]; code: number }> {
  const out: string[] = [];
  const err: string[] = [];
  let code = 0;
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l) };
  await callCommand(io, (c) => (code = Math.max(code, c))).parseAsync([...args, "--dev-url", dev.url], { from: "user" });
  return { out, err, code };
}

describe("ccvoice dev", () => {
  it("answers the Event Grid subscription validation handshake at the local Functions path", async () => {
    const response = await fetch(`${dev.url}/runtime/webhooks/EventGrid?functionName=incomingCall`, {
      method: "POST",
      headers: { "content-type": "application/json", "aeg-event-type": "SubscriptionValidation" },
      body: JSON.stringify([
        {
          id: "2d1781af-3a4c-4d7c-bd0c-e34b19da4e66",
          topic: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Communication/CommunicationServices/contoso-cc-byot",
          subject: "",
          eventType: "Microsoft.EventGrid.SubscriptionValidationEvent",
          eventTime: "2025-06-02T14:00:00Z",
          data: { validationCode: "512d38b6-c7b8-40c8-89fe-f46f9e9622b6", validationUrl: "https://rp-eastus2.eventgrid.azure.net:553/eventsubscriptions/x/validate?id=1" },
          dataVersion: "1",
          metadataVersion: "1",
        },
      ]),
    });
    expect([response.status, await response.json()]).toEqual([200, { validationResponse: "512d38b6-c7b8-40c8-89fe-f46f9e9622b6" }]);
  });

  it("routes a simulated call to a main line to an agent (ccvoice call)", async () => {
    const { out, code } = await runCall(["--from", "+12065550111", "--to", "+14255550100"]);
    expect(code).toBe(0);
    expect(out[0]).toBe("call +12065550111 -> +14255550100");
    expect(out[1]).toBe("  route: queue: queue support-nanp: offered to agent alice");
    expect(out.slice(2).map((l) => l.trim().split(/\s+/)[0] === "<-" ? l.trim().split(/\s+/).slice(0, 2).join(" ") : l.trim().split(/\s+/)[0]).sort()).toEqual(
      ["<- AddParticipantSucceeded", "<- CallConnected", "addParticipant", "answer"].sort(),
    );
  });

  it("connects the PSAP calling back to the agent who dialed 911, after the call ended (ccvoice call --agent-emergency)", async () => {
    const { out, code } = await runCall(["--from", "+12065550911", "--agent-emergency", "alice"]);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^agent alice reported an emergency call \(911\): callback number \+14255550180, held until \S+Z; presence Do Not Disturb$/);
    expect(out[1]).toBe("agent alice's emergency call ended (200): previous presence restored; the lease runs on");
    expect(out[2]).toBe("call +12065550911 -> +14255550180");
    expect(out[3]).toMatch(/^ {2}route: psap-callback: callback number \+14255550180 is leased to agent alice until /);
    expect(out.some((l) => l.includes("addParticipant 8:acs:00000000-0000-0000-0000-000000000001_00000001-0000-0000-0000-000000000001"))).toBe(true);
    const status = (await (await fetch(`${dev.url}/dev/status`)).json()) as { emails: { subject: string }[]; leases: { number: string; agentId: string }[] };
    expect(status.leases.map((l) => [l.number, l.agentId])).toEqual([["+14255550180", "alice"]]);
    expect(status.emails.map((e) => e.subject)).toEqual(["Emergency call by Alice Smith (911)"]);
  });

  it("runs the lease timer through the host's admin path", async () => {
    const response = await fetch(`${dev.url}/admin/functions/expireLeases`, { method: "POST", body: '{"input":""}' });
    expect([response.status, ((await response.json()) as { leasesReleased: string[] }).leasesReleased]).toEqual([202, []]);
  });

  it("fails when ccvoice call has no --to and no --agent-emergency (usage error)", async () => {
    await expect(runCall(["--from", "+12065550111"])).rejects.toThrow("--to is required (or give --agent-emergency to call the leased callback number)");
  });

  it("fails when ccvoice dev gets a bad port (exit 2, message naming the option)", async () => {
    const err: string[] = [];
    let code = 0;
    await devCommand({ out: () => undefined, err: (l) => err.push(l) }, (c) => (code = c)).parseAsync(["--port", "http"], { from: "user" });
    expect([code, err]).toEqual([2, ['--port must be a port number between 0 and 65535, got "http"']]);
  });
});
