/**
 * Results do not depend on what was linted before: a text gives the same findings linted alone
 * with the memo off, and linted with the memo on after other texts under other schemes, in one run
 * with other files, and again later in that run (A, B, ..., A).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, it } from "@fast-check/vitest";
import { afterAll, describe, expect } from "vitest";
import { RaciLint } from "../../src/api/raci-lint.js";
import type { ActiveRule } from "../../src/model/rule.js";
import type { RoleScheme } from "../../src/model/scheme.js";
import { anyInput, type Input } from "./arbitraries.js";
import { mutationSources } from "./corpora.js";
import { FILE_RULES, FUZZ_SCHEMES, SCHEME_NAMES, lintAlone, resultJson } from "./invariants.js";
import { params } from "./settings.js";
import { FILE_SCOPES, userRules } from "./user-rules.js";

const root = mkdtempSync(join(tmpdir(), "raci-lint-fuzz-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let cases = 0;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

const scheme = fc.constantFrom(...SCHEME_NAMES);
const inputs = fc.array(anyInput(mutationSources()), { minLength: 2, maxLength: 4 });

/**
 * Checks one case: each input's findings alone (memo off, fresh instance) equal its findings in a
 * run over all of them and the first one again (memo on, scheme `s1`), after the process linted
 * them one by one under `s2`.
 */
async function independent(texts: readonly Input[], s1: RoleScheme | undefined, s2: RoleScheme | undefined, rules: readonly ActiveRule[]): Promise<void> {
  const dir = join(root, String(++cases));
  mkdirSync(dir);
  // Files hold UTF-8: a lone surrogate is written as U+FFFD, so the text alone is given as written.
  const named = [...texts, texts[0]!].map((t, i) => ({ name: `${i}-${t.name}`, text: t.text.replace(LONE_SURROGATE, "\uFFFD") }));
  for (const t of named) writeFileSync(join(dir, t.name), t.text);
  const alone = await Promise.all(named.map(async (t) => resultJson(await lintAlone(t, s1, rules, false))));
  for (const t of [...named].reverse()) await lintAlone(t, s2, rules, true);
  const together = await new RaciLint({ cwd: dir, rules, ...(s1 ? { scheme: s1 } : {}) }).lintFiles(named.map((t) => t.name));
  expect(together.map((r) => resultJson(r))).toEqual(alone);
  // The last file is the first again: only its name differs.
  expect(resultJson(together.at(-1)!, "same")).toBe(resultJson(together[0]!, "same"));
  rmSync(dir, { recursive: true, force: true });
}

const GENERATED: ActiveRule[] = [...FILE_RULES, ...userRules("per-fact", FILE_SCOPES)];

describe("findings do not depend on what the process or the run linted before", () => {
  it.prop([inputs, scheme, scheme], params("order/built-in"))("built-in rules", (texts, s1, s2) => independent(texts, FUZZ_SCHEMES[s1], FUZZ_SCHEMES[s2], FILE_RULES));
  it.prop([inputs, scheme, scheme], params("order/generated"))("built-in rules and rules generated over every fact", (texts, s1, s2) =>
    independent(texts, FUZZ_SCHEMES[s1], FUZZ_SCHEMES[s2], GENERATED),
  );
});
