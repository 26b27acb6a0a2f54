// A report kind is data plus four pure-or-reading functions: how to build a township's content for
// a period, which audit formulas (审核公式) it must pass, how the district adds townships up, and the
// few figures the district's one-page status shows. Domains declare their kinds; the composition root
// (src/domains.ts) registers them, and each kind gets its own flow on the one flow engine.
import type { ReportColour } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import type { RoleCode } from "../identity/index.ts";
import { registerFlow, type FlowDefinition } from "../flow/index.ts";
import { DEADLINE_DAYS_MAX, type Periodicity, type ReportPeriod } from "./rules.ts";

export type ReportContent = Record<string, unknown>;

export interface ReportProblem {
  /** An error blocks submission; a warning must be explained in the submission's note. */
  level: "error" | "warning";
  code: string;
  message: string;
}

export interface ReportSummary {
  /** Keyed as the kind's summaryColumns, values ready to show (yuan strings, percentages). */
  figures: Record<string, string>;
  /** The decimal figure the district ranks by (a debt ratio "135.20"), or null. */
  rankValue?: string | null;
  colour?: ReportColour | null;
}

export interface ReportKind<C extends ReportContent = ReportContent> {
  /** Letters only (it names the flow): "debtMonthly". */
  code: string;
  /** 债务月报. */
  name: string;
  periodicity: Periodicity;
  /** Default deadline: days after the period's last day (the setting reporting.deadlineDays overrides it). */
  deadlineDays: number;
  /** Who prepares and submits at the township, and who reviews at the district. */
  preparerRoles: readonly RoleCode[];
  reviewerRoles: readonly RoleCode[];
  /** Working days the district has to review; and a returned report's township to resubmit. */
  reviewWorkingDays?: number;
  resubmitWorkingDays?: number;
  /** The township's content for the period, read from its data at `at`. */
  build(tx: Db, input: { regionCode: string; period: ReportPeriod; at: Date }): Promise<C>;
  /** The audit formulas. Pure. */
  check(content: C): ReportProblem[];
  /** The district total of townships' contents. Pure. */
  consolidate(parts: readonly { regionCode: string; regionName: string; content: C }[]): C;
  /** The figures of one content for the one-page status. Pure. */
  summary(content: C): ReportSummary;
  /** money: a yuan amount, shown in the one money format. */
  summaryColumns: readonly { key: string; label: string; money?: boolean }[];
  /** How the district's page is ranked, if at all. */
  rank?: { label: string; direction: "asc" | "desc" };
}

const kinds = new Map<string, ReportKind>();
const flows = new Map<string, FlowDefinition>();

/** The flow code of a kind: "report" and the kind's code ("reportDebtMonthly"). */
export function reportFlowCode(kindCode: string): string {
  return `report${kindCode[0]!.toUpperCase()}${kindCode.slice(1)}`;
}

export const REPORT_ENTITY = "report";

export function problemsOfKind(kind: ReportKind): string[] {
  const problems: string[] = [];
  if (!/^[a-zA-Z]{2,40}$/.test(kind.code)) problems.push("code must be 2-40 letters");
  if (!kind.name.trim()) problems.push("name is empty");
  if (!Number.isInteger(kind.deadlineDays) || kind.deadlineDays < 1 || kind.deadlineDays > DEADLINE_DAYS_MAX) problems.push("deadlineDays out of range");
  if (kind.preparerRoles.length === 0 || kind.reviewerRoles.length === 0) problems.push("preparer and reviewer roles are needed");
  const keys = kind.summaryColumns.map((c) => c.key);
  if (new Set(keys).size !== keys.length) problems.push("summary column keys repeat");
  return problems;
}

/**
 * Registers a report kind and its flow: prepared (the township, due by the report's deadline) →
 * submitted (the district reviews) → accepted and locked, or returned to prepared with comments.
 * `effects` is the reporting service's part of each move (checks, stamps); it is passed in so the
 * definition stays free of the service.
 */
export function defineReportFlow(kind: ReportKind, effects: Pick<FlowDefinition, "onTransition" | "deadlineOf">): FlowDefinition {
  return {
    code: reportFlowCode(kind.code),
    name: kind.name,
    entityType: REPORT_ENTITY,
    initialState: "prepared",
    states: {
      // The prepared step's deadline is the report's own (deadlineOf); after a return, working days.
      prepared: { name: "编制待上报", roles: kind.preparerRoles, deadlineWorkingDays: kind.resubmitWorkingDays ?? 3 },
      submitted: { name: "已上报待审核", roles: kind.reviewerRoles, deadlineWorkingDays: kind.reviewWorkingDays ?? 5 },
      accepted: { name: "已审核锁定", roles: [], final: true },
    },
    transitions: [
      { from: "prepared", action: "submit", label: "上报", to: "submitted" },
      { from: "submitted", action: "accept", label: "审核通过并锁定", to: "accepted", separateFromCreator: true },
      { from: "submitted", action: "return", label: "退回修改", to: "prepared", noteRequired: true },
    ],
    ...effects,
  };
}

export function registerKind(kind: ReportKind, flow: FlowDefinition): void {
  const problems = problemsOfKind(kind);
  if (problems.length) throw new Error(`Report kind ${kind.code} is inconsistent: ${problems.join("; ")}`);
  const existing = kinds.get(kind.code);
  if (existing && existing !== kind) throw new Error(`Report kind ${kind.code} registered twice`);
  if (!existing) {
    kinds.set(kind.code, kind);
    flows.set(kind.code, flow);
  }
  registerFlow(flows.get(kind.code)!);
}

export function reportKindOf(code: string): ReportKind | undefined {
  return kinds.get(code);
}

export function registeredReportKinds(): ReportKind[] {
  return [...kinds.values()];
}
