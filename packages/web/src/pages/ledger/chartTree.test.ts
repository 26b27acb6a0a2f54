import { describe, expect, it } from "vitest";
import type { LedgerAccountView } from "@xiangcai/shared";
import { chartTree, nextSubCode, parentCodes } from "./chartTree.ts";

const acct = (code: string, name: string, more: Partial<LedgerAccountView> = {}): LedgerAccountView => ({
  code,
  name,
  basis: Number(code[0]) >= 6 ? "budget" : "financial",
  category: Number(code[0]) >= 6 ? "budget_revenue" : "asset",
  normalSide: "debit",
  parentCode: code.length > 4 ? code.slice(0, -2) : null,
  isLeaf: true,
  requiredAux: [],
  ...more,
});
const chart = [
  acct("1001", "库存现金"),
  acct("1002", "银行存款", { isLeaf: false }),
  acct("100201", "农商行基本户"),
  acct("6001", "财政拨款预算收入", { isLeaf: false }),
  acct("600101", "一般公共预算财政拨款", { isLeaf: false }),
  acct("60010101", "基本支出"),
  acct("60010102", "项目支出"),
];
const codes = (ns: { code: string; children?: unknown[] }[]): unknown[] => ns.map((n) => (n.children ? [n.code, codes(n.children as typeof ns)] : n.code));

describe("the chart tree", () => {
  it("nests the whole chart by parent when nothing filters", () => {
    const { roots, matched } = chartTree(chart);
    expect(codes(roots)).toEqual(["1001", ["1002", ["100201"]], ["6001", [["600101", ["60010101", "60010102"]]]]]);
    expect(matched.size).toBe(chart.length);
    expect(parentCodes(roots)).toEqual(["1002", "6001", "600101"]);
  });

  it("keeps a match's ancestors, by code or by name", () => {
    expect(codes(chartTree(chart, { q: "60010102" }).roots)).toEqual([["6001", [["600101", ["60010102"]]]]]);
    const byName = chartTree(chart, { q: "项目" });
    expect(codes(byName.roots)).toEqual([["6001", [["600101", ["60010102"]]]]]);
    expect([...byName.matched]).toEqual(["60010102"]);
    // A parent that matches shows without its non-matching 明细.
    expect(codes(chartTree(chart, { q: "银行" }).roots)).toEqual(["1002"]);
  });

  it("filters by basis and category, and answers an empty tree when nothing matches", () => {
    expect(codes(chartTree(chart, { basis: "financial" }).roots)).toEqual(["1001", ["1002", ["100201"]]]);
    expect(codes(chartTree(chart, { category: "budget_revenue", q: "基本" }).roots)).toEqual([["6001", [["600101", ["60010101"]]]]]);
    expect(chartTree(chart, { q: "不存在" }).roots).toEqual([]);
    expect(chartTree([], { q: "1" }).roots).toEqual([]);
  });

  it("proposes the first free 明细 code, none when 01–99 are taken", () => {
    expect(nextSubCode(chart, "1002")).toBe("100202");
    expect(nextSubCode(chart, "1001")).toBe("100101");
    const full = Array.from({ length: 99 }, (_, i) => ({ code: `1001${String(i + 1).padStart(2, "0")}` }));
    expect(nextSubCode(full, "1001")).toBeNull();
  });
});
