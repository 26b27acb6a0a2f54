// The final accounts end to end on the demo, as the issue's "done" reads: 青禾镇's current year fails
// a formula on the planted inconsistency (the command line says so, exit 1, naming both amounts), a
// report with it cannot be submitted; the accountant reverses the voucher, writes the 说明, prepares
// again, submits; the district sees it on its page and accepts; it is locked, published, and read
// at the kiosk without login. 白塔镇's previous year is accepted and published by the demo. Bad input
// is refused with stable codes and nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { FinalCheckJson } from "@xiangcai/shared";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { dispatchOutbox } from "../platform/outbox.ts";
import type { Database } from "../platform/db.ts";
import { ledgerAccountSet, ledgerVoucher } from "../ledger/index.ts";
import { runFinalAccountsCommand } from "./cli.ts";
import { PLANTED_SUMMARY } from "./demo.ts";
import { tablesWorkbook } from "./service.ts";
import { publishedOnTime } from "./publication.ts";

let t: TestApp;
let budget: ApiClient;
let director: ApiClient;
let supervisor: ApiClient;
let year = 0;
const QINGHE = "329901101";

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await runFinalAccountsCommand(args, { write: (s: string) => (out += s) }, { write: (s: string) => (err += s) }, <T,>(fn: (d: Database) => Promise<T>) => fn(t.database));
  return { code, out, err };
}

beforeAll(async () => {
  t = await startTestApp("demo");
  // The year's events post into the fiscal books through the outbox, as the server's worker does.
  for (let i = 0; i < 20 && (await dispatchOutbox(t.database)).processed > 0; i++);
  const [set] = await t.database.db.select().from(ledgerAccountSet).where(and(eq(ledgerAccountSet.regionCode, QINGHE), eq(ledgerAccountSet.kind, "fiscal")));
  year = set!.startYear;
  budget = await loginAs(t.app, "budget");
  director = await loginAs(t.app, "director");
  supervisor = await loginAs(t.app, "supervisor");
});
afterAll(async () => t?.close());

describe("final accounts", () => {
  it("the planted voucher fails the treasury formula, naming the tables, the row and both amounts; the CLI exits 1", async () => {
    const view = await budget.get(`/final-accounts/${QINGHE}/${year}`);
    expect(view.status).toBe(200);
    expect(view.body.passed).toBe(false);
    const failed = view.body.results.filter((r: { passed: boolean; level: string }) => !r.passed && r.level === "error");
    expect(failed.map((r: { code: string }) => r.code)).toEqual(["TREASURY:ge:2010301"]);
    expect(failed[0].message).toMatch(/一般公共预算收支决算明细表“2010301 行政运行”决算数 .*国库支付核对表.*相差 38,500\.00/);
    expect(failed[0].cells[0]).toEqual({ table: "general-detail", row: "ge:2010301", column: 2 });
    expect(view.body.problems.some((p: { code: string }) => p.code === "NOTE_MISSING")).toBe(true);

    const checked = await cli("check", "--region", QINGHE, "--year", String(year), "--json");
    expect(checked.code).toBe(1);
    const json = JSON.parse(checked.out) as FinalCheckJson;
    expect(Object.keys(json)).toEqual(["passed", "failures", "totals"]);
    expect(json.passed).toBe(false);
    expect(json.failures).toEqual([{ rule: "TREASURY:ge:2010301", message: failed[0].message }]);
    expect(json.totals).toEqual(view.body.totals);
    expect(json.totals.revenue).toMatch(/^-?[0-9]+\.[0-9]{2}$/);
  });

  it("a report with a failing formula cannot be submitted", async () => {
    const prepared = await budget.post("/reporting/reports", { kind: "finalAccounts", regionCode: QINGHE, period: String(year) });
    expect(prepared.status).toBe(201);
    expect(prepared.body.problems.filter((p: { level: string }) => p.level === "error").map((p: { code: string }) => p.code).sort()).toEqual(["NOTE_MISSING", "TREASURY:ge:2010301"]);
    const submitted = await budget.post(`/reporting/reports/${prepared.body.id}/submit`, { version: prepared.body.version, note: "说明" });
    expect(submitted.status).toBe(409);
    expect(submitted.body.code).toBe("REPORT_HAS_ERRORS");
  });

  it("refuses bad input with stable codes and writes nothing", async () => {
    expect((await budget.get(`/final-accounts/${QINGHE}/1999`)).body.code).toBe("VALIDATION_FAILED");
    expect((await budget.get(`/final-accounts/329901102/${year}`)).body.code).toBe("OUT_OF_SCOPE");
    expect((await supervisor.get(`/final-accounts/329901000/${year}`)).body.code).toBe("VALIDATION_FAILED");
    const short = await budget.put(`/final-accounts/${QINGHE}/${year}/note`, { text: "太短" });
    expect(short.status).toBe(400);
    expect((await budget.get(`/final-accounts/${QINGHE}/${year}`)).body.note.text).toBe("");
    expect((await cli("check", "--region", "32990110", "--year", String(year))).code).toBe(2);
    expect((await cli("check", "--region", QINGHE, "--year", "20x6")).code).toBe(2);
    expect((await cli("check", "--region", QINGHE)).code).toBe(2);
    expect((await cli("check", "--region", "329901199", "--year", String(year), "--json")).code).toBe(2);
    expect((await cli("verify", "--region", QINGHE, "--year", String(year))).code).toBe(2);
    const early = await budget.post("/final-accounts/publications", { kind: "finalAccount", regionCode: QINGHE, year });
    expect(early.body.code).toBe("NOT_APPROVED");
  });

  it("after the voucher is reversed and the 说明 written, it passes, is submitted, accepted, locked and published", async () => {
    const [planted] = await t.database.db.select().from(ledgerVoucher).where(and(eq(ledgerVoucher.regionCode, QINGHE), eq(ledgerVoucher.summary, PLANTED_SUMMARY)));
    const reversal = await budget.request("POST", `/ledger/vouchers/${planted!.id}/reverse`, {}, { "idempotency-key": "final-test-reverse-1" });
    expect(reversal.status).toBe(201);
    expect((await director.post(`/ledger/vouchers/${reversal.body.id}/review`)).status).toBe(200);
    expect((await budget.post(`/ledger/vouchers/${reversal.body.id}/post`)).status).toBe(200);
    const noted = await budget.put(`/final-accounts/${QINGHE}/${year}/note`, { text: "本年收支执行正常，重复记账的办公设备采购凭证已红字冲销。" });
    expect(noted.status).toBe(200);
    expect(noted.body.passed).toBe(true);
    expect((await cli("check", "--region", QINGHE, "--year", String(year), "--json")).code).toBe(0);

    const prepared = await budget.post("/reporting/reports", { kind: "finalAccounts", regionCode: QINGHE, period: String(year) });
    expect(prepared.body.problems.filter((p: { level: string }) => p.level === "error")).toEqual([]);
    const warnings = prepared.body.problems.filter((p: { level: string }) => p.level === "warning");
    const submitted = await budget.post(`/reporting/reports/${prepared.body.id}/submit`, { version: prepared.body.version, ...(warnings.length ? { note: "单位账含年初手工凭证，已核对。" } : {}) });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe("submitted");
    // The district's to-do shows the final account's card, linking to the township's workspace.
    const matter = await supervisor.get(`/flow/instances/${submitted.body.flowInstanceId}`);
    expect(matter.status).toBe(200);
    expect(matter.body.summary).toMatchObject({ kindName: "乡镇财政总决算", headline: `青禾镇${year}年度财政总决算`, amount: { label: "本年支出合计", value: noted.body.totals.expenditure }, link: { path: `/final-accounts?region=${QINGHE}&year=${year}` } });
    expect(matter.body.summary.fields.find((f: { label: string }) => f.label === "审核公式").value).not.toContain("错误 1");

    const page = await supervisor.get(`/final-accounts/district?year=${year}`);
    expect(page.status).toBe(200);
    expect(page.body.rows).toHaveLength(14);
    expect(page.body.rows.find((r: { regionCode: string }) => r.regionCode === QINGHE)).toMatchObject({ status: "submitted", revenue: noted.body.totals.revenue });
    expect(page.body.consolidated.townships).toBe(1);

    const accepted = await supervisor.post(`/reporting/reports/${prepared.body.id}/accept`, {});
    expect(accepted.body.status).toBe("accepted");
    const locked = await budget.put(`/final-accounts/${QINGHE}/${year}/note`, { text: "审核通过之后再改说明，应被拒绝。" });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe("REPORT_LOCKED");

    const published = await director.post("/final-accounts/publications", { kind: "finalAccount", regionCode: QINGHE, year });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ title: `青禾镇${year}年度财政总决算`, onTime: true });
    expect(published.body.tables.map((x: { code: string }) => x.code)).not.toContain("treasury");
    expect((await director.post("/final-accounts/publications", { kind: "finalAccount", regionCode: QINGHE, year })).body.code).toBe("ALREADY_PUBLISHED");
    const kiosk = await t.app.inject({ method: "GET", url: `/api/v1/public/documents?regionCode=${QINGHE}` });
    const documents = JSON.parse(kiosk.body).items as { kind: string; year: number }[];
    expect(documents.map((d) => `${d.kind}:${d.year}`)).toEqual(expect.arrayContaining([`finalAccount:${year}`, `budget:${year}`]));
  });

  it("the demo's previous year of 白塔镇 is accepted, locked and published", async () => {
    const view = await supervisor.get(`/final-accounts/329901102/${year - 1}`);
    expect(view.body.report).toMatchObject({ status: "accepted" });
    expect(view.body.passed).toBe(true);
    expect(Number(view.body.totals.revenue)).toBeGreaterThan(0);
    const all = await t.app.inject({ method: "GET", url: "/api/v1/public/documents" });
    expect(JSON.parse(all.body).items.some((d: { regionCode: string; kind: string; onTime: boolean }) => d.regionCode === "329901102" && d.kind === "finalAccount" && d.onTime)).toBe(true);
  });

  it("exports every table as a workbook in its layout, and keeps the 20 days of publication to the day", async () => {
    const res = await budget.get(`/final-accounts/${QINGHE}/${year}/export`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const view = (await budget.get(`/final-accounts/${QINGHE}/${year}`)).body;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await tablesWorkbook("编报单位：青禾镇", view.tables, "说明")) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual([...view.tables.map((x: { title: string }) => x.title), "决算说明"]);
    const summary = book.getWorksheet("收支决算总表")!;
    expect(summary.getCell(1, 1).value).toBe("收支决算总表");
    expect(summary.getRow(3).values).toEqual([undefined, "项目", "预算数", "调整预算数", "决算数"]);
    const approved = new Date("2026-01-12T15:00:00+08:00");
    expect(publishedOnTime(approved, new Date("2026-02-01T23:59:00+08:00"))).toBe(true);
    expect(publishedOnTime(approved, new Date("2026-02-02T00:00:00+08:00"))).toBe(false);
  });
});
