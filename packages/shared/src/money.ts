// Money as integer fen (1 yuan = 100 fen) in bigint: parsing, formatting, summing and
// splitting amounts. Nothing here goes through Number, so no amount can lose a fen to
// binary floating point; every rounding is named where it happens.

/** The largest amount the platform accepts, in fen: 9,999,999,999,999.99 yuan (13 integer digits). */
export const FEN_MAX = 999_999_999_999_999n;

/** Why a string was not accepted as an amount. */
export type MoneyParseReason = "EMPTY" | "FORMAT" | "PRECISION" | "RANGE" | "NEGATIVE";

/** An amount a person typed or sent is not acceptable; the message is for a finance clerk. */
export class MoneyError extends Error {
  readonly code = "AMOUNT_INVALID";
  readonly reason: MoneyParseReason;

  // Written as a plain field rather than a constructor parameter property so that the file
  // stays valid for type-stripping loaders, which do not support parameter properties.
  constructor(reason: MoneyParseReason, message: string) {
    super(message);
    this.name = "MoneyError";
    this.reason = reason;
  }
}

export type ParseYuanOptions = {
  /** Accept "1,234,567.89"; when a separator is used, every group after the first must have 3 digits. */
  allowThousandsSeparator?: boolean;
  /** Accept a leading "-" (refunds, reversals). */
  allowNegative?: boolean;
};

export type ParseYuanResult =
  | { ok: true; fen: bigint }
  | { ok: false; reason: MoneyParseReason; message: string };

/** 13 integer digits is the most FEN_MAX allows; longer is out of range before any arithmetic. */
const YUAN_INTEGER_DIGITS_MAX = 13;

// The integer part has no leading zeros (except "0" itself), so one amount has one spelling and
// the digit count alone tells whether it can fit. Only ASCII digits: [0-9], never \d with /u,
// so full-width digits typed through a Chinese input method are rejected, not silently read.
const PLAIN_AMOUNT = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;
// With separators the first group has 1-3 digits and every later group exactly 3; a number
// without any separator is still accepted in this mode.
const GROUPED_AMOUNT = /^(0|[1-9][0-9]{0,2}(?:,[0-9]{3})+|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/** Shown inside messages; long inputs are cut so a pasted page does not become an error message. */
function quoteInput(input: string): string {
  const characters = Array.from(input);
  const shown = characters.length > 24 ? `${characters.slice(0, 24).join("")}…` : input;
  return `“${shown}”`;
}

const RANGE_MESSAGE = "金额超出范围：绝对值不得超过 9,999,999,999,999.99 元";

/**
 * Reads a decimal yuan string such as "1234.50" into fen, exactly.
 * Accepted: ASCII digits, optionally "." and one or two decimals ("12", "12.5", "0.01").
 * Rejected: surrounding whitespace, "+", exponents, ".5", "5.", full-width digits, more than two
 * decimals (even trailing zeros: "1.230" is PRECISION), separators unless allowed, a "-" unless
 * allowed, and an absolute value above FEN_MAX.
 */
export function tryParseYuan(input: string, options: ParseYuanOptions = {}): ParseYuanResult {
  if (input === "") {
    return { ok: false, reason: "EMPTY", message: "金额不能为空" };
  }
  const negative = input.startsWith("-");
  const body = negative ? input.slice(1) : input;
  const pattern = options.allowThousandsSeparator === true ? GROUPED_AMOUNT : PLAIN_AMOUNT;
  const match = pattern.exec(body);
  if (match === null) {
    return {
      ok: false,
      reason: "FORMAT",
      message: `金额格式不正确：${quoteInput(input)}，应为数字，最多两位小数，如 1234.50`,
    };
  }
  const integerDigits = (match[1] ?? "").replaceAll(",", "");
  const decimals = match[2] ?? "";
  if (decimals.length > 2) {
    return { ok: false, reason: "PRECISION", message: `金额最多两位小数：${quoteInput(input)}` };
  }
  // The sign is judged after the shape, so "-abc" reports the format, and "-0" is still a
  // negative sign the caller did not allow.
  if (negative && options.allowNegative !== true) {
    return { ok: false, reason: "NEGATIVE", message: `金额不能为负数：${quoteInput(input)}` };
  }
  if (integerDigits.length > YUAN_INTEGER_DIGITS_MAX) {
    return { ok: false, reason: "RANGE", message: RANGE_MESSAGE };
  }
  const magnitude = BigInt(integerDigits) * 100n + BigInt(decimals.padEnd(2, "0"));
  if (magnitude > FEN_MAX) {
    return { ok: false, reason: "RANGE", message: RANGE_MESSAGE };
  }
  return { ok: true, fen: negative ? -magnitude : magnitude };
}

/** Like tryParseYuan, but throws MoneyError; for input that has already passed a schema. */
export function parseYuan(input: string, options: ParseYuanOptions = {}): bigint {
  const result = tryParseYuan(input, options);
  if (!result.ok) {
    throw new MoneyError(result.reason, result.message);
  }
  return result.fen;
}

/** Groups a string of digits by thousands (also for areas and counts, not only money): "1234567" → "1,234,567". */
export function groupThousands(digits: string): string {
  // Walk from the right so the first group is the short one: "1234567" → "1,234,567".
  let grouped = "";
  for (let end = digits.length; end > 0; end -= 3) {
    const group = digits.slice(Math.max(0, end - 3), end);
    grouped = grouped === "" ? group : `${group},${grouped}`;
  }
  return grouped;
}

/**
 * Writes fen as a yuan string with exactly two decimals: 123450n → "1234.50", -5n → "-0.05";
 * with thousands, "1,234,567.89". The output is what tryParseYuan reads back (with the matching
 * options). It never throws, so a display can always show a value, even one beyond FEN_MAX.
 */
export function formatYuan(fen: bigint, options: { thousands?: boolean } = {}): string {
  const negative = fen < 0n;
  const magnitude = negative ? -fen : fen;
  const integerDigits = (magnitude / 100n).toString();
  const decimals = (magnitude % 100n).toString().padStart(2, "0");
  const integerText = options.thousands === true ? groupThousands(integerDigits) : integerDigits;
  return `${negative ? "-" : ""}${integerText}.${decimals}`;
}

/**
 * The one money format a person reads, from an exact yuan string as the API sends it:
 * "1983900.00" → "1,983,900.00"; "-12.5" → "-12.50"; null, undefined or "" → "—". Text that is not
 * an amount is returned as it is (never rounded, never through Number). Tables, prints, cards and
 * messages all use it, so an amount reads the same everywhere.
 */
export function formatYuanText(value: string | null | undefined): string {
  if (value === null || value === undefined || value.trim() === "") return "—";
  const match = /^\s*(-?)([0-9]+)(?:\.([0-9]{1,2}))?\s*$/.exec(value);
  if (!match) return value;
  const sign = match[1] ?? "";
  const digits = (match[2] ?? "0").replace(/^0+(?=[0-9])/, "");
  const fraction = match[3] ?? "";
  const negative = sign === "-" && !(/^0*$/.test(digits) && /^0*$/.test(fraction));
  return `${negative ? "-" : ""}${groupThousands(digits)}.${fraction.padEnd(2, "0")}`;
}

/** Adds amounts exactly; an empty list sums to 0. */
export function sumFen(values: Iterable<bigint>): bigint {
  let total = 0n;
  for (const value of values) {
    total += value;
  }
  return total;
}

/**
 * Splits a total in proportion to weights by the largest-remainder method: each part first gets
 * the floor of its exact share, then the fen left over go one each to the parts with the largest
 * remainders, ties to the earliest index. The parts always sum to the total, a zero weight always
 * gets 0, and no part differs from its exact share by a whole fen or more.
 */
export function allocateFen(totalFen: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) {
    throw new RangeError("分摊比例不能为空");
  }
  if (totalFen < 0n) {
    throw new RangeError("分摊总额不能为负数");
  }
  let weightSum = 0n;
  for (const weight of weights) {
    if (weight < 0n) {
      throw new RangeError("分摊比例不能为负数");
    }
    weightSum += weight;
  }
  if (weightSum === 0n) {
    throw new RangeError("分摊比例不能全为零");
  }

  const parts = weights.map((weight) => (totalFen * weight) / weightSum);
  const remainders = weights.map((weight) => (totalFen * weight) % weightSum);
  let leftOver = totalFen - sumFen(parts);

  // Array.prototype.sort is stable, so among equal remainders the earlier index stays first.
  const order = weights.map((_, index) => index);
  order.sort((a, b) => {
    const ra = remainders[a] ?? 0n;
    const rb = remainders[b] ?? 0n;
    return ra === rb ? 0 : ra > rb ? -1 : 1;
  });
  // leftOver = Σ remainders / weightSum, and each remainder is below weightSum, so there are
  // always at least leftOver parts with a non-zero remainder to receive the fen.
  for (const index of order) {
    if (leftOver === 0n) {
      break;
    }
    parts[index] = (parts[index] ?? 0n) + 1n;
    leftOver -= 1n;
  }
  if (leftOver !== 0n || sumFen(parts) !== totalFen) {
    throw new Error("分摊结果与总额不符");
  }
  return parts;
}

/**
 * Splits a total into equal parts; the fen that do not divide evenly go one each to the first
 * parts, so the list is largest first: 100n into 3 → [34n, 33n, 33n].
 */
export function splitFenEvenly(totalFen: bigint, parts: number): bigint[] {
  if (!Number.isSafeInteger(parts) || parts < 1) {
    throw new RangeError("平均分摊的份数必须是正整数");
  }
  if (totalFen < 0n) {
    throw new RangeError("分摊总额不能为负数");
  }
  const count = BigInt(parts);
  const base = totalFen / count;
  const extra = totalFen % count;
  return Array.from({ length: parts }, (_, index) => (BigInt(index) < extra ? base + 1n : base));
}

/** Quantities (亩, kg, persons) carry at most 4 decimals, e.g. a contracted area of "12.3456" 亩. */
const QUANTITY_DECIMALS_MAX = 4;
const QUANTITY_SCALE = 10n ** BigInt(QUANTITY_DECIMALS_MAX);
/** A quantity beyond 13 integer digits cannot yield an amount within FEN_MAX at any useful price. */
const QUANTITY_INTEGER_DIGITS_MAX = 13;
const QUANTITY = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/**
 * Price per unit (fen) times a decimal quantity string, rounded half up to the fen, e.g. a
 * subsidy standard of 105.50 yuan per 亩 for "12.3456" 亩. "Half up" is the accounting rule:
 * a half fen rounds away from zero, so a negative price mirrors a positive one.
 * The quantity is non-negative, ASCII digits, up to 4 decimals; otherwise MoneyError.
 */
export function multiplyFen(unitPriceFen: bigint, quantity: string, rounding: "halfUp"): bigint {
  if (rounding !== "halfUp") {
    throw new RangeError(`未知的舍入方式：${String(rounding)}`);
  }
  if (quantity === "") {
    throw new MoneyError("EMPTY", "数量不能为空");
  }
  if (quantity.startsWith("-")) {
    throw new MoneyError("NEGATIVE", `数量不能为负数：${quoteInput(quantity)}`);
  }
  const match = QUANTITY.exec(quantity);
  if (match === null) {
    throw new MoneyError("FORMAT", `数量格式不正确：${quoteInput(quantity)}，应为数字，最多四位小数，如 12.3456`);
  }
  const integerDigits = match[1] ?? "";
  const decimals = match[2] ?? "";
  if (decimals.length > QUANTITY_DECIMALS_MAX) {
    throw new MoneyError("PRECISION", `数量最多四位小数：${quoteInput(quantity)}`);
  }
  if (integerDigits.length > QUANTITY_INTEGER_DIGITS_MAX) {
    throw new MoneyError("RANGE", `数量超出范围：${quoteInput(quantity)}`);
  }
  const scaledQuantity = BigInt(integerDigits + decimals.padEnd(QUANTITY_DECIMALS_MAX, "0"));
  const product = unitPriceFen * scaledQuantity;
  const magnitude = product < 0n ? -product : product;
  // Half up: add half of the scale before the floor division, on the magnitude.
  const roundedMagnitude = (magnitude + QUANTITY_SCALE / 2n) / QUANTITY_SCALE;
  if (roundedMagnitude > FEN_MAX) {
    throw new MoneyError("RANGE", RANGE_MESSAGE);
  }
  return product < 0n ? -roundedMagnitude : roundedMagnitude;
}
