// The fund supervision endpoints (资金监管): rules and thresholds, runs, alerts and their
// rectification, suppressions of false alarms, reports, the dashboard and the issued monthly reports.
// Moves along an alert's flow go through the flow engine's transition call; its rectification is a
// task of the shared mechanism (../../rectification/).
import type {
  SupervisionAlertDetailView,
  SupervisionAlertListItem,
  SupervisionDashboardView,
  SupervisionIssuedReportView,
  SupervisionReportView,
  SupervisionRuleCode,
  SupervisionRuleView,
  SupervisionRunView,
  SupervisionSuppressionView,
  SupervisionThresholdView,
} from "@xiangcai/shared";
import { download, request } from "../../api.ts";
import type { Page } from "../../apiTypes.ts";

export type { SupervisionAlertDetailView as AlertDetail, SupervisionAlertListItem as AlertItem, SupervisionReportView as Report, SupervisionRuleView as RuleView, SupervisionRunView as RunView, SupervisionSuppressionView as Suppression, SupervisionThresholdView as Threshold };

export type Query = Record<string, string | number | boolean | undefined>;

export interface RulesAnswer {
  regionCode: string;
  runEveryHours: SupervisionThresholdView;
  rules: SupervisionRuleView[];
}

export const supervisionApi = {
  rules: (regionCode?: string, signal?: AbortSignal) => request<RulesAnswer>("/supervision/rules", { query: { regionCode }, signal }),
  setThreshold: (key: string, regionCode: string, value: string | number) => request<RulesAnswer>(`/supervision/thresholds/${key}`, { method: "PUT", body: { regionCode, value } }),
  resetThreshold: (key: string, regionCode: string) => request<RulesAnswer>(`/supervision/thresholds/${key}`, { method: "DELETE", query: { regionCode } }),
  run: (body: { regionCode?: string; rules?: SupervisionRuleCode[] }) => request<SupervisionRunView>("/supervision/runs", { method: "POST", body }),
  runs: (query: Query, signal?: AbortSignal) => request<Page<SupervisionRunView>>("/supervision/runs", { query, signal }),
  alerts: (query: Query, signal?: AbortSignal) => request<Page<SupervisionAlertListItem>>("/supervision/alerts", { query, signal }),
  exportAlerts: (query: Query) => download("/supervision/alerts/export", { query, fallbackName: "监管预警清单.xlsx" }),
  alert: (id: string, signal?: AbortSignal) => request<SupervisionAlertDetailView>(`/supervision/alerts/${id}`, { signal }),
  suppressions: (query: Query, signal?: AbortSignal) => request<Page<SupervisionSuppressionView>>("/supervision/suppressions", { query, signal }),
  suppress: (body: { alertId: string; reason: string; expiresOn: string }) => request<{ items: SupervisionSuppressionView[] }>("/supervision/suppressions", { method: "POST", body }),
  revoke: (id: string, reason: string) => request<SupervisionSuppressionView>(`/supervision/suppressions/${id}/revoke`, { method: "POST", body: { reason } }),
  report: (query: { regionCode?: string; from: string; to: string }, signal?: AbortSignal) => request<SupervisionReportView>("/supervision/report", { query, signal }),
  exportReport: (query: { regionCode?: string; from: string; to: string }) => download("/supervision/report/export", { query, fallbackName: "资金监管情况报告.xlsx" }),
  dashboard: (year: number, signal?: AbortSignal) => request<SupervisionDashboardView>("/supervision/dashboard", { query: { year }, signal }),
  issuedReports: (query: Query, signal?: AbortSignal) => request<Page<Omit<SupervisionIssuedReportView, "report">>>("/supervision/reports", { query, signal }),
  issuedReport: (regionCode: string, period: string, signal?: AbortSignal) => request<SupervisionIssuedReportView>(`/supervision/reports/${regionCode}/${period}`, { signal }),
};

/** Tag colours of an alert's status: open ones warm, closed ones calm. */
export const statusColours: Record<string, string> = {
  unassigned: "default",
  verifying: "orange",
  verified: "gold",
  rectifying: "blue",
  rectified: "cyan",
  falseAlarmProposed: "purple",
  closed: "green",
  falseAlarm: "default",
};
export const stageColours: Record<string, string> = { before: "geekblue", during: "volcano", after: "magenta" };

/** Amounts in the one money format (lib/money.ts). */
export { formatYuanText as yuan } from "../../lib/money.ts";

/** Today and the first of this month in China time, as YYYY-MM-DD. */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}
