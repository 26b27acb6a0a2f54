// Tables of treasury payment (migrations/0004_budget_treasury.sql is the source of truth).
import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { AppropriationFund, ExpenditureKind, PaymentMethod } from "../budget/index.ts";

const fen = (name: string) => bigint(name, { mode: "bigint" });
const at = (name: string) => timestamp(name, { withTimezone: true });

export type PaymentStatus = "unitReview" | "financeReview" | "approved" | "sent" | "paid" | "returned" | "cancelled";

export const paymentQuota = pgTable(
  "payment_quota",
  {
    regionCode: text("region_code").notNull(),
    budgetUnitId: uuid("budget_unit_id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    month: integer("month").notNull(),
    /** 基本支出 or 项目支出 (migration 0025): the quota is issued per kind, as the 用款计划 is. */
    expenditureKind: text("expenditure_kind").$type<ExpenditureKind>().notNull(),
    /** 一般公共预算, 政府性基金 or 国有资本经营 (migration 0027): the quota is issued per fund too. */
    fund: text("fund").$type<AppropriationFund>().notNull(),
    quotaFen: fen("quota_fen").notNull(),
    usedFen: fen("used_fen").notNull(),
    updatedBy: uuid("updated_by").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.budgetUnitId, t.fiscalYear, t.month, t.expenditureKind, t.fund] })],
);

export const paymentRequest = pgTable(
  "payment_request",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    paymentNo: text("payment_no").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    indicatorId: uuid("indicator_id").notNull(),
    budgetUnitId: uuid("budget_unit_id").notNull(),
    payeeKind: text("payee_kind").$type<"organisation" | "person">().notNull(),
    payeeName: text("payee_name").notNull(),
    payeeCreditCode: text("payee_credit_code"),
    payeeIdSealed: text("payee_id_sealed"),
    payeeIdMasked: text("payee_id_masked"),
    /** Blind index of a person payee's ID (migration 0020); null for organisations. */
    payeeIdIndex: text("payee_id_index"),
    payeeAccount: text("payee_account"),
    payeeAccountSealed: text("payee_account_sealed"),
    payeeAccountMasked: text("payee_account_masked").notNull(),
    payeeBank: text("payee_bank").notNull(),
    amountFen: fen("amount_fen").notNull(),
    purpose: text("purpose").notNull(),
    method: text("method").$type<PaymentMethod>().notNull(),
    attachments: jsonb("attachments").$type<string[]>().notNull(),
    status: text("status").$type<PaymentStatus>().notNull(),
    quotaMonth: integer("quota_month"),
    /** The kind of the quota row an authorised payment used (migration 0025); null with `quotaMonth`. */
    quotaKind: text("quota_kind").$type<ExpenditureKind>(),
    /** The fund of the quota row an authorised payment used (migration 0027); null with `quotaMonth`. */
    quotaFund: text("quota_fund").$type<AppropriationFund>(),
    reservationId: uuid("reservation_id").notNull(),
    flowInstanceId: uuid("flow_instance_id"),
    orderNo: text("order_no"),
    orderedAt: at("ordered_at"),
    bankBatchId: uuid("bank_batch_id"),
    paidAt: at("paid_at"),
    returnedAt: at("returned_at"),
    returnReason: text("return_reason"),
    createdBy: uuid("created_by").notNull(),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.paymentNo)],
);

export const bankBatch = pgTable(
  "bank_batch",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    batchNo: text("batch_no").notNull(),
    paymentCount: integer("payment_count").notNull(),
    totalFen: fen("total_fen").notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: at("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.batchNo)],
);

export const bankResultFile = pgTable(
  "bank_result_file",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    fileHash: text("file_hash").notNull(),
    paidCount: integer("paid_count").notNull(),
    returnedCount: integer("returned_count").notNull(),
    ignoredCount: integer("ignored_count").notNull(),
    summary: jsonb("summary").notNull(),
    importedBy: uuid("imported_by").notNull(),
    importedAt: at("imported_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.fileHash)],
);

/** A refund of a paid payment (支付后退款), in part or in full (migration 0007). */
export const paymentRefund = pgTable(
  "payment_refund",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    paymentId: uuid("payment_id").notNull(),
    amountFen: fen("amount_fen").notNull(),
    reason: text("reason").notNull(),
    documentNo: text("document_no").notNull(),
    refundedBy: uuid("refunded_by").notNull(),
    refundedAt: at("refunded_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), index("payment_refund_payment").on(t.regionCode, t.paymentId)],
);


/** The treasury's daily revenue report (国库收入日报, migrations/0018): entered or imported; append-only. */
export const treasuryRevenueReport = pgTable(
  "treasury_revenue_report",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    reportDate: date("report_date", { mode: "string" }).notNull(),
    source: text("source").$type<"entered" | "imported">().notNull(),
    fileName: text("file_name"),
    lineCount: integer("line_count").notNull(),
    totalFen: fen("total_fen").notNull(),
    recordedBy: uuid("recorded_by").notNull(),
    recordedByName: text("recorded_by_name").notNull(),
    recordedAt: at("recorded_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), index("treasury_revenue_report_date").on(t.regionCode, t.reportDate)],
);

export type RevenueReportFund = "generalBudget" | "governmentFund" | "stateCapital";
/** One revenue class of a daily report; a negative amount is money paid back out (退库). */
export const treasuryRevenueLine = pgTable(
  "treasury_revenue_line",
  {
    regionCode: text("region_code").notNull(),
    reportId: uuid("report_id").notNull(),
    lineNo: integer("line_no").notNull(),
    revenueCode: text("revenue_code").notNull(),
    revenueName: text("revenue_name").notNull(),
    fund: text("fund").$type<RevenueReportFund>().notNull(),
    amountFen: fen("amount_fen").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.reportId, t.lineNo] })],
);
