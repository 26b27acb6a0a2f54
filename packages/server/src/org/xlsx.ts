// 预算单位 as Excel: the budget units of the list's filters and the user's scope (the list's own
// query, page by page), kind and status in Chinese, the credit code as text, and the township's name
// so the district's export of all its townships reads side by side.
import { budgetUnitKindNames, budgetUnitStatusNames } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../identity/index.ts";
import { chinaMinute } from "../platform/workingDays.ts";
import { rowsForExport, workbookOf } from "../platform/sheets.ts";
import { listBudgetUnits } from "./service.ts";

export const BUDGET_UNIT_EXPORT_HEADER = ["乡镇", "单位名称", "统一社会信用代码", "单位类型", "状态", "登记人", "登记时间"] as const;

type BudgetUnitFilter = Parameters<typeof listBudgetUnits>[2];

/** The budget units of the list's filters, as the list orders them, as a workbook. */
export async function budgetUnitsWorkbook(db: Db, actor: Actor, filter: BudgetUnitFilter): Promise<Buffer> {
  const units = await rowsForExport(db, (tx, page) => listBudgetUnits(tx, actor, filter, page));
  // The list names each unit's township from the region table already (regionName).
  const rows = units.map((u) => [u.regionName, u.name, u.creditCode, budgetUnitKindNames[u.kind], budgetUnitStatusNames[u.status], u.createdByName, chinaMinute(u.createdAt)]);
  return workbookOf("预算单位", BUDGET_UNIT_EXPORT_HEADER, rows, [10, 30, 22, 10, 10, 10, 17]);
}
