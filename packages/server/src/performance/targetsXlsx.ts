// 绩效目标 as Excel: the target trees of the list's filters and the user's scope (the list's own query,
// page by page), one row per tree with its subject, year, budget and payments so far as numbers, and
// its state in Chinese; the township's name first, so the district's export reads side by side.
import { sheetStatusNames, subjectKindNames } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../identity/index.ts";
import { rowsForExport, workbookOf } from "../platform/sheets.ts";
import { listSheets, type SheetFilter } from "./targets.ts";

export const TARGET_EXPORT_HEADER = ["乡镇", "年度", "类型", "名称", "实施单位", "年度总体目标", "指标数", "预算数（元）", "支付数（元）", "预算执行率（%）", "状态", "审核意见"] as const;

/** The target trees of the list's filters, in the list's order, as a workbook. */
export async function targetsWorkbook(db: Db, actor: Actor, filter: SheetFilter): Promise<Buffer> {
  const sheets = await rowsForExport(db, (tx, page) => listSheets(tx, actor, filter, page));
  // The list's rows carry their township's name (read with them from the region table).
  const rows = sheets.map((s) => [
    s.regionName, s.fiscalYear, subjectKindNames[s.subjectKind], s.subjectName, s.budgetUnitName ?? "财政所", s.overallGoal, s.indicatorCount, s.issued, s.paid, s.executionRate, sheetStatusNames[s.status], s.reviewNote ?? "",
  ]);
  return workbookOf("绩效目标", TARGET_EXPORT_HEADER, rows, [10, 6, 10, 30, 22, 40, 8, 14, 14, 10, 14, 24]);
}
