// The one to-do, whatever the domain. Two registries the composition root (domains.ts) fills:
// - summary cards: for a flow, the domain's description of the matter being approved (payee, amount,
//   indicator, attachments, a link to the full page), shown next to the approve button;
// - to-do sources: work that waits for a person outside the flow engine (budget lines waiting for
//   review, lines returned to their unit), counted and listed beside the flow's matters.
// It also says why a move the person might expect is not theirs (separation of duties) and who can.
import { and, eq, inArray, sql } from "drizzle-orm";
import { scopeCovers, scopePrefixOf, type FlowBlockedActionView, type TodoCountsView, type TodoItemView, type TodoSourceCount, type TodoSummaryView, type TodoTaskDetail } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { DomainError, fail } from "../platform/errors.ts";
import { appUser, isRoleCode, makeActor, roles, userRole, type Actor, type Permission, type RoleCode } from "../identity/index.ts";
import { flowDefinition, transitionRoles, type FlowDefinition, type FlowTransition } from "./definition.ts";
import { countTasks, getTask, instanceScope } from "./engine.ts";
import { flowInstance } from "./tables.ts";

/** The matter a summary card describes. */
export interface TodoMatter {
  instanceId: string;
  flowCode: string;
  regionCode: string;
  entityType: string;
  entityId: string;
  state: string;
}

/**
 * Describes a matter for its approver. It reads with the actor's rights (a row outside them is the
 * domain's OUT_OF_SCOPE, and the card is then left out); it never changes anything.
 */
export type TodoSummaryProvider = (db: Db, actor: Actor, matter: TodoMatter) => Promise<TodoSummaryView | null>;

/** Work outside the flow engine that waits for a person. */
export interface TodoSource {
  /** Stable code (budget.lineReview); the route /todo/sources/:code lists it. */
  code: string;
  /** What the person sees as the kind of work (预算申报待审核). */
  name: string;
  /** Only actors holding one of these permissions have such work; others are not asked. */
  permissions: readonly Permission[];
  /** The items waiting for the actor, oldest first, one page; `total` over all pages. */
  list(db: Db, actor: Actor, page: { limit: number; offset: number }, now: Date): Promise<{ items: TodoItemView[]; total: number }>;
  /** How many wait and how many of them are past their deadline. */
  count(db: Db, actor: Actor, now: Date): Promise<{ total: number; overdue: number }>;
}

const summaries = new Map<string, TodoSummaryProvider>();
const sources = new Map<string, TodoSource>();

export function registerTodoSummary(flowCode: string, provider: TodoSummaryProvider): void {
  const existing = summaries.get(flowCode);
  if (existing && existing !== provider) throw new Error(`Summary card of flow ${flowCode} registered twice`);
  summaries.set(flowCode, provider);
}

export function registerTodoSource(source: TodoSource): void {
  if (!/^[a-zA-Z.]{1,60}$/.test(source.code)) throw new Error(`To-do source code ${source.code} is not a plain code`);
  const existing = sources.get(source.code);
  if (existing && existing !== source) throw new Error(`To-do source ${source.code} registered twice`);
  sources.set(source.code, source);
}

export function registeredTodoSources(): TodoSource[] {
  return [...sources.values()];
}

function sourcesFor(actor: Actor): TodoSource[] {
  return registeredTodoSources().filter((s) => s.permissions.some((p) => actor.permissions.has(p)));
}

/** The summary card of a matter, or null when its flow has none or the actor may not read the thing itself. */
export async function summaryOf(db: Db, actor: Actor, matter: TodoMatter): Promise<TodoSummaryView | null> {
  const provider = summaries.get(matter.flowCode);
  if (!provider) return null;
  try {
    return await provider(db, actor, matter);
  } catch (error) {
    // The matter is in the actor's scope (the engine checked) but the thing behind it may not be
    // (a village user on a township roster it may not read): the drawer then shows the flow alone.
    if (error instanceof DomainError && error.code === "OUT_OF_SCOPE") return null;
    throw error;
  }
}

interface Handler {
  id: string;
  name: string;
  roles: RoleCode[];
}

/** Users with a narrower scope than the matter who may still act on it (a village's rosters) are few; this bounds the check. */
const NARROW_HANDLERS_MAX = 30;

/**
 * Active users who can act at the matter's current step: holding one of its roles, over a scope
 * that covers the matter, or a narrower scope the flow opens to it (a village on its own roster).
 */
async function stepHandlers(db: Db, def: FlowDefinition, matter: { id: string; regionCode: string; state: string }): Promise<Handler[]> {
  const stepRoles = new Set<RoleCode>();
  for (const t of def.transitions.filter((c) => c.from === matter.state)) for (const r of transitionRoles(def, t)) stepRoles.add(r);
  if (stepRoles.size === 0) return [];
  const found = await db
    .select({ id: appUser.id, name: appUser.displayName, username: appUser.username, regionCode: appUser.regionCode, role: userRole.role })
    .from(appUser)
    .innerJoin(userRole, eq(userRole.userId, appUser.id))
    .where(and(eq(appUser.status, "active"), inArray(userRole.role, [...stepRoles]), sql`${appUser.regionCode} like ${`${matter.regionCode.slice(0, 6)}%`}`))
    .orderBy(appUser.displayName);
  const byUser = new Map<string, Handler & { username: string; regionCode: string }>();
  for (const f of found) {
    if (!isRoleCode(f.role)) continue;
    const entry = byUser.get(f.id) ?? { id: f.id, name: f.name, username: f.username, regionCode: f.regionCode, roles: [] };
    entry.roles.push(f.role);
    byUser.set(f.id, entry);
  }
  const handlers: Handler[] = [];
  let narrowChecked = 0;
  for (const u of byUser.values()) {
    if (scopeCovers(scopePrefixOf(u.regionCode), matter.regionCode)) {
      handlers.push(u);
      continue;
    }
    if (!def.narrowScope || !u.regionCode.startsWith(matter.regionCode.slice(0, 9)) || narrowChecked >= NARROW_HANDLERS_MAX) continue;
    narrowChecked++;
    const narrow = def.narrowScope(makeActor({ ...u, displayName: u.name }, u.roles));
    if (!narrow) continue;
    const [hit] = await db.select({ id: flowInstance.id }).from(flowInstance).where(and(eq(flowInstance.regionCode, matter.regionCode), eq(flowInstance.id, matter.id), narrow));
    if (hit) handlers.push(u);
  }
  return handlers;
}

const roleNameOf = (r: RoleCode) => roles[r].name;

/** Why the actor may not take a transition their role allows, or null when they may. */
export function blockedReason(t: FlowTransition, matter: { createdBy: string }, actor: Pick<Actor, "userId">): string | null {
  if (t.separateFromCreator && matter.createdBy === actor.userId) {
    return "您是本事项的录入人，按不相容岗位相分离的要求（录入与审批不能是同一人），须由他人办理。";
  }
  return null;
}

/** A matter for the to-do drawer: the flow's detail, the domain's summary card, and who may do what. */
export async function getTodoTask(db: Db, actor: Actor, id: string, now: Date): Promise<TodoTaskDetail> {
  const task = await getTask(db, actor, id, now);
  const [row] = await db.select().from(flowInstance).where(and(eq(flowInstance.regionCode, task.regionCode), eq(flowInstance.id, id), instanceScope(actor)));
  if (!row) return fail("OUT_OF_SCOPE", "事项不存在或不在您的数据范围内。");
  const def = flowDefinition(row.flowCode);
  const open = row.closedAt === null;
  const handlers = open ? await stepHandlers(db, def, row) : [];
  const blocked: FlowBlockedActionView[] = [];
  if (open) {
    for (const t of def.transitions.filter((c) => c.from === row.state)) {
      const allowedRoles = transitionRoles(def, t);
      if (!allowedRoles.some((r) => actor.roles.includes(r))) continue;
      const reason = blockedReason(t, row, actor);
      if (!reason) continue;
      const whoCan = handlers.filter((h) => h.id !== row.createdBy && h.roles.some((r) => allowedRoles.includes(r))).map((h) => h.name);
      blocked.push({ action: t.action, label: t.label, reason, whoCan });
    }
  }
  const summary = await summaryOf(db, actor, { instanceId: row.id, flowCode: row.flowCode, regionCode: row.regionCode, entityType: row.entityType, entityId: row.entityId, state: row.state });
  return {
    ...task,
    summary,
    blocked,
    handlers: handlers.map((h) => ({ name: h.name, roleNames: h.roles.filter((r) => def.states[row.state]?.roles.includes(r) || def.transitions.some((t) => t.from === row.state && transitionRoles(def, t).includes(r))).map(roleNameOf) })),
  };
}

/** Everything that waits for the actor, counted: the flow's lists and each source the actor's permissions reach. */
export async function todoCounts(db: Db, actor: Actor, now: Date): Promise<TodoCountsView> {
  const [todo, overdue, owned] = await Promise.all([countTasks(db, actor, "todo", now), countTasks(db, actor, "overdue", now), countTasks(db, actor, "owned", now)]);
  const fed: TodoSourceCount[] = [];
  for (const source of sourcesFor(actor)) {
    const counted = await source.count(db, actor, now);
    fed.push({ code: source.code, name: source.name, total: counted.total, overdue: counted.overdue });
  }
  return { flow: { todo, overdue, owned }, sources: fed, total: todo + fed.reduce((sum, s) => sum + s.total, 0) };
}

/** One page of a source's items for the actor; a source the actor has no permission for is empty, not an error. */
export async function listTodoSource(db: Db, actor: Actor, code: string, page: { limit: number; offset: number }, now: Date): Promise<{ items: TodoItemView[]; total: number }> {
  const source = sources.get(code);
  if (!source) return fail("NOT_FOUND", "没有这类待办事项。");
  if (!source.permissions.some((p) => actor.permissions.has(p))) return { items: [], total: 0 };
  return source.list(db, actor, page, now);
}
