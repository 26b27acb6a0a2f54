// Proves the 项目库 export (budget/projectsXlsx.ts): the list's projects of the filters and the user's
// scope — a township's own, the district's of every township side by side — every one of them, with
// category, status and functional code named, planned totals as numbers summing to the list's to the fen.
import { describe, expect, it } from "vitest";
import { parseYuan, projectCategoryNames, projectStatusNames } from "@xiangcai/shared";
import { allItems, demoUsers, exportedSheet, fenOfCell, yuanTotal } from "../../test/exports.ts";
import { PROJECT_EXPORT_HEADER } from "./projectsXlsx.ts";

const users = demoUsers("budget", "supervisor");

const column = (name: (typeof PROJECT_EXPORT_HEADER)[number]) => PROJECT_EXPORT_HEADER.indexOf(name);
const numbers = (rows: unknown[][]) => rows.map((r) => String(r[column("项目编号")])).sort();

interface Listed { projectNo: string; plannedTotal: string; budgetUnitId: string; status: string }

describe("the project library's export (项目库)", () => {
  it("holds every project of the township's list, named in Chinese, planned totals summing to the list's", async () => {
    const listed = await allItems<Listed>(users.budget, "/budget/projects");
    expect(listed.length).toBeGreaterThan(5);
    const { header, rows, sheet, disposition } = await exportedSheet(users.budget, "/budget/projects/export");
    expect(disposition).toContain(encodeURIComponent("项目库.xlsx"));
    expect(header).toEqual([...PROJECT_EXPORT_HEADER]);
    expect(numbers(rows)).toEqual(listed.map((p) => p.projectNo).sort());
    expect(new Set(rows.map((r) => r[column("乡镇")]))).toEqual(new Set(["青禾镇"]));
    expect(rows.every((r) => Object.values(projectCategoryNames).includes(r[column("项目类别")] as never))).toBe(true);
    expect(new Set(rows.map((r) => r[column("事前绩效评估")]))).toEqual(new Set(Object.values(projectStatusNames)));
    // "2130122 农业生产发展"-like: the code, then its name from the catalogue of the project's first year.
    expect(rows.every((r) => /^\d{7} \S+/.test(String(r[column("功能分类")])))).toBe(true);
    const planned = column("计划总投资（元）");
    expect(rows.every((r) => typeof r[planned] === "number")).toBe(true);
    expect(sheet.getRow(2).getCell(planned + 1).numFmt).toBe("#,##0.00");
    expect(yuanTotal(rows.map((r) => fenOfCell(r[planned]!)))).toBe(yuanTotal(listed.map((p) => parseYuan(p.plannedTotal))));
  });

  it("applies the list's filters (status, category, unit, search text)", async () => {
    const failed = await exportedSheet(users.budget, "/budget/projects/export?status=failed");
    expect(failed.rows.length).toBeGreaterThan(0);
    expect(new Set(failed.rows.map((r) => r[column("事前绩效评估")]))).toEqual(new Set(["评估未通过"]));
    const farming = await exportedSheet(users.budget, "/budget/projects/export?category=agriculture");
    expect(farming.rows.length).toBeGreaterThan(0);
    expect(new Set(farming.rows.map((r) => r[column("项目类别")]))).toEqual(new Set(["农业农村发展"]));
    const [first] = await allItems<Listed>(users.budget, "/budget/projects");
    const ofUnit = await allItems<Listed>(users.budget, `/budget/projects?budgetUnitId=${first!.budgetUnitId}`);
    expect(numbers((await exportedSheet(users.budget, `/budget/projects/export?budgetUnitId=${first!.budgetUnitId}`)).rows)).toEqual(ofUnit.map((p) => p.projectNo).sort());
    const q = encodeURIComponent("农机");
    const searched = await exportedSheet(users.budget, `/budget/projects/export?q=${q}`);
    expect(searched.rows.length).toBeGreaterThan(0);
    expect(numbers(searched.rows)).toEqual((await allItems<Listed>(users.budget, `/budget/projects?q=${q}`)).map((p) => p.projectNo).sort());
    expect((await exportedSheet(users.budget, `/budget/projects/export?q=${encodeURIComponent("没有这个项目")}`)).rows).toEqual([]);
  });

  it("gives the district every township's projects side by side", async () => {
    const listed = await allItems<Listed>(users.supervisor, "/budget/projects");
    const { rows } = await exportedSheet(users.supervisor, "/budget/projects/export");
    expect(numbers(rows)).toEqual(listed.map((p) => p.projectNo).sort());
    expect(new Set(rows.map((r) => r[column("乡镇")]))).toEqual(new Set(["青禾镇", "白塔镇"]));
  });

  it("refuses a bad filter with the list's validation error, and a township another's rows", async () => {
    const bad = await users.budget.get("/budget/projects/export?status=lost");
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("VALIDATION_FAILED");
    expect((await exportedSheet(users.budget, "/budget/projects/export?regionCode=329901102")).rows).toEqual([]);
  });
});
