// Proves the remittances' Excel export (budget/remittancesXlsx.ts): the remittances up of the list's
// filters and the user's scope — a township's own rows only, the district's of every township side by
// side — with the list's rows to the last one, kinds and budgets in Chinese, amounts as numbers summing
// to the list's total to the fen, and a bad filter refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatYuan } from "@xiangcai/shared";
import { allItems, exportedSheet, fenOfCell } from "../../test/exports.ts";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { TEST_YEAR } from "../../test/clock.ts";
import { REMITTANCE_EXPORT_HEADER } from "./remittancesXlsx.ts";

let t: TestApp;
let budget: ApiClient;
let supervisor: ApiClient;
const amount = REMITTANCE_EXPORT_HEADER.indexOf("金额（元）");
const documentNo = REMITTANCE_EXPORT_HEADER.indexOf("文号");

beforeAll(async () => {
  t = await startTestApp("demo");
  budget = await loginAs(t.app, "budget");
  supervisor = await loginAs(t.app, "supervisor");
  // A special remittance of 青禾镇 and one of 白塔镇, beside the demo's quarterly ones of 青禾镇.
  const special = { fiscalYear: TEST_YEAR, documentNo: `青财预〔${TEST_YEAR}〕77号`, kind: "special", fund: "governmentFund", amount: "1234.56", remittedOn: `${TEST_YEAR}-11-20`, note: "专项上解测试" };
  expect((await budget.request("POST", "/budget/remittances", special, { "idempotency-key": "remittance-export-1" })).status).toBe(201);
  const budget2 = await loginAs(t.app, "budget2");
  const baita = { fiscalYear: TEST_YEAR, documentNo: `白财预〔${TEST_YEAR}〕5号`, kind: "system", fund: "generalBudget", amount: "8000.00", remittedOn: `${TEST_YEAR}-10-25` };
  expect((await budget2.request("POST", "/budget/remittances", baita, { "idempotency-key": "remittance-export-2" })).status).toBe(201);
});
afterAll(async () => t?.close());

describe("the remittances' export (上解台账)", () => {
  it("holds a township's own remittances, every one of the list, amounts as numbers summing to the list's total", async () => {
    const listed = await allItems<{ documentNo: string; amount: string }>(budget, `/budget/remittances?fiscalYear=${TEST_YEAR}`);
    expect(listed.length).toBeGreaterThan(1);
    const total = (await budget.get(`/budget/remittances?fiscalYear=${TEST_YEAR}`)).body.totalAmount;
    const { header, rows, sheet, disposition } = await exportedSheet(budget, `/budget/remittances/export?fiscalYear=${TEST_YEAR}`);
    expect(disposition).toContain(encodeURIComponent("上解台账.xlsx"));
    expect(header).toEqual([...REMITTANCE_EXPORT_HEADER]);
    expect(rows.map((r) => r[documentNo])).toEqual(listed.map((r) => r.documentNo));
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(["青禾镇"]));
    expect(rows.every((r) => typeof r[amount] === "number")).toBe(true);
    expect(sheet.getRow(2).getCell(amount + 1).numFmt).toBe("#,##0.00");
    expect(formatYuan(rows.reduce((s, r) => s + fenOfCell(r[amount]!), 0n))).toBe(total);
    const special = rows.find((r) => r[documentNo] === `青财预〔${TEST_YEAR}〕77号`)!;
    expect(special.slice(1, 9)).toEqual([TEST_YEAR, `${TEST_YEAR}-11-20`, `青财预〔${TEST_YEAR}〕77号`, "专项上解", "政府性基金预算", 1234.56, "专项上解测试", "李秀英"]);
    expect(rows.filter((r) => r[4] === "体制上解").length).toBe(listed.length - 1);
  });

  it("applies the list's filters (year, township)", async () => {
    expect((await exportedSheet(budget, `/budget/remittances/export?fiscalYear=${TEST_YEAR + 5}`)).rows).toEqual([]);
    expect((await exportedSheet(budget, "/budget/remittances/export?regionCode=329901102")).rows).toEqual([]);
    const all = await exportedSheet(budget, "/budget/remittances/export");
    expect(all.rows).toHaveLength((await allItems(budget, "/budget/remittances")).length);
  });

  it("gives the district every township's remittances side by side", async () => {
    const listed = await allItems<{ documentNo: string }>(supervisor, `/budget/remittances?fiscalYear=${TEST_YEAR}`);
    const { rows } = await exportedSheet(supervisor, `/budget/remittances/export?fiscalYear=${TEST_YEAR}`);
    expect(rows.map((r) => r[documentNo])).toEqual(listed.map((r) => r.documentNo));
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(["青禾镇", "白塔镇"]));
    const baita = await exportedSheet(supervisor, "/budget/remittances/export?regionCode=329901102");
    expect(baita.rows.map((r) => [r[0], r[documentNo]])).toEqual([["白塔镇", `白财预〔${TEST_YEAR}〕5号`]]);
  });

  it("refuses a bad filter with the list's validation error", async () => {
    for (const query of ["fiscalYear=abc", "regionCode=3299", "page=2"]) {
      const bad = await budget.get(`/budget/remittances/export?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.body.code).toBe("VALIDATION_FAILED");
    }
  });
});
