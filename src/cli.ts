#!/usr/bin/env node
/** The `raci-lint` command: parses arguments, lints, prints, and sets the exit code. */
import { runCli } from "./cli/run.js";

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
