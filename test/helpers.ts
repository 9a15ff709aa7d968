/** Shared test helpers: paths to the repository's and the shared corpus' files, small runners, and zips to read. */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync, Zip, ZipPassThrough } from "fflate";
import { recommendedRules } from "../src/config/presets.js";
import type { ActiveRule } from "../src/model/rule.js";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The shared corpus: `../shared/corpus` beside the repository (CI lays it there too). */
export const SHARED = resolve(REPO, "../shared");
export const CORPUS = join(SHARED, "corpus/cloud-temple");
export const SEED = join(REPO, "matrices/cloud-temple-s3.md");

if (!existsSync(CORPUS)) throw new Error(`the shared corpus is missing at ${CORPUS}`);

/** The recommended rules, restricted to some ids. */
export function onlyRules(...ids: string[]): ActiveRule[] {
  return recommendedRules().filter((r) => ids.includes(r.rule.id));
}

/** An entry of `zipOf`: its data, deflated or stored, and the size its directory gives (the data's, unless `declared` lies). */
export interface ZipOfEntry {
  name: string;
  data: Uint8Array;
  deflate?: boolean;
  declared?: number;
}

/** fflate's pass-through entry (it computes the CRC and size), deflating when asked and declaring the size it is given. */
class DeclaredEntry extends ZipPassThrough {
  private readonly declared: number | undefined;

  constructor(name: string, deflate: boolean, declared: number | undefined) {
    super(name);
    this.compression = deflate ? 8 : 0;
    this.declared = declared;
  }

  /** The entry is pushed whole, once. */
  protected override process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    if (this.declared !== undefined) this.size = this.declared;
    this.ondata(null, this.compression === 8 ? deflateSync(chunk) : chunk, final);
  }
}

/** A zip of the entries, made by fflate (streamed: each entry's sizes follow it in a data descriptor, as many writers do). */
export function zipOf(entries: readonly ZipOfEntry[]): Buffer {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const entry of entries) {
    const file = new DeclaredEntry(entry.name, entry.deflate ?? false, entry.declared);
    zip.add(file);
    file.push(entry.data, true);
  }
  zip.end();
  return Buffer.concat(chunks);
}

/** A YAML alias bomb: seven anchors of nine aliases each (9^7 nodes expanded), then a matrix's keys. */
export const ALIAS_BOMB = [
  "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]",
  ...["b", "c", "d", "e", "f", "g"].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcdefg"[i]}`).join(", ")}]`),
  "parties: [x]",
  "sections: []",
  "",
].join("\n");
