// Proves what treasury throughput rests on (audit/service.ts): on a PostgreSQL server a transaction's
// audit rows are appended just before its commit, so the region's chain head is not held while the
// transaction works; the chain stays whole under concurrent transactions of one region, and the rows
// of a rolled-back transaction are never written. On PGlite (one transaction at a time) rows are
// appended at once, as before; the chain checks run on both.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "../../test/db.ts";
import { rows, type Db } from "../platform/db.ts";
import { recordAudit, verifyAudit } from "../audit/index.ts";
import { TEST_NOW } from "../../test/clock.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase("empty");
});
afterAll(async () => database?.close());

const actor = { id: null, name: "测试" };
const REGION = "329901109";
const count = async () => Number((await rows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_log where region_code = ${REGION}`))[0]!.n);

describe("audit rows at the end of the transaction", () => {
  it.runIf(process.env.TEST_DATABASE_URL)("lets a second transaction of the region audit and commit while the first one is still open", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let audited!: () => void;
    const firstAudited = new Promise<void>((resolve) => (audited = resolve));
    const first = database.db.transaction(async (tx) => {
      await recordAudit(tx as unknown as Db, { regionCode: REGION, actor, action: "test.first", entityType: "t", entityId: "1" }, TEST_NOW);
      audited();
      await held;
    });
    await firstAudited;
    // Before the change this waited on the head's row lock until the first transaction ended.
    const second = database.db.transaction(async (tx) => recordAudit(tx as unknown as Db, { regionCode: REGION, actor, action: "test.second", entityType: "t", entityId: "2" }, TEST_NOW));
    const outcome = await Promise.race([second.then(() => "committed"), new Promise((resolve) => setTimeout(() => resolve("waiting"), 3_000))]);
    release();
    await first;
    expect(outcome).toBe("committed");
    const written = await rows<{ action: string; seq: bigint }>(database.db, sql`select action, seq from audit_log where region_code = ${REGION} order by seq`);
    expect(written.map((r) => r.action)).toEqual(["test.second", "test.first"]);
    expect((await verifyAudit(database.db, REGION)).ok).toBe(true);
  });

  it("keeps the chain whole under concurrent transactions of one region, and writes nothing of a rolled-back one", async () => {
    const before = await count();
    const work = Array.from({ length: 24 }, (_, i) =>
      database.db
        .transaction(async (tx) => {
          for (let j = 0; j < 3; j++) {
            await recordAudit(tx as unknown as Db, { regionCode: REGION, actor, action: "test.concurrent", entityType: "t", entityId: `${i}-${j}`, after: { i, j } }, TEST_NOW);
            await tx.execute(sql`select pg_sleep(0.005)`);
          }
          await recordAudit(tx as unknown as Db, { regionCode: "329901108", actor, action: "test.other", entityType: "t", entityId: String(i) }, TEST_NOW);
          if (i % 4 === 0) throw new Error("rolled back");
        })
        .then(
          () => "ok",
          () => "rolled back",
        ),
    );
    const outcomes = await Promise.all(work);
    const committed = outcomes.filter((o) => o === "ok").length;
    expect(committed).toBe(18);
    expect(await count()).toBe(before + committed * 3);
    const verified = await verifyAudit(database.db);
    expect(verified.firstBroken).toBeNull();
    expect(verified.ok).toBe(true);
  });
});
