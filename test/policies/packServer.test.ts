/**
 * The policy pack as the Pulumi CLI drives it, as far as this machine allows: `policies/index.ts` started in
 * its own process (it prints the analyzer's port, as the CLI expects), then the Analyzer gRPC service called
 * with the CLI's protocol messages: GetAnalyzerInfo, Analyze (one resource's inputs) and AnalyzeStack.
 * What this cannot show: the Pulumi CLI's own behaviour (installing the pack, collecting real preview
 * resources, printing the diagnostics) — there is no Pulumi CLI here.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckedResource } from "../../policies/lib/types";
import { RULES } from "../../policies/ruleList";
import { acsRaw, at, goodResources, resourcesWith, specFrom } from "./fixtures";

/* eslint-disable @typescript-eslint/no-require-imports */
const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb");
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
/* eslint-enable @typescript-eslint/no-require-imports */

type Raw = Record<string, unknown>;
type Message = { [method: string]: (...args: unknown[]) => unknown };
const LEVELS = ["ADVISORY", "MANDATORY", "DISABLED", "REMEDIATE"];
const urnOf = (r: CheckedResource): string => `urn:pulumi:prod::ccvoice::${r.type}::${r.name}`;

let pack: ChildProcess;
let client: Message;

function call<T>(method: string, request: unknown): Promise<T> {
  return new Promise((resolve, reject) =>
    (client[method] as (req: unknown, cb: (err: unknown, res: T) => void) => void).call(client, request, (err, res) => (err ? reject(err) : resolve(res))),
  );
}

function analyzerResource(r: CheckedResource, Ctor: new () => Message): Message {
  const msg = new Ctor();
  msg.setType?.(r.type);
  msg.setName?.(r.name);
  msg.setUrn?.(urnOf(r));
  msg.setProperties?.(Struct.fromJavaScript(r.inputs));
  msg.setOptions?.(new analyzerPb.AnalyzerResourceOptions());
  return msg;
}

function diagnostics(response: Message): { policy: string; level: string; message: string; urn: string }[] {
  return (response.getDiagnosticsList?.() as Message[]).map((d) => ({
    policy: d.getPolicyname?.() as string,
    level: LEVELS[d.getEnforcementlevel?.() as number] as string,
    message: d.getMessage?.() as string,
    urn: d.getUrn?.() as string,
  }));
}

beforeAll(async () => {
  pack = spawn(process.execPath, ["--import", "tsx", "index.ts"], { cwd: join(__dirname, "../../policies"), stdio: ["ignore", "pipe", "pipe"] });
  const port = await new Promise<string>((resolve, reject) => {
    let errText = "";
    pack.stderr?.on("data", (d: Buffer) => (errText += d.toString()));
    pack.stdout?.once("data", (d: Buffer) => resolve(d.toString().trim()));
    pack.once("exit", (code) => reject(new Error(`policy pack exited with ${code}: ${errText}`)));
  });
  const Client = analyzerGrpc.AnalyzerClient as new (address: string, creds: grpc.ChannelCredentials) => Message;
  client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}, 60_000);

afterAll(() => {
  (client?.close as (() => void) | undefined)?.call(client);
  pack?.kill();
});

describe("the policy pack served to the Pulumi CLI protocol", () => {
  it("announces every rule with its description and enforcement level", async () => {
    const info = await call<Message>("getAnalyzerInfo", new Empty());
    expect(info.getName?.()).toBe("ccvoice");
    const policies = (info.getPoliciesList?.() as Message[]).map((p) => [p.getName?.(), LEVELS[p.getEnforcementlevel?.() as number], p.getDescription?.()]);
    expect(policies).toEqual(RULES.map((r) => [r.name, r.enforcementLevel.toUpperCase(), r.description]));
  });

  it("fails a stack whose route takes UK and Danish agents' 112 to an SBC declared for neither, with the stack-level diagnostics", async () => {
    const spec = specFrom(acsRaw(), (raw) => delete ((at(raw, "directRouting").trunks as Raw[])[1] as Raw).emergencyCountries);
    const request = new analyzerPb.AnalyzeStackRequest();
    request.setResourcesList(goodResources(spec).map((r) => analyzerResource(r, analyzerPb.AnalyzerResource)));
    const found = diagnostics(await call<Message>("analyzeStack", request));
    expect(found).toEqual(
      ["GB", "DK"].map((c) => ({
        policy: "ccvoice-emergency-route-not-shadowed",
        level: "MANDATORY",
        // The policy SDK puts the rule's description first, then the finding.
        message: expect.stringMatching(
          new RegExp(
            `^No route takes an emergency number, first or on failover, .*\\nccvoice:directRouting\\.routes\\[0\\]: Route "emergency-dk" \\(\\^112\\$\\) sends 112 dialed by agents in ${c} to sbc2\\.contoso\\.com, which does not declare ${c} in emergencyCountries`,
          ),
        ),
        urn: "",
      })),
    );
  });

  it("fails one resource on its inputs, and skips values unknown during preview", async () => {
    const sub = resourcesWith("azure-native:eventgrid:SystemTopicEventSubscription", (i) => delete i.deadLetterWithResourceIdentity).find((r) =>
      r.type.endsWith("SystemTopicEventSubscription"),
    ) as CheckedResource;
    const bad = diagnostics(await call<Message>("analyze", analyzerResource(sub, analyzerPb.AnalyzeRequest)));
    // The engine, not the analyzer, attaches a resource check's diagnostic to the resource: no URN here.
    expect(bad.map((d) => [d.policy, d.level, d.urn])).toEqual([["ccvoice-eventgrid-dead-letter", "MANDATORY", ""]]);
    expect(bad[0]?.message).toMatch(/\nEvent subscription "incoming-call" \(ccvoice-prod-events-incoming-call\) has no dead-letter destination/);

    const app = resourcesWith("azure-native:web:WebApp", (i) => ((i.identity as Raw).type = "04da6b54-80e4-46f7-96ec-b56ff0331ba9")).find((r) =>
      r.type.endsWith("WebApp"),
    ) as CheckedResource;
    expect(diagnostics(await call<Message>("analyze", analyzerResource(app, analyzerPb.AnalyzeRequest)))).toEqual([]);
  });
});
