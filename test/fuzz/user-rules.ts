/**
 * User rules generated from the facts catalogue, for the differential tests: for every scope, rules
 * whose conditions read every documented fact of that scope and whose messages quote every fact.
 *
 * Memo keys are derived from the inputs of the facts a rule reads, so a rule reading every fact of
 * a scope is keyed by nearly everything (and shares little), while a rule reading one fact is keyed
 * by that fact's inputs alone and is served from the memo most of the time: an input missing from a
 * fact's declaration shows only there. Both kinds are made: one rule per scope over every fact
 * (operators and constants varied), one rule per fact (comparisons that split its values in two:
 * zero or not, empty or not, first letter in A-M or not), and one comparing facts with other facts
 * (which turns off the numeric buckets).
 */
import { FACTS, type FactDoc } from "../../src/facts/catalog.js";
import { FACT_DECLARATIONS } from "../../src/facts/catalog.js";
import { parseRuleText } from "../../src/engine/load-rules.js";
import type { ActiveRule, Scope } from "../../src/model/rule.js";

type Comparison = Record<string, unknown>;

/** Constants that string facts of the catalogue take on some subjects and not on others. */
const STRING_CONSTANTS = ["", "RA", "R", "I", "customer", "provider", "bold", "none", "markdown", "code", "A", "RACI", "Client", "rows"];
/** Patterns (accepted by the loader's safety check) that match some values and not others. */
const PATTERNS = ["(?i)r", "^[A-Z]+$", "(?i)client|customer", "\\d", "^$", "[*_`]"];
/** Keys worth reading out of object facts (`codeCounts`, `codesByRole`, `frontMatter`...). */
const PATHS = ["$.A", "$.R", "$.I", "$.customer", "$.provider", "$.title", "$.sidebar_position", "$.Client"];

/** A comparison of one fact, of its type, the `variant`-th of several (operators and constants vary with it). */
function comparison(fact: FactDoc, variant: number): Comparison {
  const v = variant;
  const pick = (forms: Comparison[]) => forms[v % forms.length]!;
  switch (fact.type) {
    case "number": {
      // Numbers compared only with number literals are memoised by where they fall among the constants.
      const ops: [string, number][] = [
        ["greaterThan", v % 3],
        ["equal", 1 + (v % 2)],
        ["lessThanInclusive", 1],
        ["notEqual", 0],
        ["greaterThanInclusive", 2 + (v % 4)],
      ];
      return pick(ops.map(([operator, value]) => ({ fact: fact.name, operator, value })));
    }
    case "boolean":
      return { fact: fact.name, operator: "equal", value: v % 2 === 0 };
    case "string": {
      const forms: Comparison[] = [
        { fact: fact.name, operator: "equal", value: STRING_CONSTANTS[v % STRING_CONSTANTS.length] },
        { fact: fact.name, operator: "matches", value: PATTERNS[v % PATTERNS.length] },
        { fact: fact.name, operator: "in", value: [STRING_CONSTANTS[(v + 1) % STRING_CONSTANTS.length], STRING_CONSTANTS[(v + 5) % STRING_CONSTANTS.length]] },
        { fact: fact.name, operator: "notEqual", value: STRING_CONSTANTS[(v + 3) % STRING_CONSTANTS.length] },
        { fact: fact.name, operator: "isNotEmpty", value: null },
        { fact: fact.name, operator: "doesNotMatch", value: PATTERNS[(v + 2) % PATTERNS.length] },
      ];
      return pick(forms);
    }
    case "string[]": {
      const forms: Comparison[] = [
        { fact: fact.name, operator: "contains", value: ["Client", "Provider", "Cloud Temple", "A", "Customer"][v % 5] },
        { fact: fact.name, operator: "isEmpty", value: null },
        { fact: fact.name, operator: "doesNotContain", value: ["Client", "R", "Auditor"][v % 3] },
        { fact: fact.name, operator: "isNotEmpty", value: null },
      ];
      return pick(forms);
    }
    case "object": {
      const path = PATHS[v % PATHS.length]!;
      const forms: Comparison[] = [
        { fact: fact.name, path, operator: "greaterThan", value: 0 },
        { fact: fact.name, path, operator: "equal", value: ["I", "RA", 1, "S3"][v % 4] },
        { fact: fact.name, operator: "isNotEmpty", value: null },
        { fact: fact.name, path, operator: "in", value: ["RA", "I", 2, "C"] },
        { fact: fact.name, operator: "isEmpty", value: null },
      ];
      return pick(forms);
    }
    case "string|null":
      return { fact: fact.name, operator: v % 2 ? "isEmpty" : "isNotEmpty", value: null };
  }
}

/**
 * Two comparisons that split a fact's values roughly in two whatever they are (zero or not, empty
 * or not, first letter in A-M or not), so that a memo that mixes up two values shows.
 */
function splits(fact: FactDoc): Comparison[] {
  const f = fact.name;
  switch (fact.type) {
    case "number":
      return [
        { fact: f, operator: "greaterThan", value: 0 },
        { fact: f, operator: "greaterThan", value: 1 },
      ];
    case "boolean":
      return [{ fact: f, operator: "equal", value: true }];
    case "string":
      return [
        { fact: f, operator: "isEmpty", value: null },
        { fact: f, operator: "matches", value: "^[A-Ma-m]" },
      ];
    case "string[]":
      return [
        { fact: f, operator: "isEmpty", value: null },
        { fact: f, path: "$[0]", operator: "matches", value: "^[A-Ma-m]" },
      ];
    case "object":
      return [
        { fact: f, operator: "isEmpty", value: null },
        { fact: f, path: "$.A", operator: "greaterThan", value: 0 },
      ];
    case "string|null":
      return [{ fact: f, operator: "isEmpty", value: null }];
  }
}

/** Checks with the same conditions whose messages, together, quote `facts` (a message holds at most 500 characters). */
function checksQuoting(scope: Scope, facts: readonly FactDoc[], conditions: Comparison, label: string): Record<string, unknown>[] {
  const messages: string[] = [];
  let current = label;
  for (const part of facts.map((f) => `${f.name}={{${f.name}}}`)) {
    if (current.length + part.length + 1 > 480) {
      messages.push(current);
      current = label;
    }
    current += ` ${part}`;
  }
  messages.push(current);
  return messages.map((message, i) => ({ scope, conditions, message, ...(i === 0 && scope === "activity" ? { at: "row" } : {}) }));
}

/** Inputs that differ from subject to subject (texts): a unit reading them is evaluated for nearly every subject. */
const TEXT_INPUTS = new Set(["activityName", "sectionTitle", "matrixTitle", "frontMatter", "raw", "term", "description", "occurrences"]);

/**
 * Comparisons of facts of one type with each other (`codes` = `canonicalCodes`, `cellCount` >
 * `expectedCellCount`...), among facts computed from no text, so that the unit stays memoisable.
 */
function factToFact(scope: Scope): Comparison[] {
  const out: Comparison[] = [];
  const small = new Set(FACT_DECLARATIONS[scope].filter((f) => !f.uses.some((u) => TEXT_INPUTS.has(u))).map((f) => f.name));
  for (const [type, operators] of [
    ["string", ["equal", "notEqual"]],
    ["number", ["greaterThan", "equal"]],
  ] as const) {
    const facts = FACTS[scope].filter((f) => f.type === type && small.has(f.name));
    for (let i = 0; i + 1 < facts.length; i++) out.push({ fact: facts[i]!.name, operator: operators[i % 2], value: { fact: facts[i + 1]!.name } });
  }
  return out;
}

/**
 * A condition that holds on a fraction of subjects, so that rules reading everything report some
 * subjects and not others (and do not bury a run in findings): the subject's own text contains a
 * first letter among a few.
 */
const GATES: Record<Scope, Comparison> = {
  cell: { fact: "activity", operator: "matches", value: "^[A-Ca-c]" },
  code: { fact: "activity", operator: "matches", value: "^[A-Ca-c]" },
  activity: { fact: "activity", operator: "matches", value: "^[A-Ca-c]" },
  party: { fact: "party", operator: "matches", value: "^[A-Ma-m]" },
  "legend-entry": { fact: "term", operator: "matches", value: "^[A-Ma-m]" },
  matrix: { fact: "matrixTitle", operator: "matches", value: "^[A-Ma-m]" },
  document: { fact: "matrixTitle", operator: "matches", value: "^[N-Zn-z]" },
  corpus: { fact: "activity", operator: "matches", value: "^[A-Ca-c]" },
  translation: { fact: "activity", operator: "matches", value: "^[A-Ca-c]" },
};

/** The rule definitions (as data) for one scope: with `everyFact`, the rule reading every fact, else one rule per fact and one comparing facts. */
function scopeRules(scope: Scope, everyFact: boolean): Record<string, unknown>[] {
  const facts = FACTS[scope];
  const rule = (name: string, conditions: Comparison, severity: string, quoted: readonly FactDoc[]) => ({
    id: `diff/${scope}-${name}`,
    description: `Differential test rule over ${scope} facts (${name}).`,
    severity,
    checks: checksQuoting(scope, quoted, conditions, name),
  });
  if (everyFact) {
    // Every fact read and quoted: two checks, one where any comparison holds, one where some fails.
    const any = checksQuoting(scope, facts, { all: [GATES[scope], { any: facts.map((f, i) => comparison(f, i)) }] }, "any");
    const notAll = checksQuoting(scope, facts, { all: [GATES[scope], { not: { all: facts.map((f, i) => comparison(f, i + 7)) } }] }, "not-all").map((c) => ({ ...c, severity: "warning" }));
    return [{ id: `diff/${scope}-every-fact`, description: `Differential test rule reading every ${scope} fact.`, severity: "info", checks: [...any, ...notAll] }];
  }
  // One rule per fact: its memo key is that fact's inputs alone, so an input the fact's declaration
  // leaves out shows (a rule reading other facts too may be keyed by that input through them).
  const rules: Record<string, unknown>[] = facts.map((fact, i) => ({
    id: `diff/${scope}-${fact.name.replace(/[A-Z]/gu, (c) => `-${c.toLowerCase()}`)}`,
    description: `Differential test rule over the ${scope} fact ${fact.name}.`,
    severity: ["error", "warning", "info"][i % 3],
    checks: splits(fact).map((c) => ({ scope, conditions: { all: [c] }, message: `${fact.name}={{${fact.name}}}` })),
  }));
  const pairs = factToFact(scope);
  // `all`: most pairs hold on most subjects (codes in canonical order), so `any` would report everything.
  if (pairs.length > 0)
    rules.push(
      rule(
        "pairs",
        { all: pairs },
        "info",
        facts.filter((f) => pairs.some((p) => p.fact === f.name || (p.value as { fact: string }).fact === f.name)),
      ),
    );
  return rules;
}

/**
 * Generated rules of the scopes given, loaded as user rules are (parsed and checked from text):
 * `every-fact` the one rule per scope reading every fact (evaluated for nearly every subject, memo
 * or not), `per-fact` one rule per fact and one comparing facts (mostly served from the memo).
 */
export function userRules(kind: "every-fact" | "per-fact", scopes: readonly Scope[] = Object.keys(FACTS) as Scope[]): ActiveRule[] {
  const out: ActiveRule[] = [];
  for (const scope of scopes) {
    for (const data of scopeRules(scope, kind === "every-fact")) {
      const loaded = parseRuleText(JSON.stringify(data, null, 1), `rules/${String(data.id).replace("/", "-")}.json`, false);
      if (loaded.problems.length > 0) throw new Error(`generated rule ${String(data.id)} does not load: ${loaded.problems.map((p) => p.message).join("; ")}`);
      for (const rule of loaded.rules) out.push({ rule, severity: null, options: {} });
    }
  }
  return out;
}

/** The scopes whose checks look at one file at a time (all but `corpus` and `translation`). */
export const FILE_SCOPES: Scope[] = (Object.keys(FACTS) as Scope[]).filter((s) => s !== "corpus" && s !== "translation");
