/** Reading stack files offline the way the Pulumi CLI reads them. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readStackFile } from "../../src/config/stackFile";

function stackFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "ccvoice-stack-")), "Pulumi.anchors.yaml");
  writeFileSync(file, text);
  return file;
}

describe("readStackFile", () => {
  it("applies YAML merge keys (<<: *anchor), as the Pulumi CLI does", () => {
    const file = stackFile(
      [
        "config:",
        "  ccvoice:directRouting:",
        "    trunks:",
        "      - &sbc",
        "        fqdn: sbc1.contoso.com",
        "        emergencyCapable: true",
        "      - <<: *sbc",
        "        fqdn: sbc2.contoso.com",
        "",
      ].join("\n"),
    );
    expect(readStackFile(file).ccvoice).toEqual({
      directRouting: {
        trunks: [
          { fqdn: "sbc1.contoso.com", emergencyCapable: true },
          { fqdn: "sbc2.contoso.com", emergencyCapable: true },
        ],
      },
    });
  });

  it("fails when the file has no config: map", () => {
    const file = stackFile("encryptionsalt: abc\n");
    expect(() => readStackFile(file)).toThrow(new Error(`stack file ${file} must have a top-level config: map of ccvoice: settings`));
  });
});
