// Proves the service hall through the API on the demo district: a matter accepted at the window
// (numbered, its deadline promised in working days, the applicant's ID and phone sealed and shown
// masked, a retried form accepted once), refused when wrong with nothing written; answered only by
// its owner or the director, once; reported to the district, replied, answered; followed up once;
// found by number, name, ID, category, status, date and overdue; counted by category, month and
// township; printed as a slip; exported and imported in Excel (a bad sheet named row by row, nothing
// accepted); and each township seeing only its own hall while the district sees all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { and, eq, sql } from "drizzle-orm";
import type { HallStatsView, ServiceMatterView } from "@xiangcai/shared";
import { fixedClock } from "../platform/clock.ts";
import { decryptPersonal } from "../platform/crypto.ts";
import { chinaDate } from "../platform/workingDays.ts";
import { anonymous, loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { TEST_DATA_KEYS } from "../../test/keys.ts";
import { TEST_NOW } from "../../test/clock.ts";
import { serviceMatter } from "./tables.ts";

const clock = fixedClock(TEST_NOW);
let t: TestApp;
let subsidy: ApiClient;
let cashier: ApiClient;
let director: ApiClient;
let director2: ApiClient;
let supervisor: ApiClient;
let key = 0;

const accept = (client: ApiClient, body: Record<string, unknown>, k = `hall-test-${++key}`) => client.request("POST", "/hall/matters", { regionCode: "329901101", category: "policyQuery", channel: "window", applicantName: "测试群众", content: "咨询补贴政策", ...body }, { "idempotency-key": k });
const matterCount = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(serviceMatter))[0]!.n;

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("表1");
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(client: ApiClient, url: string, bytes: Buffer) {
  const session = client as unknown as { cookie: string; csrfToken: string };
  const res = await t.app.inject({ method: "POST", url: `/api/v1${url}`, headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken, "content-type": "application/octet-stream" }, payload: bytes });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

async function sheetOf(client: ApiClient, url: string) {
  const file = await client.download(url);
  expect(file.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? "" : String(v)))));
  return { rows, text: file.bytes };
}

beforeAll(async () => {
  t = await startTestApp("demo", { clock });
  subsidy = await loginAs(t.app, "subsidy");
  cashier = await loginAs(t.app, "cashier");
  director = await loginAs(t.app, "director");
  director2 = await loginAs(t.app, "director2");
  supervisor = await loginAs(t.app, "supervisor");
});
afterAll(async () => t?.close());

describe("accepting a matter (受理)", () => {
  it("numbers it, promises the category's working days, seals ID and phone, and keeps a retried form to one matter", async () => {
    const before = await matterCount();
    const res = await accept(subsidy, { villageCode: "329901101201", applicantIdNumber: "11010519491231002x", applicantPhone: "138 1234 5678" }, "hall-test-once");
    expect(res.status).toBe(201);
    const m = res.body as ServiceMatterView;
    expect(m).toMatchObject({ regionCode: "329901101", category: "policyQuery", status: "handling", villageName: "东风村", applicantIdMasked: "110105********002X", applicantPhoneMasked: "138****5678", ownerName: "刘芳", acceptedByName: "刘芳", overdue: false, onTime: null });
    expect(m.matterNo).toMatch(/^FW2026101-[0-9]{5}$/);
    // Thursday 10:00 in China, one working day: the end of Friday, China time.
    expect(m.promisedBy).toBe("2026-12-04T15:59:59.999Z");
    expect(m.deadlineAt).toBe(m.promisedBy);
    const again = await accept(subsidy, { villageCode: "329901101201", applicantIdNumber: "11010519491231002x", applicantPhone: "138 1234 5678" }, "hall-test-once");
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body.id).toBe(m.id);
    expect(await matterCount()).toBe(before + 1);
    const [row] = await t.database.db.select().from(serviceMatter).where(eq(serviceMatter.id, m.id));
    expect(row!.applicantIdSealed).not.toContain("110105");
    expect(decryptPersonal(TEST_DATA_KEYS, row!.applicantIdSealed!)).toBe("11010519491231002X");
    expect(decryptPersonal(TEST_DATA_KEYS, row!.applicantPhoneSealed!)).toBe("13812345678");
    // The next matter of the township takes the next number.
    const next = await accept(cashier, { category: "complaint", channel: "phone" });
    expect(Number(next.body.matterNo.slice(-5))).toBe(Number(m.matterNo.slice(-5)) + 1);
    // A complaint has ten working days: Thursday 3 December → Thursday 17 December.
    expect(next.body.promisedBy).toBe("2026-12-17T15:59:59.999Z");
  });

  it("refuses a bad ID, a village of another township, a village agent without a village, the district itself and another township, writing nothing", async () => {
    const before = await matterCount();
    const badId = await accept(subsidy, { applicantIdNumber: "110105194912310021" });
    expect(badId.status).toBe(400);
    expect(badId.body.code).toBe("VALIDATION_FAILED");
    expect(badId.body.errors).toEqual([{ path: "applicantIdNumber", message: "身份证号校验位不正确" }]);
    const badPhone = await accept(subsidy, { applicantPhone: "12345" });
    expect(badPhone.status).toBe(400);
    const foreignVillage = await accept(subsidy, { villageCode: "329901102201" });
    expect(foreignVillage.body.errors).toEqual([{ path: "villageCode", message: "村（社区）不属于该乡镇" }]);
    const agentWithoutVillage = await accept(subsidy, { channel: "village" });
    expect(agentWithoutVillage.body.errors).toEqual([{ path: "villageCode", message: "村（社区）代办的事项须选择村（社区）" }]);
    const empty = await accept(subsidy, { content: " " });
    expect(empty.status).toBe(400);
    const district = await accept(supervisor, { regionCode: "329901000" });
    expect(district.status).toBe(403);
    const other = await accept(subsidy, { regionCode: "329901102" });
    expect(other.status).toBe(404);
    expect(other.body.code).toBe("OUT_OF_SCOPE");
    expect(await matterCount()).toBe(before);
  });
});

describe("answering (答复办结), reporting (审核上报) and follow-up (回访)", () => {
  it("lets only the owner answer, once, and counts it on time; a colleague takes over by hand-over", async () => {
    const m = (await accept(subsidy, {})).body as ServiceMatterView;
    const notOwner = await cashier.post(`/hall/matters/${m.id}/answer`, { answer: "越俎代庖" });
    expect(notOwner.status).toBe(403);
    expect(notOwner.body).toMatchObject({ code: "FORBIDDEN", detail: "该环节只能由首问负责人办理；如需他人办理，请先转交。" });
    const viaFlow = await cashier.post(`/flow/instances/${m.flowInstanceId}/transitions`, { action: "answer", note: "绕过答复页", expectedState: "handling" });
    expect(viaFlow.body.code).toBe("FORBIDDEN");
    // The owner's open matter is in the owner's to-do only, with the owner's actions.
    const todoIds = async (client: ApiClient) => ((await client.get("/flow/todo?pageSize=100")).body.items as { entityId: string }[]).map((i) => i.entityId);
    expect(await todoIds(subsidy)).toContain(m.id);
    expect(await todoIds(cashier)).not.toContain(m.id);
    expect((await cashier.get(`/flow/instances/${m.flowInstanceId}`)).body.actions).toEqual([]);
    const short = await subsidy.post(`/hall/matters/${m.id}/answer`, { answer: "好" });
    expect(short.status).toBe(400);
    clock.advance(3_600_000);
    const answered = await subsidy.post(`/hall/matters/${m.id}/answer`, { answer: "已当面解答补贴标准。", satisfaction: "satisfied" });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: "answered", answer: "已当面解答补贴标准。", answeredByName: "刘芳", onTime: true, satisfaction: "satisfied", deadlineAt: null, overdue: false });
    const twice = await subsidy.post(`/hall/matters/${m.id}/answer`, { answer: "再答一次" });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe("MATTER_NOT_OPEN");
    const followed = await subsidy.post(`/hall/matters/${m.id}/follow-up`, { satisfaction: "basic" });
    expect(followed.body.code).toBe("MATTER_FOLLOWED_UP");
    // The director takes over a matter someone else owns, on the record, and answers it.
    const other = (await accept(cashier, {})).body as ServiceMatterView;
    expect((await director.post(`/hall/matters/${other.id}/answer`, { answer: "所长答复：已解答。" })).status).toBe(403);
    const me = (await director.get("/auth/me")).body;
    expect((await director.post(`/flow/instances/${other.flowInstanceId}/handover`, { toUserId: me.user.id, note: "出纳外出，所长接办" })).status).toBe(200);
    expect((await director.post(`/hall/matters/${other.id}/answer`, { answer: "所长答复：已解答。" })).body).toMatchObject({ status: "answered", answeredByName: "王建国", ownerName: "王建国" });
  });

  it("counts an answer after the promised deadline as late", async () => {
    const m = (await accept(subsidy, {})).body as ServiceMatterView;
    clock.set(new Date(Date.parse(m.promisedBy) + 1));
    try {
      // A session of the later day (the morning's would have timed out).
      const late = await loginAs(t.app, "subsidy");
      expect((await late.get(`/hall/matters/${m.id}`)).body).toMatchObject({ overdue: true });
      expect((await late.get("/hall/matters?overdue=true&pageSize=100")).body.items.map((i: ServiceMatterView) => i.id)).toContain(m.id);
      expect((await late.post(`/hall/matters/${m.id}/answer`, { answer: "迟复：已解答。" })).body).toMatchObject({ status: "answered", onTime: false });
    } finally {
      clock.set(TEST_NOW);
    }
  });

  it("reports a matter to the district, which replies; the owner then answers and follows it up", async () => {
    const m = (await accept(subsidy, { category: "complaint", channel: "phone" })).body as ServiceMatterView;
    const reported = await subsidy.post(`/flow/instances/${m.flowInstanceId}/transitions`, { action: "report", note: "需区里核对确权面积", expectedState: "handling" });
    expect(reported.status).toBe(200);
    const shown = (await subsidy.get(`/hall/matters/${m.id}`)).body as ServiceMatterView;
    expect(shown).toMatchObject({ status: "reported", reportNote: "需区里核对确权面积" });
    expect(Date.parse(shown.deadlineAt!)).toBeGreaterThan(Date.parse(m.promisedBy) - 10 * 86_400_000);
    const early = await subsidy.post(`/hall/matters/${m.id}/answer`, { answer: "先答复" });
    expect(early.body.code).toBe("MATTER_NOT_OPEN");
    expect((await subsidy.post(`/hall/matters/${m.id}/follow-up`, { satisfaction: "satisfied" })).body.code).toBe("MATTER_NOT_OPEN");
    const todo = await supervisor.get("/flow/todo?pageSize=100");
    expect(todo.body.items.map((i: { entityId: string }) => i.entityId)).toContain(m.id);
    // The district's to-do card shows what was asked and why it was reported.
    const card = (await supervisor.get(`/flow/instances/${m.flowInstanceId}`)).body.summary;
    expect(card).toMatchObject({ kindName: "服务大厅事项", headline: m.matterNo, link: { path: `/hall/matters/${m.id}` } });
    expect(card.fields).toEqual(expect.arrayContaining([{ label: "上报说明", value: "需区里核对确权面积", wide: true }, { label: "事项内容", value: "咨询补贴政策", wide: true }]));
    const replied = await supervisor.post(`/flow/instances/${m.flowInstanceId}/transitions`, { action: "reply", note: "确权面积为 6.8 亩。", expectedState: "reported" });
    expect(replied.status).toBe(200);
    expect((await subsidy.get(`/hall/matters/${m.id}`)).body).toMatchObject({ status: "handling", districtReply: "确权面积为 6.8 亩。" });
    expect((await subsidy.get(`/flow/instances/${m.flowInstanceId}`)).body.summary.warnings).toEqual(["区财政局已答复，请据此答复群众并办结。"]);
    expect((await subsidy.post(`/hall/matters/${m.id}/answer`, { answer: "按确权面积 6.8 亩更正清册。" })).body.status).toBe("answered");
    expect((await subsidy.post(`/hall/matters/${m.id}/follow-up`, { satisfaction: "unsatisfied", note: "电话回访" })).body).toMatchObject({ satisfaction: "unsatisfied", followUpNote: "电话回访" });
  });
});

describe("finding matters", () => {
  it("searches by number, name and words, by the applicant's ID, category, status, village and date", async () => {
    const list = async (q: string) => (await subsidy.get(`/hall/matters?pageSize=100&${q}`)).body as { items: ServiceMatterView[]; total: number };
    const all = await list("");
    expect(all.total).toBeGreaterThanOrEqual(8);
    const first = all.items[0]!;
    expect((await list(`q=${encodeURIComponent(first.matterNo)}`)).items.map((i) => i.id)).toEqual([first.id]);
    expect((await list(`q=${encodeURIComponent("钱桂兰")}`)).items.map((i) => i.applicantName)).toEqual(["钱桂兰"]);
    expect((await list(`q=${encodeURIComponent("承包面积")}`)).items.length).toBeGreaterThanOrEqual(1);
    const zhao = await list("idNumber=329901196801101190");
    expect(zhao.items.map((i) => i.applicantName)).toEqual(["赵永福"]);
    expect(zhao.items[0]).toMatchObject({ applicantIdMasked: "329901********1190", status: "answered", onTime: false, satisfaction: "basic" });
    const badId = await subsidy.get("/hall/matters?idNumber=329901196801101191");
    expect(badId.status).toBe(400);
    for (const item of (await list("category=complaint")).items) expect(item.category).toBe("complaint");
    for (const item of (await list("status=reported")).items) expect(item.status).toBe("reported");
    for (const item of (await list("villageCode=329901101201")).items) expect(item.villageCode).toBe("329901101201");
    const today = await list("acceptedFrom=2026-12-03&acceptedTo=2026-12-03");
    for (const item of today.items) expect(item.acceptedAt.slice(0, 10) >= "2026-12-02").toBe(true);
    const overdue = await list("overdue=true");
    expect(overdue.items.map((i) => i.applicantName)).toContain("周秀珍");
    const notOverdue = await list("overdue=false");
    expect(overdue.total + notOverdue.total).toBe(all.total);
    expect((await subsidy.get("/hall/matters?acceptedFrom=2026-02-30")).status).toBe(400);
  });

  it("keeps each township to its own hall and shows the district every township", async () => {
    const mine = (await subsidy.get("/hall/matters?pageSize=100")).body.items as ServiceMatterView[];
    expect(new Set(mine.map((i) => i.regionCode))).toEqual(new Set(["329901101"]));
    const baita = (await director2.get("/hall/matters?pageSize=100")).body.items as ServiceMatterView[];
    expect(new Set(baita.map((i) => i.regionCode))).toEqual(new Set(["329901102"]));
    expect((await director2.get(`/hall/matters/${mine[0]!.id}`)).status).toBe(404);
    const all = (await supervisor.get("/hall/matters?pageSize=100")).body.items as ServiceMatterView[];
    expect(new Set(all.map((i) => i.regionCode)).size).toBe(14);
    const one = (await supervisor.get("/hall/matters?pageSize=100&regionCode=329901102")).body.items as ServiceMatterView[];
    expect(one.map((i) => i.id).sort()).toEqual(baita.map((i) => i.id).sort());
  });
});

describe("statistics, slip, Excel", () => {
  it("counts the year by category, month and township, adding up to the list", async () => {
    const stats = (await subsidy.get("/hall/stats?year=2026")).body as HallStatsView;
    const listed = (await subsidy.get("/hall/matters?pageSize=1&acceptedFrom=2026-01-01&acceptedTo=2026-12-31")).body.total;
    expect(stats.totals.accepted).toBe(listed);
    expect(stats.byCategory.reduce((s, c) => s + c.accepted, 0)).toBe(listed);
    expect(stats.byMonth.reduce((s, c) => s + c.accepted, 0)).toBe(listed);
    expect(stats.byRegion.map((r) => r.regionCode)).toEqual(["329901101"]);
    const open = (await subsidy.get("/hall/matters?pageSize=1&status=handling")).body.total + (await subsidy.get("/hall/matters?pageSize=1&status=reported")).body.total;
    expect(stats.totals.open).toBe(open);
    expect(stats.totals.answered + stats.totals.open).toBe(stats.totals.accepted);
    expect(stats.totals.onTimeRate).toMatch(/^[0-9]{1,3}\.[0-9]$/);
    const district = (await supervisor.get("/hall/stats?year=2026")).body as HallStatsView;
    expect(district.byRegion).toHaveLength(14);
    expect(district.byRegion.reduce((s, r) => s + r.accepted, 0)).toBe(district.totals.accepted);
    const empty = (await supervisor.get("/hall/stats?year=2020")).body as HallStatsView;
    expect(empty.totals).toMatchObject({ accepted: 0, onTimeRate: null });
    expect((await supervisor.get("/hall/stats?year=1999")).status).toBe(400);
  });

  it("prints the acceptance slip with the office and the time limit", async () => {
    const m = (await accept(subsidy, { category: "application" })).body as ServiceMatterView;
    const slip = await subsidy.get(`/hall/matters/${m.id}/slip`);
    expect(slip.body).toMatchObject({ officeName: "青禾镇财政所", timeLimitWorkingDays: 5, matter: { id: m.id, matterNo: m.matterNo } });
  });

  it("exports the list's rows with ID and phone masked, and the district's side by side", async () => {
    const total = (await subsidy.get("/hall/matters?pageSize=1")).body.total;
    const { rows, text } = await sheetOf(subsidy, "/hall/matters/export");
    expect(rows[0]!.slice(0, 4)).toEqual(["乡镇", "受理编号", "事项类别", "受理渠道"]);
    expect(rows.length - 1).toBe(total);
    const zhao = rows.find((r) => r[5] === "赵永福")!;
    expect(zhao[6]).toBe("329901********1190");
    expect(text.includes(Buffer.from("329901196801101190"))).toBe(false);
    const district = await sheetOf(supervisor, "/hall/matters/export?status=answered");
    expect(new Set(district.rows.slice(1).map((r) => r[0])).size).toBeGreaterThan(5);
    for (const r of district.rows.slice(1)) expect(r[13]).toBe("已答复办结");
  });

  it("imports a village's sheet whole, and refuses a bad one naming every bad row", async () => {
    const template = await sheetOf(subsidy, "/hall/matters/template");
    const header = template.rows[0]!;
    expect(header).toEqual(["村（社区）", "姓名", "身份证号", "联系电话", "事项类别", "事项内容"]);
    const before = await matterCount();
    const bad = await upload(subsidy, "/hall/matters/import?regionCode=329901101", await xlsx([header, ["东风村", "甲", "", "", "补贴发放查询", "查询补贴"], ["白塔村", "乙", "110105194912310021", "123", "停车", "x"], ["", "", "", "", "政策咨询", "咨询"]]));
    expect(bad.status, JSON.stringify(bad.body)).toBe(422);
    expect(bad.body.code).toBe("IMPORT_ROWS_INVALID");
    const paths = bad.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["3:village", "3:idNumber", "3:phone", "3:category", "3:content", "4:village", "4:name"]));
    expect(paths.some((p: string) => p.startsWith("2:"))).toBe(false);
    expect(bad.body.errors.find((e: { path: string }) => e.path === "3:village").message).toBe("第3行：村（社区）“白塔村”不属于本乡镇");
    expect(await matterCount()).toBe(before);
    const good = await upload(subsidy, "/hall/matters/import?regionCode=329901101", await xlsx([header, ["东风村", "甲某", "", "13800001111", "补贴发放查询", "查询补贴"], ["329901101202", "乙某", "11010519491231002X", "", "policyQuery", "咨询政策"]]));
    expect(good.status).toBe(201);
    expect(good.body.created).toBe(2);
    const imported = await Promise.all(good.body.matterNos.map(async (no: string) => (await subsidy.get(`/hall/matters?q=${no}`)).body.items[0] as ServiceMatterView));
    expect(imported.map((m) => [m.channel, m.villageCode, m.ownerName])).toEqual([["village", "329901101201", "刘芳"], ["village", "329901101202", "刘芳"]]);
    const [row] = await t.database.db.select().from(serviceMatter).where(and(eq(serviceMatter.regionCode, "329901101"), eq(serviceMatter.matterNo, good.body.matterNos[1])));
    expect(row!.applicantIdMasked).toBe("110105********002X");
    expect((await upload(subsidy, "/hall/matters/import?regionCode=329901101", Buffer.from("not a sheet"))).status).toBe(400);
    expect((await upload(director2, "/hall/matters/import?regionCode=329901101", await xlsx([header]))).body.code).toBe("OUT_OF_SCOPE");
  });

  it("shows the hall on the home pages", async () => {
    const home = await director.get("/home");
    const card = home.body.cards.find((c: { code: string }) => c.code === "hall.matters");
    expect(card.figures.map((f: { label: string }) => f.label)).toEqual(["本年受理", "在办", "超期未办结", "按时办结率"]);
    const districtHome = await supervisor.get("/home");
    const wide = districtHome.body.cards.find((c: { code: string }) => c.code === "hall.matters");
    expect(wide.chart.categories).toHaveLength(14);
  });
});

describe("the residents' progress query at the kiosk (办理进度)", () => {
  it("answers the kind, status and dates of a matter by its number and name, and a wrong name like an unknown number", async () => {
    const resident = anonymous(t.app);
    const qian = ((await subsidy.get(`/hall/matters?q=${encodeURIComponent("钱桂兰")}`)).body.items as ServiceMatterView[])[0]!;
    const found = await resident.post("/public/hall-progress", { matterNo: qian.matterNo.toLowerCase(), name: " 钱桂兰 " });
    expect(found.status).toBe(200);
    expect(found.body.items).toEqual([{ matterNo: qian.matterNo, category: "policyQuery", status: "answered", acceptedOn: chinaDate(new Date(qian.acceptedAt)), promisedOn: chinaDate(new Date(qian.promisedBy)), answeredOn: chinaDate(new Date(qian.answeredAt!)), officeName: "青禾镇财政所" }]);
    expect(JSON.stringify(found.body)).not.toContain("耕地");
    const wrongName = await resident.post("/public/hall-progress", { matterNo: qian.matterNo, name: "钱桂" });
    const unknown = await resident.post("/public/hall-progress", { matterNo: "FW2026101-99999", name: "钱桂兰" });
    expect(wrongName.body).toEqual({ items: [] });
    expect(unknown.body).toEqual(wrongName.body);
    expect((await resident.post("/public/hall-progress", { matterNo: "2026101-00001", name: "钱桂兰" })).status).toBe(400);
    expect((await resident.post("/public/hall-progress", { matterNo: qian.matterNo, name: "" })).status).toBe(400);
  });

  it("limits one address to 30 queries a minute", async () => {
    const resident = anonymous(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await resident.post("/public/hall-progress", { matterNo: "FW2026101-00001", name: "某某" })).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
  });
});
