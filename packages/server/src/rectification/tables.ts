// Tables of the rectification mechanism (migrations/0016_rectification.sql and 0022 are the source of truth).
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

const at = (name: string) => timestamp(name, { withTimezone: true });

export type RectificationStatus = "rectifying" | "verifying" | "closed";

export const rectificationTask = pgTable(
  "rectification_task",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    taskNo: text("task_no").notNull(),
    flowCode: text("flow_code").notNull(),
    sourceKind: text("source_kind").notNull(),
    sourceId: text("source_id").notNull(),
    sourceLabel: text("source_label").notNull(),
    category: text("category").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    responsibleUnitId: uuid("responsible_unit_id"),
    responsibleUnitName: text("responsible_unit_name").notNull(),
    responsiblePerson: text("responsible_person").notNull(),
    deadlineOn: date("deadline_on", { mode: "string" }).notNull(),
    status: text("status").$type<RectificationStatus>().notNull(),
    evidenceCount: integer("evidence_count").notNull(),
    closureNote: text("closure_note"),
    closedAt: at("closed_at"),
    closedBy: uuid("closed_by"),
    closedByName: text("closed_by_name"),
    flowInstanceId: uuid("flow_instance_id"),
    createdBy: uuid("created_by").notNull(),
    createdByName: text("created_by_name").notNull(),
    createdAt: at("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    unique().on(t.regionCode, t.taskNo),
    index("rectification_task_category").on(t.regionCode, t.category, t.status),
    index("rectification_task_source").on(t.regionCode, t.sourceKind, t.sourceId),
  ],
);

export const rectificationEvidence = pgTable(
  "rectification_evidence",
  {
    regionCode: text("region_code").notNull(),
    taskId: uuid("task_id").notNull(),
    seq: integer("seq").notNull(),
    evidence: text("evidence").notNull(),
    attachmentNames: jsonb("attachment_names").$type<string[]>().notNull(),
    attachmentIds: jsonb("attachment_ids").$type<string[]>().notNull().default([]),
    submittedBy: uuid("submitted_by").notNull(),
    submittedByName: text("submitted_by_name").notNull(),
    submittedAt: at("submitted_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.taskId, t.seq] })],
);
