/**
 * The ccvoice CrossGuard policy pack. Run it with the Pulumi CLI:
 *
 *   pulumi preview --policy-pack policies
 *   pulumi preview --policy-pack policies --policy-pack-config policies/config.example.json
 *
 * The rules are listed in `./ruleList.ts` (the same list `ccvoice check` runs offline); each becomes one
 * policy named `ccvoice-<area>-<rule>`. Constructing the `PolicyPack` starts the analyzer server the Pulumi
 * CLI talks to, so nothing else imports this file.
 */
import { PolicyPack } from "@pulumi/policy";
import { toPulumiPolicy } from "./lib/toPulumiPolicy";
import { RULES } from "./ruleList";

new PolicyPack("ccvoice", {
  description: "Life-safety, number-retention and operability checks for the contact center voice channel.",
  policies: RULES.map(toPulumiPolicy),
});
