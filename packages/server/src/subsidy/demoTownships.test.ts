// Proves that each township's paid demo roster is paid inside its indicator's fiscal year whenever
// the demo is seeded: the indicator's issue, the district's approval (which reserves on it), the
// payment batch, the bank's result and the closing fall between 1 January (China time) and now, after
// the roster's notice ended, and its payments and period are in that year — even at the first moment
// of a year, in its first weeks and on 29 February. 白塔镇, whose last year is closed and its final
// account accepted, is paid like every other township.
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/db.ts";
import { TEST_DATA_KEYS } from "../../test/keys.ts";
import { TEST_NOW } from "../../test/clock.ts";
import type { Db } from "../platform/db.ts";
import { chinaYear } from "../platform/workingDays.ts";
import { seedDemo, demoTownships } from "../demo/seed.ts";
import { budgetIndicator } from "../budget/index.ts";
import { flowEvent } from "../flow/index.ts";
import { subsidyBankResult, subsidyBatch, subsidyDisbursement, subsidyLinePayment, subsidyRoster } from "./tables.ts";

const QINGHE = "329901101";
const BAITA = "329901102";
const china = (text: string) => new Date(`${text}+08:00`);

async function paidRosters(db: Db) {
  const rosters = await db.select().from(subsidyRoster).where(and(isNotNull(subsidyRoster.indicatorId), inArray(subsidyRoster.regionCode, demoTownships.map((t) => t.code).filter((c) => c !== QINGHE))));
  return Promise.all(
    rosters.map(async (r) => {
      const [indicator] = await db.select({ fiscalYear: budgetIndicator.fiscalYear, at: budgetIndicator.createdAt }).from(budgetIndicator).where(eq(budgetIndicator.id, r.indicatorId!));
      const events = await db.select({ at: flowEvent.at }).from(flowEvent).where(and(eq(flowEvent.regionCode, r.regionCode), eq(flowEvent.instanceId, r.flowInstanceId!), inArray(flowEvent.action, ["districtApprove", "close"])));
      const batches = await db.select({ id: subsidyBatch.id, at: subsidyBatch.createdAt }).from(subsidyBatch).where(eq(subsidyBatch.rosterId, r.id));
      const refs = await db.select({ referenceNo: subsidyDisbursement.referenceNo }).from(subsidyDisbursement).where(eq(subsidyDisbursement.rosterId, r.id));
      const results = refs.length ? await db.select({ at: subsidyBankResult.importedAt, paidOn: subsidyBankResult.paidOn }).from(subsidyBankResult).where(and(eq(subsidyBankResult.regionCode, r.regionCode), inArray(subsidyBankResult.referenceNo, refs.map((x) => x.referenceNo)))) : [];
      const paid = await db.select({ paidOn: subsidyLinePayment.paidOn }).from(subsidyLinePayment).where(eq(subsidyLinePayment.rosterId, r.id));
      const times = [indicator!.at, ...events.map((e) => e.at), ...batches.map((b) => b.at), ...results.map((x) => x.at)];
      const dates = [...results.map((x) => x.paidOn), ...paid.map((p) => p.paidOn)];
      return { regionCode: r.regionCode, period: r.period, noticeEndsOn: r.noticeEndsOn, fiscalYear: indicator!.fiscalYear, times, dates, approvals: events.length, paidLines: paid.length };
    }),
  );
}

describe("the townships' paid demo rosters", () => {
  // Seeding the demo takes most of a minute: the first moment of a year (no time in it yet) and its
  // first weeks here; CI seeds it again under faketime on 31 December, 1 January and 29 February.
  for (const instant of [china("2029-01-01T00:00:00"), china("2029-01-15T10:00:00")]) {
    it(`lie inside their indicator's year when the demo is seeded at ${instant.toISOString()}`, async () => {
      const database = await openTestDatabase("empty");
      try {
        await database.db.transaction((tx) => seedDemo(tx as unknown as Db, TEST_DATA_KEYS, instant));
        await expectInsideTheYear(database.db, instant);
      } finally {
        await database.close();
      }
    }, 600_000);
  }

  it("lie inside their indicator's year in the tests' demo, seeded late in the year", async () => {
    const database = await openTestDatabase("demo");
    try {
      await expectInsideTheYear(database.db, TEST_NOW);
    } finally {
      await database.close();
    }
  });
});

async function expectInsideTheYear(db: Db, instant: Date) {
  const year = chinaYear(instant);
  const yearStart = china(`${year}-01-01T00:00:00`).getTime();
  const rosters = await paidRosters(db);
  expect(rosters.map((r) => r.regionCode).sort()).toEqual(demoTownships.map((t) => t.code).filter((c) => c !== QINGHE).sort());
  expect(rosters.find((r) => r.regionCode === BAITA)!.paidLines).toBeGreaterThan(0);
  for (const r of rosters) {
    expect(r.fiscalYear).toBe(year);
    expect(r.approvals, r.regionCode).toBeGreaterThan(0);
    expect(r.period.slice(0, 4)).toBe(String(year));
    for (const at of r.times) {
      expect(at.getTime(), `${r.regionCode} at ${at.toISOString()}`).toBeGreaterThanOrEqual(yearStart);
      expect(at.getTime(), `${r.regionCode} at ${at.toISOString()}`).toBeLessThanOrEqual(instant.getTime());
    }
    expect(r.dates.length).toBeGreaterThan(0);
    for (const date of r.dates) {
      expect(date?.slice(0, 4), r.regionCode).toBe(String(year));
      expect(date! > r.noticeEndsOn!, `${r.regionCode} paid on ${date} after the notice ending ${r.noticeEndsOn}`).toBe(true);
    }
  }
}
