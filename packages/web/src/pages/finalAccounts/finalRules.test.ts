// The final accounts pages' rules: when submission is refused and why, the comparison's 类 rows and
// execution rate, the days to publication across China's midnight.
import { describe, expect, it } from "vitest";
import type { FinalTableView } from "./finalApi.ts";
import { classRows, daysToPublish, ownTownshipOf, submitBlocker } from "./finalRules.ts";

const report = (status: "prepared" | "submitted" | "accepted") => ({ id: "r", status, statusName: "", version: 1, deadlineAt: "2027-02-28T15:59:59.999Z", returnNote: null, flowInstanceId: null, actions: [] });
const formula = { level: "error" as const, code: "TREASURY:ge:2010301", message: "不成立" };
const note = { level: "error" as const, code: "NOTE_MISSING", message: "决算说明未填写" };
const warning = { level: "warning" as const, code: "UNIT_PAID:x", message: "提示" };

describe("submitBlocker", () => {
  it("names failing formulas and a missing 说明, and lets warnings through", () => {
    expect(submitBlocker({ report: null, problems: [formula, note, warning] })).toBe("1 项审核公式未通过，决算说明未填写，不能上报。");
    expect(submitBlocker({ report: null, problems: [note] })).toBe("决算说明未填写，不能上报。");
    expect(submitBlocker({ report: report("prepared"), problems: [formula, { ...formula, code: "SUM:x" }] })).toBe("2 项审核公式未通过，不能上报。");
    expect(submitBlocker({ report: report("prepared"), problems: [warning] })).toBeNull();
    expect(submitBlocker({ report: null, problems: [] })).toBeNull();
  });

  it("says where a report already sent stands", () => {
    expect(submitBlocker({ report: report("submitted"), problems: [] })).toBe("已上报区财政局，待审核。");
    expect(submitBlocker({ report: report("accepted"), problems: [formula] })).toBe("区财政局已审核通过并锁定。");
  });
});

describe("classRows", () => {
  const table: FinalTableView = {
    code: "general-detail",
    title: "一般公共预算收支决算明细表",
    columns: ["预算数", "调整预算数", "决算数"],
    source: "",
    rows: [
      { key: "gr:101", label: "101 税收收入", level: 1, values: ["10.00", "10.00", "9.00"] },
      { key: "ge-total", label: "本级支出合计", level: 0, total: true, values: ["300.00", "400.00", "200.00"] },
      { key: "ge:201", label: "201 一般公共服务支出", level: 1, values: ["200.00", "300.00", "199.99"] },
      { key: "ge:20103", label: "20103 政府办公厅", level: 2, values: ["200.00", "300.00", "199.99"] },
      { key: "ge:231", label: "231 债务还本支出", level: 1, values: ["0.00", "0.00", "0.01"] },
      { key: "ge:232", label: "232 债务付息支出", level: 1, values: ["100.00", "3.00", "2.00"] },
    ],
  };

  it("takes the expenditure 类 rows only, with the rate rounded to one decimal and none without an adjusted budget", () => {
    expect(classRows(table)).toEqual([
      { key: "ge:201", label: "201 一般公共服务支出", budget: "200.00", adjusted: "300.00", final: "199.99", rate: "66.7" },
      { key: "ge:231", label: "231 债务还本支出", budget: "0.00", adjusted: "0.00", final: "0.01", rate: null },
      { key: "ge:232", label: "232 债务付息支出", budget: "100.00", adjusted: "3.00", final: "2.00", rate: "66.7" },
    ]);
  });
});

describe("daysToPublish", () => {
  it("counts calendar days in China time", () => {
    expect(daysToPublish("2026-01-12T04:00:00.000Z", "2026-01-21T07:00:00.000Z")).toBe(9);
    // 23:30 and 00:30 China time the next day are one day apart though an hour.
    expect(daysToPublish("2026-02-01T15:30:00.000Z", "2026-02-01T16:30:00.000Z")).toBe(1);
    expect(daysToPublish("2026-02-01T01:00:00.000Z", "2026-02-01T15:59:00.000Z")).toBe(0);
  });
});

describe("ownTownshipOf", () => {
  it("is the township of a township or village user, none for the district", () => {
    expect(ownTownshipOf("329901101")).toBe("329901101");
    expect(ownTownshipOf("329901101201")).toBe("329901101");
    expect(ownTownshipOf("329901000")).toBeNull();
    expect(ownTownshipOf("329901")).toBeNull();
    expect(ownTownshipOf(undefined)).toBeNull();
  });
});
