import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { csvRows, daysBetween, manualMatchProblem, matchLines, monthEndBalances, reconcile, statementColumns, statementDate, statementRowsOf, type BookLine, type StatementLine } from "./bankReconciliation.ts";

const s = (id: string, date: string, inYuan: number, outYuan: number, reference = ""): StatementLine => ({ id, date, inFen: BigInt(Math.round(inYuan * 100)), outFen: BigInt(Math.round(outYuan * 100)), reference });
const b = (id: string, date: string, debit: number, credit: number, text = ""): BookLine => ({ id, date, debitFen: BigInt(Math.round(debit * 100)), creditFen: BigInt(Math.round(credit * 100)), text });

describe("matchLines", () => {
  it("pairs the bank's money in with a 1002 debit and money out with a credit", () => {
    expect(matchLines([s("s1", "2026-03-05", 100, 0), s("s2", "2026-03-06", 0, 50)], [b("b1", "2026-03-06", 0, 50), b("b2", "2026-03-04", 100, 0)], 5)).toEqual([
      { statementId: "s1", bookId: "b2" },
      { statementId: "s2", bookId: "b1" },
    ]);
  });
  it("does not pair the wrong direction or an amount one fen off", () => {
    expect(matchLines([s("s1", "2026-03-05", 100, 0)], [b("b1", "2026-03-05", 0, 100)], 5)).toEqual([]);
    expect(matchLines([s("s1", "2026-03-05", 100, 0)], [b("b1", "2026-03-05", 100.01, 0)], 5)).toEqual([]);
    expect(matchLines([s("s1", "2026-03-05", 100.01, 0)], [b("b1", "2026-03-05", 100.01, 0)], 5)).toHaveLength(1);
  });
  it("pairs on the window's last day and not one day after", () => {
    expect(matchLines([s("s1", "2026-03-05", 100, 0)], [b("b1", "2026-03-10", 100, 0)], 5)).toHaveLength(1);
    expect(matchLines([s("s1", "2026-03-05", 100, 0)], [b("b1", "2026-03-11", 100, 0)], 5)).toEqual([]);
    expect(matchLines([s("s1", "2026-03-05", 100, 0)], [b("b1", "2026-03-05", 100, 0)], 0)).toHaveLength(1);
    expect(matchLines([s("s1", "2026-02-28", 100, 0)], [b("b1", "2026-03-01", 100, 0)], 1)).toHaveLength(1);
  });
  it("prefers the line whose text carries the bank's reference, then the nearest date", () => {
    const book = [b("b1", "2026-03-05", 100, 0, "收到拨款"), b("b2", "2026-03-08", 100, 0, "收到拨款 流水 BK20260308")];
    expect(matchLines([s("s1", "2026-03-05", 100, 0, "BK20260308")], book, 5)).toEqual([{ statementId: "s1", bookId: "b2" }]);
    expect(matchLines([s("s1", "2026-03-07", 100, 0)], book, 5)).toEqual([{ statementId: "s1", bookId: "b2" }]);
  });
  it("pairs duplicates of the same amount one to one, the same whatever the input order", () => {
    const statement = [s("s1", "2026-03-05", 100, 0), s("s2", "2026-03-05", 100, 0), s("s3", "2026-03-06", 100, 0)];
    const book = [b("b1", "2026-03-05", 100, 0), b("b2", "2026-03-06", 100, 0)];
    const pairs = matchLines(statement, book, 5);
    expect(pairs).toEqual([
      { statementId: "s1", bookId: "b1" },
      { statementId: "s2", bookId: "b2" },
    ]);
    expect(matchLines([...statement].reverse(), [...book].reverse(), 5)).toEqual(pairs);
  });
  it("refuses a negative window", () => {
    expect(() => matchLines([], [], -1)).toThrow();
  });
  it("checks a manual pair's amount and direction only", () => {
    expect(manualMatchProblem(s("s1", "2026-03-05", 100, 0), b("b1", "2026-05-05", 100, 0))).toBeNull();
    expect(manualMatchProblem(s("s1", "2026-03-05", 100, 0), b("b1", "2026-03-05", 0, 100))).toMatch("不一致");
  });
  it("counts days in UTC across month and year ends", () => {
    expect(daysBetween("2025-12-31", "2026-01-01")).toBe(1);
    expect(daysBetween("2026-03-01", "2026-02-27")).toBe(2);
  });
});

describe("reconcile", () => {
  it("adjusts both balances and agrees when they meet", () => {
    const r = reconcile({ bankBalanceFen: 100_000n, bookBalanceFen: 90_000n, unmatchedStatement: [s("s1", "2026-03-30", 0, 50)], unmatchedBook: [b("b1", "2026-03-31", 0, 150)] });
    expect(r).toMatchObject({ bookPaidFen: 15_000n, adjustedBankFen: 85_000n, bankPaidFen: 5_000n, adjustedBookFen: 85_000n, agrees: true });
  });
  it("does not agree when one fen is unexplained", () => {
    expect(reconcile({ bankBalanceFen: 100_001n, bookBalanceFen: 100_000n, unmatchedStatement: [], unmatchedBook: [] }).agrees).toBe(false);
  });
  it("agrees whenever every line is matched or listed (property)", () => {
    const tx = fc.record({ day: fc.integer({ min: 1, max: 28 }), fen: fc.bigInt({ min: 1n, max: 10_000_000n }), income: fc.boolean(), side: fc.constantFrom("both", "bank", "book") });
    fc.assert(
      fc.property(fc.bigInt({ min: -10_000_000n, max: 10_000_000n }), fc.array(tx, { maxLength: 40 }), fc.integer({ min: 0, max: 5 }), (opening, txs, window) => {
        const statement: StatementLine[] = [];
        const book: BookLine[] = [];
        txs.forEach((t, i) => {
          const date = `2026-03-${String(t.day).padStart(2, "0")}`;
          if (t.side !== "book") statement.push({ id: `s${i}`, date, inFen: t.income ? t.fen : 0n, outFen: t.income ? 0n : t.fen, reference: "" });
          if (t.side !== "bank") book.push({ id: `b${i}`, date, debitFen: t.income ? t.fen : 0n, creditFen: t.income ? 0n : t.fen, text: "" });
        });
        const pairs = matchLines(statement, book, window);
        const sIds = new Set(pairs.map((p) => p.statementId));
        const bIds = new Set(pairs.map((p) => p.bookId));
        expect(sIds.size).toBe(pairs.length);
        expect(bIds.size).toBe(pairs.length);
        const r = reconcile({
          bankBalanceFen: statement.reduce((a, l) => a + l.inFen - l.outFen, opening),
          bookBalanceFen: book.reduce((a, l) => a + l.debitFen - l.creditFen, opening),
          unmatchedStatement: statement.filter((l) => !sIds.has(l.id)),
          unmatchedBook: book.filter((l) => !bIds.has(l.id)),
        });
        expect(r.adjustedBankFen).toBe(r.adjustedBookFen);
        expect(r.agrees).toBe(true);
      }),
    );
  });
});

describe("reading a statement", () => {
  const sheet = (rows: string[][]) => rows.map((cells, i) => ({ row: i + 1, cells }));
  it("accepts common header variants", () => {
    expect(statementColumns(["交易日期", "摘要", "收入/借方", "支出/贷方", "余额（元）", "流水号"]).columns).toEqual({ date: 0, summary: 1, in: 2, out: 3, balance: 4, reference: 5 });
    expect(statementColumns(["记账日期", "借方发生额", "贷方发生额"]).missing).toEqual([]);
    expect(statementColumns(["日期", "金额"]).missing).toEqual(["收入/借方", "支出/贷方"]);
  });
  it("reads dates in the usual spellings and refuses impossible ones", () => {
    expect(statementDate("2026/3/5")).toBe("2026-03-05");
    expect(statementDate("20260305")).toBe("2026-03-05");
    expect(statementDate("2026-03-05 10:22:01")).toBe("2026-03-05");
    expect(statementDate("2026年3月5日")).toBe("2026-03-05");
    expect(statementDate("2026-02-30")).toBeNull();
    expect(statementDate("昨天")).toBeNull();
  });
  it("reads valid rows with thousands separators and takes each month's last balance", () => {
    const { rows, errors } = statementRowsOf(sheet([["日期", "摘要", "收入", "支出", "余额", "流水号"], ["2026-03-05", "拨款", "1,000.00", "", "5,000.00", "A1"], ["", "", "", "", "", ""], ["2026-03-31", "手续费", "", "1.5", "4998.50", "A2"], ["2026-04-01", "利息", "0.30000000000000004", "", "", "A3"]]));
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.row, r.inFen, r.outFen])).toEqual([
      [2, 100_000n, 0n],
      [4, 0n, 150n],
      [5, 30n, 0n],
    ]);
    expect(monthEndBalances(rows)).toEqual(new Map([["2026-03", 499_850n]]));
  });
  it("names every bad row with a stable code", () => {
    const { errors } = statementRowsOf(
      sheet([
        ["日期", "收入", "支出", "流水号"],
        ["2026-13-01", "1", "", "X1"],
        ["2026-03-01", "abc", "", "X2"],
        ["2026-03-01", "1", "2", "X3"],
        ["2026-03-01", "", "0", "X4"],
        ["2026-03-02", "-5", "", "X5"],
        ["2026-03-02", "1", "", "X6"],
        ["2026-03-02", "1", "", "X6"],
        ["2026-03-01", "1", "", "X7"],
      ]),
    );
    expect(errors.map((e) => [e.row, e.code])).toEqual([
      [2, "BAD_DATE"],
      [3, "BAD_AMOUNT"],
      [4, "BOTH_SIDES"],
      [5, "NO_AMOUNT"],
      [6, "BAD_AMOUNT"],
      [8, "DUPLICATE_IN_FILE"],
      [9, "OUT_OF_ORDER"],
    ]);
    expect(errors[0]!.message).toMatch(/^第 2 行：日期/);
  });
  it("reports missing columns of a sheet without a header", () => {
    expect(statementRowsOf([]).missing).toHaveLength(3);
    expect(statementRowsOf(sheet([["a", "b"]])).missing).toEqual(["日期", "收入/借方", "支出/贷方"]);
  });
  it("splits CSV with quotes, a BOM and CRLF", () => {
    expect(csvRows('\uFEFF日期,摘要,收入\r\n2026-03-05,"拨款,""一季度""",1000\r\n')).toEqual([
      { row: 1, cells: ["日期", "摘要", "收入"] },
      { row: 2, cells: ["2026-03-05", '拨款,"一季度"', "1000"] },
    ]);
  });
});
