/**
 * The wild corpus (test/corpus/wild/: RACI files from public repositories, with the findings an
 * auditor wrote down before any run) scored as `scripts/wild-score.mjs` prints it: findings right,
 * wrong and missed, and matrices left unread. The numbers are pinned: a change that moves one says so.
 */
import { describe, expect, it } from "vitest";
import { RaciLint } from "../../src/index.js";
// @ts-expect-error -- a plain script shared with the command line; its result is typed below.
import { scoreWild } from "../../scripts/wild-score.mjs";

interface Scored {
  files: { file: string; right: unknown[]; wrong: { line: number; ruleId: string }[]; missed: { line: number; rule: string }[]; unread: number[] }[];
  totals: { expected: number; right: number; wrong: number; missed: number; matrices: number; unread: number };
}

describe("wild corpus", () => {
  it("at least 95% of the findings are right and no matrix is left unread (pinned: 190 right, 0 wrong, 1 missed of 191)", async () => {
    const { files, totals } = (await scoreWild(RaciLint)) as Scored;
    expect(totals).toEqual({ expected: 191, right: 190, wrong: 0, missed: 1, matrices: 30, unread: 0 });
    expect(totals.right / (totals.right + totals.wrong)).toBeGreaterThanOrEqual(0.95);
    // The one miss: a legend written in German prose that redefines a letter (see expected.yaml's note).
    const missed = files.flatMap((f) => f.missed.map((m) => `${f.file}:${m.line} ${m.rule}`));
    expect(missed).toEqual(["HorizonNet__cloud-adoption-framework.de-de/raci-alignment.md:34 legend-consistent"]);
  });

  it("held-out batch (test/corpus/wild2/, expectations written before any run): pinned at 31 right, 0 wrong, 0 missed of 31", async () => {
    // The first run gave 31 right, 15 wrong (a role list read as a matrix; customer-involved on a project team's Client): first-run.md.
    const { totals } = (await scoreWild(RaciLint, "wild2")) as Scored;
    expect(totals).toEqual({ expected: 31, right: 31, wrong: 0, missed: 0, matrices: 11, unread: 0 });
  });

  it("third held-out batch (test/corpus/wild3/: a workbook, Japanese, Portuguese and Italian pages, a CSV): pinned at 190 right, 15 wrong, 84 missed", async () => {
    // First run: 91 right, 261 wrong, 183 missed, 11 of 20 matrices unread (first-run.md). What is left is debatable and kept:
    // "Responsabiliza" (a verb form) is reported as no role word; the workbook's blank template sheet is left alone, not 83 empty activities.
    const { files, totals } = (await scoreWild(RaciLint, "wild3")) as Scored;
    expect(totals).toEqual({ expected: 274, right: 190, wrong: 15, missed: 84, matrices: 20, unread: 1 });
    expect(new Set(files.flatMap((f) => f.wrong.map((w) => `${f.file} ${w.ruleId}`)))).toEqual(new Set(["cmendon__cloud-adoption-framework.pt-br/raci-alignment.md valid-codes"]));
    expect(new Set(files.flatMap((f) => f.missed.map((m) => `${f.file} ${m.rule}`)))).toEqual(
      new Set(["jkstant__AzureRACIToolkit/Azure RACI Template.xlsx no-empty-activity", "jkstant__AzureRACIToolkit/Azure RACI Template.xlsx no-duplicate-activity"]),
    );
  });
});
