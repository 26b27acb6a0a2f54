// Tables of the organisation domain (migrations/0001_foundation.sql is the source of truth;
// schema.test.ts checks these definitions against the migrated database).
import { integer, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

export const region = pgTable("region", {
  regionCode: text("region_code").primaryKey(),
  name: text("name").notNull(),
  level: text("level").$type<"district" | "township" | "village">().notNull(),
  kind: text("kind").notNull(),
  parentCode: text("parent_code"),
  population: integer("population"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type BudgetUnitStatus = "pending" | "active" | "rejected" | "returned";
export type BudgetUnitKind = "administrative" | "publicInstitution" | "other";

export const budgetUnit = pgTable(
  "budget_unit",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    creditCode: text("credit_code").notNull(),
    name: text("name").notNull(),
    kind: text("kind").$type<BudgetUnitKind>().notNull(),
    status: text("status").$type<BudgetUnitStatus>().notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.creditCode)],
);
