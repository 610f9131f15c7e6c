/**
 * A small builder for Mermaid flowchart text: deterministic node ids (`n0`, `n1`, ... in creation order),
 * escaped labels, subgraphs, edges with their index (for `linkStyle`), and class assignments.
 *
 * @see https://mermaid.js.org/syntax/flowchart.html (entity codes `#quot;`, `#35;`; `linkStyle <i,j> ...`)
 */

/** Node shapes used by `ccvoice diagram`. */
export type Shape = "box" | "stadium" | "subroutine" | "hexagon" | "parallelogram" | "cylinder";

const SHAPES: Record<Shape, [string, string]> = {
  box: ["[", "]"],
  stadium: ["([", "])"],
  subroutine: ["[[", "]]"],
  hexagon: ["{{", "}}"],
  parallelogram: ["[/", "/]"],
  cylinder: ["[(", ")]"],
};

/**
 * Escapes text for a quoted Mermaid label: `#` first (entity codes start with it), then `"`, `<`, `>`,
 * `&` and `|` as entity codes, so regular expressions such as `^(911|933)$` show as written.
 * Line breaks are given as `\n` and become `<br/>`.
 */
export function escapeLabel(text: string): string {
  return text
    .replace(/#/g, "#35;")
    .replace(/"/g, "#quot;")
    .replace(/&/g, "#38;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/\|/g, "#124;")
    .replace(/\n/g, "<br/>");
}

/** Options of an edge. */
export interface EdgeOptions {
  readonly label?: string;
  /** Thick, and styled with the emergency link style. */
  readonly emergency?: boolean;
  /** Dotted (overflow, fallback). */
  readonly dotted?: boolean;
}

/** Builds one flowchart. */
export class MermaidFlowchart {
  private readonly lines: string[] = [];
  private readonly ids = new Map<string, string>();
  private readonly classes = new Map<string, string[]>();
  private readonly emergencyLinks: number[] = [];
  private edgeCount = 0;
  private indent = "  ";

  /** @param direction `LR` (left to right) or `TB` */
  constructor(private readonly direction: "LR" | "TB" = "LR") {}

  /** The id of a node key, if the node exists. */
  idOf(key: string): string | undefined {
    return this.ids.get(key);
  }

  /**
   * Declares a node once (later calls with the same key return its id and change nothing).
   *
   * @param key identity of the thing (e.g. `trunk:sbc1.contoso.com`)
   * @param label text; `\n` breaks lines
   * @param shape @default "box"
   * @param className a `classDef` name to assign
   */
  node(key: string, label: string, shape: Shape = "box", className?: string): string {
    const existing = this.ids.get(key);
    if (existing) {
      if (className) this.addClass(existing, className);
      return existing;
    }
    const id = `n${this.ids.size}`;
    this.ids.set(key, id);
    const [open, close] = SHAPES[shape];
    this.lines.push(`${this.indent}${id}${open}"${escapeLabel(label)}"${close}`);
    if (className) this.addClass(id, className);
    return id;
  }

  /** Assigns a class to a node id. */
  addClass(id: string, className: string): void {
    const list = this.classes.get(className) ?? [];
    if (!list.includes(id)) list.push(id);
    this.classes.set(className, list);
  }

  /**
   * Adds an edge between node (or subgraph) ids.
   *
   * @returns the edge's index, as `linkStyle` counts them
   */
  edge(from: string, to: string, options: EdgeOptions = {}): number {
    const arrow = options.emergency ? "==>" : options.dotted ? "-.->" : "-->";
    const label = options.label ? `|${escapeLabel(options.label)}|` : "";
    this.lines.push(`${this.indent}${from} ${arrow}${label} ${to}`);
    const index = this.edgeCount++;
    if (options.emergency) this.emergencyLinks.push(index);
    return index;
  }

  /** Runs `body` inside `subgraph <id>["title"] ... end`. */
  subgraph(id: string, title: string, body: () => void): void {
    this.lines.push(`${this.indent}subgraph ${id}["${escapeLabel(title)}"]`);
    const outer = this.indent;
    this.indent = `${outer}  `;
    this.lines.push(`${this.indent}direction ${this.direction === "LR" ? "TB" : "LR"}`);
    body();
    this.indent = outer;
    this.lines.push(`${this.indent}end`);
  }

  /**
   * The flowchart text.
   *
   * @param classDefs `classDef` styles by name (only those used are written)
   * @param emergencyLinkStyle style of emergency edges, e.g. `stroke:#c00,stroke-width:3px`
   */
  text(classDefs: Readonly<Record<string, string>>, emergencyLinkStyle: string): string {
    const out = [`flowchart ${this.direction}`, ...this.lines];
    for (const [name, style] of Object.entries(classDefs)) {
      const ids = this.classes.get(name);
      if (ids && ids.length > 0) out.push(`  classDef ${name} ${style}`, `  class ${ids.join(",")} ${name}`);
    }
    if (this.emergencyLinks.length > 0) out.push(`  linkStyle ${this.emergencyLinks.join(",")} ${emergencyLinkStyle}`);
    return `${out.join("\n")}\n`;
  }
}
