// Proves the performance rules exactly (DOMAIN.md §10, issue 14): completion of ≥, ≤ and = indicators
// at every boundary (target 0 included), execution points, weights that must total 100, the score
// rounded half up to 2 decimals and its grade at each bound, the monitoring colours at 60/80/120% and
// inverted for ≤ indicators, the target tree's checks; and, as properties, that a score always lies
// between 0 and 100, that more actual never lowers a ≥ indicator's points, and that fractions are exact.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatFraction, fraction, parseFraction } from "./decimal.ts";
import {
  checkGradeBounds,
  checkTargetTree,
  checkWeights,
  completionOf,
  expectedValue,
  gradeOf,
  monitoringColour,
  scorePerformance,
  type PerformanceDirection,
  type TargetIndicatorInput,
} from "./performance.ts";

const d = (s: string) => {
  const v = parseFraction(s);
  if (!v) throw new Error(`not a decimal ${s}`);
  return v;
};
const pct = (direction: PerformanceDirection, target: string, actual: string) => formatFraction(completionOf(direction, d(target), d(actual)), 4);
const score = (rate: string, indicators: { direction: string; target: string; actual: string; weight: string }[], executionWeight?: string) => {
  const outcome = scorePerformance({ executionRate: rate, executionWeight, indicators });
  if (!outcome.ok) throw new Error(outcome.problems.map((p) => p.message).join("; "));
  return outcome.result;
};

describe("completion", () => {
  it("≥: actual ÷ target, capped at 1, never below 0", () => {
    expect(pct(">=", "100", "95")).toBe("0.9500");
    expect(pct(">=", "100", "100")).toBe("1.0000");
    expect(pct(">=", "100", "100.01")).toBe("1.0000");
    expect(pct(">=", "100", "0")).toBe("0.0000");
    expect(pct(">=", "100", "-5")).toBe("0.0000");
    expect(pct(">=", "3", "1")).toBe("0.3333");
  });

  it("≥ with a target of 0 is met by any actual ≥ 0", () => {
    expect(pct(">=", "0", "0")).toBe("1.0000");
    expect(pct(">=", "0", "7")).toBe("1.0000");
    expect(pct(">=", "0", "-0.01")).toBe("0.0000");
  });

  it("≤: 1 up to the target, then loses the overrun's share of the target, down to 0", () => {
    expect(pct("<=", "100", "80")).toBe("1.0000");
    expect(pct("<=", "100", "100")).toBe("1.0000");
    expect(pct("<=", "100", "100.5")).toBe("0.9950");
    expect(pct("<=", "100", "150")).toBe("0.5000");
    expect(pct("<=", "100", "200")).toBe("0.0000");
    expect(pct("<=", "100", "250")).toBe("0.0000");
  });

  it("≤ with a target of 0: 1 when actual is 0, else 0", () => {
    expect(pct("<=", "0", "0")).toBe("1.0000");
    expect(pct("<=", "0", "0.01")).toBe("0.0000");
    expect(pct("<=", "0", "3")).toBe("0.0000");
    // "1 when actual is 0, else 0": exactly 0 however written, and nothing else, not even below 0.
    expect(pct("<=", "0", "0.000")).toBe("1.0000");
    expect(pct("<=", "0.00", "0")).toBe("1.0000");
    expect(pct("<=", "0", "-0.01")).toBe("0.0000");
    expect(pct("<=", "0", "-5")).toBe("0.0000");
  });

  it("≤ with a positive target: any actual up to it (below 0 too) is met; the overrun is measured from it", () => {
    expect(pct("<=", "0.01", "-5")).toBe("1.0000");
    expect(pct("<=", "0.01", "0.01")).toBe("1.0000");
    expect(pct("<=", "0.01", "0.02")).toBe("0.0000");
    expect(pct("<=", "3", "4")).toBe("0.6667");
  });

  it("=: 1 only when actual equals target, however written", () => {
    expect(pct("=", "100", "100")).toBe("1.0000");
    expect(pct("=", "100", "100.00")).toBe("1.0000");
    expect(pct("=", "100", "99.99")).toBe("0.0000");
    expect(pct("=", "100", "100.01")).toBe("0.0000");
    expect(pct("=", "0", "0")).toBe("1.0000");
  });
});

describe("score and grade", () => {
  const ind = (direction: string, target: string, actual: string, weight: string) => ({ direction, target, actual, weight });

  it("adds execution points and indicator points, rounded half up", () => {
    const r = score("0.92", [ind(">=", "100", "95", "50"), ind("<=", "10", "12", "30"), ind("=", "1", "1", "10")]);
    // 9.2 + 47.5 + 30 × 0.8 + 10 = 90.7
    expect(r).toMatchObject({ score: "90.70", grade: "优", executionPoints: "9.20" });
    expect(r.indicators).toEqual([
      { completion: "95.00", points: "47.50" },
      { completion: "80.00", points: "24.00" },
      { completion: "100.00", points: "10.00" },
    ]);
  });

  it("caps the execution rate at 1 and takes the default execution weight of 10", () => {
    expect(score("1.3", [ind(">=", "1", "1", "90")]).score).toBe("100.00");
    expect(score("0", [ind(">=", "1", "1", "90")]).score).toBe("90.00");
    expect(score("0.5", [ind(">=", "1", "0", "80")], "20").score).toBe("10.00");
  });

  it("sums exactly before rounding: three thirds of a point are one point", () => {
    // Each indicator: weight 30 × 1/3 completion... = 10 exactly; with 1/3 × 1 weights the rounding happens once.
    const r = score("0", [ind(">=", "3", "1", "1"), ind(">=", "3", "1", "1"), ind(">=", "3", "1", "1"), ind(">=", "1", "1", "87")]);
    expect(r.indicators[0]!.points).toBe("0.33");
    expect(r.score).toBe("88.00");
  });

  it("rounds the score half up at the third decimal", () => {
    // 10 × 0.99995 = 9.9995 → with 90 full points: 99.9995 → 100.00
    expect(score("0.99995", [ind(">=", "1", "1", "90")]).score).toBe("100.00");
    // 10 × 0.9994 = 9.994 → 99.994 → 99.99
    expect(score("0.9994", [ind(">=", "1", "1", "90")]).score).toBe("99.99");
    // 89.995 rounds to 90.00, which is 优
    expect(score("0.9995", [ind(">=", "1", "0.8888875", "90")]).score).toBe("89.99");
    expect(score("0.9995", [ind(">=", "1000000", "888889", "90")])).toMatchObject({ score: "90.00", grade: "优" });
  });

  it("grades at each bound: 90 优, 89.99 良, 80 良, 79.99 中, 60 中, 59.99 差", () => {
    const at = (s: string) => gradeOf(d(s));
    expect([at("100"), at("90"), at("89.99"), at("80"), at("79.99"), at("60"), at("59.99"), at("0")]).toEqual(["优", "优", "良", "良", "中", "中", "差", "差"]);
    expect(gradeOf(d("85"), { excellent: "85", good: "75", fair: "50" })).toBe("优");
    expect(gradeOf(d("49.99"), { excellent: "85", good: "75", fair: "50" })).toBe("差");
  });

  it("refuses weights not totalling 100, unknown directions and numbers that are not decimals", () => {
    const problems = (input: Parameters<typeof scorePerformance>[0]) => {
      const outcome = scorePerformance(input);
      return outcome.ok ? [] : outcome.problems.map((p) => p.path);
    };
    expect(problems({ executionRate: "0.92", indicators: [ind(">=", "100", "95", "50")] })).toEqual(["indicators"]);
    expect(problems({ executionRate: "0.92", indicators: [ind(">=", "100", "95", "90.01")] })).toEqual(["indicators"]);
    expect(problems({ executionRate: "0.92", indicators: [ind(">", "100", "95", "90")] })).toEqual(["indicators.0.direction"]);
    expect(problems({ executionRate: "92%", indicators: [ind(">=", "100", "95", "90")] })).toEqual(["executionRate"]);
    expect(problems({ executionRate: "0.92", indicators: [ind(">=", "1e2", "95", "90")] })).toEqual(["indicators.0.target"]);
    expect(problems({ executionRate: "0.92", indicators: [{ direction: ">=", target: "1", actual: 95, weight: "90" } as never] })).toEqual(["indicators.0.actual"]);
    expect(problems({ executionRate: "0.92", indicators: [ind(">=", "-1", "95", "90")] })).toEqual(["indicators.0.target"]);
    expect(problems({ executionRate: "-0.1", indicators: [ind(">=", "1", "1", "90")] })).toEqual(["executionRate"]);
    expect(problems({ executionRate: "0.5", executionWeight: "0", indicators: [ind(">=", "1", "1", "100")] })).toEqual([]);
  });

  const direction = fc.constantFrom<PerformanceDirection>(">=", "<=", "=");
  const decimal = (maxUnits: number) => fc.integer({ min: 0, max: maxUnits }).chain((units) => fc.integer({ min: 0, max: 2 }).map((places) => formatFraction(fraction(BigInt(units), 10n ** BigInt(places)), places)));
  /** Weights of 1-8 indicators in hundredths that, with the execution weight, total exactly 100. */
  const weights = fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.array(fc.integer({ min: 1, max: 1_000 }), { minLength: 1, maxLength: 8 })).map(([executionHundredths, parts]) => {
    const total = parts.reduce((a, b) => a + b, 0);
    const rest = 10_000 - executionHundredths;
    const shares = parts.map((p) => Math.floor((p * rest) / total));
    shares[0]! += rest - shares.reduce((a, b) => a + b, 0);
    return { execution: formatFraction(fraction(BigInt(executionHundredths), 100n)), indicators: shares.map((s) => formatFraction(fraction(BigInt(s), 100n))) };
  });

  it("always scores between 0 and 100 (property)", () => {
    fc.assert(
      fc.property(weights, fc.array(fc.tuple(direction, decimal(100_000), decimal(200_000)), { minLength: 8, maxLength: 8 }), decimal(300), (w, values, rate) => {
        const indicators = w.indicators.map((weight, i) => ({ direction: values[i]![0], target: values[i]![1], actual: values[i]![2], weight }));
        const outcome = scorePerformance({ executionRate: rate, executionWeight: w.execution, indicators });
        expect(outcome.ok).toBe(true);
        if (!outcome.ok) return;
        expect(outcome.exact.n >= 0n && outcome.exact.n <= 100n * outcome.exact.d).toBe(true);
        const s = d(outcome.result.score);
        expect(s.n >= 0n && s.n <= 100n * s.d).toBe(true);
      }),
    );
  });

  it("never lowers a ≥ indicator's points when the actual grows (property)", () => {
    fc.assert(
      fc.property(decimal(100_000), decimal(100_000), decimal(100_000), decimal(10_000), (target, actual, more, weight) => {
        const w = d(weight);
        const before = completionOf(">=", d(target), d(actual));
        const after = completionOf(">=", d(target), fraction(d(actual).n * d(more).d + d(more).n * d(actual).d, d(actual).d * d(more).d));
        expect(w.n * before.n * after.d <= w.n * after.n * before.d).toBe(true);
      }),
    );
  });

  /** A decimal of up to 2 places between −maxUnits and maxUnits hundredths (0 comes up often). */
  const signed = (maxUnits: number) => fc.oneof(fc.constant("0"), fc.integer({ min: -maxUnits, max: maxUnits }).map((units) => formatFraction(fraction(BigInt(units), 100n), 2)));
  const target = fc.oneof(fc.constant("0"), decimal(100_000));

  it("scores between 0 and 100 with negative actuals and targets of 0 too (property)", () => {
    fc.assert(
      fc.property(weights, fc.array(fc.tuple(direction, target, signed(200_000)), { minLength: 8, maxLength: 8 }), decimal(300), (w, values, rate) => {
        const indicators = w.indicators.map((weight, i) => ({ direction: values[i]![0], target: values[i]![1], actual: values[i]![2], weight }));
        const outcome = scorePerformance({ executionRate: rate, executionWeight: w.execution, indicators });
        expect(outcome.ok).toBe(true);
        if (!outcome.ok) return;
        expect(outcome.exact.n >= 0n && outcome.exact.n <= 100n * outcome.exact.d).toBe(true);
        for (const i of outcome.result.indicators) expect(Number(i.completion) >= 0 && Number(i.completion) <= 100).toBe(true);
      }),
    );
  });

  it("never lowers a ≥ indicator's completion when the actual grows, from below 0 and at a target of 0 (property)", () => {
    fc.assert(
      fc.property(target, signed(200_000), decimal(100_000), (t, actual, more) => {
        const before = completionOf(">=", d(t), d(actual));
        const after = completionOf(">=", d(t), fraction(d(actual).n * d(more).d + d(more).n * d(actual).d, d(actual).d * d(more).d));
        expect(before.n * after.d <= after.n * before.d).toBe(true);
      }),
    );
  });

  it("rounds the exact score half up to 2 decimals and grades the rounded score by the bounds (property)", () => {
    const bounds = fc.tuple(fc.integer({ min: 0, max: 9_997 }), fc.integer({ min: 1, max: 9_998 }), fc.integer({ min: 1, max: 9_999 })).filter(([f, g, e]) => f < g && g < e);
    fc.assert(
      fc.property(weights, fc.array(fc.tuple(direction, target, signed(200_000)), { minLength: 8, maxLength: 8 }), decimal(300), bounds, (w, values, rate, [f, g, e]) => {
        const hundredths = (n: number) => formatFraction(fraction(BigInt(n), 100n));
        const set = { excellent: hundredths(e), good: hundredths(g), fair: hundredths(f) };
        const indicators = w.indicators.map((weight, i) => ({ direction: values[i]![0], target: values[i]![1], actual: values[i]![2], weight }));
        const outcome = scorePerformance({ executionRate: rate, executionWeight: w.execution, indicators }, set);
        if (!outcome.ok) throw new Error("scorable");
        // |score − exact| ≤ 0.005, and a half (exactly 0.005 away) went up.
        const score = d(outcome.result.score);
        const gap = fraction(score.n * outcome.exact.d - outcome.exact.n * score.d, score.d * outcome.exact.d);
        expect(gap.n * 200n <= gap.d && gap.n * 200n > -gap.d).toBe(true);
        const cents = (score.n * 100n) / score.d;
        const expected = cents >= BigInt(e) ? "优" : cents >= BigInt(g) ? "良" : cents >= BigInt(f) ? "中" : "差";
        expect(outcome.result.grade).toBe(expected);
      }),
    );
  });

  it("never raises a ≤ indicator's points when the actual grows (property)", () => {
    fc.assert(
      fc.property(decimal(100_000), decimal(100_000), decimal(100_000), (target, actual, more) => {
        const before = completionOf("<=", d(target), d(actual));
        const after = completionOf("<=", d(target), fraction(d(actual).n * d(more).d + d(more).n * d(actual).d, d(actual).d * d(more).d));
        expect(after.n * before.d <= before.n * after.d).toBe(true);
      }),
    );
  });
});

describe("monitoring colours", () => {
  const colour = (direction: PerformanceDirection, target: string, accumulates: boolean, month: number, actual: string) => monitoringColour(direction, expectedValue(d(target), accumulates, month), d(actual)).colour;

  it("expects target × month ÷ 12 of an accumulating indicator, the target itself otherwise", () => {
    expect(formatFraction(expectedValue(d("120"), true, 6))).toBe("60.00");
    expect(formatFraction(expectedValue(d("100"), true, 1), 4)).toBe("8.3333");
    expect(formatFraction(expectedValue(d("95"), false, 3))).toBe("95.00");
    expect(() => expectedValue(d("1"), true, 13)).toThrow();
    expect(() => expectedValue(d("1"), true, 0)).toThrow();
  });

  it("is red below 60%, yellow to 80%, green to 120%, blue from 120% of expected", () => {
    // Expected 60 by June of a target of 120.
    expect(colour(">=", "120", true, 6, "35.99")).toBe("red");
    expect(colour(">=", "120", true, 6, "36")).toBe("yellow");
    expect(colour(">=", "120", true, 6, "47.99")).toBe("yellow");
    expect(colour(">=", "120", true, 6, "48")).toBe("green");
    expect(colour(">=", "120", true, 6, "71.99")).toBe("green");
    expect(colour(">=", "120", true, 6, "72")).toBe("blue");
    expect(colour("=", "100", false, 6, "100")).toBe("green");
  });

  it("inverts the ratio for ≤ indicators: less than expected is better", () => {
    // Expected 50 (cost cap 100 accumulating, June): ratio = 50 ÷ actual.
    expect(colour("<=", "100", true, 6, "41.66")).toBe("blue");
    expect(colour("<=", "100", true, 6, "41.67")).toBe("green");
    expect(colour("<=", "100", true, 6, "62.5")).toBe("green");
    expect(colour("<=", "100", true, 6, "62.51")).toBe("yellow");
    expect(colour("<=", "100", true, 6, "83.33")).toBe("yellow");
    expect(colour("<=", "100", true, 6, "83.34")).toBe("red");
    expect(colour("<=", "5", false, 6, "0")).toBe("blue");
    expect(colour("<=", "0", false, 6, "0")).toBe("green");
    expect(colour("<=", "0", false, 6, "1")).toBe("red");
  });

  it("handles an expected value of 0 for ≥ indicators", () => {
    expect(colour(">=", "0", false, 6, "0")).toBe("green");
    expect(colour(">=", "0", false, 6, "3")).toBe("blue");
    expect(colour(">=", "0", false, 6, "-1")).toBe("red");
  });
});

describe("target tree", () => {
  const tree = (overrides: Partial<TargetIndicatorInput>[] = []): TargetIndicatorInput[] => {
    const base: TargetIndicatorInput[] = [
      { level2: "quantity", name: "新建渠道长度", unit: "公里", direction: ">=", target: "12", weight: "30", accumulates: true },
      { level2: "cost", name: "单位造价", unit: "万元/公里", direction: "<=", target: "18.5", weight: "20", accumulates: false },
      { level2: "economic", name: "亩均增产", unit: "公斤", direction: ">=", target: "50", weight: "30", accumulates: false },
      { level2: "serviceRecipient", name: "受益农户满意度", unit: "%", direction: ">=", target: "90", weight: "10", accumulates: false },
    ];
    return base.map((b, i) => ({ ...b, ...overrides[i] }));
  };

  it("accepts a tree whose level-1 weights match the configured ones", () => {
    expect(checkTargetTree(tree())).toEqual([]);
    expect(checkTargetTree(tree([{ weight: "25" }, { weight: "15" }, { weight: "40" }, { weight: "10" }]), { execution: "10", output: "40", effect: "40", satisfaction: "10" })).toEqual([]);
  });

  it("refuses missing levels, wrong weights, bad numbers, unknown classes and duplicate names", () => {
    expect(checkTargetTree(tree([{ weight: "31" }]))[0]!.message).toContain("产出指标的权重合计为 51.00，应为 50.00");
    expect(checkTargetTree(tree().slice(0, 3)).map((p) => p.message)).toEqual(["缺少满意度指标（一级指标须齐全）"]);
    expect(checkTargetTree(tree([{ target: "-1" }]))[0]!.path).toBe("indicators.0.target");
    expect(checkTargetTree(tree([{ weight: "0" }]))[0]!.path).toBe("indicators.0.weight");
    expect(checkTargetTree(tree([{ level2: "nonsense" as never }]))[0]!.path).toBe("indicators.0.level2");
    expect(checkTargetTree(tree([{}, { name: "新建渠道长度" }]))[0]!.message).toContain("重复");
    expect(checkTargetTree([])[0]!.path).toBe("indicators");
  });

  it("checks configured weights and grade bounds", () => {
    expect(checkWeights({ execution: "10", output: "50", effect: "30", satisfaction: "10" })).toBeNull();
    expect(checkWeights({ execution: "10", output: "50", effect: "30", satisfaction: "11" })).toContain("101.00");
    expect(checkGradeBounds({ excellent: "90", good: "80", fair: "60" })).toBeNull();
    expect(checkGradeBounds({ excellent: "80", good: "80", fair: "60" })).not.toBeNull();
    expect(checkGradeBounds({ excellent: "101", good: "80", fair: "60" })).not.toBeNull();
  });
});
