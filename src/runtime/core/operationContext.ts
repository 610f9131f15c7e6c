/**
 * The call's context travels in Call Automation's `operationContext`, which the service echoes in the
 * callbacks of the request that set it (`CallConnected` for answer, `AddParticipantFailed` for an add,
 * `PlayCompleted` for a play). Callbacks are JWT-verified before they are read, so the context is as
 * trustworthy as the callback. Format: `ccv1:` followed by compact JSON.
 */
import type { CallAction, CallContext } from "./types";

const PREFIX = "ccv1:";
const ROUTES = new Set(["psap-callback", "emergency-fallback", "queue"]);

/** Encodes a context for `operationContext`. */
export function encodeContext(context: CallContext): string {
  return PREFIX + JSON.stringify(context);
}

/**
 * Decodes an `operationContext`.
 *
 * @returns the context, or `undefined` when the text was not written by this runtime (other apps on the
 *   same ACS resource, or a damaged value)
 */
export function decodeContext(text: unknown): CallContext | undefined {
  if (typeof text !== "string" || !text.startsWith(PREFIX)) return undefined;
  try {
    const value = JSON.parse(text.slice(PREFIX.length)) as Partial<CallContext>;
    if (!value || typeof value !== "object" || !ROUTES.has(value.route as string) || typeof value.step !== "number") {
      return undefined;
    }
    if (value.pending !== undefined && !Array.isArray(value.pending)) return undefined;
    return value as CallContext;
  } catch {
    return undefined;
  }
}

/** The context without the actions that were pending on connect (they run once). */
export function withoutPending(context: CallContext): CallContext {
  const { pending: _pending, ...rest } = context;
  return rest;
}

/** Splits an incoming-call decision's actions into the answer/reject and what runs once connected. */
export function splitOnAnswer(actions: readonly CallAction[]): { first?: CallAction; onConnected: CallAction[] } {
  const [first, ...rest] = actions;
  return first && (first.kind === "answer" || first.kind === "reject") ? { first, onConnected: rest } : { onConnected: [...actions] };
}
