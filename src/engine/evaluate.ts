/**
 * Evaluates checks with json-rules-engine. One engine per scope holds every active check of that
 * scope; since a check's outcome depends only on the facts its conditions name, outcomes are
 * memoised by those facts' values, so the engine runs once per distinct combination rather than
 * once per activity (real matrices repeat a handful of code patterns thousands of times).
 */
import { Engine, type RuleProperties, type TopLevelCondition } from "json-rules-engine";
import { SHAPE_FACTS, type Scope } from "../facts/catalog.js";
import type { Subject } from "../facts/subjects.js";
import type { ActiveRule, RuleCheck } from "./rule.js";
import { walkConditions } from "./load-rules.js";

/** A check that fired on a subject. */
export interface Hit {
  subject: Subject;
  active: ActiveRule;
  check: RuleCheck;
}

const OPTIONS_FACT = "ruleOptions";
const MAX_MATCH_INPUT = 2000;
const patternCache = new Map<string, RegExp>();

/** Compiles (once) a pattern that `unsafePattern` accepted at load time; a leading `(?i)` ignores case. */
function pattern(source: string): RegExp {
  let re = patternCache.get(source);
  if (!re) {
    re = source.startsWith("(?i)") ? new RegExp(source.slice(4), "iu") : new RegExp(source, "u");
    patternCache.set(source, re);
  }
  return re;
}

/** Whether a fact value counts as empty for `isEmpty`. */
function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

/** An engine with raci-lint's extra operators. */
function newEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: false, allowUndefinedConditions: false });
  const matches = (fact: unknown, source: unknown) =>
    typeof fact === "string" && typeof source === "string" && pattern(source).test(fact.slice(0, MAX_MATCH_INPUT));
  engine.addOperator("matches", matches);
  engine.addOperator("doesNotMatch", (fact: unknown, source: unknown) => !matches(fact, source));
  engine.addOperator("isEmpty", (fact: unknown) => isEmptyValue(fact));
  engine.addOperator("isNotEmpty", (fact: unknown) => !isEmptyValue(fact));
  return engine;
}

/** Rewrites `{ option: x }` comparisons and values into paths into the `ruleOptions` fact. */
function bindOptions(node: unknown, ruleId: string): unknown {
  if (Array.isArray(node)) return node.map((n) => bindOptions(n, ruleId));
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === "option" && typeof value === "string") {
      out.fact = OPTIONS_FACT;
      out.path = `$[${JSON.stringify(ruleId)}][${JSON.stringify(value)}]`;
    } else out[key] = bindOptions(value, ruleId);
  }
  return out;
}

/** The facts a condition tree reads (the memo key), without the constant options fact. */
function referencedFacts(conditions: unknown): string[] {
  const names = new Set<string>();
  walkConditions(conditions, (comparison) => {
    for (const ref of [comparison, comparison.value]) {
      if (ref && typeof ref === "object" && typeof (ref as { fact?: unknown }).fact === "string") {
        names.add((ref as { fact: string }).fact);
      }
    }
  });
  names.delete(OPTIONS_FACT);
  return [...names].sort();
}

/** Encodes fact values into a memo key; distinct values give distinct keys. */
function keyOf(facts: Record<string, unknown>, names: string[]): string {
  let key = "";
  for (const name of names) key += `${valueKey(facts[name])}\u0001`;
  return key;
}

/** One value in a memo key: one letter tells the types apart (`n1` is not `s1:1`); strings carry their length, so no value can fake a separator. */
function valueKey(v: unknown): string {
  return typeof v === "string" ? `s${v.length}:${v}` : typeof v === "number" ? `n${v}` : typeof v === "boolean" ? (v ? "t" : "f") : typeof v === "object" ? `o${JSON.stringify(v)}` : `${typeof v}${String(v)}`;
}

const NUMERIC_OPERATORS = new Set(["equal", "notEqual", "lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive"]);

/**
 * The facts of a condition tree that are only ever compared, whole, with number literals by the
 * numeric operators, and those numbers (sorted). For such a fact only where a number falls among
 * those constants decides the outcome (`accountableCount` compared with 1 reads the same for 2,
 * 3 and 40), so memo keys take that place instead of the number.
 */
function numericBuckets(conditions: unknown[]): Map<string, number[]> {
  const constants = new Map<string, Set<number>>();
  const refused = new Set<string>();
  for (const tree of conditions) {
    walkConditions(tree, (comparison) => {
      const fact = comparison.fact;
      const value = comparison.value;
      // A fact compared with another fact, or through a path, is keyed by its value.
      if (value && typeof value === "object" && typeof (value as { fact?: unknown }).fact === "string") refused.add((value as { fact: string }).fact);
      if (typeof fact !== "string") return;
      if (typeof value !== "number" || !Number.isFinite(value) || !NUMERIC_OPERATORS.has(comparison.operator as string) || comparison.path !== undefined || comparison.params !== undefined) {
        refused.add(fact);
        return;
      }
      let set = constants.get(fact);
      if (!set) constants.set(fact, (set = new Set()));
      set.add(value);
    });
  }
  const buckets = new Map<string, number[]>();
  for (const [fact, set] of constants) if (!refused.has(fact)) buckets.set(fact, [...set].sort((a, b) => a - b));
  return buckets;
}

/** Where `v` falls among sorted constants: 2i below the i-th, 2i+1 equal to it, 2k above them all. */
function bucketOf(v: number, constants: readonly number[]): string {
  if (Number.isNaN(v)) return "nan";
  for (let i = 0; i < constants.length; i++) {
    if (v < constants[i]!) return `b${2 * i}`;
    if (v === constants[i]) return `b${2 * i + 1}`;
  }
  return `b${2 * constants.length}`;
}

interface ScopeEngine {
  engine: Engine;
  facts: string[];
  /** The facts the memo key takes one by one (those not determined by the subject's shape key). */
  keyFacts: string[];
  /** Which shape key the memo key starts with (`none`: facts are keyed one by one). */
  shaped: "none" | "roles" | "names";
  checks: { active: ActiveRule; check: RuleCheck }[];
  memo: Map<string, number[]>;
  /** The conditions of the checks (options bound), for `numericBuckets`. */
  conditions: unknown[];
  /** Facts keyed by where they fall among the numbers they are compared with (see `numericBuckets`). */
  buckets: Map<string, number[]>;
  /** The engine's outcomes by the values of every fact the checks read: different subjects (shapes) often agree on them. */
  byValues: Map<string, number[]>;
  /**
   * Set when the memo key may be a number for subjects with a `rowKey`: the other facts the checks
   * read are among `ROW_KEY_FACTS`. `rowDuplicate`: whether `duplicateKind` is one of them.
   */
  rowKeyed: boolean;
  rowDuplicate: boolean;
  rowMemo: Map<number, number[]>;
}

/** Facts a `rowKey` determines beside the shape facts (a table row's `orientation` is always `rows`), and `duplicateKind`, whose values number memo keys. */
const ROW_KEY_FACTS = new Set(["cellCount", "expectedCellCount", "orientation", "duplicateKind"]);
const DUPLICATE_KINDS: Record<string, number> = { none: 0, "same-section": 1, "other-section-same-codes": 2, "other-section-different-codes": 3 };

/**
 * What the cell- and code-scope checks found on a cell: the cell checks that fired, and for the
 * codes, pairs of (token index, check index) flattened.
 */
export interface CellOutcome {
  cell: readonly number[];
  codes: number[];
}

const NONE: number[] = [];

/** Memos are bounded: a long-lived process (a watcher, a server) forgets and evaluates again. */
const MAX_MEMO = 100_000;

/** Stores a memoised outcome, starting afresh when the memo is full. */
function remember<K, V>(memo: Map<K, V>, key: K, value: V): void {
  if (memo.size >= MAX_MEMO) memo.clear();
  memo.set(key, value);
}

/** Runs the active rules' checks over subjects, scope by scope. */
export class CheckRunner {
  private readonly scopes = new Map<Scope, ScopeEngine>();
  private readonly cellMemo = new Map<string | number, CellOutcome>();
  private readonly ruleOptions: Record<string, Record<string, unknown>> = {};

  constructor(rules: readonly ActiveRule[]) {
    for (const active of rules) {
      this.ruleOptions[active.rule.id] = active.options;
      for (const check of active.rule.checks) {
        let scope = this.scopes.get(check.scope);
        if (!scope) {
          scope = { engine: newEngine(), facts: [], keyFacts: [], shaped: "none", checks: [], memo: new Map(), conditions: [], buckets: new Map(), byValues: new Map(), rowKeyed: false, rowDuplicate: false, rowMemo: new Map() };
          this.scopes.set(check.scope, scope);
        }
        const conditions = bindOptions(check.conditions, active.rule.id) as TopLevelCondition;
        const index = scope.checks.length;
        scope.checks.push({ active, check });
        const rule: RuleProperties = { conditions, event: { type: "hit", params: { index } }, name: `${active.rule.id}#${index}` };
        scope.engine.addRule(rule);
        scope.conditions.push(conditions);
        scope.buckets = numericBuckets(scope.conditions);
        scope.facts = [...new Set([...scope.facts, ...referencedFacts(conditions)])].sort();
        const shape = SHAPE_FACTS[check.scope];
        scope.keyFacts = shape ? scope.facts.filter((f) => !shape.roles.has(f) && !shape.names.has(f)) : scope.facts;
        scope.shaped = !shape || scope.keyFacts.length === scope.facts.length ? "none" : scope.facts.some((f) => shape.names.has(f)) ? "names" : "roles";
        scope.rowKeyed = check.scope === "activity" && scope.shaped !== "none" && scope.keyFacts.every((f) => ROW_KEY_FACTS.has(f));
        scope.rowDuplicate = scope.keyFacts.includes("duplicateKind");
      }
    }
  }

  /** Whether any active check has this scope (callers skip building subjects otherwise). */
  has(scope: Scope): boolean {
    return this.scopes.has(scope);
  }

  /**
   * How cell- and code-scope outcomes can be memoised cell by cell: by the cell's parse and its
   * party's role (`roles`), or also its party's name (`names`); null when a check of those scopes
   * reads a fact the cell's shape does not determine (then `run` takes subjects one by one).
   */
  get cellShaping(): "roles" | "names" | null {
    const scopes = [this.scopes.get("cell"), this.scopes.get("code")].filter((s) => s !== undefined);
    if (scopes.length === 0 || scopes.some((s) => s.shaped === "none" || s.keyFacts.length > 0)) return null;
    return scopes.some((s) => s.shaped === "names") ? "names" : "roles";
  }

  /** Per column layout, the shapes of rows found to have no cell- or code-scope hits. */
  private readonly cleanRows = new Map<number, Set<number>>();
  private cleanRowCount = 0;

  /**
   * Whether a table row whose columns are laid out as `layout` (their parties' roles, and names)
   * and whose cells' shapes are `shapes` was found to have no cell- or code-scope hits (see
   * `Linter.cellHits`).
   */
  rowClean(layout: number, shapes: number): boolean {
    return this.cleanRows.get(layout)?.has(shapes) ?? false;
  }

  /** Records that such rows have no cell- or code-scope hits. */
  markRowClean(layout: number, shapes: number): void {
    if (this.cleanRowCount >= MAX_MEMO) {
      this.cleanRows.clear();
      this.cleanRowCount = 0;
    }
    let set = this.cleanRows.get(layout);
    if (!set) this.cleanRows.set(layout, (set = new Set()));
    if (!set.has(shapes)) {
      set.add(shapes);
      this.cleanRowCount++;
    }
  }

  /** The cell and code outcome memoised under `key`, if any (see `evaluateCell`). */
  cellOutcome(key: string | number): CellOutcome | undefined {
    return this.cellMemo.get(key);
  }

  /**
   * Evaluates the cell- and code-scope checks on one cell's subjects and memoises the outcome under
   * `key`, which must determine every fact those checks read (see `cellShaping`).
   */
  async evaluateCell(key: string | number, cell: Subject, codes: readonly Subject[]): Promise<CellOutcome> {
    const cellScope = this.scopes.get("cell");
    const codeScope = this.scopes.get("code");
    const outcome: CellOutcome = { cell: cellScope ? await this.fire(cellScope, cell) : NONE, codes: [] };
    if (codeScope) {
      for (let t = 0; t < codes.length; t++) for (const check of await this.fire(codeScope, codes[t]!)) outcome.codes.push(t, check);
    }
    if (outcome.cell.length === 0 && outcome.codes.length === 0) outcome.cell = outcome.codes = NONE;
    remember(this.cellMemo, key, outcome);
    return outcome;
  }

  /** The hit of check number `index` of `scope` on `subject`. */
  hit(scope: Scope, index: number, subject: Subject): Hit {
    const { active, check } = this.scopes.get(scope)!.checks[index]!;
    return { subject, active, check };
  }

  /**
   * The indexes of the checks of a scope that fire on a subject, in order: the engine runs once for
   * each combination of the values of the facts the checks read (numbers compared only with
   * constants taken by where they fall among them).
   */
  private async fire(scoped: ScopeEngine, subject: Subject): Promise<number[]> {
    const runFacts: Record<string, unknown> = { [OPTIONS_FACT]: this.ruleOptions };
    let key = "";
    for (const name of scoped.facts) {
      const value = subject.facts[name];
      runFacts[name] = value;
      const constants = scoped.buckets.get(name);
      key += `${constants && typeof value === "number" ? bucketOf(value, constants) : valueKey(value)}\u0001`;
    }
    const known = scoped.byValues.get(key);
    if (known) return known;
    const result = await scoped.engine.run(runFacts);
    const fired = result.events.map((e) => (e.params as { index: number }).index).sort((a, b) => a - b);
    remember(scoped.byValues, key, fired);
    return fired;
  }

  /**
   * Evaluates every check of `scope` on each subject; hits come back in subject order. The loops
   * over subjects are plain functions: only the evaluation of outcomes not memoised yet (rare after
   * the first files) awaits the engine.
   */
  async run(scope: Scope, subjects: readonly Subject[]): Promise<Hit[]> {
    const scoped = this.scopes.get(scope);
    if (!scoped || subjects.length === 0) return [];
    const outcomes: (number[] | undefined)[] = new Array(subjects.length);
    const misses = lookUp(scoped, subjects, outcomes);
    for (const [key, waiting] of misses) {
      const fired = await this.fire(scoped, subjects[waiting[0]!]!);
      if (typeof key === "number") remember(scoped.rowMemo, key, fired);
      else remember(scoped.memo, key, fired);
      for (const i of waiting) outcomes[i] = fired;
    }
    return collectHits(scoped, subjects, outcomes as number[][]);
  }
}

/** Fills `outcomes` with the memoised outcome of each subject; returns the subjects without one, by memo key. */
function lookUp(scoped: ScopeEngine, subjects: readonly Subject[], outcomes: (number[] | undefined)[]): Map<string | number, number[]> {
  const misses = new Map<string | number, number[]>();
  for (let i = 0; i < subjects.length; i++) {
    const subject = subjects[i]!;
    let key: string | number | undefined;
    if (scoped.rowKeyed) {
      const rowKey = subject.rowKey;
      const duplicate = scoped.rowDuplicate ? DUPLICATE_KINDS[subject.facts.duplicateKind as string] : 0;
      if (rowKey !== undefined && duplicate !== undefined) key = rowKey * 4 + duplicate;
    }
    let known: number[] | undefined;
    if (key !== undefined) known = scoped.rowMemo.get(key as number);
    else {
      const shape = scoped.shaped === "roles" ? subject.shapeKey : scoped.shaped === "names" ? subject.namedShapeKey : undefined;
      key = shape !== undefined ? `${shape}\u0005${keyOf(subject.facts, scoped.keyFacts)}` : keyOf(subject.facts, scoped.facts);
      known = scoped.memo.get(key);
    }
    if (known) outcomes[i] = known;
    else {
      const waiting = misses.get(key);
      if (waiting) waiting.push(i);
      else misses.set(key, [i]);
    }
  }
  return misses;
}

/** The hits of every subject's outcome, in subject order. */
function collectHits(scoped: ScopeEngine, subjects: readonly Subject[], outcomes: readonly number[][]): Hit[] {
  const hits: Hit[] = [];
  for (let i = 0; i < subjects.length; i++) {
    const fired = outcomes[i]!;
    for (let k = 0; k < fired.length; k++) {
      const { active, check } = scoped.checks[fired[k]!]!;
      hits.push({ subject: subjects[i]!, active, check });
    }
  }
  return hits;
}
