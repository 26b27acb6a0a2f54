// The final accounts' shapes and audit formulas, pure: tables shaped from consistent books pass every
// formula (property test over random books); one changed cell fails exactly the formulas that read it,
// naming tables, rows and both amounts; the boundaries (a class recorded at 类 level, an empty year,
// a blank budget column) behave.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatYuan, parseYuan } from "@xiangcai/shared";
import type { SetYearFigures } from "../ledger/index.ts";

type ChartAccount = SetYearFigures["chart"] extends ReadonlyMap<string, infer A> ? A : never;
import { buildTables, classTree, leafKey, type PaidLine, type TownshipYear } from "./shapes.ts";
import { evaluate, formulasOf, totalsOf, type FinalContent } from "./rules.ts";
import { consolidateFinal, problemsOf } from "./report.ts";

const parse = (y: string) => parseYuan(y, { allowNegative: true });
const chart = new Map<string, ChartAccount>(
  [
    ["6001", "一般公共预算本级收入"],
    ["601101", "一般公共预算补助收入"],
    ["7001", "一般公共预算本级支出"],
    ["701201", "一般公共预算上解支出"],
    ["8001", "资金结存"],
    ["8031", "一般公共预算结转结余"],
  ].map(([code, name]) => [code!, { code: code!, name: name!, basis: "budget", category: "budget_revenue", normalSide: "credit", parentCode: null, isLeaf: true, requiredAux: [] } as ChartAccount]),
);

interface Books {
  revenue: [string, bigint][];
  spending: [string, bigint][];
  transfer: bigint;
  remittance: bigint;
  opening: bigint;
}

/** A fiscal set's year whose budget side is consistent: 资金结存 moves with every budget revenue and expenditure. */
function fiscalOf(b: Books): SetYearFigures {
  const lines: SetYearFigures["lines"][number][] = [];
  let cash = b.opening;
  for (const [code, fen] of b.revenue) {
    lines.push({ account: "6001", functionalCode: null, revenueCode: code, debitFen: 0n, creditFen: fen });
    cash += fen;
  }
  for (const [code, fen] of b.spending) {
    lines.push({ account: "7001", functionalCode: code, revenueCode: null, debitFen: fen, creditFen: 0n });
    cash -= fen;
  }
  lines.push({ account: "601101", functionalCode: null, revenueCode: null, debitFen: 0n, creditFen: b.transfer }, { account: "701201", functionalCode: null, revenueCode: null, debitFen: b.remittance, creditFen: 0n });
  cash += b.transfer - b.remittance;
  const movement = (prefix: string) => lines.filter((l) => l.account.startsWith(prefix)).reduce((s, l) => s + l.debitFen - l.creditFen, 0n);
  return {
    set: { id: "s", code: "ZKJ", name: "财政总预算会计", kind: "fiscal", budgetUnitId: null, startYear: 2026 },
    chart,
    opening: new Map([
      ["800101", b.opening],
      ["8031", -b.opening],
    ]),
    end: new Map([
      ["800101", cash],
      ["8031", -b.opening],
      ["6001", movement("6001")],
      ["601101", movement("6011")],
      ["7001", movement("7001")],
      ["701201", movement("7012")],
    ]),
    lines,
    fundOf: () => "generalBudget",
  };
}

function yearOf(b: Books, paid?: PaidLine[]): TownshipYear {
  return {
    year: 2026,
    fiscal: fiscalOf(b),
    budget: { revenue: [{ kind: "tax", fund: "generalBudget", revenueCode: "10101", amountFen: 1_000_00n }, { kind: "transfer", fund: "generalBudget", revenueCode: null, amountFen: 500_00n }], expenditure: [{ functionalCode: "2010301", fund: "generalBudget", amountFen: 900_00n }] },
    adjusted: [{ fund: "generalBudget", functionalCode: "2010301", amountFen: 1_200_00n }],
    paid: paid ?? b.spending.map(([code, fen]) => ({ fund: "generalBudget", functionalCode: code, budgetUnitId: null, source: "treasury", amountFen: fen })),
    debt: { opening: { bond: "0.00", loan: "100.00", arrears: "0.00", other: "0.00", total: "100.00" }, newDebt: { bond: "0.00", loan: "50.00", arrears: "0.00", other: "0.00", total: "50.00" }, repaidPrincipal: { bond: "0.00", loan: "30.00", arrears: "0.00", other: "0.00", total: "30.00" }, closing: { bond: "0.00", loan: "120.00", arrears: "0.00", other: "0.00", total: "120.00" } },
    revenueNames: new Map([["101", "税收收入"]]),
    functionNames: new Map([
      ["201", "一般公共服务支出"],
      ["2010301", "行政运行"],
    ]),
    units: [],
  };
}

const contentOf = (y: TownshipYear, note = "本年收支执行情况良好，结转结余按规定使用。"): FinalContent => ({ regionCode: "329901101", regionName: "青禾镇", year: 2026, hasBooks: true, ...buildTables(y, parse), note });
const books: Books = {
  revenue: [
    ["1010101", 600_00n],
    ["10106", 150_00n],
  ],
  spending: [
    ["2010301", 700_00n],
    ["208", 40_00n],
  ],
  transfer: 500_00n,
  remittance: 80_00n,
  opening: 1_000_00n,
};

function setCell(c: FinalContent, table: string, row: string, column: number, yuan: string): FinalContent {
  return { ...c, tables: c.tables.map((t) => (t.code !== table ? t : { ...t, rows: t.rows.map((r) => (r.key !== row ? r : { ...r, values: r.values.map((v, i) => (i === column ? yuan : v)) })) })) };
}

describe("final-account tables", () => {
  it("consistent books pass every formula, and the totals are the year's 决算数", () => {
    const c = contentOf(yearOf(books));
    const failed = evaluate(c).filter((r) => !r.passed);
    expect(failed).toEqual([]);
    // 本年收入 = 本级 750 + 补助 500; 本年支出 = 本级 740 + 上解 80.
    expect(totalsOf(c)).toEqual({ revenue: "1250.00", expenditure: "820.00" });
    const carry = c.tables.find((t) => t.code === "carryover")!;
    expect(carry.rows.find((r) => r.key === "g")!.values).toEqual(["1000.00", "1250.00", "820.00", "1430.00"]);
    expect(problemsOf(c)).toEqual([]);
  });

  it("a class recorded at 类 level gets its own 未细分 row, and parents add up 类/款/项", () => {
    const tree = classTree("ge", [new Map([["208", 5n], ["2080201", 7n], ["20802", 1n]])], new Map([["208", "社会保障和就业支出"]]));
    const keys = tree.rows.map((r) => r.key);
    expect(keys).toEqual(["ge:208", "ge:208=", "ge:20802", "ge:20802=", "ge:2080201"]);
    expect(tree.rows[0]!.values).toEqual([13n]);
    expect(tree.rows[0]!.label).toBe("208 社会保障和就业支出");
    expect(tree.rows[1]!.label).toBe("208 社会保障和就业支出（未细分）");
    expect(leafKey("ge", "2080201")).toBe("ge:2080201");
  });

  it("spending the treasury did not pay fails, naming the detail row, the treasury row and both amounts", () => {
    const paid: PaidLine[] = [
      { fund: "generalBudget", functionalCode: "2010301", budgetUnitId: null, source: "treasury", amountFen: 661_50n },
      { fund: "generalBudget", functionalCode: "208", budgetUnitId: null, source: "subsidy", amountFen: 40_00n },
    ];
    const failed = evaluate(contentOf(yearOf(books, paid))).filter((r) => !r.passed);
    expect(failed.map((f) => f.code)).toEqual(["TREASURY:ge:2010301"]);
    expect(failed[0]!.message).toContain("一般公共预算收支决算明细表“2010301 行政运行”决算数 700.00");
    expect(failed[0]!.message).toContain("国库支付核对表");
    expect(failed[0]!.message).toContain("661.50");
    expect(failed[0]!.message).toContain("相差 38.50");
    expect(failed[0]!.cells).toEqual([
      { table: "general-detail", row: "ge:2010301", column: 2 },
      { table: "treasury", row: "ge:2010301", column: 0 },
    ]);
  });

  it("a treasury payment of a class the books never recorded fails too (boundary: the row is missing on one side)", () => {
    const paid: PaidLine[] = [...yearOf(books).paid, { fund: "generalBudget", functionalCode: "2130122", budgetUnitId: null, source: "treasury", amountFen: 1n }];
    const failed = evaluate(contentOf(yearOf(books, paid))).filter((r) => !r.passed);
    expect(failed.map((f) => f.code)).toEqual(["TREASURY:ge:2130122"]);
    expect(failed[0]!.message).toContain("（无此行）");
    expect(failed[0]!.message).toContain("0.01");
  });

  it("a changed total, a broken carry-over and a broken debt identity each fail by name", () => {
    const c = contentOf(yearOf(books));
    const total = evaluate(setCell(c, "general-detail", "ge-total", 2, "740.01")).filter((r) => !r.passed);
    expect(total.map((f) => f.code)).toContain("SUM:general-detail:ge-total:2");
    expect(total.find((f) => f.code === "SUM:general-detail:ge-total:2")!.message).toMatch(/本级支出合计.*740\.01.*相差 0\.01/);
    const carry = evaluate(setCell(c, "carryover", "g", 3, "1430.01")).filter((r) => !r.passed).map((f) => f.code);
    expect(carry).toEqual(expect.arrayContaining(["CARRY:g", "CARRY_END:g"]));
    const debt = evaluate(setCell(c, "debt", "loan", 3, "119.99")).filter((r) => !r.passed).map((f) => f.code);
    expect(debt).toEqual(expect.arrayContaining(["DEBT:loan", "SUM:debt:total:3"]));
  });

  it("the transfer table carries the budget on each budget's 明细; a total over blank cells is not summed", () => {
    const c = contentOf(yearOf(books));
    const transfers = c.tables.find((t) => t.code === "transfers")!;
    expect(transfers.rows.find((r) => r.key === "in:601101")!.values).toEqual(["500.00", "500.00"]);
    const blank = { ...c, tables: [{ code: "x", title: "测试表", columns: ["预算数", "决算数"], source: "", rows: [{ key: "t", label: "合计", level: 0, sumOf: ["a"], values: ["9.00", "1.00"] }, { key: "a", label: "甲", level: 1, values: [null, "1.00"] }] }], units: [] };
    expect(formulasOf(blank).map((f) => f.code)).toEqual(["SUM:x:t:1"]);
    expect(evaluate(blank).every((r) => r.passed)).toBe(true);
  });

  it("an empty year (no books, no budget) shapes zero tables that pass, and asks for the 说明 and the missing books", () => {
    const y: TownshipYear = { ...yearOf(books, []), fiscal: null, budget: null, adjusted: [], debt: null };
    const c = { ...contentOf(y, ""), hasBooks: false };
    expect(evaluate(c).filter((r) => !r.passed)).toEqual([]);
    expect(totalsOf(c)).toEqual({ revenue: "0.00", expenditure: "0.00" });
    expect(problemsOf(c).map((p) => [p.level, p.code])).toEqual([
      ["warning", "NO_BOOKS"],
      ["error", "NOTE_MISSING"],
    ]);
  });

  it("property: any consistent books pass every formula, and moving one fen breaks the carry-over", () => {
    const fen = fc.bigInt({ min: 0n, max: 10_000_000_00n });
    const code = fc.constantFrom("1010101", "10106", "101", "10304", "2010301", "208", "20802", "2130122");
    fc.assert(
      fc.property(fc.array(fc.tuple(code, fen), { maxLength: 8 }), fc.array(fc.tuple(code, fen), { maxLength: 8 }), fen, fen, fen, (revenue, spending, transfer, remittance, opening) => {
        const b = { revenue, spending, transfer, remittance, opening };
        const c = contentOf(yearOf(b));
        expect(evaluate(c).filter((r) => !r.passed)).toEqual([]);
        const carryEnd = c.tables.find((t) => t.code === "carryover")!.rows.find((r) => r.key === "g")!.values[3]!;
        const broken = evaluate(setCell(c, "carryover", "g", 3, formatYuan(parse(carryEnd) + 1n))).filter((r) => !r.passed);
        expect(broken.map((r) => r.code)).toContain("CARRY:g");
      }),
      { numRuns: 60 },
    );
  });

  it("the district's consolidation adds townships cell by cell and takes transfers with the district out", () => {
    const a = contentOf(yearOf(books));
    const b = contentOf(yearOf({ ...books, transfer: 300_00n, remittance: 20_00n }));
    const all = consolidateFinal([
      { regionCode: "329901101", regionName: "青禾镇", content: a },
      { regionCode: "329901102", regionName: "白塔镇", content: b },
    ]);
    const summary = all.tables.find((t) => t.code === "summary")!;
    const value = (key: string) => summary.rows.find((r) => r.key === key)!.values[2];
    expect(value("revenue")).toBe("2300.00");
    expect(value("eliminate-transfer")).toBe("800.00");
    expect(value("net-revenue")).toBe("1500.00");
    expect(value("eliminate-remittance")).toBe("100.00");
    expect(value("net-expenditure")).toBe(formatYuan(740_00n * 2n));
    expect(evaluate(all).filter((r) => !r.passed && !r.code.startsWith("TREASURY"))).toEqual([]);
  });
});
