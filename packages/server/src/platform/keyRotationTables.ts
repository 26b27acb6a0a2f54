// The steps of a key rotation that must happen once per new key set (platform/keyRotation.ts).
import { pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

export const keyRotationStep = pgTable(
  "key_rotation_step",
  {
    fingerprint: text("fingerprint").notNull(),
    step: text("step").notNull(),
    doneAt: timestamp("done_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.fingerprint, t.step] })],
);
