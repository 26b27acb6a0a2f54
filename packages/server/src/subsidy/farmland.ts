// A roster of an area subsidy (unit 亩) held against the registers: the areas on a roster add up per
// village, and a village whose total exceeds the farmland registered for it that year (基础数据台账,
// through the registers' face) is a warning the township reviewer must answer in the review note
// before the roster goes to public notice. A village with no figure registered for the year is not
// held (there is nothing to hold it against).
import { and, eq } from "drizzle-orm";
import { compareDecimal, formatDecimal, parseDecimal, tryParseDecimal, type Decimal, type FarmlandWarning, type RosterView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { region } from "../platform/regionTable.ts";
import { registeredFarmland } from "../registers/index.ts";
import type { Actor } from "../identity/index.ts";
import { getRoster } from "./rosters.ts";
import { subsidyItem, subsidyRoster, subsidyRosterLine } from "./tables.ts";

type RosterRow = typeof subsidyRoster.$inferSelect;

const ZERO: Decimal = { units: 0n, scale: 0 };
const add = (a: Decimal, b: Decimal): Decimal => {
  const scale = Math.max(a.scale, b.scale);
  return { units: a.units * 10n ** BigInt(scale - a.scale) + b.units * 10n ** BigInt(scale - b.scale), scale };
};

/** Whether an item pays by area held against farmland: unit 亩 and not a forest item (林). */
export function isFarmlandItem(item: { unit: string; name: string }): boolean {
  return item.unit.trim() === "亩" && !item.name.includes("林");
}

/**
 * Per village, the areas declared (sum of the lines' quantity, withdrawn lines left out) against the
 * registered farmland: the villages strictly over it (equal is fine). Pure.
 */
export function farmlandExcess(declared: ReadonlyMap<string, Decimal>, registered: ReadonlyMap<string, string | null>): { villageCode: string; declaredMu: string; registeredMu: string }[] {
  const out: { villageCode: string; declaredMu: string; registeredMu: string }[] = [];
  for (const [villageCode, total] of [...declared.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const mu = registered.get(villageCode) ?? null;
    if (mu !== null && compareDecimal(total, parseDecimal(mu)) > 0) out.push({ villageCode, declaredMu: formatDecimal(total), registeredMu: mu });
  }
  return out;
}

/** The farmland warnings of a roster (empty when its item is not paid by farmland area). */
export async function rosterFarmlandWarnings(db: Db, roster: Pick<RosterRow, "regionCode" | "id" | "itemCode" | "period" | "villageCode">): Promise<FarmlandWarning[]> {
  const [item] = await db.select({ unit: subsidyItem.unit, name: subsidyItem.name }).from(subsidyItem).where(and(eq(subsidyItem.regionCode, roster.regionCode), eq(subsidyItem.code, roster.itemCode)));
  if (!item || !isFarmlandItem(item)) return [];
  const lines = await db
    .select({ villageCode: subsidyRosterLine.villageCode, quantity: subsidyRosterLine.quantity })
    .from(subsidyRosterLine)
    .where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, roster.id), eq(subsidyRosterLine.withdrawn, false)));
  const declared = new Map<string, Decimal>();
  for (const l of lines) {
    const village = l.villageCode ?? roster.villageCode;
    const q = tryParseDecimal(l.quantity.trim());
    if (!village || !q.ok) continue;
    declared.set(village, add(declared.get(village) ?? ZERO, q.value));
  }
  const year = Number(roster.period.slice(0, 4));
  const registered = new Map<string, string | null>();
  for (const village of declared.keys()) registered.set(village, await registeredFarmland(db, village, year));
  const excess = farmlandExcess(declared, registered);
  const names = new Map<string, string>();
  for (const e of excess) {
    const [v] = await db.select({ name: region.name }).from(region).where(eq(region.regionCode, e.villageCode));
    names.set(e.villageCode, v?.name ?? e.villageCode);
  }
  return excess.map((e) => ({
    ...e,
    villageName: names.get(e.villageCode)!,
    year,
    message: `${names.get(e.villageCode)}申报面积合计 ${e.declaredMu} 亩，超过基础数据台账登记的 ${year} 年耕地面积 ${e.registeredMu} 亩`,
  }));
}

/** A roster as its own page shows it: with the villages over their registered farmland. */
export async function rosterWithWarnings(db: Db, actor: Actor, id: string): Promise<RosterView> {
  const roster = await getRoster(db, actor, id);
  return { ...roster, farmlandWarnings: await rosterFarmlandWarnings(db, roster) };
}
