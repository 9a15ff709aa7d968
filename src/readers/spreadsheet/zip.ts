/**
 * What raci-lint checks of an XLSX file before exceljs reads it, so that a bad file costs bounded
 * time and memory: that it is a zip (a password-protected workbook is an OLE compound file, an old
 * .xls too), that its central directory is sound and its entries, inflated here with a cap on each
 * one's output, expand to what the directory says and to no more than `ZIP_LIMITS.uncompressed` in
 * all; then each worksheet is cut to `ZIP_LIMITS.rows` rows and the workbook to `ZIP_LIMITS.cells`
 * cells (a cut workbook is zipped anew, stored, by fflate, for exceljs). Numbers: docs/formats.md.
 *
 * The directory is read here and each entry inflated by Node's zlib, whose `maxOutputLength` stops
 * an entry at its cap. fflate cannot unzip within bounds: its `unzipSync` inflates an entry whole
 * into a buffer of the size its directory gives (an entry that lies costs all the time it expands
 * to, and the excess is dropped unseen), and its streaming `Unzip` finds entries by signatures,
 * which it misreads in the data of entries written with data descriptors (fflate issues 208, 243).
 */
import { inflateRawSync } from "node:zlib";

/** The bounds of what is read of a workbook (docs/formats.md, "Spreadsheets: bounds"). */
export const ZIP_LIMITS = {
  /** The file itself. */
  fileBytes: 100 * 1024 * 1024,
  /** Entries in the zip. */
  entries: 10_000,
  /** All entries, inflated. */
  uncompressed: 256 * 1024 * 1024,
  /** Rows read per worksheet. */
  rows: 100_000,
  /** Cells read in the whole workbook. */
  cells: 2_000_000,
} as const;

/** One entry of the zip, inflated. */
export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** Why a file cannot be read as a workbook: said to the user as is. */
export class WorkbookError extends Error {}

/** A worksheet cut to the bounds: its name, the rows it had and the rows kept. */
export interface CutSheet {
  sheet: string;
  rows: number;
  kept: number;
  reason: "rows" | "cells";
}

/** The checked workbook: the bytes for exceljs (the file's own, or zipped anew when a sheet was cut) and the sheets cut. */
export interface CheckedWorkbook {
  bytes: Uint8Array;
  cut: CutSheet[];
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Whether `bytes` hold `text` as UTF-16LE (how an OLE compound file names its streams). */
function holdsUtf16(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(text, "utf16le"));
}

/** Reads the central directory and inflates every entry within the bounds; throws `WorkbookError`. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length > ZIP_LIMITS.fileBytes) throw new WorkbookError(`The file is ${mb(buf.length)}; raci-lint reads workbooks of at most ${mb(ZIP_LIMITS.fileBytes)}.`);
  if (OLE_MAGIC.every((b, i) => buf[i] === b)) {
    throw new WorkbookError(
      holdsUtf16(buf, "EncryptionInfo")
        ? "The workbook is password-protected (encrypted): raci-lint cannot read it. Save a copy without a password."
        : "The file is an Excel 97-2003 workbook (.xls) or another OLE document, not an XLSX workbook. Save it as .xlsx.",
    );
  }
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw new WorkbookError("The file is not an XLSX workbook: it is not a zip archive.");
  // The end of central directory record: within the last 64 KiB (its comment) + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new WorkbookError("The file is not an XLSX workbook: its zip directory is missing (a truncated or damaged file).");
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new WorkbookError("The workbook is a ZIP64 archive: raci-lint reads workbooks of at most 65,535 entries and 4 GiB.");
  if (count > ZIP_LIMITS.entries) throw new WorkbookError(`The workbook's zip has ${count} entries; raci-lint reads at most ${ZIP_LIMITS.entries}.`);
  if (offset + size > eocd) throw new WorkbookError("The workbook's zip directory points outside the file (a damaged file).");
  const entries: ZipEntry[] = [];
  let total = 0;
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > eocd || buf.readUInt32LE(at) !== 0x02014b50) throw new WorkbookError("The workbook's zip directory is damaged.");
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const uncompressed = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString("utf8", at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (flags & 1) throw new WorkbookError("The workbook's zip is encrypted: raci-lint cannot read it. Save a copy without a password.");
    total += uncompressed;
    if (uncompressed === 0xffffffff || total > ZIP_LIMITS.uncompressed) {
      throw new WorkbookError(`The workbook's entries expand to more than ${mb(ZIP_LIMITS.uncompressed)} (a zip bomb, or a workbook too large): it is not read.`);
    }
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw new WorkbookError(`The workbook's zip entry ${name} is damaged.`);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (dataStart + compressed > buf.length) throw new WorkbookError(`The workbook's zip entry ${name} is truncated.`);
    const raw = buf.subarray(dataStart, dataStart + compressed);
    let data: Buffer;
    if (method === 0) data = raw;
    else if (method === 8) {
      try {
        // The cap makes a lying directory harmless: inflating stops one byte past what it declared.
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, uncompressed) });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError)
          throw new WorkbookError(`The workbook's zip entry ${name} expands beyond the size its directory gives (a zip bomb): it is not read.`);
        throw new WorkbookError(`The workbook's zip entry ${name} cannot be inflated: ${(error as Error).message}.`);
      }
    } else throw new WorkbookError(`The workbook's zip entry ${name} uses compression method ${method}, which XLSX files do not use.`);
    if (data.length !== uncompressed) throw new WorkbookError(`The workbook's zip entry ${name} is ${data.length} bytes where its directory says ${uncompressed} (a damaged file).`);
    entries.push({ name, data });
  }
  return entries;
}

/** A size in MiB for messages. */
function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}

/**
 * Where a worksheet's XML must be cut to keep at most `maxRows` rows and `cellBudget` cells (-1: it
 * need not be), how many rows it has and keeps, and the cells kept.
 */
function cutPoint(xml: string, maxRows: number, cellBudget: number): { rows: number; kept: number; cells: number; end: number; reason: "rows" | "cells" } {
  let rows = 0;
  let kept = 0;
  let cells = 0;
  let end = -1;
  let reason: "rows" | "cells" = "rows";
  let at = xml.indexOf("<sheetData");
  while (at >= 0) {
    const start = xml.indexOf("<row", at);
    if (start < 0) break;
    const next = xml.charCodeAt(start + 4);
    // `<rowBreaks>` and the like are other elements.
    if (next !== 32 && next !== 62 && next !== 47 && next !== 9 && next !== 10 && next !== 13) {
      at = start + 4;
      continue;
    }
    const tagEnd = xml.indexOf(">", start);
    if (tagEnd < 0) break;
    const close = xml.charCodeAt(tagEnd - 1) === 47 ? tagEnd + 1 : xml.indexOf("</row>", tagEnd);
    if (close < 0) break;
    const rowEnd = xml.charCodeAt(tagEnd - 1) === 47 ? close : close + 6;
    let rowCells = 0;
    for (let c = xml.indexOf("<c", tagEnd); c >= 0 && c < rowEnd; c = xml.indexOf("<c", c + 2)) {
      const ch = xml.charCodeAt(c + 2);
      if (ch === 32 || ch === 62 || ch === 47) rowCells++;
    }
    rows++;
    if (end < 0) {
      if (rows <= maxRows && cells + rowCells <= cellBudget) {
        cells += rowCells;
        kept = rows;
      } else {
        end = start;
        reason = rows > maxRows ? "rows" : "cells";
      }
    }
    at = rowEnd;
  }
  return { rows, kept, cells, end, reason };
}

/**
 * Checks a workbook (see the module comment) and cuts its worksheets to the bounds. Rejects with
 * `WorkbookError` for a file that is not read at all.
 */
export async function checkWorkbook(bytes: Uint8Array): Promise<CheckedWorkbook> {
  const entries = readZip(bytes);
  const cut: CutSheet[] = [];
  let budget: number = ZIP_LIMITS.cells;
  const names = sheetNames(entries);
  const sheets = entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/u.test(e.name)).sort((a, b) => sheetNumber(a.name) - sheetNumber(b.name));
  for (const entry of sheets) {
    const xml = entry.data.toString("utf8");
    const counted = cutPoint(xml, ZIP_LIMITS.rows, budget);
    budget -= counted.cells;
    if (counted.end < 0) continue;
    // Everything after the kept rows goes (merges, hyperlinks of the rows cut...): the sheet ends there.
    entry.data = Buffer.from(`${xml.slice(0, counted.end)}</sheetData></worksheet>`, "utf8");
    cut.push({ sheet: names.get(entry.name) ?? entry.name, rows: counted.rows, kept: counted.kept, reason: counted.reason });
  }
  return { bytes: cut.length === 0 ? bytes : await storedZip(entries), cut };
}

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** An XML attribute's value, its entities decoded. */
function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`, "u").exec(tag);
  if (!match) return null;
  return match[1]!.replace(/&(#x[0-9a-f]+|#\d+|\w+);/giu, (all, entity: string) =>
    entity.startsWith("#x") || entity.startsWith("#X")
      ? String.fromCodePoint(parseInt(entity.slice(2), 16))
      : entity.startsWith("#")
        ? String.fromCodePoint(Number(entity.slice(1)))
        : (XML_ENTITIES[entity] ?? all),
  );
}

/** The sheets' names by their entry (`xl/worksheets/sheet1.xml` -> `Matrix`), from the workbook and its relationships. */
function sheetNames(entries: readonly ZipEntry[]): Map<string, string> {
  const text = (name: string) => entries.find((e) => e.name === name)?.data.toString("utf8") ?? "";
  const targets = new Map<string, string>();
  for (const tag of text("xl/_rels/workbook.xml.rels").match(/<Relationship\s[^>]*>/gu) ?? []) {
    const id = attribute(tag, "Id");
    const target = attribute(tag, "Target");
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const names = new Map<string, string>();
  for (const tag of text("xl/workbook.xml").match(/<sheet\s[^>]*>/gu) ?? []) {
    const name = attribute(tag, "name");
    const target = targets.get(attribute(tag, "r:id") ?? "");
    if (name !== null && target) names.set(target, name);
  }
  return names;
}

/** The number in `xl/worksheets/sheet12.xml` (sheets are read in that order). */
function sheetNumber(name: string): number {
  return Number(/(\d+)\.xml$/u.exec(name)?.[1] ?? 0);
}

/** A fixed date for the zip's entries (the DOS epoch), so that a cut workbook's bytes depend on the workbook alone. */
const ZIP_TIME = new Date(1980, 0, 1);

/**
 * A zip of the entries, stored (not compressed): what exceljs reads of a workbook whose sheets were
 * cut. fflate makes it, loaded then (in the command's bundle too): no other run pays for it.
 */
async function storedZip(entries: readonly ZipEntry[]): Promise<Uint8Array> {
  const { zipSync } = await import("fflate");
  return zipSync(Object.fromEntries(entries.map((entry) => [entry.name, entry.data])), { level: 0, mtime: ZIP_TIME });
}
