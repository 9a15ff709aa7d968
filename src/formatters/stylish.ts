/** The `stylish` format: findings grouped by file, aligned columns, a summary line (like ESLint's). */
import { FINDINGS_PER_CHUNK, joinChunks, type Formatter } from "./formatter.js";
import { createColors } from "picocolors";
import type { RuleDefinition } from "../model/rule.js";
import type { Finding, Severity } from "../model/finding.js";
import type { Report } from "../model/result.js";

/** Options of the stylish formatter. */
export interface StylishOptions {
  color: boolean;
  /** The rules that ran: with colour on, each rule id links (OSC 8 terminal hyperlink) to its docs. */
  rules?: readonly RuleDefinition[];
}

/** `text` as an OSC 8 terminal hyperlink to `url` (terminals without support show the text). */
export function terminalLink(text: string, url: string): string {
  return `\u001b]8;;${url}\u001b\\${text}\u001b]8;;\u001b\\`;
}

/** Whether to colour output written to `stream`: FORCE_COLOR wins, then NO_COLOR, then "is it a terminal". */
export function shouldColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false") return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR === "0" || env.FORCE_COLOR === "false") return false;
  return Boolean(stream.isTTY) && env.TERM !== "dumb";
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Messages longer than this are not padded: the rule id follows them (alignment is for the common case). */
const MAX_MESSAGE_WIDTH = 200;

/** A text from a file made safe for a terminal: control characters (an escape sequence in a cell) are shown as `\xNN`. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** Formats a report for people. Files without findings are not listed. */
export function formatStylish(report: Report, options: StylishOptions): string {
  return joinChunks(streamStylish(report, options));
}

/** The stylish report in pieces, file by file (a file with many findings in several): joined, exactly `formatStylish`'s text. */
export function* streamStylish(report: Report, options: StylishOptions): Generator<string> {
  const c = createColors(options.color);
  const paint: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.blue };
  const docs = new Map(options.color ? (options.rules ?? []).flatMap((r) => (r.docs ? [[r.id, r.docs] as const] : [])) : []);
  const ruleText = (id: string) => (docs.has(id) ? terminalLink(id, docs.get(id)!) : id);
  const messageOf = (f: Finding) => printable(f.message.replace(/\s*\n\s*/g, " "));
  // A workbook's finding is at a cell of a sheet (`Matrix!B7`); a text's at a line and column.
  const placeOf = (f: Finding) => (f.sheet !== undefined ? `${f.sheet}!${f.cell ?? ""}` : `${f.line}:${f.column}`);
  for (const file of report.files) {
    if (file.findings.length === 0) continue;
    // Column widths first (one pass), then the lines, a piece at a time: no row is kept.
    const width = [0, 0, 0];
    for (const f of file.findings) {
      width[0] = Math.max(width[0]!, placeOf(f).length);
      width[1] = Math.max(width[1]!, f.severity.length);
      width[2] = Math.max(width[2]!, messageOf(f).length);
    }
    width[2] = Math.min(width[2]!, MAX_MESSAGE_WIDTH);
    let out = `\n${c.underline(printable(file.path))}\n`;
    const findings = file.findings;
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i]!;
      out += `  ${c.dim(placeOf(f).padEnd(width[0]!))}  ${paint[f.severity](f.severity.padEnd(width[1]!))}  ${messageOf(f).padEnd(width[2])}  ${c.dim(ruleText(f.ruleId))}\n`;
      if ((i + 1) % FINDINGS_PER_CHUNK === 0 && i + 1 < findings.length) {
        yield out;
        out = "";
      }
    }
    yield out;
  }
  const { errors, warnings, infos, fixable, filesWithoutMatrix } = report.summary;
  const total = errors + warnings + infos;
  // Files read without finding a matrix in them (a folder's other pages): counted, so that a matrix left unread is noticed.
  const unread = filesWithoutMatrix ? c.dim(`${plural(filesWithoutMatrix, "file")} without a matrix (--explain says what was read in each).`) : "";
  if (total === 0) {
    if (unread) yield `${unread}\n`;
    return;
  }
  const counts = `${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(infos, "info")}`;
  const mark = errors > 0 ? c.red : warnings > 0 ? c.yellow : c.blue;
  let out = `\n${mark(c.bold(`✖ ${plural(total, "problem")} (${counts})`))}\n`;
  if (fixable > 0) out += `${mark(c.bold(`  ${plural(fixable, "problem")} potentially fixable with the \`--fix\` option.`))}\n`;
  if (unread) out += `${unread}\n`;
  yield out;
}

/** The `stylish` format. */
export const formatter: Formatter = {
  description: "findings grouped by file, for people in a terminal (the default)",
  format: (report, context) => formatStylish(report, { color: context.color ?? false, rules: context.rules }),
  stream: (report, context) => streamStylish(report, { color: context.color ?? false, rules: context.rules }),
};
