// Proves the one to-do on the demo district: an approver opening a matter sees what is being approved
// (the payment's payee, account, indicator, classification names, amount, purpose, attachments and a
// link; the 调剂's two indicators; the roster's people and money; the unit to register); the history
// names the step acted on; a move withheld by separation of duties is explained with who can make
// it; budget lines waiting for review are in the reviewer's to-do and returned lines in their
// author's, counted with the flow's matters, and leave it once done.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { demoPayeeCreditCode, activeUnit, QINGHE } from "../budget/testFixtures.ts";
import { demoCreditCode } from "../demo/seed.ts";
import { TEST_YEAR } from "../../test/clock.ts";

let t: TestApp;
let clerk: ApiClient;
let unitAccountant: ApiClient;
let budget: ApiClient;
let director: ApiClient;
let subsidy: ApiClient;
let keyCounter = 0;
const year = TEST_YEAR;

type Detail = {
  summary: { kindName: string; headline: string; amount: { label: string; value: string } | null; fields: { label: string; value: string }[]; table: { rows: Record<string, string>[] } | null; attachments: { name: string; downloadPath: string | null }[]; link: { path: string } | null; warnings: string[] } | null;
  actions: { action: string }[];
  blocked: { action: string; label: string; reason: string; whoCan: string[] }[];
  handlers: { name: string; roleNames: string[] }[];
  history: { actionLabel: string; actorName: string }[];
  state: string;
};
const field = (d: Detail, label: string) => d.summary?.fields.find((f) => f.label === label)?.value;

beforeAll(async () => {
  t = await startTestApp("demo");
  clerk = await loginAs(t.app, "unitclerk");
  unitAccountant = await loginAs(t.app, "unitacct");
  budget = await loginAs(t.app, "budget");
  director = await loginAs(t.app, "director");
  subsidy = await loginAs(t.app, "subsidy");
});
afterAll(async () => t?.close());

async function newPayment() {
  const unit = await activeUnit(t.database.db, QINGHE, "人民政府");
  const indicator = await budget.request("POST", "/budget/indicators", { regionCode: QINGHE, fiscalYear: year, documentNo: "测财〔2026〕21号", source: "upperTransfer", budgetUnitId: unit.id, functionalCode: "2010301", economicCode: "30201", fundNature: "upperTransfer", paymentMethod: "direct", summary: "待办摘要测试指标", amount: "5000.00" }, { "idempotency-key": `todo-summary-${++keyCounter}` });
  expect(indicator.status, JSON.stringify(indicator.body)).toBe(201);
  const payee = { kind: "organisation", name: "青禾县待办摘要商贸有限公司", creditCode: demoPayeeCreditCode(777), account: "320100000000777", bank: "青禾农商行" };
  const boundary = `----xiangcai-todo-${++keyCounter}`;
  const file = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="发票.pdf"\r\nContent-Type: application/octet-stream\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--${boundary}--\r\n`;
  const uploaded = await clerk.request("POST", "/treasury/attachments", file, { "content-type": `multipart/form-data; boundary=${boundary}` });
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
  const payment = await clerk.request("POST", "/treasury/payments", { indicatorId: indicator.body.id, payee, amount: "1234.50", purpose: "采购办公用品（打印纸、墨盒）", method: "direct", attachmentIds: [uploaded.body.id] }, { "idempotency-key": `todo-summary-${++keyCounter}` });
  expect(payment.status, JSON.stringify(payment.body)).toBe(201);
  return payment.body as { id: string; flowInstanceId: string; paymentNo: string };
}

describe("the payment's summary card", () => {
  it("shows payee, account, indicator, classification names, amount, purpose, attachments and a link to the approver", async () => {
    const p = await newPayment();
    const res = await unitAccountant.get(`/flow/instances/${p.flowInstanceId}`);
    expect(res.status).toBe(200);
    const d = res.body as Detail;
    expect(d.summary).toMatchObject({ kindName: "支付申请", amount: { label: "支付金额", value: "1234.50" }, link: { path: `/treasury/payments/${p.id}` } });
    expect(d.summary!.headline).toContain(p.paymentNo);
    expect(field(d, "收款人")).toContain("青禾县待办摘要商贸有限公司");
    expect(field(d, "收款账户")).toBe("320100000000777");
    expect(field(d, "开户银行")).toBe("青禾农商行");
    expect(field(d, "预算指标")).toContain("待办摘要测试指标");
    expect(field(d, "功能分类")).toBe("2010301 行政运行");
    expect(field(d, "经济分类")).toBe("30201 办公费");
    expect(field(d, "用途")).toBe("采购办公用品（打印纸、墨盒）");
    expect(field(d, "指标可用余额")).toBe("3765.50");
    expect(d.summary!.attachments).toEqual([{ name: "发票.pdf", downloadPath: expect.stringMatching(/^\/treasury\/attachments\/[0-9a-f-]{36}\/content$/) }]);
    expect((await unitAccountant.get(d.summary!.attachments[0]!.downloadPath!)).status).toBe(200);
    expect(d.actions.map((a) => a.action)).toEqual(["approve", "reject"]);
    expect(d.blocked).toEqual([]);
  });

  it("names the step acted on in the history: 单位审核通过, then 财政审核通过", async () => {
    const p = await newPayment();
    const first = await unitAccountant.post(`/flow/instances/${p.flowInstanceId}/transitions`, { action: "approve", expectedState: "unitReview" });
    expect(first.status).toBe(200);
    expect((first.body as Detail).history.map((h) => h.actionLabel)).toEqual(["提交", "单位审核通过"]);
    const second = await budget.post(`/flow/instances/${p.flowInstanceId}/transitions`, { action: "approve", expectedState: "financeReview" });
    expect((second.body as Detail).history.map((h) => h.actionLabel)).toEqual(["提交", "单位审核通过", "财政审核通过，开具支付凭证"]);
  });

  it("tells whoever has no move at the step who can make it", async () => {
    const p = await newPayment();
    const d = (await clerk.get(`/flow/instances/${p.flowInstanceId}`)).body as Detail;
    expect(d.actions).toEqual([]);
    expect(d.blocked).toEqual([]);
    expect(d.handlers.map((h) => h.name)).toContain("张伟");
    expect(d.handlers.find((h) => h.name === "张伟")!.roleNames).toEqual(["行财会计"]);
    expect(d.handlers.some((h) => h.name === "马红")).toBe(false); // 白塔镇's accountant does not act in 青禾镇
  });
});

describe("separation of duties, explained", () => {
  it("tells the clerk who entered a roster why 乡镇审核通过 is not theirs, and who can", async () => {
    const rosters = (await subsidy.get("/subsidy/rosters?status=townshipReview&pageSize=100")).body.items as { id: string; flowInstanceId: string }[];
    let found: Detail | null = null;
    for (const r of rosters) {
      const d = (await subsidy.get(`/flow/instances/${r.flowInstanceId}`)).body as Detail;
      if (d.blocked.length > 0) found = d;
    }
    expect(found, "a demo roster entered by the subsidy clerk waits at township review").not.toBeNull();
    const d = found!;
    expect(d.actions.map((a) => a.action)).toEqual(["townshipReturn"]);
    expect(d.blocked.map((b) => b.action)).toEqual(["townshipApprove", "townshipReject"]);
    expect(d.blocked[0]!.reason).toContain("录入人");
    expect(d.blocked[0]!.whoCan).toEqual(["王建国"]);
    expect(d.summary).toMatchObject({ kindName: "惠农补贴清册" });
    expect(d.summary!.table!.rows.length).toBeGreaterThan(0);
  });

  it("keeps the summary card the engine's job only: a director sees the same roster with the approve move", async () => {
    const rosters = (await director.get("/subsidy/rosters?status=townshipReview&pageSize=100")).body.items as { flowInstanceId: string }[];
    const d = (await director.get(`/flow/instances/${rosters[0]!.flowInstanceId}`)).body as Detail;
    expect(d.actions.map((a) => a.action)).toContain("townshipApprove");
    expect(d.blocked).toEqual([]);
  });
});

describe("other cards", () => {
  it("shows a 调剂's two indicators with names and the amount to the director", async () => {
    const todo = (await director.get("/flow/todo?pageSize=100")).body.items as { id: string; flowCode: string }[];
    const transfer = todo.find((i) => i.flowCode === "budgetTransfer");
    expect(transfer, "the demo has a transfer waiting for the director").toBeTruthy();
    const d = (await director.get(`/flow/instances/${transfer!.id}`)).body as Detail;
    expect(d.summary).toMatchObject({ kindName: "预算调剂" });
    expect(d.summary!.amount!.label).toBe("调剂金额");
    expect(d.summary!.table!.rows.map((r) => r.side)).toEqual(["调出", "调入"]);
    expect(d.summary!.table!.rows[0]!.functional).toMatch(/^\d+ \S+/);
  });

  it("shows a budget unit waiting for registration", async () => {
    const created = await budget.post("/org/budget-units", { regionCode: QINGHE, creditCode: demoCreditCode("2", 777), name: "青禾镇待办测试站", kind: "publicInstitution" });
    expect(created.status).toBe(201);
    const d = (await director.get(`/flow/instances/${created.body.flowInstanceId}`)).body as Detail;
    expect(d.summary).toMatchObject({ kindName: "预算单位登记", headline: "青禾镇待办测试站" });
    expect(field(d, "单位类型")).toBe("事业单位");
  });
});

describe("budget lines in the to-do", () => {
  type Counts = { flow: { todo: number }; sources: { code: string; total: number }[]; total: number };
  const counts = async (who: ApiClient) => (await who.get("/todo/counts")).body as Counts;
  const source = (c: Counts, code: string) => c.sources.find((s) => s.code === code)?.total;

  it("puts the lines waiting for review in the budget accountant's to-do, and counts them in the total", async () => {
    const c = await counts(budget);
    expect(source(c, "budget.lineReview")).toBeGreaterThanOrEqual(5);
    expect(c.total).toBe(c.flow.todo + c.sources.reduce((sum, s) => sum + s.total, 0));
    const page = await budget.get("/todo/sources/budget.lineReview?pageSize=100");
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(source(c, "budget.lineReview"));
    const item = page.body.items[0];
    expect(item).toMatchObject({ stateName: "待审核", link: { path: expect.stringMatching(/^\/budget\/rounds\?round=.+&line=.+/) } });
    expect(item.title).toMatch(/^\d{4} 年预算申报：/);
    expect(item.facts.find((f: { label: string }) => f.label === "功能分类").value).toMatch(/^\d+ \S+/);
  });

  it("drops a line once reviewed, and puts a returned line in the to-do of whoever entered it", async () => {
    const before = source(await counts(budget), "budget.lineReview")!;
    const page = await budget.get("/todo/sources/budget.lineReview?pageSize=100");
    const line = page.body.items[0] as { id: string };
    const returned = await budget.post(`/budget/lines/${line.id}/review`, { decision: "return", note: "请补充测算依据" });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(source(await counts(budget), "budget.lineReview")).toBe(before - 1);
    // The demo's lines were entered by the unit clerk: the returned one now waits for them.
    const mine = await clerk.get("/todo/sources/budget.lineReturned?pageSize=100");
    expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(line.id);
    expect(mine.body.items.find((i: { id: string }) => i.id === line.id).facts.some((f: { value: string }) => f.value === "请补充测算依据")).toBe(true);
    expect(source(await counts(clerk), "budget.lineReturned")).toBeGreaterThanOrEqual(1);
  });

  it("asks a user without the permission nothing, and answers an unknown kind of work with 404", async () => {
    const c = await counts(subsidy);
    expect(c.sources.map((s) => s.code)).not.toContain("budget.lineReview");
    expect((await subsidy.get("/todo/sources/budget.lineReview")).body).toMatchObject({ total: 0, items: [] });
    expect((await subsidy.get("/todo/sources/nothing.here")).status).toBe(404);
  });
});
