/**
 * YAML and JSON reader for the documented matrix format (`schemas/matrix.schema.json`).
 * Syntax and schema errors become positioned problems; whatever is valid is still read.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node } from "yaml";
import { matrix as validateMatrix } from "../generated/validators.js";
import type { Cell, LegendEntry, Matrix, PartyRole, ReadProblem } from "../model/matrix.js";
import { LineIndex, type SourceSpan } from "../model/position.js";
import { MAX_ALIAS_COUNT, TOO_DEEP, validateDocument, yamlErrorMessage } from "../schema/validate.js";
import { MatrixBuilder } from "./builder.js";
import { cellContext, readCell } from "./cell-codes.js";
import type { ReadOptions } from "./options.js";
import { nameKey } from "../model/text.js";
import { activityKey, findHighlight, plainText } from "../model/text.js";
import { partyNameKeys } from "./parties.js";
import { jsonSyntaxError } from "./json-syntax.js";

/** The party roles a matrix may write. */
const ROLES: ReadonlySet<string> = new Set<PartyRole>(["customer", "provider", "third-party"]);

/** Where a scalar's content starts and ends in the source (inside the quotes of a quoted scalar). */
function contentRange(node: Node | null | undefined): [number, number] | null {
  if (!node || !node.range) return null;
  const [start, end] = node.range;
  if (isScalar(node) && (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE")) return [start + 1, Math.max(start + 1, end - 1)];
  return [start, end];
}

/** Reads a YAML or JSON matrix. Never throws on bad input. */
export function readStructured(file: string, text: string, format: "yaml" | "json", options: ReadOptions): Matrix {
  const bom = text.charCodeAt(0) === 0xfeff;
  const source = bom ? text.slice(1) : text;
  const lines = new LineIndex(source);
  const builder = new MatrixBuilder(file, format, source, bom, lines, options.scheme, options.schemeConfigured ? "set by the configuration" : `${options.scheme.name}, the default`);
  const problems: ReadProblem[] = [];
  const span = (start: number, end: number): SourceSpan => lines.span(start, end);

  if (format === "json") {
    const syntax = jsonSyntaxError(source);
    if (syntax) {
      problems.push({ ruleId: "parse-error", message: `Invalid JSON: ${syntax.message}`, span: span(syntax.offset, syntax.offset) });
      return builder.finish(problems, options.parties ?? null);
    }
  }
  try {
    const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const message = yamlErrorMessage(e);
        // Running out of stack is told once, where it happened first.
        if (message === TOO_DEEP && problems.some((p) => p.message === TOO_DEEP)) continue;
        problems.push({ ruleId: "parse-error", message, span: span(e.pos[0], e.pos[1]) });
      }
      return builder.finish(problems, options.parties ?? null);
    }
    const schemaErrors = validateDocument(doc, validateMatrix);
    for (const e of schemaErrors) {
      const unreadable = e.message.startsWith("document cannot be read");
      problems.push({ ruleId: unreadable ? "parse-error" : "schema-violation", message: e.message, span: span(e.start, e.end) });
    }
    // A document that cannot even be turned into data (alias bomb) is not read further.
    if (!isMap(doc.contents) || schemaErrors.some((e) => e.message.startsWith("document cannot be read"))) return builder.finish(problems, options.parties ?? null);
    readContent(doc, builder, options, problems);
  } catch (error) {
    // Thousands of levels of nesting exhaust the stack of yaml's recursive reading: bad input, said as such.
    if (!(error instanceof RangeError)) throw error;
    problems.length = 0;
    problems.push({ ruleId: "parse-error", message: TOO_DEEP, span: span(0, 0) });
    return new MatrixBuilder(file, format, source, bom, lines, options.scheme, options.schemeConfigured ? "set by the configuration" : `${options.scheme.name}, the default`).finish(problems, options.parties ?? null);
  }
  return builder.finish(problems, options.parties ?? null);
}


/**
 * Reads what the document holds in the expected shape, skipping parts the schema rejected. An alias
 * (`*name`) reads as the node its anchor (`&name`) set; what it stands for is placed at the alias,
 * where it is written, and cells read through an alias cannot be fixed in place (the fix would
 * change every use of the anchor).
 */
function readContent(doc: Document, builder: MatrixBuilder, options: ReadOptions, problems: ReadProblem[]): void {
  const lines = builder.lines;
  const span = (node: Node | null | undefined): SourceSpan => {
    const r = contentRange(node) ?? [0, 0];
    return lines.span(r[0], r[1]);
  };
  /** The node a node stands for: itself, or for an alias the anchored node (undefined when none). */
  const target = (node: unknown): Node | undefined => {
    let n = node;
    for (let i = 0; i < 64 && isAlias(n); i++) n = n.resolve(doc);
    return isAlias(n) ? undefined : (n as Node | undefined);
  };
  /** Anchors some alias uses: what is written under them is read in several places, so fixes leave it alone. */
  const aliased = new Set<string>();
  visit(doc, { Alias: (_, alias) => void aliased.add(alias.source) });
  const shared = (node: unknown) => {
    const anchor = (node as { anchor?: string } | null | undefined)?.anchor;
    return anchor !== undefined && aliased.has(anchor);
  };
  /** Where a node is written: the alias that stands for it, if any, else the node itself. */
  const written = (node: unknown, at: Node | null): Node | undefined => at ?? (isAlias(node) ? node : target(node));
  const title = target(doc.get("title", true));
  if (isScalar(title) && typeof title.value === "string") builder.setTitle(title.value, span(written(doc.get("title", true), null)));
  const metadata = target(doc.get("metadata", true));
  builder.setFrontMatter(isMap(metadata) ? (metadata.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>) : {});

  const partyNodes = target(doc.get("parties", true));
  const parties: number[] = [];
  const partyNames: string[] = [];
  if (isSeq(partyNodes)) {
    for (const entry of partyNodes.items) {
      const item = target(entry);
      const at = isAlias(entry) ? entry : null;
      const nameEntry = isMap(item) ? item.get("name", true) : entry;
      const nameNode = target(nameEntry);
      if (!isScalar(nameNode) || typeof nameNode.value !== "string") continue;
      const roleNode = isMap(item) ? target(item.get("role", true)) : undefined;
      // A role the schema refuses (and reports) is not taken: the party is then recognised by its name.
      const role = isScalar(roleNode) && ROLES.has(roleNode.value as string) ? (roleNode.value as PartyRole) : undefined;
      const index = builder.party(nameNode.value, nameNode.value, span(written(nameEntry, at)));
      if (role) builder.setPartyRole(index, role);
      parties.push(index);
      partyNames.push(nameNode.value);
    }
  }
  const keyToParty = new Map(partyNames.map((n, i) => [nameKey(n), parties[i]!]));
  const ctx = cellContext(lines, options.scheme, partyNameKeys(partyNames), options.readCell);

  const legendEntry = doc.get("legend", true);
  const legend = target(legendEntry);
  if (isSeq(legend)) {
    const entries: LegendEntry[] = [];
    for (const entry of legend.items) {
      const item = target(entry);
      if (!isMap(item)) continue;
      const at = isAlias(entry) ? entry : null;
      const code = target(item.get("code", true));
      const term = target(item.get("term", true));
      const description = target(item.get("description", true));
      if (!isScalar(code) || typeof code.value !== "string" || !isScalar(term) || typeof term.value !== "string") continue;
      const descText = isScalar(description) && typeof description.value === "string" ? description.value : "";
      const inDescription = findHighlight(descText);
      const highlight = inDescription ?? findHighlight(term.value);
      entries.push({
        code: code.value.toUpperCase(),
        term: plainText(term.value),
        description: descText,
        markedLetter: highlight ? highlight.letter : null,
        span: span(written(entry, at)),
        markSpan: span(inDescription && description ? written(item.get("description", true), at) : written(item.get("term", true), at)),
      });
    }
    if (entries.length > 0) builder.addLegend(entries, span(written(legendEntry, null)));
  }

  const sections = target(doc.get("sections", true));
  // Without parties no code can be placed: the schema says what is missing, and nothing more is read.
  if (!isSeq(sections) || parties.length === 0) return;
  for (const sectionEntry of sections.items) {
    const sectionNode = target(sectionEntry);
    if (!isMap(sectionNode)) continue;
    const sectionAt = isAlias(sectionEntry) ? sectionEntry : null;
    const titleEntry = sectionNode.get("title", true);
    const titleNode = target(titleEntry);
    const sectionTitle = isScalar(titleNode) && typeof titleNode.value === "string" ? titleNode.value : "";
    const section = builder.addSection(sectionTitle, titleNode ? span(written(titleEntry, sectionAt)) : null);
    builder.useParties(section, parties);
    const activities = target(sectionNode.get("activities", true));
    if (!isSeq(activities)) continue;
    for (const activityEntry of activities.items) {
      const activityNode = target(activityEntry);
      if (!isMap(activityNode)) continue;
      // An activity written as an alias, or inside an aliased section, is placed at that alias.
      const activityAt = sectionAt ?? (isAlias(activityEntry) ? activityEntry : null);
      const nameEntry = activityNode.get("activity", true);
      const nameNode = target(nameEntry);
      const codesEntry = activityNode.get("codes", true);
      const codesNode = target(codesEntry);
      if (!isScalar(nameNode) || typeof nameNode.value !== "string" || !isMap(codesNode)) continue;
      // A code written as something else than text (a list, a number, a map) breaks the schema, which
      // says so where it is: that party's cell is left unread, neither empty nor missing.
      const readable = (value: unknown) => {
        const v = target(value);
        return v === undefined || v === null || (isScalar(v) && (v.value === null || typeof v.value === "string"));
      };
      const unread: number[] = [];
      const codesAt = activityAt ?? (isAlias(codesEntry) ? codesEntry : null);
      const sharedCodes = shared(sectionNode) || shared(activityNode) || shared(codesNode);
      const cells: (Cell | null)[] = builder.emptyCells();
      const extra: { raw: string; span: SourceSpan }[] = [];
      let present = 1;
      for (const pair of codesNode.items) {
        const keyNode = target(pair.key);
        if (!isScalar(keyNode)) continue;
        const keyAt = written(pair.key, codesAt);
        if (keyNode.value === "<<" || typeof keyNode.value === "symbol") {
          // A YAML merge key (`<<: *defaults`): its parties are not read.
          problems.push({ ruleId: "schema-violation", message: "codes: a merge key (<<) is not read: write each party's codes", span: span(keyAt) });
          continue;
        }
        const party = keyToParty.get(nameKey(String(keyNode.value)));
        const valueNode = target(pair.value);
        const raw = isScalar(valueNode) && valueNode.value !== null ? String(valueNode.value) : "";
        if (party === undefined) {
          extra.push({ raw: String(keyNode.value), span: span(keyAt) });
          problems.push({
            ruleId: "schema-violation",
            message: `codes: "${String(keyNode.value)}" is not one of the parties (${partyNames.join(", ")})`,
            span: span(keyAt),
          });
          continue;
        }
        present++;
        if (!readable(pair.value)) {
          unread.push(party);
          continue;
        }
        const cellAt = codesAt ?? (isAlias(pair.value) ? pair.value : null);
        if (cellAt) {
          // Read through an alias: placed at the alias, not editable there.
          const [from, to] = cellAt.range ?? [0, 0];
          cells[party] = readCell(raw, from, party, ctx, null, lines.span(from, to), false, false);
          continue;
        }
        const range = contentRange(valueNode);
        const start = range ? range[0] : (pair.key as Node).range![1];
        // A plain or quoted scalar's text is its source text; anything else is read but cannot be fixed in place.
        const sourceText = range ? lines.text.slice(range[0], range[1]) : "";
        // A null value (`Client:`) has no text to edit: such a cell can be read but not fixed.
        const exact = range !== null && isScalar(valueNode) && valueNode.value !== null && sourceText === raw;
        // Text that is not written as it reads (escapes, a folded block) is pointed at as a whole.
        const editable = exact && !sharedCodes && !shared(valueNode);
        cells[party] = exact || !range ? readCell(raw, start, party, ctx, null, null, true, editable) : readCell(raw, range[0], party, ctx, null, lines.span(range[0], range[1]), false, editable);
      }
      // Nothing of it read: the schema violations are all there is to say.
      if (unread.length > 0 && cells.every((c) => c === null)) continue;
      const activitySpan = span(written(nameEntry, activityAt));
      builder.addActivity({
        name: nameNode.value,
        key: activityKey(nameNode.value),
        section,
        group: null,
        span: activitySpan,
        rowSpan: span(activityAt ?? activityNode),
        cells,
        cellCount: present + extra.length,
        expectedCellCount: parties.length + 1,
        extraCells: extra,
        ...(unread.length ? { unread } : {}),
      });
    }
  }
}
