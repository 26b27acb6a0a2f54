// Request schemas and answer types of reporting up (上报): periodic reports a township owes the
// district, prepared, submitted by a deadline, reviewed (accepted or returned) and locked.
import { z } from "zod";
import { pageQuery, regionCodeSchema, uuidSchema } from "./common.ts";

export const reportKindCode = z.string().regex(/^[a-zA-Z]{2,40}$/, "报表种类代码无效");
/** A month 2026-11, a quarter 2026-Q4 or a year 2026. */
export const reportPeriodSchema = z.string().regex(/^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, "报告期应为 2026-11、2026-Q4 或 2026");

export const reportStatuses = ["notStarted", "prepared", "returned", "submitted", "accepted"] as const;
export type ReportDisplayStatus = (typeof reportStatuses)[number];
export const reportStatusLabels: Record<ReportDisplayStatus, string> = {
  notStarted: "未编制",
  prepared: "编制中",
  returned: "已退回待修改",
  submitted: "已上报待审核",
  accepted: "已审核锁定",
};

export const reportColours = ["green", "yellow", "orange", "red"] as const;
export type ReportColour = (typeof reportColours)[number];

export const prepareReportBody = z.strictObject({ kind: reportKindCode, regionCode: regionCodeSchema, period: reportPeriodSchema });
export const submitReportBody = z.strictObject({
  /** Explains the warnings of the audit formulas, when there are any. */
  note: z.string().trim().max(500).optional(),
  /** The version the person looked at: a newer preparation in between is STALE. */
  version: z.coerce.number().int().min(1),
});
export const acceptReportBody = z.strictObject({ note: z.string().trim().max(500).optional() });
export const returnReportBody = z.strictObject({ note: z.string().trim().min(2, "请填写退回意见").max(500) });
export const reportListQuery = z.strictObject({
  ...pageQuery,
  kind: reportKindCode.optional(),
  period: reportPeriodSchema.optional(),
  regionCode: regionCodeSchema.optional(),
  status: z.enum(["prepared", "submitted", "accepted"]).optional(),
});
export const reportStatusQuery = z.strictObject({ kind: reportKindCode, period: reportPeriodSchema });
export const reportIdParams = z.strictObject({ id: uuidSchema });

export interface ReportProblemView {
  level: "error" | "warning";
  code: string;
  message: string;
}

export interface ReportKindView {
  code: string;
  name: string;
  periodicity: "month" | "quarter" | "year";
  deadlineDays: number;
  /** money: a yuan amount, shown in the one money format (1,234.56). */
  summaryColumns: { key: string; label: string; money?: boolean }[];
  rank: { label: string; direction: "asc" | "desc" } | null;
}

export interface ReportView {
  id: string;
  regionCode: string;
  regionName: string;
  kind: string;
  kindName: string;
  period: string;
  periodLabel: string;
  status: "prepared" | "submitted" | "accepted";
  displayStatus: ReportDisplayStatus;
  statusName: string;
  version: number;
  content: Record<string, unknown>;
  problems: ReportProblemView[];
  deadlineAt: string;
  /** The deadline of the step now open (a returned report gets days to resubmit), or null when closed. */
  stepDeadlineAt: string | null;
  overdue: boolean;
  /** Submitted after the deadline. */
  late: boolean;
  flowInstanceId: string | null;
  preparedByName: string;
  preparedAt: string;
  submittedByName: string | null;
  submittedAt: string | null;
  reviewedByName: string | null;
  reviewedAt: string | null;
  returnNote: string | null;
  returnCount: number;
  summary: Record<string, string>;
  colour: ReportColour | null;
  /** What the person may do now. */
  actions: ("prepare" | "submit" | "accept" | "return")[];
}

export interface ReportVersionView {
  version: number;
  contentHash: string;
  builtByName: string;
  builtAt: string;
  problems: ReportProblemView[];
  content: Record<string, unknown>;
}

export interface ReportDetailView extends ReportView {
  versions: ReportVersionView[];
  history: { at: string; actorName: string; actionLabel: string; note: string | null }[];
}

export interface ReportStatusRow {
  regionCode: string;
  regionName: string;
  reportId: string | null;
  displayStatus: ReportDisplayStatus;
  statusName: string;
  deadlineAt: string;
  overdue: boolean;
  late: boolean;
  submittedAt: string | null;
  version: number | null;
  summary: Record<string, string>;
  rankValue: string | null;
  colour: ReportColour | null;
  /** 1 for the first by the kind's ranking; null for townships without a ranked figure. */
  rank: number | null;
}

export interface ReportStatusView {
  kind: ReportKindView;
  period: string;
  periodLabel: string;
  deadlineAt: string;
  rows: ReportStatusRow[];
  counts: Record<ReportDisplayStatus, number> & { overdue: number; late: number; total: number };
  /** The district total over the accepted and submitted reports (counted in `consolidatedCount`). */
  consolidated: { content: Record<string, unknown>; summary: Record<string, string>; colour: ReportColour | null } | null;
  consolidatedCount: number;
}
