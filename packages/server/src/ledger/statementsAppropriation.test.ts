// 财政拨款预算收入支出表 on hand-worked entries: rows by 基本支出/项目支出 and functional class, the
// balance columns, 年末 as their sum less 支出, totals, an empty year, one fen, the previous year beside.
import { describe, expect, it } from "vitest";
import { fiscalAppropriation, type AppropriationEntry } from "./statementsAppropriation.ts";

const e = (column: AppropriationEntry["column"], fen: bigint, functionalCode = "", project = false, fund?: AppropriationEntry["fund"]): AppropriationEntry => ({ column, fen, functionalCode, project, ...(fund ? { fund } : {}) });
const rowsOf = (current: AppropriationEntry[], previous: AppropriationEntry[] | null = null) => fiscalAppropriation(current, previous, new Map([["2130505", "生态公益林补偿"]])).rows;
// By label the first 基本支出/项目支出 (一般公共预算's) are read; 政府性基金's are read by position.
const byLabel = (current: AppropriationEntry[], previous: AppropriationEntry[] | null = null) => Object.fromEntries(rowsOf(current, previous).map((r) => [r.label, r.values]));

describe("财政拨款预算收入支出表", () => {
  it("puts each amount in its row and column, and 年末 = 年初 + 调整 + 调入 + 上缴或调出 + 调剂 + 收入 − 支出", () => {
    const entries = [
      e("年初财政拨款结转结余", 50000n),
      e("年初财政拨款结转结余", 20000n, "", true),
      e("调整年初财政拨款结转结余", -1000n),
      e("本年归集调入", 3000n, "2010101"),
      e("本年归集上缴或调出", -5000n, "", true),
      e("单位内部调剂", 400n, "2010101"),
      e("单位内部调剂", -400n, "2130505", true),
      e("本年财政拨款收入", 900000n, "2010101"),
      e("本年财政拨款支出", 850000n, "2010101"),
      e("本年财政拨款收入", 120000n, "2130505", true),
      e("本年财政拨款支出", 100000n, "2130505", true),
    ];
    const f = byLabel(entries);
    const rows = rowsOf(entries);
    expect(rows.map((r) => r.label)).toEqual(["一、一般公共预算财政拨款", "（一）基本支出", "　　未分功能分类", "　　2010101", "（二）项目支出", "　　未分功能分类", "　　2130505 生态公益林补偿", "二、政府性基金预算财政拨款", "（一）基本支出", "（二）项目支出", "总计"]);
    expect(rows[2]!.values).toEqual([50000n, -1000n, 0n, 0n, 0n, 0n, 0n, 49000n, ...Array(8).fill(0n)]);
    expect(rows[5]!.values.slice(0, 8)).toEqual([20000n, 0n, 0n, -5000n, 0n, 0n, 0n, 15000n]);
    expect(rows[1]!.values.slice(0, 8)).toEqual([50000n, -1000n, 3000n, 0n, 400n, 900000n, 850000n, 102400n]);
    expect(rows[4]!.values.slice(0, 8)).toEqual([20000n, 0n, 0n, -5000n, -400n, 120000n, 100000n, 34600n]);
    expect(f["　　2010101"]!.slice(0, 8)).toEqual([0n, 0n, 3000n, 0n, 400n, 900000n, 850000n, 53400n]);
    expect(f["　　2130505 生态公益林补偿"]!.slice(0, 8)).toEqual([0n, 0n, 0n, 0n, -400n, 120000n, 100000n, 19600n]);
    expect(f["总计"]!.slice(0, 8)).toEqual([70000n, -1000n, 3000n, -5000n, 0n, 1020000n, 950000n, 137000n]);
    expect(f["二、政府性基金预算财政拨款"]).toEqual(Array(16).fill(0n));
  });

  it("shows the standard's rows and zeros for an empty year, with the note on the budget source", () => {
    const s = fiscalAppropriation([], null);
    expect(s.rows.map((r) => r.label)).toEqual(["一、一般公共预算财政拨款", "（一）基本支出", "（二）项目支出", "二、政府性基金预算财政拨款", "（一）基本支出", "（二）项目支出", "总计"]);
    expect(s.rows.every((r) => r.values.length === 16 && r.values.every((v) => v === 0n))).toBe(true);
    expect(s.columns).toHaveLength(17);
    expect(s.columns[8]).toBe("本年数·年末财政拨款结转结余");
    expect(s.note).toContain("科目未设明细的金额列入一般公共预算");
  });

  it("keeps one fen, and puts the previous year beside this one in the same functional row", () => {
    const f = byLabel([e("本年财政拨款支出", 1n, "2010101")], [e("本年财政拨款收入", 1n, "2010101"), e("本年财政拨款收入", 7n, "2010102")]);
    expect(f["　　2010101"]).toEqual([0n, 0n, 0n, 0n, 0n, 0n, 1n, -1n, 0n, 0n, 0n, 0n, 0n, 1n, 0n, 1n]);
    expect(f["　　2010102"]!.slice(0, 8)).toEqual(Array(8).fill(0n));
    expect(f["总计"]!.slice(8)).toEqual([0n, 0n, 0n, 0n, 0n, 8n, 0n, 8n]);
  });

  it("puts 政府性基金 amounts under 二、政府性基金预算财政拨款 by 基本/项目 and functional class, and totals both budgets", () => {
    const entries = [e("本年财政拨款收入", 1000n, "2010101"), e("本年财政拨款收入", 500n, "2120803", true, "governmentFund"), e("本年财政拨款支出", 499n, "2120803", true, "governmentFund"), e("本年财政拨款收入", 1n, "", false, "governmentFund")];
    const rows = rowsOf(entries);
    expect(rows.map((r) => r.label)).toEqual(["一、一般公共预算财政拨款", "（一）基本支出", "　　2010101", "（二）项目支出", "二、政府性基金预算财政拨款", "（一）基本支出", "　　未分功能分类", "（二）项目支出", "　　2120803", "总计"]);
    expect(rows[4]!.values.slice(0, 8)).toEqual([0n, 0n, 0n, 0n, 0n, 501n, 499n, 2n]);
    expect(rows[6]!.values.slice(0, 8)).toEqual([0n, 0n, 0n, 0n, 0n, 1n, 0n, 1n]);
    expect(rows[8]!.values.slice(0, 8)).toEqual([0n, 0n, 0n, 0n, 0n, 500n, 499n, 1n]);
    expect(rows[9]!.values.slice(0, 8)).toEqual([0n, 0n, 0n, 0n, 0n, 1501n, 499n, 1002n]);
  });
});
