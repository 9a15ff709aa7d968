/**
 * `raci-lint diff`: two files, two folders, the working tree against a git revision, its three
 * formats, `--fail-on-shift`, its errors, and the GitHub Action's `diff-base` input, which writes it
 * to the job summary. Real data: older Cloud Temple pages (test/corpus/cloud-temple-history/) and the shared
 * corpus.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CORPUS, REPO } from "../helpers.js";
import { CLEAN_MATRIX } from "../integrations/helpers.js";
import { cli, project } from "./harness.js";

const HISTORY = join(REPO, "test/corpus/cloud-temple-history");
const K8S_OLD = join(HISTORY, "57fa2250/docs/managed_kubernetes/concepts.md");
const K8S_NEW = join(CORPUS, "docs/managed_kubernetes/concepts.md");

/** A folder laid out as the documentation repository: `files` maps a path to the file to copy there. */
function tree(files: Record<string, string>): string {
  const root = project({});
  for (const [path, from] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    cpSync(from, join(root, path));
  }
  return root;
}

/** Runs git in a folder (a fixed identity, no user configuration). */
function git(cwd: string, ...args: string[]): string {
  const run = spawnSync("git", ["-c", "user.name=raci-lint", "-c", "user.email=raci-lint@example.com", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" },
  });
  if (run.status !== 0) throw new Error(`git ${args.join(" ")}: ${run.stderr}`);
  return run.stdout;
}

/** The Kubernetes page's diff (stylish) under a file title: each change at its old and new line, the shift first. */
const k8sStylish = (title: string) => `
${title}
  246->282  shift            Déploiement des CRDs: A moved from the customer (Client) to the provider (Cloud Temple)
  222->256  section renamed  Gestion des opérateurs/CRD Kubernetes (inclus dans le produit): was "Gestion des opérateurs/CRD Kubernetes de base"
  242->276  section renamed  Gestion des applications/opérateurs/CRD Kubernetes (du client): was "Gestion des applications/opérateurs/CRD Kubernetes (métiers)"
  151->182  annotation       Surveiller la performance du service Kubernetes: Cloud Temple RA -> RA*
  153->184  annotation       Gérer les alertes liées au service Kubernetes: Cloud Temple RA -> RA*
  171->203  annotation       Gérer la sécurité du service Kubernetes: Cloud Temple RA -> RA*
  172->204  annotation       Configurer et gérer les politiques de sécurité des pods: Cloud Temple I* -> I
  173->205  annotation       Gérer les certificats SSL/TLS pour le service Kubernetes: Cloud Temple RA -> RA*
  174->206  annotation       Gérer les certificats SSL/TLS pour les applications: Cloud Temple I* -> I
  175->207  annotation       Implémenter et gérer le contrôle d'accès basé sur les rôles de base (RBAC): Cloud Temple R -> R*
  176->208  annotation       Implémenter et gérer le contrôle d'accès basé sur les rôles client (RBAC): Cloud Temple I* -> I
  215->249  renamed          Maintenir la documentation du produit Kubernetes: was "Maintenir la documentation du service Kubernetes"
  246->282  codes            Déploiement des CRDs: Client RA -> I, Cloud Temple I -> RA

! 1 responsibility shift; 1 activity with other codes, 8 annotated, 1 renamed; 1 of 1 file changed
`;

describe("raci-lint diff OLD NEW", () => {
  it("prints the Kubernetes page's changes at both files' lines, the shift first (stylish), and exits 0 without --fail-on-shift", async () => {
    const root = tree({ "old/concepts.md": K8S_OLD, "docs/managed_kubernetes/concepts.md": K8S_NEW });
    const run = await cli(["diff", "old/concepts.md", "docs/managed_kubernetes/concepts.md"], root);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(k8sStylish("old/concepts.md -> docs/managed_kubernetes/concepts.md"));
  });

  it("--fail-on-shift exits 1 when a change shifts responsibility, 0 when none does", async () => {
    const root = tree({ "old.md": K8S_OLD, "new.md": K8S_NEW, "iaas-old.md": join(HISTORY, "836cc658/docs/contractual/iaas/raci.md"), "iaas.md": join(CORPUS, "docs/contractual/iaas/raci.md") });
    expect((await cli(["diff", "--fail-on-shift", "old.md", "new.md"], root)).code).toBe(1);
    const none = await cli(["diff", "--fail-on-shift", "iaas-old.md", "iaas.md"], root);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe("\nNo responsibility change (1 file compared).\n");
  });

  it("writes markdown for a pull-request comment (a table per file) and json, to a file with -o", async () => {
    const root = tree({ "old.md": K8S_OLD, "new.md": K8S_NEW });
    const md = await cli(["diff", "-f", "markdown", "old.md", "new.md"], root);
    expect(md.stdout.split("\n").slice(0, 8)).toEqual([
      "## Responsibility diff",
      "",
      "**1 responsibility shift**; 1 activity with other codes, 8 annotated, 1 renamed; 1 of 1 file changed.",
      "",
      "### `old.md` → `new.md`",
      "",
      "| change | line (old → new) | activity | section | detail |",
      "|---|---|---|---|---|",
    ]);
    expect(md.stdout).toContain(
      "| **shift** | 246→282 | Déploiement des CRDs | Gestion des applications/opérateurs/CRD Kubernetes (du client) | A moved from the customer (Client) to the provider (Cloud Temple) |\n",
    );
    expect(md.stdout).toContain("| codes | 246→282 | Déploiement des CRDs | Gestion des applications/opérateurs/CRD Kubernetes (du client) | Client RA → I, Cloud Temple I → RA |\n");
    expect((await cli(["diff", "-f", "json", "-o", "out/diff.json", "old.md", "new.md"], root)).stdout).toBe("");
    const json = JSON.parse(readFileSync(join(root, "out/diff.json"), "utf8"));
    expect(json.summary).toEqual({ files: 1, changedFiles: 1, shifts: 1, added: 0, removed: 0, moved: 0, renamed: 1, changed: 1, annotated: 8 });
    expect(json.files[0].activities.find((a: { change: string }) => a.change === "changed")).toEqual({
      change: "changed",
      old: { name: "Déploiement des CRDs", section: "Gestion des applications/opérateurs/CRD Kubernetes (métiers)", line: 246 },
      new: { name: "Déploiement des CRDs", section: "Gestion des applications/opérateurs/CRD Kubernetes (du client)", line: 282 },
      codes: [
        { party: "Client", role: "customer", old: "RA", new: "I" },
        { party: "Cloud Temple", role: "provider", old: "I", new: "RA" },
      ],
      annotations: [],
      shifts: [{ kind: "accountable-moved", message: "A moved from the customer (Client) to the provider (Cloud Temple)" }],
    });
  });

  it("compares two folders file by file: a page only in the new one is added, pages without a matrix are left out", async () => {
    const root = tree({
      "v1/contractual/iaas/raci.md": join(HISTORY, "836cc658/docs/contractual/iaas/raci.md"),
      "v1/contractual/paas/raci.md": join(HISTORY, "836cc658/docs/contractual/paas/raci.md"),
      "v2/contractual/iaas/raci.md": join(CORPUS, "docs/contractual/iaas/raci.md"),
      "v2/contractual/paas/raci.md": join(CORPUS, "docs/contractual/paas/raci.md"),
      "v2/contractual/network/raci.md": join(CORPUS, "docs/contractual/network/raci.md"),
      "v2/README.md": join(REPO, "test/rules/README.md"),
    });
    const run = await cli(["diff", "-f", "json", "v1", "v2"], root);
    const json = JSON.parse(run.stdout) as { files: { path: string; oldPath: string | null; status: string; activities: unknown[] }[]; summary: Record<string, number> };
    expect(json.files.map((f) => [f.path, f.oldPath, f.status, f.activities.length])).toEqual([
      ["v2/contractual/iaas/raci.md", "v1/contractual/iaas/raci.md", "unchanged", 0],
      ["v2/contractual/network/raci.md", null, "added", 4],
      ["v2/contractual/paas/raci.md", "v1/contractual/paas/raci.md", "changed", 17],
    ]);
    expect(json.summary).toMatchObject({ files: 3, changedFiles: 2, shifts: 0, added: 21 });
  });

  it("reads each side in its own format: the seed as Markdown, YAML, JSON and workbook are the same matrix; a swap against the workbook is a shift", async () => {
    const seed = (ext: string) => join(REPO, `matrices/cloud-temple-s3.${ext}`);
    const root = tree({ "s.md": seed("md"), "s.yaml": seed("yaml"), "s.json": seed("json"), "s.xlsx": seed("xlsx") });
    for (const [a, b] of [
      ["s.md", "s.yaml"],
      ["s.yaml", "s.md"],
      ["s.json", "s.md"],
      ["s.md", "s.xlsx"],
      ["s.xlsx", "s.md"],
    ]) {
      const run = await cli(["diff", a!, b!], root);
      expect([a, b, run.code, run.stdout]).toEqual([a, b, 0, "\nNo responsibility change (1 file compared).\n"]);
    }
    const md = readFileSync(seed("md"), "utf8");
    writeFileSync(join(root, "swapped.md"), md.replace(/\| __RA__( *)\| __I__( *)\|/u, "| __I__ $1| __RA__$2|"));
    const run = await cli(["diff", "s.xlsx", "swapped.md"], root);
    expect(run.stdout).toContain("shift  Subscribe to the service with the necessary information: A moved from the customer (Client) to the provider (Cloud Temple)");
  });

  it("says what is wrong, exit 2", async () => {
    const root = tree({ "a.md": K8S_OLD, "dir/b.md": K8S_NEW });
    const cases: [string[], string][] = [
      [["diff", "a.md"], "raci-lint diff: give OLD and NEW (two files or two folders), or --base <git-ref> and the paths to compare\n"],
      [["diff", "a.md", "missing.md"], "raci-lint diff: missing.md: no such file or folder\n"],
      [["diff", "a.md", "dir"], "raci-lint diff: a.md and dir: give two files or two folders\n"],
      [["diff", "-f", "sarif", "a.md", "dir/b.md"], 'raci-lint diff: unknown format "sarif" (formats: stylish, json, markdown)\n'],
      [["diff", "--base", "HEAD", "a.md"], `raci-lint diff: --base HEAD: ${root} is not in a git work tree\n`],
    ];
    for (const [args, stderr] of cases) {
      const run = await cli(args, root);
      expect([run.code, run.stderr], args.join(" ")).toEqual([2, stderr]);
    }
  });

  it("is listed in --help, and does not take a file named like another subcommand's paths away from linting", async () => {
    const root = tree({ "a.md": K8S_NEW });
    expect((await cli(["--help"], root)).stdout).toMatch(/\n {2}diff \[options\] \[paths\.\.\.\] +list the responsibility changes/u);
    const lint = await cli(["a.md", "-f", "json"], root);
    expect(JSON.parse(lint.stdout).files[0].path).toBe("a.md");
  });
});

describe("raci-lint diff --base", () => {
  /** A repository whose last commit holds the older pages; the working tree has the newer ones, one page added and one removed. */
  function repository(): string {
    const root = tree({
      "docs/managed_kubernetes/concepts.md": K8S_OLD,
      "docs/contractual/paas/raci.md": join(HISTORY, "abeba3c5/docs/contractual/paas/raci.md"),
      "docs/contractual/iaas/raci.md": join(HISTORY, "836cc658/docs/contractual/iaas/raci.md"),
      "docs/contractual/network/raci.md": join(CORPUS, "docs/contractual/network/raci.md"),
    });
    git(root, "init", "-q");
    git(root, "add", ".");
    git(root, "commit", "-q", "-m", "older pages");
    cpSync(K8S_NEW, join(root, "docs/managed_kubernetes/concepts.md"));
    cpSync(join(CORPUS, "docs/contractual/paas/raci.md"), join(root, "docs/contractual/paas/raci.md"));
    cpSync(join(CORPUS, "docs/contractual/iaas/raci.md"), join(root, "docs/contractual/iaas/raci.md"));
    cpSync(join(CORPUS, "docs/contractual/vm-instances/raci.md"), join(root, "docs/contractual/vm-instances/raci.md"));
    rmSync(join(root, "docs/contractual/network/raci.md"));
    return root;
  }

  it("reads the old side through git: changed, added and removed pages, from a sub-folder too", async () => {
    const root = repository();
    const run = await cli(["diff", "--base", "HEAD", "-f", "json", "docs"], root);
    expect(run.stderr).toBe("");
    const json = JSON.parse(run.stdout) as { files: { path: string; status: string; activities: { change: string }[] }[]; summary: Record<string, number> };
    expect(json.files.map((f) => [f.path, f.status, f.activities.map((a) => a.change).join(",")])).toEqual([
      ["docs/contractual/iaas/raci.md", "unchanged", ""],
      ["docs/contractual/network/raci.md", "removed", "removed,removed,removed,removed"],
      ["docs/contractual/paas/raci.md", "changed", "renamed,added,added"],
      ["docs/contractual/vm-instances/raci.md", "added", Array(79).fill("added").join(",")],
      ["docs/managed_kubernetes/concepts.md", "changed", "annotated,annotated,annotated,annotated,annotated,annotated,annotated,annotated,renamed,changed"],
    ]);
    expect(json.summary).toMatchObject({ shifts: 1, changedFiles: 4 });
    const inside = await cli(["diff", "--base", "HEAD", "--fail-on-shift", "managed_kubernetes"], join(root, "docs"));
    expect(inside.code).toBe(1);
    // One path: the same file at the revision and in the working tree.
    expect(inside.stdout).toBe(k8sStylish("managed_kubernetes/concepts.md"));
  });

  it("says when the revision or the path is unknown, exit 2", async () => {
    const root = repository();
    const badRef = await cli(["diff", "--base", "no-such-branch", "docs"], root);
    expect([badRef.code, badRef.stderr]).toEqual([2, "raci-lint diff: --base no-such-branch: no such commit, branch or tag here (a shallow clone may need git fetch)\n"]);
    const nowhere = await cli(["diff", "--base", "HEAD", "nowhere.md"], root);
    expect([nowhere.code, nowhere.stderr]).toEqual([2, "raci-lint diff: nowhere.md: not in the working tree, nor at HEAD\n"]);
  });
});

describe("docs/diff.md", () => {
  it("shows what the command prints for its example (two older Cloud Temple pages committed, the newer ones in the working tree)", async () => {
    const root = tree({ "docs/managed_kubernetes/concepts.md": K8S_OLD, "docs/contractual/paas/raci.md": join(HISTORY, "abeba3c5/docs/contractual/paas/raci.md") });
    git(root, "init", "-q");
    git(root, "add", ".");
    git(root, "commit", "-q", "-m", "2025");
    cpSync(K8S_NEW, join(root, "docs/managed_kubernetes/concepts.md"));
    cpSync(join(CORPUS, "docs/contractual/paas/raci.md"), join(root, "docs/contractual/paas/raci.md"));
    const page = readFileSync(join(REPO, "docs/diff.md"), "utf8");
    const stylish = await cli(["diff", "--base", "HEAD", "docs"], root);
    expect(page).toContain("```text\n" + stylish.stdout.replace(/^\n/u, "") + "```");
    const markdown = await cli(["diff", "--base", "HEAD", "-f", "markdown", "docs"], root);
    expect(page).toContain("````markdown\n" + markdown.stdout + "````");
  });
});

describe("GitHub Action: diff-base", () => {
  const action = parse(readFileSync(join(REPO, "action.yml"), "utf8")) as { inputs: Record<string, { default: string }> };

  /** Runs the action's entry (the build's, which bundle/ equals) in `cwd` with the runner's variables; returns the run and the summary. */
  function runAction(cwd: string, inputs: Record<string, string>) {
    const runner = join(project({}), "runner");
    mkdirSync(runner);
    const summary = join(runner, "summary.md");
    writeFileSync(summary, "");
    writeFileSync(join(runner, "output"), "");
    const env: Record<string, string | undefined> = {
      ...process.env,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: join(runner, "output"),
      RUNNER_TEMP: runner,
      XDG_CACHE_HOME: join(runner, "cache"),
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_CONFIG_NOSYSTEM: "1",
      NO_COLOR: "1",
    };
    for (const name of Object.keys(action.inputs)) env[`INPUT_${name.toUpperCase()}`] = inputs[name] ?? action.inputs[name]!.default;
    const run = spawnSync(process.execPath, [join(REPO, "dist/action.js")], { cwd, encoding: "utf8", env });
    return { run, summary: readFileSync(summary, "utf8"), output: readFileSync(join(runner, "output"), "utf8") };
  }

  it("is an input, off by default", () => {
    expect(action.inputs["diff-base"]!.default).toBe("");
  });

  it("fetches a base branch a shallow checkout lacks, and appends the markdown diff to the job summary after the lint's report", () => {
    // origin: the older page on branch `base`, the newer one on `main`; the checkout has main's last commit only.
    const origin = tree({ "docs/managed_kubernetes/concepts.md": K8S_OLD });
    git(origin, "init", "-q");
    git(origin, "add", ".");
    git(origin, "commit", "-q", "-m", "older page");
    git(origin, "branch", "base");
    cpSync(K8S_NEW, join(origin, "docs/managed_kubernetes/concepts.md"));
    git(origin, "commit", "-q", "-am", "newer page");
    const work = join(project({}), "work");
    git(dirname(work), "clone", "-q", "--depth", "1", "--branch", "main", `file://${origin}`, work);
    const { run, summary, output } = runAction(work, { paths: "docs", "diff-base": "base" });
    expect(run.stderr.replace(/^From .*\n|^ \* branch .*\n/gmu, "")).toBe("");
    // The lint's exit code (the page has findings at error level), not the diff's.
    expect(output).toContain(`exit-code=${run.status}\n`);
    expect(run.stdout).not.toContain("::error");
    // The step's summary file is the step's own: the lint's report writes it, the diff follows.
    expect(summary.startsWith("## raci-lint\n"), summary.slice(0, 200)).toBe(true);
    const diff = summary.slice(summary.indexOf("## Responsibility diff\n"));
    expect(
      diff.startsWith("## Responsibility diff\n\n**1 responsibility shift**; 1 activity with other codes, 8 annotated, 1 renamed; 1 of 1 file changed.\n\n### `docs/managed_kubernetes/concepts.md`\n"),
    ).toBe(true);
    expect(diff).toContain("| **shift** | 246→282 | Déploiement des CRDs |");
  });

  it("fails the step with an error annotation when the diff cannot be made, and refuses a revision that git would read as an option", () => {
    // A clean matrix: the lint passes, so the step's exit code is the diff's.
    const work = project({});
    mkdirSync(join(work, "docs"));
    writeFileSync(join(work, "docs/clean.md"), CLEAN_MATRIX);
    git(work, "init", "-q");
    const missing = runAction(work, { paths: "docs", "diff-base": "no-such-branch" });
    expect(missing.run.status, missing.run.stdout + missing.run.stderr).toBe(2);
    expect(missing.output).toBe("sarif-file=raci-lint.sarif\nexit-code=0\n");
    expect(missing.run.stdout).toContain("::error title=raci-lint diff::git could not fetch no-such-branch from origin");
    const option = runAction(work, { paths: "docs", "diff-base": "--upload-pack=touch x" });
    expect(option.run.status).toBe(2);
    expect(option.run.stdout).toContain('::error title=raci-lint diff::the diff-base input must be a git revision, not "--upload-pack=touch x"');
  });
});
