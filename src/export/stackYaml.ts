/**
 * Writes a stack file (`stacks/Pulumi.<stack>.yaml`: a `config:` map of `ccvoice:` settings) with comments,
 * for `ccvoice advise --write` and `ccvoice export`. Lists of plain values are written in flow style
 * (`trunks: [ sbc1.contoso.com, sbc2.contoso.com ]`), as in the example stacks.
 */
import { Document, isMap, isScalar, isSeq, visit, type Node } from "yaml";

/** A comment attached to one setting. */
export interface StackNote {
  /** Path below `config:`, e.g. `["ccvoice:acs", "name"]` or `["ccvoice:phoneNumbers", "adopt", 0]`. */
  readonly path: readonly (string | number)[];
  /** The comment text, one line or several (no leading `#`). */
  readonly comment: string;
}

/**
 * A setting the writer could not know: written as `{ fillIn: "<hint>" }`, which fails validation with a
 * message that shows the hint (`ccvoice:acs.dataLocation must be ..., got {"fillIn":"..."}`).
 */
export interface FillIn {
  readonly fillIn: string;
}

/** Builds a fill-in placeholder; keep `hint` under 60 characters so error messages show it whole. */
export function fillIn(hint: string): FillIn {
  return { fillIn: hint };
}

/** Whether a value is a {@link FillIn} placeholder. */
export function isFillIn(value: unknown): value is FillIn {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as FillIn).fillIn === "string";
}

function attach(doc: Document, note: StackNote): void {
  const full = ["config", ...note.path];
  const last = full[full.length - 1] as string | number;
  const parent = doc.getIn(full.slice(0, -1), true) as Node | undefined;
  const text = note.comment
    .split("\n")
    .map((line) => ` ${line}`)
    .join("\n");
  if (typeof last === "string" && isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
    if (!pair) throw new Error(`stack note path ${full.join(".")} names no setting`);
    const key = pair.key as Node;
    key.commentBefore = key.commentBefore ? `${key.commentBefore}\n${text}` : text;
    return;
  }
  if (typeof last === "number" && isSeq(parent)) {
    const item = parent.items[last] as Node | undefined;
    if (!item) throw new Error(`stack note path ${full.join(".")} names no list item`);
    item.commentBefore = item.commentBefore ? `${item.commentBefore}\n${text}` : text;
    return;
  }
  throw new Error(`stack note path ${full.join(".")} names no setting`);
}

/**
 * The text of a stack file.
 *
 * @param header comment lines at the top (no leading `#`)
 * @param config the `config:` map, keys such as `ccvoice:environment`
 * @param notes comments placed above the settings they name
 * @returns YAML text ending in a newline; long lines are never folded
 * @throws Error when a note names a setting that is not in `config` (a programming error)
 */
export function stackYamlText(header: readonly string[], config: Record<string, unknown>, notes: readonly StackNote[] = []): string {
  const doc = new Document({ config }, { aliasDuplicateObjects: false });
  visit(doc, {
    Seq(_key, node) {
      if (node.items.length > 0 && node.items.every((item) => isScalar(item))) node.flow = true;
    },
    Map(_key, node) {
      const keys = node.items.map((p) => (isScalar(p.key) ? p.key.value : undefined));
      const flow = (keys.length === 1 && keys[0] === "fillIn") || (keys.length === 2 && keys[0] === "calling" && keys[1] === "sms");
      if (flow) node.flow = true;
    },
  });
  for (const note of notes) attach(doc, note);
  if (header.length > 0) doc.commentBefore = header.map((line) => ` ${line}`).join("\n");
  return doc.toString({ lineWidth: 0 });
}
