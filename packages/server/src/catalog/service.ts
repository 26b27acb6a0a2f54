// Classification catalogues: one version per fiscal year, kept by the district bureau and read by
// every township of the district; imported from CSV or Excel with row-level errors; looked up by code.
import { readFileSync } from "node:fs";
import { and, asc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { fail } from "../platform/errors.ts";
import { loadWorkbook, refuseSheet } from "../platform/sheetReader.ts";
import { containsPattern } from "../platform/scope.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { classificationItem, type ClassificationKind } from "./tables.ts";
import { CATALOG_ROWS_MAX, catalogRegionOf, catalogRowsOf, checkCatalogRows, levelNames, levelOf, parseCsv, type CatalogRow } from "./rules.ts";
import type { ClassificationView, CatalogImportResult as ImportResult } from "@xiangcai/shared";
export type { ClassificationView, ImportResult };

function view(r: typeof classificationItem.$inferSelect): ClassificationView {
  const level = levelOf(r.kind, r.code) ?? 1;
  return { regionCode: r.regionCode, fiscalYear: r.fiscalYear, kind: r.kind, code: r.code, name: r.name, parentCode: r.parentCode, level, levelName: levelNames[r.kind][level - 1] ?? "" };
}

/** The top levels shipped with the platform (DOMAIN.md §6), as (code, name) rows. */
export function defaultCatalogRows(kind: ClassificationKind): CatalogRow[] {
  const file = { functional: "functional-classification-top.csv", economic: "economic-classification-department.csv", revenue: "revenue-classification-top.csv" }[kind];
  return catalogRowsOf(parseCsv(readFileSync(new URL(`./data/${file}`, import.meta.url), "utf8")));
}

export async function readSpreadsheetRows(content: Buffer): Promise<string[][]> {
  const workbook = await loadWorkbook(content).catch(refuseSheet((message) => fail("VALIDATION_FAILED", `无法读取 Excel 文件：${message}`, [{ path: "content", message: "文件格式不正确" }])));
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  if (sheet.rowCount > CATALOG_ROWS_MAX + 1) fail("VALIDATION_FAILED", `一次最多导入 ${CATALOG_ROWS_MAX} 行。`);
  const records: string[][] = [];
  for (let i = 1; i <= sheet.rowCount; i++) {
    const row = sheet.getRow(i);
    const cell = (n: number) => {
      const v = row.getCell(n).value;
      if (v === null || v === undefined) return "";
      if (typeof v === "object" && "richText" in v) return v.richText.map((t) => t.text).join("");
      return String(v);
    };
    records.push([cell(1), cell(2)]);
  }
  return records;
}

/** Adds or renames codes of a year's catalogue; nothing is written when any row is wrong. */
export async function importCatalog(
  tx: Db,
  actor: Actor,
  input: { fiscalYear: number; kind: ClassificationKind; rows: CatalogRow[]; dryRun?: boolean | undefined },
  at: Date,
): Promise<ImportResult> {
  if (input.rows.length > CATALOG_ROWS_MAX) fail("VALIDATION_FAILED", `一次最多导入 ${CATALOG_ROWS_MAX} 行。`);
  const regionCode = catalogRegionOf(actor.regionCode);
  const existing = await tx
    .select({ code: classificationItem.code, name: classificationItem.name })
    .from(classificationItem)
    .where(and(eq(classificationItem.regionCode, regionCode), eq(classificationItem.fiscalYear, input.fiscalYear), eq(classificationItem.kind, input.kind)));
  const names = new Map(existing.map((e) => [e.code, e.name]));
  const checked = checkCatalogRows(input.kind, input.rows, new Set(names.keys()));
  const result: ImportResult = { fiscalYear: input.fiscalYear, kind: input.kind, total: input.rows.length, added: 0, renamed: 0, unchanged: 0, errors: checked.errors };
  if (checked.errors.length) return result;
  const added = checked.items.filter((i) => !names.has(i.code));
  const renamed = checked.items.filter((i) => names.has(i.code) && names.get(i.code) !== i.name);
  result.added = added.length;
  result.renamed = renamed.length;
  result.unchanged = checked.items.length - added.length - renamed.length;
  if (input.dryRun) return result;
  // Parents first, so a reader never sees a code whose parent is missing.
  const sorted = [...added].sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code));
  for (let i = 0; i < sorted.length; i += 500) {
    await tx.insert(classificationItem).values(sorted.slice(i, i + 500).map((item) => ({ regionCode, fiscalYear: input.fiscalYear, kind: input.kind, code: item.code, name: item.name, parentCode: item.parentCode })));
  }
  for (const item of renamed) {
    await tx
      .update(classificationItem)
      .set({ name: item.name })
      .where(and(eq(classificationItem.regionCode, regionCode), eq(classificationItem.fiscalYear, input.fiscalYear), eq(classificationItem.kind, input.kind), eq(classificationItem.code, item.code)));
  }
  if (added.length || renamed.length) {
    await recordAudit(tx, {
      regionCode,
      actor: { id: actor.userId, name: actor.displayName },
      action: "catalog.imported",
      entityType: "classificationCatalog",
      entityId: `${input.fiscalYear}/${input.kind}`,
      after: { added: added.map((a) => a.code), renamed: renamed.map((r) => ({ code: r.code, name: r.name, before: names.get(r.code) })) },
    }, at);
  }
  return result;
}

/** Installs the shipped top levels of the three catalogues for a year (codes already there are kept). */
export async function installDefaultCatalogs(tx: Db, actor: Actor, fiscalYear: number, at: Date): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const kind of ["functional", "economic", "revenue"] as const) results.push(await importCatalog(tx, actor, { fiscalYear, kind, rows: defaultCatalogRows(kind) }, at));
  return results;
}

/** One code of the catalogue a region reads, or null. Look-ups are always by code, never by name. */
export async function lookupClassification(db: Db, regionCode: string, fiscalYear: number, kind: ClassificationKind, code: string): Promise<ClassificationView | null> {
  const [row] = await db
    .select()
    .from(classificationItem)
    .where(and(eq(classificationItem.regionCode, catalogRegionOf(regionCode)), eq(classificationItem.fiscalYear, fiscalYear), eq(classificationItem.kind, kind), eq(classificationItem.code, code)));
  return row ? view(row) : null;
}

/** Names of many codes at once (for reports and lists). */
export async function classificationNames(db: Db, regionCode: string, fiscalYear: number, kind: ClassificationKind, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const found = await db
    .select({ code: classificationItem.code, name: classificationItem.name })
    .from(classificationItem)
    .where(and(eq(classificationItem.regionCode, catalogRegionOf(regionCode)), eq(classificationItem.fiscalYear, fiscalYear), eq(classificationItem.kind, kind), inArray(classificationItem.code, [...new Set(codes)])));
  return new Map(found.map((f) => [f.code, f.name]));
}

export async function listClassifications(
  db: Db,
  actor: Actor,
  filter: { fiscalYear: number; kind: ClassificationKind; q?: string | undefined; parentCode?: string | undefined; level?: number | undefined },
  page: { limit: number; offset: number },
): Promise<{ items: ClassificationView[]; total: number }> {
  const conditions: SQL[] = [
    eq(classificationItem.regionCode, catalogRegionOf(actor.regionCode)),
    eq(classificationItem.fiscalYear, filter.fiscalYear),
    eq(classificationItem.kind, filter.kind),
  ];
  if (filter.parentCode) conditions.push(eq(classificationItem.parentCode, filter.parentCode));
  if (filter.level) conditions.push(sql`length(${classificationItem.code}) = ${1 + filter.level * 2}`);
  if (filter.q) conditions.push(or(ilike(classificationItem.name, containsPattern(filter.q)), ilike(classificationItem.code, `${filter.q.replace(/[\\%_]/g, "")}%`))!);
  const where = and(...conditions);
  const found = await db.select().from(classificationItem).where(where).orderBy(asc(classificationItem.code)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<bigint>`count(*)` }).from(classificationItem).where(where);
  return { items: found.map(view), total: Number(count?.n ?? 0n) };
}
