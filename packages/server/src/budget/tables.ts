// Tables of budget preparation and indicators (migrations/0004_budget_treasury.sql is the source of truth).
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { AdjustmentKind, FundNature, IndicatorEventKind, IndicatorSource, IndicatorStatus, PaymentMethod, YearEndTownshipResult } from "@xiangcai/shared";

const fen = (name: string) => bigint(name, { mode: "bigint" });
const at = (name: string) => timestamp(name, { withTimezone: true });

// The value sets of the columns are the API contract's (packages/shared/src/api/budgetViews.ts).
export type { AdjustmentKind, FundNature, IndicatorEventKind, IndicatorSource, IndicatorStatus, PaymentMethod };

export const fiscalYearStatus = pgTable(
  "fiscal_year_status",
  {
    regionCode: text("region_code").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    status: text("status").$type<"open" | "closed">().notNull(),
    closedBy: uuid("closed_by"),
    closedAt: at("closed_at"),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.fiscalYear] })],
);

export const congressResolution = pgTable(
  "congress_resolution",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    kind: text("kind").$type<"budgetApproval" | "budgetAdjustment">().notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    session: text("session").notNull(),
    resolutionNo: text("resolution_no").notNull(),
    resolvedOn: date("resolved_on", { mode: "string" }).notNull(),
    approvedTotalFen: fen("approved_total_fen"),
    adjustmentKind: text("adjustment_kind").$type<AdjustmentKind>(),
    note: text("note"),
    recordedBy: uuid("recorded_by").notNull(),
    recordedAt: at("recorded_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.resolutionNo)],
);

export const budgetRound = pgTable(
  "budget_round",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    status: text("status").$type<"preparing" | "approved">().notNull(),
    resolutionId: uuid("resolution_id"),
    indicatorsIssuedAt: at("indicators_issued_at"),
    createdBy: uuid("created_by").notNull(),
    createdAt: at("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.fiscalYear)],
);

export type BudgetLineReview = "pending" | "accepted" | "cut" | "returned";

export const budgetLine = pgTable(
  "budget_line",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    roundId: uuid("round_id").notNull(),
    budgetUnitId: uuid("budget_unit_id").notNull(),
    expenditureKind: text("expenditure_kind").$type<"basic" | "project">().notNull(),
    projectName: text("project_name"),
    functionalCode: text("functional_code").notNull(),
    economicCode: text("economic_code").notNull(),
    fundNature: text("fund_nature").$type<FundNature>().notNull(),
    paymentMethod: text("payment_method").$type<PaymentMethod>().notNull(),
    requestedFen: fen("requested_fen").notNull(),
    approvedFen: fen("approved_fen"),
    reviewStatus: text("review_status").$type<BudgetLineReview>().notNull(),
    reviewNote: text("review_note"),
    reviewedBy: uuid("reviewed_by"),
    reviewedAt: at("reviewed_at"),
    createdBy: uuid("created_by").notNull(),
    createdAt: at("created_at").notNull(),
    submittedBy: uuid("submitted_by"),
    submission: integer("submission").notNull(),
    projectId: uuid("project_id"),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] })],
);

export type BudgetLineEventKind = "requested" | "accepted" | "cut" | "returned" | "resubmitted";

/** The review history of a line (migrations/0006): append-only, one row per submission and review. */
export const budgetLineEvent = pgTable(
  "budget_line_event",
  {
    regionCode: text("region_code").notNull(),
    lineId: uuid("line_id").notNull(),
    seq: integer("seq").notNull(),
    at: at("at").notNull(),
    kind: text("kind").$type<BudgetLineEventKind>().notNull(),
    submission: integer("submission").notNull(),
    requestedFen: fen("requested_fen").notNull(),
    approvedFen: fen("approved_fen"),
    note: text("note"),
    changes: jsonb("changes").$type<Record<string, { before: unknown; after: unknown }>>(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.lineId, t.seq] })],
);

export type ProjectStatus = "awaitingAssessment" | "passed" | "failed";

/** The project library (项目库, migrations/0006). */
export const budgetProject = pgTable(
  "budget_project",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    projectNo: text("project_no").notNull(),
    budgetUnitId: uuid("budget_unit_id").notNull(),
    name: text("name").notNull(),
    category: text("category").notNull(),
    description: text("description").notNull(),
    functionalCode: text("functional_code").notNull(),
    plannedTotalFen: fen("planned_total_fen").notNull(),
    startYear: integer("start_year").notNull(),
    endYear: integer("end_year").notNull(),
    status: text("status").$type<ProjectStatus>().notNull(),
    latestAssessmentId: uuid("latest_assessment_id"),
    createdBy: uuid("created_by").notNull(),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.projectNo), unique().on(t.regionCode, t.budgetUnitId, t.name)],
);

/** One ex-ante performance assessment (事前绩效评估) of a project; append-only. */
export const projectAssessment = pgTable(
  "project_assessment",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    projectId: uuid("project_id").notNull(),
    necessityScore: integer("necessity_score").notNull(),
    economyScore: integer("economy_score").notNull(),
    targetScore: integer("target_score").notNull(),
    feasibilityScore: integer("feasibility_score").notNull(),
    financingScore: integer("financing_score").notNull(),
    totalScore: integer("total_score").notNull(),
    passMark: integer("pass_mark").notNull(),
    passed: boolean("passed").notNull(),
    conclusion: text("conclusion").notNull(),
    assessor: text("assessor").notNull(),
    assessedOn: date("assessed_on", { mode: "string" }).notNull(),
    recordedBy: uuid("recorded_by").notNull(),
    recordedAt: at("recorded_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] })],
);

export const budgetIndicator = pgTable(
  "budget_indicator",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    originYear: integer("origin_year").notNull(),
    documentNo: text("document_no").notNull(),
    source: text("source").$type<IndicatorSource>().notNull(),
    /** The source of the indicator this one was first issued as (migration 0026): its own, or, carried over, its origin's. */
    originSource: text("origin_source").$type<Exclude<IndicatorSource, "carryOver">>().notNull(),
    budgetUnitId: uuid("budget_unit_id").notNull(),
    functionalCode: text("functional_code").notNull(),
    economicCode: text("economic_code").notNull(),
    fundNature: text("fund_nature").$type<FundNature>().notNull(),
    paymentMethod: text("payment_method").$type<PaymentMethod>().notNull(),
    summary: text("summary").notNull(),
    issuedFen: fen("issued_fen").notNull(),
    reservedFen: fen("reserved_fen").notNull(),
    paidFen: fen("paid_fen").notNull(),
    availableFen: fen("available_fen").notNull(),
    status: text("status").$type<IndicatorStatus>().notNull(),
    carriedFromId: uuid("carried_from_id"),
    budgetLineId: uuid("budget_line_id"),
    createdBy: uuid("created_by").notNull(),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] })],
);

export const indicatorEvent = pgTable(
  "indicator_event",
  {
    regionCode: text("region_code").notNull(),
    indicatorId: uuid("indicator_id").notNull(),
    seq: integer("seq").notNull(),
    at: at("at").notNull(),
    kind: text("kind").$type<IndicatorEventKind>().notNull(),
    amountFen: fen("amount_fen").notNull(),
    issuedAfterFen: fen("issued_after_fen").notNull(),
    reservedAfterFen: fen("reserved_after_fen").notNull(),
    paidAfterFen: fen("paid_after_fen").notNull(),
    availableAfterFen: fen("available_after_fen").notNull(),
    document: text("document"),
    note: text("note"),
    refType: text("ref_type"),
    refId: text("ref_id"),
    actorId: uuid("actor_id"),
    actorName: text("actor_name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.indicatorId, t.seq] })],
);

export const indicatorReservation = pgTable(
  "indicator_reservation",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    indicatorId: uuid("indicator_id").notNull(),
    sourceType: text("source_type").notNull(),
    sourceId: text("source_id").notNull(),
    amountFen: fen("amount_fen").notNull(),
    settledFen: fen("settled_fen").notNull(),
    releasedFen: fen("released_fen").notNull(),
    createdBy: uuid("created_by"),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] })],
);

export const budgetTransfer = pgTable(
  "budget_transfer",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    fromIndicatorId: uuid("from_indicator_id").notNull(),
    toIndicatorId: uuid("to_indicator_id").notNull(),
    amountFen: fen("amount_fen").notNull(),
    reason: text("reason").notNull(),
    reservationId: uuid("reservation_id").notNull(),
    status: text("status").$type<"pending" | "approved" | "rejected">().notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: at("created_at").notNull(),
    decidedAt: at("decided_at"),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] })],
);


/**
 * A district's year end over all its townships (yearEnd.ts), with its progress (migration 0007 created
 * it beside the treasury tables; the year end is the budget domain's, and so is its table).
 */
export const yearEndRun = pgTable(
  "year_end_run",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    status: text("status").$type<"running" | "finished" | "failed">().notNull(),
    townshipCount: integer("township_count").notNull(),
    doneCount: integer("done_count").notNull(),
    results: jsonb("results").$type<YearEndTownshipResult[]>().notNull(),
    startedBy: uuid("started_by").notNull(),
    startedAt: at("started_at").notNull(),
    finishedAt: at("finished_at"),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), index("year_end_run_started").on(t.regionCode, t.startedAt)],
);

/** The revenue side of a year's budget draft (migrations/0018): revenue by class, transfers, 调入, and 上解/调出. */
export type { RevenueFund, RevenueLineKind } from "@xiangcai/shared";
import type { RevenueFund, RevenueLineKind } from "@xiangcai/shared";
export const budgetRevenueLine = pgTable(
  "budget_revenue_line",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    roundId: uuid("round_id").notNull(),
    kind: text("kind").$type<RevenueLineKind>().notNull(),
    fund: text("fund").$type<RevenueFund>().notNull(),
    revenueCode: text("revenue_code"),
    name: text("name").notNull(),
    amountFen: fen("amount_fen").notNull(),
    note: text("note"),
    createdBy: uuid("created_by").notNull(),
    createdAt: at("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), index("budget_revenue_line_round").on(t.regionCode, t.roundId)],
);

/** A remittance to the level above (上解, migrations/0018); append-only. */
export const budgetRemittance = pgTable(
  "budget_remittance",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    documentNo: text("document_no").notNull(),
    kind: text("kind").$type<"system" | "special">().notNull(),
    fund: text("fund").$type<RevenueFund>().notNull(),
    amountFen: fen("amount_fen").notNull(),
    remittedOn: date("remitted_on", { mode: "string" }).notNull(),
    note: text("note"),
    recordedBy: uuid("recorded_by").notNull(),
    recordedByName: text("recorded_by_name").notNull(),
    recordedAt: at("recorded_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.documentNo)],
);
