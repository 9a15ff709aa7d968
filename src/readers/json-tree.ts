/**
 * JSON text -> positioned data tree (`data-tree.ts`), without recursion: objects are maps, arrays
 * sequences, strings double-quoted scalars, numbers and literals plain scalars, each with the offsets
 * yaml gave them when JSON was read as YAML (so findings keep their positions). It accepts exactly
 * what `JSON.parse` accepts; on the first syntax error it stops, and the message is `JSON.parse`'s,
 * at the offset `JSON.parse` names or, when it names none, where this reader stopped. A document
 * nested deeper than `MAX_DEPTH` is refused (once read: a syntax error is told first), before
 * anything recurses on it.
 * Duplicate keys are errors, as they were when yaml read JSON.
 */
import { TOO_DEEP } from "../schema/validate.js";
import { duplicateKeyMessage, MAX_DEPTH, duplicateKeys, type DataNode, type DataTree, type MapNode, type ScalarNode, type SeqNode } from "./data-tree.js";
import { plainValue } from "./yaml-tree.js";

/**
 * Where a JSON text stops being JSON, and why, in `JSON.parse`'s words; null when it is JSON. Nothing
 * recurses on the text: one too deep to read says so (`TOO_DEEP`, offset 0).
 */
export function jsonSyntaxError(text: string): { message: string; offset: number } | null {
  const parsed = parseJson(text);
  if (!("offset" in parsed)) return null;
  if (parsed.tooDeep) return { message: TOO_DEEP, offset: 0 };
  return syntaxMessage(text, parsed.offset);
}

/**
 * `JSON.parse`'s message for a text this reader stopped reading at `offset`: its first line without
 * the position and the quoted text (findings give both), at the offset it names, else at `offset`.
 */
function syntaxMessage(text: string, offset: number): { message: string; offset: number } {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /\bat position (\d+)/u.exec(message);
    const plain = message.replace(/ (?:in JSON )?at position \d+(?: \(line \d+ column \d+\))?/u, "").replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/su, "");
    return { message: plain, offset: at ? Number(at[1]) : offset };
  }
  // JSON.parse took what this reader refused: this reader is wrong, and says where it stopped.
  return { message: "not read as JSON", offset };
}

/** Where a JSON text stops being JSON (`offset`), or `tooDeep` when it nests deeper than `MAX_DEPTH`. */
interface Stop {
  offset: number;
  tooDeep: boolean;
}

/** Reads a JSON text (without its BOM) into a tree; never throws on bad input. */
export function readJsonTree(source: string): DataTree {
  const parsed = parseJson(source);
  if ("offset" in parsed) {
    if (parsed.tooDeep) return { root: null, errors: [{ message: TOO_DEEP, start: 0, end: 0 }], aliases: false };
    const syntax = syntaxMessage(source, parsed.offset);
    return { root: null, errors: [{ message: `Invalid JSON: ${syntax.message}`, start: syntax.offset, end: syntax.offset }], aliases: false };
  }
  const duplicates = duplicateKeys(parsed);
  return { root: parsed, errors: duplicates.map((key) => ({ message: duplicateKeyMessage(key), start: key.start, end: key.start + 1 })), aliases: false };
}

/** Whether a character code is JSON whitespace (space, tab, LF, CR). */
const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** The first offset from `i` that is not JSON whitespace. */
function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** The offset after a JSON string starting at `i` (its opening quote), or a negative number when it is not one. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 34) return j + 1;
    if (c < 32) return -1 - j;
    if (c === 92) {
      const e = text.charCodeAt(j + 1);
      if (e === 117) {
        for (let k = j + 2; k < j + 6; k++) if (!isHex(text.charCodeAt(k))) return -1 - k;
        j += 5;
      } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
        j++;
      } else {
        return -1 - (j + 1);
      }
    }
  }
  return -1 - text.length;
}

const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isDigit = (c: number) => c >= 48 && c <= 57;

/** The offset after a JSON number starting at `i`, or -1 - (where it goes wrong). */
function numberEnd(text: string, i: number): number {
  let j = i;
  if (text.charCodeAt(j) === 45) j++;
  if (text.charCodeAt(j) === 48) j++;
  else if (isDigit(text.charCodeAt(j))) while (isDigit(text.charCodeAt(j))) j++;
  else return -1 - j;
  if (text.charCodeAt(j) === 46) {
    j++;
    if (!isDigit(text.charCodeAt(j))) return -1 - j;
    while (isDigit(text.charCodeAt(j))) j++;
  }
  const e = text.charCodeAt(j);
  if (e === 101 || e === 69) {
    j++;
    const s = text.charCodeAt(j);
    if (s === 43 || s === 45) j++;
    if (!isDigit(text.charCodeAt(j))) return -1 - j;
    while (isDigit(text.charCodeAt(j))) j++;
  }
  return j;
}

/** An open object or array. */
interface Frame {
  node: MapNode | SeqNode;
  /** The key read for the value to come (objects). */
  key: ScalarNode | null;
}

/** The tree of a JSON text, or where it stops being JSON. */
function parseJson(text: string): DataNode | Stop {
  const stack: Frame[] = [];
  let i = skipSpace(text, 0);
  // Deeper than MAX_DEPTH is refused, once the whole text is known to be JSON (a syntax error is told first).
  let tooDeep = false;
  const fail = (offset: number): Stop => ({ offset, tooDeep: false });
  for (;;) {
    // A value at `i`.
    if (i >= text.length) return fail(i);
    const c = text.charCodeAt(i);
    let value: DataNode;
    if (c === 123 || c === 91) {
      if (stack.length >= MAX_DEPTH) tooDeep = true;
      const node: MapNode | SeqNode = c === 123 ? { kind: "map", pairs: [], start: i, end: i, anchor: null } : { kind: "seq", items: [], start: i, end: i, anchor: null };
      const frame: Frame = { node, key: null };
      i = skipSpace(text, i + 1);
      const close = c === 123 ? 125 : 93;
      if (text.charCodeAt(i) === close) {
        node.end = i + 1;
        i++;
        value = node;
      } else {
        stack.push(frame);
        if (c === 123) {
          const key = readKey();
          if ("offset" in key) return key;
          frame.key = key;
        }
        continue;
      }
    } else if (c === 34) {
      const end = stringEnd(text, i);
      // A string that goes wrong is pointed at from its start (JSON.parse names the place when it can).
      if (end < 0) return fail(i);
      value = stringNode(text, i, end);
      i = end;
    } else if (c === 45 || isDigit(c)) {
      const end = numberEnd(text, i);
      if (end < 0) return fail(-1 - end);
      value = { kind: "scalar", value: plainValue(text.slice(i, end)), style: "PLAIN", start: i, end, anchor: null };
      i = end;
    } else {
      const word = c === 116 ? "true" : c === 102 ? "false" : c === 110 ? "null" : "";
      if (word === "") return fail(i);
      // A misspelt literal is pointed at from its start.
      for (let k = 0; k < word.length; k++) if (text.charCodeAt(i + k) !== word.charCodeAt(k)) return fail(i);
      value = { kind: "scalar", value: word === "null" ? null : word === "true", style: "PLAIN", start: i, end: i + word.length, anchor: null };
      i += word.length;
    }
    // Put the value into its parent; close the parents it completes.
    for (;;) {
      const frame = stack[stack.length - 1];
      if (!frame) {
        i = skipSpace(text, i);
        if (i !== text.length) return fail(i);
        return tooDeep ? { offset: 0, tooDeep: true } : value;
      }
      if (frame.node.kind === "map") frame.node.pairs.push({ key: frame.key!, value });
      else frame.node.items.push(value);
      i = skipSpace(text, i);
      const ch = text.charCodeAt(i);
      if (ch === 44) {
        i = skipSpace(text, i + 1);
        if (frame.node.kind === "map") {
          const key = readKey();
          if ("offset" in key) return key;
          frame.key = key;
        }
        break;
      }
      if (ch !== (frame.node.kind === "map" ? 125 : 93)) return fail(i);
      frame.node.end = i + 1;
      i++;
      stack.pop();
      value = frame.node;
    }
  }

  /** An object key at `i` and its colon; leaves `i` at the value. */
  function readKey(): ScalarNode | Stop {
    if (text.charCodeAt(i) !== 34) return fail(i);
    const end = stringEnd(text, i);
    if (end < 0) return fail(i);
    const key = stringNode(text, i, end);
    i = skipSpace(text, end);
    if (text.charCodeAt(i) !== 58) return fail(i);
    i = skipSpace(text, i + 1);
    return key;
  }
}

/** A string's node: its value without escapes unless it has some. */
function stringNode(text: string, start: number, end: number): ScalarNode {
  const raw = text.slice(start + 1, end - 1);
  const value = raw.includes("\\") ? (JSON.parse(text.slice(start, end)) as string) : raw;
  return { kind: "scalar", value, style: "QUOTE_DOUBLE", start, end, anchor: null };
}
