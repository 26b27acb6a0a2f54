// 项目库 as Excel: the library's projects of the list's filters and the user's scope (the list's own
// query, page by page), category and assessment status in Chinese, the functional code named from the
// catalogue of the project's first year, the planned total as a number, and the township's name so
// the district's export reads side by side.
import { projectCategoryNames, projectStatusNames } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../identity/index.ts";
import { regionNames } from "../platform/regionTable.ts";
import { chinaDate } from "../platform/workingDays.ts";
import { rowsForExport, workbookOf } from "../platform/sheets.ts";
import { classificationNamesByYear, codeWithName } from "../catalog/index.ts";
import { listProjects, type ProjectFilter } from "./projects.ts";

export const PROJECT_EXPORT_HEADER = ["乡镇", "项目编号", "项目名称", "预算单位", "项目类别", "功能分类", "计划总投资（元）", "开始年度", "结束年度", "评估得分", "事前绩效评估", "项目内容", "入库日期"] as const;

const categoryName = (category: string): string => (projectCategoryNames as Record<string, string>)[category] ?? category;

/** The projects of the list's filters, as the list orders them, as a workbook. */
export async function projectsWorkbook(db: Db, actor: Actor, filter: ProjectFilter): Promise<Buffer> {
  const projects = await rowsForExport(db, (tx, page) => listProjects(tx, actor, filter, page));
  const regions = await regionNames(db, projects.map((p) => p.regionCode));
  // A project's functional code is checked against its first year's catalogue when it is entered.
  const codes = await classificationNamesByYear(db, projects, (p) => ({ regionCode: p.regionCode, fiscalYear: p.startYear, functional: p.functionalCode }));
  const rows = projects.map((p) => [
    regions.get(p.regionCode) ?? p.regionCode, p.projectNo, p.name, p.budgetUnitName, categoryName(p.category), codeWithName(p.functionalCode, codes(p).functional),
    p.plannedTotal, p.startYear, p.endYear, p.latestScore ?? "", projectStatusNames[p.status], p.description, chinaDate(new Date(p.createdAt)),
  ]);
  return workbookOf("项目库", PROJECT_EXPORT_HEADER, rows, [10, 14, 28, 22, 14, 24, 16, 8, 8, 8, 12, 40, 11]);
}
