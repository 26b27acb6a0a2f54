// The statements of DOMAIN.md §5, shaped from balances and movements (pure: no database):
// 资产负债表, 收入费用表, 净资产变动表, 预算收入支出表, 预算结转结余变动表, 差异调节表 (现金流量表 in
// statementsCashFlow.ts, 财政拨款预算收入支出表 in statementsAppropriation.ts).
// Amounts are fen; each row says which accounts it sums, so a reader can trace every figure.
import { ledgerStatementCodes, ledgerStatementTitles } from "@xiangcai/shared";

export interface StatementRow {
  label: string;
  /** Account codes (first level) summed in this row, for tracing. */
  accounts?: string;
  values: bigint[];
  total?: boolean;
  /** Columns (0-based, among the values) left empty in this row (a rate without a budget). */
  blanks?: number[];
}

export interface Statement {
  code: StatementCode;
  title: string;
  columns: string[];
  rows: StatementRow[];
  /** Where the figures come from, when the reader should know (shown under the title and in Excel). */
  note?: string;
}

export const STATEMENT_CODES = ledgerStatementCodes;
export type StatementCode = (typeof STATEMENT_CODES)[number];
export const statementTitles: Record<StatementCode, string> = ledgerStatementTitles;

/** Signed balances (debit positive) by account code at any level. */
export type Balances = ReadonlyMap<string, bigint>;

/** Sum of signed balances of every account under any of the given first-level codes. */
export function sumOf(balances: Balances, codes: readonly string[]): bigint {
  let total = 0n;
  for (const [code, value] of balances) if (codes.includes(code.slice(0, 4))) total += value;
  return total;
}

const assetRows: [string, string[], string[]?][] = [
  ["货币资金", ["1001", "1002", "1011", "1021"]],
  ["短期投资", ["1101"]],
  ["财政应返还额度", ["1201"]],
  ["应收票据", ["1211"]],
  ["应收账款净额", ["1212"], ["1219"]],
  ["预付账款", ["1214"]],
  ["应收股利", ["1215"]],
  ["应收利息", ["1216"]],
  ["其他应收款", ["1218"]],
  ["存货", ["1301", "1302", "1303"]],
  ["待摊费用", ["1401"]],
];
const nonCurrentAssetRows: [string, string[], string[]?][] = [
  ["长期股权投资", ["1501"]],
  ["长期债券投资", ["1502"]],
  ["固定资产净值", ["1601"], ["1602"]],
  ["工程物资", ["1611"]],
  ["在建工程", ["1613"]],
  ["无形资产净值", ["1701"], ["1702"]],
  ["研发支出", ["1703"]],
  ["公共基础设施净值", ["1801"], ["1802"]],
  ["政府储备物资", ["1811"]],
  ["文物文化资产", ["1821"]],
  ["保障性住房净值", ["1831"], ["1832"]],
  ["长期待摊费用", ["1901"]],
  ["待处理财产损溢", ["1902"]],
];
const currentLiabilityRows: [string, string[]][] = [
  ["短期借款", ["2001"]],
  ["应交增值税", ["2101"]],
  ["其他应交税费", ["2102"]],
  ["应缴财政款", ["2103"]],
  ["应付职工薪酬", ["2201"]],
  ["应付票据", ["2301"]],
  ["应付账款", ["2302"]],
  ["应付政府补贴款", ["2303"]],
  ["应付利息", ["2304"]],
  ["预收账款", ["2305"]],
  ["其他应付款", ["2307"]],
  ["预提费用", ["2401"]],
];
const nonCurrentLiabilityRows: [string, string[]][] = [
  ["长期借款", ["2501"]],
  ["长期应付款", ["2502"]],
  ["预计负债", ["2601"]],
];
export const REVENUE_CODES = ["4001", "4101", "4201", "4301", "4401", "4601", "4602", "4603", "4604", "4605", "4609"];
export const EXPENSE_CODES = ["5001", "5101", "5201", "5301", "5401", "5501", "5801", "5901"];
export const BUDGET_REVENUE_CODES = ["6001", "6101", "6201", "6301", "6401", "6501", "6601", "6602", "6609"];
export const BUDGET_EXPENDITURE_CODES = ["7101", "7201", "7301", "7401", "7501", "7601", "7701", "7901"];
export const CARRYOVER_CODES = ["8101", "8102", "8201", "8202", "8301", "8401", "8501", "8701"];

/**
 * 资产负债表 at the start of the year and at the end of the period. Before the year's closing,
 * revenue less expense not yet carried to 本期盈余 is shown in 本期盈余, so the sheet balances in
 * any month.
 */
export function balanceSheet(start: Balances, end: Balances): Statement {
  const rows: StatementRow[] = [];
  const both = (f: (b: Balances) => bigint) => [f(start), f(end)];
  const debitRow = (label: string, codes: string[], contra: string[] = []): StatementRow => ({
    label,
    accounts: [...codes, ...contra.map((c) => `-${c}`)].join(" "),
    values: both((b) => sumOf(b, codes) + sumOf(b, contra)),
  });
  const creditRow = (label: string, codes: string[]): StatementRow => ({ label, accounts: codes.join(" "), values: both((b) => -sumOf(b, codes)) });
  const add = (label: string, parts: StatementRow[]): StatementRow => ({ label, values: [0, 1].map((i) => parts.reduce((s, r) => s + r.values[i]!, 0n)), total: true });
  const current = assetRows.map(([l, c, k]) => debitRow(l, c, k));
  const nonCurrent = nonCurrentAssetRows.map(([l, c, k]) => debitRow(l, c, k));
  const trust = debitRow("受托代理资产", ["1891"]);
  const currentTotal = add("流动资产合计", current);
  const nonCurrentTotal = add("非流动资产合计", nonCurrent);
  const assets = add("资产总计", [currentTotal, nonCurrentTotal, trust]);
  rows.push(...current, currentTotal, ...nonCurrent, nonCurrentTotal, trust, assets);
  const liabilities = currentLiabilityRows.map(([l, c]) => creditRow(l, c));
  const longLiabilities = nonCurrentLiabilityRows.map(([l, c]) => creditRow(l, c));
  const trustLiability = creditRow("受托代理负债", ["2901"]);
  const liabilitiesCurrent = add("流动负债合计", liabilities);
  const liabilitiesLong = add("非流动负债合计", longLiabilities);
  const liabilitiesTotal = add("负债合计", [liabilitiesCurrent, liabilitiesLong, trustLiability]);
  rows.push(...liabilities, liabilitiesCurrent, ...longLiabilities, liabilitiesLong, trustLiability, liabilitiesTotal);
  const netRows = [
    creditRow("累计盈余", ["3001", "3501"]),
    creditRow("专用基金", ["3101"]),
    creditRow("权益法调整", ["3201"]),
    creditRow("无偿调拨净资产", ["3401"]),
    creditRow("本期盈余", ["3301", "3302", ...REVENUE_CODES, ...EXPENSE_CODES]),
  ];
  const netTotal = add("净资产合计", netRows);
  rows.push(...netRows, netTotal, add("负债和净资产总计", [liabilitiesTotal, netTotal]));
  return { code: "balance-sheet", title: statementTitles["balance-sheet"], columns: ["项目", "年初余额", "期末余额"], rows };
}

/** Movements by first-level account over a period, credit-positive for revenue-type rows. */
export type Movements = ReadonlyMap<string, { debitFen: bigint; creditFen: bigint }>;

function movementRows(names: ReadonlyMap<string, string>, codes: readonly string[], period: Movements, year: Movements, sign: 1n | -1n): StatementRow[] {
  const net = (m: Movements, code: string) => {
    let v = 0n;
    for (const [c, x] of m) if (c.slice(0, 4) === code) v += x.debitFen - x.creditFen;
    return v * sign;
  };
  return codes.map((code) => ({ label: names.get(code) ?? code, accounts: code, values: [net(period, code), net(year, code)] }));
}

const sumRows = (label: string, rows: StatementRow[], columns: number): StatementRow => ({
  label,
  total: true,
  values: Array.from({ length: columns }, (_, i) => rows.reduce((s, r) => s + r.values[i]!, 0n)),
});
const diffRow = (label: string, a: StatementRow, b: StatementRow): StatementRow => ({ label, total: true, values: a.values.map((v, i) => v - b.values[i]!) });

/** 收入费用表: revenue and expense of the period and of the year so far (closing entries excluded). */
export function revenueExpense(names: ReadonlyMap<string, string>, period: Movements, year: Movements): Statement {
  const revenue = movementRows(names, REVENUE_CODES, period, year, -1n);
  const expense = movementRows(names, EXPENSE_CODES, period, year, 1n);
  const revenueTotal = sumRows("本期收入", revenue, 2);
  const expenseTotal = sumRows("本期费用", expense, 2);
  return { code: "revenue-expense", title: statementTitles["revenue-expense"], columns: ["项目", "本月数", "本年累计数"], rows: [revenueTotal, ...revenue, expenseTotal, ...expense, diffRow("本期盈余", revenueTotal, expenseTotal)] };
}

/** 预算收入支出表: budget revenue and expenditure (closing entries excluded). */
export function budgetRevenueExpenditure(names: ReadonlyMap<string, string>, period: Movements, year: Movements): Statement {
  const revenue = movementRows(names, BUDGET_REVENUE_CODES, period, year, -1n);
  const expenditure = movementRows(names, BUDGET_EXPENDITURE_CODES, period, year, 1n);
  const revenueTotal = sumRows("本年预算收入", revenue, 2);
  const expenditureTotal = sumRows("本年预算支出", expenditure, 2);
  return {
    code: "budget-revenue-expenditure",
    title: statementTitles["budget-revenue-expenditure"],
    columns: ["项目", "本期数", "本年累计数"],
    rows: [revenueTotal, ...revenue, expenditureTotal, ...expenditure, diffRow("本年预算收支差额", revenueTotal, expenditureTotal)],
  };
}

const CARRYOVER_LABELS = [
  "一、年初余额",
  "二、年初余额调整（减少以“-”号填列）",
  "（一）财政拨款结转结余",
  "（二）其他资金结转结余",
  "三、本年变动金额（减少以“-”号填列）",
  "（一）财政拨款结转结余",
  "1.本年收支差额",
  "2.归集调入",
  "3.归集上缴或调出",
  "（二）其他资金结转结余",
  "1.本年收支差额",
  "2.缴回资金",
  "3.使用专用结余",
  "4.支付所得税",
  "四、年末余额",
  "（一）财政拨款结转结余",
  "1.财政拨款结转",
  "2.财政拨款结余",
  "（二）其他资金结转结余",
  "1.非财政拨款结转",
  "2.非财政拨款结余",
  "3.专用结余",
  "4.经营结余（如有余额，以“-”号填列）",
] as const;
const CARRYOVER_TOTAL_ROWS = new Set([0, 1, 4, 5, 9, 14, 15, 18]);

/** One year's column of the 预算结转结余变动表 (credit positive), from its opening balances and vouchers. */
function carryoverFigures(y: NetAssetYear, names: ReadonlyMap<string, string>): bigint[] {
  const first = (c: string) => c.slice(0, 4);
  const named = (c: string, ...words: string[]) => words.some((w) => (names.get(c) ?? "").includes(w));
  const sum = (lines: NetAssetVoucher["lines"], which: (c: string) => boolean) => lines.filter((l) => which(l.account)).reduce((t, l) => t + l.creditFen - l.debitFen, 0n);
  const fiscal = (c: string) => ["8101", "8102"].includes(first(c));
  const other = (c: string) => ["8201", "8202", "8301", "8401", "8501", "8701"].includes(first(c));
  let adjustFiscal = 0n, adjustOther = 0n, diffFiscal = 0n, collectedIn = 0n, collectedOut = 0n, diffOther = 0n, returned = 0n, specialUsed = 0n, incomeTax = 0n;
  for (const v of y.vouchers) {
    if (v.closing) {
      // The sweep of the year's budget revenue and expenditure: the closing vouchers that touch 6xxx/7xxx.
      if (!v.lines.some((l) => /^[67]/.test(l.account))) continue;
      diffFiscal += sum(v.lines, fiscal);
      diffOther += sum(v.lines, other);
      continue;
    }
    adjustFiscal += sum(v.lines, (c) => fiscal(c) && named(c, "年初余额调整"));
    adjustOther += sum(v.lines, (c) => other(c) && named(c, "年初余额调整"));
    collectedIn += sum(v.lines, (c) => fiscal(c) && named(c, "归集调入"));
    collectedOut += sum(v.lines, (c) => fiscal(c) && named(c, "归集上缴", "归集调出"));
    returned += sum(v.lines, (c) => first(c) === "8201" && named(c, "缴回资金"));
    specialUsed += sum(v.lines, (c) => first(c) === "8301");
    incomeTax += sum(v.lines, (c) => (first(c) === "8202" && named(c, "累计结余")) || first(c) === "8701");
  }
  const end = (codes: string[]) => {
    let t = -sumOf(y.opening, codes);
    for (const v of y.vouchers) t += sum(v.lines, (c) => codes.includes(first(c)));
    return t;
  };
  const ends = [end(["8101"]), end(["8102"]), end(["8201"]), end(["8202"]), end(["8301"]), end(["8401"])];
  const fiscalChange = diffFiscal + collectedIn + collectedOut;
  const otherChange = diffOther + returned + specialUsed + incomeTax;
  return [
    -sumOf(y.opening, CARRYOVER_CODES),
    adjustFiscal + adjustOther,
    adjustFiscal,
    adjustOther,
    fiscalChange + otherChange,
    fiscalChange,
    diffFiscal,
    collectedIn,
    collectedOut,
    otherChange,
    diffOther,
    returned,
    specialUsed,
    incomeTax,
    ends.reduce((t, v) => t + v, 0n),
    ends[0]! + ends[1]!,
    ends[0]!,
    ends[1]!,
    ends[2]! + ends[3]! + ends[4]! + ends[5]!,
    ends[2]!,
    ends[3]!,
    ends[4]!,
    ends[5]!,
  ];
}

/**
 * 预算结转结余变动表 in the standard's layout (会政预02表): 年初余额, 年初余额调整, the year's changes of
 * 财政拨款结转结余 (本年收支差额, 归集调入, 归集上缴或调出) and of 其他资金结转结余 (本年收支差额, 缴回资金,
 * 使用专用结余, 支付所得税), and 年末余额 by account, for this year and the year before. Read from the
 * standard 明细 of 8101/8102/8201/8202 (年初余额调整, 归集调入 …) by their names; 本年收支差额 is what the
 * year's closing carried from budget revenue and expenditure.
 */
export function budgetCarryover(names: ReadonlyMap<string, string>, current: NetAssetYear, previous: NetAssetYear | null): Statement {
  const now = carryoverFigures(current, names);
  const before = previous ? carryoverFigures(previous, names) : now.map(() => 0n);
  return {
    code: "budget-carryover",
    title: statementTitles["budget-carryover"],
    columns: ["项目", "本年数", "上年数"],
    rows: CARRYOVER_LABELS.map((label, i) => ({ label, values: [now[i]!, before[i]!], ...(CARRYOVER_TOTAL_ROWS.has(i) ? { total: true } : {}) })),
  };
}

/** One posted voucher's lines on first-level accounts, for the 净资产变动表. */
export interface NetAssetVoucher {
  closing: boolean;
  lines: readonly { account: string; debitFen: bigint; creditFen: bigint }[];
}

/** A year's net assets: the balances it opened with (signed, debit positive) and its vouchers. */
export interface NetAssetYear {
  opening: Balances;
  vouchers: readonly NetAssetVoucher[];
}

const NET_ASSET_LABELS = [
  "一、上年年末余额",
  "二、以前年度盈余调整（减少以“-”号填列）",
  "三、本年年初余额",
  "四、本年变动金额（减少以“-”号填列）",
  "（一）本年盈余",
  "（二）无偿调拨净资产",
  "（三）归集调整预算结转结余",
  "（四）提取或设置专用基金",
  "（五）使用专用基金",
  "（六）权益法调整",
  "五、本年年末余额",
] as const;

/** The rows of one year, each [累计盈余, 专用基金, 权益法调整, 净资产合计] (credit positive). */
function netAssetFigures(y: NetAssetYear): bigint[][] {
  const credit = (lines: NetAssetVoucher["lines"], which: (c: string) => boolean) => lines.filter((l) => which(l.account.slice(0, 4))).reduce((s, l) => s + l.creditFen - l.debitFen, 0n);
  const opening = [-sumOf(y.opening, ["3001", "3501"]), -sumOf(y.opening, ["3101"]), -sumOf(y.opening, ["3201"])];
  const change = { prior: 0n, surplus: 0n, transfer: 0n, regroup: 0n, setAside: [0n, 0n], used: [0n, 0n], equity: 0n };
  for (const v of y.vouchers) {
    const fund = credit(v.lines, (c) => c === "3101");
    if (v.closing) {
      // Only 提取专用基金 from 本年盈余分配 moves net assets between columns at closing; the rest is
      // the year's surplus, transfers and adjustments arriving in 累计盈余, counted from their sources.
      if (fund !== 0n) {
        change.setAside[0]! -= fund;
        change.setAside[1]! += fund;
      }
      continue;
    }
    change.prior += credit(v.lines, (c) => c === "3501");
    change.surplus += credit(v.lines, (c) => c.startsWith("4") || c.startsWith("5"));
    change.transfer += credit(v.lines, (c) => c === "3401");
    change.equity += credit(v.lines, (c) => c === "3201");
    const surplus = credit(v.lines, (c) => c === "3001");
    if (fund === 0n) change.regroup += surplus;
    else {
      const row = fund > 0n ? change.setAside : change.used;
      row[0]! += surplus;
      row[1]! += fund;
    }
  }
  const withTotal = (a: bigint, b: bigint, c: bigint) => [a, b, c, a + b + c];
  const last = withTotal(opening[0]!, opening[1]!, opening[2]!);
  const prior = withTotal(change.prior, 0n, 0n);
  const start = last.map((v, i) => v + prior[i]!);
  const rows = [
    withTotal(change.surplus, 0n, 0n),
    withTotal(change.transfer, 0n, 0n),
    withTotal(change.regroup, 0n, 0n),
    withTotal(change.setAside[0]!, change.setAside[1]!, 0n),
    withTotal(change.used[0]!, change.used[1]!, 0n),
    withTotal(0n, 0n, change.equity),
  ];
  const moved = start.map((_, i) => rows.reduce((s, r) => s + r[i]!, 0n));
  return [last, prior, start, moved, ...rows, start.map((v, i) => v + moved[i]!)];
}

/**
 * 净资产变动表 (政府会计制度): 上年年末余额, 以前年度盈余调整, 本年年初余额, the year's changes (本年盈余,
 * 无偿调拨净资产, 归集调整预算结转结余, 提取或设置专用基金, 使用专用基金, 权益法调整) and 本年年末余额, in the
 * columns 累计盈余, 专用基金, 权益法调整 and 净资产合计, for this year and the year before. Counted from the
 * vouchers, so it is the same before and after the year's closing: 本年年末余额 is what the closing
 * leaves in 3001, 3101 and 3201.
 */
export function netAssetChanges(current: NetAssetYear, previous: NetAssetYear | null): Statement {
  const now = netAssetFigures(current);
  const before = previous ? netAssetFigures(previous) : now.map((r) => r.map(() => 0n));
  const totalRows = new Set([0, 2, 3, 10]);
  return {
    code: "net-asset-changes",
    title: statementTitles["net-asset-changes"],
    columns: ["项目", "本年数·累计盈余", "本年数·专用基金", "本年数·权益法调整", "本年数·净资产合计", "上年数·累计盈余", "上年数·专用基金", "上年数·权益法调整", "上年数·净资产合计"],
    rows: NET_ASSET_LABELS.map((label, i) => ({ label, values: [...now[i]!, ...before[i]!], ...(totalRows.has(i) ? { total: true } : {}) })),
  };
}

/** One voucher's effect on the two results: revenue, expense, budget revenue, budget expenditure. */
export interface VoucherEffect {
  revenueFen: bigint;
  expenseFen: bigint;
  budgetRevenueFen: bigint;
  budgetExpenditureFen: bigint;
}

/**
 * 差异调节表: from 本期预算结余 to 本期盈余, voucher by voucher, so every difference is traced to
 * the entries that make it (non-cash expenses, assets bought, accruals, quota not yet spent…).
 */
export function reconciliation(effects: readonly VoucherEffect[]): Statement {
  let budgetResult = 0n;
  let result = 0n;
  const items = { revenueNotBudget: 0n, budgetNotRevenue: 0n, budgetNotExpense: 0n, expenseNotBudget: 0n };
  for (const e of effects) {
    budgetResult += e.budgetRevenueFen - e.budgetExpenditureFen;
    result += e.revenueFen - e.expenseFen;
    const revenueGap = e.revenueFen - e.budgetRevenueFen;
    if (revenueGap > 0n) items.revenueNotBudget += revenueGap;
    else items.budgetNotRevenue -= revenueGap;
    const expenseGap = e.budgetExpenditureFen - e.expenseFen;
    if (expenseGap > 0n) items.budgetNotExpense += expenseGap;
    else items.expenseNotBudget -= expenseGap;
  }
  const computed = budgetResult + items.revenueNotBudget - items.budgetNotRevenue + items.budgetNotExpense - items.expenseNotBudget;
  if (computed !== result) throw new Error("Invariant broken: the reconciliation does not close");
  return {
    code: "reconciliation",
    title: statementTitles.reconciliation,
    columns: ["项目", "金额"],
    rows: [
      { label: "一、本期预算结余（本期预算收入 − 本期预算支出）", values: [budgetResult], total: true },
      { label: "加：当期确认为收入但没有确认为预算收入", values: [items.revenueNotBudget] },
      { label: "减：当期确认为预算收入但没有确认为收入", values: [items.budgetNotRevenue] },
      { label: "加：当期确认为预算支出但没有确认为费用（如购建资产、偿还借款）", values: [items.budgetNotExpense] },
      { label: "减：当期确认为费用但没有确认为预算支出（如折旧摊销、计提未付）", values: [items.expenseNotBudget] },
      { label: "二、本期盈余（本期收入 − 本期费用）", values: [result], total: true },
    ],
  };
}
