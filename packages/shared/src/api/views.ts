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
