// The answers of the budget API (indicators, congress resolutions, year end, preparation, the
// execution report) and of the classification catalogue: built by the server's budget and catalog
// services, read by the web app, declared once here so that a change on one side that the other
// does not follow is a compile error. Amounts are yuan strings, times ISO 8601 strings.
import type { classificationKinds, fundNatures, paymentMethods } from "./budget.ts";
import type { ProjectAssessmentView, ProjectView } from "./budget.ts";

export type FundNature = (typeof fundNatures)[number];
export type PaymentMethod = (typeof paymentMethods)[number];
export type IndicatorSource = "approvedBudget" | "upperTransfer" | "carryOver";
export type IndicatorStatus = "active" | "closed" | "balance";
export type IndicatorEventKind =
  | "issued"
  | "adjusted"
  | "transferredIn"
  | "transferredOut"
  | "carriedOut"
  | "carriedIn"
  | "becameBalance"
  | "reserved"
  | "settled"
  | "released"
  | "refunded"
  | "closed";

/** An expenditure indicator: issued = reserved + paid + available. */
export interface IndicatorView {
  id: string;
  regionCode: string;
  fiscalYear: number;
  /** The year the money was first issued (a carried-over indicator keeps its origin). */
  originYear: number;
  documentNo: string;
  source: IndicatorSource;
  /** The source the indicator was first issued as (a carried-over one's origin). */
  originSource: Exclude<IndicatorSource, "carryOver">;
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
  /** paid / issued as a percentage with two decimals ("37.52%"). */
  executionRate: string;
  status: IndicatorStatus;
  carriedFromId: string | null;
  createdAt: string;
}

/** One change of an indicator, append-only, with the balances after it. */
export interface IndicatorEventView {
  seq: number;
  at: string;
  kind: IndicatorEventKind;
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

/** GET /budget/indicators/:id, and the answer of issuing or adjusting one. */
export interface IndicatorDetailView extends IndicatorView {
  history: IndicatorEventView[];
}

/** A transfer between indicators (调剂), pending the director's approval. */
export interface BudgetTransferView {
  id: string;
  regionCode: string;
  fromIndicatorId: string;
  toIndicatorId: string;
  amount: string;
  reason: string;
  status: "pending" | "approved" | "rejected";
  flowInstanceId: string;
  createdAt: string;
}

export type AdjustmentKind = "totalChange" | "stabilisationFund" | "priorityCut" | "borrowing";

/** A township congress resolution: the budget's approval or an adjustment (预算调整). */
export interface ResolutionView {
  id: string;
  regionCode: string;
  kind: "budgetApproval" | "budgetAdjustment";
  fiscalYear: number;
  session: string;
  resolutionNo: string;
  resolvedOn: string;
  approvedTotal: string | null;
  adjustmentKind: AdjustmentKind | null;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
}

/** A township's year end (POST /budget/year-end). */
export interface YearEndResult {
  regionCode: string;
  fiscalYear: number;
  closedIndicators: number;
  carriedOver: { count: number; amount: string };
  becameBalance: { count: number; amount: string };
}

/** A township's budget preparation of one year. */
export interface BudgetRoundView {
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

export type BudgetLineReview = "pending" | "accepted" | "cut" | "returned";

/** One request line of a budget round. */
export interface BudgetLineView {
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
  reviewStatus: BudgetLineReview;
  reviewNote: string | null;
  /** 1 for the first submission, one more for each resubmission after a return. */
  submission: number;
  projectId: string | null;
  createdAt: string;
}

/** One row of a round's draft summed by unit or by class. */
export interface BudgetTotalRow {
  key: string;
  name: string;
  requested: string;
  approved: string;
  lineCount: number;
  /** Beside a department economic class (30x): the government economic classes (50x) its lines map to. */
  governmentClasses?: { code: string; name: string }[];
}

/** POST /budget/rounds/:id/lines/import: nothing is written when any row is wrong. */
export interface LinesImportResult {
  total: number;
  imported: number;
  errors: { line: number; message: string }[];
}

/** POST /budget/rounds/:id/indicators: the approved budget issued as indicators. */
export interface RoundIssueResult {
  issued: number;
  total: string;
}

/** An active budget unit for the request and project forms (GET /budget/units). */
export interface BudgetUnitOption {
  id: string;
  regionCode: string;
  name: string;
  kind: string;
}

/** A project with its ex-ante assessments, newest first. */
export interface ProjectDetailView extends ProjectView {
  assessments: ProjectAssessmentView[];
}

export type ExecutionReportBy = "township" | "unit" | "functional1" | "functional2" | "functional3" | "economic1" | "economic2" | "month";

export interface ExecutionRow {
  key: string;
  name: string;
  issued: string;
  reserved: string;
  paid: string;
  available: string;
  executionRate: string;
}

/** GET /budget/execution: indicators summed by township, unit, class or month. */
export interface ExecutionReport {
  fiscalYear: number;
  by: ExecutionReportBy;
  rows: ExecutionRow[];
  total: ExecutionRow;
}

export type ClassificationKind = (typeof classificationKinds)[number];

/** One code of a year's classification catalogue. */
export interface ClassificationView {
  regionCode: string;
  fiscalYear: number;
  kind: ClassificationKind;
  code: string;
  name: string;
  parentCode: string | null;
  level: number;
  levelName: string;
}

/** A catalogue import: codes added, renamed and unchanged, or every bad row and nothing written. */
export interface CatalogImportResult {
  fiscalYear: number;
  kind: ClassificationKind;
  total: number;
  added: number;
  renamed: number;
  unchanged: number;
  errors: { line: number; code: string; message: string }[];
}
