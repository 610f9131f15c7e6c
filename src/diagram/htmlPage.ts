/**
 * A self-contained HTML page that renders a Mermaid diagram offline: the Mermaid library (npm `mermaid@11`,
 * its IIFE build `dist/mermaid.min.js`, MIT licence) is inlined, so the page needs no network. After
 * rendering, `<body data-rendered>` is `ok`, or `error` with the message in `<pre id="render-error">`.
 */
import { readFileSync } from "node:fs";

/** Reads the Mermaid IIFE build and its version from node_modules. */
export function mermaidLibrary(): { version: string; source: string } {
  const file = require.resolve("mermaid/dist/mermaid.min.js");
  const pkg = JSON.parse(readFileSync(require.resolve("mermaid/package.json"), "utf8")) as { version: string };
  return { version: pkg.version, source: readFileSync(file, "utf8") };
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Makes script text safe inside `<script>`: no `</script` or `<!--` can end or confuse the element. */
export function scriptSafe(source: string): string {
  return source.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

/**
 * The page.
 *
 * @param title page title and heading, e.g. `ccvoice diagram: hybrid`
 * @param subtitle one line under the heading
 * @param mermaidText the flowchart (`diagramSpec`)
 * @param library the Mermaid build to inline @default {@link mermaidLibrary}()
 */
export function htmlPage(title: string, subtitle: string, mermaidText: string, library = mermaidLibrary()): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="generator" content="ccvoice diagram; mermaid ${escapeHtml(library.version)}">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px; color: #111827; background: #fff; }
  h1 { font-size: 20px; margin: 0 0 4px; }
  p.subtitle { margin: 0 0 16px; color: #4b5563; }
  ul.legend { display: flex; gap: 16px; list-style: none; padding: 0; margin: 0 0 16px; font-size: 13px; }
  ul.legend li::before { content: ""; display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: -1px; border: 1px solid; }
  li.emergency::before { background: #fee2e2; border-color: #b91c1c; }
  li.sbc::before { background: #fff7ed; border-color: #c2410c; }
  li.microsoft::before { background: #e0f2fe; border-color: #0369a1; }
  li.queue::before { background: #ecfdf5; border-color: #047857; }
  pre#render-error { color: #b91c1c; white-space: pre-wrap; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="subtitle">${escapeHtml(subtitle)}</p>
<ul class="legend"><li class="emergency">emergency path (thick, red)</li><li class="sbc">SBC (direct routing)</li><li class="microsoft">Microsoft network</li><li class="queue">queue</li></ul>
<pre class="mermaid">
${escapeHtml(mermaidText)}</pre>
<script>/* mermaid ${escapeHtml(library.version)} (MIT licence), inlined from node_modules/mermaid/dist/mermaid.min.js */
${scriptSafe(library.source)}
</script>
<script>
mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "default", flowchart: { htmlLabels: true, useMaxWidth: false } });
mermaid.run({ querySelector: "pre.mermaid" }).then(
  function () { document.body.setAttribute("data-rendered", "ok"); },
  function (e) {
    document.body.setAttribute("data-rendered", "error");
    var p = document.createElement("pre");
    p.id = "render-error";
    p.textContent = String((e && e.message) || e);
    document.body.appendChild(p);
  }
);
</script>
</body>
</html>
`;
}
