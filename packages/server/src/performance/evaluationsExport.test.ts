// Proves the evaluations' export (绩效评价结果, performance/evaluation.ts): every evaluation of the
// list's filters and the user's scope — a township's own, the district's of every township side by
// side — in the list's order, budgets and payments as numbers summing to the list's, and a bad filter
// or a paging parameter refused.
import { describe, expect, it } from "vitest";
import { parseYuan } from "@xiangcai/shared";
import { allItems, demoUsers, expectRefused, exportedSheet, fenOfCell, yuanTotal } from "../../test/exports.ts";
import { EVALUATION_EXPORT_HEADER } from "./evaluation.ts";

const users = demoUsers("budget", "supervisor");
const col = (name: (typeof EVALUATION_EXPORT_HEADER)[number]) => EVALUATION_EXPORT_HEADER.indexOf(name);
interface Listed { subjectName: string; fiscalYear: number; regionName: string; issued: string; status: string }

describe("the evaluations' export (绩效评价结果)", () => {
  it("holds every evaluation of the township's list in its order, amounts as numbers summing to the list's", async () => {
    const listed = await allItems<Listed>(users.budget, "/performance/evaluations");
    expect(listed.length).toBeGreaterThan(0);
    const { header, rows, sheet, disposition } = await exportedSheet(users.budget, "/performance/evaluations/export");
    expect(disposition).toContain(encodeURIComponent("绩效评价结果.xlsx"));
    expect(header).toEqual([...EVALUATION_EXPORT_HEADER]);
    expect(rows.map((r) => `${String(r[col("年度")])} ${String(r[col("评价对象")])}`)).toEqual(listed.map((e) => `${e.fiscalYear} ${e.subjectName}`));
    expect(new Set(rows.map((r) => r[col("乡镇")]))).toEqual(new Set(["青禾镇"]));
    const issued = col("预算数（元）");
    expect(sheet.getRow(2).getCell(issued + 1).numFmt).toBe("#,##0.00");
    expect(yuanTotal(rows.map((r) => fenOfCell(r[issued]!)))).toBe(yuanTotal(listed.map((e) => parseYuan(e.issued))));
  });

  it("gives the district every township's evaluations and applies the list's filters", async () => {
    const all = await allItems<Listed>(users.supervisor, "/performance/evaluations");
    const exported = await exportedSheet(users.supervisor, "/performance/evaluations/export");
    expect(exported.rows).toHaveLength(all.length);
    expect(new Set(exported.rows.map((r) => r[col("乡镇")])).size).toBeGreaterThan(1);
    const status = all[0]!.status;
    const ofStatus = await exportedSheet(users.supervisor, `/performance/evaluations/export?status=${status}`);
    expect(ofStatus.rows).toHaveLength((await allItems<Listed>(users.supervisor, `/performance/evaluations?status=${status}`)).length);
    expect(ofStatus.rows.length).toBeGreaterThan(0);
    expect((await exportedSheet(users.budget, "/performance/evaluations/export?regionCode=329901102")).rows).toEqual([]);
  });

  it("refuses a bad filter and paging parameters", async () => {
    await expectRefused(users.budget, ["/performance/evaluations/export?status=lost", "/performance/evaluations/export?pageSize=10"]);
  });
});
