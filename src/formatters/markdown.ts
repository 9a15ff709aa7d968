/**
 * The `markdown` format: a summary for `$GITHUB_STEP_SUMMARY` or a pull-request comment. A heading,
 * the counts by severity, a table of counts by rule (each rule linked to its docs), then a table of
 * findings, at most `maxRows` of them (default 500) with a line saying how many were left out.
 * Cell text is escaped so that `|`, newlines and Markdown punctuation in messages and paths show as
 * written. A clean report says "No problems found.". Suppressed findings are counted, not listed.
 */
import type { Formatter } from "./formatter.js";
import type { Finding, Severity } from "../model/finding.js";
import { docsUrlOf, type FormatContext } from "./context.js";
import type { Report } from "../model/result.js";

/** Options of the Markdown formatter. */
export interface MarkdownOptions {
  /** The most findings listed in the findings table (default {@link DEFAULT_MAX_ROWS}). */
  maxRows?: number;
}

/** How many findings the table lists by default: well within a job summary's 1 MiB (a PR comment holds 65,536 characters: pass ~150). */
export const DEFAULT_MAX_ROWS = 500;

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Text made literal in a GFM table cell: Markdown punctuation backslash-escaped, `|` escaped, line breaks as `<br>`. */
export function markdownCell(value: string): string {
  return value
    .replace(/[\\`*_[\]<>|~&#]/g, "\\$&")
    .replace(/\r\n?|\n/g, "<br>")
    .trim();
}

/** A rule id, linked to its docs when it has some. */
function ruleLink(ruleId: string, context: FormatContext): string {
  const docs = docsUrlOf(context, ruleId);
  if (docs === null) return markdownCell(ruleId);
  const href = docs.replace(/[ ()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${markdownCell(ruleId)}](${href})`;
}

/** A table from a header and rows (cells already escaped). */
function table(header: string[], align: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(align), ...rows.map(line)].join("\n");
}

/** Formats a report as a Markdown summary (GitHub-flavoured). */
export function formatMarkdown(report: Report, context: FormatContext, options: MarkdownOptions = {}): string {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const { files, filesWithFindings, errors, warnings, infos, fixable } = report.summary;
  const suppressed = report.files.reduce((n, f) => n + (f.suppressed?.length ?? 0), 0);
  const total = errors + warnings + infos;
  const parts = ["## raci-lint", ""];
  const suppressedNote = suppressed > 0 ? ` ${plural(suppressed, "suppressed finding")} not listed.` : "";
  if (total === 0) {
    parts.push(`No problems found. ${plural(files, "file")} checked.${suppressedNote}`, "");
    return parts.join("\n");
  }

  parts.push(
    `**${plural(total, "problem")}** (${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(infos, "info")}) ` +
      `in ${filesWithFindings} of ${plural(files, "file")} checked.` +
      (fixable > 0 ? ` ${fixable} fixable with \`--fix\`.` : "") +
      suppressedNote,
    "",
  );

  // Counted file by file, and only the rows shown are collected: a report of millions of findings makes no list of them all.
  const byRule = new Map<string, Record<Severity, number>>();
  const shown: Finding[] = [];
  let count = 0;
  for (const file of report.files) {
    for (const f of file.findings) {
      const counts = byRule.get(f.ruleId) ?? { error: 0, warning: 0, info: 0 };
      counts[f.severity]++;
      byRule.set(f.ruleId, counts);
      if (shown.length < maxRows) shown.push(f);
      count++;
    }
  }
  const sum = (c: Record<Severity, number>) => c.error + c.warning + c.info;
  const ruleRows = [...byRule.entries()]
    .sort(([a, ca], [b, cb]) => sum(cb) - sum(ca) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, c]) => [ruleLink(id, context), ...SEVERITIES.map((s) => String(c[s])), String(sum(c))]);
  parts.push("### By rule", "", table(["Rule", "Errors", "Warnings", "Infos", "Total"], ["---", "---:", "---:", "---:", "---:"], ruleRows), "");

  const findingRows = shown.map((f) => [
    markdownCell(f.sheet !== undefined ? `${f.file}:${f.sheet}!${f.cell}` : `${f.file}:${f.line}:${f.column}`),
    f.severity,
    ruleLink(f.ruleId, context),
    markdownCell(f.message),
  ]);
  parts.push("### Findings", "", table(["Location", "Severity", "Rule", "Message"], ["---", "---", "---", "---"], findingRows), "");
  const left = count - shown.length;
  if (left > 0) parts.push(`${plural(left, "more finding")} not shown (the table lists the first ${shown.length}).`, "");
  return parts.join("\n");
}

/** The `markdown` format. */
export const formatter: Formatter = {
  description: "a Markdown summary, for $GITHUB_STEP_SUMMARY and pull-request comments",
  format: (report, context) => formatMarkdown(report, context),
  // The summary is bounded (counts, and at most maxRows findings): one piece.
  stream: (report, context) => [formatMarkdown(report, context)],
};
