// Pure rules of the government accounting ledger (DOMAIN.md §5): the chart, voucher checks per
// basis, parallel recording, voucher numbers, reversal, the posting rules of the events other domains
// announce (which accounts a payment or a subsidy debits and credits), and the trial balance.
// No database, no HTTP.
import { appropriationFundNames, appropriationFundOf, formatYuan, ledgerAuxDimensions, ledgerCategoryNames, type AppropriationFund, ledgerAuxNames, neutraliseFormula, parseYuan, tryParseYuan } from "@xiangcai/shared";

export type Basis = "financial" | "budget";
export type NormalSide = "debit" | "credit";
export type Category = "asset" | "liability" | "net_assets" | "revenue" | "expense" | "budget_revenue" | "budget_expenditure" | "budget_balance";
export type VoucherKind = "normal" | "reversal" | "supplementary" | "closing";
export type VoucherStatus = "entered" | "reviewed" | "posted";
/** 'unit': a budget unit's books (政府会计制度); 'fiscal': the township's treasury books (财政总会计制度). */
export type AccountSetKind = "unit" | "fiscal";
export const ACCOUNT_SET_KINDS: readonly AccountSetKind[] = ["unit", "fiscal"];
export const accountSetKindNames: Record<AccountSetKind, string> = { unit: "单位会计（政府会计制度）", fiscal: "财政总会计（财政总会计制度）" };

export const AUX_DIMENSIONS = ledgerAuxDimensions;
export type AuxDimension = (typeof AUX_DIMENSIONS)[number];
export type Aux = Partial<Record<AuxDimension, string>>;
export const auxNames: Record<AuxDimension, string> = ledgerAuxNames;

export const CATEGORIES: readonly Category[] = ["asset", "liability", "net_assets", "revenue", "expense", "budget_revenue", "budget_expenditure", "budget_balance"];
export const categoryNames: Record<Category, string> = ledgerCategoryNames;

export interface ChartAccount {
  code: string;
  name: string;
  basis: Basis;
  category: Category;
  normalSide: NormalSide;
  parentCode: string | null;
  isLeaf: boolean;
  requiredAux: AuxDimension[];
}

/** Budget expenditure is analysed by function and economic nature (DOMAIN.md §6). */
export const DEFAULT_REQUIRED_AUX: Record<string, AuxDimension[]> = {
  "7101": ["functional", "economic"],
  "7201": ["functional", "economic"],
};

/** Cash and quota accounts whose budget money needs a budget-accounting entry too (平行记账). */
export const PARALLEL_ACCOUNTS: readonly string[] = ["1001", "1002", "1011", "1021", "4001"];

/** Limits: every list and batch has a named maximum. */
export const VOUCHER_LINES_MAX = 200;
export const IMPORT_VOUCHERS_MAX = 250_000;
export const SUMMARY_LENGTH_MAX = 200;
export const CHART_ACCOUNTS_MAX = 5_000;

const basisOfCategory: Record<Category, Basis> = {
  asset: "financial",
  liability: "financial",
  net_assets: "financial",
  revenue: "financial",
  expense: "financial",
  budget_revenue: "budget",
  budget_expenditure: "budget",
  budget_balance: "budget",
};

export function basisOfCode(code: string): Basis {
  return code[0]! >= "6" ? "budget" : "financial";
}

// ---------------------------------------------------------------- chart

export type ChartProblem = { row: number; message: string };

/** Splits one CSV line (RFC 4180 quotes allowed). */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else cell += c;
  }
  cells.push(cell);
  return cells.map((s) => s.trim());
}

/**
 * Reads a chart from CSV with the header `code,name,basis,category,normal_side` and optionally
 * `required_aux` (dimensions separated by `|`). First-level codes have 4 digits; a sub-account
 * extends its parent by 2 digits and must follow it. All or nothing: any problem rejects the file.
 */
export function parseChartCsv(text: string): { ok: true; accounts: ChartAccount[] } | { ok: false; problems: ChartProblem[] } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.trim() !== "");
  const problems: ChartProblem[] = [];
  const header = splitCsvLine(lines[0] ?? "");
  const expected = ["code", "name", "basis", "category", "normal_side"];
  if (expected.some((h, i) => header[i] !== h)) return { ok: false, problems: [{ row: 1, message: `表头应为 ${expected.join(",")}[,required_aux]` }] };
  if (lines.length - 1 > CHART_ACCOUNTS_MAX) return { ok: false, problems: [{ row: 1, message: `科目不得超过 ${CHART_ACCOUNTS_MAX} 个` }] };
  const accounts = new Map<string, ChartAccount>();
  lines.slice(1).forEach((line, i) => {
    const row = i + 2;
    const [code = "", name = "", basis = "", category = "", normalSide = "", auxText = ""] = splitCsvLine(line);
    if (!/^[0-9]{4}([0-9]{2}){0,4}$/.test(code)) return problems.push({ row, message: `科目代码 ${code} 应为4位，明细科目每级加2位` });
    if (!name) return problems.push({ row, message: "科目名称不能为空" });
    if (!(CATEGORIES as string[]).includes(category)) return problems.push({ row, message: `类别 ${category} 无效` });
    if (basis !== basisOfCategory[category as Category] || basis !== basisOfCode(code)) return problems.push({ row, message: `核算体系 ${basis} 与类别或代码不符（财务会计 1-5，预算会计 6-8）` });
    if (normalSide !== "debit" && normalSide !== "credit") return problems.push({ row, message: `余额方向 ${normalSide} 应为 debit 或 credit` });
    // A 明细 without its own column is analysed as its parent is (as addSubAccount does).
    const requiredAux = auxText ? auxText.split("|") : (DEFAULT_REQUIRED_AUX[code] ?? accounts.get(code.slice(0, -2))?.requiredAux ?? []);
    if (requiredAux.some((a) => !(AUX_DIMENSIONS as readonly string[]).includes(a))) return problems.push({ row, message: `辅助核算 ${auxText} 无效` });
    if (accounts.has(code)) return problems.push({ row, message: `科目代码 ${code} 重复` });
    const parentCode = code.length > 4 ? code.slice(0, -2) : null;
    const parent = parentCode ? accounts.get(parentCode) : undefined;
    if (parentCode && !parent) return problems.push({ row, message: `上级科目 ${parentCode} 须列在 ${code} 之前` });
    if (parent) {
      if (parent.category !== category || parent.normalSide !== normalSide) return problems.push({ row, message: `明细科目 ${code} 的类别和余额方向须与上级一致` });
      parent.isLeaf = false;
    }
    accounts.set(code, { code, name, basis: basis as Basis, category: category as Category, normalSide, parentCode, isLeaf: true, requiredAux: requiredAux as AuxDimension[] });
    return undefined;
  });
  return problems.length ? { ok: false, problems } : { ok: true, accounts: [...accounts.values()] };
}

/** The names of an account and its ancestors, joined by "/" (a 明细's meaning is read from them). */
export function accountNamePath(code: string, chart: ReadonlyMap<string, Pick<ChartAccount, "name" | "parentCode">>): string {
  const names: string[] = [];
  for (let c: string | null | undefined = code; c; c = chart.get(c)?.parentCode) names.push(chart.get(c)?.name ?? "");
  return names.join("/");
}

/** A sub-account's code: its parent's code and two more digits (`1002` → `100201`). */
export function checkSubAccountCode(parentCode: string, code: string): string | null {
  if (code.length !== parentCode.length + 2 || !code.startsWith(parentCode) || !/^[0-9]+$/.test(code)) return `明细科目代码应为上级科目代码 ${parentCode} 加两位数字`;
  if (code.length > 12) return "科目最多五级";
  if (code.endsWith("00")) return "明细科目代码的末两位不能为 00";
  return null;
}

// ---------------------------------------------------------------- vouchers

export const VOUCHER_ERROR_CODES = ["UNBALANCED_FINANCIAL", "UNBALANCED_BUDGET", "UNKNOWN_ACCOUNT", "NOT_LEAF", "BAD_AMOUNT", "PERIOD_CLOSED", "MISSING_AUX", "TOO_FEW_LINES"] as const;
export type VoucherErrorCode = (typeof VOUCHER_ERROR_CODES)[number];

export interface VoucherProblem {
  code: VoucherErrorCode;
  /** 0-based line index, when the problem is on a line. */
  line?: number;
  message: string;
}

export interface VoucherWarning {
  code: "PARALLEL_RECORDING";
  message: string;
}

export interface LineInput {
  account: string;
  debitFen: bigint;
  creditFen: bigint;
  summary?: string | undefined;
  aux?: Aux | undefined;
}

export interface VoucherInput {
  date: string;
  summary: string;
  lines: LineInput[];
}

export interface VoucherCheckContext {
  account(code: string): ChartAccount | undefined;
  isClosed(year: number, month: number): boolean;
}

export function periodOfDate(date: string): { year: number; month: number } {
  return { year: Number.parseInt(date.slice(0, 4), 10), month: Number.parseInt(date.slice(5, 7), 10) };
}

export function isValidDate(date: string): boolean {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

/** The financial and budget sums of a voucher's lines, debit and credit. */
export function basisTotals(lines: readonly { basis: Basis; debitFen: bigint; creditFen: bigint }[]) {
  const totals = { financial: { debitFen: 0n, creditFen: 0n, lines: 0 }, budget: { debitFen: 0n, creditFen: 0n, lines: 0 } };
  for (const l of lines) {
    totals[l.basis].debitFen += l.debitFen;
    totals[l.basis].creditFen += l.creditFen;
    totals[l.basis].lines++;
  }
  return totals;
}

/**
 * Checks a voucher against the chart and the periods. `signed` allows negative amounts: only the
 * reversing vouchers the ledger builds itself use it; anything typed or imported is positive.
 * `closing` (year-end carry-over vouchers, which zero whole accounts) needs no auxiliary dimensions.
 */
export function checkVoucher(input: VoucherInput, ctx: VoucherCheckContext, options: { signed?: boolean; closing?: boolean } = {}): { problems: VoucherProblem[]; warnings: VoucherWarning[] } {
  const problems: VoucherProblem[] = [];
  const warnings: VoucherWarning[] = [];
  if (!isValidDate(input.date)) problems.push({ code: "BAD_AMOUNT", message: `日期 ${input.date} 无效` });
  else {
    const { year, month } = periodOfDate(input.date);
    if (ctx.isClosed(year, month)) problems.push({ code: "PERIOD_CLOSED", message: `${year}年${month}月已结账或未开设，不能记账` });
  }
  if (input.lines.length < 2) problems.push({ code: "TOO_FEW_LINES", message: "凭证至少要有两行分录" });
  if (input.lines.length > VOUCHER_LINES_MAX) problems.push({ code: "TOO_FEW_LINES", message: `凭证分录不得超过 ${VOUCHER_LINES_MAX} 行` });
  const typed: { basis: Basis; debitFen: bigint; creditFen: bigint }[] = [];
  input.lines.forEach((line, i) => {
    const oneSide = (line.debitFen === 0n) !== (line.creditFen === 0n);
    const amount = line.debitFen + line.creditFen;
    if (!oneSide || (options.signed ? amount === 0n : amount <= 0n)) {
      problems.push({ code: "BAD_AMOUNT", line: i, message: `第${i + 1}行：借方、贷方须且只须填一个正数金额` });
    }
    const account = ctx.account(line.account);
    // A line on an unknown or non-leaf account still counts in its basis' sums (by its code's first
    // digit), so one wrong code is reported once and not also as an unbalanced voucher.
    if (!account) {
      if (/^[1-8]/.test(line.account)) typed.push({ basis: basisOfCode(line.account), debitFen: line.debitFen, creditFen: line.creditFen });
      return problems.push({ code: "UNKNOWN_ACCOUNT", line: i, message: `第${i + 1}行：科目 ${line.account} 不存在` });
    }
    if (!account.isLeaf) {
      typed.push({ basis: account.basis, debitFen: line.debitFen, creditFen: line.creditFen });
      return problems.push({ code: "NOT_LEAF", line: i, message: `第${i + 1}行：科目 ${line.account} ${account.name} 有明细科目，须记到末级科目` });
    }
    const missing = options.closing ? [] : account.requiredAux.filter((d) => !line.aux?.[d]);
    if (missing.length) problems.push({ code: "MISSING_AUX", line: i, message: `第${i + 1}行：科目 ${line.account} 须填写${missing.map((d) => auxNames[d]).join("、")}` });
    typed.push({ basis: account.basis, debitFen: line.debitFen, creditFen: line.creditFen });
    return undefined;
  });
  const totals = basisTotals(typed);
  if (totals.financial.debitFen !== totals.financial.creditFen) {
    problems.push({ code: "UNBALANCED_FINANCIAL", message: `财务会计分录借贷不平：借方 ${formatYuan(totals.financial.debitFen)}，贷方 ${formatYuan(totals.financial.creditFen)}` });
  }
  if (totals.budget.debitFen !== totals.budget.creditFen) {
    problems.push({ code: "UNBALANCED_BUDGET", message: `预算会计分录借贷不平：借方 ${formatYuan(totals.budget.debitFen)}，贷方 ${formatYuan(totals.budget.creditFen)}` });
  }
  const parallel = input.lines.filter((l) => PARALLEL_ACCOUNTS.includes(l.account.slice(0, 4)));
  if (parallel.length && totals.budget.lines === 0) {
    warnings.push({
      code: "PARALLEL_RECORDING",
      message: `涉及 ${[...new Set(parallel.map((l) => l.account.slice(0, 4)))].join("、")} 但没有预算会计分录：纳入部门预算管理的现金收支须平行记账，请确认本笔不属于预算资金（如应缴财政款、代收代付、受托代理）`,
    });
  }
  return { problems, warnings };
}

/** The voucher as the JSON of the import contract reads it; amounts are positive yuan strings. */
export interface ImportedVoucher {
  date?: unknown;
  summary?: unknown;
  attachments?: unknown;
  lines?: unknown;
}

/** Turns one imported voucher into typed input, or the problems of its shape (BAD_AMOUNT, TOO_FEW_LINES). */
export function readImportedVoucher(raw: unknown): { ok: true; voucher: VoucherInput & { attachments: number } } | { ok: false; problems: VoucherProblem[] } {
  const problems: VoucherProblem[] = [];
  const v = (raw ?? {}) as ImportedVoucher;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { ok: false, problems: [{ code: "BAD_AMOUNT", message: "凭证应为 JSON 对象" }] };
  if (typeof v.date !== "string" || !isValidDate(v.date)) problems.push({ code: "BAD_AMOUNT", message: `日期 ${String(v.date)} 应为 YYYY-MM-DD` });
  if (typeof v.summary !== "string" || !v.summary.trim() || v.summary.length > SUMMARY_LENGTH_MAX) problems.push({ code: "BAD_AMOUNT", message: "摘要不能为空且不超过200字" });
  if (!Array.isArray(v.lines)) return { ok: false, problems: [...problems, { code: "TOO_FEW_LINES", message: "缺少分录 lines" }] };
  const lines: LineInput[] = [];
  v.lines.forEach((raw: unknown, i) => {
    const l = (raw ?? {}) as { account?: unknown; debit?: unknown; credit?: unknown; aux?: unknown; summary?: unknown };
    const amountOf = (value: unknown): bigint | null => {
      if (value === undefined) return 0n;
      if (typeof value !== "string") return null;
      const parsed = tryParseYuan(value);
      return parsed.ok && parsed.fen > 0n ? parsed.fen : null;
    };
    const debitFen = amountOf(l.debit);
    const creditFen = amountOf(l.credit);
    if (debitFen === null || creditFen === null || (l.debit === undefined) === (l.credit === undefined)) {
      problems.push({ code: "BAD_AMOUNT", line: i, message: `第${i + 1}行：debit 与 credit 须且只须有一个，且为正的元金额字符串` });
      return;
    }
    const aux: Aux = {};
    if (l.aux !== undefined) {
      if (typeof l.aux !== "object" || l.aux === null) {
        problems.push({ code: "MISSING_AUX", line: i, message: `第${i + 1}行：aux 应为对象` });
        return;
      }
      for (const [key, value] of Object.entries(l.aux)) {
        if (!(AUX_DIMENSIONS as readonly string[]).includes(key) || typeof value !== "string" || value.length > 100) {
          problems.push({ code: "MISSING_AUX", line: i, message: `第${i + 1}行：辅助核算 ${key} 无效` });
          return;
        }
        aux[key as AuxDimension] = value;
      }
    }
    lines.push({ account: typeof l.account === "string" ? l.account : String(l.account), debitFen, creditFen, aux, summary: typeof l.summary === "string" ? l.summary : undefined });
  });
  const attachments = typeof v.attachments === "number" && Number.isInteger(v.attachments) && v.attachments >= 0 ? v.attachments : 0;
  if (problems.length) return { ok: false, problems };
  return { ok: true, voucher: { date: v.date as string, summary: (v.summary as string).trim(), lines, attachments } };
}

/** 记-0001: the voucher word and the month's sequence number. */
export function voucherLabel(number: number | null): string {
  return number === null ? "未记账" : `记-${String(number).padStart(4, "0")}`;
}

/** The lines of a reversing (红字) voucher: the original's lines with negated amounts, same sides. */
export function reversalLines<T extends { debitFen: bigint; creditFen: bigint }>(lines: readonly T[]): T[] {
  return lines.map((l) => ({ ...l, debitFen: -l.debitFen, creditFen: -l.creditFen }));
}

// ---------------------------------------------------------------- posting rules (docs/events.md)
// What the ledger posts for the events treasury and subsidy publish: pure functions from the event's
// facts (and what the consumer loaded) to a voucher. The consumer only loads, calls, and writes.

/** 行政支出 for an administrative unit, 事业支出 for a public institution. */
export type ExpenditureAccount = "7101" | "7201";

export function expenditureAccountOf(unitKind: string | undefined): ExpenditureAccount {
  return unitKind === "publicInstitution" ? "7201" : "7101";
}

interface ClassifiedFacts {
  functionalCode: string | null;
  economicCode: string | null;
}

/** The classification codes (and the payee, on expense lines) as auxiliary dimensions. */
function classifiedAux(p: ClassifiedFacts, payee?: string): Aux {
  return {
    ...(p.functionalCode ? { functional: p.functionalCode } : {}),
    ...(p.economicCode ? { economic: p.economicCode } : {}),
    ...(payee ? { payee: payee.slice(0, 100) } : {}),
  };
}

const debit = (account: string, fen: bigint, aux?: Aux): LineInput => ({ account, debitFen: fen, creditFen: 0n, ...(aux ? { aux } : {}) });
const credit = (account: string, fen: bigint, aux?: Aux): LineInput => ({ account, debitFen: 0n, creditFen: fen, ...(aux ? { aux } : {}) });

export interface PaidPaymentFacts extends ClassifiedFacts {
  method: "direct" | "authorised";
  amount: string;
  payeeName: string;
  purpose: string;
  paidAt: string;
}

/**
 * A treasury payment paid. Direct payment (财政直接支付): Dr 5001 / Cr 4001 and Dr 7101|7201 /
 * Cr 6001; authorised payment (授权支付, from the unit's zero-balance account): Dr 5001 / Cr 1011 and
 * Dr 7101|7201 / Cr 800101.
 */
export function paymentPaidVoucher(p: PaidPaymentFacts, expenditure: ExpenditureAccount): VoucherInput {
  const fen = parseYuan(p.amount);
  const expenseAux = classifiedAux(p, p.payeeName);
  const lines =
    p.method === "direct"
      ? [debit("5001", fen, expenseAux), credit("4001", fen), debit(expenditure, fen, expenseAux), credit("6001", fen, classifiedAux(p))]
      : [debit("5001", fen, expenseAux), credit("1011", fen), debit(expenditure, fen, expenseAux), credit("800101", fen)];
  const summary = `${p.method === "direct" ? "财政直接支付" : "授权支付"}：${p.purpose}（${p.payeeName}）`.slice(0, SUMMARY_LENGTH_MAX);
  return { date: p.paidAt.slice(0, 10), summary, lines };
}

/**
 * An authorised-payment quota set or changed for a unit's month (授权支付额度到账): for the change,
 * Dr 1011 零余额账户用款额度 / Cr 4001 财政拨款收入 and Dr 800101 资金结存—零余额账户用款额度 /
 * Cr 6001 财政拨款预算收入; a quota lowered posts the same the other way round. Dated the day it was
 * set, or the quota month's first day when set before its year; a change after the year is over is
 * refused (the year's books are closed and its unused quota was cancelled at year end).
 */
export function quotaChangeVoucher(p: { before: string; after: string; fiscalYear: number; month: number; setOn: string; expenditureKind?: ExpenditureKind | undefined; fund?: AppropriationKind | undefined }): { ok: true; voucher: VoucherInput } | { ok: false; reason: string } {
  const change = parseYuan(p.after) - parseYuan(p.before);
  if (change === 0n) return { ok: false, reason: "NO_CHANGE: 额度未变" };
  const setYear = Number(p.setOn.slice(0, 4));
  if (setYear > p.fiscalYear) return { ok: false, reason: `YEAR_OVER: ${p.fiscalYear} 年度已过，额度调整不再记账` };
  const date = setYear < p.fiscalYear ? `${p.fiscalYear}-${String(p.month).padStart(2, "0")}-01` : p.setOn;
  const fen = change > 0n ? change : -change;
  const lines = change > 0n ? [debit("1011", fen), credit("4001", fen), debit("800101", fen), credit("6001", fen)] : [credit("1011", fen), debit("4001", fen), credit("800101", fen), debit("6001", fen)];
  const summary = `${change > 0n ? "收到" : "调减"}${p.fiscalYear}年${p.month}月${kindLabel(p.expenditureKind, p.fund)}财政授权支付额度（${p.before} 元调为 ${p.after} 元）`.slice(0, SUMMARY_LENGTH_MAX);
  return { ok: true, voucher: { date, summary, lines } };
}

/**
 * 财政直接支付 not paid by the year end (the unit's unspent direct-payment indicators, carried over):
 * Dr 120101 财政应返还额度—财政直接支付 / Cr 4001 财政拨款收入 and Dr 800103 资金结存—财政应返还额度 /
 * Cr 6001 财政拨款预算收入, on the year's last day (政府会计制度, 1201's 年末 entry for direct payment).
 */
export function directPaymentReturnableVoucher(p: { fiscalYear: number; amount: string; indicatorCount: number }): { ok: true; voucher: VoucherInput } | { ok: false; reason: string } {
  const fen = parseYuan(p.amount);
  if (fen <= 0n) return { ok: false, reason: "BAD_AMOUNT: 结转的财政直接支付指标金额应为正数" };
  return {
    ok: true,
    voucher: {
      date: `${p.fiscalYear}-12-31`,
      summary: `年末确认${p.fiscalYear}年未支付的财政直接支付指标（${p.indicatorCount}个指标结转下年）`.slice(0, SUMMARY_LENGTH_MAX),
      lines: [debit("120101", fen), credit("4001", fen), debit("800103", fen), credit("6001", fen)],
    },
  };
}

/** A quota voucher's summary names a fund other than 一般公共预算 and 项目支出 (一般公共预算 基本支出's keeps the plain summary it had). */
const kindLabel = (kind?: ExpenditureKind | null, fund?: AppropriationKind | null): string => `${fund && fund !== "generalBudget" ? appropriationKindNames[fund] : ""}${kind === "project" ? "项目支出" : ""}`;

// ---------------------------------------------------------------- authorised quota over the year end
// (ledger/data/README.md, "Authorised-payment quota over the year end"): the treasury keeps no quota
// across years, so the township issues the carried-over authorised money again as next year's quota;
// the first `restorable` of a year's quota restores last year's 财政应返还额度—财政授权支付 and only the
// rest is new 财政拨款收入.

/**
 * How much more of a year's quota is restoration after a change: the year's quota restores
 * min(quota, restorable) in all; what was restored before is taken off. Negative when a lowered quota
 * (or a smaller restorable) takes restoration back.
 */
export function quotaRestorationFen(p: { totalAfterFen: bigint; restorableFen: bigint; restoredBeforeFen: bigint }): bigint {
  const total = p.totalAfterFen > 0n ? p.totalAfterFen : 0n;
  const restorable = p.restorableFen > 0n ? p.restorableFen : 0n;
  return (total < restorable ? total : restorable) - p.restoredBeforeFen;
}

/**
 * The lines of a quota change of `changeFen` of which `restoreFen` restores last year's quota, netted
 * per account: 1011 and 800101 take the change; 120102 / 800103 give the restoration (Dr 1011 / Cr 120102,
 * Dr 800101 / Cr 800103), 4001 / 6001 the rest (Dr 1011 / Cr 4001, Dr 800101 / Cr 6001).
 */
export function quotaSplitLines(changeFen: bigint, restoreFen: bigint): LineInput[] {
  const signed: [string, bigint][] = [
    ["1011", changeFen],
    ["4001", -(changeFen - restoreFen)],
    ["120102", -restoreFen],
    ["800101", changeFen],
    ["6001", -(changeFen - restoreFen)],
    ["800103", -restoreFen],
  ];
  return signed.filter(([, fen]) => fen !== 0n).map(([account, fen]) => (fen > 0n ? debit(account, fen) : credit(account, -fen)));
}

/**
 * A quota set or changed (quotaChangeVoucher's date, checks and summary), with the part that restores
 * last year's carried-over authorised quota (下年初恢复额度: Dr 1011 / Cr 120102, Dr 800101 / Cr 800103)
 * split from the new quota received. `totalBeforeFen` is the unit's quota of the year the ledger has
 * posted before this change, `restoredBeforeFen` how much of it restored, `restorableFen` the
 * authorised money carried into the year.
 */
export function quotaReceivedVoucher(
  p: Parameters<typeof quotaChangeVoucher>[0] & { totalBeforeFen: bigint; restorableFen: bigint; restoredBeforeFen: bigint },
): { ok: true; voucher: VoucherInput; restoreFen: bigint } | { ok: false; reason: string } {
  const made = quotaChangeVoucher(p);
  if (!made.ok) return made;
  const change = parseYuan(p.after) - parseYuan(p.before);
  const restore = quotaRestorationFen({ totalAfterFen: p.totalBeforeFen + change, restorableFen: p.restorableFen, restoredBeforeFen: p.restoredBeforeFen });
  if (restore === 0n) return { ...made, restoreFen: 0n };
  const note = restore > 0n ? `，其中恢复上年结转额度 ${formatYuan(restore)} 元` : `，其中冲回已恢复的上年结转额度 ${formatYuan(-restore)} 元`;
  return { ok: true, restoreFen: restore, voucher: { ...made.voucher, summary: `${made.voucher.summary}${note}`.slice(0, SUMMARY_LENGTH_MAX), lines: quotaSplitLines(change, restore) } };
}

/**
 * Next year's quota posted as new 财政拨款收入 before the year end announced what it restores (the
 * quota came first): the restored part moved over, Dr 4001 / Cr 120102 and Dr 6001 / Cr 800103.
 */
export function quotaRestorationCatchUpVoucher(p: { fiscalYear: number; restoreFen: bigint; date: string; expenditureKind?: ExpenditureKind | undefined; fund?: AppropriationKind | undefined }): { ok: true; voucher: VoucherInput } | { ok: false; reason: string } {
  if (p.restoreFen === 0n) return { ok: false, reason: "NO_CHANGE: 无需调整" };
  const summary = `${p.fiscalYear}年已下达的${kindLabel(p.expenditureKind, p.fund)}授权支付额度中恢复上年结转额度${p.restoreFen > 0n ? "" : "冲回"} ${formatYuan(p.restoreFen > 0n ? p.restoreFen : -p.restoreFen)} 元（由财政拨款收入转出）`;
  return { ok: true, voucher: { date: p.date, summary: summary.slice(0, SUMMARY_LENGTH_MAX), lines: quotaSplitLines(0n, p.restoreFen) } };
}

/** 本年度财政授权支付预算指标数大于零余额账户用款额度下达数的差额 (zero when the quota reached the indicators). */
export function authorisedUnreleasedFen(issuedFen: bigint, newQuotaFen: bigint): bigint {
  return issuedFen > newQuotaFen ? issuedFen - newQuotaFen : 0n;
}

/**
 * The year's own authorised-payment indicators beyond the quota released for them (new quota, not the
 * restoration of last year's): Dr 120102 财政应返还额度—财政授权支付 / Cr 4001 财政拨款收入 and
 * Dr 800103 资金结存—财政应返还额度 / Cr 6001 财政拨款预算收入, on the year's last day. Nothing when
 * the quota reached the indicators.
 */
export function authorisedUnreleasedVoucher(p: { fiscalYear: number; issued: string; newQuotaFen: bigint; expenditureKind?: ExpenditureKind | undefined; fund?: AppropriationKind | undefined }): { ok: true; voucher: VoucherInput } | { ok: false; reason: string } {
  const issued = parseYuan(p.issued, { allowNegative: true });
  if (issued < 0n) return { ok: false, reason: "BAD_AMOUNT: 授权支付指标金额不能为负" };
  const fen = authorisedUnreleasedFen(issued, p.newQuotaFen);
  if (fen === 0n) return { ok: false, reason: "NO_DIFFERENCE: 授权支付额度已全部下达" };
  return {
    ok: true,
    voucher: {
      date: `${p.fiscalYear}-12-31`,
      summary: `年末确认${p.fiscalYear}年未下达的${kindLabel(p.expenditureKind, p.fund)}财政授权支付额度（指标 ${formatYuan(issued)} 元，已下达 ${formatYuan(p.newQuotaFen)} 元）`.slice(0, SUMMARY_LENGTH_MAX),
      lines: [debit("120102", fen), credit("4001", fen), debit("800103", fen), credit("6001", fen)],
    },
  };
}

/**
 * A direct payment from an indicator carried over from last year (恢复财政直接支付额度后实际支出): its
 * money was recognised as 财政应返还额度 last year, so the payment's credits move from 4001 / 6001 to
 * 120101 财政应返还额度—财政直接支付 / 800103 资金结存—财政应返还额度. Returns and refunds reverse the
 * voucher's own lines, so they come back onto the same accounts.
 */
export function fromReturnableDirectPayment(v: VoucherInput): VoucherInput {
  const moved: Record<string, string> = { "4001": "120101", "6001": "800103" };
  return {
    ...v,
    summary: `${v.summary}（上年结转指标）`.slice(0, SUMMARY_LENGTH_MAX),
    lines: v.lines.map((l) => (l.creditFen !== 0n && moved[l.account] ? { ...l, account: moved[l.account]! } : l)),
  };
}

/** What a paid payment repays of a debt (debt/index.ts, repaymentOfPayment). */
export interface DebtRepaymentSplit {
  principalFen: bigint;
  interestFen: bigint;
  /** The liability the principal relieves: 2502 bonds on-lent, 2501 loans, 2302 arrears, 2307 other. */
  liabilityAccount: string;
  debtName: string;
  period: number;
}

/**
 * A treasury payment that repays a debt (还本付息), split as the register split it: financial side
 * Dr the liability (principal) and Dr 5901 其他费用 (interest) / Cr 4001 (direct) or 1011 (authorised);
 * budget side Dr 7701 债务还本支出 (principal) and Dr 7901 其他支出 (interest) / Cr 6001 or 800101.
 * The two parts must add up to the payment.
 */
export function debtRepaymentVoucher(p: PaidPaymentFacts, split: DebtRepaymentSplit): { ok: true; voucher: VoucherInput } | { ok: false; reason: string } {
  const fen = parseYuan(p.amount);
  if (split.principalFen < 0n || split.interestFen < 0n || split.principalFen + split.interestFen !== fen) {
    return { ok: false, reason: `DEBT_SPLIT_MISMATCH: 本金 ${formatYuan(split.principalFen)} 加利息 ${formatYuan(split.interestFen)} 不等于支付金额 ${p.amount}` };
  }
  const aux = classifiedAux(p);
  const payee = classifiedAux(p, p.payeeName);
  const lines: LineInput[] = [];
  if (split.principalFen > 0n) lines.push(debit(split.liabilityAccount, split.principalFen, { payee: p.payeeName.slice(0, 100) }));
  if (split.interestFen > 0n) lines.push(debit("5901", split.interestFen, payee));
  lines.push(credit(p.method === "direct" ? "4001" : "1011", fen));
  if (split.principalFen > 0n) lines.push(debit("7701", split.principalFen, aux));
  if (split.interestFen > 0n) lines.push(debit("7901", split.interestFen, aux));
  lines.push(p.method === "direct" ? credit("6001", fen, aux) : credit("800101", fen));
  const summary = `偿还债务本息：${split.debtName}第${split.period}期（${p.payeeName}）`.slice(0, SUMMARY_LENGTH_MAX);
  return { ok: true, voucher: { date: p.paidAt.slice(0, 10), summary, lines } };
}

/** A payment returned (退票): the red reversal of the paid voucher, dated the day of the return. */
export function paymentReturnedVoucher(original: { summary: string; lines: readonly LineInput[] }, p: { reason: string | null; returnedAt: string }): VoucherInput {
  return { date: p.returnedAt.slice(0, 10), summary: `支付退回（${p.reason ?? "退票"}）：${original.summary}`.slice(0, SUMMARY_LENGTH_MAX), lines: reversalLines(original.lines) };
}

/**
 * A refund (支付后退款) of part or all of a paid payment: each line of the paid voucher (all carry
 * the payment's amount) in red for the refunded amount only. `takenBackFen` is what earlier red
 * vouchers on it already took back (zero or negative). Refused, with the reason to record, when the
 * voucher's lines differ in amount or the refund exceeds what is left.
 */
export function paymentRefundVoucher(
  original: { summary: string; lines: readonly (LineInput & { basis: Basis })[] },
  takenBackFen: bigint,
  p: { amount: string; reason: string; refundedAt: string },
): { ok: true; voucher: VoucherInput } | { ok: false; reason: string } {
  const refund = parseYuan(p.amount);
  if (refund <= 0n) return { ok: false, reason: "BAD_AMOUNT: 退款金额应为正数" };
  const paid = original.lines.filter((l) => l.basis === "financial").reduce((sum, l) => sum + l.debitFen, 0n);
  if (original.lines.some((l) => l.debitFen + l.creditFen !== paid)) return { ok: false, reason: "UNSUPPORTED_VOUCHER: 该笔支付的凭证各行金额不一，请手工编制退款凭证" };
  const remaining = paid + takenBackFen;
  if (refund > remaining) return { ok: false, reason: `REFUND_EXCEEDS: 退款 ${p.amount} 元超过该笔支付尚未冲回的 ${formatYuan(remaining)} 元` };
  const lines = original.lines.map((l) => ({ account: l.account, debitFen: l.debitFen !== 0n ? -refund : 0n, creditFen: l.creditFen !== 0n ? -refund : 0n, aux: l.aux }));
  return { ok: true, voucher: { date: p.refundedAt.slice(0, 10), summary: `支付退款（${p.reason}）：${original.summary}`.slice(0, SUMMARY_LENGTH_MAX), lines } };
}

/** Subsidy lines paid to residents on the government's behalf: Dr 5001 / Cr 4001 and Dr 7101 / Cr 6001. */
export function subsidyPaidVoucher(p: ClassifiedFacts & { amount: string; itemName: string; lineCount: number; paidAt: string }): VoucherInput {
  const fen = parseYuan(p.amount);
  const aux = classifiedAux(p);
  return {
    date: p.paidAt.slice(0, 10),
    summary: `惠民惠农补贴发放：${p.itemName}（${p.lineCount}人）`.slice(0, SUMMARY_LENGTH_MAX),
    lines: [debit("5001", fen, aux), credit("4001", fen), debit("7101", fen, aux), credit("6001", fen, aux)],
  };
}

/**
 * A wrong subsidy payment's money came back within the year (政府会计制度, 国库直接支付款项当年退回):
 * Dr 4001 / Cr 5001 and Dr 6001 / Cr 7101, the paid voucher's entries the other way round.
 */
export function subsidyRecoveredVoucher(p: ClassifiedFacts & { amount: string; itemName: string; lineNo: number; recoveredAt: string }): { ok: true; voucher: VoucherInput } | { ok: false; reason: string } {
  const fen = parseYuan(p.amount);
  if (fen <= 0n) return { ok: false, reason: "BAD_AMOUNT: 追回金额应为正数" };
  const aux = classifiedAux(p);
  return {
    ok: true,
    voucher: {
      date: p.recoveredAt.slice(0, 10),
      summary: `追回误发补贴：${p.itemName}（清册第${p.lineNo}行）`.slice(0, SUMMARY_LENGTH_MAX),
      lines: [debit("4001", fen), credit("5001", fen, aux), debit("6001", fen, aux), credit("7101", fen, aux)],
    },
  };
}

// ---------------------------------------------------------------- which budget the money came from
// 政府会计制度 analyses 6001 财政拨款预算收入 by 基本支出/项目支出 and, with two or more kinds of
// appropriation, by kind; 7101 行政支出 and 7201 事业支出 by 财政拨款支出/非财政专项资金支出/其他资金支出,
// 财政拨款支出 by kind, and each by 基本支出/项目支出 (项目支出 by project: the `project` aux). The posting
// rules write 6001/7101/7201 themselves; `onFundingLeaves` moves those lines to the set's 明细 found by
// name (as the closing finds 8101's), or leaves them on the first-level account when the set's chart
// has no such 明细. Automatic postings are all 财政拨款 (treasury payments and subsidies).

/** The appropriation kind (财政拨款种类) a unit's ledger analyses: the fund the quota is issued in. */
export type AppropriationKind = AppropriationFund;
export type ExpenditureKind = "basic" | "project";

/** Which budget and which kind of spending a posting's money is (from the payment's indicator). */
export interface FundingFacts {
  /** The indicator's fund nature (FundNature); absent: 一般公共预算. */
  fundNature?: string | null | undefined;
  /** 基本支出 or 项目支出; absent: 基本支出. */
  expenditureKind?: ExpenditureKind | null | undefined;
  /** The project (项目支出's item), recorded as the `project` aux. */
  project?: string | null | undefined;
}

export const appropriationKindNames: Record<AppropriationKind, string> = appropriationFundNames;

/** Upper transfers and other funds are spent as 一般公共预算 appropriation (as the fiscal books do). */
export const appropriationKindOf: (fundNature: string | null | undefined) => AppropriationKind = appropriationFundOf;

/** The kind of appropriation an account's name path says, if it says one. */
export function appropriationKindOfNames(names: string): AppropriationKind | null {
  for (const kind of ["governmentFund", "stateCapital", "generalBudget"] as const) if (names.includes(appropriationKindNames[kind])) return kind;
  return null;
}

/** The 基本支出/项目支出 an account's name path says, if it says one. */
export function expenditureKindOfNames(names: string): ExpenditureKind | null {
  return names.includes("项目支出") ? "project" : names.includes("基本支出") ? "basic" : null;
}

/** Accounts the posting rules write at first level whose 明细 say which appropriation and spending. */
export const FUNDING_ACCOUNTS: readonly string[] = ["6001", "7101", "7201"];

/**
 * The leaf of `parent` (6001, 7101 or 7201) for money of `facts`, found by the 明细's names: under
 * 财政拨款支出 (not 非财政专项资金支出 nor 其他资金支出), of the appropriation kind (一般公共预算 when the
 * chart has no 明细 for the kind), and 基本支出 or 项目支出. `parent` itself when it is a leaf or not in
 * the chart; `null` when it has 明细 but none of them fits (a chart analysed otherwise: entered by hand).
 */
export function fundingLeafOf(chart: ReadonlyMap<string, Pick<ChartAccount, "code" | "name" | "parentCode" | "isLeaf">>, parent: string, facts: FundingFacts): string | null {
  const account = chart.get(parent);
  if (!account || account.isLeaf) return parent;
  const below = (code: string) => accountNamePath(code, chart).split("/").slice(0, code.length / 2 - parent.length / 2).join("/");
  let leaves = [...chart.values()].filter((a) => a.isLeaf && a.code.startsWith(parent) && a.code !== parent).map((a) => ({ code: a.code, names: below(a.code) }));
  leaves = leaves.filter((l) => !l.names.includes("非财政") && !l.names.includes("其他资金"));
  const kind = appropriationKindOf(facts.fundNature);
  const ofKind = leaves.filter((l) => appropriationKindOfNames(l.names) === kind);
  const general = leaves.filter((l) => appropriationKindOfNames(l.names) === "generalBudget");
  const unkinded = leaves.filter((l) => appropriationKindOfNames(l.names) === null);
  leaves = ofKind.length ? ofKind : unkinded.length ? unkinded : general;
  const spending = facts.expenditureKind === "project" ? "project" : "basic";
  const ofSpending = leaves.filter((l) => expenditureKindOfNames(l.names) === spending);
  const unsplit = leaves.filter((l) => expenditureKindOfNames(l.names) === null);
  leaves = ofSpending.length ? ofSpending : unsplit;
  // A leaf is taken only when its names say what it is (财政拨款, a kind, or 基本/项目支出).
  const meaningful = leaves.filter((l) => l.names.includes("财政拨款") || appropriationKindOfNames(l.names) !== null || expenditureKindOfNames(l.names) !== null);
  return meaningful.sort((a, b) => a.code.localeCompare(b.code))[0]?.code ?? null;
}

/**
 * A posting rule's voucher with its 6001/7101/7201 lines moved to the set's 明细 for `facts`, and
 * the project (项目支出) recorded on them as the `project` aux. Lines already on a 明细, and charts
 * without the 明细, are left as they are; a chart whose 明细 none fits refuses (the reason to record).
 */
export function onFundingLeaves(voucher: VoucherInput, chart: ReadonlyMap<string, ChartAccount>, facts: FundingFacts): { ok: true; voucher: VoucherInput } | { ok: false; reason: string } {
  const project = facts.expenditureKind === "project" && facts.project ? facts.project.slice(0, 100) : null;
  const lines: LineInput[] = [];
  for (const line of voucher.lines) {
    if (!FUNDING_ACCOUNTS.includes(line.account)) {
      lines.push(line);
      continue;
    }
    const leaf = fundingLeafOf(chart, line.account, facts);
    if (!leaf) return { ok: false, reason: `NO_FUNDING_LEAF: 科目 ${line.account} 的明细科目中没有${appropriationKindNames[appropriationKindOf(facts.fundNature)]}财政拨款的${facts.expenditureKind === "project" ? "项目支出" : "基本支出"}，请手工记账` };
    lines.push({ ...line, account: leaf, ...(project ? { aux: { ...line.aux, project } } : {}) });
  }
  return { ok: true, voucher: { ...voucher, lines } };
}

// ---------------------------------------------------------------- balances

export interface Movement {
  debitFen: bigint;
  creditFen: bigint;
}

/** A signed balance (debit positive) split into the column of its actual side. */
export function sideColumns(balanceFen: bigint): { debitFen: bigint; creditFen: bigint } {
  return balanceFen >= 0n ? { debitFen: balanceFen, creditFen: 0n } : { debitFen: 0n, creditFen: -balanceFen };
}

export interface TrialBalanceRow {
  account: string;
  name: string;
  basis: Basis;
  openingDebitFen: bigint;
  openingCreditFen: bigint;
  periodDebitFen: bigint;
  periodCreditFen: bigint;
  closingDebitFen: bigint;
  closingCreditFen: bigint;
}

/**
 * The trial balance (科目余额表) at a given code level: opening balances and period movements by
 * account code (any level), rolled up to the prefix of `level` digits (4 = first level).
 */
export function trialBalance(
  accounts: readonly Pick<ChartAccount, "code" | "name" | "basis">[],
  opening: ReadonlyMap<string, bigint>,
  period: ReadonlyMap<string, Movement>,
  level = 4,
): TrialBalanceRow[] {
  const names = new Map(accounts.map((a) => [a.code, a]));
  const roll = new Map<string, { opening: bigint; debitFen: bigint; creditFen: bigint }>();
  const at = (code: string) => {
    const key = code.slice(0, level);
    let r = roll.get(key);
    if (!r) roll.set(key, (r = { opening: 0n, debitFen: 0n, creditFen: 0n }));
    return r;
  };
  for (const [code, balance] of opening) at(code).opening += balance;
  for (const [code, m] of period) {
    const r = at(code);
    r.debitFen += m.debitFen;
    r.creditFen += m.creditFen;
  }
  return [...roll.entries()]
    .filter(([, r]) => r.opening !== 0n || r.debitFen !== 0n || r.creditFen !== 0n)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, r]) => {
      const open = sideColumns(r.opening);
      const close = sideColumns(r.opening + r.debitFen - r.creditFen);
      const account = names.get(code);
      return {
        account: code,
        name: account?.name ?? code,
        basis: account?.basis ?? basisOfCode(code),
        openingDebitFen: open.debitFen,
        openingCreditFen: open.creditFen,
        periodDebitFen: r.debitFen,
        periodCreditFen: r.creditFen,
        closingDebitFen: close.debitFen,
        closingCreditFen: close.creditFen,
      };
    });
}

export function trialBalanceTotals(rows: readonly TrialBalanceRow[]) {
  const t = { openingDebitFen: 0n, openingCreditFen: 0n, periodDebitFen: 0n, periodCreditFen: 0n, closingDebitFen: 0n, closingCreditFen: 0n };
  for (const r of rows) {
    t.openingDebitFen += r.openingDebitFen;
    t.openingCreditFen += r.openingCreditFen;
    t.periodDebitFen += r.periodDebitFen;
    t.periodCreditFen += r.periodCreditFen;
    t.closingDebitFen += r.closingDebitFen;
    t.closingCreditFen += r.closingCreditFen;
  }
  return t;
}

export const TRIAL_BALANCE_CSV_HEADER = "account,name,opening_debit,opening_credit,period_debit,period_credit,closing_debit,closing_credit";

function csvCell(text: string): string {
  const s = neutraliseFormula(text);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The command-line contract's CSV: header, one row per account, then 合计. */
export function trialBalanceCsv(rows: readonly TrialBalanceRow[]): string {
  const t = trialBalanceTotals(rows);
  const amounts = (r: Omit<TrialBalanceRow, "account" | "name" | "basis">) =>
    [r.openingDebitFen, r.openingCreditFen, r.periodDebitFen, r.periodCreditFen, r.closingDebitFen, r.closingCreditFen].map((f) => formatYuan(f)).join(",");
  return [TRIAL_BALANCE_CSV_HEADER, ...rows.map((r) => `${r.account},${csvCell(r.name)},${amounts(r)}`), `合计,,${amounts(t)}`].join("\n") + "\n";
}
