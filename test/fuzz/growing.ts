/**
 * Inputs that grow with `n`, for the linear-time checks: each builds a document whose size is about
 * proportional to `n` (so doubling `n` doubles the text), stressing one part of the reader or the rules.
 */
const CODES = ["RA", "I", "**R**, **A**", "__AR__", "r/a", "C", "Responsible", "I*", "X", "N/A", "-", "RACI"];

/** A Markdown table header with parties. */
function header(parties: readonly string[]): string {
  return `| Activity | ${parties.join(" | ")} |\n|${parties.map(() => "---|").join("")}---|\n`;
}

export const GROWING: Record<string, { name: string; make: (n: number) => string }> = {
  "long table (rows)": {
    name: "t.md",
    make: (n) =>
      header(["Client", "Provider", "Auditor"]) +
      Array.from({ length: n }, (_, i) => `| Task ${i} ${"ab".repeat(i % 7)} | ${CODES[i % CODES.length]} | ${CODES[(i * 7) % CODES.length]} | ${CODES[(i * 3) % CODES.length]} |\n`).join(""),
  },
  "wide table (columns)": {
    name: "t.md",
    make: (n) => {
      const parties = Array.from({ length: n }, (_, i) => (i === 0 ? "Client" : `Party ${i}`));
      return header(parties) + Array.from({ length: 4 }, (_, r) => `| Task ${r} | ${parties.map((_, i) => CODES[(i + r) % CODES.length]).join(" | ")} |\n`).join("");
    },
  },
  "long cell (codes)": {
    name: "t.md",
    make: (n) => `${header(["Client", "Provider"])}| Do it | ${Array.from({ length: n }, (_, i) => "RACI"[i % 4]).join(", ")} | I |\n`,
  },
  "long cell (text)": {
    name: "t.md",
    make: (n) => `${header(["Client", "Provider"])}| Do it | ${"lorem ipsum ".repeat(n)} | I |\n`,
  },
  "long activity name": {
    name: "t.md",
    make: (n) => `${header(["Client", "Provider"])}| ${"Manage *the* platform ".repeat(n)} | RA | I |\n`,
  },
  "run of * in a cell": {
    name: "t.md",
    make: (n) => `${header(["Client", "Provider"])}| Do it | R${"*".repeat(n)}x | I |\n`,
  },
  "run of _ in a cell": {
    name: "t.md",
    make: (n) => `${header(["Client", "Provider"])}| Do it | R${"_".repeat(n)}x | I |\n`,
  },
  "run of ` in a cell": {
    name: "t.md",
    make: (n) => `${header(["Client", "Provider"])}| Do it | R${"`".repeat(n)}x | I |\n`,
  },
  "many tables": {
    name: "t.md",
    make: (n) => Array.from({ length: n }, (_, i) => `## Section ${i}\n\n${header(["Client", "Provider"])}| Task ${i} | ${CODES[i % CODES.length]} | RA |\n`).join("\n"),
  },
  "many directives": {
    name: "t.md",
    make: (n) => Array.from({ length: n }, (_, i) => `<!-- raci-lint-disable-next-line code-order -- reason ${i} -->\n${header(["Client", "Provider"])}| Task ${i} | AR | I |\n`).join("\n"),
  },
  "deep list nesting": {
    name: "t.md",
    // Depth grows as the square root of n, so the text (indentation included) grows as n.
    make: (n) => Array.from({ length: Math.round(Math.sqrt(n * 8)) }, (_, d) => `${"  ".repeat(d)}- item ${d}\n`).join(""),
  },
  "deep blockquote nesting": {
    name: "t.md",
    make: (n) => `${"> ".repeat(n)}| Activity | Client |\n${"> ".repeat(n)}|---|---|\n${"> ".repeat(n)}| Do | RA |\n`,
  },
  "long YAML matrix": {
    name: "t.yaml",
    make: (n) =>
      `parties: [Client, Provider, Auditor]\nsections:\n  - title: S\n    activities:\n${Array.from({ length: n }, (_, i) => `      - activity: Task ${i}\n        codes: { Client: "${CODES[i % CODES.length]}", Provider: "${CODES[(i * 5) % CODES.length]}", Auditor: I }\n`).join("")}`,
  },
  "YAML aliases (codes: *c)": {
    name: "t.yaml",
    make: (n) =>
      `parties: [Client, Provider]\nsections:\n  - title: S\n    activities:\n      - activity: Task 0\n        codes: &c { Client: RA, Provider: I }\n${Array.from({ length: n }, (_, i) => `      - activity: Task ${i + 1}\n        codes: *c\n`).join("")}`,
  },
  "big codes map (YAML)": {
    name: "t.yaml",
    make: (n) => {
      const parties = Array.from({ length: n }, (_, i) => `P${i}`);
      return `parties: [${parties.join(", ")}]\nsections:\n  - title: S\n    activities:\n      - activity: Do\n        codes:\n${parties.map((p, i) => `          ${p}: ${CODES[i % CODES.length] === "-" ? "I" : JSON.stringify(CODES[i % CODES.length])}\n`).join("")}`;
    },
  },
  "big codes map (JSON)": {
    name: "t.json",
    make: (n) => {
      const parties = Array.from({ length: n }, (_, i) => `P${i}`);
      return JSON.stringify({ parties, sections: [{ title: "S", activities: [{ activity: "Do", codes: Object.fromEntries(parties.map((p, i) => [p, CODES[i % CODES.length]])) }] }] });
    },
  },
  "deep YAML flow nesting": {
    name: "t.yaml",
    make: (n) => `parties: [Client]\nsections: ${"[".repeat(n)}${"]".repeat(n)}\n`,
  },
};
