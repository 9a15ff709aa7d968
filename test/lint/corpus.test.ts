/**
 * The real published matrices (five languages): no crash, the known defects at their lines, nothing
 * reported from tables that are not RACI matrices, and the finding counts pinned per rule.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { lintFiles, parseMatrix, type LintResult } from "../../src/index.js";
import { scanMarkdown } from "../../src/readers/markdown/scan.js";
import { CORPUS } from "../helpers.js";

let results: LintResult[];
const at = (suffix: string) => {
  const found = results.filter((r) => r.path.endsWith(suffix));
  expect(found, suffix).toHaveLength(1);
  return found[0]!;
};
const brief = (r: LintResult, line: number) => r.findings.filter((f) => f.line === line).map((f) => `${f.ruleId}: ${f.message}`);

beforeAll(async () => {
  results = await lintFiles(["."], { cwd: CORPUS });
});

describe("corpus/cloud-temple", () => {
  it("reads all 50 pages and about 2,800 activities in 500 tables", () => {
    expect(results).toHaveLength(50);
    let activities = 0;
    let sections = 0;
    for (const r of results) {
      const matrix = parseMatrix(readFileSync(join(CORPUS, r.path), "utf8"), r.path);
      activities += matrix.activities.length;
      sections += matrix.sections.length;
    }
    expect(activities).toBe(2820);
    expect(sections).toBe(495);
  });

  it("finds two A's and a missing A in the French Kubernetes matrix", () => {
    const k8s = at("docs/contractual/kubernetes/raci.md");
    expect(brief(k8s, 55)).toEqual(['single-accountable: 2 parties are Accountable (A) for "Gérer la sécurité du service Kubernetes": Client, Cloud Temple; exactly one must be.']);
    expect(brief(k8s, 59)).toEqual([`single-accountable: No party is Accountable (A) for "Implémenter et gérer le contrôle d'accès basé sur les rôles de base (RBAC)".`]);
  });

  it("finds the missing A (and the empty customer cell) at line 175 of the VM instances matrix", () => {
    const vm = at("docs/contractual/vm-instances/raci.md");
    expect(brief(vm, 175)).toEqual([
      'single-accountable: No party is Accountable (A) for "Gérer les capacités de stockage dédiées aux sauvegardes".',
      'customer-involved: The customer (Client) has no role in "Gérer les capacités de stockage dédiées aux sauvegardes": it must at least be Informed.',
    ]);
  });

  it("finds the English legend that defines R as __E__xecutes", () => {
    const en = at("i18n/en/docusaurus-plugin-content-docs/current/contractual/vm-instances/raci.md");
    expect(en.findings.filter((f) => f.line === 19)).toEqual([
      expect.objectContaining({ ruleId: "legend-consistent", severity: "warning", column: 18, message: 'Legend entry (R) Executes highlights "E", not "R": "__E__xecutes the process".' }),
    ]);
  });

  it("finds the party names used as codes in the German VM instances matrix, from line 110", () => {
    const de = at("i18n/de/docusaurus-plugin-content-docs/current/contractual/vm-instances/raci.md");
    const names = de.findings.filter((f) => f.ruleId === "valid-codes");
    expect(names.map((f) => `${f.line}:${f.column} ${f.party}`)).toEqual([
      "110:130 Cloud Temple",
      "111:124 Kunde",
      "112:132 Kunde",
      "113:129 Kunde",
      "114:115 Kunde",
      "115:118 Kunde",
      "116:119 Kunde",
      "117:106 Kunde",
      "118:139 Kunde",
    ]);
    expect(names[1]!.message).toBe('"Kunde" is a party name, not a role code: write the codes (RACI) the Kunde column holds.');
  });

  it("reports nothing from tables that are not RACI matrices (features, sizing) and only legend findings in legends", () => {
    let checked = 0;
    for (const r of results) {
      const doc = scanMarkdown(readFileSync(join(CORPUS, r.path), "utf8"));
      for (const block of doc.blocks) {
        if (block.kind !== "table") continue;
        const first = block.table.header.cells[0]!.raw.replace(/\*/g, "").trim();
        const isLegend = /^(Rôle|Role|Rolle|Rol|Ruolo)$/u.test(first);
        const isOther = /^(Composant|Component|Komponente|Componente|AZ)$/u.test(first);
        if (!isLegend && !isOther) continue;
        checked++;
        const inside = r.findings.filter((f) => f.line >= block.table.span.start.line && f.line <= block.table.span.end.line);
        if (isOther) expect(inside, `${r.path}:${block.table.span.start.line}`).toEqual([]);
        else
          expect(
            inside.every((f) => f.ruleId === "legend-consistent"),
            `${r.path}:${block.table.span.start.line}`,
          ).toBe(true);
      }
    }
    expect(checked).toBe(50);
  });

  it("pins the finding counts per rule", () => {
    const counts: Record<string, number> = {};
    for (const r of results) for (const f of r.findings) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
    expect(counts).toEqual({
      "consistent-translations": 11,
      "customer-involved": 159,
      "legend-consistent": 18,
      "no-duplicate-activity": 104,
      "party-has-responsibility": 7,
      "single-accountable": 25,
      "valid-codes": 9,
    });
  });
});
