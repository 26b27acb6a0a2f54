// 现金流量表 on hand-worked vouchers: each counter-account in its row, direct payments received and
// paid at once, subtotals and nets by section, an empty year, one fen, and the previous year beside.
import { describe, expect, it } from "vitest";
import { cashFlow, cashFlowFigures, type CashVoucher } from "./statementsCashFlow.ts";

const line = (account: string, debitFen: bigint, creditFen: bigint, extra: { economicCode?: string; project?: string } = {}) => ({ account, debitFen, creditFen, ...extra });
const v = (...lines: CashVoucher["lines"]): CashVoucher => ({ lines });
const byLabel = (vouchers: CashVoucher[], previous: CashVoucher[] | null = null) => Object.fromEntries(cashFlow(vouchers, previous).rows.map((r) => [r.label, r.values]));

describe("现金流量表", () => {
  it("puts every counter-account in its row and ties the net to the cash movement", () => {
    const vouchers = [
      v(line("1002", 50000n, 0n), line("4101", 0n, 50000n)), // 事业收入 received in the bank
      v(line("1002", 0n, 12000n), line("5001", 12000n, 0n, { economicCode: "30101" })), // salaries paid directly from the bank
      v(line("1002", 0n, 300n), line("2102", 300n, 0n)), // a tax paid
      v(line("1002", 100000n, 0n), line("2001", 0n, 100000n)), // a loan taken
      v(line("1002", 0n, 40000n), line("2001", 40000n, 0n)), // part of it repaid
      v(line("1002", 0n, 500n), line("5901", 500n, 0n), line("7901", 500n, 0n, { economicCode: "30701" }), line("800102", 0n, 500n)), // interest, economic class on the budget line
      v(line("1002", 2000n, 0n), line("1601", 0n, 2000n)), // an old car sold
      v(line("1613", 70000n, 0n), line("4001", 0n, 70000n, { project: "村道硬化" })), // a road paid by direct payment: capital appropriation
      v(line("5001", 900n, 0n, { project: "防汛" }), line("4001", 0n, 900n)), // a project's direct payment
      v(line("1001", 1000n, 0n), line("1002", 0n, 1000n)), // cash drawn from the bank: no flow
      v(line("5001", 700n, 0n), line("2201", 0n, 700n)), // an accrual: no cash
    ];
    const f = byLabel(vouchers);
    expect(f["事业活动收到的除财政拨款以外的现金"]![0]).toBe(50000n);
    expect(f["财政非资本性项目拨款收到的现金"]![0]).toBe(900n);
    expect(f["日常活动的现金流入小计"]![0]).toBe(50900n);
    expect(f["支付给职工以及为职工支付的现金"]![0]).toBe(12000n);
    expect(f["支付的各项税费"]![0]).toBe(300n);
    expect(f["购买商品、接受劳务支付的现金"]![0]).toBe(900n);
    expect(f["日常活动的现金流出小计"]![0]).toBe(13200n);
    expect(f["日常活动产生的现金流量净额"]![0]).toBe(37700n);
    expect(f["处置固定资产、无形资产、公共基础设施等收回的现金净额"]![0]).toBe(2000n);
    expect(f["购建固定资产、无形资产、公共基础设施等支付的现金"]![0]).toBe(70000n);
    expect(f["投资活动产生的现金流量净额"]![0]).toBe(-68000n);
    expect(f["财政资本性项目拨款收到的现金"]![0]).toBe(70000n);
    expect(f["取得借款收到的现金"]![0]).toBe(100000n);
    expect(f["偿还借款支付的现金"]![0]).toBe(40000n);
    expect(f["偿还利息支付的现金"]![0]).toBe(500n);
    expect(f["筹资活动产生的现金流量净额"]![0]).toBe(129500n);
    // Cash (1001/1002) moved 50000 − 12000 − 300 + 100000 − 40000 − 500 + 2000 = 99200.
    expect(f["五、现金净增加额"]![0]).toBe(99200n);
  });

  it("counts a refund of a direct payment against both its rows", () => {
    const f = byLabel([v(line("5001", 800n, 0n), line("4001", 0n, 800n)), v(line("4001", 300n, 0n), line("5001", 0n, 300n))]);
    expect(f["财政基本支出拨款收到的现金"]![0]).toBe(500n);
    expect(f["购买商品、接受劳务支付的现金"]![0]).toBe(500n);
    expect(f["五、现金净增加额"]![0]).toBe(0n);
  });

  it("shows zeros for an empty year, headings blank, and 上年金额 as zeros without a previous year", () => {
    const s = cashFlow([], null);
    expect(s.columns).toEqual(["项目", "本年金额", "上年金额"]);
    expect(s.rows.every((r) => r.values.every((x) => x === 0n))).toBe(true);
    expect(s.rows[0]).toMatchObject({ label: "一、日常活动产生的现金流量：", blanks: [0, 1], total: true });
  });

  it("keeps one fen, and puts the previous year beside this one", () => {
    const f = byLabel([v(line("1001", 0n, 1n), line("5301", 1n, 0n))], [v(line("1001", 1n, 0n), line("4609", 0n, 1n))]);
    expect(f["支付的其他与日常活动有关的现金"]).toEqual([1n, 0n]);
    expect(f["收到的其他与日常活动有关的现金"]).toEqual([0n, 1n]);
    expect(f["五、现金净增加额"]).toEqual([-1n, 1n]);
  });

  it("ignores the budget lines of a voucher (平行记账) and vouchers without cash", () => {
    const figures = cashFlowFigures([v(line("7101", 100n, 0n), line("800101", 0n, 100n)), v(line("5001", 100n, 0n), line("1602", 0n, 100n))]);
    expect(figures.every((x) => x === 0n)).toBe(true);
  });
});
