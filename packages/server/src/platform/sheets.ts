// Simple spreadsheets any domain imports and exports (debt, registers, treasury…): reading an uploaded
// .xlsx through the guarded reader (zip checks, row limit) into a header and rows, and writing a
// one-sheet workbook for a list's export, its amount columns as numbers in the money format.
import type { FastifyReply } from "fastify";
import { PAGE_SIZE_MAX } from "@xiangcai/shared";
import { contentDisposition } from "./attachments.ts";
import { inSnapshot, type Db } from "./db.ts";
import { defineErrorCodes, fail } from "./errors.ts";
import { formatMoneyCell, moneyCellValue } from "./excelMoney.ts";
import { cellText, loadWorkbook, refuseSheet } from "./sheetReader.ts";
import { safeCellValue, safeRow, streamedWorkbook } from "./sheetWriter.ts";

export interface ReadSheet {
  header: string[];
  rows: { row: number; cells: string[] }[];
}

/** Columns read per row; anything far right is ignored. */
const COLUMNS_MAX = 64;

/**
 * The first worksheet's header (first non-empty row) and data rows. The zip is checked first (the
 * guarded inspection: no bombs, no old .xls); the workbook is then read whole, which these imports'
 * sizes allow and which does not depend on the order of the parts inside the zip (the streaming reader
 * can meet a sheet before its shared strings and read it blank).
 */
export async function readUploadedSheet(body: unknown, rowsMax: number): Promise<ReadSheet> {
  if (!Buffer.isBuffer(body) || body.length === 0) return fail("VALIDATION_FAILED", "请上传 Excel 文件（.xlsx）。");
  const workbook = await loadWorkbook(body).catch(refuseSheet((message) => fail("VALIDATION_FAILED", message)));
  const sheet = workbook.worksheets[0];
  if (!sheet) return fail("VALIDATION_FAILED", "文件中没有工作表。");
  if (sheet.rowCount > rowsMax + 1) return fail("VALIDATION_FAILED", `表格超过 ${rowsMax} 行的上限，请拆分后再导入。`);
  let header: string[] | null = null;
  const rows: ReadSheet["rows"] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as unknown[];
    const cells: string[] = [];
    for (let i = 1; i < Math.min(values.length, COLUMNS_MAX + 1); i++) cells.push(cellText(values[i]).trim());
    if (cells.every((c) => c === "")) return;
    if (!header) header = cells;
    else rows.push({ row: row.number, cells });
  });
  if (!header) return fail("VALIDATION_FAILED", "表格是空的：第一行应为表头。");
  return { header, rows };
}

const refuseImport = defineErrorCodes({ IMPORT_ROWS_INVALID: 422 });

/** An import with bad rows, refused whole: every bad row named (the first 500), nothing written. `what` names what was not imported. */
export function refuseRows(errors: readonly { row: number; field: string; message: string }[], what = "数据"): never {
  return refuseImport("IMPORT_ROWS_INVALID", `有 ${errors.length} 处错误，未导入任何${what}，请改正后重新导入。`, errors.slice(0, 500).map((e) => ({ path: `${e.row}:${e.field}`, message: e.message })));
}

/** Finds each wanted column by its Chinese header; names the missing ones. */
export function columnsOf<const K extends string>(header: readonly string[], wanted: Record<K, string>): Record<K, number> {
  const out = {} as Record<K, number>;
  const missing: string[] = [];
  for (const [key, label] of Object.entries(wanted) as [K, string][]) {
    const at = header.findIndex((h) => h.trim() === label);
    if (at < 0) missing.push(label);
    out[key] = at;
  }
  if (missing.length) fail("VALIDATION_FAILED", `表头缺少列：${missing.join("、")}。请使用导出的模板。`);
  return out;
}

/** A column of amounts, by its header: 金额（元）, 本金（元）… */
export const isMoneyHeader = (header: string): boolean => header.endsWith("（元）");

/**
 * A workbook with one sheet: header row in bold, then the rows; text stays text (no formulas, made
 * safe), and the columns whose header ends in （元） hold their yuan strings as numbers in the money
 * format (so the spreadsheet sums them; the imports read them back as the same amounts). Written row by
 * row through the streaming writer: an export of 100,000 lines takes seconds, not a minute.
 */
export async function workbookOf(sheetName: string, header: readonly string[], rows: readonly (readonly (string | number)[])[], widths: readonly number[] = []): Promise<Buffer> {
  const money = new Set(header.flatMap((h, i) => (isMoneyHeader(h) ? [i] : [])));
  return streamedWorkbook(
    (workbook) => {
      const sheet = workbook.addWorksheet(sheetName);
      sheet.columns = header.map((_, i) => ({ width: widths[i] ?? 16 }));
      const head = sheet.addRow(safeRow([...header]));
      head.font = { bold: true };
      head.commit();
      for (const r of rows) {
        const row = sheet.addRow(r.map((v, i) => safeCellValue(money.has(i) ? moneyCellValue(v) : v)));
        for (const i of money) formatMoneyCell(row.getCell(i + 1));
        row.commit();
      }
    },
    { useStyles: true },
  );
}

/** The rows a list's export holds at most: a larger one is refused, with the count, never cut short. */
export const EXPORT_ROWS_MAX = 50_000;

/**
 * Every row of a list for its export, read page by page through the list's own query (so the export
 * has the list's filters and data scope), all pages in one snapshot of `db` (rows written meanwhile
 * neither shift a page nor appear twice); refused (EXPORT_TOO_LARGE, nothing written) when the list
 * holds more than `max` rows.
 */
export async function rowsForExport<T>(db: Db, load: (tx: Db, page: { limit: number; offset: number }) => Promise<{ items: T[]; total: number }>, max = EXPORT_ROWS_MAX): Promise<T[]> {
  return inSnapshot(db, async (tx) => {
    const out: T[] = [];
    for (let offset = 0; ; offset += PAGE_SIZE_MAX) {
      const page = await load(tx, { limit: PAGE_SIZE_MAX, offset });
      if (page.total > max) fail("EXPORT_TOO_LARGE", `符合条件的记录有 ${page.total} 条，超过导出上限 ${max} 条，请缩小查询范围（如按年度、单位）后再导出。`);
      out.push(...page.items);
      if (page.items.length < PAGE_SIZE_MAX) return out;
    }
  });
}

/**
 * The rows of an export read in one query of at most `max + 1` rows: refused (EXPORT_TOO_LARGE) when
 * the extra row came back, so an export is never silently cut at its limit.
 */
export function refuseOverLimit<T>(rows: T[], max: number): T[] {
  if (rows.length > max) fail("EXPORT_TOO_LARGE", `符合条件的记录超过导出上限 ${max} 条，请缩小查询范围（如按年度、乡镇、状态）后再导出。`);
  return rows;
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Answers with a workbook to download under its Chinese file name. */
export function sendWorkbook(reply: FastifyReply, fileName: string, bytes: Buffer) {
  return reply.header("content-type", XLSX_TYPE).header("content-disposition", contentDisposition(fileName)).send(bytes);
}
