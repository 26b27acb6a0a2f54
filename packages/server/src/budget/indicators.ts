// Indicators (预算指标) and the two-phase money on them (ARCHITECTURE.md decision 5): every change is
// one conditional UPDATE of the indicator's running balance, which the database refuses to let go
// negative or out of balance, plus an append-only event with the amounts after the change.
import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { formatYuan, scopeCovers } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { defineErrorCodes, invariant } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { containsPattern, scopeCondition } from "../platform/scope.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { budgetUnit } from "../org/index.ts";
import { lookupClassification } from "../catalog/index.ts";
import { publish } from "../platform/outbox.ts";
import { chinaDate } from "../platform/workingDays.ts";
import { upperTransferRecordedTopic } from "./events.ts";
import { deltaOf, executionRate, RESERVE_FUND_FUNCTIONAL_CLASS, reservationOpenFen, reserveFundFirst, type IndicatorMove } from "./rules.ts";
import {
  budgetIndicator,
  budgetRound,
  congressResolution,
  fiscalYearStatus,
  indicatorEvent,
  indicatorReservation,
  type FundNature,
  type IndicatorEventKind,
  type IndicatorSource,
  type PaymentMethod,
} from "./tables.ts";
import type { IndicatorView, IndicatorEventView } from "@xiangcai/shared";
export type { IndicatorView, IndicatorEventView };

export const fail = defineErrorCodes({
  INSUFFICIENT_AVAILABLE: 409,
  YEAR_CLOSED: 409,
  INDICATOR_CLOSED: 409,
  BUDGET_NOT_APPROVED: 409,
  RESOLUTION_REQUIRED: 409,
  RESERVATION_EXCEEDED: 409,
  PAYMENTS_IN_FLIGHT: 409,
  UNKNOWN_CLASSIFICATION: 400,
  LINE_NOT_EDITABLE: 409,
  LINE_ALREADY_REVIEWED: 409,
  PROJECT_NOT_PASSED: 409,
  RESERVE_FUND_FIRST: 409,
  REFUND_EXCEEDED: 409,
  BUDGET_UNBALANCED: 409,
});

type IndicatorRow = typeof budgetIndicator.$inferSelect;

export interface ChangeContext {
  kind: IndicatorEventKind;
  actor: { id: string | null; name: string };
  document?: string | null | undefined;
  note?: string | null | undefined;
  refType?: string | null | undefined;
  refId?: string | null | undefined;
  /** Refuse when the indicator is not active (closed year, balance): true for reserving and issuing. */
  requireActive: boolean;
  at: Date;
}

/**
 * Applies a move to an indicator in one statement. The WHERE clause is the guard: under any number
 * of concurrent transactions the row lock makes each see the amounts the previous one left, and the
 * CHECK constraints refuse anything the guard missed.
 */
export async function applyIndicatorMove(tx: Db, regionCode: string, indicatorId: string, move: IndicatorMove, context: ChangeContext): Promise<IndicatorRow> {
  const d = deltaOf(move);
  const at = context.at;
  const t = budgetIndicator;
  const conditions: SQL[] = [
    eq(t.regionCode, regionCode),
    eq(t.id, indicatorId),
    sql`${t.availableFen} + ${d.availableFen}::bigint >= 0`,
    sql`${t.reservedFen} + ${d.reservedFen}::bigint >= 0`,
    sql`${t.paidFen} + ${d.paidFen}::bigint >= 0`,
    sql`${t.issuedFen} + ${d.issuedFen}::bigint >= 0`,
  ];
  if (context.requireActive) conditions.push(eq(t.status, "active"));
  const [row] = await tx
    .update(t)
    .set({
      issuedFen: sql`${t.issuedFen} + ${d.issuedFen}::bigint`,
      reservedFen: sql`${t.reservedFen} + ${d.reservedFen}::bigint`,
      paidFen: sql`${t.paidFen} + ${d.paidFen}::bigint`,
      availableFen: sql`${t.availableFen} + ${d.availableFen}::bigint`,
      updatedAt: at,
    })
    .where(and(...conditions))
    .returning();
  if (!row) {
    const [current] = await tx.select().from(t).where(and(eq(t.regionCode, regionCode), eq(t.id, indicatorId)));
    if (!current) return fail("OUT_OF_SCOPE", "预算指标不存在或不在您的数据范围内。");
    if (context.requireActive && current.status !== "active") {
      const [year] = await tx.select().from(fiscalYearStatus).where(and(eq(fiscalYearStatus.regionCode, regionCode), eq(fiscalYearStatus.fiscalYear, current.fiscalYear)));
      if (year?.status === "closed") return fail("YEAR_CLOSED", `${current.fiscalYear} 年度已结账，该指标不能再使用。`);
      return fail("INDICATOR_CLOSED", current.status === "balance" ? "该指标已转为结余，不能再使用。" : "该指标已关闭，不能再使用。");
    }
    if (current.availableFen + d.availableFen < 0n) {
      return fail("INSUFFICIENT_AVAILABLE", `指标可用额度不足：可用 ${formatYuan(current.availableFen, { thousands: true })} 元，本次需要 ${formatYuan(-d.availableFen, { thousands: true })} 元。`);
    }
    if (current.paidFen + d.paidFen < 0n) {
      return fail("REFUND_EXCEEDED", `退回金额 ${formatYuan(-d.paidFen, { thousands: true })} 元超过该指标已支付的 ${formatYuan(current.paidFen, { thousands: true })} 元。`);
    }
    invariant(false, `indicator move ${move.kind} refused for a reason the guard does not name`);
  }
  invariant(row.reservedFen + row.paidFen + row.availableFen === row.issuedFen, "indicator stays balanced");
  await tx.insert(indicatorEvent).values({
    regionCode,
    indicatorId,
    seq: sql`(select coalesce(max(seq), 0) + 1 from indicator_event where region_code = ${regionCode} and indicator_id = ${indicatorId})` as unknown as number,
    at,
    kind: context.kind,
    amountFen: move.amountFen,
    issuedAfterFen: row.issuedFen,
    reservedAfterFen: row.reservedFen,
    paidAfterFen: row.paidFen,
    availableAfterFen: row.availableFen,
    document: context.document ?? null,
    note: context.note ?? null,
    refType: context.refType ?? null,
    refId: context.refId ?? null,
    actorId: context.actor.id,
    actorName: context.actor.name,
  });
  return row;
}

const who = (actor: Actor) => ({ id: actor.userId, name: actor.displayName });

function assertInScope(actor: Actor, regionCode: string): void {
  if (!scopeCovers(actor.scopePrefix, regionCode)) fail("OUT_OF_SCOPE", "预算指标不存在或不在您的数据范围内。");
}

function assertPositive(amountFen: bigint, path = "amount"): void {
  if (amountFen <= 0n) fail("VALIDATION_FAILED", "金额须大于零。", [{ path, message: "金额须大于零" }]);
}

// ---------------------------------------------------------------- two-phase money (used by treasury and subsidy)

/** Reserves money on an indicator for a payment under way. Fails INSUFFICIENT_AVAILABLE when available < amount. */
export async function reserveOnIndicator(
  tx: Db,
  actor: Actor,
  input: { regionCode: string; indicatorId: string; amountFen: bigint; sourceType: string; sourceId: string },
  at: Date,
): Promise<{ reservationId: string }> {
  assertInScope(actor, input.regionCode);
  assertPositive(input.amountFen);
  const reservationId = uuidv7(at.getTime());
  await applyIndicatorMove(tx, input.regionCode, input.indicatorId, { kind: "reserve", amountFen: input.amountFen }, {
    kind: "reserved",
    actor: who(actor),
    refType: input.sourceType,
    refId: input.sourceId,
    requireActive: true,
    at,
  });
  await tx.insert(indicatorReservation).values({
    regionCode: input.regionCode,
    id: reservationId,
    indicatorId: input.indicatorId,
    sourceType: input.sourceType,
    sourceId: input.sourceId,
    amountFen: input.amountFen,
    settledFen: 0n,
    releasedFen: 0n,
    createdBy: actor.userId,
    createdAt: at,
    updatedAt: at,
  });
  await recordAudit(tx, { regionCode: input.regionCode, actor: who(actor), action: "indicator.reserved", entityType: "indicator", entityId: input.indicatorId, after: { reservationId, amount: formatYuan(input.amountFen), sourceType: input.sourceType, sourceId: input.sourceId } }, at);
  return { reservationId };
}

async function lockReservation(tx: Db, actor: Actor, regionCode: string, reservationId: string) {
  assertInScope(actor, regionCode);
  const [r] = await tx
    .select()
    .from(indicatorReservation)
    .where(and(eq(indicatorReservation.regionCode, regionCode), eq(indicatorReservation.id, reservationId)))
    .for("update");
  if (!r) return fail("NOT_FOUND", "占用记录不存在。");
  return r;
}

async function finishReservation(tx: Db, actor: Actor, input: { regionCode: string; reservationId: string; amountFen: bigint }, how: "settle" | "release", at: Date): Promise<void> {
  assertPositive(input.amountFen);
  const r = await lockReservation(tx, actor, input.regionCode, input.reservationId);
  const open = reservationOpenFen(r);
  if (input.amountFen > open) {
    fail("RESERVATION_EXCEEDED", `本次${how === "settle" ? "支付" : "释放"} ${formatYuan(input.amountFen)} 元超过占用余额 ${formatYuan(open)} 元。`);
  }
  await tx
    .update(indicatorReservation)
    .set(how === "settle" ? { settledFen: r.settledFen + input.amountFen, updatedAt: at } : { releasedFen: r.releasedFen + input.amountFen, updatedAt: at })
    .where(and(eq(indicatorReservation.regionCode, input.regionCode), eq(indicatorReservation.id, input.reservationId)));
  await applyIndicatorMove(tx, input.regionCode, r.indicatorId, { kind: how, amountFen: input.amountFen }, {
    kind: how === "settle" ? "settled" : "released",
    actor: who(actor),
    refType: r.sourceType,
    refId: r.sourceId,
    requireActive: false,
    at,
  });
  await recordAudit(tx, { regionCode: input.regionCode, actor: who(actor), action: how === "settle" ? "indicator.settled" : "indicator.released", entityType: "indicator", entityId: r.indicatorId, after: { reservationId: r.id, amount: formatYuan(input.amountFen) } }, at);
}

/** Turns part or all of a reservation into paid. */
export function settleReservation(tx: Db, actor: Actor, input: { regionCode: string; reservationId: string; amountFen: bigint }, at: Date): Promise<void> {
  return finishReservation(tx, actor, input, "settle", at);
}

/** Gives part or all of a reservation back to available. */
export function releaseReservation(tx: Db, actor: Actor, input: { regionCode: string; reservationId: string; amountFen: bigint }, at: Date): Promise<void> {
  return finishReservation(tx, actor, input, "release", at);
}

/**
 * Money a payee sent back after it was paid (支付后退款) returns to the indicator it was paid from:
 * paid goes down and available up by the amount, on an active indicator only (a closed or balance
 * indicator takes no money back). The caller (treasury) has checked the payment may be refunded.
 * Returns the indicator as it stands after the refund.
 */
export async function refundToIndicator(
  tx: Db,
  actor: Actor,
  input: { regionCode: string; indicatorId: string; amountFen: bigint; document: string; note: string; sourceType: string; sourceId: string },
  at: Date,
): Promise<IndicatorRow> {
  assertInScope(actor, input.regionCode);
  assertPositive(input.amountFen);
  const row = await applyIndicatorMove(tx, input.regionCode, input.indicatorId, { kind: "refund", amountFen: input.amountFen }, {
    kind: "refunded",
    actor: who(actor),
    document: input.document,
    note: input.note,
    refType: input.sourceType,
    refId: input.sourceId,
    requireActive: true,
    at,
  });
  await recordAudit(tx, { regionCode: input.regionCode, actor: who(actor), action: "indicator.refunded", entityType: "indicator", entityId: input.indicatorId, after: { amount: formatYuan(input.amountFen), sourceType: input.sourceType, sourceId: input.sourceId } }, at);
  return row;
}

export interface Availability {
  issuedFen: bigint;
  reservedFen: bigint;
  paidFen: bigint;
  availableFen: bigint;
}

export async function indicatorAvailability(db: Db, regionCode: string, indicatorId: string): Promise<Availability> {
  const [row] = await db
    .select({ issuedFen: budgetIndicator.issuedFen, reservedFen: budgetIndicator.reservedFen, paidFen: budgetIndicator.paidFen, availableFen: budgetIndicator.availableFen })
    .from(budgetIndicator)
    .where(and(eq(budgetIndicator.regionCode, regionCode), eq(budgetIndicator.id, indicatorId)));
  if (!row) return fail("NOT_FOUND", "预算指标不存在。");
  return row;
}

// ---------------------------------------------------------------- issuing and changing indicators

export async function isYearClosed(db: Db, regionCode: string, fiscalYear: number): Promise<boolean> {
  const [year] = await db.select().from(fiscalYearStatus).where(and(eq(fiscalYearStatus.regionCode, regionCode), eq(fiscalYearStatus.fiscalYear, fiscalYear)));
  return year?.status === "closed";
}

export interface IssueIndicatorInput {
  regionCode: string;
  fiscalYear: number;
  documentNo: string;
  source: Exclude<IndicatorSource, "carryOver">;
  budgetUnitId: string;
  functionalCode: string;
  economicCode: string;
  fundNature: FundNature;
  paymentMethod: PaymentMethod;
  summary: string;
  amountFen: bigint;
  budgetLineId?: string | null | undefined;
}

/** Issues an indicator: from the congress-approved budget, or from an upper-level transfer document. */
export async function issueIndicator(tx: Db, actor: Actor, input: IssueIndicatorInput, at: Date): Promise<IndicatorRow> {
  assertInScope(actor, input.regionCode);
  assertPositive(input.amountFen);
  if (await isYearClosed(tx, input.regionCode, input.fiscalYear)) fail("YEAR_CLOSED", `${input.fiscalYear} 年度已结账，不能再下达指标。`);
  if (input.source === "approvedBudget") {
    const [round] = await tx.select().from(budgetRound).where(and(eq(budgetRound.regionCode, input.regionCode), eq(budgetRound.fiscalYear, input.fiscalYear)));
    if (round?.status !== "approved") fail("BUDGET_NOT_APPROVED", `${input.fiscalYear} 年度预算尚未经乡镇人民代表大会批准，不能按预算下达指标。`);
  }
  const [unit] = await tx.select().from(budgetUnit).where(and(eq(budgetUnit.regionCode, input.regionCode), eq(budgetUnit.id, input.budgetUnitId)));
  if (unit?.status !== "active") fail("VALIDATION_FAILED", "预算单位不存在或尚未登记生效。", [{ path: "budgetUnitId", message: "请选择已登记的预算单位" }]);
  await assertClassified(tx, input.regionCode, input.fiscalYear, input.functionalCode, input.economicCode);
  const id = uuidv7(at.getTime());
  await tx.insert(budgetIndicator).values({
    regionCode: input.regionCode,
    id,
    fiscalYear: input.fiscalYear,
    originYear: input.fiscalYear,
    documentNo: input.documentNo,
    source: input.source,
    originSource: input.source,
    budgetUnitId: input.budgetUnitId,
    functionalCode: input.functionalCode,
    economicCode: input.economicCode,
    fundNature: input.fundNature,
    paymentMethod: input.paymentMethod,
    summary: input.summary,
    issuedFen: 0n,
    reservedFen: 0n,
    paidFen: 0n,
    availableFen: 0n,
    status: "active",
    carriedFromId: null,
    budgetLineId: input.budgetLineId ?? null,
    createdBy: actor.userId,
    createdAt: at,
    updatedAt: at,
  });
  const row = await applyIndicatorMove(tx, input.regionCode, id, { kind: "changeIssued", amountFen: input.amountFen }, { kind: "issued", actor: who(actor), document: input.documentNo, requireActive: true, at });
  await recordAudit(tx, { regionCode: input.regionCode, actor: who(actor), action: "indicator.issued", entityType: "indicator", entityId: id, after: { documentNo: input.documentNo, source: input.source, amount: formatYuan(input.amountFen), functionalCode: input.functionalCode, economicCode: input.economicCode } }, at);
  if (input.source === "upperTransfer") {
    // The money of a transfer from above is the township's 补助收入: the fiscal general ledger posts it.
    await publish(tx, upperTransferRecordedTopic, {
      regionCode: input.regionCode,
      payload: { indicatorId: id, regionCode: input.regionCode, fiscalYear: input.fiscalYear, documentNo: input.documentNo, fundNature: input.fundNature, functionalCode: input.functionalCode, amount: formatYuan(input.amountFen), summary: input.summary, recordedOn: chinaDate(at) },
    }, at);
  }
  return row;
}

export async function assertClassified(db: Db, regionCode: string, fiscalYear: number, functionalCode: string, economicCode: string): Promise<void> {
  if (!(await lookupClassification(db, regionCode, fiscalYear, "functional", functionalCode))) {
    fail("UNKNOWN_CLASSIFICATION", `功能分类科目 ${functionalCode} 不在 ${fiscalYear} 年度科目表中。`, [{ path: "functionalCode", message: "科目不存在" }]);
  }
  if (!(await lookupClassification(db, regionCode, fiscalYear, "economic", economicCode))) {
    fail("UNKNOWN_CLASSIFICATION", `经济分类科目 ${economicCode} 不在 ${fiscalYear} 年度科目表中。`, [{ path: "economicCode", message: "科目不存在" }]);
  }
}

/** Records a congress resolution (budget approval, or approval of an adjustment plan). */
export async function recordResolution(
  tx: Db,
  actor: Actor,
  input: { regionCode: string; kind: "budgetApproval" | "budgetAdjustment"; fiscalYear: number; session: string; resolutionNo: string; resolvedOn: string; approvedTotalFen?: bigint | null; adjustmentKind?: "totalChange" | "stabilisationFund" | "priorityCut" | "borrowing" | null; note?: string | null },
  at: Date,
): Promise<typeof congressResolution.$inferSelect> {
  assertInScope(actor, input.regionCode);
  const [dup] = await tx.select({ id: congressResolution.id }).from(congressResolution).where(and(eq(congressResolution.regionCode, input.regionCode), eq(congressResolution.resolutionNo, input.resolutionNo)));
  if (dup) fail("DUPLICATE", `决议文号 ${input.resolutionNo} 已登记。`, [{ path: "resolutionNo", message: "文号已登记" }]);
  if (input.kind === "budgetAdjustment" && !input.adjustmentKind) fail("VALIDATION_FAILED", "预算调整决议须注明调整类型。", [{ path: "adjustmentKind", message: "请选择调整类型" }]);
  if (input.kind === "budgetApproval" && input.approvedTotalFen == null) fail("VALIDATION_FAILED", "预算批准决议须填写批准的支出总额。", [{ path: "approvedTotal", message: "请填写批准总额" }]);
  const row = {
    regionCode: input.regionCode,
    id: uuidv7(at.getTime()),
    kind: input.kind,
    fiscalYear: input.fiscalYear,
    session: input.session,
    resolutionNo: input.resolutionNo,
    resolvedOn: input.resolvedOn,
    approvedTotalFen: input.approvedTotalFen ?? null,
    adjustmentKind: input.kind === "budgetAdjustment" ? (input.adjustmentKind ?? null) : null,
    note: input.note ?? null,
    recordedBy: actor.userId,
    recordedAt: at,
  };
  await tx.insert(congressResolution).values(row);
  await recordAudit(tx, { regionCode: input.regionCode, actor: who(actor), action: "congress.resolutionRecorded", entityType: "congressResolution", entityId: row.id, after: { ...row, approvedTotalFen: row.approvedTotalFen === null ? null : formatYuan(row.approvedTotalFen) } }, at);
  return row;
}

/** What the township's active reserve-fund indicators (functional class 227) of a year still have available. */
export async function reserveFundAvailable(db: Db, regionCode: string, fiscalYear: number): Promise<bigint> {
  const [sum] = await db
    .select({ fen: sql<string>`coalesce(sum(${budgetIndicator.availableFen}), 0)::text` })
    .from(budgetIndicator)
    .where(and(eq(budgetIndicator.regionCode, regionCode), eq(budgetIndicator.fiscalYear, fiscalYear), eq(budgetIndicator.status, "active"), sql`${budgetIndicator.functionalCode} like ${`${RESERVE_FUND_FUNCTIONAL_CLASS}%`}`));
  return BigInt(sum?.fen ?? "0");
}

/**
 * 预算调整: changes an indicator's issued amount under a recorded congress resolution on an adjustment.
 * One made for an emergency (`emergency`) that adds expenditure waits until the reserve fund is used up.
 */
export async function adjustIndicator(
  tx: Db,
  actor: Actor,
  input: { regionCode: string; indicatorId: string; deltaFen: bigint; resolutionId: string; note: string; emergency?: boolean | undefined },
  at: Date,
): Promise<IndicatorRow> {
  assertInScope(actor, input.regionCode);
  if (input.deltaFen === 0n) fail("VALIDATION_FAILED", "调整金额不能为零。", [{ path: "delta", message: "调整金额不能为零" }]);
  const [resolution] = await tx.select().from(congressResolution).where(and(eq(congressResolution.regionCode, input.regionCode), eq(congressResolution.id, input.resolutionId)));
  const [indicator] = await tx.select().from(budgetIndicator).where(and(eq(budgetIndicator.regionCode, input.regionCode), eq(budgetIndicator.id, input.indicatorId)));
  if (!indicator) return fail("OUT_OF_SCOPE", "预算指标不存在或不在您的数据范围内。");
  if (!resolution || resolution.kind !== "budgetAdjustment" || resolution.fiscalYear !== indicator.fiscalYear) {
    fail("RESOLUTION_REQUIRED", "预算调整须有乡镇人民代表大会批准该年度调整方案的决议，请先登记决议。", [{ path: "resolutionId", message: "请选择已登记的预算调整决议" }]);
  }
  const emergency = input.emergency === true;
  if (emergency && input.deltaFen > 0n) {
    const reserve = reserveFundFirst({ emergency, deltaFen: input.deltaFen, reserveAvailableFen: await reserveFundAvailable(tx, input.regionCode, indicator.fiscalYear) });
    if (!reserve.ok) {
      fail(
        "RESERVE_FUND_FIRST",
        `应急支出须先动用预备费：本乡镇 ${indicator.fiscalYear} 年度预备费指标（功能分类 227）尚有可用 ${formatYuan(reserve.reserveAvailableFen, { thousands: true })} 元，请先通过指标调剂从预备费调出；预备费用完后，才能以预算调整增加支出。`,
        [{ path: "delta", message: "预备费尚未用完" }],
      );
    }
  }
  const row = await applyIndicatorMove(tx, input.regionCode, input.indicatorId, { kind: "changeIssued", amountFen: input.deltaFen }, {
    kind: "adjusted",
    actor: who(actor),
    document: resolution!.resolutionNo,
    note: emergency ? `【应急】${input.note}` : input.note,
    refType: "congressResolution",
    refId: resolution!.id,
    requireActive: true,
    at,
  });
  await recordAudit(tx, { regionCode: input.regionCode, actor: who(actor), action: "indicator.adjusted", entityType: "indicator", entityId: input.indicatorId, before: { issued: formatYuan(indicator.issuedFen) }, after: { issued: formatYuan(row.issuedFen), resolutionNo: resolution!.resolutionNo, note: input.note, emergency } }, at);
  return row;
}

// ---------------------------------------------------------------- reading

export function viewIndicator(r: IndicatorRow, budgetUnitName: string): IndicatorView {
  return {
    id: r.id,
    regionCode: r.regionCode,
    fiscalYear: r.fiscalYear,
    originYear: r.originYear,
    documentNo: r.documentNo,
    source: r.source,
    originSource: r.originSource,
    budgetUnitId: r.budgetUnitId,
    budgetUnitName,
    functionalCode: r.functionalCode,
    economicCode: r.economicCode,
    fundNature: r.fundNature,
    paymentMethod: r.paymentMethod,
    summary: r.summary,
    issued: formatYuan(r.issuedFen),
    reserved: formatYuan(r.reservedFen),
    paid: formatYuan(r.paidFen),
    available: formatYuan(r.availableFen),
    executionRate: executionRate(r.paidFen, r.issuedFen),
    status: r.status,
    carriedFromId: r.carriedFromId,
    createdAt: r.createdAt.toISOString(),
  };
}

export interface IndicatorFilter {
  regionCode?: string | undefined;
  fiscalYear?: number | undefined;
  budgetUnitId?: string | undefined;
  functionalCode?: string | undefined;
  economicCode?: string | undefined;
  paymentMethod?: PaymentMethod | undefined;
  status?: IndicatorRow["status"] | undefined;
  /** Only indicators with at least this much available (the picker). */
  availableMinFen?: bigint | undefined;
  q?: string | undefined;
}

export async function listIndicators(db: Db, actor: Actor, filter: IndicatorFilter, page: { limit: number; offset: number }): Promise<{ items: IndicatorView[]; total: number }> {
  const t = budgetIndicator;
  const conditions: SQL[] = [scopeCondition(t.regionCode, actor.scopePrefix)];
  if (filter.regionCode) conditions.push(eq(t.regionCode, filter.regionCode));
  if (filter.fiscalYear) conditions.push(eq(t.fiscalYear, filter.fiscalYear));
  if (filter.budgetUnitId) conditions.push(eq(t.budgetUnitId, filter.budgetUnitId));
  if (filter.functionalCode) conditions.push(sql`${t.functionalCode} like ${`${filter.functionalCode}%`}`);
  if (filter.economicCode) conditions.push(sql`${t.economicCode} like ${`${filter.economicCode}%`}`);
  if (filter.paymentMethod) conditions.push(eq(t.paymentMethod, filter.paymentMethod));
  if (filter.status) conditions.push(eq(t.status, filter.status));
  if (filter.availableMinFen !== undefined) conditions.push(sql`${t.availableFen} >= ${filter.availableMinFen}::bigint`);
  if (filter.q) conditions.push(or(ilike(t.summary, containsPattern(filter.q)), ilike(t.documentNo, containsPattern(filter.q)), ilike(budgetUnit.name, containsPattern(filter.q)))!);
  const where = and(...conditions);
  const found = await db
    .select({ i: t, unitName: budgetUnit.name })
    .from(t)
    .leftJoin(budgetUnit, and(eq(budgetUnit.regionCode, t.regionCode), eq(budgetUnit.id, t.budgetUnitId)))
    .where(where)
    .orderBy(desc(t.fiscalYear), asc(t.regionCode), asc(t.functionalCode), asc(t.createdAt), asc(t.id))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await db
    .select({ n: sql<bigint>`count(*)` })
    .from(t)
    .leftJoin(budgetUnit, and(eq(budgetUnit.regionCode, t.regionCode), eq(budgetUnit.id, t.budgetUnitId)))
    .where(where);
  return { items: found.map((f) => viewIndicator(f.i, f.unitName ?? "")), total: Number(count?.n ?? 0n) };
}

export async function getIndicator(db: Db, actor: Actor, id: string): Promise<IndicatorView & { history: IndicatorEventView[] }> {
  const [found] = await db
    .select({ i: budgetIndicator, unitName: budgetUnit.name })
    .from(budgetIndicator)
    .leftJoin(budgetUnit, and(eq(budgetUnit.regionCode, budgetIndicator.regionCode), eq(budgetUnit.id, budgetIndicator.budgetUnitId)))
    .where(and(eq(budgetIndicator.id, id), scopeCondition(budgetIndicator.regionCode, actor.scopePrefix)));
  if (!found) return fail("OUT_OF_SCOPE", "预算指标不存在或不在您的数据范围内。");
  const events = await db
    .select()
    .from(indicatorEvent)
    .where(and(eq(indicatorEvent.regionCode, found.i.regionCode), eq(indicatorEvent.indicatorId, id)))
    .orderBy(asc(indicatorEvent.seq));
  return { ...viewIndicator(found.i, found.unitName ?? ""), history: events.map(viewEvent) };
}

function viewEvent(e: typeof indicatorEvent.$inferSelect): IndicatorEventView {
  return {
    seq: e.seq,
    at: e.at.toISOString(),
    kind: e.kind,
    amount: formatYuan(e.amountFen),
    issuedAfter: formatYuan(e.issuedAfterFen),
    reservedAfter: formatYuan(e.reservedAfterFen),
    paidAfter: formatYuan(e.paidAfterFen),
    availableAfter: formatYuan(e.availableAfterFen),
    document: e.document,
    note: e.note,
    refType: e.refType,
    refId: e.refId,
    actorName: e.actorName,
  };
}
