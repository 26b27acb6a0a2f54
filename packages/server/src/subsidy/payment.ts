// Paying a roster: disbursement batches, the agency bank's file, bank results (settling the indicator
// and announcing subsidy.linesPaid), card corrections, the re-payment list, and recoveries of wrong
// payments (announcing subsidy.linesRecovered when the money is back).
import { and, asc, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { formatYuan, maskBankCard } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { invariant } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { scopeCondition } from "../platform/scope.ts";
import { decryptPersonal, encryptPersonal, type DataKeys } from "../platform/crypto.ts";
import { publish } from "../platform/outbox.ts";
import { linesPaidTopic, linesRecoveredTopic } from "./events.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { settleReservation } from "../budget/index.ts";
import { chinaDate, referenceNo, BATCH_LINES_MAX, bankFileRow, type BankLayout, type BankResultLine, type LineStatus } from "./rules.ts";
import { cardIndex } from "./check.ts";
import { bankLayouts } from "./settings.ts";
import { subsidyBankResult, subsidyBatch, subsidyDisbursement, subsidyLinePayment, subsidyObjection, subsidyRecipient, subsidyRecovery, subsidyRecoveryReceipt, subsidyRoster, subsidyRosterLine, type AccountType } from "./tables.ts";
import { LINE_INSERT_CHUNK, fail, who } from "./common.ts";
import { getItem } from "./items.ts";
import { validCard } from "./registry.ts";
import { type LineView, linesByNo, listLines, paymentFacts } from "./rosterLines.ts";
import { lockRoster, rosterView } from "./rosters.ts";
import type { SubsidyBatchView as BatchView, SubsidyResultReport as ResultImportReport } from "@xiangcai/shared";
export type { BatchView, ResultImportReport };

async function batchView(db: Db, b: typeof subsidyBatch.$inferSelect): Promise<BatchView> {
  const results = await db
    .select({ outcome: subsidyBankResult.outcome, n: sql<bigint>`count(*)` })
    .from(subsidyDisbursement)
    .leftJoin(subsidyBankResult, and(eq(subsidyBankResult.regionCode, subsidyDisbursement.regionCode), eq(subsidyBankResult.referenceNo, subsidyDisbursement.referenceNo)))
    .where(and(eq(subsidyDisbursement.regionCode, b.regionCode), eq(subsidyDisbursement.batchId, b.id)))
    .groupBy(subsidyBankResult.outcome);
  const n = (o: string | null) => Number(results.find((r) => r.outcome === o)?.n ?? 0n);
  return { id: b.id, regionCode: b.regionCode, rosterId: b.rosterId, batchNo: b.batchNo, bankCode: b.bankCode, kind: b.kind, lineCount: b.lineCount, total: formatYuan(b.totalFen), createdAt: b.createdAt.toISOString(), paidCount: n("paid"), failedCount: n("failed"), pendingCount: n(null) };
}

export async function listBatches(db: Db, actor: Actor, filter: { rosterId?: string | undefined }, page: { limit: number; offset: number }) {
  const conditions: SQL[] = [scopeCondition(subsidyBatch.regionCode, actor.scopePrefix.slice(0, 9))];
  if (actor.scopePrefix.length === 12) return { items: [], total: 0 };
  if (filter.rosterId) conditions.push(eq(subsidyBatch.rosterId, filter.rosterId));
  const where = and(...conditions);
  const found = await db.select().from(subsidyBatch).where(where).orderBy(desc(subsidyBatch.createdAt)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<bigint>`count(*)` }).from(subsidyBatch).where(where);
  const items: BatchView[] = [];
  for (const b of found) items.push(await batchView(db, b));
  return { items, total: Number(count?.n ?? 0n) };
}

async function lockBatch(tx: Db, actor: Actor, id: string) {
  const [b] = await tx.select().from(subsidyBatch).where(and(eq(subsidyBatch.id, id), scopeCondition(subsidyBatch.regionCode, actor.scopePrefix)));
  if (!b || actor.scopePrefix.length === 12) return fail("OUT_OF_SCOPE", "发放批次不存在或不在您的数据范围内。");
  return b;
}

export async function getBatch(db: Db, actor: Actor, id: string): Promise<BatchView> {
  return batchView(db, await lockBatch(db, actor, id));
}

/**
 * Makes a disbursement batch: the roster's lines not yet sent (first) or whose last attempt failed
 * (repayment), leaving out withdrawn lines and lines with an open objection. Each line gets its own
 * reference number. The roster's reservation covers every batch of the roster.
 */
export async function createBatch(tx: Db, actor: Actor, rosterId: string, input: { bankCode: string; kind: "first" | "repayment" }, at: Date): Promise<BatchView> {
  const roster = await lockRoster(tx, actor, rosterId);
  if (roster.status !== "payment") fail("NOT_EDITABLE", "清册须经区财政审核通过后才能发放。");
  const layouts = await bankLayouts(tx, roster.regionCode);
  if (!layouts.some((l) => l.code === input.bankCode)) fail("VALIDATION_FAILED", `未配置代发银行 ${input.bankCode}。`, [{ path: "bankCode", message: "代发银行不存在" }]);
  const lines = await tx
    .select()
    .from(subsidyRosterLine)
    .where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, rosterId), eq(subsidyRosterLine.withdrawn, false)))
    .orderBy(asc(subsidyRosterLine.lineNo));
  const facts = await paymentFacts(tx, roster.regionCode, rosterId, null);
  const held = new Set(
    (
      await tx
        .select({ lineNo: subsidyObjection.lineNo })
        .from(subsidyObjection)
        .where(and(eq(subsidyObjection.regionCode, roster.regionCode), eq(subsidyObjection.rosterId, rosterId), isNull(subsidyObjection.outcome)))
    ).map((o) => o.lineNo),
  );
  const wanted: LineStatus = input.kind === "first" ? "unpaid" : "failed";
  const chosen = lines.filter((l) => !held.has(l.lineNo) && facts(l.lineNo).status === wanted && l.amountFen > 0n && l.cardSealed);
  if (chosen.length === 0) fail("NOTHING_TO_PAY", input.kind === "first" ? "没有待发放的人员（有异议未处理的人员暂不发放）。" : "重发名单为空。");
  if (chosen.length > BATCH_LINES_MAX) fail("VALIDATION_FAILED", `一个批次最多 ${BATCH_LINES_MAX} 行。`);
  const [{ n }] = (await tx.select({ n: sql<bigint>`count(*)` }).from(subsidyBatch).where(eq(subsidyBatch.regionCode, roster.regionCode))) as [{ n: bigint }];
  const batchNo = `${roster.regionCode}${chinaDate(at).replaceAll("-", "")}${String(Number(n) + 1).padStart(4, "0")}`;
  const id = uuidv7(at.getTime());
  const totalFen = chosen.reduce((s, l) => s + l.amountFen, 0n);
  await tx.insert(subsidyBatch).values({ regionCode: roster.regionCode, id, rosterId, batchNo, bankCode: input.bankCode, kind: input.kind, lineCount: chosen.length, totalFen, createdBy: actor.userId, createdAt: at });
  const rows = chosen.map((l, i) => ({
    regionCode: roster.regionCode,
    referenceNo: referenceNo(batchNo, i + 1),
    batchId: id,
    rosterId,
    lineNo: l.lineNo,
    name: l.name,
    cardSealed: l.cardSealed!,
    cardMasked: l.cardMasked,
    bankName: l.bankName,
    amountFen: l.amountFen,
    createdAt: at,
  }));
  for (let i = 0; i < rows.length; i += LINE_INSERT_CHUNK) await tx.insert(subsidyDisbursement).values(rows.slice(i, i + LINE_INSERT_CHUNK));
  invariant(rows.reduce((s, r) => s + r.amountFen, 0n) === totalFen, "a batch's lines add up to its total");
  await recordAudit(tx, { regionCode: roster.regionCode, actor: who(actor), action: "subsidy.batchCreated", entityType: "subsidyBatch", entityId: id, after: { rosterId, batchNo, kind: input.kind, bankCode: input.bankCode, lines: chosen.length, total: formatYuan(totalFen) } }, at);
  const [b] = await tx.select().from(subsidyBatch).where(and(eq(subsidyBatch.regionCode, roster.regionCode), eq(subsidyBatch.id, id)));
  return batchView(tx, b!);
}

export interface BankFile {
  filename: string;
  contentType: string;
  layout: BankLayout;
  header: string[];
  rows: string[][];
}

/** The agency bank's file for a batch (full card numbers: the export is audited). */
export async function bankFileOf(tx: Db, actor: Actor, keys: DataKeys, batchId: string, at: Date): Promise<BankFile> {
  const b = await lockBatch(tx, actor, batchId);
  const layout = (await bankLayouts(tx, b.regionCode)).find((l) => l.code === b.bankCode);
  if (!layout) return fail("VALIDATION_FAILED", `未配置代发银行 ${b.bankCode}。`);
  const [roster] = await tx.select().from(subsidyRoster).where(and(eq(subsidyRoster.regionCode, b.regionCode), eq(subsidyRoster.id, b.rosterId)));
  invariant(roster, "a batch's roster exists");
  const item = await getItem(tx, b.regionCode, roster.itemCode);
  const lines = await tx.select().from(subsidyDisbursement).where(and(eq(subsidyDisbursement.regionCode, b.regionCode), eq(subsidyDisbursement.batchId, b.id))).orderBy(asc(subsidyDisbursement.referenceNo));
  const rows = lines.map((l) => bankFileRow(layout, { referenceNo: l.referenceNo, name: l.name, card: decryptPersonal(keys, l.cardSealed), amountFen: l.amountFen, bank: l.bankName, item: item.name, period: roster.period }));
  await recordAudit(tx, { regionCode: b.regionCode, actor: who(actor), action: "subsidy.bankFileExported", entityType: "subsidyBatch", entityId: b.id, after: { batchNo: b.batchNo, bankCode: b.bankCode, lines: lines.length } }, at);
  return {
    filename: `${b.batchNo}.${layout.format}`,
    contentType: layout.format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    layout,
    header: layout.columns.map((c) => c.header),
    rows,
  };
}

/**
 * Imports a bank result (by reference number). A reference already answered is skipped, so the
 * same file imported twice changes nothing; a paid line settles its share of the reservation and
 * the lines paid are announced to the ledger (subsidy.linesPaid) in this transaction. A second
 * "paid" for a line already paid cannot be recorded as paid (primary key): it becomes a recovery.
 */
export async function importBankResult(tx: Db, actor: Actor, batchId: string, lines: BankResultLine[], at: Date): Promise<ResultImportReport> {
  const b = await lockBatch(tx, actor, batchId);
  const [roster] = await tx.select().from(subsidyRoster).where(and(eq(subsidyRoster.regionCode, b.regionCode), eq(subsidyRoster.id, b.rosterId))).for("update");
  invariant(roster, "a batch's roster exists");
  const known = await tx.select().from(subsidyDisbursement).where(and(eq(subsidyDisbursement.regionCode, b.regionCode), eq(subsidyDisbursement.batchId, b.id)));
  const byRef = new Map(known.map((d) => [d.referenceNo, d]));
  const unknown = lines.filter((l) => !byRef.has(l.referenceNo));
  if (unknown.length) fail("BANK_RESULT_UNKNOWN_REFERENCE", `回盘文件中有 ${unknown.length} 个参考号不属于本批次（如 ${unknown[0]!.referenceNo}），未导入。`);
  const seen = new Set<string>();
  const report: ResultImportReport = { lines: lines.length, newlyPaid: 0, newlyFailed: 0, alreadyKnown: 0, duplicatePayments: 0, paidAmount: "0.00" };
  let paidFen = 0n;
  let paidCount = 0;
  let paidAt = "";
  const today = chinaDate(at);
  for (const line of lines) {
    if (seen.has(line.referenceNo)) continue;
    seen.add(line.referenceNo);
    const d = byRef.get(line.referenceNo)!;
    const inserted = await tx
      .insert(subsidyBankResult)
      .values({ regionCode: b.regionCode, referenceNo: line.referenceNo, outcome: line.outcome, reason: line.reason.slice(0, 200), paidOn: line.outcome === "paid" ? (line.paidOn ?? today) : null, importedBy: actor.userId, importedAt: at })
      .onConflictDoNothing()
      .returning({ referenceNo: subsidyBankResult.referenceNo });
    if (inserted.length === 0) {
      report.alreadyKnown++;
      continue;
    }
    if (line.outcome === "failed") {
      report.newlyFailed++;
      continue;
    }
    const paid = await tx
      .insert(subsidyLinePayment)
      .values({ regionCode: b.regionCode, rosterId: d.rosterId, lineNo: d.lineNo, referenceNo: d.referenceNo, amountFen: d.amountFen, paidOn: line.paidOn ?? today })
      .onConflictDoNothing()
      .returning({ lineNo: subsidyLinePayment.lineNo });
    if (paid.length === 0) {
      report.duplicatePayments++;
      await tx.insert(subsidyRecovery).values({ regionCode: b.regionCode, id: uuidv7(at.getTime()), rosterId: d.rosterId, lineNo: d.lineNo, amountFen: d.amountFen, reason: `重复支付（参考号 ${d.referenceNo}），须追回`, recordedBy: actor.userId, recordedAt: at });
      continue;
    }
    report.newlyPaid++;
    paidCount++;
    const on = line.paidOn ?? today;
    if (on > paidAt) paidAt = on;
    paidFen += d.amountFen;
  }
  report.paidAmount = formatYuan(paidFen);
  if (paidFen > 0n) {
    invariant(roster.reservationId, "a roster in payment has a reservation");
    await settleReservation(tx, actor, { regionCode: b.regionCode, reservationId: roster.reservationId!, amountFen: paidFen }, at);
    const item = await getItem(tx, b.regionCode, roster.itemCode);
    await publish(
      tx,
      linesPaidTopic,
      {
        regionCode: b.regionCode,
        payload: { batchId: b.id, regionCode: b.regionCode, itemCode: item.code, itemName: item.name, indicatorId: roster.indicatorId, functionalCode: item.functionalCode, economicCode: item.economicCode, amount: formatYuan(paidFen), lineCount: paidCount, paidAt },
      },
      at,
    );
  }
  await recordAudit(tx, { regionCode: b.regionCode, actor: who(actor), action: "subsidy.bankResultImported", entityType: "subsidyBatch", entityId: b.id, after: report }, at);
  return report;
}

/** Corrects the card of a roster line before a (re)payment; audited with both masked numbers. */
export async function correctLineCard(tx: Db, actor: Actor, keys: DataKeys, rosterId: string, lineNo: number, input: { card: string; bankName?: string | undefined; accountType?: AccountType | undefined }, at: Date): Promise<LineView> {
  const roster = await lockRoster(tx, actor, rosterId);
  const [line] = await tx.select().from(subsidyRosterLine).where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, rosterId), eq(subsidyRosterLine.lineNo, lineNo))).for("update");
  if (!line) return fail("NOT_FOUND", `清册第 ${lineNo} 行不存在。`);
  const facts = await paymentFacts(tx, roster.regionCode, rosterId, [lineNo]);
  const status = facts(lineNo).status;
  if (status === "paid" || status === "inBank") fail("NOT_EDITABLE", status === "paid" ? "该人员已发放成功，不能改卡。" : "该人员的发放记录尚在银行处理，回盘后再改卡。");
  const card = validCard(input.card, input.accountType ?? "card");
  const masked = maskBankCard(card);
  await tx
    .update(subsidyRosterLine)
    .set({ cardSealed: encryptPersonal(keys, card), cardIndex: cardIndex(keys, card), cardMasked: masked, ...(input.bankName !== undefined ? { bankName: input.bankName } : {}) })
    .where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, rosterId), eq(subsidyRosterLine.lineNo, lineNo)));
  await recordAudit(tx, { regionCode: roster.regionCode, actor: who(actor), action: "subsidy.cardChanged", entityType: "subsidyRoster", entityId: rosterId, before: { lineNo, card: line.cardMasked, bankName: line.bankName }, after: { lineNo, card: masked, bankName: input.bankName ?? line.bankName } }, at);
  // The registry keeps the corrected card too, so the next roster starts right.
  const [person] = await tx.select().from(subsidyRecipient).where(and(eq(subsidyRecipient.regionCode, roster.regionCode), eq(subsidyRecipient.residentIdIndex, line.residentIdIndex)));
  if (person && person.cardIndex !== cardIndex(keys, card)) {
    await tx.update(subsidyRecipient).set({ cardSealed: encryptPersonal(keys, card), cardIndex: cardIndex(keys, card), cardMasked: masked, accountType: input.accountType ?? person.accountType, ...(input.bankName !== undefined ? { bankName: input.bankName } : {}), updatedAt: at }).where(and(eq(subsidyRecipient.regionCode, roster.regionCode), eq(subsidyRecipient.id, person.id)));
    await recordAudit(tx, { regionCode: roster.regionCode, actor: who(actor), action: "subsidy.cardChanged", entityType: "subsidyRecipient", entityId: person.id, before: { card: person.cardMasked }, after: { card: masked } }, at);
  }
  return (await linesByNo(tx, actor, rosterId, [lineNo]))[0]!;
}

/** The re-payment list: lines whose last bank attempt failed, across the actor's rosters in payment. */
export async function repaymentList(db: Db, actor: Actor, page: { limit: number; offset: number }) {
  if (actor.scopePrefix.length === 12) return { items: [], total: 0 };
  const rosters = await db.select().from(subsidyRoster).where(and(scopeCondition(subsidyRoster.regionCode, actor.scopePrefix), eq(subsidyRoster.status, "payment")));
  const items: (LineView & { regionCode: string; rosterId: string; itemName: string; period: string })[] = [];
  for (const r of rosters) {
    const view = await rosterView(db, r);
    const failed = await listLines(db, actor, r.id, { status: "failed" }, { limit: BATCH_LINES_MAX, offset: 0 });
    for (const l of failed.items) items.push({ ...l, regionCode: r.regionCode, rosterId: r.id, itemName: view.itemName, period: r.period });
  }
  return { items: items.slice(page.offset, page.offset + page.limit), total: items.length };
}

export async function recordRecovery(tx: Db, actor: Actor, rosterId: string, input: { lineNo: number; amountFen: bigint; reason: string }, at: Date) {
  const roster = await lockRoster(tx, actor, rosterId);
  const [paid] = await tx.select().from(subsidyLinePayment).where(and(eq(subsidyLinePayment.regionCode, roster.regionCode), eq(subsidyLinePayment.rosterId, rosterId), eq(subsidyLinePayment.lineNo, input.lineNo)));
  if (!paid) fail("NOT_EDITABLE", "只有已发放的人员才需登记追回。");
  if (input.amountFen <= 0n || input.amountFen > paid!.amountFen) fail("VALIDATION_FAILED", `追回金额须大于零且不超过已发放的 ${formatYuan(paid!.amountFen)} 元。`, [{ path: "amount", message: "金额无效" }]);
  const id = uuidv7(at.getTime());
  await tx.insert(subsidyRecovery).values({ regionCode: roster.regionCode, id, rosterId, lineNo: input.lineNo, amountFen: input.amountFen, reason: input.reason, recordedBy: actor.userId, recordedAt: at });
  await recordAudit(tx, { regionCode: roster.regionCode, actor: who(actor), action: "subsidy.recoveryRecorded", entityType: "subsidyRoster", entityId: rosterId, after: { recoveryId: id, lineNo: input.lineNo, amount: formatYuan(input.amountFen), reason: input.reason } }, at);
  return { id, rosterId, lineNo: input.lineNo, amount: formatYuan(input.amountFen), reason: input.reason, recordedAt: at.toISOString() };
}

export async function listRecoveries(db: Db, actor: Actor, page: { limit: number; offset: number }) {
  if (actor.scopePrefix.length === 12) return { items: [], total: 0 };
  const where = scopeCondition(subsidyRecovery.regionCode, actor.scopePrefix);
  const found = await db
    .select({ r: subsidyRecovery, name: subsidyRosterLine.name, masked: subsidyRosterLine.residentIdMasked, recoveredOn: subsidyRecoveryReceipt.recoveredOn })
    .from(subsidyRecovery)
    .leftJoin(subsidyRosterLine, and(eq(subsidyRosterLine.regionCode, subsidyRecovery.regionCode), eq(subsidyRosterLine.rosterId, subsidyRecovery.rosterId), eq(subsidyRosterLine.lineNo, subsidyRecovery.lineNo)))
    .leftJoin(subsidyRecoveryReceipt, and(eq(subsidyRecoveryReceipt.regionCode, subsidyRecovery.regionCode), eq(subsidyRecoveryReceipt.recoveryId, subsidyRecovery.id)))
    .where(where)
    .orderBy(desc(subsidyRecovery.recordedAt))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await db.select({ n: sql<bigint>`count(*)` }).from(subsidyRecovery).where(where);
  return {
    items: found.map(({ r, name, masked, recoveredOn }) => ({ id: r.id, regionCode: r.regionCode, rosterId: r.rosterId, lineNo: r.lineNo, name: name ?? "", residentIdMasked: masked ?? "", amount: formatYuan(r.amountFen), reason: r.reason, recordedAt: r.recordedAt.toISOString(), recoveredOn: recoveredOn ?? null })),
    total: Number(count?.n ?? 0n),
  };
}

/** A recovery in the actor's scope (never a village's: recoveries are the township's work). */
export async function recoveryOf(db: Db, actor: Actor, id: string): Promise<typeof subsidyRecovery.$inferSelect> {
  const [r] = await db.select().from(subsidyRecovery).where(and(eq(subsidyRecovery.id, id), scopeCondition(subsidyRecovery.regionCode, actor.scopePrefix)));
  if (!r || actor.scopePrefix.length === 12) return fail("OUT_OF_SCOPE", "追回记录不存在或不在您的数据范围内。");
  return r;
}

/**
 * Records that the money of a wrong payment came back (追回到账), once per recovery (primary key),
 * and announces it to the ledger (subsidy.linesRecovered) in the same transaction.
 */
export async function recordRecoveryReceipt(tx: Db, actor: Actor, recoveryId: string, input: { recoveredOn: string; note?: string | undefined }, at: Date) {
  const r = await recoveryOf(tx, actor, recoveryId);
  const [roster] = await tx.select().from(subsidyRoster).where(and(eq(subsidyRoster.regionCode, r.regionCode), eq(subsidyRoster.id, r.rosterId))).for("update");
  invariant(roster, "a recovery's roster exists");
  const recordedOn = chinaDate(r.recordedAt);
  const today = chinaDate(at);
  if (input.recoveredOn > today || input.recoveredOn < recordedOn) {
    fail("VALIDATION_FAILED", `到账日期须在 ${recordedOn}（登记追回之日）至 ${today} 之间。`, [{ path: "recoveredOn", message: "日期无效" }]);
  }
  const inserted = await tx
    .insert(subsidyRecoveryReceipt)
    .values({ regionCode: r.regionCode, recoveryId: r.id, amountFen: r.amountFen, recoveredOn: input.recoveredOn, note: input.note ?? "", recordedBy: actor.userId, recordedAt: at })
    .onConflictDoNothing()
    .returning({ id: subsidyRecoveryReceipt.recoveryId });
  if (inserted.length === 0) fail("NOT_EDITABLE", "该笔追回已登记到账。");
  const item = await getItem(tx, r.regionCode, roster.itemCode);
  const amount = formatYuan(r.amountFen);
  await publish(
    tx,
    linesRecoveredTopic,
    {
      regionCode: r.regionCode,
      payload: { recoveryId: r.id, regionCode: r.regionCode, itemCode: item.code, amount, recoveredAt: input.recoveredOn, itemName: item.name, rosterId: r.rosterId, lineNo: r.lineNo, indicatorId: roster.indicatorId, functionalCode: item.functionalCode, economicCode: item.economicCode },
    },
    at,
  );
  await recordAudit(tx, { regionCode: r.regionCode, actor: who(actor), action: "subsidy.recoveryReceived", entityType: "subsidyRoster", entityId: r.rosterId, after: { recoveryId: r.id, lineNo: r.lineNo, amount, recoveredOn: input.recoveredOn, note: input.note ?? "" } }, at);
  return { recoveryId: r.id, amount, recoveredOn: input.recoveredOn };
}
