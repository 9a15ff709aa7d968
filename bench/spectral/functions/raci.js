/**
 * The five structural checks of bench/spectral/ruleset.yaml, on one activity
 * (`{ activity, codes: { <party>: <codes> } }`) of a raci-lint matrix; the matrix' parties come from
 * the document. Returns Spectral results (message and path) for the check named in the options.
 */
const ORDER = "RACI";

/** The parties of the document: names and which one is the customer. */
function partiesOf(document) {
  const parties = Array.isArray(document?.parties) ? document.parties : [];
  const names = new Map();
  let customer = null;
  for (const party of parties) {
    const name = typeof party === "string" ? party : party?.name;
    if (typeof name !== "string") continue;
    names.set(name.trim().toLowerCase(), name);
    if (typeof party === "object" && party.role === "customer") customer = name;
  }
  return { names, customer };
}

/** The code letters of a cell (`RA`, `R, A`, `r/a`): letters, and whether every one is a RACI code. */
function lettersOf(text) {
  const letters = String(text ?? "").replace(/[\s,/;+]/gu, "").toUpperCase().split("").filter(Boolean);
  return { letters, valid: letters.every((l) => ORDER.includes(l)) };
}

export default function raci(activity, options, context) {
  if (!activity || typeof activity !== "object" || !activity.codes || typeof activity.codes !== "object") return [];
  const { names, customer } = partiesOf(context.document.data);
  const cells = Object.entries(activity.codes).filter(([party]) => names.has(party.trim().toLowerCase()));
  const name = activity.activity;
  const count = (code) => cells.reduce((n, [, text]) => n + lettersOf(text).letters.filter((l) => l === code).length, 0);
  switch (options.check) {
    case "single-accountable": {
      const a = count("A");
      return a === 1 ? [] : [{ message: `Activity "${name}" has ${a} Accountable (A) codes: exactly one is required.` }];
    }
    case "responsible-required":
      return count("R") > 0 ? [] : [{ message: `Activity "${name}" has no Responsible (R).` }];
    case "customer-involved": {
      const cell = cells.find(([party]) => party === customer);
      return customer !== null && cell && lettersOf(cell[1]).letters.length === 0 ? [{ message: `The customer holds no role in activity "${name}".`, path: [...context.path, "codes", cell[0]] }] : [];
    }
    case "valid-codes":
      return cells.filter(([, text]) => !lettersOf(text).valid).map(([party, text]) => ({ message: `"${text}" is not a RACI code.`, path: [...context.path, "codes", party] }));
    case "code-order":
      return cells
        .filter(([, text]) => {
          const { letters, valid } = lettersOf(text);
          return valid && letters.some((l, i) => i > 0 && ORDER.indexOf(l) < ORDER.indexOf(letters[i - 1]));
        })
        .map(([party, text]) => ({ message: `Codes "${text}" are out of order.`, path: [...context.path, "codes", party] }));
    default:
      return [];
  }
}
