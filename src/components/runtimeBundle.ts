/**
 * Builds the Functions app package of the runtime: `src/runtime/app.ts` bundled with esbuild into one
 * minified CommonJS file for Node 20, next to a `host.json` and a `package.json` whose `main` points at it.
 * Everything is bundled except `@azure/functions-core`, which the Functions host's Node worker provides.
 * The infrastructure uploads the folder (zipped by Pulumi from {@link runtimeBundleArchive}) to the Flex
 * Consumption deployment container.
 *
 * Small and fast to load matters: cold starts on Consumption-style plans grow with package size and
 * module initialisation (limits-and-reliability.md §2 F1, F5). The SDKs the runtime needs are loaded on
 * the first invocation, not at module load (see `src/runtime/runtime.ts`).
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type * as pulumi from "@pulumi/pulumi";

/** Modules the Functions host provides at run time; never bundled. */
export const HOST_PROVIDED_MODULES = ["@azure/functions-core"] as const;

/** `host.json` of the app: Functions v4, extension bundle 4.x (Event Grid trigger). */
export const HOST_JSON = {
  version: "2.0",
  extensionBundle: { id: "Microsoft.Azure.Functions.ExtensionBundle", version: "[4.*, 5.0.0)" },
  functionTimeout: "00:05:00",
  logging: { logLevel: { default: "Information" }, applicationInsights: { samplingSettings: { isEnabled: true, excludedTypes: "Request;Exception" } } },
} as const;

/** Options of {@link buildRuntimeBundle}. */
export interface RuntimeBundleOptions {
  /** Output folder, emptied first. @default "dist/runtime" under the current directory */
  readonly outDir?: string;
  /** Entry point. @default "src/runtime/app.ts" next to this package */
  readonly entry?: string;
  /** Minify. @default true */
  readonly minify?: boolean;
  /** Write `main.js.map` too. @default false — the package stays small */
  readonly sourcemap?: boolean;
}

/** What was built. */
export interface RuntimeBundle {
  /** Absolute path of the folder to deploy. */
  readonly dir: string;
  /** Files in the folder. */
  readonly files: string[];
  /** Size of `main.js`, bytes. */
  readonly mainBytes: number;
  /** Size of every file, bytes. */
  readonly totalBytes: number;
  /** Build time, ms. */
  readonly buildMs: number;
  /** esbuild warnings (text), e.g. optional modules that were not found. */
  readonly warnings: string[];
}

type EsbuildOptions = import("esbuild").BuildOptions & { metafile: true };

function prepare(options: RuntimeBundleOptions): { dir: string; esbuild: EsbuildOptions } {
  const dir = resolve(options.outDir ?? join("dist", "runtime"));
  const entry = options.entry ?? resolve(__dirname, "..", "runtime", "app.ts");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return {
    dir,
    esbuild: {
      entryPoints: [entry],
      outfile: join(dir, "main.js"),
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      minify: options.minify ?? true,
      sourcemap: options.sourcemap ? "external" : false,
      legalComments: "linked",
      external: [...HOST_PROVIDED_MODULES],
      logLevel: "silent",
      metafile: true,
    },
  };
}

function finish(dir: string, result: import("esbuild").BuildResult<EsbuildOptions>, started: number): RuntimeBundle {
  writeFileSync(join(dir, "host.json"), `${JSON.stringify(HOST_JSON, null, 2)}\n`);
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: "ccvoice-runtime", version: "0.1.0", private: true, main: "main.js", type: "commonjs", engines: { node: ">=20" } }, null, 2)}\n`,
  );
  const files = ["host.json", "package.json", ...Object.keys(result.metafile.outputs).map((p) => resolve(p).slice(dir.length + 1))].sort();
  const sizes = files.map((f) => statSync(join(dir, f)).size);
  return {
    dir,
    files,
    mainBytes: statSync(join(dir, "main.js")).size,
    totalBytes: sizes.reduce((a, b) => a + b, 0),
    buildMs: Math.round(performance.now() - started),
    warnings: result.warnings.map((w) => `${w.location?.file ?? ""}:${w.location?.line ?? ""} ${w.text}`),
  };
}

/**
 * Bundles the runtime.
 *
 * @throws Error when esbuild fails (the messages name the file and line)
 */
export async function buildRuntimeBundle(options: RuntimeBundleOptions = {}): Promise<RuntimeBundle> {
  const started = performance.now();
  const { build } = await import("esbuild");
  const { dir, esbuild } = prepare(options);
  return finish(dir, await build(esbuild), started);
}

/**
 * Bundles the runtime synchronously (esbuild `buildSync`, about 0.3 s), for the Pulumi program, which
 * must declare its resources without awaiting: `ccvoice preview` calls it synchronously.
 *
 * @throws Error when esbuild fails (the messages name the file and line)
 */
export function buildRuntimeBundleSync(options: RuntimeBundleOptions = {}): RuntimeBundle {
  const started = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildSync } = require("esbuild") as typeof import("esbuild");
  const { dir, esbuild } = prepare(options);
  return finish(dir, buildSync(esbuild), started);
}

/**
 * The bundle as a Pulumi archive (the folder's files at the root of the zip), for a blob in the Flex
 * Consumption deployment container.
 */
export function runtimeBundleArchive(bundle: Pick<RuntimeBundle, "dir" | "files">): pulumi.asset.AssetArchive {
  // Loaded here so that building and testing the bundle does not load the Pulumi SDK.
  const { asset } = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  const entries: Record<string, pulumi.asset.Asset> = {};
  for (const file of bundle.files) entries[file] = new asset.FileAsset(join(bundle.dir, file));
  return new asset.AssetArchive(entries);
}
