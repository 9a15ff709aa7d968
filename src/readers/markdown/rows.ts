/**
 * Matrix rows without their cells: the rest of a row after its activity cell is parsed once for
 * every row whose rest reads the same text in the same context (matrices repeat a few dozen code
 * patterns across thousands of rows), and an activity made from a row places its cells only when
 * something asks for them. Checks that only need to know what the cells read (their shapes and
 * readings) get it from the rest, without a cell object.
 */
import type { Activity, Cell, Party } from "../../model/matrix.js";
import type { SourceSpan } from "../../model/position.js";
import { IdTable } from "../../model/ids.js";
import { activityKey } from "../../model/text.js";
import { contextTemplates, placeTemplate, templateOf, type CellContext, type CellTemplate } from "../cell-codes.js";
import { cellContent, skipSpaces, splitCells, trimEnd } from "./cells.js";
import { TableCell, type TableRow } from "./scan-types.js";

/** One cell of a row's rest: its text, its parse, and where it lies, as offsets from the rest's start. */
export interface RestCell {
  readonly raw: string;
  readonly template: CellTemplate;
  readonly contentStart: number;
  readonly boxStart: number;
  readonly boxEnd: number;
}

/** The cells of a row after its first one, as read in one context. */
export interface RowRest {
  readonly cells: readonly RestCell[];
  /** Names the cells' parses in column order: rests with equal `shapes` were read the same, positions apart. */
  readonly shapes: number;
  /** Names what the cells hold in column order (see `Cell.reading`), and how many there are. */
  readonly readings: number;
}

const shapeLists = new IdTable();
const readingLists = new IdTable();
const restsByContext = new WeakMap<Map<string, CellTemplate>, Map<string, RowRest>>();

/** The rest of each row after its first cell, parsed in `ctx` (null for a row with one cell). */
export function restsOf(rows: readonly TableRow[], ctx: CellContext): (RowRest | null)[] {
  const templates = contextTemplates(ctx);
  let rests = restsByContext.get(templates);
  if (!rests) {
    rests = new Map();
    restsByContext.set(templates, rests);
  }
  const out = new Array<RowRest | null>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const start = row.restStart;
    if (start === -1) {
      out[i] = null;
      continue;
    }
    const text = row.text.slice(start, row.lineEnd);
    let rest = rests.get(text);
    if (!rest) {
      rest = readRest(text, ctx);
      if (rests.size < 10_000) rests.set(text, rest);
    }
    out[i] = rest;
  }
  return out;
}

/** Splits and parses the rest of a row, `text` starting just after the pipe that closed its first cell. */
function readRest(text: string, ctx: CellContext): RowRest {
  const cells: RestCell[] = [];
  splitCells(
    text,
    0,
    text.length,
    (boxStart, boxEnd) => {
      const { start, end } = cellContent(text, boxStart, boxEnd);
      const raw = start === end ? "" : text.slice(start, end);
      cells.push({ raw, template: templateOf(raw, ctx), contentStart: start, boxStart, boxEnd });
    },
    text.includes("\\"),
    true,
  );
  return {
    cells,
    shapes: shapeLists.of(cells.map((c) => c.template.shape).join(",")),
    readings: readingLists.of(`${cells.length}:${cells.map((c) => c.template.reading).join(",")}`),
  };
}

/** What every row of one matrix table shares. */
export class RowTable {
  constructor(
    readonly section: number,
    /** The party of each column after the first; -1 for a column that repeats a party (not read). */
    readonly columns: readonly number[],
    /** The cells the header declares. */
    readonly width: number,
    /** The matrix' parties (the reader's list, complete once the document is read). */
    readonly parties: readonly Party[],
  ) {}
}

/**
 * An activity read from a table row. Its spans and cells are made when asked for: most activities
 * are never pointed at, and the checks read what their cells hold from `rest`.
 */
export class RowActivity implements Activity {
  readonly name: string;
  readonly key: string;
  /** Where the activity text starts (for an empty one, where it would be). */
  private readonly nameStart: number;
  private placed: (Cell | null)[] | null = null;

  constructor(
    readonly table: RowTable,
    private readonly row: TableRow,
    /** The row's cells after the first (null: the row has only one). */
    readonly rest: RowRest | null,
  ) {
    const text = row.text;
    const boxStart = row.firstBoxStart;
    const boxEnd = row.firstBoxEnd;
    const start = skipSpaces(text, boxStart, boxEnd);
    if (start === boxEnd) {
      // An empty first cell, placed as the scanner places empty cells.
      this.nameStart = boxEnd > boxStart ? boxStart + 1 : boxStart;
      this.name = "";
    } else {
      this.nameStart = start;
      this.name = text.slice(start, trimEnd(text, start, boxEnd));
    }
    this.key = activityKey(this.name);
  }

  get section(): number {
    return this.table.section;
  }
  get cellCount(): number {
    return 1 + (this.rest?.cells.length ?? 0);
  }
  get expectedCellCount(): number {
    return this.table.width;
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

  /** One entry per matrix party: the cell of each party this row has a column for. */
  get cells(): (Cell | null)[] {
    if (this.placed === null) {
      const cells = new Array<Cell | null>(this.table.parties.length).fill(null);
      const rest = this.rest;
      if (rest) {
        const columns = this.table.columns;
        const present = Math.min(rest.cells.length, columns.length);
        for (let i = 0; i < present; i++) {
          const party = columns[i]!;
          if (party >= 0) cells[party] = placeTemplate(rest.cells[i]!.template, party, this.cellAt(rest.cells[i]!));
        }
      }
      this.placed = cells;
    }
    return this.placed;
  }

  get extraCells(): Activity["extraCells"] {
    const rest = this.rest;
    const from = this.table.width - 1;
    if (!rest || rest.cells.length <= from) return [];
    return rest.cells.slice(from).map((c) => {
      const cell = this.cellAt(c);
      return { raw: cell.raw, span: cell.content };
    });
  }

  /** The activity as data (what `JSON.stringify` writes): the `Activity` fields, not how they are kept. */
  toJSON(): Activity {
    const { name, key, section, span, rowSpan, cells, cellCount, expectedCellCount, extraCells } = this;
    return { name, key, section, span, rowSpan, cells, cellCount, expectedCellCount, extraCells };
  }

  /** A cell of the rest, placed on this row. */
  private cellAt(cell: RestCell): TableCell {
    const at = this.row.restStart;
    return new TableCell(cell.raw, this.row.line, this.row.lineStart, at + cell.contentStart, at + cell.boxStart, at + cell.boxEnd);
  }
}
