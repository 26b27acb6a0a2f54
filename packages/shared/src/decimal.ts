// Exact decimal arithmetic beyond money: rates ("3.2500" percent), ratios, percentages, scores and
// the exact fractions of a repayment schedule. A decimal is an integer of units and a scale
// (value = units / 10^scale) held in bigint, so nothing passes through binary floating point; every
// division and every shortening names its rounding, and the only rounding is half up (四舍五入:
// a half rounds away from zero, so a negative value mirrors its positive).

/** value = units / 10^scale; `scale` is a non-negative integer. Treat as immutable. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

/** The most decimal places a parsed or computed decimal may carry. */
export const DECIMAL_SCALE_MAX = 40;
/** The most integer digits a parsed decimal may carry (beyond any amount or rate the platform knows). */
export const DECIMAL_INTEGER_DIGITS_MAX = 30;

export type DecimalParseReason = "EMPTY" | "FORMAT" | "PRECISION" | "RANGE" | "NEGATIVE";

/** A decimal a person typed or sent is not acceptable; the message is for a finance clerk. */
export class DecimalError extends Error {
  readonly code = "DECIMAL_INVALID";
  readonly reason: DecimalParseReason;

  constructor(reason: DecimalParseReason, message: string) {
    super(message);
    this.name = "DecimalError";
    this.reason = reason;
  }
}

export type DecimalParseOptions = {
  /** Most decimals accepted (default DECIMAL_SCALE_MAX); more is PRECISION, never silently rounded. */
  maxDecimals?: number;
  /** Accept a leading "-". */
  allowNegative?: boolean;
  /** What the number is, for messages: "利率", "比例" … (default "数值"). */
  label?: string;
};

export type DecimalParseResult = { ok: true; value: Decimal } | { ok: false; reason: DecimalParseReason; message: string };

// ASCII digits only (full-width digits from a Chinese input method are refused, not guessed), no
// exponent, no "+", no ".5" or "5.", no separators; the integer part has no leading zeros.
const PLAIN = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

function quote(input: string): string {
  const characters = Array.from(input);
  return `“${characters.length > 24 ? `${characters.slice(0, 24).join("")}…` : input}”`;
}

function checkScale(scale: number): void {
  if (!Number.isInteger(scale) || scale < 0 || scale > DECIMAL_SCALE_MAX) throw new RangeError(`小数位数须为 0-${DECIMAL_SCALE_MAX} 的整数：${scale}`);
}

const TEN = 10n;
function pow10(exponent: number): bigint {
  return TEN ** BigInt(exponent);
}

/** Reads "3.25", "0.0001", "-12" exactly; trailing zeros are kept in the scale ("3.250" has scale 3). */
export function tryParseDecimal(input: string, options: DecimalParseOptions = {}): DecimalParseResult {
  const label = options.label ?? "数值";
  const maxDecimals = options.maxDecimals ?? DECIMAL_SCALE_MAX;
  checkScale(maxDecimals);
  if (input === "") return { ok: false, reason: "EMPTY", message: `${label}不能为空` };
  const negative = input.startsWith("-");
  const match = PLAIN.exec(negative ? input.slice(1) : input);
  if (match === null) return { ok: false, reason: "FORMAT", message: `${label}格式不正确：${quote(input)}，应为数字，如 3.25` };
  const integerDigits = match[1] ?? "";
  const decimals = match[2] ?? "";
  if (decimals.length > maxDecimals) return { ok: false, reason: "PRECISION", message: `${label}最多 ${maxDecimals} 位小数：${quote(input)}` };
  if (negative && options.allowNegative !== true) return { ok: false, reason: "NEGATIVE", message: `${label}不能为负数：${quote(input)}` };
  if (integerDigits.length > DECIMAL_INTEGER_DIGITS_MAX) return { ok: false, reason: "RANGE", message: `${label}超出范围：${quote(input)}` };
  const magnitude = BigInt(integerDigits + decimals);
  return { ok: true, value: { units: negative ? -magnitude : magnitude, scale: decimals.length } };
}

/** Like tryParseDecimal, but throws DecimalError; for input that has already passed a schema. */
export function parseDecimal(input: string, options: DecimalParseOptions = {}): Decimal {
  const result = tryParseDecimal(input, options);
  if (!result.ok) throw new DecimalError(result.reason, result.message);
  return result.value;
}

export function decimal(units: bigint, scale = 0): Decimal {
  checkScale(scale);
  return { units, scale };
}

/** An amount in fen as a decimal of yuan (scale 2): 123450n → 1234.50. */
export function decimalFromFen(fen: bigint): Decimal {
  return { units: fen, scale: 2 };
}

/** Writes the decimal exactly, with its own scale, or rounded half up to `places` when given. */
export function formatDecimal(value: Decimal, places?: number): string {
  const d = places === undefined ? value : roundDecimal(value, places);
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, "0");
  const integer = digits.slice(0, digits.length - d.scale);
  const fraction = digits.slice(digits.length - d.scale);
  return `${negative ? "-" : ""}${integer}${d.scale > 0 ? `.${fraction}` : ""}`;
}

/** The same value at a larger scale (no rounding). */
function rescale(value: Decimal, scale: number): Decimal {
  if (scale === value.scale) return value;
  if (scale < value.scale) throw new RangeError("rescale only widens");
  return { units: value.units * pow10(scale - value.scale), scale };
}

/**
 * numerator / denominator rounded half up (a half away from zero) to an integer: the one rounding
 * every other function here uses.
 */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError("除数不能为零");
  const negative = (numerator < 0n) !== (denominator < 0n);
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

/** The exact fraction numerator / denominator as a decimal with `places` decimals, half up. */
export function rationalToDecimal(numerator: bigint, denominator: bigint, places: number): Decimal {
  checkScale(places);
  return { units: divideHalfUp(numerator * pow10(places), denominator), scale: places };
}

/** Rounds half up to `places` decimals; a decimal already that short is returned widened, unchanged in value. */
export function roundDecimal(value: Decimal, places: number): Decimal {
  checkScale(places);
  if (places >= value.scale) return rescale(value, places);
  return { units: divideHalfUp(value.units, pow10(value.scale - places)), scale: places };
}

export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale).units + rescale(b, scale).units, scale };
}

export function subtractDecimal(a: Decimal, b: Decimal): Decimal {
  return addDecimal(a, negateDecimal(b));
}

export function negateDecimal(a: Decimal): Decimal {
  return { units: -a.units, scale: a.scale };
}

/** The exact product; its scale is the sum of the scales (refused beyond DECIMAL_SCALE_MAX: round first). */
export function multiplyDecimal(a: Decimal, b: Decimal): Decimal {
  const scale = a.scale + b.scale;
  checkScale(scale);
  return { units: a.units * b.units, scale };
}

/** a / b rounded half up to `places` decimals. */
export function divideDecimal(a: Decimal, b: Decimal, places: number): Decimal {
  if (b.units === 0n) throw new RangeError("除数不能为零");
  // a/b = (a.units / 10^a.scale) / (b.units / 10^b.scale) = a.units × 10^b.scale / (b.units × 10^a.scale)
  return rationalToDecimal(a.units * pow10(b.scale), b.units * pow10(a.scale), places);
}

/** −1, 0 or 1 as a is less than, equal to or greater than b (by value: 1.50 equals 1.5). */
export function compareDecimal(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const x = rescale(a, scale).units;
  const y = rescale(b, scale).units;
  return x === y ? 0 : x < y ? -1 : 1;
}

export function decimalSign(a: Decimal): -1 | 0 | 1 {
  return a.units === 0n ? 0 : a.units < 0n ? -1 : 1;
}

/** The value with no trailing zeros in its scale ("3.2500" → "3.25", "2.00" → "2"). */
export function normalizeDecimal(a: Decimal): Decimal {
  let { units, scale } = a;
  while (scale > 0 && units % TEN === 0n) {
    units /= TEN;
    scale--;
  }
  return { units, scale };
}

/** numerator / denominator as a ratio rounded half up to `places` decimals (0.25 for a quarter). */
export function ratioOf(numerator: bigint, denominator: bigint, places: number): Decimal {
  if (denominator === 0n) throw new RangeError("比例的分母不能为零");
  return rationalToDecimal(numerator, denominator, places);
}

/**
 * numerator / denominator × 100, rounded half up to `places` decimals: the percentage the platform
 * shows (a debt ratio of 1,500,000.00 over 1,000,000.00 yuan is 150.00). Any common unit (fen, people)
 * works, since only the ratio counts.
 */
export function percentOf(numerator: bigint, denominator: bigint, places: number): Decimal {
  if (denominator === 0n) throw new RangeError("百分比的分母不能为零");
  return rationalToDecimal(numerator * 100n, denominator, places);
}

/** An amount in fen times an exact decimal (a rate, a share), rounded half up to the fen. */
export function multiplyFenByDecimal(fen: bigint, factor: Decimal): bigint {
  return divideHalfUp(fen * factor.units, pow10(factor.scale));
}

/** A decimal of yuan to fen, rounded half up to the fen. */
export function decimalToFen(value: Decimal): bigint {
  return roundDecimal(value, 2).units;
}

/** Whether the decimal lies in [min, max] (either bound may be omitted). */
export function decimalBetween(value: Decimal, min?: Decimal, max?: Decimal): boolean {
  return (min === undefined || compareDecimal(value, min) >= 0) && (max === undefined || compareDecimal(value, max) <= 0);
}

// ---------------------------------------------------------------- exact fractions
// Some figures must stay exact through a division: a performance indicator's completion (actual ÷
// target) is 1/3, not 0.333…, and a score adds such parts before its one rounding. A Fraction is
// n / d in bigints, in lowest terms, d > 0; it is rounded only when written (formatFraction, half up
// like everything here).

/** n / d in lowest terms with d > 0. Treat as immutable. */
export interface Fraction {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

export function fraction(n: bigint, d: bigint = 1n): Fraction {
  if (d === 0n) throw new RangeError("除数不能为零");
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

export const FRACTION_ZERO = fraction(0n);
export const FRACTION_ONE = fraction(1n);
export const fractionAdd = (a: Fraction, b: Fraction): Fraction => fraction(a.n * b.d + b.n * a.d, a.d * b.d);
export const fractionSubtract = (a: Fraction, b: Fraction): Fraction => fraction(a.n * b.d - b.n * a.d, a.d * b.d);
export const fractionMultiply = (a: Fraction, b: Fraction): Fraction => fraction(a.n * b.n, a.d * b.d);
export const fractionDivide = (a: Fraction, b: Fraction): Fraction => fraction(a.n * b.d, a.d * b.n);
/** −1, 0 or 1 as a is less than, equal to or greater than b. */
export function fractionCompare(a: Fraction, b: Fraction): -1 | 0 | 1 {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The exact value of a decimal as a fraction. */
export function fractionOfDecimal(value: Decimal): Fraction {
  return fraction(value.units, pow10(value.scale));
}

/** Reads "95", "0.92", "-3.5" exactly (the rules of tryParseDecimal, negatives allowed); null when it is not such a number. */
export function parseFraction(text: string): Fraction | null {
  const result = tryParseDecimal(text, { allowNegative: true });
  return result.ok ? fractionOfDecimal(result.value) : null;
}

/** Writes a fraction rounded half up to `places` decimals, with exactly that many ("0.33" for 1/3). */
export function formatFraction(value: Fraction, places = 2): string {
  return formatDecimal(rationalToDecimal(value.n, value.d, places));
}

/** A fraction as a percentage rounded half up to 2 decimals: 37/40 → "92.50". */
export function formatFractionPercent(value: Fraction): string {
  return formatFraction(fractionMultiply(value, fraction(100n)), 2);
}
