/**
 * The bench's memo-defeating corpus (bench/generate-distinct.mjs: 1,000 pages of 6-9 parties, every
 * code style, 1% planted defects), made in memory: every planted defect is reported by its rule on its
 * line, and nothing else is. The bench checks the same on its files; here a change to a rule or a
 * reader that loses a planted defect fails the suite, not only the next bench run.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RaciLint } from "../../src/index.js";
// @ts-expect-error -- plain JavaScript without declarations
import { distinctParams, renderPage } from "../../bench/generate-distinct.mjs";

interface Planted {
  line: number;
  ruleId: string;
}
type Render = (seed: number, index: number, rows: number) => { text: string; planted: Planted[] };

const root = mkdtempSync(join(tmpdir(), "raci-planted-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("planted defects (bench corpus B, in memory)", () => {
  it("are each reported by their rule on their line, and nothing else is", async () => {
    const params = distinctParams({}) as { seed: number; files: number; rowsPerFile: number };
    const expected: string[] = [];
    mkdirSync(join(root, "pages"));
    for (let index = 0; index < params.files; index++) {
      const page = (renderPage as Render)(params.seed, index, params.rowsPerFile);
      const name = `pages/${String(index).padStart(4, "0")}.md`;
      writeFileSync(join(root, name), page.text);
      for (const p of page.planted) expected.push(`${name}:${p.line} ${p.ruleId}`);
    }
    const results = await new RaciLint({ cwd: root, useConfigFiles: false }).lintFiles(["pages"]);
    const found = results.flatMap((r) => r.findings.map((f) => `${r.path}:${f.line} ${f.ruleId}`));
    expect(expected.length).toBe(500);
    expect(found.sort()).toEqual(expected.sort());
  });
});
