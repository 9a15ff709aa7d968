/** The command line: paths, stdin, formats, exit codes, colour, and the real binary. */
import { spawnSync } from "node:child_process";
import { readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, SEED } from "../helpers.js";
import { cli, project } from "./harness.js";
import { VERSION } from "../../src/cli/run.js";
import { RaciLint } from "../../src/api/raci-lint.js";
import { recommendedRules } from "../../src/config/presets.js";
import { RACI } from "../../src/model/scheme.js";

const seed = readFileSync(SEED, "utf8");
const CLEAN = "## Ops\n\n| Activity | Client | Provider |\n|---|---|---|\n| Run it | RA | I |\n";
const WARN_ONLY = "## Ops\n\n| Activity | Client | Provider |\n|---|---|---|\n| Run it | AR | I |\n| Host it | I | RA |\n";

describe("exit codes", () => {
  it("0 when clean, 1 with error-level findings", async () => {
    expect((await cli(["."], project({ "a.md": CLEAN }))).code).toBe(0);
    expect((await cli(["."], project({ "a.md": seed }))).code).toBe(1);
  });

  it("warnings alone exit 0, unless over --max-warnings", async () => {
    const root = project({ "a.md": WARN_ONLY });
    expect((await cli(["."], root)).code).toBe(0);
    expect((await cli(["--max-warnings", "1", "."], root)).code).toBe(0);
    const over = await cli(["--max-warnings", "0", "."], root);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe("raci-lint found too many warnings (1; maximum: 0).\n");
  });

  it("2 for bad arguments and paths that match nothing, with a message", async () => {
    const root = project({ "a.md": CLEAN });
    const missing = await cli(["nope.md"], root);
    expect(missing).toMatchObject({ code: 2, stdout: "" });
    expect(missing.stderr).toBe('raci-lint: no files match "nope.md"\n');
    const format = await cli(["-f", "xml", "."], root);
    expect(format.code).toBe(2);
    expect(format.stderr).toBe('raci-lint: unknown format "xml" (formats: stylish, json, sarif, junit, github, markdown, html, diff)\n');
    expect((await cli(["--max-warnings", "many", "."], root)).code).toBe(2);
    expect((await cli(["--bogus"], root)).code).toBe(2);
  });

  it("--version and --help exit 0", async () => {
    const root = project({});
    expect(await cli(["--version"], root)).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
    const help = await cli(["--help"], root);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: raci-lint [options] [paths...]");
  });

  it("the version matches package.json", () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")).version);
  });
});

describe("files", () => {
  it("recurses into directories for matrix extensions, skipping node_modules, .git and non-matrix data", async () => {
    const root = project({
      "docs/a.md": seed,
      "docs/b.markdown": WARN_ONLY,
      "docs/c.txt": seed,
      "docs/node_modules/x.md": seed,
      "docs/.git/y.md": seed,
      "docs/_category_.json": '{ "label": "Contract" }',
      "docs/m.yaml": readFileSync(join(REPO, "matrices/cloud-temple-s3.yaml"), "utf8"),
    });
    const report = JSON.parse((await cli(["-f", "json", "docs"], root)).stdout);
    expect(report.files.map((f: { path: string }) => f.path)).toEqual(["docs/a.md", "docs/b.markdown", "docs/m.yaml"]);
  });

  it("accepts globs, and lints explicitly named data files even when they are not matrices", async () => {
    const root = project({ "a/x.md": seed, "b/y.md": CLEAN, "data.json": '{ "label": "x" }' });
    const report = JSON.parse((await cli(["-f", "json", "*/*.md", "data.json"], root)).stdout);
    expect(report.files.map((f: { path: string }) => f.path)).toEqual(["a/x.md", "b/y.md", "data.json"]);
    // One plain finding that names the shapes a matrix has, not a list of schema errors.
    expect(report.files[2].findings).toHaveLength(1);
    expect(report.files[2].findings[0]).toMatchObject({ ruleId: "no-matrix", severity: "info", line: 1, column: 1 });
    expect(report.files[2].findings[0].message).toContain("a YAML/JSON matrix lists activities under `sections` or `activities`");
  });

  it("a file that cannot be read is a finding for that file; the others are still checked", async () => {
    const root = project({ "b.md": WARN_ONLY });
    // A link to nothing: the path is there, its file is not.
    symlinkSync(join(root, "nowhere.md"), join(root, "gone.md"));
    const results = await new RaciLint({ cwd: root, rules: recommendedRules(), scheme: RACI }).lintFiles(["gone.md", "b.md"]);
    expect(results.map((r) => [r.path, r.findings.map((f) => `${f.ruleId} ${f.line}:${f.column} ${f.message}`)])).toEqual([
      ["b.md", ['code-order 5:12 Codes "AR" are out of order: write "RA".']],
      ["gone.md", ["parse-error 1:1 Cannot read file: ENOENT, it does not exist (a link to a missing file?)"]],
    ]);
  });

  it("unparsable YAML and JSON are findings with positions, other files still checked", async () => {
    const root = project({ "bad.yaml": "title: x\nparties: [a\n", "bad.json": '{ "parties": ["a"], }', "ok.md": WARN_ONLY });
    const run = await cli(["-f", "json", "bad.yaml", "bad.json", "ok.md"], root);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.files.map((f: { path: string; findings: { ruleId: string; line: number; column: number }[] }) => [f.path, f.findings.map((x) => `${x.ruleId} ${x.line}:${x.column}`)])).toEqual([
      ["bad.json", ["parse-error 1:21"]],
      ["bad.yaml", ["parse-error 3:1"]],
      ["ok.md", ["code-order 5:12"]],
    ]);
  });
});

describe("standard input", () => {
  it("reads - with --stdin-filename, whose extension picks the format", async () => {
    const root = project({});
    const md = await cli(["-f", "json", "--stdin-filename", "docs/raci.md", "-"], root, WARN_ONLY);
    expect(JSON.parse(md.stdout).files).toEqual([expect.objectContaining({ path: "docs/raci.md", findings: [expect.objectContaining({ ruleId: "code-order", line: 5, column: 12 })] })]);
    const yaml = await cli(["-f", "json", "--stdin-filename", "m.yaml", "-"], root, readFileSync(join(REPO, "matrices/cloud-temple-s3.yaml"), "utf8"));
    expect(JSON.parse(yaml.stdout).summary).toMatchObject({ errors: 2, warnings: 3, infos: 2 });
  });

  it("- cannot be combined with paths", async () => {
    expect((await cli(["-", "a.md"], project({}))).code).toBe(2);
  });
});

describe("formats", () => {
  it("json has the fixed shape and relative paths; output is byte-identical across runs", async () => {
    const root = project({ "sub/seed.md": seed });
    const first = await cli(["-f", "json", "."], root);
    const second = await cli(["-f", "json", "."], root);
    expect(first.stdout).toBe(second.stdout);
    const report = JSON.parse(first.stdout);
    expect(Object.keys(report)).toEqual(["files", "summary"]);
    expect(report.files[0].path).toBe("sub/seed.md");
    expect(Object.keys(report.files[0].findings[0])).toEqual(["ruleId", "severity", "message", "line", "column", "endLine", "endColumn", "section", "activity", "party", "fix", "suggestions"]);
    expect(report.summary).toEqual({ files: 1, filesWithFindings: 1, errors: 2, warnings: 3, infos: 2, fixable: 2 });
  });

  it("stylish groups by file with aligned columns and a summary; --quiet keeps errors only", async () => {
    const root = project({ "seed.md": seed });
    const run = await cli(["."], root);
    const lines = run.stdout.split("\n");
    expect(lines[1]).toBe("seed.md");
    expect(lines[2]).toMatch(/^ {2}13:19 {3}warning {2}Legend entry \(R\) Performs highlights "P", not "R": "__P__erforms the process"\. +legend-consistent$/);
    expect(run.stdout).toContain("✖ 7 problems (2 errors, 3 warnings, 2 infos)\n");
    expect(run.stdout).not.toContain("\u001b[");
    const quiet = await cli(["--quiet", "."], root);
    expect(quiet.stdout).toContain("✖ 2 problems (2 errors, 0 warnings, 0 infos)");
    expect(quiet.code).toBe(1);
  });

  it("colour only when asked: FORCE_COLOR and --color force it, NO_COLOR and --no-color drop it", async () => {
    const root = project({ "seed.md": seed });
    expect((await cli(["."], root, "", { FORCE_COLOR: "1" })).stdout).toContain("\u001b[");
    expect((await cli(["--color", "."], root)).stdout).toContain("\u001b[");
    expect((await cli(["."], root, "", { NO_COLOR: "1" })).stdout).not.toContain("\u001b[");
    expect((await cli(["--no-color", "."], root, "", { FORCE_COLOR: "1" })).stdout).not.toContain("\u001b[");
  });

  it("--output-file writes the report to a file, making its folder", async () => {
    const root = project({ "seed.md": seed });
    const run = await cli(["-f", "json", "-o", "out/report.json", "seed.md"], root);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(JSON.parse(readFileSync(join(root, "out/report.json"), "utf8")).summary.errors).toBe(2);
  });

  it("a report file that cannot be written is said (exit 2); the other reports are still written", async () => {
    const root = project({ "seed.md": seed, blocker: "a file where a folder should be" });
    const run = await cli(["-f", "junit=j.xml", "-f", "sarif=blocker/x.sarif", "-f", "markdown=m.md", "seed.md"], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("raci-lint: cannot write blocker/x.sarif: EEXIST, a part of its path is a file, not a folder\n");
    expect(readFileSync(join(root, "j.xml"), "utf8")).toContain("<testsuites");
    expect(readFileSync(join(root, "m.md"), "utf8")).toContain("seed.md");
  });
});

describe("the installed command", () => {
  it("runs as dist/cli.js with a shebang and the documented exit codes", () => {
    const bin = join(REPO, "dist/cli.js");
    expect(readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    const run = spawnSync(process.execPath, [bin, "matrices"], { cwd: REPO, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined } });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("matrices/cloud-temple-s3.md\n");
    expect(run.stdout).toContain("✖ 27 problems (8 errors, 11 warnings, 8 infos)");
  });

  it("has every reader and format it needs in the bundle", () => {
    const root = project({
      "bad.json": '{\n  "parties": [\n    "a",\n  ]\n}\n',
      "bad.yaml": "title: x\nparties: [a\n",
      "m.md": "---\ntitle: !custom x\n---\n## S\n\n| Activity | Client | Provider |\n|---|---|---|\n| Run | AR | I |\n",
    });
    const outputs = ["sarif", "junit", "markdown", "json"].map((f) => `${f}=${join(root, `out.${f}`)}`);
    const run = spawnSync(process.execPath, [join(REPO, "dist/cli.js"), ".", "-f", "github", ...outputs.flatMap((o) => ["-f", o])], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("::error file=bad.json,line=4,col=3,");
    expect(run.stdout).toContain("Invalid JSON: Unexpected token ']'");
    const json = JSON.parse(readFileSync(join(root, "out.json"), "utf8"));
    expect(json.files.map((f: { path: string; findings: { ruleId: string }[] }) => `${f.path} ${f.findings.map((x) => x.ruleId).join(",")}`)).toEqual([
      "bad.json parse-error",
      "bad.yaml parse-error",
      "m.md party-has-responsibility,code-order",
    ]);
    for (const f of ["sarif", "junit", "markdown"]) expect(readFileSync(join(root, `out.${f}`), "utf8")).toContain("bad.json");
  });
});
