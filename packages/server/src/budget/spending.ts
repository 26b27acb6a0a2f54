// Which kind of spending an indicator's money is (基本支出 or 项目支出, and the project), for the unit
// ledgers' 明细 (政府会计制度: 6001/7101/7201 by 基本支出/项目支出, 项目支出 by project).
//
// The rule: an indicator issued from a budget line (budget_indicator.budget_line_id, kept on the
// indicators carried over from it) is what its line is — 基本支出, or 项目支出 of the line's project
// (the project library's number and name, or the line's project name). An indicator without a line
// is 项目支出 when it is an upper transfer (first issued as one, or fund nature upperTransfer: transfers
// come earmarked, 专款专用) or 政府性基金 (spent on its purposes only), its project being its document
// (文号 and summary); any other indicator without a line is 基本支出. An indicator carried over (结转)
// keeps its line and its origin's source (origin_source), so its money keeps its kind from year to year.
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { budgetIndicator, budgetLine, budgetProject } from "./tables.ts";

export interface Spending {
  expenditureKind: "basic" | "project";
  projectId: string | null;
  /** What the ledger records as the project (项目 aux), at most 100 characters; null for 基本支出. */
  project: string | null;
}

type IndicatorFacts = Pick<typeof budgetIndicator.$inferSelect, "originSource" | "fundNature" | "documentNo" | "summary">;
type LineFacts = Pick<typeof budgetLine.$inferSelect, "expenditureKind" | "projectId" | "projectName">;
type ProjectFacts = Pick<typeof budgetProject.$inferSelect, "projectNo" | "name">;

/**
 * Pure: the kind of an indicator's money, given the kind of the budget line it was issued from (null
 * for an indicator without a line) — the rule alone, for sums by kind that need no project.
 */
export function expenditureKindOf(indicator: Pick<IndicatorFacts, "originSource" | "fundNature">, lineKind: ExpenditureKind | null): ExpenditureKind {
  if (lineKind) return lineKind;
  return indicator.originSource === "upperTransfer" || indicator.fundNature === "upperTransfer" || indicator.fundNature === "governmentFund" ? "project" : "basic";
}

/** Pure: the spending of an indicator, given its budget line and that line's project when it has them. */
export function spendingOf(indicator: IndicatorFacts, line: LineFacts | null, project: ProjectFacts | null): Spending {
  if (expenditureKindOf(indicator, line?.expenditureKind ?? null) === "basic") return { expenditureKind: "basic", projectId: null, project: null };
  if (line) {
    const label = project ? `${project.projectNo} ${project.name}` : (line.projectName ?? indicator.documentNo);
    return { expenditureKind: "project", projectId: line.projectId ?? null, project: label.slice(0, 100) };
  }
  return { expenditureKind: "project", projectId: null, project: `${indicator.documentNo} ${indicator.summary}`.trim().slice(0, 100) };
}

/** The spending of an indicator row already read: its budget line and that line's project are read here. */
export async function spendingOfIndicator(db: Db, indicator: typeof budgetIndicator.$inferSelect): Promise<Spending & { fundNature: string }> {
  const regionCode = indicator.regionCode;
  const [line] = indicator.budgetLineId ? await db.select().from(budgetLine).where(and(eq(budgetLine.regionCode, regionCode), eq(budgetLine.id, indicator.budgetLineId))) : [];
  const [project] = line?.projectId ? await db.select().from(budgetProject).where(and(eq(budgetProject.regionCode, regionCode), eq(budgetProject.id, line.projectId))) : [];
  return { ...spendingOf(indicator, line ?? null, project ?? null), fundNature: indicator.fundNature };
}

/** The spending of an indicator read from the database; null when the indicator is not found. */
export async function indicatorSpending(db: Db, regionCode: string, indicatorId: string): Promise<(Spending & { fundNature: string }) | null> {
  const [indicator] = await db.select().from(budgetIndicator).where(and(eq(budgetIndicator.regionCode, regionCode), eq(budgetIndicator.id, indicatorId)));
  return indicator ? spendingOfIndicator(db, indicator) : null;
}

export type ExpenditureKind = Spending["expenditureKind"];
export const expenditureKinds: readonly ExpenditureKind[] = ["basic", "project"];
export const expenditureKindNames: Record<ExpenditureKind, string> = { basic: "基本支出", project: "项目支出" };

/**
 * SQL: the expenditure kind of the `budget_indicator` row of the query, by `expenditureKindOf`'s rule (its
 * budget line's kind, else 项目支出 for an upper transfer or 政府性基金, else 基本支出). Kept in step
 * with `expenditureKindOf` (spendingKind.test.ts compares them); for sums by kind (year end, quota restoration, final accounts).
 */
export function indicatorKindSql(): SQL<ExpenditureKind> {
  return sql<ExpenditureKind>`coalesce((select l.expenditure_kind from budget_line l where l.region_code = ${budgetIndicator.regionCode} and l.id = ${budgetIndicator.budgetLineId}), case when ${budgetIndicator.originSource} = 'upperTransfer' or ${budgetIndicator.fundNature} in ('upperTransfer', 'governmentFund') then 'project' else 'basic' end)`;
}
