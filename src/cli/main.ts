/** The `raci-lint` command's body: runs the CLI on the process' arguments and streams, and sets the exit code. */
import { runCli } from "./run.js";

/** Runs the CLI as the `raci-lint` command. */
export async function main(): Promise<void> {
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
}
