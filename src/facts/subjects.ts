/**
 * The subjects checks are evaluated on (cells, code tokens, activities, parties, legend entries,
 * matrices) and their *inputs*: the data facts are computed from. Every input is declared in
 * `INPUTS` with how it is told apart from another (its memo key); a fact names the inputs it uses,
 * so the evaluator knows exactly what decides a fact's value and can derive memo keys from that
 * (see `src/engine/memo.ts`). Pure: the same matrix and scheme always give the same subjects.
 */
import type { Activity, Cell, CellReading, LegendEntry, Matrix, Party } from "../model/matrix.js";
import { whyNoMatrix } from "../model/reading.js";
import { cellName, type SourceSpan } from "../model/position.js";
import type { Scope } from "../model/rule.js";
import { canonicalOrder, codeRanks, type RoleScheme } from "../model/scheme.js";
import { plainText } from "../model/text.js";

/**
 * How an input is told apart in memo keys. `key` returns a primitive (compared by value), an
 * immutable object (compared by identity) or an array of those (compared element by element).
 * `level`: `context`: the input is the same for every subject of a matrix (or of a section),
 * which `Subject.context` names, so its key is taken once per matrix (section) rather than per
 * subject; `row` (cells and tokens): the input follows from the activity's `row` and the cell's
 * place in it (its reading, its column's party), so rows alike have cells alike.
 * `from`: the input is computed from others (and keyed by them).
 */
export type InputDeclaration = { key: (subject: never) => unknown; level?: "context" | "row" } | { from: readonly string[] };

/** A party's entry of a row: its cell, `missing` (the row has no cell for it) or `unread` (a YAML/JSON value of the wrong type). */
export type RowEntry = Cell | "missing" | "unread";

/** What every subject of one matrix shares. */
export class MatrixView {
  private firstByKey: Map<number, Map<string, Activity>> | null = null;
  private readonly sectionKeys: string[] = [];
  private readonly sectionPartyLists: Party[][] = [];
  private tallies: PartyTally[] | null = null;
  private groups: TableGroup[] | null = null;

  constructor(
    readonly matrix: Matrix,
    readonly scheme: RoleScheme,
    /** Whether the file was named by the user (on the command line, or given as text), not found in a folder. */
    readonly named = true,
  ) {}

  /** The parties of a section's table. */
  sectionParties(section: number): Party[] {
    return (this.sectionPartyLists[section] ??= this.matrix.sections[section]!.parties.map((p) => this.matrix.parties[p]!));
  }

  /** What tells a section's parties apart from another's: their names and roles, in column order. */
  sectionPartiesKey(section: number): string {
    return (this.sectionKeys[section] ??= this.sectionParties(section)
      .map((p) => `${p.name}\u0002${p.role ?? ""}`)
      .join("\u0003"));
  }

  /**
   * The first activity with each key in the tables alike of an activity (its section's group: see
   * `tableGroups`), for the duplicate facts. Tables with other parties (a table per phase) may
   * name the same activity: it is not a duplicate.
   */
  firstWithKey(activity: Activity): Activity | undefined {
    if (!this.firstByKey) {
      // By group, then by key: no key string built per activity.
      const byGroup = new Map<number, Map<string, Activity>>();
      const groupOf = new Map<number, number>();
      this.tableGroups.forEach((g, i) => g.tables.forEach((t) => groupOf.set(t, i)));
      for (const a of this.matrix.activities) {
        if (a.key === "") continue;
        const group = a.table === undefined ? -1 : (groupOf.get(a.table) ?? -1);
        let first = byGroup.get(group);
        if (!first) byGroup.set(group, (first = new Map()));
        if (!first.has(a.key)) first.set(a.key, a);
      }
      this.firstByKey = byGroup;
      this.groupOfTable = groupOf;
    }
    return this.firstByKey.get(activity.table === undefined ? -1 : (this.groupOfTable!.get(activity.table) ?? -1))?.get(activity.key);
  }
  private groupOfTable: Map<number, number> | null = null;

  /**
   * The matrix's tables grouped by their parties: tables with the same parties (in any order) make
   * one group (a page of tables alike); a table with other parties is a group of its own (a table
   * per phase, each with its own team). Party and duplicate checks look at each group on its own.
   */
  get tableGroups(): TableGroup[] {
    if (!this.groups) {
      const { matrix } = this;
      const byKey = new Map<string, TableGroup>();
      const groups: TableGroup[] = [];
      const groupOfTable: TableGroup[] = [];
      matrix.tables.forEach((table, t) => {
        const key = [...table.parties].sort((a, b) => a - b).join(",");
        let group = byKey.get(key);
        if (!group) {
          group = { tables: [], tallies: new Map(), spans: new Map() };
          byKey.set(key, group);
          groups.push(group);
        }
        group.tables.push(t);
        groupOfTable[t] = group;
        table.parties.forEach((p, i) => {
          if (!group.spans.has(p)) group.spans.set(p, table.partySpans[i] ?? matrix.parties[p]!.span);
        });
      });
      const counts = new Map<TableGroup, Map<number, Map<CellReading, number>>>();
      for (const activity of matrix.activities) {
        const group = activity.table === undefined ? undefined : groupOfTable[activity.table];
        if (!group) continue;
        let byParty = counts.get(group);
        if (!byParty) counts.set(group, (byParty = new Map()));
        for (const p of matrix.tables[activity.table!]!.parties) {
          const cell = activity.cells[p];
          if (!cell) continue;
          let byReading = byParty.get(p);
          if (!byReading) byParty.set(p, (byReading = new Map()));
          byReading.set(cell.reading, (byReading.get(cell.reading) ?? 0) + 1);
        }
      }
      for (const group of groups) for (const [p, byReading] of counts.get(group) ?? []) group.tallies.set(p, tallyOf(byReading));
      this.groups = groups;
    }
    return this.groups;
  }

  /** Each party's activities and codes over the matrix. */
  get partyTallies(): PartyTally[] {
    if (!this.tallies) {
      const { matrix } = this;
      // Count each party's cells by what they read (a few distinct readings), then their codes.
      const byReading = matrix.parties.map(() => new Map<CellReading, number>());
      for (const activity of matrix.activities) {
        const cells = activity.cells;
        for (const p of matrix.sections[activity.section]!.parties) {
          const cell = cells[p];
          if (!cell) continue;
          const counts = byReading[p]!;
          counts.set(cell.reading, (counts.get(cell.reading) ?? 0) + 1);
        }
      }
      this.tallies = byReading.map(tallyOf);
    }
    return this.tallies;
  }
}

/** A party's activities and how often it holds each code. */
export interface PartyTally {
  activityCount: number;
  codeCounts: Record<string, number>;
}

/** Tables with the same parties, each party's tally over them, and where they first name each. */
export interface TableGroup {
  tables: number[];
  tallies: Map<number, PartyTally>;
  spans: Map<number, SourceSpan>;
}

/** A party's tally from how many of its cells read each way. */
function tallyOf(counts: ReadonlyMap<CellReading, number>): PartyTally {
  const tally: PartyTally = { activityCount: 0, codeCounts: {} };
  for (const [reading, n] of counts) {
    tally.activityCount += n;
    for (const c of new Set(reading.codes)) tally.codeCounts[c] = (tally.codeCounts[c] ?? 0) + n;
  }
  return tally;
}

/** Something a check is evaluated on: where and what a finding about it points at, and its inputs. */
export interface Subject {
  readonly scope: Scope;
  /** Where a finding points by default. */
  readonly span: SourceSpan;
  readonly file: string;
  readonly section: string | null;
  readonly activity: string | null;
  readonly party: string | null;
  /** The cell concerned, for fix producers. */
  readonly cell: Cell | null;
  /** The activity concerned, for fix producers. */
  readonly activityRef: Activity | null;
  /** The matrix concerned (null for corpus-scope subjects). */
  readonly matrix: Matrix | null;
  /** Another place a check may point at (`row`, `customer-cell`, `entry`), when the subject has it. */
  anchor(name: string): SourceSpan | null;
  /** What subjects sharing their context-level inputs share (a section, a matrix, a corpus). */
  readonly context: object;
}

/** Inputs every matrix-level scope has. */
export interface MatrixInputs {
  scheme: RoleScheme;
  format: string;
  matrixTitle: string;
  frontMatter: Record<string, unknown>;
}

const MATRIX_INPUTS = {
  scheme: { key: (s: { scheme: RoleScheme }) => s.scheme, level: "context" },
  format: { key: (s: { format: string }) => s.format, level: "context" },
  matrixTitle: { key: (s: { matrixTitle: string }) => s.matrixTitle, level: "context" },
  frontMatter: { key: (s: { frontMatter: object }) => s.frontMatter, level: "context" },
} as const;

/** Subjects of one matrix. */
abstract class MatrixSubject implements MatrixInputs {
  abstract readonly scope: Scope;
  abstract readonly span: SourceSpan;
  constructor(readonly view: MatrixView) {}
  get matrix(): Matrix {
    return this.view.matrix;
  }
  get file(): string {
    return this.view.matrix.file;
  }
  get scheme(): RoleScheme {
    return this.view.scheme;
  }
  get format(): string {
    return this.view.matrix.format;
  }
  get matrixTitle(): string {
    return this.view.matrix.title ?? "";
  }
  get frontMatter(): Record<string, unknown> {
    return this.view.matrix.frontMatter;
  }
  get context(): object {
    return this.view;
  }
  anchor(_name: string): SourceSpan | null {
    return null;
  }
}

/** A subject about no section, activity, party or cell in particular (a legend entry, a matrix, a file). */
abstract class UnplacedSubject extends MatrixSubject {
  readonly section = null;
  readonly activity = null;
  readonly party = null;
  readonly cell = null;
  readonly activityRef = null;
}

/** Inputs of an activity (a table row, or a column of a transposed table). */
export interface ActivityInputs extends MatrixInputs {
  sectionTitle: string;
  /** The parties of the activity's table, in column order. */
  sectionParties: readonly Party[];
  /** The activity text as written. */
  activityName: string;
  /** Each of the table's parties' entry in this activity, in `sectionParties` order. */
  row: readonly RowEntry[];
  cellCount: number;
  expectedCellCount: number;
  orientation: "rows" | "columns";
  /** Where the earlier activity of the matrix with the same key is, if any: its line, section, and place as reports say it (`line 12`, or a spreadsheet's `B81`). */
  firstOccurrence: { line: number; section: string; place: string } | null;
  /** Whether `firstOccurrence` is in the same section, and whether both assign the same codes. */
  duplicateKind: "none" | "same-section" | "other-section-same-codes" | "other-section-different-codes";
  /** Derived: code tallies of the row (see `RowStats`). */
  rowStats: RowStats;
  /** Derived: the index (in `row`) of the table's first customer party, or -1. */
  customerColumn: number;
}

/** What an activity's row holds, tallied. */
export interface RowStats {
  /** How many parties hold each code (once per party). */
  codeCounts: Record<string, number>;
  /** Indexes (into `row`) of the parties holding the accountable and the responsible code. */
  accountable: number[];
  responsible: number[];
  codeCount: number;
  filled: number;
  invalid: number;
}

/**
 * A canonical signature of a row's codes: the parties holding some, each with its codes (order and
 * repeats ignored). Where a party's column stands, and a party without codes, make no difference.
 */
function assignment(view: MatrixView, activity: Activity): string {
  const parts: string[] = [];
  activity.cells.forEach((cell, p) => {
    if (cell && cell.codes.length > 0) parts.push(`${p}=${canonicalOrder([...new Set(cell.codes)], view.scheme).join("")}`);
  });
  return parts.join(";");
}

/** One activity. */
export class ActivitySubject extends MatrixSubject implements ActivityInputs {
  declare private stats: RowStats | undefined;
  declare private entries: RowEntry[] | undefined;
  constructor(
    view: MatrixView,
    readonly activityRef: Activity,
  ) {
    super(view);
  }
  get scope(): Scope {
    return "activity";
  }
  get cell(): null {
    return null;
  }
  get party(): null {
    return null;
  }
  get span(): SourceSpan {
    return this.activityRef.span;
  }
  get section(): string {
    return this.sectionTitle;
  }
  get activity(): string {
    return plainText(this.activityRef.name);
  }
  override get context(): object {
    return this.view.matrix.sections[this.activityRef.section]!;
  }
  override anchor(name: string): SourceSpan | null {
    if (name === "row") return this.activityRef.rowSpan;
    if (name === "customer-cell") {
      const entry = this.customerColumn >= 0 ? this.row[this.customerColumn] : undefined;
      return typeof entry === "object" ? entry.span : null;
    }
    return null;
  }
  get sectionTitle(): string {
    return this.view.matrix.sections[this.activityRef.section]!.title;
  }
  get sectionParties(): readonly Party[] {
    return this.view.sectionParties(this.activityRef.section);
  }
  /** The parties' indexes into `Matrix.parties`, in column order. */
  get partyIndexes(): readonly number[] {
    return this.view.matrix.sections[this.activityRef.section]!.parties;
  }
  get activityName(): string {
    return this.activityRef.name;
  }
  get row(): readonly RowEntry[] {
    if (this.entries) return this.entries;
    const { cells, unread } = this.activityRef;
    const indexes = this.partyIndexes;
    const entries = new Array<RowEntry>(indexes.length);
    for (let i = 0; i < indexes.length; i++) {
      const p = indexes[i]!;
      entries[i] = cells[p] ?? (unread?.includes(p) ? "unread" : "missing");
    }
    this.entries = entries;
    return entries;
  }
  get cellCount(): number {
    return this.activityRef.cellCount;
  }
  get expectedCellCount(): number {
    return this.activityRef.expectedCellCount;
  }
  get orientation(): "rows" | "columns" {
    return this.activityRef.transposed ? "columns" : "rows";
  }
  /** The earlier activity of the matrix with the same key, if any. */
  get firstActivity(): Activity | null {
    if (this.activityRef.key === "") return null;
    const first = this.view.firstWithKey(this.activityRef);
    return first && first !== this.activityRef ? first : null;
  }
  get firstOccurrence(): { line: number; section: string; place: string } | null {
    const first = this.firstActivity;
    if (!first) return null;
    const { start, ref } = first.span;
    return { line: start.line, section: this.view.matrix.sections[first.section]!.title, place: ref ? cellName(ref) : `line ${start.line}` };
  }
  get duplicateKind(): ActivityInputs["duplicateKind"] {
    const first = this.firstActivity;
    if (!first) return "none";
    if (first.section === this.activityRef.section) return "same-section";
    return assignment(this.view, first) === assignment(this.view, this.activityRef) ? "other-section-same-codes" : "other-section-different-codes";
  }
  get rowStats(): RowStats {
    if (this.stats) return this.stats;
    const { accountable, responsible } = this.scheme;
    const s: RowStats = { codeCounts: {}, accountable: [], responsible: [], codeCount: 0, filled: 0, invalid: 0 };
    const row = this.row;
    for (let i = 0; i < row.length; i++) {
      const cell = row[i]!;
      if (typeof cell !== "object") continue;
      const reading = cell.reading;
      if (!reading.empty) s.filled++;
      const tokens = reading.tokens;
      for (let t = 0; t < tokens.length; t++) if (!tokens[t]!.valid) s.invalid++;
      const codes = reading.codes;
      s.codeCount += codes.length;
      // Each code once per party: cells hold a handful of codes, so looking back beats a Set.
      for (let k = 0; k < codes.length; k++) {
        const c = codes[k]!;
        if (codes.indexOf(c) === k) s.codeCounts[c] = (s.codeCounts[c] ?? 0) + 1;
      }
      if (codes.includes(accountable)) s.accountable.push(i);
      if (codes.includes(responsible)) s.responsible.push(i);
    }
    this.stats = s;
    return s;
  }
  get customerColumn(): number {
    return this.sectionParties.findIndex((p) => p.role === "customer");
  }
}

/** Inputs of one party's cell of one activity. */
export interface CellInputs extends MatrixInputs {
  sectionTitle: string;
  activityName: string;
  partyName: string;
  partyRole: string;
  /** What the cell's text says. */
  reading: CellReading;
  /** The cell as written. */
  raw: string;
}

/** One party's cell of one activity. */
export class CellSubject extends MatrixSubject implements CellInputs {
  constructor(
    view: MatrixView,
    readonly activityRef: Activity,
    readonly cell: Cell,
  ) {
    super(view);
  }
  get scope(): Scope {
    return "cell";
  }
  get span(): SourceSpan {
    return this.cell.span;
  }
  get section(): string {
    return this.sectionTitle;
  }
  get activity(): string {
    return plainText(this.activityRef.name);
  }
  get party(): string {
    return this.partyName;
  }
  override get context(): object {
    return this.view.matrix.sections[this.activityRef.section]!;
  }
  get sectionTitle(): string {
    return this.view.matrix.sections[this.activityRef.section]!.title;
  }
  get activityName(): string {
    return this.activityRef.name;
  }
  get partyName(): string {
    return this.view.matrix.parties[this.cell.party]!.name;
  }
  get partyRole(): string {
    return this.view.matrix.parties[this.cell.party]!.role ?? "unknown";
  }
  get reading(): CellReading {
    return this.cell.reading;
  }
  get raw(): string {
    return this.cell.raw;
  }
}

/** Inputs of one token written in a cell. */
export interface CodeInputs extends CellInputs {
  /** Which of the cell's tokens (`reading.tokens[tokenIndex]`). */
  tokenIndex: number;
}

/** One token written in a cell. */
export class CodeSubject extends CellSubject implements CodeInputs {
  constructor(
    view: MatrixView,
    activityRef: Activity,
    cell: Cell,
    readonly tokenIndex: number,
  ) {
    super(view, activityRef, cell);
  }
  override get scope(): Scope {
    return "code";
  }
  override get span(): SourceSpan {
    return this.cell.tokens[this.tokenIndex]!.span;
  }
}

/** Inputs of one party across a group of tables alike (see `MatrixView.tableGroups`). */
export interface PartyInputs extends MatrixInputs {
  partyName: string;
  partyRole: string;
  /** Whether a header names the party (a column or row of its own), rather than only cells. */
  declared: boolean;
  tally: PartyTally;
  extraCellCount: number;
}

/** One party across a matrix. */
export class PartySubject extends MatrixSubject implements PartyInputs {
  readonly section = null;
  readonly activity = null;
  readonly cell = null;
  readonly activityRef = null;
  constructor(
    view: MatrixView,
    private readonly index: number,
    private readonly group: TableGroup,
    /** Whether this is the first group naming the party (its rows' extra cells are reported once). */
    private readonly first: boolean,
  ) {
    super(view);
  }
  get scope(): Scope {
    return "party";
  }
  private get partyRef(): Party {
    return this.view.matrix.parties[this.index]!;
  }
  get span(): SourceSpan {
    return this.group.spans.get(this.index) ?? this.partyRef.span;
  }
  get declared(): boolean {
    return this.partyRef.declared !== false;
  }
  get party(): string {
    return this.partyRef.name;
  }
  get partyName(): string {
    return this.partyRef.name;
  }
  get partyRole(): string {
    return this.partyRef.role ?? "unknown";
  }
  get tally(): PartyTally {
    return this.group.tallies.get(this.index)!;
  }
  get extraCellCount(): number {
    return this.first ? (this.partyRef.extraCells?.length ?? 0) : 0;
  }
  override anchor(name: string): SourceSpan | null {
    return name === "row" && this.first ? (this.partyRef.extraCells?.[0]?.span ?? null) : null;
  }
}

/** Inputs of one legend entry. */
export interface LegendEntryInputs extends MatrixInputs {
  code: string;
  term: string;
  description: string;
  markedLetter: string;
}

/** One legend entry. */
export class LegendEntrySubject extends UnplacedSubject implements LegendEntryInputs {
  constructor(
    view: MatrixView,
    private readonly entry: LegendEntry,
  ) {
    super(view);
  }
  get scope(): Scope {
    return "legend-entry";
  }
  get span(): SourceSpan {
    return this.entry.markSpan;
  }
  override anchor(name: string): SourceSpan | null {
    return name === "entry" ? this.entry.span : null;
  }
  get code(): string {
    return this.entry.code;
  }
  get term(): string {
    return this.entry.term;
  }
  get description(): string {
    return this.entry.description;
  }
  get markedLetter(): string {
    return this.entry.markedLetter ?? "";
  }
}

/** Inputs of a whole matrix. */
export interface WholeMatrixInputs extends MatrixInputs {
  /** The codes the legend defines, or null without a legend. */
  legendCodes: readonly string[] | null;
  /** The codes some cell holds, in canonical order. */
  usedCodes: readonly string[];
  activityCount: number;
  /** Every party's role. */
  partyRoles: readonly string[];
}

/** A whole matrix. */
export class WholeMatrixSubject extends UnplacedSubject implements WholeMatrixInputs {
  get scope(): Scope {
    return "matrix";
  }
  get span(): SourceSpan {
    const m = this.view.matrix;
    return m.legend?.span ?? m.titleSpan ?? m.activities[0]!.span;
  }
  get legendCodes(): readonly string[] | null {
    return this.view.matrix.legend?.entries.map((e) => e.code) ?? null;
  }
  get usedCodes(): readonly string[] {
    const used = new Set<string>();
    for (const tally of this.view.partyTallies) for (const c in tally.codeCounts) used.add(c);
    return canonicalOrder([...used], this.scheme);
  }
  get activityCount(): number {
    return this.view.matrix.activities.length;
  }
  get partyRoles(): readonly string[] {
    return this.view.matrix.parties.map((p) => p.role ?? "unknown");
  }
}

/** Inputs of a whole file, matrix or not. */
export interface DocumentInputs extends MatrixInputs {
  activityCount: number;
  named: boolean;
  readProblemCount: number;
  whyNoMatrix: string;
}

/** A file as read, whether a matrix was found in it or not. */
export class DocumentSubject extends UnplacedSubject implements DocumentInputs {
  get scope(): Scope {
    return "document";
  }
  /** The first table or document left alone, else the start of the file. */
  get span(): SourceSpan {
    const m = this.view.matrix;
    const ignored = m.decisions.find((d) => d.kind === "ignored");
    // A workbook's part names its sheet and first cell.
    if (ignored) return { start: ignored.span.start, end: ignored.span.start, ...(ignored.span.ref ? { ref: ignored.span.ref } : {}) };
    const start = { line: 1, column: 1, offset: 0 };
    return { start, end: start };
  }
  get activityCount(): number {
    return this.view.matrix.activities.length;
  }
  get named(): boolean {
    return this.view.named;
  }
  get readProblemCount(): number {
    return this.view.matrix.problems.length;
  }
  get whyNoMatrix(): string {
    return this.view.matrix.activities.length > 0 ? "" : whyNoMatrix(this.view.matrix);
  }
}

const SECTION_INPUTS = {
  sectionTitle: { key: (s: { sectionTitle: string }) => s.sectionTitle, level: "context" },
  activityName: { key: (s: { activityName: string }) => s.activityName },
} as const;

const CELL_INPUTS = {
  ...MATRIX_INPUTS,
  ...SECTION_INPUTS,
  partyName: { key: (s: CellInputs) => s.partyName, level: "row" },
  partyRole: { key: (s: CellInputs) => s.partyRole, level: "row" },
  reading: { key: (s: CellInputs) => s.reading, level: "row" },
  raw: { key: (s: CellInputs) => s.raw },
} as const;

/** A row's entries as memo keys: each cell by its reading (what it says), or the kind of absence. */
export function rowKey(s: ActivityInputs): unknown[] {
  return s.row.map((entry) => (typeof entry === "object" ? entry.reading : entry));
}

/**
 * Every input, by scope: how it is told apart in memo keys, or what it is computed from. A fact may
 * use only the inputs of its scope listed here.
 */
export const INPUTS = {
  cell: CELL_INPUTS,
  code: { ...CELL_INPUTS, tokenIndex: { key: (s: CodeInputs) => s.tokenIndex, level: "row" } },
  activity: {
    ...MATRIX_INPUTS,
    ...SECTION_INPUTS,
    sectionParties: { key: (s: ActivitySubject) => s.view.sectionPartiesKey(s.activityRef.section), level: "context" },
    row: { key: rowKey },
    cellCount: { key: (s: ActivityInputs) => s.cellCount },
    expectedCellCount: { key: (s: ActivityInputs) => s.expectedCellCount },
    orientation: { key: (s: ActivityInputs) => s.orientation },
    firstOccurrence: { key: (s: ActivityInputs) => (s.firstOccurrence ? `${s.firstOccurrence.line}\u0000${s.firstOccurrence.place}\u0000${s.firstOccurrence.section}` : null) },
    duplicateKind: { key: (s: ActivityInputs) => s.duplicateKind },
    rowStats: { from: ["row", "scheme"] },
    customerColumn: { from: ["sectionParties"] },
  },
  party: {
    ...MATRIX_INPUTS,
    partyName: { key: (s: PartyInputs) => s.partyName },
    partyRole: { key: (s: PartyInputs) => s.partyRole },
    declared: { key: (s: PartyInputs) => s.declared },
    // By content: parties with the same counts read the same.
    tally: { key: (s: PartyInputs) => `${s.tally.activityCount}\u0001${JSON.stringify(s.tally.codeCounts)}` },
    extraCellCount: { key: (s: PartyInputs) => s.extraCellCount },
  },
  "legend-entry": {
    ...MATRIX_INPUTS,
    code: { key: (s: LegendEntryInputs) => s.code },
    term: { key: (s: LegendEntryInputs) => s.term },
    description: { key: (s: LegendEntryInputs) => s.description },
    markedLetter: { key: (s: LegendEntryInputs) => s.markedLetter },
  },
  matrix: {
    ...MATRIX_INPUTS,
    legendCodes: { key: (s: WholeMatrixInputs) => s.legendCodes ?? "none" },
    usedCodes: { key: (s: WholeMatrixInputs) => s.usedCodes },
    activityCount: { key: (s: WholeMatrixInputs) => s.activityCount },
    partyRoles: { key: (s: WholeMatrixInputs) => s.partyRoles },
  },
  document: {
    ...MATRIX_INPUTS,
    activityCount: { key: (s: DocumentInputs) => s.activityCount, level: "context" },
    named: { key: (s: DocumentInputs) => s.named, level: "context" },
    readProblemCount: { key: (s: DocumentInputs) => s.readProblemCount, level: "context" },
    whyNoMatrix: { key: (s: DocumentInputs) => s.whyNoMatrix, level: "context" },
  },
} satisfies Record<Exclude<Scope, "corpus" | "translation">, Record<string, InputDeclaration>>;

/** The subjects of one matrix for each matrix-level scope a run checks, in document order. */
export interface MatrixSubjects {
  activity: ActivitySubject[];
  party: PartySubject[];
  "legend-entry": LegendEntrySubject[];
  matrix: WholeMatrixSubject[];
  document: DocumentSubject[];
}

/**
 * The matrix-level subjects of a matrix. Cell and code subjects are made by the evaluator, cell by
 * cell, from the activities (`cellsOf`): most cells need no object of their own.
 */
export function matrixSubjects(view: MatrixView): MatrixSubjects {
  const { matrix } = view;
  const out: MatrixSubjects = { activity: [], party: [], "legend-entry": [], matrix: [], document: [new DocumentSubject(view)] };
  if (matrix.activities.length === 0 && !matrix.legend) return out;
  for (const activity of matrix.activities) out.activity.push(new ActivitySubject(view, activity));
  const seen = new Set<number>();
  for (const group of view.tableGroups) {
    for (const [p, tally] of group.tallies) {
      if (tally.activityCount === 0) continue;
      out.party.push(new PartySubject(view, p, group, !seen.has(p)));
      seen.add(p);
    }
  }
  for (const entry of matrix.legend?.entries ?? []) out["legend-entry"].push(new LegendEntrySubject(view, entry));
  if (matrix.activities.length > 0) out.matrix.push(new WholeMatrixSubject(view));
  return out;
}

/** The cells of an activity's row, in its table's column order (cells the row lacks left out). */
export function cellsOf(subject: ActivitySubject): Cell[] {
  const out: Cell[] = [];
  for (const entry of subject.row) if (typeof entry === "object") out.push(entry);
  return out;
}

/** The rank of each code of a scheme, for facts that sort codes. */
export { codeRanks };
