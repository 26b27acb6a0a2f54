// Proves that deadlines read correctly on both sides of the moment they pass.
import { describe, expect, it } from "vitest";
import { describeDeadline } from "./deadline.ts";

const now = new Date("2025-03-10T08:00:00+08:00");

describe("describeDeadline", () => {
  it("tells the time left in days and hours", () => {
    expect(describeDeadline("2025-03-12T11:30:00+08:00", now)).toEqual({ overdue: false, text: "剩余 2 天 3 小时" });
    expect(describeDeadline("2025-03-10T08:30:00+08:00", now)).toEqual({ overdue: false, text: "剩余不足 1 小时" });
  });

  it("tells how long a matter is overdue", () => {
    expect(describeDeadline("2025-03-09T08:00:00+08:00", now)).toEqual({ overdue: true, text: "已超期 1 天" });
    expect(describeDeadline("2025-03-10T05:00:00+08:00", now)).toEqual({ overdue: true, text: "已超期 3 小时" });
  });

  it("follows the server's overdue flag over the local clock", () => {
    expect(describeDeadline("2025-03-10T09:00:00+08:00", now, true)).toEqual({ overdue: true, text: "已超期" });
  });

  it("answers null without a deadline or with an unreadable one", () => {
    expect(describeDeadline(null, now)).toBeNull();
    expect(describeDeadline("soon", now)).toBeNull();
  });
});
