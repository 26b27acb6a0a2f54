// Proves 补齐标准明细 (completeStandardChart): a set created with an older chart gets exactly the
// standard 明细 it lacks, its parents no longer leaves; a parent leaf with entries is not split and its
// 明细 are reported with the reason; nothing is grafted under an account the set names otherwise; a
// second run adds nothing; a fiscal set is completed from the fiscal chart; the preview is what the
// completion then does; another township's user is refused; a complete set answers empty lists.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog } from "../audit/index.ts";
import { TEST_NOW } from "../../test/clock.ts";
import { builtInChart, createAccountSet, enterVoucher, loadChart, loadSet, systemActor } from "./service.ts";
import { completeStandardChart, previewStandardChart } from "./chartComplete.ts";
import type { AccountSetKind, ChartAccount } from "./rules.ts";
import { codeOf, cr, dr, openLedgerTest, type LedgerTest } from "./testing.ts";

let t: LedgerTest;
beforeAll(async () => {
  t = await openLedgerTest();
});
afterAll(async () => t.database.close());

/** The built-in chart without the 明细 under `parents`, which become leaves: a chart as older sets have it. */
function oldChart(parents: string[], kind: AccountSetKind = "unit"): ChartAccount[] {
  const under = (code: string) => parents.some((p) => code.length > p.length && code.startsWith(p));
  return builtInChart(kind)
    .filter((a) => !under(a.code))
    .map((a) => (parents.includes(a.code) ? { ...a, isLeaf: true } : a));
}
const OLD_PARENTS = ["6001", "7101", "7201", "8101", "1201"];
const missingOf = (parents: string[], kind: AccountSetKind = "unit") =>
  builtInChart(kind)
    .filter((a) => parents.some((p) => a.code.length > p.length && a.code.startsWith(p)))
    .map((a) => ({ code: a.code, name: a.name }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));

let n = 0;
async function setWith(chart: ChartAccount[], opts: { kind?: AccountSetKind; regionCode?: string } = {}) {
  n++;
  const actor = opts.regionCode ? systemActor("测试") : t.budget;
  return (await t.tx((tx) => createAccountSet(tx, actor, { regionCode: opts.regionCode ?? "329901101", code: `T-CC-${n}`, name: `补齐测试${n}`, year: 2026, kind: opts.kind, chart }, TEST_NOW))).id;
}
const chartOf = async (setId: string) => loadChart(t.db, await loadSet(t.db, systemActor("测试"), setId));

describe("补齐标准明细", () => {
  it("adds exactly the missing standard 明细 in code order, makes their parents non-leaves, records an audit entry, and adds nothing when run again", async () => {
    const setId = await setWith(oldChart(OLD_PARENTS));
    const preview = await previewStandardChart(t.db, t.budget, setId);
    const done = await t.tx((tx) => completeStandardChart(tx, t.budget, setId, TEST_NOW));
    expect(done).toEqual({ added: missingOf(OLD_PARENTS), skipped: [] });
    expect(preview).toEqual(done);
    expect(done.added.map((a) => a.code)).toEqual(expect.arrayContaining(["600101", "60010101", "60010102", "600102", "7101010102", "7201010201", "810107", "120102"]));
    const chart = await chartOf(setId);
    const standard = new Map(builtInChart().map((a) => [a.code, a]));
    expect(chart.size).toBe(standard.size);
    for (const [code, account] of chart) expect(account, code).toEqual(standard.get(code));
    expect(chart.get("6001")?.isLeaf).toBe(false);
    expect(chart.get("60010102")).toMatchObject({ name: "项目支出", isLeaf: true, parentCode: "600101" });
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "ledger.chartCompleted"), eq(auditLog.entityId, setId)));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toEqual({ added: done.added.length, skipped: 0 });
    expect(await t.tx((tx) => completeStandardChart(tx, t.budget, setId, TEST_NOW))).toEqual({ added: [], skipped: [] });
    expect((await chartOf(setId)).size).toBe(standard.size);
  });

  it("does not split a parent leaf with entries: its 明细 are skipped with the reason, the others are added", async () => {
    const setId = await setWith(oldChart(OLD_PARENTS));
    await t.tx((tx) => enterVoucher(tx, t.unitacct, setId, { date: "2026-03-01", summary: "收到额度", lines: [dr("1011", "10.00"), cr("4001", "10.00"), dr("800101", "10.00"), cr("6001", "10.00")] }, TEST_NOW));
    const preview = await previewStandardChart(t.db, t.budget, setId);
    const done = await t.tx((tx) => completeStandardChart(tx, t.budget, setId, TEST_NOW));
    expect(preview).toEqual(done);
    expect(done.skipped.map((s) => s.code)).toEqual(missingOf(["6001"]).map((a) => a.code));
    for (const s of done.skipped) expect(s.reason).toBe("科目 6001 财政拨款预算收入 已有记账数据，不能增设明细；可在新年度账套中补齐");
    expect(done.added).toEqual(missingOf(["7101", "7201", "8101", "1201"]));
    const chart = await chartOf(setId);
    expect(chart.get("6001")?.isLeaf).toBe(true);
    expect([...chart.keys()].filter((c) => c.startsWith("6001") && c !== "6001")).toEqual([]);
    expect(chart.get("7101")?.isLeaf).toBe(false);
  });

  it("grafts nothing under an account the set names otherwise, and still completes its siblings", async () => {
    const chart = oldChart(["6001"]).map((a) => (a.code === "6001" ? { ...a, isLeaf: false } : a));
    const six = chart.find((a) => a.code === "6001")!;
    chart.splice(chart.indexOf(six) + 1, 0, { ...six, code: "600101", name: "上级补助拨款", parentCode: "6001", isLeaf: true });
    const setId = await setWith(chart);
    const done = await t.tx((tx) => completeStandardChart(tx, t.budget, setId, TEST_NOW));
    expect(done.added).toEqual([
      { code: "600102", name: "政府性基金预算财政拨款" },
      { code: "60010201", name: "基本支出" },
      { code: "60010202", name: "项目支出" },
    ]);
    expect(done.skipped.map((s) => s.code)).toEqual(["60010101", "60010102"]);
    expect(done.skipped[0]!.reason).toContain("上级补助拨款");
    const after = await chartOf(setId);
    expect(after.get("600101")).toMatchObject({ name: "上级补助拨款", isLeaf: true });
    expect(after.has("60010101")).toBe(false);
  });

  it("completes a fiscal set from the fiscal chart", async () => {
    const parents = [...new Set(builtInChart("fiscal").filter((a) => a.parentCode).map((a) => a.parentCode!.slice(0, 4)))];
    expect(parents.length).toBeGreaterThan(0);
    const setId = await setWith(oldChart(parents, "fiscal"), { kind: "fiscal", regionCode: "329901103" });
    const done = await t.tx((tx) => completeStandardChart(tx, systemActor("测试"), setId, TEST_NOW));
    expect(done).toEqual({ added: missingOf(parents, "fiscal"), skipped: [] });
    expect((await chartOf(setId)).size).toBe(builtInChart("fiscal").length);
    // Another township's user sees neither the preview nor the completion.
    expect(await codeOf(previewStandardChart(t.db, t.budget, setId))).toBe("OUT_OF_SCOPE");
    expect(await codeOf(t.tx((tx) => completeStandardChart(tx, t.budget, setId, TEST_NOW)))).toBe("OUT_OF_SCOPE");
  });

  it("answers empty lists for a set whose chart is already the standard one", async () => {
    const setId = await setWith(builtInChart());
    expect(await previewStandardChart(t.db, t.budget, setId)).toEqual({ added: [], skipped: [] });
    expect(await t.tx((tx) => completeStandardChart(tx, t.budget, setId, TEST_NOW))).toEqual({ added: [], skipped: [] });
  });
});
