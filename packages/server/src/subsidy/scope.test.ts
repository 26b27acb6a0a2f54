// Proves the subsidy data scope on real rows: a township (青禾镇) user can neither read nor change
// another township's (白塔镇) items, registry, rosters, objections and batches, and a village user
// sees only its own village's registry and rosters, never its neighbours'.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestApp, type TestApp } from "../../test/http.ts";
import { auditLog } from "../audit/index.ts";
import { appUser, hashPassword, userRole } from "../identity/index.ts";
import { DEMO_PASSWORD } from "../demo/seed.ts";
import { uuidv7 } from "../platform/ids.ts";
import { generatedCard, generatedResidentId } from "./fixtures.ts";
import { ROSTER_HEADER, session, xlsx, type Session } from "./testKit.ts";

let t: TestApp;
let baita: Session;
let qingheClerk: Session;
let director: Session;
let village: Session;
const other = { rosterId: "", recipientId: "" };

beforeAll(async () => {
  t = await startTestApp("demo");
  const id = uuidv7();
  await t.database.db.insert(appUser).values({ id, regionCode: "329901102", username: "subsidy2", displayName: "白塔专管员", passwordHash: await hashPassword(DEMO_PASSWORD) });
  await t.database.db.insert(userRole).values({ userId: id, role: "subsidyClerk" });
  baita = await session(t.app, "subsidy2");
  qingheClerk = await session(t.app, "subsidy");
  director = await session(t.app, "director");
  village = await session(t.app, "village");
  expect((await baita.request("POST", "/subsidy/items", { code: "STGYL", name: "生态公益林补偿", basis: "household", unit: "亩", standard: "98.00", periodKind: "year", fundSource: "中央财政" })).status).toBe(201);
  const person = await baita.request("POST", "/subsidy/recipients", { villageCode: "329901102201", name: "白塔人", residentId: generatedResidentId("19700101", 555), card: generatedCard(555) });
  expect(person.status).toBe(201);
  other.recipientId = person.body.id;
  const roster = await baita.upload("/subsidy/rosters/import?itemCode=STGYL&period=2026&villageCode=329901102201", await xlsx([ROSTER_HEADER, ["1", "白塔人", generatedResidentId("19700101", 555), generatedCard(555), "农商行", "东风村", "1", "98.00", "98.00", ""]]));
  expect(roster.status, JSON.stringify(roster.body)).toBe(201);
  other.rosterId = roster.body.roster.id;
});
afterAll(async () => t.close());

describe("subsidy data scope", () => {
  it("keeps another township's rows out of every list", async () => {
    for (const who of [qingheClerk, director]) {
      for (const url of ["/subsidy/items?pageSize=100", "/subsidy/recipients?pageSize=100", "/subsidy/rosters?pageSize=100", "/subsidy/batches?pageSize=100"]) {
        const res = await who.request("GET", url);
        expect(res.status, url).toBe(200);
        for (const row of res.body.items) expect(row.regionCode, `${who.username} ${url}`).toBe("329901101");
      }
    }
  });

  it("answers OUT_OF_SCOPE to every read and write of another township's roster, and changes nothing", async () => {
    const audits = (await t.database.db.select({ n: sql<bigint>`count(*)` }).from(auditLog))[0]!.n;
    const r = other.rosterId;
    const attempts: [string, () => ReturnType<Session["request"]>][] = [
      ["roster", () => qingheClerk.request("GET", `/subsidy/rosters/${r}`)],
      ["flow", () => qingheClerk.request("GET", `/subsidy/rosters/${r}/flow`)],
      ["transition", () => director.request("POST", `/subsidy/rosters/${r}/transitions`, { action: "submit", expectedState: "draft" })],
      ["lines", () => qingheClerk.request("GET", `/subsidy/rosters/${r}/lines`)],
      ["notice", () => qingheClerk.request("GET", `/subsidy/rosters/${r}/notice`)],
      ["objections", () => qingheClerk.request("GET", `/subsidy/rosters/${r}/objections`)],
      ["record objection", () => qingheClerk.request("POST", `/subsidy/rosters/${r}/objections`, { lineNo: 2, raisedBy: "某", reason: "越权" })],
      ["indicator", () => qingheClerk.request("POST", `/subsidy/rosters/${r}/indicator`, { indicatorId: "x" })],
      ["card", () => qingheClerk.request("POST", `/subsidy/rosters/${r}/lines/2/card`, { card: generatedCard(1) })],
      ["batch", () => qingheClerk.request("POST", `/subsidy/rosters/${r}/batches`, { bankCode: "RCB", kind: "first" }, { "idempotency-key": "scope-batch-1" })],
      ["recovery", () => qingheClerk.request("POST", `/subsidy/rosters/${r}/recoveries`, { lineNo: 2, amount: "1.00", reason: "越权" })],
      ["note", () => director.request("POST", `/subsidy/rosters/${r}/lines/2/note`, { note: "越权" })],
      ["recipient", () => qingheClerk.request("PATCH", `/subsidy/recipients/${other.recipientId}`, { name: "改名" })],
      ["item", () => qingheClerk.request("PATCH", "/subsidy/items/329901102/STGYL", { name: "改名" })],
    ];
    for (const [what, attempt] of attempts) {
      const res = await attempt();
      expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(404);
      expect(res.body.code, what).toBe("OUT_OF_SCOPE");
    }
    const file = await qingheClerk.upload(`/subsidy/rosters/${r}/file`, await xlsx([ROSTER_HEADER]));
    expect(file.body.code).toBe("OUT_OF_SCOPE");
    expect((await t.database.db.select({ n: sql<bigint>`count(*)` }).from(auditLog))[0]!.n).toBe(audits);
  });

  it("shows a village user only its own village's registry and rosters", async () => {
    const registry = await village.request("GET", "/subsidy/recipients?pageSize=100");
    expect(registry.body.items.length).toBeGreaterThan(0);
    for (const r of registry.body.items) expect(r.villageCode).toBe("329901101201");
    const rosters = await village.request("GET", "/subsidy/rosters?pageSize=100");
    expect(rosters.body.items.length).toBeGreaterThan(0);
    for (const r of rosters.body.items) expect(r.villageCode).toBe("329901101201");
    const all = await qingheClerk.request("GET", "/subsidy/rosters?pageSize=100");
    const neighbour = all.body.items.find((r: { villageCode: string | null }) => r.villageCode === "329901101202");
    expect((await village.request("GET", `/subsidy/rosters/${neighbour.id}`)).body.code).toBe("OUT_OF_SCOPE");
    expect((await village.request("GET", "/subsidy/batches")).body.total).toBe(0);
  });
});
