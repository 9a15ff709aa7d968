/**
 * The fixer: lint a text, apply the fixes its findings carry (safe ones; with `unsafe`, each
 * finding's first suggestion too), keep tables aligned, and repeat until no fix applies or
 * `MAX_FIX_PASSES` passes ran; the findings returned come from linting the final text. Pure: text
 * in, text out; writing files is the caller's decision (`writeFileAtomic`).
 *
 * Guarantees: nothing outside the edited cells changes (a BOM and line endings included; edits are
 * offsets into the text without its BOM, and no fix may span lines); a text that does not read
 * cleanly (any `parse-error` or `schema-violation`) is returned as it is; a pass whose result would
 * not read back as the same document (YAML or JSON that no longer parses, a plain scalar YAML would
 * reinterpret, a table whose rows or cells change) is narrowed to the fixes that keep it intact,
 * and the others are refused and reported.
 */
import { RunMemo } from "../engine/memo.js";
import { Linter, readWith, type LintSetup } from "../lint/linter.js";
import type { Finding, TextEdit } from "../model/finding.js";
import type { Cell, Matrix } from "../model/matrix.js";
import type { RefusedFix, SuppressedFinding } from "../model/result.js";
import { toData } from "../readers/data-tree.js";
import { formatOf } from "../readers/index.js";
import { readJsonTree } from "../readers/json-tree.js";
import { readYamlTree } from "../readers/yaml-tree.js";
import { suppressInline } from "../suppress/directives.js";
import { alignEdits } from "./align.js";
import { applyEdits } from "./apply.js";
import { csvEdits } from "./csv.js";

/** How many lint-and-fix passes run at most (a fix may enable another: `arr` -> `ar` -> `ra`). */
export const MAX_FIX_PASSES = 10;

/** Options of `fixText`. */
export interface FixOptions {
  /** Also apply each finding's first suggestion (`--fix --unsafe-fixes`). Default false. */
  unsafe?: boolean;
  /** At most this many passes (default and upper bound: `MAX_FIX_PASSES`). */
  maxPasses?: number;
  /** The text's format, when the file name does not say (standard input); default: from `filename`. */
  format?: Matrix["format"];
  /** The run's memo, when the text is one of many fixed in a run (default: a memo of its own). */
  memo?: RunMemo;
  /** The user named the file (default true), rather than it being found in a folder. */
  named?: boolean;
}

export type { RefusedFix };

/** What `fixText` did. */
export interface FixResult {
  /** The fixed text (BOM kept); the input itself when nothing applied. */
  output: string;
  /** Passes that changed the text. */
  passes: number;
  /** Fixes applied, over all passes. */
  applied: number;
  /** The findings of the final text (corpus-scope checks excluded: they need every file of the run). */
  findings: Finding[];
  /** The final text's findings that inline directives suppressed (never fixed: a suppressed finding offers nothing). */
  suppressed: SuppressedFinding[];
  /** Whether `output` differs from the input. */
  changed: boolean;
  /** The text (YAML or JSON) did not parse, so nothing was read or fixed (and nothing should be written). */
  parseFailed: boolean;
  /** Fixes left out because applying them would have damaged the document. */
  refused: RefusedFix[];
  /** The matrix read from `output`. */
  matrix: Matrix;
}

/** A fix offered by a finding. */
interface Candidate {
  edit: TextEdit;
  finding: Finding;
}

/** The fixes the findings offer, safe ones and (with `unsafe`) each finding's first suggestion. */
function candidatesOf(findings: readonly Finding[], unsafe: boolean): Candidate[] {
  const out: Candidate[] = [];
  for (const finding of findings) {
    if (finding.fix) out.push({ edit: finding.fix, finding });
    const suggestion = finding.suggestions[0];
    if (unsafe && suggestion?.fix) out.push({ edit: suggestion.fix, finding });
  }
  return out;
}

const shapeCache = new WeakMap<Matrix, string>();

/** A document's structure as readers see it: parties, sections, activities and which cells each has. */
function shapeOf(matrix: Matrix): string {
  let shape = shapeCache.get(matrix);
  if (shape === undefined) {
    shape = readShape(matrix);
    shapeCache.set(matrix, shape);
  }
  return shape;
}

/** Computes `shapeOf`. */
function readShape(matrix: Matrix): string {
  return JSON.stringify([
    matrix.parties.map((p) => p.name),
    matrix.sections.map((s) => [s.title, s.parties]),
    matrix.activities.map((a) => [a.name, a.section, a.cellCount, a.cells.map((c) => (c ? 1 : 0)).join("")]),
    matrix.legend?.entries.length ?? 0,
  ]);
}

const dataCache = new WeakMap<Matrix, { value: unknown } | { error: string }>();

/** The data of a YAML or JSON document, or the reason it has none (computed once per matrix). */
function dataOf(matrix: Matrix): { value: unknown } | { error: string } {
  let data = dataCache.get(matrix);
  if (!data) {
    data = readData(matrix);
    dataCache.set(matrix, data);
  }
  return data;
}

/**
 * Parses a YAML or JSON document's data, as the readers do (YAML's scalars as yaml resolves them, so
 * a plain scalar a fix turns into a number or a boolean shows), with aliases in linear time.
 */
function readData(matrix: Matrix): { value: unknown } | { error: string } {
  const tree = matrix.format === "json" ? readJsonTree(matrix.source) : readYamlTree(matrix.source);
  if (tree.errors.length > 0) return { error: tree.errors[0]!.message };
  const data = toData(tree.root, matrix.source);
  return data.ok ? { value: data.value } : { error: data.message };
}

/** Whether two data values are equal, except string values at `sections[*].activities[*].codes[*]`. */
function sameOutsideCodes(a: unknown, b: unknown, path: readonly (string | number)[] = []): boolean {
  const depth = path.length;
  // A code string may change; anything else written there (a list, a number: a schema violation) may not.
  if (depth === 6 && path[0] === "sections" && path[2] === "activities" && path[4] === "codes" && typeof a === "string" && typeof b === "string") return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameOutsideCodes(item, b[i], [...path, i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.hasOwn(b, k) && sameOutsideCodes((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...path, k]));
  }
  return Object.is(a, b) || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime());
}

/** Why `after` does not read as the same document as `before` with only codes changed, or null when it does. */
function damage(before: Matrix, after: Matrix): string | null {
  // Problems the text had before (positions apart) are not the fixes' doing.
  const known = new Set(before.problems.map((p) => `${p.ruleId}\u0000${p.message}`));
  const problem = after.problems.find((p) => !known.has(`${p.ruleId}\u0000${p.message}`));
  if (problem) return `the fixed text would not read: ${problem.message}`;
  if (shapeOf(after) !== shapeOf(before)) return "the fixed text would change the document's structure (its rows or cells)";
  const misread = newlyMisread(before, after);
  if (misread) return misread;
  if (before.format === "yaml" || before.format === "json") {
    const old = dataOf(before);
    const now = dataOf(after);
    if ("error" in now) return `the fixed text would not parse: ${now.error}`;
    if ("value" in old && !sameOutsideCodes(old.value, now.value)) return "the fixed text would change data other than the codes";
  }
  return null;
}

/** Tokens of a cell that are not codes of the scheme (a party's name, text, an invalid letter). */
const notCodes = (cell: Cell | null) => (cell ? cell.tokens.filter((t) => t.kind !== "code" || !t.valid).length : 0);

/**
 * Why a fixed text reads worse, if it does: a cell (same structure before and after) holding more
 * tokens that are not codes than before, e.g. `AR` rewritten `RA` under a column named RA reads as
 * that party's name.
 */
function newlyMisread(before: Matrix, after: Matrix): string | null {
  for (let a = 0; a < after.activities.length; a++) {
    const was = before.activities[a]!.cells;
    const now = after.activities[a]!.cells;
    for (let c = 0; c < now.length; c++) {
      if (notCodes(now[c] ?? null) <= notCodes(was[c] ?? null)) continue;
      const token = now[c]!.tokens.find((t) => t.kind !== "code" || !t.valid)!;
      return token.kind === "party-name" ? `the fixed cell "${now[c]!.raw}" would read as the name of a party, not as codes` : `the fixed cell "${now[c]!.raw}" would no longer read as codes only`;
    }
  }
  return null;
}

/**
 * The edits of a set known to do harm (`reason`) that do none, found by halving it: a few harmful
 * edits among many cost a few parses each, not one parse per edit. `refuse` gets each harmful one.
 */
function harmless(edits: readonly TextEdit[], reason: string, harm: (edits: readonly TextEdit[]) => string | null, refuse: (edit: TextEdit, reason: string) => void): TextEdit[] {
  if (edits.length === 1) {
    refuse(edits[0]!, reason);
    return [];
  }
  const kept: TextEdit[] = [];
  const middle = edits.length >> 1;
  for (const half of [edits.slice(0, middle), edits.slice(middle)]) {
    const why = harm(half);
    kept.push(...(why === null ? half : harmless(half, why, harm, refuse)));
  }
  return kept;
}

/** Applies a pass's edits to a matrix's source (Markdown tables re-aligned, from the layout its reader kept; CSV fields keeping their quoting). */
function render(matrix: Matrix, edits: readonly TextEdit[]): string {
  const source = matrix.source;
  if (matrix.format === "markdown") return applyEdits(source, alignEdits(source, edits, matrix.layout?.tables)).text;
  return applyEdits(source, matrix.format === "csv" ? csvEdits(source, edits) : edits).text;
}

/** Whether a text has read problems that forbid fixing it. */
/**
 * A YAML or JSON document that does not parse is not fixed (nothing of it was read). Other problems
 * (a schema violation, broken front matter, a party named by two columns) leave the rest readable:
 * its fixes are edits of the cells that were read, and `damage` refuses any that would change more.
 */
const unreadable = (matrix: Matrix) => matrix.format === "xlsx" || (matrix.format !== "markdown" && matrix.problems.some((p) => p.ruleId === "parse-error"));

/**
 * Fixes one document. `filename` picks the format (`.md`, `.yaml`, `.json`, `.csv`) and names the findings;
 * a workbook (`.xlsx`) is never fixed: it is returned as it is (and, given as text, does not read);
 * `setup` is the lint setup the file is checked with. Never throws on bad input.
 */
export async function fixText(text: string, filename: string, setup: LintSetup, options: FixOptions = {}): Promise<FixResult> {
  const maxPasses = Math.max(0, Math.min(options.maxPasses ?? MAX_FIX_PASSES, MAX_FIX_PASSES));
  const format = options.format ?? formatOf(filename);
  const memo = options.memo ?? new RunMemo();
  const read = (source: string) => readWith(source, filename, setup, memo, format);
  // Fix mode sees one file at a time: corpus-scope checks do not run, and directives are not judged for them.
  const linter = new Linter(setup, memo, undefined, false);
  const knownRules = setup.knownRules ?? new Set([...setup.rules.map((r) => r.rule.id), "parse-error", "schema-violation"]);
  let suppressed: SuppressedFinding[] = [];
  const lint = async (m: Matrix) => {
    const found = await linter.lint(m, options.named ?? true);
    if (setup.inlineDirectives === false) {
      suppressed = [];
      return found;
    }
    const applied = suppressInline(m, found, { knownRules, reportUnused: setup.reportUnusedDirectives ?? false, unjudged: linter.corpusRules });
    suppressed = applied.suppressed;
    return applied.findings;
  };
  let matrix = read(text);
  let findings = await lint(matrix);
  let passes = 0;
  let applied = 0;
  const refused: RefusedFix[] = [];
  const bom = matrix.bom ? "\uFEFF" : "";
  // Later passes read the BOM too, so the matrix says it has one; offsets stay BOM-less.
  const reread = (source: string) => read(bom + source);
  const result = (parseFailed: boolean): FixResult => {
    const output = parseFailed ? text : bom + matrix.source;
    return { output, passes, applied, findings, suppressed, changed: output !== text, parseFailed, refused, matrix };
  };
  if (unreadable(matrix)) return result(true);

  // A refused fix is offered again by the next pass's findings: remember it (no fix adds or removes lines).
  const refusedKeys = new Set<string>();
  const keyOf = (c: Candidate, source: string) => `${c.finding.ruleId}\u0000${c.finding.line}\u0000${source.slice(c.edit.range[0], c.edit.range[1])}\u0000${c.edit.text}`;
  const refuse = (c: Candidate, source: string, reason: string) => {
    refusedKeys.add(keyOf(c, source));
    refused.push({ ruleId: c.finding.ruleId, line: c.finding.line, column: c.finding.column, message: c.finding.message, reason });
  };

  while (passes < maxPasses) {
    const source = matrix.source;
    const offered = candidatesOf(findings, options.unsafe ?? false).filter((c) => {
      if (refusedKeys.has(keyOf(c, source))) return false;
      if (!/[\r\n]/u.test(c.edit.text) && !/[\r\n]/u.test(source.slice(c.edit.range[0], c.edit.range[1]))) return true;
      refuse(c, source, "the fix would change line breaks");
      return false;
    });
    if (offered.length === 0) break;
    const owner = new Map(offered.map((c) => [c.edit, c]));
    let chosen = applyEdits(
      source,
      offered.map((c) => c.edit),
    ).applied;
    let next = render(matrix, chosen);
    let after = reread(next);
    const reason = damage(matrix, after);
    if (reason !== null) {
      // Narrow down to the harmful fixes by halving the set, then check the rest together.
      const before = matrix;
      const harm = (edits: readonly TextEdit[]) => damage(before, reread(render(before, edits)));
      chosen = harmless(chosen, reason, harm, (edit, why) => refuse(owner.get(edit)!, source, why));
      // Fixes skipped for overlapping a refused one get their turn: the refused ones are no longer offered.
      if (chosen.length === 0) continue;
      next = render(matrix, chosen);
      after = reread(next);
      const together = damage(matrix, after);
      if (together !== null) {
        for (const edit of chosen) refuse(owner.get(edit)!, source, together);
        continue;
      }
    }
    if (next === source) break;
    passes++;
    applied += chosen.length;
    matrix = after;
    findings = await lint(matrix);
  }
  return result(false);
}
