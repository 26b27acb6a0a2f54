// A roster's lines: entered, changed and removed one by one while the village holds the roster (with
// the import's checks), listed with their payment state, noted by the reviewer.
import { and, asc, eq, ilike, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { formatYuan } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { invariant } from "../platform/errors.ts";
import { containsPattern } from "../platform/scope.ts";
import { decryptPersonal, type DataKeys } from "../platform/crypto.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { checkRowAgainstRegistry, checkRowAlone, findingCodes, findingSeverity, sortFindings, lineStatus, BATCH_LINES_MAX, type Finding, type LineStatus, type RosterRow as SheetRosterRow, type StoredFinding } from "./rules.ts";
import { databaseLookup, villageDirectory } from "./check.ts";
import { subsidyBankResult, subsidyDisbursement, subsidyLinePayment, subsidyObjection, subsidyRoster, subsidyRosterLine } from "./tables.ts";
import { fail, who } from "./common.ts";
import { getItem } from "./items.ts";
import { type RosterRow, type RosterView, getRoster, lineValues, loadRosterLines, lockRoster, refreshRosterTotals, rosterView, rosterViewOf, storeLoadedTotals, villageNameOf } from "./rosters.ts";
import type { RosterLineView as LineView } from "@xiangcai/shared";
export type { LineView };

export interface LineInput {
  name: string;
  residentId: string;
  card: string;
  bank?: string | undefined;
  village?: string | undefined;
  quantity?: string | undefined;
  standard?: string | undefined;
  amount: string;
  remark?: string | undefined;
}

const DUPLICATE_CODE = "DUPLICATE_IN_FILE";

/**
 * Re-derives DUPLICATE_IN_FILE for the lines sharing these ID indexes, as an import would: the first
 * line of an ID number is clean, every later one names it. Lines with an invalid ID are left out.
 */
async function refreshDuplicates(tx: Db, roster: Pick<RosterRow, "regionCode" | "id">, indexes: readonly string[]): Promise<void> {
  if (indexes.length === 0) return;
  const lines = await tx
    .select({ lineNo: subsidyRosterLine.lineNo, index: subsidyRosterLine.residentIdIndex, findings: subsidyRosterLine.findings })
    .from(subsidyRosterLine)
    .where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, roster.id), inArray(subsidyRosterLine.residentIdIndex, [...indexes]), eq(subsidyRosterLine.withdrawn, false)))
    .orderBy(asc(subsidyRosterLine.lineNo));
  const first = new Map<string, number>();
  const order = new Map(findingCodes.map((c, i) => [c, i]));
  for (const l of lines) {
    const valid = !l.findings.some((f) => f.code === "ID_INVALID");
    const kept = l.findings.filter((f) => f.code !== DUPLICATE_CODE);
    const earlier = valid ? first.get(l.index) : undefined;
    if (valid && earlier === undefined) first.set(l.index, l.lineNo);
    const next = earlier === undefined ? kept : [...kept, { code: DUPLICATE_CODE, severity: findingSeverity[DUPLICATE_CODE], message: `与第 ${earlier} 行为同一身份证号` } as StoredFinding].sort((a, b) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0));
    if (JSON.stringify(next) !== JSON.stringify(l.findings)) {
      await tx.update(subsidyRosterLine).set({ findings: next }).where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, roster.id), eq(subsidyRosterLine.lineNo, l.lineNo)));
    }
  }
}

async function lockEntryRoster(tx: Db, actor: Actor, rosterId: string): Promise<RosterRow> {
  const roster = await lockRoster(tx, actor, rosterId);
  if (roster.status !== "draft") fail("NOT_EDITABLE", "只有村级录入环节（含退回修改）的清册可以增删改人员。");
  return roster;
}

/** Runs the import's row checks on one entered line; returns the line's values and its findings. */
async function checkEnteredLine(tx: Db, keys: DataKeys, roster: RosterRow, lineNo: number, input: LineInput, today: Date) {
  const item = await getItem(tx, roster.regionCode, roster.itemCode);
  const row: SheetRosterRow = { row: lineNo, name: input.name.trim(), residentId: input.residentId.trim(), card: input.card.trim(), bank: input.bank?.trim() ?? "", village: input.village?.trim() ?? "", quantity: input.quantity?.trim() ?? "", standard: input.standard?.trim() ?? "", amount: input.amount.trim(), remark: input.remark?.trim() ?? "" };
  const alone = checkRowAlone(row, { itemStandardFen: item.standardFen, today }, new Map());
  const villages = await villageDirectory(tx, roster.regionCode);
  const lookup = databaseLookup(tx, keys, { regionCode: roster.regionCode, itemCode: roster.itemCode, period: roster.period, rosterId: roster.id, villageCode: roster.villageCode, basis: item.basis }, villages);
  const [facts] = await lookup.facts([alone.checked]);
  const findings = sortFindings([...alone.findings, ...checkRowAgainstRegistry(alone.checked, facts!)]);
  return { values: lineValues(keys, roster, villages, alone.checked, findings) };
}

async function enteredLineAnswer(tx: Db, actor: Actor, roster: RosterRow, lineNo: number, at: Date) {
  const fresh = await refreshRosterTotals(tx, roster, at);
  const [line] = await linesByNo(tx, actor, roster.id, [lineNo]);
  invariant(line, "the entered line exists");
  return { roster: await rosterView(tx, fresh), line, findings: line.findings.map((f) => ({ row: lineNo, ...f })) };
}

/** Adds a line to a roster being entered, with the same checks as an imported row. */
export async function addRosterLine(tx: Db, actor: Actor, keys: DataKeys, rosterId: string, input: LineInput, at: Date) {
  const roster = await lockEntryRoster(tx, actor, rosterId);
  const [last] = await tx.select({ n: sql<number | null>`max(${subsidyRosterLine.lineNo})` }).from(subsidyRosterLine).where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, rosterId)));
  // Line numbers follow the spreadsheet's: the header is row 1, the first person row 2.
  const lineNo = Math.max(Number(last?.n ?? 1), 1) + 1;
  const { values } = await checkEnteredLine(tx, keys, roster, lineNo, input, at);
  await tx.insert(subsidyRosterLine).values(values);
  await refreshDuplicates(tx, roster, [values.residentIdIndex]);
  await recordAudit(tx, { regionCode: roster.regionCode, actor: who(actor), action: "subsidy.lineAdded", entityType: "subsidyRoster", entityId: rosterId, after: { lineNo, name: values.name, residentId: values.residentIdMasked, card: values.cardMasked, amount: formatYuan(values.amountFen ?? 0n) } }, at);
  return enteredLineAnswer(tx, actor, roster, lineNo, at);
}

/** Changes a line of a roster being entered, checking it again; ID and card numbers left out are kept. */
export async function updateRosterLine(tx: Db, actor: Actor, keys: DataKeys, rosterId: string, lineNo: number, input: Omit<LineInput, "residentId" | "card"> & { residentId?: string | undefined; card?: string | undefined }, at: Date) {
  const roster = await lockEntryRoster(tx, actor, rosterId);
  const [before] = await tx.select().from(subsidyRosterLine).where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, rosterId), eq(subsidyRosterLine.lineNo, lineNo))).for("update");
  if (!before) return fail("NOT_FOUND", `清册第 ${lineNo} 行不存在。`);
  const residentId = input.residentId ?? decryptPersonal(keys, before.residentIdSealed);
  const card = input.card ?? (before.cardSealed ? decryptPersonal(keys, before.cardSealed) : "");
  const { values } = await checkEnteredLine(tx, keys, roster, lineNo, { ...input, residentId, card }, at);
  const { regionCode: _r, rosterId: _i, lineNo: _n, ...changes } = values;
  await tx.update(subsidyRosterLine).set({ ...changes, reviewNote: null }).where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, rosterId), eq(subsidyRosterLine.lineNo, lineNo)));
  await refreshDuplicates(tx, roster, [...new Set([before.residentIdIndex, values.residentIdIndex])]);
  await recordAudit(
    tx,
    {
      regionCode: roster.regionCode,
      actor: who(actor),
      action: "subsidy.lineChanged",
      entityType: "subsidyRoster",
      entityId: rosterId,
      before: { lineNo, name: before.name, residentId: before.residentIdMasked, card: before.cardMasked, amount: formatYuan(before.amountFen) },
      after: { lineNo, name: values.name, residentId: values.residentIdMasked, card: values.cardMasked, amount: formatYuan(values.amountFen ?? 0n) },
    },
    at,
  );
  return enteredLineAnswer(tx, actor, roster, lineNo, at);
}

/** Removes a line from a roster being entered. */
export async function deleteRosterLine(tx: Db, actor: Actor, rosterId: string, lineNo: number, at: Date): Promise<RosterView> {
  const roster = await lockEntryRoster(tx, actor, rosterId);
  const [removed] = await tx.delete(subsidyRosterLine).where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, rosterId), eq(subsidyRosterLine.lineNo, lineNo))).returning();
  if (!removed) return fail("NOT_FOUND", `清册第 ${lineNo} 行不存在。`);
  await refreshDuplicates(tx, roster, [removed.residentIdIndex]);
  await recordAudit(tx, { regionCode: roster.regionCode, actor: who(actor), action: "subsidy.lineDeleted", entityType: "subsidyRoster", entityId: rosterId, before: { lineNo, name: removed.name, residentId: removed.residentIdMasked, card: removed.cardMasked, amount: formatYuan(removed.amountFen) } }, at);
  return rosterView(tx, await refreshRosterTotals(tx, roster, at));
}

/** Replaces a roster's lines with a corrected file, while it is still with the village (draft). */
export async function replaceRosterFile(tx: Db, actor: Actor, keys: DataKeys, id: string, sourceName: string, buffer: Buffer, at: Date): Promise<{ roster: RosterView; findings: Finding[] }> {
  const roster = await lockRoster(tx, actor, id);
  if (roster.status !== "draft") fail("NOT_EDITABLE", "只有退回或未提交的清册可以重新导入。");
  const item = await getItem(tx, roster.regionCode, roster.itemCode);
  await tx.delete(subsidyRosterLine).where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, id)));
  const loaded = await loadRosterLines(tx, keys, roster, item, await villageDirectory(tx, roster.regionCode), buffer, at);
  const row = await storeLoadedTotals(tx, roster, loaded, at, { sourceName: sourceName.slice(0, 200) });
  await recordAudit(tx, { regionCode: roster.regionCode, actor: who(actor), action: "subsidy.rosterReplaced", entityType: "subsidyRoster", entityId: id, before: { lines: roster.lineCount, total: formatYuan(roster.totalFen) }, after: { lines: row.lineCount, total: formatYuan(row.totalFen), errors: row.errorCount, warnings: row.warningCount } }, at);
  return { roster: rosterViewOf({ ...row, sourceName }, { itemName: item.name, villageName: await villageNameOf(tx, roster.villageCode) }), findings: loaded.findings };
}

/** Payment facts per line of a roster: paid record, latest attempt and its result. */
export async function paymentFacts(db: Db, regionCode: string, rosterId: string, lineNos: number[] | null) {
  const lineFilter = lineNos ? [inArray(subsidyDisbursement.lineNo, lineNos.length ? lineNos : [-1])] : [];
  const attempts = await db
    .select({ lineNo: subsidyDisbursement.lineNo, referenceNo: subsidyDisbursement.referenceNo, createdAt: subsidyDisbursement.createdAt, outcome: subsidyBankResult.outcome, reason: subsidyBankResult.reason })
    .from(subsidyDisbursement)
    .leftJoin(subsidyBankResult, and(eq(subsidyBankResult.regionCode, subsidyDisbursement.regionCode), eq(subsidyBankResult.referenceNo, subsidyDisbursement.referenceNo)))
    .where(and(eq(subsidyDisbursement.regionCode, regionCode), eq(subsidyDisbursement.rosterId, rosterId), ...lineFilter))
    .orderBy(asc(subsidyDisbursement.createdAt), asc(subsidyDisbursement.referenceNo));
  const paidFilter = lineNos ? [inArray(subsidyLinePayment.lineNo, lineNos.length ? lineNos : [-1])] : [];
  const paid = await db
    .select({ lineNo: subsidyLinePayment.lineNo, paidOn: subsidyLinePayment.paidOn, amountFen: subsidyLinePayment.amountFen })
    .from(subsidyLinePayment)
    .where(and(eq(subsidyLinePayment.regionCode, regionCode), eq(subsidyLinePayment.rosterId, rosterId), ...paidFilter));
  const latest = new Map<number, { outcome: "paid" | "failed" | null; reason: string | null }>();
  for (const a of attempts) latest.set(a.lineNo, { outcome: a.outcome ?? null, reason: a.reason ?? null });
  const paidMap = new Map(paid.map((p) => [p.lineNo, p]));
  return (lineNo: number) => {
    const attempt = latest.get(lineNo) ?? null;
    const p = paidMap.get(lineNo);
    const status = lineStatus({ paid: p !== undefined, latestAttempt: attempt });
    return { status, paidOn: p?.paidOn ?? null, failReason: status === "failed" ? (attempt?.reason ?? "") : null };
  };
}

export async function listLines(
  db: Db,
  actor: Actor,
  rosterId: string,
  filter: { findings?: "any" | "error" | "warning" | undefined; status?: LineStatus | undefined; q?: string | undefined },
  page: { limit: number; offset: number },
) {
  const roster = await getRoster(db, actor, rosterId);
  const conditions: SQL[] = [eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, rosterId)];
  if (filter.findings === "any") conditions.push(sql`jsonb_array_length(${subsidyRosterLine.findings}) > 0`);
  if (filter.findings === "error") conditions.push(sql`${subsidyRosterLine.findings} @> '[{"severity":"error"}]'::jsonb`);
  if (filter.findings === "warning") conditions.push(sql`${subsidyRosterLine.findings} @> '[{"severity":"warning"}]'::jsonb`);
  if (filter.q) conditions.push(ilike(subsidyRosterLine.name, containsPattern(filter.q)));
  const where = and(...conditions);
  const all = filter.status !== undefined;
  const found = await db
    .select()
    .from(subsidyRosterLine)
    .where(where)
    .orderBy(asc(subsidyRosterLine.lineNo))
    .limit(all ? BATCH_LINES_MAX : page.limit)
    .offset(all ? 0 : page.offset);
  const [count] = await db.select({ n: sql<bigint>`count(*)` }).from(subsidyRosterLine).where(where);
  const facts = await paymentFacts(db, roster.regionCode, rosterId, found.map((l) => l.lineNo));
  const objections = await db
    .select({ lineNo: subsidyObjection.lineNo, n: sql<bigint>`count(*)` })
    .from(subsidyObjection)
    .where(and(eq(subsidyObjection.regionCode, roster.regionCode), eq(subsidyObjection.rosterId, rosterId), isNull(subsidyObjection.outcome)))
    .groupBy(subsidyObjection.lineNo);
  const open = new Map(objections.map((o) => [o.lineNo, Number(o.n)]));
  let items: LineView[] = found.map((l) => {
    const f = facts(l.lineNo);
    return {
      lineNo: l.lineNo,
      villageCode: l.villageCode,
      villageName: l.villageName,
      name: l.name,
      residentIdMasked: l.residentIdMasked,
      cardMasked: l.cardMasked,
      bankName: l.bankName,
      quantity: l.quantity,
      standard: l.standardFen === null ? null : formatYuan(l.standardFen),
      amount: formatYuan(l.amountFen),
      remark: l.remark,
      findings: l.findings,
      reviewNote: l.reviewNote,
      withdrawn: l.withdrawn,
      openObjections: open.get(l.lineNo) ?? 0,
      ...f,
    };
  });
  let total = Number(count?.n ?? 0n);
  if (all) {
    items = items.filter((i) => i.status === filter.status && !i.withdrawn);
    total = items.length;
    items = items.slice(page.offset, page.offset + page.limit);
  }
  return { items, total };
}

/** The township reviewer's note on a line with warnings (OFFICIAL, OVER_STANDARD, CARD_PASSBOOK). */
export async function noteLine(tx: Db, actor: Actor, rosterId: string, lineNo: number, note: string, at: Date): Promise<void> {
  const roster = await lockRoster(tx, actor, rosterId);
  if (roster.status !== "townshipReview" && roster.status !== "villageReview") fail("NOT_EDITABLE", "只能在审核环节填写审核意见。");
  const changed = await tx
    .update(subsidyRosterLine)
    .set({ reviewNote: note })
    .where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, rosterId), eq(subsidyRosterLine.lineNo, lineNo)))
    .returning({ lineNo: subsidyRosterLine.lineNo });
  if (changed.length === 0) fail("NOT_FOUND", `清册第 ${lineNo} 行不存在。`);
  await recordAudit(tx, { regionCode: roster.regionCode, actor: who(actor), action: "subsidy.lineNoted", entityType: "subsidyRoster", entityId: rosterId, after: { lineNo, note } }, at);
}

/** The indicator the roster will be paid from; set by the township before district review. */
export async function setRosterIndicator(tx: Db, actor: Actor, rosterId: string, indicatorId: string, at: Date): Promise<RosterView> {
  const roster = await lockRoster(tx, actor, rosterId);
  if (roster.reservationId) fail("NOT_EDITABLE", "清册已占用指标，不能更换。");
  await tx.update(subsidyRoster).set({ indicatorId, updatedAt: at }).where(and(eq(subsidyRoster.regionCode, roster.regionCode), eq(subsidyRoster.id, rosterId)));
  await recordAudit(tx, { regionCode: roster.regionCode, actor: who(actor), action: "subsidy.rosterIndicatorSet", entityType: "subsidyRoster", entityId: rosterId, before: { indicatorId: roster.indicatorId }, after: { indicatorId } }, at);
  return rosterView(tx, { ...roster, indicatorId });
}

export async function linesByNo(db: Db, actor: Actor, rosterId: string, lineNos: number[]): Promise<LineView[]> {
  const found: LineView[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await listLines(db, actor, rosterId, {}, { limit: 100, offset });
    found.push(...page.items.filter((l) => lineNos.includes(l.lineNo)));
    if (page.items.length < 100) return found;
  }
}
