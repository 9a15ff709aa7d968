/**
 * The GitHub Action: action.yml, and its entry run as the runner runs it (`node bundle/action.js`
 * with the inputs as `INPUT_*` variables, and `GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY` files).
 * The entry run here is the build's (dist/action.js, running dist/cli.js), which bundle/ must equal
 * (bundle.test.ts), so that a stale bundle fails one test that says so; one test runs the committed
 * bundle/action.js as the runner has it, in a copy of the repository without node_modules.
 */
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { INPUTS, lintArguments, outputEntry, readInputs } from "../../src/action/main.js";
import { REPO, SEED } from "../helpers.js";
import { CLEAN_MATRIX, run, tempFolder } from "./helpers.js";

const action = parse(readFileSync(join(REPO, "action.yml"), "utf8"));
const ENTRY = join(REPO, "dist/action.js");

interface Step {
  status: number | null;
  stdout: string;
  stderr: string;
  /** What the step wrote to GITHUB_OUTPUT. */
  output: string;
  /** What it wrote to the job summary. */
  summary: string;
  transcript: string;
}

/**
 * Runs the action's entry in `workspace` as a runner does: every input as `INPUT_<NAME>` (the
 * defaults of action.yml where `inputs` has none), empty output and summary files, and the runner's
 * own variables. `env` adds or replaces variables; `entry` is the file run (the build's by default).
 */
function runStep(workspace: string, inputs: Record<string, string>, env: Record<string, string> = {}, entry = ENTRY): Step {
  const runner = tempFolder("runner");
  const output = join(runner, "output");
  const summary = join(runner, "step_summary");
  writeFileSync(output, "");
  writeFileSync(summary, "");
  const inputVariables: Record<string, string> = {};
  for (const [name, declared] of Object.entries<{ default: string }>(action.inputs)) {
    inputVariables[`INPUT_${name.toUpperCase()}`] = inputs[name] ?? declared.default;
  }
  const result = run(process.execPath, [entry], {
    cwd: workspace,
    env: {
      ...inputVariables,
      GITHUB_ACTIONS: "true",
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      RUNNER_TEMP: runner,
      XDG_CACHE_HOME: join(runner, "cache"),
      ...env,
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: readFileSync(output, "utf8"), summary: readFileSync(summary, "utf8"), transcript: result.transcript };
}

/** A repository checkout with the seed matrix (7 findings, 3 errors) and a clean one. */
function workspace(): string {
  const root = tempFolder("workspace");
  mkdirSync(join(root, "matrices"));
  cpSync(SEED, join(root, "matrices/seed.md"));
  writeFileSync(join(root, "clean.md"), CLEAN_MATRIX);
  return root;
}

describe("action.yml", () => {
  it("is a JavaScript action on the committed bundle, with the documented inputs and outputs", () => {
    expect(action.name).toBe("raci-lint");
    expect(typeof action.description).toBe("string");
    expect(action.runs).toEqual({ using: "node20", main: "bundle/action.js" });
    // The entry's defaults (used when run outside a runner) are action.yml's.
    expect(Object.fromEntries(Object.entries<{ default: string }>(action.inputs).map(([name, input]) => [name, input.default]))).toEqual(INPUTS);
    for (const input of Object.values<{ description: string; required: boolean }>(action.inputs)) {
      expect(typeof input.description).toBe("string");
      expect(input.required).toBe(false);
    }
    expect(Object.keys(action.outputs)).toEqual(["sarif-file", "exit-code"]);
    for (const output of Object.values<{ description: string }>(action.outputs)) expect(typeof output.description).toBe("string");
  });
});

describe("the action's entry", () => {
  it("lints the paths: stylish report in the log, SARIF, the job summary, outputs, and the step fails as raci-lint does", () => {
    const root = workspace();
    const step = runStep(root, { paths: "matrices" });
    expect(step.status, step.transcript).toBe(1);
    expect(step.stdout).toContain("matrices/seed.md");
    expect(step.stdout).toContain("✖ 7 problems (2 errors, 3 warnings, 2 infos)");
    expect(JSON.parse(readFileSync(join(root, "raci-lint.sarif"), "utf8")).runs[0].results).toHaveLength(7);
    expect(step.summary).toMatch(/^## /);
    expect(step.summary).toContain("matrices/seed.md");
    expect(step.output).toBe("sarif-file=raci-lint.sarif\nexit-code=1\n");
  });

  it("runs from the committed bundle in a copy of the repository without node_modules, as the runner downloads it", () => {
    // What bundle/cli.cjs reads at run time is in schemas/ and docs/rules/; the rest of a checkout is not needed.
    const download = tempFolder("action-download");
    for (const item of ["action.yml", "package.json", "bundle", "docs", "schemas"]) cpSync(join(REPO, item), join(download, item), { recursive: true });
    const root = workspace();
    const step = runStep(root, { paths: "matrices" }, {}, join(download, "bundle/action.js"));
    expect(step.status, step.transcript).toBe(1);
    expect(step.stdout).toContain("✖ 7 problems (2 errors, 3 warnings, 2 infos)");
    expect(JSON.parse(readFileSync(join(root, "raci-lint.sarif"), "utf8")).runs[0].results).toHaveLength(7);
    expect(step.summary).toContain("**7 problems** (2 errors, 3 warnings, 2 infos)");
    expect(step.output).toBe("sarif-file=raci-lint.sarif\nexit-code=1\n");
  });

  it("passes on a clean matrix, with the SARIF where sarif-file says", () => {
    const root = workspace();
    const step = runStep(root, { paths: "clean.md", "sarif-file": "reports.sarif" });
    expect(step.status, step.transcript).toBe(0);
    expect(JSON.parse(readFileSync(join(root, "reports.sarif"), "utf8")).runs[0].results).toEqual([]);
    expect(step.output).toBe("sarif-file=reports.sarif\nexit-code=0\n");
  });

  it("passes args before the paths, and paths on several lines, unexpanded", () => {
    const root = workspace();
    // The seed without its errors has 3 warnings: --max-warnings 0 then fails the run.
    writeFileSync(join(root, "raci-lint.config.yaml"), "rules:\n  customer-involved: off\n");
    const step = runStep(root, { paths: "clean.md\n  matrices/*.md\n", args: "--max-warnings 0" });
    expect(step.status, step.transcript).toBe(1);
    expect(step.stdout).toContain("matrices/seed.md");
    expect(step.stdout).toContain("✖ 5 problems (0 errors, 3 warnings, 2 infos)");
    expect(step.stderr).toContain("raci-lint found too many warnings (3; maximum: 0).");
    expect(step.output).toContain("exit-code=1\n");
  });

  it("exits with 2 and says why when raci-lint cannot run (args asking for a second report on standard output)", () => {
    const step = runStep(workspace(), { paths: "matrices", args: "-f github" });
    expect(step.status, step.transcript).toBe(2);
    expect(step.output).toBe("sarif-file=raci-lint.sarif\nexit-code=2\n");
  });

  it("refuses a version that is not a version or dist-tag, with an error annotation", () => {
    const step = runStep(workspace(), { version: "1.0.0 && echo" });
    expect(step.status).toBe(2);
    expect(step.stdout).toContain('::error title=raci-lint::the version input must be a raci-lint version or npm dist-tag, not "1.0.0 && echo"');
    expect(step.output).toBe("sarif-file=raci-lint.sarif\nexit-code=2\n");
  });

  it.skipIf(process.platform === "win32")("installs the version asked for with npm into RUNNER_TEMP, then runs that version's command", () => {
    // An npm that records its arguments and installs a raci-lint whose command prints its own.
    const bin = tempFolder("fake-npm");
    writeFileSync(
      join(bin, "npm"),
      `#!/usr/bin/env node
const { mkdirSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const args = process.argv.slice(2);
const prefix = args[args.indexOf("--prefix") + 1];
const pkg = join(prefix, "node_modules", "raci-lint");
mkdirSync(join(pkg, "bin"), { recursive: true });
writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "raci-lint", bin: { "raci-lint": "bin/run.js" } }));
writeFileSync(join(pkg, "bin", "run.js"), "console.log(JSON.stringify({ npm: " + JSON.stringify(args) + ", args: process.argv.slice(2) })); process.exitCode = 1;");
`,
    );
    chmodSync(join(bin, "npm"), 0o755);
    const step = runStep(workspace(), { version: "0.1.0", paths: "matrices" }, { PATH: `${bin}${delimiter}${process.env.PATH}` });
    expect(step.status, step.transcript).toBe(1);
    const printed = JSON.parse(step.stdout.trim().split("\n").at(-1)!);
    const runner = printed.npm[printed.npm.indexOf("--prefix") + 1] as string;
    expect(printed.npm).toEqual(["install", "--prefix", runner, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "raci-lint@0.1.0"]);
    expect(runner).toMatch(/raci-lint-0\.1\.0$/);
    expect(printed.args.slice(0, 4)).toEqual(["-f", "stylish", "-f", "sarif=raci-lint.sarif"]);
    expect(printed.args.at(-1)).toBe("matrices");
    expect(step.output).toBe("sarif-file=raci-lint.sarif\nexit-code=1\n");
  });
});

describe("the action's inputs and outputs", () => {
  it("reads inputs as the runner names them, trimmed, with the defaults for missing or empty ones", () => {
    expect(readInputs({ INPUT_PATHS: "  docs \n", "INPUT_SARIF-FILE": "", INPUT_ARGS: "--quiet" })).toEqual({
      paths: "docs",
      "sarif-file": "raci-lint.sarif",
      args: "--quiet",
      version: "",
      "diff-base": "",
    });
  });

  it("gives raci-lint the reports, args, then paths; the job summary only on a runner", () => {
    const inputs = { paths: "a.md\n b/", "sarif-file": "x.sarif", args: "--baseline bl.json  --max-warnings 0", version: "", "diff-base": "" };
    expect(lintArguments(inputs, { GITHUB_STEP_SUMMARY: "/s.md" })).toEqual([
      "-f",
      "stylish",
      "-f",
      "sarif=x.sarif",
      "-f",
      "markdown=/s.md",
      "--baseline",
      "bl.json",
      "--max-warnings",
      "0",
      "a.md",
      "b/",
    ]);
    expect(lintArguments(inputs, {})).toEqual(["-f", "stylish", "-f", "sarif=x.sarif", "--baseline", "bl.json", "--max-warnings", "0", "a.md", "b/"]);
  });

  it("writes an output with a line break as a delimited block", () => {
    expect(outputEntry("exit-code", "1")).toBe("exit-code=1\n");
    expect(outputEntry("sarif-file", "a\nraci_lint_output")).toBe("sarif-file<<raci_lint_output_\na\nraci_lint_output\nraci_lint_output_\n");
  });
});
