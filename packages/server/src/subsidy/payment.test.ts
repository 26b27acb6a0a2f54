// Proves a roster's whole way through the real HTTP app: village review, township review (errors
// block, warnings need a note), the public notice (objections, no moving on before it ends),
// district review reserving the total on an indicator, the bank file, bank results (settling,
// publishing subsidy.linesPaid once, the same file twice changing nothing), re-payment of a failed
// line after a card correction, the database refusing a second payment of a line, recoveries,
// and the residents' public query (no enumeration, rate-limited).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { startTestApp, type TestApp } from "../../test/http.ts";
import { failureOf } from "../../test/db.ts";
import type { Db } from "../platform/db.ts";
import { outboxEvent } from "../platform/outboxTables.ts";
import { transition } from "../flow/index.ts";
import { indicatorAvailability } from "../budget/index.ts";
import { generatedCard, generatedResidentId } from "./fixtures.ts";
import { actorNamed, fundedIndicator, ROSTER_HEADER, session, xlsx, type Session } from "./testKit.ts";
import { subsidyBankResult, subsidyLinePayment } from "./tables.ts";
import { chinaDate } from "../platform/workingDays.ts";

let t: TestApp;
let village: Session;
let clerk: Session;
let director: Session;
let supervisor: Session;
let cashier: Session;
let rosterId = "";
let instanceId = "";
let indicatorId = "";
const id = (n: number) => generatedResidentId("19580715", 200 + n);
const card = (n: number) => generatedCard(7000 + n);
const line = (n: number, name: string, qty: string, amount: string) => [String(n), name, id(n), card(n), "青禾农商行", "东风村", qty, "105.50", amount, ""];

beforeAll(async () => {
  t = await startTestApp("demo");
  village = await session(t.app, "village");
  clerk = await session(t.app, "subsidy");
  director = await session(t.app, "director");
  supervisor = await session(t.app, "supervisor");
  cashier = await session(t.app, "cashier");
  // 赵六 is a village cadre: a warning that needs the reviewer's note.
  await clerk.upload("/subsidy/reference-lists/cadre/import", await xlsx([["姓名", "身份证号"], ["赵六", id(4)]]));
  indicatorId = await fundedIndicator(t.database.db, 10_000_000n);
});
afterAll(async () => t.close());

const move = async (who: Session, action: string, expectedState: string, note?: string) =>
  who.request("POST", `/subsidy/rosters/${rosterId}/transitions`, { action, expectedState, ...(note ? { note } : {}) });
/** The roster's subsidy.rosterSubmitted events, oldest first. */
const submittedEvents = async () =>
  (await t.database.db.select().from(outboxEvent).where(and(eq(outboxEvent.topic, "subsidy.rosterSubmitted"), sql`${outboxEvent.payload}->>'rosterId' = ${rosterId}`)).orderBy(outboxEvent.createdAt, outboxEvent.id)).map((e) => e.payload);

describe("a roster through review and public notice", () => {
  it("lets the village import, then refuses township approval while errors remain", async () => {
    const res = await village.upload("/subsidy/rosters/import?itemCode=GDDLBH&period=2026", await xlsx([ROSTER_HEADER, line(1, "张三", "10", "1055.00"), line(2, "", "5", "527.50")]));
    expect(res.status).toBe(201);
    rosterId = res.body.roster.id;
    instanceId = res.body.roster.flowInstanceId;
    expect(await submittedEvents()).toEqual([]);
    expect((await move(village, "submit", "draft")).status).toBe(200);
    expect(await submittedEvents()).toEqual([{ rosterId, regionCode: "329901101", villageCode: res.body.roster.villageCode, itemCode: "GDDLBH", period: "2026", lineCount: 2, amount: "1582.50", submittedOn: chinaDate(t.app.clock.now()) }]);
    expect((await move(village, "villageApprove", "villageReview")).status).toBe(200);
    const blocked = await move(clerk, "townshipApprove", "townshipReview");
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe("ROSTER_HAS_ERRORS");
    expect((await move(clerk, "townshipReturn", "townshipReview", "第3行姓名为空，请补正")).status).toBe(200);
  });

  it("takes a corrected file while with the village, and needs a note on every warning before township approval", async () => {
    const fixed = await village.upload(
      `/subsidy/rosters/${rosterId}/file?sourceName=fixed.xlsx`,
      await xlsx([ROSTER_HEADER, line(1, "张三", "10", "1055.00"), line(2, "李四", "5", "527.50"), line(3, "王五", "2", "211.00"), line(4, "赵六", "1", "105.50"), line(5, "孙七", "3", "316.50")]),
    );
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect(fixed.body.roster).toMatchObject({ errorCount: 0, warningCount: 1, lineCount: 5, total: "2215.50" });
    await move(village, "submit", "draft");
    // Submitted again after the return: announced again, with the corrected roster's figures.
    expect((await submittedEvents()).map((e) => [(e as { lineCount: number }).lineCount, (e as { amount: string }).amount])).toEqual([[2, "1582.50"], [5, "2215.50"]]);
    await move(village, "villageApprove", "villageReview");
    const unnoted = await move(clerk, "townshipApprove", "townshipReview");
    expect(unnoted.body.code).toBe("REVIEW_NOTE_MISSING");
    expect(unnoted.body.detail).toContain("第 5 行");
    expect((await clerk.request("POST", `/subsidy/rosters/${rosterId}/lines/5/note`, { note: "村干部，经核实确有承包地" })).status).toBe(204);
    const approved = await move(clerk, "townshipApprove", "townshipReview");
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const roster = (await clerk.request("GET", `/subsidy/rosters/${rosterId}`)).body;
    expect(roster.status).toBe("notice");
    expect(await submittedEvents()).toHaveLength(2);
    const days = (Date.parse(roster.noticeEndsOn) - Date.parse(roster.noticeStartsOn)) / 86_400_000;
    expect(days).toBe(6);
  });

  it("prints the notice with masked IDs and how to object", async () => {
    const notice = (await village.request("GET", `/subsidy/rosters/${rosterId}/notice`)).body;
    expect(notice.lines).toHaveLength(5);
    expect(notice.lines[0]).toMatchObject({ name: "张三", residentIdMasked: `${id(1).slice(0, 6)}********${id(1).slice(-4)}`, amount: "1055.00" });
    expect(JSON.stringify(notice)).not.toContain(id(1));
    expect(notice.howToObject).toContain("异议");
  });

  it("records an objection, and the roster cannot move on before the notice period ends", async () => {
    const objection = await village.request("POST", `/subsidy/rosters/${rosterId}/objections`, { lineNo: 4, raisedBy: "村民钱某", reason: "王五家承包地已流转，面积有误" });
    expect(objection.status).toBe(201);
    const early = await move(clerk, "endNotice", "notice");
    expect(early.body.code).toBe("NOTICE_NOT_OVER");
    // Eight days later the period is over.
    const later = new Date(t.app.clock.now().getTime() + 8 * 86_400_000);
    await t.database.db.transaction(async (tx) => transition(tx as unknown as Db, await actorNamed(tx as unknown as Db, "subsidy"), { instanceId, action: "endNotice", expectedState: "notice" }, later));
    expect((await clerk.request("GET", `/subsidy/rosters/${rosterId}`)).body.status).toBe("districtReview");
  });

  it("reserves the roster's total on the indicator at district approval, and needs the indicator first", async () => {
    const missing = await move(supervisor, "districtApprove", "districtReview");
    expect(missing.body.code).toBe("INDICATOR_MISSING");
    expect((await clerk.request("POST", `/subsidy/rosters/${rosterId}/indicator`, { indicatorId })).status).toBe(200);
    const before = await indicatorAvailability(t.database.db, "329901101", indicatorId);
    expect((await move(supervisor, "districtApprove", "districtReview")).status).toBe(200);
    const after = await indicatorAvailability(t.database.db, "329901101", indicatorId);
    expect(before.availableFen - after.availableFen).toBe(221_550n);
    expect(after.reservedFen - before.reservedFen).toBe(221_550n);
  });
});

let firstBatch = "";
let referenceOf: Record<string, string> = {};

async function bankResultFile(rows: string[][]): Promise<Buffer> {
  return xlsx([["参考号", "户名", "处理结果", "失败原因", "入账日期"], ...rows]);
}

describe("payment", () => {
  it("holds back the line with an open objection and exports the bank file with one reference per line", async () => {
    const created = await cashier.request("POST", `/subsidy/rosters/${rosterId}/batches`, { bankCode: "RCB", kind: "first" }, { "idempotency-key": "batch-first-0001" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ lineCount: 4, total: "2004.50", pendingCount: 4 });
    firstBatch = created.body.id;
    const again = await cashier.request("POST", `/subsidy/rosters/${rosterId}/batches`, { bankCode: "RCB", kind: "first" }, { "idempotency-key": "batch-first-0001" });
    expect(again.body.id).toBe(firstBatch);
    const file = await cashier.request("GET", `/subsidy/batches/${firstBatch}/file`);
    expect(file.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.raw as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1).map(String));
    expect(rows[0]).toEqual(["参考号", "户名", "账号", "金额", "摘要"]);
    expect(rows.slice(1).map((r) => r[1])).toEqual(["张三", "李四", "赵六", "孙七"]);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(4);
    expect(rows[1]![2]).toBe(card(1));
    referenceOf = Object.fromEntries(rows.slice(1).map((r) => [r[1]!, r[0]!]));
    expect(rows.slice(1).reduce((s, r) => s + BigInt(r[3]!.replace(".", "")), 0n)).toBe(200_450n);
  });

  it("settles paid lines, lists the failed one for re-payment, and publishes subsidy.linesPaid once", async () => {
    const result = await bankResultFile([
      [referenceOf["张三"]!, "张三", "成功", "", "2026-03-20"],
      [referenceOf["李四"]!, "李四", "失败", "账户已销户", ""],
      [referenceOf["赵六"]!, "赵六", "成功", "", "2026-03-20"],
      [referenceOf["孙七"]!, "孙七", "成功", "", "2026-03-20"],
    ]);
    const before = await indicatorAvailability(t.database.db, "329901101", indicatorId);
    const res = await cashier.upload(`/subsidy/batches/${firstBatch}/result`, result, { "idempotency-key": "result-0001" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ newlyPaid: 3, newlyFailed: 1, alreadyKnown: 0, paidAmount: "1477.00" });
    const after = await indicatorAvailability(t.database.db, "329901101", indicatorId);
    expect(after.paidFen - before.paidFen).toBe(147_700n);
    const events = (await t.database.db.select().from(outboxEvent).where(eq(outboxEvent.topic, "subsidy.linesPaid"))).filter((e) => (e.payload as { batchId: string }).batchId === firstBatch);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ batchId: firstBatch, regionCode: "329901101", itemCode: "GDDLBH", itemName: "耕地地力保护补贴", indicatorId, amount: "1477.00", lineCount: 3, paidAt: "2026-03-20", functionalCode: "213", economicCode: "303" });
    const repay = await clerk.request("GET", "/subsidy/repayments?pageSize=100");
    expect(repay.body.items.filter((l: { rosterId: string }) => l.rosterId === rosterId).map((l: { name: string; failReason: string }) => [l.name, l.failReason])).toEqual([["李四", "账户已销户"]]);

    // The same result file again, under another key: nothing changes.
    const counts = async () => [(await t.database.db.select({ n: sql<bigint>`count(*)` }).from(subsidyBankResult))[0]!.n, (await t.database.db.select({ n: sql<bigint>`count(*)` }).from(subsidyLinePayment))[0]!.n];
    const snapshot = await counts();
    const twice = await cashier.upload(`/subsidy/batches/${firstBatch}/result`, result, { "idempotency-key": "result-0002" });
    expect(twice.body).toMatchObject({ newlyPaid: 0, newlyFailed: 0, alreadyKnown: 4, paidAmount: "0.00" });
    expect(await counts()).toEqual(snapshot);
    expect((await t.database.db.select().from(outboxEvent).where(eq(outboxEvent.topic, "subsidy.linesPaid"))).filter((e) => (e.payload as { batchId: string }).batchId === firstBatch)).toHaveLength(1);
    expect((await indicatorAvailability(t.database.db, "329901101", indicatorId)).paidFen).toBe(after.paidFen);
  });

  it("refuses a result file with a reference that is not in the batch, importing none of it", async () => {
    const res = await cashier.upload(`/subsidy/batches/${firstBatch}/result`, await bankResultFile([["NOPE000001", "某", "成功", "", ""]]), { "idempotency-key": "result-0003" });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("BANK_RESULT_UNKNOWN_REFERENCE");
  });

  it("pays the failed line again after the card is corrected, against the same reservation", async () => {
    const corrected = await cashier.request("POST", `/subsidy/rosters/${rosterId}/lines/3/card`, { card: card(82), bankName: "邮储银行" });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body).toMatchObject({ cardMasked: `****${card(82).slice(-4)}`, status: "failed" });
    const batch = await cashier.request("POST", `/subsidy/rosters/${rosterId}/batches`, { bankCode: "PSBC", kind: "repayment" }, { "idempotency-key": "batch-repay-0001" });
    expect(batch.body).toMatchObject({ kind: "repayment", lineCount: 1, total: "527.50" });
    const file = await cashier.request("GET", `/subsidy/batches/${batch.body.id}/file`);
    expect(String(file.headers["content-type"])).toContain("text/csv");
    const csv = file.raw.toString("utf8");
    expect(csv).toContain(card(82));
    const ref = /(?<![0-9])([0-9]{27})(?![0-9])/.exec(csv)![1]!;
    const result = Buffer.from(`流水号,状态,说明,日期\r\n${ref},成功,,20260401\r\n`, "utf8");
    const paid = await cashier.upload(`/subsidy/batches/${batch.body.id}/result?format=csv`, result, { "idempotency-key": "result-repay-1", "content-type": "text/csv" });
    expect(paid.body).toMatchObject({ newlyPaid: 1, paidAmount: "527.50" });
    expect((await clerk.request("GET", "/subsidy/repayments?pageSize=100")).body.items.filter((l: { rosterId: string }) => l.rosterId === rosterId)).toEqual([]);
  });

  it("cannot record a second payment of a line: the database refuses it", async () => {
    const [paid] = await t.database.db.select().from(subsidyLinePayment).where(and(eq(subsidyLinePayment.rosterId, rosterId), eq(subsidyLinePayment.lineNo, 3)));
    const message = await failureOf(t.database.db.insert(subsidyLinePayment).values({ ...paid!, referenceNo: "ANOTHER-REF-1" }));
    expect(message).toMatch(/duplicate key|unique/i);
    expect(await failureOf(t.database.db.update(subsidyLinePayment).set({ amountFen: 1n }).where(eq(subsidyLinePayment.rosterId, rosterId)))).toMatch(/append-only/);
  });

  it("records a wrong payment for recovery, only for a paid line and within its amount", async () => {
    expect((await cashier.request("POST", `/subsidy/rosters/${rosterId}/recoveries`, { lineNo: 2, amount: "1055.01", reason: "面积多报" })).status).toBe(400);
    const res = await cashier.request("POST", `/subsidy/rosters/${rosterId}/recoveries`, { lineNo: 2, amount: "105.50", reason: "面积多报 1 亩" });
    expect(res.status).toBe(201);
    expect((await clerk.request("GET", "/subsidy/recoveries")).body.items[0]).toMatchObject({ name: "张三", amount: "105.50", recoveredOn: null });
  });

  it("records the recovered money once, publishing subsidy.linesRecovered in the same transaction", async () => {
    const recovery = (await clerk.request("GET", "/subsidy/recoveries")).body.items[0];
    const recovered = async () => (await t.database.db.select().from(outboxEvent).where(eq(outboxEvent.topic, "subsidy.linesRecovered"))).filter((e) => (e.payload as { recoveryId: string }).recoveryId === recovery.id);
    const today = chinaDate(t.app.clock.now());
    const tomorrow = chinaDate(new Date(t.app.clock.now().getTime() + 86_400_000));
    for (const recoveredOn of [tomorrow, "2020-01-01"]) {
      const refused = await cashier.request("POST", `/subsidy/recoveries/${recovery.id}/receipt`, { recoveredOn }, { "idempotency-key": `receipt-bad-${recoveredOn}` });
      expect(refused.body).toMatchObject({ status: 400, code: "VALIDATION_FAILED", errors: [{ path: "recoveredOn" }] });
    }
    expect((await village.request("POST", `/subsidy/recoveries/${recovery.id}/receipt`, { recoveredOn: today })).status).toBe(403);
    expect(await recovered()).toHaveLength(0);
    const res = await cashier.request("POST", `/subsidy/recoveries/${recovery.id}/receipt`, { recoveredOn: today, note: "本人退回" }, { "idempotency-key": "receipt-0001" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toEqual({ recoveryId: recovery.id, amount: "105.50", recoveredOn: today });
    const events = await recovered();
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ recoveryId: recovery.id, regionCode: "329901101", itemCode: "GDDLBH", amount: "105.50", recoveredAt: today, itemName: "耕地地力保护补贴", indicatorId, functionalCode: "213", economicCode: "303", rosterId, lineNo: 2 });
    // The same request again (same key) answers the same; a new request is refused; one event in all.
    expect((await cashier.request("POST", `/subsidy/recoveries/${recovery.id}/receipt`, { recoveredOn: today, note: "本人退回" }, { "idempotency-key": "receipt-0001" })).body).toEqual(res.body);
    expect((await cashier.request("POST", `/subsidy/recoveries/${recovery.id}/receipt`, { recoveredOn: today }, { "idempotency-key": "receipt-0002" })).body).toMatchObject({ status: 409, code: "NOT_EDITABLE" });
    expect(await recovered()).toHaveLength(1);
    expect((await clerk.request("GET", "/subsidy/recoveries")).body.items[0]).toMatchObject({ id: recovery.id, recoveredOn: today });
  });

  it("resolves the objection (upheld withdraws the entry) and closes the roster, releasing what was not paid", async () => {
    const list = (await clerk.request("GET", `/subsidy/rosters/${rosterId}/objections`)).body;
    const resolved = await director.request("POST", `/subsidy/objections/${list[0].id}/resolve`, { outcome: "upheld", note: "经核实，承包地已流转，本期不予发放" });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const closed = await move(cashier, "close", "payment");
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const availability = await indicatorAvailability(t.database.db, "329901101", indicatorId);
    expect(availability.reservedFen).toBe(0n);
    expect(availability.paidFen).toBe(200_450n);
    expect(availability.availableFen).toBe(10_000_000n - 200_450n);
  });
});

describe("residents' query", () => {
  const query = (app: TestApp["app"], body: unknown, ip = "10.0.0.1") => app.inject({ method: "POST", url: "/api/v1/public/subsidy-query", payload: body as object, remoteAddress: ip });

  it("answers with the person's items by ID number and name, without login", async () => {
    const res = await query(t.app, { idNumber: id(2), name: "李四" });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ items: [{ item: "耕地地力保护补贴", period: "2026", amount: "527.50", status: "paid", paidAt: "2026-04-01", cardMasked: `****${card(82).slice(-4)}` }] });
  });

  it("gives a wrong name exactly the answer of an unknown ID", async () => {
    const wrongName = await query(t.app, { idNumber: id(1), name: "张四" });
    const unknown = await query(t.app, { idNumber: generatedResidentId("19900101", 999), name: "张三" });
    expect(wrongName.statusCode).toBe(200);
    expect(wrongName.body).toBe(unknown.body);
    expect(JSON.parse(wrongName.body)).toEqual({ items: [] });
  });

  it("refuses unknown fields and answers 429 past the per-address limit", async () => {
    expect((await query(t.app, { idNumber: id(1), name: "张三", all: true }, "10.0.0.2")).statusCode).toBe(400);
    let last = 0;
    for (let i = 0; i < 31; i++) last = (await query(t.app, { idNumber: id(1), name: "张三" }, "10.0.0.3")).statusCode;
    expect(last).toBe(429);
    expect((await query(t.app, { idNumber: id(1), name: "张三" }, "10.0.0.4")).statusCode).toBe(200);
  });
});
