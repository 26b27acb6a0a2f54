// The fiscal general ledger's outbox consumer: the township's own treasury books (财政总会计) post by
// themselves, exactly once per event, in the township's fiscal set — treasury payments paid, returned
// and refunded (本级支出), subsidies paid and recovered, transfers from above recorded in the budget
// (补助收入), remittances up (上解) and the treasury's daily revenue reports. What each voucher debits
// and credits is a pure rule in fiscalRules.ts; this file only loads what a rule needs, calls it and
// writes the voucher posted in one step.
//
// A township with no fiscal set keeps its fiscal books elsewhere: its events are passed over without
// a record. Where the set exists but refuses a voucher (a closed month, an account missing from an
// imported chart), the event is recorded in ledger_skipped_event under this consumer, never lost.
import { and, desc, eq, like, sql } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { refusalOf } from "./savepoint.ts";
import type { OutboxConsumer, OutboxEvent, PayloadOf } from "../platform/outbox.ts";
import { recordAudit } from "../audit/index.ts";
import { budgetUnit } from "../org/index.ts";
import { paymentPaidTopic, paymentRefundedTopic, paymentReturnedTopic, revenueReportedTopic } from "../treasury/index.ts";
import { linesPaidTopic, linesRecoveredTopic } from "../subsidy/index.ts";
import { remittanceRecordedTopic, upperTransferRecordedTopic } from "../budget/index.ts";
import { parseYuan } from "@xiangcai/shared";
import { ledgerAccountSet, ledgerSkippedEvent, ledgerVoucher } from "./tables.ts";
import { postSystemVoucher, voucherLinesOf, type AccountSetRow, type LedgerActor } from "./service.ts";
import { paymentRefundVoucher, paymentReturnedVoucher } from "./rules.ts";
import {
  fiscalPaymentPaidVoucher,
  fiscalRemittanceVoucher,
  fiscalRevenueReportVouchers,
  fiscalSubsidyPaidVoucher,
  fiscalSubsidyRecoveredVoucher,
  fiscalUpperTransferVoucher,
} from "./fiscalRules.ts";

export const FISCAL_LEDGER_CONSUMER = "ledger.fiscal";
const FISCAL_TOPICS = [paymentPaidTopic, paymentReturnedTopic, paymentRefundedTopic, linesPaidTopic, linesRecoveredTopic, upperTransferRecordedTopic, remittanceRecordedTopic, revenueReportedTopic] as const;
type FiscalEvent = OutboxEvent<(typeof FISCAL_TOPICS)[number]>;
/** Sources of the fiscal set's vouchers start with this, apart from the unit ledger's. */
const SOURCE = "fiscal:";

const consumerActor = (regionCode: string): LedgerActor => ({ userId: null, displayName: "系统（财政总会计自动记账）", scopePrefix: regionCode.slice(0, 9) });

/** The township's fiscal set, if it keeps one here. */
export async function fiscalSetOf(db: Db, regionCode: string): Promise<AccountSetRow | undefined> {
  const [set] = await db.select().from(ledgerAccountSet).where(and(eq(ledgerAccountSet.regionCode, regionCode.slice(0, 9)), eq(ledgerAccountSet.kind, "fiscal")));
  return set;
}

async function alreadyPosted(tx: Db, set: AccountSetRow, source: string): Promise<boolean> {
  const [done] = await tx.select({ id: ledgerVoucher.id }).from(ledgerVoucher).where(and(eq(ledgerVoucher.regionCode, set.regionCode), eq(ledgerVoucher.source, source)));
  return Boolean(done);
}

/** The fiscal voucher of a paid payment (the latest: a payment may be paid again after a return). */
async function paidVoucherOf(tx: Db, set: AccountSetRow, paymentId: string, notReversed: boolean) {
  const [original] = await tx
    .select()
    .from(ledgerVoucher)
    .where(
      and(
        eq(ledgerVoucher.regionCode, set.regionCode),
        eq(ledgerVoucher.setId, set.id),
        like(ledgerVoucher.source, `${SOURCE}treasury.paymentPaid:${paymentId}:%`),
        eq(ledgerVoucher.status, "posted"),
        notReversed ? sql`not exists (select 1 from ledger_voucher r where r.region_code = ${ledgerVoucher.regionCode} and r.original_id = ${ledgerVoucher.id} and r.kind = 'reversal')` : undefined,
      ),
    )
    .orderBy(desc(ledgerVoucher.postedAt))
    .limit(1);
  return original;
}

async function paymentPaid(tx: Db, set: AccountSetRow, event: FiscalEvent, p: PayloadOf<typeof paymentPaidTopic>, at: Date): Promise<string | null> {
  const [unit] = await tx.select({ kind: budgetUnit.kind }).from(budgetUnit).where(and(eq(budgetUnit.regionCode, p.regionCode), eq(budgetUnit.id, p.budgetUnitId)));
  const voucher = fiscalPaymentPaidVoucher({ ...p, unitKind: unit?.kind });
  await postSystemVoucher(tx, consumerActor(set.regionCode), set.id, voucher, { source: `${SOURCE}treasury.paymentPaid:${p.paymentId}:${event.id}` }, at);
  return null;
}

async function paymentReturned(tx: Db, set: AccountSetRow, event: FiscalEvent, p: PayloadOf<typeof paymentReturnedTopic>, at: Date): Promise<string | null> {
  const original = await paidVoucherOf(tx, set, p.paymentId, true);
  // A payment returned on its first bank result was never paid out of the treasury: nothing to reverse.
  if (!original) return null;
  const voucher = paymentReturnedVoucher({ summary: original.summary, lines: await voucherLinesOf(tx, original) }, p);
  await postSystemVoucher(tx, consumerActor(set.regionCode), set.id, { ...voucher, originalId: original.id }, { source: `${SOURCE}treasury.paymentReturned:${p.paymentId}:${event.id}`, kind: "reversal" }, at);
  return null;
}

async function paymentRefunded(tx: Db, set: AccountSetRow, p: PayloadOf<typeof paymentRefundedTopic>, at: Date): Promise<string | null> {
  const source = `${SOURCE}treasury.paymentRefunded:${p.refundId}`;
  if (await alreadyPosted(tx, set, source)) return null;
  const original = await paidVoucherOf(tx, set, p.paymentId, false);
  if (!original) return "ORIGINAL_NOT_POSTED: 财政总会计账中找不到该笔支付的记账凭证";
  const [taken] = await tx
    .select({ fen: sql<string>`coalesce(sum(l.debit_fen), 0)` })
    .from(sql`ledger_voucher_line l join ledger_voucher v on v.region_code = l.region_code and v.id = l.voucher_id`)
    .where(sql`v.region_code = ${original.regionCode} and v.original_id = ${original.id} and v.kind = 'reversal' and l.basis = 'financial'`);
  const refund = paymentRefundVoucher({ summary: original.summary, lines: await voucherLinesOf(tx, original) }, BigInt(taken?.fen ?? 0), p);
  if (!refund.ok) return refund.reason;
  await postSystemVoucher(tx, consumerActor(set.regionCode), set.id, { ...refund.voucher, originalId: original.id }, { source, kind: "reversal" }, at);
  return null;
}

async function post(tx: Db, set: AccountSetRow, source: string, made: { ok: true; voucher: Parameters<typeof postSystemVoucher>[3] } | { ok: false; reason: string }, at: Date): Promise<string | null> {
  if (await alreadyPosted(tx, set, source)) return null;
  if (!made.ok) return made.reason;
  await postSystemVoucher(tx, consumerActor(set.regionCode), set.id, made.voucher, { source }, at);
  return null;
}

async function revenueReported(tx: Db, set: AccountSetRow, p: PayloadOf<typeof revenueReportedTopic>, at: Date): Promise<string | null> {
  const made = fiscalRevenueReportVouchers({ reportDate: p.reportDate, lines: p.lines.map((l) => ({ ...l, amountFen: parseYuan(l.amount, { allowNegative: true }) })) });
  if (!made.ok) return made.reason;
  for (const [i, voucher] of made.vouchers.entries()) {
    const source = `${SOURCE}treasury.revenueReported:${p.reportId}:${i + 1}`;
    if (await alreadyPosted(tx, set, source)) continue;
    await postSystemVoucher(tx, consumerActor(set.regionCode), set.id, voucher, { source }, at);
  }
  return null;
}

async function handle(tx: Db, set: AccountSetRow, event: FiscalEvent, at: Date): Promise<string | null> {
  switch (event.topic) {
    case "treasury.paymentPaid":
      return paymentPaid(tx, set, event, event.payload, at);
    case "treasury.paymentReturned":
      return paymentReturned(tx, set, event, event.payload, at);
    case "treasury.paymentRefunded":
      return paymentRefunded(tx, set, event.payload, at);
    case "subsidy.linesPaid":
      return post(tx, set, `${SOURCE}subsidy.linesPaid:${event.id}`, { ok: true, voucher: fiscalSubsidyPaidVoucher(event.payload) }, at);
    case "subsidy.linesRecovered":
      return post(tx, set, `${SOURCE}subsidy.linesRecovered:${event.payload.recoveryId}`, fiscalSubsidyRecoveredVoucher(event.payload), at);
    case "budget.upperTransferRecorded":
      return post(tx, set, `${SOURCE}budget.upperTransferRecorded:${event.payload.indicatorId}`, fiscalUpperTransferVoucher(event.payload), at);
    case "budget.remittanceRecorded":
      return post(tx, set, `${SOURCE}budget.remittanceRecorded:${event.payload.remittanceId}`, fiscalRemittanceVoucher(event.payload), at);
    case "treasury.revenueReported":
      return revenueReported(tx, set, event.payload, at);
  }
}

/** Handles one event in the township's fiscal set; refusals are recorded as skipped, anything else retries. */
export async function handleFiscalEvent(tx: Db, event: FiscalEvent, at: Date): Promise<void> {
  const set = await fiscalSetOf(tx, event.regionCode);
  if (!set) return;
  const reason = await refusalOf(tx, (t) => handle(t, set, event, at));
  if (!reason) return;
  await tx.insert(ledgerSkippedEvent).values({ regionCode: event.regionCode, eventId: event.id, consumer: FISCAL_LEDGER_CONSUMER, topic: event.topic, reason, payload: event.payload }).onConflictDoNothing();
  await recordAudit(tx, { regionCode: event.regionCode.slice(0, 9), actor: { id: null, name: "系统（财政总会计自动记账）" }, action: "ledger.fiscalEventSkipped", entityType: "outboxEvent", entityId: event.id, after: { topic: event.topic, reason } }, at);
}

/** Registered by the composition root (src/domains.ts). */
export const fiscalLedgerConsumer: OutboxConsumer<(typeof FISCAL_TOPICS)[number]> = { name: FISCAL_LEDGER_CONSUMER, topics: FISCAL_TOPICS, handle: handleFiscalEvent };
