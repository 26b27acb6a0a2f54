// Request schemas and answer types of government debt (债务台账): the register, repayment schedules,
// repayments through treasury payments, the ratio and maturity profile, comprehensive capacity.
import { z } from "zod";
import { calendarDate, pageQuery, regionCodeSchema, searchText, uuidSchema } from "./common.ts";
import { budgetAmountSchema, fiscalYearSchema } from "./budget.ts";

export const debtKinds = ["bond", "loan", "arrears", "other"] as const;
export type DebtKind = (typeof debtKinds)[number];
export const debtKindNames: Record<DebtKind, string> = { bond: "政府债券（转贷）", loan: "银行及其他借款", arrears: "拖欠企业账款", other: "其他负债" };
export const bondTypeNames = { general: "一般债券", special: "专项债券" } as const;
export const bondPurposeNames = { new: "新增债券", refinancing: "再融资债券" } as const;
export const scheduleMethodNames = { bullet: "按期付息、到期还本", equalPrincipal: "等额本金", annuity: "等额本息" } as const;
export const scheduleFrequencyNames = { monthly: "按月", quarterly: "按季", semiannual: "按半年", annual: "按年" } as const;
export const debtColourNames = { green: "绿色（正常）", yellow: "黄色预警", orange: "橙色预警", red: "红色预警" } as const;

const dateSchema = calendarDate;
const rateSchema = z.string().regex(/^(0|[1-9][0-9]{0,3})(\.[0-9]{1,4})?$/, "年利率（%）应为数字，最多4位小数，如 3.25");
const nonNegativeAmount = z.string().regex(/^(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?$/, "金额应为数字，最多两位小数");

export const resolutionPlanSchema = z.strictObject({
  documentNo: z.string().trim().min(1, "请填写化债方案文号").max(100),
  measures: z.string().trim().min(2, "请填写化债措施").max(1000),
  targets: z.array(z.strictObject({ year: fiscalYearSchema, amount: budgetAmountSchema })).min(1, "至少一个年度化债目标").max(30),
});

export const createDebtBody = z.strictObject({
  regionCode: regionCodeSchema,
  kind: z.enum(debtKinds),
  name: z.string().trim().min(2, "请填写债务名称").max(200),
  bondType: z.enum(["general", "special"]).optional(),
  bondPurpose: z.enum(["new", "refinancing"]).optional(),
  creditorName: z.string().trim().min(2, "请填写债权人").max(200),
  creditorCreditCode: z.string().trim().max(18).optional(),
  documentNo: z.string().trim().min(1, "请填写转贷文件或合同编号").max(100),
  purpose: z.string().trim().max(500).default(""),
  principal: budgetAmountSchema,
  startDate: dateSchema,
  /** Arrears: the day the amount is due (one line); other kinds: from the schedule. */
  dueDate: dateSchema.optional(),
  annualRate: rateSchema.default("0"),
  periods: z.coerce.number().int().min(1).max(600).default(1),
  frequency: z.enum(["monthly", "quarterly", "semiannual", "annual"]).default("annual"),
  method: z.enum(["bullet", "equalPrincipal", "annuity"]).default("bullet"),
  isHidden: z.boolean().default(false),
  resolutionPlan: resolutionPlanSchema.optional(),
});
export type CreateDebtBody = z.input<typeof createDebtBody>;

export const amendDebtBody = z.strictObject({
  name: z.string().trim().min(2).max(200).optional(),
  purpose: z.string().trim().max(500).optional(),
  documentNo: z.string().trim().min(1).max(100).optional(),
  creditorName: z.string().trim().min(2).max(200).optional(),
  isHidden: z.boolean().optional(),
  reason: z.string().trim().min(2, "请说明修改原因").max(200),
});

export const resolutionPlanBody = z.strictObject({ plan: resolutionPlanSchema, reason: z.string().trim().min(2, "请说明原因").max(200) });

export const regenerateScheduleBody = z.strictObject({
  annualRate: rateSchema,
  periods: z.coerce.number().int().min(1).max(600),
  frequency: z.enum(["monthly", "quarterly", "semiannual", "annual"]),
  method: z.enum(["bullet", "equalPrincipal", "annuity"]),
  reason: z.string().trim().min(2, "请说明原因").max(200),
});

export const scheduleLineInput = z.strictObject({ period: z.string().max(10), dueDate: z.string().max(20), principal: z.string().max(30), interest: z.string().max(30) });

export const repayBody = z.strictObject({
  period: z.coerce.number().int().min(1).max(600),
  /** The debt-service indicator the payment draws on. */
  indicatorId: uuidSchema,
  principal: nonNegativeAmount,
  interest: nonNegativeAmount,
  payeeAccount: z.string().trim().min(6, "请填写收款账号").max(40),
  payeeBank: z.string().trim().min(2, "请填写开户银行").max(100),
  /** The creditor's credit code when the register has none (bonds: the on-lending finance bureau). */
  payeeCreditCode: z.string().trim().max(18).optional(),
});

export const capacityBody = z.strictObject({
  regionCode: regionCodeSchema,
  year: fiscalYearSchema,
  generalRevenue: nonNegativeAmount,
  transferRevenue: nonNegativeAmount,
  fundRevenue: nonNegativeAmount,
  stateCapitalRevenue: nonNegativeAmount,
  note: z.string().trim().max(500).default(""),
});

export const debtListQuery = z.strictObject({
  ...pageQuery,
  regionCode: regionCodeSchema.optional(),
  kind: z.enum(debtKinds).optional(),
  hidden: z.enum(["true", "false"]).optional(),
  status: z.enum(["active", "settled"]).optional(),
  overdue: z.enum(["true", "false"]).optional(),
  q: searchText.optional(),
});
export const debtIndicatorsQuery = z.strictObject({ regionCode: regionCodeSchema.optional(), year: fiscalYearSchema.optional() });
export const debtDistrictQuery = z.strictObject({ year: fiscalYearSchema.optional() });
export const debtIdParams = z.strictObject({ id: uuidSchema });

export type DebtColour = "green" | "yellow" | "orange" | "red";
export type ScheduleLineStatus = "paid" | "partlyPaid" | "overdue" | "due" | "future";
export const scheduleLineStatusNames: Record<ScheduleLineStatus, string> = { paid: "已还清", partlyPaid: "部分偿还", overdue: "逾期未还", due: "本月到期", future: "未到期" };

export interface DebtView {
  id: string;
  regionCode: string;
  regionName: string;
  debtNo: string;
  kind: DebtKind;
  kindName: string;
  name: string;
  bondType: "general" | "special" | null;
  bondPurpose: "new" | "refinancing" | null;
  creditorName: string;
  creditorCreditCode: string | null;
  documentNo: string;
  purpose: string;
  principal: string;
  balance: string;
  repaidPrincipal: string;
  repaidInterest: string;
  startDate: string;
  maturityDate: string;
  annualRate: string;
  periods: number;
  frequency: keyof typeof scheduleFrequencyNames;
  method: keyof typeof scheduleMethodNames;
  isHidden: boolean;
  resolutionPlan: { documentNo: string; measures: string; targets: { year: number; amount: string; resolved: string }[] } | null;
  scheduleVersion: number;
  scheduleSource: "generated" | "imported" | null;
  status: "active" | "settled";
  overdueLines: number;
  overdueAmount: string;
  nextDueDate: string | null;
  createdAt: string;
}

export interface ScheduleLineView {
  period: number;
  dueDate: string;
  principal: string;
  interest: string;
  payment: string;
  balance: string;
  paidPrincipal: string;
  paidInterest: string;
  /** Repayments entered and not yet paid by the bank. */
  pendingAmount: string;
  status: ScheduleLineStatus;
  statusName: string;
}

export interface RepaymentView {
  id: string;
  period: number;
  principal: string;
  interest: string;
  paymentId: string;
  paymentNo: string;
  paymentStatus: string;
  paymentStatusName: string;
  paidAt: string | null;
  createdAt: string;
}

export interface DebtEventView {
  seq: number;
  kind: string;
  kindName: string;
  actorName: string;
  at: string;
  before: unknown;
  after: unknown;
}

export interface DebtDetailView extends DebtView {
  schedule: ScheduleLineView[];
  repayments: RepaymentView[];
  events: DebtEventView[];
}

export interface CapacityView {
  year: number;
  source: "entered" | "budget" | "none";
  generalRevenue: string;
  transferRevenue: string;
  fundRevenue: string;
  stateCapitalRevenue: string;
  total: string;
  version: number | null;
  note: string;
}

export interface DebtIndicatorsView {
  regionCode: string;
  regionName: string;
  year: number;
  asOf: string;
  balance: string;
  balanceByKind: Record<DebtKind, string>;
  hiddenBalance: string;
  capacity: CapacityView;
  /** Percent with 2 decimals, or null when capacity is 0. */
  debtRatio: string | null;
  colour: DebtColour | null;
  colourName: string;
  debtService: string;
  debtServiceRatio: string | null;
  thresholds: { yellow: string; orange: string; red: string };
  overdueLines: number;
  overdueAmount: string;
  maturity: { bucket: string; label: string; principal: string; interest: string }[];
  trend: { month: string; balance: string; debtRatio: string | null }[];
}

export interface DistrictDebtRow {
  regionCode: string;
  regionName: string;
  balance: string;
  capacity: string;
  debtRatio: string | null;
  colour: DebtColour | null;
  debtServiceRatio: string | null;
  overdueAmount: string;
  rank: number | null;
}

export interface DistrictDebtView {
  year: number;
  rows: DistrictDebtRow[];
  total: { balance: string; capacity: string; debtRatio: string | null; colour: DebtColour | null; overdueAmount: string };
}

export interface ScheduleImportResult {
  ok: boolean;
  errors: { row: number; field: string; message: string }[];
  lines: number;
  debt: DebtDetailView | null;
}
