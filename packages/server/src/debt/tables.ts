// Tables of government debt and the park credit programme (migrations/0014_debt_registers.sql is the
// source of truth).
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { ScheduleFrequency, ScheduleMethod } from "./schedule.ts";

const fen = (name: string) => bigint(name, { mode: "bigint" });
const at = (name: string) => timestamp(name, { withTimezone: true });
const day = (name: string) => date(name, { mode: "string" });

export type DebtKind = "bond" | "loan" | "arrears" | "other";
export type BondType = "general" | "special";
export type BondPurpose = "new" | "refinancing";
export type DebtStatus = "active" | "settled";

/** A hidden debt's resolution plan (化债方案): its document, measures and the yuan to resolve each year. */
export interface ResolutionPlan {
  documentNo: string;
  measures: string;
  targets: { year: number; amountFen: string }[];
}

export const debt = pgTable(
  "debt",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    debtNo: text("debt_no").notNull(),
    kind: text("kind").$type<DebtKind>().notNull(),
    name: text("name").notNull(),
    bondType: text("bond_type").$type<BondType>(),
    bondPurpose: text("bond_purpose").$type<BondPurpose>(),
    creditorName: text("creditor_name").notNull(),
    creditorCreditCode: text("creditor_credit_code"),
    documentNo: text("document_no").notNull(),
    purpose: text("purpose").notNull().default(""),
    principalFen: fen("principal_fen").notNull(),
    startDate: day("start_date").notNull(),
    maturityDate: day("maturity_date").notNull(),
    annualRate: text("annual_rate").notNull(),
    periods: integer("periods").notNull(),
    frequency: text("frequency").$type<ScheduleFrequency>().notNull(),
    method: text("method").$type<ScheduleMethod>().notNull(),
    isHidden: boolean("is_hidden").notNull().default(false),
    resolutionPlan: jsonb("resolution_plan").$type<ResolutionPlan>(),
    scheduleVersion: integer("schedule_version").notNull().default(0),
    scheduleSource: text("schedule_source").$type<"generated" | "imported">(),
    status: text("status").$type<DebtStatus>().notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.debtNo), index("debt_kind").on(t.regionCode, t.kind, t.status)],
);

export const debtEvent = pgTable(
  "debt_event",
  {
    regionCode: text("region_code").notNull(),
    debtId: uuid("debt_id").notNull(),
    seq: integer("seq").notNull(),
    kind: text("kind").notNull(),
    before: jsonb("before"),
    after: jsonb("after").notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name").notNull(),
    at: at("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.debtId, t.seq] })],
);

export const debtScheduleLine = pgTable(
  "debt_schedule_line",
  {
    regionCode: text("region_code").notNull(),
    debtId: uuid("debt_id").notNull(),
    version: integer("version").notNull(),
    period: integer("period").notNull(),
    dueDate: day("due_date").notNull(),
    principalFen: fen("principal_fen").notNull(),
    interestFen: fen("interest_fen").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.debtId, t.version, t.period] }), index("debt_schedule_due").on(t.regionCode, t.dueDate)],
);

export const debtRepayment = pgTable(
  "debt_repayment",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    debtId: uuid("debt_id").notNull(),
    scheduleVersion: integer("schedule_version").notNull(),
    period: integer("period").notNull(),
    principalFen: fen("principal_fen").notNull(),
    interestFen: fen("interest_fen").notNull(),
    paymentId: uuid("payment_id").notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: at("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.paymentId), index("debt_repayment_debt").on(t.regionCode, t.debtId)],
);

export const debtCapacity = pgTable(
  "debt_capacity",
  {
    regionCode: text("region_code").notNull(),
    year: integer("year").notNull(),
    version: integer("version").notNull(),
    generalRevenueFen: fen("general_revenue_fen").notNull(),
    transferRevenueFen: fen("transfer_revenue_fen").notNull(),
    fundRevenueFen: fen("fund_revenue_fen").notNull(),
    stateCapitalRevenueFen: fen("state_capital_revenue_fen").notNull(),
    note: text("note").notNull().default(""),
    enteredBy: uuid("entered_by").notNull(),
    enteredAt: at("entered_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.year, t.version] })],
);

// ---------------------------------------------------------------- park credit programme

export const parkCreditBank = pgTable(
  "park_credit_bank",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    name: text("name").notNull(),
    agreementNo: text("agreement_no").notNull(),
    status: text("status").$type<"active" | "ended">().notNull(),
    /** The share of a loss the risk compensation fund bears, in percent (migration 0021). */
    fundSharePercent: text("fund_share_percent").notNull().default("80"),
    contact: text("contact").notNull().default(""),
    createdBy: uuid("created_by").notNull(),
    createdAt: at("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.name)],
);

export type FundMovementKind = "deposit" | "compensation" | "recovery" | "withdrawal";

export const parkCreditFundMovement = pgTable(
  "park_credit_fund_movement",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    bankId: uuid("bank_id").notNull(),
    kind: text("kind").$type<FundMovementKind>().notNull(),
    amountFen: fen("amount_fen").notNull(),
    movementDate: day("movement_date").notNull(),
    loanId: uuid("loan_id"),
    documentNo: text("document_no").notNull(),
    note: text("note").notNull().default(""),
    createdBy: uuid("created_by").notNull(),
    createdAt: at("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), index("park_credit_fund_bank").on(t.regionCode, t.bankId), index("park_credit_fund_loan").on(t.regionCode, t.loanId)],
);

export type ParkLoanStatus = "performing" | "repaid" | "overdue" | "defaulted" | "compensated";

export const parkCreditLoan = pgTable(
  "park_credit_loan",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    loanNo: text("loan_no").notNull(),
    bankId: uuid("bank_id").notNull(),
    enterpriseName: text("enterprise_name").notNull(),
    creditCode: text("credit_code").notNull(),
    amountFen: fen("amount_fen").notNull(),
    startDate: day("start_date").notNull(),
    termMonths: integer("term_months").notNull(),
    dueDate: day("due_date").notNull(),
    annualRate: text("annual_rate").notNull(),
    status: text("status").$type<ParkLoanStatus>().notNull(),
    repaidFen: fen("repaid_fen").notNull().default(0n),
    parkName: text("park_name").notNull().default(""),
    createdBy: uuid("created_by").notNull(),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.loanNo), index("park_credit_loan_bank").on(t.regionCode, t.bankId, t.status)],
);

export const parkCreditLoanEvent = pgTable(
  "park_credit_loan_event",
  {
    regionCode: text("region_code").notNull(),
    loanId: uuid("loan_id").notNull(),
    seq: integer("seq").notNull(),
    kind: text("kind").$type<"granted" | "repaid" | "overdue" | "defaulted" | "compensated" | "recovered">().notNull(),
    amountFen: fen("amount_fen").notNull(),
    eventDate: day("event_date").notNull(),
    note: text("note").notNull().default(""),
    actorId: uuid("actor_id").notNull(),
    actorName: text("actor_name").notNull(),
    at: at("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.loanId, t.seq] })],
);
