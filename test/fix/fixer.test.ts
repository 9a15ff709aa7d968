/**
 * fixText: safe fixes by default, unsafe ones on request, repeated until nothing applies, and the
 * file byte-identical outside the edited cells (line endings, BOM, comments, indentation).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { recommendedRules, defaultOptions } from "../../src/config/presets.js";
import { builtInRules } from "../../src/engine/load-rules.js";
import type { ActiveRule } from "../../src/model/rule.js";
import { fixText } from "../../src/fix/fixer.js";
import type { LintSetup } from "../../src/lint/linter.js";
import { RACI } from "../../src/model/scheme.js";
import { REPO, SEED } from "../helpers.js";

const seed = readFileSync(SEED, "utf8");
const twin = (name: string) => readFileSync(join(REPO, "matrices", name), "utf8");

/** A built-in rule with its default options, overridden by `options`. */
function rule(id: string, options: Record<string, unknown> = {}): ActiveRule {
  const definition = builtInRules().rules.find((r) => r.id === id)!;
  return { rule: definition, severity: null, options: { ...defaultOptions(definition), ...options } };
}
const setupOf = (...rules: ActiveRule[]): LintSetup => ({ rules, scheme: RACI });
const recommended: LintSetup = { rules: recommendedRules(), scheme: RACI };

/** Lines with their endings, so a comparison sees every byte. */
const linesOf = (text: string) => text.split(/(?<=\n)/u);
/** The 1-based numbers of the lines that differ (both texts must have as many lines). */
function changedLines(before: string, after: string): number[] {
  const a = linesOf(before);
  const b = linesOf(after);
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [i + 1]));
}
/** `text` with the `nth` (0-based) occurrence of `from` after `after` replaced. */
function replaceAt(text: string, from: string, to: string, at: number): string {
  expect(text.slice(at, at + from.length)).toBe(from);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

describe("fixText on the seed matrix", () => {
  it("changes exactly lines 55 and 62 (AR -> RA), byte-identical elsewhere", async () => {
    const result = await fixText(seed, "matrices/cloud-temple-s3.md", recommended);
    expect(changedLines(seed, result.output)).toEqual([55, 62]);
    expect(result.output).toBe(replaceAt(replaceAt(seed, "__AR__", "__RA__", 3979), "__AR__", "__RA__", 4530));
    expect(result).toMatchObject({ passes: 1, applied: 2, changed: true, parseFailed: false, refused: [] });
    // The findings are those that remain: the unsafe ones are still offered, nothing safe is left.
    expect(result.findings.filter((f) => f.fix)).toEqual([]);
    expect(result.findings.map((f) => `${f.line} ${f.ruleId}`)).toEqual([
      "13 legend-consistent",
      "38 no-duplicate-activity",
      "39 no-duplicate-activity",
      "41 customer-involved",
      "74 customer-involved",
    ]);
    expect(result.findings[3]!.suggestions).toHaveLength(1);
  });

  it("changes nothing the second time", async () => {
    const first = await fixText(seed, "seed.md", recommended);
    const second = await fixText(first.output, "seed.md", recommended);
    expect(second).toMatchObject({ output: first.output, changed: false, passes: 0, applied: 0 });
  });

  it("does not apply unsafe fixes without `unsafe`, and applies them with it", async () => {
    const customer = setupOf(rule("customer-involved"));
    const without = await fixText(seed, "seed.md", customer);
    expect(without).toMatchObject({ output: seed, changed: false, applied: 0 });
    expect(without.findings.map((f) => [f.line, f.suggestions[0]?.message])).toEqual([
      [41, "Make Client Informed (I)"],
      [74, "Make Client Informed (I)"],
    ]);

    const withUnsafe = await fixText(seed, "seed.md", recommended, { unsafe: true });
    expect(changedLines(seed, withUnsafe.output)).toEqual([41, 55, 62, 74]);
    expect(linesOf(withUnsafe.output)[40]).toBe("| Preserve and provide the logs of the S3 Object Storage platform                    | __I__       | __RA__            |\n");
    expect(withUnsafe.findings.filter((f) => f.fix || f.suggestions.length > 0)).toEqual([]);
    expect((await fixText(withUnsafe.output, "seed.md", recommended, { unsafe: true })).changed).toBe(false);
  });

  it("fills the customer column of each table, even when tables name the customer differently", async () => {
    const text = [
      "## Build",
      "",
      "| Activity | Client | Provider |",
      "|---|---|---|",
      "| Order | RA | I |",
      "",
      "## Run",
      "",
      "| Activity | Provider | Customer |",
      "|---|---|---|",
      "| Patch | RA |  |",
      "",
    ].join("\n");
    const result = await fixText(text, "x.md", setupOf(rule("customer-involved")), { unsafe: true });
    expect(result.output).toBe(text.replace("| Patch | RA |  |", "| Patch | RA | I |"));
    expect(result.findings).toEqual([]);
  });

  it("turns a second A into R only with `unsafe`", async () => {
    const text = "## Ops\n\n| Activity | Client | Provider |\n|---|---|---|\n| Back up | RA | A |\n";
    const accountable = setupOf(rule("single-accountable"));
    expect((await fixText(text, "x.md", accountable)).changed).toBe(false);
    const fixed = await fixText(text, "x.md", accountable, { unsafe: true });
    expect(fixed.output).toBe(text.replace("| RA | A |", "| RA | R |"));
    expect(fixed.findings).toEqual([]);
  });

  it("keeps a BOM and CRLF line endings", async () => {
    const crlf = "\uFEFF" + seed.replace(/\n/gu, "\r\n");
    const fixed = (await fixText(seed, "seed.md", recommended)).output;
    const result = await fixText(crlf, "seed.md", recommended);
    expect(result.output).toBe("\uFEFF" + fixed.replace(/\n/gu, "\r\n"));
    expect(result.matrix.bom).toBe(true);
  });

  it("keeps mixed line endings line by line", async () => {
    const lines = linesOf(seed).map((l, i) => (i % 2 === 0 ? l.replace(/\n$/u, "\r\n") : l));
    const mixed = lines.join("");
    const result = await fixText(mixed, "seed.md", recommended);
    const out = linesOf(result.output);
    expect(out.map((l) => l.endsWith("\r\n"))).toEqual(lines.map((l) => l.endsWith("\r\n")));
    expect(changedLines(mixed, result.output)).toEqual([55, 62]);
  });

  it("keeps an aligned table aligned when a fix widens a cell", async () => {
    const text = ["## Backup", "", "| Activity | Client | Provider |", "|----------|--------|----------|", "| Back up  | RAC    | I        |", "| Restore  | R      | A        |", ""].join("\n");
    const result = await fixText(text, "x.md", setupOf(rule("code-style", { separator: "comma-space" })));
    expect(result.output).toBe(
      ["## Backup", "", "| Activity | Client  | Provider |", "|----------|---------|----------|", "| Back up  | R, A, C | I        |", "| Restore  | R       | A        |", ""].join("\n"),
    );
  });
});

describe("separators written with emphasis around each code", () => {
  it("count as the separator between the emphasis: `**R**, **A**` is comma-space, `**R**,**A**` comma", async () => {
    const text = "## S\n\n| Activity | Client | Provider |\n|---|---|---|\n| Alpha | **R**, **A** | I |\n| Beta | **R**,**A** | I |\n";
    const result = await fixText(text, "x.md", setupOf(rule("code-style", { separator: "comma-space" })));
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual(['6:10 Codes "**R**,**A**" use separator comma; the house style is comma-space (R, A).']);
  });
});

describe("fixText on YAML and JSON", () => {
  it("fixes the YAML twin in place, comments and quoting kept", async () => {
    const yaml = twin("cloud-temple-s3.yaml");
    const result = await fixText(yaml, "cloud-temple-s3.yaml", recommended, { unsafe: true });
    expect(changedLines(yaml, result.output)).toEqual([67, 105, 116, 145]);
    const expected = linesOf(yaml);
    expected[66] = expected[66]!.replace("Client: ''", "Client: 'I'");
    expected[104] = expected[104]!.replace("Client: AR", "Client: RA");
    expected[115] = expected[115]!.replace("Cloud Temple: AR", "Cloud Temple: RA");
    expected[144] = expected[144]!.replace("Client: ''", "Client: 'I'");
    expect(result.output).toBe(expected.join(""));
    expect(result.output.startsWith("# yaml-language-server: $schema=../schemas/matrix.schema.json\n# The seed matrix")).toBe(true);
  });

  it("keeps YAML comments next to the fixed values, flow mappings and quotes", async () => {
    const yaml = [
      "# House matrix",
      "title: Backup # the title",
      "parties:",
      "  - { name: Client, role: customer } # the customer",
      "  - { name: Provider, role: provider }",
      "sections:",
      "  - title: Backup",
      "    activities:",
      "      - activity: Back up data",
      "        codes: { Client: AR, Provider: I }   # flow mapping",
      "      - activity: Restore data",
      "        codes:",
      '          Client: "ar"    # quoted, lower case',
      "          Provider: 'C' # single-quoted",
      "",
    ].join("\n");
    const result = await fixText(yaml, "house.yaml", setupOf(rule("code-order"), rule("code-style")));
    expect(result.output).toBe(yaml.replace("Client: AR,", "Client: RA,").replace('Client: "ar"', 'Client: "RA"'));
    // "ar" -> "ra" (code-order) then "RA" (code-style): the two fixes overlap, so they take two passes.
    expect(result).toMatchObject({ passes: 2, applied: 3, refused: [] });
  });

  it("refuses a fix that YAML would read differently, and reports it", async () => {
    const yaml = [
      "parties:",
      "  - { name: Client, role: customer }",
      "  - { name: Provider, role: provider }",
      "sections:",
      "  - title: Backup",
      "    activities:",
      "      - activity: Back up data",
      "        codes: { Client: R A, Provider: I }",
      "      - activity: Restore data",
      "        codes:",
      "          Client: R A",
      "          Provider: C",
      "",
    ].join("\n");
    const result = await fixText(yaml, "x.yaml", setupOf(rule("code-style", { separator: "comma-space" })));
    // In a flow mapping, `R, A` would make `A` a key: that fix is refused; the block-mapping one is applied.
    expect(result.output).toBe(yaml.replace("          Client: R A", "          Client: R, A"));
    expect(result.refused).toEqual([
      {
        ruleId: "code-style",
        line: 8,
        column: 26,
        message: 'Codes "R A" use separator space; the house style is comma-space (R, A).',
        reason: 'the fixed text would not read: codes: "A" is not one of the parties (Client, Provider)',
      },
    ]);
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(["8:26 code-style"]);
    expect((await fixText(result.output, "x.yaml", setupOf(rule("code-style", { separator: "comma-space" })))).changed).toBe(false);
  });

  it("gives a fix that overlapped a refused one its turn", async () => {
    const yaml = [
      "parties: [{ name: Client, role: customer }, { name: Provider, role: provider }]",
      "sections:",
      "  - title: Backup",
      "    activities:",
      "      - { activity: Back up data, codes: { Client: R R, Provider: A } }",
      "",
    ].join("\n");
    // code-style's `R, R` is refused (flow mapping); no-duplicate-codes' `R`, on the same cell, then applies.
    const result = await fixText(yaml, "x.yaml", setupOf(rule("code-style", { separator: "comma-space" }), rule("no-duplicate-codes")));
    expect(result.output).toBe(yaml.replace("Client: R R,", "Client: R,"));
    expect(result.refused.map((r) => r.ruleId)).toEqual(["code-style"]);
    expect(result.findings).toEqual([]);
  });

  it("fixes the JSON twin keeping its indentation", async () => {
    const json = twin("cloud-temple-s3.json");
    const result = await fixText(json, "cloud-temple-s3.json", recommended, { unsafe: true });
    expect(changedLines(json, result.output)).toEqual([116, 184, 204, 257]);
    const expected = linesOf(json);
    for (const i of [115, 256]) expected[i] = expected[i]!.replace('"Client": ""', '"Client": "I"');
    expected[183] = expected[183]!.replace('"AR"', '"RA"');
    expected[203] = expected[203]!.replace('"AR"', '"RA"');
    expect(result.output).toBe(expected.join(""));
  });
});

describe("fixText refuses what it cannot fix safely", () => {
  it("leaves a file with a parse error untouched", async () => {
    const yaml = "parties: [ { name: Client, role: customer }\nsections:\n  - title: x\n    activities:\n      - { activity: a, codes: { Client: AR } }\n";
    const result = await fixText(yaml, "broken.yaml", recommended, { unsafe: true });
    expect(result).toMatchObject({ output: yaml, changed: false, parseFailed: true, passes: 0 });
    expect(result.findings.map((f) => f.ruleId)).toContain("parse-error");
  });

  it("fixes a Markdown file's tables around its problems, which stay reported", async () => {
    const md = "---\ntitle: [unclosed\n---\n\n| Activity | Client | Provider |\n|---|---|---|\n| Back up | AR | I |\n";
    const result = await fixText(md, "broken.md", recommended);
    expect(result).toMatchObject({ output: md.replace("| AR |", "| RA |"), changed: true, parseFailed: false, refused: [] });
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(["2:17 parse-error", "5:23 party-has-responsibility"]);
    const twice = "## S\n\n| Activity | Client | Client Role | Provider |\n|---|---|---|---|\n| Back up | AR | I | C |\n";
    const fixed = await fixText(twice, "twice.md", recommended);
    expect(fixed.output).toBe(twice.replace("| AR |", "| RA |"));
    expect(fixed.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(["3:23 schema-violation", "3:37 party-has-responsibility"]);
  });

  it("fixes the codes of a file with a schema violation elsewhere, which stays reported", async () => {
    const json = JSON.stringify({ parties: [{ name: "Client", role: "customer" }], sections: [{ title: 1, activities: [{ activity: "a", codes: { Client: "AR" } }] }] }, null, 2);
    const result = await fixText(json, "bad.json", recommended);
    expect(result).toMatchObject({ output: json.replace('"AR"', '"RA"'), changed: true, parseFailed: false, refused: [] });
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(["10:16 schema-violation"]);
  });
});

describe("fixText and inline directives", () => {
  it("does not fix a suppressed finding, and returns it as suppressed", async () => {
    const text = [
      "<!-- raci-lint-disable code-order -- the order is the publisher's -->",
      "| Activity | Client | Provider |",
      "|---|---|---|",
      "| Back up | AR | I |",
      "<!-- raci-lint-enable code-order -->",
      "",
      "| Activity | Client | Provider |",
      "|---|---|---|",
      "| Restore | AR | I |",
      "",
    ].join("\n");
    const result = await fixText(text, "x.md", setupOf(rule("code-order")));
    expect(result.output).toBe(text.replace("| Restore | AR |", "| Restore | RA |"));
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((f) => `${f.line} ${f.ruleId}`)).toEqual(["4 code-order"]);
  });
});

describe("fixText passes", () => {
  const text = "| Activity | Client | Provider |\n|---|---|---|\n| Back up | arr | I |\n";
  const rules = setupOf(rule("code-order"), rule("no-duplicate-codes"), rule("code-style"));

  it("repeats until no fix applies: arr -> ARR -> AR -> RA", async () => {
    const result = await fixText(text, "x.md", rules);
    expect(result.output).toBe(text.replace("| arr |", "| RA  |"));
    expect(result).toMatchObject({ passes: 3, applied: 3, findings: [] });
  });

  it("stops after maxPasses, reporting what remains", async () => {
    const result = await fixText(text, "x.md", rules, { maxPasses: 1 });
    // code-order waits for the duplicates to go: the first pass only changes the case.
    expect(result.output).toBe(text.replace("| arr |", "| ARR |"));
    expect(result.findings.map((f) => f.ruleId)).toEqual(["no-duplicate-codes"]);
  });
});

describe("code-style fixes", () => {
  const table = (cell: string) => `| Activity | Client | Provider |\n|---|---|---|\n| Back up | ${cell} | I |\n`;
  const fixCell = async (cell: string, options: Record<string, unknown> = {}) => {
    const result = await fixText(table(cell), "x.md", setupOf(rule("code-style", options)));
    return { cell: result.output.split("\n")[2]!.split("|")[2]!.trim(), findings: result.findings.map((f) => f.message) };
  };

  it("writes lower-case codes in upper case with the default options", async () => {
    const result = await fixText(table("ra"), "x.md", setupOf(rule("code-style")));
    expect(result.output).toBe(table("RA"));
    const before = await fixText(table("ra"), "x.md", setupOf(rule("code-style")), { maxPasses: 0 });
    expect(before.findings.map((f) => f.message)).toEqual(['Codes "ra" are written in lower case: write them in upper case.']);
    expect((await fixCell("__r, a__*")).cell).toBe("__R, A__*");
  });

  it("changes emphasis and separators as the options ask", async () => {
    expect((await fixCell("__RA__", { emphasis: "bold" })).cell).toBe("**RA**");
    expect((await fixCell("RA¹", { emphasis: "underline" })).cell).toBe("__RA__¹");
    expect((await fixCell("`R`", { emphasis: "none" })).cell).toBe("R");
    expect((await fixCell("**A/R**", { separator: "comma-space" })).cell).toBe("**A, R**");
    expect((await fixCell("R, A, C", { separator: "none" })).cell).toBe("RAC");
    expect((await fixCell("r,a", { separator: "slash" })).cell).toBe("R/A");
  });

  it("reports but does not rewrite a cell it cannot restyle without changing how it reads", async () => {
    // `**RA***` would read as more emphasis, not as a footnote marker.
    expect(await fixCell("RA*", { emphasis: "bold" })).toEqual({ cell: "RA*", findings: ['Codes "RA*" use emphasis none; the house style is bold (**RA**).'] });
  });
});

describe("codes written as words", () => {
  const table = [
    "## Backups",
    "",
    "| Activity        | Client                   | Provider                  |",
    "|-----------------|--------------------------|---------------------------|",
    "| Define policy   | Accountable, Responsible | Informed                  |",
    "| Run the backups | Informé                  | Responsable / Approuve    |",
    "| Test restores   | Consulted, Consulted     | **Responsible**, Informed |",
    "",
  ].join("\n");

  it("are read as codes: a table of words is a matrix, and order and repeats are fixed with the cell's own words", async () => {
    const result = await fixText(table, "x.md", recommended);
    expect(result.output).toBe(table.replace("| Accountable, Responsible |", "| Responsible, Accountable |").replace("| Consulted, Consulted     |", "| Consulted                |"));
    expect(result.applied).toBe(2);
  });

  it("code-style with form: letters writes their letters (separator as asked, or a comma; a slash kept)", async () => {
    const result = await fixText(table, "x.md", setupOf(rule("code-style", { form: "letters" })));
    expect(result.output.split("\n").slice(4, 7)).toEqual([
      "| Define policy   | A, R                     | I                         |",
      "| Run the backups | I                        | R/A                       |",
      "| Test restores   | C, C                     | **Responsible**, Informed |",
    ]);
    // Emphasis around one word of several is not a house style the fix can keep: reported, not rewritten.
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(["7:48 code-style"]);
  });
});
