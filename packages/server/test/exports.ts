// What the tests of a list's Excel export share: the downloaded sheet's header and rows as written
// (amounts stay numbers), and every item of the list it must match, read page by page.
import ExcelJS from "exceljs";
import { expect } from "vitest";
import { parseYuan } from "@xiangcai/shared";
import type { ApiClient } from "./http.ts";

/** The first sheet of an export: its header, its rows below it (cells as written), its file name header. */
export async function exportedSheet(client: ApiClient, url: string) {
  const file = await client.download(url);
  expect(file.status, file.bytes.toString("utf8").slice(0, 300)).toBe(200);
  expect(file.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as ExcelJS.CellValue[]).slice(1));
  });
  return { header: (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1), rows, sheet, disposition: String(file.headers["content-disposition"]) };
}

/** Every item of a list, page by page. */
export async function allItems<T>(client: ApiClient, url: string): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const res = await client.get(`${url}${url.includes("?") ? "&" : "?"}page=${page}&pageSize=100`);
    expect(res.status).toBe(200);
    out.push(...res.body.items);
    if (out.length >= res.body.total) return out;
  }
}

/** An amount cell (a number) in fen. */
export const fenOfCell = (n: ExcelJS.CellValue): bigint => parseYuan((n as number).toFixed(2), { allowNegative: true });
