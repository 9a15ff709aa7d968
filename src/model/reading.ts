/** What was read from a file, as `--explain` prints it and the JSON report's `read` carries it. */
import type { Matrix, MatrixFormat, PartyRole, ReadDecision } from "./matrix.js";

/** One table, list or YAML/JSON document of a file and what was made of it. */
export interface ReadPart {
  kind: ReadDecision["kind"];
  /** Its first and last lines. */
  line: number;
  endLine: number;
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
      ...(d.layout ? { layout: d.layout } : {}),
      ...(d.section !== undefined ? { section: d.section } : {}),
      ...(d.parties ? { parties: d.parties.map((name) => ({ name, role: roles.get(name) ?? null })) } : {}),
      ...(d.groups ? { groups: d.groups } : {}),
      ...(d.activities !== undefined ? { activities: d.activities } : {}),
      reason: d.reason,
    })),
  };
}

/** Why a file holds no matrix, in a few words (for the `no-matrix` finding). */
export function whyNoMatrix(matrix: Matrix): string {
  const ignored = matrix.decisions.filter((d) => d.kind === "ignored");
  const legends = matrix.decisions.filter((d) => d.kind === "legend").length;
  if (matrix.format !== "markdown") return ignored[0]?.reason ?? "it lists no activity";
  if (ignored.length === 0) return legends > 0 ? "it holds a legend but no table of role codes" : "it holds no table or role list";
  const first = ignored[0]!;
  const which = ignored.length === 1 ? `its table at line ${first.span.start.line} is not one` : `none of its ${ignored.length} tables is one (the first, at line ${first.span.start.line}`;
  return ignored.length === 1 ? `${which}: ${first.reason}` : `${which}: ${first.reason})`;
}
