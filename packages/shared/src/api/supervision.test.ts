// The request schemas of fund supervision refuse what is not a real calendar day (a 13th month, a
// 30 February) and an empty list of rules, with a Chinese message, instead of reading them as
// another day or as "every rule".
import { describe, expect, it } from "vitest";
import { isCalendarDate } from "./common.ts";
import { supervisionAlertListQuery, supervisionReportQuery, supervisionRunBody, supervisionSuppressionBody } from "./supervision.ts";

describe("isCalendarDate", () => {
  it("takes real days, month ends and 29 February of a leap year", () => {
    for (const day of ["2026-01-01", "2026-01-31", "2026-04-30", "2026-12-31", "2028-02-29", "2000-02-29"]) expect(isCalendarDate(day), day).toBe(true);
  });

  it("refuses a 13th month, a day 0, one day past a month's end and 29 February of a common year", () => {
    for (const day of ["2026-13-01", "2026-00-10", "2026-01-00", "2026-02-29", "2026-04-31", "2026-01-32", "1900-02-29", "2026-1-01", "20260101", ""]) expect(isCalendarDate(day), day).toBe(false);
  });
});

describe("supervision request schemas", () => {
  it("refuse a date that does not exist with a Chinese message", () => {
    const answer = supervisionAlertListQuery.safeParse({ from: "2026-02-30" });
    expect(answer.success).toBe(false);
    expect(answer.error?.issues[0]).toMatchObject({ path: ["from"], message: "日期不存在" });
    expect(supervisionReportQuery.safeParse({ from: "2026-01-01", to: "2026-13-01" }).success).toBe(false);
    expect(supervisionSuppressionBody.safeParse({ alertId: "019f1b67-9100-7a7f-a84d-b4a9454e2827", reason: "理由", expiresOn: "2027-02-29" }).success).toBe(false);
    expect(supervisionReportQuery.safeParse({ from: "2026-01-01", to: "2026-12-31" }).success).toBe(true);
  });

  it("take one to ten rules, or none named (every rule), but not an empty list", () => {
    expect(supervisionRunBody.safeParse({}).success).toBe(true);
    expect(supervisionRunBody.safeParse({ rules: ["SPLIT_PAYMENT"] }).success).toBe(true);
    const empty = supervisionRunBody.safeParse({ rules: [] });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.message).toBe("至少选择一条规则");
  });
});
