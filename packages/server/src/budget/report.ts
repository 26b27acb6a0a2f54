// Budget execution (预算执行) report: issued, paid and the execution rate of a year's indicators, by
// township (the district sees them side by side), unit, functional class at each level, economic
// class, or month (paid in that month, from the indicators' settled events); and its Excel export.
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import ExcelJS from "exceljs";
import { formatYuan } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { formatMoneyColumns } from "../platform/excelMoney.ts";
import { scopeCondition } from "../platform/scope.ts";
import type { Actor } from "../identity/index.ts";
import { budgetUnit } from "../org/index.ts";
import { region } from "../platform/regionTable.ts";
import { classificationNames } from "../catalog/index.ts";
import { executionRate } from "./rules.ts";
import { budgetIndicator, indicatorEvent } from "./tables.ts";
import type { ExecutionRow, ExecutionReport } from "@xiangcai/shared";
import { workbookBuffer } from "../platform/sheetWriter.ts";
export type { ExecutionRow, ExecutionReport };

export type ReportBy = "township" | "unit" | "functional1" | "functional2" | "functional3" | "economic1" | "economic2" | "month";

const money = (s: string | null | undefined) => BigInt(s ?? "0");

export async function executionReport(db: Db, actor: Actor, input: { regionCode?: string | undefined; fiscalYear: number; by: ReportBy }): Promise<ExecutionReport> {
  const t = budgetIndicator;
  const conditions: SQL[] = [scopeCondition(t.regionCode, actor.scopePrefix), eq(t.fiscalYear, input.fiscalYear)];
  if (input.regionCode) conditions.push(scopeCondition(t.regionCode, input.regionCode));
  const where = and(...conditions);
  const [totals] = await db
    .select({
      issued: sql<string>`coalesce(sum(${t.issuedFen}), 0)::text`,
      reserved: sql<string>`coalesce(sum(${t.reservedFen}), 0)::text`,
      paid: sql<string>`coalesce(sum(${t.paidFen}), 0)::text`,
      available: sql<string>`coalesce(sum(${t.availableFen}), 0)::text`,
    })
    .from(t)
    .where(where);
  const row = (key: string, name: string, issued: bigint, reserved: bigint, paid: bigint, available: bigint): ExecutionRow => ({
    key,
    name,
    issued: formatYuan(issued),
    reserved: formatYuan(reserved),
    paid: formatYuan(paid),
    available: formatYuan(available),
    executionRate: executionRate(paid, issued),
  });
  const issuedTotal = money(totals?.issued);
  const total = row("total", "合计", issuedTotal, money(totals?.reserved), money(totals?.paid), money(totals?.available));

  if (input.by === "month") {
    // Paid in each month (China time); the rate is cumulative paid against the year's issued total.
    const e = indicatorEvent;
    const month = sql<string>`to_char(${e.at} at time zone 'Asia/Shanghai', 'MM')`;
    const found = await db
      .select({ month, paid: sql<string>`sum(${e.amountFen})::text` })
      .from(e)
      .innerJoin(t, and(eq(t.regionCode, e.regionCode), eq(t.id, e.indicatorId)))
      .where(and(where, eq(e.kind, "settled")))
      .groupBy(month)
      .orderBy(month);
    let cumulative = 0n;
    const rows = found.map((f) => {
      cumulative += money(f.paid);
      return { ...row(f.month, `${Number(f.month)}月`, 0n, 0n, money(f.paid), 0n), issued: "", reserved: "", available: "", executionRate: executionRate(cumulative, issuedTotal) };
    });
    return { fiscalYear: input.fiscalYear, by: input.by, rows, total };
  }

  const keyExpr =
    input.by === "township"
      ? sql<string>`${t.regionCode}`
      : input.by === "unit"
        ? sql<string>`${t.budgetUnitId}::text`
        : input.by.startsWith("functional")
          ? sql<string>`substr(${t.functionalCode}, 1, ${sql.raw(String(1 + Number(input.by.slice(-1)) * 2))})`
          : sql<string>`substr(${t.economicCode}, 1, ${sql.raw(String(1 + Number(input.by.slice(-1)) * 2))})`;
  const found = await db
    .select({
      key: keyExpr,
      issued: sql<string>`sum(${t.issuedFen})::text`,
      reserved: sql<string>`sum(${t.reservedFen})::text`,
      paid: sql<string>`sum(${t.paidFen})::text`,
      available: sql<string>`sum(${t.availableFen})::text`,
    })
    .from(t)
    .where(where)
    .groupBy(keyExpr)
    .orderBy(keyExpr);
  const keys = found.map((f) => f.key);
  let names = new Map<string, string>();
  if (keys.length && input.by === "township") {
    names = new Map((await db.select({ code: region.regionCode, name: region.name }).from(region).where(inArray(region.regionCode, keys))).map((r) => [r.code, r.name]));
  } else if (keys.length && input.by === "unit") {
    names = new Map((await db.select({ id: budgetUnit.id, name: budgetUnit.name }).from(budgetUnit).where(inArray(budgetUnit.id, keys))).map((u) => [u.id, u.name]));
  } else if (keys.length) {
    names = await classificationNames(db, actor.regionCode, input.fiscalYear, input.by.startsWith("functional") ? "functional" : "economic", keys);
  }
  const rows = found.map((f) => row(f.key, names.get(f.key) ?? "", money(f.issued), money(f.reserved), money(f.paid), money(f.available)));
  return { fiscalYear: input.fiscalYear, by: input.by, rows, total };
}

const BY_TITLES: Record<ReportBy, string> = { township: "乡镇", unit: "预算单位", functional1: "功能分类（类）", functional2: "功能分类（款）", functional3: "功能分类（项）", economic1: "经济分类（类）", economic2: "经济分类（款）", month: "月份" };

export async function executionReportWorkbook(report: ExecutionReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("预算执行");
  sheet.addRow([`${report.fiscalYear}年度预算执行情况（按${BY_TITLES[report.by]}）`]).font = { bold: true, size: 14 };
  sheet.addRow(["单位：元"]);
  sheet.addRow(["编码", "名称", "指标数", "在途（已占用）", "已支付", "可用", "执行率"]).font = { bold: true };
  for (const r of report.rows) sheet.addRow([r.key, r.name, r.issued, r.reserved, r.paid, r.available, r.executionRate]);
  const t = report.total;
  sheet.addRow(["", t.name, t.issued, t.reserved, t.paid, t.available, t.executionRate]).font = { bold: true };
  formatMoneyColumns(sheet, 3, [3, 4, 5, 6]);
  sheet.columns.forEach((c) => (c.width = 18));
  return await workbookBuffer(workbook);
}
