/**
 * A local token issuer standing in for Entra ID: serves its JWKS over HTTP and signs tokens for the agent
 * endpoints (`CCVOICE_AGENT_AUTH_JWKS_URL` / `_ISSUER` / `_AUDIENCE`) in tests and `ccvoice dev`.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { JwtSigner } from "./jwtSigner";

/** The issuer. */
export class TokenIssuer {
  private server?: Server;
  private signer?: JwtSigner;
  url = "";

  constructor(
    /** Audience of the tokens (the API's application id URI). */
    readonly audience = "api://ccvoice-runtime",
  ) {}

  /** `iss` of the tokens. */
  get issuer(): string {
    return `${this.url}/v2.0`;
  }
  /** JWKS URL. */
  get jwksUrl(): string {
    return `${this.url}/discovery/v2.0/keys`;
  }

  async start(): Promise<this> {
    this.signer = await JwtSigner.create();
    this.server = createServer((req, res) => {
      if (req.url === "/discovery/v2.0/keys") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(this.signer!.jwks()));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections?.();
  }

  /** A token for an agent signing in themself (`oid`). */
  agentToken(oid: string, options: { expiresInSeconds?: number } = {}): Promise<string> {
    return this.signer!.sign({ oid }, { issuer: this.issuer, audience: this.audience, ...options });
  }

  /** A token of the desktop backend (app role `CCVoice.AgentDesktop`). */
  desktopToken(options: { role?: string; expiresInSeconds?: number } = {}): Promise<string> {
    return this.signer!.sign({ roles: [options.role ?? "CCVoice.AgentDesktop"], oid: "desktop-backend" }, { issuer: this.issuer, audience: this.audience, ...options });
  }
}
