// Pure rules of government debt (DOMAIN.md §9): what a debt must carry by kind, a schedule line's
// state from the repayments the bank paid, balances at a date, overdue, the debt ratio and its
// warning colour, the debt-service ratio, the maturity profile, the ledger account a repayment
// relieves, and the monthly report's content, audit formulas and district total. No database.
import { checkCreditCode, compareDecimal, formatDecimal, formatYuan, parseDecimal, parseYuan, percentOf, type Decimal, type DebtColour, type DebtKind, type ScheduleLineStatus } from "@xiangcai/shared";
import { isRealDate } from "./schedule.ts";

export const DEBT_KINDS: readonly DebtKind[] = ["bond", "loan", "arrears", "other"];

/** Warning thresholds of the debt ratio in percent (DOMAIN.md §9 defaults; a setting). */
export interface RatioThresholds {
  yellow: Decimal;
  orange: Decimal;
  red: Decimal;
}

export const DEFAULT_THRESHOLDS = { yellow: "120", orange: "200", red: "300" } as const;

/** Reads thresholds (percent strings) and checks yellow < orange < red; throws an Error in Chinese. */
export function parseThresholds(raw: unknown): RatioThresholds {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new Error("须为 { yellow, orange, red } 三个百分比");
  const r = raw as Record<string, unknown>;
  const read = (key: "yellow" | "orange" | "red") => {
    const value = r[key];
    if (typeof value !== "string" && typeof value !== "number") throw new Error(`缺少 ${key}`);
    return parseDecimal(String(value), { maxDecimals: 2, label: `${key} 预警线` });
  };
  const t = { yellow: read("yellow"), orange: read("orange"), red: read("red") };
  if (!(compareDecimal(t.yellow, t.orange) < 0 && compareDecimal(t.orange, t.red) < 0)) throw new Error("预警线须满足 黄 < 橙 < 红");
  return t;
}

/** The warning colour of a debt ratio (percent): red ≥ red line, orange ≥ orange, yellow ≥ yellow, else green. */
export function ratioColour(ratio: Decimal | null, t: RatioThresholds): DebtColour | null {
  if (ratio === null) return null;
  if (compareDecimal(ratio, t.red) >= 0) return "red";
  if (compareDecimal(ratio, t.orange) >= 0) return "orange";
  if (compareDecimal(ratio, t.yellow) >= 0) return "yellow";
  return "green";
}

/** A ratio in percent, 2 decimals half up, or null when the denominator is not positive. */
export function ratioPercent(numeratorFen: bigint, denominatorFen: bigint): Decimal | null {
  return denominatorFen > 0n ? percentOf(numeratorFen, denominatorFen, 2) : null;
}

export const formatPercent = (d: Decimal | null): string | null => (d === null ? null : formatDecimal(d, 2));

// ---------------------------------------------------------------- the register's input

export interface DebtInput {
  kind: DebtKind;
  bondType?: "general" | "special" | undefined;
  bondPurpose?: "new" | "refinancing" | undefined;
  creditorCreditCode?: string | undefined;
  startDate: string;
  dueDate?: string | undefined;
  isHidden: boolean;
  hasResolutionPlan: boolean;
}

/**
 * What each kind must carry: a bond its type, purpose (new or refinancing) and on-lending document; an
 * arrears its creditor's valid credit code and due date; a credit code, when given, must pass GB
 * 32100; a bond is never hidden debt; a resolution plan belongs to hidden debt only.
 */
export function checkDebtInput(input: DebtInput): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  if (!isRealDate(input.startDate)) errors.push({ path: "startDate", message: "起始日期无效" });
  if (input.kind === "bond") {
    if (!input.bondType) errors.push({ path: "bondType", message: "请选择一般债券或专项债券" });
    if (!input.bondPurpose) errors.push({ path: "bondPurpose", message: "请选择新增债券或再融资债券" });
    if (input.isHidden) errors.push({ path: "isHidden", message: "政府债券是法定债务，不能标为隐性债务" });
  } else if (input.bondType || input.bondPurpose) {
    errors.push({ path: "bondType", message: "只有政府债券填写债券类型" });
  }
  const code = input.creditorCreditCode?.trim();
  if (code) {
    const checked = checkCreditCode(code);
    if (!checked.valid) errors.push({ path: "creditorCreditCode", message: `统一社会信用代码无效（${{ LENGTH: "长度应为18位", CHARSET: "含有不允许的字符", CHECKSUM: "校验码错误" }[checked.reason]}）` });
  } else if (input.kind === "arrears") {
    errors.push({ path: "creditorCreditCode", message: "拖欠企业账款须填写债权企业的统一社会信用代码" });
  }
  if (input.kind === "arrears") {
    if (!input.dueDate || !isRealDate(input.dueDate)) errors.push({ path: "dueDate", message: "请填写应付日期" });
    else if (input.dueDate < input.startDate) errors.push({ path: "dueDate", message: "应付日期不能早于形成日期" });
  }
  if (input.hasResolutionPlan && !input.isHidden) errors.push({ path: "resolutionPlan", message: "化债方案只适用于隐性债务" });
  return errors;
}

/** The liability a repayment's principal relieves (政府会计制度): bond → 2502, loan → 2501, arrears → 2302, other → 2307. */
export function liabilityAccountOf(kind: DebtKind): string {
  return { bond: "2502", loan: "2501", arrears: "2302", other: "2307" }[kind];
}

// ---------------------------------------------------------------- facts and states

export interface LineFacts {
  period: number;
  dueDate: string;
  principalFen: bigint;
  interestFen: bigint;
}

export interface RepaymentFacts {
  period: number;
  principalFen: bigint;
  interestFen: bigint;
  /** paid: the bank paid it; pending: on its way; void: returned or cancelled, it does not count. */
  state: "paid" | "pending" | "void";
  /** China date the bank paid it. */
  paidDate: string | null;
}

export interface DebtFacts {
  kind: DebtKind;
  isHidden: boolean;
  principalFen: bigint;
  startDate: string;
  lines: readonly LineFacts[];
  repayments: readonly RepaymentFacts[];
}

const paidBy = (r: RepaymentFacts, date: string) => r.state === "paid" && r.paidDate !== null && r.paidDate <= date;

export interface LineState {
  paidPrincipalFen: bigint;
  paidInterestFen: bigint;
  pendingFen: bigint;
  remainingFen: bigint;
  status: ScheduleLineStatus;
}

/**
 * A line's state at `today` (China date): paid when principal and interest are both covered by paid
 * repayments; overdue when due before today and not paid; due when it falls due this month; partly
 * paid when something was paid; else future.
 */
export function lineState(line: LineFacts, repayments: readonly RepaymentFacts[], today: string): LineState {
  let paidPrincipalFen = 0n;
  let paidInterestFen = 0n;
  let pendingFen = 0n;
  for (const r of repayments) {
    if (r.period !== line.period) continue;
    if (r.state === "paid") {
      paidPrincipalFen += r.principalFen;
      paidInterestFen += r.interestFen;
    } else if (r.state === "pending") pendingFen += r.principalFen + r.interestFen;
  }
  const remainingFen = maxFen(line.principalFen - paidPrincipalFen, 0n) + maxFen(line.interestFen - paidInterestFen, 0n);
  let status: ScheduleLineStatus;
  if (remainingFen === 0n) status = "paid";
  else if (line.dueDate < today) status = "overdue";
  else if (line.dueDate.slice(0, 7) === today.slice(0, 7)) status = "due";
  else if (paidPrincipalFen + paidInterestFen > 0n) status = "partlyPaid";
  else status = "future";
  return { paidPrincipalFen, paidInterestFen, pendingFen, remainingFen, status };
}

function maxFen(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/** Outstanding principal at the end of a China date: 0 before drawdown; principal less paid principal. */
export function balanceAt(debt: DebtFacts, date: string): bigint {
  if (debt.startDate > date) return 0n;
  let paid = 0n;
  for (const r of debt.repayments) if (paidBy(r, date)) paid += r.principalFen;
  return debt.principalFen - paid;
}

/** Principal and interest paid within [from, to] (China dates). */
export function paidBetween(debt: DebtFacts, from: string, to: string): { principalFen: bigint; interestFen: bigint } {
  let principalFen = 0n;
  let interestFen = 0n;
  for (const r of debt.repayments) {
    if (r.state !== "paid" || r.paidDate === null || r.paidDate < from || r.paidDate > to) continue;
    principalFen += r.principalFen;
    interestFen += r.interestFen;
  }
  return { principalFen, interestFen };
}

/** Lines due before `today` and not fully paid, with what is left of them. */
export function overdueOf(debt: DebtFacts, today: string): { lines: number; principalFen: bigint; interestFen: bigint } {
  let lines = 0;
  let principalFen = 0n;
  let interestFen = 0n;
  for (const line of debt.lines) {
    const s = lineState(line, debt.repayments, today);
    if (s.status !== "overdue") continue;
    lines++;
    principalFen += maxFen(line.principalFen - s.paidPrincipalFen, 0n);
    interestFen += maxFen(line.interestFen - s.paidInterestFen, 0n);
  }
  return { lines, principalFen, interestFen };
}

/** Principal and interest the schedule puts due within a year (the debt service of 偿债率). */
export function dueInYear(debt: DebtFacts, year: number): bigint {
  let fen = 0n;
  for (const line of debt.lines) if (line.dueDate.startsWith(`${year}-`)) fen += line.principalFen + line.interestFen;
  return fen;
}

export const MATURITY_BUCKETS = [
  { bucket: "overdue", label: "已逾期" },
  { bucket: "y0", label: "本年内" },
  { bucket: "y1", label: "1年" },
  { bucket: "y2", label: "2年" },
  { bucket: "y3to5", label: "3-5年" },
  { bucket: "y6plus", label: "5年以上" },
] as const;
export type MaturityBucket = (typeof MATURITY_BUCKETS)[number]["bucket"];

/** Unpaid principal and interest by when it falls due, counted from `today`'s year. */
export function maturityProfile(debts: readonly DebtFacts[], today: string): Record<MaturityBucket, { principalFen: bigint; interestFen: bigint }> {
  const year = Number(today.slice(0, 4));
  const out = Object.fromEntries(MATURITY_BUCKETS.map((b) => [b.bucket, { principalFen: 0n, interestFen: 0n }])) as Record<MaturityBucket, { principalFen: bigint; interestFen: bigint }>;
  for (const debt of debts) {
    for (const line of debt.lines) {
      const s = lineState(line, debt.repayments, today);
      if (s.status === "paid") continue;
      const left = { principalFen: maxFen(line.principalFen - s.paidPrincipalFen, 0n), interestFen: maxFen(line.interestFen - s.paidInterestFen, 0n) };
      const years = Number(line.dueDate.slice(0, 4)) - year;
      const bucket: MaturityBucket = s.status === "overdue" ? "overdue" : years <= 0 ? "y0" : years === 1 ? "y1" : years === 2 ? "y2" : years <= 5 ? "y3to5" : "y6plus";
      out[bucket].principalFen += left.principalFen;
      out[bucket].interestFen += left.interestFen;
    }
  }
  return out;
}

// ---------------------------------------------------------------- the monthly report (债务月报)

export type KindAmounts = Record<DebtKind | "total", string>;

export interface DebtMonthlyContent extends Record<string, unknown> {
  month: string;
  opening: KindAmounts;
  newDebt: KindAmounts;
  repaidPrincipal: KindAmounts;
  closing: KindAmounts;
  repaidInterest: string;
  hiddenBalance: string;
  arrearsCleared: string;
  overdue: { lines: number; principal: string; interest: string };
  capacity: string;
  debtRatio: string | null;
  colour: DebtColour | null;
  /** Principal and interest due in the year, and its ratio to capacity (偿债率). */
  debtService: string;
  debtServiceRatio: string | null;
  townships?: number;
}

function kindAmounts(values: Record<DebtKind, bigint>): KindAmounts {
  const total = DEBT_KINDS.reduce((s, k) => s + values[k], 0n);
  return { bond: formatYuan(values.bond), loan: formatYuan(values.loan), arrears: formatYuan(values.arrears), other: formatYuan(values.other), total: formatYuan(total) };
}

const zeroKinds = (): Record<DebtKind, bigint> => ({ bond: 0n, loan: 0n, arrears: 0n, other: 0n });

/**
 * A township's monthly report from its debts: balances by kind at the end of the previous month and
 * of this one, debt drawn this month, principal and interest repaid, hidden debt, arrears cleared,
 * what is overdue at the month's end, and the ratios against the year's comprehensive capacity.
 */
export function monthlyContent(debts: readonly DebtFacts[], input: { month: string; firstDate: string; lastDate: string; capacityFen: bigint; thresholds: RatioThresholds }): DebtMonthlyContent {
  const dayBefore = new Date(`${input.firstDate}T00:00:00Z`);
  dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
  const previous = dayBefore.toISOString().slice(0, 10);
  const opening = zeroKinds();
  const closing = zeroKinds();
  const drawn = zeroKinds();
  const repaid = zeroKinds();
  let interest = 0n;
  let hidden = 0n;
  let cleared = 0n;
  let service = 0n;
  const overdue = { lines: 0, principalFen: 0n, interestFen: 0n };
  const year = Number(input.month.slice(0, 4));
  for (const d of debts) {
    opening[d.kind] += balanceAt(d, previous);
    const close = balanceAt(d, input.lastDate);
    closing[d.kind] += close;
    if (d.isHidden) hidden += close;
    if (d.startDate >= input.firstDate && d.startDate <= input.lastDate) drawn[d.kind] += d.principalFen;
    const paid = paidBetween(d, input.firstDate, input.lastDate);
    repaid[d.kind] += paid.principalFen;
    interest += paid.interestFen;
    if (d.kind === "arrears") cleared += paid.principalFen;
    const late = overdueOf(d, nextDay(input.lastDate));
    overdue.lines += late.lines;
    overdue.principalFen += late.principalFen;
    overdue.interestFen += late.interestFen;
    service += dueInYear(d, year);
  }
  const total = DEBT_KINDS.reduce((s, k) => s + closing[k], 0n);
  const ratio = ratioPercent(total, input.capacityFen);
  return {
    month: input.month,
    opening: kindAmounts(opening),
    newDebt: kindAmounts(drawn),
    repaidPrincipal: kindAmounts(repaid),
    closing: kindAmounts(closing),
    repaidInterest: formatYuan(interest),
    hiddenBalance: formatYuan(hidden),
    arrearsCleared: formatYuan(cleared),
    overdue: { lines: overdue.lines, principal: formatYuan(overdue.principalFen), interest: formatYuan(overdue.interestFen) },
    capacity: formatYuan(input.capacityFen),
    debtRatio: formatPercent(ratio),
    colour: ratioColour(ratio, input.thresholds),
    debtService: formatYuan(service),
    debtServiceRatio: formatPercent(ratioPercent(service, input.capacityFen)),
  };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const fen = (yuan: string) => parseYuan(yuan, { allowNegative: true });

/**
 * The audit formulas (审核公式) of the monthly report: for each kind and in total, opening + new −
 * repaid = closing (an error when broken); the total is the sum of the kinds; overdue lines and a red
 * ratio are warnings to explain; capacity 0 is a warning (no ratio).
 */
export function checkMonthly(c: DebtMonthlyContent): { level: "error" | "warning"; code: string; message: string }[] {
  const problems: { level: "error" | "warning"; code: string; message: string }[] = [];
  for (const k of [...DEBT_KINDS, "total"] as const) {
    const expected = fen(c.opening[k]) + fen(c.newDebt[k]) - fen(c.repaidPrincipal[k]);
    if (expected !== fen(c.closing[k])) problems.push({ level: "error", code: "BALANCE_IDENTITY", message: `${k === "total" ? "合计" : k}：期初 ${c.opening[k]} + 新增 ${c.newDebt[k]} − 偿还本金 ${c.repaidPrincipal[k]} ≠ 期末 ${c.closing[k]}` });
  }
  const sum = DEBT_KINDS.reduce((s, k) => s + fen(c.closing[k]), 0n);
  if (sum !== fen(c.closing.total)) problems.push({ level: "error", code: "TOTAL", message: `期末余额合计 ${c.closing.total} 不等于各类之和 ${formatYuan(sum)}` });
  if (c.overdue.lines > 0) problems.push({ level: "warning", code: "OVERDUE", message: `有 ${c.overdue.lines} 期逾期未还，本金 ${c.overdue.principal} 元、利息 ${c.overdue.interest} 元` });
  if (c.colour === "red") problems.push({ level: "warning", code: "RED", message: `债务率 ${c.debtRatio}% 达到红色预警线` });
  if (c.debtRatio === null) problems.push({ level: "warning", code: "NO_CAPACITY", message: "综合财力为 0，无法计算债务率，请录入综合财力" });
  return problems;
}

/** The district total: sums of every amount, the ratio recomputed from the summed balance and capacity. */
export function consolidateMonthly(parts: readonly DebtMonthlyContent[], thresholds: RatioThresholds): DebtMonthlyContent {
  const sumKinds = (pick: (c: DebtMonthlyContent) => KindAmounts): KindAmounts => {
    const out: Record<string, bigint> = { bond: 0n, loan: 0n, arrears: 0n, other: 0n };
    for (const c of parts) for (const k of DEBT_KINDS) out[k]! += fen(pick(c)[k]);
    return kindAmounts(out as Record<DebtKind, bigint>);
  };
  const sum = (pick: (c: DebtMonthlyContent) => string) => parts.reduce((s, c) => s + fen(pick(c)), 0n);
  const closing = sumKinds((c) => c.closing);
  const capacityFen = sum((c) => c.capacity);
  const ratio = ratioPercent(fen(closing.total), capacityFen);
  const service = sum((c) => c.debtService);
  return {
    month: parts[0]?.month ?? "",
    opening: sumKinds((c) => c.opening),
    newDebt: sumKinds((c) => c.newDebt),
    repaidPrincipal: sumKinds((c) => c.repaidPrincipal),
    closing,
    repaidInterest: formatYuan(sum((c) => c.repaidInterest)),
    hiddenBalance: formatYuan(sum((c) => c.hiddenBalance)),
    arrearsCleared: formatYuan(sum((c) => c.arrearsCleared)),
    overdue: { lines: parts.reduce((s, c) => s + c.overdue.lines, 0), principal: formatYuan(sum((c) => c.overdue.principal)), interest: formatYuan(sum((c) => c.overdue.interest)) },
    capacity: formatYuan(capacityFen),
    debtRatio: formatPercent(ratio),
    colour: ratioColour(ratio, thresholds),
    debtService: formatYuan(service),
    debtServiceRatio: formatPercent(ratioPercent(service, capacityFen)),
    townships: parts.length,
  };
}
