// Checkpoints of the audit chains, kept out of the reach of whoever can write one township's rows:
//
// - the district's copy: an `audit.checkpoint` row in the district's own (keyed) chain naming the
//   head (seq, hash) of every township chain under it. Taken by `xiangcai audit checkpoint`, by
//   POST /audit/checkpoint and every hour by the server when a head has moved. A township whose tail
//   is deleted and head set back no longer passes through the district's copy.
// - the auditor's file: the heads of every chain, signed with HMAC-SM3 under the audit key, written
//   by `xiangcai audit checkpoint --out <file>` (or downloaded) and kept by the auditor, outside the
//   database. `audit verify --checkpoint <file>` requires every chain to pass through those heads,
//   which also catches a rewind of the district's own chain.
//
// And the upgrade step: chains written before the key existed end in unkeyed rows; keyLegacyChains
// appends one keyed `audit.chainKeyed` row to each, so from then on they end keyed (audit/chain.ts).
import { createHmac, timingSafeEqual } from "node:crypto";
import { asc, sql } from "drizzle-orm";
import { canonicalJson } from "../platform/canonicalJson.ts";
import { rows, type Db } from "../platform/db.ts";
import { scopeCondition } from "../platform/scope.ts";
import { auditKeyOf } from "./key.ts";
import { auditHead } from "./tables.ts";
import { CHECKPOINT_ACTION, recordAudit, type AuditActor, type ChainPoint } from "./service.ts";

export const CHECKPOINT_FORMAT = "xiangcai-audit-checkpoint";
export const CHAIN_KEYED_ACTION = "audit.chainKeyed";

export interface CheckpointFile {
  format: typeof CHECKPOINT_FORMAT;
  version: 1;
  takenAt: string;
  scope: string;
  heads: Array<{ regionCode: string; seq: string; hash: string }>;
  /** HMAC-SM3 under the audit key of the canonical JSON of everything else. */
  mac: string;
}

export class CheckpointError extends Error {}

const SYSTEM: AuditActor = { id: null, name: "系统" };

function macOf(key: Buffer, body: Omit<CheckpointFile, "mac">): string {
  return createHmac("sm3", key).update(`${CHECKPOINT_FORMAT}\n${canonicalJson(body)}`, "utf8").digest("hex");
}

/** The district chain of a township (9 digits: county + "000"). */
export function districtOf(regionCode: string): string {
  return `${regionCode.slice(0, 6)}000`;
}

async function headsUnder(db: Db, scopePrefix: string): Promise<ChainPoint[]> {
  const found = await db.select().from(auditHead).where(scopeCondition(auditHead.regionCode, scopePrefix)).orderBy(asc(auditHead.regionCode));
  return found.map((h) => ({ regionCode: h.regionCode, seq: h.seq, hash: h.hash }));
}

/**
 * Writes each district's copy of its townships' heads into the district chain, when a head has moved
 * since the district's last copy (or always, with `force`). Returns how many districts wrote one.
 */
export async function copyHeadsToDistricts(db: Db, input: { scopePrefix: string; at: Date; actor?: AuditActor; force?: boolean }): Promise<number> {
  const heads = await headsUnder(db, input.scopePrefix);
  const byDistrict = new Map<string, ChainPoint[]>();
  for (const head of heads) {
    const district = districtOf(head.regionCode);
    if (head.regionCode === district) continue;
    byDistrict.set(district, [...(byDistrict.get(district) ?? []), head]);
  }
  let written = 0;
  for (const [district, townships] of byDistrict) {
    // Only a user whose scope covers the district writes into its chain (a township's user does not).
    if (!district.startsWith(input.scopePrefix)) continue;
    const copy = Object.fromEntries(townships.map((h) => [h.regionCode, { seq: h.seq.toString(), hash: h.hash }]));
    if (!input.force) {
      const [latest] = await rows<{ after: { heads?: unknown } | null }>(
        db,
        sql`select after from audit_log where region_code = ${district} and action = ${CHECKPOINT_ACTION} order by seq desc limit 1`,
      );
      if (latest?.after?.heads && canonicalJson(latest.after.heads) === canonicalJson(copy)) continue;
    }
    await recordAudit(db, { regionCode: district, actor: input.actor ?? SYSTEM, action: CHECKPOINT_ACTION, entityType: "auditChain", entityId: district, after: { heads: copy } }, input.at);
    written += 1;
  }
  return written;
}

/** The auditor's checkpoint: every head under the scope, signed with the audit key. */
export async function signedCheckpoint(db: Db, input: { scopePrefix: string; at: Date }): Promise<CheckpointFile> {
  const heads = await headsUnder(db, input.scopePrefix);
  const body: Omit<CheckpointFile, "mac"> = {
    format: CHECKPOINT_FORMAT,
    version: 1,
    takenAt: input.at.toISOString(),
    scope: input.scopePrefix,
    heads: heads.map((h) => ({ regionCode: h.regionCode, seq: h.seq.toString(), hash: h.hash })),
  };
  return { ...body, mac: macOf(auditKeyOf(db), body) };
}

/** Reads a checkpoint file and checks its signature; the heads it names, ready for verifyAudit. */
export function readCheckpoint(db: Db, text: string): ChainPoint[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CheckpointError("检查点文件不是有效的 JSON。");
  }
  const file = parsed as Partial<CheckpointFile>;
  if (file?.format !== CHECKPOINT_FORMAT || file.version !== 1 || typeof file.mac !== "string" || typeof file.takenAt !== "string" || typeof file.scope !== "string" || !Array.isArray(file.heads)) {
    throw new CheckpointError("不是乡财审计检查点文件（format/version/heads/mac 缺失）。");
  }
  for (const h of file.heads) {
    if (typeof h?.regionCode !== "string" || !/^[0-9]{6,12}$/.test(h.regionCode) || typeof h.seq !== "string" || !/^[0-9]{1,18}$/.test(h.seq) || typeof h.hash !== "string" || !/^[0-9a-f]{64}$/.test(h.hash)) {
      throw new CheckpointError("检查点文件中的链头格式不正确。");
    }
  }
  const { mac, ...body } = file as CheckpointFile;
  const expected = Buffer.from(macOf(auditKeyOf(db), body), "hex");
  const given = Buffer.from(/^[0-9a-f]{64}$/.test(mac) ? mac : "", "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new CheckpointError("检查点文件的签名不符：文件被改动过，或不是用本系统的审计密钥签发的。");
  }
  return body.heads.map((h) => ({ regionCode: h.regionCode, seq: BigInt(h.seq), hash: h.hash }));
}

/**
 * Appends a keyed `audit.chainKeyed` row to every chain whose last row is unkeyed (written before
 * migration 0010). Run on every start and by `db migrate`; does nothing once every chain ends keyed.
 */
export async function keyLegacyChains(db: Db, at: Date): Promise<number> {
  const legacy = await rows<{ region_code: string; seq: bigint; hash: string }>(
    db,
    sql`select h.region_code, h.seq, h.hash from audit_head h
      join audit_log l on l.region_code = h.region_code and l.seq = h.seq
      where l.hash_kind = 'sm3' order by h.region_code`,
  );
  for (const chain of legacy) {
    await recordAudit(db, {
      regionCode: chain.region_code,
      actor: SYSTEM,
      action: CHAIN_KEYED_ACTION,
      entityType: "auditChain",
      entityId: chain.region_code,
      after: { keyedAfterSeq: chain.seq.toString(), legacyHead: chain.hash },
    }, at);
  }
  return legacy.length;
}
