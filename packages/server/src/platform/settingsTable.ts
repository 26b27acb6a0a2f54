// Settings per region: a township's value overrides its district's, which overrides the default in code.
import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const setting = pgTable(
  "setting",
  {
    regionCode: text("region_code").notNull(),
    key: text("key").notNull(),
    value: jsonb("value").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by"),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.key] })],
);
