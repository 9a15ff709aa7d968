/**
 * The rest of a table row: its cells after the first (the activity), as read in a table's
 * context. Matrices repeat a few dozen code patterns across thousands of rows, so a run may read
 * each distinct rest text once (`ReadOptions.readRest`); everything here is relative to the
 * rest's start, so one reading serves every row that has it.
 */
import type { CellReading } from "../../model/matrix.js";
import type { CellContext } from "../cell-codes.js";
import { cellContent, splitCells } from "./cells.js";

/** One cell of a row's rest: its text, its reading, and where it lies (offsets from the rest's start). */
export interface RestCell {
  readonly raw: string;
  readonly reading: CellReading;
  readonly contentStart: number;
  readonly boxStart: number;
  readonly boxEnd: number;
}

/** A row's cells after its first one. */
export type RowRest = readonly RestCell[];

/** Reads the rest of a row (`text` starts just after the pipe that closed its first cell) in a table's context. */
export type RestReader = (text: string, ctx: CellContext) => RowRest;

/** Splits and reads the rest of a row (see `RestReader`). Pure. */
export function readRest(text: string, ctx: CellContext): RowRest {
  const cells: RestCell[] = [];
  splitCells(
    text,
    0,
    text.length,
    (boxStart, boxEnd) => {
      const { start, end } = cellContent(text, boxStart, boxEnd);
      const raw = start === end ? "" : text.slice(start, end);
      cells.push({ raw, reading: ctx.read(raw), contentStart: start, boxStart, boxEnd });
    },
    text.includes("\\"),
    true,
  );
  return cells;
}
