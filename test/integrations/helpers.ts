/**
 * Helpers of the integration tests: the repository as a git repository of its working tree (what a
 * user's `npm install -g git+...` or pre-commit would clone), temporary folders, and a process runner
 * whose failures print what the process said.
 */
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll } from "vitest";
import { REPO } from "../helpers.js";

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A new empty folder, removed after the test file. */
export function tempFolder(name: string): string {
  const folder = mkdtempSync(join(tmpdir(), `raci-lint-${name}-`));
  folders.push(folder);
  return folder;
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The command and all it printed, for failure messages. */
  transcript: string;
}

/** Runs a program to its end; `env` is added to this process' environment (a value `undefined` removes the variable). */
export function run(command: string, args: string[], options: SpawnSyncOptions & { env?: Record<string, string | undefined> } = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1", ...options.env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options, env });
  const stdout = String(result.stdout ?? "");
  const stderr = String(result.stderr ?? "");
  const transcript = `$ ${[command, ...args].join(" ")}\n(exit ${result.status}${result.error ? `, ${result.error.message}` : ""})\n${stdout}\n${stderr}`;
  return { status: result.status, stdout, stderr, transcript };
}

/** Runs git, failing the test with its output when it fails. */
export function git(cwd: string, ...args: string[]): string {
  const result = run("git", ["-c", "user.name=raci-lint tests", "-c", "user.email=tests@raci-lint.invalid", "-c", "commit.gpgsign=false", ...args], { cwd });
  if (result.status !== 0) throw new Error(result.transcript);
  return result.stdout;
}

/**
 * A git repository holding the working tree as it would be committed (tracked files as they are on
 * disk, and untracked ones that .gitignore does not exclude), in one commit: what `npm install -g
 * git+file://...` and pre-commit clone from a raci-lint checkout, without the tests depending on what
 * is committed yet.
 */
export function workingTreeRepository(): string {
  const folder = tempFolder("repo");
  const files = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    .split("\0")
    .filter((f) => f !== "");
  for (const file of new Set(files)) {
    const from = join(REPO, file);
    if (!existsSync(from) || !statSync(from).isFile()) continue;
    mkdirSync(dirname(join(folder, file)), { recursive: true });
    copyFileSync(from, join(folder, file));
  }
  git(folder, "init", "-q", "-b", "main");
  git(folder, "add", "-A");
  git(folder, "commit", "-q", "-m", "raci-lint working tree");
  return folder;
}

/** A matrix with no finding under the recommended rules. */
export const CLEAN_MATRIX = `# Object storage: who does what

| Activity | Customer | Provider |
|---|---|---|
| Create buckets and set their access policies | RA | C |
| Operate and patch the storage platform | I | RA |
| Restore data deleted by mistake | RA | C |
`;
