/** The built-in role schemes, and custom schemes from configuration. */
import { RACI, type RoleScheme, type SchemeCode } from "../model/scheme.js";

/** A scheme as configuration writes it: a built-in name, or codes with names per language. */
export type SchemeSetting =
  | string
  | {
      name: string;
      codes: { code: string; names?: Record<string, string | string[]> }[];
      accountable: string;
      responsible: string;
      informed?: string;
    };

const code = (c: string, en: string[], fr: string[] = [], de: string[] = []): SchemeCode => ({ code: c, names: { en, fr, de } });
const raci = (letter: "R" | "A" | "C" | "I") => RACI.codes.find((c) => c.code === letter)!;

/** RACI plus S = Support (who helps the Responsible party). */
const RASCI: RoleScheme = {
  name: "RASCI",
  accountable: "A",
  responsible: "R",
  informed: "I",
  codes: [raci("R"), raci("A"), code("S", ["Support", "Supports"], ["Support", "Soutien"], ["Unterstützt"]), raci("C"), raci("I")],
};

/** RACI plus V = Verify and S = Sign off. */
const RACI_VS: RoleScheme = {
  name: "RACI-VS",
  accountable: "A",
  responsible: "R",
  informed: "I",
  codes: [raci("R"), raci("A"), raci("C"), raci("I"), code("V", ["Verify", "Verifies", "Verifier"], ["Vérifie"], ["Prüft"]), code("S", ["Sign off", "Signs off", "Signatory"], ["Signe", "Valide"], ["Zeichnet ab"])],
};

/** CAIRO: RACI plus O = Out of the loop (explicitly not involved). */
const CAIRO: RoleScheme = {
  name: "CAIRO",
  accountable: "A",
  responsible: "R",
  informed: "I",
  codes: [raci("R"), raci("A"), raci("C"), raci("I"), code("O", ["Out of the loop", "Omitted"], ["Hors boucle"], ["Außen vor"])],
};

/** Built-in schemes by name. */
export const SCHEMES: Record<string, RoleScheme> = { RACI, RASCI, "RACI-VS": RACI_VS, CAIRO };

/**
 * The scheme a setting describes (settings are schema-checked; a custom scheme's letters are checked
 * here), or what is wrong with it and where (a path inside the setting).
 */
export function schemeFrom(setting: SchemeSetting): { scheme: RoleScheme } | { error: string; path: (string | number)[] } {
  if (typeof setting === "string") {
    const scheme = SCHEMES[setting];
    return scheme ? { scheme } : { error: `unknown scheme "${setting}" (known: ${Object.keys(SCHEMES).join(", ")})`, path: [] };
  }
  const letters = setting.codes.map((c) => c.code);
  const repeated = letters.findIndex((l, i) => letters.indexOf(l) !== i);
  if (repeated >= 0) return { error: `scheme "${setting.name}" lists code "${letters[repeated]}" twice`, path: ["codes", repeated, "code"] };
  for (const key of ["accountable", "responsible", "informed"] as const) {
    const letter = setting[key];
    if (letter !== undefined && !letters.includes(letter)) return { error: `scheme "${setting.name}": ${key} code "${letter}" is not one of its codes (${letters.join(", ")})`, path: [key] };
  }
  return {
    scheme: {
      name: setting.name,
      accountable: setting.accountable,
      responsible: setting.responsible,
      informed: setting.informed ?? (letters.includes("I") ? "I" : letters[letters.length - 1]!),
      codes: setting.codes.map((c) => ({
        code: c.code,
        names: Object.fromEntries(Object.entries(c.names ?? {}).map(([lang, names]) => [lang, typeof names === "string" ? [names] : names])),
      })),
    },
  };
}
