// Request schemas of the classification catalogues, budget preparation and indicators.
// Amounts are decimal yuan strings ("1234.50"), parsed exactly with tryParseYuan.
import { z } from "zod";
import { tryParseYuan } from "../money.ts";
import { calendarDate, pageQuery, regionCodeSchema, searchText, uuidSchema } from "./common.ts";

/** A positive amount in yuan with at most two decimals. */
export const budgetAmountSchema = z.string().refine((s) => {
  const r = tryParseYuan(s);
  return r.ok && r.fen > 0n;
}, "金额应为大于零的数字，最多两位小数，如 1234.50");
/** A non-zero signed amount (an adjustment up or down). */
export const budgetSignedAmountSchema = z.string().refine((s) => {
  const r = tryParseYuan(s, { allowNegative: true });
  return r.ok && r.fen !== 0n;
}, "金额应为非零数字，最多两位小数；调减请写负数，如 -1000.00");
export const fiscalYearSchema = z.coerce.number().int().min(2000).max(2100);
export const classificationKinds = ["functional", "economic", "revenue"] as const;
export const classificationKindNames = { functional: "支出功能分类", economic: "部门预算支出经济分类", revenue: "收入分类" } as const;
export const fundNatures = ["generalBudget", "governmentFund", "upperTransfer", "stateCapital", "other"] as const;
export const fundNatureNames = { generalBudget: "一般公共预算", governmentFund: "政府性基金预算", upperTransfer: "上级转移支付", stateCapital: "国有资本经营预算", other: "其他资金" } as const;
/**
 * The appropriation funds (财政拨款种类) a unit's ledger analyses and the authorised-payment quota is issued
 * in: an indicator's fund is its fund nature's, 上级转移支付 and 其他资金 counting as 一般公共预算.
 */
export const appropriationFunds = ["generalBudget", "governmentFund", "stateCapital"] as const;
export type AppropriationFund = (typeof appropriationFunds)[number];
export const appropriationFundNames: Record<AppropriationFund, string> = { generalBudget: "一般公共预算", governmentFund: "政府性基金", stateCapital: "国有资本经营" };
/** The appropriation fund of a fund nature (upper transfers and other money: 一般公共预算). */
export function appropriationFundOf(fundNature: string | null | undefined): AppropriationFund {
  return fundNature === "governmentFund" || fundNature === "stateCapital" ? fundNature : "generalBudget";
}
export const paymentMethods = ["direct", "authorised"] as const;
export const paymentMethodNames = { direct: "直接支付", authorised: "授权支付" } as const;
export const indicatorSourceNames = { approvedBudget: "年初预算", upperTransfer: "上级转移支付", carryOver: "上年结转" } as const;
export const indicatorStatusNames = { active: "执行中", closed: "已结账", balance: "已转结余" } as const;
export const indicatorEventKindNames = {
  issued: "下达",
  adjusted: "预算调整",
  transferredIn: "调剂调入",
  transferredOut: "调剂调出",
  carriedOut: "结转下年",
  carriedIn: "上年结转",
  becameBalance: "转为结余",
  reserved: "占用",
  settled: "支付",
  released: "释放",
  closed: "年度结账",
} as const;
export const adjustmentKinds = ["totalChange", "stabilisationFund", "priorityCut", "borrowing"] as const;
export const adjustmentKindNames = { totalChange: "调整预算总支出", stabilisationFund: "动用预算稳定调节基金", priorityCut: "调减重点支出", borrowing: "增加举借债务" } as const;

const functionalCodeSchema = z.string().regex(/^[0-9]{3}([0-9]{2}){0,2}$/, "功能分类编码应为3、5或7位数字");
const economicCodeSchema = z.string().regex(/^[0-9]{3}([0-9]{2})?$/, "经济分类编码应为3或5位数字");
const dateSchema = calendarDate;
const documentNoSchema = z.string().trim().min(1, "请输入文号").max(100);

// ---- catalogues

export const classificationListQuery = z.strictObject({
  ...pageQuery,
  fiscalYear: fiscalYearSchema,
  kind: z.enum(classificationKinds),
  parentCode: z.string().regex(/^[0-9]{3,7}$/).optional(),
  level: z.coerce.number().int().min(1).max(4).optional(),
  q: searchText.optional(),
});
export const classificationParams = z.strictObject({ kind: z.enum(classificationKinds), code: z.string().regex(/^[0-9]{3,9}$/, "编码应为数字") });
export const classificationLookupQuery = z.strictObject({ fiscalYear: fiscalYearSchema });
/** A catalogue file: CSV as text, or an Excel workbook (.xlsx) as base64 (the request body is at most 1 MB). */
export const classificationImportBody = z.strictObject({
  fiscalYear: fiscalYearSchema,
  kind: z.enum(classificationKinds),
  format: z.enum(["csv", "xlsx"]),
  content: z.string().min(1, "文件为空").max(1_000_000),
  dryRun: z.boolean().optional(),
});
export const classificationDefaultsBody = z.strictObject({ fiscalYear: fiscalYearSchema });

// ---- indicators

export const indicatorListQuery = z.strictObject({
  ...pageQuery,
  regionCode: regionCodeSchema.optional(),
  fiscalYear: fiscalYearSchema.optional(),
  budgetUnitId: uuidSchema.optional(),
  functionalCode: z.string().regex(/^[0-9]{1,7}$/).optional(),
  economicCode: z.string().regex(/^[0-9]{1,5}$/).optional(),
  paymentMethod: z.enum(paymentMethods).optional(),
  status: z.enum(["active", "closed", "balance"]).optional(),
  availableMin: budgetAmountSchema.optional(),
  q: searchText.optional(),
});
export const issueIndicatorBody = z.strictObject({
  regionCode: regionCodeSchema,
  fiscalYear: fiscalYearSchema,
  documentNo: documentNoSchema,
  source: z.enum(["approvedBudget", "upperTransfer"]),
  budgetUnitId: uuidSchema,
  functionalCode: functionalCodeSchema,
  economicCode: economicCodeSchema,
  fundNature: z.enum(fundNatures),
  paymentMethod: z.enum(paymentMethods),
  summary: z.string().trim().min(1, "请输入摘要").max(200),
  amount: budgetAmountSchema,
});
export const adjustIndicatorBody = z.strictObject({
  delta: budgetSignedAmountSchema,
  resolutionId: uuidSchema,
  note: z.string().trim().min(1, "请说明调整原因").max(500),
  /** Made for an emergency: adding expenditure waits until the reserve fund (功能分类 227) is used up. */
  emergency: z.boolean().optional(),
});
export const budgetTransferBody = z.strictObject({
  fromIndicatorId: uuidSchema,
  toIndicatorId: uuidSchema,
  amount: budgetAmountSchema,
  reason: z.string().trim().min(1, "请说明调剂原因").max(500),
});
export const resolutionBody = z.strictObject({
  regionCode: regionCodeSchema,
  kind: z.enum(["budgetApproval", "budgetAdjustment"]),
  fiscalYear: fiscalYearSchema,
  session: z.string().trim().min(1, "请输入会议名称").max(100),
  resolutionNo: documentNoSchema,
  resolvedOn: dateSchema,
  approvedTotal: budgetAmountSchema.optional(),
  adjustmentKind: z.enum(adjustmentKinds).optional(),
  note: z.string().trim().max(500).optional(),
});
export const resolutionListQuery = z.strictObject({ ...pageQuery, regionCode: regionCodeSchema.optional(), fiscalYear: fiscalYearSchema.optional() });
export const yearEndBody = z.strictObject({ regionCode: regionCodeSchema, fiscalYear: fiscalYearSchema });

// ---- budget preparation

export const budgetRoundBody = z.strictObject({ regionCode: regionCodeSchema, fiscalYear: fiscalYearSchema });
export const budgetRoundListQuery = z.strictObject({ ...pageQuery, regionCode: regionCodeSchema.optional(), fiscalYear: fiscalYearSchema.optional() });
export const budgetLineBody = z.strictObject({
  budgetUnitId: uuidSchema,
  expenditureKind: z.enum(["basic", "project"]),
  /** Project expenditure names a project of the unit in the project library whose assessment passed. */
  projectId: uuidSchema.optional(),
  projectName: z.string().trim().min(2).max(100).optional(),
  functionalCode: z.string().regex(/^[0-9]{7}$/, "功能分类须细化到项（7位）"),
  economicCode: z.string().regex(/^[0-9]{5}$/, "经济分类须细化到款（5位）"),
  fundNature: z.enum(fundNatures),
  paymentMethod: z.enum(paymentMethods),
  amount: budgetAmountSchema,
});
/** A returned line, edited by the budget unit and submitted again (its unit stays the same). */
export const budgetLineResubmitBody = z.strictObject({
  ...budgetLineBody.omit({ budgetUnitId: true }).shape,
  note: z.string().trim().min(1, "请说明修改内容").max(500),
});
/** One event of a line's review history, as the server answers it. */
export interface BudgetLineEventView {
  seq: number;
  at: string;
  kind: "requested" | "accepted" | "cut" | "returned" | "resubmitted";
  submission: number;
  requested: string;
  approved: string | null;
  note: string | null;
  changes: Record<string, { before: unknown; after: unknown }> | null;
  actorName: string;
}
export const budgetLineEventKindNames = { requested: "申报", accepted: "同意", cut: "核减", returned: "退回", resubmitted: "修改后重新提交" } as const;
export const budgetLineListQuery = z.strictObject({
  ...pageQuery,
  budgetUnitId: uuidSchema.optional(),
  reviewStatus: z.enum(["pending", "accepted", "cut", "returned"]).optional(),
  q: searchText.optional(),
});
export const budgetLineReviewBody = z.strictObject({
  decision: z.enum(["accept", "cut", "return"]),
  approvedAmount: budgetAmountSchema.optional(),
  note: z.string().trim().max(500).optional(),
});
export const budgetLinesImportBody = z.strictObject({ content: z.string().min(1).max(1_400_000) });
export const budgetApprovalBody = z.strictObject({
  session: z.string().trim().min(1, "请输入会议名称").max(100),
  resolutionNo: documentNoSchema,
  resolvedOn: dateSchema,
  approvedTotal: budgetAmountSchema,
});
export const budgetTotalsQuery = z.strictObject({ by: z.enum(["unit", "functional1", "functional2", "functional3", "economic1", "economic2", "government1"]) });
/** Look-up of the government economic class (50x) of a department economic code (30x); without a code, the whole table. */
export const economicMappingQuery = z.strictObject({
  code: z.string().regex(/^[0-9]{3}([0-9]{2})?$/, "经济分类编码应为3或5位数字").optional(),
  unitKind: z.enum(["administrative", "publicInstitution"]).default("administrative"),
});
export const mappingUnitKindNames = { administrative: "行政单位（机关）", publicInstitution: "事业单位" } as const;

// ---- project library (项目库) and ex-ante assessment (事前绩效评估)

export const projectCategories = ["infrastructure", "agriculture", "socialService", "environment", "informatisation", "other"] as const;
export const projectCategoryNames = { infrastructure: "基础设施建设", agriculture: "农业农村发展", socialService: "社会事业", environment: "生态环境整治", informatisation: "信息化建设", other: "其他" } as const;
export const projectStatuses = ["awaitingAssessment", "passed", "failed"] as const;
export const projectStatusNames = { awaitingAssessment: "待评估", passed: "评估通过", failed: "评估未通过" } as const;
/** The five criteria of DOMAIN.md §10, each scored 0-20 in whole points. */
export const exAnteCriterionNames = { necessity: "立项必要性", economy: "投入经济性", target: "绩效目标合理性", feasibility: "实施方案可行性", financing: "筹资合规性" } as const;

/** A project of the library, as the server answers it. */
export interface ProjectView {
  id: string;
  regionCode: string;
  projectNo: string;
  budgetUnitId: string;
  budgetUnitName: string;
  name: string;
  category: string;
  description: string;
  functionalCode: string;
  plannedTotal: string;
  startYear: number;
  endYear: number;
  status: (typeof projectStatuses)[number];
  /** The total score of the latest assessment; null before the first. */
  latestScore: number | null;
  createdAt: string;
}
/** One ex-ante assessment, as the server answers it. */
export interface ProjectAssessmentView {
  id: string;
  scores: Record<keyof typeof exAnteCriterionNames, number>;
  totalScore: number;
  passMark: number;
  passed: boolean;
  conclusion: string;
  assessor: string;
  assessedOn: string;
  recordedAt: string;
}

export const projectBody = z.strictObject({
  regionCode: regionCodeSchema,
  budgetUnitId: uuidSchema,
  name: z.string().trim().min(2, "项目名称至少2个字").max(100),
  category: z.enum(projectCategories),
  description: z.string().trim().min(1, "请填写项目内容和必要性").max(2000),
  functionalCode: z.string().regex(/^[0-9]{7}$/, "功能分类须细化到项（7位）"),
  plannedTotal: budgetAmountSchema,
  startYear: fiscalYearSchema,
  endYear: fiscalYearSchema,
});
export const projectListQuery = z.strictObject({
  ...pageQuery,
  regionCode: regionCodeSchema.optional(),
  budgetUnitId: uuidSchema.optional(),
  status: z.enum(projectStatuses).optional(),
  category: z.enum(projectCategories).optional(),
  q: searchText.optional(),
});
const criterionScore = z.number().int("须为整数分").min(0, "不能低于0分").max(20, "不能超过20分");
export const projectAssessmentBody = z.strictObject({
  necessity: criterionScore,
  economy: criterionScore,
  target: criterionScore,
  feasibility: criterionScore,
  financing: criterionScore,
  conclusion: z.string().trim().min(1, "请填写评估结论").max(1000),
  assessor: z.string().trim().min(1, "请填写评估人或评估机构").max(100),
  assessedOn: dateSchema,
});

// ---- execution report

export const executionReportQuery = z.strictObject({
  regionCode: regionCodeSchema.optional(),
  fiscalYear: fiscalYearSchema,
  by: z.enum(["township", "unit", "functional1", "functional2", "functional3", "economic1", "economic2", "month"]),
});
