/**
 * A local Microsoft Graph emulator for the Graph-backed providers (node:http on a random loopback
 * port). It speaks the wire shapes the providers use: users by UPN or id (`$select` ignored),
 * `PATCH /users/{id}`, `POST /users/{id}/assignLicense`, `GET /subscribedSkus`, and the beta telephone
 * number management API with asynchronous operations (`202` + `Location`, polled until `succeeded` or
 * `failed`). It checks the bearer token and can answer 429 with `Retry-After` on demand.
 *
 * Behaviour that copies Graph's documented rules: assignLicense fails (400) for a user without a usage
 * location or for an unknown SKU; assignNumber fails (operation `failed`) for an unknown or unlicensed
 * target or a number assigned elsewhere. Error bodies are `{ error: { code, message } }`.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface EmulatedUser {
  id: string;
  userPrincipalName: string;
  usageLocation: string | null;
  assignedLicenses: { skuId: string; disabledPlans: string[] }[];
}
export interface EmulatedNumber {
  telephoneNumber: string;
  assignmentTargetId: string | null;
  numberType: string;
  activationState: string;
}
interface Operation {
  id: string;
  pollsLeft: number;
  status: "notStarted" | "running" | "succeeded" | "failed";
  complete: () => string | undefined;
  error?: { code: string; message: string };
}

/** One request the emulator answered. */
export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  body?: unknown;
}

export interface GraphEmulatorOptions {
  /** Bearer token accepted. @default "test-graph-token" */
  token?: string;
  /** Polls an operation answers `running` before it completes. @default 1 */
  operationPolls?: number;
}

export interface GraphEmulator {
  /** Base URL, e.g. `http://127.0.0.1:43123`. */
  readonly url: string;
  readonly token: string;
  readonly users: Map<string, EmulatedUser>;
  readonly skus: { skuId: string; skuPartNumber: string }[];
  /** Numbers by digits without `+`. */
  readonly numbers: Map<string, EmulatedNumber>;
  readonly requests: RecordedRequest[];
  /** Adds a user; returns it. */
  addUser(upn: string, init?: Partial<EmulatedUser>): EmulatedUser;
  /** Answers the next `count` requests with 429 and `Retry-After: seconds`. */
  throttle(count: number, retryAfterSeconds: number): void;
  /** Requests that changed state (not GET), as `METHOD path`. */
  writes(): string[];
  close(): Promise<void>;
}

const NUMBERS = "/beta/admin/teams/telephoneNumberManagement";

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): number {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, { ...(text ? { "Content-Type": "application/json" } : {}), ...headers });
  res.end(text);
  return status;
}
const error = (res: ServerResponse, status: number, code: string, message: string) => send(res, status, { error: { code, message } });

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/**
 * Starts the emulator.
 *
 * @param options token and operation speed
 */
export async function startGraphEmulator(options: GraphEmulatorOptions = {}): Promise<GraphEmulator> {
  const token = options.token ?? "test-graph-token";
  const users = new Map<string, EmulatedUser>();
  const skus = [
    { skuId: "440eaaa8-b3e0-484b-a8be-62870b9ba70a", skuPartNumber: "PHONESYSTEM_VIRTUALUSER" },
    { skuId: "c7df2760-2c81-4ef7-b578-5b5392b571df", skuPartNumber: "ENTERPRISEPREMIUM" },
  ];
  const numbers = new Map<string, EmulatedNumber>();
  const operations = new Map<string, Operation>();
  const requests: RecordedRequest[] = [];
  let throttled = 0;
  let retryAfter = 1;
  let base = "";

  const findUser = (key: string) =>
    users.get(key.toLowerCase()) ?? [...users.values()].find((u) => u.userPrincipalName.toLowerCase() === key.toLowerCase());

  function startOperation(complete: () => string | undefined): string {
    const id = randomUUID();
    operations.set(id, { id, pollsLeft: options.operationPolls ?? 1, status: "notStarted", complete });
    return `${base}${NUMBERS}/operations('${id}')`;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<number> {
    if (throttled > 0) {
      throttled--;
      res.setHeader("Retry-After", String(retryAfter));
      return error(res, 429, "TooManyRequests", "Too many requests");
    }
    if (req.headers.authorization !== `Bearer ${token}`) return error(res, 401, "InvalidAuthenticationToken", "Access token is empty or invalid");
    const url = new URL(req.url ?? "/", base);
    const path = decodeURIComponent(url.pathname);
    const method = req.method ?? "GET";
    const body = method === "GET" ? undefined : await readBody(req);
    let m: RegExpExecArray | null;

    if (method === "GET" && path === "/v1.0/subscribedSkus") return send(res, 200, { value: skus });
    if ((m = /^\/v1\.0\/users\/([^/]+)$/.exec(path))) {
      const user = findUser(m[1]!);
      if (!user) return error(res, 404, "Request_ResourceNotFound", `Resource '${m[1]}' does not exist or one of its queried reference-property objects are not present.`);
      if (method === "GET") return send(res, 200, user);
      if (method === "PATCH") {
        const loc = (body as { usageLocation?: unknown } | undefined)?.usageLocation;
        if (typeof loc !== "string" || !/^[A-Z]{2}$/.test(loc)) return error(res, 400, "Request_BadRequest", "Invalid value specified for property 'usageLocation' of resource 'User'.");
        user.usageLocation = loc;
        return send(res, 204);
      }
    }
    if (method === "POST" && (m = /^\/v1\.0\/users\/([^/]+)\/assignLicense$/.exec(path))) {
      const user = findUser(m[1]!);
      if (!user) return error(res, 404, "Request_ResourceNotFound", `Resource '${m[1]}' does not exist.`);
      const b = body as { addLicenses?: { skuId: string; disabledPlans?: string[] }[]; removeLicenses?: string[] } | undefined;
      if (!b || !Array.isArray(b.addLicenses) || !Array.isArray(b.removeLicenses)) return error(res, 400, "Request_BadRequest", "addLicenses and removeLicenses are required.");
      for (const add of b.addLicenses) {
        if (!skus.some((s) => s.skuId === add.skuId)) return error(res, 400, "Request_BadRequest", `License ${add.skuId} does not correspond to a valid company License.`);
        if (!user.usageLocation) return error(res, 400, "Request_BadRequest", "License assignment cannot be done for user with invalid usage location.");
      }
      for (const remove of b.removeLicenses) {
        if (!user.assignedLicenses.some((l) => l.skuId === remove)) return error(res, 400, "Request_BadRequest", `User does not have a corresponding license ${remove}.`);
      }
      user.assignedLicenses = user.assignedLicenses.filter((l) => !b.removeLicenses!.includes(l.skuId));
      for (const add of b.addLicenses) {
        if (!user.assignedLicenses.some((l) => l.skuId === add.skuId)) user.assignedLicenses.push({ skuId: add.skuId, disabledPlans: add.disabledPlans ?? [] });
      }
      return send(res, 200, user);
    }
    if (method === "GET" && path === `${NUMBERS}/numberAssignments`) {
      const filter = url.searchParams.get("$filter") ?? "";
      const fm = /^telephoneNumber eq '(\d+)'$/.exec(filter);
      if (!fm) return error(res, 400, "BadRequest", `unsupported $filter ${filter}`);
      const n = numbers.get(fm[1]!);
      return send(res, 200, { value: n ? [n] : [] });
    }
    if (method === "POST" && (m = new RegExp(`^${NUMBERS}/numberAssignments/(assignNumber|unassignNumber)$`).exec(path))) {
      const b = (body ?? {}) as { telephoneNumber?: string; assignmentTargetId?: string; numberType?: string };
      if (typeof b.telephoneNumber !== "string" || !/^\d{7,15}$/.test(b.telephoneNumber)) return error(res, 400, "BadRequest", "telephoneNumber must be digits");
      if (!["directRouting", "callingPlan", "operatorConnect"].includes(b.numberType ?? "")) return error(res, 400, "BadRequest", "numberType is invalid");
      const phone = b.telephoneNumber;
      const type = b.numberType!;
      const location =
        m[1] === "assignNumber"
          ? startOperation(() => {
              const user = b.assignmentTargetId ? findUser(b.assignmentTargetId) : undefined;
              if (!user) return "the assignment target does not exist";
              if (!user.assignedLicenses.length) return "the assignment target has no licence";
              const current = numbers.get(phone);
              if (current?.assignmentTargetId && current.assignmentTargetId !== user.id) return "the number is assigned to another target";
              numbers.set(phone, { telephoneNumber: phone, assignmentTargetId: user.id, numberType: type, activationState: "activated" });
              return undefined;
            })
          : startOperation(() => {
              const current = numbers.get(phone);
              if (!current?.assignmentTargetId) return "the number is not assigned";
              numbers.set(phone, { ...current, assignmentTargetId: null, activationState: "activated" });
              return undefined;
            });
      return send(res, 202, undefined, { Location: location });
    }
    if (method === "GET" && (m = new RegExp(`^${NUMBERS}/operations\\('([^']+)'\\)$`).exec(path))) {
      const op = operations.get(m[1]!);
      if (!op) return error(res, 404, "NotFound", "operation not found");
      if (op.status === "notStarted" || op.status === "running") {
        if (op.pollsLeft > 0) {
          op.pollsLeft--;
          op.status = "running";
        } else {
          const failure = op.complete();
          op.status = failure ? "failed" : "succeeded";
          if (failure) op.error = { code: "BadRequest", message: failure };
        }
      }
      return send(res, 200, { id: op.id, status: op.status, ...(op.error ? { error: op.error } : {}) });
    }
    return error(res, 404, "NotFound", `no route for ${method} ${path}`);
  }

  const server: Server = createServer((req, res) => {
    const method = req.method ?? "GET";
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    handle(req, res)
      .then((status) => requests.push({ method, path: decodeURIComponent(path), status }))
      .catch((err: unknown) => {
        requests.push({ method, path, status: 500 });
        send(res, 500, { error: { code: "InternalError", message: String(err) } });
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    token,
    users,
    skus,
    numbers,
    requests,
    addUser(upn, init = {}) {
      const user: EmulatedUser = { id: randomUUID(), userPrincipalName: upn, usageLocation: null, assignedLicenses: [], ...init };
      users.set(user.id, user);
      return user;
    },
    throttle(count, seconds) {
      throttled = count;
      retryAfter = seconds;
    },
    writes() {
      return requests.filter((r) => r.method !== "GET" && r.status < 400).map((r) => `${r.method} ${r.path}`);
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
