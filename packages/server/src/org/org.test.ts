// Proves the organisation rules through the API: region codes validated against the standard's
// ranges and their parent, budget units registered only in a township of one's scope with a valid
// unified social credit code, once per township, and lists searched, filtered and paged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { demoCreditCode } from "../demo/seed.ts";

let t: TestApp;
let admin: ApiClient;
let budget: ApiClient;
beforeAll(async () => {
  t = await startTestApp("demo");
  admin = await loginAs(t.app, "admin");
  budget = await loginAs(t.app, "budget");
});
afterAll(async () => t?.close());

describe("regions", () => {
  it("lets the district admin add a village under an existing township, with its kind from the code", async () => {
    const res = await admin.post("/org/regions", { regionCode: "329901101205", name: "新建村", population: 1200 });
    expect(res).toMatchObject({ status: 201, body: { level: "village", kind: "villageCommittee", kindName: "村委会", parentCode: "329901101", population: 1200 } });
    const town = await admin.post("/org/regions", { regionCode: "329901111", name: "新设镇" });
    expect(town.body).toMatchObject({ level: "township", kind: "town", kindName: "镇", parentCode: "329901000" });
    const street = await admin.post("/org/regions", { regionCode: "329901099", name: "边界街道" });
    expect(street.body).toMatchObject({ kind: "subdistrict" });
  });

  it("refuses codes outside the ranges, a wrong parent, a missing parent and a duplicate", async () => {
    expect((await admin.post("/org/regions", { regionCode: "329901600", name: "越界" })).body.code).toBe("VALIDATION_FAILED");
    expect((await admin.post("/org/regions", { regionCode: "329901101600", name: "越界村" })).body.code).toBe("VALIDATION_FAILED");
    expect((await admin.post("/org/regions", { regionCode: "329901101206", name: "错父", parentCode: "329901102" })).body.code).toBe("VALIDATION_FAILED");
    expect((await admin.post("/org/regions", { regionCode: "329901150201", name: "无父村" })).body).toMatchObject({ code: "VALIDATION_FAILED", errors: [{ path: "parentCode" }] });
    expect((await admin.post("/org/regions", { regionCode: "329901101", name: "重复" })).body).toMatchObject({ status: 409, code: "DUPLICATE" });
  });

  it("lets only org.manage change regions, and records population changes", async () => {
    expect((await budget.patch("/org/regions/329901101", { population: 1 })).body.code).toBe("FORBIDDEN");
    const res = await admin.patch("/org/regions/329901101", { population: 48_700 });
    expect(res.body.population).toBe(48_700);
    const audit = await admin.get("/audit?entityType=region&entityId=329901101&action=region.updated");
    expect(audit.body.items[0]).toMatchObject({ before: { population: 48_600 }, after: { population: 48_700 } });
  });

  it("lists by level, parent and search text, with paging", async () => {
    const villages = await admin.get("/org/regions?parentCode=329901101&level=village");
    expect(villages.body.items.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(["东风村", "红旗村"]));
    const page = await admin.get("/org/regions?level=township&pageSize=5&page=3");
    expect(page.body).toMatchObject({ page: 3, pageSize: 5 });
    expect(page.body.items).toHaveLength(5);
    const found = await admin.get(`/org/regions?q=${encodeURIComponent("白塔")}`);
    expect(found.body.items.map((r: { regionCode: string }) => r.regionCode)).toEqual(["329901102"]);
    const byCode = await admin.get("/org/regions?q=329901102");
    expect(byCode.body.items[0].regionCode).toBe("329901102");
  });
});

describe("budget units", () => {
  const unit = (n: number, extra: object = {}) => ({ regionCode: "329901101", creditCode: demoCreditCode("2", n), name: `青禾镇测试单位${n}`, kind: "publicInstitution", ...extra });

  it("registers a unit pending the director's approval, with a normalised credit code", async () => {
    const res = await budget.post("/org/budget-units", unit(801, { creditCode: demoCreditCode("2", 801).toLowerCase() }));
    expect(res).toMatchObject({ status: 201, body: { status: "pending", creditCode: demoCreditCode("2", 801), createdByName: "李秀英", regionName: "青禾镇" } });
    expect(res.body.flowInstanceId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses a credit code with a wrong check character, a bad character or a wrong length", async () => {
    const good = demoCreditCode("2", 802);
    const wrongCheck = good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
    expect((await budget.post("/org/budget-units", unit(802, { creditCode: wrongCheck }))).body).toMatchObject({ code: "VALIDATION_FAILED", errors: [{ path: "creditCode", message: "统一社会信用代码校验位不正确" }] });
    expect((await budget.post("/org/budget-units", unit(802, { creditCode: `${good.slice(0, 17)}I` }))).body.errors[0].message).toMatch(/不允许的字符/);
    expect((await budget.post("/org/budget-units", unit(802, { creditCode: good.slice(0, 17) }))).body.errors[0].message).toMatch(/18位/);
  });

  it("refuses the same code twice in a township, a village as home, and a township outside the scope", async () => {
    expect((await budget.post("/org/budget-units", unit(803))).status).toBe(201);
    expect((await budget.post("/org/budget-units", unit(803, { name: "另一个名字" }))).body).toMatchObject({ status: 409, code: "DUPLICATE" });
    expect((await budget.post("/org/budget-units", unit(804, { regionCode: "329901101201" }))).body.code).toBe("VALIDATION_FAILED");
    expect((await admin.post("/org/budget-units", unit(805, { regionCode: "329901101201" }))).body.code).toBe("VALIDATION_FAILED");
    expect((await budget.post("/org/budget-units", unit(806, { regionCode: "329901102" }))).body.code).toBe("OUT_OF_SCOPE");
  });

  it("lists with search by name or code, status filter and paging", async () => {
    const all = await budget.get("/org/budget-units?pageSize=100");
    expect(all.body.items.every((u: { regionCode: string }) => u.regionCode === "329901101")).toBe(true);
    const pending = await budget.get("/org/budget-units?status=pending");
    expect(pending.body.items.every((u: { status: string }) => u.status === "pending")).toBe(true);
    expect(pending.body.total).toBeGreaterThanOrEqual(3);
    const byName = await budget.get(`/org/budget-units?q=${encodeURIComponent("卫生院")}`);
    expect(byName.body.items.map((u: { name: string }) => u.name)).toEqual(["青禾镇卫生院"]);
    const byCode = await budget.get(`/org/budget-units?q=${demoCreditCode("2", 803).slice(-6)}`);
    expect(byCode.body.total).toBe(1);
    const second = await budget.get("/org/budget-units?pageSize=2&page=2");
    expect(second.body.items).toHaveLength(2);
  });
});
