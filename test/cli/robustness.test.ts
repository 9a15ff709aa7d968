/** Bad input never crashes the tool: each file gets a clear finding, the others are still checked. */
import { spawnSync } from "node:child_process";
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { ALIAS_BOMB as BOMB, REPO } from "../helpers.js";
import { cli, project, findingLines } from "./harness.js";

const OK = "## S\n\n| Activity | Client | Provider |\n|---|---|---|\n| Run it | AR | I |\n| Host it | I | RA |\n";

const brief = (stdout: string) => findingLines(stdout);

describe("odd input", () => {
  it("empty, binary, CR-only, huge-line, alias-bomb, multi-document and non-object files", async () => {
    const root = project({
      "empty.md": "",
      "binary.md": String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256)),
      "cr.md": OK.replace(/\n/g, "\r"),
      "long.md": `## S\n\n| Activity | Client | Provider |\n|---|---|---|\n| ${"x".repeat(200_000)} | RA | I |\n`,
      "bomb.yaml": BOMB,
      "multi.yaml": "parties: [a]\nsections: []\n---\nparties: [b]\n",
      "array.json": "[1, 2]",
      "ok.md": OK,
    });
    const run = await cli(["-f", "json", "empty.md", "binary.md", "cr.md", "long.md", "bomb.yaml", "multi.yaml", "array.json", "ok.md"], root);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(brief(run.stdout)).toEqual([
      "array.json 1:1 no-matrix",
      "binary.md 1:1 parse-error",
      "bomb.yaml 1:1 parse-error",
      "cr.md 5:12 code-order",
      "empty.md 1:1 no-matrix",
      "long.md 3:23 party-has-responsibility",
      "multi.yaml 3:1 parse-error",
      "ok.md 5:12 code-order",
    ]);
    expect(JSON.parse(run.stdout).files.find((f: { path: string }) => f.path === "bomb.yaml").findings[0].message).toContain("resource exhaustion");
  });

  it("front matter with an unknown YAML tag prints no warning of its own and is still read", async () => {
    const warn = vi.spyOn(process, "emitWarning");
    try {
      const run = await cli(["-f", "markdown", "t.md"], project({ "t.md": `---\ntitle: !house Backups\n---\n\n${OK}` }));
      expect(run.stderr).toBe("");
      expect(run.stdout).toContain("t.md");
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it("an alias bomb in a config file is a positioned configuration error (exit 2), not a crash", async () => {
    const run = await cli(["."], project({ "a.md": OK, "raci-lint.config.yaml": BOMB.replace("parties: [x]\nsections: []\n", "") }));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^raci-lint: raci-lint\.config\.yaml:1:1: document cannot be read: /);
  });
});

describe("files that are not UTF-8", () => {
  it("are reported at the first byte that is not, checked as read, and never rewritten by --fix", async () => {
    const root = project({ "ok.md": OK });
    const latin1 = Buffer.from("## Op\xe9rations\n\n| Activit\xe9 | Client | Provider |\n|---|---|---|\n| G\xe9rer | AR | I |\n| Host | I | RA |\n", "latin1");
    writeFileSync(join(root, "latin1.md"), latin1);
    const run = await cli(["-f", "json", "latin1.md", "ok.md"], root);
    expect(brief(run.stdout)).toEqual(["latin1.md 1:6 parse-error", "latin1.md 5:11 code-order", "ok.md 5:12 code-order"]);
    expect(JSON.parse(run.stdout).files[0].findings[0].message).toBe("The file is not UTF-8 text (first seen here): it is checked as read, but not fixed. Save it as UTF-8.");
    const fixed = await cli(["--fix", "latin1.md", "ok.md"], root);
    expect(fixed.stderr).toBe("raci-lint: latin1.md: not fixed: it is not UTF-8 text\n");
    expect(readFileSync(join(root, "latin1.md")).equals(latin1)).toBe(true);
    expect(readFileSync(join(root, "ok.md"), "utf8")).toBe(OK.replace("| AR |", "| RA |"));
  });

  it("says that a YAML or JSON file that does not parse is not fixed, and leaves its bytes alone", async () => {
    const broken = "sections:\n  - title: Ops\n    activities: [\n";
    const root = project({ "broken.yaml": broken, "broken.json": '{"sections": [' });
    const fixed = await cli(["--fix", "broken.yaml", "broken.json"], root);
    expect(fixed.stderr).toBe(
      "raci-lint: broken.json: not fixed: it does not parse as JSON (see its parse-error): nothing is fixed until it does\n" +
        "raci-lint: broken.yaml: not fixed: it does not parse as YAML (see its parse-error): nothing is fixed until it does\n",
    );
    expect(readFileSync(join(root, "broken.yaml"), "utf8")).toBe(broken);
  });
});

describe("paths that are there but cannot be read", () => {
  it("a broken link named explicitly is a finding for it, not 'no files match'; the others are still checked", async () => {
    const root = project({ "ok.md": OK });
    symlinkSync("nowhere.md", join(root, "broken.md"));
    const run = await cli(["-f", "json", "broken.md", "ok.md"], root);
    expect(run.stderr).toBe("");
    expect(brief(run.stdout)).toEqual(["broken.md 1:1 parse-error", "ok.md 5:12 code-order"]);
    const missing = await cli(["-f", "json", "missing.md", "ok.md"], root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('raci-lint: no files match "missing.md"\n');
  });
});

describe("documents nested deeper than 500 levels", () => {
  it("are a parse error, not an internal error; the others are still checked", async () => {
    const root = project({
      "deep.yaml": `${Array.from({ length: 2000 }, (_, i) => `${" ".repeat(i)}k:\n`).join("")}sections: []\n`,
      "deep.json": `{"sections":${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
      "ok.md": OK,
    });
    const run = await cli(["-f", "json", "deep.yaml", "deep.json", "ok.md"], root);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.files.map((f: { path: string; findings: { ruleId: string; message: string }[] }) => [f.path, f.findings.map((x) => `${x.ruleId}: ${x.message}`)])).toEqual([
      ["deep.json", ["parse-error: the document nests more than 500 levels deep: raci-lint reads 500 at most (a matrix needs 7)"]],
      ["deep.yaml", ["parse-error: the document nests more than 500 levels deep: raci-lint reads 500 at most (a matrix needs 7)"]],
      ["ok.md", ['code-order: Codes "AR" are out of order: write "RA".']],
    ]);
  });
});

describe("two deeply nested JSON files in one run (issue 11 #1)", () => {
  it("are each a parse error, in a process of its own: V8 used to abort compiling a regular expression near the stack limit", () => {
    const root = project({ "a.json": "[".repeat(850) + "]".repeat(850), "b.json": '{"a":'.repeat(850) + "1" + "}".repeat(850) });
    // A child process: an abort (exit 134) fails this test instead of the test runner.
    const run = spawnSync(process.execPath, [join(REPO, "dist/cli.js"), "-f", "json", "a.json", "b.json"], { cwd: root, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(findingLines(run.stdout, (f) => `${f.path} ${f.line}:${f.column} ${f.ruleId}: ${f.message}`)).toEqual([
      "a.json 1:1 parse-error: the document nests more than 500 levels deep: raci-lint reads 500 at most (a matrix needs 7)",
      "b.json 1:1 parse-error: the document nests more than 500 levels deep: raci-lint reads 500 at most (a matrix needs 7)",
    ]);
  });
});

describe("standard input that is not UTF-8 text", () => {
  /** Runs the CLI on stdin bytes; stdout comes back as bytes. */
  async function run(args: string[], input: Buffer) {
    const { PassThrough, Readable } = await import("node:stream");
    const { runCli } = await import("../../src/cli/run.js");
    const out = new PassThrough();
    const err = new PassThrough();
    const chunks: Buffer[] = [];
    let stderr = "";
    out.on("data", (c: Buffer) => chunks.push(c));
    err.on("data", (c: Buffer) => (stderr += c.toString()));
    const code = await runCli(args, { cwd: project({}), stdout: out, stderr: err, stdin: Readable.from([input]), env: {} });
    return { code, stdout: Buffer.concat(chunks), stderr };
  }
  const latin1 = Buffer.from("## S\xe9\n\n| Activity | Client | Cloud Temple |\n|---|---|---|\n| Do it | AR | I |\n", "latin1");

  it("is reported, and --fix gives it back byte for byte", async () => {
    const linted = await run(["-f", "json", "--stdin-filename", "x.md", "-"], latin1);
    expect(linted.code).toBe(1);
    expect(JSON.parse(linted.stdout.toString()).files[0].findings.map((f: { line: number; column: number; ruleId: string }) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      "1:5 parse-error",
      "3:23 party-has-responsibility",
      "5:11 code-order",
    ]);
    const fixed = await run(["--fix", "--stdin-filename", "x.md", "-"], latin1);
    expect(fixed.stdout.equals(latin1)).toBe(true);
    expect(fixed.stderr).toContain("raci-lint: x.md: not fixed: it is not UTF-8 text\n");
  });

  it("UTF-16 without a byte-order mark (NUL bytes) is not text either", async () => {
    const utf16 = Buffer.from("## S\n\n| Activity | Client | Provider |\n|---|---|---|\n| Run | RA | I |\n", "utf16le");
    const linted = await run(["-f", "json", "--stdin-filename", "x.md", "-"], utf16);
    expect(JSON.parse(linted.stdout.toString()).files[0].findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(["parse-error"]);
  });
});
