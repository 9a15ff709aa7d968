/**
 * The SARIF log of the seed and of the whole corpus is valid SARIF 2.1.0 (the OASIS schema, draft-04),
 * has what GitHub code scanning requires of every rule and result, keeps its fingerprints when
 * unrelated lines move, carries fixes and suppressions, and is byte-stable.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ajvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { formatContext } from "../../src/formatters/context.js";
import { buildReport, type Report, type SuppressedFinding } from "../../src/model/result.js";
import { artifactLocation, fingerprintKey, formatSarif, pascalCase, regionOf, SARIF_SCHEMA_URI } from "../../src/formatters/sarif.js";
import { lintText } from "../../src/index.js";
import type { Finding } from "../../src/model/finding.js";
import { SEED, SHARED } from "../helpers.js";
import { CONTEXT, corpusReport, seedReport } from "./reports.js";

/** The parts of a SARIF log these tests read. */
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: Descriptor[] } };
    originalUriBaseIds: Record<string, { uri?: string; description?: { text: string } }>;
    columnKind: string;
    results: SarifResult[];
  }[];
}
interface Descriptor {
  id: string;
  name: string;
  shortDescription?: { text: string };
  fullDescription?: { text: string };
  help?: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration?: { level: string };
  properties?: { tags: string[] };
}
interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Region } }[];
  partialFingerprints: Record<string, string>;
  fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: Region; insertedContent: { text: string } }[] }[] }[];
  suppressions?: { kind: string; justification?: string }[];
}

const schema = JSON.parse(readFileSync(join(SHARED, "schemas/sarif-schema-2.1.0.json"), "utf8")) as object;
// CommonJS packages: their default import is `module.exports`, whose `.default` is the export itself.
const Ajv04 = ajvDraft04.default;
const addFormats = ajvFormats.default;
// strict: false: the official schema has constructs ajv's strict mode rejects (`required` naming properties declared elsewhere).
const ajv = new Ajv04({ allErrors: true, strict: false });
addFormats(ajv);
const validateSarif = ajv.compile(schema);

/** Formats, validates against the official schema, parses. */
function sarifOf(report: Report, context = CONTEXT): SarifLog {
  const text = formatSarif(report, context);
  const data: unknown = JSON.parse(text);
  expect(validateSarif(data) ? [] : validateSarif.errors).toEqual([]);
  return data as SarifLog;
}

/** Everything GitHub code scanning needs of a log: see "SARIF support for code scanning". */
function expectGithubReady(log: SarifLog): void {
  expect(log.$schema).toBe(SARIF_SCHEMA_URI);
  expect(log.version).toBe("2.1.0");
  expect(log.runs).toHaveLength(1);
  const run = log.runs[0]!;
  const driver = run.tool.driver;
  expect(driver).toMatchObject({ name: "raci-lint", version: CONTEXT.toolVersion, semanticVersion: CONTEXT.toolVersion, informationUri: "https://github.com/raci-lint/raci-lint" });
  expect(run.columnKind).toBe("utf16CodeUnits");
  expect(Object.keys(run.originalUriBaseIds)).toEqual(["%SRCROOT%"]);
  const ids = driver.rules.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const rule of driver.rules) {
    expect(rule.name, rule.id).toBe(pascalCase(rule.id));
    expect(rule.shortDescription?.text, rule.id).toBeTruthy();
    expect(rule.fullDescription?.text, rule.id).toBeTruthy();
    expect(rule.help?.text, rule.id).toBeTruthy();
    expect(rule.help?.markdown, rule.id).toBeTruthy();
    expect(rule.helpUri, rule.id).toMatch(/^https:\/\//);
    expect(["error", "warning", "note"], rule.id).toContain(rule.defaultConfiguration?.level);
    expect(Array.isArray(rule.properties?.tags), rule.id).toBe(true);
  }
  const prints = new Set<string>();
  for (const result of run.results) {
    expect(result.ruleId).toBeTruthy();
    expect(driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
    expect(["error", "warning", "note"]).toContain(result.level);
    expect(result.message.text).toBeTruthy();
    expect(result.locations).toHaveLength(1);
    const { artifactLocation: artifact, region } = result.locations[0]!.physicalLocation;
    expect(artifact.uri).toBeTruthy();
    expect(artifact.uriBaseId).toBe("%SRCROOT%");
    expect(region.startLine).toBeGreaterThanOrEqual(1);
    expect(region.endLine).toBeGreaterThanOrEqual(region.startLine);
    if (region.endLine === region.startLine) expect(region.endColumn).toBeGreaterThanOrEqual(region.startColumn);
    const print = result.partialFingerprints["raciLint/v1"];
    expect(print).toMatch(/^[0-9a-f]{64}:\d+$/);
    prints.add(print!);
  }
  expect(prints.size, "fingerprints are unique within a run").toBe(run.results.length);
}

let seed: Report;
let corpus: Report;
beforeAll(async () => {
  seed = await seedReport();
  corpus = await corpusReport();
});

describe("formatSarif", () => {
  it("writes the seed as valid SARIF that GitHub code scanning accepts", () => {
    const log = sarifOf(seed);
    expectGithubReady(log);
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(CONTEXT.rules.map((r) => r.id));
    expect(run.results.map((r) => `${r.ruleId} ${r.level} ${r.locations[0]!.physicalLocation.region.startLine}`)).toEqual([
      "legend-consistent warning 13",
      "no-duplicate-activity note 38",
      "no-duplicate-activity note 39",
      "customer-involved error 41",
      "code-order warning 55",
      "code-order warning 62",
      "customer-involved error 74",
    ]);
    expect(run.results[3]!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: "matrices/cloud-temple-s3.md", uriBaseId: "%SRCROOT%" },
      region: { startLine: 41, startColumn: 88, endLine: 41, endColumn: 88 },
    });
  });

  it("checks against a schema that does reject broken logs", () => {
    const log = JSON.parse(formatSarif(seed, CONTEXT)) as SarifLog;
    const result = log.runs[0]!.results[0]!;
    const broken = (change: (r: SarifResult) => void) => {
      const copy = structuredClone(log);
      change(copy.runs[0]!.results[0]!);
      return validateSarif(copy);
    };
    expect(validateSarif(log)).toBe(true);
    expect(broken((r) => (r.locations[0]!.physicalLocation.region.endColumn = 0))).toBe(false);
    expect(broken((r) => (r.locations[0]!.physicalLocation.artifactLocation.uri = "a b|c"))).toBe(false);
    expect(broken((r) => ((r as { level: string }).level = "info"))).toBe(false);
    expect(result.level).toBe("warning");
  });

  it("writes the whole corpus as valid SARIF that GitHub code scanning accepts", () => {
    const log = sarifOf(corpus);
    expectGithubReady(log);
    const findings = corpus.files.reduce((n, f) => n + f.findings.length, 0);
    expect(findings).toBeGreaterThan(100);
    expect(log.runs[0]!.results).toHaveLength(findings);
  });

  it("describes each rule from its docs page", () => {
    const rules = sarifOf(seed).runs[0]!.tool.driver.rules;
    const codeOrder = rules.find((r) => r.id === "code-order")!;
    expect(codeOrder).toMatchObject({
      name: "CodeOrder",
      shortDescription: { text: "Codes within a cell are written in the scheme's canonical order (R, A, C, I)." },
      fullDescription: {
        text: "Codes within a cell are written in the scheme's canonical order (R, A, C, I): `__AR__`, `A/R` and `C, R` are reported; `__RA__`, `R/A` and `R, C` are not.",
      },
      helpUri: "https://github.com/raci-lint/raci-lint/blob/main/docs/rules/code-order.md",
      defaultConfiguration: { level: "warning" },
      properties: { tags: ["codes", "style"] },
    });
    expect(codeOrder.help!.text).toContain("\n\nWhy: The same assignment written two ways reads, in a review or a diff, as two different assignments. no-duplicate-activity and");
    // Relative links of the page point at the docs on GitHub.
    expect(codeOrder.help!.markdown).toContain("## Why\n\n");
    expect(codeOrder.help!.markdown).toContain("[no-duplicate-activity](https://github.com/raci-lint/raci-lint/blob/main/docs/rules/no-duplicate-activity.md)");
    expect(codeOrder.help!.markdown).not.toMatch(/\]\((?!https:)/);
    expect(rules.find((r) => r.id === "single-accountable")!.defaultConfiguration!.level).toBe("error");
  });

  it("falls back to the description for a user rule without a docs page", () => {
    const user = { ...CONTEXT.rules[0]!, id: "house-style", description: "Our house style.", docs: null, builtIn: false, severity: "info" as const, tags: [] };
    const log = sarifOf(buildReport([]), formatContext([user], "1.2.3"));
    expect(log.runs[0]!.tool.driver.rules).toEqual([
      {
        id: "house-style",
        name: "HouseStyle",
        shortDescription: { text: "Our house style." },
        fullDescription: { text: "Our house style." },
        help: { text: "Our house style.", markdown: "Our house style." },
        helpUri: "https://github.com/raci-lint/raci-lint",
        defaultConfiguration: { level: "note" },
        properties: { tags: [] },
      },
    ]);
  });

  it("adds the read-problem pseudo-rules when a file cannot be read", async () => {
    const broken = await lintText("sections: [\n", { filename: "bad.yaml" });
    const invalid = await lintText("sections: 3\n", { filename: "odd.yaml" });
    const log = sarifOf(
      buildReport([
        { path: "bad.yaml", findings: broken.findings },
        { path: "odd.yaml", findings: invalid.findings },
      ]),
    );
    expectGithubReady(log);
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.slice(-2).map((r) => [r.id, r.helpUri, r.defaultConfiguration!.level])).toEqual([
      ["parse-error", "https://github.com/raci-lint/raci-lint/blob/main/README.md#command-line", "error"],
      ["schema-violation", "https://github.com/raci-lint/raci-lint/blob/main/README.md#matrix-formats", "error"],
    ]);
    expect(log.runs[0]!.results.map((r) => r.ruleId)).toEqual(["parse-error", "schema-violation"]);
    // Without read problems, the pseudo-rules are not listed.
    expect(sarifOf(seed).runs[0]!.tool.driver.rules.some((r) => r.id === "parse-error")).toBe(false);
  });

  it("keeps fingerprints when a blank line and an unrelated row are inserted above the findings", async () => {
    const original = readFileSync(SEED, "utf8");
    const lines = original.split("\n");
    // A blank line between the intro and the first heading; a new activity in "Implement the service" (above line 29).
    lines.splice(5, 0, "");
    lines.splice(29, 0, "| Rotate the access keys of the service | __RA__ | __I__ |");
    const edited = lines.join("\n");
    const filename = "matrices/cloud-temple-s3.md";
    const lintOf = async (text: string) => (await lintText(text, { filename })).findings;
    const beforeFindings = await lintOf(original);
    const afterFindings = await lintOf(edited);
    // Corresponding findings, by rule, activity and party.
    const subject = (f: Finding) => `${f.ruleId} ${f.activity ?? "-"} ${f.party ?? "-"}`;
    expect(afterFindings.map(subject)).toEqual(beforeFindings.map(subject));
    const before = sarifOf(buildReport([{ path: filename, findings: beforeFindings }])).runs[0]!.results;
    const after = sarifOf(buildReport([{ path: filename, findings: afterFindings }])).runs[0]!.results;
    before.forEach((result, i) => {
      // The finding did move (one line above line 29, two below)...
      const line = result.locations[0]!.physicalLocation.region.startLine;
      expect(after[i]!.locations[0]!.physicalLocation.region.startLine, subject(beforeFindings[i]!)).toBe(line + (line >= 29 ? 2 : 1));
      // ...but its fingerprint did not.
      expect(after[i]!.partialFingerprints, subject(beforeFindings[i]!)).toEqual(result.partialFingerprints);
    });
    expect(before[1]!.message.text).toContain("repeats line 29");
    expect(after[1]!.message.text).toContain("repeats line 31");
  });

  it("numbers findings that agree on everything the fingerprint hashes", () => {
    const finding = seed.files[0]!.findings[4]!;
    const twin = { ...finding, line: finding.line + 1, endLine: finding.endLine + 1 };
    expect(fingerprintKey(twin)).toBe(fingerprintKey(finding));
    const results = sarifOf(buildReport([{ path: finding.file, findings: [finding, twin] }])).runs[0]!.results;
    const [first, second] = results.map((r) => r.partialFingerprints["raciLint/v1"]!);
    expect(first!.split(":")[0]).toBe(second!.split(":")[0]);
    expect([first!.split(":")[1], second!.split(":")[1]]).toEqual(["1", "2"]);
  });

  it("writes safe fixes and suggestions as SARIF fixes, with regions computed from the file's text", () => {
    const results = sarifOf(seed).runs[0]!.results;
    const codeOrder = results[4]!;
    expect(codeOrder.fixes).toEqual([
      {
        description: { text: 'Replace "__AR__" with "__RA__"' },
        artifactChanges: [
          {
            artifactLocation: { uri: "matrices/cloud-temple-s3.md", uriBaseId: "%SRCROOT%" },
            replacements: [{ deletedRegion: { startLine: 55, startColumn: 95, endLine: 55, endColumn: 101 }, insertedContent: { text: "__RA__" } }],
          },
        ],
      },
    ]);
    const customer = results[3]!;
    const suggestion = seed.files[0]!.findings[3]!.suggestions[0]!;
    expect(customer.fixes).toHaveLength(1);
    expect(customer.fixes![0]!.description.text).toBe(suggestion.message);
    expect(customer.fixes![0]!.artifactChanges[0]!.replacements[0]!.insertedContent.text).toBe(suggestion.fix!.text);
    expect(customer.fixes![0]!.artifactChanges[0]!.replacements[0]!.deletedRegion.startLine).toBe(41);
    expect(results[0]!.fixes).toBeUndefined();
    // Without the file's text, no fixes.
    const withoutSource = sarifOf(buildReport(seed.files.map(({ path, findings }) => ({ path, findings })))).runs[0]!.results;
    expect(withoutSource.every((r) => r.fixes === undefined)).toBe(true);
  });

  it("lists suppressed findings as results with their suppression, fingerprints unchanged", () => {
    const [legend, dup1, ...rest] = seed.files[0]!.findings;
    const suppressed: SuppressedFinding[] = [
      { ...legend!, suppression: { kind: "inSource", justification: "The legend is quoted from the contract." } },
      { ...dup1!, suppression: { kind: "external", justification: null } },
    ];
    const report = buildReport([{ ...seed.files[0]!, findings: rest, suppressed }]);
    expect(report.summary.warnings + report.summary.errors + report.summary.infos).toBe(5);
    const results = sarifOf(report).runs[0]!.results;
    expect(results).toHaveLength(7);
    expect(results[0]!.suppressions).toEqual([{ kind: "inSource", justification: "The legend is quoted from the contract." }]);
    expect(results[1]!.suppressions).toEqual([{ kind: "external" }]);
    expect(results.slice(2).every((r) => r.suppressions === undefined)).toBe(true);
    const plain = sarifOf(seed).runs[0]!.results;
    expect(results.map((r) => r.partialFingerprints)).toEqual(plain.map((r) => r.partialFingerprints));
  });

  it("percent-encodes paths as URI references relative to %SRCROOT%", () => {
    expect(artifactLocation("docs/a b/ré:sumé#1.md")).toEqual({ uri: "docs/a%20b/r%C3%A9%3Asum%C3%A9%231.md", uriBaseId: "%SRCROOT%" });
    expect(artifactLocation("<stdin>")).toEqual({ uri: "%3Cstdin%3E", uriBaseId: "%SRCROOT%" });
    expect(artifactLocation("/srv/raci/x y.md")).toEqual({ uri: "file:///srv/raci/x%20y.md" });
    const finding = { ...seed.files[0]!.findings[0]!, file: "docs/a b/ré:sumé#1.md" };
    sarifOf(buildReport([{ path: finding.file, findings: [finding] }]));
  });

  it("writes the working directory as %SRCROOT% when given one", () => {
    const log = sarifOf(seed, formatContext(CONTEXT.rules, CONTEXT.toolVersion, "/home/ci/work tree"));
    expect(log.runs[0]!.originalUriBaseIds["%SRCROOT%"]!.uri).toBe("file:///home/ci/work%20tree/");
  });

  it("keeps regions valid: zero-width stays zero-width, nothing ends before it starts", () => {
    expect(regionOf({ line: 41, column: 88, endLine: 41, endColumn: 88 })).toEqual({ startLine: 41, startColumn: 88, endLine: 41, endColumn: 88 });
    expect(regionOf({ line: 0, column: 0, endLine: 0, endColumn: 0 })).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
    expect(regionOf({ line: 3, column: 9, endLine: 4, endColumn: 1 })).toEqual({ startLine: 3, startColumn: 9, endLine: 4, endColumn: 1 });
  });

  it("is byte-stable: two runs give the same bytes", async () => {
    expect(formatSarif(await corpusReport(), CONTEXT)).toBe(formatSarif(corpus, CONTEXT));
    const text = formatSarif(seed, CONTEXT);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.split("\n")[1]).toBe(`  "$schema": "${SARIF_SCHEMA_URI}",`);
  });
});
