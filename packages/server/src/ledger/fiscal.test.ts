// Proves the township's fiscal general accounting on a real database and over HTTP: a fiscal set per
// township (refused twice, refused for a budget unit) with the 财政总会计 chart; the demo year posted by
// itself through the outbox (payments paid and returned as 本级支出, the transfer from above as 补助收入
// with its document number, subsidies, remittances up, the treasury's daily revenue), once each and
// balanced per basis; the daily report entered and imported from Excel, every bad row named and
// nothing recorded; remittances once per document; every fiscal statement, its Excel export, and the
// kind of set deciding which statements it has; and the year closed by the fiscal closing rules.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { and, eq, like, sql } from "drizzle-orm";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { dispatchOutbox } from "../platform/outbox.ts";
import { treasuryRevenueReport } from "../treasury/index.ts";
import { budgetRemittance } from "../budget/index.ts";
import { ledgerSkippedEvent, ledgerVoucher } from "./tables.ts";
import { DEMO_FISCAL_SET } from "./fiscalDemo.ts";
import { fiscalStatementOfTownship } from "./index.ts";
import { DEMO_LEDGER_IDS } from "./demo.ts";
import { activeUnit } from "../budget/testFixtures.ts";
import { outboxEvent } from "../platform/outboxTables.ts";
import { TEST_TODAY } from "../../test/clock.ts";

let t: TestApp;
let budget: ApiClient;
let budget2: ApiClient;
let director: ApiClient;
const today = TEST_TODAY;
const year = Number(today.slice(0, 4));
const month = today.slice(0, 7);
const setId = DEMO_FISCAL_SET.id;

async function drain() {
  for (let i = 0; i < 50; i++) {
    const r = await dispatchOutbox(t.database, { clock: t.app.clock });
    expect(r.failed).toEqual([]);
    if (r.processed === 0) return;
  }
  throw new Error("the outbox did not drain");
}
const vouchersLike = async (prefix: string) =>
  (await t.database.db.select().from(ledgerVoucher).where(and(eq(ledgerVoucher.setId, setId), like(ledgerVoucher.source, `${prefix}%`)))).length;

beforeAll(async () => {
  t = await startTestApp("demo");
  budget = await loginAs(t.app, "budget");
  budget2 = await loginAs(t.app, "budget2");
  director = await loginAs(t.app, "director");
  await drain();
});
afterAll(async () => t.close());

describe("fiscal sets", () => {
  it("are listed with their kind and carry the 财政总会计 chart", async () => {
    const sets = (await budget.get("/ledger/sets?kind=fiscal")).body.items;
    expect(sets).toEqual([expect.objectContaining({ id: setId, code: "QH-ZKJ", kind: "fiscal", budgetUnitId: null })]);
    const accounts = (await budget.get(`/ledger/sets/${setId}/accounts`)).body as { code: string; name: string }[];
    expect(accounts.find((a) => a.code === "1001")?.name).toBe("国库存款");
    expect(accounts.find((a) => a.code === "7001")?.name).toBe("一般公共预算本级支出");
    expect(accounts.some((a) => a.code === "1011" && a.name === "零余额账户用款额度")).toBe(false);
  });
  it("are one per township, at the township, for no budget unit", async () => {
    const again = await budget.post("/ledger/sets", { regionCode: "329901101", code: "QH-ZKJ2", name: "第二个", year, kind: "fiscal" });
    expect(again.body).toMatchObject({ code: "DUPLICATE" });
    const baitaUnit = await activeUnit(t.database.db, "329901102", "人民政府");
    const withUnit = await budget2.post("/ledger/sets", { regionCode: "329901102", code: "BT-ZKJ2", name: "白塔", year, kind: "fiscal", budgetUnitId: baitaUnit.id });
    expect(withUnit.body).toMatchObject({ code: "VALIDATION_FAILED", errors: [{ path: "budgetUnitId" }] });
    // 白塔镇 keeps its fiscal books (BT-ZKJ, from the demo's last year): a second set is refused there too.
    const second = await budget2.post("/ledger/sets", { regionCode: "329901102", code: "BT-ZKJ2", name: "白塔", year, kind: "fiscal" });
    expect(second.body).toMatchObject({ code: "DUPLICATE", errors: [{ path: "kind" }] });
    const baita = await director.post("/ledger/sets", { regionCode: "329901102", code: "BT-ZKJ2", name: "白塔", year, kind: "fiscal" });
    expect(baita.status).toBe(404);
  });
});

describe("the demo year, posted by itself", () => {
  it("posts every paid payment, return, transfer from above, subsidy, remittance and daily report once, with nothing skipped", async () => {
    const reports = await t.database.db.select().from(treasuryRevenueReport).where(eq(treasuryRevenueReport.regionCode, "329901101"));
    const remittances = await t.database.db.select().from(budgetRemittance).where(eq(budgetRemittance.regionCode, "329901101"));
    expect(reports.length).toBeGreaterThan(0);
    expect(await vouchersLike("fiscal:treasury.revenueReported:")).toBe(reports.length);
    expect(await vouchersLike("fiscal:budget.remittanceRecorded:")).toBe(remittances.length);
    const paidEvents = await t.database.db.select().from(outboxEvent).where(and(eq(outboxEvent.regionCode, "329901101"), eq(outboxEvent.topic, "treasury.paymentPaid")));
    // The fiscal set starts this year: events of earlier years (the demo's previous year) are refused as skipped.
    const ofThisYear = (p: unknown) => JSON.stringify(p).includes(`"${year}-`);
    expect(await vouchersLike("fiscal:treasury.paymentPaid:")).toBe(paidEvents.filter((e) => ofThisYear(e.payload)).length);
    const transferEvents = await t.database.db.select().from(outboxEvent).where(and(eq(outboxEvent.regionCode, "329901101"), eq(outboxEvent.topic, "budget.upperTransferRecorded")));
    expect(await vouchersLike("fiscal:budget.upperTransferRecorded:")).toBe(transferEvents.filter((e) => ofThisYear(e.payload)).length);
    const transfers = await t.database.db.select().from(ledgerVoucher).where(and(eq(ledgerVoucher.setId, setId), like(ledgerVoucher.source, "fiscal:budget.upperTransferRecorded:%")));
    expect(transfers.some((v) => v.summary.includes(`苏财农〔${year}〕18号`))).toBe(true);
    // 青禾镇's (白塔镇's fiscal set is last year's: its demo payments of this year wait as skipped there).
    const skipped = await t.database.db.select().from(ledgerSkippedEvent).where(and(eq(ledgerSkippedEvent.consumer, "ledger.fiscal"), eq(ledgerSkippedEvent.regionCode, "329901101")));
    expect(skipped.filter((e) => ofThisYear(e.payload))).toEqual([]);
    for (const e of skipped) expect(e.reason).toMatch(/^PERIOD_CLOSED/);
    // Once each: a second dispatch posts nothing more.
    const before = (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(ledgerVoucher).where(eq(ledgerVoucher.setId, setId)))[0]!.n;
    await drain();
    expect((await t.database.db.select({ n: sql<number>`count(*)::int` }).from(ledgerVoucher).where(eq(ledgerVoucher.setId, setId)))[0]!.n).toBe(before);
  });
  it("keeps both bases balanced and 国库存款 equal to 库款资金结存", async () => {
    const tb = (await budget.get(`/ledger/sets/${setId}/trial-balance?from=${year}-01&to=${month}`)).body;
    const total = tb.rows.find((r: { account: string }) => r.account === "合计");
    expect(total.closingDebit).toBe(total.closingCredit);
    const fine = (await budget.get(`/ledger/sets/${setId}/trial-balance?from=${year}-01&to=${month}&level=6`)).body.rows as { account: string; closingDebit: string }[];
    expect(fine.find((r) => r.account === "1001")!.closingDebit).toBe(fine.find((r) => r.account === "800101")!.closingDebit);
  });
});

describe("the treasury's daily revenue report", () => {
  const workbook = async (rows: (string | number)[][]) => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("日报");
    sheet.addRow(["收入分类编码", "收入分类名称", "金额（元）"]);
    for (const r of rows) sheet.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
  };
  const day = `${year}-${today.slice(5, 7)}-01`;

  it("names every bad row of an imported file and records nothing", async () => {
    const before = (await t.database.db.select().from(treasuryRevenueReport)).length;
    const content = await workbook([
      ["1010101", "国内增值税", 1000.5],
      ["11002", "一般性转移支付收入", 500],
      ["10398", "不存在的款", 20],
      ["1010101", "重复", 30],
      ["10304", "行政事业性收费收入", 0],
      ["10305", "罚没收入", "一百"],
      ["10109", "城市维护建设税", 12.345],
    ]);
    const res = await budget.request("POST", "/treasury/revenue-reports/import", { reportDate: day, fileName: "日报.xlsx", content }, { "idempotency-key": "rev-bad-1" });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("REVENUE_REPORT_INVALID");
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(["rows.3", "rows.4", "rows.5", "rows.6", "rows.7", "rows.8"]);
    expect(res.body.detail).toContain("第 3 行");
    expect((await t.database.db.select().from(treasuryRevenueReport)).length).toBe(before);
  });
  it("records a good file once per Idempotency-Key and posts it to 税收收入/非税收入 and 本级收入 by class", async () => {
    const content = await workbook([["1010101", "国内增值税", 1000.5], ["10119", "契税", "-200.00"], ["10304", "行政事业性收费收入", "350"]]);
    const first = await budget.request("POST", "/treasury/revenue-reports/import", { reportDate: day, fileName: "日报.xlsx", content }, { "idempotency-key": "rev-good-1" });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ source: "imported", lineCount: 3, total: "1150.50" });
    const replay = await budget.request("POST", "/treasury/revenue-reports/import", { reportDate: day, fileName: "日报.xlsx", content }, { "idempotency-key": "rev-good-1" });
    expect(replay.body.id).toBe(first.body.id);
    await drain();
    const [v] = await t.database.db.select().from(ledgerVoucher).where(eq(ledgerVoucher.source, `fiscal:treasury.revenueReported:${first.body.id}:1`));
    const voucher = (await budget.get(`/ledger/vouchers/${v!.id}`)).body;
    const line = (account: string, revenue?: string) => voucher.lines.find((l: { account: string; aux: { revenue?: string } }) => l.account === account && (!revenue || l.aux.revenue === revenue));
    expect(line("1001")).toMatchObject({ debit: "1150.50" });
    expect(line("4001", "10119")).toMatchObject({ debit: "200.00" });
    expect(line("4002", "10304")).toMatchObject({ credit: "350.00" });
    expect(line("6001", "1010101")).toMatchObject({ credit: "1000.50" });
    const detail = (await budget.get(`/treasury/revenue-reports/${first.body.id}`)).body;
    expect(detail.lines.map((l: { revenueName: string }) => l.revenueName)).toEqual(["国内增值税", "契税", "行政事业性收费收入"]);
  });
  it("takes a report entered in the form, refusing what the form gets wrong, and the template", async () => {
    const bad = await budget.request("POST", "/treasury/revenue-reports", { reportDate: day, lines: [{ revenueCode: "10101", amount: "10.00" }, { revenueCode: "102", amount: "1.00" }] }, { "idempotency-key": "rev-form-bad" });
    expect(bad.body.errors).toEqual([{ path: "rows.2", message: expect.stringContaining("不是本级税收收入") }]);
    const ok = await budget.request("POST", "/treasury/revenue-reports", { reportDate: day, lines: [{ revenueCode: "10101", amount: "10.00" }] }, { "idempotency-key": "rev-form-ok" });
    expect(ok.status).toBe(201);
    expect((await director.request("POST", "/treasury/revenue-reports", { reportDate: day, lines: [{ revenueCode: "10101", amount: "1.00" }] }, { "idempotency-key": "rev-form-dir" })).status).toBe(403);
    const list = (await budget.get(`/treasury/revenue-reports?from=${day}&to=${day}`)).body;
    expect(list.items.length).toBe(2);
    const template = await t.app.inject({ method: "GET", url: "/api/v1/treasury/revenue-reports/template", headers: { cookie: (budget as unknown as { cookie: string }).cookie } });
    expect(template.headers["content-type"]).toContain("spreadsheetml");
  });
});

describe("remittances up (上解)", () => {
  it("are recorded once per document and post 上解费用 and 上解预算支出", async () => {
    const body = { fiscalYear: year, documentNo: `青财预〔${year}〕99号`, kind: "special", fund: "generalBudget", amount: "5000.00", remittedOn: `${year}-${today.slice(5, 7)}-01` };
    const first = await budget.request("POST", "/budget/remittances", body, { "idempotency-key": "remittance-1" });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect((await budget.request("POST", "/budget/remittances", body, { "idempotency-key": "remittance-2" })).body.code).toBe("DUPLICATE");
    expect((await budget.request("POST", "/budget/remittances", { ...body, documentNo: "x", remittedOn: `${year - 1}-12-01` }, { "idempotency-key": "remittance-3" })).status).toBe(400);
    await drain();
    const [v] = await t.database.db.select().from(ledgerVoucher).where(eq(ledgerVoucher.source, `fiscal:budget.remittanceRecorded:${first.body.id}`));
    const voucher = (await budget.get(`/ledger/vouchers/${v!.id}`)).body;
    expect(voucher.lines.map((l: { account: string }) => l.account)).toEqual(["5012", "1001", "701201", "800101"]);
    expect(voucher.summary).toContain("专项上解");
  });
});

describe("statements of the fiscal accounts", () => {
  const statement = (code: string, set: string = setId) => budget.get(`/ledger/sets/${set}/statements/${code}?from=${year}-01&to=${month}`);
  const row = (s: { rows: { label: string }[] }, label: string) => s.rows.find((r) => r.label.trim() === label) as Record<string, string> | undefined;

  it("balances the balance sheet and shows 本期盈余 before closing", async () => {
    const sheet = (await statement("fiscal-balance-sheet")).body;
    expect(row(sheet, "资产总计")!.v2).toBe(row(sheet, "负债和净资产总计")!.v2);
    expect(row(sheet, "资产总计")!.v1).toBe(row(sheet, "负债和净资产总计")!.v1);
    expect(row(sheet, "国库存款")).toBeDefined();
    expect(row(sheet, "本期盈余")!.v2).not.toBe("0.00");
  });
  it("shows revenue and expense, and budget revenue and expenditure by budget", async () => {
    const re = (await statement("fiscal-revenue-expense")).body;
    expect(row(re, "税收收入")!.v2).not.toBe("0.00");
    const bre = (await statement("fiscal-budget-revenue-expenditure")).body;
    expect(bre.columns.map((c: { header: string }) => c.header)).toEqual(["项目", "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "专用基金", "合计"]);
    const ownRevenue = row(bre, "一般公共预算本级收入")!;
    expect(ownRevenue.v1).toBe(ownRevenue.v6);
    expect(row(bre, "政府性基金预算本级收入")!.v1).toBe("0.00");
  });
  it("sets the execution against the approved budget, by revenue class and functional class, with the rate", async () => {
    const exec = (await statement("general-budget-execution")).body;
    expect(exec.columns.map((c: { header: string; money?: boolean }) => [c.header, Boolean(c.money)])).toEqual([["项目", false], ["预算数", true], ["执行数", true], ["执行率（%）", false]]);
    const own = row(exec, "一、本级收入")!;
    expect(Number(own.v1)).toBeGreaterThan(0);
    expect(Number(own.v2)).toBeGreaterThan(0);
    expect(row(exec, "101 税收收入")).toBeDefined();
    expect(row(exec, "10101 增值税")).toBeDefined();
    expect(row(exec, "201 一般公共服务支出")).toBeDefined();
    // 执行数 are the books' own: the same as the trial balance's movements of the accounts they read.
    const tb = (await budget.get(`/ledger/sets/${setId}/trial-balance?from=${year}-01&to=${month}`)).body.rows as { account: string; periodDebit: string; periodCredit: string }[];
    const credit = (account: string) => (Number(tb.find((r) => r.account === account)?.periodCredit ?? 0) * 100 - Number(tb.find((r) => r.account === account)?.periodDebit ?? 0) * 100) / 100;
    expect(Number(row(exec, "二、上级补助收入")!.v2)).toBeCloseTo(credit("6011"), 2);
    expect(Number(own.v2)).toBeCloseTo(credit("6001"), 2);
    expect(Number(row(exec, "五、本级支出")!.v2)).toBeCloseTo(-credit("7001"), 2);
    const fund = (await statement("government-fund-execution")).body;
    expect(Number(row(fund, "一、本级收入")!.v2)).toBeCloseTo(credit("6002"), 2);
    // No government-fund revenue was budgeted: no rate.
    expect(row(fund, "一、本级收入")!.v3).toBe("");
    for (const code of ["state-capital-execution", "special-account", "special-fund", "fiscal-reconciliation"]) expect((await statement(code)).status).toBe(200);
  });
  it("are read through the ledger's face by township and year, and are none for a township without fiscal books", async () => {
    const sheet = await fiscalStatementOfTownship(t.database.db, "329901101", year, "fiscal-balance-sheet");
    expect(sheet?.title).toBe("资产负债表");
    const assets = sheet!.rows.find((r) => r.label === "资产总计")!;
    const both = sheet!.rows.find((r) => r.label === "负债和净资产总计")!;
    expect(assets.values).toEqual(both.values);
    // 龙湾镇 keeps no fiscal books in the demo.
    expect(await fiscalStatementOfTownship(t.database.db, "329901103", year, "fiscal-balance-sheet")).toBeNull();
  });
  it("lets the set's kind decide which statements it has, and exports them to Excel", async () => {
    expect((await statement("balance-sheet")).status).toBe(400);
    expect((await statement("general-budget-execution", DEMO_LEDGER_IDS.qingheSet as string)).status).toBe(400);
    const res = await t.app.inject({ method: "GET", url: `/api/v1/ledger/sets/${setId}/excel?report=general-budget-execution&from=${year}-01&to=${month}`, headers: { cookie: (budget as unknown as { cookie: string }).cookie } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getCell(1, 1).value).toBe("一般公共预算执行情况表");
  });
});

describe("the fiscal year end", () => {
  it("closes revenue and expense into 累计盈余 and each budget into its 结转结余, carried into next year", async () => {
    for (let m = 1; m <= 11; m++) {
      const res = await budget.post(`/ledger/sets/${setId}/periods/${year}/${m}/close`);
      expect(res.status, `close ${m}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    expect((await budget.post(`/ledger/sets/${setId}/years/${year}/close`, { specialFund: "1.00" })).status).toBe(400);
    const closed = await budget.post(`/ledger/sets/${setId}/years/${year}/close`, {});
    expect(closed.status).toBe(200);
    expect(closed.body.vouchers.length).toBeGreaterThanOrEqual(3);
    const tb = (await budget.get(`/ledger/sets/${setId}/trial-balance?from=${year + 1}-01&to=${year + 1}-01`)).body.rows as { account: string; openingDebit: string; openingCredit: string }[];
    expect(tb.filter((r) => "4567".includes(r.account[0]!))).toEqual([]);
    expect(tb.find((r) => r.account === "8031")).toBeDefined();
    const total = tb.reduce((s, r) => s + Number(r.openingDebit) * 100 - Number(r.openingCredit) * 100, 0);
    expect(Math.round(total)).toBe(0);
  });
});
