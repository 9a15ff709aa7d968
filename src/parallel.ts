/**
 * Lints many files on all cores: the file list is split between this thread and worker threads,
 * each resolving configuration and linting its share exactly as a single thread would, and the
 * results are put back in input order. Used when the run is large enough to repay a worker's
 * start-up and no check needs to see every file at once (corpus scope).
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { ConfigResolver, type ResolverOptions } from "./config/resolve.js";
import { lintPaths, type LintInput, type LintResult, type LintSetup } from "./lint.js";

/** Below this many files one thread is faster than starting workers. */
export const PARALLEL_MIN_FILES = 200;

/** What a worker is asked to do. */
export interface WorkerTask {
  inputs: LintInput[];
  resolver: ResolverOptions;
  keepSources: boolean;
}

/** Lints `inputs` in this thread with per-file configuration. */
export async function lintShare(task: WorkerTask, resolver = new ConfigResolver(task.resolver)): Promise<LintResult[]> {
  const setupOf = (input: LintInput): LintSetup => {
    const found = resolver.setupFor(input.path);
    // The caller resolved every file's configuration before starting: a problem here is a bug.
    if ("problems" in found) throw new Error(`configuration problem for ${input.display}: ${found.problems[0]!.message}`);
    return found.setup;
  };
  const results = await lintPaths(task.inputs, setupOf, task.keepSources);
  // Workers send plain data back: drop the matrix model, keep the source text when asked.
  return results.map((r) => ({ path: r.path, findings: r.findings, suppressed: r.suppressed, source: task.keepSources ? r.matrix?.source ?? null : null, matrix: null }));
}

/** Runs one share in a worker thread. */
function inWorker(task: WorkerTask): Promise<LintResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./parallel-worker.js", import.meta.url), { workerData: task });
    worker.once("message", (results: LintResult[]) => resolve(results));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`lint worker stopped with exit code ${code}`));
    });
  });
}

/**
 * Lints files with per-file configuration, on several threads when there are enough files.
 * `resolver` must already have resolved every file without problems.
 */
export async function lintFilesInParallel(inputs: readonly LintInput[], options: ResolverOptions, resolver: ConfigResolver, keepSources: boolean): Promise<LintResult[]> {
  const threads = Math.min(Number(process.env.RACI_LINT_THREADS) || availableParallelism(), 4);
  if (threads < 2 || inputs.length < PARALLEL_MIN_FILES) return lintShare({ inputs: [...inputs], resolver: options, keepSources }, resolver);
  // Contiguous shares keep each thread's files together (and their check memo warm).
  const size = Math.ceil(inputs.length / threads);
  const shares = Array.from({ length: threads }, (_, i) => inputs.slice(i * size, (i + 1) * size));
  const [own, ...others] = shares;
  const results = await Promise.all([
    lintShare({ inputs: own!, resolver: options, keepSources }, resolver),
    ...others.map((share) => inWorker({ inputs: share, resolver: options, keepSources })),
  ]);
  return results.flat();
}
