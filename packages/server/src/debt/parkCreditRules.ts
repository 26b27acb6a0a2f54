// Pure rules of the park credit programme (财园信贷通): the risk compensation fund's balance with a
// bank, the lending room the fund gives (loans outstanding ≤ multiple × fund), the compensation the
// fund pays on a defaulted loan at the agreed sharing ratio, the part of a recovery returned to the
// fund, which moves a loan may make in which state, and a new loan's terms. No database, no clock.
import { checkCreditCode, compareDecimal, decimal, multiplyFenByDecimal, tryParseDecimal, tryParseYuan, type Decimal } from "@xiangcai/shared";
import { addMonthsClamped, isRealDate } from "./schedule.ts";
import type { FundMovementKind, ParkLoanStatus } from "./tables.ts";

export interface FundFacts {
  kind: FundMovementKind;
  amountFen: bigint;
}

/** What a fund's movements add up to: deposits − compensation + recoveries − withdrawals. */
export function fundTotals(movements: readonly FundFacts[]): { depositedFen: bigint; compensatedFen: bigint; recoveredFen: bigint; withdrawnFen: bigint; balanceFen: bigint } {
  let depositedFen = 0n;
  let compensatedFen = 0n;
  let recoveredFen = 0n;
  let withdrawnFen = 0n;
  for (const m of movements) {
    if (m.kind === "deposit") depositedFen += m.amountFen;
    else if (m.kind === "compensation") compensatedFen += m.amountFen;
    else if (m.kind === "recovery") recoveredFen += m.amountFen;
    else withdrawnFen += m.amountFen;
  }
  return { depositedFen, compensatedFen, recoveredFen, withdrawnFen, balanceFen: depositedFen - compensatedFen + recoveredFen - withdrawnFen };
}

/** The loans a fund may back: multiple × fund balance, half up to the fen (never below 0). */
export function lendingCapacity(fundFen: bigint, multiple: Decimal): bigint {
  return fundFen <= 0n ? 0n : multiplyFenByDecimal(fundFen, multiple);
}

/** Whether a new loan fits: outstanding + new ≤ capacity (equal is allowed). */
export function fitsWithinMultiple(outstandingFen: bigint, newFen: bigint, capacityFen: bigint): boolean {
  return outstandingFen + newFen <= capacityFen;
}

/** The fund's share of a loss: the unpaid principal × share / 100, half up to the fen. */
export function compensationDue(unpaidPrincipalFen: bigint, sharePercent: Decimal): bigint {
  if (unpaidPrincipalFen <= 0n) return 0n;
  return multiplyFenByDecimal(unpaidPrincipalFen, { units: sharePercent.units, scale: sharePercent.scale + 2 });
}

/**
 * The part of what the bank recovered that goes back to the fund: the recovery × share / 100, half up,
 * never more than the fund paid on the loan less what came back already.
 */
export function recoveryReturn(recoveredByBankFen: bigint, sharePercent: Decimal, compensatedFen: bigint, returnedFen: bigint): bigint {
  const due = compensationDue(recoveredByBankFen, sharePercent);
  const room = compensatedFen - returnedFen;
  return due < room ? due : room > 0n ? room : 0n;
}

export type LoanMove = "repay" | "overdue" | "default" | "compensate" | "recover";

const movesFrom: Record<ParkLoanStatus, readonly LoanMove[]> = {
  performing: ["repay", "overdue"],
  overdue: ["repay", "default"],
  defaulted: ["compensate"],
  compensated: ["recover"],
  repaid: [],
};

/** Whether a loan in `status` may make `move` (repay while performing or overdue; overdue → default → compensation → recoveries). */
export function canMove(status: ParkLoanStatus, move: LoanMove): boolean {
  return movesFrom[status].includes(move);
}

/** A loan's principal still unpaid, or 0 when repaid, compensated or fully paid. */
export function unpaidPrincipal(loan: { amountFen: bigint; repaidFen: bigint }): bigint {
  const left = loan.amountFen - loan.repaidFen;
  return left > 0n ? left : 0n;
}

/** A loan counts against the fund's multiple while it is unpaid and not yet compensated. */
export function countsAsOutstanding(status: ParkLoanStatus): boolean {
  return status === "performing" || status === "overdue" || status === "defaulted";
}

export interface LoanTermsInput {
  creditCode: string;
  enterpriseName: string;
  amount: string;
  startDate: string;
  termMonths: number;
  annualRate: string;
}

export interface LoanTerms {
  creditCode: string;
  enterpriseName: string;
  amountFen: bigint;
  startDate: string;
  termMonths: number;
  dueDate: string;
  annualRate: string;
}

/** The most a single loan of the programme may be (财园信贷通 lends to small and micro enterprises). */
export const LOAN_AMOUNT_MAX_FEN = 10_000_000_00n;

/**
 * Checks a new loan's terms: a valid unified social credit code (GB 32100), a name, an amount above 0
 * and at most ten million yuan with two decimals, a start date that exists, a term of 1-120 months and
 * a rate in percent (at most 4 decimals, 0 to 36). Lists every problem.
 */
export function checkLoanTerms(input: LoanTermsInput): { ok: true; terms: LoanTerms } | { ok: false; problems: { path: string; message: string }[] } {
  const problems: { path: string; message: string }[] = [];
  const creditCode = input.creditCode.trim().toUpperCase();
  if (!checkCreditCode(creditCode).valid) problems.push({ path: "creditCode", message: `统一社会信用代码“${input.creditCode}”校验不通过` });
  const enterpriseName = input.enterpriseName.trim();
  if (enterpriseName.length < 2 || enterpriseName.length > 200) problems.push({ path: "enterpriseName", message: "请填写企业名称（2-200字）" });
  const amount = tryParseYuan(input.amount.trim());
  let amountFen = 0n;
  if (!amount.ok) problems.push({ path: "amount", message: `贷款金额：${amount.message}` });
  else if (amount.fen <= 0n) problems.push({ path: "amount", message: "贷款金额须大于 0" });
  else if (amount.fen > LOAN_AMOUNT_MAX_FEN) problems.push({ path: "amount", message: "单笔贷款不超过 1000 万元" });
  else amountFen = amount.fen;
  if (!isRealDate(input.startDate)) problems.push({ path: "startDate", message: `放款日期“${input.startDate}”不存在` });
  if (!Number.isInteger(input.termMonths) || input.termMonths < 1 || input.termMonths > 120) problems.push({ path: "termMonths", message: "期限为 1-120 个月" });
  const rate = /^(0|[1-9][0-9]{0,3})(\.[0-9]{1,4})?$/.test(input.annualRate.trim()) ? tryParseDecimal(input.annualRate.trim(), { maxDecimals: 4 }) : null;
  if (!rate?.ok || compareDecimal(rate.value, decimal(36n)) > 0) problems.push({ path: "annualRate", message: "年利率（%）为 0-36，最多4位小数" });
  if (problems.length) return { ok: false, problems };
  return { ok: true, terms: { creditCode, enterpriseName, amountFen, startDate: input.startDate, termMonths: input.termMonths, dueDate: addMonthsClamped(input.startDate, input.termMonths), annualRate: input.annualRate.trim() } };
}

/** Reads a sharing ratio in percent: above 0, at most 100, two decimals at most. */
export function readSharePercent(text: string): Decimal | null {
  if (!/^(100(\.0{1,2})?|[1-9]?[0-9](\.[0-9]{1,2})?)$/.test(text.trim())) return null;
  const parsed = tryParseDecimal(text.trim(), { maxDecimals: 2 });
  if (!parsed.ok || parsed.value.units <= 0n) return null;
  return parsed.value;
}
