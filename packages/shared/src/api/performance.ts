// Request schemas and answer shapes of budget performance (绩效) and rectification (整改). Indicator
// numbers are decimal strings, read exactly by the scoring rules in ../performance.ts.
import { z } from "zod";
import { parseFraction } from "../decimal.ts";
import { performanceDirections, targetLevel2Codes, type MonitoringColour, type PerformanceDirection, type PerformanceGrade, type PerformanceWeights, type TargetIndicatorInput, type TargetLevel1, type TargetLevel2 } from "../performance.ts";
import { calendarDate, pageQuery, regionCodeSchema, searchText, uuidSchema } from "./common.ts";

const yearSchema = z.coerce.number().int().min(2000).max(2100);
const decimalText = (what: string, allowNegative = false) =>
  z
    .string()
    .trim()
    .max(25)
    .refine((s) => {
      const v = parseFraction(s);
      return v !== null && (allowNegative || v.n >= 0n);
    }, `${what}应为${allowNegative ? "" : "不小于 0 的"}数字，如 95 或 0.92`);
const text = (max: number, message = "请填写") => z.string().trim().min(1, message).max(max);
const yuanText = z.string().regex(/^(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?$/, "金额应为数字，最多两位小数");

export const subjectKinds = ["project", "unit", "policy"] as const;
export const subjectKindNames = { project: "项目", unit: "部门整体", policy: "重大政策" } as const;
export const sheetStatuses = ["draft", "submitted", "returned", "accepted"] as const;
export const sheetStatusNames = { draft: "草稿", submitted: "待财政所审核", returned: "已退回修改", accepted: "审核通过" } as const;
export const performanceIndicatorSources = ["subsidy.coverage", "subsidy.recipients", "subsidy.paidAmount", "subsidy.paidOnTime"] as const;
export const performanceIndicatorSourceNames = { "subsidy.coverage": "覆盖率（享受人数 ÷ 应享受人数，%）", "subsidy.recipients": "享受补贴人数", "subsidy.paidAmount": "发放金额（元）", "subsidy.paidOnTime": "按时发放率（%）" } as const;
export const evaluationStatuses = ["selfEvaluation", "financeReview", "completed"] as const;
export const evaluationStatusNames = { selfEvaluation: "单位自评中", financeReview: "待财政评价", completed: "评价完成" } as const;
export const evaluationRoundNames = { self: "单位自评", finance: "财政评价", external: "第三方评价" } as const;

export const targetIndicatorSchema = z.strictObject({
  level2: z.enum(targetLevel2Codes as [TargetLevel2, ...TargetLevel2[]]),
  name: text(100, "请填写指标名称"),
  unit: text(20, "请填写计量单位"),
  direction: z.enum(performanceDirections),
  target: decimalText("目标值"),
  weight: decimalText("权重"),
  accumulates: z.boolean(),
  source: z.enum(performanceIndicatorSources).nullable().optional(),
});

export const targetSheetBody = z.strictObject({
  regionCode: regionCodeSchema,
  fiscalYear: yearSchema,
  subjectKind: z.enum(subjectKinds),
  /** The project's or unit's id; for a policy, the subsidy item's code or the programme's name. */
  subjectRef: text(100),
  /** A policy's name (projects and units are named by the library and the unit register). */
  subjectName: z.string().trim().min(1).max(200).optional(),
  overallGoal: text(2000, "请填写年度总体目标"),
  indicators: z.array(targetIndicatorSchema).max(60),
  submit: z.boolean().optional(),
});
export const targetSheetUpdateBody = targetSheetBody.omit({ regionCode: true, fiscalYear: true, subjectKind: true, subjectRef: true, subjectName: true });
export const targetSheetListQuery = z.strictObject({
  ...pageQuery,
  regionCode: regionCodeSchema.optional(),
  fiscalYear: yearSchema.optional(),
  subjectKind: z.enum(subjectKinds).optional(),
  status: z.enum(sheetStatuses).optional(),
  budgetUnitId: uuidSchema.optional(),
  q: searchText.optional(),
});
export const targetImportBody = z.strictObject({ content: z.string().min(1, "文件为空").max(1_000_000) });

export const monitoringBody = z.strictObject({
  month: z.number().int().min(1).max(12),
  note: z.string().trim().max(1000).optional(),
  values: z
    .array(
      z.strictObject({
        indicatorNo: z.number().int().min(1).max(60),
        actual: decimalText("实际完成值", true),
        reason: z.string().trim().max(1000).optional(),
        measure: z.string().trim().max(1000).optional(),
      }),
    )
    .min(1)
    .max(60),
});
export const monitoringListQuery = z.strictObject({
  ...pageQuery,
  regionCode: regionCodeSchema.optional(),
  fiscalYear: yearSchema.optional(),
  month: z.coerce.number().int().min(1).max(12).optional(),
  colour: z.enum(["red", "yellow", "green", "blue"]).optional(),
  sheetId: uuidSchema.optional(),
  q: searchText.optional(),
});
export const performanceRectificationBody = z.strictObject({
  sourceKind: z.enum(["performanceMonitoring", "performanceEvaluation"]),
  sourceId: uuidSchema,
  category: text(60, "请选择问题类别"),
  title: text(200, "请填写问题"),
  description: text(4000, "请描述问题"),
  responsiblePerson: text(50, "请填写整改责任人"),
  deadlineOn: calendarDate,
});
export const performanceSubjectsQuery = z.strictObject({ regionCode: regionCodeSchema.optional() });
export const actionListQuery = z.strictObject({
  ...pageQuery,
  regionCode: regionCodeSchema.optional(),
  kind: z.enum(["paymentHold", "adjustmentProposal"]).optional(),
  status: z.enum(["open", "closed"]).optional(),
});
export const actionCloseBody = z.strictObject({ note: text(2000, "请填写处理意见") });

export const congressPackageQuery = z.strictObject({ regionCode: regionCodeSchema.optional(), fiscalYear: yearSchema });
export const congressNoteBody = z.strictObject({
  regionCode: regionCodeSchema,
  fiscalYear: yearSchema,
  sheetId: uuidSchema.nullable().optional(),
  kind: z.enum(["question", "opinion"]),
  body: text(2000, "请填写问题或意见"),
});
export const congressAnswerBody = z.strictObject({ answer: text(2000, "请填写答复") });

const roundValues = z.array(z.strictObject({ indicatorNo: z.number().int().min(1).max(60), actual: decimalText("实际完成值", true) })).max(60);
export const evaluationBody = z.strictObject({
  sheetId: uuidSchema,
  /** Figures of a year before the platform: the budget and the amount paid, entered with the self-evaluation. */
  execution: z.strictObject({ issued: yuanText, paid: yuanText }).optional(),
  eligibleCount: z.number().int().min(1).max(100_000_000).optional(),
  dueOn: calendarDate.optional(),
  evaluator: text(100, "请填写评价人"),
  conclusion: text(4000, "请填写自评结论"),
  problems: z.string().trim().max(4000).optional(),
  values: roundValues,
});
export const evaluationRoundBody = z.strictObject({
  round: z.enum(["self", "finance", "external"]),
  evaluator: text(100, "请填写评价人或评价机构"),
  conclusion: text(4000, "请填写评价结论"),
  problems: z.string().trim().max(4000).optional(),
  values: roundValues,
  /** With the finance round: close the evaluation (its score and grade become final). */
  complete: z.boolean().optional(),
});
export const evaluationListQuery = z.strictObject({
  ...pageQuery,
  regionCode: regionCodeSchema.optional(),
  fiscalYear: yearSchema.optional(),
  subjectKind: z.enum(subjectKinds).optional(),
  status: z.enum(evaluationStatuses).optional(),
  grade: z.enum(["优", "良", "中", "差"]).optional(),
  q: searchText.optional(),
});
export const preparationAdviceQuery = z.strictObject({ roundId: uuidSchema });
export const resultExceptionBody = z.strictObject({
  regionCode: regionCodeSchema,
  fiscalYear: yearSchema,
  subjectKind: z.enum(subjectKinds),
  subjectRef: text(100),
  reason: text(2000, "请填写例外理由"),
});
export const resultAdviceQuery = z.strictObject({ regionCode: regionCodeSchema.optional(), fiscalYear: yearSchema });
export const performanceOverviewQuery = z.strictObject({ fiscalYear: yearSchema });

// ---- rectification (整改)

export const rectificationStatuses = ["rectifying", "verifying", "closed"] as const;
export const rectificationStatusNames = { rectifying: "整改中", verifying: "待核实销号", closed: "已销号" } as const;
export const rectificationBody = z.strictObject({
  regionCode: regionCodeSchema,
  category: text(60, "请选择问题类别"),
  title: text(200, "请填写问题"),
  description: text(4000, "请描述问题"),
  responsibleUnitId: uuidSchema.nullable().optional(),
  responsibleUnitName: z.string().trim().min(1).max(200).optional(),
  responsiblePerson: text(50, "请填写整改责任人"),
  deadlineOn: calendarDate,
});
export const rectificationListQuery = z.strictObject({
  ...pageQuery,
  regionCode: regionCodeSchema.optional(),
  flowCode: z.string().regex(/^[a-zA-Z]{1,60}$/).optional(),
  sourceKind: z.string().regex(/^[a-zA-Z]{1,60}$/).optional(),
  category: z.string().trim().max(60).optional(),
  status: z.enum(rectificationStatuses).optional(),
  overdue: z.enum(["true", "false"]).optional(),
  q: searchText.optional(),
});
export const rectificationEvidenceBody = z.strictObject({ evidence: text(4000, "请填写整改情况"), attachmentIds: z.array(uuidSchema).max(10).optional() });
/** The township an evidence file is uploaded for (POST /rectification/attachments, multipart field `file`). */
export const rectificationAttachmentQuery = z.strictObject({ regionCode: regionCodeSchema });
export const rectificationCategoryQuery = z.strictObject({ regionCode: regionCodeSchema.optional(), flowCode: z.string().regex(/^[a-zA-Z]{1,60}$/).optional() });

// ---- answers

export interface TargetIndicatorView extends TargetIndicatorInput {
  indicatorNo: number;
  level1: TargetLevel1;
  source: (typeof performanceIndicatorSources)[number] | null;
}

export interface TargetSheetView {
  id: string;
  regionCode: string;
  regionName: string;
  fiscalYear: number;
  subjectKind: (typeof subjectKinds)[number];
  subjectRef: string;
  subjectName: string;
  budgetUnitId: string | null;
  budgetUnitName: string | null;
  overallGoal: string;
  weights: PerformanceWeights;
  status: (typeof sheetStatuses)[number];
  submission: number;
  reviewNote: string | null;
  flowInstanceId: string | null;
  indicatorCount: number;
  /** The year's budget of the subject so far (from the issued indicators), and how much of it was paid. */
  issued: string;
  paid: string;
  executionRate: string;
  createdAt: string;
  updatedAt: string;
  acceptedAt: string | null;
}
export interface TargetSheetDetail extends TargetSheetView {
  indicators: TargetIndicatorView[];
}

export interface MonitoringValueView {
  indicatorNo: number;
  name: string;
  unit: string;
  direction: PerformanceDirection;
  target: string;
  accumulates: boolean;
  actual: string;
  expected: string;
  /** actual ÷ expected (expected ÷ actual for ≤) as a percentage, or null when it has no meaning. */
  ratio: string | null;
  colour: MonitoringColour;
  reason: string | null;
  measure: string | null;
}
export interface MonitoringReportView {
  id: string;
  regionCode: string;
  regionName: string;
  sheetId: string;
  subjectKind: (typeof subjectKinds)[number];
  subjectName: string;
  fiscalYear: number;
  month: number;
  issued: string;
  paid: string;
  executionRate: string;
  redCount: number;
  colours: Record<MonitoringColour, number>;
  note: string;
  enteredByName: string;
  enteredAt: string;
  values: MonitoringValueView[];
  actions: PerformanceActionView[];
}
export interface PerformanceActionView {
  id: string;
  regionCode: string;
  kind: "paymentHold" | "adjustmentProposal";
  sheetId: string;
  reportId: string;
  fiscalYear: number;
  subjectKind: (typeof subjectKinds)[number];
  subjectRef: string;
  subjectName: string;
  month: number;
  reason: string;
  status: "open" | "closed";
  openedAt: string;
  closedAt: string | null;
  closedByName: string | null;
  closeNote: string | null;
}

export interface CongressNoteView {
  id: string;
  regionCode: string;
  fiscalYear: number;
  sheetId: string | null;
  subjectName: string | null;
  kind: "question" | "opinion";
  body: string;
  askedByName: string;
  askedAt: string;
  answer: string | null;
  answeredByName: string | null;
  answeredAt: string | null;
}
export interface CongressPackageView {
  regionCode: string;
  regionName: string;
  fiscalYear: number;
  /** The round of the year's budget, when there is one, and whether the congress approved it. */
  roundStatus: "preparing" | "approved" | null;
  sheets: (TargetSheetDetail & { budget: string })[];
  notes: CongressNoteView[];
}

export interface EvaluationRoundView {
  round: "self" | "finance" | "external";
  evaluator: string;
  conclusion: string;
  problems: string;
  executionPoints: string;
  score: string;
  grade: PerformanceGrade;
  recordedByName: string;
  recordedAt: string;
  values: { indicatorNo: number; actual: string; completion: string; points: string }[];
}
/** A year's evaluations by township (the district sees every township's): the grades of the completed ones, how many are still open, and their average score. */
export interface EvaluationOverviewView {
  fiscalYear: number;
  townships: { regionCode: string; regionName: string; grades: Record<PerformanceGrade, number>; open: number; completed: number; averageScore: string | null }[];
}

export interface EvaluationView {
  id: string;
  regionCode: string;
  regionName: string;
  sheetId: string;
  fiscalYear: number;
  subjectKind: (typeof subjectKinds)[number];
  subjectRef: string;
  subjectName: string;
  budgetUnitName: string | null;
  status: (typeof evaluationStatuses)[number];
  issued: string;
  paid: string;
  executionRate: string;
  executionSource: "budget" | "subsidy" | "entered";
  selfScore: string | null;
  financeScore: string | null;
  score: string | null;
  grade: PerformanceGrade | null;
  flowInstanceId: string | null;
  createdAt: string;
  completedAt: string | null;
}
export interface EvaluationDetail extends EvaluationView {
  eligibleCount: number | null;
  dueOn: string | null;
  weights: PerformanceWeights;
  indicators: TargetIndicatorView[];
  rounds: EvaluationRoundView[];
  /** Figures taken from the subsidy module for a policy (null otherwise). */
  policyFigures: PolicyFiguresView | null;
  rectifications: { id: string; taskNo: string; title: string; status: (typeof rectificationStatuses)[number] }[];
}
export interface PolicyFiguresView {
  itemCode: string;
  itemName: string;
  recipients: number;
  lines: number;
  planned: string;
  paid: string;
  paidLines: number;
  paidOnTimeLines: number;
}

export interface PreparationAdviceView {
  lineId: string;
  /** The round's year: the year whose targets the line needs. */
  fiscalYear: number;
  projectId: string | null;
  subjectName: string;
  requested: string;
  targets: { sheetId: string | null; status: (typeof sheetStatuses)[number] | "missing" };
  result: ResultAdviceView | null;
}
export interface ResultAdviceView {
  subjectKind: (typeof subjectKinds)[number];
  subjectRef: string;
  subjectName: string;
  regionCode: string;
  regionName: string;
  evaluationId: string;
  evaluatedYear: number;
  score: string;
  grade: PerformanceGrade;
  advice: string;
  enforced: boolean;
  /** The current year's budget the change is measured against, and the most the next may be (null: no limit). */
  base: string;
  limit: string | null;
  exception: { reason: string; recordedByName: string; recordedAt: string } | null;
}

export interface RectificationTaskView {
  id: string;
  regionCode: string;
  regionName: string;
  taskNo: string;
  flowCode: string;
  kindName: string;
  sourceKind: string;
  sourceId: string;
  sourceLabel: string;
  category: string;
  categoryName: string;
  title: string;
  description: string;
  responsibleUnitName: string;
  responsiblePerson: string;
  deadlineOn: string;
  overdue: boolean;
  status: (typeof rectificationStatuses)[number];
  evidenceCount: number;
  closureNote: string | null;
  closedAt: string | null;
  closedByName: string | null;
  flowInstanceId: string | null;
  createdByName: string;
  createdAt: string;
}
export interface RectificationTaskDetail extends RectificationTaskView {
  /** What was submitted each time, with its files (download: GET /rectification/attachments/:id/content). */
  evidence: { seq: number; evidence: string; attachmentNames: string[]; attachments: { id: string; fileName: string }[]; submittedByName: string; submittedAt: string }[];
}
export interface RectificationCategoryView {
  category: string;
  categoryName: string;
  total: number;
  open: number;
  overdue: number;
  /** Townships (or units) where this category came up, most first: recurring problems stand out. */
  regions: number;
}
