// Proves the demo holds a real case of every rule, found by the run made when the demo was seeded,
// with alerts in several states (new, verified, being rectified, rectified, closed with an evidence
// file on its rectification task, a false alarm suppressed), and last month's reports issued.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "../../test/db.ts";
import { rows } from "../platform/db.ts";
import { ruleCodes } from "./rules.ts";
import { getAlert } from "./alerts.ts";
import { actorIn } from "./testKit.ts";
import { TEST_NOW } from "../../test/clock.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase("demo");
});
afterAll(async () => database?.close());

describe("the supervision demo", () => {
  it("has an alert of every rule, raised when the demo was seeded", async () => {
    const found = await rows<{ rule_code: string; n: number }>(database.db, sql`select rule_code, count(*)::int as n from supervision_alert group by rule_code`);
    expect(found.map((f) => f.rule_code).sort()).toEqual([...ruleCodes].sort());
    const runs = await rows<{ trigger: string }>(database.db, sql`select trigger from supervision_run`);
    expect(runs.map((r) => r.trigger)).toContain("demo");
  });

  it("has alerts new, verified, being rectified, rectified, closed and one false alarm, suppressed", async () => {
    const statuses = (await rows<{ status: string }>(database.db, sql`select distinct status from supervision_alert`)).map((r) => r.status);
    for (const status of ["verifying", "verified", "rectifying", "rectified", "closed", "falseAlarm"]) expect(statuses).toContain(status);
    const [suppressed] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from supervision_suppression where revoked_at is null`);
    expect(suppressed!.n).toBeGreaterThan(0);
    // Rectification runs on the shared mechanism: the closed alert's task holds its evidence file.
    const [evidence] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from attachment f join supervision_alert a on a.region_code = f.region_code and a.rectification_task_id = f.owner_id where f.owner_kind = 'rectification.task' and a.status = 'closed'`);
    expect(evidence!.n).toBe(1);
    const [tasks] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from rectification_task where flow_code = 'supervisionRectification'`);
    expect(tasks!.n).toBe(3);
    const [reports] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from supervision_report`);
    expect(reports!.n).toBe(15);
  });

  it("links an idle indicator to the indicators list filtered to its document number and year, for those who may see it", async () => {
    const [idle] = await rows<{ id: string; region_code: string; object_id: string; document_no: string; fiscal_year: number }>(
      database.db,
      sql`select a.id, a.region_code, o.object_id, i.document_no, i.fiscal_year from supervision_alert a
          join supervision_alert_object o on o.region_code = a.region_code and o.alert_id = a.id and o.object_type = 'indicator'
          join budget_indicator i on i.region_code = o.region_code and i.id::text = o.object_id
          where a.rule_code = 'IDLE_FUNDS' order by a.alert_no limit 1`,
    );
    const now = TEST_NOW;
    const seen = await getAlert(database.db, actorIn("329901000", "districtSupervisor"), idle!.id, now);
    const link = seen.objects.find((o) => o.id === idle!.object_id)!.link!;
    const url = new URL(link, "http://x");
    expect(url.pathname).toBe("/budget/indicators");
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: idle!.document_no, fiscalYear: String(idle!.fiscal_year) });
    await expect(getAlert(database.db, actorIn(idle!.region_code === "329901102" ? "329901103" : "329901102", "townshipDirector"), idle!.id, now)).rejects.toMatchObject({ code: "OUT_OF_SCOPE" });
  });
});
