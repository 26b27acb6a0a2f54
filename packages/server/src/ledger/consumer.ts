// The ledger's outbox consumer: treasury payments paid, returned and refunded, and subsidy lines paid, post
// their vouchers (docs/events.md) exactly once per event, in the account set of the paying unit.
//
// Which set: a treasury payment goes to the set that names its budget unit (ledger_account_set.
// budget_unit_id); subsidy lines, paid by the township on the government's behalf, go to the
// township's own set — the one set of the region that names no budget unit. An event with no such
// set (or whose month is closed, or whose data the chart refuses) is recorded in
// ledger_skipped_event with the reason, for an accountant to enter by hand: skipped, never lost.
import { and, desc, eq, isNull, like, sql } from "drizzle-orm";
import { formatYuan, parseYuan } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { DomainError } from "../platform/errors.ts";
import { registerConsumer, type OutboxEvent } from "../platform/outbox.ts";
import { recordAudit } from "../audit/index.ts";
import { budgetUnit } from "../org/index.ts";
import { ledgerAccountSet, ledgerSkippedEvent, ledgerVoucher, ledgerVoucherLine } from "./tables.ts";
import { auxOf, postSystemVoucher, postVoucher, reverseVoucher, reviewVoucher, type LedgerActor } from "./service.ts";
import type { LineInput } from "./rules.ts";

export const LEDGER_CONSUMER = "ledger";
export const LEDGER_TOPICS = ["treasury.paymentPaid", "treasury.paymentReturned", "treasury.paymentRefunded", "subsidy.linesPaid", "subsidy.linesRecovered"] as const;

interface PaymentPayload {
  paymentId: string;
  regionCode: string;
  budgetUnitId: string;
  amount: string;
  method: "direct" | "authorised";
  functionalCode: string | null;
  economicCode: string | null;
  payeeName: string;
  purpose: string;
  paidAt: string;
  returnedAt?: string;
  reason?: string;
  refundId?: string;
  refundedAt?: string;
}

interface SubsidyPayload {
  batchId: string;
  regionCode: string;
  itemCode: string;
  itemName: string;
  functionalCode: string | null;
  economicCode: string | null;
  amount: string;
  lineCount: number;
  paidAt: string;
}

interface RecoveryPayload {
  recoveryId: string;
  regionCode: string;
  itemName: string;
  functionalCode: string | null;
  economicCode: string | null;
  amount: string;
  recoveredAt: string;
  lineNo: number;
}

const consumerActor = (regionCode: string): LedgerActor => ({ userId: null, displayName: "系统（国库支付与补贴发放自动记账）", scopePrefix: regionCode.slice(0, 9) });

async function skip(tx: Db, event: OutboxEvent, reason: string): Promise<void> {
  await tx.insert(ledgerSkippedEvent).values({ regionCode: event.regionCode, eventId: event.id, topic: event.topic, reason, payload: event.payload as object }).onConflictDoNothing();
  await recordAudit(tx, { regionCode: event.regionCode.slice(0, 9), actor: { id: null, name: "系统（自动记账）" }, action: "ledger.eventSkipped", entityType: "outboxEvent", entityId: event.id, after: { topic: event.topic, reason } });
}

const aux = (p: { functionalCode: string | null; economicCode: string | null }, payee?: string) => ({
  ...(p.functionalCode ? { functional: p.functionalCode } : {}),
  ...(p.economicCode ? { economic: p.economicCode } : {}),
  ...(payee ? { payee: payee.slice(0, 100) } : {}),
});

async function paymentPaid(tx: Db, event: OutboxEvent, p: PaymentPayload): Promise<string | null> {
  const [set] = await tx.select().from(ledgerAccountSet).where(and(eq(ledgerAccountSet.regionCode, p.regionCode), eq(ledgerAccountSet.budgetUnitId, p.budgetUnitId)));
  if (!set) return "NO_ACCOUNT_SET: 该预算单位没有账套";
  const [unit] = await tx.select({ kind: budgetUnit.kind }).from(budgetUnit).where(and(eq(budgetUnit.regionCode, p.regionCode), eq(budgetUnit.id, p.budgetUnitId)));
  // Public institutions record 事业支出 (7201); administrative units 行政支出 (7101).
  const expenditure = unit?.kind === "publicInstitution" ? "7201" : "7101";
  const fen = parseYuan(p.amount);
  const lines: LineInput[] =
    p.method === "direct"
      ? [
          { account: "5001", debitFen: fen, creditFen: 0n, aux: aux(p, p.payeeName) },
          { account: "4001", debitFen: 0n, creditFen: fen },
          { account: expenditure, debitFen: fen, creditFen: 0n, aux: aux(p, p.payeeName) },
          { account: "6001", debitFen: 0n, creditFen: fen, aux: aux(p) },
        ]
      : [
          { account: "5001", debitFen: fen, creditFen: 0n, aux: aux(p, p.payeeName) },
          { account: "1011", debitFen: 0n, creditFen: fen },
          { account: expenditure, debitFen: fen, creditFen: 0n, aux: aux(p, p.payeeName) },
          { account: "800101", debitFen: 0n, creditFen: fen },
        ];
  const summary = `${p.method === "direct" ? "财政直接支付" : "授权支付"}：${p.purpose}（${p.payeeName}）`.slice(0, 200);
  await postSystemVoucher(tx, consumerActor(set.regionCode), set.id, { date: p.paidAt.slice(0, 10), summary, lines }, { source: `treasury.paymentPaid:${p.paymentId}:${event.id}` });
  return null;
}

async function paymentReturned(tx: Db, event: OutboxEvent, p: PaymentPayload): Promise<string | null> {
  const [original] = await tx
    .select()
    .from(ledgerVoucher)
    .where(and(eq(ledgerVoucher.regionCode, p.regionCode), like(ledgerVoucher.source, `treasury.paymentPaid:${p.paymentId}:%`), eq(ledgerVoucher.status, "posted"), sql`not exists (select 1 from ledger_voucher r where r.region_code = ${ledgerVoucher.regionCode} and r.original_id = ${ledgerVoucher.id} and r.kind = 'reversal')`))
    .orderBy(desc(ledgerVoucher.postedAt))
    .limit(1);
  if (!original) return "ORIGINAL_NOT_POSTED: 找不到该笔支付的记账凭证";
  const actor = consumerActor(original.regionCode);
  const red = await reverseVoucher(tx, actor, original.id, { date: (p.returnedAt ?? p.paidAt).slice(0, 10), summary: `支付退回（${p.reason ?? "退票"}）：${original.summary}`.slice(0, 200) }, new Date(), `treasury.paymentReturned:${p.paymentId}:${event.id}`);
  await reviewVoucher(tx, actor, red.id);
  await postVoucher(tx, actor, red.id);
  return null;
}

/**
 * A refund (退款) of part or all of a paid payment: a red-letter voucher on the payment's voucher
 * for the refunded amount only — each line of the paid voucher (all of them carry the payment's
 * amount) in red for the refund — linked to it, once per refund (source `treasury.paymentRefunded:
 * <refundId>`). Refunds beyond what the payment's voucher still holds are refused as skipped.
 */
async function paymentRefunded(tx: Db, event: OutboxEvent, p: PaymentPayload): Promise<string | null> {
  if (!p.refundId) return "BAD_PAYLOAD: 缺少 refundId";
  const source = `treasury.paymentRefunded:${p.refundId}`;
  const [done] = await tx.select({ id: ledgerVoucher.id }).from(ledgerVoucher).where(and(eq(ledgerVoucher.regionCode, p.regionCode), eq(ledgerVoucher.source, source)));
  if (done) return null;
  const [original] = await tx
    .select()
    .from(ledgerVoucher)
    .where(and(eq(ledgerVoucher.regionCode, p.regionCode), like(ledgerVoucher.source, `treasury.paymentPaid:${p.paymentId}:%`), eq(ledgerVoucher.status, "posted")))
    .orderBy(desc(ledgerVoucher.postedAt))
    .limit(1);
  if (!original) return "ORIGINAL_NOT_POSTED: 找不到该笔支付的记账凭证";
  const refund = parseYuan(p.amount);
  if (refund <= 0n) return "BAD_AMOUNT: 退款金额应为正数";
  const lines = await tx.select().from(ledgerVoucherLine).where(and(eq(ledgerVoucherLine.regionCode, original.regionCode), eq(ledgerVoucherLine.voucherId, original.id))).orderBy(ledgerVoucherLine.lineNo);
  const paid = lines.filter((l) => l.basis === "financial").reduce((s, l) => s + l.debitFen, 0n);
  // What earlier red vouchers (refunds, a return) have already taken back from this payment.
  const [taken] = await tx
    .select({ fen: sql<string>`coalesce(sum(l.debit_fen), 0)` })
    .from(sql`ledger_voucher_line l join ledger_voucher v on v.region_code = l.region_code and v.id = l.voucher_id`)
    .where(sql`v.region_code = ${original.regionCode} and v.original_id = ${original.id} and v.kind = 'reversal' and l.basis = 'financial'`);
  if (lines.some((l) => l.debitFen + l.creditFen !== paid)) return "UNSUPPORTED_VOUCHER: 该笔支付的凭证各行金额不一，请手工编制退款凭证";
  const remaining = paid + BigInt(taken?.fen ?? 0);
  if (refund > remaining) return `REFUND_EXCEEDS: 退款 ${p.amount} 元超过该笔支付尚未冲回的 ${formatYuan(remaining)} 元`;
  const red: LineInput[] = lines.map((l) => ({
    account: l.accountCode,
    debitFen: l.debitFen !== 0n ? -refund : 0n,
    creditFen: l.creditFen !== 0n ? -refund : 0n,
    aux: auxOf(l),
  }));
  const summary = `支付退款（${p.reason ?? "退款"}）：${original.summary}`.slice(0, 200);
  await postSystemVoucher(tx, consumerActor(original.regionCode), original.setId, { date: (p.refundedAt ?? p.paidAt).slice(0, 10), summary, lines: red, originalId: original.id }, { source, kind: "reversal" });
  return null;
}

async function subsidyPaid(tx: Db, event: OutboxEvent, p: SubsidyPayload): Promise<string | null> {
  const found = await townshipOwnSet(tx, p.regionCode);
  if ("reason" in found) return found.reason;
  const set = found.set;
  const fen = parseYuan(p.amount);
  const lines: LineInput[] = [
    { account: "5001", debitFen: fen, creditFen: 0n, aux: aux(p) },
    { account: "4001", debitFen: 0n, creditFen: fen },
    { account: "7101", debitFen: fen, creditFen: 0n, aux: aux(p) },
    { account: "6001", debitFen: 0n, creditFen: fen, aux: aux(p) },
  ];
  await postSystemVoucher(tx, consumerActor(set.regionCode), set.id, { date: p.paidAt.slice(0, 10), summary: `惠民惠农补贴发放：${p.itemName}（${p.lineCount}人）`.slice(0, 200), lines }, { source: `subsidy.linesPaid:${event.id}` });
  return null;
}

/** The township's own set (no budget unit), where subsidies paid on the government's behalf post. */
async function townshipOwnSet(tx: Db, regionCode: string): Promise<{ set: typeof ledgerAccountSet.$inferSelect } | { reason: string }> {
  const sets = await tx.select().from(ledgerAccountSet).where(and(eq(ledgerAccountSet.regionCode, regionCode.slice(0, 9)), isNull(ledgerAccountSet.budgetUnitId)));
  if (sets.length !== 1) return { reason: sets.length ? "AMBIGUOUS_ACCOUNT_SET: 本乡镇有多个未指定预算单位的账套" : "NO_ACCOUNT_SET: 本乡镇没有本级账套" };
  return { set: sets[0]! };
}

/**
 * A wrong subsidy payment's money came back within the year (政府会计制度, 国库直接支付款项当年退回):
 * Dr 4001 财政拨款收入 / Cr 5001 业务活动费用, and Dr 6001 财政拨款预算收入 / Cr 7101 行政支出,
 * once per recovery.
 */
async function subsidyRecovered(tx: Db, p: RecoveryPayload): Promise<string | null> {
  if (!p.recoveryId) return "BAD_PAYLOAD: 缺少 recoveryId";
  const found = await townshipOwnSet(tx, p.regionCode);
  if ("reason" in found) return found.reason;
  const source = `subsidy.linesRecovered:${p.recoveryId}`;
  const [done] = await tx.select({ id: ledgerVoucher.id }).from(ledgerVoucher).where(and(eq(ledgerVoucher.regionCode, found.set.regionCode), eq(ledgerVoucher.source, source)));
  if (done) return null;
  const fen = parseYuan(p.amount);
  if (fen <= 0n) return "BAD_AMOUNT: 追回金额应为正数";
  const lines: LineInput[] = [
    { account: "4001", debitFen: fen, creditFen: 0n },
    { account: "5001", debitFen: 0n, creditFen: fen, aux: aux(p) },
    { account: "6001", debitFen: fen, creditFen: 0n, aux: aux(p) },
    { account: "7101", debitFen: 0n, creditFen: fen, aux: aux(p) },
  ];
  await postSystemVoucher(tx, consumerActor(found.set.regionCode), found.set.id, { date: p.recoveredAt.slice(0, 10), summary: `追回误发补贴：${p.itemName}（清册第${p.lineNo}行）`.slice(0, 200), lines }, { source });
  return null;
}

/** Handles one event; domain refusals (closed month, chart) are recorded as skipped, anything else retries. */
export async function handleLedgerEvent(tx: Db, event: OutboxEvent): Promise<void> {
  const payload = event.payload as PaymentPayload & SubsidyPayload;
  let reason: string | null;
  try {
    // A savepoint, so a refused voucher leaves nothing half-written before the skip is recorded.
    reason = await tx.transaction(async (inner) => {
      const t = inner as unknown as Db;
      if (event.topic === "treasury.paymentPaid") return paymentPaid(t, event, payload);
      if (event.topic === "treasury.paymentReturned") return paymentReturned(t, event, payload);
      if (event.topic === "treasury.paymentRefunded") return paymentRefunded(t, event, payload);
      if (event.topic === "subsidy.linesRecovered") return subsidyRecovered(t, event.payload as RecoveryPayload);
      return subsidyPaid(t, event, payload);
    });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    reason = `${error.code}: ${error.detail}`;
  }
  if (reason) await skip(tx, event, reason);
}

registerConsumer({ name: LEDGER_CONSUMER, topics: LEDGER_TOPICS, handle: handleLedgerEvent });
