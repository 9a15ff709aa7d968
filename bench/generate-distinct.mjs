#!/usr/bin/env node
/**
 * The second benchmark corpus, built to defeat memoisation: Markdown RACI pages whose tables have
 * 6 to 9 parties, whose rows carry code combinations that are distinct within each file (and
 * mostly across the corpus), and whose cells mix every code style the reader accepts, cell by cell
 * (`RA`, `R, A`, `R/A`, `**RA**`, `__RA__`, `ra`, `Responsible, Accountable`, `I*`, `I¹`). The
 * first corpus (bench/generate.mjs) repeats a few cell texts and rows thousands of times, so a
 * CLI that memoises by text or by row does little work per row there; here it cannot.
 *
 * About 1% of the rows carry one planted defect (codes `AR`, two A, no R, an empty customer
 * cell); each is recorded with its file, line and the rule expected to report it in
 * bench/.corpus/distinct/planted.json, so the bench can check the CLI finds them all and little
 * else. Everything else is meant to be clean.
 *
 * Writes bench/.corpus/distinct/matrices/tenant-NN/NNNN-<product>.md, manifest.json and
 * planted.json. Deterministic (mulberry32, one stream per file: a smaller corpus is a prefix of
 * the full one); regenerated only when the manifest's params hash (params, this file and
 * bench/generate.mjs, whose PRNG it uses) does not match. Lives under bench/.corpus/ (git-ignored)
 * but outside bench/.corpus/matrices/, so the first corpus and its manifest are never touched.
 *
 * Usage: node bench/generate-distinct.mjs [--force]   (env: BENCH_DISTINCT_FILES, default half of
 * BENCH_FILES; BENCH_ROWS, as the first corpus)
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { mulberry32 } from "./generate.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Root of this corpus (under the git-ignored bench/.corpus/). */
export const DISTINCT_ROOT = path.join(HERE, ".corpus", "distinct");
/** Folder holding only the Markdown pages: the CLI and the floors are pointed here. */
export const DISTINCT_MATRICES_DIR = path.join(DISTINCT_ROOT, "matrices");
const MANIFEST_PATH = path.join(DISTINCT_ROOT, "manifest.json");
/** The planted defects: `{ path, line, activity, defect, ruleId }`, in file and line order. */
export const PLANTED_PATH = path.join(DISTINCT_ROOT, "planted.json");

/** Share of activity rows that carry one planted defect. */
const DEFECT_RATE = 0.01;
/** Each defect and the rule that must report it (on the row's line). */
const DEFECT_RULES = {
  order: "code-order",
  twoA: "single-accountable",
  noR: "responsible-required",
  emptyCustomer: "customer-involved",
};
const DEFECTS = Object.keys(DEFECT_RULES);

// ---------------------------------------------------------------------------
// Seeded randomness

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
  return (seed ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
}

// ---------------------------------------------------------------------------
// Word lists

const PRODUCTS = [
  "Managed Kubernetes",
  "Bare Metal",
  "Object Storage",
  "Block Storage",
  "Private Cloud",
  "Sovereign IaaS",
  "Backup as a Service",
  "Firewall as a Service",
  "Managed PostgreSQL",
  "Managed MySQL",
  "Load Balancer",
  "DNS",
  "Bastion",
  "Data Lake",
  "HSM & KMS",
  "Messagerie",
  "Rechenzentrum",
  "Virtual Desktop",
  "Disaster Recovery",
  "SIEM",
  "Identity & Access",
  "Housing",
  "Colocation",
  "Hébergement HDS",
  "Container Registry",
  "API Gateway",
  "Secrets Vault",
  "Log Archive",
  "Email Relay",
  "Edge CDN",
  "GPU Cluster",
  "Mainframe Hosting",
];

/** Headers naming the customer (read as the customer) and the provider (read as the provider). */
const CUSTOMER_HEADERS = ["Client", "Customer", "Client Role", "Kunde", "Tenant", "Cliente", "Customer Role"];
const PROVIDER_HEADERS = ["Cloud Provider", "Provider", "Provider Role", "Fournisseur", "Anbieter", "Cloud Temple Role"];
/** Other parties: teams, functions and third parties (some guessed as providers: `Vendor X`, `Hardware Supplier`). */
const OTHER_PARTIES = [
  "Security Team",
  "Network Ops",
  "DBA",
  "Auditor",
  "Vendor X",
  "Service Desk",
  "Application Owner",
  "Data Protection Officer",
  "Compliance",
  "Change Board",
  "Backup Operator",
  "SOC",
  "Platform Team",
  "Hardware Supplier",
  "Legal",
  "Finance",
  "SRE",
  "Integrator",
  "Équipe Réseau",
  "IT-Sicherheit",
  "Facility Management",
  "Product Owner",
  "CISO",
  "Storage Team",
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
  "Rotate",
  "Report on",
  "Escalate",
  "Harden",
  "Inventory",
  "Archive",
  "Renew",
  "Classify",
  "Size",
  "Gérer",
  "Vérifier",
  "Valider",
  "Prüfen",
  "Überwachen",
  "Freigeben",
  "Gestionar",
  "Revisar",
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
  "les données personnelles",
  "la sécurité opérationnelle",
  "die Zugriffsrechte",
  "die Übergabedokumentation",
  "the disaster recovery plan",
  "the application data",
  "the operating systems",
  "the middleware",
  "the privileged accounts",
  "the service contract",
  "the VPN tunnels",
  "the SAML federation",
  "the vulnerability scans",
  "the penetration tests",
  "the patch calendar",
  "the cost reports",
  "the service catalogue",
  "the CMDB entries",
  "the runbooks",
  "the storage quotas",
  "the replication links",
  "the HSM partitions",
  "the audit trail",
  "the cooling & power",
  "the rack inventory",
  "the break-glass accounts",
  "the SLA reports",
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
  "for staging",
  "in region EU-West",
  "in region FR-Paris",
  "for the pre-production cluster",
  "per ISO 27001 A.12",
  "under HDS",
  "for the PCI DSS scope",
  "en zone souveraine",
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
  "every quarter",
  "twice a year",
  "before go-live",
  "after an incident",
  "as per clause 7.3",
  "(see annex B)",
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
  "Onboarding",
  "Cost management",
  "Vulnerability management",
  "Identity federation",
  "Data protection",
  "Run & support",
];

/** A code list (canonical R, A, C, I order) in words, as the RACI scheme names them. */
const CODE_WORDS = { R: "Responsible", A: "Accountable", C: "Consulted", I: "Informed" };

/** Footnote markers the reader peels off a cell, and the footnote line each one gets. */
const MARKERS = [
  ["*", "\\* On request only."],
  ["¹", "¹ Within the contractual scope."],
  ["²", "² For production environments only."],
  ["†", "† Through the service desk."],
];

/** How a cell's codes are written, with weights: every style appears in every table. */
const STYLES = [
  [24, "plain"],
  [12, "comma"],
  [9, "slash"],
  [12, "star"],
  [12, "underscore"],
  [8, "lower"],
  [9, "words"],
  [8, "marker"],
  [6, "starMarker"],
];

/** Legends (some files): all four codes defined, each highlighting its own letter. */
const LEGENDS = [
  (lines) =>
    lines.push(
      "| Role | Description |",
      "|------|-------------|",
      "| (R) Responsible | __R__esponsible for performing the activity |",
      "| (A) Accountable | __A__ccountable for the activity being done |",
      "| (C) Consulted | __C__onsulted before or during the activity |",
      "| (I) Informed | __I__nformed of the activity's results |",
    ),
  (lines) =>
    lines.push(
      "| Code | Role | Meaning |",
      "| --- | --- | --- |",
      "| R | Responsible | Does the work |",
      "| A | Accountable | Owns the outcome and signs it off |",
      "| C | Consulted | Gives input before the work |",
      "| I | Informed | Is told of the result |",
    ),
  (lines) =>
    lines.push(
      "- **R** (Responsible): performs the work",
      "- **A** (Accountable): approves and answers for it",
      "- **C** (Consulted): is asked before the work is done",
      "- **I** (Informed): is told once it is done",
    ),
];

// ---------------------------------------------------------------------------
// Page model

/** The comparison key of an activity name (case and spacing aside), for uniqueness within a file. */
function nameKey(name) {
  return name.toLowerCase().replace(/\s+/g, " ");
}

/** Builds one activity name of 20-110 characters, unique (by `nameKey`) within `used`. */
function activityName(rnd, product, used) {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const target = 20 + rnd.int(91);
    const scope = rnd.chance(0.2) ? `of the ${product} service` : rnd.pick(SCOPES);
    let name = `${rnd.pick(VERBS)} ${rnd.pick(OBJECTS)}`;
    if (rnd.chance(0.8)) name += ` ${scope}`;
    for (const extra of rnd.shuffle(EXTRAS)) {
      if (name.length >= target) break;
      name += ` ${extra}`;
    }
    if (rnd.chance(0.15)) name += ` [${rnd.pick(["CHG", "OPS", "SEC", "REQ"])}-${1000 + rnd.int(9000)}]`;
    if (name.length > 110 || used.has(nameKey(name))) continue;
    used.add(nameKey(name));
    return name;
  }
  throw new Error("could not build a unique activity name");
}

/**
 * One valid row over `n` parties (customer at index 0): exactly one A, one or two R (the A may
 * also be R), some C and I, the customer never empty. Codes per party as canonical strings.
 */
function validCodes(rnd, n) {
  const sets = Array.from({ length: n }, () => new Set());
  const a = rnd.int(n);
  sets[a].add("A");
  const rCount = rnd.chance(0.3) ? 2 : 1;
  const rHolders = new Set();
  if (rnd.chance(0.45)) rHolders.add(a);
  while (rHolders.size < rCount) rHolders.add(rnd.int(n));
  for (const r of rHolders) sets[r].add("R");
  for (let p = 0; p < n; p++) {
    if (sets[p].size > 0) continue;
    if (rnd.chance(0.25)) sets[p].add("C");
    if (rnd.chance(sets[p].size ? 0.15 : 0.4)) sets[p].add("I");
  }
  if (sets[0].size === 0) sets[0].add("I");
  return sets.map(canonical);
}

/** A set of codes as a string in R, A, C, I order. */
function canonical(set) {
  return ["R", "A", "C", "I"].filter((c) => set.has(c)).join("");
}

/** Turns a valid row into one with the given defect (see DEFECT_RULES); returns the codes. */
function plantDefect(rnd, defect, n) {
  for (;;) {
    const codes = validCodes(rnd, n);
    if (defect === "order") {
      // The party holding R and A writes them `AR`.
      const p = codes.indexOf("RA");
      if (p < 0) continue;
      codes[p] = "AR";
      return codes;
    }
    if (defect === "twoA") {
      // A second party, holding no R, is also Accountable.
      const candidates = codes.map((c, p) => (!c.includes("A") && !c.includes("R") ? p : -1)).filter((p) => p >= 0);
      if (candidates.length === 0) continue;
      const p = rnd.pick(candidates);
      codes[p] = canonical(new Set(["A", ...codes[p]]));
      return codes;
    }
    if (defect === "noR") {
      // Nobody is Responsible: R holders other than the A become Consulted.
      return codes.map((c) => (c === "R" ? "C" : c.replace("R", "")));
    }
    // emptyCustomer: the customer holds no R or A in this row, and its cell is empty.
    if (/[RA]/.test(codes[0])) continue;
    codes[0] = "";
    return codes;
  }
}

/**
 * Gives every party R or A somewhere in the file (party-has-responsibility): a party without any
 * takes the Accountable cell of a clean row whose Accountable party holds R or A in another row
 * too, so no party loses its cover (a file with fewer rows than that needs may keep a gap).
 */
function coverParties(rnd, rows, n) {
  const holds = (p) => rows.reduce((count, row) => count + (/[RA]/.test(row.codes[p]) ? 1 : 0), 0);
  const accountable = (row) => row.codes.findIndex((c) => c.includes("A"));
  for (let p = 0; p < n; p++) {
    if (holds(p) > 0) continue;
    const candidates = rows.filter((row) => !row.defect && holds(accountable(row)) > 1);
    if (candidates.length === 0) continue;
    const row = rnd.pick(candidates);
    const a = accountable(row);
    [row.codes[a], row.codes[p]] = [row.codes[p], row.codes[a]];
    if (row.codes[0] === "") row.codes[0] = "I";
  }
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

/** Renders one party's codes in a style drawn for this cell; records footnote markers used. */
function renderCell(rnd, codes, notes) {
  if (codes === "") return rnd.chance(0.1) ? "-" : "";
  const style = rnd.weighted(STYLES);
  const letters = codes.split("");
  switch (style) {
    case "comma":
      return letters.join(", ");
    case "slash":
      return letters.join("/");
    case "star":
      return `**${codes}**`;
    case "underscore":
      return `__${codes}__`;
    case "lower":
      return codes.toLowerCase();
    case "words":
      return letters.map((l) => CODE_WORDS[l]).join(", ");
    case "marker":
    case "starMarker": {
      const [marker, note] = rnd.pick(MARKERS);
      notes.add(note);
      return style === "marker" ? `${codes}${marker}` : `**${codes}**${marker}`;
    }
    default:
      return codes;
  }
}

/** Renders a table (header + rows of cell strings) in the given layout, as lines. */
function renderTable(rnd, header, rows, layout) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells) => (layout === "aligned" ? `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |` : `| ${cells.join(" | ")} |${layout === "loose" && rnd.chance(0.5) ? " " : ""}`);
  const delimiter = layout === "aligned" ? `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|` : `| ${header.map((_, i) => (i > 0 && layout === "loose" ? ":---:" : "---")).join(" | ")} |`;
  return [line(header), delimiter, ...rows.map(line)];
}

/** Appends a non-RACI table section (its first header is never `Activity`). */
function pushOtherSection(rnd, lines) {
  const kind = rnd.int(3);
  if (kind === 0) {
    const features = rnd.shuffle(["Snapshots", "Versioning", "Object lock", "Replication", "Chiffrement", "Audit logs", "Private endpoint", "Lifecycle rules"]).slice(0, 3 + rnd.int(4));
    const rows = features.map((f) => [f, "✅", rnd.chance(0.6) ? "✅" : "❌"]);
    lines.push("## Features", "", ...renderTable(rnd, ["Feature", "Standard", "Premium"], rows, "aligned"));
  } else if (kind === 1) {
    // Sizes in words: a first column of single letters (`S`, `M`, `L`) reads as a legend of codes.
    const rows = ["Small", "Medium", "Large", "X-Large"].map((size, i) => {
      const vcpu = 2 ** (i + 1);
      return [size, String(vcpu), String(vcpu * 4), String(100 * (i + 1) + 10 * rnd.int(10))];
    });
    lines.push("## Sizing", "", ...renderTable(rnd, ["Size", "vCPU", "RAM (GB)", "Storage (GB)"], rows, "compact"));
  } else {
    const rows = [
      ["Service desk", "24/7", "+33 1 00 00 00 00"],
      ["Account manager", "Mon-Fri 9-18", "am@example.com"],
      ["Security officer", "On call", "soc@example.com"],
    ].slice(0, 2 + rnd.int(2));
    lines.push("## Contacts", "", ...renderTable(rnd, ["Contact", "Hours", "Reach"], rows, "compact"));
  }
}

/**
 * Builds page `index`: its Markdown text (exactly `rowsPerFile` activity rows in tables whose
 * first header is `Activity`) and its planted defects with their 1-based lines.
 */
export function renderPage(seed, index, rowsPerFile) {
  const rnd = makeRandom(fileSeed(seed, index));
  const product = rnd.pick(PRODUCTS);
  const partyCount = 6 + rnd.int(4);
  const headers = [rnd.pick(CUSTOMER_HEADERS), rnd.pick(PROVIDER_HEADERS), ...rnd.shuffle(OTHER_PARTIES).slice(0, partyCount - 2)];

  // Rows: codes distinct within the file (a repeated combination is drawn again).
  const used = new Set();
  const seen = new Set();
  const rows = [];
  for (let r = 0; r < rowsPerFile; r++) {
    const defect = rnd.chance(DEFECT_RATE) ? rnd.pick(DEFECTS) : null;
    let codes;
    for (let attempt = 0; attempt < 50; attempt++) {
      codes = defect ? plantDefect(rnd, defect, partyCount) : validCodes(rnd, partyCount);
      if (!seen.has(codes.join("|"))) break;
    }
    seen.add(codes.join("|"));
    rows.push({ name: activityName(rnd, product, used), codes, defect });
  }
  coverParties(rnd, rows, partyCount);

  const lines = ["---", `title: ${rnd.chance(0.2) ? `"Matrice de responsabilité : ${product}"` : `Shared Responsibility Matrix - ${product}`}`];
  if (rnd.chance(0.5)) lines.push(`sidebar_position: ${1 + (index % 40)}`);
  lines.push(
    "---",
    "",
    `# ${product} responsibility matrix`,
    "",
    `Who does what between the ${headers[0].replace(/ Role$/, "").toLowerCase()}, ${headers[1].replace(/ Role$/, "")} ` + `and ${partyCount - 2} other parties for the ${product} service.`,
    "",
  );
  if (rnd.chance(0.35)) {
    rnd.pick(LEGENDS)(lines);
    lines.push("");
  }

  const planted = [];
  const sectionCount = Math.min(rowsPerFile, 3 + rnd.int(5));
  const sizes = splitRows(rnd, rowsPerFile, sectionCount);
  const titles = rnd.shuffle(SECTION_TITLES);
  const otherAt = rnd.chance(0.3) ? rnd.int(sectionCount + 1) : -1;
  let next = 0;
  sizes.forEach((size, s) => {
    if (s === otherAt) {
      pushOtherSection(rnd, lines);
      lines.push("");
    }
    // Column order: the file's, or (half the tables) shuffled; every party in every table.
    const order = rnd.chance(0.5) ? rnd.shuffle(headers.map((_, i) => i)) : headers.map((_, i) => i);
    const notes = new Set();
    const section = rows.slice(next, next + size);
    next += size;
    const cells = section.map((row) => [row.name, ...order.map((p) => renderCell(rnd, row.codes[p], notes))]);
    const layout = rnd.weighted([
      [40, "aligned"],
      [45, "compact"],
      [15, "loose"],
    ]);
    lines.push(`## ${titles[s % titles.length]}`, "");
    if (rnd.chance(0.4)) lines.push(`The activities below cover ${titles[s % titles.length].toLowerCase()}.`, "");
    const tableStart = lines.length + 2; // header and delimiter lines come first
    lines.push(...renderTable(rnd, ["Activity", ...order.map((p) => headers[p])], cells, layout));
    section.forEach((row, i) => {
      if (row.defect) planted.push({ line: tableStart + i + 1, activity: row.name, defect: row.defect, ruleId: DEFECT_RULES[row.defect] });
    });
    if (notes.size > 0) lines.push("", ...[...notes].sort());
    lines.push("");
  });
  if (otherAt === sectionCount) {
    pushOtherSection(rnd, lines);
    lines.push("");
  }
  const text = lines.join("\n");
  return { product, text: rnd.chance(0.02) ? text.replace(/\n/g, "\r\n") : text, planted };
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

/**
 * The generator params. Default: 1,000 files x 50 rows = 50,000 activities, half the first
 * corpus' files (BENCH_FILES / 2 when that is set), since each row here holds 6-9 cells that no
 * memo serves: the CLI as of this corpus' making takes 3-5 s on it on a 2-core machine.
 */
export function distinctParams(env = process.env) {
  return {
    seed: 0xd157_1c75,
    files: envInt(env, "BENCH_DISTINCT_FILES", Math.max(1, Math.ceil(envInt(env, "BENCH_FILES", 2000) / 2))),
    rowsPerFile: envInt(env, "BENCH_ROWS", 50),
    filesPerFolder: 100,
  };
}

/** Hash of the params and of the generator sources, stored in the manifest. */
function paramsHash(params) {
  const hash = createHash("sha256").update(JSON.stringify(params));
  for (const file of [fileURLToPath(import.meta.url), path.join(HERE, "generate.mjs")]) hash.update(fs.readFileSync(file));
  return hash.digest("hex");
}

/** Slug of a product name for file names (ASCII only). */
function slug(text) {
  return text
    .normalize("NFD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
}

/** Reads the manifest, or null when missing or unreadable. */
function readManifest() {
  try {
    return JSON.parse(fs.readFileSync(MANIFEST_PATH, "utf8"));
  } catch {
    return null;
  }
}

/** Writes every page, the planted defects and the manifest; returns the manifest. */
function writeCorpus(params, hash) {
  fs.rmSync(MANIFEST_PATH, { force: true });
  fs.rmSync(DISTINCT_MATRICES_DIR, { recursive: true, force: true });
  const content = createHash("sha256");
  const planted = [];
  const defects = Object.fromEntries(DEFECTS.map((d) => [d, 0]));
  const dir = path.relative(path.dirname(HERE), DISTINCT_MATRICES_DIR).split(path.sep).join("/");
  let bytes = 0;
  for (let index = 0; index < params.files; index++) {
    const page = renderPage(params.seed, index, params.rowsPerFile);
    const folder = `tenant-${String(Math.floor(index / params.filesPerFolder)).padStart(2, "0")}`;
    const rel = `${folder}/${String(index).padStart(4, "0")}-${slug(page.product)}.md`;
    const data = Buffer.from(page.text, "utf8");
    fs.mkdirSync(path.join(DISTINCT_MATRICES_DIR, folder), { recursive: true });
    fs.writeFileSync(path.join(DISTINCT_MATRICES_DIR, rel), data);
    content.update(rel).update("\0").update(data);
    bytes += data.length;
    for (const p of page.planted) {
      planted.push({ path: `${dir}/${rel}`, ...p });
      defects[p.defect]++;
    }
  }
  fs.writeFileSync(PLANTED_PATH, `${JSON.stringify(planted)}\n`);
  const manifest = {
    paramsHash: hash,
    params,
    dir,
    files: params.files,
    activities: params.files * params.rowsPerFile,
    bytes,
    planted: { total: planted.length, ...defects, file: path.relative(path.dirname(HERE), PLANTED_PATH).split(path.sep).join("/") },
    contentHash: content.digest("hex"),
  };
  fs.writeFileSync(MANIFEST_PATH, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Makes sure the corpus for `params` exists (regenerating unless the manifest matches) and
 * returns its manifest plus whether it was generated in this call.
 */
export function ensureDistinctCorpus(params = distinctParams(), { force = false } = {}) {
  const hash = paramsHash(params);
  const existing = readManifest();
  if (!force && existing?.paramsHash === hash && fs.existsSync(DISTINCT_MATRICES_DIR) && fs.existsSync(PLANTED_PATH)) {
    return { manifest: existing, generated: false, ms: 0 };
  }
  const t0 = process.hrtime.bigint();
  const manifest = writeCorpus(params, hash);
  return { manifest, generated: true, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

/** Reads the planted defects of the current corpus. */
export function readPlanted() {
  return JSON.parse(fs.readFileSync(PLANTED_PATH, "utf8"));
}

/** CLI entry point. */
function main() {
  const result = ensureDistinctCorpus(distinctParams(), { force: process.argv.includes("--force") });
  const { manifest, generated, ms } = result;
  console.log(
    `distinct corpus: ${manifest.files} files, ${manifest.activities.toLocaleString("en-US")} activities, ` +
      `${(manifest.bytes / 1e6).toFixed(2)} MB in ${manifest.dir}, ${manifest.planted.total} planted defects ` +
      `[${generated ? `generated in ${ms.toFixed(0)} ms` : "up to date, not regenerated"}]`,
  );
  console.log(`content sha256: ${manifest.contentHash}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
