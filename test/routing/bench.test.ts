import { describe, expect, it } from "vitest";
import { benchRouting, largeSpec } from "../../bench/routing";
import { findShadowedRoutes, resolveCall } from "../../src/routing";

describe("bench/routing.ts", () => {
  it("builds a valid 250-route stack whose routes resolve as designed", () => {
    const spec = largeSpec();
    expect([
      spec.directRouting!.routes.length,
      resolveCall(spec, { dial: "+14495550100", country: "US" }).route,
      resolveCall(spec, { dial: "+4533123400", country: "US" }).route,
      resolveCall(spec, { dial: "911", country: "US" }).path,
      findShadowedRoutes(spec.directRouting!.routes),
    ]).toEqual([250, "area-449", "international", "acs-direct-offer", []]);
  });

  it("returns positive figures for each operation", async () => {
    const r = await benchRouting(300);
    const ops = [r.resolveCall, r.directRouting, r.naiveDirectRouting];
    expect([r.routes, r.calls, ops.every((f) => f.callsPerSecond > 0 && f.p50Micros > 0 && f.p99Micros >= f.p50Micros)]).toEqual([250, 300, true]);
  });
});
