/**
 * Corpus scope: activities that occur in more than one file of a run. Matrices are summarised as
 * they are linted (a few strings per activity), so a run never has to keep every matrix in memory.
 */
import type { Matrix } from "../model/matrix.js";
import type { SourceSpan } from "../model/position.js";
import type { Scope } from "../model/rule.js";
import { canonicalOrder, type RoleScheme } from "../model/scheme.js";
import { plainText } from "../model/text.js";
import type { Subject } from "./subjects.js";

/** One activity's occurrence, as the corpus scope remembers it. */
export interface Occurrence {
  file: string;
  /** The activity's key (what makes two activities the same one). */
  key: string;
  name: string;
  section: string;
  span: SourceSpan;
  /** Codes by party role (or name), canonical order, e.g. `customer=RA provider=I`. */
  assignment: string;
}

/** Inputs of a corpus-scope subject. */
export interface CorpusInputs {
  /** The activity's occurrences, one per file, in the order the files were linted. */
  occurrences: readonly Occurrence[];
  scheme: RoleScheme;
}

/** How corpus inputs are told apart in memo keys (see `INPUTS` in `subjects.ts`). */
export const CORPUS_INPUTS = {
  occurrences: { key: (s: CorpusInputs) => s.occurrences },
  scheme: { key: (s: CorpusInputs) => s.scheme, level: "context" },
} as const;

/** The corpus-scope subject of one activity key. */
class CorpusSubject implements Subject, CorpusInputs {
  readonly scope: Scope = "corpus";
  readonly party = null;
  readonly cell = null;
  readonly activityRef = null;
  readonly matrix = null;
  constructor(
    readonly occurrences: Occurrence[],
    readonly scheme: RoleScheme,
  ) {}
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
  get context(): object {
    return this.scheme;
  }
  anchor(): SourceSpan | null {
    return null;
  }
}

/** Collects activity occurrences across the files of a run. */
export class CorpusCollector {
  private readonly groups = new Map<string, Occurrence[]>();

  constructor(private readonly scheme: RoleScheme) {}

  /** Remembers the activities of one matrix (each key once per file); returns what it remembered of it. */
  add(matrix: Matrix): Occurrence[] {
    const added: Occurrence[] = [];
    const seen = new Set<string>();
    const label = matrix.parties.map((party) => party.role ?? party.name);
    for (const activity of matrix.activities) {
      if (activity.key === "" || seen.has(activity.key)) continue;
      seen.add(activity.key);
      const parts: string[] = [];
      activity.cells.forEach((cell, p) => {
        if (cell) parts.push(`${label[p]}=${canonicalOrder([...new Set(cell.codes)], this.scheme).join("")}`);
      });
      const assignment = parts.sort().join(" ");
      const occurrence: Occurrence = { file: matrix.file, key: activity.key, name: plainText(activity.name), section: matrix.sections[activity.section]!.title, span: activity.span, assignment };
      this.addOccurrence(occurrence);
      added.push(occurrence);
    }
    return added;
  }

  /** Remembers an activity's occurrence that `add` made in an earlier run (a file the lint cache answered for). */
  addOccurrence(occurrence: Occurrence): void {
    const list = this.groups.get(occurrence.key);
    if (list) list.push(occurrence);
    else this.groups.set(occurrence.key, [occurrence]);
  }

  /** One subject per activity key found in two files or more, pointing at its first occurrence. */
  subjects(): (Subject & CorpusInputs)[] {
    const out: (Subject & CorpusInputs)[] = [];
    for (const occurrences of this.groups.values()) if (occurrences.length > 1) out.push(new CorpusSubject(occurrences, this.scheme));
    return out;
  }
}
