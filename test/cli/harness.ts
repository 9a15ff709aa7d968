/** Runs the CLI in-process with captured streams, and makes throw-away project folders. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll } from "vitest";
import { runCli } from "../../src/cli/run.js";

/** What a CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `raci-lint args...` in `cwd`, with `stdin` as standard input, no colour unless asked. */
export async function cli(args: string[], cwd: string, stdin: string | Buffer = "", env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = "";
  let stderr = "";
  out.on("data", (c: Buffer) => (stdout += c.toString()));
  err.on("data", (c: Buffer) => (stderr += c.toString()));
  const code = await runCli(args, { cwd, stdout: out, stderr: err, stdin: Readable.from([Buffer.isBuffer(stdin) ? stdin : Buffer.from(stdin)]), env });
  return { code, stdout, stderr };
}

const made: string[] = [];
// Registered in each test file that imports this module (vitest evaluates it once per file).
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder holding `files` (path -> content), removed after the test file. */
export function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "raci-lint-test-"));
  made.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** A finding of a JSON report, with its file's path. */
export interface ReportedFinding {
  path: string;
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
}

/** One line per finding of a `-f json` report, written by `show` (default: `path line:column rule`). */
export function findingLines(stdout: string, show: (f: ReportedFinding) => string = (f) => `${f.path} ${f.line}:${f.column} ${f.ruleId}`): string[] {
  const report = JSON.parse(stdout) as { files: { path: string; findings: Omit<ReportedFinding, "path">[] }[] };
  return report.files.flatMap((file) => file.findings.map((f) => show({ ...f, path: file.path })));
}
