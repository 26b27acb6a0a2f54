// Proves the farmland warning: an area roster whose total for a village exceeds the farmland
// registered for it (基础数据台账) is shown on the roster and must be answered in the township
// reviewer's note before it goes to notice; equal is fine; forest items and villages without a
// registered figure are not held.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDecimal } from "@xiangcai/shared";
import { fixedClock } from "../platform/clock.ts";
import { startTestApp, type TestApp } from "../../test/http.ts";
import { generatedCard, generatedResidentId } from "./fixtures.ts";
import { farmlandExcess, isFarmlandItem } from "./farmland.ts";
import { ROSTER_HEADER, session, xlsx, type Session } from "./testKit.ts";

const clock = fixedClock("2026-12-15T10:00:00+08:00");
const id = (n: number) => generatedResidentId("19600312", 600 + n);
const line = (n: number, name: string, qty: string, amount: string) => [String(n), name, id(n), generatedCard(8000 + n), "青禾农商行", "东风村", qty, "105.50", amount, ""];

describe("rules", () => {
  it("holds only farmland area items, and flags a village strictly over its registered farmland", () => {
    expect(isFarmlandItem({ unit: "亩", name: "耕地地力保护补贴" })).toBe(true);
    expect(isFarmlandItem({ unit: "亩", name: "生态公益林补偿" })).toBe(false);
    expect(isFarmlandItem({ unit: "台", name: "农机购置补贴" })).toBe(false);
    const declared = new Map([["a", parseDecimal("13")], ["b", parseDecimal("13.0001")], ["c", parseDecimal("5")]]);
    const registered = new Map<string, string | null>([["a", "13"], ["b", "13"], ["c", null]]);
    expect(farmlandExcess(declared, registered)).toEqual([{ villageCode: "b", declaredMu: "13.0001", registeredMu: "13" }]);
  });
});

describe("at township review", () => {
  let t: TestApp;
  let village: Session;
  let clerk: Session;
  let budget: Session;
  let rosterId = "";
  beforeAll(async () => {
    t = await startTestApp("demo", { clock });
    village = await session(t.app, "village");
    clerk = await session(t.app, "subsidy");
    budget = await session(t.app, "budget");
  });
  afterAll(async () => t?.close());

  const move = (who: Session, action: string, expectedState: string, note?: string) => who.request("POST", `/subsidy/rosters/${rosterId}/transitions`, { action, expectedState, ...(note ? { note } : {}) });
  const setFarmland = async (mu: string) => {
    const res = await budget.request("PUT", "/registers/basic-data", { regionCode: "329901101201", year: 2026, population: 2100, households: 720, farmlandMu: mu, forestMu: "120" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  it("shows the villages over their farmland on the roster and needs the reviewer's note", async () => {
    const res = await village.upload("/subsidy/rosters/import?itemCode=GDDLBH&period=2026", await xlsx([ROSTER_HEADER, line(1, "钱一", "10", "1055.00"), line(2, "钱二", "3", "316.50")]));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    rosterId = res.body.roster.id;
    await setFarmland("13");
    expect((await clerk.request("GET", `/subsidy/rosters/${rosterId}`)).body.farmlandWarnings).toEqual([]);
    await setFarmland("12.9999");
    const roster = (await clerk.request("GET", `/subsidy/rosters/${rosterId}`)).body;
    expect(roster.farmlandWarnings).toHaveLength(1);
    expect(roster.farmlandWarnings[0]).toMatchObject({ villageCode: "329901101201", declaredMu: "13", registeredMu: "12.9999", year: 2026 });
    expect(roster.farmlandWarnings[0].message).toContain("超过基础数据台账登记的 2026 年耕地面积 12.9999 亩");
    expect((await move(village, "submit", "draft")).status).toBe(200);
    expect((await move(village, "villageApprove", "villageReview")).status).toBe(200);
    const unnoted = await move(clerk, "townshipApprove", "townshipReview");
    expect(unnoted.status).toBe(409);
    expect(unnoted.body.code).toBe("REVIEW_NOTE_MISSING");
    expect(unnoted.body.detail).toContain("申报面积合计 13 亩");
    expect((await clerk.request("GET", `/subsidy/rosters/${rosterId}`)).body.status).toBe("townshipReview");
    const noted = await move(clerk, "townshipApprove", "townshipReview", "经核实，钱二另有流转耕地3亩，台账待更新");
    expect(noted.status, JSON.stringify(noted.body)).toBe(200);
    expect((await clerk.request("GET", `/subsidy/rosters/${rosterId}`)).body.status).toBe("notice");
  });
});
