// The 序时账 (chronological journal) as Excel, as auditors ask for it: every line of the vouchers of
// the voucher list's filters and the user's scope (the list's own query, page by page, in one
// snapshot), oldest first, one row per line with its account's name, both sides as money numbers,
// its auxiliary codes and who entered, reviewed and posted it.
import { and, inArray } from "drizzle-orm";
import { formatYuan, ledgerVoucherKindNames, ledgerVoucherStatusNames } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { groupBy } from "../platform/groupBy.ts";
import { rowsForExport, workbookOf } from "../platform/sheets.ts";
import { listVouchers, loadChart, type LedgerActor, type VoucherListFilter } from "./service.ts";
import { ledgerAccountSet, ledgerVoucherLine } from "./tables.ts";

export const JOURNAL_EXPORT_HEADER = [
  "账套", "日期", "凭证号", "凭证类型", "状态", "摘要", "分录号", "科目编码", "科目名称", "会计", "借方（元）", "贷方（元）",
  "功能分类", "经济分类", "收入分类", "项目", "往来单位", "部门", "制单人", "审核人", "记账人",
] as const;

/** Vouchers one journal export holds at most (each of several lines): a larger one is refused, never cut. */
export const JOURNAL_VOUCHERS_MAX = 20_000;

const basisNames = { financial: "财务会计", budget: "预算会计" } as const;

/** File name of the journal export: the set's code when one set is asked for, the year and month. */
export function journalFileName(setCode: string | null, filter: Pick<VoucherListFilter, "year" | "month">): string {
  const when = filter.year ? `${filter.year}年${filter.month ? `${filter.month}月` : ""}` : "";
  return `${setCode ? `${setCode}-` : ""}${when}序时账.xlsx`;
}

/** The journal of the voucher list's filters as a workbook. */
export async function journalWorkbook(db: Db, actor: LedgerActor, filter: VoucherListFilter): Promise<Buffer> {
  // Each set's chart, read once for the export (the pages share one snapshot).
  const charts = new Map<string, { set: typeof ledgerAccountSet.$inferSelect; chart: Awaited<ReturnType<typeof loadChart>> }>();
  const pages = await rowsForExport(
    db,
    async (tx, page) => {
      const found = await listVouchers(tx, actor, filter, page);
      const lines = found.items.length
        ? await tx
            .select()
            .from(ledgerVoucherLine)
            .where(and(inArray(ledgerVoucherLine.regionCode, [...new Set(found.items.map((v) => v.regionCode))]), inArray(ledgerVoucherLine.voucherId, found.items.map((v) => v.id))))
        : [];
      const byVoucher = groupBy(lines, (l) => l.voucherId);
      const missing = [...new Set(found.items.map((v) => v.setId))].filter((id) => !charts.has(id));
      for (const s of missing.length ? await tx.select().from(ledgerAccountSet).where(inArray(ledgerAccountSet.id, missing)) : []) charts.set(s.id, { set: s, chart: await loadChart(tx, s) });
      return { items: found.items.map((v) => ({ voucher: v, lines: (byVoucher.get(v.id) ?? []).sort((a, b) => a.lineNo - b.lineNo), ...charts.get(v.setId)! })), total: found.total };
    },
    JOURNAL_VOUCHERS_MAX,
  );
  // The list shows the newest first; the journal reads in the order the books were kept.
  const rows = pages.reverse().flatMap(({ voucher: v, lines, set, chart }) =>
    lines.map((l) => [
      `${set.code} ${set.name}`, v.date, v.label, ledgerVoucherKindNames[v.kind], ledgerVoucherStatusNames[v.status], l.summary || v.summary, l.lineNo, l.accountCode,
      chart.get(l.accountCode)?.name ?? "", basisNames[l.basis], l.debitFen !== 0n ? formatYuan(l.debitFen) : "", l.creditFen !== 0n ? formatYuan(l.creditFen) : "",
      l.functionalCode ?? "", l.economicCode ?? "", l.revenueCode ?? "", l.project ?? "", l.payee ?? "", l.department ?? "", v.enteredByName ?? "", v.reviewedByName ?? "", v.postedByName ?? "",
    ]),
  );
  return workbookOf("序时账", JOURNAL_EXPORT_HEADER, rows, [24, 11, 10, 10, 8, 30, 6, 12, 24, 10, 14, 14, 10, 10, 10, 16, 20, 14, 10, 10, 10]);
}
