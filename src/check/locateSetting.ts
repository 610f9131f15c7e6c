/**
 * Finds where a setting is written in a stack file, for SARIF locations: `ccvoice:directRouting.routes[1]`
 * → line 29, column 9 of `stacks/Pulumi.hybrid.yaml`. Uses the `yaml` package's document ranges.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";

/** A position in a file, 1-based. */
export interface SettingLocation {
  readonly line: number;
  readonly column: number;
  /** The part of the path found: the whole path, or the deepest written prefix (a default is not written). */
  readonly found: string;
}

/**
 * Splits a setting path: `ccvoice:directRouting.routes[1].trunks[0]` →
 * `["ccvoice:directRouting", "routes", 1, "trunks", 0]`.
 *
 * @returns the keys, or `undefined` when the path does not start with a `namespace:key` config key
 */
export function splitSettingPath(path: string): (string | number)[] | undefined {
  const head = /^([A-Za-z0-9_-]+:[A-Za-z0-9_-]+)/.exec(path);
  if (!head) return undefined;
  const keys: (string | number)[] = [head[1] as string];
  const rest = path.slice(head[0].length);
  const token = /\.([^.[\]]+)|\[(\d+)\]/g;
  let consumed = 0;
  for (let m = token.exec(rest); m; m = token.exec(rest)) {
    if (m.index !== consumed) return keys;
    keys.push(m[1] !== undefined ? m[1] : Number(m[2]));
    consumed = token.lastIndex;
  }
  return keys;
}

function child(node: Node | null | undefined, key: string | number): { node: Node | null; keyNode?: Node } | undefined {
  if (typeof key === "number") {
    if (!isSeq(node)) return undefined;
    const item = node.items[key] as Node | undefined;
    return item ? { node: item } : undefined;
  }
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  return pair ? { node: (pair.value as Node | null) ?? null, keyNode: pair.key as Node } : undefined;
}

function describe(keys: readonly (string | number)[]): string {
  return keys.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");
}

/**
 * Locates a setting in the text of a stack file.
 *
 * @param yamlText the stack file's text
 * @param path a setting path such as `ccvoice:emergency.sites[2].address`
 * @returns the position of the setting's key (or list item), else of its deepest written prefix, else of
 *   `config:`; `undefined` when the text has no `config:` map
 */
export function locateSetting(yamlText: string, path: string): SettingLocation | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter });
  const root = doc.contents as Node | null;
  const config = child(root, "config");
  if (!config?.keyNode?.range) return undefined;
  let at: Node = config.keyNode;
  let node: Node | null = config.node;
  const keys = splitSettingPath(path) ?? [];
  const found: (string | number)[] = [];
  for (const key of keys) {
    const next = child(node, key);
    if (!next) break;
    const mark = next.keyNode ?? next.node;
    if (!mark?.range) break;
    at = mark;
    node = next.node;
    found.push(key);
  }
  const pos = lineCounter.linePos((at.range as [number, number, number])[0]);
  return { line: pos.line, column: pos.col, found: found.length ? describe(found) : "config" };
}
