// Proves the pure debt rules: what each kind must carry (credit code checked), a line's state from
// paid repayments, balances and overdue at a date, the ratio colours at and around each threshold,
// the maturity profile, and that the monthly report always passes its own balance identity and adds
// up across townships (properties over random debts).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatYuan, parseDecimal, parseYuan } from "@xiangcai/shared";
import { balanceAt, checkDebtInput, checkMonthly, consolidateMonthly, DEFAULT_THRESHOLDS, liabilityAccountOf, lineState, maturityProfile, monthlyContent, overdueOf, parseThresholds, ratioColour, ratioPercent, type DebtFacts } from "./rules.ts";

const thresholds = parseThresholds(DEFAULT_THRESHOLDS);
const VALID_CODE = "91350100M000100Y43";

describe("a debt's input by kind", () => {
  const base = { startDate: "2026-01-15", isHidden: false, hasResolutionPlan: false };
  it("accepts a complete bond, loan and arrears", () => {
    expect(checkDebtInput({ ...base, kind: "bond", bondType: "general", bondPurpose: "new" })).toEqual([]);
    expect(checkDebtInput({ ...base, kind: "loan" })).toEqual([]);
    expect(checkDebtInput({ ...base, kind: "arrears", creditorCreditCode: VALID_CODE, dueDate: "2026-01-15" })).toEqual([]);
    expect(checkDebtInput({ ...base, kind: "other", isHidden: true, hasResolutionPlan: true })).toEqual([]);
  });

  it("refuses what a kind lacks or must not have", () => {
    const paths = (input: Parameters<typeof checkDebtInput>[0]) => checkDebtInput(input).map((e) => e.path);
    expect(paths({ ...base, kind: "bond" })).toEqual(["bondType", "bondPurpose"]);
    expect(paths({ ...base, kind: "bond", bondType: "special", bondPurpose: "refinancing", isHidden: true })).toEqual(["isHidden"]);
    expect(paths({ ...base, kind: "loan", bondType: "general" })).toEqual(["bondType"]);
    expect(paths({ ...base, kind: "arrears", dueDate: "2026-03-01" })).toEqual(["creditorCreditCode"]);
    expect(paths({ ...base, kind: "arrears", creditorCreditCode: "91350100M000100Y44", dueDate: "2026-03-01" })).toEqual(["creditorCreditCode"]);
    expect(paths({ ...base, kind: "arrears", creditorCreditCode: VALID_CODE, dueDate: "2026-01-14" })).toEqual(["dueDate"]);
    expect(paths({ ...base, kind: "arrears", creditorCreditCode: VALID_CODE })).toEqual(["dueDate"]);
    expect(paths({ ...base, kind: "loan", hasResolutionPlan: true })).toEqual(["resolutionPlan"]);
    expect(paths({ ...base, kind: "loan", startDate: "2026-02-30" })).toEqual(["startDate"]);
  });

  it("relieves the right liability", () => {
    expect(["bond", "loan", "arrears", "other"].map((k) => liabilityAccountOf(k as "bond"))).toEqual(["2502", "2501", "2302", "2307"]);
  });
});

describe("ratio colours", () => {
  it.each([
    ["119.99", "green"],
    ["120.00", "yellow"],
    ["199.99", "yellow"],
    ["200", "orange"],
    ["299.99", "orange"],
    ["300.00", "red"],
    ["0", "green"],
  ])("%s %% is %s", (ratio, colour) => {
    expect(ratioColour(parseDecimal(ratio), thresholds)).toBe(colour);
  });

  it("follows the setting, which must rise", () => {
    const strict = parseThresholds({ yellow: "100", orange: "150", red: "250.5" });
    expect(ratioColour(parseDecimal("100"), strict)).toBe("yellow");
    expect(ratioColour(parseDecimal("250.49"), strict)).toBe("orange");
    expect(() => parseThresholds({ yellow: "200", orange: "150", red: "300" })).toThrow("黄 < 橙 < 红");
    expect(() => parseThresholds({ yellow: "1.234", orange: "150", red: "300" })).toThrow();
    expect(() => parseThresholds({ yellow: "100" })).toThrow();
  });

  it("has no ratio without capacity", () => {
    expect(ratioPercent(100n, 0n)).toBeNull();
    expect(ratioColour(null, thresholds)).toBeNull();
    expect(ratioPercent(1_500_000_00n, 1_000_000_00n)).toEqual(parseDecimal("150.00"));
  });
});

const loan: DebtFacts = {
  kind: "loan",
  isHidden: false,
  principalFen: 300_000_00n,
  startDate: "2026-01-10",
  lines: [
    { period: 1, dueDate: "2026-04-10", principalFen: 100_000_00n, interestFen: 3_000_00n },
    { period: 2, dueDate: "2026-07-10", principalFen: 100_000_00n, interestFen: 2_000_00n },
    { period: 3, dueDate: "2026-10-10", principalFen: 100_000_00n, interestFen: 1_000_00n },
  ],
  repayments: [
    { period: 1, principalFen: 100_000_00n, interestFen: 3_000_00n, state: "paid", paidDate: "2026-04-09" },
    { period: 2, principalFen: 40_000_00n, interestFen: 2_000_00n, state: "paid", paidDate: "2026-07-10" },
    { period: 2, principalFen: 60_000_00n, interestFen: 0n, state: "void", paidDate: null },
    { period: 3, principalFen: 100_000_00n, interestFen: 1_000_00n, state: "pending", paidDate: null },
  ],
};

describe("line states, balances and overdue", () => {
  it("reads each line at a date", () => {
    expect(lineState(loan.lines[0]!, loan.repayments, "2026-08-01").status).toBe("paid");
    expect(lineState(loan.lines[1]!, loan.repayments, "2026-07-10")).toMatchObject({ status: "due", remainingFen: 60_000_00n });
    expect(lineState(loan.lines[1]!, loan.repayments, "2026-07-11")).toMatchObject({ status: "overdue", remainingFen: 60_000_00n });
    expect(lineState(loan.lines[1]!, loan.repayments, "2026-06-01").status).toBe("partlyPaid");
    expect(lineState(loan.lines[2]!, loan.repayments, "2026-08-01")).toMatchObject({ status: "future", pendingFen: 101_000_00n });
  });

  it("keeps the balance at the principal less what the bank paid by that day", () => {
    expect(balanceAt(loan, "2026-01-09")).toBe(0n);
    expect(balanceAt(loan, "2026-01-10")).toBe(300_000_00n);
    expect(balanceAt(loan, "2026-04-09")).toBe(200_000_00n);
    expect(balanceAt(loan, "2026-12-31")).toBe(160_000_00n);
  });

  it("counts overdue only after the due day", () => {
    expect(overdueOf(loan, "2026-07-10").lines).toBe(0);
    expect(overdueOf(loan, "2026-07-11")).toEqual({ lines: 1, principalFen: 60_000_00n, interestFen: 0n });
    expect(overdueOf(loan, "2026-10-11")).toEqual({ lines: 2, principalFen: 160_000_00n, interestFen: 1_000_00n });
  });

  it("buckets what is unpaid by maturity", () => {
    const profile = maturityProfile([loan], "2026-08-01");
    expect(profile.overdue).toEqual({ principalFen: 60_000_00n, interestFen: 0n });
    expect(profile.y0).toEqual({ principalFen: 100_000_00n, interestFen: 1_000_00n });
    expect(profile.y1.principalFen).toBe(0n);
  });
});

const facts: fc.Arbitrary<DebtFacts> = fc
  .record({
    kind: fc.constantFrom("bond" as const, "loan" as const, "arrears" as const, "other" as const),
    isHidden: fc.boolean(),
    principalFen: fc.bigInt({ min: 1n, max: 10_000_000_00n }),
    startDay: fc.integer({ min: 1, max: 360 }),
    paid: fc.array(fc.record({ share: fc.integer({ min: 0, max: 100 }), day: fc.integer({ min: 1, max: 400 }), state: fc.constantFrom("paid" as const, "pending" as const, "void" as const) }), { maxLength: 4 }),
  })
  .map((r) => {
    const date = (n: number) => new Date(Date.UTC(2026, 0, n)).toISOString().slice(0, 10);
    let left = r.principalFen;
    const repayments = r.paid.map((p) => {
      const principalFen = (left * BigInt(p.share)) / 100n;
      if (p.state === "paid") left -= principalFen;
      return { period: 1, principalFen, interestFen: 0n, state: p.state, paidDate: p.state === "paid" ? date(Math.max(p.day, r.startDay)) : null };
    });
    return { kind: r.kind, isHidden: r.kind === "bond" ? false : r.isHidden, principalFen: r.principalFen, startDate: date(r.startDay), lines: [{ period: 1, dueDate: date(r.startDay + 200), principalFen: r.principalFen, interestFen: 0n }], repayments };
  });

describe("the monthly report", () => {
  const month = (m: string) => ({ month: m, firstDate: `${m}-01`, lastDate: `${m}-${new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).getUTCDate()}`, capacityFen: 50_000_000_00n, thresholds });

  it("passes its own balance identity for any debts and month, and adds up across townships", () => {
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 6 }), fc.array(facts, { maxLength: 6 }), fc.integer({ min: 1, max: 12 }), (a, b, m) => {
        const input = month(`2026-${String(m).padStart(2, "0")}`);
        const ca = monthlyContent(a, input);
        const cb = monthlyContent(b, input);
        expect(checkMonthly(ca).filter((p) => p.level === "error")).toEqual([]);
        const total = consolidateMonthly([ca, cb], thresholds);
        expect(checkMonthly(total).filter((p) => p.level === "error")).toEqual([]);
        expect(parseYuan(total.closing.total)).toBe(parseYuan(ca.closing.total) + parseYuan(cb.closing.total));
        expect(total.capacity).toBe(formatYuan(100_000_000_00n));
      }),
      { numRuns: 100 },
    );
  });

  it("reports the month's movements, overdue and ratio", () => {
    const c = monthlyContent([loan], month("2026-07"));
    expect(c.opening.loan).toBe("200000.00");
    expect(c.repaidPrincipal.loan).toBe("40000.00");
    expect(c.closing).toMatchObject({ loan: "160000.00", total: "160000.00" });
    expect(c.repaidInterest).toBe("2000.00");
    expect(c.overdue).toEqual({ lines: 1, principal: "60000.00", interest: "0.00" });
    expect(c.debtRatio).toBe("0.32");
    expect(c.colour).toBe("green");
    expect(c.debtService).toBe("306000.00");
    expect(checkMonthly(c).map((p) => p.code)).toEqual(["OVERDUE"]);
    const drawn = monthlyContent([loan], month("2026-01"));
    expect(drawn.newDebt.loan).toBe("300000.00");
    expect(drawn.opening.loan).toBe("0.00");
  });

  it("flags a broken identity and a missing capacity", () => {
    const c = monthlyContent([loan], { ...month("2026-07"), capacityFen: 0n });
    expect(checkMonthly(c).map((p) => p.code)).toEqual(["OVERDUE", "NO_CAPACITY"]);
    const broken = { ...c, closing: { ...c.closing, loan: "1.00" } };
    expect(checkMonthly(broken).map((p) => p.code)).toContain("BALANCE_IDENTITY");
  });
});
