/**
 * Decisions as data: what the core decides for an event, before any adapter acts on it.
 * Handlers translate events into these inputs and execute the returned actions.
 */

/** Who a call is from or to, normalised from a Communication identifier (`rawId` prefixes). */
export type Party =
  /** `4:+14255550100` */
  | { readonly kind: "phoneNumber"; readonly raw: string; readonly number: string }
  /** `8:acs:<resource>_<user>` */
  | { readonly kind: "acsUser"; readonly raw: string; readonly id: string }
  /** `8:orgid:<object id>` */
  | { readonly kind: "teamsUser"; readonly raw: string; readonly userId: string }
  /** `28:orgid:<object id>`: a Teams resource account (Teams Phone extensibility) */
  | { readonly kind: "resourceAccount"; readonly raw: string; readonly objectId: string }
  | { readonly kind: "other"; readonly raw: string };

/** Who the runtime adds to a call. */
export type CallTarget =
  | { readonly kind: "phoneNumber"; readonly number: string }
  | { readonly kind: "acsUser"; readonly id: string }
  | { readonly kind: "teamsUser"; readonly userId: string };

/**
 * `emergency`: bypasses queues, capacity and presence (Do Not Disturb included), executed before anything
 * else. Call Automation has no priority field; the priority is how the runtime treats the action.
 */
export type Priority = "emergency" | "normal";

/** One thing to do to a call. */
export type CallAction =
  | { readonly kind: "answer" }
  | {
      readonly kind: "addParticipant";
      readonly target: CallTarget;
      readonly priority: Priority;
      /** Agent id when the target is an agent. */
      readonly agentId?: string;
      /** Caller id shown to a PSTN target (a number the resource owns). */
      readonly sourceCallerId?: string;
      /** How long the target rings, seconds. */
      readonly invitationTimeoutSeconds: number;
    }
  /** Play the hold music once; its `PlayCompleted` is the next retry of the queue. */
  | { readonly kind: "hold"; readonly queue: string }
  | { readonly kind: "reject"; readonly reason: string }
  | { readonly kind: "hangUp"; readonly reason: string };

/** How a call was routed. */
export type CallRoute =
  | "psap-callback"
  | "emergency-fallback"
  | "queue"
  | "hold"
  | "overflow"
  | "ignored"
  | "rejected"
  | "duplicate"
  | "stale";

/** Something an operator must see: logged with the marker `ccvoice-alert`, critical ones emailed. */
export interface Alert {
  readonly severity: "critical" | "warning";
  /** Stable code for alert rules, e.g. `emergency-dialed-on-server-path`. */
  readonly code: string;
  readonly message: string;
}

/**
 * What the runtime remembers about a call between callbacks. It travels in Call Automation's
 * `operationContext` (echoed in every callback), so the emergency paths need no state store.
 */
export interface CallContext {
  readonly route: "psap-callback" | "emergency-fallback" | "queue";
  /** The number that was called (caller id for PSTN participants added to the call). */
  readonly calledNumber?: string;
  /** Agent being offered the call. */
  readonly agentId?: string;
  /** Emergency fallback target (E.164) for PSAP callbacks. */
  readonly fallback?: string;
  /** Queue the call waits in. */
  readonly queue?: string;
  /** When the call entered the queue, epoch ms. */
  readonly since?: number;
  /** Step of the call's state machine; a callback carrying an older step is stale and ignored. */
  readonly step: number;
  /** Attempts made to reach the emergency fallback target. */
  readonly fallbackTries?: number;
  /** Overflow hops so far (a loop of queues stops after 3). */
  readonly hops?: number;
  /** Actions to run once the call is connected (set on `answer`). */
  readonly pending?: readonly CallAction[];
}

/** The decision for one event. */
export interface CallDecision {
  readonly route: CallRoute;
  /** One sentence for logs and for `ccvoice call`. */
  readonly reason: string;
  /** In order; `answer`/`reject` first for an incoming call. */
  readonly actions: readonly CallAction[];
  /** Context to attach to the actions (operationContext). */
  readonly context?: CallContext;
  readonly alerts: readonly Alert[];
}

/** An `IncomingCall` event, normalised. */
export interface IncomingCallInput {
  /** Event Grid event id (the idempotency key). */
  readonly eventId: string;
  readonly to: Party;
  readonly from: Party;
  readonly serverCallId: string;
  readonly correlationId?: string;
}

/** A Call Automation callback, normalised. */
export interface CallbackInput {
  /** CloudEvent id (the idempotency key). */
  readonly eventId: string;
  /** `CallConnected`, `AddParticipantFailed`, ... (without the `Microsoft.Communication.` prefix). */
  readonly type: string;
  readonly callConnectionId: string;
  readonly serverCallId?: string;
  /** Decoded `operationContext`; absent when the runtime did not set one. */
  readonly context?: CallContext;
  /** `participant` of participant events. */
  readonly participant?: Party;
  readonly resultCode?: number;
  readonly resultSubCode?: number;
}
