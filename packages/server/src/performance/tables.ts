// Tables of budget performance (migrations/0015_performance.sql is the source of truth;
// platform/schema.test.ts checks these definitions against the migrated database).
import { bigint, boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid, index } from "drizzle-orm/pg-core";
import type { MonitoringColour, PerformanceDirection, PerformanceGrade, PerformanceWeights, TargetLevel1, TargetLevel2 } from "@xiangcai/shared";

const at = (name: string) => timestamp(name, { withTimezone: true });
const fen = (name: string) => bigint(name, { mode: "bigint" });

export type SubjectKind = "project" | "unit" | "policy";
export type SheetStatus = "draft" | "submitted" | "returned" | "accepted";
export type IndicatorSource = "subsidy.coverage" | "subsidy.recipients" | "subsidy.paidAmount" | "subsidy.paidOnTime";
export type ActionKind = "paymentHold" | "adjustmentProposal";
export type EvaluationStatus = "selfEvaluation" | "financeReview" | "completed";
export type EvaluationRound = "self" | "finance" | "external";
export type ExecutionSource = "budget" | "subsidy" | "entered";

export const performanceTargetSheet = pgTable(
  "performance_target_sheet",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    subjectKind: text("subject_kind").$type<SubjectKind>().notNull(),
    subjectRef: text("subject_ref").notNull(),
    subjectName: text("subject_name").notNull(),
    budgetUnitId: uuid("budget_unit_id"),
    overallGoal: text("overall_goal").notNull(),
    weights: jsonb("weights").$type<PerformanceWeights>().notNull(),
    status: text("status").$type<SheetStatus>().notNull(),
    submission: integer("submission").notNull(),
    reviewNote: text("review_note"),
    flowInstanceId: uuid("flow_instance_id"),
    createdBy: uuid("created_by").notNull(),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
    acceptedAt: at("accepted_at"),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.fiscalYear, t.subjectKind, t.subjectRef), index("performance_target_sheet_unit").on(t.regionCode, t.budgetUnitId, t.fiscalYear)],
);

export const performanceTargetIndicator = pgTable(
  "performance_target_indicator",
  {
    regionCode: text("region_code").notNull(),
    sheetId: uuid("sheet_id").notNull(),
    indicatorNo: integer("indicator_no").notNull(),
    level1: text("level1").$type<TargetLevel1>().notNull(),
    level2: text("level2").$type<TargetLevel2>().notNull(),
    name: text("name").notNull(),
    unit: text("unit").notNull(),
    direction: text("direction").$type<PerformanceDirection>().notNull(),
    target: text("target").notNull(),
    weight: text("weight").notNull(),
    accumulates: boolean("accumulates").notNull(),
    source: text("source").$type<IndicatorSource>(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.sheetId, t.indicatorNo] })],
);

export const performanceMonitoringReport = pgTable(
  "performance_monitoring_report",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    sheetId: uuid("sheet_id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    month: integer("month").notNull(),
    issuedFen: fen("issued_fen").notNull(),
    paidFen: fen("paid_fen").notNull(),
    redCount: integer("red_count").notNull(),
    note: text("note").notNull(),
    enteredBy: uuid("entered_by").notNull(),
    enteredByName: text("entered_by_name").notNull(),
    enteredAt: at("entered_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.sheetId, t.month), index("performance_monitoring_report_year").on(t.regionCode, t.fiscalYear, t.month)],
);

export const performanceMonitoringValue = pgTable(
  "performance_monitoring_value",
  {
    regionCode: text("region_code").notNull(),
    reportId: uuid("report_id").notNull(),
    indicatorNo: integer("indicator_no").notNull(),
    actual: text("actual").notNull(),
    expected: text("expected").notNull(),
    colour: text("colour").$type<MonitoringColour>().notNull(),
    reason: text("reason"),
    measure: text("measure"),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.reportId, t.indicatorNo] })],
);

export const performanceAction = pgTable(
  "performance_action",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    kind: text("kind").$type<ActionKind>().notNull(),
    sheetId: uuid("sheet_id").notNull(),
    reportId: uuid("report_id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    subjectKind: text("subject_kind").$type<SubjectKind>().notNull(),
    subjectRef: text("subject_ref").notNull(),
    reason: text("reason").notNull(),
    status: text("status").$type<"open" | "closed">().notNull(),
    openedAt: at("opened_at").notNull(),
    closedAt: at("closed_at"),
    closedBy: uuid("closed_by"),
    closedByName: text("closed_by_name"),
    closeNote: text("close_note"),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), index("performance_action_subject").on(t.regionCode, t.subjectKind, t.subjectRef, t.status)],
);

export const performanceCongressNote = pgTable(
  "performance_congress_note",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    sheetId: uuid("sheet_id"),
    kind: text("kind").$type<"question" | "opinion">().notNull(),
    body: text("body").notNull(),
    askedBy: uuid("asked_by").notNull(),
    askedByName: text("asked_by_name").notNull(),
    askedAt: at("asked_at").notNull(),
    answer: text("answer"),
    answeredBy: uuid("answered_by"),
    answeredByName: text("answered_by_name"),
    answeredAt: at("answered_at"),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), index("performance_congress_note_year").on(t.regionCode, t.fiscalYear)],
);

export const performanceEvaluation = pgTable(
  "performance_evaluation",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    sheetId: uuid("sheet_id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    subjectKind: text("subject_kind").$type<SubjectKind>().notNull(),
    subjectRef: text("subject_ref").notNull(),
    subjectName: text("subject_name").notNull(),
    budgetUnitId: uuid("budget_unit_id"),
    status: text("status").$type<EvaluationStatus>().notNull(),
    issuedFen: fen("issued_fen").notNull(),
    paidFen: fen("paid_fen").notNull(),
    executionSource: text("execution_source").$type<ExecutionSource>().notNull(),
    eligibleCount: integer("eligible_count"),
    dueOn: date("due_on", { mode: "string" }),
    score: text("score"),
    grade: text("grade").$type<PerformanceGrade>(),
    flowInstanceId: uuid("flow_instance_id"),
    createdBy: uuid("created_by").notNull(),
    createdAt: at("created_at").notNull(),
    completedAt: at("completed_at"),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.sheetId), index("performance_evaluation_subject").on(t.regionCode, t.subjectKind, t.subjectRef, t.fiscalYear)],
);

export const performanceEvaluationRound = pgTable(
  "performance_evaluation_round",
  {
    regionCode: text("region_code").notNull(),
    evaluationId: uuid("evaluation_id").notNull(),
    round: text("round").$type<EvaluationRound>().notNull(),
    evaluator: text("evaluator").notNull(),
    conclusion: text("conclusion").notNull(),
    problems: text("problems").notNull(),
    executionPoints: text("execution_points").notNull(),
    score: text("score").notNull(),
    grade: text("grade").$type<PerformanceGrade>().notNull(),
    recordedBy: uuid("recorded_by").notNull(),
    recordedByName: text("recorded_by_name").notNull(),
    recordedAt: at("recorded_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.evaluationId, t.round] })],
);

export const performanceEvaluationValue = pgTable(
  "performance_evaluation_value",
  {
    regionCode: text("region_code").notNull(),
    evaluationId: uuid("evaluation_id").notNull(),
    round: text("round").$type<EvaluationRound>().notNull(),
    indicatorNo: integer("indicator_no").notNull(),
    actual: text("actual").notNull(),
    completion: text("completion").notNull(),
    points: text("points").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.evaluationId, t.round, t.indicatorNo] })],
);

export const performanceResultException = pgTable(
  "performance_result_exception",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    subjectKind: text("subject_kind").$type<SubjectKind>().notNull(),
    subjectRef: text("subject_ref").notNull(),
    evaluationId: uuid("evaluation_id").notNull(),
    reason: text("reason").notNull(),
    recordedBy: uuid("recorded_by").notNull(),
    recordedByName: text("recorded_by_name").notNull(),
    recordedAt: at("recorded_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.fiscalYear, t.subjectKind, t.subjectRef)],
);
