#!/usr/bin/env node
/**
 * Deterministic benchmark corpus: Markdown shared-responsibility (RACI) matrix pages.
 *
 * Writes `files` pages of exactly `rowsPerFile` activity rows each into
 * bench/.corpus/matrices/tenant-NN/NNNN-<product>.md, plus bench/.corpus/manifest.json.
 * Everything comes from a seeded PRNG (one stream per file, so a smaller corpus is a
 * prefix of the full one); no Math.random, no dates. Regeneration is skipped when the
 * manifest's params hash matches (the hash covers the params and this file's source).
 *
 * The same pages are also written as YAML and JSON matrices (`--format=yaml|json`), each in its own
 * folder: bench/.corpus/yaml/matrices/..., bench/.corpus/json/matrices/... (same names, .yaml/.json).
 *
 * Usage: node bench/generate.mjs [--force] [--format=markdown|yaml|json]   (env: BENCH_FILES, BENCH_ROWS)
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Root of everything the bench writes (git-ignored). */
export const CORPUS_ROOT = path.join(HERE, ".corpus");
/** Folder holding only the Markdown pages: the CLI and the floor are pointed here. */
export const MATRICES_DIR = path.join(CORPUS_ROOT, "matrices");
const MANIFEST_PATH = path.join(CORPUS_ROOT, "manifest.json");

/** Share of activity rows that carry a deliberate defect. */
const DEFECT_RATE = 0.04;
const DEFECTS = ["order", "emptyClient", "twoA", "noA", "duplicate", "ragged"];

// ---------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a seeded 32-bit PRNG returning floats in [0, 1) (the tests' generators use it too). */
export function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Wraps a PRNG with the few helpers the generator needs. */
function makeRandom(seed) {
  const next = mulberry32(seed);
  const int = (n) => Math.floor(next() * n);
  return {
    int,
    chance: (p) => next() < p,
    pick: (items) => items[int(items.length)],
    /** Picks from [[weight, value], ...]. */
    weighted(pairs) {
      const total = pairs.reduce((sum, [w]) => sum + w, 0);
      let r = next() * total;
      for (const [w, value] of pairs) if ((r -= w) < 0) return value;
      return pairs[pairs.length - 1][1];
    },
    /** Returns a shuffled copy (Fisher-Yates). */
    shuffle(items) {
      const copy = items.slice();
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(i + 1);
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy;
    },
  };
}

/** Derives the independent seed of one file from the corpus seed. */
function fileSeed(seed, index) {
  return (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
}

// ---------------------------------------------------------------------------
// Word lists

const PRODUCTS = [
  "S3 Object Storage",
  "Bare Metal",
  "IaaS VMware",
  "OpenShift",
  "PaaS PostgreSQL",
  "Managed Kubernetes",
  "Backup as a Service",
  "Réseau privé",
  "Firewall",
  "Load Balancer",
  "DNS",
  "Bastion",
  "Data Lake",
  "HSM & KMS",
  "Messagerie sécurisée",
  "Rechenzentrum Übersicht",
  "Virtual Desktop",
  "Disaster Recovery",
  "Log Management",
  "Identity & Access",
];

const VERBS = [
  "Manage",
  "Ensure",
  "Supervise",
  "Maintain",
  "Configure",
  "Monitor",
  "Validate",
  "Define",
  "Document",
  "Perform",
  "Operate",
  "Review",
  "Approve",
  "Deploy",
  "Patch",
  "Update",
  "Audit",
  "Track",
  "Provide",
  "Secure",
  "Back up",
  "Restore",
  "Test",
  "Plan",
  "Decommission",
  "Report on",
  "Escalate",
  "Gérer",
  "Vérifier",
  "Prüfen",
];

const OBJECTS = [
  "the operational maintenance",
  "the security maintenance",
  "the lifecycle of objects",
  "the capacity",
  "incidents",
  "changes",
  "access rights",
  "encryption keys",
  "the logs",
  "backups",
  "the network configuration",
  "the firewall rules",
  "the hypervisor cluster",
  "the virtual machines",
  "the object storage buckets",
  "the database instances",
  "the Kubernetes nodes",
  "the load balancers",
  "the DNS zones",
  "the TLS certificates",
  "the identity provider",
  "the physical security",
  "the données personnelles",
  "the sécurité opérationnelle",
  "the Zugriffsrechte",
  "the Übergabe documentation",
  "the disaster recovery plan",
  "the application data",
  "the operating systems",
  "the middleware",
  "the privileged accounts",
  "the service contract",
];

const SCOPES = [
  "of the platform",
  "on the IaaS platform",
  "for the tenant",
  "in the secondary zone",
  "according to SecNumCloud",
  "during the reversibility phase",
  "of the client workloads",
  "on the management network",
  "for production environments",
  "in the recovery site",
  "of the hosted applications",
  "für alle Umgebungen",
  "pour l'ensemble des zones",
  "within the agreed SLA",
  "across availability zones",
  "of the shared infrastructure",
];

const EXTRAS = [
  "and its dependencies",
  "on a monthly basis",
  "backup & restore included",
  "with RPO < 4h",
  "with RTO < 24h",
  "including audit logs",
  "for R&D environments",
  "y compris la sécurité",
  "when requested by the client",
  "after each major release",
  "according to the runbook",
  "with <24h notice",
  "under the change process",
  "and report deviations",
];

const SECTION_TITLES = [
  "Define your need",
  "Implement the service",
  "Recurring operations",
  "Encryption management",
  "Business continuity",
  "Reversibility",
  "Security & compliance",
  "Supervision",
  "Gestion des incidents",
  "Sauvegarde & restauration",
  "Netzwerk & Übersicht",
  "Access management",
  "Capacity planning",
  "Change management",
  "Audit & reporting",
  "Physical infrastructure",
  "End of contract",
];

const CLIENT_HEADERS = ["Client", "Client Role", "Customer", "Kunde"];
const PROVIDER_HEADERS = ["Cloud Temple", "Cloud Temple Role", "Provider", "Provider Role"];

const LEGENDS = [
  [
    ["(R) Responsible", "__R__esponsible for performing the activity"],
    ["(A) Accountable", "__A__ccountable for the activity being done"],
    ["(C) Consulted", "__C__onsulted before or during the activity"],
    ["(I) Informed", "__I__nformed of the activity's results"],
  ],
  [
    ["(R) Performs", "__P__erforms the process"],
    ["(A) Approves", "__A__pproves the process execution"],
    ["(C) Consults", "__C__onsulted during the process"],
    ["(I) Informed", "__I__nformed of the process results"],
  ],
];

/** Valid [client, provider] role codes with weights; exactly one A per row. */
const VALID_CODES = [
  [40, ["I", "RA"]],
  [15, ["RA", "I"]],
  [8, ["RA", "CI"]],
  [8, ["CI", "RA"]],
  [6, ["C", "RA"]],
  [5, ["RA", "C"]],
  [4, ["A", "R"]],
  [4, ["R", "A"]],
  [3, ["R", "RA"]],
];

// ---------------------------------------------------------------------------
// Page model

/** Builds one activity name of 40-90 characters, unique within `used`. */
function activityName(rnd, product, used) {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const target = 40 + rnd.int(51);
    const scope = rnd.chance(0.25) ? `of the ${product} service` : rnd.pick(SCOPES);
    let name = `${rnd.pick(VERBS)} ${rnd.pick(OBJECTS)} ${scope}`;
    for (const extra of rnd.shuffle(EXTRAS)) {
      if (name.length >= target) break;
      name += ` ${extra}`;
    }
    if (name.length >= 40 && name.length <= 90 && !used.has(name)) return name;
  }
  throw new Error("could not build an activity name in range");
}

/** Builds one activity row: mostly valid, sometimes with one deliberate defect. */
function activityRow(rnd, product, used, tableRows, fileRows) {
  const row = { name: "", codes: rnd.weighted(VALID_CODES), ragged: null };
  const defect = rnd.chance(DEFECT_RATE) ? rnd.pick(DEFECTS) : null;
  if (defect === "duplicate" && tableRows.length + fileRows.length > 0) {
    row.name = rnd.pick(tableRows.length > 0 ? tableRows : fileRows).name;
    return row;
  }
  row.name = activityName(rnd, product, used);
  used.add(row.name);
  if (defect === "order")
    row.codes = rnd.pick([
      ["I", "AR"],
      ["AR", "I"],
      ["AR", "C"],
    ]);
  if (defect === "emptyClient") row.codes = ["", "RA"];
  if (defect === "twoA")
    row.codes = rnd.pick([
      ["A", "RA"],
      ["RA", "A"],
      ["A", "A"],
    ]);
  if (defect === "noA")
    row.codes = rnd.pick([
      ["I", "R"],
      ["R", "C"],
      ["C", "R"],
      ["R", "I"],
    ]);
  if (defect === "ragged") row.ragged = rnd.pick(["short", "long"]);
  return row;
}

/** Splits `total` rows into `parts` non-empty section sizes. */
function splitRows(rnd, total, parts) {
  const cuts = new Set();
  while (cuts.size < parts - 1) cuts.add(1 + rnd.int(total - 1));
  const sorted = [0, ...[...cuts].sort((a, b) => a - b), total];
  return sorted.slice(1).map((cut, i) => cut - sorted[i]);
}

// ---------------------------------------------------------------------------
// Markdown rendering

/** Renders role codes in one of the styles seen in real pages. */
function renderCodes(rnd, codes, style, notes) {
  if (codes === "") return "";
  if (codes === "I" && (style === "plain" || style === "comma") && rnd.chance(0.3)) {
    notes.footnote = true;
    return "I*";
  }
  const text = style === "comma" ? codes.split("").join(", ") : codes;
  if (style === "underscore") return `__${text}__`;
  if (style === "star") return `**${text}**`;
  return text;
}

/** Renders a table (header + rows of cell strings) in the given layout. */
function renderTable(rnd, header, rows, layout) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const trail = layout === "loose" ? " " : "";
  const line = (cells) => (layout === "aligned" ? `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |` : `| ${cells.join(" | ")} |${rnd.chance(0.5) ? trail : ""}`);
  const delimiter = layout === "aligned" ? `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|` : `| ${header.map((_, i) => (i > 0 && layout === "loose" ? ":---:" : "---")).join(" | ")} |`;
  return [line(header), delimiter, ...rows.map(line)].join("\n");
}

/** Renders one RACI section: H2, optional sentence, activity table, optional footnote. */
function renderRaciSection(rnd, title, rows, headers) {
  const style = rnd.weighted([
    [45, "underscore"],
    [20, "star"],
    [20, "plain"],
    [15, "comma"],
  ]);
  const layout = rnd.weighted([
    [50, "aligned"],
    [35, "compact"],
    [15, "loose"],
  ]);
  const notes = { footnote: false };
  const cells = rows.map((row) => {
    const client = renderCodes(rnd, row.codes[0], style, notes);
    const provider = renderCodes(rnd, row.codes[1], style, notes);
    if (row.ragged === "short") return [row.name, client];
    if (row.ragged === "long") return [row.name, client, provider, "see annex"];
    return [row.name, client, provider];
  });
  const parts = [`## ${title}`];
  if (rnd.chance(0.4)) parts.push(`The activities below cover ${title.toLowerCase()}.`);
  parts.push(renderTable(rnd, ["Activity", ...headers], cells, layout));
  if (notes.footnote) parts.push("\\* Informed on request only.");
  return { text: parts.join("\n\n"), layout };
}

/** Renders a non-RACI table section: a feature comparison or a sizing grid. */
function renderOtherSection(rnd) {
  if (rnd.chance(0.5)) {
    const features = rnd.shuffle(["Snapshots", "Versioning", "Object lock", "Replication", "Chiffrement", "Audit logs", "Private endpoint", "Lifecycle rules"]).slice(0, 3 + rnd.int(4));
    const rows = features.map((f) => [f, "✅", rnd.chance(0.6) ? "✅" : "❌"]);
    return `## Features\n\n${renderTable(rnd, ["Feature", "Standard", "Premium"], rows, "aligned")}`;
  }
  const rows = ["S", "M", "L", "XL"].map((size, i) => {
    const vcpu = 2 ** (i + 1);
    return [size, String(vcpu), String(vcpu * 4), String(100 * (i + 1) + 10 * rnd.int(10))];
  });
  return `## Sizing\n\n${renderTable(rnd, ["Size", "vCPU", "RAM (GB)", "Storage (GB)"], rows, "compact")}`;
}

/** The party named by a role column header ("Client Role" -> "Client"). */
function party(header) {
  return header.replace(/ Role$/, "");
}

/** Renders the front matter, H1, intro and legend of a page. */
function renderHead(rnd, product, index, headers) {
  const title = rnd.chance(0.2) ? `"Matrice de responsabilité : ${product}"` : `IaaS Responsibility Matrix - ${product}`;
  const legend = rnd.pick(LEGENDS);
  const front = ["---", `title: ${title}`];
  const sidebar = rnd.chance(0.5) ? 1 + (index % 40) : null;
  if (sidebar !== null) front.push(`sidebar_position: ${sidebar}`);
  front.push("---");
  const text = [
    front.join("\n"),
    `# ${product} responsibility matrix`,
    `Here is the RACI of the shared responsibility between the ${party(headers[0]).toLowerCase()} ` + `and ${party(headers[1])} for the use of the ${product} service.`,
    renderTable(rnd, ["Role", "Description"], legend, "aligned"),
  ].join("\n\n");
  return { text, title: title.replace(/^"(.*)"$/u, "$1"), sidebar, legend };
}

/**
 * Builds the Markdown text of page `index` with exactly `rowsPerFile` activity rows, and the page's
 * content as data (`page`: what the YAML and JSON twins are written from).
 */
export function renderPage(seed, index, rowsPerFile) {
  const rnd = makeRandom(fileSeed(seed, index));
  const product = rnd.pick(PRODUCTS);
  const headers = [rnd.pick(CLIENT_HEADERS), rnd.pick(PROVIDER_HEADERS)];
  const sectionCount = Math.min(rowsPerFile, 5 + rnd.int(4));
  const sizes = splitRows(rnd, rowsPerFile, sectionCount);
  const titles = rnd.shuffle(SECTION_TITLES);
  const used = new Set();
  const fileRows = [];
  const head = renderHead(rnd, product, index, headers);
  const blocks = [head.text];
  const sections = [];
  const otherAt = rnd.chance(0.25) ? rnd.int(sectionCount + 1) : -1;
  sizes.forEach((size, s) => {
    if (s === otherAt) blocks.push(renderOtherSection(rnd));
    const rows = [];
    for (let r = 0; r < size; r++) rows.push(activityRow(rnd, product, used, rows, fileRows));
    fileRows.push(...rows);
    const section = renderRaciSection(rnd, titles[s], rows, headers);
    blocks.push(section.text);
    sections.push({ title: titles[s], layout: section.layout, rows });
  });
  if (otherAt === sectionCount) blocks.push(renderOtherSection(rnd));
  const text = `${blocks.join("\n\n")}\n`;
  const crlf = rnd.chance(0.02);
  const page = { title: head.title, sidebar: head.sidebar, legend: head.legend, parties: headers.map(party), sections, crlf };
  return { product, text: crlf ? text.replace(/\n/g, "\r\n") : text, page };
}

// ---------------------------------------------------------------------------
// YAML and JSON twins: the same pages in raci-lint's matrix format (schemas/matrix.schema.json)

/** The matrix data of a page: plain codes (no Markdown emphasis or footnotes), defects kept. */
export function pageData(page) {
  const [client, provider] = page.parties;
  return {
    title: page.title,
    ...(page.sidebar !== null ? { metadata: { sidebar_position: page.sidebar } } : {}),
    parties: [
      { name: client, role: "customer" },
      { name: provider, role: "provider" },
    ],
    legend: page.legend.map(([role, description]) => {
      const [, code, term] = /^\((\w)\) (.*)$/u.exec(role);
      return { code, term, description };
    }),
    sections: page.sections.map((section) => ({
      title: section.title,
      activities: section.rows.map((row) => {
        // A short ragged row leaves the provider out; a long one names a party the matrix lacks.
        const codes = { [client]: row.codes[0] };
        if (row.ragged !== "short") codes[provider] = row.codes[1];
        if (row.ragged === "long") codes.Notes = "see annex";
        return { activity: row.name, codes };
      }),
    })),
  };
}

/** A YAML scalar for a string: plain when YAML reads it back as that string, else quoted. */
function yamlString(text, quote = "") {
  if (quote === '"') return JSON.stringify(text);
  if (quote === "'") return `'${text.replace(/'/g, "''")}'`;
  const plain = /^[A-Za-z\u00c0-\u024f(_]/u.test(text) && !/: |:$| #|[\t\n]|\s$/u.test(text) && !/^(?:true|false|null|yes|no|on|off|~)$/iu.test(text);
  return plain ? text : text.includes("'") ? JSON.stringify(text) : `'${text}'`;
}

/**
 * The YAML text of a page. Each section keeps its Markdown table's layout as a YAML style:
 * aligned tables become block maps, compact ones flow maps (`{ Client: I, Provider: RA }`), loose
 * ones block maps with double-quoted codes.
 */
export function renderYaml(page) {
  const data = pageData(page);
  const out = ["# yaml-language-server: $schema=../../../../schemas/matrix.schema.json", `title: ${yamlString(data.title)}`];
  if (data.metadata) out.push("metadata:", `  sidebar_position: ${data.metadata.sidebar_position}`);
  out.push("parties:");
  for (const p of data.parties) out.push(`  - name: ${yamlString(p.name)}`, `    role: ${p.role}`);
  out.push("legend:");
  for (const e of data.legend) out.push(`  - code: ${e.code}`, `    term: ${yamlString(e.term)}`, `    description: ${yamlString(e.description)}`);
  out.push("sections:");
  data.sections.forEach((section, s) => {
    const layout = page.sections[s].layout;
    out.push(`  - title: ${yamlString(section.title)}`, "    activities:");
    for (const activity of section.activities) {
      out.push(`      - activity: ${yamlString(activity.activity)}`);
      const entries = Object.entries(activity.codes);
      if (layout === "compact") {
        out.push(`        codes: { ${entries.map(([k, v]) => `${yamlString(k)}: ${v === "" ? '""' : v}`).join(", ")} }`);
        continue;
      }
      out.push("        codes:");
      for (const [k, v] of entries) out.push(`          ${yamlString(k)}: ${layout === "loose" ? yamlString(v, '"') : v === "" ? "''" : yamlString(v)}`);
    }
  });
  const text = `${out.join("\n")}\n`;
  return page.crlf ? text.replace(/\n/g, "\r\n") : text;
}

/** The JSON text of a page (two-space indent). */
export function renderJson(page) {
  const text = `${JSON.stringify(pageData(page), null, 2)}\n`;
  return page.crlf ? text.replace(/\n/g, "\r\n") : text;
}

// ---------------------------------------------------------------------------
// Corpus on disk

/** Reads an integer env override, or returns the default. */
function envInt(env, name, fallback) {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

/** The generator params (defaults: 2,000 files x 50 rows = 100,000 activities). */
export function corpusParams(env = process.env) {
  return {
    seed: 0x5ac1_2024,
    files: envInt(env, "BENCH_FILES", 2000),
    rowsPerFile: envInt(env, "BENCH_ROWS", 50),
    filesPerFolder: 100,
  };
}

/** Hash of the params and of this generator's source, stored in the manifest. */
function paramsHash(params) {
  const source = fs.readFileSync(fileURLToPath(import.meta.url));
  return createHash("sha256").update(JSON.stringify(params)).update(source).digest("hex");
}

/** Slug of a product name for file names (ASCII only). */
function slug(text) {
  return text
    .normalize("NFD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
}

/** Relative path (under a corpus' matrices folder) of page `index`, with extension `ext`. */
function pagePath(params, index, product, ext = ".md") {
  const folder = `tenant-${String(Math.floor(index / params.filesPerFolder)).padStart(2, "0")}`;
  return path.join(folder, `${String(index).padStart(4, "0")}-${slug(product)}${ext}`);
}

/** Reads a manifest, or null when missing or unreadable. */
function readManifest(file = MANIFEST_PATH) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/**
 * The corpora written from corpus A's pages: the Markdown pages themselves, and their YAML and JSON
 * twins (same page names, `.yaml`/`.json`, each in its own folder so that each is linted alone).
 */
const KINDS = {
  markdown: { manifest: MANIFEST_PATH, dir: MATRICES_DIR, ext: ".md", text: (page) => page.text },
  yaml: { manifest: path.join(CORPUS_ROOT, "yaml", "manifest.json"), dir: path.join(CORPUS_ROOT, "yaml", "matrices"), ext: ".yaml", text: (page) => renderYaml(page.page) },
  json: { manifest: path.join(CORPUS_ROOT, "json", "manifest.json"), dir: path.join(CORPUS_ROOT, "json", "matrices"), ext: ".json", text: (page) => renderJson(page.page) },
};

/** The folder holding the files of corpus A in `format` (markdown, yaml or json). */
export function corpusDir(format = "markdown") {
  return KINDS[format].dir;
}

/** Writes every page of one kind and its manifest; returns the manifest. */
function writeCorpus(params, hash, kind) {
  fs.rmSync(kind.manifest, { force: true });
  fs.rmSync(kind.dir, { recursive: true, force: true });
  const content = createHash("sha256");
  let bytes = 0;
  for (let index = 0; index < params.files; index++) {
    const page = renderPage(params.seed, index, params.rowsPerFile);
    const rel = pagePath(params, index, page.product, kind.ext);
    const data = Buffer.from(kind.text(page), "utf8");
    fs.mkdirSync(path.join(kind.dir, path.dirname(rel)), { recursive: true });
    fs.writeFileSync(path.join(kind.dir, rel), data);
    content.update(rel.split(path.sep).join("/")).update("\0").update(data);
    bytes += data.length;
  }
  const manifest = {
    paramsHash: hash,
    params,
    dir: path.relative(path.dirname(HERE), kind.dir).split(path.sep).join("/"),
    files: params.files,
    activities: params.files * params.rowsPerFile,
    bytes,
    contentHash: content.digest("hex"),
  };
  fs.writeFileSync(kind.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Makes sure corpus A in `format` (markdown, or its yaml or json twin) exists for `params`
 * (regenerating unless the manifest matches) and returns its manifest plus whether it was
 * generated in this call.
 */
export function ensureCorpus(params = corpusParams(), { force = false, format = "markdown" } = {}) {
  const kind = KINDS[format];
  if (!kind) throw new Error(`unknown corpus format ${format}`);
  const hash = paramsHash(params);
  const existing = readManifest(kind.manifest);
  if (!force && existing?.paramsHash === hash && fs.existsSync(kind.dir)) {
    return { manifest: existing, generated: false, ms: 0 };
  }
  const t0 = process.hrtime.bigint();
  const manifest = writeCorpus(params, hash, kind);
  return { manifest, generated: true, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

/** One-line summary of a corpus for logs. */
export function describeCorpus({ manifest, generated, ms }) {
  const status = generated ? `generated in ${ms.toFixed(0)} ms` : "up to date, not regenerated";
  return (
    `corpus: ${manifest.files} files, ${manifest.activities.toLocaleString("en-US")} activities, ` +
    `${manifest.bytes.toLocaleString("en-US")} bytes (${(manifest.bytes / 1e6).toFixed(2)} MB) ` +
    `in ${manifest.dir} [${status}]`
  );
}

/** CLI entry point. */
function main() {
  const format = process.argv.find((arg) => arg.startsWith("--format="))?.slice("--format=".length) ?? "markdown";
  const result = ensureCorpus(corpusParams(), { force: process.argv.includes("--force"), format });
  console.log(describeCorpus(result));
  console.log(`content sha256: ${result.manifest.contentHash}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
