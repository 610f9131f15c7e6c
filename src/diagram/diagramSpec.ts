/**
 * The call-path diagram of a stack, as Mermaid flowchart text: numbers → queues (through Teams resource
 * accounts where used), the callback pool and where PSAP callbacks go, and outbound dial strings → routes →
 * SBCs or Microsoft's network. Emergency paths are thick and red. Pure: the outbound paths come from the
 * routing core (`summarizeRouting`), never from a second implementation.
 */
import type { Queue, VoiceChannelSpec } from "../config/schema";
import { summarizeRouting, type CallResolution, type RoutingSummaryEntry } from "../routing";
import { MermaidFlowchart } from "./mermaidFlowchart";

/** Styles of the node classes; `emergency` last so it wins over the others. */
export const DIAGRAM_CLASSES: Readonly<Record<string, string>> = {
  number: "fill:#eef6ff,stroke:#1d4ed8,color:#0b2559",
  queue: "fill:#ecfdf5,stroke:#047857,color:#064e3b",
  account: "fill:#f5f3ff,stroke:#6d28d9,color:#3b0764",
  route: "fill:#fffbeb,stroke:#b45309,color:#451a03",
  sbc: "fill:#fff7ed,stroke:#c2410c,color:#431407",
  microsoft: "fill:#e0f2fe,stroke:#0369a1,color:#082f49",
  blocked: "fill:#f3f4f6,stroke:#4b5563,color:#111827,stroke-dasharray:4 3",
  emergency: "fill:#fee2e2,stroke:#b91c1c,color:#450a0a,stroke-width:2px",
};

/** Style of emergency edges. */
export const EMERGENCY_LINK_STYLE = "stroke:#b91c1c,stroke-width:3px";

const isTeams = (spec: VoiceChannelSpec) => spec.approach.outbound.startsWith("teams-");

function queuesOf(spec: VoiceChannelSpec, match: (q: Queue) => boolean): Queue[] {
  return spec.runtime.queues.filter(match);
}

function inbound(chart: MermaidFlowchart, spec: VoiceChannelSpec): void {
  const queueNode = (q: Queue) => {
    const details = [q.requiredSkills.length > 0 ? `skills ${q.requiredSkills.join(", ")}` : "", `wait ${q.maxWaitSeconds} s`].filter(Boolean);
    return chart.node(`queue:${q.name}`, `queue ${q.name}\n${details.join(" · ")}`, "subroutine", "queue");
  };
  chart.subgraph("inbound", "Inbound: numbers → queues", () => {
    const unassigned = () => chart.node("queue:none", "no queue lists it", "box", "blocked");
    for (const n of spec.directRouting?.numbers ?? []) {
      if (n.purpose === "callback-pool") continue;
      const id = chart.node(`number:${n.phoneNumber}`, `${n.phoneNumber}\n${n.purpose} · carrier, through the SBCs`, "stadium", "number");
      const queues = queuesOf(spec, (q) => q.numbers.includes(n.phoneNumber));
      for (const q of queues) chart.edge(id, queueNode(q));
      if (queues.length === 0 && n.purpose !== "outbound-caller-id") chart.edge(id, unassigned());
    }
    for (const o of spec.phoneNumbers.orders) {
      if (o.purpose === "callback-pool") continue;
      const id = chart.node(`order:${o.name}`, `order ${o.name}\n${o.quantity} × ${o.phoneNumberType} ${o.countryCode} · ${o.purpose} · Microsoft`, "stadium", "number");
      const queues = queuesOf(spec, (q) => q.orders.includes(o.name));
      for (const q of queues) chart.edge(id, queueNode(q));
      if (queues.length === 0 && o.purpose !== "outbound-caller-id") chart.edge(id, unassigned());
    }
    for (const a of spec.phoneNumbers.adopt) {
      if (a.purpose === "callback-pool") continue;
      const id = chart.node(`number:${a.phoneNumber}`, `${a.phoneNumber}\n${a.purpose} · Microsoft (adopted)`, "stadium", "number");
      const queues = queuesOf(spec, (q) => q.numbers.includes(a.phoneNumber));
      for (const q of queues) chart.edge(id, queueNode(q));
      if (queues.length === 0 && a.purpose !== "outbound-caller-id") chart.edge(id, unassigned());
    }
    for (const ra of spec.teams?.resourceAccounts ?? []) {
      const number = ra.phoneNumber ? `${ra.phoneNumber} · ${ra.phoneNumberType ?? "number type not set"}` : "no number assigned";
      const id = chart.node(`account:${ra.upn}`, `resource account ${ra.upn}\n${number}`, "hexagon", "account");
      const queues = queuesOf(spec, (q) => q.resourceAccounts.some((u) => u.toLowerCase() === ra.upn.toLowerCase()));
      for (const q of queues) chart.edge(id, queueNode(q));
      if (queues.length === 0) chart.edge(id, unassigned());
    }
    for (const q of spec.runtime.queues) {
      const from = queueNode(q);
      if (q.overflowTarget === undefined) continue;
      const target = spec.runtime.queues.find((o) => o.name === q.overflowTarget);
      const to = target ? queueNode(target) : chart.node(`overflow:${q.overflowTarget}`, `overflow to ${q.overflowTarget}`, "stadium", "number");
      chart.edge(from, to, { dotted: true, label: `overflow after ${q.maxWaitSeconds} s` });
    }
  });
}

function callbackPool(chart: MermaidFlowchart, spec: VoiceChannelSpec): void {
  const minutes = spec.emergency.callbackLeaseMinutes;
  chart.subgraph("pool", `Callback pool: PSAP callbacks, each number leased ${minutes} min to the agent`, () => {
    const pool: string[] = [];
    for (const n of spec.directRouting?.numbers ?? []) {
      if (n.purpose === "callback-pool") pool.push(chart.node(`number:${n.phoneNumber}`, `${n.phoneNumber}\ncarrier, through the SBCs`, "stadium", "emergency"));
    }
    for (const o of spec.phoneNumbers.orders) {
      if (o.purpose === "callback-pool") pool.push(chart.node(`order:${o.name}`, `order ${o.name}\n${o.quantity} × ${o.phoneNumberType} ${o.countryCode} · Microsoft`, "stadium", "emergency"));
    }
    for (const a of spec.phoneNumbers.adopt) {
      if (a.purpose === "callback-pool") pool.push(chart.node(`number:${a.phoneNumber}`, `${a.phoneNumber}\nMicrosoft (adopted)`, "stadium", "emergency"));
    }
    if (pool.length === 0) {
      const why = isTeams(spec)
        ? "no callback pool: a PSAP callback reaches the agent's own Teams number\n(Teams emergency policies; both clients ring)"
        : "no callback pool numbers declared";
      chart.node("pool:empty", why, "box", isTeams(spec) ? "account" : "blocked");
      return;
    }
    const agent = chart.node("pool:agent", "the agent who placed the emergency call\nhighest priority, bypasses routing, capacity and DND", "box", "emergency");
    for (const id of pool) chart.edge(id, agent, { emergency: true });
    if (spec.emergency.fallbackTarget) {
      chart.edge(agent, chart.node("pool:fallback", `${spec.emergency.fallbackTarget}\nwhen no lease is live`, "stadium", "number"), { dotted: true, label: "no live lease" });
    }
  });
}

/** The node a resolved call ends at when it is not sent to a route. */
function terminal(chart: MermaidFlowchart, r: CallResolution): string {
  switch (r.path) {
    case "acs-direct-offer":
      return r.emergency
        ? chart.node("end:ms-emergency", "Microsoft emergency service\n(direct offer)", "parallelogram", "emergency")
        : chart.node("end:direct-offer", "Microsoft PSTN\n(direct offer)", "parallelogram", "microsoft");
    case "teams-calling-plan":
      return r.emergency
        ? chart.node("end:cp-emergency", "calling plan emergency service", "parallelogram", "emergency")
        : chart.node("end:calling-plan", "Teams calling plan\n(Microsoft PSTN)", "parallelogram", "microsoft");
    case "teams-operator-connect":
      return chart.node("end:operator-connect", "Operator Connect operator", "parallelogram", r.emergency ? "emergency" : "microsoft");
    case "blocked":
      return chart.node("end:blocked", "BLOCKED: the call fails", "box", "blocked");
    case "acs-direct-routing":
    case "teams-direct-routing":
      return chart.node("end:unrouted", "direct routing without a route", "box", "blocked");
  }
}

function outbound(chart: MermaidFlowchart, spec: VoiceChannelSpec, entries: RoutingSummaryEntry[]): void {
  const teams = isTeams(spec);
  const hasRoutes = teams ? (spec.teams?.directRouting.voiceRoutes.length ?? 0) > 0 : (spec.directRouting?.routes.length ?? 0) > 0;
  const title = !hasRoutes
    ? "Outbound: dial strings → where the call leaves (no direct routing routes)"
    : teams
      ? "Outbound: dial strings → Teams voice routes → gateways"
      : "Outbound: dial strings → routes (first match wins) → SBCs";
  const emergencyRoutes = new Set(entries.filter((e) => e.resolution.emergency && e.resolution.route).map((e) => e.resolution.route as string));
  chart.subgraph("outbound", title, () => {
    const gateway = (fqdn: string) => {
      const t = teams ? spec.teams?.directRouting.gateways.find((g) => g.fqdn === fqdn) : spec.directRouting?.trunks.find((g) => g.fqdn === fqdn);
      const flags = [t ? `:${t.sipSignalingPort}` : "", t?.enabled === false ? " · disabled" : "", t?.emergencyCapable ? " · emergency-capable" : ""].join("");
      return chart.node(`sbc:${fqdn}`, `SBC ${fqdn}${flags}`, "cylinder", "sbc");
    };
    const routes = teams
      ? (spec.teams?.directRouting.voiceRoutes ?? []).map((r) => ({ name: r.name, label: `voice route ${r.name} (priority ${r.priority})\n${r.numberPattern}\nusages ${r.pstnUsages.join(", ")}`, targets: r.gateways }))
      : (spec.directRouting?.routes ?? []).map((r, i) => ({ name: r.name, label: `${i + 1}. route ${r.name}\n${r.numberPattern}`, targets: r.trunks }));
    for (const r of routes) {
      const emergency = emergencyRoutes.has(r.name);
      const id = chart.node(`route:${r.name}`, r.label, "box", emergency ? "emergency" : "route");
      for (const fqdn of r.targets) chart.edge(id, gateway(fqdn), { emergency });
    }
    const seen = new Set<string>();
    for (const e of entries) {
      const key = `${e.country}|${e.dial}|${e.from ?? ""}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const r = e.resolution;
      const as = teams && e.from ? `\nas ${e.from}` : "";
      const what = r.emergency ? (r.testNumber ? "emergency test number" : "EMERGENCY") : e.kind === "route-sample" ? `sample of ${e.sampledRoute}` : "ordinary";
      const dial = chart.node(`dial:${key}`, `${e.country} dials ${e.dial}\n${what}${as}`, "stadium", r.emergency ? "emergency" : "number");
      const to = r.route ? (chart.idOf(`route:${r.route}`) ?? terminal(chart, r)) : terminal(chart, r);
      chart.edge(dial, to, { emergency: r.emergency });
    }
  });
}

/**
 * The Mermaid flowchart of a stack's call paths.
 *
 * @param spec a validated spec
 * @returns Mermaid text (starts with `flowchart LR`), renderable in Markdown viewers that support Mermaid
 */
export function diagramSpec(spec: VoiceChannelSpec): string {
  const chart = new MermaidFlowchart("LR");
  // Declared bottom-up: the layout stacks unconnected subgraphs with the last one on top, so the page
  // reads inbound, callback pool, outbound from the top.
  outbound(chart, spec, summarizeRouting(spec));
  callbackPool(chart, spec);
  inbound(chart, spec);
  return chart.text(DIAGRAM_CLASSES, EMERGENCY_LINK_STYLE);
}
