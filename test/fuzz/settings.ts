/**
 * How many cases the fuzz properties run. `npm test`: the counts below with a fixed seed (a few
 * thousand cases in all, the same ones every time). `npm run fuzz` (scripts/fuzz.mjs) sets
 * RACI_FUZZ_RUNS, the total wanted, and RACI_FUZZ_SEED: every count is scaled to reach that total.
 * fast-check shrinks a failure and prints the minimal input, with the seed and path that replay it.
 */

/** Cases per property in `npm test`. */
export const CASES = {
  "robustness/markdown": 350,
  "robustness/yaml": 250,
  "robustness/json": 150,
  "robustness/mutated": 400,
  "robustness/memo-off": 150,
  "order/built-in": 80,
  "order/generated": 25,
  "fix/markdown": 250,
  "fix/yaml": 150,
  "fix/any": 250,
} as const;

/** The suite's total. */
export const SUITE_CASES = Object.values(CASES).reduce((a: number, b: number) => a + b, 0);
const WANTED = Number(process.env.RACI_FUZZ_RUNS ?? SUITE_CASES);
/** The suite's seed: fixed, so `npm test` checks the same cases every time. */
export const SEED = Number(process.env.RACI_FUZZ_SEED ?? 20_240_611);

/** fast-check parameters of a property. */
export function params(name: keyof typeof CASES): { numRuns: number; seed: number } {
  return { numRuns: Math.max(1, Math.round((CASES[name] * WANTED) / SUITE_CASES)), seed: SEED };
}
