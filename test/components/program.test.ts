/**
 * The program as `ccvoice preview` runs it (the preview's own mocks, not the component harness): it
 * builds the runtime package once and declares its upload, for every example stack, quickly.
 */
import { describe, expect, it } from "vitest";
import { previewStack } from "../../src/preview/previewStack";
import { prepareRuntimePackage } from "../../src/components/runtimeDeployment";

const STACKS = ["acs-direct-routing", "acs-direct-offer", "hybrid", "teams-direct-routing", "teams-calling-plan"];

describe("voiceChannelProgram under ccvoice preview", () => {
  it.each(STACKS)("uploads the runtime package built from src/runtime for %s and carries the spec on the component", async (stack) => {
    const started = performance.now();
    const result = await previewStack({ stack });
    const ms = performance.now() - started;
    expect(result.errors).toEqual([]);
    const sha256 = prepareRuntimePackage().sha256;
    expect(result.outputs.runtimePackageSha256).toBe(sha256);
    const blob = result.resources.filter((r) => r.type === "azure-native:storage:Blob");
    expect(blob.map((r) => [r.name, r.parent, r.inputs.blobName, r.inputs.containerName])).toEqual([
      ["ccvoice-prod-runtime-deployment-package", "ccvoice-prod-runtime-deployment", "released-package.zip", "app-package"],
    ]);
    expect(blob[0]?.inputs.source).toBeDefined();
    const component = result.resources.find((r) => r.type === "ccvoice:index:ContactCenterVoice");
    expect(JSON.parse(component?.inputs.specJson as string)).toEqual(JSON.parse(JSON.stringify(result.spec)));
    // The first stack pays for the esbuild bundle (about 0.3 s); all stay well under the 5 s budget.
    expect(ms).toBeLessThan(5000);
  });
});
