// Proves the report-up mechanism end to end through the API on the demo district: a township
// prepares a report (each preparation a kept version), its deadline comes from the setting (district
// default, township override), warnings need a note and errors block submission, the district
// returns it with comments or accepts it — after which it is locked, even against SQL — and the
// district's one page shows every township's status, overdue and late marks, the ranking and the
// consolidated total; a township sees only its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { fixedClock } from "../platform/clock.ts";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { registerReportKind } from "./index.ts";
import { alwaysWrongReport, headcountReport } from "./testKinds.ts";
import { parsePeriod, periodDeadline, previousPeriod, rankBy, readReportState } from "./rules.ts";

const clock = fixedClock("2026-12-05T10:00:00+08:00");
let t: TestApp;
let budget: ApiClient;
let director: ApiClient;
let supervisor: ApiClient;
let director2: ApiClient;

beforeAll(async () => {
  registerReportKind(headcountReport);
  registerReportKind(alwaysWrongReport);
  t = await startTestApp("demo", { clock });
  budget = await loginAs(t.app, "budget");
  director = await loginAs(t.app, "director");
  supervisor = await loginAs(t.app, "supervisor");
  director2 = await loginAs(t.app, "director2");
});
afterAll(async () => t?.close());

describe("rules", () => {
  it("reads months, quarters and years, and refuses anything else", () => {
    const month = parsePeriod("2026-02", "month");
    expect(month.ok && month.period).toMatchObject({ firstDate: "2026-02-01", lastDate: "2026-02-28", label: "2026年2月" });
    const quarter = parsePeriod("2024-Q1", "quarter");
    expect(quarter.ok && quarter.period).toMatchObject({ firstDate: "2024-01-01", lastDate: "2024-03-31", label: "2024年第1季度" });
    const year = parsePeriod("2026", "year");
    expect(year.ok && year.period).toMatchObject({ firstDate: "2026-01-01", lastDate: "2026-12-31" });
    expect(parsePeriod("2026-13", "month").ok).toBe(false);
    expect(parsePeriod("2026", "month").ok).toBe(false);
    expect(parsePeriod("1999-12", "month").ok).toBe(false);
  });

  it("puts the deadline at the end of the N-th day after the period, in China time", () => {
    const nov = parsePeriod("2026-11", "month");
    if (!nov.ok) throw new Error("period");
    expect(periodDeadline(nov.period, 10).toISOString()).toBe("2026-12-10T15:59:59.999Z");
    expect(periodDeadline(nov.period, 1).toISOString()).toBe("2026-12-01T15:59:59.999Z");
    const year = parsePeriod("2026", "year");
    if (!year.ok) throw new Error("period");
    expect(periodDeadline(year.period, 59).toISOString()).toBe("2027-02-28T15:59:59.999Z");
    expect(() => periodDeadline(nov.period, 0)).toThrow(RangeError);
    expect(() => periodDeadline(nov.period, 367)).toThrow(RangeError);
  });

  it("knows the period just ended", () => {
    expect(previousPeriod("2026-01-05", "month")).toBe("2025-12");
    expect(previousPeriod("2026-12-05", "month")).toBe("2026-11");
    expect(previousPeriod("2026-02-05", "quarter")).toBe("2025-Q4");
    expect(previousPeriod("2026-08-05", "quarter")).toBe("2026-Q2");
    expect(previousPeriod("2026-08-05", "year")).toBe("2025");
  });

  it("marks overdue only what is not submitted after its deadline, and late what was submitted after it", () => {
    const deadline = new Date("2026-12-10T15:59:59.999Z");
    const before = new Date("2026-12-10T15:59:59.999Z");
    const after = new Date("2026-12-10T16:00:00.000Z");
    expect(readReportState(null, deadline, before)).toEqual({ displayStatus: "notStarted", overdue: false, late: false });
    expect(readReportState(null, deadline, after)).toEqual({ displayStatus: "notStarted", overdue: true, late: false });
    const prepared = { status: "prepared" as const, returnCount: 0, returned: false, deadlineAt: deadline, stepDeadlineAt: deadline, submittedAt: null };
    expect(readReportState(prepared, deadline, after).overdue).toBe(true);
    const submittedLate = { ...prepared, status: "submitted" as const, submittedAt: after };
    expect(readReportState(submittedLate, deadline, after)).toEqual({ displayStatus: "submitted", overdue: false, late: true });
    const returned = { ...prepared, returned: true, returnCount: 1, submittedAt: before, stepDeadlineAt: new Date("2026-12-15T15:59:59.999Z") };
    expect(readReportState(returned, deadline, after)).toEqual({ displayStatus: "returned", overdue: false, late: false });
  });

  it("ranks with ties sharing a rank and no figure left unranked", () => {
    expect(rankBy(["120.5", null, "300", "120.50", "99"], "desc")).toEqual([2, null, 1, 2, 4]);
    expect(rankBy(["3", "1", "2"], "asc")).toEqual([3, 1, 2]);
    expect(rankBy([], "desc")).toEqual([]);
  });
});

describe("a township's report through the flow", () => {
  let id = "";

  it("is prepared by the township, due by the district's default deadline", async () => {
    const res = await budget.post("/reporting/reports", { kind: "testHeadcount", regionCode: "329901101", period: "2026-11" });
    expect(res.status).toBe(201);
    id = res.body.id;
    expect(res.body).toMatchObject({ status: "prepared", displayStatus: "prepared", version: 1, deadlineAt: "2026-12-10T15:59:59.999Z", stepDeadlineAt: "2026-12-10T15:59:59.999Z", overdue: false, actions: ["prepare", "submit"] });
    expect(res.body.content).toMatchObject({ population: 48600 });
    expect(res.body.problems).toEqual([{ level: "warning", code: "LARGE", message: "人口 48600 超过 45000，请核实" }]);
    expect(res.body.history.map((h: { actionLabel: string }) => h.actionLabel)).toEqual(["开始编制"]);
  });

  it("keeps every preparation as a version", async () => {
    clock.advance(60_000);
    const again = await director.post("/reporting/reports", { kind: "testHeadcount", regionCode: "329901101", period: "2026-11" });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(id);
    expect(again.body.version).toBe(2);
    expect(again.body.versions.map((v: { version: number; builtByName: string }) => [v.version, v.builtByName])).toEqual([
      [2, "王建国"],
      [1, "李秀英"],
    ]);
    expect(again.body.versions[0].contentHash).toBe(again.body.versions[1].contentHash);
  });

  it("refuses the wrong period, kind, region or role", async () => {
    expect((await budget.post("/reporting/reports", { kind: "testHeadcount", regionCode: "329901101", period: "2026" })).body.code).toBe("VALIDATION_FAILED");
    expect((await budget.post("/reporting/reports", { kind: "noSuchKind", regionCode: "329901101", period: "2026-11" })).body.code).toBe("VALIDATION_FAILED");
    expect((await budget.post("/reporting/reports", { kind: "testHeadcount", regionCode: "329901102", period: "2026-11" })).status).toBe(404);
    expect((await budget.post("/reporting/reports", { kind: "testHeadcount", regionCode: "329901101201", period: "2026-11" })).body.code).toBe("VALIDATION_FAILED");
    const cashier = await loginAs(t.app, "cashier");
    expect((await cashier.post("/reporting/reports", { kind: "testHeadcount", regionCode: "329901101", period: "2026-11" })).status).toBe(403);
  });

  it("submits only the version looked at, and only with the warnings explained", async () => {
    expect((await budget.post(`/reporting/reports/${id}/submit`, { version: 1, note: "已核实" })).body.code).toBe("STALE");
    const noNote = await budget.post(`/reporting/reports/${id}/submit`, { version: 2 });
    expect(noNote.status).toBe(400);
    expect(noNote.body.detail).toContain("须说明");
    const ok = await budget.post(`/reporting/reports/${id}/submit`, { version: 2, note: "人口为年初户籍数，已核实" });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: "submitted", submittedByName: "李秀英", late: false, actions: [] });
  });

  it("cannot be prepared again once submitted, nor reviewed by the township", async () => {
    expect((await budget.post("/reporting/reports", { kind: "testHeadcount", regionCode: "329901101", period: "2026-11" })).body.code).toBe("REPORT_LOCKED");
    expect((await director.post(`/reporting/reports/${id}/accept`, {})).status).toBe(403);
  });

  it("is returned by the district only with comments, and comes back to the township", async () => {
    expect((await supervisor.get(`/reporting/reports/${id}`)).body.actions).toEqual(["accept", "return"]);
    expect((await supervisor.post(`/reporting/reports/${id}/return`, { note: "" })).status).toBe(400);
    clock.advance(3_600_000);
    const returned = await supervisor.post(`/reporting/reports/${id}/return`, { note: "村居数与民政口径不一致，请核对" });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: "prepared", displayStatus: "returned", returnNote: "村居数与民政口径不一致，请核对", returnCount: 1 });
    // The township has three working days to resubmit (Saturday 5 December → Wednesday 9 December).
    expect(returned.body.stepDeadlineAt).toBe("2026-12-09T15:59:59.999Z");
    const seen = await budget.get(`/reporting/reports/${id}`);
    expect(seen.body.history.map((h: { actionLabel: string; note: string | null }) => [h.actionLabel, h.note])).toEqual([
      ["开始编制", null],
      ["上报", "人口为年初户籍数，已核实"],
      ["退回修改", "村居数与民政口径不一致，请核对"],
    ]);
  });

  it("is accepted and then locked, even against SQL", async () => {
    const rebuilt = await budget.post("/reporting/reports", { kind: "testHeadcount", regionCode: "329901101", period: "2026-11" });
    expect(rebuilt.body).toMatchObject({ version: 3, displayStatus: "returned" });
    expect((await budget.post(`/reporting/reports/${id}/submit`, { version: 3, note: "已按民政口径核对" })).status).toBe(200);
    const accepted = await supervisor.post(`/reporting/reports/${id}/accept`, { note: "同意" });
    expect(accepted.body).toMatchObject({ status: "accepted", displayStatus: "accepted", reviewedByName: "陈晓梅", stepDeadlineAt: null, actions: [] });
    expect((await budget.post("/reporting/reports", { kind: "testHeadcount", regionCode: "329901101", period: "2026-11" })).body.code).toBe("REPORT_LOCKED");
    expect((await supervisor.post(`/reporting/reports/${id}/return`, { note: "再改改" })).body.code).toBe("INVALID_TRANSITION");
    await expect(t.database.db.execute(sql`update report_instance set version = 9 where id = ${id}`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from report_version where report_id = ${id}`)).rejects.toThrow();
  });
});

describe("errors and the deadline setting", () => {
  it("never lets a report with errors be submitted", async () => {
    const prepared = await budget.post("/reporting/reports", { kind: "testAlwaysWrong", regionCode: "329901101", period: "2026" });
    expect(prepared.status).toBe(201);
    expect(prepared.body.deadlineAt).toBe("2027-02-28T15:59:59.999Z");
    const refused = await budget.post(`/reporting/reports/${prepared.body.id}/submit`, { version: 1, note: "无论如何" });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: "REPORT_HAS_ERRORS" });
    expect(refused.body.detail).toContain("收支不平衡");
    expect((await budget.get(`/reporting/reports/${prepared.body.id}`)).body.status).toBe("prepared");
  });

  it("takes a township's own deadline over the district's", async () => {
    expect((await director2.put("/settings/reporting.deadlineDays", { regionCode: "329901102", value: { testHeadcount: 5 } })).status).toBe(200);
    expect((await director2.put("/settings/reporting.deadlineDays", { regionCode: "329901102", value: { testHeadcount: 0 } })).status).toBe(400);
    const res = await director2.post("/reporting/reports", { kind: "testHeadcount", regionCode: "329901102", period: "2026-11" });
    expect(res.body.deadlineAt).toBe("2026-12-05T15:59:59.999Z");
  });
});

describe("the district's one page", () => {
  it("shows every township, ranked, with overdue marks and the consolidated total", async () => {
    clock.set("2026-12-11T09:00:00+08:00");
    // Sessions do not outlive a six-day jump of the clock: log in again.
    supervisor = await loginAs(t.app, "supervisor");
    director2 = await loginAs(t.app, "director2");
    budget = await loginAs(t.app, "budget");
    const res = await supervisor.get("/reporting/status?kind=testHeadcount&period=2026-11");
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body.rows).toHaveLength(14);
    expect(body.counts).toMatchObject({ total: 14, accepted: 1, prepared: 1, notStarted: 12, overdue: 13 });
    const qinghe = body.rows.find((r: { regionCode: string }) => r.regionCode === "329901101");
    expect(qinghe).toMatchObject({ displayStatus: "accepted", overdue: false, late: false, colour: "yellow", version: 3 });
    const baita = body.rows.find((r: { regionCode: string }) => r.regionCode === "329901102");
    expect(baita).toMatchObject({ displayStatus: "prepared", overdue: true, deadlineAt: "2026-12-05T15:59:59.999Z" });
    // Only townships with a report have a figure to rank by; they come first.
    expect(body.rows.slice(0, 2).map((r: { rank: number | null }) => r.rank)).toEqual([1, 2]);
    expect(body.rows[2].rank).toBeNull();
    expect(body.consolidatedCount).toBe(1);
    expect(body.consolidated.content).toEqual(qinghe && { population: 48600, villages: Number(qinghe.summary.villages) });
  });

  it("shows a township only its own row and reports", async () => {
    const own = await director2.get("/reporting/status?kind=testHeadcount&period=2026-11");
    expect(own.body.rows.map((r: { regionCode: string }) => r.regionCode)).toEqual(["329901102"]);
    expect(own.body.consolidated).toBeNull();
    const list = await director2.get("/reporting/reports?pageSize=100");
    expect(list.body.items.every((r: { regionCode: string }) => r.regionCode === "329901102")).toBe(true);
    const all = await supervisor.get("/reporting/reports?kind=testHeadcount&pageSize=100");
    expect(all.body.items.map((r: { regionCode: string }) => r.regionCode).sort()).toEqual(["329901101", "329901102"]);
    const qinghe = all.body.items.find((r: { regionCode: string }) => r.regionCode === "329901101");
    expect((await director2.get(`/reporting/reports/${qinghe.id}`)).status).toBe(404);
  });

  it("lists the registered kinds", async () => {
    const kinds = await budget.get("/reporting/kinds");
    expect(kinds.body.items.map((k: { code: string }) => k.code)).toEqual(expect.arrayContaining(["testHeadcount", "testAlwaysWrong"]));
  });
});
