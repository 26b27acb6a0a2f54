// The answers of the ledger API (会计核算): account sets and charts, vouchers, books and statements
// as tables, opening balances and year closing. Built by the server's ledger services, read by the
// web app, declared once here so that a drift is a compile error. Amounts are yuan strings.
import type { ledgerAuxDimensions, ledgerSetKinds, ledgerVoucherKindNames, ledgerVoucherStatusNames } from "./ledger.ts";

export type LedgerBasis = "financial" | "budget";
export type LedgerAuxDimension = (typeof ledgerAuxDimensions)[number];
export type LedgerAux = Partial<Record<LedgerAuxDimension, string>>;
export type LedgerSetKind = (typeof ledgerSetKinds)[number];
export type VoucherKind = keyof typeof ledgerVoucherKindNames;
export type VoucherStatus = keyof typeof ledgerVoucherStatusNames;

/** One month of an account set's year. */
export interface LedgerPeriodView {
  year: number;
  month: number;
  status: "open" | "closed";
  vouchersPosted: number;
}

/** An account set in a list (GET /ledger/sets). */
export interface AccountSetSummaryView {
  id: string;
  regionCode: string;
  regionName: string;
  code: string;
  name: string;
  kind: LedgerSetKind;
  budgetUnitId: string | null;
  startYear: number;
  /** Whether the set prepares the 现金流量表 (a unit set's choice; migrations/0023). */
  cashFlow: boolean;
}

/** An account set with its months (GET /ledger/sets/:id, and after closing or reopening a month). */
export interface AccountSetView extends AccountSetSummaryView {
  budgetUnitName: string | null;
  periods: LedgerPeriodView[];
}

/** One account of a set's chart. */
export interface LedgerAccountView {
  code: string;
  name: string;
  basis: LedgerBasis;
  /** asset, liability, net_assets, revenue, expense, budget_revenue … (the chart's own categories). */
  category: string;
  normalSide: "debit" | "credit";
  parentCode: string | null;
  isLeaf: boolean;
  requiredAux: LedgerAuxDimension[];
}

/** A voucher in a list: its financial amount instead of its lines. */
export interface VoucherSummaryView {
  id: string;
  setId: string;
  regionCode: string;
  year: number;
  month: number;
  date: string;
  summary: string;
  kind: VoucherKind;
  status: VoucherStatus;
  number: number | null;
  /** 记-0001, or 未编号 before posting. */
  label: string;
  financialAmount: string;
  enteredByName: string;
  reviewedByName: string | null;
  postedByName: string | null;
  originalId: string | null;
}

export interface VoucherLineView {
  lineNo: number;
  account: string;
  accountName: string;
  basis: LedgerBasis;
  summary: string | null;
  debit: string | null;
  credit: string | null;
  aux: LedgerAux;
}

/** A whole voucher, as printed and bound into the archive. */
export interface VoucherView {
  id: string;
  setId: string;
  setCode: string;
  setName: string;
  regionCode: string;
  year: number;
  month: number;
  date: string;
  summary: string;
  attachments: number;
  kind: VoucherKind;
  originalId: string | null;
  source: string | null;
  status: VoucherStatus;
  number: number | null;
  label: string;
  parallelConfirmed: boolean;
  enteredByName: string;
  reviewedByName: string | null;
  postedByName: string | null;
  enteredAt: string;
  reviewedAt: string | null;
  postedAt: string | null;
  lines: VoucherLineView[];
}

/** A book or statement as a table: what the API answers and what Excel receives. */
export interface ReportTable {
  title: string;
  subtitle: string;
  columns: { key: string; header: string; money?: boolean; width?: number }[];
  rows: Record<string, string | number | null>[];
  /** What the reader should know about where the figures come from (shown under the table). */
  note?: string;
}

/** A set's opening balances of its first year, and whether they can still change. */
export interface OpeningView {
  year: number;
  locked: boolean;
  lockedReason: string | null;
  lines: { account: string; accountName: string; basis: LedgerBasis; debit: string | null; credit: string | null; aux: LedgerAux }[];
  totals: { financialDebit: string; financialCredit: string; budgetDebit: string; budgetCredit: string };
}

/** POST /ledger/sets/:setId/years/:year/close: the closing vouchers written. */
export interface YearCloseResult {
  vouchers: string[];
}

/** POST /ledger/sets/:setId/chart-import. */
export interface ChartImportResult {
  added: number;
  updated: number;
}

/**
 * POST /ledger/sets/:setId/chart/complete-standard (and its GET …/preview): the standard 明细 of the
 * set's kind added to its chart, and those left out with the reason.
 */
export interface ChartCompletionResult {
  added: { code: string; name: string }[];
  skipped: { code: string; name: string; reason: string }[];
}

/** An outbox event the ledger could not post, kept for the accountant to act on. */
export interface SkippedEventView {
  regionCode: string;
  eventId: string;
  consumer: string;
  topic: string;
  reason: string;
  payload: unknown;
  skippedAt: string;
}
