// Request schemas and answer types of fund supervision (资金监管): rules over the platform's data,
// the alerts they raise (发现 → 核实 → 整改 → 销号), suppressions of false alarms, runs and reports.
import { z } from "zod";
import type { FlowTaskDetail } from "./views.ts";
import type { RectificationTaskDetail } from "./performance.ts";
import { calendarDate, pageQuery, regionCodeSchema, searchText, uuidSchema } from "./common.ts";

export const supervisionRuleCodes = [
  "SPLIT_PAYMENT",
  "PERSONAL_ACCOUNT_LARGE",
  "PAYEE_IS_STAFF",
  "CARD_SHARED",
  "DECEASED_PAID",
  "DUPLICATE_ACROSS_REGIONS",
  "IDLE_FUNDS",
  "YEAR_END_SURGE",
  "SUBSIDY_LATE",
  "LARGE_WITHOUT_ATTACHMENT",
] as const;
export type SupervisionRuleCode = (typeof supervisionRuleCodes)[number];
/** Each rule's Chinese name (the server's catalogue adds its stage and explanation). */
export const supervisionRuleNames: Record<SupervisionRuleCode, string> = {
  SPLIT_PAYMENT: "拆分支付规避审批",
  PERSONAL_ACCOUNT_LARGE: "大额资金转入个人账户",
  PAYEE_IS_STAFF: "收款人为本系统用户或公职人员",
  CARD_SHARED: "一卡多户领取补贴",
  DECEASED_PAID: "向已死亡人员发放补贴",
  DUPLICATE_ACROSS_REGIONS: "跨村（镇）重复享受补贴",
  IDLE_FUNDS: "资金沉淀",
  YEAR_END_SURGE: "年底突击花钱",
  SUBSIDY_LATE: "补贴发放不及时",
  LARGE_WITHOUT_ATTACHMENT: "大额支付无合同发票",
};

/** 事前 (before money moves), 事中 (while it moves), 事后 (after it moved). */
export const supervisionStages = ["before", "during", "after"] as const;
export type SupervisionStage = (typeof supervisionStages)[number];
export const supervisionStageLabels: Record<SupervisionStage, string> = { before: "事前", during: "事中", after: "事后" };

export const supervisionAlertStatuses = ["unassigned", "verifying", "verified", "rectifying", "rectified", "falseAlarmProposed", "closed", "falseAlarm"] as const;
export type SupervisionAlertStatus = (typeof supervisionAlertStatuses)[number];
export const supervisionAlertStatusLabels: Record<SupervisionAlertStatus, string> = {
  unassigned: "待分派",
  verifying: "待核实",
  verified: "已核实待整改",
  rectifying: "整改中",
  rectified: "整改待销号",
  falseAlarmProposed: "误报待确认",
  closed: "已销号",
  falseAlarm: "误报",
};

export const supervisionRunTriggers = ["manual", "schedule", "event", "cli", "demo"] as const;
export type SupervisionRunTrigger = (typeof supervisionRunTriggers)[number];
export const supervisionRunTriggerLabels: Record<SupervisionRunTrigger, string> = { manual: "手动运行", schedule: "定时运行", event: "业务事件触发", cli: "命令行", demo: "演示数据" };

const dateSchema = calendarDate;

export const supervisionAlertListQuery = z.strictObject({
  ...pageQuery,
  regionCode: regionCodeSchema.optional(),
  rule: z.enum(supervisionRuleCodes).optional(),
  stage: z.enum(supervisionStages).optional(),
  /** A status, or "open" (not closed or a false alarm), or "overdue" (open and past its step's deadline). */
  status: z.enum([...supervisionAlertStatuses, "open", "overdue"]).optional(),
  q: searchText.optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
});
export const supervisionAlertExportQuery = supervisionAlertListQuery.omit({ page: true, pageSize: true });

export const supervisionRunBody = z.strictObject({
  /** The district's code (the whole district) or a township's; the user's own by default. */
  regionCode: regionCodeSchema.optional(),
  /** Which rules (all when left out); an empty list is refused rather than read as "all". */
  rules: z.array(z.enum(supervisionRuleCodes)).min(1, "至少选择一条规则").max(supervisionRuleCodes.length).optional(),
});
export const supervisionRunListQuery = z.strictObject({ ...pageQuery });

export const supervisionSuppressionBody = z.strictObject({
  alertId: uuidSchema,
  reason: z.string().trim().min(2, "请填写理由").max(500),
  expiresOn: dateSchema,
});
export const supervisionSuppressionRevokeBody = z.strictObject({ reason: z.string().trim().min(2, "请填写撤销理由").max(500) });
export const supervisionSuppressionListQuery = z.strictObject({
  ...pageQuery,
  regionCode: regionCodeSchema.optional(),
  rule: z.enum(supervisionRuleCodes).optional(),
  active: z.enum(["true", "false"]).optional(),
});

export const supervisionThresholdBody = z.strictObject({ regionCode: regionCodeSchema, value: z.union([z.string().max(40), z.number()]) });
export const supervisionThresholdResetQuery = z.strictObject({ regionCode: regionCodeSchema });
export const supervisionRulesQuery = z.strictObject({ regionCode: regionCodeSchema.optional() });

export const supervisionReportQuery = z.strictObject({ regionCode: regionCodeSchema.optional(), from: dateSchema, to: dateSchema });
export const supervisionDashboardQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const supervisionIssuedReportParams = z.strictObject({ regionCode: regionCodeSchema, period: z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, "月份格式应为 YYYY-MM") });
export const supervisionIssuedReportListQuery = z.strictObject({ ...pageQuery, regionCode: regionCodeSchema.optional() });

// ---------------------------------------------------------------- answers

export interface SupervisionThresholdView {
  key: string;
  name: string;
  description: string;
  kind: "integer" | "yuan";
  /** The value in force: a number (days, months, percent) or yuan ("50000.00"). */
  value: number | string;
  fallback: number | string;
  /** "default", or the region code whose value applies. */
  source: string;
  /** The region's own value, or null when it inherits. */
  own: number | string | null;
}

export interface SupervisionRuleView {
  code: SupervisionRuleCode;
  name: string;
  stage: SupervisionStage;
  stageName: string;
  explanation: string;
  looksAt: string;
  thresholds: SupervisionThresholdView[];
}

export interface SupervisionRuleRunFiguresView {
  found: number;
  raised: number;
  merged: number;
  unchanged: number;
  suppressed: number;
  handled: number;
  milliseconds: number;
}

export interface SupervisionRunView {
  id: string;
  regionCode: string;
  regionName: string;
  scopePrefix: string;
  trigger: SupervisionRunTrigger;
  triggerName: string;
  rules: SupervisionRuleCode[];
  startedAt: string;
  finishedAt: string;
  actorName: string;
  summary: Partial<Record<SupervisionRuleCode, SupervisionRuleRunFiguresView>>;
  raised: number;
}

export interface SupervisionAlertListItem {
  id: string;
  alertNo: string;
  regionCode: string;
  regionName: string;
  rule: SupervisionRuleCode;
  ruleName: string;
  stage: SupervisionStage;
  stageName: string;
  status: SupervisionAlertStatus;
  statusName: string;
  message: string;
  amount: string;
  objectCount: number;
  firstFoundAt: string;
  lastFoundAt: string;
  foundRuns: number;
  ownerName: string | null;
  deadlineAt: string | null;
  overdue: boolean;
  escalated: boolean;
  closedAt: string | null;
  flowInstanceId: string | null;
}

export interface SupervisionAlertObjectView {
  type: string;
  typeName: string;
  id: string;
  regionCode: string;
  label: string;
  /** The page of the object in the web app, when there is one. */
  link: string | null;
  addedAt: string;
}

export interface SupervisionAlertEvidenceView {
  facts: { label: string; value: string }[];
  items: { objectType: string; objectId: string; regionCode: string; label: string; date: string | null; amount: string | null; note: string }[];
}

export interface SupervisionAlertEventView {
  seq: number;
  at: string;
  kind: "found" | "evidenceAdded" | "rectification" | "assigned";
  kindName: string;
  note: string | null;
  amount: string | null;
  objectsAdded: number;
  actorName: string;
  attachments: { id: string; fileName: string }[];
}

export interface SupervisionSuppressionView {
  id: string;
  regionCode: string;
  regionName: string;
  rule: SupervisionRuleCode;
  ruleName: string;
  objectType: string;
  objectId: string;
  label: string;
  reason: string;
  expiresOn: string;
  active: boolean;
  alertId: string | null;
  createdByName: string;
  createdAt: string;
  revokedAt: string | null;
  revokedByName: string | null;
  revokeReason: string | null;
}

export interface SupervisionAlertDetailView extends SupervisionAlertListItem {
  explanation: string;
  evidence: SupervisionAlertEvidenceView;
  objects: SupervisionAlertObjectView[];
  events: SupervisionAlertEventView[];
  /**
   * The step the alert waits on now — its verification, then its rectification task's — with the
   * history of both flows and the moves the viewer may make (null while unassigned).
   */
  task: FlowTaskDetail | null;
  /** The rectification task opened when the township planned its measures (submit evidence on it). */
  rectification: RectificationTaskDetail | null;
  suppressions: SupervisionSuppressionView[];
}

export interface SupervisionReportRow {
  key: string;
  name: string;
  alerts: number;
  open: number;
  rectified: number;
  falseAlarms: number;
  overdue: number;
  amount: string;
  /** Closed after rectification ÷ confirmed as real problems, as a percentage ("75.0"), or null when none. */
  rectificationRate: string | null;
}

export interface SupervisionReportView {
  regionCode: string;
  regionName: string;
  from: string;
  to: string;
  generatedAt: string;
  total: SupervisionReportRow;
  byRule: SupervisionReportRow[];
  byStage: SupervisionReportRow[];
  byTownship: SupervisionReportRow[];
  byStatus: SupervisionReportRow[];
  overdue: SupervisionAlertListItem[];
}

export interface SupervisionDashboardView {
  year: number;
  months: string[];
  townships: { regionCode: string; name: string; counts: number[]; open: number }[];
}

export interface SupervisionIssuedReportView {
  regionCode: string;
  regionName: string;
  period: string;
  issuedAt: string;
  report: SupervisionReportView;
}
