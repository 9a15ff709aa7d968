/**
 * The facts rule conditions and messages may name, by scope. Each fact is one declaration: its
 * type and meaning (the facts reference, `docs/facts.md`, is generated from them), the inputs it is
 * computed from (`uses`, see `INPUTS` in `subjects.ts`) and how. A fact's value depends on nothing
 * but the inputs it names: the types let `value` see only those, and the evaluator keys its memos by
 * them, so a new fact needs no other change anywhere.
 */
import type { CellReading } from "../model/matrix.js";
import type { Scope } from "../model/rule.js";
import { canonicalOrder } from "../model/scheme.js";
import { nameKey, plainText } from "../model/text.js";
import { CORPUS_INPUTS, type CorpusInputs } from "./corpus.js";
import { TRANSLATION_INPUTS, type TranslationInputs } from "./translation.js";
import type { ActivityInputs, CellInputs, CodeInputs, DocumentInputs, LegendEntryInputs, PartyInputs, WholeMatrixInputs } from "./subjects.js";
import { INPUTS, type InputDeclaration } from "./subjects.js";

export type { Scope };

/** The documented type of a fact's value. */
export type FactType = "string" | "number" | "boolean" | "string[]" | "object" | "string|null";

/** One documented fact (what the reference page lists). */
export interface FactDoc {
  name: string;
  type: FactType;
  description: string;
}

/** A fact: its documentation, the inputs it uses, and its value from them. */
export interface FactDeclaration extends FactDoc {
  readonly uses: readonly string[];
  readonly value: (inputs: never) => unknown;
}

/** Declares facts over one scope's inputs `I`: `value` sees exactly the inputs listed in `uses`. */
function factsOver<I>() {
  return <K extends keyof I & string>(name: string, type: FactType, description: string, uses: readonly K[], value: (inputs: Pick<I, K>) => unknown): FactDeclaration => ({
    name,
    type,
    description,
    uses,
    value: value,
  });
}

/** What each scope iterates over. */
export const SCOPES: Record<Scope, string> = {
  cell: "each party's cell of each activity (cells a ragged row lacks are not visited)",
  code: "each token written in a cell: a code letter, a party name, `N/A` or other text",
  activity: "each activity (table row) of each matrix",
  party: "each party (column) of each group of tables alike in a matrix (tables with the same parties form one group: a page of such tables is one)",
  "legend-entry": "each entry of the document's legend",
  matrix: "each document that holds at least one RACI table",
  document: "each file read, whether a matrix was found in it or not",
  corpus: "each activity text that occurs in more than one file of the run (same key: formatting and case ignored)",
  translation:
    "each comparison of a translated page with its source (pages of the run that translate each other): each pair of cells compared, and each row, table, section or party column that one side has and the other lacks",
};

/** A reading's distinct valid codes in the scheme's order (empty without a reading). */
function codesOf(reading: CellReading | null, scheme: TranslationInputs["scheme"]): string {
  return reading ? canonicalOrder([...new Set(reading.codes)], scheme).join("") : "";
}

/** Codes written more than once, once each, in first-seen order. */
function duplicates(codes: readonly string[]): string {
  if (codes.length < 2) return "";
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const c of codes) (seen.has(c) ? twice : seen).add(c);
  return [...twice].join("");
}

/** The `emphasis` fact's value for each cell wrapper. */
const EMPHASIS_NAMES: Record<string, string> = { "**": "bold", __: "underline", "*": "italic", _: "italic", "`": "code" };
/** The `separator` fact's value for each separator (any other is `other`). */
const SEPARATOR_NAMES: Record<string, string> = { ", ": "comma-space", ",": "comma", "/": "slash", " ": "space" };

/** The scheme code whose names (in any language) include `term`, or "". */
function termCode(term: string, scheme: WholeMatrixInputs["scheme"]): string {
  const key = nameKey(term);
  if (key === "") return "";
  for (const code of scheme.codes) {
    for (const names of Object.values(code.names)) {
      if (names.some((n) => nameKey(n) === key)) return code.code;
    }
  }
  return "";
}

/** Facts every matrix-level scope has. */
function commonFacts<I extends { matrixTitle: string; frontMatter: Record<string, unknown>; scheme: { name: string } }>(): FactDeclaration[] {
  const fact = factsOver<I>();
  return [
    fact("matrixTitle", "string", "The matrix title: front matter `title`, else the first heading; empty when none.", ["matrixTitle"], (i) => i.matrixTitle),
    fact("frontMatter", "object", "The front matter fields (Markdown) or top-level metadata (YAML/JSON); use `path`, e.g. `$.product`.", ["frontMatter"], (i) => i.frontMatter),
    fact("scheme", "string", "The role scheme's name, e.g. `RACI`.", ["scheme"], (i) => i.scheme.name),
  ];
}

/** Facts about where an activity stands. */
function activityContextFacts<I extends { sectionTitle: string; activityName: string }>(): FactDeclaration[] {
  const fact = factsOver<I>();
  return [
    fact("section", "string", "The section (heading above the table).", ["sectionTitle"], (i) => i.sectionTitle),
    fact("activity", "string", "The activity text, inline formatting removed.", ["activityName"], (i) => plainText(i.activityName)),
  ];
}

/** Facts of where a cell stands (the code scope has them too). */
function cellContextFacts<I extends CellInputs>(): FactDeclaration[] {
  const fact = factsOver<I>();
  return [
    ...commonFacts<I>(),
    ...activityContextFacts<I>(),
    fact("party", "string", "The party (column) name.", ["partyName"], (i) => i.partyName),
    fact("partyRole", "string", "`customer`, `provider`, `third-party` or `unknown`.", ["partyRole"], (i) => i.partyRole),
  ];
}

/** Facts of what a cell holds. */
function cellFacts(): FactDeclaration[] {
  const fact = factsOver<CellInputs>();
  return [
    ...cellContextFacts<CellInputs>(),
    fact("codes", "string", "The valid codes as written, in order, e.g. `AR` for `__A/R__`.", ["reading"], (i) => i.reading.codes.join("")),
    fact("canonicalCodes", "string", "The same codes in the scheme's canonical order, e.g. `RA`.", ["reading", "scheme"], (i) => canonicalOrder(i.reading.codes, i.scheme).join("")),
    fact("duplicateCodes", "string", "Codes written more than once in the cell, e.g. `R` for `R, R`.", ["reading"], (i) => duplicates(i.reading.codes)),
    fact("codeCount", "number", "How many valid codes the cell holds (duplicates counted).", ["reading"], (i) => i.reading.codes.length),
    fact("empty", "boolean", "The cell is empty or holds a placeholder (`-`, `—`).", ["reading"], (i) => i.reading.empty),
    fact("lowerCase", "boolean", "The codes are written in lower case (`ra`).", ["reading"], (i) => i.reading.style.lowerCase),
    fact(
      "emphasis",
      "string",
      "The emphasis around the codes: `bold` (`**RA**`), `underline` (`__RA__`), `italic` (`*RA*`, `_RA_`), `code` (`` `RA` ``) or `none`.",
      ["reading"],
      (i) => EMPHASIS_NAMES[i.reading.style.wrapper] ?? "none",
    ),
    fact(
      "separator",
      "string",
      "What separates the codes: `none` (`RA`, or a single code), `comma-space` (`R, A`), `comma` (`R,A`), `slash` (`R/A`), `space` (`R A`) or `other`.",
      ["reading"],
      (i) => {
        // Emphasis around each code (`**R**, **A**`) is part of the written separator, not of its kind.
        const separator = i.reading.style.separator.replace(/^[*_`]+|[*_`]+$/gu, "");
        return separator === "" ? "none" : (SEPARATOR_NAMES[separator] ?? "other");
      },
    ),
    fact("words", "boolean", "The codes are written as words naming them (`Responsible, Accountable`, `Informé`).", ["reading"], (i) => i.reading.style.words),
    fact("format", "string", "The format of the file: `markdown`, `yaml`, `json`, `csv` or `xlsx`.", ["format"], (i) => i.format),
    fact("invalidTokenCount", "number", "Tokens in the cell that are not codes of the scheme.", ["reading"], (i) => i.reading.tokens.filter((t) => !t.valid).length),
  ];
}

const cell = factsOver<CellInputs>();
const code = factsOver<CodeInputs>();
const activity = factsOver<ActivityInputs>();
const party = factsOver<PartyInputs>();
const legendEntry = factsOver<LegendEntryInputs>();
const matrix = factsOver<WholeMatrixInputs>();
const document = factsOver<DocumentInputs>();
const corpus = factsOver<CorpusInputs>();
const translation = factsOver<TranslationInputs>();

/** The names of the parties at some indexes of an activity's table. */
const namesAt = (parties: ActivityInputs["sectionParties"], indexes: readonly number[]) => indexes.map((i) => parties[i]!.name);

/** The facts of each scope, in documentation order. */
export const FACT_DECLARATIONS: Record<Scope, readonly FactDeclaration[]> = {
  cell: [...cellFacts(), cell("raw", "string", "The cell as written.", ["raw"], (i) => i.raw)],
  code: [
    ...cellContextFacts<CodeInputs>(),
    code("kind", "string", "`code` (a letter), `party-name`, `not-applicable` or `text`.", ["reading", "tokenIndex"], (i) => i.reading.tokens[i.tokenIndex]!.kind),
    code("value", "string", "The token, upper-cased for codes.", ["reading", "tokenIndex"], (i) => i.reading.tokens[i.tokenIndex]!.value),
    code("raw", "string", "The token as written.", ["reading", "tokenIndex"], (i) => i.reading.tokens[i.tokenIndex]!.raw),
    code("valid", "boolean", "The token is a code of the role scheme.", ["reading", "tokenIndex"], (i) => i.reading.tokens[i.tokenIndex]!.valid),
    code("schemeCodes", "string", "The scheme's codes in canonical order, e.g. `RACI` (for messages).", ["scheme"], (i) => i.scheme.codes.map((c) => c.code).join("")),
  ],
  activity: [
    ...commonFacts<ActivityInputs>(),
    ...activityContextFacts<ActivityInputs>(),
    activity("codeCounts", "object", 'How many times each code occurs across the row, e.g. `{ "R": 1, "A": 2 }` (use `path`: `$.A`).', ["rowStats"], (i) => i.rowStats.codeCounts),
    activity("accountableCode", "string", "The scheme's accountable code (`A` in RACI).", ["scheme"], (i) => i.scheme.accountable),
    activity("responsibleCode", "string", "The scheme's responsible code (`R` in RACI).", ["scheme"], (i) => i.scheme.responsible),
    activity("accountableCount", "number", "How many parties hold the accountable code.", ["rowStats"], (i) => i.rowStats.accountable.length),
    activity("responsibleCount", "number", "How many parties hold the responsible code.", ["rowStats"], (i) => i.rowStats.responsible.length),
    activity("accountableParties", "string[]", "The parties holding the accountable code.", ["rowStats", "sectionParties"], (i) => namesAt(i.sectionParties, i.rowStats.accountable)),
    activity("responsibleParties", "string[]", "The parties holding the responsible code.", ["rowStats", "sectionParties"], (i) => namesAt(i.sectionParties, i.rowStats.responsible)),
    activity("codeCount", "number", "Valid codes in the whole row.", ["rowStats"], (i) => i.rowStats.codeCount),
    activity("filledCellCount", "number", "Party cells that are not empty.", ["rowStats"], (i) => i.rowStats.filled),
    activity("invalidTokenCount", "number", "Tokens in the row that are not codes of the scheme.", ["rowStats"], (i) => i.rowStats.invalid),
    activity("codesByParty", "object", 'Each party\'s codes, e.g. `{ "Client": "RA", "Cloud Temple": "I" }`; a missing cell is absent.', ["row", "sectionParties"], (i) => {
      const out: Record<string, string> = {};
      i.row.forEach((entry, k) => {
        if (typeof entry === "object") out[i.sectionParties[k]!.name] = entry.reading.codes.join("");
      });
      return out;
    }),
    activity("parties", "string[]", 'The parties (column names) of the activity\'s table, e.g. `["Client", "CISO", "Cloud Temple"]` (use `contains`).', ["sectionParties"], (i) =>
      i.sectionParties.map((p) => p.name),
    ),
    activity("codesByRole", "object", "Codes by party role: `customer`, `provider`, `third-party` (joined when several parties share a role).", ["row", "sectionParties"], (i) => {
      const out: Record<string, string> = {};
      i.row.forEach((entry, k) => {
        if (typeof entry !== "object") return;
        const role = i.sectionParties[k]!.role ?? "unknown";
        out[role] = (out[role] ?? "") + entry.reading.codes.join("");
      });
      return out;
    }),
    activity("hasCustomer", "boolean", "The activity's table has a recognisable customer party (column).", ["customerColumn"], (i) => i.customerColumn >= 0),
    activity(
      "customerFacesProvider",
      "boolean",
      "The activity's table sets a customer against its provider: a customer party with a recognisable provider party, or with one other party. A project team with a client among its members (`Lead | Dev | Client`) does not.",
      ["customerColumn", "sectionParties"],
      (i) => i.customerColumn >= 0 && (i.sectionParties.length === 2 || i.sectionParties.some((p) => p.role === "provider")),
    ),
    activity("customer", "string", "The customer party's name (the first customer column of the table; empty when none).", ["customerColumn", "sectionParties"], (i) =>
      i.customerColumn >= 0 ? i.sectionParties[i.customerColumn]!.name : "",
    ),
    activity("customerCodes", "string", "The customer's codes (empty string when the cell is empty or absent).", ["customerColumn", "row"], (i) => {
      const entry = i.customerColumn >= 0 ? i.row[i.customerColumn] : undefined;
      return typeof entry === "object" ? entry.reading.codes.join("") : "";
    }),
    activity("customerCellPresent", "boolean", "The row has a cell for the customer (false for a ragged row that lacks it).", ["customerColumn", "row"], (i) => {
      const entry = i.customerColumn >= 0 ? i.row[i.customerColumn] : undefined;
      return typeof entry === "object";
    }),
    activity(
      "cellCount",
      "number",
      "Cells the row holds, the activity cell included (a transposed table's column: the header cell and the party rows that reach it; YAML/JSON: the entries of `codes`, plus one).",
      ["cellCount"],
      (i) => i.cellCount,
    ),
    activity(
      "expectedCellCount",
      "number",
      "Cells the table's header declares (a transposed table's column: its party rows, plus one; YAML/JSON: the parties, plus one).",
      ["expectedCellCount"],
      (i) => i.expectedCellCount,
    ),
    activity(
      "orientation",
      "string",
      "`rows` (an activity per row, or a YAML/JSON entry) or `columns` (an activity per column of a transposed table, parties as rows).",
      ["orientation"],
      (i) => i.orientation,
    ),
    activity("missingParties", "string[]", "The parties of the activity's table it has no cell for: a short row, or parties a YAML/JSON `codes` map leaves out.", ["row", "sectionParties"], (i) =>
      i.sectionParties.filter((_, k) => i.row[k] === "missing").map((p) => p.name),
    ),
    activity("format", "string", "The matrix's format: `markdown`, `yaml`, `json`, `csv` or `xlsx`.", ["format"], (i) => i.format),
    activity(
      "duplicateKind",
      "string",
      "`none`, `same-section`, `other-section-same-codes` or `other-section-different-codes`: how this activity repeats an earlier one of the same matrix.",
      ["duplicateKind"],
      (i) => i.duplicateKind,
    ),
    activity("duplicateOfLine", "number", "Line of the earlier occurrence (0 when none).", ["firstOccurrence"], (i) => i.firstOccurrence?.line ?? 0),
    activity(
      "duplicateOf",
      "string",
      "Where the earlier occurrence is, as reports say it: `line 12`, or in a spreadsheet its cell (`B81`, `Sheet!B81`); empty when none.",
      ["firstOccurrence"],
      (i) => i.firstOccurrence?.place ?? "",
    ),
    activity("duplicateOfSection", "string", "Section of the earlier occurrence (empty when none).", ["firstOccurrence"], (i) => i.firstOccurrence?.section ?? ""),
  ],
  party: [
    ...commonFacts<PartyInputs>(),
    party("party", "string", "The party's name.", ["partyName"], (i) => i.partyName),
    party("partyRole", "string", "`customer`, `provider`, `third-party` or `unknown`.", ["partyRole"], (i) => i.partyRole),
    party(
      "declared",
      "boolean",
      "A header names the party (a column or row of its own); false for a name found only inside cells (a role-column table, a role list).",
      ["declared"],
      (i) => i.declared,
    ),
    party("activityCount", "number", "Activities with a cell for this party.", ["tally"], (i) => i.tally.activityCount),
    party("responsibleCount", "number", "Activities where the party holds the responsible code.", ["tally", "scheme"], (i) => i.tally.codeCounts[i.scheme.responsible] ?? 0),
    party("accountableCount", "number", "Activities where the party holds the accountable code.", ["tally", "scheme"], (i) => i.tally.codeCounts[i.scheme.accountable] ?? 0),
    party("codeCounts", "object", "How often the party holds each code.", ["tally"], (i) => i.tally.codeCounts),
    party(
      "extraCellCount",
      "number",
      "Cells the party's rows of transposed tables hold beyond their headers' count (0 elsewhere); `at: row` points at the first.",
      ["extraCellCount"],
      (i) => i.extraCellCount,
    ),
    party("accountableCode", "string", "The scheme's accountable code.", ["scheme"], (i) => i.scheme.accountable),
    party("responsibleCode", "string", "The scheme's responsible code.", ["scheme"], (i) => i.scheme.responsible),
  ],
  "legend-entry": [
    ...commonFacts<LegendEntryInputs>(),
    legendEntry("code", "string", "The code the entry defines, upper-cased.", ["code"], (i) => i.code),
    legendEntry("term", "string", "The term naming the role, e.g. `Performs`.", ["term"], (i) => i.term),
    legendEntry("description", "string", "The entry's description as written.", ["description"], (i) => i.description),
    legendEntry("markedLetter", "string", "The letter the entry highlights (`__P__erforms` -> `P`); empty when none.", ["markedLetter"], (i) => i.markedLetter),
    legendEntry("termCode", "string", "The scheme code whose names include the term (any language); empty when the term is not a known name.", ["term", "scheme"], (i) => termCode(i.term, i.scheme)),
    legendEntry("codeInScheme", "boolean", "The code belongs to the role scheme.", ["code", "scheme"], (i) => i.scheme.codes.some((c) => c.code === i.code)),
  ],
  matrix: [
    ...commonFacts<WholeMatrixInputs>(),
    matrix("hasLegend", "boolean", "The document has a legend.", ["legendCodes"], (i) => i.legendCodes !== null),
    matrix("undefinedCodes", "string[]", "Codes used in cells that the legend does not define (empty without a legend).", ["legendCodes", "usedCodes"], (i) =>
      i.legendCodes ? i.usedCodes.filter((c) => !i.legendCodes!.includes(c)) : [],
    ),
    matrix("undefinedCodeCount", "number", "How many codes are used but not defined.", ["legendCodes", "usedCodes"], (i) =>
      i.legendCodes ? i.usedCodes.filter((c) => !i.legendCodes!.includes(c)).length : 0,
    ),
    matrix("activityCount", "number", "Activities in the matrix.", ["activityCount"], (i) => i.activityCount),
    matrix("partyCount", "number", "Parties in the matrix.", ["partyRoles"], (i) => i.partyRoles.length),
    matrix("hasCustomer", "boolean", "The matrix has a recognisable customer party.", ["partyRoles"], (i) => i.partyRoles.includes("customer")),
  ],
  document: [
    ...commonFacts<DocumentInputs>(),
    document("format", "string", "The format of the file: `markdown`, `yaml` or `json`.", ["format"], (i) => i.format),
    document("activityCount", "number", "Activities read from the file (0: no matrix found).", ["activityCount"], (i) => i.activityCount),
    document("named", "boolean", "The file was named by the user (on the command line, or linted as text), not found by walking a folder or matching a glob.", ["named"], (i) => i.named),
    document("readProblemCount", "number", "Syntax and schema problems met while reading the file.", ["readProblemCount"], (i) => i.readProblemCount),
    document("whyNoMatrix", "string", "Why no matrix was found, e.g. `its table at line 4 is not one: ...`; empty when one was.", ["whyNoMatrix"], (i) => i.whyNoMatrix),
  ],
  corpus: [
    corpus("activity", "string", "The activity text (from its first occurrence).", ["occurrences"], (i) => i.occurrences[0]!.name),
    corpus("fileCount", "number", "Files of the run in which the activity occurs.", ["occurrences"], (i) => i.occurrences.length),
    corpus("variantCount", "number", "Distinct assignments (codes by party role) the activity has across those files.", ["occurrences"], (i) => new Set(i.occurrences.map((o) => o.assignment)).size),
    corpus("variants", "string[]", "Those assignments, e.g. `customer=RA provider=I`, with the files that use each.", ["occurrences"], (i) => {
      const files = new Map<string, string[]>();
      for (const o of i.occurrences) files.set(o.assignment, [...(files.get(o.assignment) ?? []), o.file]);
      return [...files].map(([assignment, list]) => `${assignment} (${list.join(", ")})`);
    }),
    corpus("scheme", "string", "The role scheme's name.", ["scheme"], (i) => i.scheme.name),
  ],
  translation: [
    translation(
      "kind",
      "string",
      "What the comparison found: `same` (the cells hold the same codes, in any order), `code` (other codes, or codes on one side only), `words` (text where the source has codes), or `missing-activity`, `extra-activity`, `missing-table`, `extra-table`, `missing-section`, `extra-section`, `missing-party`, `extra-party` (the source has it and the translation lacks it, or the other way round).",
      ["item", "presence", "reading", "sourceReading", "scheme"],
      (i) => {
        if (i.presence !== "both") return `${i.presence === "source-only" ? "missing" : "extra"}-${i.item}`;
        const codes = codesOf(i.reading, i.scheme);
        const sourceCodes = codesOf(i.sourceReading, i.scheme);
        if (codes === sourceCodes) return "same";
        return codes === "" && sourceCodes !== "" && i.reading !== null && !i.reading.empty ? "words" : "code";
      },
    ),
    translation("codes", "string", "The translation's codes in the scheme's order, e.g. `CI` (empty when the cell has none, or for a row, table, section or party).", ["reading", "scheme"], (i) =>
      codesOf(i.reading, i.scheme),
    ),
    translation("sourceCodes", "string", "The source's codes, the same way.", ["sourceReading", "scheme"], (i) => codesOf(i.sourceReading, i.scheme)),
    translation("raw", "string", "The translation's cell as written (empty when none).", ["raw"], (i) => i.raw),
    translation("sourceRaw", "string", "The source's cell as written.", ["sourceRaw"], (i) => i.sourceRaw),
    translation("sourceFile", "string", "The source page, as the run names it.", ["sourceFile"], (i) => i.sourceFile),
    translation(
      "sourceLine",
      "number",
      "The line of the source's counterpart: its cell, row, table (header), section (heading) or party (header); for an extra item, the source's item at that place.",
      ["sourceLine"],
      (i) => i.sourceLine,
    ),
    translation("locale", "string", "The translation's language as its path names it (`de`, `pt-BR`); empty when a configured mapping has no `{locale}`.", ["locale"], (i) => i.locale),
    translation("section", "string", "The translation's section (empty for a missing one).", ["sectionTitle"], (i) => plainText(i.sectionTitle)),
    translation("sourceSection", "string", "The source's section (empty for an extra one).", ["sourceSectionTitle"], (i) => plainText(i.sourceSectionTitle)),
    translation("activity", "string", "The translation's activity text, inline formatting removed (empty for a missing row, a table, section or party).", ["activityName"], (i) =>
      plainText(i.activityName),
    ),
    translation("sourceActivity", "string", "The source's activity text, the same way.", ["sourceActivityName"], (i) => plainText(i.sourceActivityName)),
    translation("party", "string", "The translation's party (column) name (empty when it lacks the party).", ["partyName"], (i) => i.partyName),
    translation("sourceParty", "string", "The source's party name (empty for an extra party).", ["sourcePartyName"], (i) => i.sourcePartyName),
    translation(
      "partyRole",
      "string",
      "The party's role, the source's when it has one: `customer`, `provider`, `third-party` or `unknown` (empty for a row, table or section).",
      ["partyRole"],
      (i) => i.partyRole,
    ),
    translation(
      "where",
      "string",
      "Where a missing item would be, from where the finding points: `before this row`, `after this row`, `from this table`, `before this section`... (empty for other kinds).",
      ["where"],
      (i) => i.where,
    ),
    translation("scheme", "string", "The role scheme's name.", ["scheme"], (i) => i.scheme.name),
  ],
};

/** The documented facts, by scope (what `docs/facts.md` lists). */
export const FACTS: Record<Scope, FactDoc[]> = Object.fromEntries(
  Object.entries(FACT_DECLARATIONS).map(([scope, facts]) => [scope, facts.map(({ name, type, description }) => ({ name, type, description }))]),
) as Record<Scope, FactDoc[]>;

/** The fact names allowed in a scope. */
export function factNames(scope: Scope): Set<string> {
  return new Set(FACT_DECLARATIONS[scope].map((f) => f.name));
}

/** Every input of every scope: how it is keyed, or what it is computed from. */
export const SCOPE_INPUTS: Record<Scope, Readonly<Record<string, InputDeclaration>>> = { ...INPUTS, corpus: CORPUS_INPUTS, translation: TRANSLATION_INPUTS };
