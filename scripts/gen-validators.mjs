// Precompiles the JSON Schemas under schemas/ into one ESM module of ajv standalone validators,
// so that start-up pays neither ajv's import nor its schema compilation.
import Ajv from "ajv";
import standalone from "ajv/dist/standalone/index.js";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const schemas = { rule: "rule.schema.json", matrix: "matrix.schema.json", config: "config.schema.json" };

const ajv = new Ajv({ code: { source: true, esm: true }, allErrors: true, strict: true, strictRequired: false, strictTypes: false, strictTuples: false, allowUnionTypes: true });
const exports = {};
for (const [name, file] of Object.entries(schemas)) {
  let text;
  try {
    text = readFileSync(join(root, "schemas", file), "utf8");
  } catch {
    continue;
  }
  ajv.addSchema(JSON.parse(text), name);
  exports[name] = name;
}
const toCode = standalone.default ?? standalone;
// ajv's ESM output still `require`s a few runtime helpers; give the module a require of its own.
const code =
  'import { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);\n' + toCode(ajv, exports);
for (const dir of ["src/generated", "dist/generated"]) {
  mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, dir, "validators.js"), code);
}
