/**
 * The `html` format: one self-contained page an auditor can read offline and attach to an audit
 * record (CSS and script inline, nothing fetched, no fonts loaded). It shows:
 *
 * - a summary: files, matrices, activities, findings by severity and by rule, pass or fail;
 * - each matrix as a heatmap, activities by parties, sections and groups as in the source: every
 *   code coloured by role and still legible without colour (the letters, each role's badge shape,
 *   each cell's background pattern); a place with findings (cell, activity, party header, section
 *   heading) outlined by its worst severity (solid, dashed, dotted) and marked with the findings'
 *   numbers, its messages shown on hover and on keyboard focus;
 * - per party, a workload bar: how many R, A, C and I (and other codes) it holds;
 * - per file, the findings in a list, each linking to its place in the matrix and to `file:line`
 *   (the page carries the source lines findings are on, folded); corpus-scope findings (`consistent-across-files`) show the
 *   compared cells of the other files side by side when the report holds those files' matrices;
 * - filters by severity and by rule, a sticky table header, a print style sheet.
 *
 * Findings are placed by their start: in a cell's span (or box), else by activity and party, else
 * on the activity's row; then on a party header, a section heading or a group row. Findings with no
 * place in a matrix (parse errors, legend, front matter) are in the list only.
 *
 * Every text that came from a file is escaped for HTML text or a double-quoted attribute; ids and
 * classes are built from indexes, never from file text; links go only to in-page anchors and to the
 * rules' `http(s)` docs. Output is deterministic (no timestamps). Tables are written here, not by
 * the script, so a report of 10,000 activities opens fast; the script only filters.
 */
import type { Formatter } from "./formatter.js";
import type { Finding, Severity } from "../model/finding.js";
import type { Cell, CellReading, Matrix, Party, PartyRole } from "../model/matrix.js";
import type { SourcePoint, SourceSpan } from "../model/position.js";
import type { FileReport, Report } from "../model/result.js";
import { looksAcrossFiles } from "../model/rule.js";
import { docsUrlOf, ruleOf, type FormatContext } from "./context.js";
import { PAGE_SCRIPT, PAGE_STYLE } from "./html-page.js";

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];
const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** The codes that get a role colour; any other code (RASCI's S, RACI-VS's V...) is shown neutral. */
const COLOURED = ["R", "A", "C", "I"] as const;
/** Which code tints a cell holding several: the heaviest involvement first. */
const HEAT_ORDER = ["A", "R", "C", "I"] as const;
const ROLE_NAMES: Record<string, string> = { R: "Responsible", A: "Accountable", C: "Consulted", I: "Informed" };

/** `1 activity`, `2 activities`: a count and its noun (`many` defaults to the noun and an s). */
const plural = (n: number, word: string, many = `${word}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? word : many}`;

// ---------------------------------------------------------------------------
// Escaping

// eslint-disable-next-line no-control-regex -- the control characters HTML forbids are what these look for
const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Text made literal in HTML text and in double- or single-quoted attribute values. C0 control
 * characters (but tab, line feed, carriage return) and DEL show as their Unicode control pictures,
 * since HTML forbids them.
 */
export function escapeHtml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  // eslint-disable-next-line no-control-regex -- as NEEDS_ESCAPE
  return text.replace(/[&<>"']|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => ESCAPES[c] ?? String.fromCharCode(c === "\u007f" ? 0x2421 : 0x2400 + c.charCodeAt(0)));
}

/** An `http(s)` URL, escaped for an attribute; null for anything else (a `javascript:` docs URL of a user rule stays text). */
function safeHref(url: string | null): string | null {
  return url !== null && /^https?:\/\//i.test(url) ? escapeHtml(url) : null;
}

// ---------------------------------------------------------------------------
// Placing findings in a matrix

/** Where a finding is shown in a matrix: a cell (activity and party), an activity's row, a party's headers, a section heading or a group row. */
export type Place =
  { kind: "cell"; activity: number; party: number } | { kind: "row"; activity: number } | { kind: "party"; party: number } | { kind: "section"; section: number } | { kind: "group"; group: number };

const before = (a: SourcePoint, line: number, column: number) => a.line < line || (a.line === line && a.column <= column);
const after = (a: SourcePoint, line: number, column: number) => a.line > line || (a.line === line && a.column >= column);
/** Whether the point (line, column) lies in the span, both ends included (an empty cell's span is zero-width). */
const holds = (span: SourceSpan, line: number, column: number) => before(span.start, line, column) && after(span.end, line, column);

/** Activity text compared loosely: formatting marks dropped, whitespace collapsed, case folded. */
const looseName = (text: string) =>
  text
    .replace(/[*_`~]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();

interface Range {
  span: SourceSpan;
  place: Place;
}

/** Finds the place of a finding in one matrix (see the module comment for the order tried). */
export class MatrixPlaces {
  /** Spans by the line they start on: cell contents first, then cell boxes, then activity names and rows. */
  private readonly cellRanges = new Map<number, Range[]>();
  private readonly boxRanges = new Map<number, Range[]>();
  private readonly rowRanges = new Map<number, Range[]>();
  private activitiesByName: Map<string, number[]> | null = null;

  /** `lines`: the lines findings start on; spans elsewhere are not indexed (a matrix of 10,000 activities has few findings). */
  constructor(
    private readonly matrix: Matrix,
    lines: ReadonlySet<number>,
  ) {
    const add = (map: Map<number, Range[]>, span: SourceSpan, place: Place) => {
      for (let line = span.start.line; line <= span.end.line; line++) {
        if (!lines.has(line)) continue;
        const list = map.get(line);
        if (list) list.push({ span, place });
        else map.set(line, [{ span, place }]);
      }
    };
    matrix.activities.forEach((activity, a) => {
      activity.cells.forEach((cell, p) => {
        if (!cell) return;
        add(this.cellRanges, cell.span, { kind: "cell", activity: a, party: p });
        if (cell.box) add(this.boxRanges, cell.box, { kind: "cell", activity: a, party: p });
      });
      add(this.rowRanges, activity.span, { kind: "row", activity: a });
      add(this.rowRanges, activity.rowSpan, { kind: "row", activity: a });
    });
  }

  /** The place of a finding, or null when it has none in the matrix (parse error, legend, front matter). */
  placeOf(finding: Finding): Place | null {
    return this.shown(this.spotOf(finding));
  }

  /** The place as the page shows it: a cell outside its section's table is its row; a party or group in no table has none. */
  private shown(place: Place | null): Place | null {
    const { activities } = this.matrix;
    switch (place?.kind) {
      case "cell":
        return partiesOf(this.matrix, activities[place.activity]!.section).includes(place.party) ? place : { kind: "row", activity: place.activity };
      case "party":
        return activities.some((a) => partiesOf(this.matrix, a.section).includes(place.party)) ? place : null;
      case "group":
        return activities.some((a) => a.group === place.group) ? place : null;
      default:
        return place ?? null;
    }
  }

  private spotOf(finding: Finding): Place | null {
    const { line, column } = finding;
    const inCell = this.find(this.cellRanges, line, column) ?? this.find(this.boxRanges, line, column);
    if (inCell) return inCell;
    const named = finding.activity !== null ? this.activityNamed(finding.activity, finding.section, line) : null;
    if (named !== null && finding.party !== null) {
      const party = this.partyNamed(finding.party);
      if (party !== null) return { kind: "cell", activity: named, party };
    }
    const row = this.find(this.rowRanges, line, column);
    if (row) return row;
    if (named !== null) return { kind: "row", activity: named };
    const at = (span: SourceSpan | null) => span !== null && holds(span, line, column);
    const party = this.matrix.parties.findIndex((p) => at(p.span));
    if (party >= 0) return { kind: "party", party };
    if (finding.party !== null && finding.activity === null) {
      const byName = this.partyNamed(finding.party);
      if (byName !== null) return { kind: "party", party: byName };
    }
    const section = this.matrix.sections.findIndex((s) => at(s.span));
    if (section >= 0) return { kind: "section", section };
    const group = this.matrix.groups.findIndex((g) => at(g.span));
    if (group >= 0) return { kind: "group", group };
    return null;
  }

  /** The smallest span on `line` that holds the point (a token's cell rather than its row). */
  private find(map: Map<number, Range[]>, line: number, column: number): Place | null {
    let best: Range | null = null;
    for (const range of map.get(line) ?? []) {
      if (!holds(range.span, line, column)) continue;
      if (!best || range.span.end.offset - range.span.start.offset < best.span.end.offset - best.span.start.offset) best = range;
    }
    return best?.place ?? null;
  }

  /** The activity a finding names (in its section, nearest its line when the name repeats), or null. */
  private activityNamed(name: string, section: string | null, line: number): number | null {
    if (!this.activitiesByName) {
      this.activitiesByName = new Map();
      this.matrix.activities.forEach((activity, a) => {
        const key = looseName(activity.name);
        const list = this.activitiesByName!.get(key);
        if (list) list.push(a);
        else this.activitiesByName!.set(key, [a]);
      });
    }
    let candidates = this.activitiesByName.get(looseName(name)) ?? [];
    if (section !== null) {
      const inSection = candidates.filter((a) => this.matrix.sections[this.matrix.activities[a]!.section]?.title === section);
      if (inSection.length > 0) candidates = inSection;
    }
    let best: number | null = null;
    for (const a of candidates) {
      const distance = Math.abs(this.matrix.activities[a]!.rowSpan.start.line - line);
      if (best === null || distance < Math.abs(this.matrix.activities[best]!.rowSpan.start.line - line)) best = a;
    }
    return best;
  }

  private partyNamed(name: string): number | null {
    const index = this.matrix.parties.findIndex((p) => p.name === name);
    return index >= 0 ? index : null;
  }
}

// ---------------------------------------------------------------------------
// The page's model: findings numbered across the report, each placed

interface NumberedFinding {
  /** 1-based, across the whole report (the page's `#F<n>` anchors). */
  n: number;
  finding: Finding;
  file: number;
  place: Place | null;
}

interface FilePage {
  index: number;
  report: FileReport;
  matrix: Matrix | null;
  findings: NumberedFinding[];
  /** Finding numbers by place: cells by activity then party; rows by activity; party headers, section headings and group rows by index. */
  cells: Map<number, Map<number, number[]>>;
  rows: Map<number, number[]>;
  parties: Map<number, number[]>;
  sections: Map<number, number[]>;
  groups: Map<number, number[]>;
  /** Source lines that findings start on. */
  hitLines: Set<number>;
}

/** Adds a finding number to a place's list. */
function addTo<K>(map: Map<K, number[]>, key: K, n: number): void {
  const list = map.get(key);
  if (list) list.push(n);
  else map.set(key, [n]);
}

/** Records a placed finding in its file's page. */
function record(file: FilePage, place: Place, n: number): void {
  switch (place.kind) {
    case "cell": {
      let row = file.cells.get(place.activity);
      if (!row) file.cells.set(place.activity, (row = new Map()));
      addTo(row, place.party, n);
      break;
    }
    case "row":
      addTo(file.rows, place.activity, n);
      break;
    case "party":
      addTo(file.parties, place.party, n);
      break;
    case "section":
      addTo(file.sections, place.section, n);
      break;
    case "group":
      addTo(file.groups, place.group, n);
      break;
  }
}

/** The element id of a place (the first of a party's headers). */
function placeId(file: number, place: Place, matrix: Matrix): string {
  switch (place.kind) {
    case "cell":
      return `f${file}-a${place.activity}-p${place.party}`;
    case "row":
      return `f${file}-a${place.activity}`;
    case "party": {
      // The header in the first table that has the party's column (placed findings always have one).
      const section = matrix.activities.find((a) => partiesOf(matrix, a.section).includes(place.party))?.section ?? 0;
      return `f${file}-s${section}-p${place.party}`;
    }
    case "section":
      return `f${file}-s${place.section}`;
    case "group":
      return `f${file}-g${place.group}`;
  }
}

/** The parties of a section's table (all parties when the reader recorded none). */
function partiesOf(matrix: Matrix, section: number): number[] {
  const listed = matrix.sections[section]?.parties ?? [];
  return listed.length > 0 ? listed : matrix.parties.map((_, p) => p);
}

/** A cell's tint class and badges. */
interface CellLook {
  heat: string;
  html: string;
}

/** Everything the page needs, computed once. */
class Page {
  readonly files: FilePage[] = [];
  readonly all: NumberedFinding[] = [];
  /** Rule ids in order of their index (the `data-rule` values and filter boxes). */
  readonly rules: string[];
  readonly ruleIndex = new Map<string, number>();
  /** Each cell reading's look, for this page only (a matrix of 10,000 activities repeats few). */
  readonly looks = new Map<CellReading, CellLook>();

  constructor(
    readonly report: Report,
    readonly context: FormatContext,
  ) {
    let n = 0;
    report.files.forEach((file, index) => {
      const matrix = file.matrix ?? null;
      const places = matrix ? new MatrixPlaces(matrix, new Set(file.findings.map((f) => f.line))) : null;
      const page: FilePage = { index, report: file, matrix, findings: [], cells: new Map(), rows: new Map(), parties: new Map(), sections: new Map(), groups: new Map(), hitLines: new Set() };
      for (const finding of file.findings) {
        const place = places?.placeOf(finding) ?? null;
        const numbered = { n: ++n, finding, file: index, place };
        page.findings.push(numbered);
        this.all.push(numbered);
        page.hitLines.add(finding.line);
        if (place) record(page, place, numbered.n);
      }
      this.files.push(page);
    });
    this.rules = [...new Set(this.all.map((f) => f.finding.ruleId))].sort();
    this.rules.forEach((id, i) => this.ruleIndex.set(id, i));
  }

  finding(n: number): NumberedFinding {
    return this.all[n - 1]!;
  }
}

// ---------------------------------------------------------------------------
// Pieces of markup

/** A cell's codes as badges: valid codes coloured by role (others neutral), anything else written where codes belong flagged. */
function codesHtml(cell: Pick<Cell, "tokens" | "empty" | "raw">): string {
  if (cell.tokens.length === 0) return cell.empty ? (cell.raw === "" ? "" : `<span class="none">${escapeHtml(cell.raw)}</span>`) : `<span class="tx">${escapeHtml(cell.raw)}</span>`;
  let out = "";
  for (const token of cell.tokens) {
    if (token.kind === "code" && token.valid) out += `<b class="${(COLOURED as readonly string[]).includes(token.value) ? `k${token.value}` : "kX"}">${escapeHtml(token.value)}</b>`;
    else if (token.kind === "code") out += `<b class="kbad" title="not a code of the scheme">${escapeHtml(token.raw)}</b>`;
    else out += `<span class="tx">${escapeHtml(token.raw)}</span>`;
  }
  return out;
}

/** The class tinting a cell: its heaviest code's, neutral for other codes, none when empty. */
function heatClass(codes: readonly string[]): string {
  for (const code of HEAT_ORDER) if (codes.includes(code)) return `h${code}`;
  return codes.length > 0 ? "hX" : "";
}

/** How a cell looks (tint and badges), worked out once per reading in a page: equal cell texts share a reading. */
function lookOf(page: Page, cell: Cell): CellLook {
  let look = page.looks.get(cell.reading);
  if (!look) {
    look = { heat: heatClass(cell.codes), html: codesHtml(cell) };
    page.looks.set(cell.reading, look);
  }
  return look;
}

/** The severity badge: the word after a shape (✖ ▲ ●), so it reads without colour. */
const severityBadge = (severity: Severity) => `<span class="sev s-${severity}">${severity}</span>`;

/** Attributes and tooltip of a place with findings: focusable, outlined by its worst severity, described by its messages. */
const NOT_MARKED = { attrs: "", tip: "" } as const;
function marked(page: Page, id: string, numbers: readonly number[] | undefined): { attrs: string; tip: string } {
  if (!numbers || numbers.length === 0) return NOT_MARKED;
  let worst: Severity = "info";
  for (const n of numbers) if (SEVERITY_RANK[page.finding(n).finding.severity] > SEVERITY_RANK[worst]) worst = page.finding(n).finding.severity;
  const lines = numbers
    .map((n) => {
      const { finding } = page.finding(n);
      return `<span class="tl" data-i="${n}">${severityBadge(finding.severity)} <b>${escapeHtml(finding.ruleId)}</b> #${n}: ${escapeHtml(finding.message)}</span>`;
    })
    .join("");
  return {
    attrs: ` tabindex="0" data-f="${numbers.join(" ")}" data-o="${worst}" aria-describedby="${id}-tip"`,
    tip: `<span class="mk" aria-hidden="true">${numbers.join(",")}</span><span class="tip" role="tooltip" id="${id}-tip">${lines}</span>`,
  };
}

/** One activity's row. */
function activityRow(page: Page, file: FilePage, matrix: Matrix, a: number, parties: readonly number[]): string {
  const activity = matrix.activities[a]!;
  const rowId = `f${file.index}-a${a}`;
  const row = marked(page, rowId, file.rows.get(a));
  const cellFindings = file.cells.get(a);
  let cells = "";
  for (const p of parties) {
    const cell = activity.cells[p] ?? null;
    let cls: string;
    let content: string;
    if (activity.unread?.includes(p)) {
      cls = "unread";
      content = `<span class="none">?</span><span class="sr"> could not be read</span>`;
    } else if (cell === null) {
      cls = "miss";
      content = `<span class="sr">no cell</span>`;
    } else {
      const look = lookOf(page, cell);
      cls = look.heat;
      content = look.html;
    }
    const classAttr = cls ? ` class="${cls}"` : "";
    const numbers = cellFindings?.get(p);
    if (!numbers) cells += `<td${classAttr}>${content}</td>`;
    else {
      const id = `f${file.index}-a${a}-p${p}`;
      const mark = marked(page, id, numbers);
      cells += `<td${classAttr} id="${id}"${mark.attrs}>${content}${mark.tip}</td>`;
    }
  }
  const hasFindings = row.attrs !== "" || cellFindings !== undefined;
  return `<tr${hasFindings ? ` class="hf"` : ""}><th scope="row" id="${rowId}"${row.attrs}>${escapeHtml(activity.name)}${row.tip}</th>${cells}</tr>`;
}

/**
 * A section's rows go in tables of at most this many rows when it has more than {@link CHUNKED_FROM}:
 * each table is skipped by the browser's layout until it nears the screen (`content-visibility`), so
 * a matrix of 10,000 activities opens as fast as a small one. The chunks share column widths and
 * each repeats the (sticky) header, which scrolling shows as one header.
 */
const CHUNK_ROWS = 100;
const CHUNKED_FROM = 150;

/** One section: its heading and its table(s) of activities (group rows opening groups). */
function sectionHtml(page: Page, file: FilePage, matrix: Matrix, s: number, activities: readonly number[]): string {
  const section = matrix.sections[s]!;
  const parties = partiesOf(matrix, s);
  const headingId = `f${file.index}-s${s}`;
  const heading = marked(page, headingId, file.sections.get(s));
  const out = [`<h3 id="${headingId}"${heading.attrs}>${escapeHtml(section.title || "(no heading)")}${heading.tip}</h3>`];
  if (activities.length === 0) {
    out.push(`<p class="muted">No activities.</p>`);
    return out.join("\n");
  }
  const head = (first: boolean) =>
    parties
      .map((p) => {
        if (!first) return `<th scope="col">${escapeHtml(matrix.parties[p]!.name)}</th>`;
        const id = `f${file.index}-s${s}-p${p}`;
        const mark = marked(page, id, file.parties.get(p));
        return `<th scope="col" id="${id}"${mark.attrs}>${escapeHtml(matrix.parties[p]!.name)}${mark.tip}</th>`;
      })
      .join("");
  // Fixed layout: party columns get their width (narrower when there are many), the activity column the rest, at least 20rem.
  const partyWidth = parties.length <= 4 ? 8.5 : 6.5;
  const tableWidths = `--party-width:${partyWidth}rem;min-width:${20 + partyWidth * parties.length}rem`;
  const chunks: (readonly number[])[] = [];
  if (activities.length > CHUNKED_FROM) for (let i = 0; i < activities.length; i += CHUNK_ROWS) chunks.push(activities.slice(i, i + CHUNK_ROWS));
  else chunks.push(activities);
  let group: number | null | undefined;
  chunks.forEach((chunk, k) => {
    if (chunks.length > 1) out.push(`<div class="chunk" style="contain-intrinsic-size:auto ${chunk.length * 27}px">`);
    out.push(`<table class="m" style="${tableWidths}" aria-labelledby="${headingId}"><thead><tr><th scope="col">Activity</th>${head(k === 0)}</tr></thead>`);
    let open = false;
    for (const a of chunk) {
      const activity = matrix.activities[a]!;
      if (!open || activity.group !== group) {
        const continued = !open && activity.group === group;
        if (open) out.push("</tbody>");
        group = activity.group;
        open = true;
        out.push("<tbody>");
        if (group !== null) {
          const title = escapeHtml(matrix.groups[group]?.title ?? "");
          if (continued) out.push(`<tr class="g"><th colspan="${parties.length + 1}" scope="rowgroup">${title} <span class="muted">(continued)</span></th></tr>`);
          else {
            const id = `f${file.index}-g${group}`;
            const mark = marked(page, id, file.groups.get(group));
            out.push(`<tr class="g"><th colspan="${parties.length + 1}" scope="rowgroup" id="${id}"${mark.attrs}>${title}${mark.tip}</th></tr>`);
          }
        }
      }
      out.push(activityRow(page, file, matrix, a, parties));
    }
    out.push("</tbody></table>");
    if (chunks.length > 1) out.push("</div>");
  });
  return out.join("\n");
}

/** Per party: how many of each code it holds (once per cell), and its empty cells, as numbers and a bar. */
function workloadHtml(matrix: Matrix, fileIndex: number): string {
  const counts = matrix.parties.map(() => new Map<string, number>());
  const empty = matrix.parties.map(() => 0);
  const others: string[] = [];
  for (const activity of matrix.activities) {
    const parties = partiesOf(matrix, activity.section);
    for (const p of parties) {
      const cell = activity.cells[p];
      if (!cell) continue;
      if (cell.codes.length === 0) empty[p]!++;
      for (const code of new Set(cell.codes)) {
        counts[p]!.set(code, (counts[p]!.get(code) ?? 0) + 1);
        if (!(COLOURED as readonly string[]).includes(code) && !others.includes(code)) others.push(code);
      }
    }
  }
  const codes = [...COLOURED, ...others];
  const totals = counts.map((c) => [...c.values()].reduce((x, y) => x + y, 0));
  const max = Math.max(1, ...totals);
  const rows = matrix.parties.map((party, p) => {
    const numbers = codes.map((code) => `<td class="n">${counts[p]!.get(code) ?? 0}</td>`).join("");
    const bar = codes
      .map((code) => {
        const n = counts[p]!.get(code) ?? 0;
        return n === 0 ? "" : `<span class="b${(COLOURED as readonly string[]).includes(code) ? code : "X"}" style="width:${((100 * n) / max).toFixed(2)}%" title="${escapeHtml(code)} ${n}"></span>`;
      })
      .join("");
    return `<tr><th scope="row">${escapeHtml(party.name)}${party.role ? ` <span class="muted">(${party.role})</span>` : ""}</th>${numbers}<td class="n">${empty[p]}</td><td class="bar"><span class="sr">${totals[p]} codes</span><span aria-hidden="true" class="bars">${bar}</span></td></tr>`;
  });
  const head = codes.map((code) => `<th scope="col" class="n"><abbr title="${escapeHtml(ROLE_NAMES[code] ?? code)}">${escapeHtml(code)}</abbr></th>`).join("");
  return (
    `<table class="load" aria-labelledby="f${fileIndex}-load"><thead><tr><th scope="col">Party</th>${head}<th scope="col" class="n">empty</th><th scope="col">spread</th></tr></thead>` +
    `<tbody>${rows.join("")}</tbody></table>`
  );
}

/** The codes of a party's cell for the comparison table. */
function partyCodes(party: Party, cell: Cell | null): string {
  return `<span class="pn">${escapeHtml(party.name)}</span>${cell ? codesHtml(cell) || `<span class="none">(empty)</span>` : `<span class="none">(no cell)</span>`}`;
}

const ROLE_COLUMNS: readonly (PartyRole | null)[] = ["customer", "provider", "third-party", null];
const roleTitle = (role: PartyRole | null) => role ?? "other parties";

/**
 * A corpus-scope finding's compared cells: its own activity row, then the same activity (same key)
 * in each other file the message names whose matrix the report holds, columns by party role; a cell
 * that differs from the first row's is outlined. Empty when there is nothing to compare.
 */
function comparisonHtml(page: Page, item: NumberedFinding): string {
  const file = page.files[item.file]!;
  if (!file.matrix || !item.place || (item.place.kind !== "row" && item.place.kind !== "cell")) return "";
  const key = file.matrix.activities[item.place.activity]!.key;
  const rows: { file: FilePage; activity: number }[] = [{ file, activity: item.place.activity }];
  for (const other of page.files) {
    if (other === file || !other.matrix || !item.finding.message.includes(other.report.path)) continue;
    other.matrix.activities.forEach((activity, a) => {
      if (activity.key === key) rows.push({ file: other, activity: a });
    });
  }
  if (rows.length < 2) return "";
  const roleOf = (row: { file: FilePage }, p: number) => row.file.matrix!.parties[p]!.role;
  const partiesIn = (row: { file: FilePage; activity: number }) => partiesOf(row.file.matrix!, row.file.matrix!.activities[row.activity]!.section);
  const columns = ROLE_COLUMNS.filter((role) => rows.some((row) => partiesIn(row).some((p) => roleOf(row, p) === role)));
  const signature = (row: { file: FilePage; activity: number }, role: PartyRole | null) =>
    partiesIn(row)
      .filter((p) => roleOf(row, p) === role)
      .map((p) => [...new Set(row.file.matrix!.activities[row.activity]!.cells[p]?.codes ?? [])].sort().join(""))
      .join("|");
  const body = rows
    .map((row, i) => {
      const activity = row.file.matrix!.activities[row.activity]!;
      const cells = columns
        .map((role) => {
          const content = partiesIn(row)
            .filter((p) => roleOf(row, p) === role)
            .map((p) => partyCodes(row.file.matrix!.parties[p]!, activity.cells[p] ?? null))
            .join(" ");
          const differs = i > 0 && signature(row, role) !== signature(rows[0]!, role);
          return `<td${differs ? ` class="diff"` : ""}>${content}${differs ? `<span class="sr"> (differs)</span>` : ""}</td>`;
        })
        .join("");
      const where = `${row.file.report.path}:${activity.rowSpan.start.line}`;
      return `<tr><th scope="row"><a href="#f${row.file.index}-a${row.activity}">${escapeHtml(where)}</a></th>${cells}</tr>`;
    })
    .join("");
  const head = columns.map((role) => `<th scope="col">${roleTitle(role)}</th>`).join("");
  return `<table class="cmp"><caption>Compared cells</caption><thead><tr><th scope="col">where</th>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** What a link to a place says. */
function placeLabel(matrix: Matrix, place: Place): string {
  switch (place.kind) {
    case "cell":
      return `${matrix.parties[place.party]?.name ?? "?"} × ${matrix.activities[place.activity]!.name}`;
    case "row":
      return matrix.activities[place.activity]!.name;
    case "party":
      return `party ${matrix.parties[place.party]!.name}`;
    case "section":
      return `section ${matrix.sections[place.section]!.title}`;
    case "group":
      return `group ${matrix.groups[place.group]?.title ?? ""}`;
  }
}

/** A file's findings, each linking to its place and to its line in the source. */
function findingsHtml(page: Page, file: FilePage, sourceLines: number): string {
  if (file.findings.length === 0) return `<p class="muted">No findings.</p>`;
  const items = file.findings.map((item) => {
    const { finding, n } = item;
    const rule = ruleOf(page.context, finding.ruleId);
    const docs = safeHref(docsUrlOf(page.context, finding.ruleId));
    const ruleHtml = docs ? `<a class="rule" href="${docs}">${escapeHtml(finding.ruleId)}</a>` : `<span class="rule">${escapeHtml(finding.ruleId)}</span>`;
    const location = `${file.report.path}:${finding.line}:${finding.column}`;
    const links: string[] = [];
    if (item.place && file.matrix) links.push(`<a href="#${placeId(file.index, item.place, file.matrix)}">${escapeHtml(placeLabel(file.matrix, item.place))}</a>`);
    links.push(finding.line >= 1 && finding.line <= sourceLines ? `<a href="#f${file.index}-L${finding.line}">${escapeHtml(location)}</a>` : `<span>${escapeHtml(location)}</span>`);
    const compare = rule && looksAcrossFiles(rule) ? comparisonHtml(page, item) : "";
    return (
      `<li class="f" id="F${n}" value="${n}" data-i="${n}" data-sev="${finding.severity}" data-rule="${page.ruleIndex.get(finding.ruleId)}">` +
      `${severityBadge(finding.severity)} ${ruleHtml} <span class="msg">${escapeHtml(finding.message)}</span>` +
      `<span class="where">${links.join("")}</span>${compare}</li>`
    );
  });
  return `<ol class="findings">\n${items.join("\n")}\n</ol>`;
}

/**
 * The source lines findings start on, numbered, folded: what `file:line` links point at. Only those
 * lines, not the whole text: the matrix above already shows the rest, and a corpus' text would
 * double the page.
 */
function sourceHtml(file: FilePage, lines: readonly string[]): string {
  const hits = [...file.hitLines].filter((n) => n >= 1 && n <= lines.length).sort((a, b) => a - b);
  if (hits.length === 0) return "";
  const body = hits.map((n) => `<span id="f${file.index}-L${n}" data-n="${n}">${escapeHtml(lines[n - 1]!)}</span>`).join("\n");
  return `<details class="src"><summary>Source lines with findings in ${escapeHtml(file.report.path)} (${hits.length})</summary><pre class="code">${body}</pre></details>`;
}

/** One file's part of the page. */
function fileHtml(page: Page, file: FilePage): string {
  const { matrix, report } = file;
  const counts = severityCounts(file.findings.map((f) => f.finding));
  const out = [`<section class="file" id="f${file.index}" aria-labelledby="f${file.index}-h">`, `<h2 id="f${file.index}-h">${escapeHtml(report.path)}</h2>`];
  const facts: string[] = [];
  if (matrix) {
    if (matrix.title) facts.push(`<i>${escapeHtml(matrix.title)}</i>`);
    facts.push(plural(matrix.activities.length, "activity", "activities"), plural(matrix.parties.length, "party", "parties"), matrix.format);
  } else facts.push("no matrix in this report (the file could not be read, or the report was made without matrices)");
  facts.push(SEVERITIES.map((s) => plural(counts[s], s)).join(", "));
  out.push(`<p class="muted">${facts.join(" · ")}</p>`);
  if (matrix && matrix.activities.length > 0) {
    out.push(`<h3 id="f${file.index}-load">Workload per party</h3>`, workloadHtml(matrix, file.index));
    // Sections in the order their activities come (readers keep a section's activities together), then sections with findings but no activities.
    const bySection = new Map<number, number[]>();
    matrix.activities.forEach((activity, a) => addTo(bySection, activity.section, a));
    for (const s of file.sections.keys()) if (!bySection.has(s)) bySection.set(s, []);
    for (const [section, activities] of bySection) out.push(sectionHtml(page, file, matrix, section, activities));
  } else if (matrix) out.push(`<p class="muted">No activities were found in this file.</p>`);
  const source = report.source ?? matrix?.source ?? null;
  const lines = source === null ? [] : source.split(/\r\n|\r|\n/);
  out.push(`<h3 id="f${file.index}-findings">Findings in ${escapeHtml(report.path)}</h3>`, findingsHtml(page, file, lines.length));
  if (lines.length > 0) out.push(sourceHtml(file, lines));
  out.push("</section>");
  return out.join("\n");
}

function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** The summary: verdict, counts, findings by rule, files, the key to colours and outlines. */
function summaryHtml(page: Page): string {
  const { summary } = page.report;
  const matrices = page.files.filter((f) => f.matrix && f.matrix.activities.length > 0);
  const activities = matrices.reduce((n, f) => n + f.matrix!.activities.length, 0);
  const suppressed = page.report.files.reduce((n, f) => n + (f.suppressed?.length ?? 0), 0);
  const total = summary.errors + summary.warnings + summary.infos;
  const verdict = summary.errors > 0 ? `<p class="verdict fail">FAIL: ${plural(summary.errors, "error")}</p>` : `<p class="verdict pass">PASS: no error-level findings</p>`;
  const counts = (
    [
      [summary.files, "file", "files"],
      [matrices.length, "matrix", "matrices"],
      [activities, "activity", "activities"],
      [total, "finding", "findings"],
      [summary.errors, "error", "errors"],
      [summary.warnings, "warning", "warnings"],
      [summary.infos, "info", "infos"],
    ] as const
  )
    .map(([n, one, many]) => `<li><b>${n.toLocaleString("en-US")}</b> ${n === 1 ? one : many}</li>`)
    .join("");
  const out = [verdict, `<ul class="counts">${counts}</ul>`];
  const notes: string[] = [];
  if (summary.fixable > 0) notes.push(`${plural(summary.fixable, "finding")} fixable with <code>--fix</code>.`);
  if (suppressed > 0) notes.push(`${plural(suppressed, "suppressed finding")} not shown.`);
  if (notes.length) out.push(`<p class="muted">${notes.join(" ")}</p>`);

  if (total > 0) {
    const byRule = new Map<string, Record<Severity, number>>();
    for (const { finding } of page.all) {
      const c = byRule.get(finding.ruleId) ?? { error: 0, warning: 0, info: 0 };
      c[finding.severity]++;
      byRule.set(finding.ruleId, c);
    }
    const sum = (c: Record<Severity, number>) => c.error + c.warning + c.info;
    const rows = [...byRule.entries()]
      .sort(([a, ca], [b, cb]) => sum(cb) - sum(ca) || (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, c]) => {
        const docs = safeHref(docsUrlOf(page.context, id));
        const name = docs ? `<a class="rule" href="${docs}">${escapeHtml(id)}</a>` : `<span class="rule">${escapeHtml(id)}</span>`;
        return `<tr><th scope="row">${name}</th>${SEVERITIES.map((s) => `<td class="n">${c[s]}</td>`).join("")}<td class="n">${sum(c)}</td></tr>`;
      });
    out.push(
      `<h2 id="by-rule">Findings by rule</h2>`,
      `<table class="plain" aria-labelledby="by-rule"><thead><tr><th scope="col">rule</th><th scope="col">errors</th><th scope="col">warnings</th><th scope="col">infos</th><th scope="col">total</th></tr></thead><tbody>${rows.join("")}</tbody></table>`,
    );
  }

  const fileRows = page.files.map((file) => {
    const c = severityCounts(file.findings.map((f) => f.finding));
    return `<tr><th scope="row"><a href="#f${file.index}">${escapeHtml(file.report.path)}</a></th><td class="n">${file.matrix?.activities.length ?? "–"}</td>${SEVERITIES.map((s) => `<td class="n">${c[s]}</td>`).join("")}</tr>`;
  });
  out.push(
    `<h2 id="files">Files</h2>`,
    `<table class="plain" aria-labelledby="files"><thead><tr><th scope="col">file</th><th scope="col">activities</th><th scope="col">errors</th><th scope="col">warnings</th><th scope="col">infos</th></tr></thead><tbody>${fileRows.join("")}</tbody></table>`,
  );

  const key = [
    ...COLOURED.map((code) => `<li><b class="k${code}">${code}</b> ${ROLE_NAMES[code]}</li>`),
    `<li><b class="kX">S</b> other code of the scheme</li>`,
    `<li><b class="kbad">X</b> not a code</li>`,
    ...SEVERITIES.map((s) => `<li>${severityBadge(s)} outline ${s === "error" ? "solid" : s === "warning" ? "dashed" : "dotted"}</li>`),
  ];
  out.push(
    `<h2 id="key">Key</h2>`,
    `<p>A cell is tinted by its heaviest code (A, then R, C, I) and outlined by its findings' worst severity; the small numbers are the findings'. Hover over it or focus it (Tab) to read them.</p>`,
    `<ul class="key">${key.join("")}</ul>`,
  );
  return out.join("\n");
}

/** The filter bar (shown by the script; without script every finding stays visible). */
function filtersHtml(page: Page): string {
  if (page.all.length === 0) return "";
  const counts = severityCounts(page.all.map((f) => f.finding));
  const severities = SEVERITIES.map((s) => `<label><input type="checkbox" name="sev" value="${s}" checked> ${s} (${counts[s]})</label>`).join("");
  const perRule = new Map<string, number>();
  for (const { finding } of page.all) perRule.set(finding.ruleId, (perRule.get(finding.ruleId) ?? 0) + 1);
  const rules = page.rules.map((id, i) => `<label><input type="checkbox" name="rule" value="${i}" checked> ${escapeHtml(id)} (${perRule.get(id)})</label>`).join("");
  return (
    `<nav id="filters" aria-label="Filters" hidden>` +
    `<fieldset><legend>Severity</legend>${severities}</fieldset>` +
    `<fieldset><legend>Rule</legend>${rules}</fieldset>` +
    `<fieldset><legend>Rows</legend><label><input type="checkbox" name="only"> only activities with findings</label></fieldset>` +
    `<output id="shown" aria-live="polite">${page.all.length} of ${page.all.length} findings shown</output>` +
    `</nav>`
  );
}

/** Formats a report as one self-contained HTML page. */
export function formatHtml(report: Report, context: FormatContext): string {
  const page = new Page(report, context);
  const title = report.files.length === 1 ? `raci-lint report: ${report.files[0]!.path}` : `raci-lint report: ${plural(report.files.length, "file")}`;
  return [
    "<!doctype html>",
    `<html lang="en">`,
    "<head>",
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="generator" content="raci-lint ${escapeHtml(context.toolVersion)}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${PAGE_STYLE}</style>`,
    "</head>",
    "<body>",
    filtersHtml(page),
    `<header><h1>raci-lint report</h1></header>`,
    `<main>`,
    `<section id="summary" aria-label="Summary">`,
    summaryHtml(page),
    `</section>`,
    ...page.files.map((file) => fileHtml(page, file)),
    `</main>`,
    `<footer>Made by raci-lint ${escapeHtml(context.toolVersion)}. Self-contained: it loads nothing.</footer>`,
    `<script>${PAGE_SCRIPT}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** The `html` format. */
export const formatter: Formatter = {
  description: "one self-contained HTML page: each matrix as a heatmap with its findings in place, for auditors",
  needs: "matrix",
  format: (report, context) => formatHtml(report, context),
};
