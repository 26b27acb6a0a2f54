// Proves the 预算单位 export (org/xlsx.ts): the list's budget units of the filters and the user's scope
// — a township's own, the district's of every township side by side — every one of them, with kind and
// status in Chinese and the credit code as text; a bad filter is refused.
import { describe, expect, it } from "vitest";
import { budgetUnitKindNames, budgetUnitStatusNames } from "@xiangcai/shared";
import { allItems, demoUsers, exportedSheet } from "../../test/exports.ts";
import { BUDGET_UNIT_EXPORT_HEADER } from "./xlsx.ts";

const users = demoUsers("budget", "supervisor");

const column = (name: (typeof BUDGET_UNIT_EXPORT_HEADER)[number]) => BUDGET_UNIT_EXPORT_HEADER.indexOf(name);
const codes = (rows: unknown[][]) => rows.map((r) => String(r[column("统一社会信用代码")])).sort();

interface Listed { creditCode: string; status: keyof typeof budgetUnitStatusNames }

describe("the budget units' export (预算单位)", () => {
  it("holds every unit of the township's list, kind and status in Chinese, the credit code as text", async () => {
    const listed = await allItems<Listed>(users.budget, "/org/budget-units");
    expect(listed.length).toBeGreaterThan(5);
    const { header, rows, disposition } = await exportedSheet(users.budget, "/org/budget-units/export");
    expect(disposition).toContain(encodeURIComponent("预算单位.xlsx"));
    expect(header).toEqual([...BUDGET_UNIT_EXPORT_HEADER]);
    expect(codes(rows)).toEqual(listed.map((u) => u.creditCode).sort());
    expect(rows.every((r) => typeof r[column("统一社会信用代码")] === "string")).toBe(true);
    expect(new Set(rows.map((r) => r[column("乡镇")]))).toEqual(new Set(["青禾镇"]));
    expect(rows.every((r) => Object.values(budgetUnitKindNames).includes(String(r[column("单位类型")])))).toBe(true);
    expect(new Set(rows.map((r) => r[column("状态")]))).toEqual(new Set(listed.map((u) => budgetUnitStatusNames[u.status])));
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(String(r[column("登记时间")])))).toBe(true);
  });

  it("applies the list's filters (status, search text by name and by code)", async () => {
    const pending = await exportedSheet(users.budget, "/org/budget-units/export?status=pending");
    expect(pending.rows.length).toBeGreaterThan(0);
    expect(new Set(pending.rows.map((r) => r[column("状态")]))).toEqual(new Set(["待审批"]));
    for (const q of ["卫生院", (await allItems<Listed>(users.budget, "/org/budget-units"))[0]!.creditCode.slice(-6)]) {
      const listed = await allItems<Listed>(users.budget, `/org/budget-units?q=${encodeURIComponent(q)}`);
      const searched = await exportedSheet(users.budget, `/org/budget-units/export?q=${encodeURIComponent(q)}`);
      expect(searched.rows.length).toBeGreaterThan(0);
      expect(codes(searched.rows)).toEqual(listed.map((u) => u.creditCode).sort());
    }
  });

  it("gives the district every township's units side by side, or one township's by its filter", async () => {
    const listed = await allItems<Listed>(users.supervisor, "/org/budget-units");
    const { rows } = await exportedSheet(users.supervisor, "/org/budget-units/export");
    expect(codes(rows)).toEqual(listed.map((u) => u.creditCode).sort());
    expect(new Set(rows.map((r) => r[column("乡镇")])).size).toBe(14);
    const baita = await exportedSheet(users.supervisor, "/org/budget-units/export?regionCode=329901102");
    expect(baita.rows.length).toBeGreaterThan(0);
    expect(new Set(baita.rows.map((r) => r[column("乡镇")]))).toEqual(new Set(["白塔镇"]));
  });

  it("refuses a bad filter with the list's validation error, and a township another's rows", async () => {
    const bad = await users.budget.get("/org/budget-units/export?status=lost");
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("VALIDATION_FAILED");
    expect((await exportedSheet(users.budget, "/org/budget-units/export?regionCode=329901102")).rows).toEqual([]);
  });
});
