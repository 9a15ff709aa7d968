/** Renders the facts reference page (`docs/facts.md`) from the catalogue. */
import { FACTS, SCOPES, type Scope } from "./catalog.js";

/** The Markdown of the facts reference. */
export function renderFactsReference(): string {
  let out = `# Facts reference

<!-- Generated from src/facts/catalog.ts by \`npm run docs\`; do not edit by hand. -->

Rule conditions are evaluated by [json-rules-engine](https://github.com/CacheControl/json-rules-engine)
over *facts*. Each check in a rule file declares a **scope**: what one evaluation is about. A condition
names a fact of its scope (\`{ fact: accountableCount, operator: equal, value: 0 }\`), optionally a
\`path\` into an object fact (\`{ fact: codeCounts, path: $.A, ... }\`), or compares two facts
(\`value: { fact: canonicalCodes }\`). Message templates use the same names: \`{{activity}}\`.

Operators: json-rules-engine's \`equal\`, \`notEqual\`, \`lessThan\`, \`lessThanInclusive\`,
\`greaterThan\`, \`greaterThanInclusive\`, \`in\`, \`notIn\`, \`contains\`, \`doesNotContain\`, and
raci-lint's \`matches\` / \`doesNotMatch\` (a regular expression; patterns that can backtrack
catastrophically are refused when the rule file is loaded; \`(?i)\` at the start ignores case) and
\`isEmpty\` / \`isNotEmpty\` (json-rules-engine requires a \`value\` in every comparison: write
\`value: true\`; it is ignored). \`matches\` and \`doesNotMatch\` are false and true on a fact that is
not a string (a missing \`path\`, say).

A comparison may test one of the rule's options instead of a fact: \`{ option: name, operator: equal, value: true }\`,
and a value may be an option: \`value: { option: name }\`.

`;
  for (const scope of Object.keys(FACTS) as Scope[]) {
    out += `## Scope \`${scope}\`\n\nEvaluated for ${SCOPES[scope]}.\n\n| fact | type | meaning |\n|---|---|---|\n`;
    for (const fact of FACTS[scope]) out += `| \`${fact.name}\` | ${fact.type} | ${fact.description.replace(/\|/g, "\\|")} |\n`;
    out += "\n";
  }
  return out;
}
