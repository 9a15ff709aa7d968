/** CI integrations (pre-commit hook, example pipelines) and the suppression docs' examples; the GitHub Action and installs: test/integrations/. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { builtInRules } from "../../src/engine/load-rules.js";
import { lintText } from "../../src/index.js";
import { applyBaseline, parseBaseline } from "../../src/suppress/baseline.js";
import { applyDirectives, parseDirectives } from "../../src/suppress/directives.js";
import { REPO, SEED } from "../helpers.js";

/** A step of a workflow, as far as these tests read it. */
interface Step {
  uses?: string;
  if?: string;
  run?: string;
  with?: Record<string, string>;
}

/** A YAML file of the repository, parsed (the shape each test reads it as). */
const load = <T>(path: string): T => parse(readFileSync(join(REPO, path), "utf8")) as T;

// action.yml and the action's entry: test/integrations/action.test.ts.

describe(".pre-commit-hooks.yaml", () => {
  const [hook, ...others] = load<{ description?: unknown; files: string }[]>(".pre-commit-hooks.yaml");

  it("declares the raci-lint hook for the pre-commit framework", () => {
    expect(others).toEqual([]);
    expect(hook).toMatchObject({ id: "raci-lint", name: "raci-lint", entry: "raci-lint", language: "node", pass_filenames: true });
    expect(typeof hook?.description).toBe("string");
  });

  it("matches the formats raci-lint reads only: Markdown, YAML, JSON, CSV and XLSX", () => {
    const files = new RegExp(hook!.files);
    for (const name of ["a.md", "docs/b.markdown", "m/c.yaml", "c.yml", "d.json", "e.csv", "m/f.xlsx"]) expect(files.test(name)).toBe(true);
    for (const name of ["a.txt", "b.ts", "c.mdx", "d.jsonc", "md", "g.xls", "h.csv.bak"]) expect(files.test(name)).toBe(false);
  });
});

describe("examples/github-workflow.yml", () => {
  const workflow = load<{ jobs: Record<string, { steps: Step[] }>; permissions: Record<string, string> }>("examples/github-workflow.yml");
  const jobs = Object.values(workflow.jobs);
  const steps = jobs[0]!.steps;

  it("checks out, runs the action (on the runner's Node: no setup-node) and uploads the SARIF even when linting failed", () => {
    expect(jobs).toHaveLength(1);
    expect(steps[0]?.uses).toMatch(/^actions\/checkout@/);
    expect(steps.some((s) => /setup-node/.test(s.uses ?? ""))).toBe(false);
    const lint = steps.find((s) => /raci-lint/.test(s.uses ?? ""));
    const upload = steps.find((s) => /^github\/codeql-action\/upload-sarif@/.test(s.uses ?? ""));
    expect(upload?.if).toMatch(/always\(\)/);
    expect(upload?.with?.sarif_file).toBe(lint?.with?.["sarif-file"]);
    expect(workflow.permissions["security-events"]).toBe("write");
  });
});

describe("examples/gitlab-ci.yml", () => {
  it("writes a JUnit report and uploads it as a report artifact, also when the job fails", () => {
    const job = load<Record<string, { script: string[]; artifacts: unknown }>>("examples/gitlab-ci.yml")["raci-lint"]!;
    expect(job.script.join("\n")).toContain("-f junit=raci-lint-junit.xml");
    expect(job.artifacts).toEqual({ when: "always", reports: { junit: "raci-lint-junit.xml" } });
  });
});

describe("docs/suppressions.md examples", () => {
  const doc = readFileSync(join(REPO, "docs/suppressions.md"), "utf8");
  const knownRules = new Set(builtInRules().rules.map((r) => r.id));

  it("suppress what they say, leaving nothing else and no unused directive", async () => {
    const examples = [...doc.matchAll(/```markdown\n([\s\S]*?)```/gu)].map((m) => m[1]!).filter((text) => text.includes("|"));
    expect(examples).toHaveLength(2);
    for (const text of examples) {
      const { findings } = await lintText(text, { filename: "example.md", inlineDirectives: false });
      const out = applyDirectives(findings, parseDirectives(text), { knownRules, reportUnused: true, file: "example.md" });
      expect(out.findings).toEqual([]);
      expect(out.suppressed).toHaveLength(1);
    }
  });

  it("show a baseline entry that is valid and matches the seed's finding", async () => {
    const json = /```json\n([\s\S]*?)```/u.exec(doc)![1]!;
    const read = parseBaseline(json, "docs/suppressions.md");
    if (!("baseline" in read)) throw new Error(read.error.message);
    const result = await lintText(readFileSync(SEED, "utf8"), { filename: "matrices/cloud-temple-s3.md" });
    const { results } = applyBaseline([result], read.baseline);
    expect(results[0]!.suppressed.map((f) => [f.ruleId, f.activity, f.suppression.justification])).toEqual([
      ["customer-involved", "Preserve and provide the logs of the S3 Object Storage platform", "The provider keeps these logs for its own audits."],
    ]);
  });
});

/** A matrix where the customer's code for "Manage incidents on the service" is `client`, for the corpus-scope tests below. */
const table = (client: string) =>
  `## Recurring Operations\n\n| Activity | Client Role | Cloud Temple Role |\n|---|---|---|\n| Manage incidents on the service | ${client} | RA |\n| Export data | RA | I |\n`;

describe("directives and corpus-scope findings", () => {
  it("a directive that suppresses only a consistent-across-files finding is used, not reported as unused", async () => {
    const { cli, project } = await import("../cli/harness.js");
    const root = project({
      "raci-lint.config.yaml": "rules:\n  consistent-across-files: warning\n",
      "a.md": `<!-- raci-lint-disable-file consistent-across-files -- checked with the publisher -->\n${table("I")}`,
      "b.md": table("C"),
    });
    const run = await cli(["-f", "json", "--report-unused-disable-directives", "a.md", "b.md"], root);
    const report = JSON.parse(run.stdout);
    expect(report.files.map((f: { path: string; findings: unknown[] }) => [f.path, f.findings.length])).toEqual([
      ["a.md", 0],
      ["b.md", 0],
    ]);
    expect(run.code).toBe(0);
    // In fix mode corpus-scope checks do not run: the directive is not judged.
    const fixed = await cli(["-f", "json", "--fix-dry-run", "--report-unused-disable-directives", "a.md", "b.md"], root);
    expect(JSON.parse(fixed.stdout).files.map((f: { path: string; findings: unknown[] }) => [f.path, f.findings.length])).toEqual([
      ["a.md", 0],
      ["b.md", 0],
    ]);
    // Without the other file there is nothing to suppress: then the directive is unused.
    const alone = await cli(["-f", "json", "--report-unused-disable-directives", "a.md"], root);
    expect(JSON.parse(alone.stdout).files[0].findings.map((f: { message: string }) => f.message)).toEqual([expect.stringContaining("Unused raci-lint-disable-file directive")]);
  });
});

describe("corpus-scope checks across configurations", () => {
  it("compare files whose configurations differ in other rules", async () => {
    const { cli, project } = await import("../cli/harness.js");
    const root = project({
      "raci-lint.config.yaml": 'rules:\n  consistent-across-files: warning\noverrides:\n  - files: ["network/**"]\n    rules:\n      code-order: error\n',
      "iaas/s3.md": table("I"),
      "network/vpc.md": table("C"),
    });
    const run = await cli(["-f", "json", "."], root);
    const report = JSON.parse(run.stdout);
    expect(report.files.flatMap((f: { path: string; findings: { ruleId: string; message: string }[] }) => f.findings.map((x) => `${f.path} ${x.ruleId} ${x.message}`))).toEqual([
      'iaas/s3.md consistent-across-files Activity "Manage incidents on the service" has 2 different assignments across 2 files: customer=I provider=RA (iaas/s3.md), customer=C provider=RA (network/vpc.md).',
    ]);
  });
});

describe("baselines and corpus-scope checks in fix mode", () => {
  it("--fix with --baseline-prune or --baseline-write keeps the entries of checks fix mode does not run", async () => {
    const { cli, project } = await import("../cli/harness.js");
    const root = project({ "raci-lint.config.yaml": "rules:\n  consistent-across-files: warning\n", "a.md": table("I"), "b.md": table("C") });
    await cli(["--baseline-write", "bl.json", "."], root);
    const ids = () => JSON.parse(readFileSync(join(root, "bl.json"), "utf8")).entries.map((e: { ruleId: string }) => e.ruleId);
    expect(ids()).toEqual(["consistent-across-files"]);
    const pruned = await cli(["--fix", "--baseline", "bl.json", "--baseline-prune", "."], root);
    expect(pruned.stderr).toBe("");
    expect(ids()).toEqual(["consistent-across-files"]);
    await cli(["--fix", "--baseline-write", "bl.json", "."], root);
    expect(ids()).toEqual(["consistent-across-files"]);
  });
});
