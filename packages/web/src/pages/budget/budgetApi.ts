// The budget and treasury endpoints: typed calls over the app's request function; money-moving
// POSTs carry an Idempotency-Key (one per form, so a retry of the same form is not a second
// payment); Excel and CSV downloads with the session cookie.
import { API_BASE, request } from "../../api.ts";
import type { MeAnswer } from "../../apiTypes.ts";
import { problemFromBody } from "../../lib/problem.ts";
import type { BudgetLineEventView, ProjectAssessmentView, ProjectView } from "@xiangcai/shared";

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export type Q = Record<string, string | number | boolean | undefined>;
export type PaymentMethod = "direct" | "authorised";
export type FundNature = "generalBudget" | "governmentFund" | "upperTransfer" | "stateCapital" | "other";

export interface Indicator {
  id: string;
  regionCode: string;
  fiscalYear: number;
  originYear: number;
  documentNo: string;
  source: "approvedBudget" | "upperTransfer" | "carryOver";
  budgetUnitId: string;
  budgetUnitName: string;
  functionalCode: string;
  economicCode: string;
  fundNature: FundNature;
  paymentMethod: PaymentMethod;
  summary: string;
  issued: string;
  reserved: string;
  paid: string;
  available: string;
  executionRate: string;
  status: "active" | "closed" | "balance";
  createdAt: string;
}
export interface IndicatorEvent {
  seq: number;
  at: string;
  kind: string;
  amount: string;
  issuedAfter: string;
  reservedAfter: string;
  paidAfter: string;
  availableAfter: string;
  document: string | null;
  note: string | null;
  refType: string | null;
  refId: string | null;
  actorName: string;
}
export interface IndicatorDetail extends Indicator {
  history: IndicatorEvent[];
}
export interface Resolution {
  id: string;
  regionCode: string;
  kind: "budgetApproval" | "budgetAdjustment";
  fiscalYear: number;
  session: string;
  resolutionNo: string;
  resolvedOn: string;
  approvedTotal: string | null;
  adjustmentKind: string | null;
}
export interface BudgetRound {
  id: string;
  regionCode: string;
  regionName: string;
  fiscalYear: number;
  status: "preparing" | "approved";
  requestedTotal: string;
  approvedTotal: string;
  lineCount: number;
  pendingCount: number;
  resolution: { session: string; resolutionNo: string; resolvedOn: string; approvedTotal: string | null } | null;
  indicatorsIssuedAt: string | null;
}
export interface BudgetLine {
  id: string;
  roundId: string;
  budgetUnitId: string;
  budgetUnitName: string;
  expenditureKind: "basic" | "project";
  projectName: string | null;
  functionalCode: string;
  economicCode: string;
  fundNature: FundNature;
  paymentMethod: PaymentMethod;
  requested: string;
  approved: string | null;
  reviewStatus: "pending" | "accepted" | "cut" | "returned";
  reviewNote: string | null;
  submission: number;
  projectId: string | null;
}
export type { BudgetLineEventView as BudgetLineEvent } from "@xiangcai/shared";
export interface TotalRow {
  key: string;
  name: string;
  requested: string;
  approved: string;
  lineCount: number;
  /** Beside a 30x class: the government economic classes (50x) its lines map to. */
  governmentClasses?: { code: string; name: string }[];
}
export type Project = ProjectView;
export type ProjectStatus = ProjectView["status"];
export interface ProjectDetail extends ProjectView {
  assessments: ProjectAssessmentView[];
}
export interface ExecutionRow {
  key: string;
  name: string;
  issued: string;
  reserved: string;
  paid: string;
  available: string;
  executionRate: string;
}
export interface ExecutionReport {
  fiscalYear: number;
  by: string;
  rows: ExecutionRow[];
  total: ExecutionRow;
}
export interface Classification {
  code: string;
  name: string;
  parentCode: string | null;
  level: number;
  levelName: string;
}
export interface CatalogImportResult {
  total: number;
  added: number;
  renamed: number;
  unchanged: number;
  errors: { line: number; code: string; message: string }[];
}
export interface Payment {
  id: string;
  paymentNo: string;
  regionCode: string;
  fiscalYear: number;
  indicatorId: string;
  indicatorSummary: string;
  indicatorDocumentNo: string;
  functionalCode: string;
  economicCode: string;
  fundNature: FundNature;
  budgetUnitId: string;
  budgetUnitName: string;
  payeeKind: "organisation" | "person";
  payeeName: string;
  payeeCreditCode: string | null;
  payeeIdMasked: string | null;
  payeeAccount: string;
  payeeBank: string;
  amount: string;
  amountInCapitals: string;
  purpose: string;
  method: PaymentMethod;
  attachments: string[];
  status: "unitReview" | "financeReview" | "approved" | "sent" | "paid" | "returned" | "cancelled";
  statusName: string;
  flowInstanceId: string | null;
  orderNo: string | null;
  orderedAt: string | null;
  bankBatchId: string | null;
  paidAt: string | null;
  returnedAt: string | null;
  returnReason: string | null;
  createdByName: string;
  createdAt: string;
}
export interface BankBatch {
  id: string;
  regionCode: string;
  batchNo: string;
  paymentCount: number;
  total: string;
  createdAt: string;
}
export interface BankResultSummary {
  paid: number;
  returned: number;
  ignored: { line: number; orderNo: string; reason: string }[];
  alreadyImported: boolean;
}
export interface Quota {
  budgetUnitId: string;
  budgetUnitName: string;
  fiscalYear: number;
  month: number;
  quota: string;
  used: string;
  remaining: string;
}

export const newIdempotencyKey = () => `web-${Date.now()}-${Math.random().toString(36).slice(2, 12)}`;

const get = <T,>(path: string, query?: Q, signal?: AbortSignal) => request<T>(path, { query, signal });
const post = <T,>(path: string, body?: unknown) => request<T>(path, { method: "POST", body });

/** A money-moving POST: the caller keeps one key per form so that a retry replays, never repeats. */
async function postWithKey<T>(path: string, body: unknown, key: string): Promise<T> {
  const me = await request<MeAnswer>("/auth/me");
  const response = await fetch(`${API_BASE}${path}`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": me.csrfToken, "Idempotency-Key": key },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const answer = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) throw problemFromBody(response.status, answer);
  return answer as T;
}

/** Downloads a file with the session cookie and saves it under the server's file name. */
export async function download(path: string, query: Q = {}, fallbackName = "download.xlsx"): Promise<void> {
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => [k, String(v)]));
  const response = await fetch(`${API_BASE}${path}${search.size ? `?${search}` : ""}`, { credentials: "same-origin" });
  if (!response.ok) {
    const text = await response.text();
    throw problemFromBody(response.status, text ? (JSON.parse(text) as unknown) : undefined);
  }
  const disposition = response.headers.get("content-disposition") ?? "";
  const name = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** A file chosen by the user as base64 (Excel uploads travel inside JSON). */
export async function fileAsBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return window.btoa(binary);
}

export const budgetApi = {
  indicators: (q: Q, signal?: AbortSignal) => get<Page<Indicator>>("/budget/indicators", q, signal),
  indicator: (id: string, signal?: AbortSignal) => get<IndicatorDetail>(`/budget/indicators/${id}`, undefined, signal),
  issue: (body: unknown, key: string) => postWithKey<IndicatorDetail>("/budget/indicators", body, key),
  adjust: (id: string, body: unknown, key: string) => postWithKey<IndicatorDetail>(`/budget/indicators/${id}/adjustments`, body, key),
  transfer: (body: unknown, key: string) => postWithKey<{ id: string; flowInstanceId: string }>("/budget/transfers", body, key),
  resolutions: (q: Q, signal?: AbortSignal) => get<Page<Resolution>>("/budget/resolutions", q, signal),
  recordResolution: (body: unknown) => post<Resolution>("/budget/resolutions", body),
  closeYear: (body: unknown, key: string) => postWithKey<{ carriedOver: { count: number; amount: string }; becameBalance: { count: number; amount: string } }>("/budget/year-end", body, key),
  rounds: (q: Q, signal?: AbortSignal) => get<Page<BudgetRound>>("/budget/rounds", q, signal),
  openRound: (body: unknown) => post<BudgetRound>("/budget/rounds", body),
  round: (id: string, signal?: AbortSignal) => get<BudgetRound>(`/budget/rounds/${id}`, undefined, signal),
  lines: (id: string, q: Q, signal?: AbortSignal) => get<Page<BudgetLine>>(`/budget/rounds/${id}/lines`, q, signal),
  addLine: (id: string, body: unknown) => post<BudgetLine>(`/budget/rounds/${id}/lines`, body),
  importLines: (id: string, content: string) => post<{ imported: number; errors: { line: number; message: string }[] }>(`/budget/rounds/${id}/lines/import`, { content }),
  review: (lineId: string, body: unknown) => post<BudgetLine>(`/budget/lines/${lineId}/review`, body),
  resubmit: (lineId: string, body: unknown) => post<BudgetLine>(`/budget/lines/${lineId}/resubmit`, body),
  lineHistory: (lineId: string, signal?: AbortSignal) => get<BudgetLineEventView[]>(`/budget/lines/${lineId}/history`, undefined, signal),
  totals: (id: string, by: string, signal?: AbortSignal) => get<TotalRow[]>(`/budget/rounds/${id}/totals`, { by }, signal),
  approve: (id: string, body: unknown) => post<BudgetRound>(`/budget/rounds/${id}/approval`, body),
  issueFromRound: (id: string, key: string) => postWithKey<{ issued: number; total: string }>(`/budget/rounds/${id}/indicators`, undefined, key),
  units: (signal?: AbortSignal) => get<{ id: string; regionCode: string; name: string; kind: string }[]>("/budget/units", undefined, signal),
  projects: (q: Q, signal?: AbortSignal) => get<Page<Project>>("/budget/projects", q, signal),
  project: (id: string, signal?: AbortSignal) => get<ProjectDetail>(`/budget/projects/${id}`, undefined, signal),
  createProject: (body: unknown) => post<Project>("/budget/projects", body),
  assessProject: (id: string, body: unknown) => post<ProjectDetail>(`/budget/projects/${id}/assessments`, body),
  execution: (q: Q, signal?: AbortSignal) => get<ExecutionReport>("/budget/execution", q, signal),
  classifications: (q: Q, signal?: AbortSignal) => get<Page<Classification>>("/catalog/classifications", q, signal),
  importCatalog: (body: unknown) => post<CatalogImportResult>("/catalog/classifications/import", body),
  installDefaults: (fiscalYear: number) => post<CatalogImportResult[]>("/catalog/classifications/defaults", { fiscalYear }),
};

export const treasuryApi = {
  payments: (q: Q, signal?: AbortSignal) => get<Page<Payment>>("/treasury/payments", q, signal),
  payment: (id: string, signal?: AbortSignal) => get<Payment>(`/treasury/payments/${id}`, undefined, signal),
  create: (body: unknown, key: string) => postWithKey<Payment>("/treasury/payments", body, key),
  batches: (q: Q, signal?: AbortSignal) => get<Page<BankBatch>>("/treasury/bank-batches", q, signal),
  createBatch: (body: unknown, key: string) => postWithKey<BankBatch>("/treasury/bank-batches", body, key),
  importResult: (body: unknown, key: string) => postWithKey<BankResultSummary>("/treasury/bank-results", body, key),
  quotas: (q: Q, signal?: AbortSignal) => get<Page<Quota>>("/treasury/quotas", q, signal),
  setQuota: (body: unknown) => post<Quota>("/treasury/quotas", body),
};

export const fundNatureNames: Record<FundNature, string> = { generalBudget: "一般公共预算", governmentFund: "政府性基金预算", upperTransfer: "上级转移支付", stateCapital: "国有资本经营预算", other: "其他资金" };
export const methodNames: Record<PaymentMethod, string> = { direct: "直接支付", authorised: "授权支付" };
export const sourceNames: Record<Indicator["source"], string> = { approvedBudget: "年初预算", upperTransfer: "上级转移支付", carryOver: "上年结转" };
export const indicatorStatus: Record<Indicator["status"], { label: string; color: string }> = { active: { label: "执行中", color: "green" }, closed: { label: "已结账", color: "default" }, balance: { label: "已转结余", color: "orange" } };
export const eventNames: Record<string, string> = { issued: "下达", adjusted: "预算调整", transferredIn: "调剂调入", transferredOut: "调剂调出", carriedOut: "结转下年", carriedIn: "上年结转", becameBalance: "转为结余", reserved: "占用", settled: "支付", released: "释放", refunded: "支付后退款", closed: "年度结账" };
export const paymentStatus: Record<Payment["status"], { label: string; color: string }> = {
  unitReview: { label: "待单位审核", color: "processing" },
  financeReview: { label: "待财政所审核", color: "processing" },
  approved: { label: "已开具支付凭证", color: "blue" },
  sent: { label: "已发送银行", color: "purple" },
  paid: { label: "已支付", color: "green" },
  returned: { label: "已退票", color: "red" },
  cancelled: { label: "已作废", color: "default" },
};
export const projectStatus: Record<ProjectStatus, { label: string; color: string }> = { awaitingAssessment: { label: "待评估", color: "processing" }, passed: { label: "评估通过", color: "green" }, failed: { label: "评估未通过", color: "red" } };
export const reviewStatus: Record<BudgetLine["reviewStatus"], { label: string; color: string }> = { pending: { label: "待审核", color: "processing" }, accepted: { label: "同意", color: "green" }, cut: { label: "核减", color: "orange" }, returned: { label: "退回", color: "red" } };

/** This year in China, the default fiscal year of every page. */
export const currentFiscalYear = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
/** "1234567.80" → "1,234,567.80" for display (string work only, never Number). */
export const yuan = (value: string | null | undefined) => (value ? value.replace(/^(-?)(\d+)/, (_, sign: string, digits: string) => sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",")) : "—");
