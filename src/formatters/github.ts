/**
 * The `github` format: GitHub Actions workflow commands, one line per finding, which the runner turns
 * into annotations on the pull request's diff:
 * `::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE`
 * (`warning` for warnings, `notice` for infos). Values are escaped as GitHub's toolkit does
 * (`@actions/core`): in the message `%`, CR and LF; in properties also `:` and `,`. Suppressed
 * findings are not annotated; a clean report prints nothing.
 */
import type { Formatter } from "./formatter.js";
import type { Severity } from "../model/finding.js";
import type { FormatContext } from "./context.js";
import type { Report } from "../model/result.js";

const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

/**
 * Escapes a workflow command's message (its data). Other control characters (an escape sequence in
 * a cell) are written as `%XX` too: the runner shows them as text instead of passing them on.
 */
export function escapeData(value: string): string {
  return (
    value
      .replace(/%/g, "%25")
      .replace(/\r/g, "%0D")
      .replace(/\n/g, "%0A")
      // eslint-disable-next-line no-control-regex -- control characters are what this looks for
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)
  );
}

/** Escapes a workflow command's property value. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** Formats a report as GitHub Actions annotations (workflow commands), one line per finding. */
export function formatGithub(report: Report, _context?: FormatContext): string {
  let out = "";
  for (const file of report.files) {
    for (const f of file.findings) {
      const properties = [`file=${escapeProperty(file.path)}`, `line=${f.line}`, `col=${f.column}`, `endLine=${f.endLine}`, `endColumn=${f.endColumn}`, `title=${escapeProperty(f.ruleId)}`];
      // A workbook's rows count from 1 in each sheet: the message names the cell (`Build!B7: ...`).
      const message = f.sheet !== undefined ? `${f.sheet}!${f.cell}: ${f.message}` : f.message;
      out += `::${COMMAND[f.severity]} ${properties.join(",")}::${escapeData(message)}\n`;
    }
  }
  return out;
}

/** The `github` format. */
export const formatter: Formatter = {
  description: "GitHub Actions workflow commands (annotations on the pull request)",
  format: formatGithub,
};
