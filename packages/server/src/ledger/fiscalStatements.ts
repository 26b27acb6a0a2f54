// The statements of the fiscal general accounts (财政总会计制度), shaped from balances and movements
// (pure: no database): 资产负债表, 收入费用表, 预算收入支出表 by budget, the execution tables of the
// 一般公共预算, 政府性基金预算 and 国有资本经营预算 against the approved budget, 财政专户管理资金收支情况表,
// 专用基金收支情况表 and the 差异调节表. Rows are read from the set's chart where they can be (a township
// that imports a corrected chart gets its own rows); amounts are fen; each row names what it sums.
import { ledgerFiscalStatementCodes, ledgerStatementTitles } from "@xiangcai/shared";
import type { ChartAccount } from "./rules.ts";
import { fiscalFundNames, fiscalFundOf, CARRYOVER_ACCOUNT, type FiscalFund } from "./fiscalRules.ts";
import { sumOf, type Balances, type Movements, type Statement, type StatementRow } from "./statements.ts";

/** The statements of the fiscal books and their titles: the API contract's (packages/shared/src/api/ledger.ts). */
export const FISCAL_STATEMENT_CODES = ledgerFiscalStatementCodes;
export type FiscalStatementCode = (typeof FISCAL_STATEMENT_CODES)[number];
export const fiscalStatementTitles: Record<FiscalStatementCode, string> = ledgerStatementTitles;

/** A fiscal statement: a Statement, with columns that are percentages (hundredths of a percent) and blank cells. */
export interface FiscalStatement extends Omit<Statement, "code"> {
  code: FiscalStatementCode;
  percentColumns?: number[];
}

const firstLevel = (chart: ReadonlyMap<string, ChartAccount>, which: (a: ChartAccount) => boolean) => [...chart.values()].filter((a) => a.code.length === 4 && which(a)).sort((a, b) => a.code.localeCompare(b.code));
const total = (label: string, rows: readonly StatementRow[], columns: number): StatementRow => ({ label, total: true, values: Array.from({ length: columns }, (_, i) => rows.reduce((s, r) => s + r.values[i]!, 0n)) });

/** Non-current assets and liabilities of the fiscal chart (debt on-lent and owed, equity held). */
const NON_CURRENT = new Set(["1041", "1045", "1071", "2021", "2022", "2026", "2027", "2045"]);

/**
 * 资产负债表 of the fiscal books at the start of the year and at the end of the period: every
 * first-level asset, liability and net-asset account of the chart; before closing, revenue less
 * expense is shown as 本期盈余, so the sheet balances in any month.
 */
export function fiscalBalanceSheet(chart: ReadonlyMap<string, ChartAccount>, start: Balances, end: Balances): FiscalStatement {
  const row = (a: ChartAccount, sign: 1n | -1n, extra: string[] = []): StatementRow => ({
    label: a.name,
    accounts: [a.code, ...extra].join(" "),
    values: [start, end].map((b) => sign * sumOf(b, [a.code, ...extra])),
  });
  const assets = firstLevel(chart, (a) => a.category === "asset").map((a) => row(a, 1n));
  const liabilities = firstLevel(chart, (a) => a.category === "liability").map((a) => row(a, -1n));
  const revenueAndExpense = firstLevel(chart, (a) => a.category === "revenue" || a.category === "expense").map((a) => a.code);
  const netAssets = firstLevel(chart, (a) => a.category === "net_assets").map((a) => (a.code === "3051" ? row(a, -1n, revenueAndExpense) : row(a, -1n)));
  const current = (rows: StatementRow[], non: boolean) => rows.filter((r) => NON_CURRENT.has(r.accounts!.slice(0, 4)) === non);
  const currentAssets = total("流动资产合计", current(assets, false), 2);
  const nonCurrentAssets = total("非流动资产合计", current(assets, true), 2);
  const assetsTotal = total("资产总计", [currentAssets, nonCurrentAssets], 2);
  const currentLiabilities = total("流动负债合计", current(liabilities, false), 2);
  const nonCurrentLiabilities = total("非流动负债合计", current(liabilities, true), 2);
  const liabilitiesTotal = total("负债合计", [currentLiabilities, nonCurrentLiabilities], 2);
  const netTotal = total("净资产合计", netAssets, 2);
  return {
    code: "fiscal-balance-sheet",
    title: fiscalStatementTitles["fiscal-balance-sheet"],
    columns: ["项目", "年初余额", "期末余额"],
    rows: [
      ...current(assets, false),
      currentAssets,
      ...current(assets, true),
      nonCurrentAssets,
      assetsTotal,
      ...current(liabilities, false),
      currentLiabilities,
      ...current(liabilities, true),
      nonCurrentLiabilities,
      liabilitiesTotal,
      ...netAssets,
      netTotal,
      total("负债和净资产总计", [liabilitiesTotal, netTotal], 2),
    ],
  };
}

function net(m: Movements, code: string): bigint {
  let v = 0n;
  for (const [c, x] of m) if (c.startsWith(code)) v += x.debitFen - x.creditFen;
  return v;
}

/** 收入费用表: revenue and expense of the period and of the year so far (closing entries excluded). */
export function fiscalRevenueExpense(chart: ReadonlyMap<string, ChartAccount>, period: Movements, year: Movements): FiscalStatement {
  const rows = (category: ChartAccount["category"], sign: 1n | -1n) => firstLevel(chart, (a) => a.category === category).map((a) => ({ label: a.name, accounts: a.code, values: [period, year].map((m) => sign * net(m, a.code)) }));
  const revenue = rows("revenue", -1n);
  const expense = rows("expense", 1n);
  const revenueTotal = total("一、本期收入", revenue, 2);
  const expenseTotal = total("二、本期费用", expense, 2);
  return {
    code: "fiscal-revenue-expense",
    title: fiscalStatementTitles["fiscal-revenue-expense"],
    columns: ["项目", "本月数", "本年累计数"],
    rows: [revenueTotal, ...revenue, expenseTotal, ...expense, { label: "三、本期盈余", total: true, values: revenueTotal.values.map((v, i) => v - expenseTotal.values[i]!) }],
  };
}

const FUNDS: readonly FiscalFund[] = ["generalBudget", "governmentFund", "stateCapital", "specialAccount", "specialFund"];

/**
 * 预算收入支出表: budget revenue and expenditure of the period by first-level account (rows) and by
 * budget (columns: 一般公共预算 … 专用基金, 合计), and each budget's result (closing entries excluded).
 */
export function fiscalBudgetRevenueExpenditure(chart: ReadonlyMap<string, ChartAccount>, period: Movements): FiscalStatement {
  const byFund = (code: string, sign: 1n | -1n) => {
    const values = FUNDS.map(() => 0n);
    for (const [c, x] of period) {
      if (!c.startsWith(code)) continue;
      values[FUNDS.indexOf(fiscalFundOf(c, chart))]! += sign * (x.debitFen - x.creditFen);
    }
    return [...values, values.reduce((s, v) => s + v, 0n)];
  };
  const revenue = firstLevel(chart, (a) => a.category === "budget_revenue").map((a) => ({ label: a.name, accounts: a.code, values: byFund(a.code, -1n) }));
  const expenditure = firstLevel(chart, (a) => a.category === "budget_expenditure").map((a) => ({ label: a.name, accounts: a.code, values: byFund(a.code, 1n) }));
  const revenueTotal = total("一、预算收入合计", revenue, FUNDS.length + 1);
  const expenditureTotal = total("二、预算支出合计", expenditure, FUNDS.length + 1);
  return {
    code: "fiscal-budget-revenue-expenditure",
    title: fiscalStatementTitles["fiscal-budget-revenue-expenditure"],
    columns: ["项目", ...FUNDS.map((f) => fiscalFundNames[f]), "合计"],
    rows: [revenueTotal, ...revenue, expenditureTotal, ...expenditure, { label: "三、预算收支差额", total: true, values: revenueTotal.values.map((v, i) => v - expenditureTotal.values[i]!) }],
  };
}

/** What the approved budget says, by line kind and class, for an execution table. */
export interface BudgetFigures {
  /** Own revenue by revenue class (any level; rolled up by the table). */
  revenueByClass: ReadonlyMap<string, bigint>;
  transferFen: bigint;
  transferInFen: bigint;
  carryOverFen: bigint;
  remittanceFen: bigint;
  transferOutFen: bigint;
  /** Expenditure by functional class (any level). */
  expenditureByFunction: ReadonlyMap<string, bigint>;
}

/** What the books say for the same rows. */
export interface ActualFigures {
  revenueByClass: ReadonlyMap<string, bigint>;
  transferFen: bigint;
  transferInFen: bigint;
  /** The budget's 结转结余 at the start of the year. */
  carryOverFen: bigint;
  remittanceFen: bigint;
  transferOutFen: bigint;
  expenditureByFunction: ReadonlyMap<string, bigint>;
}

/** Rate in hundredths of a percent (1234 = 12.34%), rounded half up, or null without a budget. */
export function executionRateBasisPoints(actualFen: bigint, budgetFen: bigint): bigint | null {
  if (budgetFen <= 0n) return null;
  return (actualFen * 10_000n * 2n + budgetFen) / (2n * budgetFen);
}

function rollUp(byCode: ReadonlyMap<string, bigint>, length: number): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const [code, fen] of byCode) {
    const key = code.length >= length ? code.slice(0, length) : code;
    out.set(key, (out.get(key) ?? 0n) + fen);
  }
  return out;
}

const EXECUTION_CODES: Record<"generalBudget" | "governmentFund" | "stateCapital", FiscalStatementCode> = {
  generalBudget: "general-budget-execution",
  governmentFund: "government-fund-execution",
  stateCapital: "state-capital-execution",
};

/**
 * An execution table (一般公共预算执行情况表 and its siblings): 预算数 (the approved budget), 执行数 (the
 * books) and 执行率, for own revenue by 类 and 款, transfers from above, funds brought in and carried
 * over, own expenditure by functional 类 and 款, remittances up and funds taken out, and the result.
 */
export function budgetExecution(fund: "generalBudget" | "governmentFund" | "stateCapital", budget: BudgetFigures, actual: ActualFigures, revenueNames: ReadonlyMap<string, string>, functionNames: ReadonlyMap<string, string>): FiscalStatement {
  const rowOf = (label: string, budgetFen: bigint, actualFen: bigint, accounts?: string, isTotal = false): StatementRow => {
    const rate = executionRateBasisPoints(actualFen, budgetFen);
    return { label, ...(accounts ? { accounts } : {}), values: [budgetFen, actualFen, rate ?? 0n], ...(rate === null ? { blanks: [2] } : {}), ...(isTotal ? { total: true } : {}) };
  };
  const classRows = (b: ReadonlyMap<string, bigint>, a: ReadonlyMap<string, bigint>, names: ReadonlyMap<string, string>) => {
    const rows: StatementRow[] = [];
    const b1 = rollUp(b, 3);
    const a1 = rollUp(a, 3);
    const b2 = rollUp(b, 5);
    const a2 = rollUp(a, 5);
    for (const cls of [...new Set([...b1.keys(), ...a1.keys()])].sort()) {
      rows.push(rowOf(`${cls} ${names.get(cls) ?? ""}`.trim(), b1.get(cls) ?? 0n, a1.get(cls) ?? 0n, cls));
      for (const item of [...new Set([...b2.keys(), ...a2.keys()])].filter((c) => c.length > 3 && c.startsWith(cls)).sort()) {
        rows.push(rowOf(`\u3000${item} ${names.get(item) ?? ""}`.trimEnd(), b2.get(item) ?? 0n, a2.get(item) ?? 0n, item));
      }
    }
    return rows;
  };
  const sum = (m: ReadonlyMap<string, bigint>) => [...m.values()].reduce((s, v) => s + v, 0n);
  const own = rowOf("一、本级收入", sum(budget.revenueByClass), sum(actual.revenueByClass), undefined, true);
  const sourcesBudget = own.values[0]! + budget.transferFen + budget.transferInFen + budget.carryOverFen;
  const sourcesActual = own.values[1]! + actual.transferFen + actual.transferInFen + actual.carryOverFen;
  const spend = rowOf("五、本级支出", sum(budget.expenditureByFunction), sum(actual.expenditureByFunction), undefined, true);
  const usesBudget = spend.values[0]! + budget.remittanceFen + budget.transferOutFen;
  const usesActual = spend.values[1]! + actual.remittanceFen + actual.transferOutFen;
  const resultBudget = sourcesBudget - usesBudget;
  const resultActual = sourcesActual - usesActual;
  return {
    code: EXECUTION_CODES[fund],
    title: fiscalStatementTitles[EXECUTION_CODES[fund]],
    columns: ["项目", "预算数", "执行数", "执行率（%）"],
    percentColumns: [3],
    rows: [
      own,
      ...classRows(budget.revenueByClass, actual.revenueByClass, revenueNames),
      rowOf("二、上级补助收入", budget.transferFen, actual.transferFen, "6011"),
      rowOf("三、调入资金", budget.transferInFen, actual.transferInFen, "6021"),
      rowOf("四、上年结转", budget.carryOverFen, actual.carryOverFen, CARRYOVER_ACCOUNT[fund]),
      rowOf("收入总计", sourcesBudget, sourcesActual, undefined, true),
      spend,
      ...classRows(budget.expenditureByFunction, actual.expenditureByFunction, functionNames),
      rowOf("六、上解支出", budget.remittanceFen, actual.remittanceFen, "7012"),
      rowOf("七、调出资金", budget.transferOutFen, actual.transferOutFen, "7021"),
      rowOf("支出总计", usesBudget, usesActual, undefined, true),
      { label: "收支结余（收入总计 − 支出总计）", values: [resultBudget, resultActual, 0n], blanks: [2], total: true },
    ],
  };
}

/** 财政专户管理资金收支情况表 and 专用基金收支情况表: opening balance, revenue, expenditure, closing balance. */
export function fundInOut(fund: "specialAccount" | "specialFund", opening: Balances, period: Movements, end: Balances): FiscalStatement {
  const revenueCode = fund === "specialAccount" ? "6005" : "6007";
  const expenditureCode = fund === "specialAccount" ? "7005" : "7007";
  const balanceCode = CARRYOVER_ACCOUNT[fund];
  const code: FiscalStatementCode = fund === "specialAccount" ? "special-account" : "special-fund";
  const income = -net(period, revenueCode);
  const spent = net(period, expenditureCode);
  const openingFen = -sumOf(opening, [balanceCode]);
  return {
    code,
    title: fiscalStatementTitles[code],
    columns: ["项目", "金额"],
    rows: [
      { label: "一、年初结余", accounts: balanceCode, values: [openingFen] },
      { label: "二、本期收入", accounts: revenueCode, values: [income] },
      { label: "三、本期支出", accounts: expenditureCode, values: [spent] },
      { label: "四、本期收支差额", values: [income - spent], total: true },
      { label: "五、期末结余（含未结转的本期收支差额）", accounts: `${balanceCode} ${revenueCode} ${expenditureCode}`, values: [-sumOf(end, [balanceCode, revenueCode, expenditureCode])], total: true },
    ],
  };
}
