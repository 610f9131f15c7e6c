import Module from "node:module";
import { describe, expect, it } from "vitest";
import { isDeferred, lazyExports, withDeferredModules } from "../../src/preview/deferredModules";

const P = "/work/main/node_modules/@pulumi/pulumi";

describe("isDeferred", () => {
  it.each([
    ["./automation", `${P}/index.js`, true],
    ["typescript", `${P}/typescript-shim.js`, true],
    ["./closure/codePaths", `${P}/runtime/index.js`, true],
    ["./automation", `${P}/runtime/index.js`, false],
    ["typescript", "/work/main/node_modules/ts-node/dist/index.js", false],
    ["./runtime", `${P}/index.js`, false],
    ["typescript", "C:\\app\\node_modules\\@pulumi\\pulumi\\typescript-shim.js", true],
  ])("defers %s required by %s: %s", (request, parent, deferred) => {
    expect(isDeferred(request, parent)).toBe(deferred);
  });
});

describe("lazyExports", () => {
  it("answers the module probes and the listed functions without loading, loads on first real use", () => {
    let loads = 0;
    const proxy = lazyExports(() => {
      loads += 1;
      return { computeCodePaths: (x: number) => x * 2, version: "5.9" };
    }, ["computeCodePaths"]) as Record<string, unknown>;
    expect(proxy.__esModule).toBe(true);
    expect(Object.getOwnPropertyDescriptor(proxy, "module.exports")).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(proxy, "__esModule")?.value).toBe(true);
    const compute = proxy.computeCodePaths as (x: number) => number;
    expect(loads).toBe(0);
    expect(compute(21)).toBe(42);
    expect(loads).toBe(1);
    expect(proxy.version).toBe("5.9");
    expect(Object.keys(proxy)).toEqual(["computeCodePaths", "version"]);
    expect(loads).toBe(1);
  });
});

describe("withDeferredModules", () => {
  const loader = Module as unknown as { _load: unknown };

  it("hooks the loader only while loading and restores it, even when loading throws", () => {
    const original = loader._load;
    let inside: unknown;
    expect(withDeferredModules(() => ((inside = loader._load), 7))).toBe(7);
    expect(inside).not.toBe(original);
    expect(loader._load).toBe(original);
    expect(() =>
      withDeferredModules(() => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(loader._load).toBe(original);
  });

  it("leaves the loader alone with CCVOICE_EAGER_LOAD=1", () => {
    const original = loader._load;
    let inside: unknown;
    withDeferredModules(() => (inside = loader._load), { CCVOICE_EAGER_LOAD: "1" });
    expect(inside).toBe(original);
  });
});
