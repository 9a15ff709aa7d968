/** unifiedDiff: what `--fix-dry-run --format diff` prints, with git-style a/ and b/ headers. */
import { readFileSync } from "node:fs";
import { applyPatch } from "diff";
import { describe, expect, it } from "vitest";
import { recommendedRules } from "../../src/config/presets.js";
import { unifiedDiff, unifiedDiffs } from "../../src/formatters/diff.js";
import { fixText } from "../../src/fix/fixer.js";
import { RACI } from "../../src/model/scheme.js";
import { SEED } from "../helpers.js";

const seed = readFileSync(SEED, "utf8");
const fixSeed = async (text: string) => (await fixText(text, "seed.md", { rules: recommendedRules(), scheme: RACI })).output;

describe("unifiedDiff", () => {
  it("shows the seed's two fixed lines in one hunk, with a/ and b/ headers", async () => {
    const fixed = await fixSeed(seed);
    const patch = unifiedDiff("matrices/cloud-temple-s3.md", seed, fixed);
    const lines = patch.split("\n");
    expect(lines.slice(0, 3)).toEqual(["--- a/matrices/cloud-temple-s3.md", "+++ b/matrices/cloud-temple-s3.md", "@@ -52,14 +52,14 @@"]);
    expect(lines.filter((l) => /^[-+][^-+]/u.test(l))).toEqual([
      "-| Manage data encryption before deployment on the S3 Object Storage service                 | __AR__      |                   |",
      "+| Manage data encryption before deployment on the S3 Object Storage service                 | __RA__      |                   |",
      "-| Ensure the continuity of the S3 object storage service                                    | __I__       | __AR__            |",
      "+| Ensure the continuity of the S3 object storage service                                    | __I__       | __RA__            |",
    ]);
    expect(applyPatch(seed, patch)).toBe(fixed);
  });

  it("keeps CRLF and the BOM in what it prints, so the patch applies to the file as it is", async () => {
    const crlf = "\uFEFF" + seed.replace(/\n/gu, "\r\n");
    const fixed = await fixSeed(crlf);
    const patch = unifiedDiff("seed.md", crlf, fixed);
    expect(patch).toContain("-| Manage data encryption before deployment on the S3 Object Storage service                 | __AR__      |                   |\r\n");
    expect(applyPatch(crlf, patch)).toBe(fixed);
  });

  it("is empty when nothing changed, and uses / in paths", () => {
    expect(unifiedDiff("seed.md", seed, seed)).toBe("");
    expect(unifiedDiff(".\\docs\\raci.md", "a\n", "b\n").split("\n").slice(0, 2)).toEqual(["--- a/docs/raci.md", "+++ b/docs/raci.md"]);
  });

  it("concatenates several files' diffs, skipping unchanged ones", () => {
    const all = unifiedDiffs([
      { path: "one.md", before: "x\n", after: "y\n" },
      { path: "same.md", before: "z\n", after: "z\n" },
      { path: "two.md", before: "p\n", after: "q\n" },
    ]);
    expect(all).toBe("--- a/one.md\n+++ b/one.md\n@@ -1,1 +1,1 @@\n-x\n+y\n--- a/two.md\n+++ b/two.md\n@@ -1,1 +1,1 @@\n-p\n+q\n");
  });
});
