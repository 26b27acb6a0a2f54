// Proves the settings page: every declared rule is listed with its effective value and source; a
// township value overrides the district's and a reset falls back; values are validated by the rule
// itself; only settings.manage may change them, at the levels the rule allows, inside the scope;
// every change is audited with before and after.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";

let t: TestApp;
let admin: ApiClient;
let director: ApiClient;
beforeAll(async () => {
  t = await startTestApp("demo");
  admin = await loginAs(t.app, "admin");
  director = await loginAs(t.app, "director");
});
afterAll(async () => t?.close());

const find = (body: { items: { key: string }[] }, key: string) => body.items.find((i) => i.key === key) as Record<string, unknown>;

describe("settings", () => {
  it("lists the foundation's rules with effective values and where they come from", async () => {
    const res = await director.get("/settings");
    expect(res.status).toBe(200);
    expect(find(res.body, "security.totpRequiredRoles")).toMatchObject({ kind: "roleList", value: [], source: "329901000", fallback: ["townshipDirector", "districtAdmin"], editable: false });
    expect(find(res.body, "calendar")).toMatchObject({ kind: "calendar", source: "default", editable: false });
    expect(find(res.body, "flow.deadlines")).toMatchObject({ kind: "integerMap", value: {}, source: "default", own: null, editable: true });
  });

  it("lets a township override the district and fall back after a reset", async () => {
    const district = await admin.put("/settings/flow.deadlines", { regionCode: "329901000", value: { "budgetUnitRegistration.submitted": 5 } });
    expect(find(district.body, "flow.deadlines")).toMatchObject({ value: { "budgetUnitRegistration.submitted": 5 }, source: "329901000" });
    const own = await director.request("PUT", "/settings/flow.deadlines", { regionCode: "329901101", value: { "budgetUnitRegistration.submitted": 2 } });
    expect(find(own.body, "flow.deadlines")).toMatchObject({ value: { "budgetUnitRegistration.submitted": 2 }, source: "329901101", own: { "budgetUnitRegistration.submitted": 2 } });
    const other = await admin.get("/settings?regionCode=329901102");
    expect(find(other.body, "flow.deadlines")).toMatchObject({ value: { "budgetUnitRegistration.submitted": 5 }, source: "329901000" });
    const reset = await director.request("DELETE", "/settings/flow.deadlines?regionCode=329901101");
    expect(find(reset.body, "flow.deadlines")).toMatchObject({ source: "329901000", own: null });
    const audit = await admin.get("/audit?entityType=setting&entityId=flow.deadlines");
    expect(audit.body.items.map((i: { action: string }) => i.action)).toEqual(["setting.reset", "setting.changed", "setting.changed"]);
    expect(audit.body.items[0]).toMatchObject({ before: { "budgetUnitRegistration.submitted": 2 }, after: null });
  });

  it("refuses a value its rule rejects, with the rule's reason, and changes nothing", async () => {
    for (const value of [{ "budgetUnitRegistration.submitted": 0 }, { "bad key": 3 }, [1], "7"]) {
      const res = await director.request("PUT", "/settings/flow.deadlines", { regionCode: "329901101", value });
      expect(res.body).toMatchObject({ status: 400, code: "VALIDATION_FAILED", errors: [{ path: "value" }] });
    }
    const roles = await admin.put("/settings/security.totpRequiredRoles", { regionCode: "329901000", value: ["emperor"] });
    expect(roles.body.code).toBe("VALIDATION_FAILED");
    const calendar = await admin.put("/settings/calendar", { regionCode: "329901000", value: { holidays: ["2026-02-30"] } });
    expect(calendar.body.code).toBe("VALIDATION_FAILED");
    expect(find((await director.get("/settings")).body, "flow.deadlines")).toMatchObject({ own: null });
  });

  it("keeps district-level rules at the district and unknown keys out", async () => {
    expect((await director.request("PUT", "/settings/calendar", { regionCode: "329901101", value: { holidays: [] } })).body.code).toBe("FORBIDDEN");
    expect((await admin.put("/settings/no.such.key", { regionCode: "329901000", value: 1 })).body).toMatchObject({ status: 404, code: "NOT_FOUND" });
    const clerk = await loginAs(t.app, "budget");
    expect((await clerk.request("PUT", "/settings/flow.deadlines", { regionCode: "329901101", value: {} })).body.code).toBe("FORBIDDEN");
  });

  it("stores a calendar as it reads it back, and shows it as lists of days", async () => {
    const res = await admin.put("/settings/calendar", { regionCode: "329901000", value: { holidays: ["2027-01-01", "2026-12-31"], extraWorkdays: ["2027-01-09"] } });
    expect(res.status).toBe(200);
    expect(find(res.body, "calendar")).toMatchObject({ value: { holidays: ["2026-12-31", "2027-01-01"], extraWorkdays: ["2027-01-09"] }, source: "329901000" });
    const again = await director.get("/settings");
    expect(find(again.body, "calendar")).toMatchObject({ value: { holidays: ["2026-12-31", "2027-01-01"], extraWorkdays: ["2027-01-09"] } });
  });
});

/** Words a person may read in a setting's name or description: product and file names, not keys. */
const ENGLISH_WORD = /\b(?!Excel\b|CSV\b|PDF\b|TOTP\b)[A-Za-z]{3,}\b/;

describe("every setting is a form a person reads in Chinese", () => {
  it("declares the labels its kind needs, matching the default value's shape, and its texts have no English keys", async () => {
    const res = await admin.get("/settings");
    expect(res.status).toBe(200);
    const items = res.body.items as { key: string; name: string; description: string; kind: string; fallback: unknown; form: { options?: { value: string }[]; fields?: { key: string }[]; rows?: { key: string; fallback?: number }[] } }[];
    expect(items.length).toBeGreaterThan(20);
    const keysOf = (v: unknown) => Object.keys(v as object).sort();
    for (const s of items) {
      const where = `${s.key} (${s.kind})`;
      expect(ENGLISH_WORD.exec(`${s.name} ${s.description}`), where).toBeNull();
      const { options, fields, rows } = s.form;
      switch (s.kind) {
        case "decimal":
          expect(typeof s.fallback, where).toBe("string");
          break;
        case "choice":
          expect(options?.map((o) => o.value), where).toContain(s.fallback);
          break;
        case "fields":
          expect(fields?.map((f) => f.key).sort(), where).toEqual(keysOf(s.fallback));
          break;
        case "table":
          expect(rows?.map((r) => r.key).sort(), where).toEqual(keysOf(s.fallback));
          for (const row of Object.values(s.fallback as object)) expect(fields?.map((f) => f.key).sort(), where).toEqual(keysOf(row));
          break;
        case "integerMap":
          expect(rows?.length, where).toBeGreaterThan(0);
          expect(new Set(rows?.map((r) => r.key)).size, where).toBe(rows?.length);
          break;
        case "bankLayouts":
          expect(options?.length, where).toBeGreaterThan(0);
          break;
        default:
          expect(["integer", "roleList", "calendar"], where).toContain(s.kind);
      }
    }
  });

  it("lists each flow step's time limit and each report's deadline by its Chinese name, and accepts a value for any listed key", async () => {
    const res = await admin.get("/settings");
    const deadlines = find(res.body, "flow.deadlines") as { form: { rows: { key: string; label: string; fallback: number }[] } };
    expect(deadlines.form.rows).toContainEqual(expect.objectContaining({ key: "budgetUnitRegistration.submitted", label: expect.stringMatching(/预算单位.* · /) }));
    const value = Object.fromEntries(deadlines.form.rows.map((r) => [r.key, r.fallback]));
    expect((await admin.put("/settings/flow.deadlines", { regionCode: "329901000", value })).status).toBe(200);
    const reports = find(res.body, "reporting.deadlineDays") as { form: { rows: { key: string; label: string; fallback: number }[] } };
    expect(reports.form.rows).toContainEqual(expect.objectContaining({ key: "debtMonthly", label: "债务月报" }));
    const days = Object.fromEntries(reports.form.rows.map((r) => [r.key, r.fallback]));
    expect((await admin.put("/settings/reporting.deadlineDays", { regionCode: "329901000", value: days })).status).toBe(200);
    expect((await admin.request("DELETE", "/settings/flow.deadlines?regionCode=329901000")).status).toBe(200);
    expect((await admin.request("DELETE", "/settings/reporting.deadlineDays?regionCode=329901000")).status).toBe(200);
  });
});
