// Proves voucher templates on the server: the built-in templates of DOMAIN.md §5 for every set, a
// township's own template and a set's own replacing them by business type, disabling, checks on
// the lines (unknown account, one-sided basis) that change nothing, scope, and an audit per write;
// and over HTTP, the list, create, edit and disable routes with their permissions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { TestDatabase } from "../../test/db.ts";
import { loginAs, startTestApp, type TestApp } from "../../test/http.ts";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../identity/index.ts";
import { auditLog } from "../audit/index.ts";
import { createAccountSet, enterVoucher, builtInChart } from "./service.ts";
import { BUILT_IN_TEMPLATES, checkTemplateLines, createTemplate, oneAmount, templatesForSet, updateTemplate } from "./templates.ts";
import { ledgerVoucherTemplate } from "./tables.ts";
import { codeOf, openLedgerTest, type LedgerTest } from "./testing.ts";
import { DEMO_LEDGER_IDS } from "./demo.ts";
import { parseYuan } from "@xiangcai/shared";
import { TEST_NOW } from "../../test/clock.ts";

let database: TestDatabase;
let db: Db;
let budget: Actor;
let unitacct: Actor;
let director2: Actor;
let setA: string;
let setB: string;
let tx: LedgerTest["tx"];

beforeAll(async () => {
  ({ database, db, tx, budget, unitacct, director2 } = await openLedgerTest());
  setA = (await tx((t) => createAccountSet(t, budget, { regionCode: "329901101", code: "T-TPL-A", name: "模板A", year: 2026 }, TEST_NOW))).id;
  setB = (await tx((t) => createAccountSet(t, budget, { regionCode: "329901101", code: "T-TPL-B", name: "模板B", year: 2026 }, TEST_NOW))).id;
});
afterAll(async () => database.close());

describe("built-in templates", () => {
  it("cover the township business types of DOMAIN.md §5, and each one enters as a balanced voucher with one amount", async () => {
    expect(BUILT_IN_TEMPLATES.map((t) => t.businessType)).toEqual(["quotaReceived", "officeExpense", "directPayment", "salaryAccrual", "salaryPayment", "fixedAssetPurchase", "depreciation", "quotaCancellation"]);
    const chart = new Map(builtInChart().map((a) => [a.code, a]));
    for (const t of BUILT_IN_TEMPLATES) {
      expect(checkTemplateLines(t.lines, (c) => chart.get(c))).toEqual([]);
      expect(oneAmount(t.lines)).toBe(true);
    }
    // As a set shows them: 6001/7101 on the chart's 一般公共预算 基本支出 明细.
    const shown = (await templatesForSet(db, budget, setA)).filter((t) => t.builtIn);
    expect(shown.find((t) => t.businessType === "directPayment")?.lines.map((l) => l.account)).toEqual(["5001", "4001", "7101010101", "60010101"]);
    for (const t of shown) {
      const fen = parseYuan("1234.56");
      const lines = t.lines.map((l) => ({ account: l.account, debitFen: l.side === "debit" ? fen : 0n, creditFen: l.side === "credit" ? fen : 0n, aux: { ...(l.account.startsWith("7") ? { functional: "2010101", economic: "30201" } : {}), ...l.aux } }));
      const v = await tx((x) => enterVoucher(x, unitacct, setA, { date: "2026-12-20", summary: t.summary, lines, confirmParallel: true }, TEST_NOW));
      expect(v.status).toBe("entered");
    }
  });

  it("shows the built-in templates for a set that has none of its own", async () => {
    const list = await templatesForSet(db, budget, setA);
    expect(list.filter((t) => t.builtIn)).toHaveLength(BUILT_IN_TEMPLATES.length);
    expect(list.find((t) => t.businessType === "quotaReceived")).toMatchObject({ id: "builtin:quotaReceived", name: "授权支付额度到账", oneAmount: true });
  });
});

describe("stored templates", () => {
  it("a township template replaces the built-in of its type in every set; a set's own replaces the township's in that set only", async () => {
    const township = await tx((t) => createTemplate(t, budget, { regionCode: "329901101", businessType: "depreciation", name: "计提折旧（业务活动）", summary: "计提折旧", lines: [{ account: "5001", side: "debit" }, { account: "1602", side: "credit" }] }, TEST_NOW));
    expect(township).toMatchObject({ setId: null, builtIn: false, oneAmount: true });
    for (const set of [setA, setB]) {
      const dep = (await templatesForSet(db, budget, set)).filter((t) => t.businessType === "depreciation");
      expect(dep.map((t) => t.name)).toEqual(["计提折旧（业务活动）"]);
    }
    await tx((t) => createTemplate(t, budget, { setId: setB, businessType: "depreciation", name: "计提折旧（单位管理）", summary: "计提折旧", lines: [{ account: "5101", side: "debit" }, { account: "1602", side: "credit" }] }, TEST_NOW));
    expect((await templatesForSet(db, budget, setA)).filter((t) => t.businessType === "depreciation").map((t) => t.name)).toEqual(["计提折旧（业务活动）"]);
    expect((await templatesForSet(db, budget, setB)).filter((t) => t.businessType === "depreciation").map((t) => t.name)).toEqual(["计提折旧（单位管理）"]);
  });

  it("edits and disables a stored template; a disabled one is hidden unless asked for, and hides the built-in of its type", async () => {
    const mine = await tx((t) => createTemplate(t, unitacct, { setId: setA, businessType: "salaryAccrual", name: "计提工资", summary: "计提工资", lines: [{ account: "5101", side: "debit" }, { account: "2201", side: "credit" }] }, TEST_NOW));
    const edited = await tx((t) => updateTemplate(t, unitacct, mine.id, { name: "计提本月工资", lines: [{ account: "5001", side: "debit", aux: { department: " 党政办 " } }, { account: "2201", side: "credit" }] }, TEST_NOW));
    expect(edited).toMatchObject({ name: "计提本月工资", lines: [{ account: "5001", side: "debit", aux: { department: "党政办" } }, { account: "2201", side: "credit" }] });
    await tx((t) => updateTemplate(t, unitacct, mine.id, { active: false }, TEST_NOW));
    expect((await templatesForSet(db, budget, setA)).some((t) => t.businessType === "salaryAccrual")).toBe(false);
    expect((await templatesForSet(db, budget, setA, { includeInactive: true })).find((t) => t.businessType === "salaryAccrual")).toMatchObject({ active: false, name: "计提本月工资" });
    const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, mine.id));
    expect(audits.map((a) => a.action).sort()).toEqual(["ledger.templateChanged", "ledger.templateCreated", "ledger.templateDisabled"]);
  });

  it("refuses an unknown account, a basis with only one side, and a template with one line; nothing is stored", async () => {
    const before = await db.select().from(ledgerVoucherTemplate);
    const bad = (lines: { account: string; side: "debit" | "credit" }[]) => codeOf(tx((t) => createTemplate(t, budget, { setId: setA, businessType: "other", name: "坏模板", summary: "坏", lines }, TEST_NOW)));
    expect(await bad([{ account: "9999", side: "debit" }, { account: "1011", side: "credit" }])).toBe("TEMPLATE_INVALID");
    expect(await bad([{ account: "5101", side: "debit" }, { account: "1011", side: "credit" }, { account: "7101", side: "debit" }])).toBe("TEMPLATE_INVALID");
    expect(await bad([{ account: "5101", side: "debit" }])).toBe("TEMPLATE_INVALID");
    // The boundary: a financial-only pair is fine.
    expect(await bad([{ account: "5101", side: "debit" }, { account: "1602", side: "credit" }])).toBe("none");
    expect((await db.select().from(ledgerVoucherTemplate)).length).toBe(before.length + 1);
  });

  it("keeps templates to the actor's scope", async () => {
    expect(await codeOf(tx((t) => createTemplate(t, director2, { setId: setA, businessType: "other", name: "越权", summary: "越权", lines: [{ account: "5101", side: "debit" }, { account: "1602", side: "credit" }] }, TEST_NOW)))).toBe("OUT_OF_SCOPE");
    expect(await codeOf(tx((t) => createTemplate(t, budget, { regionCode: "329901102", businessType: "other", name: "越权", summary: "越权", lines: [{ account: "5101", side: "debit" }, { account: "1602", side: "credit" }] }, TEST_NOW)))).toBe("OUT_OF_SCOPE");
    const [any] = await db.select().from(ledgerVoucherTemplate).where(and(eq(ledgerVoucherTemplate.regionCode, "329901101")));
    expect(await codeOf(tx((t) => updateTemplate(t, director2, any!.id, { active: false }, TEST_NOW)))).toBe("OUT_OF_SCOPE");
  });
});

describe("templates over HTTP", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp("demo");
  });
  afterAll(async () => app.close());

  it("lists a set's templates, creates, edits and disables one; a cashier may read but not change them", async () => {
    const unit = await loginAs(app.app, "unitacct");
    const setId = DEMO_LEDGER_IDS.qingheSet;
    const list = await unit.get(`/ledger/sets/${setId}/templates`);
    expect(list.status).toBe(200);
    expect(list.body.some((t: { id: string }) => t.id === "builtin:officeExpense")).toBe(true);
    const created = await unit.post("/ledger/templates", { setId, businessType: "officeExpense", name: "支付差旅费", summary: "零余额账户支付差旅费", lines: [{ account: "5101", side: "debit" }, { account: "1011", side: "credit" }, { account: "7101010101", side: "debit", aux: { economic: "30211" } }, { account: "800101", side: "credit" }] });
    expect(created.status).toBe(201);
    const after = await unit.get(`/ledger/sets/${setId}/templates`);
    expect(after.body.filter((t: { businessType: string }) => t.businessType === "officeExpense").map((t: { name: string }) => t.name)).toEqual(["支付差旅费"]);
    expect((await unit.request("PATCH", `/ledger/templates/${created.body.id}`, { active: false })).body.active).toBe(false);
    const invalid = await unit.post("/ledger/templates", { setId, businessType: "other", name: "x", summary: "x", lines: [{ account: "5101", side: "debit" }, { account: "7101", side: "debit" }] });
    expect(invalid.status).toBe(422);
    expect(invalid.body.code).toBe("TEMPLATE_INVALID");
    const paged = await unit.get(`/ledger/templates?setId=${setId}&pageSize=1`);
    expect(paged.body).toMatchObject({ total: 1, pageSize: 1 });
    const cashier = await loginAs(app.app, "cashier");
    expect((await cashier.get(`/ledger/sets/${setId}/templates`)).status).toBe(200);
    expect((await cashier.post("/ledger/templates", { setId, businessType: "other", name: "x", summary: "x", lines: [{ account: "5101", side: "debit" }, { account: "1602", side: "credit" }] })).status).toBe(403);
  });
});
