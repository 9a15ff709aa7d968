/** A lint worker thread (see workers.ts): lints each batch of files it is sent with the run's options, and sends back what it found. */
import { parentPort, workerData } from "node:worker_threads";
import type { InputFile } from "./files.js";
import { RaciLint, type RaciLintOptions } from "./raci-lint.js";

const { options, paths } = workerData as { options: RaciLintOptions; paths: string[] };
const linter = new RaciLint(options);
parentPort!.on("message", (files: InputFile[]) => {
  void linter.lintForWorker(files, paths).then((outcomes) => parentPort!.postMessage(outcomes));
});
