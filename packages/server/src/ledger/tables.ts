// Tables of the ledger domain (migrations/0003_ledger.sql is the source of truth;
// platform/schema.test.ts checks these definitions against the migrated database).
import { bigint, boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { LedgerTemplateLine } from "@xiangcai/shared";
import type { AccountSetKind, AuxDimension, Basis, Category, NormalSide, VoucherKind, VoucherStatus } from "./rules.ts";

export const ledgerAccountSet = pgTable(
  "ledger_account_set",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    budgetUnitId: uuid("budget_unit_id"),
    startYear: integer("start_year").notNull(),
    /** migrations/0018: 'unit' (政府会计制度) or 'fiscal' (财政总会计制度); decides chart, statements and closing. */
    kind: text("kind").$type<AccountSetKind>().notNull().default("unit"),
    /** migrations/0023: the set prepares the 现金流量表 (a unit's choice under 政府会计制度). */
    cashFlow: boolean("cash_flow").notNull().default(false),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.code)],
);

export const ledgerAccount = pgTable(
  "ledger_account",
  {
    regionCode: text("region_code").notNull(),
    setId: uuid("set_id").notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    basis: text("basis").$type<Basis>().notNull(),
    category: text("category").$type<Category>().notNull(),
    normalSide: text("normal_side").$type<NormalSide>().notNull(),
    parentCode: text("parent_code"),
    isLeaf: boolean("is_leaf").notNull().default(true),
    requiredAux: jsonb("required_aux").$type<AuxDimension[]>().notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.setId, t.code] })],
);

export const ledgerPeriod = pgTable(
  "ledger_period",
  {
    regionCode: text("region_code").notNull(),
    setId: uuid("set_id").notNull(),
    year: integer("year").notNull(),
    month: integer("month").notNull(),
    status: text("status").$type<"open" | "closed">().notNull(),
    nextNumber: integer("next_number").notNull().default(1),
    closedBy: uuid("closed_by"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.setId, t.year, t.month] })],
);

export const ledgerVoucher = pgTable(
  "ledger_voucher",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    setId: uuid("set_id").notNull(),
    year: integer("year").notNull(),
    month: integer("month").notNull(),
    voucherDate: date("voucher_date", { mode: "string" }).notNull(),
    summary: text("summary").notNull(),
    attachments: integer("attachments").notNull().default(0),
    kind: text("kind").$type<VoucherKind>().notNull(),
    originalId: uuid("original_id"),
    source: text("source"),
    status: text("status").$type<VoucherStatus>().notNull(),
    number: integer("number"),
    parallelConfirmed: boolean("parallel_confirmed").notNull().default(false),
    enteredBy: uuid("entered_by"),
    enteredByName: text("entered_by_name").notNull(),
    enteredAt: timestamp("entered_at", { withTimezone: true }).notNull().defaultNow(),
    reviewedBy: uuid("reviewed_by"),
    reviewedByName: text("reviewed_by_name"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    postedBy: uuid("posted_by"),
    postedByName: text("posted_by_name"),
    postedAt: timestamp("posted_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.setId, t.year, t.month, t.number), unique().on(t.regionCode, t.source)],
);

export const ledgerVoucherLine = pgTable(
  "ledger_voucher_line",
  {
    regionCode: text("region_code").notNull(),
    voucherId: uuid("voucher_id").notNull(),
    lineNo: integer("line_no").notNull(),
    setId: uuid("set_id").notNull(),
    accountCode: text("account_code").notNull(),
    basis: text("basis").$type<Basis>().notNull(),
    summary: text("summary"),
    debitFen: bigint("debit_fen", { mode: "bigint" }).notNull().default(0n),
    creditFen: bigint("credit_fen", { mode: "bigint" }).notNull().default(0n),
    functionalCode: text("functional_code"),
    economicCode: text("economic_code"),
    project: text("project"),
    payee: text("payee"),
    department: text("department"),
    revenueCode: text("revenue_code"),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.voucherId, t.lineNo] })],
);

export const ledgerMonthTotal = pgTable(
  "ledger_month_total",
  {
    regionCode: text("region_code").notNull(),
    setId: uuid("set_id").notNull(),
    year: integer("year").notNull(),
    month: integer("month").notNull(),
    accountCode: text("account_code").notNull(),
    debitFen: bigint("debit_fen", { mode: "bigint" }).notNull().default(0n),
    creditFen: bigint("credit_fen", { mode: "bigint" }).notNull().default(0n),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.setId, t.year, t.month, t.accountCode] })],
);

export const ledgerSkippedEvent = pgTable(
  "ledger_skipped_event",
  {
    regionCode: text("region_code").notNull(),
    eventId: uuid("event_id").notNull(),
    /** The consumer that skipped it (migrations/0018): the unit ledger or the fiscal ledger. */
    consumer: text("consumer").notNull().default("ledger"),
    topic: text("topic").notNull(),
    reason: text("reason").notNull(),
    payload: jsonb("payload").notNull(),
    skippedAt: timestamp("skipped_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.consumer, t.eventId] })],
);

/** Stored voucher templates (migrations/0008): a township's or one set's, replacing built-in ones by business type. */
export type TemplateLine = LedgerTemplateLine;
export const ledgerVoucherTemplate = pgTable(
  "ledger_voucher_template",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    setId: uuid("set_id"),
    businessType: text("business_type").notNull(),
    name: text("name").notNull(),
    summary: text("summary").notNull(),
    lines: jsonb("lines").$type<TemplateLine[]>().notNull(),
    active: boolean("active").notNull().default(true),
    createdBy: uuid("created_by"),
    updatedByName: text("updated_by_name").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] })],
);

/** Opening balances of a set's first year (migrations/0008), per leaf account and auxiliary combination. */
export const ledgerOpeningBalance = pgTable(
  "ledger_opening_balance",
  {
    regionCode: text("region_code").notNull(),
    setId: uuid("set_id").notNull(),
    accountCode: text("account_code").notNull(),
    dimKey: text("dim_key").notNull().default(""),
    functionalCode: text("functional_code"),
    economicCode: text("economic_code"),
    project: text("project"),
    payee: text("payee"),
    department: text("department"),
    revenueCode: text("revenue_code"),
    debitFen: bigint("debit_fen", { mode: "bigint" }).notNull().default(0n),
    creditFen: bigint("credit_fen", { mode: "bigint" }).notNull().default(0n),
    enteredBy: uuid("entered_by"),
    enteredAt: timestamp("entered_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.setId, t.accountCode, t.dimKey] })],
);

/** Bank statement lines (migrations/0023): per set and bank account (1002 or a 明细 of it). */
export const ledgerBankStatementLine = pgTable(
  "ledger_bank_statement_line",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    setId: uuid("set_id").notNull(),
    accountCode: text("account_code").notNull(),
    lineDate: date("line_date", { mode: "string" }).notNull(),
    summary: text("summary").notNull().default(""),
    inFen: bigint("in_fen", { mode: "bigint" }).notNull().default(0n),
    outFen: bigint("out_fen", { mode: "bigint" }).notNull().default(0n),
    balanceFen: bigint("balance_fen", { mode: "bigint" }),
    reference: text("reference").notNull().default(""),
    importId: uuid("import_id").notNull(),
    seq: integer("seq").notNull(),
    importedBy: uuid("imported_by"),
    importedByName: text("imported_by_name").notNull(),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] })],
);

/** A month's bank statement closing balance (migrations/0023): from the file or entered. */
export const ledgerBankBalance = pgTable(
  "ledger_bank_balance",
  {
    regionCode: text("region_code").notNull(),
    setId: uuid("set_id").notNull(),
    accountCode: text("account_code").notNull(),
    year: integer("year").notNull(),
    month: integer("month").notNull(),
    balanceFen: bigint("balance_fen", { mode: "bigint" }).notNull(),
    source: text("source").$type<"file" | "entered">().notNull(),
    updatedByName: text("updated_by_name").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.setId, t.accountCode, t.year, t.month] })],
);

/** A statement line paired with a posted 1002 voucher line (migrations/0023), one-to-one. */
export const ledgerBankMatch = pgTable(
  "ledger_bank_match",
  {
    regionCode: text("region_code").notNull(),
    setId: uuid("set_id").notNull(),
    statementLineId: uuid("statement_line_id").notNull(),
    voucherId: uuid("voucher_id").notNull(),
    lineNo: integer("line_no").notNull(),
    manual: boolean("manual").notNull().default(false),
    matchedByName: text("matched_by_name").notNull(),
    matchedAt: timestamp("matched_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.statementLineId] }), unique().on(t.regionCode, t.voucherId, t.lineNo)],
);
