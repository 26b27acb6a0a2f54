// Budget preparation (预算编制): a round per township and year; units enter request lines (basic and
// project expenditure); the finance office accepts, cuts or returns each line; the draft adds up by
// unit and by functional and economic class; the township people's congress approves the total, and
// only then are indicators issued from the approved lines.
import { and, asc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import ExcelJS from "exceljs";
import { budgetLineBody, formatYuan, parseYuan, scopeCovers, tryParseYuan, type BudgetLineEventView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { invariant } from "../platform/errors.ts";
import { loadWorkbook, refuseSheet, rowFieldProblems } from "../platform/sheetReader.ts";
import { uuidv7 } from "../platform/ids.ts";
import { containsPattern, scopeCondition } from "../platform/scope.ts";
import { assertDifferentPerson } from "../platform/separation.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { budgetUnit } from "../org/index.ts";
import { region } from "../platform/regionTable.ts";
import { classificationNames, lookupClassification } from "../catalog/index.ts";
import { fail, issueIndicator, recordResolution } from "./indicators.ts";
import { projectOfLine, projectRefusal } from "./projects.ts";
import { governmentEconomicOf, mappingKindOf } from "./economicMapping.ts";
import { runLineReviewChecks } from "./reviewChecks.ts";
import { assertRoundBalanced } from "./revenue.ts";
import { budgetLine, budgetLineEvent, budgetRound, congressResolution, type BudgetLineEventKind, type BudgetLineReview, type FundNature, type PaymentMethod } from "./tables.ts";
import type { BudgetRoundView, BudgetLineView, BudgetTotalRow as TotalRow, LinesImportResult } from "@xiangcai/shared";
import { formatMoneyColumns } from "../platform/excelMoney.ts";
import { workbookBuffer } from "../platform/sheetWriter.ts";
export type { BudgetRoundView, BudgetLineView, TotalRow, LinesImportResult };

export const BUDGET_LINES_IMPORT_MAX = 5_000;

const who = (actor: Actor) => ({ id: actor.userId, name: actor.displayName });

async function roundRow(db: Db, actor: Actor, roundId: string) {
  const [round] = await db.select().from(budgetRound).where(and(eq(budgetRound.id, roundId), scopeCondition(budgetRound.regionCode, actor.scopePrefix)));
  if (!round) return fail("OUT_OF_SCOPE", "预算编制批次不存在或不在您的数据范围内。");
  return round;
}

async function describeRound(db: Db, round: typeof budgetRound.$inferSelect): Promise<BudgetRoundView> {
  const [sums] = await db
    .select({
      requested: sql<string>`coalesce(sum(${budgetLine.requestedFen}) filter (where ${budgetLine.reviewStatus} <> 'returned'), 0)::text`,
      approved: sql<string>`coalesce(sum(${budgetLine.approvedFen}), 0)::text`,
      lines: sql<number>`count(*)::int`,
      pending: sql<number>`(count(*) filter (where ${budgetLine.reviewStatus} = 'pending'))::int`,
    })
    .from(budgetLine)
    .where(and(eq(budgetLine.regionCode, round.regionCode), eq(budgetLine.roundId, round.id)));
  const [home] = await db.select({ name: region.name }).from(region).where(eq(region.regionCode, round.regionCode));
  let resolution: BudgetRoundView["resolution"] = null;
  if (round.resolutionId) {
    const [r] = await db.select().from(congressResolution).where(and(eq(congressResolution.regionCode, round.regionCode), eq(congressResolution.id, round.resolutionId)));
    if (r) resolution = { session: r.session, resolutionNo: r.resolutionNo, resolvedOn: r.resolvedOn, approvedTotal: r.approvedTotalFen === null ? null : formatYuan(r.approvedTotalFen) };
  }
  return {
    id: round.id,
    regionCode: round.regionCode,
    regionName: home?.name ?? round.regionCode,
    fiscalYear: round.fiscalYear,
    status: round.status,
    requestedTotal: formatYuan(BigInt(sums?.requested ?? "0")),
    approvedTotal: formatYuan(BigInt(sums?.approved ?? "0")),
    lineCount: sums?.lines ?? 0,
    pendingCount: sums?.pending ?? 0,
    resolution,
    indicatorsIssuedAt: round.indicatorsIssuedAt?.toISOString() ?? null,
  };
}

export async function openRound(tx: Db, actor: Actor, input: { regionCode: string; fiscalYear: number }, at: Date): Promise<BudgetRoundView> {
  if (!scopeCovers(actor.scopePrefix, input.regionCode) || input.regionCode.length !== 9) return fail("OUT_OF_SCOPE", "乡镇不存在或不在您的数据范围内。");
  const [exists] = await tx.select({ id: budgetRound.id }).from(budgetRound).where(and(eq(budgetRound.regionCode, input.regionCode), eq(budgetRound.fiscalYear, input.fiscalYear)));
  if (exists) fail("DUPLICATE", `${input.fiscalYear} 年度预算编制已开始。`);
  const row = { regionCode: input.regionCode, id: uuidv7(at.getTime()), fiscalYear: input.fiscalYear, status: "preparing" as const, resolutionId: null, indicatorsIssuedAt: null, createdBy: actor.userId, createdAt: at };
  await tx.insert(budgetRound).values(row);
  await recordAudit(tx, { regionCode: input.regionCode, actor: who(actor), action: "budgetRound.opened", entityType: "budgetRound", entityId: row.id, after: { fiscalYear: input.fiscalYear } }, at);
  return describeRound(tx, row);
}

export async function getRound(db: Db, actor: Actor, roundId: string): Promise<BudgetRoundView> {
  return describeRound(db, await roundRow(db, actor, roundId));
}

export async function listRounds(db: Db, actor: Actor, filter: { regionCode?: string | undefined; fiscalYear?: number | undefined }, page: { limit: number; offset: number }) {
  const conditions: SQL[] = [scopeCondition(budgetRound.regionCode, actor.scopePrefix)];
  if (filter.regionCode) conditions.push(eq(budgetRound.regionCode, filter.regionCode));
  if (filter.fiscalYear) conditions.push(eq(budgetRound.fiscalYear, filter.fiscalYear));
  const where = and(...conditions);
  const rounds = await db.select().from(budgetRound).where(where).orderBy(sql`${budgetRound.fiscalYear} desc`, asc(budgetRound.regionCode)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(budgetRound).where(where);
  const items: BudgetRoundView[] = [];
  for (const r of rounds) items.push(await describeRound(db, r));
  return { items, total: count?.n ?? 0 };
}

export interface BudgetLineInput {
  budgetUnitId: string;
  expenditureKind: "basic" | "project";
  /** The library project of project expenditure; the Excel template names it by projectName instead. */
  projectId?: string | undefined;
  projectName?: string | undefined;
  functionalCode: string;
  economicCode: string;
  fundNature: FundNature;
  paymentMethod: PaymentMethod;
  amountFen: bigint;
}

function viewLine(l: typeof budgetLine.$inferSelect, unitName: string): BudgetLineView {
  return {
    id: l.id,
    roundId: l.roundId,
    budgetUnitId: l.budgetUnitId,
    budgetUnitName: unitName,
    expenditureKind: l.expenditureKind,
    projectName: l.projectName,
    functionalCode: l.functionalCode,
    economicCode: l.economicCode,
    fundNature: l.fundNature,
    paymentMethod: l.paymentMethod,
    requested: formatYuan(l.requestedFen),
    approved: l.approvedFen === null ? null : formatYuan(l.approvedFen),
    reviewStatus: l.reviewStatus,
    reviewNote: l.reviewNote,
    submission: l.submission,
    projectId: l.projectId,
    createdAt: l.createdAt.toISOString(),
  };
}

type LineRow = typeof budgetLine.$inferSelect;

/** Appends one event to a line's review history, numbered after the last one. */
async function recordLineEvent(
  tx: Db,
  line: Pick<LineRow, "regionCode" | "id" | "submission" | "requestedFen" | "approvedFen">,
  kind: BudgetLineEventKind,
  actor: Actor,
  at: Date,
  extra: { note?: string | null; changes?: Record<string, { before: unknown; after: unknown }> | null } = {},
): Promise<void> {
  await tx.insert(budgetLineEvent).values({
    regionCode: line.regionCode,
    lineId: line.id,
    seq: sql`(select coalesce(max(seq), 0) + 1 from budget_line_event where region_code = ${line.regionCode} and line_id = ${line.id})` as unknown as number,
    at,
    kind,
    submission: line.submission,
    requestedFen: line.requestedFen,
    approvedFen: line.approvedFen,
    note: extra.note ?? null,
    changes: extra.changes ?? null,
    actorId: actor.userId,
    actorName: actor.displayName,
  });
}

/** A line's review history, oldest first: each submission and each review the finance office made. */
export async function lineHistory(db: Db, actor: Actor, lineId: string): Promise<BudgetLineEventView[]> {
  const [line] = await db.select({ regionCode: budgetLine.regionCode }).from(budgetLine).where(and(eq(budgetLine.id, lineId), scopeCondition(budgetLine.regionCode, actor.scopePrefix)));
  if (!line) return fail("OUT_OF_SCOPE", "申报明细不存在或不在您的数据范围内。");
  const events = await db.select().from(budgetLineEvent).where(and(eq(budgetLineEvent.regionCode, line.regionCode), eq(budgetLineEvent.lineId, lineId))).orderBy(asc(budgetLineEvent.seq));
  return events.map((e) => ({
    seq: e.seq,
    at: e.at.toISOString(),
    kind: e.kind,
    submission: e.submission,
    requested: formatYuan(e.requestedFen),
    approved: e.approvedFen === null ? null : formatYuan(e.approvedFen),
    note: e.note,
    changes: e.changes,
    actorName: e.actorName,
  }));
}

interface LineCheck {
  /** Wrong input, per field (VALIDATION_FAILED). */
  problems: { path: string; message: string }[];
  /** The library project of a project line, when found. */
  project: { id: string; name: string } | null;
  /** Why the project cannot be budgeted: no passed ex-ante assessment (PROJECT_NOT_PASSED). */
  refusal: string | null;
}

/** Why a line cannot be entered (nothing when it can), and the library project it draws on. */
async function checkLine(db: Db, round: typeof budgetRound.$inferSelect, input: BudgetLineInput): Promise<LineCheck> {
  const problems: { path: string; message: string }[] = [];
  let project: LineCheck["project"] = null;
  let refusal: string | null = null;
  const [unit] = await db.select().from(budgetUnit).where(and(eq(budgetUnit.regionCode, round.regionCode), eq(budgetUnit.id, input.budgetUnitId)));
  if (unit?.status !== "active") problems.push({ path: "budgetUnitId", message: "预算单位不存在或尚未登记生效" });
  if (input.expenditureKind === "project") {
    const found = input.projectId || input.projectName ? await projectOfLine(db, round.regionCode, input.budgetUnitId, input) : null;
    if (!found) problems.push({ path: input.projectId ? "projectId" : "projectName", message: input.projectId || input.projectName ? "该单位的项目库中没有这个项目" : "项目支出须从项目库中选择项目" });
    else {
      project = { id: found.id, name: found.name };
      refusal = projectRefusal(found);
    }
  }
  if (!/^[0-9]{7}$/.test(input.functionalCode) || !(await lookupClassification(db, round.regionCode, round.fiscalYear, "functional", input.functionalCode))) {
    problems.push({ path: "functionalCode", message: `功能分类科目 ${input.functionalCode} 不在 ${round.fiscalYear} 年度科目表中（须细化到项）` });
  }
  if (!/^[0-9]{5}$/.test(input.economicCode) || !(await lookupClassification(db, round.regionCode, round.fiscalYear, "economic", input.economicCode))) {
    problems.push({ path: "economicCode", message: `经济分类科目 ${input.economicCode} 不在 ${round.fiscalYear} 年度科目表中（须细化到款）` });
  }
  if (input.amountFen <= 0n) problems.push({ path: "amount", message: "金额须大于零" });
  return { problems, project, refusal };
}

/** Refuses a line that cannot be entered: wrong fields first, then a project without a passed assessment. */
function assertLineAcceptable(check: LineCheck): void {
  if (check.problems.length) fail("VALIDATION_FAILED", check.problems.map((p) => p.message).join("；"), check.problems);
  if (check.refusal) fail("PROJECT_NOT_PASSED", check.refusal, [{ path: "projectId", message: "事前绩效评估未通过" }]);
}

export async function addLine(tx: Db, actor: Actor, roundId: string, input: BudgetLineInput, at: Date): Promise<BudgetLineView> {
  const round = await roundRow(tx, actor, roundId);
  if (round.status !== "preparing") fail("INVALID_TRANSITION", "预算已经人大批准，不能再申报。");
  const check = await checkLine(tx, round, input);
  assertLineAcceptable(check);
  const row = {
    regionCode: round.regionCode,
    id: uuidv7(at.getTime()),
    roundId,
    budgetUnitId: input.budgetUnitId,
    expenditureKind: input.expenditureKind,
    projectName: check.project?.name ?? null,
    functionalCode: input.functionalCode,
    economicCode: input.economicCode,
    fundNature: input.fundNature,
    paymentMethod: input.paymentMethod,
    requestedFen: input.amountFen,
    approvedFen: null,
    reviewStatus: "pending" as const,
    reviewNote: null,
    reviewedBy: null,
    reviewedAt: null,
    createdBy: actor.userId,
    createdAt: at,
    submittedBy: actor.userId,
    submission: 1,
    projectId: check.project?.id ?? null,
  };
  await tx.insert(budgetLine).values(row);
  await recordLineEvent(tx, row, "requested", actor, at);
  await recordAudit(tx, { regionCode: round.regionCode, actor: who(actor), action: "budgetLine.requested", entityType: "budgetLine", entityId: row.id, after: { ...viewLine(row, "") } }, at);
  const [unit] = await tx.select({ name: budgetUnit.name }).from(budgetUnit).where(and(eq(budgetUnit.regionCode, round.regionCode), eq(budgetUnit.id, input.budgetUnitId)));
  return viewLine(row, unit?.name ?? "");
}

export async function listLines(db: Db, actor: Actor, roundId: string, filter: { budgetUnitId?: string | undefined; reviewStatus?: BudgetLineReview | undefined; q?: string | undefined }, page: { limit: number; offset: number }) {
  const round = await roundRow(db, actor, roundId);
  const conditions: SQL[] = [eq(budgetLine.regionCode, round.regionCode), eq(budgetLine.roundId, roundId)];
  if (filter.budgetUnitId) conditions.push(eq(budgetLine.budgetUnitId, filter.budgetUnitId));
  if (filter.reviewStatus) conditions.push(eq(budgetLine.reviewStatus, filter.reviewStatus));
  if (filter.q) conditions.push(or(ilike(budgetLine.projectName, containsPattern(filter.q)), ilike(budgetUnit.name, containsPattern(filter.q)), ilike(budgetLine.functionalCode, `${filter.q.replace(/[\\%_]/g, "")}%`))!);
  const where = and(...conditions);
  const join = and(eq(budgetUnit.regionCode, budgetLine.regionCode), eq(budgetUnit.id, budgetLine.budgetUnitId));
  const found = await db.select({ l: budgetLine, unitName: budgetUnit.name }).from(budgetLine).leftJoin(budgetUnit, join).where(where).orderBy(asc(budgetUnit.name), asc(budgetLine.functionalCode), asc(budgetLine.createdAt)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(budgetLine).leftJoin(budgetUnit, join).where(where);
  return { items: found.map((f) => viewLine(f.l, f.unitName ?? "")), total: count?.n ?? 0 };
}

/** The finance office's decision on a line: accept, cut (with a reason) or return (with a reason). */
export async function reviewLine(
  tx: Db,
  actor: Actor,
  lineId: string,
  input: { decision: "accept" | "cut" | "return"; approvedFen?: bigint | undefined; note?: string | undefined },
  at: Date,
): Promise<BudgetLineView> {
  const [line] = await tx.select().from(budgetLine).where(and(eq(budgetLine.id, lineId), scopeCondition(budgetLine.regionCode, actor.scopePrefix))).for("update");
  if (!line) return fail("OUT_OF_SCOPE", "申报明细不存在或不在您的数据范围内。");
  const [round] = await tx.select().from(budgetRound).where(and(eq(budgetRound.regionCode, line.regionCode), eq(budgetRound.id, line.roundId)));
  invariant(round, "a line's round exists");
  if (round.status !== "preparing") fail("INVALID_TRANSITION", "预算已经人大批准，不能再审核。");
  if (line.reviewStatus !== "pending") {
    fail("LINE_ALREADY_REVIEWED", line.reviewStatus === "returned" ? "该申报已退回预算单位，须由单位修改后重新提交，才能再审核。" : "该申报已经审核，不能重复审核。");
  }
  assertDifferentPerson(line.createdBy, actor.userId, "该申报");
  if (line.submittedBy) assertDifferentPerson(line.submittedBy, actor.userId, "该申报");
  const note = input.note?.trim() || null;
  let approvedFen: bigint | null;
  let status: BudgetLineReview;
  if (input.decision === "accept") {
    approvedFen = line.requestedFen;
    status = "accepted";
  } else if (input.decision === "cut") {
    if (input.approvedFen === undefined || input.approvedFen >= line.requestedFen) {
      return fail("VALIDATION_FAILED", `核减后的金额须小于申报金额 ${formatYuan(line.requestedFen)} 元。`, [{ path: "approvedAmount", message: "须小于申报金额" }]);
    }
    if (!note) return fail("VALIDATION_FAILED", "核减须说明理由。", [{ path: "note", message: "请填写核减理由" }]);
    approvedFen = input.approvedFen;
    status = "cut";
  } else {
    if (!note) return fail("VALIDATION_FAILED", "退回须说明理由。", [{ path: "note", message: "请填写退回理由" }]);
    approvedFen = null;
    status = "returned";
  }
  await runLineReviewChecks(tx, { regionCode: line.regionCode, lineId: line.id, roundId: line.roundId, fiscalYear: round.fiscalYear, budgetUnitId: line.budgetUnitId, expenditureKind: line.expenditureKind, projectId: line.projectId, projectName: line.projectName, requestedFen: line.requestedFen, decision: input.decision, approvedFen, actor, at });
  await tx.update(budgetLine).set({ approvedFen, reviewStatus: status, reviewNote: note, reviewedBy: actor.userId, reviewedAt: at }).where(and(eq(budgetLine.regionCode, line.regionCode), eq(budgetLine.id, line.id)));
  await recordLineEvent(tx, { ...line, approvedFen }, status as BudgetLineEventKind, actor, at, { note });
  await recordAudit(tx, { regionCode: line.regionCode, actor: who(actor), action: `budgetLine.${status}`, entityType: "budgetLine", entityId: line.id, before: { reviewStatus: line.reviewStatus, approved: line.approvedFen === null ? null : formatYuan(line.approvedFen) }, after: { reviewStatus: status, approved: approvedFen === null ? null : formatYuan(approvedFen), note } }, at);
  const [unit] = await tx.select({ name: budgetUnit.name }).from(budgetUnit).where(and(eq(budgetUnit.regionCode, line.regionCode), eq(budgetUnit.id, line.budgetUnitId)));
  return viewLine({ ...line, approvedFen, reviewStatus: status, reviewNote: note }, unit?.name ?? "");
}

export interface ResubmitInput extends Omit<BudgetLineInput, "budgetUnitId"> {
  /** What the unit changed, in its words (shown to the finance office beside the return reason). */
  note: string;
}

/**
 * The budget unit edits a line the finance office returned and submits it again: it goes back to
 * pending, and the history keeps the return, the changes and the resubmission. Only a returned line
 * of a budget still in preparation can be edited.
 */
export async function resubmitLine(tx: Db, actor: Actor, lineId: string, input: ResubmitInput, at: Date): Promise<BudgetLineView> {
  const [line] = await tx.select().from(budgetLine).where(and(eq(budgetLine.id, lineId), scopeCondition(budgetLine.regionCode, actor.scopePrefix))).for("update");
  if (!line) return fail("OUT_OF_SCOPE", "申报明细不存在或不在您的数据范围内。");
  const [round] = await tx.select().from(budgetRound).where(and(eq(budgetRound.regionCode, line.regionCode), eq(budgetRound.id, line.roundId)));
  invariant(round, "a line's round exists");
  if (round.status !== "preparing") fail("LINE_NOT_EDITABLE", `${round.fiscalYear} 年度预算已经人大批准，申报不能再修改；退回的项目请在下一年度重新申报。`);
  if (line.reviewStatus !== "returned") {
    const why = line.reviewStatus === "pending" ? "正在等待财政所审核" : line.reviewStatus === "accepted" ? "已经财政所同意" : "已经财政所核减";
    fail("LINE_NOT_EDITABLE", `该申报${why}，只有被退回的申报才能修改后重新提交。`);
  }
  const note = input.note.trim();
  if (!note) fail("VALIDATION_FAILED", "请说明修改内容。", [{ path: "note", message: "请说明修改内容" }]);
  const full: BudgetLineInput = { ...input, budgetUnitId: line.budgetUnitId };
  const check = await checkLine(tx, round, full);
  assertLineAcceptable(check);
  const next = {
    expenditureKind: full.expenditureKind,
    projectId: check.project?.id ?? null,
    projectName: check.project?.name ?? null,
    functionalCode: full.functionalCode,
    economicCode: full.economicCode,
    fundNature: full.fundNature,
    paymentMethod: full.paymentMethod,
    requestedFen: full.amountFen,
  };
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const [key, after] of Object.entries(next) as [keyof typeof next, unknown][]) {
    const before = line[key];
    if (before !== after) changes[key === "requestedFen" ? "requested" : key] = key === "requestedFen" ? { before: formatYuan(before as bigint), after: formatYuan(after as bigint) } : { before, after };
  }
  const updated: LineRow = { ...line, ...next, approvedFen: null, reviewStatus: "pending", reviewNote: null, reviewedBy: null, reviewedAt: null, submittedBy: actor.userId, submission: line.submission + 1 };
  await tx
    .update(budgetLine)
    .set({ ...next, approvedFen: null, reviewStatus: "pending", reviewNote: null, reviewedBy: null, reviewedAt: null, submittedBy: actor.userId, submission: updated.submission })
    .where(and(eq(budgetLine.regionCode, line.regionCode), eq(budgetLine.id, line.id)));
  await recordLineEvent(tx, updated, "resubmitted", actor, at, { note, changes });
  await recordAudit(tx, { regionCode: line.regionCode, actor: who(actor), action: "budgetLine.resubmitted", entityType: "budgetLine", entityId: line.id, before: { reviewStatus: line.reviewStatus, submission: line.submission }, after: { reviewStatus: "pending", submission: updated.submission, note, changes } }, at);
  const [unit] = await tx.select({ name: budgetUnit.name }).from(budgetUnit).where(and(eq(budgetUnit.regionCode, line.regionCode), eq(budgetUnit.id, line.budgetUnitId)));
  return viewLine(updated, unit?.name ?? "");
}

export type TotalsBy = "unit" | "functional1" | "functional2" | "functional3" | "economic1" | "economic2" | "government1";

/** The draft's lines (not returned) summed by department economic item and kind of unit, for the 50x mapping. */
async function totalsByEconomicItemAndUnitKind(db: Db, round: typeof budgetRound.$inferSelect) {
  return db
    .select({
      economicCode: budgetLine.economicCode,
      unitKind: budgetUnit.kind,
      requested: sql<string>`sum(${budgetLine.requestedFen})::text`,
      approved: sql<string>`coalesce(sum(${budgetLine.approvedFen}), 0)::text`,
      lines: sql<number>`count(*)::int`,
    })
    .from(budgetLine)
    .innerJoin(budgetUnit, and(eq(budgetUnit.regionCode, budgetLine.regionCode), eq(budgetUnit.id, budgetLine.budgetUnitId)))
    .where(and(eq(budgetLine.regionCode, round.regionCode), eq(budgetLine.roundId, round.id), sql`${budgetLine.reviewStatus} <> 'returned'`))
    .groupBy(budgetLine.economicCode, budgetUnit.kind);
}

/** The draft added up by government economic class (50x 类), through the published 30x ↔ 50x mapping. */
async function governmentTotals(db: Db, round: typeof budgetRound.$inferSelect): Promise<TotalRow[]> {
  const sums = new Map<string, { name: string; requested: bigint; approved: bigint; lines: number }>();
  for (const r of await totalsByEconomicItemAndUnitKind(db, round)) {
    const mapped = governmentEconomicOf(r.economicCode, mappingKindOf(r.unitKind));
    invariant(mapped, `economic code ${r.economicCode} of a line maps to a government economic class`);
    const sum = sums.get(mapped.classCode) ?? { name: mapped.className, requested: 0n, approved: 0n, lines: 0 };
    sum.requested += BigInt(r.requested);
    sum.approved += BigInt(r.approved);
    sum.lines += r.lines;
    sums.set(mapped.classCode, sum);
  }
  return [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, s]) => ({ key, name: s.name, requested: formatYuan(s.requested), approved: formatYuan(s.approved), lineCount: s.lines }));
}

/** The draft added up by unit, or by functional class (类/款/项) or economic class (类/款). */
export async function roundTotals(db: Db, actor: Actor, roundId: string, by: TotalsBy): Promise<TotalRow[]> {
  const round = await roundRow(db, actor, roundId);
  if (by === "government1") return governmentTotals(db, round);
  const keyExpr =
    by === "unit"
      ? sql<string>`${budgetLine.budgetUnitId}::text`
      : by.startsWith("functional")
        ? sql<string>`substr(${budgetLine.functionalCode}, 1, ${sql.raw(String(1 + Number(by.slice(-1)) * 2))})`
        : sql<string>`substr(${budgetLine.economicCode}, 1, ${sql.raw(String(1 + Number(by.slice(-1)) * 2))})`;
  const rowsFound = await db
    .select({
      key: keyExpr,
      requested: sql<string>`sum(${budgetLine.requestedFen})::text`,
      approved: sql<string>`coalesce(sum(${budgetLine.approvedFen}), 0)::text`,
      lines: sql<number>`count(*)::int`,
    })
    .from(budgetLine)
    .where(and(eq(budgetLine.regionCode, round.regionCode), eq(budgetLine.roundId, roundId), sql`${budgetLine.reviewStatus} <> 'returned'`))
    .groupBy(keyExpr)
    .orderBy(keyExpr);
  const keys = rowsFound.map((r) => r.key);
  let names: Map<string, string>;
  if (by === "unit") {
    const units = keys.length ? await db.select({ id: budgetUnit.id, name: budgetUnit.name }).from(budgetUnit).where(and(eq(budgetUnit.regionCode, round.regionCode), inArray(budgetUnit.id, keys))) : [];
    names = new Map(units.map((u) => [u.id, u.name]));
  } else {
    names = await classificationNames(db, round.regionCode, round.fiscalYear, by.startsWith("functional") ? "functional" : "economic", keys);
  }
  const rows: TotalRow[] = rowsFound.map((r) => ({ key: r.key, name: names.get(r.key) ?? "", requested: formatYuan(BigInt(r.requested)), approved: formatYuan(BigInt(r.approved)), lineCount: r.lines }));
  if (by.startsWith("economic")) {
    // Each 30x row shows the 50x classes its lines fall in (one 30x class can map to several: 301 is
    // 501 for an organ, 505 for a public institution).
    const classes = new Map<string, Map<string, string>>();
    for (const r of await totalsByEconomicItemAndUnitKind(db, round)) {
      const mapped = governmentEconomicOf(r.economicCode, mappingKindOf(r.unitKind));
      if (!mapped) continue;
      const rowKey = r.economicCode.slice(0, by === "economic1" ? 3 : 5);
      const found = classes.get(rowKey) ?? new Map<string, string>();
      found.set(mapped.classCode, mapped.className);
      classes.set(rowKey, found);
    }
    for (const row of rows) row.governmentClasses = [...(classes.get(row.key) ?? new Map<string, string>()).entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, name]) => ({ code, name }));
  }
  return rows;
}

/** Records the congress approval of the draft; its approved total must be the draft's reviewed total. */
export async function approveRound(
  tx: Db,
  actor: Actor,
  roundId: string,
  input: { session: string; resolutionNo: string; resolvedOn: string; approvedTotalFen: bigint },
  at: Date,
): Promise<BudgetRoundView> {
  const round = await roundRow(tx, actor, roundId);
  await tx.select().from(budgetRound).where(and(eq(budgetRound.regionCode, round.regionCode), eq(budgetRound.id, round.id))).for("update");
  if (round.status === "approved") fail("INVALID_TRANSITION", "该年度预算已经批准。");
  const draft = await describeRound(tx, round);
  if (draft.lineCount === 0) fail("INVALID_TRANSITION", "预算草案没有任何申报明细。");
  if (draft.pendingCount > 0) fail("INVALID_TRANSITION", `还有 ${draft.pendingCount} 条申报未经财政所审核。`);
  if (parseYuan(draft.approvedTotal) !== input.approvedTotalFen) {
    fail("VALIDATION_FAILED", `人大批准的支出总额 ${formatYuan(input.approvedTotalFen, { thousands: true })} 元与预算草案审核数 ${formatYuan(parseYuan(draft.approvedTotal), { thousands: true })} 元不一致，请先调整草案。`, [{ path: "approvedTotal", message: "与草案合计不一致" }]);
  }
  // 预算法 第十二条: the congress approves a balanced budget — revenue side equal to expenditure, per budget.
  await assertRoundBalanced(tx, round);
  const resolution = await recordResolution(tx, actor, { regionCode: round.regionCode, kind: "budgetApproval", fiscalYear: round.fiscalYear, session: input.session, resolutionNo: input.resolutionNo, resolvedOn: input.resolvedOn, approvedTotalFen: input.approvedTotalFen }, at);
  await tx.update(budgetRound).set({ status: "approved", resolutionId: resolution.id }).where(and(eq(budgetRound.regionCode, round.regionCode), eq(budgetRound.id, round.id)));
  await recordAudit(tx, { regionCode: round.regionCode, actor: who(actor), action: "budgetRound.approved", entityType: "budgetRound", entityId: round.id, after: { resolutionNo: input.resolutionNo, approvedTotal: formatYuan(input.approvedTotalFen) } }, at);
  return describeRound(tx, { ...round, status: "approved", resolutionId: resolution.id });
}

/** Issues one indicator per approved line of an approved budget; only once. */
export async function issueFromRound(tx: Db, actor: Actor, roundId: string, at: Date): Promise<{ issued: number; total: string }> {
  const round = await roundRow(tx, actor, roundId);
  if (round.status !== "approved") fail("BUDGET_NOT_APPROVED", `${round.fiscalYear} 年度预算尚未经乡镇人民代表大会批准，不能下达指标。`);
  if (round.indicatorsIssuedAt) fail("DUPLICATE", "该年度预算指标已经下达。");
  const [resolution] = await tx.select().from(congressResolution).where(and(eq(congressResolution.regionCode, round.regionCode), eq(congressResolution.id, round.resolutionId!)));
  invariant(resolution, "an approved round has its resolution");
  const lines = await tx.select().from(budgetLine).where(and(eq(budgetLine.regionCode, round.regionCode), eq(budgetLine.roundId, roundId), inArray(budgetLine.reviewStatus, ["accepted", "cut"]))).orderBy(asc(budgetLine.createdAt));
  let total = 0n;
  let issued = 0;
  for (const line of lines) {
    if (!line.approvedFen) continue;
    await issueIndicator(tx, actor, {
      regionCode: round.regionCode,
      fiscalYear: round.fiscalYear,
      documentNo: resolution.resolutionNo,
      source: "approvedBudget",
      budgetUnitId: line.budgetUnitId,
      functionalCode: line.functionalCode,
      economicCode: line.economicCode,
      fundNature: line.fundNature,
      paymentMethod: line.paymentMethod,
      summary: line.expenditureKind === "project" ? (line.projectName ?? "项目支出") : "基本支出",
      amountFen: line.approvedFen,
      budgetLineId: line.id,
    }, at);
    total += line.approvedFen;
    issued++;
  }
  await tx.update(budgetRound).set({ indicatorsIssuedAt: at }).where(and(eq(budgetRound.regionCode, round.regionCode), eq(budgetRound.id, round.id)));
  return { issued, total: formatYuan(total) };
}

// ---------------------------------------------------------------- Excel

const TEMPLATE_COLUMNS = ["预算单位统一社会信用代码", "支出类型（基本/项目）", "项目名称", "功能分类编码（项）", "经济分类编码（款）", "资金性质", "支付方式（直接/授权）", "申报金额（元）"];
const FUND_NATURE_BY_NAME: Record<string, FundNature> = { 一般公共预算: "generalBudget", 政府性基金预算: "governmentFund", 上级转移支付: "upperTransfer", 国有资本经营预算: "stateCapital", 其他资金: "other" };
const FUND_NATURE_NAMES = Object.fromEntries(Object.entries(FUND_NATURE_BY_NAME).map(([k, v]) => [v, k])) as Record<FundNature, string>;

export async function budgetTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("预算申报");
  sheet.addRow(TEMPLATE_COLUMNS).font = { bold: true };
  sheet.addRow(["12329901Q000000011", "基本", "", "2010301", "30201", "一般公共预算", "直接", "12000.00"]);
  sheet.columns.forEach((c) => (c.width = 22));
  return await workbookBuffer(workbook);
}

/** Imports request lines from the template; nothing is written when any row is wrong. */
export async function importLines(tx: Db, actor: Actor, roundId: string, content: Buffer, at: Date): Promise<LinesImportResult> {
  const round = await roundRow(tx, actor, roundId);
  if (round.status !== "preparing") fail("INVALID_TRANSITION", "预算已经人大批准，不能再申报。");
  const workbook = await loadWorkbook(content).catch(refuseSheet((message) => fail("VALIDATION_FAILED", `无法读取 Excel 文件（请使用下载的模板）：${message}`)));
  const sheet = workbook.worksheets[0];
  if (!sheet) return { total: 0, imported: 0, errors: [] };
  if (sheet.rowCount > BUDGET_LINES_IMPORT_MAX + 1) fail("VALIDATION_FAILED", `一次最多导入 ${BUDGET_LINES_IMPORT_MAX} 行。`);
  const units = await tx.select().from(budgetUnit).where(eq(budgetUnit.regionCode, round.regionCode));
  const byCode = new Map(units.map((u) => [u.creditCode, u]));
  const errors: LinesImportResult["errors"] = [];
  const inputs: BudgetLineInput[] = [];
  for (let i = 2; i <= sheet.rowCount; i++) {
    const row = sheet.getRow(i);
    const cell = (n: number) => {
      const v = row.getCell(n).value;
      return v === null || v === undefined ? "" : String(typeof v === "object" && "result" in v ? v.result : v).trim();
    };
    const values = TEMPLATE_COLUMNS.map((_, n) => cell(n + 1));
    if (values.every((v) => v === "")) continue;
    const [creditCode, kind, projectName, functionalCode, economicCode, nature, method, amount] = values as [string, string, string, string, string, string, string, string];
    const rowErrors: string[] = [];
    const unit = byCode.get(creditCode.toUpperCase());
    if (!unit) rowErrors.push(`预算单位 ${creditCode || "（空）"} 未在本乡镇登记`);
    const expenditureKind = kind === "基本" ? "basic" : kind === "项目" ? "project" : null;
    if (!expenditureKind) rowErrors.push("支出类型应为“基本”或“项目”");
    const fundNature = FUND_NATURE_BY_NAME[nature];
    if (!fundNature) rowErrors.push(`资金性质应为 ${Object.keys(FUND_NATURE_BY_NAME).join("、")} 之一`);
    const paymentMethod = method === "直接" ? "direct" : method === "授权" ? "authorised" : null;
    if (!paymentMethod) rowErrors.push("支付方式应为“直接”或“授权”");
    const parsed = tryParseYuan(amount, { allowThousandsSeparator: true });
    if (!parsed.ok || parsed.fen <= 0n) rowErrors.push(parsed.ok ? "金额须大于零" : parsed.message);
    // The API's rule of the text field (the project's name), as a form would apply it.
    for (const broken of rowFieldProblems({ projectName: budgetLineBody.shape.projectName }, { projectName }, { projectName: TEMPLATE_COLUMNS[2] })) rowErrors.push(broken.message);
    if (rowErrors.length === 0) {
      const input: BudgetLineInput = { budgetUnitId: unit!.id, expenditureKind: expenditureKind!, projectName: projectName || undefined, functionalCode, economicCode, fundNature: fundNature!, paymentMethod: paymentMethod!, amountFen: parsed.ok ? parsed.fen : 0n };
      const check = await checkLine(tx, round, input);
      for (const p of check.problems) rowErrors.push(p.message);
      if (check.refusal) rowErrors.push(check.refusal);
      inputs.push(input);
    }
    for (const message of rowErrors) errors.push({ line: i, message });
  }
  if (errors.length) return { total: inputs.length + new Set(errors.map((e) => e.line)).size, imported: 0, errors };
  for (const input of inputs) await addLine(tx, actor, roundId, input, at);
  return { total: inputs.length, imported: inputs.length, errors: [] };
}

/** The draft in the customary layout: by unit, basic then project lines, with subtotals. */
export async function exportDraft(db: Db, actor: Actor, roundId: string): Promise<{ fileName: string; content: Buffer }> {
  const round = await describeRound(db, await roundRow(db, actor, roundId));
  const lines = await listLines(db, actor, roundId, {}, { limit: 1_000_000, offset: 0 });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`${round.fiscalYear}年预算草案`);
  sheet.addRow([`${round.regionName}${round.fiscalYear}年度部门预算草案`]).font = { bold: true, size: 14 };
  sheet.addRow(["单位：元"]);
  sheet.addRow(["预算单位", "支出类型", "项目名称", "功能分类", "经济分类", "资金性质", "支付方式", "申报数", "审核数", "审核状态", "审核意见"]).font = { bold: true };
  const statusNames: Record<BudgetLineReview, string> = { pending: "待审核", accepted: "同意", cut: "核减", returned: "退回" };
  let unitName = "";
  let subtotal = 0n;
  const flush = () => {
    if (unitName) sheet.addRow([`${unitName} 小计`, "", "", "", "", "", "", "", formatYuan(subtotal)]).font = { bold: true };
    subtotal = 0n;
  };
  const sorted = [...lines.items].sort((a, b) => a.budgetUnitName.localeCompare(b.budgetUnitName, "zh") || a.expenditureKind.localeCompare(b.expenditureKind));
  for (const l of sorted) {
    if (l.budgetUnitName !== unitName) {
      flush();
      unitName = l.budgetUnitName;
    }
    if (l.approved) subtotal += parseYuan(l.approved);
    sheet.addRow([l.budgetUnitName, l.expenditureKind === "basic" ? "基本支出" : "项目支出", l.projectName ?? "", l.functionalCode, l.economicCode, FUND_NATURE_NAMES[l.fundNature], l.paymentMethod === "direct" ? "直接支付" : "授权支付", l.requested, l.approved ?? "", statusNames[l.reviewStatus], l.reviewNote ?? ""]);
  }
  flush();
  sheet.addRow(["合计", "", "", "", "", "", "", round.requestedTotal, round.approvedTotal]).font = { bold: true };
  formatMoneyColumns(sheet, 3, [8, 9]);
  sheet.columns.forEach((c) => (c.width = 16));
  return { fileName: `${round.regionCode}-${round.fiscalYear}-budget-draft.xlsx`, content: await workbookBuffer(workbook) };
}
