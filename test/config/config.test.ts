/** Configuration: presets, rule settings, overrides, schemes, party aliases, --rule, --print-config. */
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, SEED } from "../helpers.js";
import { cli, project, findingLines } from "../cli/harness.js";

const seed = readFileSync(SEED, "utf8");

const brief = (stdout: string) => findingLines(stdout, (f) => `${f.path} ${f.line}:${f.column} ${f.severity} ${f.ruleId}`);

const SEED_RECOMMENDED = [
  "seed.md 13:19 warning legend-consistent",
  "seed.md 38:3 info no-duplicate-activity",
  "seed.md 39:3 info no-duplicate-activity",
  "seed.md 41:88 error customer-involved",
  "seed.md 55:95 warning code-order",
  "seed.md 62:109 warning code-order",
  "seed.md 74:96 error customer-involved",
];

describe("presets", () => {
  it("recommended is the default, with or without a config file", async () => {
    const bare = project({ "seed.md": seed });
    expect(brief((await cli(["-f", "json", "."], bare)).stdout)).toEqual(SEED_RECOMMENDED);
    const withConfig = project({ "seed.md": seed, "raci-lint.config.yaml": "extends: raci-lint:recommended\n" });
    expect(brief((await cli(["-f", "json", "."], withConfig)).stdout)).toEqual(SEED_RECOMMENDED);
  });

  it("strict turns every rule on and warnings into errors (info stays info)", async () => {
    const root = project({ "seed.md": seed, "raci-lint.config.yaml": "extends: raci-lint:strict\n" });
    const run = await cli(["-f", "json", "."], root);
    expect(run.code).toBe(1);
    expect(brief(run.stdout)).toEqual([
      "seed.md 13:19 error legend-consistent",
      "seed.md 38:3 info no-duplicate-activity",
      "seed.md 39:3 info no-duplicate-activity",
      "seed.md 41:88 error customer-involved",
      "seed.md 55:95 error code-order",
      "seed.md 62:109 error code-order",
      "seed.md 74:96 error customer-involved",
    ]);
  });

  it("no-matrix is info by default and a warning under strict, for files named, never for a folder's", async () => {
    const files = { "seed.md": seed, "prices.md": "# Prices\n\n| Size | Price |\n|---|---|\n| S | 10 EUR |\n| M | 20 EUR |\n" };
    const recommended = await cli(["-f", "json", "prices.md", "seed.md"], project(files));
    expect(brief(recommended.stdout).filter((l) => l.includes("no-matrix"))).toEqual(["prices.md 3:1 info no-matrix"]);
    const strict = await cli(["-f", "json", "prices.md"], project({ ...files, "raci-lint.config.yaml": "extends: raci-lint:strict\n" }));
    expect(brief(strict.stdout)).toEqual(["prices.md 3:1 warning no-matrix"]);
    expect(strict.code).toBe(0);
    const folder = await cli(["-f", "json", "."], project({ ...files, "raci-lint.config.yaml": "extends: raci-lint:strict\n" }));
    expect(brief(folder.stdout).some((l) => l.includes("no-matrix"))).toBe(false);
    expect(JSON.parse(folder.stdout).summary.filesWithoutMatrix).toBe(1);
    const printed = JSON.parse((await cli(["--print-config", "prices.md"], project({ ...files, "raci-lint.config.yaml": "extends: raci-lint:strict\n" }))).stdout);
    expect(printed.rules["no-matrix"]).toBe("warning");
  });

  it("a file extended after strict adds its settings without undoing strict", async () => {
    const root = project({ "seed.md": seed, "raci-lint.config.yaml": "extends: [raci-lint:strict, ./team.yaml]\n", "team.yaml": "rules:\n  code-order: info\n" });
    const run = await cli(["-f", "json", "."], root);
    expect(brief(run.stdout)).toEqual([
      "seed.md 13:19 error legend-consistent",
      "seed.md 38:3 info no-duplicate-activity",
      "seed.md 39:3 info no-duplicate-activity",
      "seed.md 41:88 error customer-involved",
      "seed.md 55:95 info code-order",
      "seed.md 62:109 info code-order",
      "seed.md 74:96 error customer-involved",
    ]);
    const printed = JSON.parse((await cli(["--print-config", "seed.md"], root)).stdout);
    expect(printed.configFiles).toEqual(["raci-lint:strict", "team.yaml", "raci-lint.config.yaml"]);
  });
});

describe("rules", () => {
  it("turning code-order off and legend-consistent to error changes exactly those findings", async () => {
    const root = project({ "seed.md": seed, "raci-lint.config.yaml": "rules:\n  code-order: off\n  legend-consistent: error\n" });
    expect(brief((await cli(["-f", "json", "."], root)).stdout)).toEqual([
      "seed.md 13:19 error legend-consistent",
      "seed.md 38:3 info no-duplicate-activity",
      "seed.md 39:3 info no-duplicate-activity",
      "seed.md 41:88 error customer-involved",
      "seed.md 74:96 error customer-involved",
    ]);
  });

  it("an empty options object is accepted for a rule without options", async () => {
    const root = project({ "seed.md": seed, "raci-lint.config.yaml": "rules:\n  code-order: [error, {}]\n" });
    const run = await cli(["-f", "json", "."], root);
    expect(run.stderr).toBe("");
    expect(brief(run.stdout).filter((l) => l.includes("code-order"))).toEqual(["seed.md 55:95 error code-order", "seed.md 62:109 error code-order"]);
  });

  it("--rule overrides the config file, with options", async () => {
    const root = project({
      "m.md": "## S\n\n| Activity | Client | Provider |\n|---|---|---|\n| Run it | I | A |\n| Use it | RA | I |\n",
      "raci-lint.config.yaml": "rules:\n  code-order: error\n",
    });
    expect(brief((await cli(["-f", "json", "."], root)).stdout)).toEqual(["m.md 5:3 error responsible-required"]);
    const relaxed = await cli(["-f", "json", "--rule", "responsible-required: [warning, {accountableCountsAsResponsible: true}]", "."], root);
    expect(brief(relaxed.stdout)).toEqual([]);
    const off = await cli(["-f", "json", "--rule", "responsible-required: off", "."], root);
    expect(off.code).toBe(0);
  });

  it("an override for one glob applies only there", async () => {
    const root = project({
      "contractual/a.md": seed,
      "guides/b.md": seed,
      "raci-lint.config.yaml": "overrides:\n  - files: ['contractual/**']\n    rules:\n      code-order: error\n      no-duplicate-activity: off\n",
    });
    const lines = brief((await cli(["-f", "json", "."], root)).stdout);
    expect(lines.filter((l) => l.startsWith("contractual/"))).toEqual([
      "contractual/a.md 13:19 warning legend-consistent",
      "contractual/a.md 41:88 error customer-involved",
      "contractual/a.md 55:95 error code-order",
      "contractual/a.md 62:109 error code-order",
      "contractual/a.md 74:96 error customer-involved",
    ]);
    expect(lines.filter((l) => l.startsWith("guides/"))).toEqual(SEED_RECOMMENDED.map((l) => l.replace("seed.md", "guides/b.md")));
  });

  it("the nearest config file applies, found by walking up from each file", async () => {
    const root = project({
      "a/seed.md": seed,
      "a/raci-lint.config.json": '{ "rules": { "code-order": "off" } }',
      "b/deeper/seed.md": seed,
      "package.json": '{ "name": "docs", "raci-lint": { "rules": { "customer-involved": "off" } } }',
    });
    const lines = brief((await cli(["-f", "json", "."], root)).stdout);
    expect(lines.filter((l) => l.includes("code-order")).every((l) => l.startsWith("b/"))).toBe(true);
    expect(lines.filter((l) => l.includes("customer-involved")).every((l) => l.startsWith("a/"))).toBe(true);
    expect(lines.filter((l) => l.includes("customer-involved"))).toHaveLength(2);
  });

  it("--no-config ignores config files and --config names one for all", async () => {
    const root = project({ "seed.md": seed, "raci-lint.config.yaml": "rules:\n  code-order: off\n", "other.yaml": "rules:\n  customer-involved: off\n" });
    expect(brief((await cli(["-f", "json", "--no-config", "seed.md"], root)).stdout)).toEqual(SEED_RECOMMENDED);
    const other = brief((await cli(["-f", "json", "--config", "other.yaml", "seed.md"], root)).stdout);
    expect(other.some((l) => l.includes("customer-involved"))).toBe(false);
    expect(other.some((l) => l.includes("code-order"))).toBe(true);
  });

  it("--print-config prints the resolved configuration of a file", async () => {
    const root = project({
      "contractual/a.md": seed,
      "raci-lint.config.yaml": "extends: raci-lint:strict\nscheme: RASCI\noverrides:\n  - files: contractual/**\n    rules:\n      code-order: off\n",
    });
    const run = await cli(["--print-config", "contractual/a.md"], root);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed.configFiles).toEqual(["raci-lint:strict", "raci-lint.config.yaml"]);
    expect(printed.scheme).toBe("RASCI");
    expect(printed.schemeInUse).toEqual({ name: "RASCI", reason: "set by the configuration" });
    expect(printed.rules["code-order"]).toBe("off");
    expect(printed.rules["legend-consistent"]).toBe("error");
    expect(printed.rules["responsible-required"]).toEqual(["error", { accountableCountsAsResponsible: false }]);
  });
});

describe("schemes", () => {
  it("--print-config says which scheme a file is read with and why: named by the document, or the default", async () => {
    const root = project({ "rasci.md": "# RASCI of the releases\n\n| Activity | Dev | Ops |\n|---|---|---|\n| Ship | R | S |\n", "plain.md": "# Releases\n" });
    expect(JSON.parse((await cli(["--print-config", "rasci.md"], root)).stdout)).toMatchObject({ scheme: "RACI", schemeInUse: { name: "RASCI", reason: "the heading at line 1 names RASCI" } });
    expect(JSON.parse((await cli(["--print-config", "plain.md"], root)).stdout).schemeInUse).toEqual({ name: "RACI", reason: "the default: the document names no other scheme" });
    expect(JSON.parse((await cli(["--print-config", "missing.md"], root)).stdout).schemeInUse).toBeUndefined();
    // A workbook is read as linting reads it (it said "RACI, the default" of the seed workbook, whose Legend sheet names the codes).
    const book = project({});
    copyFileSync(join(REPO, "matrices/cloud-temple-s3.xlsx"), join(book, "seed.xlsx"));
    expect(JSON.parse((await cli(["--print-config", "seed.xlsx"], book)).stdout).schemeInUse).toEqual({ name: "RACI", reason: "the legend of sheet Legend defines R, A, C, I" });
  });

  const withS = "## Ops\n\n| Activity | Client | Provider |\n|---|---|---|\n| Run backups | RA | I |\n| Help restore | S | RA |\n";

  it("RASCI accepts S, RACI reports it", async () => {
    const raci = project({ "m.md": withS });
    expect(brief((await cli(["-f", "json", "."], raci)).stdout)).toEqual(["m.md 6:18 error valid-codes"]);
    const rasci = project({ "m.md": withS, "raci-lint.config.yaml": "scheme: RASCI\n" });
    const run = await cli(["-f", "json", "."], rasci);
    expect(brief(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
  });

  it("code-order follows the scheme's order (RASCI: R, A, S, C, I)", async () => {
    const root = project({ "m.md": "## Ops\n\n| Activity | Client | Provider |\n|---|---|---|\n| Run | CS | RA |\n| Use | RA | I |\n", "raci-lint.config.yaml": "scheme: RASCI\n" });
    const report = JSON.parse((await cli(["-f", "json", "."], root)).stdout);
    expect(report.files[0].findings.map((f: { message: string }) => f.message)).toEqual(['Codes "CS" are out of order: write "SC".']);
  });

  it("a custom French scheme (Réalise, Approuve, Consulté, Informé) drives the legend rule", async () => {
    const legend =
      "## Rôles\n\n| Rôle | Description |\n|---|---|\n| R | Approuve | Valide le résultat |\n| A | Réalise | Fait le travail |\n| C | Consulté | Donne son avis |\n| I | Informé | Reçoit le résultat |\n\n";
    const table = "## Exploitation\n\n| Activité | Client | Fournisseur |\n|---|---|---|\n| Sauvegarder | I | RA |\n| Restaurer | RA | C |\n";
    const config = [
      "scheme:",
      "  name: RACI-FR",
      "  accountable: A",
      "  responsible: R",
      "  codes:",
      "    - { code: R, names: { fr: Réalise } }",
      "    - { code: A, names: { fr: Approuve } }",
      "    - { code: C, names: { fr: Consulté } }",
      "    - { code: I, names: { fr: Informé } }",
      "",
    ].join("\n");
    const root = project({ "m.md": legend + table, "raci-lint.config.yaml": config });
    const report = JSON.parse((await cli(["-f", "json", "."], root)).stdout);
    expect(report.files[0].findings.map((f: { line: number; message: string }) => `${f.line} ${f.message}`)).toEqual([
      '5 Legend entry (R) is named "Approuve", which is the name of A.',
      '6 Legend entry (A) is named "Réalise", which is the name of R.',
    ]);
  });
});

describe("party aliases", () => {
  it("replace the built-in customer recognition", async () => {
    const table = "## S\n\n| Activity | Buyer | Operator |\n|---|---|---|\n| Run | | RA |\n| Use | RA | I |\n";
    const unknown = project({ "m.md": table });
    expect(brief((await cli(["-f", "json", "."], unknown)).stdout)).toEqual([]);
    const configured = project({ "m.md": table, "raci-lint.config.yaml": "parties:\n  customer: [Buyer]\n  provider: [Operator]\n" });
    expect(brief((await cli(["-f", "json", "."], configured)).stdout)).toEqual(["m.md 5:9 error customer-involved"]);
  });
});
