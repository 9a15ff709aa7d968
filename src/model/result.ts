/** What linting produces per file, and the report every formatter consumes. */
import type { Finding } from "./finding.js";
import type { Matrix } from "./matrix.js";
import type { FileReading } from "./reading.js";

export type { FileReading, ReadPart } from "./reading.js";

/** A finding that a directive (`inSource`: `<!-- raci-lint-disable... -->`) or a baseline entry (`external`) silenced. */
export type SuppressedFinding = Finding & {
  suppression: { kind: "inSource" | "external"; justification: string | null };
};

/** The result of linting one file. */
export interface LintResult {
  /** The file's path as reported (relative to the working directory, `/`-separated). */
  path: string;
  findings: Finding[];
  /** Findings an inline directive or a baseline suppressed; reported as such, never lost. */
  suppressed?: SuppressedFinding[];
  /** The file's text (BOM removed), when kept for formats that quote it (SARIF fixes). */
  source?: string | null;
  /** The matrix read from the file (null when it could not be read, or when not asked to keep it). */
  matrix: Matrix | null;
  /** With a fix run: the file's text after fixing (BOM and line endings kept). */
  output?: string;
  /** With a fix run: the file's text as read (BOM kept). */
  input?: string;
  /** With a fix run: fixes not applied because the document would no longer read the same. */
  refusedFixes?: RefusedFix[];
  /** With a fix run: why the file was not fixed at all (it is not UTF-8 text), if so. */
  notFixed?: string;
  /** With `explain`: what was made of each table, list or document of the file, and why. */
  read?: FileReading;
  /** The file was read and no matrix found in it. */
  withoutMatrix?: true;
}

/** A fix that was not applied because the document would no longer read the same. */
export interface RefusedFix {
  ruleId: string;
  /** Where the finding was, in the text as it was when the fix was tried. */
  line: number;
  column: number;
  message: string;
  reason: string;
}

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
  /** With `--fix-dry-run`: the file's text as read (BOM kept), for the `diff` format. */
  input?: string;
  /** The matrix read from the file, for formats that show it (`html`); present when the run kept it. */
  matrix?: Matrix;
  /** With `--explain`: what was read (the `json` format carries it). */
  read?: FileReading;
  /** The file was read and no matrix found in it. */
  withoutMatrix?: true;
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
  /** Files read in which no matrix was found (present when there are any). */
  filesWithoutMatrix?: number;
}

/** What a run produced. */
export interface Report {
  files: FileReport[];
  summary: ReportSummary;
}

/** Builds a report from per-file findings, counting as it goes. */
export function buildReport(files: FileReport[]): Report {
  const summary: ReportSummary = { files: files.length, filesWithFindings: 0, errors: 0, warnings: 0, infos: 0, fixable: 0 };
  let withoutMatrix = 0;
  for (const file of files) {
    if (file.withoutMatrix) withoutMatrix++;
    if (file.findings.length > 0) summary.filesWithFindings++;
    for (const f of file.findings) {
      if (f.severity === "error") summary.errors++;
      else if (f.severity === "warning") summary.warnings++;
      else summary.infos++;
      if (f.fix) summary.fixable++;
    }
  }
  if (withoutMatrix > 0) summary.filesWithoutMatrix = withoutMatrix;
  return { files, summary };
}
