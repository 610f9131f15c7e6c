import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toPulumiPolicy } from "../../policies/lib/toPulumiPolicy";
import type { CcvoiceRule } from "../../policies/lib/types";
import { RULES } from "../../policies/ruleList";
import { CONFIG_POLICY } from "../../src/check/configPolicy";

const RULES_DIR = join(__dirname, "../../policies/rules");

describe("policy metadata", () => {
  it("lists exactly the rules of the interface, in order, with their enforcement levels", () => {
    expect(RULES.map((r) => [r.name, r.enforcementLevel])).toEqual([
      ["ccvoice-emergency-route-reachable", "mandatory"],
      ["ccvoice-emergency-route-not-shadowed", "mandatory"],
      ["ccvoice-emergency-notification", "mandatory"],
      ["ccvoice-emergency-callback-lease", "mandatory"],
      ["ccvoice-emergency-dispatchable-location", "mandatory"],
      ["ccvoice-emergency-not-recorded", "mandatory"],
      ["ccvoice-numbers-retained", "mandatory"],
      ["ccvoice-numbers-no-repurchase", "mandatory"],
      ["ccvoice-sip-route-pattern", "mandatory"],
      ["ccvoice-sip-route-trunks-declared", "mandatory"],
      ["ccvoice-sip-route-unreachable", "advisory"],
      ["ccvoice-sip-trunk-domain", "mandatory"],
      ["ccvoice-sip-trunk-tls", "advisory"],
      ["ccvoice-approach-consistent", "mandatory"],
      ["ccvoice-eventgrid-dead-letter", "mandatory"],
      ["ccvoice-eventgrid-incoming-call-ttl", "advisory"],
      ["ccvoice-runtime-no-connection-strings", "mandatory"],
      ["ccvoice-runtime-always-ready", "advisory"],
    ]);
  });

  it.each([...RULES, CONFIG_POLICY].map((r) => [r.name, r.description] as const))("%s is kebab case with a one-sentence description", (name, description) => {
    expect(name).toMatch(/^ccvoice-(emergency|numbers|sip|approach|eventgrid|runtime|config)(-[a-z]+)+$/);
    expect(description).toMatch(/^[A-Z].*[^\s.]\.$/);
    expect(description.slice(0, -1)).not.toMatch(/[.!?](\s|$)/); // one sentence: no other sentence end
    expect(description.length).toBeLessThanOrEqual(300);
  });

  it("has unique names", () => {
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
  });

  it("keeps every emergency rule mandatory (life safety)", () => {
    expect(RULES.filter((r) => r.name.startsWith("ccvoice-emergency-") && r.enforcementLevel !== "mandatory")).toEqual([]);
  });

  it("has one rule file per rule, each exporting one rule named after its file, all listed", async () => {
    const files = readdirSync(RULES_DIR).filter((f) => f.endsWith(".ts")).sort();
    const exported: string[] = [];
    for (const file of files) {
      const mod = (await import(join(RULES_DIR, file))) as Record<string, unknown>;
      const rules = Object.values(mod).filter((v): v is CcvoiceRule => typeof v === "object" && v !== null && "enforcementLevel" in v && "check" in v);
      expect(rules.length, file).toBe(1);
      const rule = rules[0] as CcvoiceRule;
      const camel = rule.name.replace(/^ccvoice-/, "").replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
      expect(file).toBe(`${camel}.ts`);
      expect(RULES, file).toContain(rule);
      exported.push(rule.name);
    }
    expect(exported.sort()).toEqual(RULES.map((r) => r.name).sort());
  });

  it("builds the pack from the explicit list, without registries filled by import side effects", () => {
    const index = readFileSync(join(__dirname, "../../policies/index.ts"), "utf8");
    expect(index).toContain("policies: RULES.map(toPulumiPolicy)");
    expect(index.match(/^import .*$/gm)).toEqual([
      'import { PolicyPack } from "@pulumi/policy";',
      'import { toPulumiPolicy } from "./lib/toPulumiPolicy";',
      'import { RULES } from "./ruleList";',
    ]);
  });

  it.each(RULES.map((r) => [r.name, r] as const))("%s becomes a CrossGuard policy with the same metadata", (_name, rule) => {
    const policy = toPulumiPolicy(rule);
    expect([policy.name, policy.description, policy.enforcementLevel]).toEqual([rule.name, rule.description, rule.enforcementLevel]);
    expect(typeof policy.validateStack).toBe("function");
    expect(typeof policy.validateResource).toBe(rule.checkResource ? "function" : "undefined");
  });
});
