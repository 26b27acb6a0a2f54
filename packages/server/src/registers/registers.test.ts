// Proves the registers through the API on the demo district: policy documents searched by title and
// subject, expiring ones listed, changes kept with the figures before, the original file stored and
// served; the tax office's export imported (a bad file refused whole with every bad row named; a good
// one registering unknown taxpayers; a month imported again replacing the figure with the old one in
// the history), key sources ranked with their change, the revenue estimate within its cap; basic data
// saved and imported per village; the rules on their boundaries; and scope.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { parseDecimal } from "@xiangcai/shared";
import { fixedClock } from "../platform/clock.ts";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { checkTaxRow, daysBetween, estimateRevenue, taxSourceKindOf, yearOnYear } from "./rules.ts";
import { demoTaxpayerCode } from "./demo.ts";

const clock = fixedClock("2026-12-15T10:00:00+08:00");
let t: TestApp;
let budget: ApiClient;

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("表1");
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(client: ApiClient, method: "POST" | "PUT", url: string, bytes: Buffer) {
  const session = client as unknown as { cookie: string; csrfToken: string };
  const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken, "content-type": "application/octet-stream" }, payload: bytes });
  return { status: res.statusCode, body: res.headers["content-type"]?.toString().includes("json") ? JSON.parse(res.body) : res.body, headers: res.headers };
}

beforeAll(async () => {
  t = await startTestApp("demo", { clock });
  budget = await loginAs(t.app, "budget");
});
afterAll(async () => t?.close());

describe("rules", () => {
  it("reads a row of the tax office's export and names what is wrong", () => {
    const good = checkTaxRow({ row: 2, creditCode: demoTaxpayerCode("1", 1).toLowerCase(), name: "某公司", month: "202611", taxKind: "增值税", amount: "1,234.50", industry: "" });
    expect(good.ok && good.row).toMatchObject({ creditCode: demoTaxpayerCode("1", 1), month: "2026-11", amountFen: 123450n, industry: "未分类" });
    const bad = checkTaxRow({ row: 3, creditCode: "91350100M000100Y44", name: "", month: "2026-13", taxKind: "", amount: "-1", industry: "" });
    expect(!bad.ok && bad.errors.map((e) => e.field)).toEqual(["creditCode", "name", "month", "taxKind", "amount"]);
  });

  it("tells individual businesses from enterprises, and computes change and estimates exactly", () => {
    expect(taxSourceKindOf(demoTaxpayerCode("2", 1))).toBe("individual");
    expect(taxSourceKindOf(demoTaxpayerCode("1", 1))).toBe("enterprise");
    expect(yearOnYear(110n, 100n)).toEqual(parseDecimal("10.00"));
    expect(yearOnYear(1n, 0n)).toBeNull();
    const [grown, capped, fallen, fresh] = estimateRevenue(
      [
        { taxKind: "a", basisFen: 110_00n, previousFen: 100_00n },
        { taxKind: "b", basisFen: 200_00n, previousFen: 100_00n },
        { taxKind: "c", basisFen: 50_00n, previousFen: 100_00n },
        { taxKind: "d", basisFen: 70_00n, previousFen: 0n },
      ],
      parseDecimal("30"),
    );
    expect(grown!.estimateFen).toBe(121_00n);
    expect(capped!.estimateFen).toBe(260_00n);
    expect(fallen!.estimateFen).toBe(35_00n);
    expect(fresh).toMatchObject({ growth: null, estimateFen: 70_00n });
    // A year not over: 11 months against last year's same 11 months (+10 %), December completed from
    // last year's December grown by the same change, and next year grown from that full year.
    const [partYear] = estimateRevenue([{ taxKind: "e", basisFen: 1_100_00n, previousFen: 1_000_00n, remainingFen: 100_00n }], parseDecimal("30"));
    expect(partYear).toMatchObject({ growth: parseDecimal("10.00"), fullYearFen: 1_210_00n, estimateFen: 1_331_00n });
    expect(daysBetween("2026-12-15", "2027-01-04")).toBe(20);
    expect(daysBetween("2026-12-15", "2026-12-14")).toBe(-1);
  });
});

describe("policy documents", () => {
  let id = "";
  it("registers, finds by subject, lists the expiring, and keeps every change", async () => {
    const created = await budget.post("/registers/policy-documents", { regionCode: "329901101", documentNo: "青财测〔2026〕1号", title: "测试用乡镇公务接待管理规定", issuer: "青禾区财政局", level: "district", issuedDate: "2026-02-01", subject: "公务接待标准与审批", effectiveDate: "2026-02-01", expiryDate: "2026-12-31" });
    expect(created.status).toBe(201);
    id = created.body.id;
    expect(created.body).toMatchObject({ levelName: "区", daysToExpiry: 16, status: "active" });
    expect((await budget.post("/registers/policy-documents", { regionCode: "329901101", documentNo: "青财测〔2026〕1号", title: "重复", issuer: "青禾区财政局", level: "district", issuedDate: "2026-02-01", effectiveDate: "2026-02-01" })).body.code).toBe("DUPLICATE");
    expect((await budget.post("/registers/policy-documents", { regionCode: "329901101", documentNo: "X-2", title: "日期错", issuer: "青禾区财政局", level: "district", issuedDate: "2026-02-30", effectiveDate: "2026-02-01" })).status).toBe(400);
    const found = await budget.get(`/registers/policy-documents?q=${encodeURIComponent("接待标准")}`);
    expect(found.body.items.map((d: { id: string }) => d.id)).toEqual([id]);
    const expiring = await budget.get("/registers/policy-documents?expiringWithinDays=30");
    expect(expiring.body.items.map((d: { id: string }) => d.id)).toContain(id);
    expect(expiring.body.items.every((d: { daysToExpiry: number }) => d.daysToExpiry >= 0 && d.daysToExpiry <= 30)).toBe(true);
    const changed = await budget.patch(`/registers/policy-documents/${id}`, { expiryDate: "2027-06-30", reason: "有效期延长" });
    expect(changed.body.expiryDate).toBe("2027-06-30");
    const history = await budget.get(`/registers/history?register=policyDocument&recordKey=${id}`);
    expect(history.body.items.map((h: { action: string }) => h.action)).toEqual(["created", "updated"]);
    expect(history.body.items[1]).toMatchObject({ before: { expiryDate: "2026-12-31" }, after: { expiryDate: "2027-06-30", reason: "有效期延长" }, actorName: "李秀英" });
  });

  it("stores the original file and serves it back", async () => {
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
    const stored = await upload(budget, "PUT", `/registers/policy-documents/${id}/file?fileName=${encodeURIComponent("接待规定.pdf")}`, pdf);
    expect(stored.status).toBe(200);
    expect(stored.body.attachment).toMatchObject({ fileName: "接待规定.pdf" });
    const res = await t.app.inject({ method: "GET", url: `/api/v1/registers/policy-documents/${id}/file`, headers: { cookie: (budget as unknown as { cookie: string }).cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(pdf)).toBe(true);
    expect((await upload(budget, "PUT", `/registers/policy-documents/${id}/file?fileName=x.exe`, Buffer.from("MZ\x90\x00"))).status).toBe(415);
  });

  it("imports a sheet only when every row is right", async () => {
    const header = ["文号", "标题", "发文机关", "层级", "发文日期", "主题", "适用范围", "生效日期", "失效日期"];
    const bad = await upload(budget, "POST", "/registers/policy-documents/import?regionCode=329901101", await xlsx([header, ["导入1号", "标题一", "青禾区财政局", "乡", "2026-01-01", "", "", "2026-01-01", ""], ["", "标题二", "青禾区财政局", "区", "2026/1/1", "", "", "2026-01-01", ""]]));
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(["2:level", "3:documentNo", "3:issuedDate"]);
    const good = await upload(budget, "POST", "/registers/policy-documents/import?regionCode=329901101", await xlsx([header, ["导入1号", "标题一", "青禾区财政局", "区", "2026-01-01", "主题", "全镇", "2026-01-01", ""]]));
    expect(good.body).toEqual({ created: 1 });
  });
});

describe("tax sources", () => {
  const header = ["纳税人识别号", "纳税人名称", "所属期", "税种", "实缴金额", "行业"];
  const code = demoTaxpayerCode("1", 901);

  it("refuses a bad export whole, naming every bad row", async () => {
    const before = (await budget.get("/registers/tax-sources?pageSize=100")).body.total;
    const bad = await upload(budget, "POST", "/registers/tax-payments/import?regionCode=329901101", await xlsx([header, [code, "测试新材料有限公司", "2026-11", "增值税", "100.00", "制造业"], ["91350100M000100Y44", "坏代码", "2026-11", "增值税", "1", ""], [code, "测试新材料有限公司", "2026-11", "增值税", "5", ""]]));
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(["3:creditCode", "4:taxKind"]);
    expect((await budget.get("/registers/tax-sources?pageSize=100")).body.total).toBe(before);
  });

  it("registers unknown taxpayers, and a month imported again replaces the figure with the old one kept", async () => {
    const first = await upload(budget, "POST", "/registers/tax-payments/import?regionCode=329901101", await xlsx([header, [code, "测试新材料有限公司", "2025-11", "增值税", "1000.00", "制造业"], [code, "测试新材料有限公司", "2026-11", "增值税", "1500.00", "制造业"]]));
    expect(first.body).toEqual({ rows: 2, sourcesCreated: 1, replaced: 0 });
    const again = await upload(budget, "POST", "/registers/tax-payments/import?regionCode=329901101", await xlsx([header, [code, "测试新材料有限公司", "202611", "增值税", "1,600.00", ""]]));
    expect(again.body).toEqual({ rows: 1, sourcesCreated: 0, replaced: 1 });
    const source = (await budget.get(`/registers/tax-sources?q=${code}`)).body.items[0];
    expect(source).toMatchObject({ kind: "enterprise", industry: "制造业", taxKinds: ["增值税"] });
    const detail = (await budget.get(`/registers/tax-sources/${source.id}`)).body;
    expect(detail.months).toEqual([
      { month: "2025-11", byKind: { 增值税: "1000.00" }, total: "1000.00" },
      { month: "2026-11", byKind: { 增值税: "1600.00" }, total: "1600.00" },
    ]);
    const history = (await budget.get(`/registers/history?register=taxPayment&recordKey=${source.id}`)).body.items;
    expect(history.at(-1)).toMatchObject({ action: "replaced", before: { amount: "1500.00" }, after: { amount: "1600.00" } });
  });

  it("ranks key sources with their change and estimates next year's revenue within the cap", async () => {
    const ranking = (await budget.get("/registers/tax-ranking?year=2026&limit=100")).body;
    const ours = ranking.items.find((r: { creditCode: string }) => r.creditCode === code);
    expect(ours).toMatchObject({ paid: "1600.00", previousYear: "1000.00", change: "60.00" });
    expect(ranking.items.map((r: { rank: number }) => r.rank)).toEqual(ranking.items.map((_: unknown, i: number) => i + 1));
    const estimate = (await budget.get("/registers/revenue-estimate?year=2027")).body;
    expect(estimate).toMatchObject({ basisYear: 2026, growthCap: "30" });
    expect(estimate.byKind.length).toBeGreaterThan(0);
    const director2 = await loginAs(t.app, "director2");
    expect((await director2.get("/registers/revenue-estimate?year=2027&regionCode=329901101")).status).toBe(404);
    expect((await director2.get(`/registers/tax-sources/${ours.id}`)).status).toBe(404);
  });
});

describe("same period and side by side", () => {
  it("compares this year with the same months of last year, and lays the townships side by side for the district", async () => {
    const ranking = (await budget.get("/registers/tax-ranking?year=2026&limit=100")).body;
    expect(ranking.throughMonth).toBe("11");
    // The estimate compares like with like too: 1-11 against last year's 1-11, not against its 12 months.
    const estimate = (await budget.get("/registers/revenue-estimate?year=2027")).body;
    expect(estimate.throughMonth).toBe("11");
    expect(Number(estimate.total.growth)).toBeGreaterThan(0);
    expect(Number(estimate.total.fullYear)).toBeGreaterThan(Number(estimate.total.basis));
    // The demo grows every month by 8 % on the same month of last year; December of last year is left out.
    const first = ranking.items.find((r: { creditCode: string }) => r.creditCode === demoTaxpayerCode("1", 1));
    expect(first.change).toBe("8.00");
    const supervisor = await loginAs(t.app, "supervisor");
    const overview = (await supervisor.get("/registers/overview?year=2026")).body;
    expect(overview.rows).toHaveLength(14);
    const qinghe = overview.rows.find((r: { regionCode: string }) => r.regionCode === "329901101");
    expect(qinghe).toMatchObject({ regionName: "青禾镇", villagesWithData: 4, farmlandMu: "12226.5" });
    expect(qinghe.policyDocuments).toBeGreaterThanOrEqual(4);
    expect(qinghe.expiringSoon).toBeGreaterThanOrEqual(1);
    expect(qinghe.taxSources).toBeGreaterThanOrEqual(5);
    expect(overview.rows.find((r: { regionCode: string }) => r.regionCode === "329901102")).toMatchObject({ villagesWithData: 4, farmlandMu: "11463" });
    expect(overview.total.villagesWithData).toBe(8);
    const mine = (await budget.get("/registers/overview?year=2026")).body;
    expect(mine.rows.map((r: { regionCode: string }) => r.regionCode)).toEqual(["329901101"]);
  });
});

describe("basic data", () => {
  it("saves a village's year, refuses nonsense, and imports by village name with every bad row named", async () => {
    const saved = await budget.put("/registers/basic-data", { regionCode: "329901101203", year: 2030, population: 2500, households: 860, farmlandMu: "4102.2500", forestMu: "190" });
    expect(saved.body).toMatchObject({ villageName: "前进村", farmlandMu: "4102.25", population: 2500 });
    expect((await budget.put("/registers/basic-data", { regionCode: "329901101203", year: 2030, population: 10, households: 11, farmlandMu: "1", forestMu: "0" })).status).toBe(400);
    expect((await budget.put("/registers/basic-data", { regionCode: "329901102203", year: 2030, population: 10, households: 1, farmlandMu: "1", forestMu: "0" })).status).toBe(404);
    const header = ["村（居）", "年度", "人口", "户数", "耕地面积（亩）", "林地面积（亩）"];
    const bad = await upload(budget, "POST", "/registers/basic-data/import?regionCode=329901101", await xlsx([header, ["东风村", "2030", "2000", "700", "3260.12345", "10"], ["白塔村", "2030", "1", "1", "1", "1"]]));
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(["2:farmlandMu", "3:village"]);
    const good = await upload(budget, "POST", "/registers/basic-data/import?regionCode=329901101", await xlsx([header, ["东风村", "2030", "2000", "700", "3260.5", "10"], ["前进村", "2030", "2600", "900", "4102.25", "190"]]));
    expect(good.body).toEqual({ rows: 2, created: 1, updated: 1 });
    const history = (await budget.get("/registers/history?register=basicData&recordKey=329901101203/2030")).body.items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(["created", "updated"]);
    expect(history[1].before.population).toBe(2500);
    const supervisor = await loginAs(t.app, "supervisor");
    const all = (await supervisor.get("/registers/basic-data?pageSize=100")).body.items.map((b: { regionCode: string }) => b.regionCode.slice(0, 9));
    expect(new Set(all)).toEqual(new Set(["329901101", "329901102"]));
  });
});
