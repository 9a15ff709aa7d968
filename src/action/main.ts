/**
 * The GitHub Action (action.yml: `runs.using: node20`, `main: bundle/action.js`, which
 * scripts/bundle.mjs makes from this module). It reads the inputs the runner gives it as `INPUT_<NAME>`
 * variables, runs the raci-lint command beside it (`cli.js`) with the stylish report in the log, SARIF
 * in `sarif-file` and the Markdown report in the job summary, writes its outputs to `GITHUB_OUTPUT`,
 * appends the responsibility diff against `diff-base` to the job summary when that input is set, and
 * exits as raci-lint did. It imports Node's modules only, so the action starts without
 * installing or building anything.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { appendFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The action's inputs and their defaults, as action.yml declares them (a test keeps the two equal). */
export const INPUTS = {
  paths: ".",
  "sarif-file": "raci-lint.sarif",
  args: "",
  version: "",
  "diff-base": "",
} as const;

export type InputName = keyof typeof INPUTS;
export type Inputs = Record<InputName, string>;
type Env = Record<string, string | undefined>;

/** A raci-lint version or npm dist-tag: letters, digits and `.+-_` only, since it reaches a shell on Windows. */
const VERSION = /^[\w.+-]+$/;

/** The inputs as the runner passes them: `INPUT_` and the name in upper case, spaces as `_`; trimmed, else the default. */
export function readInputs(env: Env): Inputs {
  const inputs = {} as Inputs;
  for (const [name, fallback] of Object.entries(INPUTS) as [InputName, string][]) {
    const value = env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`]?.trim();
    inputs[name] = value === undefined || value === "" ? fallback : value;
  }
  return inputs;
}

/** A list input: items separated by spaces or new lines, never glob-expanded (raci-lint expands patterns itself). */
const words = (value: string): string[] => value.split(/\s+/).filter((word) => word !== "");

/**
 * raci-lint's arguments for the inputs: the reports, then options that inputs stand for, then the
 * user's `args`, then the paths. An input that becomes a raci-lint option adds its arguments where
 * the comment says, so that `args` can still override it.
 */
export function lintArguments(inputs: Inputs, env: Env): string[] {
  const reports = ["-f", "stylish", "-f", `sarif=${inputs["sarif-file"]}`];
  // The job summary exists on a runner only; run elsewhere, the Markdown report is not written.
  if (env.GITHUB_STEP_SUMMARY) reports.push("-f", `markdown=${env.GITHUB_STEP_SUMMARY}`);
  const options: string[] = [];
  // Inputs that stand for raci-lint options go here.
  return [...reports, ...options, ...words(inputs.args), ...words(inputs.paths)];
}

/** The arguments of `raci-lint diff` for the `diff-base` input: the Markdown diff of `paths` against `base`. */
export function diffArguments(inputs: Inputs, base: string): string[] {
  return ["diff", "--base", base, "-f", "markdown", ...words(inputs.paths)];
}

/**
 * The revision to compare with: `diff-base` when the checkout has it, else fetched from `origin`
 * (actions/checkout fetches one commit by default); a branch fetched that way is `FETCH_HEAD`.
 */
function diffBase(base: string, env: Env): { base: string } | { error: string } {
  const has = () => spawnSync("git", ["rev-parse", "--verify", "--quiet", `${base}^{commit}`], { stdio: "ignore", env }).status === 0;
  if (has()) return { base };
  const fetch = spawnSync("git", ["fetch", "--no-tags", "--depth=1", "origin", base], { stdio: ["ignore", "inherit", "inherit"], env });
  if (fetch.status !== 0) return { error: `git could not fetch ${base} from origin (${failure(fetch)})` };
  return { base: has() ? base : "FETCH_HEAD" };
}

/**
 * Appends the responsibility diff against `diff-base` to the job summary (standard output off a
 * runner); returns 0, or 2 with an error annotation when the diff could not be made.
 */
function writeDiff(file: string, inputs: Inputs, env: Env): number {
  // A revision reaches git as an argument: one that starts with `-` would be read as an option.
  const found = inputs["diff-base"].startsWith("-") ? { error: `the diff-base input must be a git revision, not "${inputs["diff-base"]}"` } : diffBase(inputs["diff-base"], env);
  if ("error" in found) {
    process.stdout.write(`::error title=raci-lint diff::${found.error}\n`);
    return 2;
  }
  const diff = spawnSync(process.execPath, [file, ...diffArguments(inputs, found.base)], { stdio: ["ignore", "pipe", "inherit"], env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, diff.stdout ?? "");
  else process.stdout.write(diff.stdout ?? "");
  if (diff.status === 0) return 0;
  process.stdout.write(`::error title=raci-lint diff::the responsibility diff against ${inputs["diff-base"]} could not be made (${failure(diff)})\n`);
  return 2;
}

/** An output as `GITHUB_OUTPUT` takes it: `name=value`, or a delimited block for a value with a line break. */
export function outputEntry(name: string, value: string): string {
  if (!/[\r\n]/.test(value)) return `${name}=${value}\n`;
  let delimiter = "raci_lint_output";
  while (value.includes(delimiter)) delimiter += "_";
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

/** The command to run raci-lint with: the one beside this file, or version `version` installed from npm. */
function command(inputs: Inputs, env: Env): { file: string } | { error: string } {
  if (inputs.version === "") return { file: join(dirname(fileURLToPath(import.meta.url)), "cli.js") };
  if (!VERSION.test(inputs.version)) return { error: `the version input must be a raci-lint version or npm dist-tag, not "${inputs.version}"` };
  const prefix = join(env.RUNNER_TEMP || tmpdir(), `raci-lint-${inputs.version}`);
  const windows = process.platform === "win32";
  // npm is npm.cmd on Windows, which only a shell runs: there the one free-form argument is quoted.
  const install = spawnSync("npm", ["install", "--prefix", windows ? `"${prefix}"` : prefix, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", `raci-lint@${inputs.version}`], {
    stdio: ["ignore", "inherit", "inherit"],
    shell: windows,
    env,
  });
  if (install.status !== 0) return { error: `npm could not install raci-lint@${inputs.version} (${failure(install)})` };
  const installed = join(prefix, "node_modules", "raci-lint");
  const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.["raci-lint"];
  if (bin === undefined) return { error: `raci-lint@${inputs.version} has no raci-lint command` };
  return { file: join(installed, bin) };
}

/** Why a child process did not succeed, in words. */
function failure(run: SpawnSyncReturns<unknown>): string {
  if (run.error) return run.error.message;
  return run.signal ? `killed by ${run.signal}` : `exit code ${run.status}`;
}

/** Runs the action in an environment like the runner's; returns the exit code for the step. */
export function runAction(env: Env = process.env): number {
  const inputs = readInputs(env);
  const outputs = (code: number) => {
    if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, outputEntry("sarif-file", inputs["sarif-file"]) + outputEntry("exit-code", String(code)));
  };
  const found = command(inputs, env);
  if ("error" in found) {
    // A workflow command: the runner shows it as an error annotation on the run.
    process.stdout.write(`::error title=raci-lint::${found.error}\n`);
    outputs(2);
    return 2;
  }
  const run = spawnSync(process.execPath, [found.file, ...lintArguments(inputs, env)], { stdio: "inherit", env });
  const code = run.status ?? 2;
  if (run.status === null) process.stdout.write(`::error title=raci-lint::raci-lint did not finish (${failure(run)})\n`);
  outputs(code);
  // The diff is written whatever the lint found; it fails the step only when it could not be made.
  const diffCode = inputs["diff-base"] === "" ? 0 : writeDiff(found.file, inputs, env);
  return code !== 0 ? code : diffCode;
}
