// Rotation of the personal-data keys (SM4 data key, MAC key, blind-index key): every sealed value is
// opened with the old keys and sealed again with the new ones, and every blind index is recomputed
// from the plaintext, table by table in batches of one transaction each.
//
// Resumable: a value that already opens with the new keys is left alone (encrypt-then-MAC tells the
// keys apart: a tag made with another MAC key never matches), so running the command again after a
// crash continues where it stopped. The name lists (deceased, officials, cadres) keep only a blind
// index, no sealed value: their entries are mapped old index → new index through the people whose
// sealed ID has that old index, in one transaction before anything else moves, recorded in
// key_rotation_step so a resumed run does not map them twice. Entries of nobody in the registry or a
// roster cannot be mapped and are reported (re-import those lists).
//
// The server must be stopped meanwhile (it holds only one set of keys). Audited in each district's chain.
import { createHmac } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { recordAudit } from "../audit/index.ts";
import { blindIndex, decryptPersonal, encryptPersonal, PersonalDataError, type DataKeys } from "../platform/crypto.ts";
import { rows, type Database, type Db } from "../platform/db.ts";

interface SealedTable {
  table: string;
  key: string[];
  sealed: string[];
  /** index column → the sealed column holding its plaintext, and the index kind. */
  indexes?: Record<string, { from: string; kind: string }>;
}

/** Every sealed column of the schema (keyRotation.test.ts fails when a *_sealed column is missing here). */
export const SEALED_TABLES: readonly SealedTable[] = [
  {
    table: "app_user",
    key: ["id"],
    sealed: ["totp_secret_sealed", "totp_pending_sealed", "resident_id_sealed"],
    indexes: { resident_id_index: { from: "resident_id_sealed", kind: "residentId" } },
  },
  {
    table: "payment_request",
    key: ["region_code", "id"],
    sealed: ["payee_id_sealed", "payee_account_sealed"],
    indexes: { payee_id_index: { from: "payee_id_sealed", kind: "residentId" } },
  },
  {
    table: "subsidy_recipient",
    key: ["region_code", "id"],
    sealed: ["resident_id_sealed", "card_sealed"],
    indexes: { resident_id_index: { from: "resident_id_sealed", kind: "residentId" }, card_index: { from: "card_sealed", kind: "bankCard" } },
  },
  {
    table: "subsidy_roster_line",
    key: ["region_code", "roster_id", "line_no"],
    sealed: ["resident_id_sealed", "card_sealed"],
    indexes: { resident_id_index: { from: "resident_id_sealed", kind: "residentId" }, card_index: { from: "card_sealed", kind: "bankCard" } },
  },
  { table: "subsidy_disbursement", key: ["region_code", "reference_no"], sealed: ["card_sealed"] },
  {
    table: "service_matter",
    key: ["region_code", "id"],
    sealed: ["applicant_id_sealed", "applicant_phone_sealed"],
    indexes: { applicant_id_index: { from: "applicant_id_sealed", kind: "residentId" } },
  },
];

/** Tables holding only a blind index, mapped through the tables above. */
export const INDEX_ONLY_TABLES = [{ table: "subsidy_reference_entry", column: "resident_id_index", kind: "residentId" }] as const;

const BATCH = 500;

export function keyFingerprint(keys: DataKeys): string {
  return createHmac("sm3", keys.indexKey).update(keys.dataKey).update(keys.macKey).update("xiangcai key fingerprint").digest("hex").slice(0, 16);
}

export interface RotationReport {
  resealed: number;
  reindexed: number;
  referenceMapped: number;
  referenceUnmapped: number;
}

function opens(keys: DataKeys, sealed: string): string | null {
  try {
    return decryptPersonal(keys, sealed);
  } catch (error) {
    if (error instanceof PersonalDataError) return null;
    throw error;
  }
}

const ident = (name: string) => sql.identifier(name);

async function districts(db: Db): Promise<string[]> {
  return (await rows<{ region_code: string }>(db, sql`select region_code from region where level = 'district' order by region_code`)).map((r) => r.region_code);
}

async function auditEverywhere(db: Db, action: string, after: Record<string, unknown>, at: Date) {
  for (const district of await districts(db)) {
    await recordAudit(db, { regionCode: district, actor: { id: null, name: "系统（密钥更换）" }, action, entityType: "dataKeys", entityId: district, after }, at);
  }
}

export async function rotateDataKeys(
  database: Database,
  input: { from: DataKeys; to: DataKeys; at: Date; progress?: (line: string) => void },
): Promise<RotationReport> {
  const { from, to, at } = input;
  const say = input.progress ?? (() => {});
  const fingerprint = keyFingerprint(to);
  const fingerprints = { from: keyFingerprint(from), to: fingerprint };
  const report: RotationReport = { resealed: 0, reindexed: 0, referenceMapped: 0, referenceUnmapped: 0 };
  const inRotation = <T>(fn: (tx: Db) => Promise<T>) =>
    database.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      await tx.execute(sql`set local xiangcai.key_rotation = 'on'`);
      return fn(tx);
    });

  await inRotation((tx) => auditEverywhere(tx, "keys.rotationStarted", fingerprints, at));

  // 1. The name lists, at once, before any sealed ID moves to the new keys.
  await inRotation(async (tx) => {
    const [done] = await rows(tx, sql`select 1 from key_rotation_step where fingerprint = ${fingerprint} and step = 'reference'`);
    if (done) return;
    for (const { table, column, kind } of INDEX_ONLY_TABLES) {
      const olds = await rows<{ idx: string }>(tx, sql`select distinct ${ident(column)} as idx from ${ident(table)}`);
      for (const { idx } of olds) {
        const [person] = await rows<{ sealed: string }>(
          tx,
          sql`select resident_id_sealed as sealed from subsidy_recipient where resident_id_index = ${idx}
              union all select resident_id_sealed from subsidy_roster_line where resident_id_index = ${idx}
              union all select resident_id_sealed from app_user where resident_id_index = ${idx}
              union all select payee_id_sealed from payment_request where payee_id_index = ${idx} limit 1`,
        );
        // The person's sealed ID opens with the old keys, or already with the new ones (an earlier run).
        const plain = person ? (opens(from, person.sealed) ?? opens(to, person.sealed)) : null;
        if (plain === null) {
          report.referenceUnmapped += 1;
          continue;
        }
        await tx.execute(sql`update ${ident(table)} set ${ident(column)} = ${blindIndex(to, kind, plain)} where ${ident(column)} = ${idx}`);
        report.referenceMapped += 1;
      }
    }
    await tx.execute(sql`insert into key_rotation_step (fingerprint, step, done_at) values (${fingerprint}, 'reference', ${at})`);
  });
  say(`名单索引：${report.referenceMapped} 条已改用新索引，${report.referenceUnmapped} 条无法对应。`);

  // 2. Every sealed value and index, table by table, in batches.
  for (const spec of SEALED_TABLES) {
    let after: unknown[] | null = null;
    let tableCount = 0;
    for (;;) {
      const batch: Array<Record<string, string | null>> = await inRotation(async (tx) => {
        const keyList = sql.join(spec.key.map(ident), sql`, `);
        const columns = sql.join([...spec.key, ...spec.sealed, ...Object.keys(spec.indexes ?? {})].map(ident), sql`, `);
        const where: SQL = after ? sql`where (${keyList}) > (${sql.join(after.map((v) => sql`${v}`), sql`, `)})` : sql``;
        const found = await rows<Record<string, string | null>>(tx, sql`select ${columns} from ${ident(spec.table)} ${where} order by ${keyList} limit ${BATCH} for update`);
        for (const row of found) {
          const set: SQL[] = [];
          const plain: Record<string, string> = {};
          for (const column of spec.sealed) {
            const value = row[column];
            if (value === null || value === undefined) continue;
            const already = opens(to, value);
            if (already !== null) {
              plain[column] = already;
              continue;
            }
            const opened = opens(from, value);
            if (opened === null) throw new Error(`${spec.table}.${column}（${spec.key.map((k) => row[k]).join("/")}）既不能用旧密钥也不能用新密钥解开：密钥不对，或数据已损坏。`);
            plain[column] = opened;
            set.push(sql`${ident(column)} = ${encryptPersonal(to, opened)}`);
            report.resealed += 1;
          }
          for (const [column, { from: source, kind }] of Object.entries(spec.indexes ?? {})) {
            const value = plain[source];
            if (value === undefined) continue;
            const index = blindIndex(to, kind, value);
            if (row[column] !== index) {
              set.push(sql`${ident(column)} = ${index}`);
              report.reindexed += 1;
            }
          }
          if (set.length === 0) continue;
          const match = sql.join(spec.key.map((k) => sql`${ident(k)} = ${row[k]}`), sql` and `);
          await tx.execute(sql`update ${ident(spec.table)} set ${sql.join(set, sql`, `)} where ${match}`);
          tableCount += 1;
        }
        return found;
      });
      if (batch.length === 0) break;
      const last = batch[batch.length - 1]!;
      after = spec.key.map((k) => last[k]);
      if (batch.length < BATCH) break;
    }
    say(`${spec.table}：${tableCount} 行已更换密钥。`);
  }

  await inRotation((tx) => auditEverywhere(tx, "keys.rotated", { ...fingerprints, resealed: report.resealed, reindexed: report.reindexed, referenceMapped: report.referenceMapped, referenceUnmapped: report.referenceUnmapped }, at));
  return report;
}
