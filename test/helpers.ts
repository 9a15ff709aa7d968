/** Shared test helpers: paths to the repository's and the shared corpus' files, and small runners. */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { recommendedRules } from "../src/config/presets.js";
import type { ActiveRule } from "../src/model/rule.js";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The shared corpus: `../shared/corpus` beside the repository (CI lays it there too). */
export const SHARED = resolve(REPO, "../shared");
export const CORPUS = join(SHARED, "corpus/cloud-temple");
export const SEED = join(REPO, "matrices/cloud-temple-s3.md");

if (!existsSync(CORPUS)) throw new Error(`the shared corpus is missing at ${CORPUS}`);

/** The recommended rules, restricted to some ids. */
export function onlyRules(...ids: string[]): ActiveRule[] {
  return recommendedRules().filter((r) => ids.includes(r.rule.id));
}
