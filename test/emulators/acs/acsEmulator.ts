/**
 * A local Azure Communication Services data-plane emulator (node:http on a random loopback port) for
 * the SIP routing and phone number providers, driven by the real Azure SDK clients.
 *
 * Speaks the wire protocol of `@azure/communication-phone-numbers` 1.5.0's generated operation specs:
 * `GET`/`PATCH /sip` (merge-patch), search/purchase/release/capabilities as long-running operations
 * with `Operation-Location`, list and get of purchased numbers; verifies the HMAC-SHA256 signature of
 * every request (401 otherwise); answers errors as `{error:{code,message}}` with `x-ms-error-code`;
 * injects faults (429/503 with Retry-After, latency, lost responses); logs every request.
 *
 * @example
 *   const acs = await startAcsEmulator({ sip: { domains: { "contoso.com": { enabled: true } } } });
 *   process.env.CCVOICE_ACS_ACCESS_KEY = acs.accessKey;
 *   // ... acs.endpoint, acs.requests, acs.numbers.ledger
 *   await acs.close();
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FaultInjector, type FaultOptions } from "./faults";
import { hmacProblem } from "./hmac";
import { NUMBERS_API_VERSIONS, PhoneNumberStore, type PhoneNumberStoreOptions } from "./phoneNumberStore";
import { ApiError, SIP_API_VERSIONS, SipStore, type SipSeed } from "./sipStore";

/** Emulator options. */
export interface AcsEmulatorOptions extends PhoneNumberStoreOptions {
  /** Base64 access key the emulator verifies signatures with. @default 32 random bytes */
  accessKey?: string;
  /** Initial SIP configuration (verified domains, trunks, routes). @default empty */
  sip?: SipSeed;
  /** Faults to inject. @default none */
  faults?: FaultOptions;
}

/** One logged request. `status` is what was sent, or `lost` when the response was dropped. */
export interface RequestLogEntry {
  method: string;
  path: string;
  apiVersion: string | null;
  status: number | "lost";
  /** True when the status was injected (not processed). */
  injected: boolean;
  at: number;
}

/** A running emulator. */
export interface AcsEmulator {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  accessKey: string;
  /** `endpoint=...;accesskey=...` for the SDK's connection-string constructors. */
  connectionString: string;
  sip: SipStore;
  numbers: PhoneNumberStore;
  faults: FaultInjector;
  requests: RequestLogEntry[];
  /** Processed requests (not injected faults, not auth failures) matching the filter. */
  count(filter?: { method?: string; path?: RegExp }): number;
  /** Processed non-GET requests that succeeded. */
  writes(): RequestLogEntry[];
  clearLog(): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseJson(text: string): Record<string, unknown> {
  if (text.length === 0) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new ApiError(400, "InvalidRequestBody", "the body is not valid JSON");
  }
}

/** Starts an emulator on 127.0.0.1 with a random port. */
export async function startAcsEmulator(options: AcsEmulatorOptions = {}): Promise<AcsEmulator> {
  const accessKey = options.accessKey ?? randomBytes(32).toString("base64");
  const sip = new SipStore(options.sip);
  const numbers = new PhoneNumberStore(options);
  const faults = new FaultInjector(options.faults);
  const requests: RequestLogEntry[] = [];
  let base = "";
  let port = 0;

  const lro = (opId: string, apiVersion: string, extra: Record<string, string> = {}, body?: unknown): Reply => ({
    status: 202,
    body,
    headers: { "operation-location": `${base}/phoneNumbers/operations/${opId}?api-version=${apiVersion}`, "operation-id": opId, ...extra },
  });

  const route = (method: string, path: string, query: URLSearchParams, text: string): Reply => {
    const apiVersion = query.get("api-version") as string;
    let m: RegExpExecArray | null;
    if (path === "/sip") {
      if (!SIP_API_VERSIONS.includes(apiVersion)) throw new ApiError(400, "InvalidApiVersion", `api-version ${apiVersion} is not supported for /sip`);
      if (method === "GET") return { status: 200, body: sip.view(apiVersion) };
      if (method === "PATCH") {
        sip.patch(parseJson(text), apiVersion);
        return { status: 200, body: sip.view(apiVersion) };
      }
      throw new ApiError(405, "MethodNotAllowed", `${method} /sip is not supported`);
    }
    if (!NUMBERS_API_VERSIONS.includes(apiVersion)) throw new ApiError(400, "InvalidApiVersion", `api-version ${apiVersion} is not supported for phone numbers`);
    numbers.tick();
    if (method === "POST" && (m = /^\/availablePhoneNumbers\/countries\/([A-Z]{2})\/:search$/.exec(path))) {
      const { op, search } = numbers.search(m[1] as string, parseJson(text));
      return lro(op.id, apiVersion, { location: `${base}/availablePhoneNumbers/searchResults/${search.searchId}?api-version=${apiVersion}`, "search-id": search.searchId });
    }
    if (method === "GET" && (m = /^\/availablePhoneNumbers\/searchResults\/([^/]+)$/.exec(path))) return { status: 200, body: numbers.searchResult(m[1] as string) };
    if (method === "POST" && path === "/availablePhoneNumbers/:purchase") {
      const op = numbers.purchase(parseJson(text));
      return lro(op.id, apiVersion, { "purchase-id": op.id });
    }
    if ((m = /^\/phoneNumbers\/operations\/([^/]+)$/.exec(path))) {
      if (method === "GET") return { status: 200, body: numbers.operationBody(m[1] as string, base, apiVersion) };
      if (method === "DELETE") return { status: 204 };
    }
    if (method === "GET" && path === "/phoneNumbers") return { status: 200, body: listPage(numbers, query) };
    if ((m = /^\/phoneNumbers\/([^/]+)\/capabilities$/.exec(path)) && method === "PATCH") {
      const phoneNumber = decodeURIComponent(m[1] as string);
      const op = numbers.updateCapabilities(phoneNumber, parseJson(text));
      return lro(op.id, apiVersion, { location: `${base}/phoneNumbers/${encodeURIComponent(phoneNumber)}?api-version=${apiVersion}`, "capabilities-id": op.id }, numbers.get(phoneNumber));
    }
    if ((m = /^\/phoneNumbers\/([^/]+)$/.exec(path))) {
      const phoneNumber = decodeURIComponent(m[1] as string);
      if (method === "GET") return { status: 200, body: numbers.get(phoneNumber) };
      if (method === "DELETE") {
        const op = numbers.release(phoneNumber);
        return lro(op.id, apiVersion, { "release-id": op.id });
      }
    }
    throw new ApiError(404, "NotFound", `${method} ${path} is not an operation of this emulator`);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const text = await readBody(req);
    const url = new URL(req.url ?? "/", base);
    const method = (req.method ?? "GET").toUpperCase();
    const path = url.pathname;
    const apiVersion = url.searchParams.get("api-version");
    const entry: RequestLogEntry = { method, path, apiVersion, status: 0, injected: false, at: Date.now() };
    requests.push(entry);
    const send = (reply: Reply): void => {
      entry.status = reply.status;
      const headers: Record<string, string> = { "x-ms-request-id": randomBytes(8).toString("hex"), ...(reply.headers ?? {}) };
      if (reply.body !== undefined) headers["content-type"] = "application/json";
      res.writeHead(reply.status, headers);
      res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
    };
    const fail = (e: ApiError, extra: Record<string, string> = {}): void =>
      send({ status: e.status, body: { error: { code: e.code, message: e.message } }, headers: { "x-ms-error-code": e.code, ...extra } });

    if (faults.options.latencyMs) await new Promise((r) => setTimeout(r, faults.options.latencyMs));
    const problem = hmacProblem({ method, url: req.url ?? "/", headers: req.headers, body: text }, accessKey, port);
    if (problem) return fail(new ApiError(401, "Unauthorized", `Denied: ${problem}`));
    const injected = faults.statusFor(path);
    if (injected) {
      entry.injected = true;
      const e = injected === 429 ? new ApiError(429, "TooManyRequests", "rate limit exceeded (injected)") : new ApiError(503, "ServiceUnavailable", "service unavailable (injected)");
      return fail(e, faults.retryHeaders());
    }
    if (apiVersion === null) return fail(new ApiError(400, "MissingApiVersionParameter", "the api-version query parameter is required"));
    let reply: Reply;
    try {
      reply = route(method, path, url.searchParams, text);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return fail(e, e.status === 429 ? faults.retryHeaders() : {});
    }
    if (faults.loseResponse(method, path)) {
      entry.status = "lost";
      req.socket.destroy();
      return;
    }
    send(reply);
  };

  function listPage(store: PhoneNumberStore, query: URLSearchParams): Record<string, unknown> {
    const skip = Number(query.get("skip") ?? 0);
    const top = Number(query.get("top") ?? 100);
    const all = [...store.purchased.values()];
    const body: Record<string, unknown> = { phoneNumbers: all.slice(skip, skip + top) };
    if (skip + top < all.length) body.nextLink = `/phoneNumbers?skip=${skip + top}&top=${top}&api-version=${query.get("api-version")}`;
    return body;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.writeHead(500, { "content-type": "application/json", "x-ms-error-code": "InternalError" });
      res.end(JSON.stringify({ error: { code: "InternalError", message: String(e) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;

  const processed = (r: RequestLogEntry) => !r.injected && r.status !== 401;
  return {
    endpoint: base,
    accessKey,
    connectionString: `endpoint=${base}/;accesskey=${accessKey}`,
    sip,
    numbers,
    faults,
    requests,
    count: (filter = {}) =>
      requests.filter((r) => processed(r) && (!filter.method || r.method === filter.method) && (!filter.path || filter.path.test(r.path))).length,
    writes: () => requests.filter((r) => processed(r) && r.method !== "GET" && (r.status === "lost" || r.status < 400)),
    clearLog: () => void requests.splice(0, requests.length),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
