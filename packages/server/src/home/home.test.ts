// Proves the home pages on the demo district: each kind of user gets its own home (the district's
// dashboard with every township ranked, a director's with the township's place among its peers, an
// accountant's periods and vouchers waiting, a clerk's own requests), the to-do counted on it, the
// figures agreeing with the domains' own lists, and no township's figures shown to another.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HomeCardView, HomeView } from "@xiangcai/shared";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { audienceOf } from "./registry.ts";

let t: TestApp;
const clients = new Map<string, ApiClient>();
async function home(username: string): Promise<HomeView> {
  let c = clients.get(username);
  if (!c) {
    c = await loginAs(t.app, username);
    clients.set(username, c);
  }
  const res = await c.get("/home");
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as HomeView;
}
const card = (h: HomeView, code: string): HomeCardView | undefined => h.cards.find((c) => c.code === code);
const figure = (c: HomeCardView | undefined, label: string) => c?.figures.find((f) => f.label === label)?.value;

beforeAll(async () => {
  t = await startTestApp("demo");
});
afterAll(async () => t?.close());

describe("the kind of home follows the weightiest role", () => {
  it("district, director, accountant, clerk, reader", () => {
    expect(audienceOf({ roles: ["districtSupervisor"], scopePrefix: "329901" })).toBe("district");
    expect(audienceOf({ roles: ["townshipDirector"], scopePrefix: "329901101" })).toBe("director");
    expect(audienceOf({ roles: ["unitAccountant", "budgetUnitClerk"], scopePrefix: "329901101" })).toBe("accountant");
    expect(audienceOf({ roles: ["villageReviewer"], scopePrefix: "329901101201" })).toBe("clerk");
    expect(audienceOf({ roles: ["auditor"], scopePrefix: "329901101" })).toBe("reader");
    expect(audienceOf({ roles: ["auditor"], scopePrefix: "329901" })).toBe("district");
  });
});

describe("home pages of the demo roles", () => {
  it("the district supervisor sees execution by township, payments in flight, rosters, overdue matters and all 14 townships ranked", async () => {
    const h = await home("supervisor");
    expect(h.audience).toBe("district");
    expect(h.heading).toContain("区财政局监管员");
    const codes = h.cards.map((c) => c.code);
    expect(codes).toEqual(expect.arrayContaining(["budget.execution", "treasury.inFlight", "subsidy.rosterStages", "flow.overdue", "budget.standing"]));
    const execution = card(h, "budget.execution")!;
    expect(execution.chart?.categories.length).toBeGreaterThanOrEqual(14);
    const standing = card(h, "budget.standing")!;
    expect(standing.table?.rows).toHaveLength(14);
    // Ranked by rate, highest first.
    const rates = standing.table!.rows.map((r) => Number(r.rate === "—" ? -1 : r.rate));
    expect([...rates].sort((a, b) => b - a)).toEqual(rates);
    expect(standing.table!.rows[0]!.rank).toBe("1");
  });

  it("a director sees the township's figures, its place among its peers and no other township's", async () => {
    const h = await home("director");
    expect(h.audience).toBe("director");
    const execution = card(h, "budget.execution")!;
    // The same total as the budget execution report the director reads.
    const report = await clients.get("director")!.get(`/budget/execution?fiscalYear=${h.fiscalYear}&by=township`);
    expect(report.status).toBe(200);
    expect(figure(execution, "已支付")).toBe((report.body as { total: { paid: string } }).total.paid);
    const standing = card(h, "budget.standing")!;
    expect(standing.table).toBeUndefined();
    expect(figure(standing, "名次")).toMatch(/^[0-9]+ \/ 14$/);
    const json = JSON.stringify(h);
    expect(json).not.toContain("白塔镇");
    expect(card(h, "treasury.inFlight")).toBeDefined();
    expect(card(h, "subsidy.rosterStages")).toBeDefined();
    expect(card(h, "flow.overdue")).toBeDefined();
    expect(h.todo.total).toBeGreaterThan(0);
  });

  it("payments in flight agree with the payments list by status", async () => {
    const h = await home("director");
    const inFlight = card(h, "treasury.inFlight")!;
    const list = await clients.get("director")!.get("/treasury/payments?status=financeReview&pageSize=1");
    expect(list.status).toBe(200);
    const row = inFlight.table!.rows.find((r) => r.step === "待财政所审核")!;
    expect(row.count).toBe(String((list.body as { total: number }).total));
  });

  it("the general budget accountant sees the account sets' periods and the vouchers waiting", async () => {
    const h = await home("budget");
    expect(h.audience).toBe("accountant");
    const ledger = card(h, "ledger.work")!;
    expect(ledger.table!.rows.length).toBeGreaterThan(0);
    expect(ledger.table!.rows.some((r) => (r.set ?? "").startsWith("QH-01"))).toBe(true);
    expect(card(h, "budget.standing")).toBeUndefined();
  });

  it("the unit clerk sees their own payment requests and nothing of the dashboards", async () => {
    const h = await home("unitclerk");
    expect(h.audience).toBe("clerk");
    const mine = card(h, "treasury.myRequests")!;
    expect(mine.table!.rows.length).toBeGreaterThan(0);
    expect(card(h, "budget.execution")).toBeUndefined();
    expect(card(h, "flow.overdue")).toBeUndefined();
  });

  it("the village sees its own rosters by stage and its to-do", async () => {
    const h = await home("village");
    expect(h.audience).toBe("clerk");
    const rosters = card(h, "subsidy.rosterStages")!;
    const counted = rosters.chart!.series[0]!.values.reduce((s, v) => s + Number(v), 0);
    const list = await clients.get("village")!.get("/subsidy/rosters?pageSize=100");
    expect(list.status).toBe(200);
    const body = list.body as { items: { status: string }[] };
    expect(counted).toBe(body.items.filter((r) => r.status !== "rejected").length);
  });
});
