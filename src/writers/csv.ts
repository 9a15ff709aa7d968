/**
 * Writes a matrix as CSV (RFC 4180: `,`, CRLF, fields quoted when they must be): a section is a
 * table under a title row (one field), sections apart by an empty line, as raci-lint reads them
 * back; a matrix of one untitled section is its table alone. The legend is not written: a CSV file
 * holds one matrix.
 */
import type { MatrixContent } from "./content.js";

/** A field, quoted when it holds a separator, a quote, a line break or spaces at its ends. */
function field(text: string): string {
  return /[",\r\n]|^\s|\s$/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

/** The matrix as CSV text. */
export function writeCsv(content: MatrixContent): string {
  const lines: string[] = [];
  const titled = content.sections.length > 1 || content.sections.some((s) => s.title !== "");
  content.sections.forEach((section, i) => {
    if (i > 0) lines.push("");
    if (titled) lines.push(field(section.title));
    lines.push(["Activity", ...section.parties].map(field).join(","));
    for (const row of section.rows) {
      const cells = row.kind === "group" ? [row.title, ...section.parties.map(() => "")] : [row.name, ...row.cells.map((c) => c ?? "")];
      lines.push(cells.map(field).join(","));
    }
  });
  return `${lines.join("\r\n")}\r\n`;
}
