// Proves the one date schema every request body and query uses: a day the calendar has, refused
// with "日期不存在" otherwise (never read as another day, never a 500 further in).
import { describe, expect, it } from "vitest";
import { calendarDate } from "./common.ts";
import { parkFundBody } from "./parkCredit.ts";
import { revenueReportListQuery } from "./fiscal.ts";

describe("calendarDate", () => {
  it("takes real days, the leap day of a leap year and the last day of each month", () => {
    for (const day of ["2026-01-31", "2026-02-28", "2028-02-29", "2000-02-29", "2026-04-30", "2026-12-31"]) expect(calendarDate.safeParse(day).success, day).toBe(true);
  });
  it("refuses days the calendar has not, and other shapes, each with a Chinese reason", () => {
    for (const day of ["2026-02-29", "1900-02-29", "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00"]) {
      const parsed = calendarDate.safeParse(day);
      expect(parsed.success, day).toBe(false);
      expect(parsed.error?.issues[0]?.message, day).toBe("日期不存在");
    }
    expect(calendarDate.safeParse("2026-1-01").error?.issues[0]?.message).toBe("日期格式应为 YYYY-MM-DD");
  });
  it("is what the domains' bodies and queries use", () => {
    expect(parkFundBody.safeParse({ kind: "deposit", amount: "100.00", date: "2026-02-30", documentNo: "青财金〔2026〕1号", note: "" }).success).toBe(false);
    expect(parkFundBody.safeParse({ kind: "deposit", amount: "100.00", date: "2028-02-29", documentNo: "青财金〔2026〕1号", note: "" }).success).toBe(true);
    expect(revenueReportListQuery.safeParse({ from: "2026-02-31" }).success).toBe(false);
  });
});
