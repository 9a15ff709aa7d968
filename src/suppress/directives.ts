/**
 * Inline suppression directives in Markdown: HTML comments such as
 * `<!-- raci-lint-disable-next-line customer-involved -- the customer is not party to this -->`.
 *
 * `parseDirectives` reads them from a document (pure, via the block scanner, so comments in fenced
 * code are ignored); `applyDirectives` moves the findings they cover to a `suppressed` list and adds
 * findings for directives that are wrong (`invalid-directive`) or, on request, unused
 * (`unused-disable-directive`).
 *
 * Semantics (see docs/suppressions.md):
 * - `disable-next-line` covers findings that start on the line right after the comment's last line
 *   (the literal next line, as in ESLint and markdownlint; blank lines are not skipped).
 * - `disable` covers findings that start after the comment, up to an `enable` naming the same rule
 *   (or naming none); `enable RULE` after a bare `disable` re-enables just that rule.
 * - `disable-file` covers the whole file, wherever it is written.
 * - No rule ids means every rule. A reason follows ` -- `.
 * A directive must be an HTML comment on its own line(s). A comment line between two table rows
 * ends the table in GFM, so directives go above or below a table, never inside it; a directive that
 * does end a table, or sits inside a table cell, is reported.
 */
import { compareFindings, type Finding, type Severity } from "../model/finding.js";
import type { DocumentLayout, Matrix, TableLayout } from "../model/matrix.js";
import { LineIndex, type SourcePoint, type SourceSpan } from "../model/position.js";
import type { SuppressedFinding } from "../model/result.js";
import { scanMarkdown } from "../readers/markdown/scan.js";

export type { SuppressedFinding };

/** The rule id of findings about a malformed or misplaced directive. */
export const INVALID_DIRECTIVE = "invalid-directive";
/** The rule id of findings about a directive that suppressed nothing (only with `reportUnused`). */
export const UNUSED_DIRECTIVE = "unused-disable-directive";

/** What a directive does. `invalid` directives suppress nothing; their `problems` say why. */
export type DirectiveKind = "disable" | "enable" | "disable-next-line" | "disable-file" | "invalid";

/** A rule id written in a directive, with where it is written. */
export interface DirectiveRule {
  id: string;
  span: SourceSpan;
}

/** Something wrong with how or where a directive is written. */
export interface DirectiveProblem {
  message: string;
  span: SourceSpan;
}

/** One `<!-- raci-lint-... -->` comment. */
export interface Directive {
  kind: DirectiveKind;
  /** The directive word as written, e.g. `raci-lint-disable-next-line`. */
  name: string;
  /** The rules named; empty means every rule. */
  rules: DirectiveRule[];
  /** The text after ` -- `, trimmed; null when there is none. */
  justification: string | null;
  /** The whole comment, `<!--` to `-->`. */
  span: SourceSpan;
  problems: DirectiveProblem[];
}

/** Options of `applyDirectives`. */
export interface ApplyDirectivesOptions {
  /** Every rule id a directive may name (all rules that exist, enabled or not, and reader ids such as `parse-error`). */
  knownRules: ReadonlySet<string>;
  /** Report directives (or rule ids in them) that suppressed nothing. */
  reportUnused: boolean;
  /** Severity of unused-directive findings (default `warning`). */
  unusedSeverity?: Severity;
  /** The file the findings and directives belong to, as reported. */
  file: string;
  /**
   * Rules whose findings are not all known yet (corpus-scope checks, before they run or in fix mode,
   * where they do not): a directive is not called unused for them, nor, if it names no rule, at all.
   */
  unjudged?: ReadonlySet<string>;
}

/** The findings left after directives, plus the ones they suppressed. */
export interface DirectiveOutcome {
  findings: Finding[];
  suppressed: SuppressedFinding[];
}

const PREFIX = "raci-lint-";
const KINDS: ReadonlySet<string> = new Set(["disable", "enable", "disable-next-line", "disable-file"]);

/** Reads the `raci-lint-*` directives of a Markdown document, in source order. Pure; a leading BOM is ignored. */
export function parseDirectives(source: string): Directive[] {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  if (!text.includes(PREFIX)) return [];
  const doc = scanMarkdown(text);
  return directivesIn(text, {
    tables: doc.blocks.flatMap((b) => (b.kind === "table" ? [b.table] : [])),
    comments: doc.blocks.flatMap((b) => (b.kind === "comment" ? [b.comment] : [])),
  });
}

/** The directives of a matrix read from Markdown, from the layout its reader kept (no second scan). */
export function directivesOf(matrix: Matrix): Directive[] {
  if (!matrix.layout || !matrix.source.includes(PREFIX)) return [];
  return directivesIn(matrix.source, matrix.layout);
}

/** The directives of a text (BOM removed) whose tables and comment blocks are known. */
function directivesIn(text: string, layout: DocumentLayout): Directive[] {
  const lines = new LineIndex(text);
  const tables = layout.tables;
  const tableLines: TableLines = { endingAt: new Set(tables.map((t) => t.span.end.line)), startingAt: new Set(tables.map((t) => t.span.start.line)) };
  const directives: Directive[] = [];
  for (const block of layout.comments) {
    const start = block.span.start.offset;
    const end = block.span.end.offset;
    for (const comment of [{ start, end }, ...commentsLaterOnLine(text, end)]) {
      const directive = readComment(text, comment.start, comment.end, lines);
      if (!directive) continue;
      const breaks = endsTable(directive, tableLines, lines);
      if (breaks) directive.problems.push(breaks);
      directives.push(directive);
    }
  }
  for (const table of tables) directives.push(...directivesInCells(table, text, lines));
  return directives.sort((a, b) => a.span.start.offset - b.span.start.offset);
}

/**
 * The scanner reports the first comment of an HTML block; further `<!-- ... -->` on the line where
 * that comment ends belong to the same HTML block and are directives too.
 */
function commentsLaterOnLine(text: string, from: number): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  const lineEnd = endOfLine(text, from);
  let at = from;
  for (;;) {
    const open = text.indexOf("<!--", at);
    if (open === -1 || open >= lineEnd) break;
    const close = text.indexOf("-->", open + 4);
    if (close === -1 || close + 3 > lineEnd) break;
    found.push({ start: open, end: close + 3 });
    at = close + 3;
  }
  return found;
}

/** Offset of the line ending at or after `from` (or the end of the text). */
function endOfLine(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) return i;
  }
  return text.length;
}

/** Reads the comment `text[start, end)` (`<!--` to `-->`) as a directive, or null when it is not one. */
function readComment(text: string, start: number, end: number, lines: LineIndex): Directive | null {
  const bodyStart = start + 4;
  const bodyEnd = Math.max(bodyStart, end - 3);
  let at = bodyStart;
  while (at < bodyEnd && /\s/u.test(text[at]!)) at++;
  if (!text.startsWith(PREFIX, at)) return null;
  let wordEnd = at;
  while (wordEnd < bodyEnd && !/[\s,]/u.test(text[wordEnd]!)) wordEnd++;
  const name = text.slice(at, wordEnd);
  const kindText = name.slice(PREFIX.length);
  const span = lines.span(start, end);
  const directive: Directive = { kind: "invalid", name, rules: [], justification: null, span, problems: [] };

  // The reason starts at the first `--` that stands alone (whitespace or the comment's end around it).
  const rest = text.slice(wordEnd, bodyEnd);
  const separator = /(?:^|\s)--(?:\s|$)/u.exec(rest);
  const rulesEnd = separator ? wordEnd + separator.index : bodyEnd;
  if (separator) {
    const reason = rest.slice(separator.index + separator[0].length).trim();
    directive.justification = reason === "" ? null : reason;
  }
  for (const match of text.slice(wordEnd, rulesEnd).matchAll(/[^\s,]+/gu)) {
    const from = wordEnd + match.index;
    directive.rules.push({ id: match[0], span: lines.span(from, from + match[0].length) });
  }

  if (KINDS.has(kindText)) {
    directive.kind = kindText as DirectiveKind;
  } else {
    const wordSpan = lines.span(at, wordEnd);
    directive.problems.push({
      message:
        kindText === "disable-line"
          ? `${name} is not supported: a comment cannot share a line with a table row. Put raci-lint-disable-next-line on the line above, or raci-lint-disable/raci-lint-enable around the table.`
          : `Unknown directive ${name}: expected raci-lint-disable, raci-lint-enable, raci-lint-disable-next-line or raci-lint-disable-file.`,
      span: wordSpan,
    });
  }
  return directive;
}

/** The lines where the document's tables end and start. */
interface TableLines {
  endingAt: ReadonlySet<number>;
  startingAt: ReadonlySet<number>;
}

/**
 * A comment line right below a table row ends the table in GFM: when the line after the comment
 * still looks like a row (holds a `|`) and does not start a new table, the rows below are lost.
 */
function endsTable(directive: Directive, tables: TableLines, lines: LineIndex): DirectiveProblem | null {
  const line = directive.span.start.line;
  if (!tables.endingAt.has(line - 1)) return null;
  const next = directive.span.end.line + 1;
  if (next > lines.lineStarts.length) return null;
  if (tables.startingAt.has(next)) return null;
  const nextText = lineText(lines, next);
  if (!nextText.includes("|")) return null;
  return {
    message: `This comment ends the table above it: line ${next} and the rows after it are no longer part of the table. Put directives above or below a table (raci-lint-disable before it, raci-lint-enable after it), never between its rows.`,
    span: directive.span,
  };
}

/** The text of a 1-based line, without its line ending. */
function lineText(lines: LineIndex, line: number): string {
  const start = lines.lineStarts[line - 1]!;
  const next = lines.lineStarts[line];
  let end = next ?? lines.text.length;
  while (end > start && (lines.text.charCodeAt(end - 1) === 10 || lines.text.charCodeAt(end - 1) === 13)) end--;
  return lines.text.slice(start, end);
}

/** A directive written inside a table cell is not read (and its text becomes part of the cell): report it. */
function directivesInCells(table: TableLayout, text: string, lines: LineIndex): Directive[] {
  const found: Directive[] = [];
  for (const row of [table.header, ...table.rows]) {
    for (const cell of row.cells) {
      if (!cell.raw.includes(PREFIX)) continue;
      const from = cell.content.start.offset;
      const to = cell.content.end.offset;
      // A directive quoted in code (`` `<!-- raci-lint-disable -->` `` in a table of directives) is text, not a comment.
      const quoted = codeSpans(text.slice(from, to)).map(([start, end]) => [from + start, from + end] as const);
      let at = from;
      for (;;) {
        const open = text.indexOf("<!--", at);
        if (open === -1 || open >= to) break;
        const close = text.indexOf("-->", open + 4);
        const end = close === -1 || close + 3 > to ? to : close + 3;
        if (quoted.some(([start, stop]) => open > start && open < stop)) {
          at = open + 4;
          continue;
        }
        const directive = readComment(text, open, end, lines);
        if (directive) {
          directive.kind = "invalid";
          directive.problems = [
            {
              message: `A directive inside a table cell is not read, and its text becomes part of the cell. Put it on its own line above the table (raci-lint-disable before the table, raci-lint-enable after it).`,
              span: directive.span,
            },
          ];
          found.push(directive);
        }
        at = end;
      }
    }
  }
  return found;
}

/** Whether `a` comes before `b` in the text. */
function before(a: SourcePoint, b: { line: number; column: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

/** Whether a directive concerns a rule (it names it, or names no rule). */
function concerns(directive: Directive, ruleId: string): boolean {
  return directive.rules.length === 0 || directive.rules.some((r) => r.id === ruleId);
}

/**
 * Finds the directive that suppresses each finding, if any: the next-line one first, then the open
 * range, then the file. Findings are visited in source order and the range directives walked once,
 * so thousands of directives cost no more than their number (a directive per table is common).
 */
class Suppressors {
  private readonly byLine = new Map<number, Directive[]>();
  private readonly ranges: Directive[];
  /** Range directives passed so far: the last one naming no rule, and the last naming each rule. */
  private next = 0;
  private lastAll: Directive | null = null;
  private readonly lastByRule = new Map<string, Directive>();

  constructor(
    nextLine: readonly Directive[],
    ranges: readonly Directive[],
    private readonly whole: readonly Directive[],
  ) {
    for (const d of nextLine) {
      const line = d.span.end.line + 1;
      const list = this.byLine.get(line);
      if (list) list.push(d);
      else this.byLine.set(line, [d]);
    }
    this.ranges = [...ranges].sort((x, y) => x.span.start.offset - y.span.start.offset);
  }

  /** The suppressor of `finding`; findings must come in source order (line, then column). */
  of(finding: Finding): Directive | null {
    const byLine = this.byLine.get(finding.line)?.find((d) => concerns(d, finding.ruleId));
    if (byLine) return byLine;
    while (this.next < this.ranges.length && before(this.ranges[this.next]!.span.start, finding)) {
      const d = this.ranges[this.next++]!;
      if (d.rules.length === 0) this.lastAll = d;
      else for (const rule of d.rules) this.lastByRule.set(rule.id, d);
    }
    const named = this.lastByRule.get(finding.ruleId);
    const all = this.lastAll;
    const last = !named ? all : !all ? named : named.span.start.offset > all.span.start.offset ? named : all;
    if (last?.kind === "disable") return last;
    return this.whole.find((d) => concerns(d, finding.ruleId)) ?? null;
  }
}

/** A finding about a directive, positioned at `span`. */
function directiveFinding(ruleId: string, severity: Severity, message: string, file: string, span: SourceSpan): Finding {
  return {
    ruleId,
    severity,
    message,
    file,
    line: span.start.line,
    column: span.start.column,
    endLine: span.end.line,
    endColumn: span.end.column,
    section: null,
    activity: null,
    party: null,
    fix: null,
    suggestions: [],
  };
}

/**
 * Applies a file's directives to its findings. Suppressed findings carry
 * `suppression: { kind: "inSource", justification }`; findings about bad directives (and, with
 * `reportUnused`, unused ones) are added. Both lists come back sorted. Pure.
 */
export function applyDirectives(findings: readonly Finding[], directives: readonly Directive[], options: ApplyDirectivesOptions): DirectiveOutcome {
  const nextLine = directives.filter((d) => d.kind === "disable-next-line");
  const ranges = directives.filter((d) => d.kind === "disable" || d.kind === "enable").sort((a, b) => a.span.start.offset - b.span.start.offset);
  const whole = directives.filter((d) => d.kind === "disable-file");
  const used = new Map<Directive, Set<string>>();

  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const suppressors = new Suppressors(nextLine, ranges, whole);
  const inOrder = [...findings].sort((x, y) => x.line - y.line || x.column - y.column);
  for (const finding of inOrder) {
    const by = directives.length ? suppressors.of(finding) : null;
    if (!by) {
      kept.push(finding);
      continue;
    }
    suppressed.push({ ...finding, suppression: { kind: "inSource", justification: by.justification } });
    let rules = used.get(by);
    if (!rules) used.set(by, (rules = new Set()));
    rules.add(finding.ruleId);
  }

  for (const directive of directives) {
    for (const problem of directive.problems) kept.push(directiveFinding(INVALID_DIRECTIVE, "error", problem.message, options.file, problem.span));
    if (directive.kind === "invalid") continue;
    for (const rule of directive.rules) {
      if (!options.knownRules.has(rule.id)) {
        kept.push(directiveFinding(INVALID_DIRECTIVE, "error", `Unknown rule "${rule.id}" in ${directive.name}.`, options.file, rule.span));
      }
    }
    if (!options.reportUnused || directive.kind === "enable") continue;
    const severity = options.unusedSeverity ?? "warning";
    const rules = used.get(directive);
    const unjudged = options.unjudged ?? new Set<string>();
    if (directive.rules.length === 0) {
      if (!rules && unjudged.size === 0) kept.push(directiveFinding(UNUSED_DIRECTIVE, severity, `Unused ${directive.name} directive: it suppressed no finding.`, options.file, directive.span));
      continue;
    }
    const reported = new Set<string>();
    for (const rule of directive.rules) {
      if (!options.knownRules.has(rule.id) || rules?.has(rule.id) || reported.has(rule.id) || unjudged.has(rule.id)) continue;
      reported.add(rule.id);
      kept.push(directiveFinding(UNUSED_DIRECTIVE, severity, `Unused ${directive.name} directive: no "${rule.id}" finding to suppress.`, options.file, rule.span));
    }
  }

  kept.sort(compareFindings);
  suppressed.sort(compareFindings);
  return { findings: kept, suppressed };
}

/**
 * Applies a matrix's inline directives to its findings (Markdown only: other formats have none).
 * `directives`: the matrix's, when the caller already read them.
 */
export function suppressInline(matrix: Matrix, findings: readonly Finding[], options: Omit<ApplyDirectivesOptions, "file">, directives: readonly Directive[] = directivesOf(matrix)): DirectiveOutcome {
  if (directives.length === 0) return { findings: [...findings], suppressed: [] };
  return applyDirectives(findings, directives, { ...options, file: matrix.file });
}

/** The code spans of a Markdown text (a run of backticks up to the next run of as many), as [start, end) offsets. */
function codeSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const match of text.matchAll(/(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/gu)) spans.push([match.index, match.index + match[0].length]);
  return spans;
}
