// Reports of supervision to the township government and the district (定期报告监管情况): alerts
// found in a period by rule, stage, township and status, the amounts involved, the rectification rate
// and the overdue ones; the Excel workbook and the district's dashboard (alerts by township and
// month). Each month's report is issued once, on the first run of the scheduler in the next month,
// and kept as issued (append-only).
import ExcelJS from "exceljs";
import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import { formatDecimal, formatYuan, percentOf, scopeCovers, type SupervisionAlertListItem, type SupervisionDashboardView, type SupervisionIssuedReportView, type SupervisionReportRow, type SupervisionReportView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { region } from "../platform/regionTable.ts";
import { scopeCondition } from "../platform/scope.ts";
import { chinaDate, chinaDayStart } from "../platform/workingDays.ts";
import { flowInstance } from "../flow/index.ts";
import type { Actor } from "../identity/index.ts";
import { alertsIn, fail } from "./alerts.ts";
import { addDays, alertStatuses, alertStatusNames, ruleCodes, rules, stageNames, type AlertStatus, type RuleCode, type Stage } from "./rules.ts";
import { townshipsIn } from "./runner.ts";
import { supervisionAlert, supervisionReport } from "./tables.ts";
import { formatMoneyColumns } from "../platform/excelMoney.ts";
import { workbookBuffer } from "../platform/sheetWriter.ts";

const CONFIRMED: readonly AlertStatus[] = ["verified", "rectifying", "rectified", "closed"];
const FALSE: readonly AlertStatus[] = ["falseAlarmProposed", "falseAlarm"];

interface Counted {
  regionCode: string;
  rule: RuleCode;
  stage: Stage;
  status: AlertStatus;
  amountFen: bigint;
  overdue: boolean;
}

function row(key: string, name: string, list: readonly Counted[]): SupervisionReportRow {
  const confirmed = list.filter((a) => CONFIRMED.includes(a.status)).length;
  const closed = list.filter((a) => a.status === "closed").length;
  return {
    key,
    name,
    alerts: list.length,
    open: list.filter((a) => a.status !== "closed" && a.status !== "falseAlarm").length,
    rectified: closed,
    falseAlarms: list.filter((a) => FALSE.includes(a.status)).length,
    overdue: list.filter((a) => a.overdue).length,
    amount: formatYuan(list.reduce((s, a) => s + a.amountFen, 0n)),
    rectificationRate: confirmed ? formatDecimal(percentOf(BigInt(closed), BigInt(confirmed), 1)) : null,
  };
}

/** The report over a scope prefix (a district's 6 digits or a township's 9) for alerts first found from `from` to `to` (China days). */
export async function reportFor(db: Db, scopePrefix: string, input: { from: string; to: string }, now: Date): Promise<SupervisionReportView> {
  if (input.from > input.to) return fail("VALIDATION_FAILED", "开始日期不能晚于结束日期。", [{ path: "from", message: "开始日期晚于结束日期" }]);
  const found = await db
    .select({ a: supervisionAlert, deadlineAt: flowInstance.deadlineAt })
    .from(supervisionAlert)
    .leftJoin(flowInstance, and(eq(flowInstance.regionCode, supervisionAlert.regionCode), eq(flowInstance.id, supervisionAlert.flowInstanceId)))
    .where(and(scopeCondition(supervisionAlert.regionCode, scopePrefix), gte(supervisionAlert.firstFoundAt, chinaDayStart(input.from)), lt(supervisionAlert.firstFoundAt, chinaDayStart(addDays(input.to, 1)))));
  const counted: Counted[] = found.map(({ a, deadlineAt }) => ({ regionCode: a.regionCode, rule: a.ruleCode, stage: a.stage, status: a.status, amountFen: a.amountFen, overdue: a.closedAt === null && deadlineAt !== null && deadlineAt < now }));
  const townships = scopePrefix.length >= 9 ? [scopePrefix.slice(0, 9)] : await townshipsIn(db, scopePrefix);
  const names = new Map((await db.select({ code: region.regionCode, name: region.name }).from(region).where(scopeCondition(region.regionCode, scopePrefix.slice(0, 6)))).map((r) => [r.code, r.name]));
  const ownCode = scopePrefix.length >= 9 ? scopePrefix.slice(0, 9) : `${scopePrefix.slice(0, 6)}000`;
  const overdueItems: SupervisionAlertListItem[] = [];
  if (counted.some((c) => c.overdue)) overdueItems.push(...(await alertsIn(db, scopePrefix, { status: "overdue", from: input.from, to: input.to }, now, 200)));
  return {
    regionCode: ownCode,
    regionName: names.get(ownCode) ?? ownCode,
    from: input.from,
    to: input.to,
    generatedAt: now.toISOString(),
    total: row("total", "合计", counted),
    byRule: ruleCodes.map((code) => row(code, rules[code].name, counted.filter((c) => c.rule === code))),
    byStage: (["before", "during", "after"] as const).map((stage) => row(stage, stageNames[stage], counted.filter((c) => c.stage === stage))),
    byTownship: townships.map((code) => row(code, names.get(code) ?? code, counted.filter((c) => c.regionCode === code))),
    byStatus: alertStatuses.map((status) => row(status, alertStatusNames[status], counted.filter((c) => c.status === status))),
    overdue: overdueItems,
  };
}

/** The scope a report is asked for: the actor's own, or a township inside it. */
export function reportScope(actor: Actor, regionCode: string | undefined): string {
  if (!regionCode) return actor.scopePrefix;
  if (!/^[0-9]{9}$/.test(regionCode) || !scopeCovers(actor.scopePrefix, regionCode)) return fail("OUT_OF_SCOPE", "该机构不在您的数据范围内。");
  return regionCode.endsWith("000") ? regionCode.slice(0, 6) : regionCode;
}

export async function dashboard(db: Db, scopePrefix: string, year: number): Promise<SupervisionDashboardView> {
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
  const found = await db
    .select({ regionCode: supervisionAlert.regionCode, month: sql<string>`to_char(${supervisionAlert.firstFoundAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`, n: sql<number>`count(*)::int`, open: sql<number>`(count(*) filter (where ${supervisionAlert.closedAt} is null))::int` })
    .from(supervisionAlert)
    .where(and(scopeCondition(supervisionAlert.regionCode, scopePrefix), gte(supervisionAlert.firstFoundAt, chinaDayStart(`${year}-01-01`)), lt(supervisionAlert.firstFoundAt, chinaDayStart(`${year + 1}-01-01`))))
    .groupBy(supervisionAlert.regionCode, sql`2`);
  const townships = scopePrefix.length >= 9 ? [scopePrefix.slice(0, 9)] : await townshipsIn(db, scopePrefix);
  const names = new Map((await db.select({ code: region.regionCode, name: region.name }).from(region).where(scopeCondition(region.regionCode, scopePrefix.slice(0, 6)))).map((r) => [r.code, r.name]));
  return {
    year,
    months,
    townships: townships.map((code) => ({
      regionCode: code,
      name: names.get(code) ?? code,
      counts: months.map((m) => found.find((f) => f.regionCode === code && f.month === m)?.n ?? 0),
      open: found.filter((f) => f.regionCode === code).reduce((s, f) => s + f.open, 0),
    })),
  };
}

// ---------------------------------------------------------------- Excel

const STATUS_COLUMNS = ["编码", "名称", "预警数", "未办结", "已整改销号", "误报", "超期", "涉及金额（元）", "整改率（%）"];

export async function reportWorkbook(report: SupervisionReportView, alerts: readonly SupervisionAlertListItem[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const summary = workbook.addWorksheet("监管情况汇总");
  summary.addRow([`${report.regionName}财政资金监管情况报告（${report.from} 至 ${report.to}）`]).font = { bold: true, size: 14 };
  summary.addRow([`生成时间：${chinaDate(new Date(report.generatedAt))}`]);
  const table = (title: string, rows: readonly SupervisionReportRow[]) => {
    summary.addRow([]);
    summary.addRow([title]).font = { bold: true };
    summary.addRow(STATUS_COLUMNS).font = { bold: true };
    for (const r of rows) summary.addRow([r.key, r.name, r.alerts, r.open, r.rectified, r.falseAlarms, r.overdue, r.amount, r.rectificationRate ?? "—"]);
  };
  table("合计", [report.total]);
  table("按规则", report.byRule);
  table("按环节（事前、事中、事后）", report.byStage);
  table("按乡镇", report.byTownship);
  table("按状态", report.byStatus);
  formatMoneyColumns(summary, 2, [8]);
  summary.columns.forEach((c, i) => (c.width = i === 1 ? 26 : 14));
  alertSheet(workbook, alerts);
  return await workbookBuffer(workbook);
}

function alertSheet(workbook: ExcelJS.Workbook, alerts: readonly SupervisionAlertListItem[]): void {
  const list = workbook.addWorksheet("预警清单");
  list.addRow(["预警编号", "乡镇", "规则", "环节", "状态", "涉及金额（元）", "说明", "发现日期", "负责人", "办理时限", "超期"]).font = { bold: true };
  for (const a of alerts) list.addRow([a.alertNo, a.regionName, a.ruleName, a.stageName, a.statusName, a.amount, a.message, chinaDate(new Date(a.firstFoundAt)), a.ownerName ?? "", a.deadlineAt ? chinaDate(new Date(a.deadlineAt)) : "", a.overdue ? "是" : ""]);
  formatMoneyColumns(list, 1, [6]);
  list.columns.forEach((c, i) => (c.width = i === 6 ? 60 : 16));
}

/** The alerts of a list, as the list page filters them, in one sheet. */
export async function alertsWorkbook(alerts: readonly SupervisionAlertListItem[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  alertSheet(workbook, alerts);
  return await workbookBuffer(workbook);
}

// ---------------------------------------------------------------- monthly issue

/** The month before `now` (China time): "2026-11" on any day of December 2026. */
export function previousMonth(now: Date): { period: string; from: string; to: string } {
  const today = chinaDate(now);
  const [y, m] = today.split("-").map(Number) as [number, number];
  const year = m === 1 ? y - 1 : y;
  const month = m === 1 ? 12 : m - 1;
  const period = `${year}-${String(month).padStart(2, "0")}`;
  return { period, from: `${period}-01`, to: addDays(`${y}-${String(m).padStart(2, "0")}-01`, -1) };
}

/** Issues last month's report for every district and township that has none yet; returns how many were issued. */
export async function issueMonthlyReports(tx: Db, now: Date): Promise<number> {
  const { period, from, to } = previousMonth(now);
  const regions = await tx.select({ code: region.regionCode, level: region.level }).from(region).where(sql`${region.level} in ('district', 'township')`).orderBy(asc(region.regionCode));
  const done = new Set((await tx.select({ code: supervisionReport.regionCode }).from(supervisionReport).where(eq(supervisionReport.period, period))).map((r) => r.code));
  let issued = 0;
  for (const r of regions) {
    if (done.has(r.code)) continue;
    const report = await reportFor(tx, r.level === "district" ? r.code.slice(0, 6) : r.code, { from, to }, now);
    await tx.insert(supervisionReport).values({ regionCode: r.code, period, content: report, issuedAt: now }).onConflictDoNothing();
    issued++;
  }
  return issued;
}

export async function listIssuedReports(db: Db, actor: Actor, filter: { regionCode?: string | undefined }, page: { limit: number; offset: number }): Promise<{ items: Omit<SupervisionIssuedReportView, "report">[]; total: number }> {
  const where = and(scopeCondition(supervisionReport.regionCode, actor.scopePrefix), ...(filter.regionCode ? [eq(supervisionReport.regionCode, filter.regionCode)] : []));
  const found = await db.select({ regionCode: supervisionReport.regionCode, period: supervisionReport.period, issuedAt: supervisionReport.issuedAt, regionName: region.name }).from(supervisionReport).leftJoin(region, eq(region.regionCode, supervisionReport.regionCode)).where(where).orderBy(sql`${supervisionReport.period} desc`, asc(supervisionReport.regionCode)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(supervisionReport).where(where);
  return { items: found.map((f) => ({ regionCode: f.regionCode, regionName: f.regionName ?? f.regionCode, period: f.period, issuedAt: f.issuedAt.toISOString() })), total: count?.n ?? 0 };
}

export async function getIssuedReport(db: Db, actor: Actor, regionCode: string, period: string): Promise<SupervisionIssuedReportView> {
  if (!scopeCovers(actor.scopePrefix, regionCode)) return fail("OUT_OF_SCOPE", "该报告不在您的数据范围内。");
  const [found] = await db.select({ r: supervisionReport, regionName: region.name }).from(supervisionReport).leftJoin(region, eq(region.regionCode, supervisionReport.regionCode)).where(and(eq(supervisionReport.regionCode, regionCode), eq(supervisionReport.period, period)));
  if (!found) return fail("NOT_FOUND", "该月的监管报告尚未生成。");
  return { regionCode, regionName: found.regionName ?? regionCode, period, issuedAt: found.r.issuedAt.toISOString(), report: found.r.content as SupervisionReportView };
}
