/** What `--explain` prints: for each file, the scheme it was read with and what was made of each table, list or document, and why. */
import { createColors } from "picocolors";
import type { FileReading, ReadPart } from "../model/reading.js";
import type { Report } from "../model/result.js";

/** How each layout reads, in words. */
const LAYOUTS: Record<NonNullable<ReadPart["layout"]>, string> = {
  rows: "an activity per row, a party per column",
  columns: "a party per row, an activity per column",
  "role-columns": "a column per role, party names in the cells",
  list: "activities as list items, roles as sub-items",
  document: "a YAML/JSON matrix",
};

/** How a path names a file a translation, in words. */
const CONVENTIONS: Record<NonNullable<FileReading["translationOf"]>["convention"], string> = {
  configuration: "the configuration's translations",
  docusaurus: "Docusaurus' i18n layout",
  "locale-suffix": "its language suffix",
};

/** The line saying which file a translation was compared with, or why with none. */
function describeTranslation(t: NonNullable<FileReading["translationOf"]>): string {
  const what = `translation${t.locale ? ` (${t.locale})` : ""}`;
  if (t.source === null) return `${what} by its path (${CONVENTIONS[t.convention]}), paired with no file: ${t.reason ?? ""}`;
  return `${what} of ${t.source} (${CONVENTIONS[t.convention]}), ${t.compared ? "compared by consistent-translations" : `not compared: ${t.reason ?? ""}`}`;
}

const activities = (n: number) => (n === 1 ? "1 activity" : `${n} activities`);
/** Where a part is: its lines, or in a workbook its sheet and cells (`Build!A1:C9`). */
const lines = (part: ReadPart) => (part.sheet !== undefined ? `${part.sheet}!${part.cells ?? "A1"}` : part.line === part.endLine ? `line ${part.line}` : `lines ${part.line}-${part.endLine}`);

/** One part's lines of explanation. */
function describePart(part: ReadPart, c: ReturnType<typeof createColors>): string[] {
  const where = lines(part);
  if (part.kind === "legend") return [`${where}: ${c.cyan("legend")}, ${part.reason}`];
  if (part.kind === "ignored") return [`${where}: ${c.dim("left alone")}, ${part.reason}`];
  const section = part.section ? ` in "${part.section}"` : "";
  const out = [`${where}: ${c.green("matrix")}${section}, ${LAYOUTS[part.layout ?? "rows"]}: ${activities(part.activities ?? 0)}`];
  const parties = (part.parties ?? []).map((p) => (p.role ? `${p.name} (${p.role})` : p.name));
  if (parties.length) out.push(`  parties: ${parties.join(", ")}`);
  if (part.groups?.length) out.push(`  groups: ${part.groups.join(", ")}`);
  out.push(`  why: ${part.reason}`);
  return out;
}

/** The explanation of one file's reading. */
export function explainFile(path: string, read: FileReading, color = false): string {
  const c = createColors(color);
  let out = `${c.underline(path)} (${read.format}): ${read.activities === 0 ? "no matrix" : activities(read.activities)}\n`;
  out += `  scheme: ${read.scheme} (${read.schemeReason})\n`;
  if (read.translationOf) out += `  ${describeTranslation(read.translationOf)}\n`;
  if (read.translatedBy?.length) out += `  translated by ${read.translatedBy.join(", ")}\n`;
  if (read.parts.length === 0) out += `  ${read.format === "markdown" ? "no table, role list or legend" : "nothing read"}\n`;
  for (const part of read.parts) for (const line of describePart(part, c)) out += `  ${line}\n`;
  return out;
}

/** The explanation of every file of a report that carries its reading, one block per file. */
export function formatExplain(report: Report, color = false): string {
  return report.files
    .filter((f) => f.read)
    .map((f) => explainFile(f.path, f.read!, color))
    .join("\n");
}
