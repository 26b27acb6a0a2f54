// Proves monitoring during the year (运行监控) through the API, on a clock fixed in the demo's year:
// only accepted trees, no future month, every indicator once; colours at the 60/80/120% bounds
// (inverted for ≤) on expected = target × month ÷ 12 for accumulating indicators; a red value needs
// its reason and measure or nothing is written; the execution rate beside it comes from the budget;
// a red result opens an adjustment proposal, or, when the township's setting says so, holds further
// payments for the project (at entry and at the finance office's approval) until the hold is lifted;
// quarterly reporting takes only quarter months; a report is corrected in place, audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { fixedClock } from "../platform/clock.ts";
import { budgetIndicator, budgetLine, budgetRound } from "../budget/index.ts";
import { demoPayeeCreditCode } from "../budget/testFixtures.ts";
import { performanceTargetSheet } from "./tables.ts";

let t: TestApp;
let clerk: ApiClient;
let unitAccountant: ApiClient;
let budget: ApiClient;
let director: ApiClient;
let year: number;
const QINGHE = "329901101";
const clock = fixedClock("2026-07-15T10:00:00+08:00");
let sheetId = "";

const indicators = [
  { level2: "quantity", name: "培训农民人次", unit: "人次", direction: ">=", target: "120", weight: "30", accumulates: true },
  { level2: "cost", name: "培训成本", unit: "万元", direction: "<=", target: "100", weight: "20", accumulates: true },
  { level2: "social", name: "就业转化率", unit: "%", direction: ">=", target: "60", weight: "30", accumulates: false },
  { level2: "serviceRecipient", name: "学员满意度", unit: "%", direction: ">=", target: "90", weight: "10", accumulates: false },
];

beforeAll(async () => {
  t = await startTestApp("demo", { clock });
  const [round] = await t.database.db.select().from(budgetRound).where(and(eq(budgetRound.regionCode, QINGHE), eq(budgetRound.status, "approved")));
  year = round!.fiscalYear;
  clock.set(`${year}-07-15T10:00:00+08:00`);
  clerk = await loginAs(t.app, "unitclerk");
  unitAccountant = await loginAs(t.app, "unitacct");
  budget = await loginAs(t.app, "budget");
  director = await loginAs(t.app, "director");
  const created = await clerk.post("/performance/sheets", { regionCode: QINGHE, fiscalYear: year, subjectKind: "policy", subjectRef: "新型职业农民培训", subjectName: "新型职业农民培训", overallGoal: "培训新型职业农民 120 人次。", indicators, submit: true });
  expect(created.status).toBe(201);
  sheetId = created.body.id;
});
afterAll(async () => t?.close());

const values = (actuals: string[], extra: Record<number, { reason: string; measure: string }> = {}) => actuals.map((actual, i) => ({ indicatorNo: i + 1, actual, ...extra[i + 1] }));

describe("monitoring a tree", () => {
  it("takes reports only for an accepted tree", async () => {
    const refused = await clerk.post(`/performance/sheets/${sheetId}/monitoring`, { month: 6, values: values(["60", "50", "60", "90"]) });
    expect(refused).toMatchObject({ status: 409, body: { code: "SHEET_NOT_EDITABLE" } });
    const sheet = (await clerk.get(`/performance/sheets/${sheetId}`)).body;
    await budget.post(`/flow/instances/${sheet.flowInstanceId}/transitions`, { action: "accept", expectedState: "submitted" });
  });

  it("refuses a month not yet come, a missing indicator and one given twice", async () => {
    expect((await clerk.post(`/performance/sheets/${sheetId}/monitoring`, { month: 8, values: values(["60", "50", "60", "90"]) })).body.detail).toContain("尚未到来");
    expect((await clerk.post(`/performance/sheets/${sheetId}/monitoring`, { month: 6, values: values(["60", "50", "60"]) })).body.detail).toContain("学员满意度");
    const twice = await clerk.post(`/performance/sheets/${sheetId}/monitoring`, { month: 6, values: [...values(["60", "50", "60", "90"]), { indicatorNo: 1, actual: "1" }] });
    expect(twice.status).toBe(400);
    expect((await clerk.post(`/performance/sheets/${sheetId}/monitoring`, { month: 6, values: values(["六十", "50", "60", "90"]) })).status).toBe(400);
  });

  it("colours each indicator at the bounds of expected (accumulating: target × month ÷ 12; ≤ inverted)", async () => {
    // June: expected 60 for 培训人次 and 50 for 培训成本; 就业转化率 and 满意度 expect their targets.
    const r = await clerk.post(`/performance/sheets/${sheetId}/monitoring`, { month: 6, values: values(["48", "62.5", "72", "53.99"], { 4: { reason: "培训课程安排在下半年，问卷样本少", measure: "下半年课程结束后再做满意度调查" } }) });
    expect(r.status).toBe(200);
    expect(r.body.values.map((v: { colour: string }) => v.colour)).toEqual(["green", "green", "blue", "red"]);
    expect(r.body.values.map((v: { expected: string }) => v.expected)).toEqual(["60.0000", "50.0000", "60.0000", "90.0000"]);
    expect(r.body.values.map((v: { ratio: string }) => v.ratio)).toEqual(["80.00", "80.00", "120.00", "59.99"]);
    expect(r.body).toMatchObject({ month: 6, redCount: 1, colours: { red: 1, yellow: 0, green: 2, blue: 1 }, executionRate: "0.00" });
    // The default action: an adjustment proposal for the finance office, once while open.
    expect(r.body.actions).toMatchObject([{ kind: "adjustmentProposal", status: "open" }]);
    const yellow = await clerk.post(`/performance/sheets/${sheetId}/monitoring`, { month: 6, values: values(["47.99", "62.51", "71.99", "54"]) });
    expect(yellow.body.values.map((v: { colour: string }) => v.colour)).toEqual(["yellow", "yellow", "green", "yellow"]);
    // The same month corrected: the proposal the red value opened stays, once.
    expect(yellow.body.actions).toMatchObject([{ kind: "adjustmentProposal", status: "open" }]);
    const actions = await budget.get(`/performance/actions?kind=adjustmentProposal&status=open&pageSize=100`);
    expect(actions.body.items.filter((a: { sheetId: string }) => a.sheetId === sheetId)).toHaveLength(1);
  });

  it("refuses a red value without its reason and measure, and writes nothing", async () => {
    const before = (await budget.get(`/performance/monitoring?sheetId=${sheetId}`)).body.items;
    const r = await clerk.post(`/performance/sheets/${sheetId}/monitoring`, { month: 5, values: values(["1", "40", "60", "90"]) });
    expect(r.status).toBe(400);
    expect(r.body.detail).toContain("“培训农民人次”为红灯");
    expect((await budget.get(`/performance/monitoring?sheetId=${sheetId}`)).body.items).toEqual(before);
  });

  it("lists reports by colour and shows them in the overview", async () => {
    await clerk.post(`/performance/sheets/${sheetId}/monitoring`, { month: 7, values: values(["1", "40", "60", "90"], { 1: { reason: "报名人数不足", measure: "联合人社所扩大宣传" } }) });
    const red = await budget.get(`/performance/monitoring?colour=red&fiscalYear=${year}&q=职业农民`);
    expect(red.body.items.map((r: { month: number }) => r.month)).toEqual([7]);
    const overview = await budget.get(`/performance/monitoring-overview?fiscalYear=${year}`);
    const mine = overview.body.sheets.find((s: { sheetId: string }) => s.sheetId === sheetId);
    expect(mine).toMatchObject({ month: 7, colours: { red: 1 } });
    expect(overview.body.townships.map((t: { regionCode: string }) => t.regionCode)).toEqual([QINGHE]);
    const district = await (await loginAs(t.app, "supervisor")).get(`/performance/monitoring-overview?fiscalYear=${year}`);
    expect(district.body.townships.some((t: { regionCode: string }) => t.regionCode === QINGHE)).toBe(true);
  });

  it("turns a red report's problem into a rectification task, by the finance office only", async () => {
    const [red] = (await budget.get(`/performance/monitoring?colour=red&fiscalYear=${year}&q=职业农民`)).body.items as { id: string }[];
    const body = { sourceKind: "performanceMonitoring", sourceId: red!.id, category: "targetNotMet", title: "培训农民人次未达序时进度", description: "7 月培训 1 人次，序时目标 70 人次。", responsiblePerson: "吴强", deadlineOn: `${year}-07-15` };
    expect((await clerk.post("/performance/rectifications", body)).status).toBe(403);
    expect((await budget.post("/performance/rectifications", { ...body, sourceId: "01900000-0000-7000-8000-000000000000" })).body.code).toBe("OUT_OF_SCOPE");
    expect((await budget.post("/performance/rectifications", { ...body, category: "weather" })).body).toMatchObject({ code: "VALIDATION_FAILED" });
    // The deadline may be today (the clock's China date), not yesterday.
    expect((await budget.post("/performance/rectifications", { ...body, deadlineOn: `${year}-07-14` })).body.detail).toContain("不能早于今天");
    const task = await budget.post("/performance/rectifications", body);
    expect(task.status).toBe(201);
    expect(task.body).toMatchObject({ sourceKind: "performanceMonitoring", sourceId: red!.id, category: "targetNotMet", status: "rectifying", deadlineOn: `${year}-07-15` });
    expect(task.body.sourceLabel).toBe(`${year} 年 7 月绩效监控：新型职业农民培训`);
  });

  it("takes only quarter months when the township reports quarterly", async () => {
    expect((await director.put("/settings/performance.monitoringFrequency", { regionCode: QINGHE, value: "quarter" })).status).toBe(200);
    expect((await clerk.post(`/performance/sheets/${sheetId}/monitoring`, { month: 5, values: values(["50", "40", "60", "90"]) })).body.detail).toContain("按季度");
    expect((await clerk.post(`/performance/sheets/${sheetId}/monitoring`, { month: 3, values: values(["30", "25", "60", "90"]) })).status).toBe(200);
    await director.request("DELETE", `/settings/performance.monitoringFrequency?regionCode=${QINGHE}`);
  });
});

describe("the payment hold", () => {
  it("holds a project's further payments after a red result when the setting says so, until lifted", async () => {
    expect((await director.put("/settings/performance.monitoringRedAction", { regionCode: QINGHE, value: "paymentHold" })).status).toBe(200);
    const [sheet] = await t.database.db.select().from(performanceTargetSheet).where(and(eq(performanceTargetSheet.regionCode, QINGHE), eq(performanceTargetSheet.fiscalYear, year), eq(performanceTargetSheet.subjectName, "集镇环境整治提升")));
    const [indicator] = await t.database.db
      .select({ i: budgetIndicator })
      .from(budgetIndicator)
      .innerJoin(budgetLine, and(eq(budgetLine.regionCode, budgetIndicator.regionCode), eq(budgetLine.id, budgetIndicator.budgetLineId)))
      .where(and(eq(budgetIndicator.regionCode, QINGHE), eq(budgetIndicator.fiscalYear, year), eq(budgetLine.projectId, sheet!.subjectRef)));
    const pay = (n: number) =>
      clerk.request("POST", "/treasury/payments", { indicatorId: indicator!.i.id, payee: { kind: "organisation", name: "青禾镇明达建材经营部", creditCode: demoPayeeCreditCode(800 + n), account: "320112345678", bank: "青禾农商行" }, amount: "100.00", purpose: "材料款", method: "direct" }, { "idempotency-key": `perf-hold-${n}` });
    const inFlight = await pay(1);
    expect(inFlight.status, JSON.stringify(inFlight.body)).toBe(201);
    await unitAccountant.post(`/flow/instances/${inFlight.body.flowInstanceId}/transitions`, { action: "approve", expectedState: "unitReview" });

    // June: 修复集镇道路面积 far behind (red).
    const red = await clerk.post(`/performance/sheets/${sheet!.id}/monitoring`, { month: 6, values: [{ indicatorNo: 1, actual: "100", reason: "雨季停工", measure: "延长作业时间" }, ...[2, 3, 4, 5, 6, 7].map((n) => ({ indicatorNo: n, actual: ["1800", "100", "22.5", "95", "1", "90"][n - 2]! }))] });
    expect(red.status).toBe(200);
    const hold = red.body.actions.find((a: { kind: string }) => a.kind === "paymentHold");
    expect(hold).toMatchObject({ status: "open", subjectName: "集镇环境整治提升" });

    const refused = await pay(2);
    expect(refused).toMatchObject({ status: 409, body: { code: "PERFORMANCE_PAYMENT_HOLD" } });
    const approval = await budget.post(`/flow/instances/${inFlight.body.flowInstanceId}/transitions`, { action: "approve", expectedState: "financeReview" });
    expect(approval.body.code).toBe("PERFORMANCE_PAYMENT_HOLD");
    // A payment on another indicator is not held.
    const [other] = await t.database.db.select().from(budgetIndicator).where(and(eq(budgetIndicator.regionCode, QINGHE), eq(budgetIndicator.fiscalYear, year), eq(budgetIndicator.economicCode, "30101")));
    const elsewhere = await clerk.request("POST", "/treasury/payments", { indicatorId: other!.id, payee: { kind: "organisation", name: "青禾镇人民政府工资专户", creditCode: demoPayeeCreditCode(899), account: "320112345679", bank: "青禾农商行" }, amount: "100.00", purpose: "工资", method: other!.paymentMethod }, { "idempotency-key": "perf-hold-elsewhere" });
    expect(elsewhere.status).toBe(201);

    expect((await clerk.post(`/performance/actions/${hold.id}/close`, { note: "解除" })).status).toBe(403);
    const lifted = await budget.post(`/performance/actions/${hold.id}/close`, { note: "施工单位已增加班组，进度追回，解除暂停。" });
    expect(lifted.body).toMatchObject({ status: "closed", closedByName: "李秀英" });
    expect((await budget.post(`/performance/actions/${hold.id}/close`, { note: "再次" })).body.code).toBe("INVALID_TRANSITION");
    expect((await pay(3)).status).toBe(201);
    expect((await budget.post(`/flow/instances/${inFlight.body.flowInstanceId}/transitions`, { action: "approve", expectedState: "financeReview" })).body.state).toBe("approved");
    await director.request("DELETE", `/settings/performance.monitoringRedAction?regionCode=${QINGHE}`);
  });

  it("keeps a corrected report's history in the audit log", async () => {
    const reports = (await budget.get(`/performance/monitoring?sheetId=${sheetId}&month=6`)).body.items;
    expect(reports).toHaveLength(1);
    const audit = await director.get(`/audit?entityType=performanceMonitoringReport&entityId=${reports[0].id}`);
    expect(audit.body.items.map((a: { action: string }) => a.action).sort()).toEqual(["performanceMonitoring.corrected", "performanceMonitoring.entered"]);
  });
});
