// Year end (DOMAIN.md §7): unspent money of every indicator is carried over to next year (结转), or
// becomes balance (结余) when general-budget money would be carried over for more than two years;
// then the year is closed, and no payment can be made against it any more.
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { formatYuan, scopeCovers } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { uuidv7 } from "../platform/ids.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/roles.ts";
import { yearEndTreatment } from "./rules.ts";
import { applyIndicatorMove, fail, isYearClosed } from "./indicators.ts";
import { budgetIndicator, fiscalYearStatus } from "./tables.ts";

export interface YearEndResult {
  regionCode: string;
  fiscalYear: number;
  closedIndicators: number;
  carriedOver: { count: number; amount: string };
  becameBalance: { count: number; amount: string };
}

export async function closeYear(tx: Db, actor: Actor, input: { regionCode: string; fiscalYear: number }, at = new Date()): Promise<YearEndResult> {
  if (!scopeCovers(actor.scopePrefix, input.regionCode) || input.regionCode.length !== 9 || input.regionCode.endsWith("000")) return fail("OUT_OF_SCOPE", "乡镇不存在或不在您的数据范围内。");
  // One year end at a time per township: a second one waits here, then finds the year closed.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`yearEnd:${input.regionCode}`}))`);
  if (await isYearClosed(tx, input.regionCode, input.fiscalYear)) fail("YEAR_CLOSED", `${input.fiscalYear} 年度已经结账。`);
  if (await isYearClosed(tx, input.regionCode, input.fiscalYear + 1)) fail("YEAR_CLOSED", `${input.fiscalYear + 1} 年度已结账，不能结转。`);
  const inYear = and(eq(budgetIndicator.regionCode, input.regionCode), eq(budgetIndicator.fiscalYear, input.fiscalYear), eq(budgetIndicator.status, "active"));
  const [inFlight] = await tx.select({ n: sql<number>`count(*)::int` }).from(budgetIndicator).where(and(inYear, gt(budgetIndicator.reservedFen, 0n)));
  if ((inFlight?.n ?? 0) > 0) fail("PAYMENTS_IN_FLIGHT", `仍有 ${inFlight!.n} 个指标有在途支付（已占用未支付），请先办结或撤销后再结账。`);
  const indicators = await tx.select().from(budgetIndicator).where(inYear).orderBy(asc(budgetIndicator.createdAt)).for("update");
  const by = { id: actor.userId, name: actor.displayName };
  const result: YearEndResult = { regionCode: input.regionCode, fiscalYear: input.fiscalYear, closedIndicators: indicators.length, carriedOver: { count: 0, amount: "0.00" }, becameBalance: { count: 0, amount: "0.00" } };
  let carriedFen = 0n;
  let balanceFen = 0n;
  for (const indicator of indicators) {
    const unspent = indicator.availableFen;
    if (unspent > 0n) {
      const treatment = yearEndTreatment(indicator);
      if (treatment === "balance") {
        await applyIndicatorMove(tx, input.regionCode, indicator.id, { kind: "changeIssued", amountFen: -unspent }, { kind: "becameBalance", actor: by, note: "结转超过两年，转为结余（补充预算稳定调节基金）", requireActive: true, at });
        await tx.update(budgetIndicator).set({ status: "balance" }).where(and(eq(budgetIndicator.regionCode, input.regionCode), eq(budgetIndicator.id, indicator.id)));
        balanceFen += unspent;
        result.becameBalance.count++;
        continue;
      }
      const nextId = uuidv7(at.getTime());
      await applyIndicatorMove(tx, input.regionCode, indicator.id, { kind: "changeIssued", amountFen: -unspent }, { kind: "carriedOut", actor: by, refType: "indicator", refId: nextId, requireActive: true, at });
      await tx.insert(budgetIndicator).values({
        ...indicator,
        id: nextId,
        fiscalYear: input.fiscalYear + 1,
        source: "carryOver",
        issuedFen: 0n,
        reservedFen: 0n,
        paidFen: 0n,
        availableFen: 0n,
        status: "active",
        carriedFromId: indicator.id,
        createdBy: actor.userId,
        createdAt: at,
        updatedAt: at,
      });
      await applyIndicatorMove(tx, input.regionCode, nextId, { kind: "changeIssued", amountFen: unspent }, { kind: "carriedIn", actor: by, document: indicator.documentNo, refType: "indicator", refId: indicator.id, requireActive: true, at });
      carriedFen += unspent;
      result.carriedOver.count++;
    }
    await applyIndicatorMove(tx, input.regionCode, indicator.id, { kind: "changeIssued", amountFen: 0n }, { kind: "closed", actor: by, requireActive: true, at });
    await tx.update(budgetIndicator).set({ status: "closed" }).where(and(eq(budgetIndicator.regionCode, input.regionCode), eq(budgetIndicator.id, indicator.id)));
  }
  result.carriedOver.amount = formatYuan(carriedFen);
  result.becameBalance.amount = formatYuan(balanceFen);
  await tx
    .insert(fiscalYearStatus)
    .values({ regionCode: input.regionCode, fiscalYear: input.fiscalYear, status: "closed", closedBy: actor.userId, closedAt: at })
    .onConflictDoUpdate({ target: [fiscalYearStatus.regionCode, fiscalYearStatus.fiscalYear], set: { status: "closed", closedBy: actor.userId, closedAt: at } });
  await recordAudit(tx, { regionCode: input.regionCode, actor: by, action: "fiscalYear.closed", entityType: "fiscalYear", entityId: `${input.regionCode}/${input.fiscalYear}`, after: result }, at);
  return result;
}
