/**
 * YAML and JSON reader for the documented matrix format (`schemas/matrix.schema.json`).
 * The text becomes a positioned data tree (`yaml-tree.ts`, `json-tree.ts`: yaml's document model
 * only for YAML outside the subset matrices are written in); syntax and schema errors become
 * positioned problems; whatever is valid is still read.
 */
import { matrix as validateMatrix } from "../generated/validators.js";
import type { Cell, LegendEntry, Matrix, PartyRole, ReadProblem } from "../model/matrix.js";
import { LineIndex, type SourceSpan } from "../model/position.js";
import { MatrixBuilder } from "./builder.js";
import { cellContext, readCell } from "./cell-codes.js";
import type { ReadOptions } from "./options.js";
import { nameKey } from "../model/text.js";
import { activityKey, findHighlight, plainText } from "../model/text.js";
import { partyNameKeys } from "./parties.js";
import { UNREADABLE, forEachNode, scalarText, validateTree, type AliasNode, type DataNode, type MapNode, type ScalarNode } from "./data-tree.js";
import { readJsonTree } from "./json-tree.js";
import { readYamlTree } from "./yaml-tree.js";

/** The party roles a matrix may write. */
const ROLES: ReadonlySet<string> = new Set<PartyRole>(["customer", "provider", "third-party"]);

/** Where a scalar's content starts and ends in the source (inside the quotes of a quoted scalar). */
function contentRange(node: DataNode | null | undefined): [number, number] | null {
  if (!node) return null;
  const { start, end } = node;
  if (node.kind === "scalar" && (node.style === "QUOTE_DOUBLE" || node.style === "QUOTE_SINGLE")) return [start + 1, Math.max(start + 1, end - 1)];
  return [start, end];
}

/** The value of a map's key `name` (a string key), as yaml's `map.get(name, true)` finds it. */
function get(map: DataNode | undefined, name: string): DataNode | undefined {
  if (map?.kind !== "map") return undefined;
  for (const pair of map.pairs) if (pair.key.kind === "scalar" && pair.key.value === name) return pair.value ?? undefined;
  return undefined;
}

const isScalar = (node: DataNode | undefined | null): node is ScalarNode => node?.kind === "scalar";
const isMap = (node: DataNode | undefined | null): node is MapNode => node?.kind === "map";
const isAlias = (node: DataNode | undefined | null): node is AliasNode => node?.kind === "alias";

/** Reads a YAML or JSON matrix. Never throws on bad input. */
export function readStructured(file: string, text: string, format: "yaml" | "json", options: ReadOptions): Matrix {
  const bom = text.charCodeAt(0) === 0xfeff;
  const source = bom ? text.slice(1) : text;
  const lines = new LineIndex(source);
  const builder = new MatrixBuilder(file, format, source, bom, lines, options.scheme, options.schemeConfigured ? "set by the configuration" : `${options.scheme.name}, the default`);
  const problems: ReadProblem[] = [];
  // yaml may end an error's range between a CR and its LF: that place is the end of the line.
  const onLine = (offset: number) => (source.charCodeAt(offset) === 10 && source.charCodeAt(offset - 1) === 13 ? offset - 1 : offset);
  const span = (start: number, end: number): SourceSpan => lines.span(onLine(start), onLine(end));

  const tree = format === "json" ? readJsonTree(source) : readYamlTree(source);
  if (tree.errors.length > 0) {
    for (const e of tree.errors) problems.push({ ruleId: "parse-error", message: e.message, span: span(e.start, e.end) });
    return builder.finish(problems, options.parties ?? null);
  }
  const { errors, data } = validateTree(tree, source, validateMatrix);
  for (const e of errors) {
    const unreadable = e.message.startsWith(UNREADABLE);
    problems.push({ ruleId: unreadable ? "parse-error" : "schema-violation", message: e.message, span: span(e.start, e.end) });
  }
  // A document that cannot even be turned into data (alias bomb) is not read further.
  if (!isMap(tree.root) || data === undefined) return builder.finish(problems, options.parties ?? null);
  readContent(tree.root, data as Record<string, unknown>, tree.aliases, builder, options, problems);
  return builder.finish(problems, options.parties ?? null);
}

/**
 * Reads what the document holds in the expected shape, skipping parts the schema rejected. An alias
 * (`*name`) reads as the node its anchor (`&name`) set; what it stands for is placed at the alias,
 * where it is written, and cells read through an alias cannot be fixed in place (the fix would
 * change every use of the anchor).
 */
function readContent(root: MapNode, data: Record<string, unknown>, hasAliases: boolean, builder: MatrixBuilder, options: ReadOptions, problems: ReadProblem[]): void {
  const lines = builder.lines;
  const span = (node: DataNode | null | undefined): SourceSpan => {
    const r = contentRange(node) ?? [0, 0];
    return lines.span(r[0], r[1]);
  };
  /** The node a node stands for: itself, or for an alias the anchored node (undefined when none). */
  const target = (node: DataNode | null | undefined): DataNode | undefined => (isAlias(node) ? (node.target ?? undefined) : (node ?? undefined));
  /** Anchors some alias uses: what is written under them is read in several places, so fixes leave it alone. */
  const aliased = new Set<string>();
  if (hasAliases) forEachNode(root, (node) => void (node.kind === "alias" && aliased.add(node.name)));
  const shared = (node: DataNode | null | undefined) => node?.anchor != null && aliased.has(node.anchor);
  /** Where a node is written: the alias that stands for it, if any, else the node itself. */
  const written = (node: DataNode | null | undefined, at: DataNode | null): DataNode | undefined => at ?? (isAlias(node) ? node : target(node));
  const title = target(get(root, "title"));
  if (isScalar(title) && typeof title.value === "string") builder.setTitle(title.value, span(written(get(root, "title"), null)));
  const metadata = target(get(root, "metadata"));
  // The document's data holds the metadata as yaml's toJS gives it (aliases expanded).
  builder.setFrontMatter(isMap(metadata) ? (data.metadata as Record<string, unknown>) : {});

  const partyNodes = target(get(root, "parties"));
  const parties: number[] = [];
  const partyNames: string[] = [];
  if (partyNodes?.kind === "seq") {
    for (const entry of partyNodes.items) {
      const item = target(entry);
      const at = isAlias(entry) ? entry : null;
      const nameEntry = isMap(item) ? get(item, "name") : entry;
      const nameNode = target(nameEntry);
      if (!isScalar(nameNode) || typeof nameNode.value !== "string") continue;
      const roleNode = isMap(item) ? target(get(item, "role")) : undefined;
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

  const legendEntry = get(root, "legend");
  const legend = target(legendEntry);
  if (legend?.kind === "seq") {
    const entries: LegendEntry[] = [];
    for (const entry of legend.items) {
      const item = target(entry);
      if (!isMap(item)) continue;
      const at = isAlias(entry) ? entry : null;
      const code = target(get(item, "code"));
      const term = target(get(item, "term"));
      const description = target(get(item, "description"));
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
        markSpan: span(inDescription && description ? written(get(item, "description"), at) : written(get(item, "term"), at)),
      });
    }
    if (entries.length > 0) builder.addLegend(entries, span(written(legendEntry, null)));
  }

  const sections = target(get(root, "sections"));
  // Without parties no code can be placed: the schema says what is missing, and nothing more is read.
  if (sections?.kind !== "seq" || parties.length === 0) return;
  for (const sectionEntry of sections.items) {
    const sectionNode = target(sectionEntry);
    if (!isMap(sectionNode)) continue;
    const sectionAt = isAlias(sectionEntry) ? sectionEntry : null;
    const titleEntry = get(sectionNode, "title");
    const titleNode = target(titleEntry);
    const sectionTitle = isScalar(titleNode) && typeof titleNode.value === "string" ? titleNode.value : "";
    const section = builder.addSection(sectionTitle, titleNode ? span(written(titleEntry, sectionAt)) : null);
    builder.useParties(section, parties);
    const activities = target(get(sectionNode, "activities"));
    if (activities?.kind !== "seq") continue;
    for (const activityEntry of activities.items) {
      const activityNode = target(activityEntry);
      if (!isMap(activityNode)) continue;
      // An activity written as an alias, or inside an aliased section, is placed at that alias.
      const activityAt = sectionAt ?? (isAlias(activityEntry) ? activityEntry : null);
      const nameEntry = get(activityNode, "activity");
      const nameNode = target(nameEntry);
      const codesEntry = get(activityNode, "codes");
      const codesNode = target(codesEntry);
      if (!isScalar(nameNode) || typeof nameNode.value !== "string" || !isMap(codesNode)) continue;
      // A code written as something else than text (a list, a number, a map) breaks the schema, which
      // says so where it is: that party's cell is left unread, neither empty nor missing.
      const readable = (value: DataNode | null) => {
        const v = target(value);
        return v === undefined || v === null || (isScalar(v) && (v.value === null || typeof v.value === "string"));
      };
      const unread: number[] = [];
      const codesAt = activityAt ?? (isAlias(codesEntry) ? codesEntry : null);
      const sharedCodes = shared(sectionNode) || shared(activityNode) || shared(codesNode);
      const cells: (Cell | null)[] = builder.emptyCells();
      const extra: { raw: string; span: SourceSpan }[] = [];
      let present = 1;
      for (const pair of codesNode.pairs) {
        const keyNode = target(pair.key);
        if (!isScalar(keyNode)) continue;
        const keyAt = written(pair.key, codesAt);
        if (keyNode.value === "<<") {
          // A YAML merge key (`<<: *defaults`): its parties are not read.
          problems.push({ ruleId: "schema-violation", message: "codes: a merge key (<<) is not read: write each party's codes", span: span(keyAt) });
          continue;
        }
        const party = keyToParty.get(nameKey(scalarText(keyNode.value)));
        const valueNode = target(pair.value);
        const raw = isScalar(valueNode) && valueNode.value !== null ? scalarText(valueNode.value) : "";
        if (party === undefined) {
          extra.push({ raw: scalarText(keyNode.value), span: span(keyAt) });
          problems.push({
            ruleId: "schema-violation",
            message: `codes: "${scalarText(keyNode.value)}" is not one of the parties (${partyNames.join(", ")})`,
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
          const { start: from, end: to } = cellAt;
          cells[party] = readCell(raw, from, party, ctx, null, lines.span(from, to), false, false);
          continue;
        }
        const range = contentRange(valueNode);
        const start = range ? range[0] : pair.key.end;
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
