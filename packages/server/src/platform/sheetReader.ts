// The one reader of spreadsheets for every import of the server (rosters, the subsidy registry,
// budget lines, catalogues, performance targets, debt schedules, registers, treasury reports, bank
// results). An .xlsx file is a zip, so before any parsing its central directory is read to refuse
// what is not a spreadsheet, what is damaged and what declares more than the limits (zip bombs);
// then every entry is inflated as a stream, its bytes counted and thrown away, and the file is
// refused the moment an entry inflates to more than it declared or all together to more than the
// import limit (XIANGCAI_IMPORT_MAX_INFLATED_BYTES), whatever the headers claim. Only then does
// ExcelJS read it (whole, or its rows streamed for large files). At most XIANGCAI_IMPORTS_MAX reads
// run at once: one more is answered 503 IMPORT_BUSY and changes nothing.
import { open, readFile, stat } from "node:fs/promises";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createInflateRaw } from "node:zlib";
import ExcelJS from "exceljs";
import { CONTROL_CHARACTER_MESSAGE, controlCharacterAt, controlCharacterName } from "@xiangcai/shared";
import { IMPORT_INFLATED_BYTES_DEFAULT, IMPORTS_MAX_DEFAULT } from "./config.ts";
import { DomainError } from "./errors.ts";

export type SheetFileProblem = "NOT_SPREADSHEET" | "CORRUPT" | "TOO_LARGE" | "TOO_MANY_ROWS" | "NO_HEADER" | "MISSING_COLUMNS" | "BAD_CELL";

/** A file that cannot be read as a roster: the reason code is stable, the message is for people. */
export class SheetFileError extends Error {
  constructor(
    readonly reason: SheetFileProblem,
    message: string,
  ) {
    super(message);
    this.name = "SheetFileError";
  }
}

export interface ZipLimits {
  /** Sum of the declared uncompressed sizes of every entry. */
  uncompressedBytesMax: number;
  /** Largest uncompressed/compressed ratio for an entry above 1 MiB. */
  ratioMax: number;
  entriesMax: number;
}

/** Sized for a million-row roster (about 300 MB of sheet XML), and far below a bomb's gigabytes. */
export const ZIP_LIMITS: ZipLimits = { uncompressedBytesMax: 1536 * 1024 * 1024, ratioMax: 250, entriesMax: 2000 };
/** Uploads through the API; the command line reads files of any size from disk. */
export const UPLOAD_BYTES_MAX = 32 * 1024 * 1024;

interface RandomAccess {
  size: number;
  read(position: number, length: number): Promise<Buffer>;
}

function bufferSource(buffer: Buffer): RandomAccess {
  return { size: buffer.length, read: async (position, length) => buffer.subarray(position, position + length) };
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_SEARCH_BYTES = 22 + 65_535;
const CENTRAL_DIRECTORY_BYTES_MAX = 16 * 1024 * 1024;
const RATIO_CHECK_FROM_BYTES = 1024 * 1024;

export interface ImportLimits {
  inflatedBytesMax: number;
  concurrentMax: number;
}

const importLimits: ImportLimits = { inflatedBytesMax: IMPORT_INFLATED_BYTES_DEFAULT, concurrentMax: IMPORTS_MAX_DEFAULT };
let importsRunning = 0;

/** Set from the configuration when the app is built (the limits are the process's, like its memory). */
export function configureImports(limits: ImportLimits): void {
  Object.assign(importLimits, limits);
}

/**
 * Takes one of the process's import slots, or refuses with 503 IMPORT_BUSY when all are taken (the
 * caller has changed nothing yet). The returned function gives the slot back.
 */
export function takeImportSlot(): () => void {
  if (importsRunning >= importLimits.concurrentMax) {
    throw new DomainError("IMPORT_BUSY", `正在处理的导入已达 ${importLimits.concurrentMax} 个的上限，请稍后再试（本次未做任何更改）。`);
  }
  importsRunning++;
  let given = false;
  return () => {
    if (!given) importsRunning--;
    given = true;
  };
}

async function withImportSlot<T>(fn: () => Promise<T>): Promise<T> {
  const release = takeImportSlot();
  try {
    return await fn();
  } finally {
    release();
  }
}

const LOCAL_SIGNATURE = 0x04034b50;
const INFLATE_READ_BYTES = 64 * 1024;

class InflatedTooLarge extends Error {
  constructor(readonly falsified: boolean) {
    super("inflated too large");
  }
}

interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
}

/**
 * Inflates every entry as a stream (nothing kept), counting bytes: an entry that inflates to more
 * than its central directory declares was falsified, and all entries together may not exceed
 * `inflatedBytesMax`. Memory stays at a few chunks however large a bomb would grow.
 */
async function countInflated(source: RandomAccess, entries: ZipEntry[], inflatedBytesMax: number): Promise<void> {
  let total = 0;
  for (const entry of entries) {
    const local = await source.read(entry.localOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new SheetFileError("CORRUPT", "文件已损坏（压缩包条目缺失），请重新保存后再导入。");
    const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (start + entry.compressed > source.size) throw new SheetFileError("CORRUPT", "文件已损坏（压缩包条目越界），请重新保存后再导入。");
    if (entry.method === 0) {
      if (entry.compressed !== entry.uncompressed) throw new SheetFileError("TOO_LARGE", "文件中压缩包条目的大小与声明不符（疑似压缩炸弹），已拒绝。");
      total += entry.compressed;
      if (total > inflatedBytesMax) throw new InflatedTooLarge(false);
      continue;
    }
    if (entry.method !== 8) throw new SheetFileError("NOT_SPREADSHEET", "文件不是 Excel 表格（.xlsx）：压缩方式不受支持。");
    let inflated = 0;
    const chunks = async function* () {
      for (let at = 0; at < entry.compressed; at += INFLATE_READ_BYTES) yield await source.read(start + at, Math.min(INFLATE_READ_BYTES, entry.compressed - at));
    };
    const counter = new Writable({
      write(chunk: Buffer, _encoding, done) {
        inflated += chunk.length;
        total += chunk.length;
        if (inflated > entry.uncompressed) return done(new InflatedTooLarge(true));
        if (total > inflatedBytesMax) return done(new InflatedTooLarge(false));
        done();
      },
    });
    try {
      await pipeline(chunks, createInflateRaw(), counter);
    } catch (error) {
      if (error instanceof InflatedTooLarge) {
        throw new SheetFileError(
          "TOO_LARGE",
          error.falsified ? "文件中压缩包条目解压后超过其声明的大小（疑似压缩炸弹），已拒绝。" : `文件解压后超过 ${Math.floor(inflatedBytesMax / 1024 / 1024)} MB 的上限（疑似压缩炸弹），已拒绝。`,
        );
      }
      throw new SheetFileError("CORRUPT", "文件已损坏（压缩数据无法解开），请重新保存后再导入。");
    }
  }
}

/** Refuses anything but a sane .xlsx zip: its first bytes, its central directory, then its entries inflated and counted. */
async function inspect(source: RandomAccess, limits: ZipLimits, inflatedBytesMax: number): Promise<void> {
  const head = await source.read(0, 8);
  if (head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0) {
    throw new SheetFileError("NOT_SPREADSHEET", "这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再导入。");
  }
  if (head.length < 4 || head.readUInt32LE(0) !== 0x04034b50) {
    throw new SheetFileError("NOT_SPREADSHEET", "文件不是 Excel 表格（.xlsx）。");
  }
  const tailLength = Math.min(source.size, EOCD_SEARCH_BYTES);
  const tail = await source.read(source.size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new SheetFileError("CORRUPT", "文件已损坏（压缩包目录缺失），请重新保存后再导入。");
  const entries = tail.readUInt16LE(eocd + 10);
  const directorySize = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  if (entries === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    throw new SheetFileError("TOO_LARGE", "文件过大（ZIP64 格式），请拆分后再导入。");
  }
  if (entries > limits.entriesMax || directorySize > CENTRAL_DIRECTORY_BYTES_MAX) throw new SheetFileError("TOO_LARGE", "文件结构异常（条目过多），已拒绝。");
  if (directoryOffset + directorySize > source.size) throw new SheetFileError("CORRUPT", "文件已损坏（压缩包目录越界），请重新保存后再导入。");
  const directory = await source.read(directoryOffset, directorySize);
  let position = 0;
  let total = 0;
  let hasWorkbook = false;
  const list: ZipEntry[] = [];
  for (let n = 0; n < entries; n++) {
    if (position + 46 > directory.length || directory.readUInt32LE(position) !== CENTRAL_SIGNATURE) {
      throw new SheetFileError("CORRUPT", "文件已损坏（压缩包目录不完整），请重新保存后再导入。");
    }
    const compressed = directory.readUInt32LE(position + 20);
    const uncompressed = directory.readUInt32LE(position + 24);
    const nameLength = directory.readUInt16LE(position + 28);
    const extraLength = directory.readUInt16LE(position + 30);
    const commentLength = directory.readUInt16LE(position + 32);
    const name = directory.toString("utf8", position + 46, position + 46 + nameLength);
    list.push({ name, method: directory.readUInt16LE(position + 10), compressed, uncompressed, localOffset: directory.readUInt32LE(position + 42) });
    if (name === "xl/workbook.xml") hasWorkbook = true;
    total += uncompressed;
    if (total > limits.uncompressedBytesMax) throw new SheetFileError("TOO_LARGE", "文件解压后过大（疑似压缩炸弹），已拒绝。");
    if (uncompressed > RATIO_CHECK_FROM_BYTES && uncompressed / Math.max(compressed, 1) > limits.ratioMax) {
      throw new SheetFileError("TOO_LARGE", "文件压缩比异常（疑似压缩炸弹），已拒绝。");
    }
    position += 46 + nameLength + extraLength + commentLength;
  }
  if (!hasWorkbook) throw new SheetFileError("NOT_SPREADSHEET", "文件不是 Excel 表格（.xlsx）：压缩包中没有工作簿。");
  await countInflated(source, list, inflatedBytesMax);
}

/** Checks an uploaded file (under an import slot): the zip, then every entry inflated and counted against the import limit. */
export function inspectXlsxBuffer(buffer: Buffer, limits: ZipLimits = ZIP_LIMITS): Promise<void> {
  return withImportSlot(() => inspect(bufferSource(buffer), limits, importLimits.inflatedBytesMax));
}

/**
 * An uploaded workbook read whole, after the inspection, under one import slot. A file that cannot
 * be read throws SheetFileError (the caller words it for its domain); a busy server, IMPORT_BUSY.
 */
export function loadWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  return withImportSlot(async () => {
    await inspect(bufferSource(buffer), ZIP_LIMITS, importLimits.inflatedBytesMax);
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(buffer as never);
    } catch (error) {
      throw new SheetFileError("CORRUPT", `文件已损坏，无法读取（${(error as Error).message.slice(0, 120)}）。`);
    }
    for (const sheet of workbook.worksheets) sheet.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (cell, column) => void checkedCellText(cell.value, row.number, column)));
    return workbook;
  });
}

/** A catch handler for loadWorkbook: a file problem is worded by the domain, anything else (IMPORT_BUSY) passes. */
export function refuseSheet(refuse: (message: string) => never): (error: unknown) => never {
  return (error) => {
    if (error instanceof SheetFileError) return refuse(error.message);
    throw error;
  };
}

/**
 * Checks a file on the server's own disk (the command line's imports, an operator's file of any
 * size): the same checks, with the declared-size limit as the inflated limit.
 */
export async function inspectXlsxFile(path: string, limits: ZipLimits = ZIP_LIMITS): Promise<void> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    await inspect(
      {
        size,
        read: async (position, length) => {
          const buffer = Buffer.alloc(length);
          const { bytesRead } = await handle.read(buffer, 0, length, position);
          return buffer.subarray(0, bytesRead);
        },
      },
      limits,
      limits.uncompressedBytesMax,
    );
  } finally {
    await handle.close();
  }
}

/** The text of a cell as the clerk sees it, whatever exceljs made of it. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return cellText(v.result);
    if ("text" in v) return cellText(v.text);
  }
  return "";
}

/** Excel's own limit of a cell's text: anything longer was not written by a spreadsheet program. */
export const CELL_CHARS_MAX = 32_767;

function columnName(column: number): string {
  let name = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * A cell's text as every import gets it: trimmed, refused (naming the cell) when longer than a cell
 * can be or holding a control character other than tab and line breaks (an .xlsx can carry a NUL
 * as _x0000_). Each domain then applies its fields' own rules (the API's) to the text.
 */
export function checkedCellText(value: unknown, row: number, column: number): string {
  const text = cellText(value).trim();
  if (text.length > CELL_CHARS_MAX) throw new SheetFileError("BAD_CELL", `第 ${row} 行 ${columnName(column)} 列的内容超过 ${CELL_CHARS_MAX} 字，不是正常的表格内容，已拒绝。`);
  const at = controlCharacterAt(text, { multiline: true });
  if (at >= 0) throw new SheetFileError("BAD_CELL", `第 ${row} 行 ${columnName(column)} 列${CONTROL_CHARACTER_MESSAGE}（${controlCharacterName(text, at)}）。`);
  return text;
}

/** A field's rule as the API's zod schema states it (only safeParse is needed). */
interface FieldRule {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: readonly { message: string }[] } };
}

/**
 * The API's own rules (the request schema's fields: lengths, characters) applied to an imported row's
 * text cells, so a sheet cannot store what a form could not: one problem per broken field, named by
 * its column header. Empty cells are left to the import's own "required" checks.
 */
export function rowFieldProblems<F extends string>(rules: Record<F, FieldRule>, values: NoInfer<Partial<Record<F, unknown>>>, headers: NoInfer<Partial<Record<F, string>>>): { field: F; message: string }[] {
  const problems: { field: F; message: string }[] = [];
  for (const field of Object.keys(rules) as F[]) {
    const value = values[field];
    if (typeof value !== "string" || value === "") continue;
    const checked = rules[field]!.safeParse(value);
    if (!checked.success) problems.push({ field, message: `“${headers[field] ?? field}”${value.length > 50 ? `（${value.length} 字）` : ""}不符合要求：${checked.error.issues[0]?.message ?? "无效"}` });
  }
  return problems;
}

/** Columns read per row: a roster has ten; anything far right is ignored rather than held. */
const COLUMNS_MAX = 64;

export interface SheetRow {
  /** The spreadsheet's own row number (1-based). */
  row: number;
  cells: string[];
}

/**
 * Streams the rows of the first worksheet of an inspected .xlsx file or buffer. Stops with
 * TOO_MANY_ROWS as soon as more than `rowsMax` rows have been read.
 */
export async function* streamSheetRows(input: string | Buffer, rowsMax: number): AsyncGenerator<SheetRow> {
  const release = takeImportSlot();
  try {
    yield* sheetRows(input, rowsMax);
  } finally {
    release();
  }
}

async function* sheetRows(input: string | Buffer, rowsMax: number): AsyncGenerator<SheetRow> {
  // A file named by path (the command line) is read whole too when it is small enough: the streaming
  // reader's blank-sheet race (below) is not only a matter of load (CI met it under faketime).
  if (typeof input === "string" && ((await stat(input).catch(() => null))?.size ?? Infinity) <= WHOLE_READ_BYTES_MAX) input = await readFile(input);
  if (typeof input !== "string" && input.length <= WHOLE_READ_BYTES_MAX) {
    yield* wholeSheetRows(input, rowsMax);
    return;
  }
  const stream = typeof input === "string" ? input : Readable.from([input]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream as never, { sharedStrings: "cache", hyperlinks: "ignore", styles: "ignore", worksheets: "emit", entries: "ignore" });
  // ExcelJS's streaming reader reads `model.sheets` when a worksheet comes before xl/workbook.xml in the
  // zip, and the zip order of a written file varies (ExcelJS itself writes its parts concurrently): an
  // empty model until workbook.xml is read keeps such a file readable instead of "corrupt".
  (reader as unknown as { model?: object }).model ??= {};
  let count = 0;
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        if (++count > rowsMax) throw new SheetFileError("TOO_MANY_ROWS", `表格超过 ${rowsMax} 行的上限，请拆分后再导入。`);
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < Math.min(values.length, COLUMNS_MAX + 1); i++) cells.push(checkedCellText(values[i], row.number, i));
        yield { row: row.number, cells };
      }
      return; // The first worksheet only.
    }
  } catch (error) {
    if (error instanceof SheetFileError) throw error;
    throw new SheetFileError("CORRUPT", `文件已损坏，无法读取（${(error as Error).message.slice(0, 120)}）。`);
  }
}

/**
 * Files up to this size are read whole: ExcelJS's streaming reader was seen, under load, to read a
 * worksheet that comes before its shared strings in the zip as blank (表格为空). Larger files stream.
 */
const WHOLE_READ_BYTES_MAX = 8 * 1024 * 1024;

async function* wholeSheetRows(input: Buffer, rowsMax: number): AsyncGenerator<SheetRow> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(input as never);
  } catch (error) {
    throw new SheetFileError("CORRUPT", `文件已损坏，无法读取（${(error as Error).message.slice(0, 120)}）。`);
  }
  const worksheet = workbook.worksheets[0];
  if (!worksheet) return;
  const rows: SheetRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row) => {
    if (rows.length >= rowsMax) throw new SheetFileError("TOO_MANY_ROWS", `表格超过 ${rowsMax} 行的上限，请拆分后再导入。`);
    const values = row.values as unknown[];
    const cells: string[] = [];
    for (let i = 1; i < Math.min(values.length, COLUMNS_MAX + 1); i++) cells.push(checkedCellText(values[i], row.number, i));
    rows.push({ row: row.number, cells });
  });
  yield* rows;
}
