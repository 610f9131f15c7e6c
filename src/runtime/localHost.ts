/**
 * Serves the runtime's handlers over plain HTTP on this machine, at the paths the Functions host uses
 * locally (`func start`), for `ccvoice dev`, the end-to-end tests and the benchmark:
 * - `POST /runtime/webhooks/EventGrid?functionName=incomingCall`: Event Grid deliveries, including the
 *   subscription validation handshake (`aeg-event-type: SubscriptionValidation` → `{ validationResponse }`);
 * - `POST /api/callEvents`, `/api/agentEmergency`, `/api/agentState`, `/api/outboundCall`;
 * - `POST /admin/functions/expireLeases`: runs the timer function once (as the host's admin endpoint does).
 * Not part of the deployed bundle; listens on loopback only. Function keys are not checked here.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { HttpRequest, InvocationContext, type EventGridEvent, type HttpResponseInit } from "@azure/functions";
import { agentEmergency } from "./handlers/agentEmergency";
import { agentState } from "./handlers/agentState";
import { callEvents } from "./handlers/callEvents";
import { expireLeases } from "./handlers/expireLeases";
import { incomingCall, type IncomingCallResult } from "./handlers/incomingCall";
import { outboundCall } from "./handlers/outboundCall";
import type { Runtime } from "./runtime";

/** A running local host. */
export interface LocalHost {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** What `incomingCall` returned, by event id (for `ccvoice call`). */
  readonly incomingResults: Map<string, IncomingCallResult>;
  close(): Promise<void>;
}

/** An extra route (e.g. `ccvoice dev`'s `/dev/...`); returns `undefined` when the request is not its. */
export type ExtraRoute = (method: string, url: URL, body: string) => Promise<{ status: number; body?: unknown } | undefined>;

/** Log lines of the handlers, with the function name. */
export type LogSink = (functionName: string, level: string, message: string) => void;

const HTTP_FUNCTIONS: Record<string, (r: HttpRequest, c: InvocationContext, rt: Runtime) => Promise<HttpResponseInit>> = {
  callEvents,
  agentEmergency,
  agentState,
  outboundCall,
};

function contextFor(functionName: string, log: LogSink): InvocationContext {
  return new InvocationContext({
    functionName,
    invocationId: randomUUID(),
    logHandler: (level, ...args) => log(functionName, level, args.map(String).join(" ")),
  });
}

/**
 * Starts serving.
 *
 * @param runtime the runtime, or a getter (so the runtime can be built after the URL is known: its
 *   `CCVOICE_CALLBACK_URL` is this host's `/api/callEvents`)
 * @param options.port @default 0 (a free port)
 * @param options.log where handler logs go @default nowhere
 * @param options.extra routes tried before the runtime's
 */
export async function startLocalHost(runtimeOrGetter: Runtime | (() => Runtime), options: { port?: number; log?: LogSink; extra?: ExtraRoute } = {}): Promise<LocalHost> {
  const current = typeof runtimeOrGetter === "function" ? runtimeOrGetter : () => runtimeOrGetter;
  const log: LogSink = options.log ?? (() => undefined);
  const incomingResults = new Map<string, IncomingCallResult>();
  const server: Server = createServer((req, res) => void serve(req, res));

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const reply = (status: number, body?: unknown) => {
      res.writeHead(status, body === undefined ? {} : { "content-type": "application/json" });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    try {
      const extra = options.extra ? await options.extra(req.method ?? "GET", url, text) : undefined;
      if (extra) return reply(extra.status, extra.body);
      const runtime = current();
      if (req.method === "POST" && url.pathname === "/runtime/webhooks/EventGrid") {
        const name = url.searchParams.get("functionName");
        if (name !== "incomingCall") return reply(404, { error: `no Event Grid function ${JSON.stringify(name)}; the runtime has incomingCall` });
        const events = JSON.parse(text || "[]") as EventGridEvent[];
        if (req.headers["aeg-event-type"] === "SubscriptionValidation") {
          const code = (events[0]?.data as { validationCode?: string } | undefined)?.validationCode;
          return code ? reply(200, { validationResponse: code }) : reply(400, { error: "no validationCode in the validation event" });
        }
        for (const event of events) incomingResults.set(event.id, await incomingCall(event, contextFor("incomingCall", log), runtime));
        return reply(200);
      }
      if (req.method === "POST" && url.pathname === "/admin/functions/expireLeases") {
        const report = await expireLeases(undefined, contextFor("expireLeases", log), runtime);
        return reply(202, report);
      }
      const fn = url.pathname.startsWith("/api/") ? HTTP_FUNCTIONS[url.pathname.slice(5)] : undefined;
      if (fn && req.method === "POST") {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
        const request = new HttpRequest({ method: "POST", url: `http://127.0.0.1${req.url ?? ""}`, headers, body: { string: text } });
        const response = await fn(request, contextFor(url.pathname.slice(5), log), runtime);
        return reply(response.status ?? 200, response.jsonBody);
      }
      return reply(404, { error: `${req.method} ${url.pathname} is not a function of the runtime` });
    } catch (err) {
      log("host", "error", String(err));
      return reply(500, { error: String(err) });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    incomingResults,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
