// The audit chain's tables: the head of each region's chain and the append-only log.
import { bigint, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const auditHead = pgTable("audit_head", {
  regionCode: text("region_code").primaryKey(),
  seq: bigint("seq", { mode: "bigint" }).notNull(),
  hash: text("hash").notNull(),
});

export const auditLog = pgTable(
  "audit_log",
  {
    regionCode: text("region_code").notNull(),
    seq: bigint("seq", { mode: "bigint" }).notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
    /** 'hmac-sm3' (keyed with the audit key), or 'sm3' for rows written before migration 0010. */
    hashKind: text("hash_kind").$type<"sm3" | "hmac-sm3">().notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.seq] })],
);
