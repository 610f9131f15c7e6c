/** Problems found in a stack configuration, and how their paths and values are shown. */

/** The config namespace; every setting path starts with it. */
export const NAMESPACE = "ccvoice";

/** One problem in a stack configuration. */
export interface SpecProblem {
  /** Setting path such as `ccvoice:directRouting.trunks[1].fqdn`. */
  readonly path: string;
  /** Full sentence fragment: `<path> must be ..., got "<value>"`. */
  readonly message: string;
}

/**
 * Thrown when a stack configuration is invalid; lists every problem found, not just the first.
 * `message` is the problems, one per line.
 */
export class SpecError extends Error {
  constructor(readonly problems: readonly SpecProblem[]) {
    super(problems.map((p) => p.message).join("\n"));
    this.name = "SpecError";
  }
}

/**
 * Formats a setting path: `["directRouting","trunks",1,"fqdn"]` → `ccvoice:directRouting.trunks[1].fqdn`.
 *
 * @param path keys and indexes below the namespace
 */
export function settingPath(path: readonly PropertyKey[]): string {
  let out = `${NAMESPACE}:`;
  path.forEach((key, i) => {
    if (typeof key === "number") out += `[${key}]`;
    else out += i === 0 ? String(key) : `.${String(key)}`;
  });
  return out;
}

/**
 * Shows a value in a message: strings quoted, objects as compact JSON, long values cut. Values JSON cannot
 * show are written as JavaScript would (`NaN`, `Infinity` from YAML `.nan` / `.inf`, `10n`); a value JSON
 * cannot serialise at all (a cycle) as its type.
 */
export function showValue(value: unknown): string {
  let text: string;
  if (typeof value === "number" && !Number.isFinite(value)) text = String(value);
  else if (typeof value === "bigint") text = `${value}n`;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = Array.isArray(value) ? "a list" : `a ${typeof value}`;
    }
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

