// The ledger's outbox consumer: treasury payments paid, returned and refunded, authorised-payment
// quotas set (授权支付额度到账 per fund and 基本支出 / 项目支出, for the change, the first of a year's quota of a
// fund and kind restoring last year's carried-over quota of that fund and kind), unspent direct payments carried over at the year end (财政应返还额度—财政直接支付), the year's
// authorised budget never released as quota (财政应返还额度—财政授权支付), and subsidy lines paid
// and recovered, post their vouchers (docs/events.md) exactly once per event, in the account set of
// the paying unit. What each voucher debits and credits is a pure rule in rules.ts; this file only
// loads what the rule needs, calls it, and writes the voucher posted in one step. The rule's
// 6001/7101/7201 lines are moved to the set's 明细 for the money's budget and 基本/项目支出 (rules.ts
// onFundingLeaves: the payment event's fundNature and expenditureKind, a subsidy's indicator), the
// project recorded as aux; a chart without those 明细 keeps them on the account itself.
//
// Which set: a treasury payment goes to the set that names its budget unit (ledger_account_set.
// budget_unit_id); subsidy lines, paid by the township on the government's behalf, go to the
// township's own set — the one set of the region that names no budget unit. An event with no such
// set (or whose month is closed, or whose data the chart refuses) is recorded in
// ledger_skipped_event with the reason, for an accountant to enter by hand: skipped, never lost.
import { and, desc, eq, isNull, like, or, sql, type SQL } from "drizzle-orm";
import { parseYuan } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import type { OutboxConsumer, OutboxEvent, PayloadOf } from "../platform/outbox.ts";
import { recordAudit } from "../audit/index.ts";
import { budgetUnit } from "../org/index.ts";
import { refusalOf } from "./savepoint.ts";
import { paymentPaidTopic, paymentRefundedTopic, paymentReturnedTopic, quotaSetTopic } from "../treasury/index.ts";
import { linesPaidTopic, linesRecoveredTopic } from "../subsidy/index.ts";
import { ledgerAccountSet, ledgerSkippedEvent, ledgerVoucher, ledgerVoucherLine } from "./tables.ts";
import { loadChart, postSystemVoucher, voucherLinesOf, type LedgerActor } from "./service.ts";
import { repaymentOfPayment } from "../debt/index.ts";
import { authorisedCarriedInFen, authorisedPaymentCarriedOverTopic, budgetIndicator, directPaymentCarriedOverTopic, indicatorSpending, type AppropriationFund, type ExpenditureKind } from "../budget/index.ts";
import { chinaDate } from "../platform/workingDays.ts";
import {
  authorisedUnreleasedVoucher,
  debtRepaymentVoucher,
  expenditureAccountOf,
  fromReturnableDirectPayment,
  onFundingLeaves,
  paymentPaidVoucher,
  paymentRefundVoucher,
  paymentReturnedVoucher,
  quotaReceivedVoucher,
  quotaRestorationCatchUpVoucher,
  quotaRestorationFen,
  directPaymentReturnableVoucher,
  subsidyPaidVoucher,
  subsidyRecoveredVoucher,
  type FundingFacts,
  type VoucherInput,
} from "./rules.ts";

export const LEDGER_CONSUMER = "ledger";
const LEDGER_TOPICS = [paymentPaidTopic, paymentReturnedTopic, paymentRefundedTopic, quotaSetTopic, directPaymentCarriedOverTopic, authorisedPaymentCarriedOverTopic, linesPaidTopic, linesRecoveredTopic] as const;
type LedgerEvent = OutboxEvent<(typeof LEDGER_TOPICS)[number]>;

const consumerActor = (regionCode: string): LedgerActor => ({ userId: null, displayName: "系统（国库支付与补贴发放自动记账）", scopePrefix: regionCode.slice(0, 9) });

async function skip(tx: Db, event: LedgerEvent, reason: string, at: Date): Promise<void> {
  await tx.insert(ledgerSkippedEvent).values({ regionCode: event.regionCode, eventId: event.id, topic: event.topic, reason, payload: event.payload }).onConflictDoNothing();
  await recordAudit(tx, { regionCode: event.regionCode.slice(0, 9), actor: { id: null, name: "系统（自动记账）" }, action: "ledger.eventSkipped", entityType: "outboxEvent", entityId: event.id, after: { topic: event.topic, reason } }, at);
}

/**
 * Posts a rule's voucher in a set with its 6001/7101/7201 lines on the set's 明细 for the money's
 * budget and spending (rules.ts onFundingLeaves); refused with the reason when no 明细 fits.
 */
async function postOnLeaves(tx: Db, set: typeof ledgerAccountSet.$inferSelect, voucher: VoucherInput & { originalId?: string }, facts: FundingFacts, options: { source: string }, at: Date): Promise<string | null> {
  const placed = onFundingLeaves(voucher, await loadChart(tx, set), facts);
  if (!placed.ok) return placed.reason;
  await postSystemVoucher(tx, consumerActor(set.regionCode), set.id, placed.voucher, options, at);
  return null;
}

/** A payment's budget and spending: from the event, or (events stored before they carried it) its indicator. */
async function paymentFunding(tx: Db, p: PayloadOf<typeof paymentPaidTopic>): Promise<FundingFacts> {
  if (p.expenditureKind) return { fundNature: p.fundNature, expenditureKind: p.expenditureKind, project: p.project ?? null };
  const spending = await indicatorSpending(tx, p.regionCode, p.indicatorId);
  return { fundNature: p.fundNature, expenditureKind: spending?.expenditureKind ?? "basic", project: spending?.project ?? null };
}

/**
 * A subsidy's budget and spending: its indicator's, or, paid without an indicator, 一般公共预算 项目支出
 * of the subsidy item (each 惠民惠农 item is a project). Paid and recovered resolve alike, so a
 * recovery reverses onto the paid voucher's 明细.
 */
async function subsidyFunding(tx: Db, p: { regionCode: string; indicatorId: string | null; itemCode: string; itemName: string }): Promise<FundingFacts> {
  const spending = p.indicatorId ? await indicatorSpending(tx, p.regionCode, p.indicatorId) : null;
  if (spending) return { fundNature: spending.fundNature, expenditureKind: spending.expenditureKind, project: spending.project };
  return { fundNature: "generalBudget", expenditureKind: "project", project: `${p.itemCode} ${p.itemName}`.slice(0, 100) };
}

async function paymentPaid(tx: Db, event: LedgerEvent, p: PayloadOf<typeof paymentPaidTopic>, at: Date): Promise<string | null> {
  const [set] = await tx.select().from(ledgerAccountSet).where(and(eq(ledgerAccountSet.regionCode, p.regionCode), eq(ledgerAccountSet.budgetUnitId, p.budgetUnitId)));
  if (!set) return "NO_ACCOUNT_SET: 该预算单位没有账套";
  const [unit] = await tx.select({ kind: budgetUnit.kind }).from(budgetUnit).where(and(eq(budgetUnit.regionCode, p.regionCode), eq(budgetUnit.id, p.budgetUnitId)));
  // A payment that repays a debt posts the liability and the interest it pays (debt register's split).
  const repayment = await repaymentOfPayment(tx, p.regionCode, p.paymentId);
  let voucher = paymentPaidVoucher(p, expenditureAccountOf(unit?.kind));
  if (repayment) {
    const split = debtRepaymentVoucher(p, repayment);
    if (!split.ok) return split.reason;
    voucher = split.voucher;
  }
  // A direct payment from an indicator carried over from last year spends last year's 财政应返还额度.
  if (p.method === "direct") {
    const [indicator] = await tx.select({ carriedFromId: budgetIndicator.carriedFromId }).from(budgetIndicator).where(and(eq(budgetIndicator.regionCode, p.regionCode), eq(budgetIndicator.id, p.indicatorId)));
    if (indicator?.carriedFromId) voucher = fromReturnableDirectPayment(voucher);
  }
  return postOnLeaves(tx, set, voucher, await paymentFunding(tx, p), { source: `treasury.paymentPaid:${p.paymentId}:${event.id}` }, at);
}

/** The posted voucher of a paid payment (the latest, should it have been posted again after a return). */
async function paidVoucherOf(tx: Db, regionCode: string, paymentId: string, notReversed: boolean) {
  const [original] = await tx
    .select()
    .from(ledgerVoucher)
    .where(
      and(
        eq(ledgerVoucher.regionCode, regionCode),
        like(ledgerVoucher.source, `treasury.paymentPaid:${paymentId}:%`),
        eq(ledgerVoucher.status, "posted"),
        notReversed ? sql`not exists (select 1 from ledger_voucher r where r.region_code = ${ledgerVoucher.regionCode} and r.original_id = ${ledgerVoucher.id} and r.kind = 'reversal')` : undefined,
      ),
    )
    .orderBy(desc(ledgerVoucher.postedAt))
    .limit(1);
  return original;
}

async function paymentReturned(tx: Db, event: LedgerEvent, p: PayloadOf<typeof paymentReturnedTopic>, at: Date): Promise<string | null> {
  const original = await paidVoucherOf(tx, p.regionCode, p.paymentId, true);
  if (!original) return "ORIGINAL_NOT_POSTED: 找不到该笔支付的记账凭证";
  const voucher = paymentReturnedVoucher({ summary: original.summary, lines: await voucherLinesOf(tx, original) }, p);
  await postSystemVoucher(tx, consumerActor(original.regionCode), original.setId, { ...voucher, originalId: original.id }, { source: `treasury.paymentReturned:${p.paymentId}:${event.id}`, kind: "reversal" }, at);
  return null;
}

/**
 * A refund (退款) of part or all of a paid payment: a red-letter voucher on the payment's voucher
 * for the refunded amount only, linked to it, once per refund (source `treasury.paymentRefunded:
 * <refundId>`). Refunds beyond what the payment's voucher still holds are refused as skipped.
 */
async function paymentRefunded(tx: Db, p: PayloadOf<typeof paymentRefundedTopic>, at: Date): Promise<string | null> {
  const source = `treasury.paymentRefunded:${p.refundId}`;
  const [done] = await tx.select({ id: ledgerVoucher.id }).from(ledgerVoucher).where(and(eq(ledgerVoucher.regionCode, p.regionCode), eq(ledgerVoucher.source, source)));
  if (done) return null;
  const original = await paidVoucherOf(tx, p.regionCode, p.paymentId, false);
  if (!original) return "ORIGINAL_NOT_POSTED: 找不到该笔支付的记账凭证";
  // What earlier red vouchers (refunds, a return) have already taken back from this payment.
  const [taken] = await tx
    .select({ fen: sql<string>`coalesce(sum(l.debit_fen), 0)` })
    .from(sql`ledger_voucher_line l join ledger_voucher v on v.region_code = l.region_code and v.id = l.voucher_id`)
    .where(sql`v.region_code = ${original.regionCode} and v.original_id = ${original.id} and v.kind = 'reversal' and l.basis = 'financial'`);
  const refund = paymentRefundVoucher({ summary: original.summary, lines: await voucherLinesOf(tx, original) }, BigInt(taken?.fen ?? 0), p);
  if (!refund.ok) return refund.reason;
  await postSystemVoucher(tx, consumerActor(original.regionCode), original.setId, { ...refund.voucher, originalId: original.id }, { source, kind: "reversal" }, at);
  return null;
}

/** The quota's key besides the unit and year: its fund and expenditure kind. */
interface QuotaOf {
  fund: AppropriationFund;
  kind: ExpenditureKind;
}

/**
 * The fund's and kind's tag in the source of a voucher posted per fund and kind (quota set, year-end
 * unreleased, restoration catch-up, direct carry-over): 一般公共预算 and 基本支出 have none, so the
 * vouchers posted before there were kinds or funds keep their form; another fund's (or fund nature's)
 * is `<fund>:`, 项目支出's `project:`, before the event id (e.g. `governmentFund:project:`).
 */
const fundKindTag = (fund: string, kind: ExpenditureKind): string => `${fund === "generalBudget" ? "" : `${fund}:`}${kind === "basic" ? "" : `${kind}:`}`;
const quotaTag = (q: QuotaOf): string => fundKindTag(q.fund, q.kind);

/**
 * Vouchers whose source is `start` (a regular expression) followed by exactly the fund's and kind's tag
 * and an event id (a uuid): anchored, so that a tag is never taken for the end of another (`project:` of
 * `governmentFund:project:`) nor the empty tag of 一般公共预算 基本支出 for any.
 */
function sourceOfQuota(start: string, q: QuotaOf): SQL {
  return sql`${ledgerVoucher.source} ~ ${`^${start}${quotaTag(q)}[0-9a-f-]+$`}`;
}

/** Where a quota's 6001 goes: the 明细 of its fund and kind (the fund is a fund nature onFundingLeaves knows). */
const quotaFunding = (q: QuotaOf) => ({ fundNature: q.fund, expenditureKind: q.kind });

/**
 * What the set has posted of a unit's quota of a year, fund and kind: the quota in all (1011), the part
 * that restored last year's carried-over quota (120102) and the new 财政拨款收入 (4001), from the quota
 * vouchers and the restoration catch-up of that year, fund and kind.
 */
async function quotaPosted(tx: Db, set: typeof ledgerAccountSet.$inferSelect, budgetUnitId: string, fiscalYear: number, q: QuotaOf): Promise<{ totalFen: bigint; restoredFen: bigint; newFen: bigint }> {
  const rows = await tx
    .select({ account: ledgerVoucherLine.accountCode, fen: sql<string>`sum(${ledgerVoucherLine.debitFen} - ${ledgerVoucherLine.creditFen})::text` })
    .from(ledgerVoucherLine)
    .innerJoin(ledgerVoucher, and(eq(ledgerVoucher.regionCode, ledgerVoucherLine.regionCode), eq(ledgerVoucher.id, ledgerVoucherLine.voucherId)))
    .where(
      and(
        eq(ledgerVoucher.regionCode, set.regionCode),
        eq(ledgerVoucher.setId, set.id),
        eq(ledgerVoucher.status, "posted"),
        or(sourceOfQuota(`treasury\\.quotaSet:${budgetUnitId}:${fiscalYear}-[0-9]+:`, q), sourceOfQuota(`budget\\.authorisedPaymentCarriedOver:${budgetUnitId}:${fiscalYear - 1}:restore:`, q)),
      ),
    )
    .groupBy(ledgerVoucherLine.accountCode);
  const of = (account: string) => BigInt(rows.find((r) => r.account === account)?.fen ?? "0");
  return { totalFen: of("1011"), restoredFen: -of("120102"), newFen: -of("4001") };
}

/**
 * A quota set or changed: the unit's set posts the change, once per event, restoring last year's
 * carried-over quota of the same fund and kind first. The quota is the unit's month, kind (基本支出 /
 * 项目支出; events stored before quotas had a kind are 基本支出) and fund (一般公共预算 / 政府性基金 /
 * 国有资本经营; events stored before quotas had a fund are 一般公共预算), not one indicator's: its 6001
 * goes to the 明细 of the fund and kind.
 */
async function quotaSet(tx: Db, event: LedgerEvent, p: PayloadOf<typeof quotaSetTopic>, at: Date): Promise<string | null> {
  const [set] = await tx.select().from(ledgerAccountSet).where(and(eq(ledgerAccountSet.regionCode, p.regionCode), eq(ledgerAccountSet.budgetUnitId, p.budgetUnitId)));
  if (!set) return "NO_ACCOUNT_SET: 该预算单位没有账套";
  const q: QuotaOf = { fund: p.fund ?? "generalBudget", kind: p.expenditureKind ?? "basic" };
  const posted = await quotaPosted(tx, set, p.budgetUnitId, p.fiscalYear, q);
  const restorableFen = await authorisedCarriedInFen(tx, p.regionCode, p.budgetUnitId, p.fiscalYear, q.kind, q.fund);
  const made = quotaReceivedVoucher({ ...p, expenditureKind: q.kind, fund: q.fund, totalBeforeFen: posted.totalFen, restoredBeforeFen: posted.restoredFen, restorableFen });
  if (!made.ok) return made.reason;
  return postOnLeaves(tx, set, made.voucher, quotaFunding(q), { source: `treasury.quotaSet:${p.budgetUnitId}:${p.fiscalYear}-${p.month}:${quotaTag(q)}${event.id}` }, at);
}

/**
 * A unit's authorised-payment indicators at the year end, once per unit and year: the year's own
 * indicators beyond the new quota posted for the year become 财政应返还额度—财政授权支付 on 31 December;
 * and should next year's quota have been posted already as new revenue (it came before the year end),
 * the part of it that restores the carried-over quota is moved over.
 */
async function authorisedPaymentCarriedOver(tx: Db, event: LedgerEvent, p: PayloadOf<typeof authorisedPaymentCarriedOverTopic>, at: Date): Promise<string | null> {
  const [set] = await tx.select().from(ledgerAccountSet).where(and(eq(ledgerAccountSet.regionCode, p.regionCode), eq(ledgerAccountSet.budgetUnitId, p.budgetUnitId)));
  if (!set) return "NO_ACCOUNT_SET: 该预算单位没有账套";
  const prefix = `budget.authorisedPaymentCarriedOver:${p.budgetUnitId}:${p.fiscalYear}:`;
  const [done] = await tx.select({ id: ledgerVoucher.id }).from(ledgerVoucher).where(and(eq(ledgerVoucher.regionCode, set.regionCode), eq(ledgerVoucher.setId, set.id), like(ledgerVoucher.source, `${prefix}%`))).limit(1);
  if (done) return null;
  // Per fund and kind, as the quota is issued: events stored before quotas had a kind are all 基本支出,
  // entries stored before quotas had a fund 一般公共预算.
  const kinds = p.byKind ?? [{ expenditureKind: "basic" as const, issued: p.issued, carriedOver: p.carriedOver }];
  for (const k of kinds) {
    const q: QuotaOf = { fund: k.fund ?? "generalBudget", kind: k.expenditureKind };
    const year = await quotaPosted(tx, set, p.budgetUnitId, p.fiscalYear, q);
    const unreleased = authorisedUnreleasedVoucher({ fiscalYear: p.fiscalYear, issued: k.issued, newQuotaFen: year.newFen, expenditureKind: q.kind, fund: q.fund });
    // Not one indicator's: their 6001 goes to the 明细 of the fund and kind, like the quota's.
    if (unreleased.ok) {
      const refused = await postOnLeaves(tx, set, unreleased.voucher, quotaFunding(q), { source: `${prefix}unreleased:${quotaTag(q)}${event.id}` }, at);
      if (refused) return refused;
    } else if (!unreleased.reason.startsWith("NO_DIFFERENCE")) return unreleased.reason;
    const next = await quotaPosted(tx, set, p.budgetUnitId, p.fiscalYear + 1, q);
    const restoreFen = quotaRestorationFen({ totalAfterFen: next.totalFen, restorableFen: parseYuan(k.carriedOver), restoredBeforeFen: next.restoredFen });
    if (restoreFen !== 0n) {
      const today = chinaDate(at);
      const catchUp = quotaRestorationCatchUpVoucher({ fiscalYear: p.fiscalYear + 1, restoreFen, date: today.slice(0, 4) === String(p.fiscalYear + 1) ? today : `${p.fiscalYear + 1}-01-01`, expenditureKind: q.kind, fund: q.fund });
      if (catchUp.ok) {
        const refused = await postOnLeaves(tx, set, catchUp.voucher, quotaFunding(q), { source: `${prefix}restore:${quotaTag(q)}${event.id}` }, at);
        if (refused) return refused;
      }
    }
  }
  return null;
}

/** A unit's unspent direct-payment indicators carried over at the year end: its 财政应返还额度, once per event. */
async function directPaymentCarriedOver(tx: Db, event: LedgerEvent, p: PayloadOf<typeof directPaymentCarriedOverTopic>, at: Date): Promise<string | null> {
  const [set] = await tx.select().from(ledgerAccountSet).where(and(eq(ledgerAccountSet.regionCode, p.regionCode), eq(ledgerAccountSet.budgetUnitId, p.budgetUnitId)));
  if (!set) return "NO_ACCOUNT_SET: 该预算单位没有账套";
  // One voucher per fund nature and kind, on its 6001 明细; events stored before the split are all
  // 一般公共预算 基本支出, whose voucher keeps the untagged source.
  const parts = p.parts ?? [{ fundNature: "generalBudget" as const, expenditureKind: "basic" as const, amount: p.amount, indicatorCount: p.indicatorCount }];
  for (const part of parts) {
    const made = directPaymentReturnableVoucher({ fiscalYear: p.fiscalYear, amount: part.amount, indicatorCount: part.indicatorCount });
    if (!made.ok) return made.reason;
    const refused = await postOnLeaves(tx, set, made.voucher, { fundNature: part.fundNature, expenditureKind: part.expenditureKind }, { source: `budget.directPaymentCarriedOver:${p.budgetUnitId}:${p.fiscalYear}:${fundKindTag(part.fundNature, part.expenditureKind)}${event.id}` }, at);
    if (refused) return refused;
  }
  return null;
}

async function subsidyPaid(tx: Db, event: LedgerEvent, p: PayloadOf<typeof linesPaidTopic>, at: Date): Promise<string | null> {
  const found = await townshipOwnSet(tx, p.regionCode);
  if ("reason" in found) return found.reason;
  return postOnLeaves(tx, found.set, subsidyPaidVoucher(p), await subsidyFunding(tx, p), { source: `subsidy.linesPaid:${event.id}` }, at);
}

/** The township's own set (no budget unit), where subsidies paid on the government's behalf post. */
async function townshipOwnSet(tx: Db, regionCode: string): Promise<{ set: typeof ledgerAccountSet.$inferSelect } | { reason: string }> {
  const sets = await tx.select().from(ledgerAccountSet).where(and(eq(ledgerAccountSet.regionCode, regionCode.slice(0, 9)), isNull(ledgerAccountSet.budgetUnitId), eq(ledgerAccountSet.kind, "unit")));
  if (sets.length !== 1) return { reason: sets.length ? "AMBIGUOUS_ACCOUNT_SET: 本乡镇有多个未指定预算单位的账套" : "NO_ACCOUNT_SET: 本乡镇没有本级账套" };
  return { set: sets[0]! };
}

/** A wrong subsidy payment's money came back within the year: posted once per recovery. */
async function subsidyRecovered(tx: Db, p: PayloadOf<typeof linesRecoveredTopic>, at: Date): Promise<string | null> {
  const found = await townshipOwnSet(tx, p.regionCode);
  if ("reason" in found) return found.reason;
  const source = `subsidy.linesRecovered:${p.recoveryId}`;
  const [done] = await tx.select({ id: ledgerVoucher.id }).from(ledgerVoucher).where(and(eq(ledgerVoucher.regionCode, found.set.regionCode), eq(ledgerVoucher.source, source)));
  if (done) return null;
  const recovered = subsidyRecoveredVoucher(p);
  if (!recovered.ok) return recovered.reason;
  return postOnLeaves(tx, found.set, recovered.voucher, await subsidyFunding(tx, p), { source }, at);
}

/** Handles one event; domain refusals (closed month, chart) are recorded as skipped, anything else retries. */
export async function handleLedgerEvent(tx: Db, event: LedgerEvent, at: Date): Promise<void> {
  const reason = await refusalOf(tx, (t) => routeLedgerEvent(t, event, at));
  if (reason) await skip(tx, event, reason, at);
}

/** The handler of the event's topic: the reason it is refused, or null once posted. */
function routeLedgerEvent(t: Db, event: LedgerEvent, at: Date): Promise<string | null> {
  switch (event.topic) {
    case "treasury.paymentPaid":
      return paymentPaid(t, event, event.payload, at);
    case "treasury.paymentReturned":
      return paymentReturned(t, event, event.payload, at);
    case "treasury.paymentRefunded":
      return paymentRefunded(t, event.payload, at);
    case "treasury.quotaSet":
      return quotaSet(t, event, event.payload, at);
    case "budget.directPaymentCarriedOver":
      return directPaymentCarriedOver(t, event, event.payload, at);
    case "budget.authorisedPaymentCarriedOver":
      return authorisedPaymentCarriedOver(t, event, event.payload, at);
    case "subsidy.linesPaid":
      return subsidyPaid(t, event, event.payload, at);
    case "subsidy.linesRecovered":
      return subsidyRecovered(t, event.payload, at);
  }
}

/** Registered by the composition root (src/domains.ts). */
export const ledgerConsumer: OutboxConsumer<(typeof LEDGER_TOPICS)[number]> = { name: LEDGER_CONSUMER, topics: LEDGER_TOPICS, handle: handleLedgerEvent };
