/**
 * YAML text -> positioned data tree (`data-tree.ts`), with the values, offsets and errors yaml's
 * `parseDocument` gives, in two ways:
 *
 * - a fast reader for the YAML matrices are written in: block maps and sequences, one-line plain and
 *   quoted scalars, one-line flow collections, comments. It reads a line at a time and gives up (null)
 *   on anything else (anchors, tags, block scalars, multi-line scalars, escapes, tabs, several
 *   documents, bad indentation...), so what it accepts it reads exactly as yaml does; the tests
 *   compare the two on generated and mutated documents;
 * - otherwise yaml's parser: its CST (built without recursion) is measured first, a document nested
 *   deeper than `MAX_DEPTH` is refused, then yaml's composer builds the document, read into a tree
 *   without recursion. Duplicate keys are found in one pass here (`duplicateKeys`), not by yaml's
 *   comparison of each key with every other; aliases are resolved in one pass, by anchor name.
 */
import { Composer, CST, Document, isAlias, isCollection, isMap, isScalar, isSeq, Lexer, Pair, Parser, YAMLMap, YAMLParseError, type Node as YamlNode } from "yaml";
import { TOO_DEEP, yamlErrorMessage } from "../schema/validate.js";
import {
  duplicateKeyMessage,
  MAX_DEPTH,
  duplicateKeys,
  type AliasNode,
  type DataNode,
  type DataTree,
  type MapNode,
  type PairNode,
  type ScalarNode,
  type ScalarStyle,
  type ScalarValue,
  type SeqNode,
  type TreeError,
} from "./data-tree.js";

/** Reads a YAML text (without its BOM) into a tree; never throws on bad input. */
export function readYamlTree(source: string): DataTree {
  const fast = readSimpleYaml(source);
  if (fast && duplicateKeys(fast.root).length === 0) return fast;
  // yaml's words and order for every error of the text, duplicate keys included.
  const tree = readComposedYaml(source);
  if (tree.errors.length > 0 && tree.errors[0]!.message === TOO_DEEP) return tree;
  const duplicates = duplicateKeys(tree.root);
  if (duplicates.length === 0) return tree;
  // yaml tells a duplicate key as soon as it has read it: before the errors about what follows.
  const errors: TreeError[] = [];
  let d = 0;
  for (const error of tree.errors) {
    while (d < duplicates.length && duplicates[d]!.start <= error.start) errors.push(duplicateError(duplicates[d++]!));
    errors.push(error);
  }
  while (d < duplicates.length) errors.push(duplicateError(duplicates[d++]!));
  return { ...tree, errors };
}

const duplicateError = (key: DataNode): TreeError => ({ message: duplicateKeyMessage(key), start: key.start, end: key.start + 1 });

// ---------------------------------------------------------------------------------------------
// Plain scalars: YAML 1.2's core schema, as yaml resolves it

const INT_OCT = /^0o[0-7]+$/u;
const INT = /^[-+]?[0-9]+$/u;
const INT_HEX = /^0x[0-9a-fA-F]+$/u;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/u;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/u;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/u;

/**
 * The value of a plain scalar's text under the core schema, as yaml resolves it (its tags in its
 * order: null `~|[Nn]ull|NULL|`, bool `[Tt]rue|TRUE|[Ff]alse|FALSE`, then octal, decimal, hex ints,
 * .inf/.nan, floats). The first character decides which can match: most texts are strings at once.
 */
export function plainValue(text: string): ScalarValue {
  if (text === "") return null;
  switch (text.charCodeAt(0)) {
    case 126: // ~
      return text === "~" ? null : text;
    case 110: // n
    case 78: // N
      return text === "null" || text === "Null" || text === "NULL" ? null : text;
    case 116: // t
    case 84: // T
      return text === "true" || text === "True" || text === "TRUE" ? true : text;
    case 102: // f
    case 70: // F
      return text === "false" || text === "False" || text === "FALSE" ? false : text;
    case 43: // +
    case 45: // -
    case 46: // .
    case 48: // 0-9
    case 49:
    case 50:
    case 51:
    case 52:
    case 53:
    case 54:
    case 55:
    case 56:
    case 57:
      if (INT_OCT.test(text)) return parseInt(text.substring(2), 8);
      if (INT.test(text)) return parseInt(text, 10);
      if (INT_HEX.test(text)) return parseInt(text.substring(2), 16);
      if (FLOAT_NAN.test(text)) return text.slice(-3).toLowerCase() === "nan" ? NaN : text[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
      if (FLOAT_EXP.test(text) || FLOAT.test(text)) return parseFloat(text);
      return text;
    default:
      return text;
  }
}

// ---------------------------------------------------------------------------------------------
// The fast reader

/** Characters the fast reader leaves to yaml: tabs, control characters, a lone CR, other line breaks, a BOM. */
// eslint-disable-next-line no-control-regex
const UNSUPPORTED_CHARS = /[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]|\r(?!\n)/u;

/** Thrown inside the fast reader when the text is outside its subset (caught at once: never escapes). */
class Unsupported extends Error {}
const unsupported = (why: string): never => {
  throw new Unsupported(why);
};

/** An open block collection. */
interface Block {
  node: MapNode | SeqNode;
  indent: number;
  /** A seq written at its parent map key's own indent (`key:\n- a`): it ends at the first line that is no item. */
  atKeyIndent: boolean;
  /** yaml's range[2] of the collection's last item (its range[1]). */
  lastEnd: number;
  /** The pair (map) or the seq awaiting a value written on the following lines (`key:`, `-`). */
  pending: PairNode | null;
  pendingItem: boolean;
  /** Where the pending value would sit if it turned out empty (after the indicator and its spaces). */
  pendingAt: number;
  /** Whether a comment follows the indicator of the pending value, or comes before its value. */
  pendingComment: boolean;
  /** Whether the collection's last item is an inline value (scalar, flow collection), whose range[2] indented comments extend. */
  lastInline: boolean;
}

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;

/**
 * The fast reader: the tree of a text in the subset described above, or null when the text is
 * outside it. Its ranges are yaml's (`range[0]`, `range[1]`), including where trailing comments end
 * the collections they belong to.
 */
export function readSimpleYaml(source: string): DataTree | null {
  if (UNSUPPORTED_CHARS.test(source)) return null;
  try {
    return new SimpleYaml(source).read();
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}

class SimpleYaml {
  private readonly stack: Block[] = [];
  private root: DataNode | null = null;
  /** Whether a content line was read (the document has begun). */
  private begun = false;
  /** Whether the document began with `---`. */
  private marked = false;
  /** Whether comment or blank lines came since the last content line that no value's range took in (the "region"). */
  private region = false;
  /** Indents of the comments in the region. */
  private regionComments: number[] = [];
  /** Whether indented comments may still extend the last inline value (only blank lines since). */
  private absorbing = false;
  private depth = 0;

  constructor(private readonly text: string) {}

  read(): DataTree {
    const text = this.text;
    const length = text.length;
    let pos = 0;
    while (pos < length) {
      let nl = text.indexOf("\n", pos);
      const next = nl === -1 ? length : nl + 1;
      if (nl === -1) nl = length;
      const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      let col = pos;
      while (col < end && text.charCodeAt(col) === SPACE) col++;
      if (col === end) this.blankLine();
      else if (text.charCodeAt(col) === HASH) this.commentLine(col - pos, next);
      else this.contentLine(pos, col, end, next);
      pos = next;
    }
    if (!this.begun) unsupported("no content");
    this.closeAll();
    return { root: this.root, errors: [], aliases: false };
  }

  private blankLine(): void {
    const top = this.stack[this.stack.length - 1];
    // Between a key (or `-`) and its value: yaml keeps blank lines with the value.
    if (top && (top.pending || top.pendingItem)) return;
    this.region = true;
  }

  private commentLine(indent: number, next: number): void {
    const top = this.stack[this.stack.length - 1];
    if (top && (top.pending || top.pendingItem)) {
      // Between a key (or `-`) and its value: only a value on the following lines may follow.
      top.pendingComment = true;
      return;
    }
    if (top && this.absorbing && top.lastInline && indent > top.indent) {
      // yaml gives a comment more indented than the collection (and the blank lines before it) to the value before it.
      top.lastEnd = next;
      this.region = false;
      return;
    }
    this.absorbing = false;
    this.region = true;
    this.regionComments.push(indent);
  }

  /** Forgets the comment region (it went to a following item's start). */
  private clearRegion(): void {
    this.region = false;
    this.regionComments.length = 0;
  }

  private contentLine(lineStart: number, col: number, end: number, next: number): void {
    const text = this.text;
    const indent = col - lineStart;
    const first = text.charCodeAt(col);
    // Document markers and directives at the start of a line.
    if (indent === 0 && (first === DASH || first === 46) && text.startsWith(first === DASH ? "---" : "...", col)) {
      const after = text.charCodeAt(col + 3);
      if (col + 3 === end || after === SPACE) {
        if (!this.begun && !this.marked && first === DASH && text.slice(col + 3, end).trim() === "") {
          this.marked = true;
          return this.clearRegion();
        }
        unsupported("document marker");
      }
    }
    if (indent === 0 && first === 37) unsupported("directive");
    const isItem = first === DASH && (col + 1 === end || text.charCodeAt(col + 1) === SPACE);
    if (!this.begun) {
      this.begun = true;
      this.clearRegion();
      if (isItem) this.openSeq(col, indent, false);
      else if (this.startsMapEntry(col, end)) this.openMap(col);
      else unsupported("a scalar or flow collection at the root");
      this.entry(isItem, col, end, next);
      return;
    }
    let top = this.stack[this.stack.length - 1];
    if (!top) unsupported("content after the root");
    if (top!.pending || top!.pendingItem) {
      const nested = indent > top!.indent || (isItem && indent === top!.indent && top!.node.kind === "map");
      if (nested) {
        // The value of `key:` (or `-`) is the block starting here.
        this.clearRegion();
        this.absorbing = false;
        if (isItem) this.openSeq(col, indent, indent === top!.indent);
        else if (this.startsMapEntry(col, end)) this.openMap(col);
        else unsupported("a scalar on the line after its key");
        this.entry(isItem, col, end, next);
        return;
      }
      // Nothing under it: the value is empty.
      this.fillEmpty(top!, col);
    }
    // Close the blocks this line is not part of.
    for (;;) {
      top = this.stack[this.stack.length - 1];
      if (!top) unsupported("content after the root");
      if (top!.indent > indent || (top!.atKeyIndent && top!.indent === indent && !isItem)) {
        this.close(col);
        continue;
      }
      break;
    }
    if (top!.indent !== indent) unsupported("indentation");
    if (isItem !== (top!.node.kind === "seq")) unsupported("a map entry in a sequence or an item in a map");
    if (!isItem && !this.startsMapEntry(col, end)) unsupported("not a map entry");
    // The comments before this line are the next item's: for an item left empty, yaml would count them as its comment.
    const commented = this.regionComments.length > 0;
    this.clearRegion();
    this.entry(isItem, col, end, next);
    if (commented && top!.pendingItem) top!.pendingComment = true;
  }

  /** Whether the line from `col` is `key: ...` with a one-line key. */
  private startsMapEntry(col: number, end: number): boolean {
    return this.keyEnd(col, end) !== -1;
  }

  /** The offset of the `:` ending a map key at `col`, or -1 when the text there is no map entry. */
  private keyEnd(col: number, end: number): number {
    const text = this.text;
    const first = text.charCodeAt(col);
    if (first === 34 || first === 39) {
      const close = this.quotedEnd(col, end);
      if (close === -1) unsupported("unclosed quote");
      if (text.charCodeAt(close) === COLON && (close + 1 === end || text.charCodeAt(close + 1) === SPACE)) return close;
      return -1;
    }
    if (!plainStart(text, col, end, false)) return -1;
    for (let i = col + 1; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === COLON && (i + 1 === end || text.charCodeAt(i + 1) === SPACE)) {
        if (i - col > 1024) unsupported("long key");
        return i;
      }
      if (c === HASH && text.charCodeAt(i - 1) === SPACE) return -1;
      if (c === 91 || c === 93 || c === 123 || c === 125 || c === 44) return -1;
    }
    return -1;
  }

  /** The offset just after the closing quote of a one-line quoted scalar at `col`, or -1. */
  private quotedEnd(col: number, end: number): number {
    const text = this.text;
    const quote = text.charCodeAt(col);
    for (let i = col + 1; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 92 && quote === 34) unsupported("an escape");
      if (c === quote) {
        if (quote === 39 && text.charCodeAt(i + 1) === 39 && i + 1 < end) {
          i++;
          continue;
        }
        return i + 1;
      }
    }
    return -1;
  }

  private openMap(col: number): void {
    if (++this.depth > MAX_DEPTH) unsupported("depth");
    const node: MapNode = { kind: "map", pairs: [], start: col, end: col, anchor: null };
    this.attach(node);
    this.stack.push(this.block(node, col - this.lineStartOf(col), false));
  }

  private openSeq(col: number, indent: number, atKeyIndent: boolean): void {
    if (++this.depth > MAX_DEPTH) unsupported("depth");
    const node: SeqNode = { kind: "seq", items: [], start: col, end: col, anchor: null };
    this.attach(node);
    this.stack.push(this.block(node, indent, atKeyIndent));
  }

  private block(node: MapNode | SeqNode, indent: number, atKeyIndent: boolean): Block {
    return { node, indent, atKeyIndent, lastEnd: node.start, pending: null, pendingItem: false, pendingAt: 0, pendingComment: false, lastInline: false };
  }

  /** The start of the line holding `offset`. */
  private lineStartOf(offset: number): number {
    return this.text.lastIndexOf("\n", offset - 1) + 1;
  }

  /** Makes a new block collection the pending value of the block on top (or the root). */
  private attach(node: MapNode | SeqNode): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.root = node;
      return;
    }
    if (!top.pending && !top.pendingItem) unsupported("a block with no key");
    this.fillPending(top, node, -1, false);
  }

  /** Gives the block's pending key (or item) its value; `end2` is the value's range[2] (-1: set when it closes). */
  private fillPending(block: Block, value: DataNode, end2: number, inline: boolean): void {
    if (block.node.kind === "map") {
      block.pending!.value = value;
      block.pending = null;
    } else {
      block.node.items.push(value);
      block.pendingItem = false;
    }
    block.pendingComment = false;
    block.lastInline = inline;
    if (end2 !== -1) block.lastEnd = end2;
  }

  /**
   * Gives the block's pending key (or item) an empty value; `next` is where the following content
   * starts. yaml places the value after the indicator and its spaces; with a comment after it, the
   * value's range[2] runs up to the following content (all comments and blank lines are its own).
   */
  private fillEmpty(block: Block, next: number): void {
    if (block.pendingComment && block.node.kind === "seq") unsupported("an empty item with a comment");
    const at = block.pendingAt;
    this.fillPending(block, this.nullScalar(at), block.pendingComment ? next : at, false);
    this.clearRegion();
  }

  private nullScalar(at: number): ScalarNode {
    return { kind: "scalar", value: null, style: "PLAIN", start: at, end: at, anchor: null };
  }

  /** Reads a seq item (`- ...`) or a map entry (`key: ...`) starting at `col` on the block on top. */
  private entry(isItem: boolean, col: number, end: number, next: number): void {
    const text = this.text;
    const top = this.stack[this.stack.length - 1]!;
    let at = col;
    if (isItem) {
      at = col + 1;
      while (at < end && text.charCodeAt(at) === SPACE) at++;
      top.pendingItem = true;
      top.pendingAt = at;
      top.pendingComment = false;
      if (at === end) return this.endOfEntryLine();
      if (text.charCodeAt(at) === HASH) {
        top.pendingComment = true;
        return this.endOfEntryLine();
      }
      const c = text.charCodeAt(at);
      if (c === DASH && (at + 1 === end || text.charCodeAt(at + 1) === SPACE)) unsupported("compact nested sequence");
      if (this.startsMapEntry(at, end)) {
        // `- key: value`: a map whose indent is its first key's column.
        this.openMap(at);
        this.entry(false, at, end, next);
        return;
      }
      this.inlineValue(top, at, end, next);
      return;
    }
    // A map entry.
    const colon = this.keyEnd(at, end);
    let keyEnd = colon;
    while (text.charCodeAt(keyEnd - 1) === SPACE) keyEnd--;
    const key = this.scalarAt(at, keyEnd, false);
    const pair: PairNode = { key, value: null };
    (top.node as MapNode).pairs.push(pair);
    let v = colon + 1;
    while (v < end && text.charCodeAt(v) === SPACE) v++;
    top.pending = pair;
    top.pendingAt = v;
    top.pendingComment = false;
    if (v === end) return this.endOfEntryLine();
    if (text.charCodeAt(v) === HASH) {
      top.pendingComment = true;
      return this.endOfEntryLine();
    }
    if (text.charCodeAt(v) === DASH && (v + 1 === end || text.charCodeAt(v + 1) === SPACE)) unsupported("a sequence on its key's line");
    this.inlineValue(top, v, end, next);
  }

  private endOfEntryLine(): void {
    this.absorbing = false;
  }

  /** Reads a scalar or flow collection that ends its line, as the pending value of `block`. */
  private inlineValue(block: Block, at: number, end: number, next: number): void {
    const text = this.text;
    const c = text.charCodeAt(at);
    let node: DataNode;
    let after: number;
    if (c === 91 || c === 123) {
      const flow = this.flow(at, end);
      node = flow.node;
      after = flow.end;
    } else if (c === 34 || c === 39) {
      after = this.quotedEnd(at, end);
      if (after === -1) unsupported("multi-line quoted scalar");
      node = this.quoted(at, after);
    } else {
      if (!plainStart(text, at, end, false)) unsupported("plain scalar start");
      let stop = end;
      for (let i = at + 1; i < end; i++) {
        const ch = text.charCodeAt(i);
        if (ch === HASH && text.charCodeAt(i - 1) === SPACE) {
          stop = i;
          break;
        }
        if (ch === COLON && (i + 1 === end || text.charCodeAt(i + 1) === SPACE)) unsupported("a map in a value");
      }
      while (text.charCodeAt(stop - 1) === SPACE) stop--;
      node = this.scalarAt(at, stop, false);
      after = stop;
    }
    // After the value: spaces, then the end of the line or a comment after a space.
    let i = after;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    if (i < end && (text.charCodeAt(i) !== HASH || i === after)) unsupported("text after a value");
    this.fillPending(block, node, next, true);
    this.absorbing = true;
  }

  /** A plain (unquoted) scalar from `start` to `end`; `flow` only changes nothing here but documents the caller. */
  private scalarAt(start: number, end: number, flow: boolean): ScalarNode {
    const c = this.text.charCodeAt(start);
    if (!flow && (c === 34 || c === 39)) return this.quoted(start, end);
    const raw = this.text.slice(start, end);
    return { kind: "scalar", value: plainValue(raw), style: "PLAIN", start, end, anchor: null };
  }

  /** A one-line quoted scalar from `start` (its opening quote) to `end` (after its closing quote). */
  private quoted(start: number, end: number): ScalarNode {
    const double = this.text.charCodeAt(start) === 34;
    let value = this.text.slice(start + 1, end - 1);
    if (!double && value.includes("'")) value = value.replace(/''/gu, "'");
    return { kind: "scalar", value, style: double ? "QUOTE_DOUBLE" : "QUOTE_SINGLE", start, end, anchor: null };
  }

  /**
   * A flow collection written on one line from `start`: plain and quoted scalars, nested flow
   * collections, `key: value` pairs in maps; returns it and the offset after its closing bracket.
   */
  private flow(start: number, end: number): { node: MapNode | SeqNode; end: number } {
    const text = this.text;
    const open = (at: number): MapNode | SeqNode => {
      if (++this.depth > MAX_DEPTH) unsupported("depth");
      return text.charCodeAt(at) === 123 ? { kind: "map", pairs: [], start: at, end: at, anchor: null } : { kind: "seq", items: [], start: at, end: at, anchor: null };
    };
    const stack: { node: MapNode | SeqNode; key: ScalarNode | null; count: number }[] = [];
    const root = open(start);
    stack.push({ node: root, key: null, count: 0 });
    let i = start + 1;
    const skip = () => {
      while (i < end && text.charCodeAt(i) === SPACE) i++;
    };
    for (;;) {
      skip();
      if (i >= end) unsupported("multi-line flow collection");
      const frame = stack[stack.length - 1]!;
      const isMap = frame.node.kind === "map";
      let c = text.charCodeAt(i);
      // The end of the collection, or a comma between items.
      if (c === (isMap ? 125 : 93)) {
        if (frame.key) unsupported("key without value");
        frame.node.end = i + 1;
        stack.pop();
        this.depth--;
        i++;
        const parent = stack[stack.length - 1];
        if (!parent) return { node: root, end: i };
        this.flowValue(parent, frame.node);
        continue;
      }
      if (frame.count > 0 && !frame.key) {
        if (c !== 44) unsupported("missing comma");
        i++;
        skip();
        c = text.charCodeAt(i);
        if (c === 44 || c === 93 || c === 125) unsupported("empty or trailing entry");
      }
      // A value (or a map key).
      if (c === 91 || c === 123) {
        if (isMap && !frame.key) unsupported("collection as key");
        const child = open(i);
        stack.push({ node: child, key: null, count: 0 });
        i++;
        continue;
      }
      let node: ScalarNode;
      if (c === 34 || c === 39) {
        const close = this.quotedEnd(i, end);
        if (close === -1) unsupported("multi-line quoted scalar");
        node = this.quoted(i, close);
        i = close;
      } else {
        if (!plainStart(text, i, end, true)) unsupported("plain scalar start");
        const from = i;
        while (i < end) {
          const ch = text.charCodeAt(i);
          if (ch === 44 || ch === 91 || ch === 93 || ch === 123 || ch === 125 || ch === COLON || ch === HASH) break;
          i++;
        }
        let to = i;
        while (text.charCodeAt(to - 1) === SPACE) to--;
        if (i < end && (text.charCodeAt(i) === HASH || (text.charCodeAt(i) === COLON && !isMap))) unsupported("comment or pair in flow");
        node = this.scalarAt(from, to, true);
      }
      if (isMap && !frame.key) {
        // A key: `:` and a space must follow.
        if (text.charCodeAt(i) !== COLON || text.charCodeAt(i + 1) !== SPACE) unsupported("flow key without `: `");
        i += 2;
        frame.key = node;
        continue;
      }
      if (!isMap && text.charCodeAt(i) === COLON) unsupported("pair in flow sequence");
      this.flowValue(frame, node);
    }
  }

  /** Adds a finished value to a flow collection frame. */
  private flowValue(frame: { node: MapNode | SeqNode; key: ScalarNode | null; count: number }, value: DataNode): void {
    frame.count++;
    if (frame.node.kind === "map") {
      frame.node.pairs.push({ key: frame.key!, value });
      frame.key = null;
    } else {
      frame.node.items.push(value);
    }
  }

  /** Closes the block on top; `next` is where the content that closes it starts (the text's length at its end). */
  private close(next: number): void {
    const block = this.stack.pop()!;
    this.depth--;
    if (block.pending || block.pendingItem) this.fillEmpty(block, next);
    block.node.end = block.lastEnd;
    let end2 = block.lastEnd;
    // Trailing comments stay with the block when some is indented at least as much as it (yaml's parser).
    if (this.region && block.indent > 0 && this.regionComments.some((c) => c >= block.indent)) {
      // The comments, blank lines and the next line's indentation (yaml's parser gives them to the block).
      end2 = next;
      this.clearRegion();
    }
    const parent = this.stack[this.stack.length - 1];
    if (parent) {
      parent.lastEnd = end2;
      parent.lastInline = false;
    }
  }

  private closeAll(): void {
    while (this.stack.length > 0) this.close(this.text.length);
  }
}

/**
 * Whether a plain scalar may start at `at` (YAML's indicators may not start one; `-`, `?`, `:` may
 * when a safe character follows). In flow collections the flow indicators end scalars, so the fast
 * reader leaves `-`-led scalars there to yaml.
 */
function plainStart(text: string, at: number, end: number, flow: boolean): boolean {
  const c = text.charCodeAt(at);
  switch (c) {
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 35: // #
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 39: // '
    case 34: // "
    case 37: // %
    case 64: // @
    case 96: // `
    case 63: // ?
    case 58: // :
      return false;
    case 45: {
      // -
      if (flow) return false;
      const n = text.charCodeAt(at + 1);
      return at + 1 < end && n !== SPACE;
    }
    default:
      return true;
  }
}

// ---------------------------------------------------------------------------------------------
// yaml's parser and composer, for everything else

/**
 * A bound on a text's nesting depth from yaml's lexer (which does not recurse), for yaml's parser,
 * which recurses when it closes many collections at once: the flow level plus the columns at which
 * block collections may start (a line's first token, the node after `-` or `?`) that are still open.
 * Each such column holds at most two nested collections (a map, and a sequence as its key's value), so
 * the depth is at most twice this bound plus the flow level.
 */
function lexedDepth(source: string): number {
  const columns: number[] = [];
  let flow = 0;
  let max = 0;
  let offset = 0;
  let lineStart = 0;
  let atLineStart = true;
  let afterIndicator = false;
  for (const token of new Lexer().lex(source)) {
    const type = CST.tokenType(token);
    // Markers the lexer adds (document mode, scalar, flow error) take no room in the text.
    if (type === "doc-mode" || type === "scalar" || type === "flow-error-end") continue;
    const blank = type === "space" || type === "newline" || type === "comment";
    if (flow === 0 && !blank && (atLineStart || afterIndicator)) {
      const column = offset - lineStart;
      while (columns.length > 0 && columns[columns.length - 1]! > column) columns.pop();
      if (columns.length === 0 || columns[columns.length - 1]! < column) columns.push(column);
    }
    if (type === "flow-map-start" || type === "flow-seq-start") flow++;
    else if ((type === "flow-map-end" || type === "flow-seq-end") && flow > 0) flow--;
    if (type === "seq-item-ind" || type === "explicit-key-ind") afterIndicator = flow === 0;
    else if (type !== "space" && type !== "anchor" && type !== "tag") afterIndicator = false;
    if (type === "newline") atLineStart = true;
    else if (type !== "space") atLineStart = false;
    offset += token.length;
    const nl = token.lastIndexOf("\n");
    if (nl !== -1) lineStart = offset - token.length + nl + 1;
    if (columns.length + flow > max) {
      max = columns.length + flow;
      if (max > MAX_DEPTH) return max;
    }
  }
  return max;
}

/** The nesting depth of a CST, walked without recursion (yaml's composer recurses per level). */
function cstDepth(tokens: readonly CST.Token[]): number {
  let max = 0;
  const stack: [CST.Token, number][] = [];
  for (const token of tokens) stack.push([token, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (max > MAX_DEPTH) return max;
    switch (token.type) {
      case "document":
        if (token.value) stack.push([token.value, depth]);
        break;
      case "block-map":
      case "block-seq":
      case "flow-collection":
        for (const item of token.items) {
          const key = "key" in item ? item.key : null;
          if (key) stack.push([key, depth + 1]);
          if (item.value) stack.push([item.value, depth + 1]);
        }
        break;
      default:
        break;
    }
  }
  return max;
}

/** Reads any YAML text through yaml's parser and composer (a document too deep for them is refused first). */
export function readComposedYaml(source: string): DataTree {
  if (lexedDepth(source) > MAX_DEPTH) return { root: null, errors: [{ message: TOO_DEEP, start: 0, end: 0 }], aliases: false };
  const tokens = [...new Parser().parse(source)];
  if (cstDepth(tokens) > MAX_DEPTH) return { root: null, errors: [{ message: TOO_DEEP, start: 0, end: 0 }], aliases: false };
  const composer = new Composer({ uniqueKeys: false });
  let doc: ReturnType<Composer["compose"]> extends Generator<infer D> ? D : never = null as never;
  for (const composed of composer.compose(tokens, true, source.length)) {
    if (!doc) {
      doc = composed;
    } else {
      const [start, end] = composed.range;
      return { root: null, errors: [...doc.errors.map(errorOf), { message: yamlErrorMessage(new YAMLParseError([start, end], "MULTIPLE_DOCS", "")), start, end }], aliases: false };
    }
  }
  // Running out of stack (the depth check should prevent it) is told once, where it happened first.
  const errors = doc.errors.map(errorOf).filter((e, i, all) => e.message !== TOO_DEEP || all.findIndex((o) => o.message === TOO_DEEP) === i);
  const converted = treeOf(doc.contents);
  return { root: converted.root, errors, aliases: converted.aliases };
}

function errorOf(error: { pos: [number, number]; message: string; code: string }): TreeError {
  return { message: yamlErrorMessage(error as never), start: error.pos[0], end: error.pos[1] };
}

/** The style of a yaml scalar. */
function styleOf(type: string | undefined): ScalarStyle {
  return (type as ScalarStyle | undefined) ?? "PLAIN";
}

/**
 * yaml's document nodes as a tree, in document order without recursion; each alias gets the node the
 * last anchor of its name before it set (one map from names to nodes: linear in the document).
 */
function treeOf(contents: YamlNode | null): { root: DataNode | null; aliases: boolean } {
  if (!contents) return { root: null, aliases: false };
  const anchors = new Map<string, DataNode>();
  let aliases = false;
  /** One node of yaml's to convert (`at`: where a missing node would sit), and where to put it. */
  interface Job {
    node: unknown;
    at: number;
    put: (node: DataNode) => void;
  }
  let root: DataNode | null = null;
  const stack: Job[] = [{ node: contents, at: 0, put: (n) => (root = n) }];
  while (stack.length > 0) {
    const { node, at, put } = stack.pop()!;
    const range = (node as { range?: [number, number, number] } | null)?.range ?? [at, at, at];
    const anchor = (node as { anchor?: string } | null)?.anchor || null;
    let out: DataNode;
    const jobs: Job[] = [];
    if (isAlias(node)) {
      const target = anchors.get(node.source) ?? null;
      aliases = true;
      out = { kind: "alias", name: node.source, target, start: range[0], end: range[1], anchor: null } satisfies AliasNode;
    } else if (isMap(node)) {
      const map: MapNode = { kind: "map", pairs: [], start: range[0], end: range[1], anchor };
      for (const pair of node.items) {
        const entry: PairNode = { key: null as unknown as DataNode, value: null };
        if (isCollection(pair.key)) entry.keyName = collectionKeyName(pair.key);
        map.pairs.push(entry);
        const valueAt = (pair.value as { range?: number[] } | null)?.range?.[0] ?? range[0];
        jobs.push({ node: pair.key, at: valueAt, put: (k) => (entry.key = k) });
        if (pair.value !== null && pair.value !== undefined) jobs.push({ node: pair.value, at: valueAt, put: (v) => (entry.value = v) });
      }
      out = map;
    } else if (isSeq(node)) {
      const seq: SeqNode = { kind: "seq", items: [], start: range[0], end: range[1], anchor };
      node.items.forEach((item, i) => jobs.push({ node: item, at: range[0], put: (v) => (seq.items[i] = v) }));
      out = seq;
    } else if (isScalar(node)) {
      out = { kind: "scalar", value: node.value as ScalarValue, style: styleOf(node.type), start: range[0], end: range[1], anchor };
    } else {
      out = { kind: "scalar", value: null, style: "PLAIN", start: range[0], end: range[1], anchor };
    }
    // Anchors in document order: a node's before its children's, a key's before its value's.
    if (anchor) anchors.set(anchor, out);
    put(out);
    for (let i = jobs.length - 1; i >= 0; i--) stack.push(jobs[i]!);
  }
  return { root, aliases };
}

/**
 * The property name yaml's `toJS` gives a collection used as a map key (`{ a: 1 }` in flow style),
 * from a document of its own whose log level keeps yaml's warning about such keys quiet; a key
 * holding an alias (unresolvable there) is named by its offsets instead.
 */
function collectionKeyName(key: YamlNode): string | undefined {
  const doc = new Document(null, { logLevel: "silent" });
  const map = new YAMLMap();
  map.items.push(new Pair(key, null));
  doc.contents = map;
  try {
    return Object.keys(doc.toJS() as object)[0];
  } catch {
    return undefined;
  }
}
