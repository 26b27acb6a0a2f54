// Request schemas of the ledger's voucher templates, voucher editing, opening balances (期初余额)
// and year closing, shared by server and web.
import { z } from "zod";
import { calendarDate, pageQuery, uuidSchema } from "./common.ts";
import { ledgerAuxDimensions, ledgerVoucherLineBody } from "./ledger.ts";

const accountCode = z.string().regex(/^[0-9]{4}([0-9]{2}){0,4}$/, "科目代码为4位，明细科目每级加2位");
const yuan = z.string().regex(/^(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?$/, "金额应为正的元金额，如 1234.50");
const auxValue = z.string().trim().max(100);
const aux = z.strictObject({ functional: auxValue.optional(), economic: auxValue.optional(), project: auxValue.optional(), payee: auxValue.optional(), department: auxValue.optional(), revenue: auxValue.optional() });

/** Business types of the built-in templates (DOMAIN.md §5), and their names; stored templates may use others. */
export const ledgerBusinessTypes = ["quotaReceived", "officeExpense", "directPayment", "salaryAccrual", "salaryPayment", "fixedAssetPurchase", "depreciation", "quotaCancellation"] as const;
export const ledgerBusinessTypeNames: Record<string, string> = {
  quotaReceived: "额度到账",
  officeExpense: "零余额账户支付费用",
  directPayment: "财政直接支付",
  salaryAccrual: "计提工资",
  salaryPayment: "发放工资",
  fixedAssetPurchase: "购置固定资产",
  depreciation: "计提折旧",
  quotaCancellation: "年末注销额度",
  other: "其他",
};

export const ledgerTemplateLineBody = z.strictObject({
  account: accountCode,
  side: z.enum(["debit", "credit"]),
  summary: z.string().trim().max(200).optional(),
  aux: aux.optional(),
});
export const ledgerTemplateBody = z.strictObject({
  setId: uuidSchema.nullable().optional(),
  regionCode: z.string().regex(/^[0-9]{9}$/, "请选择乡镇（9位区划代码）").optional(),
  businessType: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, "业务类型为字母开头的英文代码"),
  name: z.string().trim().min(1, "请输入模板名称").max(60),
  summary: z.string().trim().min(1, "请输入默认摘要").max(200),
  lines: z.array(ledgerTemplateLineBody).min(2, "模板至少要有两行分录").max(200),
  active: z.boolean().optional(),
});
export const ledgerTemplatePatchBody = z.strictObject({
  businessType: ledgerTemplateBody.shape.businessType.optional(),
  name: ledgerTemplateBody.shape.name.optional(),
  summary: ledgerTemplateBody.shape.summary.optional(),
  lines: ledgerTemplateBody.shape.lines.optional(),
  active: z.boolean().optional(),
});
export const ledgerTemplateListQuery = z.strictObject({
  ...pageQuery,
  regionCode: z.string().regex(/^[0-9]{9}$/).optional(),
  setId: uuidSchema.optional(),
  active: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
});
export const ledgerSetTemplatesQuery = z.strictObject({ includeInactive: z.enum(["true", "false"]).transform((v) => v === "true").optional() });

/** Editing an entered voucher: the whole voucher again (the set does not change). */
export const ledgerEditVoucherBody = z.strictObject({
  date: calendarDate,
  summary: z.string().trim().min(1, "请输入摘要").max(200),
  attachments: z.number().int().min(0).max(999).default(0),
  confirmParallel: z.boolean().optional(),
  lines: z.array(ledgerVoucherLineBody).min(1).max(200),
});

export const ledgerOpeningLineBody = z.strictObject({ account: accountCode, debit: yuan.optional(), credit: yuan.optional(), aux: aux.optional() });
/** All the opening balances of a set at once; they replace what was entered before. */
export const ledgerOpeningBody = z.strictObject({ lines: z.array(ledgerOpeningLineBody).max(5000) });

/**
 * Year closing: optional amounts only the accountant knows — 专用基金 set aside from the year's
 * surplus, 专用结余 from 非财政拨款结余分配 (both 事业单位), and the residue of completed projects
 * moved from 财政拨款结转 to 财政拨款结余 and from 非财政拨款结转 to 非财政拨款结余.
 */
export const ledgerCloseYearBody = z
  .strictObject({ specialFund: yuan.optional(), specialSurplus: yuan.optional(), fiscalResidual: yuan.optional(), nonFiscalResidual: yuan.optional() })
  .nullish();
export const ledgerAuxDimensionSchema = z.enum(ledgerAuxDimensions);

/** A line of a voucher template: an account, its usual side, default dimensions. */
export interface LedgerTemplateLine {
  account: string;
  side: "debit" | "credit";
  summary?: string | undefined;
  aux?: Partial<Record<(typeof ledgerAuxDimensions)[number], string>> | undefined;
}
/** A voucher template as the API answers it. */
export interface LedgerTemplateView {
  /** A stored template's id, or `builtin:<businessType>`. */
  id: string;
  builtIn: boolean;
  regionCode: string;
  setId: string | null;
  businessType: string;
  name: string;
  summary: string;
  lines: LedgerTemplateLine[];
  active: boolean;
  updatedByName: string | null;
  updatedAt: string | null;
  /** Same number of debit and credit lines in each basis: one amount fills every line and balances. */
  oneAmount: boolean;
}
