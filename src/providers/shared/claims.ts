/**
 * What the resources of the running deployment hold on the data plane, so that deleting one resource
 * never releases or removes what another resource of the same deployment holds.
 *
 * Why: Pulumi runs every create, update and diff of a deployment before the deletes of the resources
 * that left the program, all in one dynamic-provider process. Without this table, moving numbers from
 * an order with `releaseOnDelete: true` to `ccvoice:phoneNumbers.adopt` released them when the order
 * was deleted; and `pulumi up --replace` (or a rename without an alias) of the SIP configuration had the
 * old resource's delete clear the routes and trunks that its replacement had just taken over.
 *
 * A claim is `(scope, owner) → value`: the scope names the thing on the service (e.g.
 * `numbers:<endpoint>`), the owner one resource instance (its `instanceId` output, or its id for state
 * written before that output existed), the value what it holds. A later claim of the same owner
 * replaces the earlier one. Claims only ever stop a release or a removal: a claim that outlives its
 * owner's failed step keeps things, it never removes them.
 *
 * Kept on `globalThis`, not in a module variable, so that serialized providers (each dynamic resource
 * carries its own copy of this code) share one table per process, like `processLock`. Scope: one
 * process, i.e. one deployment; deployments running at the same time do not see each other's claims.
 */

const CLAIMS = "__ccvoiceClaims";

type ClaimTable = Map<string, Map<string, unknown>>;

function table(): ClaimTable {
  const holder = globalThis as unknown as Record<string, ClaimTable | undefined>;
  return (holder[CLAIMS] ??= new Map());
}

/**
 * Records what `owner` holds in `scope`, replacing its earlier claim there.
 *
 * @param scope e.g. `numbers:https://contoso.communication.azure.com`
 * @param owner the resource instance, see {@link ownerOf}
 * @param value what it holds (kept by reference; pass a fresh copy)
 */
export function claim(scope: string, owner: string, value: unknown): void {
  const claims = table();
  let byOwner = claims.get(scope);
  if (!byOwner) claims.set(scope, (byOwner = new Map()));
  byOwner.set(owner, value);
}

/**
 * The claims of every owner but `owner` in `scope`, in the order they were first made.
 *
 * @returns the claimed values (empty when no other resource of this process claimed the scope)
 */
export function claimsOfOthers<T>(scope: string, owner: string): T[] {
  const byOwner = table().get(scope);
  if (!byOwner) return [];
  return [...byOwner].filter(([o]) => o !== owner).map(([, v]) => v as T);
}

/** Forgets every claim of this process (tests: the boundary between two deployments). */
export function clearClaims(): void {
  table().clear();
}

/**
 * The owner key of a resource instance: the `instanceId` its create recorded, else its id.
 *
 * @param state the resource's state
 * @param id the resource's id
 */
export function ownerOf(state: { instanceId?: unknown }, id: string): string {
  return typeof state.instanceId === "string" && state.instanceId.length > 0 ? state.instanceId : id;
}

/** A new instance id for a resource being created (a random UUID). */
export function newInstanceId(): string {
  // Required here: a serialized provider must reference node:crypto by name, not capture it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("node:crypto") as typeof import("node:crypto")).randomUUID();
}
