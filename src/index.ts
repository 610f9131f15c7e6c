/**
 * Pulumi entry point (`main` in package.json; Pulumi.yaml `runtime: nodejs`, `stackConfigDir: stacks`).
 * `pulumi up --stack <name>` runs this file; its named exports are the stack outputs. The program stays
 * synchronous (the runtime package is built with esbuild's synchronous API), so `ccvoice preview` can
 * call the same `voiceChannelProgram()`.
 * An invalid `ccvoice:` configuration stops the run with every problem listed and no stack trace.
 */
import * as pulumi from "@pulumi/pulumi";
import { SpecError } from "./config/problems";
import { voiceChannelProgram, type VoiceChannelOutputs } from "./program";

function run(): VoiceChannelOutputs {
  try {
    return voiceChannelProgram();
  } catch (err) {
    if (err instanceof SpecError) throw new pulumi.RunError(`invalid ccvoice configuration:\n${err.message}`);
    throw err;
  }
}

const outputs = run();

export const resourceGroupName = outputs.resourceGroupName;
export const acsEndpoint = outputs.acsEndpoint;
export const acsHostName = outputs.acsHostName;
export const acsResourceId = outputs.acsResourceId;
export const acsImmutableResourceId = outputs.acsImmutableResourceId;
export const emailSenderAddress = outputs.emailSenderAddress;
export const functionAppName = outputs.functionAppName;
export const functionAppHostName = outputs.functionAppHostName;
export const runtimeClientId = outputs.runtimeClientId;
export const runtimePackageSha256 = outputs.runtimePackageSha256;
export const storageAccountName = outputs.storageAccountName;
export const systemTopicName = outputs.systemTopicName;
export const incomingCallSubscriptionName = outputs.incomingCallSubscriptionName;
