/**
 * Faster start for `ccvoice preview`: while the preview modules load, three modules that
 * `@pulumi/pulumi` requires eagerly but a mock evaluation never uses are replaced by proxies that load
 * the real module on first use:
 *
 * - `./automation` from `@pulumi/pulumi/index.js` (the Automation API: about 1.2 s of loading);
 * - `typescript` from `@pulumi/pulumi/typescript-shim.js` (used only to serialize closures: about 0.6 s);
 * - `./closure/codePaths` from `@pulumi/pulumi/runtime/index.js` (used only to serialize closures).
 *
 * Measured on the 2-core machine of BENCHMARKS.md: `require("@pulumi/pulumi")` went from 2.1 s to 0.7 s.
 * Nothing changes when they are used (`--serialize-providers` loads typescript on first access).
 * `CCVOICE_EAGER_LOAD=1` turns this off.
 */
import Module from "node:module";

type Load = (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };

/** Whether `request` made by `parentFile` is one of the deferred modules. */
export function isDeferred(request: string, parentFile: string): boolean {
  const file = parentFile.replace(/\\/g, "/");
  if (!file.includes("/@pulumi/pulumi/")) return false;
  return (
    (request === "./automation" && file.endsWith("/@pulumi/pulumi/index.js")) ||
    (request === "typescript" && file.endsWith("/@pulumi/pulumi/typescript-shim.js")) ||
    (request === "./closure/codePaths" && file.endsWith("/@pulumi/pulumi/runtime/index.js"))
  );
}

/** Functions a parent module reads from a deferred module while it loads (`exports.x = m.x`). */
const READ_AT_LOAD: Record<string, readonly string[]> = { "./closure/codePaths": ["computeCodePaths"] };

const ES_MODULE: PropertyDescriptor = { value: true, writable: false, enumerable: false, configurable: true };

/**
 * A stand-in for a module's exports that loads the module on first use.
 *
 * `__esModule` and tsx's `module.exports` probe are answered without loading (so `__importStar(require(...))`
 * keeps the proxy, and tsx's check of each loaded module does not load it); each name in `functions` is
 * answered with a function that loads the module when called.
 *
 * @param load loads the real module
 * @param functions exported functions that are read, but not called, while the parent loads
 */
export function lazyExports(load: () => object, functions: readonly string[] = []): object {
  let real: object | undefined;
  const target = () => (real ??= load());
  const forwards = new Map(
    functions.map((name) => [name, (...args: unknown[]) => Reflect.apply(Reflect.get(target(), name) as Function, target(), args)]),
  );
  return new Proxy(
    {},
    {
      get: (_, key) => {
        if (key === "__esModule") return true;
        if (real === undefined && typeof key === "string" && forwards.has(key)) return forwards.get(key);
        return Reflect.get(target(), key);
      },
      has: (_, key) => key === "__esModule" || key in target(),
      ownKeys: () => Reflect.ownKeys(target()),
      getOwnPropertyDescriptor: (_, key) => {
        if (key === "__esModule" && real === undefined) return ES_MODULE;
        // tsx looks for a `module.exports` getter on every module it loads (ESM interop); there is none.
        if (key === "module.exports" && real === undefined) return undefined;
        const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
        return descriptor ? { ...descriptor, configurable: true } : undefined;
      },
    },
  );
}

/**
 * Runs `load` with the deferred modules in place (unless `CCVOICE_EAGER_LOAD=1`).
 *
 * @param load typically `() => require("./previewStack")`
 * @returns what `load` returned
 */
export function withDeferredModules<T>(load: () => T, env: NodeJS.ProcessEnv = process.env): T {
  if (env.CCVOICE_EAGER_LOAD === "1" || typeof loader._load !== "function") return load();
  const original = loader._load;
  loader._load = function (this: unknown, request, parent, isMain) {
    if (!isDeferred(request, parent?.filename ?? "")) return original.call(this, request, parent, isMain);
    return lazyExports(() => original.call(this, request, parent, isMain) as object, READ_AT_LOAD[request] ?? []);
  };
  try {
    return load();
  } finally {
    loader._load = original;
  }
}
