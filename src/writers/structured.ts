/**
 * Writes a matrix in raci-lint's YAML or JSON matrix format (`schemas/matrix.schema.json`). Groups
 * have no place there: their activities are written in their sections' order.
 */
import { stringify } from "yaml";
import type { MatrixContent } from "./content.js";

/** The matrix as data valid against the matrix schema. */
export function matrixData(content: MatrixContent): Record<string, unknown> {
  return {
    ...(content.title ? { title: content.title } : {}),
    parties: content.parties.map((p) => (p.role ? { name: p.name, role: p.role } : { name: p.name })),
    ...(content.legend.length > 0 ? { legend: content.legend.map((e) => ({ code: e.code, term: e.term, ...(e.description ? { description: e.description } : {}) })) } : {}),
    sections: content.sections.map((section) => ({
      title: section.title,
      activities: section.rows.flatMap((row) =>
        row.kind === "group" ? [] : [{ activity: row.name, codes: Object.fromEntries(section.parties.flatMap((party, i) => (row.cells[i] === null ? [] : [[party, row.cells[i]]]))) }],
      ),
    })),
  };
}

/** The matrix as YAML. */
export function writeYaml(content: MatrixContent): string {
  return `# yaml-language-server: $schema=https://github.com/raci-lint/raci-lint/schemas/matrix.schema.json\n${stringify(matrixData(content), { lineWidth: 0 })}`;
}

/** The matrix as JSON (two-space indentation, trailing newline). */
export function writeJson(content: MatrixContent): string {
  return `${JSON.stringify(matrixData(content), null, 2)}\n`;
}
