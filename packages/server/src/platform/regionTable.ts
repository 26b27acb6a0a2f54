// The region table: the tenant registry (district, townships, villages by region code; see
// migrations/0001_foundation.sql). Region code is the tenant key of every business table and the
// data scope of every user (ARCHITECTURE decision 1), so every domain names regions, identity and the
// flow engine included; the table is therefore the kernel's, while the organisation domain owns the
// writes (createRegion, updateRegion) and the pages.
import { inArray } from "drizzle-orm";
import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { Db } from "./db.ts";

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

/** The names of regions by code (those not found are left out). */
export async function regionNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.select({ code: region.regionCode, name: region.name }).from(region).where(inArray(region.regionCode, [...new Set(codes)]));
  return new Map(rows.map((r) => [r.code, r.name]));
}
