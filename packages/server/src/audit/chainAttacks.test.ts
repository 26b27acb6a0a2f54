// The probe's attacks on the audit chain (issue 15, finding 5), by someone who can write the database
// but does not hold the audit key: rewrite a row and recompute the chain with the project's own hash
// function; delete the tail and set the head back. The keyed chain, the district's copy of each
// township's head and the auditor's signed checkpoint file find each of them. And the upgrade path:
// rows written before the key existed are verified by their SM3 hashes and sealed by a keyed row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "../../test/db.ts";
import type { Db } from "../platform/db.ts";
import { rows } from "../platform/db.ts";
import { recordAudit, verifyAudit } from "./service.ts";
import { auditHash, GENESIS_HASH } from "./chain.ts";
import { copyHeadsToDistricts, keyLegacyChains, readCheckpoint, signedCheckpoint, CheckpointError } from "./checkpoint.ts";
import { bindAuditKey } from "./key.ts";

const TOWN = "329901105";
const actor = { id: null, name: "测试" };
const at = new Date("2026-03-10T02:00:00Z");

async function fresh(): Promise<TestDatabase> {
  const database = await openTestDatabase("empty");
  await database.db.transaction(async (tx) => {
    for (let i = 1; i <= 5; i++) await recordAudit(tx as unknown as Db, { regionCode: TOWN, actor, action: "payment.paid", entityType: "payment", entityId: `p${i}`, after: { amountFen: `${i}00000` } }, at);
  });
  return database;
}

type Row = { region_code: string; seq: bigint; at: Date; actor_id: string | null; actor_name: string; action: string; entity_type: string; entity_id: string; before: unknown; after: unknown; prev_hash: string; hash: string };

/** The intruder's tool: rewrite rows from `fromSeq` on with the project's own hash function (no key), fix the head. */
async function rewriteChain(database: TestDatabase, fromSeq: bigint, change: (r: Row) => Row, as: "sm3" | "hmac-sm3", key: Buffer | null) {
  const chain = await rows<Row>(database.db, sql`select * from audit_log where region_code = ${TOWN} order by seq`);
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    let prev = chain.find((r) => BigInt(r.seq) === fromSeq - 1n)?.hash ?? GENESIS_HASH;
    for (const original of chain.filter((r) => BigInt(r.seq) >= fromSeq)) {
      const r = change(original);
      const content = { regionCode: r.region_code, seq: BigInt(r.seq), at: new Date(r.at), actorId: r.actor_id, actorName: r.actor_name, action: r.action, entityType: r.entity_type, entityId: r.entity_id, before: r.before, after: r.after };
      const hash = auditHash(prev, content, key);
      await tx.execute(sql`update audit_log set after = ${JSON.stringify(r.after)}::jsonb, prev_hash = ${prev}, hash = ${hash}, hash_kind = ${as} where region_code = ${TOWN} and seq = ${r.seq}`);
      prev = hash;
    }
    await tx.execute(sql`update audit_head set hash = ${prev} where region_code = ${TOWN}`);
    await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
  });
}

async function deleteTailAndRewind(database: TestDatabase, keepSeq: bigint) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await tx.execute(sql`delete from audit_log where region_code = ${TOWN} and seq > ${keepSeq}`);
    await tx.execute(sql`update audit_head set seq = ${keepSeq}, hash = (select hash from audit_log where region_code = ${TOWN} and seq = ${keepSeq}) where region_code = ${TOWN}`);
    await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
  });
}

/** Another drizzle handle on the same connection: it shares the rows, not the bound key. */
async function secondHandle(database: TestDatabase): Promise<Db> {
  const client = (database.db as unknown as { $client: never }).$client;
  return (database.kind === "pglite" ? (await import("drizzle-orm/pglite")).drizzle(client) : (await import("drizzle-orm/node-postgres")).drizzle(client)) as unknown as Db;
}

const doubled = (r: Row): Row => (BigInt(r.seq) === 3n ? { ...r, after: { amountFen: "999900000" } } : r);

describe("rewriting a row and recomputing the chain", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => database?.close());

  it("is found when recomputed with the plain SM3 the chain used to have", async () => {
    expect((await verifyAudit(database.db)).ok).toBe(true);
    await rewriteChain(database, 3n, doubled, "sm3", null);
    expect((await verifyAudit(database.db)).firstBroken).toEqual({ regionCode: TOWN, seq: 3n, reason: "UNKEYED" });
  });

  it("is found when recomputed as keyed rows without the key", async () => {
    await rewriteChain(database, 3n, doubled, "hmac-sm3", randomBytes(32));
    expect((await verifyAudit(database.db)).firstBroken).toEqual({ regionCode: TOWN, seq: 3n, reason: "HASH" });
  });

  it("is found when the whole chain is recomputed as unkeyed rows", async () => {
    await rewriteChain(database, 1n, doubled, "sm3", null);
    expect((await verifyAudit(database.db)).firstBroken).toEqual({ regionCode: TOWN, seq: 5n, reason: "UNKEYED" });
  });
});

describe("deleting the tail and setting the head back", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => database?.close());

  it("passes a check of the chain alone, and is found against the auditor's checkpoint and the district's copy", async () => {
    const file = JSON.stringify(await signedCheckpoint(database.db, { scopePrefix: "", at }));
    expect(await database.db.transaction((tx) => copyHeadsToDistricts(tx as unknown as Db, { scopePrefix: "", at }))).toBe(1);
    // Nothing moved since: no second copy.
    expect(await database.db.transaction((tx) => copyHeadsToDistricts(tx as unknown as Db, { scopePrefix: "", at }))).toBe(0);
    const checkpoint = readCheckpoint(database.db, file);
    expect((await verifyAudit(database.db, "", { checkpoint })).ok).toBe(true);

    await deleteTailAndRewind(database, 3n);
    // The rewound chain is internally consistent: that is the attack.
    const fromDistrict = await verifyAudit(database.db);
    expect(fromDistrict.firstBroken).toEqual({ regionCode: TOWN, seq: 5n, reason: "DISTRICT_COPY" });
    const againstFile = await verifyAudit(database.db, TOWN, { checkpoint });
    expect(againstFile.firstBroken).toEqual({ regionCode: TOWN, seq: 5n, reason: "DISTRICT_COPY" });
  });

  it("is found against the auditor's file even when the district's copy was rewound too", async () => {
    const other = await fresh();
    try {
      await other.db.transaction((tx) => copyHeadsToDistricts(tx as unknown as Db, { scopePrefix: "", at }));
      const checkpoint = readCheckpoint(other.db, JSON.stringify(await signedCheckpoint(other.db, { scopePrefix: "", at })));
      await deleteTailAndRewind(other, 2n);
      // The intruder also removes the district's copy (the district chain's last row) and rewinds its head.
      await other.db.transaction(async (tx) => {
        await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
        await tx.execute(sql`delete from audit_log where region_code = '329901000'`);
        await tx.execute(sql`delete from audit_head where region_code = '329901000'`);
        await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
      });
      expect((await verifyAudit(other.db)).ok).toBe(true);
      const result = await verifyAudit(other.db, "", { checkpoint });
      expect(result.ok).toBe(false);
      expect(result.firstBroken).toEqual({ regionCode: "329901000", seq: 1n, reason: "CHECKPOINT" });
    } finally {
      await other.close();
    }
  });
});

describe("the checkpoint file", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => database?.close());

  it("is refused when changed, or signed with another key", async () => {
    const file = await signedCheckpoint(database.db, { scopePrefix: "", at });
    expect(file.heads).toEqual([{ regionCode: TOWN, seq: "5", hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    const moved = { ...file, heads: [{ ...file.heads[0]!, seq: "3" }] };
    expect(() => readCheckpoint(database.db, JSON.stringify(moved))).toThrow(CheckpointError);
    expect(() => readCheckpoint(database.db, "{not json")).toThrow(/JSON/);
    expect(() => readCheckpoint(database.db, JSON.stringify({ ...file, format: "other" }))).toThrow(/不是乡财审计检查点/);
    // Another deployment: the same rows, another audit key.
    const elsewhere = await secondHandle(database);
    bindAuditKey(elsewhere, randomBytes(32));
    expect(() => readCheckpoint(elsewhere, JSON.stringify(file))).toThrow(/签名不符/);
  });
});

describe("rows written before the chain was keyed", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase("empty");
    // Three rows as the server wrote them before migration 0010: plain SM3, hash_kind 'sm3'.
    let prev = GENESIS_HASH;
    for (let i = 1n; i <= 3n; i++) {
      const content = { regionCode: TOWN, seq: i, at, actorId: null, actorName: "旧", action: "legacy.write", entityType: "thing", entityId: `l${i}`, before: null, after: { i: String(i) } };
      const hash = auditHash(prev, content, null);
      await database.db.execute(sql`insert into audit_log (region_code, seq, at, actor_id, actor_name, action, entity_type, entity_id, before, after, prev_hash, hash, hash_kind)
        values (${TOWN}, ${i}, ${at}, null, '旧', 'legacy.write', 'thing', ${`l${i}`}, null, ${JSON.stringify(content.after)}::jsonb, ${prev}, ${hash}, 'sm3')`);
      prev = hash;
    }
    await database.db.execute(sql`insert into audit_head (region_code, seq, hash) values (${TOWN}, 3, ${prev})`);
  });
  afterAll(async () => database?.close());

  it("are sealed by one keyed row on the first start with a key, then verify", async () => {
    expect((await verifyAudit(database.db)).firstBroken).toEqual({ regionCode: TOWN, seq: 3n, reason: "UNKEYED" });
    expect(await database.db.transaction((tx) => keyLegacyChains(tx as unknown as Db, at))).toBe(1);
    expect(await database.db.transaction((tx) => keyLegacyChains(tx as unknown as Db, at))).toBe(0);
    expect(await verifyAudit(database.db)).toMatchObject({ ok: true, checked: 4 });
    const [sealRow] = await rows<{ action: string; hash_kind: string }>(database.db, sql`select action, hash_kind from audit_log where region_code = ${TOWN} and seq = 4`);
    expect(sealRow).toEqual({ action: "audit.chainKeyed", hash_kind: "hmac-sm3" });
  });

  it("cannot be rewritten afterwards: the keyed row holds the old head", async () => {
    const legacy = await rows<Row>(database.db, sql`select * from audit_log where region_code = ${TOWN} and seq <= 3 order by seq`);
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
      let prev = GENESIS_HASH;
      for (const r of legacy) {
        const after = BigInt(r.seq) === 2n ? { i: "200" } : r.after;
        const content = { regionCode: TOWN, seq: BigInt(r.seq), at: new Date(r.at), actorId: null, actorName: r.actor_name, action: r.action, entityType: r.entity_type, entityId: r.entity_id, before: null, after };
        const hash = auditHash(prev, content, null);
        await tx.execute(sql`update audit_log set after = ${JSON.stringify(after)}::jsonb, prev_hash = ${prev}, hash = ${hash} where region_code = ${TOWN} and seq = ${r.seq}`);
        prev = hash;
      }
      await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    });
    expect((await verifyAudit(database.db)).firstBroken).toEqual({ regionCode: TOWN, seq: 4n, reason: "PREVIOUS_HASH" });
  });

  it("refuses to write audit rows on a database without the key", async () => {
    // A second drizzle handle on the same client, as a careless script would make: no key bound to it.
    const bare = await secondHandle(database);
    await expect(bare.transaction((tx) => recordAudit(tx as unknown as Db, { regionCode: TOWN, actor, action: "x", entityType: "e", entityId: "1" }, at))).rejects.toThrow(/审计密钥未配置/);
  });
});
