// Writes docs/facts.md from the facts catalogue (src/facts/catalog.ts, compiled to dist/).
// `npm run docs` regenerates it; a test fails when the committed page is out of date.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { renderFactsReference } = await import(join(root, "dist/facts/reference.js"));
writeFileSync(join(root, "docs/facts.md"), renderFactsReference());
