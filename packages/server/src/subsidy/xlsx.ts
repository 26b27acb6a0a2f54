// Reading spreadsheets safely: an .xlsx file is a zip, so before any parsing its central
// directory is read to refuse what is not a spreadsheet, what is damaged and what would inflate
// into more than the limits (zip bombs). Rows are then streamed (exceljs's streaming reader), so
// memory stays flat however many rows a file has, and a file over the row limit stops early.
import { open, readFile, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";

export type SheetFileProblem = "NOT_SPREADSHEET" | "CORRUPT" | "TOO_LARGE" | "TOO_MANY_ROWS" | "NO_HEADER" | "MISSING_COLUMNS";

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

/** Refuses anything but a sane .xlsx zip, from its first bytes and its central directory only. */
async function inspect(source: RandomAccess, limits: ZipLimits): Promise<void> {
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
    if (name === "xl/workbook.xml") hasWorkbook = true;
    total += uncompressed;
    if (total > limits.uncompressedBytesMax) throw new SheetFileError("TOO_LARGE", "文件解压后过大（疑似压缩炸弹），已拒绝。");
    if (uncompressed > RATIO_CHECK_FROM_BYTES && uncompressed / Math.max(compressed, 1) > limits.ratioMax) {
      throw new SheetFileError("TOO_LARGE", "文件压缩比异常（疑似压缩炸弹），已拒绝。");
    }
    position += 46 + nameLength + extraLength + commentLength;
  }
  if (!hasWorkbook) throw new SheetFileError("NOT_SPREADSHEET", "文件不是 Excel 表格（.xlsx）：压缩包中没有工作簿。");
}

export function inspectXlsxBuffer(buffer: Buffer, limits: ZipLimits = ZIP_LIMITS): Promise<void> {
  return inspect(bufferSource(buffer), limits);
}

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
  // A file named by path (the command line) is read whole too when it is small enough: the streaming
  // reader's blank-sheet race (below) is not only a matter of load.
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
        for (let i = 1; i < Math.min(values.length, COLUMNS_MAX + 1); i++) cells.push(cellText(values[i]).trim());
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
    for (let i = 1; i < Math.min(values.length, COLUMNS_MAX + 1); i++) cells.push(cellText(values[i]).trim());
    rows.push({ row: row.number, cells });
  });
  yield* rows;
}
