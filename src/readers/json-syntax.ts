/** Where a JSON text stops being JSON, for messages that point at it. */
import { parseTree, type ParseError } from "jsonc-parser";
import { TOO_DEEP } from "../schema/validate.js";

/**
 * The message and offset of a JSON text's first syntax error, or null when `JSON.parse` accepts it.
 * `JSON.parse` decides; its message gives the offset for most errors ("... in JSON at position 7"),
 * and for the others (`Unexpected token ']'`) jsonc-parser, strict (no comments, no trailing
 * commas), finds where the text went wrong.
 */
export function jsonSyntaxError(text: string): { message: string; offset: number } | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    // Too deep for the parser's stack: not a syntax error, and the text may well be JSON.
    if (error instanceof RangeError) return { message: TOO_DEEP, offset: 0 };
    const message = (error as Error).message;
    const at = /\bat position (\d+)/u.exec(message);
    // The position is given as line and column by the finding; the quoted text around it, too.
    const plain = message.replace(/ (?:in JSON )?at position \d+(?: \(line \d+ column \d+\))?/u, "").replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/su, "");
    return { message: plain, offset: at ? Number(at[1]) : firstErrorOffset(text) };
  }
}

/** The offset of the first error a strict JSON parse finds (the text's end when it finds none). */
function firstErrorOffset(text: string): number {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return errors[0]?.offset ?? text.length;
}
