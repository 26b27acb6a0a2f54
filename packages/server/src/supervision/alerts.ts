// Reading alerts (lists with filters and paging, one alert with its objects, evidence history, flow
// step, rectification task and suppressions) and suppressing false alarms. Every read is filtered by
// the actor's scope; an alert outside it is OUT_OF_SCOPE. Moves along the alert's flow go through the
// flow engine's transition route; its rectification is a task of the shared mechanism (rectification.ts).
import { and, asc, desc, eq, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { formatYuan, scopeCovers, type SupervisionAlertDetailView, type SupervisionAlertEventView, type SupervisionAlertListItem, type SupervisionAlertObjectView, type SupervisionSuppressionView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { defineErrorCodes } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { containsPattern, scopeCondition } from "../platform/scope.ts";
import { region } from "../platform/regionTable.ts";
import { chinaDate, chinaDayStart } from "../platform/workingDays.ts";
import { attachment } from "../platform/attachments.ts";
import { recordAudit } from "../audit/index.ts";
import { appUser, type Actor } from "../identity/index.ts";
import { flowInstance, getTask, overdueStates } from "../flow/index.ts";
import { getRectification } from "../rectification/index.ts";
import { budgetIndicator } from "../budget/index.ts";
import { addDays, alertStatusNames, FINAL_STATUSES, rules, stageNames, type AlertStatus, type RuleCode, type Stage } from "./rules.ts";
import { supervisionAlert, supervisionAlertEvent, supervisionAlertObject, supervisionSuppression } from "./tables.ts";

export const fail = defineErrorCodes({
  SUPERVISION_BUSY: 409,
  SUPPRESSION_NOT_FALSE_ALARM: 409,
  SUPPRESSION_REVOKED: 409,
});

/** The longest a false alarm may be suppressed: a year, then the rule looks again. */
export const SUPPRESSION_DAYS_MAX = 366;
/** How long accepting a false alarm suppresses its objects (the supervisor may revoke it or set another expiry). */
export const FALSE_ALARM_SUPPRESS_DAYS = 180;
const who = (actor: Actor) => ({ id: actor.userId, name: actor.displayName });

const owner = alias(appUser, "alert_owner");

function listQuery(db: Db) {
  return db
    .select({ a: supervisionAlert, regionName: region.name, ownerName: owner.displayName, deadlineAt: flowInstance.deadlineAt, instanceClosedAt: flowInstance.closedAt })
    .from(supervisionAlert)
    .leftJoin(region, eq(region.regionCode, supervisionAlert.regionCode))
    .leftJoin(flowInstance, and(eq(flowInstance.regionCode, supervisionAlert.regionCode), eq(flowInstance.id, supervisionAlert.flowInstanceId)))
    .leftJoin(owner, eq(owner.id, flowInstance.ownerId));
}
type ListRow = Awaited<ReturnType<ReturnType<typeof listQuery>["where"]>>[number];

async function items(db: Db, found: ListRow[], now: Date): Promise<SupervisionAlertListItem[]> {
  const late = await overdueStates(db, found.map((r) => ({ regionCode: r.a.regionCode, deadlineAt: r.deadlineAt, closedAt: r.a.closedAt ?? r.instanceClosedAt })), now);
  return found.map(({ a, regionName, ownerName, deadlineAt }, i) => ({
    id: a.id,
    alertNo: a.alertNo,
    regionCode: a.regionCode,
    regionName: regionName ?? a.regionCode,
    rule: a.ruleCode,
    ruleName: rules[a.ruleCode].name,
    stage: a.stage,
    stageName: stageNames[a.stage],
    status: a.status,
    statusName: alertStatusNames[a.status],
    message: a.message,
    amount: formatYuan(a.amountFen),
    objectCount: a.objectCount,
    firstFoundAt: a.firstFoundAt.toISOString(),
    lastFoundAt: a.lastFoundAt.toISOString(),
    foundRuns: a.foundRuns,
    ownerName: ownerName ?? null,
    deadlineAt: a.closedAt ? null : (deadlineAt?.toISOString() ?? null),
    overdue: late[i]!.overdue,
    escalated: late[i]!.escalated,
    closedAt: a.closedAt?.toISOString() ?? null,
    flowInstanceId: a.flowInstanceId,
  }));
}

export interface AlertFilter {
  regionCode?: string | undefined;
  rule?: RuleCode | undefined;
  stage?: Stage | undefined;
  status?: AlertStatus | "open" | "overdue" | undefined;
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The conditions of a list or an export: the actor's scope first, then the filters (dates are China days of first finding). */
export function alertConditions(scopePrefix: string, filter: AlertFilter, now: Date): SQL {
  const conditions: SQL[] = [scopeCondition(supervisionAlert.regionCode, scopePrefix)];
  if (filter.regionCode) conditions.push(scopeCondition(supervisionAlert.regionCode, filter.regionCode.endsWith("000") ? filter.regionCode.slice(0, 6) : filter.regionCode));
  if (filter.rule) conditions.push(eq(supervisionAlert.ruleCode, filter.rule));
  if (filter.stage) conditions.push(eq(supervisionAlert.stage, filter.stage));
  if (filter.status === "open") conditions.push(isNull(supervisionAlert.closedAt));
  else if (filter.status === "overdue") conditions.push(isNull(supervisionAlert.closedAt), lt(flowInstance.deadlineAt, now));
  else if (filter.status) conditions.push(eq(supervisionAlert.status, filter.status));
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    conditions.push(or(ilike(supervisionAlert.alertNo, pattern), ilike(supervisionAlert.message, pattern))!);
  }
  if (filter.from) conditions.push(gte(supervisionAlert.firstFoundAt, chinaDayStart(filter.from)));
  if (filter.to) conditions.push(lt(supervisionAlert.firstFoundAt, chinaDayStart(addDays(filter.to, 1))));
  return and(...conditions)!;
}

export async function listAlerts(db: Db, actor: Actor, filter: AlertFilter, page: { limit: number; offset: number }, now: Date): Promise<{ items: SupervisionAlertListItem[]; total: number }> {
  const where = alertConditions(actor.scopePrefix, filter, now);
  const found = await listQuery(db)
    .where(where)
    .orderBy(sql`${supervisionAlert.closedAt} is not null`, desc(supervisionAlert.firstFoundAt), desc(supervisionAlert.alertNo))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(supervisionAlert)
    .leftJoin(flowInstance, and(eq(flowInstance.regionCode, supervisionAlert.regionCode), eq(flowInstance.id, supervisionAlert.flowInstanceId)))
    .where(where);
  return { items: await items(db, found, now), total: count?.n ?? 0 };
}

/** Every alert of a filter under a scope prefix, for an export or a report (at most `max`). */
export async function alertsIn(db: Db, scopePrefix: string, filter: AlertFilter, now: Date, max = 20_000): Promise<SupervisionAlertListItem[]> {
  const found = await listQuery(db).where(alertConditions(scopePrefix, filter, now)).orderBy(asc(supervisionAlert.regionCode), asc(supervisionAlert.alertNo)).limit(max);
  return items(db, found, now);
}

export async function alertRow(db: Db, actor: Actor, id: string): Promise<typeof supervisionAlert.$inferSelect> {
  const [row] = await db.select().from(supervisionAlert).where(and(eq(supervisionAlert.id, id), scopeCondition(supervisionAlert.regionCode, actor.scopePrefix)));
  if (!row) return fail("OUT_OF_SCOPE", "预警不存在或不在您的数据范围内。");
  return row;
}

const objectTypeNames: Record<string, string> = { payment: "支付申请", rosterLine: "清册行", roster: "发放清册", indicator: "预算指标", budgetUnitYear: "预算单位年度支付", user: "平台用户", officialEntry: "公职人员名单" };

/** Where an object opens: its own page, or a list filtered down to it (an indicator by its document number and year). */
function linkOf(type: string, id: string, indicators: ReadonlyMap<string, { documentNo: string; fiscalYear: number }> = new Map()): string | null {
  switch (type) {
    case "payment":
      return `/treasury/payments/${id}`;
    case "rosterLine":
      return `/subsidy/rosters/${id.split(":")[0]}`;
    case "roster":
      return `/subsidy/rosters/${id}`;
    case "indicator": {
      const found = indicators.get(id);
      return found ? `/budget/indicators?${new URLSearchParams({ q: found.documentNo, fiscalYear: String(found.fiscalYear) }).toString()}` : "/budget/indicators";
    }
    case "budgetUnitYear":
      return "/budget/execution";
    default:
      return null;
  }
}

const eventNames: Record<SupervisionAlertEventView["kind"], string> = { found: "发现", evidenceAdded: "新增证据", rectification: "整改情况", assigned: "分派" };

export async function getAlert(db: Db, actor: Actor, id: string, now: Date): Promise<SupervisionAlertDetailView> {
  const row = await alertRow(db, actor, id);
  const [listed] = await listQuery(db).where(and(eq(supervisionAlert.regionCode, row.regionCode), eq(supervisionAlert.id, id)));
  const [item] = await items(db, [listed!], now);
  const objects = await db.select().from(supervisionAlertObject).where(and(eq(supervisionAlertObject.regionCode, row.regionCode), eq(supervisionAlertObject.alertId, id))).orderBy(asc(supervisionAlertObject.addedAt), asc(supervisionAlertObject.objectType), asc(supervisionAlertObject.objectId));
  const events = await db.select().from(supervisionAlertEvent).where(and(eq(supervisionAlertEvent.regionCode, row.regionCode), eq(supervisionAlertEvent.alertId, id))).orderBy(asc(supervisionAlertEvent.seq));
  const fileIds = [...new Set(events.flatMap((e) => e.attachmentIds))];
  const files = fileIds.length ? await db.select({ id: attachment.id, fileName: attachment.fileName }).from(attachment).where(and(eq(attachment.regionCode, row.regionCode), inArray(attachment.id, fileIds))) : [];
  const indicatorIds = objects.filter((o) => o.objectType === "indicator").map((o) => o.objectId);
  const indicators = new Map(
    (indicatorIds.length
      ? await db.select({ id: budgetIndicator.id, documentNo: budgetIndicator.documentNo, fiscalYear: budgetIndicator.fiscalYear }).from(budgetIndicator).where(and(eq(budgetIndicator.regionCode, row.regionCode), inArray(budgetIndicator.id, indicatorIds)))
      : []
    ).map((i) => [i.id, i]),
  );
  const objectViews: SupervisionAlertObjectView[] = objects.map((o) => ({
    type: o.objectType,
    typeName: objectTypeNames[o.objectType] ?? o.objectType,
    id: o.objectId,
    regionCode: o.objectRegionCode,
    label: o.label,
    // Another township's object (a cross-township case) is named, not opened.
    link: scopeCovers(actor.scopePrefix, o.objectRegionCode) ? linkOf(o.objectType, o.objectId, indicators) : null,
    addedAt: o.addedAt.toISOString(),
  }));
  return {
    ...item!,
    explanation: rules[row.ruleCode].explanation,
    evidence: row.evidence,
    objects: objectViews,
    events: events.map((e) => ({
      seq: e.seq,
      at: e.at.toISOString(),
      kind: e.kind,
      kindName: eventNames[e.kind],
      note: e.note,
      amount: e.amountFen === null ? null : formatYuan(e.amountFen),
      objectsAdded: e.objectsAdded,
      actorName: e.actorName,
      attachments: e.attachmentIds.map((fid) => ({ id: fid, fileName: files.find((f) => f.id === fid)?.fileName ?? "附件" })),
    })),
    task: await currentTask(db, actor, row, now),
    rectification: row.rectificationTaskId ? await getRectification(db, actor, row.rectificationTaskId, now) : null,
    suppressions: (await suppressionsOf(db, actor, { alertId: id }, { limit: 100, offset: 0 }, now)).items,
  };
}

/**
 * The step the alert waits on now (its verification, then its rectification task's) with the moves
 * the viewer may make, and the history of both flows in order.
 */
async function currentTask(db: Db, actor: Actor, row: typeof supervisionAlert.$inferSelect, now: Date): Promise<SupervisionAlertDetailView["task"]> {
  if (!row.flowInstanceId) return null;
  const task = await getTask(db, actor, row.flowInstanceId, now);
  if (!row.verificationFlowInstanceId || row.verificationFlowInstanceId === row.flowInstanceId) return task;
  const verification = await getTask(db, actor, row.verificationFlowInstanceId, now);
  return { ...task, history: [...verification.history, ...task.history] };
}

// ---------------------------------------------------------------- suppressions of false alarms

function suppressionView(s: typeof supervisionSuppression.$inferSelect, regionName: string | null, today: string): SupervisionSuppressionView {
  return {
    id: s.id,
    regionCode: s.regionCode,
    regionName: regionName ?? s.regionCode,
    rule: s.ruleCode,
    ruleName: rules[s.ruleCode].name,
    objectType: s.objectType,
    objectId: s.objectId,
    label: s.label,
    reason: s.reason,
    expiresOn: s.expiresOn,
    active: s.revokedAt === null && s.expiresOn >= today,
    alertId: s.alertId,
    createdByName: s.createdByName,
    createdAt: s.createdAt.toISOString(),
    revokedAt: s.revokedAt?.toISOString() ?? null,
    revokedByName: s.revokedByName,
    revokeReason: s.revokeReason,
  };
}

export async function suppressionsOf(
  db: Db,
  actor: Actor,
  filter: { regionCode?: string | undefined; rule?: RuleCode | undefined; active?: boolean | undefined; alertId?: string | undefined },
  page: { limit: number; offset: number },
  now: Date,
): Promise<{ items: SupervisionSuppressionView[]; total: number }> {
  const today = chinaDate(now);
  const s = supervisionSuppression;
  const conditions: SQL[] = [scopeCondition(s.regionCode, actor.scopePrefix)];
  if (filter.regionCode) conditions.push(scopeCondition(s.regionCode, filter.regionCode.endsWith("000") ? filter.regionCode.slice(0, 6) : filter.regionCode));
  if (filter.rule) conditions.push(eq(s.ruleCode, filter.rule));
  if (filter.alertId) conditions.push(eq(s.alertId, filter.alertId));
  if (filter.active === true) conditions.push(isNull(s.revokedAt), sql`${s.expiresOn} >= ${today}::date`);
  if (filter.active === false) conditions.push(or(sql`${s.revokedAt} is not null`, sql`${s.expiresOn} < ${today}::date`)!);
  const where = and(...conditions);
  const found = await db.select({ s, regionName: region.name }).from(s).leftJoin(region, eq(region.regionCode, s.regionCode)).where(where).orderBy(desc(s.createdAt), asc(s.objectId)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(s).where(where);
  return { items: found.map((f) => suppressionView(f.s, f.regionName, today)), total: count?.n ?? 0 };
}

/**
 * Suppresses a false alarm (the district accepted it) for its objects until `expiresOn`: the rule
 * raises nothing for them meanwhile, unless new objects come (new money is new evidence). Once the
 * suppression expires or is revoked the rule looks again, and raises a new alert if the case is still
 * there. Setting it again replaces the suppression in force (a new expiry or reason), audited.
 */
export async function suppressAlert(tx: Db, actor: Actor, input: { alertId: string; reason: string; expiresOn: string }, now: Date): Promise<SupervisionSuppressionView[]> {
  const alert = await alertRow(tx, actor, input.alertId);
  if (alert.status !== "falseAlarm") return fail("SUPPRESSION_NOT_FALSE_ALARM", "只有确认为误报的预警才能屏蔽。");
  const today = chinaDate(now);
  if (input.expiresOn <= today || input.expiresOn > addDays(today, SUPPRESSION_DAYS_MAX)) {
    return fail("VALIDATION_FAILED", `屏蔽到期日须在今天之后、一年（${SUPPRESSION_DAYS_MAX} 天）以内。`, [{ path: "expiresOn", message: "到期日无效" }]);
  }
  return insertSuppressions(tx, alert, { id: actor.userId, name: actor.displayName }, input.reason, input.expiresOn, now);
}

/**
 * Accepting a false alarm suppresses its objects at once, with the supervisor's note as the reason,
 * for FALSE_ALARM_SUPPRESS_DAYS: the rule does not raise the same case again the next night, and
 * looks again when the suppression ends (the supervisor may revoke it or set another expiry).
 */
export async function suppressAcceptedFalseAlarm(tx: Db, context: { regionCode: string; entityId: string; note: string | null; actor: Actor; at: Date }): Promise<void> {
  const [alert] = await tx.select().from(supervisionAlert).where(and(eq(supervisionAlert.regionCode, context.regionCode), eq(supervisionAlert.id, context.entityId)));
  if (!alert) return;
  // The acceptance note is the reason (a suppression's reason has at least two characters).
  const note = (context.note ?? "").trim();
  const reason = (note.length >= 2 ? note : `确认误报${note ? `：${note}` : ""}`).slice(0, 500);
  await insertSuppressions(tx, alert, { id: context.actor.userId, name: context.actor.displayName }, reason, addDays(chinaDate(context.at), FALSE_ALARM_SUPPRESS_DAYS), context.at);
}

async function insertSuppressions(tx: Db, alert: typeof supervisionAlert.$inferSelect, by: { id: string; name: string }, reason: string, expiresOn: string, now: Date): Promise<SupervisionSuppressionView[]> {
  const today = chinaDate(now);
  const s = supervisionSuppression;
  const replaced = await tx
    .update(s)
    .set({ revokedAt: now, revokedByName: by.name, revokeReason: "重新设置屏蔽" })
    .where(and(eq(s.regionCode, alert.regionCode), eq(s.alertId, alert.id), isNull(s.revokedAt), sql`${s.expiresOn} >= ${today}::date`))
    .returning({ id: s.id, expiresOn: s.expiresOn });
  const objects = await tx.select().from(supervisionAlertObject).where(and(eq(supervisionAlertObject.regionCode, alert.regionCode), eq(supervisionAlertObject.alertId, alert.id)));
  const rows = objects.map((o) => ({
    regionCode: alert.regionCode,
    id: uuidv7(now.getTime()),
    ruleCode: alert.ruleCode,
    objectType: o.objectType,
    objectId: o.objectId,
    label: o.label,
    reason,
    expiresOn,
    alertId: alert.id,
    createdBy: by.id,
    createdByName: by.name,
    createdAt: now,
    revokedAt: null,
    revokedByName: null,
    revokeReason: null,
  }));
  await tx.insert(supervisionSuppression).values(rows);
  await recordAudit(
    tx,
    {
      regionCode: alert.regionCode,
      actor: by,
      action: "supervision.suppressed",
      entityType: "supervisionAlert",
      entityId: alert.id,
      ...(replaced.length ? { before: { replaced: replaced.map((r) => r.id), expiresOn: replaced[0]!.expiresOn } } : {}),
      after: { alertNo: alert.alertNo, rule: alert.ruleCode, objects: objects.map((o) => `${o.objectType}:${o.objectId}`), reason, expiresOn },
    },
    now,
  );
  const [name] = await tx.select({ name: region.name }).from(region).where(eq(region.regionCode, alert.regionCode));
  return rows.map((r) => suppressionView(r, name?.name ?? null, today));
}

export async function revokeSuppression(tx: Db, actor: Actor, id: string, reason: string, now: Date): Promise<SupervisionSuppressionView> {
  const [row] = await tx.select().from(supervisionSuppression).where(and(eq(supervisionSuppression.id, id), scopeCondition(supervisionSuppression.regionCode, actor.scopePrefix))).for("update");
  if (!row) return fail("OUT_OF_SCOPE", "屏蔽记录不存在或不在您的数据范围内。");
  if (row.revokedAt) return fail("SUPPRESSION_REVOKED", "该屏蔽已撤销。");
  const [updated] = await tx
    .update(supervisionSuppression)
    .set({ revokedAt: now, revokedByName: actor.displayName, revokeReason: reason })
    .where(and(eq(supervisionSuppression.regionCode, row.regionCode), eq(supervisionSuppression.id, id)))
    .returning();
  await recordAudit(tx, { regionCode: row.regionCode, actor: who(actor), action: "supervision.suppressionRevoked", entityType: "supervisionSuppression", entityId: id, before: { expiresOn: row.expiresOn }, after: { reason } }, now);
  const [name] = await tx.select({ name: region.name }).from(region).where(eq(region.regionCode, row.regionCode));
  return suppressionView(updated!, name?.name ?? null, chinaDate(now));
}

export const isFinal = (status: AlertStatus) => FINAL_STATUSES.includes(status);
