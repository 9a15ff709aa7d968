/** The seed matrix gives exactly its known defects, in all three formats. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintText } from "../../src/index.js";
import { REPO, SEED } from "../helpers.js";

const seed = readFileSync(SEED, "utf8");

/** A finding reduced to what a reader checks: rule, severity, place, activity and party. */
const brief = (f: { ruleId: string; severity: string; line: number; column: number; endLine: number; endColumn: number; party: string | null }) =>
  `${f.ruleId} ${f.severity} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.party ?? "-"}`;

describe("matrices/cloud-temple-s3.md", () => {
  it("is the seed, byte for byte", () => {
    expect(seed).toBe(readFileSync(join(REPO, "../shared/seeds/000_ad1b537de6bbc36c.txt"), "utf8"));
  });

  it("gives exactly the known findings from the recommended rules", async () => {
    const { findings } = await lintText(seed, { filename: "matrices/cloud-temple-s3.md" });
    expect(findings.map(brief)).toEqual([
      "legend-consistent warning 13:19-13:24 -",
      "no-duplicate-activity info 38:3-38:71 -",
      "no-duplicate-activity info 39:3-39:68 -",
      "customer-involved error 41:88-41:88 Client",
      "code-order warning 55:95-55:101 Client",
      "code-order warning 62:109-62:115 Cloud Temple",
      "customer-involved error 74:96-74:96 Client",
    ]);
    expect(findings[0]!.message).toBe('Legend entry (R) Performs highlights "P", not "R": "__P__erforms the process".');
    expect(findings[1]!.message).toBe('Activity "Ensure the operational maintenance of the S3 Object Storage platform" repeats line 29 (section "Implement the service") with the same codes.');
    expect(findings[3]!.message).toBe('The customer (Client) has no role in "Preserve and provide the logs of the S3 Object Storage platform": it must at least be Informed.');
    expect(findings[4]).toMatchObject({
      message: 'Codes "AR" are out of order: write "RA".',
      section: "Encryption Management",
      activity: "Manage data encryption before deployment on the S3 Object Storage service",
      fix: { range: [3979, 3985], text: "__RA__" },
    });
    expect(seed.slice(3979, 3985)).toBe("__AR__");
    expect(findings[5]!.fix).toEqual({ range: [4530, 4536], text: "__RA__" });
    expect(seed.slice(4530, 4536)).toBe("__AR__");
  });

  it("has YAML and JSON twins that give the same findings by rule, activity and party", async () => {
    // Messages may quote line numbers, which differ between formats; the rest must agree.
    const key = (f: { ruleId: string; severity: string; activity: string | null; party: string | null; message: string }) =>
      `${f.ruleId} ${f.severity} ${f.activity ?? "-"} ${f.party ?? "-"} ${f.message.replace(/line \d+/g, "line N")}`;
    const md = (await lintText(seed, { filename: "seed.md" })).findings.map(key).sort();
    for (const twin of ["cloud-temple-s3.yaml", "cloud-temple-s3.json"]) {
      const text = readFileSync(join(REPO, "matrices", twin), "utf8");
      const result = await lintText(text, { filename: twin });
      expect(result.findings.map(key).sort(), twin).toEqual(md);
      // Their fixes keep the twin's own formatting (plain codes).
      for (const f of result.findings.filter((x) => x.ruleId === "code-order")) {
        expect(text.slice(f.fix!.range[0], f.fix!.range[1])).toBe("AR");
        expect(f.fix!.text).toBe("RA");
      }
    }
  });
});
