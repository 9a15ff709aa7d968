// Generated from src/action/main.ts by scripts/bundle.mjs (npm run bundle): do not edit.

// src/action/main.ts
import { spawnSync } from "node:child_process";
import { appendFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
var INPUTS = {
  paths: ".",
  "sarif-file": "raci-lint.sarif",
  args: "",
  version: "",
  "diff-base": ""
};
var VERSION = /^[\w.+-]+$/;
function readInputs(env) {
  const inputs = {};
  for (const [name, fallback] of Object.entries(INPUTS)) {
    const value = env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`]?.trim();
    inputs[name] = value === void 0 || value === "" ? fallback : value;
  }
  return inputs;
}
var words = (value) => value.split(/\s+/).filter((word) => word !== "");
function lintArguments(inputs, env) {
  const reports = ["-f", "stylish", "-f", `sarif=${inputs["sarif-file"]}`];
  if (env.GITHUB_STEP_SUMMARY) reports.push("-f", `markdown=${env.GITHUB_STEP_SUMMARY}`);
  const options = [];
  return [...reports, ...options, ...words(inputs.args), ...words(inputs.paths)];
}
function diffArguments(inputs, base) {
  return ["diff", "--base", base, "-f", "markdown", ...words(inputs.paths)];
}
function diffBase(base, env) {
  const has = () => spawnSync("git", ["rev-parse", "--verify", "--quiet", `${base}^{commit}`], { stdio: "ignore", env }).status === 0;
  if (has()) return { base };
  const fetch = spawnSync("git", ["fetch", "--no-tags", "--depth=1", "origin", base], { stdio: ["ignore", "inherit", "inherit"], env });
  if (fetch.status !== 0) return { error: `git could not fetch ${base} from origin (${failure(fetch)})` };
  return { base: has() ? base : "FETCH_HEAD" };
}
function writeDiff(file, inputs, env) {
  const found = inputs["diff-base"].startsWith("-") ? { error: `the diff-base input must be a git revision, not "${inputs["diff-base"]}"` } : diffBase(inputs["diff-base"], env);
  if ("error" in found) {
    process.stdout.write(`::error title=raci-lint diff::${found.error}
`);
    return 2;
  }
  const diff = spawnSync(process.execPath, [file, ...diffArguments(inputs, found.base)], { stdio: ["ignore", "pipe", "inherit"], env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, diff.stdout ?? "");
  else process.stdout.write(diff.stdout ?? "");
  if (diff.status === 0) return 0;
  process.stdout.write(`::error title=raci-lint diff::the responsibility diff against ${inputs["diff-base"]} could not be made (${failure(diff)})
`);
  return 2;
}
function outputEntry(name, value) {
  if (!/[\r\n]/.test(value)) return `${name}=${value}
`;
  let delimiter = "raci_lint_output";
  while (value.includes(delimiter)) delimiter += "_";
  return `${name}<<${delimiter}
${value}
${delimiter}
`;
}
function command(inputs, env) {
  if (inputs.version === "") return { file: join(dirname(fileURLToPath(import.meta.url)), "cli.js") };
  if (!VERSION.test(inputs.version)) return { error: `the version input must be a raci-lint version or npm dist-tag, not "${inputs.version}"` };
  const prefix = join(env.RUNNER_TEMP || tmpdir(), `raci-lint-${inputs.version}`);
  const windows = process.platform === "win32";
  const install = spawnSync("npm", ["install", "--prefix", windows ? `"${prefix}"` : prefix, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", `raci-lint@${inputs.version}`], {
    stdio: ["ignore", "inherit", "inherit"],
    shell: windows,
    env
  });
  if (install.status !== 0) return { error: `npm could not install raci-lint@${inputs.version} (${failure(install)})` };
  const installed = join(prefix, "node_modules", "raci-lint");
  const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
  const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.["raci-lint"];
  if (bin === void 0) return { error: `raci-lint@${inputs.version} has no raci-lint command` };
  return { file: join(installed, bin) };
}
function failure(run) {
  if (run.error) return run.error.message;
  return run.signal ? `killed by ${run.signal}` : `exit code ${run.status}`;
}
function runAction(env = process.env) {
  const inputs = readInputs(env);
  const outputs = (code2) => {
    if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, outputEntry("sarif-file", inputs["sarif-file"]) + outputEntry("exit-code", String(code2)));
  };
  const found = command(inputs, env);
  if ("error" in found) {
    process.stdout.write(`::error title=raci-lint::${found.error}
`);
    outputs(2);
    return 2;
  }
  const run = spawnSync(process.execPath, [found.file, ...lintArguments(inputs, env)], { stdio: "inherit", env });
  const code = run.status ?? 2;
  if (run.status === null) process.stdout.write(`::error title=raci-lint::raci-lint did not finish (${failure(run)})
`);
  outputs(code);
  const diffCode = inputs["diff-base"] === "" ? 0 : writeDiff(found.file, inputs, env);
  return code !== 0 ? code : diffCode;
}

// src/action.ts
process.exitCode = runAction();
