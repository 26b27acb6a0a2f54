// Tables of the subsidy domain (migrations/0005_subsidy.sql is the source of truth;
// platform/schema.test.ts checks these definitions against the migrated database).
import { bigint, boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { StoredFinding } from "./rules.ts";

export type SubsidyBasis = "household" | "person";
export type PeriodKind = "year" | "month";
export type AccountType = "card" | "passbook";
export type ReferenceKind = "deceased" | "official" | "cadre";
export type RosterStatus = "draft" | "villageReview" | "townshipReview" | "notice" | "districtReview" | "payment" | "closed" | "rejected";

export const subsidyItem = pgTable(
  "subsidy_item",
  {
    regionCode: text("region_code").notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    basis: text("basis").$type<SubsidyBasis>().notNull(),
    unit: text("unit").notNull(),
    standardFen: bigint("standard_fen", { mode: "bigint" }).notNull(),
    periodKind: text("period_kind").$type<PeriodKind>().notNull(),
    fundSource: text("fund_source").notNull(),
    functionalCode: text("functional_code").notNull().default(""),
    economicCode: text("economic_code").notNull().default(""),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.code] })],
);

export const subsidyRecipient = pgTable(
  "subsidy_recipient",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    villageCode: text("village_code").notNull(),
    name: text("name").notNull(),
    residentIdSealed: text("resident_id_sealed").notNull(),
    residentIdIndex: text("resident_id_index").notNull(),
    residentIdMasked: text("resident_id_masked").notNull(),
    cardSealed: text("card_sealed"),
    cardIndex: text("card_index"),
    cardMasked: text("card_masked").notNull().default(""),
    accountType: text("account_type").$type<AccountType>().notNull().default("card"),
    bankName: text("bank_name").notNull().default(""),
    householdNo: text("household_no").notNull().default(""),
    headOfHousehold: boolean("head_of_household").notNull().default(false),
    alive: boolean("alive").notNull().default(true),
    official: boolean("official").notNull().default(false),
    cadre: boolean("cadre").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.residentIdIndex)],
);

export const subsidyReferenceEntry = pgTable(
  "subsidy_reference_entry",
  {
    regionCode: text("region_code").notNull(),
    kind: text("kind").$type<ReferenceKind>().notNull(),
    residentIdIndex: text("resident_id_index").notNull(),
    name: text("name").notNull().default(""),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
    /** Date of death on the deceased list, when the list gives it (migration 0020). */
    diedOn: date("died_on", { mode: "string" }),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.kind, t.residentIdIndex] })],
);

export const subsidyRoster = pgTable(
  "subsidy_roster",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    villageCode: text("village_code"),
    itemCode: text("item_code").notNull(),
    period: text("period").notNull(),
    status: text("status").$type<RosterStatus>().notNull(),
    sourceName: text("source_name").notNull().default(""),
    lineCount: integer("line_count").notNull().default(0),
    totalFen: bigint("total_fen", { mode: "bigint" }).notNull().default(0n),
    errorCount: integer("error_count").notNull().default(0),
    warningCount: integer("warning_count").notNull().default(0),
    noticeStartsOn: date("notice_starts_on", { mode: "string" }),
    noticeEndsOn: date("notice_ends_on", { mode: "string" }),
    indicatorId: text("indicator_id"),
    reservationId: text("reservation_id"),
    flowInstanceId: uuid("flow_instance_id"),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] })],
);

export const subsidyRosterLine = pgTable(
  "subsidy_roster_line",
  {
    regionCode: text("region_code").notNull(),
    rosterId: uuid("roster_id").notNull(),
    lineNo: integer("line_no").notNull(),
    villageCode: text("village_code"),
    villageName: text("village_name").notNull().default(""),
    name: text("name").notNull().default(""),
    residentIdSealed: text("resident_id_sealed").notNull(),
    residentIdIndex: text("resident_id_index").notNull(),
    residentIdMasked: text("resident_id_masked").notNull(),
    cardSealed: text("card_sealed"),
    cardIndex: text("card_index"),
    cardMasked: text("card_masked").notNull().default(""),
    bankName: text("bank_name").notNull().default(""),
    quantity: text("quantity").notNull().default(""),
    standardFen: bigint("standard_fen", { mode: "bigint" }),
    amountFen: bigint("amount_fen", { mode: "bigint" }).notNull().default(0n),
    remark: text("remark").notNull().default(""),
    findings: jsonb("findings").$type<StoredFinding[]>().notNull().default([]),
    reviewNote: text("review_note"),
    withdrawn: boolean("withdrawn").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.rosterId, t.lineNo] })],
);

export const subsidyObjection = pgTable(
  "subsidy_objection",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    rosterId: uuid("roster_id").notNull(),
    lineNo: integer("line_no").notNull(),
    raisedBy: text("raised_by").notNull(),
    reason: text("reason").notNull(),
    raisedAt: timestamp("raised_at", { withTimezone: true }).notNull(),
    recordedBy: uuid("recorded_by").notNull(),
    outcome: text("outcome").$type<"upheld" | "dismissed">(),
    outcomeNote: text("outcome_note"),
    resolvedBy: uuid("resolved_by"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] })],
);

export const subsidyBatch = pgTable(
  "subsidy_batch",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    rosterId: uuid("roster_id").notNull(),
    batchNo: text("batch_no").notNull(),
    bankCode: text("bank_code").notNull(),
    kind: text("kind").$type<"first" | "repayment">().notNull(),
    lineCount: integer("line_count").notNull(),
    totalFen: bigint("total_fen", { mode: "bigint" }).notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.batchNo)],
);

export const subsidyDisbursement = pgTable(
  "subsidy_disbursement",
  {
    regionCode: text("region_code").notNull(),
    referenceNo: text("reference_no").notNull(),
    batchId: uuid("batch_id").notNull(),
    rosterId: uuid("roster_id").notNull(),
    lineNo: integer("line_no").notNull(),
    name: text("name").notNull(),
    cardSealed: text("card_sealed").notNull(),
    cardMasked: text("card_masked").notNull(),
    bankName: text("bank_name").notNull(),
    amountFen: bigint("amount_fen", { mode: "bigint" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.referenceNo] })],
);

export const subsidyBankResult = pgTable(
  "subsidy_bank_result",
  {
    regionCode: text("region_code").notNull(),
    referenceNo: text("reference_no").notNull(),
    outcome: text("outcome").$type<"paid" | "failed">().notNull(),
    reason: text("reason").notNull().default(""),
    paidOn: date("paid_on", { mode: "string" }),
    importedBy: uuid("imported_by").notNull(),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.referenceNo] })],
);

export const subsidyLinePayment = pgTable(
  "subsidy_line_payment",
  {
    regionCode: text("region_code").notNull(),
    rosterId: uuid("roster_id").notNull(),
    lineNo: integer("line_no").notNull(),
    referenceNo: text("reference_no").notNull(),
    amountFen: bigint("amount_fen", { mode: "bigint" }).notNull(),
    paidOn: date("paid_on", { mode: "string" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.rosterId, t.lineNo] }), unique().on(t.regionCode, t.referenceNo)],
);

export const subsidyRecovery = pgTable(
  "subsidy_recovery",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    rosterId: uuid("roster_id").notNull(),
    lineNo: integer("line_no").notNull(),
    amountFen: bigint("amount_fen", { mode: "bigint" }).notNull(),
    reason: text("reason").notNull(),
    recordedBy: uuid("recorded_by").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] })],
);

export const subsidyArticle = pgTable(
  "subsidy_article",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    published: boolean("published").notNull().default(true),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] })],
);

/** Money of a wrong payment that came back (migrations/0009_subsidy_more.sql): once per recovery. */
export const subsidyRecoveryReceipt = pgTable(
  "subsidy_recovery_receipt",
  {
    regionCode: text("region_code").notNull(),
    recoveryId: uuid("recovery_id").notNull(),
    amountFen: bigint("amount_fen", { mode: "bigint" }).notNull(),
    recoveredOn: date("recovered_on", { mode: "string" }).notNull(),
    note: text("note").notNull().default(""),
    recordedBy: uuid("recorded_by").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.recoveryId] })],
);
