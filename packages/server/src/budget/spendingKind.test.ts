// Proves that the SQL form of the expenditure-kind rule (spending.ts indicatorKindSql, used for sums by
// 基本支出 / 项目支出: the quota's restoration, the year end's carry-over, the final accounts) says what
// spendingOf says, for every indicator of the demo (lines of both kinds, upper transfers, 政府性基金) and
// for indicators made to hit each branch of the rule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "../../test/db.ts";
import { budgetIndicator } from "./tables.ts";
import { indicatorKindSql, indicatorSpending } from "./spending.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase("demo");
});
afterAll(async () => database.close());

async function compare(): Promise<{ kinds: Set<string>; count: number }> {
  const db = database.db;
  const rows = await db.select({ regionCode: budgetIndicator.regionCode, id: budgetIndicator.id, kind: indicatorKindSql() }).from(budgetIndicator);
  for (const r of rows) expect([r.id, r.kind]).toEqual([r.id, (await indicatorSpending(db, r.regionCode, r.id))?.expenditureKind]);
  return { kinds: new Set(rows.map((r) => r.kind)), count: rows.length };
}

describe("indicatorKindSql", () => {
  it("agrees with spendingOf on every demo indicator, which has both kinds", async () => {
    const { kinds, count } = await compare();
    expect(count).toBeGreaterThan(0);
    expect([...kinds].sort()).toEqual(["basic", "project"]);
  });

  it("agrees on each branch: a line's kind, an upper transfer (carried over too), 上级转移支付 or 政府性基金 without a line, and anything else", async () => {
    const db = database.db;
    const [some] = await db.select().from(budgetIndicator).limit(1);
    const variants = [
      { source: "upperTransfer", originSource: "upperTransfer", fundNature: "generalBudget", budgetLineId: null },
      { source: "carryOver", originSource: "upperTransfer", fundNature: "generalBudget", budgetLineId: null },
      { source: "carryOver", originSource: "approvedBudget", fundNature: "upperTransfer", budgetLineId: null },
      { source: "carryOver", originSource: "approvedBudget", fundNature: "governmentFund", budgetLineId: null },
      { source: "carryOver", originSource: "approvedBudget", fundNature: "generalBudget", budgetLineId: null },
      { source: "approvedBudget", originSource: "approvedBudget", fundNature: "stateCapital", budgetLineId: null },
    ] as const;
    for (const v of variants) {
      await db.update(budgetIndicator).set(v).where(eq(budgetIndicator.id, some!.id));
      await compare();
    }
  });
});
