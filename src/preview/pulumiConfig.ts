/**
 * Turns a stack file's `config:` map into the flat string map Pulumi hands a program, so the program
 * reads the same values under the mock runtime as under `pulumi up`.
 */
import { NAMESPACE } from "../config/problems";

/** The program's configuration, as Pulumi passes it (`PULUMI_CONFIG`). */
export interface PulumiConfigMap {
  /** `namespace:key` → text; structured values are JSON text. */
  readonly config: Record<string, string>;
  /** Keys whose value is secret (`secure:` in the file); their value is the text `[secret]` offline. */
  readonly secretKeys: string[];
}

/**
 * Converts the values of a stack file into Pulumi's config map.
 *
 * Keys without a namespace belong to the project (`ccvoice`). Strings stay as written; numbers and
 * booleans become their text; maps and lists become JSON text; `{ secure: ... }` values cannot be
 * decrypted offline and become `[secret]` (listed in `secretKeys`); empty values are left out.
 *
 * @param all every key of the stack file's `config:` map, values as parsed YAML
 */
export function toPulumiConfig(all: Record<string, unknown>): PulumiConfigMap {
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [rawKey, value] of Object.entries(all)) {
    const key = rawKey.includes(":") ? rawKey : `${NAMESPACE}:${rawKey}`;
    if (value === null || value === undefined) continue;
    if (typeof value === "object" && !Array.isArray(value) && Object.keys(value).join() === "secure") {
      config[key] = "[secret]";
      secretKeys.push(key);
    } else if (typeof value === "object") {
      config[key] = JSON.stringify(value);
    } else {
      config[key] = String(value);
    }
  }
  return { config, secretKeys };
}
