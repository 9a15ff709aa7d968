/**
 * Translation scope: a translated page compared with its source, by position. The run keeps a
 * summary of each page it lints (its tables, rows and cells' readings, no text beyond names); once
 * every file is linted, each translation found among them (see `translation-pairs.ts`) is aligned
 * with its source: sections, then the tables of each section, then the rows of each table, then the
 * cells of each row, parties matched by role and column. Text is never compared (it is translated):
 * where both sides have as many items, the n-th matches the n-th; where counts differ, an alignment
 * on what translations keep (codes, numbers, names left untranslated, text length) says which are
 * missing or extra. Every compared cell, and every item without a counterpart, is a subject.
 */
import type { CellReading, Matrix } from "../model/matrix.js";
import type { SourceSpan } from "../model/position.js";
import type { Scope } from "../model/rule.js";
import type { RoleScheme } from "../model/scheme.js";
import { plainText } from "../model/text.js";
import type { InputDeclaration, Subject } from "./subjects.js";
import { translationPairs, type TranslationMapping, type TranslationPair } from "../model/translation-pairs.js";

/** A cell as the comparison remembers it. */
export interface CellSummary {
  reading: CellReading;
  raw: string;
  span: SourceSpan;
  /** Its distinct valid codes, sorted (what alignment compares). */
  codeSet: string;
}

/** A table row. */
interface RowSummary {
  name: string;
  span: SourceSpan;
  /** One entry per party of the table, in column order; null where the row has no cell. */
  cells: (CellSummary | null)[];
}

/** A party column of a table. */
interface PartySummary {
  name: string;
  role: string | null;
  span: SourceSpan;
}

/** A table (or list, or YAML/JSON section) and its rows. */
interface TableSummary {
  parties: PartySummary[];
  /** Where the table starts (its first party's header cell): the line a finding about the table names. */
  span: SourceSpan;
  rows: RowSummary[];
}

/** A section (heading) holding at least one table. */
interface SectionSummary {
  title: string;
  /** The heading, or the first table when the section has none. */
  span: SourceSpan;
  tables: TableSummary[];
}

/** What a run remembers of a page to compare it with its translations. */
export interface PageSummary {
  /** The file as reported. */
  file: string;
  /** Where a finding about the page as a whole points (its title, or its start). */
  start: SourceSpan;
  sections: SectionSummary[];
}

const ORIGIN: SourceSpan = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

/** The distinct valid codes of a reading, sorted. */
function codeSetOf(reading: CellReading): string {
  return [...new Set(reading.codes)].sort().join("");
}

/** A page's sections, tables, rows and cells, in document order. */
export function summarise(matrix: Matrix): PageSummary {
  const sections: SectionSummary[] = [];
  const bySection = new Map<number, SectionSummary>();
  const tables: TableSummary[] = [];
  const tableOf = (index: number, section: number, partyIndexes: readonly number[], partySpans: readonly SourceSpan[], first: SourceSpan) => {
    let table = tables[index];
    if (table) return table;
    table = {
      parties: partyIndexes.map((p, i) => ({ name: matrix.parties[p]!.name, role: matrix.parties[p]!.role, span: partySpans[i] ?? matrix.parties[p]!.span })),
      span: partySpans[0] ?? first,
      rows: [],
    };
    tables[index] = table;
    let owner = bySection.get(section);
    if (!owner) {
      const s = matrix.sections[section]!;
      owner = { title: s.title, span: s.span ?? table.span, tables: [] };
      bySection.set(section, owner);
      sections.push(owner);
    }
    owner.tables.push(table);
    return table;
  };
  for (const activity of matrix.activities) {
    // Activities read from no table of their own (a format that has none) form one table per section.
    const index = activity.table ?? matrix.tables.length + activity.section;
    const t = activity.table !== undefined ? matrix.tables[activity.table] : undefined;
    const partyIndexes = t?.parties ?? matrix.sections[activity.section]!.parties;
    const table = tableOf(index, t?.section ?? activity.section, partyIndexes, t?.partySpans ?? [], activity.rowSpan);
    table.rows.push({
      name: activity.name,
      span: activity.span,
      cells: partyIndexes.map((p) => {
        const cell = activity.cells[p];
        return cell ? { reading: cell.reading, raw: cell.raw, span: cell.span, codeSet: codeSetOf(cell.reading) } : null;
      }),
    });
  }
  return { file: matrix.file, start: matrix.titleSpan ?? ORIGIN, sections };
}

/** What is compared: a cell, or a row, table, section or party column without a counterpart. */
export type TranslationItemKind = "cell" | "activity" | "table" | "section" | "party";

/** One comparison between a translation and its source. */
export interface TranslationItem {
  item: TranslationItemKind;
  /** `both` (a cell pair), `source-only` (missing from the translation) or `translation-only` (extra). */
  presence: "both" | "source-only" | "translation-only";
  /** Where, in the translation, a finding points. */
  at: SourceSpan;
  /** Where a missing item would be, relative to `at`: `before this row`, `after this section`, `from this page`...; empty otherwise. */
  where: string;
  /** The source's counterpart (or, for an extra item, the source's place for it). */
  sourceAt: SourceSpan;
  section: string;
  sourceSection: string;
  activity: string;
  sourceActivity: string;
  party: string;
  sourceParty: string;
  /** The party's role (the source's when it has one). */
  partyRole: string;
  cell: CellSummary | null;
  sourceCell: CellSummary | null;
}

/** More cells than this in a table pair's alignment grid: rows are matched by position, the surplus at the end (never slow). */
const MAX_ALIGNMENT = 1_000_000;

/**
 * Matches two sequences in order: by position when they are as long, otherwise as many pairs as the
 * shorter has, placed where `similarity` (0..1) is highest overall. Returns index pairs, -1 for a gap.
 */
export function alignSequences(n: number, m: number, similarity: (i: number, j: number) => number): [number, number][] {
  const out: [number, number][] = [];
  if (n === m || n === 0 || m === 0 || n * m > MAX_ALIGNMENT) {
    for (let k = 0; k < Math.max(n, m); k++) out.push([k < n ? k : -1, k < m ? k : -1]);
    return out;
  }
  // Each pair scores 1 plus its similarity: as many pairs as possible, then the most similar.
  const width = m + 1;
  const best = new Float64Array((n + 1) * width);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const diagonal = best[(i - 1) * width + j - 1]! + 1 + similarity(i - 1, j - 1);
      best[i * width + j] = Math.max(diagonal, best[(i - 1) * width + j]!, best[i * width + j - 1]!);
    }
  }
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = best[i * width + j]!;
    if (i > 0 && j > 0 && here === best[(i - 1) * width + j - 1]! + 1 + similarity(i - 1, j - 1)) {
      out.push([--i, --j]);
    } else if (i > 0 && (j === 0 || here === best[(i - 1) * width + j]!)) out.push([--i, -1]);
    else out.push([-1, --j]);
  }
  return out.reverse();
}

/**
 * Words a translation may keep as written: numbers, footnote markers, acronyms, names and the
 * longer words languages borrow (`Cloud Connect`, `BGP`, `(1)`, `clusters`), lower-cased.
 */
function keptTokens(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of plainText(text).matchAll(/\(\w{1,3}\)|\p{N}+|\p{Lu}[\p{L}\p{N}-]*|\p{L}{4,}/gu)) out.add(m[0].toLowerCase());
  return out;
}

/** How alike two sets are (1 when both are empty). */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common);
}

/** How alike two lengths are (0..1). */
function lengthRatio(a: number, b: number): number {
  return a === 0 && b === 0 ? 1 : Math.min(a, b) / Math.max(a, b);
}

/** The parties of two tables matched: a role each side has once goes with itself; the others by column (aligned on their codes when counts differ). */
function matchParties(source: TableSummary, translation: TableSummary): [number, number][] {
  const pairs: [number, number][] = [];
  const usedS = new Set<number>();
  const usedT = new Set<number>();
  for (const role of ["customer", "provider", "third-party"]) {
    const s = source.parties.flatMap((p, i) => (p.role === role ? [i] : []));
    const t = translation.parties.flatMap((p, i) => (p.role === role ? [i] : []));
    if (s.length === 1 && t.length === 1) {
      pairs.push([s[0]!, t[0]!]);
      usedS.add(s[0]!);
      usedT.add(t[0]!);
    }
  }
  const restS = source.parties.map((_, i) => i).filter((i) => !usedS.has(i));
  const restT = translation.parties.map((_, i) => i).filter((i) => !usedT.has(i));
  const rows = Math.min(source.rows.length, translation.rows.length);
  const columnSimilarity = (a: number, b: number) => {
    let same = 0;
    for (let r = 0; r < rows; r++) if ((source.rows[r]!.cells[restS[a]!]?.codeSet ?? "") === (translation.rows[r]!.cells[restT[b]!]?.codeSet ?? "")) same++;
    return rows === 0 ? 0 : same / rows;
  };
  for (const [a, b] of alignSequences(restS.length, restT.length, columnSimilarity)) pairs.push([a < 0 ? -1 : restS[a]!, b < 0 ? -1 : restT[b]!]);
  return pairs;
}

/** How alike two rows are, on the matched parties' codes and the text a translation keeps. */
function rowSimilarity(a: RowSummary, b: RowSummary, parties: readonly [number, number][]): number {
  const matched = parties.filter(([s, t]) => s >= 0 && t >= 0);
  let same = 0;
  for (const [s, t] of matched) if ((a.cells[s]?.codeSet ?? "") === (b.cells[t]?.codeSet ?? "")) same++;
  const codes = matched.length === 0 ? 0 : same / matched.length;
  return 0.5 * codes + 0.3 * overlap(keptTokens(a.name), keptTokens(b.name)) + 0.2 * lengthRatio(plainText(a.name).length, plainText(b.name).length);
}

/** How alike two sections are: their tables' sizes and codes, and what their titles keep. */
function sectionSimilarity(a: SectionSummary, b: SectionSummary): number {
  const sizes = (s: SectionSummary) => s.tables.map((t) => t.rows.length);
  const codes = (s: SectionSummary) => new Set(s.tables.flatMap((t) => t.rows.map((r, i) => `${i}:${r.cells.map((c) => c?.codeSet ?? "").join("|")}`)));
  const sa = sizes(a);
  const sb = sizes(b);
  let size = 0;
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) size += lengthRatio(sa[i] ?? 0, sb[i] ?? 0);
  size /= Math.max(sa.length, sb.length, 1);
  return 0.4 * size + 0.4 * overlap(codes(a), codes(b)) + 0.2 * overlap(keptTokens(a.title), keptTokens(b.title));
}

/** Where a missing item goes in the translation: before the next item that has a counterpart, else after the previous one. */
function gapAnchor<T>(
  pairs: readonly [number, number][],
  k: number,
  items: readonly T[],
  spanOf: (item: T, last: boolean) => SourceSpan,
  noun: string,
  fallback: { at: SourceSpan; where: string },
): { at: SourceSpan; where: string } {
  for (let x = k + 1; x < pairs.length; x++) {
    const j = pairs[x]![1];
    if (j >= 0) return { at: spanOf(items[j]!, false), where: `before this ${noun}` };
  }
  for (let x = k - 1; x >= 0; x--) {
    const j = pairs[x]![1];
    if (j >= 0) return { at: spanOf(items[j]!, true), where: `after this ${noun}` };
  }
  return fallback;
}

/** Where an extra item of the translation goes in the source: its counterpart's place (the next aligned item, else the previous, else the container). */
function sourcePlace<T>(pairs: readonly [number, number][], k: number, items: readonly T[], spanOf: (item: T) => SourceSpan, fallback: SourceSpan): SourceSpan {
  for (let x = k + 1; x < pairs.length; x++) if (pairs[x]![0] >= 0) return spanOf(items[pairs[x]![0]]!);
  for (let x = k - 1; x >= 0; x--) if (pairs[x]![0] >= 0) return spanOf(items[pairs[x]![0]]!);
  return fallback;
}

/** The last row's span of a section (where `after this section` points). */
const lastRowOf = (s: SectionSummary): SourceSpan => s.tables.at(-1)!.rows.at(-1)?.span ?? s.span;
const lastRowOfTable = (t: TableSummary): SourceSpan => t.rows.at(-1)?.span ?? t.span;

/** An item with every field, in one order (one object shape for thousands of cells), those not given empty. */
function entry(f: Partial<TranslationItem> & Pick<TranslationItem, "item" | "presence" | "at" | "sourceAt">): TranslationItem {
  return {
    item: f.item,
    presence: f.presence,
    at: f.at,
    where: f.where ?? "",
    sourceAt: f.sourceAt,
    section: f.section ?? "",
    sourceSection: f.sourceSection ?? "",
    activity: f.activity ?? "",
    sourceActivity: f.sourceActivity ?? "",
    party: f.party ?? "",
    sourceParty: f.sourceParty ?? "",
    partyRole: f.partyRole ?? "",
    cell: f.cell ?? null,
    sourceCell: f.sourceCell ?? null,
  };
}

/** Every comparison between a translated page and its source. */
export function compareTranslation(source: PageSummary, translation: PageSummary): TranslationItem[] {
  const items: TranslationItem[] = [];
  const sections = alignSequences(source.sections.length, translation.sections.length, (i, j) => sectionSimilarity(source.sections[i]!, translation.sections[j]!));
  sections.forEach(([i, j], k) => {
    if (j < 0) {
      const s = source.sections[i]!;
      const place = gapAnchor(sections, k, translation.sections, (t, last) => (last ? lastRowOf(t) : t.span), "section", { at: translation.start, where: "from this page" });
      items.push(entry({ item: "section", presence: "source-only", at: place.at, where: place.where, sourceAt: s.span, sourceSection: s.title }));
      return;
    }
    const t = translation.sections[j]!;
    if (i < 0) {
      items.push(entry({ item: "section", presence: "translation-only", at: t.span, sourceAt: sourcePlace(sections, k, source.sections, (s) => s.span, source.start), section: t.title }));
      return;
    }
    compareSection(source.sections[i]!, t, items);
  });
  return items;
}

/** Compares two aligned sections: their tables in order. */
function compareSection(source: SectionSummary, translation: SectionSummary, items: TranslationItem[]): void {
  const titles = { section: translation.title, sourceSection: source.title };
  const tables = alignSequences(source.tables.length, translation.tables.length, (i, j) => lengthRatio(source.tables[i]!.rows.length, translation.tables[j]!.rows.length));
  tables.forEach(([i, j], k) => {
    if (j < 0) {
      const place = gapAnchor(tables, k, translation.tables, (t, last) => (last ? lastRowOfTable(t) : t.span), "table", { at: translation.span, where: "from this section" });
      items.push(entry({ ...titles, item: "table", presence: "source-only", at: place.at, where: place.where, sourceAt: source.tables[i]!.span }));
      return;
    }
    const t = translation.tables[j]!;
    if (i < 0) {
      items.push(entry({ ...titles, item: "table", presence: "translation-only", at: t.span, sourceAt: sourcePlace(tables, k, source.tables, (s) => s.span, source.span) }));
      return;
    }
    compareTable(source.tables[i]!, t, titles, items);
  });
}

/** Compares two aligned tables: parties, then rows, then the cells of matched rows and parties. */
function compareTable(source: TableSummary, translation: TableSummary, titles: Pick<TranslationItem, "section" | "sourceSection">, items: TranslationItem[]): void {
  const parties = matchParties(source, translation);
  const roleOf = (s: number, t: number) => (s >= 0 ? source.parties[s]!.role : null) ?? (t >= 0 ? translation.parties[t]!.role : null) ?? "unknown";
  for (const [s, t] of parties) {
    if (t < 0) {
      const p = source.parties[s]!;
      items.push(entry({ ...titles, item: "party", presence: "source-only", at: translation.span, where: "from this table", sourceAt: p.span, sourceParty: p.name, partyRole: roleOf(s, t) }));
    } else if (s < 0) {
      const p = translation.parties[t]!;
      items.push(entry({ ...titles, item: "party", presence: "translation-only", at: p.span, sourceAt: source.span, party: p.name, partyRole: roleOf(s, t) }));
    }
  }
  const matched = parties.filter(([s, t]) => s >= 0 && t >= 0);
  const roles = matched.map(([s, t]) => roleOf(s, t));
  const rows = alignSequences(source.rows.length, translation.rows.length, (i, j) => rowSimilarity(source.rows[i]!, translation.rows[j]!, matched));
  rows.forEach(([i, j], k) => {
    if (j < 0) {
      const r = source.rows[i]!;
      const place = gapAnchor(rows, k, translation.rows, (row) => row.span, "row", { at: translation.span, where: "from this table" });
      items.push(entry({ ...titles, item: "activity", presence: "source-only", at: place.at, where: place.where, sourceAt: r.span, sourceActivity: r.name }));
      return;
    }
    const row = translation.rows[j]!;
    if (i < 0) {
      items.push(entry({ ...titles, item: "activity", presence: "translation-only", at: row.span, sourceAt: sourcePlace(rows, k, source.rows, (r) => r.span, source.span), activity: row.name }));
      return;
    }
    const sourceRow = source.rows[i]!;
    matched.forEach(([s, t], m) => {
      const cell = row.cells[t] ?? null;
      const sourceCell = sourceRow.cells[s] ?? null;
      items.push({
        item: "cell",
        presence: "both",
        at: cell?.span ?? row.span,
        where: "",
        sourceAt: sourceCell?.span ?? sourceRow.span,
        section: titles.section,
        sourceSection: titles.sourceSection,
        activity: row.name,
        sourceActivity: sourceRow.name,
        party: translation.parties[t]!.name,
        sourceParty: source.parties[s]!.name,
        partyRole: roles[m]!,
        cell,
        sourceCell,
      });
    });
  });
}

/** One translated page and its source: what its subjects share. */
export interface TranslationContext {
  pair: TranslationPair;
  source: PageSummary;
  translation: PageSummary;
  scheme: RoleScheme;
}

/** Inputs of a translation-scope subject. */
export interface TranslationInputs {
  item: TranslationItemKind;
  presence: TranslationItem["presence"];
  /** The translation's cell and the source's (null: no cell, or not a cell comparison). */
  reading: CellReading | null;
  sourceReading: CellReading | null;
  raw: string;
  sourceRaw: string;
  /** The source file as reported, and the line of the source's counterpart. */
  sourceFile: string;
  sourceLine: number;
  sectionTitle: string;
  sourceSectionTitle: string;
  activityName: string;
  sourceActivityName: string;
  partyName: string;
  sourcePartyName: string;
  partyRole: string;
  where: string;
  locale: string;
  scheme: RoleScheme;
}

/** How translation inputs are told apart in memo keys (see `INPUTS` in `subjects.ts`). */
export const TRANSLATION_INPUTS = {
  item: { key: (s: TranslationInputs) => s.item },
  presence: { key: (s: TranslationInputs) => s.presence },
  reading: { key: (s: TranslationInputs) => s.reading },
  sourceReading: { key: (s: TranslationInputs) => s.sourceReading },
  raw: { key: (s: TranslationInputs) => s.raw },
  sourceRaw: { key: (s: TranslationInputs) => s.sourceRaw },
  sourceFile: { key: (s: TranslationInputs) => s.sourceFile, level: "context" },
  sourceLine: { key: (s: TranslationInputs) => s.sourceLine },
  sectionTitle: { key: (s: TranslationInputs) => s.sectionTitle },
  sourceSectionTitle: { key: (s: TranslationInputs) => s.sourceSectionTitle },
  activityName: { key: (s: TranslationInputs) => s.activityName },
  sourceActivityName: { key: (s: TranslationInputs) => s.sourceActivityName },
  partyName: { key: (s: TranslationInputs) => s.partyName },
  sourcePartyName: { key: (s: TranslationInputs) => s.sourcePartyName },
  partyRole: { key: (s: TranslationInputs) => s.partyRole },
  where: { key: (s: TranslationInputs) => s.where },
  locale: { key: (s: TranslationInputs) => s.locale, level: "context" },
  scheme: { key: (s: TranslationInputs) => s.scheme, level: "context" },
} satisfies Record<keyof TranslationInputs, InputDeclaration>;

/** One comparison of a translated page with its source. */
export class TranslationSubject implements Subject, TranslationInputs {
  readonly scope: Scope = "translation";
  readonly cell = null;
  readonly activityRef = null;
  readonly matrix = null;
  constructor(
    readonly context: TranslationContext,
    private readonly entry: TranslationItem,
  ) {}
  get span(): SourceSpan {
    return this.entry.at;
  }
  get file(): string {
    return this.context.translation.file;
  }
  get section(): string | null {
    return this.entry.section || null;
  }
  get activity(): string | null {
    return this.entry.activity ? plainText(this.entry.activity) : null;
  }
  get party(): string | null {
    return this.entry.party || this.entry.sourceParty || null;
  }
  anchor(): SourceSpan | null {
    return null;
  }
  get item(): TranslationItemKind {
    return this.entry.item;
  }
  get presence(): TranslationItem["presence"] {
    return this.entry.presence;
  }
  get reading(): CellReading | null {
    return this.entry.cell?.reading ?? null;
  }
  get sourceReading(): CellReading | null {
    return this.entry.sourceCell?.reading ?? null;
  }
  get raw(): string {
    return this.entry.cell?.raw ?? "";
  }
  get sourceRaw(): string {
    return this.entry.sourceCell?.raw ?? "";
  }
  get sourceFile(): string {
    return this.context.source.file;
  }
  get sourceLine(): number {
    return this.entry.sourceAt.start.line;
  }
  get sectionTitle(): string {
    return this.entry.section;
  }
  get sourceSectionTitle(): string {
    return this.entry.sourceSection;
  }
  get activityName(): string {
    return this.entry.activity;
  }
  get sourceActivityName(): string {
    return this.entry.sourceActivity;
  }
  get partyName(): string {
    return this.entry.party;
  }
  get sourcePartyName(): string {
    return this.entry.sourceParty;
  }
  get partyRole(): string {
    return this.entry.partyRole;
  }
  get where(): string {
    return this.entry.where;
  }
  get locale(): string {
    return this.context.pair.locale;
  }
  get scheme(): RoleScheme {
    return this.context.scheme;
  }
}

/** `/`-separated, for pairing paths written either way. */
const slashed = (path: string) => path.split("\\").join("/");

/** Collects the pages of a run and, once all are linted, compares each translation with its source. */
export class TranslationCollector {
  private readonly pages = new Map<string, PageSummary>();
  private readonly mappings: TranslationMapping[] = [];
  private readonly mappingKeys = new Set<string>();
  /** The pages worth remembering (paired with another file of the run), when the run's paths are known before it starts; null: all. */
  private wanted: Set<string> | null = null;

  constructor(private readonly scheme: RoleScheme) {}

  /**
   * Says which files the run will lint (before it lints them, once every configuration's mappings
   * are added): only pages that translate, or are translated by, another of them are remembered,
   * so a run without translations keeps nothing.
   */
  plan(paths: readonly string[]): void {
    const wanted = new Set<string>();
    for (const pair of translationPairs(paths.map(slashed), this.mappings)) {
      wanted.add(pair.source);
      wanted.add(pair.translation);
    }
    this.wanted = wanted;
  }

  /** Adds the `translations` mappings of a configuration (each once). */
  addMappings(mappings: readonly TranslationMapping[]): void {
    for (const m of mappings) {
      const key = JSON.stringify([m.base, m.source, m.target]);
      if (this.mappingKeys.has(key)) continue;
      this.mappingKeys.add(key);
      this.mappings.push({ ...m, base: slashed(m.base) });
    }
  }

  /** Remembers a page; `path` is where it is (absolute), for configured mappings (default: its reported name). */
  add(matrix: Matrix, path: string = matrix.file): PageSummary | null {
    const key = slashed(path);
    if (this.wanted && !this.wanted.has(key)) return null;
    const summary = summarise(matrix);
    this.pages.set(key, summary);
    return summary;
  }

  /** Whether the run remembers the page at `path` (it is paired with another file of the run). */
  wants(path: string): boolean {
    return this.wanted === null || this.wanted.has(slashed(path));
  }

  /** Remembers a page summarised in another thread or an earlier run (the lint cache's). */
  addSummary(path: string, summary: PageSummary): void {
    const key = slashed(path);
    if (this.wanted && !this.wanted.has(key)) return;
    this.pages.set(key, summary);
  }

  /** The translation pairs among the pages remembered, by translation path. */
  pairs(): TranslationPair[] {
    return translationPairs([...this.pages.keys()], this.mappings);
  }

  /** The pairs as the run reports the files (`file` of each page). */
  reportedPairs(): TranslationPair[] {
    return this.pairs().map((p) => ({ ...p, source: this.pages.get(p.source)!.file, translation: this.pages.get(p.translation)!.file }));
  }

  /** One subject per compared cell, and per row, table, section or party without a counterpart, pair by pair. */
  subjects(): TranslationSubject[] {
    const out: TranslationSubject[] = [];
    for (const pair of this.pairs()) {
      const context: TranslationContext = { pair, source: this.pages.get(pair.source)!, translation: this.pages.get(pair.translation)!, scheme: this.scheme };
      for (const item of compareTranslation(context.source, context.translation)) out.push(new TranslationSubject(context, item));
    }
    return out;
  }
}
