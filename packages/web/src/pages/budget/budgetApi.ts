// The budget and treasury endpoints: typed calls over the app's request function; money-moving
// POSTs carry the caller's Idempotency-Key (one per form, so a retry of the same form is not a
// second payment); Excel and CSV downloads with the session cookie.
import { download as downloadFile, request } from "../../api.ts";
import type {
  BudgetLineEventView,
  BudgetLineView,
  BudgetRoundView,
  BudgetTotalRow,
  BudgetTransferView,
  BudgetUnitOption,
  BankBatchView,
  BankResultSummary,
  CatalogImportResult,
  ClassificationView,
  ExecutionReport,
  IndicatorDetailView,
  IndicatorView,
  LinesImportResult,
  Page,
  PaymentView,
  ProjectDetailView,
  ProjectView,
  QuotaView,
  ResolutionView,
  RoundIssueResult,
  YearEndResult,
} from "@xiangcai/shared";

export type Q = Record<string, string | number | boolean | undefined>;
// The answers' shapes are the API contract in @xiangcai/shared; the names here are the pages' own.
export type {
  Page,
  PaymentMethod,
  FundNature,
  IndicatorView as Indicator,
  IndicatorEventView as IndicatorEvent,
  IndicatorDetailView as IndicatorDetail,
  ResolutionView as Resolution,
  BudgetRoundView as BudgetRound,
  BudgetLineView as BudgetLine,
  BudgetLineEventView as BudgetLineEvent,
  BudgetTotalRow as TotalRow,
  ProjectView as Project,
  ProjectDetailView as ProjectDetail,
  ExecutionRow,
  ExecutionReport,
  ClassificationView as Classification,
  CatalogImportResult,
  PaymentView as Payment,
  BankBatchView as BankBatch,
  BankResultSummary,
  QuotaView as Quota,
} from "@xiangcai/shared";
export type ProjectStatus = ProjectView["status"];

const get = <T,>(path: string, query?: Q, signal?: AbortSignal) => request<T>(path, { query, signal });
const post = <T,>(path: string, body?: unknown) => request<T>(path, { method: "POST", body });
/** A money-moving POST: the caller keeps one key per form so that a retry replays, never repeats. */
const postWithKey = <T,>(path: string, body: unknown, key: string) => request<T>(path, { method: "POST", body, idempotencyKey: key });

/** Downloads a file with the session cookie and saves it under the server's file name. */
export function download(path: string, query: Q = {}, fallbackName = "download.xlsx"): Promise<void> {
  return downloadFile(path, { query, fallbackName });
}

/** A file chosen by the user as base64 (Excel uploads travel inside JSON). */
export async function fileAsBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return window.btoa(binary);
}

export const budgetApi = {
  indicators: (q: Q, signal?: AbortSignal) => get<Page<IndicatorView>>("/budget/indicators", q, signal),
  /** The indicators of the list's filters as Excel (every row, not the page). */
  exportIndicators: (q: Q) => download("/budget/indicators/export", q, "预算指标台账.xlsx"),
  indicator: (id: string, signal?: AbortSignal) => get<IndicatorDetailView>(`/budget/indicators/${id}`, undefined, signal),
  issue: (body: unknown, key: string) => postWithKey<IndicatorDetailView>("/budget/indicators", body, key),
  adjust: (id: string, body: unknown, key: string) => postWithKey<IndicatorDetailView>(`/budget/indicators/${id}/adjustments`, body, key),
  transfer: (body: unknown, key: string) => postWithKey<BudgetTransferView>("/budget/transfers", body, key),
  resolutions: (q: Q, signal?: AbortSignal) => get<Page<ResolutionView>>("/budget/resolutions", q, signal),
  recordResolution: (body: unknown) => post<ResolutionView>("/budget/resolutions", body),
  closeYear: (body: unknown, key: string) => postWithKey<YearEndResult>("/budget/year-end", body, key),
  rounds: (q: Q, signal?: AbortSignal) => get<Page<BudgetRoundView>>("/budget/rounds", q, signal),
  openRound: (body: unknown) => post<BudgetRoundView>("/budget/rounds", body),
  round: (id: string, signal?: AbortSignal) => get<BudgetRoundView>(`/budget/rounds/${id}`, undefined, signal),
  lines: (id: string, q: Q, signal?: AbortSignal) => get<Page<BudgetLineView>>(`/budget/rounds/${id}/lines`, q, signal),
  addLine: (id: string, body: unknown) => post<BudgetLineView>(`/budget/rounds/${id}/lines`, body),
  importLines: (id: string, content: string) => post<LinesImportResult>(`/budget/rounds/${id}/lines/import`, { content }),
  review: (lineId: string, body: unknown) => post<BudgetLineView>(`/budget/lines/${lineId}/review`, body),
  resubmit: (lineId: string, body: unknown) => post<BudgetLineView>(`/budget/lines/${lineId}/resubmit`, body),
  lineHistory: (lineId: string, signal?: AbortSignal) => get<BudgetLineEventView[]>(`/budget/lines/${lineId}/history`, undefined, signal),
  totals: (id: string, by: string, signal?: AbortSignal) => get<BudgetTotalRow[]>(`/budget/rounds/${id}/totals`, { by }, signal),
  approve: (id: string, body: unknown) => post<BudgetRoundView>(`/budget/rounds/${id}/approval`, body),
  issueFromRound: (id: string, key: string) => postWithKey<RoundIssueResult>(`/budget/rounds/${id}/indicators`, undefined, key),
  units: (signal?: AbortSignal) => get<BudgetUnitOption[]>("/budget/units", undefined, signal),
  projects: (q: Q, signal?: AbortSignal) => get<Page<ProjectView>>("/budget/projects", q, signal),
  exportProjects: (q: Q) => download("/budget/projects/export", q, "项目库.xlsx"),
  project: (id: string, signal?: AbortSignal) => get<ProjectDetailView>(`/budget/projects/${id}`, undefined, signal),
  createProject: (body: unknown) => post<ProjectView>("/budget/projects", body),
  assessProject: (id: string, body: unknown) => post<ProjectDetailView>(`/budget/projects/${id}/assessments`, body),
  execution: (q: Q, signal?: AbortSignal) => get<ExecutionReport>("/budget/execution", q, signal),
  classifications: (q: Q, signal?: AbortSignal) => get<Page<ClassificationView>>("/catalog/classifications", q, signal),
  importCatalog: (body: unknown) => post<CatalogImportResult>("/catalog/classifications/import", body),
  installDefaults: (fiscalYear: number) => post<CatalogImportResult[]>("/catalog/classifications/defaults", { fiscalYear }),
};

export const treasuryApi = {
  payments: (q: Q, signal?: AbortSignal) => get<Page<PaymentView>>("/treasury/payments", q, signal),
  payment: (id: string, signal?: AbortSignal) => get<PaymentView>(`/treasury/payments/${id}`, undefined, signal),
  create: (body: unknown, key: string) => postWithKey<PaymentView>("/treasury/payments", body, key),
  batches: (q: Q, signal?: AbortSignal) => get<Page<BankBatchView>>("/treasury/bank-batches", q, signal),
  createBatch: (body: unknown, key: string) => postWithKey<BankBatchView>("/treasury/bank-batches", body, key),
  importResult: (body: unknown, key: string) => postWithKey<BankResultSummary>("/treasury/bank-results", body, key),
  quotas: (q: Q, signal?: AbortSignal) => get<Page<QuotaView>>("/treasury/quotas", q, signal),
  setQuota: (body: unknown) => post<QuotaView>("/treasury/quotas", body),
  /** The lists as Excel, with the list's filters (every row, not the page). */
  exportPayments: (q: Q) => download("/treasury/payments/export", q, "支付申请台账.xlsx"),
  exportQuotas: (q: Q) => download("/treasury/quotas/export", q, "授权支付额度表.xlsx"),
};

export { fundNatureNames, paymentMethodNames as methodNames, indicatorSourceNames as sourceNames } from "@xiangcai/shared";
export const indicatorStatus: Record<IndicatorView["status"], { label: string; color: string }> = { active: { label: "执行中", color: "green" }, closed: { label: "已结账", color: "default" }, balance: { label: "已转结余", color: "orange" } };
export const eventNames: Record<string, string> = { issued: "下达", adjusted: "预算调整", transferredIn: "调剂调入", transferredOut: "调剂调出", carriedOut: "结转下年", carriedIn: "上年结转", becameBalance: "转为结余", reserved: "占用", settled: "支付", released: "释放", refunded: "支付后退款", closed: "年度结账" };
export const paymentStatus: Record<PaymentView["status"], { label: string; color: string }> = {
  unitReview: { label: "待单位审核", color: "processing" },
  financeReview: { label: "待财政所审核", color: "processing" },
  approved: { label: "已开具支付凭证", color: "blue" },
  sent: { label: "已发送银行", color: "purple" },
  paid: { label: "已支付", color: "green" },
  returned: { label: "已退票", color: "red" },
  cancelled: { label: "已作废", color: "default" },
};
export const projectStatus: Record<ProjectStatus, { label: string; color: string }> = { awaitingAssessment: { label: "待评估", color: "processing" }, passed: { label: "评估通过", color: "green" }, failed: { label: "评估未通过", color: "red" } };
export const reviewStatus: Record<BudgetLineView["reviewStatus"], { label: string; color: string }> = { pending: { label: "待审核", color: "processing" }, accepted: { label: "同意", color: "green" }, cut: { label: "核减", color: "orange" }, returned: { label: "退回", color: "red" } };

/** This year in China, the default fiscal year of every page. */
export const currentFiscalYear = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
/** "1234567.80" → "1,234,567.80" for display (string work only, never Number). */
/** Amounts in the one money format (lib/money.ts). */
export { formatYuanText as yuan } from "../../lib/money.ts";
