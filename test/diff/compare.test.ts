/**
 * The responsibility diff, pinned on real revisions of the Cloud Temple documentation: the older
 * files in test/corpus/cloud-temple-history/ (PROVENANCE.md) against the shared corpus, as
 * expected-diff.md lists the changes an auditor found by reading the tables.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffMatrices, diffSummary, textSimilarity, type FileDiff } from "../../src/diff/compare.js";
import { parseMatrix } from "../../src/index.js";
import { CORPUS, REPO } from "../helpers.js";

const HISTORY = join(REPO, "test/corpus/cloud-temple-history");

/** The diff of an older revision (commit folder, path) against the shared corpus' file of the same path. */
function pair(commit: string, path: string): FileDiff {
  const old = parseMatrix(readFileSync(join(HISTORY, commit, path), "utf8"), `${commit}/${path}`);
  const next = parseMatrix(readFileSync(join(CORPUS, path), "utf8"), path);
  return diffMatrices(path, old, next);
}

/** An activity change in one line: change, lines, names, codes. */
const brief = (f: FileDiff) =>
  f.activities.map((a) =>
    [
      a.change,
      `${a.old?.line ?? "-"}->${a.new?.line ?? "-"}`,
      a.new?.name ?? a.old!.name,
      [...a.codes, ...a.annotations].map((c) => `${c.party} ${c.old}>${c.new}`).join(", "),
      a.shifts.map((s) => s.message).join("; "),
    ]
      .filter(Boolean)
      .join(" | "),
  );

describe("diff of real revisions (test/corpus/cloud-temple-history -> shared corpus)", () => {
  it("IaaS, March 2025: no change, although git diff adds 12 lines and removes 10 (front matter, <br/> in 10 names)", () => {
    const diff = pair("836cc658", "docs/contractual/iaas/raci.md");
    expect(diff.status).toBe("unchanged");
    expect(diff.sections).toEqual([]);
    expect(diff.activities).toEqual([]);
    expect(diff.parties).toEqual([]);
  });

  it("PaaS, March 2025: two sections and 17 activities added, nothing else", () => {
    const diff = pair("836cc658", "docs/contractual/paas/raci.md");
    expect(diff.sections).toEqual([
      { change: "added", old: null, new: { title: "Gestion des opérateurs OpenShift", line: 108 } },
      { change: "added", old: null, new: { title: "Clarification sur l'assistance applicative", line: 140 } },
    ]);
    expect(brief(diff)).toEqual([
      "added | -->118 | Mise à disposition des opérateurs dans le catalogue | Client >CI, Cloud Temple >RA",
      "added | -->119 | Configuration initiale des Opérateurs via la Marketplace | Client >CI, Cloud Temple >RA",
      "added | -->120 | Mise à jour des Opérateurs | Client >I, Cloud Temple >RA",
      "added | -->121 | Surveillance de l’état des Opérateurs | Client >I, Cloud Temple >RA",
      "added | -->122 | Résolution des problèmes liés aux Opérateurs | Client >CI, Cloud Temple >RA",
      "added | -->123 | Gestion des autorisations des Opérateurs | Client >C, Cloud Temple >RA",
      "added | -->124 | Gestion des ressources des Opérateurs (ajout/suppression) | Client >CI, Cloud Temple >RA",
      "added | -->125 | Sauvegarde des données des ressources des Opérateurs | Client >CI, Cloud Temple >RA",
      "added | -->126 | Supervision et monitoring des ressources Opérateurs | Client >CI, Cloud Temple >RA",
      "added | -->127 | Restauration des données des ressources des Opérateurs | Client >CI, Cloud Temple >RA",
      "added | -->128 | Audit de sécurité des Opérateurs | Client >I, Cloud Temple >RA",
      "added | -->129 | Support des Opérateurs Red Hat | Client >I, Cloud Temple >RA",
      "added | -->130 | Support des Opérateurs Certifiés | Client >I, Cloud Temple >RA",
      "added | -->131 | Support des Opérateurs MarketPlace | Client >I, Cloud Temple >RA",
      "added | -->132 | Gestion des licences et contrats de licenses sur les opérateurs | Client >RA, Cloud Temple >I",
      "added | -->133 | Gestion des plans de supports spécifiques sur les opérateurs | Client >RA, Cloud Temple >I",
      "added | -->148 | Assistance applicative (prestation complémentaire) | Client >RA, Cloud Temple >C",
    ]);
  });

  it("PaaS, 13 minutes earlier: one operator-support activity split into three reads as renamed plus two added, codes unchanged", () => {
    const diff = pair("abeba3c5", "docs/contractual/paas/raci.md");
    expect(diff.sections).toEqual([]);
    expect(brief(diff)).toEqual([
      "renamed | 130->129 | Support des Opérateurs Red Hat",
      "added | -->130 | Support des Opérateurs Certifiés | Client >I, Cloud Temple >RA",
      "added | -->131 | Support des Opérateurs MarketPlace | Client >I, Cloud Temple >RA",
    ]);
    expect(diff.activities[0]!.old!.name).toBe("Support des Opérateurs certifiés Red Hat");
  });

  it("Managed Kubernetes: the one shift (Déploiement des CRDs, A from customer to provider), 8 marker changes, 2 sections and 1 activity renamed", () => {
    const diff = pair("57fa2250", "docs/managed_kubernetes/concepts.md");
    expect(diff.sections).toEqual([
      { change: "renamed", old: { title: "Gestion des opérateurs/CRD Kubernetes de base", line: 222 }, new: { title: "Gestion des opérateurs/CRD Kubernetes (inclus dans le produit)", line: 256 } },
      {
        change: "renamed",
        old: { title: "Gestion des applications/opérateurs/CRD Kubernetes (métiers)", line: 242 },
        new: { title: "Gestion des applications/opérateurs/CRD Kubernetes (du client)", line: 276 },
      },
    ]);
    expect(brief(diff)).toEqual([
      "annotated | 151->182 | Surveiller la performance du service Kubernetes | Cloud Temple RA>RA*",
      "annotated | 153->184 | Gérer les alertes liées au service Kubernetes | Cloud Temple RA>RA*",
      "annotated | 171->203 | Gérer la sécurité du service Kubernetes | Cloud Temple RA>RA*",
      "annotated | 172->204 | Configurer et gérer les politiques de sécurité des pods | Cloud Temple I*>I",
      "annotated | 173->205 | Gérer les certificats SSL/TLS pour le service Kubernetes | Cloud Temple RA>RA*",
      "annotated | 174->206 | Gérer les certificats SSL/TLS pour les applications | Cloud Temple I*>I",
      "annotated | 175->207 | Implémenter et gérer le contrôle d'accès basé sur les rôles de base (RBAC) | Cloud Temple R>R*",
      "annotated | 176->208 | Implémenter et gérer le contrôle d'accès basé sur les rôles client (RBAC) | Cloud Temple I*>I",
      "renamed | 215->249 | Maintenir la documentation du produit Kubernetes",
      "changed | 246->282 | Déploiement des CRDs | Client RA>I, Cloud Temple I>RA | A moved from the customer (Client) to the provider (Cloud Temple)",
    ]);
    expect(diff.activities.find((a) => a.change === "renamed")!.old!.name).toBe("Maintenir la documentation du service Kubernetes");
    expect(diffSummary([diff]).summary).toEqual({ files: 1, changedFiles: 1, shifts: 1, added: 0, removed: 0, moved: 0, renamed: 1, changed: 1, annotated: 8 });
  });

  it("over the four pairs: exactly one responsibility shift", () => {
    const all = diffSummary([
      pair("836cc658", "docs/contractual/iaas/raci.md"),
      pair("836cc658", "docs/contractual/paas/raci.md"),
      pair("abeba3c5", "docs/contractual/paas/raci.md"),
      pair("57fa2250", "docs/managed_kubernetes/concepts.md"),
    ]);
    expect(all.summary).toEqual({ files: 4, changedFiles: 3, shifts: 1, added: 19, removed: 0, moved: 0, renamed: 2, changed: 1, annotated: 8 });
  });
});

describe("diffMatrices", () => {
  const page = (rows: string, heading = "## Operations") => `${heading}\n\n| Activity | Client | Provider |\n|---|---|---|\n${rows}`;
  const diff = (old: string, next: string) => diffMatrices("raci.md", parseMatrix(old, "old.md"), parseMatrix(next, "raci.md"));

  it("leaves the customer out: a shift", () => {
    const d = diff(page("| Back up the VMs | I | RA |\n"), page("| Back up the VMs |  | RA |\n"));
    expect(d.activities.map((a) => [a.change, a.shifts.map((s) => s.kind)])).toEqual([["changed", ["customer-left-out"]]]);
    expect(d.activities[0]!.shifts[0]!.message).toBe("the customer (Client) is left out (it was I)");
  });

  it("gives the provider an A the customer keeps: a shift; R moving alone is not", () => {
    const d = diff(page("| Patch | RA | C |\n| Monitor | R | A |\n"), page("| Patch | RA | A |\n| Monitor | C | RA |\n"));
    expect(d.activities.map((a) => a.shifts.map((s) => s.message))).toEqual([["the provider (Provider) is now Accountable (A) too, with the customer (Client)"], []]);
  });

  it("moves an activity to another section, and reads columns by party, not by position", () => {
    const old = `${page("| Patch | RA | C |\n| Rotate keys | I | RA |\n")}\n## Security\n\n| Activity | Client | Provider |\n|---|---|---|\n| Audit | I | RA |\n`;
    const next = `${page("| Patch | RA | C |\n")}\n## Security\n\n| Activity | Provider | Client |\n|---|---|---|\n| Audit | RA | I |\n| Rotate keys | RA | I |\n`;
    const d = diff(old, next);
    expect(d.activities.map((a) => [a.change, a.old!.section, a.new!.section, a.codes.length])).toEqual([["moved", "Operations", "Security", 0]]);
  });

  it("sees a file that appears or disappears as added or removed, with its codes", () => {
    const added = diffMatrices("raci.md", null, parseMatrix(page("| Patch | RA | C |\n"), "raci.md"));
    expect([added.status, added.activities.map((a) => `${a.change} ${a.codes.map((c) => c.party + " " + c.new).join(", ")}`)]).toEqual(["added", ["added Client RA, Provider C"]]);
    const removed = diffMatrices("raci.md", parseMatrix(page("| Patch | RA | C |\n"), "raci.md"), null);
    expect(removed.status).toBe("removed");
  });

  it("compares words by sharing, not by order", () => {
    expect(textSimilarity("Support des Opérateurs certifiés Red Hat", "Support des Opérateurs Red Hat")).toBeCloseTo(10 / 11);
    expect(textSimilarity("Back up the VMs", "Rotate the keys")).toBeLessThan(0.5);
  });
});
