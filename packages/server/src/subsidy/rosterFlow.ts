// A roster's flow (village → township → public notice → district → payment → closed), its effects on
// the roster and the indicator at each step, the public notice and the objections raised during it.
import { and, asc, eq, sql } from "drizzle-orm";
import { formatYuan } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { invariant } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { scopeCondition } from "../platform/scope.ts";
import { recordAudit } from "../audit/index.ts";
import { publish } from "../platform/outbox.ts";
import type { Actor } from "../identity/index.ts";
import { region } from "../platform/regionTable.ts";
import { flowInstance, getTask, transition, type FlowDefinition, type TaskDetail } from "../flow/index.ts";
import { releaseReservation, reserveOnIndicator } from "../budget/index.ts";
import { chinaDate, noticeEndsOn, noticeOver } from "./rules.ts";
import { noticeDays } from "./settings.ts";
import { subsidyLinePayment, subsidyObjection, subsidyRoster, subsidyRosterLine, type RosterStatus } from "./tables.ts";
import { ROSTER_FLOW, fail, onTownship, who } from "./common.ts";
import { paymentFacts } from "./rosterLines.ts";
import { rosterSubmittedTopic } from "./events.ts";
import { getRoster, lockRoster, refreshRosterTotals } from "./rosters.ts";
import { rosterFarmlandWarnings } from "./farmland.ts";
import type { NoticeView, ObjectionView } from "@xiangcai/shared";
export type { NoticeView, ObjectionView };

/** The roster's flow matter, with the moves the user may make now. */
export async function rosterTask(db: Db, actor: Actor, rosterId: string, now: Date): Promise<TaskDetail> {
  const roster = await getRoster(db, actor, rosterId);
  invariant(roster.flowInstanceId, "a roster has its flow");
  return getTask(db, onTownship(actor, roster.regionCode), roster.flowInstanceId, now);
}

/** Moves a roster along its flow (the engine checks the role, the state and separation of duties). */
export async function moveRoster(tx: Db, actor: Actor, rosterId: string, input: { action: string; note?: string | undefined; expectedState: string }, at: Date): Promise<void> {
  const roster = await lockRoster(tx, actor, rosterId);
  invariant(roster.flowInstanceId, "a roster has its flow");
  await transition(tx, onTownship(actor, roster.regionCode), { instanceId: roster.flowInstanceId, ...input }, at);
}

async function paidTotal(db: Db, regionCode: string, rosterId: string): Promise<bigint> {
  const [row] = await db
    .select({ total: sql<string | null>`sum(${subsidyLinePayment.amountFen})` })
    .from(subsidyLinePayment)
    .where(and(eq(subsidyLinePayment.regionCode, regionCode), eq(subsidyLinePayment.rosterId, rosterId)));
  return BigInt(row?.total ?? 0);
}

export const rosterFlow: FlowDefinition = {
  code: ROSTER_FLOW,
  name: "惠农补贴清册",
  entityType: "subsidyRoster",
  initialState: "draft",
  states: {
    draft: { name: "村级录入", roles: ["villageReviewer", "subsidyClerk"], deadlineWorkingDays: 10 },
    villageReview: { name: "村级审核", roles: ["villageReviewer", "subsidyClerk"], deadlineWorkingDays: 3 },
    townshipReview: { name: "乡镇审核", roles: ["subsidyClerk", "townshipDirector"], deadlineWorkingDays: 5 },
    notice: { name: "公示中", roles: ["subsidyClerk"], deadlineWorkingDays: 30 },
    districtReview: { name: "区财政审核", roles: ["districtSupervisor"], deadlineWorkingDays: 5 },
    payment: { name: "发放中", roles: ["cashier", "subsidyClerk"], deadlineWorkingDays: 30 },
    closed: { name: "已办结", roles: [], final: true },
    rejected: { name: "不予发放", roles: [], final: true },
  },
  transitions: [
    { from: "draft", action: "submit", label: "提交村级审核", to: "villageReview" },
    { from: "villageReview", action: "villageApprove", label: "村级审核通过", to: "townshipReview" },
    { from: "villageReview", action: "villageReturn", label: "退回修改", to: "draft", noteRequired: true },
    { from: "townshipReview", action: "townshipApprove", label: "乡镇审核通过，进入公示", to: "notice", separateFromCreator: true },
    { from: "townshipReview", action: "townshipReturn", label: "退回村级修改", to: "draft", noteRequired: true },
    { from: "townshipReview", action: "townshipReject", label: "不予发放", to: "rejected", noteRequired: true, separateFromCreator: true },
    { from: "notice", action: "endNotice", label: "公示期满，报区财政审核", to: "districtReview" },
    { from: "districtReview", action: "districtApprove", label: "区财政审核通过（占用指标）", to: "payment", separateFromCreator: true },
    { from: "districtReview", action: "districtReturn", label: "退回乡镇", to: "townshipReview", noteRequired: true },
    { from: "districtReview", action: "districtReject", label: "不予发放", to: "rejected", noteRequired: true, separateFromCreator: true },
    { from: "payment", action: "close", label: "发放办结（释放余额）", to: "closed" },
  ],
  // A roster's matter is held at the township; a village user works on its own village's rosters.
  narrowScope(actor) {
    if (actor.scopePrefix.length !== 12) return null;
    const township = actor.scopePrefix.slice(0, 9);
    return and(
      eq(flowInstance.regionCode, township),
      sql`${flowInstance.entityId} in (select ${subsidyRoster.id}::text from ${subsidyRoster} where ${subsidyRoster.regionCode} = ${township} and ${subsidyRoster.villageCode} = ${actor.scopePrefix})`,
    )!;
  },
  async onTransition(tx, ctx) {
    const regionCode = ctx.regionCode.slice(0, 9);
    const [roster] = await tx.select().from(subsidyRoster).where(and(eq(subsidyRoster.regionCode, regionCode), eq(subsidyRoster.id, ctx.entityId))).for("update");
    invariant(roster, "the flow's roster exists");
    const set: Partial<typeof subsidyRoster.$inferInsert> = { status: ctx.to as RosterStatus, updatedAt: ctx.at };
    const fresh = await refreshRosterTotals(tx, roster, ctx.at);
    if (ctx.from === "draft" && ctx.to === "villageReview") {
      if (fresh.lineCount === 0) fail("NOTHING_TO_PAY", "清册没有任何人员，不能提交。");
      const payload = { rosterId: roster.id, regionCode, villageCode: roster.villageCode, itemCode: roster.itemCode, period: roster.period, lineCount: fresh.lineCount, amount: formatYuan(fresh.totalFen), submittedOn: chinaDate(ctx.at) };
      await publish(tx, rosterSubmittedTopic, { regionCode, payload }, ctx.at);
    }
    if (ctx.from === "townshipReview" && ctx.to === "notice") {
      if (fresh.errorCount > 0) fail("ROSTER_HAS_ERRORS", `清册还有 ${fresh.errorCount} 项错误，须退回村级修改后才能通过。`);
      const unnoted = await tx
        .select({ lineNo: subsidyRosterLine.lineNo })
        .from(subsidyRosterLine)
        .where(
          and(
            eq(subsidyRosterLine.regionCode, regionCode),
            eq(subsidyRosterLine.rosterId, roster.id),
            eq(subsidyRosterLine.withdrawn, false),
            sql`${subsidyRosterLine.findings} @> '[{"severity":"warning"}]'::jsonb`,
            sql`coalesce(trim(${subsidyRosterLine.reviewNote}), '') = ''`,
          ),
        )
        .limit(20);
      if (unnoted.length) fail("REVIEW_NOTE_MISSING", `第 ${unnoted.map((u) => u.lineNo).join("、")} 行有提示项，须填写审核意见后才能通过。`);
      // Areas beyond the registered farmland (基础数据台账) are a warning the reviewer answers in the note.
      const farmland = await rosterFarmlandWarnings(tx, roster);
      if (farmland.length && !ctx.note?.trim()) fail("REVIEW_NOTE_MISSING", `${farmland.map((w) => w.message).join("；")}。请核实后在审核意见中说明，才能通过。`);
      if (farmland.length) await recordAudit(tx, { regionCode, actor: who(ctx.actor), action: "subsidy.farmlandWarningNoted", entityType: "subsidyRoster", entityId: roster.id, after: { warnings: farmland.map((w) => w.message), note: ctx.note } }, ctx.at);
      const startsOn = chinaDate(ctx.at);
      set.noticeStartsOn = startsOn;
      set.noticeEndsOn = noticeEndsOn(startsOn, await noticeDays(tx, roster.villageCode ?? regionCode));
    }
    if (ctx.from === "notice" && ctx.to === "districtReview") {
      invariant(roster.noticeEndsOn, "a roster in notice has its end date");
      if (!noticeOver(roster.noticeEndsOn, chinaDate(ctx.at))) fail("NOTICE_NOT_OVER", `公示期至 ${roster.noticeEndsOn} 止，期满后才能报送。`);
    }
    if (ctx.from === "districtReview" && ctx.to === "payment") {
      if (!roster.indicatorId) fail("INDICATOR_MISSING", "请先为清册指定支出指标（乡镇财政所办理）。");
      if (fresh.totalFen <= 0n) fail("NOTHING_TO_PAY", "清册金额为零，无需发放。");
      const { reservationId } = await reserveOnIndicator(tx, ctx.actor, { regionCode, indicatorId: roster.indicatorId!, amountFen: fresh.totalFen, sourceType: "subsidyRoster", sourceId: roster.id }, ctx.at);
      set.reservationId = reservationId;
    }
    if (ctx.from === "payment" && ctx.to === "closed") {
      const facts = await paymentFacts(tx, regionCode, roster.id, null);
      const lines = await tx.select({ lineNo: subsidyRosterLine.lineNo }).from(subsidyRosterLine).where(and(eq(subsidyRosterLine.regionCode, regionCode), eq(subsidyRosterLine.rosterId, roster.id)));
      if (lines.some((l) => facts(l.lineNo).status === "inBank")) fail("LINES_IN_BANK", "还有已送银行、未回盘的发放记录，不能办结。");
      invariant(roster.reservationId, "a roster in payment has a reservation");
      const remaining = fresh.totalFen - (await paidTotal(tx, regionCode, roster.id));
      if (remaining > 0n) await releaseReservation(tx, ctx.actor, { regionCode, reservationId: roster.reservationId!, amountFen: remaining }, ctx.at);
    }
    await tx.update(subsidyRoster).set(set).where(and(eq(subsidyRoster.regionCode, regionCode), eq(subsidyRoster.id, roster.id)));
    await recordAudit(tx, { regionCode, actor: who(ctx.actor), action: "subsidy.rosterStatusChanged", entityType: "subsidyRoster", entityId: roster.id, before: { status: roster.status }, after: { status: ctx.to, noticeEndsOn: set.noticeEndsOn ?? roster.noticeEndsOn, reservationId: set.reservationId ?? roster.reservationId } }, ctx.at);
  },
};

// ---------------------------------------------------------------- public notice and objections

export async function noticeOf(db: Db, actor: Actor, rosterId: string): Promise<NoticeView> {
  const roster = await getRoster(db, actor, rosterId);
  const lines = await db
    .select()
    .from(subsidyRosterLine)
    .where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, rosterId), eq(subsidyRosterLine.withdrawn, false)))
    .orderBy(asc(subsidyRosterLine.lineNo));
  const [township] = await db.select({ name: region.name }).from(region).where(eq(region.regionCode, roster.regionCode));
  return {
    roster,
    townshipName: township?.name ?? roster.regionCode,
    lines: lines.map((l) => ({ lineNo: l.lineNo, villageName: l.villageName || roster.villageName || "", name: l.name, residentIdMasked: l.residentIdMasked, quantity: l.quantity, amount: formatYuan(l.amountFen) })),
    howToObject: `公示期${roster.noticeStartsOn ? ` ${roster.noticeStartsOn} 至 ${roster.noticeEndsOn}` : ""}。对公示内容有异议的，请在公示期内向村（居）委会或${township?.name ?? ""}财政所实名反映（当面、电话或书面），我们将登记并核实答复。`,
  };
}

export async function listObjections(db: Db, actor: Actor, rosterId: string): Promise<ObjectionView[]> {
  const roster = await getRoster(db, actor, rosterId);
  const found = await db
    .select({ o: subsidyObjection, name: subsidyRosterLine.name })
    .from(subsidyObjection)
    .leftJoin(subsidyRosterLine, and(eq(subsidyRosterLine.regionCode, subsidyObjection.regionCode), eq(subsidyRosterLine.rosterId, subsidyObjection.rosterId), eq(subsidyRosterLine.lineNo, subsidyObjection.lineNo)))
    .where(and(eq(subsidyObjection.regionCode, roster.regionCode), eq(subsidyObjection.rosterId, rosterId)))
    .orderBy(asc(subsidyObjection.raisedAt));
  return found.map(({ o, name }) => ({ id: o.id, rosterId: o.rosterId, lineNo: o.lineNo, name: name ?? "", raisedBy: o.raisedBy, reason: o.reason, raisedAt: o.raisedAt.toISOString(), outcome: o.outcome, outcomeNote: o.outcomeNote, resolvedAt: o.resolvedAt?.toISOString() ?? null }));
}

export async function recordObjection(tx: Db, actor: Actor, rosterId: string, input: { lineNo: number; raisedBy: string; reason: string }, at: Date): Promise<ObjectionView> {
  const roster = await lockRoster(tx, actor, rosterId);
  if (roster.status !== "notice") fail("NOT_EDITABLE", "只能在公示期内登记异议。");
  const [line] = await tx.select().from(subsidyRosterLine).where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, rosterId), eq(subsidyRosterLine.lineNo, input.lineNo)));
  if (!line) return fail("NOT_FOUND", `清册第 ${input.lineNo} 行不存在。`);
  const id = uuidv7(at.getTime());
  await tx.insert(subsidyObjection).values({ regionCode: roster.regionCode, id, rosterId, lineNo: input.lineNo, raisedBy: input.raisedBy, reason: input.reason, raisedAt: at, recordedBy: actor.userId });
  await recordAudit(tx, { regionCode: roster.regionCode, actor: who(actor), action: "subsidy.objectionRecorded", entityType: "subsidyRoster", entityId: rosterId, after: { objectionId: id, lineNo: input.lineNo, raisedBy: input.raisedBy, reason: input.reason } }, at);
  return { id, rosterId, lineNo: input.lineNo, name: line.name, raisedBy: input.raisedBy, reason: input.reason, raisedAt: at.toISOString(), outcome: null, outcomeNote: null, resolvedAt: null };
}

/** Resolves an objection: upheld withdraws the person's entry from payment; dismissed frees it. */
export async function resolveObjection(tx: Db, actor: Actor, objectionId: string, input: { outcome: "upheld" | "dismissed"; note: string }, at: Date): Promise<ObjectionView> {
  const [o] = await tx.select().from(subsidyObjection).where(and(eq(subsidyObjection.id, objectionId), scopeCondition(subsidyObjection.regionCode, actor.scopePrefix.slice(0, 9)))).for("update");
  if (!o) return fail("OUT_OF_SCOPE", "异议不存在或不在您的数据范围内。");
  const roster = await lockRoster(tx, actor, o.rosterId);
  if (o.outcome) fail("NOT_EDITABLE", "该异议已处理。");
  const facts = await paymentFacts(tx, roster.regionCode, roster.id, [o.lineNo]);
  if (input.outcome === "upheld" && facts(o.lineNo).status !== "unpaid") fail("NOT_EDITABLE", "该人员已送银行发放，异议成立请登记追回。");
  await tx.update(subsidyObjection).set({ outcome: input.outcome, outcomeNote: input.note, resolvedBy: actor.userId, resolvedAt: at }).where(and(eq(subsidyObjection.regionCode, o.regionCode), eq(subsidyObjection.id, o.id)));
  if (input.outcome === "upheld") {
    await tx.update(subsidyRosterLine).set({ withdrawn: true }).where(and(eq(subsidyRosterLine.regionCode, o.regionCode), eq(subsidyRosterLine.rosterId, o.rosterId), eq(subsidyRosterLine.lineNo, o.lineNo)));
    const fresh = await refreshRosterTotals(tx, roster, at);
    // A roster already reserved gives the withdrawn amount back to the indicator at once.
    if (roster.reservationId && roster.totalFen > fresh.totalFen) {
      await releaseReservation(tx, actor, { regionCode: roster.regionCode, reservationId: roster.reservationId, amountFen: roster.totalFen - fresh.totalFen }, at);
    }
  }
  await recordAudit(tx, { regionCode: o.regionCode, actor: who(actor), action: "subsidy.objectionResolved", entityType: "subsidyRoster", entityId: o.rosterId, before: { objectionId: o.id, outcome: null }, after: { objectionId: o.id, lineNo: o.lineNo, outcome: input.outcome, note: input.note } }, at);
  const [line] = await tx.select({ name: subsidyRosterLine.name }).from(subsidyRosterLine).where(and(eq(subsidyRosterLine.regionCode, o.regionCode), eq(subsidyRosterLine.rosterId, o.rosterId), eq(subsidyRosterLine.lineNo, o.lineNo)));
  return { id: o.id, rosterId: o.rosterId, lineNo: o.lineNo, name: line?.name ?? "", raisedBy: o.raisedBy, reason: o.reason, raisedAt: o.raisedAt.toISOString(), outcome: input.outcome, outcomeNote: input.note, resolvedAt: at.toISOString() };
}
