/** The built-in role schemes, and custom schemes from configuration. */
import { SCHEMES, type RoleScheme } from "../model/scheme.js";

export { SCHEMES };

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
