/** Inline directives and baselines through the command line. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SEED } from "../helpers.js";
import { cli, project, findingLines } from "./harness.js";

const seed = readFileSync(SEED, "utf8");
const brief = (stdout: string) => findingLines(stdout, (f) => `${f.path} ${f.line} ${f.ruleId}`);

describe("inline directives", () => {
  const doc = [
    "## Ops",
    "",
    "<!-- raci-lint-disable code-order -- the annex quotes the signed contract verbatim -->",
    "| Activity | Client | Provider |",
    "|---|---|---|",
    "| Run it | AR | I |",
    "| Host it | I | RA |",
    "<!-- raci-lint-enable code-order -->",
    "<!-- raci-lint-disable-next-line no-empty-activity -->",
    "",
    "<!-- raci-lint-disable-file codeorder -->",
    "",
  ].join("\n");

  it("suppress what they name; unknown rules are reported; unused ones only on request", async () => {
    const root = project({ "a.md": doc });
    const run = await cli(["-f", "json", "."], root);
    expect(brief(run.stdout)).toEqual(["a.md 11 invalid-directive"]);
    const withUnused = await cli(["-f", "json", "--report-unused-disable-directives", "."], root);
    expect(brief(withUnused.stdout)).toEqual(["a.md 9 unused-disable-directive", "a.md 11 invalid-directive"]);
    const sarif = await cli(["-f", "sarif", "."], root);
    const results = JSON.parse(sarif.stdout).runs[0].results as { ruleId: string; suppressions?: { kind: string; justification?: string }[] }[];
    expect(results.find((r) => r.ruleId === "code-order")!.suppressions).toEqual([{ kind: "inSource", justification: "the annex quotes the signed contract verbatim" }]);
  });
});

describe("baselines", () => {
  it("write, then edit (move lines, add an activity with a new defect): only the new defect is reported, exit 1", async () => {
    const root = project({ "seed.md": seed });
    expect((await cli(["--baseline-write", "raci-lint-baseline.json", "seed.md"], root)).code).toBe(0);
    const edited = seed
      .replace("## Define your need\n", "\n\n## Define your need\n")
      .replace("| Create the objects ", "| Archive the objects                                                                |             | __RA__            |\n| Create the objects ");
    writeFileSync(join(root, "seed.md"), edited);
    const run = await cli(["-f", "json", "--baseline", "raci-lint-baseline.json", "seed.md"], root);
    expect(run.code).toBe(1);
    expect(brief(run.stdout)).toEqual(["seed.md 33 customer-involved"]);
    expect(run.stderr).toBe("");
  });

  it("reports entries that no longer match, and --baseline-prune removes them", async () => {
    const root = project({ "seed.md": seed });
    await cli(["--baseline-write", "b.json", "seed.md"], root);
    writeFileSync(join(root, "seed.md"), seed.replaceAll("__AR__", "__RA__"));
    const stale = await cli(["--baseline", "b.json", "seed.md"], root);
    expect(stale.code).toBe(0);
    expect(stale.stderr).toContain("raci-lint: 2 baseline entries no longer match (run with --baseline-prune to remove):");
    const pruned = await cli(["--baseline", "b.json", "--baseline-prune", "seed.md"], root);
    expect(pruned.stderr).toBe("raci-lint: pruned 2 stale baseline entries from b.json\n");
    expect(JSON.parse(readFileSync(join(root, "b.json"), "utf8")).entries).toHaveLength(5);
  });

  it("a malformed baseline is exit 2 with its position", async () => {
    const root = project({ "seed.md": seed, "b.json": '{ "version": 1, "entries": [ { "file": 3 } ] }' });
    const run = await cli(["--baseline", "b.json", "seed.md"], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^raci-lint: b\.json:1:\d+: /);
  });
});

describe("directives and corpus-scope rules", () => {
  it("a disable-file directive also silences a finding that compares files", async () => {
    // The finding is reported at the activity's first occurrence (a.md): its directive silences it.
    const table = "## S\n\n| Activity | Client | Provider |\n|---|---|---|\n| Export data | RA | I |\n| Host it | I | RA |\n";
    const a = "<!-- raci-lint-disable-file consistent-across-files -- the other annex is older -->\n\n" + table;
    const b = table.replace("| RA | I |", "| RA | C |");
    const root = project({ "a.md": a, "b.md": b, "raci-lint.config.yaml": "rules:\n  consistent-across-files: warning\n" });
    const run = await cli(["-f", "json", "b.md", "a.md"], root);
    const report = JSON.parse(run.stdout);
    expect(report.files.flatMap((f: { findings: { ruleId: string }[] }) => f.findings.map((x) => x.ruleId))).toEqual([]);
    const sarif = JSON.parse((await cli(["-f", "sarif", "b.md", "a.md"], root)).stdout);
    expect(sarif.runs[0].results.map((r: { ruleId: string; suppressions?: unknown[] }) => [r.ruleId, r.suppressions?.length ?? 0])).toEqual([["consistent-across-files", 1]]);
  });
});
