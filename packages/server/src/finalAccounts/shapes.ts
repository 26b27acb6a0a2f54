// The tables of a township's final accounts (乡镇财政总决算) shaped from what was read (pure: no
// database): 收支决算总表, 一般公共预算收支决算明细表 and 政府性基金收支决算表 by class 类/款/项 with 预算数,
// 调整预算数 and 决算数, 转移支付收支表, 结转结余表, 债务情况表, the treasury's paid totals the books are
// checked against, and each budget unit's 部门决算 (收入支出决算总表, 财政拨款收入支出决算表). Amounts are
// fen while shaping; the tables hold yuan strings, as stored and shown. A row that totals others says
// which (sumOf), so the formulas are read from the tables themselves.
import { formatYuan } from "@xiangcai/shared";
import type { FinalTableRowView, FinalTableView } from "@xiangcai/shared";
import type { SetYearFigures } from "../ledger/index.ts";
import type { AppropriationFund, ExpenditureKind } from "../budget/index.ts";

export type Fund = "generalBudget" | "governmentFund" | "stateCapital" | "specialAccount" | "specialFund";
export const FUND_PREFIX: Record<Fund, string> = { generalBudget: "g", governmentFund: "f", stateCapital: "s", specialAccount: "a", specialFund: "p" };
export const FUND_NAMES: Record<Fund, string> = { generalBudget: "一般公共预算", governmentFund: "政府性基金预算", stateCapital: "国有资本经营预算", specialAccount: "财政专户管理资金", specialFund: "专用基金" };
const FUNDS: readonly Fund[] = ["generalBudget", "governmentFund", "stateCapital", "specialAccount", "specialFund"];

/** A row while shaping: fen values (null = blank). */
export interface Row {
  key: string;
  label: string;
  level: number;
  total?: boolean;
  sumOf?: string[];
  values: (bigint | null)[];
}

export interface PaidLine {
  fund: Fund;
  functionalCode: string;
  budgetUnitId: string | null;
  source: "treasury" | "subsidy";
  amountFen: bigint;
}

export interface DebtPosition {
  opening: Record<string, string>;
  newDebt: Record<string, string>;
  repaidPrincipal: Record<string, string>;
  closing: Record<string, string>;
}

export interface TownshipYear {
  year: number;
  fiscal: SetYearFigures | null;
  budget: { revenue: { kind: string; fund: string; revenueCode: string | null; amountFen: bigint }[]; expenditure: { functionalCode: string; fund: string; amountFen: bigint }[] } | null;
  /** Indicators issued for the year (the budget as adjusted during the year) by functional class. */
  adjusted: { fund: Fund; functionalCode: string; amountFen: bigint }[];
  paid: readonly PaidLine[];
  debt: DebtPosition | null;
  revenueNames: ReadonlyMap<string, string>;
  functionNames: ReadonlyMap<string, string>;
  /** `handEnteredAppropriationFen`: the unit's 6001 of the year from vouchers entered by hand (not posted from an event). */
  units: readonly { budgetUnitId: string; unitName: string; figures: SetYearFigures; handEnteredAppropriationFen?: bigint }[];
  /** Per budget unit, what the township gave it in the year as its 财政拨款 (units absent got nothing). */
  unitAppropriations?: ReadonlyMap<string, UnitAppropriationFacts>;
}

/** A unit's authorised-payment facts of a year for one fund and expenditure kind (基本支出 or 项目支出). */
export interface AuthorisedKindFacts {
  /** The unit's authorised-payment quota of the kind for the year, all months. */
  quotaFen: bigint;
  /** Authorised money of the kind carried in from last year, which the year's quota of the kind restores first. */
  restorableFen: bigint;
  /** The year's own authorised indicators of the kind as issued at the year end. */
  issuedFen: bigint;
}

/** Per appropriation fund (一般公共预算 / 政府性基金 / 国有资本经营) and kind, as the quota is issued. */
export type AuthorisedFacts = Record<AppropriationFund, Record<ExpenditureKind, AuthorisedKindFacts>>;

const noKindFacts = (): Record<ExpenditureKind, AuthorisedKindFacts> => ({ basic: { quotaFen: 0n, restorableFen: 0n, issuedFen: 0n }, project: { quotaFen: 0n, restorableFen: 0n, issuedFen: 0n } });
export const noAuthorisedFacts = (): AuthorisedFacts => ({ generalBudget: noKindFacts(), governmentFund: noKindFacts(), stateCapital: noKindFacts() });

/** The township's facts of what it gave a unit in a year, from the treasury and the budget's year end. */
export interface UnitAppropriationFacts {
  /** Direct payments paid in the year from the year's own indicators (not carried in), net of refunds. */
  directPaidFen: bigint;
  /** Quota, restorable and issued authorised money per fund and kind: the quota is issued per fund and kind, and restores and releases per fund and kind. */
  authorised: AuthorisedFacts;
  /** Whether the year end has run. */
  yearClosed: boolean;
  /** The year's own direct-payment indicators' unspent money carried over at the year end. */
  directCarriedFen: bigint;
}

/**
 * The township's side of a unit's 财政拨款预算收入 (6001), the sum the unit's ledger posts: direct
 * payments from the year's own budget (Cr 6001), the quota newly released — the year's quota beyond
 * what restores last year's carried-over authorised money (Cr 6001; the restoration credits 800103) —
 * and, at the year end, the 财政应返还额度 recognised: the own direct-payment money carried over and the
 * own authorised indicators beyond the new quota (Cr 6001). Payments from carried-over indicators and
 * authorised payments (Cr 800101) do not touch 6001.
 */
export function townshipSideOfUnit(f: UnitAppropriationFacts): { directPaidFen: bigint; newQuotaFen: bigint; returnableFen: bigint; totalFen: bigint } {
  // Per fund and kind (基本支出 / 项目支出): a quota restores the carried-in money of its fund and kind, and
  // releases the indicators of its fund and kind; the table adds all funds and kinds up.
  let newQuotaFen = 0n;
  let unreleasedFen = 0n;
  for (const k of Object.values(f.authorised).flatMap((byKind) => Object.values(byKind))) {
    const newOfKind = k.quotaFen > k.restorableFen ? k.quotaFen - (k.restorableFen > 0n ? k.restorableFen : 0n) : 0n;
    newQuotaFen += newOfKind;
    unreleasedFen += k.issuedFen > newOfKind ? k.issuedFen - newOfKind : 0n;
  }
  const returnableFen = f.yearClosed ? f.directCarriedFen + unreleasedFen : 0n;
  return { directPaidFen: f.directPaidFen, newQuotaFen, returnableFen, totalFen: f.directPaidFen + newQuotaFen + returnableFen };
}

export function tableView(code: string, title: string, columns: string[], rows: Row[], source: string): FinalTableView {
  return {
    code,
    title,
    columns,
    source,
    rows: rows.map((r): FinalTableRowView => ({ key: r.key, label: r.label, level: r.level, ...(r.total ? { total: true } : {}), ...(r.sumOf ? { sumOf: r.sumOf } : {}), values: r.values.map((v) => (v === null ? null : formatYuan(v))) })),
  };
}

const add = (m: Map<string, bigint>, k: string, v: bigint) => m.set(k, (m.get(k) ?? 0n) + v);
const sumValues = (m: ReadonlyMap<string, bigint>) => [...m.values()].reduce((s, v) => s + v, 0n);

/** The key of the leaf row a recorded class code sits on: a 项 (7 digits) is its own row; a code recorded at 类 or 款 gets a "未细分" row under it. */
export function leafKey(prefix: string, code: string): string {
  return code.length >= 7 ? `${prefix}:${code.slice(0, 7)}` : `${prefix}:${code}=`;
}

/**
 * A class tree (类 3 digits, 款 5, 项 7) of several columns: every recorded code on its leaf, every
 * parent the sum of its children. `columns` are maps from recorded code to fen, one per column.
 */
export function classTree(prefix: string, columns: readonly ReadonlyMap<string, bigint>[], names: ReadonlyMap<string, string>): { rows: Row[]; classKeys: string[] } {
  const leaves = new Map<string, { code: string; values: bigint[] }>();
  columns.forEach((col, i) => {
    for (const [raw, fen] of col) {
      const code = raw.trim() || "未填";
      const key = /^[0-9]{3,}$/.test(code) ? leafKey(prefix, code) : `${prefix}:${code}=`;
      const leaf = leaves.get(key) ?? { code: /^[0-9]{3,}$/.test(code) ? code.slice(0, 7) : code, values: columns.map(() => 0n) };
      leaf.values[i]! += fen;
      leaves.set(key, leaf);
    }
  });
  // Group: 类 → 款 → leaves.
  const classes = new Map<string, Map<string, string[]>>();
  for (const [key, leaf] of [...leaves.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const numeric = /^[0-9]{3,}$/.test(leaf.code);
    const cls = numeric ? leaf.code.slice(0, 3) : leaf.code;
    const item = numeric && leaf.code.length >= 5 ? leaf.code.slice(0, 5) : "";
    const items = classes.get(cls) ?? new Map<string, string[]>();
    items.set(item, [...(items.get(item) ?? []), key]);
    classes.set(cls, items);
  }
  const rows: Row[] = [];
  const classKeys: string[] = [];
  const leafRow = (key: string, level: number): Row => {
    const leaf = leaves.get(key)!;
    const own = key.endsWith("=");
    const label = own ? `${leaf.code} ${names.get(leaf.code) ?? ""}（未细分）`.replace(" （", "（") : `${leaf.code} ${names.get(leaf.code) ?? ""}`.trimEnd();
    return { key, label, level, values: leaf.values };
  };
  for (const [cls, items] of [...classes.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const classKey = `${prefix}:${cls}`;
    classKeys.push(classKey);
    const classRow: Row = { key: classKey, label: `${cls} ${names.get(cls) ?? ""}`.trimEnd(), level: 1, values: columns.map(() => 0n), sumOf: [] };
    const below: Row[] = [];
    for (const [item, keys] of [...items.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      if (!item) {
        for (const k of keys) {
          below.push(leafRow(k, 2));
          classRow.sumOf!.push(k);
        }
        continue;
      }
      const itemKey = `${prefix}:${item}`;
      const itemRow: Row = { key: itemKey, label: `${item} ${names.get(item) ?? ""}`.trimEnd(), level: 2, values: columns.map(() => 0n), sumOf: [] };
      const leafRows = keys.map((k) => leafRow(k, 3));
      for (const l of leafRows) {
        itemRow.sumOf!.push(l.key);
        l.values.forEach((v, i) => (itemRow.values[i]! += v!));
      }
      below.push(itemRow, ...leafRows);
      classRow.sumOf!.push(itemKey);
    }
    for (const r of below) if (r.level === 2) r.values.forEach((v, i) => (classRow.values[i]! += v!));
    rows.push(classRow, ...below);
  }
  return { rows, classKeys };
}

function totalRow(key: string, label: string, rows: readonly Row[], keys: readonly string[], width: number): Row {
  const picked = rows.filter((r) => keys.includes(r.key));
  return { key, label, level: 0, total: true, sumOf: [...keys], values: Array.from({ length: width }, (_, i) => picked.reduce((s, r) => s + (r.values[i] ?? 0n), 0n)) };
}

// ---------------------------------------------------------------- the fiscal books by budget

interface FundFigures {
  ownRevenueByClass: Map<string, bigint>;
  ownExpenditureByFunction: Map<string, bigint>;
  transferFen: bigint;
  transferInFen: bigint;
  otherRevenueFen: bigint;
  remittanceFen: bigint;
  transferOutFen: bigint;
  otherExpenditureFen: bigint;
  carryStartFen: bigint;
  carryEndFen: bigint;
  /** 明细 of 6011 and 7012 by account (for the transfer table). */
  transferByAccount: Map<string, bigint>;
  remittanceByAccount: Map<string, bigint>;
}

const OWN_REVENUE: Record<Fund, string> = { generalBudget: "6001", governmentFund: "6002", stateCapital: "6003", specialAccount: "6005", specialFund: "6007" };
const OWN_EXPENDITURE: Record<Fund, string> = { generalBudget: "7001", governmentFund: "7002", stateCapital: "7003", specialAccount: "7005", specialFund: "7007" };

function emptyFund(): FundFigures {
  return { ownRevenueByClass: new Map(), ownExpenditureByFunction: new Map(), transferFen: 0n, transferInFen: 0n, otherRevenueFen: 0n, remittanceFen: 0n, transferOutFen: 0n, otherExpenditureFen: 0n, carryStartFen: 0n, carryEndFen: 0n, transferByAccount: new Map(), remittanceByAccount: new Map() };
}

/** The fiscal set's year by budget: own revenue by class, own expenditure by function, transfers, 结转结余 at both ends. */
export function fundFigures(f: SetYearFigures | null): Record<Fund, FundFigures> & { fundBalanceStartFen: bigint; fundBalanceEndFen: bigint } {
  const out = Object.fromEntries(FUNDS.map((x) => [x, emptyFund()])) as Record<Fund, FundFigures>;
  let fundBalanceStartFen = 0n;
  let fundBalanceEndFen = 0n;
  if (!f) return { ...out, fundBalanceStartFen, fundBalanceEndFen };
  for (const l of f.lines) {
    const first = l.account.slice(0, 4);
    const digit = l.account[0];
    if (digit !== "6" && digit !== "7") continue;
    const fund = out[f.fundOf(l.account)];
    const credit = l.creditFen - l.debitFen;
    const debit = l.debitFen - l.creditFen;
    if (digit === "6") {
      if (first === OWN_REVENUE[f.fundOf(l.account)]) add(fund.ownRevenueByClass, l.revenueCode ?? "", credit);
      else if (first === "6011") {
        fund.transferFen += credit;
        add(fund.transferByAccount, l.account, credit);
      } else if (first === "6021") fund.transferInFen += credit;
      else fund.otherRevenueFen += credit;
    } else if (first === OWN_EXPENDITURE[f.fundOf(l.account)]) add(fund.ownExpenditureByFunction, l.functionalCode ?? "", debit);
    else if (first === "7012") {
      fund.remittanceFen += debit;
      add(fund.remittanceByAccount, l.account, debit);
    } else if (first === "7021") fund.transferOutFen += debit;
    else fund.otherExpenditureFen += debit;
  }
  // 结转结余: the credit balances of the budget-balance accounts other than 资金结存 (8001), by budget;
  // at the year's end with the year's budget revenue and expenditure not yet closed into them.
  for (const [code, b] of f.opening) {
    if (code.startsWith("8001")) fundBalanceStartFen += b;
    else if (code[0] === "8") out[f.fundOf(code)].carryStartFen -= b;
  }
  for (const [code, b] of f.end) {
    if (code.startsWith("8001")) fundBalanceEndFen += b;
    else if (code[0] === "8" || code[0] === "6" || code[0] === "7") out[f.fundOf(code)].carryEndFen -= b;
  }
  return { ...out, fundBalanceStartFen, fundBalanceEndFen };
}

/** The approved budget by budget: own revenue by class, transfers, carry-over, expenditure by function. */
function budgetOf(y: TownshipYear, fund: Fund) {
  const revenueByClass = new Map<string, bigint>();
  const expenditureByFunction = new Map<string, bigint>();
  const adjustedByFunction = new Map<string, bigint>();
  const sums = { transferFen: 0n, transferInFen: 0n, carryOverFen: 0n, remittanceFen: 0n, transferOutFen: 0n };
  for (const r of y.budget?.revenue ?? []) {
    if (r.fund !== fund) continue;
    if (r.kind === "tax" || r.kind === "nonTax") add(revenueByClass, r.revenueCode ?? "", r.amountFen);
    else if (r.kind === "transfer") sums.transferFen += r.amountFen;
    else if (r.kind === "transferIn") sums.transferInFen += r.amountFen;
    else if (r.kind === "carryOver") sums.carryOverFen += r.amountFen;
    else if (r.kind === "remittance") sums.remittanceFen += r.amountFen;
    else sums.transferOutFen += r.amountFen;
  }
  for (const e of y.budget?.expenditure ?? []) if (e.fund === fund) add(expenditureByFunction, e.functionalCode, e.amountFen);
  for (const a of y.adjusted) if (a.fund === fund) add(adjustedByFunction, a.functionalCode, a.amountFen);
  return { revenueByClass, expenditureByFunction, adjustedByFunction, ...sums };
}

// ---------------------------------------------------------------- the township's tables

const THREE = ["预算数", "调整预算数", "决算数"];
const BOOKS = "财政总会计账（已记账凭证，不含结账凭证）";

/** 一般公共预算收支决算明细表 / 政府性基金收支决算表: own revenue by class and own expenditure by function, 类/款/项. */
function detailTable(y: TownshipYear, fund: "generalBudget" | "governmentFund", books: FundFigures): FinalTableView {
  const p = FUND_PREFIX[fund];
  const b = budgetOf(y, fund);
  // Revenue has no adjustment of its own here: 调整预算数 is the approved figure.
  const revenue = classTree(`${p}r`, [b.revenueByClass, b.revenueByClass, books.ownRevenueByClass], y.revenueNames);
  const expenditure = classTree(`${p}e`, [b.expenditureByFunction, b.adjustedByFunction, books.ownExpenditureByFunction], y.functionNames);
  const rows: Row[] = [totalRow(`${p}r-total`, "本级收入合计", revenue.rows, revenue.classKeys, 3), ...revenue.rows, totalRow(`${p}e-total`, "本级支出合计", expenditure.rows, expenditure.classKeys, 3), ...expenditure.rows];
  const code = fund === "generalBudget" ? "general-detail" : "fund-detail";
  const title = fund === "generalBudget" ? "一般公共预算收支决算明细表" : "政府性基金收支决算表";
  return tableView(code, title, THREE, rows, `预算数：人大批准的预算；调整预算数：本年下达的全部指标（含追加、上级转移支付）；决算数：${BOOKS}`);
}

/** 收支决算总表: each budget's sources and uses, 预算数, 调整预算数, 决算数, with the year-end 结转结余. */
function summaryTable(y: TownshipYear, funds: ReturnType<typeof fundFigures>, detail: Record<"generalBudget" | "governmentFund", FinalTableView>): FinalTableView {
  const rows: Row[] = [];
  const revenueKeys: string[] = [];
  const expenditureKeys: string[] = [];
  for (const fund of ["generalBudget", "governmentFund"] as const) {
    const p = FUND_PREFIX[fund];
    const b = budgetOf(y, fund);
    const a = funds[fund];
    const adjustedSpend = sumValues(b.adjustedByFunction);
    const ownBudget = sumValues(b.revenueByClass);
    const spendBudget = sumValues(b.expenditureByFunction);
    const r = (key: string, label: string, budget: bigint, adjusted: bigint, actual: bigint, level = 2): Row => ({ key: `${p}:${key}`, label, level, values: [budget, adjusted, actual] });
    const revenue = [
      r("own-revenue", "本级收入", ownBudget, ownBudget, sumValues(a.ownRevenueByClass)),
      r("transfer", "上级补助收入", b.transferFen, b.transferFen + (adjustedSpend > spendBudget ? adjustedSpend - spendBudget : 0n), a.transferFen),
      r("transfer-in", "调入资金", b.transferInFen, b.transferInFen, a.transferInFen),
      r("other-revenue", "其他收入（上解收入、债务收入、动用预算稳定调节基金等）", 0n, 0n, a.otherRevenueFen),
    ];
    const revenueTotal = totalRow(`${p}:revenue`, "本年收入合计", revenue, revenue.map((x) => x.key), 3);
    revenueTotal.level = 1;
    const carryStart = r("carry-start", "上年结转结余", b.carryOverFen, b.carryOverFen, a.carryStartFen, 1);
    const sources = totalRow(`${p}:sources`, "收入总计", [revenueTotal, carryStart], [revenueTotal.key, carryStart.key], 3);
    const expenditure = [
      r("own-expenditure", "本级支出", spendBudget, adjustedSpend, sumValues(a.ownExpenditureByFunction)),
      r("remittance", "上解支出", b.remittanceFen, b.remittanceFen, a.remittanceFen),
      r("transfer-out", "调出资金", b.transferOutFen, b.transferOutFen, a.transferOutFen),
      r("other-expenditure", "其他支出（补助下级、债务还本、安排预算稳定调节基金等）", 0n, 0n, a.otherExpenditureFen),
    ];
    const expenditureTotal = totalRow(`${p}:expenditure`, "本年支出合计", expenditure, expenditure.map((x) => x.key), 3);
    expenditureTotal.level = 1;
    const carryEnd = r("carry-end", "年终结转结余", sources.values[0]! - expenditureTotal.values[0]!, sources.values[1]! - expenditureTotal.values[1]!, a.carryEndFen, 1);
    const uses = totalRow(`${p}:uses`, "支出总计", [expenditureTotal, carryEnd], [expenditureTotal.key, carryEnd.key], 3);
    rows.push({ key: `${p}:heading`, label: FUND_NAMES[fund], level: 0, values: [null, null, null] }, ...revenue, revenueTotal, carryStart, sources, ...expenditure, expenditureTotal, carryEnd, uses);
    revenueKeys.push(revenueTotal.key);
    expenditureKeys.push(expenditureTotal.key);
    void detail;
  }
  rows.push(totalRow("revenue", "全部本年收入合计", rows, revenueKeys, 3), totalRow("expenditure", "全部本年支出合计", rows, expenditureKeys, 3));
  return tableView("summary", "收支决算总表", THREE, rows, `预算数：人大批准的预算；决算数：${BOOKS}`);
}

/** 转移支付收支表: transfers from above and remittances up by 明细 (补助预算收入 6011xx, 上解预算支出 7012xx), 预算数 and 决算数. */
function transferTable(y: TownshipYear, funds: ReturnType<typeof fundFigures>, chartName: (code: string) => string): FinalTableView {
  // The budget's transfer and remittance of each budget sit on that budget's 明细 (01 一般公共预算, 02 政府性基金预算).
  const incoming = new Map<string, [bigint, bigint]>();
  const outgoing = new Map<string, [bigint, bigint]>();
  const put = (m: Map<string, [bigint, bigint]>, code: string, column: 0 | 1, fen: bigint) => {
    const v = m.get(code) ?? [0n, 0n];
    v[column] += fen;
    m.set(code, v);
  };
  for (const [fund, detail] of [
    ["generalBudget", "01"],
    ["governmentFund", "02"],
  ] as const) {
    const b = budgetOf(y, fund);
    if (b.transferFen) put(incoming, `6011${detail}`, 0, b.transferFen);
    if (b.remittanceFen) put(outgoing, `7012${detail}`, 0, b.remittanceFen);
    for (const [k, v] of funds[fund].transferByAccount) put(incoming, k, 1, v);
    for (const [k, v] of funds[fund].remittanceByAccount) put(outgoing, k, 1, v);
  }
  const detail = (prefix: string, m: Map<string, [bigint, bigint]>): Row[] => [...m.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([code, v]) => ({ key: `${prefix}:${code}`, label: `${code} ${chartName(code) || (prefix === "in" ? "补助预算收入" : "上解预算支出")}`, level: 2, values: [...v] }));
  const inRows = detail("in", incoming);
  const outRows = detail("out", outgoing);
  return tableView(
    "transfers",
    "转移支付收支表",
    ["预算数", "决算数"],
    [totalRow("in-total", "上级补助收入合计", inRows, inRows.map((r) => r.key), 2), ...inRows, totalRow("out-total", "上解支出合计", outRows, outRows.map((r) => r.key), 2), ...outRows],
    `预算数：人大批准的预算；决算数：${BOOKS}，补助预算收入（6011）、上解预算支出（7012）的明细`,
  );
}

/** 结转结余表: each budget's 年初结转结余 + 本年收入 − 本年支出 = 年末结转结余, and 资金结存 at both ends. */
function carryTable(funds: ReturnType<typeof fundFigures>): FinalTableView {
  const rows: Row[] = [];
  for (const fund of FUNDS) {
    const a = funds[fund];
    const revenue = sumValues(a.ownRevenueByClass) + a.transferFen + a.transferInFen + a.otherRevenueFen;
    const spend = sumValues(a.ownExpenditureByFunction) + a.remittanceFen + a.transferOutFen + a.otherExpenditureFen;
    if (fund !== "generalBudget" && fund !== "governmentFund" && revenue === 0n && spend === 0n && a.carryStartFen === 0n && a.carryEndFen === 0n) continue;
    rows.push({ key: FUND_PREFIX[fund], label: FUND_NAMES[fund], level: 1, values: [a.carryStartFen, revenue, spend, a.carryEndFen] });
  }
  const total = totalRow("total", "合计", rows, rows.map((r) => r.key), 4);
  const balance: Row = { key: "fund-balance", label: "资金结存（8001）", level: 1, values: [funds.fundBalanceStartFen, null, null, funds.fundBalanceEndFen] };
  return tableView("carryover", "结转结余表", ["年初结转结余", "本年收入", "本年支出", "年末结转结余"], [...rows, total, balance], `${BOOKS}：结转结余类科目（8031-8039）与预算收支科目的余额，资金结存（8001）余额`);
}

const DEBT_KINDS: readonly [string, string][] = [
  ["bond", "政府债券"],
  ["loan", "借款"],
  ["arrears", "拖欠款项"],
  ["other", "其他"],
];

/** 债务情况表 from the debt register: by kind, 年初余额 + 本年举借 − 本年偿还本金 = 年末余额. */
function debtTable(d: DebtPosition | null, parse: (yuan: string) => bigint): FinalTableView {
  const rows: Row[] = DEBT_KINDS.map(([k, label]) => ({ key: k, label, level: 1, values: d ? [parse(d.opening[k]!), parse(d.newDebt[k]!), parse(d.repaidPrincipal[k]!), parse(d.closing[k]!)] : [0n, 0n, 0n, 0n] }));
  const total = totalRow("total", "合计", rows, rows.map((r) => r.key), 4);
  return tableView("debt", "债务情况表", ["年初余额", "本年举借", "本年偿还本金", "年末余额"], [...rows, total], "债务台账（本金按还款计划与实际还款）");
}

/** 国库支付核对表: what the treasury paid (payments and subsidies, net of refunds and recoveries) by budget and recorded functional class. */
function treasuryTable(paid: readonly PaidLine[], names: ReadonlyMap<string, string>): FinalTableView {
  const byKey = new Map<string, { label: string; values: [bigint, bigint, bigint] }>();
  for (const l of paid) {
    const key = leafKey(`${FUND_PREFIX[l.fund]}e`, l.functionalCode);
    const row = byKey.get(key) ?? { label: `${FUND_NAMES[l.fund]} ${l.functionalCode} ${names.get(l.functionalCode) ?? ""}`.trimEnd(), values: [0n, 0n, 0n] };
    row.values[0] += l.amountFen;
    row.values[l.source === "treasury" ? 1 : 2] += l.amountFen;
    byKey.set(key, row);
  }
  const rows: Row[] = [...byKey.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([key, r]) => ({ key, label: r.label, level: 1, values: r.values }));
  return tableView("treasury", "国库支付核对表", ["国库支付数", "其中：集中支付", "其中：补贴发放"], [...rows, totalRow("total", "合计", rows, rows.map((r) => r.key), 3)], "国库集中支付（银行回单已支付，扣除退回与退款）与惠民惠农补贴发放（扣除追回）");
}

/**
 * 单位财政拨款核对表: what the township gave each unit as 财政拨款 (direct payments from the year's own
 * budget, authorised quota newly released, the 财政应返还额度 recognised at the year end) against the
 * unit's own 财政拨款预算收入 (townshipSideOfUnit says why these add up to it).
 */
function unitPaidTable(y: TownshipYear, unitTables: readonly { budgetUnitId: string; unitName: string; appropriationFen: bigint; handEnteredAppropriationFen?: bigint | undefined }[]): FinalTableView {
  const none: UnitAppropriationFacts = { directPaidFen: 0n, authorised: noAuthorisedFacts(), yearClosed: false, directCarriedFen: 0n };
  const rows: Row[] = unitTables.map((u) => {
    const t = townshipSideOfUnit(y.unitAppropriations?.get(u.budgetUnitId) ?? none);
    return { key: u.budgetUnitId, label: u.unitName, level: 1, values: [t.directPaidFen, t.newQuotaFen, t.returnableFen, t.totalFen, u.appropriationFen, u.handEnteredAppropriationFen ?? 0n] };
  });
  return tableView(
    "unit-check",
    "单位财政拨款核对表",
    ["财政直接支付（本年预算）", "授权支付额度（本年新下达）", "年末确认财政应返还额度", "乡镇拨付合计", "单位账财政拨款收入", "其中：手工录入凭证"],
    rows,
    "国库集中支付（按预算单位，本年指标的直接支付）、授权支付额度（扣除恢复的上年结转额度）、年终结转（本年指标未支付的直接支付与未下达的授权支付额度）与各单位会计账的财政拨款预算收入（6001，其中手工录入凭证的部分另列）",
  );
}

// ---------------------------------------------------------------- a unit's 部门决算

/** 收入支出决算总表 and 财政拨款收入支出决算表 of one unit's books for the year. */
export function unitTables(f: SetYearFigures, names: ReadonlyMap<string, string>): { tables: FinalTableView[]; appropriationFen: bigint } {
  const first = (code: string) => f.chart.get(code.slice(0, 4))?.name ?? code.slice(0, 4);
  const revenue = new Map<string, bigint>();
  const spend = new Map<string, bigint>();
  const appropriationByFunction = new Map<string, bigint>();
  const spendByFunction = new Map<string, bigint>();
  for (const l of f.lines) {
    if (l.account[0] === "6") {
      add(revenue, l.account.slice(0, 4), l.creditFen - l.debitFen);
      if (l.account.startsWith("6001")) add(appropriationByFunction, l.functionalCode ?? "", l.creditFen - l.debitFen);
    } else if (l.account[0] === "7") {
      add(spend, l.account.slice(0, 4), l.debitFen - l.creditFen);
      add(spendByFunction, l.functionalCode ?? "", l.debitFen - l.creditFen);
    }
  }
  let carryStart = 0n;
  for (const [code, b] of f.opening) if (code[0] === "8" && !code.startsWith("8001")) carryStart -= b;
  let fundsEnd = 0n;
  for (const [code, b] of f.end) if (code.startsWith("8001")) fundsEnd += b;
  const revenueRows: Row[] = [...revenue.entries()].sort().map(([code, fen]) => ({ key: `r:${code}`, label: `${code} ${first(code)}`, level: 2, values: [fen] }));
  const spendRows: Row[] = [...spend.entries()].sort().map(([code, fen]) => ({ key: `e:${code}`, label: `${code} ${first(code)}`, level: 2, values: [fen] }));
  const summary: Row[] = [
    { key: "carry-start", label: "年初结转和结余", level: 1, values: [carryStart] },
    totalRow("revenue", "本年收入合计", revenueRows, revenueRows.map((r) => r.key), 1),
    ...revenueRows,
    totalRow("expenditure", "本年支出合计", spendRows, spendRows.map((r) => r.key), 1),
    ...spendRows,
    { key: "carry-end", label: "年末结转和结余（资金结存 8001 年末余额）", level: 1, values: [fundsEnd] },
  ];
  const tree = classTree("a", [appropriationByFunction, spendByFunction], names);
  const appropriation: Row[] = [totalRow("total", "合计", tree.rows, tree.classKeys, 2), ...tree.rows];
  return {
    appropriationFen: revenue.get("6001") ?? 0n,
    tables: [
      tableView("unit-summary", "收入支出决算总表", ["决算数"], summary, `单位会计账 ${f.set.code}（预算会计，已记账凭证，不含结账凭证）`),
      tableView("unit-appropriation", "财政拨款收入支出决算表", ["本年财政拨款收入", "本年支出"], appropriation, `单位会计账 ${f.set.code}：财政拨款预算收入（6001）与预算支出按功能分类`),
    ],
  };
}

export interface BuiltTables {
  tables: FinalTableView[];
  units: { budgetUnitId: string; unitName: string; setCode: string; tables: FinalTableView[] }[];
}

/** Every table of a township's final accounts for the year. */
export function buildTables(y: TownshipYear, parse: (yuan: string) => bigint): BuiltTables {
  const funds = fundFigures(y.fiscal);
  const detail = { generalBudget: detailTable(y, "generalBudget", funds.generalBudget), governmentFund: detailTable(y, "governmentFund", funds.governmentFund) };
  const chartName = (code: string) => y.fiscal?.chart.get(code)?.name ?? "";
  const units = y.units.map((u) => ({ ...u, ...unitTables(u.figures, y.functionNames) }));
  return {
    tables: [
      summaryTable(y, funds, detail),
      detail.generalBudget,
      detail.governmentFund,
      transferTable(y, funds, chartName),
      carryTable(funds),
      debtTable(y.debt, parse),
      treasuryTable(y.paid, y.functionNames),
      unitPaidTable(y, units),
    ],
    units: units.map((u) => ({ budgetUnitId: u.budgetUnitId, unitName: u.unitName, setCode: u.figures.set.code, tables: u.tables })),
  };
}
