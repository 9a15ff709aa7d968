/**
 * Markdown reader: scanned blocks -> `Matrix`. Chooses the document's scheme (what it names, what its
 * legend defines), decides what each table is (see `grid.ts`: a matrix in one of its layouts, a
 * legend, or something else left alone), reads role lists (`- Task` with `- R: Dev` under it), and
 * records each decision for `--explain`.
 */
import { parse, type YAMLError } from "yaml";
import type { Activity, Cell, Legend, LegendEntry, Matrix, Party, ReadProblem, Section } from "../../model/matrix.js";
import { LineIndex, type SourceSpan } from "../../model/position.js";
import type { RoleScheme } from "../../model/scheme.js";
import { activityKey, findHighlight, nameKey, plainText } from "../../model/text.js";
import { MatrixBuilder } from "../builder.js";
import { cellContext, codeWords, placeRowCell, type CellContext } from "../cell-codes.js";
import { parseSimpleFrontMatter } from "../front-matter.js";
import { isGroupRow, matrixDecision, readGridTable, readLegendRows, roleCell, type GridCell, type TableReader } from "../grid.js";
import type { ReadOptions } from "../options.js";
import { partyNameFromHeader, PartyNames } from "../parties.js";
import { chooseScheme, inlineLegendCodes, mayHoldInlineLegend, RACI_WORDS, wordConvention, type LegendHint, type SchemeHint } from "../scheme-hints.js";
import { cellContent } from "./cells.js";
import { readRest, type RowRest } from "./rest.js";
import { scanMarkdown } from "./scan.js";
import { TableCell, type ScannedCell, type ScannedDocument, type ScannedFrontMatter, type ScannedListItem, type ScannedTable, type TableRow } from "./scan-types.js";

export { plainText };

/** Reads a Markdown document into a matrix model. Never throws on bad input. */
export function readMarkdown(file: string, text: string, options: ReadOptions): Matrix {
  const bom = text.charCodeAt(0) === 0xfeff;
  const source = bom ? text.slice(1) : text;
  const lines = new LineIndex(source);
  const doc = scanMarkdown(source);
  const problems: ReadProblem[] = [];
  const frontMatter = doc.frontMatter ? readFrontMatter(doc.frontMatter, lines, problems) : {};
  const hints = schemeHints(doc, frontMatter, source, lines);
  let choice = chooseScheme(options.schemeConfigured ? options.scheme : null, options.scheme, hints.texts, hints.legends);
  // Role words whose meaning the document settles by using them together (only with tables).
  const convention = !options.schemeConfigured && choice.scheme && doc.blocks.some((b) => b.kind === "table") ? wordConvention(choice.scheme, tableText(doc)) : null;
  if (convention) choice = convention;
  const scheme = choice.scheme ?? options.scheme;
  const builder = new MatrixBuilder(file, "markdown", source, bom, lines, scheme, choice.reason);
  builder.setLayout({
    tables: doc.blocks.flatMap((b) => (b.kind === "table" ? [b.table] : [])),
    comments: doc.blocks.flatMap((b) => (b.kind === "comment" ? [b.comment] : [])),
  });
  builder.setFrontMatter(frontMatter);
  if (typeof frontMatter.title === "string" && doc.frontMatter) builder.setTitle(frontMatter.title, doc.frontMatter.content);
  const reader = new DocumentReader(builder, lines, { ...options, scheme }, problems, hints.raciNamed, choice.scheme === null ? choice.reason : null);

  let listRun: ScannedListItem[] = [];
  const flushList = () => {
    if (listRun.length > 0) reader.readList(listRun);
    listRun = [];
  };
  for (const block of doc.blocks) {
    if (block.kind !== "list-item") flushList();
    switch (block.kind) {
      case "heading":
        reader.heading(plainText(block.heading.text), block.heading.span);
        break;
      case "list-item":
        listRun.push(block.item);
        break;
      case "comment":
        break;
      case "table":
        reader.readTable(block.table);
        break;
    }
  }
  flushList();
  return builder.finish(problems, options.parties ?? null);
}

/** What a document says of its scheme: texts that may name one, legends, and whether it names RACI at all. */
function schemeHints(doc: ScannedDocument, frontMatter: Record<string, unknown>, source: string, lines: LineIndex): { texts: SchemeHint[]; legends: LegendHint[]; raciNamed: boolean } {
  const texts: SchemeHint[] = [];
  const legends: LegendHint[] = [];
  if (typeof frontMatter.title === "string") texts.push({ text: frontMatter.title, where: "the front matter's title" });
  for (const [key, value] of Object.entries(frontMatter)) if (key !== "title" && typeof value === "string") texts.push({ text: value, where: `the front matter's ${key}` });
  const legendLetters = (entries: LegendEntry[] | null, where: string) => {
    if (entries && entries.length >= 2) legends.push({ codes: entries.map((e) => e.code), where });
  };
  let listRun: ScannedListItem[] = [];
  const flush = () => {
    if (listRun.length >= 2) legendLetters(listLegend(listRun, lines), `the legend at line ${listRun[0]!.content.start.line}`);
    listRun = [];
  };
  for (const block of doc.blocks) {
    if (block.kind !== "list-item") flush();
    if (block.kind === "heading") texts.push({ text: block.heading.text, where: `the heading at line ${block.heading.span.start.line}` });
    else if (block.kind === "list-item") listRun.push(block.item);
    else if (block.kind === "table") {
      texts.push({ text: block.table.header.cells.map((c) => c.raw).join(" "), where: `the table header at line ${block.table.span.start.line}` });
      legendLetters(readLegendRows(block.table, markSpan(lines)), `the legend at line ${block.table.span.start.line}`);
    }
  }
  flush();
  // A legend in a line of prose (`Legend: R = Responsible, ...`, `**Key:** **L** = Lead · ...`).
  if (mayHoldInlineLegend(source)) {
    const starts = lines.lineStarts;
    for (let i = 0; i < starts.length; i++) {
      const line = source.slice(starts[i], starts[i + 1] ?? source.length);
      if (line.startsWith("|") || !/(?:=|—|–|:)/u.test(line)) continue;
      const codes = inlineLegendCodes(line);
      if (codes) legends.push({ codes, where: `the legend at line ${i + 1}` });
    }
  }
  const raciNamed = texts.some((t) => RACI_WORDS.test(t.text)) || legends.length > 0;
  return { texts, legends, raciNamed };
}

/** The text of a document's tables (their lines), for word conventions. */
function tableText(doc: ScannedDocument): string {
  let text = "";
  for (const block of doc.blocks) if (block.kind === "table") for (const row of block.table.rows) text += `${row.text.slice(row.from, row.lineEnd)}\n`;
  return text;
}

/** Spans inside a table cell (Markdown cells lie on one line). */
function markSpan(lines: LineIndex): (cell: GridCell, start: number, end: number) => SourceSpan {
  return (cell, start, end) => {
    if (cell instanceof TableCell) return cell.spanOf(cell.contentStart + start, cell.contentStart + end);
    const at = cell.content.start.offset;
    return lines.span(at + start, at + end);
  };
}

/** Reads the tables and lists of one document, section by section. */
class DocumentReader {
  private headingTitle: string | null = null;
  private headingSpan: SourceSpan | null = null;
  private headingSection: number | null = null;
  private readonly words: ReadonlyMap<string, string>;
  private readonly spanIn: (cell: GridCell, start: number, end: number) => SourceSpan;

  constructor(
    private readonly builder: MatrixBuilder,
    private readonly lines: LineIndex,
    private readonly options: ReadOptions & { scheme: RoleScheme },
    private readonly problems: ReadProblem[],
    private readonly raciNamed: boolean,
    /** Set when the document's scheme is one raci-lint does not know: why its tables are left alone. */
    private readonly unknownScheme: string | null,
  ) {
    this.words = codeWords(options.scheme);
    this.spanIn = markSpan(lines);
  }

  heading(title: string, span: SourceSpan): void {
    this.headingTitle = title;
    this.headingSpan = span;
    this.headingSection = null;
    this.builder.setTitle(title, span, false);
  }

  /** The section of the current heading (opened on first use). */
  private section(): number {
    this.headingSection ??= this.builder.addSection(this.headingTitle ?? this.builder.title ?? "", this.headingSpan);
    return this.headingSection;
  }

  private get sectionTitle(): string {
    return this.headingTitle ?? this.builder.title ?? "";
  }

  /** Reads a table: a legend, a matrix in some layout, or left alone; says which and why (see `readGridTable`). */
  readTable(table: ScannedTable): void {
    const headerTexts = table.header.cells.slice(1).map((c) => c.raw);
    const headerNames = headerTexts.map(partyNameFromHeader);
    const ctx = cellContext(this.lines, this.options.scheme, new PartyNames(headerTexts, headerNames), this.options.readCell);
    const rests = restsOf(table.rows, ctx, this.options);
    const readings = rests.map((rest) => rest.map((c) => c.reading));
    readGridTable(table, this.tableReader, { ctx, readings, read: (section) => readPlainRows(table, rests, headerNames, this.builder, section, this.problems) });
  }

  /** This document as `readGridTable` sees it: made once (what it holds is fixed, or read through it when a table needs it). */
  private get tableReader(): TableReader {
    return (this.gridReader ??= this.makeTableReader());
  }
  private gridReader: TableReader | null = null;

  private makeTableReader(): TableReader {
    // No getter in this literal: an object literal with an accessor kept each document's reader
    // objects alive across scavenges (183 MB promoted to old space on the bench corpus, against 27).
    return {
      builder: this.builder,
      lines: this.lines,
      scheme: this.options.scheme,
      words: this.words,
      ...(this.options.readCell ? { readCell: this.options.readCell } : {}),
      problems: this.problems,
      raciNamed: this.raciNamed,
      unknownScheme: this.unknownScheme,
      section: () => this.section(),
      sectionTitle: () => this.sectionTitle,
      spanIn: this.spanIn,
    };
  }

  /**
   * Reads a run of list items: a legend (`- **R** (Responsible): ...`), a role list (`- Task` with
   * `- R: Dev, QA` items under it), or neither.
   */
  readList(items: readonly ScannedListItem[]): void {
    const builder = this.builder;
    const span = spanOf(items.map((i) => i.content));
    const legend = items.length >= 2 ? listLegend(items, this.lines) : null;
    if (legend) {
      builder.addLegend(legend, span);
      builder.decide({ span, kind: "legend", reason: `its items define codes (${legend.map((e) => e.code).join(", ")})` });
      return;
    }
    const roleItems = items.filter((i) => ROLE_ITEM.test(i.text));
    if (roleItems.length < 2 || this.unknownScheme) return;
    const from = builder.activityCount;
    if (this.readRoleList(items) > 0)
      builder.decide(matrixDecision(span, "list", this.sectionTitle, builder.summary(from), "its items are activities with role items (R:, A:, C:, I:) naming parties under them"));
  }

  /** Reads a role list (see `readList`); returns the number of activities read. */
  private readRoleList(items: readonly ScannedListItem[]): number {
    const builder = this.builder;
    const scheme = this.options.scheme;
    const rank = new Map(scheme.codes.map((c, i) => [c.code, i]));
    let read = 0;
    let activity: ScannedListItem | null = null;
    let roles: { code: string; names: { name: string; span: SourceSpan }[] }[] = [];
    const flush = () => {
      if (!activity || roles.length === 0) return;
      const section = this.section();
      const byParty = new Map<number, { codes: Set<string>; names: { code: string; name: string; span: SourceSpan }[] }>();
      for (const role of roles) {
        for (const n of role.names) {
          const party = builder.party(n.name, n.name, n.span, false);
          let entry = byParty.get(party);
          if (!entry) byParty.set(party, (entry = { codes: new Set(), names: [] }));
          entry.codes.add(role.code);
          entry.names.push({ code: role.code, name: n.name, span: n.span });
        }
      }
      builder.useParties(
        section,
        [...byParty.keys()],
        [...byParty.values()].map((e) => e.names[0]!.span),
        read > 0,
      );
      const cells = builder.emptyCells();
      for (const [party, entry] of byParty) {
        const codes = [...entry.codes].sort((a, b) => (rank.get(a) ?? 99) - (rank.get(b) ?? 99));
        cells[party] = roleCell(party, codes, entry.names);
      }
      const name = plainText(activity.text);
      builder.addActivity({ name, key: activityKey(name), section, group: null, span: activity.content, rowSpan: activity.content, cells, cellCount: 1, expectedCellCount: 1, extraCells: [] });
      read++;
    };
    for (const item of items) {
      const role = ROLE_ITEM.exec(item.text);
      const code = role ? roleCode(role[1]!, scheme, this.words) : null;
      if (role && code && activity && item.content.start.column > activity.content.start.column) {
        const valueAt = item.content.start.offset + item.text.length - role[2]!.length;
        roles.push({ code, names: namesIn(role[2]!, valueAt, this.lines) });
        continue;
      }
      flush();
      activity = role ? null : item;
      roles = [];
    }
    flush();
    return read;
  }
}

/** A role sub-item: `R: Dev, QA`, `Accountable: PM`, `**A** — Lead`. */
const ROLE_ITEM = /^[*_]*([A-Za-z][\p{L} ]{0,20}?)[*_]*\s*(?::|—|–|=)\s*(.+)$/u;

/** The code a role label names (`R`, `Responsible`, `Consulté`), or null. */
function roleCode(label: string, scheme: RoleScheme, words: ReadonlyMap<string, string>): string | null {
  const text = label.trim();
  const code = text.length === 1 ? text.toUpperCase() : words.get(nameKey(text));
  return code !== undefined && scheme.codes.some((c) => c.code === code) ? code : null;
}

/** The party names a role item lists (`A0, A4, A5`, `Dev and QA`), with where each is. */
function namesIn(text: string, at: number, lines: LineIndex): { name: string; span: SourceSpan }[] {
  const out: { name: string; span: SourceSpan }[] = [];
  for (const match of text.matchAll(/[^,;/+&]+/gu)) {
    const name = plainText(match[0].trim());
    if (name === "" || /^[-–—]+$/u.test(name)) continue;
    const start = at + match.index + (match[0].length - match[0].trimStart().length);
    out.push({ name, span: lines.span(start, start + match[0].trim().length) });
  }
  return out;
}

/** Parses front matter YAML; a syntax error becomes a positioned problem, not an exception. */
function readFrontMatter(fm: ScannedFrontMatter, lines: LineIndex, problems: ReadProblem[]): Record<string, unknown> {
  // Most front matter is a few `key: plain scalar` lines: read those directly, since yaml's first
  // documents are slow (cold code); anything else goes through `parse` (no document model kept).
  let value: unknown = parseSimpleFrontMatter(fm.yaml);
  if (value === undefined) {
    try {
      // logLevel "error": yaml's warnings (an unknown `!tag`) would go to the process' stderr.
      value = parse(fm.yaml, { prettyErrors: false, logLevel: "error" });
    } catch (error) {
      const at = fm.content.start.offset + ((error as YAMLError).pos?.[0] ?? 0);
      problems.push({ ruleId: "parse-error", message: `Front matter: ${(error as Error).message.split("\n")[0]}`, span: lines.span(at, at) });
      return {};
    }
  }
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The smallest span covering all spans given. */
function spanOf(spans: SourceSpan[]): SourceSpan {
  return { start: spans[0]!.start, end: spans[spans.length - 1]!.end };
}

/** The rest of each row after its first cell, read in `ctx` (empty for a row of one cell). */
function restsOf(rows: readonly TableRow[], ctx: CellContext, options: ReadOptions): RowRest[] {
  const read = options.readRest ?? readRest;
  return rows.map((row) => {
    const start = row.restStart;
    return start === -1 ? [] : read(row.text.slice(start, row.lineEnd), ctx);
  });
}

/**
 * Reads a table in the usual orientation, activities in its first column, from each row's rest
 * (what the run's memo makes cheap): a party per column, a group row opening a group.
 */
function readPlainRows(table: ScannedTable, rests: readonly RowRest[], headerNames: readonly string[], builder: MatrixBuilder, section: number, problems: ReadProblem[]): void {
  const headers = table.header.cells;
  // A column without a header still holds a party's codes: it is named by its place.
  const partyIndexes = headers.slice(1).map((h, i) => builder.party(headerNames[i] || `column ${i + 2}`, h.raw, h.content));
  // A party named by two columns: the first column is read; the other is reported, never merged silently.
  const columns = partyIndexes.map((party, i) => {
    const first = partyIndexes.indexOf(party);
    if (first === i) return party;
    const header = headers[i + 1]!;
    problems.push({
      ruleId: "schema-violation",
      message: `Column ${i + 2} ("${header.raw}") names party "${builder.partyName(party)}" again (column ${first + 2}): its cells are not read; give each party one column.`,
      span: header.content,
    });
    return -1;
  });
  builder.useParties(
    section,
    partyIndexes,
    headers.slice(1).map((h) => h.content),
  );
  const width = headers.length;
  let group: number | null = null;
  const readingsOf = (rest: RowRest | undefined) => rest?.map((c) => c.reading);
  table.rows.forEach((row, r) => {
    const rest = rests[r]!;
    const activity = new TableRowActivity(row, section, group, [], undefined, 1 + rest.length, width, rest.length >= width ? rest.slice(width - 1) : []);
    if (
      activity.name !== "" &&
      rests[r + 1] !== undefined &&
      isGroupRow(
        activity.name,
        rest.map((c) => c.raw),
        width,
        readingsOf(rests[r + 1]),
      )
    ) {
      group = builder.addGroup(plainText(activity.name), activity.span, section);
      return;
    }
    const cells = builder.emptyCells();
    const at = row.restStart;
    const present = Math.min(rest.length, columns.length);
    for (let i = 0; i < present; i++) {
      const party = columns[i]!;
      const cell = rest[i]!;
      if (party >= 0) cells[party] = placeRowCell(cell.reading, party, cell.raw, row.line, row.lineStart, at + cell.contentStart, at + cell.boxStart, at + cell.boxEnd);
    }
    activity.cells = cells;
    builder.addActivity(activity);
  });
}

/**
 * An activity read from a table row. Its spans are made when asked for: most activities are never
 * pointed at.
 */
class TableRowActivity implements Activity {
  readonly name: string;
  readonly key: string;
  /** Where the activity text starts (for an empty one, where the scanner places an empty cell's content). */
  private readonly nameStart: number;

  constructor(
    private readonly row: TableRow,
    readonly section: number,
    readonly group: number | null,
    public cells: (Cell | null)[],
    /** Its table (set when added: see `MatrixBuilder.addActivity`). */
    public table: number | undefined,
    readonly cellCount: number,
    readonly expectedCellCount: number,
    /** Cells beyond the header's count, from the row's rest. */
    private readonly extra: RowRest,
  ) {
    const { start, end } = cellContent(row.text, row.firstBoxStart, row.firstBoxEnd);
    this.nameStart = start;
    this.name = start === end ? "" : row.text.slice(start, end);
    this.key = activityKey(this.name);
  }

  get span(): SourceSpan {
    const { line, lineStart } = this.row;
    const start = this.nameStart;
    return {
      start: { line, column: start - lineStart + 1, offset: start },
      end: { line, column: start - lineStart + 1 + this.name.length, offset: start + this.name.length },
    };
  }
  get rowSpan(): SourceSpan {
    return this.row.span;
  }
  get extraCells(): Activity["extraCells"] {
    const { line, lineStart, restStart } = this.row;
    return this.extra.map((c) => {
      const start = restStart + c.contentStart;
      return { raw: c.raw, span: { start: { line, column: start - lineStart + 1, offset: start }, end: { line, column: start - lineStart + 1 + c.raw.length, offset: start + c.raw.length } } };
    });
  }

  /** The activity as data (what `JSON.stringify` writes). */
  toJSON(): Activity {
    const { name, key, section, group, table, span, rowSpan, cells, cellCount, expectedCellCount, extraCells } = this;
    return { name, key, section, group, table, span, rowSpan, cells, cellCount, expectedCellCount, extraCells };
  }
}

const LIST_LEGEND = /^[*_]*\(?([A-Z])\)?[*_]*\s*(?:\(([^)]+)\)\s*[-:–—=]?|[-:–—=])\s*(.*)$/u;

/** The legend a run of list items makes (most items `- **R** (Responsible): ...`), or null. */
function listLegend(items: readonly ScannedListItem[], lines: LineIndex): LegendEntry[] | null {
  const entries = items.map((item) => legendEntryFromListItem(item, lines)).filter((e) => e !== null);
  // A legend defines each code once; `R:`, `A:` items repeated under activities are a role list.
  const distinct = new Set(entries.map((e) => e.code)).size;
  return entries.length >= 2 && entries.length >= items.length * 0.6 && distinct * 5 >= entries.length * 4 ? entries : null;
}

/** Reads a legend list item (`- **R** (Responsible): performs the work`), or returns null. */
function legendEntryFromListItem(item: ScannedListItem, lines: LineIndex): LegendEntry | null {
  const match = LIST_LEGEND.exec(item.text);
  if (!match) return null;
  const rest = (match[3] ?? "").trim();
  const term = (match[2] ?? plainText(rest).split(/[\s:,.;—–-]/u)[0] ?? "").trim();
  // A legend names roles: an entry whose term holds no letter (`- A: 12`) is not one.
  if (!/\p{L}/u.test(term)) return null;
  const cell: ScannedCell = { raw: item.text, content: item.content, box: item.content };
  const highlight = findHighlight(rest);
  const restAt = item.content.start.offset + item.text.length - (match[3] ?? "").length;
  if (highlight) {
    const at = restAt + highlight.index;
    return { code: match[1]!, term: plainText(term), description: rest, markedLetter: highlight.letter, span: item.content, markSpan: lines.span(at, at + highlight.length) };
  }
  return { code: match[1]!, term: plainText(term), description: rest, markedLetter: null, span: item.content, markSpan: cell.content };
}

export type { Legend, Party, Section };
