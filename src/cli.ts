#!/usr/bin/env node
/** The `raci-lint` command: parses arguments, lints, prints, and sets the exit code. */
import { setFlagsFromString } from "node:v8";
import { runCli } from "./cli/run.js";

// A lint run is short and its hot code is spread over many small functions: V8's optimising
// compiler, left to inline them, spends more (on a compiler thread sharing the machine's cores) than
// its code then saves. Without inlining, a 2,000-file run takes ~15% less time and CPU (see
// docs/architecture.md, Speed). Set before any of that code is optimised; the library's callers
// keep their own settings.
setFlagsFromString("--no-turbo-inlining");

// A reader that stops early (`raci-lint ... | head`) closes the pipe: stop quietly, as other tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
