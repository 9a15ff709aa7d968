/**
 * raci-lint as a library: read matrices, lint text or files, format reports.
 *
 * ```ts
 * import { lintText, formatStylish } from "raci-lint";
 * const result = await lintText(markdown, { filename: "raci.md" });
 * ```
 */
import { recommendedRules } from "./config/presets.js";
import { expandPaths } from "./cli/files.js";
import { Linter, lintPaths, parseMatrix, type LintResult, type LintSetup } from "./lint.js";
import type { ActiveRule } from "./engine/rule.js";
import { RACI, type RoleScheme } from "./model/scheme.js";
import { SCHEMES } from "./config/schemes.js";

export type { Activity, Cell, CellStyle, CodeToken, Legend, LegendEntry, Matrix, Party, PartyRole, ReadProblem, RoleCode, Section, TokenKind } from "./model/matrix.js";
export type { Finding, Severity, Suggestion, TextEdit } from "./model/finding.js";
export type { SourcePoint, SourceSpan } from "./model/position.js";
export type { RoleScheme, SchemeCode } from "./model/scheme.js";
export type { ActiveRule, RuleCheck, RuleDefinition } from "./engine/rule.js";
export type { FileReport, Report, ReportSummary, SuppressedFinding } from "./formatters/report.js";
export type { FormatContext } from "./formatters/context.js";
export type { StylishOptions } from "./formatters/stylish.js";
export type { MarkdownOptions } from "./formatters/markdown.js";
export type { LintResult, LintSetup } from "./lint.js";
export { RACI } from "./model/scheme.js";
export { FACTS, SCOPES, type FactDoc, type Scope } from "./facts/catalog.js";
export { builtInRules, loadRuleFile, parseRuleText } from "./engine/load-rules.js";
export { defaultOptions, presetRules, recommendedRules } from "./config/presets.js";
export { ConfigResolver, type ResolvedConfig, type ResolverOptions } from "./config/resolve.js";
export { SCHEMES, schemeFrom, type SchemeSetting } from "./config/schemes.js";
export { parseDirectives, applyDirectives, type Directive } from "./suppress/directives.js";
export { applyBaseline, baselineFromFindings, pruneBaseline, readBaseline, writeBaseline, type Baseline, type BaselineEntry } from "./suppress/baseline.js";
export { buildReport } from "./formatters/report.js";
export { formatJson } from "./formatters/json.js";
export { formatStylish } from "./formatters/stylish.js";
export { formatContext, INFORMATION_URI } from "./formatters/context.js";
export { formatSarif } from "./formatters/sarif.js";
export { formatJunit } from "./formatters/junit.js";
export { formatGithub } from "./formatters/github.js";
export { formatMarkdown } from "./formatters/markdown.js";
export { listRules, listRulesJson } from "./formatters/list-rules.js";
export { parseMatrix } from "./lint.js";
export type { FixOptions, FixResult, RefusedFix } from "./fix/fixer.js";
export { fixText, MAX_FIX_PASSES } from "./fix/fixer.js";
export { applyEdits, type AppliedEdits } from "./fix/apply.js";
export { FixWriteError, writeFileAtomic } from "./fix/write.js";
export { unifiedDiff, unifiedDiffs } from "./fix/diff.js";

/** Options shared by `lintText` and `lintFiles`. */
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

/** A scheme option: a scheme object, or a built-in scheme's name. */
function schemeOf(scheme: RoleScheme | string | undefined): RoleScheme {
  if (scheme === undefined) return RACI;
  if (typeof scheme === "string") {
    const known = SCHEMES[scheme];
    if (!known) throw new TypeError(`scheme: "${scheme}" is not a built-in scheme (${Object.keys(SCHEMES).join(", ")}); pass a RoleScheme object for another`);
    return known;
  }
  if (!scheme || typeof scheme !== "object" || !Array.isArray(scheme.codes)) throw new TypeError("scheme: expected a RoleScheme object or a built-in scheme's name");
  return scheme;
}

/** Resolves library options to a lint setup. */
function setupOf(options: LintOptions): LintSetup {
  return {
    rules: options.rules ?? recommendedRules(),
    scheme: schemeOf(options.scheme),
    inlineDirectives: options.inlineDirectives ?? true,
    reportUnusedDirectives: options.reportUnusedDirectives ?? false,
  };
}

/** Lints one document given as text; `filename` decides the format (`.md`, `.yaml`, `.json`) and names findings. */
export async function lintText(text: string, options: LintOptions & { filename?: string } = {}): Promise<LintResult> {
  if (typeof text !== "string") throw new TypeError(`lintText: text must be a string, not ${text === null ? "null" : typeof text}`);
  const setup = setupOf(options);
  const filename = options.filename ?? "<text>";
  const matrix = parseMatrix(text, filename, setup.scheme, setup.parties ?? null);
  const linter = new Linter(setup);
  const findings = await linter.lint(matrix);
  await linter.finish();
  return { path: filename, findings, suppressed: linter.suppressed.get(filename) ?? [], matrix };
}

/** Lints files, directories or globs (one, or a list; relative to `cwd`, default the working directory). Throws when a pattern matches nothing. */
export async function lintFiles(patterns: string | readonly string[], options: LintOptions & { cwd?: string } = {}): Promise<LintResult[]> {
  const list = typeof patterns === "string" ? [patterns] : patterns;
  if (!Array.isArray(list) || list.some((p) => typeof p !== "string")) throw new TypeError("lintFiles: patterns must be a string or a list of strings");
  const expansion = await expandPaths(list, options.cwd ?? process.cwd());
  if (expansion.unmatched.length > 0) throw new Error(`No files match: ${expansion.unmatched.join(", ")}`);
  return lintPaths(expansion.files, setupOf(options));
}
