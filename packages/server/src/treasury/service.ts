// Treasury centralised payment (国库集中支付): a request draws on one indicator and reserves on it;
// the flow engine takes it through unit review and finance review (never by the person who entered
// it); the approved request is a payment order (支付凭证) sent to the agency bank in an export file;
// the bank's result file settles it (paid) or releases it (returned). Paid and returned payments
// write an outbox event for the ledger in the same transaction.
import { createHash } from "node:crypto";
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { amountInCapitals, formatYuan, maskBankCard, maskResidentId, scopeCovers } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { defineErrorCodes, invariant } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { containsPattern, scopeCondition } from "../platform/scope.ts";
import { decryptPersonal, encryptPersonal, residentIdBlindIndex, type DataKeys } from "../platform/crypto.ts";
import { publish, type PayloadOf } from "../platform/outbox.ts";
import { paymentEnteredTopic, paymentPaidTopic, paymentReturnedTopic, quotaSetTopic } from "./events.ts";
import { bindAttachments } from "../platform/attachments.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { appUser } from "../identity/index.ts";
import { budgetUnit } from "../org/index.ts";
import { startFlow, type FlowDefinition, type TransitionContext } from "../flow/index.ts";
import { appropriationFundNames, appropriationFundOf, appropriationFunds, budgetIndicator, isYearClosed, releaseReservation, reserveOnIndicator, settleReservation, spendingOfIndicator, expenditureKindNames, type AppropriationFund, type ExpenditureKind, type PaymentMethod, type Spending } from "../budget/index.ts";
import { parseCsv } from "../catalog/index.ts";
import { BANK_BATCH_PAYMENTS_MAX, BANK_RESULT_LINES_MAX, PAYMENT_ATTACHMENTS_MAX, bankExportCsv, checkPayee, chinaDate, chinaMonth, parseBankResult, paymentStatusNames, quotaYearOver, type PayeeInput } from "./rules.ts";
import { bankBatch, bankResultFile, paymentQuota, paymentRequest, type PaymentStatus } from "./tables.ts";
import { runPaymentChecks } from "./paymentChecks.ts";
import type { PaymentView, BankBatchView, BankResultSummary, QuotaView } from "@xiangcai/shared";
export type { PaymentView, BankBatchView, BankResultSummary, QuotaView };

export const fail = defineErrorCodes({
  INSUFFICIENT_AVAILABLE: 409,
  QUOTA_EXCEEDED: 409,
  METHOD_MISMATCH: 409,
  NOTHING_TO_SEND: 409,
  YEAR_CLOSED: 409,
});

export const PAYMENT_FLOW = "treasuryPayment";
export const PAYMENT_RESERVATION_SOURCE = "treasury.payment";
export const PAYMENT_ATTACHMENT_OWNER = "treasury.payment";

type PaymentRow = typeof paymentRequest.$inferSelect;
const who = (actor: Actor) => ({ id: actor.userId, name: actor.displayName });
const where = (regionCode: string, id: string) => and(eq(paymentRequest.regionCode, regionCode), eq(paymentRequest.id, id));

/** A running number per township and year, taken under a transaction lock so two requests never share one. */
async function nextNumber(tx: Db, kind: "payment" | "order" | "batch", regionCode: string, year: number): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${kind}No:${regionCode}:${year}`}))`);
  const prefix = { payment: "ZF", order: "PZ", batch: "YH" }[kind];
  const start = `${prefix}${year}${regionCode.slice(6, 9)}-`;
  const column = { payment: sql`payment_no`, order: sql`order_no`, batch: sql`batch_no` }[kind];
  const table = kind === "batch" ? sql`bank_batch` : sql`payment_request`;
  // Newest first along the (region_code, number) unique index: the first row found is the last number.
  const result = (await tx.execute(sql`select ${column} as last from ${table} where region_code = ${regionCode} and ${column} like ${`${start}%`} order by ${column} desc limit 1`)) as unknown as { rows: { last: string | null }[] };
  const last = result.rows[0]?.last;
  const next = last ? Number(last.slice(start.length)) + 1 : 1;
  return `${start}${String(next).padStart(6, "0")}`;
}

/** The quota row of a unit's month, kind and fund. */
const quotaKey = (k: { regionCode: string; budgetUnitId: string; fiscalYear: number; month: number; expenditureKind: ExpenditureKind; fund: AppropriationFund }) =>
  and(
    eq(paymentQuota.regionCode, k.regionCode),
    eq(paymentQuota.budgetUnitId, k.budgetUnitId),
    eq(paymentQuota.fiscalYear, k.fiscalYear),
    eq(paymentQuota.month, k.month),
    eq(paymentQuota.expenditureKind, k.expenditureKind),
    eq(paymentQuota.fund, k.fund),
  );

/** What a quota row is called in messages: 一般公共预算基本支出, 政府性基金项目支出, …. */
const quotaName = (k: { expenditureKind: ExpenditureKind; fund: AppropriationFund }): string => `${appropriationFundNames[k.fund]}${expenditureKindNames[k.expenditureKind]}`;

/**
 * Gives an authorised payment's amount (or the part refunded, `amountFen`) back to the quota it used:
 * its month, kind and fund (payments entered before quotas had a kind used the 基本支出 row, before
 * they had a fund the 一般公共预算 row).
 */
export async function returnQuota(tx: Db, p: PaymentRow, at: Date, amountFen: bigint = p.amountFen): Promise<void> {
  if (p.method !== "authorised" || p.quotaMonth === null) return;
  await tx
    .update(paymentQuota)
    .set({ usedFen: sql`${paymentQuota.usedFen} - ${amountFen}::bigint`, updatedAt: at })
    .where(quotaKey({ regionCode: p.regionCode, budgetUnitId: p.budgetUnitId, fiscalYear: p.fiscalYear, month: p.quotaMonth, expenditureKind: p.quotaKind ?? "basic", fund: p.quotaFund ?? "generalBudget" }));
}

// ---------------------------------------------------------------- the flow

export const paymentFlow: FlowDefinition = {
  code: PAYMENT_FLOW,
  name: "国库集中支付",
  entityType: "paymentRequest",
  initialState: "unitReview",
  states: {
    unitReview: { name: "待单位审核", roles: ["unitAccountant"], deadlineWorkingDays: 2 },
    financeReview: { name: "待财政所审核", roles: ["generalBudgetAccountant", "townshipDirector"], deadlineWorkingDays: 3 },
    approved: { name: "已开具支付凭证", roles: [], final: true },
    rejected: { name: "已退回作废", roles: [], final: true },
  },
  transitions: [
    { from: "unitReview", action: "approve", label: "单位审核通过", to: "financeReview", separateFromCreator: true },
    { from: "unitReview", action: "reject", label: "退回作废", to: "rejected", noteRequired: true },
    { from: "financeReview", action: "approve", label: "财政审核通过，开具支付凭证", to: "approved", separateFromCreator: true },
    { from: "financeReview", action: "reject", label: "退回作废", to: "rejected", noteRequired: true },
  ],
  onTransition: paymentTransition,
};

async function paymentTransition(tx: Db, ctx: TransitionContext): Promise<void> {
  const [p] = await tx.select().from(paymentRequest).where(where(ctx.regionCode, ctx.entityId)).for("update");
  invariant(p, "the flow's payment exists");
  let set: Partial<PaymentRow>;
  if (ctx.to === "financeReview") set = { status: "financeReview" };
  else if (ctx.to === "approved") {
    const [indicator] = await tx.select().from(budgetIndicator).where(and(eq(budgetIndicator.regionCode, p.regionCode), eq(budgetIndicator.id, p.indicatorId)));
    invariant(indicator, "a payment's indicator exists");
    await runPaymentChecks(tx, { regionCode: p.regionCode, stage: "financeApproval", indicatorId: indicator.id, budgetLineId: indicator.budgetLineId, fiscalYear: indicator.fiscalYear, budgetUnitId: indicator.budgetUnitId, amountFen: p.amountFen, actor: ctx.actor, at: ctx.at });
    set = { status: "approved", orderNo: await nextNumber(tx, "order", p.regionCode, p.fiscalYear), orderedAt: ctx.at };
  }
  else {
    await releaseReservation(tx, ctx.actor, { regionCode: p.regionCode, reservationId: p.reservationId, amountFen: p.amountFen }, ctx.at);
    await returnQuota(tx, p, ctx.at);
    set = { status: "cancelled", returnReason: ctx.note };
  }
  await tx.update(paymentRequest).set({ ...set, updatedAt: ctx.at }).where(where(p.regionCode, p.id));
  await recordAudit(tx, { regionCode: p.regionCode, actor: who(ctx.actor), action: `payment.${set.status}`, entityType: "paymentRequest", entityId: p.id, before: { status: p.status }, after: { status: set.status, orderNo: set.orderNo ?? null, note: ctx.note } }, ctx.at);
}

// ---------------------------------------------------------------- entering

export interface CreatePaymentInput {
  indicatorId: string;
  payee: PayeeInput;
  amountFen: bigint;
  purpose: string;
  method: PaymentMethod;
  /** Files uploaded before (POST /treasury/attachments), bound to the payment as it is entered. */
  attachmentIds?: readonly string[] | undefined;
  /** Names of paper documents listed without a stored file (demo data, older requests). */
  attachments?: readonly string[] | undefined;
}

/** Enters a payment request and reserves its amount; `keys` seal a person's ID and account (organisations need none). */
export async function createPayment(tx: Db, actor: Actor, keys: DataKeys | null, input: CreatePaymentInput, at: Date): Promise<PaymentView> {
  const [indicator] = await tx.select().from(budgetIndicator).where(eq(budgetIndicator.id, input.indicatorId));
  if (!indicator || !scopeCovers(actor.scopePrefix, indicator.regionCode)) return fail("OUT_OF_SCOPE", "预算指标不存在或不在您的数据范围内。");
  if (input.method !== indicator.paymentMethod) {
    fail("METHOD_MISMATCH", `该指标的支付方式为${indicator.paymentMethod === "direct" ? "直接支付" : "授权支付"}，请按指标的支付方式申请。`, [{ path: "method", message: "与指标的支付方式不符" }]);
  }
  await runPaymentChecks(tx, { regionCode: indicator.regionCode, stage: "entry", indicatorId: indicator.id, budgetLineId: indicator.budgetLineId, fiscalYear: indicator.fiscalYear, budgetUnitId: indicator.budgetUnitId, amountFen: input.amountFen, actor, at });
  if ((input.attachments?.length ?? 0) + (input.attachmentIds?.length ?? 0) > PAYMENT_ATTACHMENTS_MAX) fail("VALIDATION_FAILED", `附件最多 ${PAYMENT_ATTACHMENTS_MAX} 个。`);
  const payee = checkPayee(input.payee, at);
  if (!payee.ok) return fail("VALIDATION_FAILED", payee.errors.map((e) => e.message).join("；"), payee.errors);
  invariant(payee.kind === "organisation" || keys !== null, "personal data keys are given for a person payee");
  const regionCode = indicator.regionCode;
  const id = uuidv7(at.getTime());
  let quotaMonth: number | null = null;
  let quotaKind: ExpenditureKind | null = null;
  let quotaFund: AppropriationFund | null = null;
  if (input.method === "authorised") {
    // The month's quota of the indicator's kind and fund: 基本支出 and 项目支出, 一般公共预算, 政府性基金
    // and 国有资本经营 are issued separately (upper transfers are spent as 一般公共预算).
    quotaMonth = chinaMonth(at);
    const spending = await spendingOfIndicator(tx, indicator);
    quotaKind = spending.expenditureKind;
    quotaFund = appropriationFundOf(indicator.fundNature);
    const kindName = quotaName({ expenditureKind: quotaKind, fund: quotaFund });
    const quotaWhere = quotaKey({ regionCode, budgetUnitId: indicator.budgetUnitId, fiscalYear: indicator.fiscalYear, month: quotaMonth, expenditureKind: quotaKind, fund: quotaFund });
    const [used] = await tx
      .update(paymentQuota)
      .set({ usedFen: sql`${paymentQuota.usedFen} + ${input.amountFen}::bigint`, updatedAt: at })
      .where(and(quotaWhere, sql`${paymentQuota.usedFen} + ${input.amountFen}::bigint <= ${paymentQuota.quotaFen}`))
      .returning();
    if (!used) {
      const [quota] = await tx.select().from(paymentQuota).where(quotaWhere);
      fail("QUOTA_EXCEEDED", quota ? `本月${kindName}授权支付额度不足：额度 ${formatYuan(quota.quotaFen, { thousands: true })} 元，已用 ${formatYuan(quota.usedFen, { thousands: true })} 元。` : `该单位 ${indicator.fiscalYear} 年 ${quotaMonth} 月尚未下达${kindName}授权支付额度。`);
    }
  }
  const { reservationId } = await reserveOnIndicator(tx, actor, { regionCode, indicatorId: indicator.id, amountFen: input.amountFen, sourceType: PAYMENT_RESERVATION_SOURCE, sourceId: id }, at);
  const paymentNo = await nextNumber(tx, "payment", regionCode, indicator.fiscalYear);
  const files = await bindAttachments(tx, { regionCode, ownerKind: PAYMENT_ATTACHMENT_OWNER, ownerId: id, ids: input.attachmentIds ?? [], uploadedBy: actor.userId }, at);
  const row: PaymentRow = {
    regionCode,
    id,
    paymentNo,
    fiscalYear: indicator.fiscalYear,
    indicatorId: indicator.id,
    budgetUnitId: indicator.budgetUnitId,
    payeeKind: payee.kind,
    payeeName: payee.name,
    payeeCreditCode: payee.kind === "organisation" ? payee.creditCode : null,
    payeeIdSealed: payee.kind === "person" ? encryptPersonal(keys!, payee.residentId) : null,
    payeeIdMasked: payee.kind === "person" ? maskResidentId(payee.residentId) : null,
    payeeIdIndex: payee.kind === "person" ? residentIdBlindIndex(keys!, payee.residentId) : null,
    payeeAccount: payee.kind === "organisation" ? payee.account : null,
    payeeAccountSealed: payee.kind === "person" ? encryptPersonal(keys!, payee.account) : null,
    payeeAccountMasked: maskBankCard(payee.account),
    payeeBank: payee.bank,
    amountFen: input.amountFen,
    purpose: input.purpose,
    method: input.method,
    attachments: [...(input.attachments ?? []), ...files.map((f) => f.fileName)],
    status: "unitReview",
    quotaMonth,
    quotaKind,
    quotaFund,
    reservationId,
    flowInstanceId: null,
    orderNo: null,
    orderedAt: null,
    bankBatchId: null,
    paidAt: null,
    returnedAt: null,
    returnReason: null,
    createdBy: actor.userId,
    createdAt: at,
    updatedAt: at,
  };
  await tx.insert(paymentRequest).values(row);
  const instance = await startFlow(tx, actor, { flowCode: PAYMENT_FLOW, regionCode, entityId: id, title: `支付申请 ${paymentNo}：${payee.name} ${formatYuan(input.amountFen, { thousands: true })} 元` }, at);
  await tx.update(paymentRequest).set({ flowInstanceId: instance.id }).where(where(regionCode, id));
  await recordAudit(tx, { regionCode, actor: who(actor), action: "payment.entered", entityType: "paymentRequest", entityId: id, after: { paymentNo, indicatorId: indicator.id, payeeName: payee.name, payeeAccount: row.payeeAccountMasked, amount: formatYuan(input.amountFen), method: input.method, purpose: input.purpose } }, at);
  await publish(tx, paymentEnteredTopic, { regionCode, payload: { paymentId: id, regionCode, budgetUnitId: indicator.budgetUnitId, indicatorId: indicator.id, amount: formatYuan(input.amountFen), payeeName: payee.name, attachmentCount: row.attachments.length, enteredOn: chinaDate(at) } }, at);
  return getPayment(tx, actor, id);
}

// ---------------------------------------------------------------- reading

function paymentQuery(db: Db) {
  return db
    .select({
      p: paymentRequest,
      i: budgetIndicator,
      unitName: budgetUnit.name,
      createdByName: appUser.displayName,
      refundedFen: sql<string>`(select coalesce(sum(r.amount_fen), 0)::text from payment_refund r where r.region_code = ${paymentRequest.regionCode} and r.payment_id = ${paymentRequest.id})`,
    })
    .from(paymentRequest)
    .innerJoin(budgetIndicator, and(eq(budgetIndicator.regionCode, paymentRequest.regionCode), eq(budgetIndicator.id, paymentRequest.indicatorId)))
    .leftJoin(budgetUnit, and(eq(budgetUnit.regionCode, paymentRequest.regionCode), eq(budgetUnit.id, paymentRequest.budgetUnitId)))
    .leftJoin(appUser, eq(appUser.id, paymentRequest.createdBy));
}

type Found = Awaited<ReturnType<ReturnType<typeof paymentQuery>["where"]>>[number];

function viewPayment({ p, i, unitName, createdByName, refundedFen }: Found): PaymentView {
  const refunded = BigInt(refundedFen);
  return {
    id: p.id,
    paymentNo: p.paymentNo,
    regionCode: p.regionCode,
    fiscalYear: p.fiscalYear,
    indicatorId: p.indicatorId,
    indicatorSummary: i.summary,
    indicatorDocumentNo: i.documentNo,
    functionalCode: i.functionalCode,
    economicCode: i.economicCode,
    fundNature: i.fundNature,
    budgetUnitId: p.budgetUnitId,
    budgetUnitName: unitName ?? "",
    payeeKind: p.payeeKind,
    payeeName: p.payeeName,
    payeeCreditCode: p.payeeCreditCode,
    payeeIdMasked: p.payeeIdMasked,
    // An organisation's account is not personal information and is printed on the order in full.
    payeeAccount: p.payeeAccount ?? p.payeeAccountMasked,
    payeeBank: p.payeeBank,
    amount: formatYuan(p.amountFen),
    amountInCapitals: amountInCapitals(p.amountFen),
    purpose: p.purpose,
    method: p.method,
    attachments: p.attachments,
    status: p.status,
    statusName: paymentStatusNames[p.status],
    flowInstanceId: p.flowInstanceId,
    orderNo: p.orderNo,
    orderedAt: p.orderedAt?.toISOString() ?? null,
    bankBatchId: p.bankBatchId,
    paidAt: p.paidAt?.toISOString() ?? null,
    returnedAt: p.returnedAt?.toISOString() ?? null,
    returnReason: p.returnReason,
    refunded: formatYuan(refunded),
    refundable: formatYuan(p.status === "paid" ? p.amountFen - refunded : 0n),
    createdByName: createdByName ?? "",
    createdAt: p.createdAt.toISOString(),
  };
}

export async function getPayment(db: Db, actor: Actor, id: string): Promise<PaymentView> {
  const [found] = await paymentQuery(db).where(and(eq(paymentRequest.id, id), scopeCondition(paymentRequest.regionCode, actor.scopePrefix)));
  if (!found) return fail("OUT_OF_SCOPE", "支付申请不存在或不在您的数据范围内。");
  return viewPayment(found);
}

export interface PaymentFilter {
  regionCode?: string | undefined;
  fiscalYear?: number | undefined;
  status?: PaymentStatus | undefined;
  method?: PaymentMethod | undefined;
  budgetUnitId?: string | undefined;
  indicatorId?: string | undefined;
  bankBatchId?: string | undefined;
  q?: string | undefined;
}

export async function listPayments(db: Db, actor: Actor, filter: PaymentFilter, page: { limit: number; offset: number }): Promise<{ items: PaymentView[]; total: number }> {
  const p = paymentRequest;
  const conditions: SQL[] = [scopeCondition(p.regionCode, actor.scopePrefix)];
  if (filter.regionCode) conditions.push(eq(p.regionCode, filter.regionCode));
  if (filter.fiscalYear) conditions.push(eq(p.fiscalYear, filter.fiscalYear));
  if (filter.status) conditions.push(eq(p.status, filter.status));
  if (filter.method) conditions.push(eq(p.method, filter.method));
  if (filter.budgetUnitId) conditions.push(eq(p.budgetUnitId, filter.budgetUnitId));
  if (filter.indicatorId) conditions.push(eq(p.indicatorId, filter.indicatorId));
  if (filter.bankBatchId) conditions.push(eq(p.bankBatchId, filter.bankBatchId));
  if (filter.q) conditions.push(or(ilike(p.payeeName, containsPattern(filter.q)), ilike(p.paymentNo, containsPattern(filter.q)), ilike(p.orderNo, containsPattern(filter.q)), ilike(p.purpose, containsPattern(filter.q)))!);
  const condition = and(...conditions);
  const found = await paymentQuery(db).where(condition).orderBy(desc(p.createdAt)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(p).where(condition);
  return { items: found.map(viewPayment), total: count?.n ?? 0 };
}

// ---------------------------------------------------------------- bank

const viewBatch = (b: typeof bankBatch.$inferSelect): BankBatchView => ({ id: b.id, regionCode: b.regionCode, batchNo: b.batchNo, paymentCount: b.paymentCount, total: formatYuan(b.totalFen), createdAt: b.createdAt.toISOString() });

/** Puts approved payment orders of a township into one export batch for the agency bank. */
export async function createBankBatch(tx: Db, actor: Actor, input: { regionCode: string; paymentIds?: string[] | undefined }, at: Date): Promise<BankBatchView> {
  if (!scopeCovers(actor.scopePrefix, input.regionCode)) return fail("OUT_OF_SCOPE", "乡镇不在您的数据范围内。");
  const conditions: SQL[] = [eq(paymentRequest.regionCode, input.regionCode), eq(paymentRequest.status, "approved")];
  if (input.paymentIds?.length) conditions.push(inArray(paymentRequest.id, input.paymentIds));
  const payments = await tx.select().from(paymentRequest).where(and(...conditions)).orderBy(asc(paymentRequest.orderNo)).limit(BANK_BATCH_PAYMENTS_MAX).for("update");
  if (payments.length === 0) return fail("NOTHING_TO_SEND", "没有待发送银行的支付凭证。");
  const year = Number(chinaDate(at).slice(0, 4));
  const batch = { regionCode: input.regionCode, id: uuidv7(at.getTime()), batchNo: await nextNumber(tx, "batch", input.regionCode, year), paymentCount: payments.length, totalFen: payments.reduce((s, p) => s + p.amountFen, 0n), createdBy: actor.userId, createdAt: at };
  await tx.insert(bankBatch).values(batch);
  await tx.update(paymentRequest).set({ status: "sent", bankBatchId: batch.id, updatedAt: at }).where(and(eq(paymentRequest.regionCode, input.regionCode), inArray(paymentRequest.id, payments.map((p) => p.id))));
  await recordAudit(tx, { regionCode: input.regionCode, actor: who(actor), action: "payment.sentToBank", entityType: "bankBatch", entityId: batch.id, after: { batchNo: batch.batchNo, orders: payments.map((p) => p.orderNo), total: formatYuan(batch.totalFen) } }, at);
  return viewBatch(batch);
}

export async function listBankBatches(db: Db, actor: Actor, filter: { regionCode?: string | undefined }, page: { limit: number; offset: number }) {
  const conditions: SQL[] = [scopeCondition(bankBatch.regionCode, actor.scopePrefix)];
  if (filter.regionCode) conditions.push(eq(bankBatch.regionCode, filter.regionCode));
  const condition = and(...conditions);
  const found = await db.select().from(bankBatch).where(condition).orderBy(desc(bankBatch.createdAt)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(bankBatch).where(condition);
  return { items: found.map(viewBatch), total: count?.n ?? 0 };
}

/** The export file of a batch, with full account numbers (decrypted here, never stored in clear). */
export async function bankBatchFile(db: Db, actor: Actor, keys: DataKeys, batchId: string): Promise<{ fileName: string; content: string }> {
  const [batch] = await db.select().from(bankBatch).where(and(eq(bankBatch.id, batchId), scopeCondition(bankBatch.regionCode, actor.scopePrefix)));
  if (!batch) return fail("OUT_OF_SCOPE", "银行批次不存在或不在您的数据范围内。");
  const payments = await db.select().from(paymentRequest).where(and(eq(paymentRequest.regionCode, batch.regionCode), eq(paymentRequest.bankBatchId, batch.id))).orderBy(asc(paymentRequest.orderNo));
  const lines = payments.map((p) => ({
    orderNo: p.orderNo ?? "",
    payeeName: p.payeeName,
    account: p.payeeAccount ?? decryptPersonal(keys, p.payeeAccountSealed ?? ""),
    bank: p.payeeBank,
    amountFen: p.amountFen,
    purpose: p.purpose,
  }));
  return { fileName: `${batch.batchNo}.csv`, content: bankExportCsv(batch.batchNo, lines) };
}

/** The payment event's facts; `spending` (spendingOfIndicator) adds 基本支出/项目支出 and the project. */
export function paymentEventPayload(p: PaymentRow, i: typeof budgetIndicator.$inferSelect, at: Date, spending?: Spending | null): PayloadOf<typeof paymentPaidTopic> {
  return {
    paymentId: p.id,
    regionCode: p.regionCode,
    budgetUnitId: p.budgetUnitId,
    indicatorId: p.indicatorId,
    amount: formatYuan(p.amountFen),
    method: p.method,
    functionalCode: i.functionalCode,
    economicCode: i.economicCode,
    fundNature: i.fundNature,
    ...(spending ? { expenditureKind: spending.expenditureKind, projectId: spending.projectId, project: spending.project } : {}),
    payeeName: p.payeeName,
    purpose: p.purpose,
    paidAt: chinaDate(p.paidAt ?? at),
  };
}

/**
 * Imports the bank's result file. The same file twice changes nothing the second time (its hash is
 * unique); a line for a payment that is not waiting for the bank is reported and ignored.
 */
export async function importBankResult(tx: Db, actor: Actor, input: { regionCode: string; content: string }, at: Date): Promise<BankResultSummary> {
  if (!scopeCovers(actor.scopePrefix, input.regionCode)) return fail("OUT_OF_SCOPE", "乡镇不在您的数据范围内。");
  const normalized = input.content.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").trim();
  const fileHash = createHash("sha256").update(normalized).digest("hex");
  const id = uuidv7(at.getTime());
  // Two imports of one file wait for each other here; the second then finds the first's record.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`bankResult:${input.regionCode}:${fileHash}`}))`);
  const [earlier] = await tx.select().from(bankResultFile).where(and(eq(bankResultFile.regionCode, input.regionCode), eq(bankResultFile.fileHash, fileHash)));
  if (earlier) return { ...(earlier.summary as BankResultSummary), alreadyImported: true };
  const records = parseCsv(normalized);
  if (records.length > BANK_RESULT_LINES_MAX) fail("VALIDATION_FAILED", `回盘文件最多 ${BANK_RESULT_LINES_MAX} 行。`);
  const parsed = parseBankResult(records);
  // A file with a wrong line is refused whole, and nothing is recorded.
  if (parsed.errors.length) return fail("VALIDATION_FAILED", `回盘文件有 ${parsed.errors.length} 行不正确：${parsed.errors.slice(0, 5).map((e) => `第${e.line}行 ${e.message}`).join("；")}`, parsed.errors.map((e) => ({ path: `line.${e.line}`, message: e.message })));
  const summary: BankResultSummary = { fileId: id, paid: 0, returned: 0, ignored: [], errors: [], alreadyImported: false };
  for (const line of parsed.lines) {
    const [p] = await tx.select().from(paymentRequest).where(and(eq(paymentRequest.regionCode, input.regionCode), eq(paymentRequest.orderNo, line.orderNo))).for("update");
    if (!p) {
      summary.ignored.push({ line: line.line, orderNo: line.orderNo, reason: "本乡镇没有该支付凭证" });
      continue;
    }
    if (p.status !== "sent") {
      summary.ignored.push({ line: line.line, orderNo: line.orderNo, reason: `支付凭证当前状态为“${paymentStatusNames[p.status]}”，不在银行处理中` });
      continue;
    }
    if (line.amountFen !== null && line.amountFen !== p.amountFen) {
      summary.ignored.push({ line: line.line, orderNo: line.orderNo, reason: `金额 ${formatYuan(line.amountFen)} 与支付凭证金额 ${formatYuan(p.amountFen)} 不符，请与银行核对` });
      continue;
    }
    const [indicator] = await tx.select().from(budgetIndicator).where(and(eq(budgetIndicator.regionCode, p.regionCode), eq(budgetIndicator.id, p.indicatorId)));
    invariant(indicator, "a payment's indicator exists");
    const spending = await spendingOfIndicator(tx, indicator);
    if (line.outcome === "paid") {
      await settleReservation(tx, actor, { regionCode: p.regionCode, reservationId: p.reservationId, amountFen: p.amountFen }, at);
      await tx.update(paymentRequest).set({ status: "paid", paidAt: at, updatedAt: at }).where(where(p.regionCode, p.id));
      await publish(tx, paymentPaidTopic, { regionCode: p.regionCode, payload: paymentEventPayload({ ...p, paidAt: at }, indicator, at, spending) }, at);
      summary.paid++;
    } else {
      await releaseReservation(tx, actor, { regionCode: p.regionCode, reservationId: p.reservationId, amountFen: p.amountFen }, at);
      await returnQuota(tx, p, at);
      await tx.update(paymentRequest).set({ status: "returned", returnedAt: at, returnReason: line.reason, updatedAt: at }).where(where(p.regionCode, p.id));
      await publish(tx, paymentReturnedTopic, { regionCode: p.regionCode, payload: { ...paymentEventPayload(p, indicator, at, spending), reason: line.reason, returnedAt: chinaDate(at) } }, at);
      summary.returned++;
    }
    await recordAudit(tx, { regionCode: p.regionCode, actor: who(actor), action: line.outcome === "paid" ? "payment.paid" : "payment.returned", entityType: "paymentRequest", entityId: p.id, before: { status: "sent" }, after: { status: line.outcome, orderNo: p.orderNo, reason: line.reason, resultFile: id } }, at);
  }
  await tx.insert(bankResultFile).values({ regionCode: input.regionCode, id, fileHash, paidCount: summary.paid, returnedCount: summary.returned, ignoredCount: summary.ignored.length, summary, importedBy: actor.userId, importedAt: at });
  await recordAudit(tx, { regionCode: input.regionCode, actor: who(actor), action: "bankResult.imported", entityType: "bankResultFile", entityId: id, after: { paid: summary.paid, returned: summary.returned, ignored: summary.ignored.length } }, at);
  return summary;
}

// ---------------------------------------------------------------- quotas

const viewQuota = (q: typeof paymentQuota.$inferSelect, unitName: string | null): QuotaView => ({
  regionCode: q.regionCode,
  budgetUnitId: q.budgetUnitId,
  budgetUnitName: unitName ?? "",
  fiscalYear: q.fiscalYear,
  month: q.month,
  expenditureKind: q.expenditureKind,
  fund: q.fund,
  fundName: appropriationFundNames[q.fund],
  quota: formatYuan(q.quotaFen),
  used: formatYuan(q.usedFen),
  remaining: formatYuan(q.quotaFen - q.usedFen),
});

/**
 * Sets a unit's authorised-payment quota of a month, kind (基本支出 / 项目支出) and fund (一般公共预算 /
 * 政府性基金 / 国有资本经营), each issued separately.
 */
export async function setQuota(
  tx: Db,
  actor: Actor,
  input: { regionCode: string; budgetUnitId: string; fiscalYear: number; month: number; expenditureKind: ExpenditureKind; fund: AppropriationFund; quotaFen: bigint },
  at: Date,
): Promise<QuotaView> {
  if (!scopeCovers(actor.scopePrefix, input.regionCode)) return fail("OUT_OF_SCOPE", "乡镇不在您的数据范围内。");
  const [unit] = await tx.select().from(budgetUnit).where(and(eq(budgetUnit.regionCode, input.regionCode), eq(budgetUnit.id, input.budgetUnitId)));
  if (unit?.status !== "active") return fail("VALIDATION_FAILED", "预算单位不存在或尚未登记生效。", [{ path: "budgetUnitId", message: "请选择已登记的预算单位" }]);
  if (!appropriationFunds.includes(input.fund)) return fail("VALIDATION_FAILED", "资金性质应为一般公共预算、政府性基金或国有资本经营。", [{ path: "fund", message: "请选择资金性质" }]);
  // At the year end the unused quota is cancelled (年终注销) and carried over by the budget: a closed
  // year's quota no longer exists to change, and the unit's ledger has closed that year's months.
  if (quotaYearOver(input.fiscalYear, at)) fail("YEAR_CLOSED", `${input.fiscalYear} 年度已经结束，该年度的授权支付额度已在年终注销，不能再设置或调整。`, [{ path: "fiscalYear", message: "年度已结束" }]);
  if (await isYearClosed(tx, input.regionCode, input.fiscalYear)) fail("YEAR_CLOSED", `${input.fiscalYear} 年度已结账，该年度的授权支付额度已在年终注销，不能再调整。`, [{ path: "fiscalYear", message: "年度已结账" }]);
  const [before] = await tx.select().from(paymentQuota).where(quotaKey(input)).for("update");
  if (before && input.quotaFen < before.usedFen) fail("QUOTA_EXCEEDED", `额度不能低于本月已用的 ${formatYuan(before.usedFen, { thousands: true })} 元。`, [{ path: "quota", message: "低于已用额度" }]);
  const [row] = await tx
    .insert(paymentQuota)
    .values({ ...input, usedFen: 0n, updatedBy: actor.userId, updatedAt: at })
    .onConflictDoUpdate({ target: [paymentQuota.regionCode, paymentQuota.budgetUnitId, paymentQuota.fiscalYear, paymentQuota.month, paymentQuota.expenditureKind, paymentQuota.fund], set: { quotaFen: input.quotaFen, updatedBy: actor.userId, updatedAt: at } })
    .returning();
  invariant(row, "the quota row is returned");
  const beforeFen = before?.quotaFen ?? 0n;
  // The unit's ledger posts the quota received (授权支付额度到账), or taken back, for the change.
  if (input.quotaFen !== beforeFen) {
    await publish(tx, quotaSetTopic, { regionCode: input.regionCode, payload: { regionCode: input.regionCode, budgetUnitId: input.budgetUnitId, fiscalYear: input.fiscalYear, month: input.month, expenditureKind: input.expenditureKind, fund: input.fund, before: formatYuan(beforeFen), after: formatYuan(input.quotaFen), setOn: chinaDate(at) } }, at);
  }
  await recordAudit(
    tx,
    {
      regionCode: input.regionCode,
      actor: who(actor),
      action: "paymentQuota.set",
      entityType: "paymentQuota",
      entityId: `${input.budgetUnitId}/${input.fiscalYear}-${input.month}${input.expenditureKind === "basic" ? "" : `/${input.expenditureKind}`}${input.fund === "generalBudget" ? "" : `/${input.fund}`}`,
      before: before ? { quota: formatYuan(before.quotaFen) } : null,
      after: { quota: formatYuan(input.quotaFen), expenditureKind: expenditureKindNames[input.expenditureKind], fund: appropriationFundNames[input.fund] },
    },
    at,
  );
  return viewQuota(row, unit!.name);
}

export async function listQuotas(db: Db, actor: Actor, filter: { regionCode?: string | undefined; fiscalYear?: number | undefined; month?: number | undefined; budgetUnitId?: string | undefined; expenditureKind?: ExpenditureKind | undefined; fund?: AppropriationFund | undefined; unitName?: string | undefined }, page: { limit: number; offset: number }) {
  const conditions: SQL[] = [scopeCondition(paymentQuota.regionCode, actor.scopePrefix)];
  if (filter.regionCode) conditions.push(eq(paymentQuota.regionCode, filter.regionCode));
  if (filter.fiscalYear) conditions.push(eq(paymentQuota.fiscalYear, filter.fiscalYear));
  if (filter.month) conditions.push(eq(paymentQuota.month, filter.month));
  if (filter.budgetUnitId) conditions.push(eq(paymentQuota.budgetUnitId, filter.budgetUnitId));
  if (filter.expenditureKind) conditions.push(eq(paymentQuota.expenditureKind, filter.expenditureKind));
  if (filter.fund) conditions.push(eq(paymentQuota.fund, filter.fund));
  if (filter.unitName) conditions.push(ilike(budgetUnit.name, containsPattern(filter.unitName)));
  const condition = and(...conditions);
  const unitOfQuota = and(eq(budgetUnit.regionCode, paymentQuota.regionCode), eq(budgetUnit.id, paymentQuota.budgetUnitId));
  const found = await db
    .select({ q: paymentQuota, unitName: budgetUnit.name })
    .from(paymentQuota)
    .leftJoin(budgetUnit, unitOfQuota)
    .where(condition)
    .orderBy(desc(paymentQuota.fiscalYear), desc(paymentQuota.month), asc(budgetUnit.name), asc(paymentQuota.expenditureKind), asc(paymentQuota.fund))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(paymentQuota).leftJoin(budgetUnit, unitOfQuota).where(condition);
  return {
    items: found.map(({ q, unitName }) => viewQuota(q, unitName)),
    total: count?.n ?? 0,
  };
}

/** Person payees entered before their IDs were blind-indexed (migration 0020) without one, at most this many per call. */
export const PAYEE_INDEX_BATCH = 1_000;

/**
 * Gives person payees entered before migration 0020 the blind index of their ID, so supervision can
 * find one person across payments. Only the index column changes; final rows let exactly that
 * through under the key-rotation guard (migration 0010), which this is: an index recomputed from the
 * sealed value. Returns how many rows it indexed (0 once every row has its index).
 */
export async function indexPayeeIds(tx: Db, keys: DataKeys): Promise<number> {
  const missing = await tx
    .select({ regionCode: paymentRequest.regionCode, id: paymentRequest.id, sealed: paymentRequest.payeeIdSealed })
    .from(paymentRequest)
    .where(and(eq(paymentRequest.payeeKind, "person"), sql`${paymentRequest.payeeIdIndex} is null`))
    .limit(PAYEE_INDEX_BATCH);
  if (missing.length === 0) return 0;
  await tx.execute(sql`set local xiangcai.key_rotation = 'on'`);
  for (const row of missing) {
    invariant(row.sealed, "a person payee has a sealed ID");
    const index = residentIdBlindIndex(keys, decryptPersonal(keys, row.sealed));
    await tx.update(paymentRequest).set({ payeeIdIndex: index }).where(where(row.regionCode, row.id));
  }
  await tx.execute(sql`set local xiangcai.key_rotation = 'off'`);
  return missing.length;
}
