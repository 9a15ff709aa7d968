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

/** What a document nested too deeply to read (the parsers recurse) is told. */
export const TOO_DEEP = "the document is nested too deeply to read (thousands of levels)";

/** A YAML parse error's message for people: its first line, and plain words for yaml's API advice. */
export function yamlErrorMessage(error: YAMLError): string {
  if (error.code === "MULTIPLE_DOCS") return "the file holds more than one YAML document (a second `---`): keep one";
  if (error.message.includes("Maximum call stack size exceeded")) return TOO_DEEP;
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
  if (validate(data)) return [];
  const errors = simplify(validate.errors ?? [], data);
  return errors.map((error) => positioned(doc, error, at));
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
  const explained = (e: ValidationError) => errors.some((o) => o !== e && !combinators.has(o.keyword) && (o.instancePath === e.instancePath || o.instancePath.startsWith(e.instancePath + "/")));
  let kept = errors.filter((e) => !(combinators.has(e.keyword) && explained(e)));
  // A value checked against alternatives (oneOf/anyOf) that fails inside itself (a comparison with
  // a bad operator) was meant as the alternative that got that far: the other alternatives'
  // complaints about the value itself (`all` missing, `operator` unknown there) go.
  const alternatives = new Set(errors.filter((e) => combinators.has(e.keyword)).map((e) => e.instancePath));
  kept = kept.filter(
    (e) => !((e.keyword === "required" || e.keyword === "additionalProperties") && alternatives.has(e.instancePath) && kept.some((o) => o.instancePath.startsWith(e.instancePath + "/"))),
  );
  kept = kept.filter((e) => {
    if (e.keyword !== "type") return true;
    const actual = typeOf(valueAt(data, e.instancePath));
    if (String(e.params.type).split(",").includes(actual)) return true;
    // Another branch fits the value and says what is wrong with it (here or inside it): that is the error.
    return !kept.some((o) => o !== e && ((o.instancePath === e.instancePath && o.keyword !== "type") || o.instancePath.startsWith(e.instancePath + "/")));
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
  for (const enumError of out.filter((e) => e.keyword === "enum")) {
    const patternError = out.find((e) => e.keyword === "pattern" && e.instancePath === enumError.instancePath);
    if (!patternError) continue;
    out.splice(out.indexOf(patternError), 1);
    enumError.keyword = "enumOrPattern";
    enumError.params = { ...enumError.params, pattern: patternError.params.pattern };
  }
  return out;
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
function locate(doc: Document, path: (string | number)[]): { node: Node | null; key: Node | null } {
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
function positioned(doc: Document, error: ValidationError, at: (string | number)[]): PositionedError {
  const path = [...at, ...segments(error.instancePath)];
  const where = error.instancePath === "" ? (at.length ? at.join(".") : "document") : `${at.length ? at.join(".") : ""}${error.instancePath}`;
  const { node, key } = locate(doc, path);
  let target: Node | null = node;
  if (error.keyword === "additionalProperties" && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(error.params.additionalProperty));
    if (pair && isScalar(pair.key)) target = pair.key;
  } else if (error.keyword !== "required" && key && !node) {
    target = key;
  }
  const range = target?.range ?? node?.range ?? [0, 0, 0];
  return { message: describe(error, where), start: range[0], end: Math.max(range[0], range[1]), pointer: error.instancePath };
}
