// Proves the roster lines' Excel export (发放台账, subsidy/linesXlsx.ts): every line of the roster and the
// list's filters (payment state, findings, name searched), the township's own rosters only and the
// district's of any township, amounts as numbers, a bad filter refused — and no cell holding a whole ID
// or card number: each sealed number of the roster, opened here, appears nowhere in the file, and the
// number columns hold only the masked forms the page shows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type ExcelJS from "exceljs";
import { formatYuan } from "@xiangcai/shared";
import { allItems, exportedSheet, fenOfCell } from "../../test/exports.ts";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { TEST_DATA_KEYS } from "../../test/keys.ts";
import { decryptPersonal } from "../platform/crypto.ts";
import { subsidyRosterLine } from "./tables.ts";
import { LINE_EXPORT_HEADER } from "./linesXlsx.ts";

let t: TestApp;
let clerk: ApiClient;
let supervisor: ApiClient;
/** 红旗村's 耕地地力保护补贴 2026: paid in one batch, one card failed. */
let paidRoster = "";
/** 前进村's first report: lines with errors (bad ID and card numbers among them). */
let badRoster = "";
const col = (name: (typeof LINE_EXPORT_HEADER)[number]) => LINE_EXPORT_HEADER.indexOf(name);
type Line = { lineNo: number; name: string; amount: string; status: string; withdrawn: boolean };

/** The whole ID and card numbers sealed on a roster's lines. */
async function sealedNumbers(rosterId: string): Promise<string[]> {
  const lines = await t.database.db.select().from(subsidyRosterLine).where(and(eq(subsidyRosterLine.regionCode, "329901101"), eq(subsidyRosterLine.rosterId, rosterId)));
  return lines.flatMap((l) => [decryptPersonal(TEST_DATA_KEYS, l.residentIdSealed), ...(l.cardSealed ? [decryptPersonal(TEST_DATA_KEYS, l.cardSealed)] : [])]).filter((n) => n.length >= 8);
}

function expectMasked(rows: ExcelJS.CellValue[][], sealed: string[]) {
  const text = rows.flat().map((c) => String(c ?? "")).join("\n");
  for (const n of sealed) expect(text.includes(n), `a whole number ${n.slice(0, 6)}… is in the file`).toBe(false);
  expect(text).not.toMatch(/[0-9]{15}/);
  for (const r of rows) {
    expect(String(r[col("身份证号")])).toMatch(/^([0-9]{6}\*+[0-9Xx*]{4}|\**)$/);
    expect(String(r[col("银行卡号")] ?? "")).toMatch(/^(\*{4}[0-9]{4}|\*{4}|)$/);
  }
}

beforeAll(async () => {
  t = await startTestApp("demo");
  clerk = await loginAs(t.app, "subsidy");
  supervisor = await loginAs(t.app, "supervisor");
  paidRoster = (await clerk.get("/subsidy/rosters?villageCode=329901101202&itemCode=GDDLBH&status=payment")).body.items[0].id;
  badRoster = (await clerk.get("/subsidy/rosters?villageCode=329901101203&status=draft")).body.items.find((r: { errorCount: number }) => r.errorCount > 0).id;
});
afterAll(async () => t?.close());

describe("the roster lines' export (发放台账)", () => {
  it("holds every line of the roster, the payment's state in Chinese, amounts as numbers summing to the roster's total", async () => {
    const listed = await allItems<Line>(clerk, `/subsidy/rosters/${paidRoster}/lines`);
    expect(listed.length).toBeGreaterThan(3);
    const roster = (await clerk.get(`/subsidy/rosters/${paidRoster}`)).body;
    const { header, rows, sheet, disposition } = await exportedSheet(clerk, `/subsidy/rosters/${paidRoster}/lines/export`);
    expect(disposition).toContain(encodeURIComponent("耕地地力保护补贴发放台账-红旗村-2026.xlsx"));
    expect(header).toEqual([...LINE_EXPORT_HEADER]);
    expect(rows.map((r) => [r[col("行号")], r[col("姓名")]])).toEqual(listed.map((l) => [l.lineNo, l.name]));
    expect(new Set(rows.map((r) => `${r[0]} ${r[1]} ${r[2]} ${r[4]}`))).toEqual(new Set(["青禾镇 耕地地力保护补贴 2026 红旗村"]));
    expect(rows.every((r) => typeof r[col("金额（元）")] === "number")).toBe(true);
    expect(sheet.getRow(2).getCell(col("金额（元）") + 1).numFmt).toBe("#,##0.00");
    expect(formatYuan(rows.reduce((s, r) => s + fenOfCell(r[col("金额（元）")]!), 0n))).toBe(roster.total);
    const states = rows.map((r) => r[col("发放状态")]);
    expect(states.filter((s) => s === "发放失败")).toHaveLength(1);
    expect(states.filter((s) => s === "已发放")).toHaveLength(rows.length - 1);
    const failed = rows.find((r) => r[col("发放状态")] === "发放失败")!;
    expect([failed[col("发放日期")], failed[col("失败原因")]]).toEqual(["", "户名与账号不符"]);
    expect(rows.filter((r) => r[col("发放状态")] === "已发放").every((r) => /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(String(r[col("发放日期")])))).toBe(true);
  });

  it("never holds a whole ID or card number, only the masked forms the page shows", async () => {
    for (const rosterId of [paidRoster, badRoster]) {
      const sealed = await sealedNumbers(rosterId);
      expect(sealed.length).toBeGreaterThan(3);
      const { rows } = await exportedSheet(clerk, `/subsidy/rosters/${rosterId}/lines/export`);
      const listed = await allItems<{ residentIdMasked: string; cardMasked: string }>(clerk, `/subsidy/rosters/${rosterId}/lines`);
      expect(rows.map((r) => [r[col("身份证号")], r[col("银行卡号")] ?? ""])).toEqual(listed.map((l) => [l.residentIdMasked, l.cardMasked]));
      expectMasked(rows, sealed);
    }
  });

  it("applies the list's filters (payment state, findings, name searched)", async () => {
    const failed = await exportedSheet(clerk, `/subsidy/rosters/${paidRoster}/lines/export?status=failed`);
    expect(failed.rows.map((r) => r[col("发放状态")])).toEqual(["发放失败"]);
    const errors = await allItems<Line>(clerk, `/subsidy/rosters/${badRoster}/lines?findings=error`);
    const withErrors = await exportedSheet(clerk, `/subsidy/rosters/${badRoster}/lines/export?findings=error`);
    expect(withErrors.rows.map((r) => r[col("行号")])).toEqual(errors.map((l) => l.lineNo));
    expect(withErrors.rows.length).toBeGreaterThan(0);
    expect(withErrors.rows.every((r) => String(r[col("检查结果")]).length > 0)).toBe(true);
    const name = (await allItems<Line>(clerk, `/subsidy/rosters/${paidRoster}/lines`))[1]!.name;
    const searched = await exportedSheet(clerk, `/subsidy/rosters/${paidRoster}/lines/export?q=${encodeURIComponent(name)}`);
    expect(searched.rows.length).toBeGreaterThan(0);
    expect(searched.rows.every((r) => String(r[col("姓名")]).includes(name))).toBe(true);
    expect((await exportedSheet(clerk, `/subsidy/rosters/${paidRoster}/lines/export?q=${encodeURIComponent("无此人")}`)).rows).toEqual([]);
  });

  it("gives the district any township's roster, named by its township; refuses a township another's", async () => {
    const baitaRoster = (await supervisor.get("/subsidy/rosters?regionCode=329901102&pageSize=100")).body.items.find((r: { lineCount: number }) => r.lineCount > 0);
    const baita = await exportedSheet(supervisor, `/subsidy/rosters/${baitaRoster.id}/lines/export`);
    expect(baita.rows).toHaveLength((await allItems(supervisor, `/subsidy/rosters/${baitaRoster.id}/lines`)).length);
    expect(new Set(baita.rows.map((r) => r[0]))).toEqual(new Set(["白塔镇"]));
    const qinghe = await exportedSheet(supervisor, `/subsidy/rosters/${paidRoster}/lines/export`);
    expect(new Set(qinghe.rows.map((r) => r[0]))).toEqual(new Set(["青禾镇"]));
    const refused = await clerk.get(`/subsidy/rosters/${baitaRoster.id}/lines/export`);
    expect([refused.status, refused.body.code]).toEqual([404, "OUT_OF_SCOPE"]);
  });

  it("refuses a bad filter with the list's validation error", async () => {
    for (const query of ["status=lost", "findings=all", "pageSize=5"]) {
      const bad = await clerk.get(`/subsidy/rosters/${paidRoster}/lines/export?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.body.code).toBe("VALIDATION_FAILED");
    }
  });
});
