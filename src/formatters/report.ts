/** The report every formatter consumes: results per file and their counts. */
import type { Finding } from "../model/finding.js";

/** A finding that a directive (`inSource`: `<!-- raci-lint-disable... -->`) or a baseline entry (`external`) silenced. */
export type SuppressedFinding = Finding & {
  suppression: { kind: "inSource" | "external"; justification: string | null };
};

/** One file's findings, as formatters see them. */
export interface FileReport {
  path: string;
  findings: Finding[];
  /** Findings silenced by a directive or a baseline: not counted, but listed by formats that can say so (SARIF, JUnit). */
  suppressed?: SuppressedFinding[];
  /** The file's text (BOM removed) that fix ranges refer to; without it, SARIF output leaves fixes out. */
  source?: string;
  /** With `--fix-dry-run`: the file's text after fixing (BOM and line endings kept). */
  output?: string;
}

/** Counts over a whole report. */
export interface ReportSummary {
  files: number;
  filesWithFindings: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Findings that carry a safe fix. */
  fixable: number;
}

/** What a run produced. */
export interface Report {
  files: FileReport[];
  summary: ReportSummary;
}

/** Builds a report from per-file findings, counting as it goes. */
export function buildReport(files: FileReport[]): Report {
  const summary: ReportSummary = { files: files.length, filesWithFindings: 0, errors: 0, warnings: 0, infos: 0, fixable: 0 };
  for (const file of files) {
    if (file.findings.length > 0) summary.filesWithFindings++;
    for (const f of file.findings) {
      if (f.severity === "error") summary.errors++;
      else if (f.severity === "warning") summary.warnings++;
      else summary.infos++;
      if (f.fix) summary.fixable++;
    }
  }
  return { files, summary };
}
