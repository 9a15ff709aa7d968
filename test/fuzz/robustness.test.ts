/**
 * Whatever the text, linting neither throws nor reports an internal error, and every finding's
 * position (and every fix's range) lies within the document, its start before its end, never
 * between `\r` and `\n`. Inputs: generated Markdown, YAML and JSON matrices, and mutated real files.
 */
import { fc, it } from "@fast-check/vitest";
import { RACI } from "../../src/model/scheme.js";
import { describe, expect } from "vitest";
import { anyInput, jsonDoc, markdownDoc, mutatedDoc, yamlDoc } from "./arbitraries.js";
import { mutationSources } from "./corpora.js";
import { FUZZ_SCHEMES, SCHEME_NAMES, lintAlone, resultProblems, unexplained } from "./invariants.js";
import { params } from "./settings.js";

const scheme = fc.constantFrom(...SCHEME_NAMES);
const sources = mutationSources();

async function holds(input: { name: string; text: string }, s: string, memoize: boolean): Promise<void> {
  const result = await lintAlone(input, FUZZ_SCHEMES[s], undefined, memoize);
  expect(unexplained(resultProblems(input.text, result))).toEqual([]);
}

describe("linting any text: nothing throws, no internal error, positions inside the text", () => {
  it("a YAML error after a CRLF line ends before the CR (the yaml library's span ended between CR and LF)", async () => {
    const text = "parties:\r\nparties:\r\n";
    expect(resultProblems(text, await lintAlone({ name: "x.yaml", text }, RACI))).toEqual([]);
  });

  it.prop([markdownDoc, scheme], params("robustness/markdown"))("generated Markdown", (input, s) => holds(input, s, true));
  it.prop([yamlDoc, scheme], params("robustness/yaml"))("generated YAML (aliases, merge keys, wrong types)", (input, s) => holds(input, s, true));
  it.prop([jsonDoc, scheme], params("robustness/json"))("generated JSON", (input, s) => holds(input, s, true));
  it.prop([mutatedDoc(sources), scheme], params("robustness/mutated"))("mutated real files", (input, s) => holds(input, s, true));
  it.prop([anyInput(sources), scheme], params("robustness/memo-off"))("any input, memo off", (input, s) => holds(input, s, false));
});
