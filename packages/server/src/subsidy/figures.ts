// A subsidy item's figures for one year, for the evaluation of the policy behind it (重大政策后评估,
// performance domain): how many people were on its rosters, how much was planned and paid, and how
// many lines were paid by a due date. Read-only; rosters rejected along the way do not count, nor
// lines withdrawn from a roster.
import { and, eq, inArray, like, ne, sql } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { subsidyItem, subsidyLinePayment, subsidyRoster, subsidyRosterLine } from "./tables.ts";

export interface SubsidyItemFigures {
  itemCode: string;
  itemName: string;
  /** Different people (by ID number) on the year's rosters. */
  recipients: number;
  lines: number;
  plannedFen: bigint;
  paidFen: bigint;
  paidLines: number;
  /** Lines paid on or before the due date (all paid lines when no date is given). */
  paidOnTimeLines: number;
}

/** The figures of an item in a year (periods "YYYY" and "YYYY-MM"), or null when the township has no such item. */
export async function subsidyItemFigures(db: Db, regionCode: string, itemCode: string, year: number, dueOn: string | null): Promise<SubsidyItemFigures | null> {
  const [item] = await db.select().from(subsidyItem).where(and(eq(subsidyItem.regionCode, regionCode), eq(subsidyItem.code, itemCode)));
  if (!item) return null;
  const rosters = await db
    .select({ id: subsidyRoster.id })
    .from(subsidyRoster)
    .where(and(eq(subsidyRoster.regionCode, regionCode), eq(subsidyRoster.itemCode, itemCode), like(subsidyRoster.period, `${year}%`), ne(subsidyRoster.status, "rejected")));
  const ids = rosters.map((r) => r.id);
  if (ids.length === 0) return { itemCode, itemName: item.name, recipients: 0, lines: 0, plannedFen: 0n, paidFen: 0n, paidLines: 0, paidOnTimeLines: 0 };
  const [lines] = await db
    .select({ recipients: sql<number>`count(distinct ${subsidyRosterLine.residentIdIndex})::int`, lines: sql<number>`count(*)::int`, planned: sql<string>`coalesce(sum(${subsidyRosterLine.amountFen}), 0)::text` })
    .from(subsidyRosterLine)
    .where(and(eq(subsidyRosterLine.regionCode, regionCode), inArray(subsidyRosterLine.rosterId, ids), eq(subsidyRosterLine.withdrawn, false)));
  const onTime = dueOn ? sql`${subsidyLinePayment.paidOn} <= ${dueOn}` : sql`true`;
  const [paid] = await db
    .select({ paid: sql<string>`coalesce(sum(${subsidyLinePayment.amountFen}), 0)::text`, lines: sql<number>`count(*)::int`, onTime: sql<number>`(count(*) filter (where ${onTime}))::int` })
    .from(subsidyLinePayment)
    .where(and(eq(subsidyLinePayment.regionCode, regionCode), inArray(subsidyLinePayment.rosterId, ids)));
  return {
    itemCode,
    itemName: item.name,
    recipients: lines?.recipients ?? 0,
    lines: lines?.lines ?? 0,
    plannedFen: BigInt(lines?.planned ?? "0"),
    paidFen: BigInt(paid?.paid ?? "0"),
    paidLines: paid?.lines ?? 0,
    paidOnTimeLines: paid?.onTime ?? 0,
  };
}

/** The township's subsidy items (code and name), for choosing the policy to evaluate. */
export async function subsidyItemNames(db: Db, regionCode: string): Promise<{ code: string; name: string }[]> {
  return db.select({ code: subsidyItem.code, name: subsidyItem.name }).from(subsidyItem).where(eq(subsidyItem.regionCode, regionCode)).orderBy(subsidyItem.code);
}
