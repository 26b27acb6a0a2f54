// Repayment schedules (还本付息计划), exact to the fen: the three methods of issue 12 (bullet,
// equal principal, annuity) over monthly, quarterly, semiannual or annual periods, and the check of
// a schedule imported from Excel. Every amount is bigint fen; the period rate is the exact fraction
// r / 100 / m, so interest and the annuity payment are rounded half up once, from exact values (no
// binary floating point, and no truncated power: the annuity is computed as an exact fraction).
// Pure: no database, no HTTP; the CLI `xiangcai debt schedule` and the app use these same functions.
import { divideHalfUp, formatYuan, tryParseDecimal, tryParseYuan, type Decimal } from "@xiangcai/shared";

export const SCHEDULE_METHODS = ["bullet", "equalPrincipal", "annuity"] as const;
export type ScheduleMethod = (typeof SCHEDULE_METHODS)[number];
export const SCHEDULE_FREQUENCIES = ["monthly", "quarterly", "semiannual", "annual"] as const;
export type ScheduleFrequency = (typeof SCHEDULE_FREQUENCIES)[number];

export { scheduleMethodNames as methodNames, scheduleFrequencyNames as frequencyNames } from "@xiangcai/shared";
/** Periods a year (m). */
export const periodsPerYear: Record<ScheduleFrequency, number> = { monthly: 12, quarterly: 4, semiannual: 2, annual: 1 };

/** The most periods a schedule may have (50 years monthly). */
export const SCHEDULE_PERIODS_MAX = 600;
/** Decimals of the annual rate in percent ("3.2500"). */
export const RATE_DECIMALS_MAX = 4;
/** Integer digits of the annual rate in percent: up to 9999.9999 % (a typo beyond is refused). */
const RATE_INTEGER_DIGITS_MAX = 4;

export interface ScheduleTerms {
  principalFen: bigint;
  /** Annual rate in percent, exact ("3.25" → 325 / 10^2). */
  annualRatePercent: Decimal;
  /** The drawdown date, YYYY-MM-DD. */
  startDate: string;
  periods: number;
  frequency: ScheduleFrequency;
  method: ScheduleMethod;
}

export interface ScheduleLine {
  period: number;
  dueDate: string;
  principalFen: bigint;
  interestFen: bigint;
  paymentFen: bigint;
  /** Outstanding principal after the period. */
  balanceFen: bigint;
}

/** The schedule as the command-line contract prints it. */
export interface ScheduleLineJson {
  period: number;
  dueDate: string;
  principal: string;
  interest: string;
  payment: string;
  balance: string;
}

export interface TermsProblem {
  field: "principal" | "rate" | "start" | "periods" | "frequency" | "method";
  message: string;
}

const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** Whether a YYYY-MM-DD string is a date that exists (2026-02-29 does not). */
export function isRealDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The date `months` months after `date`, on the same day of the month, clamped to the month's last day. */
export function addMonthsClamped(date: string, months: number): string {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`not a date: ${date}`);
  const index = Number(match[1]) * 12 + (Number(match[2]) - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(Number(match[3]), daysInMonth(year, month));
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The due date of period k (1-based): the drawdown date plus k × 12/m months. */
export function dueDateOf(startDate: string, k: number, frequency: ScheduleFrequency): string {
  return addMonthsClamped(startDate, k * (12 / periodsPerYear[frequency]));
}

/**
 * Reads the terms as typed or passed on the command line (strings), or lists every problem in
 * Chinese: principal in yuan with at most 2 decimals and above 0; rate in percent, at most 4
 * decimals, not negative; a date that exists; 1-600 periods; a known frequency and method.
 */
export function readTerms(raw: { principal?: string | undefined; rate?: string | undefined; start?: string | undefined; periods?: string | number | undefined; frequency?: string | undefined; method?: string | undefined }): { ok: true; terms: ScheduleTerms } | { ok: false; problems: TermsProblem[] } {
  const problems: TermsProblem[] = [];
  let principalFen = 0n;
  const principal = tryParseYuan(raw.principal ?? "");
  if (!principal.ok) problems.push({ field: "principal", message: `本金：${principal.message}` });
  else if (principal.fen <= 0n) problems.push({ field: "principal", message: "本金须大于 0" });
  else principalFen = principal.fen;
  let annualRatePercent: Decimal = { units: 0n, scale: 0 };
  const rateText = raw.rate ?? "";
  const rate = tryParseDecimal(rateText, { maxDecimals: RATE_DECIMALS_MAX, label: "年利率（%）" });
  if (!rate.ok) problems.push({ field: "rate", message: rate.reason === "NEGATIVE" ? `年利率不能为负数：“${rateText}”` : rate.message });
  else if ((rateText.split(".")[0] ?? "").length > RATE_INTEGER_DIGITS_MAX) problems.push({ field: "rate", message: `年利率（%）超出范围：“${rateText}”` });
  else annualRatePercent = rate.value;
  const start = raw.start ?? "";
  if (!isRealDate(start)) problems.push({ field: "start", message: `起始日“${start}”不是有效日期（YYYY-MM-DD）` });
  else if (start < "1900-01-01" || start > "2199-12-31") problems.push({ field: "start", message: `起始日“${start}”超出范围（1900-2199 年）` });
  const periodsText = String(raw.periods ?? "");
  const periods = /^[0-9]{1,4}$/.test(periodsText) ? Number(periodsText) : Number.NaN;
  if (!Number.isInteger(periods) || periods < 1 || periods > SCHEDULE_PERIODS_MAX) problems.push({ field: "periods", message: `期数须为 1-${SCHEDULE_PERIODS_MAX} 的整数：“${periodsText}”` });
  const frequency = raw.frequency ?? "";
  if (!(SCHEDULE_FREQUENCIES as readonly string[]).includes(frequency)) problems.push({ field: "frequency", message: `还款频率“${frequency}”无效，应为 ${SCHEDULE_FREQUENCIES.join("、")}` });
  const method = raw.method ?? "";
  if (!(SCHEDULE_METHODS as readonly string[]).includes(method)) problems.push({ field: "method", message: `还款方式“${method}”无效，应为 ${SCHEDULE_METHODS.join("、")}` });
  if (problems.length) return { ok: false, problems };
  return { ok: true, terms: { principalFen, annualRatePercent, startDate: start, periods, frequency: frequency as ScheduleFrequency, method: method as ScheduleMethod } };
}

/**
 * The period rate i = r / 100 / m as an exact fraction rateUnits / denominator
 * (r = rateUnits / 10^scale, so i = rateUnits / (10^scale × 100 × m)).
 */
export function periodRate(terms: Pick<ScheduleTerms, "annualRatePercent" | "frequency">): { numerator: bigint; denominator: bigint } {
  return { numerator: terms.annualRatePercent.units, denominator: 10n ** BigInt(terms.annualRatePercent.scale) * 100n * BigInt(periodsPerYear[terms.frequency]) };
}

/** Interest on a balance for one period: round half up (balance × i). */
export function periodInterest(balanceFen: bigint, rate: { numerator: bigint; denominator: bigint }): bigint {
  return divideHalfUp(balanceFen * rate.numerator, rate.denominator);
}

/**
 * The annuity payment A = round(P × i / (1 − (1 + i)^−n)), computed as the exact fraction
 * P × R × N^n / (D × (N^n − D^n)) with i = R / D and N = D + R, rounded half up once; with
 * rate 0, round(P / n).
 */
export function annuityPayment(principalFen: bigint, rate: { numerator: bigint; denominator: bigint }, periods: number): bigint {
  if (rate.numerator === 0n) return divideHalfUp(principalFen, BigInt(periods));
  const r = rate.numerator;
  const d = rate.denominator;
  const nPow = (d + r) ** BigInt(periods);
  const dPow = d ** BigInt(periods);
  return divideHalfUp(principalFen * r * nPow, d * (nPow - dPow));
}

/**
 * Generates the schedule. Each line's interest is round(balance before the period × i); the last
 * line pays the remaining balance, so principal always sums to P and the balance ends at 0. A line's
 * principal never exceeds the balance left (a principal of a few fen over many periods), so no line
 * and no balance is ever negative.
 */
export function generateSchedule(terms: ScheduleTerms): ScheduleLine[] {
  const rate = periodRate(terms);
  const n = terms.periods;
  const lines: ScheduleLine[] = [];
  let balance = terms.principalFen;
  const equalPrincipal = divideHalfUp(terms.principalFen, BigInt(n));
  const annuity = terms.method === "annuity" ? annuityPayment(terms.principalFen, rate, n) : 0n;
  for (let k = 1; k <= n; k++) {
    const interest = periodInterest(balance, rate);
    let principal: bigint;
    if (k === n) principal = balance;
    else if (terms.method === "bullet") principal = 0n;
    else if (terms.method === "equalPrincipal") principal = equalPrincipal;
    else principal = annuity - interest;
    if (principal > balance) principal = balance;
    if (principal < 0n) principal = 0n;
    balance -= principal;
    lines.push({ period: k, dueDate: dueDateOf(terms.startDate, k, terms.frequency), principalFen: principal, interestFen: interest, paymentFen: principal + interest, balanceFen: balance });
  }
  return lines;
}

export function scheduleJson(lines: readonly ScheduleLine[]): ScheduleLineJson[] {
  return lines.map((l) => ({ period: l.period, dueDate: l.dueDate, principal: formatYuan(l.principalFen), interest: formatYuan(l.interestFen), payment: formatYuan(l.paymentFen), balance: formatYuan(l.balanceFen) }));
}

export function scheduleTotals(lines: readonly Pick<ScheduleLine, "principalFen" | "interestFen">[]): { principalFen: bigint; interestFen: bigint; paymentFen: bigint } {
  let principalFen = 0n;
  let interestFen = 0n;
  for (const l of lines) {
    principalFen += l.principalFen;
    interestFen += l.interestFen;
  }
  return { principalFen, interestFen, paymentFen: principalFen + interestFen };
}

// ---------------------------------------------------------------- an imported schedule

/** The most lines an imported schedule may have. */
export const IMPORTED_SCHEDULE_LINES_MAX = SCHEDULE_PERIODS_MAX;

export interface ImportedLine {
  /** The spreadsheet row, for messages. */
  row: number;
  period: string;
  dueDate: string;
  principal: string;
  interest: string;
}

export interface RowProblem {
  row: number;
  field: string;
  message: string;
}

/**
 * Checks a schedule typed in Excel (a bank's or the bond document's own): periods 1, 2, 3 … in order,
 * dates that exist and rise, amounts in yuan (not negative, principal + interest above 0 on each
 * line), and principal summing exactly to the debt's principal. Every bad row is named; the lines
 * are returned only when there is none. The balance after each line is computed, not read.
 */
export function checkImportedSchedule(principalFen: bigint, rows: readonly ImportedLine[]): { ok: true; lines: ScheduleLine[] } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  if (rows.length === 0) return { ok: false, problems: [{ row: 1, field: "lines", message: "还本付息计划没有数据行" }] };
  if (rows.length > IMPORTED_SCHEDULE_LINES_MAX) return { ok: false, problems: [{ row: 1, field: "lines", message: `还本付息计划最多 ${IMPORTED_SCHEDULE_LINES_MAX} 期` }] };
  const lines: ScheduleLine[] = [];
  let balance = principalFen;
  let previousDate = "";
  rows.forEach((r, index) => {
    const expected = index + 1;
    if (r.period.trim() !== String(expected)) problems.push({ row: r.row, field: "period", message: `第${r.row}行：期次应为 ${expected}，实为“${r.period}”` });
    const date = r.dueDate.trim();
    if (!isRealDate(date)) problems.push({ row: r.row, field: "dueDate", message: `第${r.row}行：到期日“${r.dueDate}”不是有效日期（YYYY-MM-DD）` });
    else if (previousDate && date <= previousDate) problems.push({ row: r.row, field: "dueDate", message: `第${r.row}行：到期日 ${date} 应晚于上一期 ${previousDate}` });
    if (isRealDate(date)) previousDate = date;
    const principal = tryParseYuan(r.principal.trim() || "0");
    const interest = tryParseYuan(r.interest.trim() || "0");
    if (!principal.ok) problems.push({ row: r.row, field: "principal", message: `第${r.row}行：本金 ${principal.message}` });
    if (!interest.ok) problems.push({ row: r.row, field: "interest", message: `第${r.row}行：利息 ${interest.message}` });
    if (principal.ok && interest.ok) {
      if (principal.fen + interest.fen === 0n) problems.push({ row: r.row, field: "principal", message: `第${r.row}行：本金和利息不能都为 0` });
      balance -= principal.fen;
      lines.push({ period: expected, dueDate: date, principalFen: principal.fen, interestFen: interest.fen, paymentFen: principal.fen + interest.fen, balanceFen: balance });
    }
  });
  const last = rows[rows.length - 1]!;
  if (problems.length === 0 && balance !== 0n) {
    const paid = principalFen - balance;
    problems.push({ row: last.row, field: "principal", message: `各期本金合计 ${formatYuan(paid)} 元，与债务本金 ${formatYuan(principalFen)} 元不符（相差 ${formatYuan(balance < 0n ? -balance : balance)} 元）` });
  }
  return problems.length ? { ok: false, problems } : { ok: true, lines };
}

