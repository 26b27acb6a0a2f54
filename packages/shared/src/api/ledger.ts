// Request schemas of the government accounting ledger (会计核算), shared by server and web.
import { z } from "zod";
import { calendarDate, pageQuery, regionCodeSchema, searchText, uuidSchema } from "./common.ts";

export const ledgerAuxDimensions = ["functional", "economic", "project", "payee", "department", "revenue"] as const;
export const ledgerAuxNames: Record<(typeof ledgerAuxDimensions)[number], string> = { functional: "功能分类", economic: "经济分类", project: "项目", payee: "往来单位", department: "部门", revenue: "收入分类" };
/** The chart's categories (会计要素) by their codes in a set's chart. */
export const ledgerCategoryNames = {
  asset: "资产类",
  liability: "负债类",
  net_assets: "净资产类",
  revenue: "收入类",
  expense: "费用类",
  budget_revenue: "预算收入类",
  budget_expenditure: "预算支出类",
  budget_balance: "预算结余类",
} as const;
export const ledgerVoucherStatusNames = { entered: "已录入", reviewed: "已审核", posted: "已记账" } as const;
export const ledgerVoucherKindNames = { normal: "记账凭证", reversal: "红字冲销", supplementary: "补充凭证", closing: "年终结转" } as const;
/** Statements of a unit's books (政府会计制度). */
export const ledgerUnitStatementCodes = ["balance-sheet", "revenue-expense", "net-asset-changes", "cash-flow", "budget-revenue-expenditure", "budget-carryover", "fiscal-appropriation", "reconciliation"] as const;
/** Statements of the township's fiscal general accounts (财政总会计制度). */
export const ledgerFiscalStatementCodes = [
  "fiscal-balance-sheet",
  "fiscal-revenue-expense",
  "fiscal-budget-revenue-expenditure",
  "general-budget-execution",
  "government-fund-execution",
  "state-capital-execution",
  "special-account",
  "special-fund",
  "fiscal-reconciliation",
] as const;
export const ledgerStatementCodes = [...ledgerUnitStatementCodes, ...ledgerFiscalStatementCodes] as const;
export const ledgerStatementTitles: Record<(typeof ledgerStatementCodes)[number], string> = {
  "balance-sheet": "资产负债表",
  "revenue-expense": "收入费用表",
  "net-asset-changes": "净资产变动表",
  "cash-flow": "现金流量表",
  "budget-revenue-expenditure": "预算收入支出表",
  "budget-carryover": "预算结转结余变动表",
  "fiscal-appropriation": "财政拨款预算收入支出表",
  reconciliation: "本期盈余与本期预算结余差异调节表",
  "fiscal-balance-sheet": "资产负债表",
  "fiscal-revenue-expense": "收入费用表",
  "fiscal-budget-revenue-expenditure": "预算收入支出表",
  "general-budget-execution": "一般公共预算执行情况表",
  "government-fund-execution": "政府性基金预算执行情况表",
  "state-capital-execution": "国有资本经营预算执行情况表",
  "special-account": "财政专户管理资金收支情况表",
  "special-fund": "专用基金收支情况表",
  "fiscal-reconciliation": "本期盈余与本期预算结余差异调节表",
};
export const ledgerBooks = ["journal-cash", "journal-bank", "general", "subsidiary", "auxiliary"] as const;
export const ledgerBookNames: Record<(typeof ledgerBooks)[number], string> = { "journal-cash": "现金日记账", "journal-bank": "银行存款日记账", general: "总账", subsidiary: "明细账", auxiliary: "辅助账" };

const yuan = z.string().regex(/^(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?$/, "金额应为正的元金额，如 1234.50");
const month = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, "月份应为 YYYY-MM");
const accountCode = z.string().regex(/^[0-9]{4}([0-9]{2}){0,4}$/, "科目代码为4位，明细科目每级加2位");
const setCode = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, "账套代码为1-40位字母、数字或 _ . -");
const auxValue = z.string().trim().min(1).max(100);

export const ledgerSetKinds = ["unit", "fiscal"] as const;
export const ledgerSetKindNames: Record<(typeof ledgerSetKinds)[number], string> = { unit: "单位会计", fiscal: "财政总会计" };
export const ledgerSetListQuery = z.strictObject({ ...pageQuery, regionCode: regionCodeSchema.optional(), q: searchText.optional(), kind: z.enum(ledgerSetKinds).optional() });
export const ledgerCreateSetBody = z.strictObject({
  regionCode: z.string().regex(/^[0-9]{9}$/, "请选择乡镇（9位区划代码）"),
  code: setCode,
  name: z.string().trim().min(2, "名称至少2个字").max(100),
  year: z.number().int().min(2000).max(2100),
  kind: z.enum(ledgerSetKinds).optional(),
  budgetUnitId: uuidSchema.nullable().optional(),
});
/** A set's options: whether it prepares the 现金流量表 (政府会计制度 leaves it to the unit). */
export const ledgerSetOptionsBody = z.strictObject({ cashFlow: z.boolean() });
export const ledgerSubAccountBody = z.strictObject({
  parentCode: accountCode,
  code: accountCode,
  name: z.string().trim().min(1, "请输入科目名称").max(60),
  requiredAux: z.array(z.enum(ledgerAuxDimensions)).max(5).optional(),
});
export const ledgerAccountAuxBody = z.strictObject({ requiredAux: z.array(z.enum(ledgerAuxDimensions)).max(5) });
export const ledgerChartImportBody = z.strictObject({ csv: z.string().min(1).max(500_000) });

export const ledgerVoucherLineBody = z.strictObject({
  account: accountCode,
  debit: yuan.optional(),
  credit: yuan.optional(),
  summary: z.string().trim().max(200).optional(),
  aux: z.strictObject({ functional: auxValue.optional(), economic: auxValue.optional(), project: auxValue.optional(), payee: auxValue.optional(), department: auxValue.optional(), revenue: auxValue.optional() }).optional(),
});
export const ledgerEnterVoucherBody = z.strictObject({
  setId: uuidSchema,
  date: calendarDate,
  summary: z.string().trim().min(1, "请输入摘要").max(200),
  attachments: z.number().int().min(0).max(999).default(0),
  confirmParallel: z.boolean().optional(),
  kind: z.enum(["normal", "supplementary"]).optional(),
  originalId: uuidSchema.nullable().optional(),
  lines: z.array(ledgerVoucherLineBody).min(1).max(200),
});
export const ledgerVoucherListQuery = z.strictObject({
  ...pageQuery,
  setId: uuidSchema.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  month: z.coerce.number().int().min(1).max(12).optional(),
  status: z.enum(["entered", "reviewed", "posted"]).optional(),
  account: z.string().regex(/^[0-9]{1,12}$/).optional(),
  q: searchText.optional(),
});
export const ledgerReverseBody = z.strictObject({ date: calendarDate.optional(), summary: z.string().trim().min(1).max(200).optional() });
export const ledgerReopenBody = z.strictObject({ note: z.string().trim().min(2, "请写明反结账原因").max(500) });
export const ledgerRangeQuery = z.strictObject({ from: month, to: month, level: z.coerce.number().int().refine((n) => [4, 6, 8, 10, 12].includes(n), "级次应为 4-12 的偶数").optional() });
export const ledgerBookQuery = z.strictObject({ from: month, to: month, account: accountCode.optional(), dimension: z.enum(ledgerAuxDimensions).optional() });
export const ledgerExcelQuery = z.strictObject({
  report: z.enum(["trial-balance", ...ledgerBooks, ...ledgerStatementCodes]),
  from: month,
  to: month,
  account: accountCode.optional(),
  dimension: z.enum(ledgerAuxDimensions).optional(),
});
export const ledgerSkippedListQuery = z.strictObject({ ...pageQuery });
