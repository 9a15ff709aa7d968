/**
 * Rule fixtures, the way markdownlint keeps them: every file under test/rules/ is a matrix whose
 * lines carry the findings expected on them (`<!-- expect: code-order@16 -->`, in YAML
 * `# expect: no-ragged-row@9`). The rule a fixture is named after runs alone, and its findings must
 * be exactly the markers: a missing or an extra one fails. Every built-in rule has a fixture with
 * findings and a clean one, and each check of every rule fires somewhere; a `.fixed` companion gives
 * the text `--fix` makes of its fixture. See README.md here.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { builtInRules, defaultOptions, fixText, lintFiles, lintText, recommendedRules, SCHEMES, type ActiveRule, type Finding, type LintSetup, type Severity } from "../../src/index.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const RULES = new Map(builtInRules().rules.map((r) => [r.id, r]));

/** The formats a fixture may be written in, and how each writes a marker and the settings line. */
const SYNTAX = {
  ".md": { marker: /[ \t]*<!--[ \t]*expect:(.*?)-->[ \t]*$/u, settings: /^<!--[ \t]*fixture:(.*?)-->[ \t]*$/u },
  ".yaml": { marker: /[ \t]*#[ \t]*expect:(.*)$/u, settings: /^#[ \t]*fixture:(.*)$/u },
} as const;
type Extension = keyof typeof SYNTAX;
/** A marker left in the text once trailing ones are stripped: one not at the end of its line. */
const STRAY_MARKER = /<!--[ \t]*expect:|#[ \t]*expect:/u;
/** `rule@column` or `rule@line:column`, either with `:severity`. */
const ENTRY = /^([a-z][a-z0-9-]*)@(?:(\d+):)?(\d+)(?::(error|warning|info))?$/u;

/** One expected finding. */
interface Expected {
  rule: string;
  line: number;
  column: number;
  severity: Severity;
}

/** One file of a fixture, as linted (markers and settings line removed) and as expected. */
interface FixtureFile {
  name: string;
  text: string;
  expected: Expected[];
}

/** What the settings line (`<!-- fixture: {...} -->`, first line only) may say. */
interface Settings {
  options?: Record<string, unknown>;
  scheme?: string;
}

/** A fixture: one file, or a folder whose files are linted together (corpus-scope rules). */
interface Fixture {
  /** The path under test/rules/; files are named by their path there in findings. */
  name: string;
  ruleId: string;
  /** `<rule-id>[.<variant>].clean.md`, `<rule-id>.clean/`: no finding expected. */
  clean: boolean;
  folder: boolean;
  files: FixtureFile[];
  settings: Settings;
  /** The text `--fix` should make of a one-file fixture (its `.fixed` companion), if it has one. */
  fixed: string | null;
}

/** The severity a marker means when it names none: the rule's own (checks that differ write theirs). */
const defaultSeverity = (rule: string): Severity => RULES.get(rule)?.severity ?? "error";

/** Reads one fixture file: strips its markers and settings line, keeping every other position as it was. */
function readFixtureFile(path: string, name: string): { file: FixtureFile; settings: Settings | null } {
  const syntax = SYNTAX[extname(path) as Extension];
  const lines = readFileSync(path, "utf8").split("\n");
  const expected: Expected[] = [];
  let settings: Settings | null = null;
  const first = syntax.settings.exec(lines[0] ?? "");
  if (first) {
    settings = JSON.parse(first[1]!) as Settings;
    const unknown = Object.keys(settings).filter((k) => k !== "options" && k !== "scheme");
    if (unknown.length) throw new Error(`${name}:1: unknown fixture setting ${unknown.join(", ")} (options, scheme)`);
    // The line stays, empty, so that line numbers are the fixture file's.
    lines[0] = "";
  }
  lines.forEach((text, index) => {
    const marker = syntax.marker.exec(text);
    if (!marker) return;
    lines[index] = text.slice(0, marker.index);
    for (const entry of marker[1]!.split(",")) {
      const m = ENTRY.exec(entry.trim());
      if (!m) throw new Error(`${name}:${index + 1}: cannot read marker entry "${entry.trim()}" (rule@column or rule@line:column, optionally :severity)`);
      const rule = m[1]!;
      expected.push({ rule, line: m[2] ? Number(m[2]) : index + 1, column: Number(m[3]), severity: (m[4] as Severity | undefined) ?? defaultSeverity(rule) });
    }
  });
  const stray = lines.findIndex((l) => STRAY_MARKER.test(l));
  if (stray >= 0) throw new Error(`${name}:${stray + 1}: a marker must end its line`);
  return { file: { name, text: lines.join("\n"), expected }, settings };
}

/** Every fixture under test/rules/, files and folders, by name; `.fixed` companions are attached to theirs. */
function discover(): Fixture[] {
  const fixtures: Fixture[] = [];
  const companions = new Map<string, string>();
  for (const entry of readdirSync(HERE).sort()) {
    const path = join(HERE, entry);
    const folder = statSync(path).isDirectory();
    if (!folder && (entry === "README.md" || !(extname(entry) in SYNTAX))) continue;
    const parts = (folder ? entry : entry.slice(0, -extname(entry).length)).split(".");
    if (!folder && parts.includes("fixed")) {
      companions.set(entry.replace(".fixed.", "."), entry);
      continue;
    }
    const read = folder
      ? readdirSync(path)
          .filter((f) => extname(f) in SYNTAX)
          .sort()
          .map((f) => readFixtureFile(join(path, f), `${entry}/${f}`))
      : [readFixtureFile(path, entry)];
    const late = read.findIndex((r, i) => i > 0 && r.settings);
    if (late > 0) throw new Error(`${read[late]!.file.name}: only a folder's first file may have a settings line`);
    fixtures.push({ name: entry, ruleId: parts[0]!, clean: parts.includes("clean"), folder, files: read.map((r) => r.file), settings: read[0]?.settings ?? {}, fixed: null });
  }
  for (const [base, companion] of companions) {
    const fixture = fixtures.find((f) => f.name === base && !f.folder);
    if (!fixture) throw new Error(`${companion}: no fixture ${base} beside it`);
    const { file } = readFixtureFile(join(HERE, companion), companion);
    if (file.expected.length) throw new Error(`${companion}: a .fixed file holds the fixed text, without markers`);
    fixture.fixed = file.text;
  }
  return fixtures;
}

/** The rule a fixture tests, alone, as the recommended preset runs it (an opt-in rule with its defaults), with the fixture's options. */
function activeRule(fixture: Fixture): ActiveRule {
  const rule = RULES.get(fixture.ruleId);
  if (!rule) throw new Error(`${fixture.name}: "${fixture.ruleId}" is not a built-in rule id`);
  const base = recommendedRules().find((r) => r.rule.id === rule.id) ?? { rule, severity: null, options: defaultOptions(rule) };
  const options = fixture.settings.options;
  if (!options) return base;
  // A misspelt option would otherwise leave the rule at its defaults, and the fixture testing nothing new.
  const validate = new Ajv({ allErrors: true, strict: false }).compile(rule.options?.schema ?? { type: "object", additionalProperties: false });
  if (!validate(options)) throw new Error(`${fixture.name}: fixture options: ${JSON.stringify(validate.errors)}`);
  return { ...base, options: { ...base.options, ...options } };
}

/** The lint setup of a fixture: its rule alone, and its scheme. */
function setupOf(fixture: Fixture): LintSetup {
  const name = fixture.settings.scheme ?? "RACI";
  const scheme = SCHEMES[name];
  if (!scheme) throw new Error(`${fixture.name}: unknown scheme "${name}"`);
  return { rules: [activeRule(fixture)], scheme };
}

const findingsCache = new Map<Fixture, Promise<Map<string, Finding[]>>>();

/** A fixture's findings by file (linted once, shared by the tests below). */
function findingsOf(fixture: Fixture): Promise<Map<string, Finding[]>> {
  let found = findingsCache.get(fixture);
  if (!found) {
    found = lintFixture(fixture);
    findingsCache.set(fixture, found);
  }
  return found;
}

/** Lints a fixture's stripped text with its rule alone: a file by itself, a folder's files together. */
async function lintFixture(fixture: Fixture): Promise<Map<string, Finding[]>> {
  const setup = setupOf(fixture);
  if (!fixture.folder) {
    const file = fixture.files[0]!;
    const result = await lintText(file.text, { filename: file.name, rules: setup.rules, scheme: setup.scheme });
    return new Map([[file.name, result.findings]]);
  }
  // Linted together in one run, so that corpus-scope checks compare the folder's files: the library
  // lints several files from disk only, so the stripped texts are written to a scratch folder.
  const scratch = mkdtempSync(join(tmpdir(), "raci-lint-fixtures-"));
  try {
    mkdirSync(join(scratch, fixture.name));
    for (const file of fixture.files) writeFileSync(join(scratch, file.name), file.text);
    const results = await lintFiles(
      fixture.files.map((f) => f.name),
      { cwd: scratch, rules: setup.rules, scheme: setup.scheme },
    );
    return new Map(results.map((r) => [r.path, r.findings]));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** How a finding and a marker are compared: place, rule and severity. */
const keyOf = (f: { rule: string; line: number; column: number; severity: Severity }) => `${f.line}:${f.column} ${f.rule} ${f.severity}`;

/** The differences between a file's markers and its findings, one line each. */
function differences(file: FixtureFile, findings: readonly Finding[]): string[] {
  const left = new Map<string, number>();
  for (const e of file.expected) left.set(keyOf(e), (left.get(keyOf(e)) ?? 0) + 1);
  const out: string[] = [];
  for (const f of findings) {
    const key = keyOf({ rule: f.ruleId, line: f.line, column: f.column, severity: f.severity });
    const count = left.get(key) ?? 0;
    if (count > 0) left.set(key, count - 1);
    else out.push(`${file.name}:${key}: extra finding: ${f.message}`);
  }
  for (const [key, count] of left) for (let i = 0; i < count; i++) out.push(`${file.name}:${key}: missing finding`);
  return out;
}

/** A message template as a pattern: each `{{fact}}` stands for any text. */
function templatePattern(template: string): RegExp {
  const parts = template.split(/\{\{\s*[A-Za-z][A-Za-z0-9]*\s*\}\}/u).map((p) => p.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&"));
  return new RegExp(`^${parts.join(".*")}$`, "su");
}

const fixtures = discover();

describe("test/rules fixtures", () => {
  it("are named after built-in rules; clean ones have no marker, the others at least one", () => {
    const problems: string[] = [];
    for (const f of fixtures) {
      if (!RULES.has(f.ruleId)) problems.push(`${f.name}: "${f.ruleId}" is not a built-in rule id`);
      if (f.files.length === 0) problems.push(`${f.name}: an empty folder`);
      const markers = f.files.reduce((n, file) => n + file.expected.length, 0);
      if (f.clean && markers > 0) problems.push(`${f.name}: a clean fixture with ${markers} markers`);
      if (!f.clean && markers === 0) problems.push(`${f.name}: no marker (name it ${f.ruleId}.clean... if no finding is expected)`);
    }
    expect(problems).toEqual([]);
  });

  it("cover every built-in rule with a fixture with findings and a clean one", () => {
    const missing: string[] = [];
    for (const id of RULES.keys()) {
      if (!fixtures.some((f) => f.ruleId === id && !f.clean)) missing.push(`${id}: no fixture with findings`);
      if (!fixtures.some((f) => f.ruleId === id && f.clean)) missing.push(`${id}: no clean fixture`);
    }
    expect(missing).toEqual([]);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))("%s gives exactly its markers", async (_name, fixture) => {
    const byFile = await findingsOf(fixture);
    expect([...byFile.keys()].sort()).toEqual(fixture.files.map((f) => f.name).sort());
    expect(fixture.files.flatMap((file) => differences(file, byFile.get(file.name)!))).toEqual([]);
  });

  it.each(fixtures.filter((f) => f.fixed !== null).map((f) => [f.name, f] as const))("%s is fixed as its .fixed companion says", async (_name, fixture) => {
    const file = fixture.files[0]!;
    const result = await fixText(file.text, file.name, setupOf(fixture));
    expect(result.refused).toEqual([]);
    expect(result.output).toBe(fixture.fixed);
  });

  it("make every check of every built-in rule fire at least once", async () => {
    const silent: string[] = [];
    for (const rule of RULES.values()) {
      const messages: string[] = [];
      for (const f of fixtures.filter((x) => x.ruleId === rule.id && !x.clean)) {
        for (const list of (await findingsOf(f)).values()) messages.push(...list.filter((x) => x.ruleId === rule.id).map((x) => x.message));
      }
      const patterns = rule.checks.map((c) => templatePattern(c.message));
      rule.checks.forEach((check, i) => {
        // A message counts for a check only when no other check's template reads it too.
        const fired = messages.some((m) => patterns[i]!.test(m) && patterns.every((p, j) => j === i || !p.test(m)));
        if (!fired) silent.push(`${rule.id}: check ${i + 1} (${check.scope}) never fires: ${check.message}`);
      });
    }
    expect(silent).toEqual([]);
  });
});
