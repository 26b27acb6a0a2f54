// Runs the rules over a scope and turns what they find into alerts: a new case becomes an alert with
// an owner and a deadline (the township's director, through the flow engine); more evidence for an
// open alert is added to it; a case already closed, or suppressed as a false alarm, raises nothing.
// One runner at a time across processes: the run holds a transaction-level advisory lock, so a
// second run (another process's schedule, a click, the CLI) waits or is told a run is under way.
import { and, eq, inArray, sql } from "drizzle-orm";
import { recordAudit, type AuditActor } from "../audit/index.ts";
import { startFlowFor } from "../flow/index.ts";
import { appUser, userRole } from "../identity/index.ts";
import { indexPayeeIds } from "../treasury/index.ts";
import type { DataKeys } from "../platform/crypto.ts";
import { rows, type Db } from "../platform/db.ts";
import { uuidv7 } from "../platform/ids.ts";
import { region } from "../platform/regionTable.ts";
import { chinaDate, chinaYear } from "../platform/workingDays.ts";
import { ALERT_FLOW } from "./alertFlow.ts";
import { TOWNSHIP_HANDLERS } from "./rectification.ts";
import { finders } from "./finders.ts";
import { inScope, type RuleContext } from "./findCommon.ts";
import { decide, objectKey, ruleCodes, rules, yuan, type AlertObject, type Finding, type KnownAlert, type RuleCode, type RuleRunFigures, type RunSummary, type RunTrigger } from "./rules.ts";
import { thresholdsFor } from "./settings.ts";
import { supervisionAlert, supervisionAlertEvent, supervisionAlertObject, supervisionRun, supervisionSuppression } from "./tables.ts";

/** The advisory lock every run holds: one runner at a time in the whole deployment. */
export const RUN_LOCK_KEY = 7_243_020;
export const SYSTEM_NAME = "系统（资金监管）";
/** The most objects an alert lists (a card shared by a whole village is still one readable alert). */
export const ALERT_OBJECTS_MAX = 500;

export interface RunInput {
  /** A district (6 digits) or a township (9 digits). */
  scopePrefix: string;
  /** Which rules; all by default. */
  rules?: readonly RuleCode[] | undefined;
  trigger: RunTrigger;
  actor: AuditActor;
  /** The personal-data keys, to index person payees entered before migration 0020 (none are left after the first run). */
  keys?: DataKeys | null | undefined;
}

export interface RunResult {
  runId: string;
  regionCode: string;
  scopePrefix: string;
  trigger: RunTrigger;
  rules: RuleCode[];
  startedAt: Date;
  finishedAt: Date;
  summary: RunSummary;
  /** Alerts raised by this run. */
  raised: string[];
}

/** Takes the run lock for this transaction: waits for it, or answers false at once when `wait` is false and a run holds it. */
export async function takeRunLock(tx: Db, wait: boolean): Promise<boolean> {
  if (wait) {
    await tx.execute(sql`select pg_advisory_xact_lock(${RUN_LOCK_KEY})`);
    return true;
  }
  const [row] = await rows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${RUN_LOCK_KEY}) as locked`);
  return row?.locked === true;
}

/** The region a run is recorded and audited in: the township, or the district's own code. */
export const runRegionOf = (scopePrefix: string) => (scopePrefix.length >= 9 ? scopePrefix.slice(0, 9) : `${scopePrefix.slice(0, 6)}000`);

export async function townshipsIn(db: Db, scopePrefix: string): Promise<string[]> {
  const found = await db
    .select({ code: region.regionCode })
    .from(region)
    .where(and(eq(region.level, "township"), inScope(sql`${region.regionCode}`, scopePrefix.slice(0, 9))))
    .orderBy(region.regionCode);
  return found.map((r) => r.code);
}

/** The first owner of each township's alerts: its director, else another handler, by username. */
async function ownersOf(db: Db, townships: readonly string[]): Promise<Map<string, { userId: string; regionCode: string }>> {
  if (townships.length === 0) return new Map();
  const found = await db
    .select({ regionCode: appUser.regionCode, id: appUser.id, username: appUser.username, role: userRole.role })
    .from(appUser)
    .innerJoin(userRole, eq(userRole.userId, appUser.id))
    .where(and(eq(appUser.status, "active"), inArray(appUser.regionCode, [...townships]), inArray(userRole.role, [...TOWNSHIP_HANDLERS])));
  found.sort((a, b) => Number(a.role !== "townshipDirector") - Number(b.role !== "townshipDirector") || a.username.localeCompare(b.username));
  const owners = new Map<string, { userId: string; regionCode: string }>();
  for (const f of found) if (!owners.has(f.regionCode)) owners.set(f.regionCode, { userId: f.id, regionCode: f.regionCode });
  return owners;
}

/** Alert numbers JG + year + township's 3 digits + a 6-digit sequence, handed out under the run lock. */
class AlertNumbers {
  private readonly next = new Map<string, number>();
  constructor(private readonly db: Db, private readonly year: number) {}
  async take(regionCode: string): Promise<string> {
    const prefix = `JG${this.year}${regionCode.slice(6, 9)}-`;
    let n = this.next.get(prefix);
    if (n === undefined) {
      const [last] = await rows<{ alert_no: string }>(this.db, sql`select alert_no from ${supervisionAlert} where region_code = ${regionCode} and alert_no like ${`${prefix}%`} order by alert_no desc limit 1`);
      n = last ? Number(last.alert_no.slice(prefix.length)) + 1 : 1;
    }
    this.next.set(prefix, n + 1);
    return `${prefix}${String(n).padStart(6, "0")}`;
  }
}

async function knownAlerts(db: Db, rule: RuleCode, scopePrefix: string): Promise<Map<string, KnownAlert & { objectCount: number }>> {
  const found = await rows<{ id: string; region_code: string; status: KnownAlert["status"]; first_found_at: Date; object_type: string; object_id: string }>(
    db,
    sql`select a.id, a.region_code, a.status, a.first_found_at, o.object_type, o.object_id
        from ${supervisionAlert} a join ${supervisionAlertObject} o on o.region_code = a.region_code and o.alert_id = a.id
        where a.rule_code = ${rule} and ${inScope(sql.raw("a.region_code"), scopePrefix)}`,
  );
  const alerts = new Map<string, KnownAlert & { objectCount: number; objectKeys: Set<string> }>();
  for (const f of found) {
    let a = alerts.get(f.id);
    if (!a) {
      a = { id: f.id, rule, regionCode: f.region_code, status: f.status, firstFoundAt: new Date(f.first_found_at), objectKeys: new Set(), objectCount: 0 };
      alerts.set(f.id, a);
    }
    a.objectKeys.add(objectKey({ type: f.object_type as AlertObject["type"], id: f.object_id }));
    a.objectCount++;
  }
  return alerts;
}

/** Object keys under an active suppression (not revoked, not expired), by township. */
async function suppressedObjects(db: Db, rule: RuleCode, scopePrefix: string, today: string): Promise<Map<string, Set<string>>> {
  const found = await db
    .select({ regionCode: supervisionSuppression.regionCode, objectType: supervisionSuppression.objectType, objectId: supervisionSuppression.objectId })
    .from(supervisionSuppression)
    .where(and(eq(supervisionSuppression.ruleCode, rule), sql`${supervisionSuppression.revokedAt} is null`, sql`${supervisionSuppression.expiresOn} >= ${today}::date`, inScope(sql`${supervisionSuppression.regionCode}`, scopePrefix)));
  const byRegion = new Map<string, Set<string>>();
  for (const s of found) {
    const set = byRegion.get(s.regionCode) ?? new Set<string>();
    set.add(`${s.objectType}:${s.objectId}`);
    byRegion.set(s.regionCode, set);
  }
  return byRegion;
}

async function appendEvent(tx: Db, regionCode: string, alertId: string, event: Omit<typeof supervisionAlertEvent.$inferInsert, "regionCode" | "alertId" | "seq">): Promise<void> {
  const [last] = await rows<{ seq: number }>(tx, sql`select coalesce(max(seq), 0)::int as seq from ${supervisionAlertEvent} where region_code = ${regionCode} and alert_id = ${alertId}`);
  await tx.insert(supervisionAlertEvent).values({ ...event, regionCode, alertId, seq: (last?.seq ?? 0) + 1 });
}

export { appendEvent as appendAlertEvent };

const titleOf = (alertNo: string, f: Finding) => `监管预警 ${alertNo}：${rules[f.rule].name}，${yuan(f.amountFen)} 元`;

/** Gives an alert its owner and starts its flow; false when the township has nobody to own it yet. */
async function assign(tx: Db, alert: { regionCode: string; id: string; title: string }, owner: { userId: string; regionCode: string } | undefined, at: Date): Promise<boolean> {
  if (!owner) return false;
  const instance = await startFlowFor(tx, owner, { flowCode: ALERT_FLOW, regionCode: alert.regionCode, entityId: alert.id, title: alert.title, startedBy: SYSTEM_NAME }, at);
  await tx.update(supervisionAlert).set({ status: "verifying", flowInstanceId: instance.id, verificationFlowInstanceId: instance.id, updatedAt: at }).where(and(eq(supervisionAlert.regionCode, alert.regionCode), eq(supervisionAlert.id, alert.id)));
  return true;
}

async function raise(tx: Db, f: Finding, runId: string, numbers: AlertNumbers, owner: { userId: string; regionCode: string } | undefined, actor: AuditActor, at: Date): Promise<string> {
  const id = uuidv7(at.getTime());
  const alertNo = await numbers.take(f.regionCode);
  const objects = f.objects.slice(0, ALERT_OBJECTS_MAX);
  await tx.insert(supervisionAlert).values({
    regionCode: f.regionCode,
    id,
    alertNo,
    ruleCode: f.rule,
    stage: rules[f.rule].stage,
    status: "unassigned",
    message: f.message.slice(0, 500),
    amountFen: f.amountFen,
    evidence: f.evidence,
    objectCount: objects.length,
    flowInstanceId: null,
    verificationFlowInstanceId: null,
    rectificationTaskId: null,
    firstFoundAt: at,
    lastFoundAt: at,
    foundRuns: 1,
    closedAt: null,
    createdAt: at,
    updatedAt: at,
  });
  await tx.insert(supervisionAlertObject).values(objects.map((o) => ({ regionCode: f.regionCode, alertId: id, objectType: o.type, objectId: o.id, objectRegionCode: o.regionCode, label: o.label.slice(0, 200), addedAt: at })));
  await appendEvent(tx, f.regionCode, id, { at, kind: "found", runId, amountFen: f.amountFen, objectsAdded: objects.length, evidence: f.evidence, note: f.message.slice(0, 2000), actorId: actor.id, actorName: actor.name });
  await recordAudit(tx, { regionCode: f.regionCode, actor, action: "supervision.alertRaised", entityType: "supervisionAlert", entityId: id, after: { alertNo, rule: f.rule, amount: yuan(f.amountFen), objects: objects.map(objectKey) } }, at);
  await assign(tx, { regionCode: f.regionCode, id, title: titleOf(alertNo, f) }, owner, at);
  return id;
}

async function addEvidence(tx: Db, f: Finding, alert: KnownAlert & { objectCount: number }, newObjects: AlertObject[], runId: string, actor: AuditActor, at: Date): Promise<void> {
  const room = Math.max(0, ALERT_OBJECTS_MAX - alert.objectCount);
  const added = newObjects.slice(0, room);
  if (added.length) {
    await tx.insert(supervisionAlertObject).values(added.map((o) => ({ regionCode: f.regionCode, alertId: alert.id, objectType: o.type, objectId: o.id, objectRegionCode: o.regionCode, label: o.label.slice(0, 200), addedAt: at })));
    await appendEvent(tx, f.regionCode, alert.id, { at, kind: "evidenceAdded", runId, amountFen: f.amountFen, objectsAdded: added.length, evidence: f.evidence, note: f.message.slice(0, 2000), actorId: actor.id, actorName: actor.name });
    await recordAudit(tx, { regionCode: f.regionCode, actor, action: "supervision.evidenceAdded", entityType: "supervisionAlert", entityId: alert.id, after: { objects: added.map(objectKey), amount: yuan(f.amountFen) } }, at);
    for (const o of added) (alert.objectKeys as Set<string>).add(objectKey(o));
    alert.objectCount += added.length;
  }
  await tx
    .update(supervisionAlert)
    .set({
      message: f.message.slice(0, 500),
      amountFen: f.amountFen,
      evidence: f.evidence,
      objectCount: alert.objectCount,
      lastFoundAt: at,
      foundRuns: sql`${supervisionAlert.foundRuns} + 1`,
      updatedAt: at,
    })
    .where(and(eq(supervisionAlert.regionCode, f.regionCode), eq(supervisionAlert.id, alert.id)));
}

/** Reconciles one rule's findings with the alerts already raised: raise, add evidence, or leave. */
async function reconcile(tx: Db, rule: RuleCode, findings: readonly Finding[], input: RunInput, runId: string, numbers: AlertNumbers, owners: Map<string, { userId: string; regionCode: string }>, today: string, at: Date, raised: string[]): Promise<Omit<RuleRunFigures, "milliseconds">> {
  const figures = { found: findings.length, raised: 0, merged: 0, unchanged: 0, suppressed: 0, handled: 0 };
  if (findings.length === 0) return figures;
  const known = await knownAlerts(tx, rule, input.scopePrefix);
  const suppressed = await suppressedObjects(tx, rule, input.scopePrefix, today);
  const list = [...known.values()];
  for (const f of findings) {
    const decision = decide(f, list, suppressed.get(f.regionCode) ?? new Set());
    if (decision.kind === "suppressed") figures.suppressed++;
    else if (decision.kind === "handled") figures.handled++;
    else if (decision.kind === "merge") {
      const alert = known.get(decision.alertId)!;
      await addEvidence(tx, f, alert, decision.newObjects, runId, input.actor, at);
      if (decision.newObjects.length) figures.merged++;
      else figures.unchanged++;
    } else {
      const id = await raise(tx, f, runId, numbers, owners.get(f.regionCode), input.actor, at);
      raised.push(id);
      figures.raised++;
      const alert = { id, rule, regionCode: f.regionCode, status: "verifying" as const, firstFoundAt: at, objectKeys: new Set(f.objects.slice(0, ALERT_OBJECTS_MAX).map(objectKey)), objectCount: Math.min(f.objects.length, ALERT_OBJECTS_MAX) };
      known.set(id, alert);
      list.push(alert);
    }
  }
  return figures;
}

/**
 * Runs the rules over the scope in the caller's transaction, holding the run lock. With `wait` false
 * it answers null at once when another run holds the lock. Writes alerts, their evidence, flows and
 * audit rows, and the run's record; the caller commits (or rolls everything back).
 */
export async function runRules(tx: Db, input: RunInput, at: Date, options: { wait: boolean }): Promise<RunResult | null> {
  if (!(await takeRunLock(tx, options.wait))) return null;
  if (input.keys) while ((await indexPayeeIds(tx, input.keys)) > 0);
  const selected = input.rules?.length ? ruleCodes.filter((c) => input.rules!.includes(c)) : [...ruleCodes];
  const townships = await townshipsIn(tx, input.scopePrefix);
  const owners = await ownersOf(tx, townships);
  const today = chinaDate(at);
  const context: RuleContext = { db: tx, scopePrefix: input.scopePrefix, thresholds: await thresholdsFor(tx, townships), today };
  const runId = uuidv7(at.getTime());
  const numbers = new AlertNumbers(tx, chinaYear(at));
  const raised: string[] = [];
  // Alerts left without an owner by an earlier run (a township without staff then) get one now.
  const waiting = await tx.select().from(supervisionAlert).where(and(eq(supervisionAlert.status, "unassigned"), inScope(sql`${supervisionAlert.regionCode}`, input.scopePrefix)));
  for (const a of waiting) await assign(tx, { regionCode: a.regionCode, id: a.id, title: `监管预警 ${a.alertNo}：${rules[a.ruleCode].name}，${yuan(a.amountFen)} 元` }, owners.get(a.regionCode), at);
  const summary: RunSummary = {};
  const started = performance.now();
  for (const rule of selected) {
    const t0 = performance.now();
    const findings = (await finders[rule](context)).filter((f) => context.thresholds.has(f.regionCode));
    const figures = await reconcile(tx, rule, findings, input, runId, numbers, owners, today, at, raised);
    summary[rule] = { ...figures, milliseconds: Math.round(performance.now() - t0) };
  }
  const finishedAt = new Date(at.getTime() + Math.round(performance.now() - started));
  const regionCode = runRegionOf(input.scopePrefix);
  await tx.insert(supervisionRun).values({ regionCode, id: runId, scopePrefix: input.scopePrefix, trigger: input.trigger, rules: selected, startedAt: at, finishedAt, actorId: input.actor.id, actorName: input.actor.name, summary });
  await recordAudit(tx, { regionCode, actor: input.actor, action: "supervision.run", entityType: "supervisionRun", entityId: runId, after: { scope: input.scopePrefix, trigger: input.trigger, rules: selected, raised: raised.length } }, at);
  return { runId, regionCode, scopePrefix: input.scopePrefix, trigger: input.trigger, rules: selected, startedAt: at, finishedAt, summary, raised };
}
