// Proves the treasury's Excel exports (treasury/xlsx.ts): the payment requests and the quotas of the
// list's filters and the user's scope — a township's own rows only, the district's of every township
// side by side — with the list's rows to the last one, amounts as numbers summing to the list's to the
// fen, and a bad filter refused.
import { describe, expect, it } from "vitest";
import { formatYuan, parseYuan } from "@xiangcai/shared";
import { allItems, demoUsers, exportedSheet, fenOfCell, yuanTotal } from "../../test/exports.ts";
import { TEST_YEAR } from "../../test/clock.ts";
import { PAYMENT_EXPORT_HEADER, QUOTA_EXPORT_HEADER } from "./xlsx.ts";

const users = demoUsers("budget", "supervisor");

describe("the payment requests' export (支付申请台账)", () => {
  it("holds a township's own requests, every one of the list, amounts as numbers summing to the list's to the fen", async () => {
    const listed = await allItems<{ paymentNo: string; amount: string; regionCode: string }>(users.budget, "/treasury/payments");
    expect(listed.length).toBeGreaterThan(20);
    const { header, rows, sheet, disposition } = await exportedSheet(users.budget, "/treasury/payments/export");
    expect(disposition).toContain(encodeURIComponent("支付申请台账.xlsx"));
    expect(header).toEqual([...PAYMENT_EXPORT_HEADER]);
    expect(rows.map((r) => r[1]).sort()).toEqual(listed.map((p) => p.paymentNo).sort());
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(["青禾镇"]));
    const amount = PAYMENT_EXPORT_HEADER.indexOf("金额（元）");
    expect(rows.every((r) => typeof r[amount] === "number")).toBe(true);
    expect(sheet.getRow(2).getCell(amount + 1).numFmt).toBe("#,##0.00");
    expect(yuanTotal(rows.map((r) => fenOfCell(r[amount]!)))).toBe(yuanTotal(listed.map((p) => parseYuan(p.amount))));
  });

  it("applies the list's filters (status, search text)", async () => {
    const paid = await exportedSheet(users.budget, "/treasury/payments/export?status=paid");
    const status = PAYMENT_EXPORT_HEADER.indexOf("状态");
    expect(paid.rows.length).toBeGreaterThan(0);
    expect(new Set(paid.rows.map((r) => r[status]))).toEqual(new Set(["已支付"]));
    const listed = await allItems<{ paymentNo: string }>(users.budget, "/treasury/payments?q=" + encodeURIComponent("办公用品"));
    const searched = await exportedSheet(users.budget, "/treasury/payments/export?q=" + encodeURIComponent("办公用品"));
    expect(searched.rows.map((r) => r[1]).sort()).toEqual(listed.map((p) => p.paymentNo).sort());
    expect(searched.rows.length).toBeGreaterThan(0);
    expect((await exportedSheet(users.budget, `/treasury/payments/export?fiscalYear=${TEST_YEAR + 5}`)).rows).toEqual([]);
  });

  it("gives the district every township's requests side by side", async () => {
    const listed = await allItems<{ paymentNo: string }>(users.supervisor, `/treasury/payments?fiscalYear=${TEST_YEAR}`);
    const { rows } = await exportedSheet(users.supervisor, `/treasury/payments/export?fiscalYear=${TEST_YEAR}`);
    expect(rows).toHaveLength(listed.length);
    expect(new Set(rows.map((r) => r[0])).size).toBeGreaterThan(5);
    expect(rows.some((r) => r[0] === "白塔镇")).toBe(true);
  });

  it("refuses a bad filter with the list's validation error, and a township another's rows", async () => {
    const bad = await users.budget.get("/treasury/payments/export?status=lost");
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("VALIDATION_FAILED");
    const other = await exportedSheet(users.budget, "/treasury/payments/export?regionCode=329901102");
    expect(other.rows).toEqual([]);
  });
});

describe("the quotas' export (授权支付额度表)", () => {
  it("holds the list's quotas with fund and kind in Chinese, of the filter, the township's own", async () => {
    const listed = await allItems<{ quota: string; fundName: string }>(users.budget, "/treasury/quotas");
    expect(listed.length).toBeGreaterThan(0);
    const { header, rows } = await exportedSheet(users.budget, "/treasury/quotas/export");
    expect(header).toEqual([...QUOTA_EXPORT_HEADER]);
    expect(rows).toHaveLength(listed.length);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(["青禾镇"]));
    expect(rows.every((r) => ["一般公共预算", "政府性基金", "国有资本经营"].includes(String(r[4])) && ["基本支出", "项目支出"].includes(String(r[5])))).toBe(true);
    const quota = QUOTA_EXPORT_HEADER.indexOf("额度（元）");
    expect(rows.map((r) => formatYuan(fenOfCell(r[quota]!))).sort()).toEqual(listed.map((q) => q.quota).sort());
    expect((await exportedSheet(users.budget, "/treasury/quotas/export?fund=stateCapital")).rows).toEqual([]);
  });
});
