// Request schemas of treasury payment (国库集中支付): payment requests, bank files, quotas.
import { z } from "zod";
import { pageQuery, regionCodeSchema, searchText, uuidSchema } from "./common.ts";
import { appropriationFunds, budgetAmountSchema, fiscalYearSchema, paymentMethods } from "./budget.ts";

export const paymentStatuses = ["unitReview", "financeReview", "approved", "sent", "paid", "returned", "cancelled"] as const;
export const paymentStatusLabels = {
  unitReview: "待单位审核",
  financeReview: "待财政所审核",
  approved: "已开具支付凭证",
  sent: "已发送银行",
  paid: "已支付",
  returned: "已退票",
  cancelled: "已作废",
} as const;

const payeeName = z.string().trim().min(2, "收款人名称至少2个字").max(100);
const bankName = z.string().trim().min(2, "请填写开户银行").max(100);
export const payeeSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("organisation"), name: payeeName, creditCode: z.string().trim().min(1).max(18), account: z.string().trim().min(1).max(40), bank: bankName }),
  z.strictObject({ kind: z.literal("person"), name: payeeName, residentId: z.string().trim().min(1).max(18), account: z.string().trim().min(1).max(40), bank: bankName }),
]);

export const createPaymentBody = z.strictObject({
  indicatorId: uuidSchema,
  payee: payeeSchema,
  amount: budgetAmountSchema,
  purpose: z.string().trim().min(2, "请填写用途").max(200),
  method: z.enum(paymentMethods),
  /** Files uploaded first (POST /treasury/attachments), bound to the request as it is entered. */
  attachmentIds: z.array(uuidSchema).max(20, "附件最多20个").default([]),
});
export const attachmentUploadQuery = z.strictObject({ regionCode: regionCodeSchema.optional() });
export const refundBody = z.strictObject({
  amount: budgetAmountSchema,
  reason: z.string().trim().min(2, "请填写退款原因").max(200),
  documentNo: z.string().trim().min(1, "请填写退款凭证号").max(100),
});
export const paymentListQuery = z.strictObject({
  ...pageQuery,
  regionCode: regionCodeSchema.optional(),
  fiscalYear: fiscalYearSchema.optional(),
  status: z.enum(paymentStatuses).optional(),
  method: z.enum(paymentMethods).optional(),
  budgetUnitId: uuidSchema.optional(),
  indicatorId: uuidSchema.optional(),
  bankBatchId: uuidSchema.optional(),
  q: searchText.optional(),
});
export const bankBatchBody = z.strictObject({ regionCode: regionCodeSchema, paymentIds: z.array(uuidSchema).max(5000).optional() });
export const bankBatchListQuery = z.strictObject({ ...pageQuery, regionCode: regionCodeSchema.optional() });
export const bankResultBody = z.strictObject({ regionCode: regionCodeSchema, content: z.string().min(1, "文件为空").max(1_000_000) });
export const quotaBody = z.strictObject({
  regionCode: regionCodeSchema,
  budgetUnitId: uuidSchema,
  fiscalYear: fiscalYearSchema,
  month: z.number().int().min(1).max(12),
  /** 基本支出 or 项目支出: the quota (用款计划) is issued per kind; a payment uses its indicator's kind. */
  expenditureKind: z.enum(["basic", "project"]),
  /** 一般公共预算, 政府性基金 or 国有资本经营: the quota is issued per fund too; a payment uses its indicator's fund. */
  fund: z.enum(appropriationFunds, { message: "请选择资金性质：一般公共预算、政府性基金或国有资本经营" }),
  quota: z.string().refine((s) => /^(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?$/.test(s), "额度应为数字，最多两位小数"),
});
export const quotaListQuery = z.strictObject({
  ...pageQuery,
  regionCode: regionCodeSchema.optional(),
  fiscalYear: fiscalYearSchema.optional(),
  month: z.coerce.number().int().min(1).max(12).optional(),
  budgetUnitId: uuidSchema.optional(),
  expenditureKind: z.enum(["basic", "project"]).optional(),
  fund: z.enum(appropriationFunds).optional(),
  /** Part of the budget unit's name. */
  unitName: searchText.optional(),
});

/** The district's year end over all its townships (budget/yearEnd.ts, served with the treasury routes). */
export const districtYearEndBody = z.strictObject({ fiscalYear: fiscalYearSchema });
export const yearEndRunListQuery = z.strictObject({ ...pageQuery });
