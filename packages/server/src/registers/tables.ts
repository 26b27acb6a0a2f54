// Tables of the registers (台账): policy documents, tax sources and their monthly tax, basic data per
// village and year, and the history of every change (migrations/0014_debt_registers.sql).
import { bigint, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

const at = (name: string) => timestamp(name, { withTimezone: true });
const day = (name: string) => date(name, { mode: "string" });

export type PolicyLevel = "central" | "province" | "city" | "district";

export const policyDocument = pgTable(
  "policy_document",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    documentNo: text("document_no").notNull(),
    title: text("title").notNull(),
    issuer: text("issuer").notNull(),
    level: text("level").$type<PolicyLevel>().notNull(),
    issuedDate: day("issued_date").notNull(),
    subject: text("subject").notNull().default(""),
    scope: text("scope").notNull().default(""),
    effectiveDate: day("effective_date").notNull(),
    expiryDate: day("expiry_date"),
    attachmentId: uuid("attachment_id"),
    subsidyItemCodes: jsonb("subsidy_item_codes").$type<string[]>().notNull().default([]),
    functionalCodes: jsonb("functional_codes").$type<string[]>().notNull().default([]),
    status: text("status").$type<"active" | "repealed">().notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.documentNo), index("policy_document_expiry").on(t.regionCode, t.expiryDate)],
);

export const taxSource = pgTable(
  "tax_source",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    creditCode: text("credit_code").notNull(),
    name: text("name").notNull(),
    kind: text("kind").$type<"enterprise" | "individual">().notNull(),
    industry: text("industry").notNull(),
    villageCode: text("village_code"),
    taxKinds: jsonb("tax_kinds").$type<string[]>().notNull().default([]),
    status: text("status").$type<"active" | "closed">().notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.creditCode)],
);

export const taxPayment = pgTable(
  "tax_payment",
  {
    regionCode: text("region_code").notNull(),
    taxSourceId: uuid("tax_source_id").notNull(),
    month: text("month").notNull(),
    taxKind: text("tax_kind").notNull(),
    amountFen: bigint("amount_fen", { mode: "bigint" }).notNull(),
    importedBy: uuid("imported_by").notNull(),
    importedAt: at("imported_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.taxSourceId, t.month, t.taxKind] }), index("tax_payment_month").on(t.regionCode, t.month)],
);

export const basicData = pgTable(
  "basic_data",
  {
    regionCode: text("region_code").notNull(),
    year: integer("year").notNull(),
    population: integer("population").notNull(),
    households: integer("households").notNull(),
    farmlandMu: numeric("farmland_mu").notNull(),
    forestMu: numeric("forest_mu").notNull(),
    otherBases: jsonb("other_bases").$type<Record<string, string>>().notNull().default({}),
    updatedBy: uuid("updated_by").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.year] })],
);

export type RegisterName = "policyDocument" | "taxSource" | "taxPayment" | "basicData";

export const registerEvent = pgTable(
  "register_event",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    register: text("register").$type<RegisterName>().notNull(),
    recordKey: text("record_key").notNull(),
    action: text("action").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    actorId: uuid("actor_id").notNull(),
    actorName: text("actor_name").notNull(),
    at: at("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), index("register_event_record").on(t.regionCode, t.register, t.recordKey, t.at)],
);
