// The rectification of an alert (整改) on the platform's one rectification mechanism (rectification/):
// when the township, having confirmed an alert, plans its measures (the alert flow's
// `startRectification`), a task of the supervision kind is opened in the same transaction — the
// category is the alert's rule, so the register counts recurring problems by rule beside those of
// performance. The township then submits what it did with evidence files on the task
// (POST /rectification/tasks/:id/evidence), and the district supervisor closes it (销号) or sends it
// back through the task's flow. The alert waits on the task's flow from then on (its owner, deadline
// and overdue state come from it) and mirrors the task's status: 整改中 → 整改待销号 → 已销号.
import { and, eq } from "drizzle-orm";
import { supervisionRuleNames } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { invariant } from "../platform/errors.ts";
import { region } from "../platform/regionTable.ts";
import { addWorkingDays, chinaDate } from "../platform/workingDays.ts";
import type { RoleCode } from "../identity/index.ts";
import { workCalendar, type TransitionContext } from "../flow/index.ts";
import { defineRectificationFlow, openRectification, type RectificationStatus } from "../rectification/index.ts";
import { rules, type AlertStatus } from "./rules.ts";
import { supervisionAlert } from "./tables.ts";

/** Who handles a township's alert: the director first, and the colleagues it may be handed to. */
export const TOWNSHIP_HANDLERS: readonly RoleCode[] = ["townshipDirector", "generalBudgetAccountant", "unitAccountant", "subsidyClerk"];
/** Working days the township has for a rectification (整改期限) from the day it plans its measures. */
export const RECTIFY_WORKING_DAYS = 20;
export const ALERT_SOURCE = "supervisionAlert";

const mirrored: Record<RectificationStatus, AlertStatus> = { rectifying: "rectifying", verifying: "rectified", closed: "closed" };

/** The alert of a task mirrors the task's status; closing the task closes the alert (销号). */
async function mirrorTask(tx: Db, task: { regionCode: string; id: string; sourceKind: string; sourceId: string }, status: RectificationStatus, context: TransitionContext): Promise<void> {
  invariant(task.sourceKind === ALERT_SOURCE, "a supervision rectification comes from an alert");
  const set = { status: mirrored[status], closedAt: status === "closed" ? context.at : null, updatedAt: context.at };
  await tx.update(supervisionAlert).set(set).where(and(eq(supervisionAlert.regionCode, task.regionCode), eq(supervisionAlert.id, task.sourceId), eq(supervisionAlert.rectificationTaskId, task.id)));
}

export const supervisionRectification = defineRectificationFlow({
  code: "supervisionRectification",
  name: "监管预警整改",
  categories: supervisionRuleNames,
  rectifierRoles: TOWNSHIP_HANDLERS,
  verifierRoles: ["districtSupervisor"],
  verifyWorkingDays: 5,
  reworkWorkingDays: 10,
  onStatus: mirrorTask,
});

/**
 * Opens the rectification task of an alert whose measures were just planned (called from the alert
 * flow's `startRectification`, in its transaction): the planner answers for it, with a deadline of
 * RECTIFY_WORKING_DAYS working days; the alert then waits on the task's flow.
 */
export async function openAlertRectification(tx: Db, context: TransitionContext): Promise<void> {
  const [alert] = await tx.select().from(supervisionAlert).where(and(eq(supervisionAlert.regionCode, context.regionCode), eq(supervisionAlert.id, context.entityId))).for("update");
  invariant(alert && !alert.rectificationTaskId, "an alert is rectified once");
  const [home] = await tx.select({ name: region.name }).from(region).where(eq(region.regionCode, alert.regionCode));
  const deadline = addWorkingDays(context.at, RECTIFY_WORKING_DAYS, await workCalendar(tx, alert.regionCode));
  const rule = rules[alert.ruleCode];
  const task = await openRectification(
    tx,
    context.actor,
    supervisionRectification,
    {
      regionCode: alert.regionCode,
      sourceKind: ALERT_SOURCE,
      sourceId: alert.id,
      sourceLabel: `监管预警 ${alert.alertNo}（${rule.name}）`,
      category: alert.ruleCode,
      title: alert.message.slice(0, 200),
      description: `${alert.message}\n整改措施：${context.note ?? ""}`.slice(0, 4000),
      responsibleUnitName: `${home?.name ?? alert.regionCode}财政所`,
      responsiblePerson: context.actor.displayName,
      deadlineOn: chinaDate(deadline),
    },
    context.at,
  );
  await tx.update(supervisionAlert).set({ flowInstanceId: task.flowInstanceId, rectificationTaskId: task.id, updatedAt: context.at }).where(and(eq(supervisionAlert.regionCode, alert.regionCode), eq(supervisionAlert.id, alert.id)));
}
