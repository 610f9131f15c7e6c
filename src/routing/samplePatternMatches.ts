/**
 * Deterministic sample dial strings that a number pattern matches, for route analysis (shadowed routes) and
 * for showing one number per route in `ccvoice preview`.
 *
 * Supports the regex subset route patterns use: literals, escapes (`\+`, `\d`, `\D`, `\w`, `\s`, ...), `.`,
 * character classes with ranges and negation, groups `(...)`, `(?:...)`, `(?<name>...)`, alternation and the
 * quantifiers `? * + {n} {n,} {n,m}` (greedy or lazy). Patterns with lookarounds, backreferences or word
 * boundaries are not sampled (the result is empty). Every returned sample is checked against the real
 * compiled pattern.
 */
import { cachedNumberPattern } from "./matchesNumberPattern";

type Node =
  | { readonly k: "seq"; readonly items: Node[] }
  | { readonly k: "alt"; readonly options: Node[] }
  | { readonly k: "chars"; readonly chars: string[] }
  | { readonly k: "repeat"; readonly node: Node; readonly min: number; readonly max: number }
  | { readonly k: "empty" };

/** The characters dialed strings are made of; `.` and negated classes draw from these. */
const DIGITS = "0123456789".split("");
const ALPHABET = [...DIGITS, "+"];
/** Extra repetitions drawn for an unbounded quantifier (`*`, `+`, `{n,}`). */
const OPEN_REPEAT = 14;

class Unsupported extends Error {}

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.src.length) throw new Unsupported(`unexpected ${this.src[this.i]}`);
    return node;
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.src[this.i] === "|") {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { k: "alt", options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") {
      items.push(this.quantified(this.atom()));
    }
    return { k: "seq", items };
  }

  private atom(): Node {
    const c = this.src[this.i++] as string;
    if (c === "^" || c === "$") return { k: "empty" };
    if (c === ".") return { k: "chars", chars: ALPHABET };
    if (c === "\\") return this.escape();
    if (c === "[") return this.charClass();
    if (c === "(") {
      if (this.src.startsWith("?:", this.i)) this.i += 2;
      else if (/^\?<[A-Za-z_]\w*>/.test(this.src.slice(this.i))) this.i = this.src.indexOf(">", this.i) + 1;
      else if (this.src[this.i] === "?") throw new Unsupported("lookaround");
      const inner = this.alternation();
      if (this.src[this.i++] !== ")") throw new Unsupported("unclosed group");
      return inner;
    }
    return { k: "chars", chars: [c] };
  }

  private escapeChars(): string[] {
    const c = this.src[this.i++];
    switch (c) {
      case "d": case "w": return DIGITS;
      case "D": case "W": return ["+"];
      case "s": return [" "];
      case "S": return ALPHABET;
      case "t": return ["\t"];
      case undefined: throw new Unsupported("trailing backslash");
      default:
        if (/[0-9bBkupPcxu]/.test(c)) throw new Unsupported(`\\${c}`);
        return [c];
    }
  }

  private escape(): Node {
    return { k: "chars", chars: this.escapeChars() };
  }

  private charClass(): Node {
    const negate = this.src[this.i] === "^";
    if (negate) this.i++;
    const set = new Set<string>();
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== "]" || first)) {
      first = false;
      const from = this.src[this.i] === "\\" ? (this.i++, this.escapeChars()) : [this.src[this.i++] as string];
      if (from.length === 1 && this.src[this.i] === "-" && this.src[this.i + 1] !== "]" && this.i + 1 < this.src.length) {
        this.i++;
        const to = this.src[this.i] === "\\" ? (this.i++, this.escapeChars()) : [this.src[this.i++] as string];
        if (to.length !== 1) throw new Unsupported("class range to a class");
        for (let code = (from[0] as string).charCodeAt(0); code <= (to[0] as string).charCodeAt(0); code++) {
          set.add(String.fromCharCode(code));
        }
      } else from.forEach((ch) => set.add(ch));
    }
    if (this.src[this.i++] !== "]") throw new Unsupported("unclosed class");
    const chars = negate ? ALPHABET.filter((ch) => !set.has(ch)) : [...set];
    if (chars.length === 0) throw new Unsupported("empty class");
    // Prefer dialable characters when the class allows them.
    const dialable = chars.filter((ch) => ALPHABET.includes(ch));
    return { k: "chars", chars: dialable.length ? dialable : chars };
  }

  private quantified(node: Node): Node {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === "?") [min, max] = [0, 1];
    else if (c === "*") [min, max] = [0, OPEN_REPEAT];
    else if (c === "+") [min, max] = [1, 1 + OPEN_REPEAT];
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return node; // a literal "{" in JavaScript
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? min + OPEN_REPEAT : Number(m[3]);
      this.i += m[0].length - 1;
    } else return node;
    this.i++;
    if (this.src[this.i] === "?") this.i++;
    return this.quantified({ k: "repeat", node, min, max });
  }
}

/** mulberry32: a small deterministic PRNG, so samples are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(node: Node, rand: () => number, out: string[]): void {
  switch (node.k) {
    case "empty":
      return;
    case "chars":
      out.push(node.chars[Math.floor(rand() * node.chars.length)] as string);
      return;
    case "seq":
      for (const item of node.items) generate(item, rand, out);
      return;
    case "alt":
      generate(node.options[Math.floor(rand() * node.options.length)] as Node, rand, out);
      return;
    case "repeat": {
      const n = node.min + Math.floor(rand() * (node.max - node.min + 1));
      for (let r = 0; r < n; r++) generate(node.node, rand, out);
    }
  }
}

function junk(rand: () => number): string {
  const length = Math.floor(rand() * 12);
  let s = rand() < 0.5 ? "+" : "";
  for (let i = 0; i < length; i++) s += DIGITS[Math.floor(rand() * 10)];
  return s;
}

/**
 * Up to `count` distinct strings that `pattern` matches, deterministic for a given pattern and seed.
 * Half the attempts are padded with random digits before and after, so an unanchored pattern (`\+1`) is
 * sampled in the longer numbers it also matches.
 *
 * @param pattern a number pattern that `numberPatternProblem` accepts
 * @param count how many samples to aim for @default 64
 * @param seed PRNG seed @default 1
 * @returns samples in generation order; `[]` when the pattern uses constructs the sampler does not read
 */
export function samplePatternMatches(pattern: string, count = 64, seed = 1): string[] {
  let ast: Node;
  try {
    ast = new Parser(pattern).parse();
  } catch (err) {
    if (err instanceof Unsupported) return [];
    throw err;
  }
  const re = cachedNumberPattern(pattern);
  const rand = prng(seed);
  const found = new Set<string>();
  for (let attempt = 0; attempt < count * 4 && found.size < count; attempt++) {
    const out: string[] = [];
    generate(ast, rand, out);
    const core = out.join("");
    const candidate = attempt % 2 === 1 ? `${junk(rand)}${core}${junk(rand).replace("+", "")}` : core;
    if (re.test(candidate)) found.add(candidate);
  }
  return [...found];
}
