/**
 * {@link EmailSender} over ACS Email (`@azure/communication-email`). `send` resolves once the service has
 * accepted the message (202), without waiting for delivery. The message key becomes the `Operation-Id`
 * (a UUID derived from it), so a retried send of the same key is not delivered twice.
 */
import { createHash } from "node:crypto";
import { EmailClient } from "@azure/communication-email";
import type { KeyCredential, TokenCredential } from "@azure/core-auth";
import type { EmailSender } from "./interfaces";

/** How the adapter reaches ACS Email. */
export interface AcsEmailOptions {
  readonly endpoint: string;
  readonly credential: TokenCredential | KeyCredential;
  /** Sender address of the ACS email domain, e.g. `DoNotReply@<domain>`. */
  readonly sender: string;
  readonly allowInsecureConnection?: boolean;
}

/** A UUID (version 4 layout) derived from a key: the same key always gives the same id. */
export function operationIdFor(key: string): string {
  const h = createHash("sha256").update(key).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The ACS Email adapter. */
export class AcsEmail implements EmailSender {
  private readonly client: EmailClient;

  constructor(private readonly options: AcsEmailOptions) {
    this.client = new EmailClient(options.endpoint, options.credential, {
      allowInsecureConnection: options.allowInsecureConnection,
      retryOptions: { maxRetries: 3, retryDelayInMs: 500, maxRetryDelayInMs: 4000 },
    });
  }

  async send(message: { key: string; to: readonly string[]; subject: string; text: string }): Promise<void> {
    if (message.to.length === 0) return;
    await this.client.beginSend(
      {
        senderAddress: this.options.sender,
        content: { subject: message.subject, plainText: message.text },
        recipients: { to: message.to.map((address) => ({ address })) },
      },
      { operationId: operationIdFor(message.key) },
    );
  }
}
