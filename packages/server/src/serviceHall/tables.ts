// Tables of the service hall (migrations/0028_service_hall.sql is the source of truth).
import { index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { MatterCategory, MatterChannel, MatterStatus, Satisfaction } from "@xiangcai/shared";

const at = (name: string) => timestamp(name, { withTimezone: true });

export const serviceMatter = pgTable(
  "service_matter",
  {
    regionCode: text("region_code").notNull(),
    id: uuid("id").notNull(),
    matterNo: text("matter_no").notNull(),
    category: text("category").$type<MatterCategory>().notNull(),
    channel: text("channel").$type<MatterChannel>().notNull(),
    villageCode: text("village_code"),
    applicantName: text("applicant_name").notNull(),
    applicantIdSealed: text("applicant_id_sealed"),
    applicantIdIndex: text("applicant_id_index"),
    applicantIdMasked: text("applicant_id_masked"),
    applicantPhoneSealed: text("applicant_phone_sealed"),
    applicantPhoneMasked: text("applicant_phone_masked"),
    content: text("content").notNull(),
    status: text("status").$type<MatterStatus>().notNull(),
    timeLimitDays: integer("time_limit_days").notNull(),
    promisedBy: at("promised_by").notNull(),
    acceptedAt: at("accepted_at").notNull(),
    acceptedBy: uuid("accepted_by").notNull(),
    acceptedByName: text("accepted_by_name").notNull(),
    reportNote: text("report_note"),
    districtReply: text("district_reply"),
    answer: text("answer"),
    answeredAt: at("answered_at"),
    answeredBy: uuid("answered_by"),
    answeredByName: text("answered_by_name"),
    satisfaction: text("satisfaction").$type<Satisfaction>(),
    followUpNote: text("follow_up_note"),
    flowInstanceId: uuid("flow_instance_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    unique().on(t.regionCode, t.matterNo),
    index("service_matter_accepted").on(t.regionCode, t.acceptedAt),
    index("service_matter_status").on(t.regionCode, t.status, t.category),
    index("service_matter_applicant").on(t.regionCode, t.applicantIdIndex),
    index("service_matter_no").on(t.matterNo),
  ],
);
