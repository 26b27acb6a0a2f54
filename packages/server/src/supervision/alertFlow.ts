// An alert's verification through the flow engine (首问负责, 限时办结): the township verifies it (a
// real problem, or a false alarm with its reason) and plans the rectification; the district
// supervisor rules on a false alarm (accepts it, which suppresses its objects for a while, or overrules
// it back to be rectified). Planning the measures hands the alert over to a rectification task of the
// shared mechanism (rectification.ts), where the evidence is submitted and the district closes it (销号). Overdue steps show red and
// escalate in the engine. The alert row mirrors the state, so lists and reports need no join on the flow.
import { and, eq } from "drizzle-orm";
import type { FlowDefinition, TransitionContext } from "../flow/index.ts";
import type { RoleCode } from "../identity/index.ts";
import type { Db } from "../platform/db.ts";
import { invariant } from "../platform/errors.ts";
import { FINAL_STATUSES, type AlertStatus } from "./rules.ts";
import { openAlertRectification, TOWNSHIP_HANDLERS } from "./rectification.ts";
import { suppressAcceptedFalseAlarm } from "./alerts.ts";
import { supervisionAlert } from "./tables.ts";

export const ALERT_FLOW = "supervisionAlert";
export const ALERT_ENTITY = "supervisionAlert";

const DISTRICT: readonly RoleCode[] = ["districtSupervisor"];

async function mirrorState(tx: Db, context: TransitionContext): Promise<void> {
  const status = context.to as AlertStatus;
  invariant(status !== "unassigned", "the flow never goes back to unassigned");
  await tx
    .update(supervisionAlert)
    .set({ status, closedAt: FINAL_STATUSES.includes(status) ? context.at : null, updatedAt: context.at })
    .where(and(eq(supervisionAlert.regionCode, context.regionCode), eq(supervisionAlert.id, context.entityId)));
  if (context.action === "startRectification") await openAlertRectification(tx, context);
  if (context.action === "acceptFalseAlarm") await suppressAcceptedFalseAlarm(tx, context);
}

export const alertFlow: FlowDefinition = {
  code: ALERT_FLOW,
  name: "监管预警核实",
  entityType: ALERT_ENTITY,
  initialState: "verifying",
  states: {
    verifying: { name: "待核实", roles: TOWNSHIP_HANDLERS, deadlineWorkingDays: 5 },
    verified: { name: "已核实待整改", roles: TOWNSHIP_HANDLERS, deadlineWorkingDays: 5 },
    falseAlarmProposed: { name: "误报待确认", roles: DISTRICT, deadlineWorkingDays: 5 },
    // The alert's own flow ends here: the rectification task (rectification.ts) carries it on.
    rectifying: { name: "已转入整改", roles: [], final: true },
    falseAlarm: { name: "误报", roles: [], final: true },
  },
  transitions: [
    { from: "verifying", action: "confirm", label: "核实属实", to: "verified", noteRequired: true },
    { from: "verifying", action: "dismiss", label: "核实为误报", to: "falseAlarmProposed", noteRequired: true },
    { from: "verified", action: "startRectification", label: "制定整改措施", to: "rectifying", noteRequired: true },
    { from: "falseAlarmProposed", action: "acceptFalseAlarm", label: "同意误报", to: "falseAlarm", noteRequired: true },
    { from: "falseAlarmProposed", action: "overrule", label: "驳回误报，按问题整改", to: "verified", noteRequired: true },
  ],
  onTransition: mirrorState,
};
