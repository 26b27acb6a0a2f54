// Proves the posting rules of the authorised-payment quota over the year end and of payments from
// last year's carried-over indicators (政府会计制度, 1201 财政应返还额度): the budget never released as quota
// is recognised once and only when positive; next year's quota restores the carried-over quota first
// (Dr 1011 / Cr 120102, Dr 800101 / Cr 800103) and only the rest is new revenue, however the quota is
// raised, lowered, or posted before the year end announced it; a direct payment from a carried-over
// indicator spends 120101 / 800103 and its refund comes back onto them. Over random years of
// indicators, quotas, payments, refunds, year ends and restorations, 1011 + 1201 (120101 + 120102)
// stays equal to 800101 + 800103 and a unit's 6001 of each year equals the township's side of the 单位财政拨款核对表.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatYuan } from "@xiangcai/shared";
import {
  authorisedUnreleasedFen,
  authorisedUnreleasedVoucher,
  basisOfCode,
  directPaymentReturnableVoucher,
  fromReturnableDirectPayment,
  paymentPaidVoucher,
  paymentRefundVoucher,
  quotaReceivedVoucher,
  quotaRestorationCatchUpVoucher,
  quotaRestorationFen,
  quotaSplitLines,
  type LineInput,
  type PaidPaymentFacts,
} from "./rules.ts";
import { townshipSideOfUnit } from "../finalAccounts/index.ts";

const rows = (lines: readonly LineInput[]) => lines.map((l) => [l.account, l.debitFen, l.creditFen]);
const balanced = (lines: readonly LineInput[]) => {
  for (const basis of ["financial", "budget"] as const) {
    const mine = lines.filter((l) => basisOfCode(l.account) === basis);
    expect(mine.reduce((s, l) => s + l.debitFen, 0n)).toBe(mine.reduce((s, l) => s + l.creditFen, 0n));
  }
};

describe("authorisedUnreleasedVoucher", () => {
  it("recognises the indicators beyond the new quota on the year's last day", () => {
    const made = authorisedUnreleasedVoucher({ fiscalYear: 2026, issued: "1000.00", newQuotaFen: 600_00n });
    expect(made.ok && made.voucher.date).toBe("2026-12-31");
    expect(made.ok && rows(made.voucher.lines)).toEqual([["120102", 400_00n, 0n], ["4001", 0n, 400_00n], ["800103", 400_00n, 0n], ["6001", 0n, 400_00n]]);
  });
  it("posts one fen at the boundary and nothing when the quota reached or passed the indicators", () => {
    const fen = authorisedUnreleasedVoucher({ fiscalYear: 2026, issued: "600.01", newQuotaFen: 600_00n });
    expect(fen.ok && fen.voucher.lines[0]).toMatchObject({ account: "120102", debitFen: 1n });
    expect(authorisedUnreleasedVoucher({ fiscalYear: 2026, issued: "600.00", newQuotaFen: 600_00n })).toMatchObject({ ok: false, reason: expect.stringMatching(/^NO_DIFFERENCE/) });
    expect(authorisedUnreleasedVoucher({ fiscalYear: 2026, issued: "0.00", newQuotaFen: 0n })).toMatchObject({ ok: false, reason: expect.stringMatching(/^NO_DIFFERENCE/) });
    expect(authorisedUnreleasedFen(500_00n, 600_00n)).toBe(0n);
  });
  it("refuses a negative indicator amount", () => {
    expect(authorisedUnreleasedVoucher({ fiscalYear: 2026, issued: "-1.00", newQuotaFen: 0n })).toMatchObject({ ok: false, reason: expect.stringMatching(/^BAD_AMOUNT/) });
  });
});

describe("quotaReceivedVoucher", () => {
  const base = { before: "0.00", after: "800.00", fiscalYear: 2027, month: 1, setOn: "2027-01-05", totalBeforeFen: 0n, restoredBeforeFen: 0n };
  it("restores the carried-over quota first and posts only the rest as new revenue", () => {
    const made = quotaReceivedVoucher({ ...base, restorableFen: 300_00n });
    expect(made.ok && made.restoreFen).toBe(300_00n);
    expect(made.ok && rows(made.voucher.lines)).toEqual([["1011", 800_00n, 0n], ["4001", 0n, 500_00n], ["120102", 0n, 300_00n], ["800101", 800_00n, 0n], ["6001", 0n, 500_00n], ["800103", 0n, 300_00n]]);
    expect(made.ok && made.voucher.summary).toContain("其中恢复上年结转额度 300.00 元");
  });
  it("restores all of a quota below the restorable, and nothing more once restored", () => {
    const all = quotaReceivedVoucher({ ...base, restorableFen: 1000_00n });
    expect(all.ok && rows(all.voucher.lines)).toEqual([["1011", 800_00n, 0n], ["120102", 0n, 800_00n], ["800101", 800_00n, 0n], ["800103", 0n, 800_00n]]);
    const more = quotaReceivedVoucher({ ...base, before: "800.00", after: "1500.00", totalBeforeFen: 800_00n, restoredBeforeFen: 800_00n, restorableFen: 1000_00n });
    expect(more.ok && more.restoreFen).toBe(200_00n);
    const after = quotaReceivedVoucher({ ...base, before: "1500.00", after: "1600.00", totalBeforeFen: 1500_00n, restoredBeforeFen: 1000_00n, restorableFen: 1000_00n });
    expect(after.ok && rows(after.voucher.lines)).toEqual([["1011", 100_00n, 0n], ["4001", 0n, 100_00n], ["800101", 100_00n, 0n], ["6001", 0n, 100_00n]]);
  });
  it("takes new revenue back first when a quota is lowered, then the restoration", () => {
    const lower = quotaReceivedVoucher({ ...base, before: "1500.00", after: "600.00", totalBeforeFen: 1500_00n, restoredBeforeFen: 1000_00n, restorableFen: 1000_00n });
    expect(lower.ok && lower.restoreFen).toBe(-400_00n);
    expect(lower.ok && rows(lower.voucher.lines)).toEqual([["1011", 0n, 900_00n], ["4001", 500_00n, 0n], ["120102", 400_00n, 0n], ["800101", 0n, 900_00n], ["6001", 500_00n, 0n], ["800103", 400_00n, 0n]]);
    expect(lower.ok && lower.voucher.summary).toContain("冲回已恢复的上年结转额度 400.00 元");
  });
  it("is the plain quota voucher with nothing carried in, and keeps its refusals", () => {
    const plain = quotaReceivedVoucher({ ...base, restorableFen: 0n });
    expect(plain.ok && rows(plain.voucher.lines)).toEqual([["1011", 800_00n, 0n], ["4001", 0n, 800_00n], ["800101", 800_00n, 0n], ["6001", 0n, 800_00n]]);
    expect(quotaReceivedVoucher({ ...base, after: "0.00", restorableFen: 5n })).toMatchObject({ ok: false, reason: expect.stringMatching(/^NO_CHANGE/) });
    expect(quotaReceivedVoucher({ ...base, setOn: "2028-01-02", restorableFen: 5n })).toMatchObject({ ok: false, reason: expect.stringMatching(/^YEAR_OVER/) });
  });
});

describe("quotaRestorationFen and the catch-up", () => {
  it("restores min(quota, restorable) in all, whatever was restored before", () => {
    expect(quotaRestorationFen({ totalAfterFen: 500n, restorableFen: 300n, restoredBeforeFen: 0n })).toBe(300n);
    expect(quotaRestorationFen({ totalAfterFen: 200n, restorableFen: 300n, restoredBeforeFen: 0n })).toBe(200n);
    expect(quotaRestorationFen({ totalAfterFen: 300n, restorableFen: 300n, restoredBeforeFen: 300n })).toBe(0n);
    expect(quotaRestorationFen({ totalAfterFen: 0n, restorableFen: 300n, restoredBeforeFen: 100n })).toBe(-100n);
    expect(quotaRestorationFen({ totalAfterFen: 500n, restorableFen: -1n, restoredBeforeFen: 0n })).toBe(0n);
  });
  it("moves quota posted as new revenue over to the restoration, and refuses no change", () => {
    const made = quotaRestorationCatchUpVoucher({ fiscalYear: 2027, restoreFen: 250_00n, date: "2027-01-10" });
    expect(made.ok && rows(made.voucher.lines)).toEqual([["4001", 250_00n, 0n], ["120102", 0n, 250_00n], ["6001", 250_00n, 0n], ["800103", 0n, 250_00n]]);
    expect(quotaRestorationCatchUpVoucher({ fiscalYear: 2027, restoreFen: 0n, date: "2027-01-10" })).toMatchObject({ ok: false, reason: expect.stringMatching(/^NO_CHANGE/) });
  });
  it("balances per basis for any change and restoration", () => {
    fc.assert(fc.property(fc.bigInt(-1_000_000_000_000n, 1_000_000_000_000n), fc.bigInt(-1_000_000_000_000n, 1_000_000_000_000n), (change, restore) => balanced(quotaSplitLines(change, restore))));
  });
});

const paid = (over: Partial<PaidPaymentFacts> = {}): PaidPaymentFacts => ({ method: "direct", amount: "300.00", payeeName: "青禾文具店", purpose: "办公用品", paidAt: "2027-02-03", functionalCode: "2010301", economicCode: "30201", ...over });

describe("fromReturnableDirectPayment", () => {
  it("credits 120101 and 800103 instead of 4001 and 6001, keeping the expense lines", () => {
    const v = fromReturnableDirectPayment(paymentPaidVoucher(paid(), "7101"));
    expect(rows(v.lines)).toEqual([["5001", 300_00n, 0n], ["120101", 0n, 300_00n], ["7101", 300_00n, 0n], ["800103", 0n, 300_00n]]);
    expect(v.summary).toContain("上年结转指标");
  });
  it("lets a refund reverse onto the same lines", () => {
    const v = fromReturnableDirectPayment(paymentPaidVoucher(paid(), "7101"));
    const refund = paymentRefundVoucher({ summary: v.summary, lines: v.lines.map((l) => ({ ...l, basis: basisOfCode(l.account) })) }, 0n, { amount: "100.00", reason: "多付", refundedAt: "2027-02-10" });
    expect(refund.ok && rows(refund.voucher.lines)).toEqual([["5001", -100_00n, 0n], ["120101", 0n, -100_00n], ["7101", -100_00n, 0n], ["800103", 0n, -100_00n]]);
  });
  it("leaves an authorised payment's lines alone (no 4001 or 6001 to move)", () => {
    const v = paymentPaidVoucher(paid({ method: "authorised" }), "7101");
    expect(rows(fromReturnableDirectPayment(v).lines)).toEqual(rows(v.lines));
  });
});

// ---------------------------------------------------------------- a unit over several years

type Step =
  | { kind: "quota"; deltaFen: bigint }
  | { kind: "payAuthorised"; fen: bigint }
  | { kind: "payDirect"; fen: bigint; carried: boolean }
  | { kind: "refundDirect"; fen: bigint };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("quota" as const), deltaFen: fc.bigInt(-50_000n, 200_000n) }),
  fc.record({ kind: fc.constant("payAuthorised" as const), fen: fc.bigInt(1n, 80_000n) }),
  fc.record({ kind: fc.constant("payDirect" as const), fen: fc.bigInt(1n, 80_000n), carried: fc.boolean() }),
  fc.record({ kind: fc.constant("refundDirect" as const), fen: fc.bigInt(1n, 30_000n) }),
);
const yearArb = fc.record({
  authorisedIssuedFen: fc.bigInt(0n, 300_000n),
  directIssuedFen: fc.bigInt(0n, 300_000n),
  steps: fc.array(stepArb, { maxLength: 25 }),
  /** Next year's quota posted before this year end's event is consumed. */
  earlyQuotaFen: fc.oneof(fc.constant(0n), fc.bigInt(1n, 200_000n)),
});

describe("a unit's books over random years", () => {
  it("keep 1011 + 120101 + 120102 equal to 800101 + 800103, and each year's 6001 equal to the township's side", () => {
    fc.assert(
      fc.property(fc.array(yearArb, { minLength: 1, maxLength: 3 }), (years) => {
        const balance = new Map<string, bigint>();
        const appropriation = new Map<number, bigint>();
        const post = (year: number, lines: readonly LineInput[]) => {
          balanced(lines);
          for (const l of lines) {
            balance.set(l.account, (balance.get(l.account) ?? 0n) + l.debitFen - l.creditFen);
            if (l.account === "6001") appropriation.set(year, (appropriation.get(year) ?? 0n) + l.creditFen - l.debitFen);
          }
          const b = (a: string) => balance.get(a) ?? 0n;
          // 1201's two 明细 (direct and authorised) and the quota against 资金结存's two.
          expect(b("1011") + b("120101") + b("120102")).toBe(b("800101") + b("800103"));
        };
        // What the ledger has posted of each year's quota, and what the treasury and budget know.
        const ledgerQuota = new Map<number, { totalFen: bigint; restoredFen: bigint; newFen: bigint }>();
        const quotaOf = (y: number) => ledgerQuota.get(y) ?? { totalFen: 0n, restoredFen: 0n, newFen: 0n };
        const postQuota = (y: number, beforeFen: bigint, afterFen: bigint, restorableFen: bigint) => {
          const q = quotaOf(y);
          const made = quotaReceivedVoucher({ before: formatYuan(beforeFen), after: formatYuan(afterFen), fiscalYear: y, month: 1, setOn: `${y}-01-02`, totalBeforeFen: q.totalFen, restoredBeforeFen: q.restoredFen, restorableFen });
          if (!made.ok) return;
          post(y, made.voucher.lines);
          const change = afterFen - beforeFen;
          ledgerQuota.set(y, { totalFen: q.totalFen + change, restoredFen: q.restoredFen + made.restoreFen, newFen: q.newFen + change - made.restoreFen });
        };
        let restorable = 0n; // authorised money carried into the year
        let directCarriedIn = 0n; // direct-payment money carried into the year
        let treasuryQuota = 0n; // this year's quota so far (early quota included)
        years.forEach((plan, i) => {
          const y = 2026 + i;
          let authorisedPaid = 0n;
          let ownDirectPaid = 0n;
          let carriedDirectPaid = 0n;
          const ownDirectPayments: { lines: LineInput[]; leftFen: bigint }[] = [];
          for (const s of plan.steps) {
            if (s.kind === "quota") {
              const after = treasuryQuota + s.deltaFen;
              if (after < authorisedPaid || after < 0n || s.deltaFen === 0n) continue; // the treasury refuses a quota below what was used
              postQuota(y, treasuryQuota, after, restorable);
              treasuryQuota = after;
            } else if (s.kind === "payAuthorised") {
              if (s.fen > treasuryQuota - authorisedPaid || s.fen > plan.authorisedIssuedFen + restorable - authorisedPaid) continue;
              post(y, paymentPaidVoucher(paid({ method: "authorised", amount: formatYuan(s.fen) }), "7101").lines);
              authorisedPaid += s.fen;
            } else if (s.kind === "payDirect") {
              const v = paymentPaidVoucher(paid({ amount: formatYuan(s.fen) }), "7101");
              if (s.carried) {
                if (s.fen > directCarriedIn - carriedDirectPaid) continue;
                post(y, fromReturnableDirectPayment(v).lines);
                carriedDirectPaid += s.fen;
              } else {
                if (s.fen > plan.directIssuedFen - ownDirectPaid) continue;
                post(y, v.lines);
                ownDirectPaid += s.fen;
                ownDirectPayments.push({ lines: v.lines, leftFen: s.fen });
              }
            } else {
              const target = ownDirectPayments.find((p) => p.leftFen >= s.fen);
              if (!target) continue;
              const refund = paymentRefundVoucher({ summary: "", lines: target.lines.map((l) => ({ ...l, basis: basisOfCode(l.account) })) }, target.leftFen - parseFen(target.lines), { amount: formatYuan(s.fen), reason: "退款", refundedAt: `${y}-06-01` });
              expect(refund.ok).toBe(true);
              if (!refund.ok) continue;
              post(y, refund.voucher.lines);
              target.leftFen -= s.fen;
              ownDirectPaid -= s.fen;
            }
          }
          // The ledger's year closing cancels the unused quota (1011's balance) to 120102.
          const unused = balance.get("1011") ?? 0n;
          if (unused !== 0n) post(y, [{ account: "120102", debitFen: unused, creditFen: 0n }, { account: "1011", debitFen: 0n, creditFen: unused }, { account: "800103", debitFen: unused, creditFen: 0n }, { account: "800101", debitFen: 0n, creditFen: unused }]);
          // Next year's first quota may come before the year end is announced: posted with nothing restorable yet.
          if (plan.earlyQuotaFen > 0n) postQuota(y + 1, 0n, plan.earlyQuotaFen, 0n);
          // The budget's year end: own direct money unspent, authorised indicators, what is carried over.
          const directCarriedOut = plan.directIssuedFen - ownDirectPaid;
          if (directCarriedOut > 0n) {
            const d = directPaymentReturnableVoucher({ fiscalYear: y, amount: formatYuan(directCarriedOut), indicatorCount: 1 });
            if (d.ok) post(y, d.voucher.lines);
          }
          const unreleased = authorisedUnreleasedVoucher({ fiscalYear: y, issued: formatYuan(plan.authorisedIssuedFen), newQuotaFen: quotaOf(y).newFen });
          if (unreleased.ok) post(y, unreleased.voucher.lines);
          const carriedOut = plan.authorisedIssuedFen + restorable - authorisedPaid;
          const next = quotaOf(y + 1);
          const catchUp = quotaRestorationCatchUpVoucher({ fiscalYear: y + 1, restoreFen: quotaRestorationFen({ totalAfterFen: next.totalFen, restorableFen: carriedOut, restoredBeforeFen: next.restoredFen }), date: `${y + 1}-01-10` });
          if (catchUp.ok) {
            post(y + 1, catchUp.voucher.lines);
            const restore = catchUp.voucher.lines.find((l) => l.account === "120102")!;
            ledgerQuota.set(y + 1, { ...next, restoredFen: next.restoredFen + restore.creditFen - restore.debitFen, newFen: next.newFen - (restore.creditFen - restore.debitFen) });
          }
          // The township's side of the year's 单位财政拨款核对表 equals the unit's 6001.
          const side = townshipSideOfUnit({ directPaidFen: ownDirectPaid, quotaFen: treasuryQuota, restorableFen: restorable, yearClosed: true, authorisedIssuedFen: plan.authorisedIssuedFen, directCarriedFen: directCarriedOut });
          expect(appropriation.get(y) ?? 0n).toBe(side.totalFen);
          restorable = carriedOut;
          directCarriedIn = directCarriedIn - carriedDirectPaid + directCarriedOut;
          treasuryQuota = plan.earlyQuotaFen;
        });
      }),
      { numRuns: 300 },
    );
  });
});

/** A paid voucher's amount (each of its lines carries it). */
function parseFen(lines: readonly LineInput[]): bigint {
  return lines[0]!.debitFen + lines[0]!.creditFen;
}
