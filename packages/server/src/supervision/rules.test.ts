// Proves the pure core of supervision on plain values: split-payment clusters (with properties over
// random payments), the December share, a period paid after a death, calendar months back, and the
// decision that keeps one alert per case (new, more evidence, already handled, suppressed).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays, dayNumber, decide, isYearEndSurge, monthsBefore, paidAfterDeath, periodStart, ruleCodes, rules, shareText, splitPaymentClusters, type KnownAlert } from "./rules.ts";

describe("the rule catalogue", () => {
  it("gives every rule a code, a Chinese name, a stage and an explanation", () => {
    expect(ruleCodes).toHaveLength(10);
    for (const code of ruleCodes) {
      expect(rules[code].code).toBe(code);
      expect(rules[code].name).toMatch(/\p{Script=Han}/u);
      expect(["before", "during", "after"]).toContain(rules[code].stage);
      expect(rules[code].explanation.length).toBeGreaterThan(20);
    }
  });
});

describe("splitPaymentClusters", () => {
  const day = (d: string) => dayNumber(d);
  it("joins payments below the threshold that reach it within the window, at exactly the window and the threshold", () => {
    const clusters = splitPaymentClusters([{ id: "a", day: day("2026-03-01"), amountFen: 3_000_000n }, { id: "b", day: day("2026-03-31"), amountFen: 2_000_000n }], 30, 5_000_000n);
    expect(clusters).toEqual([["a", "b"]]);
  });

  it("leaves payments one day outside the window, one fen short, alone, or at the threshold", () => {
    expect(splitPaymentClusters([{ id: "a", day: day("2026-03-01"), amountFen: 3_000_000n }, { id: "b", day: day("2026-04-01"), amountFen: 2_000_000n }], 30, 5_000_000n)).toEqual([]);
    expect(splitPaymentClusters([{ id: "a", day: 0, amountFen: 3_000_000n }, { id: "b", day: 1, amountFen: 1_999_999n }], 30, 5_000_000n)).toEqual([]);
    expect(splitPaymentClusters([{ id: "a", day: 0, amountFen: 4_999_999n }], 30, 5_000_000n)).toEqual([]);
    expect(splitPaymentClusters([{ id: "a", day: 0, amountFen: 5_000_000n }, { id: "b", day: 1, amountFen: 1n }], 30, 5_000_000n)).toEqual([]);
  });

  it("makes one case of overlapping windows and two of windows far apart", () => {
    const payments = [
      { id: "a", day: 0, amountFen: 30n },
      { id: "b", day: 20, amountFen: 30n },
      { id: "c", day: 40, amountFen: 30n },
      { id: "d", day: 200, amountFen: 30n },
      { id: "e", day: 201, amountFen: 30n },
    ];
    expect(splitPaymentClusters(payments, 30, 50n)).toEqual([["a", "b", "c"], ["d", "e"]]);
  });

  const paymentsArb = fc.array(fc.record({ id: fc.uuid(), day: fc.integer({ min: 0, max: 400 }), amountFen: fc.bigInt({ min: 1n, max: 100n }) }), { maxLength: 30 });
  it("property: every qualifying window lies inside one cluster, and every cluster holds one", () => {
    fc.assert(
      fc.property(paymentsArb, fc.integer({ min: 1, max: 60 }), fc.bigInt({ min: 2n, max: 200n }), (raw, window, threshold) => {
        const payments = [...new Map(raw.map((p) => [p.id, p])).values()];
        const clusters = splitPaymentClusters(payments, window, threshold);
        const below = payments.filter((p) => p.amountFen < threshold);
        const clusterOf = new Map(clusters.flatMap((c, i) => c.map((id) => [id, i] as const)));
        // No payment at or above the threshold is ever part of a case, and no payment is in two.
        expect(clusters.flat().length).toBe(clusterOf.size);
        for (const id of clusterOf.keys()) expect(below.some((p) => p.id === id)).toBe(true);
        for (const start of below) {
          const inWindow = below.filter((p) => p.day >= start.day && p.day - start.day <= window);
          const total = inWindow.reduce((s, p) => s + p.amountFen, 0n);
          if (inWindow.length >= 2 && total >= threshold) {
            const home = new Set(inWindow.map((p) => clusterOf.get(p.id)));
            expect(home.size).toBe(1);
            expect(home.has(undefined)).toBe(false);
          }
        }
        for (const c of clusters) {
          const members = below.filter((p) => c.includes(p.id));
          const qualifies = members.some((s) => {
            const w = below.filter((p) => p.day >= s.day && p.day - s.day <= window);
            return w.length >= 2 && w.reduce((a, p) => a + p.amountFen, 0n) >= threshold;
          });
          expect(qualifies).toBe(true);
        }
      }),
    );
  });
});

describe("year-end surge", () => {
  it("is above the share only strictly: exactly 30% is not a surge, one fen more is", () => {
    expect(isYearEndSurge(3_000_000n, 10_000_000n, 30)).toBe(false);
    expect(isYearEndSurge(3_000_001n, 10_000_001n, 30)).toBe(true);
    expect(isYearEndSurge(0n, 0n, 30)).toBe(false);
    expect(shareText(1n, 3n)).toBe("33.3");
  });
});

describe("dates", () => {
  it("counts calendar months back, ending on a short month's last day", () => {
    expect(monthsBefore("2026-09-30", 6)).toBe("2026-03-30");
    expect(monthsBefore("2026-08-31", 6)).toBe("2026-02-28");
    expect(monthsBefore("2026-03-15", 6)).toBe("2025-09-15");
    expect(monthsBefore("2024-08-31", 6)).toBe("2024-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("reads a subsidy period's first day, and refuses what is not a period", () => {
    expect(periodStart("2026")).toBe("2026-01-01");
    expect(periodStart("2026-03")).toBe("2026-03-01");
    expect(() => periodStart("2026-13")).toThrow(RangeError);
  });

  it("pays after death only for a period beginning after the date of death", () => {
    expect(paidAfterDeath("2025-12-31", "2026")).toBe(true);
    expect(paidAfterDeath("2026-01-01", "2026")).toBe(false);
    expect(paidAfterDeath("2026-02-15", "2026-03")).toBe(true);
    expect(paidAfterDeath("2026-02-15", "2026-02")).toBe(false);
    expect(paidAfterDeath(null, "2026-02")).toBe(true);
  });
});

describe("decide: one alert per case", () => {
  const alert = (id: string, status: KnownAlert["status"], keys: string[], firstFoundAt = new Date("2026-01-01T00:00:00Z")): KnownAlert => ({ id, rule: "SPLIT_PAYMENT", regionCode: "329901101", status, objectKeys: new Set(keys), firstFoundAt });
  const finding = (ids: string[]) => ({ rule: "SPLIT_PAYMENT" as const, regionCode: "329901101", objects: ids.map((id) => ({ type: "payment" as const, id, regionCode: "329901101", label: id })) });

  it("raises a new alert for objects no alert names", () => {
    expect(decide(finding(["a", "b"]), [alert("x", "verifying", ["payment:c"])], new Set())).toEqual({ kind: "new" });
  });

  it("adds new objects to the open alert that shares one, the oldest when two do", () => {
    const known = [alert("late", "rectifying", ["payment:b"], new Date("2026-02-01T00:00:00Z")), alert("early", "verifying", ["payment:a"])];
    const decision = decide(finding(["a", "b", "c"]), known, new Set());
    expect(decision).toMatchObject({ kind: "merge", alertId: "early" });
    expect(decision.kind === "merge" && decision.newObjects.map((o) => o.id)).toEqual(["b", "c"]);
    expect(decide(finding(["a"]), known, new Set())).toMatchObject({ kind: "merge", newObjects: [] });
  });

  it("leaves a case already closed alone, but raises a new alert when new evidence comes", () => {
    const known = [alert("done", "closed", ["payment:a", "payment:b"])];
    expect(decide(finding(["a", "b"]), known, new Set())).toEqual({ kind: "handled" });
    expect(decide(finding(["a", "b", "c"]), known, new Set())).toEqual({ kind: "new" });
  });

  it("keeps a false alarm quiet only while suppressed: once the suppression ends the case is raised anew", () => {
    const known = [alert("dismissed", "falseAlarm", ["payment:a", "payment:b"])];
    expect(decide(finding(["a", "b"]), known, new Set(["payment:a", "payment:b"]))).toEqual({ kind: "suppressed" });
    expect(decide(finding(["a", "b"]), known, new Set())).toEqual({ kind: "new" });
    // One object still suppressed, the other no longer: not every object is, so the rule looks again.
    expect(decide(finding(["a", "b"]), known, new Set(["payment:a"]))).toEqual({ kind: "new" });
    // A false alarm not yet accepted is still open: the same case, more evidence.
    expect(decide(finding(["a", "c"]), [alert("proposed", "falseAlarmProposed", ["payment:a"])], new Set())).toMatchObject({ kind: "merge", alertId: "proposed" });
  });

  it("ignores alerts of other rules or townships, and raises nothing while every object is suppressed", () => {
    const other = { ...alert("o", "verifying", ["payment:a"]), regionCode: "329901102" };
    expect(decide(finding(["a"]), [other], new Set())).toEqual({ kind: "new" });
    expect(decide(finding(["a", "b"]), [], new Set(["payment:a", "payment:b"]))).toEqual({ kind: "suppressed" });
    expect(decide(finding(["a", "b"]), [], new Set(["payment:a"]))).toEqual({ kind: "new" });
  });
});
