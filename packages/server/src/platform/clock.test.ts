// The clock: a fixed clock stands still until moved, and China-time years turn at China midnight.
import { describe, expect, it } from "vitest";
import { fixedClock, systemClock } from "./clock.ts";
import { chinaDate, chinaYear } from "./workingDays.ts";

describe("clock", () => {
  it("a fixed clock answers the same instant until set or advanced", () => {
    const clock = fixedClock("2026-12-31T18:00:00Z");
    expect(clock.now().toISOString()).toBe("2026-12-31T18:00:00.000Z");
    clock.now().setTime(0); // the answer is a copy: changing it does not move the clock
    expect(clock.now().toISOString()).toBe("2026-12-31T18:00:00.000Z");
    clock.advance(3_600_000);
    expect(clock.now().toISOString()).toBe("2026-12-31T19:00:00.000Z");
    clock.set("2028-02-29T08:00:00+08:00");
    expect(clock.now().toISOString()).toBe("2028-02-29T00:00:00.000Z");
  });

  it("refuses what is not an instant", () => {
    expect(() => fixedClock("2026-13-01T00:00:00Z")).toThrow(/not an instant/);
    expect(() => fixedClock("yesterday")).toThrow(/not an instant/);
  });

  it("the system clock reads the real time", () => {
    const before = Date.now();
    const at = systemClock.now().getTime();
    expect(at).toBeGreaterThanOrEqual(before);
  });

  it("the China year turns at China midnight, not UTC's", () => {
    expect(chinaYear(new Date("2026-12-31T15:59:59.999Z"))).toBe(2026);
    expect(chinaYear(new Date("2026-12-31T16:00:00Z"))).toBe(2027);
    expect(chinaDate(new Date("2026-12-31T18:00:00Z"))).toBe("2027-01-01");
  });
});
