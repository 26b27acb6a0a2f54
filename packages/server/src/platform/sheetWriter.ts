// The one writer of files people open in a spreadsheet (issue 15, finding 3): every Excel export,
// bank file and CSV of the server goes out through here, and every text cell a spreadsheet would run
// as a formula (= + - @, tab or carriage return first) gets a leading apostrophe, per OWASP's CSV
// injection guidance. Numbers stay numbers: an amount of -12.50 is written as it is.
import ExcelJS from "exceljs";
import { PassThrough } from "node:stream";
import { formatCsv, neutraliseFormula } from "@xiangcai/shared";

/** A cell value made safe: formula-like text gets its apostrophe (rich text: its first run); anything else is kept. */
export function safeCellValue<T>(value: T): T {
  if (typeof value === "string") return neutraliseFormula(value) as T;
  if (value !== null && typeof value === "object" && "richText" in value && Array.isArray(value.richText) && value.richText.length > 0) {
    const [first, ...rest] = value.richText as { text: string }[];
    return { ...value, richText: [{ ...first, text: neutraliseFormula(first!.text) }, ...rest] } as T;
  }
  return value;
}

/** A row for a streaming worksheet (the bank files of a million lines), made safe cell by cell. */
export function safeRow<T>(values: readonly T[]): T[] {
  return values.map((v) => safeCellValue(v));
}

/** The bytes of a workbook, every text cell of every sheet made safe first. */
export async function workbookBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  for (const sheet of workbook.worksheets) {
    sheet.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        // A merged cell's slaves show the master's value and cannot be written.
        if (cell.isMerged && cell.master !== cell) return;
        const safe = safeCellValue(cell.value);
        if (safe !== cell.value) cell.value = safe;
      }),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The bytes of a workbook written row by row through ExcelJS's streaming writer (several times faster
 * than building the workbook in memory, and light on memory): `write` adds the sheets and their rows,
 * each row made safe by the caller (safeRow) and committed; the workbook commits what is left.
 */
export async function streamedWorkbook(write: (workbook: ExcelJS.stream.xlsx.WorkbookWriter) => void | Promise<void>, options: { useStyles: boolean }): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on("end", resolve);
    sink.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: options.useStyles, useSharedStrings: false });
  await write(workbook);
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}

/** CSV text (CRLF, optional byte-order mark) with every formula-like field made safe. */
export function csvText(records: readonly (readonly string[])[], options: { bom?: boolean } = {}): string {
  return formatCsv(records, { bom: options.bom ?? false, guardFormulas: true });
}
