/**
 * An in-memory {@link StateStore} with the same conflict semantics as the Table Storage adapter.
 * Used by the core's unit tests and as the per-instance cache layer; never the system of record in Azure.
 */
import { StateUnavailableError, type Listed, type StateKind, type StateStore, type Versioned } from "./ports";

interface Entry {
  value: unknown;
  version: string;
  expiresAt?: number;
}

/** A store kept in a `Map`; `available = false` makes every call throw {@link StateUnavailableError}. */
export class MemoryStore implements StateStore {
  private readonly entries = new Map<string, Entry>();
  private counter = 0;
  /** Set to false to simulate an outage. */
  available = true;

  private check(): void {
    if (!this.available) throw new StateUnavailableError("memory store is marked unavailable");
  }

  private id(kind: StateKind, key: string): string {
    return `${kind}\u0000${key}`;
  }

  async get<T>(kind: StateKind, key: string): Promise<Versioned<T> | undefined> {
    this.check();
    const entry = this.entries.get(this.id(kind, key));
    return entry ? { value: structuredClone(entry.value) as T, version: entry.version } : undefined;
  }

  async put<T>(kind: StateKind, key: string, value: T, expected: string | null, expiresAt?: number): Promise<string | undefined> {
    this.check();
    const id = this.id(kind, key);
    const current = this.entries.get(id);
    if (expected === null ? current !== undefined : current?.version !== expected) return undefined;
    const version = `v${++this.counter}`;
    this.entries.set(id, { value: structuredClone(value), version, expiresAt });
    return version;
  }

  async delete(kind: StateKind, key: string, expected?: string): Promise<boolean> {
    this.check();
    const id = this.id(kind, key);
    const current = this.entries.get(id);
    if (!current || (expected !== undefined && current.version !== expected)) return false;
    this.entries.delete(id);
    return true;
  }

  async list<T>(kind: StateKind, options: { prefix?: string; expiresBefore?: number } = {}): Promise<Listed<T>[]> {
    this.check();
    const head = `${kind}\u0000`;
    const out: Listed<T>[] = [];
    for (const [id, entry] of this.entries) {
      if (!id.startsWith(head)) continue;
      const key = id.slice(head.length);
      if (options.prefix !== undefined && !key.startsWith(options.prefix)) continue;
      if (options.expiresBefore !== undefined && (entry.expiresAt === undefined || entry.expiresAt > options.expiresBefore)) continue;
      out.push({ key, value: structuredClone(entry.value) as T, version: entry.version });
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}
