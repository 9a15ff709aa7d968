/**
 * Translation drift (consistent-translations): which files translate which, how pages are aligned,
 * and the shared Cloud Temple corpus in five languages, where every drift found by hand
 * (test/corpus/cloud-temple-drift.yaml) must be reported, at its cell, and nothing else.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { RaciLint, lintFiles, parseMatrix, type Finding, type LintResult } from "../../src/index.js";
import { alignSequences, compareTranslation, summarise, TranslationCollector } from "../../src/facts/translation.js";
import { expectedSources, mappingProblem, translationPairs } from "../../src/model/translation-pairs.js";
import { RACI } from "../../src/model/scheme.js";
import { cli, project } from "../cli/harness.js";
import { CORPUS, REPO, onlyRules } from "../helpers.js";

interface HandDrift {
  file: string;
  line: number;
  column: number;
  kind: "code" | "words";
  value: string;
  source_file: string;
  source_line: number;
  source_party: string;
  source_value: string;
}

const hand = parse(readFileSync(join(REPO, "test/corpus/cloud-temple-drift.yaml"), "utf8")) as { root: string; drifts: HandDrift[] };
/** The cell's codes as the hand list writes them (`**CI**`), emphasis removed. */
const codesOf = (value: string) => value.replace(/\*/gu, "").trim();

describe("translationPairs", () => {
  it("pairs Docusaurus translations with docs/, versioned ones with versioned_docs/, wherever the site is", () => {
    const paths = [
      "site/docs/raci.md",
      "site/i18n/de/docusaurus-plugin-content-docs/current/raci.md",
      "site/versioned_docs/version-2.0/raci.md",
      "site/i18n/pt-BR/docusaurus-plugin-content-docs/version-2.0/raci.md",
      "site/i18n/it/docusaurus-plugin-content-docs/current/only-translated.md",
    ];
    expect(translationPairs(paths)).toEqual([
      { source: "site/docs/raci.md", translation: "site/i18n/de/docusaurus-plugin-content-docs/current/raci.md", locale: "de", convention: "docusaurus" },
      { source: "site/versioned_docs/version-2.0/raci.md", translation: "site/i18n/pt-BR/docusaurus-plugin-content-docs/version-2.0/raci.md", locale: "pt-BR", convention: "docusaurus" },
    ]);
  });

  it("pairs name.<language>.md with name.md, or name.en.md when there is none; a suffix that is no language is no translation", () => {
    const paths = ["a/raci.md", "a/raci.de.md", "a/raci.zh_Hans.md", "a/raci.old.md", "a/raci.ci.md", "b/guide.en.md", "b/guide.fr.md", "b/guide.es-MX.yaml", "b/guide.es-MX.yml"];
    expect(translationPairs(paths).map((p) => `${p.translation} <- ${p.source} (${p.locale})`)).toEqual([
      "a/raci.de.md <- a/raci.md (de)",
      "a/raci.zh_Hans.md <- a/raci.md (zh_Hans)",
      "b/guide.fr.md <- b/guide.en.md (fr)",
    ]);
  });

  it("pairs what a configuration declares first, by what the wildcards match, {locale} naming the language", () => {
    const paths = ["/p/contracts/fr/iaas/raci.md", "/p/contracts/de/iaas/raci.md", "/p/contracts/de/paas/raci.md", "/p/contracts/de/iaas/raci.de.md"];
    const pairs = translationPairs(paths, [{ base: "/p", source: "contracts/fr/**/*.md", target: "contracts/{locale}/**/*.md" }]);
    expect(pairs).toEqual([
      // A file the mapping does not pair (no French raci.de.md) may still be a translation by its name.
      { source: "/p/contracts/de/iaas/raci.md", translation: "/p/contracts/de/iaas/raci.de.md", locale: "de", convention: "locale-suffix" },
      { source: "/p/contracts/fr/iaas/raci.md", translation: "/p/contracts/de/iaas/raci.md", locale: "de", convention: "configuration" },
    ]);
  });

  it("refuses mappings that cannot pair files", () => {
    expect(mappingProblem("docs/**/*.md", "i18n/{locale}/**/*.md")).toBeNull();
    expect(mappingProblem("docs/**/*.md", "i18n/{locale}/*.md")).toMatch(/has 2 wildcards and "i18n\/\{locale\}\/\*\.md" 1/u);
    expect(mappingProblem("docs/{locale}/*.md", "x/*.md")).toBe("{locale} belongs in the target glob");
    expect(mappingProblem("docs/*.{md,yaml}", "x/*.md")).toMatch(/"\{" is not supported/u);
  });
});

describe("expectedSources (why --explain pairs a page with no file)", () => {
  it("names the files a path says it translates, by the conventions pairing uses, whether or not they exist", () => {
    const mappings = [{ base: "/p", source: "contracts/fr/**/*.md", target: "contracts/{locale}/**/*.md" }];
    expect(expectedSources("/p/contracts/de/iaas/raci.md", mappings)).toEqual({ sources: ["/p/contracts/fr/iaas/raci.md"], locale: "de", convention: "configuration" });
    // The source side of a mapping translates nothing (its source would be itself).
    expect(expectedSources("/p/contracts/fr/iaas/raci.md", mappings)).toBeNull();
    expect(expectedSources("site/i18n/de/docusaurus-plugin-content-docs/version-2.0/raci.md")).toEqual({
      sources: ["site/versioned_docs/version-2.0/raci.md"],
      locale: "de",
      convention: "docusaurus",
    });
    expect(expectedSources("a/raci.de.md")).toEqual({ sources: ["a/raci.md", "a/raci.en.md"], locale: "de", convention: "locale-suffix" });
    expect(expectedSources("a/raci.en.md")).toEqual({ sources: ["a/raci.md"], locale: "en", convention: "locale-suffix" });
    expect(expectedSources("a/raci.old.md")).toBeNull();
    expect(expectedSources("docs/raci.md")).toBeNull();
  });
});

describe("alignSequences", () => {
  it("matches by position when the lengths agree, whatever the similarity", () => {
    expect(alignSequences(3, 3, () => 0)).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
  });

  it("otherwise pairs as many as the shorter has, where they are most alike", () => {
    const a = ["x", "y", "z", "w"];
    const b = ["x", "z", "w"];
    expect(alignSequences(4, 3, (i, j) => (a[i] === b[j] ? 1 : 0))).toEqual([
      [0, 0],
      [1, -1],
      [2, 1],
      [3, 2],
    ]);
    expect(alignSequences(1, 3, (_, j) => (j === 2 ? 1 : 0))).toEqual([
      [-1, 0],
      [-1, 1],
      [0, 2],
    ]);
  });
});

describe("compareTranslation", () => {
  const source = `## Ops

| Activity | Customer | Provider |
|---|---|---|
| Back up the VMs (1) | I | RA |
| Patch the hypervisors | I | RA |
| Rotate the keys | RA | C |
`;
  it("finds the row a translation lacks, between rows with the same codes, by the words it keeps", () => {
    const translation = `## Betrieb

| Aktivität | Kunde | Anbieter |
|---|---|---|
| Sicherung der VMs (1) | I | RA |
| Schlüssel rotieren | RA | C |
`;
    const items = compareTranslation(summarise(parseMatrix(source, "raci.md", RACI)), summarise(parseMatrix(translation, "raci.de.md", RACI)));
    const missing = items.filter((i) => i.presence !== "both");
    expect(missing.map((i) => [i.item, i.sourceActivity, i.sourceAt.start.line, i.where, i.at.start.line])).toEqual([["activity", "Patch the hypervisors", 6, "before this row", 6]]);
    expect(items.filter((i) => i.item === "cell").map((i) => `${i.sourceParty}/${i.party} ${i.sourceCell?.raw}/${i.cell?.raw}`)).toEqual([
      "Customer/Kunde I/I",
      "Provider/Anbieter RA/RA",
      "Customer/Kunde RA/RA",
      "Provider/Anbieter C/C",
    ]);
  });

  it("matches parties by role before column, so swapped columns compare the same party", () => {
    const translation = `## Operaciones

| Actividad | Proveedor | Cliente |
|---|---|---|
| Copias de las VMs (1) | RA | I |
| Parchear los hipervisores | RA | I |
| Rotar las claves | C | RA |
`;
    const items = compareTranslation(summarise(parseMatrix(source, "raci.md", RACI)), summarise(parseMatrix(translation, "raci.es.md", RACI)));
    expect(items.every((i) => i.item === "cell" && i.sourceCell?.codeSet === i.cell?.codeSet)).toBe(true);
    expect(items).toHaveLength(6);
  });
});

describe("the shared Cloud Temple corpus, five languages", () => {
  let results: LintResult[];
  let drifts: (Finding & { path: string })[];
  let pairs: ReturnType<RaciLint["translationPairs"]>;
  beforeAll(async () => {
    const linter = new RaciLint({ cwd: CORPUS, rules: onlyRules("consistent-translations", "valid-codes") });
    results = await linter.lintFiles(["."]);
    pairs = linter.translationPairs();
    drifts = results.flatMap((r) => r.findings.filter((f) => f.ruleId === "consistent-translations").map((f) => ({ ...f, path: r.path })));
  });

  it("pairs each of the 40 translated pages with its French source (Docusaurus layout)", () => {
    expect(pairs).toHaveLength(40);
    for (const pair of pairs) {
      expect(pair.convention).toBe("docusaurus");
      expect(pair.translation).toBe(`i18n/${pair.locale}/docusaurus-plugin-content-docs/current/${pair.source.slice("docs/".length)}`);
    }
    expect(new Set(pairs.map((p) => p.locale))).toEqual(new Set(["en", "de", "es", "it"]));
  });

  it("reports every drift of the hand list at its cell, and nothing else", () => {
    const expected = hand.drifts.map((d) => `${d.file}:${d.line}:${d.column}`).sort();
    expect(drifts.map((f) => `${f.path}:${f.line}:${f.column}`).sort()).toEqual(expected);
    expect(drifts).toHaveLength(11);
  });

  it("says what each drift is: the codes on both sides, or the words, and the source's file and line", () => {
    for (const d of hand.drifts) {
      const found = drifts.find((f) => f.path === d.file && f.line === d.line)!;
      const where = `${d.source_file}:${d.source_line}`;
      if (d.kind === "code") expect(found.message).toMatch(new RegExp(`^Cloud Temple has "${codesOf(d.value)}" here but "${codesOf(d.source_value)}" in the source, ${where} \\("Souscrire`, "u"));
      else expect(found.message).toBe(`"${d.value}" is not a code where the source has "${codesOf(d.source_value)}" (${d.source_party}, ${where}).`);
      expect(found.severity).toBe("error");
    }
  });

  it("counts per language: English and Spanish match their sources, German 10, Italian 1", () => {
    const count = (lang: string) => drifts.filter((f) => f.path.startsWith(`i18n/${lang}/`)).length;
    expect(["en", "de", "es", "it"].map(count)).toEqual([0, 10, 0, 1]);
  });

  it("points at the cell content, where valid-codes points at the name inside its ** (2 columns further)", () => {
    const vm = results.find((r) => r.path === "i18n/de/docusaurus-plugin-content-docs/current/contractual/vm-instances/raci.md")!;
    const names = vm.findings.filter((f) => f.ruleId === "valid-codes");
    const words = vm.findings.filter((f) => f.ruleId === "consistent-translations");
    expect(words.map((f) => `${f.line}:${f.column + 2}`)).toEqual(names.map((f) => `${f.line}:${f.column}`));
  });

  it("reads the German 'Cloud-Tempel' headers as the provider's column: every cell of those tables agrees with the French", () => {
    const collector = new TranslationCollector(RACI);
    for (const path of ["docs/contractual/llmaas/raci.md", "i18n/de/docusaurus-plugin-content-docs/current/contractual/llmaas/raci.md"])
      collector.add(parseMatrix(readFileSync(join(CORPUS, path), "utf8"), path));
    const subjects = collector.subjects();
    const tempel = subjects.filter((s) => s.partyName === "Cloud-Tempel");
    expect(tempel.map((s) => [s.sourcePartyName, s.sourceLine, s.span.start.line])).toEqual([
      ["Cloud Temple", 70, 70],
      ["Cloud Temple", 71, 71],
      ["Cloud Temple", 72, 72],
    ]);
    expect(tempel.every((s) => s.reading?.codes.join("") === s.sourceReading?.codes.join(""))).toBe(true);
    expect(subjects.every((s) => s.item === "cell")).toBe(true);
  });

  it("gives the same findings with the memo off", async () => {
    const off = await new RaciLint({ cwd: CORPUS, rules: onlyRules("consistent-translations"), memoize: false }).lintFiles(["."]);
    expect(off.flatMap((r) => r.findings.map((f) => `${r.path}:${f.line}:${f.column} ${f.message}`))).toEqual(drifts.map((f) => `${f.path}:${f.line}:${f.column} ${f.message}`));
  });

  it("is on in recommended: the whole corpus gives the 11 with the other rules", async () => {
    const all = await lintFiles(["."], { cwd: CORPUS });
    expect(all.flatMap((r) => r.findings.filter((f) => f.ruleId === "consistent-translations"))).toHaveLength(11);
  });
});

describe("configured translations", () => {
  const fixture = (name: string) => readFileSync(join(REPO, "test/rules/consistent-translations", name), "utf8").replace(/ *<!-- expect:.*-->$/gmu, "");

  it("pairs the files a configuration's translations key names, relative to the configuration file", async () => {
    const root = project({
      "raci-lint.config.yaml": 'translations:\n  "contracts/en/**/*.md": "contracts/{locale}/**/*.md"\n',
      "contracts/en/storage/raci.md": fixture("raci.md"),
      "contracts/de/storage/raci.md": fixture("raci.de.md"),
    });
    const off = ["customer-involved", "valid-codes", "party-has-responsibility"].flatMap((id) => ["--rule", `${id}: off`]);
    const run = await cli(["-f", "json", ...off, "contracts"], root);
    const report = JSON.parse(run.stdout) as { files: { path: string; findings: Finding[] }[] };
    expect(report.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line}:${x.column} ${x.ruleId}`))).toEqual([
      "contracts/de/storage/raci.md:10:54 consistent-translations",
      "contracts/de/storage/raci.md:17:3 consistent-translations",
      "contracts/de/storage/raci.md:24:46 consistent-translations",
    ]);
    expect(report.files[0]!.findings[0]!.message).toBe('Anbieter has "CI" here but "C" in the source, contracts/en/storage/raci.md:10 ("Configure bucket lifecycle rules").');
    const printed = JSON.parse((await cli(["--print-config", "contracts/de/storage/raci.md"], root)).stdout);
    expect(printed.translations).toEqual([{ source: "contracts/en/**/*.md", target: "contracts/{locale}/**/*.md", base: "." }]);
  });

  it("reports a mapping that cannot pair files at its key (exit 2)", async () => {
    const root = project({ "raci-lint.config.yaml": 'rules: {}\ntranslations:\n  "contracts/en/**/*.md": "contracts/{locale}/*.md"\n', "a.md": fixture("raci.md") });
    const run = await cli(["a.md"], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'raci-lint: raci-lint.config.yaml:3:3: translations: "contracts/en/**/*.md" has 2 wildcards and "contracts/{locale}/*.md" 1: a file and its translation are paired by what the wildcards match, so both need the same ones in the same order\n',
    );
  });
});

describe("docs/rules/consistent-translations.md", () => {
  it("shows what the command prints for the German VPC page of the corpus", async () => {
    const page = readFileSync(join(REPO, "docs/rules/consistent-translations.md"), "utf8");
    const off = ["customer-involved", "single-accountable", "no-duplicate-activity", "party-has-responsibility", "legend-consistent"].flatMap((id) => ["--rule", `${id}: off`]);
    const run = await cli(["docs/contractual/network/raci_vpc.md", "i18n/de/docusaurus-plugin-content-docs/current/contractual/network/raci_vpc.md", ...off], CORPUS);
    expect(run.code).toBe(1);
    expect(page).toContain("```text\n" + run.stdout.trim() + "\n```");
  });

  it("shows what --explain says about the pairs", async () => {
    const page = readFileSync(join(REPO, "docs/rules/consistent-translations.md"), "utf8");
    const args = page.match(/`raci-lint --explain ([^`]+)`/u)![1]!.split(" ");
    const run = await cli(["--explain", ...args], CORPUS);
    // The file headers and the lines about translations, as the page shows them.
    const shown = run.stdout.split("\n\n").flatMap((block) => block.split("\n").filter((line, i) => (i === 0 && line.includes(" (markdown): ")) || /^ {2}translat/u.test(line)));
    expect(shown).toHaveLength(6);
    expect(page).toContain("```text\n" + shown.join("\n") + "\n```");
  });
});
