/**
 * raci-lint as a library: read matrices, lint text or files, format reports.
 *
 * ```ts
 * import { RaciLint } from "raci-lint";
 * const linter = new RaciLint({ cwd: process.cwd() });
 * const results = await linter.lintFiles(["docs/"]);
 * console.log((await linter.loadFormatter("stylish")).format(results));
 * ```
 */
import { RaciLint, type RaciLintOptions } from "./api/raci-lint.js";
import type { ActiveRule } from "./model/rule.js";
import type { Matrix, MatrixFormat, PartyAliases } from "./model/matrix.js";
import type { LintResult } from "./model/result.js";
import { RACI, type RoleScheme } from "./model/scheme.js";
import { readDocument, readWorkbook } from "./readers/index.js";
import { RunMemo } from "./engine/memo.js";

export type {
  Activity,
  Cell,
  CellReading,
  CellStyle,
  CodeToken,
  Group,
  Legend,
  LegendEntry,
  Matrix,
  MatrixFormat,
  Party,
  PartyAliases,
  PartyRole,
  ReadProblem,
  RoleCode,
  Section,
  TokenKind,
} from "./model/matrix.js";
export type { CellEdit, Finding, Severity, Suggestion, TextEdit } from "./model/finding.js";
export type { CellRef, SourcePoint, SourceSpan } from "./model/position.js";
export type { RoleScheme, SchemeCode } from "./model/scheme.js";
export type { ActiveRule, RuleCheck, RuleDefinition, Scope } from "./model/rule.js";
export type { FileReport, LintResult, RefusedFix, Report, ReportSummary, SuppressedFinding } from "./model/result.js";
export type { FormatContext } from "./formatters/context.js";
export type { Formatter, FormatName } from "./formatters/index.js";
export type { StylishOptions } from "./formatters/stylish.js";
export type { MarkdownOptions } from "./formatters/markdown.js";
export type { LintSetup } from "./lint/linter.js";
export type { TranslationMapping, TranslationPair } from "./model/translation-pairs.js";
export { translationPairs } from "./model/translation-pairs.js";
export { RaciLint, ConfigError, NoFilesError, type RaciLintOptions, type RuleStats } from "./api/raci-lint.js";
export { contentOf, type MatrixContent } from "./writers/content.js";
export { writeMarkdown } from "./writers/markdown.js";
export { writeCsv } from "./writers/csv.js";
export { matrixData, writeJson, writeYaml } from "./writers/structured.js";
export { writeXlsx, type XlsxOptions } from "./writers/xlsx.js";
export { VERSION } from "./api/version.js";
export { RACI } from "./model/scheme.js";
export { FACTS, SCOPES, type FactDoc } from "./facts/catalog.js";
export { builtInRules, loadRuleFile, parseRuleText } from "./engine/load-rules.js";
export { defaultOptions, presetRules, recommendedRules } from "./config/presets.js";
export { ConfigResolver, type ResolvedConfig, type ResolverOptions } from "./config/resolve.js";
export { SCHEMES, schemeFrom, type SchemeSetting } from "./config/schemes.js";
export { parseDirectives, applyDirectives, type Directive } from "./suppress/directives.js";
export { applyBaseline, baselineFromFindings, pruneBaseline, readBaseline, writeBaseline, type Baseline, type BaselineEntry } from "./suppress/baseline.js";
export { buildReport } from "./model/result.js";
export { FORMAT_NAMES, loadFormatter } from "./formatters/index.js";
export { formatJson } from "./formatters/json.js";
export { formatStylish } from "./formatters/stylish.js";
export { formatContext, INFORMATION_URI } from "./formatters/context.js";
export { formatSarif } from "./formatters/sarif.js";
export { formatJunit } from "./formatters/junit.js";
export { formatGithub } from "./formatters/github.js";
export { formatMarkdown } from "./formatters/markdown.js";
export { formatHtml } from "./formatters/html.js";
export { unifiedDiff, unifiedDiffs } from "./formatters/diff.js";
export { listRules, listRulesJson } from "./formatters/list-rules.js";
export type { FixOptions, FixResult } from "./fix/fixer.js";
export { fixText, MAX_FIX_PASSES } from "./fix/fixer.js";
export { applyEdits, type AppliedEdits } from "./fix/apply.js";
export { FixWriteError, writeFileAtomic } from "./fix/write.js";

/** Options of `lintText` and `lintFiles`. */
export interface LintOptions {
  /** Rules to run (default: `raci-lint:recommended`). */
  rules?: readonly ActiveRule[];
  /** Role scheme: a scheme object, or the name of a built-in one (`RACI`, the default, `RASCI`, `RACI-VS`, `CAIRO`). */
  scheme?: RoleScheme | string;
  /** Apply inline `<!-- raci-lint-disable ... -->` directives (default true). */
  inlineDirectives?: boolean;
  /** Report directives that suppressed nothing (default false). */
  reportUnusedDirectives?: boolean;
}

/**
 * Reads a document of any supported text format (Markdown, YAML, JSON, CSV) into a matrix. Never
 * throws on bad text: what cannot be read becomes the matrix' `problems`. (Arguments of the wrong
 * type are a TypeError.) An XLSX workbook is bytes: `parseWorkbook` reads it.
 */
export function parseMatrix(text: string, filename: string, scheme: RoleScheme = RACI, parties: PartyAliases | null = null, format?: MatrixFormat): Matrix {
  if (typeof text !== "string") throw new TypeError(`parseMatrix: text must be a string, not ${text === null ? "null" : typeof text}`);
  if (typeof filename !== "string") throw new TypeError("parseMatrix: filename must be a string (it picks the format and names the findings)");
  return readDocument(text, filename, { scheme, parties }, format);
}

/**
 * Reads an XLSX workbook's bytes into a matrix: `parseMatrix` for workbooks, asynchronous as
 * exceljs is. Never rejects on a bad file (not a zip, encrypted, a zip bomb: the matrix'
 * `problems` say so). Its spans have the row as line and the column number as column, and name
 * their cell (`span.ref`: sheet and A1 reference).
 */
export async function parseWorkbook(bytes: Uint8Array, filename: string, scheme: RoleScheme = RACI, parties: PartyAliases | null = null): Promise<Matrix> {
  if (!(bytes instanceof Uint8Array)) throw new TypeError("parseWorkbook: bytes must be a Uint8Array (a Buffer) holding the workbook");
  if (typeof filename !== "string") throw new TypeError("parseWorkbook: filename must be a string (it names the findings)");
  // A workbook's cells are read several times (to find its tables, then to read them) and repeat
  // their texts: a run's memo reads each text once, as when linting (half the time of 10,000 activities).
  return readWorkbook(bytes, filename, { scheme, parties, readCell: new RunMemo().readCell });
}

/** Façade options for an explicit setup (no configuration files). */
function explicitOptions(options: LintOptions): RaciLintOptions {
  if (options.rules !== undefined && !Array.isArray(options.rules)) {
    throw new TypeError(
      'rules must be a list of active rules (recommendedRules(), or rules you loaded); for settings such as { "code-order": "error" }, use new RaciLint({ overrideConfig: { rules } })',
    );
  }
  return {
    useConfigFiles: false,
    ...(options.rules !== undefined ? { rules: options.rules } : {}),
    ...(options.scheme !== undefined ? { scheme: options.scheme } : {}),
    inlineDirectives: options.inlineDirectives ?? true,
    reportUnusedDisableDirectives: options.reportUnusedDirectives ?? false,
  };
}

/**
 * Lints one document given as text with the options given (configuration files are not read; use
 * `RaciLint#lintText` for that). `filename` (or `filePath`) decides the format (`.md`, `.yaml`, `.json`) and names findings.
 */
export async function lintText(text: string, options: LintOptions & { filename?: string; filePath?: string } = {}): Promise<LintResult> {
  if (typeof text !== "string") throw new TypeError(`lintText: text must be a string, not ${text === null ? "null" : typeof text}`);
  const linter = new RaciLint({ ...explicitOptions(options), keep: "matrix" });
  // `filePath` as RaciLint#lintText names it, `filename` as this function always has.
  return (await linter.lintText(text, { filePath: options.filename ?? options.filePath ?? "<text>" }))[0]!;
}

/**
 * Lints files, directories or globs (one, or a list; relative to `cwd`, default the working
 * directory), each with the configuration the command would find for it, unless `rules` or
 * `scheme` say what to run. Throws when a pattern matches nothing.
 */
export async function lintFiles(patterns: string | readonly string[], options: LintOptions & { cwd?: string } = {}): Promise<LintResult[]> {
  const explicit = options.rules !== undefined || options.scheme !== undefined;
  const linter = new RaciLint({
    cwd: options.cwd ?? process.cwd(),
    ...(explicit ? explicitOptions(options) : {}),
    inlineDirectives: options.inlineDirectives ?? true,
    reportUnusedDisableDirectives: options.reportUnusedDirectives ?? false,
  });
  return linter.lintFiles(patterns);
}
