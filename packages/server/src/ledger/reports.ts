// Books (journals, general and subsidiary ledgers, auxiliary ledgers), statements from the database,
// their Excel export, and year closing with opening balances carried into the new year.
import { and, asc, eq, gte, lte, ne, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { Db } from "../platform/db.ts";
import { invariant } from "../platform/errors.ts";
import { recordAudit } from "../audit/index.ts";
import { budgetUnit } from "../org/index.ts";
import { planFiscalYearClosing, planYearClosing, type ClosingOptions, type UnitKind } from "./closing.ts";
import { ledgerMonthTotal, ledgerPeriod, ledgerVoucher, ledgerVoucherLine } from "./tables.ts";
import { closeMonth, fail, loadChart, postSystemVoucher, type AccountSetRow, type LedgerActor } from "./service.ts";
import { balancesFor, parseMonth, trialBalanceOf } from "./balances.ts";
import { auxNames, sideColumns, trialBalanceTotals, voucherLabel, type AuxDimension, type ChartAccount, type Movement } from "./rules.ts";
import {
  balanceSheet,
  budgetCarryover,
  budgetRevenueExpenditure,
  netAssetChanges,
  reconciliation,
  revenueExpense,
  statementTitles,
  BUDGET_EXPENDITURE_CODES,
  BUDGET_REVENUE_CODES,
  EXPENSE_CODES,
  REVENUE_CODES,
  type Statement,
  type StatementCode,
  type VoucherEffect,
  type NetAssetVoucher,
  type NetAssetYear,
} from "./statements.ts";
import { cashFlow, type CashVoucher } from "./statementsCashFlow.ts";
import { appropriationEntriesOf, fiscalAppropriation, type AppropriationEntry } from "./statementsAppropriation.ts";
import { ledgerCategoryNames, type ReportTable as Table } from "@xiangcai/shared";
import { MONEY_NUMBER_FORMAT } from "../platform/excelMoney.ts";
import { workbookBuffer } from "../platform/sheetWriter.ts";
export type { Table };

const fen = (f: bigint) => {
  const n = f < 0n;
  const a = n ? -f : f;
  return `${n ? "-" : ""}${a / 100n}.${String(a % 100n).padStart(2, "0")}`;
};

function range(from: string, to: string) {
  const a = parseMonth(from, "from");
  const b = parseMonth(to, "to");
  if (a.year !== b.year || a.month > b.month) fail("VALIDATION_FAILED", "起止月份须在同一会计年度内，且起始不晚于截止。", [{ path: "to", message: "月份范围无效" }]);
  return { year: a.year, fromMonth: a.month, toMonth: b.month };
}

const direction = (balance: bigint) => (balance > 0n ? "借" : balance < 0n ? "贷" : "平");

// ---------------------------------------------------------------- books

/**
 * The subsidiary ledger (明细账) of an account and everything under it, with a running balance;
 * on 1001 it is the cash journal (现金日记账), on 1002 the bank journal (银行存款日记账).
 */
export async function subsidiaryLedger(db: Db, set: AccountSetRow, account: string, from: string, to: string): Promise<Table> {
  const { year, fromMonth, toMonth } = range(from, to);
  const chart = await loadChart(db, set);
  const target = chart.get(account);
  if (!target) return fail("UNKNOWN_ACCOUNT", `科目 ${account} 不存在。`);
  const { opening } = await balancesFor(db, set, year, fromMonth, toMonth);
  let balance = 0n;
  for (const [code, v] of opening) if (code.startsWith(account)) balance += v;
  const lines = await db
    .select({ v: ledgerVoucher, l: ledgerVoucherLine })
    .from(ledgerVoucherLine)
    .innerJoin(ledgerVoucher, and(eq(ledgerVoucher.regionCode, ledgerVoucherLine.regionCode), eq(ledgerVoucher.id, ledgerVoucherLine.voucherId)))
    .where(and(eq(ledgerVoucherLine.regionCode, set.regionCode), eq(ledgerVoucherLine.setId, set.id), sql`${ledgerVoucherLine.accountCode} like ${`${account}%`}`, eq(ledgerVoucher.status, "posted"), eq(ledgerVoucher.year, year), gte(ledgerVoucher.month, fromMonth), lte(ledgerVoucher.month, toMonth)))
    .orderBy(asc(ledgerVoucher.month), asc(ledgerVoucher.number), asc(ledgerVoucherLine.lineNo));
  const rows: Table["rows"] = [{ date: `${year}-${String(fromMonth).padStart(2, "0")}-01`, voucher: "", summary: "期初余额", account: "", debit: null, credit: null, direction: direction(balance), balance: fen(balance < 0n ? -balance : balance) }];
  let debit = 0n;
  let credit = 0n;
  for (const { v, l } of lines) {
    balance += l.debitFen - l.creditFen;
    debit += l.debitFen;
    credit += l.creditFen;
    rows.push({
      date: v.voucherDate,
      voucher: voucherLabel(v.number),
      summary: l.summary ?? v.summary,
      account: l.accountCode === account ? "" : `${l.accountCode} ${chart.get(l.accountCode)?.name ?? ""}`,
      debit: l.debitFen !== 0n ? fen(l.debitFen) : null,
      credit: l.creditFen !== 0n ? fen(l.creditFen) : null,
      direction: direction(balance),
      balance: fen(balance < 0n ? -balance : balance),
    });
  }
  rows.push({ date: "", voucher: "", summary: "本期合计", account: "", debit: fen(debit), credit: fen(credit), direction: direction(balance), balance: fen(balance < 0n ? -balance : balance) });
  const bookName = account === "1001" ? "现金日记账" : account === "1002" ? "银行存款日记账" : "明细账";
  return {
    title: `${bookName}：${account} ${target.name}`,
    subtitle: `${set.name} ${from} 至 ${to}`,
    columns: [
      { key: "date", header: "日期", width: 12 },
      { key: "voucher", header: "凭证号", width: 10 },
      { key: "summary", header: "摘要", width: 36 },
      { key: "account", header: "明细科目", width: 20 },
      { key: "debit", header: "借方", money: true },
      { key: "credit", header: "贷方", money: true },
      { key: "direction", header: "方向", width: 6 },
      { key: "balance", header: "余额", money: true },
    ],
    rows,
  };
}

/** The general ledger (总账): each first-level account's opening, monthly totals, year to date and balance. */
export async function generalLedger(db: Db, set: AccountSetRow, from: string, to: string): Promise<Table> {
  const { year, fromMonth, toMonth } = range(from, to);
  const chart = await loadChart(db, set);
  const totals = await db
    .select({ month: ledgerMonthTotal.month, account: sql<string>`substr(${ledgerMonthTotal.accountCode}, 1, 4)`, debitFen: sql<string>`sum(${ledgerMonthTotal.debitFen})`, creditFen: sql<string>`sum(${ledgerMonthTotal.creditFen})` })
    .from(ledgerMonthTotal)
    .where(and(eq(ledgerMonthTotal.regionCode, set.regionCode), eq(ledgerMonthTotal.setId, set.id), eq(ledgerMonthTotal.year, year), lte(ledgerMonthTotal.month, toMonth)))
    .groupBy(ledgerMonthTotal.month, sql`substr(${ledgerMonthTotal.accountCode}, 1, 4)`)
    .orderBy(sql`2`, asc(ledgerMonthTotal.month));
  const rows: Table["rows"] = [];
  const accounts = [...new Set(totals.map((t) => t.account))].sort();
  for (const account of accounts) {
    const mine = totals.filter((t) => t.account === account);
    let balance = 0n;
    let yearDebit = 0n;
    let yearCredit = 0n;
    for (const t of mine.filter((t) => t.month < fromMonth)) {
      balance += BigInt(t.debitFen) - BigInt(t.creditFen);
      if (t.month > 0) {
        yearDebit += BigInt(t.debitFen);
        yearCredit += BigInt(t.creditFen);
      }
    }
    const name = `${account} ${chart.get(account)?.name ?? ""}`;
    rows.push({ account: name, month: "", summary: "期初余额", debit: null, credit: null, direction: direction(balance), balance: fen(balance < 0n ? -balance : balance) });
    for (let month = fromMonth; month <= toMonth; month++) {
      const t = mine.find((x) => x.month === month);
      const d = BigInt(t?.debitFen ?? 0);
      const c = BigInt(t?.creditFen ?? 0);
      balance += d - c;
      yearDebit += d;
      yearCredit += c;
      if (!t) continue;
      rows.push({ account: name, month: `${year}-${String(month).padStart(2, "0")}`, summary: "本月合计", debit: fen(d), credit: fen(c), direction: direction(balance), balance: fen(balance < 0n ? -balance : balance) });
      rows.push({ account: name, month: `${year}-${String(month).padStart(2, "0")}`, summary: "本年累计", debit: fen(yearDebit), credit: fen(yearCredit), direction: direction(balance), balance: fen(balance < 0n ? -balance : balance) });
    }
  }
  return {
    title: "总账",
    subtitle: `${set.name} ${from} 至 ${to}`,
    columns: [
      { key: "account", header: "科目", width: 24 },
      { key: "month", header: "月份", width: 10 },
      { key: "summary", header: "摘要", width: 12 },
      { key: "debit", header: "借方", money: true },
      { key: "credit", header: "贷方", money: true },
      { key: "direction", header: "方向", width: 6 },
      { key: "balance", header: "余额", money: true },
    ],
    rows,
  };
}

/** An auxiliary-dimension ledger (辅助账): an account's movements by functional code, economic code, project… */
export async function auxiliaryLedger(db: Db, set: AccountSetRow, account: string, dimension: AuxDimension, from: string, to: string): Promise<Table> {
  const { year, fromMonth, toMonth } = range(from, to);
  const column = { functional: ledgerVoucherLine.functionalCode, economic: ledgerVoucherLine.economicCode, project: ledgerVoucherLine.project, payee: ledgerVoucherLine.payee, department: ledgerVoucherLine.department, revenue: ledgerVoucherLine.revenueCode }[dimension];
  const found = await db
    .select({ value: column, debitFen: sql<string>`sum(${ledgerVoucherLine.debitFen})`, creditFen: sql<string>`sum(${ledgerVoucherLine.creditFen})`, n: sql<string>`count(*)` })
    .from(ledgerVoucherLine)
    .innerJoin(ledgerVoucher, and(eq(ledgerVoucher.regionCode, ledgerVoucherLine.regionCode), eq(ledgerVoucher.id, ledgerVoucherLine.voucherId)))
    .where(and(eq(ledgerVoucherLine.regionCode, set.regionCode), eq(ledgerVoucherLine.setId, set.id), sql`${ledgerVoucherLine.accountCode} like ${`${account}%`}`, eq(ledgerVoucher.status, "posted"), ne(ledgerVoucher.kind, "closing"), eq(ledgerVoucher.year, year), gte(ledgerVoucher.month, fromMonth), lte(ledgerVoucher.month, toMonth)))
    .groupBy(column)
    .orderBy(column);
  return {
    title: `辅助账：${account} 按${auxNames[dimension]}`,
    subtitle: `${set.name} ${from} 至 ${to}（不含年终结转）`,
    columns: [
      { key: "value", header: auxNames[dimension], width: 20 },
      { key: "lines", header: "笔数", width: 8 },
      { key: "debit", header: "借方", money: true },
      { key: "credit", header: "贷方", money: true },
      { key: "net", header: "借方净额", money: true },
    ],
    rows: found.map((r) => ({ value: r.value ?? "（未填）", lines: Number(r.n), debit: fen(BigInt(r.debitFen)), credit: fen(BigInt(r.creditFen)), net: fen(BigInt(r.debitFen) - BigInt(r.creditFen)) })),
  };
}

/** The trial balance as a table (科目余额表), at first level or every level. */
export async function trialBalanceTable(db: Db, set: AccountSetRow, from: string, to: string, level = 4): Promise<Table> {
  const rows = await trialBalanceOf(db, set, from, to, level);
  const t = trialBalanceTotals(rows);
  const money = (r: typeof t) => ({
    openingDebit: fen(r.openingDebitFen),
    openingCredit: fen(r.openingCreditFen),
    periodDebit: fen(r.periodDebitFen),
    periodCredit: fen(r.periodCreditFen),
    closingDebit: fen(r.closingDebitFen),
    closingCredit: fen(r.closingCreditFen),
  });
  return {
    title: "科目余额表",
    subtitle: `${set.name} ${from} 至 ${to}`,
    columns: [
      { key: "account", header: "科目代码", width: 12 },
      { key: "name", header: "科目名称", width: 22 },
      { key: "basis", header: "核算", width: 8 },
      { key: "openingDebit", header: "期初借方", money: true },
      { key: "openingCredit", header: "期初贷方", money: true },
      { key: "periodDebit", header: "本期借方", money: true },
      { key: "periodCredit", header: "本期贷方", money: true },
      { key: "closingDebit", header: "期末借方", money: true },
      { key: "closingCredit", header: "期末贷方", money: true },
    ],
    rows: [...rows.map((r) => ({ account: r.account, name: r.name, basis: r.basis === "financial" ? "财务" : "预算", ...money(r) })), { account: "合计", name: "", basis: "", ...money(t) }],
  };
}

// ---------------------------------------------------------------- statements

interface LineSum {
  voucherId: string;
  kind: string;
  month: number;
  account: string;
  functionalCode: string | null;
  /** The line carries a project (辅助核算 项目). */
  project: boolean;
  debitFen: bigint;
  creditFen: bigint;
}

async function lineSums(db: Db, set: AccountSetRow, year: number, toMonth: number): Promise<LineSum[]> {
  const found = await db
    .select({
      voucherId: ledgerVoucher.id,
      kind: ledgerVoucher.kind,
      month: ledgerVoucher.month,
      account: ledgerVoucherLine.accountCode,
      functionalCode: ledgerVoucherLine.functionalCode,
      project: sql<boolean>`(${ledgerVoucherLine.project} is not null)`,
      debitFen: sql<string>`sum(${ledgerVoucherLine.debitFen})`,
      creditFen: sql<string>`sum(${ledgerVoucherLine.creditFen})`,
    })
    .from(ledgerVoucherLine)
    .innerJoin(ledgerVoucher, and(eq(ledgerVoucher.regionCode, ledgerVoucherLine.regionCode), eq(ledgerVoucher.id, ledgerVoucherLine.voucherId)))
    .where(and(eq(ledgerVoucherLine.regionCode, set.regionCode), eq(ledgerVoucherLine.setId, set.id), eq(ledgerVoucher.status, "posted"), eq(ledgerVoucher.year, year), lte(ledgerVoucher.month, toMonth)))
    .groupBy(ledgerVoucher.id, ledgerVoucher.kind, ledgerVoucher.month, ledgerVoucherLine.accountCode, ledgerVoucherLine.functionalCode, sql`(${ledgerVoucherLine.project} is not null)`);
  return found.map((r) => ({ ...r, project: Boolean(r.project), debitFen: BigInt(r.debitFen), creditFen: BigInt(r.creditFen) }));
}

function movementsOf(lines: LineSum[], keep: (l: LineSum) => boolean): Map<string, Movement> {
  const m = new Map<string, Movement>();
  for (const l of lines) {
    if (!keep(l)) continue;
    const x = m.get(l.account) ?? { debitFen: 0n, creditFen: 0n };
    x.debitFen += l.debitFen;
    x.creditFen += l.creditFen;
    m.set(l.account, x);
  }
  return m;
}

/** The year's posted vouchers up to a month, closing excluded, with the aux the 现金流量表 reads. */
async function cashVouchers(db: Db, set: AccountSetRow, year: number, toMonth: number): Promise<CashVoucher[]> {
  const found = await db
    .select({ voucherId: ledgerVoucher.id, account: ledgerVoucherLine.accountCode, debitFen: ledgerVoucherLine.debitFen, creditFen: ledgerVoucherLine.creditFen, economicCode: ledgerVoucherLine.economicCode, project: ledgerVoucherLine.project })
    .from(ledgerVoucherLine)
    .innerJoin(ledgerVoucher, and(eq(ledgerVoucher.regionCode, ledgerVoucherLine.regionCode), eq(ledgerVoucher.id, ledgerVoucherLine.voucherId)))
    .where(and(eq(ledgerVoucherLine.regionCode, set.regionCode), eq(ledgerVoucherLine.setId, set.id), eq(ledgerVoucher.status, "posted"), ne(ledgerVoucher.kind, "closing"), eq(ledgerVoucher.year, year), lte(ledgerVoucher.month, toMonth)));
  const byVoucher = new Map<string, CashVoucher["lines"][number][]>();
  for (const { voucherId, ...line } of found) byVoucher.set(voucherId, [...(byVoucher.get(voucherId) ?? []), line]);
  return [...byVoucher.values()].map((lines) => ({ lines }));
}

/** The amounts of a year's 财政拨款预算收入支出表 from its opening balances and lines (statementsAppropriation.ts). */
async function appropriationEntries(db: Db, set: AccountSetRow, chart: ReadonlyMap<string, ChartAccount>, year: number, lines: LineSum[]): Promise<AppropriationEntry[]> {
  return appropriationEntriesOf((await balancesFor(db, set, year, 1, 1)).opening, lines, chart);
}

export async function statementOf(db: Db, set: AccountSetRow, code: StatementCode, from: string, to: string, functionNames: ReadonlyMap<string, string> = new Map()): Promise<Statement> {
  const { year, fromMonth, toMonth } = range(from, to);
  const chart = await loadChart(db, set);
  const names = new Map([...chart.values()].map((a) => [a.code, a.name]));
  if (code === "balance-sheet") {
    const start = (await balancesFor(db, set, year, 1, 1)).opening;
    const { opening, period } = await balancesFor(db, set, year, 1, toMonth);
    const end = new Map(opening);
    for (const [c, m] of period) end.set(c, (end.get(c) ?? 0n) + m.debitFen - m.creditFen);
    return balanceSheet(start, end);
  }
  if (code === "cash-flow") return cashFlow(await cashVouchers(db, set, year, toMonth), year > set.startYear ? await cashVouchers(db, set, year - 1, 12) : null);
  const lines = await lineSums(db, set, year, toMonth);
  const inPeriod = (l: LineSum) => l.kind !== "closing" && l.month >= fromMonth;
  const inYear = (l: LineSum) => l.kind !== "closing";
  if (code === "revenue-expense") return revenueExpense(names, movementsOf(lines, inPeriod), movementsOf(lines, inYear));
  if (code === "budget-revenue-expenditure") return budgetRevenueExpenditure(names, movementsOf(lines, inPeriod), movementsOf(lines, inYear));
  if (code === "fiscal-appropriation") {
    const previous = year > set.startYear ? await appropriationEntries(db, set, chart, year - 1, await lineSums(db, set, year - 1, 12)) : null;
    return fiscalAppropriation(await appropriationEntries(db, set, chart, year, lines), previous, functionNames);
  }
  if (code === "net-asset-changes" || code === "budget-carryover") {
    const yearOf = async (y: number, lastMonth: number, sums: LineSum[]): Promise<NetAssetYear> => {
      const byVoucher = new Map<string, NetAssetVoucher & { lines: LineSum[] }>();
      for (const l of sums) {
        if (l.month > lastMonth) continue;
        const v = byVoucher.get(l.voucherId) ?? { closing: l.kind === "closing", lines: [] };
        v.lines.push(l);
        byVoucher.set(l.voucherId, v);
      }
      return { opening: (await balancesFor(db, set, y, 1, 1)).opening, vouchers: [...byVoucher.values()] };
    };
    const previous = year > set.startYear ? await yearOf(year - 1, 12, await lineSums(db, set, year - 1, 12)) : null;
    const current = await yearOf(year, toMonth, lines);
    return code === "budget-carryover" ? budgetCarryover(names, current, previous) : netAssetChanges(current, previous);
  }
  invariant(code === "reconciliation", `statement ${code}`);
  const effects = new Map<string, VoucherEffect>();
  for (const l of lines) {
    if (!inPeriod(l)) continue;
    const e = effects.get(l.voucherId) ?? { revenueFen: 0n, expenseFen: 0n, budgetRevenueFen: 0n, budgetExpenditureFen: 0n };
    const first = l.account.slice(0, 4);
    if (REVENUE_CODES.includes(first)) e.revenueFen += l.creditFen - l.debitFen;
    else if (EXPENSE_CODES.includes(first)) e.expenseFen += l.debitFen - l.creditFen;
    else if (BUDGET_REVENUE_CODES.includes(first)) e.budgetRevenueFen += l.creditFen - l.debitFen;
    else if (BUDGET_EXPENDITURE_CODES.includes(first)) e.budgetExpenditureFen += l.debitFen - l.creditFen;
    effects.set(l.voucherId, e);
  }
  return reconciliation([...effects.values()]);
}

export function statementTable(s: Omit<Statement, "code"> & { code: string; percentColumns?: number[] }, set: AccountSetRow, from: string, to: string): Table {
  const percent = new Set(s.percentColumns ?? []);
  const atEnd = s.code === "balance-sheet" || s.code === "fiscal-balance-sheet";
  return {
    title: s.title,
    subtitle: `编制单位：${set.name} ${atEnd ? `${to} 末` : `${from} 至 ${to}`} 单位：元`,
    // Percentages are hundredths of a percent, written with two decimals like amounts, but not money.
    columns: s.columns.map((header, i) => (i === 0 ? { key: "label", header, width: 44 } : { key: `v${i}`, header, money: !percent.has(i) })),
    // `total` marks subtotal rows for display; it is not a column, so Excel leaves it out.
    rows: s.rows.map((r) => ({ label: r.label, ...Object.fromEntries(r.values.map((v, i) => [`v${i + 1}`, r.blanks?.includes(i) ? "" : fen(v)])), total: r.total ? 1 : 0 })),
    ...(s.note ? { note: s.note } : {}),
  };
}

export { statementTitles };

// ---------------------------------------------------------------- Excel

/** Any book or statement as an .xlsx workbook: title, subtitle, header, amounts as numbers with two decimals. */
/** A set's chart as a table (会计科目表), for its Excel download. */
export function chartTable(set: Pick<AccountSetRow, "code" | "name">, chart: Iterable<ChartAccount>): Table {
  const rows: Table["rows"] = [...chart].map((a) => ({
    code: a.code,
    name: a.name,
    level: (a.code.length - 2) / 2,
    category: ledgerCategoryNames[a.category] ?? a.category,
    side: a.normalSide === "debit" ? "借" : "贷",
    basis: a.basis === "financial" ? "财务会计" : "预算会计",
    aux: a.requiredAux.map((d) => auxNames[d]).join("、"),
    leaf: a.isLeaf ? "是" : "",
  }));
  return {
    title: "会计科目表",
    subtitle: `${set.code} ${set.name}`,
    columns: [
      { key: "code", header: "科目编码", width: 14 },
      { key: "name", header: "科目名称", width: 30 },
      { key: "level", header: "级次", width: 6 },
      { key: "category", header: "会计要素", width: 12 },
      { key: "side", header: "余额方向", width: 8 },
      { key: "basis", header: "财务/预算", width: 10 },
      { key: "aux", header: "辅助核算", width: 24 },
      { key: "leaf", header: "末级", width: 6 },
    ],
    rows,
  };
}

export async function tableToXlsx(table: Table): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "乡财";
  const sheet = workbook.addWorksheet(table.title.slice(0, 31).replace(/[\\/?*[\]:]/g, " "));
  sheet.columns = table.columns.map((c) => ({ key: c.key, width: c.width ?? 16 }));
  sheet.mergeCells(1, 1, 1, table.columns.length);
  sheet.getCell(1, 1).value = table.title;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(1, 1).alignment = { horizontal: "center" };
  sheet.mergeCells(2, 1, 2, table.columns.length);
  sheet.getCell(2, 1).value = table.subtitle;
  const header = sheet.getRow(3);
  table.columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
    header.getCell(i + 1).font = { bold: true };
  });
  for (const row of table.rows) {
    const added = sheet.addRow(
      table.columns.map((c) => {
        const v = row[c.key];
        // Amounts go in as numbers for the spreadsheet's own sums; two decimals are exact in a double.
        return c.money && typeof v === "string" && v !== "" ? Number(v) : (v ?? "");
      }),
    );
    table.columns.forEach((c, i) => {
      if (c.money) added.getCell(i + 1).numFmt = MONEY_NUMBER_FORMAT;
    });
  }
  if (table.note) {
    const noteRow = sheet.addRow([`注：${table.note}`]);
    sheet.mergeCells(noteRow.number, 1, noteRow.number, table.columns.length);
    noteRow.getCell(1).alignment = { wrapText: true, vertical: "top" };
    noteRow.height = 48;
  }
  return await workbookBuffer(workbook);
}

// ---------------------------------------------------------------- year closing

/**
 * Year closing (年终结账): the closing vouchers of closing.ts posted in December in order, December
 * closed, every balance carried into the new year as its opening balance, the new year's months
 * opened. `options` carries the amounts only the accountant knows (专用基金, 专用结余, residue of
 * completed projects); the unit's kind (行政/事业) comes from the set's budget unit.
 */
export async function closeYear(tx: Db, actor: LedgerActor, set: AccountSetRow, year: number, options: Omit<ClosingOptions, "unitKind"> = {}, now: Date): Promise<{ vouchers: string[] }> {
  const periods = await tx.select().from(ledgerPeriod).where(and(eq(ledgerPeriod.regionCode, set.regionCode), eq(ledgerPeriod.setId, set.id), eq(ledgerPeriod.year, year))).orderBy(asc(ledgerPeriod.month));
  if (periods.length !== 12) fail("NOT_FOUND", `账套没有${year}年度。`);
  const openBefore = periods.filter((p) => p.month < 12 && p.status === "open");
  if (openBefore.length) fail("PERIOD_NOT_READY", `请先结账${year}年${openBefore[0]!.month}月，再做年终结账。`);
  if (periods[11]!.status === "closed") fail("INVALID_TRANSITION", `${year}年已年终结账。`);
  const [closingDone] = await tx.select({ id: ledgerVoucher.id }).from(ledgerVoucher).where(and(eq(ledgerVoucher.regionCode, set.regionCode), eq(ledgerVoucher.setId, set.id), eq(ledgerVoucher.year, year), eq(ledgerVoucher.kind, "closing"))).limit(1);
  if (closingDone) fail("INVALID_TRANSITION", `${year}年已生成年终结转凭证。`);
  const unit = set.budgetUnitId ? (await tx.select({ kind: budgetUnit.kind }).from(budgetUnit).where(and(eq(budgetUnit.regionCode, set.regionCode), eq(budgetUnit.id, set.budgetUnitId))))[0] : undefined;
  const unitKind: UnitKind = unit?.kind === "publicInstitution" ? "publicInstitution" : "administrative";
  // Month 13 does not exist, so "opening before month 13" is every posted movement of the year.
  const balancesNow = async () => (await balancesFor(tx, set, year, 13, 12)).opening;
  // A set's kind decides its closing rules: 政府会计制度 for a unit's books, 财政总会计制度 for the township's.
  if (set.kind === "fiscal" && Object.values(options).some((v) => v !== undefined)) fail("VALIDATION_FAILED", "财政总会计账套年终结账不提取专用基金、专用结余，也不结转项目剩余资金。", [{ path: "body", message: "财政总会计不适用" }]);
  const plan = set.kind === "fiscal" ? planFiscalYearClosing(await balancesNow(), await loadChart(tx, set)) : planYearClosing(await balancesNow(), await loadChart(tx, set), { ...options, unitKind });
  if (!plan.ok) return fail("VALIDATION_FAILED", plan.message, [{ path: "body", message: plan.message }]);
  const made: string[] = [];
  for (const v of plan.vouchers) made.push((await postSystemVoucher(tx, actor, set.id, { date: `${year}-12-31`, summary: v.summary, lines: v.lines }, { kind: "closing" }, now)).id);
  await closeMonth(tx, actor, set.id, year, 12, now);
  const carried = [...(await balancesNow())].filter(([, v]) => v !== 0n);
  const next = year + 1;
  await tx.insert(ledgerPeriod).values(Array.from({ length: 12 }, (_, i) => ({ regionCode: set.regionCode, setId: set.id, year: next, month: i + 1, status: "open" as const }))).onConflictDoNothing();
  if (carried.length) {
    await tx
      .insert(ledgerMonthTotal)
      .values(carried.map(([accountCode, v]) => ({ regionCode: set.regionCode, setId: set.id, year: next, month: 0, accountCode, ...sideColumns(v) })))
      .onConflictDoNothing();
  }
  await recordAudit(tx, { regionCode: set.regionCode.slice(0, 9), actor: { id: actor.userId, name: actor.displayName }, action: "ledger.yearClosed", entityType: "ledgerAccountSet", entityId: set.id, after: { year, unitKind, closingVouchers: made.length, openingBalancesCarried: carried.length, options: Object.fromEntries(Object.entries(options).map(([k, v]) => [k, String(v)])) } }, now);
  return { vouchers: made };
}

export async function openingBalancesOf(db: Db, set: AccountSetRow, year: number) {
  return db.select().from(ledgerMonthTotal).where(and(eq(ledgerMonthTotal.regionCode, set.regionCode), eq(ledgerMonthTotal.setId, set.id), eq(ledgerMonthTotal.year, year), eq(ledgerMonthTotal.month, 0)));
}

