/**
 * The Functions app (Node.js v4 programming model). This is the only file that registers functions;
 * every handler is a plain function of (trigger input, context, runtime), importable without side effects.
 *
 * | function         | trigger                                      | auth                                      |
 * |------------------|----------------------------------------------|-------------------------------------------|
 * | `incomingCall`   | Event Grid (IncomingCall, VoIP call events)  | Event Grid trigger (system key)           |
 * | `callEvents`     | HTTP POST /api/callEvents                    | Call Automation JWT (RS256, cached JWKS)  |
 * | `agentEmergency` | HTTP POST /api/agentEmergency                | function key + Entra bearer token         |
 * | `agentState`     | HTTP POST /api/agentState                    | function key + Entra bearer token         |
 * | `outboundCall`   | HTTP POST /api/outboundCall                  | function key + Entra bearer token         |
 * | `expireLeases`   | timer, every minute                          | -                                         |
 *
 * The runtime (settings, adapters) is built on the first invocation and reused; a settings error fails
 * every invocation with the message naming the setting, until the settings are fixed.
 */
import { app, type HttpRequest, type InvocationContext } from "@azure/functions";
import { agentEmergency } from "./handlers/agentEmergency";
import { agentState } from "./handlers/agentState";
import { callEvents } from "./handlers/callEvents";
import { EXPIRE_LEASES_SCHEDULE, expireLeases } from "./handlers/expireLeases";
import { incomingCall } from "./handlers/incomingCall";
import { outboundCall } from "./handlers/outboundCall";
import { createRuntime, type Runtime } from "./runtime";
import { loadSettings } from "./settings";

let current: Promise<Runtime> | undefined;

function runtime(context: InvocationContext): Promise<Runtime> {
  current ??= (async () => createRuntime(loadSettings(process.env)))().catch((err: unknown) => {
    current = undefined;
    context.error(`ccvoice runtime cannot start: ${err instanceof Error ? err.message : String(err)}`);
    throw err;
  });
  return current;
}

app.eventGrid("incomingCall", {
  handler: async (event, context) => {
    await incomingCall(event, context, await runtime(context));
  },
});

app.http("callEvents", {
  methods: ["POST"],
  authLevel: "anonymous",
  handler: async (request: HttpRequest, context: InvocationContext) => callEvents(request, context, await runtime(context)),
});

app.http("agentEmergency", {
  methods: ["POST"],
  authLevel: "function",
  handler: async (request, context) => agentEmergency(request, context, await runtime(context)),
});

app.http("agentState", {
  methods: ["POST"],
  authLevel: "function",
  handler: async (request, context) => agentState(request, context, await runtime(context)),
});

app.http("outboundCall", {
  methods: ["POST"],
  authLevel: "function",
  handler: async (request, context) => outboundCall(request, context, await runtime(context)),
});

app.timer("expireLeases", {
  schedule: EXPIRE_LEASES_SCHEDULE,
  handler: async (timer, context) => {
    await expireLeases(timer, context, await runtime(context));
  },
});
