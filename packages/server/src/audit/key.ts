// The audit chain's key (HMAC-SM3), bound to one database handle. The key comes from the secrets
// (XIANGCAI_AUDIT_KEY / secrets file `auditKey`), never from the database: someone who can write the
// database but does not hold the key cannot recompute a row's hash after changing it.
//
// recordAudit is called with whatever transaction the caller holds, so the key is found from the
// handle itself: drizzle gives a database and every transaction opened on it the same dialect
// object, and the key is kept against that object. Each composition root (server, CLI, tests,
// benchmarks) binds its database once, right after opening it; an unbound database refuses to
// write audit rows rather than writing unkeyed ones.
import type { Db } from "../platform/db.ts";

export const AUDIT_KEY_BYTES = 32;

const bound = new WeakMap<object, Buffer>();

function dialectOf(db: Db): object {
  const dialect = (db as unknown as { dialect?: object }).dialect;
  if (!dialect) throw new Error("audit key: not a drizzle database handle");
  return dialect;
}

export function bindAuditKey(db: Db, key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== AUDIT_KEY_BYTES) throw new Error(`审计密钥须为 ${AUDIT_KEY_BYTES} 字节。`);
  bound.set(dialectOf(db), key);
}

export function auditKeyOf(db: Db): Buffer {
  const key = bound.get(dialectOf(db));
  if (!key) throw new Error("审计密钥未配置：请提供 XIANGCAI_AUDIT_KEY（或密钥文件中的 auditKey）。");
  return key;
}

export function hasAuditKey(db: Db): boolean {
  return bound.has(dialectOf(db));
}
