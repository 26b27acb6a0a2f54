// 上解 as Excel: the remittances up of the list's filters and the user's scope (the list's own query,
// page by page), each with its kind and budget in Chinese, its amount as a number, and the township's
// name so the district's export of all its townships reads side by side.
import type { Db } from "../platform/db.ts";
import type { Actor } from "../identity/index.ts";
import { regionNames } from "../platform/regionTable.ts";
import { rowsForExport, workbookOf } from "../platform/sheets.ts";
import { listRemittances } from "./revenue.ts";

export const REMITTANCE_EXPORT_HEADER = ["乡镇", "年度", "上解日期", "文号", "类型", "预算", "金额（元）", "说明", "登记人"] as const;

type RemittanceFilter = Parameters<typeof listRemittances>[2];

/** The remittances of the list's filters, latest first, as a workbook. */
export async function remittancesWorkbook(db: Db, actor: Actor, filter: RemittanceFilter): Promise<Buffer> {
  const remittances = await rowsForExport(db, (tx, page) => listRemittances(tx, actor, filter, page));
  const names = await regionNames(db, remittances.map((r) => r.regionCode));
  const rows = remittances.map((r) => [names.get(r.regionCode) ?? r.regionCode, r.fiscalYear, r.remittedOn, r.documentNo, r.kindName, r.fundName, r.amount, r.note ?? "", r.recordedByName]);
  return workbookOf("上解", REMITTANCE_EXPORT_HEADER, rows, [10, 6, 12, 24, 10, 16, 14, 30, 10]);
}
