/** Turns header text into parties and recognises who the customer and the provider are. */
import type { PartyRole } from "../model/matrix.js";
import { nameKey, plainText } from "../model/text.js";

/** Words that name the customer in the languages matrices are written in. */
export const CUSTOMER_WORDS = [
  "client",
  "clients",
  "customer",
  "customers",
  "kunde",
  "kunden",
  "cliente",
  "clientes",
  "clienti",
  "tenant",
  "consumer",
  "subscriber",
  "abonné",
  "souscripteur",
  "mandant",
  "auftraggeber",
  "usuario",
  "utente",
];

/** Words that name the provider. */
export const PROVIDER_WORDS = ["provider", "cloud provider", "csp", "fournisseur", "prestataire", "anbieter", "dienstleister", "proveedor", "fornitore", "vendor", "supplier"];

// Without the u flag: these run on every header cell, and V8 matches \b with u and i together far
// more slowly; the words' letters fold case the same either way.
const ROLE_WORD = /\b(?:role|rôle|rol|rolle|ruolo|papel|responsabilit(?:y|é|à))\b/gi;
const CONNECTOR = /^(?:of the|of|the|du|de la|de|des|del|der|des|di|della|dello)\s+|\s+(?:of|du|de|del|der|di)$/i;
const ACTIVITY_WORD =
  /^(?:activit(?:y|ies|é|és|à)|aktivität(?:en)?|tätigkeit(?:en)?|aufgabe(?:n)?|actividad(?:es)?|task|tasks|tâche|tâches|process|processus|prozess|proceso|processo|operation|opération|action)$/iu;

/** The party name a header stands for: `Client Role` -> `Client`, `Rol del Cliente` -> `Cliente`. */
export function partyNameFromHeader(header: string): string {
  // A name followed by a description (`Cloud strategy team - The Cloud Strategy Team is responsible for ...`, a spreadsheet's header): the name.
  const described = /^(.+?)(?:\s+[-–—]\s+|\s*\n\s*)(?:\S+\s+){3,}\S+/u.exec(header.trim());
  if (described) header = described[1]!;
  const plain = header
    .replace(/[*_`\u00ad]+/gu, "")
    .replace(/\s+/gu, " ")
    .trim()
    .replace(/:$/u, "");
  let name = plain
    .replace(/[-\s]?rolle$/iu, "")
    .replace(ROLE_WORD, " ")
    .replace(/\s+/gu, " ")
    .trim();
  // German compounds link with -n: Kundenrolle is the role of the Kunde.
  if (/[^-\s]rolle$/iu.test(plain) && /n$/u.test(name) && CUSTOMER_WORDS.includes(nameKey(name.slice(0, -1)))) name = name.slice(0, -1);
  for (let i = 0; i < 3; i++) name = name.replace(CONNECTOR, "").trim();
  name = name.replace(/^[-\s]+|[-\s]+$/gu, "");
  return name === "" ? plain : name;
}

/** Whether a header names the activity column. */
export function isActivityHeader(header: string): boolean {
  return ACTIVITY_WORD.test(nameKey(header));
}

/** The shared-responsibility role a party name suggests, if any. */
export function guessPartyRole(name: string): PartyRole | null {
  const key = nameKey(name);
  const words = key.split(/[\s-]+/u);
  if (CUSTOMER_WORDS.some((w) => key === w || words.includes(w))) return "customer";
  if (PROVIDER_WORDS.some((w) => key === w || words.includes(w))) return "provider";
  return null;
}

const PARTY_WORDS: ReadonlySet<string> = new Set([...CUSTOMER_WORDS, ...PROVIDER_WORDS]);

/**
 * The names that, written in a cell, mean a party rather than a code: the customer and provider
 * words and a table's own party names (lower-cased, formatting dropped).
 */
export class PartyNames {
  private readonly own: ReadonlySet<string>;
  /** The table's own names, sorted and joined: equal keys, equal sets. */
  readonly key: string;

  /** `headers`: the headers (or party names) as written; `names`: the party name each stands for, when known. */
  constructor(headers: readonly string[], names: readonly string[] = headers.map(partyNameFromHeader)) {
    const own = new Set<string>();
    for (const header of headers) own.add(nameKey(header));
    for (const name of names) own.add(nameKey(name));
    for (const word of PARTY_WORDS) own.delete(word);
    this.own = own;
    this.key = [...own].sort().join("\u0000");
  }

  /** Whether a key (`nameKey` of a text) names a party. */
  has(key: string): boolean {
    return PARTY_WORDS.has(key) || this.own.has(key);
  }
}

/** The names that mean a party in a table whose party headers (or names) are `names`. */
export function partyNameKeys(names: Iterable<string>): PartyNames {
  return new PartyNames([...names]);
}

const NAME_SEPARATOR = /\s*(?:<br\s*\/?>|[,;/+&]|\s(?:and|et|und|y|e)\s)\s*/giu;
/** Texts that name no one (`-`, `N/A`, `none`). */
const NO_ONE = /^(?:[-–—]+|n\/?a|none)$/iu;

/** The party names a text lists (`Dev, QA`, `PM / PO`, `Legal and Finance`, `A<br>B`), each with its range in the text. */
export function splitPartyNames(raw: string): { name: string; start: number; end: number }[] {
  const out: { name: string; start: number; end: number }[] = [];
  let at = 0;
  const push = (end: number) => {
    const text = raw.slice(at, end);
    const start = at + (text.length - text.trimStart().length);
    const name = plainText(text.trim());
    if (name !== "" && !NO_ONE.test(name)) out.push({ name, start, end: start + text.trim().length });
  };
  for (const match of raw.matchAll(NAME_SEPARATOR)) {
    push(match.index);
    at = match.index + match[0].length;
  }
  push(raw.length);
  return out;
}
