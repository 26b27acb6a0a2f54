// Proves the 序时账 export (ledger/journalExport.ts): every line of every voucher of the list's filters
// and the user's scope — a township's own sets only, the district's of every township — oldest first,
// each voucher's lines balancing per basis as money numbers, the list's filters applied, and a bad
// filter or another township's set refused.
import { describe, expect, it } from "vitest";
import { allItems, demoUsers, exportedSheet, fenOfCell } from "../../test/exports.ts";
import { DEMO_LEDGER_IDS } from "./demo.ts";
import { JOURNAL_EXPORT_HEADER } from "./journalExport.ts";

const users = demoUsers("budget", "supervisor");
const setId = DEMO_LEDGER_IDS.qingheSet;
const col = (name: (typeof JOURNAL_EXPORT_HEADER)[number]) => JOURNAL_EXPORT_HEADER.indexOf(name);

describe("the journal export (序时账)", () => {
  it("holds every line of the set's vouchers, oldest first, each voucher balancing per basis", async () => {
    const listed = await allItems<{ id: string; label: string; date: string }>(users.budget, `/ledger/vouchers?setId=${setId}`);
    expect(listed.length).toBeGreaterThan(3);
    const { header, rows, sheet, disposition } = await exportedSheet(users.budget, `/ledger/vouchers/export?setId=${setId}`);
    expect(header).toEqual([...JOURNAL_EXPORT_HEADER]);
    expect(disposition).toContain(encodeURIComponent("QH-01-序时账.xlsx"));
    let lines = 0;
    for (const v of listed) lines += (await users.budget.get(`/ledger/vouchers/${v.id}`)).body.lines.length;
    expect(rows).toHaveLength(lines);
    expect(new Set(rows.map((r) => r[col("账套")]))).toEqual(new Set(["QH-01 青禾镇人民政府"]));
    const dates = rows.map((r) => String(r[col("日期")]));
    expect(dates).toEqual([...dates].sort());
    expect(typeof rows.find((r) => r[col("借方（元）")] !== "")![col("借方（元）")]).toBe("number");
    expect(sheet.getRow(2).getCell(col("借方（元）") + 1).numFmt).toBe("#,##0.00");
    // Each posted voucher (numbered, so its label is unique in its month) balances per basis.
    const sides = new Map<string, bigint>();
    for (const r of rows) {
      if (r[col("状态")] !== "已记账") continue;
      const key = `${String(r[col("日期")]).slice(0, 7)} ${String(r[col("凭证号")])} ${String(r[col("会计")])}`;
      const debit = r[col("借方（元）")] === "" ? 0n : fenOfCell(r[col("借方（元）")]!);
      const credit = r[col("贷方（元）")] === "" ? 0n : fenOfCell(r[col("贷方（元）")]!);
      sides.set(key, (sides.get(key) ?? 0n) + debit - credit);
    }
    expect(sides.size).toBeGreaterThan(0);
    expect([...sides.entries()].filter(([, diff]) => diff !== 0n)).toEqual([]);
    expect(rows.every((r) => String(r[col("科目名称")]) !== "")).toBe(true);
  });

  it("applies the list's filters (status, year and month, summary text)", async () => {
    const posted = await exportedSheet(users.budget, `/ledger/vouchers/export?setId=${setId}&status=posted`);
    expect(posted.rows.length).toBeGreaterThan(0);
    expect(new Set(posted.rows.map((r) => r[col("状态")]))).toEqual(new Set(["已记账"]));
    const first = posted.rows[0]!;
    const [year, month] = String(first[col("日期")]).split("-").map(Number) as [number, number];
    const ofMonth = await exportedSheet(users.budget, `/ledger/vouchers/export?setId=${setId}&year=${year}&month=${month}`);
    expect(ofMonth.disposition).toContain(encodeURIComponent(`QH-01-${year}年${month}月序时账.xlsx`));
    expect(ofMonth.rows.every((r) => String(r[col("日期")]).startsWith(`${year}-${String(month).padStart(2, "0")}`))).toBe(true);
    const word = String(first[col("摘要")]).slice(0, 2);
    const listed = await allItems<{ label: string }>(users.budget, `/ledger/vouchers?setId=${setId}&q=${encodeURIComponent(word)}`);
    const searched = await exportedSheet(users.budget, `/ledger/vouchers/export?setId=${setId}&q=${encodeURIComponent(word)}`);
    expect(new Set(searched.rows.map((r) => r[col("凭证号")]))).toEqual(new Set(listed.map((v) => v.label)));
    expect(searched.rows.length).toBeGreaterThan(0);
    expect((await exportedSheet(users.budget, `/ledger/vouchers/export?setId=${setId}&year=2099`)).rows).toEqual([]);
  });

  it("gives a township its own sets only and the district every township's", async () => {
    const own = await exportedSheet(users.budget, "/ledger/vouchers/export");
    expect(own.disposition).toContain(encodeURIComponent("序时账.xlsx"));
    expect(own.rows.some((r) => String(r[col("账套")]).startsWith("QH-01"))).toBe(true);
    expect(own.rows.some((r) => String(r[col("账套")]).startsWith("BT-"))).toBe(false);
    const all = await exportedSheet(users.supervisor, "/ledger/vouchers/export");
    expect(all.rows.some((r) => String(r[col("账套")]).startsWith("BT-01"))).toBe(true);
    expect(all.rows.some((r) => String(r[col("账套")]).startsWith("QH-01"))).toBe(true);
  });

  it("refuses a bad filter and another township's set, and writes nothing", async () => {
    const bad = await users.budget.get("/ledger/vouchers/export?status=lost");
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("VALIDATION_FAILED");
    const month13 = await users.budget.get(`/ledger/vouchers/export?setId=${setId}&month=13`);
    expect(month13.status).toBe(400);
    const other = await users.budget.get(`/ledger/vouchers/export?setId=${DEMO_LEDGER_IDS.baitaSet}`);
    expect(other.status).toBe(404);
    expect(other.body.code).toBe("OUT_OF_SCOPE");
  });
});
