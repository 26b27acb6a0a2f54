// Proves evaluation after the year and results applied through the API, on a clock fixed after the
// demo's year: a tree is evaluated only after its year; the money's execution is the budget's
// (entering it is refused) or, for a year before the platform, entered; each round is scored by the
// same pure rule as the CLI; the finance office (never the unit, never the self-evaluation's author)
// records its round and an external evaluator's, returns a self-evaluation for rework or completes
// the evaluation, whose score and grade are then final; a policy's figures come from the subsidy
// rosters. A 差 grade forces next year's line to be cut at least 20% (to the fen) unless the director
// records an exception; other grades warn. Problems become rectification tasks (rectifying →
// verifying → closed or returned), listed by category, overdue on the task's own deadline.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { rows } from "../platform/db.ts";
import { fraction, scorePerformance } from "@xiangcai/shared";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { fixedClock } from "../platform/clock.ts";
import { addLine, budgetIndicator, budgetLine, budgetProject, budgetRound } from "../budget/index.ts";
import { actorOf } from "../budget/testFixtures.ts";
import type { Db } from "../platform/db.ts";
import { performanceTargetSheet } from "./tables.ts";

let t: TestApp;
let clerk: ApiClient;
let budget: ApiClient;
let director: ApiClient;
let subsidyClerk: ApiClient;
let year: number;
const QINGHE = "329901101";
const BAITA = "329901102";
const clock = fixedClock("2027-03-10T10:00:00+08:00");

beforeAll(async () => {
  t = await startTestApp("demo", { clock });
  const [round] = await t.database.db.select().from(budgetRound).where(and(eq(budgetRound.regionCode, QINGHE), eq(budgetRound.status, "approved")));
  year = round!.fiscalYear;
  clock.set(`${year}-08-10T10:00:00+08:00`);
  clerk = await loginAs(t.app, "unitclerk");
  budget = await loginAs(t.app, "budget");
  director = await loginAs(t.app, "director");
  subsidyClerk = await loginAs(t.app, "subsidy");
});
afterAll(async () => t?.close());

/** Moves the clock and logs everyone in again (a jump of months ends the sessions, as it should). */
async function at(instant: string) {
  clock.set(instant);
  clerk = await loginAs(t.app, "unitclerk");
  budget = await loginAs(t.app, "budget");
  director = await loginAs(t.app, "director");
  subsidyClerk = await loginAs(t.app, "subsidy");
}

async function sheetOf(name: string, fiscalYear: number, regionCode = QINGHE) {
  const [s] = await t.database.db.select().from(performanceTargetSheet).where(and(eq(performanceTargetSheet.regionCode, regionCode), eq(performanceTargetSheet.fiscalYear, fiscalYear), eq(performanceTargetSheet.subjectName, name)));
  return s!;
}

describe("the demo's evaluations", () => {
  it("holds last year's grades, one 差 in 白塔镇, and one waiting for the finance office", async () => {
    const district = await loginAs(t.app, "supervisor");
    const all = (await district.get(`/performance/evaluations?fiscalYear=${year - 1}&pageSize=100`)).body.items as { regionCode: string; subjectName: string; grade: string | null; status: string }[];
    const grade = (name: string) => all.find((e) => e.subjectName === name)?.grade;
    expect(grade("村内道路硬化（一期）")).toBe("良");
    expect(grade("农村饮水安全巩固提升")).toBe("优");
    expect(grade("青禾镇中心小学（部门整体）")).toBe("中");
    expect(grade("镇村道路养护")).toBe("差");
    expect(all.find((e) => e.subjectName === "集镇垃圾转运设施更新")).toMatchObject({ status: "financeReview", grade: null });
    expect(new Set(all.map((e) => e.regionCode))).toEqual(new Set([QINGHE, BAITA]));
    const mine = (await director.get(`/performance/evaluations?pageSize=100`)).body.items as { regionCode: string }[];
    expect(mine.every((e) => e.regionCode === QINGHE)).toBe(true);
  });
});

describe("the grades by township", () => {
  it("shows the district every township's grades, open evaluations and exact average; a township only its own", async () => {
    const district = await loginAs(t.app, "supervisor");
    const overview = (await district.get(`/performance/evaluation-overview?fiscalYear=${year - 1}`)).body as { townships: { regionCode: string; regionName: string; grades: Record<string, number>; open: number; completed: number; averageScore: string | null }[] };
    const qinghe = overview.townships.find((x) => x.regionCode === QINGHE)!;
    const baita = overview.townships.find((x) => x.regionCode === BAITA)!;
    expect(baita).toMatchObject({ regionName: "白塔镇", grades: { 优: 0, 良: 0, 中: 0, 差: 1 }, open: 0, completed: 1 });
    // 青禾镇: 优 (water), 良 (roads and the policy), 中 (the school), one waiting for the finance office.
    expect(qinghe).toMatchObject({ open: 1, completed: 4, grades: { 优: 1, 良: 2, 中: 1, 差: 0 } });
    // The average is the exact mean of the completed evaluations' scores, half up to 2 decimals.
    const scores = ((await district.get(`/performance/evaluations?fiscalYear=${year - 1}&status=completed&pageSize=100`)).body.items as { regionCode: string; score: string }[]).filter((e) => e.regionCode === QINGHE).map((e) => e.score);
    expect(scores).toHaveLength(4);
    const hundredths = scores.reduce((sum, x) => sum + BigInt(x.replace(".", "")), 0n);
    const n = BigInt(scores.length);
    const mean = (2n * hundredths + n) / (2n * n);
    expect(qinghe.averageScore).toBe(`${mean / 100n}.${String(mean % 100n).padStart(2, "0")}`);
    // A township sees only its own; a year without evaluations is empty; a year out of range is refused.
    expect((await director.get(`/performance/evaluation-overview?fiscalYear=${year - 1}`)).body.townships.map((x: { regionCode: string }) => x.regionCode)).toEqual([QINGHE]);
    expect((await district.get(`/performance/evaluation-overview?fiscalYear=${year - 5}`)).body).toEqual({ fiscalYear: year - 5, townships: [] });
    expect((await district.get("/performance/evaluation-overview?fiscalYear=1999")).status).toBe(400);
    expect((await district.get("/performance/evaluation-overview")).status).toBe(400);
  });
});

describe("an evaluation", () => {
  const farmland = () => sheetOf("高标准农田建设配套", year);
  let evaluationId = "";

  it("waits for the year to end", async () => {
    const refused = await clerk.post("/performance/evaluations", { sheetId: (await farmland()).id, evaluator: "吴强", conclusion: "自评", values: [] });
    expect(refused).toMatchObject({ status: 409, body: { code: "EVALUATION_NOT_READY" } });
    await at(`${year + 1}-02-20T10:00:00+08:00`);
  });

  it("takes the money from the budget and scores the self-evaluation with the shared rule", async () => {
    const sheet = await farmland();
    const entered = await clerk.post("/performance/evaluations", { sheetId: sheet.id, execution: { issued: "650000.00", paid: "650000.00" }, evaluator: "吴强", conclusion: "自评", values: [] });
    expect(entered.body.detail).toContain("取自预算指标");
    const actuals = ["2800", "12.5", "100", "236", "46", "15", "93"];
    const created = await clerk.post("/performance/evaluations", { sheetId: sheet.id, evaluator: "青禾镇农业农村服务中心", conclusion: "完成年度建设任务的 93%。", values: actuals.map((actual, i) => ({ indicatorNo: i + 1, actual })) });
    expect(created.status).toBe(201);
    evaluationId = created.body.id;
    const [money] = await t.database.db
      .select({ issued: budgetIndicator.issuedFen, paid: budgetIndicator.paidFen })
      .from(budgetIndicator)
      .innerJoin(budgetLine, and(eq(budgetLine.regionCode, budgetIndicator.regionCode), eq(budgetLine.id, budgetIndicator.budgetLineId)))
      .where(and(eq(budgetIndicator.regionCode, QINGHE), eq(budgetIndicator.fiscalYear, year), eq(budgetLine.projectId, sheet.subjectRef)));
    const expected = scorePerformance({ executionRate: fraction(money!.paid, money!.issued), executionWeight: "10", indicators: created.body.indicators.map((i: { direction: string; target: string; weight: string }, n: number) => ({ direction: i.direction, target: i.target, weight: i.weight, actual: actuals[n]! })) });
    expect(expected.ok).toBe(true);
    if (!expected.ok) return;
    expect(created.body).toMatchObject({ status: "financeReview", executionSource: "budget", selfScore: expected.result.score, score: null, grade: null });
    expect(created.body.rounds[0]).toMatchObject({ round: "self", score: expected.result.score, grade: expected.result.grade });
    expect((await clerk.post("/performance/evaluations", { sheetId: sheet.id, evaluator: "x", conclusion: "x", values: [] })).body.code).toBe("DUPLICATE");
  });

  it("lets only the finance office record its round and an external evaluator's, then complete", async () => {
    const values = ["2700", "12", "100", "240", "45", "15", "90"].map((actual, i) => ({ indicatorNo: i + 1, actual }));
    expect((await clerk.post(`/performance/evaluations/${evaluationId}/rounds`, { round: "finance", evaluator: "x", conclusion: "x", values })).status).toBe(403);
    expect((await budget.post(`/performance/evaluations/${evaluationId}/rounds`, { round: "self", evaluator: "x", conclusion: "x", values })).status).toBe(403);
    const external = await budget.post(`/performance/evaluations/${evaluationId}/rounds`, { round: "external", evaluator: "江苏某会计师事务所", conclusion: "第三方评价", values });
    expect(external.status).toBe(200);
    expect(external.body.rounds.map((r: { round: string }) => r.round)).toEqual(["self", "external"]);
    const missing = await budget.post(`/performance/evaluations/${evaluationId}/rounds`, { round: "finance", evaluator: "财政所", conclusion: "复核", values: values.slice(1) });
    expect(missing.status).toBe(400);
    const done = await budget.post(`/performance/evaluations/${evaluationId}/rounds`, { round: "finance", evaluator: "财政所绩效评价小组", conclusion: "复核确认", problems: "亩均增产未达目标", values, complete: true });
    expect(done.status).toBe(200);
    const finance = done.body.rounds.find((r: { round: string }) => r.round === "finance");
    expect(done.body).toMatchObject({ status: "completed", score: finance.score, grade: finance.grade, financeScore: finance.score });
    expect((await budget.post(`/performance/evaluations/${evaluationId}/rounds`, { round: "finance", evaluator: "x", conclusion: "x", values })).body.code).toBe("INVALID_TRANSITION");
  });

  it("returns a self-evaluation for rework, and takes entered figures for a year before the platform", async () => {
    const created = await clerk.post("/performance/sheets", { regionCode: QINGHE, fiscalYear: year - 2, subjectKind: "policy", subjectRef: "乡村公益性岗位", subjectName: "乡村公益性岗位", overallGoal: "开发公益性岗位 40 个。", submit: true, indicators: [
      { level2: "quantity", name: "开发岗位数", unit: "个", direction: ">=", target: "40", weight: "50", accumulates: false },
      { level2: "social", name: "脱贫人口就业人数", unit: "人", direction: ">=", target: "30", weight: "30", accumulates: false },
      { level2: "serviceRecipient", name: "上岗人员满意度", unit: "%", direction: ">=", target: "90", weight: "10", accumulates: false },
    ] });
    await budget.post(`/flow/instances/${created.body.flowInstanceId}/transitions`, { action: "accept", expectedState: "submitted" });
    const values = [{ indicatorNo: 1, actual: "40" }, { indicatorNo: 2, actual: "24" }, { indicatorNo: 3, actual: "95" }];
    expect((await clerk.post("/performance/evaluations", { sheetId: created.body.id, evaluator: "x", conclusion: "x", values })).body.detail).toContain("请填写该年度预算数和实际支付数");
    expect((await clerk.post("/performance/evaluations", { sheetId: created.body.id, execution: { issued: "100.00", paid: "100.01" }, evaluator: "x", conclusion: "x", values })).status).toBe(400);
    const evaluation = await clerk.post("/performance/evaluations", { sheetId: created.body.id, execution: { issued: "480000.00", paid: "456000.00" }, evaluator: "人社所", conclusion: "完成岗位开发。", values });
    // 10 × 0.95 + 50 + 30 × 0.8 + 10 = 93.50
    expect(evaluation.body).toMatchObject({ executionSource: "entered", executionRate: "95.00", selfScore: "93.50" });
    const returned = await budget.post(`/flow/instances/${evaluation.body.flowInstanceId}/transitions`, { action: "return", note: "满意度调查样本请附问卷", expectedState: "financeReview" });
    expect(returned.body.state).toBe("selfEvaluation");
    expect((await budget.post(`/performance/evaluations/${evaluation.body.id}/rounds`, { round: "finance", evaluator: "x", conclusion: "x", values })).body.code).toBe("INVALID_TRANSITION");
    const reworked = await clerk.post(`/performance/evaluations/${evaluation.body.id}/rounds`, { round: "self", evaluator: "人社所", conclusion: "补充问卷 120 份。", values: [values[0], values[1], { indicatorNo: 3, actual: "88" }] });
    expect(reworked.body).toMatchObject({ status: "financeReview", selfScore: "93.28" });
    // The generic flow route cannot complete without the finance round.
    expect((await budget.post(`/flow/instances/${evaluation.body.flowInstanceId}/transitions`, { action: "complete", expectedState: "financeReview" })).body.code).toBe("EVALUATION_NOT_READY");
  });

  it("evaluates a policy with the subsidy module's figures", async () => {
    // The subsidy demo's rosters of 耕地地力保护补贴 (read directly: the subsidy face has no roster list).
    const [roster] = await rows<{ period: string }>(t.database.db, sql`select period from subsidy_roster where region_code = ${QINGHE} and item_code = 'GDDLBH' order by period limit 1`);
    const policyYear = Number(roster!.period.slice(0, 4));
    await at(`${policyYear + 1}-02-20T10:00:00+08:00`);
    const created = await subsidyClerk.post("/performance/sheets", { regionCode: QINGHE, fiscalYear: policyYear, subjectKind: "policy", subjectRef: "GDDLBH", subjectName: "耕地地力保护补贴", overallGoal: "补贴足额按时发放到户。", submit: true, indicators: [
      { level2: "quantity", name: "享受补贴人数", unit: "人", direction: ">=", target: "10", weight: "20", accumulates: false, source: "subsidy.recipients" },
      { level2: "quantity", name: "补贴覆盖率", unit: "%", direction: ">=", target: "95", weight: "10", accumulates: false, source: "subsidy.coverage" },
      { level2: "timeliness", name: "按时发放率", unit: "%", direction: ">=", target: "100", weight: "20", accumulates: false, source: "subsidy.paidOnTime" },
      { level2: "economic", name: "发放金额", unit: "元", direction: ">=", target: "1", weight: "30", accumulates: false, source: "subsidy.paidAmount" },
      { level2: "serviceRecipient", name: "农户满意度（问卷）", unit: "%", direction: ">=", target: "90", weight: "10", accumulates: false },
    ] });
    expect(created.status).toBe(201);
    await budget.post(`/flow/instances/${created.body.flowInstanceId}/transitions`, { action: "accept", expectedState: "submitted" });
    const given = await subsidyClerk.post("/performance/evaluations", { sheetId: created.body.id, eligibleCount: 20, dueOn: `${policyYear}-12-31`, evaluator: "刘芳", conclusion: "x", values: [{ indicatorNo: 1, actual: "10" }, { indicatorNo: 5, actual: "92" }] });
    expect(given.body.detail).toContain("取自补贴发放数据");
    const evaluation = await subsidyClerk.post("/performance/evaluations", { sheetId: created.body.id, eligibleCount: 20, dueOn: `${policyYear}-12-31`, evaluator: "刘芳", conclusion: "补贴发放及时。", values: [{ indicatorNo: 5, actual: "92" }] });
    expect(evaluation.status).toBe(201);
    const f = evaluation.body.policyFigures;
    expect(f.itemName).toBe("耕地地力保护补贴");
    expect(f.recipients).toBeGreaterThan(0);
    expect(evaluation.body).toMatchObject({ executionSource: "subsidy", issued: f.planned, paid: f.paid });
    const self = evaluation.body.rounds[0].values;
    expect(self[0].actual).toBe(String(f.recipients));
    expect(self[1].actual).toBe((Math.round((f.recipients * 10000) / 20) / 100).toFixed(2));
    expect(self[3].actual).toBe(f.paid);
    await at(`${year + 1}-02-20T10:00:00+08:00`);
  });
});

describe("results applied to next year's budget", () => {
  it("shows the reviewer the grade and the rule beside 白塔镇's line, and enforces the 差 cut to the fen", async () => {
    const budget2 = await loginAs(t.app, "budget2");
    const director2 = await loginAs(t.app, "director2");
    const [next] = await t.database.db.select().from(budgetRound).where(and(eq(budgetRound.regionCode, BAITA), eq(budgetRound.fiscalYear, year + 1)));
    const advice = (await director2.get(`/performance/preparation-advice?roundId=${next!.id}`)).body;
    expect(advice).toHaveLength(1);
    expect(advice[0]).toMatchObject({ fiscalYear: year + 1, subjectName: "镇村道路养护", targets: { status: "accepted" }, result: { grade: "差", enforced: true, base: "300000.00", limit: "240000.00", exception: null } });
    const [project] = await t.database.db.select().from(budgetProject).where(and(eq(budgetProject.regionCode, BAITA), eq(budgetProject.name, "镇村道路养护")));
    const [lineA] = await t.database.db.select().from(budgetLine).where(and(eq(budgetLine.regionCode, BAITA), eq(budgetLine.roundId, next!.id), eq(budgetLine.projectId, project!.id)));
    // 白塔镇 has no unit clerk among the demo users: its accountant enters the second line as the demo does.
    const enterer = await actorOf(t.database.db, "budget2");
    const lineB = { body: await t.database.db.transaction((tx) => addLine(tx as unknown as Db, enterer, next!.id, { budgetUnitId: lineA!.budgetUnitId, expenditureKind: "project", projectId: project!.id, functionalCode: "2120501", economicCode: "30213", fundNature: "generalBudget", paymentMethod: "direct", amountFen: 260_000_00n }, clock.now())) };
    void budget2;

    const full = await director2.post(`/budget/lines/${lineA!.id}/review`, { decision: "accept" });
    expect(full).toMatchObject({ status: 409, body: { code: "PERFORMANCE_CUT_REQUIRED" } });
    expect(full.body.detail).toContain("240,000.00");
    expect((await director2.post(`/budget/lines/${lineA!.id}/review`, { decision: "cut", approvedAmount: "240000.01", note: "压减" })).body.code).toBe("PERFORMANCE_CUT_REQUIRED");
    expect((await director2.post(`/budget/lines/${lineB.body.id}/review`, { decision: "cut", approvedAmount: "240000.00", note: "按绩效评价结果压减 20%" })).body).toMatchObject({ reviewStatus: "cut", approved: "240000.00" });

    const exception = { regionCode: BAITA, fiscalYear: year + 1, subjectKind: "project", subjectRef: project!.id, reason: "省道改线，养护里程增加，经镇党委会研究维持原规模。" };
    expect((await budget2.post("/performance/results/exceptions", exception)).status).toBe(403);
    const recorded = await director2.post("/performance/results/exceptions", exception);
    expect(recorded.status).toBe(201);
    expect(recorded.body.exception).toMatchObject({ recordedByName: "马红" });
    expect((await director2.post("/performance/results/exceptions", exception)).body.code).toBe("DUPLICATE");
    expect((await director2.post(`/budget/lines/${lineA!.id}/review`, { decision: "accept" })).body).toMatchObject({ reviewStatus: "accepted", approved: "300000.00" });
  });

  it("lists every evaluated subject with its advice for next year, worst first", async () => {
    const list = (await budget.get(`/performance/results?fiscalYear=${year + 1}`)).body as { subjectName: string; grade: string; advice: string; enforced: boolean; limit: string | null }[];
    expect(list.length).toBeGreaterThanOrEqual(4);
    expect(list.every((r) => ["优", "良", "中", "差"].includes(r.grade))).toBe(true);
    const water = list.find((r) => r.subjectName === "农村饮水安全巩固提升")!;
    expect(water).toMatchObject({ regionName: "青禾镇", grade: "优", enforced: false, limit: null });
    const roads = list.find((r) => r.subjectName === "村内道路硬化（一期）")!;
    expect(roads).toMatchObject({ grade: "良", enforced: false, limit: "380000.00" });
  });
});

describe("rectification", () => {
  it("opens a task from an evaluation, takes evidence, is returned, and closes", async () => {
    const [evaluation] = (await budget.get(`/performance/evaluations?grade=中&fiscalYear=${year - 1}`)).body.items;
    const body = { sourceKind: "performanceEvaluation", sourceId: evaluation.id, category: "satisfactionLow", title: "家长满意度偏低", description: "家长满意度 70%，低于 90% 的目标。", responsiblePerson: "吴强", deadlineOn: `${year + 1}-03-31` };
    expect((await budget.post("/performance/rectifications", { ...body, category: "nonsense" })).status).toBe(400);
    expect((await budget.post("/performance/rectifications", { ...body, deadlineOn: `${year + 1}-02-19` })).body.detail).toContain("不能早于今天");
    expect((await clerk.post("/performance/rectifications", body)).status).toBe(403);
    const task = await budget.post("/performance/rectifications", body);
    expect(task.status).toBe(201);
    expect(task.body).toMatchObject({ status: "rectifying", responsibleUnitName: "青禾镇中心小学", categoryName: "服务对象满意度低", overdue: false });
    expect(task.body.taskNo).toMatch(/^ZG\d{4}101-\d{5}$/);
    const flowId = task.body.flowInstanceId;
    expect((await clerk.post(`/flow/instances/${flowId}/transitions`, { action: "submitEvidence", expectedState: "rectifying" })).body.detail).toContain("请先填写整改情况");
    const submitted = await clerk.post(`/rectification/tasks/${task.body.id}/evidence`, { evidence: "召开家长会，建立家校沟通群。" });
    expect(submitted.body).toMatchObject({ status: "verifying", evidenceCount: 1 });
    expect((await clerk.post(`/rectification/tasks/${task.body.id}/evidence`, { evidence: "再次" })).body.code).toBe("RECTIFICATION_NOT_OPEN");
    await budget.post(`/flow/instances/${flowId}/transitions`, { action: "return", note: "请附家长问卷统计", expectedState: "verifying" });
    await clerk.post(`/rectification/tasks/${task.body.id}/evidence`, { evidence: "附问卷 300 份，满意度 91%。" });
    const closed = await budget.post(`/flow/instances/${flowId}/transitions`, { action: "close", note: "整改到位，销号。", expectedState: "verifying" });
    expect(closed.body.state).toBe("closed");
    const detail = (await clerk.get(`/rectification/tasks/${task.body.id}`)).body;
    expect(detail).toMatchObject({ status: "closed", closureNote: "整改到位，销号。", closedByName: "李秀英" });
    expect(detail.evidence.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
    expect((await budget.get(`/performance/evaluations/${evaluation.id}`)).body.rectifications.some((r: { id: string }) => r.id === task.body.id)).toBe(true);
  });

  it("lists tasks by category so recurring problems stand out, and counts overdue on the task's deadline", async () => {
    const categories = (await budget.get("/rectification/categories")).body as { category: string; total: number; open: number }[];
    expect(categories[0]!.total).toBeGreaterThanOrEqual(categories.at(-1)!.total);
    expect(categories.find((c) => c.category === "satisfactionLow")).toMatchObject({ total: 1, open: 0 });
    const supervisor = await loginAs(t.app, "supervisor");
    const district = (await supervisor.get("/rectification/categories")).body as { category: string; total: number }[];
    const sum = (list: { total: number }[]) => list.reduce((a, c) => a + c.total, 0);
    expect(sum(district)).toBeGreaterThan(sum(categories));
    clock.set(`${year + 5}-01-10T10:00:00+08:00`);
    const late = await loginAs(t.app, "supervisor");
    const overdue = (await late.get("/rectification/tasks?overdue=true")).body.items as { status: string; overdue: boolean }[];
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((task) => task.overdue && task.status !== "closed")).toBe(true);
  });
});
