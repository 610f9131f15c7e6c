/**
 * The only reader of Pulumi configuration: collects the `ccvoice:` namespace of the current stack and
 * hands it to the pure parser.
 */
import * as pulumi from "@pulumi/pulumi";
import { NAMESPACE } from "./problems";
import { parseVoiceChannelSpec } from "./parse";
import { SPEC_KEYS, type VoiceChannelSpec } from "./schema";

/**
 * Reads a config value the way Pulumi stores it: structured values arrive as JSON text.
 * Scalars stay text so that, for example, `environment: "123"` is not turned into a number.
 */
function readValue(config: pulumi.Config, key: string): unknown {
  const text = config.get(key);
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return text;
    }
  }
  if (trimmed === "true" || trimmed === "false") return trimmed === "true";
  return text;
}

/**
 * Loads and validates the voice-channel spec of the current Pulumi stack.
 *
 * @returns the typed spec with defaults applied
 * @throws SpecError (from `parse.ts`) listing every problem with its `ccvoice:` path
 */
export function loadSpec(): VoiceChannelSpec {
  const config = new pulumi.Config(NAMESPACE);
  const raw: Record<string, unknown> = {};
  for (const key of SPEC_KEYS) {
    const value = readValue(config, key);
    if (value !== undefined) raw[key] = value;
  }
  return parseVoiceChannelSpec(raw);
}
