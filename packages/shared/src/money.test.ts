// Proves that amounts are read, written, summed and split exactly in integer fen, that every malformed or out-of-range input is rejected with the right reason, and that no fen is ever created or lost.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  FEN_MAX,
  MoneyError,
  allocateFen,
  formatYuan,
  formatYuanText,
  multiplyFen,
  parseYuan,
  splitFenEvenly,
  sumFen,
  tryParseYuan,
  type MoneyParseReason,
} from "./money.ts";

function reasonOf(input: string, options?: Parameters<typeof tryParseYuan>[1]): MoneyParseReason | "OK" {
  const result = tryParseYuan(input, options);
  return result.ok ? "OK" : result.reason;
}

function multiplyReason(unitPriceFen: bigint, quantity: string): MoneyParseReason | "OK" {
  try {
    multiplyFen(unitPriceFen, quantity, "halfUp");
    return "OK";
  } catch (error) {
    if (error instanceof MoneyError) {
      return error.reason;
    }
    throw error;
  }
}

const amountFen = fc.bigInt({ min: -FEN_MAX, max: FEN_MAX });
const nonNegativeFen = fc.bigInt({ min: 0n, max: FEN_MAX });

describe("FEN_MAX", () => {
  it("is 9,999,999,999,999.99 yuan", () => {
    expect(FEN_MAX).toBe(999_999_999_999_999n);
    expect(formatYuan(FEN_MAX, { thousands: true })).toBe("9,999,999,999,999.99");
  });
});

describe("tryParseYuan", () => {
  it.each([
    ["12", 1200n],
    ["12.5", 1250n],
    ["12.50", 1250n],
    ["0.01", 1n],
    ["0.5", 50n],
    ["0", 0n],
    ["0.00", 0n],
    ["1234.50", 123450n],
  ])("reads %s as %s fen", (input, fen) => {
    expect(tryParseYuan(input)).toEqual({ ok: true, fen });
  });

  it("reports an empty string as EMPTY", () => {
    expect(tryParseYuan("")).toEqual({ ok: false, reason: "EMPTY", message: "金额不能为空" });
  });

  it.each([
    [" 12", "leading space"],
    ["12 ", "trailing space"],
    ["\t12", "leading tab"],
    ["12\n", "trailing newline"],
    ["1e3", "exponent"],
    [".5", "no integer digit"],
    ["5.", "no decimal digit"],
    ["１２３", "full-width digits"],
    ["+1", "plus sign"],
    ["1,234.00", "thousands separator when not allowed"],
    ["12a", "letter"],
    ["1.2.3", "two points"],
    ["-", "a bare minus"],
    ["--1", "two minus signs"],
    ["0012", "leading zeros"],
    ["00", "two zeros"],
    ["1 234", "space inside"],
    ["¥12", "currency sign"],
    ["12元", "unit"],
    ["Infinity", "Infinity"],
    ["NaN", "NaN"],
    ["0x10", "hexadecimal"],
  ])("rejects %j as FORMAT (%s)", (input) => {
    expect(reasonOf(input)).toBe("FORMAT");
  });

  it.each(["1.234", "1.230", "0.001", "12.5000"])("rejects %j as PRECISION: at most two decimals", (input) => {
    expect(reasonOf(input)).toBe("PRECISION");
  });

  it.each(["-1", "-0.01", "-0", "-1234.50"])("rejects %j as NEGATIVE unless negatives are allowed", (input) => {
    expect(reasonOf(input)).toBe("NEGATIVE");
  });

  it("reads negative amounts when allowed", () => {
    expect(tryParseYuan("-1", { allowNegative: true })).toEqual({ ok: true, fen: -100n });
    expect(tryParseYuan("-0.05", { allowNegative: true })).toEqual({ ok: true, fen: -5n });
    expect(tryParseYuan("-0", { allowNegative: true })).toEqual({ ok: true, fen: 0n });
  });

  it("still rejects a malformed amount after a minus as FORMAT, not NEGATIVE", () => {
    expect(reasonOf("-abc")).toBe("FORMAT");
    expect(reasonOf("-.5", { allowNegative: true })).toBe("FORMAT");
    expect(reasonOf("- 1", { allowNegative: true })).toBe("FORMAT");
  });

  it("accepts exactly FEN_MAX and rejects one fen more as RANGE", () => {
    expect(tryParseYuan("9999999999999.99")).toEqual({ ok: true, fen: FEN_MAX });
    expect(reasonOf("10000000000000.00")).toBe("RANGE");
    expect(reasonOf("10000000000000")).toBe("RANGE");
    expect(tryParseYuan("-9999999999999.99", { allowNegative: true })).toEqual({ ok: true, fen: -FEN_MAX });
    expect(reasonOf("-10000000000000", { allowNegative: true })).toBe("RANGE");
  });

  it("rejects a very long digit string as RANGE without building a huge number", () => {
    expect(reasonOf("9".repeat(100_000))).toBe("RANGE");
  });

  describe("with thousands separators allowed", () => {
    const options = { allowThousandsSeparator: true };

    it.each([
      ["1,234,567.89", 123456789n],
      ["1,234", 123400n],
      ["999", 99900n],
      ["1234.5", 123450n],
      ["9,999,999,999,999.99", FEN_MAX],
      ["0.50", 50n],
    ])("reads %s as %s fen", (input, fen) => {
      expect(tryParseYuan(input, options)).toEqual({ ok: true, fen });
    });

    it.each(["12,34", "1,2345", ",123", "1,234,56", "1,,234", "1234,567", "0,123", "1,234.", "1,234 "])(
      "rejects %j as FORMAT: groups after the first must have three digits",
      (input) => {
        expect(reasonOf(input, options)).toBe("FORMAT");
      },
    );

    it("still applies the range limit", () => {
      expect(reasonOf("10,000,000,000,000.00", options)).toBe("RANGE");
    });

    it("combines with negatives", () => {
      expect(tryParseYuan("-1,234.00", { ...options, allowNegative: true })).toEqual({ ok: true, fen: -123400n });
    });
  });

  it("writes messages for a clerk, in Chinese, quoting a shortened input", () => {
    const format = tryParseYuan("1e3");
    const precision = tryParseYuan("1.234");
    const long = tryParseYuan("x".repeat(200));
    expect(format.ok ? "" : format.message).toMatch(/^金额格式不正确：“1e3”/);
    expect(precision.ok ? "" : precision.message).toMatch(/^金额最多两位小数/);
    expect(long.ok ? "" : long.message).toContain(`“${"x".repeat(24)}…”`);
  });

  it("reads exactly the integer and decimal digits it is given (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 9_999_999_999_999n }), fc.stringMatching(/^[0-9]{0,2}$/), (yuan, decimals) => {
        const input = decimals === "" ? yuan.toString() : `${yuan}.${decimals}`;
        expect(parseYuan(input)).toBe(yuan * 100n + BigInt(decimals.padEnd(2, "0")));
      }),
    );
  });

  it("never returns an amount beyond FEN_MAX nor throws, whatever the string (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.boolean(), fc.boolean(), (input, negative, thousands) => {
        const result = tryParseYuan(input, { allowNegative: negative, allowThousandsSeparator: thousands });
        if (result.ok) {
          expect(result.fen <= FEN_MAX && result.fen >= -FEN_MAX).toBe(true);
          expect(negative || result.fen >= 0n).toBe(true);
        } else {
          expect(result.message.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe("parseYuan", () => {
  it("returns fen for a valid amount", () => {
    expect(parseYuan("1234.50")).toBe(123450n);
  });

  it("throws MoneyError with code AMOUNT_INVALID and the reason", () => {
    let caught: unknown;
    try {
      parseYuan("1.234");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MoneyError);
    expect(caught).toBeInstanceOf(Error);
    const error = caught as MoneyError;
    expect(error.code).toBe("AMOUNT_INVALID");
    expect(error.reason).toBe("PRECISION");
    expect(error.name).toBe("MoneyError");
    expect(error.message).toMatch(/^金额最多两位小数/);
  });

  it("passes its options through", () => {
    expect(parseYuan("-1,000.00", { allowNegative: true, allowThousandsSeparator: true })).toBe(-100000n);
    expect(() => parseYuan("-1")).toThrow(MoneyError);
  });
});

describe("formatYuan", () => {
  it.each([
    [123450n, "1234.50"],
    [-5n, "-0.05"],
    [0n, "0.00"],
    [1n, "0.01"],
    [100n, "1.00"],
    [FEN_MAX, "9999999999999.99"],
  ])("writes %s fen as %s", (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it.each([
    [123456789n, "1,234,567.89"],
    [99999n, "999.99"],
    [100000n, "1,000.00"],
    [-100000n, "-1,000.00"],
    [0n, "0.00"],
    [100000000n, "1,000,000.00"],
  ])("with thousands writes %s fen as %s", (fen, text) => {
    expect(formatYuan(fen, { thousands: true })).toBe(text);
  });

  it("formats values beyond FEN_MAX rather than failing a display", () => {
    expect(formatYuan(FEN_MAX + 1n)).toBe("10000000000000.00");
  });

  it("is read back to the same fen by tryParseYuan, with and without separators (property)", () => {
    fc.assert(
      fc.property(amountFen, (fen) => {
        expect(parseYuan(formatYuan(fen), { allowNegative: true })).toBe(fen);
        expect(
          parseYuan(formatYuan(fen, { thousands: true }), { allowNegative: true, allowThousandsSeparator: true }),
        ).toBe(fen);
      }),
    );
  });

  it("formats every amount beyond FEN_MAX as something parse rejects as RANGE (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: FEN_MAX + 1n, max: FEN_MAX * 1000n }), (fen) => {
        expect(reasonOf(formatYuan(fen))).toBe("RANGE");
      }),
    );
  });
});

describe("sumFen", () => {
  it("sums to 0 for no values", () => {
    expect(sumFen([])).toBe(0n);
  });

  it("adds positive and negative amounts exactly, from any iterable", () => {
    expect(sumFen([1n, 2n, -3n, FEN_MAX])).toBe(FEN_MAX);
    function* amounts() {
      yield 10n;
      yield 20n;
    }
    expect(sumFen(amounts())).toBe(30n);
    expect(sumFen(new Set([5n, 7n]))).toBe(12n);
  });

  it("does not round where Number would: 0.1 + 0.2 is exactly 0.30", () => {
    expect(formatYuan(sumFen([parseYuan("0.1"), parseYuan("0.2")]))).toBe("0.30");
  });

  it("is independent of order (property)", () => {
    fc.assert(
      fc.property(fc.array(amountFen, { maxLength: 50 }), (values) => {
        expect(sumFen([...values].reverse())).toBe(sumFen(values));
      }),
    );
  });
});

describe("allocateFen", () => {
  it("splits by the largest remainder, extra fen to the largest remainders", () => {
    expect(allocateFen(100n, [1n, 2n])).toEqual([33n, 67n]);
    expect(allocateFen(1000n, [3n, 3n, 4n])).toEqual([300n, 300n, 400n]);
    expect(allocateFen(10n, [1n, 1n, 1n, 7n])).toEqual([1n, 1n, 1n, 7n]);
    // Exact shares 0.5, 1.25, 3.25: floors give 4, and the one fen left goes to the 0.5 remainder.
    expect(allocateFen(5n, [10n, 25n, 65n])).toEqual([1n, 1n, 3n]);
  });

  it("gives tied remainders to the earliest index", () => {
    expect(allocateFen(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(allocateFen(2n, [1n, 1n, 1n])).toEqual([1n, 1n, 0n]);
    expect(allocateFen(1n, [2n, 1n, 1n, 2n])).toEqual([1n, 0n, 0n, 0n]);
  });

  it("gives nothing to a zero weight", () => {
    expect(allocateFen(10n, [0n, 1n, 0n])).toEqual([0n, 10n, 0n]);
    expect(allocateFen(7n, [0n, 1n, 1n])).toEqual([0n, 4n, 3n]);
  });

  it("gives the whole total to a single weight and zero to every part of a zero total", () => {
    expect(allocateFen(12345n, [7n])).toEqual([12345n]);
    expect(allocateFen(0n, [1n, 2n, 3n])).toEqual([0n, 0n, 0n]);
  });

  it("handles the largest amount and very large weights exactly", () => {
    const parts = allocateFen(FEN_MAX, [FEN_MAX, 1n, FEN_MAX]);
    expect(sumFen(parts)).toBe(FEN_MAX);
  });

  it("rejects empty weights, a negative weight, all-zero weights and a negative total", () => {
    expect(() => allocateFen(100n, [])).toThrow(RangeError);
    expect(() => allocateFen(100n, [1n, -1n])).toThrow(RangeError);
    expect(() => allocateFen(100n, [0n, 0n])).toThrow(RangeError);
    expect(() => allocateFen(-1n, [1n])).toThrow(RangeError);
  });

  const weightList = fc.array(fc.bigInt({ min: 0n, max: 1_000_000n }), { minLength: 1, maxLength: 30 }).filter(
    (weights) => weights.some((weight) => weight > 0n),
  );

  it("always sums exactly to the total, never negative (property)", () => {
    fc.assert(
      fc.property(nonNegativeFen, weightList, (total, weights) => {
        const parts = allocateFen(total, weights);
        expect(parts).toHaveLength(weights.length);
        expect(sumFen(parts)).toBe(total);
        expect(parts.every((part) => part >= 0n)).toBe(true);
      }),
    );
  });

  it("keeps every part within one fen below or above its exact share, zero weights at zero (property)", () => {
    fc.assert(
      fc.property(nonNegativeFen, weightList, (total, weights) => {
        const parts = allocateFen(total, weights);
        const weightSum = sumFen(weights);
        parts.forEach((part, index) => {
          const weight = weights[index] ?? 0n;
          const floor = (total * weight) / weightSum;
          expect(part === floor || part === floor + 1n).toBe(true);
          if (weight === 0n) {
            expect(part).toBe(0n);
          }
        });
      }),
    );
  });
});

describe("splitFenEvenly", () => {
  it("puts the leftover fen on the first parts", () => {
    expect(splitFenEvenly(100n, 3)).toEqual([34n, 33n, 33n]);
    expect(splitFenEvenly(5n, 10)).toEqual([1n, 1n, 1n, 1n, 1n, 0n, 0n, 0n, 0n, 0n]);
    expect(splitFenEvenly(99n, 3)).toEqual([33n, 33n, 33n]);
  });

  it("returns the whole total for one part and zeros for a zero total", () => {
    expect(splitFenEvenly(12345n, 1)).toEqual([12345n]);
    expect(splitFenEvenly(0n, 2)).toEqual([0n, 0n]);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("rejects %s parts", (parts) => {
    expect(() => splitFenEvenly(100n, parts)).toThrow(RangeError);
  });

  it("rejects a negative total", () => {
    expect(() => splitFenEvenly(-1n, 2)).toThrow(RangeError);
  });

  it("sums to the total, largest first, parts at most one fen apart, same as equal weights (property)", () => {
    fc.assert(
      fc.property(nonNegativeFen, fc.integer({ min: 1, max: 50 }), (total, count) => {
        const parts = splitFenEvenly(total, count);
        expect(parts).toHaveLength(count);
        expect(sumFen(parts)).toBe(total);
        for (let index = 1; index < parts.length; index += 1) {
          expect((parts[index - 1] ?? 0n) >= (parts[index] ?? 0n)).toBe(true);
        }
        expect((parts[0] ?? 0n) - (parts[parts.length - 1] ?? 0n) <= 1n).toBe(true);
        expect(parts).toEqual(allocateFen(total, Array.from({ length: count }, () => 1n)));
      }),
    );
  });
});

describe("multiplyFen", () => {
  it("multiplies a price per 亩 by an area with four decimals, rounding half up to the fen", () => {
    // 105.50 yuan per 亩 × 12.3456 亩 = 1302.4608 yuan → 1302.46.
    expect(multiplyFen(10550n, "12.3456", "halfUp")).toBe(130246n);
    expect(multiplyFen(10000n, "12", "halfUp")).toBe(120000n);
    expect(multiplyFen(10000n, "0", "halfUp")).toBe(0n);
    expect(multiplyFen(0n, "12.5", "halfUp")).toBe(0n);
  });

  it("rounds exactly half a fen up and just under half down", () => {
    expect(multiplyFen(1n, "0.5", "halfUp")).toBe(1n);
    expect(multiplyFen(1n, "0.4999", "halfUp")).toBe(0n);
    expect(multiplyFen(3n, "0.5", "halfUp")).toBe(2n);
    expect(multiplyFen(1n, "2.5", "halfUp")).toBe(3n);
  });

  it("rounds a negative price's half fen away from zero, mirroring the positive one", () => {
    expect(multiplyFen(-1n, "0.5", "halfUp")).toBe(-1n);
    expect(multiplyFen(-1n, "0.4999", "halfUp")).toBe(0n);
  });

  it("accepts a result of exactly FEN_MAX and rejects one beyond as RANGE", () => {
    expect(multiplyFen(FEN_MAX, "1", "halfUp")).toBe(FEN_MAX);
    expect(multiplyReason(FEN_MAX, "1.0001")).toBe("RANGE");
    expect(multiplyReason(-FEN_MAX, "1.0001")).toBe("RANGE");
    expect(multiplyReason(1n, "1".repeat(14))).toBe("RANGE");
  });

  it.each([
    ["", "EMPTY"],
    ["-1", "NEGATIVE"],
    ["1.23456", "PRECISION"],
    ["1e2", "FORMAT"],
    [" 1", "FORMAT"],
    [".5", "FORMAT"],
    ["5.", "FORMAT"],
    ["１", "FORMAT"],
    ["1,000", "FORMAT"],
    ["+1", "FORMAT"],
    ["01", "FORMAT"],
  ])("rejects the quantity %j as %s", (quantity, reason) => {
    expect(multiplyReason(100n, quantity)).toBe(reason);
  });

  it("names the quantity, not the amount, in its messages", () => {
    expect(() => multiplyFen(100n, "1.23456", "halfUp")).toThrow(/^数量最多四位小数/);
  });

  it("rejects an unknown rounding mode", () => {
    expect(() => multiplyFen(100n, "1", "halfEven" as "halfUp")).toThrow(RangeError);
  });

  it("is exact for whole quantities and within half a fen otherwise (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -1_000_000_000n, max: 1_000_000_000n }),
        fc.bigInt({ min: 0n, max: 100_000n }),
        fc.stringMatching(/^[0-9]{0,4}$/),
        (price, whole, decimals) => {
          const quantity = decimals === "" ? whole.toString() : `${whole}.${decimals}`;
          const result = multiplyFen(price, quantity, "halfUp");
          const exactTimes10000 = price * BigInt(whole.toString() + decimals.padEnd(4, "0"));
          const error = result * 10000n - exactTimes10000;
          // |error| ≤ half a fen; exactly half only when rounding away from zero.
          expect(error <= 5000n && error >= -5000n).toBe(true);
          if (error === 5000n) expect(exactTimes10000 > 0n).toBe(true);
          if (error === -5000n) expect(exactTimes10000 < 0n).toBe(true);
          if (decimals.replaceAll("0", "") === "") {
            expect(result).toBe(price * whole);
          }
        },
      ),
    );
  });
});

describe("formatYuanText (the one money format a person reads)", () => {
  it("writes every API amount as formatYuan with thousands does (property)", () => {
    fc.assert(
      fc.property(amountFen, (fen) => {
        expect(formatYuanText(formatYuan(fen))).toBe(formatYuan(fen, { thousands: true }));
      }),
    );
  });

  it("pads one decimal, groups the boundary at a thousand, and leaves non-amounts alone", () => {
    expect(formatYuanText("999.9")).toBe("999.90");
    expect(formatYuanText("1000")).toBe("1,000.00");
    expect(formatYuanText("-0.00")).toBe("0.00");
    expect(formatYuanText("")).toBe("—");
    expect(formatYuanText(null)).toBe("—");
    expect(formatYuanText("不限")).toBe("不限");
    expect(formatYuanText("1.234")).toBe("1.234");
  });
});
