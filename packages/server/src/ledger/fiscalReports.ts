// The fiscal general accounts' statements from the database: balances and movements of the
// township's fiscal set, the approved budget of the year (budget's face) and the catalogue names,
// handed to the pure shapes of fiscalStatements.ts. Also the face the final accounts read:
// fiscalStatementOf by township and year.
import { and, eq, gte, lte, ne, sql } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { approvedBudgetOf } from "../budget/index.ts";
import { classificationNames } from "../catalog/index.ts";
import { fail, loadChart, type AccountSetRow } from "./service.ts";
import { balancesFor, parseMonth } from "./balances.ts";
import { ledgerAccountSet, ledgerVoucher, ledgerVoucherLine } from "./tables.ts";
import { fiscalFundOf, OWN_EXPENDITURE_ACCOUNT, OWN_REVENUE_ACCOUNT, CARRYOVER_ACCOUNT } from "./fiscalRules.ts";
import { reconciliation, type VoucherEffect } from "./statements.ts";
import type { ChartAccount, Movement } from "./rules.ts";
import {
  budgetExecution,
  fiscalBalanceSheet,
  fiscalBudgetRevenueExpenditure,
  fiscalRevenueExpense,
  fundInOut,
  FISCAL_STATEMENT_CODES,
  fiscalStatementTitles,
  type ActualFigures,
  type BudgetFigures,
  type FiscalStatement,
  type FiscalStatementCode,
} from "./fiscalStatements.ts";

export { FISCAL_STATEMENT_CODES, fiscalStatementTitles, type FiscalStatement, type FiscalStatementCode };

interface FiscalLine {
  voucherId: string;
  month: number;
  account: string;
  functionalCode: string | null;
  revenueCode: string | null;
  debitFen: bigint;
  creditFen: bigint;
}

/** Posted lines of the year up to `toMonth`, closing vouchers left out, summed per voucher, account and class. */
async function fiscalLines(db: Db, set: AccountSetRow, year: number, fromMonth: number, toMonth: number): Promise<FiscalLine[]> {
  const found = await db
    .select({
      voucherId: ledgerVoucher.id,
      month: ledgerVoucher.month,
      account: ledgerVoucherLine.accountCode,
      functionalCode: ledgerVoucherLine.functionalCode,
      revenueCode: ledgerVoucherLine.revenueCode,
      debitFen: sql<string>`sum(${ledgerVoucherLine.debitFen})`,
      creditFen: sql<string>`sum(${ledgerVoucherLine.creditFen})`,
    })
    .from(ledgerVoucher)
    .innerJoin(ledgerVoucherLine, and(eq(ledgerVoucherLine.regionCode, ledgerVoucher.regionCode), eq(ledgerVoucherLine.voucherId, ledgerVoucher.id)))
    // The period's vouchers by their (region, set, year, month, status) index, then each one's lines by
    // primary key: a plan that stays good without table statistics (PGlite has no autovacuum to gather
    // them), where filtering the lines by set first made the planner loop over every voucher per line.
    .where(
      and(
        eq(ledgerVoucher.regionCode, set.regionCode),
        eq(ledgerVoucher.setId, set.id),
        eq(ledgerVoucher.status, "posted"),
        ne(ledgerVoucher.kind, "closing"),
        eq(ledgerVoucher.year, year),
        gte(ledgerVoucher.month, fromMonth),
        lte(ledgerVoucher.month, toMonth),
      ),
    )
    .groupBy(ledgerVoucher.id, ledgerVoucher.month, ledgerVoucherLine.accountCode, ledgerVoucherLine.functionalCode, ledgerVoucherLine.revenueCode);
  return found.map((r) => ({ ...r, debitFen: BigInt(r.debitFen), creditFen: BigInt(r.creditFen) }));
}

function movementsOf(lines: readonly FiscalLine[], keep: (l: FiscalLine) => boolean = () => true): Map<string, Movement> {
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

function addTo(map: Map<string, bigint>, key: string, fen: bigint) {
  map.set(key, (map.get(key) ?? 0n) + fen);
}

/** The books' side of an execution table: own revenue by class, own expenditure by function, transfers by 明细. */
function actualFigures(chart: ReadonlyMap<string, ChartAccount>, lines: readonly FiscalLine[], startBalances: ReadonlyMap<string, bigint>, fund: "generalBudget" | "governmentFund" | "stateCapital"): ActualFigures {
  const revenueByClass = new Map<string, bigint>();
  const expenditureByFunction = new Map<string, bigint>();
  const sums = { transferFen: 0n, transferInFen: 0n, remittanceFen: 0n, transferOutFen: 0n };
  for (const l of lines) {
    const first = l.account.slice(0, 4);
    if (first === OWN_REVENUE_ACCOUNT[fund]) addTo(revenueByClass, l.revenueCode ?? "未填收入分类", l.creditFen - l.debitFen);
    else if (first === OWN_EXPENDITURE_ACCOUNT[fund]) addTo(expenditureByFunction, l.functionalCode ?? "未填功能分类", l.debitFen - l.creditFen);
    else if (fiscalFundOf(l.account, chart) !== fund) continue;
    else if (first === "6011") sums.transferFen += l.creditFen - l.debitFen;
    else if (first === "6021") sums.transferInFen += l.creditFen - l.debitFen;
    else if (first === "7012") sums.remittanceFen += l.debitFen - l.creditFen;
    else if (first === "7021") sums.transferOutFen += l.debitFen - l.creditFen;
  }
  let carryOverFen = 0n;
  for (const [code, b] of startBalances) if (code.startsWith(CARRYOVER_ACCOUNT[fund])) carryOverFen -= b;
  return { revenueByClass, expenditureByFunction, carryOverFen, ...sums };
}

async function budgetFigures(db: Db, set: AccountSetRow, year: number, fund: "generalBudget" | "governmentFund" | "stateCapital"): Promise<BudgetFigures> {
  const approved = await approvedBudgetOf(db, set.regionCode, year);
  const figures = { revenueByClass: new Map<string, bigint>(), expenditureByFunction: new Map<string, bigint>(), transferFen: 0n, transferInFen: 0n, carryOverFen: 0n, remittanceFen: 0n, transferOutFen: 0n };
  // 国有资本经营预算 is prepared apart: its 预算数 stays empty here.
  if (!approved || fund === "stateCapital") return figures;
  for (const r of approved.revenue) {
    if (r.fund !== fund) continue;
    if (r.kind === "tax" || r.kind === "nonTax") addTo(figures.revenueByClass, r.revenueCode ?? "", r.amountFen);
    else if (r.kind === "transfer") figures.transferFen += r.amountFen;
    else if (r.kind === "transferIn") figures.transferInFen += r.amountFen;
    else if (r.kind === "carryOver") figures.carryOverFen += r.amountFen;
    else if (r.kind === "remittance") figures.remittanceFen += r.amountFen;
    else figures.transferOutFen += r.amountFen;
  }
  for (const e of approved.expenditure) if (e.fund === fund) addTo(figures.expenditureByFunction, e.functionalCode, e.amountFen);
  return figures;
}

/** One statement of a fiscal set over a month range of one year. */
export async function fiscalStatementOf(db: Db, set: AccountSetRow, code: FiscalStatementCode, from: string, to: string): Promise<FiscalStatement> {
  if (set.kind !== "fiscal") return fail("VALIDATION_FAILED", `${fiscalStatementTitles[code]}是财政总会计的报表，账套 ${set.code} 是单位会计账套。`, [{ path: "statement", message: "不适用于该账套" }]);
  const a = parseMonth(from, "from");
  const b = parseMonth(to, "to");
  if (a.year !== b.year || a.month > b.month) fail("VALIDATION_FAILED", "起止月份须在同一会计年度内，且起始不晚于截止。", [{ path: "to", message: "月份范围无效" }]);
  const year = a.year;
  const chart = await loadChart(db, set);
  const start = (await balancesFor(db, set, year, 1, 1)).opening;
  const endOf = async () => {
    const { opening, period } = await balancesFor(db, set, year, 1, b.month);
    const end = new Map(opening);
    for (const [c, m] of period) end.set(c, (end.get(c) ?? 0n) + m.debitFen - m.creditFen);
    return end;
  };
  if (code === "fiscal-balance-sheet") return fiscalBalanceSheet(chart, start, await endOf());
  const yearLines = await fiscalLines(db, set, year, 1, b.month);
  const periodLines = yearLines.filter((l) => l.month >= a.month);
  if (code === "fiscal-revenue-expense") return fiscalRevenueExpense(chart, movementsOf(periodLines), movementsOf(yearLines));
  if (code === "fiscal-budget-revenue-expenditure") return fiscalBudgetRevenueExpenditure(chart, movementsOf(periodLines));
  if (code === "special-account" || code === "special-fund") {
    const opening = (await balancesFor(db, set, year, a.month, a.month)).opening;
    return fundInOut(code === "special-account" ? "specialAccount" : "specialFund", opening, movementsOf(periodLines), await endOf());
  }
  if (code === "fiscal-reconciliation") {
    const effects = new Map<string, VoucherEffect>();
    for (const l of periodLines) {
      const e = effects.get(l.voucherId) ?? { revenueFen: 0n, expenseFen: 0n, budgetRevenueFen: 0n, budgetExpenditureFen: 0n };
      const digit = l.account[0];
      if (digit === "4") e.revenueFen += l.creditFen - l.debitFen;
      else if (digit === "5") e.expenseFen += l.debitFen - l.creditFen;
      else if (digit === "6") e.budgetRevenueFen += l.creditFen - l.debitFen;
      else if (digit === "7") e.budgetExpenditureFen += l.debitFen - l.creditFen;
      effects.set(l.voucherId, e);
    }
    return { ...reconciliation([...effects.values()]), code: "fiscal-reconciliation" };
  }
  const fund = code === "general-budget-execution" ? "generalBudget" : code === "government-fund-execution" ? "governmentFund" : "stateCapital";
  const actual = actualFigures(chart, periodLines, start, fund);
  const budget = await budgetFigures(db, set, year, fund);
  const revenueCodes = [...actual.revenueByClass.keys(), ...budget.revenueByClass.keys()].flatMap((c) => [c.slice(0, 3), c.slice(0, 5)]);
  const functionCodes = [...actual.expenditureByFunction.keys(), ...budget.expenditureByFunction.keys()].flatMap((c) => [c.slice(0, 3), c.slice(0, 5)]);
  const revenueNames = await classificationNames(db, set.regionCode, year, "revenue", revenueCodes);
  const functionNames = await classificationNames(db, set.regionCode, year, "functional", functionCodes);
  return budgetExecution(fund, budget, actual, revenueNames, functionNames);
}

/**
 * A statement of a township's fiscal general accounts for a year (January to `toMonth`, default
 * December), or null when the township keeps no fiscal set here. The final accounts read their
 * figures from here.
 */
export async function fiscalStatementOfTownship(db: Db, regionCode: string, year: number, code: FiscalStatementCode, toMonth = 12): Promise<FiscalStatement | null> {
  const [set] = await db.select().from(ledgerAccountSet).where(and(eq(ledgerAccountSet.regionCode, regionCode.slice(0, 9)), eq(ledgerAccountSet.kind, "fiscal")));
  if (!set) return null;
  return fiscalStatementOf(db, set, code, `${year}-01`, `${year}-${String(toMonth).padStart(2, "0")}`);
}

/** A set's year as the final accounts read it: its chart, balances at the start and end of the year, and the year's movements by account and class. */
export interface SetYearFigures {
  set: { id: string; code: string; name: string; kind: "unit" | "fiscal"; budgetUnitId: string | null; startYear: number };
  chart: ReadonlyMap<string, ChartAccount>;
  /** Signed (debit positive) balances per account at the start of the year and at its end (closing included). */
  opening: ReadonlyMap<string, bigint>;
  end: ReadonlyMap<string, bigint>;
  /** Posted movements of the year per account, functional and revenue class; closing vouchers left out. */
  lines: readonly { account: string; functionalCode: string | null; revenueCode: string | null; debitFen: bigint; creditFen: bigint }[];
  /** Which budget each budget account belongs to (fiscal sets; "generalBudget" for a unit set). */
  fundOf(account: string): "generalBudget" | "governmentFund" | "stateCapital" | "specialAccount" | "specialFund";
}

/** The account sets of a township (its fiscal set and its units' sets). */
export async function accountSetsOfTownship(db: Db, regionCode: string): Promise<AccountSetRow[]> {
  return db.select().from(ledgerAccountSet).where(eq(ledgerAccountSet.regionCode, regionCode.slice(0, 9)));
}

/** A set's figures for one year, or null when the set does not cover it (it started later). */
export async function setYearFigures(db: Db, set: AccountSetRow, year: number): Promise<SetYearFigures | null> {
  if (set.startYear > year) return null;
  const chart = await loadChart(db, set);
  const { opening, period } = await balancesFor(db, set, year, 1, 12);
  const end = new Map(opening);
  for (const [c, m] of period) end.set(c, (end.get(c) ?? 0n) + m.debitFen - m.creditFen);
  const found = await db
    .select({
      account: ledgerVoucherLine.accountCode,
      functionalCode: ledgerVoucherLine.functionalCode,
      revenueCode: ledgerVoucherLine.revenueCode,
      debitFen: sql<string>`sum(${ledgerVoucherLine.debitFen})`,
      creditFen: sql<string>`sum(${ledgerVoucherLine.creditFen})`,
    })
    .from(ledgerVoucher)
    .innerJoin(ledgerVoucherLine, and(eq(ledgerVoucherLine.regionCode, ledgerVoucher.regionCode), eq(ledgerVoucherLine.voucherId, ledgerVoucher.id)))
    .where(and(eq(ledgerVoucher.regionCode, set.regionCode), eq(ledgerVoucher.setId, set.id), eq(ledgerVoucher.status, "posted"), ne(ledgerVoucher.kind, "closing"), eq(ledgerVoucher.year, year)))
    .groupBy(ledgerVoucherLine.accountCode, ledgerVoucherLine.functionalCode, ledgerVoucherLine.revenueCode);
  return {
    set: { id: set.id, code: set.code, name: set.name, kind: set.kind, budgetUnitId: set.budgetUnitId, startYear: set.startYear },
    chart,
    opening,
    end,
    lines: found.map((r) => ({ ...r, debitFen: BigInt(r.debitFen), creditFen: BigInt(r.creditFen) })),
    fundOf: (account) => (set.kind === "fiscal" ? fiscalFundOf(account, chart) : "generalBudget"),
  };
}
