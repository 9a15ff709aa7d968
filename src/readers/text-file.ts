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
  return { text, notUtf8: notTextAt(text, () => readFileSync(path)) };
}

/**
 * Where text decoded as UTF-8 shows it was not UTF-8 text: the first U+FFFD when its bytes are not
 * UTF-8 (`bytes` is asked for only then, to tell them from a U+FFFD written in the text), or the
 * first NUL (UTF-16 without a byte-order mark, binary data); null when it is text.
 */
export function notTextAt(text: string, bytes: () => Uint8Array): number | null {
  const replaced = text.indexOf("\uFFFD");
  if (replaced !== -1 && !isUtf8(bytes())) return replaced;
  const nul = text.indexOf("\u0000");
  return nul === -1 ? null : nul;
}

/** The finding for a file that is not UTF-8 text, at the first character that was not. */
export function notUtf8Finding(file: string, text: string, offset: number): Finding {
  const at = new LineIndex(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).point(text.charCodeAt(0) === 0xfeff ? offset - 1 : offset);
  return {
    ruleId: "parse-error",
    severity: "error",
    message: "The file is not UTF-8 text (first seen here): it is checked as read, but not fixed. Save it as UTF-8.",
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
