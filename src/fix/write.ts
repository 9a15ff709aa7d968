/**
 * Writes fixed files atomically: the new text goes to a temporary file in the same directory, is
 * flushed to disk, given the original's mode, then renamed over the original. A reader (or a crash)
 * sees the old file or the new one, never half of one. I/O lives here and in the CLI only.
 */
import { randomBytes } from "node:crypto";
import { chmod, open, realpath, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** A file the fixer could not write; the original is left as it was. */
export class FixWriteError extends Error {
  constructor(
    /** The path as given to `writeFileAtomic`. */
    readonly path: string,
    /** The system error code (`EACCES`, `EROFS`, `ENOTDIR`...), when there is one. */
    readonly code: string | null,
    options: { cause: unknown },
  ) {
    super(`Cannot write ${path}: ${code ?? (options.cause as Error)?.message ?? String(options.cause)}`, options);
    this.name = "FixWriteError";
  }
}

/**
 * Replaces the file at `path` with `text` (UTF-8) atomically, keeping its permission bits; a file
 * that does not exist yet is created with the default mode. A symbolic link is followed: its target
 * is replaced, the link stays. On failure the temporary file is removed, the original is untouched,
 * and a `FixWriteError` naming the file is thrown.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  // raci-lint never rewrites a workbook (its fixes are suggestions): writing text over one would destroy it.
  if (/\.xlsx$/iu.test(path)) throw new FixWriteError(path, null, { cause: new Error("raci-lint never writes a workbook (.xlsx)") });
  let target = path;
  let mode: number | null = null;
  let temp: string | null = null;
  try {
    try {
      target = await realpath(path);
      mode = (await stat(target)).mode & 0o7777;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
    const handle = await open(temp, "wx", mode ?? 0o666);
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The mode given to open() is filtered by the umask: set the original's bits exactly.
    if (mode !== null) await chmod(temp, mode);
    await rename(temp, target);
    temp = null;
  } catch (error) {
    if (temp !== null) await unlink(temp).catch(() => undefined);
    throw new FixWriteError(path, (error as NodeJS.ErrnoException).code ?? null, { cause: error });
  }
}
