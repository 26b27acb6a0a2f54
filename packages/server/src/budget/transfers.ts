// 调剂: moving money between two indicators of a township's year, approved by the township director
// through the flow engine. The amount is reserved on the source while the request waits, so it
// cannot be spent twice; approval moves it, rejection releases it.
import { and, eq } from "drizzle-orm";
import { formatYuan, scopeCovers } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { invariant } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { startFlow, type FlowDefinition } from "../flow/index.ts";
import { applyIndicatorMove, fail, releaseReservation, reserveOnIndicator } from "./indicators.ts";
import { budgetIndicator, budgetTransfer, indicatorReservation } from "./tables.ts";
import type { BudgetTransferView } from "@xiangcai/shared";
export type { BudgetTransferView };

export const BUDGET_TRANSFER_FLOW = "budgetTransfer";

export const budgetTransferFlow: FlowDefinition = {
  code: BUDGET_TRANSFER_FLOW,
  name: "预算调剂",
  entityType: "budgetTransfer",
  initialState: "submitted",
  states: {
    submitted: { name: "待所长审批", roles: ["townshipDirector"], deadlineWorkingDays: 3 },
    approved: { name: "已调剂", roles: [], final: true },
    rejected: { name: "不予调剂", roles: [], final: true },
  },
  transitions: [
    { from: "submitted", action: "approve", label: "批准调剂", to: "approved", separateFromCreator: true },
    { from: "submitted", action: "reject", label: "不予调剂", to: "rejected", noteRequired: true },
  ],
  async onTransition(tx, ctx) {
    const [transfer] = await tx.select().from(budgetTransfer).where(and(eq(budgetTransfer.regionCode, ctx.regionCode), eq(budgetTransfer.id, ctx.entityId))).for("update");
    invariant(transfer && transfer.status === "pending", "a pending transfer behind an open flow");
    const by = { id: ctx.actor.userId, name: ctx.actor.displayName };
    if (ctx.to === "approved") {
      // The reservation is used up by the move itself, not paid out.
      const [r] = await tx.select().from(indicatorReservation).where(and(eq(indicatorReservation.regionCode, ctx.regionCode), eq(indicatorReservation.id, transfer.reservationId))).for("update");
      invariant(r && r.amountFen === transfer.amountFen && r.settledFen === 0n && r.releasedFen === 0n, "the transfer's reservation is whole");
      await tx.update(indicatorReservation).set({ releasedFen: r.amountFen, updatedAt: ctx.at }).where(and(eq(indicatorReservation.regionCode, ctx.regionCode), eq(indicatorReservation.id, r.id)));
      const common = { actor: by, note: transfer.reason, refType: "budgetTransfer", refId: transfer.id, at: ctx.at };
      await applyIndicatorMove(tx, ctx.regionCode, transfer.fromIndicatorId, { kind: "consumeReservedAsIssued", amountFen: transfer.amountFen }, { ...common, kind: "transferredOut", requireActive: false });
      await applyIndicatorMove(tx, ctx.regionCode, transfer.toIndicatorId, { kind: "changeIssued", amountFen: transfer.amountFen }, { ...common, kind: "transferredIn", requireActive: true });
    } else {
      await releaseReservation(tx, ctx.actor, { regionCode: ctx.regionCode, reservationId: transfer.reservationId, amountFen: transfer.amountFen }, ctx.at);
    }
    const status = ctx.to === "approved" ? "approved" : "rejected";
    await tx.update(budgetTransfer).set({ status, decidedAt: ctx.at }).where(and(eq(budgetTransfer.regionCode, ctx.regionCode), eq(budgetTransfer.id, transfer.id)));
    await recordAudit(tx, { regionCode: ctx.regionCode, actor: by, action: `budgetTransfer.${status}`, entityType: "budgetTransfer", entityId: transfer.id, before: { status: "pending" }, after: { status } }, ctx.at);
  },
};

export async function requestTransfer(
  tx: Db,
  actor: Actor,
  input: { fromIndicatorId: string; toIndicatorId: string; amountFen: bigint; reason: string },
  at: Date,
): Promise<BudgetTransferView> {
  if (input.fromIndicatorId === input.toIndicatorId) fail("VALIDATION_FAILED", "调出与调入指标不能相同。", [{ path: "toIndicatorId", message: "请选择另一个指标" }]);
  const [from] = await tx.select().from(budgetIndicator).where(eq(budgetIndicator.id, input.fromIndicatorId));
  const [to] = await tx.select().from(budgetIndicator).where(eq(budgetIndicator.id, input.toIndicatorId));
  if (!from || !scopeCovers(actor.scopePrefix, from.regionCode)) return fail("OUT_OF_SCOPE", "调出指标不存在或不在您的数据范围内。");
  if (!to || to.regionCode !== from.regionCode) return fail("OUT_OF_SCOPE", "调入指标不存在或不属于同一乡镇。");
  if (to.fiscalYear !== from.fiscalYear) fail("VALIDATION_FAILED", "只能在同一年度的指标之间调剂。", [{ path: "toIndicatorId", message: "年度不同" }]);
  if (to.status !== "active") fail("INDICATOR_CLOSED", "调入指标已关闭。");
  const id = uuidv7(at.getTime());
  const { reservationId } = await reserveOnIndicator(tx, actor, { regionCode: from.regionCode, indicatorId: from.id, amountFen: input.amountFen, sourceType: "budget.transfer", sourceId: id }, at);
  await tx.insert(budgetTransfer).values({ regionCode: from.regionCode, id, fromIndicatorId: from.id, toIndicatorId: to.id, amountFen: input.amountFen, reason: input.reason, reservationId, status: "pending", createdBy: actor.userId, createdAt: at, decidedAt: null });
  await recordAudit(tx, { regionCode: from.regionCode, actor: { id: actor.userId, name: actor.displayName }, action: "budgetTransfer.requested", entityType: "budgetTransfer", entityId: id, after: { from: from.id, to: to.id, amount: formatYuan(input.amountFen), reason: input.reason } }, at);
  const instance = await startFlow(tx, actor, { flowCode: BUDGET_TRANSFER_FLOW, regionCode: from.regionCode, entityId: id, title: `预算调剂：${from.summary} → ${to.summary}，${formatYuan(input.amountFen, { thousands: true })} 元` }, at);
  return { id, regionCode: from.regionCode, fromIndicatorId: from.id, toIndicatorId: to.id, amount: formatYuan(input.amountFen), reason: input.reason, status: "pending", flowInstanceId: instance.id, createdAt: at.toISOString() };
}
