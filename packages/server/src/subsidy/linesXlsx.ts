// 发放台账 as Excel: the lines of one roster (one row per recipient) of the list's filters, as the roster's
// page lists them — the person's ID and card numbers MASKED as the page shows them (never the sealed
// numbers), the amounts as numbers, the payment's state in Chinese, and the township's name first like
// every list export.
import { lineStatusNames, maskBankCard, maskResidentId, type RosterView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../identity/index.ts";
import { regionNames } from "../platform/regionTable.ts";
import { rowsForExport, workbookOf } from "../platform/sheets.ts";
import { listLines } from "./rosterLines.ts";

export const LINE_EXPORT_HEADER = ["乡镇", "补贴项目", "期间", "行号", "村（居）", "姓名", "身份证号", "银行卡号", "开户银行", "数量", "标准（元）", "金额（元）", "检查结果", "审核意见", "发放状态", "发放日期", "失败原因"] as const;

type LineFilter = Parameters<typeof listLines>[3];

/** The file a roster's lines download as: its item, village (or 全镇) and period. */
export const linesFileName = (roster: RosterView): string => `${roster.itemName}发放台账-${roster.villageName ?? "全镇"}-${roster.period}.xlsx`;

/**
 * The roster's lines of the list's filters, by line number, as a workbook. The ID and card numbers are
 * the list's masked ones, masked once more (a no-op on a masked value) so that a whole number stored
 * by mistake still leaves only its masked form.
 */
export async function linesWorkbook(db: Db, actor: Actor, roster: RosterView, filter: LineFilter): Promise<Buffer> {
  const lines = await rowsForExport(db, (tx, page) => listLines(tx, actor, roster.id, filter, page));
  const township = (await regionNames(db, [roster.regionCode])).get(roster.regionCode) ?? roster.regionCode;
  const rows = lines.map((l) => [
    township, roster.itemName, roster.period, l.lineNo, l.villageName, l.name, maskResidentId(l.residentIdMasked), maskBankCard(l.cardMasked), l.bankName, l.quantity, l.standard ?? "", l.amount,
    l.findings.map((f) => f.message).join("；"), l.reviewNote ?? "", l.withdrawn ? "已撤出" : lineStatusNames[l.status], l.paidOn ?? "", l.failReason ?? "",
  ]);
  return workbookOf("发放台账", LINE_EXPORT_HEADER, rows, [10, 16, 8, 6, 12, 10, 20, 12, 16, 8, 12, 12, 36, 24, 10, 12, 20]);
}
