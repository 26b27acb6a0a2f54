// Proves where the posting rules' 6001/7101/7201 lines land (rules.ts onFundingLeaves): on the default
// chart's 明细 by appropriation kind and 基本/项目支出, with the project as aux; on the account itself in a
// chart without the 明细; refused when the 明细 say something else. Returns and refunds land on the same
// 明细. Over random paid/returned/refunded sequences both bases balance and the 财政拨款预算收入支出表's
// total 收入 is 6001, split by budget as the 明细 are.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatYuan } from "@xiangcai/shared";
import { builtInChart } from "./service.ts";
import {
  basisOfCode,
  checkVoucher,
  fundingLeafOf,
  onFundingLeaves,
  paymentPaidVoucher,
  paymentRefundVoucher,
  paymentReturnedVoucher,
  quotaChangeVoucher,
  subsidyPaidVoucher,
  subsidyRecoveredVoucher,
  debtRepaymentVoucher,
  type ChartAccount,
  type FundingFacts,
  type PaidPaymentFacts,
  type VoucherInput,
} from "./rules.ts";
import { appropriationEntriesOf, fiscalAppropriation, type AppropriationLine } from "./statementsAppropriation.ts";

const defaultChart = new Map(builtInChart().map((a) => [a.code, a]));
/** A chart as sets created before the 明细 have it: 6001/7101/7201 are leaves. */
const flatChart = new Map(
  builtInChart()
    .filter((a) => !(a.code.length > 4 && ["6001", "7101", "7201"].includes(a.code.slice(0, 4))))
    .map((a) => [a.code, ["6001", "7101", "7201"].includes(a.code) ? { ...a, isLeaf: true } : a]),
);
function chartWith(extra: [parent: string, code: string, name: string][]): Map<string, ChartAccount> {
  const chart = new Map(flatChart);
  for (const [parent, code, name] of extra) {
    chart.set(parent, { ...chart.get(parent)!, isLeaf: false });
    chart.set(code, { ...chart.get(parent)!, code, name, parentCode: parent, isLeaf: true });
  }
  return chart;
}

const paid: PaidPaymentFacts = { method: "direct", amount: "100.00", payeeName: "青禾建材", purpose: "道路硬化", paidAt: "2026-04-01", functionalCode: "2120399", economicCode: "31005" };
const place = (v: VoucherInput, facts: FundingFacts, chart = defaultChart) => {
  const made = onFundingLeaves(v, chart, facts);
  if (!made.ok) throw new Error(made.reason);
  return made.voucher;
};
const accounts = (v: VoucherInput) => v.lines.map((l) => l.account);
const open = (chart: Map<string, ChartAccount>) => ({ account: (c: string) => chart.get(c), isClosed: () => false });

describe("the 明细 a posting lands on", () => {
  it("puts a 项目支出 quota on 60010102 and 基本支出's on 60010101, so an authorised 项目支出 payment's spending meets its income in the 财政拨款预算收入支出表", () => {
    const quota = (expenditureKind: "basic" | "project", after: string) => {
      const made = quotaChangeVoucher({ before: "0.00", after, fiscalYear: 2026, month: 4, setOn: "2026-04-01", expenditureKind });
      if (!made.ok) throw new Error(made.reason);
      return place(made.voucher, { expenditureKind });
    };
    const projectQuota = quota("project", "100.00");
    const basicQuota = quota("basic", "30.00");
    expect(accounts(projectQuota)).toEqual(["1011", "4001", "800101", "60010102"]);
    expect(accounts(basicQuota)).toEqual(["1011", "4001", "800101", "60010101"]);
    const payment = place(paymentPaidVoucher({ ...paid, method: "authorised" }, "7101"), { fundNature: "generalBudget", expenditureKind: "project", project: "XM-1 道路硬化" });
    expect(accounts(payment)).toEqual(["5001", "1011", "7101010102", "800101"]);
    const lines: AppropriationLine[] = [projectQuota, basicQuota, payment].flatMap((voucher, i) =>
      voucher.lines.map((l) => ({ voucherId: String(i), kind: "normal", account: l.account, functionalCode: l.aux?.functional ?? null, project: Boolean(l.aux?.project), debitFen: l.debitFen, creditFen: l.creditFen })),
    );
    const rows = fiscalAppropriation(appropriationEntriesOf(new Map(), lines, defaultChart), null).rows;
    const row = (label: string) => rows.find((r) => r.label === label)!.values.slice(5, 8);
    // 本年收入, 本年支出, 年末: 项目支出 received 100 and spent 100; 基本支出 received 30 and spent nothing.
    expect(row("（二）项目支出")).toEqual([100_00n, 100_00n, 0n]);
    expect(row("（一）基本支出")).toEqual([30_00n, 0n, 30_00n]);
  });
  it("puts a 一般公共预算 基本支出 payment on 7101010101 / 60010101, and a 7201 unit's on 7201010101", () => {
    const v = place(paymentPaidVoucher(paid, "7101"), { fundNature: "generalBudget", expenditureKind: "basic" });
    expect(accounts(v)).toEqual(["5001", "4001", "7101010101", "60010101"]);
    expect(v.lines[2]!.aux).toEqual({ functional: "2120399", economic: "31005", payee: "青禾建材" });
    expect(checkVoucher(v, open(defaultChart)).problems).toEqual([]);
    expect(accounts(place(paymentPaidVoucher(paid, "7201"), {}))).toEqual(["5001", "4001", "7201010101", "60010101"]);
  });

  it("puts a 政府性基金 project payment on the 政府性基金 项目支出 明细 with the project on both budget lines", () => {
    const v = place(paymentPaidVoucher(paid, "7101"), { fundNature: "governmentFund", expenditureKind: "project", project: "XM-2026-003 村道硬化" });
    expect(accounts(v)).toEqual(["5001", "4001", "7101010202", "60010202"]);
    expect(v.lines[2]!.aux?.project).toBe("XM-2026-003 村道硬化");
    expect(v.lines[3]!.aux?.project).toBe("XM-2026-003 村道硬化");
    expect(v.lines[0]!.aux?.project).toBeUndefined();
    expect(checkVoucher(v, open(defaultChart)).problems).toEqual([]);
  });

  it("spends upper transfers and other funds as 一般公共预算, and 国有资本经营 too when the chart has no 明细 for it", () => {
    for (const fundNature of ["upperTransfer", "other", "stateCapital", null, undefined]) {
      expect(accounts(place(paymentPaidVoucher(paid, "7101"), { fundNature, expenditureKind: "project", project: "x" }))).toEqual(["5001", "4001", "7101010102", "60010102"]);
    }
    const withCapital = new Map(defaultChart);
    withCapital.set("71010103", { ...defaultChart.get("71010101")!, code: "71010103", name: "国有资本经营预算财政拨款", isLeaf: true });
    expect(fundingLeafOf(withCapital, "7101", { fundNature: "stateCapital" })).toBe("71010103");
  });

  it("posts an authorised payment's expenditure on the 明细 and leaves 800101 alone; a debt repayment's 6001 on the 明细", () => {
    expect(accounts(place(paymentPaidVoucher({ ...paid, method: "authorised" }, "7101"), { fundNature: "governmentFund" }))).toEqual(["5001", "1011", "7101010201", "800101"]);
    const debt = debtRepaymentVoucher(paid, { principalFen: 6000n, interestFen: 4000n, liabilityAccount: "2501", debtName: "贷款", period: 1 });
    if (!debt.ok) throw new Error(debt.reason);
    expect(accounts(place(debt.voucher, { expenditureKind: "project", project: "还贷" }))).toEqual(["2501", "5901", "4001", "7701", "7901", "60010102"]);
  });

  it("keeps 7101 and 6001 themselves in a chart without the 明细, with the project as aux", () => {
    const v = place(paymentPaidVoucher(paid, "7101"), { fundNature: "governmentFund", expenditureKind: "project", project: "XM-1" }, flatChart);
    expect(accounts(v)).toEqual(["5001", "4001", "7101", "6001"]);
    expect(v.lines[2]!.aux?.project).toBe("XM-1");
    expect(checkVoucher(v, open(flatChart)).problems).toEqual([]);
  });

  it("uses a chart's own 基本支出/项目支出 明细 without kinds, and refuses 明细 that say neither", () => {
    const byKind = chartWith([["7101", "710101", "基本支出"], ["7101", "710102", "项目支出"]]);
    expect(fundingLeafOf(byKind, "7101", { fundNature: "governmentFund", expenditureKind: "project" })).toBe("710102");
    expect(fundingLeafOf(byKind, "7101", {})).toBe("710101");
    expect(fundingLeafOf(byKind, "6001", {})).toBe("6001");
    const byFunction = chartWith([["7101", "710101", "一般公共服务"], ["7101", "710102", "农林水"]]);
    expect(fundingLeafOf(byFunction, "7101", {})).toBeNull();
    const refused = onFundingLeaves(paymentPaidVoucher(paid, "7101"), byFunction, {});
    expect(refused).toEqual({ ok: false, reason: expect.stringMatching(/^NO_FUNDING_LEAF: 科目 7101/) });
    // Only non-fiscal 明细: nothing for 财政拨款.
    const nonFiscal = chartWith([["7101", "710101", "非财政专项资金支出"], ["7101", "710102", "其他资金支出"]]);
    expect(fundingLeafOf(nonFiscal, "7101", {})).toBeNull();
  });

  it("records no project on 基本支出 nor a project payment without one, and cuts a long project to 100 characters", () => {
    expect(place(paymentPaidVoucher(paid, "7101"), { expenditureKind: "basic", project: "XM-1" }).lines[2]!.aux?.project).toBeUndefined();
    const none = place(paymentPaidVoucher(paid, "7101"), { expenditureKind: "project", project: null });
    expect([none.lines[2]!.account, none.lines[2]!.aux?.project]).toEqual(["7101010102", undefined]);
    expect(place(paymentPaidVoucher(paid, "7101"), { expenditureKind: "project", project: "项".repeat(150) }).lines[2]!.aux?.project).toHaveLength(100);
  });

  it("requires the functional and economic codes on the 明细 as on 7101, and refuses the parent once it has 明细", () => {
    expect(defaultChart.get("7101010202")?.requiredAux).toEqual(["functional", "economic"]);
    expect(defaultChart.get("60010101")?.requiredAux).toEqual([]);
    const bare = place(paymentPaidVoucher({ ...paid, functionalCode: null, economicCode: null }, "7101"), {});
    expect(checkVoucher(bare, open(defaultChart)).problems.map((p) => p.code)).toEqual(["MISSING_AUX"]);
    expect(checkVoucher(paymentPaidVoucher(paid, "7101"), open(defaultChart)).problems.map((p) => p.code)).toEqual(["NOT_LEAF", "NOT_LEAF"]);
  });

  it("reverses a return and a refund onto the paid voucher's 明细, and a subsidy recovery onto the paid subsidy's", () => {
    const facts: FundingFacts = { fundNature: "governmentFund", expenditureKind: "project", project: "XM-9" };
    const v = place(paymentPaidVoucher(paid, "7201"), facts);
    const red = paymentReturnedVoucher(v, { reason: "退票", returnedAt: "2026-04-02" });
    expect(red.lines.map((l) => [l.account, l.debitFen + l.creditFen, l.aux?.project])).toEqual(v.lines.map((l) => [l.account, -(l.debitFen + l.creditFen), l.aux?.project]));
    const refund = paymentRefundVoucher({ summary: v.summary, lines: v.lines.map((l) => ({ ...l, basis: basisOfCode(l.account) })) }, 0n, { amount: "0.01", reason: "多付", refundedAt: "2026-04-03" });
    expect(refund.ok && refund.voucher.lines.map((l) => [l.account, l.debitFen + l.creditFen])).toEqual([["5001", -1n], ["4001", -1n], ["7201010202", -1n], ["60010202", -1n]]);
    const subsidy = { functionalCode: "2130122", economicCode: "30305", amount: "10.00", itemName: "耕地地力保护补贴" };
    const subsidyFacts: FundingFacts = { expenditureKind: "project", project: "GDZL 耕地地力保护补贴" };
    const paidSubsidy = place(subsidyPaidVoucher({ ...subsidy, lineCount: 3, paidAt: "2026-04-01" }), subsidyFacts);
    const recovered = subsidyRecoveredVoucher({ ...subsidy, lineNo: 2, recoveredAt: "2026-04-05" });
    if (!recovered.ok) throw new Error(recovered.reason);
    const back = place(recovered.voucher, subsidyFacts);
    expect(back.lines.filter((l) => basisOfCode(l.account) === "budget").map((l) => l.account).sort()).toEqual(paidSubsidy.lines.filter((l) => basisOfCode(l.account) === "budget").map((l) => l.account).sort());
    expect(accounts(back)).toEqual(["4001", "5001", "60010102", "7101010102"]);
  });

  it("puts a quota's 6001 on 一般公共预算 基本支出", () => {
    const made = quotaChangeVoucher({ before: "0.00", after: "0.01", fiscalYear: 2026, month: 1, setOn: "2026-01-01" });
    if (!made.ok) throw new Error(made.reason);
    expect(accounts(place(made.voucher, {}))).toEqual(["1011", "4001", "800101", "60010101"]);
  });
});

// ---------------------------------------------------------------- property

const factsArb: fc.Arbitrary<FundingFacts> = fc.record({
  fundNature: fc.constantFrom("generalBudget", "governmentFund", "upperTransfer", "stateCapital", "other"),
  expenditureKind: fc.constantFrom("basic" as const, "project" as const),
  project: fc.option(fc.constantFrom("XM-1 村道", "XM-2 水利"), { nil: null }),
});
const stepArb = fc.oneof(
  fc.record({ kind: fc.constant("paid" as const), fen: fc.bigInt(1n, 10n ** 10n), method: fc.constantFrom("direct" as const, "authorised" as const), unit: fc.constantFrom("7101" as const, "7201" as const), facts: factsArb }),
  fc.record({ kind: fc.constant("returned" as const), which: fc.nat() }),
  fc.record({ kind: fc.constant("refunded" as const), which: fc.nat(), fen: fc.bigInt(1n, 10n ** 10n) }),
);

describe("random paid, returned and refunded payments on the 明细", () => {
  it("balance both bases, and the 财政拨款预算收入支出表's total 收入 is 6001 and its 支出 is 7101 + 7201, per budget", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 25 }), fc.boolean(), (steps, withDetail) => {
        const chart = withDetail ? defaultChart : flatChart;
        const posted: { voucher: VoucherInput; signed: boolean }[] = [];
        const payments: { voucher: VoucherInput; fen: bigint; taken: bigint; returned: boolean }[] = [];
        const post = (voucher: VoucherInput, signed = false) => {
          expect(checkVoucher(voucher, open(chart), { signed }).problems).toEqual([]);
          posted.push({ voucher, signed });
        };
        for (const step of steps) {
          if (step.kind === "paid") {
            // An authorised payment spends a quota received first (its 6001 on 一般公共预算 基本支出).
            if (step.method === "authorised") {
              const quota = quotaChangeVoucher({ before: "0.00", after: formatYuan(step.fen), fiscalYear: 2026, month: 4, setOn: "2026-04-01" });
              if (!quota.ok) throw new Error(quota.reason);
              post(place(quota.voucher, {}, chart));
            }
            const voucher = place(paymentPaidVoucher({ ...paid, method: step.method, amount: formatYuan(step.fen) }, step.unit), step.facts, chart);
            post(voucher);
            payments.push({ voucher, fen: step.fen, taken: 0n, returned: false });
          } else if (payments.length) {
            const p = payments[step.which % payments.length]!;
            if (p.returned) continue;
            if (step.kind === "returned") {
              if (p.taken !== 0n) continue; // a refunded payment is not returned by the bank
              post(paymentReturnedVoucher(p.voucher, { reason: null, returnedAt: "2026-04-20" }), true);
              p.returned = true;
            } else {
              const made = paymentRefundVoucher({ summary: p.voucher.summary, lines: p.voucher.lines.map((l) => ({ ...l, basis: basisOfCode(l.account) })) }, p.taken, { amount: formatYuan(step.fen), reason: "退款", refundedAt: "2026-04-25" });
              expect(made.ok).toBe(step.fen <= p.fen + p.taken);
              if (!made.ok) continue;
              post(made.voucher, true);
              p.taken -= step.fen;
            }
          }
        }
        // Both bases balance over all vouchers, and so per account set.
        const balances = new Map<string, bigint>();
        let financial = 0n;
        let budget = 0n;
        for (const { voucher } of posted) {
          for (const l of voucher.lines) {
            const net = l.debitFen - l.creditFen;
            balances.set(l.account, (balances.get(l.account) ?? 0n) + net);
            if (basisOfCode(l.account) === "financial") financial += net;
            else budget += net;
          }
        }
        expect([financial, budget]).toEqual([0n, 0n]);
        const lines: AppropriationLine[] = posted.flatMap(({ voucher }, i) =>
          voucher.lines.map((l) => ({ voucherId: String(i), kind: "normal", account: l.account, functionalCode: l.aux?.functional ?? null, project: Boolean(l.aux?.project), debitFen: l.debitFen, creditFen: l.creditFen })),
        );
        const table = fiscalAppropriation(appropriationEntriesOf(new Map(), lines, chart), null);
        const cell = (label: string, column: number, nth = 0) => table.rows.filter((r) => r.label === label)[nth]!.values[column]!;
        const sum = (prefix: string) => [...balances].filter(([c]) => c.startsWith(prefix)).reduce((s, [, b]) => s + b, 0n);
        expect(cell("总计", 5)).toBe(-sum("6001"));
        expect(cell("总计", 6)).toBe(sum("7101") + sum("7201"));
        expect(cell("总计", 7)).toBe(cell("总计", 5) - cell("总计", 6));
        // 政府性基金 from the 明细 (none without them); 项目支出 received from 6001's 项目支出 明细.
        expect(cell("二、政府性基金预算财政拨款", 5)).toBe(-sum("600102"));
        expect(cell("二、政府性基金预算财政拨款", 6)).toBe(sum("71010102") + sum("72010102"));
        if (withDetail) expect(cell("（二）项目支出", 5, 0) + cell("（二）项目支出", 5, 1)).toBe(-(sum("60010102") + sum("60010202")));
      }),
    );
  });
});
