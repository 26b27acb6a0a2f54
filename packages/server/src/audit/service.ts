// Audit records: written in the caller's transaction (on PostgreSQL just before its commit), one hash
// chain per region, verified on demand.
import { and, asc, desc, eq, gt, gte, like, lte, SQL, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { inSnapshot, rows, type Db } from "../platform/db.ts";
import { auditHead, auditLog } from "./tables.ts";
import { auditHash, CHAIN_START, checkChainSegment, GENESIS_HASH, toAuditJson, type ChainBreak } from "./chain.ts";
import { auditKeyOf } from "./key.ts";
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

type Pending = { entry: AuditEntry; at: Date };

/** Audit entries waiting for their transaction's commit, per root transaction on a PostgreSQL server. */
const deferred = new WeakMap<object, Pending[]>();

/**
 * Records one audit row in the transaction that makes the change it records.
 *
 * A region's rows form one hash chain, so appending takes the region's chain head and holds its row
 * lock until commit: every other transaction of the region that audits waits for it. Taken at the
 * first audit of a long transaction (a payment: payee checks, reservation, numbering, flow …), that
 * lock serialised a township's payments for their whole length. So on a PostgreSQL server the rows of
 * a root transaction are queued and appended together just before its COMMIT: the head is locked for
 * the two statements of the append and the commit only, and the rows still commit or roll back with
 * the change. Elsewhere (PGlite, which runs one transaction at a time; a savepoint; no transaction)
 * the row is appended at once, as before.
 */
export async function recordAudit(tx: Db, entry: AuditEntry, at: Date): Promise<void> {
  const queue = deferredQueue(tx);
  if (queue) queue.push({ entry, at });
  else await appendAudit(tx, [{ entry, at }]);
}

function isCommit(tx: Db, query: SQL): boolean {
  const dialect = (tx as unknown as { dialect?: { sqlToQuery(q: SQL): { sql: string } } }).dialect;
  return query instanceof SQL && dialect !== undefined && dialect.sqlToQuery(query).sql.trim().toLowerCase() === "commit";
}

/**
 * The queue of a root transaction on a PostgreSQL server (node-postgres), whose COMMIT drizzle sends
 * through the transaction's own execute(): wrapping it once lets the queue be written right before.
 */
function deferredQueue(tx: Db): Pending[] | null {
  const existing = deferred.get(tx);
  if (existing) return existing;
  const nested = (tx as unknown as { nestedIndex?: number }).nestedIndex;
  const rootOnServer = (tx as object) instanceof PgTransaction && nested === 0 && tx.constructor.name === "NodePgTransaction";
  if (!rootOnServer) return null;
  const queue: Pending[] = [];
  const execute = tx.execute.bind(tx) as (query: SQL) => Promise<unknown>;
  Object.defineProperty(tx, "execute", {
    configurable: true,
    value: async (query: SQL) => {
      if (queue.length > 0 && isCommit(tx, query)) await appendAudit(tx, queue.splice(0));
      return execute(query);
    },
  });
  deferred.set(tx, queue);
  return queue;
}

/**
 * Appends rows to their regions' chains: per region (in code order, so two transactions never wait
 * for each other's heads), one upsert moves the head's sequence by the number of rows and returns
 * the previous hash, and one statement writes the rows and moves the head's hash.
 */
async function appendAudit(tx: Db, items: readonly Pending[]): Promise<void> {
  const byRegion = new Map<string, Pending[]>();
  for (const item of items) byRegion.set(item.entry.regionCode, [...(byRegion.get(item.entry.regionCode) ?? []), item]);
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  const key = auditKeyOf(tx);
  for (const regionCode of [...byRegion.keys()].sort()) {
    const regionItems = byRegion.get(regionCode)!;
    const count = BigInt(regionItems.length);
    const [head] = await rows<{ seq: bigint; hash: string }>(
      tx,
      sql`insert into audit_head (region_code, seq, hash) values (${regionCode}, ${count}, ${GENESIS_HASH})
          on conflict (region_code) do update set seq = audit_head.seq + ${count}::bigint
          returning seq, hash`,
    );
    invariant(head, "audit head returned by upsert");
    let seq = BigInt(head.seq) - count;
    let prevHash = head.hash;
    const values: SQL[] = [];
    for (const { entry, at } of regionItems) {
      seq += 1n;
      const row = {
        regionCode,
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
      const hash = auditHash(prevHash, row, key);
      values.push(sql`(${regionCode}, ${seq}, ${at}, ${row.actorId}, ${row.actorName}, ${row.action}, ${row.entityType}, ${row.entityId}, ${json(row.before)}::jsonb, ${json(row.after)}::jsonb, ${prevHash}, ${hash}, 'hmac-sm3')`);
      prevHash = hash;
    }
    await tx.execute(sql`with written as (
        insert into audit_log (region_code, seq, at, actor_id, actor_name, action, entity_type, entity_id, before, after, prev_hash, hash, hash_kind)
        values ${sql.join(values, sql`, `)}
        returning region_code)
      update audit_head set hash = ${prevHash} where region_code = (select region_code from written limit 1)`);
  }
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

/** A point a chain must still pass through: (seq, hash) of a head taken earlier. */
export interface ChainPoint {
  regionCode: string;
  seq: bigint;
  hash: string;
}

export interface VerifyOptions {
  /** The heads in the auditor's signed checkpoint file (already checked by readCheckpoint). */
  checkpoint?: readonly ChainPoint[];
}

const VERIFY_BATCH = 2000;

/**
 * Recomputes every chain under the scope prefix with the audit key; stops at the first break. Then
 * every chain must still pass through the heads the district copied (the latest `audit.checkpoint`
 * row of each district chain) and, when given, through the heads of the auditor's checkpoint file:
 * a rewind of a head (the tail deleted and the head set back) or a rewrite is found there.
 */
export async function verifyAudit(db: Db, scopePrefix = "", options: VerifyOptions = {}): Promise<VerifyResult> {
  // One snapshot for the heads and the rows: on a live server other transactions append rows while the
  // chains are read, and rows committed after the heads were read would look like a chain running past
  // its head. A caller already in a transaction reads in its own.
  return inSnapshot(db, (tx) => verifyChains(tx, scopePrefix, options));
}

async function verifyChains(db: Db, scopePrefix: string, options: VerifyOptions): Promise<VerifyResult> {
  const key = auditKeyOf(db);
  const heads = await db
    .select()
    .from(auditHead)
    .where(scopeCondition(auditHead.regionCode, scopePrefix))
    .orderBy(asc(auditHead.regionCode));
  let checked = 0;
  const broken = (regionCode: string, b: ChainBreak): VerifyResult => ({ ok: false, checked, regions: heads.length, firstBroken: { regionCode, ...b } });
  for (const head of heads) {
    const checkedBeforeRegion = checked;
    let state = CHAIN_START;
    for (;;) {
      const batch = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.regionCode, head.regionCode), gt(auditLog.seq, state.seq)))
        .orderBy(asc(auditLog.seq))
        .limit(VERIFY_BATCH);
      const result = checkChainSegment(batch, state, key);
      if (!result.ok) {
        checked = checkedBeforeRegion + Number(result.break.seq - 1n);
        return broken(head.regionCode, result.break);
      }
      checked += batch.length;
      state = result.state;
      if (batch.length < VERIFY_BATCH) break;
    }
    if (state.seq !== head.seq || state.hash !== head.hash) return broken(head.regionCode, { seq: state.seq + 1n, reason: "HEAD" });
    // A chain must end keyed: otherwise its keyed part could have been rewritten as unkeyed rows.
    if (state.seq > 0n && !state.keyed) return broken(head.regionCode, { seq: state.seq, reason: "UNKEYED" });
  }
  const points: Array<[ChainPoint, ChainBreak["reason"]]> = [
    ...(await districtCopies(db, scopePrefix)).map((p): [ChainPoint, ChainBreak["reason"]] => [p, "DISTRICT_COPY"]),
    ...(options.checkpoint ?? []).filter((p) => p.regionCode.startsWith(scopePrefix)).map((p): [ChainPoint, ChainBreak["reason"]] => [p, "CHECKPOINT"]),
  ];
  for (const [point, reason] of points) {
    if (!(await passesThrough(db, point))) return broken(point.regionCode, { seq: point.seq, reason });
  }
  return { ok: true, checked, regions: heads.length, firstBroken: null };
}

async function passesThrough(db: Db, point: ChainPoint): Promise<boolean> {
  if (point.seq === 0n) return true;
  const [row] = await db
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .where(and(eq(auditLog.regionCode, point.regionCode), eq(auditLog.seq, point.seq)));
  const [head] = await db.select({ seq: auditHead.seq }).from(auditHead).where(eq(auditHead.regionCode, point.regionCode));
  return row?.hash === point.hash && head !== undefined && head.seq >= point.seq;
}

export const CHECKPOINT_ACTION = "audit.checkpoint";

/** The townships' heads copied by each district under the scope, from its latest checkpoint row. */
async function districtCopies(db: Db, scopePrefix: string): Promise<ChainPoint[]> {
  const found = await rows<{ region_code: string; after: { heads?: Record<string, { seq: string; hash: string }> } | null }>(
    db,
    sql`select distinct on (region_code) region_code, after from audit_log
        where action = ${CHECKPOINT_ACTION} and region_code like ${`${scopePrefix.slice(0, 6)}%`}
        order by region_code, seq desc`,
  );
  const points: ChainPoint[] = [];
  for (const row of found) {
    for (const [regionCode, head] of Object.entries(row.after?.heads ?? {})) {
      if (regionCode.startsWith(scopePrefix)) points.push({ regionCode, seq: BigInt(head.seq), hash: head.hash });
    }
  }
  return points;
}
