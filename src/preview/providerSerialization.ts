/**
 * Turns off the serialization of dynamic providers' code while a program runs under the mock runtime.
 *
 * `dynamic.Resource` serializes its provider (closure and captured modules) into the `__provider` input.
 * Under mocks nobody runs that code; serializing it costs about a second per provider module, and fails
 * under vitest, whose module wrappers the serializer cannot capture. Both patched functions are read by
 * the SDK through its module exports at call time (`@pulumi/pulumi` 3.x `dynamic/index.js`), which is
 * what makes the switch possible. `ccvoice preview --serialize-providers` keeps the real serializer.
 */

interface SerializedFunction {
  text: string;
  exportName: string;
  containsSecrets: boolean;
}

/* eslint-disable @typescript-eslint/no-require-imports */
const closure = require("@pulumi/pulumi/runtime/closure/serializeClosure") as {
  serializeFunction: (...args: unknown[]) => Promise<SerializedFunction>;
};
const settings = require("@pulumi/pulumi/runtime/settings") as { cacheDynamicProviders: () => boolean };
/* eslint-enable @typescript-eslint/no-require-imports */

/** The `__provider` text used instead of the serialized code. */
export const PROVIDER_PLACEHOLDER = "/* dynamic provider code: not serialized by ccvoice preview */";

/**
 * Replaces the serializer with a placeholder until the returned function is called.
 *
 * @returns restores the SDK's serializer and its provider cache setting
 */
export function skipDynamicProviderSerialization(): () => void {
  const { serializeFunction } = closure;
  const { cacheDynamicProviders } = settings;
  closure.serializeFunction = async () => ({ text: PROVIDER_PLACEHOLDER, exportName: "handler", containsSecrets: false });
  // The SDK caches serialized providers per provider object: keep placeholders out of that cache.
  settings.cacheDynamicProviders = () => false;
  return () => {
    closure.serializeFunction = serializeFunction;
    settings.cacheDynamicProviders = cacheDynamicProviders;
  };
}
