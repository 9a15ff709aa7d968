/**
 * Runs a precompiled validator on a parsed YAML/JSON document and turns each error into a message
 * with the position of the offending node (or key), instead of a bare JSON pointer.
 */
import { isMap, isPair, isScalar, isSeq, visit, type Document, type Node, type YAMLError } from "yaml";
import type { ValidationError, Validator } from "../generated/validators.js";

/**
 * How far aliases may expand (yaml's measure: uses of an anchor times the aliases inside it). A
 * matrix may well reuse one `codes` map a few hundred times; an alias bomb multiplies past any bound
 * within a few lines, so it is still refused at once (yaml's default, 100, refused the former).
 */
export const MAX_ALIAS_COUNT = 10_000;

/**
 * How deep a document may nest. A matrix needs 7 levels; yaml's document model recurses per level
 * and exhausts the stack in the low thousands, and V8 may abort outright when code runs near that
 * limit: the readers refuse documents deeper than this before yaml sees them.
 */
export const MAX_DEPTH = 500;

/** What a matrix nested deeper than the readers read is told. */
export const TOO_DEEP = `the document nests more than ${MAX_DEPTH} levels deep: raci-lint reads ${MAX_DEPTH} at most (a matrix needs 7)`;

/** What a configuration or rule file whose parse ran out of stack is told (its depth is not known). */
const STACK_EXHAUSTED = "the document is nested too deeply to read (thousands of levels)";

/** A YAML parse error's message for people: its first line, and plain words for yaml's API advice. */
export function yamlErrorMessage(error: YAMLError): string {
  if (error.code === "MULTIPLE_DOCS") return "the file holds more than one YAML document (a second `---`): keep one";
  if (error.message.includes("Maximum call stack size exceeded")) return STACK_EXHAUSTED;
  return error.message.split("\n")[0]!;
}

/** A schema problem positioned by offsets into the document's source. */
export interface PositionedError {
  message: string;
  /** Offsets of the node the error is about. */
  start: number;
  end: number;
  /** The JSON pointer of the value, e.g. `/sections/0/title`. */
  pointer: string;
}

/**
 * Validates `doc` (already free of syntax errors), or the node at `at` inside it (e.g. the
 * `raci-lint` key of package.json), and returns its schema errors, one per distinct place.
 */
export function validateDocument(doc: Document, validate: Validator, at: (string | number)[] = []): PositionedError[] {
  const unresolved: PositionedError[] = [];
  visit(doc, {
    Alias(_, alias) {
      const [start, end] = alias.range ?? [0, 0];
      if (!alias.resolve(doc)) unresolved.push({ message: `document cannot be read: alias *${alias.source} names no anchor &${alias.source} set before it`, start, end, pointer: "" });
    },
  });
  if (unresolved.length > 0) return unresolved;
  const node = at.length ? (doc.getIn(at, true) as { toJS?: (doc: Document, options: object) => unknown } | undefined) : null;
  let data: unknown;
  try {
    data = at.length ? node?.toJS?.(doc, { maxAliasCount: MAX_ALIAS_COUNT }) : doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml refuses documents that expand aliases without bound ("billion laughs"): report, do not crash.
    const range = (doc.contents as { range?: number[] } | null)?.range ?? [0, 0];
    return [{ message: `document cannot be read: ${(error as Error).message}`, start: range[0]!, end: range[0]!, pointer: "" }];
  }
  return schemaErrors(data, validate, at, documentLocator(doc));
}

/**
 * Finds a document's nodes for error positions: the node at a path and the key naming it, the key
 * node of a map's property, and a node's offsets (start, and the end of its value).
 */
export interface Locator<N> {
  locate(path: readonly (string | number)[]): { node: N | null; key: N | null };
  keyOf(map: N, name: string): N | null;
  rangeOf(node: N): [number, number] | null;
}

/**
 * Validates `data` (read from a document `locator` finds nodes in; `at`: the path it was read from)
 * and returns its schema errors, one per distinct place, each with the offsets of what it is about.
 */
export function schemaErrors<N>(data: unknown, validate: Validator, at: (string | number)[], locator: Locator<N>): PositionedError[] {
  if (validate(data)) return [];
  const errors = simplify(validate.errors ?? [], data);
  return errors.map((error) => positioned(locator, error, at));
}

/** A `Locator` for yaml's document model. */
function documentLocator(doc: Document): Locator<Node> {
  return {
    locate: (path) => locate(doc, path),
    keyOf(map, name) {
      if (!isMap(map)) return null;
      const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === name);
      return pair && isScalar(pair.key) ? pair.key : null;
    },
    rangeOf: (node) => (node.range ? [node.range[0], node.range[1]] : null),
  };
}

/** The JSON type name of a value, as JSON Schema's `type` names it. */
function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** The value at a JSON pointer. */
function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const step of segments(pointer)) value = value && typeof value === "object" ? (value as Record<string | number, unknown>)[step] : undefined;
  return value;
}

/**
 * Keeps the errors a person needs: `oneOf`/`anyOf` summaries go when their branches explain more,
 * branch errors about a type the value does not have go when another branch's error fits the value
 * (a string scheme name gets "must be one of ...", not also "must be object"), and duplicates go.
 */
function simplify(errors: ValidationError[], data: unknown): ValidationError[] {
  const combinators = new Set(["oneOf", "anyOf"]);
  // Indexes by instance path, so that each question below is a lookup (a document may have thousands of errors).
  const below = (list: readonly ValidationError[]) => {
    const paths = new Set<string>();
    for (const e of list) for (let i = e.instancePath.lastIndexOf("/"); i > 0; i = e.instancePath.lastIndexOf("/", i - 1)) paths.add(e.instancePath.slice(0, i));
    for (const e of list) if (e.instancePath !== "") paths.add("");
    return paths;
  };
  const countAt = (list: readonly ValidationError[]) => {
    const counts = new Map<string, number>();
    for (const e of list) counts.set(e.instancePath, (counts.get(e.instancePath) ?? 0) + 1);
    return counts;
  };
  const plain = errors.filter((o) => !combinators.has(o.keyword));
  const plainAt = countAt(plain);
  const plainBelow = below(plain);
  // Explained: another error, not a combinator, at the same place or inside it.
  const explained = (e: ValidationError) => (plainAt.get(e.instancePath) ?? 0) > 0 || plainBelow.has(e.instancePath);
  let kept = errors.filter((e) => !(combinators.has(e.keyword) && explained(e)));
  // A value checked against alternatives (oneOf/anyOf) that fails inside itself (a comparison with
  // a bad operator) was meant as the alternative that got that far: the other alternatives'
  // complaints about the value itself (`all` missing, `operator` unknown there) go.
  const alternatives = new Set(errors.filter((e) => combinators.has(e.keyword)).map((e) => e.instancePath));
  const keptBelow = below(kept);
  kept = kept.filter((e) => !((e.keyword === "required" || e.keyword === "additionalProperties") && alternatives.has(e.instancePath) && keptBelow.has(e.instancePath)));
  const typedBelow = below(kept);
  const otherAt = countAt(kept.filter((o) => o.keyword !== "type"));
  kept = kept.filter((e) => {
    if (e.keyword !== "type") return true;
    const actual = typeOf(valueAt(data, e.instancePath));
    if (String(e.params.type).split(",").includes(actual)) return true;
    // Another branch fits the value and says what is wrong with it (here or inside it): that is the error.
    return !((otherAt.get(e.instancePath) ?? 0) > 0 || typedBelow.has(e.instancePath));
  });
  // A value of the wrong type entirely: one error naming every type a branch allows.
  const seen = new Set<string>();
  const out: ValidationError[] = [];
  const typeErrors = new Map<string, ValidationError>();
  for (const error of kept) {
    if (error.keyword === "type") {
      const known = typeErrors.get(error.instancePath);
      if (known) {
        const types = new Set([...String(known.params.type).split(","), ...String(error.params.type).split(",")]);
        known.params = { ...known.params, type: [...types].join(",") };
        continue;
      }
      const merged = { ...error, params: { ...error.params } };
      typeErrors.set(error.instancePath, merged);
      out.push(merged);
      continue;
    }
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(error);
  }
  // A string that is neither one of some names nor of some form (`extends`): one error saying both.
  const patterns = new Map<string, ValidationError[]>();
  for (const e of out) if (e.keyword === "pattern") patterns.set(e.instancePath, [...(patterns.get(e.instancePath) ?? []), e]);
  const merged = new Set<ValidationError>();
  for (const enumError of out) {
    if (enumError.keyword !== "enum") continue;
    const patternError = patterns.get(enumError.instancePath)?.shift();
    if (!patternError) continue;
    merged.add(patternError);
    enumError.keyword = "enumOrPattern";
    enumError.params = { ...enumError.params, pattern: patternError.params.pattern };
  }
  return merged.size ? out.filter((e) => !merged.has(e)) : out;
}

/** The path segments of a JSON pointer. */
function segments(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The node at `path`, and the key node when the last step is a map key. */
function locate(doc: Document, path: readonly (string | number)[]): { node: Node | null; key: Node | null } {
  let node: unknown = doc.contents;
  let key: Node | null = null;
  for (const step of path) {
    key = null;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) return { node: node, key: null };
      key = (pair.key as Node) ?? null;
      node = pair.value;
    } else if (isSeq(node) && typeof step === "number") {
      node = node.items[step];
    } else {
      break;
    }
  }
  return { node: (node as Node | null) ?? null, key };
}

/** The schemas' patterns in words, for messages. */
const PATTERN_WORDS: Record<string, string> = {
  "^\\.{0,2}/|\\.(ya?ml|json)$": "a relative path (./x, ../x) or a .yaml, .yml or .json file",
  "^[A-Z]$": "one capital letter",
};

/** Describes one validation error in plain words. */
function describe(error: ValidationError, where: string): string {
  const p = error.params;
  switch (error.keyword) {
    case "additionalProperties":
      return `${where}: unknown property "${String(p.additionalProperty)}"`;
    case "required":
      return `${where}: missing required property "${String(p.missingProperty)}"`;
    case "enum":
      return `${where}: must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "type":
      return `${where}: must be ${String(p.type).split(",").join(" or ")}`;
    case "minItems":
      return `${where}: must list at least ${p.limit === 1 ? "one item" : `${String(p.limit)} items`}`;
    case "const":
      return `${where}: must be ${JSON.stringify(p.allowedValue)}`;
    case "pattern":
      return `${where}: must be ${PATTERN_WORDS[String(p.pattern)] ?? `text matching ${String(p.pattern)}`}`;
    case "enumOrPattern":
      return `${where}: must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}, or ${PATTERN_WORDS[String(p.pattern)] ?? `text matching ${String(p.pattern)}`}`;
    default:
      return `${where}: ${error.message ?? error.keyword}`;
  }
}

/** Attaches a source position to one error. */
function positioned<N>(locator: Locator<N>, error: ValidationError, at: (string | number)[]): PositionedError {
  const path = [...at, ...segments(error.instancePath)];
  const where = error.instancePath === "" ? (at.length ? at.join(".") : "document") : `${at.length ? at.join(".") : ""}${error.instancePath}`;
  const { node, key } = locator.locate(path);
  let target: N | null = node;
  if (error.keyword === "additionalProperties" && node) {
    const named = locator.keyOf(node, String(error.params.additionalProperty));
    if (named) target = named;
  } else if (error.keyword !== "required" && key && !node) {
    target = key;
  }
  const range = (target && locator.rangeOf(target)) ?? (node && locator.rangeOf(node)) ?? [0, 0];
  return { message: describe(error, where), start: range[0], end: Math.max(range[0], range[1]), pointer: error.instancePath };
}
