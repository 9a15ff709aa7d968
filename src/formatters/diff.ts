/**
 * Unified diffs of original vs fixed text, for `--fix-dry-run --format diff`, with git-style
 * `a/` and `b/` file headers so `git apply` and `patch -p1` accept the output. Pure.
 */
import type { Formatter } from "./formatter.js";
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";

/** Lines of context around each change, as `diff -u` and git use. */
const CONTEXT = 3;

/** The path as a diff header shows it: `/`-separated, without a leading `./`. */
function headerPath(file: string): string {
  return file.replace(/\\/gu, "/").replace(/^(?:\.\/)+/u, "");
}

/**
 * The unified diff turning `before` into `after` (both as read from the file, BOM included), or ""
 * when they are equal. Line endings are compared as they are, so a CRLF file's lines keep their `\r`.
 */
export function unifiedDiff(file: string, before: string, after: string, context = CONTEXT): string {
  if (before === after) return "";
  const path = headerPath(file);
  return createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context, headerOptions: FILE_HEADERS_ONLY });
}

/** The diffs of several files, one after the other (files without changes contribute nothing). */
export function unifiedDiffs(files: readonly { path: string; before: string; after: string }[], context = CONTEXT): string {
  return files.map((f) => unifiedDiff(f.path, f.before, f.after, context)).join("");
}

/** The `diff` format: what `--fix-dry-run` would change, as a unified diff. */
export const formatter: Formatter = {
  description: "with --fix-dry-run, a unified diff of the fixes (git apply accepts it)",
  format: (report) => unifiedDiffs(report.files.flatMap((f) => (f.output !== undefined && f.input !== undefined ? [{ path: f.path, before: f.input, after: f.output }] : []))),
};
