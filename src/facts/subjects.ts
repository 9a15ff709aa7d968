/**
 * Computes the facts of every subject (cell, code, activity, party, legend entry, matrix) of a matrix.
 * Pure: the same matrix and scheme always give the same subjects, in document order.
 */
import type { Activity, Cell, CodeToken, Matrix, Party } from "../model/matrix.js";
import type { SourceSpan } from "../model/position.js";
import { codeRanks, type RoleScheme } from "../model/scheme.js";
import { plainText } from "../readers/markdown/reader.js";
import { nameKey } from "../readers/cell-codes.js";
import type { Scope } from "./catalog.js";

/** Something a check is evaluated on: its facts, and where and what a finding about it points at. */
export interface Subject {
  scope: Scope;
  facts: Record<string, unknown>;
  /** Where a finding points by default. */
  span: SourceSpan;
  /** Other places a check may point at (`row`, `customer-cell`...). */
  anchors: Record<string, SourceSpan>;
  file: string;
  section: string | null;
  activity: string | null;
  party: string | null;
  /** The cell concerned, for fix producers. */
  cell: Cell | null;
  /** The activity concerned, for fix producers. */
  activityRef: Activity | null;
  /** The matrix concerned (null for corpus subjects). */
  matrix: Matrix | null;
}

/** Who the customer is, as configured or recognised. */
export interface FactOptions {
  scheme: RoleScheme;
}

/** The subjects of one matrix, grouped by scope. */
export type MatrixSubjects = Record<Exclude<Scope, "corpus">, Subject[]>;

/** Codes in canonical order (unknown codes last, in written order). */
function canonical(codes: string[], ranks: Map<string, number>): string[] {
  return [...codes].sort((a, b) => (ranks.get(a) ?? 99) - (ranks.get(b) ?? 99));
}

/** Codes written more than once, once each, in first-seen order. */
function duplicates(codes: string[]): string {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const c of codes) (seen.has(c) ? twice : seen).add(c);
  return [...twice].join("");
}

const roleOf = (p: Party): string => p.role ?? "unknown";

/** Computes every subject of a matrix. */
export function matrixSubjects(matrix: Matrix, options: FactOptions): MatrixSubjects {
  const { scheme } = options;
  const ranks = codeRanks(scheme);
  const A = scheme.accountable;
  const R = scheme.responsible;
  const common = {
    matrixTitle: matrix.title ?? "",
    frontMatter: matrix.frontMatter,
    scheme: scheme.name,
  };
  const customerIndex = matrix.parties.findIndex((p) => p.role === "customer");
  const customer = customerIndex >= 0 ? matrix.parties[customerIndex]! : null;
  const out: MatrixSubjects = { cell: [], code: [], activity: [], party: [], "legend-entry": [], matrix: [] };
  if (matrix.activities.length === 0 && !matrix.legend) return out;

  const partyStats = matrix.parties.map(() => ({ activityCount: 0, codeCounts: {} as Record<string, number> }));
  const firstByKey = new Map<string, { activity: Activity; codes: string }>();
  const usedCodes = new Set<string>();
  const schemeCodes = scheme.codes.map((c) => c.code).join("");

  for (const activity of matrix.activities) {
    const section = matrix.sections[activity.section]!;
    const context = { ...common, section: section.title, activity: plainText(activity.name) };
    const base = { file: matrix.file, section: section.title, activity: context.activity, matrix, activityRef: activity };
    const codeCounts: Record<string, number> = {};
    const accountableParties: string[] = [];
    const responsibleParties: string[] = [];
    const codesByParty: Record<string, string> = {};
    const codesByRole: Record<string, string> = {};
    let codeCount = 0;
    let filled = 0;
    let invalid = 0;

    for (const p of section.parties) {
      const party = matrix.parties[p]!;
      const cell = activity.cells[p] ?? null;
      if (!cell) continue;
      partyStats[p]!.activityCount++;
      const codes = cell.codes;
      const codeString = codes.join("");
      codesByParty[party.name] = codeString;
      const role = roleOf(party);
      codesByRole[role] = (codesByRole[role] ?? "") + codeString;
      const invalidTokens = cell.tokens.filter((t) => !t.valid).length;
      invalid += invalidTokens;
      if (!cell.empty) filled++;
      const distinct = new Set(codes);
      for (const c of distinct) {
        codeCounts[c] = (codeCounts[c] ?? 0) + 1;
        partyStats[p]!.codeCounts[c] = (partyStats[p]!.codeCounts[c] ?? 0) + 1;
        usedCodes.add(c);
      }
      codeCount += codes.length;
      if (distinct.has(A)) accountableParties.push(party.name);
      if (distinct.has(R)) responsibleParties.push(party.name);
      const cellBase = { ...base, party: party.name, cell };
      out.cell.push({
        scope: "cell",
        ...cellBase,
        span: cell.span,
        anchors: {},
        facts: {
          ...context,
          party: party.name,
          partyRole: role,
          codes: codeString,
          canonicalCodes: canonical(codes, ranks).join(""),
          duplicateCodes: duplicates(codes),
          codeCount: codes.length,
          empty: cell.empty,
          lowerCase: cell.style.lowerCase,
          invalidTokenCount: invalidTokens,
          raw: cell.raw,
        },
      });
      for (const token of cell.tokens) out.code.push(tokenSubject(token, cellBase, context, party, schemeCodes));
    }

    const key = activity.key;
    const codesKey = section.parties.map((p) => `${matrix.parties[p]!.name}=${activity.cells[p]?.codes.join("") ?? "-"}`).join(";");
    const first = firstByKey.get(key);
    let duplicateKind = "none";
    if (first && key !== "") {
      const firstSection = first.activity.section;
      duplicateKind = firstSection === activity.section ? "same-section" : first.codes === codesKey ? "other-section-same-codes" : "other-section-different-codes";
    } else if (key !== "") firstByKey.set(key, { activity, codes: codesKey });

    const customerCell = customer && section.parties.includes(customerIndex) ? activity.cells[customerIndex] ?? null : null;
    const anchors: Record<string, SourceSpan> = { row: activity.rowSpan };
    if (customerCell) anchors["customer-cell"] = customerCell.span;
    out.activity.push({
      scope: "activity",
      ...base,
      party: null,
      cell: null,
      span: activity.span,
      anchors,
      facts: {
        ...context,
        codeCounts,
        accountableCode: A,
        responsibleCode: R,
        accountableCount: accountableParties.length,
        responsibleCount: responsibleParties.length,
        accountableParties,
        responsibleParties,
        codeCount,
        filledCellCount: filled,
        invalidTokenCount: invalid,
        codesByParty,
        codesByRole,
        hasCustomer: customer !== null && section.parties.includes(customerIndex),
        customer: customer?.name ?? "",
        customerCodes: customerCell?.codes.join("") ?? "",
        customerCellPresent: customerCell !== null,
        cellCount: activity.cellCount,
        expectedCellCount: activity.expectedCellCount,
        duplicateKind,
        duplicateOfLine: duplicateKind === "none" ? 0 : first!.activity.span.start.line,
        duplicateOfSection: duplicateKind === "none" ? "" : matrix.sections[first!.activity.section]!.title,
      },
    });
  }

  matrix.parties.forEach((party, p) => {
    const stats = partyStats[p]!;
    if (stats.activityCount === 0) return;
    out.party.push({
      scope: "party",
      file: matrix.file,
      section: null,
      activity: null,
      party: party.name,
      cell: null,
      activityRef: null,
      matrix,
      span: party.span,
      anchors: {},
      facts: {
        ...common,
        party: party.name,
        partyRole: roleOf(party),
        activityCount: stats.activityCount,
        responsibleCount: stats.codeCounts[R] ?? 0,
        accountableCount: stats.codeCounts[A] ?? 0,
        codeCounts: stats.codeCounts,
        accountableCode: A,
        responsibleCode: R,
      },
    });
  });

  const defined = new Set(matrix.legend?.entries.map((e) => e.code) ?? []);
  for (const entry of matrix.legend?.entries ?? []) {
    out["legend-entry"].push({
      scope: "legend-entry",
      file: matrix.file,
      section: null,
      activity: null,
      party: null,
      cell: null,
      activityRef: null,
      matrix,
      span: entry.markSpan,
      anchors: { entry: entry.span },
      facts: {
        ...common,
        code: entry.code,
        term: entry.term,
        description: entry.description,
        markedLetter: entry.markedLetter ?? "",
        termCode: termCode(entry.term, scheme),
        codeInScheme: ranks.has(entry.code),
      },
    });
  }

  if (matrix.activities.length > 0) {
    const undefinedCodes = matrix.legend ? canonical([...usedCodes].filter((c) => !defined.has(c)), ranks) : [];
    out.matrix.push({
      scope: "matrix",
      file: matrix.file,
      section: null,
      activity: null,
      party: null,
      cell: null,
      activityRef: null,
      matrix,
      span: matrix.legend?.span ?? matrix.titleSpan ?? matrix.activities[0]!.span,
      anchors: {},
      facts: {
        ...common,
        hasLegend: matrix.legend !== null,
        undefinedCodes,
        undefinedCodeCount: undefinedCodes.length,
        activityCount: matrix.activities.length,
        partyCount: matrix.parties.length,
        hasCustomer: customer !== null,
      },
    });
  }
  return out;
}

/** The subject of one token of a cell. */
function tokenSubject(
  token: CodeToken,
  cellBase: Omit<Subject, "scope" | "facts" | "span" | "anchors">,
  context: Record<string, unknown>,
  party: Party,
  schemeCodes: string,
): Subject {
  return {
    scope: "code",
    ...cellBase,
    span: token.span,
    anchors: {},
    facts: {
      ...context,
      party: party.name,
      partyRole: roleOf(party),
      kind: token.kind,
      value: token.value,
      raw: token.raw,
      valid: token.valid,
      schemeCodes,
    },
  };
}

/** The scheme code whose names (in any language) include `term`, or "". */
function termCode(term: string, scheme: RoleScheme): string {
  const key = nameKey(term);
  if (key === "") return "";
  for (const code of scheme.codes) {
    for (const names of Object.values(code.names)) {
      if (names.some((n) => nameKey(n) === key)) return code.code;
    }
  }
  return "";
}
