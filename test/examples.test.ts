/** The examples in examples/ run as written. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "./helpers.js";

describe("examples/library.mjs", () => {
  it("lints, fixes and formats through the package's public API", () => {
    const run = spawnSync(process.execPath, [join(REPO, "examples/library.mjs")], { cwd: REPO, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout.split("\n").slice(0, 3)).toEqual([
      '5:25 warning code-order: Codes "AR" are out of order: write "RA".',
      '6:25 error customer-involved: The customer (Client) has no role in "Run the backups": it must at least be Informed.',
      "| Define the policy   | RA     | C            |",
    ]);
    expect(run.stdout).toContain("✖ 2 problems (1 error, 1 warning, 0 infos)");
  });
});
