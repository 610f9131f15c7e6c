/**
 * `ccvoice call`: places a simulated call through a running `ccvoice dev` and prints what happened: the
 * route the runtime chose and every request it made to Call Automation, with the callbacks.
 * With `--agent-emergency <agentId>`, the agent first reports an emergency call (started, then ended),
 * and the call is the PSAP calling back: `--to` defaults to the callback number leased to the agent.
 */
import { Command } from "commander";
import { EXIT, processIo, UsageError, type CliIo, type ExitFn, setProcessExitCode } from "./io";

/** The default port of `ccvoice dev` (the Functions host's local port). */
const DEV_PORT = 7071;

interface DevCallResult {
  serverCallId: string;
  from: string;
  to: string;
  eventGridStatus: number;
  route?: string;
  reason?: string;
  timeline: { kind: string; what: string; detail?: string; status?: number }[];
}

async function postJson(url: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  } catch (err) {
    throw new Error(`cannot reach ccvoice dev at ${new URL(url).origin} (${err instanceof Error ? err.message : String(err)}); start it with: ccvoice dev`);
  }
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The lines printed for a call. */
export function formatCall(result: DevCallResult): string[] {
  const lines = [`call ${result.from} -> ${result.to}`, `  route: ${result.route ?? "(none)"}: ${result.reason ?? ""}`];
  for (const e of result.timeline) {
    lines.push(e.kind === "callback" ? `  <- ${e.what} (runtime answered ${e.status})` : `  ${e.what}${e.detail ? ` ${e.detail}` : ""} (ACS answered ${e.status})`);
  }
  return lines;
}

/**
 * The `call` command.
 *
 * @example ccvoice call --from +12065550911 --agent-emergency alice
 * @example ccvoice call --from +12065550111 --to +14255550100 --dev-url http://127.0.0.1:7071
 */
export function callCommand(io: CliIo = processIo, exit: ExitFn = setProcessExitCode): Command {
  return new Command("call")
    .description("place a simulated call through a running `ccvoice dev` and print what the runtime did")
    .requiredOption("--from <number>", "caller, E.164 (the PSAP's number for a callback)")
    .option("--to <number>", "called number (E.164), resource account UPN, or 28:orgid:<id>; default with --agent-emergency: the leased callback number")
    .option("--agent-emergency <agentId>", "first report an emergency call by this agent (started, then ended)")
    .option("--dialed <digits>", "what the agent dialed, with --agent-emergency", "911")
    .option("--dev-url <url>", "URL of ccvoice dev", `http://127.0.0.1:${DEV_PORT}`)
    .action(async (opts: { from: string; to?: string; agentEmergency?: string; dialed: string; devUrl: string }) => {
      const base = opts.devUrl.replace(/\/+$/, "");
      let to = opts.to;
      if (opts.agentEmergency) {
        const agentId = opts.agentEmergency;
        const start = await postJson(`${base}/dev/agentEmergency`, { event: "started", agentId, dialed: opts.dialed });
        if (start.status !== 200) {
          io.err(`agent emergency report failed (${start.status}): ${String(start.body.error ?? JSON.stringify(start.body))}`);
          exit(EXIT.failed);
          return;
        }
        io.out(`agent ${agentId} reported an emergency call (${opts.dialed}): callback number ${String(start.body.callbackNumber ?? "none")}, held until ${String(start.body.leaseExpiresAt ?? "-")}; presence Do Not Disturb`);
        const end = await postJson(`${base}/dev/agentEmergency`, { event: "ended", agentId, requestId: start.body.requestId });
        io.out(`agent ${agentId}'s emergency call ended (${end.status}): previous presence restored; the lease runs on`);
        to ??= typeof start.body.callbackNumber === "string" ? start.body.callbackNumber : undefined;
      }
      if (!to) throw new UsageError("--to is required (or give --agent-emergency to call the leased callback number)");
      const call = await postJson(`${base}/dev/calls`, { from: opts.from, to });
      if (call.status !== 200) {
        io.err(`the call could not be placed (${call.status}): ${String(call.body.error ?? JSON.stringify(call.body))}`);
        exit(EXIT.failed);
        return;
      }
      for (const line of formatCall(call.body as unknown as DevCallResult)) io.out(line);
      const result = call.body as unknown as DevCallResult;
      if (result.eventGridStatus !== 200 || result.timeline.some((e) => e.kind === "callback" && e.status !== 200)) exit(EXIT.failed);
    });
}
