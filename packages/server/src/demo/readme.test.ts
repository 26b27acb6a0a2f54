// The README's promises about the demo, read from the README itself and checked against the seeded
// data: what it says waits for whom, waits for them (issue 10, item 13); the resident it names for the
// kiosk finds their subsidies (item 14). A change to the demo or to the README that parts them fails here.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous, loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { TEST_NOW, TEST_YEAR } from "../../test/clock.ts";
import { demoTownships } from "./seed.ts";
import { chinaDate } from "../platform/workingDays.ts";

const README = readFileSync(new URL("../../../../README.md", import.meta.url), "utf8");
/** The README's paragraph (bullet) that starts with the given bold title. */
function promise(title: string): string {
  const line = README.split("\n").find((l) => l.startsWith(`- **${title}**`));
  if (!line) throw new Error(`README has no bullet "${title}"`);
  return line;
}
function numberIn(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  if (!match) throw new Error(`README text does not say ${pattern}: ${text}`);
  return Number(match[1]);
}

let t: TestApp;
const sessions = new Map<string, ApiClient>();
async function as(username: string): Promise<ApiClient> {
  if (!sessions.has(username)) sessions.set(username, await loginAs(t.app, username));
  return sessions.get(username)!;
}
type Task = { flowCode: string; flowName: string; state: string; overdue: boolean; title: string };
async function tasks(username: string): Promise<Task[]> {
  const res = await (await as(username)).get("/flow/todo?pageSize=100");
  expect(res.status).toBe(200);
  return res.body.items;
}
type Counts = { sources: { code: string; total: number }[]; total: number };
async function source(username: string, code: string): Promise<number> {
  const counts = (await (await as(username)).get("/todo/counts")).body as Counts;
  return counts.sources.find((s) => s.code === code)?.total ?? 0;
}

beforeAll(async () => {
  t = await startTestApp("demo");
});
afterAll(async () => t?.close());

describe("the README's demo", () => {
  it("has the budget lines waiting for review in the budget accountant's to-do, and the projects it counts", async () => {
    const text = promise("预算编制与项目库");
    const waiting = (await (await as("budget")).get("/todo/sources/budget.lineReview?pageSize=100")).body.items as { title: string }[];
    expect(await source("budget", "budget.lineReview")).toBe(waiting.length);
    expect(waiting.length, waiting.map((w) => w.title).join("\n")).toBe(numberIn(text, /(\d+) 条申报待财政所审核/));
    const projects = await (await as("budget")).get("/budget/projects?pageSize=100");
    expect(projects.body.total).toBe(numberIn(text, /项目库有 (\d+) 个项目/));
  });

  it("has paid payments and payments at every open stage in 青禾镇, and approved indicators in 白塔镇 too", async () => {
    const text = promise("预算与国库支付");
    expect(text).toContain("（青禾镇）");
    expect(text).toContain("白塔镇也有");
    const paid = await (await as("budget")).get("/treasury/payments?status=paid&pageSize=1");
    expect(paid.body.total, "青禾镇已支付的支付申请").toBeGreaterThan(0);
    for (const status of ["unitReview", "financeReview", "approved", "returned"]) {
      const res = await (await as("budget")).get(`/treasury/payments?status=${status}&pageSize=1`);
      expect(res.body.total, `青禾镇 ${status} 的支付申请`).toBeGreaterThan(0);
    }
    const baita = await (await as("budget2")).get("/budget/indicators?pageSize=1");
    expect(baita.body.total, "白塔镇的预算指标").toBeGreaterThan(0);
    expect((await tasks("director")).some((x) => x.flowCode === "budgetTransfer")).toBe(true);
  });

  it("gives every township of the district an approved budget, paid payments and a subsidy roster", async () => {
    const count = numberIn(promise("全区并列比较"), /(\d+) 个乡镇（街道）都有/);
    const supervisor = await as("supervisor");
    const townships = demoTownships.map((x) => x.code);
    expect(townships).toHaveLength(count);
    const rounds = (await supervisor.get(`/budget/rounds?fiscalYear=${TEST_YEAR}&pageSize=100`)).body.items as { regionCode: string; status: string; approvedTotal: string }[];
    const totals = new Set<string>();
    for (const code of townships) {
      const round = rounds.find((r) => r.regionCode === code && r.status === "approved");
      expect(round, `${code} 的本年度预算已批准`).toBeDefined();
      totals.add(round!.approvedTotal);
      const paid = await supervisor.get(`/treasury/payments?regionCode=${code}&status=paid&pageSize=1`);
      expect(paid.body.total, `${code} 已支付的支付申请`).toBeGreaterThan(0);
      const rosters = await supervisor.get(`/subsidy/rosters?regionCode=${code}&pageSize=1`);
      expect(rosters.body.total, `${code} 的补贴清册`).toBeGreaterThan(0);
    }
    // Sizes differ, so the district's charts and ranking do.
    expect(totals.size).toBe(count);
  });

  it("has the months before this one closed and vouchers of this month waiting for review and posting", async () => {
    const text = promise("会计核算");
    expect(text).toContain("本月之前的月份已记账并结账");
    const unitAccountant = await as("unitacct");
    const sets = (await unitAccountant.get("/ledger/sets?pageSize=100")).body.items as { id: string; code: string }[];
    const set = sets.find((s) => s.code === "QH-01")!;
    const [year, month] = chinaDate(TEST_NOW).split("-").map(Number) as [number, number];
    const periods = (await unitAccountant.get(`/ledger/sets/${set.id}`)).body.periods as { year: number; month: number; status: string }[];
    for (let m = 1; m < month; m++) expect(periods.find((p) => p.year === year && p.month === m)?.status, `${m}月`).toBe("closed");
    expect(periods.find((p) => p.year === year && p.month === month)?.status).toBe("open");
    for (const status of ["entered", "reviewed"]) {
      const waiting = await unitAccountant.get(`/ledger/vouchers?setId=${set.id}&year=${year}&month=${month}&status=${status}`);
      expect(waiting.body.total, `本月 ${status} 的凭证`).toBeGreaterThan(0);
    }
  });

  it("puts its village's rosters to enter and to review in the village user's to-do", async () => {
    expect(promise("惠农补贴“一卡通”")).toContain("`village` 在“我的待办”里看到本村待录入、待审核的清册");
    const rosters = (await tasks("village")).filter((x) => x.flowCode === "subsidyRoster");
    expect(rosters.map((r) => r.state).sort()).toEqual(expect.arrayContaining(["draft", "villageReview"]));
  });

  it("puts the budget unit registrations, one overdue, and a transfer in the director's to-do", async () => {
    expect(README).toContain("以 `director` 登录后，“我的待办”里有待审批的预算单位登记（其中一件已超期）、指标调剂等事项");
    const mine = await tasks("director");
    const registrations = mine.filter((x) => x.flowCode === "budgetUnitRegistration");
    expect(registrations.length).toBeGreaterThan(0);
    expect(registrations.filter((x) => x.overdue)).toHaveLength(1);
  });

  it("names a resident the kiosk finds, with a subsidy paid to their card", async () => {
    const match = /身份证号 `(\d{17}[\dX])`、姓名 `([\u4e00-\u9fa5]{2,4})`/.exec(promise("服务大厅触摸屏"));
    expect(match, "README names a demo resident for the kiosk").not.toBeNull();
    const res = await anonymous(t.app).post("/public/subsidy-query", { idNumber: match![1], name: match![2] });
    expect(res.status).toBe(200);
    expect(res.body.items.some((i: { status: string }) => i.status === "paid")).toBe(true);
  });
});
