// Proves the repayment-schedule rules of issue 12 exactly to the fen: every method and frequency,
// month-end due dates, rate 0, the refusals of bad terms, the check of an imported schedule, and, as
// properties over random terms, that principal sums to P, the balance ends at 0, no line is negative
// and interest is round-half-up of the balance before the period. The vectors were computed
// independently with exact fractions (Python's fractions.Fraction).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseDecimal, divideHalfUp } from "@xiangcai/shared";
import { addMonthsClamped, annuityPayment, checkImportedSchedule, dueDateOf, generateSchedule, isRealDate, periodRate, readTerms, scheduleJson, scheduleTotals, SCHEDULE_FREQUENCIES, SCHEDULE_METHODS, type ScheduleTerms } from "./schedule.ts";

function terms(principal: string, rate: string, start: string, periods: number, frequency: string, method: string): ScheduleTerms {
  const read = readTerms({ principal, rate, start, periods: String(periods), frequency, method });
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.terms;
}

const rows = (t: ScheduleTerms) => generateSchedule(t).map((l) => [l.period, l.dueDate, l.principalFen, l.interestFen, l.paymentFen, l.balanceFen]);

describe("due dates", () => {
  it("keep the day of the month, clamped to the month's last day", () => {
    expect([1, 2, 3, 4].map((k) => dueDateOf("2026-01-31", k, "monthly"))).toEqual(["2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31"]);
    expect(dueDateOf("2027-11-30", 3, "monthly")).toBe("2028-02-29");
    expect(dueDateOf("2026-08-31", 1, "quarterly")).toBe("2026-11-30");
    expect(dueDateOf("2026-08-31", 1, "semiannual")).toBe("2027-02-28");
    expect(dueDateOf("2028-02-29", 1, "annual")).toBe("2029-02-28");
    expect(dueDateOf("2028-02-29", 4, "annual")).toBe("2032-02-29");
    expect(addMonthsClamped("2026-12-15", 1)).toBe("2027-01-15");
  });

  it("know which dates exist", () => {
    expect(isRealDate("2028-02-29")).toBe(true);
    expect(isRealDate("2026-02-29")).toBe(false);
    expect(isRealDate("2026-04-31")).toBe(false);
    expect(isRealDate("2026-13-01")).toBe(false);
    expect(isRealDate("2026-1-01")).toBe(false);
  });
});

describe("bullet (按期付息、到期还本)", () => {
  it("pays round(P × i) each period and P at the end", () => {
    const lines = rows(terms("1000000", "3.25", "2026-01-31", 12, "monthly", "bullet"));
    expect(lines[0]).toEqual([1, "2026-02-28", 0n, 270833n, 270833n, 100000000n]);
    expect(lines[1]).toEqual([2, "2026-03-31", 0n, 270833n, 270833n, 100000000n]);
    expect(lines[11]).toEqual([12, "2027-01-31", 100000000n, 270833n, 100270833n, 0n]);
  });

  it("works annually with one period", () => {
    expect(rows(terms("500000.00", "2.8", "2026-06-15", 1, "annual", "bullet"))).toEqual([[1, "2027-06-15", 50000000n, 1400000n, 51400000n, 0n]]);
  });
});

describe("equalPrincipal (等额本金)", () => {
  it("pays round(P / n) and interest on the balance, quarterly", () => {
    expect(rows(terms("100000", "4.35", "2026-03-31", 8, "quarterly", "equalPrincipal"))).toEqual([
      [1, "2026-06-30", 1250000n, 108750n, 1358750n, 8750000n],
      [2, "2026-09-30", 1250000n, 95156n, 1345156n, 7500000n],
      [3, "2026-12-31", 1250000n, 81563n, 1331563n, 6250000n],
      [4, "2027-03-31", 1250000n, 67969n, 1317969n, 5000000n],
      [5, "2027-06-30", 1250000n, 54375n, 1304375n, 3750000n],
      [6, "2027-09-30", 1250000n, 40781n, 1290781n, 2500000n],
      [7, "2027-12-31", 1250000n, 27188n, 1277188n, 1250000n],
      [8, "2028-03-31", 1250000n, 13594n, 1263594n, 0n],
    ]);
  });

  it("lets the last period pay what rounding left", () => {
    const lines = generateSchedule(terms("100.00", "0", "2026-01-01", 3, "monthly", "equalPrincipal"));
    expect(lines.map((l) => l.principalFen)).toEqual([3333n, 3333n, 3334n]);
  });
});

describe("annuity (等额本息)", () => {
  it("matches the 30-year mortgage everyone knows: 1,000,000 at 4.9 % → 5,307.27 a month", () => {
    const t = terms("1000000", "4.9", "2026-01-20", 360, "monthly", "annuity");
    const lines = generateSchedule(t);
    expect(lines).toHaveLength(360);
    expect(lines[0]).toMatchObject({ principalFen: 122394n, interestFen: 408333n, paymentFen: 530727n, balanceFen: 99877606n });
    expect(lines[359]).toMatchObject({ period: 360, dueDate: "2056-01-20", principalFen: 528362n, interestFen: 2157n, paymentFen: 530519n, balanceFen: 0n });
    expect(scheduleTotals(lines).interestFen).toBe(91061512n);
  });

  it("pays A each period and the rest in the last, semiannually", () => {
    expect(rows(terms("10000", "3.6", "2026-05-31", 6, "semiannual", "annuity"))).toEqual([
      [1, "2026-11-30", 159323n, 18000n, 177323n, 840677n],
      [2, "2027-05-31", 162191n, 15132n, 177323n, 678486n],
      [3, "2027-11-30", 165110n, 12213n, 177323n, 513376n],
      [4, "2028-05-31", 168082n, 9241n, 177323n, 345294n],
      [5, "2028-11-30", 171108n, 6215n, 177323n, 174186n],
      [6, "2029-05-31", 174186n, 3135n, 177321n, 0n],
    ]);
  });

  it("with rate 0 pays round(P / n), no interest", () => {
    expect(rows(terms("1000", "0", "2026-01-01", 3, "annual", "annuity"))).toEqual([
      [1, "2027-01-01", 33333n, 0n, 33333n, 66667n],
      [2, "2028-01-01", 33333n, 0n, 33333n, 33334n],
      [3, "2029-01-01", 33334n, 0n, 33334n, 0n],
    ]);
    expect(annuityPayment(100000n, periodRate({ annualRatePercent: parseDecimal("0"), frequency: "annual" }), 3)).toBe(33333n);
  });
});

describe("bad terms", () => {
  it.each([
    [{ principal: "0" }, "principal", "本金须大于 0"],
    [{ principal: "-5" }, "principal", "金额不能为负数"],
    [{ principal: "1.234" }, "principal", "最多两位小数"],
    [{ principal: "abc" }, "principal", "金额格式不正确"],
    [{ rate: "-1" }, "rate", "年利率不能为负数"],
    [{ rate: "3.25001" }, "rate", "最多 4 位小数"],
    [{ rate: "10000" }, "rate", "超出范围"],
    [{ start: "2026-02-30" }, "start", "不是有效日期"],
    [{ start: "20260201" }, "start", "不是有效日期"],
    [{ periods: "0" }, "periods", "1-600"],
    [{ periods: "601" }, "periods", "1-600"],
    [{ periods: "1.5" }, "periods", "1-600"],
    [{ frequency: "weekly" }, "frequency", "还款频率"],
    [{ method: "balloon" }, "method", "还款方式"],
  ])("refuses %j with a message on %s", (change, field, message) => {
    const read = readTerms({ principal: "1000", rate: "3.25", start: "2026-01-31", periods: "12", frequency: "monthly", method: "annuity", ...change });
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.problems.map((p) => p.field)).toEqual([field]);
      expect(read.problems[0]!.message).toContain(message);
    }
  });

  it("accepts the boundaries: 1 and 600 periods, rate 0, one fen", () => {
    for (const periods of ["1", "600"]) expect(readTerms({ principal: "0.01", rate: "0", start: "2026-01-31", periods, frequency: "monthly", method: "bullet" }).ok).toBe(true);
  });
});

const anyTerms: fc.Arbitrary<ScheduleTerms> = fc
  .record({
    principalFen: fc.bigInt({ min: 1n, max: 100_000_000_000n }),
    rateUnits: fc.bigInt({ min: 0n, max: 200_000n }),
    rateScale: fc.integer({ min: 0, max: 4 }),
    year: fc.integer({ min: 2000, max: 2060 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    periods: fc.integer({ min: 1, max: 600 }),
    frequency: fc.constantFrom(...SCHEDULE_FREQUENCIES),
    method: fc.constantFrom(...SCHEDULE_METHODS),
  })
  .map((r) => {
    const day = Math.min(r.day, new Date(Date.UTC(r.year, r.month, 0)).getUTCDate());
    return {
      principalFen: r.principalFen,
      annualRatePercent: { units: r.rateUnits, scale: r.rateScale },
      startDate: `${r.year}-${String(r.month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
      periods: r.periods,
      frequency: r.frequency,
      method: r.method,
    };
  });

describe("properties of every schedule", () => {
  it("principal sums to P, the balance ends at 0, no line or balance is negative, dates rise", () => {
    fc.assert(
      fc.property(anyTerms, (t) => {
        const lines = generateSchedule(t);
        expect(lines).toHaveLength(t.periods);
        expect(scheduleTotals(lines).principalFen).toBe(t.principalFen);
        expect(lines[lines.length - 1]!.balanceFen).toBe(0n);
        let balance = t.principalFen;
        let previous = t.startDate;
        for (const l of lines) {
          expect(l.principalFen >= 0n && l.interestFen >= 0n && l.balanceFen >= 0n).toBe(true);
          expect(l.paymentFen).toBe(l.principalFen + l.interestFen);
          // Interest is round half up of the balance before the period times i.
          const rate = periodRate(t);
          expect(l.interestFen).toBe(divideHalfUp(balance * rate.numerator, rate.denominator));
          balance -= l.principalFen;
          expect(l.balanceFen).toBe(balance);
          expect(isRealDate(l.dueDate) && l.dueDate > previous).toBe(true);
          previous = l.dueDate;
        }
      }),
      { numRuns: 150 },
    );
  });

  it("an annuity's payments are all A except the last", () => {
    fc.assert(
      fc.property(anyTerms, (t0) => {
        const t = { ...t0, method: "annuity" as const, principalFen: t0.principalFen + 100_000n };
        const lines = generateSchedule(t);
        const a = annuityPayment(t.principalFen, periodRate(t), t.periods);
        for (const l of lines.slice(0, -1)) if (l.balanceFen > 0n) expect(l.paymentFen).toBe(a);
      }),
      { numRuns: 100 },
    );
  });

  it("prints the command-line contract's JSON", () => {
    const json = scheduleJson(generateSchedule(terms("1000", "3.25", "2026-01-31", 2, "monthly", "bullet")));
    expect(json).toEqual([
      { period: 1, dueDate: "2026-02-28", principal: "0.00", interest: "2.71", payment: "2.71", balance: "1000.00" },
      { period: 2, dueDate: "2026-03-31", principal: "1000.00", interest: "2.71", payment: "1002.71", balance: "0.00" },
    ]);
  });
});

describe("an imported schedule", () => {
  const line = (row: number, period: string, dueDate: string, principal: string, interest: string) => ({ row, period, dueDate, principal, interest });

  it("is accepted when periods run 1, 2 …, dates rise and principal sums to the debt", () => {
    const checked = checkImportedSchedule(100000n, [line(2, "1", "2026-06-30", "400.00", "12.50"), line(3, "2", "2026-12-31", "600", "7.50")]);
    expect(checked.ok && checked.lines.map((l) => l.balanceFen)).toEqual([60000n, 0n]);
  });

  it("names every bad row and returns no line", () => {
    const checked = checkImportedSchedule(100000n, [
      line(2, "1", "2026-06-31", "400", "x"),
      line(3, "3", "2026-05-01", "-1", "0"),
      line(4, "3", "2026-12-31", "0", "0"),
    ]);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.problems.map((p) => [p.row, p.field])).toEqual([
        [2, "dueDate"],
        [2, "interest"],
        [3, "period"],
        [3, "principal"],
        [4, "principal"],
      ]);
    }
  });

  it("refuses principal that does not add up to the debt, and an empty sheet", () => {
    const checked = checkImportedSchedule(100000n, [line(2, "1", "2026-06-30", "400", "0"), line(3, "2", "2026-12-31", "599.99", "0")]);
    expect(!checked.ok && checked.problems[0]!.message).toContain("与债务本金 1000.00 元不符（相差 0.01 元）");
    expect(checkImportedSchedule(100000n, []).ok).toBe(false);
  });
});
