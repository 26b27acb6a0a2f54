// Proves the posting rules (rules.ts) the ledger's consumer applies to other domains' events: for any
// amount, method and classification, each voucher passes the same checks a typed voucher does
// (accounts in the built-in chart, leaves, required dimensions, one side per line) and balances per
// basis; a recovery is a paid subsidy's entries the other way round; refunds never take back more
// than was paid, however they are split.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatYuan } from "@xiangcai/shared";
import { builtInChart } from "./service.ts";
import {
  basisOfCode,
  basisTotals,
  checkVoucher,
  expenditureAccountOf,
  onFundingLeaves,
  paymentPaidVoucher,
  paymentRefundVoucher,
  paymentReturnedVoucher,
  subsidyPaidVoucher,
  subsidyRecoveredVoucher,
  type FundingFacts,
  type LineInput,
  type VoucherCheckContext,
  type VoucherInput,
} from "./rules.ts";

const chart = new Map(builtInChart().map((a) => [a.code, a]));
const open: VoucherCheckContext = { account: (c) => chart.get(c), isClosed: () => false };

const fenArb = fc.bigInt(1n, 10n ** 13n);
const codes = fc.record({ functionalCode: fc.stringMatching(/^2[0-9]{2}([0-9]{2}){0,2}$/), economicCode: fc.stringMatching(/^3[0-9]{2}([0-9]{2})?$/) });
const dateArb = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const paymentArb = fc.record({
  method: fc.constantFrom("direct" as const, "authorised" as const),
  amountFen: fenArb,
  payeeName: fc.string({ minLength: 1, maxLength: 120 }),
  purpose: fc.string({ minLength: 1, maxLength: 120 }),
  paidAt: dateArb,
  codes,
  unitKind: fc.constantFrom("administrative", "publicInstitution", undefined),
  funding: fc.record({
    fundNature: fc.constantFrom("generalBudget", "governmentFund", "upperTransfer", "stateCapital", "other", undefined),
    expenditureKind: fc.constantFrom("basic" as const, "project" as const, undefined),
    project: fc.option(fc.string({ minLength: 1, maxLength: 120 }), { nil: null }),
  }),
});

/** A rule's voucher on the built-in chart's 明细 of 6001/7101/7201, as the consumer posts it. */
function placed(voucher: VoucherInput, facts: FundingFacts): VoucherInput {
  const made = onFundingLeaves(voucher, chart, facts);
  if (!made.ok) throw new Error(made.reason);
  return made.voucher;
}

const withBasis = (lines: readonly LineInput[]) => lines.map((l) => ({ ...l, basis: basisOfCode(l.account) }));

/** The voucher's financial and budget sides each balance, and it passes the checks a typed voucher passes. */
function expectPostable(voucher: VoucherInput, options: { signed?: boolean } = {}) {
  const { problems } = checkVoucher(voucher, open, options);
  expect(problems).toEqual([]);
  const totals = basisTotals(withBasis(voucher.lines));
  expect(totals.financial.debitFen).toBe(totals.financial.creditFen);
  expect(totals.budget.debitFen).toBe(totals.budget.creditFen);
}

describe("posting rules", () => {
  it("post a paid payment balanced per basis, for the paid amount, to the unit kind's expenditure account", () => {
    fc.assert(
      fc.property(paymentArb, (p) => {
        const voucher = placed(paymentPaidVoucher({ ...p, ...p.codes, amount: formatYuan(p.amountFen) }, expenditureAccountOf(p.unitKind)), p.funding);
        expectPostable(voucher);
        expect(basisTotals(withBasis(voucher.lines)).financial.debitFen).toBe(p.amountFen);
        expect(voucher.lines.some((l) => l.account.startsWith(p.unitKind === "publicInstitution" ? "7201" : "7101"))).toBe(true);
        expect(voucher.date).toBe(p.paidAt);
      }),
    );
  });

  it("post a return as the paid voucher in red, which nets it to zero", () => {
    fc.assert(
      fc.property(paymentArb, fc.string({ maxLength: 50 }), (p, reason) => {
        const paid = placed(paymentPaidVoucher({ ...p, ...p.codes, amount: formatYuan(p.amountFen) }, "7101"), p.funding);
        const red = paymentReturnedVoucher(paid, { reason, returnedAt: p.paidAt });
        expectPostable(red, { signed: true });
        const net = basisTotals(withBasis([...paid.lines, ...red.lines]));
        expect([net.financial.debitFen, net.financial.creditFen, net.budget.debitFen, net.budget.creditFen]).toEqual([0n, 0n, 0n, 0n]);
      }),
    );
  });

  it("take refunds back in red, balanced, and never more in all than was paid", () => {
    fc.assert(
      fc.property(paymentArb, fc.array(fenArb, { maxLength: 8 }), (p, refunds) => {
        const paid = placed(paymentPaidVoucher({ ...p, ...p.codes, amount: formatYuan(p.amountFen) }, "7201"), p.funding);
        let taken = 0n;
        for (const refundFen of refunds) {
          const result = paymentRefundVoucher({ summary: paid.summary, lines: withBasis(paid.lines) }, taken, { amount: formatYuan(refundFen), reason: "多付退回", refundedAt: p.paidAt });
          expect(result.ok).toBe(refundFen <= p.amountFen + taken);
          if (!result.ok) {
            expect(result.reason).toMatch(/^REFUND_EXCEEDS/);
            continue;
          }
          expectPostable(result.voucher, { signed: true });
          const red = basisTotals(withBasis(result.voucher.lines));
          expect(red.financial.debitFen).toBe(-refundFen);
          taken += red.financial.debitFen;
        }
        expect(-taken).toBeLessThanOrEqual(p.amountFen);
      }),
    );
  });

  it("refuse a refund of nothing, and a paid voucher whose lines differ in amount", () => {
    const paid = paymentPaidVoucher({ method: "direct", amount: "100.00", payeeName: "甲", purpose: "乙", paidAt: "2026-03-01", functionalCode: "2010101", economicCode: "30201" }, "7101");
    const lines = withBasis(paid.lines);
    expect(paymentRefundVoucher({ summary: "", lines }, 0n, { amount: "0.00", reason: "r", refundedAt: "2026-03-02" })).toEqual({ ok: false, reason: expect.stringMatching(/^BAD_AMOUNT/) });
    expect(paymentRefundVoucher({ summary: "", lines }, 0n, { amount: "100.00", reason: "r", refundedAt: "2026-03-02" }).ok).toBe(true);
    expect(paymentRefundVoucher({ summary: "", lines }, -1n, { amount: "100.00", reason: "r", refundedAt: "2026-03-02" })).toEqual({ ok: false, reason: expect.stringMatching(/^REFUND_EXCEEDS/) });
    const uneven = lines.map((l, i) => (i === 0 ? { ...l, debitFen: 60n } : l));
    expect(paymentRefundVoucher({ summary: "", lines: uneven }, 0n, { amount: "0.01", reason: "r", refundedAt: "2026-03-02" })).toEqual({ ok: false, reason: expect.stringMatching(/^UNSUPPORTED_VOUCHER/) });
  });

  it("post subsidy lines paid balanced, and a recovery as the same entries the other way round", () => {
    fc.assert(
      fc.property(fenArb, codes, dateArb, fc.integer({ min: 1, max: 100_000 }), (fen, c, on, count) => {
        const amount = formatYuan(fen);
        const facts: FundingFacts = { fundNature: "generalBudget", expenditureKind: "project", project: "耕地地力保护补贴" };
        const paid = placed(subsidyPaidVoucher({ ...c, amount, itemName: "耕地地力保护补贴", lineCount: count, paidAt: on }), facts);
        expectPostable(paid);
        const made = subsidyRecoveredVoucher({ ...c, amount, itemName: "耕地地力保护补贴", lineNo: count, recoveredAt: on });
        if (!made.ok) throw new Error(made.reason);
        const recovered = { voucher: placed(made.voucher, facts) };
        expectPostable(recovered.voucher);
        const sides = (v: VoucherInput) => v.lines.map((l) => [l.account, l.debitFen, l.creditFen]).sort();
        expect(sides(recovered.voucher)).toEqual(sides({ ...paid, lines: paid.lines.map((l) => ({ ...l, debitFen: l.creditFen, creditFen: l.debitFen })) }));
      }),
    );
    expect(subsidyRecoveredVoucher({ functionalCode: "2130122", economicCode: "30305", amount: "0.00", itemName: "x", lineNo: 1, recoveredAt: "2026-03-01" })).toEqual({ ok: false, reason: expect.stringMatching(/^BAD_AMOUNT/) });
  });
});
