/** The example house rules: each fires on the matrix written for it and stays silent on the seed. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers.js";
import { cli, findingLines } from "../cli/harness.js";

const HOUSE = join(REPO, "examples/house-rules");

/** `path line:column severity rule` per finding. */
const brief = (stdout: string) => findingLines(stdout, (f) => `${f.path} ${f.line}:${f.column} ${f.severity} ${f.ruleId}`);

describe("examples/house-rules", () => {
  it("each house rule fires on the matrix written for it (config found by walking up)", async () => {
    const run = await cli(["-f", "json", "matrices"], HOUSE);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(brief(run.stdout)).toEqual([
      "matrices/backup.md 10:3 error house/provider-not-accountable-for-backup",
      "matrices/contractual-reversibility.md 7:3 error house/customer-owns-data-lifecycle",
      "matrices/contractual-reversibility.md 8:39 error code-order",
      "matrices/security.md 8:3 error house/security-consults-ciso",
      "matrices/security.md 14:3 error house/security-consults-ciso",
    ]);
  });

  it("the override makes code-order an error only for contractual-*.md", async () => {
    const run = await cli(["--print-config", "matrices/backup.md"], HOUSE);
    expect(JSON.parse(run.stdout).rules["code-order"]).toBe("warning");
    const contractual = await cli(["--print-config", "matrices/contractual-reversibility.md"], HOUSE);
    expect(JSON.parse(contractual.stdout).rules["code-order"]).toBe("error");
  });

  it("they stay silent on the seed", async () => {
    const run = await cli(["-f", "json", "--config", join(HOUSE, "raci-lint.config.yaml"), "matrices/cloud-temple-s3.md"], REPO);
    const lines = brief(run.stdout);
    expect(lines.filter((l) => l.includes("house/"))).toEqual([]);
    expect(lines).toHaveLength(7);
  });
});
