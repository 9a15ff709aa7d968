/** Corpus-scope subjects: activities that occur in more than one file of the run. */
import type { Matrix } from "../model/matrix.js";
import type { RoleScheme } from "../model/scheme.js";
import { plainText } from "../readers/markdown/reader.js";
import type { Subject } from "./subjects.js";

/** One subject per activity key found in two files or more, pointing at its first occurrence. */
export function corpusSubjects(matrices: readonly Matrix[], scheme: RoleScheme): Subject[] {
  const groups = new Map<string, { matrix: Matrix; index: number }[]>();
  for (const matrix of matrices) {
    const seen = new Set<string>();
    matrix.activities.forEach((activity, index) => {
      if (activity.key === "" || seen.has(activity.key)) return;
      seen.add(activity.key);
      const list = groups.get(activity.key) ?? [];
      list.push({ matrix, index });
      groups.set(activity.key, list);
    });
  }
  const subjects: Subject[] = [];
  for (const occurrences of groups.values()) {
    if (occurrences.length < 2) continue;
    const variants = new Map<string, string[]>();
    for (const { matrix, index } of occurrences) {
      const activity = matrix.activities[index]!;
      const assignment = matrix.parties
        .map((party, p) => (activity.cells[p] ? `${party.role ?? party.name}=${activity.cells[p]!.codes.join("")}` : null))
        .filter((v) => v !== null)
        .sort()
        .join(" ");
      variants.set(assignment, [...(variants.get(assignment) ?? []), matrix.file]);
    }
    const first = occurrences[0]!;
    const activity = first.matrix.activities[first.index]!;
    subjects.push({
      scope: "corpus",
      file: first.matrix.file,
      section: first.matrix.sections[activity.section]!.title,
      activity: plainText(activity.name),
      party: null,
      cell: null,
      activityRef: activity,
      matrix: first.matrix,
      span: activity.span,
      anchors: {},
      facts: {
        activity: plainText(activity.name),
        fileCount: occurrences.length,
        variantCount: variants.size,
        variants: [...variants].map(([assignment, files]) => `${assignment} (${files.join(", ")})`),
        scheme: scheme.name,
      },
    });
  }
  return subjects;
}
