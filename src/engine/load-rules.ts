/**
 * Loads rule files (YAML or JSON), validates them against `schemas/rule.schema.json` and checks that
 * every fact, template placeholder and fix they name exists. Rule files are data: nothing in them runs.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseDocument } from "yaml";
import { factNames } from "../facts/catalog.js";
import { rule as validateRuleFile } from "../generated/validators.js";
import { LineIndex, type SourceSpan } from "../model/position.js";
import { MAX_ALIAS_COUNT, validateDocument, yamlErrorMessage } from "../schema/validate.js";
import { validateOptions } from "./options.js";
import { FIX_PRODUCERS } from "./fix-producers.js";
import type { ConfigProblem, RuleCheck, RuleDefinition } from "../model/rule.js";

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** Result of loading rule files: the rules, and problems that make the run fail. */
export interface LoadedRules {
  rules: RuleDefinition[];
  problems: ConfigProblem[];
}

/** Loads every `.yaml`, `.yml` and `.json` rule file of a folder, in name order. */
export function loadRuleDir(dir: string, builtIn: boolean, display: (path: string) => string = relativeTo(process.cwd())): LoadedRules {
  const files = readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/u.test(f))
    .sort();
  return mergeLoaded(files.map((f) => loadRuleFile(join(dir, f), builtIn, display)));
}

/** Shows paths relative to `base`, `/`-separated. */
export function relativeTo(base: string): (path: string) => string {
  return (path) => (relative(base, path) || path).split("\\").join("/");
}

/** Merges several load results, in order. */
export function mergeLoaded(results: LoadedRules[]): LoadedRules {
  return { rules: results.flatMap((r) => r.rules), problems: results.flatMap((r) => r.problems) };
}

let builtInCache: LoadedRules | null = null;

/**
 * The built-in rules (loaded once per process). The build (`scripts/gen-validators.mjs`) converts
 * rules/*.yaml to one JSON file, so start-up does not parse YAML; they are still checked here.
 */
export function builtInRules(): LoadedRules {
  if (builtInCache) return builtInCache;
  const bundle = JSON.parse(readFileSync(new URL("../generated/builtin-rules.json", import.meta.url), "utf8")) as Record<string, unknown>;
  builtInCache = mergeLoaded(Object.entries(bundle).map(([name, data]) => ruleFromData(data, `rules/${name}`, true, null)));
  return builtInCache;
}

/** Loads one rule file; problems carry the file and position. */
export function loadRuleFile(path: string, builtIn: boolean, show: (path: string) => string = relativeTo(process.cwd())): LoadedRules {
  const display = show(path);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return failed(display, `cannot read rule file: ${(error as Error).message}`);
  }
  return parseRuleText(text, display, builtIn);
}

/** Parses and validates the text of a rule file. */
export function parseRuleText(text: string, file: string, builtIn: boolean): LoadedRules {
  const lines = new LineIndex(text);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const at = (start: number, end: number) => lines.span(start, end);
  if (doc.errors.length > 0) {
    return {
      rules: [],
      problems: doc.errors.map((e) => ({ file, message: yamlErrorMessage(e), span: at(e.pos[0], e.pos[1]) })),
    };
  }
  const located = (path: (string | number)[]) => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    return at(node?.range?.[0] ?? 0, node?.range?.[1] ?? 0);
  };
  const schemaErrors = validateDocument(doc, validateRuleFile);
  if (schemaErrors.length > 0) {
    return { rules: [], problems: schemaErrors.map((e) => ({ file, message: e.message, span: at(e.start, e.end) })) };
  }
  return ruleFromData(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), file, builtIn, located);
}

/**
 * Checks parsed rule data and builds the rule. `locate` gives the span of a path inside the file
 * (null when the data did not come from text, as for the prebuilt built-in rules).
 */
export function ruleFromData(raw: unknown, file: string, builtIn: boolean, locate: ((path: (string | number)[]) => SourceSpan) | null): LoadedRules {
  const start = { line: 1, column: 1, offset: 0 };
  const where = (path: (string | number)[]) => locate?.(path) ?? { start, end: start };
  if (!locate && !validateRuleFile(raw)) {
    return { rules: [], problems: (validateRuleFile.errors ?? []).map((e) => ({ file, message: `${e.instancePath || "document"}: ${e.message ?? e.keyword}`, span: where([]) })) };
  }
  const data = raw as Record<string, unknown>;
  const checks = data.checks as RuleCheck[];
  const problems: ConfigProblem[] = [];
  checks.forEach((check, i) => {
    for (const problem of checkProblems(check, data)) problems.push({ file, message: `checks[${i}]: ${problem.message}`, span: where(["checks", i, ...problem.path]) });
  });
  if (problems.length > 0) return { rules: [], problems };
  const options = data.options as RuleDefinition["options"] | undefined;
  const rule: RuleDefinition = {
    id: data.id as string,
    description: data.description as string,
    severity: data.severity as RuleDefinition["severity"],
    ...(data.strictSeverity ? { strictSeverity: data.strictSeverity as RuleDefinition["severity"] } : {}),
    fixable: (data.fixable as RuleDefinition["fixable"] | undefined) ?? "none",
    recommended: (data.recommended as boolean | undefined) ?? true,
    tags: (data.tags as string[] | undefined) ?? [],
    docs: (data.docs as string | undefined) ?? null,
    options: options ? { schema: options.schema, defaults: options.defaults ?? {} } : null,
    checks,
    source: file,
    builtIn,
  };
  // The defaults must satisfy the rule's own options schema, as options a config gives must (built-in rules are tested).
  const defaultsError = rule.options && !builtIn ? validateOptions(rule, rule.options.defaults) : null;
  if (defaultsError) return { rules: [], problems: [{ file, message: `options.defaults do not satisfy options.schema: ${defaultsError}`, span: where(["options", "defaults"]) }] };
  return { rules: [rule], problems: [] };
}

/** A problem in a check, with the path (below the check) of the node it is about. */
interface CheckProblem {
  message: string;
  path: (string | number)[];
}

/** What is wrong with one check beyond its schema: unknown facts, placeholders, options, fixes, unsafe patterns. */
function checkProblems(check: RuleCheck, data: Record<string, unknown>): CheckProblem[] {
  const allowed = factNames(check.scope);
  const problems: CheckProblem[] = [];
  const optionNames = new Set(Object.keys((data.options as { schema?: { properties?: object } } | undefined)?.schema?.properties ?? {}));
  walkConditions(check.conditions, (comparison, path) => {
    const where = ["conditions", ...path];
    const refs: [unknown, (string | number)[]][] = [
      [comparison, where],
      [comparison.value, [...where, "value"]],
    ];
    for (const [ref, refPath] of refs) {
      if (!ref || typeof ref !== "object" || Array.isArray(ref)) continue;
      const r = ref as Record<string, unknown>;
      if (typeof r.fact === "string" && !allowed.has(r.fact)) problems.push({ message: `unknown fact "${r.fact}" for scope "${check.scope}"`, path: [...refPath, "fact"] });
      if (typeof r.option === "string" && !optionNames.has(r.option))
        problems.push({ message: `unknown option "${r.option}" (declare it under options.schema.properties)`, path: [...refPath, "option"] });
    }
    if (comparison.operator === "matches" || comparison.operator === "doesNotMatch") {
      // Patterns are literals checked here; one taken from an option or a fact could not be checked.
      if (typeof comparison.value !== "string") problems.push({ message: `${String(comparison.operator)} takes a literal pattern (a string)`, path: [...where, "value"] });
      else {
        const unsafe = unsafePattern(comparison.value);
        if (unsafe) problems.push({ message: `pattern ${JSON.stringify(comparison.value)} is refused: ${unsafe}`, path: [...where, "value"] });
      }
    }
  });
  for (const match of check.message.matchAll(PLACEHOLDER)) {
    if (!allowed.has(match[1]!)) problems.push({ message: `message names unknown fact "${match[1]}"`, path: ["message"] });
  }
  if (check.fix && !(check.fix in FIX_PRODUCERS)) problems.push({ message: `unknown fix "${check.fix}"`, path: ["fix"] });
  return problems;
}

/** Calls `visit` on every comparison (leaf) of a condition tree, with its path inside the tree. */
export function walkConditions(node: unknown, visit: (comparison: Record<string, unknown>, path: (string | number)[]) => void, path: (string | number)[] = []): void {
  if (!node || typeof node !== "object") return;
  const n = node as Record<string, unknown>;
  if (Array.isArray(n.all)) n.all.forEach((c, i) => walkConditions(c, visit, [...path, "all", i]));
  else if (Array.isArray(n.any)) n.any.forEach((c, i) => walkConditions(c, visit, [...path, "any", i]));
  else if (n.not) walkConditions(n.not, visit, [...path, "not"]);
  else visit(n, path);
}

const MAX_PATTERN_LENGTH = 200;
const MAX_UNBOUNDED = 2;
const MAX_BOUNDED_SPAN = 20;

/**
 * Why a regular expression from a rule file is refused, or null when it is accepted. Patterns run on
 * short cell and activity texts; to keep them linear we refuse backreferences, lookarounds and any
 * quantified group that itself contains a quantifier (the shapes behind catastrophic backtracking).
 */
export function unsafePattern(source: string): string | null {
  // `(?i)` at the start asks for a case-insensitive match (as in RE2 and Python); the rest is the pattern.
  const pattern = source.startsWith("(?i)") ? source.slice(4) : source;
  if (pattern.length > MAX_PATTERN_LENGTH) return `longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern, "u");
  } catch (error) {
    return `not a valid regular expression (${(error as Error).message})`;
  }
  if (/\\[1-9]|\\k</u.test(pattern)) return "backreferences are not allowed";
  // Without escapes and character classes, what is left shows the pattern's structure.
  const bare = pattern.replace(/\\./gu, "x").replace(/\[[^\]]*\]/gu, "x");
  // A wide bounded repeat (`.{0,400}`) backtracks like an unbounded one.
  const wide = [...bare.matchAll(/\{(\d+),(\d+)\}/gu)].filter((m) => Number(m[2]) - Number(m[1]) > MAX_BOUNDED_SPAN).length;
  const unbounded = (bare.match(/[*+]|\{\d+,\}/gu)?.length ?? 0) + wide;
  if (unbounded > MAX_UNBOUNDED) return `more than ${MAX_UNBOUNDED} unbounded quantifiers (*, +, {n,}, {n,m} wider than ${MAX_BOUNDED_SPAN}) can backtrack for a long time`;
  // Two of them, tried at every start of a text that fails to match, take cubic time; from ^ only, quadratic.
  if (unbounded === MAX_UNBOUNDED && !pattern.startsWith("^")) return `${MAX_UNBOUNDED} unbounded quantifiers need the pattern to start with ^ (else a failing match takes cubic time)`;
  if (/\(\?<?[=!]/u.test(pattern)) return "lookarounds are not allowed";
  // Find groups: a quantified group whose body has a quantifier nests quantifiers.
  const stack: { start: number; quantified: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      continue;
    }
    if (ch === "[") inClass = true;
    else if (ch === "(") stack.push({ start: i, quantified: false });
    else if (ch === ")") {
      const group = stack.pop();
      const next = pattern[i + 1];
      if (group && (next === "*" || next === "+" || next === "?" || next === "{")) {
        const body = pattern
          .slice(group.start + 1, i)
          .replace(/\\./gu, "x")
          .replace(/\[[^\]]*\]/gu, "x");
        if (/[*+{]/u.test(body)) return "nested quantifiers can backtrack catastrophically";
        if (/\|/u.test(body)) return "a quantified alternation can backtrack catastrophically";
      }
    }
  }
  return null;
}

/** A problem without a useful position (the file itself). */
function failed(file: string, message: string): LoadedRules {
  const point = { line: 1, column: 1, offset: 0 };
  return { rules: [], problems: [{ file, message, span: { start: point, end: point } }] };
}
