// Proves the audit chain: every write is chained with HMAC-SM3 (attacks on the key and checkpoints: chainAttacks.test.ts), the database refuses UPDATE, DELETE and
// TRUNCATE on the log, and a row edited behind the application's back is found and named.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { failureOf, openTestDatabase, type TestDatabase } from "../../test/db.ts";
import { recordAudit, verifyAudit } from "./service.ts";
import { bindAuditKey } from "./key.ts";
import { auditHash, CHAIN_START, checkChainSegment, GENESIS_HASH } from "./chain.ts";
import { TEST_AUDIT_KEY } from "../../test/keys.ts";
import type { Db } from "../platform/db.ts";
import { TEST_NOW } from "../../test/clock.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase("empty");
});
afterAll(async () => database?.close());

const actor = { id: null, name: "测试" };

async function behindTheBack(statement: ReturnType<typeof sql>) {
  // What an intruder with database access would do: switch off the guard, change, switch it on.
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
  });
}

describe("the audit chain", () => {
  it("chains rows per region from the genesis hash and verifies intact", async () => {
    await database.db.transaction(async (tx) => {
      for (let i = 0; i < 5; i++) {
        await recordAudit(tx as unknown as Db, { regionCode: "329901101", actor, action: "test.write", entityType: "thing", entityId: `t${i}`, after: { i, amountFen: 12345n } }, TEST_NOW);
        await recordAudit(tx as unknown as Db, { regionCode: "329901102", actor, action: "test.write", entityType: "thing", entityId: `u${i}`, before: { i }, after: null }, TEST_NOW);
      }
    });
    const result = await verifyAudit(database.db);
    expect(result).toMatchObject({ ok: true, checked: 10, regions: 2, firstBroken: null });
    const first = await database.db.execute(sql`select prev_hash from audit_log where region_code = '329901101' and seq = 1`);
    expect((first as unknown as { rows: { prev_hash: string }[] }).rows[0]!.prev_hash).toBe(GENESIS_HASH);
  });

  it("verifies only the chains under a scope prefix", async () => {
    expect(await verifyAudit(database.db, "329901102")).toMatchObject({ ok: true, checked: 5, regions: 1 });
    expect(await verifyAudit(database.db, "3299019")).toMatchObject({ ok: true, checked: 0, regions: 0 });
  });

  it("is refused UPDATE, DELETE and TRUNCATE by the database", async () => {
    expect(await failureOf(database.db.execute(sql`update audit_log set actor_name = 'x' where seq = 1`))).toMatch(/UPDATE on audit_log is not allowed/);
    expect(await failureOf(database.db.execute(sql`delete from audit_log where seq = 1`))).toMatch(/DELETE on audit_log is not allowed/);
    expect(await failureOf(database.db.execute(sql`truncate audit_log`))).toMatch(/TRUNCATE on audit_log is not allowed/);
  });

  it("names the first row edited behind the application's back", async () => {
    await behindTheBack(sql`update audit_log set after = '{"i": 99}' where region_code = '329901101' and seq = 3`);
    const result = await verifyAudit(database.db);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toEqual({ regionCode: "329901101", seq: 3n, reason: "HASH" });
    expect(result.checked).toBe(2);
  });

  it("finds a deleted row as a gap, and a deleted last row by the chain head", async () => {
    const other = await openTestDatabase("empty");
    bindAuditKey(other.db, TEST_AUDIT_KEY);
    try {
      await other.db.transaction(async (tx) => {
        for (let i = 0; i < 3; i++) await recordAudit(tx as unknown as Db, { regionCode: "329901103", actor, action: "a", entityType: "e", entityId: String(i) }, TEST_NOW);
      });
      await other.db.transaction(async (tx) => {
        await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
        await tx.execute(sql`delete from audit_log where seq = 3`);
        await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
      });
      expect((await verifyAudit(other.db)).firstBroken).toEqual({ regionCode: "329901103", seq: 3n, reason: "HEAD" });
      await other.db.transaction(async (tx) => {
        await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
        await tx.execute(sql`delete from audit_log where seq = 1`);
        await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
      });
      expect((await verifyAudit(other.db)).firstBroken).toEqual({ regionCode: "329901103", seq: 1n, reason: "SEQUENCE_GAP" });
    } finally {
      await other.close();
    }
  });
});

describe("the pure chain rule", () => {
  const row = (seq: bigint, prevHash: string) => {
    const content = { regionCode: "329901101", seq, at: new Date("2026-01-01T00:00:00.000Z"), actorId: null, actorName: "x", action: "a", entityType: "e", entityId: "1", before: null, after: { b: 1, a: [1, "2"] } };
    return { ...content, prevHash, hash: auditHash(prevHash, content, TEST_AUDIT_KEY), hashKind: "hmac-sm3" as const };
  };

  it("hashes the same content the same way whatever the key order", () => {
    const a = auditHash(GENESIS_HASH, { ...row(1n, GENESIS_HASH), after: { a: 1, b: 2 } }, TEST_AUDIT_KEY);
    const b = auditHash(GENESIS_HASH, { ...row(1n, GENESIS_HASH), after: { b: 2, a: 1 } }, TEST_AUDIT_KEY);
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it("accepts a good segment and reports a wrong previous hash", () => {
    const r1 = row(1n, GENESIS_HASH);
    const r2 = row(2n, r1.hash);
    expect(checkChainSegment([r1, r2], CHAIN_START, TEST_AUDIT_KEY)).toEqual({ ok: true, state: { seq: 2n, hash: r2.hash, keyed: true } });
    const forged = row(2n, "f".repeat(64));
    expect(checkChainSegment([r1, forged], CHAIN_START, TEST_AUDIT_KEY)).toEqual({ ok: false, break: { seq: 2n, reason: "PREVIOUS_HASH" } });
  });
});
