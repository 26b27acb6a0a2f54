import { describe, expect, it } from "vitest";
import { chinaDate, chinaMonth, quotaYearOver } from "./rules.ts";

describe("the China-time date of a moment", () => {
  it("turns at 16:00 UTC, whatever the machine's time zone", () => {
    expect(chinaDate(new Date("2027-12-31T15:59:59.999Z"))).toBe("2027-12-31");
    expect(chinaDate(new Date("2027-12-31T16:00:00Z"))).toBe("2028-01-01");
    expect(chinaDate(new Date("2028-02-28T16:00:00Z"))).toBe("2028-02-29");
    expect(chinaMonth(new Date("2028-02-29T16:00:00Z"))).toBe(3);
  });
});

describe("a fiscal year's quota is over with the year in China (年终注销)", () => {
  it("can be set during the year and on its last evening", () => {
    expect(quotaYearOver(2027, new Date("2027-01-01T00:00:00Z"))).toBe(false);
    expect(quotaYearOver(2027, new Date("2027-12-31T15:59:59.999Z"))).toBe(false);
  });
  it("can be set ahead, for next year", () => {
    expect(quotaYearOver(2028, new Date("2027-12-20T02:00:00Z"))).toBe(false);
  });
  it("cannot once 1 January has begun in China, though it is still 31 December in UTC", () => {
    expect(quotaYearOver(2027, new Date("2027-12-31T16:00:00Z"))).toBe(true);
    expect(quotaYearOver(2027, new Date("2029-06-01T00:00:00Z"))).toBe(true);
  });
});
