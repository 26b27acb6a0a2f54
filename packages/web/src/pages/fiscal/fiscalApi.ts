// The endpoints of the fiscal general accounting's pages: the revenue side of a budget draft (收入预算),
// remittances up (上解), the treasury's daily revenue reports (国库收入日报). Recording a remittance or a
// report moves money into the books: those POSTs carry the form's Idempotency-Key.
import { download, request } from "../../api.ts";
import type { Page, RemittanceView as Remittance, RevenueLineView as RevenueLine, RevenueReportView as RevenueReport, RevenueSideView as RevenueSide } from "@xiangcai/shared";

export type { RevenueFund, RevenueLineKind, RevenueLineView as RevenueLine, RevenueSideView as RevenueSide, RemittanceView as Remittance, RevenueReportView as RevenueReport } from "@xiangcai/shared";
export type Q = Record<string, string | number | boolean | undefined>;

export const fiscalApi = {
  revenueSide: (roundId: string, signal?: AbortSignal) => request<RevenueSide>(`/budget/rounds/${roundId}/revenue`, { signal }),
  addRevenueLine: (roundId: string, body: unknown) => request<RevenueLine>(`/budget/rounds/${roundId}/revenue`, { method: "POST", body }),
  removeRevenueLine: (id: string) => request<void>(`/budget/revenue-lines/${id}`, { method: "DELETE" }),
  remittances: (query: Q, signal?: AbortSignal) => request<Page<Remittance> & { totalAmount: string }>("/budget/remittances", { query, signal }),
  /** The remittances of the list's filters as Excel (every row, not the page). */
  exportRemittances: (query: Q) => download("/budget/remittances/export", { query, fallbackName: "上解台账.xlsx" }),
  recordRemittance: (body: unknown, idempotencyKey: string) => request<Remittance>("/budget/remittances", { method: "POST", body, idempotencyKey }),
  revenueReports: (query: Q, signal?: AbortSignal) => request<Page<RevenueReport> & { totalAmount: string }>("/treasury/revenue-reports", { query, signal }),
  revenueReport: (id: string, signal?: AbortSignal) => request<RevenueReport>(`/treasury/revenue-reports/${id}`, { signal }),
  enterRevenueReport: (body: unknown, idempotencyKey: string) => request<RevenueReport>("/treasury/revenue-reports", { method: "POST", body, idempotencyKey }),
  importRevenueReport: (body: unknown, idempotencyKey: string) => request<RevenueReport>("/treasury/revenue-reports/import", { method: "POST", body, idempotencyKey }),
  revenueTemplate: () => download("/treasury/revenue-reports/template", { fallbackName: "国库收入日报模板.xlsx" }),
};
