/**
 * Fix producers: turn a finding's subject into a text edit on the source. Rules name a producer in
 * their data (`fix: canonical-order`) and say whether it is safe; rules never edit text themselves,
 * and nothing here writes files.
 */
import type { Activity, Cell, Matrix } from "../model/matrix.js";
import type { TextEdit } from "../model/finding.js";
import { canonicalOrder, type RoleScheme } from "../model/scheme.js";
import type { Subject } from "../facts/subjects.js";
import { namedFactValue } from "../facts/values.js";
import { readCellText } from "../readers/cell-codes.js";
import { PartyNames } from "../readers/parties.js";

/** The options of the rule whose finding is being fixed (its defaults merged with the configuration's). */
export type ProducerOptions = Readonly<Record<string, unknown>>;

/**
 * Makes the edit for one finding (null when the source is not in a shape the fix can handle) and says
 * what it does. `options` are the active rule's options, for producers that follow them.
 */
export interface FixProducer {
  make(subject: Subject, scheme: RoleScheme, options?: ProducerOptions): TextEdit | null;
  describe(subject: Subject, scheme: RoleScheme, options?: ProducerOptions): string;
}

/** The new text of a cell whose codes part becomes `body` (emphasis, marker and padding kept), or null. */
function cellWithBody(cell: Cell, body: string): string | null {
  if (cell.style.bodyStart < 0) return null;
  const start = cell.span.start.offset;
  return cell.raw.slice(0, cell.style.bodyStart - start) + body + cell.raw.slice(cell.style.bodyEnd - start);
}

/** An edit replacing a cell's codes part. */
function replaceBody(cell: Cell, body: string | null): TextEdit | null {
  if (body === null) return null;
  const text = cellWithBody(cell, body);
  if (text === null || text === cell.raw) return null;
  return { range: [cell.span.start.offset, cell.span.end.offset], text };
}

/**
 * Whether every token of the cell is a valid code and its codes part holds nothing else: written
 * back in the cell's own style, the codes give exactly that part (no emphasis around single codes
 * as in `**R**, **A**`, no numbered code `R1`, one separator throughout), so rewriting loses nothing.
 */
function onlyCodes(cell: Cell): boolean {
  if (cell.tokens.length === 0 || !cell.tokens.every((t) => t.kind === "code" && t.valid)) return false;
  const start = cell.span.start.offset;
  const body = cell.raw.slice(cell.style.bodyStart - start, cell.style.bodyEnd - start);
  return !/[*_`]/u.test(body) && render(cell, cell.codes) === body;
}

/**
 * Writes codes back in the cell's own style (separator and case; for codes written as words, the
 * cell's own word for each), or null when the cell has no word for one of them.
 */
function render(cell: Cell, codes: readonly string[]): string | null {
  if (cell.style.words) {
    const words = new Map<string, string>();
    for (const token of cell.tokens) if (!words.has(token.value)) words.set(token.value, token.raw);
    if (!codes.every((c) => words.has(c))) return null;
    return codes.map((c) => words.get(c)!).join(cell.style.separator);
  }
  const text = codes.join(cell.style.separator);
  return cell.style.lowerCase ? text.toLowerCase() : text;
}

/** Combines edits of several cells of one row into one edit over the source between them. */
function combine(source: string, edits: TextEdit[]): TextEdit | null {
  if (edits.length === 0) return null;
  edits.sort((a, b) => a.range[0] - b.range[0]);
  const start = edits[0]!.range[0];
  const end = edits[edits.length - 1]!.range[1];
  let text = "";
  let at = start;
  for (const e of edits) {
    text += source.slice(at, e.range[0]) + e.text;
    at = e.range[1];
  }
  return { range: [start, end], text };
}

/** The customer's empty cell of an activity (the first customer column of its table, as the facts say), when there is one to fill. */
function emptyCustomerCell(matrix: Matrix | null, activity: Activity | null): Cell | null {
  if (!matrix || !activity) return null;
  const customer = matrix.sections[activity.section]?.parties.find((p) => matrix.parties[p]!.role === "customer") ?? -1;
  const cell = customer >= 0 ? activity.cells[customer] : null;
  return cell && cell.empty && cell.raw === "" && cell.style.bodyStart >= 0 ? cell : null;
}

/** The wrapper each `emphasis` option value asks for (`any` keeps the cell's). */
const EMPHASIS_WRAPPERS: Record<string, string> = { bold: "**", underline: "__", none: "" };
/** The separator each `separator` option value asks for (`any` keeps the cell's). */
const SEPARATORS: Record<string, string> = { none: "", "comma-space": ", ", comma: ",", slash: "/" };
const NO_PARTY_NAMES = new PartyNames([]);

/** The cell's text with its emphasis wrapper replaced by `wrapper` and its codes part by `body`, or null when the cell is not `wrapper? codes wrapper? marker?`. */
function rewrapped(cell: Cell, body: string, wrapper: string): string | null {
  const start = cell.span.start.offset;
  const prefix = cell.raw.slice(0, cell.style.bodyStart - start);
  const suffix = cell.raw.slice(cell.style.bodyEnd - start);
  const old = cell.style.wrapper;
  // A `*` footnote marker next to `**` or `*` emphasis would read as more emphasis.
  if (prefix.trimEnd() !== old || (wrapper !== "" && cell.style.marker.includes(wrapper[0]!))) return null;
  let after: string;
  if (old === "") after = wrapper + suffix;
  else if (suffix.trimStart().startsWith(old)) after = wrapper + suffix.trimStart().slice(old.length);
  else if (suffix.endsWith(old)) after = suffix.slice(0, -old.length).trimEnd() + wrapper;
  else return null;
  return wrapper + body + after;
}

/** The cell restyled as the `code-style` options ask (emphasis in Markdown only), or null when it cannot be. */
function restyled(cell: Cell, matrix: Matrix, scheme: RoleScheme, options: ProducerOptions): string | null {
  if (!onlyCodes(cell) || cell.style.bodyStart < 0) return null;
  // Codes written as words keep their words (and separator) unless the house style wants letters;
  // words become letters with the house separator, or a comma (a slash when the words had one).
  const keepWords = cell.style.words && options.form !== "letters";
  const wordsSeparator = cell.style.separator.trim() === "/" ? "/" : ", ";
  const separator = keepWords ? cell.style.separator : (SEPARATORS[String(options.separator)] ?? (cell.style.words ? wordsSeparator : cell.style.separator));
  let body = keepWords ? render(cell, cell.codes)! : cell.codes.join(separator);
  if (options.case !== "upper" && cell.style.lowerCase) body = body.toLowerCase();
  const wrapper = matrix.format === "markdown" ? EMPHASIS_WRAPPERS[String(options.emphasis)] : undefined;
  const text = wrapper === undefined || wrapper === cell.style.wrapper ? cellWithBody(cell, body) : rewrapped(cell, body, wrapper);
  if (text === null) return null;
  // Read the result back: it must hold the same codes in the asked style (`**RA***` would not).
  const check = readCellText(text, scheme, NO_PARTY_NAMES);
  if (check.codes.join() !== cell.codes.join() || check.tokens.some((t) => !t.valid)) return null;
  if (wrapper !== undefined && check.style.wrapper !== wrapper) return null;
  if (check.codes.length > 1 && check.style.separator !== separator) return null;
  if (check.style.words !== keepWords) return null;
  if (options.case === "upper" && check.style.lowerCase) return null;
  return text;
}

/** The producers rule files can name. */
export const FIX_PRODUCERS: Record<string, FixProducer> = {
  /** `__AR__` -> `__RA__`, `C, R` -> `R, C`. */
  "canonical-order": {
    make(subject, scheme) {
      const cell = subject.cell;
      if (!cell || !onlyCodes(cell)) return null;
      return replaceBody(cell, render(cell, canonicalOrder(cell.codes, scheme)));
    },
    describe: (subject, scheme) => `Write the codes in canonical order: ${subject.cell ? canonicalOrder(subject.cell.codes, scheme).join("") : ""}`,
  },
  /** `RR` -> `R`, `R, A, R` -> `R, A`. */
  "dedupe-codes": {
    make(subject) {
      const cell = subject.cell;
      if (!cell || !onlyCodes(cell)) return null;
      return replaceBody(cell, render(cell, [...new Set(cell.codes)]));
    },
    describe: () => "Keep each code once",
  },

  /** `ra` -> `RA`, `__RA__` -> `**RA**`, `R/A` -> `R, A`: the house style the rule's options ask for. */
  "restyle-codes": {
    make(subject, scheme, options = {}) {
      const cell = subject.cell;
      const matrix = subject.matrix;
      if (!cell || !matrix) return null;
      const text = restyled(cell, matrix, scheme, options);
      if (text === null || text === cell.raw) return null;
      return { range: [cell.span.start.offset, cell.span.end.offset], text };
    },
    describe(subject, scheme, options = {}) {
      const cell = subject.cell;
      const text = cell && subject.matrix ? restyled(cell, subject.matrix, scheme, options) : null;
      return text === null ? "Write the codes in the house style" : `Write the codes as ${text}`;
    },
  },
  /** An empty customer cell gets `I`, written like the row's other codes. Changes meaning: unsafe. */
  "add-customer-inform": {
    make(subject, scheme) {
      const matrix = subject.matrix;
      const activity = subject.activityRef;
      const cell = emptyCustomerCell(matrix, activity);
      if (!matrix || !activity || !cell) return null;
      const styled = activity.cells.find((c) => c && !c.empty);
      const wrapper = matrix.format === "markdown" ? (styled?.style.wrapper ?? "") : "";
      const text = `${wrapper}${scheme.informed}${wrapper}`;
      const at = cell.span.start.offset;
      if (!cell.box) return { range: [at, at], text };
      // Overwrite padding rather than insert when the cell has room, so the table keeps its alignment.
      const room = cell.box.end.offset - at;
      if (room > text.length && /^\s*$/u.test(matrix.source.slice(at, at + text.length))) return { range: [at, at + text.length], text };
      return { range: [at, at], text: `${text} ` };
    },
    describe: (subject, scheme) => `Make ${String(namedFactValue("customer", subject))} Informed (${scheme.informed})`,
  },
  /** Every Accountable party after the first becomes Responsible instead. Changes meaning: unsafe. */
  "accountable-to-responsible": {
    make(subject, scheme) {
      const matrix = subject.matrix;
      const activity = subject.activityRef;
      if (!matrix || !activity) return null;
      const section = matrix.sections[activity.section]!;
      const holders = section.parties.map((p) => activity.cells[p]).filter((c): c is Cell => !!c && c.codes.includes(scheme.accountable));
      const edits: TextEdit[] = [];
      for (const cell of holders.slice(1)) {
        if (!onlyCodes(cell)) return null;
        const codes = cell.codes.map((c) => (c === scheme.accountable ? scheme.responsible : c));
        const edit = replaceBody(cell, render(cell, canonicalOrder([...new Set(codes)], scheme)));
        if (!edit) return null;
        edits.push(edit);
      }
      return combine(matrix.source, edits);
    },
    describe(subject, scheme) {
      const parties = (namedFactValue("accountableParties", subject) as string[] | undefined) ?? [];
      return `Keep ${parties[0] ?? "the first party"} Accountable; make ${parties.slice(1).join(", ")} Responsible (${scheme.responsible}) instead`;
    },
  },
};
