import { describe, expect, it } from "vitest";
import { activityKey, nameKey, plainText } from "../../src/model/text.js";

// The normalisers skip their regular expressions for texts with nothing to change; these are the
// regular-expression forms they must always agree with.
const plainSlow = (text: string) =>
  text
    .replace(/\\\|/gu, "|")
    .replace(/\u00ad/gu, "")
    .replace(/(\*\*|__|\*|_|`)(.+?)\1/gu, "$2")
    .replace(/\s+/gu, " ")
    .trim();
const keySlow = (text: string) =>
  text
    .replace(/[*_`\u00ad]+/gu, "")
    .replace(/\s+/gu, " ")
    .trim()
    .toLowerCase();

/** Deterministic pseudo-random texts drawn from characters the fast path must notice or ignore. */
function* texts(count: number): Generator<string> {
  const alphabet = ["a", "É", "ß", " ", "  ", "*", "_", "`", "\\", "|", "\t", "\u00a0", "\u2003", "\u3000", "\ufeff", "\n", "\u0001", "-", "é", "\u00ad"];
  let seed = 7;
  // The high bits: a power-of-two LCG's low bits repeat with short periods.
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) >>> 12;
  for (let i = 0; i < count; i++) {
    let text = "";
    const length = next() % 9;
    for (let k = 0; k < length; k++) text += alphabet[next() % alphabet.length];
    yield text;
  }
}

describe("text normalisers", () => {
  it("agree with their regular-expression forms on 20,000 generated texts", () => {
    for (const text of texts(20_000)) {
      expect(plainText(text), JSON.stringify(text)).toBe(plainSlow(text));
      expect(nameKey(text), JSON.stringify(text)).toBe(keySlow(text));
      expect(activityKey(text), JSON.stringify(text)).toBe(keySlow(plainSlow(text)));
    }
  });

  it("normalise the texts matrices hold", () => {
    expect(plainText("**Cloud Temple**")).toBe("Cloud Temple");
    expect(plainText("Sauvegarde\u00a0des données")).toBe("Sauvegarde des données");
    expect(nameKey("  Créer   les clés ")).toBe("créer les clés");
    expect(activityKey("Gérer `kubectl`\tet __RBAC__")).toBe("gérer kubectl et rbac");
    expect(activityKey("Vérifier the middleware")).toBe("vérifier the middleware");
    // A soft hyphen is invisible: no part of a name or key.
    expect(plainText("Geschäfts\u00adführung")).toBe("Geschäftsführung");
    expect(nameKey("Informationsverbund-Verantwort\u00adliche")).toBe("informationsverbund-verantwortliche");
  });
});
