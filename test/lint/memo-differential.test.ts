/**
 * Memoisation changes nothing: the same documents give the same findings, every field of them,
 * with the run's memo on and off (`new RaciLint({ memoize: false })`), and whatever was linted
 * before them in the process: other files, other schemes, the same file again (A, B, A).
 *
 * Documents: the shared Cloud Temple corpus (all of it), the bundled matrices, the rule fixtures,
 * the wild corpus, and the first pages of both bench corpora (made by the bench's generators).
 * Schemes: RACI, RASCI, RACI-VS and ARCI, a custom scheme ordered A, R, C, I. Rules, in ONE array
 * shared by every run: every built-in rule (opt-in ones too), and user rules generated from the
 * facts catalogue (test/fuzz/user-rules.ts): one per documented fact, one comparing facts, and per
 * scope one reading every fact, whose messages quote every fact.
 *
 * Memo off evaluates every subject afresh (several times the work), so not every combination runs
 * on every document, to keep this file near a minute on two cores. Under every scheme: the shared
 * corpus with the built-in rules (all of them under RACI, the recommended ones under the others);
 * the other documents with the built-in and generated rules (under the schemes other than RACI,
 * with 3 pages of each bench corpus); the rules reading every fact (never served from the memo, on
 * or off) on those with one page of each bench corpus.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { RaciLint } from "../../src/api/raci-lint.js";
import { defaultOptions, recommendedRules } from "../../src/config/presets.js";
import { SCHEMES } from "../../src/config/schemes.js";
import { builtInRules } from "../../src/engine/load-rules.js";
import { RunMemo } from "../../src/engine/memo.js";
import { lintText } from "../../src/index.js";
import { Linter, readWith } from "../../src/lint/linter.js";
import { compareFindings } from "../../src/model/finding.js";
import type { LintResult } from "../../src/model/result.js";
import { looksAcrossFiles, type ActiveRule } from "../../src/model/rule.js";
import { RACI, type RoleScheme } from "../../src/model/scheme.js";
import { INVALID_DIRECTIVE, UNUSED_DIRECTIVE } from "../../src/suppress/directives.js";
import { project } from "../cli/harness.js";
import { benchDocs, repositoryDocs, type Doc } from "../fuzz/corpora.js";
import { userRules } from "../fuzz/user-rules.js";

/** A custom scheme: RACI's codes and names, ordered A, R, C, I. */
const ARCI: RoleScheme = { ...RACI, name: "ARCI", codes: ["A", "R", "C", "I"].map((c) => RACI.codes.find((x) => x.code === c)!) };
/** The schemes, in the order the runs take them (each after the others, in one process). */
const SCHEME_LIST: RoleScheme[] = [RACI, ARCI, SCHEMES.RASCI!, SCHEMES["RACI-VS"]!];
/** Pages of each bench corpus (a prefix: the generators are deterministic). */
const BENCH_PAGES = 6;

/** Every built-in rule, opt-in ones included, at its default options and severity. */
const builtIn: ActiveRule[] = builtInRules().rules.map((rule) => ({ rule, severity: null, options: defaultOptions(rule) }));
/** The one rules array the runs below are given: built-in rules and generated rules over every scope's facts. */
const RULES: readonly ActiveRule[] = [...builtIn, ...userRules("per-fact")];
/** The recommended rules, for the shared corpus under the schemes other than RACI. */
const RECOMMENDED: readonly ActiveRule[] = recommendedRules();
/** User rules reading every fact of their scope (one per scope). */
const EVERY_FACT: readonly ActiveRule[] = userRules("every-fact");
const CORPUS_RULES = new Set(RULES.filter((r) => looksAcrossFiles(r.rule)).map((r) => r.rule.id));

let root: string;
/** Every document. */
let docs: Doc[];
/** The shared corpus. */
let shared: Doc[];
/** The rest, with fewer bench pages: what the generated rules see under every scheme. */
let slice: Doc[];
/** Fewer still (one page of each bench corpus): what the rules reading every fact see. */
let small: Doc[];

beforeAll(() => {
  docs = [...repositoryDocs(), ...benchDocs(BENCH_PAGES)];
  root = project(Object.fromEntries(docs.map((d) => [d.name, d.text])));
  shared = docs.filter((d) => d.name.startsWith("shared/"));
  slice = docs.filter((d) => !d.name.startsWith("shared/") && !/^bench-[ab]\/000[3-9]/u.test(d.name));
  small = slice.filter((d) => !/^bench-[ab]\/000[1-9]/u.test(d.name));
});

/** Each result as JSON, by document name (a result's path, and its findings' file, are given that name). */
function byDoc(results: readonly LintResult[], nameOf: (path: string) => string = (p) => p): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of results) {
    const name = nameOf(r.path);
    out.set(name, JSON.stringify(r).split(JSON.stringify(r.path)).join(JSON.stringify(name)));
  }
  return out;
}

/** A result's JSON without the findings of corpus-scope rules (they depend on which files are linted together). */
function withoutCorpusFindings(json: string): string {
  const result = JSON.parse(json) as LintResult;
  result.findings = result.findings.filter((f) => !CORPUS_RULES.has(f.ruleId));
  result.suppressed = (result.suppressed ?? []).filter((s) => !CORPUS_RULES.has(s.ruleId));
  return JSON.stringify(result);
}

/** A result's findings as linting found them, before directives and corpus-scope checks (from its JSON). */
function preDirective(json: string): string {
  const result = JSON.parse(json) as LintResult;
  const suppressed = (result.suppressed ?? []).map(({ suppression: _, ...finding }) => finding);
  const found = [...result.findings, ...suppressed].filter((f) => !CORPUS_RULES.has(f.ruleId) && f.ruleId !== INVALID_DIRECTIVE && f.ruleId !== UNUSED_DIRECTIVE);
  return JSON.stringify(found.sort(compareFindings));
}

/** Lints documents (files under `cwd`) with one setup, memo on or off; results as JSON by name. */
async function run(files: readonly Doc[] | readonly string[], scheme: RoleScheme, rules: readonly ActiveRule[], memoize: boolean, cwd = root): Promise<Map<string, string>> {
  const names = files.map((f) => (typeof f === "string" ? f : f.name));
  const results = await new RaciLint({ cwd, rules, scheme, memoize }).lintFiles(names);
  expect(results.length).toBe(names.length);
  return byDoc(results);
}

/** The first differing finding of a document, for a readable failure. */
function firstDifference(expected: string | undefined, actual: string | undefined): string {
  if (expected === undefined || actual === undefined) return "only one run has it";
  const a = JSON.parse(expected) as LintResult;
  const b = JSON.parse(actual) as LintResult;
  for (let i = 0; i < Math.max(a.findings.length, b.findings.length); i++) {
    const x = JSON.stringify(a.findings[i]);
    const y = JSON.stringify(b.findings[i]);
    if (x !== y) return `finding ${i}:\n  expected ${x}\n  actual   ${y}`;
  }
  return `suppressed: ${JSON.stringify(a.suppressed)} vs ${JSON.stringify(b.suppressed)}`;
}

/** Fails, naming the first documents that differ and how, unless both maps hold the same JSON. */
function expectSame(expected: ReadonlyMap<string, string>, actual: ReadonlyMap<string, string>, what: string): void {
  const names = [...new Set([...expected.keys(), ...actual.keys()])].filter((n) => expected.get(n) !== actual.get(n));
  const detail = names.slice(0, 3).map((n) => `${n}: ${firstDifference(expected.get(n), actual.get(n))}`);
  expect(names, `${what}: ${names.length} document(s) differ\n${detail.join("\n")}`).toEqual([]);
}

/** Memo-off results (the references), by scheme and document name. */
const reference = new Map<RoleScheme, Map<string, string>>();

/** The memo-off results of some documents under a scheme (computed once: the tests below start from these). */
async function referenceOf(scheme: RoleScheme, wanted: readonly Doc[]): Promise<Map<string, string>> {
  let ref = reference.get(scheme);
  if (!ref) reference.set(scheme, (ref = new Map()));
  const missing = wanted.filter((d) => !ref.has(d.name));
  if (missing.length) for (const [n, j] of await run(missing, scheme, RULES, false)) ref.set(n, j);
  return new Map(wanted.map((d) => [d.name, ref.get(d.name)!]));
}

describe("memo on and memo off give the same findings", () => {
  it.each(SCHEME_LIST.map((s) => [s.name, s] as const))("under %s: the shared corpus with the built-in rules, the rest with built-in and generated rules", async (_, scheme) => {
    // Opt-in rules too under RACI (code-style alone is a third of the memo-off time), the recommended ones under the others.
    const builtInSet = scheme === RACI ? builtIn : RECOMMENDED;
    expectSame(await run(shared, scheme, builtInSet, false), await run(shared, scheme, builtInSet, true), `${scheme.name}, shared corpus`);
    const rest = scheme === RACI ? docs.filter((d) => !d.name.startsWith("shared/")) : slice;
    expectSame(await referenceOf(scheme, rest), await run(rest, scheme, RULES, true), `${scheme.name}, memo on vs off`);
  });

  it.each(SCHEME_LIST.map((s) => [s.name, s] as const))("under %s: rules reading every fact at once", async (_, scheme) => {
    const off = await run(small, scheme, EVERY_FACT, false);
    const on = await run(small, scheme, EVERY_FACT, true);
    expectSame(off, on, `every-fact rules, ${scheme.name}, memo on vs off`);
    // The rules fire, and not on everything.
    const findings = [...on.values()].map((j) => (JSON.parse(j) as LintResult).findings.length).reduce((a, b) => a + b, 0);
    expect(findings).toBeGreaterThan(100);
  });
});

describe("findings do not depend on what the process linted before", () => {
  it("every document but the shared corpus twice in one run, in reverse order the second time (A, B, ..., B, A)", async () => {
    // Files are linted in path order: number them so that the run reads the documents forwards, then backwards.
    const order = [...slice, ...[...slice].reverse()];
    const files: Record<string, string> = {};
    const nameOf = new Map<string, { name: string; copy: number }>();
    order.forEach((d, i) => {
      const path = `${String(i).padStart(4, "0")}-${d.name.replace(/\//gu, "__")}`;
      files[path] = d.text;
      nameOf.set(path, { name: d.name, copy: i < slice.length ? 1 : 2 });
    });
    const seen = await run(Object.keys(files), RACI, RULES, true, project(files));
    // Corpus-scope findings change, rightly, when every activity is in two files.
    const expected = new Map([...(await referenceOf(RACI, slice))].map(([n, j]) => [n, withoutCorpusFindings(j)]));
    for (const copy of [1, 2]) {
      const actual = new Map<string, string>();
      for (const [path, json] of seen) {
        const { name, copy: c } = nameOf.get(path)!;
        if (c === copy) actual.set(name, withoutCorpusFindings(json.split(JSON.stringify(path)).join(JSON.stringify(name))));
      }
      expectSame(expected, actual, `copy ${copy}`);
    }
  });

  it("one run holding the four schemes' setups, file by file (as a run over folders configured differently)", async () => {
    // lintFiles gives each configuration its own Linter, all sharing the run's memo: the same here.
    const memo = new RunMemo({ memoize: true });
    const corpora = new Map();
    const linters = SCHEME_LIST.map((scheme) => {
      // As the façade sets it up: the scheme given is used whatever a document names.
      const setup = { rules: RULES, scheme, schemeConfigured: true };
      return { scheme, setup, linter: new Linter(setup, memo, corpora) };
    });
    for (const [i, doc] of slice.entries()) {
      // Each document under every scheme, starting from a different one each time.
      for (let k = 0; k < linters.length; k++) {
        const { scheme, setup, linter } = linters[(i + k) % linters.length]!;
        const found = await linter.lint(readWith(doc.text, doc.name, setup, memo));
        const expected = preDirective((await referenceOf(scheme, [doc])).get(doc.name)!);
        const actual = JSON.stringify(found.filter((f) => !CORPUS_RULES.has(f.ruleId)));
        if (actual !== expected)
          expect(`${doc.name} under ${scheme.name}: ${firstDifference(JSON.stringify({ findings: JSON.parse(expected) }), JSON.stringify({ findings: JSON.parse(actual) }))}`).toBe("");
      }
    }
  });

  it("one document at a time through the library, schemes in turn (S1, S2, S1), one rules array", async () => {
    const refs = new Map<RoleScheme, Map<string, string>>();
    for (const scheme of SCHEME_LIST) refs.set(scheme, await referenceOf(scheme, small));
    for (const [i, doc] of small.entries()) {
      // Each document under two schemes, then the first again, starting from a different scheme each time.
      for (const scheme of [SCHEME_LIST[i % 4]!, SCHEME_LIST[(i + 1) % 4]!, SCHEME_LIST[i % 4]!]) {
        const result = await lintText(doc.text, { filename: doc.name, rules: RULES, scheme });
        // lintText keeps the matrix and its source; the reference runs keep neither.
        const { path, findings, suppressed } = JSON.parse(refs.get(scheme)!.get(doc.name)!) as LintResult;
        const expected = withoutCorpusFindings(JSON.stringify({ path, findings, suppressed }));
        const actual = withoutCorpusFindings(JSON.stringify({ path: result.path, findings: result.findings, suppressed: result.suppressed }));
        if (actual !== expected) expect(`${doc.name} under ${scheme.name}: ${firstDifference(expected, actual)}`).toBe("");
      }
    }
  });
});

describe("the cases that once failed", () => {
  const AR = "| Activity | Client | Provider |\n|---|---|---|\n| Do it | AR | I |\n";
  const CS = "| Activity | Client | Provider |\n|---|---|---|\n| Run | CS | RA |\n";
  const order = (r: LintResult) => r.findings.filter((f) => f.ruleId === "code-order").map((f) => f.message);

  it("RACI then ARCI with one rules array: AR is in order under ARCI", async () => {
    const rules = recommendedRules();
    expect(order(await lintText(AR, { filename: "x.md", rules }))).toEqual(['Codes "AR" are out of order: write "RA".']);
    expect(order(await lintText(AR, { filename: "x.md", rules, scheme: ARCI }))).toEqual([]);
    expect(order(await lintText(AR, { filename: "x.md", rules }))).toEqual(['Codes "AR" are out of order: write "RA".']);
  });

  it("RASCI then RACI-VS with one rules array: CS is in order under RACI-VS", async () => {
    const rules = recommendedRules();
    expect(order(await lintText(CS, { filename: "x.md", rules, scheme: "RASCI" }))).toEqual(['Codes "CS" are out of order: write "SC".']);
    expect(order(await lintText(CS, { filename: "x.md", rules, scheme: "RACI-VS" }))).toEqual([]);
    expect(order(await lintText(CS, { filename: "x.md", rules, scheme: "RASCI" }))).toEqual(['Codes "CS" are out of order: write "SC".']);
  });

  describe("a JSON matrix whose codes miss a party, linted with one whose value for it is unreadable", () => {
    const a = '{"parties":[{"name":"C"},{"name":"P"}],"sections":[{"title":"S","activities":[{"activity":"x","codes":{"C":1,"P":"RA"}}]}]}';
    const b = '{"parties":[{"name":"C"},{"name":"P"}],"sections":[{"title":"S","activities":[{"activity":"x","codes":{"Z":"R","P":"RA"}}]}]}';
    const brief = (r: LintResult) => r.findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`);

    it("B alone, after A, and before A reads the same; A reads the same alone and after B", async () => {
      const dir = project({ "a.json": a, "b.json": b, "order/1-b.json": b, "order/2-a.json": a });
      const lint = async (...files: string[]) => new RaciLint({ cwd: dir, rules: recommendedRules(), scheme: RACI }).lintFiles(files);
      const [bAlone] = await lint("b.json");
      const [aAlone] = await lint("a.json");
      expect(brief(bAlone!).filter((l) => l.includes("no-ragged-row"))).toEqual([
        '1:79 no-ragged-row Activity "x" gives no codes for C: a missing entry is not taken as empty (write "" for no role).',
      ]);
      expect(brief(aAlone!).some((l) => l.includes("no-ragged-row"))).toBe(false);
      const [aFirst, bSecond] = await lint("a.json", "b.json");
      expect(brief(bSecond!)).toEqual(brief(bAlone!));
      expect(brief(aFirst!)).toEqual(brief(aAlone!));
      const [bFirst, aSecond] = await lint("order/1-b.json", "order/2-a.json");
      expect(brief(bFirst!)).toEqual(brief(bAlone!));
      // No finding about an empty party name, nor any other than A's own.
      expect(brief(aSecond!)).toEqual(brief(aAlone!));
    });
  });
});
