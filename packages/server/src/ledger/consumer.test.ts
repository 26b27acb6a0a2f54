// Proves the ledger's outbox consumer: a treasury payment paid posts its dual-basis voucher in the
// set of the paying unit exactly once however often the outbox is dispatched, a return posts the
// red-ink reversal, subsidy lines paid post in the township's own set, and an event with no set or
// a closed month is recorded as skipped, not lost; a system voucher is one row written posted, with
// one audit row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like, sql } from "drizzle-orm";
import { auditLog } from "../audit/index.ts";
import { openTestDatabase, type TestDatabase } from "../../test/db.ts";
import { testClock } from "../../test/clock.ts";
import type { Db } from "../platform/db.ts";
import { dispatchOutbox, publish, type PayloadOf, type Topic } from "../platform/outbox.ts";
import { paymentPaidTopic, paymentRefundedTopic, paymentReturnedTopic, quotaSetTopic, setQuota } from "../treasury/index.ts";
import { linesPaidTopic, linesRecoveredTopic } from "../subsidy/index.ts";
import { budgetUnit } from "../org/index.ts";
import { uuidv7 } from "../platform/ids.ts";
import { closeMonth, createAccountSet, getVoucher, loadSet, systemActor } from "./service.ts";
import { trialBalanceOf } from "./balances.ts";
import { statementOf } from "./reports.ts";
import { ledgerAccount, ledgerAccountSet, ledgerSkippedEvent, ledgerVoucher } from "./tables.ts";
import { directPaymentReturnableVoucher, quotaChangeVoucher } from "./rules.ts";
import { directPaymentCarriedOverTopic } from "../budget/index.ts";
import { DEMO_LEDGER_IDS } from "./demo.ts";
import { demoActor } from "./testing.ts";
import { TEST_NOW } from "../../test/clock.ts";

let database: TestDatabase;
let db: Db;
let schoolId: string;
let clinicId: string;
let schoolSetId: string;
let townSetId: string;
const tx = <T,>(fn: (tx: Db) => Promise<T>) => db.transaction((t) => fn(t as unknown as Db));

const payment = (over: Partial<PayloadOf<typeof paymentPaidTopic>> = {}): PayloadOf<typeof paymentPaidTopic> => ({
  paymentId: uuidv7(),
  regionCode: "329901101",
  budgetUnitId: schoolId,
  indicatorId: uuidv7(),
  amount: "1250.00",
  method: "direct" as const,
  functionalCode: "2050202",
  economicCode: "30201",
  fundNature: "generalBudget",
  payeeName: "青禾文具店",
  purpose: "购买办公用品",
  paidAt: "2026-03-16",
  ...over,
});

async function send<T extends Topic>(topic: T, payload: PayloadOf<T>) {
  const id = await tx((t) => publish(t, topic, { regionCode: "329901101", payload }, TEST_NOW));
  const result = await dispatchOutbox(database, { clock: testClock() });
  expect(result.failed.filter((f) => f.consumer === "ledger")).toEqual([]);
  return id;
}

const vouchersFrom = (prefix: string) => db.select().from(ledgerVoucher).where(like(ledgerVoucher.source, `${prefix}%`));

beforeAll(async () => {
  database = await openTestDatabase("demo");
  db = database.db;
  const units = await db.select().from(budgetUnit).where(eq(budgetUnit.regionCode, "329901101"));
  schoolId = units.find((u) => u.name.endsWith("中心小学"))!.id;
  const budget = await demoActor(db, "budget");
  schoolSetId = (await tx((t) => createAccountSet(t, budget, { regionCode: "329901101", code: "T-SCHOOL", name: "青禾镇中心小学", year: 2026, budgetUnitId: schoolId }, TEST_NOW))).id;
  // The demo data holds the township's own set (no budget unit), where subsidy payments post.
  townSetId = DEMO_LEDGER_IDS.qingheOwnSet;
  clinicId = units.find((u) => u.name.endsWith("卫生院"))!.id;
});
afterAll(async () => database.close());

describe("ledger outbox consumer", () => {
  it("posts a direct payment (Dr 5001 / Cr 4001, Dr 7201 / Cr 6001) once, however often the outbox runs", async () => {
    const p = payment();
    await send(paymentPaidTopic, p);
    await dispatchOutbox(database, { clock: testClock() });
    const found = await vouchersFrom(`treasury.paymentPaid:${p.paymentId}:`);
    expect(found).toHaveLength(1);
    const v = await getVoucher(db, systemActor("t"), found[0]!.id);
    expect(v).toMatchObject({ setId: schoolSetId, status: "posted", date: "2026-03-16", enteredByName: "系统生成" });
    expect(v.label).toMatch(/^记-[0-9]{4}$/);
    expect(v.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([["5001", "1250.00", null], ["4001", null, "1250.00"], ["7201010101", "1250.00", null], ["60010101", null, "1250.00"]]);
    expect(v.lines[2]!.aux).toEqual({ functional: "2050202", economic: "30201", payee: "青禾文具店" });
  });

  it("writes a system voucher as one row, posted when inserted and never updated, with one audit row", async () => {
    // Every write to a voucher or its lines is noted by a trigger, for this test only.
    await db.execute(sql`create table test_voucher_write (tbl text, op text, voucher_id uuid, status text)`);
    await db.execute(sql`create function test_note_voucher_write() returns trigger language plpgsql as $$
      begin
        if tg_table_name = 'ledger_voucher' then insert into test_voucher_write values (tg_table_name, tg_op, new.id, new.status::text);
        else insert into test_voucher_write values (tg_table_name, tg_op, new.voucher_id, null); end if;
        return new;
      end $$`);
    await db.execute(sql`create trigger test_note_voucher after insert or update on ledger_voucher for each row execute function test_note_voucher_write()`);
    await db.execute(sql`create trigger test_note_line after insert or update on ledger_voucher_line for each row execute function test_note_voucher_write()`);
    try {
      const p = payment({ amount: "88.00" });
      await send(paymentPaidTopic, p);
      const [voucher] = await vouchersFrom(`treasury.paymentPaid:${p.paymentId}:`);
      const writes = (await db.execute(sql`select tbl, op, status from test_voucher_write where voucher_id = ${voucher!.id}`) as unknown as { rows: { tbl: string; op: string; status: string | null }[] }).rows;
      expect(writes.filter((w) => w.tbl === "ledger_voucher")).toEqual([{ tbl: "ledger_voucher", op: "INSERT", status: "posted" }]);
      expect(writes.filter((w) => w.tbl === "ledger_voucher_line").map((w) => w.op)).toEqual(["INSERT", "INSERT", "INSERT", "INSERT"]);
      const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, voucher!.id));
      expect(audits.map((a) => a.action)).toEqual(["ledger.voucherPosted"]);
      expect(audits[0]!.after).toMatchObject({ status: "posted", lines: 4, preparedBy: "系统生成", source: voucher!.source });
    } finally {
      await db.execute(sql`drop trigger test_note_voucher on ledger_voucher`);
      await db.execute(sql`drop trigger test_note_line on ledger_voucher_line`);
      await db.execute(sql`drop function test_note_voucher_write()`);
      await db.execute(sql`drop table test_voucher_write`);
    }
  });

  it("posts an authorised payment against the quota, and its return as a red-ink reversal", async () => {
    const p = payment({ method: "authorised", amount: "300.00" });
    await send(paymentPaidTopic, p);
    await send(paymentReturnedTopic, { ...p, reason: "户名不符", returnedAt: "2026-03-20" });
    const [paid] = await vouchersFrom(`treasury.paymentPaid:${p.paymentId}:`);
    const [returned] = await vouchersFrom(`treasury.paymentReturned:${p.paymentId}:`);
    const red = await getVoucher(db, systemActor("t"), returned!.id);
    expect(red).toMatchObject({ kind: "reversal", originalId: paid!.id, status: "posted", date: "2026-03-20" });
    expect(red.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([["5001", "-300.00", null], ["1011", null, "-300.00"], ["7201010101", "-300.00", null], ["800101", null, "-300.00"]]);
    const tb = await trialBalanceOf(db, await loadSet(db, systemActor("t"), schoolSetId), "2026-03", "2026-03");
    expect(tb.find((r) => r.account === "1011")).toBeUndefined();
  });

  it("posts subsidy lines paid in the township's own set", async () => {
    const id = await send(linesPaidTopic, { batchId: uuidv7(), regionCode: "329901101", itemCode: "GDZL", itemName: "耕地地力保护补贴", indicatorId: uuidv7(), functionalCode: "2130122", economicCode: "30305", amount: "88000.00", lineCount: 412, paidAt: "2026-03-18" });
    const [v] = await vouchersFrom(`subsidy.linesPaid:${id}`);
    expect(v).toMatchObject({ setId: townSetId, status: "posted", summary: "惠民惠农补贴发放：耕地地力保护补贴（412人）" });
  });

  it("posts a recovered subsidy payment back (Dr 4001 / Cr 5001, Dr 6001 / Cr 7101) once per recovery", async () => {
    const recoveryId = uuidv7();
    const payload = { recoveryId, regionCode: "329901101", itemCode: "GDZL", itemName: "耕地地力保护补贴", rosterId: uuidv7(), lineNo: 7, indicatorId: uuidv7(), functionalCode: "2130122", economicCode: "30305", amount: "215.40", recoveredAt: "2026-03-25" };
    await send(linesRecoveredTopic, payload);
    await send(linesRecoveredTopic, payload); // the same recovery announced twice posts once
    const found = await vouchersFrom(`subsidy.linesRecovered:${recoveryId}`);
    expect(found).toHaveLength(1);
    const v = await getVoucher(db, systemActor("t"), found[0]!.id);
    expect(v).toMatchObject({ setId: townSetId, status: "posted", date: "2026-03-25", summary: "追回误发补贴：耕地地力保护补贴（清册第7行）" });
    expect(v.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([["4001", "215.40", null], ["5001", null, "215.40"], ["60010102", "215.40", null], ["7101010102", null, "215.40"]]);
    const zero = await send(linesRecoveredTopic, { ...payload, recoveryId: uuidv7(), amount: "0.00" });
    const [row] = await db.select().from(ledgerSkippedEvent).where(eq(ledgerSkippedEvent.eventId, zero));
    expect(row?.reason).toMatch(/^BAD_AMOUNT/);
  });

  it("records as skipped an event with no account set, and one whose month is closed", async () => {
    const orphan = await send(paymentPaidTopic, payment({ budgetUnitId: clinicId }));
    await tx((t) => closeMonth(t, systemActor("t"), schoolSetId, 2026, 1, TEST_NOW));
    const late = await send(paymentPaidTopic, payment({ paidAt: "2026-01-30" }));
    const skipped = await db.select().from(ledgerSkippedEvent).where(eq(ledgerSkippedEvent.regionCode, "329901101"));
    expect(skipped.find((s) => s.eventId === orphan)?.reason).toMatch(/^NO_ACCOUNT_SET/);
    expect(skipped.find((s) => s.eventId === late)?.reason).toMatch(/^PERIOD_CLOSED/);
    const [inJanuary] = await db.select().from(ledgerVoucher).where(and(eq(ledgerVoucher.setId, schoolSetId), eq(ledgerVoucher.month, 1)));
    expect(inJanuary).toBeUndefined();
  });

  it("records a return whose payment was never posted as skipped", async () => {
    const id = await send(paymentReturnedTopic, { ...payment(), reason: "退票", returnedAt: "2026-03-21" });
    const [row] = await db.select().from(ledgerSkippedEvent).where(eq(ledgerSkippedEvent.eventId, id));
    expect(row?.reason).toMatch(/^ORIGINAL_NOT_POSTED/);
  });

  it("posts a refund as a red-letter voucher for the refunded amount, once per refund, and refuses refunds beyond the payment", async () => {
    const p = payment({ amount: "1250.00" });
    await send(paymentPaidTopic, p);
    const [paid] = await vouchersFrom(`treasury.paymentPaid:${p.paymentId}:`);
    const refund = (refundId: string, amount: string) => ({ ...p, amount, refundId, reason: "多付退回", refundedAt: "2026-03-25" });
    const first = uuidv7();
    await send(paymentRefundedTopic, refund(first, "250.00"));
    // The same refund published again (a second event) posts nothing more.
    await send(paymentRefundedTopic, refund(first, "250.00"));
    const red = await vouchersFrom(`treasury.paymentRefunded:${first}`);
    expect(red).toHaveLength(1);
    const v = await getVoucher(db, systemActor("t"), red[0]!.id);
    expect(v).toMatchObject({ kind: "reversal", originalId: paid!.id, status: "posted", date: "2026-03-25", summary: expect.stringMatching(/^支付退款（多付退回）/) });
    expect(v.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([["5001", "-250.00", null], ["4001", null, "-250.00"], ["7201010101", "-250.00", null], ["60010101", null, "-250.00"]]);
    expect(v.lines[2]!.aux).toMatchObject({ functional: "2050202", economic: "30201" });
    // 1000.00 remain: a fen more is refused (skipped, nothing posted), exactly 1000.00 is posted.
    const over = uuidv7();
    const overEvent = await send(paymentRefundedTopic, refund(over, "1000.01"));
    const [skipped] = await db.select().from(ledgerSkippedEvent).where(eq(ledgerSkippedEvent.eventId, overEvent));
    expect(skipped?.reason).toMatch(/^REFUND_EXCEEDS/);
    expect(await vouchersFrom(`treasury.paymentRefunded:${over}`)).toHaveLength(0);
    const rest = uuidv7();
    await send(paymentRefundedTopic, refund(rest, "1000.00"));
    expect(await vouchersFrom(`treasury.paymentRefunded:${rest}`)).toHaveLength(1);
    const all = await db.select().from(ledgerVoucher).where(and(eq(ledgerVoucher.originalId, paid!.id), eq(ledgerVoucher.kind, "reversal")));
    expect(all).toHaveLength(2);
    const again = await send(paymentRefundedTopic, refund(uuidv7(), "0.01"));
    expect((await db.select().from(ledgerSkippedEvent).where(eq(ledgerSkippedEvent.eventId, again)))[0]?.reason).toMatch(/^REFUND_EXCEEDS/);
  });

  it("records a refund whose payment was never posted as skipped", async () => {
    const id = await send(paymentRefundedTopic, { ...payment(), refundId: uuidv7(), reason: "退款", refundedAt: "2026-03-21" });
    const [row] = await db.select().from(ledgerSkippedEvent).where(eq(ledgerSkippedEvent.eventId, id));
    expect(row?.reason).toMatch(/^ORIGINAL_NOT_POSTED/);
  });

  it("posts the quota received when a quota is set, the change when it is raised or lowered, and nothing when it stays", async () => {
    const budget = await demoActor(db, "budget");
    const set = (quota: bigint, at: string) => tx((t) => setQuota(t, budget, { regionCode: "329901101", budgetUnitId: schoolId, fiscalYear: 2026, month: 5, expenditureKind: "basic", fund: "generalBudget", quotaFen: quota }, new Date(at)));
    await set(1000_00n, "2026-05-02T02:00:00Z");
    await set(1500_00n, "2026-05-10T02:00:00Z");
    await set(1200_00n, "2026-05-20T02:00:00Z");
    await set(1200_00n, "2026-05-21T02:00:00Z"); // unchanged: no event, no voucher
    await dispatchOutbox(database, { clock: testClock() });
    const found = (await vouchersFrom(`treasury.quotaSet:${schoolId}:2026-5:`)).sort((a, b) => a.voucherDate.localeCompare(b.voucherDate));
    expect(found.map((v) => [v.setId, v.voucherDate])).toEqual([[schoolSetId, "2026-05-02"], [schoolSetId, "2026-05-10"], [schoolSetId, "2026-05-20"]]);
    const lowered = await getVoucher(db, systemActor("t"), found[2]!.id);
    expect(lowered.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([["1011", null, "300.00"], ["4001", "300.00", null], ["800101", null, "300.00"], ["60010101", "300.00", null]]);
    expect(lowered.summary).toBe("调减2026年5月财政授权支付额度（1500.00 元调为 1200.00 元）");
    const tb = await trialBalanceOf(db, await loadSet(db, systemActor("t"), schoolSetId), "2026-05", "2026-05");
    expect(tb.find((r) => r.account === "1011")).toMatchObject({ periodDebitFen: 150000n, periodCreditFen: 30000n });
  });

  it("posts a 项目支出 quota on 6001's 项目支出 明细 apart from 基本支出's, and a stored event without a kind as 基本支出", async () => {
    const budget = await demoActor(db, "budget");
    await tx((t) => setQuota(t, budget, { regionCode: "329901101", budgetUnitId: schoolId, fiscalYear: 2026, month: 5, expenditureKind: "project", fund: "generalBudget", quotaFen: 400_00n }, new Date("2026-05-22T02:00:00Z")));
    await dispatchOutbox(database, { clock: testClock() });
    const [project] = await vouchersFrom(`treasury.quotaSet:${schoolId}:2026-5:project:`);
    const v = await getVoucher(db, systemActor("t"), project!.id);
    expect(v.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([["1011", "400.00", null], ["4001", null, "400.00"], ["800101", "400.00", null], ["60010102", null, "400.00"]]);
    expect(v.summary).toBe("收到2026年5月项目支出财政授权支付额度（0.00 元调为 400.00 元）");
    // An event stored before quotas had a kind: 基本支出, as it was posted then.
    const id = await send(quotaSetTopic, { regionCode: "329901101", budgetUnitId: schoolId, fiscalYear: 2026, month: 7, before: "0.00", after: "10.00", setOn: "2026-07-01" });
    const [old] = await db.select().from(ledgerVoucher).where(like(ledgerVoucher.source, `treasury.quotaSet:${schoolId}:2026-7:${id}`));
    expect((await getVoucher(db, systemActor("t"), old!.id)).lines.map((l) => l.account)).toEqual(["1011", "4001", "800101", "60010101"]);
  });

  it("posts a 政府性基金 quota on 6001's 政府性基金 明细 of its kind, so an authorised 政府性基金 payment's spending meets its income in the 财政拨款预算收入支出表", async () => {
    const budget = await demoActor(db, "budget");
    const set = await loadSet(db, systemActor("t"), schoolSetId);
    // 本年财政拨款收入, 本年财政拨款支出, 年末 of 政府性基金 项目支出.
    const fundProject = async () => {
      const rows = (await statementOf(db, set, "fiscal-appropriation", "2026-01", "2026-12")).rows;
      const fund = rows.findIndex((r) => r.label === "二、政府性基金预算财政拨款");
      return rows.slice(fund).find((r) => r.label === "（二）项目支出")!.values.slice(5, 8);
    };
    const before = await fundProject();
    await tx((t) => setQuota(t, budget, { regionCode: "329901101", budgetUnitId: schoolId, fiscalYear: 2026, month: 6, expenditureKind: "project", fund: "governmentFund", quotaFen: 250_00n }, new Date("2026-06-02T02:00:00Z")));
    await dispatchOutbox(database, { clock: testClock() });
    const [quota] = await vouchersFrom(`treasury.quotaSet:${schoolId}:2026-6:governmentFund:project:`);
    const v = await getVoucher(db, systemActor("t"), quota!.id);
    expect(v.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([["1011", "250.00", null], ["4001", null, "250.00"], ["800101", "250.00", null], ["60010202", null, "250.00"]]);
    expect(v.summary).toBe("收到2026年6月政府性基金项目支出财政授权支付额度（0.00 元调为 250.00 元）");
    // Not 一般公共预算's: no voucher of its tags.
    expect(await vouchersFrom(`treasury.quotaSet:${schoolId}:2026-6:project:`)).toEqual([]);
    await send(paymentPaidTopic, payment({ method: "authorised", amount: "250.00", fundNature: "governmentFund", expenditureKind: "project", project: "青禾镇土地出让收入安排项目", paidAt: "2026-06-10" }));
    const after = await fundProject();
    expect(after.map((fen, i) => fen - before[i]!)).toEqual([250_00n, 250_00n, 0n]);
  });

  it("posts a unit's unspent direct payments carried over as 财政应返还额度—财政直接支付 on the year's last day", async () => {
    await send(directPaymentCarriedOverTopic, { regionCode: "329901101", budgetUnitId: schoolId, fiscalYear: 2026, amount: "900.00", indicatorCount: 2 });
    const [found] = await vouchersFrom(`budget.directPaymentCarriedOver:${schoolId}:2026:`);
    const v = await getVoucher(db, systemActor("t"), found!.id);
    expect(v).toMatchObject({ setId: schoolSetId, date: "2026-12-31", summary: "年末确认2026年未支付的财政直接支付指标（2个指标结转下年）" });
    expect(v.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([["120101", "900.00", null], ["4001", null, "900.00"], ["800103", "900.00", null], ["60010101", null, "900.00"]]);
    const orphan = await send(directPaymentCarriedOverTopic, { regionCode: "329901101", budgetUnitId: clinicId, fiscalYear: 2026, amount: "1.00", indicatorCount: 1 });
    const [row] = await db.select().from(ledgerSkippedEvent).where(eq(ledgerSkippedEvent.eventId, orphan));
    expect(row?.reason).toMatch(/^NO_ACCOUNT_SET/);
  });

  it("posts a direct carry-over per fund nature and kind on its 6001 明细, and nothing of an event one of whose parts is refused", async () => {
    const parts = [
      { fundNature: "generalBudget" as const, expenditureKind: "basic" as const, amount: "100.00", indicatorCount: 1 },
      { fundNature: "upperTransfer" as const, expenditureKind: "project" as const, amount: "200.00", indicatorCount: 1 },
      { fundNature: "governmentFund" as const, expenditureKind: "project" as const, amount: "0.01", indicatorCount: 1 },
    ];
    const prefix = `budget.directPaymentCarriedOver:${schoolId}:2026:`;
    const before = new Set((await vouchersFrom(prefix)).map((v) => v.id));
    const newSince = async () => (await vouchersFrom(prefix)).filter((v) => !before.has(v.id));
    await send(directPaymentCarriedOverTopic, { regionCode: "329901101", budgetUnitId: schoolId, fiscalYear: 2026, amount: "300.01", indicatorCount: 3, parts });
    const posted = await newSince();
    const lines = await Promise.all(posted.map(async (v) => (await getVoucher(db, systemActor("t"), v.id)).lines.map((l) => [l.account, l.debit ?? l.credit])));
    // 上级转移支付 is spent as 一般公共预算 appropriation; 政府性基金 on its own 明细; one fen is posted.
    expect(lines.map((l) => l[3])).toEqual(expect.arrayContaining([["60010101", "100.00"], ["60010102", "200.00"], ["60010202", "0.01"]]));
    expect(lines).toHaveLength(3);
    expect(posted.map((v) => v.source?.split(":").slice(3, 5).join(":")).sort()).toEqual(["governmentFund:project", "upperTransfer:project", expect.stringMatching(/^[0-9a-f-]{36}$/)].sort());

    // The second part refused (no amount) after the first was posted: the event's savepoint rolls both back.
    for (const v of posted) before.add(v.id);
    const refused = await send(directPaymentCarriedOverTopic, { regionCode: "329901101", budgetUnitId: schoolId, fiscalYear: 2026, amount: "100.00", indicatorCount: 2, parts: [parts[0]!, { ...parts[1]!, amount: "0.00" }] });
    expect(await newSince()).toEqual([]);
    const [row] = await db.select().from(ledgerSkippedEvent).where(eq(ledgerSkippedEvent.eventId, refused));
    expect(row?.reason).toMatch(/^BAD_AMOUNT/);
  });

  it("records a quota of a unit with no account set as skipped", async () => {
    const id = await send(quotaSetTopic, { regionCode: "329901101", budgetUnitId: clinicId, fiscalYear: 2026, month: 6, before: "0.00", after: "500.00", setOn: "2026-06-01" });
    const [row] = await db.select().from(ledgerSkippedEvent).where(eq(ledgerSkippedEvent.eventId, id));
    expect(row?.reason).toMatch(/^NO_ACCOUNT_SET/);
  });
});

describe("which budget and spending the unit books record (6001/7101/7201 明细 and the project aux)", () => {
  it("posts a 政府性基金 project payment on the 政府性基金 项目支出 明细 with its project, and its return and refund onto the same lines", async () => {
    const p = payment({ amount: "600.00", fundNature: "governmentFund", expenditureKind: "project", projectId: uuidv7(), project: "XM-2026-007 污水管网改造" });
    await send(paymentPaidTopic, p);
    const [paid] = await vouchersFrom(`treasury.paymentPaid:${p.paymentId}:`);
    const v = await getVoucher(db, systemActor("t"), paid!.id);
    expect(v.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([["5001", "600.00", null], ["4001", null, "600.00"], ["7201010202", "600.00", null], ["60010202", null, "600.00"]]);
    expect(v.lines[2]!.aux).toMatchObject({ project: "XM-2026-007 污水管网改造", functional: "2050202" });
    expect(v.lines[3]!.aux).toMatchObject({ project: "XM-2026-007 污水管网改造" });
    const refundId = uuidv7();
    await send(paymentRefundedTopic, { ...p, amount: "100.00", refundId, reason: "多付退回", refundedAt: "2026-03-22" });
    const [refunded] = await vouchersFrom(`treasury.paymentRefunded:${refundId}`);
    const r = await getVoucher(db, systemActor("t"), refunded!.id);
    expect(r.lines.map((l) => [l.account, l.debit ?? l.credit, l.aux.project ?? null])).toEqual([["5001", "-100.00", null], ["4001", "-100.00", null], ["7201010202", "-100.00", "XM-2026-007 污水管网改造"], ["60010202", "-100.00", "XM-2026-007 污水管网改造"]]);
    // A return (退票) is of a payment not refunded: another payment of the same project.
    const q = { ...p, paymentId: uuidv7() };
    await send(paymentPaidTopic, q);
    await send(paymentReturnedTopic, { ...q, reason: "户名不符", returnedAt: "2026-03-23" });
    const [returned] = await vouchersFrom(`treasury.paymentReturned:${q.paymentId}:`);
    const red = await getVoucher(db, systemActor("t"), returned!.id);
    expect(red.lines.map((l) => l.account)).toEqual(["5001", "4001", "7201010202", "60010202"]);
  });

  it("reads 基本/项目 from the indicator for an event stored before the payload carried it, and 基本支出 when the indicator is unknown", async () => {
    const p = payment({ amount: "12.34" });
    expect(p.expenditureKind).toBeUndefined();
    await send(paymentPaidTopic, p);
    const [paid] = await vouchersFrom(`treasury.paymentPaid:${p.paymentId}:`);
    const v = await getVoucher(db, systemActor("t"), paid!.id);
    expect(v.lines.map((l) => l.account)).toEqual(["5001", "4001", "7201010101", "60010101"]);
    expect(v.lines[2]!.aux.project).toBeUndefined();
  });

  it("keeps posting to 7101/7201 and 6001 themselves in a set whose chart has no such 明细, with the project as aux", async () => {
    const units = await db.select().from(budgetUnit).where(eq(budgetUnit.regionCode, "329901101"));
    const withSet = new Set((await db.select({ id: ledgerAccountSet.budgetUnitId }).from(ledgerAccountSet)).map((r) => r.id));
    const other = units.find((u) => u.id !== clinicId && !withSet.has(u.id))!;
    const budget = await demoActor(db, "budget");
    const set = await tx((t) => createAccountSet(t, budget, { regionCode: "329901101", code: "T-OLD", name: "未设明细的账套", year: 2026, budgetUnitId: other.id }, TEST_NOW));
    // An existing set, created before the default chart had these 明细.
    await db.delete(ledgerAccount).where(and(eq(ledgerAccount.setId, set.id), sql`length(${ledgerAccount.code}) > 4 and left(${ledgerAccount.code}, 4) in ('6001', '7101', '7201')`));
    await db.update(ledgerAccount).set({ isLeaf: true }).where(and(eq(ledgerAccount.setId, set.id), sql`${ledgerAccount.code} in ('6001', '7101', '7201')`));
    const p = payment({ budgetUnitId: other.id, amount: "77.00", fundNature: "governmentFund", expenditureKind: "project", project: "XM-1 道路" });
    await send(paymentPaidTopic, p);
    const [paid] = await vouchersFrom(`treasury.paymentPaid:${p.paymentId}:`);
    const v = await getVoucher(db, systemActor("t"), paid!.id);
    const expenditure = other.kind === "publicInstitution" ? "7201" : "7101";
    expect(v).toMatchObject({ setId: set.id, status: "posted" });
    expect(v.lines.map((l) => [l.account, l.aux.project ?? null])).toEqual([["5001", null], ["4001", null], [expenditure, "XM-1 道路"], ["6001", "XM-1 道路"]]);
    await send(paymentReturnedTopic, { ...p, reason: "退票", returnedAt: "2026-03-24" });
    const [returned] = await vouchersFrom(`treasury.paymentReturned:${p.paymentId}:`);
    expect((await getVoucher(db, systemActor("t"), returned!.id)).lines.map((l) => l.account)).toEqual(["5001", "4001", expenditure, "6001"]);
  });
});

describe("quotaChangeVoucher", () => {
  const base = { before: "0.00", after: "800.00", fiscalYear: 2026, month: 3, setOn: "2026-03-01" };
  it("posts a new quota as received on the day it was set", () => {
    const made = quotaChangeVoucher(base);
    expect(made.ok && made.voucher.date).toBe("2026-03-01");
    expect(made.ok && made.voucher.lines.map((l) => [l.account, l.debitFen, l.creditFen])).toEqual([["1011", 80000n, 0n], ["4001", 0n, 80000n], ["800101", 80000n, 0n], ["6001", 0n, 80000n]]);
  });
  it("dates a quota set before its year on the quota month's first day", () => {
    const made = quotaChangeVoucher({ ...base, month: 1, setOn: "2025-12-28" });
    expect(made.ok && made.voucher.date).toBe("2026-01-01");
  });
  it("posts a change of one fen, and refuses no change and a change after the year", () => {
    const fen = quotaChangeVoucher({ ...base, before: "800.00", after: "800.01" });
    expect(fen.ok && fen.voucher.lines[0]).toMatchObject({ account: "1011", debitFen: 1n });
    expect(quotaChangeVoucher({ ...base, before: "800.00" })).toMatchObject({ ok: false, reason: expect.stringMatching(/^NO_CHANGE/) });
    expect(quotaChangeVoucher({ ...base, setOn: "2027-01-02" })).toMatchObject({ ok: false, reason: expect.stringMatching(/^YEAR_OVER/) });
  });
});

describe("directPaymentReturnableVoucher", () => {
  it("posts one fen, and refuses nothing", () => {
    const fen = directPaymentReturnableVoucher({ fiscalYear: 2026, amount: "0.01", indicatorCount: 1 });
    expect(fen.ok && fen.voucher.lines.map((l) => [l.account, l.debitFen, l.creditFen])).toEqual([["120101", 1n, 0n], ["4001", 0n, 1n], ["800103", 1n, 0n], ["6001", 0n, 1n]]);
    expect(directPaymentReturnableVoucher({ fiscalYear: 2026, amount: "0.00", indicatorCount: 1 })).toMatchObject({ ok: false, reason: expect.stringMatching(/^BAD_AMOUNT/) });
  });
});

