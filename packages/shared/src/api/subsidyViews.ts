// The answers of the subsidy API (惠农补贴): items, the registry, rosters and their lines, the public
// notice and objections, batches, bank results, recoveries, policy articles and the residents' query.
// Built by the server's subsidy services, read by the web app, declared once here so that a drift is
// a compile error. ID and card numbers only ever travel masked.
import type { FlowTaskDetail } from "./views.ts";

export type RosterStatus = "draft" | "villageReview" | "townshipReview" | "notice" | "districtReview" | "payment" | "closed" | "rejected";
export type RosterLineStatus = "unpaid" | "inBank" | "paid" | "failed";
export type SubsidyAccountType = "card" | "passbook";

/** A check's result on a line (code: NAME_MISSING, DECEASED, OVER_STANDARD …). */
export interface SubsidyFinding {
  code: string;
  severity: "error" | "warning";
  message: string;
}

/** A finding on a spreadsheet row; `row` is the spreadsheet's own row number (header = row 1). */
export interface RowFinding extends SubsidyFinding {
  row: number;
}

/** A subsidy item: who gets it, per what unit, at what standard, from which fund. */
export interface SubsidyItemView {
  regionCode: string;
  code: string;
  name: string;
  basis: "household" | "person";
  unit: string;
  standard: string;
  periodKind: "year" | "month";
  fundSource: string;
  functionalCode: string;
  economicCode: string;
  active: boolean;
}

/** A person of the registry (补贴对象名册). */
export interface RecipientView {
  id: string;
  regionCode: string;
  villageCode: string;
  villageName: string;
  name: string;
  residentIdMasked: string;
  cardMasked: string;
  accountType: SubsidyAccountType;
  bankName: string;
  householdNo: string;
  headOfHousehold: boolean;
  alive: boolean;
  official: boolean;
  cadre: boolean;
  updatedAt: string;
}

/** POST /subsidy/recipients/import. */
export interface RecipientImportReport {
  created: number;
  updated: number;
  rows: number;
}

/** POST /subsidy/reference-lists/:kind/import: persons listed, and how many the registry holds. */
export interface ReferenceListImportReport {
  rows: number;
  matched: number;
}

/** A roster (发放清册) of one item and period, for a village or the whole township. */
export interface RosterView {
  id: string;
  regionCode: string;
  villageCode: string | null;
  villageName: string | null;
  itemCode: string;
  itemName: string;
  period: string;
  status: RosterStatus;
  sourceName: string;
  lineCount: number;
  total: string;
  errorCount: number;
  warningCount: number;
  noticeStartsOn: string | null;
  noticeEndsOn: string | null;
  indicatorId: string | null;
  reservationId: string | null;
  flowInstanceId: string | null;
  createdAt: string;
  /**
   * Villages whose declared area on this roster exceeds the farmland registered for them (基础数据台账);
   * the township reviewer must answer them in the review note. Given on the roster's own page only.
   */
  farmlandWarnings?: FarmlandWarning[];
}

/** A village whose total area on a roster exceeds its registered farmland. */
export interface FarmlandWarning {
  villageCode: string;
  villageName: string;
  year: number;
  declaredMu: string;
  registeredMu: string;
  message: string;
}

/** An imported or corrected roster file, with every finding by row. */
export interface RosterImportAnswer {
  roster: RosterView;
  findings: RowFinding[];
}

/** One person of a roster, with the checks' findings and where the payment stands. */
export interface RosterLineView {
  lineNo: number;
  villageCode: string | null;
  villageName: string;
  name: string;
  residentIdMasked: string;
  cardMasked: string;
  bankName: string;
  quantity: string;
  standard: string | null;
  amount: string;
  remark: string;
  findings: SubsidyFinding[];
  reviewNote: string | null;
  withdrawn: boolean;
  openObjections: number;
  status: RosterLineStatus;
  paidOn: string | null;
  failReason: string | null;
}

/** A line entered or changed by hand: the roster's new totals and the line's findings. */
export interface RosterLineAnswer {
  roster: RosterView;
  line: RosterLineView;
  findings: RowFinding[];
}

/** A failed line waiting for a repayment batch (GET /subsidy/repayments). */
export interface RepaymentLineView extends RosterLineView {
  regionCode: string;
  rosterId: string;
  itemName: string;
  period: string;
}

/** The public notice (公示表) as posted on the village board. */
export interface NoticeView {
  roster: RosterView;
  townshipName: string;
  lines: { lineNo: number; villageName: string; name: string; residentIdMasked: string; quantity: string; amount: string }[];
  howToObject: string;
}

/** An objection raised during the notice, and its outcome. */
export interface ObjectionView {
  id: string;
  rosterId: string;
  lineNo: number;
  name: string;
  raisedBy: string;
  reason: string;
  raisedAt: string;
  outcome: "upheld" | "dismissed" | null;
  outcomeNote: string | null;
  resolvedAt: string | null;
}

/** A roster's flow matter (GET /subsidy/rosters/:id/flow, and after a move). */
export type RosterTaskView = FlowTaskDetail;

/** A disbursement batch sent to the agency bank. */
export interface SubsidyBatchView {
  id: string;
  regionCode: string;
  rosterId: string;
  batchNo: string;
  bankCode: string;
  kind: "first" | "repayment";
  lineCount: number;
  total: string;
  createdAt: string;
  paidCount: number;
  failedCount: number;
  pendingCount: number;
}

/** POST /subsidy/batches/:id/result: what the bank's result file did. */
export interface SubsidyResultReport {
  lines: number;
  newlyPaid: number;
  newlyFailed: number;
  alreadyKnown: number;
  duplicatePayments: number;
  paidAmount: string;
}

/** A wrong payment recorded for recovery (POST /subsidy/rosters/:id/recoveries). */
export interface RecoveryRecordedView {
  id: string;
  rosterId: string;
  lineNo: number;
  amount: string;
  reason: string;
  recordedAt: string;
}

/** A recovery in the list, with the person and whether the money came back. */
export interface RecoveryView {
  id: string;
  regionCode: string;
  rosterId: string;
  lineNo: number;
  name: string;
  residentIdMasked: string;
  amount: string;
  reason: string;
  recordedAt: string;
  recoveredOn: string | null;
}

/** POST /subsidy/recoveries/:id/receipt: the money of a wrong payment came back. */
export interface RecoveryReceiptView {
  recoveryId: string;
  amount: string;
  recoveredOn: string;
}

/** A policy article shown on the service-hall touch screen. */
export interface ArticleView {
  id: string;
  regionCode: string;
  title: string;
  body: string;
  published: boolean;
  updatedAt: string;
}

/** A published article as the kiosk receives it. */
export interface PublicArticleView {
  id: string;
  title: string;
  body: string;
  updatedAt: string;
}

/** One payment of a resident, as the kiosk shows it. */
export interface PublicQueryItem {
  item: string;
  period: string;
  amount: string;
  status: "paid" | "pending" | "failed";
  paidAt: string | null;
  cardMasked: string;
}
