/**
 * `ccvoice diagram`'s Mermaid text: label escaping, the builder, one small stack in full, and the structure
 * of the diagram of every example stack (every route drawn, every emergency path red, nothing unescaped).
 */
import { describe, expect, it } from "vitest";
import { parseVoiceChannelSpec } from "../../src/config/parse";
import { listStacks, readStackFile, stackFilePath } from "../../src/config/stackFile";
import { diagramSpec } from "../../src/diagram/diagramSpec";
import { escapeLabel, MermaidFlowchart } from "../../src/diagram/mermaidFlowchart";
import { summarizeRouting } from "../../src/routing";

const STACKS = ["acs-direct-offer", "acs-direct-routing", "hybrid", "teams-calling-plan", "teams-direct-routing"];
const specOf = (stack: string) => parseVoiceChannelSpec(readStackFile(stackFilePath(stack)).ccvoice);

describe("escapeLabel", () => {
  it.each([
    ["^(911|933)$", "^(911#124;933)$"],
    ['say "hi"', "say #quot;hi#quot;"],
    ["a <b> & #1", "a #lt;b#gt; #38; #35;1"],
    ["two\nlines", "two<br/>lines"],
    ["^\\+45\\d{8}$", "^\\+45\\d{8}$"],
  ])("%j → %j", (text, expected) => {
    expect(escapeLabel(text)).toBe(expected);
  });
});

describe("MermaidFlowchart", () => {
  it("writes nodes once, numbers edges, and styles emergency edges", () => {
    const chart = new MermaidFlowchart("LR");
    chart.subgraph("g", "Group", () => {
      const a = chart.node("a", "A \"1\"", "stadium", "number");
      const b = chart.node("b", "B", "cylinder", "sbc");
      expect(chart.node("a", "ignored", "box", "emergency")).toBe(a);
      chart.edge(a, b);
      chart.edge(b, a, { emergency: true });
      chart.edge(a, b, { dotted: true, label: "x|y" });
    });
    expect(chart.text({ number: "fill:#fff", sbc: "fill:#eee", emergency: "fill:#f00", unused: "fill:#000" }, "stroke:#f00")).toBe(
      [
        "flowchart LR",
        '  subgraph g["Group"]',
        "    direction TB",
        '    n0(["A #quot;1#quot;"])',
        '    n1[("B")]',
        "    n0 --> n1",
        "    n1 ==> n0",
        "    n0 -.->|x#124;y| n1",
        "  end",
        "  classDef number fill:#fff",
        "  class n0 number",
        "  classDef sbc fill:#eee",
        "  class n1 sbc",
        "  classDef emergency fill:#f00",
        "  class n0 emergency",
        "  linkStyle 1 stroke:#f00",
        "",
      ].join("\n"),
    );
  });
});

const SMALL = {
  environment: "dev",
  approach: { inbound: "acs-direct-routing", outbound: "acs-direct-routing" },
  acs: { name: "cc-dev", dataLocation: "United States" },
  directRouting: {
    domains: ["contoso.com"],
    trunks: [{ fqdn: "sbc1.contoso.com", emergencyCapable: true }],
    routes: [
      { name: "emergency", numberPattern: "^(911|933)$", trunks: ["sbc1.contoso.com"] },
      { name: "nanp", numberPattern: "^\\+1\\d{10}$", trunks: ["sbc1.contoso.com"] },
    ],
    numbers: [
      { phoneNumber: "+14255550100", purpose: "main-line" },
      { phoneNumber: "+14255550180", purpose: "callback-pool" },
    ],
  },
  emergency: { countries: ["US"], notificationContacts: [{ email: "security@contoso.com" }] },
  runtime: { queues: [{ name: "support", numbers: ["+14255550100"] }] },
};

describe("diagramSpec", () => {
  it("draws a small direct routing stack in full", () => {
    expect(diagramSpec(parseVoiceChannelSpec(SMALL)).split("\n")).toEqual([
      "flowchart LR",
      '  subgraph outbound["Outbound: dial strings → routes (first match wins) → SBCs"]',
      "    direction TB",
      '    n0["1. route emergency<br/>^(911#124;933)$"]',
      '    n1[("SBC sbc1.contoso.com:5061 · emergency-capable")]',
      "    n0 ==> n1",
      '    n2["2. route nanp<br/>^\\+1\\d{10}$"]',
      "    n2 --> n1",
      '    n3(["US dials 911<br/>EMERGENCY"])',
      "    n3 ==> n0",
      '    n4(["US dials 933<br/>emergency test number"])',
      "    n4 ==> n0",
      '    n5(["US dials +12015550123<br/>ordinary"])',
      "    n5 --> n2",
      '    n6(["US dials +19926749441<br/>sample of nanp"])',
      "    n6 --> n2",
      "  end",
      '  subgraph pool["Callback pool: PSAP callbacks, each number leased 60 min to the agent"]',
      "    direction TB",
      '    n7(["+14255550180<br/>carrier, through the SBCs"])',
      '    n8["the agent who placed the emergency call<br/>highest priority, bypasses routing, capacity and DND"]',
      "    n7 ==> n8",
      "  end",
      '  subgraph inbound["Inbound: numbers → queues"]',
      "    direction TB",
      '    n9(["+14255550100<br/>main-line · carrier, through the SBCs"])',
      '    n10[["queue support<br/>wait 120 s"]]',
      "    n9 --> n10",
      "  end",
      "  classDef number fill:#eef6ff,stroke:#1d4ed8,color:#0b2559",
      "  class n5,n6,n9 number",
      "  classDef queue fill:#ecfdf5,stroke:#047857,color:#064e3b",
      "  class n10 queue",
      "  classDef route fill:#fffbeb,stroke:#b45309,color:#451a03",
      "  class n2 route",
      "  classDef sbc fill:#fff7ed,stroke:#c2410c,color:#431407",
      "  class n1 sbc",
      "  classDef emergency fill:#fee2e2,stroke:#b91c1c,color:#450a0a,stroke-width:2px",
      "  class n0,n3,n4,n7,n8 emergency",
      "  linkStyle 0,2,3,6 stroke:#b91c1c,stroke-width:3px",
      "",
    ]);
  });

  it("covers every example stack", () => {
    expect(listStacks()).toEqual(STACKS);
  });

  it.each(STACKS)("draws %s: every route, every call of the routing summary, emergency paths red", (stack) => {
    const spec = specOf(stack);
    const text = diagramSpec(spec);
    const lines = text.split("\n");
    expect(lines[0]).toBe("flowchart LR");
    expect(lines.filter((l) => /^ {2}subgraph /.test(l)).map((l) => l.trim().split("[")[0])).toEqual(["subgraph outbound", "subgraph pool", "subgraph inbound"]);
    const routes = spec.approach.outbound.startsWith("teams-")
      ? (spec.teams?.directRouting.voiceRoutes ?? []).map((r) => `voice route ${r.name} (priority ${r.priority})<br/>${escapeLabel(r.numberPattern)}`)
      : (spec.directRouting?.routes ?? []).map((r, i) => `${i + 1}. route ${r.name}<br/>${escapeLabel(r.numberPattern)}`);
    for (const label of routes) expect(text).toContain(label);
    const calls = new Set(summarizeRouting(spec).map((e) => `${e.country} dials ${e.dial}`));
    const dialNodes = lines.filter((l) => /^ {4}n\d+\(\["[A-Z]{2} dials /.test(l));
    expect(dialNodes).toHaveLength(calls.size);
    const emergencyClass = lines.find((l) => l.startsWith("  class ") && l.endsWith(" emergency")) ?? "";
    const emergencyIds = new Set(emergencyClass.replace(/^ {2}class /, "").replace(/ emergency$/, "").split(","));
    for (const line of dialNodes.filter((l) => /EMERGENCY|emergency test number/.test(l))) {
      expect(emergencyIds.has(line.trim().split("(")[0] as string)).toBe(true);
    }
    expect(lines.some((l) => l.startsWith("  linkStyle ") && l.endsWith(" stroke:#b91c1c,stroke-width:3px"))).toBe(true);
    // Every quoted label is closed on its line and holds no raw quote.
    for (const line of lines.filter((l) => /^ {4}n\d+/.test(l) && l.includes('"'))) {
      expect(line.match(/"/g)?.length).toBe(2);
    }
  });

  it("explains where PSAP callbacks go on Teams stacks, which have no callback pool", () => {
    expect(diagramSpec(specOf("teams-calling-plan"))).toContain(
      '    n10["no callback pool: a PSAP callback reaches the agent\'s own Teams number<br/>(Teams emergency policies; both clients ring)"]',
    );
  });
});
