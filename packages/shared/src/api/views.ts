// The shapes of the API's answers, shared by the server (which builds them) and the web app (which
// reads them), so the two cannot drift apart. Amounts are yuan strings, times ISO 8601 strings,
// 64-bit sequence numbers decimal strings.
import type { RegionKind, RegionLevel } from "../region.ts";

export interface Me {
  id: string;
  username: string;
  displayName: string;
  regionCode: string;
  regionName: string;
  roles: string[];
  permissions: string[];
  totpEnabled: boolean;
  totpEnrollRequired: boolean;
  mustChangePassword: boolean;
}

export interface RegionView {
  regionCode: string;
  name: string;
  level: RegionLevel;
  kind: RegionKind;
  kindName: string;
  parentCode: string | null;
  population: number | null;
}

export type BudgetUnitStatus = "pending" | "active" | "rejected" | "returned";
export type BudgetUnitKind = "administrative" | "publicInstitution" | "other";

export interface BudgetUnitView {
  id: string;
  regionCode: string;
  regionName: string;
  creditCode: string;
  name: string;
  kind: BudgetUnitKind;
  status: BudgetUnitStatus;
  createdByName: string;
  createdAt: string;
  flowInstanceId: string | null;
}

export type UserStatus = "active" | "disabled";

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  regionCode: string;
  regionName: string;
  roles: string[];
  status: UserStatus;
  locked: boolean;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  /** The user's own resident ID, masked, when recorded (fund supervision matches payees against it). */
  residentIdMasked: string | null;
}

export interface FlowActionView {
  action: string;
  label: string;
  noteRequired: boolean;
}

export interface FlowTaskView {
  id: string;
  regionCode: string;
  regionName: string;
  flowCode: string;
  flowName: string;
  entityType: string;
  entityId: string;
  title: string;
  state: string;
  stateName: string;
  /** The roles that act at the current step (empty once the matter is closed). */
  stepRole: string[];
  ownerId: string;
  ownerName: string;
  deadlineAt: string | null;
  overdue: boolean;
  overdueWorkingDays: number;
  /** Overdue long enough to be raised to the level above. */
  escalated: boolean;
  closedAt: string | null;
  createdAt: string;
  createdByName: string;
  /** What the current user may do now. */
  actions: FlowActionView[];
}

export interface FlowHistoryView {
  at: string;
  actorName: string;
  kind: "start" | "transition" | "handover";
  action: string;
  actionLabel: string;
  fromState: string | null;
  toState: string;
  note: string | null;
  toOwnerName: string | null;
}

export interface FlowTaskDetail extends FlowTaskView {
  history: FlowHistoryView[];
}

export interface AuditEntryView {
  regionCode: string;
  /** The region's name (青禾镇), for people; the code stays for filters. */
  regionName: string;
  seq: string;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

export interface AuditVerifyView {
  ok: boolean;
  checked: number;
  regions: number;
  firstBroken: { regionCode: string; seq: string; reason: string } | null;
}

/** One township's outcome in a district-wide year end. */
export interface YearEndTownshipResult {
  regionCode: string;
  regionName: string;
  outcome: "pending" | "closed" | "alreadyClosed" | "refused";
  carriedOver: { count: number; amount: string } | null;
  becameBalance: { count: number; amount: string } | null;
  closedIndicators: number;
  message: string | null;
}

/** A district-wide year-end run (POST/GET /budget/year-end/district-runs). */
export interface YearEndRun {
  id: string;
  regionCode: string;
  fiscalYear: number;
  status: "running" | "finished" | "failed";
  townshipCount: number;
  doneCount: number;
  results: YearEndTownshipResult[];
  startedAt: string;
  finishedAt: string | null;
}

/** A stored file (a payment's invoice or contract): its bytes are fetched separately. */
export interface AttachmentView {
  id: string;
  regionCode: string;
  ownerKind: string;
  ownerId: string | null;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

/** A list answered whole (no paging), wrapped so that fields can be added beside it later. */
export interface Items<T> {
  items: T[];
}


// ---- identity: login, the session, TOTP, roles

/** POST /auth/login and /auth/login/totp: signed in, or a TOTP code is needed first. */
export type LoginAnswer = { status: "ok"; user: Me; csrfToken: string } | { status: "totp_required"; challengeId: string };

/** GET /auth/me: who is signed in, and the CSRF token of the session. */
export interface MeAnswer {
  user: Me;
  csrfToken: string;
}

/** POST /auth/totp/setup: the secret to enter into an authenticator app. */
export interface TotpSetupView {
  secret: string;
  otpauthUri: string;
}

/** A role of the catalogue (GET /roles). */
export interface RoleView {
  code: string;
  name: string;
  /** The levels of region a holder may belong to (district, township, village). */
  levels: string[];
  permissions: string[];
}

/** Someone of the same region a flow matter can be handed over to. */
export interface HandoverCandidateView {
  id: string;
  displayName: string;
  roles: string[];
}

/** GET /health. */
export interface HealthView {
  status: "ok";
  database: "pglite" | "postgres";
  version: string;
}

// ---- settings

/**
 * How the settings page reads and edits a value (every kind is a form, none is raw JSON):
 * integer, decimal (a number kept as text, "50000.00"), choice (one of `form.options`), fields (an
 * object of `form.fields`), table (an object of `form.rows`, each an object of `form.fields`),
 * integerMap (whole numbers for some of `form.rows`, the others keep their default), roleList,
 * calendar, bankLayouts (the bank files' layouts; `form.options` names the columns' contents).
 */
export type SettingKind = "integer" | "decimal" | "choice" | "fields" | "table" | "integerMap" | "roleList" | "calendar" | "bankLayouts";

/** One value in a setting's form. */
export interface SettingField {
  key: string;
  label: string;
  /** decimal: a number kept as text ("120", "-20.5"); integer: a whole number; boolean: 是/否; text: words. */
  type: "decimal" | "integer" | "boolean" | "text";
  /** The value may be left empty (JSON null), read as this (不限). */
  nullLabel?: string;
  /** Written after the number: %、元、天. */
  unit?: string;
}

/** What the settings page needs to show a setting as a form: labels and units in Chinese. */
export interface SettingForm {
  /** choice: the values to pick from; bankLayouts: what a bank file's column may hold. */
  options?: { value: string; label: string }[];
  /** fields: the object's values; table: each row's values. */
  fields?: SettingField[];
  /** table: the object's rows; integerMap: the keys that may be set, each with its default. */
  rows?: { key: string; label: string; fallback?: number }[];
  /** decimal, integer, integerMap: written after the number. */
  unit?: string;
}

/** A configurable rule with the value that applies to a region and where it comes from. */
export interface SettingView {
  key: string;
  name: string;
  description: string;
  kind: SettingKind;
  form: SettingForm;
  levels: ("district" | "township")[];
  fallback: unknown;
  value: unknown;
  /** "default", or the region code whose value applies. */
  source: string;
  /** Who set the value that applies (青禾区, 青禾镇), or 系统默认. */
  sourceName: string;
  /** The region's own value, or null when it inherits. */
  own: unknown;
  editable: boolean;
}
