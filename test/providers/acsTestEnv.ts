/**
 * Test helpers: point the providers' call-time settings at an emulator with tiny retry and poll
 * delays, and restore the environment afterwards.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { clearClaims } from "../../src/providers/shared/claims";
import { startAcsEmulator, type AcsEmulator, type AcsEmulatorOptions } from "../emulators/acs/acsEmulator";

const KEYS = [
  "CCVOICE_ACS_ACCESS_KEY",
  "CCVOICE_ACS_MAX_RETRIES",
  "CCVOICE_ACS_RETRY_DELAY_MS",
  "CCVOICE_ACS_MAX_RETRY_DELAY_MS",
  "CCVOICE_ACS_POLL_INTERVAL_MS",
  "CCVOICE_ACS_LRO_TIMEOUT_MS",
  "CCVOICE_STATE_DIR",
];

/**
 * Starts an emulator and sets the environment the providers read at call time. `restore` also forgets
 * the claims of `shared/claims.ts`, so that each test is its own deployment.
 */
export async function emulatorEnv(options: AcsEmulatorOptions = {}): Promise<{ acs: AcsEmulator; stateDir: string; restore: () => Promise<void> }> {
  const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  const acs = await startAcsEmulator({ lroMs: 3, ...options });
  const stateDir = mkdtempSync(join(tmpdir(), "ccvoice-state-"));
  Object.assign(process.env, {
    CCVOICE_ACS_ACCESS_KEY: acs.accessKey,
    CCVOICE_ACS_MAX_RETRIES: "12",
    CCVOICE_ACS_RETRY_DELAY_MS: "1",
    CCVOICE_ACS_MAX_RETRY_DELAY_MS: "4",
    CCVOICE_ACS_POLL_INTERVAL_MS: "2",
    CCVOICE_STATE_DIR: stateDir,
  });
  return {
    acs,
    stateDir,
    restore: async () => {
      clearClaims();
      await acs.close();
      for (const k of KEYS) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    },
  };
}
