// The pure rule of the audit chain: each row's hash is HMAC-SM3(audit key, previous hash ‖ "\n" ‖
// canonical row). Rows written before the chain was keyed (migration 0010) carry the plain
// SM3(previous hash ‖ "\n" ‖ canonical row) and hash_kind 'sm3'; they may only come before the first
// keyed row of their chain, and a chain must end in a keyed row (the server appends an
// `audit.chainKeyed` row to every chain that does not on its first start with a key), so an
// intruder cannot rewrite the keyed part as unkeyed rows, and rewriting the unkeyed part breaks the
// link into the first keyed row, whose hash they cannot recompute.
import { createHmac } from "node:crypto";
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

export type HashKind = "sm3" | "hmac-sm3";

/** The row's hash: HMAC-SM3 with the key, or, for a row written before the chain was keyed, plain SM3. */
export function auditHash(prevHash: string, row: AuditRowContent, key: Buffer | null): string {
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
  const input = `${prevHash}\n${canonical}`;
  return key ? createHmac("sm3", key).update(input, "utf8").digest("hex") : sm3Hex(input);
}

export type ChainBreak = {
  seq: bigint;
  reason: "SEQUENCE_GAP" | "PREVIOUS_HASH" | "HASH" | "HEAD" | "UNKEYED" | "CHECKPOINT" | "DISTRICT_COPY";
};

export interface ChainState {
  seq: bigint;
  hash: string;
  /** A keyed row has been seen: every later row must be keyed too. */
  keyed: boolean;
}

export const CHAIN_START: ChainState = { seq: 0n, hash: GENESIS_HASH, keyed: false };

/**
 * Checks one region's rows in sequence order, continuing from `expected`.
 * Returns the first break, or the state to continue from.
 */
export function checkChainSegment(
  rows: ReadonlyArray<AuditRowContent & { prevHash: string; hash: string; hashKind: HashKind }>,
  expected: ChainState,
  key: Buffer,
): { ok: true; state: ChainState } | { ok: false; break: ChainBreak } {
  let { seq, hash, keyed } = expected;
  for (const row of rows) {
    if (row.seq !== seq + 1n) return { ok: false, break: { seq: seq + 1n, reason: "SEQUENCE_GAP" } };
    if (row.prevHash !== hash) return { ok: false, break: { seq: row.seq, reason: "PREVIOUS_HASH" } };
    const rowKeyed = row.hashKind === "hmac-sm3";
    if (keyed && !rowKeyed) return { ok: false, break: { seq: row.seq, reason: "UNKEYED" } };
    if (auditHash(row.prevHash, row, rowKeyed ? key : null) !== row.hash) return { ok: false, break: { seq: row.seq, reason: "HASH" } };
    seq = row.seq;
    hash = row.hash;
    keyed = rowKeyed;
  }
  return { ok: true, state: { seq, hash, keyed } };
}

/** Makes a value safe for jsonb and for hashing: bigint → string, Date → ISO, no undefined. */
export { toJsonValue as toAuditJson } from "../platform/canonicalJson.ts";
