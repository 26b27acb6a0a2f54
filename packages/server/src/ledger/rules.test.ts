// Proves the pure ledger rules: the built-in chart and CSV import, sub-account codes, every voucher
// error code on valid, invalid and boundary input, the parallel-recording warning, reversal, the
// trial balance and its CSV, and (fast-check) that any sequence of valid vouchers, reversals and
// month closings keeps debits = credits per basis, the trial balance balanced and numbers gap-free.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import {
  checkSubAccountCode,
  checkVoucher,
  parseChartCsv,
  readImportedVoucher,
  reversalLines,
  trialBalance,
  trialBalanceCsv,
  trialBalanceTotals,
  voucherLabel,
  type ChartAccount,
  type LineInput,
  type Movement,
  type VoucherCheckContext,
} from "./rules.ts";

const csv = readFileSync(new URL("./data/gov-accounting-chart.csv", import.meta.url), "utf8");
const parsed = parseChartCsv(csv);
if (!parsed.ok) throw new Error("built-in chart must parse");
const chart = new Map(parsed.accounts.map((a) => [a.code, a]));
const ctx: VoucherCheckContext = { account: (c) => chart.get(c), isClosed: (y, m) => y === 2026 && m === 1 };
const line = (account: string, side: "d" | "c", fen: bigint, aux?: LineInput["aux"]): LineInput => ({ account, debitFen: side === "d" ? fen : 0n, creditFen: side === "c" ? fen : 0n, aux });
const aux = { functional: "2010101", economic: "30201" };
const codes = (lines: LineInput[], date = "2026-03-10") => checkVoucher({ date, summary: "测试", lines }, ctx).problems.map((p) => p.code);

describe("the built-in 政府会计制度 chart", () => {
  it("has every first-level account of DOMAIN.md §5 with basis, side and category", () => {
    expect(chart.get("1001")).toMatchObject({ name: "库存现金", basis: "financial", category: "asset", normalSide: "debit", isLeaf: true });
    expect(chart.get("1602")).toMatchObject({ basis: "financial", normalSide: "credit" });
    expect(chart.get("5901")?.name).toBe("其他费用");
    expect(chart.get("6001")).toMatchObject({ basis: "budget", category: "budget_revenue", normalSide: "credit" });
    expect(chart.get("8001")).toMatchObject({ normalSide: "debit", isLeaf: false });
    expect(chart.get("800101")).toMatchObject({ name: "零余额账户用款额度", parentCode: "8001", isLeaf: true });
    expect(chart.get("7101")?.requiredAux).toEqual(["functional", "economic"]);
    expect([...chart.values()].filter((a) => a.code.length === 4)).toHaveLength(35 + 16 + 7 + 11 + 8 + 9 + 8 + 9);
  });

  it("imports a CSV with sub-accounts and refuses a file with any bad row", () => {
    const ok = parseChartCsv("code,name,basis,category,normal_side,required_aux\n1002,银行存款,financial,asset,debit,\n100201,工行,financial,asset,debit,payee\n");
    expect(ok.ok && ok.accounts.map((a) => [a.code, a.isLeaf, a.requiredAux])).toEqual([["1002", false, []], ["100201", true, ["payee"]]]);
    const orphan = parseChartCsv("code,name,basis,category,normal_side\n100201,工行,financial,asset,debit\n");
    expect(orphan.ok).toBe(false);
    const wrongBasis = parseChartCsv("code,name,basis,category,normal_side\n6001,财政拨款预算收入,financial,budget_revenue,credit\n");
    expect(!wrongBasis.ok && wrongBasis.problems[0]!.message).toMatch(/核算体系/);
    expect(parseChartCsv("编码,名称\n").ok).toBe(false);
  });

  it("accepts a sub-account code of the parent plus two digits only", () => {
    expect(checkSubAccountCode("1002", "100201")).toBeNull();
    expect(checkSubAccountCode("100201", "10020199")).toBeNull();
    expect(checkSubAccountCode("1002", "10021")).not.toBeNull();
    expect(checkSubAccountCode("1002", "100301")).not.toBeNull();
    expect(checkSubAccountCode("1002", "100200")).not.toBeNull();
    expect(checkSubAccountCode("1002010101", "100201010101")).toBeNull();
    expect(checkSubAccountCode("100201010101", "10020101010101")).not.toBeNull();
  });
});

describe("voucher checks", () => {
  it("accepts the worked entries of DOMAIN.md §5 with both bases balanced", () => {
    expect(codes([line("1011", "d", 5_000_000n), line("4001", "c", 5_000_000n), line("800101", "d", 5_000_000n), line("60010101", "c", 5_000_000n)])).toEqual([]);
    expect(codes([line("5001", "d", 12_000n), line("1011", "c", 12_000n), line("7101010101", "d", 12_000n, aux), line("800101", "c", 12_000n)])).toEqual([]);
  });

  it("accepts a voucher with only financial lines, and one with only budget lines", () => {
    expect(codes([line("5001", "d", 100n), line("1602", "c", 100n)])).toEqual([]);
    expect(codes([line("800103", "d", 100n), line("800101", "c", 100n)])).toEqual([]);
  });

  it("checks each basis on its own: a voucher balanced only in total is refused", () => {
    expect(codes([line("5001", "d", 100n), line("1011", "c", 99n), line("7101010101", "d", 99n, aux), line("800101", "c", 100n)])).toEqual(["UNBALANCED_FINANCIAL", "UNBALANCED_BUDGET"]);
    expect(codes([line("5001", "d", 100n), line("60010101", "c", 100n)])).toEqual(["UNBALANCED_FINANCIAL", "UNBALANCED_BUDGET"]);
    expect(codes([line("5001", "d", 100n), line("1011", "c", 100n), line("7101010101", "d", 1n, aux), line("800101", "c", 2n)])).toEqual(["UNBALANCED_BUDGET"]);
  });

  it("gives each error code for its case", () => {
    expect(codes([line("5001", "d", 100n)])).toContain("TOO_FEW_LINES");
    expect(codes([line("1999", "d", 100n), line("1602", "c", 100n)])).toEqual(["UNKNOWN_ACCOUNT"]);
    expect(codes([line("8001", "d", 100n), line("60010101", "c", 100n)])).toEqual(["NOT_LEAF"]);
    expect(codes([line("7101010101", "d", 100n, aux), line("8001", "c", 100n)])).toContain("NOT_LEAF");
    expect(codes([line("7101010101", "d", 100n, { functional: "2010101" }), line("800101", "c", 100n)])).toEqual(["MISSING_AUX"]);
    expect(codes([line("5001", "d", 0n), line("1011", "c", 0n)])).toContain("BAD_AMOUNT");
    expect(codes([line("5001", "d", -100n), line("1011", "c", -100n)])).toContain("BAD_AMOUNT");
    expect(codes([{ account: "5001", debitFen: 100n, creditFen: 100n }, line("1011", "c", 100n)])).toContain("BAD_AMOUNT");
    expect(codes([line("5001", "d", 100n), line("1602", "c", 100n)], "2026-01-31")).toEqual(["PERIOD_CLOSED"]);
  });

  it("treats one fen as the smallest amount and two lines as the fewest", () => {
    expect(codes([line("5001", "d", 1n), line("1602", "c", 1n)])).toEqual([]);
    expect(codes([line("5001", "d", 1n), line("1602", "c", 1n)], "2026-02-01")).toEqual([]);
  });

  it("warns on cash or quota movement without budget lines, and not when budget lines are present", () => {
    const alone = checkVoucher({ date: "2026-03-01", summary: "x", lines: [line("5001", "d", 100n), line("1011", "c", 100n)] }, ctx);
    expect(alone.problems).toEqual([]);
    expect(alone.warnings.map((w) => w.code)).toEqual(["PARALLEL_RECORDING"]);
    const paired = checkVoucher({ date: "2026-03-01", summary: "x", lines: [line("5001", "d", 100n), line("1011", "c", 100n), line("7101010101", "d", 100n, aux), line("800101", "c", 100n)] }, ctx);
    expect(paired.warnings).toEqual([]);
    const nonCash = checkVoucher({ date: "2026-03-01", summary: "x", lines: [line("5001", "d", 100n), line("2201", "c", 100n)] }, ctx);
    expect(nonCash.warnings).toEqual([]);
  });

  it("reads the import contract's JSON and refuses bad amounts", () => {
    const ok = readImportedVoucher({ date: "2026-03-01", summary: "额度", lines: [{ account: "1011", debit: "50000.00" }, { account: "4001", credit: "50000.00" }] });
    expect(ok.ok && ok.voucher.lines.map((l) => [l.debitFen, l.creditFen])).toEqual([[5_000_000n, 0n], [0n, 5_000_000n]]);
    for (const bad of [{ debit: "-1.00" }, { debit: "1.001" }, { debit: 5 }, { debit: "1.00", credit: "1.00" }, {}, { debit: "0.00" }]) {
      const r = readImportedVoucher({ date: "2026-03-01", summary: "x", lines: [{ account: "1011", ...bad }, { account: "4001", credit: "1.00" }] });
      expect(r.ok ? [] : r.problems.map((p) => p.code), JSON.stringify(bad)).toEqual(["BAD_AMOUNT"]);
    }
    const min = readImportedVoucher({ date: "2026-03-01", summary: "x", lines: [{ account: "1011", debit: "0.01" }, { account: "4001", credit: "0.01" }] });
    expect(min.ok).toBe(true);
  });

  it("numbers vouchers 记-0001 and reverses by negating the same sides", () => {
    expect(voucherLabel(1)).toBe("记-0001");
    expect(voucherLabel(12345)).toBe("记-12345");
    expect(reversalLines([line("5001", "d", 100n), line("1011", "c", 100n)]).map((l) => [l.debitFen, l.creditFen])).toEqual([[-100n, 0n], [0n, -100n]]);
  });
});

describe("trial balance", () => {
  it("rolls sub-accounts up, puts each balance in the column of its actual side, and totals in 合计", () => {
    const opening = new Map([["100201", 10_000n], ["3001", -10_000n]]);
    const period = new Map<string, Movement>([["100201", { debitFen: 0n, creditFen: 15_000n }], ["5001", { debitFen: 15_000n, creditFen: 0n }]]);
    const rows = trialBalance([...chart.values()], opening, period);
    expect(rows.map((r) => r.account)).toEqual(["1002", "3001", "5001"]);
    expect(rows[0]).toMatchObject({ openingDebitFen: 10_000n, periodCreditFen: 15_000n, closingDebitFen: 0n, closingCreditFen: 5_000n });
    const text = trialBalanceCsv(rows).trim().split("\n");
    expect(text[0]).toBe("account,name,opening_debit,opening_credit,period_debit,period_credit,closing_debit,closing_credit");
    expect(text[1]).toBe("1002,银行存款,100.00,0.00,0.00,150.00,0.00,50.00");
    expect(text.at(-1)).toBe("合计,,100.00,100.00,150.00,150.00,150.00,150.00");
  });
});

// A pure model of a set: post valid vouchers, reverse posted ones, close months.
type Op = { kind: "post"; month: number; lines: LineInput[] } | { kind: "reverse"; pick: number } | { kind: "close" };
const leafCodes = [...chart.values()].filter((a: ChartAccount) => a.isLeaf && a.requiredAux.length === 0);
const financialLeaves = leafCodes.filter((a) => a.basis === "financial").map((a) => a.code);
const budgetLeaves = leafCodes.filter((a) => a.basis === "budget").map((a) => a.code);

const balancedPair = (codes: string[]) =>
  fc.tuple(fc.constantFrom(...codes), fc.constantFrom(...codes), fc.bigInt({ min: 1n, max: 10_000_000_000n })).map(([d, c, fen]) => [line(d, "d", fen), line(c, "c", fen)]);
const voucherLines = fc
  .tuple(fc.array(balancedPair(financialLeaves), { maxLength: 3 }), fc.array(balancedPair(budgetLeaves), { maxLength: 3 }))
  .filter(([f, b]) => f.length + b.length > 0)
  .map(([f, b]) => [...f.flat(), ...b.flat()]);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("post" as const), month: fc.integer({ min: 1, max: 12 }), lines: voucherLines }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("reverse" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("close" as const) }) },
);

describe("any sequence of valid vouchers, reversals and closings (fast-check)", () => {
  it("keeps debits = credits per basis, the trial balance balanced and numbers gap-free", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        let closedThrough = 0;
        const posted: { month: number; number: number; lines: LineInput[] }[] = [];
        const next = new Map<number, number>();
        const model: VoucherCheckContext = { account: (c) => chart.get(c), isClosed: (_y, m) => m <= closedThrough };
        const post = (month: number, lines: LineInput[], signed: boolean) => {
          const { problems } = checkVoucher({ date: `2026-${String(month).padStart(2, "0")}-15`, summary: "x", lines }, model, { signed });
          if (month <= closedThrough) {
            expect(problems.map((p) => p.code)).toEqual(["PERIOD_CLOSED"]);
            return;
          }
          expect(problems).toEqual([]);
          const number = next.get(month) ?? 1;
          next.set(month, number + 1);
          posted.push({ month, number, lines });
        };
        for (const o of ops) {
          if (o.kind === "post") post(o.month, o.lines, false);
          else if (o.kind === "reverse" && posted.length) {
            const original = posted[o.pick % posted.length]!;
            post(Math.max(original.month, closedThrough + 1), reversalLines(original.lines), true);
          } else if (o.kind === "close" && closedThrough < 12) closedThrough++;
        }
        const movement = new Map<string, Movement>();
        const perBasis = { financial: 0n, budget: 0n };
        for (const v of posted) {
          for (const l of v.lines) {
            const m = movement.get(l.account) ?? { debitFen: 0n, creditFen: 0n };
            m.debitFen += l.debitFen;
            m.creditFen += l.creditFen;
            movement.set(l.account, m);
            perBasis[chart.get(l.account)!.basis] += l.debitFen - l.creditFen;
          }
        }
        expect(perBasis).toEqual({ financial: 0n, budget: 0n });
        const totals = trialBalanceTotals(trialBalance([...chart.values()], new Map(), movement));
        expect(totals.periodDebitFen).toBe(totals.periodCreditFen);
        expect(totals.closingDebitFen).toBe(totals.closingCreditFen);
        for (let month = 1; month <= 12; month++) {
          const numbers = posted.filter((v) => v.month === month).map((v) => v.number);
          expect(numbers).toEqual(numbers.map((_, i) => i + 1));
        }
      }),
      { numRuns: 200 },
    );
  });
});
