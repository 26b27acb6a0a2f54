// Subsidy items (补贴项目): what is paid, at what standard, per what period, from which classification.
import { and, asc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { formatYuan, scopeCovers } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { invariant } from "../platform/errors.ts";
import { containsPattern, scopeCondition } from "../platform/scope.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { subsidyItem, type SubsidyBasis, type PeriodKind } from "./tables.ts";
import { fail, townshipFor, who } from "./common.ts";
import type { SubsidyItemView as ItemView } from "@xiangcai/shared";
export type { ItemView };

const itemView = (r: typeof subsidyItem.$inferSelect): ItemView => ({
  regionCode: r.regionCode,
  code: r.code,
  name: r.name,
  basis: r.basis,
  unit: r.unit,
  standard: formatYuan(r.standardFen),
  periodKind: r.periodKind,
  fundSource: r.fundSource,
  functionalCode: r.functionalCode,
  economicCode: r.economicCode,
  active: r.active,
});

export interface ItemInput {
  regionCode?: string | undefined;
  code: string;
  name: string;
  basis: SubsidyBasis;
  unit: string;
  standardFen: bigint;
  periodKind: PeriodKind;
  fundSource: string;
  functionalCode?: string | undefined;
  economicCode?: string | undefined;
  active?: boolean | undefined;
}

export async function listItems(db: Db, actor: Actor, filter: { regionCode?: string | undefined; q?: string | undefined; active?: boolean | undefined }, page: { limit: number; offset: number }) {
  const scopePrefix = actor.scopePrefix.slice(0, 9);
  const conditions: SQL[] = [scopeCondition(subsidyItem.regionCode, scopePrefix)];
  if (filter.regionCode) conditions.push(eq(subsidyItem.regionCode, filter.regionCode));
  if (filter.active !== undefined) conditions.push(eq(subsidyItem.active, filter.active));
  if (filter.q) conditions.push(or(ilike(subsidyItem.name, containsPattern(filter.q)), ilike(subsidyItem.code, containsPattern(filter.q)))!);
  const where = and(...conditions);
  const found = await db.select().from(subsidyItem).where(where).orderBy(asc(subsidyItem.regionCode), asc(subsidyItem.code)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<bigint>`count(*)` }).from(subsidyItem).where(where);
  return { items: found.map(itemView), total: Number(count?.n ?? 0n) };
}

export async function getItem(db: Db, regionCode: string, code: string): Promise<typeof subsidyItem.$inferSelect> {
  const [row] = await db.select().from(subsidyItem).where(and(eq(subsidyItem.regionCode, regionCode), eq(subsidyItem.code, code)));
  if (!row) return fail("NOT_FOUND", `补贴项目 ${code} 不存在。`, [{ path: "itemCode", message: "项目不存在" }]);
  return row;
}

export async function createItem(tx: Db, actor: Actor, input: ItemInput, at: Date): Promise<ItemView> {
  const regionCode = townshipFor(actor, input.regionCode);
  const [exists] = await tx.select({ code: subsidyItem.code }).from(subsidyItem).where(and(eq(subsidyItem.regionCode, regionCode), eq(subsidyItem.code, input.code)));
  if (exists) fail("DUPLICATE", `项目代码 ${input.code} 已存在。`, [{ path: "code", message: "项目代码已存在" }]);
  const [row] = await tx
    .insert(subsidyItem)
    .values({ regionCode, code: input.code, name: input.name, basis: input.basis, unit: input.unit, standardFen: input.standardFen, periodKind: input.periodKind, fundSource: input.fundSource, functionalCode: input.functionalCode ?? "", economicCode: input.economicCode ?? "", active: input.active ?? true, createdAt: at, updatedAt: at })
    .returning();
  invariant(row, "inserted item is returned");
  const view = itemView(row);
  await recordAudit(tx, { regionCode, actor: who(actor), action: "subsidy.itemCreated", entityType: "subsidyItem", entityId: input.code, after: view }, at);
  return view;
}

export async function updateItem(tx: Db, actor: Actor, regionCode: string, code: string, patch: Partial<Omit<ItemInput, "code" | "regionCode">>, at: Date): Promise<ItemView> {
  if (!scopeCovers(actor.scopePrefix, regionCode)) fail("OUT_OF_SCOPE", "补贴项目不存在或不在您的数据范围内。");
  const before = itemView(await getItem(tx, regionCode, code));
  const [row] = await tx
    .update(subsidyItem)
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.basis !== undefined ? { basis: patch.basis } : {}),
      ...(patch.unit !== undefined ? { unit: patch.unit } : {}),
      ...(patch.standardFen !== undefined ? { standardFen: patch.standardFen } : {}),
      ...(patch.periodKind !== undefined ? { periodKind: patch.periodKind } : {}),
      ...(patch.fundSource !== undefined ? { fundSource: patch.fundSource } : {}),
      ...(patch.functionalCode !== undefined ? { functionalCode: patch.functionalCode } : {}),
      ...(patch.economicCode !== undefined ? { economicCode: patch.economicCode } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      updatedAt: at,
    })
    .where(and(eq(subsidyItem.regionCode, regionCode), eq(subsidyItem.code, code)))
    .returning();
  invariant(row, "updated item is returned");
  const after = itemView(row);
  await recordAudit(tx, { regionCode, actor: who(actor), action: "subsidy.itemUpdated", entityType: "subsidyItem", entityId: code, before, after }, at);
  return after;
}
