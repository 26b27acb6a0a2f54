// Proves that the 事前 rules run before money moves, on the events that announce it: a payment
// entered (treasury.paymentEntered) asks for the payment rules of that stage, a roster submitted
// (subsidy.rosterSubmitted) for the roster rules of that stage, and the next tick runs them for the
// township — a large payment without any attachment is flagged while it still waits for review, a
// person on two villages' rosters while the second roster is in review — not on the schedule only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "../../test/db.ts";
import { testClock, TEST_NOW } from "../../test/clock.ts";
import type { Db } from "../platform/db.ts";
import { dispatchOutbox, publish } from "../platform/outbox.ts";
import { putSetting } from "../platform/settings.ts";
import { paymentEnteredTopic } from "../treasury/index.ts";
import { rosterSubmittedTopic, subsidyRoster } from "../subsidy/index.ts";
import { china, fen, indicator, payment, person, personId, roster } from "./testKit.ts";
import { rules, type RuleCode } from "./rules.ts";
import { rulesByTopic, supervisionTick } from "./schedule.ts";
import { supervisionAlert, supervisionAlertObject, supervisionRunRequest } from "./tables.ts";

const SHUANGHE = "329901106";
const MAZHUANG = "329901108";
let database: TestDatabase;
const db = () => database.db;
beforeAll(async () => {
  database = await openTestDatabase("demo");
  await putSetting(db(), "329901000", "supervision.runEveryHours", 0, null, TEST_NOW);
  // The demo's own events first, batch after batch: what follows asks only for what it announces.
  while ((await dispatchOutbox(database, { clock: testClock() })).processed > 0);
  await db().delete(supervisionRunRequest);
});
afterAll(async () => database?.close());

async function requested(): Promise<[string, string][]> {
  const found = await db().select().from(supervisionRunRequest);
  return found.map((r) => [r.regionCode, r.ruleCode] as [string, string]).sort();
}
async function alertsNaming(objectId: string) {
  const objects = await db().select().from(supervisionAlertObject).where(eq(supervisionAlertObject.objectId, objectId));
  return Promise.all(objects.map(async (o) => (await db().select().from(supervisionAlert).where(and(eq(supervisionAlert.regionCode, o.regionCode), eq(supervisionAlert.id, o.alertId))))[0]!));
}

describe("事前 rules on the events before money moves", () => {
  it("asks, for a payment entered and a roster submitted, for exactly the 事前 rules on payments and on rosters", () => {
    const exAnte = (Object.keys(rules) as RuleCode[]).filter((code) => rules[code].stage === "before");
    const asked = [...rulesByTopic[paymentEnteredTopic.name]!, ...rulesByTopic[rosterSubmittedTopic.name]!];
    expect([...asked].sort()).toEqual([...exAnte].sort());
    for (const code of rulesByTopic[paymentEnteredTopic.name]!) expect(rules[code].looksAt).toContain("国库支付");
    for (const code of rulesByTopic[rosterSubmittedTopic.name]!) expect(rules[code].looksAt).toContain("补贴清册");
  });

  it("flags a large payment without attachments on the tick after it is entered, while it waits for review", async () => {
    const ind = await indicator(db(), { regionCode: SHUANGHE, amountFen: fen(1_000_000), at: china("2026-11-20") });
    const bare = await payment(db(), { indicatorId: ind, regionCode: SHUANGHE, payee: person(71), amountFen: fen(150_000), at: china("2026-12-01"), attachments: [] });
    const documented = await payment(db(), { indicatorId: ind, regionCode: SHUANGHE, payee: person(72), amountFen: fen(150_000), at: china("2026-12-01") });
    const small = await payment(db(), { indicatorId: ind, regionCode: SHUANGHE, payee: person(73), amountFen: fen(100_000), at: china("2026-12-01"), attachments: [] });
    await dispatchOutbox(database, { clock: testClock() });
    // Three entries, one request: the township's payment rule of the 事前 stage.
    expect(await requested()).toEqual([[SHUANGHE, "LARGE_WITHOUT_ATTACHMENT"]]);
    const tick = await supervisionTick(db(), null, china("2026-12-01", 11));
    expect(tick.eventRuns.map((r) => [r.scopePrefix, r.trigger, r.rules])).toEqual([[SHUANGHE, "event", ["LARGE_WITHOUT_ATTACHMENT"]]]);
    expect(tick.scheduledRuns).toEqual([]);
    expect((await alertsNaming(bare.id)).map((a) => a.ruleCode)).toEqual(["LARGE_WITHOUT_ATTACHMENT"]);
    expect(await alertsNaming(documented.id)).toEqual([]);
    expect(await alertsNaming(small.id)).toEqual([]);
    expect(await requested()).toEqual([]);
  });

  it("flags a person on two villages' rosters on the tick after the second is submitted", async () => {
    const first = await roster(db(), { regionCode: MAZHUANG, itemCode: "NJGZ", period: "2026", villageCode: `${MAZHUANG}201`, status: "notice", lines: [{ name: "周重复", residentId: personId(81) }, { name: "吴单一", residentId: personId(82) }] });
    const second = await roster(db(), { regionCode: MAZHUANG, itemCode: "NJGZ", period: "2026", villageCode: `${MAZHUANG}202`, status: "draft", lines: [{ name: "周重复", residentId: personId(81) }] });
    // Submitting moves it to the village's review and announces it (subsidy's flow does both in one transaction).
    await db().transaction(async (t) => {
      const tx = t as unknown as Db;
      await tx.update(subsidyRoster).set({ status: "villageReview" }).where(and(eq(subsidyRoster.regionCode, MAZHUANG), eq(subsidyRoster.id, second.id)));
      await publish(tx, rosterSubmittedTopic, { regionCode: MAZHUANG, payload: { rosterId: second.id, regionCode: MAZHUANG, villageCode: `${MAZHUANG}202`, itemCode: "NJGZ", period: "2026", lineCount: 1, amount: "500.00", submittedOn: "2026-12-02" } }, china("2026-12-02"));
    });
    await dispatchOutbox(database, { clock: testClock() });
    expect(await requested()).toEqual([[MAZHUANG, "DUPLICATE_ACROSS_REGIONS"]]);
    const tick = await supervisionTick(db(), null, china("2026-12-02", 11));
    expect(tick.eventRuns.map((r) => [r.scopePrefix, r.rules])).toEqual([[MAZHUANG, ["DUPLICATE_ACROSS_REGIONS"]]]);
    const [alert] = await alertsNaming(second.lineIds[0]!);
    expect(alert).toMatchObject({ ruleCode: "DUPLICATE_ACROSS_REGIONS", regionCode: MAZHUANG });
    expect((await alertsNaming(first.lineIds[0]!)).map((a) => a.id)).toEqual([alert!.id]);
    expect(await alertsNaming(first.lineIds[1]!)).toEqual([]);
  });
});
