// Proves the database guards on money that had none (issue 15, finding 11): an indicator's balances
// change only together with the indicator event that records the move (the functions of
// budget/indicators.ts write both), a new indicator starts at zero, and the lines of a roster that has
// been published, approved or paid keep their people and amounts. A plain UPDATE is refused; the
// legitimate moves still work.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq, sql } from "drizzle-orm";
import { openTestDatabase, failureOf, type TestDatabase } from "../test/db.ts";
import type { Db } from "./platform/db.ts";
import { budgetIndicator, indicatorEvent } from "./budget/tables.ts";
import { releaseReservation, reserveOnIndicator } from "./budget/index.ts";
import { actorOf, QINGHE, transferIndicator } from "./budget/testFixtures.ts";
import { subsidyRoster, subsidyRosterLine } from "./subsidy/tables.ts";
import { TEST_NOW } from "../test/clock.ts";

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await openTestDatabase("demo");
  db = database.db;
});
afterAll(async () => database?.close());

const inTx = <T>(fn: (tx: Db) => Promise<T>) => db.transaction((tx) => fn(tx as unknown as Db));

describe("indicator balances", () => {
  it("refuse a plain UPDATE that keeps them balanced but records no move", async () => {
    const budget = await actorOf(db, "budget");
    const indicator = await inTx((tx) => transferIndicator(tx, budget, 10_000n));
    const where = and(eq(budgetIndicator.regionCode, QINGHE), eq(budgetIndicator.id, indicator.id));
    // Balanced and not negative, so the CHECK constraints let it through: only the new guard stops it.
    const plain = inTx((tx) => tx.update(budgetIndicator).set({ availableFen: sql`${budgetIndicator.availableFen} - 100`, paidFen: sql`${budgetIndicator.paidFen} + 100` }).where(where));
    expect(await failureOf(plain)).toMatch(/indicator_balances_by_event/);
    const [after] = await db.select().from(budgetIndicator).where(where);
    expect(after).toMatchObject({ availableFen: 10_000n, paidFen: 0n });
  });

  it("still move through the functions that record them, and match the last event", async () => {
    const budget = await actorOf(db, "budget");
    const indicator = await inTx((tx) => transferIndicator(tx, budget, 10_000n));
    const { reservationId } = await inTx((tx) => reserveOnIndicator(tx, budget, { regionCode: QINGHE, indicatorId: indicator.id, amountFen: 2_500n, sourceType: "test", sourceId: "guard" }, TEST_NOW));
    await inTx((tx) => releaseReservation(tx, budget, { regionCode: QINGHE, reservationId, amountFen: 500n }, TEST_NOW));
    const [row] = await db.select().from(budgetIndicator).where(and(eq(budgetIndicator.regionCode, QINGHE), eq(budgetIndicator.id, indicator.id)));
    const [last] = await db.select().from(indicatorEvent).where(and(eq(indicatorEvent.regionCode, QINGHE), eq(indicatorEvent.indicatorId, indicator.id))).orderBy(desc(indicatorEvent.seq)).limit(1);
    expect(row).toMatchObject({ issuedFen: 10_000n, reservedFen: 2_000n, availableFen: 8_000n });
    expect(last).toMatchObject({ issuedAfterFen: 10_000n, reservedAfterFen: 2_000n, paidAfterFen: 0n, availableAfterFen: 8_000n });
  });

  it("refuse a new indicator that starts with money instead of an issuing move", async () => {
    const [existing] = await db.select().from(budgetIndicator).where(eq(budgetIndicator.regionCode, QINGHE)).limit(1);
    const forged = { ...existing!, id: "01960000-0000-7000-8000-00000000f00d", issuedFen: 5_000n, availableFen: 5_000n, reservedFen: 0n, paidFen: 0n };
    expect(await failureOf(inTx((tx) => tx.insert(budgetIndicator).values(forged)))).toMatch(/indicator_starts_empty/);
  });
});

describe("roster lines once published", () => {
  async function paymentRoster() {
    const [roster] = await db.select().from(subsidyRoster).where(eq(subsidyRoster.status, "payment")).limit(1);
    expect(roster, "the demo has a roster in payment").toBeDefined();
    const [line] = await db.select().from(subsidyRosterLine).where(and(eq(subsidyRosterLine.regionCode, roster!.regionCode), eq(subsidyRosterLine.rosterId, roster!.id), eq(subsidyRosterLine.withdrawn, false))).limit(1);
    const where = and(eq(subsidyRosterLine.regionCode, roster!.regionCode), eq(subsidyRosterLine.rosterId, roster!.id), eq(subsidyRosterLine.lineNo, line!.lineNo));
    return { roster: roster!, line: line!, where };
  }

  it("refuse a plain UPDATE of a line's amount, person or standard, and its deletion", async () => {
    const { line, where } = await paymentRoster();
    expect(await failureOf(inTx((tx) => tx.update(subsidyRosterLine).set({ amountFen: line.amountFen + 100_00n }).where(where)))).toMatch(/subsidy_line_fixed/);
    expect(await failureOf(inTx((tx) => tx.update(subsidyRosterLine).set({ name: "冒名" }).where(where)))).toMatch(/subsidy_line_fixed/);
    expect(await failureOf(inTx((tx) => tx.update(subsidyRosterLine).set({ residentIdIndex: "0".repeat(64) }).where(where)))).toMatch(/subsidy_line_fixed/);
    expect(await failureOf(inTx((tx) => tx.delete(subsidyRosterLine).where(where)))).toMatch(/subsidy_line_fixed/);
    const [after] = await db.select().from(subsidyRosterLine).where(where);
    expect(after!.amountFen).toBe(line.amountFen);
  });

  it("refuse bringing a withdrawn line back, or a paid roster back to an editable state", async () => {
    const { roster } = await paymentRoster();
    const rosterWhere = and(eq(subsidyRoster.regionCode, roster.regionCode), eq(subsidyRoster.id, roster.id));
    expect(await failureOf(inTx((tx) => tx.update(subsidyRoster).set({ status: "draft" }).where(rosterWhere)))).toMatch(/subsidy_roster_forward_only/);
    const [withdrawn] = await db.select().from(subsidyRosterLine).where(eq(subsidyRosterLine.withdrawn, true)).limit(1);
    if (withdrawn) {
      const [parent] = await db.select().from(subsidyRoster).where(and(eq(subsidyRoster.regionCode, withdrawn.regionCode), eq(subsidyRoster.id, withdrawn.rosterId)));
      if (["notice", "districtReview", "payment", "closed"].includes(parent!.status)) {
        const w = and(eq(subsidyRosterLine.regionCode, withdrawn.regionCode), eq(subsidyRosterLine.rosterId, withdrawn.rosterId), eq(subsidyRosterLine.lineNo, withdrawn.lineNo));
        expect(await failureOf(inTx((tx) => tx.update(subsidyRosterLine).set({ withdrawn: false }).where(w)))).toMatch(/subsidy_line_fixed/);
      }
    }
  });

  it("still let the card of an unpaid line be corrected and a line be withdrawn on an upheld objection", async () => {
    const { where } = await paymentRoster();
    await inTx((tx) => tx.update(subsidyRosterLine).set({ cardMasked: "****0000", bankName: "邮储银行" }).where(where));
    await inTx((tx) => tx.update(subsidyRosterLine).set({ reviewNote: "核实无误" }).where(where));
    await inTx((tx) => tx.update(subsidyRosterLine).set({ withdrawn: true }).where(where));
    const [after] = await db.select().from(subsidyRosterLine).where(where);
    expect(after).toMatchObject({ cardMasked: "****0000", withdrawn: true });
  });
});
