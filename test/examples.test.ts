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

describe("examples/facade.mjs", () => {
  it("finds the configuration, formats by name and writes fixes through RaciLint", () => {
    const run = spawnSync(process.execPath, [join(REPO, "examples/facade.mjs")], { cwd: REPO, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    // code-order is off in the example's configuration: the AR row is not reported.
    expect(run.stdout).toBe(
      [
        "",
        "backups.md",
        '  6:25  error  Codes written more than once in "RR": R.  no-duplicate-codes',
        "",
        "✖ 1 problem (1 error, 0 warnings, 0 infos)",
        "  1 problem potentially fixable with the `--fix` option.",
        "| Run the backups     | R      | RA           |",
        "",
      ].join("\n"),
    );
  });
});

describe("the library's arguments", () => {
  const md = "## S\n\n| Activity | Client | Provider |\n|---|---|---|\n| Run | RAS | I |\n| Stop | I | RA |\n";

  it("takes a built-in scheme by name, and a single path for lintFiles", async () => {
    const { lintText, lintFiles } = await import("../src/index.js");
    expect((await lintText(md, { filename: "m.md", scheme: "RASCI" })).findings.map((f) => f.ruleId)).toEqual([]);
    expect((await lintText(md, { filename: "m.md" })).findings.map((f) => `${f.ruleId} ${f.column}`)).toEqual(["valid-codes 11"]);
    const results = await lintFiles("matrices/cloud-temple-s3.md", { cwd: new URL("..", import.meta.url).pathname });
    expect(results.map((r) => [r.path, r.findings.length])).toEqual([["matrices/cloud-temple-s3.md", 7]]);
  });

  it("says which argument is wrong instead of failing inside", async () => {
    const { lintText, lintFiles, parseMatrix } = await import("../src/index.js");
    await expect(lintText(undefined as unknown as string)).rejects.toThrow("lintText: text must be a string, not undefined");
    await expect(lintText(md, { scheme: "RACY" })).rejects.toThrow('scheme: "RACY" is not a built-in scheme (RACI, RASCI, RACI-VS, CAIRO)');
    await expect(lintFiles([1] as unknown as string[])).rejects.toThrow("lintFiles: patterns must be a string or a list of strings");
    expect(() => parseMatrix(null as unknown as string, "m.yaml")).toThrow("parseMatrix: text must be a string, not null");
    expect(() => parseMatrix("a", undefined as unknown as string)).toThrow("parseMatrix: filename must be a string");
  });
});
