#!/usr/bin/env node
/**
 * `npm run fuzz`: the fuzz properties of test/fuzz/ with many more cases than `npm test` runs
 * (100,000 by default, spread over the properties in the suite's proportions), with a seed.
 * fast-check shrinks any failure: vitest prints the minimal input, and the seed and path that
 * replay it (`RACI_FUZZ_SEED=<seed> npm run fuzz -- --runs <n>` replays the whole campaign).
 *
 * Usage: node scripts/fuzz.mjs [--runs N] [--seed S] [--strict] [vitest filters...]
 *   --runs N   total cases (default 100000; env RACI_FUZZ_RUNS)
 *   --seed S   fast-check seed (default: env RACI_FUZZ_SEED, else drawn at random and printed)
 *   --strict   do not set aside the problems of known, not yet fixed defects (RACI_FUZZ_STRICT=1)
 *   filters    vitest name filters, e.g. `fix` or `robustness` (default: every property file)
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  if (value === undefined) throw new Error(`${name} needs a value`);
  return value;
};
const runs = Number(option("--runs") ?? process.env.RACI_FUZZ_RUNS ?? 100_000);
const seed = Number(option("--seed") ?? process.env.RACI_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const strict = args.includes("--strict") ? (args.splice(args.indexOf("--strict"), 1), true) : process.env.RACI_FUZZ_STRICT === "1";
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs must be a positive whole number");
if (!Number.isInteger(seed)) throw new Error("--seed must be a whole number");

// The property files (the linear-time checks and the known defects' cases have no cases to multiply).
const NOT_PROPERTIES = new Set(["linear-time.test.ts", "known-defects.test.ts"]);
const files = readdirSync(join(ROOT, "test/fuzz"))
  .filter((f) => f.endsWith(".test.ts") && !NOT_PROPERTIES.has(f))
  .map((f) => `test/fuzz/${f}`);
const filters = args.length ? files.filter((f) => args.some((a) => f.includes(a))) : files;
if (filters.length === 0) throw new Error(`no property file matches ${args.join(", ")} (files: ${files.join(", ")})`);

console.log(`fuzz: ${runs.toLocaleString("en-US")} cases, seed ${seed}${strict ? ", strict" : ""}, files ${filters.join(", ")}`);
const started = Date.now();
const result = spawnSync("npx", ["vitest", "run", "--testTimeout=0", "--hookTimeout=0", ...filters], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, RACI_FUZZ_RUNS: String(runs), RACI_FUZZ_SEED: String(seed), ...(strict ? { RACI_FUZZ_STRICT: "1" } : {}) },
});
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
if (result.status === 0) console.log(`fuzz: no failure in ${runs.toLocaleString("en-US")} cases (seed ${seed}, ${minutes} min)`);
else console.log(`fuzz: failures above (seed ${seed}, ${minutes} min); replay with RACI_FUZZ_SEED=${seed} npm run fuzz -- --runs ${runs}`);
process.exit(result.status ?? 1);
