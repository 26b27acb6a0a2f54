// Tables of reporting up (migrations/0013_reporting.sql is the source of truth).
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

const at = (name: string) => timestamp(name, { withTimezone: true });

export type ReportStatus = "prepared" | "submitted" | "accepted";

export interface StoredProblem {
  level: "error" | "warning";
  code: string;
  message: string;
}

export const reportInstance = pgTable(
  "report_instance",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    kindCode: text("kind_code").notNull(),
    period: text("period").notNull(),
    status: text("status").$type<ReportStatus>().notNull(),
    version: integer("version").notNull(),
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    problems: jsonb("problems").$type<StoredProblem[]>().notNull(),
    deadlineAt: at("deadline_at").notNull(),
    flowInstanceId: uuid("flow_instance_id"),
    preparedBy: uuid("prepared_by").notNull(),
    preparedAt: at("prepared_at").notNull(),
    submittedBy: uuid("submitted_by"),
    submittedAt: at("submitted_at"),
    reviewedBy: uuid("reviewed_by"),
    reviewedAt: at("reviewed_at"),
    returnNote: text("return_note"),
    returnCount: integer("return_count").notNull().default(0),
    createdAt: at("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), unique().on(t.regionCode, t.kindCode, t.period), index("report_instance_kind_period").on(t.kindCode, t.period, t.regionCode)],
);

export const reportVersion = pgTable(
  "report_version",
  {
    regionCode: text("region_code").notNull(),
    reportId: uuid("report_id").notNull(),
    version: integer("version").notNull(),
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    contentHash: text("content_hash").notNull(),
    problems: jsonb("problems").$type<StoredProblem[]>().notNull(),
    builtBy: uuid("built_by").notNull(),
    builtByName: text("built_by_name").notNull(),
    builtAt: at("built_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.reportId, t.version] })],
);
