/**
 * PowerShell literals for values taken from the spec. Every spec value reaches a generated script only
 * through this module, as a single-quoted string (no expansion of `$`, backticks or subexpressions), an
 * integer, `$true`/`$false`, an array `@(...)` or a hashtable `@{...}` of those. Pure: no I/O.
 *
 * Escaping rule: inside a single-quoted PowerShell string the only special characters are the single
 * quotes, and PowerShell treats the typographic quotes U+2018, U+2019, U+201A and U+201B as single
 * quotes too; each is doubled. Control characters (C0, DEL, C1) and the Unicode line and paragraph
 * separators are refused instead of escaped: no spec value needs them and they would let a value end a
 * line or a comment.
 *
 * @see https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_quoting_rules
 * @see https://learn.microsoft.com/powershell/scripting/lang-spec/chapter-02 (single-quote-character)
 */

/** Thrown when a spec value cannot be written into a script; `path` is the setting path. */
export class ScriptValueError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = "ScriptValueError";
  }
}

/** A value that can be written as a PowerShell literal. `undefined` entries of a table are left out. */
export type PsValue = string | number | boolean | null | readonly PsValue[] | PsTable;

/** A hashtable literal; keys are parameter or property names (letters and digits). */
export interface PsTable {
  readonly [key: string]: PsValue | undefined;
}

const SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/g;
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const KEY = /^[A-Za-z][A-Za-z0-9]*$/;

function shown(value: string): string {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * A single-quoted PowerShell string literal.
 *
 * @param value the text, e.g. `O'Brien $(Get-Date)`
 * @param path setting path named in the error, e.g. `ccvoice:teams.resourceAccounts[0].displayName`
 * @returns e.g. `'O''Brien $(Get-Date)'`
 * @throws ScriptValueError when the text holds a control character or a line/paragraph separator
 */
export function psString(value: string, path: string): string {
  const bad = FORBIDDEN.exec(value);
  if (bad) {
    const code = `U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
    throw new ScriptValueError(
      path,
      `${path} must not contain control characters such as line breaks or tabs (found ${code}), got ${shown(value)}; remove them`,
    );
  }
  return `'${value.replace(SINGLE_QUOTES, (q) => q + q)}'`;
}

/**
 * Any {@link PsValue} as a PowerShell literal. Arrays are `@(a, b)`; tables are `@{ K = v; ... }` on one
 * line, keys in the order given, `undefined` entries left out.
 *
 * @param value the value
 * @param path setting path for errors; array items add `[i]`, table entries `.key`
 * @throws ScriptValueError for control characters, non-integer or non-finite numbers, or a table key
 *   that is not a plain name
 */
export function psLiteral(value: PsValue, path: string): string {
  if (value === null) return "$null";
  if (typeof value === "string") return psString(value, path);
  if (typeof value === "boolean") return value ? "$true" : "$false";
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) {
      throw new ScriptValueError(path, `${path} must be a whole number, got ${String(value)}`);
    }
    return String(value);
  }
  if (isArray(value)) return `@(${value.map((v, i) => psLiteral(v, `${path}[${i}]`)).join(", ")})`;
  const entries = Object.entries(value).filter((e): e is [string, PsValue] => e[1] !== undefined);
  if (entries.length === 0) return "@{}";
  return `@{ ${entries.map(([k, v]) => `${psKey(k, path)} = ${psLiteral(v, `${path}.${k}`)}`).join("; ")} }`;
}

/**
 * A table as a multi-line hashtable literal, one `Key = value` per line, for readable scripts.
 *
 * @param table the entries; `undefined` ones are left out
 * @param path setting path for errors
 * @param indent spaces before each entry line; the closing brace gets `indent - 4`
 */
export function psTableBlock(table: PsTable, path: string, indent = 4): string {
  const entries = Object.entries(table).filter((e): e is [string, PsValue] => e[1] !== undefined);
  if (entries.length === 0) return "@{}";
  const pad = " ".repeat(indent);
  const lines = entries.map(([k, v]) => `${pad}${psKey(k, path)} = ${psLiteral(v, `${path}.${k}`)}`);
  return `@{\n${lines.join("\n")}\n${" ".repeat(Math.max(0, indent - 4))}}`;
}

function psKey(key: string, path: string): string {
  if (!KEY.test(key)) {
    throw new ScriptValueError(path, `${path} has the table key ${shown(key)}, which is not a plain name`);
  }
  return key;
}

function isArray(value: PsValue): value is readonly PsValue[] {
  return Array.isArray(value);
}
