// Proves the rotation of the personal-data keys on the demo district: every sealed value opens with
// the new keys afterwards (also in append-only and final rows), every blind index is the new key's,
// the residents' query finds people with the new keys, the audit chain still verifies with the
// rotation recorded, an interrupted rotation completes when run again, and a second run changes
// nothing. And no sealed column of the schema is left out of the list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openTestDatabase, testConfig, TEST_DATA_KEYS, type TestDatabase } from "../../test/db.ts";
import { buildApp } from "../app.ts";
import { verifyAudit } from "../audit/index.ts";
import { blindIndex, decryptPersonal, encryptPersonal, generateDataKeysHex, parseDataKeys, PersonalDataError } from "../platform/crypto.ts";
import { rows } from "../platform/db.ts";
import { INDEX_ONLY_TABLES, rotateDataKeys, SEALED_TABLES } from "./keyRotation.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase("demo");
});
afterAll(async () => database?.close());

const NEW_KEYS = parseDataKeys(generateDataKeysHex());
const at = new Date("2026-03-10T02:00:00Z");

const opensWith = (keys: typeof NEW_KEYS, sealed: string) => {
  try {
    decryptPersonal(keys, sealed);
    return true;
  } catch (error) {
    if (error instanceof PersonalDataError) return false;
    throw error;
  }
};

describe("the list of sealed columns", () => {
  it("names every *_sealed and *_index column of the schema", async () => {
    const found = await rows<{ table_name: string; column_name: string }>(
      database.db,
      sql`select table_name, column_name from information_schema.columns where table_schema = 'public' and column_name ~ '_(sealed|index)$' order by 1, 2`,
    );
    const listed = new Set([
      ...SEALED_TABLES.flatMap((t) => [...t.sealed, ...Object.keys(t.indexes ?? {})].map((c) => `${t.table}.${c}`)),
      ...INDEX_ONLY_TABLES.map((t) => `${t.table}.${t.column}`),
    ]);
    expect(found.map((r) => `${r.table_name}.${r.column_name}`).filter((c) => !listed.has(c))).toEqual([]);
  });
});

describe("rotating the data keys", () => {
  it("re-seals and re-indexes everything, resumes after an interruption, and is recorded in the audit chain", async () => {
    const [person] = await rows<{ resident_id_sealed: string; name: string; region_code: string }>(
      database.db,
      sql`select l.resident_id_sealed, l.name, l.region_code from subsidy_roster_line l join subsidy_roster r on r.region_code = l.region_code and r.id = l.roster_id
          where r.status in ('payment', 'closed') and not l.withdrawn and l.name <> '' limit 1`,
    );
    expect(person, "the demo has a paid roster line").toBeDefined();
    const residentId = decryptPersonal(TEST_DATA_KEYS, person!.resident_id_sealed);

    // An earlier run that stopped half-way: part of the registry is already under the new keys.
    const half = await rows<{ region_code: string; id: string; resident_id_sealed: string }>(database.db, sql`select region_code, id, resident_id_sealed from subsidy_recipient order by region_code, id limit 5`);
    for (const r of half) {
      const plain = decryptPersonal(TEST_DATA_KEYS, r.resident_id_sealed);
      await database.db.execute(sql`update subsidy_recipient set resident_id_sealed = ${encryptPersonal(NEW_KEYS, plain)}, resident_id_index = ${blindIndex(NEW_KEYS, "residentId", plain)} where region_code = ${r.region_code} and id = ${r.id}`);
    }

    const report = await rotateDataKeys(database, { from: TEST_DATA_KEYS, to: NEW_KEYS, at });
    expect(report.resealed).toBeGreaterThan(100);

    for (const spec of SEALED_TABLES) {
      for (const column of spec.sealed) {
        const values = await rows<{ v: string }>(database.db, sql`select ${sql.identifier(column)} as v from ${sql.identifier(spec.table)} where ${sql.identifier(column)} is not null`);
        expect(values.every((r) => opensWith(NEW_KEYS, r.v)), `${spec.table}.${column}`).toBe(true);
        expect(values.some((r) => opensWith(TEST_DATA_KEYS, r.v)), `${spec.table}.${column}`).toBe(false);
      }
    }
    const lines = await rows<{ resident_id_sealed: string; resident_id_index: string }>(database.db, sql`select resident_id_sealed, resident_id_index from subsidy_roster_line`);
    expect(lines.every((l) => l.resident_id_index === blindIndex(NEW_KEYS, "residentId", decryptPersonal(NEW_KEYS, l.resident_id_sealed)))).toBe(true);
    const references = await rows<{ n: bigint }>(database.db, sql`select count(distinct resident_id_index) as n from subsidy_reference_entry`);
    expect(report.referenceMapped + report.referenceUnmapped).toBe(Number(references[0]!.n));

    // The residents' query, on a server holding only the new keys, finds the person.
    const app = await buildApp({ ...testConfig(), dataKeys: NEW_KEYS }, database);
    try {
      const res = await app.inject({ method: "POST", url: "/api/v1/public/subsidy-query", payload: { idNumber: residentId, name: person!.name } });
      expect(res.statusCode).toBe(200);
      expect(res.json().items.length).toBeGreaterThan(0);
    } finally {
      await app.close();
    }

    expect((await verifyAudit(database.db)).ok).toBe(true);
    const recorded = await rows<{ action: string }>(database.db, sql`select action from audit_log where action like 'keys.%' order by at, seq`);
    expect(recorded.map((r) => r.action)).toEqual(["keys.rotationStarted", "keys.rotated"]);

    // Run again: nothing is left to do.
    const again = await rotateDataKeys(database, { from: TEST_DATA_KEYS, to: NEW_KEYS, at });
    expect(again).toMatchObject({ resealed: 0, reindexed: 0, referenceMapped: 0 });
  });

  it("stops with a clear message on a value neither key opens, changing nothing in its batch", async () => {
    const stranger = parseDataKeys(generateDataKeysHex());
    await expect(rotateDataKeys(database, { from: stranger, to: parseDataKeys(generateDataKeysHex()), at })).rejects.toThrow(/既不能用旧密钥也不能用新密钥解开/);
  });
});
