// Tables of the classification catalogues (migrations/0004_budget_treasury.sql is the source of truth).
import { integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

export type ClassificationKind = "functional" | "economic" | "revenue";

/** One code of a catalogue version: region_code is the district that keeps the catalogue. */
export const classificationItem = pgTable(
  "classification_item",
  {
    regionCode: text("region_code").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    kind: text("kind").$type<ClassificationKind>().notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    parentCode: text("parent_code"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.fiscalYear, t.kind, t.code] })],
);
