// Types of the JSON exchanged with the server, written from docs/api.md. When the shared
// package publishes its API schemas these can become re-exports of the inferred types.

/** A paged list answer: `total` counts all matching rows, not just this page. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PageQuery {
  page?: number;
  pageSize?: number;
}

// ---- Auth -------------------------------------------------------------------------

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

export type LoginAnswer =
  | { status: "ok"; user: Me; csrfToken: string }
  | { status: "totp_required"; challengeId: string };

export interface MeAnswer {
  user: Me;
  csrfToken: string;
}

export interface TotpSetup {
  secret: string;
  otpauthUri: string;
}

export interface Role {
  code: string;
  name: string;
  permissions: string[];
}

// ---- Organisation -----------------------------------------------------------------

export type RegionLevel = "district" | "township" | "village";

export type RegionKind =
  | "district"
  | "subdistrict"
  | "town"
  | "township"
  | "otherUnit"
  | "residentsCommittee"
  | "villageCommittee"
  | "otherVillageUnit";

export interface Region {
  regionCode: string;
  name: string;
  level: RegionLevel;
  kind: RegionKind;
  kindName: string;
  parentCode: string | null;
  population: number | null;
}

export interface RegionQuery extends PageQuery {
  level?: RegionLevel;
  parentCode?: string;
  q?: string;
}

export interface RegionCreate {
  regionCode: string;
  name: string;
  parentCode: string;
  population?: number;
}

export interface RegionUpdate {
  name?: string;
  population?: number;
}

export type BudgetUnitStatus = "pending" | "active" | "rejected" | "returned";
export type BudgetUnitKind = "administrative" | "publicInstitution" | "other";

export interface BudgetUnit {
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

export interface BudgetUnitQuery extends PageQuery {
  regionCode?: string;
  status?: BudgetUnitStatus;
  q?: string;
}

export interface BudgetUnitCreate {
  regionCode: string;
  creditCode: string;
  name: string;
  kind: BudgetUnitKind;
}

// ---- Users ------------------------------------------------------------------------

export type UserStatus = "active" | "disabled";

export interface UserAccount {
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
}

export interface UserQuery extends PageQuery {
  regionCode?: string;
  role?: string;
  q?: string;
}

export interface UserCreate {
  username: string;
  displayName: string;
  regionCode: string;
  roles: string[];
  password: string;
}

export interface UserUpdate {
  displayName?: string;
  roles?: string[];
  status?: UserStatus;
}

// ---- Flow engine ------------------------------------------------------------------

export interface FlowAction {
  action: string;
  label: string;
  noteRequired: boolean;
}

export interface FlowTask {
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
  stepRole: string | null;
  ownerId: string | null;
  ownerName: string | null;
  deadlineAt: string | null;
  overdue: boolean;
  createdAt: string;
  createdByName: string;
  actions: FlowAction[];
}

export interface FlowHistoryEntry {
  at: string;
  actorName: string;
  action: string;
  actionLabel: string;
  fromState: string | null;
  toState: string;
  note: string | null;
}

export interface FlowInstance extends FlowTask {
  history: FlowHistoryEntry[];
}

export interface FlowTransition {
  action: string;
  note?: string;
  expectedState: string;
}

export interface FlowHandover {
  toUserId: string;
  note: string;
}

export interface HandoverCandidate {
  id: string;
  displayName: string;
  roles: string[];
}

// ---- Audit ------------------------------------------------------------------------

export interface AuditEntry {
  regionCode: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  hash: string;
}

export interface AuditQuery extends PageQuery {
  regionCode?: string;
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
}

export type AuditVerifyResult =
  | { ok: true; checked: number; firstBroken: null }
  | { ok: false; checked: number; firstBroken: { regionCode: string; seq: number; reason: string } };

// ---- Health -----------------------------------------------------------------------

export interface Health {
  status: "ok";
  database: "pglite" | "postgres";
  version: string;
}
