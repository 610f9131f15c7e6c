/**
 * A local Call Automation (and ACS Email) emulator speaking the REST paths the installed
 * `@azure/communication-call-automation` 1.6 and `@azure/communication-email` 1.1 SDKs call (from their
 * generated operation specs), with HMAC access-key verification. It posts callbacks as CloudEvent arrays
 * signed with its own RSA key (JWKS at `/calling/keys`) to the callback URL given on answer, in order or
 * shuffled, with duplicates on request.
 *
 * Calls: `placeCall` creates a ringing call and returns its Event Grid `IncomingCall` event; the runtime
 * answers (`POST /calling/callConnections:answer`), which emits `CallConnected`; `participants:add` emits
 * `AddParticipantSucceeded` or `AddParticipantFailed` per the target's behaviour; `:play` emits
 * `PlayCompleted`; `DELETE /calling/callConnections/{id}` and `:terminate` emit `CallDisconnected`.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { callbackEvent, identifier, incomingCallEvent, newServerCallId, partyOfModel } from "./events";
import { hmacProblem } from "./hmac";
import { JwtSigner } from "./jwtSigner";

/** How a participant answers an invitation. */
export type ParticipantBehaviour = "accept" | "decline";

/** Delivery of callbacks. */
export interface DeliveryOptions {
  /** Extra copies of every callback. @default 0 */
  duplicates?: number;
  /** Deliver each copy after a random delay in [0, jitterMs], so callbacks overtake each other. @default 0 */
  jitterMs?: number;
  /** Seed of the random order (repeatable runs). @default 1 */
  seed?: number;
}

/** One emulated call. */
export interface EmulatedCall {
  readonly serverCallId: string;
  readonly correlationId: string;
  readonly from: string;
  readonly to: string;
  readonly incomingCallContext: string;
  state: "ringing" | "connecting" | "connected" | "disconnected" | "rejected" | "redirected";
  callConnectionId?: string;
  callbackUri?: string;
  /** Parties that joined through `participants:add`. */
  participants: string[];
}

/** Something that happened, in order (for assertions and `ccvoice call`). */
export interface EmulatorEntry {
  readonly at: number;
  readonly kind: "request" | "callback";
  /** `answer`, `reject`, `addParticipant`, `play`, `hangUp`, `createCall`, `startRecording`, `sendEmail`, or the callback type. */
  readonly what: string;
  readonly callConnectionId?: string;
  readonly serverCallId?: string;
  /** Request: the target. */
  readonly detail?: string;
  /** Request: the emulator's HTTP status; callback: the runtime's (set once it answered). */
  status?: number;
  readonly body?: Record<string, unknown>;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The emulator. */
export class CallAutomationEmulator {
  readonly accessKey = randomBytes(32).toString("base64");
  readonly log: EmulatorEntry[] = [];
  readonly calls = new Map<string, EmulatedCall>();
  /** Emails accepted, one per distinct `Operation-Id`. */
  readonly emails: { operationId: string; to: string[]; subject: string; text: string }[] = [];
  /** Every `POST /emails:send`, including repeats of an `Operation-Id`. */
  emailRequests = 0;
  /** Delay before `PlayCompleted`, ms. */
  playDurationMs = 30;
  /** Delay before `CallConnected` / participant results, ms. */
  latencyMs = 5;
  /** `GET /calling/keys` requests served (JWKS fetches by the runtime's verifier). */
  keysRequests = 0;
  /** Faults to inject: the next `times` requests whose path matches get `status` (the JWKS path included). */
  readonly faults: { method: string; path: RegExp; status: number; times: number }[] = [];
  private readonly behaviours = new Map<string, ParticipantBehaviour>();
  private delivery: Required<DeliveryOptions> = { duplicates: 0, jitterMs: 0, seed: 1 };
  private random = mulberry32(1);
  private readonly pending = new Set<Promise<unknown>>();
  /** Scheduled callbacks per call, cancelled when the call ends (no PlayCompleted after a hang-up). */
  private readonly timers = new Map<string, Set<{ timer: NodeJS.Timeout; resolve: () => void }>>();
  private server?: Server;
  private signer?: JwtSigner;
  endpoint = "";

  constructor(
    /** The ACS immutable resource id: audience of callback tokens. */
    readonly resourceId = "11111111-2222-3333-4444-555555555555",
  ) {}

  /** Issuer of callback tokens (`CCVOICE_CALLBACK_ISSUER`). */
  get issuer(): string {
    return this.endpoint;
  }
  /** JWKS URL (`CCVOICE_CALLBACK_JWKS_URL`). */
  get jwksUrl(): string {
    return `${this.endpoint}/calling/keys`;
  }
  /** The key the SDKs sign with (`CCVOICE_ACS_ACCESS_KEY`). */
  get connectionString(): string {
    return `endpoint=${this.endpoint}/;accesskey=${this.accessKey}`;
  }

  /** Starts listening on a free loopback port. */
  async start(port = 0): Promise<this> {
    this.signer = await JwtSigner.create();
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Stops the server (after pending deliveries). */
  async stop(): Promise<void> {
    await this.settled();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections?.();
  }

  /** Changes how callbacks are delivered. */
  setDelivery(options: DeliveryOptions): void {
    this.delivery = { duplicates: options.duplicates ?? 0, jitterMs: options.jitterMs ?? 0, seed: options.seed ?? 1 };
    this.random = mulberry32(this.delivery.seed);
  }

  /** How a party answers `participants:add` (default accept). */
  setBehaviour(party: string, behaviour: ParticipantBehaviour): void {
    this.behaviours.set(party, behaviour);
  }

  /** A signed token as Call Automation sends it (for tests of forged/expired tokens, sign your own). */
  async callbackToken(options: { expiresInSeconds?: number; now?: number; audience?: string } = {}): Promise<string> {
    return this.signer!.sign({}, { issuer: this.issuer, audience: options.audience ?? this.resourceId, ...options });
  }

  /**
   * Creates a ringing call.
   *
   * @param from caller (`+1...`)
   * @param to callee (`+1...` or `28:orgid:<resource account>`)
   * @returns the call and its Event Grid `IncomingCall` event
   */
  async placeCall(from: string, to: string): Promise<{ call: EmulatedCall; event: ReturnType<typeof incomingCallEvent> }> {
    const serverCallId = newServerCallId();
    const incomingCallContext = await this.signer!.sign({ scid: serverCallId }, { issuer: this.issuer, audience: "incoming-call-context", expiresInSeconds: 120 });
    const call: EmulatedCall = { serverCallId, correlationId: randomUUID(), from, to, incomingCallContext, state: "ringing", participants: [] };
    this.calls.set(serverCallId, call);
    return { call, event: incomingCallEvent({ from, to, serverCallId, incomingCallContext }) };
  }

  /** Drops the callbacks still scheduled for a call that ended. */
  private cancelScheduled(serverCallId: string): void {
    for (const entry of this.timers.get(serverCallId) ?? []) {
      clearTimeout(entry.timer);
      entry.resolve();
    }
    this.timers.delete(serverCallId);
  }

  /** The caller hangs up: the call ends for everyone and `CallDisconnected` is posted. */
  hangUpCaller(serverCallId: string): void {
    const call = this.calls.get(serverCallId);
    if (!call || call.state === "disconnected") return;
    this.cancelScheduled(serverCallId);
    this.emit(call, "CallDisconnected", { resultInformation: { code: 200, subCode: 0, message: "caller hung up" } });
    call.state = "disconnected";
  }

  /** Resolves when no callback is scheduled or in flight (callbacks may trigger requests that schedule more). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Requests and callbacks for one call. */
  entriesFor(serverCallId: string): EmulatorEntry[] {
    return this.log.filter((e) => e.serverCallId === serverCallId);
  }

  /** Requests of one kind (e.g. `answer`). */
  requests(what: string): EmulatorEntry[] {
    return this.log.filter((e) => e.kind === "request" && e.what === what);
  }

  private byConnection(id: string): EmulatedCall | undefined {
    for (const call of this.calls.values()) if (call.callConnectionId === id) return call;
    return undefined;
  }

  private track<T>(p: Promise<T>): void {
    const tracked = p.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /** Schedules a callback (and its duplicates) to the call's callback URL. */
  private emit(call: EmulatedCall, type: string, data: Record<string, unknown> = {}, afterMs = this.latencyMs): void {
    if (!call.callbackUri || !call.callConnectionId) return;
    const event = callbackEvent(type, { callConnectionId: call.callConnectionId, serverCallId: call.serverCallId, correlationId: call.correlationId }, data);
    const scheduled = this.timers.get(call.serverCallId) ?? new Set();
    this.timers.set(call.serverCallId, scheduled);
    for (let copy = 0; copy <= this.delivery.duplicates; copy++) {
      const delay = afterMs + Math.floor(this.random() * (this.delivery.jitterMs + 1));
      this.track(
        new Promise<boolean>((resolve) => {
          const entry = { timer: setTimeout(() => (scheduled.delete(entry), resolve(true)), delay), resolve: () => resolve(false) };
          if (type !== "CallDisconnected") scheduled.add(entry);
        }).then((due) => (due ? this.post(call, type, event) : undefined)),
      );
    }
  }

  private async post(call: EmulatedCall, type: string, event: Record<string, unknown>): Promise<void> {
    if (type === "CallConnected" && call.state === "connecting") call.state = "connected";
    const token = await this.callbackToken();
    const entry: EmulatorEntry & { status?: number } = { at: Date.now(), kind: "callback", what: type, callConnectionId: call.callConnectionId, serverCallId: call.serverCallId, body: event };
    this.log.push(entry);
    let status = 0;
    try {
      const response = await fetch(call.callbackUri!, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify([event]),
      });
      status = response.status;
      await response.arrayBuffer();
    } catch {
      status = -1;
    }
    entry.status = status;
  }

  private record(what: string, call: EmulatedCall | undefined, detail?: string, status?: number, body?: Record<string, unknown>): void {
    this.log.push({ at: Date.now(), kind: "request", what, callConnectionId: call?.callConnectionId, serverCallId: call?.serverCallId, detail, status, body });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", this.endpoint);
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const fail = (status: number, code: string, message: string) => send(status, { error: { code, message } });
    if (req.method === "GET" && url.pathname === "/calling/keys") {
      this.keysRequests++;
      const fault = this.faults.find((f) => f.times > 0 && f.method === "GET" && f.path.test(url.pathname));
      if (fault) {
        fault.times--;
        return fail(fault.status, "InjectedFault", `injected ${fault.status} for ${url.pathname}`);
      }
      return send(200, this.signer!.jwks());
    }
    if (req.method === "GET" && url.pathname === "/calling/.well-known/acsopenidconfiguration") {
      return send(200, { issuer: this.issuer, jwks_uri: this.jwksUrl, id_token_signing_alg_values_supported: ["RS256"] });
    }
    const problem = hmacProblem(req, text, this.accessKey);
    if (problem) return fail(401, "Unauthorized", problem);
    if (!url.searchParams.get("api-version")) return fail(400, "MissingApiVersionParameter", "api-version is required");
    const fault = this.faults.find((f) => f.times > 0 && f.method === req.method && f.path.test(url.pathname));
    if (fault) {
      fault.times--;
      return fail(fault.status, "InjectedFault", `injected ${fault.status} for ${url.pathname}`);
    }
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    return this.route(req.method ?? "GET", url, body, send, fail, req);
  }

  private route(
    method: string,
    url: URL,
    body: Record<string, unknown>,
    send: (status: number, body?: unknown, headers?: Record<string, string>) => void,
    fail: (status: number, code: string, message: string) => void,
    req: IncomingMessage,
  ): void {
    const path = url.pathname;
    const ringing = (context: unknown) => [...this.calls.values()].find((c) => c.incomingCallContext === context);
    if (method === "POST" && (path === "/calling/callConnections:answer" || path === "/calling/callConnections:reject" || path === "/calling/callConnections:redirect")) {
      const call = ringing(body.incomingCallContext);
      const what = path.slice(path.indexOf(":") + 1);
      if (!call) return fail(400, "8523", "invalid incomingCallContext");
      if (call.state !== "ringing") {
        this.record(what, call, `refused: call is ${call.state}`, 400);
        return fail(400, "8502", `call already ${call.state}`);
      }
      if (what === "answer") {
        call.state = "connecting";
        call.callConnectionId = randomUUID();
        call.callbackUri = String(body.callbackUri ?? "");
        this.record("answer", call, undefined, 200, body);
        send(200, {
          callConnectionId: call.callConnectionId,
          serverCallId: call.serverCallId,
          callbackUri: call.callbackUri,
          callConnectionState: "connecting",
          source: identifier(call.to.startsWith("28:") || call.to.startsWith("+") ? call.to : "+10000000000"),
          targets: [identifier(call.from)],
          correlationId: call.correlationId,
        });
        this.emit(call, "CallConnected", { operationContext: body.operationContext, resultInformation: { code: 200, subCode: 0, message: "The call connected" } });
        return;
      }
      call.state = what === "reject" ? "rejected" : "redirected";
      this.record(what, call, partyOfModel(body.target as Record<string, unknown>), 204, body);
      return send(204);
    }
    if (method === "POST" && path === "/calling/callConnections") {
      const target = partyOfModel((body.targets as Record<string, unknown>[] | undefined)?.[0]);
      const call: EmulatedCall = { serverCallId: newServerCallId(), correlationId: randomUUID(), from: "server", to: target, incomingCallContext: "", state: "connecting", participants: [target], callConnectionId: randomUUID(), callbackUri: String(body.callbackUri ?? "") };
      this.calls.set(call.serverCallId, call);
      this.record("createCall", call, target, 201, body);
      send(201, { callConnectionId: call.callConnectionId, serverCallId: call.serverCallId, callConnectionState: "connecting", targets: [identifier(target.startsWith("+") ? target : "+10000000000")] });
      this.emit(call, "CallConnected", { operationContext: body.operationContext, resultInformation: { code: 200, subCode: 0 } });
      return;
    }
    const match = /^\/calling\/callConnections\/([^/:]+)(.*)$/.exec(path);
    if (match) {
      const call = this.byConnection(decodeURIComponent(match[1] ?? ""));
      const rest = match[2] ?? "";
      if (!call || (call.state === "disconnected" && !(method === "DELETE" && rest === ""))) return fail(404, "8522", "call connection not found");
      if (method === "POST" && rest === "/participants:add") {
        const target = partyOfModel(body.participantToAdd as Record<string, unknown>);
        if (call.state !== "connected") {
          this.record("addParticipant", call, `refused: call is ${call.state}`, 400, body);
          return fail(400, "8501", `Action is not valid when the call is ${call.state}`);
        }
        this.record("addParticipant", call, target, 202, body);
        send(202, { operationContext: body.operationContext, participant: { identifier: identifier(target), isMuted: false, isOnHold: false }, invitationId: randomUUID() });
        const accept = (this.behaviours.get(target) ?? "accept") === "accept";
        if (accept) call.participants.push(target);
        this.emit(call, accept ? "AddParticipantSucceeded" : "AddParticipantFailed", {
          operationContext: body.operationContext,
          participant: identifier(target),
          resultInformation: accept ? { code: 200, subCode: 0, message: "added" } : { code: 408, subCode: 10004, message: "participant did not answer" },
        });
        return;
      }
      if (method === "POST" && rest === ":play") {
        if (call.state !== "connected") return fail(400, "8501", `Action is not valid when the call is ${call.state}`);
        this.record("play", call, String(((body.playSources as Record<string, unknown>[] | undefined)?.[0]?.file as { uri?: string } | undefined)?.uri ?? ""), 202, body);
        send(202);
        this.emit(call, "PlayCompleted", { operationContext: body.operationContext, resultInformation: { code: 200, subCode: 0 } }, this.playDurationMs);
        return;
      }
      if ((method === "DELETE" && rest === "") || (method === "POST" && rest === ":terminate")) {
        this.record("hangUp", call, undefined, 204);
        send(204);
        if (call.state !== "disconnected") {
          this.cancelScheduled(call.serverCallId);
          this.emit(call, "CallDisconnected", { resultInformation: { code: 200, subCode: 0 } });
          call.state = "disconnected";
        }
        return;
      }
      if (method === "GET" && rest === "") return send(200, { callConnectionId: call.callConnectionId, serverCallId: call.serverCallId, callConnectionState: call.state });
    }
    if (method === "POST" && path === "/calling/recordings") {
      this.record("startRecording", undefined, undefined, 202, body);
      return send(202, { recordingId: randomUUID(), recordingState: "active" });
    }
    if (method === "POST" && path === "/emails:send") {
      this.emailRequests++;
      const operationId = String(req.headers["operation-id"] ?? randomUUID());
      if (!this.emails.some((e) => e.operationId === operationId)) {
        const recipients = ((body.recipients as { to?: { address: string }[] } | undefined)?.to ?? []).map((r) => r.address);
        const content = (body.content ?? {}) as { subject?: string; plainText?: string };
        this.emails.push({ operationId, to: recipients, subject: content.subject ?? "", text: content.plainText ?? "" });
      }
      this.record("sendEmail", undefined, operationId, 202, body);
      return send(202, { id: operationId, status: "Running" }, { "operation-location": `${this.endpoint}/emails/operations/${operationId}?api-version=${url.searchParams.get("api-version")}`, "retry-after": "1" });
    }
    const op = /^\/emails\/operations\/([^/]+)$/.exec(path);
    if (method === "GET" && op) return send(200, { id: op[1], status: "Succeeded" });
    return fail(404, "NotFound", `${method} ${path} is not emulated`);
  }
}
