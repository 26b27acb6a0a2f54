// Types of the JSON exchanged with the server. The answers' shapes come from the shared package
// (packages/shared/src/api/views.ts), which the server builds them with; the names here are the
// web app's own. Type-only imports: nothing of the shared package enters the first bundle.
import type {
  AuditEntryView, AuditVerifyView, BudgetUnitKind, BudgetUnitStatus, BudgetUnitView, FlowActionView, FlowHistoryView, FlowTaskDetail,
  FlowTaskView, HandoverCandidateView, HealthView, Me, RegionKind, RoleView, TotpSetupView, RegionLevel, RegionView, UserStatus, UserView,
} from "@xiangcai/shared";

export type { BudgetUnitKind, BudgetUnitStatus, Me, RegionKind, RegionLevel, UserStatus };
export type Region = RegionView;
export type BudgetUnit = BudgetUnitView;
export type UserAccount = UserView;
export type FlowAction = FlowActionView;
export type FlowTask = FlowTaskView;
export type FlowHistoryEntry = FlowHistoryView;
export type FlowInstance = FlowTaskDetail;
export type AuditEntry = AuditEntryView;
export type AuditVerifyResult = AuditVerifyView;
export type { LoginAnswer, MeAnswer } from "@xiangcai/shared";
export type Role = RoleView;
export type TotpSetup = TotpSetupView;
export type HandoverCandidate = HandoverCandidateView;
export type Health = HealthView;

/** A paged list answer: `total` counts all matching rows, not just this page. */
export type { Page } from "@xiangcai/shared";

export interface PageQuery {
  page?: number;
  pageSize?: number;
}

// ---- Auth -------------------------------------------------------------------------

// ---- Organisation -----------------------------------------------------------------

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
  /** The user's own resident ID (sealed on the server, shown masked); null removes it. */
  residentId?: string | null;
}

// ---- Flow engine ------------------------------------------------------------------

export interface FlowTransition {
  action: string;
  note?: string;
  expectedState: string;
}

export interface FlowHandover {
  toUserId: string;
  note: string;
}

// ---- Audit ------------------------------------------------------------------------

export interface AuditQuery extends PageQuery {
  regionCode?: string;
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
}

// ---- Health -----------------------------------------------------------------------

