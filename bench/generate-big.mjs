#!/usr/bin/env node
/**
 * The "big results" input: one Markdown page of about 50 MB (BENCH_BIG_MB) whose tables carry about
 * two million findings, for what the issue measured breaking (22 s, 3.1 GB, and `-f json` dying in
 * JSON.stringify). Sections of 1,000 rows each; rows cycle through patterns that give 0 to 5 findings
 * (code-order, single-accountable, responsible-required, customer-involved, valid-codes,
 * no-duplicate-codes), with activity names unique in their section. Deterministic (no randomness).
 *
 * Usage: node bench/generate-big.mjs [--force]   (env: BENCH_BIG_MB, default 50)
 * Writes bench/.corpus/big/big.md and bench/.corpus/big/manifest.json; skipped when the manifest
 * matches the size and this file's source.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** Where the big page and its manifest go (git-ignored, under bench/.corpus). */
export const BIG_ROOT = path.join(HERE, ".corpus", "big");
export const BIG_FILE = path.join(BIG_ROOT, "big.md");
const MANIFEST = path.join(BIG_ROOT, "manifest.json");

/** Cells of (Client, Provider, Auditor) per row, cycled: findings per row from 0 to 5. */
const PATTERNS = [
  ["RA", "C", "I"],
  ["AR", "I", "C"],
  ["AR", "AR", "I"],
  ["", "RA", "I"],
  ["C", "I", "I"],
  ["RA", "XX", "RR"],
  ["I", "RA", "C"],
  ["AR", "AR", "AR"],
];
const ROWS_PER_SECTION = 1000;

/** The size wanted, in MB (10^6 bytes). */
export function bigParams() {
  const mb = Number(process.env.BENCH_BIG_MB ?? 50);
  if (!(mb > 0)) throw new Error("BENCH_BIG_MB must be a positive number");
  return { mb };
}

/** Writes the page (streamed, in 1 MB pieces) unless its manifest says it is there already; returns the manifest. */
export function ensureBigFile(params = bigParams(), force = false) {
  const source = fs.readFileSync(fileURLToPath(import.meta.url), "utf8");
  const paramsHash = createHash("sha256").update(JSON.stringify(params)).update(source).digest("hex").slice(0, 16);
  if (!force && fs.existsSync(BIG_FILE)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(MANIFEST, "utf8"));
      if (manifest.paramsHash === paramsHash && fs.statSync(BIG_FILE).size === manifest.bytes) return { manifest, generated: false };
    } catch {
      // regenerate
    }
  }
  fs.mkdirSync(BIG_ROOT, { recursive: true });
  const target = params.mb * 1e6;
  const fd = fs.openSync(BIG_FILE, "w");
  let bytes = 0;
  let rows = 0;
  let buffer = "---\ntitle: Big responsibility matrix\n---\n\n# Big responsibility matrix\n\n";
  const flush = () => {
    const chunk = Buffer.from(buffer);
    fs.writeSync(fd, chunk);
    bytes += chunk.length;
    buffer = "";
  };
  for (let section = 1; bytes + buffer.length < target; section++) {
    buffer += `## Section ${section}\n\n| Activity | Client | Provider | Auditor |\n|---|---|---|---|\n`;
    for (let i = 0; i < ROWS_PER_SECTION; i++, rows++) {
      const [a, b, c] = PATTERNS[rows % PATTERNS.length];
      buffer += `| Operate service ${section}.${i} | ${a} | ${b} | ${c} |\n`;
    }
    buffer += "\n";
    if (buffer.length > 1e6) flush();
  }
  flush();
  fs.closeSync(fd);
  const manifest = { paramsHash, params, file: path.relative(path.dirname(HERE), BIG_FILE), bytes, rows };
  fs.writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, generated: true };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { manifest, generated } = ensureBigFile(bigParams(), process.argv.includes("--force"));
  process.stdout.write(`${manifest.file}: ${manifest.bytes.toLocaleString("en-US")} bytes, ${manifest.rows.toLocaleString("en-US")} rows${generated ? "" : " (up to date)"}\n`);
}
