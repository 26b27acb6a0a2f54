// Refund after paid (支付后退款): money a payee sends back after the bank paid it (an overpayment, a
// cancelled contract) returns to the indicator, in part or in full: paid goes down and available up,
// so issued = reserved + paid + available still holds. The paid payment itself stays as it was (paid
// rows are final); each refund is its own row, budget's refund move on the indicator (with its event),
// an audit record, and an outbox event `treasury.paymentRefunded` for the ledger's red-letter voucher,
// all in one transaction.
import { and, asc, eq, sql } from "drizzle-orm";
import { formatYuan } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { defineErrorCodes } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { scopeCondition } from "../platform/scope.ts";
import { publish } from "../platform/outbox.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { appUser } from "../identity/index.ts";
import { isYearClosed, refundToIndicator, spendingOfIndicator } from "../budget/index.ts";
import { chinaDate } from "./rules.ts";
import { paymentRefund, paymentRequest } from "./tables.ts";
import { paymentRefundedTopic } from "./events.ts";
import { getPayment, paymentEventPayload, returnQuota } from "./service.ts";
import type { RefundView } from "@xiangcai/shared";
export type { RefundView };

export const fail = defineErrorCodes({
  REFUND_NOT_PAID: 409,
  REFUND_EXCEEDED: 409,
  YEAR_CLOSED: 409,
  INDICATOR_CLOSED: 409,
});

export interface RefundInput {
  amountFen: bigint;
  reason: string;
  documentNo: string;
}

/** What may still be refunded of a paid payment: its amount less the refunds so far. */
export function refundableFen(paidFen: bigint, refundedFen: bigint): bigint {
  return paidFen - refundedFen;
}

/** Why a refund of `amountFen` is refused, or null: the rule the service and its property test share. */
export function refundRefusal(status: string, paidFen: bigint, refundedFen: bigint, amountFen: bigint): "AMOUNT_INVALID" | "REFUND_NOT_PAID" | "REFUND_EXCEEDED" | null {
  if (amountFen <= 0n) return "AMOUNT_INVALID";
  if (status !== "paid") return "REFUND_NOT_PAID";
  if (amountFen > refundableFen(paidFen, refundedFen)) return "REFUND_EXCEEDED";
  return null;
}

export async function refundPayment(tx: Db, actor: Actor, paymentId: string, input: RefundInput, at: Date): Promise<RefundView> {
  const reason = input.reason.trim();
  const documentNo = input.documentNo.trim();
  const [p] = await tx
    .select()
    .from(paymentRequest)
    .where(and(eq(paymentRequest.id, paymentId), scopeCondition(paymentRequest.regionCode, actor.scopePrefix)))
    .for("update");
  if (!p) return fail("OUT_OF_SCOPE", "支付申请不存在或不在您的数据范围内。");
  if (reason.length < 2) fail("VALIDATION_FAILED", "请填写退款原因。", [{ path: "reason", message: "至少2个字" }]);
  if (!documentNo) fail("VALIDATION_FAILED", "请填写退款凭证号。", [{ path: "documentNo", message: "必填" }]);
  const [sum] = await tx.select({ fen: sql<string>`coalesce(sum(${paymentRefund.amountFen}), 0)::text` }).from(paymentRefund).where(and(eq(paymentRefund.regionCode, p.regionCode), eq(paymentRefund.paymentId, p.id)));
  const refundedFen = BigInt(sum?.fen ?? "0");
  const refusal = refundRefusal(p.status, p.amountFen, refundedFen, input.amountFen);
  if (refusal === "AMOUNT_INVALID") fail("VALIDATION_FAILED", "退款金额须大于零。", [{ path: "amount", message: "金额须大于零" }]);
  if (refusal === "REFUND_NOT_PAID") fail("REFUND_NOT_PAID", `支付申请 ${p.paymentNo} 尚未支付（${p.status === "returned" ? "已退票" : "未到已支付状态"}），不能办理支付后退款。`);
  if (refusal === "REFUND_EXCEEDED") {
    fail("REFUND_EXCEEDED", `退款金额 ${formatYuan(input.amountFen, { thousands: true })} 元超过可退金额 ${formatYuan(refundableFen(p.amountFen, refundedFen), { thousands: true })} 元（已支付 ${formatYuan(p.amountFen, { thousands: true })} 元，已退 ${formatYuan(refundedFen, { thousands: true })} 元）。`, [{ path: "amount", message: "超过可退金额" }]);
  }
  if (await isYearClosed(tx, p.regionCode, p.fiscalYear)) fail("YEAR_CLOSED", `${p.fiscalYear} 年度已结账，不能再办理该年度支付的退款。`);

  const id = uuidv7(at.getTime());
  // The money goes back to the indicator's available: budget's refund move, like reserve and settle.
  const indicator = await refundToIndicator(tx, actor, { regionCode: p.regionCode, indicatorId: p.indicatorId, amountFen: input.amountFen, document: documentNo, note: reason, sourceType: "treasury.refund", sourceId: id }, at);
  // Money refunded to a unit's zero-balance account may be spent again within the month's quota it used.
  await returnQuota(tx, p, at, input.amountFen);
  await tx.insert(paymentRefund).values({ regionCode: p.regionCode, id, paymentId: p.id, amountFen: input.amountFen, reason, documentNo, refundedBy: actor.userId, refundedAt: at });
  await publish(
    tx,
    paymentRefundedTopic,
    { regionCode: p.regionCode, payload: { ...paymentEventPayload(p, indicator, at, await spendingOfIndicator(tx, indicator)), amount: formatYuan(input.amountFen), refundId: id, reason, refundedAt: chinaDate(at) } },
    at,
  );
  await recordAudit(
    tx,
    { regionCode: p.regionCode, actor: { id: actor.userId, name: actor.displayName }, action: "payment.refunded", entityType: "paymentRequest", entityId: p.id, before: { refunded: formatYuan(refundedFen) }, after: { refundId: id, amount: formatYuan(input.amountFen), refunded: formatYuan(refundedFen + input.amountFen), reason, documentNo } },
    at,
  );
  return { id, paymentId: p.id, amount: formatYuan(input.amountFen), reason, documentNo, refundedByName: actor.displayName, refundedAt: at.toISOString() };
}

export async function listRefunds(db: Db, actor: Actor, paymentId: string): Promise<RefundView[]> {
  await getPayment(db, actor, paymentId);
  const found = await db
    .select({ r: paymentRefund, name: appUser.displayName })
    .from(paymentRefund)
    .leftJoin(appUser, eq(appUser.id, paymentRefund.refundedBy))
    .where(and(eq(paymentRefund.paymentId, paymentId), scopeCondition(paymentRefund.regionCode, actor.scopePrefix)))
    .orderBy(asc(paymentRefund.refundedAt));
  return found.map(({ r, name }) => ({ id: r.id, paymentId: r.paymentId, amount: formatYuan(r.amountFen), reason: r.reason, documentNo: r.documentNo, refundedByName: name ?? "", refundedAt: r.refundedAt.toISOString() }));
}
