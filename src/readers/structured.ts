/**
 * YAML and JSON reader for the documented matrix format (`schemas/matrix.schema.json`).
 * Syntax and schema errors become positioned problems; whatever is valid is still read.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Scalar } from "yaml";
import { matrix as validateMatrix } from "../generated/validators.js";
import type { Cell, LegendEntry, Matrix, PartyRole, ReadProblem } from "../model/matrix.js";
import { LineIndex, type SourceSpan } from "../model/position.js";
import type { RoleScheme } from "../model/scheme.js";
import { validateDocument } from "../schema/validate.js";
import { MatrixBuilder } from "./builder.js";
import type { PartyAliases } from "../config/load.js";
import { parseCell, type CellContext } from "./cell-codes.js";
import { nameKey } from "../model/text.js";
import { activityKey, findHighlight, plainText } from "../model/text.js";
import { partyNameKeys } from "./parties.js";
import { jsonSyntaxError } from "./json-syntax.js";

/** Options of `readStructured`. */
export interface StructuredReadOptions {
  scheme: RoleScheme;
  /** Configured party-role aliases (replace the built-in recognition; roles written in the file stand). */
  parties?: PartyAliases | null;
}

/** Where a scalar's content starts and ends in the source (inside the quotes of a quoted scalar). */
function contentRange(node: Node | null | undefined): [number, number] | null {
  if (!node || !node.range) return null;
  const [start, end] = node.range;
  if (isScalar(node) && (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE")) return [start + 1, Math.max(start + 1, end - 1)];
  return [start, end];
}

/** Reads a YAML or JSON matrix. Never throws on bad input. */
export function readStructured(file: string, text: string, format: "yaml" | "json", options: StructuredReadOptions): Matrix {
  const bom = text.charCodeAt(0) === 0xfeff;
  const source = bom ? text.slice(1) : text;
  const lines = new LineIndex(source);
  const builder = new MatrixBuilder(file, format, source, bom, lines);
  const problems: ReadProblem[] = [];
  const span = (start: number, end: number): SourceSpan => lines.span(start, end);

  if (format === "json") {
    const syntax = jsonSyntaxError(source);
    if (syntax) {
      problems.push({ ruleId: "parse-error", message: `Invalid JSON: ${syntax.message}`, span: span(syntax.offset, syntax.offset) });
      return builder.finish(problems, options.parties ?? null);
    }
  }
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) problems.push({ ruleId: "parse-error", message: e.message.split("\n")[0]!, span: span(e.pos[0], e.pos[1]) });
    return builder.finish(problems, options.parties ?? null);
  }
  const schemaErrors = validateDocument(doc, validateMatrix);
  for (const e of schemaErrors) {
    const unreadable = e.message.startsWith("document cannot be read");
    problems.push({ ruleId: unreadable ? "parse-error" : "schema-violation", message: e.message, span: span(e.start, e.end) });
  }
  // A document that cannot even be turned into data (alias bomb) is not read further.
  if (!isMap(doc.contents) || schemaErrors.some((e) => e.message.startsWith("document cannot be read"))) return builder.finish(problems, options.parties ?? null);
  readContent(doc, builder, options.scheme, problems);
  return builder.finish(problems, options.parties ?? null);
}

/** Reads what the document holds in the expected shape, skipping parts the schema rejected. */
function readContent(doc: Document, builder: MatrixBuilder, scheme: RoleScheme, problems: ReadProblem[]): void {
  const lines = builder.lines;
  const span = (node: Node | null | undefined): SourceSpan => {
    const r = contentRange(node) ?? [0, 0];
    return lines.span(r[0], r[1]);
  };
  const title = doc.get("title", true) as Scalar | undefined;
  if (title && typeof title.value === "string") builder.setTitle(title.value, span(title));
  const metadata = doc.get("metadata");
  builder.setFrontMatter(isMap(metadata) ? (metadata.toJSON() as Record<string, unknown>) : {});

  const partyNodes = doc.get("parties", true);
  const parties: number[] = [];
  const partyNames: string[] = [];
  if (isSeq(partyNodes)) {
    for (const item of partyNodes.items) {
      const nameNode = (isMap(item) ? item.get("name", true) : item) as Node | undefined;
      if (!isScalar(nameNode) || typeof nameNode.value !== "string") continue;
      const role = isMap(item) ? (item.get("role") as PartyRole | undefined) : undefined;
      const index = builder.party(nameNode.value, nameNode.value, span(nameNode));
      if (role) builder.setPartyRole(index, role);
      parties.push(index);
      partyNames.push(nameNode.value);
    }
  }
  const keyToParty = new Map(partyNames.map((n, i) => [nameKey(n), parties[i]!]));
  const ctx: CellContext = { lines, scheme, partyNames: partyNameKeys(partyNames) };

  const legend = doc.get("legend", true);
  if (isSeq(legend)) {
    const entries: LegendEntry[] = [];
    for (const item of legend.items) {
      if (!isMap(item)) continue;
      const code = item.get("code", true) as Scalar | undefined;
      const term = item.get("term", true) as Scalar | undefined;
      const description = item.get("description", true) as Scalar | undefined;
      if (!code || typeof code.value !== "string" || !term || typeof term.value !== "string") continue;
      const descText = typeof description?.value === "string" ? description.value : "";
      const inDescription = findHighlight(descText);
      const highlight = inDescription ?? findHighlight(term.value);
      entries.push({
        code: code.value.toUpperCase(),
        term: plainText(term.value),
        description: descText,
        markedLetter: highlight ? highlight.letter : null,
        span: span(item),
        markSpan: span(inDescription && description ? description : term),
      });
    }
    if (entries.length > 0) builder.addLegend(entries, span(legend));
  }

  const sections = doc.get("sections", true);
  if (!isSeq(sections)) return;
  for (const sectionNode of sections.items) {
    if (!isMap(sectionNode)) continue;
    const titleNode = sectionNode.get("title", true) as Scalar | undefined;
    const section = builder.addSection(typeof titleNode?.value === "string" ? titleNode.value : "", titleNode ? span(titleNode) : null);
    builder.useParties(section, parties);
    const activities = sectionNode.get("activities", true);
    if (!isSeq(activities)) continue;
    for (const activityNode of activities.items) {
      if (!isMap(activityNode)) continue;
      const nameNode = activityNode.get("activity", true) as Scalar | undefined;
      const codesNode = activityNode.get("codes", true);
      if (!nameNode || typeof nameNode.value !== "string" || !isMap(codesNode)) continue;
      const cells: (Cell | null)[] = builder.emptyCells();
      const extra: { raw: string; span: SourceSpan }[] = [];
      let present = 1;
      for (const pair of codesNode.items) {
        if (!isScalar(pair.key)) continue;
        const party = keyToParty.get(nameKey(String(pair.key.value)));
        const valueNode = pair.value as Node | null;
        const raw = isScalar(valueNode) && valueNode.value !== null ? String(valueNode.value) : "";
        if (party === undefined) {
          extra.push({ raw: String(pair.key.value), span: span(pair.key as Node) });
          problems.push({
            ruleId: "schema-violation",
            message: `codes: "${String(pair.key.value)}" is not one of the parties (${partyNames.join(", ")})`,
            span: span(pair.key as Node),
          });
          continue;
        }
        present++;
        const range = contentRange(valueNode);
        const start = range ? range[0] : (pair.key as Node).range![1];
        // A plain or quoted scalar's text is its source text; anything else is read but cannot be fixed in place.
        const sourceText = range ? lines.text.slice(range[0], range[1]) : "";
        // A null value (`Client:`) has no text to edit: such a cell can be read but not fixed.
        const exact = range !== null && isScalar(valueNode) && valueNode.value !== null && sourceText === raw;
        const cell = parseCell(raw, start, party, ctx, null);
        if (!exact) cell.style.bodyStart = cell.style.bodyEnd = -1;
        cells[party] = cell;
      }
      const activitySpan = span(nameNode);
      builder.addActivity({
        name: nameNode.value,
        key: activityKey(nameNode.value),
        section,
        span: activitySpan,
        rowSpan: span(activityNode),
        cells,
        cellCount: present + extra.length,
        expectedCellCount: parties.length + 1,
        extraCells: extra,
      });
    }
  }
}
