// Proves that decimals are read and written exactly, that sums and products are exact, that every
// division and shortening rounds half up (away from zero on a half) and nowhere else, and that
// malformed input is refused with the right reason.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  DecimalError,
  addDecimal,
  compareDecimal,
  decimal,
  decimalBetween,
  decimalFromFen,
  decimalSign,
  decimalToFen,
  divideDecimal,
  divideHalfUp,
  formatDecimal,
  formatFraction,
  fraction as makeFraction,
  fractionAdd,
  fractionOfDecimal,
  multiplyDecimal,
  multiplyFenByDecimal,
  negateDecimal,
  normalizeDecimal,
  parseDecimal,
  parseFraction,
  percentOf,
  ratioOf,
  rationalToDecimal,
  roundDecimal,
  subtractDecimal,
  tryParseDecimal,
  type Decimal,
} from "./decimal.ts";

const anyDecimal: fc.Arbitrary<Decimal> = fc.record({ units: fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }), scale: fc.integer({ min: 0, max: 12 }) });
const nonZero = anyDecimal.filter((d) => d.units !== 0n);

/** The exact value as a fraction n / d, for checking roundings against. */
const fraction = (d: Decimal) => ({ n: d.units, d: 10n ** BigInt(d.scale) });

describe("parseDecimal", () => {
  it.each([
    ["3.25", 325n, 2],
    ["3.2500", 32500n, 4],
    ["0", 0n, 0],
    ["0.0001", 1n, 4],
    ["120", 120n, 0],
  ])("reads %s exactly", (text, units, scale) => {
    expect(parseDecimal(text)).toEqual({ units, scale });
  });

  it.each([
    ["", "EMPTY"],
    [" 1", "FORMAT"],
    ["1e3", "FORMAT"],
    ["+1", "FORMAT"],
    [".5", "FORMAT"],
    ["5.", "FORMAT"],
    ["01", "FORMAT"],
    ["1,000", "FORMAT"],
    ["３.２", "FORMAT"],
    ["NaN", "FORMAT"],
    ["-1", "NEGATIVE"],
    ["1".repeat(31), "RANGE"],
  ])("refuses %j as %s", (text, reason) => {
    const result = tryParseDecimal(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe(reason);
  });

  it("holds to the number of decimals asked, and says which number in Chinese", () => {
    expect(tryParseDecimal("3.2500", { maxDecimals: 4 }).ok).toBe(true);
    const result = tryParseDecimal("3.25001", { maxDecimals: 4, label: "年利率" });
    expect(result).toEqual({ ok: false, reason: "PRECISION", message: "年利率最多 4 位小数：“3.25001”" });
    expect(() => parseDecimal("abc", { label: "利率" })).toThrow(DecimalError);
  });

  it("accepts a negative sign only when allowed", () => {
    expect(parseDecimal("-0.5", { allowNegative: true })).toEqual({ units: -5n, scale: 1 });
  });

  it("round-trips through formatDecimal", () => {
    fc.assert(
      fc.property(anyDecimal, (d) => {
        expect(parseDecimal(formatDecimal(d), { allowNegative: true })).toEqual(d);
      }),
    );
  });
});

describe("formatDecimal", () => {
  it("writes the scale it has, or rounds half up to the places asked", () => {
    expect(formatDecimal(decimal(5n, 3))).toBe("0.005");
    expect(formatDecimal(decimal(-5n, 3))).toBe("-0.005");
    expect(formatDecimal(decimal(12345n, 2), 1)).toBe("123.5");
    expect(formatDecimal(decimal(-12345n, 2), 1)).toBe("-123.5");
    expect(formatDecimal(decimal(12n, 0), 2)).toBe("12.00");
    expect(formatDecimal(decimalFromFen(123450n))).toBe("1234.50");
  });
});

describe("rounding half up", () => {
  it.each([
    [5n, 10n, 1n],
    [4n, 10n, 0n],
    [15n, 10n, 2n],
    [-5n, 10n, -1n],
    [-15n, 10n, -2n],
    [-14n, 10n, -1n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
    [7n, -2n, -4n],
  ])("%s / %s rounds to %s", (n, d, q) => {
    expect(divideHalfUp(n, d)).toBe(q);
  });

  it("refuses division by zero", () => {
    expect(() => divideHalfUp(1n, 0n)).toThrow(RangeError);
    expect(() => divideDecimal(decimal(1n), decimal(0n, 2), 2)).toThrow(RangeError);
    expect(() => percentOf(1n, 0n, 2)).toThrow(RangeError);
  });

  it("is never more than half a unit away, and a half goes away from zero", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 15n }), fc.boolean(), (n, d0, flip) => {
        const d = flip ? -d0 : d0;
        const q = divideHalfUp(n, d);
        // |n/d − q| ≤ 1/2  ⇔  |n − q·d| · 2 ≤ |d|
        const error = n - q * d;
        const abs = (x: bigint) => (x < 0n ? -x : x);
        expect(2n * abs(error) <= abs(d)).toBe(true);
        if (2n * abs(error) === abs(d)) expect(abs(q) * abs(d) > abs(n)).toBe(true);
      }),
    );
  });

  it("roundDecimal keeps shorter values and is idempotent", () => {
    expect(roundDecimal(decimal(125n, 2), 1)).toEqual(decimal(13n, 1));
    expect(roundDecimal(decimal(-125n, 2), 1)).toEqual(decimal(-13n, 1));
    expect(roundDecimal(decimal(125n, 2), 4)).toEqual(decimal(12500n, 4));
    fc.assert(
      fc.property(anyDecimal, fc.integer({ min: 0, max: 12 }), (d, places) => {
        const once = roundDecimal(d, places);
        expect(roundDecimal(once, places)).toEqual(once);
        expect(once.scale).toBe(Math.max(places, 0));
      }),
    );
  });
});

describe("arithmetic", () => {
  it("adds and subtracts exactly, commutatively", () => {
    fc.assert(
      fc.property(anyDecimal, anyDecimal, anyDecimal, (a, b, c) => {
        expect(compareDecimal(addDecimal(a, b), addDecimal(b, a))).toBe(0);
        expect(compareDecimal(addDecimal(addDecimal(a, b), c), addDecimal(a, addDecimal(b, c)))).toBe(0);
        expect(compareDecimal(subtractDecimal(addDecimal(a, b), b), a)).toBe(0);
      }),
    );
    expect(formatDecimal(addDecimal(parseDecimal("0.1"), parseDecimal("0.2")))).toBe("0.3");
  });

  it("multiplies exactly", () => {
    expect(formatDecimal(multiplyDecimal(parseDecimal("1.5"), parseDecimal("0.25")))).toBe("0.375");
    fc.assert(
      fc.property(anyDecimal, anyDecimal, (a, b) => {
        const p = multiplyDecimal(a, b);
        const fa = fraction(a);
        const fb = fraction(b);
        expect(p.units * fa.d * fb.d).toBe(fa.n * fb.n * 10n ** BigInt(p.scale));
      }),
    );
  });

  it("divides to the places asked, half up", () => {
    expect(formatDecimal(divideDecimal(parseDecimal("1"), parseDecimal("3"), 4))).toBe("0.3333");
    expect(formatDecimal(divideDecimal(parseDecimal("2"), parseDecimal("3"), 4))).toBe("0.6667");
    expect(formatDecimal(divideDecimal(parseDecimal("-2", { allowNegative: true }), parseDecimal("3"), 2))).toBe("-0.67");
    expect(formatDecimal(divideDecimal(parseDecimal("3.25"), parseDecimal("1200"), 10))).toBe("0.0027083333");
    fc.assert(
      fc.property(anyDecimal, nonZero, fc.integer({ min: 0, max: 10 }), (a, b, places) => {
        const q = divideDecimal(a, b, places);
        // q·b is within half a unit of q times b of a.
        const back = multiplyDecimal(q, b);
        const diff = subtractDecimal(back, a);
        const bound = multiplyDecimal(decimal(5n, places + 1), decimal(b.units < 0n ? -b.units : b.units, b.scale));
        expect(compareDecimal(diff.units < 0n ? negateDecimal(diff) : diff, bound) <= 0).toBe(true);
      }),
    );
  });

  it("compares by value whatever the scale", () => {
    expect(compareDecimal(parseDecimal("1.50"), parseDecimal("1.5"))).toBe(0);
    expect(compareDecimal(parseDecimal("1.49"), parseDecimal("1.5"))).toBe(-1);
    expect(compareDecimal(parseDecimal("-1", { allowNegative: true }), parseDecimal("0"))).toBe(-1);
    fc.assert(
      fc.property(anyDecimal, anyDecimal, (a, b) => {
        expect(compareDecimal(a, b)).toBe(decimalSign(subtractDecimal(a, b)));
        expect(compareDecimal(a, b)).toBe(-compareDecimal(b, a) as -1 | 0 | 1);
      }),
    );
  });

  it("normalizes trailing zeros without changing the value", () => {
    expect(normalizeDecimal(parseDecimal("3.2500"))).toEqual(parseDecimal("3.25"));
    expect(normalizeDecimal(parseDecimal("2.00"))).toEqual(parseDecimal("2"));
    fc.assert(
      fc.property(anyDecimal, (d) => {
        expect(compareDecimal(normalizeDecimal(d), d)).toBe(0);
      }),
    );
  });

  it("checks bounds inclusively", () => {
    const v = parseDecimal("120");
    expect(decimalBetween(v, parseDecimal("120"), parseDecimal("200"))).toBe(true);
    expect(decimalBetween(v, parseDecimal("120.01"))).toBe(false);
    expect(decimalBetween(v, undefined, parseDecimal("119.99"))).toBe(false);
    expect(decimalBetween(v)).toBe(true);
  });

  it("refuses a scale beyond the maximum", () => {
    expect(() => decimal(1n, 41)).toThrow(RangeError);
    expect(() => multiplyDecimal(decimal(1n, 30), decimal(1n, 30))).toThrow(RangeError);
  });
});

describe("ratios and percentages", () => {
  it("gives the debt-ratio percentage to two places, half up", () => {
    expect(formatDecimal(percentOf(150_000_000n, 100_000_000n, 2))).toBe("150.00");
    expect(formatDecimal(percentOf(1n, 3n, 2))).toBe("33.33");
    expect(formatDecimal(percentOf(2n, 3n, 2))).toBe("66.67");
    expect(formatDecimal(percentOf(1n, 8n, 2))).toBe("12.50");
    expect(formatDecimal(percentOf(1n, 800n, 2))).toBe("0.13");
    expect(formatDecimal(ratioOf(1n, 4n, 2))).toBe("0.25");
    expect(formatDecimal(rationalToDecimal(-1n, 8n, 2))).toBe("-0.13");
  });

  it("a percentage is a hundred times the ratio, to the same rounding", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 17n }), fc.bigInt({ min: 1n, max: 10n ** 17n }), (n, d) => {
        expect(percentOf(n, d, 2)).toEqual(ratioOf(n * 100n, d, 2));
      }),
    );
  });
});

describe("fen", () => {
  it("multiplies an amount by a rate to the fen, half up", () => {
    // 1,000,000.00 yuan × 3.25% / 12 months is 2708.333… yuan → 2708.33.
    const monthly = divideDecimal(parseDecimal("0.0325"), parseDecimal("12"), 20);
    expect(multiplyFenByDecimal(100_000_000n, monthly)).toBe(270833n);
    expect(multiplyFenByDecimal(1n, parseDecimal("0.5"))).toBe(1n);
    expect(multiplyFenByDecimal(-1n, parseDecimal("0.5"))).toBe(-1n);
    expect(multiplyFenByDecimal(1n, parseDecimal("0.49"))).toBe(0n);
  });

  it("goes from yuan decimals to fen and back", () => {
    expect(decimalToFen(parseDecimal("12.345"))).toBe(1235n);
    expect(decimalToFen(parseDecimal("12.344"))).toBe(1234n);
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (fen) => {
        expect(decimalToFen(decimalFromFen(fen))).toBe(fen);
      }),
    );
  });
});

// Exact fractions (performance scoring divides actual by target and adds the parts before rounding once).
describe("fractions", () => {
  const d = (text: string) => parseFraction(text);
  it("reads decimal strings exactly and refuses anything else", () => {
    expect(fractionOfDecimal(parseDecimal("3.250"))).toEqual({ n: 13n, d: 4n });
    expect(fractionAdd(makeFraction(1n, 3n), makeFraction(1n, 6n))).toEqual({ n: 1n, d: 2n });
    expect(d("0.92")).toEqual({ n: 23n, d: 25n });
    expect(d("-3.50")).toEqual({ n: -7n, d: 2n });
    expect(d("100")).toEqual({ n: 100n, d: 1n });
    for (const bad of ["", " 1", "1 ", "+1", "1e3", ".5", "5.", "01", "１２", "1,000", "NaN", "0x10", "1.2.3", "9".repeat(31)]) expect(parseFraction(bad), bad).toBeNull();
  });

  it("rounds half up to 2 decimals", () => {
    expect(formatFraction(makeFraction(12345n, 1000n))).toBe("12.35");
    expect(formatFraction(makeFraction(12344n, 1000n))).toBe("12.34");
    expect(formatFraction(makeFraction(1n, 3n))).toBe("0.33");
    expect(formatFraction(makeFraction(2n, 3n))).toBe("0.67");
    expect(formatFraction(makeFraction(-12345n, 1000n))).toBe("-12.35");
    expect(formatFraction(makeFraction(-1n, 1000n))).toBe("0.00");
    expect(formatFraction(makeFraction(100n))).toBe("100.00");
  });

  it("keeps fractions exact: a/b × b/a is 1 and thirds add up to 1", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), (a, b) => {
        const x = makeFraction(a, b);
        const y = makeFraction(b, a);
        expect(formatFraction({ n: x.n * y.n, d: x.d * y.d }, 10)).toBe("1.0000000000");
      }),
    );
    const third = makeFraction(1n, 3n);
    expect(formatFraction(makeFraction(third.n * 3n, third.d), 20)).toBe(`1.${"0".repeat(20)}`);
  });
});

