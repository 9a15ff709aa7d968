/**
 * The responsibility diff between two revisions of a matrix: which sections and activities were
 * added, removed, moved or renamed, which codes changed per party, and which changes shift
 * responsibility between the customer and the provider. Pure: matrices in, a diff out.
 *
 * Matching, in order: sections by title, then sections left over that sit at the same place and
 * hold the same activities (renamed); activities by their text inside matched sections (kept), by
 * their text across sections (moved), then by similar text at the same place of a section
 * (renamed); the rest are added or removed. Reformatting (emphasis, padding, `<br/>`, column
 * order) changes nothing; a footnote marker after the codes (`RA*`) is an annotation, not a code.
 */
import type { Activity, Cell, Matrix, Party } from "../model/matrix.js";
import { canonicalOrder, type RoleScheme } from "../model/scheme.js";
import { activityKey, nameKey, plainText } from "../model/text.js";

/** Where an activity or section is, on one side. */
export interface DiffPlace {
  name: string;
  section: string;
  line: number;
}

/** One party's codes before and after. */
export interface CodeChange {
  party: string;
  role: string | null;
  old: string;
  new: string;
}

/** A change that moves responsibility between the customer and the provider. */
export interface Shift {
  kind: "accountable-moved" | "customer-left-out";
  /** What happened, in words: `A moved from the customer (Client) to the provider (Cloud Temple)`. */
  message: string;
}

/** What happened to one activity. */
export interface ActivityChange {
  change: "added" | "removed" | "moved" | "renamed" | "changed" | "annotated";
  old: DiffPlace | null;
  new: DiffPlace | null;
  /** Parties whose codes differ (kept, moved and renamed activities); an added or removed activity's codes, one entry per party that has some. */
  codes: CodeChange[];
  /** Parties whose codes are the same but whose footnote marker changed (`RA` -> `RA*`). */
  annotations: CodeChange[];
  shifts: Shift[];
}

/** What happened to one section. */
export interface SectionChange {
  change: "added" | "removed" | "renamed";
  old: { title: string; line: number } | null;
  new: { title: string; line: number } | null;
}

/** The diff of one file. */
export interface FileDiff {
  /** The file as reported (the new side's name, or the old one's for a removed file). */
  path: string;
  oldPath: string | null;
  newPath: string | null;
  status: "added" | "removed" | "changed" | "unchanged";
  sections: SectionChange[];
  /** Changed activities, in the order of the new file (removed ones by the old file's order, after). */
  activities: ActivityChange[];
  /** Parties only one side has. */
  parties: { change: "added" | "removed"; name: string; role: string | null }[];
}

/** The diff of a set of files. */
export interface MatrixDiff {
  files: FileDiff[];
  summary: {
    files: number;
    changedFiles: number;
    shifts: number;
    added: number;
    removed: number;
    moved: number;
    renamed: number;
    changed: number;
    annotated: number;
  };
}

/** One side's activity, as the matching sees it. */
interface Entry {
  activity: Activity;
  /** Index into the side's `sections` list (sections that hold activities). */
  section: number;
  key: string;
  matched: Entry | null;
}

/** One side's section that holds activities. */
interface SectionEntry {
  title: string;
  key: string;
  line: number;
  entries: Entry[];
  matched: SectionEntry | null;
}

/** The comparison key of an activity: its text without formatting, `<br/>` read as a space. */
function keyOf(activity: Activity): string {
  return activityKey(activity.name.replace(/<br\s*\/?>/giu, " "));
}

/** The text of an activity as listed: formatting and `<br/>` removed. */
function shown(text: string): string {
  return plainText(text.replace(/<br\s*\/?>/giu, " "));
}

/** The sections of a matrix that hold activities, each with its activities in order. */
function sectionsOf(matrix: Matrix | null): SectionEntry[] {
  if (!matrix) return [];
  const byIndex = new Map<number, SectionEntry>();
  const out: SectionEntry[] = [];
  for (const activity of matrix.activities) {
    let section = byIndex.get(activity.section);
    if (!section) {
      const s = matrix.sections[activity.section]!;
      section = { title: s.title, key: nameKey(shown(s.title)), line: s.span?.start.line ?? activity.span.start.line, entries: [], matched: null };
      byIndex.set(activity.section, section);
      out.push(section);
    }
    section.entries.push({ activity, section: out.indexOf(section), key: keyOf(activity), matched: null });
  }
  return out;
}

/** How alike two texts are: the share of their words they have in common (Dice), 0..1. */
export function textSimilarity(a: string, b: string): number {
  const words = (t: string) =>
    new Set(
      nameKey(shown(t))
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length > 0),
    );
  const x = words(a);
  const y = words(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return (2 * common) / (x.size + y.size);
}

/** Below this similarity two texts at the same place are not the same activity renamed. */
const RENAMED = 0.5;
/** More cells than this in a section pair's grid: activities kept are found in order, without the longest common subsequence. */
const MAX_GRID = 4_000_000;

/** The longest common subsequence of two key lists, as index pairs. */
function commonSubsequence(a: readonly string[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_GRID) {
    // Too large to tabulate: keep equal keys in order, greedily.
    const out: [number, number][] = [];
    let j = 0;
    for (let i = 0; i < n && j < m; i++) {
      const found = b.indexOf(a[i]!, j);
      if (found >= 0) {
        out.push([i, found]);
        j = found + 1;
      }
    }
    return out;
  }
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] = a[i] === b[j] ? table[(i + 1) * width + j + 1]! + 1 : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push([i++, j++]);
    } else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) i++;
    else j++;
  }
  return out;
}

/**
 * The stretches between matched items of two ordered lists: for each, the unmatched items of each
 * side that lie between the same two matched pairs (or before the first, after the last).
 */
function gaps<T>(a: readonly T[], b: readonly T[], anchors: readonly [number, number][]): [T[], T[]][] {
  const out: [T[], T[]][] = [];
  let i = 0;
  let j = 0;
  for (const [x, y] of [...anchors, [a.length, b.length] as [number, number]]) {
    out.push([a.slice(i, x), b.slice(j, y)]);
    i = x + 1;
    j = y + 1;
  }
  return out;
}

/** Matches sections: by title, then leftovers between the same matched neighbours that hold the same activities or have a similar title (renamed). */
function matchSections(old: SectionEntry[], next: SectionEntry[]): void {
  const anchors = commonSubsequence(
    old.map((s) => s.key),
    next.map((s) => s.key),
  );
  for (const [i, j] of anchors) {
    old[i]!.matched = next[j]!;
    next[j]!.matched = old[i]!;
  }
  for (const [gapOld, gapNew] of gaps(old, next, anchors)) {
    for (const o of gapOld) {
      const candidate = gapNew.find((n) => !n.matched && (sharedActivities(o, n) >= 0.5 || textSimilarity(o.title, n.title) >= RENAMED));
      if (candidate) {
        o.matched = candidate;
        candidate.matched = o;
      }
    }
  }
}

/** The share of activities two sections have in common (by text), 0..1. */
function sharedActivities(a: SectionEntry, b: SectionEntry): number {
  const keys = new Set(a.entries.map((e) => e.key));
  const common = b.entries.filter((e) => keys.has(e.key)).length;
  return common / Math.max(a.entries.length, b.entries.length, 1);
}

/** Matches activities: kept (same text, same section, in order), moved (same text elsewhere), renamed (similar text at the same place). */
function matchActivities(old: SectionEntry[], next: SectionEntry[]): Map<Entry, "kept" | "moved" | "renamed"> {
  const how = new Map<Entry, "kept" | "moved" | "renamed">();
  const pair = (o: Entry, n: Entry, kind: "kept" | "moved" | "renamed") => {
    o.matched = n;
    n.matched = o;
    how.set(n, kind);
  };
  for (const o of old) {
    if (!o.matched) continue;
    const a = o.entries;
    const b = o.matched.entries;
    for (const [i, j] of commonSubsequence(
      a.map((e) => e.key),
      b.map((e) => e.key),
    ))
      pair(a[i]!, b[j]!, "kept");
  }
  // The same text elsewhere (another section, or another place in its section): moved.
  const waiting = new Map<string, Entry[]>();
  for (const s of next) for (const e of s.entries) if (!e.matched) waiting.set(e.key, [...(waiting.get(e.key) ?? []), e]);
  for (const s of old) {
    for (const e of s.entries) {
      if (e.matched) continue;
      const list = waiting.get(e.key);
      const n = list?.shift();
      if (n) pair(e, n, "moved");
    }
  }
  // Similar text between the same kept neighbours of a matched section pair: renamed.
  for (const o of old) {
    if (!o.matched) continue;
    const a = o.entries;
    const b = o.matched.entries;
    const kept: [number, number][] = [];
    a.forEach((e, i) => {
      if (e.matched && how.get(e.matched) === "kept") kept.push([i, b.indexOf(e.matched)]);
    });
    for (const [gapOld, gapNew] of gaps(a, b, kept)) {
      const candidates: { o: Entry; n: Entry; score: number }[] = [];
      for (const x of gapOld) {
        if (x.matched) continue;
        for (const y of gapNew) {
          if (y.matched) continue;
          const score = textSimilarity(x.activity.name, y.activity.name);
          if (score >= RENAMED) candidates.push({ o: x, n: y, score });
        }
      }
      // Most similar first; ties in document order (the sort is stable).
      candidates.sort((p, q) => q.score - p.score);
      for (const c of candidates) if (!c.o.matched && !c.n.matched) pair(c.o, c.n, "renamed");
    }
  }
  return how;
}

/** A cell's distinct valid codes in the scheme's order (empty for no cell). */
function codesOf(cell: Cell | null | undefined, scheme: RoleScheme): string {
  return cell ? canonicalOrder([...new Set(cell.codes)], scheme).join("") : "";
}

/** A cell's codes as written for listing: the codes, then its footnote marker. */
function annotated(cell: Cell | null | undefined, scheme: RoleScheme): string {
  return cell ? codesOf(cell, scheme) + (cell.codes.length > 0 ? cell.style.marker : "") : "";
}

/** The parties of two revisions matched: by name, then by a role each side has once. Unmatched ones are -1 on the other side. */
function matchParties(old: readonly Party[], next: readonly Party[]): [number, number][] {
  const pairs: [number, number][] = [];
  const usedOld = new Set<number>();
  const usedNew = new Set<number>();
  old.forEach((p, i) => {
    const j = next.findIndex((q, k) => !usedNew.has(k) && nameKey(q.name) === nameKey(p.name));
    if (j >= 0) {
      pairs.push([i, j]);
      usedOld.add(i);
      usedNew.add(j);
    }
  });
  for (const role of ["customer", "provider", "third-party"] as const) {
    const a = old.flatMap((p, i) => (p.role === role && !usedOld.has(i) ? [i] : []));
    const b = next.flatMap((p, j) => (p.role === role && !usedNew.has(j) ? [j] : []));
    if (a.length === 1 && b.length === 1) {
      pairs.push([a[0]!, b[0]!]);
      usedOld.add(a[0]!);
      usedNew.add(b[0]!);
    }
  }
  old.forEach((_, i) => usedOld.has(i) || pairs.push([i, -1]));
  next.forEach((_, j) => usedNew.has(j) || pairs.push([-1, j]));
  return pairs;
}

/** A party as listed: `the customer (Client)`. */
function who(role: string | null, name: string): string {
  return role === "customer" || role === "provider" ? `the ${role} (${name})` : name;
}

/** What changed in a kept activity's cells, and whether that shifts responsibility. */
function cellChanges(o: Activity, n: Activity, parties: readonly [number, number][], old: Matrix, next: Matrix, scheme: RoleScheme): Pick<ActivityChange, "codes" | "annotations" | "shifts"> {
  const codes: CodeChange[] = [];
  const annotations: CodeChange[] = [];
  const accountable = { old: new Set<string>(), new: new Set<string>() };
  const shifts: Shift[] = [];
  let customer: { name: string; old: string; new: string } | null = null;
  for (const [i, j] of parties) {
    const party = j >= 0 ? next.parties[j]! : old.parties[i]!;
    const role = (j >= 0 ? next.parties[j]!.role : null) ?? (i >= 0 ? old.parties[i]!.role : null);
    const before = i >= 0 ? o.cells[i] : null;
    const after = j >= 0 ? n.cells[j] : null;
    const was = codesOf(before, scheme);
    const is = codesOf(after, scheme);
    if (!before && !after) continue;
    if (was !== is) codes.push({ party: party.name, role, old: was, new: is });
    else if (annotated(before, scheme) !== annotated(after, scheme)) annotations.push({ party: party.name, role, old: annotated(before, scheme), new: annotated(after, scheme) });
    if (role === "customer" || role === "provider") {
      if (was.includes(scheme.accountable)) accountable.old.add(`${role}\u0000${party.name}`);
      if (is.includes(scheme.accountable)) accountable.new.add(`${role}\u0000${party.name}`);
    }
    if (role === "customer" && !customer) customer = { name: party.name, old: was, new: is };
  }
  const holders = (set: Set<string>, role: string) => [...set].filter((k) => k.startsWith(`${role}\u0000`)).map((k) => k.slice(role.length + 1));
  const A = scheme.accountable;
  for (const [from, to] of [
    ["customer", "provider"],
    ["provider", "customer"],
  ] as const) {
    const gaveUp = holders(accountable.old, from);
    const gained = holders(accountable.new, to).filter((name) => !holders(accountable.old, to).includes(name));
    if (gaveUp.length === 0 || gained.length === 0) continue;
    const kept = holders(accountable.new, from);
    const message =
      kept.length === 0
        ? `${A} moved from ${who(from, gaveUp.join(", "))} to ${who(to, gained.join(", "))}`
        : `${who(to, gained.join(", "))} is now Accountable (${A}) too, with ${who(from, kept.join(", "))}`;
    shifts.push({ kind: "accountable-moved", message });
  }
  if (customer && customer.old !== "" && customer.new === "") shifts.push({ kind: "customer-left-out", message: `${who("customer", customer.name)} is left out (it was ${customer.old})` });
  return { codes, annotations, shifts };
}

/** The codes an added (`side` new) or removed (old) activity gives each party, as changes from or to nothing. */
function codesGiven(activity: Activity, matrix: Matrix, scheme: RoleScheme, side: "old" | "new"): CodeChange[] {
  const out: CodeChange[] = [];
  activity.cells.forEach((cell, p) => {
    const codes = codesOf(cell, scheme);
    if (codes === "") return;
    const party = matrix.parties[p]!;
    out.push({ party: party.name, role: party.role, old: side === "old" ? codes : "", new: side === "new" ? codes : "" });
  });
  return out;
}

/** The place of an activity on one side. */
function placeOf(e: Entry, sections: readonly SectionEntry[]): DiffPlace {
  return { name: shown(e.activity.name), section: shown(sections[e.section]!.title), line: e.activity.span.start.line };
}

/** The diff of one file's two revisions (null: the file is not on that side). */
export function diffMatrices(path: string, old: Matrix | null, next: Matrix | null): FileDiff {
  // Codes are compared as sets, listed in the order of the newer side's scheme.
  const scheme = (next ?? old)?.scheme;
  const oldSections = sectionsOf(old);
  const newSections = sectionsOf(next);
  matchSections(oldSections, newSections);
  const how = matchActivities(oldSections, newSections);
  const parties = old && next ? matchParties(old.parties, next.parties) : [];
  const sections: SectionChange[] = [];
  for (const s of newSections) {
    if (!s.matched) sections.push({ change: "added", old: null, new: { title: shown(s.title), line: s.line } });
    else if (s.matched.key !== s.key) sections.push({ change: "renamed", old: { title: shown(s.matched.title), line: s.matched.line }, new: { title: shown(s.title), line: s.line } });
  }
  for (const s of oldSections) if (!s.matched) sections.push({ change: "removed", old: { title: shown(s.title), line: s.line }, new: null });
  const activities: ActivityChange[] = [];
  for (const s of newSections) {
    for (const e of s.entries) {
      const place = placeOf(e, newSections);
      if (!e.matched) {
        activities.push({ change: "added", old: null, new: place, codes: codesGiven(e.activity, next!, scheme!, "new"), annotations: [], shifts: [] });
        continue;
      }
      const kind = how.get(e)!;
      const cells = cellChanges(e.matched.activity, e.activity, parties, old!, next!, scheme!);
      const change = kind === "moved" ? "moved" : kind === "renamed" ? "renamed" : cells.codes.length > 0 ? "changed" : cells.annotations.length > 0 ? "annotated" : null;
      if (change) activities.push({ change, old: placeOf(e.matched, oldSections), new: place, ...cells });
    }
  }
  for (const s of oldSections) {
    for (const e of s.entries)
      if (!e.matched) activities.push({ change: "removed", old: placeOf(e, oldSections), new: null, codes: codesGiven(e.activity, old!, scheme!, "old"), annotations: [], shifts: [] });
  }
  const partyChanges: FileDiff["parties"] = [];
  const named = (list: readonly Party[], i: number) => list[i]!;
  for (const [i, j] of parties) {
    // A party only named in the other side's tables that hold no activity is no change.
    if (i < 0 && next!.activities.some((a) => a.cells[j])) partyChanges.push({ change: "added", name: named(next!.parties, j).name, role: named(next!.parties, j).role });
    if (j < 0 && old!.activities.some((a) => a.cells[i])) partyChanges.push({ change: "removed", name: named(old!.parties, i).name, role: named(old!.parties, i).role });
  }
  const status =
    !old || oldSections.length === 0
      ? newSections.length
        ? "added"
        : "unchanged"
      : !next || newSections.length === 0
        ? "removed"
        : sections.length || activities.length || partyChanges.length
          ? "changed"
          : "unchanged";
  return { path, oldPath: old?.file ?? null, newPath: next?.file ?? null, status, sections, activities, parties: partyChanges };
}

/** The diff of several files, with its counts. */
export function diffSummary(files: FileDiff[]): MatrixDiff {
  const count = (change: ActivityChange["change"]) => files.reduce((n, f) => n + f.activities.filter((a) => a.change === change).length, 0);
  return {
    files,
    summary: {
      files: files.length,
      changedFiles: files.filter((f) => f.status !== "unchanged").length,
      shifts: files.reduce((n, f) => n + f.activities.reduce((m, a) => m + a.shifts.length, 0), 0),
      added: count("added"),
      removed: count("removed"),
      moved: count("moved"),
      renamed: count("renamed"),
      changed: count("changed"),
      annotated: count("annotated"),
    },
  };
}
