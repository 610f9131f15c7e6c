/**
 * The runtime package: naming of its storage account, its content hash, the content-addressed build the
 * program uses (real esbuild, about 0.3 s), and the RuntimeDeployment component under mocks.
 *
 * Not provable here: that Flex Consumption loads `released-package.zip` from the container and indexes
 * the functions (Azure only), and that azure-native zips the archive as expected (the engine does it).
 */
import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { one, registered, resetRegistered, settled } from "./harness";

type Module = typeof import("../../src/components/runtimeDeployment");
let rd: Module;
beforeAll(async () => {
  rd = await import("../../src/components/runtimeDeployment");
});
beforeEach(resetRegistered);

describe("packageStorageAccountName", () => {
  it.each([
    ["prod", "contoso-cc-hybrid", "ccpprod6c3bf8a85845a56d5"],
    ["prod", "CONTOSO-CC-HYBRID", "ccpprod6c3bf8a85845a56d5"],
    ["dev-eu", "contoso-cc-hybrid", "ccpdeveu6c3bf8a85845a56d"],
  ])("names the package account of %s / %s %s (24 characters, not the host account)", (env, acs, name) => {
    expect(rd.packageStorageAccountName(env, acs)).toBe(name);
    expect(name).toHaveLength(24);
  });

  it("fails when the environment cannot be part of a storage account name", () => {
    expect(() => rd.packageStorageAccountName("Prod_1", "x")).toThrow(
      'ccvoice:environment must be 1-12 lower-case letters, digits or dashes to name the package storage account, got "Prod_1"',
    );
  });
});

describe("bundleSha256", () => {
  const dir = mkdtempSync(join(tmpdir(), "ccvoice-sha-"));
  writeFileSync(join(dir, "a.txt"), "one");
  writeFileSync(join(dir, "b.txt"), "two");
  it.each([
    [["a.txt", "b.txt"], "same hash whatever the order"],
    [["b.txt", "a.txt"], "same hash whatever the order"],
  ])("hashes names and bytes of %j (%s)", (files) => {
    expect(rd.bundleSha256({ dir, files })).toBe(rd.bundleSha256({ dir, files: ["a.txt", "b.txt"] }));
    expect(rd.bundleSha256({ dir, files })).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes when a file name or its content changes", () => {
    const base = rd.bundleSha256({ dir, files: ["a.txt", "b.txt"] });
    expect(rd.bundleSha256({ dir, files: ["a.txt"] })).not.toBe(base);
    writeFileSync(join(dir, "c.txt"), "two");
    expect(rd.bundleSha256({ dir, files: ["a.txt", "c.txt"] })).not.toBe(base);
  });
});

describe("prepareRuntimePackage", () => {
  it("builds the bundle into a folder named after its hash, once per process, and removes stale folders", async () => {
    const root = mkdtempSync(join(tmpdir(), "ccvoice-pkg-"));
    const stale = join(root, "0123456789abcdef");
    mkdirSync(stale);
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(stale, old, old);
    const fresh = join(root, "fedcba9876543210");
    mkdirSync(fresh);

    const started = performance.now();
    const pkg = rd.prepareRuntimePackage(root);
    const firstMs = performance.now() - started;
    expect(pkg.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readdirSync(root).sort()).toEqual([pkg.sha256.slice(0, 16), "fedcba9876543210"].sort());
    const dir = join(root, pkg.sha256.slice(0, 16));
    expect(readdirSync(dir).sort()).toEqual(["host.json", "main.js", "main.js.LEGAL.txt", "package.json"]);
    expect(rd.bundleSha256({ dir, files: readdirSync(dir) })).toBe(pkg.sha256);
    const assets = await (pkg.archive as unknown as { assets: Promise<Record<string, unknown>> }).assets;
    expect(Object.keys(assets).sort()).toEqual(["host.json", "main.js", "main.js.LEGAL.txt", "package.json"]);
    // Cached: the same object, no second build.
    expect(rd.prepareRuntimePackage(root)).toBe(pkg);
    expect(firstMs).toBeLessThan(5000);
  });

  it("keeps the folder another process put in place first and drops its own build", () => {
    const first = mkdtempSync(join(tmpdir(), "ccvoice-pkg-"));
    const sha = rd.prepareRuntimePackage(first).sha256;
    const second = mkdtempSync(join(tmpdir(), "ccvoice-pkg-"));
    mkdirSync(join(second, sha.slice(0, 16)));
    writeFileSync(join(second, sha.slice(0, 16), "marker"), "already here");
    expect(rd.prepareRuntimePackage(second).sha256).toBe(sha);
    expect(readdirSync(second)).toEqual([sha.slice(0, 16)]);
    expect(readdirSync(join(second, sha.slice(0, 16)))).toEqual(["marker"]);
  });
});

describe("RuntimeDeployment", () => {
  it("declares the package account and container, and no blob without a package", async () => {
    const deployment = new rd.RuntimeDeployment("rt-deployment", {
      resourceGroupName: "rg",
      location: "westeurope",
      storageAccountName: "ccptest0000000000000000",
    });
    await settled();
    expect(registered.map((r) => [r.type, r.name])).toEqual([
      ["ccvoice:runtime:RuntimeDeployment", "rt-deployment"],
      ["azure-native:storage:StorageAccount", "rt-deployment-storage"],
      ["azure-native:storage:BlobContainer", "rt-deployment-container"],
    ]);
    expect(one("azure-native:storage:StorageAccount").inputs).toMatchObject({ location: "westeurope", allowSharedKeyAccess: true, tags: {} });
    expect(deployment.blob).toBeUndefined();
  });
});
