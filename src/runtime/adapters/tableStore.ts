/**
 * The state store on Azure Table Storage (`@azure/data-tables`): one table, partition key = kind, row key =
 * the escaped key, the value as JSON in `data`, `expiresAt` as an Int64 column for the timer's queries.
 * Conditional writes use ETags: create = `createEntity` (409 when it exists), replace = `updateEntity` with
 * `If-Match` (412 when changed). Transport failures, throttling, 5xx and refused access (401/403) become
 * `StateUnavailableError`.
 *
 * In Azure: `CCVOICE_TABLE_ENDPOINT` + managed identity (role Storage Table Data Contributor). Locally:
 * a loopback Azurite connection string.
 */
import { TableClient, type TableEntity, type TableEntityResult } from "@azure/data-tables";
import type { TokenCredential } from "@azure/core-auth";
import { StateUnavailableError, type Listed, type StateKind, type StateStore, type Versioned } from "../core/ports";

/** How to reach the table. */
export type TableStoreOptions =
  | { readonly connectionString: string; readonly tableName: string }
  | { readonly endpoint: string; readonly credential: TokenCredential; readonly tableName: string };

interface Row {
  data: string;
  expiresAt?: number | { value: string; type: "Int64" };
}

/**
 * Escapes a key for a row key: `/ \ # ?` (not allowed in keys), `%`, `+` (read as a space in `$filter` by
 * Azurite) and control characters become `%XX`. Prefixes are preserved, so prefix queries work on escaped keys.
 */
export function escapeKey(key: string): string {
  return key.replace(/[/\\#?%+\u0000-\u001f\u007f-\u009f]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** Reverses {@link escapeKey}. */
export function unescapeKey(key: string): string {
  return key.replace(/%([0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function statusOf(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown })?.statusCode;
  return typeof status === "number" ? status : undefined;
}

/** {@link StateStore} on Azure Table Storage. */
export class TableStore implements StateStore {
  private readonly client: TableClient;
  private ready: Promise<void> | undefined;

  constructor(options: TableStoreOptions) {
    const clientOptions = { retryOptions: { maxRetries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 400 } };
    this.client =
      "connectionString" in options
        ? TableClient.fromConnectionString(options.connectionString, options.tableName, { ...clientOptions, allowInsecureConnection: true })
        : new TableClient(`${options.endpoint.replace(/\/+$/, "")}`, options.tableName, options.credential, clientOptions);
  }

  /** Creates the table if needed (once per instance; retried after a failure). */
  private ensureTable(): Promise<void> {
    this.ready ??= this.client.createTable().then(
      () => undefined,
      (err: unknown) => {
        this.ready = undefined;
        throw this.wrap(err, "creating the table");
      },
    );
    return this.ready;
  }

  private wrap(err: unknown, what: string): unknown {
    if (err instanceof StateUnavailableError) return err;
    const status = statusOf(err);
    if (status === undefined || status === 408 || status === 429 || status >= 500) {
      return new StateUnavailableError(`table storage failed ${what}: ${err instanceof Error ? err.message : String(err)}`, err);
    }
    if (status === 401 || status === 403) {
      // The runtime's identity is refused (a role assignment missing or not yet propagated): a system fault.
      return new StateUnavailableError(
        `table storage failed ${what}: access refused (${status}); give the Function App's identity the Storage Table Data Contributor role on the account`,
        err,
      );
    }
    return err;
  }

  private async run<T>(what: string, op: () => Promise<T>): Promise<T> {
    await this.ensureTable();
    try {
      return await op();
    } catch (err) {
      throw this.wrap(err, what);
    }
  }

  async get<T>(kind: StateKind, key: string): Promise<Versioned<T> | undefined> {
    return this.run(`reading ${kind} ${key}`, async () => {
      try {
        const row = await this.client.getEntity<Row>(kind, escapeKey(key));
        return { value: JSON.parse(row.data) as T, version: row.etag };
      } catch (err) {
        if (statusOf(err) === 404) return undefined;
        throw err;
      }
    });
  }

  async put<T>(kind: StateKind, key: string, value: T, expected: string | null, expiresAt?: number): Promise<string | undefined> {
    const entity: TableEntity<Row> = { partitionKey: kind, rowKey: escapeKey(key), data: JSON.stringify(value) };
    if (expiresAt !== undefined) entity.expiresAt = { value: String(Math.floor(expiresAt)), type: "Int64" };
    return this.run(`writing ${kind} ${key}`, async () => {
      try {
        const result =
          expected === null
            ? await this.client.createEntity(entity)
            : await this.client.updateEntity(entity, "Replace", { etag: expected });
        return result.etag ?? "";
      } catch (err) {
        const status = statusOf(err);
        if (status === 409 || status === 412 || (status === 404 && expected !== null)) return undefined;
        throw err;
      }
    });
  }

  async delete(kind: StateKind, key: string, expected?: string): Promise<boolean> {
    return this.run(`deleting ${kind} ${key}`, async () => {
      try {
        await this.client.deleteEntity(kind, escapeKey(key), expected === undefined ? undefined : { etag: expected });
        return true;
      } catch (err) {
        const status = statusOf(err);
        if (status === 404 || status === 412) return false;
        throw err;
      }
    });
  }

  async list<T>(kind: StateKind, options: { prefix?: string; expiresBefore?: number } = {}): Promise<Listed<T>[]> {
    const clauses = [`PartitionKey eq ${quote(kind)}`];
    const prefix = options.prefix ? escapeKey(options.prefix) : undefined;
    // Rows come sorted by row key within a partition: read from the prefix and stop at the first row past it.
    if (prefix) clauses.push(`RowKey ge ${quote(prefix)}`);
    if (options.expiresBefore !== undefined) clauses.push(`expiresAt le ${Math.floor(options.expiresBefore)}L`);
    return this.run(`listing ${kind}`, async () => {
      const out: Listed<T>[] = [];
      const rows = this.client.listEntities<Row>({ queryOptions: { filter: clauses.join(" and ") } });
      for await (const row of rows as AsyncIterable<TableEntityResult<Row>>) {
        if (prefix && !(row.rowKey ?? "").startsWith(prefix)) break;
        out.push({ key: unescapeKey(row.rowKey ?? ""), value: JSON.parse(row.data) as T, version: row.etag });
      }
      return out;
    });
  }
}
