// Audit records: written in the caller's transaction, one hash chain per region, verified on demand.
import { and, asc, desc, eq, gt, gte, like, lte, sql, type SQL } from "drizzle-orm";
import { rows, type Db } from "../platform/db.ts";
import { auditHead, auditLog } from "./tables.ts";
import { auditHash, checkChainSegment, GENESIS_HASH, toAuditJson, type ChainBreak } from "./chain.ts";
import { invariant } from "../platform/errors.ts";
import { containsPattern, scopeCondition } from "../platform/scope.ts";

export interface AuditActor {
  id: string | null;
  name: string;
}

export interface AuditEntry {
  regionCode: string;
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one audit row. Must run inside the transaction that makes the change it records.
 * Two round trips: the upsert takes the region's chain head (locking it until commit) and returns the
 * new sequence number with the previous hash; one statement then writes the row and moves the head.
 */
export async function recordAudit(tx: Db, entry: AuditEntry, at: Date = new Date()): Promise<bigint> {
  const [head] = await rows<{ seq: bigint; hash: string }>(
    tx,
    sql`insert into audit_head (region_code, seq, hash) values (${entry.regionCode}, 1, ${GENESIS_HASH})
        on conflict (region_code) do update set seq = audit_head.seq + 1
        returning seq, hash`,
  );
  invariant(head, "audit head returned by upsert");
  const seq = BigInt(head.seq);
  const row = {
    regionCode: entry.regionCode,
    seq,
    at,
    actorId: entry.actor.id,
    actorName: entry.actor.name,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: toAuditJson(entry.before),
    after: toAuditJson(entry.after),
  };
  const hash = auditHash(head.hash, row);
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  await tx.execute(sql`with written as (
      insert into audit_log (region_code, seq, at, actor_id, actor_name, action, entity_type, entity_id, before, after, prev_hash, hash)
      values (${row.regionCode}, ${seq}, ${at}, ${row.actorId}, ${row.actorName}, ${row.action}, ${row.entityType}, ${row.entityId},
              ${json(row.before)}::jsonb, ${json(row.after)}::jsonb, ${head.hash}, ${hash})
      returning region_code)
    update audit_head set hash = ${hash} where region_code = (select region_code from written)`);
  return seq;
}

export interface AuditFilter {
  scopePrefix: string;
  regionCode?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}


export async function listAudit(db: Db, filter: AuditFilter, page: { limit: number; offset: number }) {
  const conditions: SQL[] = [scopeCondition(auditLog.regionCode, filter.scopePrefix)];
  if (filter.regionCode) conditions.push(eq(auditLog.regionCode, filter.regionCode));
  if (filter.actor) conditions.push(like(auditLog.actorName, containsPattern(filter.actor)));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to) conditions.push(lte(auditLog.at, filter.to));
  const where = and(...conditions);
  const [items, [count]] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.at), desc(auditLog.seq)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<bigint>`count(*)` }).from(auditLog).where(where),
  ]);
  return { items, total: Number(count?.n ?? 0n) };
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  regions: number;
  firstBroken: (ChainBreak & { regionCode: string }) | null;
}

const VERIFY_BATCH = 2000;

/** Recomputes every chain under the scope prefix; stops at the first break. */
export async function verifyAudit(db: Db, scopePrefix = ""): Promise<VerifyResult> {
  const heads = await db
    .select()
    .from(auditHead)
    .where(scopeCondition(auditHead.regionCode, scopePrefix))
    .orderBy(asc(auditHead.regionCode));
  let checked = 0;
  for (const head of heads) {
    const checkedBeforeRegion = checked;
    let state = { seq: 0n, hash: GENESIS_HASH };
    for (;;) {
      const batch = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.regionCode, head.regionCode), gt(auditLog.seq, state.seq)))
        .orderBy(asc(auditLog.seq))
        .limit(VERIFY_BATCH);
      const result = checkChainSegment(batch, state);
      if (!result.ok) {
        checked = checkedBeforeRegion + Number(result.break.seq - 1n);
        return { ok: false, checked, regions: heads.length, firstBroken: { regionCode: head.regionCode, ...result.break } };
      }
      checked += batch.length;
      state = { seq: result.seq, hash: result.hash };
      if (batch.length < VERIFY_BATCH) break;
    }
    if (state.seq !== head.seq || state.hash !== head.hash) {
      return {
        ok: false,
        checked,
        regions: heads.length,
        firstBroken: { regionCode: head.regionCode, seq: state.seq + 1n, reason: "HEAD" },
      };
    }
  }
  return { ok: true, checked, regions: heads.length, firstBroken: null };
}
