/**
 * Parses PowerShell with the tree-sitter PowerShell grammar (WebAssembly, `tree-sitter-powershell` +
 * `web-tree-sitter`), for syntax and structure checks of the generated scripts. This is a third-party
 * grammar, not PowerShell's own parser (pwsh is not installable from Debian packages here): it catches
 * unbalanced quotes, braces and malformed statements, not every error pwsh would report.
 */
import { Language, Parser, type Node } from "web-tree-sitter";

let parser: Parser | undefined;

/** A parser, initialised once per test file. */
export async function powershellParser(): Promise<Parser> {
  if (parser) return parser;
  await Parser.init();
  const language = await Language.load(require.resolve("tree-sitter-powershell/tree-sitter-powershell.wasm"));
  parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/** Parses a script; throws when tree-sitter produced no tree. */
export async function parsePowerShell(text: string): Promise<Node> {
  const tree = (await powershellParser()).parse(text);
  if (!tree) throw new Error("tree-sitter returned no tree");
  return tree.rootNode;
}

/** The command name of a `command` node (`New-CsOnlineVoiceRoute`), or "" for `& $x` forms. */
export function commandName(node: Node): string {
  return node.children.find((c) => c?.type === "command_name")?.text ?? "";
}

/** Every `command` node, in source order. */
export function commands(root: Node): Node[] {
  return root.descendantsOfType("command").filter((n): n is Node => n !== null);
}

/** The nearest ancestor of a type, or undefined. */
export function ancestor(node: Node, type: string): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (n.type === type) return n;
  return undefined;
}

/** Every ancestor of a type, nearest first. */
export function ancestors(node: Node, type: string): Node[] {
  const out: Node[] = [];
  for (let n = node.parent; n; n = n.parent) if (n.type === type) out.push(n);
  return out;
}

/** Every syntax error node (`ERROR` or missing), as `line:column text`. */
export function syntaxErrors(root: Node): string[] {
  const out: string[] = [];
  const walk = (n: Node) => {
    if (n.type === "ERROR" || n.isMissing) out.push(`${n.startPosition.row + 1}:${n.startPosition.column + 1} ${n.text.slice(0, 60)}`);
    for (const c of n.children) if (c) walk(c);
  };
  walk(root);
  return out;
}
