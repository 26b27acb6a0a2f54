// Results applied (结果应用有落实) and "no target, no budget": when the finance office reviews a project
// line of a budget request, the project's targets for that year must have been accepted, and the
// latest completed evaluation of the project (of an earlier year) applies the township's results
// rule: a warning for the reviewer, and for a grade whose rule is enforced (差 by default) a cut the
// review cannot skip unless the director has recorded an exception. The check is registered on
// budget's face from src/domains.ts; budget does not know performance.
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { formatYuan, parseYuan, scopeCovers, type PreparationAdviceView, type ResultAdviceView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { uuidv7 } from "../platform/ids.ts";
import { scopeCondition } from "../platform/scope.ts";
import { region } from "../platform/regionTable.ts";
import { readSetting } from "../platform/settings.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { budgetLine, budgetRound, type LineReviewCheck } from "../budget/index.ts";
import { fail, PERFORMANCE_ROWS_MAX, who } from "./common.ts";
import { resultRulesSetting } from "./settings.ts";
import { sheetOf, sheetsOfProjects } from "./targets.ts";
import { performanceEvaluation, performanceResultException, type SubjectKind } from "./tables.ts";

type EvaluationRow = typeof performanceEvaluation.$inferSelect;

/** The latest completed evaluation of a subject from a year before `fiscalYear`. */
async function latestEvaluation(db: Db, regionCode: string, fiscalYear: number, kind: SubjectKind, ref: string): Promise<EvaluationRow | null> {
  const [row] = await db
    .select()
    .from(performanceEvaluation)
    .where(and(eq(performanceEvaluation.regionCode, regionCode), eq(performanceEvaluation.subjectKind, kind), eq(performanceEvaluation.subjectRef, ref), eq(performanceEvaluation.status, "completed"), lt(performanceEvaluation.fiscalYear, fiscalYear)))
    .orderBy(desc(performanceEvaluation.fiscalYear))
    .limit(1);
  return row ?? null;
}

/**
 * What a subject got in the year before `fiscalYear` (its approved request lines), which the rule's
 * change is measured against; the evaluated year's budget when it had none.
 */
async function baseAmount(db: Db, regionCode: string, fiscalYear: number, kind: SubjectKind, ref: string, evaluation: EvaluationRow): Promise<bigint> {
  if (kind === "project" || kind === "unit") {
    const [sum] = await db
      .select({ approved: sql<string>`coalesce(sum(${budgetLine.approvedFen}), 0)::text`, lines: sql<number>`count(*)::int` })
      .from(budgetLine)
      .innerJoin(budgetRound, and(eq(budgetRound.regionCode, budgetLine.regionCode), eq(budgetRound.id, budgetLine.roundId)))
      .where(and(eq(budgetLine.regionCode, regionCode), eq(budgetRound.fiscalYear, fiscalYear - 1), inArray(budgetLine.reviewStatus, ["accepted", "cut"]), kind === "project" ? eq(budgetLine.projectId, ref) : eq(budgetLine.budgetUnitId, ref)));
    if ((sum?.lines ?? 0) > 0) return BigInt(sum!.approved);
  }
  return evaluation.issuedFen;
}

/** The results rule as it applies to a subject's budget of `fiscalYear`, or null when it was never evaluated. */
export async function resultAdvice(db: Db, regionCode: string, fiscalYear: number, kind: SubjectKind, ref: string): Promise<ResultAdviceView | null> {
  const evaluation = await latestEvaluation(db, regionCode, fiscalYear, kind, ref);
  if (!evaluation?.grade || !evaluation.score) return null;
  const rules = await readSetting(db, regionCode, resultRulesSetting);
  const rule = rules[evaluation.grade];
  const base = await baseAmount(db, regionCode, fiscalYear, kind, ref, evaluation);
  // The most the next budget may be: rounded down to the fen, so a cut of "at least 20%" is at least 20%.
  const limit = rule.maxChangePercent === null ? null : (base * BigInt(100 + rule.maxChangePercent)) / 100n;
  const [home] = await db.select({ name: region.name }).from(region).where(eq(region.regionCode, regionCode));
  const [exception] = await db.select().from(performanceResultException).where(and(eq(performanceResultException.regionCode, regionCode), eq(performanceResultException.fiscalYear, fiscalYear), eq(performanceResultException.subjectKind, kind), eq(performanceResultException.subjectRef, ref)));
  return {
    subjectKind: kind,
    subjectRef: ref,
    subjectName: evaluation.subjectName,
    regionCode,
    regionName: home?.name ?? regionCode,
    evaluationId: evaluation.id,
    evaluatedYear: evaluation.fiscalYear,
    score: evaluation.score,
    grade: evaluation.grade,
    advice: rule.advice,
    enforced: rule.enforced,
    base: formatYuan(base),
    limit: limit === null ? null : formatYuan(limit),
    exception: exception ? { reason: exception.reason, recordedByName: exception.recordedByName, recordedAt: exception.recordedAt.toISOString() } : null,
  };
}

/** The check registered on budget's review: no accepted targets, no budget; an enforced grade, a cut. */
export const performanceLineReviewCheck: LineReviewCheck = async (tx, line) => {
  if (line.expenditureKind !== "project" || !line.projectId || line.decision === "return") return;
  const sheet = await sheetOf(tx, line.regionCode, line.fiscalYear, "project", line.projectId);
  if (sheet?.status !== "accepted") {
    const state = !sheet ? "尚未填报" : sheet.status === "draft" ? "尚未提交" : sheet.status === "returned" ? "已退回单位修改" : "正在等待审核";
    fail("PERFORMANCE_TARGETS_REQUIRED", `项目“${line.projectName ?? ""}”的 ${line.fiscalYear} 年度绩效目标${state}：绩效目标经财政所审核通过后才能安排预算（无目标不安排预算）。`);
  }
  const advice = await resultAdvice(tx, line.regionCode, line.fiscalYear, "project", line.projectId);
  if (!advice?.enforced || advice.limit === null || advice.exception || line.approvedFen === null) return;
  const limitFen = parseYuan(advice.limit);
  if (line.approvedFen > limitFen) {
    fail(
      "PERFORMANCE_CUT_REQUIRED",
      `项目“${advice.subjectName}” ${advice.evaluatedYear} 年度绩效评价为${advice.grade}（${advice.score} 分）：${advice.advice}。本年度预算 ${formatYuan(parseYuan(advice.base), { thousands: true })} 元，下年度至多安排 ${formatYuan(limitFen, { thousands: true })} 元；请核减、退回，或由所长登记例外。`,
    );
  }
};

/** Beside each project line of a round: its targets' state and the results rule that applies. */
export async function preparationAdvice(db: Db, actor: Actor, roundId: string): Promise<PreparationAdviceView[]> {
  const [round] = await db.select().from(budgetRound).where(and(eq(budgetRound.id, roundId), scopeCondition(budgetRound.regionCode, actor.scopePrefix)));
  if (!round) return fail("OUT_OF_SCOPE", "预算编制批次不存在或不在您的数据范围内。");
  const lines = await db.select().from(budgetLine).where(and(eq(budgetLine.regionCode, round.regionCode), eq(budgetLine.roundId, round.id), eq(budgetLine.expenditureKind, "project"))).limit(PERFORMANCE_ROWS_MAX);
  const projectIds = [...new Set(lines.flatMap((l) => (l.projectId ? [l.projectId] : [])))];
  const sheets = await sheetsOfProjects(db, round.regionCode, round.fiscalYear, projectIds);
  const advice = new Map<string, ResultAdviceView | null>();
  for (const id of projectIds) advice.set(id, await resultAdvice(db, round.regionCode, round.fiscalYear, "project", id));
  return lines.map((l) => {
    const sheet = l.projectId ? sheets.get(l.projectId) : undefined;
    return {
      lineId: l.id,
      fiscalYear: round.fiscalYear,
      projectId: l.projectId,
      subjectName: l.projectName ?? "",
      requested: formatYuan(l.requestedFen),
      targets: { sheetId: sheet?.id ?? null, status: sheet?.status ?? "missing" },
      result: l.projectId ? (advice.get(l.projectId) ?? null) : null,
    };
  });
}

/** Every subject whose evaluation applies to the budget of `fiscalYear`, with its rule (the results page). */
export async function resultAdviceList(db: Db, actor: Actor, filter: { regionCode?: string | undefined; fiscalYear: number }): Promise<ResultAdviceView[]> {
  const e = performanceEvaluation;
  const subjects = await db
    .selectDistinct({ regionCode: e.regionCode, kind: e.subjectKind, ref: e.subjectRef })
    .from(e)
    .where(and(scopeCondition(e.regionCode, actor.scopePrefix), ...(filter.regionCode ? [scopeCondition(e.regionCode, filter.regionCode)] : []), eq(e.status, "completed"), lt(e.fiscalYear, filter.fiscalYear)))
    .orderBy(e.regionCode, e.subjectKind, e.subjectRef)
    .limit(PERFORMANCE_ROWS_MAX);
  const list: ResultAdviceView[] = [];
  for (const s of subjects) {
    const advice = await resultAdvice(db, s.regionCode, filter.fiscalYear, s.kind, s.ref);
    if (advice) list.push(advice);
  }
  const order = { 差: 0, 中: 1, 良: 2, 优: 3 } as const;
  return list.sort((a, b) => order[a.grade] - order[b.grade] || a.regionCode.localeCompare(b.regionCode) || a.subjectName.localeCompare(b.subjectName, "zh"));
}

/** The director's exception to the results rule for one subject's budget of a year, once, with its reason. */
export async function recordException(tx: Db, actor: Actor, input: { regionCode: string; fiscalYear: number; subjectKind: SubjectKind; subjectRef: string; reason: string }, at: Date): Promise<ResultAdviceView> {
  if (!scopeCovers(actor.scopePrefix, input.regionCode) || input.regionCode.length !== 9) return fail("OUT_OF_SCOPE", "乡镇不存在或不在您的数据范围内。");
  const advice = await resultAdvice(tx, input.regionCode, input.fiscalYear, input.subjectKind, input.subjectRef);
  if (!advice) return fail("VALIDATION_FAILED", "该对象没有已完成的绩效评价，不需要登记例外。", [{ path: "subjectRef", message: "没有绩效评价" }]);
  if (advice.exception) fail("DUPLICATE", `已于 ${advice.exception.recordedAt.slice(0, 10)} 由${advice.exception.recordedByName}登记例外。`);
  const row = { regionCode: input.regionCode, id: uuidv7(at.getTime()), fiscalYear: input.fiscalYear, subjectKind: input.subjectKind, subjectRef: input.subjectRef, evaluationId: advice.evaluationId, reason: input.reason.trim(), recordedBy: actor.userId, recordedByName: actor.displayName, recordedAt: at };
  await tx.insert(performanceResultException).values(row);
  await recordAudit(tx, { regionCode: row.regionCode, actor: who(actor), action: "performanceResult.exceptionRecorded", entityType: "performanceResultException", entityId: row.id, after: { fiscalYear: row.fiscalYear, subject: advice.subjectName, grade: advice.grade, reason: row.reason } }, at);
  return (await resultAdvice(tx, input.regionCode, input.fiscalYear, input.subjectKind, input.subjectRef))!;
}
