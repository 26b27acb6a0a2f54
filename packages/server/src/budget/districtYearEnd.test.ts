// Proves the district's year end (budget/yearEnd.ts) through the HTTP API on the demo data: the
// district supervisor closes the year of all 14 townships in one action, answered at once (202) with
// the run, whose progress and per-township results are then read; a township with payments in flight
// is refused on its own without stopping the others; running it again changes nothing; township
// users cannot start it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, like, sql } from "drizzle-orm";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { rows } from "../platform/db.ts";
import { districtRunsSettled } from "./yearEnd.ts";
import { budgetIndicator, fiscalYearStatus } from "./tables.ts";
import { QINGHE } from "./testFixtures.ts";
import { authorisedCarriedInFen } from "./carryOver.ts";
import { budgetUnit } from "../org/index.ts";
import { outboxEvent } from "../platform/outboxTables.ts";

const BAITA = "329901102";
import { TEST_YEAR } from "../../test/clock.ts";

let t: TestApp;
let supervisor: ApiClient;
let budget: ApiClient;
let director: ApiClient;
const year = TEST_YEAR;
let n = 0;
const start = (client: ApiClient, fiscalYear = year, k = `district-run-${Date.now()}-${++n}`) => client.request("POST", "/budget/year-end/district-runs", { fiscalYear }, { "idempotency-key": k });
const snapshot = async () => ({
  indicators: await t.database.db.select().from(budgetIndicator).orderBy(asc(budgetIndicator.regionCode), asc(budgetIndicator.id)),
  years: await t.database.db.select().from(fiscalYearStatus).orderBy(asc(fiscalYearStatus.regionCode), asc(fiscalYearStatus.fiscalYear)),
  events: (await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from indicator_event`))[0]!.n,
});

async function finished(id: string) {
  await districtRunsSettled();
  const res = await supervisor.get(`/budget/year-end/district-runs/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

beforeAll(async () => {
  t = await startTestApp("demo");
  supervisor = await loginAs(t.app, "supervisor");
  budget = await loginAs(t.app, "budget");
  director = await loginAs(t.app, "director");
});
afterAll(async () => t.close());

describe("the district's year end", () => {
  it("refuses township users and a missing Idempotency-Key", async () => {
    expect((await start(budget)).status).toBe(403);
    expect((await start(director)).status).toBe(403);
    expect((await supervisor.request("POST", "/budget/year-end/district-runs", { fiscalYear: year })).status).toBe(400);
  });

  it("closes every township in one action with progress and a result for each, and running it again changes nothing", async () => {
    // 白塔镇's farm centre gets authorised indicators of two funds: announced per fund × kind at its year end.
    const [farm] = await t.database.db.select().from(budgetUnit).where(and(eq(budgetUnit.regionCode, BAITA), like(budgetUnit.name, "%农业农村服务中心%")));
    const budget2 = await loginAs(t.app, "budget2");
    for (const [fundNature, amount] of [["governmentFund", "800.00"], ["upperTransfer", "300.00"]]) {
      const issued = await budget2.request("POST", "/budget/indicators", { regionCode: BAITA, fiscalYear: year, documentNo: `白财〔${year}〕${amount}号`, source: "upperTransfer", budgetUnitId: farm!.id, functionalCode: "2130122", economicCode: "30213", fundNature, paymentMethod: "authorised", summary: "授权支付测试指标", amount }, { "idempotency-key": `baita-authorised-${fundNature}` });
      expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    }
    const res = await start(supervisor);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ regionCode: "329901000", fiscalYear: year, status: "running", townshipCount: 14 });
    expect(res.body.results).toHaveLength(14);
    const run = await finished(res.body.id);
    expect(run).toMatchObject({ status: "finished", doneCount: 14, townshipCount: 14 });
    expect(run.finishedAt).not.toBeNull();
    const byRegion = new Map<string, { outcome: string; message: string | null; carriedOver: { count: number } | null }>(run.results.map((r: { regionCode: string }) => [r.regionCode, r]));
    // 青禾镇's demo year has payments waiting for review and for the bank: refused, and only it.
    expect(byRegion.get(QINGHE)).toMatchObject({ outcome: "refused" });
    expect(byRegion.get(QINGHE)!.message).toContain("在途支付");
    const closed = run.results.filter((r: { outcome: string }) => r.outcome === "closed");
    expect(closed.length + run.results.filter((r: { outcome: string }) => r.outcome === "refused").length).toBe(14);
    expect(closed.length).toBeGreaterThan(0);
    const statuses = await t.database.db.select().from(fiscalYearStatus);
    for (const r of closed) expect(statuses.find((s) => s.regionCode === r.regionCode && s.fiscalYear === year)?.status).toBe("closed");
    expect(byRegion.get(BAITA)).toMatchObject({ outcome: "closed" });
    // The farm centre's authorised money, unspent, carried over per fund × kind: next year's quota of 政府性基金
    // 项目支出 restores the 800.00, 一般公共预算 项目支出's (the upper transfer) the 300.00.
    const [announced] = await t.database.db.select().from(outboxEvent).where(and(eq(outboxEvent.topic, "budget.authorisedPaymentCarriedOver"), sql`${outboxEvent.payload}->>'budgetUnitId' = ${farm!.id}`));
    const byKind = (announced?.payload as { byKind: { fund: string; expenditureKind: string; issued: string; carriedOver: string }[] }).byKind;
    expect(byKind.find((k) => k.fund === "governmentFund" && k.expenditureKind === "project")).toMatchObject({ issued: "800.00", carriedOver: "800.00" });
    expect(byKind.find((k) => k.fund === "generalBudget" && k.expenditureKind === "project")).toMatchObject({ carriedOver: "300.00" });
    expect(byKind.filter((k) => k.fund === "stateCapital")).toEqual([]);
    const carriedIn = (kind: "basic" | "project", fund: "generalBudget" | "governmentFund") => authorisedCarriedInFen(t.database.db, BAITA, farm!.id, year + 1, kind, fund);
    expect(await carriedIn("project", "governmentFund")).toBe(800_00n);
    expect(await carriedIn("project", "generalBudget")).toBe(300_00n);
    expect(await carriedIn("basic", "governmentFund")).toBe(0n);
    expect(statuses.find((s) => s.regionCode === QINGHE && s.fiscalYear === year)?.status ?? "open").toBe("open");
    const list = await supervisor.get("/budget/year-end/district-runs");
    expect(list.body.items[0].id).toBe(run.id);

    const before = await snapshot();
    const again = await start(supervisor);
    expect(again.status).toBe(202);
    const second = await finished(again.body.id);
    expect(second.status).toBe("finished");
    for (const r of second.results) {
      if (r.regionCode === QINGHE) expect(r.outcome).toBe("refused");
      else if (byRegion.get(r.regionCode)!.outcome === "closed") expect(r).toMatchObject({ outcome: "alreadyClosed", carriedOver: null });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("lets a township user read no district run", async () => {
    const runs = await supervisor.get("/budget/year-end/district-runs");
    const id = runs.body.items[0].id as string;
    expect((await director.get(`/budget/year-end/district-runs/${id}`)).status).toBe(404);
    expect((await director.get("/budget/year-end/district-runs")).body.items).toEqual([]);
  });
});
