// The treasury's lists as Excel, as the finance office keeps them: the payment requests (支付申请台账)
// and the authorised-payment quotas (授权支付额度表), each with the list page's filters and the user's
// data scope (the lists' own queries, page by page), amounts as numbers, and the township's name so
// the district's export of all its townships reads side by side.
import { fundNatureNames, paymentMethodNames } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../identity/index.ts";
import { regionNames } from "../platform/regionTable.ts";
import { chinaMinute } from "../platform/workingDays.ts";
import { expenditureKindNames } from "../budget/index.ts";
import { rowsForExport, workbookOf } from "../platform/sheets.ts";
import { listPayments, listQuotas, type PaymentFilter } from "./service.ts";

export const PAYMENT_EXPORT_HEADER = ["乡镇", "申请编号", "支付凭证号", "年度", "预算单位", "指标文号", "指标摘要", "功能分类", "经济分类", "资金性质", "支付方式", "收款人", "收款账号", "开户银行", "金额（元）", "已退款（元）", "用途", "状态", "录入人", "录入时间", "支付时间", "退票原因"] as const;

/** The payment requests of the list's filters, newest first, as a workbook. */
export async function paymentsWorkbook(db: Db, actor: Actor, filter: PaymentFilter): Promise<Buffer> {
  const payments = await rowsForExport(db, (tx, page) => listPayments(tx, actor, filter, page));
  const names = await regionNames(db, payments.map((p) => p.regionCode));
  const rows = payments.map((p) => [
    names.get(p.regionCode) ?? p.regionCode, p.paymentNo, p.orderNo ?? "", p.fiscalYear, p.budgetUnitName, p.indicatorDocumentNo, p.indicatorSummary, p.functionalCode, p.economicCode,
    fundNatureNames[p.fundNature], paymentMethodNames[p.method], p.payeeName, p.payeeAccount, p.payeeBank, p.amount, p.refunded, p.purpose, p.statusName, p.createdByName,
    chinaMinute(p.createdAt), p.paidAt ? chinaMinute(p.paidAt) : "", p.returnReason ?? "",
  ]);
  return workbookOf("支付申请", PAYMENT_EXPORT_HEADER, rows, [10, 18, 18, 6, 22, 20, 24, 10, 10, 14, 10, 24, 22, 20, 14, 14, 28, 10, 10, 17, 17, 20]);
}

export const QUOTA_EXPORT_HEADER = ["乡镇", "预算单位", "年度", "月份", "资金性质", "支出类型", "额度（元）", "已用（元）", "剩余（元）"] as const;

type QuotaFilter = Parameters<typeof listQuotas>[2];

/** The authorised-payment quotas of the list's filters, as a workbook. */
export async function quotasWorkbook(db: Db, actor: Actor, filter: QuotaFilter): Promise<Buffer> {
  const quotas = await rowsForExport(db, (tx, page) => listQuotas(tx, actor, filter, page));
  const names = await regionNames(db, quotas.map((q) => q.regionCode));
  const rows = quotas.map((q) => [names.get(q.regionCode) ?? q.regionCode, q.budgetUnitName, q.fiscalYear, q.month, q.fundName, expenditureKindNames[q.expenditureKind], q.quota, q.used, q.remaining]);
  return workbookOf("授权支付额度", QUOTA_EXPORT_HEADER, rows, [10, 24, 6, 6, 14, 10, 14, 14, 14]);
}
