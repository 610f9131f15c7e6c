/**
 * The small interfaces the handlers use to act on the world. Implementations: `callAutomation.ts`
 * (`@azure/communication-call-automation`), `graphPresence.ts` (`@microsoft/microsoft-graph-client`),
 * `email.ts` (`@azure/communication-email`), `jwtVerifier.ts` (`jose`).
 */
import type { CallTarget } from "../core/types";

/** Call Automation operations the runtime uses. */
export interface CallControl {
  /** Answers an incoming call. @returns the new call connection id */
  answer(incomingCallContext: string, callbackUrl: string, operationContext: string): Promise<{ callConnectionId: string }>;
  /** Rejects an incoming call. */
  reject(incomingCallContext: string): Promise<void>;
  /** Adds a participant (agent, fallback or overflow number). */
  addParticipant(
    callConnectionId: string,
    target: CallTarget,
    options: { sourceCallerId?: string; invitationTimeoutSeconds: number; operationContext: string },
  ): Promise<void>;
  /** Plays an audio file once to everyone on the call (hold music). */
  play(callConnectionId: string, audioUrl: string, operationContext: string): Promise<void>;
  /** Ends the call for everyone. */
  hangUp(callConnectionId: string): Promise<void>;
  /** Places an outbound call to a phone number on behalf of a resource account. */
  createCall(
    to: string,
    options: { sourceCallerId?: string; onBehalfOfAppId?: string; callbackUrl: string; operationContext: string },
  ): Promise<{ callConnectionId: string }>;
}

/** Teams presence of an agent through Graph (the runtime's own presence session). */
export interface PresenceControl {
  /** Sets Do Not Disturb (`DoNotDisturb` / `Presenting`) in the app's session. */
  setDoNotDisturb(userId: string): Promise<void>;
  /** Clears the app's session: the user's presence goes back to what it was. */
  clear(userId: string): Promise<void>;
}

/** Sends one email. */
export interface EmailSender {
  /**
   * Submits an email; resolves once the service accepted it (not when delivered).
   *
   * @param message.key idempotency key: the same key is never sent twice by the service
   */
  send(message: { key: string; to: readonly string[]; subject: string; text: string }): Promise<void>;
}

/** Verifies a bearer token. */
export interface TokenVerifier {
  /**
   * @returns the token's claims
   * @throws Error (any) when the token is missing, unsigned, forged, expired or for another audience
   */
  verify(token: string): Promise<Record<string, unknown>>;
}
