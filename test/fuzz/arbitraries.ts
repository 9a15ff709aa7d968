/**
 * fast-check arbitraries for the fuzz properties: Markdown matrices from a grammar of the ways
 * people write them (code styles, footnotes, party names as codes, ragged rows, directives,
 * legends, front matter, CRLF, BOM), YAML and JSON matrices (anchors and aliases, merge keys, wrong
 * types, unknown parties), and mutations of real files (bytes deleted, lines duplicated, markup
 * characters and unicode inserted, line endings changed).
 */
import { fc } from "@fast-check/vitest";
import { Document, isAlias, isMap, isNode } from "yaml";
import type { Doc } from "./corpora.js";

/** A generated input: its text and a file name whose extension picks the format. */
export interface Input {
  name: string;
  text: string;
}

// ---------------------------------------------------------------------------
// Markdown

/** Party names: customer and provider words in several languages, other parties, names that read as codes. */
export const PARTY_NAMES = [
  "Client",
  "Customer",
  "Provider",
  "Cloud Temple",
  "Kunde",
  "Fournisseur",
  "Cliente",
  "Tenant",
  "Client Role",
  "Provider Role",
  "Auditor",
  "CAB",
  "Security Team",
  "Vendor X",
  "Équipe Réseau",
  "R",
  "RA",
  "I",
  "N/A",
  "Role",
  "Activity",
  "Party",
  "DBA",
];
/** Code tokens: letters of every built-in scheme, lower case, words in several languages, footnoted, invalid. */
const TOKENS = [
  "R",
  "A",
  "C",
  "I",
  "S",
  "V",
  "O",
  "X",
  "r",
  "a",
  "c",
  "i",
  "RA",
  "AR",
  "RR",
  "CI",
  "IC",
  "RACI",
  "Responsible",
  "Accountable",
  "Consulted",
  "Informed",
  "Informé",
  "Réalise",
  "Approuve",
  "Verantwortlich",
  "Support",
  "Verify",
  "N/A",
  "I*",
  "I¹",
  "R²",
  "A[^1]",
  "?",
  "x",
];
const SEPARATORS = ["", ", ", ",", "/", " ", " / ", "; ", " & ", "+", " and ", "<br>"];
const WRAPPERS = ["", "**", "__", "*", "_", "`", "~~"];
const PLACEHOLDERS = ["", "", "-", "—", "–", "N/A", "n/a", "X", "✅", "❌", " ", "\\|", "TBD"];
const ACTIVITIES = [
  "Do it",
  "Manage the platform",
  "Back up **the data**",
  "Patch `nodes`",
  "Review access rights",
  "Gérer les sauvegardes",
  "Prüfen",
  "Plan",
  "X",
  "RA",
  "Client",
  "",
  "Überwachen & melden",
  "Rotate keys [^1]",
  "Run <br> twice",
  "Escalate *incidents*",
  "Activity",
];

/** Text of a cell: codes in some style, a placeholder, a party name, or short random text. */
export const cellText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 3 }), fc.constantFrom(...SEPARATORS), fc.constantFrom(...WRAPPERS), fc.boolean())
      .map(([tokens, sep, wrap, each]) => (each ? tokens.map((t) => `${wrap}${t}${wrap}`).join(sep) : `${wrap}${tokens.join(sep)}${wrap}`)),
  },
  { weight: 2, arbitrary: fc.constantFrom(...PLACEHOLDERS) },
  { weight: 1, arbitrary: fc.constantFrom(...PARTY_NAMES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }).map((s) => s.replace(/[|\r\n]/gu, "")) },
);

/** Text of a cell as a careful author writes it: RACI letters (some out of order or repeated), in one style, or empty. */
const plainCell: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom("RA", "R", "A", "C", "I", "CI", "AR", "IC", "RR", "", "", "I", "RA", "A, R", "R, A"), fc.constantFrom("", "", "**", "__"))
  .map(([codes, wrap]) => (codes === "" ? "" : `${wrap}${codes}${wrap}`));

/** A cell: mostly what careful authors write, sometimes anything. */
const anyCell: fc.Arbitrary<string> = fc.oneof({ weight: 1, arbitrary: plainCell }, { weight: 1, arbitrary: cellText });

/** One Markdown table row from cells (with or without the outer pipes, padded or not). */
function row(cells: readonly string[], outer: boolean, pad: boolean): string {
  const inner = cells.map((c) => (pad ? ` ${c} ` : c)).join("|");
  return outer ? `|${inner}|` : inner;
}

const delimiterCell = fc.constantFrom("---", ":---", "---:", ":---:", "-", "------------");
const DIRECTIVES = [
  "<!-- raci-lint-disable-next-line code-order -->",
  "<!-- raci-lint-disable customer-involved -- the customer is not involved -->",
  "<!-- raci-lint-enable -->",
  "<!-- raci-lint-disable -->",
  "<!-- raci-lint-disable-file valid-codes -->",
  "<!-- raci-lint-disable-line -->",
  "<!-- raci-lint-disable no-such-rule -->",
  "<!-- raci-lint-disable-next-line -->",
  "<!-- a comment -->",
];

/** A RACI table (rows of activities, or transposed: parties as rows), possibly ragged. */
const table: fc.Arbitrary<string[]> = fc
  .record({
    parties: fc.uniqueArray(fc.constantFrom(...PARTY_NAMES), { minLength: 1, maxLength: 5 }),
    first: fc.constantFrom("Activity", "Activité", "Task", "Tâche", "Role", "", "Party", "Aktivität"),
    rows: fc.array(fc.tuple(fc.constantFrom(...ACTIVITIES), fc.array(anyCell, { minLength: 0, maxLength: 7 })), { minLength: 0, maxLength: 6 }),
    ragged: fc.integer({ min: 0, max: 3 }).map((i) => i === 0),
    outer: fc.boolean(),
    pad: fc.boolean(),
    delimiters: fc.array(delimiterCell, { minLength: 8, maxLength: 8 }),
    directiveInside: fc.option(fc.constantFrom(...DIRECTIVES), { freq: 8 }),
  })
  .map(({ parties, first, rows, ragged, outer, pad, delimiters, directiveInside }) => {
    const width = parties.length + 1;
    const lines = [row([first, ...parties], outer, pad), row(delimiters.slice(0, width), outer, pad)];
    for (const [activity, cells] of rows) {
      // Rows have as many cells as the header unless `ragged`, which keeps what was drawn.
      const fitted = ragged ? cells : Array.from({ length: parties.length }, (_, i) => cells[i] ?? "");
      lines.push(row([activity, ...fitted], outer, pad));
    }
    if (directiveInside !== null && lines.length > 2) lines.splice(2 + (rows.length >> 1), 0, directiveInside);
    return lines;
  });

const legend: fc.Arbitrary<string[]> = fc.constantFrom(
  ["| Role | Description |", "|---|---|", "| (R) Responsible | __R__esponsible |", "| (A) Accountable | __A__ccountable |", "| (C) Consulted | Consulted |", "| (I) Informed | __I__nformed |"],
  ["| Code | Meaning |", "|---|---|", "| R | Performs |", "| A | Approves |", "| X | Unknown |"],
  ["- **R**: Responsible", "- **A**: Accountable", "- **C**: Consulted", "- **I**: Informed"],
  ["- __P__erforms (R)", "- __A__pproves (A)"],
  ["| Rôle | Description |", "|---|---|", "| (R) Réalise | __R__éalise |", "| (S) Support | __S__upport |"],
);

/** A block of a Markdown document. */
const block: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 6, arbitrary: table },
  { weight: 2, arbitrary: fc.constantFrom("# Matrix", "## Section A", "## Sección B", "### Sub", "## Client", "Setext\n===", "## RA").map((h) => [h]) },
  { weight: 1, arbitrary: legend },
  { weight: 1, arbitrary: fc.constantFrom(...DIRECTIVES).map((d) => [d]) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        "Some text.",
        "\\* Informed on request only.",
        "[^1]: A footnote.",
        "```\n| a | b |\n|---|---|\n| R | A |\n```",
        "> | quoted | table |",
        "- item\n  - nested",
        "<!--\nunclosed",
        "---",
      )
      .map((t) => [t]),
  },
);

/** A Markdown document: optional BOM and front matter, blocks separated by blank lines (or not), LF or CRLF. */
export const markdownDoc: fc.Arbitrary<Input> = fc
  .record({
    bom: fc.boolean(),
    front: fc.option(fc.constantFrom("---\ntitle: Matrix\n---", "---\ntitle: 'Matrice : S3'\nsidebar_position: 3\n---", "---\ntitle: [broken\n---", "---\n---"), { freq: 3 }),
    blocks: fc.array(block, { minLength: 1, maxLength: 6 }),
    gap: fc.constantFrom("\n\n", "\n", "\n\n\n"),
    eol: fc.constantFrom("\n", "\n", "\r\n", "\r"),
    final: fc.boolean(),
  })
  .map(({ bom, front, blocks, gap, eol, final }) => {
    const parts = [...(front ? [front] : []), ...blocks.map((b) => b.join("\n"))];
    const text = parts.join(gap) + (final ? "\n" : "");
    return { name: "fuzz.md", text: (bom ? "\uFEFF" : "") + text.replace(/\n/gu, eol) };
  });

// ---------------------------------------------------------------------------
// YAML and JSON

/** A code value as data: text in any style, or a value of the wrong type. */
const codeValue: fc.Arbitrary<unknown> = fc.oneof({ weight: 8, arbitrary: anyCell }, { weight: 1, arbitrary: fc.constantFrom(null, 1, true, ["R"], { R: 1 }, 0.5) });

/** Matrix data in the documented shape, with deviations (unknown or missing parties, wrong types). */
const matrixData: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    title: fc.option(fc.constantFrom("S3", "Matrice", "", "RACI"), { freq: 2 }),
    parties: fc.uniqueArray(fc.constantFrom(...PARTY_NAMES), { minLength: 1, maxLength: 5 }),
    roles: fc.array(fc.constantFrom(undefined, "customer", "provider", "third-party", "boss"), { minLength: 5, maxLength: 5 }),
    asStrings: fc.boolean(),
    legend: fc.option(
      fc.array(
        fc.record({
          code: fc.constantFrom("R", "A", "C", "I", "S", "X", "RA"),
          term: fc.constantFrom("Responsible", "Performs", "Approves", "Informé", ""),
          description: fc.constantFrom("__P__erforms", "", "__A__pproves"),
        }),
        { maxLength: 4 },
      ),
      { freq: 3 },
    ),
    sections: fc.array(
      fc.record({
        title: fc.constantFrom("Run", "Build", "", "Sécurité"),
        // Codes keyed by a party of the matrix (by index), now and then by another name.
        activities: fc.array(
          fc.record({
            activity: fc.constantFrom(...ACTIVITIES),
            codes: fc.array(fc.tuple(fc.oneof({ weight: 9, arbitrary: fc.nat(4) }, { weight: 1, arbitrary: fc.constantFrom("Z", "<<", "client", "Client ") }), codeValue), { maxLength: 6 }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map(({ title, parties, roles, asStrings, legend, sections }) => ({
    ...(title !== null ? { title } : {}),
    parties: parties.map((name, i) => (asStrings ? name : roles[i] ? { name, role: roles[i] } : { name })),
    ...(legend !== null ? { legend } : {}),
    sections: sections.map((s) => ({
      title: s.title,
      activities: s.activities.map((a) => ({ activity: a.activity, codes: Object.fromEntries(a.codes.map(([k, v]) => [typeof k === "number" ? parties[k % parties.length]! : k, v])) })),
    })),
  }));

/** A JSON matrix, compact or indented. */
export const jsonDoc: fc.Arbitrary<Input> = fc.tuple(matrixData, fc.constantFrom(0, 1, 2, "\t")).map(([data, indent]) => ({ name: "fuzz.json", text: JSON.stringify(data, null, indent) }));

/** Where an alias goes: a node of the data is replaced by an alias of an earlier one of the same kind. */
const aliasPlan = fc.array(fc.tuple(fc.constantFrom("codes", "activity", "cell", "section", "merge", "party"), fc.nat(20), fc.nat(20)), { maxLength: 6 });

/** The paths of nodes of one kind in matrix data, in document order. */
function pathsOf(data: Record<string, unknown>, kind: string): (string | number)[][] {
  const out: (string | number)[][] = [];
  const sections = data.sections as { activities: { codes: Record<string, unknown> }[] }[];
  if (kind === "party") (data.parties as unknown[]).forEach((_, i) => out.push(["parties", i]));
  sections.forEach((section, s) => {
    if (kind === "section") out.push(["sections", s]);
    section.activities.forEach((activity, a) => {
      if (kind === "activity") out.push(["sections", s, "activities", a]);
      if (kind === "codes" || kind === "merge") out.push(["sections", s, "activities", a, "codes"]);
      if (kind === "cell") for (const party of Object.keys(activity.codes)) out.push(["sections", s, "activities", a, "codes", party]);
    });
  });
  return out;
}

/**
 * A YAML matrix, block or flow style. Some nodes are aliases of earlier ones (`codes: *a1`, a whole
 * activity, a cell value, a section, a party) and some codes maps merge another (`<<: *a2`).
 */
export const yamlDoc: fc.Arbitrary<Input> = fc.record({ data: matrixData, plan: aliasPlan, flow: fc.boolean(), eol: fc.constantFrom("\n", "\n", "\r\n") }).map(({ data, plan, flow, eol }) => {
  const doc = new Document(data);
  let n = 0;
  for (const [kind, from, to] of plan) {
    const paths = pathsOf(data, kind);
    if (paths.length < 2) continue;
    const i = from % (paths.length - 1);
    const j = i + 1 + (to % (paths.length - 1 - i));
    try {
      const source = doc.getIn(paths[i]!, true);
      if (!source || !isNode(source) || isAlias(source)) continue;
      const alias = doc.createAlias(source, `a${++n}`);
      if (kind === "merge") {
        const target = doc.getIn(paths[j]!, true);
        if (isMap(target)) target.items.unshift(doc.createPair("<<", alias));
      } else doc.setIn(paths[j]!, alias);
    } catch {
      // The path runs through a node an earlier step made an alias: skip this step.
    }
  }
  let text: string;
  try {
    text = doc.toString(flow ? { collectionStyle: "flow" } : {});
  } catch {
    // A later alias replaced the node holding an earlier anchor: keep the data without aliases.
    text = new Document(data).toString(flow ? { collectionStyle: "flow" } : {});
  }
  return { name: "fuzz.yaml", text: text.replace(/\n/gu, eol) };
});

// ---------------------------------------------------------------------------
// Mutations of real files

/** What a mutation inserts: markup, line breaks, unicode (astral, combining, zero-width, BOM, RTL). */
const INSERTS = [
  "|",
  "||",
  "*",
  "**",
  "_",
  "`",
  "```",
  "<!--",
  "-->",
  "<!-- raci-lint-disable -->",
  "\t",
  "\r\n",
  "\r",
  "\n",
  "\\",
  "---",
  "&",
  "*c1",
  "&c1",
  ": ",
  "- ",
  "{",
  "}",
  "[",
  "]",
  '"',
  "'",
  "é",
  "𝐀",
  "e\u0301",
  "\u200b",
  "\uFEFF",
  "\u202e",
  "\u0000",
  "\uD800",
  "R",
  "A",
  "RA",
  "#",
];

/** One edit of a text, at a position given as a fraction of its length. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant("delete" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant("insert" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ maxLength: 4, unit: "binary" })) }),
  fc.record({ op: fc.constant("duplicate-line" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), times: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant("delete-line" as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ op: fc.constant("swap-lines" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), other: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ op: fc.constant("line-endings" as const), eol: fc.constantFrom("\r\n", "\r", "\n") }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
);
export type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

/** Applies one mutation to a text. */
export function mutate(text: string, m: Mutation): string {
  const pos = (f: number) => Math.min(text.length, Math.floor(f * (text.length + 1)));
  const lines = () => text.split(/(?<=\n)/u);
  switch (m.op) {
    case "delete":
      return text.slice(0, pos(m.at)) + text.slice(pos(m.at) + m.length);
    case "insert":
      return text.slice(0, pos(m.at)) + m.text + text.slice(pos(m.at));
    case "truncate":
      return text.slice(0, pos(m.at));
    case "line-endings":
      return text.replace(/\r\n|\r|\n/gu, m.eol);
    case "duplicate-line":
    case "delete-line":
    case "swap-lines": {
      const all = lines();
      if (all.length === 0) return text;
      const i = Math.min(all.length - 1, Math.floor(m.at * all.length));
      if (m.op === "duplicate-line") all.splice(i, 0, ...Array.from({ length: m.times }, () => all[i]!));
      else if (m.op === "delete-line") all.splice(i, 1);
      else {
        const j = Math.min(all.length - 1, Math.floor(m.other * all.length));
        [all[i], all[j]] = [all[j]!, all[i]!];
      }
      return all.join("");
    }
  }
}

/** A real document with one to four mutations. */
export function mutatedDoc(sources: readonly Doc[]): fc.Arbitrary<Input> {
  return fc.tuple(fc.constantFrom(...sources), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([doc, ms]) => ({
    name: `mutated${doc.name.slice(doc.name.lastIndexOf("."))}`,
    text: ms.reduce(mutate, doc.text),
  }));
}

/** Any input: generated Markdown, YAML, JSON, or a mutated real file. */
export function anyInput(sources: readonly Doc[]): fc.Arbitrary<Input> {
  return fc.oneof({ weight: 4, arbitrary: markdownDoc }, { weight: 2, arbitrary: yamlDoc }, { weight: 1, arbitrary: jsonDoc }, { weight: 3, arbitrary: mutatedDoc(sources) });
}
