#!/usr/bin/env bash
# Renders `ccvoice diagram --format html` of every example stack (stacks/Pulumi.*.yaml) in headless
# Chromium, offline, and checks each page:
#   1. --dump-dom after Mermaid ran: <body data-rendered="ok">, an <svg> inside, no render error;
#   2. --screenshot: a PNG per stack, to look at.
#      The window is sized to the rendered SVG (plus the page heading), so the whole diagram is in the PNG.
# Usage: scripts/screenshot-diagram.sh [output dir]   (default /tmp/ccvoice-diagrams)
# Needs Debian's chromium (apt-get install -y chromium). Exits 1 when a page did not render.
set -euo pipefail

cd "$(dirname "$0")/.."
OUT="${1:-/tmp/ccvoice-diagrams}"
CHROMIUM="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$CHROMIUM" ]; then
  echo "screenshot-diagram: chromium is not installed (apt-get update && apt-get install -y chromium)" >&2
  exit 1
fi
mkdir -p "$OUT"

chrome() {
  local profile
  profile="$(mktemp -d)"
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --virtual-time-budget=20000 "$@" 2>/dev/null
  rm -rf "$profile"
}

failed=0
for file in stacks/Pulumi.*.yaml; do
  stack="$(basename "$file" .yaml)"
  stack="${stack#Pulumi.}"
  page="$OUT/$stack.html"
  node bin/ccvoice.js diagram --stack "$stack" --format html --out "$page"
  chrome --dump-dom "file://$page" > "$OUT/$stack.dom.html"
  if grep -q 'data-rendered="ok"' "$OUT/$stack.dom.html" && grep -q '<svg' "$OUT/$stack.dom.html" && ! grep -q 'id="render-error"' "$OUT/$stack.dom.html"; then
    nodes="$(grep -o 'class="node ' "$OUT/$stack.dom.html" | wc -l)"
    edges="$(grep -o 'data-edge="true"' "$OUT/$stack.dom.html" | wc -l)"
    svg="$(grep -o '<svg id="mermaid-[^>]*>' "$OUT/$stack.dom.html" | head -1)"
    width="$(sed -n 's/.* width="\([0-9]*\).*/\1/p' <<<"$svg")"
    height="$(sed -n 's/.* height="\([0-9]*\).*/\1/p' <<<"$svg")"
    echo "screenshot-diagram: $stack rendered ($nodes nodes, $edges edges, svg ${width}x${height})"
  else
    echo "screenshot-diagram: $stack did NOT render; see $OUT/$stack.dom.html" >&2
    grep -o '<pre id="render-error">[^<]*' "$OUT/$stack.dom.html" >&2 || true
    failed=1
  fi
  size="$(( ${width:-2000} + 80 )),$(( ${height:-1500} + 160 ))"
  chrome --hide-scrollbars --window-size="$size" --screenshot="$OUT/$stack.png" "file://$page"
  echo "screenshot-diagram: $OUT/$stack.png"
done
exit "$failed"
