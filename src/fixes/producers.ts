/**
 * Fix producers: turn a finding's subject into a text edit on the source. Rules name a producer in
 * their data (`fix: canonical-order`); rules never edit text themselves and nothing here writes files.
 */
import type { Cell } from "../model/matrix.js";
import type { TextEdit } from "../model/finding.js";
import { codeRanks, type RoleScheme } from "../model/scheme.js";
import type { Subject } from "../facts/subjects.js";

/** Makes the edit for one finding, or null when the cell is not in a shape the fix can handle. */
export type FixProducer = (subject: Subject, scheme: RoleScheme) => TextEdit | null;

/** Replaces the codes part of a cell, keeping its emphasis, marker and padding. */
function replaceBody(cell: Cell, body: string): TextEdit | null {
  if (cell.style.bodyStart < 0) return null;
  const start = cell.span.start.offset;
  const from = cell.style.bodyStart - start;
  const to = cell.style.bodyEnd - start;
  const text = cell.raw.slice(0, from) + body + cell.raw.slice(to);
  if (text === cell.raw) return null;
  return { range: [start, cell.span.end.offset], text };
}

/** Whether every token of the cell is a valid code, so rewriting it loses nothing. */
function onlyCodes(cell: Cell): boolean {
  return cell.tokens.length > 0 && cell.tokens.every((t) => t.kind === "code" && t.valid);
}

/** Writes codes back in the cell's own style (separator and case). */
function render(cell: Cell, codes: string[]): string {
  const text = codes.join(cell.style.separator);
  return cell.style.lowerCase ? text.toLowerCase() : text;
}

/** The producers rule files can name. */
export const FIX_PRODUCERS: Record<string, FixProducer> = {
  /** `__AR__` -> `__RA__`, `C, R` -> `R, C`. */
  "canonical-order": (subject, scheme) => {
    const cell = subject.cell;
    if (!cell || !onlyCodes(cell)) return null;
    const ranks = codeRanks(scheme);
    const sorted = [...cell.codes].sort((a, b) => ranks.get(a)! - ranks.get(b)!);
    return replaceBody(cell, render(cell, sorted));
  },
  /** `RR` -> `R`, `R, A, R` -> `R, A`. */
  "dedupe-codes": (subject) => {
    const cell = subject.cell;
    if (!cell || !onlyCodes(cell)) return null;
    return replaceBody(cell, render(cell, [...new Set(cell.codes)]));
  },
  /** `ra` -> `RA`. */
  "upper-case-codes": (subject) => {
    const cell = subject.cell;
    if (!cell || !onlyCodes(cell)) return null;
    return replaceBody(cell, cell.codes.join(cell.style.separator));
  },
  /** An empty customer cell gets `I`, written like the row's other codes. (Changes meaning: unsafe.) */
  "add-customer-inform": (subject, scheme) => {
    const matrix = subject.matrix;
    if (!matrix) return null;
    const customer = matrix.parties.findIndex((p) => p.role === "customer");
    const activity = subject.activityRef;
    const cell = activity?.cells[customer];
    if (!activity || !cell || !cell.empty || cell.raw !== "") return null;
    const styled = activity.cells.find((c) => c && !c.empty);
    const wrapper = styled?.style.wrapper ?? "";
    const code = scheme.codes.at(-1)?.code ?? "I";
    const text = `${wrapper}${code}${wrapper}`;
    const at = cell.span.start.offset;
    // Overwrite padding rather than insert when the cell has room, so the table stays aligned.
    const room = cell.box ? cell.box.end.offset - at - 1 : 0;
    if (room >= text.length && /^\s*$/u.test(matrix.source.slice(at, at + text.length))) {
      return { range: [at, at + text.length], text };
    }
    return { range: [at, at], text: cell.box ? `${text} ` : text };
  },
  /** The second and later Accountable parties become Responsible instead. (Changes meaning: unsafe.) */
  "accountable-to-responsible": () => null,
};
