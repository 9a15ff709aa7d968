/** The `json` format: a fixed, documented shape (`schemas/report.schema.json`) that other tools read. */
import type { Formatter } from "./formatter.js";
import type { Report } from "../model/result.js";

/** Formats a report as JSON (two-space indentation, keys in a fixed order, trailing newline). */
export function formatJson(report: Report): string {
  const files = report.files.map((file) => ({
    path: file.path,
    findings: file.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      // A spreadsheet's cell: the sheet (XLSX) and A1 reference (XLSX, CSV).
      ...(f.sheet !== undefined ? { sheet: f.sheet } : {}),
      ...(f.cell !== undefined ? { cell: f.cell } : {}),
      section: f.section,
      activity: f.activity,
      party: f.party,
      fix: f.fix,
      suggestions: f.suggestions,
    })),
    // `--fix-dry-run`: the file's text as it would be after fixing.
    ...(file.output !== undefined ? { output: file.output } : {}),
    // `--explain`: what was read.
    ...(file.read ? { read: file.read } : {}),
  }));
  return `${JSON.stringify({ files, summary: report.summary }, null, 2)}\n`;
}

/** The `json` format. */
export const formatter: Formatter = {
  description: "the report as JSON (schemas/report.schema.json), for other tools",
  format: (report) => formatJson(report),
};
