// The debt indicators (DOMAIN.md §9): comprehensive financial capacity (综合财力) — entered where a
// township has no budget figures, otherwise the year's issued budget indicators by fund nature — the
// debt ratio with its warning colour, the debt-service ratio, the maturity profile and the ratio's
// trend by month; and the district's page of every township ranked by ratio.
import { and, desc, eq, sql } from "drizzle-orm";
import { debtColourNames, formatYuan, scopeCovers, type CapacityView, type DebtIndicatorsView, type DistrictDebtView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { readSetting } from "../platform/settings.ts";
import { scopeCondition } from "../platform/scope.ts";
import { region } from "../platform/regionTable.ts";
import { chinaDate } from "../platform/workingDays.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { budgetIndicator } from "../budget/index.ts";
import { fail, loadDebts, thresholdsSetting, who, type LoadedDebt } from "./common.ts";
import { balanceAt, DEBT_KINDS, dueInYear, formatPercent, MATURITY_BUCKETS, maturityProfile, overdueOf, ratioColour, ratioPercent, type DebtFacts } from "./rules.ts";
import { debt, debtCapacity } from "./tables.ts";
import { rankBy } from "../reporting/index.ts";

export interface Capacity {
  year: number;
  source: "entered" | "budget" | "none";
  generalRevenueFen: bigint;
  transferRevenueFen: bigint;
  fundRevenueFen: bigint;
  stateCapitalRevenueFen: bigint;
  totalFen: bigint;
  version: number | null;
  note: string;
}

/**
 * A township's comprehensive capacity for a year: the latest entered figures if any were entered;
 * otherwise its issued budget indicators of the year by fund nature (general budget, upper-level
 * transfers, government funds, state capital); none when neither exists.
 */
export async function capacityOf(db: Db, regionCode: string, year: number): Promise<Capacity> {
  const [entered] = await db.select().from(debtCapacity).where(and(eq(debtCapacity.regionCode, regionCode), eq(debtCapacity.year, year))).orderBy(desc(debtCapacity.version)).limit(1);
  if (entered) {
    const totalFen = entered.generalRevenueFen + entered.transferRevenueFen + entered.fundRevenueFen + entered.stateCapitalRevenueFen;
    return { year, source: "entered", generalRevenueFen: entered.generalRevenueFen, transferRevenueFen: entered.transferRevenueFen, fundRevenueFen: entered.fundRevenueFen, stateCapitalRevenueFen: entered.stateCapitalRevenueFen, totalFen, version: entered.version, note: entered.note };
  }
  const sums = await db
    .select({ nature: budgetIndicator.fundNature, fen: sql<string>`coalesce(sum(${budgetIndicator.issuedFen}), 0)::text` })
    .from(budgetIndicator)
    .where(and(eq(budgetIndicator.regionCode, regionCode), eq(budgetIndicator.fiscalYear, year)))
    .groupBy(budgetIndicator.fundNature);
  const of = (nature: string) => BigInt(sums.find((s) => s.nature === nature)?.fen ?? "0");
  const c = { generalRevenueFen: of("generalBudget"), transferRevenueFen: of("upperTransfer"), fundRevenueFen: of("governmentFund"), stateCapitalRevenueFen: of("stateCapital") };
  const totalFen = c.generalRevenueFen + c.transferRevenueFen + c.fundRevenueFen + c.stateCapitalRevenueFen;
  return { year, source: totalFen > 0n ? "budget" : "none", ...c, totalFen, version: null, note: totalFen > 0n ? "按本年已下达预算指标（分资金性质）计算" : "" };
}

export function viewCapacity(c: Capacity): CapacityView {
  return { year: c.year, source: c.source, generalRevenue: formatYuan(c.generalRevenueFen), transferRevenue: formatYuan(c.transferRevenueFen), fundRevenue: formatYuan(c.fundRevenueFen), stateCapitalRevenue: formatYuan(c.stateCapitalRevenueFen), total: formatYuan(c.totalFen), version: c.version, note: c.note };
}

/** Enters a year's capacity as a new version (the earlier ones stay). */
export async function enterCapacity(tx: Db, actor: Actor, input: { regionCode: string; year: number; generalRevenueFen: bigint; transferRevenueFen: bigint; fundRevenueFen: bigint; stateCapitalRevenueFen: bigint; note: string }, at: Date): Promise<CapacityView> {
  if (!scopeCovers(actor.scopePrefix, input.regionCode)) return fail("OUT_OF_SCOPE", "该乡镇不在您的数据范围内。");
  if (!/^[0-9]{9}$/.test(input.regionCode)) fail("VALIDATION_FAILED", "综合财力按乡镇或区本级录入。", [{ path: "regionCode", message: "须为9位区划代码" }]);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`debtCapacity:${input.regionCode}:${input.year}`}))`);
  const [last] = await tx.select({ v: sql<number>`coalesce(max(${debtCapacity.version}), 0)::int` }).from(debtCapacity).where(and(eq(debtCapacity.regionCode, input.regionCode), eq(debtCapacity.year, input.year)));
  const version = (last?.v ?? 0) + 1;
  await tx.insert(debtCapacity).values({ ...input, version, enteredBy: actor.userId, enteredAt: at });
  const after = { year: input.year, version, total: formatYuan(input.generalRevenueFen + input.transferRevenueFen + input.fundRevenueFen + input.stateCapitalRevenueFen), note: input.note };
  await recordAudit(tx, { regionCode: input.regionCode, actor: who(actor), action: "debt.capacityEntered", entityType: "debtCapacity", entityId: `${input.regionCode}/${input.year}`, after }, at);
  return viewCapacity(await capacityOf(tx, input.regionCode, input.year));
}

function lastDayOf(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, "0")}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, "0")}`;
}

/** The indicators of one township (or the district's own level) for a year, as of `now`. */
export async function debtIndicators(db: Db, actor: Actor, input: { regionCode?: string | undefined; year?: number | undefined }, now: Date): Promise<DebtIndicatorsView> {
  const today = chinaDate(now);
  const regionCode = input.regionCode ?? actor.regionCode.slice(0, 9);
  if (!scopeCovers(actor.scopePrefix, regionCode)) return fail("OUT_OF_SCOPE", "该乡镇不在您的数据范围内。");
  const year = input.year ?? Number(today.slice(0, 4));
  // A past year is read at its end; the current year today.
  const asOf = year < Number(today.slice(0, 4)) ? `${year}-12-31` : today;
  const loaded = await loadDebts(db, eq(debt.regionCode, regionCode));
  const facts = loaded.map((l) => l.facts);
  const capacity = await capacityOf(db, regionCode, year);
  const thresholds = await readSetting(db, regionCode, thresholdsSetting);
  const byKind = Object.fromEntries(DEBT_KINDS.map((k) => [k, 0n])) as Record<(typeof DEBT_KINDS)[number], bigint>;
  let hidden = 0n;
  let service = 0n;
  let overdueFen = 0n;
  let overdueLines = 0;
  for (const f of facts) {
    const b = balanceAt(f, asOf);
    byKind[f.kind] += b;
    if (f.isHidden) hidden += b;
    service += dueInYear(f, year);
    const o = overdueOf(f, asOf);
    overdueLines += o.lines;
    overdueFen += o.principalFen + o.interestFen;
  }
  const balance = DEBT_KINDS.reduce((s, k) => s + byKind[k], 0n);
  const ratio = ratioPercent(balance, capacity.totalFen);
  const colour = ratioColour(ratio, thresholds);
  const profile = maturityProfile(facts, asOf);
  const lastMonth = Number(asOf.slice(5, 7));
  const trend = [];
  for (let m = 1; m <= lastMonth; m++) {
    const end = m === lastMonth ? asOf : lastDayOf(year, m);
    const b = facts.reduce((s, f) => s + balanceAt(f, end), 0n);
    trend.push({ month: `${year}-${String(m).padStart(2, "0")}`, balance: formatYuan(b), debtRatio: formatPercent(ratioPercent(b, capacity.totalFen)) });
  }
  const [place] = await db.select({ name: region.name }).from(region).where(eq(region.regionCode, regionCode));
  return {
    regionCode,
    regionName: place?.name ?? regionCode,
    year,
    asOf,
    balance: formatYuan(balance),
    balanceByKind: { bond: formatYuan(byKind.bond), loan: formatYuan(byKind.loan), arrears: formatYuan(byKind.arrears), other: formatYuan(byKind.other) },
    hiddenBalance: formatYuan(hidden),
    capacity: viewCapacity(capacity),
    debtRatio: formatPercent(ratio),
    colour,
    colourName: colour ? debtColourNames[colour] : "未录入综合财力",
    debtService: formatYuan(service),
    debtServiceRatio: formatPercent(ratioPercent(service, capacity.totalFen)),
    thresholds: { yellow: thresholdText(thresholds.yellow), orange: thresholdText(thresholds.orange), red: thresholdText(thresholds.red) },
    overdueLines,
    overdueAmount: formatYuan(overdueFen),
    maturity: MATURITY_BUCKETS.map((b) => ({ bucket: b.bucket, label: b.label, principal: formatYuan(profile[b.bucket].principalFen), interest: formatYuan(profile[b.bucket].interestFen) })),
    trend,
  };
}

function thresholdText(d: { units: bigint; scale: number }): string {
  return formatPercent(d) ?? "";
}

/** The district's page: every township in scope with its balance, capacity, ratio and colour, ranked by ratio (highest first), and the district total. */
export async function districtDebt(db: Db, actor: Actor, input: { year?: number | undefined }, now: Date): Promise<DistrictDebtView> {
  const today = chinaDate(now);
  const year = input.year ?? Number(today.slice(0, 4));
  const asOf = year < Number(today.slice(0, 4)) ? `${year}-12-31` : today;
  const townships = await db.select({ code: region.regionCode, name: region.name }).from(region).where(and(eq(region.level, "township"), scopeCondition(region.regionCode, actor.scopePrefix))).orderBy(region.regionCode);
  const loaded = await loadDebts(db, scopeCondition(debt.regionCode, actor.scopePrefix));
  const byRegion = new Map<string, DebtFacts[]>();
  for (const l of loaded as LoadedDebt[]) byRegion.set(l.row.regionCode, [...(byRegion.get(l.row.regionCode) ?? []), l.facts]);
  const thresholds = await readSetting(db, `${actor.scopePrefix.slice(0, 6)}000`, thresholdsSetting);
  let totalBalance = 0n;
  let totalCapacity = 0n;
  let totalOverdue = 0n;
  const rows = [];
  for (const t of townships) {
    const facts = byRegion.get(t.code) ?? [];
    const capacity = await capacityOf(db, t.code, year);
    const balance = facts.reduce((s, f) => s + balanceAt(f, asOf), 0n);
    const service = facts.reduce((s, f) => s + dueInYear(f, year), 0n);
    const overdue = facts.reduce((s, f) => {
      const o = overdueOf(f, asOf);
      return s + o.principalFen + o.interestFen;
    }, 0n);
    totalBalance += balance;
    totalCapacity += capacity.totalFen;
    totalOverdue += overdue;
    const ratio = ratioPercent(balance, capacity.totalFen);
    rows.push({ regionCode: t.code, regionName: t.name, balance: formatYuan(balance), capacity: formatYuan(capacity.totalFen), debtRatio: formatPercent(ratio), colour: ratioColour(ratio, thresholds), debtServiceRatio: formatPercent(ratioPercent(service, capacity.totalFen)), overdueAmount: formatYuan(overdue), rank: null as number | null });
  }
  const ranks = rankBy(rows.map((r) => r.debtRatio), "desc");
  rows.forEach((r, i) => (r.rank = ranks[i] ?? null));
  rows.sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.regionCode.localeCompare(b.regionCode));
  const ratio = ratioPercent(totalBalance, totalCapacity);
  return { year, rows, total: { balance: formatYuan(totalBalance), capacity: formatYuan(totalCapacity), debtRatio: formatPercent(ratio), colour: ratioColour(ratio, thresholds), overdueAmount: formatYuan(totalOverdue) } };
}

