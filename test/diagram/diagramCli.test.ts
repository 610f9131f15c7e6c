/**
 * `ccvoice diagram` through `main`: Mermaid to stdout, the self-contained HTML page for every example stack
 * (structure always asserted here; the page is rendered in headless Chromium by
 * `scripts/screenshot-diagram.sh`), usage errors, an invalid stack, and stacks written by `advise`.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io";
import { main } from "../../src/cli/main";
import { parseVoiceChannelSpec } from "../../src/config/parse";
import { readStackFile, stackFilePath } from "../../src/config/stackFile";
import { diagramSpec } from "../../src/diagram/diagramSpec";
import { escapeHtml, mermaidLibrary, scriptSafe } from "../../src/diagram/htmlPage";

const STACKS = ["acs-direct-offer", "acs-direct-routing", "hybrid", "teams-calling-plan", "teams-direct-routing"];
const tmp = () => mkdtempSync(join(tmpdir(), "ccvoice-diagram-"));

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = await main(["node", "ccvoice", ...args], io);
  return { code, out, err };
}

describe("scriptSafe and escapeHtml", () => {
  it.each([
    ['x="</script>"', 'x="<\\/script>"'],
    ["a</SCRIPT b", "a<\\/SCRIPT b"],
    ["<!-- c", "<\\!-- c"],
    ["plain", "plain"],
  ])("scriptSafe(%j) → %j", (given, expected) => {
    expect(scriptSafe(given)).toBe(expected);
  });

  it("escapes &, <, > and quotes", () => {
    expect(escapeHtml(`a<br/> & "b"`)).toBe("a&lt;br/&gt; &amp; &quot;b&quot;");
  });
});

describe("ccvoice diagram", () => {
  it("prints the Mermaid text of a stack", async () => {
    const { code, out, err } = await run("diagram", "--stack", "hybrid");
    expect(code).toBe(0);
    expect(err).toEqual([]);
    const spec = parseVoiceChannelSpec(readStackFile(stackFilePath("hybrid")).ccvoice);
    expect(`${out.join("\n")}\n`).toBe(diagramSpec(spec));
  });

  it.each(STACKS)("writes a self-contained HTML page for %s with the Mermaid library inlined", async (stack) => {
    const file = join(tmp(), `${stack}.html`);
    const { code, err } = await run("diagram", "--stack", stack, "--format", "html", "--out", file);
    expect(code).toBe(0);
    expect(err).toEqual([`ccvoice diagram: wrote html diagram of stack ${stack} to ${file}`]);
    const html = readFileSync(file, "utf8");
    const library = mermaidLibrary();
    expect(library.version).toMatch(/^11\./);
    expect(html.startsWith("<!doctype html>\n<html lang=\"en\">\n")).toBe(true);
    expect(html).toContain(`<title>ccvoice diagram: ${stack}</title>`);
    const mermaid = diagramSpec(parseVoiceChannelSpec(readStackFile(stackFilePath(stack)).ccvoice));
    expect(html).toContain(`<pre class="mermaid">\n${escapeHtml(mermaid)}</pre>`);
    expect(html).toContain(scriptSafe(library.source));
    expect(html.match(/<script[ >]/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toMatch(/<script[^>]*\ssrc=/);
    expect(html).not.toMatch(/<link\s/);
    expect(html).toContain('mermaid.run({ querySelector: "pre.mermaid" })');
    expect(html).toContain('document.body.setAttribute("data-rendered", "ok")');
  });

  it.each<[string, string[], string]>([
    ["an unknown format", ["--stack", "hybrid", "--format", "svg"], 'ccvoice: --format must be mermaid or html, got "svg"'],
    ["no stack", [], "ccvoice: give --stack <name> or --stack-file <path>"],
    ["both stack and stack file", ["--stack", "hybrid", "--stack-file", "stacks/Pulumi.hybrid.yaml"], "ccvoice: give either --stack <name> or --stack-file <path>, not both"],
    ["a missing stack file", ["--stack-file", "nope.yaml"], "ccvoice: stack file nope.yaml does not exist; check the path"],
    [
      "an unknown stack",
      ["--stack", "nope"],
      'ccvoice: stack "nope" has no file stacks/Pulumi.nope.yaml; known stacks: acs-direct-offer, acs-direct-routing, hybrid, teams-calling-plan, teams-direct-routing',
    ],
  ])("fails with exit 2 on %s", async (_name, args, message) => {
    const { code, err } = await run("diagram", ...args);
    expect(code).toBe(2);
    expect(err).toEqual([message]);
  });

  it("fails with exit 1 on an invalid stack, printing its problems", async () => {
    const { code, out, err } = await run("diagram", "--stack-file", "test/fixtures/Pulumi.broken.yaml");
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err[0]).toMatch(/^test\/fixtures\/Pulumi\.broken\.yaml has \d+ configuration problems:$/);
  });

  it.each(["carrier-byot", "cloud-first", "teams-first", "teams-direct-routing", "mixed-countries"])(
    "draws the stack advise writes for %s, with its emergency paths",
    async (answers) => {
      const file = join(tmp(), `Pulumi.${answers}.yaml`);
      expect((await run("advise", "--answers", `test/fixtures/answers/${answers}.yaml`, "--write", file)).code).toBe(0);
      const { code, out } = await run("diagram", "--stack-file", file);
      expect(code).toBe(0);
      const text = out.join("\n");
      const id = / {4}(n\d+)\(\["US dials 911<br\/>EMERGENCY/.exec(text)?.[1];
      expect(id).toMatch(/^n\d+$/);
      expect(text).toMatch(new RegExp(`\\n {4}${id} ==> n\\d+\\n`));
    },
  );
});
