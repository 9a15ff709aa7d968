/**
 * The responsibility diff as text: `stylish` (a terminal), `json` (the diff itself) and `markdown`
 * (a pull-request comment or a job summary: a table per file). Responsibility shifts come first.
 */
import { createColors } from "picocolors";
import type { ActivityChange, CodeChange, FileDiff, MatrixDiff } from "./compare.js";

/** The formats `raci-lint diff` writes. */
export const DIFF_FORMATS = ["stylish", "json", "markdown"] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** `Client RA -> I, Cloud Temple I -> RA` (`-`: no code). */
function codeText(changes: readonly CodeChange[], arrow: string): string {
  return changes.map((c) => `${c.party} ${c.old || "-"} ${arrow} ${c.new || "-"}`).join(", ");
}

/** `Client CI, Cloud Temple RA`: the codes of one side. */
function codesHeld(changes: readonly CodeChange[], side: "old" | "new"): string {
  return changes.map((c) => `${c.party} ${c[side]}`).join(", ");
}

/**
 * Where a change is: the old line and the new one (`248->282`), the new line alone when it did not
 * move or for what was added, the old one in parentheses for what was removed.
 */
function lineText(old: { line: number } | null, now: { line: number } | null, arrow: string): string {
  if (!now) return `(${old!.line})`;
  return !old || old.line === now.line ? String(now.line) : `${old.line}${arrow}${now.line}`;
}

/** One line of a file's listing: where (see `lineText`), what, and the details. */
interface Row {
  line: string;
  label: string;
  activity: string;
  section: string;
  detail: string;
  shift: boolean;
}

/** What an activity change says, for people. */
function activityRow(a: ActivityChange, arrow: string): Row {
  const at = a.new ?? a.old!;
  const base = { line: lineText(a.old, a.new, arrow), activity: at.name, section: at.section, shift: false };
  switch (a.change) {
    case "added":
      return { ...base, label: "added", detail: codesHeld(a.codes, "new") };
    case "removed":
      return { ...base, label: "removed", detail: codesHeld(a.codes, "old") };
    case "moved":
      return { ...base, label: "moved", detail: [`from "${a.old!.section}"`, ...(a.codes.length ? [codeText(a.codes, arrow)] : [])].join("; ") };
    case "renamed":
      return { ...base, label: "renamed", detail: [`was "${a.old!.name}"`, ...(a.codes.length ? [codeText(a.codes, arrow)] : [])].join("; ") };
    case "changed":
      return { ...base, label: "codes", detail: codeText(a.codes, arrow) };
    case "annotated":
      return { ...base, label: "annotation", detail: codeText(a.annotations, arrow) };
  }
}

/** Every row of a file: shifts first, then sections, parties and activities in order. */
function rowsOf(file: FileDiff, arrow: string): Row[] {
  const rows: Row[] = [];
  for (const a of file.activities) {
    const at = a.new ?? a.old!;
    for (const s of a.shifts) rows.push({ line: lineText(a.old, a.new, arrow), label: "shift", activity: at.name, section: at.section, detail: s.message, shift: true });
  }
  for (const s of file.sections) {
    const at = s.new ?? s.old!;
    const detail = s.change === "renamed" ? `was "${s.old!.title}"` : "";
    rows.push({ line: lineText(s.old, s.new, arrow), label: `section ${s.change}`, activity: "", section: at.title, detail, shift: false });
  }
  for (const p of file.parties) rows.push({ line: "", label: `party ${p.change}`, activity: "", section: "", detail: p.role ? `${p.name} (${p.role})` : p.name, shift: false });
  for (const a of file.activities) rows.push(activityRow(a, arrow));
  return rows;
}

/** The counts of a diff that are not zero, e.g. `1 activity with other codes, 17 added`. */
function counts(diff: MatrixDiff): string {
  const s = diff.summary;
  const parts = [
    s.changed ? plural(s.changed, "activity with other codes", "activities with other codes") : "",
    s.annotated ? `${s.annotated} annotated` : "",
    s.renamed ? `${s.renamed} renamed` : "",
    s.moved ? `${s.moved} moved` : "",
    s.added ? `${s.added} added` : "",
    s.removed ? `${s.removed} removed` : "",
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "no activity changed";
}

/** The closing line: shifts, the other counts, the files. */
function summaryLine(diff: MatrixDiff): string {
  const s = diff.summary;
  return `${s.shifts ? plural(s.shifts, "responsibility shift") : "no responsibility shift"}; ${counts(diff)}; ${s.changedFiles} of ${plural(s.files, "file")} changed`;
}

/** A text made safe for a terminal: control characters shown as `\xNN`. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** The diff for a terminal: a block per changed file, shifts first, then a summary line. */
export function formatDiffStylish(diff: MatrixDiff, options: { color: boolean }): string {
  const c = createColors(options.color);
  let out = "";
  for (const file of diff.files) {
    if (file.status === "unchanged") continue;
    const title = `${fileTitle(file, "->")}${file.status === "changed" ? "" : ` (${file.status})`}`;
    out += `\n${c.underline(printable(title))}\n`;
    const rows = rowsOf(file, "->").map((r) => ({ ...r, text: printable(r.activity ? `${r.activity}: ${r.detail}` : r.detail && r.section ? `${r.section}: ${r.detail}` : r.detail || r.section) }));
    const lineWidth = Math.max(0, ...rows.map((r) => r.line.length));
    const labelWidth = Math.max(0, ...rows.map((r) => r.label.length));
    for (const r of rows) {
      const label = r.label.padEnd(labelWidth);
      out += `  ${c.dim(r.line.padStart(lineWidth))}  ${r.shift ? c.red(label) : r.label === "added" ? c.green(label) : r.label === "removed" ? c.yellow(label) : label}  ${r.text}\n`;
    }
  }
  const line = summaryLine(diff);
  return `${out}\n${diff.summary.shifts > 0 ? c.red(c.bold(`! ${line}`)) : diff.summary.changedFiles > 0 ? `${line}` : `No responsibility change (${plural(diff.summary.files, "file")} compared).`}\n`;
}

/** A file's name, both sides' when they differ (`old.md -> new.md`: two files compared). */
function fileTitle(file: FileDiff, arrow: string): string {
  return file.oldPath && file.newPath && file.oldPath !== file.newPath ? `${file.oldPath} ${arrow} ${file.newPath}` : file.path;
}

/** The diff as JSON (the `MatrixDiff` object). */
export function formatDiffJson(diff: MatrixDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}

/** A Markdown table cell: the text as plain text (pipes, emphasis and HTML characters escaped), line breaks folded. */
function cell(text: string): string {
  return text
    .replace(/[\\`*_[\]|]/gu, "\\$&")
    .replace(/</gu, "&lt;")
    .replace(/>/gu, "&gt;")
    .replace(/\s*\n\s*/gu, " ");
}

/** The diff for a pull-request comment or a job summary: a heading, the counts, and a table per changed file. */
export function formatDiffMarkdown(diff: MatrixDiff): string {
  let out = "## Responsibility diff\n\n";
  const changed = diff.files.filter((f) => f.status !== "unchanged");
  if (changed.length === 0) return `${out}No responsibility change in ${plural(diff.summary.files, "file")}.\n`;
  out += `${diff.summary.shifts > 0 ? `**${plural(diff.summary.shifts, "responsibility shift")}**` : "No responsibility shift"}; ${counts(diff)}; ${diff.summary.changedFiles} of ${plural(diff.summary.files, "file")} changed.\n`;
  for (const file of changed) {
    const title = file.oldPath && file.newPath && file.oldPath !== file.newPath ? `\`${file.oldPath}\` → \`${file.newPath}\`` : `\`${file.path}\``;
    out += `\n### ${title}${file.status === "changed" ? "" : ` (${file.status})`}\n\n| change | line (old → new) | activity | section | detail |\n|---|---|---|---|---|\n`;
    for (const r of rowsOf(file, "→")) out += `| ${r.shift ? "**shift**" : r.label} | ${r.line} | ${cell(r.activity)} | ${cell(r.section)} | ${cell(r.detail)} |\n`;
  }
  return out;
}

/** The diff in a format. */
export function formatDiff(diff: MatrixDiff, format: DiffFormat, options: { color: boolean }): string {
  return format === "json" ? formatDiffJson(diff) : format === "markdown" ? formatDiffMarkdown(diff) : formatDiffStylish(diff, options);
}
