// Proves migration 0026's backfill of budget_indicator.origin_source: every indicator carried over
// (结转), however many times, gets the source of the indicator its chain starts from, and the others
// their own source. The backfill's statements are read from the migration file and run on the demo's
// indicators with chains of carried-over upper transfers and approved-budget money added with the column emptied.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "../../test/db.ts";
import { budgetIndicator } from "./tables.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase("demo");
});
afterAll(async () => database.close());

const migration = readFileSync(new URL("../../migrations/0026_indicator_origin_source.sql", import.meta.url), "utf8");
/** The migration's data statements (the backfill and its fallback), comments dropped. */
const backfill = migration
  .split(";\n")
  .map((s) => s.replace(/^--.*$/gm, "").trim())
  .filter((s) => /^(WITH|UPDATE)/.test(s));

describe("migration 0026 (origin_source)", () => {
  it("backfills a carried-over indicator with the source its chain starts from, twice carried too", async () => {
    const db = database.db;
    const rows = await db.select({ regionCode: budgetIndicator.regionCode, id: budgetIndicator.id, source: budgetIndicator.source, carriedFromId: budgetIndicator.carriedFromId, originSource: budgetIndicator.originSource }).from(budgetIndicator);
    const byId = new Map(rows.map((r) => [`${r.regionCode}/${r.id}`, r]));
    const originOf = (r: (typeof rows)[number]): string => {
      const from = r.carriedFromId ? byId.get(`${r.regionCode}/${r.carriedFromId}`) : undefined;
      return r.source !== "carryOver" ? r.source : from ? originOf(from) : "approvedBudget";
    };
    // An upper transfer carried over twice (a chain two links long) and approved-budget money carried once.
    const transfer = rows.find((r) => r.source === "upperTransfer");
    const approved = rows.find((r) => r.source === "approvedBudget");
    expect(transfer && approved, "the demo holds an upper transfer and approved-budget money").toBeTruthy();
    const carry = async (from: { regionCode: string; id: string }, id: string) =>
      db.execute(sql`insert into budget_indicator select region_code, ${id}::uuid, fiscal_year + 1, origin_year, document_no, 'carryOver', budget_unit_id, functional_code, economic_code, fund_nature, payment_method, summary, 0, 0, 0, 0, 'active', id, budget_line_id, created_by, created_at, updated_at, origin_source from budget_indicator where region_code = ${from.regionCode} and id = ${from.id}::uuid`);
    const onceId = "01a00000-0000-7000-8000-000000000025";
    const twiceId = "01a00000-0000-7000-8000-000000000026";
    const approvedId = "01a00000-0000-7000-8000-000000000027";
    await carry(transfer!, onceId);
    await carry({ regionCode: transfer!.regionCode, id: onceId }, twiceId);
    await carry(approved!, approvedId);
    // The stored values are what the backfill must find again.
    const expected = new Map<string, string>([...rows.map((r) => [r.id, r.originSource] as const), [onceId, "upperTransfer"], [twiceId, "upperTransfer"], [approvedId, "approvedBudget"]]);
    for (const r of rows) expect([r.id, r.originSource]).toEqual([r.id, originOf(r)]);

    await db.execute(sql`alter table budget_indicator drop constraint budget_indicator_origin_source`);
    await db.execute(sql`alter table budget_indicator alter column origin_source drop not null`);
    await db.execute(sql`update budget_indicator set origin_source = null`);
    expect(backfill).toHaveLength(2);
    for (const statement of backfill) await db.execute(sql.raw(statement));
    const after = await db.select({ id: budgetIndicator.id, originSource: budgetIndicator.originSource }).from(budgetIndicator);
    expect(after).toHaveLength(expected.size);
    for (const r of after) expect([r.id, r.originSource]).toEqual([r.id, expected.get(r.id)]);
  });
});
