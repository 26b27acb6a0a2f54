// Proves opening balances (期初余额) of a set migrated from other software: a balanced set of
// openings per leaf account (and per auxiliary combination where the account requires one) takes
// effect in the trial balance, the balance sheet and the books; an unbalanced one, a missing
// dimension, a non-leaf account or a duplicate changes nothing; after the first posting of the
// set's first year they are fixed (OPENING_LOCKED); over HTTP, GET and PUT with their codes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { TestDatabase } from "../../test/db.ts";
import { loginAs, startTestApp } from "../../test/http.ts";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../identity/index.ts";
import { auditLog } from "../audit/index.ts";
import { createAccountSet, enterVoucher, loadSet, postVoucher, reviewVoucher } from "./service.ts";
import { trialBalanceOf } from "./balances.ts";
import { getOpenings, saveOpenings, type OpeningLineInput } from "./openings.ts";
import { statementOf, statementTable, subsidiaryLedger } from "./reports.ts";
import { trialBalanceTotals } from "./rules.ts";
import { ledgerMonthTotal } from "./tables.ts";
import { codeOf, cr, dr, openLedgerTest, type LedgerTest } from "./testing.ts";
import { TEST_NOW } from "../../test/clock.ts";

let database: TestDatabase;
let db: Db;
let budget: Actor;
let unitacct: Actor;
let director2: Actor;
let setId: string;
let tx: LedgerTest["tx"];
const o = (line: ReturnType<typeof dr>): OpeningLineInput => ({ account: line.account, debitFen: line.debitFen, creditFen: line.creditFen, aux: line.aux });

// Worked by hand. Financial: Dr 1002 80000.00 + 1011 20000.00 + 1601 50000.00 = 150000.00;
// Cr 1602 10000.00 + 2307 5000.00 + 3001 135000.00 = 150000.00.
// Budget: Dr 800102 80000.00 + 800101 20000.00 = 100000.00; Cr 810107 20000.00 + 820105 30000.00 +
// 820204 50000.00 = 100000.00. 2307 其他应付款 is kept per payee (two payees).
const valid = () => [
  o(dr("1002", "80000.00")),
  o(dr("1011", "20000.00")),
  o(dr("1601", "50000.00")),
  o(cr("1602", "10000.00")),
  o(cr("2307", "3000.00", { payee: "青禾建筑队" })),
  o(cr("2307", "2000.00", { payee: "县电信公司" })),
  o(cr("3001", "135000.00")),
  o(dr("800102", "80000.00")),
  o(dr("800101", "20000.00")),
  o(cr("810107", "20000.00")),
  o(cr("820105", "30000.00")),
  o(cr("820204", "50000.00")),
];

beforeAll(async () => {
  ({ database, db, tx, budget, unitacct, director2 } = await openLedgerTest());
  setId = (await tx((t) => createAccountSet(t, budget, { regionCode: "329901101", code: "T-OPEN", name: "期初测试", year: 2026 }, TEST_NOW))).id;
  const { setRequiredAux } = await import("./service.ts");
  await tx((t) => setRequiredAux(t, budget, setId, "2307", ["payee"], TEST_NOW));
});
afterAll(async () => database.close());

describe("opening balances", () => {
  it("refuses unbalanced openings per basis, a missing dimension, a non-leaf account, both sides and a duplicate; nothing takes effect", async () => {
    const unbalancedFinancial = valid().map((l) => (l.account === "3001" ? { ...l, creditFen: 13_499_999n } : l));
    expect(await codeOf(tx((t) => saveOpenings(t, unitacct, setId, unbalancedFinancial, TEST_NOW)))).toBe("OPENING_UNBALANCED");
    const unbalancedBudget = valid().map((l) => (l.account === "820204" ? { ...l, creditFen: 5_000_001n } : l));
    expect(await codeOf(tx((t) => saveOpenings(t, unitacct, setId, unbalancedBudget, TEST_NOW)))).toBe("OPENING_UNBALANCED");
    const noPayee = valid().map((l) => (l.account === "2307" ? { ...l, aux: {} } : l));
    expect(await codeOf(tx((t) => saveOpenings(t, unitacct, setId, noPayee, TEST_NOW)))).toBe("MISSING_AUX");
    expect(await codeOf(tx((t) => saveOpenings(t, unitacct, setId, [...valid(), o(dr("8001", "1.00")), o(cr("820204", "1.00"))], TEST_NOW)))).toBe("NOT_LEAF");
    expect(await codeOf(tx((t) => saveOpenings(t, unitacct, setId, [...valid(), { account: "1001", debitFen: 100n, creditFen: 100n }], TEST_NOW)))).toBe("BAD_AMOUNT");
    expect(await codeOf(tx((t) => saveOpenings(t, unitacct, setId, [...valid(), o(cr("2307", "1.00", { payee: "县电信公司" })), o(dr("1001", "1.00"))], TEST_NOW)))).toBe("VALIDATION_FAILED");
    expect(await codeOf(tx((t) => saveOpenings(t, director2, setId, valid(), TEST_NOW)))).toBe("OUT_OF_SCOPE");
    expect((await getOpenings(db, budget, setId)).lines).toEqual([]);
    const totals = await db.select().from(ledgerMonthTotal).where(and(eq(ledgerMonthTotal.setId, setId), eq(ledgerMonthTotal.month, 0)));
    expect(totals).toEqual([]);
  });

  it("takes balanced openings into the trial balance, the balance sheet's 年初余额 and the books", async () => {
    const saved = await tx((t) => saveOpenings(t, unitacct, setId, valid(), TEST_NOW));
    expect(saved.totals).toEqual({ financialDebit: "150000.00", financialCredit: "150000.00", budgetDebit: "100000.00", budgetCredit: "100000.00" });
    expect(saved.lines.filter((l) => l.account === "2307").map((l) => [l.aux.payee, l.credit])).toEqual([["县电信公司", "2000.00"], ["青禾建筑队", "3000.00"]]);
    const set = await loadSet(db, budget, setId);
    const rows = await trialBalanceOf(db, set, "2026-01", "2026-01");
    const row = (code: string) => rows.find((r) => r.account === code)!;
    expect(row("1002").openingDebitFen).toBe(8_000_000n);
    expect(row("2307").openingCreditFen).toBe(500_000n);
    expect(row("3001").closingCreditFen).toBe(13_500_000n);
    const t = trialBalanceTotals(rows);
    expect(t.openingDebitFen).toBe(25_000_000n);
    expect(t.openingCreditFen).toBe(25_000_000n);
    const sheet = statementTable(await statementOf(db, set, "balance-sheet", "2026-01", "2026-01"), set, "2026-01", "2026-01");
    const figure = (label: string) => sheet.rows.find((r) => r.label === label);
    expect(figure("资产总计")).toMatchObject({ v1: "140000.00", v2: "140000.00" });
    expect(figure("累计盈余")).toMatchObject({ v1: "135000.00" });
    const bank = await subsidiaryLedger(db, set, "1002", "2026-01", "2026-01");
    expect(bank.rows[0]).toMatchObject({ summary: "期初余额", direction: "借", balance: "80000.00" });
    // Saving again replaces the openings wholesale.
    const again = await tx((t) => saveOpenings(t, unitacct, setId, valid().map((l) => (l.account === "1002" ? { ...l, debitFen: 7_000_000n } : l.account === "3001" ? { ...l, creditFen: 12_500_000n } : l)), TEST_NOW));
    expect(again.totals.financialDebit).toBe("140000.00");
    expect((await trialBalanceOf(db, set, "2026-01", "2026-01")).find((r) => r.account === "1002")?.openingDebitFen).toBe(7_000_000n);
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.entityId, setId), eq(auditLog.action, "ledger.openingBalancesSet")));
    expect(audits).toHaveLength(2);
  });

  it("is fixed once the set's first year has a posted voucher", async () => {
    const v = await tx((t) => enterVoucher(t, unitacct, setId, { date: "2026-02-03", summary: "首张凭证", lines: [dr("5101", "10.00"), cr("1602", "10.00")] }, TEST_NOW));
    await tx((t) => reviewVoucher(t, budget, v.id, TEST_NOW));
    // Entered and reviewed vouchers do not fix them yet.
    expect(await codeOf(tx((t) => saveOpenings(t, unitacct, setId, valid(), TEST_NOW)))).toBe("none");
    await tx((t) => postVoucher(t, budget, v.id, TEST_NOW));
    expect(await codeOf(tx((t) => saveOpenings(t, unitacct, setId, valid(), TEST_NOW)))).toBe("OPENING_LOCKED");
    const view = await getOpenings(db, budget, setId);
    expect(view.locked).toBe(true);
    expect(view.lockedReason).toMatch(/已记账凭证/);
  });

  it("answers GET and PUT over HTTP with the same codes", async () => {
    const app = await startTestApp("demo");
    try {
      const director = await loginAs(app.app, "budget");
      const created = await director.post("/ledger/sets", { regionCode: "329901101", code: "T-OPEN-HTTP", name: "期初接口", year: 2026 });
      const url = `/ledger/sets/${created.body.id}/opening-balances`;
      const lines = [{ account: "1002", debit: "100.00" }, { account: "3001", credit: "100.00" }];
      const unbalanced = await director.request("PUT", url, { lines: [{ account: "1002", debit: "100.00" }, { account: "3001", credit: "99.99" }] });
      expect([unbalanced.status, unbalanced.body.code]).toEqual([422, "OPENING_UNBALANCED"]);
      const ok = await director.request("PUT", url, { lines });
      expect(ok.status).toBe(200);
      expect((await director.get(url)).body).toMatchObject({ year: 2026, locked: false, totals: { financialDebit: "100.00", financialCredit: "100.00" } });
      const both = await director.request("PUT", url, { lines: [{ account: "1002", debit: "1.00", credit: "1.00" }] });
      expect(both.body.code).toBe("BAD_AMOUNT");
    } finally {
      await app.close();
    }
  });
});
