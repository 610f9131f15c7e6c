/**
 * The CrossGuard adapter, driven the way the policy SDK's analyzer server drives it: `props` wrapped in the
 * SDK's own unknown-checking proxy, engine sentinels for values not known during preview. The Pulumi CLI
 * itself (`pulumi preview --policy-pack policies`) cannot run here; these tests stop at the policy objects.
 */
import type { PolicyResource, ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { toPulumiPolicy } from "../../policies/lib/toPulumiPolicy";
import type { CheckedResource } from "../../policies/lib/types";
import { ruleNamed } from "../../policies/ruleList";
import { acsRaw, at, goodResources, resourcesWith, specFrom } from "./fixtures";

// The policy SDK's internal proxy (what `args.props` is in a real analysis).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy, unknownStringValue, unknownArrayValue } = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy: (v: unknown) => Record<string, unknown>;
  unknownStringValue: string;
  unknownArrayValue: string;
};

type Raw = Record<string, unknown>;
const urnOf = (name: string) => `urn:pulumi:prod::ccvoice::type::${name}`;

class NotApplicable extends Error {}

function stackArgs(resources: CheckedResource[]): StackValidationArgs {
  return {
    resources: resources.map((r) => ({ type: r.type, name: r.name, urn: urnOf(r.name), props: unknownCheckingProxy(r.inputs) }) as unknown as PolicyResource),
    stackTags: new Map(),
    getConfig: () => ({}) as never,
    notApplicable: (reason?: string) => {
      throw new NotApplicable(reason);
    },
  };
}

function resourceArgs(r: CheckedResource): ResourceValidationArgs {
  return { type: r.type, name: r.name, urn: urnOf(r.name), props: unknownCheckingProxy(r.inputs) } as unknown as ResourceValidationArgs;
}

function collect(): { report: ReportViolation; seen: [string, string | undefined][] } {
  const seen: [string, string | undefined][] = [];
  return { seen, report: (message: string, urn?: string) => void seen.push([message, urn]) };
}

const policy = (name: string) => toPulumiPolicy(ruleNamed(name) ?? (undefined as never));

describe("the CrossGuard adapter", () => {
  it("reads the spec from the Function App's CCVOICE_SPEC and prefixes setting-path findings with the path", async () => {
    const spec = specFrom(acsRaw(), (raw) => delete ((at(raw, "directRouting").trunks as Raw[])[1] as Raw).emergencyCountries);
    const { report, seen } = collect();
    await policy("ccvoice-emergency-route-not-shadowed").validateStack(stackArgs(goodResources(spec)), report);
    expect(seen).toEqual(
      ["GB", "DK"].map((c) => [
        `ccvoice:directRouting.routes[0]: Route "emergency-dk" (^112$) sends 112 dialed by agents in ${c} to sbc2.contoso.com, which does not declare ${c} in emergencyCountries, although Microsoft's emergency service would otherwise take this call through the stack's Microsoft numbers. Declare emergencyCountries including ${c} on sbc2.contoso.com if its carrier delivers ${c} emergency calls to ${c} PSAPs, or exclude 112 from the pattern.`,
        undefined,
      ]),
    );
  });

  it("reads the spec from the ContactCenterVoice component's spec input when it carries one", async () => {
    const spec = specFrom(acsRaw(), (raw) => (at(raw, "runtime").recording = { enabled: true, includeEmergencyCalls: true }));
    const resources = goodResources(specFrom(acsRaw())).map((r) => (r.type === "ccvoice:index:ContactCenterVoice" ? { ...r, inputs: { spec } } : r));
    const { report, seen } = collect();
    await policy("ccvoice-emergency-not-recorded").validateStack(stackArgs(resources), report);
    expect(seen.map(([m]) => m.split(":")[1])).toEqual(["runtime.recording.includeEmergencyCalls"]);
  });

  it("fails when the spec cannot be found, as not applicable with the reason, for rules that need it", async () => {
    const resources = goodResources().filter((r) => r.type !== "azure-native:web:WebApp");
    const { report } = collect();
    await expect(async () => policy("ccvoice-emergency-route-reachable").validateStack(stackArgs(resources), report)).rejects.toThrow(
      "the stack's spec was not found: no ccvoice:index:ContactCenterVoice resource has a spec property and no azure-native:web:WebApp has the app setting CCVOICE_SPEC",
    );
  });

  it("reports resource findings of a stack check against that resource's URN", async () => {
    const resources = resourcesWith("pulumi-nodejs:dynamic/ccvoice-numbers:PhoneNumberOrder", (i) => (i.releaseOnDelete = true));
    const { report, seen } = collect();
    await policy("ccvoice-numbers-retained").validateStack(stackArgs(resources), report);
    expect(seen.map(([, urn]) => urn)).toEqual([urnOf("ccvoice-prod-numbers-order-us-main")]);
  });

  it("runs per-resource checks on the inputs and skips values the engine does not know yet", async () => {
    const app = resourcesWith("azure-native:web:WebApp", (i) => {
      (i.identity as Raw).type = unknownStringValue;
      (i.siteConfig as Raw).appSettings = unknownArrayValue;
    }).find((r) => r.type === "azure-native:web:WebApp") as CheckedResource;
    const args = resourceArgs(app);
    expect(() => (args.props.identity as Raw).type).toThrow("can't be known during preview");
    const { report, seen } = collect();
    await policy("ccvoice-runtime-no-connection-strings").validateResource?.(args, report);
    expect(seen).toEqual([]);
  });

  it("fails a resource whose known inputs break the rule", async () => {
    const sub = resourcesWith("azure-native:eventgrid:SystemTopicEventSubscription", (i) => delete i.deadLetterWithResourceIdentity).find((r) =>
      r.type.endsWith("SystemTopicEventSubscription"),
    ) as CheckedResource;
    const { report, seen } = collect();
    await policy("ccvoice-eventgrid-dead-letter").validateResource?.(resourceArgs(sub), report);
    expect(seen).toEqual([
      [
        'Event subscription "incoming-call" (ccvoice-prod-events-incoming-call) has no dead-letter destination, so events Event Grid gives up on are dropped without a trace. Set deadLetterWithResourceIdentity.deadLetterDestination to a StorageBlob destination (storage account resourceId and blobContainerName).',
        undefined,
      ],
    ]);
  });
});
