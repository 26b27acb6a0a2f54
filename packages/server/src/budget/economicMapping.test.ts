// Proves the shipped 30x ↔ 50x mapping (DOMAIN.md §6): every class and item of the shipped department
// economic catalogue maps to a named 50x class for an organ and for a public institution, wages and
// running costs of a public institution go to 505 (a subsidy to it), unknown codes are refused with a
// stable code, a malformed data file is refused at load; and the draft adds up by 50x class to the
// same total as by 30x class, each 30x row naming its 50x classes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseYuan } from "@xiangcai/shared";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { defaultCatalogRows } from "../catalog/index.ts";
import { economicMapping, governmentEconomicOf, loadEconomicMapping, mappingKindOf } from "./economicMapping.ts";
import { QINGHE } from "./testFixtures.ts";

describe("the 30x ↔ 50x mapping", () => {
  const department = defaultCatalogRows("economic");

  it("maps every shipped department class (30x) and item, for organs and public institutions, to a named 50x class", () => {
    const tops = department.filter((r) => r.code.length === 3).map((r) => r.code);
    expect(tops).toEqual(["301", "302", "303", "307", "309", "310", "311", "312", "313", "399"]);
    for (const row of department) {
      for (const kind of ["administrative", "publicInstitution"] as const) {
        const mapped = governmentEconomicOf(row.code, kind);
        expect(mapped, `${row.code} ${kind}`).not.toBeNull();
        expect(mapped!.classCode).toMatch(/^5[0-9]{2}$/);
        expect(mapped!.className.length).toBeGreaterThan(0);
      }
    }
  });

  it("follows the published correspondence, most specific row first", () => {
    expect(governmentEconomicOf("30101", "administrative")).toEqual({ code: "50101", name: "工资奖金津补贴", classCode: "501", className: "机关工资福利支出" });
    expect(governmentEconomicOf("30108", "administrative")?.code).toBe("50102");
    expect(governmentEconomicOf("30113", "administrative")?.code).toBe("50103");
    expect(governmentEconomicOf("30101", "publicInstitution")).toEqual({ code: "50501", name: "工资福利支出", classCode: "505", className: "对事业单位经常性补助" });
    expect(governmentEconomicOf("30215", "administrative")?.code).toBe("50202");
    expect(governmentEconomicOf("30217", "administrative")?.code).toBe("50206");
    expect(governmentEconomicOf("30231", "administrative")?.code).toBe("50208");
    expect(governmentEconomicOf("30201", "publicInstitution")?.code).toBe("50502");
    expect(governmentEconomicOf("309", "administrative")?.classCode).toBe("504");
    expect(governmentEconomicOf("310", "administrative")?.classCode).toBe("503");
    expect(governmentEconomicOf("310", "publicInstitution")?.code).toBe("50601");
    expect(governmentEconomicOf("30305", "administrative")?.classCode).toBe("509");
    expect(governmentEconomicOf("399", "publicInstitution")?.classCode).toBe("599");
    // An item with no row of its own falls back to its class.
    expect(governmentEconomicOf("30299", "publicInstitution")?.code).toBe("50502");
    expect(governmentEconomicOf("30999", "administrative")?.classCode).toBe("504");
    expect(mappingKindOf("other")).toBe("administrative");
  });

  it("refuses codes with no counterpart: an unknown class, a 50x code, wrong lengths", () => {
    for (const code of ["308", "30801", "501", "3010", "301011", "", "abc"]) expect(governmentEconomicOf(code, "administrative"), code).toBeNull();
  });

  it("refuses a data file that maps to a 50x code it does not name, or names a row twice", () => {
    const government = "code,name\n501,机关工资福利支出\n50101,工资奖金津补贴\n";
    const read = (mapping: string) => (file: string) => (file.includes("government") ? government : mapping);
    expect(() => loadEconomicMapping(read("department_code,unit_kind,government_code\n301,administrative,50199\n"))).toThrow(/no such government/);
    expect(() => loadEconomicMapping(read("department_code,unit_kind,government_code\n301,*,501\n301,*,501\n"))).toThrow(/twice/);
    expect(() => loadEconomicMapping(read("department_code,unit_kind,government_code\n301,organ,501\n"))).toThrow(/malformed/);
    expect(loadEconomicMapping(read("department_code,unit_kind,government_code\n30101,administrative,50101\n")).rows.size).toBe(1);
    expect(economicMapping().rows.size).toBeGreaterThan(30);
  });
});

let t: TestApp;
let budget: ApiClient;
beforeAll(async () => {
  t = await startTestApp("demo");
  budget = await loginAs(t.app, "budget");
});
afterAll(async () => t.close());

describe("look-up and draft totals by government economic class", () => {
  it("looks a code up, and refuses an unknown one with UNKNOWN_CLASSIFICATION", async () => {
    const found = await budget.get("/budget/economic-mapping?code=30101&unitKind=publicInstitution");
    expect(found.body).toMatchObject({ departmentCode: "30101", departmentName: "基本工资", government: { code: "50501", classCode: "505" } });
    expect((await budget.get("/budget/economic-mapping?code=30215")).body.government.code).toBe("50202");
    const unknown = await budget.get("/budget/economic-mapping?code=308");
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe("UNKNOWN_CLASSIFICATION");
    expect((await budget.get("/budget/economic-mapping?code=3x1")).status).toBe(400);
    const table = await budget.get("/budget/economic-mapping");
    expect(table.body.every((r: { administrative: unknown; publicInstitution: unknown }) => r.administrative && r.publicInstitution)).toBe(true);
  });

  it("adds the draft up by 50x class to the same total as by 30x class, and names the 50x classes beside each 30x", async () => {
    const rounds = await budget.get(`/budget/rounds?regionCode=${QINGHE}&pageSize=10`);
    const round = rounds.body.items.find((r: { status: string }) => r.status === "approved");
    const government = (await budget.get(`/budget/rounds/${round.id}/totals?by=government1`)).body as { key: string; name: string; approved: string; requested: string }[];
    expect(government.every((r) => /^5[0-9]{2}$/.test(r.key) && r.name)).toBe(true);
    const sum = (rows: { approved: string }[]) => rows.reduce((s, r) => s + parseYuan(r.approved), 0n);
    expect(sum(government)).toBe(parseYuan(round.approvedTotal));
    expect(government.map((r) => r.key)).toEqual(expect.arrayContaining(["501", "502", "505"]));
    const economic = (await budget.get(`/budget/rounds/${round.id}/totals?by=economic1`)).body as { key: string; approved: string; governmentClasses: { code: string }[] }[];
    expect(sum(economic)).toBe(sum(government));
    const wages = economic.find((r) => r.key === "301")!;
    expect(wages.governmentClasses.map((c) => c.code)).toEqual(["501", "505"]);
  });
});
