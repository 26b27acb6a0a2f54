// Performance targets (预算编制有目标): a target tree per project, per budget unit as a whole and per
// major policy and year. The unit enters it with its budget request (or imports it from the Excel
// template); the finance office accepts it or returns it with comments, through the flow engine.
// An accepted tree is frozen: monitoring and evaluation refer to its indicators by number.
import { and, asc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import ExcelJS from "exceljs";
import { checkTargetTree, formatYuan, level1Of, level2Name, scopeCovers, sheetStatusNames, targetLevels, targetLevel1Codes, type PerformanceWeights, type TargetIndicatorInput, type TargetLevel2, type TargetSheetDetail, type TargetSheetView, type TargetIndicatorView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { invariant } from "../platform/errors.ts";
import { loadWorkbook, refuseSheet } from "../platform/sheetReader.ts";
import { uuidv7 } from "../platform/ids.ts";
import { containsPattern, scopeCondition } from "../platform/scope.ts";
import { readSetting } from "../platform/settings.ts";
import { region } from "../platform/regionTable.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { budgetUnit } from "../org/index.ts";
import { startFlow, transition, type FlowDefinition, type TransitionContext } from "../flow/index.ts";
import { budgetProject } from "../budget/index.ts";
import { subsidyItemNames } from "../subsidy/index.ts";
import { executionOf, executionPercent, executionsOf, fail, who, type Execution } from "./common.ts";
import { weightsSetting } from "./settings.ts";
import { performanceTargetIndicator, performanceTargetSheet, type IndicatorSource, type SheetStatus, type SubjectKind } from "./tables.ts";
import { workbookBuffer } from "../platform/sheetWriter.ts";

export const TARGET_FLOW = "performanceTarget";
export const TARGET_IMPORT_ROWS_MAX = 60;

type SheetRow = typeof performanceTargetSheet.$inferSelect;
type IndicatorRow = typeof performanceTargetIndicator.$inferSelect;

export interface IndicatorInput extends TargetIndicatorInput {
  source?: IndicatorSource | null | undefined;
}

// ---------------------------------------------------------------- the flow

/**
 * The finance office's review of a target tree: accepted, or returned to the unit with comments;
 * the unit edits a returned tree and submits it again. Whoever submitted may not accept.
 */
export const targetFlow: FlowDefinition = {
  code: TARGET_FLOW,
  name: "绩效目标审核",
  entityType: "performanceTargetSheet",
  initialState: "submitted",
  states: {
    submitted: { name: "待财政所审核", roles: ["generalBudgetAccountant", "townshipDirector"], deadlineWorkingDays: 5 },
    returned: { name: "退回修改", roles: ["budgetUnitClerk", "unitAccountant", "subsidyClerk"], deadlineWorkingDays: 10 },
    accepted: { name: "审核通过", roles: [], final: true },
  },
  transitions: [
    { from: "submitted", action: "accept", label: "审核通过", to: "accepted", separateFromCreator: true },
    { from: "submitted", action: "return", label: "退回修改", to: "returned", noteRequired: true },
    { from: "returned", action: "resubmit", label: "修改后重新提交", to: "submitted" },
  ],
  onTransition: targetTransition,
};

async function targetTransition(tx: Db, ctx: TransitionContext): Promise<void> {
  const [sheet] = await tx.select().from(performanceTargetSheet).where(and(eq(performanceTargetSheet.regionCode, ctx.regionCode), eq(performanceTargetSheet.id, ctx.entityId))).for("update");
  invariant(sheet, "a target flow's sheet exists");
  let set: Partial<SheetRow>;
  if (ctx.to === "accepted") set = { status: "accepted", acceptedAt: ctx.at, reviewNote: ctx.note };
  else if (ctx.to === "returned") set = { status: "returned", reviewNote: ctx.note };
  else {
    const weights = await readSetting(tx, sheet.regionCode, weightsSetting);
    await assertCompleteTree(tx, sheet, weights);
    set = { status: "submitted", submission: sheet.submission + 1, weights };
  }
  await tx.update(performanceTargetSheet).set({ ...set, updatedAt: ctx.at }).where(and(eq(performanceTargetSheet.regionCode, sheet.regionCode), eq(performanceTargetSheet.id, sheet.id)));
  await recordAudit(tx, { regionCode: sheet.regionCode, actor: who(ctx.actor), action: `performanceTarget.${set.status}`, entityType: "performanceTargetSheet", entityId: sheet.id, before: { status: sheet.status }, after: { status: set.status, note: ctx.note } }, ctx.at);
}

async function assertCompleteTree(tx: Db, sheet: SheetRow, weights: PerformanceWeights): Promise<void> {
  const indicators = await sheetIndicators(tx, sheet);
  const problems = checkTargetTree(indicators, weights);
  if (problems.length) fail("VALIDATION_FAILED", `绩效目标表不完整，不能提交：${problems.map((p) => p.message).join("；")}`, problems);
}

// ---------------------------------------------------------------- entering

export interface SheetInput {
  regionCode: string;
  fiscalYear: number;
  subjectKind: SubjectKind;
  subjectRef: string;
  subjectName?: string | undefined;
  overallGoal: string;
  indicators: IndicatorInput[];
  submit?: boolean | undefined;
}

/** The subject a tree is for: its name and the unit that answers for it (none for a policy). */
async function resolveSubject(tx: Db, input: Pick<SheetInput, "regionCode" | "subjectKind" | "subjectRef" | "subjectName">): Promise<{ name: string; budgetUnitId: string | null }> {
  if (input.subjectKind === "project") {
    const [project] = /^[0-9a-f-]{36}$/.test(input.subjectRef) ? await tx.select().from(budgetProject).where(and(eq(budgetProject.regionCode, input.regionCode), eq(budgetProject.id, input.subjectRef))) : [];
    if (!project) return fail("VALIDATION_FAILED", "项目库中没有这个项目。", [{ path: "subjectRef", message: "项目不存在" }]);
    return { name: project.name, budgetUnitId: project.budgetUnitId };
  }
  if (input.subjectKind === "unit") {
    const [unit] = /^[0-9a-f-]{36}$/.test(input.subjectRef) ? await tx.select().from(budgetUnit).where(and(eq(budgetUnit.regionCode, input.regionCode), eq(budgetUnit.id, input.subjectRef))) : [];
    if (unit?.status !== "active") return fail("VALIDATION_FAILED", "预算单位不存在或尚未登记生效。", [{ path: "subjectRef", message: "预算单位无效" }]);
    return { name: `${unit.name}（部门整体）`, budgetUnitId: unit.id };
  }
  const name = input.subjectName?.trim();
  if (!name) return fail("VALIDATION_FAILED", "请填写政策名称。", [{ path: "subjectName", message: "请填写政策名称" }]);
  return { name, budgetUnitId: null };
}

/** Problems of the indicators themselves (a draft may still miss a level or not add up). */
function rowProblems(indicators: IndicatorInput[], weights: PerformanceWeights) {
  if (indicators.length === 0) return [];
  return checkTargetTree(indicators, weights).filter((p) => p.path !== "indicators" || indicators.length > 60);
}

/**
 * An indicator may take its actual value from the subsidy module (覆盖率, 享受人数, 发放金额, 按时发放率)
 * only in the tree of a major policy that is a subsidy item; anywhere else the source is refused,
 * so a unit never believes a figure will be read that never can be.
 */
async function assertSources(tx: Db, subject: { regionCode: string; subjectKind: SubjectKind; subjectRef: string }, indicators: IndicatorInput[]): Promise<void> {
  const sourced = indicators.flatMap((i, n) => (i.source ? [{ path: `indicators.${n}.source`, message: `指标“${i.name.trim() || n + 1}”不能取自补贴发放数据：只有补贴项目的重大政策绩效目标可以` }] : []));
  if (sourced.length === 0) return;
  const isItem = subject.subjectKind === "policy" && (await subsidyItemNames(tx, subject.regionCode)).some((item) => item.code === subject.subjectRef);
  if (!isItem) fail("VALIDATION_FAILED", sourced.map((p) => p.message).join("；"), sourced);
}

function indicatorRows(regionCode: string, sheetId: string, indicators: IndicatorInput[]): IndicatorRow[] {
  return indicators.map((i, n) => {
    const level1 = level1Of(i.level2);
    invariant(level1, "a checked indicator has a known level 2");
    return { regionCode, sheetId, indicatorNo: n + 1, level1, level2: i.level2, name: i.name.trim(), unit: i.unit.trim(), direction: i.direction, target: i.target, weight: i.weight, accumulates: i.accumulates, source: i.source ?? null };
  });
}

/** Creates a tree as a draft (or submits it at once with `submit`). One tree per subject and year. */
export async function createSheet(tx: Db, actor: Actor, input: SheetInput, at: Date): Promise<TargetSheetDetail> {
  if (input.regionCode.length !== 9 || !scopeCovers(actor.scopePrefix, input.regionCode)) return fail("OUT_OF_SCOPE", "乡镇不存在或不在您的数据范围内。");
  const subject = await resolveSubject(tx, input);
  const weights = await readSetting(tx, input.regionCode, weightsSetting);
  const problems = rowProblems(input.indicators, weights);
  if (problems.length) fail("VALIDATION_FAILED", problems.map((p) => p.message).join("；"), problems);
  await assertSources(tx, input, input.indicators);
  const [dup] = await tx.select({ id: performanceTargetSheet.id }).from(performanceTargetSheet).where(and(eq(performanceTargetSheet.regionCode, input.regionCode), eq(performanceTargetSheet.fiscalYear, input.fiscalYear), eq(performanceTargetSheet.subjectKind, input.subjectKind), eq(performanceTargetSheet.subjectRef, input.subjectRef)));
  if (dup) fail("DUPLICATE", `“${subject.name}”的 ${input.fiscalYear} 年度绩效目标表已经存在，请在原表上修改。`);
  const row: SheetRow = {
    regionCode: input.regionCode,
    id: uuidv7(at.getTime()),
    fiscalYear: input.fiscalYear,
    subjectKind: input.subjectKind,
    subjectRef: input.subjectRef,
    subjectName: subject.name,
    budgetUnitId: subject.budgetUnitId,
    overallGoal: input.overallGoal.trim(),
    weights,
    status: "draft",
    submission: 0,
    reviewNote: null,
    flowInstanceId: null,
    createdBy: actor.userId,
    createdAt: at,
    updatedAt: at,
    acceptedAt: null,
  };
  await tx.insert(performanceTargetSheet).values(row);
  if (input.indicators.length) await tx.insert(performanceTargetIndicator).values(indicatorRows(row.regionCode, row.id, input.indicators));
  await recordAudit(tx, { regionCode: row.regionCode, actor: who(actor), action: "performanceTarget.created", entityType: "performanceTargetSheet", entityId: row.id, after: { fiscalYear: row.fiscalYear, subjectKind: row.subjectKind, subjectName: row.subjectName, indicators: input.indicators.length } }, at);
  if (input.submit) return submitSheet(tx, actor, row.id, at);
  return getSheet(tx, actor, row.id);
}

async function sheetRow(db: Db, actor: Actor, id: string, lock = false): Promise<SheetRow> {
  const query = db.select().from(performanceTargetSheet).where(and(eq(performanceTargetSheet.id, id), scopeCondition(performanceTargetSheet.regionCode, actor.scopePrefix)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) return fail("OUT_OF_SCOPE", "绩效目标表不存在或不在您的数据范围内。");
  return row;
}

function assertEditable(sheet: SheetRow): void {
  if (sheet.status === "submitted") fail("SHEET_NOT_EDITABLE", "绩效目标表正在财政所审核，不能修改；如需修改请联系财政所退回。");
  if (sheet.status === "accepted") fail("SHEET_NOT_EDITABLE", "绩效目标表已审核通过，不能再修改。");
}

/** Replaces a draft's or returned tree's goal and indicators (and submits it with `submit`). */
export async function updateSheet(tx: Db, actor: Actor, id: string, input: Pick<SheetInput, "overallGoal" | "indicators" | "submit">, at: Date): Promise<TargetSheetDetail> {
  const sheet = await sheetRow(tx, actor, id, true);
  assertEditable(sheet);
  const weights = await readSetting(tx, sheet.regionCode, weightsSetting);
  const problems = rowProblems(input.indicators, weights);
  if (problems.length) fail("VALIDATION_FAILED", problems.map((p) => p.message).join("；"), problems);
  await assertSources(tx, sheet, input.indicators);
  const before = await sheetIndicators(tx, sheet);
  await tx.delete(performanceTargetIndicator).where(and(eq(performanceTargetIndicator.regionCode, sheet.regionCode), eq(performanceTargetIndicator.sheetId, sheet.id)));
  if (input.indicators.length) await tx.insert(performanceTargetIndicator).values(indicatorRows(sheet.regionCode, sheet.id, input.indicators));
  await tx.update(performanceTargetSheet).set({ overallGoal: input.overallGoal.trim(), updatedAt: at }).where(and(eq(performanceTargetSheet.regionCode, sheet.regionCode), eq(performanceTargetSheet.id, sheet.id)));
  await recordAudit(tx, { regionCode: sheet.regionCode, actor: who(actor), action: "performanceTarget.edited", entityType: "performanceTargetSheet", entityId: sheet.id, before: { overallGoal: sheet.overallGoal, indicators: before }, after: { overallGoal: input.overallGoal.trim(), indicators: input.indicators } }, at);
  if (input.submit) return submitSheet(tx, actor, sheet.id, at);
  return getSheet(tx, actor, sheet.id);
}

/** Sends a draft to the finance office (starting its review), or a returned tree back to it. */
export async function submitSheet(tx: Db, actor: Actor, id: string, at: Date): Promise<TargetSheetDetail> {
  const sheet = await sheetRow(tx, actor, id, true);
  if (sheet.status === "returned") {
    invariant(sheet.flowInstanceId, "a returned sheet has its flow");
    await transition(tx, actor, { instanceId: sheet.flowInstanceId, action: "resubmit", expectedState: "returned" }, at);
    return getSheet(tx, actor, sheet.id);
  }
  if (sheet.status !== "draft") fail("SHEET_NOT_EDITABLE", sheet.status === "accepted" ? "绩效目标表已审核通过。" : "绩效目标表已提交，正在等待财政所审核。");
  const weights = await readSetting(tx, sheet.regionCode, weightsSetting);
  await assertCompleteTree(tx, sheet, weights);
  const instance = await startFlow(tx, actor, { flowCode: TARGET_FLOW, regionCode: sheet.regionCode, entityId: sheet.id, title: `绩效目标：${sheet.subjectName}（${sheet.fiscalYear} 年度）` }, at);
  await tx.update(performanceTargetSheet).set({ status: "submitted", submission: 1, weights, flowInstanceId: instance.id, updatedAt: at }).where(and(eq(performanceTargetSheet.regionCode, sheet.regionCode), eq(performanceTargetSheet.id, sheet.id)));
  await recordAudit(tx, { regionCode: sheet.regionCode, actor: who(actor), action: "performanceTarget.submitted", entityType: "performanceTargetSheet", entityId: sheet.id, before: { status: "draft" }, after: { status: "submitted" } }, at);
  return getSheet(tx, actor, sheet.id);
}

// ---------------------------------------------------------------- reading

export async function sheetIndicators(db: Db, sheet: Pick<SheetRow, "regionCode" | "id">): Promise<(IndicatorInput & { indicatorNo: number })[]> {
  const rows = await db.select().from(performanceTargetIndicator).where(and(eq(performanceTargetIndicator.regionCode, sheet.regionCode), eq(performanceTargetIndicator.sheetId, sheet.id))).orderBy(asc(performanceTargetIndicator.indicatorNo));
  return rows.map(viewIndicator);
}

export function viewIndicator(r: IndicatorRow): TargetIndicatorView {
  return { indicatorNo: r.indicatorNo, level1: r.level1, level2: r.level2, name: r.name, unit: r.unit, direction: r.direction, target: r.target, weight: r.weight, accumulates: r.accumulates, source: r.source };
}

function viewSheet(s: SheetRow, names: { regionName: string; unitName: string | null; indicatorCount: number }, execution: Execution): TargetSheetView {
  return {
    id: s.id,
    regionCode: s.regionCode,
    regionName: names.regionName,
    fiscalYear: s.fiscalYear,
    subjectKind: s.subjectKind,
    subjectRef: s.subjectRef,
    subjectName: s.subjectName,
    budgetUnitId: s.budgetUnitId,
    budgetUnitName: names.unitName,
    overallGoal: s.overallGoal,
    weights: s.weights,
    status: s.status,
    submission: s.submission,
    reviewNote: s.reviewNote,
    flowInstanceId: s.flowInstanceId,
    indicatorCount: names.indicatorCount,
    issued: formatYuan(execution.issuedFen),
    paid: formatYuan(execution.paidFen),
    executionRate: executionPercent(execution),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    acceptedAt: s.acceptedAt?.toISOString() ?? null,
  };
}

export async function getSheet(db: Db, actor: Actor, id: string): Promise<TargetSheetDetail> {
  const sheet = await sheetRow(db, actor, id);
  return describeSheet(db, sheet);
}

export async function describeSheet(db: Db, sheet: SheetRow): Promise<TargetSheetDetail> {
  const indicators = await db.select().from(performanceTargetIndicator).where(and(eq(performanceTargetIndicator.regionCode, sheet.regionCode), eq(performanceTargetIndicator.sheetId, sheet.id))).orderBy(asc(performanceTargetIndicator.indicatorNo));
  const [home] = await db.select({ name: region.name }).from(region).where(eq(region.regionCode, sheet.regionCode));
  const [unit] = sheet.budgetUnitId ? await db.select({ name: budgetUnit.name }).from(budgetUnit).where(and(eq(budgetUnit.regionCode, sheet.regionCode), eq(budgetUnit.id, sheet.budgetUnitId))) : [];
  const execution = await executionOf(db, sheet.regionCode, sheet.fiscalYear, { kind: sheet.subjectKind, ref: sheet.subjectRef });
  return { ...viewSheet(sheet, { regionName: home?.name ?? sheet.regionCode, unitName: unit?.name ?? null, indicatorCount: indicators.length }, execution), indicators: indicators.map(viewIndicator) };
}

export interface SheetFilter {
  regionCode?: string | undefined;
  fiscalYear?: number | undefined;
  subjectKind?: SubjectKind | undefined;
  status?: SheetStatus | undefined;
  budgetUnitId?: string | undefined;
  q?: string | undefined;
}

export function sheetConditions(actor: Actor, filter: SheetFilter): SQL {
  const s = performanceTargetSheet;
  const conditions: SQL[] = [scopeCondition(s.regionCode, actor.scopePrefix)];
  if (filter.regionCode) conditions.push(scopeCondition(s.regionCode, filter.regionCode));
  if (filter.fiscalYear) conditions.push(eq(s.fiscalYear, filter.fiscalYear));
  if (filter.subjectKind) conditions.push(eq(s.subjectKind, filter.subjectKind));
  if (filter.status) conditions.push(eq(s.status, filter.status));
  if (filter.budgetUnitId) conditions.push(eq(s.budgetUnitId, filter.budgetUnitId));
  if (filter.q) conditions.push(or(ilike(s.subjectName, containsPattern(filter.q)), ilike(s.overallGoal, containsPattern(filter.q)))!);
  return and(...conditions)!;
}

export async function listSheets(db: Db, actor: Actor, filter: SheetFilter, page: { limit: number; offset: number }): Promise<{ items: TargetSheetView[]; total: number }> {
  const s = performanceTargetSheet;
  const where = sheetConditions(actor, filter);
  const found = await db
    .select({ s, regionName: region.name, unitName: budgetUnit.name, indicatorCount: sql<number>`(select count(*)::int from performance_target_indicator i where i.region_code = ${s.regionCode} and i.sheet_id = ${s.id})` })
    .from(s)
    .leftJoin(region, eq(region.regionCode, s.regionCode))
    .leftJoin(budgetUnit, and(eq(budgetUnit.regionCode, s.regionCode), eq(budgetUnit.id, s.budgetUnitId)))
    .where(where)
    .orderBy(asc(s.regionCode), sql`${s.fiscalYear} desc`, asc(s.subjectKind), asc(s.subjectName), asc(s.id))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(s).where(where);
  const items: TargetSheetView[] = [];
  const subject = (row: SheetRow) => ({ regionCode: row.regionCode, fiscalYear: row.fiscalYear, kind: row.subjectKind, ref: row.subjectRef });
  const execution = await executionsOf(db, found.map((f) => subject(f.s)));
  for (const f of found) items.push(viewSheet(f.s, { regionName: f.regionName ?? f.s.regionCode, unitName: f.unitName, indicatorCount: f.indicatorCount }, execution(subject(f.s))));
  return { items, total: count?.n ?? 0 };
}

/** The tree of a subject and year, when there is one (the review check and the advice read it). */
export async function sheetOf(db: Db, regionCode: string, fiscalYear: number, subjectKind: SubjectKind, subjectRef: string): Promise<SheetRow | null> {
  const [row] = await db.select().from(performanceTargetSheet).where(and(eq(performanceTargetSheet.regionCode, regionCode), eq(performanceTargetSheet.fiscalYear, fiscalYear), eq(performanceTargetSheet.subjectKind, subjectKind), eq(performanceTargetSheet.subjectRef, subjectRef)));
  return row ?? null;
}

export async function sheetsOfProjects(db: Db, regionCode: string, fiscalYear: number, projectIds: string[]): Promise<Map<string, SheetRow>> {
  if (projectIds.length === 0) return new Map();
  const rows = await db.select().from(performanceTargetSheet).where(and(eq(performanceTargetSheet.regionCode, regionCode), eq(performanceTargetSheet.fiscalYear, fiscalYear), eq(performanceTargetSheet.subjectKind, "project"), inArray(performanceTargetSheet.subjectRef, projectIds)));
  return new Map(rows.map((r) => [r.subjectRef, r]));
}

// ---------------------------------------------------------------- Excel: template, import, the customary table

const TEMPLATE_COLUMNS = ["一级指标", "二级指标", "三级指标", "计量单位", "指标方向（≥/≤/=）", "目标值", "权重", "是否按月累计（是/否）"];
const DIRECTION_BY_TEXT: Record<string, IndicatorInput["direction"]> = { "≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", "=": "=", "＝": "=" };
const LEVEL2_BY_NAME = new Map<string, TargetLevel2>(targetLevel1Codes.flatMap((l1) => Object.entries(targetLevels[l1].children).flatMap(([code, name]) => [[name, code as TargetLevel2], [name.replace(/指标$/, ""), code as TargetLevel2]])));
const LEVEL1_BY_NAME = new Map(targetLevel1Codes.flatMap((l1) => [[targetLevels[l1].name, l1], [targetLevels[l1].name.replace(/指标$/, ""), l1]]));

/** The import template: the framework's columns, and an example tree that adds up to the default weights. */
export async function targetTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("绩效目标");
  sheet.addRow(TEMPLATE_COLUMNS).font = { bold: true };
  const rows: (string | number)[][] = [
    ["产出指标", "数量指标", "新建灌排渠道长度", "公里", "≥", "12", "30", "是"],
    ["产出指标", "质量指标", "工程验收合格率", "%", "≥", "100", "10", "否"],
    ["产出指标", "成本指标", "渠道单位造价", "万元/公里", "≤", "18.5", "10", "否"],
    ["效益指标", "经济效益指标", "亩均增产粮食", "公斤", "≥", "50", "15", "否"],
    ["效益指标", "可持续影响指标", "工程设计使用年限", "年", "≥", "15", "15", "否"],
    ["满意度指标", "服务对象满意度指标", "受益农户满意度", "%", "≥", "90", "10", "否"],
  ];
  for (const r of rows) sheet.addRow(r);
  sheet.addRow([]);
  sheet.addRow(["说明：二级指标可填 数量、质量、时效、成本（产出），经济效益、社会效益、生态效益、可持续影响（效益），服务对象满意度（满意度）；各一级指标下权重之和须等于设置的权重（默认产出 50、效益 30、满意度 10，预算执行率 10）。"]);
  sheet.columns.forEach((c, i) => (c.width = i === 2 ? 28 : 16));
  return await workbookBuffer(workbook);
}

export interface TargetImportResult {
  total: number;
  imported: number;
  errors: { line: number; message: string }[];
}

/** Reads the template into a draft's or returned tree's indicators; nothing is written when any row is wrong. */
export async function importIndicators(tx: Db, actor: Actor, sheetId: string, content: Buffer, at: Date): Promise<TargetImportResult> {
  const sheet = await sheetRow(tx, actor, sheetId, true);
  assertEditable(sheet);
  const workbook = await loadWorkbook(content).catch(refuseSheet((message) => fail("VALIDATION_FAILED", `无法读取 Excel 文件（请使用下载的模板）：${message}`)));
  const ws = workbook.worksheets[0];
  if (!ws) return { total: 0, imported: 0, errors: [] };
  const errors: TargetImportResult["errors"] = [];
  const indicators: IndicatorInput[] = [];
  const lines: number[] = [];
  for (let i = 2; i <= ws.rowCount; i++) {
    const row = ws.getRow(i);
    const cell = (n: number) => {
      const v = row.getCell(n).value;
      return v === null || v === undefined ? "" : String(typeof v === "object" && "result" in v ? v.result : v).trim();
    };
    const values = TEMPLATE_COLUMNS.map((_, n) => cell(n + 1));
    if (values.every((v) => v === "")) continue;
    if (values[0]!.startsWith("说明")) continue;
    if (indicators.length + new Set(errors.map((e) => e.line)).size >= TARGET_IMPORT_ROWS_MAX) {
      errors.push({ line: i, message: `一张绩效目标表最多 ${TARGET_IMPORT_ROWS_MAX} 个三级指标` });
      break;
    }
    const [l1Text, l2Text, name, unit, directionText, target, weight, accumulatesText] = values as [string, string, string, string, string, string, string, string];
    const rowErrors: string[] = [];
    const level2 = LEVEL2_BY_NAME.get(l2Text) ?? (level1Of(l2Text) ? (l2Text as TargetLevel2) : undefined);
    const level1 = LEVEL1_BY_NAME.get(l1Text);
    if (!level2) rowErrors.push(`二级指标“${l2Text || "（空）"}”不在指标体系中`);
    else if (level1 && level1Of(level2) !== level1) rowErrors.push(`二级指标“${level2Name(level2)}”不属于一级指标“${l1Text}”`);
    else if (!level1 && l1Text) rowErrors.push(`一级指标应为 产出指标、效益指标 或 满意度指标`);
    const direction = DIRECTION_BY_TEXT[directionText];
    if (!direction) rowErrors.push("指标方向应为 ≥、≤ 或 =");
    const accumulates = accumulatesText === "是" ? true : accumulatesText === "否" || accumulatesText === "" ? false : null;
    if (accumulates === null) rowErrors.push("是否按月累计应填“是”或“否”");
    const candidate: IndicatorInput = { level2: level2 ?? "quantity", name, unit, direction: direction ?? ">=", target, weight, accumulates: accumulates ?? false };
    if (rowErrors.length === 0) {
      for (const p of checkTargetTree([candidate]).filter((p) => p.path !== "indicators")) rowErrors.push(p.message.replace(/^第 1 个指标/, "").replace(/^指标“[^”]*”的/, ""));
      if (indicators.some((x) => x.name.trim() === name.trim())) rowErrors.push(`指标“${name}”重复`);
    }
    if (rowErrors.length) for (const message of rowErrors) errors.push({ line: i, message });
    else {
      indicators.push(candidate);
      lines.push(i);
    }
  }
  const total = indicators.length + new Set(errors.map((e) => e.line)).size;
  if (errors.length) return { total, imported: 0, errors };
  if (indicators.length === 0) return fail("VALIDATION_FAILED", "文件中没有指标行。");
  await updateSheet(tx, actor, sheet.id, { overallGoal: sheet.overallGoal, indicators }, at);
  return { total, imported: indicators.length, errors: [] };
}

const directionSymbol = { ">=": "≥", "<=": "≤", "=": "=" } as const;

/** Writes trees as the customary 绩效目标表 (one worksheet each), for the congress package and units. */
export async function targetWorkbook(title: string, sheets: (TargetSheetDetail & { budget?: string })[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const used = new Set<string>();
  for (const s of sheets) {
    let name = s.subjectName.replace(/[\\/?*[\]:]/g, "").slice(0, 28) || "绩效目标";
    while (used.has(name)) name = `${name.slice(0, 26)}${used.size}`;
    used.add(name);
    const ws = workbook.addWorksheet(name);
    ws.addRow([`${s.fiscalYear}年度${s.subjectKind === "project" ? "项目支出" : s.subjectKind === "unit" ? "部门整体支出" : "重大政策"}绩效目标表`]).font = { bold: true, size: 14 };
    ws.addRow([title]);
    ws.addRow(["名称", s.subjectName, "", "实施单位", s.budgetUnitName ?? s.regionName]);
    ws.addRow(["年度预算（元）", s.budget ?? s.issued, "", "审核状态", sheetStatusNames[s.status]]);
    ws.addRow(["年度总体目标", s.overallGoal]);
    ws.addRow(["一级指标", "二级指标", "三级指标", "指标值", "计量单位", "权重", "是否累计"]).font = { bold: true };
    for (const i of s.indicators) ws.addRow([targetLevels[i.level1].name, level2Name(i.level2), i.name, `${directionSymbol[i.direction]}${i.target}`, i.unit, i.weight, i.accumulates ? "是" : "否"]);
    ws.addRow(["预算执行率", "", "预算执行率", "≥100", "%", s.weights.execution, "是"]);
    ws.columns.forEach((c, n) => (c.width = n === 2 ? 28 : n === 1 ? 18 : 14));
  }
  if (sheets.length === 0) workbook.addWorksheet("绩效目标").addRow(["没有绩效目标表"]);
  return await workbookBuffer(workbook);
}
