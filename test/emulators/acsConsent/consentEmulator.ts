/**
 * A local emulator of the ACS Teams-extension consent endpoint
 * (`/access/teamsExtension/tenants/{tenantId}/assignments/{objectId}?api-version=2025-06-30`), on a
 * random loopback port, that verifies the HMAC-SHA256 access-key signature the way the service does
 * (reference/azure-voice-api-facts.md section 1.7):
 *
 * - `x-ms-content-sha256` must be base64(SHA-256(body));
 * - string to sign = `VERB\npathAndQuery\nx-ms-date;host;contentHash`, where pathAndQuery is the path
 *   plus `?` and the query re-serialised by `URLSearchParams`;
 * - signature = base64(HMAC-SHA256(base64-decoded key, string to sign)), sent as
 *   `Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=<sig>`.
 *
 * The host is taken from the literal `Host` header received; if that does not verify, the
 * `host:port:port` form some SDK versions sign is tried too (the pitfall noted in the fact sheet).
 * Answers: PUT 201 (200 when it existed), GET 200 or 404, DELETE 204 or 404; 401 for a bad signature;
 * 400 for a missing api-version or a bad body; 429 with `Retry-After` on demand.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const CONSENT_EMULATOR_API_VERSION = "2025-06-30";

export interface ConsentEmulator {
  /** Endpoint, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The access key (base64) that signatures must use. */
  readonly accessKey: string;
  /** Consents by `tenantId/objectId`. */
  readonly consents: Map<string, { principalType: string; clientIds?: string[] }>;
  readonly requests: { method: string; path: string; status: number; signedHost?: string }[];
  /** Answers the next `count` requests with 429 and `Retry-After: seconds`. */
  throttle(count: number, retryAfterSeconds: number): void;
  close(): Promise<void>;
}

function sign(key: string, text: string): string {
  return createHmac("sha256", Buffer.from(key, "base64")).update(text, "utf8").digest("base64");
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Which host form the request was signed with, or undefined when the signature does not verify.
 *
 * @param req the request (headers read)
 * @param body the body text
 * @param key access key (base64)
 * @param port the emulator's port, for the `host:port:port` form
 */
export function verifyHmac(req: IncomingMessage, body: string, key: string, port: number): string | undefined {
  const date = req.headers["x-ms-date"];
  const hash = req.headers["x-ms-content-sha256"];
  const auth = req.headers.authorization;
  const host = req.headers.host;
  if (typeof date !== "string" || typeof hash !== "string" || typeof auth !== "string" || typeof host !== "string") return undefined;
  if (hash !== createHash("sha256").update(body, "utf8").digest("base64")) return undefined;
  const m = /^HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=(.+)$/.exec(auth);
  if (!m || !m[1]) return undefined;
  const url = new URL(req.url ?? "/", "http://emulator");
  const query = url.searchParams.toString();
  const pathAndQuery = query ? `${url.pathname}?${query}` : url.pathname;
  for (const signedHost of [host, `${host}:${port}`]) {
    const expected = sign(key, `${(req.method ?? "GET").toUpperCase()}\n${pathAndQuery}\n${date};${signedHost};${hash}`);
    if (same(expected, m[1])) return signedHost;
  }
  return undefined;
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): number {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, { ...(text ? { "Content-Type": "application/json" } : {}), ...headers });
  res.end(text);
  return status;
}

/**
 * Starts the consent emulator.
 *
 * @param accessKey base64 access key @default a fixed test key
 */
export async function startConsentEmulator(accessKey = Buffer.from("ccvoice-consent-emulator-key-0001").toString("base64")): Promise<ConsentEmulator> {
  const consents = new Map<string, { principalType: string; clientIds?: string[] }>();
  const requests: ConsentEmulator["requests"] = [];
  let throttled = 0;
  let retryAfter = 1;
  let port = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const method = req.method ?? "GET";
      const url = new URL(req.url ?? "/", "http://emulator");
      const record = (status: number, signedHost?: string) => requests.push({ method, path: url.pathname, status, ...(signedHost ? { signedHost } : {}) });
      if (throttled > 0) {
        throttled--;
        return record(send(res, 429, { error: { code: "TooManyRequests", message: "Too many requests" } }, { "Retry-After": String(retryAfter) }));
      }
      const signedHost = verifyHmac(req, body, accessKey, port);
      if (!signedHost) return record(send(res, 401, { error: { code: "Unauthorized", message: "The request signature is not valid" } }));
      if (url.searchParams.get("api-version") !== CONSENT_EMULATOR_API_VERSION) {
        return record(send(res, 400, { error: { code: "InvalidApiVersion", message: `api-version must be ${CONSENT_EMULATOR_API_VERSION}` } }), signedHost);
      }
      const m = /^\/access\/teamsExtension\/tenants\/([0-9a-f-]{36})\/assignments\/([0-9a-f-]{36})$/i.exec(url.pathname);
      if (!m) return record(send(res, 404, { error: { code: "NotFound", message: `no route for ${url.pathname}` } }), signedHost);
      const key = `${m[1]!.toLowerCase()}/${m[2]!.toLowerCase()}`;
      if (method === "GET") {
        const found = consents.get(key);
        return record(found ? send(res, 200, { objectId: m[2], tenantId: m[1], ...found }) : send(res, 404, { error: { code: "NotFound", message: "assignment not found" } }), signedHost);
      }
      if (method === "DELETE") {
        return record(consents.delete(key) ? send(res, 204) : send(res, 404, { error: { code: "NotFound", message: "assignment not found" } }), signedHost);
      }
      if (method === "PUT") {
        let parsed: { principalType?: unknown; clientIds?: unknown };
        try {
          parsed = JSON.parse(body) as typeof parsed;
        } catch {
          return record(send(res, 400, { error: { code: "BadRequest", message: "body is not JSON" } }), signedHost);
        }
        if (parsed.principalType !== "teamsResourceAccount" && parsed.principalType !== "user") {
          return record(send(res, 400, { error: { code: "BadRequest", message: "principalType must be teamsResourceAccount or user" } }), signedHost);
        }
        const existed = consents.has(key);
        consents.set(key, { principalType: parsed.principalType, ...(Array.isArray(parsed.clientIds) ? { clientIds: parsed.clientIds as string[] } : {}) });
        return record(send(res, existed ? 200 : 201, { objectId: m[2], tenantId: m[1], principalType: parsed.principalType }), signedHost);
      }
      return record(send(res, 405, { error: { code: "MethodNotAllowed", message: method } }), signedHost);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    accessKey,
    consents,
    requests,
    throttle(count, seconds) {
      throttled = count;
      retryAfter = seconds;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
