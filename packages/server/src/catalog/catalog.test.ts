// Proves the classification catalogues: codes of 3/5/7 (functional) and 3/5 (economic) digits with a
// parent that exists and no duplicates, checked row by row with the line numbers; CSV and Excel
// imports through the API, nothing written when a row is wrong; the shipped top levels; look-up by code;
// the revenue classification (类/款/项/目 of 3/5/7/9 digits) and which budget a revenue class belongs to.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { catalogRowsOf, checkCatalogRows, isOwnRevenueCode, levelOf, parseCsv, revenueFundOf } from "./rules.ts";
import { defaultCatalogRows } from "./service.ts";

describe("catalogue rules", () => {
  const rows = (list: [string, string][]) => list.map(([code, name], i) => ({ line: i + 2, code, name }));

  it("accepts functional codes of 3, 5 and 7 digits and economic codes of 3 and 5", () => {
    expect([levelOf("functional", "201"), levelOf("functional", "20101"), levelOf("functional", "2010101")]).toEqual([1, 2, 3]);
    expect([levelOf("economic", "301"), levelOf("economic", "30101"), levelOf("economic", "3010101")]).toEqual([1, 2, null]);
    expect([levelOf("functional", "2010"), levelOf("functional", "20101010"), levelOf("functional", "20a")]).toEqual([null, null, null]);
  });

  it("reports every wrong row with its line: bad length, missing parent, duplicate, empty name", () => {
    const checked = checkCatalogRows("functional", rows([["201", "一般公共服务支出"], ["20101", "人大事务"], ["2010", "坏编码"], ["20299", "无上级"], ["20101", "重复"], ["2010101", ""]]), new Set());
    expect(checked.items).toEqual([]);
    expect(checked.errors).toEqual([
      { line: 4, code: "2010", message: "支出功能分类编码应为 3、5、7 位" },
      { line: 5, code: "20299", message: "上级编码 202 不存在" },
      { line: 6, code: "20101", message: "编码与第 3 行重复" },
      { line: 7, code: "2010101", message: "名称不能为空" },
    ]);
  });

  it("reads revenue codes of 3, 5, 7 and 9 digits (类/款/项/目) and nothing in between or beyond", () => {
    expect(["101", "10101", "1010101", "101010101"].map((c) => levelOf("revenue", c))).toEqual([1, 2, 3, 4]);
    expect(["1010", "10101010", "10101010101", "1o1"].map((c) => levelOf("revenue", c))).toEqual([null, null, null, null]);
    const checked = checkCatalogRows("revenue", rows([["101", "税收收入"], ["10101", "增值税"], ["1010101", "国内增值税"], ["101010101", "国有企业增值税"], ["1010299", "无上级的项"], ["10101010101", "太长"]]), new Set());
    expect(checked.errors).toEqual([
      { line: 6, code: "1010299", message: "上级编码 10102 不存在" },
      { line: 7, code: "10101010101", message: "收入分类编码应为 3、5、7、9 位" },
    ]);
  });
  it("puts 政府性基金收入 and 国有资本经营收入 in their own budgets and the rest in the general budget", () => {
    expect(revenueFundOf("1030148")).toBe("governmentFund");
    expect(revenueFundOf("10301")).toBe("governmentFund");
    expect(revenueFundOf("10306")).toBe("stateCapital");
    expect(revenueFundOf("10302")).toBe("generalBudget");
    expect(revenueFundOf("1010101")).toBe("generalBudget");
    expect([isOwnRevenueCode("101"), isOwnRevenueCode("10304"), isOwnRevenueCode("102"), isOwnRevenueCode("11002"), isOwnRevenueCode("105")]).toEqual([true, true, false, false, false]);
  });
  it("takes a parent from the catalogue already stored, and refuses a 7-digit economic code", () => {
    expect(checkCatalogRows("functional", rows([["2010101", "行政运行"]]), new Set(["20101"])).errors).toEqual([]);
    expect(checkCatalogRows("economic", rows([["3010101", "x"]]), new Set(["30101"])).errors[0]!.message).toBe("部门预算支出经济分类编码应为 3、5 位");
  });

  it("reads CSV with a BOM, quotes and a header, and ships both top levels", () => {
    expect(catalogRowsOf(parseCsv('\uFEFFcode,name\r\n201,"一般公共服务支出"\r\n"20101","人大事务, 其他"\r\n\r\n'))).toEqual([
      { line: 2, code: "201", name: "一般公共服务支出" },
      { line: 3, code: "20101", name: "人大事务, 其他" },
    ]);
    expect(defaultCatalogRows("functional")).toHaveLength(27);
    expect(defaultCatalogRows("economic").find((r) => r.code === "30231")?.name).toBe("公务用车运行维护费");
    expect(defaultCatalogRows("revenue").find((r) => r.code === "10109")?.name).toBe("城市维护建设税");
    expect(checkCatalogRows("revenue", defaultCatalogRows("revenue"), new Set()).errors).toEqual([]);
  });
});

let t: TestApp;
let admin: ApiClient;
let director: ApiClient;
beforeAll(async () => {
  t = await startTestApp("demo");
  admin = await loginAs(t.app, "admin");
  director = await loginAs(t.app, "director");
});
afterAll(async () => t.close());

describe("catalogue import and look-up over HTTP", () => {
  it("installs the shipped top levels for a new year", async () => {
    const res = await admin.post("/catalog/classifications/defaults", { fiscalYear: 2035 });
    expect(res.status).toBe(200);
    expect(res.body.map((r: { added: number }) => r.added)).toEqual([27, 34, 41]);
    const again = await admin.post("/catalog/classifications/defaults", { fiscalYear: 2035 });
    expect(again.body.map((r: { unchanged: number }) => r.unchanged)).toEqual([27, 34, 41]);
  });

  it("imports a CSV, refuses a file with a wrong row without writing anything, and looks codes up", async () => {
    const bad = await admin.post("/catalog/classifications/import", { fiscalYear: 2035, kind: "functional", format: "csv", content: "code,name\n20599,其他教育支出\n2059999,其他\n2069901,无上级\n20599,重复\n" });
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ added: 0, total: 4 });
    expect(bad.body.errors).toEqual([
      { line: 4, code: "2069901", message: "上级编码 20699 不存在" },
      { line: 5, code: "20599", message: "编码与第 2 行重复" },
    ]);
    expect((await director.get("/catalog/classifications/functional/20599?fiscalYear=2035")).status).toBe(404);
    const good = await admin.post("/catalog/classifications/import", { fiscalYear: 2035, kind: "functional", format: "csv", content: "code,name\n20599,其他教育支出\n2059999,其他教育支出\n" });
    expect(good.body).toMatchObject({ added: 2, errors: [] });
    const found = await director.get("/catalog/classifications/functional/2059999?fiscalYear=2035");
    expect(found.body).toMatchObject({ code: "2059999", name: "其他教育支出", level: 3, levelName: "项", parentCode: "20599" });
    expect((await director.get("/catalog/classifications/functional/2059998?fiscalYear=2035")).status).toBe(404);
    const list = await director.get("/catalog/classifications?fiscalYear=2035&kind=functional&parentCode=20599");
    expect(list.body.items.map((i: { code: string }) => i.code)).toEqual(["2059999"]);
  });

  it("imports an Excel workbook and reports its wrong rows by line", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("科目");
    sheet.addRow(["编码", "名称"]);
    sheet.addRow(["30299", "其他商品和服务支出"]);
    sheet.addRow(["30399", "无上级的款"]);
    sheet.addRow(["304", "新类"]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64");
    const bad = await admin.post("/catalog/classifications/import", { fiscalYear: 2036, kind: "economic", format: "xlsx", content });
    expect(bad.body.errors).toEqual([
      { line: 2, code: "30299", message: "上级编码 302 不存在" },
      { line: 3, code: "30399", message: "上级编码 303 不存在" },
    ]);
    expect(bad.body.added).toBe(0);
    await admin.post("/catalog/classifications/defaults", { fiscalYear: 2036 });
    const good = await admin.post("/catalog/classifications/import", { fiscalYear: 2036, kind: "economic", format: "xlsx", content });
    expect(good.body).toMatchObject({ added: 2, unchanged: 1, errors: [] });
  });

  it("refuses a township director the import (catalog.manage is the district's)", async () => {
    const res = await director.post("/catalog/classifications/import", { fiscalYear: 2035, kind: "functional", format: "csv", content: "201,x" });
    expect(res.status).toBe(403);
  });
});
