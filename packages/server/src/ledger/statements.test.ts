// Proves the books and statements on a worked year of a township unit — quota received, office
// expense, a direct payment, salary accrued and paid, a computer bought and depreciated, the unused
// quota cancelled at year end — against figures worked out by hand below, then the year closing
// entries and the opening balances carried into the next year, and the Excel export.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { openTestDatabase, type TestDatabase } from "../../test/db.ts";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../identity/index.ts";
import { closeMonth, createAccountSet, enterVoucher, loadSet, postVoucher, reviewVoucher, type AccountSetRow } from "./service.ts";
import { trialBalanceOf } from "./balances.ts";
import { closeYear, generalLedger, statementOf, statementTable, subsidiaryLedger, tableToXlsx, trialBalanceTable, auxiliaryLedger } from "./reports.ts";
import { budgetCarryover, netAssetChanges, reconciliation, type NetAssetVoucher } from "./statements.ts";
import { builtInChart } from "./service.ts";
import { planYearClosing } from "./closing.ts";
import { trialBalanceTotals } from "./rules.ts";
import { cr, demoActor, dr } from "./testing.ts";
import { TEST_NOW } from "../../test/clock.ts";

let database: TestDatabase;
let db: Db;
let unitacct: Actor;
let budget: Actor;
let set: AccountSetRow;
const tx = <T,>(fn: (tx: Db) => Promise<T>) => db.transaction((t) => fn(t as unknown as Db));
const fn = (functional: string, economic?: string) => (economic ? { functional, economic } : { functional });

async function book(date: string, summary: string, lines: ReturnType<typeof dr>[], confirmParallel = false) {
  const v = await tx((t) => enterVoucher(t, unitacct, set.id, { date, summary, lines, confirmParallel }, TEST_NOW));
  await tx((t) => reviewVoucher(t, budget, v.id, TEST_NOW));
  return tx((t) => postVoucher(t, budget, v.id, TEST_NOW));
}

/** A statement's rows as label → yuan strings. */
async function figures(code: Parameters<typeof statementOf>[2], from: string, to: string) {
  const s = await statementOf(db, set, code, from, to);
  return Object.fromEntries(statementTable(s, set, from, to).rows.map((r) => [r.label as string, Object.keys(r).filter((k) => k !== "label" && k !== "total").map((k) => r[k])]));
}

beforeAll(async () => {
  database = await openTestDatabase("demo");
  db = database.db;
  unitacct = await demoActor(db, "unitacct");
  budget = await demoActor(db, "budget");
  const created = await tx((t) => createAccountSet(t, budget, { regionCode: "329901101", code: "T-WORKED", name: "青禾镇人民政府", year: 2026 }, TEST_NOW));
  set = await loadSet(db, budget, created.id);
  // January.
  await book("2026-01-04", "收到财政授权支付额度", [dr("1011", "100000.00"), cr("4001", "100000.00"), dr("800101", "100000.00"), cr("60010101", "100000.00", fn("2010101"))]);
  await book("2026-01-09", "零余额账户支付办公费", [dr("5101", "3000.00"), cr("1011", "3000.00"), dr("7101010101", "3000.00", fn("2010101", "30201")), cr("800101", "3000.00")]);
  await book("2026-01-12", "财政直接支付培训费", [dr("5001", "8000.00"), cr("4001", "8000.00"), dr("7101010101", "8000.00", fn("2010101", "30216")), cr("60010101", "8000.00", fn("2010101"))]);
  await book("2026-01-25", "计提1月工资", [dr("5001", "20000.00"), cr("2201", "20000.00")]);
  await book("2026-01-28", "发放1月工资", [dr("2201", "20000.00"), cr("1011", "20000.00"), dr("7101010101", "20000.00", fn("2010101", "30101")), cr("800101", "20000.00")]);
  await book("2026-01-29", "购置办公电脑", [dr("1601", "6000.00"), cr("1011", "6000.00"), dr("7101010101", "6000.00", fn("2010101", "31002")), cr("800101", "6000.00")]);
  await book("2026-01-31", "计提1月固定资产折旧", [dr("5101", "500.00"), cr("1602", "500.00")]);
  for (let month = 1; month <= 11; month++) await tx((t) => closeMonth(t, budget, set.id, 2026, month, TEST_NOW));
  // December: the unused quota, 100000 − 3000 − 20000 − 6000 = 71000, is cancelled.
  await book("2026-12-31", "年末注销零余额账户用款额度", [dr("120102", "71000.00"), cr("1011", "71000.00"), dr("800103", "71000.00"), cr("800101", "71000.00")]);
});
afterAll(async () => database.close());

describe("statements of the worked year", () => {
  it("收入费用表: revenue 108000.00, expenses 28000.00 + 3500.00, surplus 76500.00", async () => {
    const f = await figures("revenue-expense", "2026-01", "2026-01");
    expect(f["本期收入"]).toEqual(["108000.00", "108000.00"]);
    expect(f["财政拨款收入"]).toEqual(["108000.00", "108000.00"]);
    expect(f["业务活动费用"]).toEqual(["28000.00", "28000.00"]);
    expect(f["单位管理费用"]).toEqual(["3500.00", "3500.00"]);
    expect(f["本期费用"]).toEqual(["31500.00", "31500.00"]);
    expect(f["本期盈余"]).toEqual(["76500.00", "76500.00"]);
    const february = await figures("revenue-expense", "2026-02", "2026-02");
    expect(february["本期盈余"]).toEqual(["0.00", "76500.00"]);
  });

  it("预算收入支出表: budget revenue 108000.00, expenditure 37000.00, difference 71000.00", async () => {
    const f = await figures("budget-revenue-expenditure", "2026-01", "2026-12");
    expect(f["财政拨款预算收入"]).toEqual(["108000.00", "108000.00"]);
    expect(f["行政支出"]).toEqual(["37000.00", "37000.00"]);
    expect(f["本年预算收支差额"]).toEqual(["71000.00", "71000.00"]);
  });

  it("差异调节表: 71000.00 + 26000.00 (salary paid, computer) − 20500.00 (accrual, depreciation) = 76500.00", async () => {
    const f = await figures("reconciliation", "2026-01", "2026-12");
    expect(Object.values(f).map((v) => v[0])).toEqual(["71000.00", "0.00", "0.00", "26000.00", "20500.00", "76500.00"]);
  });

  it("资产负债表 before closing: 应返还 71000.00 + 固定资产净值 5500.00 = 76500.00 = 本期盈余", async () => {
    const f = await figures("balance-sheet", "2026-12", "2026-12");
    expect(f["货币资金"]).toEqual(["0.00", "0.00"]);
    expect(f["财政应返还额度"]).toEqual(["0.00", "71000.00"]);
    expect(f["固定资产净值"]).toEqual(["0.00", "5500.00"]);
    expect(f["资产总计"]).toEqual(["0.00", "76500.00"]);
    expect(f["负债合计"]).toEqual(["0.00", "0.00"]);
    expect(f["本期盈余"]).toEqual(["0.00", "76500.00"]);
    expect(f["负债和净资产总计"]).toEqual(["0.00", "76500.00"]);
    const january = await figures("balance-sheet", "2026-01", "2026-01");
    expect(january["货币资金"]).toEqual(["0.00", "71000.00"]);
    expect(january["资产总计"]).toEqual(january["负债和净资产总计"]);
  });

  it("财政拨款预算收入支出表: 一般公共预算·基本支出 2010101 received 108000.00, spent 37000.00, 年末 71000.00", async () => {
    const f = await figures("fiscal-appropriation", "2026-01", "2026-12");
    const year = ["0.00", "0.00", "0.00", "0.00", "0.00", "108000.00", "37000.00", "71000.00"];
    const none = year.map(() => "0.00");
    expect(f["　　2010101"]).toEqual([...year, ...none]);
    expect(f["一、一般公共预算财政拨款"]).toEqual([...year, ...none]);
    expect(f["二、政府性基金预算财政拨款"]).toEqual([...none, ...none]);
    expect(f["总计"]).toEqual([...year, ...none]);
    // The totals tie to the year's 6001 and 7101 (预算收入支出表).
    const budget = await figures("budget-revenue-expenditure", "2026-01", "2026-12");
    expect([f["总计"]![5], f["总计"]![6]]).toEqual([budget["财政拨款预算收入"]![1], budget["行政支出"]![1]]);
    const s = await statementOf(db, set, "fiscal-appropriation", "2026-01", "2026-12");
    expect(s.rows[1]).toMatchObject({ label: "（一）基本支出", values: [0n, 0n, 0n, 0n, 0n, 108000_00n, 37000_00n, 71000_00n, ...none.map(() => 0n)] });
    expect(statementTable(s, set, "2026-01", "2026-12").note).toContain("科目未设明细的金额列入一般公共预算");
  });

  it("reconciliation closes for revenue without budget revenue (accrual)", () => {
    expect(reconciliation([{ revenueFen: 1n, expenseFen: 0n, budgetRevenueFen: 0n, budgetExpenditureFen: 0n }]).rows.at(-1)!.values).toEqual([1n]);
  });
});

describe("books of the worked year", () => {
  it("subsidiary ledger of 1011 runs its balance to zero", async () => {
    const t = await subsidiaryLedger(db, set, "1011", "2026-01", "2026-12");
    expect(t.rows.map((r) => r.balance)).toEqual(["0.00", "100000.00", "97000.00", "77000.00", "71000.00", "0.00", "0.00"]);
    expect(t.rows.at(-1)).toMatchObject({ summary: "本期合计", debit: "100000.00", credit: "100000.00", direction: "平" });
  });

  it("general ledger shows month totals and the year to date", async () => {
    const t = await generalLedger(db, set, "2026-01", "2026-12");
    const rows = t.rows.filter((r) => (r.account as string).startsWith("5101"));
    expect(rows.map((r) => [r.summary, r.debit, r.balance])).toEqual([["期初余额", null, "0.00"], ["本月合计", "3500.00", "3500.00"], ["本年累计", "3500.00", "3500.00"]]);
  });

  it("auxiliary ledger of 7101 by economic code", async () => {
    const t = await auxiliaryLedger(db, set, "7101", "economic", "2026-01", "2026-12");
    expect(t.rows.map((r) => [r.value, r.net])).toEqual([["30101", "20000.00"], ["30201", "3000.00"], ["30216", "8000.00"], ["31002", "6000.00"]]);
  });

  it("exports a book to Excel with amounts as numbers", async () => {
    const t = await trialBalanceTable(db, set, "2026-01", "2026-12");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await tableToXlsx(t)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell(1, 1).value).toBe("科目余额表");
    expect(sheet.getCell(3, 1).value).toBe("科目代码");
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe("合计");
    expect(last.getCell(6).value).toBe(t.rows.at(-1)!.periodDebit === "0.00" ? 0 : Number(t.rows.at(-1)!.periodDebit));
  });
});

describe("year closing", () => {
  it("closes revenue, expense and budget accounts and carries balances into 2027", async () => {
    // 专用基金 is a 事业单位's: refused for the township government, and nothing is posted.
    await expect(tx((t) => closeYear(t, budget, set, 2026, { specialFundFen: 100n }, TEST_NOW))).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const { vouchers } = await tx((t) => closeYear(t, budget, set, 2026, {}, TEST_NOW));
    // Revenue, expenses, 本期盈余, 累计盈余, the fiscal budget carry-over, and 8101's 明细 netted into 累计结转.
    expect(vouchers.length).toBe(6);
    const december = await trialBalanceOf(db, set, "2026-12", "2026-12");
    const closing = Object.fromEntries(december.map((r) => [r.account, [r.closingDebitFen, r.closingCreditFen]]));
    expect(closing["4001"]).toEqual([0n, 0n]);
    expect(closing["3001"]).toEqual([0n, 7_650_000n]);
    expect(closing["8101"]).toEqual([0n, 7_100_000n]);
    const next = await trialBalanceOf(db, set, "2027-01", "2027-01");
    const opening = Object.fromEntries(next.map((r) => [r.account, [r.openingDebitFen, r.openingCreditFen]]));
    expect(opening).toEqual({ "1201": [7_100_000n, 0n], "1601": [600_000n, 0n], "1602": [0n, 50_000n], "3001": [0n, 7_650_000n], "8001": [7_100_000n, 0n], "8101": [0n, 7_100_000n] });
    const totals = trialBalanceTotals(next);
    expect(totals.openingDebitFen).toBe(14_800_000n);
    expect(totals.openingCreditFen).toBe(14_800_000n);
    // 预算结转结余变动表 in the standard layout (labels repeat, so rows are read by position).
    const carry = (await statementOf(db, set, "budget-carryover", "2026-01", "2026-12")).rows.map((r) => [r.label, ...r.values.map((v) => Number(v) / 100)]);
    expect(carry.filter((r) => r[1] !== 0)).toEqual([["三、本年变动金额（减少以“-”号填列）", 71000, 0], ["（一）财政拨款结转结余", 71000, 0], ["1.本年收支差额", 71000, 0], ["四、年末余额", 71000, 0], ["（一）财政拨款结转结余", 71000, 0], ["1.财政拨款结转", 71000, 0]]);
    const after = await figures("revenue-expense", "2026-12", "2026-12");
    expect(after["本期盈余"]).toEqual(["0.00", "76500.00"]);
    const sheet = await figures("balance-sheet", "2027-01", "2027-01");
    expect(sheet["资产总计"]).toEqual(["76500.00", "76500.00"]);
    expect(sheet["累计盈余"]).toEqual(["76500.00", "76500.00"]);
    await expect(tx((t) => closeYear(t, budget, set, 2026, {}, TEST_NOW))).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    // 净资产变动表 after the closing: 本年盈余 76500.00 is what 累计盈余 ends with; no year before 2026.
    const changes = await figures("net-asset-changes", "2026-01", "2026-12");
    expect(changes["（一）本年盈余"]!.slice(0, 4)).toEqual(["76500.00", "0.00", "0.00", "76500.00"]);
    expect(changes["五、本年年末余额"]).toEqual(["76500.00", "0.00", "0.00", "76500.00", "0.00", "0.00", "0.00", "0.00"]);
    // 2027 opens with it as 上年年末余额, and shows 2026 as 上年数.
    const nextChanges = await figures("net-asset-changes", "2027-01", "2027-01");
    expect(nextChanges["一、上年年末余额"]).toEqual(["76500.00", "0.00", "0.00", "76500.00", "0.00", "0.00", "0.00", "0.00"]);
    expect(nextChanges["五、本年年末余额"]!.slice(4)).toEqual(["76500.00", "0.00", "0.00", "76500.00"]);
  });
});

describe("净资产变动表", () => {
  const v = (closing: boolean, ...lines: [string, number][]): NetAssetVoucher => ({ closing, lines: lines.map(([account, yuan]) => ({ account, debitFen: yuan > 0 ? BigInt(yuan * 100) : 0n, creditFen: yuan < 0 ? BigInt(-yuan * 100) : 0n })) });
  const row = (s: ReturnType<typeof netAssetChanges>, label: string) => s.rows.find((r) => r.label.startsWith(label))!.values.slice(0, 4);
  const y = (yuan: number) => BigInt(yuan * 100);

  it("counts each change in its column, and the year-end is what the closing leaves in 3001, 3101 and 3201", () => {
    const opening = new Map([["3001", -y(50000)], ["3101", -y(8000)], ["1002", y(58000)]]);
    const vouchers = [
      v(false, ["1002", 20000], ["4001", -20000]),
      v(false, ["5001", 6000], ["1002", -6000]),
      v(false, ["3501", 700], ["1002", -700]), // a prior-year error corrected: −700
      v(false, ["1601", 1200], ["3401", -1200]), // an asset received free: +1200
      v(false, ["3101", 900], ["1002", -900]), // 专用基金 used
      v(false, ["5001", 400], ["3101", -400]), // 从预算收入中提取专用基金
      v(false, ["1002", 300], ["3001", -300]), // 归集调整
      v(false, ["1511", 250], ["3201", -250]),
    ];
    // The closing as planned: 本期盈余 14000 → 本年盈余分配, 提取专用基金 2000 from it, the rest with 3401 and 3501 to 3001.
    const start = new Map(opening);
    for (const x of vouchers) for (const l of x.lines) start.set(l.account, (start.get(l.account) ?? 0n) + l.debitFen - l.creditFen);
    const chart = new Map(builtInChart().map((a) => [a.code, a]));
    const plan = planYearClosing(start, chart, { unitKind: "publicInstitution", specialFundFen: y(2000) });
    expect(plan.ok).toBe(true);
    const closing = plan.ok ? plan.vouchers.map((c) => v(true, ...c.lines.map((l): [string, number] => [l.account, Number(l.debitFen - l.creditFen) / 100]))) : [];
    const s = netAssetChanges({ opening, vouchers: [...vouchers, ...closing] }, null);
    expect(row(s, "一、")).toEqual([y(50000), y(8000), 0n, y(58000)]);
    expect(row(s, "二、")).toEqual([-y(700), 0n, 0n, -y(700)]);
    expect(row(s, "三、")).toEqual([y(49300), y(8000), 0n, y(57300)]);
    expect(row(s, "（一）")).toEqual([y(13600), 0n, 0n, y(13600)]);
    expect(row(s, "（二）")).toEqual([y(1200), 0n, 0n, y(1200)]);
    expect(row(s, "（三）")).toEqual([y(300), 0n, 0n, y(300)]);
    expect(row(s, "（四）")).toEqual([-y(2000), y(2400), 0n, y(400)]);
    expect(row(s, "（五）")).toEqual([0n, -y(900), 0n, -y(900)]);
    expect(row(s, "（六）")).toEqual([0n, 0n, y(250), y(250)]);
    const end = row(s, "五、");
    const after = new Map(start);
    for (const c of closing) for (const l of c.lines) after.set(l.account, (after.get(l.account) ?? 0n) + l.debitFen - l.creditFen);
    expect(end).toEqual([-(after.get("3001") ?? 0n), -(after.get("3101") ?? 0n), -(after.get("3201") ?? 0n), y(49300 + 13600 + 1200 + 300 - 2000) + y(8000 + 2400 - 900) + y(250)]);
    expect(s.rows.find((r) => r.label.startsWith("四、"))!.values.slice(0, 4)).toEqual([y(13100), y(1500), y(250), y(14850)]);
  });

  it("shows zeros for a year with nothing, and 上年数 as zeros without a previous year", () => {
    const s = netAssetChanges({ opening: new Map(), vouchers: [] }, null);
    expect(s.columns).toHaveLength(9);
    expect(s.rows).toHaveLength(11);
    for (const r of s.rows) expect(r.values).toEqual(Array(8).fill(0n));
  });

  it("puts the previous year beside this one, and a one-fen surplus in its row", () => {
    const previous = { opening: new Map([["3001", -1n]]), vouchers: [v(false, ["1002", 0.01], ["4001", -0.01])] };
    const s = netAssetChanges({ opening: new Map([["3001", -2n]]), vouchers: [] }, previous);
    expect(s.rows.find((r) => r.label.startsWith("（一）"))!.values).toEqual([0n, 0n, 0n, 0n, 1n, 0n, 0n, 1n]);
    expect(s.rows.find((r) => r.label.startsWith("五、"))!.values).toEqual([2n, 0n, 0n, 2n, 2n, 0n, 0n, 2n]);
  });
});

describe("预算结转结余变动表", () => {
  const v = (closing: boolean, ...lines: [string, number][]): NetAssetVoucher => ({ closing, lines: lines.map(([account, yuan]) => ({ account, debitFen: yuan > 0 ? BigInt(Math.round(yuan * 100)) : 0n, creditFen: yuan < 0 ? BigInt(Math.round(-yuan * 100)) : 0n })) });
  const chart = new Map(builtInChart().map((a) => [a.code, a]));
  const names = new Map([...chart.values()].map((a) => [a.code, a.name]));
  const y = (yuan: number) => BigInt(Math.round(yuan * 100));
  const at = (s: ReturnType<typeof budgetCarryover>, i: number) => s.rows[i]!.values[0];

  it("reads the year's changes from the standard 明细, and its year-end ties to the opening plus the changes", () => {
    const opening = new Map([["810107", -y(20000)], ["820105", -y(5000)], ["8301", -y(800)], ["800102", y(25800)]]);
    const vouchers = [
      v(false, ["800102", 1000], ["810101", -1000]), // 年初余额调整 +1000
      v(false, ["800102", 3000], ["810102", -3000]), // 归集调入 +3000
      v(false, ["810104", 2000], ["800102", -2000]), // 归集上缴 −2000
      v(false, ["820102", 500], ["800102", -500]), // 缴回资金 −500
      v(false, ["8301", 300], ["800102", -300]), // 使用专用结余 −300
      v(false, ["800102", 50000], ["6001", -50000]),
      v(false, ["7101", 41000], ["800102", -41000]),
      v(false, ["800102", 600], ["660901", -600]),
    ];
    const start = new Map(opening);
    for (const x of vouchers) for (const l of x.lines) start.set(l.account, (start.get(l.account) ?? 0n) + l.debitFen - l.creditFen);
    const withFunds = new Map(chart);
    withFunds.set("6609", { ...withFunds.get("6609")!, isLeaf: false });
    withFunds.set("660901", { ...withFunds.get("6609")!, code: "660901", name: "专项资金收入", parentCode: "6609", isLeaf: true });
    const plan = planYearClosing(start, withFunds, { unitKind: "administrative", fiscalResidualFen: y(4000) });
    expect(plan.ok).toBe(true);
    const closing = plan.ok ? plan.vouchers.map((c) => v(true, ...c.lines.map((l): [string, number] => [l.account, Number(l.debitFen - l.creditFen) / 100]))) : [];
    const s = budgetCarryover(names, { opening, vouchers: [...vouchers, ...closing] }, null);
    expect(s.columns).toEqual(["项目", "本年数", "上年数"]);
    expect([0, 1, 2, 3].map((i) => at(s, i))).toEqual([y(25800), y(1000), y(1000), 0n]);
    expect([5, 6, 7, 8].map((i) => at(s, i))).toEqual([y(9000 + 3000 - 2000), y(9000), y(3000), -y(2000)]);
    expect([9, 10, 11, 12, 13].map((i) => at(s, i))).toEqual([y(600 - 500 - 300), y(600), -y(500), -y(300), 0n]);
    // 8101: 20000 + 1000 + 3000 − 2000 + 9000 − 4000 residue; 8102: 4000; 8201: 5000 − 500 + 600; 8301: 500.
    expect([15, 16, 17, 18, 19, 20, 21, 22].map((i) => at(s, i))).toEqual([y(31000), y(27000), y(4000), y(5600), y(5100), 0n, y(500), 0n]);
    expect(at(s, 14)).toBe(at(s, 0)! + at(s, 1)! + at(s, 4)!);
  });

  it("shows zeros for an empty year and puts the previous year in 上年数", () => {
    const empty = budgetCarryover(names, { opening: new Map(), vouchers: [] }, null);
    expect(empty.rows).toHaveLength(23);
    for (const r of empty.rows) expect(r.values).toEqual([0n, 0n]);
    const s = budgetCarryover(names, { opening: new Map([["810107", -1n]]), vouchers: [] }, { opening: new Map(), vouchers: [v(false, ["800102", 0.01], ["810102", -0.01])] });
    expect(s.rows[0]!.values).toEqual([1n, 0n]);
    expect(s.rows[7]!.values).toEqual([0n, 1n]);
  });
});


describe("现金流量表 of the worked year", () => {
  it("classifies each cash movement by its counter-account, direct payments as received and paid at once", async () => {
    const f = await figures("cash-flow", "2026-01", "2026-12");
    expect(f["财政基本支出拨款收到的现金"]).toEqual(["108000.00", "0.00"]);
    expect(f["日常活动的现金流入小计"]).toEqual(["108000.00", "0.00"]);
    expect(f["购买商品、接受劳务支付的现金"]).toEqual(["11000.00", "0.00"]);
    expect(f["支付给职工以及为职工支付的现金"]).toEqual(["20000.00", "0.00"]);
    expect(f["日常活动的现金流出小计"]).toEqual(["31000.00", "0.00"]);
    expect(f["日常活动产生的现金流量净额"]).toEqual(["77000.00", "0.00"]);
    expect(f["购建固定资产、无形资产、公共基础设施等支付的现金"]).toEqual(["6000.00", "0.00"]);
    expect(f["投资活动产生的现金流量净额"]).toEqual(["-6000.00", "0.00"]);
    expect(f["筹资活动产生的现金流量净额"]).toEqual(["0.00", "0.00"]);
    expect(f["五、现金净增加额"]).toEqual(["71000.00", "0.00"]);
  });

  it("net cash flow equals the change of the cash accounts (1001 1002 1011 1021 1201) over the year", async () => {
    const s = await statementOf(db, set, "cash-flow", "2026-01", "2026-12");
    const tb = await trialBalanceOf(db, set, "2026-01", "2026-12", 4);
    const cash = tb.filter((r) => ["1001", "1002", "1011", "1021", "1201"].includes(r.account));
    const change = cash.reduce((t, r) => t + r.closingDebitFen - r.closingCreditFen - (r.openingDebitFen - r.openingCreditFen), 0n);
    expect(s.rows.at(-1)!.values[0]).toBe(change);
    const january = await statementOf(db, set, "cash-flow", "2026-01", "2026-01");
    expect(january.rows.at(-1)!.values[0]).toBe(108000_00n - 31000_00n - 6000_00n);
  });
});

describe("财政拨款预算收入支出表 after the year closing", () => {
  it("opens 2027 with 2026's 年末 in 年初 (8101 under 基本支出, not by functional class) and 2026 in 上年数", async () => {
    const f = await figures("fiscal-appropriation", "2027-01", "2027-01");
    const none = Array.from({ length: 8 }, () => "0.00");
    const lastYear = ["0.00", "0.00", "0.00", "0.00", "0.00", "108000.00", "37000.00", "71000.00"];
    expect(f["　　未分功能分类"]).toEqual(["71000.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "71000.00", ...none]);
    expect(f["　　2010101"]).toEqual([...none, ...lastYear]);
    expect(f["总计"]!.slice(0, 8)).toEqual(["71000.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "71000.00"]);
    expect(f["总计"]!.slice(8)).toEqual(lastYear);
  });

  it("reads 归集调入 from 8101's 明细 by name, a project's under 项目支出, and 年末 follows", async () => {
    await book("2027-01-15", "收到归集调入的财政拨款结转资金", [dr("800101", "1234.56"), cr("810102", "1234.56", { project: "村道硬化" })], true);
    const s = await statementOf(db, set, "fiscal-appropriation", "2027-01", "2027-01");
    const row = (label: string, after = 0) => s.rows.find((r, i) => i >= after && r.label === label)!;
    const project = row("（二）项目支出");
    expect(project.values.slice(0, 8)).toEqual([0n, 0n, 1234_56n, 0n, 0n, 0n, 0n, 1234_56n]);
    expect(row("总计").values.slice(0, 8)).toEqual([71000_00n, 0n, 1234_56n, 0n, 0n, 0n, 0n, 72234_56n]);
  });
});
