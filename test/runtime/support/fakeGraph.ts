/**
 * A minimal stand-in for Microsoft Graph's presence endpoints, recording what the runtime posts.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AccessToken, TokenCredential } from "@azure/core-auth";

/** One recorded request. */
export interface GraphRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization?: string;
  readonly body: Record<string, unknown>;
}

/** The fake Graph server. */
export class FakeGraph {
  readonly requests: GraphRequest[] = [];
  private server?: Server;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        this.requests.push({ method: req.method ?? "", path: req.url ?? "", authorization: req.headers.authorization, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
        res.writeHead(200, { "content-type": "application/json" });
        res.end("{}");
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1.0`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A credential that returns a fixed token (the fake Graph does not check it, the test does). */
export const fakeCredential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({ token: "graph-token", expiresOnTimestamp: Date.now() + 3_600_000 }),
};
