// Proves the posting rules of the authorised-payment quota over the year end and of payments from
// last year's carried-over indicators (政府会计制度, 1201 财政应返还额度): the budget never released as quota
// is recognised once and only when positive; next year's quota restores the carried-over quota first
// (Dr 1011 / Cr 120102, Dr 800101 / Cr 800103) and only the rest is new revenue, however the quota is
// raised, lowered, or posted before the year end announced it; a direct payment from a carried-over
// indicator spends 120101 / 800103 and its refund comes back onto them. Over random years of
// indicators, quotas, payments, refunds, year ends and restorations, 1011 + 1201 (120101 + 120102)
// stays equal to 800101 + 800103 and a unit's 6001 of each year equals the township's side of the 单位财政拨款核对表,
// in all and per fund × 基本支出 / 项目支出 (the quota is issued per fund and kind and restores and releases per fund and kind).
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
  it("names 项目支出 in the summary of a 项目支出 quota, its unreleased part and its catch-up; 基本支出's keep the plain summary", () => {
    const project = quotaReceivedVoucher({ ...base, expenditureKind: "project", restorableFen: 0n });
    expect(project.ok && project.voucher.summary).toContain("月项目支出财政授权支付额度");
    const basic = quotaReceivedVoucher({ ...base, expenditureKind: "basic", restorableFen: 0n });
    expect(basic.ok && basic.voucher.summary).not.toContain("支出财政授权");
    const unreleased = authorisedUnreleasedVoucher({ fiscalYear: 2026, issued: "1.00", newQuotaFen: 0n, expenditureKind: "project" });
    expect(unreleased.ok && unreleased.voucher.summary).toContain("未下达的项目支出财政授权支付额度");
    const catchUp = quotaRestorationCatchUpVoucher({ fiscalYear: 2027, restoreFen: 1n, date: "2027-01-10", expenditureKind: "project" });
    expect(catchUp.ok && catchUp.voucher.summary).toContain("已下达的项目支出授权支付额度");
  });
  it("names a fund other than 一般公共预算 before the kind; 一般公共预算's keep the summary they had", () => {
    const fund = quotaReceivedVoucher({ ...base, expenditureKind: "project", fund: "governmentFund", restorableFen: 0n });
    expect(fund.ok && fund.voucher.summary).toContain("月政府性基金项目支出财政授权支付额度");
    const fundBasic = quotaReceivedVoucher({ ...base, expenditureKind: "basic", fund: "stateCapital", restorableFen: 0n });
    expect(fundBasic.ok && fundBasic.voucher.summary).toContain("月国有资本经营财政授权支付额度");
    const general = quotaReceivedVoucher({ ...base, expenditureKind: "project", fund: "generalBudget", restorableFen: 0n });
    expect(general.ok && general.voucher.summary).toContain("月项目支出财政授权支付额度");
    const unreleased = authorisedUnreleasedVoucher({ fiscalYear: 2026, issued: "1.00", newQuotaFen: 0n, expenditureKind: "project", fund: "governmentFund" });
    expect(unreleased.ok && unreleased.voucher.summary).toContain("未下达的政府性基金项目支出财政授权支付额度");
    const catchUp = quotaRestorationCatchUpVoucher({ fiscalYear: 2027, restoreFen: 1n, date: "2027-01-10", expenditureKind: "project", fund: "governmentFund" });
    expect(catchUp.ok && catchUp.voucher.summary).toContain("已下达的政府性基金项目支出授权支付额度");
  });
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
// The quota is issued per fund and kind (一般公共预算 / 政府性基金 × 基本支出 / 项目支出): each quota restores
// and releases only the authorised money of its fund and kind, so the model keeps the authorised side per
// fund and kind (a "kind" below is the pair) and tags each voucher with the pair whose 6001 明细 it would
// post on (direct payments: their own, not the quota's).

const KINDS = ["basic", "project", "fundBasic", "fundProject"] as const;
type Kind = (typeof KINDS)[number];
/** The quota's fund and expenditure kind of each modelled pair. */
const QUOTA_OF: Record<Kind, { expenditureKind: "basic" | "project"; fund: "generalBudget" | "governmentFund" }> = {
  basic: { expenditureKind: "basic", fund: "generalBudget" },
  project: { expenditureKind: "project", fund: "generalBudget" },
  fundBasic: { expenditureKind: "basic", fund: "governmentFund" },
  fundProject: { expenditureKind: "project", fund: "governmentFund" },
};
const perKind = <T,>(make: () => T): Record<Kind, T> => ({ basic: make(), project: make(), fundBasic: make(), fundProject: make() });
type KindFacts = { quotaFen: bigint; restorableFen: bigint; issuedFen: bigint };
const noFacts: KindFacts = { quotaFen: 0n, restorableFen: 0n, issuedFen: 0n };
/** townshipSideOfUnit's authorised facts from the model's pairs (国有资本经营 has none). */
const authorisedOf = (of: (k: Kind) => KindFacts) => ({
  generalBudget: { basic: of("basic"), project: of("project") },
  governmentFund: { basic: of("fundBasic"), project: of("fundProject") },
  stateCapital: { basic: noFacts, project: noFacts },
});
const kindArb = fc.constantFrom(...KINDS);

type Step =
  | { kind: "quota"; expenditureKind: Kind; deltaFen: bigint }
  | { kind: "payAuthorised"; expenditureKind: Kind; fen: bigint }
  | { kind: "payDirect"; fen: bigint; carried: boolean }
  | { kind: "refundDirect"; fen: bigint };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("quota" as const), expenditureKind: kindArb, deltaFen: fc.bigInt(-50_000n, 200_000n) }),
  fc.record({ kind: fc.constant("payAuthorised" as const), expenditureKind: kindArb, fen: fc.bigInt(1n, 80_000n) }),
  fc.record({ kind: fc.constant("payDirect" as const), fen: fc.bigInt(1n, 80_000n), carried: fc.boolean() }),
  fc.record({ kind: fc.constant("refundDirect" as const), fen: fc.bigInt(1n, 30_000n) }),
);
const yearArb = fc.record({
  authorisedIssuedFen: fc.record({
    basic: fc.bigInt(0n, 300_000n),
    project: fc.oneof(fc.constant(0n), fc.bigInt(0n, 300_000n)),
    fundBasic: fc.oneof(fc.constant(0n), fc.bigInt(0n, 300_000n)),
    fundProject: fc.oneof(fc.constant(0n), fc.bigInt(0n, 300_000n)),
  }),
  directIssuedFen: fc.bigInt(0n, 300_000n),
  steps: fc.array(stepArb, { maxLength: 25 }),
  /** Next year's quota of each kind posted before this year end's event is consumed. */
  earlyQuotaFen: fc.record({
    basic: fc.oneof(fc.constant(0n), fc.bigInt(1n, 200_000n)),
    project: fc.oneof(fc.constant(0n), fc.bigInt(1n, 200_000n)),
    fundBasic: fc.oneof(fc.constant(0n), fc.bigInt(1n, 200_000n)),
    fundProject: fc.oneof(fc.constant(0n), fc.bigInt(1n, 200_000n)),
  }),
});

describe("a unit's books over random years", () => {
  it("keep 1011 + 120101 + 120102 equal to 800101 + 800103, and each year's 6001, in all and per kind, equal to the township's side", () => {
    fc.assert(
      fc.property(fc.array(yearArb, { minLength: 1, maxLength: 3 }), (years) => {
        const balance = new Map<string, bigint>();
        /** 6001 per year and 明细: a kind's (quota, unreleased, restoration) or the direct payments'. */
        const appropriation = new Map<string, bigint>();
        const of6001 = (year: number, leaf: Kind | "direct") => appropriation.get(`${year}:${leaf}`) ?? 0n;
        const post = (year: number, leaf: Kind | "direct", lines: readonly LineInput[]) => {
          balanced(lines);
          for (const l of lines) {
            balance.set(l.account, (balance.get(l.account) ?? 0n) + l.debitFen - l.creditFen);
            if (l.account === "6001") appropriation.set(`${year}:${leaf}`, of6001(year, leaf) + l.creditFen - l.debitFen);
          }
          const b = (a: string) => balance.get(a) ?? 0n;
          // 1201's two 明细 (direct and authorised) and the quota against 资金结存's two.
          expect(b("1011") + b("120101") + b("120102")).toBe(b("800101") + b("800103"));
        };
        // What the ledger has posted of each year's quota of each kind, and what the treasury and budget know.
        const ledgerQuota = new Map<string, { totalFen: bigint; restoredFen: bigint; newFen: bigint }>();
        const quotaOf = (y: number, k: Kind) => ledgerQuota.get(`${y}:${k}`) ?? { totalFen: 0n, restoredFen: 0n, newFen: 0n };
        const postQuota = (y: number, k: Kind, beforeFen: bigint, afterFen: bigint, restorableFen: bigint) => {
          const q = quotaOf(y, k);
          const made = quotaReceivedVoucher({ before: formatYuan(beforeFen), after: formatYuan(afterFen), fiscalYear: y, month: 1, setOn: `${y}-01-02`, ...QUOTA_OF[k], totalBeforeFen: q.totalFen, restoredBeforeFen: q.restoredFen, restorableFen });
          if (!made.ok) return;
          post(y, k, made.voucher.lines);
          const change = afterFen - beforeFen;
          ledgerQuota.set(`${y}:${k}`, { totalFen: q.totalFen + change, restoredFen: q.restoredFen + made.restoreFen, newFen: q.newFen + change - made.restoreFen });
        };
        let restorable = perKind(() => 0n); // authorised money carried into the year, per kind
        let directCarriedIn = 0n; // direct-payment money carried into the year
        let treasuryQuota = perKind(() => 0n); // this year's quota so far per kind (early quota included)
        years.forEach((plan, i) => {
          const y = 2026 + i;
          const authorisedPaid = perKind(() => 0n);
          let ownDirectPaid = 0n;
          let carriedDirectPaid = 0n;
          const ownDirectPayments: { lines: LineInput[]; leftFen: bigint }[] = [];
          for (const s of plan.steps) {
            if (s.kind === "quota") {
              const k = s.expenditureKind;
              const after = treasuryQuota[k] + s.deltaFen;
              if (after < authorisedPaid[k] || after < 0n || s.deltaFen === 0n) continue; // the treasury refuses a quota below what was used
              postQuota(y, k, treasuryQuota[k], after, restorable[k]);
              treasuryQuota[k] = after;
            } else if (s.kind === "payAuthorised") {
              // A payment uses the quota of its indicator's kind only.
              const k = s.expenditureKind;
              if (s.fen > treasuryQuota[k] - authorisedPaid[k] || s.fen > plan.authorisedIssuedFen[k] + restorable[k] - authorisedPaid[k]) continue;
              post(y, k, paymentPaidVoucher(paid({ method: "authorised", amount: formatYuan(s.fen) }), "7101").lines);
              authorisedPaid[k] += s.fen;
            } else if (s.kind === "payDirect") {
              const v = paymentPaidVoucher(paid({ amount: formatYuan(s.fen) }), "7101");
              if (s.carried) {
                if (s.fen > directCarriedIn - carriedDirectPaid) continue;
                post(y, "direct", fromReturnableDirectPayment(v).lines);
                carriedDirectPaid += s.fen;
              } else {
                if (s.fen > plan.directIssuedFen - ownDirectPaid) continue;
                post(y, "direct", v.lines);
                ownDirectPaid += s.fen;
                ownDirectPayments.push({ lines: v.lines, leftFen: s.fen });
              }
            } else {
              const target = ownDirectPayments.find((p) => p.leftFen >= s.fen);
              if (!target) continue;
              const refund = paymentRefundVoucher({ summary: "", lines: target.lines.map((l) => ({ ...l, basis: basisOfCode(l.account) })) }, target.leftFen - parseFen(target.lines), { amount: formatYuan(s.fen), reason: "退款", refundedAt: `${y}-06-01` });
              expect(refund.ok).toBe(true);
              if (!refund.ok) continue;
              post(y, "direct", refund.voucher.lines);
              target.leftFen -= s.fen;
              ownDirectPaid -= s.fen;
            }
          }
          // The ledger's year closing cancels the unused quota (1011's balance) to 120102.
          const unused = balance.get("1011") ?? 0n;
          if (unused !== 0n) post(y, "direct", [{ account: "120102", debitFen: unused, creditFen: 0n }, { account: "1011", debitFen: 0n, creditFen: unused }, { account: "800103", debitFen: unused, creditFen: 0n }, { account: "800101", debitFen: 0n, creditFen: unused }]);
          // Next year's first quota may come before the year end is announced: posted with nothing restorable yet.
          for (const k of KINDS) if (plan.earlyQuotaFen[k] > 0n) postQuota(y + 1, k, 0n, plan.earlyQuotaFen[k], 0n);
          // The budget's year end: own direct money unspent, authorised indicators and what is carried over, per kind.
          const directCarriedOut = plan.directIssuedFen - ownDirectPaid;
          if (directCarriedOut > 0n) {
            const d = directPaymentReturnableVoucher({ fiscalYear: y, amount: formatYuan(directCarriedOut), indicatorCount: 1 });
            if (d.ok) post(y, "direct", d.voucher.lines);
          }
          const carriedOut = perKind(() => 0n);
          for (const k of KINDS) {
            const unreleased = authorisedUnreleasedVoucher({ fiscalYear: y, issued: formatYuan(plan.authorisedIssuedFen[k]), newQuotaFen: quotaOf(y, k).newFen, ...QUOTA_OF[k] });
            if (unreleased.ok) post(y, k, unreleased.voucher.lines);
            carriedOut[k] = plan.authorisedIssuedFen[k] + restorable[k] - authorisedPaid[k];
            const next = quotaOf(y + 1, k);
            const catchUp = quotaRestorationCatchUpVoucher({ fiscalYear: y + 1, restoreFen: quotaRestorationFen({ totalAfterFen: next.totalFen, restorableFen: carriedOut[k], restoredBeforeFen: next.restoredFen }), date: `${y + 1}-01-10`, ...QUOTA_OF[k] });
            if (catchUp.ok) {
              post(y + 1, k, catchUp.voucher.lines);
              const restore = catchUp.voucher.lines.find((l) => l.account === "120102")!;
              ledgerQuota.set(`${y + 1}:${k}`, { ...next, restoredFen: next.restoredFen + restore.creditFen - restore.debitFen, newFen: next.newFen - (restore.creditFen - restore.debitFen) });
            }
          }
          // The township's side of the year's 单位财政拨款核对表 equals the unit's 6001, in all and per kind.
          const facts = (k: Kind): KindFacts => ({ quotaFen: treasuryQuota[k], restorableFen: restorable[k], issuedFen: plan.authorisedIssuedFen[k] });
          const side = townshipSideOfUnit({ directPaidFen: ownDirectPaid, authorised: authorisedOf(facts), yearClosed: true, directCarriedFen: directCarriedOut });
          expect(of6001(y, "direct") + KINDS.reduce((sum, k) => sum + of6001(y, k), 0n)).toBe(side.totalFen);
          expect(of6001(y, "direct")).toBe(ownDirectPaid + directCarriedOut);
          for (const k of KINDS) {
            const only = townshipSideOfUnit({ directPaidFen: 0n, authorised: authorisedOf((other) => (other === k ? facts(k) : noFacts)), yearClosed: true, directCarriedFen: 0n });
            expect(of6001(y, k)).toBe(only.totalFen);
          }
          restorable = carriedOut;
          directCarriedIn = directCarriedIn - carriedDirectPaid + directCarriedOut;
          treasuryQuota = { ...plan.earlyQuotaFen };
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
