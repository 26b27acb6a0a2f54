// Proves the subsidy rules are settings the office edits on the settings page: listed with their
// defaults, changed per township (a village roster reads its township's value), validated by the
// rule itself at the boundaries with a Chinese reason, and nothing stored when refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { defaultBankLayouts, NOTICE_DAYS_DEFAULT } from "./rules.ts";
import { ROSTER_ROWS_MAX_DEFAULT } from "./check.ts";
import { bankLayouts, noticeDays, parseBankLayouts, rosterRowsMax } from "./settings.ts";

let t: TestApp;
let director: ApiClient;
let admin: ApiClient;
beforeAll(async () => {
  t = await startTestApp("demo");
  director = await loginAs(t.app, "director");
  admin = await loginAs(t.app, "admin");
});
afterAll(async () => t?.close());

const find = (body: { items: { key: string }[] }, key: string) => body.items.find((i) => i.key === key) as Record<string, unknown>;

describe("subsidy settings on the settings page", () => {
  it("lists the notice days, the roster row limit and the bank layouts with their defaults", async () => {
    const res = await director.get("/settings");
    expect(res.status).toBe(200);
    expect(find(res.body, "subsidy.noticeDays")).toMatchObject({ kind: "integer", name: "补贴公示天数", value: NOTICE_DAYS_DEFAULT, source: "default", editable: true });
    expect(find(res.body, "subsidy.rosterRowsMax")).toMatchObject({ kind: "integer", value: ROSTER_ROWS_MAX_DEFAULT, source: "default", editable: true });
    expect(find(res.body, "subsidy.bankLayouts")).toMatchObject({ kind: "bankLayouts", value: defaultBankLayouts, source: "default" });
  });

  it("takes a township's notice days at the boundaries, and a village's roster reads it", async () => {
    for (const days of [1, 90, 30]) {
      const res = await director.put("/settings/subsidy.noticeDays", { regionCode: "329901101", value: days });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(find(res.body, "subsidy.noticeDays")).toMatchObject({ value: days, source: "329901101" });
    }
    expect(await noticeDays(t.database.db, "329901101201")).toBe(30);
    expect(await noticeDays(t.database.db, "329901102201")).toBe(NOTICE_DAYS_DEFAULT);
    await director.request("DELETE", "/settings/subsidy.noticeDays?regionCode=329901101");
    expect(await noticeDays(t.database.db, "329901101201")).toBe(NOTICE_DAYS_DEFAULT);
  });

  it("refuses notice days and row limits outside their range, with the reason, and stores nothing", async () => {
    for (const value of [0, 91, 7.5, "7", null]) {
      const res = await director.put("/settings/subsidy.noticeDays", { regionCode: "329901101", value });
      expect(res.body).toMatchObject({ status: 400, code: "VALIDATION_FAILED", errors: [{ path: "value" }] });
      expect(res.body.detail).toContain("补贴公示天数");
    }
    for (const value of [0, 10_000_001, -5]) {
      expect((await director.put("/settings/subsidy.rosterRowsMax", { regionCode: "329901101", value })).body.code).toBe("VALIDATION_FAILED");
    }
    expect((await director.put("/settings/subsidy.rosterRowsMax", { regionCode: "329901101", value: 10_000_000 })).status).toBe(200);
    expect(await rosterRowsMax(t.database.db, "329901101")).toBe(10_000_000);
    await director.request("DELETE", "/settings/subsidy.rosterRowsMax?regionCode=329901101");
    const listed = await director.get("/settings");
    expect(find(listed.body, "subsidy.noticeDays")).toMatchObject({ own: null, source: "default" });
  });

  it("keeps a district's bank layouts for every township and checks each layout", async () => {
    const ccb = { code: "CCB", name: "建设银行（代发）", format: "csv", columns: [{ header: "凭证号", field: "referenceNo" }, { header: "卡号", field: "card" }, { header: "户名", field: "name" }, { header: "金额", field: "amount" }], result: { referenceNo: "凭证号", outcome: "结果", reason: "原因", paidOn: "日期", paidValues: ["成功"] } };
    const res = await admin.put("/settings/subsidy.bankLayouts", { regionCode: "329901000", value: [...defaultBankLayouts, ccb] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await bankLayouts(t.database.db, "329901101")).map((l) => l.code)).toEqual(["RCB", "PSBC", "CCB"]);
    const bad = await admin.put("/settings/subsidy.bankLayouts", { regionCode: "329901000", value: [{ ...ccb, columns: ccb.columns.filter((c) => c.field !== "card") }] });
    expect(bad.body).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(bad.body.detail).toContain("账号");
    expect((await bankLayouts(t.database.db, "329901101")).map((l) => l.code)).toEqual(["RCB", "PSBC", "CCB"]);
    await admin.request("DELETE", "/settings/subsidy.bankLayouts?regionCode=329901000");
  });
});

describe("parseBankLayouts", () => {
  const good = defaultBankLayouts[1]!;
  it("accepts the default layouts and returns them unchanged", () => {
    expect(parseBankLayouts(JSON.parse(JSON.stringify(defaultBankLayouts)))).toEqual(defaultBankLayouts);
  });
  it.each([
    ["an empty list", [], "非空"],
    ["not a list", { code: "X" }, "非空"],
    ["a duplicate code", [good, good], "重复"],
    ["a bad code", [{ ...good, code: "建行" }], "代码"],
    ["a missing name", [{ ...good, name: " " }], "名称"],
    ["a bad format", [{ ...good, format: "xls" }], "csv 或 xlsx"],
    ["an unknown column content", [{ ...good, columns: [...good.columns, { header: "手机", field: "phone" }] }], "内容"],
    ["no amount column", [{ ...good, columns: good.columns.filter((c) => c.field !== "amount") }], "金额"],
    ["no result layout", [{ ...good, result: undefined }], "回盘"],
    ["no paid values", [{ ...good, result: { ...good.result, paidValues: [] } }], "成功"],
  ])("refuses %s", (_name, value, reason) => {
    expect(() => parseBankLayouts(value)).toThrow(reason);
  });
});

describe("the public query's per-address limit", () => {
  it("is 30 a minute unless XIANGCAI_PUBLIC_QUERY_PER_MINUTE raises it (for a load benchmark), and refuses a bad value", async () => {
    const { publicQueryLimit } = await import("../platform/publicQueries.ts");
    expect(publicQueryLimit(undefined)).toBe(30);
    expect(publicQueryLimit("")).toBe(30);
    expect(publicQueryLimit("100000000")).toBe(100_000_000);
    for (const bad of ["0", "-1", "1e9", "abc", "1000000000"]) expect(() => publicQueryLimit(bad)).toThrow("XIANGCAI_PUBLIC_QUERY_PER_MINUTE");
  });
});
