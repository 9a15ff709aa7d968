// Regenerates the generated parts of the documentation from their sources (run `npm run docs`):
// docs/facts.md from the facts catalogue, and the configuration reference in README.md from
// schemas/config.schema.json. Tests fail when the committed text is out of date.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { renderFactsReference } = await import(join(root, "dist/facts/reference.js"));
const { renderConfigReference } = await import(join(root, "dist/config/reference.js"));
writeFileSync(join(root, "docs/facts.md"), renderFactsReference());

const readme = readFileSync(join(root, "README.md"), "utf8");
const start = "<!-- config-reference:start -->\n";
const end = "<!-- config-reference:end -->";
const schema = JSON.parse(readFileSync(join(root, "schemas/config.schema.json"), "utf8"));
const from = readme.indexOf(start);
const to = readme.indexOf(end);
if (from < 0 || to < 0) throw new Error("README.md lacks the config-reference markers");
writeFileSync(join(root, "README.md"), readme.slice(0, from + start.length) + renderConfigReference(schema) + readme.slice(to));
