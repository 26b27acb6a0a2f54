// The service hall (服务大厅, 一站式服务): a resident's matter is accepted by the first staff member
// asked, who owns it (首问负责) and promises an answer within its category's time limit (限时办结),
// printed on the acceptance slip (受理回执). The owner answers it (答复办结), or reports it to the
// district first (审核上报) when the township cannot answer alone; the district replies and the
// owner answers. The steps run on the flow engine: the to-do, deadlines, overdue escalation and
// hand-over on the record come from there. Satisfaction is recorded at the answer or on follow-up.
import { and, desc, eq, gte, ilike, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { MATTER_ANSWER_MAX, maskResidentId, matterCategories, matterCategoryNames, scopeCovers, type AcceptMatterBody, type AcceptanceSlipView, type MatterCategory, type MatterChannel, type MatterStatus, type Satisfaction, type ServiceMatterView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { defineErrorCodes, invariant } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { containsPattern, scopeCondition } from "../platform/scope.ts";
import { region } from "../platform/regionTable.ts";
import { defineSetting, readSetting } from "../platform/settings.ts";
import { encryptPersonal, residentIdBlindIndex, type DataKeys } from "../platform/crypto.ts";
import { addWorkingDays, chinaDayStart, chinaYear } from "../platform/workingDays.ts";
import { recordAudit } from "../audit/index.ts";
import { appUser, type Actor, type RoleCode } from "../identity/index.ts";
import { flowInstance, startFlow, transition, workCalendar, type FlowDefinition, type TransitionContext } from "../flow/index.ts";
import { serviceMatter } from "./tables.ts";
import { answeredOnTime, checkApplicant, maskPhone, MATTER_SEQ_MAX, matterNoOf, matterSeqOf, parseTimeLimits, timeLimitOf, DEFAULT_TIME_LIMITS } from "./rules.ts";

export const fail = defineErrorCodes({ MATTER_NOT_OPEN: 409, MATTER_FOLLOWED_UP: 409 });

export const SERVICE_MATTER_FLOW = "serviceMatter";

/** Who works at the window: every member of the township finance office. */
export const HALL_STAFF: readonly RoleCode[] = ["townshipDirector", "generalBudgetAccountant", "unitAccountant", "subsidyClerk", "cashier", "archivist"];

export const timeLimitsSetting = defineSetting<Partial<Record<MatterCategory, number>>>({
  key: "hall.timeLimits",
  name: "服务大厅办结时限（工作日）",
  description: "服务大厅各类事项自受理之日起的办结时限，印在受理回执上（限时办结）；未设置的类别用默认时限。",
  kind: "integerMap",
  form: () => ({ unit: "个工作日", rows: matterCategories.map((c) => ({ key: c, label: matterCategoryNames[c], fallback: DEFAULT_TIME_LIMITS[c] })) }),
  levels: ["district", "township"],
  parse: parseTimeLimits,
  fallback: {},
});

/**
 * The matter's steps. The first deadline is the promised one (set when the matter is accepted);
 * after the district's reply the owner has two more working days to answer.
 */
export const serviceMatterFlow: FlowDefinition = {
  code: SERVICE_MATTER_FLOW,
  name: "服务大厅事项",
  entityType: "serviceMatter",
  initialState: "handling",
  states: {
    // The owner's step (首问负责): a colleague or the director takes a matter over by hand-over.
    handling: { name: "办理中", roles: HALL_STAFF, deadlineWorkingDays: 2, ownerOnly: true },
    reported: { name: "已上报区财政局", roles: ["districtSupervisor"], deadlineWorkingDays: 5 },
    answered: { name: "已答复办结", roles: [], final: true },
  },
  transitions: [
    { from: "handling", action: "answer", label: "答复办结", to: "answered", noteRequired: true },
    { from: "handling", action: "report", label: "上报区财政局", to: "reported", noteRequired: true },
    { from: "reported", action: "reply", label: "区财政局答复", to: "handling", noteRequired: true },
  ],
  onTransition: matterTransition,
};

async function matterTransition(tx: Db, ctx: TransitionContext): Promise<void> {
  const [row] = await tx.select().from(serviceMatter).where(and(eq(serviceMatter.regionCode, ctx.regionCode), eq(serviceMatter.id, ctx.entityId))).for("update");
  invariant(row, "a service matter's flow has its matter");
  const note = ctx.note ?? "";
  invariant(note, "the hall's transitions require a note");
  if (ctx.action === "answer" && note.length < 2) fail("VALIDATION_FAILED", "请填写答复内容（至少2个字）。", [{ path: "answer", message: "请填写答复内容" }]);
  // Both ways in bound the note (the answer route at MATTER_ANSWER_MAX, the flow route lower).
  const text = note.slice(0, MATTER_ANSWER_MAX);
  const set: Partial<typeof serviceMatter.$inferSelect> =
    ctx.action === "answer"
      ? { status: "answered", answer: text, answeredAt: ctx.at, answeredBy: ctx.actor.userId, answeredByName: ctx.actor.displayName }
      : ctx.action === "report"
        ? { status: "reported", reportNote: text }
        : { status: "handling", districtReply: text };
  await tx.update(serviceMatter).set(set).where(and(eq(serviceMatter.regionCode, row.regionCode), eq(serviceMatter.id, row.id)));
  await recordAudit(tx, { regionCode: row.regionCode, actor: { id: ctx.actor.userId, name: ctx.actor.displayName }, action: `hall.${ctx.action}`, entityType: "serviceMatter", entityId: row.id, before: { status: row.status }, after: { status: set.status, note } }, ctx.at);
}

// ---------------------------------------------------------------- accepting

/** The next 受理编号 of the township's year, under a lock so two windows never share one. */
async function nextMatterNo(tx: Db, regionCode: string, year: number): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`serviceMatterNo:${regionCode}`}))`);
  const prefix = matterNoOf(year, regionCode, 1).slice(0, -5);
  const [last] = await tx.select({ no: serviceMatter.matterNo }).from(serviceMatter).where(and(eq(serviceMatter.regionCode, regionCode), sql`${serviceMatter.matterNo} like ${`${prefix}%`}`)).orderBy(desc(serviceMatter.matterNo)).limit(1);
  const seq = last ? matterSeqOf(last.no) + 1 : 1;
  if (seq > MATTER_SEQ_MAX) fail("VALIDATION_FAILED", "本年度受理编号已用完。");
  return matterNoOf(year, regionCode, seq);
}

/** The township a matter is accepted at: a township of the actor's scope, never the district itself. */
export async function assertTownship(db: Db, actor: Actor, regionCode: string): Promise<void> {
  if (!scopeCovers(actor.scopePrefix, regionCode)) fail("OUT_OF_SCOPE", "该乡镇不在您的数据范围内。");
  const [found] = await db.select({ level: region.level }).from(region).where(eq(region.regionCode, regionCode));
  if (found?.level !== "township") fail("VALIDATION_FAILED", "事项须在乡镇（街道）财政所受理。", [{ path: "regionCode", message: "请选择乡镇" }]);
}

/** The villages of a township by code, for the form's check and the sheet's names. */
export async function villagesOf(db: Db, townshipCode: string): Promise<{ code: string; name: string }[]> {
  return db.select({ code: region.regionCode, name: region.name }).from(region).where(and(eq(region.parentCode, townshipCode), eq(region.level, "village"))).orderBy(region.regionCode);
}

export interface AcceptOptions {
  /** The villages of the township, when the caller already read them (a sheet of many rows). */
  villages?: readonly { code: string; name: string }[];
  /** Shown as the acceptor in the audit log's detail (imported from a village's sheet). */
  via?: string;
}

/** Accepts a matter: checks it, numbers it, seals the applicant's ID and phone, and starts its flow. */
export async function acceptMatter(tx: Db, actor: Actor, keys: DataKeys, body: AcceptMatterBody, at: Date, options: AcceptOptions = {}): Promise<ServiceMatterView> {
  await assertTownship(tx, actor, body.regionCode);
  const applicant = checkApplicant(body, at);
  const problems = [...applicant.problems];
  const villageCode = body.villageCode ?? null;
  if (villageCode) {
    const villages = options.villages ?? (await villagesOf(tx, body.regionCode));
    if (!villages.some((v) => v.code === villageCode)) problems.push({ path: "villageCode", message: "村（社区）不属于该乡镇" });
  }
  if (body.channel === "village" && !villageCode) problems.push({ path: "villageCode", message: "村（社区）代办的事项须选择村（社区）" });
  if (problems.length) fail("VALIDATION_FAILED", problems.map((p) => p.message).join("；"), problems);
  const days = timeLimitOf(await readSetting(tx, body.regionCode, timeLimitsSetting), body.category);
  const promisedBy = addWorkingDays(at, days, await workCalendar(tx, body.regionCode));
  const matterNo = await nextMatterNo(tx, body.regionCode, chinaYear(at));
  const id = uuidv7(at.getTime());
  const instance = await startFlow(tx, actor, { flowCode: SERVICE_MATTER_FLOW, regionCode: body.regionCode, entityId: id, title: `${matterNo} ${matterCategoryNames[body.category]}：${body.applicantName}`, deadlineAt: promisedBy }, at);
  const row: typeof serviceMatter.$inferSelect = {
    regionCode: body.regionCode,
    id,
    matterNo,
    category: body.category,
    channel: body.channel,
    villageCode,
    applicantName: body.applicantName,
    applicantIdSealed: applicant.idNumber ? encryptPersonal(keys, applicant.idNumber) : null,
    applicantIdIndex: applicant.idNumber ? residentIdBlindIndex(keys, applicant.idNumber) : null,
    applicantIdMasked: applicant.idNumber ? maskResidentId(applicant.idNumber) : null,
    applicantPhoneSealed: applicant.phone ? encryptPersonal(keys, applicant.phone) : null,
    applicantPhoneMasked: applicant.phone ? maskPhone(applicant.phone) : null,
    content: body.content,
    status: "handling",
    timeLimitDays: days,
    promisedBy,
    acceptedAt: at,
    acceptedBy: actor.userId,
    acceptedByName: actor.displayName,
    reportNote: null,
    districtReply: null,
    answer: null,
    answeredAt: null,
    answeredBy: null,
    answeredByName: null,
    satisfaction: null,
    followUpNote: null,
    flowInstanceId: instance.id,
  };
  await tx.insert(serviceMatter).values(row);
  await recordAudit(tx, { regionCode: row.regionCode, actor: { id: actor.userId, name: actor.displayName }, action: "hall.accepted", entityType: "serviceMatter", entityId: id, after: { matterNo, category: row.category, channel: row.channel, villageCode, timeLimitDays: days, promisedBy, ...(options.via ? { via: options.via } : {}) } }, at);
  return getMatter(tx, actor, id, at);
}

// ---------------------------------------------------------------- answering

async function matterRow(db: Db, actor: Actor, id: string, lock = false): Promise<typeof serviceMatter.$inferSelect> {
  const query = db.select().from(serviceMatter).where(and(eq(serviceMatter.id, id), scopeCondition(serviceMatter.regionCode, actor.scopePrefix)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) return fail("OUT_OF_SCOPE", "事项不存在或不在您的数据范围内。");
  return row;
}

/** 答复办结: the owner's answer (the flow refuses anyone else) closes the matter; the resident's satisfaction may be noted at once. */
export async function answerMatter(tx: Db, actor: Actor, id: string, input: { answer: string; satisfaction?: Satisfaction | undefined }, at: Date): Promise<ServiceMatterView> {
  const row = await matterRow(tx, actor, id, true);
  if (row.status !== "handling") fail("MATTER_NOT_OPEN", row.status === "answered" ? "该事项已答复办结。" : "该事项已上报区财政局，须待区财政局答复后再答复办结。");
  await transition(tx, actor, { instanceId: row.flowInstanceId, action: "answer", note: input.answer, expectedState: "handling" }, at);
  if (input.satisfaction) await tx.update(serviceMatter).set({ satisfaction: input.satisfaction }).where(and(eq(serviceMatter.regionCode, row.regionCode), eq(serviceMatter.id, row.id)));
  return getMatter(tx, actor, id, at);
}

/** 回访: the resident's satisfaction with an answered matter, recorded once. */
export async function followUpMatter(tx: Db, actor: Actor, id: string, input: { satisfaction: Satisfaction; note?: string | undefined }, at: Date): Promise<ServiceMatterView> {
  const row = await matterRow(tx, actor, id, true);
  if (row.status !== "answered") fail("MATTER_NOT_OPEN", "事项答复办结后才能回访。");
  if (row.satisfaction) fail("MATTER_FOLLOWED_UP", "该事项已记录满意度。");
  const note = input.note?.trim() || null;
  await tx.update(serviceMatter).set({ satisfaction: input.satisfaction, followUpNote: note }).where(and(eq(serviceMatter.regionCode, row.regionCode), eq(serviceMatter.id, row.id)));
  await recordAudit(tx, { regionCode: row.regionCode, actor: { id: actor.userId, name: actor.displayName }, action: "hall.followedUp", entityType: "serviceMatter", entityId: row.id, after: { satisfaction: input.satisfaction, note } }, at);
  return getMatter(tx, actor, id, at);
}

// ---------------------------------------------------------------- reading

const village = alias(region, "village");
const owner = alias(appUser, "owner");

function matterQuery(db: Db) {
  return db
    .select({ m: serviceMatter, regionName: region.name, villageName: village.name, ownerName: owner.displayName, deadlineAt: flowInstance.deadlineAt, closedAt: flowInstance.closedAt })
    .from(serviceMatter)
    .leftJoin(region, eq(region.regionCode, serviceMatter.regionCode))
    .leftJoin(village, eq(village.regionCode, serviceMatter.villageCode))
    .innerJoin(flowInstance, and(eq(flowInstance.regionCode, serviceMatter.regionCode), eq(flowInstance.id, serviceMatter.flowInstanceId)))
    .leftJoin(owner, eq(owner.id, flowInstance.ownerId));
}

type MatterRow = Awaited<ReturnType<ReturnType<typeof matterQuery>["where"]>>[number];

function viewOf(r: MatterRow, now: Date): ServiceMatterView {
  const m = r.m;
  return {
    id: m.id,
    regionCode: m.regionCode,
    regionName: r.regionName ?? m.regionCode,
    matterNo: m.matterNo,
    category: m.category,
    channel: m.channel,
    villageCode: m.villageCode,
    villageName: r.villageName ?? null,
    applicantName: m.applicantName,
    applicantIdMasked: m.applicantIdMasked,
    applicantPhoneMasked: m.applicantPhoneMasked,
    content: m.content,
    status: m.status,
    acceptedAt: m.acceptedAt.toISOString(),
    acceptedByName: m.acceptedByName,
    ownerName: r.ownerName ?? "",
    promisedBy: m.promisedBy.toISOString(),
    deadlineAt: r.closedAt ? null : (r.deadlineAt?.toISOString() ?? null),
    overdue: !r.closedAt && r.deadlineAt !== null && r.deadlineAt < now,
    answer: m.answer,
    answeredAt: m.answeredAt?.toISOString() ?? null,
    answeredByName: m.answeredByName,
    onTime: m.answeredAt ? answeredOnTime(m.answeredAt, m.promisedBy) : null,
    satisfaction: m.satisfaction,
    followUpNote: m.followUpNote,
    reportNote: m.reportNote,
    districtReply: m.districtReply,
    flowInstanceId: m.flowInstanceId,
  };
}

/** One matter of the actor's scope, as read for its view. */
async function matterOf(db: Db, actor: Actor, id: string): Promise<MatterRow> {
  const [row] = await matterQuery(db).where(and(eq(serviceMatter.id, id), scopeCondition(serviceMatter.regionCode, actor.scopePrefix)));
  if (!row) return fail("OUT_OF_SCOPE", "事项不存在或不在您的数据范围内。");
  return row;
}

export async function getMatter(db: Db, actor: Actor, id: string, now: Date): Promise<ServiceMatterView> {
  return viewOf(await matterOf(db, actor, id), now);
}

/** 受理回执: the matter with the office's name and the time limit promised. */
export async function acceptanceSlip(db: Db, actor: Actor, id: string, now: Date): Promise<AcceptanceSlipView> {
  const row = await matterOf(db, actor, id);
  const matter = viewOf(row, now);
  return { matter, officeName: `${matter.regionName}财政所`, timeLimitWorkingDays: row.m.timeLimitDays };
}

export interface MatterFilter {
  regionCode?: string | undefined;
  q?: string | undefined;
  idNumber?: string | undefined;
  category?: MatterCategory | undefined;
  channel?: MatterChannel | undefined;
  status?: MatterStatus | undefined;
  villageCode?: string | undefined;
  overdue?: boolean | undefined;
  acceptedFrom?: string | undefined;
  acceptedTo?: string | undefined;
}

/** The matters of the actor's scope, newest first, by the list's filters. */
export async function listMatters(db: Db, actor: Actor, keys: DataKeys, filter: MatterFilter, page: { limit: number; offset: number }, now: Date): Promise<{ items: ServiceMatterView[]; total: number }> {
  const m = serviceMatter;
  const where: SQL[] = [scopeCondition(m.regionCode, actor.scopePrefix)];
  if (filter.regionCode) where.push(scopeCondition(m.regionCode, filter.regionCode));
  if (filter.q) {
    const p = containsPattern(filter.q);
    where.push(or(ilike(m.matterNo, p), ilike(m.applicantName, p), ilike(m.content, p))!);
  }
  if (filter.idNumber) {
    const id = checkApplicant({ applicantIdNumber: filter.idNumber }, now);
    if (!id.idNumber) fail("VALIDATION_FAILED", "请输入完整、正确的18位身份证号。", [{ path: "idNumber", message: "身份证号不正确" }]);
    where.push(eq(m.applicantIdIndex, residentIdBlindIndex(keys, id.idNumber!)));
  }
  if (filter.category) where.push(eq(m.category, filter.category));
  if (filter.channel) where.push(eq(m.channel, filter.channel));
  if (filter.status) where.push(eq(m.status, filter.status));
  if (filter.villageCode) where.push(eq(m.villageCode, filter.villageCode));
  if (filter.acceptedFrom) where.push(gte(m.acceptedAt, chinaDayStart(filter.acceptedFrom)));
  if (filter.acceptedTo) where.push(lt(m.acceptedAt, new Date(chinaDayStart(filter.acceptedTo).getTime() + 86_400_000)));
  if (filter.overdue !== undefined) {
    const late = and(isNull(flowInstance.closedAt), lt(flowInstance.deadlineAt, now))!;
    where.push(filter.overdue ? late : sql`not coalesce(${late}, false)`);
  }
  const condition = and(...where)!;
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(m).innerJoin(flowInstance, and(eq(flowInstance.regionCode, m.regionCode), eq(flowInstance.id, m.flowInstanceId))).where(condition);
  const rows = await matterQuery(db).where(condition).orderBy(desc(m.acceptedAt), desc(m.matterNo)).limit(page.limit).offset(page.offset);
  return { items: rows.map((r) => viewOf(r, now)), total: count?.n ?? 0 };
}
