/**
 * A positioned data tree: what a YAML or JSON document holds (maps, sequences, scalars, aliases),
 * each node with the offsets yaml's document model gives it, without that model. The YAML reader
 * (`yaml-tree.ts`) and the JSON reader (`json-tree.ts`) build it; the matrix reader, the schema
 * validation and the fixer's damage check read it. Everything here is iterative: a document nested
 * nested more than `MAX_DEPTH` levels is refused by its reader, and nothing walks it by recursion.
 */
import type { Validator } from "../generated/validators.js";
import { MAX_ALIAS_COUNT, schemaErrors, type Locator, type PositionedError } from "../schema/validate.js";

/** A scalar's value, as YAML's core schema (or JSON) resolves it. */
/** (yaml outside the core schema, with a tag such as `!!binary`, may give other values.) */
export type ScalarValue = string | number | boolean | null | bigint | object;

/** How a scalar is written: yaml's `Scalar.type` (plain, quoted, block). */
export type ScalarStyle = "PLAIN" | "QUOTE_DOUBLE" | "QUOTE_SINGLE" | "BLOCK_LITERAL" | "BLOCK_FOLDED";

/** Offsets of a node in its source: `start`, and `end` as yaml's `range[1]` (the value's end). */
interface Positioned {
  start: number;
  end: number;
  /** The anchor set on the node (`&name`), or null. */
  anchor: string | null;
}

export interface ScalarNode extends Positioned {
  kind: "scalar";
  value: ScalarValue;
  style: ScalarStyle;
}

export interface PairNode {
  key: DataNode;
  /** A collection key's property name in the data, as yaml writes it (`{ a: 1 }`); other keys' values name them. */
  keyName?: string;
  /** Null for a key written without a value (`{ a }`, `? a`); `key:` has a null scalar. */
  value: DataNode | null;
}

export interface MapNode extends Positioned {
  kind: "map";
  pairs: PairNode[];
}

export interface SeqNode extends Positioned {
  kind: "seq";
  items: DataNode[];
}

export interface AliasNode extends Positioned {
  kind: "alias";
  /** The anchor name it refers to (`*name`). */
  name: string;
  /** The node the last `&name` before it set, or null when none did. */
  target: DataNode | null;
}

export type DataNode = ScalarNode | MapNode | SeqNode | AliasNode;

/** A problem of the text itself (syntax, duplicate keys, nesting): offsets of what it is about. */
export interface TreeError {
  message: string;
  start: number;
  end: number;
}

/** A document read into a tree: its content (null when it has none) and its syntax errors. */
export interface DataTree {
  root: DataNode | null;
  errors: TreeError[];
  /** Whether the document has an alias (`*name`): readers skip the alias bookkeeping when it has none. */
  aliases: boolean;
}

/** How deep a document may nest: see `MAX_DEPTH` in schema/validate.ts. */
export { MAX_DEPTH } from "../schema/validate.js";

/** The message for a key given twice in one map (yaml's words, with the key named). */
export function duplicateKeyMessage(key: DataNode): string {
  const value = key.kind === "scalar" ? key.value : undefined;
  const name = typeof value === "object" || value === undefined ? "a key" : JSON.stringify(String(value));
  return `Map keys must be unique: ${name} is given twice`;
}

/** yaml's message for an alias bomb. */
const EXCESSIVE_ALIASES = "Excessive alias count indicates a resource exhaustion attack";

/**
 * The first key of each map equal to an earlier one of the same map, as yaml's `uniqueKeys` finds
 * them (scalar keys with the same value; other keys never clash), in one pass: a Set per map, not
 * yaml's comparison of every pair with every other. Nodes are visited with an explicit stack.
 */
export function duplicateKeys(root: DataNode | null): DataNode[] {
  const found: DataNode[] = [];
  const stack: DataNode[] = root ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === "seq") {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]!);
    } else if (node.kind === "map") {
      const pairs = node.pairs;
      if (pairs.length <= 8) {
        // Most maps are small (an activity, its codes): compared pair by pair, without a Set.
        for (let i = 1; i < pairs.length; i++) {
          const key = pairs[i]!.key;
          if (key.kind !== "scalar") continue;
          for (let j = 0; j < i; j++) {
            const other = pairs[j]!.key;
            if (other.kind === "scalar" && other.value === key.value) {
              found.push(key);
              break;
            }
          }
        }
      } else {
        const seen = new Set<ScalarValue>();
        for (const pair of pairs) {
          const key = pair.key;
          if (key.kind === "scalar" && !Number.isNaN(key.value)) {
            if (seen.has(key.value)) found.push(key);
            else seen.add(key.value);
          }
        }
      }
      for (let i = node.pairs.length - 1; i >= 0; i--) {
        const pair = node.pairs[i]!;
        if (pair.value) stack.push(pair.value);
        stack.push(pair.key);
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Aliases whose anchor is not set before them, in document order. */
export function unresolvedAliases(root: DataNode | null): AliasNode[] {
  const found: AliasNode[] = [];
  forEachNode(root, (node) => {
    if (node.kind === "alias" && node.target === null) found.push(node);
  });
  return found;
}

/** Calls `visit` on every node in document order (keys before their values), without recursion. */
export function forEachNode(root: DataNode | null, visit: (node: DataNode) => void): void {
  const stack: DataNode[] = root ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    if (node.kind === "seq") {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]!);
    } else if (node.kind === "map") {
      for (let i = node.pairs.length - 1; i >= 0; i--) {
        const pair = node.pairs[i]!;
        if (pair.value) stack.push(pair.value);
        stack.push(pair.key);
      }
    }
  }
}

/** The JS data of a tree, or why it has none. */
export type DataResult = { ok: true; value: unknown } | { ok: false; message: string };

/** Per anchored node, as yaml's `toJS` keeps it: uses so far, the aliases inside it, the value. */
interface AnchorUse {
  count: number;
  aliasCount: number;
  value: unknown;
  done: boolean;
}

/** A scalar's value as text, as `String` gives it (a scalar with a tag such as `!!binary` may hold an object). */
export function scalarText(value: ScalarValue): string {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- such objects (bytes, dates) have texts of their own
  return String(value);
}

/** A key's property name, as yaml's `toJS` makes it (null is "", a collection as yaml writes it). */
function propertyName(key: unknown, pair: PairNode, source: string): string {
  if (key === null) return "";
  if (typeof key !== "object") return scalarText(key as ScalarValue);
  return pair.keyName ?? source.slice(pair.key.start, pair.key.end);
}

/** Sets a property, `__proto__` included as an own property (as yaml does). */
function setProperty(object: Record<string, unknown>, name: string, value: unknown): void {
  if (name === "__proto__") Object.defineProperty(object, name, { value, writable: true, enumerable: true, configurable: true });
  else object[name] = value;
}

/**
 * The plain data a tree holds, as yaml's `toJS({ maxAliasCount })` gives it: an alias is the value
 * its anchor set (the same object), an alias bomb is refused with yaml's message, and a map key is
 * its value as text. Aliases must be resolved (see `unresolvedAliases`). An alias inside the node it
 * refers to is refused (yaml would build a cyclic value). Iterative.
 */
export function toData(root: DataNode | null, source: string, maxAliasCount = MAX_ALIAS_COUNT): DataResult {
  if (!root) return { ok: true, value: null };
  const anchors = new Map<DataNode, AnchorUse>();
  /** yaml's getAliasCount: the largest count of alias expansions reachable inside a node. */
  const aliasCountOf = (node: DataNode): number => {
    let max = 0;
    const stack: DataNode[] = [node];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.kind === "alias") {
        const use = n.target ? anchors.get(n.target) : undefined;
        max = Math.max(max, use ? use.count * use.aliasCount : 0);
      } else if (n.kind === "scalar") {
        max = Math.max(max, 1);
      } else if (n.kind === "seq") {
        for (const item of n.items) stack.push(item);
      } else {
        for (const pair of n.pairs) {
          stack.push(pair.key);
          // yaml counts a pair without a value as a null scalar's 1
          if (pair.value) stack.push(pair.value);
          else max = Math.max(max, 1);
        }
      }
    }
    return max;
  };

  interface Frame {
    node: MapNode | SeqNode;
    value: Record<string, unknown> | unknown[];
    /** Children started so far (a map's children are key, value, key, value...). */
    next: number;
    /** The key of the pair being read, as data. */
    key: unknown;
  }
  const stack: Frame[] = [];
  /** Puts a finished child's value into the collection on top. */
  const deliver = (frame: Frame, value: unknown) => {
    if (frame.node.kind === "seq") {
      (frame.value as unknown[]).push(value);
      return;
    }
    const half = frame.next - 1;
    const pair = frame.node.pairs[half >> 1]!;
    const object = frame.value as Record<string, unknown>;
    if ((half & 1) === 0) {
      frame.key = value;
      if (!pair.value) setProperty(object, propertyName(value, pair, source), null);
    } else {
      setProperty(object, propertyName(frame.key, pair, source), value);
    }
  };
  let pending: DataNode | null = root;
  for (;;) {
    if (pending) {
      const node: DataNode = pending;
      pending = null;
      if (node.kind === "map" || node.kind === "seq") {
        const value = node.kind === "map" ? {} : [];
        if (node.anchor !== null) anchors.set(node, { count: 1, aliasCount: 0, value, done: false });
        stack.push({ node, value, next: 0, key: undefined });
      } else {
        let value: unknown;
        if (node.kind === "scalar") {
          value = node.value;
        } else {
          const target = node.target;
          if (!target) return { ok: false, message: `alias *${node.name} names no anchor &${node.name} set before it` };
          const use = anchors.get(target);
          if (!use || !use.done) return { ok: false, message: `alias *${node.name} refers to a node that contains it` };
          if (maxAliasCount >= 0) {
            use.count += 1;
            if (use.aliasCount === 0) use.aliasCount = aliasCountOf(target);
            if (use.count * use.aliasCount > maxAliasCount) return { ok: false, message: EXCESSIVE_ALIASES };
          }
          value = use.value;
        }
        if (node.anchor !== null) anchors.set(node, { count: 1, aliasCount: 0, value, done: true });
        const top = stack[stack.length - 1];
        if (!top) return { ok: true, value };
        deliver(top, value);
      }
    }
    // The collection on top just opened or just took a child: start its next child, or close it.
    const frame = stack[stack.length - 1]!;
    if (frame.node.kind === "seq") {
      if (frame.next < frame.node.items.length) pending = frame.node.items[frame.next++]!;
    } else {
      const pairs = frame.node.pairs;
      while (pending === null && frame.next < pairs.length * 2) {
        const half = frame.next++;
        const pair = pairs[half >> 1]!;
        pending = (half & 1) === 0 ? pair.key : pair.value;
      }
    }
    if (pending) continue;
    stack.pop();
    const use = frame.node.anchor !== null ? anchors.get(frame.node) : undefined;
    if (use) use.done = true;
    const top = stack[stack.length - 1];
    if (!top) return { ok: true, value: frame.value };
    deliver(top, frame.value);
  }
}

/** The node at a JSON pointer's path, and the key node when the last step is a map key (aliases are not followed). */
export function locate(root: DataNode | null, path: readonly (string | number)[]): { node: DataNode | null; key: DataNode | null } {
  let node: DataNode | null = root;
  let key: DataNode | null = null;
  for (const step of path) {
    key = null;
    if (node?.kind === "map") {
      const pair = pairByName(node, String(step));
      if (!pair) return { node, key: null };
      key = pair.key;
      node = pair.value;
    } else if (node?.kind === "seq" && typeof step === "number") {
      node = node.items[step] ?? null;
    } else {
      break;
    }
  }
  return { node, key };
}

const pairIndex = new WeakMap<MapNode, Map<string, PairNode>>();

/** The first pair of a map whose scalar key reads as `name` (an index per map, built on first use). */
export function pairByName(map: MapNode, name: string): PairNode | undefined {
  if (map.pairs.length < 8) return map.pairs.find((p) => p.key.kind === "scalar" && scalarText(p.key.value) === name);
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.pairs) {
      if (pair.key.kind !== "scalar") continue;
      const k = scalarText(pair.key.value);
      if (!index.has(k)) index.set(k, pair);
    }
    pairIndex.set(map, index);
  }
  return index.get(name);
}

/** Finds a tree's nodes for schema error positions. */
const treeLocator = (root: DataNode | null): Locator<DataNode> => ({
  locate: (path) => locate(root, path),
  keyOf: (map, name) => (map.kind === "map" ? (pairByName(map, name)?.key ?? null) : null),
  rangeOf: (node) => [node.start, node.end],
});

/** What `validateTree` found: the errors, and the data when the tree could be turned into data. */
export interface TreeValidation {
  errors: PositionedError[];
  /** The document's data (yaml's `toJS`), or undefined when it cannot be read (an alias without anchor, an alias bomb). */
  data: unknown;
}

/** The message of a document that cannot be turned into data. */
export const UNREADABLE = "document cannot be read";

/**
 * Validates a tree read without syntax errors: aliases whose anchor is missing, then its data
 * (aliases expanded within `MAX_ALIAS_COUNT`), then the schema, each error at the offsets of the node
 * (or key) it is about.
 */
export function validateTree(tree: DataTree, source: string, validate: Validator): TreeValidation {
  const root = tree.root;
  const unresolved = tree.aliases ? unresolvedAliases(root) : [];
  if (unresolved.length > 0) {
    return { errors: unresolved.map((a) => ({ message: `${UNREADABLE}: alias *${a.name} names no anchor &${a.name} set before it`, start: a.start, end: a.end, pointer: "" })), data: undefined };
  }
  const data = toData(root, source);
  if (!data.ok) {
    const at = root?.start ?? 0;
    return { errors: [{ message: `${UNREADABLE}: ${data.message}`, start: at, end: at, pointer: "" }], data: undefined };
  }
  return { errors: schemaErrors(data.value, validate, [], treeLocator(root)), data: data.value };
}
