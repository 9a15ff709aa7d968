/** Role schemes: which codes exist, their canonical order, names, and which one is accountable. */

/** A single role code such as `R` or `A`, upper-case, as defined by the role scheme. */
export type RoleCode = string;

/** One code of a role scheme. */
export interface SchemeCode {
  code: RoleCode;
  /** Names per language (`en`, `fr`...), used by the legend check; the first is the main one. */
  names: Record<string, string[]>;
}

/** A role scheme such as RACI. */
export interface RoleScheme {
  name: string;
  /** The codes in canonical order (the order `code-order` enforces). */
  codes: SchemeCode[];
  /** The code that marks the single accountable party. */
  accountable: RoleCode;
  /** The code that marks who does the work. */
  responsible: RoleCode;
  /** The code that marks a party kept informed (the least involvement; used by the customer fix). */
  informed: RoleCode;
}

/** The default RACI scheme, with the role names (feminine and plural forms too) of the languages met in real matrices. */
export const RACI: RoleScheme = {
  name: "RACI",
  accountable: "A",
  responsible: "R",
  informed: "I",
  codes: [
    {
      code: "R",
      names: {
        en: ["Responsible", "Executes", "Performs", "Realizes"],
        fr: ["Responsable", "Réalise", "Réalisateur"],
        de: ["Verantwortlich", "Durchführend", "Führt aus"],
        es: ["Responsable", "Realiza", "Ejecuta"],
        it: ["Responsabile", "Responsabili", "Realizza", "Esegue"],
        pt: ["Responsável", "Responsáveis", "Executa", "Realiza"],
        ja: ["実行責任", "実行責任者", "責任"],
      },
    },
    {
      code: "A",
      names: {
        en: ["Accountable", "Approves", "Approver"],
        fr: ["Approuve", "Approbateur", "Autorité"],
        de: ["Rechenschaftspflichtig", "Genehmigt", "Verantwortlich (A)"],
        es: ["Aprueba", "Aprobador"],
        it: ["Approva", "Approvatore"],
        pt: ["Aprova", "Aprovador"],
        ja: ["説明責任", "説明責任者"],
      },
    },
    {
      code: "C",
      names: {
        en: ["Consulted", "Consults"],
        fr: ["Consulté", "Consultée", "Consultés", "Consulte"],
        de: ["Konsultiert", "Beraten", "Zu Rate gezogen", "Zurate gezogen", "Befragt"],
        es: ["Consultado", "Consultada", "Consultados", "Consulta"],
        it: ["Consultato", "Consultata", "Consultati", "Consultate", "Consulta"],
        pt: ["Consultado", "Consultada", "Consultados"],
        ja: ["助言", "協議"],
      },
    },
    {
      code: "I",
      names: {
        en: ["Informed"],
        fr: ["Informé", "Informée", "Informés"],
        de: ["Informiert"],
        es: ["Informado", "Informada", "Informados"],
        it: ["Informato", "Informata", "Informati", "Informate"],
        pt: ["Informado", "Informada", "Informados"],
        ja: ["通知", "報告"],
      },
    },
  ],
};

const code = (c: string, en: string[], fr: string[] = [], de: string[] = []): SchemeCode => ({ code: c, names: { en, fr, de } });
const raci = (letter: "R" | "A" | "C" | "I") => RACI.codes.find((c) => c.code === letter)!;

/** RACI plus S = Support (who helps the Responsible party). */
export const RASCI: RoleScheme = {
  name: "RASCI",
  accountable: "A",
  responsible: "R",
  informed: "I",
  codes: [raci("R"), raci("A"), code("S", ["Support", "Supports"], ["Support", "Soutien"], ["Unterstützt"]), raci("C"), raci("I")],
};

/** RACI plus V = Verify and S = Sign off. */
export const RACI_VS: RoleScheme = {
  name: "RACI-VS",
  accountable: "A",
  responsible: "R",
  informed: "I",
  codes: [
    raci("R"),
    raci("A"),
    raci("C"),
    raci("I"),
    code("V", ["Verify", "Verifies", "Verifier"], ["Vérifie"], ["Prüft"]),
    code("S", ["Sign off", "Signs off", "Signatory"], ["Signe", "Valide"], ["Zeichnet ab"]),
  ],
};

/** CAIRO: RACI plus O = Out of the loop (explicitly not involved). */
export const CAIRO: RoleScheme = {
  name: "CAIRO",
  accountable: "A",
  responsible: "R",
  informed: "I",
  codes: [raci("R"), raci("A"), raci("C"), raci("I"), code("O", ["Out of the loop", "Omitted"], ["Hors boucle"], ["Außen vor"])],
};

/** Built-in schemes by name. */
export const SCHEMES: Readonly<Record<string, RoleScheme>> = { RACI, RASCI, "RACI-VS": RACI_VS, CAIRO };

/** Canonical rank of each code of a scheme (lower sorts first). */
export function codeRanks(scheme: RoleScheme): Map<RoleCode, number> {
  return new Map(scheme.codes.map((c, i) => [c.code, i]));
}

/** Codes in the scheme's canonical order (codes outside the scheme last, in written order). */
export function canonicalOrder(codes: readonly RoleCode[], scheme: RoleScheme): RoleCode[] {
  const ranks = codeRanks(scheme);
  return [...codes].sort((a, b) => (ranks.get(a) ?? 99) - (ranks.get(b) ?? 99));
}
