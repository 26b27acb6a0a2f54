// Proves the ledger on a real database: account sets with the built-in chart, sub-accounts and
// required auxiliary dimensions, entered → reviewed (by someone else) → posted, numbers without gap
// or duplicate under concurrent posting, posted vouchers refused by the database, reversal, month
// closing and the director's recorded reopening, and an audit record for every write.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { failureOf, openTestDatabase, type TestDatabase } from "../../test/db.ts";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../identity/index.ts";
import { auditLog } from "../audit/index.ts";
import {
  addSubAccount,
  closeMonth,
  createAccountSet,
  discardVoucher,
  editVoucher,
  enterVoucher,
  getAccountSet,
  importChart,
  listVouchers,
  loadChart,
  loadSet,
  postVoucher,
  reopenMonth,
  reverseVoucher,
  reviewVoucher,
  setRequiredAux,
} from "./service.ts";
import { trialBalanceOf } from "./balances.ts";
import { trialBalanceTotals } from "./rules.ts";
import { ledgerVoucher, ledgerVoucherLine } from "./tables.ts";
import { cr, demoActor, dr, office } from "./testing.ts";
import { TEST_NOW } from "../../test/clock.ts";

let database: TestDatabase;
let db: Db;
let unitacct: Actor;
let budget: Actor;
let director: Actor;
let director2: Actor;
let setId: string;
const tx = <T,>(fn: (tx: Db) => Promise<T>) => db.transaction((t) => fn(t as unknown as Db));
const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return "none";
};

beforeAll(async () => {
  database = await openTestDatabase("demo");
  db = database.db;
  unitacct = await demoActor(db, "unitacct");
  budget = await demoActor(db, "budget");
  director = await demoActor(db, "director");
  director2 = await demoActor(db, "director2");
  setId = (await tx((t) => createAccountSet(t, budget, { regionCode: "329901101", code: "T-SVC", name: "测试账套", year: 2026 }, TEST_NOW))).id;
});
afterAll(async () => database.close());

async function enterReviewPost(lines: ReturnType<typeof dr>[], date = "2026-03-10", summary = "测试凭证") {
  const v = await tx((t) => enterVoucher(t, unitacct, setId, { date, summary, lines }, TEST_NOW));
  await tx((t) => reviewVoucher(t, budget, v.id, TEST_NOW));
  return tx((t) => postVoucher(t, budget, v.id, TEST_NOW));
}

describe("account sets and charts", () => {
  it("creates a set with the built-in chart and twelve open months", async () => {
    const set = await tx((t) => getAccountSet(t, budget, setId));
    expect(set.periods).toHaveLength(12);
    expect(set.periods.every((p) => p.status === "open")).toBe(true);
    const chart = await loadChart(db, await loadSet(db, budget, setId));
    expect(chart.get("1011")?.name).toBe("零余额账户用款额度");
    expect(chart.size).toBeGreaterThan(100);
  });

  it("refuses a duplicate set code anywhere in the database, and a region outside the actor's scope", async () => {
    expect(await codeOf(tx((t) => createAccountSet(t, director2, { regionCode: "329901102", code: "T-SVC", name: "重复", year: 2026 }, TEST_NOW)))).toBe("DUPLICATE");
    expect(await codeOf(tx((t) => createAccountSet(t, budget, { regionCode: "329901102", code: "T-OTHER", name: "越权", year: 2026 }, TEST_NOW)))).toBe("OUT_OF_SCOPE");
  });

  it("adds sub-accounts of two more digits, after which the parent takes no postings", async () => {
    await tx((t) => addSubAccount(t, budget, setId, { parentCode: "1002", code: "100201", name: "农商行基本户" }, TEST_NOW));
    expect(await codeOf(tx((t) => addSubAccount(t, budget, setId, { parentCode: "1002", code: "1002011", name: "错" }, TEST_NOW)))).toBe("VALIDATION_FAILED");
    expect(await codeOf(tx((t) => enterVoucher(t, unitacct, setId, { date: "2026-03-01", summary: "x", lines: [dr("1002", "1.00"), cr("4609", "1.00")], confirmParallel: true }, TEST_NOW)))).toBe("NOT_LEAF");
    const v = await tx((t) => enterVoucher(t, unitacct, setId, { date: "2026-03-01", summary: "利息", lines: [dr("100201", "1.00"), cr("4604", "1.00")], confirmParallel: true }, TEST_NOW));
    expect(v.lines[0]!.accountName).toBe("农商行基本户");
    await tx((t) => discardVoucher(t, unitacct, v.id, TEST_NOW));
  });

  it("requires the auxiliary dimensions an account names", async () => {
    const missing = await codeOf(tx((t) => enterVoucher(t, unitacct, setId, { date: "2026-03-01", summary: "x", lines: [dr("5001", "10.00"), cr("1011", "10.00"), dr("7101010101", "10.00"), cr("800101", "10.00")] }, TEST_NOW)));
    expect(missing).toBe("MISSING_AUX");
    await tx((t) => setRequiredAux(t, budget, setId, "5001", ["department"], TEST_NOW));
    expect(await codeOf(tx((t) => enterVoucher(t, unitacct, setId, { date: "2026-03-01", summary: "x", lines: [dr("5001", "10.00"), cr("1011", "10.00"), dr("7101010101", "10.00", office), cr("800101", "10.00")] }, TEST_NOW)))).toBe("MISSING_AUX");
    await tx((t) => setRequiredAux(t, budget, setId, "5001", [], TEST_NOW));
  });

  it("imports chart rows from CSV all or nothing", async () => {
    const bad = "code,name,basis,category,normal_side\n2307,其他应付款,financial,liability,credit\n230701,押金,financial,liability,credit\n230799,错,financial,asset,debit\n";
    expect(await codeOf(tx((t) => importChart(t, budget, setId, bad, TEST_NOW)))).toBe("CHART_INVALID");
    const good = "code,name,basis,category,normal_side\n2307,其他应付款,financial,liability,credit\n230701,押金,financial,liability,credit\n";
    expect(await tx((t) => importChart(t, budget, setId, good, TEST_NOW))).toEqual({ added: 1, updated: 0 });
  });
});

describe("vouchers", () => {
  it("goes entered → reviewed by someone else → posted with 记-0001, and refuses the preparer as reviewer", async () => {
    const v = await tx((t) => enterVoucher(t, unitacct, setId, { date: "2026-02-05", summary: "收到授权支付额度", lines: [dr("1011", "50000.00"), cr("4001", "50000.00"), dr("800101", "50000.00"), cr("60010101", "50000.00")] }, TEST_NOW));
    expect(v).toMatchObject({ status: "entered", number: null, label: "未记账" });
    expect(await codeOf(tx((t) => reviewVoucher(t, unitacct, v.id, TEST_NOW)))).toBe("SAME_PERSON");
    expect(await codeOf(tx((t) => postVoucher(t, budget, v.id, TEST_NOW)))).toBe("INVALID_TRANSITION");
    await tx((t) => reviewVoucher(t, budget, v.id, TEST_NOW));
    const posted = await tx((t) => postVoucher(t, budget, v.id, TEST_NOW));
    expect(posted).toMatchObject({ status: "posted", number: 1, label: "记-0001", enteredByName: "张伟", reviewedByName: "李秀英", postedByName: "李秀英" });
    expect(await codeOf(tx((t) => postVoucher(t, budget, v.id, TEST_NOW)))).toBe("INVALID_TRANSITION");
  });

  it("asks the accountant to confirm a cash movement without budget lines", async () => {
    const input = { date: "2026-02-06", summary: "代收款", lines: [dr("1001", "100.00"), cr("230701", "100.00")] };
    expect(await codeOf(tx((t) => enterVoucher(t, unitacct, setId, input, TEST_NOW)))).toBe("PARALLEL_UNCONFIRMED");
    const v = await tx((t) => enterVoucher(t, unitacct, setId, { ...input, lines: [dr("1001", "100.00"), cr("230701", "100.00")], confirmParallel: true }, TEST_NOW));
    expect(v.parallelConfirmed).toBe(true);
    await tx((t) => discardVoucher(t, unitacct, v.id, TEST_NOW));
  });

  it("numbers concurrent postings of one month without gap or duplicate", async () => {
    const entered = [];
    for (let i = 0; i < 12; i++) {
      const v = await tx((t) => enterVoucher(t, unitacct, setId, { date: "2026-04-02", summary: `并发${i}`, lines: [dr("5001", "1.00"), cr("1602", "1.00")] }, TEST_NOW));
      await tx((t) => reviewVoucher(t, budget, v.id, TEST_NOW));
      entered.push(v.id);
    }
    const posted = await Promise.all(entered.map((id) => tx((t) => postVoucher(t, budget, id, TEST_NOW))));
    expect(posted.map((v) => v.number).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it("has the database refuse any change or deletion of a posted voucher or its lines", async () => {
    const v = await enterReviewPost([dr("5001", "2.00"), cr("1602", "2.00")], "2026-04-03");
    expect(await failureOf(db.update(ledgerVoucher).set({ summary: "改" }).where(eq(ledgerVoucher.id, v.id)))).toMatch(/posted voucher/);
    expect(await failureOf(db.delete(ledgerVoucher).where(eq(ledgerVoucher.id, v.id)))).toMatch(/posted voucher/);
    expect(await failureOf(db.update(ledgerVoucherLine).set({ debitFen: 1n }).where(and(eq(ledgerVoucherLine.voucherId, v.id), eq(ledgerVoucherLine.lineNo, 1))))).toMatch(/posted voucher/);
    expect(await codeOf(tx((t) => discardVoucher(t, unitacct, v.id, TEST_NOW)))).toBe("INVALID_TRANSITION");
  });

  it("reverses a posted voucher in red ink, linked to it, so the balances return to zero", async () => {
    const before = await tx((t) => loadSet(t, budget, setId).then((s) => trialBalanceOf(t, s, "2026-05", "2026-05")));
    const v = await enterReviewPost([dr("5101", "300.00", office), cr("1011", "300.00"), dr("7101010101", "300.00", office), cr("800101", "300.00")], "2026-05-08");
    const red = await tx((t) => reverseVoucher(t, unitacct, v.id, {}, TEST_NOW));
    expect(red).toMatchObject({ kind: "reversal", originalId: v.id, status: "entered" });
    expect(red.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([["5101", "-300.00", null], ["1011", null, "-300.00"], ["7101010101", "-300.00", null], ["800101", null, "-300.00"]]);
    expect(await codeOf(tx((t) => reverseVoucher(t, unitacct, v.id, {}, TEST_NOW)))).toBe("DUPLICATE");
    await tx((t) => reviewVoucher(t, budget, red.id, TEST_NOW));
    await tx((t) => postVoucher(t, budget, red.id, TEST_NOW));
    const after = await tx((t) => loadSet(t, budget, setId).then((s) => trialBalanceOf(t, s, "2026-05", "2026-05")));
    const closing = (rows: typeof after, code: string) => rows.find((r) => r.account === code)?.closingDebitFen ?? 0n;
    expect(closing(after, "5101")).toBe(closing(before, "5101"));
  });

  it("closes months in order, refuses postings into a closed month, and reopens on the director's recorded action", async () => {
    expect(await codeOf(tx((t) => closeMonth(t, budget, setId, 2026, 2, TEST_NOW)))).toBe("PERIOD_NOT_READY");
    await tx((t) => closeMonth(t, budget, setId, 2026, 1, TEST_NOW));
    await tx((t) => closeMonth(t, budget, setId, 2026, 2, TEST_NOW));
    expect(await codeOf(tx((t) => enterVoucher(t, unitacct, setId, { date: "2026-02-28", summary: "迟到", lines: [dr("5001", "1.00"), cr("1602", "1.00")] }, TEST_NOW)))).toBe("PERIOD_CLOSED");
    const late = await tx((t) => enterVoucher(t, unitacct, setId, { date: "2026-03-28", summary: "三月", lines: [dr("5001", "1.00"), cr("1602", "1.00")] }, TEST_NOW));
    expect(await codeOf(tx((t) => closeMonth(t, budget, setId, 2026, 3, TEST_NOW)))).toBe("PERIOD_NOT_READY");
    await tx((t) => discardVoucher(t, unitacct, late.id, TEST_NOW));
    expect(await codeOf(tx((t) => reopenMonth(t, director, setId, 2026, 1, "补记", TEST_NOW)))).toBe("PERIOD_NOT_READY");
    expect(await codeOf(tx((t) => reopenMonth(t, director, setId, 2026, 2, " ", TEST_NOW)))).toBe("VALIDATION_FAILED");
    await tx((t) => reopenMonth(t, director, setId, 2026, 2, "补记漏记的利息收入", TEST_NOW));
    const set = await tx((t) => getAccountSet(t, budget, setId));
    expect(set.periods.slice(0, 3).map((p) => p.status)).toEqual(["closed", "open", "open"]);
    const [reopened] = await db.select().from(auditLog).where(and(eq(auditLog.action, "ledger.monthReopened"), eq(auditLog.entityId, setId)));
    expect(reopened).toMatchObject({ actorName: "王建国" });
  });

  it("keeps the trial balance balanced and lists vouchers with filters and paging", async () => {
    const set = await loadSet(db, budget, setId);
    const totals = trialBalanceTotals(await trialBalanceOf(db, set, "2026-01", "2026-12"));
    expect(totals.periodDebitFen).toBe(totals.periodCreditFen);
    expect(totals.closingDebitFen).toBe(totals.closingCreditFen);
    const page = await listVouchers(db, budget, { setId, month: 4, status: "posted" }, { limit: 5, offset: 0 });
    expect(page.total).toBe(13);
    expect(page.items).toHaveLength(5);
    expect((await listVouchers(db, budget, { setId, q: "并发1" }, { limit: 50, offset: 0 })).total).toBe(3);
    expect((await listVouchers(db, director2, { setId }, { limit: 50, offset: 0 })).total).toBe(0);
  });

  it("audits every write", async () => {
    const [row] = await db.select({ n: sql<bigint>`count(*)` }).from(auditLog).where(sql`${auditLog.action} like 'ledger.%'`);
    const [posted] = await db
      .select({ n: sql<bigint>`count(*)` })
      .from(auditLog)
      .where(and(eq(auditLog.action, "ledger.voucherPosted"), sql`${auditLog.entityId} in (select id::text from ledger_voucher where set_id = ${setId})`));
    const [vouchers] = await db.select({ n: sql<bigint>`count(*)` }).from(ledgerVoucher).where(and(eq(ledgerVoucher.setId, setId), eq(ledgerVoucher.status, "posted")));
    expect(BigInt(posted!.n)).toBe(BigInt(vouchers!.n));
    expect(BigInt(row!.n)).toBeGreaterThan(BigInt(posted!.n));
  });
});

describe("editing an entered voucher", () => {
  it("lets its preparer change date, summary and lines, checked as a new voucher, with the before and after in the audit log", async () => {
    const v = await tx((t) => enterVoucher(t, unitacct, setId, { date: "2026-03-11", summary: "待修改", lines: [dr("5101", "10.00"), cr("1602", "10.00")] }, TEST_NOW));
    const edited = await tx((t) => editVoucher(t, unitacct, v.id, { date: "2026-04-02", summary: "已修改", attachments: 2, lines: [dr("5001", "12.34"), cr("1602", "12.34")] }, TEST_NOW));
    expect(edited).toMatchObject({ id: v.id, status: "entered", year: 2026, month: 4, date: "2026-04-02", summary: "已修改", attachments: 2 });
    expect(edited.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([["5001", "12.34", null], ["1602", null, "12.34"]]);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, v.id), eq(auditLog.action, "ledger.voucherEdited")));
    expect(audit?.before).toMatchObject({ summary: "待修改", lines: [{ account: "5101", debit: "10.00" }, { account: "1602", credit: "10.00" }] });
    expect(audit?.after).toMatchObject({ summary: "已修改", lines: [{ account: "5001", debit: "12.34" }, { account: "1602", credit: "12.34" }] });
    // An unbalanced edit changes nothing.
    expect(await codeOf(tx((t) => editVoucher(t, unitacct, v.id, { date: "2026-04-02", summary: "不平", lines: [dr("5001", "1.00"), cr("1602", "2.00")] }, TEST_NOW)))).toBe("UNBALANCED_FINANCIAL");
    const [row] = await db.select().from(ledgerVoucher).where(eq(ledgerVoucher.id, v.id));
    expect(row?.summary).toBe("已修改");
    await tx((t) => discardVoucher(t, unitacct, v.id, TEST_NOW));
  });

  it("refuses someone other than the preparer, a reviewed voucher, a posted voucher and a reversal, each with its own code", async () => {
    const lines = [dr("5101", "5.00"), cr("1602", "5.00")];
    const v = await tx((t) => enterVoucher(t, unitacct, setId, { date: "2026-03-12", summary: "他人", lines }, TEST_NOW));
    expect(await codeOf(tx((t) => editVoucher(t, budget, v.id, { date: "2026-03-12", summary: "他人改", lines }, TEST_NOW)))).toBe("NOT_PREPARER");
    await tx((t) => reviewVoucher(t, budget, v.id, TEST_NOW));
    expect(await codeOf(tx((t) => editVoucher(t, unitacct, v.id, { date: "2026-03-12", summary: "审核后改", lines }, TEST_NOW)))).toBe("VOUCHER_REVIEWED");
    await tx((t) => postVoucher(t, budget, v.id, TEST_NOW));
    expect(await codeOf(tx((t) => editVoucher(t, unitacct, v.id, { date: "2026-03-12", summary: "记账后改", lines }, TEST_NOW)))).toBe("VOUCHER_POSTED");
    const red = await tx((t) => reverseVoucher(t, unitacct, v.id, {}, TEST_NOW));
    expect(await codeOf(tx((t) => editVoucher(t, unitacct, red.id, { date: "2026-03-12", summary: "改红字", lines }, TEST_NOW)))).toBe("VOUCHER_NOT_EDITABLE");
    expect(await codeOf(tx((t) => editVoucher(t, director2, v.id, { date: "2026-03-12", summary: "越权", lines }, TEST_NOW)))).toBe("OUT_OF_SCOPE");
    const [row] = await db.select().from(ledgerVoucher).where(eq(ledgerVoucher.id, v.id));
    expect(row).toMatchObject({ summary: "他人", status: "posted" });
    await tx((t) => discardVoucher(t, unitacct, red.id, TEST_NOW));
  });
});

describe("no sequence of commands changes a posted voucher (fast-check)", () => {
  it("leaves every posted voucher and line exactly as posted, and numbers gap-free", async () => {
    const set = await tx((t) => createAccountSet(t, budget, { regionCode: "329901101", code: "T-PROP", name: "性质测试", year: 2026 }, TEST_NOW));
    const snapshot = async () =>
      JSON.stringify(
        await db.execute(sql`select v.id, v.number, v.summary, v.status, l.line_no, l.account_code, l.debit_fen::text, l.credit_fen::text from ledger_voucher v join ledger_voucher_line l on l.voucher_id = v.id where v.set_id = ${set.id} and v.status = 'posted' order by v.id, l.line_no`).then((r) => (r as unknown as { rows: unknown[] }).rows),
      );
    const command = fc.oneof(
      fc.record({ kind: fc.constant("post" as const), month: fc.integer({ min: 6, max: 8 }), yuan: fc.integer({ min: 1, max: 99999 }) }),
      fc.record({ kind: fc.constantFrom("review" as const, "post-again" as const, "discard" as const, "reverse" as const, "edit" as const, "edit-other" as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant("close" as const), month: fc.integer({ min: 1, max: 8 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 6 }), async (commands) => {
        const ids = (await db.select({ id: ledgerVoucher.id }).from(ledgerVoucher).where(eq(ledgerVoucher.setId, set.id))).map((r) => r.id);
        const before = await snapshot();
        for (const c of commands) {
          const id = "pick" in c && ids.length ? ids[c.pick % ids.length]! : undefined;
          const attempt =
            c.kind === "post"
              ? tx(async (t) => {
                  const v = await enterVoucher(t, unitacct, set.id, { date: `2026-0${c.month}-10`, summary: "性质", lines: [dr("5001", `${c.yuan}.00`), cr("1602", `${c.yuan}.00`)] }, TEST_NOW);
                  await reviewVoucher(t, budget, v.id, TEST_NOW);
                  return postVoucher(t, budget, v.id, TEST_NOW);
                })
              : c.kind === "close"
                ? tx((t) => closeMonth(t, budget, set.id, 2026, c.month, TEST_NOW))
                : id === undefined
                  ? Promise.resolve()
                  : c.kind === "review"
                    ? tx((t) => reviewVoucher(t, budget, id, TEST_NOW))
                    : c.kind === "post-again"
                      ? tx((t) => postVoucher(t, budget, id, TEST_NOW))
                      : c.kind === "discard"
                        ? tx((t) => discardVoucher(t, unitacct, id, TEST_NOW))
                        : c.kind === "edit" || c.kind === "edit-other"
                          ? tx((t) => editVoucher(t, c.kind === "edit" ? unitacct : budget, id, { date: "2026-07-15", summary: "改", lines: [dr("5101", "1.00"), cr("1602", "1.00")] }, TEST_NOW))
                          : tx((t) => reverseVoucher(t, unitacct, id, {}, TEST_NOW));
          await attempt.catch(() => undefined);
        }
        const after = await snapshot();
        const kept = (JSON.parse(before) as { id: string; line_no: number }[]).map((r) => JSON.stringify(r));
        const now = new Set((JSON.parse(after) as unknown[]).map((r) => JSON.stringify(r)));
        for (const row of kept) expect(now.has(row)).toBe(true);
        const numbers = await db.execute(sql`select month, array_agg(number order by number) as n from ledger_voucher where set_id = ${set.id} and status = 'posted' group by month`);
        for (const r of (numbers as unknown as { rows: { n: number[] }[] }).rows) expect(r.n).toEqual(r.n.map((_, i) => i + 1));
      }),
      { numRuns: 15 },
    );
  });
});
