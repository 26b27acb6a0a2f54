// 基础数据台账: per village and year, population, households, registered farmland (耕地面积) and forest
// (亩, 4 decimals) and the other bases subsidies are paid on; entered one by one or imported from Excel
// (every bad row named, nothing written if any); every change kept with the figures before.
import { and, asc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { scopeCovers, type BasicDataView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { containsPattern, scopeCondition } from "../platform/scope.ts";
import { region } from "../platform/regionTable.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { fail, namesOf, recordChange, who } from "./common.ts";
import { refuseRows } from "../platform/sheets.ts";
import { basicData } from "./tables.ts";

type Row = typeof basicData.$inferSelect;
export interface BasicDataInput {
  regionCode: string;
  year: number;
  population: number;
  households: number;
  farmlandMu: string;
  forestMu: string;
  otherBases: Record<string, string>;
}

const AREA = /^(0|[1-9][0-9]{0,11})(\.[0-9]{1,4})?$/;
/** The most villages one import may hold. */
export const BASIC_DATA_IMPORT_ROWS_MAX = 5_000;

/** Numeric text as stored in the database ("12.5000") back to the shortest decimal ("12.5"). */
const trimArea = (s: string) => (s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s);

async function upsert(tx: Db, actor: Actor, input: BasicDataInput, at: Date): Promise<"created" | "updated" | "unchanged"> {
  const key = and(eq(basicData.regionCode, input.regionCode), eq(basicData.year, input.year));
  const [before] = await tx.select().from(basicData).where(key).for("update");
  const after = { population: input.population, households: input.households, farmlandMu: input.farmlandMu, forestMu: input.forestMu, otherBases: input.otherBases };
  if (before) {
    const old = { population: before.population, households: before.households, farmlandMu: trimArea(before.farmlandMu), forestMu: trimArea(before.forestMu), otherBases: before.otherBases };
    if (JSON.stringify(old) === JSON.stringify({ ...after, farmlandMu: trimArea(after.farmlandMu), forestMu: trimArea(after.forestMu) })) return "unchanged";
    await tx.update(basicData).set({ ...after, updatedBy: actor.userId, updatedAt: at }).where(key);
    await recordChange(tx, actor, { regionCode: input.regionCode, register: "basicData", recordKey: `${input.regionCode}/${input.year}`, action: "updated", before: old, after }, at);
    return "updated";
  }
  await tx.insert(basicData).values({ regionCode: input.regionCode, year: input.year, ...after, updatedBy: actor.userId, updatedAt: at });
  await recordChange(tx, actor, { regionCode: input.regionCode, register: "basicData", recordKey: `${input.regionCode}/${input.year}`, action: "created", after }, at);
  return "created";
}

async function checkVillage(db: Db, actor: Actor, regionCode: string): Promise<string | null> {
  if (!scopeCovers(actor.scopePrefix, regionCode)) return "不在您的数据范围内";
  const [village] = await db.select({ level: region.level }).from(region).where(eq(region.regionCode, regionCode));
  return village?.level === "village" ? null : "不是已登记的村（居）";
}

export async function saveBasicData(tx: Db, actor: Actor, input: BasicDataInput, at: Date): Promise<BasicDataView> {
  const problem = await checkVillage(tx, actor, input.regionCode);
  if (problem === "不在您的数据范围内") return fail("OUT_OF_SCOPE", "该村不在您的数据范围内。");
  if (problem) fail("VALIDATION_FAILED", `区划 ${input.regionCode} ${problem}。`, [{ path: "regionCode", message: problem }]);
  if (input.households > input.population) fail("VALIDATION_FAILED", "户数不能多于人口。", [{ path: "households", message: "多于人口" }]);
  await upsert(tx, actor, input, at);
  await recordAudit(tx, { regionCode: input.regionCode.slice(0, 9), actor: who(actor), action: "register.basicDataSaved", entityType: "basicData", entityId: `${input.regionCode}/${input.year}`, after: { farmlandMu: input.farmlandMu, population: input.population } }, at);
  const [row] = await tx.select().from(basicData).where(and(eq(basicData.regionCode, input.regionCode), eq(basicData.year, input.year)));
  return (await view(tx, [row!]))[0]!;
}

/**
 * Imports a township's villages for a year from a sheet: 村代码 (or 村名), 年度, 人口, 户数, 耕地面积（亩）,
 * 林地面积（亩）. Checked first, written whole or not at all.
 */
export async function importBasicData(tx: Db, actor: Actor, regionCode: string, rows: readonly { row: number; village: string; year: string; population: string; households: string; farmlandMu: string; forestMu: string }[], at: Date): Promise<{ rows: number; created: number; updated: number }> {
  if (!scopeCovers(actor.scopePrefix, regionCode)) return fail("OUT_OF_SCOPE", "该乡镇不在您的数据范围内。");
  if (rows.length === 0) refuseRows([{ row: 2, field: "rows", message: "表格没有数据行" }]);
  if (rows.length > BASIC_DATA_IMPORT_ROWS_MAX) refuseRows([{ row: 1, field: "rows", message: `一次最多导入 ${BASIC_DATA_IMPORT_ROWS_MAX} 行` }]);
  const villages = await tx.select({ code: region.regionCode, name: region.name }).from(region).where(and(eq(region.level, "village"), sql`${region.regionCode} like ${`${regionCode}%`}`));
  const byName = new Map(villages.map((v) => [v.name, v.code]));
  const codes = new Set(villages.map((v) => v.code));
  const errors: { row: number; field: string; message: string }[] = [];
  const inputs: BasicDataInput[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const v = r.village.trim();
    const code = codes.has(v) ? v : byName.get(v);
    const err = (field: string, message: string) => errors.push({ row: r.row, field, message: `第${r.row}行：${message}` });
    if (!code) err("village", `“${v}”不是本乡镇的村（居）`);
    const year = /^(20[0-9]{2}|2100)$/.test(r.year.trim()) ? Number(r.year.trim()) : Number.NaN;
    if (Number.isNaN(year)) err("year", `年度“${r.year}”无效`);
    const count = (text: string, field: string, label: string) => {
      if (!/^(0|[1-9][0-9]{0,7})$/.test(text.trim())) {
        err(field, `${label}“${text}”应为不小于0的整数`);
        return 0;
      }
      return Number(text.trim());
    };
    const population = count(r.population, "population", "人口");
    const households = count(r.households, "households", "户数");
    if (households > population) err("households", "户数不能多于人口");
    for (const [text, field, label] of [[r.farmlandMu, "farmlandMu", "耕地面积"], [r.forestMu, "forestMu", "林地面积"]] as const) {
      if (!AREA.test(text.trim())) err(field, `${label}“${text}”应为亩数，最多4位小数`);
    }
    if (code && !Number.isNaN(year)) {
      const key = `${code}/${year}`;
      const first = seen.get(key);
      if (first !== undefined) err("village", `与第${first}行重复（同一村同一年度）`);
      else seen.set(key, r.row);
    }
    if (code && !Number.isNaN(year)) inputs.push({ regionCode: code, year, population, households, farmlandMu: r.farmlandMu.trim(), forestMu: r.forestMu.trim(), otherBases: {} });
  }
  if (errors.length) refuseRows(errors);
  let created = 0;
  let updated = 0;
  for (const input of inputs) {
    const outcome = await upsert(tx, actor, input, at);
    if (outcome === "created") created++;
    if (outcome === "updated") updated++;
  }
  await recordAudit(tx, { regionCode, actor: who(actor), action: "register.basicDataImported", entityType: "basicData", entityId: regionCode, after: { rows: inputs.length, created, updated } }, at);
  return { rows: inputs.length, created, updated };
}

async function view(db: Db, rows: Row[]): Promise<BasicDataView[]> {
  const names = await namesOf(db, [...rows.map((r) => r.regionCode), ...rows.map((r) => r.regionCode.slice(0, 9))]);
  return rows.map((r) => ({ regionCode: r.regionCode, villageName: names.get(r.regionCode) ?? r.regionCode, townshipName: names.get(r.regionCode.slice(0, 9)) ?? "", year: r.year, population: r.population, households: r.households, farmlandMu: trimArea(r.farmlandMu), forestMu: trimArea(r.forestMu), otherBases: r.otherBases, updatedAt: r.updatedAt.toISOString() }));
}

export async function listBasicData(db: Db, actor: Actor, filter: { year?: number | undefined; regionCode?: string | undefined; q?: string | undefined }, page: { limit: number; offset: number }): Promise<{ items: BasicDataView[]; total: number }> {
  const conditions: SQL[] = [scopeCondition(basicData.regionCode, actor.scopePrefix)];
  if (filter.year) conditions.push(eq(basicData.year, filter.year));
  if (filter.regionCode) conditions.push(sql`${basicData.regionCode} like ${`${filter.regionCode}%`}`);
  if (filter.q) {
    const matching = db.select({ code: region.regionCode }).from(region).where(or(ilike(region.name, containsPattern(filter.q)), ilike(region.regionCode, containsPattern(filter.q))));
    conditions.push(inArray(basicData.regionCode, matching));
  }
  const where = and(...conditions);
  const rows = await db.select().from(basicData).where(where).orderBy(asc(basicData.regionCode), asc(basicData.year)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(basicData).where(where);
  return { items: await view(db, rows), total: count?.n ?? 0 };
}

/** The registered farmland of a village in a year (亩, decimal text), or null: what a subsidy roster's areas are held against. */
export async function registeredFarmland(db: Db, villageCode: string, year: number): Promise<string | null> {
  const [row] = await db.select({ mu: basicData.farmlandMu }).from(basicData).where(and(eq(basicData.regionCode, villageCode), eq(basicData.year, year)));
  return row ? trimArea(row.mu) : null;
}
