// Tables of the organisation domain (migrations/0001_foundation.sql is the source of truth;
// schema.test.ts checks these definitions against the migrated database).
import { pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

// The region table itself is the platform's tenant registry (platform/regionTable.ts); this domain
// writes it.

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
