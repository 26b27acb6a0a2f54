// Proves 财园信贷通's loan register export (debt/xlsx.ts parkLoansWorkbook): every loan of the list's
// filters, amounts as numbers summing to the list's to the fen, states in Chinese; a township's user,
// to whom the district's programme is not open, gets nothing.
import { describe, expect, it } from "vitest";
import { parseYuan } from "@xiangcai/shared";
import { allItems, demoUsers, exportedSheet, fenOfCell, yuanTotal } from "../../test/exports.ts";
import { PARK_LOAN_EXPORT_HEADER } from "./xlsx.ts";

const users = demoUsers("supervisor", "budget");

const column = (name: (typeof PARK_LOAN_EXPORT_HEADER)[number]) => PARK_LOAN_EXPORT_HEADER.indexOf(name);

describe("the loan register's export (财园信贷通贷款台账)", () => {
  it("holds every loan of the list in its several states, amounts summing to the list's", async () => {
    const listed = await allItems<{ loanNo: string; amount: string; unpaid: string; statusName: string }>(users.supervisor, "/park-credit/loans");
    expect(listed.length).toBeGreaterThan(3);
    const { header, rows, disposition } = await exportedSheet(users.supervisor, "/park-credit/loans/export");
    expect(disposition).toContain(encodeURIComponent("财园信贷通贷款台账.xlsx"));
    expect(header).toEqual([...PARK_LOAN_EXPORT_HEADER]);
    expect(rows.map((r) => r[column("贷款编号")]).sort()).toEqual(listed.map((l) => l.loanNo).sort());
    expect(new Set(rows.map((r) => r[column("状态")]))).toEqual(new Set(listed.map((l) => l.statusName)));
    expect(new Set(rows.map((r) => r[column("状态")])).size).toBeGreaterThan(2);
    expect(yuanTotal(rows.map((r) => fenOfCell(r[column("贷款金额（元）")]!)))).toBe(yuanTotal(listed.map((l) => parseYuan(l.amount))));
    expect(yuanTotal(rows.map((r) => fenOfCell(r[column("未还本金（元）")]!)))).toBe(yuanTotal(listed.map((l) => parseYuan(l.unpaid))));
  });

  it("applies the list's filters, refuses a bad one, and is closed to a township's user", async () => {
    const listed = await allItems<{ loanNo: string; status: string }>(users.supervisor, "/park-credit/loans");
    const status = listed[0]!.status;
    const filtered = await exportedSheet(users.supervisor, `/park-credit/loans/export?status=${status}`);
    expect(filtered.rows).toHaveLength(listed.filter((l) => l.status === status).length);
    const bad = await users.supervisor.get("/park-credit/loans/export?year=19");
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("VALIDATION_FAILED");
    const township = users.budget;
    expect((await township.download("/park-credit/loans/export")).status).toBe((await township.get("/park-credit/loans")).status);
    expect((await township.get("/park-credit/loans")).status).toBeGreaterThanOrEqual(400);
  });
});
