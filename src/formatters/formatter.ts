/** What a report format is: a pure function of the report and its context. */
import type { Report } from "../model/result.js";
import type { FormatContext } from "./context.js";

/** One report format (a module of `src/formatters/`, listed in `index.ts`). */
export interface Formatter {
  /** One line saying what the format is for. */
  readonly description: string;
  /** What the report must carry beyond findings: each file's text (`source`), or its matrix too (`matrix`). */
  readonly needs?: "source" | "matrix";
  /** The report in this format. Deterministic: the same report gives the same text. */
  format(report: Report, context: FormatContext): string;
  /**
   * The same text in pieces, file by file (a file with many findings in several pieces), so that a
   * report is written as it is made and never held as one string (a string of a million findings
   * can exceed what V8 allows). Joined, the pieces are exactly `format`'s text.
   */
  stream?(report: Report, context: FormatContext): Iterable<string>;
}

/** How many findings one piece of a streamed report holds at most: pieces (and the 32 K-character writes made of them) stay under V8's large-object size (128 KB), so they die young instead of piling up in the old generation until a full GC (2M findings to JSON: peak RSS 1,417 MB with pieces of 2,000). */
export const FINDINGS_PER_CHUNK = 100;

/** Joins a streamed report (the string API of the formats that stream). */
export function joinChunks(chunks: Iterable<string>): string {
  let out = "";
  for (const chunk of chunks) out += chunk;
  return out;
}

/** `JSON.stringify(value, null, 2)` as it reads nested `depth` spaces deep (its first line not indented). */
export function nestedJson(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2);
  // JSON escapes line breaks inside strings, so every "\n" is one of the layout's.
  return depth === 0 ? text : text.replace(/\n/g, `\n${" ".repeat(depth)}`);
}
