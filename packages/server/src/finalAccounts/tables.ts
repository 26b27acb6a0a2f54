// Tables of the final accounts (migrations/0019_final_accounts.sql is the source of truth).
import { integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

export const finalAccountNote = pgTable(
  "final_account_note",
  {
    regionCode: text("region_code").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    text: text("text").notNull(),
    updatedBy: uuid("updated_by"),
    updatedByName: text("updated_by_name").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.fiscalYear] })],
);

export const publicDocument = pgTable(
  "public_document",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    kind: text("kind").$type<"budget" | "finalAccount">().notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    title: text("title").notNull(),
    approvedAt: timestamp("approved_at", { withTimezone: true }).notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    publishedBy: uuid("published_by"),
    publishedByName: text("published_by_name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.kind, t.fiscalYear)],
);
