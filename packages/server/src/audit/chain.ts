// The pure rule of the audit chain: each row's hash is SM3(previous hash ‖ canonical row).
import { canonicalJson, sm3Hex } from "../platform/canonicalJson.ts";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditRowContent {
  regionCode: string;
  seq: bigint;
  at: Date;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export function auditHash(prevHash: string, row: AuditRowContent): string {
  const canonical = canonicalJson({
    regionCode: row.regionCode,
    seq: row.seq.toString(),
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before ?? null,
    after: row.after ?? null,
  });
  return sm3Hex(`${prevHash}\n${canonical}`);
}

export type ChainBreak = { seq: bigint; reason: "SEQUENCE_GAP" | "PREVIOUS_HASH" | "HASH" | "HEAD" };

/**
 * Checks one region's rows in sequence order, continuing from `expected`.
 * Returns the first break, or the state to continue from.
 */
export function checkChainSegment(
  rows: ReadonlyArray<AuditRowContent & { prevHash: string; hash: string }>,
  expected: { seq: bigint; hash: string },
): { ok: true; seq: bigint; hash: string } | { ok: false; break: ChainBreak } {
  let { seq, hash } = expected;
  for (const row of rows) {
    if (row.seq !== seq + 1n) return { ok: false, break: { seq: seq + 1n, reason: "SEQUENCE_GAP" } };
    if (row.prevHash !== hash) return { ok: false, break: { seq: row.seq, reason: "PREVIOUS_HASH" } };
    if (auditHash(row.prevHash, row) !== row.hash) return { ok: false, break: { seq: row.seq, reason: "HASH" } };
    seq = row.seq;
    hash = row.hash;
  }
  return { ok: true, seq, hash };
}

/** Makes a value safe for jsonb and for hashing: bigint → string, Date → ISO, no undefined. */
export function toAuditJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(canonicalJson(value));
}
