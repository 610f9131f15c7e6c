/**
 * The Functions app that answers and routes calls: a user-assigned identity and its roles, host storage,
 * the code deployment ({@link RuntimeDeployment}), a Flex Consumption plan and the Function App. No
 * connection string nor key is stored anywhere: storage, ACS and Graph are reached with the identity.
 *
 * Why a user-assigned identity: its roles exist before the app starts (a system-assigned identity only
 * exists once the app does, so the first start could not read the package), and its client id is known
 * to ARM, so the runtime gets it as `AZURE_CLIENT_ID` (DefaultAzureCredential picks the identity) and as
 * `CCVOICE_PRESENCE_SESSION_ID` (Graph setPresence wants the calling application's client id).
 */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as storage from "@pulumi/azure-native/storage";
import * as web from "@pulumi/azure-native/web";
import { DEAD_LETTER_CONTAINER, INCOMING_CALL_FUNCTION } from "./names";
import { BUILT_IN_ROLES, roleDefinitionId } from "./roles";
import { PACKAGE_HASH_SETTING, RuntimeDeployment, type RuntimePackage } from "./runtimeDeployment";

/** Arguments of {@link RuntimeApp}. */
export interface RuntimeAppArgs {
  /** Resource group of the storage accounts, identity, plan and Function App. */
  resourceGroupName: pulumi.Input<string>;
  /** Azure region (`ccvoice:location`), e.g. `eastus`. */
  location: string;
  /** Host storage account name, 3-24 lower-case letters and digits (see `storageAccountName`). */
  storageAccountName: string;
  /** Package storage account name (see `packageStorageAccountName`). */
  packageStorageAccountName: string;
  /**
   * The code, uploaded as `released-package.zip` before the app is created.
   * @default undefined — no code is uploaded: deploy it yourself (`az functionapp deploy`)
   */
  package?: RuntimePackage;
  /** ACS endpoint, `https://<host>`; given to the runtime as `ACS_ENDPOINT`. */
  acsEndpoint: pulumi.Input<string>;
  /** ARM id of the ACS resource: scope of the identity's role on ACS. */
  acsResourceId: pulumi.Input<string>;
  /** ACS immutable resource id (GUID); given as `ACS_IMMUTABLE_RESOURCE_ID` (JWT audience of callbacks). */
  acsImmutableResourceId: pulumi.Input<string>;
  /** Sender address of emergency notification emails; given as `ACS_EMAIL_SENDER`. */
  emailSenderAddress: pulumi.Input<string>;
  /**
   * Whether the runtime sets Teams agents' presence through Graph: then `CCVOICE_PRESENCE_SESSION_ID` is
   * the identity's client id (the identity also needs the Graph application permission
   * `Presence.ReadWrite.All`, granted by an Entra admin; not done here).
   * @default false — no Teams agents, no presence session
   */
  graphPresence?: boolean;
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
 * `ccvoice:runtime:RuntimeApp`: user-assigned identity (`<name>-identity`); host storage account
 * (`<name>-storage`, shared keys off) with its dead-letter container; the code deployment
 * (`<name>-deployment`, {@link RuntimeDeployment}); Flex Consumption plan (FC1); Function App (Node,
 * the identity, deployment storage read with it); role assignments for the identity: Storage Blob Data
 * Owner and Storage Table Data Contributor on host storage, Storage Blob Data Contributor on the
 * deployment container, Contributor on the ACS resource.
 *
 * The app waits for the package and for the storage roles, so that its first start finds the code it can
 * read (role propagation in Entra can still lag a few minutes: not observable here).
 *
 * @throws Error at construction when an extra app setting name looks like a secret
 * @see https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan
 * @see https://learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity
 */
export class RuntimeApp extends pulumi.ComponentResource {
  public readonly identity: managedidentity.UserAssignedIdentity;
  public readonly storageAccount: storage.StorageAccount;
  public readonly deadLetterContainer: storage.BlobContainer;
  public readonly deployment: RuntimeDeployment;
  public readonly plan: web.AppServicePlan;
  public readonly app: web.WebApp;
  /** What the functions exist after: the package upload (when any) and the Function App. */
  public readonly codeDeployment: pulumi.Resource[];
  /** Function App name. */
  public readonly functionAppName: pulumi.Output<string>;
  /** Function App ARM id. */
  public readonly functionAppId: pulumi.Output<string>;
  /** Default host name of the Function App. */
  public readonly functionAppHostName: pulumi.Output<string>;
  /** ARM id of the `incomingCall` function: the Event Grid destination. */
  public readonly incomingCallFunctionId: pulumi.Output<string>;
  /** Object id of the runtime identity. */
  public readonly principalId: pulumi.Output<string>;
  /** Client (application) id of the runtime identity. */
  public readonly clientId: pulumi.Output<string>;
  /** Host storage account ARM id. */
  public readonly storageAccountId: pulumi.Output<string>;
  /** Dead-letter container name. */
  public readonly deadLetterContainerName: pulumi.Output<string>;
  /** Dead-letter container ARM id (scope of the Event Grid topic's role). */
  public readonly deadLetterContainerId: pulumi.Output<string>;

  /**
   * @param name logical name; children are `<name>-identity`, `<name>-storage`, `<name>-plan`, `<name>-app`, ...
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

    this.identity = new managedidentity.UserAssignedIdentity(
      `${name}-identity`,
      { resourceGroupName: args.resourceGroupName, location: args.location, tags },
      { parent: this },
    );
    this.principalId = this.identity.principalId;
    this.clientId = this.identity.clientId;

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
    this.deadLetterContainer = new storage.BlobContainer(
      `${name}-deadletter`,
      {
        resourceGroupName: args.resourceGroupName,
        accountName: this.storageAccount.name,
        containerName: DEAD_LETTER_CONTAINER,
        publicAccess: "None",
      },
      { parent: this },
    );
    this.deployment = new RuntimeDeployment(
      `${name}-deployment`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        storageAccountName: args.packageStorageAccountName,
        ...(args.package ? { package: args.package } : {}),
        tags,
      },
      { parent: this },
    );

    const grant = (suffix: string, scope: pulumi.Input<string>, role: string, description: string) =>
      new authorization.RoleAssignment(
        `${name}-${suffix}`,
        {
          scope,
          principalId: this.principalId,
          // Set so that ARM does not look the new identity up in a directory that has not replicated it yet.
          principalType: "ServicePrincipal",
          roleDefinitionId: roleDefinitionId(scope, role),
          description,
        },
        { parent: this },
      );
    const storageRoles = [
      grant("blob-owner", this.storageAccount.id, BUILT_IN_ROLES.storageBlobDataOwner, "ccvoice runtime: host storage"),
      grant("table-contributor", this.storageAccount.id, BUILT_IN_ROLES.storageTableDataContributor, "ccvoice runtime: call state tables"),
      // Contributor, not Reader: tools that deploy to Flex Consumption (az functionapp deploy) write the
      // package through the app's identity.
      grant("package-contributor", this.deployment.containerId, BUILT_IN_ROLES.storageBlobDataContributor, "ccvoice runtime: deployment package"),
    ];
    grant("acs-contributor", args.acsResourceId, BUILT_IN_ROLES.contributor, "ccvoice runtime: Call Automation and email with Entra ID");

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
    const settings: Record<string, pulumi.Input<string>> = {
      // Host storage with the user-assigned identity: account name, credential type and client id.
      AzureWebJobsStorage__accountName: this.storageAccount.name,
      AzureWebJobsStorage__credential: "managedidentity",
      AzureWebJobsStorage__clientId: this.clientId,
      AZURE_CLIENT_ID: this.clientId,
      ACS_ENDPOINT: args.acsEndpoint,
      ACS_IMMUTABLE_RESOURCE_ID: args.acsImmutableResourceId,
      ACS_EMAIL_SENDER: args.emailSenderAddress,
      CCVOICE_TABLE_ENDPOINT: this.storageAccount.primaryEndpoints.table,
      ...(args.graphPresence ? { CCVOICE_PRESENCE_SESSION_ID: this.clientId } : {}),
      ...(args.package ? { [PACKAGE_HASH_SETTING]: args.package.sha256 } : {}),
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
        identity: { type: "UserAssigned", userAssignedIdentities: [this.identity.id] },
        functionAppConfig: {
          deployment: {
            storage: {
              type: "blobContainer",
              value: this.deployment.containerUrl,
              authentication: { type: "UserAssignedIdentity", userAssignedIdentityResourceId: this.identity.id },
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
      { parent: this, dependsOn: [...storageRoles, ...(this.deployment.blob ? [this.deployment.blob] : [this.deployment.container])] },
    );
    this.codeDeployment = [...(this.deployment.blob ? [this.deployment.blob] : []), this.app];

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
      clientId: this.clientId,
      storageAccountId: this.storageAccountId,
      deadLetterContainerName: this.deadLetterContainerName,
      deadLetterContainerId: this.deadLetterContainerId,
    });
  }
}
