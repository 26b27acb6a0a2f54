// Proves the authorised-payment quota over the year end through the real domains: the budget's year
// end announces a unit's authorised indicators and the ledger recognises what was never released as
// quota (120102 / 800103) once; next year's quota restores the carried-over quota first — also when
// part of it was posted before the year end (the catch-up moves it) — and a direct payment from a
// carried-over indicator spends 120101 / 800103; a unit with no set is skipped, a second event posts
// nothing; money carried in and carried on again is not recognised twice; and the final accounts'
// UNIT_PAID, now an error, holds for the unit in both years. All of it per fund (一般公共预算 / 政府性基金)
// × 基本支出 / 项目支出: each fund and kind's quota posts on its 6001 明细, releases its own indicators and
// restores only its own carried-over money.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like, sql } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "../../test/db.ts";
import { testClock } from "../../test/clock.ts";
import type { Db } from "../platform/db.ts";
import { dispatchOutbox, publish, type PayloadOf, type Topic } from "../platform/outbox.ts";
import { paymentPaidTopic, setQuota } from "../treasury/index.ts";
import { authorisedPaymentCarriedOverTopic, budgetIndicator, closeYear, issueIndicator } from "../budget/index.ts";
import { budgetUnit } from "../org/index.ts";
import { outboxEvent } from "../platform/outboxTables.ts";
import { uuidv7 } from "../platform/ids.ts";
import { builtInChart, createAccountSet, getVoucher, systemActor } from "./service.ts";
import { ledgerPeriod, ledgerSkippedEvent, ledgerVoucher } from "./tables.ts";
import { demoActor } from "./testing.ts";
import { buildFinalContent, evaluate } from "../finalAccounts/index.ts";
import { TEST_NOW } from "../../test/clock.ts";

const QINGHE = "329901101";
let database: TestDatabase;
let db: Db;
let schoolId: string;
let clinicId: string;
const tx = <T,>(fn: (tx: Db) => Promise<T>) => db.transaction((t) => fn(t as unknown as Db));
const dispatch = async () => {
  const result = await dispatchOutbox(database, { clock: testClock() });
  expect(result.failed.filter((f) => f.consumer === "ledger")).toEqual([]);
};
async function send<T extends Topic>(topic: T, payload: PayloadOf<T>) {
  const id = await tx((t) => publish(t, topic, { regionCode: QINGHE, payload }, TEST_NOW));
  await dispatch();
  return id;
}
const linesOf = async (sourcePrefix: string) => {
  const found = await db.select().from(ledgerVoucher).where(like(ledgerVoucher.source, `${sourcePrefix}%`));
  return Promise.all(found.map(async (v) => (await getVoucher(db, systemActor("t"), v.id)).lines.map((l) => [l.account, l.debit, l.credit])));
};

beforeAll(async () => {
  database = await openTestDatabase("demo");
  db = database.db;
  const units = await db.select().from(budgetUnit).where(eq(budgetUnit.regionCode, QINGHE));
  schoolId = units.find((u) => u.name.endsWith("中心小学"))!.id;
  clinicId = units.find((u) => u.name.endsWith("卫生院"))!.id;
  const budget = await demoActor(db, "budget");
  const set = await tx((t) => createAccountSet(t, budget, { regionCode: QINGHE, code: "T-SCHOOL", name: "青禾镇中心小学", year: 2027, budgetUnitId: schoolId }, TEST_NOW));
  // 2028's months open, as the set's year-end closing of 2027 would open them (the books of 2027 stay open too).
  await db.insert(ledgerPeriod).values(Array.from({ length: 12 }, (_, i) => ({ regionCode: QINGHE, setId: set.id, year: 2028, month: i + 1, status: "open" as const })));
});
afterAll(async () => database.close());

describe("the authorised quota over the year end", () => {
  it("recognises the unreleased budget at the year end, restores the quota next year, per fund × 基本支出 / 项目支出, and spends carried-over direct money from 120101", async () => {
    const budget = await demoActor(db, "budget");
    const issue = (budgetUnitId: string, paymentMethod: "direct" | "authorised", amountFen: bigint, fundNature: "generalBudget" | "upperTransfer" | "governmentFund" = "generalBudget") =>
      tx((t) => issueIndicator(t, budget, { regionCode: QINGHE, fiscalYear: 2027, documentNo: `测试〔2027〕${amountFen}号`, source: "upperTransfer", budgetUnitId, functionalCode: "2050202", economicCode: "30201", fundNature, paymentMethod, summary: "测试指标", amountFen }, new Date("2027-02-01T02:00:00Z")));
    // 项目支出: an upper transfer of fund nature 上级转移支付 (项目支出 in both years, also once carried over).
    await issue(schoolId, "authorised", 1000_00n, "upperTransfer");
    // 基本支出: made as if issued from the approved budget without a line (2027's budget is not approved in the demo).
    const basic = await issue(schoolId, "authorised", 500_00n);
    await db.update(budgetIndicator).set({ source: "approvedBudget", originSource: "approvedBudget" }).where(eq(budgetIndicator.id, basic.id));
    await issue(schoolId, "direct", 500_00n);
    await issue(clinicId, "authorised", 70_00n);
    // 政府性基金 项目支出 (a fund without a line is 项目支出): its quota, unreleased part and restoration are its fund's.
    await issue(schoolId, "authorised", 800_00n, "governmentFund");
    const quota = (month: number, fiscalYear: number, expenditureKind: "basic" | "project", quotaFen: bigint, at: string, fund: "generalBudget" | "governmentFund" = "generalBudget") =>
      tx((t) => setQuota(t, budget, { regionCode: QINGHE, budgetUnitId: schoolId, fiscalYear, month, expenditureKind, fund, quotaFen }, new Date(at)));
    await quota(3, 2027, "basic", 300_00n, "2027-03-01T02:00:00Z");
    await quota(3, 2027, "project", 600_00n, "2027-03-01T02:00:00Z");
    await quota(3, 2027, "project", 500_00n, "2027-03-01T02:00:00Z", "governmentFund");
    // Next year's January 项目支出 quotas arrive before the township closes 2027: posted as new revenue for now.
    await quota(1, 2028, "project", 300_00n, "2028-01-03T02:00:00Z");
    await quota(1, 2028, "project", 100_00n, "2028-01-03T02:00:00Z", "governmentFund");
    await dispatch();
    expect(await linesOf(`treasury.quotaSet:${schoolId}:2027-3:`)).toEqual(
      expect.arrayContaining([
        [["1011", "300.00", null], ["4001", null, "300.00"], ["800101", "300.00", null], ["60010101", null, "300.00"]],
        [["1011", "600.00", null], ["4001", null, "600.00"], ["800101", "600.00", null], ["60010102", null, "600.00"]],
      ]),
    );
    expect(await linesOf(`treasury.quotaSet:${schoolId}:2027-3:governmentFund:project:`)).toEqual([[["1011", "500.00", null], ["4001", null, "500.00"], ["800101", "500.00", null], ["60010202", null, "500.00"]]]);
    expect(await linesOf(`treasury.quotaSet:${schoolId}:2028-1:project:`)).toEqual([[["1011", "300.00", null], ["4001", null, "300.00"], ["800101", "300.00", null], ["60010102", null, "300.00"]]]);
    expect(await linesOf(`treasury.quotaSet:${schoolId}:2028-1:governmentFund:project:`)).toEqual([[["1011", "100.00", null], ["4001", null, "100.00"], ["800101", "100.00", null], ["60010202", null, "100.00"]]]);

    const result = await tx((t) => closeYear(t, budget, { regionCode: QINGHE, fiscalYear: 2027 }, new Date("2028-01-06T02:00:00Z")));
    expect(result.carriedOver).toMatchObject({ count: 5, amount: "2870.00" });
    const [announced] = await db.select().from(outboxEvent).where(and(eq(outboxEvent.topic, "budget.authorisedPaymentCarriedOver"), sql`${outboxEvent.payload}->>'budgetUnitId' = ${schoolId}`));
    expect(announced?.payload).toMatchObject({
      budgetUnitId: schoolId,
      fiscalYear: 2027,
      issued: "2300.00",
      carriedOver: "2300.00",
      indicatorCount: 3,
      byKind: [
        { expenditureKind: "basic", fund: "generalBudget", issued: "500.00", carriedOver: "500.00" },
        { expenditureKind: "project", fund: "generalBudget", issued: "1000.00", carriedOver: "1000.00" },
        { expenditureKind: "project", fund: "governmentFund", issued: "800.00", carriedOver: "800.00" },
      ],
    });
    await dispatch();
    // 2027: each kind's indicators beyond its quota released (基本 500 − 300, 项目 1000 − 600) become
    // 财政应返还额度—财政授权支付, on the kind's 6001 明细.
    expect(await linesOf(`budget.authorisedPaymentCarriedOver:${schoolId}:2027:unreleased:project:`)).toEqual([[["120102", "400.00", null], ["4001", null, "400.00"], ["800103", "400.00", null], ["60010102", null, "400.00"]]]);
    expect(await linesOf(`budget.authorisedPaymentCarriedOver:${schoolId}:2027:unreleased`)).toEqual(
      expect.arrayContaining([[["120102", "200.00", null], ["4001", null, "200.00"], ["800103", "200.00", null], ["60010101", null, "200.00"]]]),
    );
    // 2028's 项目支出 quota posted earlier restores last year's 项目支出 quota: moved from 4001 / 6001 to 120102 / 800103;
    // no 基本支出 quota of 2028 yet, so nothing of 基本支出's is restored.
    expect(await linesOf(`budget.authorisedPaymentCarriedOver:${schoolId}:2027:restore:project:`)).toEqual([[["4001", "300.00", null], ["120102", null, "300.00"], ["60010102", "300.00", null], ["800103", null, "300.00"]]]);
    // 政府性基金: its indicators beyond its own quota (800 − 500) unreleased, and its own early quota (100) restoring
    // its own carried-over money, on 6001's 政府性基金 项目支出 明细.
    expect(await linesOf(`budget.authorisedPaymentCarriedOver:${schoolId}:2027:unreleased:governmentFund:project:`)).toEqual([[["120102", "300.00", null], ["4001", null, "300.00"], ["800103", "300.00", null], ["60010202", null, "300.00"]]]);
    expect(await linesOf(`budget.authorisedPaymentCarriedOver:${schoolId}:2027:restore:governmentFund:project:`)).toEqual([[["4001", "100.00", null], ["120102", null, "100.00"], ["60010202", "100.00", null], ["800103", null, "100.00"]]]);
    // The direct indicator is an upper transfer: 项目支出, recognised on 6001's 项目支出 明细 and spent as such next year.
    expect(await linesOf(`budget.directPaymentCarriedOver:${schoolId}:2027:project:`)).toEqual([[["120101", "500.00", null], ["4001", null, "500.00"], ["800103", "500.00", null], ["60010102", null, "500.00"]]]);
    // The clinic keeps no books: its year end is recorded as skipped, not lost.
    const skipped = await db.select().from(ledgerSkippedEvent).where(eq(ledgerSkippedEvent.topic, "budget.authorisedPaymentCarriedOver"));
    expect(skipped.map((s) => [s.reason.slice(0, 14), (s.payload as { budgetUnitId: string }).budgetUnitId])).toEqual([["NO_ACCOUNT_SET", clinicId]]);

    // February's 项目支出 quota: 700 more restores the rest of the 1000 项目支出 carried over, 200 is new revenue;
    // its 基本支出 quota of 100 restores 基本支出's 500 carried over (no new revenue), whatever 项目支出 restored.
    await quota(2, 2028, "project", 900_00n, "2028-02-01T02:00:00Z");
    await quota(2, 2028, "basic", 100_00n, "2028-02-01T02:00:00Z");
    await dispatch();
    expect(await linesOf(`treasury.quotaSet:${schoolId}:2028-2:project:`)).toEqual([[["1011", "900.00", null], ["4001", null, "200.00"], ["120102", null, "700.00"], ["800101", "900.00", null], ["60010102", null, "200.00"], ["800103", null, "700.00"]]]);
    expect((await linesOf(`treasury.quotaSet:${schoolId}:2028-2:`)).filter((v) => !v.some(([account]) => account === "60010102"))).toEqual([[["1011", "100.00", null], ["120102", null, "100.00"], ["800101", "100.00", null], ["800103", null, "100.00"]]]);
    // March's 政府性基金 quota: 1000 more, of which 700 restores the rest of the 800 政府性基金 carried over
    // (100 restored already), 300 new revenue — whatever 一般公共预算 restored.
    await quota(3, 2028, "project", 1000_00n, "2028-03-01T02:00:00Z", "governmentFund");
    await dispatch();
    expect(await linesOf(`treasury.quotaSet:${schoolId}:2028-3:`)).toEqual([[["1011", "1000.00", null], ["4001", null, "300.00"], ["120102", null, "700.00"], ["800101", "1000.00", null], ["60010202", null, "300.00"], ["800103", null, "700.00"]]]);

    // A second year-end event for the unit and year (as stored before it had kinds) posts nothing again.
    await send(authorisedPaymentCarriedOverTopic, { regionCode: QINGHE, budgetUnitId: schoolId, fiscalYear: 2027, issued: "1500.00", carriedOver: "1500.00", indicatorCount: 2 });
    expect(await linesOf(`budget.authorisedPaymentCarriedOver:${schoolId}:2027:`)).toHaveLength(5);

    // A direct payment from the carried-over direct indicator spends last year's 财政应返还额度.
    const [carried] = await db.select().from(budgetIndicator).where(and(eq(budgetIndicator.budgetUnitId, schoolId), eq(budgetIndicator.fiscalYear, 2028), eq(budgetIndicator.paymentMethod, "direct")));
    const paymentId = uuidv7();
    await send(paymentPaidTopic, { paymentId, regionCode: QINGHE, budgetUnitId: schoolId, indicatorId: carried!.id, amount: "120.00", method: "direct", functionalCode: "2050202", economicCode: "30201", fundNature: "generalBudget", payeeName: "青禾文具店", purpose: "办公用品", paidAt: "2028-02-10" });
    expect(await linesOf(`treasury.paymentPaid:${paymentId}:`)).toEqual([[["5001", "120.00", null], ["120101", null, "120.00"], ["7201010102", "120.00", null], ["800103", null, "120.00"]]]);

    // The final accounts: the school's 6001 equals the township's side, in both years, as an error-level formula.
    for (const [year, columns] of [
      [2027, ["0.00", "1400.00", "1400.00", "2800.00", "2800.00", "0.00"]],
      [2028, ["0.00", "500.00", "0.00", "500.00", "500.00", "0.00"]],
    ] as const) {
      const content = await buildFinalContent(db, QINGHE, year);
      const row = content.tables.find((t) => t.code === "unit-check")?.rows.find((r) => r.key === schoolId);
      expect(row?.values).toEqual(columns);
      const unitPaid = evaluate(content).find((f) => f.code === `UNIT_PAID:${schoolId}`);
      expect(unitPaid).toMatchObject({ level: "error", passed: true });
    }

    // 2028's year end: the money carried in from 2027 and carried on again is not recognised a second time.
    await tx((t) => closeYear(t, budget, { regionCode: QINGHE, fiscalYear: 2028 }, new Date("2029-01-06T02:00:00Z")));
    const of2028 = await db.select().from(outboxEvent).where(and(sql`${outboxEvent.payload}->>'budgetUnitId' = ${schoolId}`, sql`(${outboxEvent.payload}->>'fiscalYear')::int = 2028`, like(outboxEvent.topic, "budget.%")));
    expect(of2028.map((e) => [e.topic, e.payload])).toEqual([["budget.authorisedPaymentCarriedOver", expect.objectContaining({ issued: "0.00", carriedOver: "2300.00" })]]);
    await dispatch();
    expect(await linesOf(`budget.authorisedPaymentCarriedOver:${schoolId}:2028:`)).toEqual([]);
    const closed2028 = await buildFinalContent(db, QINGHE, 2028);
    expect(closed2028.tables.find((t) => t.code === "unit-check")?.rows.find((r) => r.key === schoolId)?.values).toEqual(["0.00", "500.00", "0.00", "500.00", "500.00", "0.00"]);
    expect(evaluate(closed2028).find((f) => f.code === `UNIT_PAID:${schoolId}`)).toMatchObject({ passed: true });
  });

  it("posts nothing at the year end when the quota reached the indicators, and refuses none of it", async () => {
    const id = await send(authorisedPaymentCarriedOverTopic, { regionCode: QINGHE, budgetUnitId: schoolId, fiscalYear: 2029, issued: "0.00", carriedOver: "0.00", indicatorCount: 1 });
    expect(await linesOf(`budget.authorisedPaymentCarriedOver:${schoolId}:2029:`)).toEqual([]);
    expect(await db.select().from(ledgerSkippedEvent).where(eq(ledgerSkippedEvent.eventId, id))).toEqual([]);
  });

  it("records the year end of a set whose chart has no 120102 as skipped, not lost", async () => {
    const budget = await demoActor(db, "budget");
    // An older chart: 1201 kept without its 明细.
    const chart = builtInChart("unit")
      .filter((a) => !a.code.startsWith("1201") || a.code === "1201")
      .map((a) => (a.code === "1201" ? { ...a, isLeaf: true } : a));
    await tx((t) => createAccountSet(t, budget, { regionCode: QINGHE, code: "T-CLINIC", name: "青禾镇卫生院", year: 2030, budgetUnitId: clinicId, chart }, TEST_NOW));
    const id = await send(authorisedPaymentCarriedOverTopic, { regionCode: QINGHE, budgetUnitId: clinicId, fiscalYear: 2030, issued: "70.00", carriedOver: "70.00", indicatorCount: 1 });
    const [row] = await db.select().from(ledgerSkippedEvent).where(eq(ledgerSkippedEvent.eventId, id));
    expect(row?.reason).toMatch(/^UNKNOWN_ACCOUNT/);
    expect(await linesOf(`budget.authorisedPaymentCarriedOver:${clinicId}:2030:`)).toEqual([]);
  });
});
