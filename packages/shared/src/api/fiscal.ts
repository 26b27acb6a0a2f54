// Request schemas of the revenue side of the budget (收入预算), remittances up (上解), the treasury's
// daily revenue report (国库收入日报) and the fiscal general ledger's statements, shared by server and web.
import { z } from "zod";
import { tryParseYuan } from "../money.ts";
import { budgetAmountSchema, fiscalYearSchema } from "./budget.ts";
import { calendarDate, pageQuery } from "./common.ts";

export const revenueLineKinds = ["tax", "nonTax", "transfer", "transferIn", "carryOver", "remittance", "transferOut"] as const;
export const revenueLineKindNames = { tax: "税收收入", nonTax: "非税收入", transfer: "上级补助收入", transferIn: "调入资金", carryOver: "上年结转", remittance: "上解上级支出", transferOut: "调出资金" } as const;
export const revenueFunds = ["generalBudget", "governmentFund"] as const;
export const revenueFundNames = { generalBudget: "一般公共预算", governmentFund: "政府性基金预算" } as const;
export const remittanceKinds = ["system", "special"] as const;
export const remittanceKindNames = { system: "体制上解", special: "专项上解" } as const;

const townshipCode = z.string().regex(/^[0-9]{9}$/, "请选择乡镇（9位区划代码）");
const dateSchema = calendarDate;
const revenueCodeSchema = z.string().regex(/^[0-9]{3}([0-9]{2}){0,3}$/, "收入分类编码应为3、5、7或9位数字");
/** A non-zero signed amount: a negative one is a refund out of the treasury (退库). */
export const signedRevenueAmountSchema = z.string().refine((s) => {
  const r = tryParseYuan(s, { allowNegative: true });
  return r.ok && r.fen !== 0n;
}, "金额应为非零数字，最多两位小数；退库写负数，如 -1000.00");

export const budgetRevenueLineBody = z.strictObject({
  kind: z.enum(revenueLineKinds),
  fund: z.enum(revenueFunds).optional(),
  revenueCode: revenueCodeSchema.optional(),
  name: z.string().trim().max(100).optional(),
  amount: budgetAmountSchema,
  note: z.string().trim().max(200).optional(),
});

export const remittanceBody = z.strictObject({
  regionCode: townshipCode.optional(),
  fiscalYear: fiscalYearSchema,
  documentNo: z.string().trim().min(1, "请输入文号").max(100),
  kind: z.enum(remittanceKinds),
  fund: z.enum(revenueFunds),
  amount: budgetAmountSchema,
  remittedOn: dateSchema,
  note: z.string().trim().max(200).optional(),
});
export const remittanceListQuery = z.strictObject({ ...pageQuery, regionCode: townshipCode.optional(), fiscalYear: fiscalYearSchema.optional() });

/** At most this many revenue classes in one day's report. */
export const REVENUE_REPORT_LINES_MAX = 2_000;
export const revenueReportBody = z.strictObject({
  regionCode: townshipCode.optional(),
  reportDate: dateSchema,
  lines: z.array(z.strictObject({ revenueCode: revenueCodeSchema, amount: signedRevenueAmountSchema })).min(1, "至少填写一个收入科目").max(REVENUE_REPORT_LINES_MAX),
});
/** The treasury's report as an Excel workbook (.xlsx) in base64 (the request body is at most 1 MB). */
export const revenueReportImportBody = z.strictObject({
  regionCode: townshipCode.optional(),
  reportDate: dateSchema,
  fileName: z.string().trim().max(200).optional(),
  content: z.string().min(1, "文件为空").max(1_000_000),
});
export const revenueReportListQuery = z.strictObject({ ...pageQuery, regionCode: townshipCode.optional(), from: dateSchema.optional(), to: dateSchema.optional() });
