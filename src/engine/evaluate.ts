/**
 * Evaluates rules with json-rules-engine. Each rule's checks of one scope form a *unit* with its own
 * engine. A unit's outcome on a subject depends only on the inputs of the facts its conditions
 * read (see `src/facts/catalog.ts`), so outcomes are memoised under those inputs' ids, and below
 * that the engine runs once per combination of fact values. Memo keys are derived from the fact
 * declarations alone; a rule reading a fact whose inputs differ for every subject (`activity`) is
 * still right, only evaluated more often (`--stats` shows it), and never slows the other rules.
 */
import { Engine, type RuleProperties, type TopLevelCondition } from "json-rules-engine";
import { SCOPE_INPUTS, type FactDeclaration } from "../facts/catalog.js";
import { factDeclaration, factValue } from "../facts/values.js";
import { CellSubject, CodeSubject, matrixSubjects, rowKey, type ActivitySubject, type MatrixView, type Subject } from "../facts/subjects.js";
import type { ActiveRule, RuleCheck, Scope } from "../model/rule.js";
import { walkConditions } from "./load-rules.js";
import { bucketOf, valueKey, type MemoCounters, type RunMemo } from "./memo.js";

/** A check that fired on a subject. */
export interface Hit {
  subject: Subject;
  active: ActiveRule;
  check: RuleCheck;
  /** The check's message template split at its `{{fact}}` placeholders: text, fact, text, ..., text. */
  template?: readonly string[];
}

const OPTIONS_FACT = "ruleOptions";
/** How many outcomes a unit's memos hold before starting afresh (a memo is bounded, never wrong). */
const MAX_MEMO = 100_000;

/** Stores a memoised outcome, starting afresh when the memo is full. */
function remember<K, V>(memo: Map<K, V>, key: K, value: V): void {
  if (memo.size >= MAX_MEMO) memo.clear();
  memo.set(key, value);
}
const MAX_MATCH_INPUT = 2000;

/** Compiles a pattern that `unsafePattern` accepted at load time; a leading `(?i)` ignores case. */
function compilePattern(source: string): RegExp {
  return source.startsWith("(?i)") ? new RegExp(source.slice(4), "iu") : new RegExp(source, "u");
}

/** Whether a fact value counts as empty for `isEmpty`. */
function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

/** An engine with raci-lint's extra operators; `patterns` holds the compiled patterns of one evaluator. */
function newEngine(patterns: Map<string, RegExp>): Engine {
  const engine = new Engine([], { allowUndefinedFacts: false, allowUndefinedConditions: false });
  const pattern = (source: string) => {
    let re = patterns.get(source);
    if (!re) patterns.set(source, (re = compilePattern(source)));
    return re;
  };
  const matches = (fact: unknown, source: unknown) => typeof fact === "string" && typeof source === "string" && pattern(source).test(fact.slice(0, MAX_MATCH_INPUT));
  engine.addOperator("matches", matches);
  engine.addOperator("doesNotMatch", (fact: unknown, source: unknown) => !matches(fact, source));
  engine.addOperator("isEmpty", (fact: unknown) => isEmptyValue(fact));
  engine.addOperator("isNotEmpty", (fact: unknown) => !isEmptyValue(fact));
  return engine;
}

/** Rewrites `{ option: x }` comparisons and values into paths into the `ruleOptions` fact. */
function bindOptions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(bindOptions);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === "option" && typeof value === "string") {
      out.fact = OPTIONS_FACT;
      out.path = `$[${JSON.stringify(value)}]`;
    } else out[key] = bindOptions(value);
  }
  return out;
}

/** The facts a condition tree reads, without the constant options fact. */
function referencedFacts(conditions: unknown): string[] {
  const names = new Set<string>();
  walkConditions(conditions, (comparison) => {
    for (const ref of [comparison, comparison.value]) {
      if (ref && typeof ref === "object" && typeof (ref as { fact?: unknown }).fact === "string") names.add((ref as { fact: string }).fact);
    }
  });
  names.delete(OPTIONS_FACT);
  return [...names].sort();
}

const NUMERIC_OPERATORS = new Set(["equal", "notEqual", "lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive"]);

/**
 * The facts of condition trees that are only ever compared, whole, with number literals by the
 * numeric operators, and those numbers (sorted). For such a fact only where a number falls among
 * those constants decides the outcome (`accountableCount` compared with 1 reads the same for 2,
 * 3 and 40), so the engine memo keys take that place instead of the number.
 */
function numericBuckets(conditions: readonly unknown[]): Map<string, number[]> {
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
  for (const [fact, set] of constants)
    if (!refused.has(fact))
      buckets.set(
        fact,
        [...set].sort((a, b) => a - b),
      );
  return buckets;
}

/** The inputs a set of facts of a scope depends on, derived inputs expanded, sorted. */
export function inputsOf(scope: Scope, facts: readonly string[]): string[] {
  const declared = SCOPE_INPUTS[scope];
  const out = new Set<string>();
  const expand = (name: string) => {
    const input = declared[name];
    if (!input) throw new Error(`fact input "${name}" is not declared for scope ${scope}`);
    if ("from" in input) input.from.forEach(expand);
    else out.add(name);
  };
  for (const name of facts) for (const use of factDeclaration(scope, name)!.uses) expand(use);
  return [...out].sort();
}

/** One rule's checks of one scope, evaluated together. */
class Unit {
  readonly engine: Engine;
  readonly checks: RuleCheck[];
  /** Each check's message template, split at its placeholders. */
  readonly templates: string[][];
  readonly facts: FactDeclaration[];
  /** The inputs the facts use (see `INPUTS`), sorted. */
  readonly inputs: string[];
  /** Which of its scope's key signatures (see `ScopeUnits`) the unit's memo key is. */
  signature = 0;
  readonly buckets: Map<string, number[]>;
  /** Outcomes (indexes of the checks that fired) by the ids of the inputs. */
  readonly outcomes = new Map<number, number[]>();
  /** Code scope: outcomes of every token of a cell by the ids of the cell's inputs. */
  readonly tokenOutcomes = new Map<number, number[][]>();
  /** Outcomes by the values of the facts (the engine runs once per combination). */
  readonly byValues = new Map<string, number[]>();
  readonly counters: MemoCounters;

  constructor(
    readonly active: ActiveRule,
    readonly scope: Scope,
    checks: RuleCheck[],
    patterns: Map<string, RegExp>,
    memo: RunMemo,
  ) {
    this.checks = checks;
    this.templates = checks.map((c) => c.message.split(/\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/u));
    this.engine = newEngine(patterns);
    const conditions = checks.map((c) => bindOptions(c.conditions));
    conditions.forEach((tree, index) => {
      const rule: RuleProperties = { conditions: tree as TopLevelCondition, event: { type: "hit", params: { index } }, name: `${active.rule.id}#${index}` };
      this.engine.addRule(rule);
    });
    const names = [...new Set(conditions.flatMap(referencedFacts))].sort();
    this.facts = names.map((n) => factDeclaration(scope, n)!);
    let inputs = inputsOf(scope, names);
    // The outcome of every token of a cell is keyed by the cell: its reading says how many tokens there are.
    if (scope === "code") inputs = [...new Set([...inputs.filter((i) => i !== "tokenIndex"), "reading"])].sort();
    this.inputs = inputs;
    this.buckets = numericBuckets(conditions);
    this.counters = memo.countersOf(active.rule.id);
  }
}

/** Every unit's outcome on a subject, as they come in; stored once none is missing. */
interface AllOutcomes {
  key: number;
  fired: (readonly number[])[];
  missing: number;
}

/** A cell or code hit of a row: the cell's index among the row's cells, the token's (-1: the cell itself), and the check. */
interface RowHit {
  cell: number;
  token: number;
  active: ActiveRule;
  check: RuleCheck;
  template: readonly string[] | undefined;
}

/**
 * The units of one scope, the inputs any of them uses (each subject's are taken once for all
 * units: context-level ones once per context) and the distinct sets of inputs units key by.
 */
interface ScopeUnits {
  units: Unit[];
  contextKeys: ((subject: Subject) => unknown)[];
  subjectKeys: ((subject: Subject) => unknown)[];
  subjectNames: string[];
  /** For each distinct key: the context inputs and subject inputs it takes (indexes into the key lists); `single`: its one input, if it has only one. */
  signatures: { context: number[]; subject: number[]; single: number }[];
  /**
   * Every unit's outcome at once, by the ids of all the scope's inputs: where subjects repeat (rows
   * alike), one lookup answers for every rule of the scope.
   */
  together: Map<number, (readonly number[])[]>;
  /** Every context and subject input's slot, for the key of `together`. */
  allContext: number[];
  allSubject: number[];
}

/** Evaluates the active rules on the subjects of one run; its memos last as long as the run's `RunMemo`. */
export class Evaluator {
  private readonly scopes = new Map<Scope, ScopeUnits>();
  private readonly patterns = new Map<string, RegExp>();
  private contextIds: number[] = [];
  private subjectIds: number[] = [];
  /** Per signature: the id of its context part (for the current context), then of the whole key (for the current subject). */
  private prefixes: number[] = [];
  private keys: number[] = [];
  private currentContext: object | null = null;
  private allPrefix = 0;
  /**
   * Set when every cell- and code-scope input follows from an activity's context and row (see
   * `level` in `INPUTS`): the cell and code hits of rows alike are then alike, and found once.
   */
  private readonly byRow: boolean;
  /** Cell and code hits by row key: for each, the cell's index in the row, the token's (-1: the cell), and the check. */
  private readonly rowOutcomes = new Map<number, RowHit[]>();

  constructor(
    rules: readonly ActiveRule[],
    private readonly memo: RunMemo,
  ) {
    for (const active of rules) {
      const byScope = new Map<Scope, RuleCheck[]>();
      for (const check of active.rule.checks) {
        const list = byScope.get(check.scope);
        if (list) list.push(check);
        else byScope.set(check.scope, [check]);
      }
      for (const [scope, checks] of byScope) {
        let scoped = this.scopes.get(scope);
        if (!scoped) this.scopes.set(scope, (scoped = { units: [], contextKeys: [], subjectKeys: [], subjectNames: [], signatures: [], together: new Map(), allContext: [], allSubject: [] }));
        scoped.units.push(new Unit(active, scope, checks, this.patterns, memo));
      }
    }
    for (const [scope, scoped] of this.scopes) {
      const declared = SCOPE_INPUTS[scope] as Record<string, { key: (subject: Subject) => unknown; level?: "context" }>;
      const names = [...new Set(scoped.units.flatMap((u) => u.inputs))].sort();
      const contextNames = names.filter((n) => declared[n]!.level === "context");
      const subjectNames = names.filter((n) => declared[n]!.level !== "context");
      scoped.contextKeys = contextNames.map((n) => declared[n]!.key);
      scoped.subjectKeys = subjectNames.map((n) => declared[n]!.key);
      scoped.subjectNames = subjectNames;
      scoped.allContext = contextNames.map((_, i) => i);
      scoped.allSubject = subjectNames.map((_, i) => i);
      const bySignature = new Map<string, number>();
      for (const unit of scoped.units) {
        const context = unit.inputs.filter((n) => contextNames.includes(n)).map((n) => contextNames.indexOf(n));
        const subject = unit.inputs.filter((n) => subjectNames.includes(n)).map((n) => subjectNames.indexOf(n));
        const id = `${context.join(",")}|${subject.join(",")}`;
        let index = bySignature.get(id);
        if (index === undefined) {
          index = scoped.signatures.length;
          scoped.signatures.push({ context, subject, single: context.length === 0 && subject.length === 1 ? subject[0]! : -1 });
          bySignature.set(id, index);
        }
        unit.signature = index;
      }
    }
    this.byRow = this.rowLevel("cell") && this.rowLevel("code");
  }

  /** Whether every input of the units of `scope` is context- or row-level. */
  private rowLevel(scope: Scope): boolean {
    const declared = SCOPE_INPUTS[scope] as Record<string, { level?: string }>;
    return (this.scopes.get(scope)?.units ?? []).every((u) => u.inputs.every((n) => declared[n]!.level !== undefined));
  }

  /** Whether any active check has this scope. */
  has(scope: Scope): boolean {
    return this.scopes.has(scope);
  }

  private generation = 0;

  /** Drops every outcome memoised under keys of an earlier memo generation (see `RunMemo.generation`). */
  private sync(): void {
    const generation = this.memo.generation;
    if (generation === this.generation) return;
    this.generation = generation;
    for (const scoped of this.scopes.values()) {
      for (const unit of scoped.units) {
        unit.outcomes.clear();
        unit.tokenOutcomes.clear();
      }
      scoped.together.clear();
    }
    this.rowOutcomes.clear();
  }

  /** The hits of every matrix-level check on one matrix, in no particular order. */
  async evaluateMatrix(view: MatrixView): Promise<Hit[]> {
    this.sync();
    const hits: Hit[] = [];
    const subjects = matrixSubjects(view);
    const rowIds = new Map<Subject, number>();
    await this.runUnits("activity", subjects.activity, hits, rowIds);
    for (const scope of ["party", "legend-entry", "matrix", "document"] as const) await this.runUnits(scope, subjects[scope], hits);
    if (this.scopes.has("cell") || this.scopes.has("code")) await this.evaluateCells(view, subjects.activity, hits, rowIds);
    return hits;
  }

  /**
   * The cell and code hits of a matrix. With `byRow`, a row whose key (its context and what each
   * of its cells reads) was seen gets that row's hits without a subject per cell; the other rows'
   * cells are evaluated one by one, and their hits remembered for their rows.
   */
  private async evaluateCells(view: MatrixView, activities: readonly ActivitySubject[], hits: Hit[], rowIds: ReadonlyMap<Subject, number>): Promise<void> {
    const cellsOf = (activity: ActivitySubject) => {
      const out: CellSubject[] = [];
      for (const entry of activity.row) if (typeof entry === "object") out.push(new CellSubject(view, activity.activityRef, entry));
      return out;
    };
    if (!this.byRow || !this.memo.memoize) {
      const cells = activities.flatMap(cellsOf);
      await this.runUnits("cell", cells, hits);
      await this.runTokens(cells, hits);
      return;
    }
    const pending: { key: number; cells: CellSubject[] }[] = [];
    let context: object | null = null;
    let contextId = 0;
    for (const activity of activities) {
      const firstCell = activity.row.find((e) => typeof e === "object");
      if (!firstCell) continue;
      if (activity.context !== context) {
        context = activity.context;
        contextId = this.cellContextId(new CellSubject(view, activity.activityRef, firstCell));
      }
      const key = this.memo.tupleId([contextId, rowIds.get(activity) ?? this.memo.id(rowKey(activity))]);
      const known = this.rowOutcomes.get(key);
      if (!known) {
        pending.push({ key, cells: cellsOf(activity) });
        continue;
      }
      if (known.length === 0) continue;
      const cells = activity.row.filter((e) => typeof e === "object");
      for (const hit of known) {
        const cell = cells[hit.cell]!;
        const subject = hit.token < 0 ? new CellSubject(view, activity.activityRef, cell) : new CodeSubject(view, activity.activityRef, cell, hit.token);
        hits.push({ subject, active: hit.active, check: hit.check, template: hit.template });
      }
    }
    if (pending.length === 0) return;
    const cells = pending.flatMap((p) => p.cells);
    const found: Hit[] = [];
    await this.runUnits("cell", cells, found);
    await this.runTokens(cells, found);
    // Remember each pending row's hits, by the index of their cell in the row.
    const where = new Map<object, { row: RowHit[]; index: number }>();
    for (const row of pending) {
      const list: RowHit[] = [];
      row.cells.forEach((cell, index) => where.set(cell.cell, { row: list, index }));
      if (this.rowOutcomes.size >= MAX_MEMO) this.rowOutcomes.clear();
      this.rowOutcomes.set(row.key, list);
    }
    for (const hit of found) {
      const subject = hit.subject as CellSubject;
      const at = where.get(subject.cell)!;
      at.row.push({ cell: at.index, token: subject instanceof CodeSubject ? subject.tokenIndex : -1, active: hit.active, check: hit.check, template: hit.template });
    }
    // One by one: a spread of a big page's hits (millions) overflows the stack.
    for (const hit of found) hits.push(hit);
  }

  /** The id of the context-level inputs of the cell and code scopes, from one cell of the context. */
  private cellContextId(probe: CellSubject): number {
    const ids: number[] = [];
    for (const scope of ["cell", "code"] as const) for (const key of this.scopes.get(scope)?.contextKeys ?? []) ids.push(this.memo.id(key(probe)));
    return this.memo.tupleId(ids);
  }

  /** The hits of the checks that look across the files of a run (corpus or translation scope) on its subjects of that scope. */
  async evaluateCorpus(scope: "corpus" | "translation", subjects: readonly Subject[]): Promise<Hit[]> {
    this.sync();
    const hits: Hit[] = [];
    await this.runUnits(scope, subjects, hits);
    return hits;
  }

  /** Starts a scope's pass over subjects: no context is current. */
  private begin(scoped: ScopeUnits): void {
    this.currentContext = null;
    this.contextIds = new Array<number>(scoped.contextKeys.length).fill(0);
    this.subjectIds = new Array<number>(scoped.subjectKeys.length).fill(0);
    this.prefixes = new Array<number>(scoped.signatures.length).fill(0);
    this.keys = new Array<number>(scoped.signatures.length).fill(0);
  }

  /**
   * Takes the ids of a subject's inputs (every input any unit of the scope uses) into
   * `contextIds` and `subjectIds`: context-level ones when its context changes (subjects come
   * context by context), its own every time. Returns the key of all of them together.
   */
  private idsOf(scoped: ScopeUnits, subject: Subject): number {
    const { signatures } = scoped;
    if (subject.context !== this.currentContext) {
      this.currentContext = subject.context;
      const ids = this.contextIds;
      for (let i = 0; i < scoped.contextKeys.length; i++) ids[i] = this.memo.id(scoped.contextKeys[i]!(subject));
      for (let g = 0; g < signatures.length; g++) this.prefixes[g] = this.memo.extend(0, ids, signatures[g]!.context);
      this.allPrefix = this.memo.extend(0, ids, scoped.allContext);
    }
    const ids = this.subjectIds;
    const keys = scoped.subjectKeys;
    for (let i = 0; i < keys.length; i++) ids[i] = this.memo.id(keys[i]!(subject));
    return this.memo.extend(this.allPrefix, ids, scoped.allSubject);
  }

  /** Computes the subject's memo key for each signature into `keys`, from the ids `idsOf` took. */
  private signatureKeys(scoped: ScopeUnits): void {
    const { signatures } = scoped;
    const ids = this.subjectIds;
    for (let g = 0; g < signatures.length; g++) {
      const signature = signatures[g]!;
      // A key of one input is that input's id: a unit always keys by the same signature, so its keys never mix kinds.
      this.keys[g] = signature.single >= 0 ? ids[signature.single]! : this.memo.extend(this.prefixes[g]!, ids, signature.subject);
    }
  }

  /**
   * Runs every unit of a scope on its subjects. The loop is synchronous for subjects whose outcome
   * is memoised, by their inputs or by their facts' values; the engine is awaited only for
   * combinations of values not seen yet, once each.
   */
  private async runUnits(scope: Scope, subjects: readonly Subject[], hits: Hit[], rowIds?: Map<Subject, number>): Promise<void> {
    const scoped = this.scopes.get(scope);
    if (!scoped || subjects.length === 0) return;
    // The id of each activity's row, for its cells' row memo (`evaluateCells`).
    const rowSlot = rowIds ? scoped.subjectNames.indexOf("row") : -1;
    const { units } = scoped;
    const timing = this.memo.timing;
    const memoize = this.memo.memoize;
    /** Per unit, subjects waiting for the engine, by the values of their facts. */
    const together = memoize && units.length > 1 ? scoped.together : null;
    /** Per unit, subjects waiting for the engine, by the values of their facts. */
    const pending = units.map(() => new Map<string, { facts: Record<string, unknown>; waiting: { subject: Subject; key: number; all: AllOutcomes | null }[] }>());
    const settle = (all: AllOutcomes | null, u: number, fired: readonly number[]) => {
      if (!all) return;
      all.fired[u] = fired;
      if (--all.missing === 0) remember(together!, all.key, all.fired);
    };
    this.begin(scoped);
    for (const subject of subjects) {
      const allKey = this.idsOf(scoped, subject);
      if (rowSlot >= 0) rowIds!.set(subject, this.subjectIds[rowSlot]!);
      const known = together?.get(allKey);
      if (known) {
        for (let u = 0; u < units.length; u++) {
          const unit = units[u]!;
          unit.counters.lookups++;
          unit.counters.hits++;
          for (const index of known[u]!) hits.push({ subject, active: unit.active, check: unit.checks[index]!, template: unit.templates[index]! });
        }
        continue;
      }
      this.signatureKeys(scoped);
      const all: AllOutcomes | null = together ? { key: allKey, fired: new Array(units.length), missing: units.length } : null;
      for (let u = 0; u < units.length; u++) {
        const unit = units[u]!;
        const started = timing ? performance.now() : 0;
        const key = this.keys[unit.signature]!;
        unit.counters.lookups++;
        let fired = unit.outcomes.get(key);
        if (fired) unit.counters.hits++;
        else {
          const values = this.valuesOf(unit, subject);
          fired = memoize ? unit.byValues.get(values.key) : undefined;
          if (fired) remember(unit.outcomes, key, fired);
          else {
            // Without memoisation every subject is run on its own.
            const group = memoize ? values.key : `${pending[u]!.size}`;
            const waiting = pending[u]!.get(group);
            if (waiting) waiting.waiting.push({ subject, key, all });
            else pending[u]!.set(group, { facts: values.facts, waiting: [{ subject, key, all }] });
          }
        }
        if (fired) {
          settle(all, u, fired);
          for (const index of fired) hits.push({ subject, active: unit.active, check: unit.checks[index]!, template: unit.templates[index]! });
        }
        if (timing) unit.counters.time += performance.now() - started;
      }
    }
    for (let u = 0; u < units.length; u++) {
      const unit = units[u]!;
      const started = timing ? performance.now() : 0;
      for (const [valueKey, { facts, waiting }] of pending[u]!) {
        const fired = await this.run(unit, valueKey, facts);
        for (const { subject, key, all } of waiting) {
          if (memoize) remember(unit.outcomes, key, fired);
          settle(all, u, fired);
          for (const index of fired) hits.push({ subject, active: unit.active, check: unit.checks[index]!, template: unit.templates[index]! });
        }
      }
      if (timing) unit.counters.time += performance.now() - started;
    }
  }

  /** Runs the code-scope units on every token of the cells, memoised cell by cell. */
  private async runTokens(cells: readonly CellSubject[], hits: Hit[]): Promise<void> {
    const scoped = this.scopes.get("code");
    if (!scoped || cells.length === 0) return;
    const { units } = scoped;
    const timing = this.memo.timing;
    const emit = (unit: Unit, cell: CellSubject, outcome: readonly number[][]) => {
      for (let t = 0; t < outcome.length; t++) {
        const fired = outcome[t]!;
        if (fired.length === 0) continue;
        const subject = new CodeSubject(cell.view, cell.activityRef, cell.cell, t);
        for (const index of fired) hits.push({ subject, active: unit.active, check: unit.checks[index]!, template: unit.templates[index]! });
      }
    };
    const pending = units.map(() => new Map<number, CellSubject[]>());
    this.begin(scoped);
    for (const cell of cells) {
      // A cell stands for its tokens: token inputs other than `tokenIndex` are the cell's.
      this.idsOf(scoped, cell);
      this.signatureKeys(scoped);
      for (let u = 0; u < units.length; u++) {
        const unit = units[u]!;
        const started = timing ? performance.now() : 0;
        const key = this.keys[unit.signature]!;
        const known = unit.tokenOutcomes.get(key);
        if (known) {
          unit.counters.hits++;
          emit(unit, cell, known);
        } else {
          const waiting = pending[u]!.get(key);
          if (waiting) waiting.push(cell);
          else pending[u]!.set(key, [cell]);
        }
        if (timing) unit.counters.time += performance.now() - started;
      }
    }
    for (let u = 0; u < units.length; u++) {
      const unit = units[u]!;
      unit.counters.lookups += cells.length;
      const started = timing ? performance.now() : 0;
      for (const [key, waiting] of pending[u]!) {
        const first = waiting[0]!;
        const outcome: number[][] = [];
        for (let t = 0; t < first.reading.tokens.length; t++) outcome.push(await this.fire(unit, new CodeSubject(first.view, first.activityRef, first.cell, t)));
        if (this.memo.memoize) remember(unit.tokenOutcomes, key, outcome);
        unit.counters.hits += waiting.length - 1;
        for (const cell of waiting) emit(unit, cell, outcome);
      }
      if (timing) unit.counters.time += performance.now() - started;
    }
  }

  /**
   * The values of the facts a unit's conditions read on a subject, and their memo key (a number
   * compared only with constants is keyed by where it falls among them).
   */
  private valuesOf(unit: Unit, subject: Subject): { key: string; facts: Record<string, unknown> } {
    const facts: Record<string, unknown> = { [OPTIONS_FACT]: unit.active.options };
    let key = "";
    for (const fact of unit.facts) {
      const value = factValue(fact, subject);
      facts[fact.name] = value;
      const constants = unit.buckets.get(fact.name);
      key += `${constants && typeof value === "number" ? bucketOf(value, constants) : valueKey(value)}\u0001`;
    }
    return { key, facts };
  }

  /** Runs the engine on fact values: the indexes of the unit's checks that fire, in order. */
  private async run(unit: Unit, key: string, facts: Record<string, unknown>): Promise<number[]> {
    unit.counters.engineRuns++;
    const result = await unit.engine.run(facts);
    const fired = result.events.map((e) => (e.params as { index: number }).index).sort((a, b) => a - b);
    if (this.memo.memoize) remember(unit.byValues, key, fired);
    return fired;
  }

  /** The indexes of the unit's checks that fire on a subject (fact values memoised). */
  private async fire(unit: Unit, subject: Subject): Promise<number[]> {
    const values = this.valuesOf(unit, subject);
    const known = this.memo.memoize ? unit.byValues.get(values.key) : undefined;
    return known ?? this.run(unit, values.key, values.facts);
  }
}
