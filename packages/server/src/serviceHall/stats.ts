// 办件统计: the year's matters counted by category, by month and by township (the district sees every
// township side by side, those without a matter too): accepted, answered, answered on time and the
// on-time rate, open and overdue, satisfaction.
import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { matterCategories, type HallStatsRow, type HallStatsView, type MatterCategory } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { scopeCondition } from "../platform/scope.ts";
import { region } from "../platform/regionTable.ts";
import { chinaDayStart } from "../platform/workingDays.ts";
import type { Actor } from "../identity/index.ts";
import { flowInstance } from "../flow/index.ts";
import { serviceMatter } from "./tables.ts";
import { shareInPercent } from "./rules.ts";

type Counts = Omit<HallStatsRow, "onTimeRate">;

const zero = (): Counts => ({ accepted: 0, answered: 0, onTime: 0, open: 0, overdueOpen: 0, satisfied: 0, unsatisfied: 0 });
const add = (a: Counts, b: Counts): Counts => ({ accepted: a.accepted + b.accepted, answered: a.answered + b.answered, onTime: a.onTime + b.onTime, open: a.open + b.open, overdueOpen: a.overdueOpen + b.overdueOpen, satisfied: a.satisfied + b.satisfied, unsatisfied: a.unsatisfied + b.unsatisfied });
const rowOf = (c: Counts): HallStatsRow => ({ ...c, onTimeRate: shareInPercent(c.onTime, c.answered) });

/** The first instant of a China year, and of the next. */
const yearBounds = (year: number) => [chinaDayStart(`${year}-01-01`), chinaDayStart(`${year + 1}-01-01`)] as const;
const chinaMonth = (column: AnyPgColumn) => sql<number>`extract(month from (${column} at time zone 'Asia/Shanghai'))::int`;

export async function hallStats(db: Db, actor: Actor, filter: { year: number; regionCode?: string | undefined }, now: Date): Promise<HallStatsView> {
  const m = serviceMatter;
  const [from, to] = yearBounds(filter.year);
  const scope = [scopeCondition(m.regionCode, actor.scopePrefix), ...(filter.regionCode ? [scopeCondition(m.regionCode, filter.regionCode)] : [])];
  const counted = await db
    .select({
      regionCode: m.regionCode,
      category: m.category,
      month: chinaMonth(m.acceptedAt),
      accepted: sql<number>`count(*)::int`,
      answered: sql<number>`count(*) filter (where ${m.answeredAt} is not null)::int`,
      onTime: sql<number>`count(*) filter (where ${m.answeredAt} <= ${m.promisedBy})::int`,
      open: sql<number>`count(*) filter (where ${m.answeredAt} is null)::int`,
      overdueOpen: sql<number>`count(*) filter (where ${m.answeredAt} is null and ${flowInstance.deadlineAt} < ${now})::int`,
      satisfied: sql<number>`count(*) filter (where ${m.satisfaction} in ('satisfied', 'basic'))::int`,
      unsatisfied: sql<number>`count(*) filter (where ${m.satisfaction} = 'unsatisfied')::int`,
    })
    .from(m)
    .innerJoin(flowInstance, and(eq(flowInstance.regionCode, m.regionCode), eq(flowInstance.id, m.flowInstanceId)))
    .where(and(...scope, gte(m.acceptedAt, from), lt(m.acceptedAt, to)))
    .groupBy(m.regionCode, m.category, chinaMonth(m.acceptedAt));
  const answeredByMonth = await db
    .select({ month: chinaMonth(m.answeredAt), n: sql<number>`count(*)::int` })
    .from(m)
    .where(and(...scope, gte(m.answeredAt, from), lt(m.answeredAt, to)))
    .groupBy(chinaMonth(m.answeredAt));
  const townships = await db
    .select({ code: region.regionCode, name: region.name })
    .from(region)
    .where(and(eq(region.level, "township"), scopeCondition(region.regionCode, actor.scopePrefix), ...(filter.regionCode ? [scopeCondition(region.regionCode, filter.regionCode)] : [])))
    .orderBy(asc(region.regionCode));

  const byCategory = new Map<MatterCategory, Counts>(matterCategories.map((c) => [c, zero()]));
  const byRegion = new Map<string, Counts>(townships.map((t) => [t.code, zero()]));
  const accepted = new Array<number>(12).fill(0);
  let totals = zero();
  for (const { regionCode, category, month, ...c } of counted) {
    totals = add(totals, c);
    byCategory.set(category, add(byCategory.get(category) ?? zero(), c));
    byRegion.set(regionCode, add(byRegion.get(regionCode) ?? zero(), c));
    accepted[month - 1] = (accepted[month - 1] ?? 0) + c.accepted;
  }
  const names = new Map(townships.map((t) => [t.code, t.name]));
  return {
    year: filter.year,
    totals: rowOf(totals),
    byCategory: matterCategories.map((category) => ({ category, ...rowOf(byCategory.get(category) ?? zero()) })),
    byMonth: accepted.map((n, i) => ({ month: i + 1, accepted: n, answered: answeredByMonth.find((a) => a.month === i + 1)?.n ?? 0 })),
    byRegion: [...byRegion.entries()].map(([regionCode, c]) => ({ regionCode, regionName: names.get(regionCode) ?? regionCode, ...rowOf(c) })),
  };
}
