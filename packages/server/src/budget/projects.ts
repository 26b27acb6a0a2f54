// The project library (项目库): a township's projects per budget unit, each with its ex-ante
// performance assessments (事前绩效评估, DOMAIN.md §7 and §10). A project's status follows its latest
// assessment; project expenditure in a budget request may only name a project that passed.
import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { formatYuan, scopeCovers, type ProjectAssessmentView, type ProjectView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { uuidv7 } from "../platform/ids.ts";
import { containsPattern, scopeCondition } from "../platform/scope.ts";
import { defineSetting, readSetting } from "../platform/settings.ts";
import { assertDifferentPerson } from "../platform/separation.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { budgetUnit } from "../org/index.ts";
import { lookupClassification } from "../catalog/index.ts";
import { fail } from "./indicators.ts";
import { EX_ANTE_PASS_MARK_DEFAULT, scoreExAnte, type ExAnteScores } from "./rules.ts";
import { budgetProject, projectAssessment, type ProjectStatus } from "./tables.ts";

export const PROJECTS_PER_TOWNSHIP_MAX = 100_000;

export const exAntePassMarkSetting = defineSetting<number>({
  key: "budget.exAntePassMark",
  name: "事前绩效评估通过分数线",
  description: `项目事前绩效评估五项（立项必要性、投入经济性、绩效目标合理性、实施方案可行性、筹资合规性）各 0-20 分，总分达到此分数即为通过；未通过的项目不能列入预算。默认 ${EX_ANTE_PASS_MARK_DEFAULT} 分。`,
  kind: "integer",
  levels: ["district", "township"],
  parse: (raw: unknown): number => {
    if (typeof raw !== "number" || !Number.isInteger(raw) || raw < 1 || raw > 100) throw new Error("须为 1-100 的整数");
    return raw;
  },
  fallback: EX_ANTE_PASS_MARK_DEFAULT,
});

type ProjectRow = typeof budgetProject.$inferSelect;
type AssessmentRow = typeof projectAssessment.$inferSelect;
const who = (actor: Actor) => ({ id: actor.userId, name: actor.displayName });

export interface ProjectInput {
  regionCode: string;
  budgetUnitId: string;
  name: string;
  category: string;
  description: string;
  functionalCode: string;
  plannedTotalFen: bigint;
  startYear: number;
  endYear: number;
}

type AssessmentView = ProjectAssessmentView;

function viewAssessment(a: AssessmentRow): AssessmentView {
  return {
    id: a.id,
    scores: { necessity: a.necessityScore, economy: a.economyScore, target: a.targetScore, feasibility: a.feasibilityScore, financing: a.financingScore },
    totalScore: a.totalScore,
    passMark: a.passMark,
    passed: a.passed,
    conclusion: a.conclusion,
    assessor: a.assessor,
    assessedOn: a.assessedOn,
    recordedAt: a.recordedAt.toISOString(),
  };
}

function viewProject(p: ProjectRow, unitName: string, latestScore: number | null): ProjectView {
  return {
    id: p.id,
    regionCode: p.regionCode,
    projectNo: p.projectNo,
    budgetUnitId: p.budgetUnitId,
    budgetUnitName: unitName,
    name: p.name,
    category: p.category,
    description: p.description,
    functionalCode: p.functionalCode,
    plannedTotal: formatYuan(p.plannedTotalFen),
    startYear: p.startYear,
    endYear: p.endYear,
    status: p.status,
    latestScore,
    createdAt: p.createdAt.toISOString(),
  };
}

/** Enters a project into the township's library, awaiting its ex-ante assessment. */
export async function createProject(tx: Db, actor: Actor, input: ProjectInput, at: Date): Promise<ProjectView> {
  if (input.regionCode.length !== 9 || !scopeCovers(actor.scopePrefix, input.regionCode)) return fail("OUT_OF_SCOPE", "乡镇不存在或不在您的数据范围内。");
  const problems: { path: string; message: string }[] = [];
  const [unit] = await tx.select().from(budgetUnit).where(and(eq(budgetUnit.regionCode, input.regionCode), eq(budgetUnit.id, input.budgetUnitId)));
  if (unit?.status !== "active") problems.push({ path: "budgetUnitId", message: "预算单位不存在或尚未登记生效" });
  if (input.endYear < input.startYear) problems.push({ path: "endYear", message: "结束年度不能早于开始年度" });
  else if (input.endYear - input.startYear >= 10) problems.push({ path: "endYear", message: "项目周期不能超过10年" });
  if (!(await lookupClassification(tx, input.regionCode, input.startYear, "functional", input.functionalCode))) {
    problems.push({ path: "functionalCode", message: `功能分类科目 ${input.functionalCode} 不在 ${input.startYear} 年度科目表中（须细化到项）` });
  }
  if (input.plannedTotalFen <= 0n) problems.push({ path: "plannedTotal", message: "计划总投资须大于零" });
  if (problems.length) fail("VALIDATION_FAILED", problems.map((p) => p.message).join("；"), problems);
  const [dup] = await tx.select({ id: budgetProject.id }).from(budgetProject).where(and(eq(budgetProject.regionCode, input.regionCode), eq(budgetProject.budgetUnitId, input.budgetUnitId), eq(budgetProject.name, input.name)));
  if (dup) fail("DUPLICATE", `该单位已有名为“${input.name}”的项目。`, [{ path: "name", message: "项目名称重复" }]);
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(budgetProject).where(eq(budgetProject.regionCode, input.regionCode));
  const n = (count?.n ?? 0) + 1;
  if (n > PROJECTS_PER_TOWNSHIP_MAX) fail("VALIDATION_FAILED", `一个乡镇的项目库最多 ${PROJECTS_PER_TOWNSHIP_MAX} 个项目。`);
  const row: ProjectRow = {
    regionCode: input.regionCode,
    id: uuidv7(at.getTime()),
    projectNo: `XM${input.regionCode.slice(6)}${String(n).padStart(5, "0")}`,
    budgetUnitId: input.budgetUnitId,
    name: input.name,
    category: input.category,
    description: input.description,
    functionalCode: input.functionalCode,
    plannedTotalFen: input.plannedTotalFen,
    startYear: input.startYear,
    endYear: input.endYear,
    status: "awaitingAssessment",
    latestAssessmentId: null,
    createdBy: actor.userId,
    createdAt: at,
    updatedAt: at,
  };
  await tx.insert(budgetProject).values(row);
  await recordAudit(tx, { regionCode: row.regionCode, actor: who(actor), action: "budgetProject.created", entityType: "budgetProject", entityId: row.id, after: { projectNo: row.projectNo, name: row.name, plannedTotal: formatYuan(row.plannedTotalFen) } }, at);
  return viewProject(row, unit!.name, null);
}

export interface AssessmentInput {
  scores: ExAnteScores;
  conclusion: string;
  assessor: string;
  assessedOn: string;
}

/**
 * Records an ex-ante assessment of a project: scored by the pure rule against the pass mark in force,
 * appended (never overwriting an earlier one), and the project's status follows it. Whoever entered
 * the project cannot record its assessment.
 */
export async function assessProject(tx: Db, actor: Actor, projectId: string, input: AssessmentInput, at: Date): Promise<ProjectView & { assessments: AssessmentView[] }> {
  const [project] = await tx.select().from(budgetProject).where(and(eq(budgetProject.id, projectId), scopeCondition(budgetProject.regionCode, actor.scopePrefix))).for("update");
  if (!project) return fail("OUT_OF_SCOPE", "项目不存在或不在您的数据范围内。");
  assertDifferentPerson(project.createdBy, actor.userId, "该项目");
  const passMark = await readSetting(tx, project.regionCode, exAntePassMarkSetting);
  const scored = scoreExAnte(input.scores, passMark);
  if (!scored.ok) return fail("VALIDATION_FAILED", "评分须为 0-20 的整数分。", scored.problems.map((p) => ({ path: p.criterion, message: p.message })));
  const row: AssessmentRow = {
    regionCode: project.regionCode,
    id: uuidv7(at.getTime()),
    projectId: project.id,
    necessityScore: input.scores.necessity,
    economyScore: input.scores.economy,
    targetScore: input.scores.target,
    feasibilityScore: input.scores.feasibility,
    financingScore: input.scores.financing,
    totalScore: scored.totalScore,
    passMark,
    passed: scored.passed,
    conclusion: input.conclusion,
    assessor: input.assessor,
    assessedOn: input.assessedOn,
    recordedBy: actor.userId,
    recordedAt: at,
  };
  await tx.insert(projectAssessment).values(row);
  const status: ProjectStatus = scored.passed ? "passed" : "failed";
  await tx.update(budgetProject).set({ status, latestAssessmentId: row.id, updatedAt: at }).where(and(eq(budgetProject.regionCode, project.regionCode), eq(budgetProject.id, project.id)));
  await recordAudit(tx, { regionCode: project.regionCode, actor: who(actor), action: "budgetProject.assessed", entityType: "budgetProject", entityId: project.id, before: { status: project.status }, after: { status, totalScore: scored.totalScore, passMark, assessor: input.assessor } }, at);
  return getProject(tx, actor, project.id);
}

export interface ProjectFilter {
  regionCode?: string | undefined;
  budgetUnitId?: string | undefined;
  status?: ProjectStatus | undefined;
  category?: string | undefined;
  q?: string | undefined;
}

export async function listProjects(db: Db, actor: Actor, filter: ProjectFilter, page: { limit: number; offset: number }): Promise<{ items: ProjectView[]; total: number }> {
  const p = budgetProject;
  const conditions: SQL[] = [scopeCondition(p.regionCode, actor.scopePrefix)];
  if (filter.regionCode) conditions.push(eq(p.regionCode, filter.regionCode));
  if (filter.budgetUnitId) conditions.push(eq(p.budgetUnitId, filter.budgetUnitId));
  if (filter.status) conditions.push(eq(p.status, filter.status));
  if (filter.category) conditions.push(eq(p.category, filter.category));
  if (filter.q) conditions.push(or(ilike(p.name, containsPattern(filter.q)), ilike(p.projectNo, containsPattern(filter.q)), ilike(budgetUnit.name, containsPattern(filter.q)))!);
  const where = and(...conditions);
  const unitJoin = and(eq(budgetUnit.regionCode, p.regionCode), eq(budgetUnit.id, p.budgetUnitId));
  const found = await db
    .select({ p, unitName: budgetUnit.name, score: projectAssessment.totalScore })
    .from(p)
    .leftJoin(budgetUnit, unitJoin)
    .leftJoin(projectAssessment, and(eq(projectAssessment.regionCode, p.regionCode), eq(projectAssessment.id, p.latestAssessmentId)))
    .where(where)
    .orderBy(asc(p.regionCode), desc(p.createdAt))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(p).leftJoin(budgetUnit, unitJoin).where(where);
  return { items: found.map((f) => viewProject(f.p, f.unitName ?? "", f.score)), total: count?.n ?? 0 };
}

export async function getProject(db: Db, actor: Actor, projectId: string): Promise<ProjectView & { assessments: AssessmentView[] }> {
  const [found] = await db
    .select({ p: budgetProject, unitName: budgetUnit.name })
    .from(budgetProject)
    .leftJoin(budgetUnit, and(eq(budgetUnit.regionCode, budgetProject.regionCode), eq(budgetUnit.id, budgetProject.budgetUnitId)))
    .where(and(eq(budgetProject.id, projectId), scopeCondition(budgetProject.regionCode, actor.scopePrefix)));
  if (!found) return fail("OUT_OF_SCOPE", "项目不存在或不在您的数据范围内。");
  const assessments = await db.select().from(projectAssessment).where(and(eq(projectAssessment.regionCode, found.p.regionCode), eq(projectAssessment.projectId, projectId))).orderBy(asc(projectAssessment.recordedAt), asc(projectAssessment.id));
  const latest = assessments.at(-1);
  return { ...viewProject(found.p, found.unitName ?? "", latest?.totalScore ?? null), assessments: assessments.map(viewAssessment) };
}

/**
 * The library project a project line of a budget request draws on: by id, or by name within the unit
 * (the Excel template names it). Null when the unit has no such project.
 */
export async function projectOfLine(db: Db, regionCode: string, budgetUnitId: string, ref: { projectId?: string | undefined; projectName?: string | undefined }): Promise<ProjectRow | null> {
  const base = [eq(budgetProject.regionCode, regionCode), eq(budgetProject.budgetUnitId, budgetUnitId)];
  if (ref.projectId) {
    const [p] = await db.select().from(budgetProject).where(and(...base, eq(budgetProject.id, ref.projectId)));
    return p ?? null;
  }
  if (ref.projectName) {
    const [p] = await db.select().from(budgetProject).where(and(...base, eq(budgetProject.name, ref.projectName)));
    return p ?? null;
  }
  return null;
}

/** Why a project cannot be budgeted (its latest assessment did not pass, or it has none), or null. */
export function projectRefusal(project: Pick<ProjectRow, "name" | "status">): string | null {
  if (project.status === "passed") return null;
  return project.status === "failed"
    ? `项目“${project.name}”事前绩效评估未通过，不能列入预算；请完善后重新评估。`
    : `项目“${project.name}”尚未进行事前绩效评估，评估通过后才能列入预算。`;
}

