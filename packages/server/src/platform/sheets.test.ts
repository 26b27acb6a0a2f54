// Proves the shared export helpers (platform/sheets.ts): a list's every row read page by page, an
// export over the limit refused rather than cut short (the boundary passes), and a workbook's amount
// columns written as numbers in the money format while other columns stay as written.
import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { PAGE_SIZE_MAX } from "@xiangcai/shared";
import { DomainError } from "./errors.ts";
import type { Db } from "./db.ts";
import { refuseOverLimit, rowsForExport, workbookOf } from "./sheets.ts";

/** A database whose snapshot runs the reads given it (the pages here come from `listOf`). */
const db = { transaction: (read: (tx: unknown) => unknown) => read(null) } as unknown as Db;

/** A list of `total` numbered rows, answered page by page as the services do; counts its queries. */
function listOf(total: number) {
  const calls: { limit: number; offset: number }[] = [];
  const load = async (page: { limit: number; offset: number }) => {
    calls.push(page);
    const items = Array.from({ length: Math.max(0, Math.min(page.limit, total - page.offset)) }, (_, i) => page.offset + i);
    return { items, total };
  };
  return { load, calls };
}

describe("rowsForExport", () => {
  it("reads every row, page by page, in order", async () => {
    for (const total of [0, 1, PAGE_SIZE_MAX - 1, PAGE_SIZE_MAX, PAGE_SIZE_MAX + 1, 3 * PAGE_SIZE_MAX + 7]) {
      const list = listOf(total);
      const rows = await rowsForExport(db, (_tx, page) => list.load(page));
      expect(rows).toEqual(Array.from({ length: total }, (_, i) => i));
      expect(list.calls.length).toBe(Math.floor(total / PAGE_SIZE_MAX) + 1);
    }
  });

  it("takes exactly the limit and refuses one row more, naming the count, before reading on", async () => {
    expect(await rowsForExport(db, (_tx, page) => listOf(250).load(page), 250)).toHaveLength(250);
    const over = listOf(251);
    const refused = await rowsForExport(db, (_tx, page) => over.load(page), 250).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: "EXPORT_TOO_LARGE", message: expect.stringContaining("251 条，超过导出上限 250 条") });
    expect(over.calls).toHaveLength(1);
  });
});

describe("refuseOverLimit", () => {
  it("passes up to the limit and refuses the row past it", () => {
    expect(refuseOverLimit([], 2)).toEqual([]);
    expect(refuseOverLimit([1, 2], 2)).toEqual([1, 2]);
    expect(() => refuseOverLimit([1, 2, 3], 2)).toThrow(expect.objectContaining({ code: "EXPORT_TOO_LARGE", message: expect.stringContaining("超过导出上限 2 条") }));
  });
});

describe("workbookOf", () => {
  it("writes the （元） columns as numbers in the money format and leaves the others as written", async () => {
    const bytes = await workbookOf("清单", ["编号", "金额（元）", "备注", "余额（元）"], [["0001", "1234.50", "=SUM(A1)", "-0.01"], ["0002", "0.00", "", "—"]]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(["0001", 1234.5, "'=SUM(A1)", -0.01]);
    expect((sheet.getRow(3).values as unknown[]).slice(1, 2)).toEqual(["0002"]);
    expect(sheet.getRow(3).getCell(2).value).toBe(0);
    // A dash is no amount: it stays text.
    expect(sheet.getRow(3).getCell(4).value).toBe("—");
    expect(sheet.getRow(2).getCell(2).numFmt).toBe("#,##0.00");
    expect(sheet.getRow(2).getCell(1).numFmt).toBeUndefined();
    expect(sheet.getRow(1).getCell(2).value).toBe("金额（元）");
  });
});
