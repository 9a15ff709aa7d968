/**
 * The subjects checks are evaluated on (cells, code tokens, activities, parties, legend entries,
 * matrices) and their facts. Facts are getters computed on first use: a check's conditions read a
 * handful of them, and only findings need the rest (for their messages), so a 100,000-activity run
 * never builds what no rule reads. Pure: the same matrix and scheme always give the same subjects.
 */
import type { Activity, Cell, CodeToken, LegendEntry, Matrix, Party } from "../model/matrix.js";
import type { SourceSpan } from "../model/position.js";
import { canonicalOrder, codeRanks, type RoleScheme } from "../model/scheme.js";
import { plainText } from "../model/text.js";
import { nameKey } from "../model/text.js";
import { IdTable } from "../model/ids.js";
import type { Scope } from "./catalog.js";
import { RowActivity, type RowTable } from "../readers/markdown/rows.js";

/** A value source for facts: `facts[name]` is the fact's value. */
export type FactSource = Readonly<Record<string, unknown>>;

/** Something a check is evaluated on: its facts, and where and what a finding about it points at. */
export interface Subject {
  readonly scope: Scope;
  readonly facts: FactSource;
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
  /** The matrix concerned. */
  readonly matrix: Matrix | null;
  /** Another place a check may point at (`row`, `customer-cell`, `entry`), when the subject has it. */
  anchor(name: string): SourceSpan | null;
  /** A key that determines the scope's role-level `SHAPE_FACTS`, when the scope has some. */
  readonly shapeKey?: string;
  /** A key that also determines the name-level ones. */
  readonly namedShapeKey?: string;
  /** A number determining the name-level shape facts and `cellCount`/`expectedCellCount` (activities read from table rows). */
  readonly rowKey?: number;
}

/** The subjects of one matrix, grouped by scope. */
export type MatrixSubjects = Record<Exclude<Scope, "corpus">, Subject[]>;


/** Codes written more than once, once each, in first-seen order. */
function duplicates(codes: readonly string[]): string {
  if (codes.length < 2) return "";
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const c of codes) (seen.has(c) ? twice : seen).add(c);
  return [...twice].join("");
}

const roleOf = (p: Party): string => p.role ?? "unknown";

/** Ids for section descriptions (see `MatrixContext.sectionKey`) and table column layouts (`MatrixContext.columnsKey`). */
const sectionIds = new IdTable();
const columnLayouts = new IdTable();
const tableLayoutIds = new IdTable();
const rowKeyIds = new IdTable();
/** Row keys by table layout and row reading (bounded like the id tables). */
const rowKeys = new Map<number, Map<number, number>>();
let rowKeyCount = 0;

/** The row key of a table layout and a row reading (see `MatrixContext.rowKey`). */
function rowKeyOf(layout: number, reading: number): number {
  let byReading = rowKeys.get(layout);
  if (!byReading) {
    if (rowKeyCount >= 100_000) {
      rowKeys.clear();
      rowKeyCount = 0;
    }
    byReading = new Map();
    rowKeys.set(layout, byReading);
  }
  let key = byReading.get(reading);
  if (key === undefined) {
    key = rowKeyIds.of(`${layout}:${reading}`);
    byReading.set(reading, key);
    rowKeyCount++;
  }
  return key;
}

/** What every subject of one matrix shares. */
class MatrixContext {
  readonly ranks: Map<string, number>;
  readonly customerIndex: number;
  readonly customer: Party | null;
  readonly schemeCodes: string;
  private firstByKey: Map<string, Activity> | null = null;
  private readonly sectionKeys = new Map<number, string>();

  constructor(
    readonly matrix: Matrix,
    readonly scheme: RoleScheme,
  ) {
    this.ranks = codeRanks(scheme);
    this.customerIndex = matrix.parties.findIndex((p) => p.role === "customer");
    this.customer = this.customerIndex >= 0 ? matrix.parties[this.customerIndex]! : null;
    this.schemeCodes = scheme.codes.map((c) => c.code).join("");
  }

  get matrixTitle(): string {
    return this.matrix.title ?? "";
  }

  /** The first activity with each key, for the duplicate facts. */
  firstWithKey(key: string): Activity | undefined {
    if (!this.firstByKey) {
      this.firstByKey = new Map();
      for (const a of this.matrix.activities) if (a.key !== "" && !this.firstByKey.has(a.key)) this.firstByKey.set(a.key, a);
    }
    return this.firstByKey.get(key);
  }

  /** What a section's table contributes to shape keys: the scheme, the format and its parties' roles (with `names`, their names too). */
  sectionKey(section: number, names: boolean): string {
    const cacheKey = names ? -1 - section : section;
    let key = this.sectionKeys.get(cacheKey);
    if (key === undefined) {
      const parties = this.matrix.sections[section]!.parties.map((p) => {
        const party = this.matrix.parties[p]!;
        return names ? `${party.role ?? ""}\u0002${party.name}` : party.role ?? "";
      });
      // A short id for the long description: activity keys are built and hashed for every row.
      key = `§${sectionIds.of(`${this.scheme.name}\u0003${this.matrix.format}\u0003${parties.join("\u0003")}`)}`;
      this.sectionKeys.set(cacheKey, key);
    }
    return key;
  }

  private readonly tableLayouts = new Map<RowTable, number>();

  /**
   * A number naming what decides an activity row's shape facts: its section's parties (roles and
   * names), where its table's columns fall among them, the table's width, and what the row's cells
   * read (and how many there are). Found with two lookups by numbers, without a string per row.
   */
  rowKey(activity: RowActivity): number {
    const table = activity.table;
    let layout = this.tableLayouts.get(table);
    if (layout === undefined) {
      layout = tableLayoutIds.of(`${this.sectionKey(table.section, true)}${this.columnsKey(table)}${table.width}`);
      this.tableLayouts.set(table, layout);
    }
    return rowKeyOf(layout, activity.rest?.readings ?? -1);
  }

  private readonly columnsKeys = new Map<RowTable, string>();

  /** Where a table's columns fall among its section's parties, as a key part (see `ActivitySubject.cellsKey`). */
  columnsKey(table: RowTable): string {
    let key = this.columnsKeys.get(table);
    if (key === undefined) {
      const parties = this.matrix.sections[table.section]!.parties;
      key = `\u0001T${columnLayouts.of(table.columns.map((p) => (p < 0 ? -1 : parties.indexOf(p))).join(","))}\u0001`;
      this.columnsKeys.set(table, key);
    }
    return key;
  }

  /**
   * A canonical signature of an activity's codes: the parties holding some, in the matrix' party
   * order, each with its codes (order and repeats ignored). Where a party's column stands, and a
   * party without codes (an empty cell or no column), make no difference.
   */
  assignment(activity: Activity): string {
    const parts: string[] = [];
    activity.cells.forEach((cell, p) => {
      if (cell && cell.codes.length > 0) parts.push(`${p}=${canonicalOrder([...new Set(cell.codes)], this.scheme).join("")}`);
    });
    return parts.join(";");
  }
}

/** Facts shared by every scope. */
abstract class BaseSubject {
  abstract readonly scope: Scope;
  constructor(protected readonly ctx: MatrixContext) {}
  get facts(): FactSource {
    return this as unknown as FactSource;
  }
  get matrix(): Matrix {
    return this.ctx.matrix;
  }
  get file(): string {
    return this.ctx.matrix.file;
  }
  get matrixTitle(): string {
    return this.ctx.matrixTitle;
  }
  get frontMatter(): Record<string, unknown> {
    return this.ctx.matrix.frontMatter;
  }
  get scheme(): string {
    return this.ctx.scheme.name;
  }
  anchor(_name: string): SourceSpan | null {
    return null;
  }
}

/** Facts of one activity, computed once and shared by its activity subject and its cells. */
class ActivitySubject extends BaseSubject {
  // Getters, not fields: subjects are made by the hundred thousand, and field initialisers cost.
  get scope(): Scope {
    return "activity";
  }
  get cell(): null {
    return null;
  }
  get party(): null {
    return null;
  }
  declare private name: string | undefined;
  declare private stats: {
    codeCounts: Record<string, number>;
    accountableParties: string[];
    responsibleParties: string[];
    codesByParty: Record<string, string>;
    codesByRole: Record<string, string>;
    codeCount: number;
    filled: number;
    invalid: number;
  } | undefined;

  constructor(
    ctx: MatrixContext,
    readonly activityRef: Activity,
  ) {
    super(ctx);
  }

  /** What the subjects of this matrix share (for `cellSubjects`). */
  get context(): MatrixContext {
    return this.ctx;
  }
  get span(): SourceSpan {
    return this.activityRef.span;
  }
  get shapeKey(): string {
    return this.cellsKey(this.ctx.sectionKey(this.activityRef.section, false));
  }
  get namedShapeKey(): string {
    return this.cellsKey(this.ctx.sectionKey(this.activityRef.section, true));
  }
  /**
   * For an activity read from a table row: a number that determines every shape fact (names
   * included) and the row's `cellCount` and `expectedCellCount` (see `MatrixContext.rowKey`).
   */
  get rowKey(): number | undefined {
    const activity = this.activityRef;
    return activity instanceof RowActivity ? this.ctx.rowKey(activity) : undefined;
  }
  /** Each cell as the shape facts see it: what it holds (`Cell.reading`), or `-` when the row lacks it. */
  private cellsKey(key: string): string {
    const activity = this.activityRef;
    // A table row says the same without placing its cells: which section party each column is, and what the columns read.
    if (activity instanceof RowActivity) return `${key}${this.ctx.columnsKey(activity.table)}${activity.rest?.readings ?? "-"}`;
    const cells = activity.cells;
    for (const p of this.partyIndexes) {
      const cell = cells[p];
      key += cell ? `\u0001${cell.reading}` : "\u0001-";
    }
    return key;
  }
  override anchor(name: string): SourceSpan | null {
    if (name === "row") return this.activityRef.rowSpan;
    if (name === "customer-cell") return this.customerCell?.span ?? null;
    return null;
  }
  get section(): string {
    return this.ctx.matrix.sections[this.activityRef.section]!.title;
  }
  get activity(): string {
    this.name ??= plainText(this.activityRef.name);
    return this.name;
  }
  /** The parties of this activity's table. */
  get partyIndexes(): number[] {
    return this.ctx.matrix.sections[this.activityRef.section]!.parties;
  }
  private get computed() {
    if (this.stats) return this.stats;
    const { matrix, scheme } = this.ctx;
    const s = { codeCounts: {} as Record<string, number>, accountableParties: [] as string[], responsibleParties: [] as string[], codesByParty: {} as Record<string, string>, codesByRole: {} as Record<string, string>, codeCount: 0, filled: 0, invalid: 0 };
    for (const p of this.partyIndexes) {
      const cell = this.activityRef.cells[p];
      if (!cell) continue;
      const party = matrix.parties[p]!;
      const codes = cell.codes.join("");
      s.codesByParty[party.name] = codes;
      s.codesByRole[roleOf(party)] = (s.codesByRole[roleOf(party)] ?? "") + codes;
      if (!cell.empty) s.filled++;
      for (const t of cell.tokens) if (!t.valid) s.invalid++;
      s.codeCount += cell.codes.length;
      const distinct = new Set(cell.codes);
      for (const c of distinct) s.codeCounts[c] = (s.codeCounts[c] ?? 0) + 1;
      if (distinct.has(scheme.accountable)) s.accountableParties.push(party.name);
      if (distinct.has(scheme.responsible)) s.responsibleParties.push(party.name);
    }
    this.stats = s;
    return s;
  }
  get codeCounts() {
    return this.computed.codeCounts;
  }
  get accountableCode(): string {
    return this.ctx.scheme.accountable;
  }
  get responsibleCode(): string {
    return this.ctx.scheme.responsible;
  }
  get accountableCount(): number {
    return this.computed.accountableParties.length;
  }
  get responsibleCount(): number {
    return this.computed.responsibleParties.length;
  }
  get accountableParties(): string[] {
    return this.computed.accountableParties;
  }
  get responsibleParties(): string[] {
    return this.computed.responsibleParties;
  }
  get codeCount(): number {
    return this.computed.codeCount;
  }
  get filledCellCount(): number {
    return this.computed.filled;
  }
  get invalidTokenCount(): number {
    return this.computed.invalid;
  }
  get codesByParty() {
    return this.computed.codesByParty;
  }
  get codesByRole() {
    return this.computed.codesByRole;
  }
  get parties(): string[] {
    return this.partyIndexes.map((p) => this.ctx.matrix.parties[p]!.name);
  }
  /** The customer's column in this activity's table (the first customer party there), or -1. */
  private get customerIndex(): number {
    return this.partyIndexes.find((p) => this.ctx.matrix.parties[p]!.role === "customer") ?? -1;
  }
  get hasCustomer(): boolean {
    return this.customerIndex >= 0;
  }
  get customer(): string {
    return this.hasCustomer ? this.ctx.matrix.parties[this.customerIndex]!.name : "";
  }
  private get customerCell(): Cell | null {
    return this.hasCustomer ? this.activityRef.cells[this.customerIndex] ?? null : null;
  }
  get customerCodes(): string {
    return this.customerCell?.codes.join("") ?? "";
  }
  get customerCellPresent(): boolean {
    return this.customerCell !== null;
  }
  get cellCount(): number {
    return this.activityRef.cellCount;
  }
  get missingParties(): string[] {
    const { cells, unread } = this.activityRef;
    return this.partyIndexes.filter((p) => !cells[p] && !unread?.includes(p)).map((p) => this.ctx.matrix.parties[p]!.name);
  }
  get format(): string {
    return this.ctx.matrix.format;
  }
  get orientation(): string {
    return this.activityRef.transposed ? "columns" : "rows";
  }
  get expectedCellCount(): number {
    return this.activityRef.expectedCellCount;
  }
  private get firstOccurrence(): Activity | null {
    const key = this.activityRef.key;
    if (key === "") return null;
    const first = this.ctx.firstWithKey(key);
    return first && first !== this.activityRef ? first : null;
  }
  get duplicateKind(): string {
    const first = this.firstOccurrence;
    if (!first) return "none";
    if (first.section === this.activityRef.section) return "same-section";
    return this.ctx.assignment(first) === this.ctx.assignment(this.activityRef) ? "other-section-same-codes" : "other-section-different-codes";
  }
  get duplicateOfLine(): number {
    return this.firstOccurrence?.span.start.line ?? 0;
  }
  get duplicateOfSection(): string {
    const first = this.firstOccurrence;
    return first ? this.ctx.matrix.sections[first.section]!.title : "";
  }
}

/** The `emphasis` fact's value for each cell wrapper. */
const EMPHASIS_NAMES: Record<string, string> = { "**": "bold", __: "underline", "*": "italic", _: "italic", "`": "code" };
/** The `separator` fact's value for each separator (any other is `other`). */
const SEPARATOR_NAMES: Record<string, string> = { ", ": "comma-space", ",": "comma", "/": "slash", " ": "space" };

/** Facts of one party's cell of one activity. */
class CellSubject extends BaseSubject {
  get scope(): Scope {
    return "cell";
  }
  constructor(
    ctx: MatrixContext,
    protected readonly owner: ActivitySubject,
    readonly cell: Cell,
  ) {
    super(ctx);
  }
  get span(): SourceSpan {
    return this.cell.span;
  }
  get shapeKey(): string {
    // The parse of the text, not the text: the same text reads differently under other party names.
    return `${this.cell.shape}\u0001${this.ctx.matrix.parties[this.cell.party]!.role ?? ""}`;
  }
  get namedShapeKey(): string {
    return `${this.shapeKey}\u0001${this.ctx.matrix.parties[this.cell.party]!.name}`;
  }
  get activityRef(): Activity {
    return this.owner.activityRef;
  }
  get section(): string {
    return this.owner.section;
  }
  get activity(): string {
    return this.owner.activity;
  }
  get party(): string {
    return this.ctx.matrix.parties[this.cell.party]!.name;
  }
  get partyRole(): string {
    return roleOf(this.ctx.matrix.parties[this.cell.party]!);
  }
  get codes(): string {
    return this.cell.codes.join("");
  }
  get canonicalCodes(): string {
    return canonicalOrder(this.cell.codes, this.ctx.scheme).join("");
  }
  get duplicateCodes(): string {
    return duplicates(this.cell.codes);
  }
  get codeCount(): number {
    return this.cell.codes.length;
  }
  get empty(): boolean {
    return this.cell.empty;
  }
  get lowerCase(): boolean {
    return this.cell.style.lowerCase;
  }
  get emphasis(): string {
    return EMPHASIS_NAMES[this.cell.style.wrapper] ?? "none";
  }
  get separator(): string {
    // Emphasis around each code (`**R**, **A**`) is part of the written separator, not of its kind.
    const separator = this.cell.style.separator.replace(/^[*_`]+|[*_`]+$/gu, "");
    return separator === "" ? "none" : SEPARATOR_NAMES[separator] ?? "other";
  }
  get words(): boolean {
    return this.cell.style.words;
  }
  get format(): string {
    return this.ctx.matrix.format;
  }
  get invalidTokenCount(): number {
    let n = 0;
    for (const t of this.cell.tokens) if (!t.valid) n++;
    return n;
  }
  get raw(): string {
    return this.cell.raw;
  }
}

/** Facts of one token written in a cell. */
class CodeSubject extends CellSubject {
  override get scope(): Scope {
    return "code";
  }
  constructor(
    ctx: MatrixContext,
    owner: ActivitySubject,
    cell: Cell,
    /** Which of the cell's tokens this is. */
    private readonly index: number,
  ) {
    super(ctx, owner, cell);
  }
  get token(): CodeToken {
    return this.cell.tokens[this.index]!;
  }
  override get shapeKey(): string {
    return `${super.shapeKey}\u0001${this.index}`;
  }
  override get span(): SourceSpan {
    return this.token.span;
  }
  get kind(): string {
    return this.token.kind;
  }
  get value(): string {
    return this.token.value;
  }
  override get raw(): string {
    return this.token.raw;
  }
  get valid(): boolean {
    return this.token.valid;
  }
  get schemeCodes(): string {
    return this.ctx.schemeCodes;
  }
}

/** Subjects about the matrix as a whole (a party, a legend entry, the matrix): no section, activity or cell. */
abstract class MatrixLevelSubject extends BaseSubject {
  readonly section = null;
  readonly activity = null;
  readonly cell = null;
  readonly activityRef = null;
}

/** Facts of one party across a matrix. */
class PartySubject extends MatrixLevelSubject {
  readonly scope = "party";
  constructor(
    ctx: MatrixContext,
    private readonly index: number,
    readonly activityCount: number,
    readonly codeCounts: Record<string, number>,
  ) {
    super(ctx);
  }
  get span(): SourceSpan {
    return this.ctx.matrix.parties[this.index]!.span;
  }
  get party(): string {
    return this.ctx.matrix.parties[this.index]!.name;
  }
  get partyRole(): string {
    return roleOf(this.ctx.matrix.parties[this.index]!);
  }
  get responsibleCount(): number {
    return this.codeCounts[this.ctx.scheme.responsible] ?? 0;
  }
  get extraCellCount(): number {
    return this.ctx.matrix.parties[this.index]!.extraCells?.length ?? 0;
  }
  override anchor(name: string): SourceSpan | null {
    return name === "row" ? this.ctx.matrix.parties[this.index]!.extraCells?.[0]?.span ?? null : null;
  }
  get accountableCount(): number {
    return this.codeCounts[this.ctx.scheme.accountable] ?? 0;
  }
  get accountableCode(): string {
    return this.ctx.scheme.accountable;
  }
  get responsibleCode(): string {
    return this.ctx.scheme.responsible;
  }
}

/** Facts of one legend entry. */
class LegendEntrySubject extends MatrixLevelSubject {
  readonly scope = "legend-entry";
  readonly party = null;
  constructor(
    ctx: MatrixContext,
    private readonly entry: LegendEntry,
  ) {
    super(ctx);
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
  get termCode(): string {
    return termCode(this.entry.term, this.ctx.scheme);
  }
  get codeInScheme(): boolean {
    return this.ctx.ranks.has(this.entry.code);
  }
}

/** Facts of a whole matrix. */
class WholeMatrixSubject extends MatrixLevelSubject {
  readonly scope = "matrix";
  readonly party = null;
  constructor(
    ctx: MatrixContext,
    readonly undefinedCodes: string[],
  ) {
    super(ctx);
  }
  get span(): SourceSpan {
    const m = this.ctx.matrix;
    return m.legend?.span ?? m.titleSpan ?? m.activities[0]!.span;
  }
  get hasLegend(): boolean {
    return this.ctx.matrix.legend !== null;
  }
  get undefinedCodeCount(): number {
    return this.undefinedCodes.length;
  }
  get activityCount(): number {
    return this.ctx.matrix.activities.length;
  }
  get partyCount(): number {
    return this.ctx.matrix.parties.length;
  }
  get hasCustomer(): boolean {
    return this.ctx.customer !== null;
  }
}

/**
 * The subjects of one cell of the activity subject `owner` (from `matrixSubjects`): the cell's,
 * and one per token for the code scope. For callers that visit cells one by one.
 */
export function cellSubjects(owner: Subject, cell: Cell): { cell: Subject; codes: Subject[] } {
  if (!(owner instanceof ActivitySubject)) throw new TypeError("cellSubjects: the owner must be an activity subject");
  const ctx = owner.context;
  const codes: Subject[] = [];
  for (let t = 0; t < cell.tokens.length; t++) codes.push(new CodeSubject(ctx, owner, cell, t));
  return { cell: new CellSubject(ctx, owner, cell), codes };
}

const distinctByReading: string[][] = [];

/** A cell's codes without repeats, in first-seen order (shared by every cell with the same reading). */
function distinctCodes(cell: { reading: number; codes: readonly string[] }): readonly string[] {
  return (distinctByReading[cell.reading] ??= [...new Set(cell.codes)]);
}

/** Adds a table row's cells to the per-party tallies, from what its columns read (no cell placed). */
function tallyRow(activity: RowActivity, partyActivities: number[], partyCodeCounts: Record<string, number>[]): void {
  const rest = activity.rest;
  if (!rest) return;
  const columns = activity.table.columns;
  const present = Math.min(rest.cells.length, columns.length);
  for (let i = 0; i < present; i++) {
    const p = columns[i]!;
    if (p < 0) continue;
    partyActivities[p]!++;
    const counts = partyCodeCounts[p]!;
    for (const c of distinctCodes(rest.cells[i]!.template)) counts[c] = (counts[c] ?? 0) + 1;
  }
}

/** Computes the subjects of a matrix for the scopes asked for (all by default). */
export function matrixSubjects(matrix: Matrix, scheme: RoleScheme, scopes?: ReadonlySet<Scope>): MatrixSubjects {
  const wants = (scope: Scope) => !scopes || scopes.has(scope);
  const out: MatrixSubjects = { cell: [], code: [], activity: [], party: [], "legend-entry": [], matrix: [] };
  if (matrix.activities.length === 0 && !matrix.legend) return out;
  const ctx = new MatrixContext(matrix, scheme);
  const partyCodeCounts = matrix.parties.map(() => ({} as Record<string, number>));
  const partyActivities = matrix.parties.map(() => 0);
  const usedCodes = new Set<string>();
  const cellsWanted = wants("cell");
  const codesWanted = wants("code");

  for (const activity of matrix.activities) {
    const subject = new ActivitySubject(ctx, activity);
    if (wants("activity")) out.activity.push(subject);
    if (!cellsWanted && !codesWanted && activity instanceof RowActivity) {
      tallyRow(activity, partyActivities, partyCodeCounts);
      continue;
    }
    for (const p of subject.partyIndexes) {
      const cell = activity.cells[p];
      if (!cell) continue;
      partyActivities[p]!++;
      const counts = partyCodeCounts[p]!;
      for (const c of distinctCodes(cell)) counts[c] = (counts[c] ?? 0) + 1;
      if (cellsWanted) out.cell.push(new CellSubject(ctx, subject, cell));
      if (codesWanted) for (let t = 0; t < cell.tokens.length; t++) out.code.push(new CodeSubject(ctx, subject, cell, t));
    }
  }
  for (const counts of partyCodeCounts) for (const c in counts) usedCodes.add(c);
  if (wants("party")) {
    matrix.parties.forEach((_, p) => {
      if (partyActivities[p]! > 0) out.party.push(new PartySubject(ctx, p, partyActivities[p]!, partyCodeCounts[p]!));
    });
  }
  if (wants("legend-entry")) for (const entry of matrix.legend?.entries ?? []) out["legend-entry"].push(new LegendEntrySubject(ctx, entry));
  if (wants("matrix") && matrix.activities.length > 0) {
    const defined = new Set(matrix.legend?.entries.map((e) => e.code) ?? []);
    const undefinedCodes = matrix.legend ? canonicalOrder([...usedCodes].filter((c) => !defined.has(c)), scheme) : [];
    out.matrix.push(new WholeMatrixSubject(ctx, undefinedCodes));
  }
  return out;
}

const termCodes = new WeakMap<RoleScheme, Map<string, string>>();

/** The scheme code whose names (in any language) include `term`, or "" (cached per scheme). */
function termCode(term: string, scheme: RoleScheme): string {
  let cache = termCodes.get(scheme);
  if (!cache) {
    cache = new Map();
    termCodes.set(scheme, cache);
  }
  let code = cache.get(term);
  if (code === undefined) {
    code = findTermCode(term, scheme);
    cache.set(term, code);
  }
  return code;
}

/** Looks `term` up in the scheme's names. */
function findTermCode(term: string, scheme: RoleScheme): string {
  const key = nameKey(term);
  if (key === "") return "";
  for (const code of scheme.codes) {
    for (const names of Object.values(code.names)) {
      if (names.some((n) => nameKey(n) === key)) return code.code;
    }
  }
  return "";
}
