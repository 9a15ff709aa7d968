/**
 * Corpus scope: activities that occur in more than one file of a run. Matrices are summarised as
 * they are linted (a few strings per activity), so a run never has to keep every matrix in memory.
 */
import type { Matrix } from "../model/matrix.js";
import type { SourceSpan } from "../model/position.js";
import { canonicalOrder, type RoleScheme } from "../model/scheme.js";
import { plainText } from "../model/text.js";
import type { Subject } from "./subjects.js";
import { RowActivity } from "../readers/markdown/rows.js";

/** One activity's occurrence, as the corpus scope remembers it. */
interface Occurrence {
  file: string;
  name: string;
  section: string;
  span: SourceSpan;
  /** Codes by party role (or name), canonical order, e.g. `customer=RA provider=I`. */
  assignment: string;
}

/** The corpus-scope subject of one activity key. */
class CorpusSubject implements Subject {
  readonly scope = "corpus";
  readonly party = null;
  readonly cell = null;
  readonly activityRef = null;
  readonly matrix = null;
  constructor(
    private readonly occurrences: Occurrence[],
    readonly scheme: string,
  ) {}
  get facts() {
    return this as unknown as Readonly<Record<string, unknown>>;
  }
  private get first(): Occurrence {
    return this.occurrences[0]!;
  }
  get span(): SourceSpan {
    return this.first.span;
  }
  get file(): string {
    return this.first.file;
  }
  get section(): string {
    return this.first.section;
  }
  get activity(): string {
    return this.first.name;
  }
  get fileCount(): number {
    return this.occurrences.length;
  }
  get variants(): string[] {
    const files = new Map<string, string[]>();
    for (const o of this.occurrences) files.set(o.assignment, [...(files.get(o.assignment) ?? []), o.file]);
    return [...files].map(([assignment, list]) => `${assignment} (${list.join(", ")})`);
  }
  get variantCount(): number {
    return new Set(this.occurrences.map((o) => o.assignment)).size;
  }
  anchor(): SourceSpan | null {
    return null;
  }
}

/** Collects activity occurrences across the files of a run. */
export class CorpusCollector {
  private readonly groups = new Map<string, Occurrence[]>();

  constructor(private readonly scheme: RoleScheme) {}

  /** Each reading's codes, without repeats, in canonical order (see `Cell.reading`). */
  private readonly canonical = new Map<number, string>();

  private codesOf(cell: { reading: number; codes: readonly string[] }): string {
    let codes = this.canonical.get(cell.reading);
    if (codes === undefined) {
      codes = canonicalOrder([...new Set(cell.codes)], this.scheme).join("");
      this.canonical.set(cell.reading, codes);
    }
    return codes;
  }

  /** Remembers the activities of one matrix (each key once per file). */
  add(matrix: Matrix): void {
    const seen = new Set<string>();
    const label = matrix.parties.map((party) => party.role ?? party.name);
    for (const activity of matrix.activities) {
      if (activity.key === "" || seen.has(activity.key)) continue;
      seen.add(activity.key);
      const parts: string[] = [];
      if (activity instanceof RowActivity) {
        // A table row's cells are read from its rest, without placing them.
        const cells = activity.rest?.cells ?? [];
        const columns = activity.table.columns;
        for (let i = 0; i < Math.min(cells.length, columns.length); i++) {
          if (columns[i]! >= 0) parts.push(`${label[columns[i]!]}=${this.codesOf(cells[i]!.template)}`);
        }
      } else {
        activity.cells.forEach((cell, p) => {
          if (cell) parts.push(`${label[p]}=${this.codesOf(cell)}`);
        });
      }
      const assignment = parts.sort().join(" ");
      const list = this.groups.get(activity.key) ?? [];
      list.push({ file: matrix.file, name: plainText(activity.name), section: matrix.sections[activity.section]!.title, span: activity.span, assignment });
      this.groups.set(activity.key, list);
    }
  }

  /** One subject per activity key found in two files or more, pointing at its first occurrence. */
  subjects(): Subject[] {
    const out: Subject[] = [];
    for (const occurrences of this.groups.values()) if (occurrences.length > 1) out.push(new CorpusSubject(occurrences, this.scheme.name));
    return out;
  }
}
