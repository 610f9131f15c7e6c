/**
 * The purchase journal: what an order's purchase batch searched and bought, written before the
 * purchase starts, so that a create or update retried after an interruption (a crash, a lost answer,
 * an engine that did not record the result) finds the numbers it already bought instead of buying
 * again. Pulumi's dynamic providers cannot return partial state from a failed create, and phone
 * numbers carry no tags, so the key lives here: `sha256(endpoint + orderKey + batch)`.
 *
 * Location: `$CCVOICE_STATE_DIR/phone-number-orders/` @default `~/.ccvoice/phone-number-orders/`.
 * It protects retries on the same machine (or a shared `CCVOICE_STATE_DIR`); a retry from another
 * CI agent without that directory cannot see it. A deleted order's entries are removed
 * ({@link forgetOrder}): an order created later under the same key starts afresh.
 */
// Node built-ins are required inside the functions, not imported at module level: the providers that
// call these functions are serialized by Pulumi, and a module object captured by value does not
// serialize under every module loader (vitest's, for one).
/* eslint-disable @typescript-eslint/no-require-imports */
const fs = () => require("node:fs") as typeof import("node:fs");
const path = () => require("node:path") as typeof import("node:path");

/** One purchase batch of an order. */
export interface JournalEntry {
  endpoint: string;
  orderKey: string;
  /** The order size this batch brings the order to. */
  target: number;
  countryCode: string;
  phoneNumberType: string;
  assignmentType: string;
  areaCode?: string;
  searchId: string;
  phoneNumbers: string[];
  /** ISO time until which the search holds its numbers. */
  searchExpiresBy: string;
  phase: "searched" | "purchasing" | "purchased";
  updatedAt: string;
}

/** Directory of the journal files, from the environment at call time. */
export function journalDir(): string {
  const { join } = path();
  const home = (require("node:os") as typeof import("node:os")).homedir();
  return join(process.env.CCVOICE_STATE_DIR ?? join(home, ".ccvoice"), "phone-number-orders");
}

/** Path of a batch's journal file. */
export function journalFile(endpoint: string, orderKey: string, target: number): string {
  const { createHash } = require("node:crypto") as typeof import("node:crypto");
  const key = createHash("sha256").update(`${endpoint}\n${orderKey}\n${target}`).digest("hex").slice(0, 32);
  return path().join(journalDir(), `${key}.json`);
}

/** Reads a batch's entry, or undefined when there is none. */
export function readJournal(endpoint: string, orderKey: string, target: number): JournalEntry | undefined {
  try {
    return JSON.parse(fs().readFileSync(journalFile(endpoint, orderKey, target), "utf8")) as JournalEntry;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`cannot read the phone number purchase journal ${journalFile(endpoint, orderKey, target)}: ${String(error)}; fix or remove the file, then run again`);
  }
}

/** The files of the journal directory with their entries (none when the directory does not exist). */
function allEntries(): Array<{ file: string; entry: JournalEntry }> {
  const dir = journalDir();
  let names: string[];
  try {
    names = fs().readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return names
    .filter((n) => n.endsWith(".json"))
    .map((n) => {
      const file = path().join(dir, n);
      try {
        return { file, entry: JSON.parse(fs().readFileSync(file, "utf8")) as JournalEntry };
      } catch (error) {
        throw new Error(`cannot read the phone number purchase journal ${file}: ${String(error)}; fix or remove the file, then run again`);
      }
    });
}

/**
 * Every batch entry of one order (all targets), smallest target first.
 *
 * @throws Error naming the file when a journal file cannot be read
 */
export function orderEntries(endpoint: string, orderKey: string): JournalEntry[] {
  return allEntries()
    .filter(({ entry }) => entry.endpoint === endpoint && entry.orderKey === orderKey)
    .map(({ entry }) => entry)
    .sort((a, b) => a.target - b.target);
}

/** Removes every entry of one order (after its delete). */
export function forgetOrder(endpoint: string, orderKey: string): void {
  for (const { file, entry } of allEntries()) {
    if (entry.endpoint === endpoint && entry.orderKey === orderKey) fs().rmSync(file, { force: true });
  }
}

/** Writes a batch's entry atomically (write then rename). */
export function writeJournal(entry: Omit<JournalEntry, "updatedAt">): void {
  const file = journalFile(entry.endpoint, entry.orderKey, entry.target);
  fs().mkdirSync(journalDir(), { recursive: true });
  fs().writeFileSync(`${file}.tmp`, JSON.stringify({ ...entry, updatedAt: new Date().toISOString() }, null, 2));
  fs().renameSync(`${file}.tmp`, file);
}

