// Reporting up (上报), one mechanism for every periodic report: a township prepares a report of a
// kind for a period from its own data (each preparation a new, kept version), submits it through the
// flow engine by the deadline (a setting: the district's default, a township's override), and the
// district accepts it — locked from then on — or returns it with comments. The district sees every
// township on one page, ranked when the kind ranks, with the consolidated total.
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { reportStatusLabels, scopeCovers, type ReportDetailView, type ReportDisplayStatus, type ReportKindView, type ReportStatusRow, type ReportStatusView, type ReportView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { defineErrorCodes, invariant } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { canonicalJson, sm3Hex } from "../platform/canonicalJson.ts";
import { defineSetting, readSetting } from "../platform/settings.ts";
import { scopeCondition } from "../platform/scope.ts";
import { region } from "../platform/regionTable.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { flowEvent, flowInstance, startFlow, transition, type TransitionContext } from "../flow/index.ts";
import { defineReportFlow, registerKind, registeredReportKinds, reportFlowCode, reportKindOf, type ReportContent, type ReportKind, type ReportProblem } from "./definition.ts";
import { DEADLINE_DAYS_MAX, parsePeriod, periodDeadline, rankBy, readReportState, type ReportPeriod } from "./rules.ts";
import { reportInstance, reportVersion, type StoredProblem } from "./tables.ts";

export const fail = defineErrorCodes({
  REPORT_HAS_ERRORS: 409,
  REPORT_LOCKED: 409,
});

/** Days after the period's end each kind's report is due; the district sets it, a township may override. */
export const deadlineDaysSetting = defineSetting<Record<string, number>>({
  key: "reporting.deadlineDays",
  name: "上报截止（报告期结束后天数）",
  description: "各类上报报表的截止日：报告期最后一天之后的第几天（当天 24 时前）。区财政局设默认值，乡镇可单独设置。",
  kind: "integerMap",
  form: () => ({ unit: "天", rows: registeredReportKinds().map((k) => ({ key: k.code, label: k.name, fallback: k.deadlineDays })) }),
  levels: ["district", "township"],
  parse(raw) {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new Error("须为各类报表的天数");
    for (const [key, value] of Object.entries(raw)) {
      if (!/^[a-zA-Z]{2,40}$/.test(key)) throw new Error(`“${key}”不是报表种类代码`);
      if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > DEADLINE_DAYS_MAX) throw new Error(`“${key}”的天数须为 1-${DEADLINE_DAYS_MAX} 的整数`);
    }
    return raw as Record<string, number>;
  },
  fallback: {},
});

type ReportRow = typeof reportInstance.$inferSelect;
const who = (actor: Actor) => ({ id: actor.userId, name: actor.displayName });

// ---------------------------------------------------------------- kinds

/** Registers a report kind and its flow (called by the composition root, src/domains.ts). */
export function registerReportKind<C extends ReportContent>(kind: ReportKind<C>): void {
  const generic = kind as unknown as ReportKind;
  registerKind(generic, defineReportFlow(generic, { onTransition: reportTransition, deadlineOf: preparedDeadline }));
}

function kindOrFail(code: string): ReportKind {
  const kind = reportKindOf(code);
  if (!kind) return fail("VALIDATION_FAILED", `没有“${code}”这种上报报表。`, [{ path: "kind", message: "报表种类无效" }]);
  return kind;
}

function periodOrFail(kind: ReportKind, code: string): ReportPeriod {
  const parsed = parsePeriod(code, kind.periodicity);
  if (!parsed.ok) return fail("VALIDATION_FAILED", parsed.message, [{ path: "period", message: parsed.message }]);
  return parsed.period;
}

export function viewKind(kind: ReportKind): ReportKindView {
  return { code: kind.code, name: kind.name, periodicity: kind.periodicity, deadlineDays: kind.deadlineDays, summaryColumns: kind.summaryColumns.map((c) => ({ ...c })), rank: kind.rank ? { ...kind.rank } : null };
}

export function listReportKinds(): ReportKindView[] {
  return registeredReportKinds().map(viewKind);
}

/** The deadline of a township's report for a period, after the setting (township over district over the kind's default). */
export async function reportDeadline(db: Db, kind: ReportKind, regionCode: string, period: ReportPeriod): Promise<Date> {
  const days = (await readSetting(db, regionCode, deadlineDaysSetting))[kind.code] ?? kind.deadlineDays;
  return periodDeadline(period, days);
}

// ---------------------------------------------------------------- the flow's effects

async function lockReport(tx: Db, regionCode: string, id: string): Promise<ReportRow> {
  const [row] = await tx.select().from(reportInstance).where(and(eq(reportInstance.regionCode, regionCode), eq(reportInstance.id, id))).for("update");
  invariant(row, "the flow's report exists");
  return row;
}

/** The prepared step is due by the report's deadline; after a return, by the flow's working days. */
async function preparedDeadline(tx: Db, step: { regionCode: string; entityId: string; state: string }): Promise<Date | null | undefined> {
  if (step.state !== "prepared") return undefined;
  const [row] = await tx.select({ status: reportInstance.status, deadlineAt: reportInstance.deadlineAt }).from(reportInstance).where(and(eq(reportInstance.regionCode, step.regionCode), eq(reportInstance.id, step.entityId)));
  invariant(row, "the flow's report exists");
  return row.status === "submitted" ? undefined : row.deadlineAt;
}

const errorsOf = (problems: readonly StoredProblem[]) => problems.filter((p) => p.level === "error");
const warningsOf = (problems: readonly StoredProblem[]) => problems.filter((p) => p.level === "warning");

async function reportTransition(tx: Db, ctx: TransitionContext): Promise<void> {
  const row = await lockReport(tx, ctx.regionCode, ctx.entityId);
  let set: Partial<ReportRow>;
  if (ctx.action === "submit") {
    const errors = errorsOf(row.problems);
    if (errors.length) {
      fail("REPORT_HAS_ERRORS", `报表未通过审核公式（${errors.length} 项），请修正数据后重新编制：${errors.slice(0, 3).map((e) => e.message).join("；")}`, errors.map((e) => ({ path: e.code, message: e.message })));
    }
    const warnings = warningsOf(row.problems);
    if (warnings.length && !ctx.note) fail("VALIDATION_FAILED", `报表有 ${warnings.length} 项提示，上报时须说明原因。`, [{ path: "note", message: "请说明提示事项" }]);
    set = { status: "submitted", submittedBy: ctx.actor.userId, submittedAt: ctx.at };
  } else if (ctx.action === "accept") {
    set = { status: "accepted", reviewedBy: ctx.actor.userId, reviewedAt: ctx.at };
  } else {
    invariant(ctx.action === "return", `report flow action ${ctx.action} is known`);
    set = { status: "prepared", reviewedBy: ctx.actor.userId, reviewedAt: ctx.at, returnNote: ctx.note, returnCount: row.returnCount + 1 };
  }
  await tx.update(reportInstance).set(set).where(and(eq(reportInstance.regionCode, row.regionCode), eq(reportInstance.id, row.id)));
  await recordAudit(tx, { regionCode: row.regionCode, actor: who(ctx.actor), action: `report.${set.status === "prepared" ? "returned" : set.status}`, entityType: "report", entityId: row.id, before: { status: row.status, version: row.version }, after: { status: set.status, version: row.version, note: ctx.note } }, ctx.at);
}

// ---------------------------------------------------------------- preparing and moving

function checkTownship(actor: Actor, regionCode: string): void {
  if (!scopeCovers(actor.scopePrefix, regionCode)) fail("OUT_OF_SCOPE", "该乡镇不在您的数据范围内。");
  if (!/^[0-9]{9}$/.test(regionCode) || regionCode.endsWith("000")) fail("VALIDATION_FAILED", "报表由乡镇（街道）编制上报，请选择乡镇。", [{ path: "regionCode", message: "须为乡镇区划代码" }]);
}

/**
 * Builds (or rebuilds) a township's report for a period from its data, as a new version. The first
 * preparation opens the report and its flow; a submitted report cannot be rebuilt until returned,
 * and an accepted one never.
 */
export async function prepareReport(tx: Db, actor: Actor, input: { kindCode: string; regionCode: string; period: string }, at: Date): Promise<ReportDetailView> {
  const kind = kindOrFail(input.kindCode);
  const period = periodOrFail(kind, input.period);
  checkTownship(actor, input.regionCode);
  if (!kind.preparerRoles.some((r) => actor.roles.includes(r))) fail("FORBIDDEN", `您的角色不能编制${kind.name}。`);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`report:${input.regionCode}:${kind.code}:${period.code}`}))`);
  const [existing] = await tx
    .select()
    .from(reportInstance)
    .where(and(eq(reportInstance.regionCode, input.regionCode), eq(reportInstance.kindCode, kind.code), eq(reportInstance.period, period.code)))
    .for("update");
  if (existing && existing.status !== "prepared") {
    fail("REPORT_LOCKED", existing.status === "accepted" ? `${period.label}${kind.name}已审核锁定，不能重新编制。` : `${period.label}${kind.name}已上报，待区财政局审核；退回后才能重新编制。`);
  }
  const content = await kind.build(tx, { regionCode: input.regionCode, period, at });
  const problems: StoredProblem[] = kind.check(content).map((p: ReportProblem) => ({ level: p.level, code: p.code, message: p.message }));
  const id = existing?.id ?? uuidv7(at.getTime());
  const version = (existing?.version ?? 0) + 1;
  if (!existing) {
    const deadlineAt = await reportDeadline(tx, kind, input.regionCode, period);
    await tx.insert(reportInstance).values({ regionCode: input.regionCode, id, kindCode: kind.code, period: period.code, status: "prepared", version, content, problems, deadlineAt, flowInstanceId: null, preparedBy: actor.userId, preparedAt: at, returnCount: 0, createdAt: at });
    const [place] = await tx.select({ name: region.name }).from(region).where(eq(region.regionCode, input.regionCode));
    const flow = await startFlow(tx, actor, { flowCode: reportFlowCode(kind.code), regionCode: input.regionCode, entityId: id, title: `${place?.name ?? input.regionCode} ${period.label}${kind.name}` }, at);
    await tx.update(reportInstance).set({ flowInstanceId: flow.id }).where(and(eq(reportInstance.regionCode, input.regionCode), eq(reportInstance.id, id)));
  } else {
    await tx.update(reportInstance).set({ version, content, problems, preparedBy: actor.userId, preparedAt: at }).where(and(eq(reportInstance.regionCode, input.regionCode), eq(reportInstance.id, id)));
  }
  const contentHash = sm3Hex(canonicalJson(content));
  await tx.insert(reportVersion).values({ regionCode: input.regionCode, reportId: id, version, content, contentHash, problems, builtBy: actor.userId, builtByName: actor.displayName, builtAt: at });
  await recordAudit(tx, { regionCode: input.regionCode, actor: who(actor), action: "report.prepared", entityType: "report", entityId: id, after: { kind: kind.code, period: period.code, version, contentHash, errors: errorsOf(problems).length, warnings: warningsOf(problems).length } }, at);
  return getReport(tx, actor, id, at);
}

async function reportInScope(db: Db, actor: Actor, id: string): Promise<ReportRow> {
  const [row] = await db.select().from(reportInstance).where(and(eq(reportInstance.id, id), scopeCondition(reportInstance.regionCode, actor.scopePrefix)));
  if (!row) return fail("OUT_OF_SCOPE", "报表不存在或不在您的数据范围内。");
  return row;
}

/** Submits the version the person looked at (a newer preparation in between is STALE). */
export async function submitReport(tx: Db, actor: Actor, id: string, input: { version: number; note?: string | undefined }, at: Date): Promise<ReportDetailView> {
  const row = await reportInScope(tx, actor, id);
  if (row.status !== "prepared") fail("INVALID_TRANSITION", row.status === "accepted" ? "报表已审核锁定。" : "报表已上报，待审核。");
  if (row.version !== input.version) fail("STALE", `报表已重新编制为第 ${row.version} 版，请查看后再上报。`);
  invariant(row.flowInstanceId, "a prepared report has its flow");
  await transition(tx, actor, { instanceId: row.flowInstanceId, action: "submit", note: input.note, expectedState: "prepared" }, at);
  return getReport(tx, actor, id, at);
}

/** The district's review: accept (locked from then on) or return with comments. */
export async function reviewReport(tx: Db, actor: Actor, id: string, input: { action: "accept" | "return"; note?: string | undefined }, at: Date): Promise<ReportDetailView> {
  const row = await reportInScope(tx, actor, id);
  if (row.status !== "submitted") fail("INVALID_TRANSITION", row.status === "accepted" ? "报表已审核锁定。" : "报表尚未上报。");
  invariant(row.flowInstanceId, "a submitted report has its flow");
  await transition(tx, actor, { instanceId: row.flowInstanceId, action: input.action, note: input.note, expectedState: "submitted" }, at);
  return getReport(tx, actor, id, at);
}

// ---------------------------------------------------------------- reading

interface Joined {
  r: ReportRow;
  regionName: string | null;
  stepDeadlineAt: Date | null;
  lastAction: string | null;
  preparedByName: string | null;
  submittedByName: string | null;
  reviewedByName: string | null;
}

const preparedBy = sql<string | null>`(select u.display_name from app_user u where u.id = ${reportInstance.preparedBy})`;
const submittedBy = sql<string | null>`(select u.display_name from app_user u where u.id = ${reportInstance.submittedBy})`;
const reviewedBy = sql<string | null>`(select u.display_name from app_user u where u.id = ${reportInstance.reviewedBy})`;
const lastAction = sql<string | null>`(select e.action from flow_event e where e.region_code = ${reportInstance.regionCode} and e.instance_id = ${reportInstance.flowInstanceId} order by e.seq desc limit 1)`;

function reportQuery(db: Db) {
  return db
    .select({ r: reportInstance, regionName: region.name, stepDeadlineAt: flowInstance.deadlineAt, lastAction, preparedByName: preparedBy, submittedByName: submittedBy, reviewedByName: reviewedBy })
    .from(reportInstance)
    .leftJoin(region, eq(region.regionCode, reportInstance.regionCode))
    .leftJoin(flowInstance, and(eq(flowInstance.regionCode, reportInstance.regionCode), eq(flowInstance.id, reportInstance.flowInstanceId)));
}

function stateOf(j: Joined) {
  return { status: j.r.status, returnCount: j.r.returnCount, returned: j.r.status === "prepared" && j.lastAction === "return", deadlineAt: j.r.deadlineAt, stepDeadlineAt: j.stepDeadlineAt, submittedAt: j.r.submittedAt };
}

function actionsOf(kind: ReportKind, row: ReportRow, actor: Actor): ReportView["actions"] {
  const prepares = kind.preparerRoles.some((r) => actor.roles.includes(r));
  const reviews = kind.reviewerRoles.some((r) => actor.roles.includes(r));
  if (row.status === "prepared" && prepares) return ["prepare", "submit"];
  if (row.status === "submitted" && reviews) return ["accept", "return"];
  return [];
}

function periodLabel(kind: ReportKind, code: string): string {
  const parsed = parsePeriod(code, kind.periodicity);
  return parsed.ok ? parsed.period.label : code;
}

function viewReport(j: Joined, actor: Actor, now: Date): ReportView {
  const kind = reportKindOf(j.r.kindCode);
  invariant(kind, `report kind ${j.r.kindCode} is registered`);
  const state = readReportState(stateOf(j), j.r.deadlineAt, now);
  const summary = kind.summary(j.r.content);
  return {
    id: j.r.id,
    regionCode: j.r.regionCode,
    regionName: j.regionName ?? j.r.regionCode,
    kind: kind.code,
    kindName: kind.name,
    period: j.r.period,
    periodLabel: periodLabel(kind, j.r.period),
    status: j.r.status,
    displayStatus: state.displayStatus,
    statusName: reportStatusLabels[state.displayStatus],
    version: j.r.version,
    content: j.r.content,
    problems: j.r.problems,
    deadlineAt: j.r.deadlineAt.toISOString(),
    stepDeadlineAt: j.r.status === "accepted" ? null : (j.stepDeadlineAt?.toISOString() ?? null),
    overdue: state.overdue,
    late: state.late,
    flowInstanceId: j.r.flowInstanceId,
    preparedByName: j.preparedByName ?? "",
    preparedAt: j.r.preparedAt.toISOString(),
    submittedByName: j.submittedByName,
    submittedAt: j.r.submittedAt?.toISOString() ?? null,
    reviewedByName: j.reviewedByName,
    reviewedAt: j.r.reviewedAt?.toISOString() ?? null,
    returnNote: j.r.returnNote,
    returnCount: j.r.returnCount,
    summary: summary.figures,
    colour: summary.colour ?? null,
    actions: actionsOf(kind, j.r, actor),
  };
}

export async function getReport(db: Db, actor: Actor, id: string, now: Date): Promise<ReportDetailView> {
  const [j] = await reportQuery(db).where(and(eq(reportInstance.id, id), scopeCondition(reportInstance.regionCode, actor.scopePrefix)));
  if (!j) return fail("OUT_OF_SCOPE", "报表不存在或不在您的数据范围内。");
  const versions = await db.select().from(reportVersion).where(and(eq(reportVersion.regionCode, j.r.regionCode), eq(reportVersion.reportId, id))).orderBy(desc(reportVersion.version));
  const events = j.r.flowInstanceId
    ? await db.select().from(flowEvent).where(and(eq(flowEvent.regionCode, j.r.regionCode), eq(flowEvent.instanceId, j.r.flowInstanceId))).orderBy(asc(flowEvent.seq))
    : [];
  const labels: Record<string, string> = { start: "开始编制", submit: "上报", accept: "审核通过并锁定", return: "退回修改", handover: "转交" };
  return {
    ...viewReport(j, actor, now),
    versions: versions.map((v) => ({ version: v.version, contentHash: v.contentHash, builtByName: v.builtByName, builtAt: v.builtAt.toISOString(), problems: v.problems, content: v.content })),
    history: events.map((e) => ({ at: e.at.toISOString(), actorName: e.actorName, actionLabel: labels[e.action] ?? e.action, note: e.note })),
  };
}

export interface ReportFilter {
  kind?: string | undefined;
  period?: string | undefined;
  regionCode?: string | undefined;
  status?: "prepared" | "submitted" | "accepted" | undefined;
}

export async function listReports(db: Db, actor: Actor, filter: ReportFilter, page: { limit: number; offset: number }, now: Date): Promise<{ items: ReportView[]; total: number }> {
  const conditions: SQL[] = [scopeCondition(reportInstance.regionCode, actor.scopePrefix)];
  if (filter.kind) conditions.push(eq(reportInstance.kindCode, filter.kind));
  if (filter.period) conditions.push(eq(reportInstance.period, filter.period));
  if (filter.regionCode) conditions.push(eq(reportInstance.regionCode, filter.regionCode));
  if (filter.status) conditions.push(eq(reportInstance.status, filter.status));
  // Kinds no longer registered (a retired report) are not listed: they cannot be read without their kind.
  const known = registeredReportKinds().map((k) => k.code);
  if (known.length === 0) return { items: [], total: 0 };
  conditions.push(inArray(reportInstance.kindCode, known));
  const where = and(...conditions);
  const found = await reportQuery(db).where(where).orderBy(desc(reportInstance.period), asc(reportInstance.regionCode)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(reportInstance).where(where);
  return { items: found.map((j) => viewReport(j, actor, now)), total: count?.n ?? 0 };
}

/**
 * The district's one page for a kind and period: every township in the actor's scope with its
 * status, deadline, overdue and late marks and its summary figures, ranked when the kind ranks, and
 * the consolidated total of the reports received (submitted or accepted).
 */
export async function reportStatus(db: Db, actor: Actor, input: { kindCode: string; period: string }, now: Date): Promise<ReportStatusView> {
  const kind = kindOrFail(input.kindCode);
  const period = periodOrFail(kind, input.period);
  const townships = await db
    .select({ regionCode: region.regionCode, name: region.name })
    .from(region)
    .where(and(eq(region.level, "township"), scopeCondition(region.regionCode, actor.scopePrefix)))
    .orderBy(asc(region.regionCode));
  const found = await reportQuery(db).where(and(eq(reportInstance.kindCode, kind.code), eq(reportInstance.period, period.code), scopeCondition(reportInstance.regionCode, actor.scopePrefix)));
  const byRegion = new Map(found.map((j) => [j.r.regionCode, j]));
  const districtDeadline = await reportDeadline(db, kind, `${actor.scopePrefix.slice(0, 6)}000`, period);
  const rows: ReportStatusRow[] = [];
  for (const t of townships) {
    const j = byRegion.get(t.regionCode);
    const deadlineAt = j?.r.deadlineAt ?? (await reportDeadline(db, kind, t.regionCode, period));
    const state = readReportState(j ? stateOf(j) : null, deadlineAt, now);
    const summary = j ? kind.summary(j.r.content) : null;
    rows.push({
      regionCode: t.regionCode,
      regionName: t.name,
      reportId: j?.r.id ?? null,
      displayStatus: state.displayStatus,
      statusName: reportStatusLabels[state.displayStatus],
      deadlineAt: deadlineAt.toISOString(),
      overdue: state.overdue,
      late: state.late,
      submittedAt: j?.r.submittedAt?.toISOString() ?? null,
      version: j?.r.version ?? null,
      summary: summary?.figures ?? {},
      rankValue: kind.rank ? (summary?.rankValue ?? null) : null,
      colour: summary?.colour ?? null,
      rank: null,
    });
  }
  if (kind.rank) {
    const ranks = rankBy(rows.map((r) => r.rankValue), kind.rank.direction);
    rows.forEach((r, i) => (r.rank = ranks[i] ?? null));
    rows.sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || a.regionCode.localeCompare(b.regionCode));
  }
  const counts = { notStarted: 0, prepared: 0, returned: 0, submitted: 0, accepted: 0, overdue: 0, late: 0, total: rows.length } satisfies ReportStatusView["counts"];
  for (const r of rows) {
    counts[r.displayStatus as ReportDisplayStatus]++;
    if (r.overdue) counts.overdue++;
    if (r.late) counts.late++;
  }
  const received = found.filter((j) => j.r.status !== "prepared");
  let consolidated: ReportStatusView["consolidated"] = null;
  if (received.length) {
    const content = kind.consolidate(received.map((j) => ({ regionCode: j.r.regionCode, regionName: j.regionName ?? j.r.regionCode, content: j.r.content })));
    const summary = kind.summary(content);
    consolidated = { content, summary: summary.figures, colour: summary.colour ?? null };
  }
  return { kind: viewKind(kind), period: period.code, periodLabel: period.label, deadlineAt: districtDeadline.toISOString(), rows, counts, consolidated, consolidatedCount: received.length };
}

/** The accepted reports of a kind and period in the actor's scope, for a domain that builds on them (the final accounts' consolidation). */
export async function acceptedContents(db: Db, actor: Actor, input: { kindCode: string; period: string }): Promise<{ regionCode: string; content: ReportContent; version: number }[]> {
  const found = await db
    .select({ regionCode: reportInstance.regionCode, content: reportInstance.content, version: reportInstance.version })
    .from(reportInstance)
    .where(and(eq(reportInstance.kindCode, input.kindCode), eq(reportInstance.period, input.period), eq(reportInstance.status, "accepted"), scopeCondition(reportInstance.regionCode, actor.scopePrefix)))
    .orderBy(asc(reportInstance.regionCode));
  return found;
}

