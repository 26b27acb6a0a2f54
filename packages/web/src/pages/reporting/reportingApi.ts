// The report-up endpoints (上报): a township's reports of a kind, preparing and submitting, the
// district's review and its one-page status of every township.
import type { ReportDetailView, ReportKindView, ReportStatusView, ReportView } from "@xiangcai/shared";
import { request } from "../../api.ts";
import { formatYuanText } from "../../lib/money.ts";
import type { Page } from "../../apiTypes.ts";

export type Report = ReportView;
export type ReportDetail = ReportDetailView;
export type ReportStatus = ReportStatusView;
export type ReportKind = ReportKindView;

export const reportingApi = {
  kinds: (signal?: AbortSignal) => request<{ items: ReportKind[] }>("/reporting/kinds", { signal }),
  list: (query: Record<string, string | number | undefined>, signal?: AbortSignal) => request<Page<Report>>("/reporting/reports", { query, signal }),
  get: (id: string, signal?: AbortSignal) => request<ReportDetail>(`/reporting/reports/${id}`, { signal }),
  prepare: (body: { kind: string; regionCode: string; period: string }) => request<ReportDetail>("/reporting/reports", { method: "POST", body }),
  submit: (id: string, body: { version: number; note?: string }) => request<ReportDetail>(`/reporting/reports/${id}/submit`, { method: "POST", body }),
  accept: (id: string, body: { note?: string }) => request<ReportDetail>(`/reporting/reports/${id}/accept`, { method: "POST", body }),
  return: (id: string, body: { note: string }) => request<ReportDetail>(`/reporting/reports/${id}/return`, { method: "POST", body }),
  status: (query: { kind: string; period: string }, signal?: AbortSignal) => request<ReportStatus>("/reporting/status", { query, signal }),
};

/** A summary figure as a person reads it: amounts in the one money format, the rest as given (155.26%, 全部通过). */
export function summaryText(column: ReportKindView["summaryColumns"][number], value: string | undefined): string {
  if (value === undefined) return "—";
  return column.money ? formatYuanText(value) : value;
}

export const statusColours = { notStarted: "default", prepared: "processing", returned: "orange", submitted: "blue", accepted: "green" } as const;
export const colourTags = { green: { color: "green", label: "绿色" }, yellow: { color: "gold", label: "黄色" }, orange: { color: "orange", label: "橙色" }, red: { color: "red", label: "红色" } } as const;

/** The period just ended (China time), as the server's previousPeriod does. */
export function lastPeriod(periodicity: "month" | "quarter" | "year"): string {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (periodicity === "year") return String(year - 1);
  if (periodicity === "quarter") {
    const q = Math.ceil(month / 3) - 1;
    return q === 0 ? `${year - 1}-Q4` : `${year}-Q${q}`;
  }
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, "0")}`;
}
