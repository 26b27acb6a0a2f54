// The one flow engine: starts matters, moves them along allowed transitions, hands them over on
// the record, computes deadlines in working days and lists to-do and overdue work. Every move is
// audited in the caller's transaction.
import { and, asc, desc, eq, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { scopeCovers, type FlowHistoryView, type FlowTaskDetail, type FlowTaskView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { fail, invariant } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { defineSetting, readSetting } from "../platform/settings.ts";
import { scopeCondition } from "../platform/scope.ts";
import { assertDifferentPerson } from "../platform/separation.ts";
import { addWorkingDays, defaultCalendar, parseCalendar, workingDaysBetween, type WorkCalendar } from "../platform/workingDays.ts";
import { recordAudit } from "../audit/index.ts";
import { appUser } from "../identity/index.ts";
import { region } from "../platform/regionTable.ts";
import type { Actor } from "../identity/index.ts";
import { allowedTransitions, flowDefinition, registeredFlows, type FlowDefinition } from "./definition.ts";
import { flowEvent, flowInstance } from "./tables.ts";

export const CALENDAR_KEY = "calendar";
export const DEADLINES_KEY = "flow.deadlines";
/** Working days past the deadline after which an overdue matter is escalated to the district. */
export const ESCALATE_AFTER_WORKING_DAYS = 3;

type InstanceRow = typeof flowInstance.$inferSelect;

export const deadlinesSetting = defineSetting<Record<string, number>>({
  key: DEADLINES_KEY,
  name: "办理时限（工作日）",
  description: "各流程环节的办结时限（工作日）；未设置的环节用流程的默认时限。",
  kind: "integerMap",
  form: () => ({
    unit: "个工作日",
    rows: registeredFlows().flatMap((def) =>
      Object.entries(def.states)
        .filter(([, st]) => st.deadlineWorkingDays !== undefined)
        .map(([code, st]) => ({ key: `${def.code}.${code}`, label: `${def.name} · ${st.name}`, fallback: st.deadlineWorkingDays })),
    ),
  }),
  levels: ["district", "township"],
  parse(raw) {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new Error("须为各流程环节的工作日数");
    for (const [key, value] of Object.entries(raw)) {
      if (!/^[a-zA-Z]+\.[a-zA-Z]+$/.test(key)) throw new Error(`“${key}”不是流程环节的代码`);
      if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 365) throw new Error(`“${key}”的时限须为 1-365 的整数`);
    }
    return raw as Record<string, number>;
  },
  fallback: {},
});

export const calendarSetting = defineSetting<WorkCalendar>({
  key: CALENDAR_KEY,
  name: "工作日历",
  description: "法定节假日（不计为工作日的周一至周五）和调休上班日（计为工作日的周末），用于计算办理时限。",
  kind: "calendar",
  levels: ["district"],
  parse: parseCalendar,
  fallback: defaultCalendar,
  toJson: (calendar) => ({ holidays: [...calendar.holidays].sort(), extraWorkdays: [...calendar.extraWorkdays].sort() }),
});

export function workCalendar(db: Db, regionCode: string): Promise<WorkCalendar> {
  return readSetting(db, regionCode, calendarSetting);
}

/** The deadline of a step: its working days (overridable per region as "flow.state") after `at`. */
async function stepDeadline(db: Db, def: FlowDefinition, state: string, regionCode: string, at: Date, entityId: string): Promise<Date | null> {
  const st = def.states[state];
  invariant(st, `state ${state} exists in ${def.code}`);
  if (st.final) return null;
  const own = await def.deadlineOf?.(db, { regionCode, entityId, state, at });
  if (own !== undefined) return own;
  const overrides = await readSetting(db, regionCode, deadlinesSetting);
  const days = overrides[`${def.code}.${state}`] ?? st.deadlineWorkingDays;
  if (days === undefined) return null;
  return addWorkingDays(at, days, await workCalendar(db, regionCode));
}

async function appendEvent(
  tx: Db,
  instance: Pick<InstanceRow, "regionCode" | "id">,
  event: Omit<typeof flowEvent.$inferInsert, "regionCode" | "instanceId" | "seq">,
): Promise<void> {
  const [last] = await tx
    .select({ seq: flowEvent.seq })
    .from(flowEvent)
    .where(and(eq(flowEvent.regionCode, instance.regionCode), eq(flowEvent.instanceId, instance.id)))
    .orderBy(desc(flowEvent.seq))
    .limit(1);
  await tx.insert(flowEvent).values({ ...event, regionCode: instance.regionCode, instanceId: instance.id, seq: (last?.seq ?? 0) + 1 });
}

export interface StartFlowInput {
  flowCode: string;
  regionCode: string;
  entityId: string;
  title: string;
  /** The first step's deadline when the matter carries its own (a rectification's due date), instead of the step's working days. */
  deadlineAt?: Date | undefined;
}

/** Starts a matter. Its first owner (首问负责人) is the person who entered it. */
export async function startFlow(tx: Db, actor: Actor, input: StartFlowInput, at: Date): Promise<InstanceRow> {
  if (!scopeCovers(actor.scopePrefix, input.regionCode)) fail("OUT_OF_SCOPE", "该事项不在您的数据范围内。");
  return insertInstance(tx, { id: actor.userId, name: actor.displayName }, { id: actor.userId, name: actor.displayName }, input, at);
}

/**
 * Starts a matter the system raised (an alert a supervision rule found), entered in the name of its
 * first owner (首问负责人), who answers for it from then on; its history and the audit log name the
 * system (`startedBy`) as the one who started it. The caller picks an active owner of the region.
 */
export async function startFlowFor(tx: Db, owner: { userId: string; regionCode: string }, input: StartFlowInput & { startedBy: string }, at: Date): Promise<InstanceRow> {
  invariant(owner.regionCode.slice(0, 9) === input.regionCode.slice(0, 9) || input.regionCode.startsWith(owner.regionCode.slice(0, 6)), "the owner of a system-raised matter works in its region");
  return insertInstance(tx, { id: owner.userId, name: input.startedBy }, { id: null, name: input.startedBy }, input, at);
}

async function insertInstance(tx: Db, by: { id: string; name: string }, audited: { id: string | null; name: string }, input: StartFlowInput, at: Date): Promise<InstanceRow> {
  const def = flowDefinition(input.flowCode);
  const actor = { userId: by.id, displayName: by.name };
  const row: InstanceRow = {
    regionCode: input.regionCode,
    id: uuidv7(at.getTime()),
    flowCode: def.code,
    entityType: def.entityType,
    entityId: input.entityId,
    title: input.title,
    state: def.initialState,
    ownerId: actor.userId,
    createdBy: actor.userId,
    createdAt: at,
    stepEnteredAt: at,
    deadlineAt: input.deadlineAt ?? (await stepDeadline(tx, def, def.initialState, input.regionCode, at, input.entityId)),
    closedAt: null,
  };
  await tx.insert(flowInstance).values(row);
  await appendEvent(tx, row, { at, kind: "start", action: "start", fromState: null, toState: row.state, actorId: actor.userId, actorName: actor.displayName, note: null, toOwnerId: actor.userId });
  await recordAudit(tx, { regionCode: row.regionCode, actor: audited, action: "flow.started", entityType: "flowInstance", entityId: row.id, after: { flowCode: row.flowCode, entityId: row.entityId, state: row.state, deadlineAt: row.deadlineAt, ...(audited.id === null ? { ownerId: row.ownerId } : {}) } }, at);
  return row;
}

/** The actor's scope over matters: its region prefix, plus what a flow opens to a narrower scope. */
export function instanceScope(actor: Actor): SQL {
  const own = scopeCondition(flowInstance.regionCode, actor.scopePrefix);
  const extra: SQL[] = [];
  for (const def of registeredFlows()) {
    const narrow = def.narrowScope?.(actor);
    if (narrow) extra.push(and(eq(flowInstance.flowCode, def.code), narrow)!);
  }
  return extra.length ? or(own, ...extra)! : own;
}

async function lockInstance(tx: Db, actor: Actor, id: string): Promise<InstanceRow> {
  const [row] = await tx.select().from(flowInstance).where(and(eq(flowInstance.id, id), instanceScope(actor))).for("update");
  if (!row) fail("OUT_OF_SCOPE", "事项不存在或不在您的数据范围内。");
  return row!;
}

export interface TransitionInput {
  instanceId: string;
  action: string;
  note?: string | undefined;
  expectedState: string;
}

export async function transition(tx: Db, actor: Actor, input: TransitionInput, at: Date): Promise<InstanceRow> {
  const row = await lockInstance(tx, actor, input.instanceId);
  const def = flowDefinition(row.flowCode);
  if (row.state !== input.expectedState) fail("STALE", `该事项已由他人处理，当前状态为“${def.states[row.state]?.name ?? row.state}”，请刷新后再试。`);
  const candidates = def.transitions.filter((t) => t.from === row.state && t.action === input.action);
  if (candidates.length === 0) fail("INVALID_TRANSITION", `当前状态“${def.states[row.state]?.name ?? row.state}”不允许此操作。`);
  const allowed = allowedTransitions(def, row.state, actor).find((t) => t.action === input.action);
  if (!allowed) fail("FORBIDDEN", "您的角色不能在此环节办理该事项。");
  const t = allowed!;
  if (def.states[row.state]?.ownerOnly && row.ownerId !== actor.userId) fail("FORBIDDEN", "该环节只能由首问负责人办理；如需他人办理，请先转交。");
  if (t.separateFromCreator) assertDifferentPerson(row.createdBy, actor.userId, "该事项");
  const note = input.note?.trim() || null;
  if (t.noteRequired && !note) fail("VALIDATION_FAILED", `“${t.label}”须填写意见。`, [{ path: "note", message: "请填写意见" }]);
  const toState = def.states[t.to];
  invariant(toState, "transition target exists (checked at registration)");
  const next: InstanceRow = {
    ...row,
    state: t.to,
    stepEnteredAt: at,
    deadlineAt: await stepDeadline(tx, def, t.to, row.regionCode, at, row.entityId),
    closedAt: toState.final ? at : null,
  };
  await tx
    .update(flowInstance)
    .set({ state: next.state, stepEnteredAt: next.stepEnteredAt, deadlineAt: next.deadlineAt, closedAt: next.closedAt })
    .where(and(eq(flowInstance.regionCode, row.regionCode), eq(flowInstance.id, row.id)));
  await appendEvent(tx, row, { at, kind: "transition", action: t.action, fromState: row.state, toState: t.to, actorId: actor.userId, actorName: actor.displayName, note });
  await recordAudit(tx, { regionCode: row.regionCode, actor: { id: actor.userId, name: actor.displayName }, action: `flow.${t.action}`, entityType: "flowInstance", entityId: row.id, before: { state: row.state }, after: { state: t.to, note } }, at);
  await def.onTransition?.(tx, { regionCode: row.regionCode, instanceId: row.id, entityType: row.entityType, entityId: row.entityId, from: row.state, to: t.to, action: t.action, note, actor, at });
  return next;
}

/** Hands a matter to a colleague on the record (首问负责制): the owner, or the director, may do it. */
export async function handover(tx: Db, actor: Actor, input: { instanceId: string; toUserId: string; note: string }, at: Date): Promise<InstanceRow> {
  const row = await lockInstance(tx, actor, input.instanceId);
  if (row.closedAt) fail("INVALID_TRANSITION", "事项已办结，不能转交。");
  if (row.ownerId !== actor.userId && !actor.roles.includes("townshipDirector")) fail("FORBIDDEN", "只有首问负责人或所长可以转交该事项。");
  if (input.toUserId === row.ownerId) fail("VALIDATION_FAILED", "不能转交给当前负责人本人。", [{ path: "toUserId", message: "请选择其他人员" }]);
  const note = input.note.trim();
  if (!note) fail("VALIDATION_FAILED", "转交须说明原因。", [{ path: "note", message: "请填写转交说明" }]);
  const [target] = await tx.select().from(appUser).where(eq(appUser.id, input.toUserId));
  // Hand-over stays inside the office that holds the matter (same township, or same district office).
  if (!target || target.status !== "active" || target.regionCode.slice(0, 9) !== row.regionCode.slice(0, 9)) {
    fail("VALIDATION_FAILED", "接收人须为本单位在岗人员。", [{ path: "toUserId", message: "接收人无效" }]);
  }
  await tx.update(flowInstance).set({ ownerId: input.toUserId }).where(and(eq(flowInstance.regionCode, row.regionCode), eq(flowInstance.id, row.id)));
  await appendEvent(tx, row, { at, kind: "handover", action: "handover", fromState: row.state, toState: row.state, actorId: actor.userId, actorName: actor.displayName, note, fromOwnerId: row.ownerId, toOwnerId: input.toUserId });
  await recordAudit(tx, { regionCode: row.regionCode, actor: { id: actor.userId, name: actor.displayName }, action: "flow.handover", entityType: "flowInstance", entityId: row.id, before: { ownerId: row.ownerId }, after: { ownerId: input.toUserId, note } }, at);
  return { ...row, ownerId: input.toUserId };
}

// ---------------------------------------------------------------- reading

export type TaskView = FlowTaskView;

const owner = alias(appUser, "owner");
const creator = alias(appUser, "creator");

function taskQuery(db: Db) {
  return db
    .select({ i: flowInstance, regionName: region.name, ownerName: owner.displayName, creatorName: creator.displayName })
    .from(flowInstance)
    .leftJoin(region, eq(region.regionCode, flowInstance.regionCode))
    .leftJoin(owner, eq(owner.id, flowInstance.ownerId))
    .leftJoin(creator, eq(creator.id, flowInstance.createdBy));
}

type TaskRow = Awaited<ReturnType<ReturnType<typeof taskQuery>["where"]>>[number];

/** Calendars by region for one listing, so a page of overdue matters reads each calendar once. */
type CalendarMemo = Map<string, Promise<WorkCalendar>>;

async function describe(db: Db, actor: Actor, r: TaskRow, now: Date, calendars: CalendarMemo = new Map()): Promise<TaskView> {
  const def = flowDefinition(r.i.flowCode);
  const state = def.states[r.i.state];
  const overdue = !r.i.closedAt && r.i.deadlineAt !== null && r.i.deadlineAt < now;
  let overdueWorkingDays = 0;
  if (overdue && r.i.deadlineAt) {
    const region = r.i.regionCode;
    if (!calendars.has(region)) calendars.set(region, workCalendar(db, region));
    overdueWorkingDays = workingDaysBetween(r.i.deadlineAt, now, await calendars.get(region)!);
  }
  const actions = r.i.closedAt || (state?.ownerOnly && r.i.ownerId !== actor.userId)
    ? []
    : allowedTransitions(def, r.i.state, actor)
        .filter((t) => !(t.separateFromCreator && r.i.createdBy === actor.userId))
        .map((t) => ({ action: t.action, label: t.label, noteRequired: t.noteRequired ?? false }));
  return {
    id: r.i.id,
    regionCode: r.i.regionCode,
    regionName: r.regionName ?? r.i.regionCode,
    flowCode: def.code,
    flowName: def.name,
    entityType: r.i.entityType,
    entityId: r.i.entityId,
    title: r.i.title,
    state: r.i.state,
    stateName: state?.name ?? r.i.state,
    stepRole: [...(state?.roles ?? [])],
    ownerId: r.i.ownerId,
    ownerName: r.ownerName ?? "",
    deadlineAt: r.i.deadlineAt?.toISOString() ?? null,
    overdue,
    overdueWorkingDays,
    escalated: overdueWorkingDays >= ESCALATE_AFTER_WORKING_DAYS,
    closedAt: r.i.closedAt?.toISOString() ?? null,
    createdAt: r.i.createdAt.toISOString(),
    createdByName: r.creatorName ?? "",
    actions,
  };
}

/**
 * Overdue and escalation of matters listed by another domain's page (a list of alerts with their
 * flow's deadline): the same rule as the to-do lists, computed here, in one place.
 */
export async function overdueStates(db: Db, matters: readonly { regionCode: string; deadlineAt: Date | null; closedAt: Date | null }[], now: Date): Promise<{ overdue: boolean; overdueWorkingDays: number; escalated: boolean }[]> {
  const calendars: CalendarMemo = new Map();
  const out: { overdue: boolean; overdueWorkingDays: number; escalated: boolean }[] = [];
  for (const m of matters) {
    const overdue = !m.closedAt && m.deadlineAt !== null && m.deadlineAt < now;
    let days = 0;
    if (overdue && m.deadlineAt) {
      if (!calendars.has(m.regionCode)) calendars.set(m.regionCode, workCalendar(db, m.regionCode));
      days = workingDaysBetween(m.deadlineAt, now, await calendars.get(m.regionCode)!);
    }
    out.push({ overdue, overdueWorkingDays: days, escalated: days >= ESCALATE_AFTER_WORKING_DAYS });
  }
  return out;
}

/** (flow, state) pairs whose step belongs to one of the actor's roles. */
function actionableCondition(actor: Actor): SQL | null {
  const parts: SQL[] = [];
  for (const def of registeredFlows()) {
    const mine = Object.entries(def.states).filter(([, st]) => !st.final && st.roles.some((r) => actor.roles.includes(r)));
    const states = mine.filter(([, st]) => !st.ownerOnly).map(([code]) => code);
    const owned = mine.filter(([, st]) => st.ownerOnly).map(([code]) => code);
    if (states.length) parts.push(and(eq(flowInstance.flowCode, def.code), inArray(flowInstance.state, states))!);
    if (owned.length) parts.push(and(eq(flowInstance.flowCode, def.code), inArray(flowInstance.state, owned), eq(flowInstance.ownerId, actor.userId))!);
  }
  return parts.length ? or(...parts)! : null;
}

export type TaskList = "todo" | "overdue" | "owned";

function listCondition(actor: Actor, list: TaskList, now: Date): SQL | null {
  const conditions: SQL[] = [instanceScope(actor), isNull(flowInstance.closedAt)];
  if (list === "todo") {
    const actionable = actionableCondition(actor);
    if (!actionable) return null;
    conditions.push(actionable);
  } else if (list === "overdue") {
    conditions.push(lt(flowInstance.deadlineAt, now));
  } else {
    conditions.push(eq(flowInstance.ownerId, actor.userId));
  }
  return and(...conditions)!;
}

/** How many matters a list holds for the actor, without reading them (the to-do badge, home pages). */
export async function countTasks(db: Db, actor: Actor, list: TaskList, now: Date): Promise<number> {
  const where = listCondition(actor, list, now);
  if (!where) return 0;
  const [count] = await db.select({ n: sql<bigint>`count(*)` }).from(flowInstance).where(where);
  return Number(count?.n ?? 0n);
}

export async function listTasks(db: Db, actor: Actor, list: TaskList, page: { limit: number; offset: number }, now: Date): Promise<{ items: TaskView[]; total: number }> {
  const where = listCondition(actor, list, now);
  if (!where) return { items: [], total: 0 };
  const found = await taskQuery(db)
    .where(where)
    .orderBy(sql`${flowInstance.deadlineAt} asc nulls last`, asc(flowInstance.createdAt))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await db.select({ n: sql<bigint>`count(*)` }).from(flowInstance).where(where);
  const calendars: CalendarMemo = new Map();
  const items: TaskView[] = [];
  for (const r of found) items.push(await describe(db, actor, r, now, calendars));
  return { items, total: Number(count?.n ?? 0n) };
}

export type TaskDetail = FlowTaskDetail;

export async function getTask(db: Db, actor: Actor, id: string, now: Date): Promise<TaskDetail> {
  const [r] = await taskQuery(db).where(and(eq(flowInstance.id, id), instanceScope(actor)));
  if (!r) fail("OUT_OF_SCOPE", "事项不存在或不在您的数据范围内。");
  const view = await describe(db, actor, r!, now);
  const def = flowDefinition(r!.i.flowCode);
  const newOwner = alias(appUser, "new_owner");
  const events = await db
    .select({ e: flowEvent, toOwnerName: newOwner.displayName })
    .from(flowEvent)
    .leftJoin(newOwner, eq(newOwner.id, flowEvent.toOwnerId))
    .where(and(eq(flowEvent.regionCode, r!.i.regionCode), eq(flowEvent.instanceId, id)))
    .orderBy(asc(flowEvent.seq));
  return { ...view, history: events.map(({ e, toOwnerName }) => historyEntry(def, e, toOwnerName)) };
}

/**
 * One line of a matter's history, labelled by the step that was acted on: the same action (approve)
 * leaves several steps with different labels (单位审核通过, 财政审核通过), so the label is found by the
 * event's from-state and action, never by the action alone.
 */
export function historyEntry(def: FlowDefinition, e: Pick<typeof flowEvent.$inferSelect, "at" | "actorName" | "kind" | "action" | "fromState" | "toState" | "note">, toOwnerName: string | null): FlowHistoryView {
  const label =
    e.kind === "start" ? "提交" : e.kind === "handover" ? "转交" : (def.transitions.find((t) => t.from === e.fromState && t.action === e.action)?.label ?? e.action);
  return {
    at: e.at.toISOString(),
    actorName: e.actorName,
    kind: e.kind,
    action: e.action,
    actionLabel: label,
    fromState: e.fromState,
    toState: e.toState,
    note: e.note,
    toOwnerName: e.kind === "handover" ? toOwnerName : null,
  };
}
