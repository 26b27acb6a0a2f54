// Rectification (整改): one mechanism any domain uses to follow a problem it found (a red monitoring
// result, a poor evaluation, a supervision alert or finding) to its closure. A domain declares its
// kind once with defineRectificationFlow (categories, who rectifies, who verifies, time limits) and
// lists the returned flow in src/domains.ts; it then opens tasks with openRectification in its own
// transaction. Every task runs on the flow engine: rectifying (the responsible side works and
// submits evidence) → verifying (the office checks it) → closed (销号), or back to rectifying with
// a note. Tasks are listed by category across kinds, so problems that keep coming back stand out.
import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { scopeCovers, type RectificationCategoryView, type RectificationTaskDetail, type RectificationTaskView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { defineErrorCodes, invariant } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { containsPattern, scopeCondition } from "../platform/scope.ts";
import { bindAttachments } from "../platform/attachments.ts";
import { region } from "../platform/regionTable.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor, RoleCode } from "../identity/index.ts";
import { startFlow, transition, type FlowDefinition, type TransitionContext } from "../flow/index.ts";
import { rectificationEvidence, rectificationTask, type RectificationStatus } from "./tables.ts";

export const fail = defineErrorCodes({ RECTIFICATION_NOT_OPEN: 409 });

export const RECTIFICATION_ATTACHMENT_OWNER = "rectification.task";
/** The most evidence submissions one task keeps (a task returned that often needs a new look). */
export const EVIDENCE_SUBMISSIONS_MAX = 50;

export interface RectificationKindOptions {
  /** The flow code, e.g. "performanceRectification"; also the task's kind. */
  code: string;
  /** Shown as the flow's and the kind's name, e.g. "绩效问题整改". */
  name: string;
  /** Problem categories: code → Chinese name. Tasks are grouped by them. */
  categories: Readonly<Record<string, string>>;
  /** Who works on the task and submits evidence. */
  rectifierRoles: readonly RoleCode[];
  /** Who checks the evidence and closes the task (销号) or returns it. */
  verifierRoles: readonly RoleCode[];
  /** Time limit of the verification step in working days (default 5). */
  verifyWorkingDays?: number;
  /** Time limit for more work after a return, in working days (default 10). */
  reworkWorkingDays?: number;
  /**
   * The finding domain's own effect when a task of this kind moves (a supervision alert mirrors its
   * task's status), run in the same transaction after the task is updated.
   */
  onStatus?: (tx: Db, task: { regionCode: string; id: string; sourceKind: string; sourceId: string }, status: RectificationStatus, context: TransitionContext) => Promise<void>;
}

export interface RectificationKind extends RectificationKindOptions {
  flow: FlowDefinition;
}

const kinds = new Map<string, RectificationKind>();

/**
 * Declares a kind of rectification: its categories and roles, and the flow the engine runs for it
 * (list `kind.flow` in src/domains.ts). The task's own deadline (整改期限) is the first step's
 * deadline; a return gives `reworkWorkingDays` more.
 */
export function defineRectificationFlow(options: RectificationKindOptions): RectificationKind {
  const existing = kinds.get(options.code);
  if (existing) throw new Error(`Rectification kind ${options.code} defined twice`);
  if (Object.keys(options.categories).length === 0) throw new Error(`Rectification kind ${options.code} has no category`);
  const flow: FlowDefinition = {
    code: options.code,
    name: options.name,
    entityType: "rectificationTask",
    initialState: "rectifying",
    states: {
      rectifying: { name: "整改中", roles: options.rectifierRoles, deadlineWorkingDays: options.reworkWorkingDays ?? 10 },
      verifying: { name: "待核实销号", roles: options.verifierRoles, deadlineWorkingDays: options.verifyWorkingDays ?? 5 },
      closed: { name: "已销号", roles: [], final: true },
    },
    transitions: [
      { from: "rectifying", action: "submitEvidence", label: "提交整改情况", to: "verifying" },
      { from: "verifying", action: "close", label: "核实销号", to: "closed", noteRequired: true },
      { from: "verifying", action: "return", label: "退回继续整改", to: "rectifying", noteRequired: true },
    ],
    onTransition: rectificationTransition,
  };
  const kind = { ...options, flow };
  kinds.set(options.code, kind);
  return kind;
}

export function rectificationKinds(): RectificationKind[] {
  return [...kinds.values()];
}

async function rectificationTransition(tx: Db, ctx: TransitionContext): Promise<void> {
  const [task] = await tx.select().from(rectificationTask).where(and(eq(rectificationTask.regionCode, ctx.regionCode), eq(rectificationTask.id, ctx.entityId))).for("update");
  invariant(task, "a rectification flow's task exists");
  const status = ctx.to as RectificationStatus;
  if (ctx.action === "submitEvidence") {
    // The evidence is written by submitEvidence before it moves the flow; a bare move has none new.
    const [last] = await tx.select({ seq: sql<number>`coalesce(max(${rectificationEvidence.seq}), 0)::int` }).from(rectificationEvidence).where(and(eq(rectificationEvidence.regionCode, task.regionCode), eq(rectificationEvidence.taskId, task.id)));
    if ((last?.seq ?? 0) <= task.evidenceCount) fail("VALIDATION_FAILED", "请先填写整改情况（整改证据）再提交。", [{ path: "evidence", message: "请填写整改情况" }]);
  }
  const set: Partial<typeof rectificationTask.$inferSelect> =
    status === "closed" ? { status, closureNote: ctx.note, closedAt: ctx.at, closedBy: ctx.actor.userId, closedByName: ctx.actor.displayName } : status === "verifying" ? { status, evidenceCount: task.evidenceCount + 1 } : { status };
  await tx.update(rectificationTask).set(set).where(and(eq(rectificationTask.regionCode, task.regionCode), eq(rectificationTask.id, task.id)));
  await kinds.get(task.flowCode)?.onStatus?.(tx, task, status, ctx);
  await recordAudit(tx, { regionCode: task.regionCode, actor: { id: ctx.actor.userId, name: ctx.actor.displayName }, action: `rectification.${ctx.action}`, entityType: "rectificationTask", entityId: task.id, before: { status: task.status }, after: { status, note: ctx.note } }, ctx.at);
}

// ---------------------------------------------------------------- opening

export interface OpenRectificationInput {
  regionCode: string;
  /** What found the problem, e.g. "performanceMonitoring" and the report's id; shown as `sourceLabel`. */
  sourceKind: string;
  sourceId: string;
  sourceLabel: string;
  category: string;
  title: string;
  description: string;
  responsibleUnitId?: string | null | undefined;
  responsibleUnitName: string;
  responsiblePerson: string;
  /** The rectification deadline, a China date (YYYY-MM-DD), today or later. */
  deadlineOn: string;
}

const chinaDate = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Opens a task of a kind in the caller's transaction and starts its flow; the opener is its first owner (首问负责). */
export async function openRectification(tx: Db, actor: Actor, kind: RectificationKind, input: OpenRectificationInput, at: Date): Promise<RectificationTaskView> {
  if (!kinds.has(kind.code)) throw new Error(`Rectification kind ${kind.code} is not defined`);
  if (!scopeCovers(actor.scopePrefix, input.regionCode)) return fail("OUT_OF_SCOPE", "该事项不在您的数据范围内。");
  const problems: { path: string; message: string }[] = [];
  if (!Object.hasOwn(kind.categories, input.category)) problems.push({ path: "category", message: `问题类别应为 ${Object.values(kind.categories).join("、")} 之一` });
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(input.deadlineOn) || Number.isNaN(Date.parse(`${input.deadlineOn}T00:00:00+08:00`))) problems.push({ path: "deadlineOn", message: "整改期限应为日期 YYYY-MM-DD" });
  else if (input.deadlineOn < chinaDate(at)) problems.push({ path: "deadlineOn", message: "整改期限不能早于今天" });
  if (problems.length) fail("VALIDATION_FAILED", problems.map((p) => p.message).join("；"), problems);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`rectificationNo:${input.regionCode}`}))`);
  const year = chinaDate(at).slice(0, 4);
  const prefix = `ZG${year}${input.regionCode.slice(6, 9)}-`;
  const [last] = await tx.select({ no: rectificationTask.taskNo }).from(rectificationTask).where(and(eq(rectificationTask.regionCode, input.regionCode), sql`${rectificationTask.taskNo} like ${`${prefix}%`}`)).orderBy(desc(rectificationTask.taskNo)).limit(1);
  const taskNo = `${prefix}${String(last ? Number(last.no.slice(prefix.length)) + 1 : 1).padStart(5, "0")}`;
  const row: typeof rectificationTask.$inferSelect = {
    regionCode: input.regionCode,
    id: uuidv7(at.getTime()),
    taskNo,
    flowCode: kind.code,
    sourceKind: input.sourceKind,
    sourceId: input.sourceId,
    sourceLabel: input.sourceLabel,
    category: input.category,
    title: input.title.trim(),
    description: input.description.trim(),
    responsibleUnitId: input.responsibleUnitId ?? null,
    responsibleUnitName: input.responsibleUnitName.trim(),
    responsiblePerson: input.responsiblePerson.trim(),
    deadlineOn: input.deadlineOn,
    status: "rectifying",
    evidenceCount: 0,
    closureNote: null,
    closedAt: null,
    closedBy: null,
    closedByName: null,
    flowInstanceId: null,
    createdBy: actor.userId,
    createdByName: actor.displayName,
    createdAt: at,
  };
  await tx.insert(rectificationTask).values(row);
  const instance = await startFlow(tx, actor, { flowCode: kind.code, regionCode: row.regionCode, entityId: row.id, title: `整改 ${taskNo}：${row.title}（${row.responsibleUnitName}，${row.deadlineOn} 前）`, deadlineAt: new Date(Date.parse(`${row.deadlineOn}T00:00:00+08:00`) + 86_400_000 - 1) }, at);
  await tx.update(rectificationTask).set({ flowInstanceId: instance.id }).where(and(eq(rectificationTask.regionCode, row.regionCode), eq(rectificationTask.id, row.id)));
  await recordAudit(tx, { regionCode: row.regionCode, actor: { id: actor.userId, name: actor.displayName }, action: "rectification.opened", entityType: "rectificationTask", entityId: row.id, after: { taskNo, kind: kind.code, source: `${input.sourceKind}:${input.sourceId}`, category: input.category, title: row.title, responsible: `${row.responsibleUnitName} ${row.responsiblePerson}`, deadlineOn: row.deadlineOn } }, at);
  return getRectification(tx, actor, row.id, at);
}

/** Records what was done (with files uploaded before as attachments) and sends the task for verification. */
export async function submitEvidence(tx: Db, actor: Actor, id: string, input: { evidence: string; attachmentIds?: readonly string[] | undefined }, at: Date): Promise<RectificationTaskDetail> {
  const task = await taskRow(tx, actor, id, true);
  if (task.status !== "rectifying") fail("RECTIFICATION_NOT_OPEN", task.status === "closed" ? "该整改事项已销号。" : "整改情况已提交，正在等待核实。");
  invariant(task.flowInstanceId, "an open task has its flow");
  const [last] = await tx.select({ seq: sql<number>`coalesce(max(${rectificationEvidence.seq}), 0)::int` }).from(rectificationEvidence).where(and(eq(rectificationEvidence.regionCode, task.regionCode), eq(rectificationEvidence.taskId, task.id)));
  const seq = (last?.seq ?? 0) + 1;
  if (seq > EVIDENCE_SUBMISSIONS_MAX) fail("VALIDATION_FAILED", `一个整改事项最多提交 ${EVIDENCE_SUBMISSIONS_MAX} 次整改情况。`);
  const files = await bindAttachments(tx, { regionCode: task.regionCode, ownerKind: RECTIFICATION_ATTACHMENT_OWNER, ownerId: task.id, ids: input.attachmentIds ?? [], uploadedBy: actor.userId }, at);
  await tx.insert(rectificationEvidence).values({ regionCode: task.regionCode, taskId: task.id, seq, evidence: input.evidence.trim(), attachmentNames: files.map((f) => f.fileName), attachmentIds: files.map((f) => f.id), submittedBy: actor.userId, submittedByName: actor.displayName, submittedAt: at });
  await transition(tx, actor, { instanceId: task.flowInstanceId, action: "submitEvidence", expectedState: "rectifying" }, at);
  return getRectification(tx, actor, task.id, at);
}

// ---------------------------------------------------------------- reading

async function taskRow(db: Db, actor: Actor, id: string, lock = false): Promise<typeof rectificationTask.$inferSelect> {
  const query = db.select().from(rectificationTask).where(and(eq(rectificationTask.id, id), scopeCondition(rectificationTask.regionCode, actor.scopePrefix)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) return fail("OUT_OF_SCOPE", "整改事项不存在或不在您的数据范围内。");
  return row;
}

function viewTask(t: typeof rectificationTask.$inferSelect, regionName: string | null, today: string): RectificationTaskView {
  const kind = kinds.get(t.flowCode);
  return {
    id: t.id,
    regionCode: t.regionCode,
    regionName: regionName ?? t.regionCode,
    taskNo: t.taskNo,
    flowCode: t.flowCode,
    kindName: kind?.name ?? t.flowCode,
    sourceKind: t.sourceKind,
    sourceId: t.sourceId,
    sourceLabel: t.sourceLabel,
    category: t.category,
    categoryName: kind?.categories[t.category] ?? t.category,
    title: t.title,
    description: t.description,
    responsibleUnitName: t.responsibleUnitName,
    responsiblePerson: t.responsiblePerson,
    deadlineOn: t.deadlineOn,
    overdue: t.status !== "closed" && t.deadlineOn < today,
    status: t.status,
    evidenceCount: t.evidenceCount,
    closureNote: t.closureNote,
    closedAt: t.closedAt?.toISOString() ?? null,
    closedByName: t.closedByName,
    flowInstanceId: t.flowInstanceId,
    createdByName: t.createdByName,
    createdAt: t.createdAt.toISOString(),
  };
}

export async function getRectification(db: Db, actor: Actor, id: string, now: Date): Promise<RectificationTaskDetail> {
  const task = await taskRow(db, actor, id);
  const [home] = await db.select({ name: region.name }).from(region).where(eq(region.regionCode, task.regionCode));
  const evidence = await db.select().from(rectificationEvidence).where(and(eq(rectificationEvidence.regionCode, task.regionCode), eq(rectificationEvidence.taskId, task.id))).orderBy(asc(rectificationEvidence.seq));
  return {
    ...viewTask(task, home?.name ?? null, chinaDate(now)),
    evidence: evidence.map((e) => ({
      seq: e.seq,
      evidence: e.evidence,
      attachmentNames: e.attachmentNames,
      attachments: e.attachmentIds.map((id, i) => ({ id, fileName: e.attachmentNames[i] ?? "附件" })),
      submittedByName: e.submittedByName,
      submittedAt: e.submittedAt.toISOString(),
    })),
  };
}

export interface RectificationFilter {
  regionCode?: string | undefined;
  flowCode?: string | undefined;
  sourceKind?: string | undefined;
  sourceId?: string | undefined;
  category?: string | undefined;
  status?: RectificationStatus | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
}

function conditions(actor: Actor, filter: RectificationFilter, today: string): SQL {
  const t = rectificationTask;
  const list: SQL[] = [scopeCondition(t.regionCode, actor.scopePrefix)];
  if (filter.regionCode) list.push(scopeCondition(t.regionCode, filter.regionCode));
  if (filter.flowCode) list.push(eq(t.flowCode, filter.flowCode));
  if (filter.sourceKind) list.push(eq(t.sourceKind, filter.sourceKind));
  if (filter.sourceId) list.push(eq(t.sourceId, filter.sourceId));
  if (filter.category) list.push(eq(t.category, filter.category));
  if (filter.status) list.push(eq(t.status, filter.status));
  if (filter.overdue === true) list.push(and(sql`${t.status} <> 'closed'`, sql`${t.deadlineOn} < ${today}`)!);
  if (filter.overdue === false) list.push(or(eq(t.status, "closed"), sql`${t.deadlineOn} >= ${today}`)!);
  if (filter.q) list.push(or(ilike(t.title, containsPattern(filter.q)), ilike(t.taskNo, containsPattern(filter.q)), ilike(t.responsibleUnitName, containsPattern(filter.q)), ilike(t.sourceLabel, containsPattern(filter.q)))!);
  return and(...list)!;
}

export async function listRectifications(db: Db, actor: Actor, filter: RectificationFilter, page: { limit: number; offset: number }, now: Date): Promise<{ items: RectificationTaskView[]; total: number }> {
  const t = rectificationTask;
  const today = chinaDate(now);
  const where = conditions(actor, filter, today);
  const found = await db.select({ t, regionName: region.name }).from(t).leftJoin(region, eq(region.regionCode, t.regionCode)).where(where).orderBy(sql`case when ${t.status} = 'closed' then 1 else 0 end`, asc(t.deadlineOn), asc(t.taskNo)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(t).where(where);
  return { items: found.map((f) => viewTask(f.t, f.regionName, today)), total: count?.n ?? 0 };
}

/** Tasks counted by category (all, open, overdue, in how many places), most frequent first. */
export async function rectificationCategories(db: Db, actor: Actor, filter: Pick<RectificationFilter, "regionCode" | "flowCode">, now: Date): Promise<RectificationCategoryView[]> {
  const t = rectificationTask;
  const today = chinaDate(now);
  const found = await db
    .select({
      flowCode: t.flowCode,
      category: t.category,
      total: sql<number>`count(*)::int`,
      open: sql<number>`(count(*) filter (where ${t.status} <> 'closed'))::int`,
      overdue: sql<number>`(count(*) filter (where ${t.status} <> 'closed' and ${t.deadlineOn} < ${today}))::int`,
      regions: sql<number>`count(distinct coalesce(${t.responsibleUnitId}::text, ${t.regionCode}))::int`,
    })
    .from(t)
    .where(conditions(actor, filter, today))
    .groupBy(t.flowCode, t.category);
  const merged = new Map<string, RectificationCategoryView>();
  for (const f of found) {
    const name = kinds.get(f.flowCode)?.categories[f.category] ?? f.category;
    const m = merged.get(f.category) ?? { category: f.category, categoryName: name, total: 0, open: 0, overdue: 0, regions: 0 };
    m.total += f.total;
    m.open += f.open;
    m.overdue += f.overdue;
    m.regions += f.regions;
    merged.set(f.category, m);
  }
  return [...merged.values()].sort((a, b) => b.total - a.total || a.category.localeCompare(b.category));
}
