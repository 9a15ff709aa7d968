/** The streams and environment the CLI talks to (its own module: `run.ts` and `convert.ts` both use it). */
export interface CliIo {
  cwd: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

/** Plain words for the system's reasons an output file cannot be written; the code stays for searching. */
const WRITE_ERRORS: Record<string, string> = {
  EEXIST: "EEXIST, a part of its path is a file, not a folder",
  ENOTDIR: "ENOTDIR, a part of its path is a file, not a folder",
  EISDIR: "EISDIR, it is a folder",
  EACCES: "EACCES, permission denied",
  EPERM: "EPERM, operation not permitted",
  EROFS: "EROFS, a read-only file system",
  ENOSPC: "ENOSPC, no space left on the device",
};

/** Why an output could not be written, in plain words (`cannot write out/x: ${writeError(error)}`). */
export function writeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return (code && WRITE_ERRORS[code]) ?? code ?? (error as Error).message;
}
