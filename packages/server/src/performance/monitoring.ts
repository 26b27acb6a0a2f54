// Monitoring during the year (运行监控, 双监控): units enter the actual values of an accepted tree's
// level-3 indicators each month (or quarter, a setting); each is coloured against the expected
// value by the pure rule (@xiangcai/shared monitoringColour), with the money's execution rate from
// the budget indicators beside it. A red value needs its reason and corrective measure, and by the
// township's setting opens an adjustment proposal or holds further payments for the project until
// the finance office lifts it (the hold is a check treasury runs, registered in src/domains.ts).
import { and, asc, desc, eq, ilike, inArray, sql, type SQL } from "drizzle-orm";
import { expectedValue, formatFraction, formatFractionPercent, formatYuan, monitoringColour, monitoringColours, parseFraction, type MonitoringColour, type MonitoringReportView, type PerformanceActionView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { invariant } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { groupBy } from "../platform/groupBy.ts";
import { containsPattern, scopeCondition } from "../platform/scope.ts";
import { readSetting } from "../platform/settings.ts";
import { region } from "../platform/regionTable.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { budgetLine } from "../budget/index.ts";
import type { PaymentCheck } from "../treasury/index.ts";
import { chinaYearMonth, executionOf, executionPercent, executionsOf, fail, who, PERFORMANCE_ROWS_MAX } from "./common.ts";
import { monitoringFrequencySetting, redActionSetting } from "./settings.ts";
import { performanceAction, performanceMonitoringReport, performanceMonitoringValue, performanceTargetIndicator, performanceTargetSheet } from "./tables.ts";

type ReportRow = typeof performanceMonitoringReport.$inferSelect;
type ValueRow = typeof performanceMonitoringValue.$inferSelect;
type ActionRow = typeof performanceAction.$inferSelect;

export interface MonitoringInput {
  month: number;
  note?: string | undefined;
  values: { indicatorNo: number; actual: string; reason?: string | undefined; measure?: string | undefined }[];
}

/**
 * Enters (or corrects) the report of a month for an accepted tree: every indicator once, each
 * coloured; red ones with reason and measure. The actions a red result triggers are opened once
 * per subject while one is open.
 */
export async function saveMonitoring(tx: Db, actor: Actor, sheetId: string, input: MonitoringInput, at: Date): Promise<MonitoringReportView> {
  const [sheet] = await tx.select().from(performanceTargetSheet).where(and(eq(performanceTargetSheet.id, sheetId), scopeCondition(performanceTargetSheet.regionCode, actor.scopePrefix))).for("update");
  if (!sheet) return fail("OUT_OF_SCOPE", "绩效目标表不存在或不在您的数据范围内。");
  if (sheet.status !== "accepted") fail("SHEET_NOT_EDITABLE", "绩效目标表经财政所审核通过后才能填报监控情况。");
  const now = chinaYearMonth(at);
  if (sheet.fiscalYear > now.year || (sheet.fiscalYear === now.year && input.month > now.month)) {
    fail("VALIDATION_FAILED", `${sheet.fiscalYear} 年 ${input.month} 月尚未到来，不能填报。`, [{ path: "month", message: "月份未到" }]);
  }
  const frequency = await readSetting(tx, sheet.regionCode, monitoringFrequencySetting);
  if (frequency === "quarter" && input.month % 3 !== 0) fail("VALIDATION_FAILED", "本乡镇按季度监控，请填报 3、6、9、12 月。", [{ path: "month", message: "按季度填报" }]);
  const indicators = await tx.select().from(performanceTargetIndicator).where(and(eq(performanceTargetIndicator.regionCode, sheet.regionCode), eq(performanceTargetIndicator.sheetId, sheet.id))).orderBy(asc(performanceTargetIndicator.indicatorNo));
  const given = new Map(input.values.map((v) => [v.indicatorNo, v]));
  const problems: { path: string; message: string }[] = [];
  if (given.size !== input.values.length) problems.push({ path: "values", message: "同一指标填了两次" });
  for (const v of input.values) if (!indicators.some((i) => i.indicatorNo === v.indicatorNo)) problems.push({ path: "values", message: `没有第 ${v.indicatorNo} 号指标` });
  const values: ValueRow[] = [];
  const reportId = uuidv7(at.getTime());
  indicators.forEach((indicator, n) => {
    const v = given.get(indicator.indicatorNo);
    const path = `values.${n}`;
    if (!v) return problems.push({ path, message: `请填写“${indicator.name}”的实际完成值` });
    const actual = parseFraction(v.actual);
    if (!actual) return problems.push({ path: `${path}.actual`, message: `“${indicator.name}”的实际完成值应为数字` });
    const expected = expectedValue(parseFraction(indicator.target)!, indicator.accumulates, input.month);
    const { colour } = monitoringColour(indicator.direction, expected, actual);
    const reason = v.reason?.trim() || null;
    const measure = v.measure?.trim() || null;
    if (colour === "red" && (!reason || !measure)) problems.push({ path: `${path}.reason`, message: `“${indicator.name}”为红灯，须说明偏差原因和纠偏措施` });
    values.push({ regionCode: sheet.regionCode, reportId, indicatorNo: indicator.indicatorNo, actual: v.actual, expected: formatFraction(expected, 4), colour, reason, measure });
  });
  if (problems.length) fail("VALIDATION_FAILED", problems.map((p) => p.message).join("；"), problems);
  const execution = await executionOf(tx, sheet.regionCode, sheet.fiscalYear, { kind: sheet.subjectKind, ref: sheet.subjectRef });
  const redCount = values.filter((v) => v.colour === "red").length;
  const [existing] = await tx.select().from(performanceMonitoringReport).where(and(eq(performanceMonitoringReport.regionCode, sheet.regionCode), eq(performanceMonitoringReport.sheetId, sheet.id), eq(performanceMonitoringReport.month, input.month)));
  const row: ReportRow = { regionCode: sheet.regionCode, id: existing?.id ?? reportId, sheetId: sheet.id, fiscalYear: sheet.fiscalYear, month: input.month, issuedFen: execution.issuedFen, paidFen: execution.paidFen, redCount, note: input.note?.trim() ?? "", enteredBy: actor.userId, enteredByName: actor.displayName, enteredAt: at };
  let before: unknown = null;
  if (existing) {
    before = { values: await tx.select().from(performanceMonitoringValue).where(and(eq(performanceMonitoringValue.regionCode, existing.regionCode), eq(performanceMonitoringValue.reportId, existing.id))), redCount: existing.redCount };
    await tx.delete(performanceMonitoringValue).where(and(eq(performanceMonitoringValue.regionCode, existing.regionCode), eq(performanceMonitoringValue.reportId, existing.id)));
    const { regionCode: _r, id: _i, ...set } = row;
    await tx.update(performanceMonitoringReport).set(set).where(and(eq(performanceMonitoringReport.regionCode, existing.regionCode), eq(performanceMonitoringReport.id, existing.id)));
  } else {
    await tx.insert(performanceMonitoringReport).values(row);
  }
  await tx.insert(performanceMonitoringValue).values(values.map((v) => ({ ...v, reportId: row.id })));
  await recordAudit(tx, { regionCode: sheet.regionCode, actor: who(actor), action: existing ? "performanceMonitoring.corrected" : "performanceMonitoring.entered", entityType: "performanceMonitoringReport", entityId: row.id, before, after: { sheetId: sheet.id, month: input.month, redCount, values: values.map((v) => ({ indicatorNo: v.indicatorNo, actual: v.actual, colour: v.colour })) } }, at);
  if (redCount > 0) {
    const action = await readSetting(tx, sheet.regionCode, redActionSetting);
    const red = values.filter((v) => v.colour === "red").map((v) => indicators.find((i) => i.indicatorNo === v.indicatorNo)!.name);
    const reason = `${sheet.fiscalYear} 年 ${input.month} 月监控红灯：${red.join("、")}`;
    if (action === "adjustmentProposal" || action === "both") await openAction(tx, row, sheet, "adjustmentProposal", reason, at);
    if ((action === "paymentHold" || action === "both") && sheet.subjectKind === "project") await openAction(tx, row, sheet, "paymentHold", reason, at);
  }
  return getReport(tx, actor, row.id);
}

async function openAction(tx: Db, report: ReportRow, sheet: typeof performanceTargetSheet.$inferSelect, kind: ActionRow["kind"], reason: string, at: Date): Promise<void> {
  const [open] = await tx.select({ id: performanceAction.id }).from(performanceAction).where(and(eq(performanceAction.regionCode, sheet.regionCode), eq(performanceAction.kind, kind), eq(performanceAction.subjectKind, sheet.subjectKind), eq(performanceAction.subjectRef, sheet.subjectRef), eq(performanceAction.status, "open")));
  if (open) return;
  const row: ActionRow = { regionCode: sheet.regionCode, id: uuidv7(at.getTime()), kind, sheetId: sheet.id, reportId: report.id, fiscalYear: sheet.fiscalYear, subjectKind: sheet.subjectKind, subjectRef: sheet.subjectRef, reason, status: "open", openedAt: at, closedAt: null, closedBy: null, closedByName: null, closeNote: null };
  await tx.insert(performanceAction).values(row);
  await recordAudit(tx, { regionCode: row.regionCode, actor: { id: null, name: "系统（绩效监控）" }, action: `performanceAction.${kind}Opened`, entityType: "performanceAction", entityId: row.id, after: { kind, subject: sheet.subjectName, reason } }, at);
}

/** The finance office closes a proposal (acted on) or lifts a hold, with its note. */
export async function closeAction(tx: Db, actor: Actor, id: string, note: string, at: Date): Promise<PerformanceActionView> {
  const [action] = await tx.select().from(performanceAction).where(and(eq(performanceAction.id, id), scopeCondition(performanceAction.regionCode, actor.scopePrefix))).for("update");
  if (!action) return fail("OUT_OF_SCOPE", "该事项不存在或不在您的数据范围内。");
  if (action.status === "closed") fail("INVALID_TRANSITION", action.kind === "paymentHold" ? "该支付暂停已经解除。" : "该调整建议已经办结。");
  await tx.update(performanceAction).set({ status: "closed", closedAt: at, closedBy: actor.userId, closedByName: actor.displayName, closeNote: note }).where(and(eq(performanceAction.regionCode, action.regionCode), eq(performanceAction.id, action.id)));
  await recordAudit(tx, { regionCode: action.regionCode, actor: who(actor), action: action.kind === "paymentHold" ? "performanceAction.holdLifted" : "performanceAction.proposalClosed", entityType: "performanceAction", entityId: action.id, before: { status: "open" }, after: { status: "closed", note } }, at);
  const [view] = (await listActions(tx, actor, { id: action.id }, { limit: 1, offset: 0 })).items;
  invariant(view, "a closed action is readable by who closed it");
  return view;
}

// ---------------------------------------------------------------- the payment hold (registered with treasury)

/** Refuses a payment on an indicator issued from a project line while the project's payments are held. */
export const paymentHoldCheck: PaymentCheck = async (tx, payment) => {
  if (!payment.budgetLineId) return;
  const [line] = await tx.select({ projectId: budgetLine.projectId, projectName: budgetLine.projectName }).from(budgetLine).where(and(eq(budgetLine.regionCode, payment.regionCode), eq(budgetLine.id, payment.budgetLineId)));
  if (!line?.projectId) return;
  const [hold] = await tx.select().from(performanceAction).where(and(eq(performanceAction.regionCode, payment.regionCode), eq(performanceAction.kind, "paymentHold"), eq(performanceAction.subjectKind, "project"), eq(performanceAction.subjectRef, line.projectId), eq(performanceAction.status, "open")));
  if (hold) fail("PERFORMANCE_PAYMENT_HOLD", `项目“${line.projectName ?? ""}”绩效监控出现红灯（${hold.reason}），财政所已暂停其后续支付；整改后由财政所解除暂停。`);
};

// ---------------------------------------------------------------- reading

function viewAction(a: ActionRow, subjectName: string, month: number): PerformanceActionView {
  return { id: a.id, regionCode: a.regionCode, kind: a.kind, sheetId: a.sheetId, reportId: a.reportId, fiscalYear: a.fiscalYear, subjectKind: a.subjectKind, subjectRef: a.subjectRef, subjectName, month, reason: a.reason, status: a.status, openedAt: a.openedAt.toISOString(), closedAt: a.closedAt?.toISOString() ?? null, closedByName: a.closedByName, closeNote: a.closeNote };
}

export async function listActions(db: Db, actor: Actor, filter: { id?: string; regionCode?: string | undefined; kind?: ActionRow["kind"] | undefined; status?: ActionRow["status"] | undefined; reportIds?: string[] }, page: { limit: number; offset: number }): Promise<{ items: PerformanceActionView[]; total: number }> {
  const a = performanceAction;
  const conditions: SQL[] = [scopeCondition(a.regionCode, actor.scopePrefix)];
  if (filter.id) conditions.push(eq(a.id, filter.id));
  if (filter.regionCode) conditions.push(scopeCondition(a.regionCode, filter.regionCode));
  if (filter.kind) conditions.push(eq(a.kind, filter.kind));
  if (filter.status) conditions.push(eq(a.status, filter.status));
  if (filter.reportIds) conditions.push(filter.reportIds.length ? inArray(a.reportId, filter.reportIds) : sql`false`);
  const where = and(...conditions);
  const found = await db
    .select({ a, subjectName: performanceTargetSheet.subjectName, month: performanceMonitoringReport.month })
    .from(a)
    .innerJoin(performanceTargetSheet, and(eq(performanceTargetSheet.regionCode, a.regionCode), eq(performanceTargetSheet.id, a.sheetId)))
    .innerJoin(performanceMonitoringReport, and(eq(performanceMonitoringReport.regionCode, a.regionCode), eq(performanceMonitoringReport.id, a.reportId)))
    .where(where)
    .orderBy(desc(a.openedAt))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(a).where(where);
  return { items: found.map((f) => viewAction(f.a, f.subjectName, f.month)), total: count?.n ?? 0 };
}

function colourCounts(values: { colour: MonitoringColour }[]): Record<MonitoringColour, number> {
  const counts = Object.fromEntries(monitoringColours.map((c) => [c, 0])) as Record<MonitoringColour, number>;
  for (const v of values) counts[v.colour]++;
  return counts;
}

async function describeReports(db: Db, actor: Actor, reports: { r: ReportRow; sheet: typeof performanceTargetSheet.$inferSelect; regionName: string | null }[]): Promise<MonitoringReportView[]> {
  if (reports.length === 0) return [];
  const ids = reports.map((x) => x.r.id);
  const sheetIds = [...new Set(reports.map((x) => x.sheet.id))];
  const values = await db.select().from(performanceMonitoringValue).where(inArray(performanceMonitoringValue.reportId, ids)).orderBy(asc(performanceMonitoringValue.indicatorNo));
  const indicators = await db.select().from(performanceTargetIndicator).where(inArray(performanceTargetIndicator.sheetId, sheetIds));
  const actions = (await listActions(db, actor, { reportIds: ids }, { limit: PERFORMANCE_ROWS_MAX, offset: 0 })).items;
  return reports.map(({ r, sheet, regionName }) => {
    const mine = values.filter((v) => v.regionCode === r.regionCode && v.reportId === r.id);
    const execution = { issuedFen: r.issuedFen, paidFen: r.paidFen };
    return {
      id: r.id,
      regionCode: r.regionCode,
      regionName: regionName ?? r.regionCode,
      sheetId: sheet.id,
      subjectKind: sheet.subjectKind,
      subjectName: sheet.subjectName,
      fiscalYear: r.fiscalYear,
      month: r.month,
      issued: formatYuan(r.issuedFen),
      paid: formatYuan(r.paidFen),
      executionRate: executionPercent(execution),
      redCount: r.redCount,
      colours: colourCounts(mine),
      note: r.note,
      enteredByName: r.enteredByName,
      enteredAt: r.enteredAt.toISOString(),
      values: mine.map((v) => {
        const indicator = indicators.find((i) => i.regionCode === r.regionCode && i.sheetId === sheet.id && i.indicatorNo === v.indicatorNo);
        invariant(indicator, "a monitoring value's indicator exists");
        const expected = expectedValue(parseFraction(indicator.target)!, indicator.accumulates, r.month);
        const { ratio } = monitoringColour(indicator.direction, expected, parseFraction(v.actual)!);
        return { indicatorNo: v.indicatorNo, name: indicator.name, unit: indicator.unit, direction: indicator.direction, target: indicator.target, accumulates: indicator.accumulates, actual: v.actual, expected: v.expected, ratio: ratio ? formatFractionPercent(ratio) : null, colour: v.colour, reason: v.reason, measure: v.measure };
      }),
      actions: actions.filter((a) => a.reportId === r.id),
    };
  });
}

function reportQuery(db: Db) {
  return db
    .select({ r: performanceMonitoringReport, sheet: performanceTargetSheet, regionName: region.name })
    .from(performanceMonitoringReport)
    .innerJoin(performanceTargetSheet, and(eq(performanceTargetSheet.regionCode, performanceMonitoringReport.regionCode), eq(performanceTargetSheet.id, performanceMonitoringReport.sheetId)))
    .leftJoin(region, eq(region.regionCode, performanceMonitoringReport.regionCode));
}

export async function getReport(db: Db, actor: Actor, id: string): Promise<MonitoringReportView> {
  const found = await reportQuery(db).where(and(eq(performanceMonitoringReport.id, id), scopeCondition(performanceMonitoringReport.regionCode, actor.scopePrefix)));
  if (!found[0]) return fail("OUT_OF_SCOPE", "监控记录不存在或不在您的数据范围内。");
  return (await describeReports(db, actor, found))[0]!;
}

export interface ReportFilter {
  regionCode?: string | undefined;
  fiscalYear?: number | undefined;
  month?: number | undefined;
  colour?: MonitoringColour | undefined;
  sheetId?: string | undefined;
  q?: string | undefined;
}

export async function listReports(db: Db, actor: Actor, filter: ReportFilter, page: { limit: number; offset: number }): Promise<{ items: MonitoringReportView[]; total: number }> {
  const r = performanceMonitoringReport;
  const conditions: SQL[] = [scopeCondition(r.regionCode, actor.scopePrefix)];
  if (filter.regionCode) conditions.push(scopeCondition(r.regionCode, filter.regionCode));
  if (filter.fiscalYear) conditions.push(eq(r.fiscalYear, filter.fiscalYear));
  if (filter.month) conditions.push(eq(r.month, filter.month));
  if (filter.sheetId) conditions.push(eq(r.sheetId, filter.sheetId));
  if (filter.colour) conditions.push(sql`exists (select 1 from performance_monitoring_value v where v.region_code = ${r.regionCode} and v.report_id = ${r.id} and v.colour = ${filter.colour})`);
  if (filter.q) conditions.push(ilike(performanceTargetSheet.subjectName, containsPattern(filter.q)));
  const where = and(...conditions);
  const found = await reportQuery(db).where(where).orderBy(asc(r.regionCode), sql`${r.fiscalYear} desc`, sql`${r.month} desc`, asc(performanceTargetSheet.subjectName)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(r).innerJoin(performanceTargetSheet, and(eq(performanceTargetSheet.regionCode, r.regionCode), eq(performanceTargetSheet.id, r.sheetId))).where(where);
  return { items: await describeReports(db, actor, found), total: count?.n ?? 0 };
}

export interface MonitoringOverview {
  fiscalYear: number;
  /** Per township: its trees' latest reports' colours added up, and the money's execution of those trees. */
  townships: { regionCode: string; regionName: string; sheets: number; reported: number; colours: Record<MonitoringColour, number>; issued: string; paid: string; executionRate: string }[];
  /** Per tree, its latest report (the township's chart). */
  sheets: { sheetId: string; regionCode: string; subjectName: string; month: number | null; colours: Record<MonitoringColour, number>; executionRate: string }[];
}

/** The colours and execution by township and by tree for the chart; the district sees every township. */
export async function monitoringOverview(db: Db, actor: Actor, fiscalYear: number): Promise<MonitoringOverview> {
  const s = performanceTargetSheet;
  const sheets = await db.select({ s, regionName: region.name }).from(s).leftJoin(region, eq(region.regionCode, s.regionCode)).where(and(scopeCondition(s.regionCode, actor.scopePrefix), eq(s.fiscalYear, fiscalYear), eq(s.status, "accepted"))).orderBy(asc(s.regionCode), asc(s.subjectName)).limit(PERFORMANCE_ROWS_MAX);
  const latest = sheets.length
    ? await db
        .selectDistinctOn([performanceMonitoringReport.regionCode, performanceMonitoringReport.sheetId], { id: performanceMonitoringReport.id, regionCode: performanceMonitoringReport.regionCode, sheetId: performanceMonitoringReport.sheetId, month: performanceMonitoringReport.month })
        .from(performanceMonitoringReport)
        .where(and(scopeCondition(performanceMonitoringReport.regionCode, actor.scopePrefix), eq(performanceMonitoringReport.fiscalYear, fiscalYear)))
        .orderBy(performanceMonitoringReport.regionCode, performanceMonitoringReport.sheetId, desc(performanceMonitoringReport.month))
    : [];
  const values = latest.length ? await db.select({ reportId: performanceMonitoringValue.reportId, colour: performanceMonitoringValue.colour }).from(performanceMonitoringValue).where(inArray(performanceMonitoringValue.reportId, latest.map((l) => l.id))) : [];
  const latestOf = new Map(latest.map((l) => [`${l.regionCode}|${l.sheetId}`, l]));
  const valuesOf = groupBy(values, (v) => v.reportId);
  const executions = await executionsOf(db, sheets.map(({ s: sheet }) => ({ regionCode: sheet.regionCode, fiscalYear, kind: sheet.subjectKind, ref: sheet.subjectRef })));
  const townships = new Map<string, MonitoringOverview["townships"][number] & { issuedFen: bigint; paidFen: bigint }>();
  const perSheet: MonitoringOverview["sheets"] = [];
  for (const { s: sheet, regionName } of sheets) {
    const report = latestOf.get(`${sheet.regionCode}|${sheet.id}`);
    const colours = colourCounts(report ? (valuesOf.get(report.id) ?? []) : []);
    const execution = executions({ regionCode: sheet.regionCode, fiscalYear, kind: sheet.subjectKind, ref: sheet.subjectRef });
    perSheet.push({ sheetId: sheet.id, regionCode: sheet.regionCode, subjectName: sheet.subjectName, month: report?.month ?? null, colours, executionRate: executionPercent(execution) });
    const t = townships.get(sheet.regionCode) ?? { regionCode: sheet.regionCode, regionName: regionName ?? sheet.regionCode, sheets: 0, reported: 0, colours: colourCounts([]), issued: "0.00", paid: "0.00", executionRate: "0.00", issuedFen: 0n, paidFen: 0n };
    t.sheets++;
    if (report) t.reported++;
    for (const c of monitoringColours) t.colours[c] += colours[c];
    t.issuedFen += execution.issuedFen;
    t.paidFen += execution.paidFen;
    townships.set(sheet.regionCode, t);
  }
  return {
    fiscalYear,
    townships: [...townships.values()].map(({ issuedFen, paidFen, ...t }) => ({ ...t, issued: formatYuan(issuedFen), paid: formatYuan(paidFen), executionRate: executionPercent({ issuedFen, paidFen }) })),
    sheets: perSheet,
  };
}
