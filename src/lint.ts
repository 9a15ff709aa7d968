/**
 * The linting pipeline: source text -> reader -> matrix -> subjects (facts) -> checks -> findings.
 * Pure apart from `lintFiles`, which reads the files it is given.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { corpusSubjects } from "./facts/corpus.js";
import { matrixSubjects, type MatrixSubjects, type Subject } from "./facts/subjects.js";
import type { Scope } from "./facts/catalog.js";
import { CheckRunner, type Hit } from "./engine/evaluate.js";
import type { ActiveRule } from "./engine/rule.js";
import { FIX_PRODUCERS } from "./fixes/producers.js";
import { compareFindings, positionOf, type Finding, type Severity } from "./model/finding.js";
import type { Matrix } from "./model/matrix.js";
import { RACI, type RoleScheme } from "./model/scheme.js";
import { readMarkdown } from "./readers/markdown/reader.js";
import { readStructured } from "./readers/structured.js";

/** The result of linting one file. */
export interface LintResult {
  /** The file's path as reported (relative to the working directory, `/`-separated). */
  path: string;
  findings: Finding[];
  /** The matrix read from the file (absent when the file could not be read). */
  matrix: Matrix | null;
}

/** What a lint run needs to know: the rules to run and the role scheme. */
export interface LintSetup {
  rules: readonly ActiveRule[];
  scheme: RoleScheme;
}

/** The formats raci-lint reads, by file extension. */
export const MATRIX_EXTENSIONS: Record<string, Matrix["format"]> = {
  ".md": "markdown",
  ".markdown": "markdown",
  ".yaml": "yaml",
  ".yml": "yaml",
  ".json": "json",
};

/** The format of a file name (Markdown when the extension is unknown, e.g. stdin without a name). */
export function formatOf(filename: string): Matrix["format"] {
  return MATRIX_EXTENSIONS[extname(filename).toLowerCase()] ?? "markdown";
}

/** Reads a document of any supported format into a matrix. Never throws on bad input. */
export function parseMatrix(text: string, filename: string, scheme: RoleScheme = RACI): Matrix {
  const format = formatOf(filename);
  if (format === "markdown") return readMarkdown(filename, text, { scheme });
  return readStructured(filename, text, format, { scheme });
}

const SCOPE_ORDER: Exclude<Scope, "corpus">[] = ["cell", "code", "activity", "party", "legend-entry", "matrix"];

/** Renders a message template with the subject's facts. */
function renderMessage(template: string, facts: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g, (_, name: string) => {
    const value = facts[name];
    if (Array.isArray(value)) return value.join(", ");
    if (value === null || value === undefined) return "";
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  });
}

/** Turns a hit into a finding. */
function toFinding(hit: Hit, scheme: RoleScheme): Finding {
  const { subject, active, check } = hit;
  const severity: Severity = active.severity ?? check.severity ?? active.rule.severity;
  const span = (check.at && subject.anchors[check.at]) || subject.span;
  let party = subject.party;
  if (check.party === "customer") party = (subject.facts.customer as string | undefined) ?? party;
  const producer = check.fix ? FIX_PRODUCERS[check.fix] : undefined;
  const fix = producer && active.rule.fixable === "safe" ? producer(subject, scheme) : null;
  return {
    ruleId: active.rule.id,
    severity,
    message: renderMessage(check.message, subject.facts),
    file: subject.file,
    ...positionOf(span),
    section: subject.section,
    activity: subject.activity,
    party,
    fix,
  };
}

/** The findings for problems met while reading a matrix. */
function readProblems(matrix: Matrix): Finding[] {
  return matrix.problems.map((p) => ({
    ruleId: p.ruleId,
    severity: "error" as const,
    message: p.message,
    file: matrix.file,
    ...positionOf(p.span),
    section: null,
    activity: null,
    party: null,
    fix: null,
  }));
}

/** Lints matrices together (corpus-scope checks look across them); findings are grouped by file, sorted. */
export async function lintMatrices(matrices: readonly Matrix[], setup: LintSetup): Promise<Map<string, Finding[]>> {
  const runner = new CheckRunner(setup.rules);
  const byFile = new Map<string, Finding[]>(matrices.map((m) => [m.file, readProblems(m)]));
  const perScope = new Map<Scope, Subject[]>();
  for (const matrix of matrices) {
    const subjects: MatrixSubjects = matrixSubjects(matrix, { scheme: setup.scheme });
    for (const scope of SCOPE_ORDER) {
      if (!runner.has(scope)) continue;
      const list = perScope.get(scope) ?? [];
      for (const s of subjects[scope]) list.push(s);
      perScope.set(scope, list);
    }
  }
  if (runner.has("corpus")) perScope.set("corpus", corpusSubjects(matrices, setup.scheme));
  for (const [scope, subjects] of perScope) {
    for (const hit of await runner.run(scope, subjects)) {
      const finding = toFinding(hit, setup.scheme);
      const list = byFile.get(finding.file);
      if (list) list.push(finding);
    }
  }
  for (const list of byFile.values()) list.sort(compareFindings);
  return byFile;
}

/** A finding for a file that could not be read at all. */
export function unreadableFinding(file: string, error: unknown): Finding {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return {
    ruleId: "parse-error",
    severity: "error",
    message: `Cannot read file: ${reason}`,
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    section: null,
    activity: null,
    party: null,
    fix: null,
  };
}

/**
 * Whether a YAML/JSON text is a matrix (has top-level `sections` or `parties`). Data files met while
 * walking a directory (package.json, site configs) are not matrices and are skipped; files named
 * explicitly are always linted.
 */
export function looksLikeMatrixData(text: string): boolean {
  return /(?:^|[{,\s])["']?(?:sections|parties)["']?\s*:/mu.test(text);
}

/** A file to lint: where to read it, how to name it, and whether the user named it explicitly. */
export interface LintInput {
  path: string;
  display: string;
  explicit?: boolean;
}

/**
 * Reads and lints files (paths already expanded), in the order given. Unreadable files get a finding;
 * YAML/JSON files found in a directory that are not matrices are left out.
 */
export async function lintPaths(inputs: readonly LintInput[], setup: LintSetup): Promise<LintResult[]> {
  const read = await Promise.all(
    inputs.map(async ({ path }) => {
      try {
        return { text: await readFile(path, "utf8"), error: null };
      } catch (error) {
        return { text: null, error };
      }
    }),
  );
  const kept = inputs
    .map((input, i) => ({ input, ...read[i]! }))
    .filter(({ input, text }) => input.explicit !== false || text === null || formatOf(input.path) === "markdown" || looksLikeMatrixData(text));
  const matrices: Matrix[] = [];
  const results: LintResult[] = kept.map(({ input: { display }, text, error }) => {
    if (text === null) return { path: display, findings: [unreadableFinding(display, error)], matrix: null };
    const matrix = parseMatrix(text, display, setup.scheme);
    matrices.push(matrix);
    return { path: display, findings: [], matrix };
  });
  const byFile = await lintMatrices(matrices, setup);
  for (const result of results) {
    if (result.matrix) result.findings = byFile.get(result.path) ?? [];
  }
  return results;
}
