/** Worker thread entry: lints the share of files it is given and posts the results back. */
import { parentPort, workerData } from "node:worker_threads";
import { lintShare, type WorkerTask } from "./parallel.js";

const results = await lintShare(workerData as WorkerTask);
parentPort!.postMessage(results);
