// Proves the fiscal general accounting's pure rules: the shipped 财政总会计 chart parses and holds every
// account the rules post to; each posting rule (payment paid, subsidy paid and recovered, transfer from
// above, remittance up, daily revenue with refunds) passes the voucher checks and balances per basis,
// refuses what it must, and splits a report at the voucher's line limit; and, over random sequences of
// events, the fiscal books stay balanced, close every revenue and expenditure account into the right
// 结转结余, and leave a balance sheet whose assets equal liabilities plus net assets.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatYuan } from "@xiangcai/shared";
import { checkVoucher, parseChartCsv, paymentReturnedVoucher, type ChartAccount, type VoucherInput } from "./rules.ts";
import {
  CARRYOVER_ACCOUNT,
  FISCAL_ACCOUNTS,
  REVENUE_CLASSES_PER_VOUCHER,
  fiscalExpenseAccountOf,
  fiscalFundOf,
  fiscalPaymentPaidVoucher,
  fiscalRemittanceVoucher,
  fiscalRevenueReportVouchers,
  fiscalSubsidyPaidVoucher,
  fiscalSubsidyRecoveredVoucher,
  fiscalUpperTransferVoucher,
  type RevenueReportLineFacts,
} from "./fiscalRules.ts";
import { planFiscalYearClosing } from "./closing.ts";

const parsed = parseChartCsv(readFileSync(new URL("./data/fiscal-general-chart.csv", import.meta.url), "utf8"));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const chart = new Map<string, ChartAccount>(parsed.accounts.map((a) => [a.code, a]));
const ctx = { account: (c: string) => chart.get(c), isClosed: () => false };
const problemsOf = (v: VoucherInput, closing = false) => checkVoucher(v, ctx, { closing }).problems;

const payment = { amount: "1200.50", functionalCode: "2010101", economicCode: "30201", fundNature: "generalBudget", payeeName: "青禾文具店", purpose: "办公用品", paidAt: "2026-03-05", method: "direct" as const };

describe("the shipped fiscal chart", () => {
  it("parses, keeps financial accounts in 1-5 and budget accounts in 6-8, and holds every account the rules post to as a leaf", () => {
    expect(parsed.accounts.length).toBeGreaterThan(100);
    for (const code of [...Object.values(FISCAL_ACCOUNTS), "6001", "6002", "6003", "7001", "7002", "7003", "601101", "601102", "701201", "701202", ...Object.values(CARRYOVER_ACCOUNT), "3001", "3051"]) {
      expect(chart.get(code)?.isLeaf, code).toBe(true);
    }
    expect(chart.get("1001")).toMatchObject({ name: "国库存款", basis: "financial", category: "asset", normalSide: "debit" });
    expect(chart.get("8001")).toMatchObject({ name: "资金结存", basis: "budget", normalSide: "debit", isLeaf: false });
    expect(chart.get("8031")).toMatchObject({ name: "一般公共预算结转结余", normalSide: "credit" });
    expect(chart.get("7001")?.requiredAux).toEqual(["functional"]);
    expect(chart.get("6001")?.requiredAux).toEqual(["revenue"]);
  });
  it("tells each budget apart: 本级 accounts by code, transfers and debt by their 明细", () => {
    expect(["6001", "7001", "6041", "601101", "701201", "603101", "6013"].map((c) => fiscalFundOf(c, chart))).toEqual(Array(7).fill("generalBudget"));
    expect(["6002", "7002", "601102", "602102", "603102", "703202"].map((c) => fiscalFundOf(c, chart))).toEqual(Array(6).fill("governmentFund"));
    expect(["6003", "7003", "601103", "702103"].map((c) => fiscalFundOf(c, chart))).toEqual(Array(4).fill("stateCapital"));
    expect([fiscalFundOf("6005", chart), fiscalFundOf("7007", chart)]).toEqual(["specialAccount", "specialFund"]);
  });
});

describe("posting rules of the fiscal books", () => {
  it("posts a paid payment as 本级支出 of its budget against 国库存款, with the expense by economic class and unit kind", () => {
    const v = fiscalPaymentPaidVoucher(payment);
    expect(problemsOf(v)).toEqual([]);
    expect(v.lines.map((l) => [l.account, formatYuan(l.debitFen), formatYuan(l.creditFen)])).toEqual([
      ["5002", "1200.50", "0.00"],
      ["1001", "0.00", "1200.50"],
      ["7001", "1200.50", "0.00"],
      ["800101", "0.00", "1200.50"],
    ]);
    expect(v.lines[2]!.aux).toMatchObject({ functional: "2010101", economic: "30201" });
    expect(fiscalPaymentPaidVoucher({ ...payment, fundNature: "governmentFund" }).lines[2]!.account).toBe("7002");
    expect(fiscalPaymentPaidVoucher({ ...payment, fundNature: "stateCapital" }).lines[2]!.account).toBe("7003");
    expect(fiscalPaymentPaidVoucher({ ...payment, fundNature: "upperTransfer" }).lines[2]!.account).toBe("7001");
  });
  it("maps economic classes to 拨款费用: the government's own, a public institution's, and who receives", () => {
    expect(["30101", "30201", "31002", "30301", "30701", "31201", "31301", "39999"].map((c) => fiscalExpenseAccountOf(c, "administrative"))).toEqual(["5001", "5002", "5003", "5006", "5101", "5005", "5007", "5008"]);
    expect(["30101", "30201", "31002", "30301"].map((c) => fiscalExpenseAccountOf(c, "publicInstitution"))).toEqual(["5004", "5004", "5004", "5006"]);
  });
  it("reverses a paid payment on a return with the generic red voucher, still balanced", () => {
    const paid = fiscalPaymentPaidVoucher(payment);
    const returned = paymentReturnedVoucher(paid, { reason: "账号错误", returnedAt: "2026-03-09" });
    expect(checkVoucher(returned, ctx, { signed: true }).problems).toEqual([]);
    expect(returned.lines.every((l) => l.debitFen <= 0n && l.creditFen <= 0n)).toBe(true);
  });
  it("posts subsidies paid and recovered, refusing a recovery of nothing", () => {
    const facts = { amount: "3000.00", functionalCode: "2130199", economicCode: "30305", itemName: "耕地地力保护补贴", lineCount: 12, paidAt: "2026-04-02" };
    expect(problemsOf(fiscalSubsidyPaidVoucher(facts))).toEqual([]);
    expect(fiscalSubsidyPaidVoucher(facts).lines[0]!.account).toBe("5006");
    const recovered = fiscalSubsidyRecoveredVoucher({ ...facts, amount: "250.00", lineNo: 3, recoveredAt: "2026-05-02" });
    expect(recovered.ok && problemsOf(recovered.voucher)).toEqual([]);
    expect(fiscalSubsidyRecoveredVoucher({ ...facts, amount: "0.00", lineNo: 3, recoveredAt: "2026-05-02" })).toMatchObject({ ok: false });
  });
  it("posts a transfer from above as 补助收入 with its document number, in the 明细 of the budget it funds", () => {
    const t = fiscalUpperTransferVoucher({ amount: "600000.00", documentNo: "苏财农〔2026〕18号", fundNature: "upperTransfer", functionalCode: "2130135", summary: "耕地地力保护补贴", recordedOn: "2026-03-06" });
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    expect(problemsOf(t.voucher)).toEqual([]);
    expect(t.voucher.summary).toContain("苏财农〔2026〕18号");
    expect(t.voucher.lines.map((l) => l.account)).toEqual(["1001", "4011", "800101", "601101"]);
    const fund = fiscalUpperTransferVoucher({ amount: "1.00", documentNo: "x", fundNature: "governmentFund", functionalCode: "", summary: "彩票公益金", recordedOn: "2026-03-06" });
    expect(fund.ok && fund.voucher.lines[3]!.account).toBe("601102");
    expect(fiscalUpperTransferVoucher({ amount: "0.00", documentNo: "x", fundNature: "generalBudget", functionalCode: "", summary: "", recordedOn: "2026-03-06" }).ok).toBe(false);
  });
  it("posts a remittance up as 上解费用 and 上解预算支出, refusing a zero amount", () => {
    const r = fiscalRemittanceVoucher({ amount: "80000.00", documentNo: "青财预〔2026〕3号", kind: "system", fund: "generalBudget", remittedOn: "2026-06-30" });
    expect(r.ok && problemsOf(r.voucher)).toEqual([]);
    expect(r.ok && r.voucher.lines.map((l) => l.account)).toEqual(["5012", "1001", "701201", "800101"]);
    expect(fiscalRemittanceVoucher({ amount: "0.00", documentNo: "x", kind: "special", fund: "generalBudget", remittedOn: "2026-06-30" }).ok).toBe(false);
  });
  it("posts a day of revenue by class, a refund (退库) on the debit side, and the net to 国库存款", () => {
    const lines: RevenueReportLineFacts[] = [
      { revenueCode: "1010101", revenueName: "国内增值税", fund: "generalBudget", amountFen: 1_000_000n },
      { revenueCode: "10304", revenueName: "行政事业性收费收入", fund: "generalBudget", amountFen: 20_000n },
      { revenueCode: "10119", revenueName: "契税", fund: "generalBudget", amountFen: -5_000n },
      { revenueCode: "1030148", revenueName: "国有土地使用权出让收入", fund: "governmentFund", amountFen: 300_000n },
    ];
    const made = fiscalRevenueReportVouchers({ reportDate: "2026-03-31", lines });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.vouchers).toHaveLength(1);
    const v = made.vouchers[0]!;
    expect(problemsOf(v)).toEqual([]);
    const line = (account: string, code?: string) => v.lines.find((l) => l.account === account && (code === undefined || l.aux?.revenue === code));
    expect(line("1001")).toMatchObject({ debitFen: 1_315_000n });
    expect(line("4001", "10119")).toMatchObject({ debitFen: 5_000n, creditFen: 0n });
    expect(line("4002", "1030148")).toMatchObject({ creditFen: 300_000n });
    expect(line("6002", "1030148")).toMatchObject({ creditFen: 300_000n });
    expect(line("6001", "1010101")).toMatchObject({ creditFen: 1_000_000n });
  });
  it("refuses an empty report, a zero line and a class that is not own revenue; credits 国库存款 when refunds exceed receipts", () => {
    expect(fiscalRevenueReportVouchers({ reportDate: "2026-03-31", lines: [] })).toMatchObject({ ok: false });
    expect(fiscalRevenueReportVouchers({ reportDate: "2026-03-31", lines: [{ revenueCode: "10101", revenueName: "增值税", fund: "generalBudget", amountFen: 0n }] })).toMatchObject({ ok: false });
    expect(fiscalRevenueReportVouchers({ reportDate: "2026-03-31", lines: [{ revenueCode: "11002", revenueName: "一般性转移支付收入", fund: "generalBudget", amountFen: 1n }] })).toMatchObject({ ok: false });
    const refund = fiscalRevenueReportVouchers({ reportDate: "2026-03-31", lines: [{ revenueCode: "10101", revenueName: "增值税", fund: "generalBudget", amountFen: -700n }] });
    expect(refund.ok && refund.vouchers[0]!.lines.find((l) => l.account === "1001")).toMatchObject({ creditFen: 700n });
    expect(refund.ok && problemsOf(refund.vouchers[0]!)).toEqual([]);
  });
  it("keeps a report of exactly one voucher's classes in one voucher and splits one more into two", () => {
    const many = (n: number): RevenueReportLineFacts[] => Array.from({ length: n }, (_, i) => ({ revenueCode: `103${String(i % 99).padStart(2, "0")}${String(Math.floor(i / 99)).padStart(2, "0")}`, revenueName: "x", fund: "generalBudget", amountFen: BigInt(i + 1) }));
    const exact = fiscalRevenueReportVouchers({ reportDate: "2026-03-31", lines: many(REVENUE_CLASSES_PER_VOUCHER) });
    const over = fiscalRevenueReportVouchers({ reportDate: "2026-03-31", lines: many(REVENUE_CLASSES_PER_VOUCHER + 1) });
    expect(exact.ok && exact.vouchers.length).toBe(1);
    expect(over.ok && over.vouchers.length).toBe(2);
    if (exact.ok) expect(problemsOf(exact.vouchers[0]!)).toEqual([]);
    if (over.ok) for (const v of over.vouchers) expect(problemsOf(v)).toEqual([]);
  });
});

// ---------------------------------------------------------------- the books over random events

const yuanOf = (fen: bigint) => formatYuan(fen);
const fenArb = fc.bigInt({ min: 1n, max: 50_000_000n });
const functionalArb = fc.constantFrom("2010101", "2050201", "2130135", "2120501");
const economicArb = fc.constantFrom("30101", "30201", "30211", "30305", "31002", "31201", "39999");
const fundNatureArb = fc.constantFrom("generalBudget", "governmentFund", "upperTransfer", "stateCapital", "other");
const dayArb = fc.integer({ min: 1, max: 28 }).map((d) => `2026-06-${String(d).padStart(2, "0")}`);
const revenueLineArb = fc.record({
  revenueCode: fc.constantFrom("1010101", "10106", "10119", "10304", "10305", "1030148", "10306"),
  amountFen: fc.oneof(fenArb, fenArb.map((f) => -f)),
});

const eventArb = fc.oneof(
  fc.record({ kind: fc.constant("paid" as const), fen: fenArb, functional: functionalArb, economic: economicArb, fundNature: fundNatureArb, date: dayArb, unitKind: fc.constantFrom("administrative", "publicInstitution"), returned: fc.boolean() }),
  fc.record({ kind: fc.constant("transfer" as const), fen: fenArb, functional: functionalArb, fundNature: fundNatureArb, date: dayArb }),
  fc.record({ kind: fc.constant("remittance" as const), fen: fenArb, fund: fc.constantFrom("generalBudget", "governmentFund"), date: dayArb }),
  fc.record({ kind: fc.constant("revenue" as const), lines: fc.array(revenueLineArb, { minLength: 1, maxLength: 6 }), date: dayArb }),
  fc.record({ kind: fc.constant("subsidy" as const), fen: fenArb, economic: economicArb, date: dayArb, recovered: fc.boolean() }),
);
type Event = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

function vouchersOf(e: Event): { voucher: VoucherInput; signed?: boolean }[] {
  switch (e.kind) {
    case "paid": {
      const paid = fiscalPaymentPaidVoucher({ ...payment, amount: yuanOf(e.fen), functionalCode: e.functional, economicCode: e.economic, fundNature: e.fundNature, unitKind: e.unitKind, paidAt: e.date });
      return e.returned ? [{ voucher: paid }, { voucher: paymentReturnedVoucher(paid, { reason: null, returnedAt: e.date }), signed: true }] : [{ voucher: paid }];
    }
    case "transfer": {
      const t = fiscalUpperTransferVoucher({ amount: yuanOf(e.fen), documentNo: "文", fundNature: e.fundNature, functionalCode: e.functional, summary: "补助", recordedOn: e.date });
      return t.ok ? [{ voucher: t.voucher }] : [];
    }
    case "remittance": {
      const r = fiscalRemittanceVoucher({ amount: yuanOf(e.fen), documentNo: "文", kind: "system", fund: e.fund, remittedOn: e.date });
      return r.ok ? [{ voucher: r.voucher }] : [];
    }
    case "revenue": {
      // One line per class: the treasury's report carries each class once.
      const byCode = new Map<string, bigint>();
      for (const l of e.lines) byCode.set(l.revenueCode, (byCode.get(l.revenueCode) ?? 0n) + l.amountFen);
      const lines = [...byCode].filter(([, f]) => f !== 0n).map(([revenueCode, amountFen]) => ({ revenueCode, revenueName: revenueCode, fund: revenueCode.startsWith("10301") ? ("governmentFund" as const) : revenueCode.startsWith("10306") ? ("stateCapital" as const) : ("generalBudget" as const), amountFen }));
      const made = fiscalRevenueReportVouchers({ reportDate: e.date, lines });
      return made.ok ? made.vouchers.map((voucher) => ({ voucher })) : [];
    }
    case "subsidy": {
      const facts = { amount: yuanOf(e.fen), functionalCode: "2130199", economicCode: e.economic, itemName: "补贴", lineCount: 3, paidAt: e.date };
      const out = [{ voucher: fiscalSubsidyPaidVoucher(facts) }];
      const back = fiscalSubsidyRecoveredVoucher({ ...facts, lineNo: 1, recoveredAt: e.date });
      if (e.recovered && back.ok) out.push({ voucher: back.voucher });
      return out;
    }
  }
}

const sumWhere = (balances: ReadonlyMap<string, bigint>, which: (code: string) => boolean) => [...balances].filter(([c]) => which(c)).reduce((s, [, b]) => s + b, 0n);

describe("the fiscal books over random sequences of events", () => {
  it("balance per basis after every event, close into the right 结转结余, and leave a balanced balance sheet", () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 40 }), (events) => {
        const balances = new Map<string, bigint>();
        for (const e of events) {
          for (const { voucher, signed } of vouchersOf(e)) {
            expect(checkVoucher(voucher, ctx, { signed: signed ?? false }).problems).toEqual([]);
            for (const l of voucher.lines) balances.set(l.account, (balances.get(l.account) ?? 0n) + l.debitFen - l.creditFen);
          }
          // Each basis balances on its own: debits = credits, i.e. the signed balances sum to zero.
          expect(sumWhere(balances, (c) => c < "6")).toBe(0n);
          expect(sumWhere(balances, (c) => c >= "6")).toBe(0n);
          // 国库存款 and 库款资金结存 move together: the cash of the two bases agrees.
          expect(balances.get("1001") ?? 0n).toBe(balances.get("800101") ?? 0n);
        }
        const budgetResultByFund = new Map<string, bigint>();
        for (const [code, b] of balances) {
          if (code[0] !== "6" && code[0] !== "7") continue;
          const fund = fiscalFundOf(code, chart);
          budgetResultByFund.set(fund, (budgetResultByFund.get(fund) ?? 0n) + b);
        }
        const surplus = sumWhere(balances, (c) => c[0] === "4" || c[0] === "5");
        const plan = planFiscalYearClosing(balances, chart);
        expect(plan.ok).toBe(true);
        if (!plan.ok) return;
        const closed = new Map(balances);
        for (const v of plan.vouchers) {
          expect(checkVoucher({ date: "2026-12-31", summary: v.summary, lines: v.lines }, ctx, { closing: true }).problems).toEqual([]);
          for (const l of v.lines) closed.set(l.account, (closed.get(l.account) ?? 0n) + l.debitFen - l.creditFen);
        }
        for (const [code, b] of closed) if ("4567".includes(code[0]!) || code.startsWith("3051")) expect(b, code).toBe(0n);
        expect(closed.get("3001") ?? 0n).toBe(surplus);
        for (const [fund, result] of budgetResultByFund) expect(closed.get(CARRYOVER_ACCOUNT[fund as keyof typeof CARRYOVER_ACCOUNT]) ?? 0n).toBe(result);
        // Assets = liabilities + net assets; 资金结存 = the budgets' 结转结余.
        expect(sumWhere(closed, (c) => c[0] === "1") + sumWhere(closed, (c) => c[0] === "2" || c[0] === "3")).toBe(0n);
        expect(sumWhere(closed, (c) => c.startsWith("8001")) + sumWhere(closed, (c) => c.startsWith("80") && !c.startsWith("8001"))).toBe(0n);
      }),
      { numRuns: 150 },
    );
  });
});
