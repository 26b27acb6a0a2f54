// Evaluation after the year (绩效评价) and policy evaluation (重大政策有后评估): the unit evaluates its
// accepted tree of a past year (self-evaluation), the finance office evaluates it again (and records
// an external evaluator's scores when one is used), each round scored by the one pure rule
// (@xiangcai/shared scorePerformance) against the township's weights and grade bounds; the finance
// office's score and grade are final. The money's execution comes from the budget indicators, a
// policy's figures from the subsidy module, or, for a year before the platform, as entered.
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { evaluationStatusNames, formatFraction, formatYuan, subjectKindNames, fraction, fractionAdd, fractionDivide, parseFraction, parseYuan, scorePerformance, type EvaluationDetail, type EvaluationOverviewView, type EvaluationRoundView, type EvaluationView, type Fraction, type PerformanceGrade, type PolicyFiguresView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { invariant } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { containsPattern, scopeCondition } from "../platform/scope.ts";
import { readSetting } from "../platform/settings.ts";
import { assertDifferentPerson } from "../platform/separation.ts";
import { region } from "../platform/regionTable.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { budgetUnit } from "../org/index.ts";
import { startFlow, transition, type FlowDefinition, type TransitionContext } from "../flow/index.ts";
import { subsidyItemFigures, type SubsidyItemFigures } from "../subsidy/index.ts";
import { listRectifications } from "../rectification/index.ts";
import { chinaYearMonth, executionOf, executionPercent, executionRateOf, fail, who, type Execution } from "./common.ts";
import { gradeBoundsSetting } from "./settings.ts";
import { sheetIndicators, viewIndicator } from "./targets.ts";
import { performanceEvaluation, performanceEvaluationRound, performanceEvaluationValue, performanceTargetIndicator, performanceTargetSheet, type EvaluationRound, type ExecutionSource, type IndicatorSource } from "./tables.ts";
import { workbookOf } from "../platform/sheets.ts";

export const EVALUATION_FLOW = "performanceEvaluation";

type EvaluationRow = typeof performanceEvaluation.$inferSelect;
type SheetRow = typeof performanceTargetSheet.$inferSelect;

// ---------------------------------------------------------------- the flow

/**
 * After the unit's self-evaluation the finance office evaluates (never the person who entered the
 * self-evaluation), or returns it for rework; completing takes the finance round's score and grade.
 */
export const evaluationFlow: FlowDefinition = {
  code: EVALUATION_FLOW,
  name: "绩效评价",
  entityType: "performanceEvaluation",
  initialState: "financeReview",
  states: {
    financeReview: { name: "待财政评价", roles: ["generalBudgetAccountant", "townshipDirector"], deadlineWorkingDays: 10 },
    selfEvaluation: { name: "退回单位修改自评", roles: ["budgetUnitClerk", "unitAccountant", "subsidyClerk"], deadlineWorkingDays: 10 },
    completed: { name: "评价完成", roles: [], final: true },
  },
  transitions: [
    { from: "financeReview", action: "complete", label: "确认财政评价结果", to: "completed", separateFromCreator: true },
    { from: "financeReview", action: "return", label: "退回修改自评", to: "selfEvaluation", noteRequired: true },
    { from: "selfEvaluation", action: "resubmit", label: "重新提交自评", to: "financeReview" },
  ],
  onTransition: evaluationTransition,
};

async function evaluationTransition(tx: Db, ctx: TransitionContext): Promise<void> {
  const [evaluation] = await tx.select().from(performanceEvaluation).where(and(eq(performanceEvaluation.regionCode, ctx.regionCode), eq(performanceEvaluation.id, ctx.entityId))).for("update");
  invariant(evaluation, "an evaluation flow's evaluation exists");
  let set: Partial<EvaluationRow>;
  if (ctx.to === "completed") {
    const [finance] = await tx.select().from(performanceEvaluationRound).where(and(eq(performanceEvaluationRound.regionCode, evaluation.regionCode), eq(performanceEvaluationRound.evaluationId, evaluation.id), eq(performanceEvaluationRound.round, "finance")));
    if (!finance) fail("EVALUATION_NOT_READY", "请先录入财政评价得分，再确认评价结果。");
    set = { status: "completed", score: finance!.score, grade: finance!.grade, completedAt: ctx.at };
  } else set = { status: ctx.to as EvaluationRow["status"] };
  await tx.update(performanceEvaluation).set(set).where(and(eq(performanceEvaluation.regionCode, evaluation.regionCode), eq(performanceEvaluation.id, evaluation.id)));
  await recordAudit(tx, { regionCode: evaluation.regionCode, actor: who(ctx.actor), action: `performanceEvaluation.${ctx.action}`, entityType: "performanceEvaluation", entityId: evaluation.id, before: { status: evaluation.status }, after: { status: set.status, score: set.score ?? null, grade: set.grade ?? null, note: ctx.note } }, ctx.at);
}

// ---------------------------------------------------------------- figures

/** A policy's sourced indicator values from the subsidy module (percentages to 2 decimals, rounded half up). */
function sourcedActual(source: IndicatorSource, figures: SubsidyItemFigures, eligibleCount: number | null): string | null {
  if (source === "subsidy.recipients") return String(figures.recipients);
  if (source === "subsidy.paidAmount") return formatYuan(figures.paidFen);
  if (source === "subsidy.paidOnTime") return figures.lines === 0 ? "0.00" : formatFraction(fraction(BigInt(figures.paidOnTimeLines) * 100n, BigInt(figures.lines)));
  if (eligibleCount === null) return null;
  return formatFraction(fraction(BigInt(figures.recipients) * 100n, BigInt(eligibleCount)));
}

function viewFigures(f: SubsidyItemFigures): PolicyFiguresView {
  return { itemCode: f.itemCode, itemName: f.itemName, recipients: f.recipients, lines: f.lines, planned: formatYuan(f.plannedFen), paid: formatYuan(f.paidFen), paidLines: f.paidLines, paidOnTimeLines: f.paidOnTimeLines };
}

async function policyFigures(db: Db, e: Pick<EvaluationRow, "regionCode" | "subjectKind" | "subjectRef" | "fiscalYear" | "dueOn">): Promise<SubsidyItemFigures | null> {
  if (e.subjectKind !== "policy") return null;
  return subsidyItemFigures(db, e.regionCode, e.subjectRef, e.fiscalYear, e.dueOn);
}

interface RoundInput {
  evaluator: string;
  conclusion: string;
  problems?: string | undefined;
  values: { indicatorNo: number; actual: string }[];
}

/**
 * Scores one round: every indicator's actual (sourced ones from the subsidy figures, the others as
 * given, each exactly once), the execution rate, the tree's weights and the township's grade bounds.
 */
async function scoreRound(db: Db, sheet: SheetRow, execution: Execution, figures: SubsidyItemFigures | null, eligibleCount: number | null, input: RoundInput) {
  const indicators = await sheetIndicators(db, sheet);
  const given = new Map(input.values.map((v) => [v.indicatorNo, v.actual]));
  const problems: { path: string; message: string }[] = [];
  if (given.size !== input.values.length) problems.push({ path: "values", message: "同一指标填了两次" });
  for (const v of input.values) if (!indicators.some((i) => i.indicatorNo === v.indicatorNo)) problems.push({ path: "values", message: `没有第 ${v.indicatorNo} 号指标` });
  const actuals: { indicatorNo: number; actual: string }[] = [];
  indicators.forEach((indicator, n) => {
    if (indicator.source && figures) {
      if (given.has(indicator.indicatorNo)) return problems.push({ path: `values.${n}`, message: `“${indicator.name}”取自补贴发放数据，不需填写` });
      const actual = sourcedActual(indicator.source, figures, eligibleCount);
      if (actual === null) return problems.push({ path: "eligibleCount", message: `计算“${indicator.name}”须填写应享受人数` });
      return actuals.push({ indicatorNo: indicator.indicatorNo, actual });
    }
    const actual = given.get(indicator.indicatorNo);
    if (actual === undefined) return problems.push({ path: `values.${n}`, message: `请填写“${indicator.name}”的实际完成值` });
    actuals.push({ indicatorNo: indicator.indicatorNo, actual });
  });
  if (problems.length) fail("VALIDATION_FAILED", problems.map((p) => p.message).join("；"), problems);
  const rate = executionRateOf(execution);
  const outcome = scorePerformance(
    {
      executionRate: rate,
      executionWeight: sheet.weights.execution,
      indicators: indicators.map((i) => ({ direction: i.direction, target: i.target, weight: i.weight, actual: actuals.find((a) => a.indicatorNo === i.indicatorNo)!.actual })),
    },
    await readSetting(db, sheet.regionCode, gradeBoundsSetting),
  );
  if (!outcome.ok) return fail("VALIDATION_FAILED", `无法计分：${outcome.problems.map((p) => p.message).join("；")}（请检查绩效目标表的权重是否与当前权重设置一致）`, outcome.problems);
  return { result: outcome.result, actuals };
}

async function writeRound(tx: Db, actor: Actor, evaluation: Pick<EvaluationRow, "regionCode" | "id">, round: EvaluationRound, input: RoundInput, scored: Awaited<ReturnType<typeof scoreRound>>, at: Date): Promise<void> {
  const key = and(eq(performanceEvaluationRound.regionCode, evaluation.regionCode), eq(performanceEvaluationRound.evaluationId, evaluation.id), eq(performanceEvaluationRound.round, round));
  await tx.delete(performanceEvaluationValue).where(and(eq(performanceEvaluationValue.regionCode, evaluation.regionCode), eq(performanceEvaluationValue.evaluationId, evaluation.id), eq(performanceEvaluationValue.round, round)));
  await tx.delete(performanceEvaluationRound).where(key);
  await tx.insert(performanceEvaluationRound).values({
    regionCode: evaluation.regionCode,
    evaluationId: evaluation.id,
    round,
    evaluator: input.evaluator.trim(),
    conclusion: input.conclusion.trim(),
    problems: input.problems?.trim() ?? "",
    executionPoints: scored.result.executionPoints,
    score: scored.result.score,
    grade: scored.result.grade,
    recordedBy: actor.userId,
    recordedByName: actor.displayName,
    recordedAt: at,
  });
  await tx.insert(performanceEvaluationValue).values(scored.actuals.map((a, n) => ({ regionCode: evaluation.regionCode, evaluationId: evaluation.id, round, indicatorNo: a.indicatorNo, actual: a.actual, completion: scored.result.indicators[n]!.completion, points: scored.result.indicators[n]!.points })));
  await recordAudit(tx, { regionCode: evaluation.regionCode, actor: who(actor), action: `performanceEvaluation.${round}Scored`, entityType: "performanceEvaluation", entityId: evaluation.id, after: { round, score: scored.result.score, grade: scored.result.grade, evaluator: input.evaluator, actuals: scored.actuals } }, at);
}

// ---------------------------------------------------------------- entering

export interface EvaluationInput extends RoundInput {
  sheetId: string;
  /** A year before the platform: the budget and the amount paid, in fen, as the unit's books show them. */
  execution?: Execution | undefined;
  eligibleCount?: number | undefined;
  dueOn?: string | undefined;
}

/** Starts the evaluation of an accepted tree of a past year with the unit's self-evaluation. */
export async function createEvaluation(tx: Db, actor: Actor, input: EvaluationInput, at: Date): Promise<EvaluationDetail> {
  const [sheet] = await tx.select().from(performanceTargetSheet).where(and(eq(performanceTargetSheet.id, input.sheetId), scopeCondition(performanceTargetSheet.regionCode, actor.scopePrefix))).for("update");
  if (!sheet) return fail("OUT_OF_SCOPE", "绩效目标表不存在或不在您的数据范围内。");
  if (sheet.status !== "accepted") fail("EVALUATION_NOT_READY", "只能评价经财政所审核通过的绩效目标。");
  if (sheet.fiscalYear >= chinaYearMonth(at).year) fail("EVALUATION_NOT_READY", `${sheet.fiscalYear} 年度尚未结束，年度结束后才能进行绩效评价。`);
  const [dup] = await tx.select({ id: performanceEvaluation.id }).from(performanceEvaluation).where(and(eq(performanceEvaluation.regionCode, sheet.regionCode), eq(performanceEvaluation.sheetId, sheet.id)));
  if (dup) fail("DUPLICATE", `“${sheet.subjectName}”的 ${sheet.fiscalYear} 年度绩效评价已经开始。`);
  const dueOn = input.dueOn ?? null;
  const eligibleCount = input.eligibleCount ?? null;
  const figures = await policyFigures(tx, { ...sheet, dueOn });
  let execution: Execution;
  let source: ExecutionSource;
  if (figures) {
    execution = { issuedFen: figures.plannedFen, paidFen: figures.paidFen };
    source = "subsidy";
    if (input.execution) fail("VALIDATION_FAILED", "政策的资金执行情况取自补贴发放数据，不需填写。", [{ path: "execution", message: "不需填写" }]);
  } else {
    execution = await executionOf(tx, sheet.regionCode, sheet.fiscalYear, { kind: sheet.subjectKind, ref: sheet.subjectRef });
    source = "budget";
    if (execution.issuedFen > 0n && input.execution) fail("VALIDATION_FAILED", `${sheet.fiscalYear} 年度的预算执行数据取自预算指标（已下达 ${formatYuan(execution.issuedFen, { thousands: true })} 元），不需填写。`, [{ path: "execution", message: "不需填写" }]);
    if (execution.issuedFen === 0n) {
      if (!input.execution) fail("VALIDATION_FAILED", `平台中没有“${sheet.subjectName}” ${sheet.fiscalYear} 年度的预算指标，请填写该年度预算数和实际支付数。`, [{ path: "execution", message: "请填写预算数和支付数" }]);
      if (input.execution!.paidFen > input.execution!.issuedFen || input.execution!.issuedFen <= 0n) fail("VALIDATION_FAILED", "预算数须大于零，支付数不能超过预算数。", [{ path: "execution", message: "金额不合理" }]);
      execution = input.execution!;
      source = "entered";
    }
  }
  const scored = await scoreRound(tx, sheet, execution, figures, eligibleCount, input);
  const row: EvaluationRow = {
    regionCode: sheet.regionCode,
    id: uuidv7(at.getTime()),
    sheetId: sheet.id,
    fiscalYear: sheet.fiscalYear,
    subjectKind: sheet.subjectKind,
    subjectRef: sheet.subjectRef,
    subjectName: sheet.subjectName,
    budgetUnitId: sheet.budgetUnitId,
    status: "financeReview",
    issuedFen: execution.issuedFen,
    paidFen: execution.paidFen,
    executionSource: source,
    eligibleCount,
    dueOn,
    score: null,
    grade: null,
    flowInstanceId: null,
    createdBy: actor.userId,
    createdAt: at,
    completedAt: null,
  };
  await tx.insert(performanceEvaluation).values(row);
  await writeRound(tx, actor, row, "self", input, scored, at);
  const instance = await startFlow(tx, actor, { flowCode: EVALUATION_FLOW, regionCode: row.regionCode, entityId: row.id, title: `绩效评价：${row.subjectName}（${row.fiscalYear} 年度，自评 ${scored.result.score} 分）` }, at);
  await tx.update(performanceEvaluation).set({ flowInstanceId: instance.id }).where(and(eq(performanceEvaluation.regionCode, row.regionCode), eq(performanceEvaluation.id, row.id)));
  await recordAudit(tx, { regionCode: row.regionCode, actor: who(actor), action: "performanceEvaluation.started", entityType: "performanceEvaluation", entityId: row.id, after: { sheetId: sheet.id, fiscalYear: row.fiscalYear, executionSource: source, issued: formatYuan(execution.issuedFen), paid: formatYuan(execution.paidFen) } }, at);
  return getEvaluation(tx, actor, row.id, at);
}

/**
 * Records a round: the unit reworks its self-evaluation while returned (and resubmits it); the
 * finance office records its own and an external evaluator's rounds while it evaluates, and with
 * `complete` confirms the result.
 */
export async function recordRound(tx: Db, actor: Actor, id: string, input: RoundInput & { round: EvaluationRound; complete?: boolean | undefined }, at: Date): Promise<EvaluationDetail> {
  const [evaluation] = await tx.select().from(performanceEvaluation).where(and(eq(performanceEvaluation.id, id), scopeCondition(performanceEvaluation.regionCode, actor.scopePrefix))).for("update");
  if (!evaluation) return fail("OUT_OF_SCOPE", "绩效评价不存在或不在您的数据范围内。");
  if (evaluation.status === "completed") fail("INVALID_TRANSITION", "该绩效评价已经完成，不能再修改。");
  const finance = input.round !== "self";
  if (finance && !actor.permissions.has("performance.review")) fail("FORBIDDEN", "只有财政所可以录入财政评价和第三方评价。");
  if (!finance && !actor.permissions.has("performance.enter")) fail("FORBIDDEN", "单位自评由预算单位填报。");
  if (finance && evaluation.status !== "financeReview") fail("INVALID_TRANSITION", "单位正在修改自评，重新提交后才能进行财政评价。");
  if (!finance && evaluation.status !== "selfEvaluation") fail("INVALID_TRANSITION", "自评已经提交，正在等待财政评价；如需修改请联系财政所退回。");
  if (finance) assertDifferentPerson(evaluation.createdBy, actor.userId, "该绩效评价");
  if (input.complete && input.round !== "finance") fail("VALIDATION_FAILED", "确认评价结果须在录入财政评价时进行。");
  const [sheet] = await tx.select().from(performanceTargetSheet).where(and(eq(performanceTargetSheet.regionCode, evaluation.regionCode), eq(performanceTargetSheet.id, evaluation.sheetId)));
  invariant(sheet, "an evaluation's sheet exists");
  const figures = await policyFigures(tx, evaluation);
  const scored = await scoreRound(tx, sheet, { issuedFen: evaluation.issuedFen, paidFen: evaluation.paidFen }, figures, evaluation.eligibleCount, input);
  await writeRound(tx, actor, evaluation, input.round, input, scored, at);
  invariant(evaluation.flowInstanceId, "an evaluation has its flow");
  if (input.round === "self") await transition(tx, actor, { instanceId: evaluation.flowInstanceId, action: "resubmit", expectedState: "selfEvaluation" }, at);
  if (input.complete) await transition(tx, actor, { instanceId: evaluation.flowInstanceId, action: "complete", expectedState: "financeReview" }, at);
  return getEvaluation(tx, actor, evaluation.id, at);
}

// ---------------------------------------------------------------- reading

function viewEvaluation(e: EvaluationRow, names: { regionName: string | null; unitName: string | null }, scores: { self: string | null; finance: string | null }): EvaluationView {
  const execution = { issuedFen: e.issuedFen, paidFen: e.paidFen };
  return {
    id: e.id,
    regionCode: e.regionCode,
    regionName: names.regionName ?? e.regionCode,
    sheetId: e.sheetId,
    fiscalYear: e.fiscalYear,
    subjectKind: e.subjectKind,
    subjectRef: e.subjectRef,
    subjectName: e.subjectName,
    budgetUnitName: names.unitName,
    status: e.status,
    issued: formatYuan(e.issuedFen),
    paid: formatYuan(e.paidFen),
    executionRate: executionPercent(execution),
    executionSource: e.executionSource,
    selfScore: scores.self,
    financeScore: scores.finance,
    score: e.score,
    grade: e.grade,
    flowInstanceId: e.flowInstanceId,
    createdAt: e.createdAt.toISOString(),
    completedAt: e.completedAt?.toISOString() ?? null,
  };
}

export async function getEvaluation(db: Db, actor: Actor, id: string, now: Date): Promise<EvaluationDetail> {
  const [found] = await db
    .select({ e: performanceEvaluation, regionName: region.name, unitName: budgetUnit.name, sheet: performanceTargetSheet })
    .from(performanceEvaluation)
    .innerJoin(performanceTargetSheet, and(eq(performanceTargetSheet.regionCode, performanceEvaluation.regionCode), eq(performanceTargetSheet.id, performanceEvaluation.sheetId)))
    .leftJoin(region, eq(region.regionCode, performanceEvaluation.regionCode))
    .leftJoin(budgetUnit, and(eq(budgetUnit.regionCode, performanceEvaluation.regionCode), eq(budgetUnit.id, performanceEvaluation.budgetUnitId)))
    .where(and(eq(performanceEvaluation.id, id), scopeCondition(performanceEvaluation.regionCode, actor.scopePrefix)));
  if (!found) return fail("OUT_OF_SCOPE", "绩效评价不存在或不在您的数据范围内。");
  const { e } = found;
  const rounds = await db.select().from(performanceEvaluationRound).where(and(eq(performanceEvaluationRound.regionCode, e.regionCode), eq(performanceEvaluationRound.evaluationId, e.id)));
  const values = await db.select().from(performanceEvaluationValue).where(and(eq(performanceEvaluationValue.regionCode, e.regionCode), eq(performanceEvaluationValue.evaluationId, e.id))).orderBy(asc(performanceEvaluationValue.indicatorNo));
  const indicators = await db.select().from(performanceTargetIndicator).where(and(eq(performanceTargetIndicator.regionCode, e.regionCode), eq(performanceTargetIndicator.sheetId, e.sheetId))).orderBy(asc(performanceTargetIndicator.indicatorNo));
  const order: EvaluationRound[] = ["self", "finance", "external"];
  const roundViews: EvaluationRoundView[] = rounds
    .sort((a, b) => order.indexOf(a.round) - order.indexOf(b.round))
    .map((r) => ({
      round: r.round,
      evaluator: r.evaluator,
      conclusion: r.conclusion,
      problems: r.problems,
      executionPoints: r.executionPoints,
      score: r.score,
      grade: r.grade,
      recordedByName: r.recordedByName,
      recordedAt: r.recordedAt.toISOString(),
      values: values.filter((v) => v.round === r.round).map((v) => ({ indicatorNo: v.indicatorNo, actual: v.actual, completion: v.completion, points: v.points })),
    }));
  const figures = await policyFigures(db, e);
  const tasks = await listRectifications(db, actor, { sourceKind: "performanceEvaluation", sourceId: e.id }, { limit: 100, offset: 0 }, now);
  return {
    ...viewEvaluation(e, found, { self: rounds.find((r) => r.round === "self")?.score ?? null, finance: rounds.find((r) => r.round === "finance")?.score ?? null }),
    eligibleCount: e.eligibleCount,
    dueOn: e.dueOn,
    weights: found.sheet.weights,
    indicators: indicators.map(viewIndicator),
    rounds: roundViews,
    policyFigures: figures ? viewFigures(figures) : null,
    rectifications: tasks.items.map((t) => ({ id: t.id, taskNo: t.taskNo, title: t.title, status: t.status })),
  };
}

export interface EvaluationFilter {
  regionCode?: string | undefined;
  fiscalYear?: number | undefined;
  subjectKind?: EvaluationRow["subjectKind"] | undefined;
  status?: EvaluationRow["status"] | undefined;
  grade?: PerformanceGrade | undefined;
  q?: string | undefined;
}

export async function listEvaluations(db: Db, actor: Actor, filter: EvaluationFilter, page: { limit: number; offset: number }): Promise<{ items: EvaluationView[]; total: number }> {
  const e = performanceEvaluation;
  const conditions: SQL[] = [scopeCondition(e.regionCode, actor.scopePrefix)];
  if (filter.regionCode) conditions.push(scopeCondition(e.regionCode, filter.regionCode));
  if (filter.fiscalYear) conditions.push(eq(e.fiscalYear, filter.fiscalYear));
  if (filter.subjectKind) conditions.push(eq(e.subjectKind, filter.subjectKind));
  if (filter.status) conditions.push(eq(e.status, filter.status));
  if (filter.grade) conditions.push(eq(e.grade, filter.grade));
  if (filter.q) conditions.push(or(ilike(e.subjectName, containsPattern(filter.q)), ilike(budgetUnit.name, containsPattern(filter.q)))!);
  const where = and(...conditions);
  const unitJoin = and(eq(budgetUnit.regionCode, e.regionCode), eq(budgetUnit.id, e.budgetUnitId));
  const found = await db.select({ e, regionName: region.name, unitName: budgetUnit.name }).from(e).leftJoin(region, eq(region.regionCode, e.regionCode)).leftJoin(budgetUnit, unitJoin).where(where).orderBy(asc(e.regionCode), desc(e.fiscalYear), asc(e.subjectName)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(e).leftJoin(budgetUnit, unitJoin).where(where);
  const ids = found.map((f) => f.e.id);
  const rounds = ids.length ? await db.select({ evaluationId: performanceEvaluationRound.evaluationId, round: performanceEvaluationRound.round, score: performanceEvaluationRound.score }).from(performanceEvaluationRound).where(inArray(performanceEvaluationRound.evaluationId, ids)) : [];
  const scoreOf = (id: string, round: EvaluationRound) => rounds.find((r) => r.evaluationId === id && r.round === round)?.score ?? null;
  return { items: found.map((f) => viewEvaluation(f.e, f, { self: scoreOf(f.e.id, "self"), finance: scoreOf(f.e.id, "finance") })), total: count?.n ?? 0 };
}

/**
 * The year's evaluations by township, for the district's side-by-side view: the completed ones'
 * grades and their exact average score (half up to 2 decimals), and how many are still open.
 */
export async function evaluationOverview(db: Db, actor: Actor, fiscalYear: number): Promise<EvaluationOverviewView> {
  const e = performanceEvaluation;
  const groups = await db
    .select({ regionCode: e.regionCode, regionName: region.name, grade: e.grade, count: sql<number>`count(*)::int`, scoreSum: sql<string>`coalesce(sum(${e.score}::numeric), 0)::text` })
    .from(e)
    .leftJoin(region, eq(region.regionCode, e.regionCode))
    .where(and(scopeCondition(e.regionCode, actor.scopePrefix), eq(e.fiscalYear, fiscalYear)))
    .groupBy(e.regionCode, region.name, e.grade)
    .orderBy(asc(e.regionCode));
  const townships = new Map<string, EvaluationOverviewView["townships"][number] & { sum: Fraction }>();
  for (const g of groups) {
    const t = townships.get(g.regionCode) ?? { regionCode: g.regionCode, regionName: g.regionName ?? g.regionCode, grades: { 优: 0, 良: 0, 中: 0, 差: 0 }, open: 0, completed: 0, averageScore: null, sum: fraction(0n) };
    if (g.grade) {
      t.grades[g.grade] += g.count;
      t.completed += g.count;
      t.sum = fractionAdd(t.sum, parseFraction(g.scoreSum) ?? fraction(0n));
    } else t.open += g.count;
    townships.set(g.regionCode, t);
  }
  return {
    fiscalYear,
    townships: [...townships.values()].map(({ sum, ...t }) => ({ ...t, averageScore: t.completed ? formatFraction(fractionDivide(sum, fraction(BigInt(t.completed)))) : null })),
  };
}

export const EVALUATION_EXPORT_HEADER = ["乡镇", "年度", "类型", "评价对象", "预算单位", "预算数（元）", "支付数（元）", "预算执行率（%）", "自评得分", "财政评价得分", "最终得分", "等级", "状态"] as const;

/** The evaluations listed (the district's side-by-side grades) as an Excel workbook. */
export async function evaluationsWorkbook(items: readonly EvaluationView[]): Promise<Buffer> {
  const rows = items.map((e) => [e.regionName, e.fiscalYear, subjectKindNames[e.subjectKind], e.subjectName, e.budgetUnitName ?? "", e.issued, e.paid, e.executionRate, e.selfScore ?? "", e.financeScore ?? "", e.score ?? "", e.grade ?? "", evaluationStatusNames[e.status]]);
  return workbookOf("绩效评价结果", EVALUATION_EXPORT_HEADER, rows, [14, 14, 14, 30, 14, 14, 14, 14, 14, 14, 14, 14, 14]);
}

/** Parses an entered execution (yuan strings) to fen. */
export const enteredExecution = (e: { issued: string; paid: string } | undefined): Execution | undefined => (e ? { issuedFen: parseYuan(e.issued), paidFen: parseYuan(e.paid) } : undefined);
