/** Accumulates parties, sections, activities and the legend of one document, for any reader. */
import type { Activity, Cell, DocumentLayout, Group, LegendEntry, Matrix, MatrixTable, Party, PartyAliases, ReadDecision, ReadProblem, Section } from "../model/matrix.js";
import type { RoleScheme } from "../model/scheme.js";
import type { LineIndex, SourceSpan } from "../model/position.js";
import { nameKey } from "../model/text.js";
import { guessPartyRole } from "./parties.js";

/** The key that tells parties apart: `Cloud-Temple` (from `Cloud-Temple-Rolle`) and `Cloud Temple` are one party. */
function partyKey(name: string): string {
  return nameKey(name).replace(/-/gu, " ");
}

/** Builds a `Matrix` step by step; readers call it in document order. */
export class MatrixBuilder {
  title: string | null = null;
  private titleSpan: SourceSpan | null = null;
  private titleFixed = false;
  private frontMatter: Record<string, unknown> = {};
  private readonly parties: Party[] = [];
  private readonly partyByKey = new Map<string, number>();
  private readonly sections: Section[] = [];
  private readonly groups: Group[] = [];
  private readonly tables: MatrixTable[] = [];
  private layout: DocumentLayout | null = null;
  private readonly decisions: ReadDecision[] = [];
  private readonly activities: Activity[] = [];
  private readonly padded: Activity[] = [];
  private legend: Matrix["legend"] = null;
  private readonly explicitRoles = new Set<number>();

  constructor(
    private readonly file: string,
    private readonly format: Matrix["format"],
    private readonly source: string,
    private readonly bom: boolean,
    readonly lines: LineIndex,
    /** The scheme the document is read with, and why. */
    private readonly scheme: RoleScheme,
    private readonly schemeReason: string,
  ) {}

  /** Records what was made of a table, list or document (see `ReadDecision`). */
  decide(decision: ReadDecision): void {
    this.decisions.push(decision);
  }

  /** The number of activities read so far. */
  get activityCount(): number {
    return this.activities.length;
  }

  /** The groups' titles and the parties' names of the activities read since `from` (for decisions). */
  summary(from: number): { parties: string[]; groups: string[]; activities: number } {
    const read = this.activities.slice(from);
    const parties = new Set<number>();
    const groups = new Set<number>();
    for (const a of read) {
      for (const p of this.sections[a.section]!.parties) parties.add(p);
      if (a.group !== null) groups.add(a.group);
    }
    return { parties: [...parties].map((p) => this.parties[p]!.name), groups: [...groups].map((g) => this.groups[g]!.title), activities: read.length };
  }

  /** Sets the title; an explicit one (front matter) wins over the first heading. */
  setTitle(title: string, span: SourceSpan | null, explicit = true): void {
    if (this.titleFixed) return;
    if (!explicit && this.title !== null) return;
    this.title = title;
    this.titleSpan = span;
    this.titleFixed = explicit;
  }

  setFrontMatter(fields: Record<string, unknown>): void {
    this.frontMatter = fields;
  }

  /** The index of the party named `name`, adding it on first sight. `declared`: named by a header (a column or row of its own), not only inside cells. */
  party(name: string, header: string, span: SourceSpan, declared = true): number {
    const key = partyKey(name);
    const known = this.partyByKey.get(key);
    if (known !== undefined) {
      if (declared && this.parties[known]!.declared === false) delete this.parties[known]!.declared;
      return known;
    }
    this.parties.push(declared ? { name, header, role: guessPartyRole(name), span } : { name, header, role: guessPartyRole(name), span, declared: false });
    this.partyByKey.set(key, this.parties.length - 1);
    return this.parties.length - 1;
  }

  /** The name of party `index`. */
  partyName(index: number): string {
    return this.parties[index]!.name;
  }

  /** Records cells a party's row of a transposed table holds beyond its header's count. */
  addPartyExtraCells(index: number, cells: { raw: string; span: SourceSpan }[]): void {
    const party = this.parties[index]!;
    (party.extraCells ??= []).push(...cells);
  }

  /** Sets a party's role explicitly (YAML/JSON `role:`, or configuration). */
  setPartyRole(index: number, role: Party["role"]): void {
    this.parties[index]!.role = role;
    this.explicitRoles.add(index);
  }

  /** Opens a section (a heading with a table under it) and returns its index. */
  addSection(title: string, span: SourceSpan | null): number {
    this.sections.push({ title, span, parties: [] });
    return this.sections.length - 1;
  }

  /** Opens a group of activities inside a section (a phase row) and returns its index. */
  addGroup(title: string, span: SourceSpan, section: number): number {
    this.groups.push({ title, span, section });
    return this.groups.length - 1;
  }

  /** Keeps the document's layout (its tables and comment blocks) for directives and fixes. */
  setLayout(layout: DocumentLayout): void {
    this.layout = layout;
  }

  /**
   * Records a table of a section, its parties and where it names each (`spans`, in the same order):
   * the activities added next belong to it. `extend`: the parties belong to the last table (a role
   * list naming new parties item by item) rather than to a new one.
   */
  useParties(section: number, parties: number[], spans?: readonly SourceSpan[], extend = false): void {
    const list = this.sections[section]!.parties;
    for (const p of parties) if (!list.includes(p)) list.push(p);
    const last = this.tables[this.tables.length - 1];
    const table = extend && last && last.section === section ? last : { section, parties: [], partySpans: [] };
    if (table !== last) this.tables.push(table);
    parties.forEach((p, i) => {
      if (table.parties.includes(p)) return;
      table.parties.push(p);
      table.partySpans.push(spans?.[i] ?? this.parties[p]!.span);
    });
  }

  /** A cell array with one (missing) slot per party known so far. */
  emptyCells(): (Cell | null)[] {
    return new Array<Cell | null>(this.parties.length).fill(null);
  }

  /** Adds an activity; `pad`: its cells array is the reader's, to be given a slot for every party once all are known (false: the activity sizes its cells itself). */
  addActivity(activity: Activity, pad = true): void {
    if (activity.table === undefined && this.tables.length > 0) activity.table = this.tables.length - 1;
    this.activities.push(activity);
    if (pad) this.padded.push(activity);
  }

  /** The parties so far (the builder's own list: complete once the document is read). */
  get partyList(): readonly Party[] {
    return this.parties;
  }

  /** Adds legend entries; a document's later legend tables extend the first. */
  addLegend(entries: LegendEntry[], span: SourceSpan): void {
    if (!this.legend) this.legend = { entries: [...entries], span };
    else this.legend.entries.push(...entries);
  }

  /**
   * The finished matrix. Parties' roles are settled here: configured aliases, when given, decide
   * alone; otherwise the names were recognised on sight, and with one customer and one other party,
   * the other is the provider. Roles written in a YAML/JSON matrix always stand.
   */
  finish(problems: ReadProblem[], aliases: PartyAliases | null = null): Matrix {
    if (aliases) {
      const byKey = new Map<string, Party["role"]>();
      for (const role of ["customer", "provider", "third-party"] as const) for (const alias of aliases[role] ?? []) byKey.set(nameKey(alias), role);
      this.parties.forEach((party, i) => {
        if (this.explicitRoles.has(i)) return;
        party.role = byKey.get(nameKey(party.name)) ?? byKey.get(nameKey(party.header)) ?? null;
      });
      return this.build(problems);
    }
    const customers = this.parties.filter((p) => p.role === "customer");
    const unknown = this.parties.filter((p) => p.role === null);
    if (customers.length === 1 && unknown.length === 1 && this.parties.length === 2) unknown[0]!.role = "provider";
    return this.build(problems);
  }

  /** Assembles the matrix. */
  private build(problems: ReadProblem[]): Matrix {
    for (const activity of this.padded) {
      while (activity.cells.length < this.parties.length) activity.cells.push(null);
    }
    return {
      file: this.file,
      format: this.format,
      title: this.title,
      titleSpan: this.titleSpan,
      frontMatter: this.frontMatter,
      parties: this.parties,
      sections: this.sections,
      tables: this.tables,
      groups: this.groups,
      activities: this.activities,
      legend: this.legend,
      problems,
      source: this.source,
      bom: this.bom,
      layout: this.layout,
      scheme: this.scheme,
      schemeReason: this.schemeReason,
      decisions: this.decisions,
    };
  }
}
