/** What was read from a file, as `--explain` prints it and the JSON report's `read` carries it. */
import type { Matrix, MatrixFormat, PartyRole, ReadDecision } from "./matrix.js";
import { a1, type SourceSpan } from "./position.js";

/** One table, list or YAML/JSON document of a file and what was made of it. */
export interface ReadPart {
  kind: ReadDecision["kind"];
  /** Its first and last lines (in a workbook, rows of its sheet). */
  line: number;
  endLine: number;
  /** In a workbook: its sheet, and the range of cells it spans (`A1:C9`; the sheet's first cell for a hidden sheet). */
  sheet?: string;
  cells?: string;
  layout?: NonNullable<ReadDecision["layout"]>;
  section?: string;
  parties?: { name: string; role: PartyRole | null }[];
  groups?: string[];
  activities?: number;
  reason: string;
}

/** A file's reading: its format, the scheme and why, and each part in source order. */
export interface FileReading {
  format: MatrixFormat;
  scheme: string;
  schemeReason: string;
  /** Activities read in all. */
  activities: number;
  parts: ReadPart[];
  /** For a file whose path names it a translation: the file of the run it was paired with, or why none. */
  translationOf?: TranslationReading;
  /** The files of the run paired with this one as its translations. */
  translatedBy?: string[];
}

/** What the consistent-translations rule made of a file whose path names it a translation. */
export interface TranslationReading {
  /** The file of the run it translates, or null when none of the files its path names is linted. */
  source: string | null;
  /** The translation's language as its path names it; empty when a configured mapping has no `{locale}`. */
  locale: string;
  /** How the path names it a translation. */
  convention: "configuration" | "docusaurus" | "locale-suffix";
  /** Whether the rule compared it with `source`. */
  compared: boolean;
  /** Why it was not compared (when `compared` is false). */
  reason?: string;
}

/** The reading of a matrix, for people and tools. */
export function readingOf(matrix: Matrix): FileReading {
  const roles = new Map(matrix.parties.map((p) => [p.name, p.role]));
  return {
    format: matrix.format,
    scheme: matrix.scheme.name,
    schemeReason: matrix.schemeReason,
    activities: matrix.activities.length,
    parts: matrix.decisions.map((d) => ({
      kind: d.kind,
      line: d.span.start.line,
      endLine: d.span.end.line,
      ...sheetRange(d.span),
      ...(d.layout ? { layout: d.layout } : {}),
      ...(d.section !== undefined ? { section: d.section } : {}),
      ...(d.parties ? { parties: d.parties.map((name) => ({ name, role: roles.get(name) ?? null })) } : {}),
      ...(d.groups ? { groups: d.groups } : {}),
      ...(d.activities !== undefined ? { activities: d.activities } : {}),
      reason: d.reason,
    })),
  };
}

/**
 * A workbook part's sheet and range of cells: its span starts at its first cell (which `ref` names)
 * and ends past its last, rows as lines and column numbers as columns.
 */
function sheetRange(span: SourceSpan): { sheet?: string; cells?: string } {
  const sheet = span.ref?.sheet;
  if (sheet === undefined) return {};
  const first = a1(span.start.line, span.start.column);
  const last = a1(span.end.line, Math.max(span.start.column, span.end.column - 1));
  return { sheet, cells: first === last ? first : `${first}:${last}` };
}

/** Where a part is, for a sentence: `line 4` in a text, `Sheet!A2` in a workbook. */
function placeOf(decision: ReadDecision): string {
  const ref = decision.span.ref;
  return ref?.sheet !== undefined ? `${ref.sheet}!${ref.cell}` : `line ${decision.span.start.line}`;
}

/** Why a file holds no matrix, in a few words (for the `no-matrix` finding). */
export function whyNoMatrix(matrix: Matrix): string {
  const ignored = matrix.decisions.filter((d) => d.kind === "ignored");
  const legends = matrix.decisions.filter((d) => d.kind === "legend").length;
  if (matrix.format === "yaml" || matrix.format === "json") return ignored[0]?.reason ?? "it lists no activity";
  // A workbook's hidden sheets are not read: said apart from its tables.
  const hidden = ignored.filter((d) => d.hiddenSheet !== undefined).map((d) => d.hiddenSheet!);
  const tables = ignored.filter((d) => d.hiddenSheet === undefined);
  const unread = hidden.length === 0 ? "" : `; ${hidden.length === 1 ? "its hidden sheet" : "its hidden sheets"} ${hidden.join(", ")} ${hidden.length === 1 ? "is" : "are"} not read`;
  if (tables.length === 0) {
    const none = matrix.format === "markdown" ? "it holds no table or role list" : matrix.format === "xlsx" ? "its sheets hold no table" : "it holds no table";
    return `${legends > 0 ? "it holds a legend but no table of role codes" : none}${unread}`;
  }
  const first = tables[0]!;
  const which = tables.length === 1 ? `its table at ${placeOf(first)} is not one` : `none of its ${tables.length} tables is one (the first, at ${placeOf(first)}`;
  return tables.length === 1 ? `${which}: ${first.reason}${unread}` : `${which}: ${first.reason})${unread}`;
}
