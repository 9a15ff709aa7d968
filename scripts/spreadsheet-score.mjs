// Scores raci-lint's findings on the real spreadsheets (test/corpus/spreadsheets/expected.yaml,
// written before any reader existed): right, wrong, missed, per file and in all.
// `node scripts/spreadsheet-score.mjs [--verbose]` after `npm run compile`; the test pins the same numbers.
// A finding matches an expectation of the same rule at the same place: the line a CSV row starts
// on, or `Sheet!A1` in a workbook; party and activity must agree when both say one.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { RaciLint } from "../dist/index.js";
import { matchFindings } from "./match-findings.mjs";

const root = fileURLToPath(new URL("../test/corpus/spreadsheets/", import.meta.url));
const expected = parse(readFileSync(join(root, "expected.yaml"), "utf8"));

/** Where a finding is, as expected.yaml says it. */
function placeOf(finding) {
  return finding.sheet !== undefined ? `${finding.sheet}!${finding.cell}` : finding.line;
}

/** Lints every file of the corpus as the command would (built-in defaults) and scores it. */
export async function scoreSpreadsheets() {
  const linter = new RaciLint({ cwd: root, useConfigFiles: false });
  const results = await linter.lintFiles(expected.files.map((f) => f.path));
  const byPath = new Map(results.map((r) => [r.path, r]));
  const files = [];
  for (const file of expected.files) {
    const found = byPath.get(file.path)?.findings ?? [];
    const { right, wrong, missed } = matchFindings(found, file.findings, (w, f) => w.at === undefined || w.at === placeOf(f));
    files.push({ file: file.path, right, wrong, missed });
  }
  const sum = (k) => files.reduce((n, f) => n + f[k].length, 0);
  return { files, totals: { expected: expected.files.reduce((n, f) => n + (f.findings ?? []).length, 0), right: sum("right"), wrong: sum("wrong"), missed: sum("missed") } };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files, totals } = await scoreSpreadsheets();
  for (const f of files) {
    console.log(`${f.file}: right ${f.right.length}, wrong ${f.wrong.length}, missed ${f.missed.length}`);
    if (process.argv.includes("--verbose")) {
      for (const w of f.wrong) console.log(`   wrong  ${placeOf(w)} ${w.ruleId} ${w.party ?? ""} ${w.message.slice(0, 110)}`);
      for (const m of f.missed) console.log(`   missed ${m.at ?? ""} ${m.rule} ${m.party ?? m.activity ?? ""} ${(m.note ?? "").slice(0, 90)}`);
    }
  }
  const pct = totals.right + totals.wrong === 0 ? 100 : (100 * totals.right) / (totals.right + totals.wrong);
  console.log(`\nexpected ${totals.expected}, found ${totals.right + totals.wrong}: right ${totals.right} (${pct.toFixed(1)}%), wrong ${totals.wrong}, missed ${totals.missed}`);
}
