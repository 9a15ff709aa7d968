/** What the HTML report tests share: reports made as the command makes them (matrices kept), and where a source position is on the page. */
import { RaciLint, type RaciLintOptions } from "../../src/api/raci-lint.js";
import type { LintResult } from "../../src/model/result.js";
import { CORPUS, REPO } from "../helpers.js";

/** An HTML report of `patterns` under `cwd`, with the results it was made from. */
export async function htmlReportOf(patterns: string[], cwd: string, options: RaciLintOptions = {}): Promise<{ html: string; results: LintResult[] }> {
  const linter = new RaciLint({ cwd, keep: "matrix", ...options });
  const results = await linter.lintFiles(patterns);
  const formatter = await linter.loadFormatter("html");
  return { html: formatter.format(results), results };
}

/** The seed's report, as `raci-lint matrices/cloud-temple-s3.md -f html` writes it. */
export const seedHtml = () => htmlReportOf(["matrices/cloud-temple-s3.md"], REPO);

/** A rule turned on at error level, as `--rule 'id: error'` does. */
export const ON = "error" as const;

/** The shared corpus' report, with the corpus-scope rule on so that compared cells show. */
export const corpusHtml = () => htmlReportOf(["."], CORPUS, { overrideConfig: { rules: { "consistent-across-files": ON } } });

/** The page id of the cell whose text starts at `line:column` of the `file`-th result (found from the matrix, independently of the formatter). */
export function cellIdAt(results: readonly LintResult[], file: number, line: number, column: number): string {
  const matrix = results[file]!.matrix!;
  for (const [a, activity] of matrix.activities.entries()) {
    for (const [p, cell] of activity.cells.entries()) {
      if (cell && cell.span.start.line === line && cell.span.start.column === column) return `f${file}-a${a}-p${p}`;
    }
  }
  throw new Error(`no cell starts at ${line}:${column} in ${results[file]!.path}`);
}

/** The page id of the activity whose row starts on `line` of the `file`-th result. */
export function rowIdAt(results: readonly LintResult[], file: number, line: number): string {
  const a = results[file]!.matrix!.activities.findIndex((activity) => activity.rowSpan.start.line === line);
  if (a < 0) throw new Error(`no activity on line ${line} of ${results[file]!.path}`);
  return `f${file}-a${a}`;
}
