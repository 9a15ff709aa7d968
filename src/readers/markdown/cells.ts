/**
 * Splitting a GFM table row into cells, shared by the scanner (which finds rows) and the rows
 * themselves (which split when first asked, see `TableRow`).
 */

const TAB = 9;
const SPACE = 32;
const BACKSLASH = 92;
const PIPE = 124;

function isSpaceOrTab(code: number): boolean {
  return code === SPACE || code === TAB;
}

/** Offset of the first non-space/tab character of `text[from, to)`, or `to`. */
export function skipSpaces(text: string, from: number, to: number): number {
  while (from < to && isSpaceOrTab(text.charCodeAt(from))) from++;
  return from;
}

/** Offset just past the last non-space/tab character of `text[from, to)`. */
export function trimEnd(text: string, from: number, to: number): number {
  while (to > from && isSpaceOrTab(text.charCodeAt(to - 1))) to--;
  return to;
}

/**
 * Calls `visit(boxStart, boxEnd)` for each cell GFM sees in a row `text[from, to)`: pipes split
 * cells unless escaped (`\|`), one leading pipe opens the row, a trailing pipe followed only by
 * whitespace closes it (that whitespace is not a cell). Returns the number of cells.
 *
 * `escapes`: false when the row holds no backslash (every pipe splits; the native search finds
 * them). `afterPipe`: `text[from, to)` is the rest of a row after a pipe that closed a cell (a pipe
 * at `from` is then a delimiter, not the row's opening pipe, and trailing whitespace after the
 * last pipe is not a cell even when the rest holds no other pipe).
 */
export function splitCells(text: string, from: number, to: number, visit: (boxStart: number, boxEnd: number) => void, escapes = true, afterPipe = false): number {
  let count = 0;
  let i = from;
  let boxStart = from;
  // Whether a pipe closed the last cell (then whitespace after it is not a cell).
  let closed = afterPipe;
  if (!afterPipe && text.charCodeAt(i) === PIPE) {
    i++;
    boxStart = i;
  }
  if (!escapes) {
    for (let pipe = text.indexOf("|", i); pipe !== -1 && pipe < to; pipe = text.indexOf("|", pipe + 1)) {
      visit(boxStart, pipe);
      count++;
      closed = true;
      boxStart = pipe + 1;
    }
    i = to;
  }
  while (i < to) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) {
      const next = text.charCodeAt(i + 1);
      i += i + 1 < to && (next === BACKSLASH || next === PIPE) ? 2 : 1;
    } else if (code === PIPE) {
      visit(boxStart, i);
      count++;
      closed = true;
      i++;
      boxStart = i;
    } else {
      i++;
    }
  }
  if (!(closed && skipSpaces(text, boxStart, to) === to)) {
    visit(boxStart, to);
    count++;
  }
  return count;
}

/**
 * The offset of the pipe that closes a row's first cell, or -1 when the row has a single cell
 * (see `splitCells` for what splits).
 */
export function firstCellEnd(text: string, from: number, to: number, escapes: boolean): number {
  let i = text.charCodeAt(from) === PIPE ? from + 1 : from;
  if (!escapes) {
    const pipe = text.indexOf("|", i);
    return pipe !== -1 && pipe < to ? pipe : -1;
  }
  while (i < to) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) {
      const next = text.charCodeAt(i + 1);
      i += i + 1 < to && (next === BACKSLASH || next === PIPE) ? 2 : 1;
    } else if (code === PIPE) return i;
    else i++;
  }
  return -1;
}

/**
 * Where a cell's content lies within its box `text[boxStart, boxEnd)`: the trimmed content's start
 * and end. An empty cell's content is zero-width, after the opening pipe and one padding character
 * if there is one.
 */
export function cellContent(text: string, boxStart: number, boxEnd: number): { start: number; end: number } {
  const start = skipSpaces(text, boxStart, boxEnd);
  if (start === boxEnd) {
    const at = boxEnd > boxStart ? boxStart + 1 : boxStart;
    return { start: at, end: at };
  }
  return { start, end: trimEnd(text, start, boxEnd) };
}
