/**
 * Writes a matrix as Markdown: front matter with its title, a legend table (after an untitled first
 * section), then a heading and an aligned table per section (`| Activity | Client | Provider |`, cells padded to each column's
 * width, group rows in bold), as the seed matrix is written.
 */
import type { MatrixContent } from "./content.js";

/** A cell's text made safe in a table row: pipes escaped, line breaks as `<br>`. */
function escapeCell(text: string): string {
  return text.replace(/\|/gu, "\\|").replace(/\r\n|\n|\r/gu, "<br>");
}

/** An aligned table: every column padded to its widest cell. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = [header, ...rows].map((row) => header.map((_, i) => escapeCell(row[i] ?? "")));
  const widths = header.map((_, i) => Math.max(3, ...cells.map((row) => row[i]!.length)));
  const line = (row: readonly string[]) => `| ${row.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(cells[0]!), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.slice(1).map(line)].join("\n");
}

/** A YAML scalar for the front matter's title (quoted when plain would not read back as the text). */
function yamlString(text: string): string {
  return /^[\p{L}\p{N}][^:#\n'"]*$/u.test(text) && !/\s$/u.test(text) ? text : JSON.stringify(text);
}

/** The matrix as a Markdown document. */
export function writeMarkdown(content: MatrixContent): string {
  const parts: string[] = [];
  if (content.title) parts.push(`---\ntitle: ${yamlString(content.title)}\n---`);
  let legend = content.legend.length > 0;
  const writeLegend = () => {
    parts.push(
      "## Legend",
      markdownTable(
        ["Code", "Term", "Description"],
        content.legend.map((e) => [e.code, e.term, e.description]),
      ),
    );
    legend = false;
  };
  for (const section of content.sections) {
    // A section without a title (a CSV file's, a table above any heading) stands under the document's
    // title: before the legend, whose heading would otherwise become its section.
    if (section.title !== "") {
      if (legend) writeLegend();
      parts.push(`## ${section.title}`);
    }
    const rows = section.rows.map((row) => (row.kind === "group" ? [`**${row.title}**`, ...section.parties.map(() => "")] : [row.name, ...row.cells.map((c) => c ?? "")]));
    parts.push(markdownTable(["Activity", ...section.parties], rows));
  }
  if (legend) writeLegend();
  return `${parts.join("\n\n")}\n`;
}
