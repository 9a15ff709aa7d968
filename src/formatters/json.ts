/** The `json` format: a fixed, documented shape (`schemas/report.schema.json`) that other tools read. */
import { FINDINGS_PER_CHUNK, joinChunks, nestedJson, type Formatter } from "./formatter.js";
import type { Finding } from "../model/finding.js";
import type { FileReport, Report } from "../model/result.js";

/** A finding as the report writes it (keys in a fixed order). */
function findingJson(f: Finding) {
  return {
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
  };
}

/**
 * One file's entry of `files`, in pieces of at most FINDINGS_PER_CHUNK findings, laid out exactly as
 * `JSON.stringify(report, null, 2)` lays it out (entries of `files` sit 4 spaces deep).
 */
function* fileEntry(file: FileReport, last: boolean): Generator<string> {
  let out = `    {\n      "path": ${JSON.stringify(file.path)},\n      "findings": `;
  if (file.findings.length === 0) out += "[]";
  else {
    out += "[";
    const findings = file.findings;
    for (let start = 0; start < findings.length; start += FINDINGS_PER_CHUNK) {
      const end = Math.min(findings.length, start + FINDINGS_PER_CHUNK);
      for (let i = start; i < end; i++) out += `${i === 0 ? "" : ","}\n        ${nestedJson(findingJson(findings[i]!), 8)}`;
      if (end < findings.length) {
        yield out;
        out = "";
      }
    }
    out += "\n      ]";
  }
  // `--fix-dry-run`: the file's text as it would be after fixing.
  if (file.output !== undefined) out += `,\n      "output": ${JSON.stringify(file.output)}`;
  // `--explain`: what was read.
  if (file.read) out += `,\n      "read": ${nestedJson(file.read, 6)}`;
  yield `${out}\n    }${last ? "" : ","}\n`;
}

/** The JSON report in pieces, file by file: joined, exactly `formatJson`'s text. */
export function* streamJson(report: Report): Generator<string> {
  const files = report.files;
  yield files.length === 0 ? '{\n  "files": [],\n' : '{\n  "files": [\n';
  for (let i = 0; i < files.length; i++) yield* fileEntry(files[i]!, i === files.length - 1);
  yield `${files.length === 0 ? "" : "  ],\n"}  "summary": ${nestedJson(report.summary, 2)}\n}\n`;
}

/** Formats a report as JSON (two-space indentation, keys in a fixed order, trailing newline). */
export function formatJson(report: Report): string {
  return joinChunks(streamJson(report));
}

/** The `json` format. */
export const formatter: Formatter = {
  description: "the report as JSON (schemas/report.schema.json), for other tools",
  format: (report) => formatJson(report),
  stream: (report) => streamJson(report),
};
