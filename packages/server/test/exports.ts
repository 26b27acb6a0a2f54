// What the tests of a list's Excel export share: the downloaded sheet's header and rows as written
// (amounts stay numbers), and every item of the list it must match, read page by page.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect } from "vitest";
import { formatYuan, parseYuan } from "@xiangcai/shared";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "./http.ts";

/**
 * The demo app of a test file and its users by name (budget: 青禾镇's budget accountant; supervisor:
 * the district's, every township), logged in before the file's tests; the app is closed after them.
 */
export function demoUsers<const N extends string>(...names: N[]): Record<N, ApiClient> {
  const users = {} as Record<N, ApiClient>;
  let t: TestApp | undefined;
  beforeAll(async () => {
    t = await startTestApp("demo");
    for (const name of names) users[name] = await loginAs(t.app, name);
  });
  afterAll(async () => t?.close());
  return users;
}

/**
 * The first sheet of an export: its header, its rows below it (cells as written; a blank cell, which
 * the streaming writer leaves out, reads as ""), its file name header.
 */
export async function exportedSheet(client: ApiClient, url: string) {
  const file = await client.download(url);
  expect(file.status, file.bytes.toString("utf8").slice(0, 300)).toBe(200);
  expect(file.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1);
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow((row, n) => {
    const values = row.values as ExcelJS.CellValue[];
    if (n > 1) rows.push(Array.from({ length: Math.max(header.length, values.length - 1) }, (_, i) => values[i + 1] ?? ""));
  });
  return { header, rows, sheet, disposition: String(file.headers["content-disposition"]) };
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

/** A total of amounts in fen, written as the lists write amounts ("1234.50"). */
export const yuanTotal = (fen: readonly bigint[]): string => formatYuan(fen.reduce((s, f) => s + f, 0n));

/** Each URL is refused with 400 VALIDATION_FAILED and no file: a bad filter, or paging on an export. */
export async function expectRefused(client: ApiClient, urls: readonly string[]): Promise<void> {
  for (const url of urls) {
    const res = await client.get(url);
    expect(res.status, url).toBe(400);
    expect(res.body.code, url).toBe("VALIDATION_FAILED");
  }
}
