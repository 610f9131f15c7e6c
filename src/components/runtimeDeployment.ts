/**
 * Deploys the runtime's code to its Flex Consumption app: a storage account that holds only the package,
 * the deployment container the Function App reads (`functionAppConfig.deployment.storage`), and the
 * package itself, the esbuild bundle that the azure-native provider zips into the blob `released-package.zip`.
 *
 * Why a storage account of its own, with shared keys allowed: azure-native's `storage.Blob` uploads with
 * the account key (it calls ListKeys and signs with a shared key credential, even in its azidentity
 * variant; pulumi/pulumi-azure-native#2015, `custom_storage_azidentity.go` `blobClientDependencies`), so
 * it cannot write to the runtime's host storage, which refuses shared keys. This account holds the code
 * package and nothing else (no call state, no dead letters); no key is ever put in an app setting or in
 * Pulumi state, and the Function App reads the package with its managed identity.
 *
 * Not verified here (no Azure): that a Flex Consumption app created after the blob exists loads it and
 * registers its functions before Event Grid checks the `incomingCall` destination. The blob name is the
 * one one deploy writes, as public Flex Consumption IaC examples cite the Learn page below.
 *
 * @see https://learn.microsoft.com/azure/azure-functions/functions-infrastructure-as-code?pivots=flex-consumption-plan#deployment-package
 * @see https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as storage from "@pulumi/azure-native/storage";
import { DEPLOYMENT_CONTAINER } from "./names";
import { buildRuntimeBundleSync, runtimeBundleArchive, type RuntimeBundle } from "./runtimeBundle";

/** Blob name Flex Consumption's one deploy reads the package from, in the deployment container. */
export const RUNTIME_PACKAGE_BLOB = "released-package.zip";
/** App setting carrying the package hash: a new package changes it, and a changed setting restarts the app. */
export const PACKAGE_HASH_SETTING = "CCVOICE_PACKAGE_SHA256";

/** The code to deploy: an archive of the bundle folder and the hash of its files. */
export interface RuntimePackage {
  /** The bundle folder as a Pulumi archive (files at the root of the zip). */
  readonly archive: pulumi.asset.Archive;
  /** SHA-256 (hex) of the bundle's file names and contents. */
  readonly sha256: string;
}

/**
 * Name of the package storage account: `ccp` + environment (dashes removed) + a hash of the ACS name,
 * 24 lower-case letters and digits, distinct from the host storage account (`ccv...`).
 *
 * @param environment `ccvoice:environment`, 1-12 lower-case letters, digits or dashes
 * @param acsName `ccvoice:acs.name`
 * @throws Error when the environment has characters a storage account name cannot hold
 */
export function packageStorageAccountName(environment: string, acsName: string): string {
  const env = environment.replace(/-/g, "");
  if (!/^[a-z0-9]{1,12}$/.test(env)) {
    throw new Error(
      `ccvoice:environment must be 1-12 lower-case letters, digits or dashes to name the package storage account, got ${JSON.stringify(environment)}`,
    );
  }
  const prefix = `ccp${env}`;
  const hash = createHash("sha256").update(`package:${acsName.toLowerCase()}`).digest("hex");
  return prefix + hash.slice(0, 24 - prefix.length);
}

/**
 * SHA-256 of a bundle: each file name and its bytes, in name order.
 *
 * @param bundle folder and files of a built bundle
 * @returns 64 hex characters
 */
export function bundleSha256(bundle: Pick<RuntimeBundle, "dir" | "files">): string {
  const hash = createHash("sha256");
  for (const file of [...bundle.files].sort()) {
    hash.update(`${file}\n`);
    hash.update(readFileSync(join(bundle.dir, file)));
  }
  return hash.digest("hex");
}

const built = new Map<string, RuntimePackage>();
const STALE_MS = 60 * 60 * 1000;

/**
 * Builds the runtime bundle once per process into `<rootDir>/<first 16 hex of its hash>/` and returns
 * it as a {@link RuntimePackage}. The folder is named after its content, so processes building at the
 * same time (tests, `ccvoice check` next to `pulumi up`) never write into a folder another one reads:
 * each builds in a private folder and renames it into place. Folders older than an hour are removed.
 *
 * @param rootDir where package folders live @default "dist/runtime-package" at the project root
 * @throws Error when esbuild fails (the messages name the file and line)
 */
export function prepareRuntimePackage(rootDir = resolve(__dirname, "..", "..", "dist", "runtime-package")): RuntimePackage {
  const cached = built.get(rootDir);
  if (cached) return cached;
  mkdirSync(rootDir, { recursive: true });
  const scratch = join(rootDir, `.build-${process.pid}-${Date.now().toString(36)}`);
  const bundle = buildRuntimeBundleSync({ outDir: scratch });
  const sha256 = bundleSha256(bundle);
  const dir = join(rootDir, sha256.slice(0, 16));
  try {
    renameSync(scratch, dir);
  } catch (err) {
    // Another process put the same content in place first.
    if (!existsSync(dir)) throw err;
    rmSync(scratch, { recursive: true, force: true });
  }
  for (const entry of readdirSync(rootDir)) {
    const path = join(rootDir, entry);
    try {
      if (path !== dir && Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
    } catch (err) {
      // Removed meanwhile by another process: nothing left to prune.
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
  const pkg = { archive: runtimeBundleArchive({ dir, files: bundle.files }), sha256 };
  built.set(rootDir, pkg);
  return pkg;
}

/** Arguments of {@link RuntimeDeployment}. */
export interface RuntimeDeploymentArgs {
  /** Resource group of the package storage account. */
  resourceGroupName: pulumi.Input<string>;
  /** Azure region, e.g. `eastus`. */
  location: string;
  /** Package storage account name (see {@link packageStorageAccountName}). */
  storageAccountName: string;
  /**
   * The code to upload as `released-package.zip`.
   * @default undefined — no blob: deploy the code yourself (`az functionapp deploy`) before anything
   *   that needs the functions (the Event Grid subscriptions) is created
   */
  package?: RuntimePackage;
  /** Tags for the storage account. @default {} */
  tags?: Record<string, string>;
}

/**
 * `ccvoice:runtime:RuntimeDeployment`: children `<name>-storage` (StorageV2, LRS, TLS 1.2, https only, no
 * public blobs; shared keys allowed for the reason above), `<name>-container` (`app-package`, private)
 * and, with a package, `<name>-package` (block blob `released-package.zip`, `application/zip`).
 *
 * The blob is replaced when the package changes, deleting the old one first (`deleteBeforeReplace`):
 * both have the same name, and creating the new one first would let the deletion of the old one remove
 * it. An instance starting in between finds no package and is restarted by the platform.
 */
export class RuntimeDeployment extends pulumi.ComponentResource {
  public readonly storageAccount: storage.StorageAccount;
  public readonly container: storage.BlobContainer;
  /** The package blob, when a package was given. */
  public readonly blob?: storage.Blob;
  /** URL of the deployment container, `https://<account>.blob.core.windows.net/app-package`. */
  public readonly containerUrl: pulumi.Output<string>;
  /** ARM id of the deployment container (scope of the app identity's role). */
  public readonly containerId: pulumi.Output<string>;

  /**
   * @param name logical name, e.g. `ccvoice-prod-runtime-deployment`
   * @param args see {@link RuntimeDeploymentArgs}
   * @param opts component options
   */
  constructor(name: string, args: RuntimeDeploymentArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ccvoice:runtime:RuntimeDeployment", name, {}, opts);
    this.storageAccount = new storage.StorageAccount(
      `${name}-storage`,
      {
        resourceGroupName: args.resourceGroupName,
        accountName: args.storageAccountName,
        location: args.location,
        kind: "StorageV2",
        sku: { name: "Standard_LRS" },
        // azure-native's Blob signs its upload with the account key (see the file comment).
        allowSharedKeyAccess: true,
        allowBlobPublicAccess: false,
        minimumTlsVersion: "TLS1_2",
        enableHttpsTrafficOnly: true,
        tags: args.tags ?? {},
      },
      { parent: this },
    );
    this.container = new storage.BlobContainer(
      `${name}-container`,
      {
        resourceGroupName: args.resourceGroupName,
        accountName: this.storageAccount.name,
        containerName: DEPLOYMENT_CONTAINER,
        publicAccess: "None",
      },
      { parent: this },
    );
    if (args.package) {
      this.blob = new storage.Blob(
        `${name}-package`,
        {
          resourceGroupName: args.resourceGroupName,
          accountName: this.storageAccount.name,
          containerName: this.container.name,
          blobName: RUNTIME_PACKAGE_BLOB,
          type: "Block",
          contentType: "application/zip",
          metadata: { sha256: args.package.sha256 },
          source: args.package.archive,
        },
        { parent: this, deleteBeforeReplace: true },
      );
    }
    this.containerUrl = pulumi.interpolate`${this.storageAccount.primaryEndpoints.blob}${this.container.name}`;
    this.containerId = this.container.id;
    this.registerOutputs({ containerUrl: this.containerUrl, containerId: this.containerId });
  }
}
