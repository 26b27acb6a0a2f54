// Proves a village user finds its own village's rosters in the generic 我的待办 while they wait for
// village entry or review, and nothing else (not another village's roster, not the township's
// matters); the matter can be opened and moved from there; township users still see theirs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/http.ts";
import { generatedCard, generatedResidentId } from "./fixtures.ts";
import { ROSTER_HEADER, session, xlsx, type Session } from "./testKit.ts";

let t: TestApp;
let village: Session;
let clerk: Session;
let rosterId = "";
let instanceId = "";
/** The demo's own 东风村 rosters waiting for the village (README: the village has work in its to-do). */
let demoWork = new Set<string>();

beforeAll(async () => {
  t = await startTestApp("demo");
  village = await session(t.app, "village");
  clerk = await session(t.app, "subsidy");
  const demo = await todo(village);
  for (const task of demo) {
    const roster = (await village.request("GET", `/subsidy/rosters/${task.entityId}`)).body;
    expect(roster.villageCode, "the demo's work in the village's to-do is its own village's").toBe("329901101201");
  }
  expect(demo.map((i) => i.state).sort()).toEqual(["draft", "villageReview"]);
  demoWork = new Set(demo.map((i) => i.entityId));
  const file = await xlsx([ROSTER_HEADER, ["1", "待办甲", generatedResidentId("19600101", 301), generatedCard(8801), "农商行", "东风村", "2", "105.50", "211.00", ""]]);
  const res = await village.upload("/subsidy/rosters/import?itemCode=NJGZ&period=2026&sourceName=todo.xlsx", file);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  rosterId = res.body.roster.id;
  instanceId = res.body.roster.flowInstanceId;
});
afterAll(async () => t?.close());

type Task = { id: string; entityId: string; flowCode: string; state: string; regionCode: string; actions: { action: string }[] };
async function todo(who: Session): Promise<Task[]> {
  const res = await who.request("GET", "/flow/todo?pageSize=100");
  expect(res.status).toBe(200);
  return res.body.items;
}
/** The village's to-do less the demo's own 东风村 rosters: what this test's roster adds to it. */
const added = async (who: Session): Promise<Task[]> => (await todo(who)).filter((i) => !demoWork.has(i.entityId));

describe("a village user's to-do", () => {
  it("lists its village's roster waiting for village entry, with the moves it may make", async () => {
    const items = await added(village);
    expect(items.map((i) => i.entityId)).toEqual([rosterId]);
    expect(items[0]).toMatchObject({ id: instanceId, flowCode: "subsidyRoster", state: "draft", regionCode: "329901101", actions: [{ action: "submit" }] });
  });

  it("leaves out another village's rosters and the township's other matters", async () => {
    const all = await clerk.request("GET", "/subsidy/rosters?status=draft&pageSize=100");
    const other = all.body.items.find((r: { villageCode: string | null }) => r.villageCode === "329901101203");
    expect(other).toBeTruthy();
    expect((await todo(village)).some((i) => i.entityId === other.id)).toBe(false);
    expect((await village.request("GET", `/flow/instances/${other.flowInstanceId}`)).status).toBe(404);
    const moved = await village.request("POST", `/flow/instances/${other.flowInstanceId}/transitions`, { action: "submit", expectedState: "draft" });
    expect(moved.body.code).toBe("OUT_OF_SCOPE");
    const overdue = await village.request("GET", "/flow/overdue?pageSize=100");
    expect(overdue.body.items.every((i: Task) => i.flowCode === "subsidyRoster" && (i.entityId === rosterId || demoWork.has(i.entityId)))).toBe(true);
  });

  it("opens and moves the matter from the to-do, and drops it once it reaches the township", async () => {
    const opened = await village.request("GET", `/flow/instances/${instanceId}`);
    expect(opened.status).toBe(200);
    const submitted = await village.request("POST", `/flow/instances/${instanceId}/transitions`, { action: "submit", expectedState: "draft" });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect((await added(village)).map((i) => [i.entityId, i.state])).toEqual([[rosterId, "villageReview"]]);
    await village.request("POST", `/flow/instances/${instanceId}/transitions`, { action: "villageApprove", expectedState: "villageReview" });
    expect(await added(village)).toEqual([]);
    expect((await village.request("GET", `/subsidy/rosters/${rosterId}`)).body.status).toBe("townshipReview");
  });

  it("keeps the township's to-do as it was: the clerk sees the roster at township review and the other drafts", async () => {
    const items = await todo(clerk);
    expect(items.find((i) => i.entityId === rosterId)).toMatchObject({ state: "townshipReview" });
    expect(items.some((i) => i.state === "draft")).toBe(true);
  });
});
