/**
 * Import directions between the folders of src/ (see docs/architecture.md):
 * model ← readers ← facts ← engine ← lint ← suppress, fix ← config ← api ← cli;
 * formatters, diff and writers depend on model only; no cycle between folders.
 */
/** What each folder may import (besides itself, shared leaves and packages). */
const allowed = {
  model: [],
  readers: ["model"],
  facts: ["model", "readers"],
  engine: ["model", "readers", "facts"],
  lint: ["model", "readers", "facts", "engine"],
  suppress: ["model", "readers", "lint"],
  fix: ["model", "readers", "facts", "engine", "lint", "suppress"],
  config: ["model", "readers", "engine", "lint"],
  api: ["model", "readers", "facts", "engine", "lint", "suppress", "fix", "config", "formatters", "diff"],
  cli: ["model", "readers", "config", "api", "formatters", "diff", "writers"],
  formatters: ["model"],
  diff: ["model"],
  writers: ["model"],
  // The GitHub Action's entry runs the command; it imports nothing of src/.
  action: [],
};
// Leaves any folder may use: generated validators, schema helpers.
const leaves = ["generated", "schema"];

module.exports = {
  forbidden: [
    ...Object.entries(allowed).map(([from, to]) => ({
      name: `${from}-imports`,
      comment: `src/${from}/ may import only ${[...to, ...leaves].join(", ") || "nothing else in src"}`,
      severity: "error",
      from: { path: `^src/${from}/` },
      to: { path: "^src/", pathNot: [`^src/(${[from, ...to, ...leaves].join("|")})/`, "^src/index\\.ts$"] },
    })),
    {
      name: "no-folder-cycles",
      comment: "folders of src/ import each other in one direction only",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true, viaOnly: { path: "^src/" } },
    },
    {
      name: "nothing-imports-the-entry-points",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(index|cli)\\.ts$" },
      to: { path: "^src/(index|cli)\\.ts$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
