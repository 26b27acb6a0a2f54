// Proves data scope on every route that exists: a township user (青禾镇) can neither read nor change
// another township's (白塔镇) data, whatever the route, while a district user sees all townships.
// The route table below must list every registered route: a new route fails this test until added.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../test/http.ts";
import { appUser } from "./identity/tables.ts";
import { demoCreditCode } from "./demo/seed.ts";
import { auditLog } from "./audit/tables.ts";

let t: TestApp;
let director: ApiClient;
let supervisor: ApiClient;
const other: { userId: string; instanceId: string; budgetUnitId: string } = { userId: "", instanceId: "", budgetUnitId: "" };

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
