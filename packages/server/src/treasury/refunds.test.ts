// Proves refunds after paid (支付后退款): through the HTTP API a paid payment is refunded in part and
// then in full, each refund giving its amount back to the indicator (paid down, available up) and
// writing one outbox event `treasury.paymentRefunded` with the payment's fields; a replayed key
// answers the first refund; refunds of an unpaid or returned payment, over the refundable amount,
// of zero or less, and in a closed year are refused and change nothing. A property test runs random
// sequences of payments and refunds against the database and checks the indicator after every step.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { and, eq, sql } from "drizzle-orm";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import type { Db } from "../platform/db.ts";
import { DomainError } from "../platform/errors.ts";
import { outboxEvent } from "../platform/outboxTables.ts";
import { demoPayeeCreditCode, actorOf, activeUnit, QINGHE, transferIndicator } from "../budget/testFixtures.ts";
import { budgetIndicator, fiscalYearStatus, settleReservation } from "../budget/index.ts";
import { createPayment } from "./service.ts";
import { paymentRequest } from "./tables.ts";
import { refundPayment, refundRefusal } from "./refunds.ts";
import { TEST_NOW, TEST_TODAY, TEST_YEAR } from "../../test/clock.ts";

let t: TestApp;
let clerk: ApiClient;
let unitAccountant: ApiClient;
let budget: ApiClient;
let cashier: ApiClient;
const year = TEST_YEAR;
let n = 0;
const key = () => `refund-key-${Date.now()}-${++n}`;
const post = (client: ApiClient, url: string, body: unknown, k = key()) => client.request("POST", url, body, { "idempotency-key": k });
const refund = (paymentId: string, amount: string, k = key(), extra: Record<string, unknown> = {}) => post(cashier, `/treasury/payments/${paymentId}/refunds`, { amount, reason: "收款人多收退回", documentNo: "TK2026-001", ...extra }, k);
const indicatorOf = async (id: string) => (await budget.get(`/budget/indicators/${id}`)).body;
const refundEvents = async () => Number((await t.database.db.select({ n: sql<number>`count(*)` }).from(outboxEvent).where(eq(outboxEvent.topic, "treasury.paymentRefunded")))[0]!.n);

async function newIndicator(amount: string, fiscalYear = year, overrides: Record<string, unknown> = {}) {
  const unit = await activeUnit(t.database.db, QINGHE, "人民政府");
  const res = await post(budget, "/budget/indicators", { regionCode: QINGHE, fiscalYear, documentNo: "测财〔2026〕31号", source: "upperTransfer", budgetUnitId: unit.id, functionalCode: "2010301", economicCode: "30201", fundNature: "upperTransfer", paymentMethod: "direct", summary: "退款测试指标", amount, ...overrides });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function approved(indicatorId: string, amount: string, method: "direct" | "authorised" = "direct") {
  const payee = { kind: "organisation", name: "青禾县测试商贸有限公司", creditCode: demoPayeeCreditCode(800), account: "320100000000123", bank: "青禾农商行" };
  const entered = await post(clerk, "/treasury/payments", { indicatorId, payee, amount, purpose: "退款测试", method });
  expect(entered.status, JSON.stringify(entered.body)).toBe(201);
  const flow = entered.body.flowInstanceId as string;
  expect((await unitAccountant.post(`/flow/instances/${flow}/transitions`, { action: "approve", expectedState: "unitReview" })).status).toBe(200);
  expect((await budget.post(`/flow/instances/${flow}/transitions`, { action: "approve", expectedState: "financeReview" })).status).toBe(200);
  return (await clerk.get(`/treasury/payments/${entered.body.id}`)).body as { id: string; orderNo: string };
}

async function bank(lines: string) {
  const payments = [...lines.matchAll(/^(PZ[^,]+)/gm)].map((m) => m[1]);
  expect(payments.length).toBeGreaterThan(0);
  const sent = await post(cashier, "/treasury/bank-batches", { regionCode: QINGHE });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  const result = await post(cashier, "/treasury/bank-results", { regionCode: QINGHE, content: lines });
  expect(result.status, JSON.stringify(result.body)).toBe(200);
}

beforeAll(async () => {
  t = await startTestApp("demo");
  clerk = await loginAs(t.app, "unitclerk");
  unitAccountant = await loginAs(t.app, "unitacct");
  budget = await loginAs(t.app, "budget");
  cashier = await loginAs(t.app, "cashier");
});
afterAll(async () => t.close());

describe("refund after paid", () => {
  it("refunds in part, then the rest, giving the money back to the indicator with one outbox event each", async () => {
    const indicatorId = await newIndicator("5000.00");
    const p = await approved(indicatorId, "1200.00");
    await bank(`${p.orderNo},成功,1200.00,\n`);
    expect(await indicatorOf(indicatorId)).toMatchObject({ issued: "5000.00", reserved: "0.00", paid: "1200.00", available: "3800.00" });
    const before = await refundEvents();
    const k = key();
    const first = await refund(p.id, "200.50", k);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ paymentId: p.id, amount: "200.50", reason: "收款人多收退回", documentNo: "TK2026-001" });
    expect(await indicatorOf(indicatorId)).toMatchObject({ issued: "5000.00", reserved: "0.00", paid: "999.50", available: "4000.50" });
    // The same key and body again: the first refund's answer, nothing moves.
    const replay = await refund(p.id, "200.50", k);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.body.id).toBe(first.body.id);
    const conflict = await refund(p.id, "200.51", k);
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe("IDEMPOTENCY_CONFLICT");
    expect(await refundEvents()).toBe(before + 1);
    const [event] = await t.database.db.select().from(outboxEvent).where(and(eq(outboxEvent.topic, "treasury.paymentRefunded"), sql`${outboxEvent.payload}->>'refundId' = ${first.body.id}`));
    const [paidEvent] = await t.database.db.select().from(outboxEvent).where(and(eq(outboxEvent.topic, "treasury.paymentPaid"), sql`${outboxEvent.payload}->>'paymentId' = ${p.id}`));
    expect(event!.payload).toEqual({ ...(paidEvent!.payload as object), amount: "200.50", refundId: first.body.id, reason: "收款人多收退回", refundedAt: TEST_TODAY });
    expect((await clerk.get(`/treasury/payments/${p.id}`)).body).toMatchObject({ status: "paid", refunded: "200.50", refundable: "999.50" });
    // One fen over what is left is refused; exactly what is left is accepted.
    const over = await refund(p.id, "999.51");
    expect(over.status).toBe(409);
    expect(over.body.code).toBe("REFUND_EXCEEDED");
    expect(over.body.detail).toContain("999.50");
    const rest = await refund(p.id, "999.50");
    expect(rest.status).toBe(201);
    expect(await indicatorOf(indicatorId)).toMatchObject({ issued: "5000.00", paid: "0.00", available: "5000.00" });
    expect((await refund(p.id, "0.01")).body.code).toBe("REFUND_EXCEEDED");
    const list = await clerk.get(`/treasury/payments/${p.id}/refunds`);
    expect(list.body.items.map((r: { amount: string }) => r.amount)).toEqual(["200.50", "999.50"]);
    expect(await refundEvents()).toBe(before + 2);
  });

  it("refuses a refund of an unpaid or returned payment, of zero or less, or without reason, and changes nothing", async () => {
    const indicatorId = await newIndicator("3000.00");
    const waiting = await approved(indicatorId, "100.00");
    const notPaid = await refund(waiting.id, "1.00");
    expect(notPaid.status).toBe(409);
    expect(notPaid.body.code).toBe("REFUND_NOT_PAID");
    const returned = await approved(indicatorId, "50.00");
    await bank(`${waiting.orderNo},成功,100.00,\n${returned.orderNo},退票,50.00,户名不符\n`);
    expect((await refund(returned.id, "1.00")).body.code).toBe("REFUND_NOT_PAID");
    const balance = await indicatorOf(indicatorId);
    for (const amount of ["0", "0.00", "-1.00", "1.001", "abc"]) {
      const res = await refund(waiting.id, amount);
      expect(res.status, amount).toBe(400);
      expect(res.body.code).toBe("VALIDATION_FAILED");
    }
    expect((await refund(waiting.id, "1.00", key(), { reason: "" })).status).toBe(400);
    expect((await refund(waiting.id, "1.00", key(), { documentNo: " " })).status).toBe(400);
    expect(await indicatorOf(indicatorId)).toEqual(balance);
  });

  it("refuses a refund in a closed year", async () => {
    const previous = year - 1;
    const indicatorId = await newIndicator("1000.00", previous);
    const p = await approved(indicatorId, "300.00");
    await bank(`${p.orderNo},成功,300.00,\n`);
    await t.database.db.insert(fiscalYearStatus).values({ regionCode: QINGHE, fiscalYear: previous, status: "closed", closedAt: TEST_NOW }).onConflictDoUpdate({ target: [fiscalYearStatus.regionCode, fiscalYearStatus.fiscalYear], set: { status: "closed" } });
    try {
      const res = await refund(p.id, "100.00");
      expect(res.status).toBe(409);
      expect(res.body.code).toBe("YEAR_CLOSED");
      expect(await indicatorOf(indicatorId)).toMatchObject({ paid: "300.00", available: "700.00" });
    } finally {
      await t.database.db.update(fiscalYearStatus).set({ status: "open" }).where(and(eq(fiscalYearStatus.regionCode, QINGHE), eq(fiscalYearStatus.fiscalYear, previous)));
    }
  });

  it("gives a refunded authorised payment's amount back to the month's quota of the kind it used, to the fen", async () => {
    const unit = await activeUnit(t.database.db, QINGHE, "卫生院");
    // An upper transfer without a budget line: 项目支出, paid from the 项目支出 quota.
    const indicatorId = await newIndicator("5000.00", year, { paymentMethod: "authorised", budgetUnitId: unit.id });
    const month = Number(TEST_TODAY.slice(5, 7));
    for (const expenditureKind of ["basic", "project"]) {
      expect((await budget.post("/treasury/quotas", { regionCode: QINGHE, budgetUnitId: unit.id, fiscalYear: year, month, expenditureKind, fund: "generalBudget", quota: "1000.00" })).status).toBe(200);
    }
    const p = await approved(indicatorId, "1000.00", "authorised");
    await bank(`${p.orderNo},成功,1000.00,\n`);
    const [row] = await t.database.db.select().from(paymentRequest).where(eq(paymentRequest.id, p.id));
    expect(row).toMatchObject({ quotaMonth: month, quotaKind: "project", quotaFund: "generalBudget" });
    const quotasOf = async () => (await budget.get(`/treasury/quotas?budgetUnitId=${unit.id}`)).body.items as { expenditureKind: string; used: string }[];
    const quotaOf = async () => (await quotasOf()).find((q) => q.expenditureKind === "project");
    expect(await quotaOf()).toMatchObject({ used: "1000.00", remaining: "0.00" });
    expect((await refund(p.id, "0.01")).status).toBe(201);
    expect(await quotaOf()).toMatchObject({ used: "999.99", remaining: "0.01" });
    expect((await refund(p.id, "999.99")).status).toBe(201);
    expect(await quotaOf()).toMatchObject({ used: "0.00", remaining: "1000.00" });
    expect((await refund(p.id, "0.01")).body.code).toBe("REFUND_EXCEEDED");
    expect(await quotaOf()).toMatchObject({ used: "0.00" });
    // 基本支出's quota of the month was never touched.
    expect((await quotasOf()).find((q) => q.expenditureKind === "basic")).toMatchObject({ used: "0.00", remaining: "1000.00" });
  });

  it("gives a refunded or returned 政府性基金 payment's amount back to the 政府性基金 quota it used, not to 一般公共预算's", async () => {
    const unit = await activeUnit(t.database.db, QINGHE, "中心小学");
    // 政府性基金 without a budget line: 项目支出 of fund 政府性基金.
    const indicatorId = await newIndicator("5000.00", year, { paymentMethod: "authorised", budgetUnitId: unit.id, fundNature: "governmentFund" });
    const month = Number(TEST_TODAY.slice(5, 7));
    for (const [fund, quota] of [["generalBudget", "1000.00"], ["governmentFund", "1500.00"]]) {
      expect((await budget.post("/treasury/quotas", { regionCode: QINGHE, budgetUnitId: unit.id, fiscalYear: year, month, expenditureKind: "project", fund, quota })).status).toBe(200);
    }
    const paid = await approved(indicatorId, "1000.00", "authorised");
    const returned = await approved(indicatorId, "500.00", "authorised");
    const quotasOf = async () =>
      ((await budget.get(`/treasury/quotas?budgetUnitId=${unit.id}&expenditureKind=project`)).body.items as { fund: string; used: string }[]).map((q) => [q.fund, q.used]);
    expect(await quotasOf()).toEqual([["generalBudget", "0.00"], ["governmentFund", "1500.00"]]);
    await bank(`${paid.orderNo},成功,1000.00,\n${returned.orderNo},退票,500.00,收款人账号与户名不符\n`);
    // The return gave its 500 back to 政府性基金's quota.
    expect(await quotasOf()).toEqual([["generalBudget", "0.00"], ["governmentFund", "1000.00"]]);
    const [row] = await t.database.db.select().from(paymentRequest).where(eq(paymentRequest.id, paid.id));
    expect(row).toMatchObject({ quotaKind: "project", quotaFund: "governmentFund" });
    expect((await refund(paid.id, "0.01")).status).toBe(201);
    expect(await quotasOf()).toEqual([["generalBudget", "0.00"], ["governmentFund", "999.99"]]);
  });

  it("refuses a refund from outside the payment's township", async () => {
    const budget2 = await loginAs(t.app, "budget2");
    const indicatorId = await newIndicator("100.00");
    const p = await approved(indicatorId, "10.00");
    const res = await post(budget2, `/treasury/payments/${p.id}/refunds`, { amount: "1.00", reason: "越权退款", documentNo: "X" });
    expect([403, 404]).toContain(res.status);
  });
});

describe("refundRefusal", () => {
  it("allows exactly the refundable amount and refuses one fen more, zero, and an unpaid payment", () => {
    expect(refundRefusal("paid", 1000n, 300n, 700n)).toBeNull();
    expect(refundRefusal("paid", 1000n, 300n, 701n)).toBe("REFUND_EXCEEDED");
    expect(refundRefusal("paid", 1000n, 0n, 0n)).toBe("AMOUNT_INVALID");
    expect(refundRefusal("paid", 1000n, 0n, -1n)).toBe("AMOUNT_INVALID");
    expect(refundRefusal("sent", 1000n, 0n, 1n)).toBe("REFUND_NOT_PAID");
    expect(refundRefusal("returned", 1000n, 0n, 1n)).toBe("REFUND_NOT_PAID");
  });
});

describe("any sequence of payments and refunds", () => {
  type Step = { kind: "pay"; amountFen: bigint } | { kind: "refund"; pick: number; amountFen: bigint };
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant("pay" as const), amountFen: fc.bigInt(1n, 40_000n) }),
    fc.record({ kind: fc.constant("refund" as const), pick: fc.nat(20), amountFen: fc.bigInt(-10n, 30_000n) }),
  );

  it("keeps issued = reserved + paid + available, none negative, and paid = payments less refunds", async () => {
    const db = t.database.db;
    const clerkActor = await actorOf(db, "unitclerk");
    const cashierActor = await actorOf(db, "cashier");
    const budgetActor = await actorOf(db, "budget");
    const inTx = <T>(fn: (tx: Db) => Promise<T>) => db.transaction((tx) => fn(tx as unknown as Db));
    const attempt = async (p: Promise<unknown>) => {
      try {
        await p;
        return "OK";
      } catch (error) {
        if (error instanceof DomainError) return error.code;
        throw error;
      }
    };
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
        const indicator = await inTx((tx) => transferIndicator(tx, budgetActor, 100_000n, { fiscalYear: year }));
        const paid: { id: string; amountFen: bigint; refundedFen: bigint }[] = [];
        for (const s of steps) {
          const before = (await db.select().from(budgetIndicator).where(eq(budgetIndicator.id, indicator.id)))[0]!;
          if (s.kind === "pay") {
            const outcome = await attempt(
              inTx(async (tx) => {
                const p = await createPayment(tx, clerkActor, null, { indicatorId: indicator.id, payee: { kind: "organisation", name: "青禾县测试商贸有限公司", creditCode: demoPayeeCreditCode(801), account: "320100000000123", bank: "青禾农商行" }, amountFen: s.amountFen, purpose: "性质测试", method: "direct" }, TEST_NOW);
                const [row] = await tx.select().from(paymentRequest).where(eq(paymentRequest.id, p.id));
                await settleReservation(tx, budgetActor, { regionCode: QINGHE, reservationId: row!.reservationId, amountFen: s.amountFen }, TEST_NOW);
                await tx.update(paymentRequest).set({ status: "paid", paidAt: TEST_NOW }).where(eq(paymentRequest.id, p.id));
                paid.push({ id: p.id, amountFen: s.amountFen, refundedFen: 0n });
              }),
            );
            expect(outcome === "OK" || (outcome === "INSUFFICIENT_AVAILABLE" && s.amountFen > before.availableFen), outcome).toBe(true);
          } else if (paid.length > 0) {
            const target = paid[s.pick % paid.length]!;
            const outcome = await attempt(inTx((tx) => refundPayment(tx, cashierActor, target.id, { amountFen: s.amountFen, reason: "性质测试", documentNo: "P-1" }, TEST_NOW)));
            const expected = refundRefusal("paid", target.amountFen, target.refundedFen, s.amountFen);
            expect(outcome).toBe(expected === null ? "OK" : expected === "AMOUNT_INVALID" ? "VALIDATION_FAILED" : expected);
            if (outcome === "OK") target.refundedFen += s.amountFen;
          }
          const after = (await db.select().from(budgetIndicator).where(eq(budgetIndicator.id, indicator.id)))[0]!;
          expect(after.reservedFen + after.paidFen + after.availableFen).toBe(after.issuedFen);
          expect(after.issuedFen).toBe(100_000n);
          for (const v of [after.reservedFen, after.paidFen, after.availableFen]) expect(v >= 0n).toBe(true);
          expect(after.paidFen).toBe(paid.reduce((sum, p) => sum + p.amountFen - p.refundedFen, 0n));
        }
      }),
      { numRuns: 12 },
    );
  });
});
