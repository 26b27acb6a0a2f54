// Proves the 预算指标台账 export (budget/indicatorsXlsx.ts): the list's indicators of the filters and
// the user's scope — a township's own, the district's of every township side by side — every one of
// them, codes named from the year's catalogue, balances as numbers summing to the list's to the fen.
import { describe, expect, it } from "vitest";
import { parseYuan } from "@xiangcai/shared";
import { allItems, demoUsers, exportedSheet, fenOfCell, yuanTotal } from "../../test/exports.ts";
import { TEST_YEAR } from "../../test/clock.ts";
import { INDICATOR_EXPORT_HEADER } from "./indicatorsXlsx.ts";

const users = demoUsers("budget", "supervisor");

const column = (name: (typeof INDICATOR_EXPORT_HEADER)[number]) => INDICATOR_EXPORT_HEADER.indexOf(name);

describe("the indicators' export (预算指标台账)", () => {
  it("holds every indicator of the township's list, codes with their names, balances summing to the list's", async () => {
    const listed = await allItems<{ documentNo: string; issued: string; available: string; functionalCode: string }>(users.budget, `/budget/indicators?fiscalYear=${TEST_YEAR}`);
    expect(listed.length).toBeGreaterThan(5);
    const { header, rows, disposition } = await exportedSheet(users.budget, `/budget/indicators/export?fiscalYear=${TEST_YEAR}`);
    expect(disposition).toContain(encodeURIComponent("预算指标台账.xlsx"));
    expect(header).toEqual([...INDICATOR_EXPORT_HEADER]);
    expect(rows).toHaveLength(listed.length);
    expect(rows.map((r) => r[column("指标文号")]).sort()).toEqual(listed.map((i) => i.documentNo).sort());
    expect(new Set(rows.map((r) => r[column("乡镇")]))).toEqual(new Set(["青禾镇"]));
    // "2010301 行政运行": the code, then its name from the year's catalogue.
    expect(rows.every((r) => /^\d{3,7} \S+/.test(String(r[column("功能分类")])) && /^\d{3,5} \S+/.test(String(r[column("经济分类")])))).toBe(true);
    for (const name of ["指标数（元）", "可用（元）"] as const) {
      expect(rows.every((r) => typeof r[column(name)] === "number")).toBe(true);
    }
    expect(yuanTotal(rows.map((r) => fenOfCell(r[column("指标数（元）")]!)))).toBe(yuanTotal(listed.map((i) => parseYuan(i.issued))));
    expect(yuanTotal(rows.map((r) => fenOfCell(r[column("可用（元）")]!)))).toBe(yuanTotal(listed.map((i) => parseYuan(i.available))));
  });

  it("applies the list's filters and refuses a bad one", async () => {
    const authorised = await exportedSheet(users.budget, `/budget/indicators/export?fiscalYear=${TEST_YEAR}&paymentMethod=authorised`);
    const listed = await allItems<{ documentNo: string }>(users.budget, `/budget/indicators?fiscalYear=${TEST_YEAR}&paymentMethod=authorised`);
    expect(authorised.rows).toHaveLength(listed.length);
    expect(new Set(authorised.rows.map((r) => r[column("支付方式")]))).toEqual(listed.length ? new Set(["授权支付"]) : new Set());
    expect((await exportedSheet(users.budget, `/budget/indicators/export?fiscalYear=${TEST_YEAR + 9}`)).rows).toEqual([]);
    expect((await exportedSheet(users.budget, "/budget/indicators/export?regionCode=329901102")).rows).toEqual([]);
    const bad = await users.budget.get("/budget/indicators/export?availableMin=abc");
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("VALIDATION_FAILED");
  });

  it("gives the district every township's indicators side by side", async () => {
    const listed = await allItems<{ documentNo: string }>(users.supervisor, `/budget/indicators?fiscalYear=${TEST_YEAR}`);
    const { rows } = await exportedSheet(users.supervisor, `/budget/indicators/export?fiscalYear=${TEST_YEAR}`);
    expect(rows).toHaveLength(listed.length);
    expect(new Set(rows.map((r) => r[column("乡镇")])).size).toBe(14);
  });
});
