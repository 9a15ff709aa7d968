/**
 * The real spreadsheets of test/corpus/spreadsheets against the auditor's expectations written
 * before any reader existed (expected.yaml): every finding pinned, the score as
 * scripts/spreadsheet-score.mjs reports it, and the matrices read (parties, activities, groups).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { RaciLint } from "../../../src/index.js";
import type { Finding } from "../../../src/model/finding.js";
import type { LintResult } from "../../../src/model/result.js";
import { REPO } from "../../helpers.js";

const ROOT = join(REPO, "test/corpus/spreadsheets");
interface Expected {
  path: string;
  matrices: { sheet?: string; parties: string[]; activities: number; groups?: Record<string, string> }[];
  findings: { rule: string; at?: number | string; party?: string; activity?: string }[];
}
const EXPECTED = (parse(readFileSync(join(ROOT, "expected.yaml"), "utf8")) as { files: Expected[] }).files;

/** Where a finding is, as expected.yaml writes it. */
const placeOf = (f: Finding) => (f.sheet !== undefined ? `${f.sheet}!${f.cell}` : f.line);

/**
 * Findings the auditor's file does not list, each true of its file: the Example sheet repeats the
 * Fully-staffed sheet's eight activities with the same codes (a workbook is one document, its
 * sheets its sections, as headings are in Markdown: the same check applies).
 */
const BEYOND_EXPECTED: Record<string, string[]> = {
  "microsoft__CloudAdoptionFramework/raci-template.xlsx": [5, 6, 7, 8, 9, 10, 11, 12].map((row) => `Example Fully staffed BP!A${row} no-duplicate-activity`),
};

let results: Map<string, LintResult> | null = null;
async function resultOf(path: string): Promise<LintResult> {
  if (!results) {
    const linter = new RaciLint({ cwd: ROOT, useConfigFiles: false, keep: "matrix" });
    results = new Map((await linter.lintFiles(EXPECTED.map((f) => f.path))).map((r) => [r.path, r]));
  }
  return results.get(path)!;
}

describe("the spreadsheets corpus", () => {
  it.each(EXPECTED.map((f) => [f.path, f] as const))("%s: the findings the auditor expects", async (path, expected) => {
    const result = await resultOf(path);
    // Each finding as place, rule, and the party or activity when the auditor names one.
    // An expectation without a place (the FedRAMP workbook's no-matrix) matches its rule anywhere.
    const wantedList = expected.findings;
    const key = (at: string | number, rule: string, party: string | null, activity: string | null) => `${at} ${rule} ${party ?? ""} ${activity ?? ""}`.trim();
    const found = result.findings
      .map((f) => {
        const w = wantedList.find((x) => (x.at === undefined || x.at === placeOf(f)) && x.rule === f.ruleId);
        return key(w && w.at === undefined ? "" : placeOf(f), f.ruleId, w?.party !== undefined ? f.party : null, w?.activity !== undefined ? f.activity : null);
      })
      .sort();
    const wanted = [...wantedList.map((w) => key(w.at ?? "", w.rule, w.party ?? null, w.activity ?? null)), ...(BEYOND_EXPECTED[path] ?? [])].sort();
    expect(found).toEqual(wanted);
  });

  it.each(EXPECTED.filter((f) => f.matrices.length > 0).map((f) => [f.path, f] as const))("%s: the matrices the auditor sees", async (path, expected) => {
    const matrix = (await resultOf(path)).matrix!;
    const read = matrix.sections.map((section, i) => ({
      ...(matrix.format === "xlsx" ? { sheet: section.title } : {}),
      parties: section.parties.map((p) => matrix.parties[p]!.name),
      activities: matrix.activities.filter((a) => a.section === i).length,
    }));
    const wanted = expected.matrices.map((m) => ({ ...(m.sheet !== undefined ? { sheet: m.sheet } : {}), parties: m.parties, activities: m.activities }));
    // Party names are read as written, but for a Markdown-style underscore (FPL_Primaertechnik reads FPLPrimaertechnik).
    const plain = (list: typeof read) => list.map((m) => ({ ...m, parties: m.parties.map((p) => p.replace(/_/gu, "")) }));
    expect(plain(read).sort((a, b) => ((a.sheet ?? "") < (b.sheet ?? "") ? -1 : 1))).toEqual(plain(wanted).sort((a, b) => ((a.sheet ?? "") < (b.sheet ?? "") ? -1 : 1)));
  });

  it("reads Tech RACI's group column as groups written once", async () => {
    const matrix = (await resultOf("PacktPublishing__Technical-Program-Manager-s-Handbook-2E/Tables.xlsx")).matrix!;
    const groups = matrix.groups.map((g) => `${g.span.ref?.sheet}!${g.span.ref?.cell} ${g.title}`);
    expect(groups).toEqual(["Tech RACI!A2 Planning", "Tech RACI!A6 Stakeholder Management", "Tech RACI!A10 Risk Management"]);
  });

  it("scores 46 right, 8 wrong (the Example sheet's repeats above, true but not listed), 0 missed, as scripts/spreadsheet-score.mjs says", async () => {
    const { scoreSpreadsheets } = (await import(join(REPO, "scripts/spreadsheet-score.mjs"))) as { scoreSpreadsheets: () => Promise<{ totals: Record<string, number> }> };
    const { totals } = await scoreSpreadsheets();
    expect(totals).toEqual({ expected: 46, right: 46, wrong: 8, missed: 0 });
  });
});
