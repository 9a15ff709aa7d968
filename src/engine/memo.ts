/**
 * Every speed trick of a lint run lives here, behind one boundary: interning, memo keys, and the
 * memo of cell readings the readers are given. Real matrices repeat a few cell texts and row
 * patterns thousands of times, so a run reads each distinct cell text once and evaluates each rule
 * once per distinct combination of the inputs its facts use (declared in `src/facts/`).
 *
 * A `RunMemo` belongs to one run: nothing here outlives what decides its content. With
 * `memoize: false` every lookup misses and every reading is made afresh; a test proves the
 * findings are the same either way (test/lint/memo-differential.test.ts).
 */
import type { CellReading } from "../model/matrix.js";
import type { RoleScheme } from "../model/scheme.js";
import { lexiconOf, readCellText, readCellTextAndKey, type CellTextReader, type SchemeLexicon } from "../readers/cell-codes.js";
import { PartyNames } from "../readers/parties.js";
import type { CellContext } from "../readers/cell-codes.js";
import { readRest, type RestReader, type RowRest } from "../readers/markdown/rest.js";

/** How often one rule's memo answered, for `--stats`. */
export interface MemoCounters {
  /** Subjects looked up. */
  lookups: number;
  /** Lookups answered from the memo. */
  hits: number;
  /** json-rules-engine runs (lookups that missed, and whose fact values were new too). */
  engineRuns: number;
  /** Milliseconds spent evaluating the rule (lookups, fact values, engine runs). */
  time: number;
}

/**
 * The trie of tuple ids as one flat open-addressing table of (node, part) -> child: a step costs a
 * hash and a probe or two over typed arrays, with no object per node (a run over 100,000 distinct
 * rows makes a million nodes).
 */
class PairTable {
  /** Slots of three: node, part, child (0: empty). */
  private slots = new Int32Array(3 << 16);
  private capacity = 1 << 16;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The child of `node` for `part`, made with `make()` when there is none. */
  child(node: number, part: number, make: () => number): number {
    const slots = this.slots;
    const mask = this.capacity - 1;
    let slot = hashPair(node, part) & mask;
    for (;;) {
      const at = slot * 3;
      const child = slots[at + 2]!;
      if (child === 0) break;
      if (slots[at] === node && slots[at + 1] === part) return child;
      slot = (slot + 1) & mask;
    }
    const child = make();
    const at = slot * 3;
    slots[at] = node;
    slots[at + 1] = part;
    slots[at + 2] = child;
    if (++this.count * 3 > this.capacity * 2) this.grow();
    return child;
  }

  private grow(): void {
    const old = this.slots;
    this.capacity *= 2;
    const slots = (this.slots = new Int32Array(this.capacity * 3));
    const mask = this.capacity - 1;
    for (let at = 0; at < old.length; at += 3) {
      if (old[at + 2] === 0) continue;
      let slot = hashPair(old[at]!, old[at + 1]!) & mask;
      while (slots[slot * 3 + 2] !== 0) slot = (slot + 1) & mask;
      slots.set(old.subarray(at, at + 3), slot * 3);
    }
  }
}

/** Mixes two 32-bit integers (multiplicative hashing). */
function hashPair(a: number, b: number): number {
  const h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
  return h ^ (h >>> 15);
}

/** Ids below this are kept for small whole numbers and array lengths (see `Interner.id`). */
const SMALL = 1 << 24;

/**
 * Small-integer ids for values: primitives by value, objects by identity, arrays element by
 * element. Equal values get equal ids as long as the interner lives; ids are never reused, even by
 * the interner that replaces it (`first`).
 */
class Interner {
  private readonly primitives = new Map<unknown, number>();
  private readonly objects = new Map<object, number>();
  private readonly pairs = new PairTable();
  private next: number;

  constructor(first = 1) {
    this.next = first;
  }

  /** The first id a successor may give. */
  get nextId(): number {
    return this.next;
  }
  private readonly make = () => this.fresh();

  /** An id no value has. */
  fresh(): number {
    if (this.next >= 0x7fffffff) throw new RangeError("raci-lint: a run made more than 2^31 memo keys");
    return this.next++;
  }

  /** How many tuple nodes there are (the memo's size). */
  get tupleCount(): number {
    return this.pairs.size;
  }

  id(value: unknown): number {
    // Small whole numbers (counts) are their own ids, below zero, with no lookup.
    if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value < SMALL) return -SMALL - 1 - value;
    if (typeof value === "object" && value !== null) {
      if (Array.isArray(value)) return this.arrayId(value);
      let id = this.objects.get(value);
      if (id === undefined) this.objects.set(value, (id = this.fresh()));
      return id;
    }
    let id = this.primitives.get(value);
    if (id === undefined) this.primitives.set(value, (id = this.fresh()));
    return id;
  }

  /** The id of a sequence of ids (a path in the trie, from its root 0). */
  tupleId(ids: readonly number[], count = ids.length): number {
    let id = 0;
    for (let i = 0; i < count; i++) id = this.pairs.child(id, ids[i]!, this.make);
    return id;
  }

  /** The id of the tuple `start` stands for, extended with `ids[slots[0]]`, `ids[slots[1]]`... */
  extend(start: number, ids: readonly number[], slots: readonly number[]): number {
    let id = start;
    for (let i = 0; i < slots.length; i++) id = this.pairs.child(id, ids[slots[i]!]!, this.make);
    return id;
  }

  private arrayId(values: readonly unknown[]): number {
    // A walk down the trie from a node for the array's length (-1 - length: below zero, above the small numbers).
    let id = this.pairs.child(0, -1 - Math.min(values.length, SMALL - 1), this.make);
    for (let i = 0; i < values.length; i++) id = this.pairs.child(id, this.id(values[i]), this.make);
    return id;
  }
}

/** The memos of one lint run. */
export class RunMemo {
  private interner = new Interner();
  private resets = 0;
  /** Per scheme: each text's reading where no table-specific party name applies, and the key a party name would have to be. */
  private readonly readings = new Map<RoleScheme, { lexicon: SchemeLexicon; byText: Map<string, { reading: CellReading; partyKey: string | null }> }>();
  /** Readings of texts that name a party of their table, by scheme, party names and text. */
  private readonly partyReadings = new Map<string, CellReading>();
  private readonly schemeIds = new Map<RoleScheme, number>();
  /** Row rests by scheme, party names and text; `restCount` bounds them. */
  private readonly rests = new Map<RoleScheme, Map<string, Map<string, RowRest>>>();
  private restCount = 0;
  private lastRests: { ctx: CellContext | null; byText: Map<string, RowRest> } = { ctx: null, byText: new Map() };

  private readonly counters = new Map<string, MemoCounters>();
  private readonly collectStats: boolean;
  readonly memoize: boolean;

  constructor(options: { memoize?: boolean; stats?: boolean } = {}) {
    this.memoize = options.memoize ?? true;
    this.collectStats = options.stats ?? false;
  }

  /** Whether per-rule timings are taken (they cost a clock reading per rule and matrix). */
  get timing(): boolean {
    return this.collectStats;
  }

  /**
   * Bounds the memo's memory: past `MAX_TUPLES` keys, ids and keys start afresh (a new
   * generation; ids are never reused). Callers holding outcomes by key drop them when the
   * generation changes. Called between matrices.
   */
  get generation(): number {
    if (this.interner.tupleCount > MAX_TUPLES) {
      this.interner = new Interner(this.interner.nextId);
      this.resets++;
    }
    return this.resets;
  }

  /** The id of a value for memo keys (see `Interner`). Without memoisation, every call gives a new id. */
  id(value: unknown): number {
    return this.memoize ? this.interner.id(value) : this.interner.fresh();
  }

  /** The id of a sequence of ids. */
  tupleId(ids: readonly number[], count = ids.length): number {
    return this.memoize ? this.interner.tupleId(ids, count) : this.interner.fresh();
  }

  /** The id of the tuple `start` stands for (0: the empty tuple) extended with `ids[slot]` for each of `slots`. */
  extend(start: number, ids: readonly number[], slots: readonly number[]): number {
    return this.memoize ? this.interner.extend(start, ids, slots) : this.interner.fresh();
  }

  /**
   * Reads cell texts for the readers, each distinct text once per scheme (by identity), and again
   * per set of party names (by content) only when the text names one of them. Gives what
   * `readCellText` gives.
   */
  readonly readCell: CellTextReader = (raw: string, scheme: RoleScheme, partyNames: PartyNames): CellReading => {
    if (!this.memoize) return readCellText(raw, scheme, partyNames);
    let forScheme = this.readings.get(scheme);
    if (!forScheme) this.readings.set(scheme, (forScheme = { lexicon: lexiconOf(scheme), byText: new Map() }));
    // Shared by every cell with this text: its type is read-only throughout.
    let entry = forScheme.byText.get(raw);
    if (!entry) forScheme.byText.set(raw, (entry = readCellTextAndKey(raw, forScheme.lexicon, NO_TABLE_NAMES)));
    if (entry.partyKey === null || !partyNames.has(entry.partyKey)) return entry.reading;
    // The text names a party of its table (`Client` in a Client column): read in that context.
    let schemeId = this.schemeIds.get(scheme);
    if (schemeId === undefined) this.schemeIds.set(scheme, (schemeId = this.schemeIds.size));
    const key = `${schemeId}\u0001${partyNames.key}\u0001${raw}`;
    let reading = this.partyReadings.get(key);
    if (!reading) this.partyReadings.set(key, (reading = readCellText(raw, scheme, partyNames, forScheme.lexicon)));
    return reading;
  };

  /**
   * Reads the rests of Markdown table rows (their cells after the first), each distinct text once
   * per scheme and party names. Gives what `readRest` gives; the readings in it come from
   * `readCell` (the context's reader).
   */
  readonly readRest: RestReader = (text: string, ctx: CellContext): RowRest => {
    if (!this.memoize) return readRest(text, ctx);
    // Rows come table by table, and a table has one context.
    let byText = this.lastRests.ctx === ctx ? this.lastRests.byText : undefined;
    if (!byText) {
      let byNames = this.rests.get(ctx.scheme);
      if (!byNames) this.rests.set(ctx.scheme, (byNames = new Map()));
      byText = byNames.get(ctx.partyNames.key);
      if (!byText) byNames.set(ctx.partyNames.key, (byText = new Map()));
      this.lastRests = { ctx, byText };
    }
    let rest = byText.get(text);
    if (!rest) {
      rest = readRest(text, ctx);
      // Distinct rows (a corpus that repeats nothing) would grow this without end.
      if (++this.restCount > MAX_RESTS) {
        this.rests.clear();
        this.restCount = 0;
        this.lastRests = { ctx: null, byText: new Map() };
      } else byText.set(text, rest);
    }
    return rest;
  };

  /** The counters of one rule (created on first use). */
  countersOf(ruleId: string): MemoCounters {
    let counters = this.counters.get(ruleId);
    if (!counters) this.counters.set(ruleId, (counters = { lookups: 0, hits: 0, engineRuns: 0, time: 0 }));
    return counters;
  }

  /** Every rule's counters, by rule id. */
  stats(): ReadonlyMap<string, MemoCounters> {
    return this.counters;
  }
}

/** The party names every table has (customer and provider words), and none of its own. */
const NO_TABLE_NAMES = new PartyNames([]);

/** How many row rests a run keeps before starting afresh. */
const MAX_RESTS = 20_000;

/** How many memo keys a run keeps before starting afresh (about 40 MB of tables). */
const MAX_TUPLES = 1_500_000;

/**
 * One value in a memo key of fact values: one letter tells the types apart (`n1` is not `s1:1`);
 * strings carry their length, so no value can fake a separator.
 */
export function valueKey(v: unknown): string {
  return typeof v === "string"
    ? `s${v.length}:${v}`
    : typeof v === "number"
      ? `n${v}`
      : typeof v === "boolean"
        ? v
          ? "t"
          : "f"
        : typeof v === "object"
          ? `o${JSON.stringify(v)}`
          : // Undefined, a bigint, a symbol or a function: their type and text tell them apart.
            // eslint-disable-next-line @typescript-eslint/no-base-to-string
            `${typeof v}${String(v)}`;
}

/** Where `v` falls among sorted constants: 2i below the i-th, 2i+1 equal to it, 2k above them all. */
export function bucketOf(v: number, constants: readonly number[]): string {
  if (Number.isNaN(v)) return "nan";
  for (let i = 0; i < constants.length; i++) {
    if (v < constants[i]!) return `b${2 * i}`;
    if (v === constants[i]) return `b${2 * i + 1}`;
  }
  return `b${2 * constants.length}`;
}
