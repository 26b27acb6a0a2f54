// Proves the ledger's HTTP API as the web app uses it: entering a voucher needs an Idempotency-Key
// and a replay returns the first voucher; review by the preparer is refused (SAME_PERSON); posting
// numbers it; voucher rule codes come back as problem+json; lists filter and page; books and
// statements answer for a month range; Excel downloads are real workbooks; reopening a month is
// the director's alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { DEMO_LEDGER_IDS } from "./demo.ts";

let t: TestApp;
let unitacct: ApiClient;
let budget: ApiClient;
let director: ApiClient;
const setId = DEMO_LEDGER_IDS.qingheSet;
let month = "";

beforeAll(async () => {
  t = await startTestApp("demo");
  unitacct = await loginAs(t.app, "unitacct");
  budget = await loginAs(t.app, "budget");
  director = await loginAs(t.app, "director");
  const set = await unitacct.get(`/ledger/sets/${setId}`);
  const open = set.body.periods.find((p: { status: string }) => p.status === "open");
  month = `${open.year}-${String(open.month).padStart(2, "0")}`;
});
afterAll(async () => t.close());

const body = () => ({
  setId,
  date: `${month}-05`,
  summary: "接口测试：支付办公费",
  attachments: 1,
  lines: [
    { account: "5101", debit: "120.00" },
    { account: "1011", credit: "120.00" },
    { account: "7101010101", debit: "120.00", aux: { functional: "2010101", economic: "30201" } },
    { account: "800101", credit: "120.00" },
  ],
});

describe("ledger API", () => {
  it("enters a voucher once per Idempotency-Key, refuses review by the preparer, and posts it with a number", async () => {
    expect((await unitacct.post("/ledger/vouchers", body())).body.code).toBe("VALIDATION_FAILED");
    const headers = { "idempotency-key": "ledger-test-0001" };
    const first = await unitacct.request("POST", "/ledger/vouchers", body(), headers);
    expect(first.status).toBe(201);
    const again = await unitacct.request("POST", "/ledger/vouchers", body(), headers);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect((await unitacct.post(`/ledger/vouchers/${first.body.id}/review`)).body.code).toBe("SAME_PERSON");
    expect((await budget.post(`/ledger/vouchers/${first.body.id}/review`)).status).toBe(200);
    const posted = await unitacct.post(`/ledger/vouchers/${first.body.id}/post`);
    expect(posted.body).toMatchObject({ status: "posted", enteredByName: "张伟", reviewedByName: "李秀英", postedByName: "张伟" });
    expect(posted.body.label).toMatch(/^记-[0-9]{4}$/);
  });

  it("lets the preparer edit an entered voucher with PUT, and refuses another user and a posted voucher with stable codes", async () => {
    const entered = await unitacct.request("POST", "/ledger/vouchers", { ...body(), summary: "编辑测试" }, { "idempotency-key": "ledger-test-edit-1" });
    const { setId: _set, ...rest } = { ...body(), summary: "编辑测试" };
    const edited = await unitacct.request("PUT", `/ledger/vouchers/${entered.body.id}`, { ...rest, summary: "编辑测试：改为差旅费", lines: rest.lines.map((l) => ({ ...l, ...(l.debit ? { debit: "150.00" } : { credit: "150.00" }) })) });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ summary: "编辑测试：改为差旅费", status: "entered" });
    expect(edited.body.lines.map((l: { debit: string | null; credit: string | null }) => l.debit ?? l.credit)).toEqual(["150.00", "150.00", "150.00", "150.00"]);
    const other = await budget.request("PUT", `/ledger/vouchers/${entered.body.id}`, rest);
    expect([other.status, other.body.code]).toEqual([403, "NOT_PREPARER"]);
    await budget.post(`/ledger/vouchers/${entered.body.id}/review`);
    await unitacct.post(`/ledger/vouchers/${entered.body.id}/post`);
    const posted = await unitacct.request("PUT", `/ledger/vouchers/${entered.body.id}`, rest);
    expect([posted.status, posted.body.code]).toEqual([409, "VOUCHER_POSTED"]);
    expect((await unitacct.get(`/ledger/vouchers/${entered.body.id}`)).body.summary).toBe("编辑测试：改为差旅费");
  });

  it("answers voucher rule codes as problem+json", async () => {
    const unbalanced = { ...body(), lines: [{ account: "5101", debit: "1.00" }, { account: "1011", credit: "2.00" }] };
    const res = await unitacct.request("POST", "/ledger/vouchers", unbalanced, { "idempotency-key": "ledger-test-0002" });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: "UNBALANCED_FINANCIAL" });
    const both = { ...body(), lines: [{ account: "5101", debit: "1.00", credit: "1.00" }, { account: "1011", credit: "1.00" }] };
    expect((await unitacct.request("POST", "/ledger/vouchers", both, { "idempotency-key": "ledger-test-0003" })).body.code).toBe("BAD_AMOUNT");
    const cash = { ...body(), lines: [{ account: "1001", debit: "1.00" }, { account: "100201", credit: "1.00" }] };
    expect((await unitacct.request("POST", "/ledger/vouchers", cash, { "idempotency-key": "ledger-test-0004" })).body.code).toBe("PARALLEL_UNCONFIRMED");
  });

  it("lists vouchers with filters and paging, in the caller's scope", async () => {
    const [y, m] = month.split("-");
    const page = await unitacct.get(`/ledger/vouchers?setId=${setId}&year=${y}&month=${Number(m)}&status=posted&pageSize=1`);
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.total).toBeGreaterThanOrEqual(1);
    expect(page.body.items.every((v: { status: string; regionCode: string }) => v.status === "posted" && v.regionCode === "329901101")).toBe(true);
    const found = await unitacct.get(`/ledger/vouchers?setId=${setId}&q=${encodeURIComponent("接口测试")}`);
    expect(found.body.total).toBe(1);
  });

  it("answers the trial balance, books and every statement for a month range", async () => {
    const year = month.slice(0, 4);
    const tb = await unitacct.get(`/ledger/sets/${setId}/trial-balance?from=${year}-01&to=${month}`);
    expect(tb.body.rows.at(-1).account).toBe("合计");
    expect(tb.body.rows.at(-1).closingDebit).toBe(tb.body.rows.at(-1).closingCredit);
    for (const statement of ["balance-sheet", "revenue-expense", "net-asset-changes", "budget-revenue-expenditure", "budget-carryover", "fiscal-appropriation", "reconciliation"]) {
      const s = await unitacct.get(`/ledger/sets/${setId}/statements/${statement}?from=${year}-01&to=${month}`);
      expect(s.status, statement).toBe(200);
      expect(s.body.rows.length, statement).toBeGreaterThan(0);
    }
    const sheet = await unitacct.get(`/ledger/sets/${setId}/statements/balance-sheet?from=${year}-01&to=${month}`);
    const row = (label: string) => sheet.body.rows.find((r: { label: string }) => r.label === label).v2;
    expect(row("资产总计")).toBe(row("负债和净资产总计"));
    for (const book of ["journal-cash", "journal-bank", "general"]) expect((await unitacct.get(`/ledger/sets/${setId}/books/${book}?from=${year}-01&to=${month}`)).status, book).toBe(200);
    expect((await unitacct.get(`/ledger/sets/${setId}/books/subsidiary?from=${year}-01&to=${month}`)).body.code).toBe("VALIDATION_FAILED");
    expect((await unitacct.get(`/ledger/sets/${setId}/trial-balance?from=${year}-05&to=${year}-02`)).body.code).toBe("VALIDATION_FAILED");
  });

  it("prepares the 现金流量表 only where the set chooses it (编制现金流量表), and only a closer may choose", async () => {
    const year = month.slice(0, 4);
    const url = `/ledger/sets/${setId}/statements/cash-flow?from=${year}-01&to=${month}`;
    expect((await unitacct.get(`/ledger/sets/${setId}`)).body.cashFlow).toBe(false);
    expect((await unitacct.get(url)).body.code).toBe("VALIDATION_FAILED");
    expect((await unitacct.patch(`/ledger/sets/${setId}`, { cashFlow: true })).body.code).toBe("FORBIDDEN");
    expect((await budget.patch(`/ledger/sets/${setId}`, { cashFlow: "yes" })).body.code).toBe("VALIDATION_FAILED");
    const chosen = await budget.patch(`/ledger/sets/${setId}`, { cashFlow: true });
    expect(chosen.status).toBe(200);
    expect(chosen.body.cashFlow).toBe(true);
    expect((await unitacct.get("/ledger/sets")).body.items.find((s: { id: string }) => s.id === setId).cashFlow).toBe(true);
    const s = await unitacct.get(url);
    expect(s.status).toBe(200);
    expect(s.body.rows.at(-1).label).toBe("五、现金净增加额");
    const res = await t.app.inject({ method: "GET", url: `/api/v1/ledger/sets/${setId}/excel?report=cash-flow&from=${year}-01&to=${month}`, headers: { cookie: (unitacct as unknown as { cookie: string }).cookie } });
    expect(res.statusCode).toBe(200);
    expect((await budget.patch(`/ledger/sets/${setId}`, { cashFlow: false })).body.cashFlow).toBe(false);
  });

  it("downloads books and statements as Excel workbooks", async () => {
    const year = month.slice(0, 4);
    for (const report of ["trial-balance", "balance-sheet", "journal-bank", "general"]) {
      const res = await t.app.inject({ method: "GET", url: `/api/v1/ledger/sets/${setId}/excel?report=${report}&from=${year}-01&to=${month}`, headers: { cookie: (unitacct as unknown as { cookie: string }).cookie } });
      expect(res.statusCode, report).toBe(200);
      expect(res.headers["content-type"]).toContain("spreadsheetml");
      expect(res.rawPayload.subarray(0, 2).toString()).toBe("PK");
    }
  });

  it("downloads the chart as Excel, and completes a demo set's standard 明细 (nothing to add) only for ledger.close", async () => {
    const res = await t.app.inject({ method: "GET", url: `/api/v1/ledger/sets/${setId}/accounts/export`, headers: { cookie: (unitacct as unknown as { cookie: string }).cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe("PK");
    expect(decodeURIComponent(String(res.headers["content-disposition"]))).toContain("会计科目表.xlsx");
    const preview = await unitacct.get(`/ledger/sets/${setId}/chart/complete-standard/preview`);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({ added: [], skipped: [] });
    expect((await unitacct.post(`/ledger/sets/${setId}/chart/complete-standard`)).body.code).toBe("FORBIDDEN");
    const done = await budget.post(`/ledger/sets/${setId}/chart/complete-standard`);
    expect(done.status).toBe(200);
    expect(done.body).toEqual(preview.body);
  });

  it("lets only the director reopen a closed month, with a reason", async () => {
    const set = await budget.get(`/ledger/sets/${setId}`);
    const closed = [...set.body.periods].reverse().find((p: { status: string }) => p.status === "closed");
    if (!closed) return;
    const url = `/ledger/sets/${setId}/periods/${closed.year}/${closed.month}/reopen`;
    expect((await budget.post(url, { note: "想改账" })).body.code).toBe("FORBIDDEN");
    expect((await director.post(url, { note: "" })).body.code).toBe("VALIDATION_FAILED");
    const reopened = await director.post(url, { note: "补记漏记的利息" });
    expect(reopened.body.periods.find((p: { year: number; month: number }) => p.year === closed.year && p.month === closed.month).status).toBe("open");
    expect((await budget.post(`/ledger/sets/${setId}/periods/${closed.year}/${closed.month}/close`)).status).toBe(200);
  });
});
