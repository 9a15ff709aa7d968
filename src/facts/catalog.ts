/**
 * The documented facts, by scope. Rule conditions may only name facts listed here; the facts
 * reference (`docs/facts.md`) is generated from this table.
 */

/** Where a check applies: what one evaluation of its conditions is about. */
export type Scope = "cell" | "code" | "activity" | "party" | "legend-entry" | "matrix" | "corpus";

/** One documented fact. */
export interface FactDoc {
  name: string;
  type: "string" | "number" | "boolean" | "string[]" | "object" | "string|null";
  description: string;
}

/** What each scope iterates over. */
export const SCOPES: Record<Scope, string> = {
  cell: "each party's cell of each activity (cells a ragged row lacks are not visited)",
  code: "each token written in a cell: a code letter, a party name, `N/A` or other text",
  activity: "each activity (table row) of each matrix",
  party: "each party (column) of each matrix",
  "legend-entry": "each entry of the document's legend",
  matrix: "each document that holds at least one RACI table",
  corpus: "each activity text that occurs in more than one file of the run (same key: formatting and case ignored)",
};

const common: FactDoc[] = [
  { name: "matrixTitle", type: "string", description: "The matrix title: front matter `title`, else the first heading; empty when none." },
  { name: "frontMatter", type: "object", description: "The front matter fields (Markdown) or top-level metadata (YAML/JSON); use `path`, e.g. `$.product`." },
  { name: "scheme", type: "string", description: "The role scheme's name, e.g. `RACI`." },
];

const activityContext: FactDoc[] = [
  { name: "section", type: "string", description: "The section (heading above the table)." },
  { name: "activity", type: "string", description: "The activity text, inline formatting removed." },
];

/** Facts by scope, in documentation order. */
export const FACTS: Record<Scope, FactDoc[]> = {
  cell: [
    ...common,
    ...activityContext,
    { name: "party", type: "string", description: "The party (column) name." },
    { name: "partyRole", type: "string", description: "`customer`, `provider`, `third-party` or `unknown`." },
    { name: "codes", type: "string", description: "The valid codes as written, in order, e.g. `AR` for `__A/R__`." },
    { name: "canonicalCodes", type: "string", description: "The same codes in the scheme's canonical order, e.g. `RA`." },
    { name: "duplicateCodes", type: "string", description: "Codes written more than once in the cell, e.g. `R` for `R, R`." },
    { name: "codeCount", type: "number", description: "How many valid codes the cell holds (duplicates counted)." },
    { name: "empty", type: "boolean", description: "The cell is empty or holds a placeholder (`-`, `—`)." },
    { name: "lowerCase", type: "boolean", description: "The codes are written in lower case (`ra`)." },
    { name: "emphasis", type: "string", description: "The emphasis around the codes: `bold` (`**RA**`), `underline` (`__RA__`), `italic` (`*RA*`, `_RA_`), `code` (`` `RA` ``) or `none`." },
    { name: "separator", type: "string", description: "What separates the codes: `none` (`RA`, or a single code), `comma-space` (`R, A`), `comma` (`R,A`), `slash` (`R/A`), `space` (`R A`) or `other`." },
    { name: "words", type: "boolean", description: "The codes are written as words naming them (`Responsible, Accountable`, `Informé`)." },
    { name: "format", type: "string", description: "The format of the file: `markdown`, `yaml` or `json`." },
    { name: "invalidTokenCount", type: "number", description: "Tokens in the cell that are not codes of the scheme." },
    { name: "raw", type: "string", description: "The cell as written." },
  ],
  code: [
    ...common,
    ...activityContext,
    { name: "party", type: "string", description: "The party (column) name." },
    { name: "partyRole", type: "string", description: "`customer`, `provider`, `third-party` or `unknown`." },
    { name: "kind", type: "string", description: "`code` (a letter), `party-name`, `not-applicable` or `text`." },
    { name: "value", type: "string", description: "The token, upper-cased for codes." },
    { name: "raw", type: "string", description: "The token as written." },
    { name: "valid", type: "boolean", description: "The token is a code of the role scheme." },
    { name: "schemeCodes", type: "string", description: "The scheme's codes in canonical order, e.g. `RACI` (for messages)." },
  ],
  activity: [
    ...common,
    ...activityContext,
    { name: "codeCounts", type: "object", description: "How many times each code occurs across the row, e.g. `{ \"R\": 1, \"A\": 2 }` (use `path`: `$.A`)." },
    { name: "accountableCode", type: "string", description: "The scheme's accountable code (`A` in RACI)." },
    { name: "responsibleCode", type: "string", description: "The scheme's responsible code (`R` in RACI)." },
    { name: "accountableCount", type: "number", description: "How many parties hold the accountable code." },
    { name: "responsibleCount", type: "number", description: "How many parties hold the responsible code." },
    { name: "accountableParties", type: "string[]", description: "The parties holding the accountable code." },
    { name: "responsibleParties", type: "string[]", description: "The parties holding the responsible code." },
    { name: "codeCount", type: "number", description: "Valid codes in the whole row." },
    { name: "filledCellCount", type: "number", description: "Party cells that are not empty." },
    { name: "invalidTokenCount", type: "number", description: "Tokens in the row that are not codes of the scheme." },
    { name: "codesByParty", type: "object", description: "Each party's codes, e.g. `{ \"Client\": \"RA\", \"Cloud Temple\": \"I\" }`; a missing cell is absent." },
    { name: "parties", type: "string[]", description: "The parties (column names) of the activity's table, e.g. `[\"Client\", \"CISO\", \"Cloud Temple\"]` (use `contains`)." },
    { name: "codesByRole", type: "object", description: "Codes by party role: `customer`, `provider`, `third-party` (joined when several parties share a role)." },
    { name: "hasCustomer", type: "boolean", description: "The activity's table has a recognisable customer party (column)." },
    { name: "customer", type: "string", description: "The customer party's name (the first customer column of the table; empty when none)." },
    { name: "customerCodes", type: "string", description: "The customer's codes (empty string when the cell is empty or absent)." },
    { name: "customerCellPresent", type: "boolean", description: "The row has a cell for the customer (false for a ragged row that lacks it)." },
    { name: "cellCount", type: "number", description: "Cells the row holds, the activity cell included (a transposed table's column: the header cell and the party rows that reach it; YAML/JSON: the entries of `codes`, plus one)." },
    { name: "expectedCellCount", type: "number", description: "Cells the table's header declares (a transposed table's column: its party rows, plus one; YAML/JSON: the parties, plus one)." },
    { name: "orientation", type: "string", description: "`rows` (an activity per row, or a YAML/JSON entry) or `columns` (an activity per column of a transposed table, parties as rows)." },
    { name: "missingParties", type: "string[]", description: "The parties of the activity's table it has no cell for: a short row, or parties a YAML/JSON `codes` map leaves out." },
    { name: "format", type: "string", description: "The matrix's format: `markdown`, `yaml` or `json`." },
    { name: "duplicateKind", type: "string", description: "`none`, `same-section`, `other-section-same-codes` or `other-section-different-codes`: how this activity repeats an earlier one of the same matrix." },
    { name: "duplicateOfLine", type: "number", description: "Line of the earlier occurrence (0 when none)." },
    { name: "duplicateOfSection", type: "string", description: "Section of the earlier occurrence (empty when none)." },
  ],
  party: [
    ...common,
    { name: "party", type: "string", description: "The party's name." },
    { name: "partyRole", type: "string", description: "`customer`, `provider`, `third-party` or `unknown`." },
    { name: "activityCount", type: "number", description: "Activities with a cell for this party." },
    { name: "responsibleCount", type: "number", description: "Activities where the party holds the responsible code." },
    { name: "accountableCount", type: "number", description: "Activities where the party holds the accountable code." },
    { name: "codeCounts", type: "object", description: "How often the party holds each code." },
    { name: "extraCellCount", type: "number", description: "Cells the party's rows of transposed tables hold beyond their headers' count (0 elsewhere); `at: row` points at the first." },
    { name: "accountableCode", type: "string", description: "The scheme's accountable code." },
    { name: "responsibleCode", type: "string", description: "The scheme's responsible code." },
  ],
  "legend-entry": [
    ...common,
    { name: "code", type: "string", description: "The code the entry defines, upper-cased." },
    { name: "term", type: "string", description: "The term naming the role, e.g. `Performs`." },
    { name: "description", type: "string", description: "The entry's description as written." },
    { name: "markedLetter", type: "string", description: "The letter the entry highlights (`__P__erforms` -> `P`); empty when none." },
    { name: "termCode", type: "string", description: "The scheme code whose names include the term (any language); empty when the term is not a known name." },
    { name: "codeInScheme", type: "boolean", description: "The code belongs to the role scheme." },
  ],
  matrix: [
    ...common,
    { name: "hasLegend", type: "boolean", description: "The document has a legend." },
    { name: "undefinedCodes", type: "string[]", description: "Codes used in cells that the legend does not define (empty without a legend)." },
    { name: "undefinedCodeCount", type: "number", description: "How many codes are used but not defined." },
    { name: "activityCount", type: "number", description: "Activities in the matrix." },
    { name: "partyCount", type: "number", description: "Parties in the matrix." },
    { name: "hasCustomer", type: "boolean", description: "The matrix has a recognisable customer party." },
  ],
  corpus: [
    { name: "activity", type: "string", description: "The activity text (from its first occurrence)." },
    { name: "fileCount", type: "number", description: "Files of the run in which the activity occurs." },
    { name: "variantCount", type: "number", description: "Distinct assignments (codes by party role) the activity has across those files." },
    { name: "variants", type: "string[]", description: "Those assignments, e.g. `customer=RA provider=I`, with the files that use each." },
    { name: "scheme", type: "string", description: "The role scheme's name." },
  ],
};

/**
 * Facts fully determined by a subject's shape: for a cell, how its text was read (the shared parse
 * of that text under the table's party names and the scheme) and its party's role; for a code
 * token, the same and which token of the cell it is; for an
 * activity, the codes of its cells and the roles of its table's parties (`shapeKey`), or with the
 * parties' names too (`namedShapeKey`). The check runner memoises outcomes by the shortest key that
 * determines the facts a scope's checks read, instead of computing them, so the common case (a row
 * like a thousand others) costs a string lookup.
 */
export const SHAPE_FACTS: Partial<Record<Scope, { roles: ReadonlySet<string>; names: ReadonlySet<string> }>> = {
  cell: {
    roles: new Set(["partyRole", "codes", "canonicalCodes", "duplicateCodes", "codeCount", "empty", "lowerCase", "invalidTokenCount", "raw", "emphasis", "separator", "words"]),
    names: new Set(["party"]),
  },
  code: {
    roles: new Set(["partyRole", "codes", "canonicalCodes", "duplicateCodes", "codeCount", "empty", "lowerCase", "invalidTokenCount", "raw", "emphasis", "separator", "words", "kind", "value", "valid", "schemeCodes"]),
    names: new Set(["party"]),
  },
  activity: {
    roles: new Set([
      "codeCounts", "accountableCode", "responsibleCode", "accountableCount", "responsibleCount", "codeCount", "filledCellCount",
      "invalidTokenCount", "codesByRole", "hasCustomer", "customerCodes", "customerCellPresent", "format",
    ]),
    names: new Set(["accountableParties", "responsibleParties", "codesByParty", "customer", "parties", "missingParties"]),
  },
};

/** The fact names allowed in a scope. */
export function factNames(scope: Scope): Set<string> {
  return new Set(FACTS[scope].map((f) => f.name));
}
