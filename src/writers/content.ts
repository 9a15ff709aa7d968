/**
 * What every writer writes of a matrix: its title, parties, legend, and per section its parties and
 * rows (group rows and activities), each cell as text. A cell is written as it reads: its codes as
 * written (`A/R`, `Accountable`, `RA`) without emphasis, or, when its text is not its codes (a cell
 * assembled from role columns or a role list), its codes as letters; a cell that holds something
 * other than codes keeps its text, so that what a linter reports of it is still there.
 */
import type { Cell, Matrix, PartyRole } from "../model/matrix.js";
import { nameKey, plainText } from "../model/text.js";

/** A row of a section: a group row or an activity with a text per party of the section. */
export type ContentRow = { kind: "group"; title: string } | { kind: "activity"; name: string; cells: (string | null)[] };

/** A section as writers see it. */
export interface ContentSection {
  title: string;
  parties: string[];
  rows: ContentRow[];
}

/** A matrix as writers see it. */
export interface MatrixContent {
  title: string | null;
  parties: { name: string; role: PartyRole | null }[];
  legend: { code: string; term: string; description: string }[];
  /** The codes of the matrix's scheme and their main names (what a legend written for a matrix that has none says). */
  codes: { code: string; term: string }[];
  sections: ContentSection[];
}

/**
 * A cell's text (see the module comment); null for a cell the row does not have. `party`: the name of
 * the cell's party: a table with a column per role, or a role list, names the party where the codes
 * would be (`| Deploy | Ops | QA |` under `R | A`), and such a cell is written as its codes.
 */
export function cellText(cell: Cell | null | undefined, party = ""): string | null {
  if (!cell) return null;
  const plain = plainText(cell.raw);
  if (cell.empty) return "";
  const tokens = cell.tokens;
  if (tokens.length === 0 || !tokens.every((t) => t.kind === "code" && t.valid)) return plain;
  const partyKey = nameKey(party);
  if (tokens.some((t) => nameKey(plainText(t.raw)) === partyKey)) return cell.codes.join("");
  // The text is its codes as written when its tokens, joined as the cell joins them, make it.
  return tokens.map((t) => t.raw).join(cell.style.separator) === plain ? plain : cell.codes.join("");
}

/** The content of a matrix (see the module comment). */
export function contentOf(matrix: Matrix): MatrixContent {
  // A section's parties are those some activity of it has a cell for (a YAML matrix gives every
  // section every party: one without a key in the section is not its party).
  const partiesOf = matrix.sections.map((section, s) => section.parties.filter((p) => matrix.activities.some((a) => a.section === s && a.cells[p] != null)));
  const sections: ContentSection[] = matrix.sections.map((section, s) => ({ title: section.title, parties: partiesOf[s]!.map((p) => matrix.parties[p]!.name), rows: [] }));
  const lastGroup = new Map<number, number | null>();
  for (const activity of matrix.activities) {
    const section = sections[activity.section]!;
    if (activity.group !== null && lastGroup.get(activity.section) !== activity.group) section.rows.push({ kind: "group", title: matrix.groups[activity.group]!.title });
    lastGroup.set(activity.section, activity.group);
    section.rows.push({ kind: "activity", name: plainText(activity.name), cells: partiesOf[activity.section]!.map((p) => cellText(activity.cells[p], matrix.parties[p]!.name)) });
  }
  const written = sections.filter((s) => s.rows.length > 0);
  // The parties of the sections written (a table with no activity names none).
  const used = new Set(written.flatMap((s) => s.parties));
  return {
    title: matrix.title,
    parties: matrix.parties.filter((p) => used.has(p.name)).map((p) => ({ name: p.name, role: p.role })),
    // A legend's description as written: its emphasis may mark the letter the code stands for (`__P__erforms`).
    legend: (matrix.legend?.entries ?? []).map((e) => ({ code: e.code, term: e.term, description: e.description })),
    codes: matrix.scheme.codes.map((c) => ({ code: c.code, term: c.names.en?.[0] ?? Object.values(c.names)[0]?.[0] ?? c.code })),
    // A section with no activity (a heading over a legend) is not written.
    sections: written,
  };
}
