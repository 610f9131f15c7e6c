/**
 * Queue routing: an available skilled agent gets the call (`addParticipant`, not redirect); with none, the
 * caller holds with music and every `PlayCompleted` retries, until `maxWaitSeconds`; then the queue's
 * overflow (an E.164 number, or another queue, at most 3 hops). Each transition of a call is a conditional
 * write of its record, so replayed or reordered callbacks cannot run a step twice.
 */
import { pickAgent } from "./agents";
import { agentTarget, type CoreDeps } from "./coreDeps";
import type { Versioned } from "./ports";
import type { RuntimeQueue } from "./runtimeConfig";
import type { Alert, CallAction, CallContext, CallRoute } from "./types";

/** Stored state of a queued call (partition `call`, key = server call id). */
export interface QueuedCall {
  readonly queue: string;
  /** When the call entered its current queue, epoch ms. */
  readonly since: number;
  readonly step: number;
  /** Agents offered the call so far. */
  readonly tried: readonly string[];
  readonly hops: number;
  readonly calledNumber?: string;
  readonly ended?: boolean;
}

/** What a queue step decided. */
export interface QueueStep {
  readonly route: CallRoute;
  readonly reason: string;
  readonly actions: CallAction[];
  readonly context: CallContext;
  readonly alerts: Alert[];
  /** The call record after this step. */
  readonly record: QueuedCall;
}

/** How many queue-to-queue overflows a call may take before the runtime stops (a loop in the config). */
export const MAX_OVERFLOW_HOPS = 3;
const RETENTION_MS = 24 * 3_600_000;

function queueNamed(deps: CoreDeps, name: string): RuntimeQueue | undefined {
  return deps.config.queues.find((q) => q.name === name);
}

/**
 * Offers a call to the next agent of a queue, or holds it, or overflows it.
 *
 * @param record the call's record with `step` already advanced to the step this decision belongs to
 */
export async function nextQueueStep(deps: CoreDeps, queue: RuntimeQueue, callKey: string, record: QueuedCall): Promise<QueueStep> {
  const now = deps.clock.now();
  const base: CallContext = {
    route: "queue",
    queue: queue.name,
    since: record.since,
    step: record.step,
    hops: record.hops,
    calledNumber: record.calledNumber,
  };
  const agent = await pickAgent(deps.store, deps.config, queue, callKey, record.tried, now);
  if (agent) {
    return {
      route: "queue",
      reason: `queue ${queue.name}: offered to agent ${agent.id}`,
      actions: [
        { kind: "addParticipant", target: agentTarget(agent), priority: "normal", agentId: agent.id, invitationTimeoutSeconds: deps.invitationTimeoutSeconds },
      ],
      context: { ...base, agentId: agent.id },
      alerts: [],
      record: { ...record, tried: [...record.tried, agent.id] },
    };
  }
  const waitedMs = now - record.since;
  if (deps.holdMusic && waitedMs < queue.maxWaitSeconds * 1000) {
    return {
      route: "hold",
      reason: `queue ${queue.name}: no agent available, holding (${Math.floor(waitedMs / 1000)} of ${queue.maxWaitSeconds} s)`,
      actions: [{ kind: "hold", queue: queue.name }],
      context: base,
      alerts: [],
      record,
    };
  }
  return overflow(deps, queue, callKey, record, deps.holdMusic ? "waited the maximum" : "no agent available and no hold music configured");
}

/** Sends a call to its queue's overflow target. */
export async function overflow(deps: CoreDeps, queue: RuntimeQueue, callKey: string, record: QueuedCall, why: string): Promise<QueueStep> {
  const target = queue.overflowTarget;
  const base: CallContext = { route: "queue", queue: queue.name, since: record.since, step: record.step, hops: record.hops, calledNumber: record.calledNumber };
  if (target === undefined) {
    return {
      route: "overflow",
      reason: `queue ${queue.name}: ${why} and the queue has no overflowTarget; hanging up`,
      actions: [{ kind: "hangUp", reason: `queue ${queue.name} has no overflow target` }],
      context: base,
      alerts: [
        { severity: "warning", code: "queue-without-overflow", message: `queue ${queue.name} hung up on a caller (${why}) because it has no overflow target; set ccvoice:runtime.queues[].overflowTarget` },
      ],
      record,
    };
  }
  if (/^\+[1-9]\d{6,14}$/.test(target)) {
    return {
      route: "overflow",
      reason: `queue ${queue.name}: ${why}; overflow to ${target}`,
      actions: [
        { kind: "addParticipant", target: { kind: "phoneNumber", number: target }, priority: "normal", sourceCallerId: record.calledNumber, invitationTimeoutSeconds: deps.invitationTimeoutSeconds },
      ],
      context: base,
      alerts: [],
      record,
    };
  }
  const next = queueNamed(deps, target);
  if (!next || record.hops + 1 > MAX_OVERFLOW_HOPS) {
    const problem = next ? `overflowed ${MAX_OVERFLOW_HOPS} times (a loop of overflow targets)` : `overflows to ${JSON.stringify(target)}, which is not a queue`;
    return {
      route: "overflow",
      reason: `queue ${queue.name}: ${why}; the call ${problem}; hanging up`,
      actions: [{ kind: "hangUp", reason: problem }],
      context: base,
      alerts: [{ severity: "warning", code: "overflow-unroutable", message: `queue ${queue.name}: ${problem}; fix ccvoice:runtime.queues[].overflowTarget` }],
      record,
    };
  }
  const moved: QueuedCall = { ...record, queue: next.name, since: deps.clock.now(), hops: record.hops + 1, tried: [] };
  const step = await nextQueueStep(deps, next, callKey, moved);
  return { ...step, route: "overflow", reason: `queue ${queue.name}: ${why}; overflow to queue ${next.name}: ${step.reason}` };
}

/**
 * Advances a call's record from `fromStep` to `fromStep + 1`, or reports the event as stale.
 *
 * @returns the claimed record (step advanced), or `undefined` when another event already moved the call on,
 *   or the call has ended
 */
export async function claimStep(deps: CoreDeps, callKey: string, fromStep: number): Promise<Versioned<QueuedCall> | undefined> {
  const found = await deps.store.get<QueuedCall>("call", callKey);
  if (!found || found.value.step !== fromStep || found.value.ended) return undefined;
  const next: QueuedCall = { ...found.value, step: fromStep + 1 };
  const version = await deps.store.put("call", callKey, next, found.version, deps.clock.now() + RETENTION_MS);
  return version ? { value: next, version } : undefined;
}

/** Saves a call's record after a step (replacing the claimed version). */
export async function saveStep(deps: CoreDeps, callKey: string, claimed: Versioned<QueuedCall>, record: QueuedCall): Promise<void> {
  await deps.store.put("call", callKey, record, claimed.version, deps.clock.now() + RETENTION_MS);
}

/** Creates the record of a new queued call; `undefined` when the call already has one (a duplicate). */
export async function createQueuedCall(deps: CoreDeps, callKey: string, record: QueuedCall): Promise<Versioned<QueuedCall> | undefined> {
  const version = await deps.store.put("call", callKey, record, null, deps.clock.now() + RETENTION_MS);
  return version ? { value: record, version } : undefined;
}
