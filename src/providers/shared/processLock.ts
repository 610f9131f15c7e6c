/**
 * An in-process mutex keyed by name, kept on `globalThis` so that a serialized dynamic provider
 * does not capture it by value (each provider process has one lock table).
 *
 * Scope: one Node process. Pulumi runs every dynamic resource of a deployment in a single dynamic
 * provider process, so this serialises the operations of one `pulumi up`. Two deployments running at
 * the same time against the same tenant are not serialised; the service answers the second purchase
 * with an error that the caller surfaces.
 */

const LOCKS = "__ccvoiceProcessLocks";

type LockTable = Map<string, Promise<void>>;

/**
 * Runs `fn` once every earlier holder of the lock `name` in this process has finished.
 *
 * @param name lock name, e.g. `acs-phone-number-purchase`
 * @param fn the work to serialise
 * @returns what `fn` returns; its error is re-thrown and the lock released
 */
export async function withProcessLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const holder = globalThis as unknown as Record<string, LockTable | undefined>;
  const table = (holder[LOCKS] ??= new Map());
  const previous = table.get(name) ?? Promise.resolve();
  let release!: () => void;
  const current = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => current);
  table.set(name, tail);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    if (table.get(name) === tail) table.delete(name);
  }
}
