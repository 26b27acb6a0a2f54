// Proves budget preparation over HTTP: a round per township and year; units' request lines checked
// against the year's catalogue; the finance office accepts, cuts (below the request, with a reason) or
// returns each line, never the person who entered it; a returned line is edited and resubmitted by
// the unit, with every review kept in its history, and nothing else can be edited; totals by unit and class; the congress approval
// of exactly the reviewed total and only of a balanced draft (revenue side = expenditure + 上解, per
// budget; revenue lines checked against the revenue catalogue, frozen once approved); indicators issued only from an approved budget, once; the Excel
// template, import with row errors and draft export; and the execution report, district-wide.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import type { Db } from "../platform/db.ts";
import { DomainError } from "../platform/errors.ts";
import { makeActor } from "../identity/index.ts";
import { demoFunctionalItems } from "./demo.ts";
import { reviewLine } from "./preparation.ts";
import { actorOf, activeUnit, QINGHE } from "./testFixtures.ts";
import { TEST_YEAR } from "../../test/clock.ts";
import { TEST_NOW } from "../../test/clock.ts";

let t: TestApp;
let admin: ApiClient;
let budget: ApiClient;
let clerk: ApiClient;
let congress: ApiClient;
let supervisor: ApiClient;
const year = TEST_YEAR;
// The demo prepares next year's budget at 青禾镇 already; these tests take the years after it.
const next = year + 2;
let roundId = "";
let gov = "";
let school = "";
let govCredit = "";
let libraryProject = "";
let failedProject = "";

beforeAll(async () => {
  t = await startTestApp("demo");
  admin = await loginAs(t.app, "admin");
  budget = await loginAs(t.app, "budget");
  clerk = await loginAs(t.app, "unitclerk");
  congress = await loginAs(t.app, "congress");
  supervisor = await loginAs(t.app, "supervisor");
  await admin.post("/catalog/classifications/defaults", { fiscalYear: next });
  const csv = ["code,name", ...demoFunctionalItems.map(([c, n]) => `${c},${n}`)].join("\n");
  await admin.post("/catalog/classifications/import", { fiscalYear: next, kind: "functional", format: "csv", content: csv });
  const govUnit = await activeUnit(t.database.db, QINGHE, "人民政府");
  gov = govUnit.id;
  govCredit = govUnit.creditCode;
  school = (await activeUnit(t.database.db, QINGHE, "中心小学")).id;
  const project = (name: string) => ({ regionCode: QINGHE, budgetUnitId: school, name, category: "socialService", description: "中心小学图书室改造", functionalCode: "2050202", plannedTotal: "9000.00", startYear: next, endYear: next });
  libraryProject = (await clerk.post("/budget/projects", project("图书室改造"))).body.id;
  const scores = { economy: 12, target: 12, feasibility: 12, financing: 12, conclusion: "结论", assessor: "财政所评估小组", assessedOn: `${next - 1}-10-01` };
  expect((await budget.post(`/budget/projects/${libraryProject}/assessments`, { ...scores, necessity: 12 })).body.status).toBe("passed");
  failedProject = (await clerk.post("/budget/projects", project("操场翻新"))).body.id;
  expect((await budget.post(`/budget/projects/${failedProject}/assessments`, { ...scores, necessity: 11 })).body.status).toBe("failed");
});
afterAll(async () => t.close());

const line = (budgetUnitId: string, functionalCode: string, economicCode: string, amount: string, extra: Record<string, unknown> = {}) => ({
  budgetUnitId,
  expenditureKind: "basic",
  functionalCode,
  economicCode,
  fundNature: "generalBudget",
  paymentMethod: "direct",
  amount,
  ...extra,
});

describe("preparing a budget", () => {
  it("opens one round per township and year", async () => {
    const res = await budget.post("/budget/rounds", { regionCode: QINGHE, fiscalYear: next });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: "preparing", fiscalYear: next, lineCount: 0 });
    roundId = res.body.id;
    expect((await budget.post("/budget/rounds", { regionCode: QINGHE, fiscalYear: next })).body.code).toBe("DUPLICATE");
  });

  it("takes request lines whose codes are in the year's catalogue, and refuses others", async () => {
    expect((await clerk.post(`/budget/rounds/${roundId}/lines`, line(gov, "2010301", "30101", "100000.00"))).status).toBe(201);
    expect((await clerk.post(`/budget/rounds/${roundId}/lines`, line(gov, "2010301", "30201", "20000.00"))).status).toBe(201);
    expect((await clerk.post(`/budget/rounds/${roundId}/lines`, line(school, "2050202", "30101", "50000.00"))).status).toBe(201);
    const projectLine = await clerk.post(`/budget/rounds/${roundId}/lines`, line(school, "2050202", "30201", "9000.00", { expenditureKind: "project", projectId: libraryProject }));
    expect(projectLine.body).toMatchObject({ projectId: libraryProject, projectName: "图书室改造" });
    const failed = await clerk.post(`/budget/rounds/${roundId}/lines`, line(school, "2050202", "30201", "1.00", { expenditureKind: "project", projectId: failedProject }));
    expect(failed.status).toBe(409);
    expect(failed.body.code).toBe("PROJECT_NOT_PASSED");
    expect(failed.body.detail).toMatch(/事前绩效评估未通过/);
    const otherUnit = await clerk.post(`/budget/rounds/${roundId}/lines`, line(gov, "2050202", "30201", "1.00", { expenditureKind: "project", projectId: libraryProject }));
    expect(otherUnit.body.errors[0].path).toBe("projectId");
    const unknown = await clerk.post(`/budget/rounds/${roundId}/lines`, line(gov, "2019999", "30101", "1.00"));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe("functionalCode");
    expect((await clerk.post(`/budget/rounds/${roundId}/lines`, line(gov, "20103", "30101", "1.00"))).status).toBe(400);
    const noProject = await clerk.post(`/budget/rounds/${roundId}/lines`, line(gov, "2010301", "30101", "1.00", { expenditureKind: "project" }));
    expect(noProject.body.errors[0]).toMatchObject({ path: "projectName", message: "项目支出须从项目库中选择项目" });
    const freeName = await clerk.post(`/budget/rounds/${roundId}/lines`, line(gov, "2010301", "30101", "1.00", { expenditureKind: "project", projectName: "不在项目库的项目" }));
    expect(freeName.body.errors[0].message).toBe("该单位的项目库中没有这个项目");
    expect((await clerk.post(`/budget/rounds/${roundId}/lines`, line(gov, "2010301", "30101", "0.00"))).status).toBe(400);
  });

  it("refuses issuing indicators or approving while lines are still unreviewed", async () => {
    expect((await budget.request("POST", `/budget/rounds/${roundId}/indicators`, undefined, { "idempotency-key": "issue-early-1" })).body.code).toBe("BUDGET_NOT_APPROVED");
    const early = await congress.post(`/budget/rounds/${roundId}/approval`, { session: "第五次会议", resolutionNo: "测人大〔1〕号", resolvedOn: `${next}-01-10`, approvedTotal: "179000.00" });
    expect(early.body.code).toBe("INVALID_TRANSITION");
  });

  it("reviews lines: accept, cut below the request with a reason, return with a reason", async () => {
    const lines = (await budget.get(`/budget/rounds/${roundId}/lines?pageSize=100`)).body.items as { id: string; economicCode: string; budgetUnitId: string; expenditureKind: string }[];
    const [salary, office, schoolSalary, project] = [
      lines.find((l) => l.budgetUnitId === gov && l.economicCode === "30101")!,
      lines.find((l) => l.budgetUnitId === gov && l.economicCode === "30201")!,
      lines.find((l) => l.budgetUnitId === school && l.economicCode === "30101")!,
      lines.find((l) => l.expenditureKind === "project")!,
    ];
    expect((await clerk.post(`/budget/lines/${salary.id}/review`, { decision: "accept" })).status).toBe(403);
    expect((await budget.post(`/budget/lines/${salary.id}/review`, { decision: "accept" })).body).toMatchObject({ reviewStatus: "accepted", approved: "100000.00" });
    expect((await budget.post(`/budget/lines/${office.id}/review`, { decision: "cut", approvedAmount: "20000.00", note: "压减" })).status).toBe(400);
    expect((await budget.post(`/budget/lines/${office.id}/review`, { decision: "cut", approvedAmount: "15000.00" })).status).toBe(400);
    expect((await budget.post(`/budget/lines/${office.id}/review`, { decision: "cut", approvedAmount: "19999.99", note: "按定额核减" })).body).toMatchObject({ reviewStatus: "cut", approved: "19999.99" });
    expect((await budget.post(`/budget/lines/${schoolSalary.id}/review`, { decision: "accept" })).status).toBe(200);
    expect((await budget.post(`/budget/lines/${project.id}/review`, { decision: "return" })).status).toBe(400);
    expect((await budget.post(`/budget/lines/${project.id}/review`, { decision: "return", note: "未做事前绩效评估" })).body.reviewStatus).toBe("returned");
  });

  it("refuses the person who entered a line its review (SAME_PERSON)", async () => {
    const db = t.database.db;
    const both = await actorOf(db, "budget");
    const enterer = makeActor({ id: both.userId, username: "budget", displayName: both.displayName, regionCode: QINGHE }, ["generalBudgetAccountant", "unitAccountant"]);
    const { addLine } = await import("./preparation.ts");
    const entered = await db.transaction((tx) => addLine(tx as unknown as Db, enterer, roundId, { budgetUnitId: gov, expenditureKind: "basic", functionalCode: "2010301", economicCode: "30201", fundNature: "generalBudget", paymentMethod: "direct", amountFen: 100n }, TEST_NOW));
    const refused = await db.transaction((tx) => reviewLine(tx as unknown as Db, enterer, entered.id, { decision: "accept" }, TEST_NOW)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe("SAME_PERSON");
    const director = await loginAs(t.app, "director");
    expect((await director.post(`/budget/lines/${entered.id}/review`, { decision: "return", note: "重复申报" })).status).toBe(200);
  });

  it("lets the unit edit and resubmit a returned line, keeping every review in its history", async () => {
    const entered = await clerk.post(`/budget/rounds/${roundId}/lines`, line(school, "2050202", "30201", "3000.00"));
    const id = entered.body.id as string;
    const edit = { expenditureKind: "basic", functionalCode: "2050202", economicCode: "30216", fundNature: "generalBudget", paymentMethod: "direct", amount: "2500.00", note: "按培训计划改列培训费并压减" };
    const underReview = await clerk.post(`/budget/lines/${id}/resubmit`, edit);
    expect(underReview.status).toBe(409);
    expect(underReview.body.code).toBe("LINE_NOT_EDITABLE");
    expect(underReview.body.detail).toMatch(/等待财政所审核/);
    expect((await budget.post(`/budget/lines/${id}/review`, { decision: "return", note: "办公费已按定额核定，请改列培训费" })).body.reviewStatus).toBe("returned");
    const again = await budget.post(`/budget/lines/${id}/review`, { decision: "accept" });
    expect(again.body.code).toBe("LINE_ALREADY_REVIEWED");
    expect((await clerk.post(`/budget/lines/${id}/resubmit`, { ...edit, note: "" })).status).toBe(400);
    const unknownCode = await clerk.post(`/budget/lines/${id}/resubmit`, { ...edit, functionalCode: "2019999" });
    expect(unknownCode.body.errors[0].path).toBe("functionalCode");
    expect((await budget.post(`/budget/lines/${id}/resubmit`, edit)).status).toBe(403);
    const resubmitted = await clerk.post(`/budget/lines/${id}/resubmit`, edit);
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body).toMatchObject({ reviewStatus: "pending", submission: 2, economicCode: "30216", requested: "2500.00", approved: null, reviewNote: null, budgetUnitId: school });
    const pending = (await budget.get(`/budget/rounds/${roundId}/lines?reviewStatus=pending`)).body.items.map((l: { id: string }) => l.id);
    expect(pending).toContain(id);
    expect((await clerk.post(`/budget/lines/${id}/resubmit`, edit)).body.code).toBe("LINE_NOT_EDITABLE");
    expect((await budget.post(`/budget/lines/${id}/review`, { decision: "return", note: "培训计划未经党委会研究，暂缓安排" })).body.reviewStatus).toBe("returned");
    const history = (await budget.get(`/budget/lines/${id}/history`)).body as { seq: number; kind: string; submission: number; requested: string; note: string | null; changes: Record<string, { before: unknown; after: unknown }> | null }[];
    expect(history.map((e) => [e.seq, e.kind, e.submission, e.requested])).toEqual([
      [1, "requested", 1, "3000.00"],
      [2, "returned", 1, "3000.00"],
      [3, "resubmitted", 2, "2500.00"],
      [4, "returned", 2, "2500.00"],
    ]);
    expect(history[1]!.note).toBe("办公费已按定额核定，请改列培训费");
    expect(history[2]!.changes).toEqual({ economicCode: { before: "30201", after: "30216" }, requested: { before: "3000.00", after: "2500.00" } });
    const db = t.database.db;
    const { sql } = await import("drizzle-orm");
    await expect(db.execute(sql`update budget_line_event set note = 'x' where line_id = ${id}`)).rejects.toThrow();
  });

  it("refuses editing an accepted or cut line", async () => {
    const lines = (await budget.get(`/budget/rounds/${roundId}/lines?pageSize=100`)).body.items as { id: string; reviewStatus: string }[];
    for (const status of ["accepted", "cut"]) {
      const target = lines.find((l) => l.reviewStatus === status)!;
      const refused = await clerk.post(`/budget/lines/${target.id}/resubmit`, { expenditureKind: "basic", functionalCode: "2010301", economicCode: "30101", fundNature: "generalBudget", paymentMethod: "direct", amount: "1.00", note: "改" });
      expect(refused.body.code).toBe("LINE_NOT_EDITABLE");
    }
  });

  it("adds the draft up by unit, by functional class at each level and by economic class, without returned lines", async () => {
    const byUnit = (await budget.get(`/budget/rounds/${roundId}/totals?by=unit`)).body as { key: string; approved: string }[];
    expect(byUnit.find((r) => r.key === gov)?.approved).toBe("119999.99");
    expect(byUnit.find((r) => r.key === school)?.approved).toBe("50000.00");
    const byClass = (await budget.get(`/budget/rounds/${roundId}/totals?by=functional1`)).body;
    expect(byClass.map((r: { key: string; name: string }) => [r.key, r.name])).toEqual([["201", "一般公共服务支出"], ["205", "教育支出"]]);
    const byItem = (await budget.get(`/budget/rounds/${roundId}/totals?by=functional3`)).body;
    expect(byItem.find((r: { key: string }) => r.key === "2010301")).toMatchObject({ name: "行政运行", approved: "119999.99" });
    const byEconomic = (await budget.get(`/budget/rounds/${roundId}/totals?by=economic2`)).body;
    expect(byEconomic.find((r: { key: string }) => r.key === "30101")).toMatchObject({ name: "基本工资", approved: "150000.00" });
    expect((await budget.get(`/budget/rounds/${roundId}`)).body).toMatchObject({ approvedTotal: "169999.99", pendingCount: 0 });
  });

  it("records the congress approval only for exactly the reviewed total, then issues indicators once", async () => {
    const body = { session: "第十八届人民代表大会第五次会议", resolutionNo: `测人大〔${next}〕1号`, resolvedOn: `${next}-01-10` };
    const wrong = await congress.post(`/budget/rounds/${roundId}/approval`, { ...body, approvedTotal: "170000.00" });
    expect(wrong.status).toBe(400);
    expect((await clerk.post(`/budget/rounds/${roundId}/approval`, { ...body, approvedTotal: "169999.99" })).status).toBe(403);
    // Without a revenue side the draft does not balance: refused, naming both sides.
    const unbalanced = await congress.post(`/budget/rounds/${roundId}/approval`, { ...body, approvedTotal: "169999.99" });
    expect(unbalanced.body).toMatchObject({ code: "BUDGET_UNBALANCED" });
    expect(unbalanced.body.detail).toContain("一般公共预算收入合计 0.00 元，支出合计 169,999.99 元");
    expect((await clerk.post(`/budget/rounds/${roundId}/revenue`, { kind: "tax", revenueCode: "10101", amount: "1.00" })).status).toBe(403);
    expect((await budget.post(`/budget/rounds/${roundId}/revenue`, { kind: "tax", revenueCode: "10304", amount: "1.00" })).body.errors[0].path).toBe("revenueCode");
    expect((await budget.post(`/budget/rounds/${roundId}/revenue`, { kind: "nonTax", revenueCode: "10398", amount: "1.00" })).body.code).toBe("UNKNOWN_CLASSIFICATION");
    expect((await budget.post(`/budget/rounds/${roundId}/revenue`, { kind: "nonTax", revenueCode: "10306", amount: "1.00" })).status).toBe(400);
    expect((await budget.post(`/budget/rounds/${roundId}/revenue`, { kind: "tax", amount: "1.00" })).status).toBe(400);
    const vat = await budget.post(`/budget/rounds/${roundId}/revenue`, { kind: "tax", revenueCode: "10101", amount: "150000.00" });
    expect(vat.body).toMatchObject({ kind: "tax", fund: "generalBudget", name: "增值税", amount: "150000.00", side: "sources" });
    await budget.post(`/budget/rounds/${roundId}/revenue`, { kind: "transfer", revenueCode: "11002", amount: "30000.00" });
    const remit = await budget.post(`/budget/rounds/${roundId}/revenue`, { kind: "remittance", amount: "10000.02" });
    expect(remit.body).toMatchObject({ side: "uses", name: "上解上级支出" });
    const off = (await budget.get(`/budget/rounds/${roundId}/revenue`)).body;
    expect(off.balance).toMatchObject({ balanced: false, funds: [{ fund: "generalBudget", sources: "180000.00", expenditure: "169999.99", otherUses: "10000.02", difference: "-0.01" }, { fund: "governmentFund", difference: "0.00" }] });
    expect((await congress.post(`/budget/rounds/${roundId}/approval`, { ...body, approvedTotal: "169999.99" })).body.code).toBe("BUDGET_UNBALANCED");
    expect((await budget.request("DELETE", `/budget/revenue-lines/${remit.body.id}`)).status).toBe(204);
    await budget.post(`/budget/rounds/${roundId}/revenue`, { kind: "remittance", amount: "10000.01" });
    expect((await budget.get(`/budget/rounds/${roundId}/revenue`)).body.balance).toMatchObject({ balanced: true, message: null });
    const approved = await congress.post(`/budget/rounds/${roundId}/approval`, { ...body, approvedTotal: "169999.99" });
    expect(approved.body).toMatchObject({ status: "approved", resolution: { resolutionNo: body.resolutionNo, approvedTotal: "169999.99" } });
    expect((await clerk.post(`/budget/rounds/${roundId}/lines`, line(gov, "2010301", "30101", "1.00"))).body.code).toBe("INVALID_TRANSITION");
    expect((await budget.post(`/budget/rounds/${roundId}/revenue`, { kind: "tax", revenueCode: "10101", amount: "1.00" })).body.code).toBe("INVALID_TRANSITION");
    expect((await budget.request("DELETE", `/budget/revenue-lines/${vat.body.id}`)).body.code).toBe("INVALID_TRANSITION");
    const returned = (await budget.get(`/budget/rounds/${roundId}/lines?reviewStatus=returned`)).body.items[0] as { id: string };
    const late = await clerk.post(`/budget/lines/${returned.id}/resubmit`, { expenditureKind: "basic", functionalCode: "2010301", economicCode: "30101", fundNature: "generalBudget", paymentMethod: "direct", amount: "1.00", note: "补充资料" });
    expect(late.body.code).toBe("LINE_NOT_EDITABLE");
    expect(late.body.detail).toMatch(/人大批准/);
    const issued = await budget.request("POST", `/budget/rounds/${roundId}/indicators`, undefined, { "idempotency-key": "issue-round-1" });
    expect(issued.body).toMatchObject({ issued: 3, total: "169999.99" });
    const twice = await budget.request("POST", `/budget/rounds/${roundId}/indicators`, undefined, { "idempotency-key": "issue-round-2" });
    expect(twice.body.code).toBe("DUPLICATE");
    const indicators = await budget.get(`/budget/indicators?fiscalYear=${next}&pageSize=100`);
    expect(indicators.body.items.filter((i: { source: string }) => i.source === "approvedBudget")).toHaveLength(3);
  });
});

describe("Excel", () => {
  it("gives a template, imports it with row errors and nothing written, and exports the draft", async () => {
    const round = await budget.post("/budget/rounds", { regionCode: QINGHE, fiscalYear: next + 1 });
    await admin.post("/catalog/classifications/defaults", { fiscalYear: next + 1 });
    await admin.post("/catalog/classifications/import", { fiscalYear: next + 1, kind: "functional", format: "csv", content: "20103,政府办公厅\n2010301,行政运行" });
    const template = await t.app.inject({ method: "GET", url: "/api/v1/budget/template", headers: { cookie: (budget as unknown as { cookie: string }).cookie } });
    expect(template.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    sheet.spliceRows(2, 1);
    sheet.addRow([govCredit, "基本", "", "2010301", "30101", "一般公共预算", "直接", "1,200.00"]);
    sheet.addRow(["12329901Q99999999X", "其他", "", "2019999", "30101", "不明", "直接", "-5"]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64");
    const bad = await clerk.post(`/budget/rounds/${round.body.id}/lines/import`, { content });
    expect(bad.body.imported).toBe(0);
    expect(bad.body.errors.every((e: { line: number }) => e.line === 3)).toBe(true);
    expect(bad.body.errors.length).toBeGreaterThanOrEqual(3);
    sheet.spliceRows(3, 1);
    const good = await clerk.post(`/budget/rounds/${round.body.id}/lines/import`, { content: Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64") });
    expect(good.body).toMatchObject({ imported: 1, errors: [] });
    const exported = await t.app.inject({ method: "GET", url: `/api/v1/budget/rounds/${round.body.id}/export`, headers: { cookie: (budget as unknown as { cookie: string }).cookie } });
    const draft = new ExcelJS.Workbook();
    await draft.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const values = draft.worksheets[0]!.getRow(4).values as unknown[];
    // The amount is a number in the one money format (the spreadsheet sums it, and shows 1,200.00).
    expect(values).toContain(1200);
    const amountCell = draft.worksheets[0]!.getRow(4).getCell(8);
    expect(amountCell.numFmt).toBe("#,##0.00");
  });
});

describe("execution report", () => {
  it("shows the district every township side by side, with execution rates, and exports it", async () => {
    const report = await supervisor.get(`/budget/execution?fiscalYear=${year}&by=township`);
    expect(report.status).toBe(200);
    const codes = report.body.rows.map((r: { key: string }) => r.key);
    expect(codes).toEqual(expect.arrayContaining(["329901101", "329901102"]));
    const qinghe = report.body.rows.find((r: { key: string }) => r.key === "329901101");
    expect(qinghe.name).toBe("青禾镇");
    expect(qinghe.executionRate).toMatch(/^\d+\.\d{2}%$/);
    const mine = await budget.get(`/budget/execution?fiscalYear=${year}&by=township`);
    expect(mine.body.rows.map((r: { key: string }) => r.key)).toEqual(["329901101"]);
    const byClass = await budget.get(`/budget/execution?fiscalYear=${year}&by=functional2`);
    expect(byClass.body.rows.find((r: { key: string }) => r.key === "20103")?.name).toBe("政府办公厅（室）及相关机构事务");
    const byMonth = await budget.get(`/budget/execution?fiscalYear=${year}&by=month`);
    expect(byMonth.body.rows.length).toBeGreaterThan(0);
    const file = await t.app.inject({ method: "GET", url: `/api/v1/budget/execution/export?fiscalYear=${year}&by=unit`, headers: { cookie: (supervisor as unknown as { cookie: string }).cookie } });
    expect(file.headers["content-type"]).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const paid = book.worksheets[0]!.getRow(4).getCell(5);
    expect(typeof paid.value).toBe("number");
    expect(paid.numFmt).toBe("#,##0.00");
  });
});
