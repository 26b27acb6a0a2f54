// Proves bank reconciliation on a real database: a statement imported from CSV and Excel (a bad row
// names itself and writes nothing; a line imported twice is skipped), matched to the posted 1002
// journal, the 银行存款余额调节表 with outstanding items on both sides, manual match and unmatch,
// the township's scope, and the month-close gate when the setting asks for it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { Db } from "../platform/db.ts";
import { putSetting } from "../platform/settings.ts";
import { closeMonth, createAccountSet, enterVoucher, postVoucher, reviewVoucher } from "./service.ts";
import { autoMatch, enterBankBalance, importStatement, matchManually, reconciliationOf, unmatch } from "./bankService.ts";
import { ledgerBankStatementLine } from "./tables.ts";
import { codeOf, cr, dr, openLedgerTest, type LedgerTest } from "./testing.ts";
import { TEST_NOW } from "../../test/clock.ts";

let t: LedgerTest;
let setId: string;
const now = new Date("2026-04-02T02:00:00Z");
const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
const header = "日期,摘要,收入/借方,支出/贷方,余额,流水号";

async function post(date: string, summary: string, lines: ReturnType<typeof dr>[]) {
  const v = await t.tx((x) => enterVoucher(x, t.unitacct, setId, { date, summary, lines, confirmParallel: true }, now));
  await t.tx((x) => reviewVoucher(x, t.budget, v.id, now));
  return t.tx((x) => postVoucher(x, t.budget, v.id, now));
}
const view = (db: Db = t.db) => reconciliationOf(db, t.unitacct, setId, "1002", "2026-03");

beforeAll(async () => {
  t = await openLedgerTest();
  setId = (await t.tx((x) => createAccountSet(x, t.budget, { regionCode: "329901101", code: "T-BANK", name: "银行对账测试账套", year: 2026 }, TEST_NOW))).id;
  await post("2026-03-02", "存现 BK001", [dr("1002", "1000.00"), cr("1001", "1000.00")]);
  await post("2026-03-10", "提现", [dr("1001", "200.00"), cr("1002", "200.00")]);
  await post("2026-03-30", "提现 月末未达", [dr("1001", "50.00"), cr("1002", "50.00")]);
});
afterAll(async () => t.database.close());

describe("bank statement import", () => {
  it("names every bad row and writes nothing", async () => {
    const answer = await t.tx((x) => importStatement(x, t.unitacct, setId, { account: "1002", content: csv([header, "2026-03-03,存现,1000.00,,1000.00,BK001", "2026-03-32,取现,,200.00,800.00,BK002", "2026-03-10,取现,5,200.00,800.00,BK009"]) }, now));
    expect(answer.ok).toBe(false);
    expect(answer.errors.map((e) => [e.row, e.code])).toEqual([
      [3, "BAD_DATE"],
      [4, "BOTH_SIDES"],
    ]);
    const [n] = await t.db.select({ n: sql<number>`count(*)::int` }).from(ledgerBankStatementLine).where(eq(ledgerBankStatementLine.setId, setId));
    expect(n?.n).toBe(0);
  });

  it("refuses a file without the columns and an account that is not a bank account", async () => {
    expect(await codeOf(t.tx((x) => importStatement(x, t.unitacct, setId, { account: "1002", content: csv(["日期,金额", "2026-03-03,1"]) }, now)))).toBe("BANK_STATEMENT_INVALID");
    expect(await codeOf(t.tx((x) => importStatement(x, t.unitacct, setId, { account: "100299", content: csv([header]) }, now)))).toBe("BANK_ACCOUNT_INVALID");
  });

  it("imports, matches by amount, direction, date and reference, and reconciles with items outstanding on both sides", async () => {
    const answer = await t.tx((x) => importStatement(x, t.unitacct, setId, { account: "1002", fileName: "3月.csv", content: csv([header, "2026-03-03,存现,1000.00,,1000.00,BK001", "2026/3/10,取现,,200.00,800.00,BK002", "2026-03-31,利息,0.35,,800.35,BK003"]) }, now));
    expect(answer).toMatchObject({ ok: true, imported: 3, matched: 2, skipped: [] });
    const v = await view();
    expect(v.bankBalanceSource).toBe("file");
    expect(v.table).toMatchObject({ bankBalance: "800.35", bookPaid: "50.00", adjustedBank: "750.35", bookBalance: "750.00", bankReceived: "0.35", adjustedBook: "750.35", agrees: true });
    expect(v.table.unmatchedStatement.map((l) => l.reference)).toEqual(["BK003"]);
    expect(v.table.unmatchedBook.map((l) => l.credit)).toEqual(["50.00"]);
  });

  it("skips lines already imported, naming them", async () => {
    const answer = await t.tx((x) => importStatement(x, t.unitacct, setId, { account: "1002", content: csv([header, "2026-03-31,利息,0.35,,800.35,BK003"]) }, now));
    expect(answer.imported).toBe(0);
    expect(answer.skipped[0]?.message).toMatch("已导入过");
  });

  it("reads an Excel statement with other header names", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("流水");
    sheet.addRow(["交易日期", "用途", "借方发生额", "贷方发生额", "账户余额", "交易流水号"]);
    // The bank's own 借方发生额 is money out of the account.
    sheet.addRow(["2026-04-01", "手续费", 2.5, null, 797.85, "BK004"]);
    const answer = await t.tx(async (x) => importStatement(x, t.unitacct, setId, { account: "1002", content: Buffer.from(await workbook.xlsx.writeBuffer()) }, now));
    expect(answer).toMatchObject({ ok: true, imported: 1 });
    const april = await reconciliationOf(t.db, t.unitacct, setId, "1002", "2026-04");
    expect(april.statement.map((l) => l.expense)).toEqual(["2.50"]);
    // March's outstanding interest is still outstanding in April.
    expect(april.table.unmatchedStatement.map((l) => l.reference)).toEqual(["BK003", "BK004"]);
  });
});

describe("manual matching", () => {
  it("unmatches and matches again, refusing a pair of another amount", async () => {
    const v = await view();
    const matched = v.statement.find((l) => l.reference === "BK002")!;
    const wrong = v.book.find((l) => l.credit === "50.00")!;
    await t.tx((x) => unmatch(x, t.unitacct, setId, matched.id, now));
    expect(await codeOf(t.tx((x) => unmatch(x, t.unitacct, setId, matched.id, now)))).toBe("BANK_MATCH_INVALID");
    expect((await view()).table.agrees).toBe(true);
    expect(await codeOf(t.tx((x) => matchManually(x, t.unitacct, setId, { statementLineId: matched.id, voucherId: wrong.voucherId, lineNo: wrong.lineNo }, now)))).toBe("BANK_MATCH_INVALID");
    const right = (await view()).book.find((l) => l.credit === "200.00")!;
    await t.tx((x) => matchManually(x, t.unitacct, setId, { statementLineId: matched.id, voucherId: right.voucherId, lineNo: right.lineNo }, now));
    expect(await codeOf(t.tx((x) => matchManually(x, t.unitacct, setId, { statementLineId: matched.id, voucherId: right.voucherId, lineNo: right.lineNo }, now)))).toBe("BANK_MATCH_INVALID");
    expect((await view()).statement.find((l) => l.id === matched.id)?.match).toMatchObject({ manual: true });
    expect(await t.tx((x) => autoMatch(x, t.unitacct, setId, "1002", "2026-03", now))).toEqual({ matched: 0 });
  });

  it("is out of reach of another township", async () => {
    expect(await codeOf(reconciliationOf(t.db, t.director2, setId, "1002", "2026-03"))).toBe("OUT_OF_SCOPE");
  });
});

describe("month close gate", () => {
  it("refuses to close a month whose table does not agree when the setting asks for it, and closes once it agrees", async () => {
    await putSetting(t.db, "329901101", "ledger.bankReconciliationClose", "required", null, TEST_NOW);
    for (const m of [1, 2]) await t.tx((x) => closeMonth(x, t.budget, setId, 2026, m, now));
    await t.tx((x) => enterBankBalance(x, t.unitacct, setId, { account: "1002", month: "2026-03", balance: "800.00" }, now));
    expect((await view()).table.agrees).toBe(false);
    const refused = await t.tx((x) => closeMonth(x, t.budget, setId, 2026, 3, now)).catch((e: { code: string; message: string }) => e);
    expect(refused).toMatchObject({ code: "BANK_NOT_RECONCILED" });
    expect((refused as { message: string }).message).toMatch("调节表不平");
    await t.tx((x) => enterBankBalance(x, t.unitacct, setId, { account: "1002", month: "2026-03", balance: "800.35" }, now));
    // A later file does not overwrite an entered balance.
    await t.tx((x) => importStatement(x, t.unitacct, setId, { account: "1002", content: csv([header, "2026-03-31,冲正,0.01,,999.99,BK005"]) }, now));
    const v = await view();
    expect(v).toMatchObject({ bankBalanceSource: "entered", table: { bankBalance: "800.35", agrees: false } });
    const [late] = await t.db.select().from(ledgerBankStatementLine).where(and(eq(ledgerBankStatementLine.setId, setId), eq(ledgerBankStatementLine.reference, "BK005")));
    await t.db.delete(ledgerBankStatementLine).where(eq(ledgerBankStatementLine.id, late!.id));
    expect(await codeOf(t.tx((x) => closeMonth(x, t.budget, setId, 2026, 3, now)))).toBe("none");
  });

  it("closes a month whose file balance agrees, and asks for the statement balance of a later month", async () => {
    // April: bank 797.85 − 50.00 outstanding = 747.85; book 750.00 + 0.35 − 2.50 = 747.85.
    expect((await reconciliationOf(t.db, t.unitacct, setId, "1002", "2026-04")).table).toMatchObject({ adjustedBank: "747.85", adjustedBook: "747.85", agrees: true });
    expect(await codeOf(t.tx((x) => closeMonth(x, t.budget, setId, 2026, 4, now)))).toBe("none");
    const refused = await t.tx((x) => closeMonth(x, t.budget, setId, 2026, 5, now)).catch((e: { code: string; message: string }) => e);
    expect(refused).toMatchObject({ code: "BANK_NOT_RECONCILED" });
    expect((refused as { message: string }).message).toMatch("尚未导入对账单");
  });
});
