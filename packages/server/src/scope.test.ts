// Proves data scope on every route that exists: a township user (青禾镇) can neither read nor change
// another township's (白塔镇) data, whatever the route, while a district user sees all townships.
// The route table below must list every registered route: a new route fails this test until added.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../test/http.ts";
import { appUser } from "./identity/tables.ts";
import { demoCreditCode } from "./demo/seed.ts";
import { auditLog } from "./audit/tables.ts";
import { DEMO_LEDGER_IDS } from "./ledger/demo.ts";
import { budgetScopeFixtures } from "./budget/testFixtures.ts";
import { storeAttachment } from "./platform/attachments.ts";
import { supervisionScopeFixtures } from "./supervision/testKit.ts";
import { registerReportKind } from "./reporting/index.ts";
import { headcountReport } from "./reporting/testKinds.ts";
import { performanceEvaluation, performanceTargetSheet } from "./performance/tables.ts";
import { rectificationTask } from "./rectification/tables.ts";
import { budgetRevenueLine } from "./budget/tables.ts";
import { TEST_NOW } from "../test/clock.ts";
import { serviceMatter } from "./serviceHall/tables.ts";

let t: TestApp;
let director: ApiClient;
let supervisor: ApiClient;
const other: { userId: string; instanceId: string; budgetUnitId: string } = { userId: "", instanceId: "", budgetUnitId: "" };
const otherBudget = { roundId: "", lineId: "", indicatorId: "", paymentId: "", projectId: "", year: 0 };
let otherAttachmentId = "";
const otherSupervision = { alertId: "", attachmentId: "" };
let otherReportId = "";
const otherPerformance = { sheetId: "", evaluationId: "", taskId: "" };
const NOWHERE = "00000000-0000-7000-8000-000000000001";
let otherDebtId = "";
const otherRegisters = { policyId: "", taxSourceId: "" };
const otherFiscal = { revenueLineId: "", reportId: "" };
const otherHall = { matterId: "" };

beforeAll(async () => {
  registerReportKind(headcountReport);
  t = await startTestApp("demo");
  director = await loginAs(t.app, "director");
  supervisor = await loginAs(t.app, "supervisor");
  const budget2 = await loginAs(t.app, "budget2");
  const created = await budget2.post("/org/budget-units", { regionCode: "329901102", creditCode: demoCreditCode("2", 900), name: "白塔镇水利站", kind: "publicInstitution" });
  expect(created.status).toBe(201);
  other.instanceId = created.body.flowInstanceId;
  other.budgetUnitId = created.body.id;
  other.userId = (await t.database.db.select().from(appUser).where(eq(appUser.username, "budget2")))[0]!.id;
  Object.assign(otherBudget, await budgetScopeFixtures(t.database.db));
  otherDebtId = (await budget2.get("/debt/debts?pageSize=1")).body.items[0].id;
  otherRegisters.policyId = (await budget2.post("/registers/policy-documents", { regionCode: "329901102", documentNo: "白财〔2026〕1号", title: "白塔镇财务管理办法", issuer: "白塔镇人民政府", level: "district", issuedDate: "2026-01-05", effectiveDate: "2026-01-05" })).body.id;
  otherRegisters.taxSourceId = (await budget2.post("/registers/tax-sources", { regionCode: "329901102", creditCode: demoCreditCode("1", 950), name: "白塔镇测试企业", kind: "enterprise", industry: "制造业" })).body.id;
  otherReportId = (await budget2.post("/reporting/reports", { kind: "testHeadcount", regionCode: "329901102", period: "2026-11" })).body.id;
  otherPerformance.sheetId = (await t.database.db.select().from(performanceTargetSheet).where(eq(performanceTargetSheet.regionCode, "329901102")))[0]!.id;
  otherPerformance.evaluationId = (await t.database.db.select().from(performanceEvaluation).where(eq(performanceEvaluation.regionCode, "329901102")))[0]!.id;
  otherPerformance.taskId = (await t.database.db.select().from(rectificationTask).where(eq(rectificationTask.regionCode, "329901102")))[0]!.id;
  otherFiscal.revenueLineId = (await t.database.db.select().from(budgetRevenueLine).where(eq(budgetRevenueLine.regionCode, "329901102")))[0]!.id;
  const baitaReport = await budget2.request("POST", "/treasury/revenue-reports", { reportDate: "2026-06-01", lines: [{ revenueCode: "10101", amount: "100.00" }] }, { "idempotency-key": "scope-probe-report" });
  expect(baitaReport.status).toBe(201);
  otherFiscal.reportId = baitaReport.body.id;
  otherAttachmentId = (await storeAttachment(t.database.db, { regionCode: "329901102", ownerKind: "treasury.payment", fileName: "白塔镇发票.pdf", bytes: Buffer.from("%PDF-1.4 scope probe"), uploadedBy: other.userId }, TEST_NOW)).id;
  Object.assign(otherSupervision, await supervisionScopeFixtures(t.database.db));
  otherHall.matterId = (await t.database.db.select().from(serviceMatter).where(eq(serviceMatter.regionCode, "329901102")))[0]!.id;
});
afterAll(async () => t?.close());

type Probe =
  | { kind: "list"; method: "GET"; url: string; regionCodes: (body: any) => string[] } // eslint-disable-line @typescript-eslint/no-explicit-any
  | { kind: "refused"; method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE"; url: () => string; body?: () => unknown }
  | { kind: "own"; method: "GET" | "POST"; url: string; note: string };

const probes: Record<string, Probe> = {
  "GET /api/v1/health": { kind: "own", method: "GET", url: "/health", note: "public, no data" },
  "POST /api/v1/auth/login": { kind: "own", method: "POST", url: "/auth/login", note: "acts on the caller only" },
  "POST /api/v1/auth/login/totp": { kind: "own", method: "POST", url: "/auth/login/totp", note: "acts on the caller only" },
  "POST /api/v1/auth/logout": { kind: "own", method: "POST", url: "/auth/logout", note: "acts on the caller only" },
  "GET /api/v1/auth/me": { kind: "own", method: "GET", url: "/auth/me", note: "acts on the caller only" },
  "POST /api/v1/auth/password": { kind: "own", method: "POST", url: "/auth/password", note: "acts on the caller only" },
  "POST /api/v1/auth/totp/setup": { kind: "own", method: "POST", url: "/auth/totp/setup", note: "acts on the caller only" },
  "POST /api/v1/auth/totp/enable": { kind: "own", method: "POST", url: "/auth/totp/enable", note: "acts on the caller only" },
  "POST /api/v1/auth/totp/disable": { kind: "own", method: "POST", url: "/auth/totp/disable", note: "acts on the caller only" },
  "GET /api/v1/roles": { kind: "own", method: "GET", url: "/roles", note: "a catalogue, no regional data" },
  "GET /api/v1/users": { kind: "list", method: "GET", url: "/users?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/users/export": { kind: "own", method: "GET", url: "/users/export", note: "the list's accounts, same scope (identity/export.test.ts)" },
  "POST /api/v1/users": { kind: "refused", method: "POST", url: () => "/users", body: () => ({ username: "intruder", displayName: "越权", regionCode: "329901102", roles: ["cashier"], password: "Intruder2026x" }) },
  "PATCH /api/v1/users/:id": { kind: "refused", method: "PATCH", url: () => `/users/${other.userId}`, body: () => ({ displayName: "改名" }) },
  "POST /api/v1/users/:id/reset-password": { kind: "refused", method: "POST", url: () => `/users/${other.userId}/reset-password`, body: () => ({ newPassword: "Hijacked2026x" }) },
  "POST /api/v1/users/:id/unlock": { kind: "refused", method: "POST", url: () => `/users/${other.userId}/unlock` },
  "GET /api/v1/org/regions": { kind: "list", method: "GET", url: "/org/regions?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/org/regions/:code": { kind: "refused", method: "GET", url: () => "/org/regions/329901102" },
  "POST /api/v1/org/regions": { kind: "refused", method: "POST", url: () => "/org/regions", body: () => ({ regionCode: "329901102209", name: "越权村" }) },
  "PATCH /api/v1/org/regions/:code": { kind: "refused", method: "PATCH", url: () => "/org/regions/329901102", body: () => ({ name: "改名镇" }) },
  "GET /api/v1/org/budget-units": { kind: "list", method: "GET", url: "/org/budget-units?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/org/budget-units/export": { kind: "own", method: "GET", url: "/org/budget-units/export", note: "the list's rows, same scope (org/export.test.ts)" },
  "POST /api/v1/org/budget-units": { kind: "refused", method: "POST", url: () => "/org/budget-units", body: () => ({ regionCode: "329901102", creditCode: demoCreditCode("2", 901), name: "越权单位", kind: "other" }) },
  "GET /api/v1/flow/todo": { kind: "list", method: "GET", url: "/flow/todo?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/flow/overdue": { kind: "list", method: "GET", url: "/flow/overdue?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/flow/owned": { kind: "list", method: "GET", url: "/flow/owned?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/flow/instances/:id": { kind: "refused", method: "GET", url: () => `/flow/instances/${other.instanceId}` },
  "POST /api/v1/flow/instances/:id/transitions": { kind: "refused", method: "POST", url: () => `/flow/instances/${other.instanceId}/transitions`, body: () => ({ action: "approve", expectedState: "submitted" }) },
  "POST /api/v1/flow/instances/:id/handover": { kind: "refused", method: "POST", url: () => `/flow/instances/${other.instanceId}/handover`, body: () => ({ toUserId: other.userId, note: "越权转交" }) },
  "GET /api/v1/flow/instances/:id/handover-candidates": { kind: "refused", method: "GET", url: () => `/flow/instances/${other.instanceId}/handover-candidates` },
  "GET /api/v1/catalog/names": { kind: "own", method: "GET", url: "/catalog/names?fiscalYear=2026&kind=functional&codes=2010301", note: "published classification names, reference data shared by every township" },
  "GET /api/v1/home": { kind: "own", method: "GET", url: "/home", note: "the caller's home; each card reads with the caller's scope, a director sees only the township's place among its peers (home/home.test.ts proves no other township's name or figures)" },
  "GET /api/v1/todo/counts": { kind: "own", method: "GET", url: "/todo/counts", note: "counts of the caller's own to-do, each list scoped like its items" },
  "GET /api/v1/todo/sources/:code": { kind: "list", method: "GET", url: "/todo/sources/budget.lineReview?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/audit": { kind: "list", method: "GET", url: "/audit?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/audit/export": { kind: "own", method: "GET", url: "/audit/export", note: "the list's entries, same scope (audit/export.test.ts)" },
  "GET /api/v1/settings": { kind: "refused", method: "GET", url: () => "/settings?regionCode=329901102" },
  "PUT /api/v1/settings/:key": { kind: "refused", method: "PUT", url: () => "/settings/flow.deadlines", body: () => ({ regionCode: "329901102", value: {} }) },
  "DELETE /api/v1/settings/:key": { kind: "refused", method: "DELETE", url: () => "/settings/flow.deadlines?regionCode=329901102" },
  "POST /api/v1/audit/verify": { kind: "own", method: "POST", url: "/audit/verify", note: "verifies the caller's scope only (checked below)" },
  "POST /api/v1/audit/checkpoint": { kind: "own", method: "POST", url: "/audit/checkpoint", note: "signs the heads of the caller's scope only; a township user writes no district copy (audit/chainAttacks.test.ts)" },
  "GET /api/v1/ledger/sets": { kind: "list", method: "GET", url: "/ledger/sets?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "POST /api/v1/ledger/sets": { kind: "refused", method: "POST", url: () => "/ledger/sets", body: () => ({ regionCode: "329901102", code: "INTRUDER", name: "越权账套", year: 2026 }) },
  "GET /api/v1/ledger/sets/:setId": { kind: "refused", method: "GET", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}` },
  "PATCH /api/v1/ledger/sets/:setId": { kind: "refused", method: "PATCH", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}`, body: () => ({ cashFlow: true }) },
  "GET /api/v1/ledger/sets/:setId/accounts": { kind: "refused", method: "GET", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/accounts` },
  "GET /api/v1/ledger/sets/:setId/accounts/export": { kind: "refused", method: "GET", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/accounts/export` },
  "POST /api/v1/ledger/sets/:setId/accounts": { kind: "refused", method: "POST", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/accounts`, body: () => ({ parentCode: "1002", code: "100299", name: "越权" }) },
  "PATCH /api/v1/ledger/sets/:setId/accounts/:code": { kind: "refused", method: "PATCH", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/accounts/5001`, body: () => ({ requiredAux: ["project"] }) },
  "POST /api/v1/ledger/sets/:setId/chart-import": { kind: "refused", method: "POST", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/chart-import`, body: () => ({ csv: "code,name,basis,category,normal_side\n1002,银行存款,financial,asset,debit\n100299,越权,financial,asset,debit\n" }) },
  "GET /api/v1/ledger/sets/:setId/chart/complete-standard/preview": { kind: "refused", method: "GET", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/chart/complete-standard/preview` },
  "POST /api/v1/ledger/sets/:setId/chart/complete-standard": { kind: "refused", method: "POST", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/chart/complete-standard` },
  "GET /api/v1/ledger/sets/:setId/opening-balances": { kind: "refused", method: "GET", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/opening-balances` },
  "PUT /api/v1/ledger/sets/:setId/opening-balances": { kind: "refused", method: "PUT", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/opening-balances`, body: () => ({ lines: [] }) },
  "POST /api/v1/ledger/sets/:setId/periods/:year/:month/close": { kind: "refused", method: "POST", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/periods/2026/1/close` },
  "POST /api/v1/ledger/sets/:setId/periods/:year/:month/reopen": { kind: "refused", method: "POST", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/periods/2026/1/reopen`, body: () => ({ note: "越权反结账" }) },
  "POST /api/v1/ledger/sets/:setId/years/:year/close": { kind: "refused", method: "POST", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/years/2026/close` },
  "GET /api/v1/ledger/sets/:setId/trial-balance": { kind: "refused", method: "GET", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/trial-balance?from=2026-01&to=2026-12` },
  "GET /api/v1/ledger/sets/:setId/books/:book": { kind: "refused", method: "GET", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/books/general?from=2026-01&to=2026-12` },
  "GET /api/v1/ledger/sets/:setId/statements/:statement": { kind: "refused", method: "GET", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/statements/balance-sheet?from=2026-01&to=2026-12` },
  "GET /api/v1/ledger/sets/:setId/excel": { kind: "refused", method: "GET", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/excel?report=trial-balance&from=2026-01&to=2026-12` },
  "GET /api/v1/ledger/sets/:setId/bank": { kind: "refused", method: "GET", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/bank?account=1002&month=2026-11` },
  "POST /api/v1/ledger/sets/:setId/bank/import": { kind: "refused", method: "POST", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/bank/import`, body: () => ({ account: "1002", content: Buffer.from("日期,收入,支出\n2026-11-02,1.00,\n").toString("base64") }) },
  "POST /api/v1/ledger/sets/:setId/bank/auto-match": { kind: "refused", method: "POST", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/bank/auto-match`, body: () => ({ account: "1002", month: "2026-11" }) },
  "POST /api/v1/ledger/sets/:setId/bank/match": { kind: "refused", method: "POST", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/bank/match`, body: () => ({ statementLineId: NOWHERE, voucherId: DEMO_LEDGER_IDS.baitaVoucher, lineNo: 1 }) },
  "POST /api/v1/ledger/sets/:setId/bank/unmatch": { kind: "refused", method: "POST", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/bank/unmatch`, body: () => ({ statementLineId: NOWHERE }) },
  "PUT /api/v1/ledger/sets/:setId/bank/balance": { kind: "refused", method: "PUT", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/bank/balance`, body: () => ({ account: "1002", month: "2026-11", balance: "1.00" }) },
  "GET /api/v1/ledger/vouchers": { kind: "list", method: "GET", url: "/ledger/vouchers?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/ledger/vouchers/export": { kind: "refused", method: "GET", url: () => `/ledger/vouchers/export?setId=${DEMO_LEDGER_IDS.baitaSet}` }, // without a set: the list's vouchers, same scope (ledger/journalExport.test.ts)
  "GET /api/v1/ledger/vouchers/:id": { kind: "refused", method: "GET", url: () => `/ledger/vouchers/${DEMO_LEDGER_IDS.baitaVoucher}` },
  "POST /api/v1/ledger/vouchers": { kind: "refused", method: "POST", url: () => "/ledger/vouchers", body: () => ({ setId: DEMO_LEDGER_IDS.baitaSet, date: "2026-11-02", summary: "越权", lines: [{ account: "5001", debit: "1.00" }, { account: "1602", credit: "1.00" }] }) },
  "PUT /api/v1/ledger/vouchers/:id": { kind: "refused", method: "PUT", url: () => `/ledger/vouchers/${DEMO_LEDGER_IDS.baitaVoucher}`, body: () => ({ date: "2026-11-02", summary: "越权", lines: [{ account: "5001", debit: "1.00" }, { account: "1602", credit: "1.00" }] }) },
  "POST /api/v1/ledger/vouchers/:id/review": { kind: "refused", method: "POST", url: () => `/ledger/vouchers/${DEMO_LEDGER_IDS.baitaVoucher}/review` },
  "POST /api/v1/ledger/vouchers/:id/post": { kind: "refused", method: "POST", url: () => `/ledger/vouchers/${DEMO_LEDGER_IDS.baitaVoucher}/post` },
  "POST /api/v1/ledger/vouchers/:id/reverse": { kind: "refused", method: "POST", url: () => `/ledger/vouchers/${DEMO_LEDGER_IDS.baitaVoucher}/reverse`, body: () => ({}) },
  "POST /api/v1/ledger/vouchers/:id/discard": { kind: "refused", method: "POST", url: () => `/ledger/vouchers/${DEMO_LEDGER_IDS.baitaVoucher}/discard` },
  "GET /api/v1/ledger/sets/:setId/templates": { kind: "refused", method: "GET", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/templates` },
  "GET /api/v1/ledger/templates": { kind: "list", method: "GET", url: "/ledger/templates?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "POST /api/v1/ledger/templates": { kind: "refused", method: "POST", url: () => "/ledger/templates", body: () => ({ setId: DEMO_LEDGER_IDS.baitaSet, businessType: "other", name: "越权", summary: "越权", lines: [{ account: "5001", side: "debit" }, { account: "1602", side: "credit" }] }) },
  "PATCH /api/v1/ledger/templates/:id": { kind: "refused", method: "PATCH", url: () => "/ledger/templates/00000000-0000-7000-8000-000000000001", body: () => ({ active: false }) },
  "GET /api/v1/ledger/skipped-events": { kind: "list", method: "GET", url: "/ledger/skipped-events?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/catalog/classifications": { kind: "own", method: "GET", url: "/catalog/classifications?fiscalYear=2026&kind=functional", note: "the district's reference catalogue, read by all its townships" },
  "GET /api/v1/catalog/classifications/:kind/:code": { kind: "own", method: "GET", url: "/catalog/classifications/functional/201?fiscalYear=2026", note: "the district's reference catalogue" },
  "POST /api/v1/catalog/classifications/import": { kind: "refused", method: "POST", url: () => "/catalog/classifications/import", body: () => ({ fiscalYear: 2026, kind: "functional", format: "csv", content: "201,x" }) },
  "POST /api/v1/catalog/classifications/defaults": { kind: "refused", method: "POST", url: () => "/catalog/classifications/defaults", body: () => ({ fiscalYear: 2026 }) },
  "GET /api/v1/budget/indicators": { kind: "list", method: "GET", url: "/budget/indicators?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/budget/indicators/export": { kind: "own", method: "GET", url: "/budget/indicators/export", note: "the list's rows, same scope (budget/indicatorsExport.test.ts)" },
  "GET /api/v1/budget/indicators/:id": { kind: "refused", method: "GET", url: () => `/budget/indicators/${otherBudget.indicatorId}` },
  "POST /api/v1/budget/indicators": { kind: "refused", method: "POST", url: () => "/budget/indicators", body: () => ({}) },
  "POST /api/v1/budget/indicators/:id/adjustments": { kind: "refused", method: "POST", url: () => `/budget/indicators/${otherBudget.indicatorId}/adjustments`, body: () => ({}) },
  "POST /api/v1/budget/transfers": { kind: "refused", method: "POST", url: () => "/budget/transfers", body: () => ({}) },
  "GET /api/v1/budget/resolutions": { kind: "list", method: "GET", url: "/budget/resolutions?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "POST /api/v1/budget/resolutions": { kind: "refused", method: "POST", url: () => "/budget/resolutions", body: () => ({ regionCode: "329901102", kind: "budgetAdjustment", fiscalYear: otherBudget.year, session: "越权会议", resolutionNo: "越权〔1〕号", resolvedOn: "2026-06-01", adjustmentKind: "totalChange" }) },
  "POST /api/v1/budget/year-end": { kind: "refused", method: "POST", url: () => "/budget/year-end", body: () => ({ regionCode: "329901102", fiscalYear: otherBudget.year }) },
  "GET /api/v1/budget/rounds": { kind: "list", method: "GET", url: "/budget/rounds?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "POST /api/v1/budget/rounds": { kind: "refused", method: "POST", url: () => "/budget/rounds", body: () => ({ regionCode: "329901102", fiscalYear: 2031 }) },
  "GET /api/v1/budget/rounds/:id": { kind: "refused", method: "GET", url: () => `/budget/rounds/${otherBudget.roundId}` },
  "GET /api/v1/budget/rounds/:id/lines": { kind: "refused", method: "GET", url: () => `/budget/rounds/${otherBudget.roundId}/lines` },
  "POST /api/v1/budget/rounds/:id/lines": { kind: "refused", method: "POST", url: () => `/budget/rounds/${otherBudget.roundId}/lines`, body: () => ({}) },
  "POST /api/v1/budget/rounds/:id/lines/import": { kind: "refused", method: "POST", url: () => `/budget/rounds/${otherBudget.roundId}/lines/import`, body: () => ({ content: "x" }) },
  "POST /api/v1/budget/lines/:id/review": { kind: "refused", method: "POST", url: () => `/budget/lines/${otherBudget.lineId}/review`, body: () => ({ decision: "accept" }) },
  "POST /api/v1/budget/lines/:id/resubmit": { kind: "refused", method: "POST", url: () => `/budget/lines/${otherBudget.lineId}/resubmit`, body: () => ({ expenditureKind: "basic", functionalCode: "2010301", economicCode: "30101", fundNature: "generalBudget", paymentMethod: "direct", amount: "1.00", note: "越权修改" }) },
  "GET /api/v1/budget/lines/:id/history": { kind: "refused", method: "GET", url: () => `/budget/lines/${otherBudget.lineId}/history` },
  "GET /api/v1/budget/rounds/:id/totals": { kind: "refused", method: "GET", url: () => `/budget/rounds/${otherBudget.roundId}/totals?by=unit` },
  "POST /api/v1/budget/rounds/:id/approval": { kind: "refused", method: "POST", url: () => `/budget/rounds/${otherBudget.roundId}/approval`, body: () => ({ session: "越权", resolutionNo: "越权〔2〕号", resolvedOn: "2026-01-01", approvedTotal: "1.00" }) },
  "POST /api/v1/budget/rounds/:id/indicators": { kind: "refused", method: "POST", url: () => `/budget/rounds/${otherBudget.roundId}/indicators` },
  "GET /api/v1/budget/template": { kind: "own", method: "GET", url: "/budget/template", note: "an empty template, no data" },
  "GET /api/v1/budget/rounds/:id/export": { kind: "refused", method: "GET", url: () => `/budget/rounds/${otherBudget.roundId}/export` },
  "GET /api/v1/budget/units": { kind: "list", method: "GET", url: "/budget/units", regionCodes: (b) => b.map((u: { regionCode: string }) => u.regionCode) },
  "GET /api/v1/budget/projects": { kind: "list", method: "GET", url: "/budget/projects?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/budget/projects/export": { kind: "own", method: "GET", url: "/budget/projects/export", note: "the list's rows, same scope (budget/projectsExport.test.ts)" },
  "POST /api/v1/budget/projects": { kind: "refused", method: "POST", url: () => "/budget/projects", body: () => ({ regionCode: "329901102", budgetUnitId: otherBudget.projectId, name: "越权项目", category: "other", description: "越权", functionalCode: "2130122", plannedTotal: "1.00", startYear: otherBudget.year, endYear: otherBudget.year }) },
  "GET /api/v1/budget/projects/:id": { kind: "refused", method: "GET", url: () => `/budget/projects/${otherBudget.projectId}` },
  "POST /api/v1/budget/projects/:id/assessments": { kind: "refused", method: "POST", url: () => `/budget/projects/${otherBudget.projectId}/assessments`, body: () => ({ necessity: 20, economy: 20, target: 20, feasibility: 20, financing: 20, conclusion: "越权", assessor: "越权", assessedOn: "2026-01-01" }) },
  "GET /api/v1/budget/economic-mapping": { kind: "own", method: "GET", url: "/budget/economic-mapping?code=30101", note: "the published 30x ↔ 50x table, reference data with no township rows" },
  "GET /api/v1/budget/execution": { kind: "list", method: "GET", url: "/budget/execution?fiscalYear=2026&by=township", regionCodes: (b) => b.rows.map((r: { key: string }) => r.key) },
  "GET /api/v1/budget/execution/export": { kind: "own", method: "GET", url: "/budget/execution/export?fiscalYear=2026&by=township", note: "the same rows as GET /budget/execution, probed above" },
  "GET /api/v1/budget/rounds/:id/revenue": { kind: "refused", method: "GET", url: () => `/budget/rounds/${otherBudget.roundId}/revenue` },
  "POST /api/v1/budget/rounds/:id/revenue": { kind: "refused", method: "POST", url: () => `/budget/rounds/${otherBudget.roundId}/revenue`, body: () => ({ kind: "tax", revenueCode: "10101", amount: "1.00" }) },
  "DELETE /api/v1/budget/revenue-lines/:id": { kind: "refused", method: "DELETE", url: () => `/budget/revenue-lines/${otherFiscal.revenueLineId}` },
  "GET /api/v1/budget/remittances": { kind: "list", method: "GET", url: "/budget/remittances?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/budget/remittances/export": { kind: "own", method: "GET", url: "/budget/remittances/export", note: "the list's rows, same scope (budget/remittancesExport.test.ts)" },
  "POST /api/v1/budget/remittances": { kind: "refused", method: "POST", url: () => "/budget/remittances", body: () => ({ regionCode: "329901102", fiscalYear: 2026, documentNo: "越权〔1〕号", kind: "system", fund: "generalBudget", amount: "1.00", remittedOn: "2026-06-01" }) },
  "GET /api/v1/treasury/revenue-reports": { kind: "list", method: "GET", url: "/treasury/revenue-reports?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/treasury/revenue-reports/template": { kind: "own", method: "GET", url: "/treasury/revenue-reports/template", note: "an empty workbook, no data" },
  "GET /api/v1/treasury/revenue-reports/:id": { kind: "refused", method: "GET", url: () => `/treasury/revenue-reports/${otherFiscal.reportId}` },
  "POST /api/v1/treasury/revenue-reports": { kind: "refused", method: "POST", url: () => "/treasury/revenue-reports", body: () => ({ regionCode: "329901102", reportDate: "2026-06-01", lines: [{ revenueCode: "10101", amount: "1.00" }] }) },
  "POST /api/v1/treasury/revenue-reports/import": { kind: "refused", method: "POST", url: () => "/treasury/revenue-reports/import", body: () => ({ regionCode: "329901102", reportDate: "2026-06-01", content: "eA==" }) },
  "GET /api/v1/treasury/payments": { kind: "list", method: "GET", url: "/treasury/payments?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/treasury/payments/export": { kind: "own", method: "GET", url: "/treasury/payments/export", note: "the list's rows, same scope (treasury/export.test.ts)" },
  "GET /api/v1/treasury/payments/:id": { kind: "refused", method: "GET", url: () => `/treasury/payments/${otherBudget.paymentId}` },
  "POST /api/v1/treasury/payments": { kind: "refused", method: "POST", url: () => "/treasury/payments", body: () => ({}) },
  "GET /api/v1/treasury/payments/:id/attachments": { kind: "refused", method: "GET", url: () => `/treasury/payments/${otherBudget.paymentId}/attachments` },
  "POST /api/v1/treasury/attachments": { kind: "refused", method: "POST", url: () => "/treasury/attachments?regionCode=329901102", body: () => ({}) },
  "GET /api/v1/treasury/attachments/:id/content": { kind: "refused", method: "GET", url: () => `/treasury/attachments/${otherAttachmentId}/content` },
  "DELETE /api/v1/treasury/attachments/:id": { kind: "refused", method: "DELETE", url: () => `/treasury/attachments/${otherAttachmentId}` },
  "GET /api/v1/treasury/payments/:id/refunds": { kind: "refused", method: "GET", url: () => `/treasury/payments/${otherBudget.paymentId}/refunds` },
  "POST /api/v1/treasury/payments/:id/refunds": { kind: "refused", method: "POST", url: () => `/treasury/payments/${otherBudget.paymentId}/refunds`, body: () => ({ amount: "1.00", reason: "越权退款", documentNo: "TK-1" }) },
  "POST /api/v1/budget/year-end/district-runs": { kind: "refused", method: "POST", url: () => "/budget/year-end/district-runs", body: () => ({ fiscalYear: 2026 }) },
  "GET /api/v1/budget/year-end/district-runs": { kind: "list", method: "GET", url: "/budget/year-end/district-runs?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/budget/year-end/district-runs/:id": { kind: "refused", method: "GET", url: () => "/budget/year-end/district-runs/00000000-0000-7000-8000-000000000001" },
  "GET /api/v1/treasury/bank-batches": { kind: "list", method: "GET", url: "/treasury/bank-batches?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "POST /api/v1/treasury/bank-batches": { kind: "refused", method: "POST", url: () => "/treasury/bank-batches", body: () => ({ regionCode: "329901102" }) },
  "GET /api/v1/treasury/bank-batches/:id/file": { kind: "refused", method: "GET", url: () => `/treasury/bank-batches/${otherBudget.paymentId}/file` },
  "POST /api/v1/treasury/bank-results": { kind: "refused", method: "POST", url: () => "/treasury/bank-results", body: () => ({ regionCode: "329901102", content: "x" }) },
  "GET /api/v1/treasury/quotas": { kind: "list", method: "GET", url: "/treasury/quotas?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/treasury/quotas/export": { kind: "own", method: "GET", url: "/treasury/quotas/export", note: "the list's rows, same scope (treasury/export.test.ts)" },
  "POST /api/v1/treasury/quotas": { kind: "refused", method: "POST", url: () => "/treasury/quotas", body: () => ({}) },
  // Subsidies: lists by region; single rows of another township answer OUT_OF_SCOPE (subsidy/scope.test.ts checks them on real 白塔镇 rows).
  "GET /api/v1/subsidy/items": { kind: "list", method: "GET", url: "/subsidy/items?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "POST /api/v1/subsidy/items": { kind: "refused", method: "POST", url: () => "/subsidy/items", body: () => ({ regionCode: "329901102", code: "X1", name: "越权项目", basis: "person", unit: "人", standard: "1.00", periodKind: "year", fundSource: "区级" }) },
  "PATCH /api/v1/subsidy/items/:regionCode/:code": { kind: "refused", method: "PATCH", url: () => "/subsidy/items/329901102/GDDLBH", body: () => ({ name: "改名" }) },
  "GET /api/v1/subsidy/recipients": { kind: "list", method: "GET", url: "/subsidy/recipients?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/subsidy/recipients/export": { kind: "own", method: "GET", url: "/subsidy/recipients/export", note: "the list's recipients, same scope (subsidy/recipientsExport.test.ts)" },
  "POST /api/v1/subsidy/recipients": { kind: "refused", method: "POST", url: () => "/subsidy/recipients", body: () => ({ villageCode: "329901102201", name: "越权", residentId: "11010519491231002X" }) },
  "PATCH /api/v1/subsidy/recipients/:id": { kind: "refused", method: "PATCH", url: () => "/subsidy/recipients/00000000-0000-7000-8000-000000000001", body: () => ({ name: "改名" }) },
  "POST /api/v1/subsidy/recipients/import": { kind: "refused", method: "POST", url: () => "/subsidy/recipients/import?regionCode=329901102" },
  "POST /api/v1/subsidy/reference-lists/:kind/import": { kind: "refused", method: "POST", url: () => "/subsidy/reference-lists/deceased/import?regionCode=329901102" },
  "GET /api/v1/subsidy/rosters": { kind: "list", method: "GET", url: "/subsidy/rosters?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "POST /api/v1/subsidy/rosters/import": { kind: "refused", method: "POST", url: () => "/subsidy/rosters/import?regionCode=329901102&itemCode=GDDLBH&period=2026" },
  "POST /api/v1/subsidy/rosters": { kind: "refused", method: "POST", url: () => "/subsidy/rosters", body: () => ({ regionCode: "329901102", itemCode: "GDDLBH", period: "2026" }) },
  "POST /api/v1/subsidy/rosters/:id/lines": { kind: "refused", method: "POST", url: () => "/subsidy/rosters/00000000-0000-7000-8000-000000000001/lines", body: () => ({ name: "越权", residentId: "11010519491231002X", card: "6230990000000000018", amount: "1.00" }) },
  "PUT /api/v1/subsidy/rosters/:id/lines/:lineNo": { kind: "refused", method: "PUT", url: () => "/subsidy/rosters/00000000-0000-7000-8000-000000000001/lines/2", body: () => ({ name: "越权", residentId: "11010519491231002X", card: "6230990000000000018", amount: "1.00" }) },
  "DELETE /api/v1/subsidy/rosters/:id/lines/:lineNo": { kind: "refused", method: "DELETE", url: () => "/subsidy/rosters/00000000-0000-7000-8000-000000000001/lines/2" },
  "GET /api/v1/subsidy/rosters/:id": { kind: "refused", method: "GET", url: () => "/subsidy/rosters/00000000-0000-7000-8000-000000000001" },
  "POST /api/v1/subsidy/rosters/:id/file": { kind: "refused", method: "POST", url: () => "/subsidy/rosters/00000000-0000-7000-8000-000000000001/file" },
  "GET /api/v1/subsidy/rosters/:id/lines": { kind: "refused", method: "GET", url: () => "/subsidy/rosters/00000000-0000-7000-8000-000000000001/lines" },
  "GET /api/v1/subsidy/rosters/:id/lines/export": { kind: "refused", method: "GET", url: () => "/subsidy/rosters/00000000-0000-7000-8000-000000000001/lines/export" },
  "POST /api/v1/subsidy/rosters/:id/lines/:lineNo/note": { kind: "refused", method: "POST", url: () => "/subsidy/rosters/00000000-0000-7000-8000-000000000001/lines/2/note", body: () => ({ note: "越权" }) },
  "POST /api/v1/subsidy/rosters/:id/lines/:lineNo/card": { kind: "refused", method: "POST", url: () => "/subsidy/rosters/00000000-0000-7000-8000-000000000001/lines/2/card", body: () => ({ card: "6230990000000000018" }) },
  "POST /api/v1/subsidy/rosters/:id/indicator": { kind: "refused", method: "POST", url: () => "/subsidy/rosters/00000000-0000-7000-8000-000000000001/indicator", body: () => ({ indicatorId: "x" }) },
  "GET /api/v1/subsidy/rosters/:id/flow": { kind: "refused", method: "GET", url: () => "/subsidy/rosters/00000000-0000-7000-8000-000000000001/flow" },
  "POST /api/v1/subsidy/rosters/:id/transitions": { kind: "refused", method: "POST", url: () => "/subsidy/rosters/00000000-0000-7000-8000-000000000001/transitions", body: () => ({ action: "townshipApprove", expectedState: "townshipReview" }) },
  "GET /api/v1/subsidy/rosters/:id/notice": { kind: "refused", method: "GET", url: () => "/subsidy/rosters/00000000-0000-7000-8000-000000000001/notice" },
  "GET /api/v1/subsidy/rosters/:id/objections": { kind: "refused", method: "GET", url: () => "/subsidy/rosters/00000000-0000-7000-8000-000000000001/objections" },
  "POST /api/v1/subsidy/rosters/:id/objections": { kind: "refused", method: "POST", url: () => "/subsidy/rosters/00000000-0000-7000-8000-000000000001/objections", body: () => ({ lineNo: 2, raisedBy: "某", reason: "越权" }) },
  "POST /api/v1/subsidy/objections/:id/resolve": { kind: "refused", method: "POST", url: () => "/subsidy/objections/00000000-0000-7000-8000-000000000001/resolve", body: () => ({ outcome: "dismissed", note: "越权" }) },
  "POST /api/v1/subsidy/rosters/:id/batches": { kind: "refused", method: "POST", url: () => "/subsidy/rosters/00000000-0000-7000-8000-000000000001/batches", body: () => ({ bankCode: "RCB", kind: "first" }) },
  "GET /api/v1/subsidy/batches": { kind: "list", method: "GET", url: "/subsidy/batches?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/subsidy/batches/:id": { kind: "refused", method: "GET", url: () => "/subsidy/batches/00000000-0000-7000-8000-000000000001" },
  "GET /api/v1/subsidy/batches/:id/file": { kind: "refused", method: "GET", url: () => "/subsidy/batches/00000000-0000-7000-8000-000000000001/file" },
  "POST /api/v1/subsidy/batches/:id/result": { kind: "refused", method: "POST", url: () => "/subsidy/batches/00000000-0000-7000-8000-000000000001/result" },
  "GET /api/v1/subsidy/repayments": { kind: "list", method: "GET", url: "/subsidy/repayments?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "POST /api/v1/subsidy/rosters/:id/recoveries": { kind: "refused", method: "POST", url: () => "/subsidy/rosters/00000000-0000-7000-8000-000000000001/recoveries", body: () => ({ lineNo: 2, amount: "1.00", reason: "越权" }) },
  "POST /api/v1/subsidy/recoveries/:id/receipt": { kind: "refused", method: "POST", url: () => "/subsidy/recoveries/00000000-0000-7000-8000-000000000001/receipt", body: () => ({ recoveredOn: "2026-01-01" }) },
  "GET /api/v1/subsidy/recoveries": { kind: "list", method: "GET", url: "/subsidy/recoveries?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/subsidy/articles": { kind: "list", method: "GET", url: "/subsidy/articles", regionCodes: (b) => b.map((i: { regionCode: string }) => i.regionCode) },
  "POST /api/v1/subsidy/articles": { kind: "refused", method: "POST", url: () => "/subsidy/articles", body: () => ({ regionCode: "329901102", title: "越权", body: "越权", published: true }) },
  "PATCH /api/v1/subsidy/articles/:id": { kind: "refused", method: "PATCH", url: () => "/subsidy/articles/00000000-0000-7000-8000-000000000001", body: () => ({ title: "越权", body: "越权", published: true }) },
  // Budget performance: 白塔镇's target tree, evaluation and rectification task are the other township's rows.
  "GET /api/v1/performance/subjects": { kind: "list", method: "GET", url: "/performance/subjects?regionCode=329901102", regionCodes: (b) => ([...b.projects, ...b.units, ...b.policies].length ? [b.regionCode] : []) },
  "GET /api/v1/performance/evaluation-overview": { kind: "list", method: "GET", url: "/performance/evaluation-overview?fiscalYear=2025", regionCodes: (b) => b.townships.map((t: { regionCode: string }) => t.regionCode) },
  "GET /api/v1/performance/sheets": { kind: "list", method: "GET", url: "/performance/sheets?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/performance/sheets/export": { kind: "own", method: "GET", url: "/performance/sheets/export", note: "the list's rows, same scope (performance/targetsExport.test.ts)" },
  "POST /api/v1/performance/sheets": { kind: "refused", method: "POST", url: () => "/performance/sheets", body: () => ({ regionCode: "329901102", fiscalYear: otherBudget.year, subjectKind: "policy", subjectRef: "越权政策", subjectName: "越权政策", overallGoal: "越权", indicators: [] }) },
  "GET /api/v1/performance/sheets/:id": { kind: "refused", method: "GET", url: () => `/performance/sheets/${otherPerformance.sheetId}` },
  "PUT /api/v1/performance/sheets/:id": { kind: "refused", method: "PUT", url: () => `/performance/sheets/${otherPerformance.sheetId}`, body: () => ({ overallGoal: "越权", indicators: [] }) },
  "POST /api/v1/performance/sheets/:id/submit": { kind: "refused", method: "POST", url: () => `/performance/sheets/${otherPerformance.sheetId}/submit` },
  "POST /api/v1/performance/sheets/:id/import": { kind: "refused", method: "POST", url: () => `/performance/sheets/${otherPerformance.sheetId}/import`, body: () => ({ content: "eA==" }) },
  "GET /api/v1/performance/sheets/:id/export": { kind: "refused", method: "GET", url: () => `/performance/sheets/${otherPerformance.sheetId}/export` },
  "GET /api/v1/performance/template": { kind: "own", method: "GET", url: "/performance/template", note: "an empty template, no data" },
  "POST /api/v1/performance/sheets/:id/monitoring": { kind: "refused", method: "POST", url: () => `/performance/sheets/${otherPerformance.sheetId}/monitoring`, body: () => ({ month: 1, values: [{ indicatorNo: 1, actual: "1" }] }) },
  "GET /api/v1/performance/monitoring": { kind: "list", method: "GET", url: "/performance/monitoring?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/performance/monitoring/:id": { kind: "refused", method: "GET", url: () => `/performance/monitoring/${NOWHERE}` },
  "GET /api/v1/performance/monitoring-overview": { kind: "list", method: "GET", url: "/performance/monitoring-overview?fiscalYear=2026", regionCodes: (b) => [...b.townships.map((r: { regionCode: string }) => r.regionCode), ...b.sheets.map((r: { regionCode: string }) => r.regionCode)] },
  "GET /api/v1/performance/actions": { kind: "list", method: "GET", url: "/performance/actions?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "POST /api/v1/performance/actions/:id/close": { kind: "refused", method: "POST", url: () => `/performance/actions/${NOWHERE}/close`, body: () => ({ note: "越权" }) },
  "GET /api/v1/performance/congress": { kind: "refused", method: "GET", url: () => `/performance/congress?regionCode=329901102&fiscalYear=${otherBudget.year}` },
  "GET /api/v1/performance/congress/export": { kind: "refused", method: "GET", url: () => `/performance/congress/export?regionCode=329901102&fiscalYear=${otherBudget.year}` },
  "POST /api/v1/performance/congress/notes": { kind: "refused", method: "POST", url: () => "/performance/congress/notes", body: () => ({ regionCode: "329901102", fiscalYear: otherBudget.year, kind: "question", body: "越权" }) },
  "POST /api/v1/performance/congress/notes/:id/answer": { kind: "refused", method: "POST", url: () => `/performance/congress/notes/${NOWHERE}/answer`, body: () => ({ answer: "越权" }) },
  "GET /api/v1/performance/evaluations": { kind: "list", method: "GET", url: "/performance/evaluations?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/performance/evaluations/export": { kind: "own", method: "GET", url: "/performance/evaluations/export", note: "the same rows as GET /performance/evaluations, probed above" },
  "POST /api/v1/performance/evaluations": { kind: "refused", method: "POST", url: () => "/performance/evaluations", body: () => ({ sheetId: otherPerformance.sheetId, evaluator: "越权", conclusion: "越权", values: [] }) },
  "GET /api/v1/performance/evaluations/:id": { kind: "refused", method: "GET", url: () => `/performance/evaluations/${otherPerformance.evaluationId}` },
  "POST /api/v1/performance/evaluations/:id/rounds": { kind: "refused", method: "POST", url: () => `/performance/evaluations/${otherPerformance.evaluationId}/rounds`, body: () => ({ round: "finance", evaluator: "越权", conclusion: "越权", values: [] }) },
  "GET /api/v1/performance/preparation-advice": { kind: "refused", method: "GET", url: () => `/performance/preparation-advice?roundId=${otherBudget.roundId}` },
  "GET /api/v1/performance/results": { kind: "list", method: "GET", url: "/performance/results?fiscalYear=2100", regionCodes: (b) => b.map((r: { regionCode: string }) => r.regionCode) },
  "POST /api/v1/performance/results/exceptions": { kind: "refused", method: "POST", url: () => "/performance/results/exceptions", body: () => ({ regionCode: "329901102", fiscalYear: otherBudget.year + 1, subjectKind: "project", subjectRef: otherBudget.projectId, reason: "越权" }) },
  "POST /api/v1/performance/rectifications": { kind: "refused", method: "POST", url: () => "/performance/rectifications", body: () => ({ sourceKind: "performanceEvaluation", sourceId: otherPerformance.evaluationId, category: "other", title: "越权", description: "越权", responsiblePerson: "越权", deadlineOn: "2100-01-01" }) },
  "GET /api/v1/rectification/kinds": { kind: "own", method: "GET", url: "/rectification/kinds", note: "the declared kinds and categories, no regional data" },
  "GET /api/v1/hall/matters": { kind: "list", method: "GET", url: "/hall/matters?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/hall/matters/export": { kind: "own", method: "GET", url: "/hall/matters/export", note: "the list's rows, same scope (serviceHall/hall.test.ts)" },
  "GET /api/v1/hall/matters/template": { kind: "own", method: "GET", url: "/hall/matters/template", note: "the import template, no data" },
  "POST /api/v1/hall/matters/import": { kind: "refused", method: "POST", url: () => "/hall/matters/import?regionCode=329901102" },
  "POST /api/v1/hall/matters": { kind: "refused", method: "POST", url: () => "/hall/matters", body: () => ({ regionCode: "329901102", category: "policyQuery", channel: "window", applicantName: "越权", content: "越权受理" }) },
  "GET /api/v1/hall/matters/:id": { kind: "refused", method: "GET", url: () => `/hall/matters/${otherHall.matterId}` },
  "GET /api/v1/hall/matters/:id/slip": { kind: "refused", method: "GET", url: () => `/hall/matters/${otherHall.matterId}/slip` },
  "POST /api/v1/hall/matters/:id/answer": { kind: "refused", method: "POST", url: () => `/hall/matters/${otherHall.matterId}/answer`, body: () => ({ answer: "越权答复" }) },
  "POST /api/v1/hall/matters/:id/follow-up": { kind: "refused", method: "POST", url: () => `/hall/matters/${otherHall.matterId}/follow-up`, body: () => ({ satisfaction: "satisfied" }) },
  "POST /api/v1/public/hall-progress": { kind: "own", method: "POST", url: "/public/hall-progress", note: "public: a resident's own matter by its number and name, kind, status and dates only (serviceHall/hall.test.ts)" },
  "GET /api/v1/hall/stats": { kind: "list", method: "GET", url: "/hall/stats?year=2026", regionCodes: (b) => b.byRegion.map((r: { regionCode: string }) => r.regionCode) },
  "GET /api/v1/rectification/tasks": { kind: "list", method: "GET", url: "/rectification/tasks?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/rectification/tasks/export": { kind: "own", method: "GET", url: "/rectification/tasks/export", note: "the list's rows, same scope (rectification/export.test.ts)" },
  "GET /api/v1/rectification/tasks/:id": { kind: "refused", method: "GET", url: () => `/rectification/tasks/${otherPerformance.taskId}` },
  "POST /api/v1/rectification/tasks/:id/evidence": { kind: "refused", method: "POST", url: () => `/rectification/tasks/${otherPerformance.taskId}/evidence`, body: () => ({ evidence: "越权" }) },
  "POST /api/v1/rectification/attachments": { kind: "refused", method: "POST", url: () => "/rectification/attachments?regionCode=329901102" },
  "GET /api/v1/rectification/attachments/:id/content": { kind: "refused", method: "GET", url: () => `/rectification/attachments/${otherSupervision.attachmentId}/content` },
  "GET /api/v1/rectification/categories": { kind: "own", method: "GET", url: "/rectification/categories", note: "counts over the caller's scope only (rectification/rectification.test.ts compares a township's and the district's)" },
  "POST /api/v1/public/subsidy-query": { kind: "own", method: "POST", url: "/public/subsidy-query", note: "public residents' query: answers only for the ID number and name given, rate-limited (subsidy/public.test.ts)" },
  "GET /api/v1/public/subsidy-articles": { kind: "own", method: "GET", url: "/public/subsidy-articles", note: "public policy articles, no personal data" },
  // Reporting up: a township lists and reads its own reports only; the one-page status shows its own row.
  "GET /api/v1/reporting/kinds": { kind: "own", method: "GET", url: "/reporting/kinds", note: "a catalogue of report kinds, no regional data" },
  "GET /api/v1/reporting/reports": { kind: "list", method: "GET", url: "/reporting/reports?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/reporting/status": { kind: "list", method: "GET", url: "/reporting/status?kind=testHeadcount&period=2026-11", regionCodes: (b) => b.rows.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/reporting/reports/:id": { kind: "refused", method: "GET", url: () => `/reporting/reports/${otherReportId}` },
  "POST /api/v1/reporting/reports": { kind: "refused", method: "POST", url: () => "/reporting/reports", body: () => ({ kind: "testHeadcount", regionCode: "329901102", period: "2026-11" }) },
  "POST /api/v1/reporting/reports/:id/submit": { kind: "refused", method: "POST", url: () => `/reporting/reports/${otherReportId}/submit`, body: () => ({ version: 1, note: "越权上报" }) },
  "POST /api/v1/reporting/reports/:id/accept": { kind: "refused", method: "POST", url: () => `/reporting/reports/${otherReportId}/accept`, body: () => ({}) },
  "POST /api/v1/reporting/reports/:id/return": { kind: "refused", method: "POST", url: () => `/reporting/reports/${otherReportId}/return`, body: () => ({ note: "越权退回" }) },
  // Government debt: lists and the district page are filtered to the township; single debts of another township are OUT_OF_SCOPE.
  "GET /api/v1/final-accounts/:regionCode/:year": { kind: "refused", method: "GET", url: () => "/final-accounts/329901102/2026" },
  "PUT /api/v1/final-accounts/:regionCode/:year/note": { kind: "refused", method: "PUT", url: () => "/final-accounts/329901102/2026/note", body: () => ({ text: "越权填写的决算说明文字内容" }) },
  "GET /api/v1/final-accounts/:regionCode/:year/export": { kind: "refused", method: "GET", url: () => "/final-accounts/329901102/2026/export" },
  "GET /api/v1/final-accounts/district": { kind: "list", method: "GET", url: "/final-accounts/district?year=2026", regionCodes: (b) => b.rows.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/final-accounts/publications": { kind: "list", method: "GET", url: "/final-accounts/publications", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "POST /api/v1/final-accounts/publications": { kind: "refused", method: "POST", url: () => "/final-accounts/publications", body: () => ({ kind: "budget", regionCode: "329901102", year: 2026 }) },
  "GET /api/v1/public/documents": { kind: "own", method: "GET", url: "/public/documents", note: "documents published to residents (预决算公开): public by law, no personal data" },
  "GET /api/v1/debt/debts": { kind: "list", method: "GET", url: "/debt/debts?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/debt/district": { kind: "list", method: "GET", url: "/debt/district", regionCodes: (b) => b.rows.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/debt/debts/export": { kind: "own", method: "GET", url: "/debt/debts/export", note: "the list's rows, filtered by the same scope (debt/debt.test.ts)" },
  "POST /api/v1/debt/schedule-preview": { kind: "own", method: "POST", url: "/debt/schedule-preview", note: "pure computation from the terms sent, no data" },
  "POST /api/v1/debt/debts": { kind: "refused", method: "POST", url: () => "/debt/debts", body: () => ({ regionCode: "329901102", kind: "loan", name: "越权借款", creditorName: "越权银行", documentNo: "X-1", principal: "100", startDate: "2026-01-01" }) },
  "POST /api/v1/debt/debts/import": { kind: "refused", method: "POST", url: () => "/debt/debts/import?regionCode=329901102" },
  "GET /api/v1/debt/debts/:id": { kind: "refused", method: "GET", url: () => `/debt/debts/${otherDebtId}` },
  "PATCH /api/v1/debt/debts/:id": { kind: "refused", method: "PATCH", url: () => `/debt/debts/${otherDebtId}`, body: () => ({ name: "越权改名", reason: "越权" }) },
  "PUT /api/v1/debt/debts/:id/resolution-plan": { kind: "refused", method: "PUT", url: () => `/debt/debts/${otherDebtId}/resolution-plan`, body: () => ({ plan: { documentNo: "X", measures: "越权方案", targets: [{ year: 2026, amount: "1" }] }, reason: "越权" }) },
  "POST /api/v1/debt/debts/:id/schedule": { kind: "refused", method: "POST", url: () => `/debt/debts/${otherDebtId}/schedule`, body: () => ({ annualRate: "1", periods: 2, frequency: "annual", method: "bullet", reason: "越权" }) },
  "POST /api/v1/debt/debts/:id/schedule/import": { kind: "refused", method: "POST", url: () => `/debt/debts/${otherDebtId}/schedule/import` },
  "GET /api/v1/debt/debts/:id/schedule/export": { kind: "refused", method: "GET", url: () => `/debt/debts/${otherDebtId}/schedule/export` },
  "POST /api/v1/debt/debts/:id/repayments": { kind: "refused", method: "POST", url: () => `/debt/debts/${otherDebtId}/repayments`, body: () => ({ period: 1, indicatorId: otherDebtId, principal: "1", interest: "0", payeeAccount: "12345678", payeeBank: "越权银行" }) },
  "GET /api/v1/debt/indicators": { kind: "refused", method: "GET", url: () => "/debt/indicators?regionCode=329901102" },
  "GET /api/v1/debt/capacity": { kind: "refused", method: "GET", url: () => "/debt/capacity?regionCode=329901102&year=2026" },
  // Registers (台账): lists filtered to the township; another township's records and imports refused.
  "GET /api/v1/registers/policy-documents": { kind: "list", method: "GET", url: "/registers/policy-documents?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/registers/tax-sources": { kind: "list", method: "GET", url: "/registers/tax-sources?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/registers/basic-data": { kind: "list", method: "GET", url: "/registers/basic-data?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/registers/overview": { kind: "list", method: "GET", url: "/registers/overview?year=2026", regionCodes: (b) => b.rows.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/registers/tax-ranking": { kind: "own", method: "GET", url: "/registers/tax-ranking?year=2026", note: "sums of the caller's scope only (registers.test.ts); another township's region answers OUT_OF_SCOPE" },
  "GET /api/v1/registers/policy-documents/export": { kind: "own", method: "GET", url: "/registers/policy-documents/export", note: "the list's rows, same scope" },
  "GET /api/v1/registers/tax-sources/export": { kind: "own", method: "GET", url: "/registers/tax-sources/export", note: "the list's rows, same scope" },
  "GET /api/v1/registers/basic-data/export": { kind: "own", method: "GET", url: "/registers/basic-data/export", note: "the list's rows, same scope" },
  "GET /api/v1/registers/history": { kind: "own", method: "GET", url: "/registers/history?register=policyDocument&recordKey=x", note: "history rows filtered by the caller's scope" },
  "POST /api/v1/registers/policy-documents": { kind: "refused", method: "POST", url: () => "/registers/policy-documents", body: () => ({ regionCode: "329901102", documentNo: "越权1号", title: "越权文件", issuer: "越权机关", level: "district", issuedDate: "2026-01-01", effectiveDate: "2026-01-01" }) },
  "POST /api/v1/registers/policy-documents/import": { kind: "refused", method: "POST", url: () => "/registers/policy-documents/import?regionCode=329901102" },
  "GET /api/v1/registers/policy-documents/:id": { kind: "refused", method: "GET", url: () => `/registers/policy-documents/${otherRegisters.policyId}` },
  "PATCH /api/v1/registers/policy-documents/:id": { kind: "refused", method: "PATCH", url: () => `/registers/policy-documents/${otherRegisters.policyId}`, body: () => ({ title: "越权改名", reason: "越权" }) },
  "PUT /api/v1/registers/policy-documents/:id/file": { kind: "refused", method: "PUT", url: () => `/registers/policy-documents/${otherRegisters.policyId}/file?fileName=x.pdf` },
  "GET /api/v1/registers/policy-documents/:id/file": { kind: "refused", method: "GET", url: () => `/registers/policy-documents/${otherRegisters.policyId}/file` },
  "POST /api/v1/registers/tax-sources": { kind: "refused", method: "POST", url: () => "/registers/tax-sources", body: () => ({ regionCode: "329901102", creditCode: demoCreditCode("1", 951), name: "越权企业", kind: "enterprise", industry: "制造业" }) },
  "GET /api/v1/registers/tax-sources/:id": { kind: "refused", method: "GET", url: () => `/registers/tax-sources/${otherRegisters.taxSourceId}` },
  "POST /api/v1/registers/tax-payments/import": { kind: "refused", method: "POST", url: () => "/registers/tax-payments/import?regionCode=329901102" },
  "GET /api/v1/registers/revenue-estimate": { kind: "refused", method: "GET", url: () => "/registers/revenue-estimate?year=2027&regionCode=329901102" },
  "PUT /api/v1/registers/basic-data": { kind: "refused", method: "PUT", url: () => "/registers/basic-data", body: () => ({ regionCode: "329901102201", year: 2026, population: 1, households: 1, farmlandMu: "1", forestMu: "0" }) },
  "POST /api/v1/registers/basic-data/import": { kind: "refused", method: "POST", url: () => "/registers/basic-data/import?regionCode=329901102" },
  // 财园信贷通 is the district's: a township user is refused every route (403, nothing written).
  "GET /api/v1/park-credit/banks": { kind: "refused", method: "GET", url: () => "/park-credit/banks" },
  "POST /api/v1/park-credit/banks": { kind: "refused", method: "POST", url: () => "/park-credit/banks", body: () => ({ name: "越权银行", agreementNo: "越权", fundSharePercent: "80" }) },
  "GET /api/v1/park-credit/banks/:id": { kind: "refused", method: "GET", url: () => `/park-credit/banks/${NOWHERE}` },
  "POST /api/v1/park-credit/banks/:id/fund": { kind: "refused", method: "POST", url: () => `/park-credit/banks/${NOWHERE}/fund`, body: () => ({ kind: "deposit", amount: "1.00", date: "2026-01-01", documentNo: "越权" }) },
  "GET /api/v1/park-credit/fund-movements": { kind: "refused", method: "GET", url: () => "/park-credit/fund-movements" },
  "GET /api/v1/park-credit/loans": { kind: "refused", method: "GET", url: () => "/park-credit/loans" },
  "GET /api/v1/park-credit/loans/export": { kind: "refused", method: "GET", url: () => "/park-credit/loans/export" },
  "POST /api/v1/park-credit/loans": { kind: "refused", method: "POST", url: () => "/park-credit/loans", body: () => ({}) },
  "GET /api/v1/park-credit/loans/:id": { kind: "refused", method: "GET", url: () => `/park-credit/loans/${NOWHERE}` },
  "POST /api/v1/park-credit/loans/:id/repayments": { kind: "refused", method: "POST", url: () => `/park-credit/loans/${NOWHERE}/repayments`, body: () => ({ amount: "1.00", date: "2026-01-01" }) },
  "POST /api/v1/park-credit/loans/:id/overdue": { kind: "refused", method: "POST", url: () => `/park-credit/loans/${NOWHERE}/overdue`, body: () => ({ date: "2026-01-01", note: "越权" }) },
  "POST /api/v1/park-credit/loans/:id/default": { kind: "refused", method: "POST", url: () => `/park-credit/loans/${NOWHERE}/default`, body: () => ({ date: "2026-01-01", note: "越权" }) },
  "POST /api/v1/park-credit/loans/:id/compensation": { kind: "refused", method: "POST", url: () => `/park-credit/loans/${NOWHERE}/compensation`, body: () => ({ date: "2026-01-01", documentNo: "越权" }) },
  "POST /api/v1/park-credit/loans/:id/recoveries": { kind: "refused", method: "POST", url: () => `/park-credit/loans/${NOWHERE}/recoveries`, body: () => ({ recovered: "1.00", date: "2026-01-01", documentNo: "越权" }) },
  "GET /api/v1/park-credit/figures": { kind: "refused", method: "GET", url: () => "/park-credit/figures" },
  "POST /api/v1/debt/capacity": { kind: "refused", method: "POST", url: () => "/debt/capacity", body: () => ({ regionCode: "329901102", year: 2026, generalRevenue: "1", transferRevenue: "0", fundRevenue: "0", stateCapitalRevenue: "0" }) },
  // Fund supervision: a township sees and runs only its own; closing, suppressing and thresholds are the district's.
  "GET /api/v1/supervision/rules": { kind: "refused", method: "GET", url: () => "/supervision/rules?regionCode=329901102" },
  "PUT /api/v1/supervision/thresholds/:key": { kind: "refused", method: "PUT", url: () => "/supervision/thresholds/supervision.splitPayment.windowDays", body: () => ({ regionCode: "329901102", value: 90 }) },
  "DELETE /api/v1/supervision/thresholds/:key": { kind: "refused", method: "DELETE", url: () => "/supervision/thresholds/supervision.splitPayment.windowDays?regionCode=329901102" },
  "POST /api/v1/supervision/runs": { kind: "refused", method: "POST", url: () => "/supervision/runs", body: () => ({ regionCode: "329901102" }) },
  "GET /api/v1/supervision/runs": { kind: "list", method: "GET", url: "/supervision/runs?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/supervision/alerts": { kind: "list", method: "GET", url: "/supervision/alerts?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/supervision/alerts/export": { kind: "own", method: "GET", url: "/supervision/alerts/export", note: "an Excel file of the caller's scope, built by the same query as the list (supervision/routes.test.ts)" },
  "GET /api/v1/supervision/alerts/:id": { kind: "refused", method: "GET", url: () => `/supervision/alerts/${otherSupervision.alertId}` },
  "GET /api/v1/supervision/suppressions": { kind: "list", method: "GET", url: "/supervision/suppressions?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "POST /api/v1/supervision/suppressions": { kind: "refused", method: "POST", url: () => "/supervision/suppressions", body: () => ({ alertId: otherSupervision.alertId, reason: "越权屏蔽", expiresOn: "2099-01-01" }) },
  "POST /api/v1/supervision/suppressions/:id/revoke": { kind: "refused", method: "POST", url: () => "/supervision/suppressions/00000000-0000-7000-8000-000000000001/revoke", body: () => ({ reason: "越权撤销" }) },
  "GET /api/v1/supervision/report": { kind: "refused", method: "GET", url: () => "/supervision/report?regionCode=329901102&from=2026-01-01&to=2026-12-31" },
  "GET /api/v1/supervision/report/export": { kind: "refused", method: "GET", url: () => "/supervision/report/export?regionCode=329901102&from=2026-01-01&to=2026-12-31" },
  "GET /api/v1/supervision/dashboard": { kind: "list", method: "GET", url: "/supervision/dashboard?year=2026", regionCodes: (b) => b.townships.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/supervision/reports": { kind: "list", method: "GET", url: "/supervision/reports?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/supervision/reports/:regionCode/:period": { kind: "refused", method: "GET", url: () => "/supervision/reports/329901102/2026-11" },
};

describe("data scope on every route", () => {
  it("has a probe for every registered API route, and no probe for a route that does not exist", () => {
    const api = t.app.routeList.filter((r) => r.includes("/api/v1/"));
    expect(api.length).toBeGreaterThan(20);
    for (const route of api) expect(Object.keys(probes), `add a scope probe for ${route}`).toContain(route);
    for (const probe of Object.keys(probes)) expect(api, `stale probe ${probe}`).toContain(probe);
  });

  it("lets a township user list only its own township's rows", async () => {
    for (const [route, probe] of Object.entries(probes)) {
      if (probe.kind !== "list") continue;
      const res = await director.get(probe.url);
      expect(res.status, route).toBe(200);
      const codes = probe.regionCodes(res.body);
      for (const code of codes) expect(code.startsWith("329901101"), `${route} leaked ${code}`).toBe(true);
    }
  });

  it("refuses a township user every read and write of another township's rows, and changes nothing", async () => {
    const countAudit = async () => (await t.database.db.select({ n: sql<bigint>`count(*)` }).from(auditLog))[0]!.n;
    const before = await countAudit();
    for (const [route, probe] of Object.entries(probes)) {
      if (probe.kind !== "refused") continue;
      const res = await director.request(probe.method, probe.url(), probe.body?.());
      expect([403, 404], `${route} answered ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
      expect(["OUT_OF_SCOPE", "FORBIDDEN"], route).toContain(res.body.code);
    }
    expect(await countAudit()).toBe(before);
    const [otherUser] = await t.database.db.select().from(appUser).where(eq(appUser.id, other.userId));
    expect(otherUser).toMatchObject({ displayName: "高明", mustChangePassword: false });
    const task = await supervisor.get(`/flow/instances/${other.instanceId}`);
    expect(task.body).toMatchObject({ state: "submitted", ownerName: "高明" });
  });

  it("verifies the audit chain over the caller's scope only", async () => {
    const mine = await director.post("/audit/verify");
    const all = await supervisor.post("/audit/verify");
    expect(mine.body).toMatchObject({ ok: true, regions: 1 });
    expect(all.body.ok).toBe(true);
    expect(all.body.regions).toBeGreaterThan(mine.body.regions);
  });

  it("signs a checkpoint of the caller's chains only, which verify then checks", async () => {
    const mine = await director.post("/audit/checkpoint");
    expect(mine.status).toBe(200);
    expect(mine.headers["x-district-copies"]).toBe("0");
    expect(mine.body.heads.map((h: { regionCode: string }) => h.regionCode)).toEqual(["329901101"]);
    const all = await supervisor.post("/audit/checkpoint");
    expect(all.headers["x-district-copies"]).toBe("1");
    expect(all.body.heads.length).toBeGreaterThan(10);
    expect((await supervisor.post("/audit/verify", { checkpoint: all.body })).body).toMatchObject({ ok: true });
    const forged = { ...all.body, heads: all.body.heads.slice(1) };
    expect((await supervisor.post("/audit/verify", { checkpoint: forged })).body).toMatchObject({ status: 400, code: "VALIDATION_FAILED" });
  });

  it("lets a district user see every township", async () => {
    const regions = await supervisor.get("/org/regions?level=township&pageSize=100");
    expect(regions.body.total).toBe(14);
    const units = await supervisor.get("/org/budget-units?pageSize=100");
    expect(new Set(units.body.items.map((u: { regionCode: string }) => u.regionCode)).size).toBe(14);
    const overdue = await supervisor.get("/flow/overdue");
    expect(overdue.body.items.some((i: { regionCode: string }) => i.regionCode === "329901101")).toBe(true);
    expect((await supervisor.get(`/flow/instances/${other.instanceId}`)).status).toBe(200);
  });
});
