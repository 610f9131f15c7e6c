import { describe, expect, it } from "vitest";
import { findShadowedRoutes, routesMatching, samplePatternMatches, type PatternRoute } from "../../src/routing";
import { exampleSpec } from "./stacks";

const r = (name: string, numberPattern: string): PatternRoute => ({ name, numberPattern });

describe("findShadowedRoutes", () => {
  it.each([
    [
      "an identical pattern earlier",
      [r("nanp", "^\\+1\\d{10}$"), r("nanp-copy", "^\\+1\\d{10}$")],
      [{ route: "nanp-copy", index: 1, shadowedBy: ["nanp"], certainty: "identical", reason: 'route "nanp-copy" (^\\+1\\d{10}$) is never used: route "nanp" before it has the same pattern' }],
    ],
    [
      "an earlier catch-all",
      [r("everything", ".*"), r("emergency", "^911$")],
      [{ route: "emergency", index: 1, shadowedBy: ["everything"], certainty: "catch-all", reason: 'route "emergency" (^911$) is never used: route "everything" before it matches every number (.*)' }],
    ],
    [
      "an earlier E.164 catch-all",
      [r("international", "^\\+[1-9]\\d{6,14}$"), r("denmark", "^\\+45\\d{8}$"), r("emergency", "^112$")],
      [{ route: "denmark", index: 1, shadowedBy: ["international"], certainty: "sampled", reason: 'route "denmark" (^\\+45\\d{8}$) is never used: route "international" before it matches every number it matches (96 sampled)' }],
    ],
    [
      "two earlier routes that together cover it",
      [r("low", "^\\+1[2-5]\\d{9}$"), r("high", "^\\+1[6-9]\\d{9}$"), r("nanp", "^\\+1[2-9]\\d{9}$")],
      [{ route: "nanp", index: 2, shadowedBy: ["low", "high"], certainty: "sampled", reason: 'route "nanp" (^\\+1[2-9]\\d{9}$) is never used: routes "low", "high" before it match every number it matches (96 sampled)' }],
    ],
    ["a wider route after a narrower one", [r("nanp", "^\\+1[2-9]\\d{9}$"), r("any-plus-one", "^\\+1\\d{10}$")], []],
    ["an unanchored route after an exact one", [r("one", "^1$"), r("has-one", "1")], []],
    ["the narrow route first (the right order)", [r("denmark", "^\\+45\\d{8}$"), r("international", "^\\+[1-9]\\d{6,14}$")], []],
    ["a pattern the sampler cannot read", [r("nanp", "^\\+1\\d{10}$"), r("lookahead", "^(?=\\+1)\\+1\\d{10}$")], []],
  ])("%s", (_what, routes, expected) => {
    expect(findShadowedRoutes(routes)).toEqual(expected);
  });

  it.each([["acs-direct-routing" as const], ["hybrid" as const]])("finds no shadowed route in %s", (stack) => {
    expect(findShadowedRoutes(exampleSpec(stack).directRouting!.routes)).toEqual([]);
  });

  it("finds the route an earlier international route hides in a reordered BYOT stack", () => {
    const routes = exampleSpec("acs-direct-routing").directRouting!.routes;
    const reordered = [routes[5]!, ...routes.slice(0, 5)];
    expect(findShadowedRoutes(reordered).map((s) => [s.route, s.shadowedBy])).toEqual([
      ["nanp", ["international"]],
      ["uk", ["international"]],
      ["denmark", ["international"]],
    ]);
  });
});

describe("routesMatching", () => {
  const routes = exampleSpec("acs-direct-routing").directRouting!.routes;
  it.each([
    ["+4533123400", ["denmark", "international"]],
    ["+14255550100", ["nanp", "international"]],
    ["911", ["emergency-nanp"]],
    ["112", ["emergency-europe"]],
    ["+123", []],
  ])("%s matches %j", (dial, expected) => {
    expect(routesMatching(dial, routes).map((m) => m.route.name)).toEqual(expected);
  });

  it("gives each route's position in the list", () => {
    expect(routesMatching("+447700900123", routes).map((m) => m.index)).toEqual([3, 5]);
  });
});

describe("samplePatternMatches", () => {
  it.each([
    ["^\\+1[2-9]\\d{2}[2-9]\\d{6}$", 64],
    ["^(911|933)$", 2],
    ["^112$", 1],
    ["^\\+(44\\d{9,10}|45\\d{8})$", 64],
    ["^(?:\\+45)?\\d{8}$", 64],
    ["^\\+[^0]\\d{6,14}$", 64],
    ["^\\+4[45].{8}$", 64],
    ["\\+45", 64],
  ])("samples %j into %i distinct strings it matches", (pattern, count) => {
    const samples = samplePatternMatches(pattern);
    const re = new RegExp(pattern);
    expect([samples.length, new Set(samples).size, samples.every((s) => re.test(s))]).toEqual([count, count, true]);
  });

  it("gives the same samples on every run and different ones for another seed", () => {
    const pattern = "^\\+45\\d{8}$";
    expect(samplePatternMatches(pattern, 5)).toEqual(samplePatternMatches(pattern, 5));
    expect(samplePatternMatches(pattern, 5, 2)).not.toEqual(samplePatternMatches(pattern, 5, 1));
  });

  it.each([["^(?=\\+1)\\d+$"], ["^(\\d)\\1$"], ["\\b911\\b"], ["^(?!911)\\d{3}$"]])("returns nothing for %j", (pattern) => {
    expect(samplePatternMatches(pattern)).toEqual([]);
  });
});
