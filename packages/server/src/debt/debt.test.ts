// Proves the debt register through the API on the demo district: registering every kind (and the
// refusals), the schedule and its overdue line, repaying a line through a treasury payment (reviewed,
// sent, paid by the bank) so that the register, the indicator and the ledger agree, idempotency of the
// repayment, Excel import of a schedule with named bad rows, amendments kept as history, the ratio
// and its colour, and the monthly report through the report-up mechanism. The clock is fixed in the
// demo ledger's own year (read from the data), so the test does not depend on the day it runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import ExcelJS from "exceljs";
import { fixedClock } from "../platform/clock.ts";
import { dispatchOutbox } from "../platform/outbox.ts";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { ledgerAccountSet, ledgerVoucher, ledgerVoucherLine } from "../ledger/index.ts";
import { budgetIndicator } from "../budget/index.ts";
import { demoCreditorCode } from "./demo.ts";

const clock = fixedClock("2026-12-15T10:00:00+08:00");
let t: TestApp;
let budget: ApiClient;
let year = 2026;
let loanId = "";
let principalIndicatorId = "";

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("计划");
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(client: ApiClient, url: string, bytes: Buffer) {
  const session = client as unknown as { cookie: string; csrfToken: string };
  const res = await t.app.inject({ method: "POST", url: `/api/v1${url}`, headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken, "content-type": "application/octet-stream" }, payload: bytes });
  return { status: res.statusCode, body: JSON.parse(res.body), headers: res.headers };
}

beforeAll(async () => {
  t = await startTestApp("demo", { clock });
  const [set] = await t.database.db.select().from(ledgerAccountSet).where(eq(ledgerAccountSet.code, "QH-01"));
  year = set!.startYear;
  clock.set(`${year}-12-15T10:00:00+08:00`);
  budget = await loginAs(t.app, "budget");
  const [indicator] = await t.database.db.select().from(budgetIndicator).where(and(eq(budgetIndicator.regionCode, "329901101"), eq(budgetIndicator.fiscalYear, year), eq(budgetIndicator.functionalCode, "2310301")));
  principalIndicatorId = indicator!.id;
});
afterAll(async () => t?.close());

describe("registering debts", () => {
  it("registers a loan with its schedule, the first lines past due shown overdue", async () => {
    const res = await budget.post("/debt/debts", { regionCode: "329901101", kind: "loan", name: "测试贷款（村道）", creditorName: "江苏青禾农村商业银行", creditorCreditCode: demoCreditorCode("9", 2), documentNo: "测试借字001", principal: "1200000", startDate: `${year}-01-10`, annualRate: "4.35", periods: 8, frequency: "quarterly", method: "equalPrincipal" });
    expect(res.status).toBe(201);
    loanId = res.body.id;
    expect(res.body).toMatchObject({ kind: "loan", principal: "1200000.00", balance: "1200000.00", maturityDate: `${year + 2}-01-10`, scheduleVersion: 1 });
    expect(res.body.debtNo).toMatch(new RegExp(`^ZW${year}101-\\d{4}$`));
    expect(res.body.schedule[0]).toMatchObject({ period: 1, dueDate: `${year}-04-10`, principal: "150000.00", interest: "13050.00", status: "overdue", statusName: "逾期未还" });
    expect(res.body.schedule.map((l: { status: string }) => l.status).slice(0, 4)).toEqual(["overdue", "overdue", "overdue", "future"]);
    expect(res.body.overdueLines).toBe(3);
    expect(res.body.events.map((e: { kindName: string }) => e.kindName)).toEqual(["登记", "生成还本付息计划"]);
    const overdue = await budget.get("/debt/debts?overdue=true&q=测试贷款");
    expect(overdue.body.items.map((d: { id: string }) => d.id)).toEqual([loanId]);
  });

  it("refuses what a kind lacks, a bad credit code, and another township", async () => {
    const arrears = { regionCode: "329901101", kind: "arrears", name: "工程尾款", creditorName: "某建筑公司", documentNo: "HT-1", principal: "1000", startDate: `${year}-01-01`, dueDate: `${year}-06-30` };
    const noCode = await budget.post("/debt/debts", arrears);
    expect(noCode.status).toBe(400);
    expect(noCode.body.errors.map((e: { path: string }) => e.path)).toEqual(["creditorCreditCode"]);
    expect((await budget.post("/debt/debts", { ...arrears, creditorCreditCode: "91350100M000100Y44" })).body.detail).toContain("校验码错误");
    expect((await budget.post("/debt/debts", { ...arrears, kind: "bond" })).body.errors.map((e: { path: string }) => e.path)).toEqual(["bondType", "bondPurpose"]);
    expect((await budget.post("/debt/debts", { ...arrears, creditorCreditCode: demoCreditorCode("9", 3), regionCode: "329901102" })).status).toBe(404);
    expect((await budget.post("/debt/debts", { ...arrears, kind: "loan", principal: "0" })).status).toBe(400);
    const ok = await budget.post("/debt/debts", { ...arrears, creditorCreditCode: demoCreditorCode("9", 3) });
    expect(ok.status).toBe(201);
    expect(ok.body.schedule).toEqual([expect.objectContaining({ period: 1, dueDate: `${year}-06-30`, principal: "1000.00", interest: "0.00" })]);
  });

  it("keeps amendments as history, never overwriting", async () => {
    const res = await budget.patch(`/debt/debts/${loanId}`, { name: "测试贷款（村道提档）", reason: "按合同全称更正" });
    expect(res.status).toBe(200);
    const amended = res.body.events.find((e: { kind: string }) => e.kind === "amended");
    expect(amended).toMatchObject({ before: { name: "测试贷款（村道）" }, after: { name: "测试贷款（村道提档）", reason: "按合同全称更正" }, actorName: "李秀英" });
  });
});

describe("repaying through a treasury payment", () => {
  let paymentId = "";

  it("enters a payment for the line, once per idempotency key, and never beyond what the line owes", async () => {
    const body = { period: 1, indicatorId: principalIndicatorId, principal: "150000.00", interest: "13050.00", payeeAccount: "3201000188000123456", payeeBank: "江苏青禾农村商业银行营业部" };
    const first = await budget.request("POST", `/debt/debts/${loanId}/repayments`, body, { "idempotency-key": "repay-loan-1" });
    expect(first.status).toBe(201);
    expect(first.body.repayments).toHaveLength(1);
    paymentId = first.body.repayments[0].paymentId;
    expect(first.body.schedule[0].pendingAmount).toBe("163050.00");
    const replay = await budget.request("POST", `/debt/debts/${loanId}/repayments`, body, { "idempotency-key": "repay-loan-1" });
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.body.repayments).toHaveLength(1);
    const again = await budget.request("POST", `/debt/debts/${loanId}/repayments`, { ...body, principal: "0.01", interest: "0" }, { "idempotency-key": "repay-loan-1b" });
    expect(again.body.code).toBe("REPAYMENT_EXCEEDS");
    const bad = await budget.request("POST", `/debt/debts/${loanId}/repayments`, { ...body, period: 99 }, { "idempotency-key": "repay-loan-1c" });
    expect(bad.status).toBe(400);
  });

  it("counts once the bank paid it, and the ledger posts principal and interest apart", async () => {
    const before = (await t.database.db.select().from(budgetIndicator).where(eq(budgetIndicator.id, principalIndicatorId)))[0]!;
    const unitacct = await loginAs(t.app, "unitacct");
    const director = await loginAs(t.app, "director");
    const cashier = await loginAs(t.app, "cashier");
    const payment = (await budget.get(`/treasury/payments/${paymentId}`)).body;
    expect(payment).toMatchObject({ amount: "163050.00", payeeName: "江苏青禾农村商业银行", status: "unitReview" });
    expect((await unitacct.post(`/flow/instances/${payment.flowInstanceId}/transitions`, { action: "approve", expectedState: "unitReview" })).status).toBe(200);
    expect((await director.post(`/flow/instances/${payment.flowInstanceId}/transitions`, { action: "approve", expectedState: "financeReview" })).status).toBe(200);
    expect((await cashier.request("POST", "/treasury/bank-batches", { regionCode: "329901101", paymentIds: [paymentId] }, { "idempotency-key": "debt-batch-1" })).status).toBe(201);
    const ordered = (await budget.get(`/treasury/payments/${paymentId}`)).body;
    const result = await cashier.request("POST", "/treasury/bank-results", { regionCode: "329901101", content: `支付凭证号,结果,金额,原因\n${ordered.orderNo},成功,163050.00,` }, { "idempotency-key": "debt-result-1" });
    expect(result.body.paid).toBe(1);

    const debt = (await budget.get(`/debt/debts/${loanId}`)).body;
    expect(debt.schedule[0]).toMatchObject({ status: "paid", paidPrincipal: "150000.00", paidInterest: "13050.00", pendingAmount: "0.00" });
    expect(debt).toMatchObject({ balance: "1050000.00", repaidPrincipal: "150000.00", repaidInterest: "13050.00", overdueLines: 2 });
    expect(debt.repayments[0]).toMatchObject({ paymentStatus: "paid", paymentStatusName: "已支付" });
    const after = (await t.database.db.select().from(budgetIndicator).where(eq(budgetIndicator.id, principalIndicatorId)))[0]!;
    expect(after.paidFen - before.paidFen).toBe(16_305_000n);

    await dispatchOutbox(t.database, { clock: t.app.clock });
    const [voucher] = await t.database.db.select().from(ledgerVoucher).where(and(eq(ledgerVoucher.regionCode, "329901101"), like(ledgerVoucher.source, `treasury.paymentPaid:${paymentId}:%`)));
    expect(voucher).toMatchObject({ status: "posted" });
    expect(voucher!.summary).toContain("偿还债务本息");
    const lines = await t.database.db.select().from(ledgerVoucherLine).where(and(eq(ledgerVoucherLine.regionCode, "329901101"), eq(ledgerVoucherLine.voucherId, voucher!.id)));
    const entries = lines.map((l) => [l.accountCode, l.debitFen, l.creditFen]).sort();
    expect(entries).toEqual([
      ["2501", 15_000_000n, 0n],
      ["4001", 0n, 16_305_000n],
      ["5901", 1_305_000n, 0n],
      // 6001 on its 一般公共预算 项目支出 明细: the repayment's indicator is 项目支出 (budget/spending.ts).
      ["60010102", 0n, 16_305_000n],
      ["7701", 15_000_000n, 0n],
      ["7901", 1_305_000n, 0n],
    ]);
  });
});

describe("a schedule from Excel", () => {
  it("names every bad row and writes nothing, then installs a good one as a new version", async () => {
    const created = await budget.post("/debt/debts", { regionCode: "329901101", kind: "loan", name: "导入计划测试借款", creditorName: "中国农业银行青禾支行", creditorCreditCode: demoCreditorCode("9", 5), documentNo: "农银借-测试", principal: "1000.00", startDate: `${year}-03-01`, annualRate: "3", periods: 1, frequency: "annual", method: "bullet" });
    const id = created.body.id;
    const header = ["期次", "到期日", "本金（元）", "利息（元）"];
    const bad = await upload(budget, `/debt/debts/${id}/schedule/import`, await xlsx([header, [1, `${year}-09-31`, "400", "10"], [3, `${year + 1}-03-01`, "-1", "5"]]));
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual(["2:dueDate", "3:period", "3:principal"]);
    expect((await budget.get(`/debt/debts/${id}`)).body.scheduleVersion).toBe(1);
    const good = await upload(budget, `/debt/debts/${id}/schedule/import`, await xlsx([header, [1, `${year}-09-01`, "400", "10"], [2, `${year + 1}-03-01`, "600", "9"]]));
    expect(good.status).toBe(200);
    expect(good.body.debt).toMatchObject({ scheduleVersion: 2, scheduleSource: "imported", maturityDate: `${year + 1}-03-01` });
    expect(good.body.debt.events.at(-1).kindName).toBe("导入还本付息计划");
    const exported = await budget.request("GET", `/debt/debts/${id}/schedule/export`);
    expect(exported.headers["content-type"]).toContain("spreadsheetml");
  });
});

describe("indicators and the monthly report", () => {
  it("computes the ratio from the register and the entered capacity, with the colour of the thresholds", async () => {
    const res = await budget.get(`/debt/indicators?year=${year}`);
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b.capacity.source).toBe("entered");
    expect(b.thresholds).toEqual({ yellow: "120.00", orange: "200.00", red: "300.00" });
    expect(["green", "yellow", "orange", "red"]).toContain(b.colour);
    expect(b.maturity.map((m: { bucket: string }) => m.bucket)).toEqual(["overdue", "y0", "y1", "y2", "y3to5", "y6plus"]);
    expect(b.trend).toHaveLength(12);
    const capacity = await budget.post("/debt/capacity", { regionCode: "329901101", year, generalRevenue: "1000000", transferRevenue: "0", fundRevenue: "0", stateCapitalRevenue: "0" });
    expect(capacity.body).toMatchObject({ source: "entered", total: "1000000.00" });
    const red = (await budget.get(`/debt/indicators?year=${year}`)).body;
    expect(red.colour).toBe("red");
    expect(red.capacity.version).toBeGreaterThan(b.capacity.version);
  });

  it("builds the monthly report from the register and the district ranks townships by ratio", async () => {
    // A month the demo has no report for (the demo reports on the two months before it was seeded).
    const existing = (await budget.get("/reporting/reports?kind=debtMonthly&regionCode=329901101")).body.items.map((r: { period: string }) => r.period);
    const month = ["01", "02", "03", "04"].map((m) => `${year}-${m}`).find((m) => !existing.includes(m))!;
    const prepared = await budget.post("/reporting/reports", { kind: "debtMonthly", regionCode: "329901101", period: month });
    expect(prepared.status).toBe(201);
    expect(prepared.body.content.month).toBe(month);
    expect(prepared.body.problems.filter((p: { level: string }) => p.level === "error")).toEqual([]);
    const supervisor = await loginAs(t.app, "supervisor");
    const district = await supervisor.get(`/debt/district?year=${year}`);
    expect(district.body.rows).toHaveLength(14);
    expect(district.body.rows[0]).toMatchObject({ regionCode: "329901101", rank: 1, colour: "red" });
    const director2 = await loginAs(t.app, "director2");
    expect((await director2.get(`/debt/debts/${loanId}`)).status).toBe(404);
    expect((await director2.get("/debt/district")).body.rows.map((r: { regionCode: string }) => r.regionCode)).toEqual(["329901102"]);
  });
});
