// Tables of the outbox and of idempotency records (migrations/0002_outbox_idempotency.sql).
import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const outboxEvent = pgTable(
  "outbox_event",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    topic: text("topic").notNull(),
    payload: jsonb("payload").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] })],
);

export const outboxConsumption = pgTable(
  "outbox_consumption",
  {
    regionCode: text("region_code").notNull(),
    consumer: text("consumer").notNull(),
    eventId: uuid("event_id").notNull(),
    processedAt: timestamp("processed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.consumer, t.eventId] })],
);

export const idempotencyRecord = pgTable(
  "idempotency_record",
  {
    regionCode: text("region_code").notNull(),
    key: text("key").notNull(),
    command: text("command").notNull(),
    actorId: uuid("actor_id"),
    requestHash: text("request_hash").notNull(),
    statusCode: integer("status_code"),
    response: jsonb("response"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.key] })],
);
