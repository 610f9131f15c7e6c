/**
 * The Graph client of the Graph-backed providers: where its bearer token goes when Graph answers with
 * a redirect. Two local servers on different ports are two origins.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { findUser } from "../../src/providers/graph/graphCalls";

const TOKEN = "graph-token-that-must-stay-home";
const saved = { ...process.env };
const servers: Server[] = [];

afterEach(async () => {
  process.env = { ...saved };
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** Starts a server that records the Authorization header of each request and answers with `reply`. */
async function serve(reply: (path: string) => { status: number; headers?: Record<string, string>; body?: unknown }) {
  const seen: Array<{ path: string; authorization: string | undefined }> = [];
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? "", authorization: req.headers.authorization });
    const { status, headers = {}, body } = reply(req.url ?? "");
    res.writeHead(status, { ...(body ? { "content-type": "application/json" } : {}), ...headers });
    res.end(body ? JSON.stringify(body) : undefined);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const user = { id: "5b2f6e0a-1c3d-4e5f-8a9b-0c1d2e3f4a5b", userPrincipalName: "cc@contoso.com", usageLocation: "US", assignedLicenses: [] };

describe("createGraphClient", () => {
  it("does not send the bearer token to another origin that a redirect points to", async () => {
    const elsewhere = await serve(() => ({ status: 200, body: user }));
    const graph = await serve((path) => ({ status: 302, headers: { location: `${elsewhere.url}${path}` } }));
    process.env.CCVOICE_GRAPH_ENDPOINT = graph.url;
    process.env.CCVOICE_GRAPH_ACCESS_TOKEN = TOKEN;
    await findUser("cc@contoso.com");
    expect(graph.seen.map((r) => r.authorization)).toEqual([`Bearer ${TOKEN}`]);
    expect(elsewhere.seen.map((r) => r.authorization)).toEqual([undefined]);
  });

  it("keeps the bearer token on a redirect within the Graph endpoint", async () => {
    let base = "";
    const graph = await serve((path) => (path.startsWith("/v1.0/moved/") ? { status: 200, body: user } : { status: 302, headers: { location: `${base}/v1.0/moved${path.slice(5)}` } }));
    base = graph.url;
    process.env.CCVOICE_GRAPH_ENDPOINT = graph.url;
    process.env.CCVOICE_GRAPH_ACCESS_TOKEN = TOKEN;
    expect(await findUser("cc@contoso.com")).toMatchObject({ id: user.id });
    expect(graph.seen.map((r) => r.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });
});
