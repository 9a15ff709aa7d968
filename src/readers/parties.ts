/** Turns header text into parties and recognises who the customer and the provider are. */
import type { PartyRole } from "../model/matrix.js";
import { nameKey } from "../model/text.js";

/** Words that name the customer in the languages matrices are written in. */
export const CUSTOMER_WORDS = [
  "client", "clients", "customer", "customers", "kunde", "kunden", "cliente", "clientes", "clienti",
  "tenant", "consumer", "subscriber", "abonné", "souscripteur", "mandant", "auftraggeber", "usuario", "utente",
];

/** Words that name the provider. */
export const PROVIDER_WORDS = [
  "provider", "cloud provider", "csp", "fournisseur", "prestataire", "anbieter", "dienstleister",
  "proveedor", "fornitore", "vendor", "supplier",
];

const ROLE_WORD = /\b(?:role|rôle|rol|rolle|ruolo|papel|responsabilit(?:y|é|à))\b/giu;
const CONNECTOR = /^(?:of the|of|the|du|de la|de|des|del|der|des|di|della|dello)\s+|\s+(?:of|du|de|del|der|di)$/iu;
const ACTIVITY_WORD = /^(?:activit(?:y|ies|é|és|à)|aktivität(?:en)?|tätigkeit(?:en)?|aufgabe(?:n)?|actividad(?:es)?|task|tasks|tâche|tâches|process|processus|prozess|proceso|processo|operation|opération|action)$/iu;

const namesByHeader = new Map<string, string>();

/** The party name a header stands for: `Client Role` -> `Client`, `Rol del Cliente` -> `Cliente`. */
export function partyNameFromHeader(header: string): string {
  // Thousands of tables repeat a few headers.
  let name = namesByHeader.get(header);
  if (name === undefined) {
    name = readPartyName(header);
    if (namesByHeader.size >= 10_000) namesByHeader.clear();
    namesByHeader.set(header, name);
  }
  return name;
}

/** Reads the party name out of a header (see `partyNameFromHeader`). */
function readPartyName(header: string): string {
  const plain = header.replace(/[*_`]+/gu, "").replace(/\s+/gu, " ").trim().replace(/:$/u, "");
  let name = plain.replace(/[-\s]?rolle$/iu, "").replace(ROLE_WORD, " ").replace(/\s+/gu, " ").trim();
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

const keySets = new Map<string, Set<string>>();

/** Lower-cased names that, written in a cell, mean a party rather than a code (one shared set per list of names). */
export function partyNameKeys(names: Iterable<string>): ReadonlySet<string> {
  const list = [...names];
  const id = list.join("\u0000");
  let keys = keySets.get(id);
  if (keys) return keys;
  keys = new Set<string>([...CUSTOMER_WORDS, ...PROVIDER_WORDS]);
  for (const n of list) {
    keys.add(nameKey(n));
    keys.add(nameKey(partyNameFromHeader(n)));
  }
  if (keySets.size > 1000) keySets.clear();
  keySets.set(id, keys);
  return keys;
}
