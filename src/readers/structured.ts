/**
 * YAML and JSON reader for the documented matrix format (`schemas/matrix.schema.json`). Two ways of
 * writing an activity are read into the same model: party-major (`codes: { Client: R }`) and
 * role-major (`R: [Dev, Ops]`, `accountable: PM`), under `sections` or a top-level `activities`.
 * The text becomes a positioned data tree (`yaml-tree.ts`, `json-tree.ts`: yaml's document model
 * only for YAML outside the subset matrices are written in); syntax and schema errors become
 * positioned problems; whatever is valid is still read.
 */
import { matrix as validateMatrix } from "../generated/validators.js";
import type { Cell, LegendEntry, Matrix, PartyRole, ReadProblem } from "../model/matrix.js";
import { LineIndex, type SourceSpan } from "../model/position.js";
import { MatrixBuilder } from "./builder.js";
import { cellContext, codeWords, readCell } from "./cell-codes.js";
import { emptyRoleCell, roleCell, roleOfHeader } from "./grid.js";
import type { ReadOptions } from "./options.js";
import { nameKey } from "../model/text.js";
import { activityKey, findHighlight, plainText } from "../model/text.js";
import { partyNameKeys, splitPartyNames } from "./parties.js";
import { chooseScheme, type LegendHint, type SchemeHint } from "./scheme-hints.js";
import { UNREADABLE, forEachNode, scalarText, validateTree, type AliasNode, type DataNode, type MapNode, type ScalarNode } from "./data-tree.js";
import { readJsonTree } from "./json-tree.js";
import { readYamlTree } from "./yaml-tree.js";

/** The party roles a matrix may write. */
const ROLES: ReadonlySet<string> = new Set<PartyRole>(["customer", "provider", "third-party"]);

/** The top-level keys that make a YAML/JSON document a matrix (any one of them). */
const MATRIX_KEYS = ["sections", "activities", "parties"] as const;

/** What a YAML/JSON matrix looks like, for a document that is not one. */
export const MATRIX_SHAPES =
  "a YAML/JSON matrix lists activities under `sections` or `activities`, each with its codes per party (`codes: { Client: R }`) or the parties of each role (`R: [Dev, Ops]`)";

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
/** The node a node stands for: itself, or for an alias the anchored node (undefined when none). */
const target = (node: DataNode | null | undefined): DataNode | undefined => (isAlias(node) ? (node.target ?? undefined) : (node ?? undefined));
/** A scalar's string value, or null. */
const stringOf = (node: DataNode | null | undefined): string | null => {
  const t = target(node);
  return isScalar(t) && typeof t.value === "string" ? t.value : null;
};

/** Reads a YAML or JSON matrix. Never throws on bad input. */
export function readStructured(file: string, text: string, format: "yaml" | "json", options: ReadOptions): Matrix {
  const bom = text.charCodeAt(0) === 0xfeff;
  const source = bom ? text.slice(1) : text;
  const lines = new LineIndex(source);
  const problems: ReadProblem[] = [];
  // yaml may end an error's range between a CR and its LF: that place is the end of the line.
  const onLine = (offset: number) => (source.charCodeAt(offset) === 10 && source.charCodeAt(offset - 1) === 13 ? offset - 1 : offset);
  const span = (start: number, end: number): SourceSpan => lines.span(onLine(start), onLine(end));
  const whole = lines.span(0, source.trimEnd().length);
  // An empty file holds no matrix, in JSON (where it is no document) as in YAML (a null one).
  if (source.trim() === "") {
    const builder = new MatrixBuilder(file, format, source, bom, lines, options.scheme, "the default: the file is empty");
    builder.decide({ span: whole, kind: "ignored", reason: "the file is empty" });
    return builder.finish(problems, options.parties ?? null);
  }
  const tree = format === "json" ? readJsonTree(source) : readYamlTree(source);
  const root = tree.errors.length === 0 ? tree.root : null;
  const choice = chooseScheme(options.schemeConfigured ? options.scheme : null, options.scheme, ...schemeHints(root, lines));
  const scheme = choice.scheme ?? options.scheme;
  const builder = new MatrixBuilder(file, format, source, bom, lines, scheme, choice.reason);
  const kind = format === "json" ? "JSON" : "YAML";

  if (tree.errors.length > 0) {
    for (const e of tree.errors) problems.push({ ruleId: "parse-error", message: e.message, span: span(e.start, e.end) });
    builder.decide({ span: whole, kind: "ignored", reason: `the ${kind} cannot be parsed (${tree.errors.length === 1 ? "1 error" : `${tree.errors.length} errors`})` });
    return builder.finish(problems, options.parties ?? null);
  }
  // Data of another kind (a site config, a package manifest) is not checked against the matrix schema.
  if (!isMap(root) || !MATRIX_KEYS.some((k) => get(root, k) !== undefined)) {
    builder.decide({ span: whole, kind: "ignored", reason: `its top level has none of ${MATRIX_KEYS.join(", ")}: ${MATRIX_SHAPES}` });
    return builder.finish(problems, options.parties ?? null);
  }
  const { errors, data } = validateTree(tree, source, validateMatrix);
  for (const e of errors) {
    const unreadable = e.message.startsWith(UNREADABLE);
    problems.push({ ruleId: unreadable ? "parse-error" : "schema-violation", message: e.message, span: span(e.start, e.end) });
  }
  // A document that cannot even be turned into data (alias bomb) is not read further.
  if (data === undefined) {
    builder.decide({ span: whole, kind: "ignored", reason: `the ${kind} cannot be turned into data` });
    return builder.finish(problems, options.parties ?? null);
  }
  const layouts = readContent(root, data as Record<string, unknown>, tree.aliases, builder, { ...options, scheme }, problems);
  const read = builder.summary(0);
  if (read.activities > 0) {
    const how = [layouts.codes ? "codes per party (`codes:`)" : "", layouts.roles ? "the parties of each role (`R:`, `accountable:`)" : ""].filter(Boolean).join(" and ");
    builder.decide({ span: whole, kind: "matrix", layout: "document", parties: read.parties, groups: read.groups, activities: read.activities, reason: `its activities give ${how}` });
  } else builder.decide({ span: whole, kind: "ignored", reason: problems.length > 0 ? "no activity could be read (see the errors)" : "it lists no activity" });
  return builder.finish(problems, options.parties ?? null);
}

/** What a YAML/JSON document says of its scheme: its title, its metadata's texts, its legend's codes. */
function schemeHints(root: DataNode | null, lines: LineIndex): [SchemeHint[], LegendHint[]] {
  const texts: SchemeHint[] = [];
  const legends: LegendHint[] = [];
  if (!isMap(root)) return [texts, legends];
  const title = stringOf(get(root, "title"));
  if (title !== null) texts.push({ text: title, where: "the title" });
  const metadata = target(get(root, "metadata"));
  if (isMap(metadata)) {
    for (const pair of metadata.pairs) {
      const value = stringOf(pair.value);
      if (isScalar(pair.key) && value !== null) texts.push({ text: value, where: `the metadata's ${scalarText(pair.key.value)}` });
    }
  }
  const legend = target(get(root, "legend"));
  if (legend?.kind === "seq") {
    const codes = legend.items.map((item) => stringOf(get(target(item), "code"))?.toUpperCase() ?? "").filter((c) => c !== "");
    if (codes.length >= 2) legends.push({ codes, where: `the legend at line ${lines.point(legend.start).line}` });
  }
  return [texts, legends];
}

/** One role key of a role-major activity: the code, and each party name written under it. */
interface RoleEntry {
  code: string;
  names: { name: string; span: SourceSpan }[];
}

/**
 * Reads what the document holds in the expected shape, skipping parts the schema rejected. An alias
 * (`*name`) reads as the node its anchor (`&name`) set; what it stands for is placed at the alias,
 * where it is written, and cells read through an alias cannot be fixed in place (the fix would
 * change every use of the anchor). Returns which ways of writing activities it met.
 */
function readContent(root: MapNode, data: Record<string, unknown>, hasAliases: boolean, builder: MatrixBuilder, options: ReadOptions, problems: ReadProblem[]): { codes: boolean; roles: boolean } {
  const lines = builder.lines;
  const scheme = options.scheme;
  const met = { codes: false, roles: false };
  const span = (node: DataNode | null | undefined): SourceSpan => {
    const r = contentRange(node) ?? [0, 0];
    return lines.span(r[0], r[1]);
  };
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
  // Parties listed (a schema error when the list is empty): role-major names must be among them.
  const listed = parties.length > 0;
  const keyToParty = new Map(partyNames.map((n, i) => [nameKey(n), parties[i]!]));
  const ctx = cellContext(lines, scheme, partyNameKeys(partyNames), options.readCell);
  const words = codeWords(scheme);
  const rank = new Map(scheme.codes.map((c, i) => [c.code, i]));
  const roleList = `${scheme.codes.map((c) => c.code).join(", ")} or their names`;

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

  /** The names written under a role key, each where it is written (a plain scalar's names one by one). */
  const namesOf = (value: DataNode | null, at: DataNode | null): { name: string; span: SourceSpan }[] => {
    const node = target(value);
    const items = node?.kind === "seq" ? node.items : [value];
    const out: { name: string; span: SourceSpan }[] = [];
    for (const item of items) {
      const scalar = target(item);
      if (!isScalar(scalar) || typeof scalar.value !== "string") continue;
      const where = at ?? (isAlias(item) ? item : null);
      const range = contentRange(scalar);
      const exact = !where && range !== null && lines.text.slice(range[0], range[1]) === scalar.value;
      for (const part of splitPartyNames(scalar.value)) {
        out.push({ name: part.name, span: exact ? lines.span(range[0] + part.start, range[0] + part.end) : span(written(item, where)) });
      }
    }
    return out;
  };

  /** Reads one list of activities into section `section`. */
  const readActivities = (section: number, activities: DataNode | undefined, sectionNode: DataNode | undefined, sectionAt: DataNode | null) => {
    if (activities?.kind !== "seq") return;
    // Role-major activities name their parties: read those first, so that the section knows them.
    const roleMajor = new Map<DataNode, RoleEntry[]>();
    const named: number[] = [];
    const namedAt = new Map<number, SourceSpan>();
    for (const activityEntry of activities.items) {
      const activityNode = target(activityEntry);
      if (!isMap(activityNode) || get(activityNode, "codes") !== undefined) continue;
      const activityAt = sectionAt ?? (isAlias(activityEntry) ? activityEntry : null);
      const roles: RoleEntry[] = [];
      for (const pair of activityNode.pairs) {
        const keyNode = target(pair.key);
        if (!isScalar(keyNode)) continue;
        const key = scalarText(keyNode.value);
        if (key === "activity") continue;
        const code = roleOfHeader(key, scheme, words);
        if (code === null) {
          problems.push({ ruleId: "schema-violation", message: `"${key}" is neither a role of ${scheme.name} (${roleList}) nor "activity" or "codes"`, span: span(written(pair.key, activityAt)) });
          continue;
        }
        const names = namesOf(pair.value, activityAt);
        roles.push({ code, names });
        for (const { name, span: at } of names) {
          let party = keyToParty.get(nameKey(name));
          if (party === undefined && listed) {
            problems.push({ ruleId: "schema-violation", message: `${key}: "${name}" is not one of the parties (${partyNames.join(", ")})`, span: at });
            continue;
          }
          party ??= builder.party(name, name, at, false);
          if (!namedAt.has(party)) {
            namedAt.set(party, at);
            named.push(party);
          }
        }
      }
      roleMajor.set(activityNode, roles);
    }
    if (listed) builder.useParties(section, parties);
    else
      builder.useParties(
        section,
        named,
        named.map((p) => namedAt.get(p)!),
      );
    const width = (listed ? parties.length : named.length) + 1;
    for (const activityEntry of activities.items) {
      const activityNode = target(activityEntry);
      if (!isMap(activityNode)) continue;
      // An activity written as an alias, or inside an aliased section, is placed at that alias.
      const activityAt = sectionAt ?? (isAlias(activityEntry) ? activityEntry : null);
      const nameEntry = get(activityNode, "activity");
      const nameNode = target(nameEntry);
      if (!isScalar(nameNode) || typeof nameNode.value !== "string") continue;
      const roles = roleMajor.get(activityNode);
      const base = { name: nameNode.value, key: activityKey(nameNode.value), section, group: null, span: span(written(nameEntry, activityAt)), rowSpan: span(activityAt ?? activityNode) };
      if (roles) {
        met.roles = true;
        const cells = builder.emptyCells();
        const byParty = new Map<number, { codes: Set<string>; spans: { code: string; span: SourceSpan; name: string }[] }>();
        for (const { code, names } of roles) {
          for (const { name, span: at } of names) {
            const party = keyToParty.get(nameKey(name)) ?? (listed ? undefined : builder.party(name, name, at, false));
            if (party === undefined) continue;
            let entry = byParty.get(party);
            if (!entry) byParty.set(party, (entry = { codes: new Set(), spans: [] }));
            entry.codes.add(code);
            entry.spans.push({ code, span: at, name });
          }
        }
        for (const [party, entry] of byParty)
          cells[party] = roleCell(
            party,
            [...entry.codes].sort((a, b) => rank.get(a)! - rank.get(b)!),
            entry.spans,
          );
        // Parties not named under a role hold none in the activity: their cells are empty, not missing.
        for (const party of listed ? parties : named) cells[party] ??= emptyRoleCell(party, base.span);
        builder.addActivity({ ...base, cells, cellCount: width, expectedCellCount: width, extraCells: [] });
        continue;
      }
      const codesEntry = get(activityNode, "codes");
      const codesNode = target(codesEntry);
      if (!isMap(codesNode)) continue;
      met.codes = true;
      for (const pair of activityNode.pairs) {
        const keyNode = target(pair.key);
        if (isScalar(keyNode) && keyNode.value !== "activity" && keyNode.value !== "codes") {
          problems.push({
            ruleId: "schema-violation",
            message: `"${scalarText(keyNode.value)}": an activity gives its codes per party (codes:) or its parties per role (R:, A:...), not both`,
            span: span(written(pair.key, activityAt)),
          });
        }
      }
      if (!listed) continue;
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
      builder.addActivity({
        ...base,
        cells,
        cellCount: present + extra.length,
        expectedCellCount: parties.length + 1,
        extraCells: extra,
        ...(unread.length ? { unread } : {}),
      });
    }
  };

  const sections = target(get(root, "sections"));
  const topActivities = target(get(root, "activities"));
  if (sections?.kind === "seq") {
    for (const sectionEntry of sections.items) {
      const sectionNode = target(sectionEntry);
      if (!isMap(sectionNode)) continue;
      const sectionAt = isAlias(sectionEntry) ? sectionEntry : null;
      const titleEntry = get(sectionNode, "title");
      const titleNode = target(titleEntry);
      const sectionTitle = isScalar(titleNode) && typeof titleNode.value === "string" ? titleNode.value : "";
      const section = builder.addSection(sectionTitle, titleNode ? span(written(titleEntry, sectionAt)) : null);
      readActivities(section, target(get(sectionNode, "activities")), sectionNode, sectionAt);
    }
  }
  // A matrix of one list: its activities form one section, titled as the matrix.
  if (topActivities?.kind === "seq") readActivities(builder.addSection(stringOf(get(root, "title")) ?? "", null), topActivities, undefined, null);
  // Codes are keyed by party: without the parties listed they cannot be placed.
  if (met.codes && partyNodes === undefined)
    problems.push({
      ruleId: "schema-violation",
      message: 'document: missing required property "parties": codes are written per party, so the parties must be listed (`parties: [Client, Provider]`)',
      span: lines.span(0, 0),
    });
  return met;
}
