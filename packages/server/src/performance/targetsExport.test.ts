// Proves the target trees' Excel export (performance/targetsXlsx.ts): one row per tree of the list's
// filters and the user's scope — a township's own trees only, the district's of every township side by
// side — with the list's rows to the last one and in its order, kinds and states in Chinese, budgets as
// numbers summing to the list's to the fen, and a bad filter refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatYuan, parseYuan } from "@xiangcai/shared";
import { allItems, exportedSheet, fenOfCell } from "../../test/exports.ts";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { TEST_YEAR } from "../../test/clock.ts";
import { TARGET_EXPORT_HEADER } from "./targetsXlsx.ts";

let t: TestApp;
let budget: ApiClient;
let supervisor: ApiClient;
const col = (name: (typeof TARGET_EXPORT_HEADER)[number]) => TARGET_EXPORT_HEADER.indexOf(name);
type Sheet = { id: string; subjectName: string; fiscalYear: number; issued: string; status: string; subjectKind: string };
const keyOf = (year: unknown, name: unknown) => `${String(year)} ${String(name)}`;

beforeAll(async () => {
  t = await startTestApp("demo");
  budget = await loginAs(t.app, "budget");
  supervisor = await loginAs(t.app, "supervisor");
});
afterAll(async () => t?.close());

describe("the target trees' export (绩效目标清单)", () => {
  it("holds a township's own trees, every one of the list in its order, budgets as numbers summing to the list's", async () => {
    const listed = await allItems<Sheet>(budget, "/performance/sheets");
    expect(listed.length).toBeGreaterThan(2);
    const { header, rows, sheet, disposition } = await exportedSheet(budget, "/performance/sheets/export");
    expect(disposition).toContain(encodeURIComponent("绩效目标清单.xlsx"));
    expect(header).toEqual([...TARGET_EXPORT_HEADER]);
    expect(rows.map((r) => keyOf(r[col("年度")], r[col("名称")]))).toEqual(listed.map((s) => keyOf(s.fiscalYear, s.subjectName)));
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(["青禾镇"]));
    expect(rows.every((r) => ["项目", "部门整体", "重大政策"].includes(String(r[col("类型")])))).toBe(true);
    expect(rows.every((r) => ["草稿", "待财政所审核", "已退回修改", "审核通过"].includes(String(r[col("状态")])))).toBe(true);
    const issued = col("预算数（元）");
    expect(rows.every((r) => typeof r[issued] === "number" && typeof r[col("支付数（元）")] === "number")).toBe(true);
    expect(sheet.getRow(2).getCell(issued + 1).numFmt).toBe("#,##0.00");
    const sum = (fen: bigint[]) => formatYuan(fen.reduce((s, f) => s + f, 0n));
    expect(sum(rows.map((r) => fenOfCell(r[issued]!)))).toBe(sum(listed.map((s) => parseYuan(s.issued))));
  });

  it("applies the list's filters (state, kind, year, search text)", async () => {
    const accepted = await exportedSheet(budget, "/performance/sheets/export?status=accepted");
    expect(accepted.rows.length).toBeGreaterThan(0);
    expect(new Set(accepted.rows.map((r) => r[col("状态")]))).toEqual(new Set(["审核通过"]));
    const units = await exportedSheet(budget, "/performance/sheets/export?subjectKind=unit");
    expect(units.rows.length).toBe((await allItems(budget, "/performance/sheets?subjectKind=unit")).length);
    expect(units.rows.every((r) => r[col("类型")] === "部门整体")).toBe(true);
    expect((await exportedSheet(budget, `/performance/sheets/export?fiscalYear=${TEST_YEAR + 5}`)).rows).toEqual([]);
    const word = (await allItems<Sheet>(budget, "/performance/sheets"))[0]!.subjectName.slice(0, 2);
    const listed = await allItems<Sheet>(budget, `/performance/sheets?q=${encodeURIComponent(word)}`);
    const searched = await exportedSheet(budget, `/performance/sheets/export?q=${encodeURIComponent(word)}`);
    expect(searched.rows.length).toBeGreaterThan(0);
    expect(searched.rows.every((r) => `${String(r[col("名称")])} ${String(r[col("年度总体目标")])}`.includes(word))).toBe(true);
    expect(searched.rows.map((r) => keyOf(r[col("年度")], r[col("名称")]))).toEqual(listed.map((s) => keyOf(s.fiscalYear, s.subjectName)));
    expect((await exportedSheet(budget, `/performance/sheets/export?q=${encodeURIComponent("无此目标")}`)).rows).toEqual([]);
  });

  it("gives the district every township's trees side by side, a township none of another's", async () => {
    const listed = await allItems<Sheet>(supervisor, `/performance/sheets?fiscalYear=${TEST_YEAR}`);
    const { rows } = await exportedSheet(supervisor, `/performance/sheets/export?fiscalYear=${TEST_YEAR}`);
    expect(rows).toHaveLength(listed.length);
    expect(new Set(rows.map((r) => r[0])).size).toBeGreaterThan(1);
    expect(rows.some((r) => r[0] === "白塔镇")).toBe(true);
    expect((await exportedSheet(budget, "/performance/sheets/export?regionCode=329901102")).rows).toEqual([]);
  });

  it("refuses a bad filter with the list's validation error", async () => {
    for (const query of ["status=lost", "subjectKind=all", "budgetUnitId=x", "page=1"]) {
      const bad = await budget.get(`/performance/sheets/export?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.body.code).toBe("VALIDATION_FAILED");
    }
  });
});
