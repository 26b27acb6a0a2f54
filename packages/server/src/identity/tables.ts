// Tables of the identity domain: users, roles, sessions, TOTP login challenges, login throttling.
import { bigint, boolean, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const appUser = pgTable("app_user", {
  id: uuid("id").primaryKey(),
  regionCode: text("region_code").notNull(),
  username: text("username").notNull().unique(),
  displayName: text("display_name").notNull(),
  passwordHash: text("password_hash").notNull(),
  status: text("status").$type<"active" | "disabled">().notNull().default("active"),
  mustChangePassword: boolean("must_change_password").notNull().default(false),
  totpSecretSealed: text("totp_secret_sealed"),
  totpPendingSealed: text("totp_pending_sealed"),
  totpEnabled: boolean("totp_enabled").notNull().default(false),
  totpLastStep: bigint("totp_last_step", { mode: "number" }),
  /** The user's own resident ID, if recorded (migration 0020): sealed, blind-indexed, masked. */
  residentIdSealed: text("resident_id_sealed"),
  residentIdIndex: text("resident_id_index"),
  residentIdMasked: text("resident_id_masked"),
  lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid("created_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const userRole = pgTable(
  "user_role",
  { userId: uuid("user_id").notNull(), role: text("role").notNull() },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

export const session = pgTable("user_session", {
  tokenHash: text("token_hash").primaryKey(),
  userId: uuid("user_id").notNull(),
  csrfToken: text("csrf_token").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/** Login failures per key ("pair:<username>|<address>", "account:<username>", "address:<address>"). */
export const loginThrottle = pgTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }).notNull(),
});

export const loginChallenge = pgTable("login_challenge", {
  tokenHash: text("token_hash").primaryKey(),
  userId: uuid("user_id").notNull(),
  attempts: integer("attempts").notNull().default(0),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});
