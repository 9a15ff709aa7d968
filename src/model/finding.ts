/** The one result type every rule produces and every formatter consumes. */
import type { SourceSpan } from "./position.js";

/** How serious a finding is. */
export type Severity = "error" | "warning" | "info";

/** A text edit on the source: replace the UTF-16 offsets `[start, end)` (BOM excluded) with `text`. */
export interface TextEdit {
  range: [number, number];
  text: string;
}

/** A spreadsheet cell's new text, for a fix raci-lint does not apply itself (a workbook is never rewritten). */
export interface CellEdit {
  sheet: string;
  /** A1 reference. */
  cell: string;
  text: string;
}

/**
 * A fix offered, not applied by `--fix`: one that changes meaning (applied on request, `--fix
 * --unsafe-fixes`), or any fix of an XLSX workbook, which raci-lint never rewrites: its `fix` is
 * null and `cells` says what to write where.
 */
export interface Suggestion {
  /** What applying it does, e.g. `Give Client an I`. */
  message: string;
  fix: TextEdit | null;
  /** A workbook's fix: the cells to change and their new texts. */
  cells?: CellEdit[];
}

/** One problem found in one file. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The section (heading) the finding is in, when it concerns a table. */
  section: string | null;
  /** The activity text (formatting stripped), when it concerns an activity. */
  activity: string | null;
  /** The party (column) it concerns, when one. */
  party: string | null;
  /** A safe fix, when the rule offers one (applied by `--fix`). */
  fix: TextEdit | null;
  /** Unsafe fixes offered for the finding (applied only with `--unsafe-fixes`). */
  suggestions: Suggestion[];
  /** The sheet of an XLSX workbook the finding is in. */
  sheet?: string;
  /** The spreadsheet cell (A1) the finding points at, in an XLSX or CSV file. */
  cell?: string;
}

/** Builds the positional part of a finding from a span (with its spreadsheet cell, when it has one). */
export function positionOf(span: SourceSpan): Pick<Finding, "line" | "column" | "endLine" | "endColumn" | "sheet" | "cell"> {
  const position = { line: span.start.line, column: span.start.column, endLine: span.end.line, endColumn: span.end.column };
  const ref = span.ref;
  if (!ref) return position;
  return ref.sheet === undefined ? { ...position, cell: ref.cell } : { ...position, sheet: ref.sheet, cell: ref.cell };
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Sorts findings by file, line, column, rule id (then the rest, so output is always identical). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    // A workbook's sheets each count rows from 1.
    ((a.sheet ?? "") < (b.sheet ?? "") ? -1 : (a.sheet ?? "") > (b.sheet ?? "") ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0) ||
    // Findings at one place (cells read through one YAML alias) are told apart by what they are about.
    text(a.section, b.section) ||
    text(a.activity, b.activity) ||
    text(a.party, b.party)
  );
}

/** Compares two optional texts, null first. */
function text(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
