// The ledger endpoints (会计核算): typed calls over the app's one request function, with the
// caller's Idempotency-Key for entering and reversing vouchers, and Excel downloads.
import type {
  AccountSetSummaryView,
  AccountSetView,
  BankImportResult,
  BankReconciliationView,
  ChartCompletionResult,
  ChartImportResult,
  LedgerAccountView,
  LedgerAux,
  LedgerAuxDimension,
  LedgerBasis,
  LedgerTemplateLine,
  LedgerTemplateView,
  OpeningView,
  Page,
  ReportTable,
  VoucherSummaryView,
  VoucherView,
  YearCloseResult,
} from "@xiangcai/shared";
import { download, request } from "../../api.ts";
import { fileAsBase64 } from "../budget/budgetApi.ts";

export type Q = Record<string, string | number | boolean | undefined>;
// The answers' shapes are the API contract in @xiangcai/shared; the names here are the pages' own.
export type {
  Page,
  LedgerBasis as Basis,
  LedgerAuxDimension as AuxDimension,
  AccountSetSummaryView as AccountSetSummary,
  LedgerPeriodView as Period,
  AccountSetView as AccountSet,
  LedgerAccountView as Account,
  VoucherStatus,
  VoucherSummaryView as VoucherSummary,
  VoucherLineView as VoucherLine,
  VoucherView as Voucher,
  ReportTable,
  OpeningView as OpeningAnswer,
} from "@xiangcai/shared";

/** A voucher line as the accountant enters it (ledgerVoucherLineBody). */
export interface VoucherLineInput {
  account: string;
  debit?: string;
  credit?: string;
  summary?: string;
  aux?: LedgerAux;
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
/** An opening balance as the accountant enters it (ledgerOpeningBody). */
export interface OpeningLine {
  account: string;
  accountName?: string;
  basis?: LedgerBasis;
  debit?: string;
  credit?: string;
  aux?: LedgerAux;
}
const get = <T,>(path: string, query?: Q, signal?: AbortSignal) => request<T>(path, { query, signal });
const post = <T,>(path: string, body?: unknown) => request<T>(path, { method: "POST", body });
/** Entering and reversing move the books: the caller's form key makes a retry replay, never repeat. */
const postWithKey = <T,>(path: string, body: unknown, key: string) => request<T>(path, { method: "POST", body, idempotencyKey: key });

/** Downloads a book or statement as Excel, saved under the server's file name. */
export function downloadExcel(setId: string, query: Q): Promise<void> {
  return download(`/ledger/sets/${setId}/excel`, { query, fallbackName: "ledger.xlsx" });
}

export const ledgerApi = {
  sets: (q: Q, signal?: AbortSignal) => get<Page<AccountSetSummaryView>>("/ledger/sets", q, signal),
  set: (id: string, signal?: AbortSignal) => get<AccountSetView>(`/ledger/sets/${id}`, undefined, signal),
  accounts: (id: string, signal?: AbortSignal) => get<LedgerAccountView[]>(`/ledger/sets/${id}/accounts`, undefined, signal),
  addAccount: (setId: string, body: { parentCode: string; code: string; name: string; requiredAux?: LedgerAuxDimension[] }) => post<LedgerAccountView>(`/ledger/sets/${setId}/accounts`, body),
  setAccountAux: (setId: string, code: string, requiredAux: LedgerAuxDimension[]) => request<LedgerAccountView>(`/ledger/sets/${setId}/accounts/${code}`, { method: "PATCH", body: { requiredAux } }),
  importChart: (setId: string, csv: string) => post<ChartImportResult>(`/ledger/sets/${setId}/chart-import`, { csv }),
  standardChartPreview: (setId: string, signal?: AbortSignal) => get<ChartCompletionResult>(`/ledger/sets/${setId}/chart/complete-standard/preview`, undefined, signal),
  completeStandardChart: (setId: string) => post<ChartCompletionResult>(`/ledger/sets/${setId}/chart/complete-standard`),
  exportChart: (setId: string) => download(`/ledger/sets/${setId}/accounts/export`, { fallbackName: "会计科目表.xlsx" }),
  vouchers: (q: Q, signal?: AbortSignal) => get<Page<VoucherSummaryView>>("/ledger/vouchers", q, signal),
  /** The 序时账: every line of the vouchers of the list's filters, oldest first. */
  exportJournal: (q: Q) => download("/ledger/vouchers/export", { query: q, fallbackName: "序时账.xlsx" }),
  voucher: (id: string, signal?: AbortSignal) => get<VoucherView>(`/ledger/vouchers/${id}`, undefined, signal),
  enter: (body: { setId: string; date: string; summary: string; attachments: number; confirmParallel?: boolean; lines: VoucherLineInput[] }, key: string) => postWithKey<VoucherView>("/ledger/vouchers", body, key),
  review: (id: string) => post<VoucherView>(`/ledger/vouchers/${id}/review`),
  post: (id: string) => post<VoucherView>(`/ledger/vouchers/${id}/post`),
  reverse: (id: string, body: { date?: string }, key: string) => postWithKey<VoucherView>(`/ledger/vouchers/${id}/reverse`, body, key),
  discard: (id: string) => post<undefined>(`/ledger/vouchers/${id}/discard`),
  closeMonth: (setId: string, year: number, month: number) => post<AccountSetView>(`/ledger/sets/${setId}/periods/${year}/${month}/close`),
  reopenMonth: (setId: string, year: number, month: number, note: string) => post<AccountSetView>(`/ledger/sets/${setId}/periods/${year}/${month}/reopen`, { note }),
  closeYear: (setId: string, year: number, body?: { specialFund?: string | undefined; specialSurplus?: string | undefined; fiscalResidual?: string | undefined; nonFiscalResidual?: string | undefined }) => post<YearCloseResult>(`/ledger/sets/${setId}/years/${year}/close`, body),
  trialBalance: (setId: string, q: Q, signal?: AbortSignal) => get<ReportTable>(`/ledger/sets/${setId}/trial-balance`, q, signal),
  book: (setId: string, book: string, q: Q, signal?: AbortSignal) => get<ReportTable>(`/ledger/sets/${setId}/books/${book}`, q, signal),
  templates: (setId: string, includeInactive?: boolean, signal?: AbortSignal) => get<LedgerTemplateView[]>(`/ledger/sets/${setId}/templates`, includeInactive ? { includeInactive: "true" } : undefined, signal),
  createTemplate: (body: TemplateBody) => post<LedgerTemplateView>("/ledger/templates", body),
  updateTemplate: (id: string, body: Partial<TemplateBody>) => request<LedgerTemplateView>(`/ledger/templates/${id}`, { method: "PATCH", body }),
  editVoucher: (id: string, body: { date: string; summary: string; attachments: number; confirmParallel?: boolean; lines: VoucherLineInput[] }) => request<VoucherView>(`/ledger/vouchers/${id}`, { method: "PUT", body }),
  openings: (setId: string, signal?: AbortSignal) => get<OpeningView>(`/ledger/sets/${setId}/opening-balances`, undefined, signal),
  saveOpenings: (setId: string, lines: OpeningLine[]) => request<OpeningView>(`/ledger/sets/${setId}/opening-balances`, { method: "PUT", body: { lines } }),
  bank: (setId: string, q: { account: string; month: string }, signal?: AbortSignal) => get<BankReconciliationView>(`/ledger/sets/${setId}/bank`, q, signal),
  bankImport: async (setId: string, account: string, file: File) => post<BankImportResult>(`/ledger/sets/${setId}/bank/import`, { account, fileName: file.name, content: await fileAsBase64(file) }),
  bankAutoMatch: (setId: string, account: string, month: string) => post<{ matched: number }>(`/ledger/sets/${setId}/bank/auto-match`, { account, month }),
  bankMatch: (setId: string, body: { statementLineId: string; voucherId: string; lineNo: number }) => post<undefined>(`/ledger/sets/${setId}/bank/match`, body),
  bankUnmatch: (setId: string, statementLineId: string) => post<undefined>(`/ledger/sets/${setId}/bank/unmatch`, { statementLineId }),
  bankBalance: (setId: string, body: { account: string; month: string; balance: string }) => request<undefined>(`/ledger/sets/${setId}/bank/balance`, { method: "PUT", body }),
  setOptions: (setId: string, body: { cashFlow: boolean }) => request<AccountSetView>(`/ledger/sets/${setId}`, { method: "PATCH", body }),
  statement: (setId: string, code: string, q: Q, signal?: AbortSignal) => get<ReportTable>(`/ledger/sets/${setId}/statements/${code}`, q, signal),
};
