/** The README's "Use in CI" examples, run as written against the real command. */
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { project } from "./harness.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO } from "../helpers.js";

const CLI = join(REPO, "dist/cli.js");

/** A temporary copy of matrices/ to run CI commands in (removed with the other test folders). */
function workspace(): string {
  const root = project({});
  cpSync(join(REPO, "matrices"), join(root, "matrices"), { recursive: true });
  return root;
}

/** Runs a shell command line with `raci-lint` standing for the built command. */
function sh(command: string, cwd: string, env: Record<string, string> = {}) {
  const script = `raci-lint() { node ${JSON.stringify(CLI)} "$@"; }\n${command}`;
  return spawnSync("bash", ["-c", script], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env } });
}

describe("README: Use in CI", () => {
  const readme = readFileSync(join(REPO, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Use in CI"), readme.indexOf("## Rules"));

  it("plain shell: reports in several formats, then a baseline that accepts today's findings", () => {
    const root = workspace();
    const lines = /\*\*Plain shell:\*\*\n\n```sh\n([\s\S]*?)```/
      .exec(section)![1]!
      .trim()
      .split("\n")
      .map((l) => l.replace(/\s+#.*$/, ""));
    expect(lines).toHaveLength(3);
    const first = sh(lines[0]!, root);
    expect(first.status).toBe(1);
    expect(first.stdout).toContain("✖ 27 problems (8 errors, 11 warnings, 8 infos)");
    expect(JSON.parse(readFileSync(join(root, "raci-lint.sarif"), "utf8")).runs[0].results).toHaveLength(27);
    expect(readFileSync(join(root, "raci-lint-junit.xml"), "utf8")).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites/);
    expect(sh(lines[1]!, root).status).toBe(0);
    expect(JSON.parse(readFileSync(join(root, "raci-lint-baseline.json"), "utf8")).entries).toHaveLength(27);
    const again = sh(lines[2]!, root);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe("");
  });

  it("GitLab: the job's script writes the JUnit report it uploads", () => {
    const root = workspace();
    const job = parse(/\*\*GitLab CI\*\*[^\n]*\n\n```yaml\n([\s\S]*?)```/.exec(section)![1]!)["raci-lint"];
    const script = (job.script as string[])[0]!.replace("npx --yes raci-lint", "raci-lint");
    expect(sh(script, root).status).toBe(1);
    expect(existsSync(join(root, job.artifacts.reports.junit))).toBe(true);
  });

  it("pre-commit: the hook's entry lints the staged files it is given", () => {
    const root = workspace();
    const hook = (parse(readFileSync(join(REPO, ".pre-commit-hooks.yaml"), "utf8")) as { entry: string; files: string }[])[0]!;
    const staged = ["matrices/cloud-temple-s3.md", "matrices/cloud-temple-s3.yaml"].filter((f) => new RegExp(hook.files).test(f));
    expect(staged).toHaveLength(2);
    const run = sh(`${hook.entry} ${staged.join(" ")}`, root);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("matrices/cloud-temple-s3.yaml");
  });

  it("GitHub Action: the README's step writes SARIF and the job summary, and fails as raci-lint does", () => {
    const root = workspace();
    const step = parse(/\*\*GitHub Actions\.\*\*[\s\S]*?```yaml\n([\s\S]*?)```/.exec(section)![1]!.replace(/^ {6}/gm, ""))[0];
    expect(step.uses).toMatch(/^raci-lint\/raci-lint@/);
    const summary = join(root, "summary.md");
    const output = join(root, "github-output");
    writeFileSync(output, "");
    const inputs = Object.fromEntries(Object.entries<string>(step.with).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));
    // The action's entry as the runner runs it; the inputs the step does not set take their defaults.
    const run = spawnSync(process.execPath, [join(REPO, "dist/action.js")], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", ...inputs, GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output },
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("✖ 27 problems");
    expect(JSON.parse(readFileSync(join(root, "raci-lint.sarif"), "utf8")).version).toBe("2.1.0");
    expect(readFileSync(summary, "utf8")).toContain("27");
    expect(readFileSync(output, "utf8")).toBe("sarif-file=raci-lint.sarif\nexit-code=1\n");
  });
});
