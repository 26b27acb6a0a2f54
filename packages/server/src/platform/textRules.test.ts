// Finding 8 of issue 15: a NUL (or any control character) in a request's text answered 500 on 24
// routes, the unauthenticated login among them. The edge refuses it with 400 CONTROL_CHARACTER before
// any schema or handler, in the path, the query and the JSON body, and nothing is stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { anonymous, loginAs, startTestApp, type TestApp } from "../../test/http.ts";
import { textProblemIn } from "./http.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp("demo");
});
afterAll(async () => t?.close());

async function count(table: string): Promise<number> {
  const rows = await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return Number((rows as unknown as { rows: { n: number }[] }).rows[0]!.n);
}

describe("control characters at the edge (finding 8)", () => {
  it("refuses a NUL in the login's user name with 400, not 500", async () => {
    const answer = await anonymous(t.app).post("/auth/login", { username: "director\u0000", password: "x" });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("CONTROL_CHARACTER");
    expect(answer.body.detail).toContain("控制字符");
  });

  it("refuses a NUL in a query string and in a path parameter", async () => {
    const director = await loginAs(t.app, "director");
    const query = await director.get("/org/budget-units?q=%E4%B9%A1%00");
    expect(query).toMatchObject({ status: 400, body: { code: "CONTROL_CHARACTER" } });
    const tab = await director.get("/org/budget-units?q=a%09b");
    expect(tab).toMatchObject({ status: 400, body: { code: "CONTROL_CHARACTER" } });
    const path = await director.get("/debt/debts/%00");
    expect(path).toMatchObject({ status: 400, body: { code: "CONTROL_CHARACTER" } });
  });

  it("refuses a NUL or DEL in a JSON body field and stores nothing", async () => {
    const director = await loginAs(t.app, "budget");
    const before = { units: await count("budget_unit"), audit: await count("audit_log") };
    for (const name of ["测试单位\u0000", "测试单位\u007f", "测试\u001b单位"]) {
      const answer = await director.post("/org/budget-units", { regionCode: "329901101", creditCode: "12329901Q00000099X", name, kind: "administrative" });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: "CONTROL_CHARACTER", errors: [{ path: "name" }] });
    }
    const key = await director.request("POST", "/org/budget-units", `{"regionCode":"329901101","na\\u0000me":"x"}`, { "content-type": "application/json" });
    expect(key).toMatchObject({ status: 400, body: { code: "CONTROL_CHARACTER" } });
    expect({ units: await count("budget_unit"), audit: await count("audit_log") }).toEqual(before);
  });

  it("lets tab and line breaks through in a JSON body (a remark of several lines), never elsewhere", () => {
    expect(textProblemIn({ note: "第一行\r\n第二行\t完" }, true)).toBeNull();
    expect(textProblemIn({ note: "第一行\n" }, false)).toMatchObject({ kind: "control", path: "note", name: "U+000A" });
    expect(textProblemIn({ a: [{ b: "x\u0000" }] }, true)).toMatchObject({ kind: "control", path: "a.0.b", name: "U+0000" });
  });

  it("refuses JSON nested too deep with 400", async () => {
    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    const answer = await anonymous(t.app).request("POST", "/auth/login", `{"username":${deep},"password":"x"}`, { "content-type": "application/json" });
    expect(answer.status).toBe(400);
  });
});
