// Tables of treasury payment (migrations/0004_budget_treasury.sql is the source of truth).
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { PaymentMethod } from "../budget/tables.ts";
import type { YearEndTownshipResult } from "@xiangcai/shared";

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
    quotaFen: fen("quota_fen").notNull(),
    usedFen: fen("used_fen").notNull(),
    updatedBy: uuid("updated_by").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.budgetUnitId, t.fiscalYear, t.month] })],
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


/**
 * A district's year end over all its townships (budget/yearEnd.ts), with its progress (migration 0007).
 * Kept with the treasury tables: the budget module's tables file belongs to the budget module.
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
