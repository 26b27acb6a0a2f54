// 税源台账: enterprises and individual businesses by credit code, industry and village, their tax paid
// by month and kind imported from the tax office's Excel export (every bad row named, nothing written
// if any), the key sources ranked with their year-on-year change, and the township's revenue estimate
// built from them.
import { and, asc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { formatDecimal, formatYuan, parseDecimal, scopeCovers, type RevenueEstimateView, type TaxRankingView, type TaxSourceDetailView, type TaxSourceView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { uuidv7 } from "../platform/ids.ts";
import { containsPattern, scopeCondition } from "../platform/scope.ts";
import { defineSetting, readSetting } from "../platform/settings.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { assertTownship, CHUNK, fail, namesOf, recordChange, recordChanges, who } from "./common.ts";
import { refuseRows } from "../platform/sheets.ts";
import { checkTaxRow, estimateRevenue, shareOf, taxSourceKindOf, yearOnYear, TAX_IMPORT_ROWS_MAX, type CheckedTaxRow, type TaxRow } from "./rules.ts";
import { taxPayment, taxSource } from "./tables.ts";
import { checkCreditCode } from "@xiangcai/shared";

type SourceRow = typeof taxSource.$inferSelect;

export const growthCapSetting = defineSetting<string>({
  key: "registers.revenueGrowthCapPercent",
  name: "税源收入预计增幅上限（%）",
  description: "按税源台账预计下年收入时，各税种按上年同比增幅推算，增幅（或降幅）不超过此值。默认 30。",
  kind: "decimal",
  form: { unit: "%" },
  levels: ["district", "township"],
  parse(raw) {
    const d = parseDecimal(String(raw), { maxDecimals: 2, label: "增幅上限" });
    if (d.units <= 0n) throw new Error("增幅上限须大于 0");
    return formatDecimal(d);
  },
  fallback: "30",
});

export interface TaxSourceInput {
  regionCode: string;
  creditCode: string;
  name: string;
  kind: "enterprise" | "individual";
  industry: string;
  villageCode: string | null;
  taxKinds: string[];
}

function checkSource(input: TaxSourceInput): void {
  const checked = checkCreditCode(input.creditCode.trim().toUpperCase());
  if (!checked.valid) fail("VALIDATION_FAILED", "统一社会信用代码无效（GB 32100 校验不通过）。", [{ path: "creditCode", message: "校验不通过" }]);
  if (input.villageCode && !input.villageCode.startsWith(input.regionCode)) fail("VALIDATION_FAILED", "所在村须属于本乡镇。", [{ path: "villageCode", message: "不属于本乡镇" }]);
}

export async function createTaxSource(tx: Db, actor: Actor, input: TaxSourceInput, at: Date): Promise<TaxSourceView> {
  assertTownship(actor, input.regionCode);
  checkSource(input);
  const creditCode = input.creditCode.trim().toUpperCase();
  const [dup] = await tx.select({ id: taxSource.id }).from(taxSource).where(and(eq(taxSource.regionCode, input.regionCode), eq(taxSource.creditCode, creditCode)));
  if (dup) fail("DUPLICATE", `统一社会信用代码 ${creditCode} 已登记。`, [{ path: "creditCode", message: "已登记" }]);
  const row: SourceRow = { ...input, creditCode, id: uuidv7(at.getTime()), status: "active", createdBy: actor.userId, createdAt: at, updatedAt: at };
  await tx.insert(taxSource).values(row);
  await recordChange(tx, actor, { regionCode: row.regionCode, register: "taxSource", recordKey: row.id, action: "created", after: { ...input, creditCode } }, at);
  await recordAudit(tx, { regionCode: row.regionCode, actor: who(actor), action: "register.taxSourceCreated", entityType: "taxSource", entityId: row.id, after: { creditCode, name: row.name } }, at);
  return (await viewSources(tx, [row]))[0]!;
}

async function viewSources(db: Db, rows: SourceRow[]): Promise<TaxSourceView[]> {
  if (rows.length === 0) return [];
  const names = await namesOf(db, [...rows.map((r) => r.regionCode), ...rows.map((r) => r.villageCode ?? "")]);
  // Last 12 months up to the latest month imported in the township.
  const totals = await db
    .select({ id: taxPayment.taxSourceId, fen: sql<string>`sum(${taxPayment.amountFen})::text` })
    .from(taxPayment)
    .where(and(inArray(taxPayment.regionCode, [...new Set(rows.map((r) => r.regionCode))]), inArray(taxPayment.taxSourceId, rows.map((r) => r.id)), sql`${taxPayment.month} > to_char((to_date((select max(p.month) from tax_payment p where p.region_code = ${taxPayment.regionCode}), 'YYYY-MM') - interval '12 months'), 'YYYY-MM')`))
    .groupBy(taxPayment.taxSourceId);
  const byId = new Map(totals.map((t) => [t.id, BigInt(t.fen)]));
  return rows.map((r) => ({
    id: r.id,
    regionCode: r.regionCode,
    regionName: names.get(r.regionCode) ?? r.regionCode,
    creditCode: r.creditCode,
    name: r.name,
    kind: r.kind,
    industry: r.industry,
    villageCode: r.villageCode,
    villageName: r.villageCode ? (names.get(r.villageCode) ?? null) : null,
    taxKinds: r.taxKinds,
    status: r.status,
    last12Months: formatYuan(byId.get(r.id) ?? 0n),
  }));
}

export interface TaxSourceFilter {
  q?: string | undefined;
  kind?: "enterprise" | "individual" | undefined;
  industry?: string | undefined;
  regionCode?: string | undefined;
  villageCode?: string | undefined;
}

export async function listTaxSources(db: Db, actor: Actor, filter: TaxSourceFilter, page: { limit: number; offset: number }): Promise<{ items: TaxSourceView[]; total: number }> {
  const conditions: SQL[] = [scopeCondition(taxSource.regionCode, actor.scopePrefix)];
  if (filter.q) conditions.push(or(ilike(taxSource.name, containsPattern(filter.q)), ilike(taxSource.creditCode, containsPattern(filter.q)))!);
  if (filter.kind) conditions.push(eq(taxSource.kind, filter.kind));
  if (filter.industry) conditions.push(eq(taxSource.industry, filter.industry));
  if (filter.regionCode) conditions.push(eq(taxSource.regionCode, filter.regionCode));
  if (filter.villageCode) conditions.push(eq(taxSource.villageCode, filter.villageCode));
  const where = and(...conditions);
  const rows = await db.select().from(taxSource).where(where).orderBy(asc(taxSource.regionCode), asc(taxSource.name)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(taxSource).where(where);
  return { items: await viewSources(db, rows), total: count?.n ?? 0 };
}

export async function getTaxSource(db: Db, actor: Actor, id: string): Promise<TaxSourceDetailView> {
  const [row] = await db.select().from(taxSource).where(and(eq(taxSource.id, id), scopeCondition(taxSource.regionCode, actor.scopePrefix)));
  if (!row) return fail("OUT_OF_SCOPE", "税源不存在或不在您的数据范围内。");
  const payments = await db.select().from(taxPayment).where(and(eq(taxPayment.regionCode, row.regionCode), eq(taxPayment.taxSourceId, row.id))).orderBy(asc(taxPayment.month), asc(taxPayment.taxKind));
  const months = new Map<string, Record<string, bigint>>();
  for (const p of payments) months.set(p.month, { ...(months.get(p.month) ?? {}), [p.taxKind]: p.amountFen });
  return {
    ...(await viewSources(db, [row]))[0]!,
    months: [...months.entries()].map(([month, kinds]) => ({ month, byKind: Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, formatYuan(v)])), total: formatYuan(Object.values(kinds).reduce((s, v) => s + v, 0n)) })),
  };
}

/**
 * Imports the tax office's export for a township: 纳税人识别号, 纳税人名称, 所属期, 税种, 实缴金额
 * (and 行业 when present). Every row is checked first; with any bad row nothing is written. An unknown
 * taxpayer is registered as a tax source; a month and kind imported again replace the figure, the
 * earlier one kept in the history.
 */
export async function importTaxPayments(tx: Db, actor: Actor, regionCode: string, rows: readonly TaxRow[], at: Date): Promise<{ rows: number; sourcesCreated: number; replaced: number }> {
  assertTownship(actor, regionCode);
  if (rows.length === 0) refuseRows([{ row: 2, field: "rows", message: "表格没有数据行" }]);
  if (rows.length > TAX_IMPORT_ROWS_MAX) refuseRows([{ row: 1, field: "rows", message: `一次最多导入 ${TAX_IMPORT_ROWS_MAX} 行` }]);
  const checked: CheckedTaxRow[] = [];
  const errors: { row: number; field: string; message: string }[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const c = checkTaxRow(r);
    if (!c.ok) {
      errors.push(...c.errors);
      continue;
    }
    const key = `${c.row.creditCode}|${c.row.month}|${c.row.taxKind}`;
    const first = seen.get(key);
    if (first !== undefined) errors.push({ row: r.row, field: "taxKind", message: `第${r.row}行：与第${first}行重复（同一纳税人、所属期和税种）` });
    else seen.set(key, r.row);
    checked.push(c.row);
  }
  if (errors.length) refuseRows(errors);
  // Set-based: the township's known sources and the payments of these months read in a few queries,
  // new sources, new months and the history written a few hundred rows to a statement.
  const codes = [...new Set(checked.map((c) => c.creditCode))];
  const byCode = new Map<string, SourceRow>();
  for (let i = 0; i < codes.length; i += CHUNK) {
    for (const s of await tx.select().from(taxSource).where(and(eq(taxSource.regionCode, regionCode), inArray(taxSource.creditCode, codes.slice(i, i + CHUNK))))) byCode.set(s.creditCode, s);
  }
  const created: SourceRow[] = [];
  for (const c of checked) {
    if (byCode.has(c.creditCode)) continue;
    const row: SourceRow = { regionCode, id: uuidv7(at.getTime()), creditCode: c.creditCode, name: c.name, kind: taxSourceKindOf(c.creditCode), industry: c.industry, villageCode: null, taxKinds: [], status: "active", createdBy: actor.userId, createdAt: at, updatedAt: at };
    byCode.set(c.creditCode, row);
    created.push(row);
  }
  for (let i = 0; i < created.length; i += CHUNK) await tx.insert(taxSource).values(created.slice(i, i + CHUNK));
  const events: Parameters<typeof recordChanges>[2][number][] = created.map((row) => ({ regionCode, register: "taxSource", recordKey: row.id, action: "createdByImport", after: { creditCode: row.creditCode, name: row.name, kind: row.kind, industry: row.industry } }));
  const fresh = new Set(created.map((r) => r.id));
  const known = [...new Set(checked.map((c) => byCode.get(c.creditCode)!.id))].filter((id) => !fresh.has(id));
  const months = checked.map((c) => c.month).sort();
  const earlier = new Map<string, bigint>();
  for (let i = 0; i < known.length; i += CHUNK) {
    const found = await tx
      .select({ id: taxPayment.taxSourceId, month: taxPayment.month, taxKind: taxPayment.taxKind, amountFen: taxPayment.amountFen })
      .from(taxPayment)
      .where(and(eq(taxPayment.regionCode, regionCode), inArray(taxPayment.taxSourceId, known.slice(i, i + CHUNK)), sql`${taxPayment.month} between ${months[0]!} and ${months.at(-1)!}`));
    for (const p of found) earlier.set(`${p.id}|${p.month}|${p.taxKind}`, p.amountFen);
  }
  const inserts: (typeof taxPayment.$inferInsert)[] = [];
  const kindsAdded = new Set<SourceRow>();
  let replaced = 0;
  for (const c of checked) {
    const source = byCode.get(c.creditCode)!;
    const before = earlier.get(`${source.id}|${c.month}|${c.taxKind}`);
    if (before === c.amountFen) continue;
    if (before !== undefined) {
      replaced++;
      await tx.update(taxPayment).set({ amountFen: c.amountFen, importedBy: actor.userId, importedAt: at }).where(and(eq(taxPayment.regionCode, regionCode), eq(taxPayment.taxSourceId, source.id), eq(taxPayment.month, c.month), eq(taxPayment.taxKind, c.taxKind)));
    } else {
      inserts.push({ regionCode, taxSourceId: source.id, month: c.month, taxKind: c.taxKind, amountFen: c.amountFen, importedBy: actor.userId, importedAt: at });
    }
    events.push({ regionCode, register: "taxPayment", recordKey: source.id, action: before !== undefined ? "replaced" : "imported", before: before !== undefined ? { month: c.month, taxKind: c.taxKind, amount: formatYuan(before) } : null, after: { month: c.month, taxKind: c.taxKind, amount: formatYuan(c.amountFen) } });
    if (!source.taxKinds.includes(c.taxKind)) {
      source.taxKinds = [...source.taxKinds, c.taxKind];
      kindsAdded.add(source);
    }
  }
  for (let i = 0; i < inserts.length; i += CHUNK) await tx.insert(taxPayment).values(inserts.slice(i, i + CHUNK));
  for (const source of kindsAdded) await tx.update(taxSource).set({ taxKinds: source.taxKinds, updatedAt: at }).where(and(eq(taxSource.regionCode, regionCode), eq(taxSource.id, source.id)));
  await recordChanges(tx, actor, events, at);
  const sourcesCreated = created.length;
  await recordAudit(tx, { regionCode, actor: who(actor), action: "register.taxImported", entityType: "taxPayment", entityId: regionCode, after: { rows: checked.length, sourcesCreated, replaced } }, at);
  return { rows: checked.length, sourcesCreated, replaced };
}

/**
 * Tax by township, source, kind and year over a year and the one before; with `throughMonth` (MM) the
 * year before is cut at the same month (同期), so a year in progress is compared like with like.
 */
export async function yearTotals(db: Db, actor: Actor, regionCode: string | undefined, year: number, throughMonth?: string | null) {
  const conditions: SQL[] = [scopeCondition(taxPayment.regionCode, actor.scopePrefix), sql`${taxPayment.month} between ${`${year - 1}-01`} and ${`${year}-12`}`];
  if (regionCode) conditions.push(eq(taxPayment.regionCode, regionCode));
  if (throughMonth) conditions.push(sql`(${taxPayment.month} >= ${`${year}-01`} or ${taxPayment.month} <= ${`${year - 1}-${throughMonth}`})`);
  return db
    .select({ regionCode: taxPayment.regionCode, id: taxPayment.taxSourceId, taxKind: taxPayment.taxKind, year: sql<string>`left(${taxPayment.month}, 4)`, fen: sql<string>`sum(${taxPayment.amountFen})::text` })
    .from(taxPayment)
    .where(and(...conditions))
    .groupBy(taxPayment.regionCode, taxPayment.taxSourceId, taxPayment.taxKind, sql`left(${taxPayment.month}, 4)`);
}

/** The latest month (MM) of a year with tax imported in the caller's scope, or null. */
export async function latestMonth(db: Db, actor: Actor, regionCode: string | undefined, year: number): Promise<string | null> {
  const conditions: SQL[] = [scopeCondition(taxPayment.regionCode, actor.scopePrefix), sql`${taxPayment.month} between ${`${year}-01`} and ${`${year}-12`}`];
  if (regionCode) conditions.push(eq(taxPayment.regionCode, regionCode));
  const [row] = await db.select({ month: sql<string | null>`max(${taxPayment.month})` }).from(taxPayment).where(and(...conditions));
  return row?.month ? row.month.slice(5, 7) : null;
}

/** The key tax sources of a year, largest first, with last year's figure and the change. */
export async function taxRanking(db: Db, actor: Actor, input: { regionCode?: string | undefined; year: number; limit: number }): Promise<TaxRankingView> {
  if (input.regionCode && !scopeCovers(actor.scopePrefix, input.regionCode)) return fail("OUT_OF_SCOPE", "该乡镇不在您的数据范围内。");
  const throughMonth = await latestMonth(db, actor, input.regionCode, input.year);
  const totals = await yearTotals(db, actor, input.regionCode, input.year, throughMonth);
  const current = new Map<string, bigint>();
  const previous = new Map<string, bigint>();
  for (const t of totals) {
    const map = t.year === String(input.year) ? current : previous;
    map.set(t.id, (map.get(t.id) ?? 0n) + BigInt(t.fen));
  }
  const all = [...current.values()].reduce((s, v) => s + v, 0n);
  const top = [...current.entries()].sort((a, b) => (a[1] === b[1] ? 0 : a[1] > b[1] ? -1 : 1)).slice(0, input.limit);
  const sources = top.length ? await db.select().from(taxSource).where(and(scopeCondition(taxSource.regionCode, actor.scopePrefix), inArray(taxSource.id, top.map(([id]) => id)))) : [];
  const names = await namesOf(db, sources.map((s) => s.regionCode));
  const byId = new Map(sources.map((s) => [s.id, s]));
  return {
    items: top.map(([id, fen], i) => {
      const s = byId.get(id)!;
      const prev = previous.get(id) ?? 0n;
      const change = yearOnYear(fen, prev);
      return { rank: i + 1, id, name: s.name, creditCode: s.creditCode, industry: s.industry, regionName: names.get(s.regionCode) ?? s.regionCode, paid: formatYuan(fen), previousYear: formatYuan(prev), change: change ? formatDecimal(change) : null, share: shareOf(fen, all) };
    }),
    total: formatYuan(all),
    previousTotal: formatYuan([...previous.values()].reduce((sum, v) => sum + v, 0n)),
    throughMonth,
  };
}

/** Next year's revenue estimate of a township from its tax sources: this year's tax by kind grown by its change, within the cap. */
export async function revenueEstimate(db: Db, actor: Actor, input: { regionCode?: string | undefined; year: number }): Promise<RevenueEstimateView> {
  const regionCode = input.regionCode ?? actor.regionCode.slice(0, 9);
  if (!scopeCovers(actor.scopePrefix, regionCode)) return fail("OUT_OF_SCOPE", "该乡镇不在您的数据范围内。");
  const basisYear = input.year - 1;
  // A basis year not over is compared with the same months of last year; the months still to come are
  // last year's, grown by the change.
  const through = await latestMonth(db, actor, regionCode, basisYear);
  const throughMonth = through && through !== "12" ? through : null;
  const kinds = new Map<string, { basisFen: bigint; previousFen: bigint; remainingFen: bigint }>();
  const entry = (kind: string) => kinds.get(kind) ?? kinds.set(kind, { basisFen: 0n, previousFen: 0n, remainingFen: 0n }).get(kind)!;
  for (const t of await yearTotals(db, actor, regionCode, basisYear)) {
    const k = entry(t.taxKind);
    if (t.year === String(basisYear)) k.basisFen += BigInt(t.fen);
    else if (!throughMonth) k.previousFen += BigInt(t.fen);
    else k.remainingFen += BigInt(t.fen);
  }
  if (throughMonth) {
    for (const t of await yearTotals(db, actor, regionCode, basisYear, throughMonth)) {
      if (t.year === String(basisYear)) continue;
      const k = entry(t.taxKind);
      k.previousFen += BigInt(t.fen);
      k.remainingFen -= BigInt(t.fen);
    }
  }
  const cap = await readSetting(db, regionCode, growthCapSetting);
  const estimated = estimateRevenue([...kinds.entries()].map(([taxKind, k]) => ({ taxKind, ...k })).sort((a, b) => a.taxKind.localeCompare(b.taxKind, "zh")), parseDecimal(cap));
  const sum = (pick: (e: (typeof estimated)[number]) => bigint) => estimated.reduce((s, e) => s + pick(e), 0n);
  const total = { basisFen: sum((e) => e.basisFen), previousFen: sum((e) => e.previousFen), fullYearFen: sum((e) => e.fullYearFen), estimateFen: sum((e) => e.estimateFen) };
  const totalGrowth = yearOnYear(total.basisFen, total.previousFen);
  return {
    regionCode,
    year: input.year,
    basisYear,
    throughMonth,
    byKind: estimated.map((e) => ({ taxKind: e.taxKind, basis: formatYuan(e.basisFen), previous: formatYuan(e.previousFen), growth: e.growth ? formatDecimal(e.growth) : null, fullYear: formatYuan(e.fullYearFen), estimate: formatYuan(e.estimateFen) })),
    total: { basis: formatYuan(total.basisFen), previous: formatYuan(total.previousFen), growth: totalGrowth ? formatDecimal(totalGrowth) : null, fullYear: formatYuan(total.fullYearFen), estimate: formatYuan(total.estimateFen) },
    growthCap: cap,
  };
}
