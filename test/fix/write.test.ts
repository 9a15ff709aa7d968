/**
 * writeFileAtomic: the new text replaces the file in one rename, the mode is kept, and a write that
 * fails leaves the original intact, no temporary file behind, and an error naming the file.
 *
 * These tests run as root in CI, where a read-only directory is still writable. The failures are
 * therefore made in ways root cannot bypass: a path whose directory component is a regular file
 * (ENOTDIR), a file whose temporary sibling's name is too long for the file system (ENAMETOOLONG;
 * like a read-only directory, the temporary file cannot be created next to the file), and a rename
 * onto a directory (EISDIR; the temporary file was written and must be cleaned up). An immutable
 * directory (`chattr +i`, which binds root too) is also tried where the file system supports it.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recommendedRules } from "../../src/config/presets.js";
import { fixText } from "../../src/fix/fixer.js";
import { FixWriteError, writeFileAtomic } from "../../src/fix/write.js";
import { RACI } from "../../src/model/scheme.js";
import { SEED } from "../helpers.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "raci-lint-write-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const seed = readFileSync(SEED, "utf8");

describe("writeFileAtomic", () => {
  it("replaces the file, keeps its mode and leaves no temporary file", async () => {
    const file = join(dir, "raci.md");
    writeFileSync(file, "old\r\n");
    chmodSync(file, 0o640);
    await writeFileAtomic(file, "\uFEFFnew\r\n");
    expect(readFileSync(file, "utf8")).toBe("\uFEFFnew\r\n");
    expect(statSync(file).mode & 0o7777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(["raci.md"]);
  });

  it("keeps a read-only file's mode (the directory decides whether it can be replaced)", async () => {
    const file = join(dir, "raci.md");
    writeFileSync(file, "old");
    chmodSync(file, 0o444);
    await writeFileAtomic(file, "new");
    expect(readFileSync(file, "utf8")).toBe("new");
    expect(statSync(file).mode & 0o7777).toBe(0o444);
  });

  it("creates a file that does not exist yet", async () => {
    await writeFileAtomic(join(dir, "new.md"), "text");
    expect(readFileSync(join(dir, "new.md"), "utf8")).toBe("text");
  });

  it("replaces a symbolic link's target and keeps the link", async () => {
    mkdirSync(join(dir, "real"));
    writeFileSync(join(dir, "real", "raci.md"), "old");
    symlinkSync(join("real", "raci.md"), join(dir, "link.md"));
    await writeFileAtomic(join(dir, "link.md"), "new");
    expect(lstatSync(join(dir, "link.md")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, "link.md"))).toBe(join("real", "raci.md"));
    expect(readFileSync(join(dir, "real", "raci.md"), "utf8")).toBe("new");
  });

  it("fails with ENOTDIR when a directory component is a regular file", async () => {
    writeFileSync(join(dir, "file.md"), "original");
    const path = join(dir, "file.md", "inner.md");
    const error = await writeFileAtomic(path, "new").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FixWriteError);
    expect(error).toMatchObject({ path, code: "ENOTDIR", message: `Cannot write ${path}: ENOTDIR` });
    expect(readFileSync(join(dir, "file.md"), "utf8")).toBe("original");
    expect(readdirSync(dir)).toEqual(["file.md"]);
  });

  it("cleans up the temporary file when the rename fails (EISDIR)", async () => {
    mkdirSync(join(dir, "target.md"));
    const error = await writeFileAtomic(join(dir, "target.md"), "new").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "EISDIR" });
    expect(readdirSync(dir)).toEqual(["target.md"]);
    expect(statSync(join(dir, "target.md")).isDirectory()).toBe(true);
  });
});

describe("a fixed file whose write fails", () => {
  it("is reported and the original stays intact (temporary file cannot be created: ENAMETOOLONG)", async () => {
    // 250 characters is a valid name; `.<name>.<pid>.<random>.tmp` beside it is not (NAME_MAX is 255).
    const file = join(dir, `${"m".repeat(247)}.md`);
    writeFileSync(file, seed);
    const result = await fixText(readFileSync(file, "utf8"), file, { rules: recommendedRules(), scheme: RACI });
    expect(result.changed).toBe(true);
    const error = await writeFileAtomic(file, result.output).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FixWriteError);
    expect((error as FixWriteError).message).toBe(`Cannot write ${file}: ENAMETOOLONG`);
    expect(readFileSync(file, "utf8")).toBe(seed);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  /** Whether `chattr +i` works here (root with CAP_LINUX_IMMUTABLE on ext4/xfs/btrfs); not on tmpfs or overlayfs. */
  function immutable(path: string, on: boolean): boolean {
    const run = spawnSync("chattr", [on ? "+i" : "-i", path], { stdio: "ignore" });
    return run.status === 0;
  }

  it("is reported and the original stays intact in an immutable (read-only even for root) directory", async (context) => {
    const sub = join(dir, "ro");
    mkdirSync(sub);
    const file = join(sub, "raci.md");
    writeFileSync(file, seed);
    if (!immutable(sub, true)) return context.skip();
    try {
      const result = await fixText(seed, file, { rules: recommendedRules(), scheme: RACI });
      const error = await writeFileAtomic(file, result.output).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FixWriteError);
      expect((error as FixWriteError).message).toMatch(/^Cannot write .*raci\.md: E(PERM|ACCES|ROFS)$/u);
      expect(readFileSync(file, "utf8")).toBe(seed);
      expect(readdirSync(sub)).toEqual(["raci.md"]);
    } finally {
      immutable(sub, false);
    }
  });
});
