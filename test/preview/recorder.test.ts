import { describe, expect, it } from "vitest";
import { nameOfUrn, recordRegistrations, redact, treeOrder, type RecordedResource } from "../../src/preview/recorder";

const SIG = "4dabf18193072939515e22adb298388d";

describe("redact", () => {
  it.each([
    ["plain", "plain"],
    [{ a: 1, b: [true, null] }, { a: 1, b: [true, null] }],
    [{ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "hunter2" }, "[secret]"],
    [{ tags: { x: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "s" } } }, { tags: { x: "[secret]" } }],
    ["04da6b54-80e4-46f7-96ec-b56ff0331ba9", "[unknown]"],
    [{ [SIG]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:pulumi:s::p::t::my-rg" }, "[resource my-rg]"],
    [{ [SIG]: "d0e6a833031e9bbcd3f4e8bde6ca49a4", value: 5 }, 5],
    [{ [SIG]: "d0e6a833031e9bbcd3f4e8bde6ca49a4", value: 5, secret: true }, "[secret]"],
    [{ __provider: "serialized code", fqdn: "sbc1.contoso.com" }, { fqdn: "sbc1.contoso.com" }],
  ])("shows %j as %j", (value, shown) => {
    expect(redact(value)).toEqual(shown);
  });
});

describe("nameOfUrn", () => {
  it.each([
    ["urn:pulumi:hybrid::ccvoice::ccvoice:index:ContactCenterVoice::ccvoice-prod", "ccvoice-prod"],
    ["urn:pulumi:hybrid::ccvoice::ccvoice:index:ContactCenterVoice$azure-native:resources:ResourceGroup::ccvoice-prod-rg", "ccvoice-prod-rg"],
  ])("reads the name of %s", (urn, name) => {
    expect(nameOfUrn(urn)).toBe(name);
  });
});

const rec = (name: string, parent: string | null, custom = true): RecordedResource => ({
  type: custom ? "t:m:Custom" : "ccvoice:m:Component",
  name,
  parent,
  custom,
  inputs: {},
});

describe("treeOrder", () => {
  it("lists each parent before its children, provider resources before components among siblings, orphans as roots", () => {
    const records = [
      rec("root", null, false),
      rec("comp", "root", false),
      rec("leaf-1", "comp"),
      rec("rg", "root"),
      rec("orphan", "missing-parent"),
    ];
    expect(treeOrder(records).map((r) => r.name)).toEqual(["orphan", "root", "rg", "comp", "leaf-1"]);
  });

  it("stops on a cycle of names instead of looping", () => {
    const records = [rec("a", null, false), rec("b", "a", false), rec("a", "b")];
    expect(treeOrder(records).map((r) => r.name)).toEqual(["a", "b", "a"]);
  });
});

describe("recordRegistrations", () => {
  it("records type, name, parent and redacted inputs, then calls the monitor", () => {
    const calls: string[] = [];
    const monitor = { registerResource: (req: { getName(): string }) => calls.push(req.getName()) };
    const records = recordRegistrations(monitor);
    monitor.registerResource({
      getType: () => "azure-native:storage:StorageAccount",
      getName: () => "st",
      getParent: () => "urn:pulumi:s::p::ccvoice:runtime:RuntimeApp::rt",
      getCustom: () => true,
      getObject: () => ({ toJavaScript: () => ({ accountName: "x", key: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "k" } }) }),
    } as never);
    expect(records).toEqual([
      { type: "azure-native:storage:StorageAccount", name: "st", parent: "rt", custom: true, inputs: { accountName: "x", key: "[secret]" } },
    ]);
    expect(calls).toEqual(["st"]);
  });

  it("fails when the mock monitor is not set", () => {
    expect(() => recordRegistrations(undefined)).toThrow("the Pulumi mock monitor is not set; call pulumi.runtime.setMocks first");
  });
});
