// Proves the edge of the API: malformed JSON, unknown fields, wrong types, oversize bodies, wrong
// content types and SQL metacharacters all get a clear 4xx problem+json with a stable code and a
// Chinese message, and change nothing; unknown API paths are 404 problems; the web app's client
// routes fall back to its page; the OpenAPI document is served.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { auditLog } from "../audit/index.ts";
import { budgetUnit } from "../org/index.ts";
import { demoCreditCode } from "../demo/seed.ts";
import { BODY_LIMIT_BYTES } from "./http.ts";

let t: TestApp;
let clerk: ApiClient;
beforeAll(async () => {
  t = await startTestApp("demo");
  clerk = await loginAs(t.app, "budget");
});
afterAll(async () => t?.close());

const counts = async () => ({
  audit: (await t.database.db.select({ n: sql<bigint>`count(*)` }).from(auditLog))[0]!.n,
  units: (await t.database.db.select({ n: sql<bigint>`count(*)` }).from(budgetUnit))[0]!.n,
});

const valid = () => ({ regionCode: "329901101", creditCode: demoCreditCode("2", 700), name: "青禾镇边界测试站", kind: "publicInstitution" });

function expectProblem(res: { status: number; body: any; headers: Record<string, unknown> }, status: number, code: string) { // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(res.status).toBe(status);
  expect(String(res.headers["content-type"])).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code });
  expect(res.body.detail).toMatch(/[\u4e00-\u9fff]/);
}

describe("bad input", () => {
  it("answers malformed JSON with MALFORMED_JSON and changes nothing", async () => {
    const before = await counts();
    const res = await clerk.request("POST", "/org/budget-units", '{"regionCode": "329901101", ', { "content-type": "application/json" });
    expectProblem(res, 400, "MALFORMED_JSON");
    expect(await counts()).toEqual(before);
  });

  it("refuses unknown fields, naming them", async () => {
    const res = await clerk.post("/org/budget-units", { ...valid(), status: "active" });
    expectProblem(res, 400, "VALIDATION_FAILED");
    expect(res.body.errors).toEqual([{ path: "status", message: "不允许的字段" }]);
  });

  it("refuses wrong types and missing fields, per field", async () => {
    const res = await clerk.post("/org/budget-units", { regionCode: 329901101, name: ["x"], kind: "palace" });
    expectProblem(res, 400, "VALIDATION_FAILED");
    expect([...new Set(res.body.errors.map((e: { path: string }) => e.path))].sort()).toEqual(["creditCode", "kind", "name", "regionCode"]);
  });

  it("refuses a body over the limit with BODY_TOO_LARGE", async () => {
    const before = await counts();
    const res = await clerk.post("/org/budget-units", { ...valid(), name: "长".repeat(BODY_LIMIT_BYTES) });
    expectProblem(res, 413, "BODY_TOO_LARGE");
    expect(await counts()).toEqual(before);
  });

  it("refuses a body that is not JSON with UNSUPPORTED_MEDIA_TYPE", async () => {
    const res = await clerk.request("POST", "/org/budget-units", "regionCode=329901101", { "content-type": "application/x-www-form-urlencoded" });
    expectProblem(res, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("treats SQL metacharacters as plain text in searches and in stored names", async () => {
    const before = await counts();
    const search = await clerk.get(`/org/budget-units?q=${encodeURIComponent("'; drop table budget_unit; --")}`);
    expect(search).toMatchObject({ status: 200, body: { total: 0, items: [] } });
    const wildcard = await clerk.get(`/org/budget-units?q=${encodeURIComponent("%")}`);
    expect(wildcard.body.total).toBe(0);
    const created = await clerk.post("/org/budget-units", { ...valid(), name: "x'); delete from region; --" });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe("x'); delete from region; --");
    const after = await counts();
    expect(after.units).toBe(before.units + 1n);
    const regions = await clerk.get("/org/regions?level=township");
    expect(regions.status).toBe(200);
  });

  it("refuses bad query parameters and path parameters with 400, not 500", async () => {
    expectProblem(await clerk.get("/org/budget-units?pageSize=1000"), 400, "VALIDATION_FAILED");
    expectProblem(await clerk.get("/org/budget-units?page=0"), 400, "VALIDATION_FAILED");
    expectProblem(await clerk.get("/org/budget-units?page=abc"), 400, "VALIDATION_FAILED");
    expectProblem(await clerk.get("/flow/instances/not-a-uuid"), 400, "VALIDATION_FAILED");
    expectProblem(await clerk.get("/org/regions/12345"), 400, "VALIDATION_FAILED");
    // A control character is refused at the edge with its own code (docs/security.md, promise 18).
    expectProblem(await clerk.get(`/org/budget-units?q=${encodeURIComponent("a\u0001b")}`), 400, "CONTROL_CHARACTER");
  });

  it("answers an unknown API path with a NOT_FOUND problem", async () => {
    expectProblem(await clerk.get("/no/such/thing"), 404, "NOT_FOUND");
  });

  it("refuses anonymous access to data with NOT_AUTHENTICATED", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/org/regions" });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: "NOT_AUTHENTICATED" });
  });
});

describe("served documents", () => {
  it("serves the OpenAPI document with the API's paths", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/docs/json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/auth/login", "/api/v1/org/budget-units", "/api/v1/flow/todo"]));
  });

  it("answers health without a login", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/health" });
    expect(res.json()).toMatchObject({ status: "ok", database: t.database.kind });
  });

  it("answers a client route with a page, not a JSON error", async () => {
    const res = await t.app.inject({ method: "GET", url: "/todo" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
  });
});
