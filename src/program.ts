/**
 * The Pulumi program: reads the stack's `ccvoice:` configuration and declares the voice channel.
 * Used by `src/index.ts` (real `pulumi up`) and by `ccvoice preview` (the SDK mock runtime).
 */
import type * as pulumi from "@pulumi/pulumi";
import { loadSpec } from "./config/load";
import { ContactCenterVoice } from "./components/contactCenterVoice";

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
  /** Function App name (deploy the runtime package to it). */
  functionAppName: pulumi.Output<string>;
  /** Function App default host name. */
  functionAppHostName: pulumi.Output<string>;
  /** Storage account of the runtime. */
  storageAccountName: pulumi.Output<string>;
  /** Event Grid system topic on the ACS resource. */
  systemTopicName: pulumi.Output<string>;
  /** IncomingCall event subscription name. */
  incomingCallSubscriptionName: pulumi.Output<string>;
}

/**
 * Declares the voice channel of the current stack.
 *
 * @returns the stack outputs
 * @throws SpecError (from `src/config`) listing every problem of the `ccvoice:` configuration
 */
export function voiceChannelProgram(): VoiceChannelOutputs {
  const spec = loadSpec();
  const voice = new ContactCenterVoice(`ccvoice-${spec.environment}`, { spec });
  return {
    resourceGroupName: voice.resourceGroupName,
    acsEndpoint: voice.acsEndpoint,
    acsHostName: voice.acsHostName,
    acsResourceId: voice.acsResourceId,
    acsImmutableResourceId: voice.acsImmutableResourceId,
    emailSenderAddress: voice.emailSenderAddress,
    functionAppName: voice.functionAppName,
    functionAppHostName: voice.functionAppHostName,
    storageAccountName: voice.storageAccountName,
    systemTopicName: voice.systemTopicName,
    incomingCallSubscriptionName: voice.incomingCallSubscriptionName,
  };
}
