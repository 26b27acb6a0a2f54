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

let t: TestApp;
let director: ApiClient;
let supervisor: ApiClient;
const other: { userId: string; instanceId: string; budgetUnitId: string } = { userId: "", instanceId: "", budgetUnitId: "" };
const otherBudget = { roundId: "", lineId: "", indicatorId: "", paymentId: "", projectId: "", year: 0 };
let otherAttachmentId = "";

beforeAll(async () => {
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
  otherAttachmentId = (await storeAttachment(t.database.db, { regionCode: "329901102", ownerKind: "treasury.payment", fileName: "白塔镇发票.pdf", bytes: Buffer.from("%PDF-1.4 scope probe"), uploadedBy: other.userId })).id;
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
  "POST /api/v1/users": { kind: "refused", method: "POST", url: () => "/users", body: () => ({ username: "intruder", displayName: "越权", regionCode: "329901102", roles: ["cashier"], password: "Intruder2026x" }) },
  "PATCH /api/v1/users/:id": { kind: "refused", method: "PATCH", url: () => `/users/${other.userId}`, body: () => ({ displayName: "改名" }) },
  "POST /api/v1/users/:id/reset-password": { kind: "refused", method: "POST", url: () => `/users/${other.userId}/reset-password`, body: () => ({ newPassword: "Hijacked2026x" }) },
  "POST /api/v1/users/:id/unlock": { kind: "refused", method: "POST", url: () => `/users/${other.userId}/unlock` },
  "GET /api/v1/org/regions": { kind: "list", method: "GET", url: "/org/regions?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/org/regions/:code": { kind: "refused", method: "GET", url: () => "/org/regions/329901102" },
  "POST /api/v1/org/regions": { kind: "refused", method: "POST", url: () => "/org/regions", body: () => ({ regionCode: "329901102209", name: "越权村" }) },
  "PATCH /api/v1/org/regions/:code": { kind: "refused", method: "PATCH", url: () => "/org/regions/329901102", body: () => ({ name: "改名镇" }) },
  "GET /api/v1/org/budget-units": { kind: "list", method: "GET", url: "/org/budget-units?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "POST /api/v1/org/budget-units": { kind: "refused", method: "POST", url: () => "/org/budget-units", body: () => ({ regionCode: "329901102", creditCode: demoCreditCode("2", 901), name: "越权单位", kind: "other" }) },
  "GET /api/v1/flow/todo": { kind: "list", method: "GET", url: "/flow/todo?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/flow/overdue": { kind: "list", method: "GET", url: "/flow/overdue?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/flow/owned": { kind: "list", method: "GET", url: "/flow/owned?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/flow/instances/:id": { kind: "refused", method: "GET", url: () => `/flow/instances/${other.instanceId}` },
  "POST /api/v1/flow/instances/:id/transitions": { kind: "refused", method: "POST", url: () => `/flow/instances/${other.instanceId}/transitions`, body: () => ({ action: "approve", expectedState: "submitted" }) },
  "POST /api/v1/flow/instances/:id/handover": { kind: "refused", method: "POST", url: () => `/flow/instances/${other.instanceId}/handover`, body: () => ({ toUserId: other.userId, note: "越权转交" }) },
  "GET /api/v1/flow/instances/:id/handover-candidates": { kind: "refused", method: "GET", url: () => `/flow/instances/${other.instanceId}/handover-candidates` },
  "GET /api/v1/audit": { kind: "list", method: "GET", url: "/audit?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "GET /api/v1/settings": { kind: "refused", method: "GET", url: () => "/settings?regionCode=329901102" },
  "PUT /api/v1/settings/:key": { kind: "refused", method: "PUT", url: () => "/settings/flow.deadlines", body: () => ({ regionCode: "329901102", value: {} }) },
  "DELETE /api/v1/settings/:key": { kind: "refused", method: "DELETE", url: () => "/settings/flow.deadlines?regionCode=329901102" },
  "POST /api/v1/audit/verify": { kind: "own", method: "POST", url: "/audit/verify", note: "verifies the caller's scope only (checked below)" },
  "GET /api/v1/ledger/sets": { kind: "list", method: "GET", url: "/ledger/sets?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "POST /api/v1/ledger/sets": { kind: "refused", method: "POST", url: () => "/ledger/sets", body: () => ({ regionCode: "329901102", code: "INTRUDER", name: "越权账套", year: 2026 }) },
  "GET /api/v1/ledger/sets/:setId": { kind: "refused", method: "GET", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}` },
  "GET /api/v1/ledger/sets/:setId/accounts": { kind: "refused", method: "GET", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/accounts` },
  "POST /api/v1/ledger/sets/:setId/accounts": { kind: "refused", method: "POST", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/accounts`, body: () => ({ parentCode: "1002", code: "100299", name: "越权" }) },
  "PATCH /api/v1/ledger/sets/:setId/accounts/:code": { kind: "refused", method: "PATCH", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/accounts/5001`, body: () => ({ requiredAux: ["project"] }) },
  "POST /api/v1/ledger/sets/:setId/chart-import": { kind: "refused", method: "POST", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/chart-import`, body: () => ({ csv: "code,name,basis,category,normal_side\n1002,银行存款,financial,asset,debit\n100299,越权,financial,asset,debit\n" }) },
  "GET /api/v1/ledger/sets/:setId/opening-balances": { kind: "refused", method: "GET", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/opening-balances` },
  "PUT /api/v1/ledger/sets/:setId/opening-balances": { kind: "refused", method: "PUT", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/opening-balances`, body: () => ({ lines: [] }) },
  "POST /api/v1/ledger/sets/:setId/periods/:year/:month/close": { kind: "refused", method: "POST", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/periods/2026/1/close` },
  "POST /api/v1/ledger/sets/:setId/periods/:year/:month/reopen": { kind: "refused", method: "POST", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/periods/2026/1/reopen`, body: () => ({ note: "越权反结账" }) },
  "POST /api/v1/ledger/sets/:setId/years/:year/close": { kind: "refused", method: "POST", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/years/2026/close` },
  "GET /api/v1/ledger/sets/:setId/trial-balance": { kind: "refused", method: "GET", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/trial-balance?from=2026-01&to=2026-12` },
  "GET /api/v1/ledger/sets/:setId/books/:book": { kind: "refused", method: "GET", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/books/general?from=2026-01&to=2026-12` },
  "GET /api/v1/ledger/sets/:setId/statements/:statement": { kind: "refused", method: "GET", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/statements/balance-sheet?from=2026-01&to=2026-12` },
  "GET /api/v1/ledger/sets/:setId/excel": { kind: "refused", method: "GET", url: () => `/ledger/sets/${DEMO_LEDGER_IDS.baitaSet}/excel?report=trial-balance&from=2026-01&to=2026-12` },
  "GET /api/v1/ledger/vouchers": { kind: "list", method: "GET", url: "/ledger/vouchers?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
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
  "POST /api/v1/budget/projects": { kind: "refused", method: "POST", url: () => "/budget/projects", body: () => ({ regionCode: "329901102", budgetUnitId: otherBudget.projectId, name: "越权项目", category: "other", description: "越权", functionalCode: "2130122", plannedTotal: "1.00", startYear: otherBudget.year, endYear: otherBudget.year }) },
  "GET /api/v1/budget/projects/:id": { kind: "refused", method: "GET", url: () => `/budget/projects/${otherBudget.projectId}` },
  "POST /api/v1/budget/projects/:id/assessments": { kind: "refused", method: "POST", url: () => `/budget/projects/${otherBudget.projectId}/assessments`, body: () => ({ necessity: 20, economy: 20, target: 20, feasibility: 20, financing: 20, conclusion: "越权", assessor: "越权", assessedOn: "2026-01-01" }) },
  "GET /api/v1/budget/economic-mapping": { kind: "own", method: "GET", url: "/budget/economic-mapping?code=30101", note: "the published 30x ↔ 50x table, reference data with no township rows" },
  "GET /api/v1/budget/execution": { kind: "list", method: "GET", url: "/budget/execution?fiscalYear=2026&by=township", regionCodes: (b) => b.rows.map((r: { key: string }) => r.key) },
  "GET /api/v1/budget/execution/export": { kind: "own", method: "GET", url: "/budget/execution/export?fiscalYear=2026&by=township", note: "the same rows as GET /budget/execution, probed above" },
  "GET /api/v1/treasury/payments": { kind: "list", method: "GET", url: "/treasury/payments?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
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
  "POST /api/v1/treasury/quotas": { kind: "refused", method: "POST", url: () => "/treasury/quotas", body: () => ({}) },
  // Subsidies: lists by region; single rows of another township answer OUT_OF_SCOPE (subsidy/scope.test.ts checks them on real 白塔镇 rows).
  "GET /api/v1/subsidy/items": { kind: "list", method: "GET", url: "/subsidy/items?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
  "POST /api/v1/subsidy/items": { kind: "refused", method: "POST", url: () => "/subsidy/items", body: () => ({ regionCode: "329901102", code: "X1", name: "越权项目", basis: "person", unit: "人", standard: "1.00", periodKind: "year", fundSource: "区级" }) },
  "PATCH /api/v1/subsidy/items/:regionCode/:code": { kind: "refused", method: "PATCH", url: () => "/subsidy/items/329901102/GDDLBH", body: () => ({ name: "改名" }) },
  "GET /api/v1/subsidy/recipients": { kind: "list", method: "GET", url: "/subsidy/recipients?pageSize=100", regionCodes: (b) => b.items.map((i: { regionCode: string }) => i.regionCode) },
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
  "POST /api/v1/public/subsidy-query": { kind: "own", method: "POST", url: "/public/subsidy-query", note: "public residents' query: answers only for the ID number and name given, rate-limited (subsidy/public.test.ts)" },
  "GET /api/v1/public/subsidy-articles": { kind: "own", method: "GET", url: "/public/subsidy-articles", note: "public policy articles, no personal data" },
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
