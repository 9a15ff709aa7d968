// Precompiles the JSON Schemas under schemas/ into one ESM module of ajv standalone validators,
// so that start-up pays neither ajv's import nor its schema compilation.
import Ajv from "ajv";
import { parse as parseYaml } from "yaml";
import standalone from "ajv/dist/standalone/index.js";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// The build's first step: start from an empty dist/ so that modules removed from src/ do not linger.
rmSync(join(root, "dist"), { recursive: true, force: true });
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
const code = 'import { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);\n' + toCode(ajv, exports);
// The built-in rules as one JSON object (file name -> content): start-up then parses no YAML.
// They are validated when loaded (src/engine/load-rules.ts) and by the tests.
const rules = {};
for (const name of readdirSync(join(root, "rules"))
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort()) {
  rules[name] = parseYaml(readFileSync(join(root, "rules", name), "utf8"));
}
for (const dir of ["src/generated", "dist/generated"]) {
  mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, dir, "validators.js"), code);
  writeFileSync(join(root, dir, "builtin-rules.json"), `${JSON.stringify(rules)}\n`);
}
