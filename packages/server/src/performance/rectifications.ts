// Problems found in monitoring and evaluation become rectification tasks (突出问题有导向) of the
// performance kind, opened by the finance office from the report or evaluation that found them; the
// responsible unit rectifies and submits evidence, the finance office verifies and closes. The
// mechanism itself is rectification/ (shared with supervision).
import { and, eq } from "drizzle-orm";
import type { RectificationTaskView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { scopeCondition } from "../platform/scope.ts";
import { region } from "../platform/regionTable.ts";
import type { Actor } from "../identity/index.ts";
import { budgetUnit } from "../org/index.ts";
import { defineRectificationFlow, openRectification } from "../rectification/index.ts";
import { fail } from "./common.ts";
import { performanceEvaluation, performanceMonitoringReport, performanceTargetSheet } from "./tables.ts";

export const performanceRectificationCategories = {
  targetNotMet: "绩效目标未达成",
  executionSlow: "预算执行进度滞后",
  costOverrun: "成本超支",
  qualityShort: "质量或时效不达标",
  satisfactionLow: "服务对象满意度低",
  managementWeak: "项目管理不规范",
  dataUnreliable: "绩效数据不实",
  other: "其他",
} as const;

export const performanceRectification = defineRectificationFlow({
  code: "performanceRectification",
  name: "绩效问题整改",
  categories: performanceRectificationCategories,
  rectifierRoles: ["budgetUnitClerk", "unitAccountant", "subsidyClerk"],
  verifierRoles: ["generalBudgetAccountant", "townshipDirector"],
});

export interface PerformanceRectificationInput {
  sourceKind: "performanceMonitoring" | "performanceEvaluation";
  sourceId: string;
  category: string;
  title: string;
  description: string;
  responsiblePerson: string;
  deadlineOn: string;
}

/** Opens a task for a problem found by a monitoring report or an evaluation; the unit of its tree answers for it. */
export async function openPerformanceRectification(tx: Db, actor: Actor, input: PerformanceRectificationInput, at: Date): Promise<RectificationTaskView> {
  let sheetId: string;
  let regionCode: string;
  let sourceLabel: string;
  if (input.sourceKind === "performanceMonitoring") {
    const [report] = await tx.select().from(performanceMonitoringReport).where(and(eq(performanceMonitoringReport.id, input.sourceId), scopeCondition(performanceMonitoringReport.regionCode, actor.scopePrefix)));
    if (!report) return fail("OUT_OF_SCOPE", "监控记录不存在或不在您的数据范围内。");
    [sheetId, regionCode, sourceLabel] = [report.sheetId, report.regionCode, `${report.fiscalYear} 年 ${report.month} 月绩效监控`];
  } else {
    const [evaluation] = await tx.select().from(performanceEvaluation).where(and(eq(performanceEvaluation.id, input.sourceId), scopeCondition(performanceEvaluation.regionCode, actor.scopePrefix)));
    if (!evaluation) return fail("OUT_OF_SCOPE", "绩效评价不存在或不在您的数据范围内。");
    [sheetId, regionCode, sourceLabel] = [evaluation.sheetId, evaluation.regionCode, `${evaluation.fiscalYear} 年度绩效评价${evaluation.grade ? `（${evaluation.grade}，${evaluation.score} 分）` : ""}`];
  }
  const [sheet] = await tx.select().from(performanceTargetSheet).where(and(eq(performanceTargetSheet.regionCode, regionCode), eq(performanceTargetSheet.id, sheetId)));
  if (!sheet) return fail("OUT_OF_SCOPE", "绩效目标表不存在。");
  const [unit] = sheet.budgetUnitId ? await tx.select({ name: budgetUnit.name }).from(budgetUnit).where(and(eq(budgetUnit.regionCode, regionCode), eq(budgetUnit.id, sheet.budgetUnitId))) : [];
  const [township] = await tx.select({ name: region.name }).from(region).where(eq(region.regionCode, regionCode));
  return openRectification(
    tx,
    actor,
    performanceRectification,
    {
      regionCode,
      sourceKind: input.sourceKind,
      sourceId: input.sourceId,
      sourceLabel: `${sourceLabel}：${sheet.subjectName}`,
      category: input.category,
      title: input.title,
      description: input.description,
      responsibleUnitId: sheet.budgetUnitId,
      responsibleUnitName: unit?.name ?? `${township?.name ?? regionCode}财政所`,
      responsiblePerson: input.responsiblePerson,
      deadlineOn: input.deadlineOn,
    },
    at,
  );
}
