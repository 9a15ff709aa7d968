/**
 * Fixing any text (safe fixes, and with unsafe ones): nothing throws; fixing the output again
 * changes nothing; no line is added or removed, line ends and the BOM are kept, and a changed line
 * keeps its structure (a Markdown row its pipes, a YAML/JSON line its key); no error-level finding
 * appears that was not there; the fixed text's findings have valid positions.
 */
import { fc, it } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { anyInput, markdownDoc, yamlDoc } from "./arbitraries.js";
import { mutationSources } from "./corpora.js";
import { fixProblems, FUZZ_SCHEMES, SCHEME_NAMES, positionProblems, setupOf, unexplained } from "./invariants.js";
import { params } from "./settings.js";

const scheme = fc.constantFrom(...SCHEME_NAMES);

async function holds(input: { name: string; text: string }, s: string, unsafe: boolean): Promise<void> {
  const { problems, fixed } = await fixProblems(input, setupOf(FUZZ_SCHEMES[s]), unsafe);
  for (const f of [...fixed.findings, ...fixed.suppressed]) problems.push(...positionProblems(fixed.output, f));
  expect(unexplained(problems)).toEqual([]);
}

describe("fixes are idempotent, keep everything but the codes, and add no error", () => {
  it.prop([markdownDoc, scheme, fc.boolean()], params("fix/markdown"))("generated Markdown", (input, s, unsafe) => holds(input, s, unsafe));
  it.prop([yamlDoc, scheme, fc.boolean()], params("fix/yaml"))("generated YAML", (input, s, unsafe) => holds(input, s, unsafe));
  it.prop([anyInput(mutationSources()), scheme, fc.boolean()], params("fix/any"))("any input", (input, s, unsafe) => holds(input, s, unsafe));
});
