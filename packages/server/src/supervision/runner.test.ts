// Proves when the rules run by themselves and what they report: an outbox event asks for the rules
// that concern it and the next tick runs them for that township; a district's scheduled run happens
// once per interval however often processes tick; last month's report is issued once per region;
// reports count alerts by rule, stage, township and status with the rectification rate and the
// overdue ones, in Excel too; the command line prints every open alert in its stable JSON shape.
// On PostgreSQL also: one runner at a time across connections (the advisory lock).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { and, eq, inArray, sql } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "../../test/db.ts";
import { testClock, TEST_NOW } from "../../test/clock.ts";
import { openPostgres, rows, type Db } from "../platform/db.ts";
import { dispatchOutbox } from "../platform/outbox.ts";
import { putSetting } from "../platform/settings.ts";
import { actorOf } from "../budget/testFixtures.ts";
import { flowInstance, transition } from "../flow/index.ts";
import { appUser, userRole } from "../identity/index.ts";
import { TOWNSHIP_HANDLERS } from "./rectification.ts";
import { bindAuditKey } from "../audit/index.ts";
import { TEST_AUDIT_KEY } from "../../test/keys.ts";
import { run as cliRun } from "../cli/main.ts";
import { china, company, fen, indicator, payment, person } from "./testKit.ts";
import { runRules, takeRunLock } from "./runner.ts";
import { supervisionTick } from "./schedule.ts";
import { previousMonth, reportFor, reportWorkbook, dashboard, issueMonthlyReports } from "./reports.ts";
import { alertsIn } from "./alerts.ts";
import { submitEvidence } from "../rectification/index.ts";
import { runSuperviseCommand, openAlertsIn } from "./cli.ts";
import { supervisionAlert, supervisionAlertObject, supervisionReport, supervisionRun, supervisionRunRequest } from "./tables.ts";

const YANGJI = "329901107";
let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase("demo");
});
afterAll(async () => database?.close());
const db = () => database.db;

async function alertNaming(paymentId: string) {
  const [o] = await db().select().from(supervisionAlertObject).where(eq(supervisionAlertObject.objectId, paymentId));
  if (!o) return null;
  const [a] = await db().select().from(supervisionAlert).where(and(eq(supervisionAlert.regionCode, o.regionCode), eq(supervisionAlert.id, o.alertId)));
  return a ?? null;
}

describe("runs on events and on a schedule", () => {
  it("runs the rules an outbox event concerns for its township on the next tick, then forgets the request", async () => {
    await putSetting(db(), "329901000", "supervision.runEveryHours", 0, null, TEST_NOW);
    const ind = await indicator(db(), { regionCode: YANGJI, amountFen: fen(1_000_000), at: china("2026-03-01") });
    const paid = await payment(db(), { indicatorId: ind, regionCode: YANGJI, payee: person(60), amountFen: fen(80_000), at: china("2026-03-02"), paidAt: china("2026-03-03") });
    await dispatchOutbox(database, { clock: testClock() });
    const requests = await db().select().from(supervisionRunRequest).where(eq(supervisionRunRequest.regionCode, YANGJI));
    // The payment asks for the payment rules; the demo's subsidies paid in 杨集镇 ask for the subsidy rules.
    expect(requests.map((r) => r.ruleCode).sort()).toEqual(["CARD_SHARED", "DECEASED_PAID", "DUPLICATE_ACROSS_REGIONS", "IDLE_FUNDS", "LARGE_WITHOUT_ATTACHMENT", "PAYEE_IS_STAFF", "PERSONAL_ACCOUNT_LARGE", "SPLIT_PAYMENT", "SUBSIDY_LATE", "YEAR_END_SURGE"]);
    const tick = await supervisionTick(db(), null, china("2026-03-03", 16));
    // The demo's own payment and subsidy events ask for every township's rules too: one run per township asked for.
    expect(tick.eventRuns.find((r) => r.scopePrefix === YANGJI)).toMatchObject({ trigger: "event", rules: ["SPLIT_PAYMENT", "PERSONAL_ACCOUNT_LARGE", "PAYEE_IS_STAFF", "CARD_SHARED", "DECEASED_PAID", "DUPLICATE_ACROSS_REGIONS", "IDLE_FUNDS", "YEAR_END_SURGE", "SUBSIDY_LATE", "LARGE_WITHOUT_ATTACHMENT"] });
    expect(new Set(tick.eventRuns.map((r) => r.scopePrefix)).size).toBe(tick.eventRuns.length);
    expect(tick.scheduledRuns).toEqual([]);
    expect(await alertNaming(paid.id)).toMatchObject({ ruleCode: "PERSONAL_ACCOUNT_LARGE", status: "verifying" });
    expect(await db().select().from(supervisionRunRequest)).toEqual([]);
  });

  it("runs each district once per interval, however often it ticks", async () => {
    await putSetting(db(), "329901000", "supervision.runEveryHours", 24, null, TEST_NOW);
    const at = china("2026-03-10", 2);
    const first = await supervisionTick(db(), null, at);
    expect(first.scheduledRuns.map((r) => r.scopePrefix)).toEqual(["329901"]);
    expect((await supervisionTick(db(), null, new Date(at.getTime() + 23 * 3_600_000))).scheduledRuns).toEqual([]);
    expect((await supervisionTick(db(), null, new Date(at.getTime() + 24 * 3_600_000))).scheduledRuns).toHaveLength(1);
    const scheduled = await db().select().from(supervisionRun).where(and(eq(supervisionRun.regionCode, "329901000"), eq(supervisionRun.trigger, "schedule")));
    expect(scheduled).toHaveLength(2);
    await putSetting(db(), "329901000", "supervision.runEveryHours", 0, null, TEST_NOW);
  });

  it("issues last month's report once for the district and every township", async () => {
    expect(previousMonth(china("2026-01-15"))).toEqual({ period: "2025-12", from: "2025-12-01", to: "2025-12-31" });
    expect(previousMonth(china("2026-03-01", 0))).toEqual({ period: "2026-02", from: "2026-02-01", to: "2026-02-28" });
    const issued = await db().transaction((tx) => issueMonthlyReports(tx as unknown as Db, china("2026-04-02")));
    expect(issued).toBe(15);
    expect(await db().transaction((tx) => issueMonthlyReports(tx as unknown as Db, china("2026-04-20")))).toBe(0);
    const [yangji] = await db().select().from(supervisionReport).where(and(eq(supervisionReport.regionCode, YANGJI), eq(supervisionReport.period, "2026-03")));
    expect((yangji!.content as { total: { alerts: number } }).total.alerts).toBeGreaterThan(0);
  });
});

describe("owners", () => {
  it("leaves an alert unassigned while its township has nobody active to own it, and the next run hands it to the director", async () => {
    const TOWN = "329901104";
    const staff = await db()
      .select({ id: appUser.id, role: userRole.role })
      .from(appUser)
      .innerJoin(userRole, eq(userRole.userId, appUser.id))
      .where(and(eq(appUser.regionCode, TOWN), eq(appUser.status, "active"), inArray(userRole.role, [...TOWNSHIP_HANDLERS])));
    const ids = [...new Set(staff.map((s) => s.id))];
    expect(staff.some((s) => s.role === "townshipDirector")).toBe(true);
    await db().update(appUser).set({ status: "disabled" }).where(inArray(appUser.id, ids));
    const ind = await indicator(db(), { regionCode: TOWN, amountFen: fen(1_000_000), at: china("2026-04-01") });
    const bare = await payment(db(), { indicatorId: ind, regionCode: TOWN, payee: company(70), amountFen: fen(150_000), at: china("2026-04-02"), attachments: [] });
    const runAt = (day: string, rules: ("LARGE_WITHOUT_ATTACHMENT" | "SUBSIDY_LATE")[]) =>
      db().transaction((tx) => runRules(tx as unknown as Db, { scopePrefix: TOWN, rules, trigger: "manual", actor: { id: null, name: "测试" } }, china(day), { wait: true }));
    expect((await runAt("2026-04-03", ["LARGE_WITHOUT_ATTACHMENT"]))?.summary.LARGE_WITHOUT_ATTACHMENT).toMatchObject({ raised: 1 });
    expect(await alertNaming(bare.id)).toMatchObject({ status: "unassigned", flowInstanceId: null });
    // Staff again: any later run over the township, whatever its rules, gives the waiting alert its owner.
    await db().update(appUser).set({ status: "active" }).where(inArray(appUser.id, ids));
    await runAt("2026-04-06", ["SUBSIDY_LATE"]);
    const assigned = await alertNaming(bare.id);
    expect(assigned).toMatchObject({ status: "verifying" });
    const [flow] = await db().select().from(flowInstance).where(and(eq(flowInstance.regionCode, TOWN), eq(flowInstance.id, assigned!.flowInstanceId!)));
    const owner = staff.filter((s) => s.id === flow!.ownerId).map((s) => s.role);
    expect(owner).toContain("townshipDirector");
    // Its flow (and so its deadline) starts the day it was handed over, not the day it was found.
    expect(flow!.createdAt).toEqual(china("2026-04-06"));
    expect(flow!.deadlineAt!.getTime()).toBeGreaterThan(china("2026-04-06").getTime());
  });
});

describe("reports", () => {
  it("counts alerts by rule, stage, township and status, with the rectification rate and the overdue", async () => {
    const TOWN = "329901108";
    const ind = await indicator(db(), { regionCode: TOWN, amountFen: fen(5_000_000), at: china("2026-05-01") });
    const ids = [];
    for (const [n, yuan] of [[70, 200_000], [71, 300_000], [72, 400_000]] as const) ids.push((await payment(db(), { indicatorId: ind, regionCode: TOWN, payee: company(n), amountFen: fen(yuan), at: china("2026-05-02"), attachments: [] })).id);
    const at = china("2026-05-04");
    await db().transaction((tx) => runRules(tx as unknown as Db, { scopePrefix: TOWN, rules: ["LARGE_WITHOUT_ATTACHMENT"], trigger: "manual", actor: { id: null, name: "测试" } }, at, { wait: true }));
    const director = await actorOf(db(), "dir108");
    const supervisor = await actorOf(db(), "supervisor");
    const [closed, wrong, open] = await Promise.all(ids.map(alertNaming));
    await db().transaction(async (t) => {
      const tx = t as unknown as Db;
      const go = (who: typeof director, a: typeof closed, action: string, from: string) => transition(tx, who, { instanceId: a!.flowInstanceId!, action, note: "测试意见", expectedState: from }, at);
      await go(director, closed, "confirm", "verifying");
      await go(director, closed, "startRectification", "verified");
      const [planned] = await tx.select().from(supervisionAlert).where(eq(supervisionAlert.id, closed!.id));
      await submitEvidence(tx, director, planned!.rectificationTaskId!, { evidence: "已补附合同和发票" }, at);
      await go(supervisor, planned!, "close", "verifying");
      await go(director, wrong, "dismiss", "verifying");
      await go(supervisor, wrong, "acceptFalseAlarm", "falseAlarmProposed");
    });
    void open;
    const report = await reportFor(db(), TOWN, { from: "2026-05-01", to: "2026-05-31" }, china("2026-06-30"));
    expect(report.total).toMatchObject({ alerts: 3, open: 1, rectified: 1, falseAlarms: 1, overdue: 1, amount: "900000.00", rectificationRate: "100.0" });
    expect(report.byRule.find((r) => r.key === "LARGE_WITHOUT_ATTACHMENT")).toMatchObject({ alerts: 3 });
    expect(report.byStage.find((r) => r.key === "before")!.alerts).toBe(3);
    expect(report.byStatus.find((r) => r.key === "falseAlarm")!.alerts).toBe(1);
    expect(report.byTownship.map((r) => r.key)).toEqual([TOWN]);
    expect(report.overdue.map((a) => a.id)).toEqual([open!.id]);
    // One day outside the period: none of them.
    expect((await reportFor(db(), TOWN, { from: "2026-05-05", to: "2026-05-31" }, china("2026-06-30"))).total.alerts).toBe(0);
    const district = await reportFor(db(), "329901", { from: "2026-05-01", to: "2026-05-31" }, china("2026-06-30"));
    expect(district.byTownship).toHaveLength(14);
    expect(district.byTownship.find((r) => r.key === TOWN)!.alerts).toBe(3);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reportWorkbook(report, await alertsIn(db(), TOWN, { from: "2026-05-01", to: "2026-05-31" }, china("2026-06-30")))) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["监管情况汇总", "预警清单"]);
    expect(workbook.getWorksheet("预警清单")!.rowCount).toBe(4);
    const board = await dashboard(db(), "329901", 2026);
    expect(board.townships.find((t) => t.regionCode === TOWN)!.counts[4]).toBe(3);
  });
});

describe("xiangcai supervise run", () => {
  const cli = async (...args: string[]) => {
    let out = "";
    let err = "";
    const code = await runSuperviseCommand(args, { write: (s: string) => (out += s) }, { write: (s: string) => (err += s) }, (fn) => fn(database), () => null, () => china("2026-06-30"));
    return { code, out, err };
  };

  it("prints every open alert in scope after the run, in the stable JSON shape", async () => {
    const { code, out } = await cli("run", "--region", "329901108", "--rules", "LARGE_WITHOUT_ATTACHMENT,SPLIT_PAYMENT", "--json");
    expect(code).toBe(0);
    const answer = JSON.parse(out);
    expect(Object.keys(answer)).toEqual(["alerts"]);
    expect(answer.alerts.length).toBe((await openAlertsIn(db(), "329901108")).length);
    const alert = answer.alerts.find((a: { amount: string }) => a.amount === "400000.00");
    expect(alert).toEqual({ rule: "LARGE_WITHOUT_ATTACHMENT", regionCode: "329901108", objects: [{ type: "payment", id: expect.any(String) }], amount: "400000.00", message: expect.stringContaining("没有合同、发票等任何附件") });
    for (const a of answer.alerts) expect(Object.keys(a)).toEqual(["rule", "regionCode", "objects", "amount", "message"]);
  });

  it("prints a readable list without --json, and exits 2 on bad arguments", async () => {
    const text = await cli("run", "--region", "329901108");
    expect(text.code).toBe(0);
    expect(text.out).toContain("未办结预警共");
    for (const bad of [["run", "--region", "32990"], ["run", "--rules", "NOT_A_RULE"], ["check"], ["run", "--bogus"]]) {
      const answer = await cli(...bad);
      expect(answer.code, bad.join(" ")).toBe(2);
      expect(answer.err).toContain("用法");
    }
    let err = "";
    expect(await cliRun(["supervise", "run", "--rules", "X"], { write: () => 0 }, { write: (s: string) => (err += s) })).toBe(2);
    expect(err).toContain("未知的规则");
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("one runner at a time across connections (PostgreSQL)", () => {
  it("answers busy to a second run while the first holds the lock, and schedules a district once when two processes tick together", async () => {
    const second = await openPostgres(database.serverUrl!, { max: 4 });
    bindAuditKey(second.db, TEST_AUDIT_KEY);
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const first = db().transaction(async (t) => {
        expect(await takeRunLock(t as unknown as Db, false)).toBe(true);
        locked();
        await held;
      });
      await isLocked;
      const refused = await second.db.transaction((tx) => runRules(tx as unknown as Db, { scopePrefix: YANGJI, trigger: "manual", actor: { id: null, name: "测试" } }, china("2026-06-30"), { wait: false }));
      expect(refused).toBeNull();
      const busy = await supervisionTick(second.db, null, china("2026-06-30"));
      expect(busy.busy).toBe(3);
      release();
      await first;

      await putSetting(db(), "329901000", "supervision.runEveryHours", 24, null, TEST_NOW);
      const at = china("2026-09-01", 3);
      const before = (await rows<{ n: number }>(db(), sql`select count(*)::int as n from supervision_run where trigger = 'schedule'`))[0]!.n;
      // Two processes tick together, a few times over (one may find the lock held by the other's event
      // or report work and leave the schedule to the next tick): the district is run exactly once.
      let ran = 0;
      for (let round = 0; round < 5; round++) {
        const [a, b] = await Promise.all([supervisionTick(db(), null, at), supervisionTick(second.db, null, at)]);
        ran += a.scheduledRuns.length + b.scheduledRuns.length;
      }
      const after = (await rows<{ n: number }>(db(), sql`select count(*)::int as n from supervision_run where trigger = 'schedule'`))[0]!.n;
      expect(after - before).toBe(1);
      expect(ran).toBe(1);
      await putSetting(db(), "329901000", "supervision.runEveryHours", 0, null, TEST_NOW);
    } finally {
      await second.close();
    }
  });
});
