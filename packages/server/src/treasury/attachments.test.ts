// Proves a payment request's attachments through the HTTP API on the demo data: a clerk uploads a
// PDF (multipart, Chinese name), enters the payment with it, and the reviewers download it byte for
// byte under its Chinese name; a file over the township's size limit, a file whose bytes are not an
// allowed type (whatever its name), an upload or download outside the caller's township, and any
// change after the payment is entered are all refused and change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { putSetting } from "../platform/settings.ts";
import { rows } from "../platform/db.ts";
import { attachmentBytesSetting, storeAttachment } from "../platform/attachments.ts";
import { appUser } from "../identity/index.ts";
import { PAYMENT_ATTACHMENT_OWNER } from "./service.ts";
import { demoPayeeCreditCode, activeUnit, BAITA, QINGHE } from "../budget/testFixtures.ts";
import { TEST_YEAR, TEST_NOW } from "../../test/clock.ts";

let t: TestApp;
let clerk: ApiClient;
let unitAccountant: ApiClient;
let budget: ApiClient;
const year = TEST_YEAR;
let n = 0;
const key = () => `att-key-${Date.now()}-${++n}`;
const PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

function multipart(fileName: string, content: string): { body: string; type: string } {
  const boundary = `----xiangcai${Date.now()}`;
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

async function upload(client: ApiClient, fileName: string, content: string, regionCode?: string) {
  const { body, type } = multipart(fileName, content);
  return client.request("POST", `/treasury/attachments${regionCode ? `?regionCode=${regionCode}` : ""}`, body, { "content-type": type });
}

const userId = async (username: string) => (await t.database.db.select().from(appUser).where(eq(appUser.username, username)))[0]!.id;
const count = async () => Number((await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from attachment`))[0]!.n);

async function newIndicator() {
  const unit = await activeUnit(t.database.db, QINGHE, "人民政府");
  const res = await budget.request("POST", "/budget/indicators", { regionCode: QINGHE, fiscalYear: year, documentNo: "测财〔2026〕21号", source: "upperTransfer", budgetUnitId: unit.id, functionalCode: "2010301", economicCode: "30201", fundNature: "upperTransfer", paymentMethod: "direct", summary: "附件测试指标", amount: "1000.00" }, { "idempotency-key": key() });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function enter(indicatorId: string, attachmentIds: string[]) {
  const payee = { kind: "organisation", name: "青禾县测试商贸有限公司", creditCode: demoPayeeCreditCode(700), account: "320100000000123", bank: "青禾农商行" };
  return clerk.request("POST", "/treasury/payments", { indicatorId, payee, amount: "100.00", purpose: "附件测试", method: "direct", attachmentIds }, { "idempotency-key": key() });
}

beforeAll(async () => {
  t = await startTestApp("demo");
  clerk = await loginAs(t.app, "unitclerk");
  unitAccountant = await loginAs(t.app, "unitacct");
  budget = await loginAs(t.app, "budget");
});
afterAll(async () => t.close());

describe("payment attachments", () => {
  it("stores a valid PDF with its Chinese name, binds it to the payment and serves it to the reviewers", async () => {
    const up = await upload(clerk, "发票（2026）.pdf", PDF);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({ fileName: "发票（2026）.pdf", contentType: "application/pdf", size: PDF.length, regionCode: QINGHE, ownerId: null });
    expect(up.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const payment = await enter(await newIndicator(), [up.body.id]);
    expect(payment.status, JSON.stringify(payment.body)).toBe(201);
    expect(payment.body.attachments).toEqual(["发票（2026）.pdf"]);
    const list = await unitAccountant.get(`/treasury/payments/${payment.body.id}/attachments`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: up.body.id, ownerId: payment.body.id });
    const download = await budget.get(`/treasury/attachments/${up.body.id}/content`);
    expect(download.status).toBe(200);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.headers["content-disposition"]).toBe(`attachment; filename="___2026_.pdf"; filename*=UTF-8''${encodeURIComponent("发票（2026）.pdf")}`);
    expect(download.body).toBe(PDF);
  });

  it("refuses a file over the township's size limit, and accepts one exactly at it", async () => {
    await putSetting(t.database.db, QINGHE, attachmentBytesSetting.key, 1024, null, TEST_NOW);
    try {
      const before = await count();
      const over = await upload(clerk, "大文件.pdf", `%PDF-${"x".repeat(1024 - 5 + 1)}`);
      expect(over.status).toBe(413);
      expect(over.body.code).toBe("ATTACHMENT_TOO_LARGE");
      expect(over.body.detail).toContain("1 KB");
      expect(await count()).toBe(before);
      const atLimit = await upload(clerk, "刚好.pdf", `%PDF-${"x".repeat(1024 - 5)}`);
      expect(atLimit.status).toBe(201);
      expect(atLimit.body.size).toBe(1024);
    } finally {
      await t.database.db.execute(sql`delete from setting where region_code = ${QINGHE} and key = ${attachmentBytesSetting.key}`);
    }
  });

  it("refuses a file whose bytes are not an allowed type, whatever its name, and an empty or missing file", async () => {
    const before = await count();
    const exe = await upload(clerk, "发票.pdf", "MZ\u0090 this is a program");
    expect(exe.status).toBe(415);
    expect(exe.body.code).toBe("ATTACHMENT_TYPE_NOT_ALLOWED");
    expect(exe.body.detail).toContain("PDF、图片");
    const html = await upload(clerk, "照片.png", "<html><script>alert(1)</script></html>");
    expect(html.status).toBe(415);
    const empty = await upload(clerk, "空.pdf", "");
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe("ATTACHMENT_INVALID");
    const json = await clerk.request("POST", "/treasury/attachments", { file: "发票.pdf" });
    expect(json.status).toBe(400);
    expect(json.body.code).toBe("ATTACHMENT_INVALID");
    expect(await count()).toBe(before);
  });

  it("keeps other townships out: no upload into them, no download of their files, no binding across townships", async () => {
    const into = await upload(clerk, "越权.pdf", PDF, BAITA);
    expect(into.status).toBe(404);
    expect(into.body.code).toBe("OUT_OF_SCOPE");
    const theirs = await storeAttachment(t.database.db, { regionCode: BAITA, ownerKind: PAYMENT_ATTACHMENT_OWNER, fileName: "白塔镇.pdf", bytes: Buffer.from(PDF), uploadedBy: await userId("budget2") }, TEST_NOW);
    const read = await clerk.get(`/treasury/attachments/${theirs.id}/content`);
    expect(read.status).toBe(404);
    expect(read.body.code).toBe("OUT_OF_SCOPE");
    // Someone else's upload in the clerk's own township is not the clerk's to read or bind.
    const colleague = await storeAttachment(t.database.db, { regionCode: QINGHE, ownerKind: PAYMENT_ATTACHMENT_OWNER, fileName: "同事的.pdf", bytes: Buffer.from(PDF), uploadedBy: await userId("unitacct") }, TEST_NOW);
    expect((await clerk.get(`/treasury/attachments/${colleague.id}/content`)).status).toBe(404);
    expect((await enter(await newIndicator(), [colleague.id])).status).toBe(400);
    const bind = await enter(await newIndicator(), [theirs.id]);
    expect(bind.status).toBe(400);
    expect(bind.body.code).toBe("ATTACHMENT_INVALID");
  });

  it("allows no change once the payment is entered: no delete, no binding to another payment, no update in the database", async () => {
    const up = await upload(clerk, "合同.pdf", PDF);
    const draft = await upload(clerk, "传错了.pdf", PDF);
    expect((await clerk.request("DELETE", `/treasury/attachments/${draft.body.id}`)).status).toBe(204);
    const payment = await enter(await newIndicator(), [up.body.id]);
    expect(payment.status).toBe(201);
    const del = await clerk.request("DELETE", `/treasury/attachments/${up.body.id}`);
    expect(del.status).toBe(409);
    expect(del.body.code).toBe("ATTACHMENT_LOCKED");
    const again = await enter(await newIndicator(), [up.body.id]);
    expect(again.status).toBe(400);
    expect(again.body.code).toBe("ATTACHMENT_INVALID");
    await expect(t.database.db.execute(sql`update attachment set file_name = 'x.pdf' where id = ${up.body.id}`)).rejects.toThrow();
    expect((await budget.get(`/treasury/attachments/${up.body.id}/content`)).body).toBe(PDF);
  });
});
