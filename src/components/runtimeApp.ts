/**
 * The Functions app that answers and routes calls: storage, a Flex Consumption plan, the Function App
 * with a system-assigned identity, and that identity's roles. No connection string nor key is stored
 * anywhere: storage and ACS are reached with the managed identity.
 */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as storage from "@pulumi/azure-native/storage";
import * as web from "@pulumi/azure-native/web";
import { DEAD_LETTER_CONTAINER, DEPLOYMENT_CONTAINER, INCOMING_CALL_FUNCTION } from "./names";
import { BUILT_IN_ROLES, roleDefinitionId } from "./roles";

/** Arguments of {@link RuntimeApp}. */
export interface RuntimeAppArgs {
  /** Resource group of the storage account, plan and Function App. */
  resourceGroupName: pulumi.Input<string>;
  /** Azure region (`ccvoice:location`), e.g. `eastus`. */
  location: string;
  /** Storage account name, 3-24 lower-case letters and digits (see `storageAccountName`). */
  storageAccountName: string;
  /** ACS endpoint, `https://<host>`; given to the runtime as `ACS_ENDPOINT`. */
  acsEndpoint: pulumi.Input<string>;
  /** ARM id of the ACS resource: scope of the identity's role on ACS. */
  acsResourceId: pulumi.Input<string>;
  /** ACS immutable resource id (GUID); given as `ACS_IMMUTABLE_RESOURCE_ID` (JWT audience of callbacks). */
  acsImmutableResourceId: pulumi.Input<string>;
  /** Sender address of emergency notification emails; given as `ACS_EMAIL_SENDER`. */
  emailSenderAddress: pulumi.Input<string>;
  /**
   * Always-ready instances of the `incomingCall` function (`function:incomingCall` group; an Event Grid
   * trigger scales on its own, not with the `http` group).
   * @default 0 — the Flex Consumption default; the first call after idle waits for a cold start
   */
  alwaysReadyInstances?: number;
  /** Instance memory in MB, 2048 or 4096. @default 2048 */
  instanceMemoryMB?: 2048 | 4096;
  /** Maximum scale-out, 1-1000. @default 100 */
  maximumInstanceCount?: number;
  /** Node.js major version of the Functions runtime. @default "20" */
  nodeVersion?: string;
  /**
   * More app settings (for example `CCVOICE_SPEC`). Names must not look like secrets
   * (connection strings, keys, SAS, passwords): those are refused.
   * @default {}
   */
  appSettings?: Record<string, pulumi.Input<string>>;
  /** Tags for every resource. @default {} */
  tags?: Record<string, string>;
}

/**
 * Whether an app setting name would hold a secret (`ACS_CONNECTION_STRING`, `StorageAccountKey`,
 * `..._SAS`); the runtime must use the managed identity instead.
 */
export function looksLikeSecretSetting(name: string): boolean {
  const flat = name.toLowerCase().replace(/[_.-]/g, "");
  return /connectionstring|accountkey|accesskey|secret|password|sastoken|key$|sas$/.test(flat);
}

/**
 * `ccvoice:runtime:RuntimeApp`: storage account (shared keys off), deployment and dead-letter
 * containers, Flex Consumption plan (FC1), Function App (Node, system-assigned identity, deployment
 * storage read with that identity), and role assignments: Storage Blob Data Owner and Storage Table
 * Data Contributor on the storage account, Contributor on the ACS resource.
 *
 * @throws Error at construction when an extra app setting name looks like a secret
 * @see https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan
 * @see https://learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity
 */
export class RuntimeApp extends pulumi.ComponentResource {
  public readonly storageAccount: storage.StorageAccount;
  public readonly deploymentContainer: storage.BlobContainer;
  public readonly deadLetterContainer: storage.BlobContainer;
  public readonly plan: web.AppServicePlan;
  public readonly app: web.WebApp;
  /** Function App name. */
  public readonly functionAppName: pulumi.Output<string>;
  /** Function App ARM id. */
  public readonly functionAppId: pulumi.Output<string>;
  /** Default host name of the Function App. */
  public readonly functionAppHostName: pulumi.Output<string>;
  /** ARM id of the `incomingCall` function: the Event Grid destination. */
  public readonly incomingCallFunctionId: pulumi.Output<string>;
  /** Object id of the Function App's system-assigned identity. */
  public readonly principalId: pulumi.Output<string>;
  /** Storage account ARM id. */
  public readonly storageAccountId: pulumi.Output<string>;
  /** Dead-letter container name. */
  public readonly deadLetterContainerName: pulumi.Output<string>;
  /** Dead-letter container ARM id (scope of the Event Grid topic's role). */
  public readonly deadLetterContainerId: pulumi.Output<string>;

  /**
   * @param name logical name; children are `<name>-storage`, `<name>-plan`, `<name>-app`, ...
   * @param args see {@link RuntimeAppArgs}
   * @param opts component options
   */
  constructor(name: string, args: RuntimeAppArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ccvoice:runtime:RuntimeApp", name, {}, opts);
    const tags = args.tags ?? {};
    const extra = args.appSettings ?? {};
    for (const key of Object.keys(extra)) {
      if (looksLikeSecretSetting(key)) {
        throw new Error(
          `app setting ${JSON.stringify(key)} looks like a secret; give the runtime an identity-based setting (such as <service>__accountName) instead of a key or connection string`,
        );
      }
    }

    this.storageAccount = new storage.StorageAccount(
      `${name}-storage`,
      {
        resourceGroupName: args.resourceGroupName,
        accountName: args.storageAccountName,
        location: args.location,
        kind: "StorageV2",
        sku: { name: "Standard_LRS" },
        allowSharedKeyAccess: false,
        allowBlobPublicAccess: false,
        defaultToOAuthAuthentication: true,
        minimumTlsVersion: "TLS1_2",
        enableHttpsTrafficOnly: true,
        tags,
      },
      { parent: this },
    );
    const container = (suffix: string, containerName: string) =>
      new storage.BlobContainer(
        `${name}-${suffix}`,
        {
          resourceGroupName: args.resourceGroupName,
          accountName: this.storageAccount.name,
          containerName,
          publicAccess: "None",
        },
        { parent: this },
      );
    this.deploymentContainer = container("deployments", DEPLOYMENT_CONTAINER);
    this.deadLetterContainer = container("deadletter", DEAD_LETTER_CONTAINER);

    this.plan = new web.AppServicePlan(
      `${name}-plan`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        kind: "functionapp",
        reserved: true,
        sku: { name: "FC1", tier: "FlexConsumption" },
        tags,
      },
      { parent: this },
    );

    const alwaysReady = args.alwaysReadyInstances ?? 0;
    const endpoints = this.storageAccount.primaryEndpoints;
    const settings: Record<string, pulumi.Input<string>> = {
      AzureWebJobsStorage__accountName: this.storageAccount.name,
      ACS_ENDPOINT: args.acsEndpoint,
      ACS_IMMUTABLE_RESOURCE_ID: args.acsImmutableResourceId,
      ACS_EMAIL_SENDER: args.emailSenderAddress,
      CCVOICE_TABLE_ENDPOINT: endpoints.table,
      ...extra,
    };

    this.app = new web.WebApp(
      `${name}-app`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        kind: "functionapp,linux",
        serverFarmId: this.plan.id,
        httpsOnly: true,
        identity: { type: "SystemAssigned" },
        functionAppConfig: {
          deployment: {
            storage: {
              type: "blobContainer",
              value: pulumi.interpolate`${endpoints.blob}${DEPLOYMENT_CONTAINER}`,
              authentication: { type: "SystemAssignedIdentity" },
            },
          },
          runtime: { name: "node", version: args.nodeVersion ?? "20" },
          scaleAndConcurrency: {
            alwaysReady: alwaysReady > 0 ? [{ name: `function:${INCOMING_CALL_FUNCTION}`, instanceCount: alwaysReady }] : [],
            instanceMemoryMB: args.instanceMemoryMB ?? 2048,
            maximumInstanceCount: args.maximumInstanceCount ?? 100,
          },
        },
        siteConfig: {
          appSettings: Object.entries(settings).map(([settingName, value]) => ({ name: settingName, value })),
          minTlsVersion: "1.2",
          ftpsState: "Disabled",
        },
        tags,
      },
      { parent: this, dependsOn: [this.deploymentContainer] },
    );

    this.principalId = this.app.identity.apply((identity) => {
      if (!identity?.principalId) throw new Error(`function app ${name}-app has no system-assigned identity`);
      return identity.principalId;
    });
    const grant = (suffix: string, scope: pulumi.Input<string>, role: string, description: string) =>
      new authorization.RoleAssignment(
        `${name}-${suffix}`,
        {
          scope,
          principalId: this.principalId,
          principalType: "ServicePrincipal",
          roleDefinitionId: roleDefinitionId(scope, role),
          description,
        },
        { parent: this },
      );
    grant("blob-owner", this.storageAccount.id, BUILT_IN_ROLES.storageBlobDataOwner, "ccvoice runtime: host storage and deployment package");
    grant("table-contributor", this.storageAccount.id, BUILT_IN_ROLES.storageTableDataContributor, "ccvoice runtime: call state tables");
    grant("acs-contributor", args.acsResourceId, BUILT_IN_ROLES.contributor, "ccvoice runtime: Call Automation and email with Entra ID");

    this.functionAppName = this.app.name;
    this.functionAppId = this.app.id;
    this.functionAppHostName = this.app.defaultHostName;
    this.incomingCallFunctionId = pulumi.interpolate`${this.app.id}/functions/${INCOMING_CALL_FUNCTION}`;
    this.storageAccountId = this.storageAccount.id;
    this.deadLetterContainerName = this.deadLetterContainer.name;
    this.deadLetterContainerId = this.deadLetterContainer.id;

    this.registerOutputs({
      functionAppName: this.functionAppName,
      functionAppId: this.functionAppId,
      functionAppHostName: this.functionAppHostName,
      incomingCallFunctionId: this.incomingCallFunctionId,
      principalId: this.principalId,
      storageAccountId: this.storageAccountId,
      deadLetterContainerName: this.deadLetterContainerName,
      deadLetterContainerId: this.deadLetterContainerId,
    });
  }
}
