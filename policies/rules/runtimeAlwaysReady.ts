/**
 * `ccvoice-runtime-always-ready` (advisory): a production stack (environment `prod`) keeps at least one
 * always-ready instance for the IncomingCall function, so the first call after an idle period does not wait
 * for a cold start (1-10 s, tails to 30 s) while the caller rings. On Flex Consumption an Event Grid trigger
 * scales on its own: only an entry named `function:incomingCall` covers it, not the `http` group.
 *
 * Resources: each function app `azure-native:web:WebApp` of a prod stack (environment from the spec, else
 * the app's `environment` tag) has `functionAppConfig.scaleAndConcurrency.alwaysReady` with
 * `function:incomingCall` and `instanceCount` ≥ 1. When no resource was evaluated, the spec's
 * `runtime.alwaysReadyInstances`.
 *
 * @see limits-and-reliability.md F1, F3
 */
import { INCOMING_CALL_FUNCTION } from "../../src/components/names";
import { TYPES, UNKNOWN, isRecord, resourcesOfType, valueAt } from "../lib/resources";
import type { CcvoiceRule, CheckInput, Finding } from "../lib/types";

/** The environment name that marks a production stack. */
export const PRODUCTION_ENVIRONMENT = "prod";
/** The always-ready group of the IncomingCall function on Flex Consumption. */
export const INCOMING_CALL_GROUP = `function:${INCOMING_CALL_FUNCTION}`;
const SETTING = "ccvoice:runtime.alwaysReadyInstances";
const FIX = `Set ${SETTING} to 1 or more.`;

/**
 * Production function apps without an always-ready IncomingCall instance.
 *
 * @param input the spec (for the environment) and the resources
 */
export function findColdIncomingCall({ spec, resources, resourcesEvaluated }: CheckInput): Finding[] {
  const apps = resourcesOfType(resources, TYPES.webApp).filter((app) => {
    const kind = valueAt(app.inputs, "kind");
    return typeof kind === "string" && kind.includes("functionapp");
  });
  if (apps.length === 0) {
    if (resourcesEvaluated !== false || !spec) return [];
    if (spec.environment !== PRODUCTION_ENVIRONMENT || spec.runtime.alwaysReadyInstances >= 1) return [];
    return [
      {
        resource: SETTING,
        message: `Production stack (environment prod) has ${SETTING} 0, so the first IncomingCall after an idle period waits for a cold start while the caller rings. ${FIX}`,
      },
    ];
  }
  const findings: Finding[] = [];
  for (const app of apps) {
    const env = spec?.environment ?? valueAt(app.inputs, "tags.environment");
    if (env !== PRODUCTION_ENVIRONMENT) continue;
    const groups = valueAt(app.inputs, "functionAppConfig.scaleAndConcurrency.alwaysReady");
    if (groups === UNKNOWN) continue;
    const entry = Array.isArray(groups) ? groups.filter(isRecord).find((g) => g.name === INCOMING_CALL_GROUP) : undefined;
    const count = entry?.instanceCount;
    if (count === UNKNOWN || (typeof count === "number" && count >= 1)) continue;
    const seen = entry ? `instanceCount ${JSON.stringify(count ?? null)}` : `no ${INCOMING_CALL_GROUP} entry`;
    findings.push({
      resource: app.name,
      setting: SETTING,
      message: `Function App ${app.name} of a production stack has ${seen} in functionAppConfig.scaleAndConcurrency.alwaysReady, so the first IncomingCall after an idle period waits for a cold start while the caller rings (the http group does not cover an Event Grid trigger). ${FIX}`,
    });
  }
  return findings;
}

export const runtimeAlwaysReady: CcvoiceRule = {
  name: "ccvoice-runtime-always-ready",
  description: "Production stacks keep at least one always-ready instance for the IncomingCall function.",
  enforcementLevel: "advisory",
  inputs: "both",
  check: findColdIncomingCall,
};
