import { describe, expect, it } from "vitest";
import type { DirectRoutingSpec } from "../../src/config/schema";
import { resolveAcsDirectRouting } from "../../src/routing";

type Dr = Pick<DirectRoutingSpec, "trunks" | "routes">;
const trunk = (fqdn: string, enabled = true, emergencyCapable = false) => ({
  fqdn, sipSignalingPort: 5061, enabled, emergencyCapable,
});
const route = (name: string, numberPattern: string, trunks: string[]) => ({ name, numberPattern, trunks });

const nanpFirst: Dr = {
  trunks: [trunk("sbc1.contoso.com"), trunk("sbc2.contoso.com"), trunk("sbc3.contoso.com")],
  routes: [
    route("nanp", "^\\+1\\d{10}$", ["sbc1.contoso.com"]),
    route("redmond", "^\\+1425\\d{7}$", ["sbc2.contoso.com"]),
    route("all", ".*", ["sbc3.contoso.com", "sbc1.contoso.com"]),
  ],
};
const redmondFirst: Dr = { ...nanpFirst, routes: [nanpFirst.routes[1]!, nanpFirst.routes[0]!, nanpFirst.routes[2]!] };

describe("resolveAcsDirectRouting: first matching route in list order wins", () => {
  it.each([
    ["+14255550100", nanpFirst, "nanp", 0, ["sbc1.contoso.com"]],
    ["+14255550100", redmondFirst, "redmond", 0, ["sbc2.contoso.com"]],
    ["+12065550100", redmondFirst, "nanp", 1, ["sbc1.contoso.com"]],
    ["+4533123400", nanpFirst, "all", 2, ["sbc3.contoso.com", "sbc1.contoso.com"]],
    ["911", nanpFirst, "all", 2, ["sbc3.contoso.com", "sbc1.contoso.com"]],
  ])("%s → route %s", (dial, dr, name, index, trunks) => {
    expect(resolveAcsDirectRouting(dial, dr)).toEqual({
      route: name, routeIndex: index, trunks, trunksNotEmergencyCapable: trunks, trunkOrderGuaranteed: false, skipped: [],
    });
  });

  it("finds no route when nothing matches, and when there is no direct routing at all", () => {
    const none = { trunks: [], trunksNotEmergencyCapable: [], trunkOrderGuaranteed: false, skipped: [] };
    expect(resolveAcsDirectRouting("911", { ...nanpFirst, routes: nanpFirst.routes.slice(0, 2) })).toEqual(none);
    expect(resolveAcsDirectRouting("911", undefined)).toEqual(none);
  });
});

describe("resolveAcsDirectRouting: disabled trunks", () => {
  const dr = (sbc1: boolean, sbc2: boolean): Dr => ({
    trunks: [trunk("sbc1.contoso.com", sbc1, true), trunk("sbc2.contoso.com", sbc2), trunk("sbc9.contoso.com")],
    routes: [
      route("nanp", "^\\+1\\d{10}$", ["sbc1.contoso.com", "sbc2.contoso.com"]),
      route("backup", "^\\+1", ["sbc9.contoso.com"]),
    ],
  });

  it.each([
    [true, true, "nanp", ["sbc1.contoso.com", "sbc2.contoso.com"], ["sbc2.contoso.com"], []],
    [false, true, "nanp", ["sbc2.contoso.com"], ["sbc2.contoso.com"], []],
    [true, false, "nanp", ["sbc1.contoso.com"], [], []],
    [false, false, "backup", ["sbc9.contoso.com"], ["sbc9.contoso.com"], [
      { route: "nanp", reason: 'every trunk of route "nanp" is disabled or undeclared (sbc1.contoso.com, sbc2.contoso.com)' },
    ]],
  ])("sbc1 enabled %s, sbc2 enabled %s → %s via %j", (sbc1, sbc2, name, trunks, notCapable, skipped) => {
    const r = resolveAcsDirectRouting("+14255550100", dr(sbc1, sbc2));
    expect([r.route, r.trunks, r.trunksNotEmergencyCapable, r.skipped]).toEqual([name, trunks, notCapable, skipped]);
  });

  it("skips a route that names only undeclared trunks", () => {
    const r = resolveAcsDirectRouting("+14255550100", {
      trunks: [],
      routes: [route("ghost", ".*", ["sbc7.contoso.com"])],
    });
    expect(r).toEqual({
      trunks: [], trunksNotEmergencyCapable: [], trunkOrderGuaranteed: false,
      skipped: [{ route: "ghost", reason: 'route "ghost" names only undeclared trunks (sbc7.contoso.com)' }],
    });
  });
});
