// The answers of the treasury payment API (国库集中支付): payment requests, bank batches and results,
// authorised-payment quotas and refunds after paid. Built by the server's treasury service, read by
// the web app, declared once here so that a drift is a compile error.
import type { paymentStatuses } from "./treasury.ts";
import type { FundNature, PaymentMethod } from "./budgetViews.ts";
import type { AppropriationFund } from "./budget.ts";

export type PaymentStatus = (typeof paymentStatuses)[number];

/** A payment request, from entry to paid (or returned, cancelled), with its refunds after paid. */
export interface PaymentView {
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
  /** Names of attachments registered with the request (files stored since are listed separately). */
  attachments: string[];
  status: PaymentStatus;
  statusName: string;
  flowInstanceId: string | null;
  orderNo: string | null;
  orderedAt: string | null;
  bankBatchId: string | null;
  paidAt: string | null;
  returnedAt: string | null;
  returnReason: string | null;
  /** Refunded after paid (支付后退款), in total, and what may still be refunded. */
  refunded: string;
  refundable: string;
  createdByName: string;
  createdAt: string;
}

/** Payment orders sent to the agency bank in one export file. */
export interface BankBatchView {
  id: string;
  regionCode: string;
  batchNo: string;
  paymentCount: number;
  total: string;
  createdAt: string;
}

/** POST /treasury/bank-results: what the bank's result file did. */
export interface BankResultSummary {
  fileId: string;
  paid: number;
  returned: number;
  ignored: { line: number; orderNo: string; reason: string }[];
  errors: { line: number; message: string }[];
  /** True when the same file was imported before: nothing changed this time. */
  alreadyImported: boolean;
}

/** A budget unit's authorised-payment quota of one month, kind (基本支出 / 项目支出) and fund (一般公共预算 / 政府性基金 / 国有资本经营). */
export interface QuotaView {
  regionCode: string;
  budgetUnitId: string;
  budgetUnitName: string;
  fiscalYear: number;
  month: number;
  expenditureKind: "basic" | "project";
  fund: AppropriationFund;
  /** The fund's Chinese name. */
  fundName: string;
  quota: string;
  used: string;
  remaining: string;
}

/** A refund after paid: the amount goes back to the indicator's available. */
export interface RefundView {
  id: string;
  paymentId: string;
  amount: string;
  reason: string;
  documentNo: string;
  refundedByName: string;
  refundedAt: string;
}
