// The region table: the tenant registry (district, townships, villages by region code; see
// migrations/0001_foundation.sql). Region code is the tenant key of every business table and the
// data scope of every user (ARCHITECTURE decision 1), so every domain names regions, identity and the
// flow engine included; the table is therefore the kernel's, while the organisation domain owns the
// writes (createRegion, updateRegion) and the pages.
import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

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
