/** Turns hits into findings: severity, position, message (facts filled in), fix and suggestions. */
import type { Hit } from "../engine/evaluate.js";
import { namedFactValue } from "../facts/values.js";
import { FIX_PRODUCERS } from "../engine/fix-producers.js";
import { positionOf, type Finding, type Suggestion } from "../model/finding.js";
import { cellName, type SourceSpan } from "../model/position.js";
import { workbookCellEdits } from "../model/workbook.js";
import type { Matrix } from "../model/matrix.js";
import { effectiveSeverity } from "../model/rule.js";
import type { RoleScheme } from "../model/scheme.js";

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/u;

/**
 * No suggestions: one frozen list shared by every finding that has none. A run can hold millions of
 * findings, and an empty array each costs 32 bytes of them.
 */
const NO_SUGGESTIONS: Finding["suggestions"] = Object.freeze([]) as unknown as Finding["suggestions"];

/** Renders a message template with the subject's facts. */
function renderMessage(template: string, hit: Hit): string {
  const parts = hit.template ?? template.split(new RegExp(PLACEHOLDER.source, "gu"));
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) text += factText(namedFactValue(parts[i]!, hit.subject)) + parts[i + 1]!;
  // Reading a character makes V8 flatten the rope that `+=` built (a node per piece) into one string:
  // a finding kept for the report then costs about a third less (2 million findings: 677 -> 458 MB).
  text.charCodeAt(0);
  return text;
}

/** How a fact's value reads in a message: a very long text (a cell of 100 KB) is cut, saying how long it was; lists are kept whole. */
function factText(value: unknown): string {
  if (Array.isArray(value)) return value.join(", ");
  if (value === null || value === undefined) return "";
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- not an object here
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  if (typeof value !== "string" || text.length <= MAX_FACT_TEXT) return text;
  const last = text.charCodeAt(CUT_FACT_TEXT - 1);
  const cut = last >= 0xd800 && last <= 0xdbff ? CUT_FACT_TEXT - 1 : CUT_FACT_TEXT; // never split a surrogate pair
  return `${text.slice(0, cut)}… (${text.length} characters)`;
}

/** Longer fact values are cut to their first `CUT_FACT_TEXT` characters in messages. */
const MAX_FACT_TEXT = 300;
const CUT_FACT_TEXT = 200;

/** The finding of a hit. */
export function findingOf(hit: Hit, scheme: RoleScheme): Finding {
  const { subject, active, check } = hit;
  const severity = effectiveSeverity(active, check);
  const span = (check.at && subject.anchor(check.at)) || subject.span;
  let party = subject.party;
  if (check.party === "customer") party = (namedFactValue("customer", subject) as string | undefined) || party;
  const producer = check.fix ? FIX_PRODUCERS[check.fix] : undefined;
  const edit = producer && active.rule.fixable !== "none" ? producer.make(subject, scheme, active.options) : null;
  let fix = edit && active.rule.fixable === "safe" ? edit : null;
  let suggestions: Suggestion[] = edit && active.rule.fixable === "unsafe" ? [{ message: producer!.describe(subject, scheme, active.options), fix: edit }] : NO_SUGGESTIONS;
  const matrix = subject.matrix;
  if (edit && matrix?.format === "xlsx") {
    // A workbook is never rewritten: its fixes, safe ones too, are offered as cells to change.
    const cells = workbookCellEdits(matrix.source, edit);
    const where = cells.map((c) => `"${c.text}" in ${cellName(c)}`).join(", ");
    suggestions = cells.length > 0 ? [{ message: `${producer!.describe(subject, scheme, active.options)}: write ${where} (raci-lint does not rewrite workbooks)`, fix: null, cells }] : [];
    fix = null;
  }
  return {
    ruleId: active.rule.id,
    severity,
    message: withCell(renderMessage(check.message, hit), span),
    file: subject.file,
    ...positionOf(span),
    section: subject.section,
    activity: subject.activity,
    party,
    fix,
    suggestions,
  };
}

/** A message about a CSV file's cell names the cell (`... (B7)`): its line and column are the text's, not the spreadsheet's. */
function withCell(message: string, span: SourceSpan): string {
  return span.ref && span.ref.sheet === undefined ? `${message} (${span.ref.cell})` : message;
}

/** The findings for problems met while reading a matrix. */
export function readProblemFindings(matrix: Matrix): Finding[] {
  return matrix.problems.map((p) => ({
    ruleId: p.ruleId,
    severity: "error" as const,
    message: withCell(p.message, p.span),
    file: matrix.file,
    ...positionOf(p.span),
    section: null,
    activity: null,
    party: null,
    fix: null,
    suggestions: [],
  }));
}

/** The rule id of a finding that says raci-lint itself failed on a file (the CLI then exits 2). */
export const INTERNAL_ERROR = "internal-error";

/** A finding placed at the start of a file. */
function fileFinding(file: string, ruleId: string, message: string): Finding {
  return { ruleId, severity: "error", message, file, line: 1, column: 1, endLine: 1, endColumn: 1, section: null, activity: null, party: null, fix: null, suggestions: [] };
}

/** A finding for a file that could not be read at all. */
export function unreadableFinding(file: string, error: unknown): Finding {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = (code && READ_ERRORS[code]) ?? code ?? (error as Error).message;
  return fileFinding(file, "parse-error", `Cannot read file: ${reason}`);
}

/** Plain words for the system's reasons a named file cannot be read; the code stays for searching. */
const READ_ERRORS: Record<string, string> = {
  ENOENT: "ENOENT, it does not exist (a link to a missing file?)",
  EACCES: "EACCES, permission denied",
  EPERM: "EPERM, operation not permitted",
  EISDIR: "EISDIR, it is a directory",
  ELOOP: "ELOOP, a loop of symbolic links",
  EMFILE: "EMFILE, too many open files",
  EIO: "EIO, an input/output error",
};

/** A finding for a file raci-lint failed on (a defect of its own). */
export function internalErrorFinding(file: string, error: unknown): Finding {
  return fileFinding(file, INTERNAL_ERROR, `Cannot check this file: ${(error as Error).message}`);
}
