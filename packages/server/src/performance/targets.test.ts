// Proves targets (预算编制有目标) through the API on the demo district: a unit enters a tree, a draft
// may be incomplete but only a complete tree (every level 1, weights adding up to the settings) is
// submitted; the finance office returns it with a note (required) or accepts it, never the person
// who submitted it; an accepted tree is frozen. "No target, no budget": a project line is not
// accepted or cut until its targets for that year are accepted, and nothing changes when refused.
// The Excel template imports with every bad row named and nothing written. The demo holds accepted
// targets for this year's projects and the congress package shows them with the approved budget.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { and, eq, sql } from "drizzle-orm";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { budgetLine, budgetProject, budgetRound } from "../budget/index.ts";
import { auditLog } from "../audit/index.ts";

let t: TestApp;
let clerk: ApiClient;
let budget: ApiClient;
let director: ApiClient;
let congress: ApiClient;
let year: number;
const QINGHE = "329901101";

const indicators = [
  { level2: "quantity", name: "新建渠道长度", unit: "公里", direction: ">=", target: "12", weight: "30", accumulates: true },
  { level2: "cost", name: "单位造价", unit: "万元/公里", direction: "<=", target: "18.5", weight: "20", accumulates: false },
  { level2: "economic", name: "亩均增产", unit: "公斤", direction: ">=", target: "50", weight: "30", accumulates: false },
  { level2: "serviceRecipient", name: "受益农户满意度", unit: "%", direction: ">=", target: "90", weight: "10", accumulates: false },
];

async function projectId(name: string) {
  const [p] = await t.database.db.select().from(budgetProject).where(and(eq(budgetProject.regionCode, QINGHE), eq(budgetProject.name, name)));
  return p!.id;
}

beforeAll(async () => {
  t = await startTestApp("demo");
  clerk = await loginAs(t.app, "unitclerk");
  budget = await loginAs(t.app, "budget");
  director = await loginAs(t.app, "director");
  congress = await loginAs(t.app, "congress");
  const [round] = await t.database.db.select().from(budgetRound).where(and(eq(budgetRound.regionCode, QINGHE), eq(budgetRound.status, "approved")));
  year = round!.fiscalYear;
});
afterAll(async () => t?.close());

describe("the demo", () => {
  it("holds accepted targets for this year's projects, a returned one, and a unit's tree", async () => {
    const list = await budget.get(`/performance/sheets?fiscalYear=${year}&regionCode=${QINGHE}&pageSize=100`);
    expect(list.status).toBe(200);
    const byName = new Map(list.body.items.map((s: { subjectName: string; status: string }) => [s.subjectName, s.status]));
    expect(byName.get("集镇环境整治提升")).toBe("accepted");
    expect(byName.get("高标准农田建设配套")).toBe("accepted");
    expect(byName.get("农机购置补助配套")).toBe("returned");
    expect(byName.get("青禾镇中心小学（部门整体）")).toBe("accepted");
    const environment = list.body.items.find((s: { subjectName: string }) => s.subjectName === "集镇环境整治提升");
    expect(Number(environment.issued)).toBeGreaterThan(0);
  });

  it("shows the congress reviewer the year's accepted trees with their approved budget, and the questions", async () => {
    const pack = await congress.get(`/performance/congress?fiscalYear=${year}`);
    expect(pack.status).toBe(200);
    expect(pack.body).toMatchObject({ regionCode: QINGHE, roundStatus: "approved" });
    const farmland = pack.body.sheets.find((s: { subjectName: string }) => s.subjectName === "高标准农田建设配套");
    expect(farmland.budget).toBe("650000.00");
    expect(farmland.indicators).toHaveLength(7);
    expect(pack.body.notes.some((n: { answer: string | null }) => n.answer !== null)).toBe(true);
    expect(pack.body.notes.some((n: { answer: string | null }) => n.answer === null)).toBe(true);
    const file = await congress.get(`/performance/congress/export?fiscalYear=${year}`);
    expect(file.status).toBe(200);
    expect(file.headers["content-type"]).toContain("spreadsheetml");
  });
});

describe("a target tree", () => {
  let sheetId = "";

  it("is saved as an incomplete draft but submitted only when complete", async () => {
    const project = await projectId("智慧农业监测平台");
    const draft = await clerk.post("/performance/sheets", { regionCode: QINGHE, fiscalYear: year + 1, subjectKind: "project", subjectRef: project, overallGoal: "建设监测点并接入区级平台。", indicators: indicators.slice(0, 2) });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: "draft", subjectName: "智慧农业监测平台", indicatorCount: 2 });
    sheetId = draft.body.id;
    const refused = await clerk.post(`/performance/sheets/${sheetId}/submit`);
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toContain("缺少效益指标");
    const wrongWeights = await clerk.put(`/performance/sheets/${sheetId}`, { overallGoal: "建设监测点并接入区级平台。", indicators: indicators.map((i, n) => (n === 0 ? { ...i, weight: "31" } : i)), submit: true });
    expect(wrongWeights.status).toBe(400);
    expect(wrongWeights.body.detail).toContain("产出指标的权重合计为 51.00，应为 50.00");
    expect((await clerk.get(`/performance/sheets/${sheetId}`)).body).toMatchObject({ status: "draft", indicators: [{ name: "新建渠道长度" }, { name: "单位造价" }] });
  });

  it("refuses a bad indicator at the edge and a duplicate tree", async () => {
    const project = await projectId("智慧农业监测平台");
    const bad = await clerk.post("/performance/sheets", { regionCode: QINGHE, fiscalYear: year + 2, subjectKind: "project", subjectRef: project, overallGoal: "x", indicators: [{ ...indicators[0], direction: ">" }] });
    expect(bad.status).toBe(400);
    const negative = await clerk.post("/performance/sheets", { regionCode: QINGHE, fiscalYear: year + 2, subjectKind: "project", subjectRef: project, overallGoal: "x", indicators: [{ ...indicators[0], target: "-1" }] });
    expect(negative.status).toBe(400);
    const dup = await clerk.post("/performance/sheets", { regionCode: QINGHE, fiscalYear: year + 1, subjectKind: "project", subjectRef: project, overallGoal: "x", indicators });
    expect(dup).toMatchObject({ status: 409, body: { code: "DUPLICATE" } });
  });

  it("takes an indicator's value from the subsidy module only in a subsidy item's policy tree", async () => {
    const project = await projectId("智慧农业监测平台");
    const recipients = { level2: "quantity", name: "享受补贴人数", unit: "人", direction: ">=", target: "10", weight: "20", accumulates: false, source: "subsidy.recipients" };
    // A project's tree, and a programme that is no subsidy item, cannot read the subsidy rosters.
    const onProject = await clerk.post("/performance/sheets", { regionCode: QINGHE, fiscalYear: year + 3, subjectKind: "project", subjectRef: project, overallGoal: "x", indicators: [recipients] });
    expect(onProject).toMatchObject({ status: 400, body: { code: "VALIDATION_FAILED" } });
    expect(onProject.body.detail).toContain("享受补贴人数");
    const programme = await clerk.post("/performance/sheets", { regionCode: QINGHE, fiscalYear: year + 3, subjectKind: "policy", subjectRef: "美丽乡村建设行动", subjectName: "美丽乡村建设行动", overallGoal: "x", indicators: [recipients] });
    expect(programme.status).toBe(400);
    // Without a source (null as well as absent) the same indicators are fine anywhere.
    const plain = await clerk.post("/performance/sheets", { regionCode: QINGHE, fiscalYear: year + 3, subjectKind: "policy", subjectRef: "美丽乡村建设行动", subjectName: "美丽乡村建设行动", overallGoal: "x", indicators: [{ ...recipients, source: null }] });
    expect(plain.status).toBe(201);
    // A subsidy item's tree takes it, on creation and on editing; editing in a source elsewhere is refused.
    const item = await clerk.post("/performance/sheets", { regionCode: QINGHE, fiscalYear: year + 3, subjectKind: "policy", subjectRef: "GDDLBH", subjectName: "耕地地力保护补贴", overallGoal: "x", indicators: [recipients] });
    expect(item.status).toBe(201);
    expect(item.body.indicators[0]).toMatchObject({ source: "subsidy.recipients" });
    expect((await clerk.put(`/performance/sheets/${item.body.id}`, { overallGoal: "x", indicators: [{ ...recipients, source: "subsidy.paidOnTime" }] })).body.indicators[0].source).toBe("subsidy.paidOnTime");
    expect((await clerk.put(`/performance/sheets/${plain.body.id}`, { overallGoal: "x", indicators: [recipients] })).status).toBe(400);
  });

  it("goes to the finance office, comes back with a note, and is accepted by another person", async () => {
    const submitted = await clerk.put(`/performance/sheets/${sheetId}`, { overallGoal: "建设土壤墒情和病虫害监测点 20 个并接入区级平台。", indicators, submit: true });
    expect(submitted.body).toMatchObject({ status: "submitted", submission: 1 });
    const flowId = submitted.body.flowInstanceId;
    expect((await clerk.put(`/performance/sheets/${sheetId}`, { overallGoal: "改", indicators })).body.code).toBe("SHEET_NOT_EDITABLE");
    expect((await budget.post(`/flow/instances/${flowId}/transitions`, { action: "return", expectedState: "submitted" })).status).toBe(400);
    const returned = await budget.post(`/flow/instances/${flowId}/transitions`, { action: "return", note: "满意度指标请写明调查方式", expectedState: "submitted" });
    expect(returned.body.state).toBe("returned");
    expect((await clerk.get(`/performance/sheets/${sheetId}`)).body).toMatchObject({ status: "returned", reviewNote: "满意度指标请写明调查方式" });
    const again = await clerk.put(`/performance/sheets/${sheetId}`, { overallGoal: "建设监测点 20 个。", indicators: indicators.map((i) => (i.level2 === "serviceRecipient" ? { ...i, name: "受益农户满意度（问卷调查）" } : i)), submit: true });
    expect(again.body).toMatchObject({ status: "submitted", submission: 2 });
    // The clerk's role does not review; the unit accountant neither.
    expect((await clerk.post(`/flow/instances/${flowId}/transitions`, { action: "accept", expectedState: "submitted" })).status).toBe(403);
    const accepted = await director.post(`/flow/instances/${flowId}/transitions`, { action: "accept", expectedState: "submitted" });
    expect(accepted.body.state).toBe("accepted");
    const sheet = (await clerk.get(`/performance/sheets/${sheetId}`)).body;
    expect(sheet).toMatchObject({ status: "accepted", indicatorCount: 4 });
    expect(sheet.acceptedAt).not.toBeNull();
    expect((await clerk.post(`/performance/sheets/${sheetId}/submit`)).body.code).toBe("SHEET_NOT_EDITABLE");
  });

  it("exports the customary 绩效目标表", async () => {
    const file = await t.app.inject({ method: "GET", url: `/api/v1/performance/sheets/${sheetId}/export`, headers: { cookie: (budget as unknown as { cookie: string }).cookie } });
    expect(file.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = workbook.worksheets[0]!;
    expect(String(ws.getRow(1).getCell(1).value)).toBe(`${year + 1}年度项目支出绩效目标表`);
    const rows = ws.getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1).map(String) : []));
    expect(rows.some((r) => r[2] === "单位造价" && r[3] === "≤18.5" && r[5] === "20")).toBe(true);
    expect(rows.some((r) => r[0] === "预算执行率" && r[5] === "10")).toBe(true);
  });
});

describe("no target, no budget", () => {
  it("refuses to accept or cut a project line whose targets are not accepted, changing nothing", async () => {
    const [next] = await t.database.db.select().from(budgetRound).where(and(eq(budgetRound.regionCode, QINGHE), eq(budgetRound.fiscalYear, year + 1)));
    const project = await projectId("集镇环境整治提升");
    const units = (await clerk.get("/budget/units")).body as { id: string; name: string }[];
    const gov = units.find((u) => u.name === "青禾镇人民政府")!;
    const line = await clerk.post(`/budget/rounds/${next!.id}/lines`, { budgetUnitId: gov.id, expenditureKind: "project", projectId: project, functionalCode: "2120501", economicCode: "30213", fundNature: "generalBudget", paymentMethod: "direct", amount: "200000.00" });
    expect(line.status).toBe(201);
    const audits = async () => (await t.database.db.select({ n: sql<bigint>`count(*)` }).from(auditLog))[0]!.n;
    const before = await audits();
    const accept = await budget.post(`/budget/lines/${line.body.id}/review`, { decision: "accept" });
    expect(accept).toMatchObject({ status: 409, body: { code: "PERFORMANCE_TARGETS_REQUIRED" } });
    expect(accept.body.detail).toContain("尚未填报");
    const cut = await budget.post(`/budget/lines/${line.body.id}/review`, { decision: "cut", approvedAmount: "150000.00", note: "压减" });
    expect(cut.body.code).toBe("PERFORMANCE_TARGETS_REQUIRED");
    expect(await audits()).toBe(before);
    const [unchanged] = await t.database.db.select().from(budgetLine).where(eq(budgetLine.id, line.body.id));
    expect(unchanged!.reviewStatus).toBe("pending");

    // A submitted tree is not enough; an accepted one is.
    const sheet = await clerk.post("/performance/sheets", { regionCode: QINGHE, fiscalYear: year + 1, subjectKind: "project", subjectRef: project, overallGoal: "巩固集镇整治成果。", indicators, submit: true });
    expect((await budget.post(`/budget/lines/${line.body.id}/review`, { decision: "accept" })).body.detail).toContain("正在等待审核");
    await budget.post(`/flow/instances/${sheet.body.flowInstanceId}/transitions`, { action: "accept", expectedState: "submitted" });
    expect((await budget.post(`/budget/lines/${line.body.id}/review`, { decision: "accept" })).body).toMatchObject({ reviewStatus: "accepted", approved: "200000.00" });
  });

  it("lets a project line be returned without targets, and basic lines need none", async () => {
    const [next] = await t.database.db.select().from(budgetRound).where(and(eq(budgetRound.regionCode, QINGHE), eq(budgetRound.fiscalYear, year + 1)));
    const project = await projectId("高标准农田建设配套");
    const units = (await clerk.get("/budget/units")).body as { id: string; name: string }[];
    const agri = units.find((u) => u.name === "青禾镇农业农村服务中心")!;
    // 高标准农田建设配套 has its next-year targets accepted in the demo (the budget flow accepts its line).
    const advice = await budget.get(`/performance/preparation-advice?roundId=${next!.id}`);
    expect(advice.body.find((a: { subjectName: string }) => a.subjectName === "高标准农田建设配套").targets.status).toBe("accepted");
    const line = await clerk.post(`/budget/rounds/${next!.id}/lines`, { budgetUnitId: agri.id, expenditureKind: "project", projectId: await projectId("农机购置补助配套"), functionalCode: "2130122", economicCode: "30299", fundNature: "generalBudget", paymentMethod: "direct", amount: "90000.00" });
    expect((await budget.post(`/budget/lines/${line.body.id}/review`, { decision: "return", note: "请先填报绩效目标" })).body.reviewStatus).toBe("returned");
    void project;
  });
});

describe("the Excel template", () => {
  async function workbook(rows: (string | number)[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("绩效目标");
    ws.addRow(["一级指标", "二级指标", "三级指标", "计量单位", "指标方向（≥/≤/=）", "目标值", "权重", "是否按月累计（是/否）"]);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
  }

  it("imports a tree, names every bad row and writes nothing when one is wrong", async () => {
    const template = await clerk.get("/performance/template");
    expect(template.status).toBe(200);
    const units = (await clerk.get("/budget/units")).body as { id: string; name: string }[];
    const clinic = units.find((u) => u.name === "青禾镇卫生院")!;
    const sheet = await clerk.post("/performance/sheets", { regionCode: QINGHE, fiscalYear: year + 1, subjectKind: "unit", subjectRef: clinic.id, overallGoal: "保障卫生院运转，提升基本公共卫生服务水平。", indicators: [] });
    expect(sheet.status).toBe(201);
    const bad = await clerk.post(`/performance/sheets/${sheet.body.id}/import`, {
      content: await workbook([
        ["产出指标", "数量指标", "建立居民健康档案", "份", "≥", "12000", "30", "是"],
        ["产出指标", "经济效益指标", "错配的二级指标", "元", "≥", "1", "10", "否"],
        ["效益指标", "社会效益指标", "传染病报告及时率", "%", "大于", "100", "30", "否"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "%", "≥", "九十", "10", "否"],
        ["产出指标", "质量指标", "家庭医生签约率", "%", "≥", "70", "20", "可能"],
      ]),
    });
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ total: 5, imported: 0 });
    expect(bad.body.errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 5, 6]);
    expect(bad.body.errors.find((e: { line: number }) => e.line === 3).message).toContain("不属于一级指标");
    expect((await clerk.get(`/performance/sheets/${sheet.body.id}`)).body.indicators).toHaveLength(0);
    const good = await clerk.post(`/performance/sheets/${sheet.body.id}/import`, {
      content: await workbook([
        ["产出指标", "数量指标", "建立居民健康档案", "份", "≥", "12000", "30", "是"],
        ["产出指标", "质量", "家庭医生签约率", "%", "≥", "70", "20", "否"],
        ["效益指标", "社会效益", "传染病报告及时率", "%", "≥", "100", "30", "否"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "%", "≥", "90", "10", ""],
      ]),
    });
    expect(good.body).toMatchObject({ total: 4, imported: 4, errors: [] });
    expect((await clerk.post(`/performance/sheets/${sheet.body.id}/submit`)).body.status).toBe("submitted");
    expect((await clerk.post(`/performance/sheets/${sheet.body.id}/import`, { content: "bm90IGV4Y2Vs" })).body.code).toBe("SHEET_NOT_EDITABLE");
  });

  it("refuses a file that is not Excel", async () => {
    const units = (await clerk.get("/budget/units")).body as { id: string; name: string }[];
    const school = units.find((u) => u.name === "青禾镇中心小学")!;
    const sheet = await clerk.post("/performance/sheets", { regionCode: QINGHE, fiscalYear: year + 1, subjectKind: "unit", subjectRef: school.id, overallGoal: "保障学校运转。", indicators: [] });
    const notExcel = await clerk.post(`/performance/sheets/${sheet.body.id}/import`, { content: Buffer.from("not excel").toString("base64") });
    expect(notExcel).toMatchObject({ status: 400, body: { code: "VALIDATION_FAILED" } });
  });
});
