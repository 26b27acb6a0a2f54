// Pure rules of the registers: reading a row of the tax office's export, a tax source's kind from its
// credit code, year-on-year change, the revenue estimate built from tax sources, ranking key sources,
// and days to a policy document's expiry. No database.
import { checkCreditCode, compareDecimal, formatDecimal, formatYuan, multiplyFenByDecimal, negateDecimal, percentOf, tryParseYuan, type Decimal } from "@xiangcai/shared";

export interface TaxRow {
  row: number;
  creditCode: string;
  name: string;
  month: string;
  taxKind: string;
  amount: string;
  industry: string;
}

export interface CheckedTaxRow {
  row: number;
  creditCode: string;
  name: string;
  month: string;
  taxKind: string;
  amountFen: bigint;
  industry: string;
}

/** The most rows one tax import may hold (a township's year of a few thousand taxpayers × kinds). */
export const TAX_IMPORT_ROWS_MAX = 50_000;

/**
 * Checks one row of the tax office's export: a valid credit code (GB 32100), a name, a month
 * YYYY-MM (or YYYYMM), a tax kind and an amount in yuan (not negative, two decimals at most).
 */
export function checkTaxRow(r: TaxRow): { ok: true; row: CheckedTaxRow } | { ok: false; errors: { row: number; field: string; message: string }[] } {
  const errors: { row: number; field: string; message: string }[] = [];
  const code = r.creditCode.trim().toUpperCase();
  const checked = checkCreditCode(code);
  if (!checked.valid) errors.push({ row: r.row, field: "creditCode", message: `第${r.row}行：纳税人识别号“${r.creditCode}”不是有效的统一社会信用代码` });
  if (r.name.trim().length < 2) errors.push({ row: r.row, field: "name", message: `第${r.row}行：请填写纳税人名称` });
  const monthText = r.month.trim();
  const month = /^[0-9]{6}$/.test(monthText) ? `${monthText.slice(0, 4)}-${monthText.slice(4)}` : monthText.slice(0, 7);
  if (!/^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])$/.test(month)) errors.push({ row: r.row, field: "month", message: `第${r.row}行：所属期“${r.month}”应为 YYYY-MM` });
  if (!r.taxKind.trim() || r.taxKind.trim().length > 40) errors.push({ row: r.row, field: "taxKind", message: `第${r.row}行：请填写税种` });
  const amount = tryParseYuan(r.amount.trim().replaceAll(",", ""));
  if (!amount.ok) errors.push({ row: r.row, field: "amount", message: `第${r.row}行：实缴金额 ${amount.message}` });
  if (errors.length) return { ok: false, errors };
  return { ok: true, row: { row: r.row, creditCode: code, name: r.name.trim(), month, taxKind: r.taxKind.trim(), amountFen: (amount as { fen: bigint }).fen, industry: r.industry.trim() || "未分类" } };
}

/** 个体工商户 register under authority 9 with category 2 (92…); anything else is an enterprise. */
export function taxSourceKindOf(creditCode: string): "enterprise" | "individual" {
  return creditCode.startsWith("92") ? "individual" : "enterprise";
}

/** Year-on-year change in percent (2 decimals), or null when the earlier figure is 0. */
export function yearOnYear(currentFen: bigint, previousFen: bigint): Decimal | null {
  if (previousFen <= 0n) return null;
  return percentOf(currentFen - previousFen, previousFen, 2);
}

/**
 * The revenue estimate of a year from its tax sources: each tax kind's basis-year total grown by its
 * year-on-year change, the change held within ± the cap (a one-off swing is not a trend; no history
 * means no growth). When the basis year is not over, `previousFen` is last year's same months (同期)
 * and `remainingFen` last year's months still to come: the change is like for like, the basis year is
 * completed by those months grown by the change, and the estimate grows that full year. Half up to the fen.
 */
export function estimateRevenue(byKind: readonly { taxKind: string; basisFen: bigint; previousFen: bigint; remainingFen?: bigint }[], capPercent: Decimal): { taxKind: string; basisFen: bigint; previousFen: bigint; growth: Decimal | null; fullYearFen: bigint; estimateFen: bigint }[] {
  return byKind.map(({ remainingFen = 0n, ...k }) => {
    let growth = yearOnYear(k.basisFen, k.previousFen);
    if (growth && compareDecimal(growth, capPercent) > 0) growth = capPercent;
    if (growth && compareDecimal(growth, negateDecimal(capPercent)) < 0) growth = negateDecimal(capPercent);
    // 1 + growth / 100, exactly: (100 + g) / 100 with g at its own scale.
    const factor: Decimal = growth ? { units: growth.units + 100n * 10n ** BigInt(growth.scale), scale: growth.scale + 2 } : { units: 1n, scale: 0 };
    const fullYearFen = k.basisFen + (remainingFen > 0n ? multiplyFenByDecimal(remainingFen, factor) : 0n);
    return { ...k, growth, fullYearFen, estimateFen: multiplyFenByDecimal(fullYearFen, factor) };
  });
}

/** A share in percent of a total (2 decimals), "0.00" when the total is 0. */
export function shareOf(partFen: bigint, totalFen: bigint): string {
  return totalFen > 0n ? formatDecimal(percentOf(partFen, totalFen, 2)) : "0.00";
}

/** Whole days from `today` to `date` (both YYYY-MM-DD): negative when past. */
export function daysBetween(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export const yuan = formatYuan;

/** The date `days` days after a date (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
