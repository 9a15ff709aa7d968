/**
 * The invariants the fuzz properties check on any input: what a lint result and a fix result must
 * satisfy whatever the text. Each check returns the list of violations (empty when none), so a
 * failing property prints what is wrong next to the shrunk input.
 */
import { RaciLint } from "../../src/api/raci-lint.js";
import { defaultOptions } from "../../src/config/presets.js";
import { SCHEMES } from "../../src/config/schemes.js";
import { builtInRules } from "../../src/engine/load-rules.js";
import { fixText, type FixResult } from "../../src/fix/fixer.js";
import type { LintSetup } from "../../src/lint/linter.js";
import type { Finding, TextEdit } from "../../src/model/finding.js";
import type { LintResult } from "../../src/model/result.js";
import { looksAcrossFiles, type ActiveRule } from "../../src/model/rule.js";
import { RACI, type RoleScheme } from "../../src/model/scheme.js";
import type { Input } from "./arbitraries.js";

/** Whether the problems of known defects (`KNOWN_DEFECTS`) are set aside: not with RACI_FUZZ_STRICT=1. */
export const LENIENT = process.env.RACI_FUZZ_STRICT !== "1";

/** A custom scheme: RACI ordered A, R, C, I. */
export const ARCI: RoleScheme = { ...RACI, name: "ARCI", codes: ["A", "R", "C", "I"].map((c) => RACI.codes.find((x) => x.code === c)!) };
/** The schemes the properties draw from, by name (a failing case then prints the name); without one, a document may name its own (RACI otherwise). */
export const FUZZ_SCHEMES: Record<string, RoleScheme | undefined> = {
  RACI,
  RASCI: SCHEMES.RASCI!,
  "RACI-VS": SCHEMES["RACI-VS"]!,
  CAIRO: SCHEMES.CAIRO!,
  ARCI,
  "(none: the document's own)": undefined,
};
/** The names of `FUZZ_SCHEMES`. */
export const SCHEME_NAMES = Object.keys(FUZZ_SCHEMES);

/**
 * Every built-in rule that looks at one file at a time (opt-in ones included), at default options.
 * Corpus-scope rules are left out: their findings rightly depend on the other files of a run.
 */
export const FILE_RULES: ActiveRule[] = builtInRules()
  .rules.filter((rule) => !looksAcrossFiles(rule))
  .map((rule) => ({ rule, severity: null, options: defaultOptions(rule) }));

/** The lines of a text as the reports count them (`\r\n`, `\r` and `\n` end a line), without their ends. */
export function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/u);
}

/** The text a result's positions are in: the input without its BOM. */
export function sourceOf(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The offset of a 1-based line and column in a text (lines as `linesOf` counts them). */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  const re = /\r\n|\r|\n/gu;
  for (let l = 1; l < line; l++) {
    const m = re.exec(text);
    if (!m) return -1;
    offset = m.index + m[0].length;
  }
  return offset + column - 1;
}

/** What is wrong with the positions of a finding: inside the text, start before end, never between `\r` and `\n`. */
export function positionProblems(text: string, f: Finding): string[] {
  const source = sourceOf(text);
  const lines = linesOf(source);
  const problems: string[] = [];
  const where = `${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
  const point = (line: number, column: number, what: string) => {
    if (!Number.isInteger(line) || line < 1 || line > lines.length) problems.push(`${where}: ${what} line ${line} outside 1..${lines.length}`);
    else if (!Number.isInteger(column) || column < 1 || column > lines[line - 1]!.length + 1) problems.push(`${where}: ${what} column ${column} outside 1..${lines[line - 1]!.length + 1}`);
    else {
      const at = offsetOf(source, line, column);
      if (at > 0 && source[at - 1] === "\r" && source[at] === "\n") problems.push(`${where}: ${what} between \\r and \\n`);
    }
  };
  point(f.line, f.column, "start");
  point(f.endLine, f.endColumn, "end");
  if (f.endLine < f.line || (f.endLine === f.line && f.endColumn < f.column)) problems.push(`${where}: ends before it starts`);
  const edits: [string, TextEdit][] = [...(f.fix ? [["fix", f.fix] as [string, TextEdit]] : []), ...f.suggestions.map((s, i) => [`suggestion ${i}`, s.fix] as [string, TextEdit])];
  for (const [what, edit] of edits) {
    const [start, end] = edit.range;
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= source.length))
      problems.push(`${where}: ${what} range ${start}..${end} outside 0..${source.length}`);
  }
  return problems;
}

/** What is wrong with a lint result on a text: an internal error, or a bad position. */
export function resultProblems(text: string, result: LintResult): string[] {
  const problems: string[] = [];
  for (const f of [...result.findings, ...(result.suppressed ?? [])]) {
    if (f.ruleId === "internal-error") problems.push(`internal-error: ${f.message}`);
    problems.push(...positionProblems(text, f));
  }
  return problems;
}

/** Lints one text alone, in a fresh instance (the reference: memo off unless asked). */
export async function lintAlone(input: Input, scheme: RoleScheme | undefined, rules: readonly ActiveRule[] = FILE_RULES, memoize = false): Promise<LintResult> {
  return (await new RaciLint({ rules, ...(scheme ? { scheme } : {}), memoize }).lintText(input.text, { filePath: input.name }))[0]!;
}

/** A result as JSON (what comparisons compare, order included), named `name`. */
export function resultJson(result: LintResult, name = result.path): string {
  return JSON.stringify({ findings: result.findings, suppressed: result.suppressed ?? [] })
    .split(JSON.stringify(result.path))
    .join(JSON.stringify(name));
}

/** The setup `fixText` is given (as the façade makes it: a scheme given is used whatever the document says). */
export function setupOf(scheme: RoleScheme | undefined, rules: readonly ActiveRule[] = FILE_RULES): LintSetup {
  return { rules, scheme: scheme ?? RACI, schemeConfigured: scheme !== undefined };
}

/** A line's end (`\r\n`, `\r`, `\n` or none), line by line. */
function lineEnds(text: string): string[] {
  return [...text.matchAll(/\r\n|\r|\n/gu)].map((m) => m[0]);
}

/** How a line reads as structure: its pipes (Markdown tables), or its key (YAML/JSON), with the rest left out. */
function skeleton(line: string, format: "markdown" | "structured"): string {
  if (format === "markdown") return line.replace(/\\\|/gu, "").replace(/[^|]/gu, "");
  const key = /^\s*(?:-\s+)?("(?:[^"\\]|\\.)*"|'[^']*'|[^:]*):/u.exec(line);
  return key ? key[1]! : line.trim().slice(0, 1);
}

/**
 * What is wrong with fixing a text: the fixed text changes on a second fix, lines or line ends
 * added, removed or changed outside codes (a changed Markdown line keeps its pipes, a changed
 * YAML/JSON line its key), the BOM lost or gained, or an error-level finding that was not there.
 */
export async function fixProblems(input: Input, setup: LintSetup, unsafe: boolean): Promise<{ problems: string[]; fixed: FixResult }> {
  const problems: string[] = [];
  const before = await fixText(input.text, input.name, setup, { maxPasses: 0 });
  const fixed = await fixText(input.text, input.name, setup, { unsafe });
  const again = await fixText(fixed.output, input.name, setup, { unsafe });
  if (again.output !== fixed.output) problems.push(`not idempotent: a second fix changes ${JSON.stringify(fixed.output.slice(0, 200))} into ${JSON.stringify(again.output.slice(0, 200))}`);
  if (!fixed.changed) return { problems, fixed };
  const bom = (t: string) => t.charCodeAt(0) === 0xfeff;
  if (bom(input.text) !== bom(fixed.output)) problems.push("the BOM was added or removed");
  const oldLines = linesOf(sourceOf(input.text));
  const newLines = linesOf(sourceOf(fixed.output));
  if (oldLines.length !== newLines.length) problems.push(`line count changed from ${oldLines.length} to ${newLines.length}`);
  else if (lineEnds(input.text).join() !== lineEnds(fixed.output).join()) problems.push("line ends changed");
  else {
    const format = /\.md$/u.test(input.name) ? "markdown" : "structured";
    oldLines.forEach((old, i) => {
      const now = newLines[i]!;
      if (old !== now && skeleton(old, format) !== skeleton(now, format)) problems.push(`line ${i + 1} changed beyond its codes: ${JSON.stringify(old)} -> ${JSON.stringify(now)}`);
    });
  }
  // Every error-level finding after the fix was there before, on the same line (columns move with
  // alignment, and a message may quote the codes a fix changed): equal messages are paired first.
  const errors = (fs: readonly Finding[]) => fs.filter((f) => f.severity === "error").map((f) => ({ key: `${f.ruleId}@${f.line}`, message: f.message }));
  const old = errors(before.findings);
  const added = errors(fixed.findings).filter((e) => {
    const i = old.findIndex((o) => o.key === e.key && o.message === e.message);
    if (i >= 0) old.splice(i, 1);
    return i < 0;
  });
  for (const e of added) {
    const i = old.findIndex((o) => o.key === e.key);
    if (i >= 0) old.splice(i, 1);
    else problems.push(`the fix added an error: ${e.key} (${e.message})`);
  }
  return { problems, fixed };
}

/**
 * Defects the fuzzers found that are not fixed yet: the properties set aside the problems these
 * match (each has a failing test of its own, `it.fails`, with its minimal input). With
 * RACI_FUZZ_STRICT=1 nothing is set aside.
 */
export const KNOWN_DEFECTS: { id: string; what: string; matches: (problem: string) => boolean }[] = [];

/** The problems no known defect explains. */
export function unexplained(problems: readonly string[]): string[] {
  return LENIENT ? problems.filter((p) => !KNOWN_DEFECTS.some((k) => k.matches(p))) : [...problems];
}
