/** Generated documentation is in step with its sources (regenerate with `npm run docs`). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderConfigReference } from "../../src/config/reference.js";
import { FACTS } from "../../src/facts/catalog.js";
import { renderFactsReference } from "../../src/facts/reference.js";
import { REPO } from "../helpers.js";

describe("generated documentation", () => {
  it("docs/facts.md matches the facts catalogue", () => {
    expect(readFileSync(join(REPO, "docs/facts.md"), "utf8")).toBe(renderFactsReference());
  });

  it("the README's configuration reference matches schemas/config.schema.json", () => {
    const readme = readFileSync(join(REPO, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("<!-- config-reference:start -->\n") + 32, readme.indexOf("<!-- config-reference:end -->"));
    const schema = JSON.parse(readFileSync(join(REPO, "schemas/config.schema.json"), "utf8"));
    expect(section).toBe(renderConfigReference(schema));
    for (const key of Object.keys(schema.properties).filter((k) => k !== "$schema")) expect(section).toContain(`\`${key}\``);
  });

  it("every documented fact has a value on its scope's subjects, from inputs its scope declares", async () => {
    const { parseMatrix } = await import("../../src/index.js");
    const { CellSubject, CodeSubject, matrixSubjects, MatrixView } = await import("../../src/facts/subjects.js");
    const { FACT_DECLARATIONS, SCOPE_INPUTS } = await import("../../src/facts/catalog.js");
    const { factValue } = await import("../../src/facts/values.js");
    const { RACI } = await import("../../src/model/scheme.js");
    const matrix = parseMatrix(readFileSync(join(REPO, "matrices/cloud-temple-s3.md"), "utf8"), "seed.md");
    const view = new MatrixView(matrix, RACI);
    const subjects = matrixSubjects(view);
    const activity = subjects.activity[0]!;
    const cell = activity.activityRef.cells.find((c) => c !== null)!;
    const first = {
      ...subjects,
      cell: new CellSubject(view, activity.activityRef, cell),
      code: new CodeSubject(view, activity.activityRef, cell, 0),
    };
    for (const scope of ["cell", "code", "activity", "party", "legend-entry", "matrix"] as const) {
      const subject = Array.isArray(first[scope]) ? first[scope][0] : first[scope];
      expect(FACT_DECLARATIONS[scope].map((f) => f.name)).toEqual(FACTS[scope].map((f) => f.name));
      for (const fact of FACT_DECLARATIONS[scope]) {
        expect(factValue(fact, subject), `${scope}.${fact.name}`).not.toBeUndefined();
        for (const input of fact.uses) expect(Object.keys(SCOPE_INPUTS[scope]), `${scope}.${fact.name} uses ${input}`).toContain(input);
      }
    }
  });
});

describe("README", () => {
  it("shows what `npm start` really prints", async () => {
    const { spawnSync } = await import("node:child_process");
    // npm start runs the committed command (bundle/): a fresh clone has it before any build.
    const run = spawnSync(process.execPath, [join(REPO, "bundle/cli.js"), "matrices"], { cwd: REPO, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined } });
    expect(run.status).toBe(1);
    const blocks = run.stdout.trim().split("\n\n");
    const readme = readFileSync(join(REPO, "README.md"), "utf8");
    expect(readme).toContain("```text\n" + blocks.find((b) => b.startsWith("matrices/cloud-temple-s3.md"))! + "\n```");
    expect(readme).toContain("```text\n" + blocks.at(-1)! + "\n```");
    expect(readme.startsWith("# raci-lint\n\n```sh\nnpm ci && npm start")).toBe(true);
    expect(readme).toContain("\nnpm test ");
    expect(JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")).scripts.start).toBe("node bundle/cli.js matrices");
  });

  it("shows a configuration that works as written (copied into a project beside a matrix)", async () => {
    const { spawnSync } = await import("node:child_process");
    const { mkdtempSync, writeFileSync, copyFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const readme = readFileSync(join(REPO, "README.md"), "utf8");
    const example = /```yaml\n(# yaml-language-server: \$schema=node_modules\/raci-lint\/schemas\/config\.schema\.json\n[\s\S]*?)```/u.exec(readme)![1]!;
    const root = mkdtempSync(join(tmpdir(), "raci-readme-"));
    try {
      writeFileSync(join(root, "raci-lint.config.yaml"), example);
      copyFileSync(join(REPO, "matrices/cloud-temple-s3.md"), join(root, "m.md"));
      const run = spawnSync(process.execPath, [join(REPO, "bundle/cli.js"), "m.md", "-f", "json"], { cwd: root, encoding: "utf8" });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(1);
      // Its settings apply: code-order is an error (a warning by default).
      const report = JSON.parse(run.stdout) as { files: { findings: { ruleId: string; severity: string }[] }[] };
      const codeOrder = report.files[0]!.findings.filter((f) => f.ruleId === "code-order");
      expect(codeOrder.map((f) => f.severity)).toEqual(["error", "error"]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
