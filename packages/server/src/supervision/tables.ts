// Tables of fund supervision (migrations/0020_supervision.sql is the source of truth;
// platform/schema.test.ts checks these definitions against the migrated database).
import { bigint, date, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { AlertStatus, Evidence, RuleCode, RunSummary, RunTrigger, Stage } from "./rules.ts";

const at = (name: string) => timestamp(name, { withTimezone: true });

export const supervisionAlert = pgTable(
  "supervision_alert",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    alertNo: text("alert_no").notNull(),
    ruleCode: text("rule_code").$type<RuleCode>().notNull(),
    stage: text("stage").$type<Stage>().notNull(),
    status: text("status").$type<AlertStatus>().notNull(),
    message: text("message").notNull(),
    amountFen: bigint("amount_fen", { mode: "bigint" }).notNull(),
    evidence: jsonb("evidence").$type<Evidence>().notNull(),
    objectCount: integer("object_count").notNull(),
    /** The flow the alert waits on now: its verification flow, then its rectification task's flow. */
    flowInstanceId: uuid("flow_instance_id"),
    /** The alert's own verification flow (核实), kept for its history once rectification begins. */
    verificationFlowInstanceId: uuid("verification_flow_instance_id"),
    /** The shared rectification task (rectification/) opened when the township began rectifying. */
    rectificationTaskId: uuid("rectification_task_id"),
    firstFoundAt: at("first_found_at").notNull(),
    lastFoundAt: at("last_found_at").notNull(),
    foundRuns: integer("found_runs").notNull(),
    closedAt: at("closed_at"),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.alertNo)],
);

export const supervisionAlertObject = pgTable(
  "supervision_alert_object",
  {
    regionCode: text("region_code").notNull(),
    alertId: uuid("alert_id").notNull(),
    objectType: text("object_type").notNull(),
    objectId: text("object_id").notNull(),
    objectRegionCode: text("object_region_code").notNull(),
    label: text("label").notNull(),
    addedAt: at("added_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.alertId, t.objectType, t.objectId] })],
);

export type AlertEventKind = "found" | "evidenceAdded" | "rectification" | "assigned";

export const supervisionAlertEvent = pgTable(
  "supervision_alert_event",
  {
    regionCode: text("region_code").notNull(),
    alertId: uuid("alert_id").notNull(),
    seq: integer("seq").notNull(),
    at: at("at").notNull(),
    kind: text("kind").$type<AlertEventKind>().notNull(),
    runId: uuid("run_id"),
    amountFen: bigint("amount_fen", { mode: "bigint" }),
    objectsAdded: integer("objects_added").notNull().default(0),
    evidence: jsonb("evidence").$type<Evidence>(),
    note: text("note"),
    attachmentIds: jsonb("attachment_ids").$type<string[]>().notNull().default([]),
    actorId: uuid("actor_id"),
    actorName: text("actor_name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.alertId, t.seq] })],
);

export const supervisionSuppression = pgTable(
  "supervision_suppression",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    ruleCode: text("rule_code").$type<RuleCode>().notNull(),
    objectType: text("object_type").notNull(),
    objectId: text("object_id").notNull(),
    label: text("label").notNull(),
    reason: text("reason").notNull(),
    expiresOn: date("expires_on", { mode: "string" }).notNull(),
    alertId: uuid("alert_id"),
    createdBy: uuid("created_by").notNull(),
    createdByName: text("created_by_name").notNull(),
    createdAt: at("created_at").notNull(),
    revokedAt: at("revoked_at"),
    revokedByName: text("revoked_by_name"),
    revokeReason: text("revoke_reason"),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] })],
);

export const supervisionRun = pgTable(
  "supervision_run",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    scopePrefix: text("scope_prefix").notNull(),
    trigger: text("trigger").$type<RunTrigger>().notNull(),
    rules: jsonb("rules").$type<RuleCode[]>().notNull(),
    startedAt: at("started_at").notNull(),
    finishedAt: at("finished_at").notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name").notNull(),
    summary: jsonb("summary").$type<RunSummary>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] })],
);

export const supervisionRunRequest = pgTable(
  "supervision_run_request",
  {
    regionCode: text("region_code").notNull(),
    ruleCode: text("rule_code").$type<RuleCode>().notNull(),
    requestedAt: at("requested_at").notNull(),
    eventId: uuid("event_id"),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.ruleCode] })],
);

export const supervisionReport = pgTable(
  "supervision_report",
  {
    regionCode: text("region_code").notNull(),
    period: text("period").notNull(),
    content: jsonb("content").notNull(),
    issuedAt: at("issued_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.period] })],
);
