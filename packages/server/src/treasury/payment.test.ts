// Proves treasury payment end to end through the HTTP API on the demo data: a request reserves on
// its indicator, is reviewed by the unit and the finance office (never by the person who entered
// it), becomes a payment order with the amount in capitals, goes to the bank in an export file, and
// is settled (paid) or released (returned) by the bank's result file, with an outbox event in the
// same transaction; replayed keys and re-imported files change nothing; over-budget, over-quota,
// closed-year and invalid-payee requests are refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like, sql } from "drizzle-orm";
import { luhnValid } from "@xiangcai/shared";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { outboxEvent } from "../platform/outboxTables.ts";
import { paymentRequest } from "./tables.ts";
import { auditLog } from "../audit/index.ts";
import { budgetIndicator } from "../budget/index.ts";
import { demoPayeeCreditCode, activeUnit, QINGHE } from "../budget/testFixtures.ts";
import { TEST_TODAY, TEST_YEAR } from "../../test/clock.ts";

let t: TestApp;
let clerk: ApiClient;
let unitAccountant: ApiClient;
let budget: ApiClient;
let director: ApiClient;
let cashier: ApiClient;
let budget2: ApiClient;
const year = TEST_YEAR;
let keyCounter = 0;
const key = () => `test-key-${Date.now()}-${++keyCounter}`;
const organisation = (n: number) => ({ kind: "organisation", name: "青禾县测试商贸有限公司", creditCode: demoPayeeCreditCode(500 + n), account: "320100000000123", bank: "青禾农商行" });

function cardNumber(prefix: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${prefix}${d}`)) return `${prefix}${d}`;
  throw new Error("no Luhn digit");
}

async function post(client: ApiClient, url: string, body: unknown, idempotencyKey: string | null = key()) {
  return client.request("POST", url, body, idempotencyKey ? { "idempotency-key": idempotencyKey } : {});
}

async function newIndicator(amount: string, overrides: Record<string, unknown> = {}) {
  const unit = await activeUnit(t.database.db, QINGHE, "人民政府");
  const res = await post(budget, "/budget/indicators", { regionCode: QINGHE, fiscalYear: year, documentNo: "测财〔2026〕9号", source: "upperTransfer", budgetUnitId: unit.id, functionalCode: "2010301", economicCode: "30201", fundNature: "upperTransfer", paymentMethod: "direct", summary: "测试指标", amount, ...overrides });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; available: string };
}

async function enter(indicatorId: string, amount: string, extra: Record<string, unknown> = {}, who = clerk) {
  return post(who, "/treasury/payments", { indicatorId, payee: organisation(1), amount, purpose: "测试付款", method: "direct", ...extra });
}

async function act(client: ApiClient, flowInstanceId: string, action: string, expectedState: string, note?: string) {
  return client.post(`/flow/instances/${flowInstanceId}/transitions`, { action, expectedState, ...(note ? { note } : {}) });
}

async function approveFully(payment: { flowInstanceId: string; id: string }) {
  expect((await act(unitAccountant, payment.flowInstanceId, "approve", "unitReview")).status).toBe(200);
  expect((await act(budget, payment.flowInstanceId, "approve", "financeReview")).status).toBe(200);
  return (await clerk.get(`/treasury/payments/${payment.id}`)).body;
}

const available = async (id: string) => (await budget.get(`/budget/indicators/${id}`)).body;
const events = async (topic: string) => Number((await t.database.db.select({ n: sql<number>`count(*)` }).from(outboxEvent).where(eq(outboxEvent.topic, topic)))[0]!.n);

beforeAll(async () => {
  t = await startTestApp("demo");
  clerk = await loginAs(t.app, "unitclerk");
  unitAccountant = await loginAs(t.app, "unitacct");
  budget = await loginAs(t.app, "budget");
  director = await loginAs(t.app, "director");
  cashier = await loginAs(t.app, "cashier");
  budget2 = await loginAs(t.app, "budget2");
});
afterAll(async () => t.close());

describe("entering a payment request", () => {
  it("reserves the amount on the indicator and starts the review flow", async () => {
    const indicator = await newIndicator("1000.00");
    const res = await enter(indicator.id, "300.00");
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: "unitReview", amount: "300.00", amountInCapitals: "叁佰元整", payeeName: "青禾县测试商贸有限公司" });
    expect(await available(indicator.id)).toMatchObject({ issued: "1000.00", reserved: "300.00", available: "700.00" });
  });

  it("answers a replayed Idempotency-Key with the first result and reserves only once", async () => {
    const indicator = await newIndicator("1000.00");
    const k = key();
    const body = { indicatorId: indicator.id, payee: organisation(2), amount: "100.00", purpose: "重复提交测试", method: "direct", attachmentIds: [] };
    const entered = await events("treasury.paymentEntered");
    const first = await post(clerk, "/treasury/payments", body, k);
    const again = await post(clerk, "/treasury/payments", body, k);
    expect(again.status).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body.id).toBe(first.body.id);
    expect((await available(indicator.id)).reserved).toBe("100.00");
    expect(await events("treasury.paymentEntered")).toBe(entered + 1);
  });

  it("announces each payment entered (treasury.paymentEntered) with its amount and attachment count, and none for an entry refused", async () => {
    const indicator = await newIndicator("1000.00");
    const before = await events("treasury.paymentEntered");
    const res = await enter(indicator.id, "250.00");
    expect(res.status).toBe(201);
    const [event] = await t.database.db.select().from(outboxEvent).where(and(eq(outboxEvent.topic, "treasury.paymentEntered"), sql`${outboxEvent.payload}->>'paymentId' = ${res.body.id}`));
    expect(event).toMatchObject({ regionCode: QINGHE, payload: { paymentId: res.body.id, regionCode: QINGHE, indicatorId: indicator.id, amount: "250.00", payeeName: "青禾县测试商贸有限公司", attachmentCount: 0, enteredOn: TEST_TODAY } });
    expect((await enter(indicator.id, "750.01")).status).toBe(409);
    expect((await enter(indicator.id, "750.00")).status).toBe(201);
    expect(await events("treasury.paymentEntered")).toBe(before + 2);
  });

  it("refuses the same Idempotency-Key with a different body (409 IDEMPOTENCY_CONFLICT) and a missing key (400)", async () => {
    const indicator = await newIndicator("1000.00");
    const k = key();
    const body = { indicatorId: indicator.id, payee: organisation(3), amount: "100.00", purpose: "冲突测试", method: "direct", attachmentIds: [] };
    expect((await post(clerk, "/treasury/payments", body, k)).status).toBe(201);
    const conflict = await post(clerk, "/treasury/payments", { ...body, amount: "100.01" }, k);
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe("IDEMPOTENCY_CONFLICT");
    const missing = await post(clerk, "/treasury/payments", body, null);
    expect(missing.status).toBe(400);
    expect((await available(indicator.id)).reserved).toBe("100.00");
  });

  it("refuses an amount one fen above available and accepts exactly available", async () => {
    const indicator = await newIndicator("500.00");
    const over = await enter(indicator.id, "500.01");
    expect(over.status).toBe(409);
    expect(over.body.code).toBe("INSUFFICIENT_AVAILABLE");
    expect((await enter(indicator.id, "500.00")).status).toBe(201);
    expect((await available(indicator.id)).available).toBe("0.00");
  });

  it("refuses an invalid payee credit code, resident ID or bank card, and a method other than the indicator's", async () => {
    const indicator = await newIndicator("500.00");
    const badCode = await enter(indicator.id, "1.00", { payee: { ...organisation(4), creditCode: "91350100M000100Y44" } });
    expect(badCode.status).toBe(400);
    expect(badCode.body.errors[0].path).toBe("payee.creditCode");
    const badId = await enter(indicator.id, "1.00", { payee: { kind: "person", name: "张三", residentId: "110105194912310021", account: cardNumber("622202020000123456"), bank: "农行" } });
    expect(badId.body.errors.map((e: { path: string }) => e.path)).toEqual(["payee.residentId"]);
    const good = cardNumber("622202020000123456");
    const bad = `${good.slice(0, -1)}${(Number(good.slice(-1)) + 1) % 10}`;
    const badCard = await enter(indicator.id, "1.00", { payee: { kind: "person", name: "张三", residentId: "11010519491231002X", account: bad, bank: "农行" } });
    expect(badCard.body.errors.map((e: { path: string }) => e.path)).toEqual(["payee.account"]);
    const method = await enter(indicator.id, "1.00", { method: "authorised" });
    expect(method.body.code).toBe("METHOD_MISMATCH");
    expect((await available(indicator.id)).available).toBe("500.00");
  });

  it("stores a person's ID and card sealed, shows them masked, and writes the full card only into the bank file", async () => {
    const indicator = await newIndicator("500.00");
    const card = cardNumber("622202020000765432");
    const res = await enter(indicator.id, "20.00", { payee: { kind: "person", name: "李四", residentId: "11010519491231002X", account: card, bank: "青禾农商行" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ payeeIdMasked: "110105********002X", payeeAccount: `****${card.slice(-4)}` });
    const raw = ((await t.database.db.execute(sql`select payee_id_sealed, payee_account_sealed, payee_account from payment_request where id = ${res.body.id}`)) as unknown as { rows: Record<string, string | null>[] }).rows[0]!;
    expect(raw.payee_id_sealed).toMatch(/^v1\./);
    expect(raw.payee_account_sealed).not.toContain(card);
    expect(raw.payee_account).toBeNull();
    const approved = await approveFully(res.body);
    const batch = await post(cashier, "/treasury/bank-batches", { regionCode: QINGHE, paymentIds: [approved.id] });
    const file = await cashier.get(`/treasury/bank-batches/${batch.body.id}/file`);
    expect(file.body).toContain(card);
  });
});

describe("review, payment order, bank and result", () => {
  it("refuses the person who entered a payment its approval (SAME_PERSON), at the unit and at finance", async () => {
    const indicator = await newIndicator("500.00");
    const mine = await enter(indicator.id, "10.00", {}, unitAccountant);
    expect(mine.status).toBe(201);
    const same = await act(unitAccountant, mine.body.flowInstanceId, "approve", "unitReview");
    expect(same.status).toBe(409);
    expect(same.body.code).toBe("SAME_PERSON");
    const other = await enter(indicator.id, "10.00");
    expect((await act(clerk, other.body.flowInstanceId, "approve", "unitReview")).status).toBe(403);
  });

  it("issues a payment order with its number and amount in capitals once finance approves", async () => {
    const indicator = await newIndicator("20000.00");
    const entered = await enter(indicator.id, "16409.02");
    const approved = await approveFully(entered.body);
    expect(approved).toMatchObject({ status: "approved", amountInCapitals: "壹万陆仟肆佰零玖元零贰分" });
    expect(approved.orderNo).toMatch(new RegExp(`^PZ${year}101-\\d{6}$`));
  });

  it("settles on paid, releases on return, writes one outbox event each, and ignores the same file imported twice", async () => {
    const indicator = await newIndicator("10000.00");
    const a = await approveFully((await enter(indicator.id, "1200.00")).body);
    const b = await approveFully((await enter(indicator.id, "800.00")).body);
    const batch = await post(cashier, "/treasury/bank-batches", { regionCode: QINGHE, paymentIds: [a.id, b.id] });
    expect(batch.status).toBe(201);
    expect(batch.body).toMatchObject({ paymentCount: 2, total: "2000.00" });
    expect((await clerk.get(`/treasury/payments/${a.id}`)).body.status).toBe("sent");
    const paidBefore = await events("treasury.paymentPaid");
    const returnedBefore = await events("treasury.paymentReturned");
    const content = `支付凭证号,结果,金额,原因\n${a.orderNo},成功,1200.00,\n${b.orderNo},退票,800.00,户名不符\n`;
    const first = await post(cashier, "/treasury/bank-results", { regionCode: QINGHE, content });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ paid: 1, returned: 1, alreadyImported: false });
    expect(await available(indicator.id)).toMatchObject({ issued: "10000.00", reserved: "0.00", paid: "1200.00", available: "8800.00" });
    expect(await events("treasury.paymentPaid")).toBe(paidBefore + 1);
    expect(await events("treasury.paymentReturned")).toBe(returnedBefore + 1);
    const [paidEvent] = await t.database.db.select().from(outboxEvent).where(and(eq(outboxEvent.topic, "treasury.paymentPaid"), sql`${outboxEvent.payload}->>'paymentId' = ${a.id}`));
    expect(paidEvent!.payload).toMatchObject({ paymentId: a.id, regionCode: QINGHE, indicatorId: indicator.id, amount: "1200.00", method: "direct", functionalCode: "2010301", economicCode: "30201", fundNature: "upperTransfer", payeeName: "青禾县测试商贸有限公司", purpose: "测试付款" });
    // An upper transfer without a budget line is 项目支出, its document the project (budget/spending.ts).
    expect(paidEvent!.payload).toMatchObject({ expenditureKind: "project", projectId: null, project: "测财〔2026〕9号 测试指标" });
    const [returnedEvent] = await t.database.db.select().from(outboxEvent).where(and(eq(outboxEvent.topic, "treasury.paymentReturned"), sql`${outboxEvent.payload}->>'paymentId' = ${b.id}`));
    expect(returnedEvent!.payload).toMatchObject({ reason: "户名不符", amount: "800.00", expenditureKind: "project" });
    // The same file again, under a new key: nothing changes.
    const again = await post(cashier, "/treasury/bank-results", { regionCode: QINGHE, content });
    expect(again.body).toMatchObject({ paid: 1, returned: 1, alreadyImported: true });
    expect(await available(indicator.id)).toMatchObject({ paid: "1200.00", available: "8800.00" });
    expect(await events("treasury.paymentPaid")).toBe(paidBefore + 1);
    // A different file naming the same orders: the lines are ignored, not applied twice.
    const other = await post(cashier, "/treasury/bank-results", { regionCode: QINGHE, content: `${a.orderNo},成功\n` });
    expect(other.body).toMatchObject({ paid: 0, returned: 0 });
    expect(other.body.ignored).toHaveLength(1);
    expect((await clerk.get(`/treasury/payments/${b.id}`)).body).toMatchObject({ status: "returned", returnReason: "户名不符" });
  });

  it("moves the execution report by exactly the amount paid, and not by a return", async () => {
    const paidOf = async () => (await budget.get(`/budget/execution?fiscalYear=${year}&by=township`)).body.total.paid as string;
    const before = await paidOf();
    const indicator = await newIndicator("5000.00");
    const a = await approveFully((await enter(indicator.id, "1000.10")).body);
    const b = await approveFully((await enter(indicator.id, "999.90")).body);
    await post(cashier, "/treasury/bank-batches", { regionCode: QINGHE, paymentIds: [a.id, b.id] });
    await post(cashier, "/treasury/bank-results", { regionCode: QINGHE, content: `${a.orderNo},成功\n${b.orderNo},退票,,账户已销户\n` });
    const { parseYuan, formatYuan } = await import("@xiangcai/shared");
    expect(await paidOf()).toBe(formatYuan(parseYuan(before) + 1000_10n));
  });

  it("refuses a result file with a return that has no reason, and changes nothing", async () => {
    const res = await post(cashier, "/treasury/bank-results", { regionCode: QINGHE, content: "PZ0000,退票,,\n" });
    expect(res.status).toBe(400);
  });

  it("releases the reservation when a reviewer rejects the request", async () => {
    const indicator = await newIndicator("1000.00");
    const entered = await enter(indicator.id, "400.00");
    const rejected = await act(unitAccountant, entered.body.flowInstanceId, "reject", "unitReview", "发票不合规");
    expect(rejected.status).toBe(200);
    expect((await clerk.get(`/treasury/payments/${entered.body.id}`)).body.status).toBe("cancelled");
    expect(await available(indicator.id)).toMatchObject({ reserved: "0.00", available: "1000.00" });
  });

  it("refuses another township's user every payment of 青禾镇", async () => {
    const indicator = await newIndicator("100.00");
    const entered = await enter(indicator.id, "1.00");
    expect((await budget2.get(`/treasury/payments/${entered.body.id}`)).status).toBe(404);
    expect((await budget2.get("/treasury/payments?pageSize=100")).body.items.every((p: { regionCode: string }) => p.regionCode === "329901102")).toBe(true);
  });
});

describe("authorised payment quota", () => {
  it("accepts payments up to the month's quota of the indicator's kind exactly and refuses one fen more while the other kind has room", async () => {
    const unit = await activeUnit(t.database.db, QINGHE, "卫生院");
    // An upper transfer without a budget line is 项目支出 (budget/spending.ts).
    const project = await newIndicator("100000.00", { paymentMethod: "authorised", budgetUnitId: unit.id });
    // Without a line, money of 一般公共预算 that is no transfer is 基本支出 (made so here: the test needs no budget line).
    const basic = await newIndicator("100000.00", { paymentMethod: "authorised", budgetUnitId: unit.id, fundNature: "generalBudget" });
    await t.database.db.update(budgetIndicator).set({ source: "approvedBudget", originSource: "approvedBudget" }).where(eq(budgetIndicator.id, basic.id));
    const month = Number(TEST_TODAY.slice(5, 7));
    const setQuota = (expenditureKind: string | undefined, quota: string) => budget.post("/treasury/quotas", { regionCode: QINGHE, budgetUnitId: unit.id, fiscalYear: year, month, ...(expenditureKind ? { expenditureKind } : {}), fund: "generalBudget", quota });
    const none = await enter(project.id, "1.00", { method: "authorised" });
    expect(none.body).toMatchObject({ code: "QUOTA_EXCEEDED", detail: `该单位 ${year} 年 ${month} 月尚未下达一般公共预算项目支出授权支付额度。` });
    // The quota names its kind: a body without one is refused.
    expect((await setQuota(undefined, "1000.00")).status).toBe(400);
    expect((await setQuota("basic", "1000.00")).body).toMatchObject({ expenditureKind: "basic", quota: "1000.00" });
    // 基本支出's quota does not pay a 项目支出 payment.
    expect((await enter(project.id, "1.00", { method: "authorised" })).body.detail).toContain("尚未下达一般公共预算项目支出授权支付额度");
    expect((await setQuota("project", "1000.00")).body).toMatchObject({ expenditureKind: "project", quota: "1000.00", used: "0.00" });
    expect((await enter(project.id, "600.00", { method: "authorised" })).status).toBe(201);
    const over = await enter(project.id, "400.01", { method: "authorised" });
    expect(over.body).toMatchObject({ code: "QUOTA_EXCEEDED", detail: "本月一般公共预算项目支出授权支付额度不足：额度 1,000.00 元，已用 600.00 元。" });
    const last = await enter(project.id, "400.00", { method: "authorised" });
    expect(last.status).toBe(201);
    // 基本支出 still has all its room, to the fen.
    expect((await enter(basic.id, "1000.01", { method: "authorised" })).body.detail).toContain("本月一般公共预算基本支出授权支付额度不足");
    expect((await enter(basic.id, "1000.00", { method: "authorised" })).status).toBe(201);
    const listed = (await budget.get(`/treasury/quotas?budgetUnitId=${unit.id}`)).body.items;
    expect(listed.map((q: { expenditureKind: string; used: string; remaining: string }) => [q.expenditureKind, q.used, q.remaining])).toEqual([["basic", "1000.00", "0.00"], ["project", "1000.00", "0.00"]]);
    expect((await budget.get(`/treasury/quotas?budgetUnitId=${unit.id}&expenditureKind=project`)).body.items).toEqual([expect.objectContaining({ expenditureKind: "project", quota: "1000.00" })]);
    expect((await budget.get(`/treasury/quotas?expenditureKind=other`)).status).toBe(400);
    // A 项目支出 payment cancelled gives its amount back to 项目支出's quota only.
    await act(unitAccountant, last.body.flowInstanceId, "reject", "unitReview", "撤回");
    const after = (await budget.get(`/treasury/quotas?budgetUnitId=${unit.id}`)).body.items;
    expect(after.map((q: { expenditureKind: string; used: string }) => [q.expenditureKind, q.used])).toEqual([["basic", "1000.00"], ["project", "600.00"]]);
    expect((await setQuota("project", "599.99")).body.code).toBe("QUOTA_EXCEEDED");
    expect((await setQuota("project", "600.00")).status).toBe(200);
  });

  it("issues the quota per fund: a 政府性基金 payment draws on the 政府性基金 quota only, to the fen, and gives back to it", async () => {
    const unit = await activeUnit(t.database.db, QINGHE, "中心小学");
    const month = Number(TEST_TODAY.slice(5, 7));
    // 政府性基金 without a budget line: 项目支出 of fund 政府性基金; an upper transfer: 项目支出 of 一般公共预算.
    const fundIndicator = await newIndicator("100000.00", { paymentMethod: "authorised", budgetUnitId: unit.id, fundNature: "governmentFund" });
    const transfer = await newIndicator("100000.00", { paymentMethod: "authorised", budgetUnitId: unit.id });
    const setQuota = (fund: string | undefined, quota: string) => budget.post("/treasury/quotas", { regionCode: QINGHE, budgetUnitId: unit.id, fiscalYear: year, month, expenditureKind: "project", ...(fund ? { fund } : {}), quota });
    // The unit's 项目支出 quotas (the demo gave the school a 基本支出 one).
    const quotasOf = async (query = "") => (await budget.get(`/treasury/quotas?budgetUnitId=${unit.id}&expenditureKind=project${query}`)).body.items as { fund: string; fundName: string; used: string; remaining: string }[];
    const quotaSetEvents = async () => (await t.database.db.select().from(outboxEvent).where(and(eq(outboxEvent.topic, "treasury.quotaSet"), sql`${outboxEvent.payload}->>'budgetUnitId' = ${unit.id}`))).map((e) => e.payload);
    expect((await setQuota("generalBudget", "1000.00")).body).toMatchObject({ fund: "generalBudget", fundName: "一般公共预算", quota: "1000.00" });
    // 一般公共预算's quota does not pay a 政府性基金 payment.
    expect((await enter(fundIndicator.id, "1.00", { method: "authorised" })).body).toMatchObject({ code: "QUOTA_EXCEEDED", detail: `该单位 ${year} 年 ${month} 月尚未下达政府性基金项目支出授权支付额度。` });
    // A fund that is no appropriation fund, or none, is refused and writes nothing.
    const eventsBefore = await quotaSetEvents();
    const quotasBefore = await quotasOf();
    for (const fund of ["upperTransfer", "other", undefined]) {
      const refused = await setQuota(fund, "500.00");
      expect(refused, String(fund)).toMatchObject({ status: 400, body: { code: "VALIDATION_FAILED" } });
    }
    expect(await quotasOf()).toEqual(quotasBefore);
    expect(quotasBefore).toHaveLength(1);
    expect(await quotaSetEvents()).toEqual(eventsBefore);
    expect((await setQuota("governmentFund", "500.00")).body).toMatchObject({ fund: "governmentFund", fundName: "政府性基金", expenditureKind: "project", quota: "500.00", used: "0.00" });
    expect(await quotaSetEvents()).toContainEqual(expect.objectContaining({ fund: "governmentFund", expenditureKind: "project", before: "0.00", after: "500.00" }));
    // The audit names the fund in the entity id (一般公共预算's keeps the id it had) and in Chinese.
    const audited = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entityType, "paymentQuota"), like(auditLog.entityId, `${unit.id}/${year}-${month}/project%`)));
    expect(audited.map((a) => [a.entityId, (a.after as { fund: string }).fund]).sort()).toEqual([[`${unit.id}/${year}-${month}/project`, "一般公共预算"], [`${unit.id}/${year}-${month}/project/governmentFund`, "政府性基金"]]);
    expect((await enter(fundIndicator.id, "300.00", { method: "authorised" })).status).toBe(201);
    expect((await enter(fundIndicator.id, "200.01", { method: "authorised" })).body).toMatchObject({ code: "QUOTA_EXCEEDED", detail: "本月政府性基金项目支出授权支付额度不足：额度 500.00 元，已用 300.00 元。" });
    const exact = await enter(fundIndicator.id, "200.00", { method: "authorised" });
    expect(exact.status).toBe(201);
    const [row] = await t.database.db.select().from(paymentRequest).where(eq(paymentRequest.id, exact.body.id));
    expect(row).toMatchObject({ quotaMonth: month, quotaKind: "project", quotaFund: "governmentFund" });
    // 政府性基金's quota does not pay the 一般公共预算 payment either: its own quota still has all its room.
    expect((await enter(transfer.id, "1000.01", { method: "authorised" })).body.detail).toContain("本月一般公共预算项目支出授权支付额度不足");
    expect((await enter(transfer.id, "1000.00", { method: "authorised" })).status).toBe(201);
    expect((await quotasOf()).map((q) => [q.fund, q.used, q.remaining])).toEqual([["generalBudget", "1000.00", "0.00"], ["governmentFund", "500.00", "0.00"]]);
    // The fund filter, alone and with the unit's name; an unknown fund is refused.
    expect(await quotasOf("&fund=governmentFund")).toEqual([expect.objectContaining({ fund: "governmentFund", fundName: "政府性基金" })]);
    const byName = await budget.get(`/treasury/quotas?fund=governmentFund&unitName=${encodeURIComponent("中心小学")}`);
    expect(byName.body.items.map((q: { budgetUnitId: string; fund: string }) => [q.budgetUnitId, q.fund])).toEqual([[unit.id, "governmentFund"]]);
    expect(byName.body.total).toBe(1);
    expect((await budget.get(`/treasury/quotas?unitName=${encodeURIComponent("没有这个单位")}`)).body).toMatchObject({ items: [], total: 0 });
    // Another township's user searching the name finds none of 青禾镇's quotas.
    const other = await (await loginAs(t.app, "budget2")).get(`/treasury/quotas?unitName=${encodeURIComponent("中心小学")}`);
    expect(other.status).toBe(200);
    expect(other.body.items.filter((q: { regionCode: string }) => q.regionCode === QINGHE)).toEqual([]);
    expect((await budget.get(`/treasury/quotas?fund=upperTransfer`)).status).toBe(400);
    // The 政府性基金 payment cancelled gives its amount back to 政府性基金's quota only.
    await act(unitAccountant, exact.body.flowInstanceId, "reject", "unitReview", "撤回");
    expect((await quotasOf()).map((q) => [q.fund, q.used])).toEqual([["generalBudget", "1000.00"], ["governmentFund", "300.00"]]);
  });
});

describe("year end", () => {
  it("refuses closing a year with payments in flight, carries unspent money over, and then refuses payments against the closed year", async () => {
    const previous = year - 1;
    const indicator = await newIndicator("900.00", { fiscalYear: previous });
    const entered = await enter(indicator.id, "100.00");
    const inFlight = await post(budget, "/budget/year-end", { regionCode: QINGHE, fiscalYear: previous });
    expect(inFlight.body.code).toBe("PAYMENTS_IN_FLIGHT");
    await act(unitAccountant, entered.body.flowInstanceId, "reject", "unitReview", "撤回");
    const closed = await post(budget, "/budget/year-end", { regionCode: QINGHE, fiscalYear: previous });
    expect(closed.status).toBe(200);
    expect(closed.body.carriedOver).toMatchObject({ count: 1, amount: "900.00" });
    // The unit's direct-payment money carried over is announced for its ledger (财政应返还额度—财政直接支付).
    const announced = await t.database.db.select().from(outboxEvent).where(and(eq(outboxEvent.regionCode, QINGHE), eq(outboxEvent.topic, "budget.directPaymentCarriedOver")));
    expect(announced.map((e) => e.payload)).toContainEqual(expect.objectContaining({ fiscalYear: previous, amount: "900.00", indicatorCount: 1 }));
    const after = await enter(indicator.id, "1.00");
    expect(after.status).toBe(409);
    expect(after.body.code).toBe("YEAR_CLOSED");
    const carried = await budget.get(`/budget/indicators?fiscalYear=${year}&q=测试指标&pageSize=100`);
    const next = carried.body.items.find((i: { source: string; available: string }) => i.source === "carryOver");
    expect(next).toMatchObject({ available: "900.00", originYear: previous });
    const history = (await budget.get(`/budget/indicators/${indicator.id}`)).body.history.map((e: { kind: string }) => e.kind);
    expect(history.slice(-2)).toEqual(["carriedOut", "closed"]);
    expect((await post(budget, "/budget/year-end", { regionCode: QINGHE, fiscalYear: previous })).body.code).toBe("YEAR_CLOSED");
    // The closed year's authorised quota was cancelled at the year end: it cannot be set again; the open year's can.
    const unitId = (await activeUnit(t.database.db, QINGHE, "人民政府")).id;
    const oldQuota = await budget.post("/treasury/quotas", { regionCode: QINGHE, budgetUnitId: unitId, fiscalYear: previous, month: 12, expenditureKind: "basic", fund: "generalBudget", quota: "100.00" });
    expect(oldQuota).toMatchObject({ status: 409, body: { code: "YEAR_CLOSED" } });
    expect(oldQuota.body.detail).toContain("年终注销");
    expect((await budget.get(`/treasury/quotas?budgetUnitId=${unitId}&fiscalYear=${previous}`)).body.items.filter((q: { month: number }) => q.month === 12)).toEqual([]);
    expect((await budget.post("/treasury/quotas", { regionCode: QINGHE, budgetUnitId: unitId, fiscalYear: year, month: 1, expenditureKind: "basic", fund: "generalBudget", quota: "100.00" })).status).toBe(200);
    void director;
  });
});
