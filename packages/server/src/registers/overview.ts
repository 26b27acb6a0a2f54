// The district's page of the registers: every township side by side — its policy documents (and how
// many expire within 30 days), its tax sources and the tax paid this year against the same months of
// last year, and its villages' basic data for the year (population, farmland). A township user sees
// its own row.
import { and, eq, gte, isNotNull, lte, sql } from "drizzle-orm";
import { formatDecimal, formatYuan, type RegistersOverviewRow, type RegistersOverviewView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { scopeCondition } from "../platform/scope.ts";
import { region } from "../platform/regionTable.ts";
import { chinaDate } from "../platform/workingDays.ts";
import type { Actor } from "../identity/index.ts";
import { addDays, yearOnYear } from "./rules.ts";
import { latestMonth, yearTotals } from "./taxSources.ts";
import { basicData, policyDocument, taxSource } from "./tables.ts";

const EXPIRING_DAYS = 30;

/** Sums decimal texts of 亩 (up to 4 decimals) exactly. */
function sumMu(values: readonly string[]): string {
  let units = 0n;
  for (const v of values) {
    const [whole, frac = ""] = v.split(".");
    units += BigInt(whole!) * 10_000n + BigInt(frac.padEnd(4, "0").slice(0, 4));
  }
  return formatDecimal({ units, scale: 4 }).replace(/\.?0+$/, "") || "0";
}

export async function registersOverview(db: Db, actor: Actor, input: { year: number }, now: Date): Promise<RegistersOverviewView> {
  const today = chinaDate(now);
  const townships = await db.select({ code: region.regionCode, name: region.name }).from(region).where(and(eq(region.level, "township"), scopeCondition(region.regionCode, actor.scopePrefix.slice(0, 9)))).orderBy(region.regionCode);
  const count = async (table: typeof policyDocument | typeof taxSource, extra?: ReturnType<typeof and>) =>
    db
      .select({ regionCode: table.regionCode, n: sql<number>`count(*)::int` })
      .from(table)
      .where(and(scopeCondition(table.regionCode, actor.scopePrefix), extra))
      .groupBy(table.regionCode);
  const policies = new Map((await count(policyDocument, eq(policyDocument.status, "active"))).map((r) => [r.regionCode, r.n]));
  const expiring = new Map((await count(policyDocument, and(eq(policyDocument.status, "active"), isNotNull(policyDocument.expiryDate), gte(policyDocument.expiryDate, today), lte(policyDocument.expiryDate, addDays(today, EXPIRING_DAYS))))).map((r) => [r.regionCode, r.n]));
  const sources = new Map((await count(taxSource, eq(taxSource.status, "active"))).map((r) => [r.regionCode, r.n]));
  const throughMonth = await latestMonth(db, actor, undefined, input.year);
  const tax = new Map<string, { current: bigint; previous: bigint }>();
  for (const t of await yearTotals(db, actor, undefined, input.year, throughMonth)) {
    const entry = tax.get(t.regionCode) ?? { current: 0n, previous: 0n };
    if (t.year === String(input.year)) entry.current += BigInt(t.fen);
    else entry.previous += BigInt(t.fen);
    tax.set(t.regionCode, entry);
  }
  const bases = await db
    .select({ regionCode: basicData.regionCode, population: basicData.population, farmlandMu: basicData.farmlandMu })
    .from(basicData)
    .where(and(scopeCondition(basicData.regionCode, actor.scopePrefix), eq(basicData.year, input.year)));
  const rows: RegistersOverviewRow[] = townships.map((t) => {
    const mine = bases.filter((b) => b.regionCode.startsWith(t.code));
    const paid = tax.get(t.code) ?? { current: 0n, previous: 0n };
    const change = yearOnYear(paid.current, paid.previous);
    return {
      regionCode: t.code,
      regionName: t.name,
      policyDocuments: policies.get(t.code) ?? 0,
      expiringSoon: expiring.get(t.code) ?? 0,
      taxSources: sources.get(t.code) ?? 0,
      taxPaid: formatYuan(paid.current),
      taxPreviousYear: formatYuan(paid.previous),
      taxChange: change ? formatDecimal(change) : null,
      villagesWithData: mine.length,
      population: mine.reduce((s, b) => s + b.population, 0),
      farmlandMu: sumMu(mine.map((b) => b.farmlandMu)),
    };
  });
  const current = [...tax.values()].reduce((s, v) => s + v.current, 0n);
  const previous = [...tax.values()].reduce((s, v) => s + v.previous, 0n);
  const change = yearOnYear(current, previous);
  return {
    year: input.year,
    throughMonth,
    rows,
    total: {
      policyDocuments: rows.reduce((s, r) => s + r.policyDocuments, 0),
      expiringSoon: rows.reduce((s, r) => s + r.expiringSoon, 0),
      taxSources: rows.reduce((s, r) => s + r.taxSources, 0),
      taxPaid: formatYuan(current),
      taxPreviousYear: formatYuan(previous),
      taxChange: change ? formatDecimal(change) : null,
      villagesWithData: rows.reduce((s, r) => s + r.villagesWithData, 0),
      population: rows.reduce((s, r) => s + r.population, 0),
      farmlandMu: sumMu(bases.map((b) => b.farmlandMu)),
    },
  };
}
