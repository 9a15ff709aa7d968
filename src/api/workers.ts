/**
 * Linting on worker threads (`--threads`): files go to the workers in batches, each worker asking
 * for the next when it is done, so a slow file holds up one worker only. Each worker has its own
 * `RaciLint` made with the run's options (it finds each file's configuration as the run does) and
 * returns, per file, what linting found before corpus-scope checks and directives; the run puts
 * those together in file order (see `RaciLint#lintInputsThreaded`).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { InputFile } from "./files.js";
import type { LintResult } from "../model/result.js";
import type { CachedLint } from "./cache.js";

/** What became of one file linted on a worker (or answered by the cache). */
export type FileOutcome =
  /** Found in a folder and not a matrix document: left out. */
  | { kind: "skipped" }
  /** A result as it stands (the file could not be read, or raci-lint failed on it). */
  | { kind: "result"; result: LintResult }
  /** Its lint before corpus-scope checks and directives; `fresh`: linted now (not from the cache). */
  | { kind: "lint"; lint: CachedLint; source?: string; fresh?: true };

/** The options a worker makes its `RaciLint` with (the façade's; opaque here, so that this module does not import it). */
export type WorkerLintOptions = object;

/** Files per batch: enough that messages are few, few enough that the workers end together. */
const BATCH = 16;

/**
 * The worker script: the bundled one beside the CLI's bundle (dist/lint-worker.cjs, quick to start),
 * else tsc's output (dist/api/lint-worker.js); null when running from sources (tests), where no script runs.
 */
export function workerScript(): string | null {
  for (const url of [new URL("../lint-worker.cjs", import.meta.url), new URL("./lint-worker.js", import.meta.url)]) {
    const path = fileURLToPath(url);
    if (existsSync(path)) return path;
  }
  return null;
}

/**
 * Lints `files` on `threads` threads: this one (through `local`) and `threads - 1` workers, all
 * taking batches from one queue; `done(index, outcome)` is called for each file, in no particular order.
 */
export async function runOnWorkers(
  files: readonly InputFile[],
  /** Every path of the run (the translation scope keeps the pages paired among them). */
  paths: readonly string[],
  threads: number,
  options: WorkerLintOptions,
  local: (batch: InputFile[]) => Promise<FileOutcome[]>,
  done: (index: number, outcome: FileOutcome) => void,
): Promise<void> {
  if (files.length === 0) return;
  const script = workerScript();
  if (script === null) throw new Error("no worker script (dist/lint-worker.cjs or dist/api/lint-worker.js): build raci-lint, or lint with threads: 1");
  let next = 0;
  /** The next batch's first index, or -1 when none is left. */
  const take = (): number => {
    if (next >= files.length) return -1;
    const start = next;
    next = Math.min(files.length, next + BATCH);
    return start;
  };
  const workers = Math.min(threads - 1, Math.ceil(files.length / BATCH) - 1);
  const remote = Array.from({ length: Math.max(0, workers) }, () => {
    const worker = new Worker(script, { workerData: { options, paths } });
    return new Promise<void>((resolve, reject) => {
      let start = 0;
      let finished = false;
      const send = () => {
        start = take();
        if (start < 0) {
          finished = true;
          void worker.terminate().then(() => resolve());
          return;
        }
        worker.postMessage(files.slice(start, Math.min(files.length, start + BATCH)));
      };
      worker.on("message", (outcomes: FileOutcome[]) => {
        outcomes.forEach((outcome, k) => done(start + k, outcome));
        send();
      });
      worker.on("error", reject);
      worker.on("exit", (code) => {
        if (!finished) reject(new Error(`a lint worker stopped (exit code ${code}) before its files were linted`));
      });
      send();
    });
  });
  // This thread lints too, a batch at a time, letting the workers' messages in between (they wait for their next batch).
  const here = (async () => {
    for (let start = take(); start >= 0; start = take()) {
      const outcomes = await local(files.slice(start, Math.min(files.length, start + BATCH)));
      outcomes.forEach((outcome, k) => done(start + k, outcome));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  })();
  await Promise.all([here, ...remote]);
}
