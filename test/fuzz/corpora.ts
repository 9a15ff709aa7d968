/**
 * The real and generated documents the differential tests lint: the shared Cloud Temple corpus, the
 * bundled matrices, the rule fixtures, the wild corpus, and a prefix of each bench corpus (made with
 * the bench's own generators, in memory).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { corpusParams, renderPage as renderBenchPage } from "../../bench/generate.mjs";
// @ts-expect-error -- plain JavaScript without declarations
import { distinctParams, renderPage as renderDistinctPage } from "../../bench/generate-distinct.mjs";
import { CORPUS, REPO } from "../helpers.js";

/** One document: a relative name (its extension picks the format) and its text. */
export interface Doc {
  name: string;
  text: string;
}

const MATRIX_FILE = /\.(md|markdown|ya?ml|json)$/u;

/** Every matrix-format file under a folder, recursively, in name order. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else if (MATRIX_FILE.test(entry)) out.push(path);
  }
  return out;
}

/** Documents of a folder, named `prefix/relative-path`. */
function docsUnder(dir: string, prefix: string, skip: (name: string) => boolean = () => false): Doc[] {
  return filesUnder(dir)
    .map((path) => ({ name: `${prefix}/${relative(dir, path).split("\\").join("/")}`, path }))
    .filter((d) => !skip(d.name))
    .map(({ name, path }) => ({ name, text: readFileSync(path, "utf8") }));
}

/** The first `count` pages of each bench corpus, with the bench's seeds and 50 rows per page. */
export function benchDocs(count: number): Doc[] {
  const docs: Doc[] = [];
  const a = corpusParams({});
  const b = distinctParams({});
  for (let i = 0; i < count; i++) docs.push({ name: `bench-a/${String(i).padStart(4, "0")}.md`, text: (renderBenchPage(a.seed, i, a.rowsPerFile) as { text: string }).text });
  for (let i = 0; i < count; i++) docs.push({ name: `bench-b/${String(i).padStart(4, "0")}.md`, text: (renderDistinctPage(b.seed, i, b.rowsPerFile) as { text: string }).text });
  return docs;
}

/** The documents stored in the repository and the shared corpus. */
export function repositoryDocs(): Doc[] {
  return [
    ...docsUnder(CORPUS, "shared"),
    ...docsUnder(join(REPO, "matrices"), "matrices"),
    // The README explains the markers; it holds no fixture.
    ...docsUnder(join(REPO, "test/rules"), "rules", (n) => n === "rules/README.md"),
    ...docsUnder(join(REPO, "test/corpus/wild"), "wild", (n) => /\/(PROVENANCE|baseline-run)\.md$/u.test(n)),
  ];
}

/** Real documents small enough to mutate cheaply (under 12 KB): fixtures, bundled matrices, wild and shared pages. */
export function mutationSources(): Doc[] {
  return repositoryDocs().filter((d) => d.text.length <= 12_000 && d.text.length > 0);
}
