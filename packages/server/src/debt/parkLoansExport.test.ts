// Proves 财园信贷通's loan register export (debt/xlsx.ts parkLoansWorkbook): every loan of the list's
// filters, amounts as numbers summing to the list's to the fen, states in Chinese; a township's user,
// to whom the district's programme is not open, gets nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatYuan, parseYuan } from "@xiangcai/shared";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { allItems, exportedSheet, fenOfCell } from "../../test/exports.ts";
import { PARK_LOAN_EXPORT_HEADER } from "./xlsx.ts";

let t: TestApp;
let supervisor: ApiClient;

beforeAll(async () => {
  t = await startTestApp("demo");
  supervisor = await loginAs(t.app, "supervisor");
});
afterAll(async () => t?.close());

const column = (name: (typeof PARK_LOAN_EXPORT_HEADER)[number]) => PARK_LOAN_EXPORT_HEADER.indexOf(name);
const total = (fen: bigint[]) => formatYuan(fen.reduce((s, f) => s + f, 0n));

describe("the loan register's export (财园信贷通贷款台账)", () => {
  it("holds every loan of the list in its several states, amounts summing to the list's", async () => {
    const listed = await allItems<{ loanNo: string; amount: string; unpaid: string; statusName: string }>(supervisor, "/park-credit/loans");
    expect(listed.length).toBeGreaterThan(3);
    const { header, rows, disposition } = await exportedSheet(supervisor, "/park-credit/loans/export");
    expect(disposition).toContain(encodeURIComponent("财园信贷通贷款台账.xlsx"));
    expect(header).toEqual([...PARK_LOAN_EXPORT_HEADER]);
    expect(rows.map((r) => r[column("贷款编号")]).sort()).toEqual(listed.map((l) => l.loanNo).sort());
    expect(new Set(rows.map((r) => r[column("状态")]))).toEqual(new Set(listed.map((l) => l.statusName)));
    expect(new Set(rows.map((r) => r[column("状态")])).size).toBeGreaterThan(2);
    expect(total(rows.map((r) => fenOfCell(r[column("贷款金额（元）")]!)))).toBe(total(listed.map((l) => parseYuan(l.amount))));
    expect(total(rows.map((r) => fenOfCell(r[column("未还本金（元）")]!)))).toBe(total(listed.map((l) => parseYuan(l.unpaid))));
  });

  it("applies the list's filters, refuses a bad one, and is closed to a township's user", async () => {
    const listed = await allItems<{ loanNo: string; status: string }>(supervisor, "/park-credit/loans");
    const status = listed[0]!.status;
    const filtered = await exportedSheet(supervisor, `/park-credit/loans/export?status=${status}`);
    expect(filtered.rows).toHaveLength(listed.filter((l) => l.status === status).length);
    const bad = await supervisor.get("/park-credit/loans/export?year=19");
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("VALIDATION_FAILED");
    const township = await loginAs(t.app, "budget");
    expect((await township.download("/park-credit/loans/export")).status).toBe((await township.get("/park-credit/loans")).status);
    expect((await township.get("/park-credit/loans")).status).toBeGreaterThanOrEqual(400);
  });
});
