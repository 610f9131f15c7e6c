import { describe, expect, it } from "vitest";
import { PROVIDER_PLACEHOLDER, skipDynamicProviderSerialization } from "../../src/preview/providerSerialization";

/* eslint-disable @typescript-eslint/no-require-imports */
const closure = require("@pulumi/pulumi/runtime/closure/serializeClosure") as {
  serializeFunction: (f: () => unknown) => Promise<{ text: string }>;
};
const settings = require("@pulumi/pulumi/runtime/settings") as { cacheDynamicProviders: () => boolean };
/* eslint-enable @typescript-eslint/no-require-imports */

describe("skipDynamicProviderSerialization", () => {
  it("puts a placeholder in place of the serializer, keeps it out of the cache, and restores both", async () => {
    const serializer = closure.serializeFunction;
    const cache = settings.cacheDynamicProviders;
    const restore = skipDynamicProviderSerialization();
    expect((await closure.serializeFunction(() => 1)).text).toBe(PROVIDER_PLACEHOLDER);
    expect(settings.cacheDynamicProviders()).toBe(false);
    restore();
    expect(closure.serializeFunction).toBe(serializer);
    expect(settings.cacheDynamicProviders).toBe(cache);
  });
});
