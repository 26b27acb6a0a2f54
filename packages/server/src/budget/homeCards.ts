// Budget's cards on the home pages: the year's execution (issued, paid, in flight, rate; by class for
// a township, by township for the district) and the townships' standing among their peers by
// execution rate (the district sees the ranking; a director sees the township's place and the
// district's average, never another township's figures).
import { and, eq, sql } from "drizzle-orm";
import { formatYuan, type HomeCardView } from "@xiangcai/shared";
import { region } from "../platform/regionTable.ts";
import { scopeCondition } from "../platform/scope.ts";
import type { HomeCard } from "../home/index.ts";
import { executionReport } from "./report.ts";
import { executionRate } from "./rules.ts";
import { budgetIndicator } from "./tables.ts";

/** "12.34%" → "12.34"; "—" (nothing issued) stays. */
const percent = (rate: string) => rate.replace(/%$/, "");

export const budgetExecutionCard: HomeCard = {
  code: "budget.execution",
  audiences: ["district", "director", "reader"],
  permissions: ["budget.read"],
  order: 10,
  async load(db, actor, { fiscalYear, audience }): Promise<HomeCardView> {
    const report = await executionReport(db, actor, { fiscalYear, by: audience === "district" ? "township" : "functional1" });
    const t = report.total;
    // The district's chart lists every township, those without indicators too; a township's, its classes with money.
    const rows =
      audience === "district"
        ? (await townshipTotals(db, actor.regionCode.slice(0, 6), fiscalYear)).rows.sort((a, b) => a.code.localeCompare(b.code)).map((r) => ({ key: r.code, name: r.name, issued: formatYuan(r.issued), paid: formatYuan(r.paid) }))
        : report.rows.filter((r) => r.issued !== "0.00" || r.paid !== "0.00");
    return {
      code: "budget.execution",
      title: `${fiscalYear} 年预算执行`,
      size: "wide",
      note: audience === "district" ? "全区各乡镇预算指标的支付进度" : "本级预算指标按支出功能分类（类）的支付进度",
      figures: [
        { label: "指标数", value: t.issued, kind: "money", link: "/budget/indicators" },
        { label: "已支付", value: t.paid, kind: "money" },
        { label: "在途（已占用）", value: t.reserved, kind: "money", link: "/treasury/payments" },
        { label: "执行率", value: percent(t.executionRate), kind: "percent" },
      ],
      ...(rows.length
        ? {
            chart: {
              type: "bar" as const,
              horizontal: true,
              categories: rows.map((r) => r.name || r.key),
              series: [
                { name: "指标数", kind: "money" as const, values: rows.map((r) => r.issued) },
                { name: "已支付", kind: "money" as const, values: rows.map((r) => r.paid) },
              ],
            },
          }
        : { empty: `${fiscalYear} 年还没有下达预算指标` }),
      link: { label: "预算执行", path: "/budget/execution" },
    };
  },
};

/**
 * Every township of the district with its issued and paid of the year, ranked by execution rate
 * (read district-wide whatever the reader's scope: a director is shown only the place and the
 * average). A township without indicators is listed last, so the district sees who is missing.
 */
async function townshipTotals(db: Parameters<HomeCard["load"]>[0], districtPrefix: string, fiscalYear: number) {
  const t = budgetIndicator;
  const township = sql<string>`substr(${t.regionCode}, 1, 9)`;
  const found = await db
    .select({ code: township, issued: sql<string>`sum(${t.issuedFen})::text`, paid: sql<string>`sum(${t.paidFen})::text` })
    .from(t)
    .where(and(scopeCondition(t.regionCode, districtPrefix), eq(t.fiscalYear, fiscalYear)))
    .groupBy(township);
  const townships = await db.select({ code: region.regionCode, name: region.name }).from(region).where(and(eq(region.level, "township"), scopeCondition(region.regionCode, districtPrefix))).orderBy(region.regionCode);
  const rows = townships
    .map((w) => {
      const f = found.find((x) => x.code === w.code);
      const issued = BigInt(f?.issued ?? "0");
      const paid = BigInt(f?.paid ?? "0");
      // Ranked on basis points, exactly; the shown rate is the same rounding as the execution report.
      const basisPoints = issued > 0n ? (paid * 10_000n) / issued : -1n;
      return { code: w.code, name: w.name, issued, paid, basisPoints, rate: percent(executionRate(paid, issued)) };
    })
    .sort((a, b) => (a.basisPoints === b.basisPoints ? a.code.localeCompare(b.code) : a.basisPoints > b.basisPoints ? -1 : 1));
  const issuedAll = rows.reduce((s, r) => s + r.issued, 0n);
  const paidAll = rows.reduce((s, r) => s + r.paid, 0n);
  return { rows, average: percent(executionRate(paidAll, issuedAll)) };
}

export const townshipStandingCard: HomeCard = {
  code: "budget.standing",
  audiences: ["district", "director"],
  permissions: ["budget.read"],
  order: 50,
  async load(db, actor, { fiscalYear, audience }): Promise<HomeCardView | null> {
    const { rows, average } = await townshipTotals(db, actor.regionCode.slice(0, 6), fiscalYear);
    if (rows.length === 0) return null;
    if (audience === "district") {
      return {
        code: "budget.standing",
        title: "乡镇执行率排名",
        size: "normal",
        note: `${fiscalYear} 年各乡镇预算执行率，全区平均 ${average}%`,
        figures: [],
        table: {
          columns: [
            { key: "rank", title: "名次", kind: "count" },
            { key: "name", title: "乡镇", kind: "text" },
            { key: "issued", title: "指标数", kind: "money" },
            { key: "paid", title: "已支付", kind: "money" },
            { key: "rate", title: "执行率（%）", kind: "percent" },
          ],
          rows: rows.map((r, i) => ({ rank: String(i + 1), name: r.name, issued: formatYuan(r.issued), paid: formatYuan(r.paid), rate: r.rate, link: "/budget/execution" })),
        },
        link: { label: "预算执行（按乡镇）", path: "/budget/execution" },
      };
    }
    const township = actor.regionCode.slice(0, 9);
    const place = rows.findIndex((r) => r.code === township);
    if (place < 0) return null;
    const mine = rows[place]!;
    return {
      code: "budget.standing",
      title: "在全区的位次",
      size: "normal",
      note: `按 ${fiscalYear} 年预算执行率在全区 ${rows.length} 个乡镇中的名次（其他乡镇只计入平均数）`,
      figures: [
        { label: "名次", value: `${place + 1} / ${rows.length}`, kind: "text", ...(place + 1 > Math.ceil(rows.length * 0.75) ? { tone: "warning" as const } : place < 3 ? { tone: "success" as const } : {}) },
        { label: "本镇执行率", value: mine.rate, kind: "percent" },
        { label: "全区平均", value: average, kind: "percent" },
      ],
    };
  },
};
