// The ledger endpoints (会计核算): typed calls over the app's one request function, a POST with
// an Idempotency-Key for entering and reversing vouchers, and Excel downloads.
import type { LedgerTemplateLine, LedgerTemplateView } from "@xiangcai/shared";
import { API_BASE, request } from "../../api.ts";
import type { MeAnswer } from "../../apiTypes.ts";
import { problemFromBody } from "../../lib/problem.ts";

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export type Q = Record<string, string | number | boolean | undefined>;
export type Basis = "financial" | "budget";
export type AuxDimension = "functional" | "economic" | "project" | "payee" | "department";

export interface AccountSetSummary {
  id: string;
  regionCode: string;
  regionName: string;
  code: string;
  name: string;
  budgetUnitId: string | null;
  startYear: number;
}
export interface Period {
  year: number;
  month: number;
  status: "open" | "closed";
  vouchersPosted: number;
}
export interface AccountSet extends AccountSetSummary {
  budgetUnitName: string | null;
  periods: Period[];
}
export interface Account {
  code: string;
  name: string;
  basis: Basis;
  category: string;
  normalSide: "debit" | "credit";
  parentCode: string | null;
  isLeaf: boolean;
  requiredAux: AuxDimension[];
}
export type VoucherStatus = "entered" | "reviewed" | "posted";
export interface VoucherSummary {
  id: string;
  setId: string;
  regionCode: string;
  year: number;
  month: number;
  date: string;
  summary: string;
  kind: "normal" | "reversal" | "supplementary" | "closing";
  status: VoucherStatus;
  number: number | null;
  label: string;
  financialAmount: string;
  enteredByName: string;
  reviewedByName: string | null;
  postedByName: string | null;
  originalId: string | null;
}
export interface VoucherLine {
  lineNo: number;
  account: string;
  accountName: string;
  basis: Basis;
  summary: string | null;
  debit: string | null;
  credit: string | null;
  aux: Partial<Record<AuxDimension, string>>;
}
export interface Voucher extends Omit<VoucherSummary, "financialAmount"> {
  setCode: string;
  setName: string;
  attachments: number;
  source: string | null;
  parallelConfirmed: boolean;
  enteredAt: string;
  reviewedAt: string | null;
  postedAt: string | null;
  lines: VoucherLine[];
}
export interface ReportTable {
  title: string;
  subtitle: string;
  columns: { key: string; header: string; money?: boolean; width?: number }[];
  rows: Record<string, string | number | null>[];
}
export interface VoucherLineInput {
  account: string;
  debit?: string;
  credit?: string;
  summary?: string;
  aux?: Partial<Record<AuxDimension, string>>;
}

export type TemplateLine = LedgerTemplateLine;
export type VoucherTemplate = LedgerTemplateView;
export interface TemplateBody {
  setId?: string | null;
  regionCode?: string;
  businessType: string;
  name: string;
  summary: string;
  lines: TemplateLine[];
  active?: boolean;
}
export interface OpeningLine {
  account: string;
  accountName?: string;
  basis?: Basis;
  debit?: string;
  credit?: string;
  aux?: Partial<Record<AuxDimension, string>>;
}
export interface OpeningAnswer {
  year: number;
  locked: boolean;
  lockedReason: string | null;
  lines: OpeningLine[];
  totals: { financialDebit: string; financialCredit: string; budgetDebit: string; budgetCredit: string };
}

const get = <T,>(path: string, query?: Q, signal?: AbortSignal) => request<T>(path, { query, signal });
const post = <T,>(path: string, body?: unknown) => request<T>(path, { method: "POST", body });
export const newKey = () => `web-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;

async function postWithKey<T>(path: string, body: unknown): Promise<T> {
  const me = await request<MeAnswer>("/auth/me");
  const response = await fetch(`${API_BASE}${path}`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": me.csrfToken, "Idempotency-Key": newKey() },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const answer = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) throw problemFromBody(response.status, answer);
  return answer as T;
}

/** Downloads an Excel file with the session cookie and saves it under the server's file name. */
export async function downloadExcel(setId: string, query: Q): Promise<void> {
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => [k, String(v)]));
  const response = await fetch(`${API_BASE}/ledger/sets/${setId}/excel?${search}`, { credentials: "same-origin" });
  if (!response.ok) {
    const text = await response.text();
    throw problemFromBody(response.status, text ? (JSON.parse(text) as unknown) : undefined);
  }
  const disposition = response.headers.get("content-disposition") ?? "";
  const name = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? "ledger.xlsx");
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

export const ledgerApi = {
  sets: (q: Q, signal?: AbortSignal) => get<Page<AccountSetSummary>>("/ledger/sets", q, signal),
  set: (id: string, signal?: AbortSignal) => get<AccountSet>(`/ledger/sets/${id}`, undefined, signal),
  accounts: (id: string, signal?: AbortSignal) => get<Account[]>(`/ledger/sets/${id}/accounts`, undefined, signal),
  vouchers: (q: Q, signal?: AbortSignal) => get<Page<VoucherSummary>>("/ledger/vouchers", q, signal),
  voucher: (id: string, signal?: AbortSignal) => get<Voucher>(`/ledger/vouchers/${id}`, undefined, signal),
  enter: (body: { setId: string; date: string; summary: string; attachments: number; confirmParallel?: boolean; lines: VoucherLineInput[] }) => postWithKey<Voucher>("/ledger/vouchers", body),
  review: (id: string) => post<Voucher>(`/ledger/vouchers/${id}/review`),
  post: (id: string) => post<Voucher>(`/ledger/vouchers/${id}/post`),
  reverse: (id: string, body: { date?: string }) => postWithKey<Voucher>(`/ledger/vouchers/${id}/reverse`, body),
  discard: (id: string) => post<undefined>(`/ledger/vouchers/${id}/discard`),
  closeMonth: (setId: string, year: number, month: number) => post<AccountSet>(`/ledger/sets/${setId}/periods/${year}/${month}/close`),
  reopenMonth: (setId: string, year: number, month: number, note: string) => post<AccountSet>(`/ledger/sets/${setId}/periods/${year}/${month}/reopen`, { note }),
  closeYear: (setId: string, year: number, body?: { specialFund?: string | undefined; specialSurplus?: string | undefined; fiscalResidual?: string | undefined; nonFiscalResidual?: string | undefined }) => post<{ vouchers: string[] }>(`/ledger/sets/${setId}/years/${year}/close`, body),
  trialBalance: (setId: string, q: Q, signal?: AbortSignal) => get<ReportTable>(`/ledger/sets/${setId}/trial-balance`, q, signal),
  book: (setId: string, book: string, q: Q, signal?: AbortSignal) => get<ReportTable>(`/ledger/sets/${setId}/books/${book}`, q, signal),
  templates: (setId: string, includeInactive?: boolean, signal?: AbortSignal) => get<VoucherTemplate[]>(`/ledger/sets/${setId}/templates`, includeInactive ? { includeInactive: "true" } : undefined, signal),
  createTemplate: (body: TemplateBody) => post<VoucherTemplate>("/ledger/templates", body),
  updateTemplate: (id: string, body: Partial<TemplateBody>) => request<VoucherTemplate>(`/ledger/templates/${id}`, { method: "PATCH", body }),
  editVoucher: (id: string, body: { date: string; summary: string; attachments: number; confirmParallel?: boolean; lines: VoucherLineInput[] }) => request<Voucher>(`/ledger/vouchers/${id}`, { method: "PUT", body }),
  openings: (setId: string, signal?: AbortSignal) => get<OpeningAnswer>(`/ledger/sets/${setId}/opening-balances`, undefined, signal),
  saveOpenings: (setId: string, lines: OpeningLine[]) => request<OpeningAnswer>(`/ledger/sets/${setId}/opening-balances`, { method: "PUT", body: { lines } }),
  statement: (setId: string, code: string, q: Q, signal?: AbortSignal) => get<ReportTable>(`/ledger/sets/${setId}/statements/${code}`, q, signal),
};
