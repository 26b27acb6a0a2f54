// Proves the project library and its ex-ante performance assessment: the five criteria are whole
// points 0-20 and a project passes exactly when the total reaches the pass mark (60 by default, or the
// township's setting); assessments are appended, never overwritten, and the project follows the
// latest; whoever entered a project cannot assess it; the library lists with search, filters and
// paging; and the demo library holds a failed and an unassessed project.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import type { Db } from "../platform/db.ts";
import { DomainError } from "../platform/errors.ts";
import { deleteSetting, putSetting } from "../platform/settings.ts";
import { makeActor } from "../identity/index.ts";
import { EX_ANTE_CRITERIA, EX_ANTE_PASS_MARK_DEFAULT, scoreExAnte, type ExAnteScores } from "./rules.ts";
import { assessProject, createProject } from "./projects.ts";
import { actorOf, activeUnit, QINGHE } from "./testFixtures.ts";
import { TEST_YEAR, TEST_NOW } from "../../test/clock.ts";

const scores = (necessity: number, economy: number, target: number, feasibility: number, financing: number): ExAnteScores => ({ necessity, economy, target, feasibility, financing });

describe("ex-ante assessment scoring", () => {
  it("passes at exactly the pass mark and fails one point below", () => {
    expect(EX_ANTE_PASS_MARK_DEFAULT).toBe(60);
    expect(scoreExAnte(scores(12, 12, 12, 12, 12), 60)).toEqual({ ok: true, totalScore: 60, passed: true });
    expect(scoreExAnte(scores(12, 12, 12, 12, 11), 60)).toEqual({ ok: true, totalScore: 59, passed: false });
    expect(scoreExAnte(scores(20, 20, 20, 20, 20), 60)).toEqual({ ok: true, totalScore: 100, passed: true });
    expect(scoreExAnte(scores(0, 0, 0, 0, 0), 60)).toEqual({ ok: true, totalScore: 0, passed: false });
    expect(scoreExAnte(scores(14, 14, 14, 14, 13), 70)).toMatchObject({ totalScore: 69, passed: false });
  });

  it("refuses a score below 0, above 20 or not a whole point, naming the criterion", () => {
    expect(scoreExAnte(scores(21, 12, 12, 12, 12), 60)).toEqual({ ok: false, problems: [{ criterion: "necessity", message: "须为 0-20 的整数分" }] });
    expect(scoreExAnte(scores(12, -1, 12, 12.5, 12), 60)).toMatchObject({ ok: false, problems: [{ criterion: "economy" }, { criterion: "feasibility" }] });
  });

  it("totals the five criteria and passes exactly when the total reaches the mark, for any scores", () => {
    const score = fc.integer({ min: 0, max: 20 });
    fc.assert(
      fc.property(score, score, score, score, score, fc.integer({ min: 1, max: 100 }), (a, b, c, d, e, mark) => {
        const r = scoreExAnte(scores(a, b, c, d, e), mark);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.totalScore).toBe(a + b + c + d + e);
        expect(r.passed).toBe(a + b + c + d + e >= mark);
      }),
    );
    expect(EX_ANTE_CRITERIA).toEqual(["necessity", "economy", "target", "feasibility", "financing"]);
  });
});

let t: TestApp;
let clerk: ApiClient;
let budget: ApiClient;
let agri = "";
const year = TEST_YEAR;

beforeAll(async () => {
  t = await startTestApp("demo");
  clerk = await loginAs(t.app, "unitclerk");
  budget = await loginAs(t.app, "budget");
  agri = (await activeUnit(t.database.db, QINGHE, "农业农村服务中心")).id;
});
afterAll(async () => t.close());

const project = (name: string, extra: Record<string, unknown> = {}) => ({
  regionCode: QINGHE,
  budgetUnitId: agri,
  name,
  category: "agriculture",
  description: "建设内容",
  functionalCode: "2130122",
  plannedTotal: "120000.00",
  startYear: year,
  endYear: year + 1,
  ...extra,
});
const assessment = (s: ExAnteScores, extra: Record<string, unknown> = {}) => ({ ...s, conclusion: "评估结论", assessor: "财政所评估小组", assessedOn: `${year}-03-01`, ...extra });

describe("the project library", () => {
  it("enters a project awaiting assessment, and refuses a wrong code, years or a duplicate name", async () => {
    const created = await clerk.post("/budget/projects", project("秸秆综合利用"));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "awaitingAssessment", latestScore: null, plannedTotal: "120000.00", projectNo: expect.stringMatching(/^XM101\d{5}$/) });
    expect((await clerk.post("/budget/projects", project("秸秆综合利用"))).body.code).toBe("DUPLICATE");
    const badCode = await clerk.post("/budget/projects", project("错误科目", { functionalCode: "2139999" }));
    expect(badCode.body.errors[0].path).toBe("functionalCode");
    expect((await clerk.post("/budget/projects", project("倒置年度", { startYear: year, endYear: year - 1 }))).body.errors[0].path).toBe("endYear");
    expect((await clerk.post("/budget/projects", project("零投资", { plannedTotal: "0.00" }))).status).toBe(400);
    expect((await clerk.post("/budget/projects", project("未知类别", { category: "x" }))).status).toBe(400);
    expect((await budget.post("/budget/projects", project("财政所不能申报项目"))).status).toBe(403);
  });

  it("records assessments as events: 59 fails, 60 passes, and the project follows the latest", async () => {
    const id = (await clerk.post("/budget/projects", project("农村人居环境整治"))).body.id as string;
    expect((await clerk.post(`/budget/projects/${id}/assessments`, assessment(scores(20, 20, 20, 20, 20)))).status).toBe(403);
    expect((await budget.post(`/budget/projects/${id}/assessments`, assessment(scores(21, 12, 12, 12, 12)))).status).toBe(400);
    expect((await budget.post(`/budget/projects/${id}/assessments`, { ...assessment(scores(12, 12, 12, 12, 12)), conclusion: "" })).status).toBe(400);
    const failed = await budget.post(`/budget/projects/${id}/assessments`, assessment(scores(12, 12, 12, 12, 11), { conclusion: "绩效目标不明确，不予支持" }));
    expect(failed.status).toBe(201);
    expect(failed.body).toMatchObject({ status: "failed", latestScore: 59 });
    const passed = await budget.post(`/budget/projects/${id}/assessments`, assessment(scores(12, 12, 12, 12, 12), { conclusion: "完善后予以支持" }));
    expect(passed.body).toMatchObject({ status: "passed", latestScore: 60 });
    expect(passed.body.assessments.map((a: { totalScore: number; passed: boolean; passMark: number }) => [a.totalScore, a.passed, a.passMark])).toEqual([[59, false, 60], [60, true, 60]]);
    expect(passed.body.assessments[0]).toMatchObject({ conclusion: "绩效目标不明确，不予支持", assessor: "财政所评估小组", scores: { financing: 11 } });
    await expect(t.database.db.execute(sql`update project_assessment set total_score = 100 where project_id = ${id}`)).rejects.toThrow();
  });

  it("uses the township's pass mark when one is set: 69 fails and 70 passes against 70", async () => {
    await putSetting(t.database.db, QINGHE, "budget.exAntePassMark", 70, null, TEST_NOW);
    try {
      const id = (await clerk.post("/budget/projects", project("设施农业大棚"))).body.id as string;
      expect((await budget.post(`/budget/projects/${id}/assessments`, assessment(scores(14, 14, 14, 14, 13)))).body).toMatchObject({ status: "failed", latestScore: 69 });
      const ok = await budget.post(`/budget/projects/${id}/assessments`, assessment(scores(14, 14, 14, 14, 14)));
      expect(ok.body).toMatchObject({ status: "passed", latestScore: 70 });
      expect(ok.body.assessments[1].passMark).toBe(70);
    } finally {
      await deleteSetting(t.database.db, QINGHE, "budget.exAntePassMark");
    }
  });

  it("refuses the person who entered a project its assessment (SAME_PERSON)", async () => {
    const db = t.database.db;
    const both = await actorOf(db, "budget");
    const actor = makeActor({ id: both.userId, username: "budget", displayName: both.displayName, regionCode: QINGHE }, ["generalBudgetAccountant", "unitAccountant"]);
    const created = await db.transaction((tx) => createProject(tx as unknown as Db, actor, { regionCode: QINGHE, budgetUnitId: agri, name: "自评项目", category: "other", description: "x", functionalCode: "2130122", plannedTotalFen: 100n, startYear: year, endYear: year }, TEST_NOW));
    const refused = await db.transaction((tx) => assessProject(tx as unknown as Db, actor, created.id, { scores: scores(20, 20, 20, 20, 20), conclusion: "x", assessor: "x", assessedOn: `${year}-01-01` }, TEST_NOW)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe("SAME_PERSON");
  });

  it("lists the library with search, status and unit filters and paging; the demo has a failed and an unassessed project", async () => {
    const failed = await budget.get(`/budget/projects?regionCode=${QINGHE}&status=failed&pageSize=100`);
    expect(failed.body.items.map((p: { name: string }) => p.name)).toContain("村级文化广场提升");
    expect(failed.body.items.every((p: { status: string }) => p.status === "failed")).toBe(true);
    const waiting = await budget.get(`/budget/projects?status=awaitingAssessment&q=${encodeURIComponent("智慧农业")}`);
    expect(waiting.body).toMatchObject({ total: 1, items: [{ name: "智慧农业监测平台", latestScore: null }] });
    const byUnit = await budget.get(`/budget/projects?budgetUnitId=${agri}&pageSize=2&page=1`);
    expect(byUnit.body.items).toHaveLength(2);
    expect(byUnit.body.total).toBeGreaterThan(2);
    expect(byUnit.body.items.every((p: { budgetUnitId: string }) => p.budgetUnitId === agri)).toBe(true);
    const passed = await budget.get(`/budget/projects?q=${encodeURIComponent("高标准农田")}`);
    expect(passed.body.items[0]).toMatchObject({ status: "passed", latestScore: 88 });
    const detail = await budget.get(`/budget/projects/${passed.body.items[0].id}`);
    expect(detail.body.assessments[0].scores).toEqual({ necessity: 19, economy: 17, target: 18, feasibility: 17, financing: 17 });
  });
});
