// The congress package (绩效目标随预算报人大): the year's accepted target trees as the customary
// 绩效目标表, beside the budget each was approved with, readable by the congress reviewer, who records
// questions and opinions; the finance office answers each.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { formatYuan, scopeCovers, type CongressNoteView, type CongressPackageView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { uuidv7 } from "../platform/ids.ts";
import { scopeCondition } from "../platform/scope.ts";
import { region } from "../platform/regionTable.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { budgetLine, budgetRound } from "../budget/index.ts";
import { fail, PERFORMANCE_ROWS_MAX, who } from "./common.ts";
import { describeSheet } from "./targets.ts";
import { performanceCongressNote, performanceTargetSheet } from "./tables.ts";

type NoteRow = typeof performanceCongressNote.$inferSelect;

/** The township a township user reads, or the one a district user names. */
function townshipOf(actor: Actor, regionCode: string | undefined): string {
  const code = regionCode ?? actor.regionCode;
  if (code.length !== 9 || code.endsWith("000") || !scopeCovers(actor.scopePrefix, code)) return fail(regionCode ? "OUT_OF_SCOPE" : "VALIDATION_FAILED", regionCode ? "乡镇不存在或不在您的数据范围内。" : "请选择乡镇。");
  return code;
}

/** The year's accepted trees with the budget approved for each (the round's accepted and cut lines). */
export async function congressPackage(db: Db, actor: Actor, input: { regionCode?: string | undefined; fiscalYear: number }): Promise<CongressPackageView> {
  const regionCode = townshipOf(actor, input.regionCode);
  const [home] = await db.select({ name: region.name }).from(region).where(eq(region.regionCode, regionCode));
  const [round] = await db.select().from(budgetRound).where(and(eq(budgetRound.regionCode, regionCode), eq(budgetRound.fiscalYear, input.fiscalYear)));
  const sheets = await db.select().from(performanceTargetSheet).where(and(eq(performanceTargetSheet.regionCode, regionCode), eq(performanceTargetSheet.fiscalYear, input.fiscalYear), eq(performanceTargetSheet.status, "accepted"))).orderBy(asc(performanceTargetSheet.subjectKind), asc(performanceTargetSheet.subjectName)).limit(PERFORMANCE_ROWS_MAX);
  const approved = new Map<string, bigint>();
  if (round) {
    const sums = await db
      .select({ projectId: budgetLine.projectId, unitId: budgetLine.budgetUnitId, approved: sql<string>`coalesce(sum(${budgetLine.approvedFen}), 0)::text` })
      .from(budgetLine)
      .where(and(eq(budgetLine.regionCode, regionCode), eq(budgetLine.roundId, round.id), inArray(budgetLine.reviewStatus, ["accepted", "cut"])))
      .groupBy(budgetLine.projectId, budgetLine.budgetUnitId);
    for (const s of sums) {
      if (s.projectId) approved.set(`project:${s.projectId}`, (approved.get(`project:${s.projectId}`) ?? 0n) + BigInt(s.approved));
      approved.set(`unit:${s.unitId}`, (approved.get(`unit:${s.unitId}`) ?? 0n) + BigInt(s.approved));
    }
  }
  const described = [];
  for (const s of sheets) {
    const detail = await describeSheet(db, s);
    const budget = approved.get(`${s.subjectKind}:${s.subjectRef}`);
    described.push({ ...detail, budget: budget === undefined ? detail.issued : formatYuan(budget) });
  }
  return { regionCode, regionName: home?.name ?? regionCode, fiscalYear: input.fiscalYear, roundStatus: round?.status ?? null, sheets: described, notes: await listNotes(db, actor, { regionCode, fiscalYear: input.fiscalYear }) };
}

function viewNote(n: NoteRow, subjectName: string | null): CongressNoteView {
  return { id: n.id, regionCode: n.regionCode, fiscalYear: n.fiscalYear, sheetId: n.sheetId, subjectName, kind: n.kind, body: n.body, askedByName: n.askedByName, askedAt: n.askedAt.toISOString(), answer: n.answer, answeredByName: n.answeredByName, answeredAt: n.answeredAt?.toISOString() ?? null };
}

export async function listNotes(db: Db, actor: Actor, filter: { regionCode?: string | undefined; fiscalYear?: number | undefined; id?: string }): Promise<CongressNoteView[]> {
  const n = performanceCongressNote;
  const found = await db
    .select({ n, subjectName: performanceTargetSheet.subjectName })
    .from(n)
    .leftJoin(performanceTargetSheet, and(eq(performanceTargetSheet.regionCode, n.regionCode), eq(performanceTargetSheet.id, n.sheetId)))
    .where(and(scopeCondition(n.regionCode, actor.scopePrefix), ...(filter.regionCode ? [scopeCondition(n.regionCode, filter.regionCode)] : []), ...(filter.fiscalYear ? [eq(n.fiscalYear, filter.fiscalYear)] : []), ...(filter.id ? [eq(n.id, filter.id)] : [])))
    .orderBy(asc(n.askedAt))
    .limit(PERFORMANCE_ROWS_MAX);
  return found.map((f) => viewNote(f.n, f.subjectName));
}

/** The congress reviewer records a question or opinion on the year's targets (a tree, or all of them). */
export async function addNote(tx: Db, actor: Actor, input: { regionCode: string; fiscalYear: number; sheetId?: string | null | undefined; kind: "question" | "opinion"; body: string }, at: Date): Promise<CongressNoteView> {
  const regionCode = townshipOf(actor, input.regionCode);
  if (input.sheetId) {
    const [sheet] = await tx.select({ fiscalYear: performanceTargetSheet.fiscalYear }).from(performanceTargetSheet).where(and(eq(performanceTargetSheet.regionCode, regionCode), eq(performanceTargetSheet.id, input.sheetId)));
    if (!sheet || sheet.fiscalYear !== input.fiscalYear) fail("VALIDATION_FAILED", "该年度没有这张绩效目标表。", [{ path: "sheetId", message: "绩效目标表无效" }]);
  }
  const row: NoteRow = { regionCode, id: uuidv7(at.getTime()), fiscalYear: input.fiscalYear, sheetId: input.sheetId ?? null, kind: input.kind, body: input.body.trim(), askedBy: actor.userId, askedByName: actor.displayName, askedAt: at, answer: null, answeredBy: null, answeredByName: null, answeredAt: null };
  await tx.insert(performanceCongressNote).values(row);
  await recordAudit(tx, { regionCode, actor: who(actor), action: `performanceCongress.${input.kind}`, entityType: "performanceCongressNote", entityId: row.id, after: { fiscalYear: row.fiscalYear, sheetId: row.sheetId, body: row.body } }, at);
  return (await listNotes(tx, actor, { id: row.id }))[0]!;
}

/** The finance office answers a question or opinion, once. */
export async function answerNote(tx: Db, actor: Actor, id: string, answer: string, at: Date): Promise<CongressNoteView> {
  const [note] = await tx.select().from(performanceCongressNote).where(and(eq(performanceCongressNote.id, id), scopeCondition(performanceCongressNote.regionCode, actor.scopePrefix))).for("update");
  if (!note) return fail("OUT_OF_SCOPE", "问题不存在或不在您的数据范围内。");
  if (note.answer !== null) fail("INVALID_TRANSITION", "该问题已经答复。");
  await tx.update(performanceCongressNote).set({ answer: answer.trim(), answeredBy: actor.userId, answeredByName: actor.displayName, answeredAt: at }).where(and(eq(performanceCongressNote.regionCode, note.regionCode), eq(performanceCongressNote.id, note.id)));
  await recordAudit(tx, { regionCode: note.regionCode, actor: who(actor), action: "performanceCongress.answered", entityType: "performanceCongressNote", entityId: note.id, after: { answer: answer.trim() } }, at);
  return (await listNotes(tx, actor, { id: note.id }))[0]!;
}
