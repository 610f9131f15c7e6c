/**
 * `ccvoice-runtime-no-connection-strings`: the Function App reaches storage and ACS with its managed
 * identity; no connection string, account key, SAS token or password sits in its configuration, where it
 * would land in Pulumi state and the portal.
 *
 * Reads `azure-native:web:WebApp` inputs: `identity.type` (a system- or user-assigned identity),
 * `siteConfig.appSettings` names and values, `siteConfig.connectionStrings`, and
 * `functionAppConfig.deployment.storage.authentication.type`. Unknown values are skipped; values are never
 * printed, only which marker was found.
 */
import { TYPES, UNKNOWN, appSettingsOf, valueAt } from "../lib/resources";
import type { CcvoiceRule, CheckedResource, Finding } from "../lib/types";

/**
 * Whether an app setting name says it holds a secret (`ACS_CONNECTION_STRING`, `StorageAccountKey`,
 * `..._SAS`): separators removed, lower case, then connection string, account or access key, secret,
 * password, SAS token, or a name ending in `key` or `sas`.
 */
export function isSecretSettingName(name: string): boolean {
  const flat = name.toLowerCase().replace(/[_.\-\s]/g, "");
  return /connectionstring|accountkey|accesskey|secret|password|sastoken|key$|sas$/.test(flat);
}

/** Markers of connection strings, keys and SAS tokens inside a value. */
const SECRET_VALUE_MARKERS: readonly [RegExp, string][] = [
  [/AccountKey=/i, "AccountKey="],
  [/SharedAccessKey=/i, "SharedAccessKey="],
  [/SharedAccessSignature=/i, "SharedAccessSignature="],
  [/(^|;)\s*accesskey=/i, "accesskey="],
  [/DefaultEndpointsProtocol=/i, "DefaultEndpointsProtocol="],
  [/[?&]sig=/i, "a SAS signature (sig=)"],
];

/** The marker a value holds (`AccountKey=`), or undefined. */
export function secretMarkerIn(value: unknown): string | undefined {
  if (typeof value !== "string" || value === UNKNOWN) return undefined;
  return SECRET_VALUE_MARKERS.find(([re]) => re.test(value))?.[1];
}

const IDENTITY_FIX = "give the runtime identity-based settings instead (ACS_ENDPOINT, AzureWebJobsStorage__accountName, <service>__accountName)";

/**
 * Keys and connection strings in a Function App's configuration.
 *
 * @param resource any resource; other types give no finding
 */
export function checkFunctionAppSecrets(resource: CheckedResource): Finding[] {
  if (resource.type !== TYPES.webApp) return [];
  const app = resource.name;
  const findings: Finding[] = [];
  const add = (message: string) => findings.push({ resource: app, message });

  const identity = valueAt(resource.inputs, "identity.type");
  if (identity !== UNKNOWN && !(typeof identity === "string" && /assigned/i.test(identity))) {
    add(`Function App ${app} has no managed identity (identity.type ${JSON.stringify(identity ?? null)}), so it would need keys to reach storage and ACS. Set identity: { type: "SystemAssigned" } and grant it roles.`);
  }
  for (const setting of appSettingsOf(resource) ?? []) {
    if (isSecretSettingName(setting.name)) {
      add(`Function App ${app} has app setting ${JSON.stringify(setting.name)}, whose name says it holds a key or connection string. Remove it and ${IDENTITY_FIX}.`);
      continue;
    }
    const marker = secretMarkerIn(setting.value);
    if (marker) add(`Function App ${app} has app setting ${JSON.stringify(setting.name)} whose value holds ${marker}, a key or connection string. Remove it and ${IDENTITY_FIX}.`);
  }
  const connectionStrings = valueAt(resource.inputs, "siteConfig.connectionStrings");
  if (Array.isArray(connectionStrings) && connectionStrings.length > 0) {
    add(`Function App ${app} declares ${connectionStrings.length} connection string(s) in siteConfig.connectionStrings. Remove them and ${IDENTITY_FIX}.`);
  }
  const deployAuth = valueAt(resource.inputs, "functionAppConfig.deployment.storage.authentication.type");
  if (deployAuth === "StorageAccountConnectionString") {
    add(`Function App ${app} reads its deployment package with a storage connection string (functionAppConfig.deployment.storage.authentication.type StorageAccountConnectionString). Use SystemAssignedIdentity or UserAssignedIdentity.`);
  }
  return findings;
}

export const runtimeNoConnectionStrings: CcvoiceRule = {
  name: "ccvoice-runtime-no-connection-strings",
  description:
    "The Function App uses its managed identity, with no connection string, account key, SAS token or password in its app settings, connection strings or deployment storage.",
  enforcementLevel: "mandatory",
  inputs: "resources",
  check: () => [],
  checkResource: checkFunctionAppSecrets,
};
