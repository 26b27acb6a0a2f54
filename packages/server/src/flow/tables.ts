// Tables of the flow engine: one row per matter in a flow, and its append-only event history.
import { integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const flowInstance = pgTable(
  "flow_instance",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    flowCode: text("flow_code").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    title: text("title").notNull(),
    state: text("state").notNull(),
    ownerId: uuid("owner_id").notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    stepEnteredAt: timestamp("step_entered_at", { withTimezone: true }).notNull(),
    deadlineAt: timestamp("deadline_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] })],
);

export const flowEvent = pgTable(
  "flow_event",
  {
    regionCode: text("region_code").notNull(),
    instanceId: uuid("instance_id").notNull(),
    seq: integer("seq").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    kind: text("kind").$type<"start" | "transition" | "handover">().notNull(),
    action: text("action").notNull(),
    fromState: text("from_state"),
    toState: text("to_state").notNull(),
    actorId: uuid("actor_id").notNull(),
    actorName: text("actor_name").notNull(),
    note: text("note"),
    fromOwnerId: uuid("from_owner_id"),
    toOwnerId: uuid("to_owner_id"),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.instanceId, t.seq] })],
);
