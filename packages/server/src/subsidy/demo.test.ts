// Proves the demo: the registry and rosters are written at seeding with the deployment's keys
// (rosters in every state, a paid batch with one failed line), and the sealed numbers open with them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/http.ts";
import { session, type Session } from "./testKit.ts";

let t: TestApp;
let clerk: Session;
beforeAll(async () => {
  t = await startTestApp("demo");
  clerk = await session(t.app, "subsidy");
});
afterAll(async () => t.close());

describe("subsidy demo", () => {
  it("holds items, a registry of four villages and rosters from draft to payment", async () => {
    expect((await clerk.request("GET", "/subsidy/items")).body.items.map((i: { code: string }) => i.code).sort()).toEqual(["GDDLBH", "GLJT", "NJGZ", "STGYL"]);
    expect((await clerk.request("GET", "/subsidy/recipients")).body.total).toBe(36);
    // Fund supervision's demo cases (高龄津贴, GLJT) have rosters of their own: this proves the subsidy demo's.
    const rosters = (await clerk.request("GET", "/subsidy/rosters?pageSize=100")).body.items.filter((r: { itemCode: string }) => r.itemCode !== "GLJT");
    expect(rosters.map((r: { status: string }) => r.status).sort()).toEqual(["districtReview", "draft", "draft", "notice", "payment", "townshipReview", "villageReview"]);
    expect(rosters.some((r: { status: string; errorCount: number }) => r.status === "draft" && r.errorCount > 0)).toBe(true);
  });

  it("has a paid batch with one failed line on the re-payment list", async () => {
    const supervisionCases = new Set((await clerk.request("GET", "/subsidy/rosters?pageSize=100")).body.items.filter((r: { itemCode: string }) => r.itemCode === "GLJT").map((r: { id: string }) => r.id));
    const batches = (await clerk.request("GET", "/subsidy/batches")).body.items.filter((b: { rosterId: string }) => !supervisionCases.has(b.rosterId));
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ lineCount: 8, paidCount: 7, failedCount: 1, pendingCount: 0 });
    expect((await clerk.request("GET", "/subsidy/repayments")).body.items[0]).toMatchObject({ failReason: "户名与账号不符", status: "failed" });
  });

  it("seals ID and card numbers with the deployment's keys, so the server can open them", async () => {
    const recipients = (await clerk.request("GET", "/subsidy/recipients?pageSize=5")).body.items;
    expect(recipients).toHaveLength(5);
    for (const r of recipients) expect(JSON.stringify(r)).toMatch(/\*{4}/);
  });
});
