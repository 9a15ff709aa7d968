import { describe, expect, it } from "vitest";
import { cellContext, readCell } from "../../src/readers/cell-codes.js";
import { partyNameKeys } from "../../src/readers/parties.js";
import { LineIndex } from "../../src/model/position.js";
import { RACI } from "../../src/model/scheme.js";

/** Parses `raw` as if it were the whole source, at offset 0. */
function cell(raw: string) {
  const ctx = cellContext(new LineIndex(raw), RACI, partyNameKeys(["Client Role", "Cloud Temple Role"]));
  const c = readCell(raw, 0, 0, ctx, null);
  return { codes: c.codes.join(""), empty: c.empty, style: c.style, tokens: c.tokens.map((t) => `${t.kind}:${t.raw}${t.valid ? "" : "!"}`), body: raw.slice(c.style.bodyStart, c.style.bodyEnd) };
}

describe("readCell", () => {
  it.each([
    ["__RA__", "RA", "__", "", "RA"],
    ["**RA**", "RA", "**", "", "RA"],
    ["RA", "RA", "", "", "RA"],
    ["R, A", "RA", "", ", ", "R, A"],
    ["R,A", "RA", "", ",", "R,A"],
    ["A/R", "AR", "", "/", "A/R"],
    ["RA*", "RA", "", "", "RA"],
    ["I*", "I", "", "", "I"],
    ["**RA***", "RA", "**", "", "RA"],
    ["__CI__¹", "CI", "__", "", "CI"],
    ["ra", "RA", "", "", "ra"],
    ["`R`", "R", "`", "", "R"],
  ])("reads %j as codes %s", (raw, codes, wrapper, separator, body) => {
    const c = cell(raw);
    expect(c.codes).toBe(codes);
    expect(c.style.wrapper).toBe(wrapper);
    expect(c.style.separator).toBe(separator);
    expect(c.body).toBe(body);
    expect(c.empty).toBe(false);
  });

  it("keeps footnote markers out of the codes but remembers them", () => {
    expect(cell("RA*").style.marker).toBe("*");
    expect(cell("__RA__¹").style.marker).toBe("¹");
  });

  it.each(["", "-", "—", "****"])("treats %j as an empty cell", (raw) => {
    const c = cell(raw);
    expect(c.empty).toBe(true);
    expect(c.tokens).toEqual([]);
  });

  it("reports letters outside the scheme as invalid codes at their position", () => {
    expect(cell("X").tokens).toEqual(["code:X!"]);
    expect(cell("R, S").tokens).toEqual(["code:R", "code:S!"]);
  });

  it("recognises N/A, party names and other words", () => {
    expect(cell("N/A").tokens).toEqual(["not-applicable:N/A!"]);
    expect(cell("**Kunde**").tokens).toEqual(["party-name:Kunde!"]);
    expect(cell("**Cloud Temple**").tokens).toEqual(["party-name:Cloud Temple!"]);
    expect(cell("?").tokens).toEqual(["text:?!"]);
    expect(cell("✅").tokens).toEqual(["text:✅!"]);
    expect(cell("24 Go").tokens).toEqual(["text:24 Go!"]);
  });

  it("lower-case words are text, lower-case code letters are codes", () => {
    expect(cell("yes").tokens).toEqual(["text:yes!"]);
    expect(cell("ri").style.lowerCase).toBe(true);
  });
});

describe("readCell lists", () => {
  it("keeps N/A whole inside a list of codes", () => {
    expect(cell("R, N/A").tokens).toEqual(["code:R", "not-applicable:N/A!"]);
    expect(cell("R, N/A").codes).toBe("R");
  });
  it("takes the first separator as the cell's style", () => {
    expect(cell("C / R").style.separator).toBe(" / ");
    expect(cell("R + A").style.separator).toBe(" + ");
  });
});

describe("readCell per-code emphasis and GFM footnotes", () => {
  it("reads emphasis around each code", () => {
    expect(cell("**R**, **A**").codes).toBe("RA");
    expect(cell("__R__/__A__").codes).toBe("RA");
    expect(cell("`R`, `A`").tokens).toEqual(["code:R", "code:A"]);
  });
  it("keeps a GFM footnote reference out of the codes", () => {
    expect(cell("RA[^1]").codes).toBe("RA");
    expect(cell("RA[^note]").style.marker).toBe("[^note]");
  });
});

describe("codes written as words", () => {
  it.each([
    ["Responsible, Accountable", "RA", ", ", ["code:Responsible", "code:Accountable"]],
    ["Accountable/Responsible", "AR", "/", ["code:Accountable", "code:Responsible"]],
    ["Informé", "I", "", ["code:Informé"]],
    ["consulted", "C", "", ["code:consulted"]],
    ["Führt aus", "R", "", ["code:Führt aus"]],
    ["Verantwortlich (A)", "A", "", ["code:Verantwortlich (A)"]],
    ["__Responsible__ ; Informed", "RI", " ; ", ["code:Responsible", "code:Informed"]],
    ["Informed*", "I", "", ["code:Informed"]],
  ])("reads %j as codes %s", (raw, codes, separator, tokens) => {
    const c = cell(raw);
    expect(c.codes).toBe(codes);
    expect(c.style.words).toBe(true);
    expect(c.style.separator).toBe(separator);
    expect(c.tokens).toEqual(tokens);
  });

  it("places each word's token at the word", () => {
    const ctx = cellContext(new LineIndex("x"), RACI, partyNameKeys(["Client"]));
    const c = readCell("Consulted / Informed", 40, 0, ctx, null, { start: { line: 3, column: 20, offset: 40 }, end: { line: 3, column: 40, offset: 60 } });
    expect(c.tokens.map((t) => `${t.raw}@${t.span.start.column}-${t.span.end.column}`)).toEqual(["Consulted@20-29", "Informed@32-40"]);
  });

  it.each([
    ["Responsible (lead)", "R", ["code:Responsible"]],
    ["**R** (facilitates)", "R", ["code:R"]],
    ["R, Accountable", "RA", ["code:R", "code:Accountable"]],
    ["Responsible and Accountable", "RA", ["code:Responsible", "code:Accountable"]],
  ])("reads %j as codes %s, a comment or connector aside", (raw, codes, tokens) => {
    const c = cell(raw);
    expect(c.codes).toBe(codes);
    expect(c.tokens).toEqual(tokens);
  });

  it.each([
    ["R1, A, C", "RAC", ["code:R1", "code:A", "code:C"]],
    ["R2", "R", ["code:R2"]],
    ["R, A?", "R", ["code:R", "text:A?!"]],
    ["A, TBD", "A", ["code:A", "text:TBD!"]],
    ["RA X", "RA", ["code:R", "code:A", "code:X!"]],
    ["RX", "R", ["code:R", "code:X!"]],
    ["CSI", "CI", ["code:C", "code:S!", "code:I"]],
  ])("reads %j token by token: known codes %s count, others are reported on their own", (raw, codes, tokens) => {
    const c = cell(raw);
    expect(c.codes).toBe(codes);
    expect(c.tokens).toEqual(tokens);
  });

  // An abbreviation is text, even with a code letter in it (`EUR` holds R): most of its letters are no codes.
  it.each(["Yes", "Approved by the board", "24 GB", "TBD", "OK", "EUR", "10 EUR", "SRE"])("leaves %j as text", (raw) => {
    const c = cell(raw);
    expect(c.codes).toBe("");
    expect(c.style.words).toBe(false);
    expect(c.tokens).toEqual([`text:${raw}!`]);
  });
});
