// The rectification tasks as Excel (整改台账), as the finance office and the district keep them: the
// list's filters and the user's data scope (the list's own query, page by page, in one snapshot),
// every task of the list — refused, never cut, past the export limit — with the township's name so
// the district's export reads side by side.
import { rectificationStatusNames } from "@xiangcai/shared";
import type { Actor } from "../identity/index.ts";
import type { Db } from "../platform/db.ts";
import { rowsForExport, workbookOf } from "../platform/sheets.ts";
import { chinaMinute } from "../platform/workingDays.ts";
import { listRectifications, type RectificationFilter } from "./service.ts";

export const RECTIFICATION_EXPORT_HEADER = ["整改编号", "乡镇", "类型", "问题类别", "问题", "问题来源", "责任单位", "责任人", "整改期限", "状态", "是否超期", "提交次数", "销号意见", "销号时间"] as const;

/** The tasks of the list's filters, in the list's order, as a workbook. */
export async function rectificationsWorkbook(db: Db, actor: Actor, filter: RectificationFilter, now: Date): Promise<Buffer> {
  const tasks = await rowsForExport(db, (tx, page) => listRectifications(tx, actor, filter, page, now));
  const rows = tasks.map((t) => [
    t.taskNo, t.regionName, t.kindName, t.categoryName, t.title, t.sourceLabel, t.responsibleUnitName, t.responsiblePerson, t.deadlineOn, rectificationStatusNames[t.status], t.overdue ? "超期" : "", t.evidenceCount,
    t.closureNote ?? "", t.closedAt ? chinaMinute(t.closedAt) : "",
  ]);
  return workbookOf("整改台账", RECTIFICATION_EXPORT_HEADER, rows, [16, 10, 12, 14, 36, 36, 20, 10, 11, 10, 8, 8, 24, 17]);
}
