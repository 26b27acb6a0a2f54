// The audit log as Excel, for the auditors who take it away: the entries of the list's filters and the
// user's scope (the list's own query, page by page), actions and objects named in Chinese, the before
// and after as JSON text, and each entry's hash so a printed line can be matched to the chain.
import { auditActionName, auditEntityTypeName } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { regionNames } from "../platform/regionTable.ts";
import { chinaDateTime } from "../platform/workingDays.ts";
import { CELL_CHARS_MAX } from "../platform/sheetReader.ts";
import { rowsForExport, workbookOf } from "../platform/sheets.ts";
import { listAudit, type AuditFilter } from "./service.ts";

export const AUDIT_EXPORT_HEADER = ["乡镇", "序号", "时间", "操作人", "操作", "操作代码", "对象类型", "对象编号", "变更前", "变更后", "哈希"] as const;

/** A before/after as one cell's text: JSON, cut to what a cell holds (marked when cut). */
export function jsonCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = JSON.stringify(value);
  return text.length <= CELL_CHARS_MAX ? text : `${text.slice(0, CELL_CHARS_MAX - 20)}…（已截断）`;
}

/** The audit entries of the list's filters, as the list orders them, as a workbook. */
export async function auditWorkbook(db: Db, filter: AuditFilter): Promise<Buffer> {
  const entries = await rowsForExport(db, (tx, page) => listAudit(tx, filter, page));
  const names = await regionNames(db, entries.map((e) => e.regionCode));
  const rows = entries.map((e) => [
    names.get(e.regionCode) ?? e.regionCode, e.seq.toString(), chinaDateTime(e.at), e.actorName, auditActionName(e.action), e.action,
    auditEntityTypeName(e.entityType), e.entityId, jsonCell(e.before), jsonCell(e.after), e.hash,
  ]);
  return workbookOf("审计日志", AUDIT_EXPORT_HEADER, rows, [10, 8, 20, 12, 22, 26, 14, 38, 40, 40, 66]);
}
