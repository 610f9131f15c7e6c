/**
 * The Pulumi program: reads the stack's `ccvoice:` configuration, builds the runtime's code package and
 * declares the voice channel. Used by `src/index.ts` (real `pulumi up`) and by `ccvoice preview` (the SDK
 * mock runtime), which calls it synchronously: the package is built with esbuild's synchronous API
 * (about 0.3 s, once per process) into a folder named after its content.
 */
import type * as pulumi from "@pulumi/pulumi";
import { loadSpec } from "./config/load";
import { ContactCenterVoice } from "./components/contactCenterVoice";
import { prepareRuntimePackage, type RuntimePackage } from "./components/runtimeDeployment";

/** The stack outputs, exported by `src/index.ts`. */
export interface VoiceChannelOutputs {
  /** Resource group name, `rg-<acs.name>`. */
  resourceGroupName: pulumi.Output<string>;
  /** ACS endpoint, `https://<acsHostName>`. */
  acsEndpoint: pulumi.Output<string>;
  /** ACS host name, `<name>.<geo>.communication.azure.com`. */
  acsHostName: pulumi.Output<string>;
  /** ACS ARM resource id. */
  acsResourceId: pulumi.Output<string>;
  /** ACS immutable resource id (GUID). */
  acsImmutableResourceId: pulumi.Output<string>;
  /** Sender address of the emergency notification emails. */
  emailSenderAddress: pulumi.Output<string>;
  /** Function App name. */
  functionAppName: pulumi.Output<string>;
  /** Function App default host name. */
  functionAppHostName: pulumi.Output<string>;
  /** Client id of the runtime's identity (grant it Graph `Presence.ReadWrite.All` for Teams agents). */
  runtimeClientId: pulumi.Output<string>;
  /** SHA-256 of the deployed runtime package. */
  runtimePackageSha256: string;
  /** Storage account of the runtime. */
  storageAccountName: pulumi.Output<string>;
  /** Event Grid system topic on the ACS resource. */
  systemTopicName: pulumi.Output<string>;
  /** IncomingCall event subscription name. */
  incomingCallSubscriptionName: pulumi.Output<string>;
}

/** Options of {@link voiceChannelProgram}. */
export interface VoiceChannelProgramOptions {
  /** The runtime's code. @default prepareRuntimePackage() — built from src/runtime/app.ts */
  readonly runtimePackage?: RuntimePackage;
}

/**
 * Declares the voice channel of the current stack.
 *
 * @returns the stack outputs
 * @throws SpecError (from `src/config`) listing every problem of the `ccvoice:` configuration; Error when
 *   esbuild cannot bundle the runtime
 */
export function voiceChannelProgram(options: VoiceChannelProgramOptions = {}): VoiceChannelOutputs {
  const spec = loadSpec();
  const runtimePackage = options.runtimePackage ?? prepareRuntimePackage();
  const voice = new ContactCenterVoice(`ccvoice-${spec.environment}`, { spec, runtimePackage });
  return {
    resourceGroupName: voice.resourceGroupName,
    acsEndpoint: voice.acsEndpoint,
    acsHostName: voice.acsHostName,
    acsResourceId: voice.acsResourceId,
    acsImmutableResourceId: voice.acsImmutableResourceId,
    emailSenderAddress: voice.emailSenderAddress,
    functionAppName: voice.functionAppName,
    functionAppHostName: voice.functionAppHostName,
    runtimeClientId: voice.runtimeClientId,
    runtimePackageSha256: runtimePackage.sha256,
    storageAccountName: voice.storageAccountName,
    systemTopicName: voice.systemTopicName,
    incomingCallSubscriptionName: voice.incomingCallSubscriptionName,
  };
}
