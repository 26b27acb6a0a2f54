// The revenue side of budget preparation (收入预算): own revenue by class, transfer revenue from above,
// funds brought in and carried over, and remittances up (上解) and funds taken out on the uses side,
// so the draft the congress approves has both sides and balances (revenueRules.ts). And the
// remittances actually made during the year, each by document, announced to the fiscal ledger.
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { formatYuan, remittanceKindNames, scopeCovers, type RemittanceView, type RevenueLineView, type RevenueSideView } from "@xiangcai/shared";
export type { RemittanceView, RevenueLineView, RevenueSideView };
import type { Db } from "../platform/db.ts";
import { uuidv7 } from "../platform/ids.ts";
import { scopeCondition } from "../platform/scope.ts";
import { publish } from "../platform/outbox.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { lookupClassification, revenueFundOf } from "../catalog/index.ts";
import { fail, isYearClosed } from "./indicators.ts";
import { remittanceRecordedTopic } from "./events.ts";
import { budgetLine, budgetRemittance, budgetRevenueLine, budgetRound, type RevenueFund, type RevenueLineKind } from "./tables.ts";
import { budgetBalanceOf, imbalanceMessage, isUseOfFunds, REVENUE_LINE_KINDS, requiredRevenueClass, revenueFundNames, revenueFundOfFundNature, revenueLineKindNames, type BudgetBalance } from "./revenueRules.ts";

/** A draft's revenue side holds at most this many lines. */
export const REVENUE_LINES_MAX = 500;

const who = (actor: Actor) => ({ id: actor.userId, name: actor.displayName });

function viewLine(l: typeof budgetRevenueLine.$inferSelect): RevenueLineView {
  return {
    id: l.id,
    roundId: l.roundId,
    kind: l.kind,
    kindName: revenueLineKindNames[l.kind],
    side: isUseOfFunds(l.kind) ? "uses" : "sources",
    fund: l.fund,
    fundName: revenueFundNames[l.fund],
    revenueCode: l.revenueCode,
    name: l.name,
    amount: formatYuan(l.amountFen),
    note: l.note,
    createdAt: l.createdAt.toISOString(),
  };
}

async function roundOf(db: Db, actor: Actor, roundId: string) {
  const [round] = await db.select().from(budgetRound).where(and(eq(budgetRound.id, roundId), scopeCondition(budgetRound.regionCode, actor.scopePrefix)));
  if (!round) return fail("OUT_OF_SCOPE", "预算编制批次不存在或不在您的数据范围内。");
  return round;
}

/** The reviewed expenditure of a draft per budget (accepted and cut lines at their approved amounts). */
async function expenditureByFund(db: Db, round: typeof budgetRound.$inferSelect): Promise<{ fund: RevenueFund; amountFen: bigint }[]> {
  const rows = await db
    .select({ fundNature: budgetLine.fundNature, fen: sql<string>`coalesce(sum(${budgetLine.approvedFen}), 0)::text` })
    .from(budgetLine)
    .where(and(eq(budgetLine.regionCode, round.regionCode), eq(budgetLine.roundId, round.id), inArray(budgetLine.reviewStatus, ["accepted", "cut"])))
    .groupBy(budgetLine.fundNature);
  return rows.map((r) => ({ fund: revenueFundOfFundNature(r.fundNature), amountFen: BigInt(r.fen) }));
}

/** The balance of a draft: its revenue side against its reviewed expenditure, per budget. */
export async function balanceOfRound(db: Db, round: typeof budgetRound.$inferSelect): Promise<BudgetBalance> {
  const lines = await db.select().from(budgetRevenueLine).where(and(eq(budgetRevenueLine.regionCode, round.regionCode), eq(budgetRevenueLine.roundId, round.id)));
  return budgetBalanceOf(lines, await expenditureByFund(db, round));
}

/** Refuses the approval of a draft whose two sides differ (BUDGET_UNBALANCED), naming both sides. */
export async function assertRoundBalanced(db: Db, round: typeof budgetRound.$inferSelect): Promise<void> {
  const balance = await balanceOfRound(db, round);
  if (!balance.balanced) fail("BUDGET_UNBALANCED", `预算草案收支不平衡，不能提请批准：${imbalanceMessage(balance)}。请先编好收入预算。`, [{ path: "revenue", message: "收支不平衡" }]);
}

export async function revenueSide(db: Db, actor: Actor, roundId: string): Promise<RevenueSideView> {
  const round = await roundOf(db, actor, roundId);
  const lines = await db.select().from(budgetRevenueLine).where(and(eq(budgetRevenueLine.regionCode, round.regionCode), eq(budgetRevenueLine.roundId, round.id))).orderBy(asc(budgetRevenueLine.createdAt), asc(budgetRevenueLine.id));
  const balance = budgetBalanceOf(lines, await expenditureByFund(db, round));
  return {
    roundId: round.id,
    regionCode: round.regionCode,
    fiscalYear: round.fiscalYear,
    status: round.status,
    // Sources before uses, then by kind and revenue class, as the budget tables read.
    lines: lines
      .sort((a, b) => REVENUE_LINE_KINDS.indexOf(a.kind) - REVENUE_LINE_KINDS.indexOf(b.kind) || (a.revenueCode ?? "").localeCompare(b.revenueCode ?? "") || a.createdAt.getTime() - b.createdAt.getTime())
      .map(viewLine),
    balance: {
      balanced: balance.balanced,
      message: balance.balanced ? null : imbalanceMessage(balance),
      funds: balance.funds.map((f) => ({ fund: f.fund, fundName: revenueFundNames[f.fund], sources: formatYuan(f.sourcesFen), expenditure: formatYuan(f.expenditureFen), otherUses: formatYuan(f.otherUsesFen), difference: formatYuan(f.differenceFen) })),
    },
  };
}

export interface RevenueLineInput {
  kind: RevenueLineKind;
  fund?: RevenueFund | undefined;
  revenueCode?: string | undefined;
  name?: string | undefined;
  amountFen: bigint;
  note?: string | undefined;
}

/**
 * Adds a line to a draft's revenue side while it is being prepared. Tax lines carry a class under
 * 101, non-tax lines one under 103, looked up in the year's revenue catalogue; the class decides the
 * budget (政府性基金收入 10301… is the government fund budget), and 国有资本经营收入 is prepared apart.
 */
export async function addRevenueLine(tx: Db, actor: Actor, roundId: string, input: RevenueLineInput, at: Date): Promise<RevenueLineView> {
  const round = await roundOf(tx, actor, roundId);
  await tx.select({ id: budgetRound.id }).from(budgetRound).where(and(eq(budgetRound.regionCode, round.regionCode), eq(budgetRound.id, round.id))).for("update");
  if (round.status !== "preparing") fail("INVALID_TRANSITION", "预算已经人大批准，收入预算不能再改；年度中的变化请走预算调整。");
  if (input.amountFen <= 0n) fail("VALIDATION_FAILED", "金额应大于零。", [{ path: "amount", message: "应大于零" }]);
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(budgetRevenueLine).where(and(eq(budgetRevenueLine.regionCode, round.regionCode), eq(budgetRevenueLine.roundId, round.id)));
  if ((count?.n ?? 0) >= REVENUE_LINES_MAX) fail("VALIDATION_FAILED", `收入预算最多 ${REVENUE_LINES_MAX} 行。`);
  let fund: RevenueFund = input.fund ?? "generalBudget";
  let name = input.name?.trim() ?? "";
  const requiredClass = requiredRevenueClass(input.kind);
  if (requiredClass || input.revenueCode) {
    if (!input.revenueCode) return fail("VALIDATION_FAILED", `${revenueLineKindNames[input.kind]}须选择收入分类科目。`, [{ path: "revenueCode", message: "请选择收入分类" }]);
    if (requiredClass && !input.revenueCode.startsWith(requiredClass)) {
      fail("VALIDATION_FAILED", `${revenueLineKindNames[input.kind]}的收入分类应在 ${requiredClass} 类下，${input.revenueCode} 不是。`, [{ path: "revenueCode", message: `应为 ${requiredClass} 开头` }]);
    }
    const found = await lookupClassification(tx, round.regionCode, round.fiscalYear, "revenue", input.revenueCode);
    if (!found) return fail("UNKNOWN_CLASSIFICATION", `收入分类科目 ${input.revenueCode} 不在 ${round.fiscalYear} 年度科目表中。`, [{ path: "revenueCode", message: "科目不存在" }]);
    if (requiredClass) {
      const byClass = revenueFundOf(input.revenueCode);
      if (byClass === "stateCapital") fail("VALIDATION_FAILED", "国有资本经营收入列入国有资本经营预算，另行编制。", [{ path: "revenueCode", message: "不列入本预算" }]);
      else fund = byClass;
    }
    if (!name) name = found.name;
  }
  if (!name) name = revenueLineKindNames[input.kind];
  const row = { regionCode: round.regionCode, id: uuidv7(at.getTime()), roundId: round.id, kind: input.kind, fund, revenueCode: input.revenueCode ?? null, name: name.slice(0, 100), amountFen: input.amountFen, note: input.note?.trim() || null, createdBy: actor.userId, createdAt: at };
  await tx.insert(budgetRevenueLine).values(row);
  await recordAudit(tx, { regionCode: round.regionCode, actor: who(actor), action: "budgetRevenue.lineAdded", entityType: "budgetRound", entityId: round.id, after: { line: row.id, kind: row.kind, fund, revenueCode: row.revenueCode, name: row.name, amount: formatYuan(row.amountFen) } }, at);
  return viewLine(row);
}

/** Removes a line from a draft's revenue side while it is being prepared. */
export async function removeRevenueLine(tx: Db, actor: Actor, lineId: string, at: Date): Promise<void> {
  const [line] = await tx.select().from(budgetRevenueLine).where(and(eq(budgetRevenueLine.id, lineId), scopeCondition(budgetRevenueLine.regionCode, actor.scopePrefix)));
  if (!line) return fail("OUT_OF_SCOPE", "收入预算明细不存在或不在您的数据范围内。");
  const [round] = await tx.select().from(budgetRound).where(and(eq(budgetRound.regionCode, line.regionCode), eq(budgetRound.id, line.roundId))).for("update");
  if (round?.status !== "preparing") fail("INVALID_TRANSITION", "预算已经人大批准，收入预算不能再改。");
  await tx.delete(budgetRevenueLine).where(and(eq(budgetRevenueLine.regionCode, line.regionCode), eq(budgetRevenueLine.id, line.id)));
  await recordAudit(tx, { regionCode: line.regionCode, actor: who(actor), action: "budgetRevenue.lineRemoved", entityType: "budgetRound", entityId: line.roundId, before: { line: line.id, kind: line.kind, name: line.name, amount: formatYuan(line.amountFen) } }, at);
}

// ---------------------------------------------------------------- the approved budget, for reports

export interface ApprovedBudget {
  fiscalYear: number;
  resolutionId: string;
  revenue: { kind: RevenueLineKind; fund: RevenueFund; revenueCode: string | null; name: string; amountFen: bigint }[];
  expenditure: { functionalCode: string; fund: RevenueFund; amountFen: bigint }[];
}

/** A township's approved budget of a year, both sides (for execution statements and final accounts), or null. */
export async function approvedBudgetOf(db: Db, regionCode: string, fiscalYear: number): Promise<ApprovedBudget | null> {
  const [round] = await db.select().from(budgetRound).where(and(eq(budgetRound.regionCode, regionCode), eq(budgetRound.fiscalYear, fiscalYear)));
  if (!round || round.status !== "approved" || !round.resolutionId) return null;
  const revenue = await db.select().from(budgetRevenueLine).where(and(eq(budgetRevenueLine.regionCode, regionCode), eq(budgetRevenueLine.roundId, round.id)));
  const lines = await db
    .select({ functionalCode: budgetLine.functionalCode, fundNature: budgetLine.fundNature, fen: sql<string>`coalesce(sum(${budgetLine.approvedFen}), 0)::text` })
    .from(budgetLine)
    .where(and(eq(budgetLine.regionCode, regionCode), eq(budgetLine.roundId, round.id), inArray(budgetLine.reviewStatus, ["accepted", "cut"])))
    .groupBy(budgetLine.functionalCode, budgetLine.fundNature);
  return {
    fiscalYear,
    resolutionId: round.resolutionId,
    revenue: revenue.map((r) => ({ kind: r.kind, fund: r.fund, revenueCode: r.revenueCode, name: r.name, amountFen: r.amountFen })),
    expenditure: lines.map((l) => ({ functionalCode: l.functionalCode, fund: revenueFundOfFundNature(l.fundNature), amountFen: BigInt(l.fen) })),
  };
}

// ---------------------------------------------------------------- remittances (上解)

function viewRemittance(r: typeof budgetRemittance.$inferSelect): RemittanceView {
  return { id: r.id, regionCode: r.regionCode, fiscalYear: r.fiscalYear, documentNo: r.documentNo, kind: r.kind, kindName: remittanceKindNames[r.kind], fund: r.fund, fundName: revenueFundNames[r.fund], amount: formatYuan(r.amountFen), remittedOn: r.remittedOn, note: r.note, recordedByName: r.recordedByName, recordedAt: r.recordedAt.toISOString() };
}

/** Records a remittance to the level above by its document; once per document number; the fiscal ledger posts it. */
export async function recordRemittance(
  tx: Db,
  actor: Actor,
  input: { regionCode: string; fiscalYear: number; documentNo: string; kind: "system" | "special"; fund: RevenueFund; amountFen: bigint; remittedOn: string; note?: string | undefined },
  at: Date,
): Promise<RemittanceView> {
  if (!scopeCovers(actor.scopePrefix, input.regionCode) || input.regionCode.length !== 9) return fail("OUT_OF_SCOPE", "乡镇不存在或不在您的数据范围内。");
  if (input.amountFen <= 0n) fail("VALIDATION_FAILED", "上解金额应大于零。", [{ path: "amount", message: "应大于零" }]);
  if (Number.parseInt(input.remittedOn.slice(0, 4), 10) !== input.fiscalYear) fail("VALIDATION_FAILED", `上解日期应在 ${input.fiscalYear} 年度内。`, [{ path: "remittedOn", message: "不在该年度" }]);
  if (await isYearClosed(tx, input.regionCode, input.fiscalYear)) fail("YEAR_CLOSED", `${input.fiscalYear} 年度已结账，不能再登记上解。`);
  const [dup] = await tx.select({ id: budgetRemittance.id }).from(budgetRemittance).where(and(eq(budgetRemittance.regionCode, input.regionCode), eq(budgetRemittance.documentNo, input.documentNo)));
  if (dup) fail("DUPLICATE", `文号 ${input.documentNo} 的上解已经登记。`, [{ path: "documentNo", message: "已登记" }]);
  const row = {
    regionCode: input.regionCode,
    id: uuidv7(at.getTime()),
    fiscalYear: input.fiscalYear,
    documentNo: input.documentNo,
    kind: input.kind,
    fund: input.fund,
    amountFen: input.amountFen,
    remittedOn: input.remittedOn,
    note: input.note?.trim() || null,
    recordedBy: actor.userId,
    recordedByName: actor.displayName,
    recordedAt: at,
  };
  await tx.insert(budgetRemittance).values(row);
  await recordAudit(tx, { regionCode: input.regionCode, actor: who(actor), action: "budget.remittanceRecorded", entityType: "budgetRemittance", entityId: row.id, after: { documentNo: row.documentNo, kind: row.kind, fund: row.fund, amount: formatYuan(row.amountFen), remittedOn: row.remittedOn } }, at);
  await publish(tx, remittanceRecordedTopic, { regionCode: input.regionCode, payload: { remittanceId: row.id, regionCode: row.regionCode, fiscalYear: row.fiscalYear, documentNo: row.documentNo, kind: row.kind, fund: row.fund, amount: formatYuan(row.amountFen), remittedOn: row.remittedOn } }, at);
  return viewRemittance(row);
}

export async function listRemittances(db: Db, actor: Actor, filter: { regionCode?: string | undefined; fiscalYear?: number | undefined }, page: { limit: number; offset: number }) {
  const conditions: SQL[] = [scopeCondition(budgetRemittance.regionCode, actor.scopePrefix)];
  if (filter.regionCode) conditions.push(eq(budgetRemittance.regionCode, filter.regionCode));
  if (filter.fiscalYear) conditions.push(eq(budgetRemittance.fiscalYear, filter.fiscalYear));
  const where = and(...conditions);
  const rows = await db.select().from(budgetRemittance).where(where).orderBy(desc(budgetRemittance.remittedOn), desc(budgetRemittance.recordedAt), desc(budgetRemittance.id)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int`, fen: sql<string>`coalesce(sum(${budgetRemittance.amountFen}), 0)::text` }).from(budgetRemittance).where(where);
  return { items: rows.map(viewRemittance), total: count?.n ?? 0, totalAmount: formatYuan(BigInt(count?.fen ?? "0")) };
}
