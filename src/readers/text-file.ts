/** Reading a file as text: raci-lint reads UTF-8, and says so of a file that is not. */
import { readFileSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import type { Finding } from "../model/finding.js";
import { LineIndex } from "../model/position.js";

/**
 * A file's text, decoded as UTF-8, and the offset (in that text) of the first character that was
 * not UTF-8 (decoded as U+FFFD), or null. Throws what `readFileSync` throws.
 */
export function readTextFile(path: string): { text: string; notUtf8: number | null } {
  const text = readFileSync(path, "utf8");
  // Bytes that are not UTF-8 decode to U+FFFD: only then is the file read again, as bytes, to tell
  // them from a U+FFFD written in it.
  const replaced = text.indexOf("\uFFFD");
  if (replaced === -1 || isUtf8(readFileSync(path))) return { text, notUtf8: null };
  return { text, notUtf8: replaced };
}

/** The finding for a file that is not UTF-8 text, at the first character that was not. */
export function notUtf8Finding(file: string, text: string, offset: number): Finding {
  const at = new LineIndex(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).point(text.charCodeAt(0) === 0xfeff ? offset - 1 : offset);
  return {
    ruleId: "parse-error",
    severity: "error",
    message: "The file is not UTF-8 text (here is the first byte that is not): it is checked as read, but not fixed. Save it as UTF-8.",
    file,
    line: at.line,
    column: at.column,
    endLine: at.line,
    endColumn: at.column + 1,
    section: null,
    activity: null,
    party: null,
    fix: null,
    suggestions: [],
  };
}
