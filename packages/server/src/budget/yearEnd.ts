// Year end (DOMAIN.md §7): unspent money of every indicator is carried over to next year (结转), or
// becomes balance (结余) when general-budget money would be carried over for more than two years;
// then the year is closed, and no payment can be made against it any more. The district can run it
// for all its townships in one action, township after township, with the progress recorded.
import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { formatYuan, scopeCovers, type YearEndRun, type YearEndTownshipResult } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { uuidv7 } from "../platform/ids.ts";
import { DomainError, invariant } from "../platform/errors.ts";
import { scopeCondition } from "../platform/scope.ts";
import { region } from "../platform/regionTable.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { yearEndTreatment } from "./rules.ts";
import { applyIndicatorMove, fail, isYearClosed } from "./indicators.ts";
import { budgetIndicator, budgetLine, fiscalYearStatus, yearEndRun } from "./tables.ts";
import { expenditureKindOf, expenditureKinds, type ExpenditureKind } from "./spending.ts";
import { appropriationFundOf, appropriationFunds, type AppropriationFund } from "./fund.ts";
import { publish } from "../platform/outbox.ts";
import { authorisedPaymentCarriedOverTopic, directPaymentCarriedOverTopic } from "./events.ts";
import type { FundNature, YearEndResult } from "@xiangcai/shared";
export type { YearEndResult };

/** The 基本支出 / 项目支出 of the budget lines the indicators were issued from. */
async function lineKindsOf(tx: Db, regionCode: string, indicators: readonly (typeof budgetIndicator.$inferSelect)[]): Promise<Map<string, ExpenditureKind>> {
  const ids = [...new Set(indicators.map((i) => i.budgetLineId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const lines = await tx.select({ id: budgetLine.id, expenditureKind: budgetLine.expenditureKind }).from(budgetLine).where(and(eq(budgetLine.regionCode, regionCode), inArray(budgetLine.id, ids)));
  return new Map(lines.map((l) => [l.id, l.expenditureKind]));
}

export async function closeYear(tx: Db, actor: Actor, input: { regionCode: string; fiscalYear: number }, at: Date): Promise<YearEndResult> {
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
  /**
   * Unspent direct-payment money of the year's own budget carried over, per unit: the unit's
   * 财政应返还额度—财政直接支付. Money carried in from last year is left out: its 财政应返还额度 was
   * recognised last year and is still on the unit's books (its payments credit 120101, not 6001).
   */
  const directByUnit = new Map<string, { fen: bigint; count: number; parts: Map<string, { fundNature: FundNature; expenditureKind: ExpenditureKind; fen: bigint; count: number }> }>();
  /**
   * Authorised-payment indicators per unit and fund (一般公共预算 / 政府性基金 / 国有资本经营: fund.ts; a
   * carried indicator keeps its fund nature): the own budget's issued amount and what is carried over, per
   * kind (基本支出 / 项目支出, as the quota is issued): issued and carried over by the indicator's kind, which
   * the indicator carried into keeps (spending.ts) and next year's quota of that fund and kind restores.
   */
  type FundFigures = { count: number; byKind: Record<ExpenditureKind, { issuedFen: bigint; carriedFen: bigint }> };
  const authorisedByUnit = new Map<string, Record<AppropriationFund, FundFigures>>();
  const noFigures = () => Object.fromEntries(appropriationFunds.map((fund): [AppropriationFund, FundFigures] => [fund, { count: 0, byKind: { basic: { issuedFen: 0n, carriedFen: 0n }, project: { issuedFen: 0n, carriedFen: 0n } } }])) as Record<AppropriationFund, FundFigures>;
  const lineKinds = await lineKindsOf(tx, input.regionCode, indicators);
  const kindOfIndicator = (indicator: (typeof indicators)[number]) => expenditureKindOf(indicator, indicator.budgetLineId ? (lineKinds.get(indicator.budgetLineId) ?? null) : null);
  for (const indicator of indicators) {
    const unspent = indicator.availableFen;
    if (indicator.paymentMethod === "authorised") {
      let unit = authorisedByUnit.get(indicator.budgetUnitId);
      if (!unit) authorisedByUnit.set(indicator.budgetUnitId, (unit = noFigures()));
      const a = unit[appropriationFundOf(indicator.fundNature)];
      const kind = a.byKind[kindOfIndicator(indicator)];
      kind.issuedFen += indicator.carriedFromId === null ? indicator.issuedFen : 0n;
      kind.carriedFen += unspent > 0n && yearEndTreatment(indicator) === "carryOver" ? unspent : 0n;
      a.count++;
    }
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
      if (indicator.paymentMethod === "direct" && indicator.carriedFromId === null) {
        let d = directByUnit.get(indicator.budgetUnitId);
        if (!d) directByUnit.set(indicator.budgetUnitId, (d = { fen: 0n, count: 0, parts: new Map() }));
        d.fen += unspent;
        d.count++;
        // Per fund nature and kind: the unit's ledger recognises each on its 6001 明细.
        const expenditureKind = kindOfIndicator(indicator);
        const key = `${indicator.fundNature}|${expenditureKind}`;
        const part = d.parts.get(key) ?? { fundNature: indicator.fundNature, expenditureKind, fen: 0n, count: 0 };
        d.parts.set(key, { ...part, fen: part.fen + unspent, count: part.count + 1 });
      }
    }
    await applyIndicatorMove(tx, input.regionCode, indicator.id, { kind: "changeIssued", amountFen: 0n }, { kind: "closed", actor: by, requireActive: true, at });
    await tx.update(budgetIndicator).set({ status: "closed" }).where(and(eq(budgetIndicator.regionCode, input.regionCode), eq(budgetIndicator.id, indicator.id)));
  }
  for (const [budgetUnitId, d] of directByUnit) {
    const parts = [...d.parts.values()].map((p) => ({ fundNature: p.fundNature, expenditureKind: p.expenditureKind, amount: formatYuan(p.fen), indicatorCount: p.count }));
    await publish(tx, directPaymentCarriedOverTopic, { regionCode: input.regionCode, payload: { regionCode: input.regionCode, budgetUnitId, fiscalYear: input.fiscalYear, amount: formatYuan(d.fen), indicatorCount: d.count, parts } }, at);
  }
  for (const [budgetUnitId, unit] of authorisedByUnit) {
    // Per fund and kind: 一般公共预算's two kinds always (as before quotas had a fund), another fund's kind when it has money.
    const byKind = appropriationFunds.flatMap((fund) =>
      expenditureKinds
        .map((expenditureKind) => ({ fund, expenditureKind, ...unit[fund].byKind[expenditureKind] }))
        .filter((k) => k.fund === "generalBudget" || k.issuedFen !== 0n || k.carriedFen !== 0n),
    );
    const unitIssuedFen = byKind.reduce((sum, k) => sum + k.issuedFen, 0n);
    const unitCarriedFen = byKind.reduce((sum, k) => sum + k.carriedFen, 0n);
    if (unitIssuedFen === 0n && unitCarriedFen === 0n) continue;
    await publish(
      tx,
      authorisedPaymentCarriedOverTopic,
      {
        regionCode: input.regionCode,
        payload: {
          regionCode: input.regionCode,
          budgetUnitId,
          fiscalYear: input.fiscalYear,
          issued: formatYuan(unitIssuedFen),
          carriedOver: formatYuan(unitCarriedFen),
          indicatorCount: Object.values(unit).reduce((sum, f) => sum + f.count, 0),
          byKind: byKind.map((k) => ({ expenditureKind: k.expenditureKind, fund: k.fund, issued: formatYuan(k.issuedFen), carriedOver: formatYuan(k.carriedFen) })),
        },
      },
      at,
    );
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

// ---------------------------------------------------------------- the whole district at once

export type YearEndRunView = YearEndRun;

const viewRun = (r: typeof yearEndRun.$inferSelect): YearEndRunView => ({
  id: r.id,
  regionCode: r.regionCode,
  fiscalYear: r.fiscalYear,
  status: r.status,
  townshipCount: r.townshipCount,
  doneCount: r.doneCount,
  results: r.results,
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

/** Runs of this process still working: a run left "running" by a stopped process is stale. */
const working = new Map<string, Promise<void>>();

function districtOf(actor: Actor): string {
  const district = actor.regionCode;
  if (!/^[0-9]{6}000$/.test(district) || actor.scopePrefix !== district.slice(0, 6)) return fail("FORBIDDEN", "只有区财政局的用户能对全区各乡镇统一结转结账。");
  return district;
}

/**
 * Starts the year end of every township of the actor's district: records the run with its townships
 * and returns it; `run` (given by the caller, which owns the process) then closes one township after
 * another, each in its own transaction, and records each result as it goes. Running it again changes
 * nothing: a township whose year is closed is reported as closed already. While a run of the same
 * year is working, starting again answers that run.
 */
export async function startDistrictYearEnd(tx: Db, actor: Actor, input: { fiscalYear: number }, at: Date): Promise<YearEndRunView> {
  const district = districtOf(actor);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`yearEndRun:${district}:${input.fiscalYear}`}))`);
  const open = await tx.select().from(yearEndRun).where(and(eq(yearEndRun.regionCode, district), eq(yearEndRun.fiscalYear, input.fiscalYear), eq(yearEndRun.status, "running")));
  for (const run of open) {
    if (working.has(run.id)) return viewRun(run);
    await tx.update(yearEndRun).set({ status: "failed", finishedAt: at }).where(and(eq(yearEndRun.regionCode, district), eq(yearEndRun.id, run.id)));
  }
  const townships = await tx.select().from(region).where(and(eq(region.parentCode, district), eq(region.level, "township"))).orderBy(asc(region.regionCode));
  if (townships.length === 0) return fail("VALIDATION_FAILED", "本区还没有乡镇。");
  const row: typeof yearEndRun.$inferSelect = {
    regionCode: district,
    id: uuidv7(at.getTime()),
    fiscalYear: input.fiscalYear,
    status: "running",
    townshipCount: townships.length,
    doneCount: 0,
    results: townships.map((t) => ({ regionCode: t.regionCode, regionName: t.name, outcome: "pending", carriedOver: null, becameBalance: null, closedIndicators: 0, message: null })),
    startedBy: actor.userId,
    startedAt: at,
    finishedAt: null,
  };
  await tx.insert(yearEndRun).values(row);
  await recordAudit(tx, { regionCode: district, actor: { id: actor.userId, name: actor.displayName }, action: "fiscalYear.districtRunStarted", entityType: "yearEndRun", entityId: row.id, after: { fiscalYear: input.fiscalYear, townships: townships.length } }, at);
  return viewRun(row);
}

/** Closes the run's townships one by one; a refusal in one township is its result, not the run's end. */
export async function runDistrictYearEnd(db: Db, actor: Actor, runId: string, now: () => Date): Promise<void> {
  const district = districtOf(actor);
  const job = (async () => {
    const [run] = await db.select().from(yearEndRun).where(and(eq(yearEndRun.regionCode, district), eq(yearEndRun.id, runId)));
    invariant(run, "the run exists");
    const results = [...run.results];
    try {
      for (let i = 0; i < results.length; i++) {
        const township = results[i]!;
        if (township.outcome !== "pending") continue;
        results[i] = await closeOneTownship(db, actor, township, run.fiscalYear, now());
        await db.update(yearEndRun).set({ doneCount: i + 1, results }).where(and(eq(yearEndRun.regionCode, district), eq(yearEndRun.id, runId)));
      }
      await db.update(yearEndRun).set({ status: "finished", finishedAt: now() }).where(and(eq(yearEndRun.regionCode, district), eq(yearEndRun.id, runId)));
    } catch (error) {
      await db.update(yearEndRun).set({ status: "failed", finishedAt: now() }).where(and(eq(yearEndRun.regionCode, district), eq(yearEndRun.id, runId)));
      throw error;
    }
  })();
  working.set(runId, job);
  try {
    await job;
  } finally {
    working.delete(runId);
  }
}

async function closeOneTownship(db: Db, actor: Actor, township: YearEndTownshipResult, fiscalYear: number, at: Date): Promise<YearEndTownshipResult> {
  if (await isYearClosed(db, township.regionCode, fiscalYear)) return { ...township, outcome: "alreadyClosed", message: `${fiscalYear} 年度已结账，未作改动。` };
  try {
    const result = await db.transaction((tx) => closeYear(tx as unknown as Db, actor, { regionCode: township.regionCode, fiscalYear }, at));
    return { ...township, outcome: "closed", carriedOver: result.carriedOver, becameBalance: result.becameBalance, closedIndicators: result.closedIndicators, message: null };
  } catch (error) {
    if (error instanceof DomainError) {
      if (error.code === "YEAR_CLOSED" && (await isYearClosed(db, township.regionCode, fiscalYear))) return { ...township, outcome: "alreadyClosed", message: `${fiscalYear} 年度已结账，未作改动。` };
      return { ...township, outcome: "refused", message: error.detail };
    }
    throw error;
  }
}

export function isRunWorking(id: string): boolean {
  return working.has(id);
}

/** Waits for this process's running district runs (tests, and the server as it stops). */
export async function districtRunsSettled(): Promise<void> {
  await Promise.allSettled([...working.values()]);
}

export async function getYearEndRun(db: Db, actor: Actor, id: string): Promise<YearEndRunView> {
  const [run] = await db.select().from(yearEndRun).where(and(eq(yearEndRun.id, id), scopeCondition(yearEndRun.regionCode, actor.scopePrefix)));
  if (!run) return fail("OUT_OF_SCOPE", "年终结转任务不存在或不在您的数据范围内。");
  return viewRun(run);
}

export async function listYearEndRuns(db: Db, actor: Actor, page: { limit: number; offset: number }): Promise<{ items: YearEndRunView[]; total: number }> {
  const condition = scopeCondition(yearEndRun.regionCode, actor.scopePrefix);
  const found = await db.select().from(yearEndRun).where(condition).orderBy(desc(yearEndRun.startedAt)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(yearEndRun).where(condition);
  return { items: found.map(viewRun), total: count?.n ?? 0 };
}
