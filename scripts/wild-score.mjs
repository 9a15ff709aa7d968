// Scores raci-lint's findings on a wild corpus against the auditor's expectations
// (test/corpus/<corpus>/expected.yaml): right, wrong, missed, and matrices left unread.
// `node scripts/wild-score.mjs [wild|wild2|wild3] [--verbose]` after `npm run compile`; the tests pin the same numbers.
// wild: the corpus the reader was tuned on; wild2, wild3: held-out batches, expectations written before any run.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { matchFindings } from "./match-findings.mjs";

/**
 * Lints every file of the corpus as the command would (built-in defaults) and scores it. `RaciLint`:
 * the façade to use (the test passes the sources'; run as a script, the built one); `corpus`: the folder under test/corpus.
 */
export async function scoreWild(RaciLint, corpus = "wild") {
  RaciLint ??= (await import("../dist/index.js")).RaciLint;
  const root = fileURLToPath(new URL(`../test/corpus/${corpus}/`, import.meta.url));
  const expected = parse(readFileSync(join(root, "expected.yaml"), "utf8"));
  const linter = new RaciLint({ cwd: root, useConfigFiles: false, keep: "matrix" });
  const results = await linter.lintFiles(expected.files.map((f) => f.file));
  const byPath = new Map(results.map((r) => [r.path, r]));
  const files = [];
  for (const file of expected.files) {
    const result = byPath.get(file.file);
    const found = (result?.findings ?? []).filter((f) => f.severity !== "info" || f.ruleId !== "no-matrix");
    const { right, wrong, missed } = matchFindings(found, file.findings, (w, f) => w.line === f.line);
    // A matrix is read when some activity of the file sits at or below its header line and above the next matrix's.
    const matrix = result?.matrix ?? null;
    const starts = (file.matrices ?? []).map((m) => m.header_line);
    const unread = starts.filter((line, i) => {
      const end = starts[i + 1] ?? Infinity;
      return !(matrix?.activities ?? []).some((a) => a.span.start.line >= line && a.span.start.line < end);
    });
    files.push({ file: file.file, right, wrong, missed, unread, matrices: starts.length });
  }
  const sum = (k) => files.reduce((n, f) => n + (Array.isArray(f[k]) ? f[k].length : f[k]), 0);
  return {
    files,
    totals: {
      expected: expected.files.reduce((n, f) => n + (f.findings ?? []).length, 0),
      right: sum("right"),
      wrong: sum("wrong"),
      missed: sum("missed"),
      matrices: sum("matrices"),
      unread: sum("unread"),
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files, totals } = await scoreWild(undefined, process.argv.slice(2).find((a) => !a.startsWith("--")) ?? "wild");
  for (const f of files) {
    console.log(`${f.file}: right ${f.right.length}, wrong ${f.wrong.length}, missed ${f.missed.length}, unread ${f.unread.join(",") || "-"}`);
    if (process.argv.includes("--verbose")) {
      for (const w of f.wrong) console.log(`   wrong  ${w.line}:${w.column} ${w.ruleId} ${w.party ?? ""} ${w.message.slice(0, 110)}`);
      for (const m of f.missed) console.log(`   missed ${m.line} ${m.rule} ${m.party ?? m.activity ?? ""} ${(m.note ?? "").slice(0, 90)}`);
    }
  }
  const pct = totals.right + totals.wrong === 0 ? 100 : (100 * totals.right) / (totals.right + totals.wrong);
  console.log(
    `\nexpected ${totals.expected}, found ${totals.right + totals.wrong}: right ${totals.right} (${pct.toFixed(1)}%), wrong ${totals.wrong}, missed ${totals.missed}; matrices ${totals.matrices}, unread ${totals.unread}`,
  );
}
