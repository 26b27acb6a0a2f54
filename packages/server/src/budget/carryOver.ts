// What the year end carried over, read back per budget unit: the facts a unit's 财政拨款预算收入 (6001)
// is built from besides payments and quotas (ledger/data/README.md, "Authorised-payment quota over the
// year end"). The ledger restores a unit's carried-over authorised quota from `authorisedCarriedInFen`;
// the final accounts check a unit's 6001 against `unitCarryOverFacts`.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { budgetIndicator, fiscalYearStatus, indicatorEvent } from "./tables.ts";
import { indicatorKindSql, type ExpenditureKind } from "./spending.ts";
import { appropriationFunds, indicatorFundSql, type AppropriationFund } from "./fund.ts";

/** Money per appropriation fund and expenditure kind, as the authorised-payment quota is issued. */
export type ByFundAndKind = Record<AppropriationFund, Record<ExpenditureKind, bigint>>;
export const noMoneyByFundAndKind = (): ByFundAndKind => Object.fromEntries(appropriationFunds.map((fund) => [fund, { basic: 0n, project: 0n }])) as ByFundAndKind;

/**
 * Authorised-payment money of a kind (基本支出 / 项目支出, the carried-in indicator's: spending.ts) and
 * fund (一般公共预算 / 政府性基金 / 国有资本经营: fund.ts) carried into `fiscalYear` for a unit: what that
 * year's quota of the fund and kind restores before any new quota.
 */
export async function authorisedCarriedInFen(db: Db, regionCode: string, budgetUnitId: string, fiscalYear: number, kind: ExpenditureKind, fund: AppropriationFund): Promise<bigint> {
  const [row] = await db
    .select({ fen: sql<string>`coalesce(sum(${indicatorEvent.amountFen}), 0)::text` })
    .from(indicatorEvent)
    .innerJoin(budgetIndicator, and(eq(budgetIndicator.regionCode, indicatorEvent.regionCode), eq(budgetIndicator.id, indicatorEvent.indicatorId)))
    .where(
      and(
        eq(indicatorEvent.regionCode, regionCode),
        eq(indicatorEvent.kind, "carriedIn"),
        eq(budgetIndicator.budgetUnitId, budgetUnitId),
        eq(budgetIndicator.fiscalYear, fiscalYear),
        eq(budgetIndicator.paymentMethod, "authorised"),
        sql`${indicatorKindSql()} = ${kind}`,
        sql`${indicatorFundSql()} = ${fund}`,
      ),
    );
  return BigInt(row?.fen ?? "0");
}

export interface UnitCarryOverFacts {
  /** Authorised money carried in from last year per fund and kind (restored by the year's quota of the fund and kind first). */
  authorisedCarriedInFen: ByFundAndKind;
  /** The year's own (not carried-in) authorised indicators per fund and kind, as issued before the year end took their unspent away. */
  authorisedIssuedFen: ByFundAndKind;
  /** The year's own direct-payment indicators' unspent money the year end carried over. */
  directCarriedOutFen: bigint;
}

/**
 * Per unit of a township, what its year's 6001 takes from the budget's carry-over (units without any
 * are absent), and whether the year end has run (the year-end facts exist only then).
 */
export async function unitCarryOverFacts(db: Db, regionCode: string, fiscalYear: number): Promise<{ yearClosed: boolean; units: Map<string, UnitCarryOverFacts> }> {
  const [status] = await db.select({ status: fiscalYearStatus.status }).from(fiscalYearStatus).where(and(eq(fiscalYearStatus.regionCode, regionCode), eq(fiscalYearStatus.fiscalYear, fiscalYear)));
  const yearClosed = status?.status === "closed";
  const facts = new Map<string, UnitCarryOverFacts>();
  const of = (unit: string) => {
    let f = facts.get(unit);
    if (!f) facts.set(unit, (f = { authorisedCarriedInFen: noMoneyByFundAndKind(), authorisedIssuedFen: noMoneyByFundAndKind(), directCarriedOutFen: 0n }));
    return f;
  };
  const carriedIn = await db
    .select({ unit: budgetIndicator.budgetUnitId, kind: indicatorKindSql(), fund: indicatorFundSql(), fen: sql<string>`sum(${indicatorEvent.amountFen})::text` })
    .from(indicatorEvent)
    .innerJoin(budgetIndicator, and(eq(budgetIndicator.regionCode, indicatorEvent.regionCode), eq(budgetIndicator.id, indicatorEvent.indicatorId)))
    .where(and(eq(indicatorEvent.regionCode, regionCode), eq(indicatorEvent.kind, "carriedIn"), eq(budgetIndicator.fiscalYear, fiscalYear), eq(budgetIndicator.paymentMethod, "authorised")))
    .groupBy(budgetIndicator.budgetUnitId, sql`2`, sql`3`);
  for (const r of carriedIn) of(r.unit).authorisedCarriedInFen[r.fund][r.kind] += BigInt(r.fen);
  if (!yearClosed) return { yearClosed, units: facts };
  // The year end took each indicator's unspent money away (carriedOut, becameBalance, both negative).
  const own = and(eq(budgetIndicator.regionCode, regionCode), eq(budgetIndicator.fiscalYear, fiscalYear), isNull(budgetIndicator.carriedFromId), inArray(budgetIndicator.status, ["closed", "balance"]));
  const removed = sql<string>`coalesce((select sum(e.amount_fen) from indicator_event e where e.region_code = ${budgetIndicator.regionCode} and e.indicator_id = ${budgetIndicator.id} and e.kind in ('carriedOut', 'becameBalance')), 0)`;
  const carriedOut = sql<string>`coalesce((select sum(e.amount_fen) from indicator_event e where e.region_code = ${budgetIndicator.regionCode} and e.indicator_id = ${budgetIndicator.id} and e.kind = 'carriedOut'), 0)`;
  const rows = await db
    .select({ unit: budgetIndicator.budgetUnitId, method: budgetIndicator.paymentMethod, kind: indicatorKindSql(), fund: indicatorFundSql(), issued: sql<string>`sum(${budgetIndicator.issuedFen} - ${removed})::text`, carriedOut: sql<string>`sum(-${carriedOut})::text` })
    .from(budgetIndicator)
    .where(own)
    .groupBy(budgetIndicator.budgetUnitId, budgetIndicator.paymentMethod, sql`3`, sql`4`);
  for (const r of rows) {
    if (r.method === "authorised") of(r.unit).authorisedIssuedFen[r.fund][r.kind] += BigInt(r.issued);
    else of(r.unit).directCarriedOutFen += BigInt(r.carriedOut);
  }
  return { yearClosed, units: facts };
}
