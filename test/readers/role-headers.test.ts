/** Headers that name a role (`Responsible`, `R`, `(A) Approver`, `Consulted (C)`): roleOfHeader, and its fast path for party names. */
import { describe, expect, it } from "vitest";
import { RACI, RASCI } from "../../src/model/scheme.js";
import { codeWords, lexiconOf } from "../../src/readers/cell-codes.js";
import { roleOfHeader } from "../../src/readers/grid.js";
import { nameKey, plainText } from "../../src/model/text.js";

/** The patterns alone, with no fast path: what roleOfHeader must agree with. */
function slowRoleOfHeader(header: string, scheme: typeof RACI): string | null {
  const words = codeWords(scheme);
  const text = plainText(header).trim();
  const letter = /^\(?([A-Za-z])\)?$/u.exec(text) ?? /^\(([A-Z])\)\s*\p{L}/u.exec(text) ?? /^([A-Z])\s*[-:–—=]\s*\p{L}/u.exec(text) ?? /\s\(([A-Z])\)$/u.exec(text);
  const byWord = words.get(nameKey(text.replace(/\s*\(([A-Za-z])\)$/u, "").replace(/^\(?[A-Z]\)?\s*[-:–—=]\s*/u, "")));
  const code = byWord ?? (letter ? letter[1]!.toUpperCase() : null);
  return code !== null && scheme.codes.some((c) => c.code === code) ? code : null;
}

describe("role headers", () => {
  it("names the role of a header written as a word, a letter or both", () => {
    const words = codeWords(RACI);
    const cases: [string, string | null][] = [
      ["Responsible", "R"],
      ["**Accountable**", "A"],
      ["R", "R"],
      ["(C)", "C"],
      ["(A) Approver", "A"],
      ["I - Informed", "I"],
      ["Consulted (C)", "C"],
      ["Cloud Temple", null],
      ["Client Role", null],
      ["S", null],
    ];
    for (const [header, code] of cases) expect(roleOfHeader(header, RACI, words), header).toBe(code);
    expect(lexiconOf(RASCI).codes.has("S")).toBe(true);
    expect(roleOfHeader("S", RASCI, codeWords(RASCI))).toBe("S");
  });

  it("agrees with the full patterns on 20,000 generated headers (the fast path skips them for plain names)", () => {
    const parts = ["R", "A", "C", "I", "S", "x", "Responsible", "Accountable", "Informé", "Client", "Cloud", "Team", " ", "(", ")", "-", ":", "–", "=", "**", "_", "é"];
    let seed = 11;
    // The high bits: a power-of-two LCG's low bits repeat with short periods.
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) >>> 12;
    for (const scheme of [RACI, RASCI]) {
      const words = codeWords(scheme);
      for (let i = 0; i < 10_000; i++) {
        let header = "";
        const length = 1 + (next() % 5);
        for (let k = 0; k < length; k++) header += parts[next() % parts.length];
        expect(roleOfHeader(header, scheme, words), JSON.stringify(header)).toBe(slowRoleOfHeader(header, scheme));
      }
    }
  });
});
