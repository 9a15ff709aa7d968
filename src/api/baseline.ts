/** Applying a baseline file to a run's results, as `--baseline`, `--baseline-write` and `--baseline-prune` do. */
import { resolve } from "node:path";
import type { LintResult } from "../model/result.js";
import { applyBaseline, baselineFromFindings, formatBaselineError, pruneBaseline, readBaseline, writeBaseline } from "../suppress/baseline.js";

/** What to do with a baseline file: apply it (`prune`: and drop its stale entries), or write the current findings to it. */
export type BaselineMode = { kind: "write"; file: string } | { kind: "apply" | "prune"; file: string; quietStale?: boolean };

/** The results with the baseline applied, and what to tell the user; `error`: the baseline could not be used (exit 2). */
export interface BaselineStep {
  results: LintResult[];
  notes: string[];
  error: boolean;
}

/**
 * Applies or writes a baseline. `notRun`: rules whose checks did not run (corpus-scope ones in fix
 * mode): their entries are neither found nor stale, and are kept.
 */
export function applyBaselineFile(results: LintResult[], mode: BaselineMode, cwd: string, notRun: ReadonlySet<string>): BaselineStep {
  const target = resolve(cwd, mode.file);
  const notes: string[] = [];
  const failed = (message: string): BaselineStep => ({ results, notes: [...notes, message], error: true });
  if (mode.kind === "write") {
    const previous = readBaseline(target);
    if ("error" in previous && previous.error.kind !== "not-found") return failed(formatBaselineError({ ...previous.error, file: mode.file }));
    const baseline = baselineFromFindings(results, "baseline" in previous ? previous.baseline : undefined, notRun);
    const error = writeBaseline(target, baseline);
    if (error) return failed(formatBaselineError({ ...error, file: mode.file }));
    notes.push(`wrote ${baseline.entries.length} baseline entr${baseline.entries.length === 1 ? "y" : "ies"} to ${mode.file}`);
    return { results: applyBaseline(results, baseline).results, notes, error: false };
  }
  const read = readBaseline(target);
  if ("error" in read) return failed(formatBaselineError({ ...read.error, file: mode.file }));
  const applied = applyBaseline(results, read.baseline, notRun);
  if (mode.kind === "prune" && applied.stale.length) {
    const error = writeBaseline(target, pruneBaseline(read.baseline, applied.stale));
    if (error) return failed(formatBaselineError({ ...error, file: mode.file }));
    notes.push(`pruned ${applied.stale.length} stale baseline entr${applied.stale.length === 1 ? "y" : "ies"} from ${mode.file}`);
  } else if (mode.kind === "apply" && applied.stale.length && !mode.quietStale) {
    notes.push(`${applied.stale.length} baseline entr${applied.stale.length === 1 ? "y no longer matches" : "ies no longer match"} (run with --baseline-prune to remove):`);
    for (const e of applied.stale) notes.push(`  ${e.file}: ${e.ruleId}${e.activity ? ` "${e.activity}"` : ""}${e.party ? ` (${e.party})` : ""}: ${e.message}`);
  }
  return { results: applied.results, notes, error: false };
}
